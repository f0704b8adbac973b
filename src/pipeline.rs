//! The stages wired together, written once: [`front`] (load → check) for every command,
//! [`back`] (resolve → index → assemble) for `build` and `serve`, [`build_site`] for the
//! whole pipeline into the atomic writer.

use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;

use crate::check;
use crate::config::Config;
use crate::content::Content;
use crate::diag::{Diagnostics, Sources};
use crate::load::{self, LoadError, Loaded};
use crate::model::Centre;
use crate::nouveautes::Precedent;
use crate::refdata::RefData;
use crate::render::{RenderCache, RenderError, Site, Theme};
use crate::resolve::Catalogue;
use crate::site::{Output, Sink};

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

/// load → check, as `cispgen check` runs it: the same front as every other command.
pub fn check_site(root: &Path, today: NaiveDate) -> Result<Checked, LoadError> {
    let front = front(root, today, None)?;
    Ok(Checked {
        sources: front.sources,
        centres: front.centres,
        diagnostics: front.diagnostics,
    })
}

/// What every command starts from (`build`, `check`, `export`, `near`, `report`,
/// `serve`): the centre files, `site.yaml` and `content/` read, then checked.
pub struct Front {
    pub sources: Sources,
    pub centres: Vec<Centre>,
    pub config: Config,
    pub content: Content,
    /// Findings of load and check, errors and warnings.
    pub diagnostics: Diagnostics,
    pub refdata: &'static RefData,
    pub today: NaiveDate,
    pub timings: Timings,
}

/// The data has errors: nothing downstream runs.
pub struct Invalid {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
}

impl Front {
    /// The front, if its data has no error.
    pub fn valide(self) -> Result<Front, Invalid> {
        if self.diagnostics.has_errors() {
            Err(Invalid {
                sources: self.sources,
                diagnostics: self.diagnostics,
            })
        } else {
            Ok(self)
        }
    }
}

/// load → check. `base_url` replaces the one of `site.yaml` (`--base-url`, or the
/// preview's own address).
pub fn front(root: &Path, today: NaiveDate, base_url: Option<String>) -> Result<Front, LoadError> {
    let t = Instant::now();
    let (loaded, refdata) = rayon::join(|| load::load(root), RefData::load);
    Ok(front_of(loaded?, refdata, root, today, base_url, t))
}

/// [`front`] from centre files already read (`serve` keeps them between rebuilds);
/// `started` is when reading began, for the timings.
pub fn front_of(
    loaded: Loaded,
    refdata: &'static RefData,
    root: &Path,
    today: NaiveDate,
    base_url: Option<String>,
    started: Instant,
) -> Front {
    let mut sources = loaded.sources;
    let mut diagnostics = loaded.diagnostics;
    let config = match Config::load(root, &mut sources) {
        Ok(config) => config,
        Err(findings) => {
            diagnostics.extend(findings);
            Config::default()
        }
    }
    .with_base_url(base_url);
    let mut content_findings = Vec::new();
    let content = crate::content::load(root, &mut sources, &mut content_findings);
    diagnostics.extend(content_findings);
    let mut timings = Timings {
        load: started.elapsed(),
        ..Timings::default()
    };
    let t = Instant::now();
    diagnostics.extend(check::check(&loaded.centres, &sources, refdata, today));
    timings.check = t.elapsed();
    Front {
        sources,
        centres: loaded.centres,
        config,
        content,
        diagnostics,
        refdata,
        today,
        timings,
    }
}

/// What [`back`] made.
pub struct Back {
    pub summary: Summary,
    pub pages: usize,
    /// Resolve, index and render (the writing is the sink's).
    pub timings: Timings,
}

/// Called by [`back`] once the catalogue is resolved and the theme ready, beside the
/// index: `serve` renders the edited centre's own pages there, before the whole site.
pub type AvantIndex<'f, E> = dyn Fn(&Catalogue, &Theme) -> Result<(), E> + Sync + 'f;

/// resolve → index → assemble, from a valid front: what `build` writes and `serve`
/// serves. The theme comes from `theme` (loaded beside resolve when it must be read).
pub fn back<E, T>(
    front: &Front,
    theme: impl FnOnce() -> Result<T, E> + Send,
    cache: Option<&RenderCache>,
    precedent: &Precedent,
    avant_index: Option<&AvantIndex<E>>,
    sink: &Sink<E>,
) -> Result<Back, E>
where
    E: From<RenderError> + Send,
    T: Borrow<Theme> + Send,
{
    let mut timings = Timings::default();
    let (theme, catalogue) = rayon::join(theme, || {
        let t = Instant::now();
        let catalogue = crate::resolve::resolve(&front.centres, front.refdata, front.today);
        (catalogue, t.elapsed())
    });
    let (catalogue, resolve) = catalogue;
    timings.resolve = resolve;
    let theme = theme?;
    let theme = theme.borrow();

    // The similar tracks (the longest part of resolving at 100 ×) and the maps' topology
    // are made beside the index; `serve`'s first pass makes the similar tracks of its own
    // pages as it renders them.
    let t = Instant::now();
    let index_et_similaires = || {
        rayon::join(
            || crate::index::build_sous(&catalogue, &front.config.racine),
            || {
                catalogue.toutes_similaires();
                crate::map::preparer(front.refdata);
            },
        )
        .0
    };
    let indexes = match avant_index {
        None => index_et_similaires(),
        Some(avant) => {
            let (avant, indexes) = rayon::join(|| avant(&catalogue, theme), index_et_similaires);
            avant?;
            indexes
        }
    };
    timings.index = t.elapsed();

    let t = Instant::now();
    let site = Site {
        config: &front.config,
        catalogue: &catalogue,
        sources: &front.sources,
        content: &front.content,
        indexes: &indexes,
    };
    let assemble = crate::assemble::assemble(&site, theme, cache, precedent, sink)?;
    timings.render = t.elapsed();
    Ok(Back {
        summary: Summary {
            centres: catalogue.centres.len(),
            lieux: catalogue.lieux.len(),
            filieres: catalogue.filieres.len(),
            communes: catalogue.communes_avec_lieu(),
        },
        pages: assemble.pages,
        timings,
    })
}

/// Options of `cispgen build`.
pub struct BuildOptions {
    pub root: std::path::PathBuf,
    pub out: std::path::PathBuf,
    pub base_url: Option<String>,
    pub today: NaiveDate,
    pub precompress: bool,
    /// The previous publication, for « Nouveautés »: its `catalogue.json` (the history
    /// `nouveautes.json` beside it) or its folder; by default `<out>/donnees/` (read
    /// before the swap). See [`crate::nouveautes::chemins`].
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
    Render(RenderError),
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

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> BuildError {
        BuildError::Render(e)
    }
}

impl From<crate::write::WriteError> for BuildError {
    fn from(e: crate::write::WriteError) -> BuildError {
        BuildError::Write(e)
    }
}

/// The whole pipeline: [`front`] → [`back`] into the writer (atomic swap at the end).
pub fn build_site(options: &BuildOptions) -> Result<Built, BuildError> {
    // Deletes what earlier builds left while this one loads and renders.
    let writer = crate::write::Writer::start(&options.out);

    // The previous publication (for « Nouveautés », issue 7) is read beside the front.
    let previous = crate::nouveautes::chemins(&options.out, options.previous.as_deref());
    // So is the theme (templates parsed, scripts minified: the longest of the serial
    // steps), from `site.yaml` as it is; it is used if the checked configuration agrees.
    let (front, ((precedent, notes_precedent), theme_lu)) = rayon::join(
        || front(&options.root, options.today, options.base_url.clone()),
        || {
            rayon::join(
                || crate::nouveautes::lire_precedent(&previous),
                || theme_d_avance(&options.root, options.base_url.clone()),
            )
        },
    );
    let front = front
        .map_err(BuildError::Load)?
        .valide()
        .map_err(|i| BuildError::Invalid {
            sources: i.sources,
            diagnostics: i.diagnostics,
        })?;
    let notes = notes_precedent;

    // Each file goes into the staging folder as soon as it is made, so that memory holds
    // the catalogue and the pages in flight, not the site.
    let ecriture = writer.begin(options.precompress)?;
    let sink = |o: Output| ecriture.write(&o).map_err(BuildError::Write);
    let theme = || match theme_lu {
        Some((nom, racine, theme))
            if nom == front.config.theme && racine == front.config.racine =>
        {
            theme.map_err(BuildError::Render)
        }
        _ => Theme::load(&options.root, &front.config).map_err(BuildError::Render),
    };
    let back = back(&front, theme, None, &precedent, None, &sink)?;

    let t = Instant::now();
    let written = ecriture.commit()?;
    let timings = Timings {
        load: front.timings.load,
        check: front.timings.check,
        write: t.elapsed(),
        ..back.timings
    };
    Ok(Built {
        summary: back.summary,
        pages: back.pages,
        written,
        timings,
        sources: front.sources,
        diagnostics: front.diagnostics,
        notes,
    })
}

/// The theme named by `site.yaml`, read before the configuration is checked, with the
/// theme's name and the site's root path it was made for. `None` when `site.yaml` has
/// errors (the front reports them).
fn theme_d_avance(
    root: &Path,
    base_url: Option<String>,
) -> Option<(String, String, Result<Theme, RenderError>)> {
    let config = Config::load(root, &mut Sources::default())
        .ok()?
        .with_base_url(base_url);
    let theme = Theme::load(root, &config);
    Some((config.theme, config.racine, theme))
}
