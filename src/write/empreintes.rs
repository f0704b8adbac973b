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

use std::fs::Metadata;
use std::io::{BufRead, BufReader, BufWriter, Write as _};
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// Gives the fingerprints of `dossier` (the claimed staging folder) to `recevoir`, one
/// by one as they are read, and deletes every fingerprints file but the current site's:
/// the claimed folder is about to change, and the others describe folders that are gone
/// (or were cut short: `.part`).
pub(super) fn reprendre(out: &Path, dossier: &Path, mut recevoir: impl FnMut(&Path, Empreinte)) {
    if let Some(p) = chemin(out, dossier)
        && let Ok(fichier) = std::fs::File::open(&p)
        && let Ok(m) = fichier.metadata()
    {
        lire(
            BufReader::new(fichier),
            (m.mtime(), m.mtime_nsec()),
            &mut recevoir,
        );
    }
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
}

/// Reads a fingerprints file written at `ecrit` (its modification time), keeping only
/// the lines that parse and whose files had not changed within that last clock tick.
fn lire(mut texte: impl BufRead, ecrit: (i64, i64), recevoir: &mut impl FnMut(&Path, Empreinte)) {
    let mut ligne = String::new();
    if texte.read_line(&mut ligne).is_err() || ligne.trim_end_matches('\n') != ENTETE {
        return;
    }
    loop {
        ligne.clear();
        match texte.read_line(&mut ligne) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if let Some((chemin, empreinte)) = analyser(ligne.trim_end_matches('\n'))
            && empreinte.etat.ctime < ecrit
        {
            recevoir(Path::new(chemin), empreinte);
        }
    }
}

/// One line: `inode size ctime-s ctime-ns hash path`.
fn analyser(ligne: &str) -> Option<(&str, Empreinte)> {
    let mut champs = ligne.splitn(6, ' ');
    let mut nombre = || champs.next()?.parse::<i64>().ok();
    let (inode, taille) = (nombre()?, nombre()?);
    let ctime = (nombre()?, nombre()?);
    let hash = u128::from_str_radix(champs.next()?, 16).ok()?;
    let etat = Etat {
        inode: u64::try_from(inode).ok()?,
        taille: u64::try_from(taille).ok()?,
        ctime,
    };
    Some((champs.next()?, Empreinte { etat, hash }))
}

/// The fingerprints of the files a build writes or keeps, written as they come by the
/// threads that write (no part of the site: in no particular order) into a temporary
/// file renamed at the commit; the file of a build that fails goes with it.
pub(super) struct Registre {
    /// The fingerprints file to be, and its temporary name.
    chemins: Option<(PathBuf, PathBuf)>,
    fichier: Mutex<Option<BufWriter<std::fs::File>>>,
}

impl Registre {
    /// The fingerprints of the staging folder `dossier`, to be swapped in as `out`. None
    /// are kept when the file cannot be made: the next build reads the files instead.
    pub(super) fn new(out: &Path, dossier: &Path) -> Registre {
        let chemins = chemin(out, dossier).map(|p| {
            let part = super::staging::with_suffix(&p, ".part");
            (p, part)
        });
        let fichier = chemins.as_ref().and_then(|(_, part)| {
            let mut w = BufWriter::with_capacity(1 << 16, std::fs::File::create(part).ok()?);
            writeln!(w, "{ENTETE}").ok()?;
            Some(w)
        });
        Registre {
            chemins,
            fichier: Mutex::new(fichier),
        }
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
        if let Ok(mut fichier) = self.fichier.lock()
            && let Some(w) = fichier.as_mut()
            && w.write_all(ligne.as_bytes()).is_err()
        {
            // Incomplete fingerprints would be wrong ones: none at all.
            *fichier = None;
        }
    }

    /// Gives the fingerprints their name, whole (all files noted) or not at all.
    pub(super) fn ecrire(&self) {
        let fichier = self.fichier.lock().ok().and_then(|mut f| f.take());
        if let (Some(w), Some((p, part))) = (fichier, &self.chemins)
            && w.into_inner().is_ok()
        {
            let _ = std::fs::rename(part, p);
        }
    }
}

/// Once renamed, the temporary file is no longer there to remove.
impl Drop for Registre {
    fn drop(&mut self) {
        if let Some((_, part)) = &self.chemins {
            let _ = std::fs::remove_file(part);
        }
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

    /// A folder with a staging folder of `public` in it.
    fn staging() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let dossier = dir.path().join(".public.tmp-1");
        std::fs::create_dir(&dossier).expect("mkdir");
        let out = dir.path().join("public");
        (dir, out, dossier)
    }

    fn tout(out: &Path, dossier: &Path) -> Vec<(PathBuf, Empreinte)> {
        let mut lu = Vec::new();
        reprendre(out, dossier, |p, e| lu.push((p.to_path_buf(), e)));
        lu
    }

    #[test]
    fn fingerprints_read_back_what_was_written_and_skip_the_last_tick() {
        let (_dir, out, dossier) = staging();
        let vieux = empreinte((1_000, 5));
        let recent = empreinte((i64::MAX / 2, 0));
        let registre = Registre::new(&out, &dossier);
        registre.noter("a/index.html", vieux);
        registre.noter("b c.html", vieux);
        registre.noter("récent.html", recent);
        registre.noter("saut\nde ligne.html", vieux);
        registre.ecrire();
        assert_eq!(
            tout(&out, &dossier),
            [
                (PathBuf::from("a/index.html"), vieux),
                (PathBuf::from("b c.html"), vieux)
            ],
            "spaces in paths; neither the racy file nor the line break"
        );
        assert!(
            tout(&out, &dossier).is_empty(),
            "taken once: the folder is about to change"
        );
    }

    #[test]
    fn the_fingerprints_of_a_build_that_fails_go_with_it() {
        let (dir, out, dossier) = staging();
        let registre = Registre::new(&out, &dossier);
        registre.noter("a.html", empreinte((1, 0)));
        drop(registre);
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn a_damaged_fingerprints_file_only_means_reading_the_files() {
        let mut lu = Vec::new();
        let mut recevoir = |p: &Path, _: Empreinte| lu.push(p.to_path_buf());
        lire("autre chose\n1 2 3".as_bytes(), (9, 9), &mut recevoir);
        let texte = format!(
            "{ENTETE}\n1 2 x 4 00 a.html\n1 2 3\n\n1 2 3 4 zz b.html\n-1 2 3 4 00 c.html\n1 2 3"
        );
        lire(texte.as_bytes(), (i64::MAX, 0), &mut recevoir);
        assert!(lu.is_empty(), "{lu:?}");
    }
}
