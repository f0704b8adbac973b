//! The staging folder beside the output folder: claimed from a previous build (recycled)
//! or made anew, its inventory, and the swap in one system call.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::empreintes::{self, Empreinte};
use super::*;

pub(super) fn sibling(out: &Path, tag: &str) -> Result<PathBuf, WriteError> {
    let name = out
        .file_name()
        .ok_or_else(|| WriteError::UnsafePath(out.display().to_string()))?;
    let mut staging = OsString::from(".");
    staging.push(name);
    staging.push(format!(".{tag}-{}", std::process::id()));
    Ok(out.with_file_name(staging))
}

/// True when a process with this id runs: its staging folder is not a leftover.
pub(super) fn is_running(pid: u32) -> bool {
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
pub(super) fn leftovers(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
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
pub(super) enum Entry {
    File,
    Dir,
    /// A symbolic link or anything else: always deleted, never written through.
    Other,
}

/// One path of a recycled staging folder: what it held, and whether the new site has that
/// path (set by the thread that writes it, read once all are done).
#[derive(Debug)]
pub(super) struct Trouve {
    pub(super) entry: Entry,
    pub(super) garde: AtomicBool,
    /// What the build that wrote this file recorded of it, if it can still be trusted.
    /// Boxed: inline, its 64 bytes in each of the map's slots (half a million at 100 ×)
    /// raised the peak memory by 60 MB.
    pub(super) empreinte: Option<Box<Empreinte>>,
}

/// Hashed: every file written looks itself up, and comparing paths component by component
/// in a sorted map was a tenth of the write time.
pub(super) type Inventory = HashMap<PathBuf, Trouve>;

pub(super) fn inventory(staging: &Path) -> Inventory {
    walkdir::WalkDir::new(staging)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let rel = e.path().strip_prefix(staging).ok()?.to_path_buf();
            let t = e.file_type();
            // The type comes with the folder listing; sizes are read only for the files
            // a build writes (`Ecriture::write`): a `statx` per file here was a fifth of
            // this inventory.
            let entry = if t.is_dir() {
                Entry::Dir
            } else if t.is_file() {
                Entry::File
            } else {
                Entry::Other
            };
            Some((
                rel,
                Trouve {
                    entry,
                    garde: AtomicBool::new(false),
                    empreinte: None,
                },
            ))
        })
        .collect()
}

/// The staging folder a build writes into, and what it already holds.
pub(super) struct Staging {
    pub(super) path: PathBuf,
    /// `None`: the folder does not exist yet and is made empty by [`Writer::finish`].
    pub(super) inventory: Option<Inventory>,
}

/// Claims a previous site as this build's staging folder, deletes the other leftovers.
pub(super) fn prepare(out: &Path) -> Result<Staging, WriteError> {
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
    let mut inventory = claimed.then(|| inventory(&path));
    let mut reconnus = 0;
    empreintes::reprendre(out, &path, |rel, empreinte| {
        if let Some(trouve) = inventory.as_mut().and_then(|i| i.get_mut(rel))
            && trouve.entry == Entry::File
        {
            trouve.empreinte = Some(Box::new(empreinte));
            reconnus += 1;
        }
    });
    // With fingerprints, the files are compared without being read.
    if let Some(inventory) = &inventory
        && reconnus == 0
    {
        lire_a_l_avance(&path, inventory);
    }
    Ok(Staging { inventory, path })
}

/// How many files of a recycled folder are probed before reading it ahead.
const SONDES: usize = 16;

/// Has the kernel read the files of a recycled folder ahead, all at once, when they are no longer in
/// the page cache and have no fingerprints (a killed build's folder, or an older
/// version's; see `empreintes`). A build compares each file it would write with the one in this
/// folder, the site before the previous one; once other work has pushed that folder out
/// of memory, reading the files one at a time as pages come made a 10 × rebuild 2.5 ×
/// slower (2.3–2.6 s → 5.6–6.3 s). A few files are probed first by a read that may not
/// wait for the disk: a folder still in cache costs these probes only. The reading ahead
/// runs on its own thread while the build loads and renders; the kernel reads in the
/// background, and a file the build replaced meanwhile only costs a wasted read.
fn lire_a_l_avance(staging: &Path, inventory: &Inventory) {
    let fichiers = || {
        inventory
            .iter()
            .filter(|(_, t)| t.entry == Entry::File)
            .map(|(rel, _)| staging.join(rel))
    };
    if !fichiers().take(SONDES).any(|chemin| hors_cache(&chemin)) {
        return;
    }
    let chemins: Vec<PathBuf> = fichiers().collect();
    // Not joined: the build goes on whether the kernel has read ahead or not.
    let _ = std::thread::Builder::new()
        .name("lecture-anticipee".into())
        .spawn(move || {
            for chemin in chemins {
                demander_la_lecture(&chemin);
            }
        });
}

/// True when the start of `path` is not in the page cache (a read that may not wait
/// says it would have to; the kernel then starts reading that file anyway).
#[cfg(target_os = "linux")]
fn hors_cache(path: &Path) -> bool {
    use std::os::fd::AsRawFd as _;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut octet = [0u8; 1];
    let iov = libc::iovec {
        iov_base: octet.as_mut_ptr().cast(),
        iov_len: octet.len(),
    };
    // SAFETY: one iovec over a live one-byte buffer, on a descriptor open for reading.
    let rc = unsafe { libc::preadv2(file.as_raw_fd(), &iov, 1, 0, libc::RWF_NOWAIT) };
    rc < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN)
}

#[cfg(not(target_os = "linux"))]
fn hors_cache(_: &Path) -> bool {
    false
}

/// Asks the kernel to read `path` into the page cache in the background.
#[cfg(target_os = "linux")]
fn demander_la_lecture(path: &Path) {
    use std::os::fd::AsRawFd as _;
    if let Ok(file) = std::fs::File::open(path) {
        // SAFETY: advice on a descriptor open for reading; no memory is involved.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
    }
}

#[cfg(not(target_os = "linux"))]
fn demander_la_lecture(_: &Path) {}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

pub(super) fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// `x.html.gz` (gzip -9) and `x.html.br` (brotli q11) beside `x.html`, with no timestamp
/// in the gzip header so that builds stay byte-identical.
pub(super) fn write_compressed(full: &Path, bytes: &[u8]) -> Result<u64, WriteError> {
    let gz_path = with_suffix(full, ".gz");
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(io_err(&gz_path))?;
    let gz = encoder.finish().map_err(io_err(&gz_path))?;
    write_whole(&gz_path, &gz)?;

    let br_path = with_suffix(full, ".br");
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).map_err(io_err(&br_path))?;
    write_whole(&br_path, &br)?;
    Ok((gz.len() + br.len()) as u64)
}

/// Writes under a temporary name, then renames: a build killed in the middle leaves no
/// truncated compressed file that the next build would keep beside its unchanged source
/// (the leftover `.part` is not part of any site and goes at the next commit).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let part = with_suffix(path, ".part");
    std::fs::write(&part, bytes).map_err(io_err(&part))?;
    std::fs::rename(&part, path).map_err(io_err(path))
}

/// Puts `staging` in place of `out`. On Linux the two folders are exchanged in one
/// system call, so `out` always exists and is always complete.
pub(super) fn swap(staging: &Path, out: &Path) -> Result<(), WriteError> {
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
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
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
pub(super) fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd as _;

    fn oublier(path: &Path) {
        let file = std::fs::File::open(path).expect("open");
        file.sync_all().expect("sync");
        // SAFETY: advice on a descriptor open for reading; no memory is involved.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    }

    /// Whether the first page of `path` is in the page cache, asked without reading it
    /// (a read, even one that may not wait, starts the kernel's own read-ahead).
    fn en_cache(path: &Path) -> bool {
        let file = std::fs::File::open(path).expect("open");
        // SAFETY: a shared read-only mapping of one page of an open file, asked about
        // with mincore into a one-byte vector, then unmapped; nothing else touches it.
        unsafe {
            let page = libc::mmap(
                std::ptr::null_mut(),
                4096,
                libc::PROT_READ,
                libc::MAP_SHARED,
                file.as_raw_fd(),
                0,
            );
            assert_ne!(page, libc::MAP_FAILED, "mmap");
            let mut vec = [0u8; 1];
            let rc = libc::mincore(page, 4096, vec.as_mut_ptr());
            libc::munmap(page, 4096);
            assert_eq!(rc, 0, "mincore");
            vec[0] & 1 == 1
        }
    }

    /// A recycled folder pushed out of the page cache is read back in by the time the
    /// build needs it: `prepare` finds it out of cache and has it read ahead.
    #[test]
    fn a_recycled_folder_out_of_the_page_cache_is_read_ahead() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let pages: Vec<Output> = (0..40)
            .map(|i| Output {
                path: format!("p{i}/index.html"),
                bytes: vec![b'x'; 20_000],
            })
            .collect();
        write_site(&out, &pages, false).expect("first");
        write_site(&out, &pages, false).expect("second");
        let (reusable, _) = leftovers(&out);
        let recycled = reusable.first().expect("the first site, set aside");
        let files: Vec<PathBuf> = (0..40)
            .map(|i| recycled.join(format!("p{i}/index.html")))
            .collect();
        files.iter().for_each(|f| oublier(f));
        // A folder without fingerprints (left by a killed build, or an older version).
        for entry in std::fs::read_dir(dir.path()).expect("ls").flatten() {
            if entry.file_name().to_string_lossy().contains("empreintes") {
                std::fs::remove_file(entry.path()).expect("rm");
            }
        }
        if files.iter().any(|f| en_cache(f)) {
            // tmpfs and the like keep pages in memory whatever the advice: nothing to test.
            eprintln!("this file system does not drop the files from its cache");
            return;
        }
        let staging = prepare(&out).expect("prepare");
        let files: Vec<PathBuf> = (0..40)
            .map(|i| staging.path.join(format!("p{i}/index.html")))
            .collect();
        let started = std::time::Instant::now();
        while !files.iter().all(|f| en_cache(f)) {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "the recycled folder was not read ahead"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}
