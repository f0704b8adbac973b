//! The catalogue as federations write it: one YAML file per centre, with its training
//! places (*lieux*) and tracks (*filières*). Field names are the French words of the
//! sector, without accents so that they are easy to type.
//!
//! These types are also the source of the JSON Schema offered to editors.
//!
//! - `centre.rs`: the centre and its places; `filiere.rs`: a track and its blocks;
//!   `horaire.rs`: days and times of day; `seance.rs`: information sessions and their rhythms;
//! - `federation.rs`: federations and methods; `classement.rs`: categories and sectors;
//! - `date_heure.rs`: dates and times of day, checked by the YAML reader;
//! - `schema.rs`: the JSON Schema for editors, with the rules of `check` the types cannot say.

use std::borrow::Cow;

use schemars::JsonSchema;

use crate::yaml::Spanned;

mod centre;
mod classement;
mod date_heure;
mod federation;
mod filiere;
mod horaire;
mod schema;
mod seance;

pub use centre::{Acces, Centre, Coordonnees, Illisibles, Lieu};
pub use classement::{Categorie, Secteur};
pub use date_heure::{Date, Heure};
pub use federation::{Federation, Methode};
pub use filiere::{Contact, Duree, Entree, Filiere};
pub use horaire::{Horaire, Jour, Moment};
pub use schema::centre_schema;
pub use seance::{Rang, Rythme, SeanceInfo};

/// A text written in the file, with its position.
pub type Texte = Spanned<String>;

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
