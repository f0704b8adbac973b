//! The editor's schema checked by a real validator, as editors apply it: YAML 1.2
//! (ruamel.yaml) and JSON Schema (jsonschema), through `tests/schema/valide.py`.
//!
//! - Every demo centre file validates.
//! - On the broken corpus (`tests/broken`), `check` and the schema each accept or refuse
//!   every case as `tests/schema/desaccords.tsv` records, with the reason of each
//!   disagreement: a new disagreement, either way, fails the test.
//!
//! Skipped (with a message) only when `python3` itself is missing; the Python packages
//! are installed by `scripts/install-test-deps.sh`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use cispgen::diag::Severity;

const DESACCORDS: &str = "tests/schema/desaccords.tsv";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python_present() -> bool {
    let present = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        eprintln!("IGNORÉ : python3 est introuvable ; ce test valide le schéma avec jsonschema");
    }
    present
}

/// The verdict of the real validator on each file: `None` when valid, else why not.
fn schema_verdicts(files: &[PathBuf]) -> BTreeMap<PathBuf, Option<String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let schema = dir.path().join("centre.schema.json");
    std::fs::write(&schema, cispgen::centre_schema()).expect("write schema");
    let out = Command::new("python3")
        .arg(repo().join("tests/schema/valide.py"))
        .arg(&schema)
        .args(files)
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "tests/schema/valide.py failed (packages missing? run scripts/install-test-deps.sh):\n{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let verdicts: BTreeMap<PathBuf, Option<String>> = stdout
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let path = PathBuf::from(parts.next()?);
            let verdict = match parts.next()? {
                "valide" => None,
                _ => Some(parts.next().unwrap_or("").to_string()),
            };
            Some((path, verdict))
        })
        .collect();
    assert_eq!(verdicts.len(), files.len(), "one line per file:\n{stdout}");
    verdicts
}

#[test]
fn every_demo_centre_file_validates_with_a_real_validator() {
    if !python_present() {
        return;
    }
    let mut files = cispgen::load::centre_files(repo()).expect("data/centres");
    assert!(files.len() >= 100, "the demo catalogue is there");
    files.push(repo().join("tests/broken/catalogue-valide/aleap/atelier-test.yaml"));
    // What federations copy: the README's example and the skeleton of `cispgen new centre`.
    let copies = tempfile::tempdir().expect("temp dir");
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let example = readme
        .split_once("```yaml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(yaml, _)| yaml.to_string())
        .expect("a yaml block in the README");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let skeleton =
        cispgen::skeleton::centre("mon-centre", cispgen::model::Federation::Aleap, today);
    for (name, text) in [("readme.yaml", example), ("squelette.yaml", skeleton)] {
        let path = copies.path().join(name);
        std::fs::write(&path, text).expect("write copy");
        files.push(path);
    }
    let refused: Vec<String> = schema_verdicts(&files)
        .into_iter()
        .filter_map(|(path, why)| why.map(|w| format!("{}: {w}", path.display())))
        .collect();
    assert!(
        refused.is_empty(),
        "{} file(s) refused by the schema:\n{}",
        refused.len(),
        refused.join("\n")
    );
}

/// One case of the corpus: its files, where `check` finds them in a site root.
struct Case {
    name: String,
    files: Vec<(PathBuf, PathBuf)>,
}

/// The cases of `tests/broken`, as `tests/check_corpus.rs` lays them out: a file goes to
/// `data/centres/<its « # dossier: », or aleap>/`, a folder mirrors `data/centres/`.
fn corpus() -> Vec<Case> {
    let dir = repo().join("tests/broken");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/broken")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    let mut cases = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        if entry.is_dir() {
            let mut files = Vec::new();
            collect(&entry, &entry, &mut files);
            files.sort();
            cases.push(Case { name, files });
        } else if let Some(stem) = name.strip_suffix(".yaml") {
            let text = String::from_utf8_lossy(&std::fs::read(&entry).expect("case")).into_owned();
            let folder = text
                .lines()
                .take_while(|l| l.trim_start_matches('\u{feff}').starts_with('#'))
                .find_map(|l| {
                    l.split_once("# dossier:")
                        .map(|(_, f)| f.trim().to_string())
                })
                .unwrap_or_else(|| "aleap".into());
            let at = Path::new("data/centres").join(folder).join(&name);
            cases.push(Case {
                name: stem.to_string(),
                files: vec![(at, entry.clone())],
            });
        }
    }
    cases
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).expect("under base");
            out.push((Path::new("data/centres").join(rel), path.clone()));
        }
    }
}

/// Whether `check` reports an error on the case (the date of `tests/check_corpus.rs`).
fn check_refuses(case: &Case) -> bool {
    let root = tempfile::tempdir().expect("temp dir");
    for (at, source) in &case.files {
        let full = root.path().join(at);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("folders");
        std::fs::copy(source, &full).expect("copy case");
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    match cispgen::pipeline::check_site(root.path(), today) {
        Ok(checked) => checked
            .diagnostics
            .sorted()
            .iter()
            .any(|d| d.severity == Severity::Error),
        Err(_) => true,
    }
}

fn mot(refuse: bool) -> &'static str {
    if refuse { "refuse" } else { "accepte" }
}

#[test]
fn check_and_schema_disagree_only_where_recorded() {
    if !python_present() {
        return;
    }
    let cases = corpus();
    let all: Vec<PathBuf> = cases
        .iter()
        .flat_map(|c| c.files.iter().map(|(_, source)| source.clone()))
        .collect();
    let verdicts = schema_verdicts(&all);
    let recorded = std::fs::read_to_string(repo().join(DESACCORDS)).expect(DESACCORDS);
    let mut expected: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    for line in recorded
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let parts: Vec<&str> = line.split('\t').collect();
        match parts.as_slice() {
            [case, check, schema, reason] => {
                let reason = reason.trim();
                if (check != schema) == reason.is_empty() {
                    problems.push(format!(
                        "{case}: a reason is written for each disagreement, and only for one"
                    ));
                }
                expected.insert(
                    case.to_string(),
                    (check.to_string(), schema.to_string(), reason.to_string()),
                );
            }
            _ => problems.push(format!("unreadable line in {DESACCORDS}: {line:?}")),
        }
    }
    let mut observed = Vec::new();
    for case in &cases {
        let check = mot(check_refuses(case));
        let why: Vec<&str> = case
            .files
            .iter()
            .filter_map(|(_, source)| verdicts.get(source).and_then(|v| v.as_deref()))
            .collect();
        let schema = mot(!why.is_empty());
        let reason = expected
            .get(&case.name)
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default();
        observed.push(format!("{}\t{check}\t{schema}\t{reason}", case.name));
        match expected.remove(&case.name) {
            None => problems.push(format!("{}: not in {DESACCORDS}", case.name)),
            Some((c, s, _)) if c != check || s != schema => problems.push(format!(
                "{}: recorded check {c} / schema {s}, observed check {check} / schema {schema}{}",
                case.name,
                if why.is_empty() {
                    String::new()
                } else {
                    format!(" (schema: {})", why.join(" | "))
                }
            )),
            Some(_) => {}
        }
    }
    for gone in expected.keys() {
        problems.push(format!("{gone}: in {DESACCORDS} but not in tests/broken"));
    }
    assert!(
        problems.is_empty(),
        "{}\n\nobserved (case, check, schema, reason):\n{}",
        problems.join("\n"),
        observed.join("\n")
    );
}
