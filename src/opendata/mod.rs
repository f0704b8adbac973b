//! Open data for advisers and partners: the files of `/donnees/` and `cispgen export`.
//!
//! - `catalogue.json`: the whole resolved catalogue (centres, places, tracks), described by
//!   `catalogue.schema.json`, generated from the Rust types below with schemars. Records
//!   are sorted by id and every list inside them too, so that two builds can be compared
//!   record by record (a later « Nouveautés » feature diffs them).
//! - `lieux.geojson`: the places as points (RFC 7946: `[lon, lat]`, 6 decimals, no `crs`).
//! - `filieres.csv`: one row per track × place, for spreadsheets: UTF-8 with a byte-order
//!   mark, `;` separator and decimal commas, CRLF line ends, so that Excel set up for
//!   Belgium opens it right with a double click. One such file per bassin EFE too.
//! - `seances.ics`: every upcoming information session (RFC 5545), through
//!   [`feeds::calendrier`](crate::files::feeds::calendrier).
//!
//! `cispgen export` ([`crate::cli::export`]) writes the same CSV or JSON, filtered by bassin
//! and job code.

mod catalogue;
mod filtre;
mod records;
mod tables;

pub use catalogue::{arrondi6, catalogue, catalogue_json};
pub use filtre::Filtre;
pub use records::*;
pub use tables::{COLONNES_CSV, PROPRIETES_GEOJSON, cellule, csv, geojson, lignes_csv};

use crate::config::Config;
use crate::files::feeds;
use crate::resolve::Catalogue;
use crate::site::urls::{URL_CATALOGUE, URL_CSV, URL_GEOJSON, URL_ICS, URL_SCHEMA, url_csv_bassin};
use crate::site::{Output, Sink};

/// Version of the format of `catalogue.json`: raised when a field changes meaning or
/// disappears (adding a field keeps the version).
pub const VERSION_FORMAT: u32 = 1;
pub const LICENCE: &str = "CC-BY-4.0";
pub const ATTRIBUTION: &str = "cisp.be";

// ---------------------------------------------------------------------------------------
// The files of /donnees/
// ---------------------------------------------------------------------------------------

/// Every upcoming information session in one calendar.
pub fn ics(config: &Config, cat: &Catalogue) -> String {
    let evenements: Vec<feeds::Evenement> = feeds::evenements(config, cat)
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    feeds::calendrier(&evenements, cat.today)
}

/// The files of `/donnees/`, each handed to `sink` as soon as it is made (at 100× the
/// demo they weigh 200 MB); returns their sizes for the page that lists them.
pub fn outputs<E>(config: &Config, cat: &Catalogue, sink: &Sink<E>) -> Result<Publies, E> {
    let base = config.base_url.as_str();
    let tout = Filtre::tout();
    let file = |path: &str, bytes: Vec<u8>| -> Result<usize, E> {
        let n = bytes.len();
        sink(Output {
            path: path.trim_start_matches('/').to_string(),
            bytes,
        })?;
        Ok(n)
    };
    let octets_catalogue = file(URL_CATALOGUE, catalogue_json(cat, base, &tout).into_bytes())?;
    let octets_schema = file(URL_SCHEMA, schema_json(base).into_bytes())?;
    let octets_geojson = file(URL_GEOJSON, geojson(cat, base).into_bytes())?;
    // The rows are counted for the open-data page, then dropped with the file.
    let lignes = lignes_csv(cat, base, &tout);
    let nb_lignes = lignes.len().saturating_sub(1);
    let octets_csv = file(URL_CSV, tables::csv_de(lignes))?;
    let mut publies = Publies {
        lignes: nb_lignes,
        catalogue: octets_catalogue,
        schema: octets_schema,
        geojson: octets_geojson,
        csv: octets_csv,
        ics: file(URL_ICS, ics(config, cat).into_bytes())?,
        bassins: Vec::new(),
    };
    for (id, nom) in cat.bassins_avec_lieux() {
        let filtre = Filtre {
            bassin: Some(id.clone()),
            rome: None,
        };
        let octets = file(&url_csv_bassin(&id), csv(cat, base, &filtre))?;
        publies.bassins.push((id, nom, octets));
    }
    Ok(publies)
}

/// The open-data files as [`outputs`] wrote them, for the page that lists them: sizes in
/// bytes.
pub struct Publies {
    pub catalogue: usize,
    pub schema: usize,
    pub geojson: usize,
    pub csv: usize,
    pub ics: usize,
    /// Rows of `filieres.csv` (one per track and place).
    pub lignes: usize,
    /// Bassin id, name, size of its CSV.
    pub bassins: Vec<(String, String, usize)>,
}

#[cfg(test)]
mod tests {
    use super::catalogue::*;
    use super::tables::*;
    use super::*;

    #[test]
    fn nombres_a_la_belge() {
        assert_eq!(virgule(50.123456, 6), "50,123456");
        assert_eq!(virgule(50.1, 6), "50,1");
        assert_eq!(virgule(30.0, 1), "30");
        assert_eq!(virgule(27.5, 1), "27,5");
        assert_eq!(arrondi6(5.123_456_789), 5.123457);
    }

    #[test]
    fn pas_de_formule_dans_le_tableur() {
        assert_eq!(cellule("=1+1"), "'=1+1");
        assert_eq!(cellule("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cellule("Aide-boulanger"), "Aide-boulanger");
        assert_eq!(cellule("a\nb"), "a b");
    }

    #[test]
    fn le_schema_se_genere() {
        let s = schema_json("https://cisp.be");
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(v["$id"], "https://cisp.be/donnees/catalogue.schema.json");
        assert!(v["properties"]["filieres"].is_object());
    }
}
