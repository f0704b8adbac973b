//! How tracks are classified for browsing: by aim (*catégorie*) and by sector.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The priority aim of a track.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Categorie {
    /// Orientation professionnelle : trouver son métier.
    Orientation,
    /// Formation de base : lire, écrire, calculer, français, numérique.
    FormationDeBase,
    /// Formation professionnalisante : apprendre un métier.
    FormationProfessionnalisante,
}

impl Categorie {
    pub const ALL: [Categorie; 3] = [
        Categorie::Orientation,
        Categorie::FormationDeBase,
        Categorie::FormationProfessionnalisante,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Categorie::Orientation => "orientation",
            Categorie::FormationDeBase => "formation-de-base",
            Categorie::FormationProfessionnalisante => "formation-professionnalisante",
        }
    }

    pub fn nom(self) -> &'static str {
        match self {
            Categorie::Orientation => "Orientation",
            Categorie::FormationDeBase => "Formation de base",
            Categorie::FormationProfessionnalisante => "Apprendre un métier",
        }
    }

    /// What it means, in plain words.
    pub fn explication(self) -> &'static str {
        match self {
            Categorie::Orientation => "Trouver le métier qui me plaît.",
            Categorie::FormationDeBase => {
                "Lire, écrire, calculer, parler français, utiliser un ordinateur."
            }
            Categorie::FormationProfessionnalisante => {
                "Apprendre un métier, souvent avec un stage."
            }
        }
    }

    pub fn from_slug(slug: &str) -> Option<Categorie> {
        Categorie::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

/// Sector of activity, for browsing and for the pictograms.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Secteur {
    Batiment,
    Horeca,
    Alimentation,
    Nettoyage,
    EspacesVerts,
    AideAuxPersonnes,
    Bureau,
    Informatique,
    Logistique,
    Vente,
    Couture,
    Mecanique,
    Spectacle,
    SavoirsDeBase,
    Francais,
    Orientation,
}

impl Secteur {
    pub const ALL: [Secteur; 16] = [
        Secteur::Batiment,
        Secteur::Horeca,
        Secteur::Alimentation,
        Secteur::Nettoyage,
        Secteur::EspacesVerts,
        Secteur::AideAuxPersonnes,
        Secteur::Bureau,
        Secteur::Informatique,
        Secteur::Logistique,
        Secteur::Vente,
        Secteur::Couture,
        Secteur::Mecanique,
        Secteur::Spectacle,
        Secteur::SavoirsDeBase,
        Secteur::Francais,
        Secteur::Orientation,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Secteur::Batiment => "batiment",
            Secteur::Horeca => "horeca",
            Secteur::Alimentation => "alimentation",
            Secteur::Nettoyage => "nettoyage",
            Secteur::EspacesVerts => "espaces-verts",
            Secteur::AideAuxPersonnes => "aide-aux-personnes",
            Secteur::Bureau => "bureau",
            Secteur::Informatique => "informatique",
            Secteur::Logistique => "logistique",
            Secteur::Vente => "vente",
            Secteur::Couture => "couture",
            Secteur::Mecanique => "mecanique",
            Secteur::Spectacle => "spectacle",
            Secteur::SavoirsDeBase => "savoirs-de-base",
            Secteur::Francais => "francais",
            Secteur::Orientation => "orientation",
        }
    }

    pub fn nom(self) -> &'static str {
        match self {
            Secteur::Batiment => "Bâtiment et rénovation",
            Secteur::Horeca => "Cuisine et salle (horeca)",
            Secteur::Alimentation => "Boulangerie et alimentation",
            Secteur::Nettoyage => "Nettoyage",
            Secteur::EspacesVerts => "Espaces verts et jardins",
            Secteur::AideAuxPersonnes => "Aide aux personnes",
            Secteur::Bureau => "Travail de bureau",
            Secteur::Informatique => "Informatique et numérique",
            Secteur::Logistique => "Magasin et logistique",
            Secteur::Vente => "Vente et magasin",
            Secteur::Couture => "Couture et textile",
            Secteur::Mecanique => "Mécanique et vélo",
            Secteur::Spectacle => "Spectacle et événements",
            Secteur::SavoirsDeBase => "Lire, écrire, calculer",
            Secteur::Francais => "Apprendre le français",
            Secteur::Orientation => "Choisir un métier",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Secteur> {
        Secteur::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for c in Categorie::ALL {
            assert_eq!(Categorie::from_slug(c.slug()), Some(c));
        }
        for s in Secteur::ALL {
            assert_eq!(Secteur::from_slug(s.slug()), Some(s));
        }
    }
}
