//! Support shared by the integration tests (`mod common;` in each test file that uses it):
//!
//! - [`parse_html`]: the HTML of the built pages read by a real HTML tokenizer
//!   ([html5gum](https://docs.rs/html5gum), WHATWG tokenizer rules: unquoted attributes of
//!   minified pages, character references, comments, raw text of `script` and `style`,
//!   RCDATA of `title` and `textarea`).

// Each test binary uses part of this module.
#![allow(dead_code)]

use html5gum::{Token, Tokenizer};

/// One start tag of a document.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Lower-case tag name (`xlink:href`-style names kept whole).
    pub name: String,
    /// Lower-case attribute names and their values, character references decoded (an
    /// attribute without `=` has the empty value, as in the DOM); the first of duplicate
    /// attributes only, as in the DOM.
    pub attrs: Vec<(String, String)>,
    /// Content of `script`, `style`, `title` and `textarea`: as written for the raw-text
    /// elements (`script`, `style`), character references decoded for `title` and
    /// `textarea`.
    pub text: String,
    /// Inside an inline `<svg>` (where `title` and `a` mean something else).
    pub in_svg: bool,
    /// Written `<… />`.
    pub self_closing: bool,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The words of `rel`, lower case.
    pub fn rel(&self) -> Vec<String> {
        self.attr("rel")
            .map(|r| {
                r.split_ascii_whitespace()
                    .map(str::to_ascii_lowercase)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A raw-text element (`script`, `style`), whose content is not text of the page.
    pub fn is_raw_text(&self) -> bool {
        matches!(self.name.as_str(), "script" | "style")
    }
}

/// A document as the tokenizer sees it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The start tags, in order.
    pub elements: Vec<Element>,
    /// The text of the document, character references decoded (RCDATA of `title` and
    /// `textarea` included; raw text of `script` and `style`, comments and doctype not).
    pub text: String,
}

fn string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Tokenizes `html` (tokenizer state switched on `script`, `style`, `title`, `textarea`…
/// by tag name, as a browser does in HTML content).
pub fn parse_html(html: &str) -> Parsed {
    let mut emitter = html5gum::DefaultEmitter::<()>::default();
    emitter.naively_switch_states(true);
    let mut parsed = Parsed::default();
    let mut svg_depth = 0usize;
    // The element whose raw text / RCDATA is being read, if any.
    let mut open: Option<usize> = None;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let token = match token {
            Ok(t) => t,
            Err(never) => match never {},
        };
        match token {
            Token::StartTag(tag) => {
                let name = string(&tag.name).to_ascii_lowercase();
                let element = Element {
                    attrs: tag
                        .attributes
                        .iter()
                        .map(|(k, v)| (string(k).to_ascii_lowercase(), string(&v.value)))
                        .collect(),
                    in_svg: svg_depth > 0,
                    self_closing: tag.self_closing,
                    text: String::new(),
                    name,
                };
                if element.name == "svg" && !element.self_closing {
                    svg_depth += 1;
                }
                open = html5gum::naive_next_state(element.name.as_bytes())
                    .map(|_| parsed.elements.len());
                parsed.elements.push(element);
            }
            Token::EndTag(tag) => {
                if tag.name.as_slice() == b"svg" {
                    svg_depth = svg_depth.saturating_sub(1);
                }
                open = None;
            }
            Token::String(s) => {
                let s = string(&s.value);
                match open.map(|i| &mut parsed.elements[i]) {
                    Some(e) if e.is_raw_text() => e.text.push_str(&s),
                    Some(e) => {
                        e.text.push_str(&s);
                        parsed.text.push_str(&s);
                    }
                    None => parsed.text.push_str(&s),
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    parsed
}

/// The build date of the demo site of the tests (`--today 2026-11-23`).
pub const DEMO_TODAY: &str = "2026-11-23";

/// The demo site (this repository's `site.yaml`, `data/centres`, `content/`, `themes/`),
/// built through `cispgen::pipeline::build_site` at [`DEMO_TODAY`].
pub struct Demo {
    /// Holds the temporary folder for as long as the test binary runs.
    _dir: tempfile::TempDir,
    /// The output folder, inside `_dir`.
    pub out: std::path::PathBuf,
    /// What the build reported.
    pub built: cispgen::pipeline::Built,
}

/// The demo site, built once per test binary (the first test that asks builds it).
pub fn demo() -> &'static Demo {
    static DEMO: std::sync::OnceLock<Demo> = std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let out = dir.path().join("public");
        let today = chrono::NaiveDate::parse_from_str(DEMO_TODAY, "%Y-%m-%d").expect("date");
        let built = cispgen::pipeline::build_site(&cispgen::pipeline::BuildOptions {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            out: out.clone(),
            base_url: None,
            today,
            precompress: false,
            // Default: `<out>/donnees/catalogue.json`, absent from a fresh output folder.
            previous: None,
        })
        .unwrap_or_else(|e| panic!("the build of the demo site failed: {e}"));
        Demo {
            _dir: dir,
            out,
            built,
        }
    })
}

/// Copies the folder `from` into `to`, created if need be.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("walk {}: {e}", from.display()));
        let rel = entry.path().strip_prefix(from).expect("under from");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
                .unwrap_or_else(|e| panic!("mkdir {}: {e}", target.display()));
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A copy of the demo site's inputs (`site.yaml`, `data/centres`, `content`, `themes`) in
/// `root`, as a federation's data repository holds them, to edit freely.
pub fn copy_demo_inputs(root: &std::path::Path) {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root).expect("mkdir");
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
    for sub in ["data/centres", "content", "themes"] {
        copy_tree(&repo.join(sub), &root.join(sub));
    }
}
