//! From the text of a centre file to a [`Centre`]: each place and each track is read on
//! its own, and every missing required field is reported at once.

use std::any::TypeId;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use schemars::JsonSchema;

use crate::diag::{Diagnostic, FileId, Span};
use crate::model::{Centre, Filiere, Illisibles, Lieu};
use crate::yaml::{self, Node, NodeKind, Spanned};

/// Parses one centre file. Returns the centre when its own fields are readable (its
/// broken places and tracks are left out and reported).
pub fn parse_centre(text: &str, file: FileId) -> (Option<Centre>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let start = Span {
        file,
        line: 1,
        col: 1,
    };
    // A syntax error sets its block aside; the rest of the file is still read.
    let recovered = yaml::parse_recovering(text, file);
    findings.extend(recovered.errors);
    let root = match recovered.root {
        Some(root) => root,
        None if !findings.is_empty() => return (None, findings),
        None => {
            findings.push(
                Diagnostic::error(start, "fichier vide")
                    .with_hint("un fichier de centre commence par « id: », « nom: », « federation: »… ; voir `cispgen new centre`"),
            );
            return (None, findings);
        }
    };
    if !matches!(root.kind, NodeKind::Map(_)) {
        findings.push(
            Diagnostic::error(
                root.span,
                "un fichier de centre doit être un bloc de champs « nom: valeur »",
            )
            .with_hint("commencez le fichier par « id: mon-centre » à la colonne 1"),
        );
        return (None, findings);
    }

    let mut illisibles = Illisibles::default();
    let mut top_level_aside = Vec::new();
    for aside in &recovered.set_aside {
        // Unreadable rather than absent: no « ce centre n'a aucun lieu » on top.
        match (aside.is_item, aside.key.as_str()) {
            (_, "lieux") => illisibles.lieux += 1,
            (_, "filieres") => illisibles.filieres += 1,
            (false, key) => top_level_aside.push(format!("le champ obligatoire « {key} » manque")),
            _ => {}
        }
        illisibles.ids.extend(aside.item_id.clone());
    }
    let before = findings.len();
    let centre = read_one::<Centre>(&root.without_keys(&["lieux", "filieres"]), &mut findings);
    // A field set aside for its syntax error is not also « missing ».
    let read = findings.split_off(before);
    findings.extend(
        read.into_iter()
            .filter(|d| !top_level_aside.contains(&d.message)),
    );
    let lieux = read_items::<Lieu>(
        root.get("lieux"),
        &mut findings,
        &mut illisibles.lieux,
        &mut illisibles.ids,
    );
    let filieres = read_items::<Filiere>(
        root.get("filieres"),
        &mut findings,
        &mut illisibles.filieres,
        &mut illisibles.ids,
    );
    match centre {
        Ok(mut centre) => {
            centre.fichier = file;
            centre.lieux = lieux;
            centre.filieres = filieres;
            centre.illisibles = illisibles;
            (Some(centre), findings)
        }
        Err(d) => {
            if d.message != yaml::RECOVERED {
                findings.push(d);
            }
            (None, findings)
        }
    }
}

/// The required fields of a struct, from its JSON Schema (computed once per type).
fn required_fields<T: JsonSchema + 'static>() -> &'static [String] {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, &'static [String]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.entry(TypeId::of::<T>()).or_insert_with(|| {
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
        let required: Vec<String> = schema
            .get("required")
            .and_then(|r| r.as_array())
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Vec::leak(required)
    })
}

/// Reads one block. Every missing required field is reported at once (serde alone would
/// stop at the first); recovered errors are already in `findings`.
fn read_one<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
    node: &Node,
    findings: &mut Vec<Diagnostic>,
) -> Result<T, Diagnostic> {
    if let NodeKind::Map(_) = &node.kind {
        let missing: Vec<&String> = required_fields::<T>()
            .iter()
            .filter(|f| node.get(f).is_none())
            .collect();
        if !missing.is_empty() {
            for field in missing {
                findings.push(
                    Diagnostic::error(
                        node.span,
                        format!("le champ obligatoire « {field} » manque"),
                    )
                    .with_hint(format!("ajoutez une ligne « {field}: … » dans ce bloc")),
                );
            }
            // Still read it, for the other mistakes it holds; serde's own « missing
            // field » comes after all values were read and is already reported above.
            if let Err(d) = yaml::from_node::<T>(node, findings)
                && !d.message.starts_with("le champ obligatoire")
                && d.message != yaml::RECOVERED
            {
                findings.push(d);
            }
            return Err(Diagnostic::error(node.span, yaml::RECOVERED));
        }
    }
    yaml::from_node::<T>(node, findings)
}

/// Reads each item of a list on its own, keeping the readable ones and counting the
/// others (with their id when it can be read).
fn read_items<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
    node: Option<&Node>,
    findings: &mut Vec<Diagnostic>,
    unreadable: &mut usize,
    ids: &mut BTreeSet<String>,
) -> Vec<Spanned<T>> {
    let Some(node) = node else { return Vec::new() };
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|item| match read_one::<T>(item, findings) {
                Ok(value) => Some(Spanned::new(item.span, value)),
                Err(d) => {
                    if d.message != yaml::RECOVERED {
                        findings.push(d);
                    }
                    *unreadable += 1;
                    if let Some(id) = item.get("id").and_then(Node::as_str) {
                        ids.insert(id.trim().to_string());
                    }
                    None
                }
            })
            .collect(),
        _ if node.is_null() => Vec::new(),
        _ => {
            findings.push(
                Diagnostic::error(node.span, "on attend une liste")
                    .with_hint("chaque élément commence par « - » sur sa propre ligne"),
            );
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "\
id: le-fournil
nom: Le Fournil
federation: aleap
methode: EFT
lieux:
  - id: fournil-seraing
    nom: Atelier
    rue: Rue Haute 1
    code_postal: 4101
    localite: Jemeppe-sur-Meuse
filieres:
  - id: fournil-boulangerie
    titre: Aide-boulanger
    categorie: formation-professionnalisante
    secteur: alimentation
    rome: [D1102]
    lieux: [fournil-seraing]
    duree: { semaines: 40 }
    horaire: { jours: [lundi, mardi], heures_par_semaine: 30 }
    entree: { permanente: true }
    public: Adultes
    description: On apprend le pain.
    mis_a_jour: 2026-10-01
  - id: cassee
    titre: Sans categorie
";

    #[test]
    fn a_broken_track_does_not_hide_the_rest() {
        let (centre, findings) = parse_centre(MINIMAL, FileId(3));
        let centre = centre.expect("centre readable");
        assert_eq!(centre.fichier, FileId(3));
        assert_eq!(centre.lieux.len(), 1);
        assert_eq!(centre.filieres.len(), 1);
        // Every missing field of the broken track is reported, not just the first.
        assert_eq!(findings.len(), 8, "{findings:?}");
        assert!(findings[0].message.contains("categorie"));
        assert!(findings.iter().any(|d| d.message.contains("mis_a_jour")));
        assert_eq!(
            findings[0].span.line, 24,
            "the track block starts on its « - » line"
        );
    }

    #[test]
    fn not_a_mapping_is_an_error() {
        let (centre, findings) = parse_centre("- a\n- b\n", FileId(0));
        assert!(centre.is_none());
        assert_eq!(findings.len(), 1);
    }
}
