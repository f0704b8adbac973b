//! The projection of the maps: equirectangular around the middle of Wallonia, in km (see
//! the module documentation of `map`), and boxes in projected km.

use geo::Coord;

/// Kilometres per degree of latitude, and of longitude at the equator (as in refdata).
const KM_PAR_DEGRE_LAT: f64 = 110.574;
const KM_PAR_DEGRE_LON: f64 = 111.32;
/// Centre of the projection: middle of Wallonia's bounding box.
pub(super) const LAT0: f64 = 50.15;
const LON0: f64 = 4.63;

/// Projected km east and north of the centre of the projection.
pub(super) fn projeter(p: Coord<f64>) -> [f64; 2] {
    [
        (p.x - LON0) * KM_PAR_DEGRE_LON * LAT0.to_radians().cos(),
        (p.y - LAT0) * KM_PAR_DEGRE_LAT,
    ]
}

/// A box in projected km: `[xmin, ymin, xmax, ymax]`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bbox(pub(super) [f64; 4]);

impl Bbox {
    pub(super) fn de(pts: &[[f64; 2]]) -> Bbox {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in pts {
            b[0] = b[0].min(p[0]);
            b[1] = b[1].min(p[1]);
            b[2] = b[2].max(p[0]);
            b[3] = b[3].max(p[1]);
        }
        Bbox(b)
    }

    pub(super) fn croise(&self, o: &Bbox) -> bool {
        self.0[0] <= o.0[2] && self.0[2] >= o.0[0] && self.0[1] <= o.0[3] && self.0[3] >= o.0[1]
    }
}
