//! The maps: the overview map of Wallonia on the home page, and one coverage map per
//! theme of the advisers' pages. SVG documents with content-hashed names, made once per
//! build; pages learn their addresses from [`Cartes`].

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::couverture::{Couverture, Theme, classe};
use crate::resolve::Catalogue;
use crate::site::{Output, fingerprinted, urls};

/// The addresses of the maps, for the pages that show them.
#[derive(Debug, Clone, Default)]
pub struct Cartes {
    /// `/static/carte-wallonie.<hash>.svg`.
    pub wallonie: String,
    /// `/couverture/<theme>/carte.<hash>.svg`, by theme of [`Couverture::themes`].
    pub couverture: Vec<String>,
}

/// The overview map, one link per place; `racine`, the site's path prefix, is in its links
/// (the file's name is its content's hash, so the links are final before it is made).
pub fn wallonie(cat: &Catalogue, racine: &str) -> Output {
    let marqueurs: Vec<(String, &str, geo::Point<f64>)> = cat
        .lieux
        .iter()
        .map(|l| {
            let url = format!("{racine}{}", urls::lieu(&l.slug));
            (url, l.lieu.nom.as_str(), l.point)
        })
        .collect();
    let marqueurs: Vec<crate::map::Marqueur> = marqueurs
        .iter()
        .map(|(url, titre, point)| crate::map::Marqueur {
            point: *point,
            url,
            titre,
        })
        .collect();
    let carte = crate::map::carte_wallonie(cat.refdata, &marqueurs).into_bytes();
    Output {
        path: fingerprinted("static/carte-wallonie.svg", &carte),
        bytes: carte,
    }
}

/// Every coverage map, in the order of [`Couverture::themes`].
pub fn couverture(cat: &Catalogue, couverture: &Couverture) -> Vec<Output> {
    couverture
        .themes
        .par_iter()
        .map(|t| {
            let (path, svg) = carte(cat, couverture, t);
            Output {
                path,
                bytes: svg.into_bytes(),
            }
        })
        .collect()
}

/// The coverage map of a theme: (output path, SVG).
fn carte(cat: &Catalogue, couverture: &Couverture, theme: &Theme) -> (String, String) {
    let classes: BTreeMap<String, &str> = theme
        .distances
        .iter()
        .map(|d| {
            (
                couverture.communes[d.commune].nis.clone(),
                crate::map::PALETTE_COUVERTURE[classe(d.km)].0,
            )
        })
        .collect();
    let svg = crate::map::carte_couverture(
        cat.refdata,
        &classes,
        &format!(
            "Distance de chaque commune à la formation la plus proche : {}",
            theme.titre
        ),
    );
    let path = fingerprinted(
        &format!("couverture/{}/carte.svg", theme.slug),
        svg.as_bytes(),
    );
    (path, svg)
}
