//! The incremental rebuild: centre files kept parsed, the theme and its render cache
//! kept while only data changes, then the pipeline's own stages.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics, FileId, Sources};
use crate::load::{self, LoadError};
use crate::model::Centre;
use crate::nouveautes::{self, Precedent};
use crate::pipeline;
use crate::refdata::RefData;
use crate::render::{RenderCache, RenderError, Selection, Theme};
use crate::site::Output;

use super::*;

// ---------------------------------------------------------------------------------------
// Incremental rebuild
// ---------------------------------------------------------------------------------------

/// Modification time and size: when both are unchanged, the file is not read again.
type Stamp = (SystemTime, u64);

pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// One centre file as last read: its text and what `load::parse_centre` made of it.
pub(super) struct CachedFile {
    stamp: Stamp,
    id: FileId,
    text: String,
    centre: Option<Centre>,
    findings: Vec<Diagnostic>,
}

/// What a rebuild did, for the log line and the benchmark.
#[derive(Debug, Default, Clone, Copy)]
pub struct RebuildStats {
    /// Centre files read from disk / taken from the cache.
    pub read: usize,
    pub reused: usize,
    /// Centre files parsed again (read files whose text changed).
    pub parsed: usize,
    pub theme_reloaded: bool,
    /// Pages of the first pass, and the time from the start of the rebuild to its
    /// publication (zero when there was none).
    pub first_pass_pages: usize,
    pub first_pass: Duration,
    /// Pages rendered by tera in the full pass (the others came from the render cache).
    pub rendered: usize,
    pub files: usize,
    pub load: Duration,
    pub check: Duration,
    pub resolve: Duration,
    pub index: Duration,
    /// Theme (re)loading, when it happened.
    pub theme: Duration,
    pub render: Duration,
    /// « Nouveautés » page and feed.
    pub nouveautes: Duration,
    pub total: Duration,
}

/// A good build: the site's files.
pub struct Rebuilt {
    pub outputs: Vec<Output>,
    pub stats: RebuildStats,
    /// Warnings of the check stage.
    pub sources: Sources,
    pub diagnostics: Diagnostics,
}

pub enum RebuildError {
    Load(LoadError),
    /// The data has errors: the previous site stays.
    Invalid {
        sources: Sources,
        diagnostics: Diagnostics,
    },
    Render(RenderError),
}

impl std::fmt::Display for RebuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RebuildError::Load(e) => e.fmt(f),
            RebuildError::Invalid { diagnostics, .. } => write!(
                f,
                "{} erreur(s) dans les données",
                diagnostics.error_count()
            ),
            RebuildError::Render(e) => e.fmt(f),
        }
    }
}

/// Builds the site again and again, reusing what did not change (see the module doc).
pub struct Rebuilder {
    root: PathBuf,
    today: NaiveDate,
    base_url: Option<String>,
    files: HashMap<PathBuf, CachedFile>,
    /// Files named by the watcher: read again even when their stamp looks unchanged
    /// (two saves within the file system's time resolution).
    dirty: HashSet<PathBuf>,
    /// Something else than centre files changed (content, configuration, theme): no
    /// first pass.
    other_dirty: bool,
    theme: Option<(String, Theme, RenderCache)>,
    theme_dirty: bool,
    precedent: Option<Precedent>,
    /// The overview map's address in the last full render (for first passes).
    carte_url: Option<String>,
}

/// `root` as an absolute path, the form in which the watcher reports every event:
/// resolved through links when it exists (the watcher reports the real folder), else
/// joined to the current directory.
pub fn racine_absolue(root: &Path) -> PathBuf {
    std::fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf())
}

/// Does a change to `path` (under `root`) call for reloading the theme?
pub(super) fn affects_theme(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    ["themes", "templates", "static", "site.yaml"]
        .iter()
        .any(|p| rel.starts_with(p))
}

impl Rebuilder {
    /// `base_url` replaces the one of `site.yaml` (the preview's own address, so that
    /// absolute links stay on the preview).
    pub fn new(root: &Path, today: NaiveDate, base_url: Option<String>) -> Rebuilder {
        Rebuilder {
            // The watcher reports absolute paths: a root kept as typed (`.`, `../site`)
            // would match none of them.
            root: racine_absolue(root),
            today,
            base_url,
            files: HashMap::new(),
            dirty: HashSet::new(),
            other_dirty: true,
            theme: None,
            theme_dirty: true,
            precedent: None,
            carte_url: None,
        }
    }

    /// Tells the rebuilder that `path` changed (from the watcher).
    pub fn changed(&mut self, path: &Path) {
        if affects_theme(&self.root, path) {
            self.theme_dirty = true;
        }
        if !path
            .strip_prefix(&self.root)
            .unwrap_or(path)
            .starts_with(load::CENTRES_DIR)
        {
            self.other_dirty = true;
        }
        self.dirty.insert(path.to_path_buf());
    }

    /// Load stage over the cache. `None` when a file needs the full loader's diagnostics
    /// (too large, not UTF-8, NUL byte, unreadable): the caller then runs `load::load`.
    /// `reparsed` gets the files whose text changed since the last run.
    fn load_cached(
        &mut self,
        stats: &mut RebuildStats,
        reparsed: &mut BTreeSet<FileId>,
    ) -> Result<Option<load::Loaded>, LoadError> {
        let paths = load::centre_files(&self.root)?;
        let mut loaded = load::Loaded::default();
        let mut cache = HashMap::with_capacity(paths.len());
        for (i, path) in paths.into_iter().enumerate() {
            let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
            let Some(now) = stamp(&path) else {
                return Ok(None);
            };
            let old = self.files.remove(&path);
            let entry = match old {
                Some(c) if c.stamp == now && c.id == id && !self.dirty.contains(&path) => {
                    stats.reused += 1;
                    c
                }
                old => {
                    stats.read += 1;
                    if now.1 > load::MAX_FILE_BYTES {
                        return Ok(None);
                    }
                    let Ok(bytes) = std::fs::read(&path) else {
                        return Ok(None);
                    };
                    let Ok(text) = String::from_utf8(bytes) else {
                        return Ok(None);
                    };
                    let text = match text.strip_prefix('\u{feff}') {
                        Some(rest) => rest.to_string(),
                        None => text,
                    };
                    if text.contains('\0') {
                        return Ok(None);
                    }
                    match old {
                        Some(c) if c.text == text && c.id == id => CachedFile { stamp: now, ..c },
                        _ => {
                            stats.parsed += 1;
                            reparsed.insert(id);
                            let (centre, findings) = load::parse_centre(&text, id);
                            CachedFile {
                                stamp: now,
                                id,
                                text,
                                centre,
                                findings,
                            }
                        }
                    }
                }
            };
            let shown = path.strip_prefix(&self.root).unwrap_or(&path).to_path_buf();
            loaded.sources.add(shown, entry.text.clone());
            loaded.diagnostics.extend(entry.findings.iter().cloned());
            loaded.centres.extend(entry.centre.iter().cloned());
            cache.insert(path, entry);
        }
        self.files = cache;
        Ok(Some(loaded))
    }

    /// One build, from the files as they are now.
    pub fn rebuild(&mut self) -> Result<Rebuilt, RebuildError> {
        self.rebuild_with(&mut |_| {})
    }

    /// One build: the pipeline's own stages (`pipeline::front_of` over the cached
    /// centre files, then `pipeline::back` into memory), so that the preview is the
    /// build. `first_pass` receives the edited centres' own pages as soon as they are
    /// rendered, before the full pass (only when just centre files changed).
    pub fn rebuild_with(
        &mut self,
        first_pass: &mut (dyn FnMut(Vec<Output>) + Send),
    ) -> Result<Rebuilt, RebuildError> {
        let start = Instant::now();
        let mut stats = RebuildStats::default();
        let refdata = RefData::load();

        let first_run = self.files.is_empty();
        let mut reparsed = BTreeSet::new();
        let loaded = match self.load_cached(&mut stats, &mut reparsed) {
            Ok(Some(loaded)) => loaded,
            Ok(None) => {
                self.files.clear();
                self.other_dirty = true;
                load::load(&self.root).map_err(RebuildError::Load)?
            }
            Err(e) => return Err(RebuildError::Load(e)),
        };
        self.dirty.clear();
        let other_dirty = std::mem::take(&mut self.other_dirty);
        let only_centres = !first_run && !other_dirty;
        let front = pipeline::front_of(
            loaded,
            refdata,
            &self.root,
            self.today,
            self.base_url.clone(),
            start,
        );
        stats.load = front.timings.load;
        stats.check = front.timings.check;
        let front = match front.valide() {
            Ok(front) => front,
            Err(invalid) => {
                // What changed besides centre files is still to be rebuilt next time.
                self.other_dirty |= other_dirty;
                return Err(RebuildError::Invalid {
                    sources: invalid.sources,
                    diagnostics: invalid.diagnostics,
                });
            }
        };

        let t = Instant::now();
        let stale = self.theme_dirty
            || self
                .theme
                .as_ref()
                .is_none_or(|(name, _, _)| *name != front.config.theme);
        if stale {
            // A theme that does not load keeps `theme_dirty`, so the next change retries.
            let theme = Theme::load(&self.root, &front.config).map_err(RebuildError::Render)?;
            self.theme = Some((front.config.theme.clone(), theme, RenderCache::default()));
            self.theme_dirty = false;
            stats.theme_reloaded = true;
            self.carte_url = None;
        }
        stats.theme = t.elapsed();
        let Some((_, theme, cache)) = self.theme.as_ref() else {
            return Err(RebuildError::Render(RenderError::Template {
                page: "(thème)".into(),
                message: "thème absent".into(),
            }));
        };
        // « Nouveautés » against the last published build of this folder, if any.
        let precedent = self.precedent.get_or_insert_with(|| {
            nouveautes::lire_precedent(&nouveautes::chemins(&self.root.join("public"), None)).0
        });

        // First pass: the edited centres' own pages, beside the index.
        let carte_url = self
            .carte_url
            .clone()
            .filter(|_| only_centres && !reparsed.is_empty());
        let first_pass = std::sync::Mutex::new(first_pass);
        let first_pages = AtomicUsize::new(0);
        let first_at = std::sync::Mutex::new(None);
        let avant = |catalogue: &crate::resolve::Catalogue, theme: &Theme| {
            let Some(carte_url) = &carte_url else {
                return Ok(());
            };
            let mut selection = Selection {
                carte_url: carte_url.clone(),
                ..Selection::default()
            };
            for (i, c) in catalogue.centres.iter().enumerate() {
                if reparsed.contains(&c.centre.fichier) {
                    selection.centres.push(i);
                    selection.lieux.extend(&c.lieux);
                    selection.filieres.extend(&c.filieres);
                }
            }
            let pages = selection.centres.len() + selection.lieux.len() + selection.filieres.len();
            if pages > 0 && pages <= MAX_FIRST_PASS {
                let outputs = crate::render::render_selection(
                    &front.config,
                    catalogue,
                    &front.sources,
                    &front.content,
                    theme,
                    &selection,
                    Some(cache),
                )?;
                first_pages.store(outputs.len(), Ordering::Relaxed);
                if let Ok(mut f) = first_pass.lock() {
                    f(outputs);
                }
                if let Ok(mut at) = first_at.lock() {
                    *at = Some(start.elapsed());
                }
            }
            Ok(())
        };

        cache.rendered.store(0, Ordering::Relaxed);
        let outputs = std::sync::Mutex::new(Vec::new());
        let sink = |o: Output| -> Result<(), RenderError> {
            if let Ok(mut v) = outputs.lock() {
                v.push(o);
            }
            Ok(())
        };
        let back = pipeline::back(
            &front,
            || Ok::<_, RenderError>(theme),
            Some(cache),
            precedent,
            Some(&avant),
            &sink,
        )
        .map_err(RebuildError::Render)?;
        stats.first_pass_pages = first_pages.into_inner();
        stats.first_pass = first_at.into_inner().ok().flatten().unwrap_or_default();
        stats.resolve = back.timings.resolve;
        stats.index = back.timings.index;
        stats.render = back.timings.render;
        stats.rendered = cache.rendered.load(Ordering::Relaxed);
        let mut outputs = outputs.into_inner().unwrap_or_default();
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        self.carte_url = outputs
            .iter()
            .find(|o| o.path.starts_with("static/carte-wallonie."))
            .map(|o| format!("/{}", o.path));
        stats.files = outputs.len();
        stats.total = start.elapsed();
        Ok(Rebuilt {
            outputs,
            stats,
            sources: front.sources,
            diagnostics: front.diagnostics,
        })
    }
}
