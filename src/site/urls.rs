//! Every public URL and path of the site, in one place so that links and files always agree.

use crate::model::{Categorie, Federation, Secteur};

pub fn filiere(slug: &str) -> String {
    format!("/formations/{slug}/")
}
pub fn lieu(slug: &str) -> String {
    format!("/lieux/{slug}/")
}
pub fn centre(slug: &str) -> String {
    format!("/centres/{slug}/")
}
pub fn commune(slug: &str) -> String {
    format!("/communes/{slug}/")
}
pub fn categorie(c: Categorie) -> String {
    format!("/categories/{}/", c.slug())
}
pub fn secteur(s: Secteur) -> String {
    format!("/secteurs/{}/", s.slug())
}
pub fn bassin(id: &str) -> String {
    format!("/bassins/{id}/")
}
pub fn federation(f: Federation) -> String {
    format!("/federations/{}/", f.slug())
}
pub fn metier(code: &str) -> String {
    format!("/metiers/{}/", code.to_ascii_lowercase())
}
pub fn page(slug: &str) -> String {
    format!("/pages/{slug}/")
}
pub fn actualite(slug: &str) -> String {
    format!("/actualites/{slug}/")
}
/// The `.ics` file of one information session.
pub fn seance_ics(filiere_slug: &str, date: &str, heure: &str) -> String {
    format!(
        "/formations/{filiere_slug}/seance-{date}-{}.ics",
        heure.replace(':', "h")
    )
}

/// The open-data files (site-relative).
pub const URL_CATALOGUE: &str = "/donnees/catalogue.json";
pub const URL_SCHEMA: &str = "/donnees/catalogue.schema.json";
pub const URL_GEOJSON: &str = "/donnees/lieux.geojson";
pub const URL_CSV: &str = "/donnees/filieres.csv";
pub const URL_ICS: &str = "/donnees/seances.ics";

/// The CSV file of one bassin EFE.
pub fn url_csv_bassin(bassin: &str) -> String {
    format!("/donnees/bassins/{bassin}.csv")
}

/// The printable fiche of a track.
pub fn url_fiche(slug: &str) -> String {
    format!("{}fiche/", filiere(slug))
}

/// The page `/nouveautes/`, its feed, its history file, and where the published catalogue
/// it compares against is read from (output-relative).
pub const NOUVEAUTES: &str = "/nouveautes/";
pub const NOUVEAUTES_ATOM: &str = "nouveautes/atom.xml";
pub const NOUVEAUTES_JSON: &str = "donnees/nouveautes.json";
pub const CATALOGUE_JSON: &str = "donnees/catalogue.json";

/// The coverage page of a theme of the advisers' pages.
pub fn couverture(slug: &str) -> String {
    format!("/couverture/{slug}/")
}

/// The output file of a clean URL: `/a/b/` → `a/b/index.html`; `/x.ics` → `x.ics`.
pub fn fichier(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files() {
        assert_eq!(fichier("/"), "index.html");
        assert_eq!(fichier(&filiere("x")), "formations/x/index.html");
        assert_eq!(
            fichier(&seance_ics("x", "2027-01-05", "09:30")),
            "formations/x/seance-2027-01-05-09h30.ics"
        );
        assert_eq!(metier("D1102"), "/metiers/d1102/");
    }
}
