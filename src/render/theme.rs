//! The theme: its templates, parsed and minified once per build, and its static files.
//!
//! The `cisp` theme is inside the binary (`build.rs`), so a data-only repository needs no
//! `themes/` folder. A site overrides it file by file, the later winning:
//! the embedded theme < `<root>/themes/<theme>/` < `<root>/templates/` and `<root>/static/`
//! (as Zola does). A theme of another name than `cisp` is a folder `themes/<name>/` whose
//! files override the embedded ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::Tera;
use walkdir::WalkDir;

use super::{RenderError, tera_message, views};
use crate::config::Config;
use crate::site::{FINGERPRINTED, Output, fingerprinted};

/// The theme's service worker, which `/sw.js` carries.
pub const WORKER: &str = "static/sw.js";

/// The theme: parsed templates and static files (site overrides applied).
pub struct Theme {
    pub(super) tera: Tera,
    /// Templates were minified once at load (tera tags preserved), so pages need no
    /// minification of their own: the cost is paid for 15 templates, not 1,300 pages.
    pub(super) pre_minified: bool,
    /// Output path → bytes, for everything under `static/`.
    statics: BTreeMap<String, Vec<u8>>,
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Result<Vec<u8>, RenderError> {
    std::fs::read(path).map_err(|error| RenderError::Io {
        path: path.to_path_buf(),
        error,
    })
}

/// The name of the embedded theme, `theme:` in `site.yaml` by default.
pub const THEME_INTEGRE: &str = "cisp";

mod integre {
    include!(concat!(env!("OUT_DIR"), "/theme_integre.rs"));
}

/// The theme's files once the site's overrides are applied, by path under the theme
/// (`templates/base.html`, `static/style.css`).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Fichiers {
    pub(super) templates: BTreeMap<String, Vec<u8>>,
    pub(super) statics: BTreeMap<String, Vec<u8>>,
}

impl Fichiers {
    fn insert(&mut self, rel: &str, bytes: Vec<u8>) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        }
    }

    fn overlay(&mut self, dir: &Path, part: &str) -> Result<(), RenderError> {
        for (name, path) in files_under(dir) {
            self.insert(&format!("{part}/{name}"), read(&path)?);
        }
        Ok(())
    }

    /// The embedded theme, then the site's folders over it, in override order.
    pub(super) fn du_site(root: &Path, config: &Config) -> Result<Fichiers, RenderError> {
        let theme_dir = root.join("themes").join(&config.theme);
        if config.theme != THEME_INTEGRE && !theme_dir.is_dir() {
            return Err(RenderError::Io {
                path: theme_dir,
                error: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!(
                        "thème « {} » introuvable : ce dossier n'existe pas ; écrivez « theme: {THEME_INTEGRE} » \
                         dans site.yaml (le thème intégré), ou retirez la ligne « theme: »",
                        config.theme
                    ),
                ),
            });
        }
        let mut fichiers = Fichiers::default();
        for (rel, bytes) in integre::FICHIERS {
            fichiers.insert(rel, bytes.to_vec());
        }
        for part in ["templates", "static"] {
            fichiers.overlay(&theme_dir.join(part), part)?;
        }
        for part in ["templates", "static"] {
            fichiers.overlay(&root.join(part), part)?;
        }
        Ok(fichiers)
    }
}

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, RenderError> {
        let fichiers = Fichiers::du_site(root, config)?;
        // The templates (minified, then parsed by tera) and the static files (scripts and
        // style sheet minified) are independent: made side by side, each file on its own.
        let (tera, statics) = rayon::join(
            || Theme::gabarits(fichiers.templates),
            || {
                fichiers
                    .statics
                    .into_par_iter()
                    .map(|(name, bytes)| {
                        let published = format!("static/{name}");
                        let bytes = super::actifs::minifie(&published, bytes);
                        let bytes =
                            super::actifs::sous_la_racine(&published, bytes, &config.racine);
                        (published, bytes)
                    })
                    .collect()
            },
        );
        let (tera, pre_minified) = tera?;
        Ok(Theme {
            tera,
            pre_minified,
            statics,
        })
    }

    /// The templates parsed by tera, minified when minification keeps them valid.
    fn gabarits(templates: BTreeMap<String, Vec<u8>>) -> Result<(Tera, bool), RenderError> {
        let templates: BTreeMap<String, String> = templates
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
            .collect();
        let minified: BTreeMap<String, String> = templates
            .par_iter()
            .map(|(name, text)| {
                let text = if name.ends_with(".html") {
                    minify_template(text)
                } else {
                    text.clone()
                };
                (name.clone(), text)
            })
            .collect();
        // A template that minification cannot handle (a tera tag between attributes,
        // say): use them as written and minify each page instead.
        match tera_of(&minified) {
            Ok(tera) => Ok((tera, true)),
            Err(_) => Ok((
                tera_of(&templates).map_err(|e| RenderError::Template {
                    page: "(chargement)".into(),
                    message: tera_message(&e),
                })?,
                false,
            )),
        }
    }
}

fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        minify_css: true,
        ..minify_html::Cfg::new()
    }
}

fn tera_of<'a>(
    templates: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> Result<Tera, tera::Error> {
    let mut tera = Tera::default();
    // `& < > " '` escaped, control characters dropped: enough in text and in quoted
    // attribute values (every attribute that takes a value is quoted: see the tests).
    // tera's own escaping also writes every `/` as `&#x2F;`, six bytes a slash.
    tera.set_escape_fn(crate::site::escape::xml);
    // `{{ titre | lisible }}`: « Aide-boulanger ou aide-boulangère » (feminine marks).
    tera.register_filter(
        "lisible",
        |v: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            Ok(tera::Value::String(crate::site::format::titre_lisible(
                v.as_str().unwrap_or_default(),
            )))
        },
    );
    // `{{ commune | de }}`: « d'Arlon », « de Namur », « du Roeulx » (French elision).
    tera.register_filter(
        "de",
        |v: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            Ok(tera::Value::String(crate::site::format::de_nom(
                v.as_str().unwrap_or_default(),
            )))
        },
    );
    tera.add_raw_templates(templates.into_iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    Ok(tera)
}

/// Minifies a template, leaving `{{ }}`, `{% %}` and `{# #}` untouched.
fn minify_template(text: &str) -> String {
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        ..cfg()
    };
    String::from_utf8(minify_html::minify(text.as_bytes(), &cfg))
        .unwrap_or_else(|_| text.to_string())
}

impl Theme {
    /// The address of static file `path` (`static/style.css`) as pages link to it:
    /// content-hashed if it is one of [`FINGERPRINTED`].
    pub fn url(&self, path: &str) -> String {
        match self.statics.get(path) {
            Some(b) if FINGERPRINTED.contains(&path) => format!("/{}", fingerprinted(path, b)),
            _ => format!("/{path}"),
        }
    }

    /// The addresses of the style sheet and scripts that pages link to.
    pub fn actifs(&self) -> views::Actifs {
        views::Actifs {
            css: self.url("static/style.css"),
            recherche: self.url("static/recherche.js"),
            conseillers: self.url("static/conseillers.js"),
        }
    }

    /// Adds the `site` part of the context, as [`render_site`] does, to a page built
    /// outside it.
    pub fn site_context(&self, config: &Config, rendu: &mut super::pages::Rendu) {
        rendu
            .context
            .insert("site", &views::site(config, &self.actifs()));
    }
}

impl Theme {
    /// The theme's static files as published: content-hashed names for the assets
    /// browsers may cache forever ([`FINGERPRINTED`]).
    pub fn statics(&self) -> Vec<Output> {
        self.statics
            .iter()
            // The worker is published at the root, inside `/sw.js` (files/sw.rs).
            .filter(|(path, _)| path.as_str() != WORKER)
            .map(|(path, bytes)| Output {
                path: if FINGERPRINTED.contains(&path.as_str()) {
                    fingerprinted(path, bytes)
                } else {
                    path.clone()
                },
                bytes: bytes.clone(),
            })
            .collect()
    }

    /// One static file of the theme, by its path ([`WORKER`]).
    pub fn fichier(&self, path: &str) -> Option<&[u8]> {
        self.statics.get(path).map(Vec::as_slice)
    }

    /// Is there a template of that name?
    pub fn a_le_gabarit(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

/// minify-html with spec-compliant settings (the Nu HTML Checker must accept the output).
pub fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &cfg())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages are not minified one by one when the templates survive minification: a
    /// template that stops parsing once minified would silently cost every build.
    #[test]
    fn the_theme_templates_parse_once_minified() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/cisp/templates");
        let minified: BTreeMap<String, String> = files_under(&dir)
            .into_iter()
            .map(|(name, path)| {
                (
                    name,
                    minify_template(&std::fs::read_to_string(path).unwrap()),
                )
            })
            .collect();
        assert!(minified.len() > 10);
        // Values go into quoted attributes only, where escaping `"` and `'` is enough.
        for (name, text) in &minified {
            for unquoted in ["={{", "={%"] {
                assert!(!text.contains(unquoted), "{name}: unquoted attribute value");
            }
        }
        // Minification keeps every closing tag (`keep_closing_tags`): one that vanished
        // means a tera tag cut an element in two and the page structure broke.
        for (name, path) in files_under(&dir) {
            let text = std::fs::read_to_string(path).unwrap();
            let fermetures = |t: &str| t.matches("</").count();
            assert_eq!(
                fermetures(&minified[&name]),
                fermetures(&text),
                "{name}: closing tags lost by minification:\n{}",
                minified[&name]
            );
        }
        if let Err(e) = tera_of(&minified) {
            panic!(
                "a template does not parse once minified: {}",
                tera_message(&e)
            );
        }
    }

    fn config(theme: &str) -> Config {
        Config {
            theme: theme.into(),
            ..Config::default()
        }
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A site with no theme folder gets the embedded theme: every file of the repository's
    /// `themes/cisp/`, byte for byte, and nothing else.
    #[test]
    fn without_a_theme_folder_the_embedded_theme_is_the_repositorys() {
        let site = tempfile::tempdir().unwrap();
        let fichiers = Fichiers::du_site(site.path(), &Config::default()).unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/cisp");
        for (part, embedded) in [
            ("templates", &fichiers.templates),
            ("static", &fichiers.statics),
        ] {
            let on_disk: BTreeMap<String, Vec<u8>> = files_under(&dir.join(part))
                .into_iter()
                .map(|(name, path)| (name, std::fs::read(path).unwrap()))
                .collect();
            assert!(on_disk.len() > 5, "{part}");
            assert_eq!(embedded, &on_disk, "{part}");
        }
        assert!(Theme::load(site.path(), &Config::default()).is_ok());
    }

    /// File by file: the site's `templates/` and `static/` win over its `themes/cisp/`,
    /// which wins over the embedded theme; files nobody overrides stay embedded.
    #[test]
    fn site_files_override_the_theme_folder_which_overrides_the_embedded_theme() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        write(
            root,
            "themes/cisp/templates/base.html",
            "du dossier du thème",
        );
        write(
            root,
            "themes/cisp/templates/page.html",
            "du dossier du thème",
        );
        write(root, "templates/page.html", "du site");
        write(root, "themes/cisp/static/style.css", "a{}");
        write(root, "static/style.css", "b{}");
        write(root, "static/nouveau.txt", "ajouté");
        let f = Fichiers::du_site(root, &Config::default()).unwrap();
        assert_eq!(f.templates["base.html"], b"du dossier du th\xc3\xa8me");
        assert_eq!(f.templates["page.html"], b"du site");
        assert_eq!(f.statics["style.css"], b"b{}");
        assert_eq!(f.statics["nouveau.txt"], "ajouté".as_bytes());
        let embedded = |rel: &str| {
            integre::FICHIERS
                .iter()
                .find(|(r, _)| *r == rel)
                .map(|(_, b)| b.to_vec())
                .unwrap()
        };
        assert_eq!(f.templates["index.html"], embedded("templates/index.html"));
        assert_eq!(f.statics["sw.js"], embedded("static/sw.js"));
    }

    /// Another theme name needs its folder (a typo must not silently fall back), whose
    /// files then override the embedded ones.
    #[test]
    fn another_theme_needs_its_folder_and_overrides_the_embedded_files() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let Err(e) = Fichiers::du_site(root, &config("cisq")) else {
            panic!("a missing theme folder loads");
        };
        let message = e.to_string();
        assert!(message.contains("thème « cisq » introuvable"), "{message}");
        assert!(message.contains("theme: cisp"), "{message}");
        write(root, "themes/cisq/static/style.css", "c{}");
        let f = Fichiers::du_site(root, &config("cisq")).unwrap();
        assert_eq!(f.statics["style.css"], b"c{}");
        assert!(f.templates.contains_key("base.html"));
    }

    /// Sorted, without duplicates: the order `build.rs` promises.
    #[test]
    fn the_embedded_table_is_sorted() {
        let paths: Vec<&str> = integre::FICHIERS.iter().map(|(p, _)| *p).collect();
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "{paths:?}");
    }
}
