//! The demo's calendar: the periods its dates are drawn from, on chrono (no clock, no
//! time zone: the same files whatever the day they are made).

use std::ops::RangeInclusive;

use chrono::{Days, NaiveDate, Weekday};

use super::hasard::Rng;

/// A date written in the code, for `const` items only: there an impossible date stops
/// the build instead of a run.
const fn jour(annee: i32, mois: u32, jour: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(annee, mois, jour) {
        Some(d) => d,
        None => panic!("date impossible"),
    }
}

/// Reviews of the 4 % of centres whose tracks are stale (more than a year before the
/// build date of the tests, 2026-11-23), and of the others.
pub(super) const REVUES_ANCIENNES: RangeInclusive<NaiveDate> =
    jour(2025, 9, 21)..=jour(2025, 11, 15);
pub(super) const REVUES_RECENTES: RangeInclusive<NaiveDate> =
    jour(2025, 12, 20)..=jour(2026, 11, 15);

/// Information sessions, and the Christmas holidays when there are none.
pub(super) const SEANCES: RangeInclusive<NaiveDate> = jour(2026, 12, 1)..=jour(2027, 6, 30);
pub(super) const CONGES_DE_NOEL: RangeInclusive<NaiveDate> = jour(2026, 12, 24)..=jour(2027, 1, 3);

/// The year tracks start in.
const ANNEE_DES_ENTREES: i32 = 2027;

/// A day drawn uniformly in `periode`.
pub(super) fn entre(rng: &mut Rng, periode: &RangeInclusive<NaiveDate>) -> NaiveDate {
    let (debut, fin) = (*periode.start(), *periode.end());
    let jours = fin.signed_duration_since(debut).num_days() + 1;
    let decalage = rng.below(jours.max(1) as u64);
    // Never past `fin`, so never out of chrono's range.
    debut.checked_add_days(Days::new(decalage)).unwrap_or(fin)
}

/// The first Monday of a month of [`ANNEE_DES_ENTREES`] (`None` for no such month).
pub(super) fn premier_lundi(mois: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(ANNEE_DES_ENTREES, mois, Weekday::Mon, 1)
}

/// `jours` days before `date`.
pub(super) fn avant(date: NaiveDate, jours: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(jours)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    /// The hand-written calendar chrono replaces (days since 1970-01-01, Howard Hinnant's
    /// `days_from_civil` and back), as the oracle of the chrono one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    struct Jr(i64);

    impl Jr {
        const fn du(y: i64, m: i64, d: i64) -> Jr {
            let y = if m <= 2 { y - 1 } else { y };
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let mp = (m + 9) % 12;
            let doy = (153 * mp + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            Jr(era * 146_097 + doe - 719_468)
        }

        fn civil(self) -> (i64, i64, i64) {
            let z = self.0 + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let d = doy - (153 * mp + 2) / 5 + 1;
            let m = if mp < 10 { mp + 3 } else { mp - 9 };
            (
                if m <= 2 {
                    yoe + era * 400 + 1
                } else {
                    yoe + era * 400
                },
                m,
                d,
            )
        }

        fn jour_semaine(self) -> i64 {
            (self.0 + 3).rem_euclid(7)
        }

        fn plus(self, jours: i64) -> Jr {
            Jr(self.0 + jours)
        }

        fn entre(rng: &mut Rng, debut: Jr, fin: Jr) -> Jr {
            Jr(debut.0 + rng.below((fin.0 - debut.0 + 1).max(1) as u64) as i64)
        }

        fn iso(self) -> String {
            let (y, m, d) = self.civil();
            format!("{y:04}-{m:02}-{d:02}")
        }
    }

    fn ancien(d: NaiveDate) -> Jr {
        Jr::du(
            i64::from(d.year()),
            i64::from(d.month()),
            i64::from(d.day()),
        )
    }

    /// Every day of 2025–2027 (the demo's dates run from 2025-09-01, a stale review less
    /// 20 days, to 2027-10-04, the last first Monday): same text, weekday and day
    /// arithmetic as the old calendar.
    #[test]
    fn chrono_gives_the_old_calendar_s_dates() {
        let fin = jour(2027, 12, 31);
        let jours = jour(2025, 1, 1).iter_days().take_while(|d| *d <= fin);
        let mut vus = 0;
        for (n, d) in jours.enumerate() {
            let jr = Jr::du(2025, 1, 1).plus(n as i64);
            assert_eq!(d.to_string(), jr.iso());
            assert_eq!(ancien(d), jr);
            assert_eq!(
                i64::from(d.weekday().num_days_from_monday()),
                jr.jour_semaine()
            );
            let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            assert_eq!(weekend, jr.jour_semaine() >= 5);
            for k in 0..21 {
                assert_eq!(avant(d, k).to_string(), jr.plus(-(k as i64)).iso());
            }
            vus += 1;
        }
        assert_eq!(vus, 3 * 365, "every day of 2025-2027");
        for mois in 1..=12 {
            let premier = Jr::du(2027, i64::from(mois), 1);
            let lundi = premier.plus((7 - premier.jour_semaine()) % 7);
            assert_eq!(
                premier_lundi(mois).map(|d| d.to_string()),
                Some(lundi.iso())
            );
        }
        for periode in [REVUES_ANCIENNES, REVUES_RECENTES, SEANCES] {
            let (debut, fin) = (ancien(*periode.start()), ancien(*periode.end()));
            let (mut a, mut b) = (Rng::new(42), Rng::new(42));
            for _ in 0..10_000 {
                assert_eq!(
                    entre(&mut a, &periode).to_string(),
                    Jr::entre(&mut b, debut, fin).iso()
                );
            }
        }
        let conges = ancien(*CONGES_DE_NOEL.start())..=ancien(*CONGES_DE_NOEL.end());
        assert_eq!(conges, Jr::du(2026, 12, 24)..=Jr::du(2027, 1, 3));
    }
}
