//! Who runs a centre and how it teaches: its federation and its pedagogical method.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The five federations of CISP.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Federation {
    Aid,
    Aleap,
    Caips,
    LireEtEcrire,
    Unessa,
}

impl Federation {
    pub const ALL: [Federation; 5] = [
        Federation::Aid,
        Federation::Aleap,
        Federation::Caips,
        Federation::LireEtEcrire,
        Federation::Unessa,
    ];

    /// The id used in YAML, in paths and in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Federation::Aid => "aid",
            Federation::Aleap => "aleap",
            Federation::Caips => "caips",
            Federation::LireEtEcrire => "lire-et-ecrire",
            Federation::Unessa => "unessa",
        }
    }

    pub fn sigle(self) -> &'static str {
        match self {
            Federation::Aid => "AID",
            Federation::Aleap => "ALEAP",
            Federation::Caips => "CAIPS",
            Federation::LireEtEcrire => "Lire et Écrire",
            Federation::Unessa => "UNESSA",
        }
    }

    pub fn nom(self) -> &'static str {
        match self {
            Federation::Aid => "Action intégrée de développement (AID)",
            Federation::Aleap => "ALEAP",
            Federation::Caips => "CAIPS",
            Federation::LireEtEcrire => "Lire et Écrire en Wallonie",
            Federation::Unessa => "UNESSA",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Federation> {
        Federation::ALL.into_iter().find(|f| f.slug() == slug)
    }
}

/// Pedagogical method.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Methode {
    /// Entreprise de formation par le travail.
    #[serde(rename = "EFT")]
    Eft,
    /// Démarche de formation et d'insertion.
    #[serde(rename = "DéFi")]
    Defi,
}

impl Methode {
    pub fn sigle(self) -> &'static str {
        match self {
            Methode::Eft => "EFT",
            Methode::Defi => "DéFi",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Methode::Eft => "eft",
            Methode::Defi => "defi",
        }
    }

    /// The words behind the acronym, for `<abbr title>`.
    pub fn en_toutes_lettres(self) -> &'static str {
        match self {
            Methode::Eft => "entreprise de formation par le travail",
            Methode::Defi => "démarche de formation et d'insertion",
        }
    }

    pub fn explication(self) -> &'static str {
        match self {
            Methode::Eft => {
                "On apprend en travaillant pour de vrai, sur des chantiers ou dans un atelier."
            }
            Methode::Defi => "On apprend en cours, avec des exercices et parfois un stage.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for f in Federation::ALL {
            assert_eq!(Federation::from_slug(f.slug()), Some(f));
        }
    }
}
