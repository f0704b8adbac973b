//! Reference data of Wallonia, embedded in the binary: municipalities (2025, with their
//! polygons), postal codes, localities, railway stations, bassins EFE and ROME v3.
//!
//! The files live in `data/ref/` (converted once with `tools/prepare_ref.py`; provenance
//! and licences in `data/ref/SOURCES.md`) and are compiled in with `include_str!`, so the
//! binary works from any folder. They are parsed once per run by [`RefData::load`].
//!
//! Coordinates are WGS84 longitude/latitude (`x` = lon, `y` = lat).
//!
//! - `tables`: the rows of the territorial tables (municipality, locality, station, bassin);
//! - `rome`: the ROME v3 job codes, their domains and job titles, and their look-ups;
//! - `lecture`: the embedded files and their parsing;
//! - `fichier_csv`: one embedded CSV file read with the `csv` crate, header and row lengths
//!   checked;
//! - `territoire`: look-ups by NIS code, postal code, bassin and point.

mod fichier_csv;
mod lecture;
mod rome;
mod tables;
mod territoire;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use rome::{Appellation, DomaineRome, FicheRome, GrandDomaineRome, Rome};
pub use tables::{Bassin, Commune, Gare, Localite};

/// All the reference data. Vectors are sorted by their key (NIS code, postal code,
/// station id, ROME code), so they can be iterated in a stable order.
#[derive(Debug)]
pub struct RefData {
    /// The 261 Walloon municipalities of 2025, sorted by NIS code.
    pub communes: Vec<Commune>,
    /// Localities (sections) of Walloon postal codes, sorted by postal code then name.
    pub localites: Vec<Localite>,
    /// Belgian stations in Wallonia or within 15 km of it, sorted by id.
    pub gares: Vec<Gare>,
    /// The bassins EFE, in their conventional order (west to east, germanophone last).
    pub bassins: Vec<Bassin>,
    pub rome: Rome,
    /// Postal code → indexes into `communes`.
    communes_par_cp: HashMap<String, Vec<usize>>,
}

impl RefData {
    /// The embedded reference data, parsed on first call.
    ///
    /// # Panics
    /// If the embedded files are malformed. They are build input, checked by the unit
    /// tests of this module, so this cannot happen with a tested build.
    pub fn load() -> &'static RefData {
        static DATA: OnceLock<RefData> = OnceLock::new();
        DATA.get_or_init(|| {
            RefData::parse().unwrap_or_else(|e| panic!("embedded reference data (data/ref): {e}"))
        })
    }
}
