//! Pages for advisers (Carrefours et Cités des Métiers, Forem, CPAS), federations and
//! IBEFE:
//!
//! - `/formations/<slug>/fiche/`: a printable fiche per track — one A4 page with a QR code
//!   to the track's page, the next information session, address, contact and conditions,
//!   « valable au » the build date — and links to send it by e-mail or SMS;
//! - `/comparer/`: the shortlist kept in the browser and a comparison of up to three tracks
//!   side by side (`?f=slug1,slug2,slug3`, a shareable address), drawn by
//!   `/static/conseillers.js` from the tracks' fiches;
//! - `/couverture/` and `/couverture/<thème>/`: per category and per ROME domain, the
//!   municipalities with no matching track within 10, 25 and 50 km, computed with the
//!   R-tree of the places (one nearest-neighbour query per municipality);
//! - `/donnees/`: what the open-data files are, their fields and their licence.

mod couverture;
mod donnees;
mod fiche;
pub(crate) mod qr;

pub use donnees::{donnees, taille};
pub use fiche::{comparer, fiche};
pub use qr::{pourcent, qr_svg};

use super::Env;
use super::pages::Rendu;
use super::views::Lien;

fn accueil_lien() -> Lien {
    Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    }
}

/// The advisers' pages other than fiches, coverage themes (their own jobs, see
/// [`super::render_site`]) and open data (rendered with the files): comparison, coverage
/// index.
pub fn pages(env: &Env) -> Vec<Rendu> {
    vec![
        comparer(env),
        couverture::couverture_index(env, env.couverture),
    ]
}

/// The coverage page of theme `t`.
pub fn couverture(env: &Env, t: usize) -> Vec<Rendu> {
    let couverture = env.couverture;
    couverture
        .themes
        .get(t)
        .map(|theme| couverture::couverture_page(env, couverture, t, theme))
        .into_iter()
        .collect()
}
