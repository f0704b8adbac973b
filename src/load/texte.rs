//! From the bytes on disk to the text of a centre file: size limit, UTF-8 without its
//! byte-order mark, no NUL byte; otherwise where the problem is.

use std::path::Path;

use super::MAX_FILE_BYTES;
use crate::diag::{Diagnostic, FileId, Span};

pub(super) enum ReadProblem {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8 { line: u32, col: u32 },
    Nul { line: u32, col: u32 },
}

impl ReadProblem {
    pub(super) fn into_diagnostic(self, file: FileId) -> Diagnostic {
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

pub(super) fn read_text(path: &Path) -> Result<String, ReadProblem> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
