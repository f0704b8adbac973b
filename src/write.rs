//! Stage 6, **write**: the site is written into a staging folder beside the output folder
//! (same filesystem), then the two are swapped in one system call. A build that fails or
//! is killed before the swap leaves the previous site exactly as it was.
//!
//! Every path is checked to be a plain relative path: nothing is written outside the
//! output folder, whatever an id or slug in the data says.
//!
//! The staging folder is recycled, not made anew: after the swap the previous site is set
//! aside as `.<out>.old-<pid>`, and the next build claims it as its staging folder and
//! brings it up to date: files whose bytes did not change are left alone, the others are
//! rewritten, the extra ones deleted. Creating and deleting 2,500 files on every build
//! cost more than rendering them on this disk (ext4 scans for inodes not « recently
//! deleted » on each create), while comparing them costs a few milliseconds. Precompressed
//! `.gz`/`.br` files are deleted before their source changes, so a source that did not
//! change and both compressed files present means the compressed files are current.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::render::Output;

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

fn sibling(out: &Path, tag: &str) -> Result<PathBuf, WriteError> {
    let name = out
        .file_name()
        .ok_or_else(|| WriteError::UnsafePath(out.display().to_string()))?;
    let mut staging = OsString::from(".");
    staging.push(name);
    staging.push(format!(".{tag}-{}", std::process::id()));
    Ok(out.with_file_name(staging))
}

/// True when a process with this id runs: its staging folder is not a leftover.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists; no memory is involved.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Folders that earlier builds left beside `out`: sites set aside (`.<name>.old-<pid>`)
/// first, then staging folders of builds that were killed (`.<name>.tmp-<pid>` whose
/// process is gone). Real folders only: a symbolic link is never written through.
fn leftovers(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return (Vec::new(), Vec::new());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return (Vec::new(), Vec::new());
    };
    let (mut old, mut tmp) = (Vec::new(), Vec::new());
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = |tag: &str| rest.strip_prefix(tag).and_then(|p| p.parse::<u32>().ok());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if pid("old-").is_some() {
            old.push((is_dir, entry.path()));
        } else if let Some(pid) = pid("tmp-")
            && !is_running(pid)
        {
            tmp.push((is_dir, entry.path()));
        }
    }
    old.sort();
    tmp.sort();
    let (reusable, others): (Vec<_>, Vec<_>) =
        old.into_iter().chain(tmp).partition(|(is_dir, _)| *is_dir);
    (
        reusable.into_iter().map(|(_, p)| p).collect(),
        others.into_iter().map(|(_, p)| p).collect(),
    )
}

/// What a recycled staging folder holds, by relative path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    File(u64),
    Dir,
    /// A symbolic link or anything else: always deleted, never written through.
    Other,
}

/// Hashed: every file written looks itself up, and comparing paths component by component
/// in a sorted map was a tenth of the write time.
type Inventory = HashMap<PathBuf, Entry>;

fn inventory(staging: &Path) -> Inventory {
    walkdir::WalkDir::new(staging)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let rel = e.path().strip_prefix(staging).ok()?.to_path_buf();
            let t = e.file_type();
            let entry = if t.is_dir() {
                Entry::Dir
            } else if t.is_file() {
                Entry::File(e.metadata().ok()?.len())
            } else {
                Entry::Other
            };
            Some((rel, entry))
        })
        .collect()
}

/// The staging folder a build writes into, and what it already holds.
struct Staging {
    path: PathBuf,
    /// `None`: the folder does not exist yet and is made empty by [`Writer::finish`].
    inventory: Option<Inventory>,
}

/// Claims a previous site as this build's staging folder, deletes the other leftovers.
fn prepare(out: &Path) -> Result<Staging, WriteError> {
    let path = sibling(out, "tmp")?;
    let (reusable, others) = leftovers(out);
    let mut claimed = false;
    for candidate in reusable {
        if !claimed && std::fs::rename(&candidate, &path).is_ok() {
            claimed = true;
        } else {
            let _ = std::fs::remove_dir_all(&candidate);
        }
    }
    for other in others {
        let _ = std::fs::remove_dir_all(&other).or_else(|_| std::fs::remove_file(&other));
    }
    Ok(Staging {
        inventory: claimed.then(|| inventory(&path)),
        path,
    })
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
        let ecriture = Ecriture {
            out: self.out.clone(),
            staging: staging.path,
            inventory,
            precompress,
            dossiers: Mutex::new(HashSet::new()),
            ecrits: Mutex::new(Vec::new()),
            stats: Mutex::new(WriteStats::default()),
            fini: false,
        };
        // Links and other special files go first: nothing is ever written through them.
        for (rel, entry) in &ecriture.inventory {
            if *entry == Entry::Other {
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
    /// Relative paths written so far.
    ecrits: Mutex<Vec<PathBuf>>,
    stats: Mutex<WriteStats>,
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
    /// Writes one file into the staging folder, unless it already holds the same bytes.
    pub fn write(&self, file: &Output) -> Result<(), WriteError> {
        let rel =
            safe_relative(&file.path).ok_or_else(|| WriteError::UnsafePath(file.path.clone()))?;
        self.make_parents(&rel)?;
        let full = self.staging.join(&rel);
        let before = self.inventory.get(&rel);
        if before == Some(&Entry::Dir) {
            remove(std::fs::remove_dir_all(&full), &full)?;
        }
        let unchanged = before == Some(&Entry::File(file.bytes.len() as u64))
            && std::fs::read(&full).is_ok_and(|old| old == file.bytes);
        let compressed = self.precompress && is_compressible(&rel);
        if !unchanged {
            if compressed {
                for suffix in [".gz", ".br"] {
                    let path = with_suffix(&full, suffix);
                    remove(std::fs::remove_file(&path), &path)?;
                }
            }
            std::fs::write(&full, &file.bytes).map_err(io_err(&full))?;
        }
        let mut bytes = file.bytes.len() as u64;
        if compressed {
            let sizes = [".gz", ".br"].map(|s| match self.inventory.get(&with_suffix(&rel, s)) {
                Some(Entry::File(n)) => Some(*n),
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
        if let Ok(mut ecrits) = self.ecrits.lock() {
            ecrits.push(rel);
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
            match self.inventory.get(dir) {
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
        let ecrits = std::mem::take(self.ecrits.get_mut().map_err(|_| WriteError::Io {
            path: self.staging.clone(),
            error: std::io::Error::other("verrou empoisonné"),
        })?);
        let mut wanted_files = HashSet::new();
        for rel in &ecrits {
            if self.precompress && is_compressible(rel) {
                wanted_files.insert(with_suffix(rel, ".gz"));
                wanted_files.insert(with_suffix(rel, ".br"));
            }
        }
        let wanted_dirs: HashSet<&Path> = ecrits
            .iter()
            .flat_map(|p| p.ancestors().skip(1))
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        let written: HashSet<&Path> = ecrits.iter().map(PathBuf::as_path).collect();
        // Sorted paths put a folder just before its content, which goes with it.
        let mut anciens: Vec<(&PathBuf, &Entry)> = self.inventory.iter().collect();
        anciens.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut removed_dir: Option<&Path> = None;
        for (rel, entry) in anciens {
            if removed_dir.is_some_and(|d| rel.starts_with(d)) {
                continue;
            }
            // Kept, or already replaced while writing by something of another kind (itself
            // or a folder above it).
            let replaced = written.contains(rel.as_path())
                || wanted_dirs.contains(rel.as_path())
                || rel.ancestors().skip(1).any(|a| written.contains(a));
            let keep = match entry {
                Entry::Dir => wanted_dirs.contains(rel.as_path()),
                Entry::File(_) => wanted_files.contains(rel),
                Entry::Other => true,
            };
            if keep || replaced {
                continue;
            }
            let full = self.staging.join(rel);
            if *entry == Entry::Dir {
                remove(std::fs::remove_dir_all(&full), &full)?;
                removed_dir = Some(rel);
            } else {
                remove(std::fs::remove_file(&full), &full)?;
            }
        }
        swap(&self.staging, &self.out)?;
        self.fini = true;
        Ok(self.stats.lock().map(|s| *s).unwrap_or_default())
    }
}

impl Drop for Ecriture {
    fn drop(&mut self) {
        if !self.fini {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// `x.html.gz` (gzip -9) and `x.html.br` (brotli q11) beside `x.html`, with no timestamp
/// in the gzip header so that builds stay byte-identical.
fn write_compressed(full: &Path, bytes: &[u8]) -> Result<u64, WriteError> {
    let mut gz_path = full.as_os_str().to_owned();
    gz_path.push(".gz");
    let gz_path = PathBuf::from(gz_path);
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(io_err(&gz_path))?;
    let gz = encoder.finish().map_err(io_err(&gz_path))?;
    std::fs::write(&gz_path, &gz).map_err(io_err(&gz_path))?;

    let mut br_path = full.as_os_str().to_owned();
    br_path.push(".br");
    let br_path = PathBuf::from(br_path);
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).map_err(io_err(&br_path))?;
    std::fs::write(&br_path, &br).map_err(io_err(&br_path))?;
    Ok((gz.len() + br.len()) as u64)
}

/// Puts `staging` in place of `out`. On Linux the two folders are exchanged in one
/// system call, so `out` always exists and is always complete.
fn swap(staging: &Path, out: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io_err(out));
    }
    let old = sibling(out, "old")?;
    if exchange(staging, out).is_ok() {
        // `staging` now holds the previous site: set it aside for the next build to delete.
        return std::fs::rename(staging, &old).map_err(io_err(staging));
    }
    std::fs::rename(out, &old).map_err(io_err(out))?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(WriteError::Io {
            path: out.to_path_buf(),
            error,
        });
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for p in ["../x", "a/../../x", "/etc/passwd", "a\\..\\x", "", "./a"] {
            assert!(safe_relative(p).is_none(), "{p}");
        }
        assert!(safe_relative("formations/x/index.html").is_some());
    }

    #[test]
    fn swap_replaces_the_site_and_cleans_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        write_site(
            &out,
            &[output("a.html", "1"), output("d/b.html", "1")],
            false,
        )
        .expect("first");
        write_site(&out, &[output("a.html", "2")], true).expect("second");
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "2"
        );
        assert!(!out.join("d/b.html").exists(), "old files are gone");
        assert!(out.join("a.html.gz").exists() && out.join("a.html.br").exists());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        let old = format!(".public.old-{}", std::process::id());
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names.contains(&"public".to_string()) && names.contains(&old),
            "previous site set aside: {names:?}"
        );
        write_site(&out, &[output("a.html", "3")], false).expect("third");
        assert!(
            dir.path().join(&old).join("a.html").exists(),
            "the site just replaced is kept"
        );
        let count = std::fs::read_dir(dir.path()).expect("ls").count();
        assert_eq!(count, 2, "older leftovers are deleted");
    }

    #[test]
    fn a_refused_path_leaves_the_previous_site() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        write_site(&out, &[output("a.html", "1")], false).expect("first");
        let err = write_site(
            &out,
            &[output("a.html", "2"), output("../evil.html", "x")],
            false,
        );
        assert!(matches!(err, Err(WriteError::UnsafePath(_))));
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "1"
        );
        assert!(!dir.path().join("evil.html").exists());
    }

    #[test]
    fn leftovers_of_a_killed_build_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        std::fs::create_dir_all(dir.path().join(".public.tmp-99999/x")).expect("mkdir");
        write_site(&out, &[output("a.html", "1")], false).expect("write");
        assert!(!dir.path().join(".public.tmp-99999").exists());
    }

    #[test]
    fn compression_is_reproducible() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        let files = [output("x.html", &"bonjour ".repeat(100))];
        write_site(&a, &files, true).expect("a");
        write_site(&b, &files, true).expect("b");
        assert_eq!(
            std::fs::read(a.join("x.html.gz")).expect("a"),
            std::fs::read(b.join("x.html.gz")).expect("b")
        );
    }

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).expect("metadata").ino()
    }

    /// A write abandoned half-way (a render error, say) deletes its staging folder and
    /// leaves the published site as it was.
    #[test]
    fn an_unfinished_write_leaves_the_site_and_no_staging() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        write_site(&out, &[output("a.html", "v1")], false).expect("v1");
        let ecriture = Writer::start(&out).begin(true).expect("begin");
        ecriture.write(&output("a.html", "v2")).expect("write");
        ecriture.write(&output("b/c.html", "v2")).expect("write");
        drop(ecriture);
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "v1"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["public"], "no staging folder left");
    }

    /// Three builds: the third recycles the first's tree. Unchanged files keep their inode
    /// (not rewritten), changed ones get their new bytes, extra ones go, a folder that
    /// became a file and a file that became a folder are both right.
    #[test]
    fn the_previous_site_is_recycled_as_staging() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let v1 = [
            output("same.html", "pareil"),
            output("changed.html", "avant"),
            output("gone/x.html", "parti"),
            output("was-dir/y.html", "dossier"),
            output("was-file", "fichier"),
        ];
        write_site(&out, &v1, false).expect("v1");
        let same_inode = inode(&out.join("same.html"));
        write_site(&out, &v1, false).expect("v1 again");
        let v3 = [
            output("same.html", "pareil"),
            output("changed.html", "après"),
            output("was-dir", "fichier maintenant"),
            output("was-file/z.html", "dossier maintenant"),
        ];
        write_site(&out, &v3, false).expect("v3");
        assert_eq!(inode(&out.join("same.html")), same_inode, "not rewritten");
        let mut found: Vec<(String, String)> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| e.expect("entry"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&out).expect("rel");
                (
                    rel.to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).expect("read"),
                )
            })
            .collect();
        found.sort();
        let mut expected: Vec<(String, String)> = v3
            .iter()
            .map(|o| {
                (
                    o.path.clone(),
                    String::from_utf8(o.bytes.clone()).expect("utf8"),
                )
            })
            .collect();
        expected.sort();
        assert_eq!(found, expected);
        assert!(!out.join("gone").exists(), "empty folders are removed");
    }

    /// A symbolic link in the recycled tree is deleted, never written through.
    #[test]
    fn a_link_in_the_recycled_tree_is_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let outside = dir.path().join("outside.html");
        std::fs::write(&outside, "dehors").expect("write");
        write_site(&out, &[output("a.html", "1")], false).expect("v1");
        write_site(&out, &[output("a.html", "1")], false).expect("v2");
        let old = dir
            .path()
            .join(format!(".public.old-{}", std::process::id()));
        std::fs::remove_file(old.join("a.html")).expect("rm");
        std::os::unix::fs::symlink(&outside, old.join("a.html")).expect("symlink");
        write_site(&out, &[output("a.html", "2")], false).expect("v3");
        assert_eq!(std::fs::read_to_string(&outside).expect("read"), "dehors");
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "2"
        );
        assert!(
            !std::fs::symlink_metadata(out.join("a.html"))
                .expect("meta")
                .is_symlink()
        );
    }

    /// Compressed files follow their source when it changes, and are kept when it does not.
    #[test]
    fn compressed_files_follow_their_source() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let v1 = [
            output("a.html", &"un ".repeat(50)),
            output("b.html", &"deux ".repeat(50)),
        ];
        write_site(&out, &v1, true).expect("v1");
        // The next build writes a fresh tree; the one after recycles this one.
        let gz_inode = inode(&out.join("a.html.gz"));
        write_site(&out, &v1, true).expect("v1 again");
        let v2 = [
            output("a.html", &"un ".repeat(50)),
            output("b.html", &"trois ".repeat(50)),
        ];
        write_site(&out, &v2, true).expect("v2");
        assert_eq!(inode(&out.join("a.html.gz")), gz_inode, "kept");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(
                std::fs::File::open(out.join("b.html.gz")).expect("open"),
            ),
            &mut text,
        )
        .expect("gunzip");
        assert_eq!(text, "trois ".repeat(50));
        // Without precompression, the compressed files go.
        write_site(&out, &v2, false).expect("v2 plain");
        write_site(&out, &v2, false).expect("v2 plain again");
        assert!(!out.join("b.html.gz").exists() && !out.join("b.html.br").exists());
    }
}
