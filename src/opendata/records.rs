//! The records of `catalogue.json`, and its JSON Schema generated from them (schemars):
//! field names are the data format's own, documented for reusers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Categorie, Date, Federation, Heure, Jour, Methode, Moment, Secteur};
use crate::resolve::Precision;
use crate::site::urls::URL_SCHEMA;

// ---------------------------------------------------------------------------------------
// The open catalogue (catalogue.json) and its schema
// ---------------------------------------------------------------------------------------

/// Le catalogue des formations CISP de Wallonie publié par cisp.be.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Catalogue cisp.be")]
pub struct CatalogueOuvert {
    /// Version du format de ce fichier. Elle change quand un champ change de sens ou disparaît.
    pub version: u32,
    /// Date à laquelle le fichier a été produit (AAAA-MM-JJ). Les séances et dates de début passées à cette date sont retirées.
    pub date: Date,
    /// Licence des données : CC-BY-4.0 (Creative Commons Attribution 4.0).
    pub licence: String,
    /// Mention à faire en réutilisant les données.
    pub attribution: String,
    /// Adresse du site d'où viennent les données.
    pub source: String,
    /// Les centres, triés par identifiant.
    pub centres: Vec<CentreOuvert>,
    /// Les lieux de formation, triés par identifiant.
    pub lieux: Vec<LieuOuvert>,
    /// Les filières (formations), triées par identifiant.
    pub filieres: Vec<FiliereOuverte>,
}

/// Un centre d'insertion socioprofessionnelle (CISP). Ses lieux et ses filières sont ceux
/// dont le champ « centre » porte son identifiant.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CentreOuvert {
    /// Identifiant stable du centre.
    pub id: String,
    pub nom: String,
    /// Page du centre sur cisp.be.
    pub url: String,
    /// Fédération dont le centre est membre.
    pub federation: Federation,
    /// Méthode pédagogique : EFT (formation par le travail) ou DéFi.
    pub methode: Methode,
    pub site_web: Option<String>,
    /// Téléphone, au format international (+32…) quand il est valable.
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    /// Présentation, en Markdown.
    pub presentation: Option<String>,
}

/// Comment le point d'un lieu a été trouvé.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrecisionOuverte {
    /// Coordonnées données par le centre.
    Exacte,
    /// Centre de la localité (section de commune) de l'adresse.
    Localite,
    /// Centre de la commune de l'adresse.
    Commune,
}

impl From<Precision> for PrecisionOuverte {
    fn from(p: Precision) -> Self {
        match p {
            Precision::Exacte => PrecisionOuverte::Exacte,
            Precision::Localite => PrecisionOuverte::Localite,
            Precision::Commune => PrecisionOuverte::Commune,
        }
    }
}

/// Une commune (code INS/NIS de Statbel).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommuneOuverte {
    /// Code INS (REFNIS 2025), ex. 62063.
    pub nis: String,
    pub nom: String,
    pub province: String,
}

/// Un bassin EFE (Enseignement qualifiant – Formation – Emploi).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BassinOuvert {
    /// Identifiant, ex. « hainaut-sud ».
    pub id: String,
    pub nom: String,
}

/// La gare la plus proche d'un lieu.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GareOuverte {
    /// Identifiant iRail / SNCB.
    pub id: String,
    pub nom: String,
    /// Distance à vol d'oiseau, en km (1 décimale).
    pub km: f64,
}

/// Un lieu de formation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LieuOuvert {
    /// Identifiant stable du lieu.
    pub id: String,
    pub nom: String,
    /// Identifiant du centre.
    pub centre: String,
    /// Page du lieu sur cisp.be.
    pub url: String,
    pub rue: String,
    pub code_postal: String,
    pub localite: String,
    pub commune: CommuneOuverte,
    pub bassin: Option<BassinOuvert>,
    /// Latitude WGS84, 6 décimales au plus.
    pub lat: f64,
    /// Longitude WGS84, 6 décimales au plus.
    pub lon: f64,
    pub precision: PrecisionOuverte,
    pub gare: Option<GareOuverte>,
    pub fauteuil_roulant: Option<bool>,
    /// Comment venir en transports en commun.
    pub transports: Option<String>,
    /// Identifiants des filières données dans ce lieu, triés.
    pub filieres: Vec<String>,
}

/// Un code métier ROME v3.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RomeOuvert {
    /// Code, ex. D1102.
    pub code: String,
    pub libelle: String,
    /// Domaine, ex. D11.
    pub domaine: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DureeOuverte {
    pub semaines: Option<u32>,
    pub heures: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HoraireOuvert {
    pub jours: Vec<Jour>,
    pub heures_par_semaine: Option<f64>,
    pub moment: Moment,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntreeOuverte {
    /// Entrée permanente : on peut commencer à tout moment.
    pub permanente: bool,
    /// Prochaines dates de début.
    pub dates: Vec<Date>,
}

/// Une séance d'information à venir.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeanceOuverte {
    pub date: Date,
    /// Heure de début, HH:MM (heure de Bruxelles).
    pub heure: Heure,
    /// Identifiant du lieu de la séance.
    pub lieu: Option<String>,
    pub remarque: Option<String>,
    /// Quand la séance revient régulièrement : « chaque mardi », « le premier lundi du mois ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rythme: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactOuvert {
    /// Personne de contact pour la filière.
    pub nom: Option<String>,
    /// Téléphone de la filière, sinon du centre (format international quand il est valable).
    pub telephone: Option<String>,
    /// Courriel de la filière, sinon du centre.
    pub courriel: Option<String>,
}

/// Une filière de formation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FiliereOuverte {
    /// Identifiant stable de la filière.
    pub id: String,
    pub titre: String,
    /// Page de la filière sur cisp.be.
    pub url: String,
    /// Fiche à imprimer.
    pub fiche: String,
    /// Identifiant du centre.
    pub centre: String,
    pub categorie: Categorie,
    pub secteur: Secteur,
    /// Codes métier ROME v3 visés.
    pub rome: Vec<RomeOuvert>,
    /// Identifiants des lieux où la filière est donnée, triés.
    pub lieux: Vec<String>,
    pub duree: DureeOuverte,
    pub horaire: HoraireOuvert,
    pub entree: EntreeOuverte,
    /// Prochaines séances d'information, de la plus proche à la plus lointaine.
    pub seances: Vec<SeanceOuverte>,
    /// Pour qui, en mots simples.
    pub public: String,
    /// Stage en entreprise prévu.
    pub stage: bool,
    pub certification: Option<String>,
    /// Ce qu'on apprend, en Markdown.
    pub description: String,
    pub contact: ContactOuvert,
    /// Date de la dernière vérification par le centre.
    pub mis_a_jour: Date,
}

/// The JSON Schema of `catalogue.json`, generated from [`CatalogueOuvert`].
pub fn schema_json(base_url: &str) -> String {
    let mut schema = schemars::schema_for!(CatalogueOuvert);
    schema.insert("$id".into(), format!("{base_url}{URL_SCHEMA}").into());
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
