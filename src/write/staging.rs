//! The staging folder beside the output folder: claimed from a previous build (recycled)
//! or made anew, its inventory, and the swap in one system call.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

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
    Ok(Staging {
        inventory: claimed.then(|| inventory(&path)),
        path,
    })
}

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
