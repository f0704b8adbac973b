//! cispgen: the static site generator behind cisp.be, the directory of CISP training in
//! Wallonia.
//!
//! The pipeline ([`pipeline`]), one module per stage:
//! **load** ([`load`]: walk `data/centres`, parse YAML with spans) → **check** ([`check`]:
//! cross-references, geography, codes; all diagnostics collected) → **resolve**
//! ([`resolve`]: geocode, municipality, bassin, R-trees) → **index** (JSON search
//! indexes) → **render** ([`render`]: tera pages, Markdown content) → **write**
//! ([`write`]: atomic swap).
//!
//! Shared pieces: [`model`] (the centre file format), [`yaml`] (the only YAML parser),
//! [`diag`] (diagnostics), [`refdata`] (reference data), [`spatial`] (R-tree),
//! [`geocode`], [`map`] (SVG maps), [`markdown`], [`content`], [`config`], [`text`].

pub mod assemble;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod couverture;
pub mod demo;
pub mod diag;
pub mod files;
pub mod geocode;
pub mod index;
pub mod load;
pub mod map;
pub mod markdown;
pub mod model;
pub mod near;
pub mod nouveautes;
pub mod opendata;
pub mod pipeline;
pub mod refdata;
pub mod render;
pub mod report;
pub mod resolve;
pub mod serve;
pub mod site;
pub mod skeleton;
pub mod spatial;
pub mod text;
pub mod write;
pub mod yaml;

/// The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today.
pub fn today() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Where the site publishes [`centre_schema`] (`/schema/centre.schema.json`), for the
/// `# yaml-language-server: $schema=…` header of centre files.
pub const SCHEMA_PATH: &str = "schema/centre.schema.json";

/// The JSON Schema of centre files, for editors: generated from [`model::Centre`], with
/// the rules of `check` (see `model/schema.rs`).
pub fn centre_schema() -> String {
    let mut schema = model::centre_schema();
    schema.insert(
        "$id".into(),
        "https://cisp.be/schema/centre.schema.json".into(),
    );
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
