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
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn first_mondays_and_days_before() {
        let lundis: Vec<String> = [1, 2, 3, 4, 5, 9, 10]
            .into_iter()
            .filter_map(premier_lundi)
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            lundis,
            [
                "2027-01-04",
                "2027-02-01",
                "2027-03-01",
                "2027-04-05",
                "2027-05-03",
                "2027-09-06",
                "2027-10-04"
            ]
        );
        assert_eq!(premier_lundi(13), None);
        assert_eq!(avant(jour(2024, 3, 1), 1).to_string(), "2024-02-29");
        assert_eq!(avant(jour(2026, 1, 5), 20).to_string(), "2025-12-16");
    }

    #[test]
    fn draws_cover_their_period_and_no_more() {
        let mut rng = Rng::new(42);
        for periode in [REVUES_ANCIENNES, REVUES_RECENTES, SEANCES] {
            let vus: BTreeSet<NaiveDate> = (0..10_000).map(|_| entre(&mut rng, &periode)).collect();
            let jours = periode.end().signed_duration_since(*periode.start());
            assert_eq!(vus.len() as i64, jours.num_days() + 1, "{periode:?}");
            assert!(vus.iter().all(|d| periode.contains(d)), "{periode:?}");
        }
        let seul = jour(2027, 1, 4)..=jour(2027, 1, 4);
        assert_eq!(entre(&mut rng, &seul), jour(2027, 1, 4));
    }
}
