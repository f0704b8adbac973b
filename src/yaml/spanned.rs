//! [`Spanned`]: a value read from YAML together with its position.
//!
//! serde gives a `Deserialize` impl no way to ask where its value is; so `Spanned` asks for
//! a struct of a reserved name, and the YAML deserializer answers that one with the file,
//! line and column before the value (see `SpannedAccess` in `de.rs`).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Serialize};

use crate::diag::{FileId, Span};

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

pub(super) const SPANNED_NAME: &str = "$__cispgen_Spanned";
pub(super) const SPANNED_FIELDS: &[&str] = &["$__file", "$__line", "$__col", "$__value"];

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
