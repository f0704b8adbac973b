//! Open data for advisers and partners: `/donnees/` files and `cispgen export`.
//! (Filled in by the advisers work, issue 6.)

use crate::render::{Env, Output};

pub fn outputs(_env: &Env) -> Vec<Output> {
    Vec::new()
}
