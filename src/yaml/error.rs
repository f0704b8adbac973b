//! [`DeError`]: what went wrong while reading typed values, in French, with a hint for the
//! person who edits the file by hand.

use std::fmt;

use serde::de;

use crate::diag::{Diagnostic, Span};
use crate::text::did_you_mean;

#[derive(Debug)]
pub struct DeError {
    message: String,
    hint: Option<String>,
    span: Option<Span>,
}

impl DeError {
    pub(super) fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }

    pub(super) fn new(message: String, hint: Option<String>) -> Self {
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

/// What serde found, in French (its own words are English: « integer `5` »).
fn unexpected_in_french(unexp: de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Seq => "une liste".into(),
        U::Map => "un bloc de champs".into(),
        U::Str(s) => format!("« {s} »"),
        U::Char(c) => format!("« {c} »"),
        U::Bool(b) => format!("« {b} »"),
        U::Unsigned(n) => format!("« {n} »"),
        U::Signed(n) => format!("« {n} »"),
        U::Float(n) => format!("« {n} »"),
        U::Unit | U::Option => "une valeur vide".into(),
        _ => "cette valeur".into(),
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string(), None)
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let found = unexpected_in_french(unexp);
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
            format!("valeur incorrecte : {}", unexpected_in_french(unexp)),
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

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError::new(
            format!("nombre de valeurs incorrect ({len})"),
            Some(format!(
                "on attend {}",
                expected_in_french(&exp.to_string())
            )),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let hint = match did_you_mean(field, expected.iter().copied()) {
            Some(best) => format!("vouliez-vous dire « {best} » ?"),
            None => format!("champs possibles : {}", expected.join(", ")),
        };
        DeError::new(format!("champ inconnu « {field} »"), Some(hint))
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(
            format!("le champ « {field} » est écrit deux fois"),
            Some("gardez une seule des deux valeurs".into()),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(
            format!("le champ obligatoire « {field} » manque"),
            Some(format!("ajoutez une ligne « {field}: … » dans ce bloc")),
        )
    }
}
