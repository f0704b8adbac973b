//! cispgen: the static site generator behind cisp.be, the directory of CISP training in
//! Wallonia.
//!
//! The pipeline, one module per stage:
//! **load** ([`load`]: walk `data/centres`, parse YAML with spans) → **check** ([`check`]:
//! cross-references, geography, codes) → **resolve** (geocode, municipality, bassin,
//! R-tree) → **index** (JSON search indexes) → **render** (pages) → **write** (minify,
//! atomic swap).

pub mod check;
pub mod diag;
pub mod load;
pub mod model;
pub mod text;
pub mod yaml;
pub mod refdata;
pub mod pipeline;

/// The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today.
pub fn today() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
pub mod demo;
