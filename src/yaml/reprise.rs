//! Recovery from syntax errors, so that one typo does not hide the rest of the file.
//!
//! When the scanner fails, the block holding the error is set aside and the file parsed
//! again: a top-level list item (`  - id: …` under any top-level key) or else the whole
//! top-level field. The lines are blanked, not removed, so every later position stays
//! right. A field name glued to its value (`titre:Trouver`) is repaired instead (a space
//! added), so its block is still read. Each syntax error found on the way is reported.
//! Refusals that are not syntax (anchors, several documents, duplicate keys) end the
//! reading as before.

use super::node::Node;
use super::parse::{Failure, parse_tree};
use super::syntax::colon_without_space;
use crate::diag::{Diagnostic, FileId};

/// Enough for several independent mistakes; beyond, the file is too broken to guess.
const MAX_ATTEMPTS: usize = 12;

/// A block left out of the tree because of a syntax error inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The top-level field it belongs to (`filieres`, `nom`…).
    pub key: String,
    /// For a list item, its `id:` when it could be read on its lines.
    pub item_id: Option<String>,
    /// True for a list item, false for the whole top-level field.
    pub is_item: bool,
}

/// What [`parse_recovering`] could read.
#[derive(Debug, Default)]
pub struct Recovered {
    /// `None` when nothing could be recovered (or the file is empty).
    pub root: Option<Node>,
    /// The syntax errors, each at its own place, and the refusal that ended the reading.
    pub errors: Vec<Diagnostic>,
    pub set_aside: Vec<SetAside>,
}

/// Parses `text`, setting aside the blocks with a syntax error.
pub fn parse_recovering(text: &str, file: FileId) -> Recovered {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut blanked = vec![false; lines.len()];
    let mut out = Recovered::default();
    let mut current = text.to_string();
    for _ in 0..MAX_ATTEMPTS {
        let d = match parse_tree(&current, file) {
            Ok(root) => {
                out.root = root;
                return out;
            }
            Err(Failure::Refused(d)) => {
                out.errors.push(d);
                return out;
            }
            Err(Failure::Syntax(d)) => d,
        };
        let index = d.span.line.saturating_sub(1) as usize;
        out.errors.push(d.clone());
        let Some(line) = lines.get_mut(index) else {
            return out;
        };
        if colon_without_space(line) == Some(d.span.col) {
            let at = line
                .char_indices()
                .nth(d.span.col as usize)
                .map_or(line.len(), |(i, _)| i);
            line.insert(at, ' ');
        } else {
            let Some((range, aside)) = block_of(&lines, index) else {
                return out;
            };
            if blanked[range.clone()].iter().any(|b| *b) {
                // The same block again: recovery is not helping.
                return out;
            }
            for i in range {
                lines[i].clear();
                blanked[i] = true;
            }
            out.set_aside.push(aside);
        }
        current = lines.join("\n");
    }
    out
}

/// The indentation of a line with content, `None` for a blank or comment line. A tab
/// counts as indentation: the line it starts is inside a block, not a top-level field.
fn indent(line: &str) -> Option<usize> {
    let body = line.trim_start_matches([' ', '\t']);
    (!body.is_empty() && !body.starts_with('#')).then(|| line.len() - body.len())
}

fn is_item(line: &str) -> bool {
    let body = line.trim_start_matches([' ', '\t']);
    body == "-" || body.starts_with("- ")
}

/// The lines of the block holding line `index`: its top-level list item, or else its
/// top-level field.
fn block_of(lines: &[String], index: usize) -> Option<(std::ops::Range<usize>, SetAside)> {
    let top = |l: &String| indent(l) == Some(0) && !is_item(l);
    let start = (0..=index).rev().find(|&i| top(&lines[i]))?;
    let end = (index + 1..lines.len())
        .find(|&i| top(&lines[i]))
        .unwrap_or(lines.len());
    let key = lines[start]
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    // Items are the « - » lines at the smallest « - » indentation of the field.
    let item_indent = (start + 1..end)
        .filter(|&i| is_item(&lines[i]))
        .filter_map(|i| indent(&lines[i]))
        .min();
    let item_start = item_indent.and_then(|n| {
        (start + 1..=index)
            .rev()
            .find(|&i| is_item(&lines[i]) && indent(&lines[i]) == Some(n))
    });
    let Some(item_start) = item_start else {
        let aside = SetAside {
            key,
            item_id: None,
            is_item: false,
        };
        return Some((start..end, aside));
    };
    let item_end = (item_start + 1..end)
        .find(|&i| is_item(&lines[i]) && indent(&lines[i]) == item_indent)
        .unwrap_or(end);
    let aside = SetAside {
        key,
        item_id: item_id(&lines[item_start..item_end]),
        is_item: true,
    };
    Some((item_start..item_end, aside))
}

/// The `id:` of an item, read from its own lines (the first `id:` at the item's level).
fn item_id(item: &[String]) -> Option<String> {
    let first = item
        .first()?
        .trim_start()
        .trim_start_matches('-')
        .trim_start();
    let field_indent = item.first().and_then(|l| {
        let dash = l.find('-')?;
        Some(dash + 1 + l[dash + 1..].len() - l[dash + 1..].trim_start().len())
    })?;
    std::iter::once(first)
        .chain(
            item[1..]
                .iter()
                .filter(|l| indent(l) == Some(field_indent))
                .map(|l| l.trim_start()),
        )
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::NodeKind;

    fn item(list: &Node, i: usize) -> Option<&Node> {
        match &list.kind {
            NodeKind::Seq(items) => items.get(i),
            _ => None,
        }
    }

    const FILE: &str = "\
id: x
nom: X
lieux:
  - id: a
    nom: A
  - id: b
    nom: \"B
filieres:
  - id: f
    titre:Trouver
    public: P
";

    #[test]
    fn a_broken_item_is_set_aside_and_a_glued_colon_repaired() {
        let r = parse_recovering(FILE, FileId(0));
        assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
        assert_eq!((r.errors[0].span.line, r.errors[0].span.col), (7, 10));
        assert_eq!((r.errors[1].span.line, r.errors[1].span.col), (10, 10));
        assert_eq!(
            r.set_aside,
            vec![SetAside {
                key: "lieux".into(),
                item_id: Some("b".into()),
                is_item: true
            }]
        );
        let root = r.root.expect("recovered");
        let lieux = root.get("lieux").expect("lieux");
        let a = item(lieux, 0).and_then(|l| l.get("id"));
        assert_eq!(a.and_then(Node::as_str), Some("a"));
        assert!(item(lieux, 1).is_none(), "b is set aside");
        let f = root.get("filieres").and_then(|f| item(f, 0)).expect("f");
        assert_eq!(f.get("titre").and_then(Node::as_str), Some("Trouver"));
        assert_eq!(f.get("public").map(|p| p.span.line), Some(11));
    }

    #[test]
    fn a_broken_top_level_field_is_set_aside_whole() {
        let r = parse_recovering("id: x\nnom: a: b\nmethode: EFT\n", FileId(0));
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.set_aside[0].key, "nom");
        assert!(!r.set_aside[0].is_item);
        let root = r.root.expect("recovered");
        assert!(root.get("nom").is_none());
        assert_eq!(root.get("methode").map(|m| m.span.line), Some(3));
    }

    #[test]
    fn refusals_are_not_recovered() {
        let r = parse_recovering("a: 1\na: 2\n", FileId(0));
        assert!(r.root.is_none());
        assert_eq!(r.errors.len(), 1);
    }
}
