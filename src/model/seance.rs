//! Information sessions (*séances d'information*): one dated session, or a rhythm
//! (« chaque mardi », « chaque premier lundi du mois ») with an optional end and
//! exceptions, so that a centre holding them regularly need not edit its file every month.
//!
//! The rhythm is a scalar checked by the YAML reader (like [`Date`]): a misspelt day is
//! reported at its token. Its occurrences are computed in `resolve::seances`.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Heure, Jour, Texte};
use crate::text::did_you_mean;
use crate::yaml::{self, ScalarRule, Spanned};

// One entry of `seances_info`: `date` for one session, or `chaque` for a rhythm (`check`
// requires exactly one of them, the schema too).
/// Une séance d'information : « date » pour une séance, ou « chaque » pour des séances régulières.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [{"required": ["date"]}, {"required": ["chaque"]}]))]
pub struct SeanceInfo {
    /// Date d'une séance (AAAA-MM-JJ). Pour une séance régulière, écrivez plutôt « chaque ».
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// Séance régulière : un jour (« mardi » : chaque mardi) ou « premier lundi du mois »
    /// (premier, deuxième, troisième, quatrième ou dernier).
    #[serde(default)]
    pub chaque: Option<Spanned<Rythme>>,
    /// Heure de début (HH:MM).
    pub heure: Spanned<Heure>,
    /// Séance régulière : dernier jour possible (AAAA-MM-JJ ; facultatif).
    #[serde(default)]
    pub jusqu_au: Option<Spanned<Date>>,
    /// Séance régulière : jours sans séance (vacances, jours fériés), ex. [2026-12-29].
    #[serde(default)]
    pub sauf: Vec<Spanned<Date>>,
    /// Identifiant du lieu de la séance (par défaut, le premier lieu de la filière).
    #[serde(default)]
    pub lieu: Option<Texte>,
    /// Précision utile (ex. « sans rendez-vous », « se présenter à l'accueil »).
    #[serde(default)]
    pub remarque: Option<Texte>,
}

/// Which weekday of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rang {
    Premier,
    Deuxieme,
    Troisieme,
    Quatrieme,
    Dernier,
}

impl Rang {
    /// The words accepted in the files, the written one first.
    const MOTS: [(Rang, &'static [&'static str]); 5] = [
        (Rang::Premier, &["premier", "1er"]),
        (Rang::Deuxieme, &["deuxième", "deuxieme", "2e"]),
        (Rang::Troisieme, &["troisième", "troisieme", "3e"]),
        (Rang::Quatrieme, &["quatrième", "quatrieme", "4e"]),
        (Rang::Dernier, &["dernier"]),
    ];

    fn lire(mot: &str) -> Option<Rang> {
        Rang::MOTS
            .iter()
            .find(|(_, mots)| mots.contains(&mot))
            .map(|(r, _)| *r)
    }

    pub fn nom(self) -> &'static str {
        Rang::MOTS
            .iter()
            .find(|(r, _)| *r == self)
            .and_then(|(_, mots)| mots.first())
            .copied()
            .unwrap_or("premier")
    }
}

/// When a regular session comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rythme {
    /// Every week, on this day.
    Semaine(Jour),
    /// Once a month, on the n-th (or last) such day.
    Mois(Rang, Jour),
}

fn lire_jour(mot: &str) -> Option<Jour> {
    Jour::TOUS.into_iter().find(|j| j.nom() == mot)
}

impl Rythme {
    /// Reads `mardi` or `premier lundi du mois`; `Err` says what is wrong, in French.
    pub fn lire(text: &str) -> Result<Rythme, String> {
        let mots: Vec<&str> = text.split_whitespace().collect();
        let jour = |mot: &str| {
            lire_jour(mot).ok_or_else(|| {
                let minuscule = mot.to_lowercase();
                if let Some(j) = lire_jour(&minuscule) {
                    format!("« {mot} » : écrivez le jour en minuscules, « {} »", j.nom())
                } else {
                    let proche = did_you_mean(mot, Jour::TOUS.iter().map(|j| j.nom()))
                        .map(|j| format!(" (vouliez-vous dire « {j} » ?)"))
                        .unwrap_or_default();
                    format!("« {mot} » : jour inconnu{proche}")
                }
            })
        };
        match mots.as_slice() {
            [un] => jour(un).map(Rythme::Semaine),
            [rang, j, "du", "mois"] => {
                let rang = Rang::lire(rang).ok_or_else(|| {
                    format!("« {rang} » : rang inconnu dans « {} »", mots.join(" "))
                })?;
                jour(j).map(|j| Rythme::Mois(rang, j))
            }
            [] => Err("le rythme est vide".into()),
            _ => Err(format!("« {} » : rythme inconnu", mots.join(" "))),
        }
    }

    /// Whether a session of this rhythm falls on `d`.
    pub fn tombe_le(self, d: NaiveDate) -> bool {
        match self {
            Rythme::Semaine(j) => d.weekday() == j.jour_de_semaine(),
            Rythme::Mois(rang, j) => {
                if d.weekday() != j.jour_de_semaine() {
                    return false;
                }
                let semaine = (d.day() - 1) / 7;
                match rang {
                    Rang::Premier => semaine == 0,
                    Rang::Deuxieme => semaine == 1,
                    Rang::Troisieme => semaine == 2,
                    Rang::Quatrieme => semaine == 3,
                    // The last one: a week later is another month (or past chrono's end).
                    Rang::Dernier => d
                        .checked_add_days(Days::new(7))
                        .is_none_or(|w| w.month() != d.month()),
                }
            }
        }
    }

    /// In a sentence: « chaque mardi », « le premier lundi du mois ».
    pub fn en_clair(self) -> String {
        match self {
            Rythme::Semaine(j) => format!("chaque {}", j.nom()),
            Rythme::Mois(rang, j) => format!("le {} {} du mois", rang.nom(), j.nom()),
        }
    }
}

/// As written in the files: `mardi`, `premier lundi du mois`.
impl fmt::Display for Rythme {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Rythme::Semaine(j) => f.write_str(j.nom()),
            Rythme::Mois(rang, j) => write!(f, "{} {} du mois", rang.nom(), j.nom()),
        }
    }
}

impl Serialize for Rythme {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const RYTHME_RULE: ScalarRule = ScalarRule {
    name: "$__cispgen_Rythme",
    valid: |t| Rythme::lire(t).is_ok(),
    message: |t| Rythme::lire(t).err().unwrap_or_default(),
    hint: "écrivez un jour en minuscules pour chaque semaine (lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche), ou par exemple « premier lundi du mois » (premier, deuxième, troisième, quatrième ou dernier)",
    placeholder: "lundi",
};

impl<'de> Deserialize<'de> for Rythme {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RythmeVisitor;
        impl<'de> serde::de::Visitor<'de> for RythmeVisitor {
            type Value = Rythme;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("un jour (« mardi ») ou « premier lundi du mois »")
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Rythme, D::Error> {
                let text = String::deserialize(d)?;
                self.visit_str(&text)
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Rythme, E> {
                Rythme::lire(text).map_err(E::custom)
            }
        }
        yaml::deserialize_checked(d, &RYTHME_RULE, RythmeVisitor)
    }
}

impl JsonSchema for Rythme {
    fn schema_name() -> Cow<'static, str> {
        "Rythme".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            // As `Rythme::lire` reads it: a day alone, or rank, day and « du mois ».
            "pattern": "^\\s*((lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|(premier|1er|deuxi[eè]me|2e|troisi[eè]me|3e|quatri[eè]me|4e|dernier)\\s+(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+du\\s+mois)\\s*$",
            "examples": ["mardi", "premier lundi du mois", "dernier vendredi du mois"],
            "description": "Un jour (chaque semaine) ou « premier lundi du mois » (premier, deuxième, troisième, quatrième ou dernier)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn rhythms_are_read_in_plain_words() {
        let lu = |t: &str| Rythme::lire(t);
        assert_eq!(lu("mardi"), Ok(Rythme::Semaine(Jour::Mardi)));
        assert_eq!(lu(" mardi "), Ok(Rythme::Semaine(Jour::Mardi)));
        assert_eq!(
            lu("premier lundi du mois"),
            Ok(Rythme::Mois(Rang::Premier, Jour::Lundi))
        );
        assert_eq!(
            lu("troisieme jeudi  du mois"),
            Ok(Rythme::Mois(Rang::Troisieme, Jour::Jeudi))
        );
        assert_eq!(
            lu("dernier vendredi du mois"),
            Ok(Rythme::Mois(Rang::Dernier, Jour::Vendredi))
        );
        assert_eq!(
            lu("mardy").unwrap_err(),
            "« mardy » : jour inconnu (vouliez-vous dire « mardi » ?)"
        );
        assert_eq!(
            lu("Mardi").unwrap_err(),
            "« Mardi » : écrivez le jour en minuscules, « mardi »"
        );
        assert_eq!(
            lu("cinquième lundi du mois").unwrap_err(),
            "« cinquième » : rang inconnu dans « cinquième lundi du mois »"
        );
        assert_eq!(
            lu("tous les mardis").unwrap_err(),
            "« tous les mardis » : rythme inconnu"
        );
        assert!(lu("").is_err());
    }

    #[test]
    fn written_form_reads_back() {
        for j in Jour::TOUS {
            for r in [Rang::Premier, Rang::Deuxieme, Rang::Dernier] {
                for rythme in [Rythme::Semaine(j), Rythme::Mois(r, j)] {
                    assert_eq!(Rythme::lire(&rythme.to_string()), Ok(rythme));
                }
            }
        }
        assert_eq!(
            Rythme::Mois(Rang::Deuxieme, Jour::Mardi).en_clair(),
            "le deuxième mardi du mois"
        );
        assert_eq!(Rythme::Semaine(Jour::Mardi).en_clair(), "chaque mardi");
    }

    #[test]
    fn nth_and_last_weekdays_of_the_month() {
        let premier_lundi = Rythme::Mois(Rang::Premier, Jour::Lundi);
        assert!(premier_lundi.tombe_le(jour("2026-12-07")));
        assert!(!premier_lundi.tombe_le(jour("2026-12-14")));
        assert!(!premier_lundi.tombe_le(jour("2026-12-08")));
        let quatrieme = Rythme::Mois(Rang::Quatrieme, Jour::Mardi);
        assert!(quatrieme.tombe_le(jour("2026-12-22")));
        assert!(!quatrieme.tombe_le(jour("2026-12-29")));
        let dernier = Rythme::Mois(Rang::Dernier, Jour::Mardi);
        assert!(dernier.tombe_le(jour("2026-12-29")));
        assert!(!dernier.tombe_le(jour("2026-12-22")));
        // February of a leap year: the 29th is the last Thursday of 2024.
        let dernier_jeudi = Rythme::Mois(Rang::Dernier, Jour::Jeudi);
        assert!(dernier_jeudi.tombe_le(jour("2024-02-29")));
        assert!(!dernier_jeudi.tombe_le(jour("2024-02-22")));
        assert!(dernier_jeudi.tombe_le(jour("2027-02-25")));
        // chrono's last day has no week after it: no overflow.
        let _ = dernier_jeudi.tombe_le(NaiveDate::MAX);
    }
}
