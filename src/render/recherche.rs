//! The search page `/recherche/`. (Filled in by the search work, issue 5.)

use super::Env;
use super::pages::Rendu;

pub fn pages(_env: &Env) -> Vec<Rendu> {
    Vec::new()
}
