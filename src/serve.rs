//! `cispgen serve`: a local preview for the people who edit the data. It builds the site,
//! serves it on the loopback interface, watches `data/`, `content/`, `themes/` (and
//! `templates/`, `static/`, `site.yaml`), rebuilds what a change affects and reloads the
//! open pages. A broken edit shows its errors (file, line, message) over the page while
//! the last good site stays served.
//!
//! - **Incremental rebuild** ([`Rebuilder`]): centre files are kept parsed, keyed by path,
//!   modification time and size (a file the watcher names is read again whatever its
//!   time says, and a file whose text did not change is not parsed again); the theme
//!   stays parsed while only data changes; pages whose template context is unchanged
//!   are taken from a [`RenderCache`] instead of being rendered again. After an edit of
//!   centre files, a **first pass** renders the edited centres' own pages (their tracks,
//!   places and centre page) and publishes them at once; the **full pass** (every page,
//!   the lists, indexes and open data that may show the edit) follows and is published
//!   when done. The cross-file stages (check, resolve) run on the whole catalogue.
//! - **Serving** from memory: the site is the `Vec<Output>` of the last good build,
//!   looked up by a normalised relative path. Nothing is read from the disk to answer a
//!   request, so no request can reach a file outside the site whatever its path says;
//!   paths are still percent-decoded once and refused (404) when they hold `..`, `.`, a
//!   NUL, a backslash, a `%` left after decoding (double encoding) or a drive.
//! - **Live reload**: HTML responses (in serve mode only, never in `build` output) get
//!   `<script src="/_cispgen/reload.js" data-build="N">`; the script listens to
//!   Server-Sent Events on `/_cispgen/events` and reloads when a newer build changed its
//!   page, or shows the errors of a failed build in an overlay built with `textContent`
//!   (the data is never parsed as HTML). `/_cispgen/status.json` gives the same state.
//!   The site's service worker is replaced by one that unregisters itself: in a preview
//!   it would keep old pages.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, FileId, Severity, Sources};
use crate::load::{self, LoadError};
use crate::model::Centre;
use crate::nouveautes::{self, Precedent};
use crate::refdata::RefData;
use crate::render::{Output, RenderCache, RenderError, Selection, Theme};

/// Folders (and the file) under the site root whose changes trigger a rebuild.
pub const WATCHED: &[&str] = &[
    "data",
    "content",
    "themes",
    "templates",
    "static",
    "site.yaml",
];
/// Changes closer together than this are one rebuild (an editor saving writes, renames,
/// touches several times).
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// A first pass renders at most this many pages; beyond (a `git checkout`), only the
/// full pass runs.
const MAX_FIRST_PASS: usize = 80;

const RELOAD_JS_PATH: &str = "/_cispgen/reload.js";
const EVENTS_PATH: &str = "/_cispgen/events";
const STATUS_PATH: &str = "/_cispgen/status.json";
const RELOAD_JS: &str = include_str!("serve/reload.js");
/// Served instead of the site's `/sw.js`.
const NO_SERVICE_WORKER: &str = "// cispgen serve: no service worker in the preview (it would keep old pages).\n\
self.addEventListener(\"install\", function () { self.skipWaiting(); });\n\
self.addEventListener(\"activate\", function () { self.registration.unregister(); });\n";
/// Open event streams above this get 503: each one holds a thread.
const MAX_EVENT_STREAMS: usize = 64;
/// HTTP worker threads.
const WORKERS: usize = 8;
/// A status lists the pages a build changed up to this many; beyond, pages just reload.
const MAX_CHANGED: usize = 500;

// ---------------------------------------------------------------------------------------
// Incremental rebuild
// ---------------------------------------------------------------------------------------

/// Modification time and size: when both are unchanged, the file is not read again.
type Stamp = (SystemTime, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// One centre file as last read: its text and what `load::parse_centre` made of it.
struct CachedFile {
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

/// Does a change to `path` (under `root`) call for reloading the theme?
fn affects_theme(root: &Path, path: &Path) -> bool {
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
            root: root.to_path_buf(),
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

    /// One build; `first_pass` receives the edited centres' own pages as soon as they
    /// are rendered, before the full pass (only when just centre files changed).
    pub fn rebuild_with(
        &mut self,
        first_pass: &mut dyn FnMut(Vec<Output>),
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
        let mut sources = loaded.sources;
        let mut diagnostics = loaded.diagnostics;
        let config = match Config::load(&self.root, &mut sources) {
            Ok(config) => config.with_base_url(self.base_url.clone()),
            Err(findings) => {
                diagnostics.extend(findings);
                Config::default().with_base_url(self.base_url.clone())
            }
        };
        let mut content_findings = Vec::new();
        let content = crate::content::load(&self.root, &mut sources, &mut content_findings);
        diagnostics.extend(content_findings);
        stats.load = start.elapsed();

        let t = Instant::now();
        diagnostics.extend(crate::check::check(
            &loaded.centres,
            &sources,
            refdata,
            self.today,
        ));
        stats.check = t.elapsed();
        if diagnostics.has_errors() {
            // What changed besides centre files is still to be rebuilt next time.
            self.other_dirty |= other_dirty;
            return Err(RebuildError::Invalid {
                sources,
                diagnostics,
            });
        }

        let t = Instant::now();
        let catalogue = crate::resolve::resolve(&loaded.centres, refdata, self.today);
        stats.resolve = t.elapsed();

        let t = Instant::now();
        let stale = self.theme_dirty
            || self
                .theme
                .as_ref()
                .is_none_or(|(name, _, _)| *name != config.theme);
        if stale {
            // A theme that does not load keeps `theme_dirty`, so the next change retries.
            let theme = Theme::load(&self.root, &config).map_err(RebuildError::Render)?;
            self.theme = Some((config.theme.clone(), theme, RenderCache::default()));
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

        // First pass: the edited centres' own pages.
        if let (true, Some(carte_url)) = (only_centres && !reparsed.is_empty(), &self.carte_url) {
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
                    &config,
                    &catalogue,
                    &sources,
                    &content,
                    theme,
                    &selection,
                    Some(cache),
                )
                .map_err(RebuildError::Render)?;
                stats.first_pass_pages = outputs.len();
                first_pass(outputs);
                stats.first_pass = start.elapsed();
            }
        }

        let t = Instant::now();
        let indexes = crate::index::build(&catalogue);
        stats.index = t.elapsed();

        let t = Instant::now();
        cache.rendered.store(0, Ordering::Relaxed);
        let mut outputs = crate::render::render_site_cached(
            &config,
            &catalogue,
            &sources,
            &content,
            &indexes,
            theme,
            Some(cache),
        )
        .map_err(RebuildError::Render)?;
        stats.rendered = cache.rendered.load(Ordering::Relaxed);
        stats.render = t.elapsed();
        self.carte_url = outputs
            .iter()
            .find(|o| o.path.starts_with("static/carte-wallonie."))
            .map(|o| format!("/{}", o.path));

        let t = Instant::now();
        // « Nouveautés » against the last published build of this folder, if any.
        let precedent = self.precedent.get_or_insert_with(|| {
            nouveautes::lire_precedent(&self.root.join("public").join(nouveautes::CATALOGUE_JSON))
                .unwrap_or(Precedent::Aucun)
        });
        outputs.extend(
            nouveautes::outputs(&config, theme, &catalogue, precedent)
                .map_err(RebuildError::Render)?,
        );
        stats.nouveautes = t.elapsed();
        stats.files = outputs.len();
        stats.total = start.elapsed();
        Ok(Rebuilt {
            outputs,
            stats,
            sources,
            diagnostics,
        })
    }
}

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
    /// Counts every rebuild, good or not.
    pub generation: u64,
    /// Pages (`/formations/x/`) and files (`/static/x.css`) that `build` changed compared
    /// with the one before; `None` when there are too many to list (every page reloads).
    pub changed: Option<Vec<String>>,
}

/// The errors of a failed rebuild, for the overlay (errors first, at most 50).
pub fn problemes(error: &RebuildError) -> Vec<Probleme> {
    match error {
        RebuildError::Invalid {
            sources,
            diagnostics,
        } => {
            let mut sorted = diagnostics.sorted();
            sorted.sort_by_key(|d| d.severity);
            sorted
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .take(50)
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
fn difference(old: &Site, new: &Site) -> Option<Vec<String>> {
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

struct State {
    site: Arc<Site>,
    statut: Statut,
}

/// What the HTTP threads and the watcher share.
pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    streams: AtomicUsize,
}

impl Shared {
    fn new() -> Shared {
        Shared {
            state: Mutex::new(State {
                site: Arc::new(Site::default()),
                statut: Statut {
                    build: 0,
                    ok: true,
                    errors: Vec::new(),
                    generation: 0,
                    changed: None,
                },
            }),
            changed: Condvar::new(),
            streams: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
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

    fn publish_errors(&self, errors: Vec<Probleme>) {
        let mut state = self.lock();
        state.statut.generation += 1;
        state.statut.ok = false;
        state.statut.errors = errors;
        drop(state);
        self.changed.notify_all();
    }

    fn snapshot(&self) -> (Arc<Site>, Statut) {
        let state = self.lock();
        (state.site.clone(), state.statut.clone())
    }
}

/// The site file a request path names, or `None` (→ 404). Decodes percent-escapes once
/// and refuses anything that is not a plain relative path.
pub fn site_path(raw: &str) -> Option<String> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\0', '\\', '%']) || decoded.starts_with('/') {
        return None;
    }
    let dir = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.trim_end_matches('/');
    if !trimmed.is_empty() {
        for segment in trimmed.split('/') {
            if segment.is_empty() || segment == "." || segment == ".." || segment.contains(':') {
                return None;
            }
        }
    }
    let file = if dir {
        if trimmed.is_empty() {
            "index.html".to_string()
        } else {
            format!("{trimmed}/index.html")
        }
    } else {
        trimmed.to_string()
    };
    crate::write::safe_relative(&file)?;
    Some(file)
}

/// `%XX` decoding; `None` for a bad escape or a result that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content-Type by extension.
pub fn content_type(path: &str) -> &'static str {
    if path.ends_with("atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page, just before `</body>` (or at the end).
pub fn inject_reload(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_JS_PATH}\" data-build=\"{build}\" defer></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        tiny_http::Header::from_bytes(&b"X-Invalid"[..], &b"1"[..])
            .unwrap_or_else(|()| unreachable!("static header"))
    })
}

fn respond(
    request: tiny_http::Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) {
    let mut response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    for (name, value) in extra {
        response = response.with_header(header(name, value));
    }
    let _ = request.respond(response);
}

/// A page shown while no build has succeeded yet: the overlay says why.
fn waiting_page(build: u64) -> Vec<u8> {
    let html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>cispgen serve</title></head>\
                <body><p>Le site n'a pas encore pu être construit : corrigez les erreurs ci-dessus.</p></body></html>";
    inject_reload(html.as_bytes(), build)
}

fn handle(shared: &Arc<Shared>, request: tiny_http::Request) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"405 : seules GET et HEAD sont permises\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
        return;
    }
    let raw = request.url().to_string();
    let path = raw.split(['?', '#']).next().unwrap_or("");
    match path {
        RELOAD_JS_PATH => {
            return respond(
                request,
                200,
                content_type(".js"),
                RELOAD_JS.as_bytes().to_vec(),
                &[],
            );
        }
        STATUS_PATH => {
            let (_, statut) = shared.snapshot();
            return respond(
                request,
                200,
                "application/json",
                serde_json::to_vec(&statut).unwrap_or_default(),
                &[],
            );
        }
        EVENTS_PATH => return events(shared, request),
        "/sw.js" => {
            return respond(
                request,
                200,
                content_type(".js"),
                NO_SERVICE_WORKER.as_bytes().to_vec(),
                &[],
            );
        }
        _ => {}
    }
    let (site, _) = shared.snapshot();
    if site.files.is_empty() {
        return respond(
            request,
            503,
            content_type(".html"),
            waiting_page(site.build),
            &[("Retry-After", "1")],
        );
    }
    let Some(file) = site_path(&raw) else {
        return not_found(request, &site);
    };
    match site.files.get(&file) {
        Some(bytes) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                inject_reload(bytes, site.build)
            } else {
                bytes.to_vec()
            };
            respond(request, 200, kind, body, &[]);
        }
        None if !path.ends_with('/') && site.files.contains_key(&format!("{file}/index.html")) => {
            let location = format!("{path}/");
            respond(
                request,
                301,
                "text/plain; charset=utf-8",
                Vec::new(),
                &[("Location", &location)],
            );
        }
        None => not_found(request, &site),
    }
}

fn not_found(request: tiny_http::Request, site: &Site) {
    match site.files.get("404.html") {
        Some(page) => respond(
            request,
            404,
            content_type(".html"),
            inject_reload(page, site.build),
            &[],
        ),
        None => respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"404 : page introuvable\n".to_vec(),
            &[],
        ),
    }
}

/// Server-Sent Events: the current state at once, then each new state; a comment every
/// 15 s to notice closed connections. Each stream runs on its own thread.
fn events(shared: &Arc<Shared>, request: tiny_http::Request) {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        return respond(
            request,
            503,
            "text/plain; charset=utf-8",
            b"trop de connexions\n".to_vec(),
            &[],
        );
    }
    let shared_for_count = shared.clone();
    let shared = shared.clone();
    let spawned = std::thread::Builder::new().name("cispgen-sse".into()).spawn(move || {
        let mut writer = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n\
                    Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 500\n\n";
        let mut seen: Option<u64> = None;
        let mut ok = writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_ok();
        while ok {
            let statut = {
                let mut state = shared.lock();
                if seen == Some(state.statut.generation) {
                    state = shared
                        .changed
                        .wait_timeout_while(state, Duration::from_secs(15), |s| Some(s.statut.generation) == seen)
                        .map(|(s, _)| s)
                        .unwrap_or_else(|poisoned| poisoned.into_inner().0);
                }
                (Some(state.statut.generation) != seen).then(|| state.statut.clone())
            };
            let message = match statut {
                Some(statut) => {
                    seen = Some(statut.generation);
                    format!("event: status\ndata: {}\n\n", serde_json::to_string(&statut).unwrap_or_default())
                }
                None => ": ping\n\n".to_string(),
            };
            ok = writer.write_all(message.as_bytes()).and_then(|()| writer.flush()).is_ok();
        }
        shared.streams.fetch_sub(1, Ordering::SeqCst);
    });
    if spawned.is_err() {
        // The request went into the closure and was dropped (tiny_http answers 500); the
        // thread never ran, so the stream is not counted.
        shared_count_release(&shared_for_count);
    }
}

fn shared_count_release(shared: &Shared) {
    shared.streams.fetch_sub(1, Ordering::SeqCst);
}

/// Options of `cispgen serve`.
pub struct ServeOptions {
    pub root: PathBuf,
    /// Address to listen on: loopback by default.
    pub host: std::net::IpAddr,
    /// 0 = any free port (printed on startup).
    pub port: u16,
    pub today: NaiveDate,
}

#[derive(Debug)]
pub enum ServeError {
    Bind(String),
    Watch(notify::Error),
    Load(LoadError),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ServeError::Bind(e) => write!(f, "impossible d'ouvrir le port : {e}"),
            ServeError::Watch(e) => write!(f, "impossible de surveiller les fichiers : {e}"),
            ServeError::Load(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ServeError {}

fn log_result(result: &Result<Rebuilt, RebuildError>, trigger: &str) {
    match result {
        Ok(built) => {
            let s = built.stats;
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let first = if s.first_pass_pages > 0 {
                format!(
                    "{} page(s) du centre modifié en {:.0} ms, puis ",
                    s.first_pass_pages,
                    ms(s.first_pass)
                )
            } else {
                String::new()
            };
            println!(
                "{trigger} : {first}{} fichiers en {:.0} ms ({} fichier(s) de centre relu(s), {} page(s) rendue(s){}) ; {} avertissement(s)",
                s.files,
                ms(s.total),
                s.read,
                s.rendered,
                if s.theme_reloaded {
                    ", thème rechargé"
                } else {
                    ""
                },
                built.diagnostics.warning_count()
            );
        }
        Err(RebuildError::Invalid {
            sources,
            diagnostics,
        }) => {
            for d in diagnostics
                .sorted()
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
            {
                eprint!("{}", crate::diag::render_human(d, sources));
                eprintln!();
            }
            eprintln!(
                "{trigger} : {} erreur(s) ; le site précédent reste affiché",
                diagnostics.error_count()
            );
        }
        Err(e) => eprintln!("{trigger} : erreur : {e} ; le site précédent reste affiché"),
    }
    let _ = std::io::stdout().flush();
}

/// Runs the preview until the process is stopped. Prints `http://HOST:PORT/` once the
/// first build is done (tests read the port from it).
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let root = options.root.clone();
    load::centre_files(&root).map_err(ServeError::Load)?;
    let server = tiny_http::Server::http(SocketAddr::new(options.host, options.port))
        .map_err(|e| ServeError::Bind(e.to_string()))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| ServeError::Bind("adresse inconnue".into()))?;
    let base = format!("http://{addr}");
    let server = Arc::new(server);
    let shared = Arc::new(Shared::new());

    // Watch before the first build, so that no edit falls between the two.
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(ServeError::Watch)?;
    {
        use notify::{RecursiveMode, Watcher as _};
        for name in WATCHED.iter().filter(|n| !n.contains('.')) {
            let dir = root.join(name);
            if dir.is_dir() {
                watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(ServeError::Watch)?;
            }
        }
        // For site.yaml (and nothing else of the root).
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(ServeError::Watch)?;
    }

    let mut rebuilder = Rebuilder::new(&root, options.today, Some(base.clone()));
    let result = rebuilder.rebuild();
    log_result(&result, "construction");
    match result {
        Ok(built) => shared.publish_site(built.outputs, false),
        Err(e) => shared.publish_errors(problemes(&e)),
    }

    for i in 0..WORKERS {
        let server = server.clone();
        let shared = shared.clone();
        std::thread::Builder::new()
            .name(format!("cispgen-http-{i}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(&shared, request);
                }
            })
            .map_err(|e| ServeError::Bind(e.to_string()))?;
    }
    println!("cispgen serve : {base}/ (Ctrl+C pour arrêter)");
    let _ = std::io::stdout().flush();

    // The watcher loop: debounce, keep the relevant paths, rebuild, publish.
    while let Ok(first) = rx.recv() {
        let mut events = vec![first];
        let deadline = Instant::now() + Duration::from_secs(1);
        while let Ok(event) = rx.recv_timeout(DEBOUNCE) {
            events.push(event);
            if Instant::now() > deadline {
                break;
            }
        }
        let mut relevant = false;
        // Reading files (our own rebuild included) gives access events: only writes,
        // creations, removals and renames count.
        for event in events
            .into_iter()
            .flatten()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
        {
            for path in event.paths {
                let rel = path.strip_prefix(&root).unwrap_or(&path);
                if WATCHED.iter().any(|w| rel.starts_with(w)) {
                    rebuilder.changed(&path);
                    relevant = true;
                }
            }
        }
        if !relevant {
            continue;
        }
        let result = rebuilder.rebuild_with(&mut |pages| shared.publish_site(pages, true));
        log_result(&result, "reconstruction");
        match result {
            Ok(built) => shared.publish_site(built.outputs, false),
            Err(e) => shared.publish_errors(problemes(&e)),
        }
    }
    drop(watcher);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        for raw in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2FCargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/%252e%252e/Cargo.toml",
            "/formations/../../Cargo.toml",
            "/./index.html",
            "/a/%00/b",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/x",
            "/%zz",
            "/%c3",
            "relative",
        ] {
            assert_eq!(site_path(raw), None, "{raw}");
        }
    }

    #[test]
    fn clean_urls_map_to_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/formations/x/?q=1").as_deref(),
            Some("formations/x/index.html")
        );
        assert_eq!(
            site_path("/static/style.abc.css").as_deref(),
            Some("static/style.abc.css")
        );
        assert_eq!(
            site_path("/communes/%C3%A9/").as_deref(),
            Some("communes/é/index.html")
        );
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject_reload(html, 7)).expect("utf8");
        assert!(
            out.ends_with(
                "<script src=\"/_cispgen/reload.js\" data-build=\"7\" defer></script></body></html>"
            ),
            "{out}"
        );
        assert_eq!(content_type("a/b/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("nouveautes/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("x.ics"), "text/calendar; charset=utf-8");
    }
}
