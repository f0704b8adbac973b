//! A training track (*filière*) and its blocks: duration, entry, contact (its information
//! sessions are in `seance.rs`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Categorie, Date, Horaire, SeanceInfo, Secteur, Texte};
use crate::yaml::Spanned;

/// A training track.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Filiere {
    /// Identifiant de la filière, unique dans tout le catalogue (ex. « fournil-aide-boulanger »).
    pub id: Texte,
    /// Titre, en mots simples (ex. « Aide-boulanger »).
    pub titre: Texte,
    /// But principal de la filière.
    pub categorie: Categorie,
    /// Secteur d'activité.
    pub secteur: Secteur,
    /// Codes métier ROME v3 (ex. D1102). Obligatoires pour une formation professionnalisante.
    #[serde(default)]
    pub rome: Vec<Texte>,
    /// Identifiants des lieux où la filière est donnée (au moins un).
    #[serde(default)]
    pub lieux: Vec<Texte>,
    /// Durée de la formation.
    pub duree: Spanned<Duree>,
    /// Horaire.
    pub horaire: Horaire,
    /// Entrée permanente ou dates de début.
    pub entree: Spanned<Entree>,
    /// Séances d'information : une date (« - date: 2027-01-12 ») ou un rythme (« - chaque: mardi »).
    #[serde(default)]
    pub seances_info: Vec<Spanned<SeanceInfo>>,
    /// Pour qui, en mots simples (ex. « Adultes qui aiment le travail manuel. Pas de diplôme demandé. »).
    pub public: Texte,
    /// Stage en entreprise prévu ?
    #[serde(default)]
    pub stage: bool,
    /// Ce que la personne obtient à la fin (attestation, validation des compétences…).
    #[serde(default)]
    pub certification: Option<Texte>,
    /// Ce qu'on apprend, en Markdown.
    pub description: Texte,
    /// Personne à contacter pour cette filière (sinon, le contact du centre).
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Date de la dernière vérification de ces informations (AAAA-MM-JJ).
    pub mis_a_jour: Spanned<Date>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duree {
    /// Durée en semaines.
    #[serde(default)]
    pub semaines: Option<u32>,
    /// Durée en heures.
    #[serde(default)]
    pub heures: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entree {
    /// Entrée permanente : on peut commencer à tout moment.
    #[serde(default)]
    pub permanente: bool,
    /// Dates de début (AAAA-MM-JJ) quand l'entrée n'est pas permanente.
    #[serde(default)]
    pub dates: Vec<Spanned<Date>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Nom de la personne de contact.
    #[serde(default)]
    pub nom: Option<Texte>,
    /// Téléphone.
    #[serde(default)]
    pub telephone: Option<Texte>,
    /// Adresse e-mail.
    #[serde(default)]
    pub courriel: Option<Texte>,
}
