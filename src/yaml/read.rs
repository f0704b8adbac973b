//! The entry point, [`from_node`], and what one read collects on the way.

use std::cell::{Cell, RefCell};

use serde::de::DeserializeOwned;

use super::de::NodeDeserializer;
use super::node::Node;
use crate::diag::Diagnostic;

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
pub(super) struct Ctx {
    findings: RefCell<Vec<Diagnostic>>,
    substitutions: Cell<usize>,
}

impl Ctx {
    /// Records a mistake that needs no placeholder (an unknown field is just skipped).
    pub(super) fn report(&self, diagnostic: Diagnostic) {
        self.findings.borrow_mut().push(diagnostic);
    }

    /// Records a bad value; the caller goes on with a placeholder.
    pub(super) fn recover(&self, diagnostic: Diagnostic) {
        self.findings.borrow_mut().push(diagnostic);
        self.substitutions.set(self.substitutions.get() + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::de::tests::{Sample, node};

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
}
