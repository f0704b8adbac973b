//! The only module that parses YAML.
//!
//! Why not `serde_yaml`: it is unmaintained upstream and gives no position for a value once
//! parsed, while every diagnostic must name a line and column. So the text is parsed with
//! the event parser of `yaml-rust2` into a [`Node`] tree that keeps a [`Span`] on every
//! node, and typed structs are read from that tree through a serde [`Deserializer`] that:
//! - records unknown fields (with a « vouliez-vous dire » hint) and goes on, so one run
//!   reports all typos;
//! - reads plain scalars by the type asked for (`4101` is a postal code string when the
//!   field is a string), which avoids YAML 1.1 surprises;
//! - fills [`Spanned`] values with the position of the node they come from.
//!
//! Anchors and aliases are refused (no alias bombs; federations never need them), nesting
//! is bounded, and duplicate keys are errors.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, FileId, Span};
use crate::text::did_you_mean;

/// Deeper than this is not a centre file: refuse it rather than risk the stack.
const MAX_DEPTH: usize = 32;

/// A YAML value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `plain` is false for quoted and block scalars: those are always text.
    Scalar {
        value: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// `~`, `null` or nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, plain: true }
            if value.is_empty() || value == "~" || value.eq_ignore_ascii_case("null"))
    }

    /// The value under `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// A copy of this mapping without the given keys.
    pub fn without_keys(&self, keys: &[&str]) -> Node {
        let kind = match &self.kind {
            NodeKind::Map(entries) => NodeKind::Map(
                entries
                    .iter()
                    .filter(|(k, _)| !k.as_str().is_some_and(|k| keys.contains(&k)))
                    .cloned()
                    .collect(),
            ),
            other => other.clone(),
        };
        Node {
            span: self.span,
            kind,
        }
    }
}

fn span_at(file: FileId, mark: Marker) -> Span {
    Span {
        file,
        line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
        // yaml-rust2 columns are 0-based.
        col: u32::try_from(mark.col() + 1).unwrap_or(u32::MAX),
    }
}

/// Parses one YAML document. `Ok(None)` for an empty file.
pub fn parse(text: &str, file: FileId) -> Result<Option<Node>, Diagnostic> {
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
            .map_err(|e| syntax_error(text, file, &e))?;
        let span = span_at(file, mark);
        let finished = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::error(
                        span,
                        "ce fichier contient plusieurs documents YAML",
                    )
                    .with_hint("un seul centre par fichier : retirez la ligne « --- » et ce qui suit, ou déplacez-le dans un autre fichier"));
                }
                None
            }
            Event::Alias(_) => {
                return Err(
                    Diagnostic::error(span, "les alias YAML (*nom) ne sont pas acceptés")
                        .with_hint("recopiez la valeur à cet endroit au lieu d'y faire référence"),
                );
            }
            Event::Scalar(value, style, anchor, _) => {
                refuse_anchor(anchor, span)?;
                Some(Node {
                    span,
                    kind: NodeKind::Scalar {
                        value,
                        plain: style == TScalarStyle::Plain,
                    },
                })
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                refuse_anchor(anchor, span)?;
                if stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(
                        span,
                        format!("imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
                    )
                    .with_hint(
                        "un fichier de centre n'a que quelques niveaux : vérifiez l'indentation",
                    ));
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
                _ => return Err(Diagnostic::error(span, "structure YAML incohérente")),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Open::Map(span, entries, _)) => {
                    check_duplicate_keys(&entries)?;
                    // The parser places a block mapping after its first key: point at the key.
                    let span = entries.first().map_or(span, |(k, _)| k.span);
                    Some(Node {
                        span,
                        kind: NodeKind::Map(entries),
                    })
                }
                _ => return Err(Diagnostic::error(span, "structure YAML incohérente")),
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

fn syntax_error(text: &str, file: FileId, e: &yaml_rust2::ScanError) -> Diagnostic {
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

/// A value with the position in the source where it was written.
#[derive(Debug, Clone, Default)]
pub struct Spanned<T> {
    pub span: Span,
    pub value: T,
}

impl<T> Spanned<T> {
    pub fn new(span: Span, value: T) -> Self {
        Spanned { span, value }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

const SPANNED_NAME: &str = "$__cispgen_Spanned";
const SPANNED_FIELDS: &[&str] = &["$__file", "$__line", "$__col", "$__value"];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a spanned value")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut next_u32 = || -> Result<u32, A::Error> {
                    map.next_key::<String>()?;
                    map.next_value::<u32>()
                };
                let file = FileId(next_u32()?);
                let line = next_u32()?;
                let col = next_u32()?;
                map.next_key::<String>()?;
                let value = map.next_value::<T>()?;
                Ok(Spanned {
                    span: Span { file, line, col },
                    value,
                })
            }
        }
        deserializer.deserialize_struct(
            SPANNED_NAME,
            SPANNED_FIELDS,
            SpannedVisitor(std::marker::PhantomData),
        )
    }
}

/// Error while reading typed values from a [`Node`].
#[derive(Debug)]
pub struct DeError {
    message: String,
    hint: Option<String>,
    span: Option<Span>,
}

impl DeError {
    fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }

    fn new(message: String, hint: Option<String>) -> Self {
        DeError {
            message,
            hint,
            span: None,
        }
    }

    pub fn into_diagnostic(self, fallback: Span) -> Diagnostic {
        Diagnostic::error(self.span.unwrap_or(fallback), self.message).with_optional_hint(self.hint)
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

/// Serde's English expectations, said to a person who edits YAML by hand.
fn expected_in_french(exp: &str) -> String {
    let exp = exp.trim();
    if exp.contains("sequence") || exp.starts_with("a list") {
        "une liste (une ligne « - valeur » par élément)".into()
    } else if exp.starts_with("struct") || exp.contains("map") {
        "un bloc de champs « nom: valeur », indentés en dessous".into()
    } else if exp.contains("bool") {
        "oui ou non (true ou false)".into()
    } else if exp.starts_with('u') || exp.starts_with('i') && exp.len() <= 4 {
        "un nombre entier".into()
    } else if exp.starts_with('f') && exp.len() <= 3 {
        "un nombre".into()
    } else if exp.contains("string") || exp.contains("char") {
        "un texte".into()
    } else {
        exp.to_string()
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string(), None)
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let found = match unexp {
            de::Unexpected::Seq => "une liste".to_string(),
            de::Unexpected::Map => "un bloc de champs".to_string(),
            de::Unexpected::Str(s) => format!("« {s} »"),
            de::Unexpected::Unit => "une valeur vide".to_string(),
            other => other.to_string(),
        };
        DeError::new(
            format!("valeur de type incorrect : {found}"),
            Some(format!(
                "on attend ici {}",
                expected_in_french(&exp.to_string())
            )),
        )
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            format!("valeur incorrecte {unexp}"),
            Some(format!(
                "on attend {}",
                expected_in_french(&exp.to_string())
            )),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = match did_you_mean(variant, expected.iter().copied()) {
            Some(best) => format!(
                "vouliez-vous dire « {best} » ? Valeurs possibles : {}",
                expected.join(", ")
            ),
            None => format!("valeurs possibles : {}", expected.join(", ")),
        };
        DeError::new(format!("valeur inconnue « {variant} »"), Some(hint))
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(
            format!("le champ obligatoire « {field} » manque"),
            Some(format!("ajoutez une ligne « {field}: … » dans ce bloc")),
        )
    }
}

/// Reads a typed value from a node. Unknown fields are pushed to `findings` (and skipped);
/// the first hard error is returned.
pub fn from_node<T: DeserializeOwned>(
    node: &Node,
    findings: &mut Vec<Diagnostic>,
) -> Result<T, Diagnostic> {
    let ctx = Ctx::default();
    let result = T::deserialize(NodeDeserializer { node, sink: &ctx });
    let substituted = ctx.substitutions.get();
    findings.extend(ctx.findings.into_inner());
    match result {
        // A value was replaced to go on reading: the error is already in `findings`,
        // and the value itself is not to be used.
        Ok(_) if substituted > 0 => Err(Diagnostic::error(node.span, RECOVERED)),
        Ok(value) => Ok(value),
        Err(e) => Err(e.into_diagnostic(node.span)),
    }
}

/// Message of the placeholder error returned after recovered errors; callers drop it.
pub const RECOVERED: &str = "(erreurs déjà signalées)";

/// Findings of one read, and how many bad values were replaced to keep reading.
#[derive(Default)]
struct Ctx {
    findings: RefCell<Vec<Diagnostic>>,
    substitutions: std::cell::Cell<usize>,
}

impl Ctx {
    /// Records a bad value; the caller goes on with a placeholder.
    fn recover(&self, diagnostic: Diagnostic) {
        self.findings.borrow_mut().push(diagnostic);
        self.substitutions.set(self.substitutions.get() + 1);
    }
}

struct NodeDeserializer<'a> {
    node: &'a Node,
    sink: &'a Ctx,
}

impl<'a> NodeDeserializer<'a> {
    fn child(&self, node: &'a Node) -> Self {
        NodeDeserializer {
            node,
            sink: self.sink,
        }
    }

    fn scalar(&self) -> Result<(&'a str, bool), DeError> {
        match &self.node.kind {
            NodeKind::Scalar { value, plain } => Ok((value.as_str(), *plain)),
            NodeKind::Seq(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &"a string")),
            NodeKind::Map(_) => Err(de::Error::invalid_type(de::Unexpected::Map, &"a string")),
        }
        .map_err(|e: DeError| e.at(self.node.span))
    }

    fn parse_number<N: std::str::FromStr>(&self, what: &str) -> Result<N, DeError> {
        let (text, _) = self.scalar()?;
        // A French decimal comma is what people type: accept it.
        let cleaned = text.trim().replace(',', ".");
        cleaned.parse::<N>().map_err(|_| {
            DeError::new(
                format!("« {text} » n'est pas {what}"),
                Some(format!("écrivez {what} en chiffres, par exemple 12")),
            )
            .at(self.node.span)
        })
    }
}

macro_rules! deserialize_number {
    ($method:ident, $visit:ident, $ty:ty, $what:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let n: $ty = match self.parse_number($what) {
                Ok(n) => n,
                Err(e) => {
                    self.sink.recover(e.into_diagnostic(self.node.span));
                    <$ty>::default()
                }
            };
            visitor.$visit(n).map_err(|e: DeError| e.at(self.node.span))
        }
    };
}

impl<'de, 'a> de::Deserializer<'de> for NodeDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Seq(_) => return self.deserialize_seq(visitor),
            NodeKind::Map(_) => return self.deserialize_map(visitor),
            NodeKind::Scalar { .. } if self.node.is_null() => visitor.visit_unit(),
            NodeKind::Scalar { value, plain: true } => {
                if let Some(b) = parse_bool(value) {
                    visitor.visit_bool(b)
                } else if let Ok(i) = value.parse::<i64>() {
                    visitor.visit_i64(i)
                } else if let Ok(f) = value.parse::<f64>() {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(value)
                }
            }
            NodeKind::Scalar { value, .. } => visitor.visit_str(value),
        };
        result.map_err(|e: DeError| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = self.node.as_str().unwrap_or("");
        let value = parse_bool(text.trim()).unwrap_or_else(|| {
            self.sink.recover(
                Diagnostic::error(self.node.span, format!("« {text} » n'est ni oui ni non"))
                    .with_hint("écrivez true (oui) ou false (non)"),
            );
            false
        });
        visitor
            .visit_bool(value)
            .map_err(|e: DeError| e.at(self.node.span))
    }

    deserialize_number!(deserialize_u8, visit_u8, u8, "un nombre entier");
    deserialize_number!(deserialize_u16, visit_u16, u16, "un nombre entier");
    deserialize_number!(deserialize_u32, visit_u32, u32, "un nombre entier");
    deserialize_number!(deserialize_u64, visit_u64, u64, "un nombre entier");
    deserialize_number!(deserialize_i8, visit_i8, i8, "un nombre entier");
    deserialize_number!(deserialize_i16, visit_i16, i16, "un nombre entier");
    deserialize_number!(deserialize_i32, visit_i32, i32, "un nombre entier");
    deserialize_number!(deserialize_i64, visit_i64, i64, "un nombre entier");
    deserialize_number!(deserialize_f32, visit_f32, f32, "un nombre");
    deserialize_number!(deserialize_f64, visit_f64, f64, "un nombre");

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        if self.node.is_null() {
            // An empty `nom:` reads as empty text; `check` then says the field is empty,
            // which is clearer than a type error.
            return visitor.visit_str("").map_err(|e: DeError| e.at(span));
        }
        let (text, _) = self.scalar()?;
        visitor.visit_str(text).map_err(|e: DeError| e.at(span))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let Some(rule) = crate::model::scalar_rule(name) else {
            return visitor.visit_newtype_struct(self);
        };
        let text = self.node.as_str().unwrap_or("");
        if (rule.valid)(text) {
            return visitor.visit_newtype_struct(self);
        }
        self.sink
            .recover(Diagnostic::error(self.node.span, (rule.message)(text)).with_hint(rule.hint));
        let placeholder = Node {
            span: self.node.span,
            kind: NodeKind::Scalar {
                value: rule.placeholder.to_string(),
                plain: false,
            },
        };
        visitor
            .visit_newtype_struct(NodeDeserializer {
                node: &placeholder,
                sink: self.sink,
            })
            .map_err(|e: DeError| e.at(self.node.span))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Seq(items) => visitor.visit_seq(SeqAccess {
                de: &self,
                items: items.iter(),
            }),
            _ if self.node.is_null() => visitor.visit_seq(SeqAccess {
                de: &self,
                items: [].iter(),
            }),
            // `rome: D1102` for a one-item list is what people write: accept it.
            NodeKind::Scalar { .. } => visitor.visit_seq(SeqAccess {
                de: &self,
                items: std::slice::from_ref(self.node).iter(),
            }),
            NodeKind::Map(_) => Err(de::Error::invalid_type(de::Unexpected::Map, &"a sequence")),
        };
        result.map_err(|e: DeError| e.at(span))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.node.span;
        if name == SPANNED_NAME {
            return visitor.visit_map(SpannedAccess { de: &self, step: 0 });
        }
        let empty = Vec::new();
        let entries = match &self.node.kind {
            NodeKind::Map(entries) => entries,
            _ if self.node.is_null() => &empty,
            NodeKind::Seq(_) => {
                return Err(
                    <DeError as de::Error>::invalid_type(de::Unexpected::Seq, &"struct").at(span),
                );
            }
            NodeKind::Scalar { value, .. } => {
                return Err(<DeError as de::Error>::invalid_type(
                    de::Unexpected::Str(value),
                    &"struct",
                )
                .at(span));
            }
        };
        let known: Vec<&(Node, Node)> = if fields.is_empty() {
            entries.iter().collect()
        } else {
            entries
                .iter()
                .filter(|(key, _)| self.keep_field(key, fields))
                .collect()
        };
        visitor
            .visit_map(MapAccess {
                de: &self,
                entries: known.into_iter(),
                value: None,
            })
            .map_err(|e: DeError| e.at(span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let text = self.node.as_str().unwrap_or("").trim();
        // Case and accents are forgiven: « Defi », « DEFI » and « DéFi » are the same.
        let folded = crate::text::fold(text);
        let chosen = variants
            .iter()
            .find(|v| **v == text)
            .or_else(|| variants.iter().find(|v| crate::text::fold(v) == folded))
            .copied()
            .unwrap_or_else(|| {
                let e: DeError = de::Error::unknown_variant(text, variants);
                self.sink.recover(e.into_diagnostic(self.node.span));
                variants.first().copied().unwrap_or("")
            });
        let deserializer: de::value::StrDeserializer<DeError> = chosen.into_deserializer();
        visitor
            .visit_enum(deserializer)
            .map_err(|e: DeError| e.at(self.node.span))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

impl NodeDeserializer<'_> {
    /// Whether a key is one of the struct's fields; if not, records why and skips it.
    fn keep_field(&self, key: &Node, fields: &'static [&'static str]) -> bool {
        let Some(name) = key.as_str() else {
            self.sink.findings.borrow_mut().push(
                Diagnostic::error(key.span, "un nom de champ doit être un simple mot")
                    .with_hint("écrivez « champ: valeur »"),
            );
            return false;
        };
        if fields.contains(&name) {
            return true;
        }
        let hint = match did_you_mean(name, fields.iter().copied()) {
            Some(best) => format!("vouliez-vous dire « {best} » ?"),
            None => format!("champs possibles ici : {}", fields.join(", ")),
        };
        self.sink
            .findings
            .borrow_mut()
            .push(Diagnostic::error(key.span, format!("champ inconnu « {name} »")).with_hint(hint));
        false
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "true" | "oui" | "yes" => Some(true),
        "false" | "non" | "no" => Some(false),
        _ => None,
    }
}

struct SeqAccess<'a, 'b> {
    de: &'b NodeDeserializer<'a>,
    items: std::slice::Iter<'a, Node>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some(node) => seed
                .deserialize(self.de.child(node))
                .map(Some)
                .map_err(|e: DeError| e.at(node.span)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'a, 'b> {
    de: &'b NodeDeserializer<'a>,
    entries: std::vec::IntoIter<&'a (Node, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            None => Ok(None),
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(self.de.child(key))
                    .map(Some)
                    .map_err(|e: DeError| e.at(key.span))
            }
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(node) => seed
                .deserialize(self.de.child(node))
                .map_err(|e: DeError| e.at(node.span)),
            None => Err(de::Error::custom("valeur manquante")),
        }
    }
}

/// Feeds [`Spanned`]'s visitor: file, line, column, then the node itself.
struct SpannedAccess<'a, 'b> {
    de: &'b NodeDeserializer<'a>,
    step: usize,
}

impl<'de> de::MapAccess<'de> for SpannedAccess<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match SPANNED_FIELDS.get(self.step) {
            None => Ok(None),
            Some(name) => {
                let key: de::value::StrDeserializer<DeError> = name.into_deserializer();
                seed.deserialize(key).map(Some)
            }
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        let span = self.de.node.span;
        self.step += 1;
        let number = |n: u32| -> de::value::U32Deserializer<DeError> { n.into_deserializer() };
        match self.step {
            1 => seed.deserialize(number(span.file.0)),
            2 => seed.deserialize(number(span.line)),
            3 => seed.deserialize(number(span.col)),
            _ => seed.deserialize(self.de.child(self.de.node)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str) -> Node {
        parse(text, FileId(0))
            .expect("valid yaml")
            .expect("not empty")
    }

    #[derive(Debug, Deserialize)]
    struct Sample {
        nom: Spanned<String>,
        code_postal: String,
        #[serde(default)]
        rome: Vec<Spanned<String>>,
        actif: Option<bool>,
        heures: Option<u32>,
    }

    #[test]
    fn spans_are_one_based_lines_and_columns() {
        let n = node("nom: Atelier\ncode_postal: 4101\nrome:\n  - D1102\n");
        let mut findings = Vec::new();
        let s: Sample = from_node(&n, &mut findings).expect("reads");
        assert!(findings.is_empty());
        assert_eq!((s.nom.span.line, s.nom.span.col), (1, 6));
        assert_eq!(
            s.code_postal, "4101",
            "plain numbers read as text when text is asked"
        );
        assert_eq!((s.rome[0].span.line, s.rome[0].span.col), (4, 5));
    }

    #[test]
    fn unknown_fields_are_all_reported_with_suggestions() {
        let n = node("nom: A\ncode_postale: 4000\ncode_postal: 4000\nromme: D1102\n");
        let mut findings = Vec::new();
        let _s: Sample = from_node(&n, &mut findings).expect("reads despite unknown fields");
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].span.line, 2);
        assert!(
            findings[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("code_postal")
        );
        assert!(findings[1].hint.as_deref().unwrap_or("").contains("rome"));
    }

    #[test]
    fn missing_field_is_located_at_the_block() {
        let n = node("x: 1\nbloc:\n  nom: A\n");
        let bloc = n.get("bloc").expect("bloc");
        let mut findings = Vec::new();
        let err = from_node::<Sample>(bloc, &mut findings).expect_err("code_postal missing");
        assert!(err.message.contains("code_postal"));
        assert_eq!(err.span.line, 3);
    }

    #[test]
    fn type_errors_point_at_the_value_and_reading_goes_on() {
        let n = node("nom: A\ncode_postal: '1'\nheures: beaucoup\nactif: peut-etre\n");
        let mut findings = Vec::new();
        let err = from_node::<Sample>(&n, &mut findings).expect_err("not a number");
        assert_eq!(err.message, RECOVERED);
        assert_eq!(findings.len(), 2, "both bad values reported: {findings:?}");
        assert_eq!((findings[0].span.line, findings[0].span.col), (3, 9));
        assert!(findings[0].message.contains("beaucoup"));
        assert_eq!(findings[1].span.line, 4);
    }

    #[test]
    fn empty_values_point_after_their_key() {
        let n = node("nom: A\ncode_postal:\nactif: oui\n");
        let s: Sample = from_node(&n, &mut Vec::new()).expect("reads");
        assert_eq!(s.code_postal, "");
        let value = n.get("code_postal").expect("key");
        assert_eq!((value.span.line, value.span.col), (2, 13));
    }

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
    fn french_booleans_and_single_item_lists() {
        let n = node("nom: A\ncode_postal: '1'\nactif: oui\nrome: D1102\n");
        let s: Sample = from_node(&n, &mut Vec::new()).expect("reads");
        assert_eq!(s.actif, Some(true));
        assert_eq!(s.heures, None);
        assert_eq!(s.rome.len(), 1);
    }

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
    fn syntax_errors_are_located_and_hinted() {
        let err = parse("nom: A\n\tcode: 1\n", FileId(0)).expect_err("tab");
        assert_eq!(err.span.line, 2);
        assert!(err.hint.as_deref().unwrap_or("").contains("tabulation"));
    }

    #[test]
    fn empty_document_is_none() {
        assert_eq!(parse("", FileId(0)).expect("ok"), None);
        assert_eq!(parse("# rien\n", FileId(0)).expect("ok"), None);
    }
}
