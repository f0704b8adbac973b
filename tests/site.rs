//! The demo site, built through the library (`pipeline::build_site`, today = 2026-11-23,
//! root = this repository) and inspected file by file:
//!
//! - every centre, place, track and municipality of the catalogue has its page, and no
//!   other page sits in their folders;
//! - every internal link (`href`, `src`, `data`, `action`, `srcset`, CSS `url()`, SVG
//!   links, sitemap and manifest addresses) resolves to a file;
//! - every HTML page has one `<h1>`, a title, a description, `lang="fr"`, a canonical
//!   link, JSON-LD that parses, weighs at most 30 KiB, and no inline script, event
//!   attribute, `style=` attribute or third-party resource;
//! - two builds of the same input are byte-identical;
//! - a build that fails (broken centre file, broken template) leaves the previous output
//!   untouched.
//!
//! The HTML is minified (attributes may be unquoted), so it is read with a real HTML
//! tokenizer (html5gum, in `tests/common`).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;

use cispgen::pipeline::{self, BuildError, BuildOptions};
use cispgen::refdata::RefData;
use cispgen::site::urls;

use common::Element;

/// The start tags of a document, in order.
fn scan(html: &str) -> Vec<Element> {
    common::parse_html(html).elements
}

/// The build date of every build here.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The largest HTML page allowed, uncompressed.
const MAX_PAGE_BYTES: usize = 30 * 1024;
/// The commune index names every postcode and locality of Wallonia beside its commune, so
/// that « find in page » reaches « 4101 » without the search script (issue 16): 1,565
/// localities and 606 postcodes, ~13 KB gzipped.
const MAX_COMMUNES_BYTES: usize = 48 * 1024;

/// How many failures a test lists before « … and N more ».
const SHOWN: usize = 40;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder of its own under `target/tmp` (removed first), per test profile.
fn scratch(name: &str) -> PathBuf {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("site-tests-{profile}"))
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("remove {}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}

fn build(root: &Path, out: &Path) -> Result<pipeline::Built, BuildError> {
    pipeline::build_site(&BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        today: today(),
        precompress: false,
        // Default: `<out>/donnees/catalogue.json`, absent from a fresh output folder.
        previous: None,
    })
}

fn build_ok(root: &Path, out: &Path) -> pipeline::Built {
    match build(root, out) {
        Ok(built) => built,
        Err(e) => panic!("the build of {} failed: {e}", root.display()),
    }
}

/// The demo site, built once for all the tests of this file (`tests/common`).
struct Site {
    dir: PathBuf,
    pages: usize,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let demo = common::demo();
        Site {
            dir: demo.out.clone(),
            pages: demo.built.pages,
        }
    })
}

/// Every file under `dir`, relative with `/`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap_or_else(|err| panic!("walk {}: {err}", dir.display())))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap_or_else(|e| panic!("read {f}: {e}"));
            (f, bytes)
        })
        .collect()
}

fn html_files(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

fn read_text(dir: &Path, file: &str) -> String {
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{file} is not UTF-8"))
}

/// Fails with the list of problems (the first [`SHOWN`]) when there are any.
fn assert_none(what: &str, problems: &[String]) {
    if problems.is_empty() {
        return;
    }
    let mut message = format!("{} {what}:\n", problems.len());
    for p in problems.iter().take(SHOWN) {
        message.push_str("  ");
        message.push_str(p);
        message.push('\n');
    }
    if problems.len() > SHOWN {
        message.push_str(&format!("  … and {} more\n", problems.len() - SHOWN));
    }
    panic!("{message}");
}

/// Sub-folders of `dir/section` that hold an `index.html`.
fn page_dirs(dir: &Path, section: &str) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(dir.join(section)) else {
        return BTreeSet::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn base_url() -> String {
    let mut sources = cispgen::diag::Sources::default();
    cispgen::config::Config::load(&repo(), &mut sources)
        .unwrap_or_else(|_| panic!("site.yaml does not load"))
        .base_url
}

// ------------------------------------------------------------------------------------
// Pages of the catalogue

#[test]
fn every_entity_of_the_catalogue_has_its_page() {
    let site = site();
    let root = repo();
    let loaded = cispgen::load::load(&root).unwrap_or_else(|e| panic!("load: {e}"));
    let catalogue = cispgen::resolve::resolve(&loaded.centres, RefData::load(), today());

    let centre_files = walkdir::WalkDir::new(root.join("data/centres"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .count();
    assert!(centre_files > 0, "no centre file under data/centres");
    assert_eq!(
        catalogue.centres.len(),
        centre_files,
        "one centre per file of data/centres"
    );

    let mut problems = Vec::new();
    let mut expect = |kind: &str, url: String, label: &str| {
        let file = urls::fichier(&url);
        if !site.dir.join(&file).is_file() {
            problems.push(format!("{kind} « {label} »: no page {file}"));
        }
    };
    for c in &catalogue.centres {
        expect("centre", urls::centre(&c.slug), &c.centre.id);
    }
    for l in &catalogue.lieux {
        expect("place", urls::lieu(&l.slug), &l.lieu.id);
    }
    for f in &catalogue.filieres {
        expect("track", urls::filiere(&f.slug), &f.filiere.id);
    }
    for c in &catalogue.communes {
        expect("municipality", urls::commune(&c.slug), &c.commune.nom);
    }
    assert_none("missing pages", &problems);

    // …and nothing else in their folders (a page left over from a renamed entity, a
    // slug collision that wrote two entities to one page).
    let exact = |section: &str, slugs: BTreeSet<String>, what: &str| {
        let found = page_dirs(&site.dir, section);
        let extra: Vec<&String> = found.difference(&slugs).collect();
        let missing: Vec<&String> = slugs.difference(&found).collect();
        assert!(
            extra.is_empty() && missing.is_empty(),
            "/{section}/: {} {what} in the catalogue, {} pages; pages without an entity: {extra:?}; entities without a page: {missing:?}",
            slugs.len(),
            found.len()
        );
    };
    exact(
        "centres",
        catalogue.centres.iter().map(|c| c.slug.clone()).collect(),
        "centres",
    );
    exact(
        "lieux",
        catalogue.lieux.iter().map(|l| l.slug.clone()).collect(),
        "places",
    );
    exact(
        "communes",
        catalogue.communes.iter().map(|c| c.slug.clone()).collect(),
        "municipalities",
    );
    let tracks: BTreeSet<String> = catalogue.filieres.iter().map(|f| f.slug.clone()).collect();
    assert_eq!(
        tracks.len(),
        catalogue.filieres.len(),
        "two tracks share a slug"
    );
    let track_pages = page_dirs(&site.dir, "formations");
    let missing: Vec<&String> = tracks.difference(&track_pages).collect();
    assert!(missing.is_empty(), "tracks without a page: {missing:?}");

    assert_eq!(
        site.pages,
        html_files(&site.dir).len(),
        "pages reported by the build vs HTML files written"
    );
}

// ------------------------------------------------------------------------------------
// Links

/// Resolves a root-relative link against the output folder: `None` when it resolves.
fn resolve_link(dir: &Path, link: &str) -> Option<String> {
    let path = link.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_decode(path);
    if decoded.split('/').any(|seg| seg == "..") {
        return Some(format!("{link} leaves the site"));
    }
    let rel = decoded.trim_start_matches('/');
    let target = dir.join(rel);
    let ok = if rel.is_empty() || decoded.ends_with('/') {
        target.join("index.html").is_file()
    } else {
        target.is_file() || target.join("index.html").is_file()
    };
    (!ok).then(|| link.to_string())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_internal(link: &str) -> bool {
    link.starts_with('/') && !link.starts_with("//")
}

/// Root-relative URLs inside CSS `url(…)`.
fn css_urls(css: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        let raw = rest[..end].trim().trim_matches(['"', '\'']).to_string();
        out.push(raw);
        rest = &rest[end..];
    }
    out
}

/// The URLs a page links to or loads: `(attribute, value)`.
fn links_of(elements: &[Element]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in elements {
        for (name, value) in &e.attrs {
            let value = value.trim();
            match name.as_str() {
                "href" | "src" | "xlink:href" | "action" | "poster" | "formaction" => {
                    out.push((name.clone(), value.to_string()));
                }
                "data" if e.name == "object" => out.push((name.clone(), value.to_string())),
                "srcset" => {
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            out.push((name.clone(), url.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        if e.name == "style" {
            out.extend(
                css_urls(&e.text)
                    .into_iter()
                    .map(|u| ("url()".to_string(), u)),
            );
        }
    }
    out
}

#[test]
fn every_internal_link_resolves() {
    let site = site();
    // Broken link → the pages where it occurs.
    let mut broken: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut checked = 0usize;
    for file in files(&site.dir) {
        let ext = file.rsplit('.').next().unwrap_or("");
        let links: Vec<(String, String)> = match ext {
            "html" | "svg" => links_of(&scan(&read_text(&site.dir, &file))),
            "css" => css_urls(&read_text(&site.dir, &file))
                .into_iter()
                .map(|u| ("url()".to_string(), u))
                .collect(),
            _ => continue,
        };
        for (attr, link) in links {
            if !is_internal(&link) {
                continue;
            }
            checked += 1;
            if let Some(bad) = resolve_link(&site.dir, &link) {
                let pages = broken.entry(format!("{attr}={bad}")).or_default();
                if pages.last() != Some(&file) {
                    pages.push(file.clone());
                }
            }
        }
    }
    assert!(
        checked > 1000,
        "only {checked} internal links found: is the scanner broken?"
    );
    let problems: Vec<String> = broken
        .iter()
        .map(|(link, pages)| {
            let shown: Vec<&str> = pages.iter().take(3).map(String::as_str).collect();
            format!(
                "{link}: on {} page(s), e.g. {}",
                pages.len(),
                shown.join(", ")
            )
        })
        .collect();
    assert_none("internal links that resolve to no file", &problems);
}

#[test]
fn sitemap_and_manifest_addresses_resolve() {
    let site = site();
    let base = base_url();
    let mut problems = Vec::new();

    let sitemap = read_text(&site.dir, "sitemap.xml");
    let mut locs = 0;
    for part in sitemap.split("<loc>").skip(1) {
        let url = part
            .split("</loc>")
            .next()
            .unwrap_or("")
            .trim()
            .replace("&amp;", "&");
        locs += 1;
        match url.strip_prefix(&base) {
            Some(path) if is_internal(path) => {
                if let Some(bad) = resolve_link(&site.dir, path) {
                    problems.push(format!("sitemap.xml: {bad}"));
                }
            }
            _ => problems.push(format!("sitemap.xml: {url} is not under {base}/")),
        }
    }
    assert!(locs > 100, "sitemap.xml lists only {locs} addresses");
    // The sitemap lists every page but the 404.
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|p| p.split("</loc>").next())
        .filter_map(|u| u.trim().strip_prefix(&base).map(urls::fichier))
        .collect();
    let unlisted: Vec<String> = html_files(&site.dir)
        .into_iter()
        .filter(|f| f != "404.html" && !listed.contains(f))
        .collect();
    if !unlisted.is_empty() {
        eprintln!(
            "note: {} pages are not in sitemap.xml, e.g. {:?}",
            unlisted.len(),
            &unlisted[..unlisted.len().min(5)]
        );
    }

    if site.dir.join("manifest.webmanifest").is_file() {
        let text = read_text(&site.dir, "manifest.webmanifest");
        let manifest: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("manifest.webmanifest is not JSON: {e}"));
        let mut urls_in = Vec::new();
        collect_json_urls(&manifest, &mut urls_in);
        for url in urls_in.into_iter().filter(|u| is_internal(u)) {
            if let Some(bad) = resolve_link(&site.dir, &url) {
                problems.push(format!("manifest.webmanifest: {bad}"));
            }
        }
    }
    assert_none("addresses that resolve to no file", &problems);
}

fn collect_json_urls(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s)
                        if ["src", "start_url", "url", "scope"].contains(&k.as_str()) =>
                    {
                        out.push(s.clone())
                    }
                    _ => collect_json_urls(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_json_urls(v, out)),
        _ => {}
    }
}

// ------------------------------------------------------------------------------------
// Every page

/// `rel` values of `<link>` that load nothing.
const LINK_RELS_NOT_LOADED: &[&str] = &[
    "canonical",
    "alternate",
    "author",
    "license",
    "me",
    "help",
    "search",
    "next",
    "prev",
    "bookmark",
    "external",
];

fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    Some(rest.split(['/', '?', '#', ':']).next().unwrap_or(""))
}

/// The problems of one HTML page.
fn page_problems(file: &str, html: &str, own_host: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut say = |m: String| problems.push(format!("{file}: {m}"));
    let max = if file == "communes/index.html" {
        MAX_COMMUNES_BYTES
    } else {
        MAX_PAGE_BYTES
    };
    if html.len() > max {
        say(format!("{} bytes, more than {max}", html.len()));
    }
    let elements = scan(html);
    let named = |name: &'static str| named(&elements, name);

    let h1 = named("h1").count();
    if h1 != 1 {
        say(format!("{h1} <h1> (exactly one expected)"));
    }
    let titles: Vec<&Element> = named("title").filter(|e| !e.in_svg).collect();
    match titles.as_slice() {
        [t] if !t.text.trim().is_empty() => {}
        [_] => say("empty <title>".into()),
        _ => say(format!("{} <title> elements", titles.len())),
    }
    let descriptions: Vec<&Element> = named("meta")
        .filter(|e| {
            e.attr("name")
                .is_some_and(|n| n.eq_ignore_ascii_case("description"))
        })
        .collect();
    match descriptions.as_slice() {
        [d] if d.attr("content").is_some_and(|c| !c.trim().is_empty()) => {}
        [_] => say("empty meta description".into()),
        _ => say(format!("{} meta descriptions", descriptions.len())),
    }
    match named("html").next().and_then(|e| e.attr("lang")) {
        Some("fr") => {}
        other => say(format!("<html lang={other:?}> (lang=\"fr\" expected)")),
    }
    let canonicals: Vec<&Element> = named("link")
        .filter(|e| e.rel().iter().any(|r| r == "canonical"))
        .collect();
    match canonicals.as_slice() {
        [c] if c
            .attr("href")
            .is_some_and(|h| h.starts_with("http://") || h.starts_with("https://")) => {}
        [c] => say(format!(
            "canonical link {:?} is not an absolute address",
            c.attr("href")
        )),
        _ => say(format!("{} canonical links", canonicals.len())),
    }

    for script in named("script") {
        if script.attr("src").is_some() {
            continue;
        }
        let kind = script.attr("type").map(|t| t.trim().to_ascii_lowercase());
        if kind.as_deref() == Some("application/ld+json") {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&script.text) {
                say(format!(
                    "JSON-LD does not parse: {e}: {}",
                    excerpt(&script.text)
                ));
            }
        } else {
            say(format!(
                "inline <script type={kind:?}>: {}",
                excerpt(&script.text)
            ));
        }
    }

    for e in &elements {
        for (name, value) in &e.attrs {
            if name.len() > 2 && name.starts_with("on") {
                say(format!("event attribute {name}= on <{}>", e.name));
            }
            if name == "style" {
                say(format!("style= attribute on <{}>: {:?}", e.name, value));
            }
            let value = value.as_str();
            let loads = match name.as_str() {
                "src" | "srcset" | "poster" => true,
                "data" => e.name == "object",
                "href" | "xlink:href" => {
                    (e.name == "link"
                        && !e
                            .rel()
                            .iter()
                            .any(|r| LINK_RELS_NOT_LOADED.contains(&r.as_str())))
                        || (e.in_svg && matches!(e.name.as_str(), "image" | "use" | "feimage"))
                }
                _ => false,
            };
            if !loads {
                continue;
            }
            let candidates: Vec<&str> = if name == "srcset" {
                value
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .collect()
            } else {
                vec![value.trim()]
            };
            for url in candidates {
                if host_of(url).is_some_and(|host| !host.eq_ignore_ascii_case(own_host)) {
                    say(format!("third-party request: <{} {name}={url}>", e.name));
                }
            }
        }
    }
    for style in named("style") {
        for url in css_urls(&style.text) {
            if host_of(&url).is_some_and(|h| !h.eq_ignore_ascii_case(own_host)) {
                say(format!("third-party request in <style>: url({url})"));
            }
        }
    }
    problems
}

fn named<'a>(elements: &'a [Element], name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
    elements.iter().filter(move |e| e.name == name)
}

fn excerpt(text: &str) -> String {
    let t: String = text.chars().take(120).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

#[test]
fn every_page_is_well_formed() {
    let site = site();
    let base = base_url();
    let own_host = host_of(&base).unwrap_or("cisp.be").to_string();
    let pages = html_files(&site.dir);
    assert!(pages.len() > 100, "only {} HTML pages", pages.len());
    let mut problems = Vec::new();
    for file in &pages {
        problems.extend(page_problems(file, &read_text(&site.dir, file), &own_host));
    }
    assert_none("problems in the HTML pages", &problems);
}

#[test]
fn stylesheets_and_svgs_request_no_other_host() {
    let site = site();
    let own_host = host_of(&base_url()).unwrap_or("cisp.be").to_string();
    let mut problems = Vec::new();
    for file in files(&site.dir) {
        if file.ends_with(".css") {
            let css = read_text(&site.dir, &file);
            for url in css_urls(&css) {
                if host_of(&url).is_some_and(|h| !h.eq_ignore_ascii_case(&own_host)) {
                    problems.push(format!("{file}: url({url})"));
                }
            }
            if css.contains("@import") {
                problems.push(format!("{file}: @import (one request more per page)"));
            }
        } else if file.ends_with(".svg") {
            for e in scan(&read_text(&site.dir, &file)) {
                if matches!(e.name.as_str(), "image" | "use" | "feimage" | "script") {
                    for name in ["href", "xlink:href", "src"] {
                        if let Some(url) = e.attr(name).filter(|u| host_of(u).is_some()) {
                            problems.push(format!("{file}: <{} {name}={url}>", e.name));
                        }
                    }
                }
                if e.name == "script" {
                    problems.push(format!("{file}: <script> in an SVG"));
                }
            }
        }
    }
    assert_none("third-party requests in assets", &problems);
}

// ------------------------------------------------------------------------------------
// Reproducibility and atomicity

#[test]
fn two_builds_are_byte_identical() {
    let first = site();
    let second = scratch("b").join("public");
    build_ok(&repo(), &second);
    let a = snapshot(&first.dir);
    let b = snapshot(&second);
    let names_a: BTreeSet<&String> = a.keys().collect();
    let names_b: BTreeSet<&String> = b.keys().collect();
    assert_eq!(
        names_a.symmetric_difference(&names_b).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "the two builds wrote different files"
    );
    let differ: Vec<String> = a
        .iter()
        .filter(|(name, bytes)| b.get(*name) != Some(*bytes))
        .map(|(n, _)| n.clone())
        .collect();
    assert_none(
        "files that differ between two builds of the same input",
        &differ,
    );
    let _ = std::fs::remove_dir_all(second.parent().expect("scratch dir"));
}

/// A copy of the site's inputs (site.yaml, data/centres, content, themes, and the site's
/// own templates/ and static/ if any) in `dir`.
fn copy_site_inputs(dir: &Path) {
    let root = repo();
    std::fs::copy(root.join("site.yaml"), dir.join("site.yaml")).expect("copy site.yaml");
    for sub in ["data/centres", "content", "themes", "templates", "static"] {
        if root.join(sub).is_dir() {
            common::copy_tree(&root.join(sub), &dir.join(sub));
        }
    }
}

fn entries(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let scratch = scratch("echec");
    let root = scratch.join("racine");
    std::fs::create_dir_all(&root).expect("mkdir");
    copy_site_inputs(&root);
    let out = scratch.join("public");
    build_ok(&root, &out);
    let before = snapshot(&out);
    let beside = entries(&scratch);
    assert!(
        before.contains_key("index.html"),
        "the good build wrote no index.html"
    );

    // 1. A broken centre file: the check stage refuses the data.
    let broken = root.join("data/centres/aleap/zz-fichier-casse.yaml");
    std::fs::write(
        &broken,
        "id: zz-fichier-casse\nnom: \"guillemet jamais fermé\nlieux:\n  - id: x\n",
    )
    .expect("write broken file");
    match build(&root, &out) {
        Err(BuildError::Invalid { diagnostics, .. }) => assert!(diagnostics.has_errors()),
        Err(e) => panic!("expected the data to be refused, got: {e}"),
        Ok(_) => panic!("the build accepted a broken centre file"),
    }
    assert!(
        snapshot(&out) == before,
        "a build refused for bad data changed the output folder"
    );
    assert_eq!(
        entries(&scratch),
        beside,
        "a build refused for bad data left files beside the output folder"
    );
    std::fs::remove_file(&broken).expect("remove broken file");

    // 2. A template that fails while rendering (an unknown variable in a track page's
    //    content): found after the data was accepted, while pages are being rendered.
    let template = root.join("themes/cisp/templates/filiere.html");
    let text = std::fs::read_to_string(&template).expect("read themes/cisp/templates/filiere.html");
    assert!(
        text.contains("{% block contenu %}"),
        "filiere.html has no « block contenu » to break"
    );
    let text = text.replacen(
        "{% block contenu %}",
        "{% block contenu %}{{ variable_qui_n_existe_pas.champ }}",
        1,
    );
    std::fs::write(&template, text).expect("write template");
    match build(&root, &out) {
        Err(BuildError::Render(_)) => {}
        Err(e) => panic!("expected a template error, got: {e}"),
        Ok(_) => panic!("the build accepted a broken template"),
    }
    assert!(
        snapshot(&out) == before,
        "a build stopped by a template error changed the output folder"
    );
    assert_eq!(
        entries(&scratch),
        beside,
        "a build stopped by a template error left files beside the output folder"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

/// The card `<li class="carte …">…</li>` that links to `href` in `html` after `from`,
/// without its distance.
fn carte_vers(html: &str, from: &str, href: &str) -> Option<String> {
    let debut = html.find(from)?;
    let lien = debut + html[debut..].find(&format!("<a href=\"{href}\">"))?;
    let li = html[..lien].rfind("<li class=\"carte")?;
    let fin = lien + html[lien..].find("</li>")? + "</li>".len();
    let carte = &html[li..fin];
    Some(
        match (carte.find("<p class=distance>"), carte.find("<h3>")) {
            (Some(d), Some(h)) if d < h => format!("{}{}", &carte[..d], &carte[h..]),
            _ => carte.to_string(),
        },
    )
}

/// A track's card is rendered once per build and pasted into every page that lists it:
/// the same card, link, colour, centre, towns and next session, among a neighbour's
/// similar tracks (with a distance) and on the track's centre page (without).
#[test]
fn a_track_card_is_the_same_on_every_page_that_lists_it() {
    let dir = &site().dir;
    let mut compared = 0;
    for page in page_dirs(dir, "formations") {
        let html = read_text(dir, &format!("formations/{page}/index.html"));
        let Some(section) = html.find("id=t-similaires") else {
            continue;
        };
        let Some(voisine) = html[section..]
            .split("<h3><a href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
        else {
            continue;
        };
        let similaire = carte_vers(&html, "id=t-similaires", voisine).expect("similar card");
        assert!(
            html[section..].contains("<p class=distance>à "),
            "formations/{page}: similar tracks without their distance"
        );
        let voisine_html = read_text(
            dir,
            &format!("{}index.html", voisine.trim_start_matches('/')),
        );
        let centre = voisine_html
            .split("class=par>Avec <a href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the track's centre link");
        let centre_html = read_text(
            dir,
            &format!("{}index.html", centre.trim_start_matches('/')),
        );
        let sur_le_centre = carte_vers(&centre_html, "id=t-formations", voisine)
            .unwrap_or_else(|| panic!("{centre}: no card for {voisine}"));
        assert_eq!(
            similaire, sur_le_centre,
            "{voisine}: card differs between pages"
        );
        assert!(similaire.contains("<p class=cat>"), "{similaire}");
        compared += 1;
    }
    assert!(
        compared > 50,
        "only {compared} similar-track cards compared"
    );
}

/// A card template that fails says which card, for which track: the error names the
/// template and the track, and the build stops before the swap.
#[test]
fn a_failing_card_template_names_the_card_and_the_track() {
    let scratch = scratch("carte-cassee");
    let root = scratch.join("racine");
    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    copy_site_inputs(&root);
    std::fs::write(
        root.join("templates/carte-filiere.html"),
        "{{ f.champ_qui_n_existe_pas.nom }}",
    )
    .expect("write template");
    let out = scratch.join("public");
    match build(&root, &out) {
        Err(BuildError::Render(e)) => {
            let message = e.to_string();
            assert!(message.contains("carte-filiere.html ("), "{message}");
            assert!(message.contains("champ_qui_n_existe_pas"), "{message}");
        }
        Err(e) => panic!("expected a template error, got: {e}"),
        Ok(_) => panic!("the build accepted a broken card template"),
    }
    assert!(!out.exists(), "a failed first build left an output folder");
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn the_tokenizer_reads_minified_html() {
    let html = "<!doctype html><html lang=fr><head><title>A &amp; B</title>\
        <link href=/a/ rel=canonical><meta content=\"x y\" name=description>\
        <script type=application/ld+json>{\"a\":\"</b>\"}</script></head>\
        <body><!-- <h1>no</h1> --><svg viewbox=\"0 0 1 1\"><title>t</title><rect height=64 /></svg>\
        <h1 class='c d'>T</h1><a href=/>x</a><input disabled><img src=/i.png alt=\"\"></body></html>";
    let e = scan(html);
    let text = common::parse_html(html).text;
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "html", "head", "title", "link", "meta", "script", "body", "svg", "title", "rect",
            "h1", "a", "input", "img"
        ]
    );
    assert_eq!(e[0].attr("lang"), Some("fr"));
    assert_eq!(e[2].text, "A & B");
    assert_eq!(e[3].attr("href"), Some("/a/"));
    assert_eq!(e[3].rel(), ["canonical"]);
    assert_eq!(e[4].attr("content"), Some("x y"));
    assert_eq!(e[5].text, "{\"a\":\"</b>\"}");
    assert!(e[8].in_svg && !e[2].in_svg);
    assert_eq!(e[9].attr("height"), Some("64"));
    assert_eq!(e[10].attr("class"), Some("c d"));
    assert_eq!(e[11].attr("href"), Some("/"));
    assert_eq!(e[12].attrs, [("disabled".to_string(), String::new())]);
    assert_eq!(e[13].attr("alt"), Some(""));
    assert_eq!(
        text, "A & BtTx",
        "comments, script and doctype are not text"
    );
    assert_eq!(
        css_urls("a{background:url(\"/x.svg\")} b{c:url(/y.png)}"),
        ["/x.svg", "/y.png"]
    );
    assert_eq!(percent_decode("/a%C3%A9/"), "/aé/");
    assert_eq!(host_of("https://cdn.example/x.js"), Some("cdn.example"));
    assert_eq!(host_of("/x.js"), None);
}
