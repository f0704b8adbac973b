//! `cispgen check --files A B…`: the diagnostics of the files a pull request changes,
//! alone and first, and one summary line for the rest of the catalogue (issue 17).
//!
//! GitHub shows at most 10 error and 10 warning annotations per step: with
//! `--format github`, the diagnostics of those files beyond these limits are counted in
//! the summary line instead of being dropped silently by GitHub.

use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Severity, Sources};

/// Annotations GitHub shows per step and per severity.
pub const GITHUB_ANNOTATIONS: usize = 10;

/// What `check --files` prints: the diagnostics shown, and what is only counted.
#[derive(Debug, Default)]
pub struct Focus<'a> {
    pub shown: Vec<&'a Diagnostic>,
    /// Diagnostics of the listed files not shown (annotation limits).
    pub hidden_errors: usize,
    pub hidden_warnings: usize,
    /// Diagnostics of the other files.
    pub other_errors: usize,
    pub other_warnings: usize,
}

/// `a/./b`, `./a/b` and `a/b` are one path; `..` is kept (it names no catalogue file).
fn normalise(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// Is the diagnostic's file one of `files` (paths as given, relative to the current
/// directory or to `root`)?
fn listed(shown_path: &Path, root: &Path, files: &[PathBuf]) -> bool {
    let shown = normalise(shown_path);
    let root = normalise(root);
    files.iter().any(|f| {
        let f = normalise(f);
        f == shown || f.strip_prefix(&root).is_ok_and(|rel| rel == shown)
    })
}

/// Splits `sorted` into the diagnostics of `files` (errors first, each severity capped at
/// `limit` when given) and counts of the rest.
pub fn focus<'a>(
    sorted: &[&'a Diagnostic],
    sources: &Sources,
    root: &Path,
    files: &[PathBuf],
    limit: Option<usize>,
) -> Focus<'a> {
    let mut focus = Focus::default();
    let (mut errors, mut warnings) = (0, 0);
    for severity in [Severity::Error, Severity::Warning] {
        for d in sorted.iter().filter(|d| d.severity == severity) {
            let is_error = severity == Severity::Error;
            if !listed(sources.path(d.span.file), root, files) {
                if is_error {
                    focus.other_errors += 1;
                } else {
                    focus.other_warnings += 1;
                }
                continue;
            }
            let count = if is_error { &mut errors } else { &mut warnings };
            if limit.is_some_and(|l| *count >= l) {
                if is_error {
                    focus.hidden_errors += 1;
                } else {
                    focus.hidden_warnings += 1;
                }
                continue;
            }
            *count += 1;
            focus.shown.push(d);
        }
    }
    focus
}

impl Focus<'_> {
    /// The summary line, in French, or `None` when everything was shown.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.hidden_errors + self.hidden_warnings > 0 {
            parts.push(format!(
                "{} erreur(s) et {} avertissement(s) de plus dans les fichiers modifiés",
                self.hidden_errors, self.hidden_warnings
            ));
        }
        if self.other_errors + self.other_warnings > 0 {
            parts.push(format!(
                "{} erreur(s) et {} avertissement(s) dans les autres fichiers",
                self.other_errors, self.other_warnings
            ));
        }
        (!parts.is_empty()).then(|| {
            format!(
                "{} : lancez « cispgen check » pour tout voir",
                parts.join(" ; ")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    fn at(file: u32, line: u32, severity: Severity) -> Diagnostic {
        let span = Span {
            file: crate::diag::FileId(file),
            line,
            col: 1,
        };
        match severity {
            Severity::Error => Diagnostic::error(span, "e"),
            Severity::Warning => Diagnostic::warning(span, "w"),
        }
    }

    #[test]
    fn the_listed_files_come_alone_errors_first_within_the_limits() {
        let mut sources = Sources::default();
        sources.add("data/centres/aid/a.yaml".into(), String::new());
        sources.add("data/centres/aid/b.yaml".into(), String::new());
        let mut all: Vec<Diagnostic> = (1..=12).map(|l| at(0, l, Severity::Warning)).collect();
        all.extend((1..=11).map(|l| at(0, 100 + l, Severity::Error)));
        all.push(at(1, 1, Severity::Error));
        all.push(at(1, 2, Severity::Warning));
        let sorted: Vec<&Diagnostic> = all.iter().collect();
        let files = [PathBuf::from("./data/centres/aid/a.yaml")];
        let f = focus(&sorted, &sources, Path::new("."), &files, Some(10));
        assert_eq!(f.shown.len(), 20);
        assert!(f.shown[..10].iter().all(|d| d.severity == Severity::Error));
        assert!(f.shown.iter().all(|d| d.span.file.0 == 0));
        assert_eq!((f.hidden_errors, f.hidden_warnings), (1, 2));
        assert_eq!((f.other_errors, f.other_warnings), (1, 1));
        let summary = f.summary().unwrap();
        assert!(
            summary.contains("1 erreur(s) et 2 avertissement(s) de plus"),
            "{summary}"
        );
        assert!(summary.contains("1 erreur(s) et 1 avertissement(s) dans les autres"));
        // Without a limit (human format), every diagnostic of the file is shown.
        let f = focus(&sorted, &sources, Path::new("."), &files, None);
        assert_eq!(f.shown.len(), 23);
    }

    #[test]
    fn paths_are_matched_as_typed_or_under_the_root() {
        let root = Path::new("site");
        let shown = Path::new("data/centres/aid/a.yaml");
        assert!(listed(
            shown,
            root,
            &["site/data/centres/aid/a.yaml".into()]
        ));
        assert!(listed(shown, root, &["data/centres/aid/a.yaml".into()]));
        assert!(!listed(shown, root, &["data/centres/aid/b.yaml".into()]));
        let f = Focus::default();
        assert_eq!(f.summary(), None);
    }
}
