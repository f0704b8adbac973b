//! `cispgen serve` over real HTTP on the loopback interface: the binary is started with
//! `--port 0` on a copy of part of the demo site, and the chosen port is read from its
//! first line of output. Every request goes to 127.0.0.1 only, in bounded loops.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-23";

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).expect("under from");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A small site: the theme, content and configuration of the repository, and the first
/// two demo centres of each federation (enough pages to be real, small enough for a
/// debug build).
fn small_site() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["content", "themes", "templates", "static"] {
        if repo.join(name).is_dir() {
            copy_tree(&repo.join(name), &dir.path().join(name));
        }
    }
    if repo.join("site.yaml").is_file() {
        std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    }
    let centres = repo.join("data/centres");
    for federation in std::fs::read_dir(&centres).expect("centres") {
        let federation = federation.expect("entry").path();
        if !federation.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&federation)
            .expect("federation")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        let target = dir
            .path()
            .join("data/centres")
            .join(federation.file_name().expect("name"));
        std::fs::create_dir_all(&target).expect("mkdir");
        for file in files.iter().take(2) {
            std::fs::copy(file, target.join(file.file_name().expect("name"))).expect("copy");
        }
    }
    // Something that must never be served, next to the site's own files.
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"secret-do-not-serve\"\n",
    )
    .expect("secret");
    dir
}

/// The running server; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Lines the server printed (stdout and stderr), for failure messages.
    log: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cispgen"));
        command
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(root);
        Server::spawn(command)
    }

    /// `cispgen ARGS…` started from `cwd`, as a person types it in a terminal.
    fn start_in(cwd: &Path, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cispgen"));
        command.current_dir(cwd).args(args);
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn cispgen serve");
        let (tx, rx) = mpsc::channel();
        // From here on, the process is killed and waited for whatever happens.
        let mut server = Server {
            child,
            port: 0,
            log: rx,
        };
        for stream in [
            Box::new(server.child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(server.child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(180);
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = server
                .log
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no address printed; output:\n{}", seen.join("\n")));
            if let Some(rest) = line.strip_prefix("cispgen serve : http://127.0.0.1:") {
                server.port = rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("port");
                return server;
            }
            seen.push(line);
        }
    }

    fn output(&self) -> String {
        self.log.try_iter().collect::<Vec<_>>().join("\n")
    }
}

struct Response {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

/// One request on its own connection, the path sent exactly as given.
fn get(port: u16, path: &str) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.set_write_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {headers}")))?;
    let mut body = raw[split + 4..].to_vec();
    // tiny_http sends large bodies (over 32 KB: the schema, the commune list) in chunks.
    if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body)?;
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// The body of a `Transfer-Encoding: chunked` response.
fn dechunk(mut raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let bad = || std::io::Error::other("bad chunked body");
    let mut out = Vec::new();
    loop {
        let eol = raw.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let size = std::str::from_utf8(&raw[..eol]).map_err(|_| bad())?;
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| bad())?;
        raw = &raw[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(raw.get(..size).ok_or_else(bad)?);
        raw = raw.get(size + 2..).ok_or_else(bad)?;
    }
}

fn status_json(port: u16) -> serde_json::Value {
    let r = get(port, "/_cispgen/status.json").expect("status");
    assert_eq!(r.status, 200);
    serde_json::from_slice(&r.body).expect("status json")
}

/// The first track of a centre file: (its id, the line of its `titre:`).
fn first_track(file: &Path) -> (String, usize, String) {
    let text = std::fs::read_to_string(file).expect("read");
    let (centre, _) = cispgen::load::parse_centre(&text, cispgen::diag::FileId(0));
    let centre = centre.expect("a valid demo centre");
    let filiere = &centre.filieres[0];
    let line = filiere.titre.span.line as usize;
    (filiere.id.value.clone(), line, filiere.titre.value.clone())
}

fn replace_line(file: &Path, line: usize, new: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[line - 1] = new.to_string();
    std::fs::write(file, lines.join("\n") + "\n").expect("write");
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done().then(|| start.elapsed())
}

#[test]
fn an_edit_is_served_within_a_second_and_a_broken_edit_shows_the_overlay() {
    let site = small_site();
    let file = cispgen::load::centre_files(site.path()).expect("files")[0].clone();
    let (id, line, _) = first_track(&file);
    let original = std::fs::read_to_string(&file).expect("read");
    let url = format!("/formations/{}/", cispgen::text::slugify(&id));
    let server = Server::start(site.path());
    let port = server.port;

    let page = get(port, &url).expect("track page");
    assert_eq!(page.status, 200, "{url}");
    assert_eq!(
        page.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(
        html.contains("/_cispgen/reload.js"),
        "the reload script is injected in serve mode"
    );
    assert!(!html.contains("Titre change par le test"));
    let js = get(port, "/_cispgen/reload.js").expect("script");
    assert_eq!(js.status, 200);
    assert!(
        js.header("Content-Type")
            .is_some_and(|c| c.starts_with("text/javascript"))
    );
    assert!(js.text().contains("textContent") && !js.text().contains("innerHTML"));
    let build = status_json(port)["build"].as_u64().expect("build");

    // Events stream: connect before the edit, and read it in the background.
    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("events");
    write!(
        events,
        "GET /_cispgen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("events request");
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let (events_tx, events_rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(events);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            if events_tx.send(line.clone()).is_err() {
                break;
            }
            line.clear();
        }
    });

    // 1. A good edit: the page changes within 1 s.
    let indent = " ".repeat(4);
    replace_line(
        &file,
        line,
        &format!("{indent}titre: Titre change par le test 4711"),
    );
    let took = wait_until(Duration::from_secs(10), || {
        get(port, &url).is_ok_and(|r| r.text().contains("Titre change par le test 4711"))
    });
    let took = took
        .unwrap_or_else(|| panic!("the edit never showed; server output:\n{}", server.output()));
    // The budget holds for the release build (CI runs `cargo test --release`); a debug
    // build renders about ten times slower.
    let budget = if cfg!(debug_assertions) {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(1)
    };
    println!("edited page served after {took:?}");
    assert!(
        took <= budget,
        "the edited page was served after {took:?} (budget {budget:?})"
    );
    let after = status_json(port);
    assert_eq!(after["ok"], true);
    assert!(after["build"].as_u64().expect("build") > build);

    // 2. A broken edit: the overlay data names the file and line; the last good page stays.
    replace_line(&file, line, &format!("{indent}titre: [Titre pas fini"));
    let failed = wait_until(Duration::from_secs(10), || status_json(port)["ok"] == false);
    assert!(
        failed.is_some(),
        "the broken edit was not reported; server output:\n{}",
        server.output()
    );
    let statut = status_json(port);
    let errors = statut["errors"].as_array().expect("errors");
    assert!(!errors.is_empty());
    let shown = file
        .strip_prefix(site.path())
        .expect("relative")
        .display()
        .to_string();
    assert!(
        errors.iter().any(|e| e["file"] == shown.as_str()
            && e["line"].as_u64().is_some_and(|l| l as usize >= line)
            && e["message"].as_str().is_some_and(|m| !m.is_empty())),
        "errors should point at {shown}:{line}: {errors:?}"
    );
    let page = get(port, &url).expect("page");
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("Titre change par le test 4711"),
        "the previous good page stays served"
    );

    // The events stream carried the failed state (the overlay's data) too.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut saw_failure = false;
    while let Ok(line) = events_rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
    {
        if line.starts_with("data: ") && line.contains("\"ok\":false") && line.contains(&shown) {
            saw_failure = true;
            break;
        }
    }
    assert!(saw_failure, "the event stream did not carry the errors");

    // 3. Fixed again: a new good build, the error state is gone.
    std::fs::write(&file, &original).expect("restore");
    let fixed = wait_until(Duration::from_secs(10), || {
        let s = status_json(port);
        s["ok"] == true && s["errors"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(fixed.is_some(), "server output:\n{}", server.output());
    let restored = wait_until(Duration::from_secs(10), || {
        get(port, &url).is_ok_and(|r| !r.text().contains("Titre change par le test"))
    });
    assert!(restored.is_some(), "the fixed page is served");
}

#[test]
fn traversal_requests_get_404_and_files_have_their_types() {
    let site = small_site();
    let server = Server::start(site.path());
    let port = server.port;

    for path in [
        "/../Cargo.toml",
        "/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/..%2FCargo.toml",
        "/.%2e/Cargo.toml",
        "/%252e%252e/Cargo.toml",
        "/%252e%252e%252fCargo.toml",
        "/formations/../../Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/..\\Cargo.toml",
        "/%5c..%5cCargo.toml",
        "/%2fCargo.toml",
        "//Cargo.toml",
        "/Cargo.toml",
        "/%00",
        "/index.html%00.css",
        "/C:/Windows/win.ini",
    ] {
        let r = get(port, path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("secret-do-not-serve"),
            "{path} leaked a file"
        );
    }
    let missing = get(port, "/pas/une/page/").expect("404");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("introuvable"),
        "the site's 404.html is the body"
    );

    let home = get(port, "/").expect("home");
    assert_eq!(home.status, 200);
    let html = home.text();
    let at = html.find("/static/style.").expect("stylesheet link");
    let css: String = html[at..]
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '>'))
        .collect();
    assert!(css.ends_with(".css"), "{css}");
    let r = get(port, &css).expect("css");
    assert_eq!(
        (r.status, r.header("Content-Type").as_deref()),
        (200, Some("text/css; charset=utf-8"))
    );
    assert!(!r.text().contains("reload.js"), "only HTML gets the script");

    let schema = get(port, "/schema/centre.schema.json").expect("schema");
    assert_eq!(schema.status, 200);
    assert_eq!(
        schema.header("Content-Type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        schema.text(),
        cispgen::centre_schema(),
        "the site publishes the schema of the committed types"
    );

    let feed = get(port, "/nouveautes/atom.xml").expect("feed");
    assert_eq!(
        (feed.status, feed.header("Content-Type").as_deref()),
        (200, Some("application/atom+xml; charset=utf-8"))
    );
    let news = get(port, "/nouveautes/").expect("nouveautés");
    assert_eq!(news.status, 200);
    assert!(
        news.text().contains("Première publication"),
        "no previous catalogue in this site"
    );

    let redirect = get(port, "/formations").expect("redirect");
    assert_eq!(
        (redirect.status, redirect.header("Location").as_deref()),
        (301, Some("/formations/"))
    );
    let head = {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut raw = String::new();
        let _ = stream.read_to_string(&mut raw);
        raw
    };
    assert!(head.starts_with("HTTP/1.1 405"), "{head}");
}

#[test]
fn a_thousand_concurrent_requests_all_succeed() {
    let site = small_site();
    let server = Server::start(site.path());
    let port = server.port;
    let paths = [
        "/",
        "/formations/",
        "/communes/",
        "/_cispgen/status.json",
        "/schema/centre.schema.json",
        "/nouveautes/",
        "/pas-ici/",
    ];
    const THREADS: usize = 50;
    const EACH: usize = 20;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(THREADS));
    let start = Instant::now();
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let mut failures = Vec::new();
                for i in 0..EACH {
                    let path = paths[(t + i) % paths.len()];
                    let expected = if path == "/pas-ici/" { 404 } else { 200 };
                    match get(port, path) {
                        Ok(r) if r.status == expected && !r.body.is_empty() => {}
                        Ok(r) => failures.push(format!("{path}: status {}", r.status)),
                        Err(e) => failures.push(format!("{path}: {e}")),
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("thread"))
        .collect();
    let took = start.elapsed();
    assert!(
        failures.is_empty(),
        "{} of {} requests failed: {:?}",
        failures.len(),
        THREADS * EACH,
        &failures[..failures.len().min(10)]
    );
    println!(
        "{} requests from {THREADS} threads in {took:?}",
        THREADS * EACH
    );
    assert!(took < Duration::from_secs(60));
}

/// Edits the first track's title of `file` and waits for `server` to serve it; the file
/// is put back afterwards. Returns how long the edit took to show.
fn edit_shows(server: &Server, file: &Path, marker: &str) -> Duration {
    let (id, line, _) = first_track(file);
    let original = std::fs::read_to_string(file).expect("read");
    let url = format!("/formations/{}/", cispgen::text::slugify(&id));
    let page = get(server.port, &url).expect("track page");
    assert_eq!(page.status, 200, "{url}");
    assert!(!page.text().contains(marker));
    replace_line(file, line, &format!("    titre: {marker}"));
    let took = wait_until(Duration::from_secs(10), || {
        get(server.port, &url).is_ok_and(|r| r.text().contains(marker))
    });
    std::fs::write(file, original).expect("restore");
    took.unwrap_or_else(|| panic!("the edit never showed; server output:\n{}", server.output()))
}

/// The README's command, `cispgen serve` from the site's folder, and relative roots
/// (`--root .`, `./`, `../site`, `..`): notify reports absolute paths, and a root kept as
/// typed once matched none of them, so no edit was ever rebuilt (issue 17).
#[test]
fn serve_live_reloads_however_it_is_started() {
    let site = small_site();
    let name = site
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .expect("utf-8 temp name")
        .to_string();
    let parent = site.path().parent().expect("parent").to_path_buf();
    let file = cispgen::load::centre_files(site.path()).expect("files")[0].clone();
    let data = site.path().join("data");
    let budget = if cfg!(debug_assertions) {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(1)
    };
    // `--port 0` only so that parallel tests do not fight over port 1111; the README's
    // exact command (no flag at all) runs below when that port is free.
    let root_name = name.as_str();
    let up = format!("../../{name}");
    let starts: [(&Path, &[&str]); 5] = [
        (site.path(), &[]),
        (site.path(), &["--root", "./"]),
        (&parent, &["--root", root_name]),
        (&data, &["--root", ".."]),
        (&data, &["--root", up.as_str()]),
    ];
    for (i, (cwd, root)) in starts.iter().enumerate() {
        let args: Vec<&str> = ["serve", "--port", "0"]
            .iter()
            .chain(root.iter())
            .copied()
            .collect();
        let server = Server::start_in(cwd, &args);
        let took = edit_shows(&server, &file, &format!("Titre relatif {i} 4712"));
        println!(
            "{args:?} from {}: edit served after {took:?}",
            cwd.display()
        );
        assert!(took <= budget, "{args:?}: {took:?} > {budget:?}");
    }
    if std::net::TcpListener::bind(("127.0.0.1", 1111)).is_ok() {
        let server = Server::start_in(site.path(), &["serve"]);
        assert_eq!(server.port, 1111, "the README's port");
        let took = edit_shows(&server, &file, "Titre sans option 4713");
        assert!(took <= budget, "`cispgen serve`: {took:?} > {budget:?}");
    } else {
        println!("port 1111 busy: the no-flag start was not run");
    }
}

/// A busy port is said in French, with what to do.
#[test]
fn a_busy_port_is_explained_in_french() {
    let site = small_site();
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a port");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_cispgen"))
        .current_dir(site.path())
        .args(["serve", "--port", &port])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("le port {port} est déjà utilisé")),
        "{err}"
    );
    assert!(err.contains("--port 0"), "{err}");
    assert!(!err.contains("in use"), "no English: {err}");
}

/// The preview is the build: `serve`'s rebuilder runs the pipeline's own stages, so the
/// files it serves are, byte for byte, those `build` writes from the same inputs.
#[test]
fn serve_and_build_make_the_same_files() {
    use std::collections::BTreeMap;
    let site = small_site();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let out = tempfile::tempdir().expect("tempdir");
    let public = out.path().join("public");
    let options = cispgen::pipeline::BuildOptions {
        root: site.path().to_path_buf(),
        out: public.clone(),
        base_url: None,
        today,
        precompress: false,
        previous: None,
    };
    if let Err(e) = cispgen::pipeline::build_site(&options) {
        panic!("build: {e}");
    }
    let mut written = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&public).expect("under out");
        let rel = rel.to_string_lossy().replace('\\', "/");
        written.insert(rel, std::fs::read(entry.path()).expect("read"));
    }
    let mut rebuilder = cispgen::serve::Rebuilder::new(site.path(), today, None);
    let rebuilt = match rebuilder.rebuild() {
        Ok(r) => r,
        Err(e) => panic!("rebuild: {e}"),
    };
    let served: BTreeMap<String, Vec<u8>> = rebuilt
        .outputs
        .into_iter()
        .map(|o| (o.path, o.bytes))
        .collect();
    let only_built: Vec<&String> = written
        .keys()
        .filter(|k| !served.contains_key(*k))
        .collect();
    let only_served: Vec<&String> = served
        .keys()
        .filter(|k| !written.contains_key(*k))
        .collect();
    assert!(
        only_built.is_empty() && only_served.is_empty(),
        "only written by build: {only_built:?}; only served: {only_served:?}"
    );
    let differ: Vec<&String> = written
        .iter()
        .filter(|(k, v)| served.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert!(differ.is_empty(), "different bytes: {differ:?}");
    assert!(written.len() > 100, "{} files", written.len());
}

/// The warnings of a good build reach the page: `status.json` (and the event stream,
/// which sends the same state) carries them with their place, and the page script shows
/// them in a closed `<details>` with their count, not in the error overlay.
#[test]
fn the_warnings_of_a_good_build_reach_the_page() {
    let site = small_site();
    let file = cispgen::load::centre_files(site.path()).expect("files")[0].clone();
    let (_, line, titre) = first_track(&file);
    replace_line(&file, line, &format!("    titre: {titre} <b>neuf</b>"));
    let server = Server::start(site.path());
    let statut = status_json(server.port);
    assert_eq!(statut["ok"], true, "{statut}");
    let warnings = statut["warnings"].as_array().expect("warnings");
    let count = statut["warning_count"].as_u64().expect("count");
    assert!(count as usize >= warnings.len() && !warnings.is_empty());
    let tag = warnings
        .iter()
        .find(|w| w["message"].as_str().is_some_and(|m| m.contains("« <b> »")))
        .unwrap_or_else(|| panic!("the tag warning: {statut}"));
    let rel = file.strip_prefix(site.path()).expect("under the site");
    assert_eq!(tag["file"], rel.display().to_string());
    assert_eq!(tag["line"], line as u64);
    // `    titre: ` then the title and a space: the column of the tag itself.
    let col = 4 + "titre: ".len() + titre.chars().count() + 2;
    assert_eq!(tag["column"], col as u64, "{tag}");
    assert_eq!(tag["severity"], "warning");
    assert!(statut["errors"].as_array().is_some_and(Vec::is_empty));

    let js = get(server.port, "/_cispgen/reload.js")
        .expect("script")
        .text();
    assert!(
        js.contains("\"details\"") && js.contains(" avertissements"),
        "{js}"
    );
    assert!(js.contains("status.warnings"));
}
