//! `src/spatial.rs` against an independent computation.
//!
//! The tables in `tests/data/` are written by `tools/geodesic_pairs.py` (standard-library
//! Python: Vincenty's inverse formula on the WGS84 ellipsoid, and Vincenty's formula for
//! the sphere of radius 6371.0088 km; cross-checked with geographiclib to 0.001 mm). They
//! share no code with the Rust side. What is checked:
//!
//! - distances: [`distance_km`] (geo's haversine) within 0.5 % of the WGS84 geodesic, for
//!   300 pairs of real Walloon places from 0.13 to 189 km;
//! - orderings: [`SpatialIndex::nearest`] gives exactly the order of the great-circle
//!   distances on the sphere, for 20 query points × 200 reference points. When two expected
//!   distances differ by less than 1 m, either order is accepted: the coordinates are
//!   rounded to 1e-5° (≈ 1 m), so such a tie is not a real difference. The WGS84 order is
//!   checked too, with the tolerance the model implies: a sphere cannot follow the ellipsoid
//!   exactly (east–west distances at 50° N are 0.3 % longer on the ellipsoid than on the
//!   sphere, north–south ones equal), so two neighbours whose WGS84 distances differ by less
//!   than 0.5 % may come in either order. The data has one such case: from the centroid of
//!   Arlon, 6762 Saint-Mard (due south-west) is 23.1725 km away on the ellipsoid and 6730
//!   Rossignol (due west) 23.1847 km, 12 m further; on the sphere Rossignol is 4 m nearer
//!   (23.1171 vs 23.1209 km), so the 10th and 11th neighbours swap;
//! - radii: [`SpatialIndex::within`] returns exactly the points whose WGS84 distance is at
//!   most the radius, except those within 0.5 % of it (the model band), and exactly the
//!   points whose distance on the sphere is at most the radius (to 1 mm).

use std::collections::{BTreeMap, BTreeSet};

use cispgen::spatial::{SpatialIndex, distance_km};
use geo::Point;

const TOLERANCE: f64 = 0.005;

fn table(nom: &str) -> Vec<Vec<String>> {
    let chemin = format!("{}/tests/data/{nom}", env!("CARGO_MANIFEST_DIR"));
    let texte = std::fs::read_to_string(&chemin).unwrap_or_else(|e| panic!("{chemin}: {e}"));
    let mut lignes = texte.lines().filter(|l| !l.is_empty());
    let entete = lignes.next().expect("header");
    let n = entete.split(',').count();
    lignes
        .map(|l| {
            let champs: Vec<String> = l.split(',').map(str::to_string).collect();
            assert_eq!(champs.len(), n, "{nom}: {l}");
            champs
        })
        .collect()
}

fn f(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// Reference points (id = position) and query points.
struct Points {
    refs: Vec<(String, Point<f64>)>,
    queries: Vec<(String, Point<f64>)>,
}

fn points() -> Points {
    let mut p = Points {
        refs: Vec::new(),
        queries: Vec::new(),
    };
    for l in table("geodesic_points.csv") {
        let v = match l[1].as_str() {
            "ref" => &mut p.refs,
            "query" => &mut p.queries,
            r => panic!("role {r}"),
        };
        assert_eq!(l[0].parse::<usize>().unwrap(), v.len());
        v.push((l[2].clone(), Point::new(f(&l[3]), f(&l[4]))));
    }
    assert_eq!((p.refs.len(), p.queries.len()), (200, 20));
    p
}

struct Ligne {
    wgs84: f64,
    sphere: f64,
    rang_sphere: usize,
    rang_wgs84: usize,
}

/// query → ref → distances and ranks. A ref not listed is > 31 km away (WGS84).
fn ordre() -> BTreeMap<usize, BTreeMap<usize, Ligne>> {
    let mut m: BTreeMap<usize, BTreeMap<usize, Ligne>> = BTreeMap::new();
    for l in table("geodesic_order.csv") {
        m.entry(l[0].parse().unwrap()).or_default().insert(
            l[1].parse().unwrap(),
            Ligne {
                wgs84: f(&l[2]),
                sphere: f(&l[3]),
                rang_sphere: l[4].parse().unwrap(),
                rang_wgs84: l[5].parse().unwrap(),
            },
        );
    }
    assert_eq!(m.len(), 20);
    m
}

const RAYON_LISTE_KM: f64 = 31.0;

fn index(p: &Points) -> SpatialIndex {
    SpatialIndex::new(p.refs.iter().enumerate().map(|(i, (_, pt))| (i, *pt)))
}

#[test]
fn distances_a_un_demi_pour_cent_du_wgs84() {
    let paires = table("geodesic_pairs.csv");
    assert_eq!(paires.len(), 300);
    let mut pire: f64 = 0.0;
    for l in &paires {
        let a = Point::new(f(&l[1]), f(&l[2]));
        let b = Point::new(f(&l[4]), f(&l[5]));
        let attendu = f(&l[6]);
        let km = distance_km(a, b);
        let ecart = (km / attendu - 1.0).abs();
        pire = pire.max(ecart);
        assert!(
            ecart <= TOLERANCE,
            "{} → {}: {km} km, WGS84 {attendu} km ({:.3} %)",
            l[0],
            l[3],
            100.0 * ecart
        );
        assert!((distance_km(b, a) - km).abs() < 1e-9);
    }
    println!(
        "largest relative difference to WGS84: {:.3} %",
        100.0 * pire
    );
}

#[test]
fn ordre_des_plus_proches_exact() {
    let p = points();
    let ordre = ordre();
    let index = index(&p);
    let mut egalites = 0;
    for (qi, (nom, q)) in p.queries.iter().enumerate() {
        let lignes = &ordre[&qi];
        let mut attendu: Vec<(usize, &Ligne)> = lignes
            .iter()
            .filter(|(_, l)| l.rang_sphere <= 10)
            .map(|(&r, l)| (r, l))
            .collect();
        attendu.sort_by_key(|(_, l)| l.rang_sphere);
        assert_eq!(attendu.len(), 10);
        let hits = index.nearest(*q, 10);
        assert_eq!(hits.len(), 10);
        for (i, h) in hits.iter().enumerate() {
            let Some(l) = lignes.get(&h.id) else {
                panic!(
                    "{nom}: #{} is {} ({} km), not a near neighbour",
                    i + 1,
                    h.id,
                    h.km
                );
            };
            // Same sphere, independent formula: same distance to the millimetre.
            assert!(
                (h.km - l.sphere).abs() < 1e-6,
                "{nom} → {}: {} vs {}",
                p.refs[h.id].0,
                h.km,
                l.sphere
            );
            let (id_attendu, l_attendue) = attendu[i];
            if h.id != id_attendu {
                assert!(
                    (l.sphere - l_attendue.sphere).abs() < 0.001,
                    "{nom}: #{} is {} ({} km), expected {} ({} km)",
                    i + 1,
                    p.refs[h.id].0,
                    l.sphere,
                    p.refs[id_attendu].0,
                    l_attendue.sphere
                );
                egalites += 1;
            }
        }
        let un = index.nearest_one(*q).unwrap();
        assert_eq!(un, hits[0]);
    }
    println!("positions decided by a tie under 1 m: {egalites}");
}

#[test]
fn ordre_wgs84_aux_ecarts_de_modele_pres() {
    let p = points();
    let ordre = ordre();
    let index = index(&p);
    let mut inversions = Vec::new();
    for (qi, (nom, q)) in p.queries.iter().enumerate() {
        let lignes = &ordre[&qi];
        let hits = index.nearest(*q, 10);
        let w: Vec<f64> = hits.iter().map(|h| lignes[&h.id].wgs84).collect();
        for i in 0..w.len() {
            for j in i + 1..w.len() {
                if w[i] > w[j] {
                    assert!(
                        w[i] / w[j] - 1.0 < TOLERANCE,
                        "{nom}: {} before {}, WGS84 {} > {}",
                        p.refs[hits[i].id].0,
                        p.refs[hits[j].id].0,
                        w[i],
                        w[j]
                    );
                    inversions.push(format!(
                        "{nom}: {} ({} km) before {} ({} km)",
                        p.refs[hits[i].id].0, w[i], p.refs[hits[j].id].0, w[j]
                    ));
                }
            }
        }
        // A WGS84 top-10 point left out must be (nearly) as far as the farthest kept.
        let pris: BTreeSet<usize> = hits.iter().map(|h| h.id).collect();
        let plus_loin = w.iter().copied().fold(0.0, f64::max);
        for (r, l) in lignes {
            if l.rang_wgs84 <= 10 && !pris.contains(r) {
                assert!(
                    l.wgs84 * (1.0 + TOLERANCE) >= plus_loin,
                    "{nom}: {} ({} km) left out",
                    p.refs[*r].0,
                    l.wgs84
                );
                inversions.push(format!(
                    "{nom}: {} ({} km) left out, 10th at {plus_loin} km",
                    p.refs[*r].0, l.wgs84
                ));
            }
        }
    }
    println!("sphere/ellipsoid swaps ({}):", inversions.len());
    for i in &inversions {
        println!("  {i}");
    }
    // Known from the table: one swap at the 10th/11th place around Arlon.
    assert!(inversions.len() <= 2, "{inversions:#?}");
}

#[test]
fn rayons_comme_le_wgs84_hors_bande() {
    let p = points();
    let ordre = ordre();
    let index = index(&p);
    let mut dans_la_bande = 0;
    let mut trouves = 0;
    for (qi, (nom, q)) in p.queries.iter().enumerate() {
        let lignes = &ordre[&qi];
        for r in [0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0] {
            assert!(r * (1.0 + TOLERANCE) < RAYON_LISTE_KM);
            let hits = index.within(*q, r);
            assert!(hits.windows(2).all(|w| w[0].km <= w[1].km));
            let ids: BTreeSet<usize> = hits.iter().map(|h| h.id).collect();
            trouves += ids.len();
            for id in &ids {
                assert!(
                    lignes.contains_key(id),
                    "{nom}, {r} km: {id} is > 31 km away"
                );
            }
            for (id, l) in lignes {
                // WGS84, outside the model band.
                if l.wgs84 <= r * (1.0 - TOLERANCE) {
                    assert!(ids.contains(id), "{nom}, {r} km: {} missing", p.refs[*id].0);
                } else if l.wgs84 >= r * (1.0 + TOLERANCE) {
                    assert!(!ids.contains(id), "{nom}, {r} km: {} extra", p.refs[*id].0);
                } else {
                    dans_la_bande += 1;
                }
                // Sphere, exact (away from a 1 mm band).
                if (l.sphere - r).abs() > 1e-6 {
                    assert_eq!(ids.contains(id), l.sphere <= r, "{nom}, {r} km: {id}");
                }
            }
        }
    }
    println!("{trouves} hits; {dans_la_bande} points within 0.5 % of a radius, not judged");
    assert!(trouves > 500);
}
