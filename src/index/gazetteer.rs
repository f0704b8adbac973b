//! The gazetteer files: municipalities, localities and postal codes by first letter or
//! first two digits.

use std::collections::{BTreeMap, BTreeSet};

use geo::Point;
use serde_json::{Value, json};

use super::ecriture::entier;
use super::{X0, Y0};
use crate::geocode::{Geocoder, Kind};
use crate::text::fold;

/// The gazetteer file a name goes to: the first letter (a–z) of its folded form, or the
/// first two digits of a postal code; `None` for anything else. `recherche.js` reads the
/// file of what is typed the same way.
pub fn cle_gazetteer(nom: &str) -> Option<String> {
    let plie = fold(nom);
    let mut c = plie.chars();
    match c.next()? {
        l if l.is_ascii_lowercase() => Some(l.to_string()),
        d if d.is_ascii_digit() => c
            .next()
            .filter(char::is_ascii_digit)
            .map(|e| format!("{d}{e}")),
        _ => None,
    }
}

/// The gazetteer, by first letter or digit (see the module documentation).
pub(super) fn gazetteer(
    geocoder: &Geocoder,
    refdata: &crate::refdata::RefData,
) -> BTreeMap<String, Value> {
    let xg = |p: Point<f64>| entier(p.x(), X0, 1e3);
    let yg = |p: Point<f64>| entier(p.y(), Y0, 1e3);
    type Colonnes = (Vec<Value>, Vec<Value>, Vec<Value>);
    let mut lettres: BTreeMap<String, Colonnes> = BTreeMap::new();
    for e in geocoder.gazetteer() {
        let Some(commune) = refdata.commune(&e.nis) else {
            continue;
        };
        let cp = e.code_postal.clone().unwrap_or_default();
        match e.kind {
            Kind::Commune => {
                // The postal code of its own locality first (the one the label shows).
                let mut cps = vec![cp.clone()];
                cps.extend(commune.codes_postaux.iter().filter(|c| **c != cp).cloned());
                let mut v = vec![
                    json!(e.nom),
                    json!(cps.join(" ")),
                    json!(xg(e.point)),
                    json!(yg(e.point)),
                ];
                if let Some(autre) = &commune.autre_nom {
                    v.push(json!(autre));
                }
                let noms = std::iter::once(e.nom.as_str()).chain(commune.autre_nom.as_deref());
                let cles: BTreeSet<String> = noms.filter_map(cle_gazetteer).collect();
                for k in cles {
                    lettres
                        .entry(k)
                        .or_default()
                        .0
                        .push(Value::Array(v.clone()));
                }
            }
            Kind::Localite => {
                if let Some(k) = cle_gazetteer(&e.nom) {
                    let v = json!([e.nom, cp, commune.nom, xg(e.point), yg(e.point)]);
                    lettres.entry(k).or_default().1.push(v);
                }
            }
            Kind::CodePostal => {
                // « 4100 Seraing (Boncelles, Seraing) »: the list in brackets.
                let liste = e
                    .label
                    .split_once(" (")
                    .map(|(_, l)| l.trim_end_matches(')').to_string())
                    .unwrap_or_default();
                if let Some(k) = cle_gazetteer(&cp) {
                    let v = json!([cp, commune.nom, liste, xg(e.point), yg(e.point)]);
                    lettres.entry(k).or_default().2.push(v);
                }
            }
            Kind::Coordonnees => {}
        }
    }
    lettres
        .into_iter()
        .map(|(k, (c, l, p))| {
            let v = if k.starts_with(|c: char| c.is_ascii_digit()) {
                json!({ "p": p })
            } else {
                json!({ "c": c, "l": l })
            };
            (k, v)
        })
        .collect()
}
