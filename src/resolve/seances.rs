//! The upcoming information sessions of a track, from the build date: its dated sessions,
//! and the next occurrences of its rhythms. Computed once here, so that pages, the
//! calendar, the search index, open data, `near` and `export` show the same dates.
//!
//! A rhythm gives at most [`PAR_RYTHME`] sessions within [`HORIZON_JOURS`] days: « chaque
//! mardi » shows the next four Tuesdays (a month ahead, enough to plan a visit and what a
//! page can list without getting long), « le premier lundi du mois » the next three (a
//! quarter). The site is rebuilt daily, so the window moves on by itself; the build date
//! being an input, the dates are deterministic.

use chrono::{Days, NaiveDate};

use crate::model::{Date, Filiere, Heure, Rythme, SeanceInfo, Texte};

/// How far ahead a rhythm's sessions are listed.
pub const HORIZON_JOURS: u64 = 92;
/// How many sessions of one rhythm are listed at most.
pub const PAR_RYTHME: usize = 4;

/// One upcoming session, dated.
#[derive(Debug, Clone, Copy)]
pub struct Seance<'a> {
    pub date: Date,
    pub heure: Heure,
    /// The place it names (else the track's first place, see `Catalogue::lieu_de_seance`).
    pub lieu: Option<&'a Texte>,
    pub remarque: Option<&'a Texte>,
    /// The rhythm it is an occurrence of; `None` for a dated session.
    pub rythme: Option<Rythme>,
}

/// The dates of one entry of `seances_info` from `today` on: its date, or its rhythm's
/// days within the horizon, up to `jusqu_au`, minus `sauf`.
pub fn dates(s: &SeanceInfo, today: NaiveDate) -> Vec<NaiveDate> {
    match (&s.date, &s.chaque) {
        (Some(d), _) => (d.0 >= today).then_some(d.0).into_iter().collect(),
        (None, Some(rythme)) => {
            let fin = today
                .checked_add_days(Days::new(HORIZON_JOURS))
                .unwrap_or(NaiveDate::MAX);
            let fin = s.jusqu_au.as_ref().map_or(fin, |j| fin.min(j.0));
            today
                .iter_days()
                .take_while(|d| *d <= fin)
                .filter(|d| rythme.tombe_le(*d) && !s.sauf.iter().any(|x| x.0 == *d))
                .take(PAR_RYTHME)
                .collect()
        }
        (None, None) => Vec::new(),
    }
}

/// The upcoming sessions of a track, soonest first. One session per day and time: an
/// occurrence that repeats an earlier entry's (a dated session, else the first rhythm) is
/// left out, so that its calendar file and id stay unique.
pub fn seances_a_venir(filiere: &Filiere, today: NaiveDate) -> Vec<Seance<'_>> {
    let mut out: Vec<Seance> = Vec::new();
    // Dated sessions first, so that a duplicate keeps the dated one's remark.
    let (datees, rythmees): (Vec<_>, Vec<_>) =
        filiere.seances_info.iter().partition(|s| s.date.is_some());
    for s in datees.into_iter().chain(rythmees) {
        for date in dates(s, today) {
            let seance = Seance {
                date: Date(date),
                heure: s.heure.value,
                lieu: s.lieu.as_ref(),
                remarque: s.remarque.as_ref(),
                rythme: if s.date.is_some() {
                    None
                } else {
                    s.chaque.as_ref().map(|r| r.value)
                },
            };
            if !out
                .iter()
                .any(|o| o.date == seance.date && o.heure == seance.heure)
            {
                out.push(seance);
            }
        }
    }
    out.sort_by_key(|s| (s.date, s.heure));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::yaml;

    fn jour(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn seance(text: &str) -> SeanceInfo {
        let node = yaml::parse(text, FileId(0)).ok().flatten().expect("yaml");
        let mut findings = Vec::new();
        let s = yaml::from_node::<SeanceInfo>(&node, &mut findings).expect("reads");
        assert!(findings.is_empty(), "{findings:?}");
        s
    }

    fn liste(text: &str, today: &str) -> Vec<String> {
        dates(&seance(text), jour(today))
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn weekly_from_the_build_date_the_session_day_included() {
        // 2026-12-08 is a Tuesday.
        let s = "chaque: mardi\nheure: \"9:30\"\n";
        assert_eq!(
            liste(s, "2026-12-08"),
            ["2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"]
        );
        assert_eq!(
            liste(s, "2026-12-09"),
            ["2026-12-15", "2026-12-22", "2026-12-29", "2027-01-05"]
        );
    }

    #[test]
    fn exceptions_and_end_date() {
        let s = "chaque: mardi\nheure: \"9:30\"\njusqu_au: 2026-12-29\nsauf: [2026-12-22]\n";
        assert_eq!(
            liste(s, "2026-12-01"),
            ["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-29"]
        );
        assert_eq!(liste(s, "2026-12-23"), ["2026-12-29"]);
        assert!(liste(s, "2026-12-30").is_empty(), "the rhythm has ended");
        // The end date itself is a session day when it falls on the rhythm.
        let s = "chaque: mardi\nheure: \"9:30\"\njusqu_au: 2026-12-08\n";
        assert_eq!(liste(s, "2026-12-08"), ["2026-12-08"]);
    }

    #[test]
    fn monthly_rhythms_stay_within_the_horizon() {
        let s = "chaque: premier lundi du mois\nheure: \"14:00\"\n";
        assert_eq!(
            liste(s, "2026-12-08"),
            ["2027-01-04", "2027-02-01", "2027-03-01"]
        );
        let s = "chaque: dernier vendredi du mois\nheure: \"14:00\"\n";
        assert_eq!(
            liste(s, "2026-12-01"),
            ["2026-12-25", "2027-01-29", "2027-02-26"]
        );
        // Leap year: the last Thursday of February 2024 is the 29th.
        let s = "chaque: dernier jeudi du mois\nheure: \"14:00\"\n";
        assert_eq!(
            liste(s, "2024-02-01"),
            ["2024-02-29", "2024-03-28", "2024-04-25"]
        );
        let s = "chaque: deuxième mardi du mois\nheure: \"14:00\"\n";
        assert_eq!(
            liste(s, "2027-01-31"),
            ["2027-02-09", "2027-03-09", "2027-04-13"]
        );
    }

    #[test]
    fn a_dated_session_is_kept_from_its_day_on() {
        let s = "date: 2026-12-08\nheure: \"9:30\"\n";
        assert_eq!(liste(s, "2026-12-08"), ["2026-12-08"]);
        assert!(liste(s, "2026-12-09").is_empty());
    }

    #[test]
    fn a_track_merges_its_sessions_in_order_without_duplicates() {
        let texte = "id: f\ntitre: T\ncategorie: orientation\nsecteur: orientation\nlieux: [l]\n\
                     duree: { semaines: 4 }\nhoraire: { jours: [lundi] }\nentree: { permanente: true }\n\
                     public: P\ndescription: D\nmis_a_jour: 2026-11-01\nseances_info:\n\
                     - chaque: mardi\n  heure: \"9:30\"\n\
                     - date: 2026-12-15\n  heure: \"9:30\"\n  remarque: Portes ouvertes\n\
                     - date: 2026-12-10\n  heure: \"14:00\"\n";
        let node = yaml::parse(texte, FileId(0)).ok().flatten().expect("yaml");
        let mut findings = Vec::new();
        let f = yaml::from_node::<Filiere>(&node, &mut findings).expect("reads");
        assert!(findings.is_empty(), "{findings:?}");
        let vues: Vec<String> = seances_a_venir(&f, jour("2026-12-09"))
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    s.date,
                    s.heure,
                    s.remarque.map_or("-", |r| r.as_str())
                )
            })
            .collect();
        assert_eq!(
            vues,
            [
                "2026-12-10 14:00 -",
                "2026-12-15 09:30 Portes ouvertes",
                "2026-12-22 09:30 -",
                "2026-12-29 09:30 -",
                "2027-01-05 09:30 -"
            ]
        );
    }
}
