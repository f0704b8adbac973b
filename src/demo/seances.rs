//! A demo track's information sessions: rhythms (« chaque mardi », « le premier lundi du
//! mois »), never dated sessions, so that the demo never runs out of upcoming sessions
//! whatever the build date. Centres close for the Christmas holidays: some rhythms list
//! those days under `sauf`.
//!
//! The draws of the batch stream are those the dated sessions used to take (a count, days,
//! hours, places, remarks), so the rest of the demo is unchanged; the rhythm is read from
//! them, its other choices from a stream of the track's own.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendrier::{CONGES_DE_NOEL, SEANCES, entre};
use super::hasard::Rng;
use super::noms::REMARQUES;
use crate::model::{Jour, Rang, Rythme};

pub(super) struct SeanceDemo {
    pub(super) rythme: Rythme,
    pub(super) heure: &'static str,
    pub(super) sauf: Vec<NaiveDate>,
    pub(super) lieu: String,
    pub(super) remarque: Option<&'static str>,
}

const HEURES: &[&str] = &["09:00", "09:30", "10:00", "13:00", "13:30", "14:00"];

/// One drawn session: a weekday between 2026-12-01 and 2027-06-30, out of the holidays.
struct Tirage {
    date: NaiveDate,
    heure: &'static str,
    lieu: String,
    remarque: Option<&'static str>,
}

/// FNV-1a: a seed from a track id, the same on every platform.
fn graine(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn jour_ouvrable(rng: &mut Rng) -> NaiveDate {
    let mut d = entre(rng, &SEANCES);
    for _ in 0..50 {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !CONGES_DE_NOEL.contains(&d) {
            break;
        }
        d = entre(rng, &SEANCES);
    }
    d
}

fn jour(d: NaiveDate) -> Jour {
    Jour::TOUS
        .get(d.weekday().num_days_from_monday() as usize)
        .copied()
        .unwrap_or(Jour::Lundi)
}

/// The 1st to 4th such weekday of its month, or the last one.
fn mensuel(d: NaiveDate, dernier: bool) -> Rythme {
    let rang = match (dernier, (d.day() - 1) / 7) {
        (true, _) => Rang::Dernier,
        (false, 0) => Rang::Premier,
        (false, 1) => Rang::Deuxieme,
        (false, 2) => Rang::Troisieme,
        _ => Rang::Quatrieme,
    };
    Rythme::Mois(rang, jour(d))
}

/// The holiday days a rhythm falls on.
fn conges(rythme: Rythme) -> Vec<NaiveDate> {
    CONGES_DE_NOEL
        .start()
        .iter_days()
        .take_while(|d| d <= CONGES_DE_NOEL.end())
        .filter(|d| rythme.tombe_le(*d))
        .collect()
}

/// One or two rhythms at the track's places.
pub(super) fn seances(rng: &mut Rng, lieux: &[String], id: &str) -> Vec<SeanceDemo> {
    // The batch stream's draws, in the order the dated sessions took them.
    let n = rng.weighted(&[20, 35, 30, 15]);
    let mut dates: BTreeSet<NaiveDate> = BTreeSet::new();
    for _ in 0..50 {
        if dates.len() >= n {
            break;
        }
        let d = entre(rng, &SEANCES);
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !CONGES_DE_NOEL.contains(&d) {
            dates.insert(d);
        }
    }
    let mut tirages: Vec<Tirage> = dates
        .into_iter()
        .map(|date| Tirage {
            date,
            heure: rng.pick(HEURES),
            lieu: lieux[rng.index(lieux.len())].clone(),
            remarque: rng.chance(40).then(|| rng.pick(REMARQUES)),
        })
        .collect();

    let mut propre = Rng::new(graine(id));
    if tirages.is_empty() {
        tirages.push(Tirage {
            date: jour_ouvrable(&mut propre),
            heure: propre.pick(HEURES),
            lieu: lieux[propre.index(lieux.len())].clone(),
            remarque: propre.chance(40).then(|| propre.pick(REMARQUES)),
        });
    }
    let mut out: Vec<SeanceDemo> = Vec::new();
    for (i, t) in tirages.iter().enumerate().take(2) {
        // A second rhythm for one track in seven: a monthly one.
        if i == 1 && n < 3 {
            break;
        }
        let rythme = match (i, propre.weighted(&[55, 30, 15])) {
            (0, 0) => Rythme::Semaine(jour(t.date)),
            (_, 2) => mensuel(t.date, true),
            _ => mensuel(t.date, false),
        };
        if out.iter().any(|s| s.rythme == rythme) {
            continue;
        }
        // Monthly sessions skip the holidays always, weekly ones in a third of the centres.
        let sauf = match rythme {
            Rythme::Mois(..) => conges(rythme),
            Rythme::Semaine(_) if propre.chance(35) => conges(rythme),
            Rythme::Semaine(_) => Vec::new(),
        };
        out.push(SeanceDemo {
            rythme,
            heure: t.heure,
            sauf,
            lieu: t.lieu.clone(),
            remarque: t.remarque,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rhythms_on_weekdays_with_holiday_exceptions_that_fall_on_them() {
        let mut rng = Rng::new(9);
        let (mut hebdo, mut mensuels, mut doubles, mut avec_sauf) = (0, 0, 0, 0);
        for i in 0..400 {
            let s = seances(&mut rng, &["a".into(), "b".into()], &format!("f-{i}"));
            assert!((1..=2).contains(&s.len()));
            doubles += usize::from(s.len() == 2);
            for s in &s {
                let (Rythme::Semaine(j) | Rythme::Mois(_, j)) = s.rythme;
                assert!(!matches!(j, Jour::Samedi | Jour::Dimanche), "{}", s.rythme);
                match s.rythme {
                    Rythme::Semaine(_) => hebdo += 1,
                    Rythme::Mois(..) => mensuels += 1,
                }
                for d in &s.sauf {
                    assert!(s.rythme.tombe_le(*d) && CONGES_DE_NOEL.contains(d), "{d}");
                }
                avec_sauf += usize::from(!s.sauf.is_empty());
            }
        }
        assert!(hebdo > 100 && mensuels > 100, "{hebdo}/{mensuels}");
        assert!((20..=120).contains(&doubles), "{doubles}");
        assert!(avec_sauf > 50, "{avec_sauf}");
    }

    #[test]
    fn the_same_track_gets_the_same_sessions() {
        let tirer = || {
            let s = seances(&mut Rng::new(4), &["a".into()], "x-cuisine");
            s.iter()
                .map(|s| format!("{} {} {:?}", s.rythme, s.heure, s.sauf))
                .collect::<Vec<_>>()
        };
        assert_eq!(tirer(), tirer());
    }
}
