//! « All places within 25 km of each of the 261 municipality centroids »: R-tree
//! ([`SpatialIndex`], build included) against the naive all-pairs haversine scan, at demo
//! scale (300 places) and at 30,000 places.
//!
//! Budget (release): build + 261 queries ≤ 5 ms at 300 places, ≤ 100 ms at 30,000.
//!
//! Run: `cargo bench --bench spatial` (or `-- --quick` for a short run). Medians are in
//! `target/criterion/within_25km_x261/*/new/estimates.json` (`median.point_estimate`, ns).
//!
//! Places are synthesised deterministically (splitmix64, no `rand`): each is a random
//! Walloon locality of `data/ref` moved by up to ±3 km east and north, which keeps the
//! density of the real settlement pattern.

use std::hint::black_box;
use std::time::Duration;

use cispgen::refdata::RefData;
use cispgen::spatial::{SpatialIndex, distance_km};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use geo::Point;

const RAYON_KM: f64 = 25.0;

/// splitmix64.
struct Alea(u64);

impl Alea {
    fn suivant(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    fn signe(&mut self) -> f64 {
        2.0 * (self.suivant() >> 11) as f64 / (1u64 << 53) as f64 - 1.0
    }
}

fn lieux(n: usize) -> Vec<Point<f64>> {
    let d = RefData::load();
    let mut a = Alea(n as u64);
    (0..n)
        .map(|_| {
            let l = &d.localites[a.suivant() as usize % d.localites.len()];
            let (lon, lat) = (l.point.x(), l.point.y());
            let dy = 3.0 / 110.574 * a.signe();
            let dx = 3.0 / (111.32 * lat.to_radians().cos()) * a.signe();
            Point::new(lon + dx, lat + dy)
        })
        .collect()
}

fn rtree(lieux: &[Point<f64>], centres: &[Point<f64>]) -> usize {
    let index = SpatialIndex::new(lieux.iter().copied().enumerate());
    centres
        .iter()
        .map(|&c| index.within(c, RAYON_KM).len())
        .sum()
}

fn naif(lieux: &[Point<f64>], centres: &[Point<f64>]) -> usize {
    centres
        .iter()
        .map(|&c| {
            let mut v: Vec<(f64, usize)> = lieux
                .iter()
                .enumerate()
                .map(|(i, &p)| (distance_km(c, p), i))
                .filter(|&(km, _)| km <= RAYON_KM)
                .collect();
            // Same output as the R-tree: sorted nearest first.
            v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            v.len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let centres: Vec<Point<f64>> = RefData::load()
        .communes
        .iter()
        .map(|c| c.centroide)
        .collect();
    assert_eq!(centres.len(), 261);
    let mut g = c.benchmark_group("within_25km_x261");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [300, 30_000] {
        let lieux = lieux(n);
        // Both give the same answer.
        let total = rtree(&lieux, &centres);
        assert_eq!(total, naif(&lieux, &centres));
        eprintln!("{n} places: {total} hits in all for the 261 queries");
        g.bench_with_input(
            BenchmarkId::new("rtree_build_and_query", n),
            &lieux,
            |b, l| b.iter(|| rtree(black_box(l), &centres)),
        );
        let index = SpatialIndex::new(lieux.iter().copied().enumerate());
        g.bench_with_input(
            BenchmarkId::new("rtree_query_only", n),
            &index,
            |b, index| {
                b.iter(|| {
                    centres
                        .iter()
                        .map(|&c| black_box(index).within(c, RAYON_KM).len())
                        .sum::<usize>()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("naive_scan", n), &lieux, |b, l| {
            b.iter(|| naif(black_box(l), &centres))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
