//! Stage 5, **render**: every page through the theme's tera templates, in parallel. The
//! files that are not pages are made by `files/` and `opendata/`; `assemble` orders
//! both. Render knows nothing of where its pages go: a [`Sink`] takes each one.
//!
//! Templates come from the theme embedded in the binary; a site overrides any one of
//! them, file by file, from its `themes/<theme>/templates` or `templates/` (see
//! `theme.rs`). Templates are parsed once per build.

mod actifs;
mod cache;
mod cartes;
pub mod conseillers;
mod jobs;
pub mod jsonld;
pub mod listes;
mod metiers;
pub mod pages;
pub mod recherche;
mod theme;
pub mod views;

use std::path::PathBuf;

use crate::config::Config;
use crate::content::Content;
use crate::couverture::Couverture;
use crate::diag::Sources;
use crate::opendata::Publies;
use crate::resolve::Catalogue;
use crate::site::{Output, Sink};

pub use cache::{RenderCache, render_page};
pub use theme::{Theme, WORKER, minify};

/// Everything a page builder may read.
pub struct Env<'a> {
    pub config: &'a Config,
    pub catalogue: &'a Catalogue<'a>,
    pub sources: &'a Sources,
    pub content: &'a Content,
    pub indexes: &'a crate::index::Indexes,
    /// Fingerprinted paths of assets that pages link to.
    pub actifs: views::Actifs,
    pub carte_url: String,
    /// Coverage of the municipalities, made once per build for the advisers' pages.
    pub couverture: &'a Couverture<'a>,
    /// Files made beside the pages that pages link to.
    pub fichiers: Fichiers,
    /// The cards of places and tracks, each rendered once for every page that lists it.
    pub cartes: cartes::Cartes<'a>,
    /// `site` in every page's context, serialised once per build.
    pub site: tera::Value,
}

/// The addresses of files made beside the pages (content-hashed names).
#[derive(Debug, Clone, Default)]
pub struct Fichiers {
    /// `/static/carte-wallonie.<hash>.svg`.
    pub carte_wallonie: String,
    /// `/couverture/<theme>/carte.<hash>.svg`, by theme of [`Couverture::themes`].
    pub couverture: Vec<String>,
    /// `/metiers/appellations.<hash>.json`.
    pub appellations: String,
}

impl<'a> Env<'a> {
    pub fn new(
        site: &Site<'a>,
        theme: &'a Theme,
        couverture: &'a Couverture<'a>,
        fichiers: Fichiers,
    ) -> Env<'a> {
        let actifs = theme.actifs();
        let site_vue =
            tera::to_value(views::site(site.config, &actifs)).unwrap_or(tera::Value::Null);
        Env {
            site: site_vue,
            config: site.config,
            catalogue: site.catalogue,
            sources: site.sources,
            content: site.content,
            indexes: site.indexes,
            actifs,
            carte_url: fichiers.carte_wallonie.clone(),
            couverture,
            fichiers,
            cartes: cartes::Cartes::new(site.catalogue, theme),
        }
    }
}

#[derive(Debug)]
pub enum RenderError {
    /// A template does not parse or fails on a page: a theme bug, named precisely.
    Template { page: String, message: String },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RenderError::Template { page, message } => {
                write!(f, "gabarit, page {page} : {message}")
            }
            RenderError::Io { path, error } => write!(f, "{} : {error}", path.display()),
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
    render: impl FnOnce(&Sink<RenderError>) -> Result<(), RenderError>,
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

/// Every page of the site into `sink`, in parallel; stops at the first error (a theme
/// bug, or a file the sink could not take). The open-data page is apart
/// ([`donnees`]): it lists the sizes of files made beside the pages.
pub fn pages<E: From<RenderError> + Send>(
    env: &Env,
    theme: &Theme,
    cache: Option<&RenderCache>,
    sink: &Sink<E>,
) -> Result<(), E> {
    jobs::render_jobs(env, theme, cache, &jobs::toutes(env), sink)
}

/// The open-data page `/donnees/`, from the files `opendata` wrote.
pub fn donnees(
    env: &Env,
    theme: &Theme,
    cache: Option<&RenderCache>,
    publies: &Publies,
) -> Result<Output, RenderError> {
    cache::render_one(env, theme, cache, conseillers::donnees(env, publies))
}

/// The page `/nouveautes/`, around the body « Nouveautés » wrote.
pub fn nouveautes(config: &Config, theme: &Theme, corps: String) -> Result<Output, RenderError> {
    #[derive(serde::Serialize)]
    struct ContenuView {
        html: String,
        date: Option<String>,
        date_iso: Option<String>,
    }
    let url = crate::site::urls::NOUVEAUTES;
    let meta = views::PageMeta::new(
        config,
        url,
        "Nouveautés",
        "Les nouvelles formations CISP, les nouvelles séances d'information, les titres et dates d'entrée changés et les formations fermées des 90 derniers jours.",
    )
    .fil(vec![views::Lien { texte: "Accueil".into(), url: "/".into() }]);
    let data = ContenuView {
        html: corps,
        date: None,
        date_iso: None,
    };
    let mut rendu = pages::rendu(url.into(), "page.html", meta, data);
    theme.site_context(config, &mut rendu);
    render_page(theme, rendu)
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

/// Renders only the pages of `selection`, reusing `cache` like a full render.
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
    let couverture = Couverture::vide();
    let fichiers = Fichiers {
        carte_wallonie: selection.carte_url.clone(),
        ..Fichiers::default()
    };
    let env = Env::new(&site, theme, &couverture, fichiers);
    let jobs: Vec<jobs::Job> = (selection.filieres.iter().map(|&i| jobs::Job::Filiere(i)))
        .chain(selection.lieux.iter().map(|&i| jobs::Job::Lieu(i)))
        .chain(selection.centres.iter().map(|&i| jobs::Job::Centre(i)))
        .collect();
    collect(|sink| jobs::render_jobs(&env, theme, cache, &jobs, sink))
}
