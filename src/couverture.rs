//! The coverage model of the advisers' pages (issue 6): for each category and ROME domain,
//! how far each French-speaking municipality is from its nearest place giving one of its
//! tracks. Computed once per build; the maps (`files::cartes`) and the pages read it.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::model::Categorie;
use crate::refdata::Commune;
use crate::resolve::Catalogue;
use crate::spatial::SpatialIndex;

/// Coverage distances, in km: the classes of [`crate::map::PALETTE_COUVERTURE`].
pub const SEUILS_KM: [f64; 3] = [10.0, 25.0, 50.0];

/// A set of tracks whose coverage is mapped: a category or a ROME domain.
pub struct Theme {
    pub slug: String,
    pub titre: String,
    /// « Catégorie » or « Domaine ROME ».
    pub genre: &'static str,
    pub filieres: Vec<usize>,
    /// Main domain of a ROME domain, for the index.
    pub grand_domaine: Option<String>,
    /// For each municipality of [`Couverture::communes`], its nearest place giving one
    /// of these tracks: computed once, read by the map, the page and the index.
    pub distances: Vec<Distance>,
}

/// One municipality and its nearest matching place.
pub struct Distance {
    pub commune: usize,
    pub km: f64,
    pub lieu: Option<usize>,
}

/// The French-speaking municipalities and the themes.
pub struct Couverture<'c> {
    pub communes: Vec<&'c Commune>,
    pub themes: Vec<Theme>,
}

impl<'c> Couverture<'c> {
    /// No theme: for renders without advisers' pages (`serve`'s first pass).
    pub fn vide() -> Couverture<'c> {
        Couverture {
            communes: Vec::new(),
            themes: Vec::new(),
        }
    }

    pub fn new(cat: &'c Catalogue) -> Couverture<'c> {
        let communes: Vec<&Commune> = cat
            .refdata
            .communes
            .iter()
            .filter(|c| c.francophone)
            .collect();
        let mut themes: Vec<Theme> = Categorie::ALL
            .iter()
            .map(|&c| Theme {
                slug: c.slug().into(),
                titre: c.nom().into(),
                genre: "Catégorie",
                filieres: (0..cat.filieres.len())
                    .filter(|&f| cat.filieres[f].filiere.categorie == c)
                    .collect(),
                grand_domaine: None,
                distances: Vec::new(),
            })
            .filter(|t| !t.filieres.is_empty())
            .collect();
        let mut domaines: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (code, filieres) in cat.codes_rome() {
            if let Some(fiche) = cat.refdata.rome.fiche(code) {
                domaines
                    .entry(fiche.domaine.as_str())
                    .or_default()
                    .extend(filieres);
            }
        }
        for (code, filieres) in domaines {
            let Some(d) = cat.refdata.rome.domaine(code) else {
                continue;
            };
            themes.push(Theme {
                slug: format!("rome-{}", code.to_ascii_lowercase()),
                titre: format!("{} {}", d.code, d.libelle),
                genre: "Domaine ROME",
                filieres: filieres.into_iter().collect(),
                grand_domaine: Some(d.grand_domaine.clone()),
                distances: Vec::new(),
            });
        }
        let couverture = Couverture {
            communes,
            themes: Vec::new(),
        };
        themes
            .par_iter_mut()
            .for_each(|t| t.distances = couverture.distances(cat, &t.filieres));
        Couverture {
            themes,
            ..couverture
        }
    }

    /// For each municipality, the nearest place giving one of the theme's tracks: one
    /// R-tree of those places, one nearest-neighbour query per municipality.
    fn distances(&self, cat: &Catalogue, filieres: &[usize]) -> Vec<Distance> {
        let lieux: BTreeSet<usize> = filieres
            .iter()
            .flat_map(|&f| cat.filieres[f].lieux.iter().copied())
            .collect();
        let index = SpatialIndex::new(lieux.into_iter().map(|l| (l, cat.lieux[l].point)));
        self.communes
            .iter()
            .enumerate()
            .map(|(i, c)| match index.nearest_one(c.point) {
                Some(hit) => Distance {
                    commune: i,
                    km: hit.km,
                    lieu: Some(hit.id),
                },
                None => Distance {
                    commune: i,
                    km: f64::INFINITY,
                    lieu: None,
                },
            })
            .collect()
    }
}

/// 0: within 10 km, 1: within 25 km, 2: within 50 km, 3: further.
pub fn classe(km: f64) -> usize {
    SEUILS_KM
        .iter()
        .position(|&s| km <= s)
        .unwrap_or(SEUILS_KM.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_de_distance() {
        assert_eq!(classe(0.0), 0);
        assert_eq!(classe(10.0), 0);
        assert_eq!(classe(10.1), 1);
        assert_eq!(classe(25.0), 1);
        assert_eq!(classe(49.0), 2);
        assert_eq!(classe(50.5), 3);
        assert_eq!(classe(f64::INFINITY), 3);
    }
}
