//! The stages wired together, for the CLI and for tests: `check` runs load → check,
//! `build` runs the whole pipeline.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use crate::check;
use crate::diag::{Diagnostics, Sources};
use crate::load::{self, LoadError};
use crate::model::Centre;
use crate::refdata::RefData;

/// The outcome of `cispgen check`.
pub struct Checked {
    pub sources: Sources,
    pub centres: Vec<Centre>,
    pub diagnostics: Diagnostics,
}

impl Checked {
    /// « 150 centres, 300 lieux, 450 filières, 95 communes » for the summary line.
    pub fn summary(&self, refdata: &RefData) -> Summary {
        let lieux = self.centres.iter().map(|c| c.lieux.len()).sum();
        let filieres = self.centres.iter().map(|c| c.filieres.len()).sum();
        let communes: BTreeSet<&str> = self
            .centres
            .iter()
            .flat_map(|c| c.lieux.iter())
            .filter_map(|l| check::geography::commune_de_l_adresse(l, refdata))
            .map(|c| c.nis.as_str())
            .collect();
        Summary {
            centres: self.centres.len(),
            lieux,
            filieres,
            communes: communes.len(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub centres: usize,
    pub lieux: usize,
    pub filieres: usize,
    pub communes: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{} centres, {} lieux, {} filières, {} communes couvertes",
            self.centres, self.lieux, self.filieres, self.communes
        )
    }
}

/// load → check.
pub fn check_site(root: &Path, today: NaiveDate) -> Result<Checked, LoadError> {
    let refdata = RefData::load();
    let loaded = load::load(root)?;
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(check::check(&loaded.centres, &loaded.sources, refdata, today));
    Ok(Checked {
        sources: loaded.sources,
        centres: loaded.centres,
        diagnostics,
    })
}
