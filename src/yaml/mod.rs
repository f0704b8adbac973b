//! The only module that parses YAML.
//!
//! Why not `serde_yaml`: it is unmaintained upstream and gives no position for a value once
//! parsed, while every diagnostic must name a line and column. So the text is parsed with
//! the event parser of `yaml-rust2` into a [`Node`] tree that keeps a [`Span`] on every
//! node, and typed structs are read from that tree through a serde deserializer that:
//! - records unknown fields (with a « vouliez-vous dire » hint) and goes on, so one run
//!   reports all typos;
//! - reads plain scalars by the type asked for (`4101` is a postal code string when the
//!   field is a string), which avoids YAML 1.1 surprises;
//! - fills [`Spanned`] values with the position of the node they come from;
//! - checks the scalar types that give a [`ScalarRule`] (dates, times…), without knowing
//!   them.
//!
//! Anchors and aliases are refused (no alias bombs; federations never need them), nesting
//! is bounded, and duplicate keys are errors.
//!
//! - `node.rs`: the tree; `parse.rs`: events to tree; `syntax.rs`: scanner errors in French;
//!   `reprise.rs`: parse again without the block of a syntax error, to report the rest;
//! - `read.rs`: [`from_node`] and its findings; `de.rs`: the deserializer; `access.rs`: its
//!   walk of lists, blocks and [`Spanned`];
//! - `error.rs`: serde's errors in French; `spanned.rs`, `scalar.rs`: the two protocols a
//!   type can use to learn its position or to be checked.
//!
//! [`Span`]: crate::diag::Span

mod access;
mod de;
mod error;
mod node;
mod parse;
mod read;
mod reprise;
mod scalar;
mod spanned;
mod syntax;

pub use error::DeError;
pub use node::{Node, NodeKind};
pub use parse::parse;
pub use read::{RECOVERED, from_node};
pub use reprise::{Recovered, SetAside, parse_recovering};
pub use scalar::{ScalarRule, deserialize_checked};
pub use spanned::Spanned;

/// Deeper than this is not a centre file: refuse it rather than risk the stack.
const MAX_DEPTH: usize = 32;
