//! The job titles of `/metiers/`, for its client-side filter.

use crate::resolve::Catalogue;
use crate::site::{Output, fingerprinted, urls};

/// The job titles (appellations) of every code with tracks, for the client-side filter of
/// `/metiers/`: `[{"c": code, "l": label, "u": url, "n": tracks, "a": [titles]}]`, in a
/// file with a content-hashed name.
/// `racine`: the site's path prefix, in front of each `u` (the script links to it as is).
pub fn appellations(cat: &Catalogue, racine: &str) -> Output {
    let rome = &cat.refdata.rome;
    let items: Vec<serde_json::Value> = cat.codes_rome()
        .into_iter()
        .filter_map(|(code, filieres)| {
            let fiche = rome.fiche(code)?;
            Some(serde_json::json!({
                "c": code,
                "l": fiche.libelle,
                "u": format!("{racine}{}", urls::metier(code)),
                "n": filieres.len(),
                "a": rome.appellations_de(code).iter().map(|a| a.libelle.as_str()).collect::<Vec<_>>(),
            }))
        })
        .collect();
    let bytes = serde_json::to_vec(&items).unwrap_or_default();
    Output {
        path: fingerprinted("metiers/appellations.json", &bytes),
        bytes,
    }
}
