//! Helpers shared by `tests/hostile.rs` and `tests/faults.rs` (included with `#[path]`;
//! cargo does not build files in test subfolders on their own).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use cispgen::pipeline::{self, BuildError, BuildOptions};

/// The build date of every build here.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder of its own under the target's tmp folder (emptied first).
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{suite}-{profile}"))
        .join(name);
    if dir.exists() {
        make_writable(&dir);
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("remove {}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}

/// Gives write permission back on every folder under `dir` (a fault test may have taken it).
pub fn make_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir() {
            let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o755));
        }
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("walk {}: {e}", from.display()));
        let rel = entry.path().strip_prefix(from).expect("under from");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)
                .unwrap_or_else(|e| panic!("mkdir {}: {e}", dest.display()));
        } else {
            std::fs::copy(entry.path(), &dest)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A site root with the repository's `site.yaml`, `content/` and `themes/`, and an empty
/// `data/centres/` (the caller puts the case's files there).
pub fn site_root(dir: &Path) -> PathBuf {
    let root = dir.join("racine");
    std::fs::create_dir_all(root.join("data/centres")).expect("mkdir data/centres");
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
    copy_tree(&repo().join("content"), &root.join("content"));
    copy_tree(&repo().join("themes"), &root.join("themes"));
    root
}

pub fn build(root: &Path, out: &Path) -> Result<pipeline::Built, BuildError> {
    pipeline::build_site(&BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        today: today(),
        precompress: false,
        previous: None,
    })
}

/// Every file under `dir`, relative with `/`, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap_or_else(|err| panic!("walk {}: {err}", dir.display())))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

/// Path → bytes of every file under `dir`.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap_or_else(|e| panic!("read {f}: {e}"));
            (f, bytes)
        })
        .collect()
}

/// A checksum of a whole tree (paths and contents; FNV-1a 64), to compare before/after.
pub fn checksum(dir: &Path) -> (usize, u64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let snap = snapshot(dir);
    for (path, bytes) in &snap {
        eat(path.as_bytes());
        eat(&[0]);
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(bytes);
    }
    (snap.len(), h)
}
