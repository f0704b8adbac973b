//! The vocabulary of the output side, shared by every producer: the files a build makes
//! ([`Output`], [`Sink`]), every public URL ([`urls`]), French wording ([`format`]) and
//! escaping ([`escape`]). Imports only `model`, `text` and the standard library.

pub mod escape;
pub mod format;
pub mod output;
pub mod racine;
pub mod urls;

pub use output::{FINGERPRINTED, Output, Sink, empreinte, fingerprinted};
