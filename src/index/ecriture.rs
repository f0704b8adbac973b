//! JSON writing: integer coordinates, the records of a part, and the files named after
//! their content.

use std::collections::BTreeMap;
use std::io::Write as _;

use geo::Point;
use serde_json::{Value, json};

use super::lexique::{
    DRAPEAU_DEFI, Tables, categorie_id, codes_rome, drapeaux, gare_a_pied, secteur_id,
};
use super::parties::Partie;
use super::{DOSSIER, Output, SEANCES_MAX, X0, Y0, empreinte};
use crate::model::Methode;
use crate::resolve::{Catalogue, Precision};
use crate::text::fold;

pub(super) fn entier(v: f64, origine: f64, echelle: f64) -> i64 {
    ((v - origine) * echelle).round() as i64
}

pub(super) fn x_lieu(p: Point<f64>) -> i64 {
    entier(p.x(), X0, 1e4)
}

pub(super) fn y_lieu(p: Point<f64>) -> i64 {
    entier(p.y(), Y0, 1e4)
}

/// An index file named after its content, and its gzip size (which the browser adds up to
/// choose what to fetch).
pub(super) fn publier(nom: &str, v: &Value) -> (Output, usize) {
    let bytes = v.to_string().into_bytes();
    let path = format!("{DOSSIER}/{nom}.{}.json", empreinte(&bytes));
    let o = gzip_len(&bytes);
    (Output { path, bytes }, o)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// A slug without its centre's prefix: `fournil-seraing` → `seraing` under `fournil`;
/// `!slug` when it does not start with `<centre>-`.
fn relatif(slug: &str, centre: &str) -> String {
    match slug.strip_prefix(centre).and_then(|s| s.strip_prefix('-')) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => format!("!{slug}"),
    }
}

/// A part (see the module documentation for the format).
pub(super) fn partie_json(cat: &Catalogue, tables: &Tables, p: &Partie) -> Value {
    let minuit = cat.today.and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut par_centre: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for &l in &p.lieux {
        par_centre.entry(cat.lieux[l].centre).or_default().0.push(l);
    }
    for &f in &p.filieres {
        par_centre
            .entry(cat.filieres[f].centre)
            .or_default()
            .1
            .push(f);
    }
    let mut lieu_local: BTreeMap<usize, usize> = BTreeMap::new();
    let mut lieux = Vec::new();
    let mut centres = Vec::new();
    for (ci, (&c, (ls, _))) in par_centre.iter().enumerate() {
        let centre = &cat.centres[c];
        for &l in ls {
            let lr = &cat.lieux[l];
            lieu_local.insert(l, lieux.len());
            // The station within walking distance (into the lexicon's `gares`, -1 for
            // none) and the walk in 5-minute steps, for the cards of people without a car;
            // then « 1 » when the place is placed by its locality. Trailing « none »
            // values are left out: every byte here is in every first search.
            let (gare, marche) = gare_a_pied(cat, lr)
                .and_then(|(nom, pas)| Some((*tables.gare_id.get(nom)? as i64, pas)))
                .unwrap_or((-1, 0));
            let localite = if fold(&lr.lieu.localite) == fold(&lr.commune.nom) {
                ""
            } else {
                lr.lieu.localite.as_str()
            };
            lieux.push(json!([
                ci,
                relatif(&lr.slug, &centre.slug),
                lr.lieu.nom.value,
                localite,
                lr.commune.nom,
                lr.lieu.code_postal.trim(),
                x_lieu(lr.point),
                y_lieu(lr.point),
            ]));
            let approx = lr.precision != Precision::Exacte;
            if let Some(Value::Array(l)) = lieux.last_mut() {
                if gare >= 0 || approx {
                    l.extend([json!(gare), json!(marche)]);
                }
                if approx {
                    l.push(json!(1));
                }
            }
        }
    }
    for (&c, (_, fs)) in &par_centre {
        let centre = &cat.centres[c];
        let filieres: Vec<Value> = fs
            .iter()
            .map(|&f| {
                let fr = &cat.filieres[f];
                let m = fr.filiere;
                let seances: Vec<i64> = fr
                    .seances
                    .iter()
                    .take(SEANCES_MAX)
                    .filter_map(|s| {
                        let h = s.heure;
                        let t =
                            s.date
                                .0
                                .and_hms_opt(u32::from(h.heures), u32::from(h.minutes), 0)?;
                        Some((t - minuit).num_minutes())
                    })
                    .collect();
                let ici: Vec<usize> = fr
                    .lieux
                    .iter()
                    .filter_map(|l| lieu_local.get(l).copied())
                    .collect();
                json!([
                    relatif(&fr.slug, &centre.slug),
                    tables
                        .titre_id
                        .get(m.titre.value.as_str())
                        .copied()
                        .unwrap_or(0),
                    categorie_id(m.categorie),
                    secteur_id(m.secteur),
                    codes_rome(cat, f)
                        .iter()
                        .filter_map(|code| tables.rome_id.get(code))
                        .collect::<Vec<_>>(),
                    drapeaux(cat, f) & !DRAPEAU_DEFI,
                    seances,
                    ici,
                    tables.description_relative(cat, f),
                ])
            })
            .collect();
        centres.push(json!([
            centre.centre.nom.value,
            u8::from(centre.centre.methode == Methode::Defi),
            centre.slug,
            filieres,
        ]));
    }
    json!({"c": centres, "l": lieux})
}
