//! The search page `/recherche/`: a plain GET form (`?ou=…&quoi=…&rayon=…` and filters)
//! that `themes/cisp/static/recherche.js` turns into an instant search over the prebuilt
//! indexes ([`crate::index`]). Without JavaScript the page says so and sends people to the
//! municipality pages, which list the nearest places without any script.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{Categorie, Secteur};

use super::Env;
use super::pages::{Rendu, rendu};
use super::views::{Lien, PageMeta};

/// Radii offered, in km; the default is [`RAYON_DEFAUT`].
pub const RAYONS: [u32; 4] = [5, 10, 25, 50];
pub const RAYON_DEFAUT: u32 = 25;
/// « Information session within N weeks ».
pub const SEMAINES: [u32; 3] = [2, 4, 8];

#[derive(Serialize)]
struct Choix {
    valeur: String,
    texte: String,
}

#[derive(Serialize)]
struct RechercheView {
    /// The index manifest (JSON), for the script: no extra request.
    manifeste: String,
    categories: Vec<Choix>,
    secteurs: Vec<Choix>,
    rome: Vec<Choix>,
    rayons: Vec<u32>,
    rayon_defaut: u32,
    semaines: Vec<u32>,
    communes: usize,
}

pub fn pages(env: &Env) -> Vec<Rendu> {
    let cat = env.catalogue;
    let secteurs_presents: BTreeSet<Secteur> =
        cat.filieres.iter().map(|f| f.filiere.secteur).collect();
    let codes: BTreeSet<String> = cat
        .filieres
        .iter()
        .flat_map(|f| f.filiere.rome.iter().map(|c| c.trim().to_ascii_uppercase()))
        .collect();
    let data = RechercheView {
        manifeste: env.indexes.manifest_text(),
        categories: Categorie::ALL
            .iter()
            .map(|c| Choix {
                valeur: c.slug().into(),
                texte: c.nom().into(),
            })
            .collect(),
        secteurs: Secteur::ALL
            .iter()
            .filter(|s| secteurs_presents.contains(s))
            .map(|s| Choix {
                valeur: s.slug().into(),
                texte: s.nom().into(),
            })
            .collect(),
        rome: codes
            .iter()
            .filter_map(|code| cat.refdata.rome.fiche(code))
            .map(|f| Choix {
                valeur: f.code.clone(),
                texte: format!("{} — {}", f.code, f.libelle),
            })
            .collect(),
        rayons: RAYONS.to_vec(),
        rayon_defaut: RAYON_DEFAUT,
        semaines: SEMAINES.to_vec(),
        communes: cat.communes.len(),
    };
    let meta = PageMeta::new(
        env.config,
        "/recherche/",
        "Chercher une formation",
        "Cherchez une formation CISP gratuite près de chez vous : par commune, code postal ou autour de vous, par métier ou par thème.",
    )
    .fil(vec![Lien { texte: "Accueil".into(), url: "/".into() }]);
    vec![rendu("/recherche/".into(), "recherche.html", meta, data)]
}
