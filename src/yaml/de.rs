//! The error-recovering deserializer: typed values read from a [`Node`] tree.
//!
//! A bad value (a word where a number goes, an unknown variant, a scalar its rule refuses)
//! is recorded and replaced by a placeholder so that reading goes on and one run reports
//! every mistake of a block; the value read is then thrown away (see [`RECOVERED`]).
//!
//! [`RECOVERED`]: super::RECOVERED

use serde::de::{self, IntoDeserializer, Visitor};

use super::access::{MapAccess, SeqAccess, SpannedAccess};
use super::error::DeError;
use super::node::{Node, NodeKind};
use super::read::Ctx;
use super::scalar;
use super::spanned::SPANNED_NAME;
use crate::diag::Diagnostic;

/// Reads one node; `sink` collects what is reported and recovered on the way.
pub(super) struct NodeDeserializer<'a> {
    pub(super) node: &'a Node,
    pub(super) sink: &'a Ctx,
}

impl<'a> NodeDeserializer<'a> {
    pub(super) fn child(&self, node: &'a Node) -> Self {
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
        // A scalar type read under a rule of its own (see `scalar.rs`).
        let Some(rule) = scalar::take_rule(name) else {
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

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "true" | "oui" | "yes" => Some(true),
        "false" | "non" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use serde::Deserialize;

    use crate::diag::FileId;
    use crate::yaml::{Node, Spanned, from_node, parse};

    pub(in crate::yaml) fn node(text: &str) -> Node {
        parse(text, FileId(0))
            .expect("valid yaml")
            .expect("not empty")
    }

    #[derive(Debug, Deserialize)]
    pub(in crate::yaml) struct Sample {
        pub(in crate::yaml) nom: Spanned<String>,
        pub(in crate::yaml) code_postal: String,
        #[serde(default)]
        pub(in crate::yaml) rome: Vec<Spanned<String>>,
        pub(in crate::yaml) actif: Option<bool>,
        pub(in crate::yaml) heures: Option<u32>,
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
    fn empty_values_point_after_their_key() {
        let n = node("nom: A\ncode_postal:\nactif: oui\n");
        let s: Sample = from_node(&n, &mut Vec::new()).expect("reads");
        assert_eq!(s.code_postal, "");
        let value = n.get("code_postal").expect("key");
        assert_eq!((value.span.line, value.span.col), (2, 13));
    }

    #[test]
    fn french_booleans_and_single_item_lists() {
        let n = node("nom: A\ncode_postal: '1'\nactif: oui\nrome: D1102\n");
        let s: Sample = from_node(&n, &mut Vec::new()).expect("reads");
        assert_eq!(s.actif, Some(true));
        assert_eq!(s.heures, None);
        assert_eq!(s.rome.len(), 1);
    }
}
