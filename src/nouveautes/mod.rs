//! « Nouveautés »: the history of what changed from one publication to the next — new
//! tracks, new information sessions, title changes, changes of the start dates, closed
//! tracks — as a page `/nouveautes/`, an Atom feed `/nouveautes/atom.xml` and an open-data
//! file `/donnees/nouveautes.json`, for advisers who follow the directory.
//!
//! Each publication compares its catalogue with the previous publication's
//! `/donnees/catalogue.json` ([`instantane`], [`changements`]), reads the previous
//! `/donnees/nouveautes.json` and carries its entries forward ([`historique`]: the last
//! [`historique::JOURS`] days, [`historique::MAXIMUM`] entries at most), adding its own.
//! A publication that changes nothing thus publishes the same page, feed and file, byte
//! for byte. The previous files are read from the previous output folder before the swap,
//! or from what `build --previous` names ([`chemins`]).
//!
//! - No previous publication at all: one entry « Première publication du catalogue »,
//!   carried forward like the others (later publications do not say it again).
//! - A previous publication without `nouveautes.json` (older versions): the history starts
//!   with the changes of this publication.
//!
//! Everything dated comes from the build date (`--today`): two builds of the same data
//! with the same previous publication give the same bytes.

pub mod atom;
pub mod changements;
pub mod historique;
pub mod instantane;
pub mod page;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::resolve::Catalogue;
use crate::site::Output;

pub use self::changements::comparer;
pub use self::historique::{Entree, Genre};
pub use self::instantane::{Filiere, Instantane};
/// The open-data files of a publication, relative to the output folder, and the page.
pub use crate::site::urls::{
    CATALOGUE_JSON, NOUVEAUTES as PAGE_URL, NOUVEAUTES_ATOM as FEED_PATH,
    NOUVEAUTES_JSON as HISTORIQUE_JSON,
};

/// The previous publication, as found.
#[derive(Debug, Clone, Default)]
pub struct Precedent {
    /// Its catalogue; `None`: no previous publication (or unreadable).
    pub catalogue: Option<Instantane>,
    /// Its history; `None`: absent (a first publication, or an older version's output).
    pub historique: Option<Vec<Entree>>,
}

impl Precedent {
    /// No previous publication: the page says « première publication ».
    pub fn aucun() -> Precedent {
        Precedent::default()
    }
}

/// Where the previous publication's files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chemins {
    pub catalogue: PathBuf,
    pub historique: PathBuf,
}

/// The previous publication's `catalogue.json` and `nouveautes.json`:
///
/// - by default, in the output folder `out` (read before it is replaced);
/// - `--previous FOLDER`: a previous site (`FOLDER/donnees/…`), or a folder holding the two
///   downloaded files (`FOLDER/catalogue.json`, `FOLDER/nouveautes.json`);
/// - `--previous FILE`: the catalogue; the history is beside it, its name the catalogue's
///   with `catalogue` replaced by `nouveautes` (`catalogue-precedent.json` →
///   `nouveautes-precedent.json`), else `nouveautes.json`.
pub fn chemins(out: &Path, previous: Option<&Path>) -> Chemins {
    let dans = |dossier: &Path| Chemins {
        catalogue: dossier.join(CATALOGUE_JSON),
        historique: dossier.join(HISTORIQUE_JSON),
    };
    let Some(p) = previous else {
        return dans(out);
    };
    if p.is_dir() {
        if p.join("catalogue.json").is_file() {
            return Chemins {
                catalogue: p.join("catalogue.json"),
                historique: p.join("nouveautes.json"),
            };
        }
        return dans(p);
    }
    let nom = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let historique = if nom.contains("catalogue") {
        nom.replacen("catalogue", "nouveautes", 1)
    } else {
        "nouveautes.json".into()
    };
    Chemins {
        catalogue: p.to_path_buf(),
        historique: p.with_file_name(historique),
    }
}

/// Reads the file at `path`: `Ok(None)` when it does not exist.
fn lire_fichier<T>(
    path: &Path,
    quoi: &str,
    lire: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match std::fs::read(path) {
        Ok(bytes) => lire(&bytes)
            .map(Some)
            .map_err(|e| format!("{} : {quoi} illisible ({e})", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{} : {e}", path.display())),
    }
}

/// Reads the previous publication. A missing file is simply absent; a file that cannot be
/// read is treated as absent too, with a remark for the caller to report (the build goes
/// on rather than fail).
pub fn lire_precedent(chemins: &Chemins) -> (Precedent, Vec<String>) {
    let mut notes = Vec::new();
    let catalogue = lire_fichier(
        &chemins.catalogue,
        "catalogue précédent",
        Instantane::du_json,
    )
    .unwrap_or_else(|e| {
        notes.push(format!(
            "{e} : « Nouveautés » ne voit pas les changements de cette publication"
        ));
        None
    });
    let historique = lire_fichier(
        &chemins.historique,
        "historique des nouveautés",
        historique::lire,
    )
    .unwrap_or_else(|e| {
        notes.push(format!(
            "{e} : l'historique des nouveautés repart de cette publication"
        ));
        None
    });
    (
        Precedent {
            catalogue,
            historique,
        },
        notes,
    )
}

/// What « Nouveautés » publishes: the body of the page `/nouveautes/` (HTML, rendered
/// into the theme's `page.html` by `render`), its Atom feed and the history file.
pub struct Nouveautes {
    pub corps: String,
    pub atom: Output,
    pub json: Output,
    /// The history, newest first.
    pub entrees: Vec<Entree>,
}

/// The history of this publication, from `precedent`.
pub fn nouveautes(config: &Config, catalogue: &Catalogue, precedent: &Precedent) -> Nouveautes {
    publier(
        config,
        &Instantane::du_catalogue(catalogue),
        precedent,
        catalogue.today,
    )
}

/// The history of a publication of `apres` on `today`, from `precedent`.
pub fn publier(
    config: &Config,
    apres: &Instantane,
    precedent: &Precedent,
    today: NaiveDate,
) -> Nouveautes {
    let nouvelles = match (&precedent.catalogue, &precedent.historique) {
        (Some(avant), _) => comparer(avant, apres, today),
        // A history without its catalogue: nothing to compare, the history goes on.
        (None, Some(_)) => Vec::new(),
        (None, None) => vec![Entree::premiere_publication(today, apres.filieres.len())],
    };
    let mut entrees = historique::reporter(
        precedent.historique.as_deref().unwrap_or_default(),
        nouvelles,
        today,
    );
    historique::lier(&mut entrees, apres, &config.base_url);
    let feed = format!("/{FEED_PATH}");
    let json = format!("/{HISTORIQUE_JSON}");
    Nouveautes {
        corps: page::corps(&entrees, apres, &feed, &json),
        atom: Output {
            path: FEED_PATH.into(),
            bytes: atom::atom(config, &entrees, today).into_bytes(),
        },
        json: Output {
            path: HISTORIQUE_JSON.into(),
            bytes: historique::json(&entrees).into_bytes(),
        },
        entrees,
    }
}

/// Tracks and catalogues for the tests of the submodules.
#[cfg(test)]
mod essais {
    use std::collections::{BTreeMap, BTreeSet};

    use super::{Filiere, Instantane};

    pub fn filiere(id: &str, seances: &[(&str, &str)]) -> Filiere {
        Filiere {
            id: id.into(),
            titre: id.to_uppercase(),
            centre: "Centre".into(),
            url: Some(format!("/formations/{id}/")),
            debuts: BTreeSet::new(),
            seances: seances
                .iter()
                .map(|(d, h)| (d.to_string(), h.to_string()))
                .collect(),
            rythmes: BTreeMap::new(),
        }
    }

    pub fn instantane(items: Vec<Filiere>) -> Instantane {
        Instantane {
            filieres: items.into_iter().map(|f| (f.id.clone(), f)).collect(),
        }
    }
}

#[cfg(test)]
mod tests;
