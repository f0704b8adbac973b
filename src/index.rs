//! Stage 4, **index**: the prebuilt JSON search indexes for the browser, with
//! content-hashed file names. (Filled in by the search work, issue 5.)

use crate::render::Output;
use crate::resolve::Catalogue;

/// The index files and what the search page needs to find them.
#[derive(Debug, Default)]
pub struct Indexes {
    pub files: Vec<Output>,
    /// File names (with their hashes) handed to the search page, as JSON.
    pub manifest: serde_json::Value,
}

pub fn build(_catalogue: &Catalogue) -> Indexes {
    Indexes::default()
}
