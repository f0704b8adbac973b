//! The maps: the overview map of Wallonia on the home page, and one coverage map per
//! theme of the advisers' pages. SVG documents with content-hashed names, made once per
//! build; pages learn their addresses from [`Cartes`].

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::couverture::{Couverture, Theme, classe};
use crate::resolve::Catalogue;
use crate::site::{Output, fingerprinted};

/// The addresses of the maps, for the pages that show them.
#[derive(Debug, Clone, Default)]
pub struct Cartes {
    /// `/static/carte-wallonie.<hash>.svg`.
    pub wallonie: String,
    /// `/couverture/<theme>/carte.<hash>.svg`, by theme of [`Couverture::themes`].
    pub couverture: Vec<String>,
}

/// The home page's map: a dot per municipality with places, nothing to follow (so no site
/// prefix in it).
pub fn wallonie(cat: &Catalogue) -> Output {
    let lieux: Vec<crate::map::Lieu> = cat
        .lieux
        .iter()
        .map(|l| crate::map::Lieu {
            point: l.point,
            nis: &l.commune.nis,
        })
        .collect();
    let carte = crate::map::carte_wallonie(cat.refdata, &lieux).into_bytes();
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
