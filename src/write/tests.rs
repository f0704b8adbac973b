//! Tests of the writer: paths, atomic swap, recycling, precompression.

use super::*;

fn output(path: &str, text: &str) -> Output {
    Output {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// The names in `dir`, but the fingerprints files.
fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".public.empreintes-"))
        .collect();
    names.sort();
    names
}

/// The fingerprints files in `dir`.
fn fingerprints(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".public.empreintes-"))
        })
        .collect();
    paths.sort();
    paths
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
    let names = folders(dir.path());
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
    assert_eq!(folders(dir.path()).len(), 2, "older leftovers are deleted");
    assert_eq!(
        fingerprints(dir.path()).len(),
        2,
        "the fingerprints of the site and of the one set aside, no others"
    );
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
    assert_eq!(folders(dir.path()), ["public"], "no staging folder left");
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
        output("was-deep/a/b.html", "profond"),
        // Same size, other bytes: at the start, and past the first 16 KB read.
        output("same-size.html", "abcde"),
        output("long.html", &"x".repeat(40_000)),
    ];
    write_site(&out, &v1, false).expect("v1");
    let same_inode = inode(&out.join("same.html"));
    write_site(&out, &v1, false).expect("v1 again");
    let v3 = [
        output("same.html", "pareil"),
        output("changed.html", "après"),
        output("was-dir", "fichier maintenant"),
        output("was-file/z.html", "dossier maintenant"),
        output("was-deep", "plat maintenant"),
        output("same-size.html", "abcdf"),
        output("long.html", &format!("{}y", "x".repeat(39_999))),
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

/// A build killed while compressing leaves a `.part`, never a truncated `.br` beside an
/// unchanged source: the next build writes the compressed files again and the `.part` goes.
#[test]
fn a_compression_cut_short_is_redone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let v1 = [output("a.html", &"un ".repeat(50))];
    write_site(&out, &v1, true).expect("v1");
    write_site(&out, &v1, true).expect("v1 again");
    let old = dir
        .path()
        .join(format!(".public.old-{}", std::process::id()));
    // What a kill between writing the temporary file and renaming it leaves.
    std::fs::remove_file(old.join("a.html.br")).expect("rm");
    std::fs::write(old.join("a.html.br.part"), b"\x1b\x00").expect("part");
    write_site(&out, &v1, true).expect("v1 once more");
    assert!(!out.join("a.html.br.part").exists(), "the leftover goes");
    let mut text = Vec::new();
    brotli::BrotliDecompress(
        &mut std::fs::File::open(out.join("a.html.br")).expect("open"),
        &mut text,
    )
    .expect("unbrotli");
    assert_eq!(text, "un ".repeat(50).as_bytes());
}

/// The fingerprints file of the folder set aside by the last build.
fn fingerprints_of_old(dir: &Path) -> PathBuf {
    let old = dir.join(format!(".public.old-{}", std::process::id()));
    let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(old).expect("old"));
    dir.join(format!(".public.empreintes-{inode}"))
}

/// A site of `pages` built twice into `public`, then a wait that puts the files' change
/// times strictly before the fingerprints', as on any real rebuild.
fn built_twice(pages: &[Output]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    write_site(&out, pages, false).expect("first");
    write_site(&out, pages, false).expect("second");
    std::thread::sleep(std::time::Duration::from_millis(30));
    (dir, out)
}

/// A file whose state did not change since its build wrote it is not read: shown by a
/// fingerprint made to lie, which the next build believes.
#[test]
fn a_file_left_as_written_is_compared_by_its_fingerprint_without_reading_it() {
    let (dir, out) = built_twice(&[output("a.html", "AAAA")]);
    let path = fingerprints_of_old(dir.path());
    let text = std::fs::read_to_string(&path).expect("fingerprints");
    let (aaaa, bbbb) = (
        format!("{:032x}", empreintes::hash(b"AAAA")),
        format!("{:032x}", empreintes::hash(b"BBBB")),
    );
    assert!(text.contains(&aaaa), "{text}");
    std::fs::write(&path, text.replace(&aaaa, &bbbb)).expect("lie");
    write_site(&out, &[output("a.html", "BBBB")], false).expect("v2");
    assert_eq!(
        std::fs::read_to_string(out.join("a.html")).expect("read"),
        "AAAA",
        "the file was taken for BBBB on its fingerprint, without being read"
    );
}

/// A page edited by hand in the output folder, its modification time put back, is
/// rewritten when its folder is recycled: the change time tells.
#[test]
fn a_page_edited_by_hand_is_rewritten_even_with_its_date_put_back() {
    let site = [output("a.html", "AAAA"), output("b.html", "BBBB")];
    let (_dir, out) = built_twice(&site);
    let page = out.join("a.html");
    let date = std::fs::metadata(&page)
        .and_then(|m| m.modified())
        .expect("mtime");
    std::fs::write(&page, "XXXX").expect("edit");
    std::fs::File::options()
        .write(true)
        .open(&page)
        .and_then(|f| f.set_modified(date))
        .expect("touch -r");
    write_site(&out, &site, false).expect("recycles the first folder");
    write_site(&out, &site, false).expect("recycles the edited folder");
    assert_eq!(std::fs::read_to_string(&page).expect("read"), "AAAA");
}

/// A fingerprints file that does not parse, or that belongs to another folder, only
/// means reading the files.
#[test]
fn damaged_fingerprints_only_mean_reading() {
    let (dir, out) = built_twice(&[output("a.html", "AAAA")]);
    let path = fingerprints_of_old(dir.path());
    std::fs::write(
        &path,
        "cispgen-empreintes 1\n1 2 3 4 5 6 zz a.html\n\u{0}\u{ff}",
    )
    .expect("damage");
    write_site(&out, &[output("a.html", "BBBB")], false).expect("v2");
    assert_eq!(
        std::fs::read_to_string(out.join("a.html")).expect("read"),
        "BBBB"
    );
    // The fingerprints of the current site, given to the folder set aside.
    let current = fingerprints(dir.path())
        .into_iter()
        .find(|p| *p != fingerprints_of_old(dir.path()))
        .expect("the site's fingerprints");
    std::fs::copy(&current, fingerprints_of_old(dir.path())).expect("copy");
    write_site(&out, &[output("a.html", "CCCC")], false).expect("v3");
    assert_eq!(
        std::fs::read_to_string(out.join("a.html")).expect("read"),
        "CCCC"
    );
}
