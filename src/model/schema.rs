//! The JSON Schema of centre files, for editors: what schemars derives from the types, then
//! given what the types cannot say, so that the editor and `check` tell one truth:
//!
//! - every spelling the YAML reader forgives is valid (`code_postal: 5000` unquoted,
//!   `telephone: 081000000`, `stage: oui`, `methode: DEFI`, `secteur: Horeca`, `rome: D1102`
//!   for a one-code list): a file `check` accepts never shows a red line;
//! - the shapes `check` requires are patterns and bounds: ids, postcodes, ROME codes,
//!   coordinates in Wallonia, e-mail and web addresses, phone numbers, at least one place
//!   per track, a ROME code for a professional track.
//!
//! What only the reference data or the whole catalogue can tell (a postcode that exists, an
//! id used twice) stays with `check`: `tests/schema/desaccords.tsv` lists each such
//! difference on the broken corpus, and `tests/schema_validateur.rs` keeps it true with a
//! real validator reading YAML 1.2 as editors do.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::text::fold;

/// Centre, place and track ids, and the place ids a track or session refers to.
const ID: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
const CODE_POSTAL: &str = r"^\s*[0-9]{4}\s*$";
/// A ROME v3 code in capitals, as `check` wants it written.
const ROME: &str = r"^\s*[A-N][0-9]{4}\s*$";
/// A host name with a dot and an alphabetic top-level domain (`check::formats::domaine`).
const DOMAINE: &str = r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}";
/// An e-mail local part: no dot first or last (`check::formats::courriel`).
const LOCAL: &str = r"([A-Za-z0-9_%+'-]|[A-Za-z0-9_%+'-][A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+'-])";
/// What may follow the host of a web address: no space, quote, angle bracket or control.
const URL_RESTE: &str = r#"[^\s"<>\x00-\x1f\x7f]"#;
/// After `host:` (a port): `check` takes the host up to the first colon.
const PORT: &str = r#"[^/?#\s"<>\x00-\x1f\x7f]"#;
/// Latitudes 49.45–50.85 and longitudes 2.80–6.45 (`check::geography`), as text: with a
/// decimal comma, which the YAML reader accepts.
const LAT_TEXTE: &str =
    r"^\s*\+?0*(49[.,](4[5-9]|[5-9])[0-9]*|50([.,]([0-7][0-9]*|8([0-4][0-9]*|50*)?)?)?)\s*$";
const LON_TEXTE: &str =
    r"^\s*\+?0*(2[.,][89][0-9]*|[345]([.,][0-9]*)?|6([.,]([0-3][0-9]*|4([0-4][0-9]*|50*)?)?)?)\s*$";
/// Weeks 1–200, hours 1–5000, weekly hours above 0 up to 60 (`check` « quantites »).
const SEMAINES_TEXTE: &str = r"^\s*\+?0*([1-9][0-9]?|1[0-9]{2}|200)\s*$";
const HEURES_TEXTE: &str = r"^\s*\+?0*([1-9][0-9]{0,2}|[1-4][0-9]{3}|5000)\s*$";
const HEBDO_TEXTE: &str =
    r"^\s*\+?0*(([1-9]|[1-5][0-9])([.,][0-9]*)?|60([.,]0*)?|[.,]0*[1-9][0-9]*)\s*$";

/// The schema of centre files, as editors get it (schemars writes its keywords in their
/// usual order: `$schema`, `title`, `description`, `type`…).
pub fn centre_schema() -> schemars::Schema {
    schemars::Schema::try_from(centre_schema_value()).unwrap_or_default()
}

fn centre_schema_value() -> Value {
    let mut schema = schemars::schema_for!(super::Centre).to_value();
    for (pointer, rule) in regles() {
        if let Some(Value::Object(prop)) = schema.pointer_mut(pointer) {
            // The rule replaces the type; the words shown on hover stay.
            prop.retain(|k, _| matches!(k.as_str(), "description" | "default" | "examples"));
            if let Value::Object(rule) = rule {
                prop.extend(rule);
            }
        }
    }
    for (pointer, ajout) in ajouts() {
        if let (Some(Value::Object(def)), Value::Object(ajout)) =
            (schema.pointer_mut(pointer), ajout)
        {
            for (cle, valeur) in ajout {
                match (def.get_mut(&cle), valeur) {
                    // `required`: added to the fields the types require.
                    (Some(Value::Array(avant)), Value::Array(plus)) => avant.extend(plus),
                    (_, valeur) => {
                        def.insert(cle, valeur);
                    }
                }
            }
        }
    }
    for (nom, description) in ENUMS {
        let pointer = format!("/$defs/{nom}");
        if let Some(def) = schema.pointer_mut(&pointer) {
            *def = enum_tolerant(def.take(), description);
        }
    }
    schema
}

/// The enums, with what the editor shows of them (their doc comments are for developers).
const ENUMS: [(&str, &str); 6] = [
    (
        "Categorie",
        "But principal : orientation, formation-de-base ou formation-professionnalisante.",
    ),
    ("Secteur", "Secteur d'activité."),
    (
        "Federation",
        "Fédération : aid, aleap, caips, lire-et-ecrire ou unessa.",
    ),
    ("Methode", "Méthode pédagogique : EFT ou DéFi."),
    (
        "Moment",
        "En journée (jour), le soir (soir) ou les deux (jour-et-soir).",
    ),
    ("Jour", "Un jour de la semaine : lundi, mardi… dimanche."),
];

/// Property rules, by JSON pointer into the generated schema.
fn regles() -> Vec<(&'static str, Value)> {
    let texte = json!({"type": ["string", "number", "boolean"], "pattern": r"\S"});
    let texte_facultatif = json!({"type": ["string", "number", "boolean", "null"]});
    let lieu_ref = identifiant();
    let date = json!({"$ref": "#/$defs/Date"});
    let mut out = vec![
        ("/properties/id", identifiant()),
        ("/properties/nom", texte.clone()),
        ("/properties/site_web", site_web()),
        ("/properties/telephone", telephone()),
        ("/properties/courriel", courriel()),
        ("/properties/presentation", texte_facultatif.clone()),
        ("/properties/lieux", liste_de_blocs("Lieu")),
        ("/properties/filieres", liste_de_blocs("Filiere")),
        ("/$defs/Lieu/properties/id", identifiant()),
        ("/$defs/Lieu/properties/nom", texte.clone()),
        ("/$defs/Lieu/properties/rue", texte.clone()),
        ("/$defs/Lieu/properties/localite", texte.clone()),
        (
            "/$defs/Lieu/properties/code_postal",
            json!({"anyOf": [
                {"type": "string", "pattern": CODE_POSTAL},
                {"type": "integer", "minimum": 1000, "maximum": 9999}
            ]}),
        ),
        (
            "/$defs/Coordonnees/properties/lat",
            nombre_borne(49.45, 50.85, LAT_TEXTE),
        ),
        (
            "/$defs/Coordonnees/properties/lon",
            nombre_borne(2.80, 6.45, LON_TEXTE),
        ),
        (
            "/$defs/Acces/properties/fauteuil_roulant",
            ou_nul(booleen()),
        ),
        (
            "/$defs/Acces/properties/transports",
            texte_facultatif.clone(),
        ),
        ("/$defs/Filiere/properties/id", identifiant()),
        ("/$defs/Filiere/properties/titre", texte.clone()),
        ("/$defs/Filiere/properties/public", texte.clone()),
        ("/$defs/Filiere/properties/description", texte.clone()),
        (
            "/$defs/Filiere/properties/certification",
            texte_facultatif.clone(),
        ),
        (
            "/$defs/Filiere/properties/rome",
            ou_nul(liste(json!({"type": "string", "pattern": ROME}), 0)),
        ),
        (
            "/$defs/Filiere/properties/lieux",
            liste(lieu_ref.clone(), 1),
        ),
        (
            "/$defs/Filiere/properties/horaire",
            ou_nul(json!({"$ref": "#/$defs/Horaire"})),
        ),
        (
            "/$defs/Filiere/properties/seances_info",
            json!({"type": ["array", "null"], "items": {"$ref": "#/$defs/SeanceInfo"}}),
        ),
        ("/$defs/Filiere/properties/stage", booleen()),
        ("/$defs/Contact/properties/nom", texte_facultatif.clone()),
        ("/$defs/Contact/properties/telephone", telephone()),
        ("/$defs/Contact/properties/courriel", courriel()),
        (
            "/$defs/Duree/properties/semaines",
            ou_nul(entier_borne(1, 200, SEMAINES_TEXTE)),
        ),
        (
            "/$defs/Duree/properties/heures",
            ou_nul(entier_borne(1, 5000, HEURES_TEXTE)),
        ),
        ("/$defs/Entree/properties/permanente", booleen()),
        (
            "/$defs/Entree/properties/dates",
            ou_nul(liste(date.clone(), 0)),
        ),
        (
            "/$defs/Horaire/properties/jours",
            ou_nul(liste(json!({"$ref": "#/$defs/Jour"}), 0)),
        ),
        (
            "/$defs/Horaire/properties/heures_par_semaine",
            ou_nul(json!({"anyOf": [
                {"type": "number", "exclusiveMinimum": 0, "maximum": 60},
                {"type": "string", "pattern": HEBDO_TEXTE}
            ]})),
        ),
        ("/$defs/SeanceInfo/properties/sauf", ou_nul(liste(date, 0))),
        ("/$defs/SeanceInfo/properties/lieu", ou_nul(lieu_ref)),
        ("/$defs/SeanceInfo/properties/remarque", texte_facultatif),
    ];
    out.sort_by_key(|(pointer, _)| *pointer);
    out
}

/// Rules of a whole block, beside its properties.
fn ajouts() -> Vec<(&'static str, Value)> {
    let professionnalisante = json!({
        "type": "string",
        "pattern": motif_enum(&["formation-professionnalisante"])
    });
    let non_nul = json!({"not": {"type": "null"}});
    vec![
        (
            "/$defs/Filiere",
            json!({
                "required": ["lieux"],
                "if": {"required": ["categorie"], "properties": {"categorie": professionnalisante}},
                "then": {
                    "required": ["rome"],
                    "properties": {"rome": {"type": ["array", "string"], "minItems": 1}}
                }
            }),
        ),
        (
            "/$defs/Duree",
            json!({"anyOf": [
                {"required": ["semaines"], "properties": {"semaines": non_nul}},
                {"required": ["heures"], "properties": {"heures": non_nul}}
            ]}),
        ),
        (
            "/$defs/Entree",
            json!({"anyOf": [
                {"required": ["permanente"], "properties": {"permanente": vrai()}},
                {"required": ["dates"], "properties": {"dates": {"type": ["array", "string"], "minItems": 1}}}
            ]}),
        ),
    ]
}

fn ou_nul(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "null"}]})
}

/// A list, or its only item written alone (`rome: D1102`), as the YAML reader reads it.
fn liste(item: Value, min: u64) -> Value {
    json!({"anyOf": [{"type": "array", "items": item, "minItems": min}, item]})
}

fn liste_de_blocs(def: &str) -> Value {
    json!({"type": ["array", "null"], "items": {"$ref": format!("#/$defs/{def}")}})
}

/// An id: a YAML number is read as its digits, which make a valid id.
fn identifiant() -> Value {
    json!({"anyOf": [
        {"type": "string", "pattern": ID, "maxLength": 80},
        {"type": "integer", "minimum": 0}
    ]})
}

fn nombre_borne(min: f64, max: f64, texte: &str) -> Value {
    json!({"anyOf": [
        {"type": "number", "minimum": min, "maximum": max},
        {"type": "string", "pattern": texte}
    ]})
}

fn entier_borne(min: u64, max: u64, texte: &str) -> Value {
    json!({"anyOf": [
        {"type": "integer", "minimum": min, "maximum": max},
        {"type": "string", "pattern": texte}
    ]})
}

/// `true`, or a word the YAML reader reads as yes or no (`oui`, `non`, `Yes`…).
fn booleen() -> Value {
    let mots = ["true", "oui", "yes", "false", "non", "no"];
    json!({"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": mots_sans_casse(&mots)}]})
}

fn vrai() -> Value {
    json!({"anyOf": [
        {"const": true},
        {"type": "string", "pattern": mots_sans_casse(&["true", "oui", "yes"])}
    ]})
}

/// `^\s*(w1|w2)\s*$`, each ASCII letter in either case.
fn mots_sans_casse(mots: &[&str]) -> String {
    let alternatives: Vec<String> = mots
        .iter()
        .map(|mot| {
            mot.chars()
                .map(|c| format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()))
                .collect()
        })
        .collect();
    format!(r"^\s*({})\s*$", alternatives.join("|"))
}

/// Empty, or an e-mail address (`check` skips an empty one).
fn courriel() -> Value {
    let motif = format!(r"^\s*({LOCAL}@{DOMAINE})?\s*$");
    // No `"format": "email"`: some editors would apply their own, different, rule.
    json!({"type": ["string", "null"], "pattern": motif})
}

/// Empty, or an http(s) address with a real host name (`check::formats::site_web`).
fn site_web() -> Value {
    let motif =
        format!(r"^\s*([Hh][Tt][Tt][Pp][Ss]?://{DOMAINE}(:{PORT}*)?([/?#]{URL_RESTE}*)?)?\s*$");
    json!({"type": ["string", "null"], "pattern": motif})
}

/// Empty, or a phone number as `check::formats::telephone` takes it: Belgian national
/// (`0` and 8 or 9 digits), `+32`/`0032` and 8 or 9 digits (a `0` after 32 tolerated),
/// other countries in international form with 8 to 15 digits; spaces, dots, slashes,
/// dashes and brackets anywhere. Written unquoted with no space, the number is a YAML
/// integer whose leading 0 or + is lost: any 8 to 15 digits then.
fn telephone() -> Value {
    let s = r"[ ./()\u00a0-]*";
    let d = format!("{s}[0-9]");
    let national = format!("0(?!{s}0)({d}){{8,9}}");
    let belge = format!("{s}3{s}2({s}0({d}){{8,9}}|{s}[1-9]({d}){{7,8}})");
    let etranger = format!("(?!{s}3{s}2)({d}){{8,15}}");
    let motif = format!(r"^(\s*|{s}({national}|(\+|0{s}0)({belge}|{etranger})){s})$");
    json!({"anyOf": [
        {"type": "string", "pattern": motif},
        {"type": "integer", "minimum": 10_000_000u64, "maximum": 999_999_999_999_999u64},
        {"type": "null"}
    ]})
}

/// An enum as schemars writes it (its values, for completion), or any spelling the YAML
/// reader folds to one of them: case, accents and punctuation are forgiven (`DEFI`,
/// `Horeca`, `jour et soir`).
fn enum_tolerant(mut genere: Value, description: &str) -> Value {
    let mut valeurs: Vec<String> = Vec::new();
    if let Some(list) = genere.get("enum").and_then(Value::as_array) {
        valeurs.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(list) = genere.get("oneOf").and_then(Value::as_array) {
        valeurs.extend(
            list.iter()
                .filter_map(|v| v.get("const").and_then(Value::as_str))
                .map(str::to_string),
        );
    }
    let valeurs: Vec<&str> = valeurs.iter().map(String::as_str).collect();
    if let Some(o) = genere.as_object_mut() {
        o.remove("description");
    }
    json!({
        "description": description,
        "anyOf": [genere, {"type": "string", "pattern": motif_enum(&valeurs)}]
    })
}

/// Characters that `fold` keeps, by what they fold to: ASCII letters and digits, and the
/// Latin letters with accents (U+00C0–U+017F) that fold to one of them. Each candidate is
/// folded once, for all the characters of a pattern.
fn variantes() -> BTreeMap<String, String> {
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    for x in ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .chain('\u{c0}'..='\u{17f}')
    {
        table.entry(fold(&x.to_string())).or_default().push(x);
    }
    table
}

/// A pattern matching every text whose fold is the fold of one of `valeurs`: their
/// words with any case and accents, separated by anything `fold` drops.
fn motif_enum(valeurs: &[&str]) -> String {
    let table = variantes();
    let de = |c: char| table.get(&c.to_string()).map_or("", String::as_str);
    let lettres: String = ('0'..='9').chain('a'..='z').map(de).collect::<String>();
    let separateur = format!("[^{lettres}]");
    let alternatives: Vec<String> = valeurs
        .iter()
        .map(|v| {
            fold(v)
                .split(' ')
                .map(|mot| {
                    mot.chars()
                        .map(|c| format!("[{}]", de(c)))
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(&format!("{separateur}+"))
        })
        .collect();
    format!("^{separateur}*({}){separateur}*$", alternatives.join("|"))
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
