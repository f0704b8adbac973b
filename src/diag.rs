//! Diagnostics: every problem found in the data, with the file, line and column it
//! comes from, what is wrong and what to write instead.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`] list and the
//! CLI prints them all at the end, as rustc does.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Index of a source file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct FileId(pub u32);

/// A position in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub file: FileId,
    pub line: u32,
    pub col: u32,
}

/// The text of every file read during a run, kept so that diagnostics can quote the
/// offending line.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    pub text: String,
}

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile { path, text });
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn path(&self, id: FileId) -> &Path {
        self.get(id).map_or(Path::new("?"), |f| f.path.as_path())
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, span: Span) -> Option<&str> {
        let file = self.get(span.file)?;
        let index = usize::try_from(span.line).ok()?.checked_sub(1)?;
        file.text.lines().nth(index)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    /// What is wrong, in plain French.
    pub message: String,
    /// What would be right: « écrivez … », « vouliez-vous dire … ? ».
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// All diagnostics of a run, in the order they were found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, line, column, so that output is stable whatever order the
    /// stages ran in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.span, a.severity, &a.message).cmp(&(b.span, b.severity, &b.message))
        });
        items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `file:line:col: error: message`, the source line, a caret and a hint.
    #[default]
    Human,
    /// One JSON array, for tools.
    Json,
    /// GitHub Actions workflow commands, so that a pull request shows each error on its line.
    Github,
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Renders one diagnostic the way rustc does: location, message, quoted line, caret, hint.
pub fn render_human(d: &Diagnostic, sources: &Sources) -> String {
    let mut out = String::new();
    let path = sources.path(d.span.file).display();
    let _ = writeln!(
        out,
        "{path}:{}:{}: {}: {}",
        d.span.line,
        d.span.col,
        severity_word(d.severity),
        d.message
    );
    if let Some(line) = sources.line(d.span) {
        let number = d.span.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {}", line.replace('\t', " "));
        let caret_at = d.span.col.saturating_sub(1) as usize;
        let _ = writeln!(
            out,
            "{pad} | {}^",
            " ".repeat(caret_at.min(line.chars().count()))
        );
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  = aide : {hint}");
    }
    out
}

/// GitHub Actions annotation: `::error file=…,line=…,col=…::message`.
pub fn render_github(d: &Diagnostic, sources: &Sources) -> String {
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str(" — ");
        message.push_str(hint);
    }
    format!(
        "::{} file={},line={},col={}::{}",
        severity_word(d.severity),
        escape_github_property(&sources.path(d.span.file).display().to_string()),
        d.span.line,
        d.span.col,
        escape_github_data(&message)
    )
}

// Workflow command escaping, as in @actions/core.
fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: u32,
    column: u32,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
}

/// All diagnostics as one JSON array.
pub fn render_json(items: &[&Diagnostic], sources: &Sources) -> String {
    let rows: Vec<JsonDiagnostic> = items
        .iter()
        .map(|d| JsonDiagnostic {
            file: sources.path(d.span.file).display().to_string(),
            line: d.span.line,
            column: d.span.col,
            severity: d.severity,
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Sources, Diagnostic) {
        let mut sources = Sources::default();
        let file = sources.add(
            "data/centres/aid/x.yaml".into(),
            "id: x\nnom: Test\ncourriel: pas-un-courriel\n".into(),
        );
        let d = Diagnostic::error(
            Span {
                file,
                line: 3,
                col: 11,
            },
            "adresse e-mail invalide",
        )
        .with_hint("écrivez par exemple contact@exemple.be");
        (sources, d)
    }

    #[test]
    fn human_rendering_quotes_the_line_and_points_at_the_column() {
        let (sources, d) = sample();
        let text = render_human(&d, &sources);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "data/centres/aid/x.yaml:3:11: error: adresse e-mail invalide"
        );
        assert_eq!(lines[2], "3 | courriel: pas-un-courriel");
        assert_eq!(lines[3], "  |           ^");
        assert!(lines[4].contains("contact@exemple.be"));
    }

    #[test]
    fn github_rendering_escapes_properties_and_data() {
        let (sources, mut d) = sample();
        d.message = "a,b:c\n100%".into();
        let text = render_github(&d, &sources);
        assert!(text.starts_with("::error file=data/centres/aid/x.yaml,line=3,col=11::"));
        assert!(text.contains("a,b:c%0A100%25"));
    }

    #[test]
    fn sorted_orders_by_location() {
        let mut all = Diagnostics::default();
        let at = |line| Span {
            file: FileId(0),
            line,
            col: 1,
        };
        all.push(Diagnostic::warning(at(9), "b"));
        all.push(Diagnostic::error(at(2), "a"));
        let lines: Vec<u32> = all.sorted().iter().map(|d| d.span.line).collect();
        assert_eq!(lines, vec![2, 9]);
        assert_eq!(all.error_count(), 1);
        assert_eq!(all.warning_count(), 1);
    }
}
