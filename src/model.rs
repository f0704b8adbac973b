//! The catalogue as federations write it: one YAML file per centre, with its training
//! places (*lieux*) and tracks (*filières*). Field names are the French words of the
//! sector, without accents so that they are easy to type.
//!
//! These types are also the source of the JSON Schema offered to editors.

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diag::FileId;
use crate::yaml::Spanned;

/// A text written in the file, with its position.
pub type Texte = Spanned<String>;

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
    /// Prochaines séances d'information.
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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeanceInfo {
    /// Date (AAAA-MM-JJ).
    pub date: Spanned<Date>,
    /// Heure de début (HH:MM).
    pub heure: Spanned<Heure>,
    /// Identifiant du lieu de la séance (par défaut, le premier lieu de la filière).
    #[serde(default)]
    pub lieu: Option<Texte>,
    /// Précision utile (ex. « sans rendez-vous », « se présenter à l'accueil »).
    #[serde(default)]
    pub remarque: Option<Texte>,
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

    pub fn explication(self) -> &'static str {
        match self {
            Methode::Eft => {
                "On apprend en travaillant pour de vrai, sur des chantiers ou dans un atelier."
            }
            Methode::Defi => "On apprend en cours, avec des exercices et parfois un stage.",
        }
    }
}

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
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A scalar type that the YAML reader validates itself, so that a bad value is reported
/// with its hint and reading goes on with a placeholder (see `yaml::from_node`).
pub struct ScalarRule {
    pub valid: fn(&str) -> bool,
    pub message: fn(&str) -> String,
    pub hint: &'static str,
    pub placeholder: &'static str,
}

const DATE_NAME: &str = "$__cispgen_Date";
const HEURE_NAME: &str = "$__cispgen_Heure";

const DATE_RULE: ScalarRule = ScalarRule {
    valid: |t| Date::parse(t).is_some(),
    message: |t| format!("« {t} » n'est pas une date valable"),
    hint: "écrivez la date sous la forme AAAA-MM-JJ, par exemple 2027-03-15 pour le 15 mars 2027",
    placeholder: "1970-01-01",
};

const HEURE_RULE: ScalarRule = ScalarRule {
    valid: |t| Heure::parse(t).is_some(),
    message: |t| format!("« {t} » n'est pas une heure valable"),
    hint: "écrivez l'heure sous la forme HH:MM, par exemple 09:30 ou 14:00",
    placeholder: "00:00",
};

/// The rule of a newtype name given to `deserialize_newtype_struct`, if any.
pub fn scalar_rule(name: &str) -> Option<&'static ScalarRule> {
    match name {
        DATE_NAME => Some(&DATE_RULE),
        HEURE_NAME => Some(&HEURE_RULE),
        _ => None,
    }
}

/// Reads a string through `deserialize_newtype_struct(name)` and parses it.
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
        d.deserialize_newtype_struct(
            DATE_NAME,
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
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
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
        d.deserialize_newtype_struct(
            HEURE_NAME,
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
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3])(:|h)[0-5][0-9]$",
            "description": "Heure au format HH:MM (ex. 09:30)"
        })
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn slugs_round_trip() {
        for f in Federation::ALL {
            assert_eq!(Federation::from_slug(f.slug()), Some(f));
        }
        for c in Categorie::ALL {
            assert_eq!(Categorie::from_slug(c.slug()), Some(c));
        }
        for s in Secteur::ALL {
            assert_eq!(Secteur::from_slug(s.slug()), Some(s));
        }
    }
}
