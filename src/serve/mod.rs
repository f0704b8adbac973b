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
//!   (the data is never parsed as HTML); the warnings of a good build sit in a small
//!   panel, collapsed (« 3 avertissements »), so the page stays usable. `/_cispgen/status.json` gives the same state.
//!   The site's service worker is replaced by one that unregisters itself: in a preview
//!   it would keep old pages.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::diag::Severity;
use crate::load::{self, LoadError};

mod etat;
mod http;
mod rebuild;

pub use etat::{Probleme, Shared, Site, Statut, problemes, problemes_of, url_of};
use http::handle;
pub use http::{content_type, inject_reload, site_path};
pub use rebuild::{RebuildError, RebuildStats, Rebuilder, Rebuilt, racine_absolue};

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
pub(super) const MAX_FIRST_PASS: usize = 80;

pub(super) const RELOAD_JS_PATH: &str = "/_cispgen/reload.js";
pub(super) const EVENTS_PATH: &str = "/_cispgen/events";
pub(super) const STATUS_PATH: &str = "/_cispgen/status.json";
pub(super) const RELOAD_JS: &str = include_str!("reload.js");
/// Served instead of the site's `/sw.js`.
pub(super) const NO_SERVICE_WORKER: &str = "// cispgen serve: no service worker in the preview (it would keep old pages).\n\
self.addEventListener(\"install\", function () { self.skipWaiting(); });\n\
self.addEventListener(\"activate\", function () { self.registration.unregister(); });\n";
/// Open event streams above this get 503: each one holds a thread.
pub(super) const MAX_EVENT_STREAMS: usize = 64;
/// HTTP worker threads.
pub(super) const WORKERS: usize = 8;
/// A status lists the pages a build changed up to this many; beyond, pages just reload.
pub(super) const MAX_CHANGED: usize = 500;

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
            ServeError::Bind(e) => f.write_str(e),
            ServeError::Watch(e) => write!(f, "impossible de surveiller les fichiers : {e}"),
            ServeError::Load(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ServeError {}

impl ServeError {
    /// The listening socket could not be opened, said in French (the system's message is
    /// in English): a busy port is the usual case, with what to do about it.
    fn bind(port: u16, error: &(dyn std::error::Error + 'static)) -> ServeError {
        let kind = error.downcast_ref::<std::io::Error>().map(|e| e.kind());
        ServeError::Bind(match kind {
            Some(std::io::ErrorKind::AddrInUse) => format!(
                "le port {port} est déjà utilisé (un autre aperçu tourne peut-être) : \
                 arrêtez-le, ou choisissez un autre port avec --port 8080 (--port 0 : un port libre)"
            ),
            Some(std::io::ErrorKind::PermissionDenied) => format!(
                "le port {port} est réservé : choisissez un port au-dessus de 1024, par exemple --port 8080"
            ),
            Some(std::io::ErrorKind::AddrNotAvailable) => {
                "cette adresse d'écoute n'existe pas sur cet ordinateur : essayez --host 127.0.0.1"
                    .into()
            }
            _ => format!("impossible d'ouvrir le port {port} ({error})"),
        })
    }
}

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

/// A good build and its warnings, for the pages.
fn publish_built(shared: &Shared, built: Rebuilt) {
    let warnings = problemes_of(&built.sources, &built.diagnostics, Severity::Warning);
    shared.set_warnings(warnings, built.diagnostics.warning_count());
    shared.publish_site(built.outputs, false);
}

/// Runs the preview until the process is stopped. Prints `http://HOST:PORT/` once the
/// first build is done (tests read the port from it).
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    // Made absolute once: notify reports absolute paths, and every comparison below
    // (which paths are watched, which file changed) is against this root.
    let root = racine_absolue(&options.root);
    load::centre_files(&root).map_err(ServeError::Load)?;
    let server = tiny_http::Server::http(SocketAddr::new(options.host, options.port))
        .map_err(|e| ServeError::bind(options.port, e.as_ref()))?;
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
        Ok(built) => publish_built(&shared, built),
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
        let shared_first = shared.clone();
        let result =
            rebuilder.rebuild_with(&mut move |pages| shared_first.publish_site(pages, true));
        log_result(&result, "reconstruction");
        match result {
            Ok(built) => publish_built(&shared, built),
            Err(e) => shared.publish_errors(problemes(&e)),
        }
    }
    drop(watcher);
    Ok(())
}
