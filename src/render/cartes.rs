//! Cards rendered once per build and pasted into every page that lists them: a place
//! is listed by some 25 municipality pages, a track by its place, its centre and the
//! « similar tracks » of its neighbours. Rendering each card once took the card out of
//! those pages' render time (tera's macro calls and lookups, a card's context).
//!
//! A card is rendered the first time a page asks for it, so a selective render (the
//! edited centre's pages in `serve`) renders only the cards its pages show.

use std::sync::OnceLock;

use super::{RenderError, Theme, tera_message, views};
use crate::resolve::Catalogue;

/// The card of a place on municipality pages, without its distance.
const CARTE_LIEU: &str = "carte-lieu.html";
/// The card of a track on place, centre and track pages, without its distance.
const CARTE_FILIERE: &str = "carte-filiere.html";

/// A card rendered, or where and why its template failed on it.
type Carte = OnceLock<Result<String, (String, String)>>;

pub struct Cartes<'t> {
    theme: &'t Theme,
    lieux: Vec<Carte>,
    filieres: Vec<Carte>,
}

impl<'t> Cartes<'t> {
    /// No card rendered yet. Both templates are in every theme: the embedded one has
    /// them, and a site's files only replace or add templates.
    pub fn new(catalogue: &Catalogue, theme: &'t Theme) -> Cartes<'t> {
        Cartes {
            theme,
            lieux: std::iter::repeat_with(OnceLock::new)
                .take(catalogue.lieux.len())
                .collect(),
            filieres: std::iter::repeat_with(OnceLock::new)
                .take(catalogue.filieres.len())
                .collect(),
        }
    }

    /// Place `i`'s card (`carte-lieu.html`, which sees `l`, a `LieuCarte`).
    pub fn lieu(&self, catalogue: &Catalogue, i: usize) -> Result<&str, RenderError> {
        carte(self.theme, &self.lieux, i, CARTE_LIEU, || {
            let mut context = tera::Context::new();
            context.insert("l", &views::lieu_carte(catalogue, i, None));
            (context, catalogue.lieux[i].slug.as_str())
        })
    }

    /// Track `i`'s card (`carte-filiere.html`, which sees `f`, a `FiliereCarte`).
    pub fn filiere(&self, catalogue: &Catalogue, i: usize) -> Result<&str, RenderError> {
        carte(self.theme, &self.filieres, i, CARTE_FILIERE, || {
            let mut context = tera::Context::new();
            context.insert("f", &views::filiere_carte(catalogue, i, None));
            (context, catalogue.filieres[i].slug.as_str())
        })
    }
}

/// Card `i` of `cartes`, rendered by `gabarit` on first use.
fn carte<'c, 's>(
    theme: &Theme,
    cartes: &'c [Carte],
    i: usize,
    gabarit: &str,
    context: impl FnOnce() -> (tera::Context, &'s str),
) -> Result<&'c str, RenderError> {
    let Some(carte) = cartes.get(i) else {
        return Err(RenderError::Template {
            page: format!("{gabarit} (n° {i})"),
            message: "pas de carte à ce numéro".into(),
        });
    };
    let rendue = carte.get_or_init(|| {
        let (context, slug) = context();
        theme
            .tera
            .render(gabarit, &context)
            .map_err(|e| (format!("{gabarit} ({slug})"), tera_message(&e)))
    });
    rendue
        .as_deref()
        .map_err(|(page, message)| RenderError::Template {
            page: page.clone(),
            message: message.clone(),
        })
}
