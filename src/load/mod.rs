//! Stage 1, **load**: read every centre file under `data/centres/`, parse it with
//! positions, and read the typed [`Centre`]s.
//!
//! A file that cannot be read, is too large, is not UTF-8 or is not valid YAML yields a
//! diagnostic and is skipped; inside a valid file, each place and each track is read on its
//! own so that one broken track does not hide the problems of the others.
//!
//! `texte.rs`: from the bytes on disk to text; `centre.rs`: from text to a [`Centre`].

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::model::Centre;

mod centre;
mod texte;

pub use centre::parse_centre;
use texte::{ReadProblem, read_text};

/// A centre file larger than this is a mistake (a pasted log, an image…), not a centre.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where centre files live, relative to the site root.
pub const CENTRES_DIR: &str = "data/centres";

/// What the load stage hands to the next ones.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Sources,
    pub centres: Vec<Centre>,
    pub diagnostics: Diagnostics,
}

/// A problem with the run itself rather than with a file.
#[derive(Debug)]
pub enum LoadError {
    MissingDir(PathBuf),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            LoadError::MissingDir(dir) => write!(
                f,
                "le dossier {} n'existe pas : lancez la commande à la racine du site, ou indiquez-la avec --root",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// The centre files under `root/data/centres`, sorted so that every run sees them in the
/// same order.
pub fn centre_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let dir = root.join(CENTRES_DIR);
    if !dir.is_dir() {
        return Err(LoadError::MissingDir(dir));
    }
    let mut files: Vec<PathBuf> = WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and parses every centre file of the site at `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    let files = centre_files(root)?;
    let texts: Vec<Result<String, ReadProblem>> = files.par_iter().map(|p| read_text(p)).collect();

    let mut loaded = Loaded::default();
    let mut ids = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (path, text) in files.iter().zip(texts) {
        let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        match text {
            Ok(text) => ids.push(loaded.sources.add(shown, text)),
            Err(problem) => {
                let id = loaded.sources.add(shown, String::new());
                problems.push(problem.into_diagnostic(id));
            }
        }
    }
    loaded.diagnostics.extend(problems);

    let sources = &loaded.sources;
    let results: Vec<(Option<Centre>, Vec<Diagnostic>)> = ids
        .par_iter()
        .map(|&id| {
            let text = sources.get(id).map_or("", |f| f.text.as_str());
            parse_centre(text, id)
        })
        .collect();
    for (centre, findings) in results {
        loaded.diagnostics.extend(findings);
        loaded.centres.extend(centre);
    }
    Ok(loaded)
}
