//! A centre file's blocks: the centre, its places (*lieux*) and their coordinates and access.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Federation, Filiere, Methode, Texte};
use crate::diag::FileId;
use crate::yaml::Spanned;

/// One centre file: the CISP, its places and its tracks.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Centre CISP",
    description = "Un fichier par centre : data/centres/<fédération>/<centre>.yaml"
)]
pub struct Centre {
    /// Identifiant du centre : minuscules, chiffres et tirets (ex. « le-fournil »). Il sert dans l'adresse de la page.
    pub id: Texte,
    /// Nom du centre, tel qu'il se présente.
    pub nom: Texte,
    /// Fédération dont le centre est membre.
    pub federation: Spanned<Federation>,
    /// Méthode pédagogique : EFT (formation par le travail) ou DéFi.
    pub methode: Methode,
    /// Site web (https://…).
    #[serde(default)]
    pub site_web: Option<Texte>,
    /// Téléphone principal (ex. « 04 123 45 67 »).
    #[serde(default)]
    pub telephone: Option<Texte>,
    /// Adresse e-mail de contact.
    #[serde(default)]
    pub courriel: Option<Texte>,
    /// Présentation courte, en Markdown (quelques phrases simples).
    #[serde(default)]
    pub presentation: Option<Texte>,
    /// Les lieux où le centre forme.
    #[serde(default)]
    pub lieux: Vec<Spanned<Lieu>>,
    /// Les filières (formations) du centre.
    #[serde(default)]
    pub filieres: Vec<Spanned<Filiere>>,
    /// The file this centre was read from.
    #[serde(skip)]
    #[schemars(skip)]
    pub fichier: FileId,
    /// Places and tracks of the file that could not be read (already reported), so that
    /// `check` does not add misleading follow-on messages about them.
    #[serde(skip)]
    #[schemars(skip)]
    pub illisibles: Illisibles,
}

#[derive(Debug, Clone, Default)]
pub struct Illisibles {
    pub lieux: usize,
    pub filieres: usize,
    /// Their `id:` when it could be read.
    pub ids: std::collections::BTreeSet<String>,
}

/// A training place.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lieu {
    /// Identifiant du lieu, unique dans tout le catalogue (ex. « fournil-seraing »).
    pub id: Texte,
    /// Nom du lieu (ex. « Atelier de Seraing »).
    pub nom: Texte,
    /// Rue et numéro.
    pub rue: Texte,
    /// Code postal belge à 4 chiffres.
    pub code_postal: Texte,
    /// Localité (section de commune), ex. « Jemeppe-sur-Meuse ».
    pub localite: Texte,
    /// Coordonnées GPS (WGS84). Facultatif : sans elles, le lieu est placé au centre de sa localité.
    #[serde(default)]
    pub coordonnees: Option<Spanned<Coordonnees>>,
    /// Accès au lieu.
    #[serde(default)]
    pub acces: Option<Acces>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coordonnees {
    /// Latitude en degrés décimaux (Wallonie : entre 49,4 et 50,9).
    pub lat: f64,
    /// Longitude en degrés décimaux (Wallonie : entre 2,8 et 6,5).
    pub lon: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acces {
    /// Accessible en fauteuil roulant ?
    #[serde(default)]
    pub fauteuil_roulant: Option<bool>,
    /// Comment venir en transports en commun (bus, train), en mots simples.
    #[serde(default)]
    pub transports: Option<Texte>,
}
