//! The demo site published under a sub-path (`--base-url https://org.github.io/cisp/`, a
//! GitHub Pages project site), built through the library into a temporary folder:
//!
//! - every `href`, `src`, `action`, `srcset`, `data`, `data-*` path of every page and SVG,
//!   every CSS `url()`, every address of `sitemap.xml`, the Atom feeds, `robots.txt`, the
//!   web manifest, `_headers`, the search-index manifest and the job titles' JSON is under
//!   `/cisp/` or `https://org.github.io/cisp/` (or external, `mailto:`, `tel:`, `#`…), and
//!   each of the site's resolves to a file of the output (without `/cisp`);
//! - the scripts build no root path of their own;
//! - a root base URL, with a trailing slash, builds the same bytes as no base URL;
//! - a malformed `--base-url` is refused in French, naming the option, with an example.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cispgen::pipeline::{self, BuildOptions};

const BASE: &str = "https://org.github.io/cisp/";
const RACINE: &str = "/cisp/";

fn build(base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("public");
    let today = chrono::NaiveDate::parse_from_str(common::DEMO_TODAY, "%Y-%m-%d").expect("date");
    pipeline::build_site(&BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        out: out.clone(),
        base_url: base_url.map(str::to_string),
        today,
        precompress: false,
        previous: None,
    })
    .unwrap_or_else(|e| panic!("the build under {base_url:?} failed: {e}"));
    (dir, out)
}

/// The demo under `/cisp/`, built once for this file.
fn sous_chemin() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE.get_or_init(|| build(Some(BASE))).1
}

/// Every file under `dir`, relative with `/`, and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap_or_else(|err| panic!("walk {}: {err}", dir.display())))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            let bytes = std::fs::read(e.path()).unwrap_or_else(|err| panic!("read: {err}"));
            (rel.to_string_lossy().replace('\\', "/"), bytes)
        })
        .collect()
}

fn text(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"))
}

/// `None` when `url`, an address of the site, is under the sub-path and resolves to a
/// file of `dir`; else what is wrong. Other addresses are accepted when they leave the
/// site (another host, `mailto:`, `tel:`, `sms:`, `data:`, a fragment).
fn probleme(dir: &Path, url: &str) -> Option<String> {
    let chemin = if let Some(rest) = url.strip_prefix("https://org.github.io") {
        // The site's own address, as open data gives it (`source`), has no final `/`.
        if rest == "/cisp" {
            return None;
        }
        rest
    } else if url.starts_with("https://cisp.be") {
        return Some(format!("{url}: the default address, not the base URL"));
    } else if url.starts_with('/') && !url.starts_with("//") {
        url
    } else if [
        "https://", "http://", "mailto:", "tel:", "sms:", "data:", "#",
    ]
    .iter()
    .any(|p| url.starts_with(p))
    {
        return None;
    } else {
        return Some(format!("{url}: neither absolute nor under {RACINE}"));
    };
    let Some(rel) = chemin.strip_prefix(RACINE) else {
        return Some(format!("{url}: not under {RACINE}"));
    };
    let rel = rel.split(['#', '?']).next().unwrap_or("");
    let cible = dir.join(rel);
    let existe = if rel.is_empty() || rel.ends_with('/') {
        cible.join("index.html").is_file()
    } else {
        cible.is_file() || cible.join("index.html").is_file()
    };
    (!existe).then(|| format!("{url}: no such file"))
}

/// The addresses a page or SVG document links to or loads, and its `data-*` paths.
fn urls_of_markup(markup: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in common::parse_html(markup).elements {
        for (name, value) in &e.attrs {
            let value = value.trim();
            match name.as_str() {
                "href" | "src" | "xlink:href" | "action" | "poster" | "formaction" | "data" => {
                    out.push(value.to_string())
                }
                "srcset" => out.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_string),
                ),
                n if n.starts_with("data-") && value.starts_with('/') => {
                    out.push(value.to_string())
                }
                _ => {}
            }
        }
    }
    out
}

/// Every string of a JSON document that looks like an address (starts with `/` or `http`).
fn urls_of_json(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.starts_with('/') || s.starts_with("http") => {
            out.push(s.clone())
        }
        // The search manifest's `q` is the folder of the « what » shards and `pd` the prefix
        // of the parts' names, not files: checked on their own below.
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(k, v)| {
                !(k.as_str() == "q" && v.as_str().is_some_and(|q| q.ends_with("/q/"))
                    || k.as_str() == "pd" && v.as_str().is_some_and(|p| p.ends_with("/p-")))
            })
            .for_each(|(_, v)| urls_of_json(v, out)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| urls_of_json(v, out)),
        _ => {}
    }
}

/// The values of `<tag>…</tag>` and of `href="…"` in an XML file.
fn urls_of_xml(xml: &str, tags: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for tag in tags {
        let open = format!("<{tag}>");
        for part in xml.split(open.as_str()).skip(1) {
            out.push(part.split('<').next().unwrap_or("").trim().to_string());
        }
    }
    for part in xml.split("href=\"").skip(1) {
        out.push(part.split('"').next().unwrap_or("").to_string());
    }
    out.into_iter().map(|u| u.replace("&amp;", "&")).collect()
}

fn assert_none(what: &str, problems: &[String]) {
    let shown: Vec<&str> = problems.iter().take(30).map(String::as_str).collect();
    assert!(
        problems.is_empty(),
        "{} {what}:\n  {}",
        problems.len(),
        shown.join("\n  ")
    );
}

#[test]
fn every_address_of_the_site_is_under_the_sub_path_and_resolves() {
    let dir = sous_chemin();
    let files = snapshot(dir);
    let mut problems = Vec::new();
    let mut checked = BTreeMap::<&str, usize>::new();
    let mut check = |kind: &'static str, file: &str, urls: Vec<String>| {
        *checked.entry(kind).or_default() += urls.len();
        for url in urls {
            if let Some(p) = probleme(dir, &url) {
                problems.push(format!("{file}: {p}"));
            }
        }
    };
    for (file, bytes) in &files {
        let body = String::from_utf8_lossy(bytes);
        let ext = file.rsplit('.').next().unwrap_or("");
        match ext {
            "html" | "svg" => check("markup", file, urls_of_markup(&body)),
            "xml" => check("xml", file, urls_of_xml(&body, &["loc", "id", "uri"])),
            "css" => {
                let urls = body
                    .split("url(")
                    .skip(1)
                    .map(|p| p.split(')').next().unwrap_or("").trim_matches(['"', '\'']))
                    .filter(|u| !u.starts_with("data:"))
                    .map(str::to_string)
                    .collect();
                check("css", file, urls)
            }
            "json" | "webmanifest" | "geojson" => {
                let value: serde_json::Value = serde_json::from_str(&body)
                    .unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
                let mut urls = Vec::new();
                urls_of_json(&value, &mut urls);
                // The JSON Schema's own `$schema` is the standard's address; the editors'
                // schema keeps its identifier (`cispgen schema`, the files' headers).
                let schema = file == "schema/centre.schema.json";
                urls.retain(|u| {
                    let identifiant = schema && u.starts_with("https://cisp.be/schema/");
                    !u.starts_with("https://json-schema.org/") && !identifiant
                });
                check("json", file, urls)
            }
            _ => {}
        }
    }
    let robots = text(dir, "robots.txt");
    let sitemap_line = robots.lines().filter_map(|l| l.strip_prefix("Sitemap: "));
    check(
        "robots",
        "robots.txt",
        sitemap_line.map(str::to_string).collect(),
    );

    // `_headers`: each block's path pattern (the unindented lines).
    let headers = text(dir, "_headers");
    for line in headers.lines() {
        if line.is_empty() || line.starts_with('#') || line.starts_with(' ') {
            continue;
        }
        if !line.starts_with(RACINE) {
            problems.push(format!("_headers: pattern {line} is not under {RACINE}"));
        }
    }
    if !headers.contains("Service-Worker-Allowed: /cisp/\n") {
        problems.push("_headers: the worker is not allowed the scope /cisp/".into());
    }

    // The web manifest's scope, and the search index manifest, which the search page
    // also embeds.
    let manifest: serde_json::Value =
        serde_json::from_str(&text(dir, "manifest.webmanifest")).expect("manifest");
    for key in ["start_url", "scope"] {
        if manifest[key] != RACINE {
            problems.push(format!("manifest.webmanifest: {key} = {}", manifest[key]));
        }
    }
    let index = text(dir, "static/recherche/manifeste.json");
    if !index.contains("\"/cisp/static/recherche/") {
        problems.push("manifeste.json names no index under /cisp/static/recherche/".into());
    }
    let recherche: serde_json::Value = serde_json::from_str(&index).expect("manifeste.json");
    let (q, qv) = (recherche["q"].as_str(), recherche["qv"].as_str());
    match (q.and_then(|q| q.strip_prefix(RACINE)), qv) {
        (Some(rel), Some(qv)) if dir.join(rel).join(format!("bou.{qv}.json")).is_file() => {}
        _ => problems.push(format!(
            "manifeste.json: the shards' folder {q:?} is not under {RACINE}, or has no bou.{qv:?}.json"
        )),
    }
    // Parts: `pd` + name + `.pv.json`, under the sub-path.
    let (pd, pv) = (recherche["pd"].as_str(), recherche["pv"].as_str());
    for p in recherche["parts"].as_array().into_iter().flatten() {
        let url = format!(
            "{}{}.{}.json",
            pd.unwrap_or("?"),
            p[0].as_str().unwrap_or("?"),
            pv.unwrap_or("?")
        );
        if !url
            .strip_prefix(RACINE)
            .is_some_and(|rel| dir.join(rel).is_file())
        {
            problems.push(format!(
                "manifeste.json: part {url} is not under {RACINE} or missing"
            ));
        }
    }
    let n = checked.get("markup").copied().unwrap_or(0);
    assert!(
        n > 10_000,
        "only {n} addresses in pages: is the scan broken? {checked:?}"
    );
    for kind in ["xml", "css", "json", "robots"] {
        assert!(
            checked.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} address: {checked:?}"
        );
    }
    assert_none("addresses outside the sub-path or broken", &problems);
}

#[test]
fn scripts_build_no_root_path() {
    // A quoted path that starts at `/` (`'/formations/'`, `"/sw.js"`) would leave the
    // sub-path: the scripts take the root from their own address.
    let dir = sous_chemin();
    let mut problems = Vec::new();
    // The scripts carry their content hash: `static/recherche.<hash>.js`.
    let mut files: Vec<String> = std::fs::read_dir(dir.join("static"))
        .map(|d| d.filter_map(Result::ok).collect::<Vec<_>>())
        .unwrap_or_default()
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .map(|n| format!("static/{n}"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "recherche and conseillers: {files:?}");
    files.push("sw.js".into());
    for file in &files {
        let js = text(dir, file);
        for (i, line) in js.lines().enumerate() {
            for quote in ['\'', '"'] {
                let litteral = format!("{quote}/");
                let mut rest = line;
                while let Some(at) = rest.find(&litteral) {
                    // `x + '/fiche/'` continues a path; only a literal that starts one counts.
                    let suite = rest[..at].trim_end().ends_with('+');
                    rest = &rest[at + 2..];
                    if !suite && rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                        problems.push(format!("{file}:{}: {}", i + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert_none("root paths in the scripts", &problems);
}

#[test]
fn a_root_base_url_changes_nothing() {
    let (_a, sans) = build(None);
    let (_b, racine) = build(Some("https://cisp.be/"));
    let (sans, racine) = (snapshot(&sans), snapshot(&racine));
    let differents: Vec<String> = sans
        .keys()
        .chain(racine.keys())
        .filter(|f| sans.get(*f) != racine.get(*f))
        .cloned()
        .collect();
    assert_none("files that differ with https://cisp.be/", &differents);
}

#[test]
fn a_malformed_base_url_is_refused_in_french() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    for url in [
        "org.github.io/cisp",
        "https://org.github.io/ci sp/",
        "https://org.github.io/a?b",
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cispgen"))
            .args([
                "build",
                "--today",
                common::DEMO_TODAY,
                "--base-url",
                url,
                "--out",
            ])
            .arg(tmp.path().join("public"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run cispgen");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{url}: {stderr}");
        assert!(
            stderr.starts_with("erreur : --base-url")
                && stderr.contains("par exemple : --base-url https://org.github.io/cisp/")
                && !stderr.contains("panicked"),
            "{url}: {stderr}"
        );
        assert!(
            !tmp.path().join("public").exists(),
            "{url}: something was written"
        );
    }
}
