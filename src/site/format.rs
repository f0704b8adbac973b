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

/// « de Namur », « d'Arlon », « du Roeulx », « des Bons Villers ».
pub fn de_nom(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("du {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("des {rest}")
    } else if nom.starts_with([
        'A', 'E', 'I', 'O', 'U', 'Y', 'É', 'È', 'Ê', 'Â', 'Î', 'Ô', 'Œ', 'a', 'e', 'i', 'o', 'u',
        'é',
    ]) {
        format!("d'{nom}")
    } else {
        format!("de {nom}")
    }
}

/// « à Namur », « au Roeulx », « aux Bons Villers ».
pub fn a_nom(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("au {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("aux {rest}")
    } else {
        format!("à {nom}")
    }
}

/// The walk from a place to its station, for people without a car: « environ 10 min à
/// pied » from the straight-line distance, with a detour of 30 % at 4.5 km/h, to the
/// nearest 5 minutes. None beyond 2.5 km, where few people walk: the distance alone says it.
pub fn a_pied(km: f64) -> Option<String> {
    pas_a_pied(km).map(|pas| format!("environ {} min à pied", pas * 5))
}

/// The walk of [`a_pied`] in 5-minute steps (at least one), as the search index stores it.
pub fn pas_a_pied(km: f64) -> Option<u32> {
    if !km.is_finite() || km > 2.5 {
        return None;
    }
    Some((km.max(0.0) * 1.3 / 4.5 * 12.0).round().max(1.0) as u32)
}

/// A job title written with feminine marks in brackets, as it is read aloud: « Aide-
/// boulanger(ère) » → « Aide-boulanger ou aide-boulangère », « Employé(e) administratif(ve) »
/// → « Employé administratif ou employée administrative », « Livreur(euse) à vélo » →
/// « Livreur ou livreuse à vélo ». Only the words from the first marked one to the last are
/// repeated. A mark it cannot spell out leaves the title as written.
pub fn titre_lisible(titre: &str) -> String {
    let mots: Vec<&str> = titre.split(' ').collect();
    let marques: Vec<usize> = (0..mots.len()).filter(|&i| mots[i].contains('(')).collect();
    let (Some(&premier), Some(&dernier)) = (marques.first(), marques.last()) else {
        return titre.to_string();
    };
    let mut masculin = Vec::new();
    let mut feminin = Vec::new();
    for mot in mots.get(premier..=dernier).unwrap_or_default() {
        match feminin_de(mot) {
            Some((m, f)) => {
                masculin.push(m);
                feminin.push(f);
            }
            None if !mot.contains('(') => {
                masculin.push((*mot).to_string());
                feminin.push((*mot).to_string());
            }
            None => return titre.to_string(),
        }
    }
    let mut feminin = feminin.join(" ");
    if let Some(c) = feminin.chars().next() {
        feminin = c.to_lowercase().chain(feminin.chars().skip(1)).collect();
    }
    let avant = mots.get(..premier).unwrap_or_default().join(" ");
    let apres = mots.get(dernier + 1..).unwrap_or_default().join(" ");
    let milieu = format!("{} ou {feminin}", masculin.join(" "));
    [avant, milieu, apres]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// « boulanger(ère) » → (« boulanger », « boulangère »); None if the mark is not one of
/// the usual endings or is not at the end of the word.
fn feminin_de(mot: &str) -> Option<(String, String)> {
    let (base, reste) = mot.split_once('(')?;
    let (marque, fin) = reste.split_once(')')?;
    if base.is_empty() || !fin.chars().all(|c| !c.is_alphabetic()) {
        return None;
    }
    let feminin = match marque {
        "e" => format!("{base}e"),
        "ne" | "le" => format!("{base}{marque}"),
        "ère" => format!("{}ère", base.strip_suffix("er")?),
        "euse" => format!("{}euse", base.strip_suffix("eur")?),
        "rice" | "trice" => format!("{}trice", base.strip_suffix("teur")?),
        "ve" => format!("{}ve", base.strip_suffix('f')?),
        _ => return None,
    };
    Some((format!("{base}{fin}"), format!("{feminin}{fin}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_with_feminine_marks_read_aloud() {
        let cas = [
            ("Aide-boulanger(ère)", "Aide-boulanger ou aide-boulangère"),
            (
                "Employé(e) administratif(ve)",
                "Employé administratif ou employée administrative",
            ),
            ("Livreur(euse) à vélo", "Livreur ou livreuse à vélo"),
            (
                "Préparateur(trice) de commandes",
                "Préparateur ou préparatrice de commandes",
            ),
            (
                "Technicien(ne) PC et réseaux",
                "Technicien ou technicienne PC et réseaux",
            ),
            (
                "Préformation aide-soignant(e)",
                "Préformation aide-soignant ou aide-soignante",
            ),
            (
                "Ouvrier(ère) polyvalent(e) d'entretien des bâtiments",
                "Ouvrier polyvalent ou ouvrière polyvalente d'entretien des bâtiments",
            ),
            ("Menuiserie", "Menuiserie"),
            (
                "Français langue étrangère (FLE) : débutant",
                "Français langue étrangère (FLE) : débutant",
            ),
            ("Chauffeur(xyz)", "Chauffeur(xyz)"),
            ("Boulanger(ère", "Boulanger(ère"),
            ("(e)", "(e)"),
        ];
        for (ecrit, lu) in cas {
            assert_eq!(titre_lisible(ecrit), lu, "{ecrit}");
        }
    }

    #[test]
    fn french_prepositions_before_a_town_name() {
        assert_eq!(de_nom("Ottignies"), "d'Ottignies");
        assert_eq!(de_nom("Huy"), "de Huy", "h aspiré");
        assert_eq!(de_nom("Namur"), "de Namur");
        assert_eq!(de_nom("Arlon"), "d'Arlon");
        assert_eq!(de_nom("Le Roeulx"), "du Roeulx");
        assert_eq!(de_nom("Les Bons Villers"), "des Bons Villers");
        assert_eq!(a_nom("Namur"), "à Namur");
        assert_eq!(a_nom("Le Roeulx"), "au Roeulx");
        assert_eq!(a_nom("Les Bons Villers"), "aux Bons Villers");
    }

    #[test]
    fn walks_to_the_station_are_estimated_to_five_minutes() {
        assert_eq!(a_pied(0.0).as_deref(), Some("environ 5 min à pied"));
        assert_eq!(a_pied(0.7).as_deref(), Some("environ 10 min à pied"));
        assert_eq!(a_pied(2.0).as_deref(), Some("environ 35 min à pied"));
        assert_eq!(a_pied(3.0), None);
        assert_eq!(a_pied(f64::NAN), None);
    }

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
