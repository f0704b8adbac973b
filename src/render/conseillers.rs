//! Pages for advisers: printable fiches, comparison, coverage, open-data page.
//! (Filled in by the advisers work, issue 6.)

use super::Env;
use super::pages::Rendu;

pub fn pages(_env: &Env) -> Vec<Rendu> {
    Vec::new()
}
