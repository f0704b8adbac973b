//! The scalar types of the files, [`Date`] and [`Heure`]: their parsing, the rule the YAML
//! reader checks them with, and their JSON Schema.

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::yaml::{self, ScalarRule};

/// A calendar date, written `AAAA-MM-JJ` in the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub chrono::NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .map(Date)
    }
}

impl Default for Date {
    fn default() -> Self {
        Date(chrono::NaiveDate::MIN)
    }
}

impl fmt::Display for Date {
    /// `2026-11-23`: chrono's own ISO display, the text of `format("%Y-%m-%d")` without
    /// parsing a format string at each of the thousands of dates a build writes.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// What the YAML reader says of a bad date or time (see `yaml::ScalarRule`); the names are
// those the types ask serde for.
const DATE_RULE: ScalarRule = ScalarRule {
    name: "$__cispgen_Date",
    valid: |t| Date::parse(t).is_some(),
    message: |t| format!("« {t} » n'est pas une date valable"),
    hint: "écrivez la date sous la forme AAAA-MM-JJ, par exemple 2027-03-15 pour le 15 mars 2027",
    placeholder: "1970-01-01",
};

const HEURE_RULE: ScalarRule = ScalarRule {
    name: "$__cispgen_Heure",
    valid: |t| Heure::parse(t).is_some(),
    message: |t| format!("« {t} » n'est pas une heure valable"),
    hint: "écrivez l'heure sous la forme HH:MM, par exemple 09:30 ou 14:00",
    placeholder: "00:00",
};

/// Reads a string through `deserialize_newtype_struct` and parses it.
struct ParsedVisitor<T> {
    parse: fn(&str) -> Option<T>,
    what: &'static str,
}

impl<'de, T> serde::de::Visitor<'de> for ParsedVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        self.visit_str(&text)
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).ok_or_else(|| E::custom(format!("« {text} » : on attend {}", self.what)))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::deserialize_checked(
            d,
            &DATE_RULE,
            ParsedVisitor {
                parse: Date::parse,
                what: "une date AAAA-MM-JJ",
            },
        )
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // As `Date::parse` reads it (`2027-1-5` too, and any number of digits in the year). No `"format": "date"`: editors
        // would then refuse the one-digit months that `check` accepts.
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*[+-]?[0-9]+-[0-9]{1,2}-[0-9]{1,2}\\s*$",
            "description": "Date au format AAAA-MM-JJ"
        })
    }
}

/// A time of day, written `HH:MM` (or `9h30`) in the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Heure {
    pub heures: u8,
    pub minutes: u8,
}

impl Heure {
    pub fn parse(text: &str) -> Option<Heure> {
        let text = text.trim().to_lowercase();
        let (h, m) = text
            .split_once(':')
            .or_else(|| text.split_once('h'))
            .unwrap_or((text.as_str(), "0"));
        let heures: u8 = h.trim().parse().ok()?;
        let minutes: u8 = if m.trim().is_empty() {
            0
        } else {
            m.trim().parse().ok()?
        };
        (heures < 24 && minutes < 60).then_some(Heure { heures, minutes })
    }
}

impl fmt::Display for Heure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.heures, self.minutes)
    }
}

impl Serialize for Heure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Heure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        yaml::deserialize_checked(
            d,
            &HEURE_RULE,
            ParsedVisitor {
                parse: Heure::parse,
                what: "une heure HH:MM",
            },
        )
    }
}

impl JsonSchema for Heure {
    fn schema_name() -> Cow<'static, str> {
        "Heure".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // As `Heure::parse` reads it: `09:30`, `9h30`, `14h`, or a bare hour (`9`, which
        // YAML reads as a number).
        schemars::json_schema!({
            "description": "Heure au format HH:MM (ex. 09:30)",
            "anyOf": [
                {
                    "type": "string",
                    "pattern": "^\\s*\\+?0*(1?[0-9]|2[0-3])\\s*([:hH]\\s*(\\+?0*[1-5]?[0-9])?\\s*)?$"
                },
                {"type": "integer", "minimum": 0, "maximum": 23}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ecrite_comme_le_format_iso() {
        for d in [
            chrono::NaiveDate::MIN,
            chrono::NaiveDate::MAX,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
            chrono::NaiveDate::from_ymd_opt(999, 12, 31).unwrap_or_default(),
        ] {
            assert_eq!(Date(d).to_string(), d.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn heure_accepts_common_forms() {
        assert_eq!(
            Heure::parse("09:30").map(|h| h.to_string()).as_deref(),
            Some("09:30")
        );
        assert_eq!(
            Heure::parse("9h30").map(|h| h.to_string()).as_deref(),
            Some("09:30")
        );
        assert_eq!(
            Heure::parse("14h").map(|h| h.to_string()).as_deref(),
            Some("14:00")
        );
        assert_eq!(Heure::parse("25:00"), None);
        assert_eq!(Heure::parse("midi"), None);
    }

    #[test]
    fn date_is_iso_only() {
        assert!(Date::parse("2027-03-15").is_some());
        assert!(Date::parse("15/03/2027").is_none());
        assert!(Date::parse("2027-02-30").is_none());
    }

    #[test]
    fn bad_dates_and_times_are_reported_by_the_yaml_reader_and_reading_goes_on() {
        #[derive(Debug, Deserialize)]
        struct Seance {
            date: Date,
            heure: Heure,
        }
        let read = |text: &str, findings: &mut Vec<crate::diag::Diagnostic>| {
            let node = yaml::parse(text, crate::diag::FileId(0))
                .ok()
                .flatten()
                .expect("valid yaml");
            yaml::from_node::<Seance>(&node, findings)
        };
        let mut findings = Vec::new();
        let seance = read("date: 2027-03-15\nheure: 9h30\n", &mut findings).expect("reads");
        assert_eq!(seance.date.to_string(), "2027-03-15");
        assert_eq!(seance.heure.to_string(), "09:30");
        assert!(findings.is_empty());
        let read = read("date: 15/03/2027\nheure: midi\n", &mut findings);
        assert_eq!(read.expect_err("recovered").message, yaml::RECOVERED);
        let said: Vec<(&str, &str)> = findings
            .iter()
            .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            said,
            [
                ("« 15/03/2027 » n'est pas une date valable", DATE_RULE.hint),
                ("« midi » n'est pas une heure valable", HEURE_RULE.hint),
            ]
        );
    }
}
