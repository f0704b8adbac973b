//! Scanner errors of yaml-rust2, said in French with the most likely cause and where to
//! look (the tab, the bracket left open…) rather than where the scanner gave up.

use super::MAX_DEPTH;
use super::parse::span_at;
use crate::diag::{Diagnostic, FileId, Span};

pub(super) fn syntax_error(text: &str, file: FileId, e: &yaml_rust2::ScanError) -> Diagnostic {
    let info = e.info();
    let mut span = span_at(file, *e.marker());
    let line = text
        .lines()
        .nth(span.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let at_char = line.chars().nth(span.col.saturating_sub(1) as usize);
    if info.contains("recursion limit") {
        // The scanner's own guard against deep `[[[[…`: the same words as ours (MAX_DEPTH).
        return Diagnostic::error(
            span,
            format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
        )
        .with_hint("un fichier de centre n'a que quelques niveaux : vérifiez les crochets [ ] et les accolades { }");
    }
    let tab_after_colon = line
        .find(":\t")
        .map(|i| line[..i].chars().count() as u32 + 2);
    let hint = if let Some(col) = tab_after_colon.filter(|_| info.contains("whitespace")) {
        span.col = col;
        "une tabulation suit le « : » : remplacez-la par une espace (« champ: valeur »)"
    } else if info.contains("cannot start any token") || info.contains("tab") {
        // The scanner reports where the scalar began; point at the tab itself.
        if let Some(tab) = first_indenting_tab(text, span.line) {
            span = Span { file, ..tab };
        }
        "la cause la plus fréquente est une tabulation : indentez avec des espaces, jamais avec la touche Tab"
    } else if let Some(open) = unclosed_bracket(text, span.line) {
        span = Span { file, ..open };
        "ce crochet [ ou cette accolade { n'est pas refermé : ajoutez ] ou } à la fin de la liste"
    } else if matches!(at_char, Some('"' | '\'')) || info.contains("quoted scalar") {
        "un guillemet ouvert n'est pas refermé : ajoutez le même guillemet à la fin de la valeur"
    } else if info.contains("mapping values are not allowed") {
        let first_colon = line.find(':').map(|i| line[..i].chars().count() + 1);
        if first_colon == Some(span.col as usize) {
            "ce champ n'est pas aligné avec ceux du même bloc : vérifiez l'indentation (le nombre d'espaces au début de la ligne)"
        } else {
            "un « : » suivi d'une espace apparaît dans une valeur : mettez la valeur entre guillemets (\"…\")"
        }
    } else if info.contains("did not find expected key") || info.contains("indentation") {
        "vérifiez l'indentation : les champs d'un même bloc commencent à la même colonne"
    } else if info.contains("unexpected end") || info.contains("eof") {
        "un guillemet ou un crochet ouvert n'est pas refermé"
    } else {
        "corrigez la syntaxe YAML à cet endroit (indentation de 2 espaces, « champ: valeur »)"
    };
    Diagnostic::error(span, format!("syntaxe YAML invalide ({info})")).with_hint(hint)
}

/// The position of a `[` or `{` still open at `line` (outside quotes and comments).
fn unclosed_bracket(text: &str, line: u32) -> Option<Span> {
    let mut open: Vec<Span> = Vec::new();
    for (i, l) in text.lines().take(line as usize).enumerate() {
        let mut quote: Option<char> = None;
        for (col, c) in l.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => open.push(Span {
                    file: FileId(0),
                    line: u32::try_from(i + 1).ok()?,
                    col: u32::try_from(col + 1).ok()?,
                }),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.first().copied()
}

/// The first tab in the indentation of a line at or after `from_line`.
fn first_indenting_tab(text: &str, from_line: u32) -> Option<Span> {
    text.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let col = line[..indent].find('\t')?;
            Some(Span {
                file: FileId(0),
                line: u32::try_from(i + 1).ok()?,
                col: u32::try_from(col + 1).ok()?,
            })
        })
}

#[cfg(test)]
mod tests {
    use crate::diag::FileId;
    use crate::yaml::parse;

    #[test]
    fn unclosed_brackets_and_quotes_are_named() {
        let err = parse("a: 1\njours: [lundi, mardi\nb: 2\n", FileId(0)).expect_err("bracket");
        assert_eq!((err.span.line, err.span.col), (2, 8));
        assert!(err.hint.as_deref().unwrap_or("").contains("crochet"));
        let err = parse("nom: \"Atelier\nid: x\n", FileId(0)).expect_err("quote");
        assert!(
            err.hint.as_deref().unwrap_or("").contains("guillemet"),
            "{err:?}"
        );
    }

    #[test]
    fn syntax_errors_are_located_and_hinted() {
        let err = parse("nom: A\n\tcode: 1\n", FileId(0)).expect_err("tab");
        assert_eq!(err.span.line, 2);
        assert!(err.hint.as_deref().unwrap_or("").contains("tabulation"));
    }
}
