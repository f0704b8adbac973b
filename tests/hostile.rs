//! Hostile content (`tests/hostile/`, see its README): every case either builds a clean
//! site that shows the hostile text as text, or is refused with a clear message.
//!
//! - `xss_site_*`: the centres of `tests/hostile/xss/` (XSS payloads in every free-text
//!   field, Markdown with raw HTML, tera syntax, `</script>` in JSON-LD fields…), plus a
//!   content page and a centre file whose *name* is a payload, built with the repository's
//!   `site.yaml`, `content/` and `themes/`. The build must succeed; no HTML, SVG or XML file
//!   may hold a script, an event attribute, an inline style or a dangerous URL that comes
//!   from the data; the text must be on the pages, escaped.
//! - `refused_cases`: each `tests/hostile/refuse/<cas>.yaml` alone in a site: the build is
//!   refused, nothing is written, and an error in that file says the words of its
//!   `# refus:` line.
//! - `generated_cases`: inputs too big or too odd to keep in git (10 MB, 100,000 levels of
//!   nesting, invalid UTF-8, NUL, BOM + CRLF, tabs…), with what each must give.
//!
//! `HOSTILE_AFFICHER=1 cargo test --test hostile -- --nocapture` prints what happened to
//! each case (the table of tests/hostile/README.md).

mod common;
#[path = "hostile/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cispgen::diag::Severity;
use cispgen::pipeline::BuildError;

use common::parse_html;
use support::{build, copy_tree, files, repo, scratch, site_root};

fn hostile_dir() -> PathBuf {
    repo().join("tests/hostile")
}

fn show() -> bool {
    std::env::var_os("HOSTILE_AFFICHER").is_some()
}

/// What a browser takes as the scheme of a URL: leading spaces and controls dropped,
/// tabs and newlines dropped anywhere, lower case.
fn scheme_seen(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase()
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "data",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "srcset",
    "content",
];

/// Problems of one HTML (or SVG, XML) file: markup that could run script or change the
/// page and that the theme does not write.
fn markup_problems(file: &str, text: &str) -> Vec<String> {
    let parsed = parse_html(text);
    let mut problems = Vec::new();
    let mut say = |p: String| problems.push(format!("{file}: {p}"));
    for tag in &parsed.elements {
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                say(format!(
                    "event attribute {name}={value:?} on <{}>",
                    tag.name
                ));
            }
            if name == "style" {
                say(format!("style attribute {value:?} on <{}>", tag.name));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) && !(tag.name == "meta" && name == "content")
            {
                let seen = scheme_seen(value);
                let data_image = tag.name == "img" && seen.starts_with("data:image/");
                if seen.starts_with("javascript:")
                    || seen.starts_with("vbscript:")
                    || (seen.starts_with("data:") && !data_image)
                {
                    say(format!("dangerous URL {name}={value:?} on <{}>", tag.name));
                }
            }
        }
        match tag.name.as_str() {
            "script" => {
                let ld = tag.attr("type") == Some("application/ld+json");
                let theme = tag
                    .attr("src")
                    .is_some_and(|s| s.starts_with("/static/") && s.ends_with(".js"));
                let body = tag.text.as_str();
                if ld {
                    if body.contains('<') {
                        say(format!("'<' inside JSON-LD: {body}"));
                    }
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(body) {
                        say(format!("JSON-LD does not parse ({e}): {body}"));
                    }
                } else if !(theme && body.trim().is_empty()) {
                    say(format!("script {:?} {body:?}", tag.attrs));
                }
            }
            "style" => say(format!("inline <style>: {:?}", tag.text)),
            "iframe" | "frame" | "embed" | "base" | "applet" | "textarea" | "svg:script"
            | "foreignobject" => say(format!("<{}> {:?}", tag.name, tag.attrs)),
            "object"
                if !tag
                    .attr("data")
                    .is_some_and(|d| d.starts_with('/') && d.ends_with(".svg")) =>
            {
                say(format!("<object> {:?}", tag.attrs));
            }
            "meta" if tag.attr("http-equiv").is_some() => {
                say(format!("<meta http-equiv> {:?}", tag.attrs))
            }
            "link" => {
                let href = tag.attr("href").unwrap_or("");
                if !(href.starts_with('/') || href.starts_with("https://cisp.be")) {
                    say(format!("<link> to {href:?}"));
                }
            }
            "img" => {
                let src = tag.attr("src").unwrap_or("");
                if !(src.starts_with('/') || src.starts_with("data:image/"))
                    || src.contains("xss-marker")
                {
                    say(format!("<img src={src:?}>"));
                }
            }
            "form" if tag.attr("action").is_some_and(|a| !a.starts_with('/')) => {
                say(format!("<form> {:?}", tag.attrs));
            }
            _ => {}
        }
    }
    problems
}

/// SVG and XML files: no script element, no event attribute.
fn xml_problems(file: &str, text: &str) -> Vec<String> {
    let mut problems: Vec<String> = markup_problems(file, text)
        .into_iter()
        .filter(|p| !p.contains("inline <style>"))
        .collect();
    if text.to_ascii_lowercase().contains("<script") {
        problems.push(format!("{file}: <script in XML"));
    }
    problems
}

fn assert_none(what: &str, problems: &[String]) {
    if problems.is_empty() {
        return;
    }
    let shown: Vec<&str> = problems.iter().take(40).map(String::as_str).collect();
    panic!(
        "{what}: {} problem(s):\n  {}",
        problems.len(),
        shown.join("\n  ")
    );
}

// ------------------------------------------------------------------------------------
// The XSS site

/// A file name that is itself a payload (not kept in git: awkward on some systems).
const FILE_NAME_PAYLOAD: &str = "x\"><svg onload=alert('fichier')>.yaml";

struct XssSite {
    out: PathBuf,
    diagnostics: Vec<String>,
}

fn xss_root(dir: &Path) -> PathBuf {
    let root = site_root(dir);
    copy_tree(&hostile_dir().join("xss"), &root);
    let base = std::fs::read_to_string(
        repo().join("tests/broken/catalogue-valide/aleap/atelier-test.yaml"),
    )
    .expect("valid centre");
    let centre = base
        .replace("atelier-test", "xss-fichier")
        .replace("Atelier Test (démo)", "Centre au nom de fichier hostile");
    std::fs::write(
        root.join("data/centres/aleap").join(FILE_NAME_PAYLOAD),
        centre,
    )
    .expect("write hostile file name");
    root
}

fn xss_site() -> &'static XssSite {
    static SITE: OnceLock<XssSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = scratch("hostile", "xss");
        let root = xss_root(&dir);
        let out = dir.join("public");
        match build(&root, &out) {
            Ok(built) => {
                let diagnostics = built
                    .diagnostics
                    .iter()
                    .map(|d| {
                        format!(
                            "{:?} {}:{} {}",
                            d.severity, d.span.line, d.span.col, d.message
                        )
                    })
                    .collect();
                XssSite { out, diagnostics }
            }
            Err(BuildError::Invalid {
                sources,
                diagnostics,
            }) => {
                let list: Vec<String> = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| {
                        format!(
                            "{}:{}:{} {}",
                            sources.path(d.span.file).display(),
                            d.span.line,
                            d.span.col,
                            d.message
                        )
                    })
                    .collect();
                panic!(
                    "the XSS site must build (payloads are text, not errors):\n  {}",
                    list.join("\n  ")
                )
            }
            Err(e) => panic!("the XSS site must build: {e}"),
        }
    })
}

fn read(out: &Path, file: &str) -> String {
    let bytes = std::fs::read(out.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{file} is not UTF-8"))
}

#[test]
fn xss_site_builds_with_warnings_only() {
    let site = xss_site();
    if show() {
        for d in &site.diagnostics {
            println!("xss: {d}");
        }
    }
    assert!(site.out.join("index.html").is_file());
    assert!(
        site.diagnostics
            .iter()
            .any(|d| d.contains("le HTML n'est pas affiché")),
        "raw HTML is reported as a warning"
    );
}

#[test]
fn xss_site_has_no_markup_from_the_data() {
    let site = xss_site();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files(&site.out) {
        let ext = file.rsplit('.').next().unwrap_or("");
        match ext {
            "html" => problems.extend(markup_problems(&file, &read(&site.out, &file))),
            "svg" | "xml" => problems.extend(xml_problems(&file, &read(&site.out, &file))),
            "ics" => {
                let text = read(&site.out, &file);
                if text.lines().any(|l| l.starts_with("X-INJECTED")) {
                    problems.push(format!(
                        "{file}: a line break in a remark started a new ICS property"
                    ));
                }
            }
            "json" | "geojson" | "webmanifest" => {
                let text = read(&site.out, &file);
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                    problems.push(format!("{file}: not JSON ({e})"));
                }
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} files checked");
    assert_none("markup from the data in the XSS site", &problems);
}

/// Visible text of a page.
fn text_of(out: &Path, file: &str) -> String {
    parse_html(&read(out, file)).text
}

#[test]
fn xss_site_shows_the_payloads_as_text() {
    let site = xss_site();
    let out = &site.out;
    let expectations: &[(&str, &[&str])] = &[
        (
            "centres/xss-centre/index.html",
            &[
                "Centre <script>alert('nom-centre')</script> XSS \" onmouseover=\"alert('attr-nom')",
                "Présentation <script>alert('presentation')</script> et <img src=/xss-marker/img-presentation onerror=\"document.title='XSS'\">",
                "<svg onload=\"alert('svg-presentation')\">",
                "{{ config }} {% raw %} {# commentaire #} {{ site.titre }}",
            ],
        ),
        (
            "lieux/xss-lieu/index.html",
            &[
                "Atelier <img src=/xss-marker/img-lieu onerror=alert('lieu')> XSS",
                "Rue </script><script>alert('rue-jsonld')</script><!-- 12",
                "Bus <b onmouseover=alert('transports')>1</b> --><script>alert('commentaire')</script><!--",
            ],
        ),
        (
            "formations/xss-boulangerie/index.html",
            &[
                "Aide-boulanger <script>fetch('/xss-marker/titre')</script>",
                "\"><svg/onload=alert('public')>",
                "{{ page.titre }}{% if true %}TERA-EXECUTE{% endif %}",
                "On apprend <script>alert('description')</script> le pain.",
                "<div onclick=\"alert('div')\">bloc HTML</div>",
                "<a href=\"javascript:alert('a-brut')\">lien brut</a>",
                "<script>alert('code')</script>",
                "' onfocus='alert(\"contact\")' autofocus='",
            ],
        ),
        (
            "centres/xss-deux/index.html",
            &[
                "</title><script>alert('title')</script></textarea></style><style>body{display:none}</style>",
                // Markdown decodes character references: the text shows « <script> ».
                "<script>alert('entite')</script> et &lt;b&gt;.",
                "javascript:alert('texte') data:text/html,<script>alert('data')</script>",
            ],
        ),
        (
            "formations/xss-deux-orientation/index.html",
            &[
                "Orientation <style>*{color:red}</style><link rel=stylesheet href=/xss-marker/css>",
                "<base href=\"https://evil.exemple/\">",
                // A plain-text field shows character references as written.
                "&lt;script&gt;alert('entite-texte')&lt;/script&gt;",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('meta')\">",
                "<form action=\"https://evil.exemple/\"><input name=x autofocus onfocus=alert('form')></form>",
            ],
        ),
        (
            "pages/xss-contenu/index.html",
            &[
                "<script>alert('titre-page')</script> Page XSS",
                "<script>alert('corps-page')</script>",
                "lien javascript",
                "<script>alert('table')</script>",
            ],
        ),
    ];
    let mut problems = Vec::new();
    for (file, wanted) in expectations {
        if !out.join(file).is_file() {
            problems.push(format!("{file}: missing page"));
            continue;
        }
        let text = text_of(out, file);
        for w in *wanted {
            if !text.contains(w) {
                problems.push(format!("{file}: does not show {w:?}"));
            }
        }
    }
    // Tera never evaluates data: the text of a {% if %} is never shown on its own.
    for file in files(out).into_iter().filter(|f| f.ends_with(".html")) {
        let text = text_of(out, &file);
        let alone = text.matches("TERA-EXECUTE").count();
        let literal = text.matches("{% if true %}TERA-EXECUTE").count();
        if alone != literal {
            problems.push(format!("{file}: tera syntax from the data was evaluated"));
        }
    }
    assert_none("payloads not shown as text", &problems);
}

#[test]
fn xss_site_jsonld_keeps_the_text_exactly() {
    let site = xss_site();
    let html = read(&site.out, "lieux/xss-lieu/index.html");
    let parsed = parse_html(&html);
    let ld: Vec<serde_json::Value> = parsed
        .elements
        .iter()
        .filter(|t| t.name == "script" && t.attr("type") == Some("application/ld+json"))
        .map(|t| serde_json::from_str(&t.text).expect("JSON-LD parses"))
        .collect();
    assert!(!ld.is_empty(), "the place page has JSON-LD");
    let all = ld.iter().map(|v| v.to_string()).collect::<String>();
    assert!(
        all.contains("Rue </script><script>alert('rue-jsonld')</script><!-- 12"),
        "the street is in the JSON-LD, unchanged once parsed: {all}"
    );
}

#[test]
fn xss_site_links_are_escaped_in_attributes() {
    let site = xss_site();
    let parsed = parse_html(&read(&site.out, "centres/xss-centre/index.html"));
    let hrefs: Vec<&str> = parsed
        .elements
        .iter()
        .filter_map(|t| t.attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"https://xss.exemple/chemin'onmouseover='alert(1)'"),
        "the web site is one attribute value, quotes included: {hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with("mailto:l'equipe+xss'@xss.exemple")),
        "{hrefs:?}"
    );
    // The Markdown link whose target holds quotes stays one attribute.
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with("https://exemple.be/") && h.contains("onmouseover")),
        "{hrefs:?}"
    );
    // The hostile file name is in the « signaler une erreur » link, escaped, when the
    // site links to its data repository.
    let signal = parse_html(&read(&site.out, "centres/xss-fichier/index.html"));
    let svg_tags = signal
        .elements
        .iter()
        .filter(|t| t.name == "svg" && t.attr("onload").is_some())
        .count();
    assert_eq!(svg_tags, 0, "the file name does not become markup");
    let links: Vec<&str> = signal
        .elements
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| h.contains(".yaml"))
        .collect();
    assert!(
        links
            .iter()
            .any(|h| h.ends_with(&format!("data/centres/aleap/{FILE_NAME_PAYLOAD}"))),
        "the « signaler une erreur » link names the file, inside one attribute: {links:?}"
    );
}

#[test]
fn xss_site_content_links_lose_their_dangerous_targets() {
    let site = xss_site();
    let parsed = parse_html(&read(&site.out, "pages/xss-contenu/index.html"));
    for t in &parsed.elements {
        if let Some(h) = t.attr("href") {
            let seen = scheme_seen(h);
            assert!(
                !seen.starts_with("javascript:")
                    && !seen.starts_with("data:")
                    && !seen.starts_with("vbscript:"),
                "{h}"
            );
        }
    }
    for w in ["lien javascript", "lien data", "lien vbscript", "référence"] {
        assert!(
            parsed.text.contains(w),
            "the text of the link « {w} » is kept"
        );
    }
}

// ------------------------------------------------------------------------------------
// Refused cases

struct Refus {
    name: String,
    words: Vec<String>,
}

fn load_refused_cases() -> Vec<(Refus, Vec<u8>)> {
    let dir = hostile_dir().join("refuse");
    let mut cases: Vec<(Refus, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/hostile/refuse")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read case");
            let text = String::from_utf8_lossy(&bytes);
            let line = text
                .lines()
                .find_map(|l| l.strip_prefix("# refus:"))
                .unwrap_or_else(|| panic!("{}: no « # refus: » line", p.display()));
            let words: Vec<String> = line
                .split('«')
                .skip(1)
                .map(|w| w.split('»').next().unwrap_or("").trim().to_string())
                .collect();
            assert!(
                !words.is_empty(),
                "{}: « # refus: » without words",
                p.display()
            );
            let name = p.file_stem().expect("stem").to_string_lossy().into_owned();
            (Refus { name, words }, bytes)
        })
        .collect();
    cases.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    cases
}

/// Builds a site whose only centre file is `bytes` and returns the error diagnostics, or
/// `None` when the build succeeded.
fn build_one(case: &str, bytes: &[u8]) -> (Option<Vec<(String, String)>>, PathBuf) {
    let dir = scratch("hostile", case);
    let root = site_root(&dir);
    let federation = root.join("data/centres/aleap");
    std::fs::create_dir_all(&federation).expect("mkdir");
    std::fs::write(federation.join(format!("{case}.yaml")), bytes).expect("write case");
    let out = dir.join("public");
    let result = match build(&root, &out) {
        Ok(_) => None,
        Err(BuildError::Invalid {
            sources,
            diagnostics,
        }) => Some(
            diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| {
                    let at = format!(
                        "{}:{}:{}",
                        sources.path(d.span.file).display(),
                        d.span.line,
                        d.span.col
                    );
                    (
                        at,
                        format!("{} ({})", d.message, d.hint.as_deref().unwrap_or("")),
                    )
                })
                .collect(),
        ),
        Err(e) => Some(vec![("(build)".into(), e.to_string())]),
    };
    (result, out)
}

fn check_refused(name: &str, bytes: &[u8], words: &[String], problems: &mut Vec<String>) {
    let (result, out) = build_one(name, bytes);
    let file = format!("data/centres/aleap/{name}.yaml");
    match result {
        None => problems.push(format!(
            "{name}: built, but should be refused with {words:?}"
        )),
        Some(errors) => {
            let hit = errors.iter().find(|(at, m)| {
                at.starts_with(&file) && words.iter().all(|w| m.contains(w.as_str()))
            });
            match hit {
                Some((at, m)) if show() => println!("| `{name}` | refusé | {at} « {m} » |"),
                Some(_) => {}
                None => problems.push(format!(
                    "{name}: no error in {file} says {words:?}; errors: {errors:?}"
                )),
            }
        }
    }
    if out.exists() {
        problems.push(format!(
            "{name}: refused, yet {} was written",
            out.display()
        ));
    }
}

#[test]
fn refused_cases() {
    let cases = load_refused_cases();
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let mut problems = Vec::new();
    for (case, bytes) in &cases {
        check_refused(&case.name, bytes, &case.words, &mut problems);
    }
    assert_none("refused cases", &problems);
}

// ------------------------------------------------------------------------------------
// Generated cases

fn valid_centre() -> String {
    let text = std::fs::read_to_string(
        repo().join("tests/broken/catalogue-valide/aleap/atelier-test.yaml"),
    )
    .expect("valid centre");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn generated_refused_cases() {
    let valid = valid_centre();
    let mut ten_mb = valid.clone().into_bytes();
    while ten_mb.len() < 10 * 1024 * 1024 {
        ten_mb.extend_from_slice(
            b"# 2026-11-23 12:00:00 journal colle par erreur <script>alert(1)</script>\n",
        );
    }
    let mut latin1 = Vec::new();
    for c in valid
        .replace("nom: Atelier Test (démo)", "nom: \"Caf\u{e9} <script>\"")
        .chars()
    {
        let code = c as u32;
        latin1.push(u8::try_from(code).unwrap_or(b'?'));
    }
    let nul = valid
        .replace(
            "nom: Atelier Test (démo)",
            "nom: \"Atelier\0<script>alert(1)</script>\"",
        )
        .into_bytes();
    let flow_nesting = |n: usize| {
        format!(
            "id: atelier-test\nnom: {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        )
        .into_bytes()
    };
    let map_nesting = format!(
        "id: atelier-test\nnom: {}x{}\n",
        "{a: ".repeat(50_000),
        "}".repeat(50_000)
    )
    .into_bytes();
    let mut block_nesting = String::from("id: atelier-test\nnom:\n");
    for depth in 1..=300 {
        block_nesting.push_str(&" ".repeat(depth));
        block_nesting.push_str("a:\n");
    }
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "fichier-10-mo",
            ten_mb,
            vec!["fichier trop grand", "1024 Ko"],
        ),
        ("latin1-balise", latin1, vec!["UTF-8"]),
        ("octet-nul-balise", nul, vec!["caractère nul"]),
        (
            "imbrication-crochets-200",
            flow_nesting(200),
            vec!["imbrication trop profonde"],
        ),
        // yaml-rust2's scanner stops first (its recursion limit), reported in our words.
        (
            "imbrication-crochets-100000",
            flow_nesting(100_000),
            vec!["imbrication trop profonde"],
        ),
        (
            "imbrication-accolades-50000",
            map_nesting,
            vec!["imbrication trop profonde"],
        ),
        (
            "imbrication-blocs-300",
            block_nesting.into_bytes(),
            vec!["imbrication trop profonde"],
        ),
        // YAML 1.2 allows a tab after « : »; yaml-rust2 does not. Refused, the tab named.
        (
            "tabulation-apres-deux-points",
            valid.replace("nom: Atelier", "nom:\tAtelier").into_bytes(),
            vec!["syntaxe YAML", "tabulation"],
        ),
    ];
    let mut problems = Vec::new();
    for (name, bytes, words) in cases {
        let started = std::time::Instant::now();
        let words: Vec<String> = words.into_iter().map(String::from).collect();
        check_refused(name, &bytes, &words, &mut problems);
        let took = started.elapsed();
        if took > std::time::Duration::from_secs(20) {
            problems.push(format!("{name}: took {took:?}"));
        }
    }
    assert_none("generated refused cases", &problems);
}

#[test]
fn generated_accepted_cases() {
    let valid = valid_centre();
    let mut bom_crlf = vec![0xef, 0xbb, 0xbf];
    bom_crlf.extend_from_slice(valid.replace('\n', "\r\n").as_bytes());
    let tabs_in_values = valid
        .replace("nom: Atelier Test (démo)", "nom: Atelier\tTest <b>\t(démo)")
        .replace(
            "public: Adultes sans diplôme qui aiment le travail manuel.",
            "public: \"Adultes\tavec\\ttabulations\"",
        );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bom-crlf", bom_crlf, "Atelier Test (démo)"),
        (
            "tabulations-dans-les-valeurs",
            tabs_in_values.into_bytes(),
            "Atelier\tTest <b>\t(démo)",
        ),
    ];
    let mut problems = Vec::new();
    for (name, bytes, shown) in cases {
        let (result, out) = build_one(name, &bytes);
        match result {
            Some(errors) => problems.push(format!("{name}: refused: {errors:?}")),
            None => {
                let text = text_of(&out, "centres/atelier-test/index.html");
                if !text.contains(shown) {
                    problems.push(format!("{name}: the centre page does not show {shown:?}"));
                } else if show() {
                    println!("| `{name}` | construit | la page du centre montre {shown:?} |");
                }
                for file in files(&out).into_iter().filter(|f| f.ends_with(".html")) {
                    problems.extend(markup_problems(
                        &file,
                        &std::fs::read_to_string(out.join(&file)).expect("read"),
                    ));
                }
            }
        }
    }
    assert_none("generated accepted cases", &problems);
}

/// Refused with our words, not yaml-rust2's « recursion limit exceeded ».
#[test]
fn deep_flow_nesting_says_it_is_too_deep() {
    let text = format!(
        "id: atelier-test\nnom: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut problems = Vec::new();
    check_refused(
        "imbrication-crochets-100000-message",
        text.as_bytes(),
        &["imbrication trop profonde".to_string()],
        &mut problems,
    );
    assert_none("deep flow nesting", &problems);
}

/// Refused, and the hint names the tab after the colon.
#[test]
fn a_tab_after_a_colon_is_named_in_the_hint() {
    let text = valid_centre().replace("nom: Atelier", "nom:\tAtelier");
    let mut problems = Vec::new();
    check_refused(
        "tabulation-apres-deux-points-message",
        text.as_bytes(),
        &["tabulation".to_string()],
        &mut problems,
    );
    assert_none("tab after a colon", &problems);
}

#[test]
fn the_binary_refuses_a_hostile_file_with_a_message() {
    let dir = scratch("hostile", "binaire");
    let root = site_root(&dir);
    let federation = root.join("data/centres/aleap");
    std::fs::create_dir_all(&federation).expect("mkdir");
    std::fs::copy(
        hostile_dir().join("refuse/site-web-javascript.yaml"),
        federation.join("site-web-javascript.yaml"),
    )
    .expect("copy");
    let out = dir.join("public");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cispgen"))
        .args(["build", "--today", "2026-11-23", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run cispgen");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!output.status.success(), "{all}");
    assert!(
        all.contains("javascript:alert(1)") && all.contains("n'est pas une adresse web acceptée"),
        "{all}"
    );
    assert!(
        all.contains("site-web-javascript.yaml:"),
        "the file is named: {all}"
    );
    assert!(!out.exists());
}

// ------------------------------------------------------------------------------------
// The tokenizer itself

#[test]
fn the_tokenizer_sees_markup_and_text() {
    let p = parse_html(
        "<p class=a title=\"x&quot;y\">1 &lt;b&gt; <b>2</b></p><script type=application/ld+json>{\"a\":\"&lt;\"}</script><title>T&amp;</title>",
    );
    assert_eq!(p.elements[0].name, "p");
    assert_eq!(p.elements[0].attr("title"), Some("x\"y"));
    assert_eq!(p.elements[0].attr("class"), Some("a"));
    assert_eq!(p.text, "1 <b> 2T&");
    assert_eq!(p.elements[2].text, "{\"a\":\"&lt;\"}");
    assert!(!markup_problems("t", "<a href=\" java&#x09;script:alert(1)\">x</a>").is_empty());
    assert!(!markup_problems("t", "<img src=x onerror=alert(1)>").is_empty());
    assert!(!markup_problems("t", "<script>alert(1)</script>").is_empty());
    assert!(markup_problems("t", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>").is_empty());
    assert_eq!(
        parse_html("&#x27;&#39;&#x2F;&amp;lt;&unknown;").text,
        "''/&lt;&unknown;"
    );
}
