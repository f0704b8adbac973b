//! What the tests of the geocoder share: one geocoder, and whether a candidate lies in
//! its municipality.

use std::sync::OnceLock;

use super::{Candidate, Geocoder};
use crate::refdata::RefData;

pub(super) fn g() -> &'static Geocoder {
    static G: OnceLock<Geocoder> = OnceLock::new();
    G.get_or_init(|| Geocoder::new(RefData::load()))
}

pub(super) fn d() -> &'static RefData {
    RefData::load()
}

/// Whether the candidate's point is in (or within 1 km of) municipality `nis`.
pub(super) fn dans(c: &Candidate, nis: &str) -> bool {
    let m = d().commune(nis).unwrap();
    c.nis == nis && d().distance_au_contour_km(m, c.point) <= 1.0
}

/// The first answer to a query.
pub(super) fn premier(q: &str) -> Candidate {
    g().geocode(q)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .next()
        .unwrap()
}
