//! Commands that are more than one stage's call: `cispgen export`, `cispgen init`, and
//! what `cispgen check --files` shows.

pub mod export;
pub mod focus;
pub mod init;
