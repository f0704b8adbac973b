//! The JSON Schema of centre files (`schema/centre.schema.json`, offered to editors):
//! (a) the committed file is exactly what the Rust types generate, so it never drifts;
//! (b) every demo centre file validates against it;
//! (c) it rejects the schema-level mistakes of the broken corpus (`tests/broken`).
//!
//! YAML is turned into JSON over `cispgen::yaml::parse` nodes, guided by the schema: a
//! plain scalar becomes what the schema expects at that place (`code_postal: 4101` is a
//! string, `semaines: 40` a number), as the YAML reader of cispgen and the editors'
//! YAML language server do.

use std::path::{Path, PathBuf};

use cispgen::diag::FileId;
use cispgen::yaml::{Node, NodeKind};
use serde_json::{Map, Value, json};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    serde_json::from_str(&cispgen::centre_schema()).expect("schema is JSON")
}

/// Follows a local `$ref` (`#/$defs/Name`).
fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
    let mut current = schema;
    for _ in 0..16 {
        match current
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => current = root.pointer(pointer).unwrap_or(&Value::Null),
            None => break,
        }
    }
    current
}

/// The schema and its `anyOf`/`oneOf` branches, references followed.
fn branches<'a>(schema: &'a Value, root: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(schema, root);
    let mut out = vec![schema];
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            for branch in list {
                out.extend(branches(branch, root));
            }
        }
    }
    out
}

fn types(schema: &Value, root: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for b in branches(schema, root) {
        match b.get("type") {
            Some(Value::String(t)) => out.push(t.clone()),
            Some(Value::Array(ts)) => {
                out.extend(ts.iter().filter_map(Value::as_str).map(str::to_string))
            }
            _ => {}
        }
        if b.get("const").is_some_and(Value::is_string) || b.get("enum").is_some() {
            out.push("string".into());
        }
    }
    out
}

/// A plain scalar without schema guidance: YAML 1.2 core types.
fn untyped(value: &str) -> Value {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => value
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| value.parse::<f64>().map(Value::from))
            .unwrap_or_else(|_| Value::String(value.to_string())),
    }
}

/// YAML node → JSON value, typed by `schema` where it says what it expects.
fn to_json(node: &Node, schema: &Value, root: &Value) -> Value {
    match &node.kind {
        NodeKind::Map(entries) => {
            let object = branches(schema, root)
                .into_iter()
                .find(|b| b.get("properties").is_some())
                .unwrap_or(&Value::Null);
            let mut map = Map::new();
            for (key, value) in entries {
                let key = key
                    .as_str()
                    .map_or_else(|| format!("{:?}", key.kind), str::to_string);
                let sub = object
                    .get("properties")
                    .and_then(|p| p.get(&key))
                    .unwrap_or(&Value::Null);
                map.insert(key, to_json(value, sub, root));
            }
            Value::Object(map)
        }
        NodeKind::Seq(items) => {
            let list = branches(schema, root)
                .into_iter()
                .find(|b| b.get("items").is_some())
                .unwrap_or(&Value::Null);
            let sub = list.get("items").unwrap_or(&Value::Null);
            Value::Array(items.iter().map(|i| to_json(i, sub, root)).collect())
        }
        NodeKind::Scalar {
            value,
            plain: false,
        } => Value::String(value.clone()),
        NodeKind::Scalar { value, plain: true } => {
            let expected = types(schema, root);
            if expected.is_empty() {
                return untyped(value);
            }
            if node.is_null() && expected.iter().any(|t| t == "null") {
                return Value::Null;
            }
            for t in &expected {
                match t.as_str() {
                    "boolean" if value == "true" || value == "false" => {
                        return Value::Bool(value == "true");
                    }
                    "integer" => {
                        if let Ok(n) = value.parse::<i64>() {
                            return Value::from(n);
                        }
                    }
                    "number" => {
                        if let Ok(n) = value.parse::<f64>() {
                            return Value::from(n);
                        }
                    }
                    "string" => return Value::String(value.clone()),
                    _ => {}
                }
            }
            // Not what the schema expects: keep the YAML type, for the schema to reject.
            untyped(value)
        }
    }
}

/// A centre file as JSON, the way an editor sees it.
fn file_to_json(path: &Path, root: &Value) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let node = cispgen::yaml::parse(text.trim_start_matches('\u{feff}'), FileId(0))
        .unwrap_or_else(|d| panic!("{}: {}", path.display(), d.message))
        .unwrap_or_else(|| panic!("{}: empty", path.display()));
    to_json(&node, root, root)
}

fn validator() -> (jsonschema::Validator, Value) {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("the schema itself is invalid: {e}"));
    (validator, schema)
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} ({}): {e}", e.instance_path(), e.schema_path()))
        .collect()
}

#[test]
fn committed_schema_matches_the_rust_types() {
    let path = repo().join("schema/centre.schema.json");
    let committed = std::fs::read_to_string(&path).expect("schema/centre.schema.json");
    assert!(
        committed == cispgen::centre_schema(),
        "schema/centre.schema.json is out of date with src/model.rs: run `cargo run -- schema > schema/centre.schema.json`"
    );
}

#[test]
fn every_demo_centre_file_validates() {
    let (validator, schema) = validator();
    let files = cispgen::load::centre_files(repo()).expect("data/centres");
    assert!(
        files.len() >= 100,
        "the demo catalogue is there ({} files)",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let instance = file_to_json(file, &schema);
        let found = errors(&validator, &instance);
        if !found.is_empty() {
            failures.push(format!(
                "{}: {}",
                file.strip_prefix(repo()).unwrap_or(file).display(),
                found.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} demo file(s) do not validate:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_valid_reference_file_of_the_corpus_validates() {
    let (validator, schema) = validator();
    let file = repo().join("tests/broken/catalogue-valide/aleap/atelier-test.yaml");
    let found = errors(&validator, &file_to_json(&file, &schema));
    assert!(found.is_empty(), "{found:?}");
}

/// Schema-level mistakes of the broken corpus: (case, JSON pointer of the faulty value
/// or its block, schema keyword that rejects it).
const SCHEMA_LEVEL: &[(&str, &str, &str)] = &[
    ("champ-inconnu", "/lieux/1", "additionalProperties"),
    ("champ-inconnu", "/lieux/1", "required"),
    ("champ-obligatoire-manquant", "/filieres/0", "required"),
    ("champs-obligatoires-manquants", "/filieres/0", "required"),
    // Enums, numbers, yes/no and times accept the other spellings of the YAML reader
    // (`DEFI`, `"40"`, `oui`, `9h30`): a wrong value fails every branch of their `anyOf`.
    ("enum-inconnu", "/filieres/0/categorie", "anyOf"),
    ("methode-inconnue", "/methode", "anyOf"),
    // `horaire:` may be left empty (null): the block's own `anyOf` reports it.
    ("type-incorrect", "/filieres/0/horaire", "anyOf"),
    ("type-booleen", "/filieres/0/stage", "anyOf"),
    ("nombre-negatif", "/filieres/0/duree/semaines", "anyOf"),
    ("date-invalide", "/filieres/0/mis_a_jour", "pattern"),
    (
        "heure-invalide",
        "/filieres/0/seances_info/0/heure",
        "anyOf",
    ),
    (
        "seance-rythme-jour-inconnu",
        "/filieres/0/seances_info/0/chaque",
        // `chaque` is optional: the pattern of its `anyOf` branch rejects it.
        "anyOf",
    ),
    (
        "seance-rythme-rang-inconnu",
        "/filieres/0/seances_info/0/chaque",
        // `chaque` is optional: the pattern of its `anyOf` branch rejects it.
        "anyOf",
    ),
    (
        "seance-ni-date-ni-rythme",
        "/filieres/0/seances_info/0",
        "oneOf",
    ),
    (
        "seance-date-et-rythme",
        "/filieres/0/seances_info/0",
        "oneOf",
    ),
    ("lieux-pas-une-liste", "/lieux", "type"),
    ("filiere-pas-un-bloc", "/filieres/0", "type"),
    // The rules of `check` that the schema carries (issue 17, item 8).
    ("id-invalide", "/id", "anyOf"),
    ("cp-pas-des-chiffres", "/lieux/0/code_postal", "anyOf"),
    ("coord-hors-wallonie", "/lieux/0/coordonnees", "anyOf"),
    ("courriel-invalide", "/courriel", "pattern"),
    ("site-ftp", "/site_web", "pattern"),
    ("site-sans-schema", "/site_web", "pattern"),
    ("telephone-invalide", "/telephone", "anyOf"),
    ("rome-minuscules", "/filieres/0/rome", "anyOf"),
    ("rome-mot", "/filieres/0/rome", "anyOf"),
    ("rome-manquant", "/filieres/0", "required"),
    ("filiere-sans-lieu", "/filieres/0", "required"),
    ("duree-manquante", "/filieres/0/duree", "anyOf"),
    ("entree-sans-dates", "/filieres/0/entree", "anyOf"),
];

#[test]
fn the_schema_rejects_the_schema_level_mistakes_of_the_broken_corpus() {
    let (validator, schema) = validator();
    let mut problems = Vec::new();
    for (case, pointer, keyword) in SCHEMA_LEVEL {
        let file: PathBuf = repo().join("tests/broken").join(format!("{case}.yaml"));
        let instance = file_to_json(&file, &schema);
        let found: Vec<(String, String)> = validator
            .iter_errors(&instance)
            .map(|e| (e.instance_path().to_string(), e.schema_path().to_string()))
            .collect();
        if found.is_empty() {
            problems.push(format!("{case}: accepted by the schema"));
            continue;
        }
        let hit = found
            .iter()
            .any(|(at, rule)| at == pointer && rule.rsplit('/').any(|part| part == *keyword));
        if !hit {
            problems.push(format!(
                "{case}: expected « {keyword} » at {pointer}, got {found:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_converter_types_plain_scalars_by_the_schema() {
    let schema = schema();
    let text = "id: x\nnom: X\nfederation: aid\nmethode: EFT\nlieux:\n  - id: l\n    nom: L\n    rue: R 1\n    code_postal: 4101\n    localite: Jemeppe\n";
    let node = cispgen::yaml::parse(text, FileId(0))
        .expect("yaml")
        .expect("node");
    let value = to_json(&node, &schema, &schema);
    assert_eq!(
        value["lieux"][0]["code_postal"],
        json!("4101"),
        "a postal code is text for the schema"
    );
    assert_eq!(untyped("40"), json!(40));
}
