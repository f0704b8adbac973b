//! « Nouveautés »: what changed since the previous publication — new tracks, new
//! information sessions, closed tracks — as a page `/nouveautes/` and an Atom feed
//! `/nouveautes/atom.xml`, for advisers who follow the directory.
//!
//! The previous publication is its open-data file `/donnees/catalogue.json` (written by
//! [`crate::opendata`]), read from the previous output folder before the swap, or from a
//! file given with `build --previous`. Only the few fields the diff needs are read, and
//! they are read leniently, so that a change elsewhere in the export format does not
//! break the build. Everything dated comes from the build date (`--today`): two builds
//! of the same data on the same date give the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::config::Config;
use crate::resolve::Catalogue;
use crate::site::escape::xml;
use crate::site::{Output, format, urls};

/// The open-data file of a publication, relative to the output folder.
pub use crate::site::urls::{CATALOGUE_JSON, NOUVEAUTES as PAGE_URL, NOUVEAUTES_ATOM as FEED_PATH};

/// The fields of `catalogue.json` the diff needs. Accepts tracks at the top level
/// (`filieres: [...]`) or under their centre (`centres: [{filieres: [...]}]`).
#[derive(Debug, Default, Deserialize)]
pub struct CatalogueJson {
    #[serde(default)]
    pub centres: Vec<CentreJson>,
    #[serde(default)]
    pub filieres: Vec<FiliereJson>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CentreJson {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub nom: Option<String>,
    #[serde(default)]
    pub filieres: Vec<FiliereJson>,
}

#[derive(Debug, Default, Deserialize)]
pub struct FiliereJson {
    pub id: String,
    #[serde(default)]
    pub titre: Option<String>,
    /// The centre's id, or an object with its id and name.
    #[serde(default)]
    pub centre: Option<CentreRef>,
    #[serde(default, alias = "seances_info", alias = "seances_information")]
    pub seances: Vec<SeanceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CentreRef {
    Id(String),
    Objet {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        nom: Option<String>,
    },
}

#[derive(Debug, Default, Deserialize)]
pub struct SeanceJson {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub heure: Option<String>,
    /// « chaque mardi »: an occurrence of a rhythm, not news on its own.
    #[serde(default)]
    pub rythme: Option<String>,
}

/// One track as the diff sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filiere {
    pub id: String,
    pub titre: String,
    pub centre: String,
    /// The track's page, for tracks of the current catalogue.
    pub url: Option<String>,
    /// Upcoming dated sessions: (`AAAA-MM-JJ`, `HH:MM`).
    pub seances: BTreeSet<(String, String)>,
    /// Rhythms, (« chaque mardi », `HH:MM`) → their first upcoming date: a rhythm is news
    /// when it starts, not at each new occurrence.
    pub rythmes: BTreeMap<(String, String), String>,
}

/// A catalogue reduced to what the diff needs, keyed by track id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instantane {
    pub filieres: BTreeMap<String, Filiere>,
}

impl Instantane {
    /// From the catalogue being built.
    pub fn du_catalogue(catalogue: &Catalogue) -> Instantane {
        let filieres = catalogue
            .filieres
            .iter()
            .map(|f| {
                let id = f.filiere.id.value.trim().to_string();
                let mut filiere = Filiere {
                    id: id.clone(),
                    titre: f.filiere.titre.value.clone(),
                    centre: catalogue.centres[f.centre].centre.nom.value.clone(),
                    url: Some(urls::filiere(&f.slug)),
                    seances: f
                        .seances
                        .iter()
                        .filter(|s| s.rythme.is_none())
                        .map(|s| (s.date.to_string(), s.heure.to_string()))
                        .collect(),
                    rythmes: BTreeMap::new(),
                };
                for s in &f.seances {
                    if let Some(r) = s.rythme {
                        filiere
                            .rythmes
                            .entry((r.en_clair(), s.heure.to_string()))
                            .or_insert_with(|| s.date.to_string());
                    }
                }
                (id, filiere)
            })
            .collect();
        Instantane { filieres }
    }

    /// From a published `catalogue.json`.
    pub fn du_json(bytes: &[u8]) -> Result<Instantane, String> {
        let json: CatalogueJson = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let noms: BTreeMap<String, String> = json
            .centres
            .iter()
            .filter_map(|c| Some((c.id.clone()?, c.nom.clone().or_else(|| c.id.clone())?)))
            .collect();
        let mut filieres = BTreeMap::new();
        let par_centre = json
            .centres
            .iter()
            .flat_map(|c| c.filieres.iter().map(move |f| (Some(c), f)));
        for (parent, f) in json.filieres.iter().map(|f| (None, f)).chain(par_centre) {
            let centre = match &f.centre {
                Some(CentreRef::Id(id)) => noms.get(id).cloned().unwrap_or_else(|| id.clone()),
                Some(CentreRef::Objet { id, nom }) => nom
                    .clone()
                    .or_else(|| {
                        id.as_ref()
                            .and_then(|id| noms.get(id).cloned())
                            .or_else(|| id.clone())
                    })
                    .unwrap_or_default(),
                None => parent
                    .and_then(|c| c.nom.clone().or_else(|| c.id.clone()))
                    .unwrap_or_default(),
            };
            let id = f.id.trim().to_string();
            let heure = |s: &SeanceJson| {
                s.heure
                    .as_deref()
                    .map_or_else(String::new, |h| h.trim().to_string())
            };
            let mut rythmes: BTreeMap<(String, String), String> = BTreeMap::new();
            for s in &f.seances {
                if let Some(r) = &s.rythme {
                    let premiere = rythmes
                        .entry((r.trim().to_string(), heure(s)))
                        .or_insert_with(|| s.date.trim().to_string());
                    if s.date.trim() < premiere.as_str() {
                        *premiere = s.date.trim().to_string();
                    }
                }
            }
            let seances = f
                .seances
                .iter()
                .filter(|s| s.rythme.is_none())
                .map(|s| {
                    (
                        s.date.trim().to_string(),
                        s.heure
                            .as_deref()
                            .map_or_else(String::new, |h| h.trim().to_string()),
                    )
                })
                .collect();
            filieres.insert(
                id.clone(),
                Filiere {
                    id: id.clone(),
                    titre: f.titre.clone().unwrap_or_else(|| id.clone()),
                    centre,
                    url: None,
                    seances,
                    rythmes,
                },
            );
        }
        Ok(Instantane { filieres })
    }
}

/// The previous publication, as found.
#[derive(Debug)]
pub enum Precedent {
    /// No previous publication: the page says « première publication ».
    Aucun,
    Lu(Instantane),
}

/// Reads the previous `catalogue.json`. A missing file is a first publication; a file
/// that cannot be read is an error for the caller to report (it then builds as a first
/// publication rather than fail the build).
pub fn lire_precedent(path: &Path) -> Result<Precedent, String> {
    match std::fs::read(path) {
        Ok(bytes) => Instantane::du_json(&bytes)
            .map(Precedent::Lu)
            .map_err(|e| format!("{} : catalogue précédent illisible ({e})", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Precedent::Aucun),
        Err(e) => Err(format!("{} : {e}", path.display())),
    }
}

/// What changed between two publications.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changements {
    pub nouvelles: Vec<Filiere>,
    /// (track, date, time) of each new upcoming session.
    pub seances: Vec<(Filiere, String, String)>,
    pub fermees: Vec<Filiere>,
}

impl Changements {
    pub fn is_empty(&self) -> bool {
        self.nouvelles.is_empty() && self.seances.is_empty() && self.fermees.is_empty()
    }
}

/// New tracks, new upcoming sessions (of any track, new ones included) and closed tracks,
/// each list in a stable order.
pub fn comparer(avant: &Instantane, apres: &Instantane, today: NaiveDate) -> Changements {
    let today = today.format("%Y-%m-%d").to_string();
    let mut out = Changements::default();
    for (id, f) in &apres.filieres {
        let ancienne = avant.filieres.get(id);
        if ancienne.is_none() {
            out.nouvelles.push(f.clone());
        }
        for (date, heure) in &f.seances {
            let connue = ancienne.is_some_and(|a| {
                a.seances.contains(&(date.clone(), heure.clone()))
                    || (heure.is_empty() && a.seances.iter().any(|(d, _)| d == date))
            });
            if !connue && *date >= today {
                out.seances.push((f.clone(), date.clone(), heure.clone()));
            }
        }
        // A new rhythm, at its first date.
        for ((rythme, heure), date) in &f.rythmes {
            let connu =
                ancienne.is_some_and(|a| a.rythmes.contains_key(&(rythme.clone(), heure.clone())));
            if !connu && *date >= today {
                out.seances.push((f.clone(), date.clone(), heure.clone()));
            }
        }
    }
    for (id, f) in &avant.filieres {
        if !apres.filieres.contains_key(id) {
            out.fermees.push(f.clone());
        }
    }
    let titre = |f: &Filiere| (crate::text::fold(&f.titre), f.id.clone());
    out.nouvelles.sort_by_key(titre);
    out.fermees.sort_by_key(titre);
    out.seances
        .sort_by(|a, b| (&a.1, &a.2, titre(&a.0)).cmp(&(&b.1, &b.2, titre(&b.0))));
    out
}

/// Escapes text for HTML content.
fn html(text: &str) -> String {
    xml(text)
}

fn lien_filiere(f: &Filiere) -> String {
    match &f.url {
        Some(url) => format!("<a href=\"{}\">{}</a>", html(url), html(&f.titre)),
        None => html(&f.titre),
    }
}

fn date_seance(date: &str, heure: &str) -> String {
    let jour = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_string(), format::date_longue);
    if heure.is_empty() {
        jour
    } else {
        format!("{jour} à {}", heure.replace(':', " h "))
    }
}

/// The body of the page (inside the theme's `page.html`).
fn corps(
    precedent: &Precedent,
    changements: &Changements,
    apres: &Instantane,
    today: NaiveDate,
) -> String {
    let mut h = String::new();
    let jour = format::date(today);
    match precedent {
        Precedent::Aucun => {
            let _ = write!(
                h,
                "<p>Première publication de l'annuaire, le {jour} : {} formation{}. Les prochaines publications montreront ici \
                 les nouvelles formations, les nouvelles séances d'information et les formations fermées.</p>",
                apres.filieres.len(),
                if apres.filieres.len() > 1 { "s" } else { "" }
            );
            return h;
        }
        Precedent::Lu(_) if changements.is_empty() => {
            let _ = write!(
                h,
                "<p>Publication du {jour} : rien de nouveau depuis la publication précédente.</p>"
            );
            return h;
        }
        Precedent::Lu(_) => {
            let _ = write!(
                h,
                "<p>Ce qui a changé dans la publication du {jour}, par rapport à la publication précédente.</p>"
            );
        }
    }
    if !changements.nouvelles.is_empty() {
        let _ = write!(
            h,
            "<h2>Nouvelles formations ({})</h2><ul>",
            changements.nouvelles.len()
        );
        for f in &changements.nouvelles {
            let _ = write!(h, "<li>{} — {}</li>", lien_filiere(f), html(&f.centre));
        }
        h.push_str("</ul>");
    }
    if !changements.seances.is_empty() {
        let _ = write!(
            h,
            "<h2>Nouvelles séances d'information ({})</h2><ul>",
            changements.seances.len()
        );
        for (f, date, heure) in &changements.seances {
            let _ = write!(
                h,
                "<li>{} : {} — {}</li>",
                html(&date_seance(date, heure)),
                lien_filiere(f),
                html(&f.centre)
            );
        }
        h.push_str("</ul>");
    }
    if !changements.fermees.is_empty() {
        let _ = write!(
            h,
            "<h2>Formations fermées ({})</h2><ul>",
            changements.fermees.len()
        );
        for f in &changements.fermees {
            let _ = write!(h, "<li>{} — {}</li>", html(&f.titre), html(&f.centre));
        }
        h.push_str("</ul>");
    }
    h
}

/// The Atom feed: one entry per change of this publication (or one « première
/// publication » entry), all dated from the build date.
fn atom(
    config: &Config,
    precedent: &Precedent,
    changements: &Changements,
    apres: &Instantane,
    today: NaiveDate,
) -> String {
    let base = &config.base_url;
    let page = format!("{base}{PAGE_URL}");
    let stamp = format!("{}T00:00:00Z", today.format("%Y-%m-%d"));
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n",
    );
    let _ = writeln!(x, "<title>{} — nouveautés</title>", xml(&config.titre));
    let _ = writeln!(x, "<id>{}</id>", xml(&page));
    let _ = writeln!(
        x,
        "<link rel=\"self\" href=\"{}\"/>",
        xml(&format!("{base}/{FEED_PATH}"))
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&page)
    );
    let _ = writeln!(x, "<updated>{stamp}</updated>");
    let _ = writeln!(x, "<author><name>{}</name></author>", xml(&config.titre));
    let mut entree = |cle: String, titre: String, url: String, resume: String| {
        let _ = writeln!(x, "<entry>");
        let _ = writeln!(x, "<title>{}</title>", xml(&titre));
        let _ = writeln!(
            x,
            "<id>{}</id>",
            xml(&format!("{page}#{}-{cle}", today.format("%Y-%m-%d")))
        );
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&url)
        );
        let _ = writeln!(x, "<updated>{stamp}</updated>");
        let _ = writeln!(x, "<summary>{}</summary>", xml(&resume));
        let _ = writeln!(x, "</entry>");
    };
    let url_de = |f: &Filiere| {
        f.url
            .as_ref()
            .map_or_else(|| page.clone(), |u| format!("{base}{u}"))
    };
    match precedent {
        Precedent::Aucun => entree(
            "premiere-publication".into(),
            "Première publication de l'annuaire".into(),
            page.clone(),
            format!("{} formations publiées.", apres.filieres.len()),
        ),
        Precedent::Lu(_) => {
            for f in &changements.nouvelles {
                entree(
                    format!("nouvelle-{}", f.id),
                    format!("Nouvelle formation : {}", f.titre),
                    url_de(f),
                    format!("{} — {}", f.titre, f.centre),
                );
            }
            for (f, date, heure) in &changements.seances {
                entree(
                    format!("seance-{}-{date}-{}", f.id, heure.replace(':', "h")),
                    format!("Séance d'information : {}", f.titre),
                    url_de(f),
                    format!("{} : {} — {}", date_seance(date, heure), f.titre, f.centre),
                );
            }
            for f in &changements.fermees {
                entree(
                    format!("fermee-{}", f.id),
                    format!("Formation fermée : {}", f.titre),
                    page.clone(),
                    format!("{} — {}", f.titre, f.centre),
                );
            }
        }
    }
    x.push_str("</feed>\n");
    x
}

/// What « Nouveautés » publishes: the body of the page `/nouveautes/` (HTML, rendered
/// into the theme's `page.html` by `render`) and its Atom feed.
pub struct Nouveautes {
    pub corps: String,
    pub atom: Output,
}

/// The changes of this publication against `precedent`.
pub fn nouveautes(config: &Config, catalogue: &Catalogue, precedent: &Precedent) -> Nouveautes {
    let today = catalogue.today;
    let apres = Instantane::du_catalogue(catalogue);
    let changements = match precedent {
        Precedent::Aucun => Changements::default(),
        Precedent::Lu(avant) => comparer(avant, &apres, today),
    };
    Nouveautes {
        corps: corps(precedent, &changements, &apres, today),
        atom: Output {
            path: FEED_PATH.into(),
            bytes: atom(config, precedent, &changements, &apres, today).into_bytes(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filiere(id: &str, seances: &[(&str, &str)]) -> Filiere {
        Filiere {
            id: id.into(),
            titre: id.to_uppercase(),
            centre: "Centre".into(),
            url: Some(format!("/formations/{id}/")),
            seances: seances
                .iter()
                .map(|(d, h)| (d.to_string(), h.to_string()))
                .collect(),
            rythmes: BTreeMap::new(),
        }
    }

    fn instantane(items: Vec<Filiere>) -> Instantane {
        Instantane {
            filieres: items.into_iter().map(|f| (f.id.clone(), f)).collect(),
        }
    }

    #[test]
    fn diff_finds_new_closed_and_new_sessions() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let avant = instantane(vec![
            filiere("a", &[("2026-12-01", "09:30")]),
            filiere("b", &[]),
        ]);
        let apres = instantane(vec![
            filiere("a", &[("2026-12-01", "09:30"), ("2027-01-05", "14:00")]),
            filiere("c", &[("2026-12-10", "10:00")]),
        ]);
        let d = comparer(&avant, &apres, today);
        assert_eq!(
            d.nouvelles
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(
            d.fermees.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["b"]
        );
        let seances: Vec<(&str, &str)> = d
            .seances
            .iter()
            .map(|(f, date, _)| (f.id.as_str(), date.as_str()))
            .collect();
        assert_eq!(seances, [("c", "2026-12-10"), ("a", "2027-01-05")]);
        assert!(comparer(&apres, &apres, today).is_empty());
    }

    #[test]
    fn json_is_read_leniently() {
        let flat = br#"{"version": 1, "centres": [{"id": "x", "nom": "Centre X"}],
            "filieres": [{"id": "f", "titre": "Boulanger", "centre": "x", "autre": 3,
                          "seances": [{"date": "2027-01-05", "heure": "09:30", "lieu": "l"}]}]}"#;
        let i = Instantane::du_json(flat).expect("flat");
        let f = &i.filieres["f"];
        assert_eq!(
            (f.titre.as_str(), f.centre.as_str()),
            ("Boulanger", "Centre X")
        );
        assert!(
            f.seances
                .contains(&("2027-01-05".to_string(), "09:30".to_string()))
        );
        let nested = br#"{"centres": [{"id": "x", "nom": "Centre X", "filieres": [{"id": "g", "seances_info": []}]}]}"#;
        let i = Instantane::du_json(nested).expect("nested");
        assert_eq!(i.filieres["g"].centre, "Centre X");
        assert!(Instantane::du_json(b"[1, 2]").is_err());
    }

    #[test]
    fn feed_is_deterministic_and_escaped() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let mut f = filiere("a", &[]);
        f.titre = "Cuisine & <salle>".into();
        let apres = instantane(vec![f]);
        let precedent = Precedent::Lu(Instantane::default());
        let d = comparer(&Instantane::default(), &apres, today);
        let config = Config::default();
        let a = atom(&config, &precedent, &d, &apres, today);
        assert_eq!(a, atom(&config, &precedent, &d, &apres, today));
        assert!(a.contains("Cuisine &amp; &lt;salle&gt;"));
        assert!(a.contains("<updated>2026-11-23T00:00:00Z</updated>"));
        assert!(corps(&Precedent::Aucun, &d, &apres, today).contains("Première publication"));
    }
}
