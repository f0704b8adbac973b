//! The places as GeoJSON and the tracks as CSV (one row per track and place).

use super::Filtre;
use super::catalogue::{arrondi1, arrondi6, contact, rome};
use super::records::PrecisionOuverte;
use crate::resolve::Catalogue;
use crate::site::format;
use crate::site::urls::{self, url_fiche};

// ---------------------------------------------------------------------------------------
// GeoJSON
// ---------------------------------------------------------------------------------------

/// Properties of each point of `lieux.geojson`: (name, description), for the data page.
pub const PROPRIETES_GEOJSON: &[(&str, &str)] = &[
    ("id", "identifiant du lieu (aussi l'« id » du Feature)"),
    ("nom", "nom du lieu"),
    ("centre_id", "identifiant du centre"),
    ("centre", "nom du centre"),
    ("rue", "rue et numéro"),
    ("code_postal", "code postal"),
    ("localite", "localité (section de commune)"),
    ("commune", "commune"),
    ("nis", "code INS de la commune"),
    ("bassin_id", "identifiant du bassin EFE"),
    ("bassin", "nom du bassin EFE"),
    (
        "precision",
        "exacte (coordonnées du centre), localite ou commune (point approché)",
    ),
    ("gare", "gare la plus proche"),
    (
        "gare_km",
        "distance à vol d'oiseau jusqu'à cette gare, en km",
    ),
    ("nb_filieres", "nombre de filières données dans ce lieu"),
    ("filieres", "identifiants des filières (liste)"),
    ("formations", "titres des filières, séparés par « | »"),
    ("url", "page du lieu sur cisp.be"),
];

/// `lieux.geojson`: one Point Feature per place with tracks (RFC 7946).
pub fn geojson(cat: &Catalogue, base_url: &str) -> String {
    use serde_json::{Value, json};
    let mut lieux: Vec<usize> = (0..cat.lieux.len())
        .filter(|&l| !cat.lieux[l].filieres.is_empty())
        .collect();
    lieux.sort_by(|&a, &b| cat.lieux[a].lieu.id.value.cmp(&cat.lieux[b].lieu.id.value));
    // Written feature by feature: a tree of every feature at once was ~100 MB at 100 ×.
    // The collection's keys come in serde_json's order (sorted): `features`, `type`.
    let mut out = String::from("{\"features\":[");
    for (i, l) in lieux.into_iter().enumerate() {
        let feature: Value = {
            let lr = &cat.lieux[l];
            let centre = cat.centres[lr.centre].centre;
            let mut filieres: Vec<usize> = lr.filieres.clone();
            filieres.sort_by(|&a, &b| {
                cat.filieres[a]
                    .filiere
                    .id
                    .value
                    .cmp(&cat.filieres[b].filiere.id.value)
            });
            let gare = lr.gare.and_then(|h| {
                cat.refdata
                    .gares
                    .get(h.id)
                    .map(|g| (g.nom.clone(), arrondi1(h.km)))
            });
            json!({
                "type": "Feature",
                "id": lr.lieu.id.value,
                "geometry": {
                    "type": "Point",
                    "coordinates": [arrondi6(lr.point.x()), arrondi6(lr.point.y())],
                },
                "properties": {
                    "id": lr.lieu.id.value,
                    "nom": lr.lieu.nom.value,
                    "centre_id": centre.id.value,
                    "centre": centre.nom.value,
                    "rue": lr.lieu.rue.value,
                    "code_postal": lr.lieu.code_postal.trim(),
                    "localite": lr.lieu.localite.value,
                    "commune": lr.commune.nom,
                    "nis": lr.commune.nis,
                    "bassin_id": lr.bassin.map(|b| b.id.clone()),
                    "bassin": lr.bassin.map(|b| b.nom.clone()),
                    "precision": PrecisionOuverte::from(lr.precision),
                    "gare": gare.as_ref().map(|g| g.0.clone()),
                    "gare_km": gare.as_ref().map(|g| g.1),
                    "nb_filieres": filieres.len(),
                    "filieres": filieres.iter().map(|&f| cat.filieres[f].filiere.id.value.clone()).collect::<Vec<_>>(),
                    "formations": filieres.iter().map(|&f| cat.filieres[f].filiere.titre.value.as_str()).collect::<Vec<_>>().join(" | "),
                    "url": format!("{base_url}{}", urls::lieu(&lr.slug)),
                },
            })
        };
        if i > 0 {
            out.push(',');
        }
        out.push_str(&feature.to_string());
    }
    out.push_str("],\"type\":\"FeatureCollection\"}\n");
    out
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

/// The columns of `filieres.csv`: (name, description), in order.
pub const COLONNES_CSV: &[(&str, &str)] = &[
    ("filiere_id", "identifiant de la filière"),
    ("filiere", "titre de la filière"),
    (
        "categorie",
        "orientation, formation-de-base ou formation-professionnalisante",
    ),
    ("secteur", "secteur d'activité"),
    (
        "codes_rome",
        "codes métier ROME v3, séparés par une virgule",
    ),
    ("metiers_rome", "intitulés de ces codes, séparés par « | »"),
    ("centre_id", "identifiant du centre"),
    ("centre", "nom du centre"),
    ("federation", "fédération du centre"),
    ("methode", "EFT ou DéFi"),
    ("lieu_id", "identifiant du lieu"),
    ("lieu", "nom du lieu"),
    ("rue", "rue et numéro"),
    ("code_postal", "code postal"),
    ("localite", "localité"),
    ("commune", "commune"),
    ("nis", "code INS de la commune"),
    ("bassin_id", "identifiant du bassin EFE"),
    ("bassin", "bassin EFE"),
    ("latitude", "latitude WGS84 (virgule décimale)"),
    ("longitude", "longitude WGS84 (virgule décimale)"),
    ("gare", "gare la plus proche"),
    ("gare_km", "distance à vol d'oiseau jusqu'à la gare, en km"),
    ("duree_semaines", "durée en semaines"),
    ("duree_heures", "durée en heures"),
    ("heures_par_semaine", "heures de formation par semaine"),
    ("jours", "jours de formation"),
    ("moment", "en journée, le soir, ou les deux"),
    ("entree_permanente", "oui : on peut commencer à tout moment"),
    ("dates_debut", "prochaines dates de début (AAAA-MM-JJ)"),
    (
        "prochaine_seance",
        "prochaine séance d'information (AAAA-MM-JJ HH:MM)",
    ),
    ("seances", "toutes les séances d'information à venir"),
    ("stage", "oui s'il y a un stage en entreprise"),
    ("certification", "ce que la personne obtient à la fin"),
    ("contact", "personne de contact"),
    ("telephone", "téléphone de la filière, sinon du centre"),
    ("courriel", "courriel de la filière, sinon du centre"),
    ("url", "page de la filière sur cisp.be"),
    ("fiche", "fiche à imprimer"),
    (
        "mis_a_jour",
        "date de la dernière vérification par le centre",
    ),
];

/// A decimal number with a decimal comma (Belgian spreadsheets), no trailing zeros.
pub(crate) fn virgule(x: f64, decimales: usize) -> String {
    let s = format!("{x:.decimales$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('.', ",")
}

pub(crate) fn oui_non(b: bool) -> &'static str {
    if b { "oui" } else { "non" }
}

/// A text cell: a leading `=`, `+`, `-` or `@` would make a spreadsheet read a formula
/// (« CSV injection »), so such a cell gets a leading apostrophe, as OWASP advises.
pub fn cellule(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    if text.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{text}")
    } else {
        text
    }
}

/// The rows of the selected tracks × places, header first.
pub fn lignes_csv(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> =
        vec![COLONNES_CSV.iter().map(|(n, _)| n.to_string()).collect()];
    for (f, lieux) in filtre.selection(cat) {
        let fr = &cat.filieres[f];
        let m = fr.filiere;
        let centre = cat.centres[fr.centre].centre;
        let romes = rome(cat, f);
        let contact = contact(cat, f);
        let telephone = contact
            .telephone
            .as_deref()
            .map(format::telephone_affiche)
            .unwrap_or_default();
        let mut jours = m.horaire.jours.clone();
        jours.sort();
        jours.dedup();
        let seances: Vec<String> = fr
            .seances
            .iter()
            .map(|s| format!("{} {}", s.date, s.heure))
            .collect();
        let dates: Vec<String> = cat
            .debuts_a_venir(f)
            .iter()
            .map(|d| d.to_string())
            .collect();
        for l in lieux {
            let lr = &cat.lieux[l];
            let gare = lr
                .gare
                .and_then(|h| cat.refdata.gares.get(h.id).map(|g| (g.nom.as_str(), h.km)));
            let row: Vec<String> = vec![
                cellule(&m.id),
                cellule(&m.titre),
                m.categorie.slug().into(),
                m.secteur.slug().into(),
                romes
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                cellule(
                    &romes
                        .iter()
                        .map(|r| r.libelle.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
                cellule(&centre.id),
                cellule(&centre.nom),
                centre.federation.sigle().into(),
                centre.methode.sigle().into(),
                cellule(&lr.lieu.id),
                cellule(&lr.lieu.nom),
                cellule(&lr.lieu.rue),
                lr.lieu.code_postal.trim().into(),
                cellule(&lr.lieu.localite),
                lr.commune.nom.clone(),
                lr.commune.nis.clone(),
                lr.bassin.map(|b| b.id.clone()).unwrap_or_default(),
                lr.bassin.map(|b| b.nom.clone()).unwrap_or_default(),
                virgule(arrondi6(lr.point.y()), 6),
                virgule(arrondi6(lr.point.x()), 6),
                gare.map(|g| g.0.to_string()).unwrap_or_default(),
                gare.map(|g| virgule(g.1, 1)).unwrap_or_default(),
                m.duree.semaines.map(|s| s.to_string()).unwrap_or_default(),
                m.duree.heures.map(|h| h.to_string()).unwrap_or_default(),
                m.horaire
                    .heures_par_semaine
                    .as_ref()
                    .map(|h| virgule(f64::from(h.value), 1))
                    .unwrap_or_default(),
                jours.iter().map(|j| j.nom()).collect::<Vec<_>>().join(", "),
                m.horaire.moment.nom().into(),
                oui_non(m.entree.permanente).into(),
                dates.join(", "),
                seances.first().cloned().unwrap_or_default(),
                seances.join(", "),
                oui_non(m.stage).into(),
                cellule(m.certification.as_ref().map_or("", |c| c.as_str())),
                cellule(contact.nom.as_deref().unwrap_or("")),
                telephone.clone(),
                cellule(contact.courriel.as_deref().unwrap_or("")),
                format!("{base_url}{}", urls::filiere(&fr.slug)),
                format!("{base_url}{}", url_fiche(&fr.slug)),
                m.mis_a_jour.value.to_string(),
            ];
            debug_assert_eq!(row.len(), COLONNES_CSV.len());
            rows.push(row);
        }
    }
    rows
}

/// `filieres.csv`: UTF-8 with BOM, `;`, CRLF, RFC 4180 quoting.
pub fn csv(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> Vec<u8> {
    csv_de(lignes_csv(cat, base_url, filtre))
}

/// The CSV file of rows made by [`lignes_csv`].
pub(crate) fn csv_de(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut out: Vec<u8> = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        for row in rows {
            // Writing into a Vec cannot fail.
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    out
}
