//! Stage 6, **write**: the site is written into a staging folder beside the output folder
//! (same filesystem), then the two are swapped in one system call. A build that fails or
//! is killed before the swap leaves the previous site exactly as it was.
//!
//! Every path is checked to be a plain relative path: nothing is written outside the
//! output folder, whatever an id or slug in the data says.
//!
//! The staging folder is recycled, not made anew: after the swap the previous site is set
//! aside as `.<out>.old-<pid>`, and the next build claims it as its staging folder and
//! brings it up to date: files whose bytes did not change are left alone (known by the
//! fingerprints the build that wrote them left, `empreintes`, else read), the others are
//! rewritten, the extra ones deleted. Creating and deleting 2,500 files on every build
//! cost more than rendering them on this disk (ext4 scans for inodes not « recently
//! deleted » on each create), while comparing them costs a few milliseconds. Precompressed
//! `.gz`/`.br` files are deleted before their source changes and written whole (temporary
//! name, then rename), so a source that did not change and both compressed files present
//! means the compressed files are current.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::Ordering;

use rayon::prelude::*;

use crate::site::Output;

mod empreintes;
mod staging;
use empreintes::{Empreinte, Etat, Registre};
use staging::*;

/// Text files worth precompressing for static hosts.
const COMPRESSIBLE: &[&str] = &[
    "html",
    "css",
    "js",
    "json",
    "svg",
    "xml",
    "txt",
    "ics",
    "webmanifest",
    "csv",
    "geojson",
];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug)]
pub enum WriteError {
    UnsafePath(String),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::UnsafePath(p) => {
                write!(f, "chemin refusé (hors du dossier de sortie) : {p}")
            }
            WriteError::Io { path, error } => write!(f, "{} : {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// A relative path made only of normal components (no `..`, no root, no drive, no `\`).
pub fn safe_relative(path: &str) -> Option<PathBuf> {
    if path.is_empty() || path.contains('\\') || path.contains('\0') {
        return None;
    }
    // Check the raw segments too: `Path::components` silently drops inner `.` segments.
    if !path
        .split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
    {
        return None;
    }
    let p = Path::new(path);
    p.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| p.to_path_buf())
}

/// A write in three steps: [`Writer::start`] at the beginning of a build claims and lists
/// the previous site in the background; [`Writer::begin`] opens the staging folder, into
/// which [`Ecriture::write`] puts each file as soon as it is rendered (pages do not wait in
/// memory for the whole site); [`Ecriture::commit`] deletes what the new site does not
/// have and swaps. An [`Ecriture`] dropped before its commit deletes its staging folder.
pub struct Writer {
    out: PathBuf,
    preparation: Option<std::thread::JoinHandle<Result<Staging, WriteError>>>,
}

impl Writer {
    pub fn start(out: &Path) -> Writer {
        let out = if out.is_absolute() {
            out.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(out))
                .unwrap_or_else(|_| out.to_path_buf())
        };
        let target = out.clone();
        let preparation = std::thread::Builder::new()
            .name("cispgen-staging".into())
            .spawn(move || prepare(&target))
            .ok();
        Writer { out, preparation }
    }

    /// Opens the staging folder for writing.
    pub fn begin(mut self, precompress: bool) -> Result<Ecriture, WriteError> {
        let staging = match self.preparation.take().map(std::thread::JoinHandle::join) {
            Some(Ok(staging)) => staging?,
            _ => prepare(&self.out)?,
        };
        if let Some(parent) = self.out.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let inventory = match staging.inventory {
            Some(inventory) => inventory,
            None => {
                std::fs::create_dir(&staging.path).map_err(io_err(&staging.path))?;
                Inventory::new()
            }
        };
        let empreintes = Registre::new(&self.out, &staging.path);
        let ecriture = Ecriture {
            out: self.out.clone(),
            staging: staging.path,
            inventory,
            precompress,
            dossiers: Mutex::new(HashSet::new()),
            stats: Mutex::new(WriteStats::default()),
            empreintes,
            fini: false,
        };
        // Links and other special files go first: nothing is ever written through them.
        for (rel, trouve) in &ecriture.inventory {
            if trouve.entry == Entry::Other {
                let full = ecriture.staging.join(rel);
                remove(std::fs::remove_file(&full), &full)?;
            }
        }
        Ok(ecriture)
    }

    /// Writes `files` as the new content of the output folder, atomically; nothing is
    /// written when one of the paths is not a plain relative path.
    pub fn finish(self, files: &[Output], precompress: bool) -> Result<WriteStats, WriteError> {
        if let Some(f) = files.iter().find(|f| safe_relative(&f.path).is_none()) {
            return Err(WriteError::UnsafePath(f.path.clone()));
        }
        let ecriture = self.begin(precompress)?;
        files.par_iter().try_for_each(|f| ecriture.write(f))?;
        ecriture.commit()
    }
}

/// Writes `files` as the new content of `out`, atomically (all steps of [`Writer`]).
pub fn write_site(
    out: &Path,
    files: &[Output],
    precompress: bool,
) -> Result<WriteStats, WriteError> {
    Writer::start(out).finish(files, precompress)
}

/// A staging folder open for writing (see [`Writer`]). Shared by the threads that render.
pub struct Ecriture {
    out: PathBuf,
    staging: PathBuf,
    /// What the staging folder held when it was opened.
    inventory: Inventory,
    precompress: bool,
    /// Folders known to exist in the staging folder.
    dossiers: Mutex<HashSet<PathBuf>>,
    stats: Mutex<WriteStats>,
    /// What each file written or kept holds, for the build that recycles this folder.
    empreintes: Registre,
    fini: bool,
}

/// A removal that finds nothing to remove has nothing to do.
fn remove(result: std::io::Result<()>, path: &Path) -> Result<(), WriteError> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(path)(e)),
        _ => Ok(()),
    }
}

impl Ecriture {
    /// What the staging folder held at `rel` before this build, noting that the new site
    /// has that path: [`Ecriture::commit`] deletes only the paths nobody asked for.
    fn avant(&self, rel: &Path) -> Option<&Trouve> {
        let trouve = self.inventory.get(rel)?;
        trouve.garde.store(true, Ordering::Relaxed);
        Some(trouve)
    }

    /// Writes one file into the staging folder, unless it already holds the same bytes.
    pub fn write(&self, file: &Output) -> Result<(), WriteError> {
        let rel =
            safe_relative(&file.path).ok_or_else(|| WriteError::UnsafePath(file.path.clone()))?;
        self.make_parents(&rel)?;
        let full = self.staging.join(&rel);
        let before = self.avant(&rel);
        if before.is_some_and(|t| t.entry == Entry::Dir) {
            remove(std::fs::remove_dir_all(&full), &full)?;
        }
        let hash = empreintes::hash(&file.bytes);
        let deja = before
            .filter(|t| t.entry == Entry::File)
            .and_then(|t| deja_la(&full, &file.bytes, hash, t.empreinte.as_deref()));
        let unchanged = deja.is_some();
        let compressed = self.precompress && is_compressible(&rel);
        let etat = match deja {
            Some(etat) => etat,
            None => {
                if compressed {
                    for suffix in [".gz", ".br"] {
                        let path = with_suffix(&full, suffix);
                        remove(std::fs::remove_file(&path), &path)?;
                    }
                }
                ecrire_fichier(&full, &file.bytes)?
            }
        };
        self.empreintes.noter(&file.path, Empreinte { etat, hash });
        let mut bytes = file.bytes.len() as u64;
        if compressed {
            // Sizes of the compressed files kept beside an unchanged file (a changed one's
            // were deleted above).
            let sizes = [".gz", ".br"].map(|s| match self.avant(&with_suffix(&rel, s)) {
                Some(t) if t.entry == Entry::File && unchanged => {
                    std::fs::metadata(with_suffix(&full, s))
                        .ok()
                        .map(|m| m.len())
                }
                _ => None,
            });
            bytes += match sizes {
                [Some(gz), Some(br)] if unchanged => gz + br,
                _ => write_compressed(&full, &file.bytes)?,
            };
        }
        if let Ok(mut stats) = self.stats.lock() {
            stats.files += 1;
            stats.bytes += bytes;
        }
        Ok(())
    }

    /// Makes the folders above `rel`, replacing a file of the previous site that has the
    /// name of one of them. Under one lock: two pages of the same folder come together.
    fn make_parents(&self, rel: &Path) -> Result<(), WriteError> {
        let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(());
        };
        let mut dossiers = self.dossiers.lock().map_err(|_| WriteError::Io {
            path: self.staging.clone(),
            error: std::io::Error::other("verrou empoisonné"),
        })?;
        if dossiers.contains(parent) {
            return Ok(());
        }
        let mut ancestors: Vec<&Path> = parent
            .ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .collect();
        ancestors.reverse();
        for dir in ancestors {
            if dossiers.contains(dir) {
                continue;
            }
            let full = self.staging.join(dir);
            match self.avant(dir).map(|t| t.entry) {
                Some(Entry::Dir) => {}
                Some(_) => {
                    remove(std::fs::remove_file(&full), &full)?;
                    std::fs::create_dir(&full).map_err(io_err(&full))?;
                }
                None => match std::fs::create_dir(&full) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        return Err(io_err(&full)(e));
                    }
                    _ => {}
                },
            }
            dossiers.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Deletes what the previous site had and this one does not, then swaps the staging
    /// folder in place of the output folder.
    pub fn commit(mut self) -> Result<WriteStats, WriteError> {
        // Whatever the new site has was marked when written (`avant`), a folder with its
        // first file: what is left is what goes. Sorted by bytes, a folder comes before its
        // content, which usually goes with it (a sibling such as `a-b` can sort in between;
        // the content then finds itself already gone). (Collecting every written path into
        // sets to compare with the inventory made this serial step 0.6 s at 100×.)
        let mut anciens: Vec<(&PathBuf, Entry)> = self
            .inventory
            .iter()
            .filter(|(_, t)| t.entry != Entry::Other && !t.garde.load(Ordering::Relaxed))
            .map(|(rel, t)| (rel, t.entry))
            .collect();
        anciens.sort_unstable_by(|a, b| octets(a.0).cmp(octets(b.0)));
        let mut removed_dir: Option<&Path> = None;
        for (rel, entry) in anciens {
            if removed_dir.is_some_and(|d| rel.starts_with(d)) {
                continue;
            }
            let full = self.staging.join(rel);
            let result = if entry == Entry::Dir {
                removed_dir = Some(rel);
                std::fs::remove_dir_all(&full)
            } else {
                std::fs::remove_file(&full)
            };
            match result {
                // Already gone with a folder above it that a file of the new site replaced.
                Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {}
                result => remove(result, &full)?,
            }
        }
        // Fingerprints only spare reads: a build that cannot write them still publishes.
        self.empreintes.ecrire();
        swap(&self.staging, &self.out)?;
        self.fini = true;
        Ok(self.stats.lock().map(|s| *s).unwrap_or_default())
    }
}

/// The state of the file at `path` when it already holds `bytes` (hash `hash`): by its
/// fingerprint when its state is the one recorded (one `stat`, no read), else read.
fn deja_la(path: &Path, bytes: &[u8], hash: u128, empreinte: Option<&Empreinte>) -> Option<Etat> {
    if let Some(empreinte) = empreinte
        && let Ok(m) = std::fs::symlink_metadata(path)
        && Etat::de(&m) == empreinte.etat
    {
        return (empreinte.hash == hash && m.len() == bytes.len() as u64).then_some(empreinte.etat);
    }
    meme_contenu(path, bytes)
}

/// Writes `bytes` at `path`, returning the state the file system gave the file.
fn ecrire_fichier(path: &Path, bytes: &[u8]) -> Result<Etat, WriteError> {
    use std::io::Write as _;
    let mut f = std::fs::File::create(path).map_err(io_err(path))?;
    f.write_all(bytes).map_err(io_err(path))?;
    let m = f.metadata().map_err(io_err(path))?;
    Ok(Etat::de(&m))
}

/// The state of the file at `path` when it holds exactly `bytes`: read only when its
/// size matches, through a buffer on the stack (a heap buffer the size of each file,
/// freshly zeroed pages included, cost more than the comparison), and no read past the
/// known size.
fn meme_contenu(path: &Path, bytes: &[u8]) -> Option<Etat> {
    use std::io::Read as _;
    let mut f = std::fs::File::open(path).ok()?;
    let etat = Etat::de(&f.metadata().ok()?);
    if etat.taille() != bytes.len() as u64 {
        return None;
    }
    let mut tampon = [0u8; 16 * 1024];
    let mut reste = bytes;
    while !reste.is_empty() {
        match f.read(&mut tampon) {
            Ok(0) => return None,
            Ok(n) => match (tampon.get(..n), reste.get(..n)) {
                (Some(lu), Some(attendu)) if lu == attendu => reste = &reste[n..],
                _ => return None,
            },
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(etat)
}

/// A path's bytes, to hash and order it as a whole.
fn octets(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

impl Drop for Ecriture {
    fn drop(&mut self) {
        if !self.fini {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests;
