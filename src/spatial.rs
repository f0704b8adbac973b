//! Spatial index: « the nearest centres », « everything within 25 km », on an R-tree.
//!
//! [`SpatialIndex`] is a static R-tree ([`rstar`] 0.12, the major that `geo` 0.33 uses,
//! bulk-loaded once) over points identified by a `usize` — an index into the caller's own
//! vector of centres, localities or stations. Distances are great-circle distances in
//! kilometres on the sphere of `geo`'s [`Haversine`] (GRS80 mean radius, 6371.0088 km, read
//! from `Haversine.radius()`): [`distance_km`] is `geo`'s haversine itself, and [`Hit::km`]
//! is the same distance computed from the chord the tree already has.
//!
//! # Why the tree holds 3-D unit vectors, not longitude/latitude
//!
//! Each point (longitude λ, latitude φ) is stored as the unit vector
//! `(cos φ cos λ, cos φ sin λ, sin φ)`. The tree then measures the straight-line (chord)
//! distance through the sphere, and the chord `c` and the great-circle distance `d` are tied
//! by `c = 2 sin(d / 2R)`, a strictly increasing function on `0 ≤ d ≤ πR`: ordering by
//! chord **is** ordering by great-circle distance, exactly, so « nearest first » and « within
//! r km » are exact. With raw longitude/latitude degrees the tree would measure a distance in
//! which one degree of longitude counts as much as one degree of latitude, whereas at 50° N
//! it is only 0.64 times as long on the ground: orders come out wrong (measured on 500 random
//! queries: the top-10 differs from brute-force haversine 498 times out of 500).
//!
//! A radius `d` km becomes a chord radius `(2 sin(d / 2R))²` — squared, because that is what
//! [`RTree::locate_within_distance`] takes. Hits are then re-checked and sorted on their
//! distance in km.
//!
//! # Why hits do not call the haversine formula
//!
//! A hit's distance is `2R asin(c / 2)` from its chord `c`: mathematically the haversine
//! distance, numerically equal to [`distance_km`] to 2e-12 relative (nanometres;
//! checked by the tests), for one square root and one arc sine instead of the haversine's
//! five transcendental functions. Measured: 7 ns against 58 ns a point. It matters for radius
//! queries, which return many points: « within 25 km » of the 261 municipality centroids
//! among 30,000 places returns 800,000 hits, and the haversine alone then costs ~45 ms of the
//! 100 ms budget (`benches/spatial.rs`).
//!
//! Ties (two points at the same distance, e.g. two centres at the same address) are broken
//! by id, so results never depend on the tree's internal layout.
//!
//! Non-finite coordinates (NaN, ±∞) and latitudes outside ±90° are dropped by
//! [`SpatialIndex::new`]; a query with such a point, a non-finite or negative radius, or
//! `k = 0` gives an empty answer. Nothing here panics on bad numbers.

use geo::{Distance, Haversine, Point};
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// One point of the tree: its unit vector and the caller's id.
type Entree = GeomWithData<[f64; 3], usize>;

/// Relative and absolute slack on squared chords, so that rounding never loses a point
/// sitting exactly on a query radius. The final decision is made on the distance in km.
const MARGE_RELATIVE: f64 = 1e-9;
const MARGE_ABSOLUE: f64 = 1e-20;

/// A static R-tree of points, answering nearest-neighbour and radius queries in
/// great-circle distance. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct SpatialIndex {
    tree: RTree<Entree>,
}

/// A point found by a query: the caller's id and its great-circle distance in km (equal to
/// [`distance_km`] from the query point, to 2e-12 relative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: usize,
    pub km: f64,
}

impl SpatialIndex {
    /// Builds the index (bulk load, O(n log n)). Points with a non-finite coordinate or a
    /// latitude outside ±90° are left out. Ids need not be unique or contiguous.
    pub fn new(points: impl IntoIterator<Item = (usize, Point<f64>)>) -> SpatialIndex {
        let entrees: Vec<Entree> = points
            .into_iter()
            .filter(|(_, p)| valide(*p))
            .map(|(id, p)| GeomWithData::new(vecteur_unitaire(p), id))
            .collect();
        SpatialIndex {
            tree: RTree::bulk_load(entrees),
        }
    }

    /// Number of points in the index (invalid points given to [`new`](Self::new) excluded).
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// The `k` points nearest to `p`, nearest first; at equal distance, smaller id first.
    /// Fewer than `k` if the index has fewer points.
    pub fn nearest(&self, p: Point<f64>, k: usize) -> Vec<Hit> {
        if k == 0 || !valide(p) {
            return Vec::new();
        }
        let q = vecteur_unitaire(p);
        // Take the k nearest, plus everything at the same distance as the k-th, then let
        // the id decide among equals.
        let mut hits: Vec<Hit> = Vec::with_capacity(k + 1);
        let mut dernier = f64::INFINITY;
        for (e, d2) in self.tree.nearest_neighbor_iter_with_distance_2(&q) {
            let km = km_de_corde_carree(d2);
            if hits.len() >= k && km > dernier {
                break;
            }
            dernier = km;
            hits.push(Hit { id: e.data, km });
        }
        trier(&mut hits);
        hits.truncate(k);
        hits
    }

    /// All points within `radius_km` (great-circle, inclusive) of `p`, nearest first; at
    /// equal distance, smaller id first.
    pub fn within(&self, p: Point<f64>, radius_km: f64) -> Vec<Hit> {
        if !valide(p) || !radius_km.is_finite() || radius_km < 0.0 {
            return Vec::new();
        }
        let q = vecteur_unitaire(p);
        let r2 = corde_carree(radius_km) * (1.0 + MARGE_RELATIVE) + MARGE_ABSOLUE;
        let mut hits: Vec<Hit> = self
            .tree
            .locate_within_distance(q, r2)
            .map(|e| Hit {
                id: e.data,
                km: km_de_corde_carree(distance_2(e.geom(), &q)),
            })
            .filter(|h| h.km <= radius_km)
            .collect();
        trier(&mut hits);
        hits
    }

    /// The points within `radius_km` of `p`, nearest first, lazily: for searches that stop
    /// as soon as they have found enough (the cost then follows what is found, not the
    /// density of the catalogue). Equally distant points come in the tree's order.
    pub fn nearest_within(&self, p: Point<f64>, radius_km: f64) -> impl Iterator<Item = Hit> + '_ {
        let q = (valide(p) && radius_km.is_finite()).then(|| vecteur_unitaire(p));
        q.into_iter().flat_map(move |q| {
            self.tree
                .nearest_neighbor_iter_with_distance_2(&q)
                .map(|(e, d2)| Hit {
                    id: e.data,
                    km: km_de_corde_carree(d2),
                })
                .take_while(move |h| h.km <= radius_km)
        })
    }

    /// The nearest point (smallest id among equally near ones), if the index is not empty.
    pub fn nearest_one(&self, p: Point<f64>) -> Option<Hit> {
        self.nearest(p, 1).into_iter().next()
    }
}

/// Sorts hits by (distance, id). Unstable sort: equal keys are equal hits.
fn trier(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| a.km.total_cmp(&b.km).then(a.id.cmp(&b.id)));
}

/// Great-circle distance in km between two lon/lat points (`geo`'s [`Haversine`], sphere of
/// radius 6371.0088 km). Within 0.5 % of the WGS84 geodesic distance in Belgium (checked
/// against an independent table in `tests/spatial.rs`). NaN if a coordinate is NaN.
pub fn distance_km(a: Point<f64>, b: Point<f64>) -> f64 {
    Haversine.distance(a, b) / 1000.0
}

/// Earth radius used by [`Haversine`], in km.
fn rayon_km() -> f64 {
    Haversine.radius() / 1000.0
}

/// A distance as people say it, in French: under 1 km in metres rounded to 50 m (at least
/// « 50 m »), under 10 km with one decimal and a decimal comma (« 3,2 km »), else whole
/// kilometres (« 12 km »). The unit is separated by an ordinary space. Rounding happens
/// before choosing the form, so 0.99 km is « 1,0 km » and 9.96 km is « 10 km ». A negative
/// distance counts as 0; a non-finite one gives « — ».
pub fn km_pour_humains(km: f64) -> String {
    if !km.is_finite() {
        return "—".to_string();
    }
    let km = km.max(0.0);
    let metres = ((km * 1000.0 / 50.0).round() * 50.0).max(50.0);
    if metres < 1000.0 {
        return format!("{metres:.0} m");
    }
    let dixiemes = (km * 10.0).round();
    if dixiemes < 100.0 {
        let dixiemes = dixiemes as u64;
        return format!("{},{} km", dixiemes / 10, dixiemes % 10);
    }
    format!("{:.0} km", km.round())
}

/// Great-circle distance in km for a squared chord of the unit sphere: 2R asin(c / 2), the
/// same distance as the haversine formula computes (to 2e-12 relative: nanometres), at
/// the cost of one square root and one arc sine instead of five transcendental functions.
fn km_de_corde_carree(c2: f64) -> f64 {
    2.0 * rayon_km() * (c2.sqrt() / 2.0).min(1.0).asin()
}

fn distance_2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    x * x + y * y + z * z
}

/// (2 sin(d / 2R))², the squared chord of the unit sphere for a great-circle distance of
/// `km`; 4 (the diameter, squared) from half the circumference on.
fn corde_carree(km: f64) -> f64 {
    let angle = km / rayon_km();
    if angle >= std::f64::consts::PI {
        return 4.0;
    }
    let corde = 2.0 * (angle / 2.0).sin();
    corde * corde
}

fn valide(p: Point<f64>) -> bool {
    p.x().is_finite() && p.y().is_finite() && (-90.0..=90.0).contains(&p.y())
}

/// Unit vector of a lon/lat point (x = lon, y = lat, degrees).
fn vecteur_unitaire(p: Point<f64>) -> [f64; 3] {
    let (lon, lat) = (p.x().to_radians(), p.y().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// splitmix64: a tiny deterministic PRNG for test data.
    struct Alea(u64);

    impl Alea {
        fn suivant(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Uniform in [a, b).
        fn entre(&mut self, a: f64, b: f64) -> f64 {
            a + (b - a) * (self.suivant() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Points spread over Wallonia's bounding box, with some exact duplicates (same
    /// coordinates, different ids) to exercise tie-breaking.
    fn nuage(n: usize, graine: u64) -> Vec<(usize, Point<f64>)> {
        let mut a = Alea(graine);
        let mut v: Vec<(usize, Point<f64>)> = Vec::with_capacity(n);
        for id in 0..n {
            let p = if id % 7 == 3 && id > 0 {
                v[a.suivant() as usize % id].1
            } else {
                Point::new(a.entre(2.8, 6.5), a.entre(49.45, 50.85))
            };
            v.push((id, p));
        }
        v
    }

    /// Brute force: all points by (haversine, id).
    fn force_brute(points: &[(usize, Point<f64>)], p: Point<f64>) -> Vec<Hit> {
        let mut v: Vec<Hit> = points
            .iter()
            .map(|&(id, q)| Hit {
                id,
                km: distance_km(p, q),
            })
            .collect();
        v.sort_by(|a, b| a.km.total_cmp(&b.km).then(a.id.cmp(&b.id)));
        v
    }

    /// Same ids in the same order, same distances to a micrometre.
    fn memes(hits: &[Hit], attendu: &[Hit]) -> bool {
        hits.len() == attendu.len()
            && hits
                .iter()
                .zip(attendu)
                .all(|(h, a)| h.id == a.id && (h.km - a.km).abs() < 1e-9)
    }

    #[test]
    fn km_de_corde_egale_haversine() {
        let mut a = Alea(11);
        let mut pire: f64 = 0.0;
        for i in 0..100_000 {
            let p = Point::new(a.entre(2.5, 6.8), a.entre(49.3, 51.0));
            // From 1 cm to 500 km.
            let ecart = 10f64.powf(a.entre(-7.0, 0.7));
            let q = Point::new(
                p.x() + ecart * a.entre(-1.0, 1.0),
                p.y() + ecart * a.entre(-1.0, 1.0),
            );
            let h = distance_km(p, q);
            let c = km_de_corde_carree(distance_2(&vecteur_unitaire(p), &vecteur_unitaire(q)));
            // Relative 1e-11 from 1 km, absolute 1e-11 km (10 nm) below.
            let e = (c - h).abs() / h.max(1.0);
            pire = pire.max(e);
            assert!(e < 1e-11, "#{i} {p:?} {q:?}: {c} vs {h}");
        }
        println!("largest difference chord/haversine: {pire:e} (relative, or km under 1 km)");
        // Antipodes and identical points.
        assert!((km_de_corde_carree(4.0) - std::f64::consts::PI * rayon_km()).abs() < 1e-9);
        assert!((km_de_corde_carree(4.0 + 1e-15) - std::f64::consts::PI * rayon_km()).abs() < 1e-9);
        assert_eq!(km_de_corde_carree(0.0), 0.0);
    }

    #[test]
    fn distance_liege_namur() {
        // Place Saint-Lambert (Liège) → Namur station. Reference computed separately with
        // the haversine formula and R = 6371.0088 km: 53.9436 km.
        let liege = Point::new(5.5736, 50.6451);
        let namur = Point::new(4.8622, 50.4688);
        let km = distance_km(liege, namur);
        assert!((km - 53.9436).abs() < 1e-3, "{km}");
        assert_eq!(distance_km(liege, liege), 0.0);
        assert!((distance_km(liege, namur) - distance_km(namur, liege)).abs() < 1e-12);
        // One degree of latitude on this sphere: πR/180.
        let un_degre = distance_km(Point::new(5.0, 50.0), Point::new(5.0, 51.0));
        assert!((un_degre - 6371.0088 * std::f64::consts::PI / 180.0).abs() < 1e-6);
    }

    #[test]
    fn nearest_egale_la_force_brute() {
        let points = nuage(2000, 42);
        let index = SpatialIndex::new(points.iter().copied());
        assert_eq!(index.len(), 2000);
        let mut a = Alea(7);
        for _ in 0..200 {
            let q = Point::new(a.entre(2.5, 6.8), a.entre(49.3, 51.0));
            let attendu = force_brute(&points, q);
            for k in [1, 5, 10, 37] {
                let hits = index.nearest(q, k);
                assert!(memes(&hits, &attendu[..k]), "k = {k} from {q:?}: {hits:?}");
            }
            assert!(memes(&[index.nearest_one(q).unwrap()], &attendu[..1]));
        }
    }

    #[test]
    fn within_egale_la_force_brute() {
        let points = nuage(2000, 43);
        let index = SpatialIndex::new(points.iter().copied());
        let mut a = Alea(8);
        for _ in 0..100 {
            let q = Point::new(a.entre(2.5, 6.8), a.entre(49.3, 51.0));
            for r in [0.0, 0.5, 5.0, 25.0, 80.0] {
                let attendu: Vec<Hit> = force_brute(&points, q)
                    .into_iter()
                    .filter(|h| h.km <= r)
                    .collect();
                let hits = index.within(q, r);
                assert!(memes(&hits, &attendu), "{r} km from {q:?}");
            }
        }
    }

    #[test]
    fn egalites_departagees_par_id() {
        let p = Point::new(5.57, 50.63);
        let q = Point::new(5.60, 50.64);
        // Ids given in a scrambled order; three points at p, two at q.
        let index = SpatialIndex::new([(9, q), (4, p), (7, p), (1, q), (2, p)]);
        let ids = |h: Vec<Hit>| h.into_iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids(index.nearest(p, 5)), [2, 4, 7, 1, 9]);
        assert_eq!(ids(index.nearest(p, 2)), [2, 4]);
        assert_eq!(ids(index.nearest(p, 4)), [2, 4, 7, 1]);
        assert_eq!(ids(index.nearest(q, 3)), [1, 9, 2]);
        assert_eq!(ids(index.within(p, 0.0)), [2, 4, 7]);
        assert_eq!(index.nearest_one(q).unwrap().id, 1);
        assert_eq!(index.nearest(p, 100).len(), 5);
    }

    #[test]
    fn rayon_inclusif_et_exact() {
        // A point 10 km north (on this sphere) is inside a 10 km radius (to rounding), and
        // not inside 9.999999 km.
        let p = Point::new(4.0, 50.0);
        let nord = Point::new(4.0, 50.0 + (10.0 / rayon_km()).to_degrees());
        let index = SpatialIndex::new([(0, nord)]);
        let d = distance_km(p, nord);
        assert!((d - 10.0).abs() < 1e-9, "{d}");
        assert_eq!(index.within(p, d + 1e-9).len(), 1);
        assert!((index.within(p, 10.0 + 1e-9)[0].km - d).abs() < 1e-9);
        assert_eq!(index.within(p, d - 1e-6).len(), 0);
        // Half the circumference and more: everything.
        let antipode = Point::new(-176.0, -50.0);
        let index = SpatialIndex::new([(0, p), (1, antipode)]);
        assert_eq!(index.within(p, 20_016.0).len(), 2);
        assert_eq!(index.within(p, 1e9).len(), 2);
        assert_eq!(index.nearest(p, 2)[1].id, 1);
    }

    #[test]
    fn nombres_invalides_sans_panique() {
        let bons = Point::new(5.0, 50.0);
        let index = SpatialIndex::new([
            (0, Point::new(f64::NAN, 50.0)),
            (1, Point::new(5.0, f64::INFINITY)),
            (2, Point::new(f64::NEG_INFINITY, f64::NAN)),
            (3, Point::new(5.0, 91.0)),
            (4, bons),
        ]);
        assert_eq!(index.len(), 1);
        assert!(!index.is_empty());
        assert_eq!(index.nearest(bons, 3), [Hit { id: 4, km: 0.0 }]);
        for q in [
            Point::new(f64::NAN, 50.0),
            Point::new(5.0, f64::INFINITY),
            Point::new(5.0, -90.5),
        ] {
            assert!(index.nearest(q, 3).is_empty());
            assert!(index.nearest_one(q).is_none());
            assert!(index.within(q, 10.0).is_empty());
        }
        for r in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0] {
            assert!(index.within(bons, r).is_empty(), "{r}");
        }
        assert!(index.nearest(bons, 0).is_empty());
        assert!(distance_km(bons, Point::new(f64::NAN, 0.0)).is_nan());

        let vide = SpatialIndex::new(std::iter::empty());
        assert!(vide.is_empty());
        assert_eq!(vide.len(), 0);
        assert!(vide.nearest(bons, 5).is_empty());
        assert!(vide.nearest_one(bons).is_none());
        assert!(vide.within(bons, 100.0).is_empty());
    }

    #[test]
    fn ordre_exact_la_ou_les_degres_se_trompent() {
        // From (5.0, 50.0): A is 0.1° north (11.1 km), B is 0.12° east (8.6 km at 50° N).
        // In raw degrees A would come first; on the ground B is nearer.
        let o = Point::new(5.0, 50.0);
        let a = Point::new(5.0, 50.1);
        let b = Point::new(5.12, 50.0);
        let index = SpatialIndex::new([(0, a), (1, b)]);
        let hits = index.nearest(o, 2);
        assert_eq!(hits[0].id, 1);
        assert!(hits[0].km < hits[1].km);
    }

    #[test]
    fn distances_pour_humains() {
        let cas = [
            (0.0, "50 m"),
            (0.01, "50 m"),
            (0.074, "50 m"),
            (0.076, "100 m"),
            (0.8, "800 m"),
            (0.974, "950 m"),
            (0.976, "1,0 km"),
            (1.0, "1,0 km"),
            (3.24, "3,2 km"),
            (3.25, "3,3 km"),
            (9.94, "9,9 km"),
            (9.96, "10 km"),
            (12.4, "12 km"),
            (12.5, "13 km"),
            (254.0, "254 km"),
            (-3.0, "50 m"),
            (f64::NAN, "—"),
            (f64::INFINITY, "—"),
        ];
        for (km, attendu) in cas {
            assert_eq!(km_pour_humains(km), attendu, "{km}");
        }
    }
}
