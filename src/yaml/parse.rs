//! From yaml-rust2's events to a [`Node`] tree, refusing what a centre file never needs
//! (several documents, anchors and aliases, deep nesting, duplicate keys).

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::MAX_DEPTH;
use super::node::{Node, NodeKind};
use super::syntax::syntax_error;
use crate::diag::{Diagnostic, FileId, Span};

pub(super) fn span_at(file: FileId, mark: Marker) -> Span {
    Span {
        file,
        line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
        // yaml-rust2 columns are 0-based.
        col: u32::try_from(mark.col() + 1).unwrap_or(u32::MAX),
    }
}

/// Why a text could not be read into a tree.
pub(super) enum Failure {
    /// The scanner failed: [`super::parse_recovering`] may set the block aside.
    Syntax(Diagnostic),
    /// Valid YAML that a centre file refuses (several documents, aliases, duplicate keys…).
    Refused(Diagnostic),
}

/// Parses one YAML document. `Ok(None)` for an empty file.
pub fn parse(text: &str, file: FileId) -> Result<Option<Node>, Diagnostic> {
    parse_tree(text, file).map_err(|f| match f {
        Failure::Syntax(d) | Failure::Refused(d) => d,
    })
}

pub(super) fn parse_tree(text: &str, file: FileId) -> Result<Option<Node>, Failure> {
    enum Open {
        Seq(Span, Vec<Node>),
        Map(Span, Vec<(Node, Node)>, Option<Node>),
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| Failure::Syntax(syntax_error(text, file, &e)))?;
        let span = span_at(file, mark);
        let finished = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(Failure::Refused(Diagnostic::error(
                        span,
                        "ce fichier contient plusieurs documents YAML",
                    )
                    .with_hint("un seul centre par fichier : retirez la ligne « --- » et ce qui suit, ou déplacez-le dans un autre fichier")));
                }
                None
            }
            Event::Alias(_) => {
                return Err(Failure::Refused(
                    Diagnostic::error(span, "les alias YAML (*nom) ne sont pas acceptés")
                        .with_hint("recopiez la valeur à cet endroit au lieu d'y faire référence"),
                ));
            }
            Event::Scalar(value, style, anchor, _) => {
                refuse_anchor(anchor, span).map_err(Failure::Refused)?;
                Some(Node {
                    span,
                    kind: NodeKind::Scalar {
                        value,
                        plain: style == TScalarStyle::Plain,
                    },
                })
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                refuse_anchor(anchor, span).map_err(Failure::Refused)?;
                if stack.len() >= MAX_DEPTH {
                    return Err(Failure::Refused(Diagnostic::error(
                        span,
                        format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
                    )
                    .with_hint(
                        "un fichier de centre n'a que quelques niveaux : vérifiez l'indentation",
                    )));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(span, Vec::new())
                } else {
                    Open::Map(span, Vec::new(), None)
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Open::Seq(span, items)) => Some(Node {
                    span,
                    kind: NodeKind::Seq(items),
                }),
                _ => {
                    return Err(Failure::Refused(Diagnostic::error(
                        span,
                        "structure YAML incohérente",
                    )));
                }
            },
            Event::MappingEnd => match stack.pop() {
                Some(Open::Map(span, entries, _)) => {
                    check_duplicate_keys(&entries).map_err(Failure::Refused)?;
                    // The parser places a block mapping after its first key: point at the key.
                    let span = entries.first().map_or(span, |(k, _)| k.span);
                    Some(Node {
                        span,
                        kind: NodeKind::Map(entries),
                    })
                }
                _ => {
                    return Err(Failure::Refused(Diagnostic::error(
                        span,
                        "structure YAML incohérente",
                    )));
                }
            },
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => None,
        };
        if let Some(node) = finished {
            match stack.last_mut() {
                None => root = Some(node),
                Some(Open::Seq(_, items)) => items.push(node),
                Some(Open::Map(_, entries, pending_key)) => match pending_key.take() {
                    None => *pending_key = Some(node),
                    Some(key) => {
                        let node = place_empty_value(&key, node);
                        entries.push((key, node));
                    }
                },
            }
        }
    }
    Ok(root)
}

/// `rue:` with nothing after it: the parser dates the empty value from the next token,
/// often on the next line; place it right after the key's colon instead.
fn place_empty_value(key: &Node, value: Node) -> Node {
    match &value.kind {
        NodeKind::Scalar {
            value: text,
            plain: true,
        } if text.is_empty() => {
            let width = key.as_str().map_or(0, |k| k.chars().count());
            let col = key
                .span
                .col
                .saturating_add(u32::try_from(width).unwrap_or(0))
                .saturating_add(1);
            Node {
                span: Span { col, ..key.span },
                kind: value.kind,
            }
        }
        _ => value,
    }
}

fn refuse_anchor(anchor: usize, span: Span) -> Result<(), Diagnostic> {
    if anchor == 0 {
        return Ok(());
    }
    Err(
        Diagnostic::error(span, "les ancres YAML (&nom) ne sont pas acceptées")
            .with_hint("retirez « &nom » et recopiez la valeur là où elle sert"),
    )
}

fn check_duplicate_keys(entries: &[(Node, Node)]) -> Result<(), Diagnostic> {
    for (i, (key, _)) in entries.iter().enumerate() {
        let Some(name) = key.as_str() else { continue };
        if let Some((first, _)) = entries[..i].iter().find(|(k, _)| k.as_str() == Some(name)) {
            return Err(Diagnostic::error(
                key.span,
                format!("le champ « {name} » est écrit deux fois"),
            )
            .with_hint(format!(
                "il apparaît déjà à la ligne {} : gardez une seule des deux valeurs",
                first.span.line
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_aliases_and_depth_are_refused() {
        let dup = parse("a: 1\nb: 2\na: 3\n", FileId(0)).expect_err("duplicate");
        assert_eq!(dup.span.line, 3);
        assert!(dup.hint.as_deref().unwrap_or("").contains("ligne 1"));
        let alias = parse("a: &x [1, 2]\nb: *x\n", FileId(0)).expect_err("anchor");
        assert_eq!(alias.span.line, 1);
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&deep, FileId(0)).is_err());
    }

    #[test]
    fn empty_document_is_none() {
        assert_eq!(parse("", FileId(0)).expect("ok"), None);
        assert_eq!(parse("# rien\n", FileId(0)).expect("ok"), None);
    }
}
