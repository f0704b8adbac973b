//! Scalar types that bring their own rule: the YAML reader checks the text against it, so
//! that a bad value is reported with the type's message and hint, and reading goes on with
//! the type's placeholder instead of stopping at the first bad date of a file.
//!
//! The YAML layer knows no such type: each one gives its rule when it is read, through
//! [`deserialize_checked`].

use std::cell::Cell;

use serde::de::{Deserializer, Visitor};

/// How the YAML reader treats one scalar type.
pub struct ScalarRule {
    /// The newtype name the type asks for; unique to the type.
    pub name: &'static str,
    pub valid: fn(&str) -> bool,
    pub message: fn(&str) -> String,
    pub hint: &'static str,
    /// A valid text, read instead of the bad one so that reading goes on.
    pub placeholder: &'static str,
}

thread_local! {
    /// The rule of the newtype being asked for. serde lets a `Deserialize` impl hand the
    /// deserializer nothing but a name, so the rule goes beside it: set just before the
    /// call, taken by the YAML deserializer at once, on the same thread.
    static PENDING: Cell<Option<&'static ScalarRule>> = const { Cell::new(None) };
}

/// For a type's `Deserialize` impl: reads it as the newtype `rule.name`, under `rule` when
/// the deserializer is the YAML one (any other deserializer just sees a newtype).
pub fn deserialize_checked<'de, D: Deserializer<'de>, V: Visitor<'de>>(
    deserializer: D,
    rule: &'static ScalarRule,
    visitor: V,
) -> Result<V::Value, D::Error> {
    PENDING.set(Some(rule));
    deserializer.deserialize_newtype_struct(rule.name, visitor)
}

/// The rule given for the newtype `name`, if any. Taking it also drops a rule left by a
/// read that went through another deserializer.
pub(super) fn take_rule(name: &str) -> Option<&'static ScalarRule> {
    PENDING.take().filter(|rule| rule.name == name)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::diag::{Diagnostic, FileId};
    use crate::yaml::{RECOVERED, from_node, parse};

    /// A code of two letters, as a type outside the YAML layer would define it.
    #[derive(Debug, PartialEq)]
    struct Sigle(String);

    const SIGLE_RULE: ScalarRule = ScalarRule {
        name: "$__test_Sigle",
        valid: |t| t.len() == 2,
        message: |t| format!("« {t} » n'est pas un sigle"),
        hint: "deux lettres",
        placeholder: "XX",
    };

    impl<'de> Deserialize<'de> for Sigle {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct SigleVisitor;
            impl<'de> Visitor<'de> for SigleVisitor {
                type Value = Sigle;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("un sigle")
                }
                fn visit_newtype_struct<D: Deserializer<'de>>(
                    self,
                    d: D,
                ) -> Result<Sigle, D::Error> {
                    String::deserialize(d).map(Sigle)
                }
            }
            deserialize_checked(d, &SIGLE_RULE, SigleVisitor)
        }
    }

    #[derive(Debug, Deserialize)]
    struct Bloc {
        a: Sigle,
        b: Sigle,
        n: u32,
    }

    fn read(text: &str) -> (Result<Bloc, Diagnostic>, Vec<Diagnostic>) {
        let node = parse(text, FileId(0)).ok().flatten().expect("valid yaml");
        let mut findings = Vec::new();
        (from_node::<Bloc>(&node, &mut findings), findings)
    }

    #[test]
    fn the_rule_of_a_type_is_applied_and_reading_goes_on() {
        let (bloc, findings) = read("a: BE\nb: FR\nn: 1\n");
        assert!(findings.is_empty());
        let bloc = bloc.expect("reads");
        assert_eq!(
            (bloc.a, bloc.b, bloc.n),
            (Sigle("BE".into()), Sigle("FR".into()), 1)
        );

        let (bloc, findings) = read("a: BEL\nb: F\nn: x\n");
        assert_eq!(bloc.expect_err("recovered").message, RECOVERED);
        let said: Vec<(u32, &str, Option<&str>)> = findings
            .iter()
            .map(|d| (d.span.line, d.message.as_str(), d.hint.as_deref()))
            .collect();
        assert_eq!(
            said[0],
            (1, "« BEL » n'est pas un sigle", Some("deux lettres"))
        );
        assert_eq!(
            said[1],
            (2, "« F » n'est pas un sigle", Some("deux lettres"))
        );
        assert_eq!(said.len(), 3, "the number after them is read too: {said:?}");
    }

    #[test]
    fn a_rule_applies_to_its_own_name_only() {
        PENDING.set(Some(&SIGLE_RULE));
        assert!(take_rule("$__autre").is_none());
        assert!(take_rule(SIGLE_RULE.name).is_none(), "taken once");
    }
}
