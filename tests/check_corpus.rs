//! The corpus of broken centre files in `tests/broken/` (see `tests/broken/README.md`):
//! each case is copied into a fresh site root, `cispgen check` runs on it with a fixed
//! date, and the diagnostics must be exactly where the case says, with the right
//! severity and words; no other error may appear, and nothing may panic.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use cispgen::diag::{Diagnostic, Severity, Sources};
use cispgen::pipeline::{self, Checked};

/// « Today » for every case: séances and dates are judged against it.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

const TODAY_ARG: &str = "2026-11-23";

/// The federation folder a single-file case goes to unless it says `# dossier: …`.
const DEFAULT_FOLDER: &str = "aleap";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken")
}

// ------------------------------------------------------------------------------------
// Cases and their expectations

/// One diagnostic a case expects.
#[derive(Debug, Clone)]
struct Expect {
    /// Path relative to the site root, as diagnostics show it (`data/centres/aleap/x.yaml`).
    file: PathBuf,
    severity: Severity,
    line: u32,
    col: Option<u32>,
    /// Each must occur in the message or in the hint.
    words: Vec<String>,
}

impl Expect {
    fn matches(&self, d: &Diagnostic, sources: &Sources) -> bool {
        let hint = d.hint.as_deref().unwrap_or("");
        sources.path(d.span.file) == self.file
            && d.severity == self.severity
            && d.span.line == self.line
            && self.col.is_none_or(|c| c == d.span.col)
            && self
                .words
                .iter()
                .all(|w| d.message.contains(w.as_str()) || hint.contains(w.as_str()))
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let col = self.col.map(|c| format!(":{c}")).unwrap_or_default();
        let words: Vec<String> = self.words.iter().map(|w| format!("« {w} »")).collect();
        write!(
            f,
            "{} {}:{}{col} {}",
            severity_word(self.severity),
            self.file.display(),
            self.line,
            words.join(" ")
        )
    }
}

#[derive(Debug)]
struct Case {
    name: String,
    /// Files to write, relative to the site root, with their bytes.
    files: Vec<(PathBuf, Vec<u8>)>,
    expects: Vec<Expect>,
    /// `# interdit: « … »`: no diagnostic of the case, error or warning, may say this.
    forbidden: Vec<String>,
    /// The case declares `# attendu: aucune erreur`.
    declares_valid: bool,
    /// Problems in the case's own header (a bad `attendu` line…).
    header_problems: Vec<String>,
    /// `# bogue: …`: a known bug of src/ makes this case fail; it is checked in full only
    /// by the ignored test `corpus_known_bugs` (the others only check that it does not panic).
    bug: Option<String>,
}

/// What the comment lines at the top of one file say.
#[derive(Default)]
struct Header {
    folder: Option<String>,
    expects: Vec<(Severity, u32, Option<u32>, Vec<String>)>,
    forbidden: Vec<String>,
    declares_valid: bool,
    bug: Option<String>,
    problems: Vec<String>,
}

/// Reads the leading `#` lines of a file (after an optional BOM; CRLF tolerated).
fn parse_header(bytes: &[u8]) -> Header {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut header = Header::default();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r').trim();
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        if let Some(rest) = comment.strip_prefix("bogue:") {
            header.bug = Some(rest.trim().to_string());
        } else if let Some(rest) = comment.strip_prefix("interdit:") {
            match rest
                .trim()
                .strip_prefix('«')
                .and_then(|r| r.strip_suffix('»'))
            {
                Some(words) if !words.trim().is_empty() => {
                    header.forbidden.push(words.trim().to_string())
                }
                _ => header
                    .problems
                    .push(format!("ligne « interdit » illisible : « {line} »")),
            }
        } else if let Some(rest) = comment.strip_prefix("dossier:") {
            header.folder = Some(rest.trim().to_string());
        } else if let Some(rest) = comment.strip_prefix("attendu:") {
            let rest = rest.trim();
            if rest == "aucune erreur" {
                header.declares_valid = true;
                continue;
            }
            match parse_expect(rest) {
                Some(e) => header.expects.push(e),
                None => header
                    .problems
                    .push(format!("ligne d'attente illisible : « {line} »")),
            }
        } else if comment.starts_with("attendu") {
            header
                .problems
                .push(format!("ligne d'attente illisible : « {line} »"));
        }
    }
    header
}

/// `error 14:5 « code ROME inconnu » « D1102 »` (the column is optional; a quoted part may
/// itself contain « … »; parts are separated by `» «`).
fn parse_expect(text: &str) -> Option<(Severity, u32, Option<u32>, Vec<String>)> {
    let (severity, rest) = text.split_once(' ')?;
    let severity = match severity {
        "error" | "erreur" => Severity::Error,
        "warning" | "avertissement" => Severity::Warning,
        _ => return None,
    };
    let (position, rest) = rest.trim_start().split_once(' ')?;
    let (line, col) = match position.split_once(':') {
        Some((l, c)) => (l.parse().ok()?, Some(c.parse().ok()?)),
        None => (position.parse().ok()?, None),
    };
    let quoted = rest.trim().strip_prefix('«')?.strip_suffix('»')?;
    let words: Vec<String> = quoted
        .split(" » « ")
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    Some((severity, line, col, words))
}

/// Builds a case from the files it writes; expectations come from their headers.
fn case_from_files(name: &str, files: Vec<(PathBuf, Vec<u8>)>) -> Case {
    let mut case = Case {
        name: name.to_string(),
        files: Vec::new(),
        expects: Vec::new(),
        forbidden: Vec::new(),
        declares_valid: false,
        header_problems: Vec::new(),
        bug: None,
    };
    for (path, bytes) in files {
        let header = parse_header(&bytes);
        case.declares_valid |= header.declares_valid;
        case.bug = case.bug.or(header.bug);
        case.forbidden.extend(header.forbidden);
        case.header_problems.extend(header.problems);
        for (severity, line, col, words) in header.expects {
            case.expects.push(Expect {
                file: path.clone(),
                severity,
                line,
                col,
                words,
            });
        }
        case.files.push((path, bytes));
    }
    case
}

/// Every case of `tests/broken/`, sorted by name.
fn corpus_cases() -> Vec<Case> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/broken exists")
        .map(|e| e.expect("readable entry").path())
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
            // A multi-file case mirrors data/centres/.
            let mut files = Vec::new();
            collect_files(&entry, &entry, &mut files);
            files.sort();
            cases.push(case_from_files(&name, files));
        } else if let Some(stem) = name.strip_suffix(".yaml") {
            let bytes = std::fs::read(&entry).expect("readable case");
            let folder = parse_header(&bytes)
                .folder
                .unwrap_or_else(|| DEFAULT_FOLDER.to_string());
            let path = Path::new("data/centres").join(folder).join(&name);
            cases.push(case_from_files(stem, vec![(path, bytes)]));
        }
    }
    cases
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).expect("under base");
            let bytes = std::fs::read(&path).expect("readable file");
            out.push((Path::new("data/centres").join(rel), bytes));
        }
    }
}

/// Cases too big or too odd to commit: generated here.
fn generated_cases() -> Vec<Case> {
    let valid = std::fs::read(corpus_dir().join("catalogue-valide/aleap/atelier-test.yaml"))
        .expect("valid sample");
    let valid_text = String::from_utf8(valid.clone()).expect("utf-8");
    let aleap = |name: &str| Path::new("data/centres/aleap").join(format!("{name}.yaml"));
    let expect = |name: &str, severity, line, col, words: &[&str]| Expect {
        file: aleap(name),
        severity,
        line,
        col,
        words: words.iter().map(|w| w.to_string()).collect(),
    };
    let mut cases = Vec::new();

    // 2 MB: a valid centre followed by a pasted log.
    let mut big = valid.clone();
    while big.len() < 2 * 1024 * 1024 {
        big.extend_from_slice(
            b"# 2026-11-23T10:00:00 INFO journal colle par erreur dans le fichier du centre\n",
        );
    }
    cases.push(Case {
        name: "fichier-2-mo".into(),
        files: vec![(aleap("fichier-2-mo"), big)],
        expects: vec![expect(
            "fichier-2-mo",
            Severity::Error,
            1,
            Some(1),
            &["fichier trop grand", "1024 Ko"],
        )],
        forbidden: Vec::new(),
        declares_valid: false,
        header_problems: Vec::new(),
        bug: None,
    });

    // Zero bytes.
    cases.push(Case {
        name: "fichier-0-octet".into(),
        files: vec![(aleap("fichier-0-octet"), Vec::new())],
        expects: vec![expect(
            "fichier-0-octet",
            Severity::Error,
            1,
            Some(1),
            &["fichier vide"],
        )],
        forbidden: Vec::new(),
        declares_valid: false,
        header_problems: Vec::new(),
        bug: None,
    });

    // A NUL byte in a value (valid UTF-8, not valid YAML).
    let nul = valid_text.replacen("nom: Atelier Test (démo)", "nom: Atelier\0Test", 1);
    let nul_line = nul
        .lines()
        .position(|l| l.contains('\0'))
        .expect("nul line") as u32
        + 1;
    cases.push(Case {
        name: "octet-nul".into(),
        files: vec![(aleap("octet-nul"), nul.into_bytes())],
        expects: vec![expect(
            "octet-nul",
            Severity::Error,
            nul_line,
            None,
            &["caractère"],
        )],
        forbidden: Vec::new(),
        declares_valid: false,
        header_problems: Vec::new(),
        bug: None,
    });

    // The valid sample with a BOM and CRLF line endings, built here in case a checkout
    // rewrites the line endings of tests/broken/bom-crlf.yaml.
    let mut crlf = b"\xef\xbb\xbf".to_vec();
    crlf.extend_from_slice(valid_text.replace('\n', "\r\n").as_bytes());
    cases.push(Case {
        name: "bom-crlf-genere".into(),
        files: vec![(aleap("bom-crlf-genere"), crlf)],
        expects: Vec::new(),
        forbidden: Vec::new(),
        declares_valid: true,
        header_problems: Vec::new(),
        bug: None,
    });

    // The valid sample saved in Latin-1: the first accented letter is located.
    let (latin1_line, latin1_col) = valid_text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.chars()
                .position(|c| !c.is_ascii())
                .map(|c| (i as u32 + 1, c as u32 + 1))
        })
        .expect("the sample has accents");
    let latin1: Vec<u8> = valid_text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    cases.push(Case {
        name: "latin1-genere".into(),
        files: vec![(aleap("latin1-genere"), latin1)],
        expects: vec![expect(
            "latin1-genere",
            Severity::Error,
            latin1_line,
            Some(latin1_col),
            &["UTF-8", "Enregistrer sous"],
        )],
        forbidden: Vec::new(),
        declares_valid: false,
        header_problems: Vec::new(),
        bug: None,
    });

    // Only a BOM.
    cases.push(Case {
        name: "bom-seul".into(),
        files: vec![(aleap("bom-seul"), b"\xef\xbb\xbf".to_vec())],
        expects: vec![expect(
            "bom-seul",
            Severity::Error,
            1,
            Some(1),
            &["fichier vide"],
        )],
        forbidden: Vec::new(),
        declares_valid: false,
        header_problems: Vec::new(),
        bug: None,
    });
    cases
}

// ------------------------------------------------------------------------------------
// Running a case

fn write_site(case: &Case) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(root.path().join("data/centres")).expect("data/centres");
    for (path, bytes) in &case.files {
        let full = root.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("folders");
        std::fs::write(&full, bytes).expect("write case file");
    }
    root
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn show(d: &Diagnostic, sources: &Sources) -> String {
    format!(
        "{} {}:{}:{} {} [aide : {}]",
        severity_word(d.severity),
        sources.path(d.span.file).display(),
        d.span.line,
        d.span.col,
        d.message,
        d.hint.as_deref().unwrap_or("—")
    )
}

/// Runs one case; `Err` says everything that went wrong with it. With `full` false, only
/// checks that the run ends without panicking.
fn run_case(case: &Case, full: bool) -> Result<(), String> {
    let mut problems = case.header_problems.clone();
    if case.expects.is_empty() && !case.declares_valid {
        problems.push("aucune ligne « # attendu: » dans le cas".into());
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let root = write_site(case);
    let checked = match catch_unwind(AssertUnwindSafe(|| {
        pipeline::check_site(root.path(), today())
    })) {
        Ok(Ok(checked)) => checked,
        Ok(Err(e)) => return Err(format!("check_site a échoué : {e}")),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "?".into());
            return Err(format!("PANIC : {what}"));
        }
    };
    if std::env::var_os("CORPUS_AFFICHER").is_some() {
        // `CORPUS_AFFICHER=1 cargo test --test check_corpus -- --nocapture`: every diagnostic.
        let shown: Vec<String> = checked
            .diagnostics
            .sorted()
            .iter()
            .map(|d| format!("    {}", show(d, &checked.sources)))
            .collect();
        eprintln!("── {} ──\n{}", case.name, shown.join("\n"));
    }
    if full {
        compare(case, &checked)
    } else {
        Ok(())
    }
}

fn compare(case: &Case, checked: &Checked) -> Result<(), String> {
    let sources = &checked.sources;
    let all: Vec<&Diagnostic> = checked.diagnostics.sorted();
    let mut problems = Vec::new();
    for e in &case.expects {
        if !all.iter().any(|d| e.matches(d, sources)) {
            problems.push(format!("attendu mais absent : {e}"));
        }
    }
    for words in &case.forbidden {
        for d in all.iter().filter(|d| {
            d.message.contains(words.as_str())
                || d.hint
                    .as_deref()
                    .is_some_and(|h| h.contains(words.as_str()))
        }) {
            problems.push(format!("interdit « {words} » : {}", show(d, sources)));
        }
    }
    for d in all.iter().filter(|d| d.severity == Severity::Error) {
        if !case.expects.iter().any(|e| e.matches(d, sources)) {
            problems.push(format!("erreur inattendue : {}", show(d, sources)));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.push("diagnostics obtenus :".into());
    problems.extend(all.iter().map(|d| format!("    {}", show(d, sources))));
    Err(problems.join("\n"))
}

/// Runs every case (the known-bug ones only for panics, unless `bugs_too`).
fn run_all(cases: &[Case], bugs_too: bool) -> Vec<String> {
    cases
        .iter()
        .filter_map(|case| {
            let full = bugs_too || case.bug.is_none();
            // A panic inside a case is caught in run_case; this guards the harness itself.
            let outcome = catch_unwind(AssertUnwindSafe(|| run_case(case, full)))
                .unwrap_or_else(|_| Err("PANIC dans le harnais".into()));
            outcome
                .err()
                .map(|why| format!("── {} ──\n{why}", case.name))
        })
        .collect()
}

// ------------------------------------------------------------------------------------
// Tests

#[test]
fn corpus_of_broken_files() {
    let cases = corpus_cases();
    assert!(cases.len() >= 30, "le corpus n'a que {} cas", cases.len());
    let names: BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), cases.len(), "deux cas portent le même nom");
    let failures = run_all(&cases, false);
    assert!(
        failures.is_empty(),
        "{} cas sur {} en échec :\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The words of yaml-rust2's and serde's English messages: none may reach a person who
/// edits the data (issue 17, item 7), whatever the mistake.
const ENGLISH: &[&str] = &[
    "mapping",
    "did not",
    "while scanning",
    "while parsing",
    "found",
    "expected",
    "not allowed",
    "simple key",
    "unexpected",
    "cannot",
    "recursion",
    "must be",
    "indicator",
    "scalar",
    "token",
    "whitespace",
    "eof",
    "invalid ",
    "missing field",
    "unknown field",
];

#[test]
fn no_english_words_reach_the_diagnostics() {
    let mut english = Vec::new();
    for case in corpus_cases().into_iter().chain(generated_cases()) {
        let root = write_site(&case);
        let Ok(checked) = pipeline::check_site(root.path(), today()) else {
            continue;
        };
        for d in checked.diagnostics.iter() {
            let said = format!("{} {}", d.message, d.hint.as_deref().unwrap_or(""));
            let lower = said.to_lowercase();
            if let Some(word) = ENGLISH.iter().find(|w| lower.contains(*w)) {
                english.push(format!("{} : « {word} » dans {said}", case.name));
            }
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
}

#[test]
fn generated_cases_big_empty_and_odd_bytes() {
    let cases = generated_cases();
    let failures = run_all(&cases, false);
    assert!(
        failures.is_empty(),
        "{} cas en échec :\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The cases marked `# bogue:`: each fails because of a bug in src/ described in its
/// header. Run with `cargo test --test check_corpus -- --ignored`; once a bug is fixed,
/// remove its `# bogue:` line so that the case joins `corpus_of_broken_files`.
#[test]
#[ignore = "bug: known src/ bugs, one per `# bogue:` case (see tests/broken/README.md)"]
fn corpus_known_bugs() {
    let cases: Vec<Case> = corpus_cases()
        .into_iter()
        .chain(generated_cases())
        .filter(|c| c.bug.is_some())
        .collect();
    let failures = run_all(&cases, true);
    let fixed: Vec<&str> = cases
        .iter()
        .map(|c| c.name.as_str())
        .filter(|name| {
            !failures
                .iter()
                .any(|f| f.starts_with(&format!("── {name} ──")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} cas « bogue » sur {} encore en échec (corrigés : {fixed:?}) :\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every case (committed and generated) side by side in one site, as a federation
/// folder full of mistakes would be: the run must end, without panicking, with errors.
#[test]
fn whole_corpus_in_one_site_does_not_panic() {
    let mut files = Vec::new();
    for case in corpus_cases().into_iter().chain(generated_cases()) {
        for (path, bytes) in case.files {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("x.yaml")
                .to_string();
            let folder = path.parent().expect("parent").to_path_buf();
            files.push((folder.join(format!("{}--{file}", case.name)), bytes));
        }
    }
    let all = Case {
        name: "tout".into(),
        files,
        expects: Vec::new(),
        forbidden: Vec::new(),
        declares_valid: true,
        header_problems: Vec::new(),
        bug: None,
    };
    let root = write_site(&all);
    let checked = catch_unwind(AssertUnwindSafe(|| {
        pipeline::check_site(root.path(), today())
    }))
    .expect("check_site must not panic")
    .expect("check_site runs");
    assert!(checked.diagnostics.has_errors());
}

/// Truncated and corrupted versions of a valid file: diagnostics, never a panic, and
/// every diagnostic points inside the file.
#[test]
fn truncated_and_corrupted_files_never_panic() {
    use cispgen::load::parse_centre;
    let valid =
        std::fs::read_to_string(corpus_dir().join("catalogue-valide/aleap/atelier-test.yaml"))
            .expect("valid sample");
    let mut variants: Vec<String> = Vec::new();
    let boundaries: Vec<usize> = valid.char_indices().map(|(i, _)| i).collect();
    for &cut in boundaries.iter().step_by(3) {
        variants.push(valid[..cut].to_string());
    }
    // Deterministic byte soup: replace one character with a YAML-significant one.
    let specials = [
        '\t', ':', '[', ']', '{', '}', '"', '\'', '&', '*', '!', '|', '>', '-', '#', '%', '@', '`',
        '\0', '\u{feff}', '\r', ' ', '?', ',',
    ];
    let mut seed: u64 = 0x5eed_c15b;
    for _ in 0..1500 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = boundaries[(seed >> 33) as usize % boundaries.len()];
        let special = specials[(seed >> 17) as usize % specials.len()];
        let mut text = valid.clone();
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        text.replace_range(at..end, &special.to_string());
        variants.push(text);
    }
    let refdata = cispgen::refdata::RefData::load();
    let mut failures = Vec::new();
    for (i, text) in variants.iter().enumerate() {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut sources = Sources::default();
            let id = sources.add("data/centres/aleap/x.yaml".into(), text.clone());
            let (centre, mut findings) = parse_centre(text, id);
            let centres: Vec<_> = centre.into_iter().collect();
            findings.extend(cispgen::check::check(&centres, &sources, refdata, today()));
            let lines = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
            findings
                .iter()
                .filter(|d| d.span.line == 0 || d.span.line > lines + 1 || d.span.col == 0)
                .map(|d| {
                    format!(
                        "hors du fichier : {}:{} {}",
                        d.span.line, d.span.col, d.message
                    )
                })
                .collect::<Vec<_>>()
        }));
        match outcome {
            Ok(bad) if bad.is_empty() => {}
            Ok(bad) => failures.push(format!("variante {i} : {}\n{text:?}", bad.join(" ; "))),
            Err(_) => failures.push(format!("variante {i} : PANIC\n{text:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} variantes en échec :\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
fn demo_catalogue_has_no_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = pipeline::check_site(root, today()).expect("the repository has data/centres");
    assert!(
        !checked.centres.is_empty(),
        "le catalogue de démonstration est vide"
    );
    let errors: Vec<String> = checked
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| show(d, &checked.sources))
        .collect();
    assert!(
        errors.is_empty(),
        "{} erreur(s) dans data/centres :\n{}",
        errors.len(),
        errors
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ------------------------------------------------------------------------------------
// The real binary

struct Run {
    success: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_binary(root: &Path, format: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_cispgen"))
        .args(["check", "--root"])
        .arg(root)
        .args(["--format", format, "--today", TODAY_ARG])
        .output()
        .expect("the binary runs");
    Run {
        success: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn case_named(name: &str) -> Case {
    corpus_cases()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("cas {name} introuvable"))
}

/// Checks the three output formats of one case against its expectations.
fn check_binary_on(name: &str) -> Result<(), String> {
    let case = case_named(name);
    let has_errors = case.expects.iter().any(|e| e.severity == Severity::Error);
    let root = write_site(&case);
    let mut problems = Vec::new();
    let exit_ok = |run: &Run, format: &str, problems: &mut Vec<String>| {
        if run.code.is_none() {
            problems.push(format!(
                "{format} : le programme s'est arrêté sans code de sortie (panic ? signal ?)\n{}",
                run.stderr
            ));
        } else if has_errors && (run.success || run.code == Some(2)) {
            problems.push(format!(
                "{format} : code de sortie {:?} alors qu'il y a des erreurs",
                run.code
            ));
        } else if !has_errors && !run.success {
            problems.push(format!(
                "{format} : code de sortie {:?} alors qu'il n'y a que des avertissements\n{}",
                run.code, run.stderr
            ));
        }
        if run.stderr.contains("panicked") {
            problems.push(format!("{format} : panic\n{}", run.stderr));
        }
    };

    // human: rustc-like lines on stderr, a verdict on stdout.
    let human = run_binary(root.path(), "human");
    exit_ok(&human, "human", &mut problems);
    for e in &case.expects {
        let at = format!("{}:{}:", e.file.display(), e.line);
        let col = e.col.map(|c| format!("{c}: ")).unwrap_or_default();
        let severity = format!(": {}: ", severity_word(e.severity));
        let found = human.stderr.lines().any(|l| {
            l.strip_prefix(&at)
                .is_some_and(|rest| rest.starts_with(&col) && rest.contains(&severity))
        });
        if !found {
            problems.push(format!(
                "human : pas de ligne « {at}{col}…{severity}… » sur stderr"
            ));
        }
        if let Some(word) = e
            .words
            .last()
            .filter(|w| !human.stderr.contains(w.as_str()))
        {
            problems.push(format!("human : « {word} » absent de la sortie"));
        }
    }
    let verdict = if has_errors { "ÉCHEC" } else { "OK" };
    if !human.stdout.starts_with(verdict) {
        problems.push(format!(
            "human : le résumé devrait commencer par « {verdict} » : {:?}",
            human.stdout
        ));
    }

    // json: one array of diagnostics on stdout.
    let json = run_binary(root.path(), "json");
    exit_ok(&json, "json", &mut problems);
    match serde_json::from_str::<serde_json::Value>(&json.stdout) {
        Ok(serde_json::Value::Array(items)) => {
            for e in &case.expects {
                let found = items.iter().any(|item| {
                    item["file"].as_str() == Some(e.file.to_str().unwrap_or(""))
                        && item["line"].as_u64() == Some(u64::from(e.line))
                        && e.col
                            .is_none_or(|c| item["column"].as_u64() == Some(u64::from(c)))
                        && item["severity"].as_str() == Some(severity_word(e.severity))
                        && e.words.iter().all(|w| {
                            item["message"]
                                .as_str()
                                .is_some_and(|m| m.contains(w.as_str()))
                                || item["hint"]
                                    .as_str()
                                    .is_some_and(|h| h.contains(w.as_str()))
                        })
                });
                if !found {
                    problems.push(format!("json : pas d'élément pour {e}"));
                }
            }
            let errors = items.iter().filter(|i| i["severity"] == "error").count();
            if (errors > 0) != has_errors {
                problems.push(format!(
                    "json : {errors} erreur(s) alors que le cas en attend {}",
                    if has_errors { "au moins une" } else { "aucune" }
                ));
            }
        }
        Ok(other) => problems.push(format!("json : pas un tableau : {other}")),
        Err(e) => problems.push(format!("json : illisible ({e}) : {:?}", json.stdout)),
    }

    // github: one workflow command per diagnostic.
    let github = run_binary(root.path(), "github");
    exit_ok(&github, "github", &mut problems);
    let lines: Vec<&str> = github.stdout.lines().filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        problems.push("github : aucune ligne".into());
    }
    for l in &lines {
        if !(l.starts_with("::error file=") || l.starts_with("::warning file=")) {
            problems.push(format!("github : ligne inattendue {l:?}"));
        }
    }
    for e in &case.expects {
        let col = e.col.map(|c| format!(",col={c}")).unwrap_or_default();
        let wanted = format!(
            "::{} file={},line={}{col}",
            severity_word(e.severity),
            e.file.display(),
            e.line
        );
        if !lines.iter().any(|l| l.starts_with(&wanted)) {
            problems.push(format!("github : pas de ligne « {wanted}… »"));
        }
    }
    if has_errors && !lines.iter().any(|l| l.starts_with("::error file=")) {
        problems.push("github : aucune ligne « ::error file= »".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn binary_formats_and_exit_codes() {
    // Errors in one file; warnings only; errors across two files.
    let failures: Vec<String> = ["rome-mot", "seance-passee", "ids-en-double"]
        .iter()
        .filter_map(|name| {
            check_binary_on(name)
                .err()
                .map(|why| format!("── {name} ──\n{why}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn binary_on_a_missing_root_says_so() {
    let root = tempfile::tempdir().expect("temp dir");
    let run = run_binary(root.path(), "human");
    assert_eq!(
        run.code,
        Some(2),
        "stdout: {}\nstderr: {}",
        run.stdout,
        run.stderr
    );
    assert!(run.stderr.contains("data/centres"), "{}", run.stderr);
}

/// Every `cispgen …` command a hint recommends must exist.
#[test]
fn hints_name_existing_commands() {
    let (_, findings) = cispgen::load::parse_centre("", cispgen::diag::FileId(0));
    let mut commands = Vec::new();
    for d in &findings {
        let hint = d.hint.as_deref().unwrap_or("");
        for part in hint.split('`').skip(1).step_by(2) {
            if let Some(args) = part.strip_prefix("cispgen ") {
                commands.push(
                    args.split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                );
            }
        }
    }
    assert!(
        !commands.is_empty(),
        "no `cispgen …` command in {findings:?}"
    );
    for args in commands {
        let status = Command::new(env!("CARGO_BIN_EXE_cispgen"))
            .args(&args)
            .arg("--help")
            .output()
            .expect("the binary runs");
        assert!(
            status.status.success(),
            "`cispgen {}` n'existe pas : {}",
            args.join(" "),
            String::from_utf8_lossy(&status.stderr)
        );
    }
}

// ------------------------------------------------------------------------------------
// Snapshots of what `cispgen check` prints

/// What `cispgen check` prints (human format, run from the site root so that paths are
/// relative) for each single-file case `tests/broken/<cas>.yaml`: one snapshot per file in
/// `tests/snapshots/check_corpus__<cas>.snap`, so that a change in the layout of the
/// diagnostics shows as a snapshot diff. After a deliberate change:
/// `INSTA_UPDATE=always cargo test --release --test check_corpus check_output_snapshots`,
/// then review `git diff tests/snapshots/`.
#[test]
fn check_output_snapshots() {
    let mut seen = 0;
    for case in corpus_cases() {
        if !corpus_dir().join(format!("{}.yaml", case.name)).is_file() {
            continue;
        }
        let root = write_site(&case);
        let output = Command::new(env!("CARGO_BIN_EXE_cispgen"))
            .current_dir(root.path())
            .args(["check", "--format", "human", "--today", TODAY_ARG])
            .output()
            .expect("the binary runs");
        let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
        if !output.stderr.is_empty() {
            printed.push_str("--- stderr\n");
            printed.push_str(&String::from_utf8_lossy(&output.stderr));
        }
        printed.push_str(&format!("--- exit code: {:?}\n", output.status.code()));
        insta::with_settings!({
            description => format!("cispgen check --today {TODAY_ARG}, tests/broken/{}.yaml", case.name),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(case.name.as_str(), printed);
        });
        seen += 1;
    }
    assert!(seen >= 60, "only {seen} single-file cases in tests/broken/");
}
