//! What each file of a site folder held when its build wrote it: a hash of its bytes and
//! the state the file system gave it (inode, size, change time), kept
//! beside the output folder in `.<out>.empreintes-<inode of the folder>`.
//!
//! A build brings the folder of the site before the previous one up to date, comparing
//! each file it would write with the one there. Read byte for byte, that folder is the
//! slowest part of a rebuild once it has left the page cache (a 10 × rebuild waited
//! 2.5 × longer on the disk than it computed); with these fingerprints a file whose state
//! did not change since it was written is compared by hash, with one `stat` and no read.
//! A file changed by hand gets a new change time, even when its modification time is put
//! back (`touch -r`, `cp -p`): the change time is set by the kernel, not by users. A file
//! whose recorded change time is not strictly before the fingerprints file's own
//! modification time might have changed again within the same clock tick, so it is read
//! (git's « racily clean » rule). Anything unexpected (no fingerprints, another folder's,
//! a line that does not parse) only means reading the files, as before.

use std::collections::HashMap;
use std::fs::Metadata;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{WriteError, io_err};

const ENTETE: &str = "cispgen-empreintes 1";

/// What the file system says of a file: any write to it, or to its metadata, changes its
/// change time (`ctime`), which no user call can set back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Etat {
    inode: u64,
    taille: u64,
    ctime: (i64, i64),
}

impl Etat {
    pub(super) fn taille(&self) -> u64 {
        self.taille
    }

    pub(super) fn de(m: &Metadata) -> Etat {
        Etat {
            inode: m.ino(),
            taille: m.len(),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }
}

/// A file as its build left it: its state, and the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Empreinte {
    pub(super) etat: Etat,
    pub(super) hash: u128,
}

pub(super) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The fingerprints file of the folder at `dossier`, named after its inode, which the
/// renames from staging to output to set-aside folder keep.
fn chemin(out: &Path, dossier: &Path) -> Option<PathBuf> {
    let inode = std::fs::symlink_metadata(dossier).ok()?.ino();
    let nom = out.file_name()?.to_string_lossy();
    Some(out.with_file_name(format!(".{nom}.empreintes-{inode}")))
}

/// Takes the fingerprints of `dossier` (the claimed staging folder) and deletes every
/// fingerprints file but the current site's: the claimed folder is about to change, and
/// the others describe folders that are gone.
pub(super) fn reprendre(out: &Path, dossier: &Path) -> HashMap<PathBuf, Empreinte> {
    let lu = chemin(out, dossier).and_then(|p| {
        let texte = std::fs::read_to_string(&p).ok();
        let ecrit = std::fs::metadata(&p)
            .ok()
            .map(|m| (m.mtime(), m.mtime_nsec()));
        Some(lire(&texte?, ecrit?))
    });
    let garder = chemin(out, out);
    if let (Some(parent), Some(nom)) = (out.parent(), out.file_name()) {
        let prefixe = format!(".{}.empreintes-", nom.to_string_lossy());
        let entrees = std::fs::read_dir(parent).into_iter().flatten().flatten();
        for entree in entrees {
            let p = entree.path();
            if entree.file_name().to_string_lossy().starts_with(&prefixe)
                && Some(&p) != garder.as_ref()
            {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
    lu.unwrap_or_default()
}

/// Parses a fingerprints file written at `ecrit` (its modification time), keeping only
/// the lines that parse and whose files had not changed within that last clock tick.
fn lire(texte: &str, ecrit: (i64, i64)) -> HashMap<PathBuf, Empreinte> {
    let mut lignes = texte.lines();
    if lignes.next() != Some(ENTETE) {
        return HashMap::new();
    }
    lignes
        .filter_map(|ligne| {
            let mut champs = ligne.splitn(6, ' ');
            let mut nombre = || champs.next()?.parse::<i64>().ok();
            let (inode, taille) = (nombre()?, nombre()?);
            let ctime = (nombre()?, nombre()?);
            let hash = u128::from_str_radix(champs.next()?, 16).ok()?;
            let chemin = champs.next()?;
            let etat = Etat {
                inode: u64::try_from(inode).ok()?,
                taille: u64::try_from(taille).ok()?,
                ctime,
            };
            (ctime < ecrit).then(|| (PathBuf::from(chemin), Empreinte { etat, hash }))
        })
        .collect()
}

/// The fingerprints of the files a build writes or keeps, as lines of the file it leaves
/// (formatted by the threads that write, in the order they come: it is no part of the
/// site, and sorting it was most of the swap step).
pub(super) struct Registre(Mutex<Vec<u8>>);

impl Registre {
    pub(super) fn new() -> Registre {
        Registre(Mutex::new(format!("{ENTETE}\n").into_bytes()))
    }

    pub(super) fn noter(&self, chemin: &str, Empreinte { etat, hash }: Empreinte) {
        // A line per file: a path with a line break in it is left out (read next time).
        if chemin.contains('\n') {
            return;
        }
        let ligne = format!(
            "{} {} {} {} {hash:032x} {chemin}\n",
            etat.inode, etat.taille, etat.ctime.0, etat.ctime.1
        );
        if let Ok(mut texte) = self.0.lock() {
            texte.extend_from_slice(ligne.as_bytes());
        }
    }

    /// Writes the fingerprints of the staging folder `dossier`, whole or not at all (a
    /// temporary name, then a rename), before it is swapped in as `out`.
    pub(super) fn ecrire(self, out: &Path, dossier: &Path) -> Result<(), WriteError> {
        let Some(p) = chemin(out, dossier) else {
            return Ok(());
        };
        let texte = self.0.into_inner().unwrap_or_default();
        let part = super::staging::with_suffix(&p, ".part");
        std::fs::write(&part, texte).map_err(io_err(&part))?;
        std::fs::rename(&part, &p).map_err(io_err(&p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empreinte(ctime: (i64, i64)) -> Empreinte {
        Empreinte {
            etat: Etat {
                inode: 42,
                taille: 7,
                ctime,
            },
            hash: hash(b"bonjour"),
        }
    }

    #[test]
    fn fingerprints_read_back_what_was_written_and_skip_the_last_tick() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let dossier = dir.path().join(".public.tmp-1");
        std::fs::create_dir(&dossier).expect("mkdir");
        let vieux = empreinte((1_000, 5));
        let recent = empreinte((i64::MAX / 2, 0));
        let registre = Registre::new();
        registre.noter("a/index.html", vieux);
        registre.noter("b c.html", vieux);
        registre.noter("récent.html", recent);
        registre.noter("saut\nde ligne.html", vieux);
        registre.ecrire(&out, &dossier).expect("write");
        let lu = reprendre(&out, &dossier);
        assert_eq!(lu.get(Path::new("a/index.html")), Some(&vieux));
        assert_eq!(
            lu.get(Path::new("b c.html")),
            Some(&vieux),
            "spaces in paths"
        );
        assert_eq!(
            lu.len(),
            2,
            "neither the racy file nor the line break: {lu:?}"
        );
        assert!(
            reprendre(&out, &dossier).is_empty(),
            "taken once: the folder is about to change"
        );
    }

    #[test]
    fn a_damaged_fingerprints_file_only_means_reading_the_files() {
        assert!(lire("autre chose\n1 2 3", (9, 9)).is_empty());
        let texte = format!(
            "{ENTETE}\n1 2 x 4 00 a.html\n1 2 3\n\n1 2 3 4 zz b.html\n-1 2 3 4 00 c.html\n"
        );
        assert!(lire(&texte, (i64::MAX, 0)).is_empty());
    }
}
