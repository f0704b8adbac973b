//! The body of the page `/nouveautes/` (inside the theme's `page.html`): the history,
//! newest first, grouped by publication date, in plain French. Like the other files that
//! are not pages (issue 18), written without the template engine; every text is escaped.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::historique::{Entree, Genre, JOURS, MAXIMUM};
use super::instantane::Instantane;
use crate::site::escape::xml;
use crate::site::format;

/// « 23 novembre 2026 », or the text as it is when it is not a date.
pub(super) fn jour(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or_else(|_| date.to_string(), format::date)
}

/// « mardi 5 janvier 2027 à 14 h 00 ».
pub(super) fn date_seance(date: &str, heure: Option<&str>) -> String {
    let jour = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_string(), format::date_longue);
    match heure.filter(|h| !h.is_empty()) {
        None => jour,
        Some(h) => format!("{jour} à {}", h.replace(':', " h ")),
    }
}

fn dates(dates: Option<&[String]>) -> String {
    match dates.unwrap_or_default() {
        [] => "aucune".to_string(),
        d => d.iter().map(|d| jour(d)).collect::<Vec<_>>().join(", "),
    }
}

/// What an entry says, as (the words before the track's title, the words after it), in
/// plain text; the title itself is the entry's `titre`. The first publication has no title.
pub(crate) fn phrase(e: &Entree) -> (String, String) {
    let centre = if e.centre.is_empty() {
        String::new()
    } else {
        format!(" — {}", e.centre)
    };
    match e.genre {
        Genre::PremierePublication => {
            let n = e.formations.unwrap_or_default();
            (
                format!(
                    "Première publication du catalogue : {n} formation{}",
                    if n > 1 { "s" } else { "" }
                ),
                String::new(),
            )
        }
        Genre::NouvelleFiliere => ("Nouvelle formation : ".into(), centre),
        Genre::NouvelleSeance => (
            format!(
                "Nouvelle séance d'information le {} : ",
                date_seance(
                    e.seance_date.as_deref().unwrap_or_default(),
                    e.seance_heure.as_deref()
                )
            ),
            centre,
        ),
        Genre::TitreChange => (
            format!(
                "Titre changé : « {} » devient « ",
                e.ancien_titre.as_deref().unwrap_or_default()
            ),
            format!(" »{centre}"),
        ),
        Genre::DatesChangees => (
            "Dates d'entrée changées : ".into(),
            format!(
                "{centre} : {} (avant : {})",
                dates(e.dates_apres.as_deref()),
                dates(e.dates_avant.as_deref())
            ),
        ),
        Genre::FiliereFermee => ("Formation fermée : ".into(), centre),
    }
}

/// The body of the page. Links go to the tracks of `apres` only: a track that is gone
/// stays in the history, unlinked.
pub fn corps(entrees: &[Entree], apres: &Instantane, feed: &str, json: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<p>Ce qui a changé dans l'annuaire ces {JOURS} derniers jours, les changements les plus récents d'abord \
         ({MAXIMUM} au plus) : nouvelles formations, nouvelles séances d'information, titres et dates d'entrée \
         changés, formations fermées. Aussi en <a href=\"{}\">fil Atom</a>, pour s'abonner, et en \
         <a href=\"{}\">fichier JSON</a>.</p>",
        xml(feed),
        xml(json)
    );
    if entrees.is_empty() {
        let _ = write!(h, "<p>Aucun changement ces {JOURS} derniers jours.</p>");
        return h;
    }
    let mut date: Option<&str> = None;
    for e in entrees {
        if date != Some(e.date.as_str()) {
            if date.is_some() {
                h.push_str("</ul>");
            }
            let _ = write!(
                h,
                "<h2 id=\"p-{}\">Publication du {}</h2><ul>",
                xml(&e.date),
                xml(&jour(&e.date))
            );
            date = Some(e.date.as_str());
        }
        let (avant, apres_titre) = phrase(e);
        let lien = e
            .filiere
            .as_ref()
            .and_then(|id| apres.filieres.get(id))
            .and_then(|f| f.url.as_ref());
        let titre = match (lien, e.titre.is_empty()) {
            (_, true) => String::new(),
            (Some(url), false) => format!("<a href=\"{}\">{}</a>", xml(url), xml(&e.titre)),
            (None, false) => xml(&e.titre),
        };
        let _ = write!(h, "<li>{}{titre}{}</li>", xml(&avant), xml(&apres_titre));
    }
    h.push_str("</ul>");
    h
}
