//! Commands that are more than one stage's call: `cispgen export`.

pub mod export;
