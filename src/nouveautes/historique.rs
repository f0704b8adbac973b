//! The history of « Nouveautés »: the entries of the publications of the last
//! [`JOURS`] days ([`MAXIMUM`] at most), published as `/donnees/nouveautes.json` and read
//! back by the next publication, which carries them forward and adds its own.
//!
//! `nouveautes.json`:
//!
//! ```json
//! {
//!   "version": 1,
//!   "jours": 90,
//!   "maximum": 50,
//!   "entrees": [
//!     {"date": "2026-11-26", "type": "titre_change", "filiere": "f-12",
//!      "centre": "Centre X", "titre": "Boulangerie", "url": "https://cisp.be/formations/…/",
//!      "ancien_titre": "Boulanger"}
//!   ]
//! }
//! ```
//!
//! `date` is the build date of the publication that saw the change; `type` is one of
//! [`Genre`]; `url` is the track's page while the track exists (absent once it is gone);
//! the other fields depend on the type (`ancien_titre`, `seance_date`, `seance_heure`,
//! `dates_avant`, `dates_apres`, `formations`). Entries are sorted newest first, then by
//! type, title and track id: the same history gives the same bytes.

use std::cmp::Ordering;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::instantane::Instantane;

/// Entries older than this many days before the build date are dropped.
pub const JOURS: u64 = 90;
/// At most this many entries are kept, the most recent ones.
pub const MAXIMUM: usize = 50;

/// What an entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// The first publication of the catalogue (`formations`: how many tracks).
    PremierePublication,
    NouvelleFiliere,
    /// A new information session (`seance_date`, `seance_heure`).
    NouvelleSeance,
    /// The title changed (`ancien_titre` → `titre`).
    TitreChange,
    /// The upcoming start dates changed (`dates_avant` → `dates_apres`).
    DatesChangees,
    FiliereFermee,
}

/// One change seen by one publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entree {
    /// `AAAA-MM-JJ`: the build date of the publication that saw the change.
    pub date: String,
    #[serde(rename = "type")]
    pub genre: Genre,
    /// The track's id (none for [`Genre::PremierePublication`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filiere: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub centre: String,
    /// The track's title when the change was seen (the new one for a title change).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub titre: String,
    /// Written from the current catalogue at each publication, never read back.
    #[serde(default, skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ancien_titre: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seance_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seance_heure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates_avant: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates_apres: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formations: Option<usize>,
}

impl Entree {
    /// An entry of `genre` about nothing yet, dated `date`.
    pub fn nouvelle(date: NaiveDate, genre: Genre) -> Entree {
        Entree {
            date: date.format("%Y-%m-%d").to_string(),
            genre,
            filiere: None,
            centre: String::new(),
            titre: String::new(),
            url: None,
            ancien_titre: None,
            seance_date: None,
            seance_heure: None,
            dates_avant: None,
            dates_apres: None,
            formations: None,
        }
    }

    /// « Première publication du catalogue : N formations », said once.
    pub fn premiere_publication(date: NaiveDate, formations: usize) -> Entree {
        Entree {
            formations: Some(formations),
            ..Entree::nouvelle(date, Genre::PremierePublication)
        }
    }

    /// A key unique within a publication, for feed ids and de-duplication.
    pub fn cle(&self) -> String {
        let id = self.filiere.as_deref().unwrap_or_default();
        match self.genre {
            Genre::PremierePublication => "premiere-publication".into(),
            Genre::NouvelleFiliere => format!("nouvelle-{id}"),
            Genre::NouvelleSeance => format!(
                "seance-{id}-{}-{}",
                self.seance_date.as_deref().unwrap_or_default(),
                self.seance_heure
                    .as_deref()
                    .unwrap_or_default()
                    .replace(':', "h")
            ),
            Genre::TitreChange => format!("titre-{id}"),
            Genre::DatesChangees => format!("dates-{id}"),
            Genre::FiliereFermee => format!("fermee-{id}"),
        }
    }

    /// The order of the history: newest first, then type, title, track id, details (every
    /// field, so that equal entries are next to each other).
    fn ordre(&self, other: &Entree) -> Ordering {
        other
            .date
            .cmp(&self.date)
            .then(self.genre.cmp(&other.genre))
            .then_with(|| crate::text::fold(&self.titre).cmp(&crate::text::fold(&other.titre)))
            .then_with(|| self.filiere.cmp(&other.filiere))
            .then_with(|| self.seance_date.cmp(&other.seance_date))
            .then_with(|| self.seance_heure.cmp(&other.seance_heure))
            .then_with(|| self.cle().cmp(&other.cle()))
            .then_with(|| self.titre.cmp(&other.titre))
            .then_with(|| self.centre.cmp(&other.centre))
            .then_with(|| self.ancien_titre.cmp(&other.ancien_titre))
            .then_with(|| self.dates_avant.cmp(&other.dates_avant))
            .then_with(|| self.dates_apres.cmp(&other.dates_apres))
            .then_with(|| self.formations.cmp(&other.formations))
    }
}

/// The file as written.
#[derive(Serialize)]
struct Fichier<'a> {
    version: u32,
    jours: u64,
    maximum: usize,
    entrees: &'a [Entree],
}

/// The file as read: entries one by one, so that one entry this version does not
/// understand (a type of a later version) does not lose the others.
#[derive(Deserialize)]
struct Lu {
    entrees: Vec<serde_json::Value>,
}

/// Reads a published `nouveautes.json`. An entry that does not parse, or whose date is not
/// a date, is left out; a file without `entrees` is an error.
pub fn lire(bytes: &[u8]) -> Result<Vec<Entree>, String> {
    let lu: Lu = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    Ok(lu
        .entrees
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Entree>(v).ok())
        .filter(|e| date(&e.date).is_some())
        .collect())
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The history of this publication: the previous entries still recent (no older than
/// [`JOURS`] days before `today`) and this publication's, newest first, the
/// [`MAXIMUM`] most recent.
pub fn reporter(precedentes: &[Entree], nouvelles: Vec<Entree>, today: NaiveDate) -> Vec<Entree> {
    let limite = today.checked_sub_days(Days::new(JOURS)).unwrap_or(today);
    let mut entrees: Vec<Entree> = precedentes
        .iter()
        .filter(|e| date(&e.date).is_some_and(|d| d >= limite))
        .cloned()
        .chain(nouvelles)
        .map(|e| Entree { url: None, ..e })
        .collect();
    entrees.sort_by(Entree::ordre);
    // The same change seen twice the same day (two builds of one day): once.
    entrees.dedup();
    entrees.truncate(MAXIMUM);
    entrees
}

/// Sets each entry's `url` to its track's page (absolute, under `base_url`) when the track
/// is in the current catalogue: links of the page and the feed never lead to a gone track.
pub fn lier(entrees: &mut [Entree], apres: &Instantane, base_url: &str) {
    for e in entrees {
        e.url = e
            .filiere
            .as_ref()
            .and_then(|id| apres.filieres.get(id))
            .and_then(|f| f.url.as_ref())
            .map(|u| format!("{base_url}{u}"));
    }
}

/// `nouveautes.json`, from entries in the history's order.
pub fn json(entrees: &[Entree]) -> String {
    let fichier = Fichier {
        version: 1,
        jours: JOURS,
        maximum: MAXIMUM,
        entrees,
    };
    serde_json::to_string_pretty(&fichier).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour(d: &str) -> NaiveDate {
        date(d).expect("date")
    }

    fn nouvelle(d: &str, id: &str) -> Entree {
        Entree {
            filiere: Some(id.into()),
            titre: id.to_uppercase(),
            ..Entree::nouvelle(jour(d), Genre::NouvelleFiliere)
        }
    }

    #[test]
    fn carry_forward_drops_old_entries_and_keeps_the_most_recent() {
        let today = jour("2026-11-23");
        let precedentes = vec![
            nouvelle("2026-08-25", "a"), // 90 days before: kept
            nouvelle("2026-08-24", "b"), // 91 days: dropped
            Entree::premiere_publication(jour("2026-08-20"), 3),
        ];
        let h = reporter(&precedentes, vec![nouvelle("2026-11-23", "c")], today);
        let ids: Vec<_> = h.iter().map(|e| e.cle()).collect();
        assert_eq!(ids, ["nouvelle-c", "nouvelle-a"]);

        let beaucoup: Vec<Entree> = (0..60)
            .map(|i| nouvelle("2026-11-01", &format!("f{i:02}")))
            .collect();
        let h = reporter(&beaucoup, vec![nouvelle("2026-11-23", "z")], today);
        assert_eq!(h.len(), MAXIMUM);
        assert_eq!(h[0].cle(), "nouvelle-z", "the newest entry first");
        assert_eq!(h[MAXIMUM - 1].cle(), "nouvelle-f48");
    }

    #[test]
    fn the_file_reads_back_what_it_wrote_and_skips_what_it_does_not_understand() {
        let today = jour("2026-11-23");
        let mut h = reporter(
            &[],
            vec![
                Entree {
                    ancien_titre: Some("Ancien & <vieux>".into()),
                    ..nouvelle("2026-11-23", "a")
                },
                Entree::premiere_publication(jour("2026-11-20"), 12),
            ],
            today,
        );
        h[0].url = Some("https://cisp.be/formations/a/".into());
        let bytes = json(&h);
        let lu = lire(bytes.as_bytes()).expect("read");
        assert_eq!(lu.len(), 2);
        assert_eq!(lu[0].ancien_titre.as_deref(), Some("Ancien & <vieux>"));
        assert_eq!(lu[0].url, None, "urls come from the current catalogue");
        assert_eq!(
            json(&reporter(&lu, vec![], today)),
            json(&reporter(&h, vec![], today))
        );

        let autre = br#"{"entrees": [{"date": "2026-11-01", "type": "inconnu"},
            {"date": "pas une date", "type": "nouvelle_filiere"},
            {"date": "2026-11-02", "type": "filiere_fermee", "filiere": "x", "extra": 1}]}"#;
        let lu = lire(autre).expect("lenient");
        assert_eq!(lu.len(), 1);
        assert_eq!(lu[0].genre, Genre::FiliereFermee);
        assert!(lire(br#"{"version": 1, "centres": []}"#).is_err());
    }
}
