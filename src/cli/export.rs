//! `cispgen export`: the front of the pipeline, resolve, then the same CSV or JSON as the
//! site's open-data files, restricted to a bassin or a job code.

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::{Diagnostics, Sources};
use crate::opendata::{Filtre, catalogue_json, csv};

// ---------------------------------------------------------------------------------------
// cispgen export
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatExport {
    Csv,
    Json,
}

pub enum ExportError {
    Load(crate::load::LoadError),
    /// The data has errors (run `cispgen check`).
    Invalid {
        sources: Sources,
        diagnostics: Diagnostics,
    },
    /// Unknown bassin or job code.
    Filtre(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ExportError::Load(e) => e.fmt(f),
            ExportError::Invalid { diagnostics, .. } => write!(
                f,
                "{} erreur(s) dans les données : corrigez-les d'abord (cispgen check)",
                diagnostics.error_count()
            ),
            ExportError::Filtre(m) => f.write_str(m),
        }
    }
}

/// `cispgen export`: the pipeline's front, resolve, then the same CSV or JSON as the site files,
/// restricted to `filtre`.
pub fn exporter(
    root: &Path,
    today: NaiveDate,
    filtre: &Filtre,
    format: FormatExport,
) -> Result<Vec<u8>, ExportError> {
    let front = crate::pipeline::front(root, today, None)
        .map_err(ExportError::Load)?
        .valide()
        .map_err(|i| ExportError::Invalid {
            sources: i.sources,
            diagnostics: i.diagnostics,
        })?;
    let config = &front.config;
    let cat = crate::resolve::resolve(&front.centres, front.refdata, today);
    let filtre = Filtre {
        bassin: filtre.bassin.as_ref().map(|b| b.trim().to_lowercase()),
        rome: filtre.rome.clone(),
    };
    filtre.verifier(&cat).map_err(ExportError::Filtre)?;
    Ok(match format {
        FormatExport::Csv => csv(&cat, &config.base_url, &filtre),
        FormatExport::Json => catalogue_json(&cat, &config.base_url, &filtre).into_bytes(),
    })
}
