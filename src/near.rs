//! `cispgen near`: the « près de chez moi » query from a terminal, for advisers and
//! tests — the same geocoding and R-tree as the site.

use serde::Serialize;

use crate::geocode::{Candidate, Geocoder, NotFound};
use crate::model::Categorie;
use crate::resolve::Catalogue;
use crate::site::format;
use crate::spatial::km_pour_humains;

pub struct NearQuery {
    /// A municipality, a locality, a postal code or « lat,lon ».
    pub ou: String,
    pub rayon_km: f64,
    pub categorie: Option<Categorie>,
    pub rome: Option<String>,
    pub limite: usize,
}

/// One track at one place, at a distance from the point asked.
#[derive(Debug, Clone, Serialize)]
pub struct NearRow {
    pub km: f64,
    pub distance: String,
    pub filiere: String,
    pub titre: String,
    pub categorie: &'static str,
    pub rome: Vec<String>,
    pub centre: String,
    pub lieu: String,
    pub adresse: String,
    pub commune: String,
    /// The place's point (WGS 84, 6 decimals), so that results can be mapped and checked.
    pub lat: f64,
    pub lon: f64,
    pub gare: Option<String>,
    pub prochaine_seance: Option<String>,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct NearResult {
    /// The place the query was understood as.
    pub point_de_depart: String,
    /// Its point (WGS 84, 6 decimals): distances are measured from here, as the crow flies.
    pub depart_lat: f64,
    pub depart_lon: f64,
    /// Other places the words could mean (the first one was used).
    pub autres_possibilites: Vec<String>,
    pub lignes: Vec<NearRow>,
}

fn arrondi6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The result as GeoJSON (RFC 7946): the starting point, then one point per track and
/// place with the same fields as the JSON rows.
pub fn to_geojson(result: &NearResult) -> String {
    let depart = serde_json::json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [result.depart_lon, result.depart_lat]},
        "properties": {"role": "depart", "nom": result.point_de_depart},
    });
    let lignes = result.lignes.iter().map(|r| {
        let mut properties = serde_json::to_value(r).unwrap_or_default();
        if let Some(p) = properties.as_object_mut() {
            p.remove("lat");
            p.remove("lon");
            p.insert("role".into(), "formation".into());
        }
        serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": properties,
        })
    });
    let features: Vec<serde_json::Value> = std::iter::once(depart).chain(lignes).collect();
    let collection = serde_json::json!({"type": "FeatureCollection", "features": features});
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}

/// Answers a query; an unknown place gives suggestions.
pub fn near(
    cat: &Catalogue,
    geocoder: &Geocoder,
    query: &NearQuery,
    base_url: &str,
) -> Result<NearResult, NotFound> {
    let candidates = geocoder.geocode(&query.ou)?;
    let Some((first, others)) = candidates.split_first() else {
        return Err(NotFound {
            query: query.ou.clone(),
            suggestions: Vec::new(),
        });
    };
    let rome = query.rome.as_ref().map(|r| r.trim().to_ascii_uppercase());
    let mut lignes = Vec::new();
    for hit in cat.index_lieux.within(first.point, query.rayon_km) {
        let lieu = &cat.lieux[hit.id];
        for &f in &lieu.filieres {
            let fr = &cat.filieres[f];
            let model = fr.filiere;
            if query.categorie.is_some_and(|c| c != model.categorie) {
                continue;
            }
            if let Some(code) = &rome
                && !model
                    .rome
                    .iter()
                    .any(|r| r.trim().eq_ignore_ascii_case(code))
            {
                continue;
            }
            lignes.push(NearRow {
                km: (hit.km * 100.0).round() / 100.0,
                distance: km_pour_humains(hit.km),
                filiere: fr.slug.clone(),
                titre: model.titre.value.clone(),
                categorie: model.categorie.nom(),
                rome: model.rome.iter().map(|r| r.trim().to_string()).collect(),
                centre: cat.centres[fr.centre].centre.nom.value.clone(),
                lieu: lieu.lieu.nom.value.clone(),
                adresse: format!(
                    "{}, {} {}",
                    lieu.lieu.rue.value,
                    lieu.lieu.code_postal.trim(),
                    lieu.lieu.localite.value
                ),
                commune: lieu.commune.nom.clone(),
                lat: arrondi6(lieu.point.y()),
                lon: arrondi6(lieu.point.x()),
                gare: lieu.gare.and_then(|g| {
                    cat.refdata
                        .gares
                        .get(g.id)
                        .map(|s| format!("{} ({})", s.nom, km_pour_humains(g.km)))
                }),
                prochaine_seance: fr.seances.first().map(|s| {
                    format!(
                        "{} à {}",
                        format::date_longue(s.date.0),
                        format::heure(s.heure)
                    )
                }),
                url: format!("{base_url}{}", crate::site::urls::filiere(&fr.slug)),
            });
            if lignes.len() >= query.limite {
                break;
            }
        }
        if lignes.len() >= query.limite {
            break;
        }
    }
    Ok(NearResult {
        point_de_depart: first.label.clone(),
        depart_lat: arrondi6(first.point.y()),
        depart_lon: arrondi6(first.point.x()),
        autres_possibilites: others.iter().map(|c: &Candidate| c.label.clone()).collect(),
        lignes,
    })
}

/// A cell for a `;`-separated CSV (what Belgian Excel expects).
pub fn csv_cell(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// CSV with a UTF-8 byte-order mark and `;` separators, so Excel opens it right.
pub fn to_csv(result: &NearResult) -> String {
    let mut out = String::from(
        "\u{feff}distance_km;formation;categorie;codes_rome;centre;lieu;adresse;commune;gare;prochaine_seance;adresse_web\r\n",
    );
    for r in &result.lignes {
        let cells = [
            format!("{:.2}", r.km).replace('.', ","),
            r.titre.clone(),
            r.categorie.to_string(),
            r.rome.join(" "),
            r.centre.clone(),
            r.lieu.clone(),
            r.adresse.clone(),
            r.commune.clone(),
            r.gare.clone().unwrap_or_default(),
            r.prochaine_seance.clone().unwrap_or_default(),
            r.url.clone(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(";"),
        );
        out.push_str("\r\n");
    }
    out
}

/// An aligned table for the terminal.
pub fn to_table(result: &NearResult) -> String {
    let mut out = format!("Autour de {} :\n", result.point_de_depart);
    if !result.autres_possibilites.is_empty() {
        out.push_str(&format!(
            "(autres possibilités : {})\n",
            result.autres_possibilites.join(" ; ")
        ));
    }
    if result.lignes.is_empty() {
        out.push_str(
            "Aucune formation dans ce rayon : essayez un rayon plus grand (--radius 50).\n",
        );
        return out;
    }
    let rows: Vec<[String; 5]> = result
        .lignes
        .iter()
        .map(|r| {
            [
                r.distance.clone(),
                r.titre.clone(),
                r.categorie.to_string(),
                format!("{} — {}", r.centre, r.commune),
                r.prochaine_seance.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let headers = [
        "distance",
        "formation",
        "catégorie",
        "centre — commune",
        "prochaine séance",
    ];
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    out.push_str(&line(&headers.map(str::to_string)));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("dit \"x\""), "\"dit \"\"x\"\"\"");
        assert_eq!(csv_cell("simple"), "simple");
    }
}
