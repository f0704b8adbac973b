//! Stage 1, **load**: read every centre file under `data/centres/`, parse it with
//! positions, and read the typed [`Centre`]s.
//!
//! A file that cannot be read, is too large, is not UTF-8 or is not valid YAML yields a
//! diagnostic and is skipped; inside a valid file, each place and each track is read on its
//! own so that one broken track does not hide the problems of the others.

use std::any::TypeId;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use schemars::JsonSchema;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, FileId, Sources, Span};
use crate::model::{Centre, Filiere, Illisibles, Lieu};
use crate::yaml::{self, Node, NodeKind, Spanned};

/// A centre file larger than this is a mistake (a pasted log, an image…), not a centre.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where centre files live, relative to the site root.
pub const CENTRES_DIR: &str = "data/centres";

/// What the load stage hands to the next ones.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Sources,
    pub centres: Vec<Centre>,
    pub diagnostics: Diagnostics,
}

/// A problem with the run itself rather than with a file.
#[derive(Debug)]
pub enum LoadError {
    MissingDir(PathBuf),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            LoadError::MissingDir(dir) => write!(
                f,
                "le dossier {} n'existe pas : lancez la commande à la racine du site, ou indiquez-la avec --root",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// The centre files under `root/data/centres`, sorted so that every run sees them in the
/// same order.
pub fn centre_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let dir = root.join(CENTRES_DIR);
    if !dir.is_dir() {
        return Err(LoadError::MissingDir(dir));
    }
    let mut files: Vec<PathBuf> = WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and parses every centre file of the site at `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    let files = centre_files(root)?;
    let texts: Vec<Result<String, ReadProblem>> = files.par_iter().map(|p| read_text(p)).collect();

    let mut loaded = Loaded::default();
    let mut ids = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (path, text) in files.iter().zip(texts) {
        let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        match text {
            Ok(text) => ids.push(loaded.sources.add(shown, text)),
            Err(problem) => {
                let id = loaded.sources.add(shown, String::new());
                problems.push(problem.into_diagnostic(id));
            }
        }
    }
    loaded.diagnostics.extend(problems);

    let sources = &loaded.sources;
    let results: Vec<(Option<Centre>, Vec<Diagnostic>)> = ids
        .par_iter()
        .map(|&id| {
            let text = sources.get(id).map_or("", |f| f.text.as_str());
            parse_centre(text, id)
        })
        .collect();
    for (centre, findings) in results {
        loaded.diagnostics.extend(findings);
        loaded.centres.extend(centre);
    }
    Ok(loaded)
}

enum ReadProblem {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8 { line: u32, col: u32 },
    Nul { line: u32, col: u32 },
}

impl ReadProblem {
    fn into_diagnostic(self, file: FileId) -> Diagnostic {
        let at = |line, col| Span { file, line, col };
        match self {
            ReadProblem::Io(e) => Diagnostic::error(at(1, 1), format!("fichier illisible : {e}")),
            ReadProblem::TooLarge(bytes) => Diagnostic::error(
                at(1, 1),
                format!("fichier trop grand ({} Ko) pour un fichier de centre", bytes / 1024),
            )
            .with_hint(format!(
                "un fichier de centre fait quelques Ko ; la limite est de {} Ko",
                MAX_FILE_BYTES / 1024
            )),
            ReadProblem::NotUtf8 { line, col } => Diagnostic::error(
                at(line, col),
                "caractère illisible : le fichier n'est pas enregistré en UTF-8",
            )
            .with_hint("enregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer sous » → encodage UTF-8)"),
            ReadProblem::Nul { line, col } => Diagnostic::error(at(line, col), "caractère nul (octet 0) dans le fichier")
                .with_hint("ce caractère invisible vient souvent d'un copier-coller : retapez la ligne"),
        }
    }
}

fn read_text(path: &Path) -> Result<String, ReadProblem> {
    let size = std::fs::metadata(path).map_err(ReadProblem::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(size));
    }
    let bytes = std::fs::read(path).map_err(ReadProblem::Io)?;
    decode(bytes)
}

/// UTF-8 without its byte-order mark; otherwise the position of the first bad byte.
fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            // The YAML scanner stops at a NUL byte as if the file ended there.
            if let Some(at) = text.find('\0') {
                let (line, col) = line_col(&text[..at]);
                return Err(ReadProblem::Nul { line, col });
            }
            Ok(text)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, col) = line_col(std::str::from_utf8(good).unwrap_or(""));
            Err(ReadProblem::NotUtf8 { line, col })
        }
    }
}

/// 1-based line and column just after `before`.
fn line_col(before: &str) -> (u32, u32) {
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// Parses one centre file. Returns the centre when its own fields are readable (its
/// broken places and tracks are left out and reported).
pub fn parse_centre(text: &str, file: FileId) -> (Option<Centre>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let start = Span {
        file,
        line: 1,
        col: 1,
    };
    let root = match yaml::parse(text, file) {
        Ok(Some(root)) => root,
        Ok(None) => {
            findings.push(
                Diagnostic::error(start, "fichier vide")
                    .with_hint("un fichier de centre commence par « id: », « nom: », « federation: »… ; voir `cispgen new centre`"),
            );
            return (None, findings);
        }
        Err(d) => return (None, vec![d]),
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
    let centre = read_one::<Centre>(&root.without_keys(&["lieux", "filieres"]), &mut findings);
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
    fn bom_is_stripped_and_bad_bytes_are_located() {
        assert_eq!(
            decode(b"\xef\xbb\xbfid: x".to_vec()).ok().as_deref(),
            Some("id: x")
        );
        match decode(b"id: x\nnom: caf\xe9\n".to_vec()) {
            Err(ReadProblem::NotUtf8 { line, col }) => assert_eq!((line, col), (2, 9)),
            _ => panic!("expected a UTF-8 problem"),
        }
    }

    #[test]
    fn not_a_mapping_is_an_error() {
        let (centre, findings) = parse_centre("- a\n- b\n", FileId(0));
        assert!(centre.is_none());
        assert_eq!(findings.len(), 1);
    }
}
