//! Stage 5, **render**: every page through the theme's tera templates, in parallel, plus
//! the files that are not pages (feeds, sitemap, calendar files, maps, assets).
//!
//! Templates come from `themes/<theme>/templates`; a site overrides any one of them by
//! putting a file with the same name in `<root>/templates` (as Zola does). Templates are
//! parsed once per build.

pub mod conseillers;
pub mod feeds;
pub mod format;
pub mod jsonld;
pub mod listes;
pub mod pages;
pub mod recherche;
pub mod urls;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::Tera;
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::Content;
use crate::diag::Sources;
use crate::model::{Categorie, Federation, Secteur};
use crate::resolve::Catalogue;

/// Everything a page builder may read.
pub struct Env<'a> {
    pub config: &'a Config,
    pub catalogue: &'a Catalogue<'a>,
    pub sources: &'a Sources,
    pub content: &'a Content,
    pub indexes: &'a crate::index::Indexes,
    /// Fingerprinted paths of assets that pages link to.
    pub css_url: String,
    pub carte_url: String,
    /// Coverage of the municipalities, made once for the advisers' pages that need it.
    couverture: std::sync::OnceLock<conseillers::Couverture<'a>>,
    /// Each place's card on municipality pages, by place (see [`cartes_lieux`]); empty in
    /// a selective render ([`render_selection`]), which has no municipality pages.
    pub cartes_lieux: Vec<String>,
}

impl<'a> Env<'a> {
    fn new(site: &Site<'a>, css_url: String, carte_url: String) -> Env<'a> {
        Env {
            config: site.config,
            catalogue: site.catalogue,
            sources: site.sources,
            content: site.content,
            indexes: site.indexes,
            css_url,
            carte_url,
            couverture: std::sync::OnceLock::new(),
            cartes_lieux: Vec::new(),
        }
    }

    pub fn couverture(&self) -> &conseillers::Couverture<'a> {
        self.couverture
            .get_or_init(|| conseillers::Couverture::new(self.catalogue))
    }
}

/// A file of the site: path relative to the output folder (with `/`), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub enum RenderError {
    /// A template does not parse or fails on a page: a theme bug, named precisely.
    Template { page: String, message: String },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A page could not be written where it goes (see [`render_site_into`]).
    Write(crate::write::WriteError),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RenderError::Template { page, message } => {
                write!(f, "gabarit, page {page} : {message}")
            }
            RenderError::Io { path, error } => write!(f, "{} : {error}", path.display()),
            RenderError::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RenderError {}

/// Tera's error with all its causes: the first line alone rarely says what is wrong.
fn tera_message(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(" : ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// The theme: parsed templates and static files (site overrides applied).
pub struct Theme {
    tera: Tera,
    /// Templates were minified once at load (tera tags preserved), so pages need no
    /// minification of their own: the cost is paid for 15 templates, not 1,300 pages.
    pre_minified: bool,
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

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, RenderError> {
        let theme_dir = root.join("themes").join(&config.theme);
        if !theme_dir.is_dir() {
            return Err(RenderError::Io {
                path: theme_dir,
                error: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "thème introuvable (voir « theme » dans site.yaml)",
                ),
            });
        }
        let mut templates: BTreeMap<String, String> = BTreeMap::new();
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for (name, path) in files_under(&dir) {
                let text = String::from_utf8_lossy(&read(&path)?).into_owned();
                templates.insert(name, text);
            }
        }
        let minified: BTreeMap<String, String> = templates
            .iter()
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
        let (tera, pre_minified) = match tera_of(&minified) {
            Ok(tera) => (tera, true),
            Err(_) => (
                tera_of(&templates).map_err(|e| RenderError::Template {
                    page: "(chargement)".into(),
                    message: tera_message(&e),
                })?,
                false,
            ),
        };
        let mut statics = BTreeMap::new();
        for dir in [theme_dir.join("static"), root.join("static")] {
            for (name, path) in files_under(&dir) {
                statics.insert(format!("static/{name}"), read(&path)?);
            }
        }
        Ok(Theme {
            tera,
            pre_minified,
            statics,
        })
    }
}

/// A short content hash for cache-busting file names (FNV-1a, stable across runs).
pub fn empreinte(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:010x}", h & 0xff_ffff_ffff)
}

/// `static/style.css` → `static/style.<hash>.css`.
pub fn fingerprinted(path: &str, bytes: &[u8]) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", empreinte(bytes)),
        None => format!("{path}.{}", empreinte(bytes)),
    }
}

/// Assets whose names carry their content hash (cached forever by browsers).
const FINGERPRINTED: &[&str] = &["static/style.css"];

enum Job<'c> {
    Accueil,
    Formations,
    Communes,
    Metiers,
    Actualites,
    Introuvable,
    Filiere(usize),
    Lieu(usize),
    Centre(usize),
    Commune(usize),
    Categorie(Categorie),
    Secteur(Secteur),
    Federation(Federation),
    Page(&'c crate::content::Page),
    Actualite(&'c crate::content::Page),
    Bassins,
    Metier,
    Recherche,
    Conseillers,
    Fiche(usize),
    Couverture(usize),
}

/// Renders the whole site. Pages are built and rendered in parallel; the first error
/// (a theme bug) stops the build, which then leaves the previous site in place.
pub fn render_site(
    config: &Config,
    catalogue: &Catalogue,
    sources: &Sources,
    content: &Content,
    indexes: &crate::index::Indexes,
    theme: &Theme,
) -> Result<Vec<Output>, RenderError> {
    render_site_cached(config, catalogue, sources, content, indexes, theme, None)
}

/// A rendered page and the hash of the context it was rendered from.
type CachedPage = (u64, std::sync::Arc<Vec<u8>>);

/// Pages of a previous render, reused by `cispgen serve` when a page's template and
/// context are unchanged (tera and minify-html are most of the render time). Keyed by
/// URL; valid for one [`Theme`] only: drop it when the theme is reloaded.
#[derive(Default)]
pub struct RenderCache {
    pages: std::sync::Mutex<std::collections::HashMap<String, CachedPage>>,
    /// Pages rendered by the last call (the others came from the cache).
    pub rendered: std::sync::atomic::AtomicUsize,
}

/// A hash of everything a page's HTML depends on besides the theme.
fn context_hash(template: &str, context: &tera::Context) -> u64 {
    use std::hash::Hasher as _;
    struct HashWriter(std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for HashWriter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut w = HashWriter(std::collections::hash_map::DefaultHasher::new());
    let _ = std::fmt::Write::write_fmt(&mut w, format_args!("{template}\0{context:?}"));
    w.0.finish()
}

/// [`render_site`], reusing the unchanged pages of `cache` (see [`RenderCache`]).
pub fn render_site_cached(
    config: &Config,
    catalogue: &Catalogue,
    sources: &Sources,
    content: &Content,
    indexes: &crate::index::Indexes,
    theme: &Theme,
    cache: Option<&RenderCache>,
) -> Result<Vec<Output>, RenderError> {
    collect(|sink| {
        let site = Site {
            config,
            catalogue,
            sources,
            content,
            indexes,
        };
        render_site_into(&site, theme, cache, sink)
    })
}

/// Where each rendered file goes as soon as it is ready: the writer of `cispgen build`
/// (so that no page waits in memory for the others), or a list (see [`collect`]).
pub type Sink<'s> = dyn Fn(Output) -> Result<(), RenderError> + Sync + 's;

/// The inputs of a render.
pub struct Site<'a> {
    pub config: &'a Config,
    pub catalogue: &'a Catalogue<'a>,
    pub sources: &'a Sources,
    pub content: &'a Content,
    pub indexes: &'a crate::index::Indexes,
}

/// The files given to a [`Sink`] by `render`, sorted by path.
fn collect(
    render: impl FnOnce(&Sink) -> Result<(), RenderError>,
) -> Result<Vec<Output>, RenderError> {
    let outputs = std::sync::Mutex::new(Vec::new());
    render(&|o| {
        if let Ok(mut v) = outputs.lock() {
            v.push(o);
        }
        Ok(())
    })?;
    let mut outputs = outputs.into_inner().unwrap_or_default();
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

/// Renders the whole site into `sink`, pages in parallel; stops at the first error (a
/// theme bug, or a file the sink could not take).
pub fn render_site_into(
    site: &Site,
    theme: &Theme,
    cache: Option<&RenderCache>,
    sink: &Sink,
) -> Result<(), RenderError> {
    let Site {
        catalogue,
        content,
        indexes,
        ..
    } = *site;
    let mut outputs: Vec<Output> = Vec::new();
    let mut css_url = String::from("/static/style.css");
    for (path, bytes) in &theme.statics {
        let out_path = if FINGERPRINTED.contains(&path.as_str()) {
            let p = fingerprinted(path, bytes);
            if path == "static/style.css" {
                css_url = format!("/{p}");
            }
            p
        } else {
            path.clone()
        };
        outputs.push(Output {
            path: out_path,
            bytes: bytes.clone(),
        });
    }
    let marqueurs: Vec<(String, &str, geo::Point<f64>)> = catalogue
        .lieux
        .iter()
        .map(|l| (urls::lieu(&l.slug), l.lieu.nom.as_str(), l.point))
        .collect();
    let marqueurs: Vec<crate::map::Marqueur> = marqueurs
        .iter()
        .map(|(url, titre, point)| crate::map::Marqueur {
            point: *point,
            url,
            titre,
        })
        .collect();
    let carte = crate::map::carte_wallonie(catalogue.refdata, &marqueurs).into_bytes();
    let carte_path = fingerprinted("static/carte-wallonie.svg", &carte);
    outputs.push(Output {
        path: carte_path.clone(),
        bytes: carte,
    });

    let mut env = Env::new(site, css_url, format!("/{carte_path}"));
    if !catalogue.communes.is_empty() {
        env.cartes_lieux = cartes_lieux(catalogue, theme)?;
    }
    let mut jobs: Vec<Job> = vec![
        Job::Accueil,
        Job::Formations,
        Job::Communes,
        Job::Metiers,
        Job::Actualites,
        Job::Introuvable,
    ];
    jobs.extend((0..catalogue.filieres.len()).map(Job::Filiere));
    jobs.extend((0..catalogue.lieux.len()).map(Job::Lieu));
    jobs.extend((0..catalogue.centres.len()).map(Job::Centre));
    jobs.extend((0..catalogue.communes.len()).map(Job::Commune));
    jobs.extend(Categorie::ALL.into_iter().map(Job::Categorie));
    jobs.extend(
        Secteur::ALL
            .into_iter()
            .filter(|s| catalogue.filieres.iter().any(|f| f.filiere.secteur == *s))
            .map(Job::Secteur),
    );
    jobs.extend(Federation::ALL.into_iter().map(Job::Federation));
    jobs.extend(content.pages.iter().map(Job::Page));
    jobs.extend(content.actualites.iter().map(Job::Actualite));
    jobs.extend([Job::Bassins, Job::Metier, Job::Recherche, Job::Conseillers]);
    jobs.extend((0..catalogue.filieres.len()).map(Job::Fiche));
    jobs.extend((0..conseillers::nombre_de_themes(&env)).map(Job::Couverture));

    // The pages, and beside them the feeds and open-data files.
    let (pages, autres) = rayon::join(
        || render_jobs(&env, theme, cache, &jobs, sink),
        || -> Result<(), RenderError> {
            feeds::all(&env).into_iter().try_for_each(sink)?;
            let publies = crate::export::outputs(&env, sink)?;
            sink(render_one(
                &env,
                theme,
                cache,
                conseillers::donnees(&env, &publies),
            )?)?;
            crate::headers::outputs(&env).into_iter().try_for_each(sink)
        },
    );
    pages?;
    autres?;
    // The JSON Schema of centre files, for editors (issue 7).
    outputs.push(Output {
        path: crate::SCHEMA_PATH.into(),
        bytes: crate::centre_schema().into_bytes(),
    });
    outputs.push(service_worker(&indexes.version, theme));
    outputs.into_iter().try_for_each(sink)?;
    indexes.files.iter().try_for_each(|f| sink(f.clone()))
}

/// The card of each place as municipality pages show it (`carte-lieu.html`, without the
/// distance), rendered once per build: a place is listed by some 25 municipality pages,
/// and its card was most of their render time.
fn cartes_lieux(catalogue: &Catalogue, theme: &Theme) -> Result<Vec<String>, RenderError> {
    const GABARIT: &str = "carte-lieu.html";
    if !theme.tera.get_template_names().any(|n| n == GABARIT) {
        return Err(RenderError::Template {
            page: GABARIT.into(),
            message: "le thème n'a pas ce gabarit, la carte d'un lieu sur les pages de commune : \
                      copiez themes/cisp/templates/carte-lieu.html dans le thème"
                .into(),
        });
    }
    (0..catalogue.lieux.len())
        .into_par_iter()
        .map(|i| {
            let mut context = tera::Context::new();
            context.insert("l", &views::lieu_carte(catalogue, i, None));
            theme
                .tera
                .render(GABARIT, &context)
                .map_err(|e| RenderError::Template {
                    page: format!("{GABARIT} ({})", catalogue.lieux[i].slug),
                    message: tera_message(&e),
                })
        })
        .collect()
}

/// The root-scope service worker `/sw.js`: this build's name (the name of its cache), then
/// the theme's worker, in one file: one request less on a first visit than importing it.
fn service_worker(version: &str, theme: &Theme) -> Output {
    let mut bytes = format!(
        "// Généré par cispgen à chaque construction : le nom du cache change avec les données.\n\
         self.CISP_VERSION = \"{version}\";\n"
    )
    .into_bytes();
    if let Some(js) = theme.statics.get("static/sw.js") {
        bytes.extend_from_slice(js);
    }
    Output {
        path: "sw.js".into(),
        bytes,
    }
}

fn build(env: &Env, job: &Job) -> Vec<pages::Rendu> {
    let accueil = || views::Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    };
    let one = match job {
        Job::Accueil => listes::accueil(env),
        Job::Formations => listes::formations(env),
        Job::Communes => listes::communes(env),
        Job::Metiers => listes::metiers_index(env),
        Job::Actualites => listes::actualites(env),
        Job::Introuvable => listes::introuvable(env),
        Job::Filiere(i) => pages::filiere(env, *i),
        Job::Lieu(i) => pages::lieu(env, *i),
        Job::Centre(i) => pages::centre(env, *i),
        Job::Commune(i) => pages::commune(env, *i),
        Job::Categorie(c) => return pages::categorie(env, *c),
        Job::Secteur(s) => return pages::secteur(env, *s),
        Job::Federation(f) => return pages::federation(env, *f),
        Job::Bassins => return listes::bassins(env),
        Job::Metier => return listes::metiers(env),
        Job::Recherche => return recherche::pages(env),
        Job::Conseillers => return conseillers::pages(env),
        Job::Fiche(i) => conseillers::fiche(env, *i),
        Job::Couverture(t) => return conseillers::couverture(env, *t),
        Job::Page(p) => pages::contenu(env, p, urls::page(&p.slug), vec![accueil()]),
        Job::Actualite(p) => pages::contenu(
            env,
            p,
            urls::actualite(&p.slug),
            vec![
                accueil(),
                views::Lien {
                    texte: "Actualités".into(),
                    url: "/actualites/".into(),
                },
            ],
        ),
    };
    vec![one]
}

fn render_one(
    env: &Env,
    theme: &Theme,
    cache: Option<&RenderCache>,
    mut rendu: pages::Rendu,
) -> Result<Output, RenderError> {
    rendu
        .context
        .insert("site", &views::site(env.config, &env.css_url));
    let Some(cache) = cache else {
        return render_page(theme, rendu);
    };
    let key = context_hash(rendu.template, &rendu.context);
    let hit = cache.pages.lock().ok().and_then(|pages| {
        pages
            .get(&rendu.url)
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b.clone())
    });
    if let Some(bytes) = hit {
        return Ok(Output {
            path: urls::fichier(&rendu.url),
            bytes: bytes.to_vec(),
        });
    }
    cache
        .rendered
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let url = rendu.url.clone();
    let output = render_page(theme, rendu)?;
    if let Ok(mut pages) = cache.pages.lock() {
        pages.insert(url, (key, std::sync::Arc::new(output.bytes.clone())));
    }
    Ok(output)
}

/// Renders one page whose context already holds `site` (see [`Theme::site_context`]):
/// also used for pages built outside [`render_site`], such as « Nouveautés ».
pub fn render_page(theme: &Theme, rendu: pages::Rendu) -> Result<Output, RenderError> {
    let html = theme
        .tera
        .render(rendu.template, &rendu.context)
        .map_err(|e| RenderError::Template {
            page: rendu.url.clone(),
            message: tera_message(&e),
        })?;
    let bytes = if theme.pre_minified {
        html.into_bytes()
    } else {
        minify(html.as_bytes())
    };
    Ok(Output {
        path: urls::fichier(&rendu.url),
        bytes,
    })
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
    tera.set_escape_fn(feeds::xml);
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
    /// The fingerprinted address of the style sheet, as [`render_site`] links it.
    pub fn css_url(&self) -> String {
        self.statics.get("static/style.css").map_or_else(
            || "/static/style.css".to_string(),
            |b| format!("/{}", fingerprinted("static/style.css", b)),
        )
    }

    /// Adds the `site` part of the context, as [`render_site`] does, to a page built
    /// outside it.
    pub fn site_context(&self, config: &Config, rendu: &mut pages::Rendu) {
        rendu
            .context
            .insert("site", &views::site(config, &self.css_url()));
    }
}

/// Some pages of tracks, places and centres (indexes into the catalogue): what
/// `cispgen serve` renders first after an edit — the edited centre's own pages — before
/// the whole site (issue 7).
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub filieres: Vec<usize>,
    pub lieux: Vec<usize>,
    pub centres: Vec<usize>,
    /// The overview map's address in the last full render.
    pub carte_url: String,
}

/// Renders only the pages of `selection`, reusing `cache` like [`render_site_cached`].
/// These pages do not use the search indexes, which are not built for them.
pub fn render_selection(
    config: &Config,
    catalogue: &Catalogue,
    sources: &Sources,
    content: &Content,
    theme: &Theme,
    selection: &Selection,
    cache: Option<&RenderCache>,
) -> Result<Vec<Output>, RenderError> {
    let indexes = crate::index::Indexes::default();
    let site = Site {
        config,
        catalogue,
        sources,
        content,
        indexes: &indexes,
    };
    let env = Env::new(&site, theme.css_url(), selection.carte_url.clone());
    let jobs: Vec<Job> = (selection.filieres.iter().map(|&i| Job::Filiere(i)))
        .chain(selection.lieux.iter().map(|&i| Job::Lieu(i)))
        .chain(selection.centres.iter().map(|&i| Job::Centre(i)))
        .collect();
    collect(|sink| render_jobs(&env, theme, cache, &jobs, sink))
}

/// Builds the pages of `jobs` and renders them into `sink`, in parallel, pages of one job
/// too: some jobs give hundreds of pages (every ROME code). A page's context lives from
/// its job's build to its render only: at 100× the demo, holding them all took gigabytes.
fn render_jobs(
    env: &Env,
    theme: &Theme,
    cache: Option<&RenderCache>,
    jobs: &[Job],
    sink: &Sink,
) -> Result<(), RenderError> {
    jobs.par_iter()
        .flat_map(|job| build(env, job).into_par_iter())
        .try_for_each(|r| sink(render_one(env, theme, cache, r)?))
}

/// minify-html with spec-compliant settings (the Nu HTML Checker must accept the output).
pub fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &cfg())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_html_and_attributes() {
        assert_eq!(
            feeds::xml("<a href=\"x\" title='y'>&/\u{7}"),
            "&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;/"
        );
        // C1 controls (U+0080–U+009F) go; other characters whose UTF-8 starts with 0xC2
        // (« £ », « © », no-break space) stay; text with nothing to escape is unchanged.
        assert_eq!(feeds::xml("a\u{85}£©\u{a0}\u{9f}b\n\t"), "a£©\u{a0}b\n\t");
        assert_eq!(feeds::xml("Liège – café"), "Liège – café");
        assert_eq!(feeds::xml("é<"), "é&lt;");
    }

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
}
