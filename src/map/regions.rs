//! The home map's outlines: Wallonia, its provinces and the German-speaking area, from the
//! shared topology simplified again, much coarser: that map says where the places are, not
//! where the borders run, and it must stay a few kilobytes.
//!
//! Every arc is simplified once (neighbours still fit), rounded to the overview's integer
//! grid, and the outlines are rebuilt from the arcs: the closed loops around a set of
//! municipalities (for a fill), and the lines between groups of municipalities (for a
//! stroke), each line drawn once.

use std::collections::BTreeMap;

use super::svg::arrondir_ligne;
use super::topologie::{Topologie, simplifier};

/// Douglas–Peucker tolerance of the home map, in km: 1 km is 4 units of the overview, about
/// 1.4 px when the map is 360 px wide.
pub(super) const EPSILON_ACCUEIL_KM: f64 = 1.0;

/// A polyline on the overview's integer grid.
pub(super) type Ligne = Vec<(i32, i32)>;

pub(super) struct Regions<'t> {
    topo: &'t Topologie,
    /// Each arc, simplified at [`EPSILON_ACCUEIL_KM`] and rounded (at least its two ends).
    arcs: Vec<Ligne>,
    /// The municipalities whose rings use each arc (one or two).
    proprietaires: Vec<Vec<usize>>,
}

impl<'t> Regions<'t> {
    pub(super) fn new(topo: &'t Topologie) -> Self {
        let a = &topo.apercu;
        let arcs = topo
            .arcs
            .iter()
            .map(|arc| {
                let pts: Vec<[f64; 2]> = simplifier(&arc.grossier, EPSILON_ACCUEIL_KM)
                    .into_iter()
                    .map(|p| a.unites_f(p))
                    .collect();
                arrondir_ligne(&pts)
            })
            .collect();
        let mut proprietaires = vec![Vec::new(); topo.arcs.len()];
        for (ic, anneaux) in topo.anneaux.iter().enumerate() {
            for &(i, _) in anneaux.iter().flatten() {
                proprietaires[i as usize].push(ic);
            }
        }
        Regions {
            topo,
            arcs,
            proprietaires,
        }
    }

    /// The closed loops around the municipalities (indices into `refdata.communes`) for
    /// which `dedans` holds, oriented as their rings, so that a non-zero fill gives their
    /// land. The closing point is omitted.
    pub(super) fn boucles(&self, dedans: impl Fn(usize) -> bool) -> Vec<Ligne> {
        // Oriented border arcs, by their first point.
        let mut suivants: BTreeMap<(i32, i32), Vec<(usize, bool)>> = BTreeMap::new();
        for (ic, anneaux) in self.topo.anneaux.iter().enumerate() {
            if !dedans(ic) {
                continue;
            }
            for &(i, inverse) in anneaux.iter().flatten() {
                let i = i as usize;
                let props = &self.proprietaires[i];
                let interieur = props.len() == 2 && props.iter().all(|&o| dedans(o));
                if !interieur {
                    suivants
                        .entry(self.bout(i, inverse, false))
                        .or_default()
                        .push((i, inverse));
                }
            }
        }
        let departs: Vec<(i32, i32)> = suivants.keys().copied().collect();
        let mut boucles = Vec::new();
        for depart in departs {
            while let Some((i, inverse)) = suivants.get_mut(&depart).and_then(Vec::pop) {
                let mut points: Ligne = Vec::new();
                self.ajouter(&mut points, i, inverse);
                let mut bout = self.bout(i, inverse, true);
                while bout != depart {
                    let Some((j, inv)) = suivants.get_mut(&bout).and_then(Vec::pop) else {
                        break;
                    };
                    self.ajouter(&mut points, j, inv);
                    bout = self.bout(j, inv, true);
                }
                points.dedup();
                if points.len() >= 3 {
                    boucles.push(points);
                }
            }
        }
        boucles
    }

    /// The lines between municipalities of different groups, joined end to end where
    /// nothing else meets.
    pub(super) fn frontieres<G: PartialEq>(&self, groupe: impl Fn(usize) -> G) -> Vec<Ligne> {
        let lignes: Vec<Ligne> = self
            .proprietaires
            .iter()
            .zip(&self.arcs)
            .filter(|(props, pts)| {
                pts.len() >= 2 && matches!(props.as_slice(), [a, b] if groupe(*a) != groupe(*b))
            })
            .map(|(_, pts)| pts.clone())
            .collect();
        enchainer(lignes)
    }

    /// The first (`fin` false) or last point of arc `i`, as oriented in a ring.
    fn bout(&self, i: usize, inverse: bool, fin: bool) -> (i32, i32) {
        let pts = &self.arcs[i];
        let premier = inverse == fin;
        if premier { pts[0] } else { pts[pts.len() - 1] }
    }

    /// Arc `i`, as oriented in a ring, without its last point (the next arc starts there).
    fn ajouter(&self, points: &mut Ligne, i: usize, inverse: bool) {
        let pts = &self.arcs[i];
        let n = pts.len() - 1;
        points.extend((0..n).map(|k| if inverse { pts[n - k] } else { pts[k] }));
    }
}

/// Joins polylines that share an end where no third one meets, in both directions.
fn enchainer(lignes: Vec<Ligne>) -> Vec<Ligne> {
    let mut bouts: BTreeMap<(i32, i32), Vec<usize>> = BTreeMap::new();
    for (k, l) in lignes.iter().enumerate() {
        for p in [l[0], l[l.len() - 1]] {
            bouts.entry(p).or_default().push(k);
        }
    }
    let mut pris = vec![false; lignes.len()];
    let mut sortie = Vec::new();
    for k in 0..lignes.len() {
        if pris[k] {
            continue;
        }
        pris[k] = true;
        let mut ligne = lignes[k].clone();
        for _ in 0..2 {
            loop {
                let bout = ligne[ligne.len() - 1];
                let suivante = bouts
                    .get(&bout)
                    .filter(|v| v.len() == 2)
                    .and_then(|v| v.iter().copied().find(|&j| !pris[j]));
                let Some(j) = suivante else { break };
                pris[j] = true;
                let mut l = lignes[j].clone();
                if l[0] != bout {
                    l.reverse();
                }
                ligne.extend(l.into_iter().skip(1));
            }
            ligne.reverse();
        }
        sortie.push(ligne);
    }
    sortie
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::essais::data;
    use crate::map::topologie::topologie;

    #[test]
    fn contours() {
        let d = data();
        let topo = topologie(d);
        let r = Regions::new(&topo);
        // Wallonia and the exclave of Comines-Warneton, counter-clockwise on screen
        // (y down): a positive area in the projected frame is a negative one here.
        let wallonie = r.boucles(|_| true);
        assert!(wallonie.len() >= 2, "{}", wallonie.len());
        let aire = |p: &Ligne| -> i64 {
            (0..p.len())
                .map(|k| {
                    let (a, b) = (p[k], p[(k + 1) % p.len()]);
                    i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1)
                })
                .sum()
        };
        let grande = wallonie.iter().max_by_key(|p| p.len()).expect("a loop");
        assert!(aire(grande) < 0, "{}", aire(grande));
        let points: usize = wallonie.iter().map(Vec::len).sum();
        assert!((60..600).contains(&points), "{points} points");
        // The nine German-speaking municipalities: the cantons of Eupen and Sankt Vith, two
        // pieces that the French-speaking Malmedy and Waimes keep apart.
        let de = r.boucles(|ic| !d.communes[ic].francophone);
        assert_eq!(de.len(), 2);
        // Five provinces and the language border: a few lines.
        let f = r.frontieres(|ic| (d.communes[ic].francophone, d.communes[ic].province.as_str()));
        assert!((3..40).contains(&f.len()), "{} lines", f.len());
    }
}
