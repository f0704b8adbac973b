//! What the browser is told (problems, status) and the site being served.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Condvar, Mutex};

use serde::Serialize;

use crate::diag::{Diagnostics, Severity, Sources};
use crate::render::RenderError;
use crate::site::Output;

use super::*;

// ---------------------------------------------------------------------------------------
// What the browser is told
// ---------------------------------------------------------------------------------------

/// One problem, for the overlay.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Probleme {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
    /// The offending line of the file.
    pub source: Option<String>,
}

/// The state sent on the event stream and by `/_cispgen/status.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Statut {
    /// Number of the last good build (the one being served).
    pub build: u64,
    /// False when the latest rebuild failed: `errors` says why.
    pub ok: bool,
    pub errors: Vec<Probleme>,
    /// The warnings of the last good build (at most 50), shown collapsed by the page.
    pub warnings: Vec<Probleme>,
    /// How many warnings that build had (`warnings` may hold fewer).
    pub warning_count: usize,
    /// Counts every rebuild, good or not.
    pub generation: u64,
    /// Pages (`/formations/x/`) and files (`/static/x.css`) that `build` changed compared
    /// with the one before; `None` when there are too many to list (every page reloads).
    pub changed: Option<Vec<String>>,
}

/// At most this many problems go to the page: the terminal and `check` list them all.
const MAX_SHOWN: usize = 50;

/// The problems of one `severity`, in file order, for the page.
pub fn problemes_of(
    sources: &Sources,
    diagnostics: &Diagnostics,
    severity: Severity,
) -> Vec<Probleme> {
    diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == severity)
        .take(MAX_SHOWN)
        .map(|d| Probleme {
            file: sources.path(d.span.file).display().to_string(),
            line: d.span.line,
            column: d.span.col,
            severity: d.severity,
            message: d.message.clone(),
            hint: d.hint.clone(),
            source: sources.line(d.span).map(str::to_string),
        })
        .collect()
}

/// The errors of a failed rebuild, for the overlay.
pub fn problemes(error: &RebuildError) -> Vec<Probleme> {
    match error {
        RebuildError::Invalid {
            sources,
            diagnostics,
        } => problemes_of(sources, diagnostics, Severity::Error),
        other => vec![Probleme {
            file: match other {
                RebuildError::Render(RenderError::Io { path, .. }) => path.display().to_string(),
                RebuildError::Render(_) => "themes/".into(),
                _ => "data/centres".into(),
            },
            line: 0,
            column: 0,
            severity: Severity::Error,
            message: other.to_string(),
            hint: None,
            source: None,
        }],
    }
}

// ---------------------------------------------------------------------------------------
// Serving
// ---------------------------------------------------------------------------------------

/// The files of one good build, by relative path.
#[derive(Default, Clone)]
pub struct Site {
    pub build: u64,
    pub files: HashMap<String, Arc<Vec<u8>>>,
}

/// The address of a site file: `a/b/index.html` → `/a/b/`, `x.css` → `/x.css`.
pub fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{path}"),
    }
}

/// The addresses whose bytes differ between two sites (added and removed ones included);
/// `None` beyond [`MAX_CHANGED`].
pub(super) fn difference(old: &Site, new: &Site) -> Option<Vec<String>> {
    let mut changed: Vec<String> = new
        .files
        .iter()
        .filter(|(path, bytes)| old.files.get(*path).is_none_or(|b| b != *bytes))
        .map(|(path, _)| url_of(path))
        .chain(
            old.files
                .keys()
                .filter(|p| !new.files.contains_key(*p))
                .map(|p| url_of(p)),
        )
        .take(MAX_CHANGED + 1)
        .collect();
    if changed.len() > MAX_CHANGED {
        return None;
    }
    changed.sort();
    Some(changed)
}

pub(super) struct State {
    pub(super) site: Arc<Site>,
    pub(super) statut: Statut,
}

/// What the HTTP threads and the watcher share.
pub struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) changed: Condvar,
    pub(super) streams: AtomicUsize,
}

impl Shared {
    pub(super) fn new() -> Shared {
        Shared {
            state: Mutex::new(State {
                site: Arc::new(Site::default()),
                statut: Statut {
                    build: 0,
                    ok: true,
                    errors: Vec::new(),
                    warnings: Vec::new(),
                    warning_count: 0,
                    generation: 0,
                    changed: None,
                },
            }),
            changed: Condvar::new(),
            streams: AtomicUsize::new(0),
        }
    }

    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Publishes a good build: the whole site (`partial` false) or some of its files
    /// over the current ones (a first pass).
    pub fn publish_site(&self, outputs: Vec<Output>, partial: bool) {
        let current = self.snapshot().0;
        let mut site = if partial {
            (*current).clone()
        } else {
            Site::default()
        };
        for o in outputs {
            let same = current
                .files
                .get(&o.path)
                .filter(|b| ***b == o.bytes)
                .cloned();
            site.files
                .insert(o.path, same.unwrap_or_else(|| Arc::new(o.bytes)));
        }
        let changed = difference(&current, &site);
        let mut state = self.lock();
        state.statut.generation += 1;
        state.statut.build += 1;
        state.statut.ok = true;
        state.statut.errors.clear();
        state.statut.changed = changed;
        site.build = state.statut.build;
        state.site = Arc::new(site);
        drop(state);
        self.changed.notify_all();
    }

    /// Sets the warnings of the build about to be published (before [`Self::publish_site`],
    /// which tells the pages).
    pub(super) fn set_warnings(&self, warnings: Vec<Probleme>, count: usize) {
        let mut state = self.lock();
        state.statut.warnings = warnings;
        state.statut.warning_count = count;
    }

    pub(super) fn publish_errors(&self, errors: Vec<Probleme>) {
        let mut state = self.lock();
        state.statut.generation += 1;
        state.statut.ok = false;
        state.statut.errors = errors;
        drop(state);
        self.changed.notify_all();
    }

    pub(super) fn snapshot(&self) -> (Arc<Site>, Statut) {
        let state = self.lock();
        (state.site.clone(), state.statut.clone())
    }
}
