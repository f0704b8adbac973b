//! The commands behind `main.rs`: what each does once its arguments are parsed
//! (`commandes`), and those that are more than one stage's call: `cispgen export`,
//! `cispgen init`, and what `cispgen check --files` shows.

pub mod commandes;
pub mod export;
pub mod focus;
pub mod init;
