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
    diagnostics.extend(check::check(
        &loaded.centres,
        &loaded.sources,
        refdata,
        today,
    ));
    Ok(Checked {
        sources: loaded.sources,
        centres: loaded.centres,
        diagnostics,
    })
}

/// Options of `cispgen build`.
pub struct BuildOptions {
    pub root: std::path::PathBuf,
    pub out: std::path::PathBuf,
    pub base_url: Option<String>,
    pub today: NaiveDate,
    pub precompress: bool,
    /// The previously published `catalogue.json`, for « Nouveautés »; by default
    /// `<out>/donnees/catalogue.json` (read before the swap).
    pub previous: Option<std::path::PathBuf>,
}

/// Time spent in each stage, for `build` and the benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub load: std::time::Duration,
    pub check: std::time::Duration,
    pub resolve: std::time::Duration,
    pub index: std::time::Duration,
    /// Rendering, and writing each file into the staging folder as it comes.
    pub render: std::time::Duration,
    /// The end of the write: deleting what the new site does not have, and the swap.
    pub write: std::time::Duration,
}

pub struct Built {
    pub summary: Summary,
    pub pages: usize,
    pub written: crate::write::WriteStats,
    pub timings: Timings,
    /// Warnings of the check stage (errors stop the build).
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    /// Remarks that are not about a data file (e.g. an unreadable previous catalogue).
    pub notes: Vec<String>,
}

pub enum BuildError {
    Load(LoadError),
    /// The data has errors: nothing was written.
    Invalid {
        sources: Sources,
        diagnostics: Diagnostics,
    },
    Render(crate::render::RenderError),
    Write(crate::write::WriteError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BuildError::Load(e) => e.fmt(f),
            BuildError::Invalid { diagnostics, .. } => write!(
                f,
                "{} erreur(s) dans les données : rien n'a été écrit, le site précédent reste en place",
                diagnostics.error_count()
            ),
            BuildError::Render(e) => e.fmt(f),
            BuildError::Write(e) => e.fmt(f),
        }
    }
}

/// The whole pipeline: load → check → resolve → index → render → write.
pub fn build_site(options: &BuildOptions) -> Result<Built, BuildError> {
    use std::time::Instant;
    let mut timings = Timings::default();
    // Deletes what earlier builds left while this one loads and renders.
    let writer = crate::write::Writer::start(&options.out);

    // The centre files, the embedded reference data and the previous publication (for
    // « Nouveautés », issue 7) are read side by side.
    let t = Instant::now();
    let previous = options
        .previous
        .clone()
        .unwrap_or_else(|| options.out.join(crate::nouveautes::CATALOGUE_JSON));
    let (loaded, (refdata, precedent)) = rayon::join(
        || load::load(&options.root),
        || {
            rayon::join(RefData::load, || {
                crate::nouveautes::lire_precedent(&previous)
            })
        },
    );
    let loaded = loaded.map_err(BuildError::Load)?;
    let mut sources = loaded.sources;
    let mut diagnostics = loaded.diagnostics;
    let config = match crate::config::Config::load(&options.root, &mut sources) {
        Ok(config) => config.with_base_url(options.base_url.clone()),
        Err(findings) => {
            diagnostics.extend(findings);
            crate::config::Config::default()
        }
    };
    let mut content_findings = Vec::new();
    let content = crate::content::load(&options.root, &mut sources, &mut content_findings);
    diagnostics.extend(content_findings);
    timings.load = t.elapsed();

    let t = Instant::now();
    diagnostics.extend(check::check(
        &loaded.centres,
        &sources,
        refdata,
        options.today,
    ));
    timings.check = t.elapsed();
    if diagnostics.has_errors() {
        return Err(BuildError::Invalid {
            sources,
            diagnostics,
        });
    }

    // The theme (templates read and minified) is made beside resolve and index.
    let (theme, (catalogue, indexes)) = rayon::join(
        || crate::render::Theme::load(&options.root, &config),
        || {
            let t = Instant::now();
            let catalogue = crate::resolve::resolve(&loaded.centres, refdata, options.today);
            timings.resolve = t.elapsed();
            let t = Instant::now();
            let indexes = crate::index::build(&catalogue);
            timings.index = t.elapsed();
            (catalogue, indexes)
        },
    );
    let theme = theme.map_err(BuildError::Render)?;

    // Render and write together: each file goes into the staging folder as soon as it is
    // rendered, so that memory holds the catalogue and the pages in flight, not the site.
    let t = Instant::now();
    let ecriture = writer
        .begin(options.precompress)
        .map_err(BuildError::Write)?;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let sink = |o: crate::render::Output| {
        if o.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        ecriture
            .write(&o)
            .map_err(crate::render::RenderError::Write)
    };
    let site = crate::render::Site {
        config: &config,
        catalogue: &catalogue,
        sources: &sources,
        content: &content,
        indexes: &indexes,
    };
    let as_build_error = |e| match e {
        crate::render::RenderError::Write(e) => BuildError::Write(e),
        e => BuildError::Render(e),
    };
    crate::render::render_site_into(&site, &theme, None, &sink).map_err(as_build_error)?;
    // « Nouveautés » against the previous publication (issue 7).
    let mut notes = Vec::new();
    let precedent = precedent.unwrap_or_else(|e| {
        notes.push(format!(
            "{e} : « Nouveautés » est construit comme une première publication"
        ));
        crate::nouveautes::Precedent::Aucun
    });
    crate::nouveautes::outputs(&config, &theme, &catalogue, &precedent)
        .map_err(BuildError::Render)?
        .into_iter()
        .try_for_each(sink)
        .map_err(as_build_error)?;
    timings.render = t.elapsed();

    let t = Instant::now();
    let written = ecriture.commit().map_err(BuildError::Write)?;
    timings.write = t.elapsed();

    let checked = Checked {
        sources,
        centres: Vec::new(),
        diagnostics,
    };
    let summary = Summary {
        centres: catalogue.centres.len(),
        lieux: catalogue.lieux.len(),
        filieres: catalogue.filieres.len(),
        communes: catalogue.communes_avec_lieu(),
    };
    Ok(Built {
        summary,
        pages: pages.into_inner(),
        written,
        timings,
        sources: checked.sources,
        diagnostics: checked.diagnostics,
        notes,
    })
}
