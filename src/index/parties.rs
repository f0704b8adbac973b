//! The parts of the index: the whole catalogue in one, or cut by geographic cell and by
//! sector.

use std::collections::{BTreeMap, BTreeSet};

use super::lexique::secteur_id;
use super::{CELLULE_MAX, PROFONDEUR_MAX, UNE_PARTIE_MAX};
use crate::model::Secteur;
use crate::resolve::Catalogue;

/// A part of the catalogue: some places and the tracks (of some sectors) given there.
pub(super) struct Partie {
    pub(super) famille: String,
    pub(super) cellule: String,
    /// Sector mask: 0 for every sector.
    pub(super) secteurs: u32,
    pub(super) lieux: Vec<usize>,
    pub(super) filieres: BTreeSet<usize>,
}

fn poids(cat: &Catalogue, lieux: &[usize], garde: &dyn Fn(usize) -> bool) -> usize {
    let mut filieres = BTreeSet::new();
    for &l in lieux {
        filieres.extend(cat.lieux[l].filieres.iter().copied().filter(|&f| garde(f)));
    }
    lieux.len() + filieres.len()
}

/// Splits places into cells: 1° cells, each split in four while it weighs more than
/// [`CELLULE_MAX`].
fn cellules(
    cat: &Catalogue,
    lieux: &[usize],
    garde: &dyn Fn(usize) -> bool,
) -> Vec<(String, Vec<usize>)> {
    let mut par_degre: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for &l in lieux {
        let p = cat.lieux[l].point;
        par_degre
            .entry((p.x().floor() as i64, p.y().floor() as i64))
            .or_default()
            .push(l);
    }
    let mut out = Vec::new();
    for ((x, y), v) in par_degre {
        decouper(
            cat,
            format!("{x}_{y}"),
            (x as f64, y as f64, 1.0),
            v,
            0,
            garde,
            &mut out,
        );
    }
    out
}

fn decouper(
    cat: &Catalogue,
    nom: String,
    (x, y, cote): (f64, f64, f64),
    lieux: Vec<usize>,
    profondeur: u32,
    garde: &dyn Fn(usize) -> bool,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    if profondeur >= PROFONDEUR_MAX || poids(cat, &lieux, garde) <= CELLULE_MAX {
        out.push((nom, lieux));
        return;
    }
    let demi = cote / 2.0;
    let mut quarts: [Vec<usize>; 4] = Default::default();
    for l in lieux {
        let p = cat.lieux[l].point;
        let q = usize::from(p.x() >= x + demi) + 2 * usize::from(p.y() >= y + demi);
        quarts[q].push(l);
    }
    for (q, v) in quarts.into_iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        let (qx, qy) = (x + demi * (q % 2) as f64, y + demi * (q / 2) as f64);
        decouper(
            cat,
            format!("{nom}{q}"),
            (qx, qy, demi),
            v,
            profondeur + 1,
            garde,
            out,
        );
    }
}

/// The parts of the index: one for a small catalogue (`true`), else one per map cell, for
/// all tracks and for each sector.
pub(super) fn parties(cat: &Catalogue) -> (bool, Vec<Partie>) {
    let tous: Vec<usize> = (0..cat.lieux.len()).collect();
    let une = poids(cat, &tous, &|_| true) <= UNE_PARTIE_MAX;
    let mut parties: Vec<Partie> = Vec::new();
    if une {
        parties.push(Partie {
            famille: "tout".into(),
            cellule: String::new(),
            secteurs: 0,
            filieres: (0..cat.filieres.len()).collect(),
            lieux: tous,
        });
    } else {
        for (cellule, lieux) in cellules(cat, &tous, &|_| true) {
            let filieres = lieux
                .iter()
                .flat_map(|&l| cat.lieux[l].filieres.iter().copied())
                .collect();
            parties.push(Partie {
                famille: "t".into(),
                cellule,
                secteurs: 0,
                lieux,
                filieres,
            });
        }
        for s in Secteur::ALL {
            let garde = |f: usize| cat.filieres[f].filiere.secteur == s;
            let lieux: Vec<usize> = tous
                .iter()
                .copied()
                .filter(|&l| cat.lieux[l].filieres.iter().any(|&f| garde(f)))
                .collect();
            if lieux.is_empty() {
                continue;
            }
            for (cellule, lieux) in cellules(cat, &lieux, &garde) {
                let filieres = lieux
                    .iter()
                    .flat_map(|&l| cat.lieux[l].filieres.iter().copied())
                    .filter(|&f| garde(f))
                    .collect();
                parties.push(Partie {
                    famille: s.slug().into(),
                    cellule,
                    secteurs: 1 << secteur_id(s),
                    lieux,
                    filieres,
                });
            }
        }
    }
    (une, parties)
}
