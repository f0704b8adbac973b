//! When a track is given: its days, weekly hours and time of day.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::yaml::Spanned;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Horaire {
    /// Jours de formation.
    #[serde(default)]
    pub jours: Vec<Jour>,
    /// Heures de formation par semaine.
    #[serde(default)]
    pub heures_par_semaine: Option<Spanned<f32>>,
    /// En journée ou le soir.
    #[serde(default)]
    pub moment: Moment,
}

impl Horaire {
    /// Under 30 hours a week counts as part-time for trainees looking for one.
    pub fn temps_partiel(&self) -> bool {
        self.heures_par_semaine
            .as_ref()
            .is_some_and(|h| h.value < 30.0)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Jour {
    Lundi,
    Mardi,
    Mercredi,
    Jeudi,
    Vendredi,
    Samedi,
    Dimanche,
}

impl Jour {
    /// The week, Monday first.
    pub const TOUS: [Jour; 7] = [
        Jour::Lundi,
        Jour::Mardi,
        Jour::Mercredi,
        Jour::Jeudi,
        Jour::Vendredi,
        Jour::Samedi,
        Jour::Dimanche,
    ];

    pub fn jour_de_semaine(self) -> chrono::Weekday {
        match self {
            Jour::Lundi => chrono::Weekday::Mon,
            Jour::Mardi => chrono::Weekday::Tue,
            Jour::Mercredi => chrono::Weekday::Wed,
            Jour::Jeudi => chrono::Weekday::Thu,
            Jour::Vendredi => chrono::Weekday::Fri,
            Jour::Samedi => chrono::Weekday::Sat,
            Jour::Dimanche => chrono::Weekday::Sun,
        }
    }

    pub fn nom(self) -> &'static str {
        match self {
            Jour::Lundi => "lundi",
            Jour::Mardi => "mardi",
            Jour::Mercredi => "mercredi",
            Jour::Jeudi => "jeudi",
            Jour::Vendredi => "vendredi",
            Jour::Samedi => "samedi",
            Jour::Dimanche => "dimanche",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    /// En journée.
    #[default]
    Jour,
    /// En soirée.
    Soir,
    /// En journée et en soirée.
    JourEtSoir,
}

impl Moment {
    pub fn nom(self) -> &'static str {
        match self {
            Moment::Jour => "en journée",
            Moment::Soir => "le soir",
            Moment::JourEtSoir => "en journée et le soir",
        }
    }

    pub fn soir(self) -> bool {
        matches!(self, Moment::Soir | Moment::JourEtSoir)
    }
}
