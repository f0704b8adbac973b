//! Scanner errors of yaml-rust2, said in plain French (its English words never reach the
//! user) with the most likely cause, placed on the offending token (the tab, the bracket
//! left open, the key without its space…) rather than where the scanner gave up.

use super::MAX_DEPTH;
use super::parse::span_at;
use crate::diag::{Diagnostic, FileId, Span};

const PREFIX: &str = "syntaxe YAML invalide";

pub(super) fn syntax_error(text: &str, file: FileId, e: &yaml_rust2::ScanError) -> Diagnostic {
    let (span, what, hint) = explain(text, span_at(file, *e.marker()), e.info());
    Diagnostic::error(span, format!("{PREFIX} : {what}")).with_hint(hint)
}

/// The 1-based line `n` of `text` ("" beyond the end).
fn line_of(text: &str, n: u32) -> &str {
    text.lines().nth(n.saturating_sub(1) as usize).unwrap_or("")
}

/// Column (1-based) of the first character that is not a space or tab.
fn first_token_col(line: &str) -> u32 {
    let indent = line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    u32::try_from(indent + 1).unwrap_or(1)
}

fn at(span: Span, line: u32, col: u32) -> Span {
    Span { line, col, ..span }
}

/// French description and hint for the scanner message `info` at `span`.
fn explain(text: &str, mut span: Span, info: &str) -> (Span, String, String) {
    let line = line_of(text, span.line);
    let at_char = line.chars().nth(span.col.saturating_sub(1) as usize);
    let said = |s: &str| s.to_string();
    if info.contains("recursion limit") {
        // The scanner's own guard against deep `[[[[…`: the same words as ours (MAX_DEPTH).
        return (
            span,
            format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
            said(
                "un fichier de centre n'a que quelques niveaux : vérifiez les crochets [ ] et les accolades { }",
            ),
        );
    }
    if let Some(col) = line
        .find(":\t")
        .map(|i| line[..i].chars().count() as u32 + 2)
        && info.contains("whitespace")
    {
        return (
            at(span, span.line, col),
            said("une tabulation suit le « : »"),
            said("remplacez la tabulation par une espace (« champ: valeur »)"),
        );
    }
    if info.contains("tab") || (info.contains("cannot start any token") && line.contains('\t')) {
        if let Some((l, c)) = first_indenting_tab(text, span.line) {
            span = at(span, l, c);
        }
        return (
            span,
            said("une tabulation sert d'indentation"),
            said("indentez avec des espaces, jamais avec la touche Tab"),
        );
    }
    if let Some((l, c)) = colon_without_space_near(text, span.line) {
        let key = line_of(text, l).trim_start().trim_start_matches("- ");
        let key = key.split(':').next().unwrap_or("champ");
        return (
            at(span, l, c),
            said("il manque une espace après le « : »"),
            format!("écrivez « {key}: » suivi d'une espace, puis la valeur"),
        );
    }
    if let Some((l, c)) = unclosed_bracket(text, span.line) {
        return (
            at(span, l, c),
            said("ce crochet [ ou cette accolade { n'est pas refermé"),
            said("ajoutez ] ou } à la fin de la liste, sur la même ligne"),
        );
    }
    if info.contains("trailing content after double-quoted") {
        return (
            span,
            said("du texte suit le guillemet fermant"),
            said("mettez toute la valeur entre les guillemets (\"…\"), ou retirez les guillemets"),
        );
    }
    if info.contains("escape") {
        return (
            span,
            said("une barre oblique inverse « \\ » entre guillemets doubles"),
            said("écrivez la valeur entre guillemets simples ('…'), ou sans guillemets"),
        );
    }
    if info.contains("quoted scalar") || info.contains("unexpected end of stream") {
        return quote_problem(text, span);
    }
    if info.contains("mapping values are not allowed") {
        let first_colon = line.find(':').map(|i| line[..i].chars().count() as u32 + 1);
        if first_colon == Some(span.col) {
            return misaligned(span, line);
        }
        return (
            span,
            said("un « : » suivi d'une espace apparaît dans une valeur"),
            said("mettez la valeur entre guillemets (\"…\")"),
        );
    }
    if info.starts_with("simple key") {
        // A line with no « : » in a block of fields: the scanner only notices on the next
        // line, so point at the line before.
        let (l, content) = previous_content_line(text, span.line);
        return (
            at(span, l, first_token_col(content)),
            said("cette ligne n'a pas de « : » dans un bloc de champs"),
            said(
                "écrivez « champ: valeur » ; pour continuer le texte de la ligne d'avant, indentez-la davantage",
            ),
        );
    }
    if info.contains("did not find expected key")
        || info.contains("expected '-' indicator")
        || info.contains("indentation")
    {
        return misaligned(span, line);
    }
    if info.contains("block sequence entries are not allowed") {
        return (
            span,
            said("un « - » de liste suit un champ sur la même ligne"),
            said(
                "passez à la ligne : chaque élément « - valeur » sur sa propre ligne, indenté sous le champ",
            ),
        );
    }
    if info.contains("flow sequence") || info.contains("flow mapping") {
        return (
            span,
            said("une virgule ou un crochet fermant manque dans cette liste"),
            said("séparez les valeurs par des virgules : « [lundi, mardi] »"),
        );
    }
    if info.contains("must be followed by a valid YAML whitespace") {
        let sign = if info.starts_with("'-'") { "-" } else { ":" };
        return (
            span,
            format!("il manque une espace après le « {sign} »"),
            format!("ajoutez une espace après « {sign} »"),
        );
    }
    if info.contains("comments must be separated") {
        return (
            span,
            said("un « # » colle au texte qui le précède"),
            said("ajoutez une espace avant « # », ou mettez la valeur entre guillemets"),
        );
    }
    if info.contains("cannot start any token")
        || info.contains("unexpected character")
        || info.contains("anchor")
        || info.contains("alias")
        || info.contains("tag")
    {
        let shown = at_char.map_or_else(String::new, |c| format!("« {c} » "));
        return (
            span,
            format!("le caractère {shown}ne peut pas commencer une valeur"),
            said("mettez la valeur entre guillemets (\"…\")"),
        );
    }
    if info.contains("unexpected eof") {
        return (
            span,
            said("le fichier se termine au milieu d'une valeur"),
            said("un guillemet ou un crochet ouvert n'est pas refermé"),
        );
    }
    (
        span,
        said("cette ligne ne suit pas la forme « champ: valeur »"),
        said("indentez de 2 espaces par niveau et écrivez « champ: valeur »"),
    )
}

fn misaligned(span: Span, line: &str) -> (Span, String, String) {
    (
        at(span, span.line, first_token_col(line)),
        "ce champ n'est pas aligné avec ceux du même bloc".into(),
        "vérifiez l'indentation : les champs d'un même bloc commencent à la même colonne (le nombre d'espaces au début de la ligne)".into(),
    )
}

/// A quoted value the scanner could not finish: the « not closed » hint only when the
/// quote is really left open (on its line and on the lines of the same value).
fn quote_problem(text: &str, span: Span) -> (Span, String, String) {
    let opened = (1..=span.line)
        .rev()
        .find_map(|n| open_quote(line_of(text, n)).map(|(col, q)| (n, col, q)));
    let Some((n, col, quote)) = opened else {
        return (
            span,
            "un texte entre guillemets continue mal à la ligne suivante".into(),
            "écrivez toute la valeur entre guillemets sur une seule ligne".into(),
        );
    };
    // Closed further down, before the next field: a value on several lines.
    let closed_later = text
        .lines()
        .skip(n as usize)
        .take_while(|l| !looks_like_field(l))
        .any(|l| l.contains(quote));
    if closed_later {
        return (
            at(span, n, col),
            "un texte entre guillemets continue mal à la ligne suivante".into(),
            "écrivez toute la valeur entre guillemets sur une seule ligne".into(),
        );
    }
    (
        at(span, n, col),
        "ce guillemet n'est pas refermé".into(),
        "ajoutez le même guillemet à la fin de la valeur, sur la même ligne".into(),
    )
}

/// `  nom: …` or `- id: …`: a line that starts a field.
fn looks_like_field(line: &str) -> bool {
    let body = line.trim_start().trim_start_matches("- ");
    body.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The column and character of a quote opened in the value of `line` and not closed
/// before its end (`''` is an escaped quote in single quotes, `\"` in double quotes).
pub(super) fn open_quote(line: &str) -> Option<(u32, char)> {
    let mut open: Option<(char, usize)> = None;
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (Some(('"', _)), '\\') => {
                chars.next();
            }
            (Some(('\'', _)), '\'') if chars.peek().map(|p| p.1) == Some('\'') => {
                chars.next();
            }
            (Some((q, _)), c) if c == q => open = None,
            (Some(_), _) => {}
            // A quote only opens a value at its start (after « : », « - », « [ », « , »).
            (None, '"' | '\'') if starts_value(line, i) => open = Some((c, i)),
            (None, '#') if i == 0 || line.chars().nth(i - 1) == Some(' ') => break,
            _ => {}
        }
    }
    open.and_then(|(q, i)| Some((u32::try_from(i + 1).ok()?, q)))
}

fn starts_value(line: &str, i: usize) -> bool {
    let before: String = line.chars().take(i).collect();
    let before = before.trim_end();
    before.is_empty() || before.ends_with([':', '-', '[', ',', '{'])
}

/// The last line before `line` with something else than blanks or a comment.
fn previous_content_line(text: &str, line: u32) -> (u32, &str) {
    let mut n = line.saturating_sub(1);
    while n > 0 {
        let l = line_of(text, n);
        let t = l.trim();
        if !t.is_empty() && !t.starts_with('#') {
            return (n, l);
        }
        n -= 1;
    }
    (line, line_of(text, line))
}

/// `titre:Trouver`: a field name glued to its value. Returns the column of the colon.
pub(super) fn colon_without_space(line: &str) -> Option<u32> {
    let body = line.trim_start_matches(' ');
    let body = body
        .strip_prefix("- ")
        .unwrap_or(body)
        .trim_start_matches(' ');
    let key_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|&n| n > 0)?;
    let rest = &body[key_len..];
    let after = rest.strip_prefix(':')?.chars().next()?;
    if after.is_whitespace() || after == ':' || body.contains(": ") {
        return None;
    }
    let col = line.len() - body.len() + key_len;
    u32::try_from(line[..col].chars().count() + 1).ok()
}

/// The line at or just before `line` (the scanner notices one line late) whose field
/// name is glued to its value.
fn colon_without_space_near(text: &str, line: u32) -> Option<(u32, u32)> {
    if let Some(c) = colon_without_space(line_of(text, line)) {
        return Some((line, c));
    }
    let (l, content) = previous_content_line(text, line);
    (l != line)
        .then(|| colon_without_space(content))
        .flatten()
        .map(|c| (l, c))
}

/// The line and column of a `[` or `{` still open at `line` (outside quotes and comments).
fn unclosed_bracket(text: &str, line: u32) -> Option<(u32, u32)> {
    let mut open: Vec<(u32, u32)> = Vec::new();
    for (i, l) in text.lines().take(line as usize).enumerate() {
        let mut quote: Option<char> = None;
        for (col, c) in l.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    open.push((u32::try_from(i + 1).ok()?, u32::try_from(col + 1).ok()?));
                }
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.first().copied()
}

/// The first tab in the indentation (or right after a « - ») of a line at or after
/// `from_line`.
fn first_indenting_tab(text: &str, from_line: u32) -> Option<(u32, u32)> {
    text.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t', '-']).len();
            let col = line[..indent].find('\t')?;
            Some((u32::try_from(i + 1).ok()?, u32::try_from(col + 1).ok()?))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    /// Each mistake, where it is reported and a word of its message or hint.
    #[test]
    fn each_mistake_is_placed_on_its_token_in_french() {
        let cases: &[(&str, (u32, u32), &str)] = &[
            ("a: 1\njours: [lundi, mardi\nb: 2\n", (2, 8), "crochet"),
            ("nom: \"Atelier\nid: x\n", (1, 6), "pas refermé"),
            ("nom: 'Atelier\n", (1, 6), "pas refermé"),
            ("nom: A\n\tcode: 1\n", (2, 1), "tabulation"),
            (
                "a:\n  b: 1\n  titre:Trouver\n  c: 2\n",
                (3, 8),
                "espace après",
            ),
            ("titre:Trouver\nc: 2\n", (1, 6), "espace après"),
            ("a:\n  b: 1\n   c: 2\n", (3, 4), "aligné"),
            ("a:\n  b: Choisir\n     c: 2\n", (3, 6), "aligné"),
            ("a: x: y\n", (1, 5), "guillemets"),
            ("a: \"x\" y\n", (1, 8), "suit le guillemet"),
            ("a: @x\n", (1, 4), "« @ »"),
        ];
        for (text, (line, col), word) in cases {
            let err = parse(text, FileId(0)).expect_err(text);
            let said = format!("{} {}", err.message, err.hint.clone().unwrap_or_default());
            assert_eq!(
                (err.span.line, err.span.col),
                (*line, *col),
                "{text:?}: {said}"
            );
            assert!(said.contains(word), "{text:?}: {said}");
            assert!(err.message.starts_with(PREFIX), "{said}");
        }
    }

    #[test]
    fn a_closed_quote_is_not_called_open() {
        assert_eq!(open_quote("    titre: \"Choisir\" mon métier"), None);
        assert_eq!(open_quote("    titre: \"Choisir mon"), Some((12, '"')));
        assert_eq!(open_quote("    public: L'atelier"), None);
        assert_eq!(open_quote("    public: 'L''atelier'"), None);
        assert_eq!(open_quote("  - 'a"), Some((5, '\'')));
    }

    #[test]
    fn glued_colons_are_found_but_not_urls_or_times() {
        assert_eq!(colon_without_space("    titre:Trouver"), Some(10));
        assert_eq!(colon_without_space("  - id:x"), Some(7));
        assert_eq!(colon_without_space("    heure: \"13:30\""), None);
        assert_eq!(colon_without_space("    titre: a:b"), None);
        assert_eq!(colon_without_space("  Bus 2:30"), None);
    }
}
