//! Geocoding: from what a person types (« jemeppe s/meuse », « 4101 », « 50.61, 5.50 ») to
//! coordinates in Wallonia.
//!
//! [`Geocoder`] knows three kinds of names from the reference data ([`RefData`]):
//! municipalities (French name and the other name of the German-speaking ones, e.g.
//! « Sankt Vith » and « Saint-Vith »), localities (bpost sections, e.g.
//! « Jemeppe-sur-Meuse ») and 4-digit Walloon postal codes; it also reads coordinates
//! « lat, lon ».
//!
//! # Matching
//! Names are compared on a key that ignores case, accents, hyphens, apostrophes and spaces,
//! after expanding common abbreviations word by word: « st » / « sankt » → saint, « ste » →
//! sainte, « mt » → mont, « s/ » → sur, and « lez » / « lès » / « les » between two words
//! are the same word. So « Jemeppe-s/-Meuse », « jemeppe sur meuse », « JEMEPPE-SUR-MEUSE »
//! and « Jemeppe s/Meuse » all have the key `jemeppesurmeuse`.
//!
//! A name can be followed by a postal code and/or a municipality, as in the labels this
//! module produces: « Celles (4317, Faimes) », « Celles 5561 », « Mont (Yvoir) ». These
//! narrow an ambiguous answer (when they match nothing, they are ignored). A query that
//! starts with 4 digits is a postal code (« 4101 Seraing »).
//!
//! # Points
//! - locality: its coordinates (bpost list geocoded by zipcode-belgium). Four of them lie
//!   1–3 km outside the municipality their postal code belongs to (see `data/ref/SOURCES.md`);
//!   a locality point more than [`HORS_COMMUNE_MAX_KM`] outside its municipality is moved to
//!   the nearest point of the municipality's boundary, so that every candidate's point lies
//!   in (or on the edge of) the municipality it names;
//! - municipality: the locality of the same name in it, if any, else the polygon centroid;
//! - postal code: its locality that has the municipality's name, else its first locality,
//!   else the municipality centroid (5352 and 7010 have no locality).
//!
//! # Answers
//! An ambiguous name gives every candidate, municipality first, then localities, then by
//! postal code and NIS code. A name that is both a municipality and one of its own
//! localities (« Seraing », « Liège » 4000 and 4020) gives one candidate, the municipality.
//!
//! # Code
//! - `cles`: the matching key of a name (abbreviations, folding);
//! - `repertoire`: the gazetteer and its indexes, built once from the reference data;
//! - `recherche`: what a query means, narrowed by its qualifiers;
//! - `coordonnees`: « lat, lon » queries, attached to the nearest municipality;
//! - `suggestions`: type-ahead and the « Vouliez-vous dire » of an unknown name.

mod cles;
mod coordonnees;
#[cfg(test)]
mod essais;
mod recherche;
mod repertoire;
mod suggestions;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use geo::Point;

use crate::refdata::RefData;
use coordonnees::{COORDONNEES_MAX_KM, coordonnees};

/// Localities whose point lies further than this outside their municipality have it moved
/// onto the municipality's boundary.
pub const HORS_COMMUNE_MAX_KM: f64 = 1.0;

/// What a candidate is. The order is the order of answers: municipality first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Commune,
    Localite,
    CodePostal,
    Coordonnees,
}

/// A place a query may mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// What to show: « Seraing (4100) », « Jemeppe-sur-Meuse (4101, Seraing) »,
    /// « 4100 Seraing (Boncelles, Seraing) », « 50.61000, 5.50000 (Seraing) ». Unique
    /// within the [gazetteer](Geocoder::gazetteer), and geocodes back to this candidate.
    pub label: String,
    /// The name of the place: municipality, locality (for a postal code, the locality
    /// whose point is used, or the municipality when it has none); the coordinates as
    /// typed back for [`Kind::Coordonnees`].
    pub nom: String,
    pub kind: Kind,
    /// NIS code of the municipality.
    pub nis: String,
    /// Postal code: of the locality, of the same-name locality of a municipality (else
    /// its first postal code); `None` for coordinates.
    pub code_postal: Option<String>,
    /// WGS84, x = lon, y = lat.
    pub point: Point<f64>,
}

/// Nothing matches a query. `Display` gives a sentence in French for the person who
/// typed it, with up to five suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    /// The query, trimmed.
    pub query: String,
    /// « Nom (code postal) » of the closest names, best first; at most five.
    pub suggestions: Vec<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.query.is_empty() {
            return f.write_str(
                "Indiquez une commune, une localité, un code postal ou des coordonnées « latitude, longitude ».",
            );
        }
        if coordonnees(&self.query).is_some() {
            return write!(
                f,
                "Les coordonnées « {} » ne sont pas en Wallonie (ni à moins de {} km).",
                self.query, COORDONNEES_MAX_KM
            );
        }
        write!(
            f,
            "Aucune commune, localité ou code postal ne correspond à « {} ».",
            self.query
        )?;
        if !self.suggestions.is_empty() {
            write!(f, " Vouliez-vous dire : {} ?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for NotFound {}

/// Resolves what people type into places. Built once from the reference data; queries
/// are then cheap (a map look-up; suggestions scan the ~2,000 names).
#[derive(Debug)]
pub struct Geocoder {
    refdata: &'static RefData,
    /// Every distinct entry, sorted as [`Geocoder::gazetteer`] returns them.
    entrees: Vec<Candidate>,
    /// Name key → entries (municipalities also under their other name).
    par_cle: BTreeMap<String, Vec<usize>>,
    /// Postal code → its entry.
    par_cp: BTreeMap<String, usize>,
    /// Municipality name key → NIS codes, for qualifiers such as « (4317, Faimes) ».
    nis_par_cle: HashMap<String, Vec<String>>,
}
