//! The topology of the municipal boundaries, computed once: vertices shared by
//! neighbours, rings cut into arcs at junctions, each arc simplified once at both levels
//! and classified (municipal, bassin or regional border), and the regional border as
//! closed loops.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use geo::{Coord, LineString, SimplifyIdx};

use super::apercu::{Apercu, EPSILON_APERCU_KM};
use super::locale::EPSILON_LOCALE_KM;
use super::projection::{Bbox, projeter};
use crate::refdata::RefData;

/// What an arc separates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Genre {
    /// Two municipalities of the same bassin.
    Commune,
    /// Two bassins EFE (or the French- and German-speaking parts).
    Bassin,
    /// Wallonia from the outside.
    Region,
}

/// A piece of border between two junctions, in projected km, simplified at both levels.
pub(super) struct Arc {
    /// Tolerance [`EPSILON_LOCALE_KM`].
    pub(super) fin: Vec<[f64; 2]>,
    /// Tolerance [`EPSILON_APERCU_KM`].
    pub(super) grossier: Vec<[f64; 2]>,
    pub(super) bbox_fin: Bbox,
    pub(super) genre: Genre,
}

/// A ring: arcs, each possibly reversed.
pub(super) type Anneau = Vec<(u32, bool)>;

/// A closed loop of the regional border (locator level).
pub(super) struct Boucle {
    pub(super) points: Vec<[f64; 2]>,
    pub(super) bbox: Bbox,
}

pub(super) struct Topologie {
    /// Address of the `RefData` it was built from.
    source: usize,
    pub(super) arcs: Vec<Arc>,
    /// Rings of each municipality, in `refdata.communes` order.
    pub(super) anneaux: Vec<Vec<Anneau>>,
    pub(super) exterieur: Vec<Boucle>,
    pub(super) apercu: Apercu,
}

/// The topology of the reference data, built on first use. The reference data is static
/// ([`RefData::load`]), so the cache is keyed by nothing; a different `RefData` (not
/// expected) gets a fresh, uncached topology rather than a wrong map.
pub(super) fn topologie(refdata: &RefData) -> Topo<'_> {
    static CACHE: OnceLock<Topologie> = OnceLock::new();
    let t = CACHE.get_or_init(|| Topologie::construire(refdata));
    if t.source == refdata as *const RefData as usize {
        Topo::Cache(t)
    } else {
        Topo::Propre(Box::new(Topologie::construire(refdata)))
    }
}

pub(super) enum Topo<'a> {
    Cache(&'a Topologie),
    Propre(Box<Topologie>),
}

impl std::ops::Deref for Topo<'_> {
    type Target = Topologie;

    fn deref(&self) -> &Topologie {
        match self {
            Topo::Cache(t) => t,
            Topo::Propre(t) => t,
        }
    }
}

/// The points of a ring, from its arcs at the given level (the closing point omitted).
pub(super) fn points_anneau<'a>(
    arcs: &'a [Arc],
    anneau: &'a [(u32, bool)],
    niveau: impl Fn(&'a Arc) -> &'a Vec<[f64; 2]> + Copy + 'a,
) -> impl Iterator<Item = [f64; 2]> + 'a {
    anneau.iter().flat_map(move |&(i, inverse)| {
        let pts = niveau(&arcs[i as usize]);
        let n = pts.len() - 1;
        // Each arc without its last point: the next arc starts there.
        (0..n).map(move |k| if inverse { pts[n - k] } else { pts[k] })
    })
}

/// Douglas–Peucker of an arc. A closed arc (a ring without junction) is split at its point
/// farthest from the start, so that it keeps an area.
pub(super) fn simplifier(pts: &[[f64; 2]], epsilon: f64) -> Vec<[f64; 2]> {
    let dp = |p: &[[f64; 2]]| -> Vec<[f64; 2]> {
        let ls = LineString::new(p.iter().map(|q| Coord { x: q[0], y: q[1] }).collect());
        ls.simplify_idx(epsilon).into_iter().map(|i| p[i]).collect()
    };
    let n = pts.len();
    if n > 3 && pts[0] == pts[n - 1] {
        let d = |q: &[f64; 2]| (q[0] - pts[0][0]).hypot(q[1] - pts[0][1]);
        let loin = (1..n - 1)
            .max_by(|&a, &b| d(&pts[a]).total_cmp(&d(&pts[b])).then(b.cmp(&a)))
            .unwrap_or(1);
        let mut v = dp(&pts[..=loin]);
        v.pop();
        v.extend(dp(&pts[loin..]));
        v
    } else {
        dp(pts)
    }
}

impl Topologie {
    pub(super) fn construire(refdata: &RefData) -> Topologie {
        // 1. Vertices, shared by exact coordinates (the data sits on a 1e-5° grid).
        let mut ids: HashMap<(i64, i64), u32> = HashMap::with_capacity(40_000);
        let mut sommets: Vec<[f64; 2]> = Vec::with_capacity(40_000);
        // (municipality, ring as vertex ids without closing point)
        let mut anneaux_bruts: Vec<(usize, Vec<u32>)> = Vec::new();
        for (ic, c) in refdata.communes.iter().enumerate() {
            for poly in &c.contour.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    let mut v: Vec<u32> = Vec::with_capacity(ring.0.len());
                    for p in &ring.0 {
                        let cle = ((p.x * 1e5).round() as i64, (p.y * 1e5).round() as i64);
                        let id = *ids.entry(cle).or_insert_with(|| {
                            sommets.push(projeter(*p));
                            (sommets.len() - 1) as u32
                        });
                        if v.last() != Some(&id) {
                            v.push(id);
                        }
                    }
                    if v.len() > 1 && v.first() == v.last() {
                        v.pop();
                    }
                    if v.len() >= 3 {
                        anneaux_bruts.push((ic, v));
                    }
                }
            }
        }

        // 2. Degree of each vertex in the graph of distinct edges.
        let mut aretes: HashSet<(u32, u32)> = HashSet::with_capacity(sommets.len() * 2);
        let mut degre = vec![0u8; sommets.len()];
        for (_, v) in &anneaux_bruts {
            for k in 0..v.len() {
                let (a, b) = (v[k], v[(k + 1) % v.len()]);
                if aretes.insert((a.min(b), a.max(b))) {
                    degre[a as usize] = degre[a as usize].saturating_add(1);
                    degre[b as usize] = degre[b as usize].saturating_add(1);
                }
            }
        }

        // 3. Cut the rings at junctions into arcs, stored once in canonical orientation.
        let mut index: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut brutes: Vec<Vec<u32>> = Vec::new();
        let mut proprietaires: Vec<Vec<usize>> = Vec::new();
        let mut anneaux: Vec<Vec<Anneau>> = vec![Vec::new(); refdata.communes.len()];
        for (ic, v) in &anneaux_bruts {
            let n = v.len();
            let jonctions: Vec<usize> = (0..n).filter(|&k| degre[v[k] as usize] != 2).collect();
            if jonctions.is_empty() {
                // Closed arc: starts at its smallest vertex id and goes towards the smaller
                // neighbour, so that both sides find the same arc.
                let m = (0..n).min_by_key(|&k| v[k]).unwrap_or(0);
                let propre: Vec<u32> = (0..=n).map(|k| v[(m + k) % n]).collect();
                let mut canon = propre.clone();
                if canon[1] > canon[n - 1] {
                    canon.reverse();
                }
                let i = ajouter_arc(&mut index, &mut brutes, &mut proprietaires, &canon);
                proprietaires[i as usize].push(*ic);
                anneaux[*ic].push(vec![(i, canon != propre)]);
                continue;
            }
            let mut morceaux: Vec<Vec<u32>> = Vec::with_capacity(jonctions.len());
            for (j, &debut) in jonctions.iter().enumerate() {
                let fin = jonctions.get(j + 1).copied().unwrap_or(jonctions[0] + n);
                morceaux.push((debut..=fin).map(|k| v[k % n]).collect());
            }
            let mut anneau = Vec::with_capacity(morceaux.len());
            for m in morceaux {
                let inv: Vec<u32> = m.iter().rev().copied().collect();
                let (canon, inverse) = if inv < m { (inv, true) } else { (m, false) };
                let i = ajouter_arc(&mut index, &mut brutes, &mut proprietaires, &canon);
                proprietaires[i as usize].push(*ic);
                anneau.push((i, inverse));
            }
            anneaux[*ic].push(anneau);
        }

        // 4. Simplify each arc once, at both levels, and classify it.
        let arcs: Vec<Arc> = brutes
            .iter()
            .zip(&proprietaires)
            .map(|(ids, props)| {
                let pts: Vec<[f64; 2]> = ids.iter().map(|&i| sommets[i as usize]).collect();
                let fin = simplifier(&pts, EPSILON_LOCALE_KM);
                let genre = match props.as_slice() {
                    [a, b] if a != b => {
                        if refdata.communes[*a].bassin == refdata.communes[*b].bassin {
                            Genre::Commune
                        } else {
                            Genre::Bassin
                        }
                    }
                    [_] => Genre::Region,
                    // Shared by more than two rings, or twice by the same municipality: an
                    // inner line, drawn thin.
                    _ => Genre::Commune,
                };
                Arc {
                    grossier: simplifier(&pts, EPSILON_APERCU_KM),
                    bbox_fin: Bbox::de(&fin),
                    fin,
                    genre,
                }
            })
            .collect();

        // 5. The regional border as closed loops (locator level), oriented as the rings
        //    that own its arcs, so that a non-zero fill gives Wallonia's land.
        let mut suivants: HashMap<u32, Vec<(u32, bool)>> = HashMap::new();
        for anneau in anneaux.iter().flatten() {
            for &(i, inverse) in anneau {
                if arcs[i as usize].genre == Genre::Region {
                    let b = &brutes[i as usize];
                    let debut = if inverse { b[b.len() - 1] } else { b[0] };
                    suivants.entry(debut).or_default().push((i, inverse));
                }
            }
        }
        let mut departs: Vec<u32> = suivants.keys().copied().collect();
        departs.sort_unstable();
        let mut exterieur = Vec::new();
        for depart in departs {
            while let Some((i, inverse)) = suivants.get_mut(&depart).and_then(|v| v.pop()) {
                let mut boucle: Anneau = vec![(i, inverse)];
                let mut bout = {
                    let b = &brutes[i as usize];
                    if inverse { b[0] } else { b[b.len() - 1] }
                };
                while bout != depart {
                    let Some((j, inv)) = suivants.get_mut(&bout).and_then(|v| v.pop()) else {
                        break;
                    };
                    boucle.push((j, inv));
                    let b = &brutes[j as usize];
                    bout = if inv { b[0] } else { b[b.len() - 1] };
                }
                let points: Vec<[f64; 2]> = points_anneau(&arcs, &boucle, |a| &a.fin).collect();
                if points.len() >= 3 {
                    exterieur.push(Boucle {
                        bbox: Bbox::de(&points),
                        points,
                    });
                }
            }
        }

        let apercu = Apercu::construire(refdata, &arcs, &anneaux, &sommets);
        Topologie {
            source: refdata as *const RefData as usize,
            arcs,
            anneaux,
            exterieur,
            apercu,
        }
    }
}

pub(super) fn ajouter_arc(
    index: &mut HashMap<Vec<u32>, u32>,
    brutes: &mut Vec<Vec<u32>>,
    proprietaires: &mut Vec<Vec<usize>>,
    canon: &[u32],
) -> u32 {
    if let Some(&i) = index.get(canon) {
        return i;
    }
    let i = brutes.len() as u32;
    index.insert(canon.to_vec(), i);
    brutes.push(canon.to_vec());
    proprietaires.push(Vec::new());
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::essais::data;

    #[test]
    fn topologie_coherente() {
        let t = topologie(data());
        // Every arc belongs to one or two rings.
        let mut usages = vec![0; t.arcs.len()];
        for a in t.anneaux.iter().flatten().flatten() {
            usages[a.0 as usize] += 1;
        }
        assert!(usages.iter().all(|&u| u == 1 || u == 2), "{usages:?}");
        // Region arcs are used once, the others twice.
        for (arc, u) in t.arcs.iter().zip(&usages) {
            assert_eq!(*u == 1, arc.genre == Genre::Region);
        }
        // Wallonia and the exclave of Comines-Warneton.
        assert!(t.exterieur.len() >= 2, "{}", t.exterieur.len());
        for b in &t.exterieur {
            let p = &b.points;
            let aire: f64 = (0..p.len())
                .map(|k| {
                    let q = p[(k + 1) % p.len()];
                    p[k][0] * q[1] - q[0] * p[k][1]
                })
                .sum::<f64>()
                / 2.0;
            assert!(aire > 0.0, "outer loops are counter-clockwise: {aire}");
        }
        let total: f64 = t.exterieur.iter().map(|b| b.points.len() as f64).sum();
        assert!(total > 500.0);
    }
}
