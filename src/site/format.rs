//! How dates, durations, distances and phone numbers are said on the pages: in French,
//! in the words people use.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::{Date, Duree, Entree, Heure, Horaire, Jour};

const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn jour_de_semaine(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

fn mois(d: NaiveDate) -> &'static str {
    MOIS.get(d.month0() as usize).copied().unwrap_or("")
}

/// « 3 décembre 2026 » (« 1er » for the first of the month).
pub fn date(d: NaiveDate) -> String {
    let jour = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!("{jour} {} {}", mois(d), d.year())
}

/// « jeudi 3 décembre 2026 ».
pub fn date_longue(d: NaiveDate) -> String {
    format!("{} {}", jour_de_semaine(d), date(d))
}

/// « 9 h 30 », « 14 h ».
pub fn heure(h: Heure) -> String {
    if h.minutes == 0 {
        format!("{} h", h.heures)
    } else {
        format!("{} h {:02}", h.heures, h.minutes)
    }
}

/// « mis à jour ce mois-ci », « il y a 1 mois », « il y a 14 mois ».
pub fn anciennete(depuis: NaiveDate, today: NaiveDate) -> String {
    let months = (today.year() - depuis.year()) * 12 + today.month() as i32
        - depuis.month() as i32
        - i32::from(today.day() < depuis.day());
    match months {
        i32::MIN..=0 => "ce mois-ci".to_string(),
        1 => "il y a 1 mois".to_string(),
        n => format!("il y a {n} mois"),
    }
}

/// Months between two dates, for freshness badges.
pub fn mois_depuis(depuis: NaiveDate, today: NaiveDate) -> i64 {
    (today - depuis).num_days() / 30
}

/// A number with a thin space every three digits: « 1 200 ».
pub fn nombre(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// « 40 semaines (1 200 heures) ».
pub fn duree(d: &Duree) -> String {
    let semaines = d.semaines.map(|s| {
        if s == 1 {
            "1 semaine".to_string()
        } else {
            format!("{s} semaines")
        }
    });
    let heures = d.heures.map(|h| format!("{} heures", nombre(h)));
    match (semaines, heures) {
        (Some(s), Some(h)) => format!("{s} ({h})"),
        (Some(s), None) => s,
        (None, Some(h)) => h,
        (None, None) => "à demander au centre".to_string(),
    }
}

/// « du lundi au jeudi », « lundi, mercredi et vendredi ».
pub fn jours(jours: &[Jour]) -> String {
    let mut sorted = jours.to_vec();
    sorted.sort();
    sorted.dedup();
    let consecutive = sorted.windows(2).all(|w| w[1] as u8 == w[0] as u8 + 1);
    match sorted.as_slice() {
        [] => String::new(),
        [one] => format!("le {}", one.nom()),
        [first, .., last] if consecutive && sorted.len() >= 3 => {
            format!("du {} au {}", first.nom(), last.nom())
        }
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(|j| j.nom()).collect();
            format!("{} et {}", head.join(", "), last.nom())
        }
    }
}

/// « 30 heures par semaine, du lundi au jeudi, en journée ».
pub fn horaire(h: &Horaire) -> String {
    let mut parts = Vec::new();
    if let Some(n) = h.heures_par_semaine.as_ref().map(|n| n.value) {
        let n = if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            format!("{n:.1}").replace('.', ",")
        };
        parts.push(format!("{n} heures par semaine"));
    }
    let j = jours(&h.jours);
    if !j.is_empty() {
        parts.push(j);
    }
    parts.push(h.moment.nom().to_string());
    let text = parts.join(", ");
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// « Vous pouvez commencer à tout moment. » or the next start dates (`prochains`: those
/// from the build date on, see `Catalogue::debuts_a_venir`).
pub fn entree(e: &Entree, prochains: &[Date]) -> String {
    if e.permanente {
        return "Vous pouvez commencer à tout moment (entrée permanente).".to_string();
    }
    let next: Vec<String> = prochains.iter().map(|d| date(d.0)).collect();
    match next.as_slice() {
        [] => "Prochain début : demandez la date au centre.".to_string(),
        [one] => format!("Prochain début : {one}."),
        many => format!("Prochains débuts : {}.", many.join(", ")),
    }
}

/// The phone number as people read it: `+3241234567` → « 04 123 45 67 ».
pub fn telephone_affiche(tel: &str) -> String {
    let Some(national) = tel.strip_prefix("+32") else {
        return tel.to_string();
    };
    let n = format!("0{national}");
    let groups: Vec<&str> = match n.len() {
        // Mobile: 0471 12 34 56
        10 => vec![&n[..4], &n[4..6], &n[6..8], &n[8..]],
        // Brussels, Antwerp, Liège, Ghent have one-digit zones: 04 123 45 67
        9 if matches!(&n[..2], "02" | "03" | "04" | "09") => {
            vec![&n[..2], &n[2..5], &n[5..7], &n[7..]]
        }
        9 => vec![&n[..3], &n[3..5], &n[5..7], &n[7..]],
        _ => vec![n.as_str()],
    };
    groups.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Moment;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn dates_in_french() {
        assert_eq!(date_longue(d("2026-12-03")), "jeudi 3 décembre 2026");
        assert_eq!(date(d("2027-02-01")), "1er février 2027");
        assert_eq!(
            heure(Heure {
                heures: 9,
                minutes: 30
            }),
            "9 h 30"
        );
        assert_eq!(
            heure(Heure {
                heures: 14,
                minutes: 0
            }),
            "14 h"
        );
    }

    #[test]
    fn freshness() {
        assert_eq!(anciennete(d("2026-11-02"), d("2026-11-23")), "ce mois-ci");
        assert_eq!(
            anciennete(d("2026-10-23"), d("2026-11-23")),
            "il y a 1 mois"
        );
        assert_eq!(anciennete(d("2026-10-24"), d("2026-11-23")), "ce mois-ci");
        assert_eq!(
            anciennete(d("2025-09-01"), d("2026-11-23")),
            "il y a 14 mois"
        );
    }

    #[test]
    fn durations_and_schedules() {
        assert_eq!(
            duree(&Duree {
                semaines: Some(40),
                heures: Some(1200)
            }),
            "40 semaines (1\u{202f}200 heures)"
        );
        let h = Horaire {
            jours: vec![Jour::Jeudi, Jour::Lundi, Jour::Mardi, Jour::Mercredi],
            heures_par_semaine: Some(crate::yaml::Spanned::new(Default::default(), 30.0)),
            moment: Moment::Jour,
        };
        assert_eq!(
            horaire(&h),
            "30 heures par semaine, du lundi au jeudi, en journée"
        );
        assert_eq!(
            jours(&[Jour::Lundi, Jour::Mercredi, Jour::Vendredi]),
            "lundi, mercredi et vendredi"
        );
    }

    #[test]
    fn phones_read_naturally() {
        assert_eq!(telephone_affiche("+3241234567"), "04 123 45 67");
        assert_eq!(telephone_affiche("+3271000123"), "071 00 01 23");
        assert_eq!(telephone_affiche("+32471123456"), "0471 12 34 56");
        assert_eq!(telephone_affiche("+35227123456"), "+35227123456");
    }
}
