//! How the deserializer walks a sequence, the fields of a block and a [`Spanned`] value.
//!
//! [`Spanned`]: super::Spanned

use serde::de::{self, IntoDeserializer};

use super::de::NodeDeserializer;
use super::error::DeError;
use super::node::Node;
use super::spanned::SPANNED_FIELDS;
use crate::diag::Diagnostic;
use crate::text::did_you_mean;

impl NodeDeserializer<'_> {
    /// Whether a key is one of the struct's fields; if not, records why and skips it.
    pub(super) fn keep_field(&self, key: &Node, fields: &'static [&'static str]) -> bool {
        let Some(name) = key.as_str() else {
            self.sink.report(
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
        self.sink.report(
            Diagnostic::error(key.span, format!("champ inconnu « {name} »")).with_hint(hint),
        );
        false
    }
}

pub(super) struct SeqAccess<'a, 'b> {
    pub(super) de: &'b NodeDeserializer<'a>,
    pub(super) items: std::slice::Iter<'a, Node>,
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

pub(super) struct MapAccess<'a, 'b> {
    pub(super) de: &'b NodeDeserializer<'a>,
    pub(super) entries: std::vec::IntoIter<&'a (Node, Node)>,
    pub(super) value: Option<&'a Node>,
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
pub(super) struct SpannedAccess<'a, 'b> {
    pub(super) de: &'b NodeDeserializer<'a>,
    pub(super) step: usize,
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
    use crate::yaml::de::tests::{Sample, node};
    use crate::yaml::from_node;

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
}
