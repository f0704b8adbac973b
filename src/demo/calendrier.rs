//! The demo's calendar: days since 1970-01-01; no clock, no time zone.

use super::hasard::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Jr(i64);

impl Jr {
    /// Howard Hinnant's `days_from_civil`.
    pub(super) const fn du(y: i64, m: i64, d: i64) -> Jr {
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

    /// 0 = Monday … 6 = Sunday.
    pub(super) fn jour_semaine(self) -> i64 {
        (self.0 + 3).rem_euclid(7)
    }

    pub(super) fn plus(self, jours: i64) -> Jr {
        Jr(self.0 + jours)
    }

    pub(super) fn entre(rng: &mut Rng, debut: Jr, fin: Jr) -> Jr {
        Jr(debut.0 + rng.below((fin.0 - debut.0 + 1).max(1) as u64) as i64)
    }

    pub(super) fn iso(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert_eq!(Jr::du(1970, 1, 1), Jr(0));
        assert_eq!(Jr::du(2027, 3, 15).iso(), "2027-03-15");
        assert_eq!(Jr::du(2024, 2, 29).plus(1).iso(), "2024-03-01");
        assert_eq!(Jr::du(2026, 11, 23).jour_semaine(), 0); // a Monday
    }
}
