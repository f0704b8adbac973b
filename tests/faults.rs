//! Faults during a build: whatever goes wrong, the previous site stays in place, whole.
//!
//! - a theme template that fails at render time, an output folder whose staging folder
//!   cannot be created, a write that fails half-way: the build fails, the previous output
//!   is byte for byte what it was, and no staging folder is left behind;
//! - the real binary on the demo catalogue (`cispgen demo --scale 1`), killed with
//!   SIGKILL at regular moments from its start to its end: after each kill the output
//!   folder is exactly the previous site or exactly the new one, never a mix; the next
//!   build succeeds and removes the leftovers; two builds of the same input are
//!   byte-identical;
//! - nothing is ever written outside the output folder: `../` in ids is refused by the
//!   check, and `write::write_site` refuses unsafe paths even when called directly.

#[path = "hostile/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cispgen::pipeline::BuildError;
use cispgen::site::Output;
use cispgen::write::{self, WriteError};

use support::{build, checksum, copy_tree, files, repo, scratch, site_root, snapshot};

/// A small valid site: the two centres of `tests/broken/catalogue-valide/`.
fn small_root(dir: &Path) -> PathBuf {
    let root = site_root(dir);
    copy_tree(
        &repo().join("tests/broken/catalogue-valide"),
        &root.join("data/centres"),
    );
    root
}

/// Names in `dir` that look like the write stage's staging or set-aside folders of `out`.
fn leftovers(dir: &Path, out_name: &str, kind: &str) -> Vec<String> {
    let prefix = format!(".{out_name}.{kind}-");
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(&prefix))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_template_that_fails_at_render_time_leaves_the_previous_site() {
    let dir = scratch("faults", "gabarit");
    let root = small_root(&dir);
    let out = dir.join("public");
    build(&root, &out).unwrap_or_else(|e| panic!("first build: {e}"));
    let before = checksum(&out);
    assert!(before.0 > 20, "a real site: {} files", before.0);

    // A site override of one template, valid for tera's parser, that fails on a page.
    std::fs::create_dir_all(root.join("templates")).expect("mkdir templates");
    std::fs::write(
        root.join("templates/centre.html"),
        "<p>{{ d.nexiste.pas | upper }}</p>",
    )
    .expect("write template");
    match build(&root, &out) {
        Err(BuildError::Render(e)) => {
            let message = e.to_string();
            assert!(
                message.contains("/centres/"),
                "the failing page is named: {message}"
            );
        }
        Err(e) => panic!("expected a render error, got: {e}"),
        Ok(_) => panic!("a template that fails must fail the build"),
    }
    assert_eq!(checksum(&out), before, "the previous site is untouched");
    assert!(
        leftovers(&dir, "public", "tmp").is_empty(),
        "no staging folder left"
    );
}

#[test]
fn an_output_whose_staging_folder_cannot_be_made_leaves_the_previous_site() {
    let dir = scratch("faults", "staging");
    let root = small_root(&dir);
    let out = dir.join("public");
    build(&root, &out).unwrap_or_else(|e| panic!("first build: {e}"));
    let before = checksum(&out);

    // Tests run as root in CI, where permissions stop nothing: block the staging folder's
    // name with a plain file instead (the cleanup of leftovers only removes folders).
    let blocker = dir.join(format!(".public.tmp-{}", std::process::id()));
    std::fs::write(&blocker, "not a folder").expect("write blocker");
    match build(&root, &out) {
        Err(BuildError::Write(WriteError::Io { path, .. })) => assert_eq!(path, blocker),
        Err(e) => panic!("expected a write error, got: {e}"),
        Ok(_) => panic!("the staging folder cannot be created: the build must fail"),
    }
    assert_eq!(checksum(&out), before, "the previous site is untouched");
    std::fs::remove_file(&blocker).expect("remove blocker");

    // An output folder whose parent is a file.
    let file_parent = dir.join("un-fichier");
    std::fs::write(&file_parent, "x").expect("write");
    assert!(matches!(
        build(&root, &file_parent.join("public")),
        Err(BuildError::Write(_))
    ));
    assert_eq!(std::fs::read(&file_parent).expect("read"), b"x");
}

fn output(path: &str, text: &str) -> Output {
    Output {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

#[test]
fn a_write_that_fails_half_way_leaves_the_previous_site() {
    let dir = scratch("faults", "mi-chemin");
    let out = dir.join("public");
    write::write_site(
        &out,
        &[output("index.html", "v1"), output("a/b.html", "v1")],
        false,
    )
    .expect("first write");
    let before = checksum(&out);
    // `x` is a file and a folder at once: the folders are made, then writing the file `x`
    // fails, after other files were written to the staging folder.
    let mut files_v2: Vec<Output> = (0..200)
        .map(|i| output(&format!("p{i:03}/index.html"), "v2"))
        .collect();
    files_v2.push(output("x", "file"));
    files_v2.push(output("x/y.html", "under a file"));
    let err = write::write_site(&out, &files_v2, true).expect_err("the write must fail");
    assert!(matches!(err, WriteError::Io { .. }), "{err}");
    assert_eq!(checksum(&out), before, "the previous site is untouched");
    assert!(
        leftovers(&dir, "public", "tmp").is_empty(),
        "the staging folder was removed"
    );
}

#[test]
fn write_site_refuses_paths_outside_the_output_folder() {
    let dir = scratch("faults", "chemins");
    let out = dir.join("sortie/public");
    write::write_site(&out, &[output("index.html", "v1")], false).expect("first write");
    let before_all = snapshot(&dir);
    let hostile = [
        "../evil.html",
        "../../evil.html",
        "a/../../evil.html",
        "a/b/../../../evil.html",
        "/tmp/cispgen-evil.html",
        "./index.html",
        "a\\..\\..\\evil.html",
        "..",
        ".",
        "",
        "a/./b.html",
        "nul\0.html",
        "//evil.html",
    ];
    for path in hostile {
        let result = write::write_site(
            &out,
            &[output("index.html", "v2"), output(path, "evil")],
            false,
        );
        assert!(
            matches!(result, Err(WriteError::UnsafePath(_))),
            "{path:?} must be refused: {result:?}"
        );
        assert!(write::safe_relative(path).is_none(), "{path:?}");
    }
    assert!(!Path::new("/tmp/cispgen-evil.html").exists());
    let after_all = snapshot(&dir);
    assert_eq!(
        before_all,
        after_all,
        "nothing changed anywhere under {}",
        dir.display()
    );
}

#[test]
fn ids_with_dot_dot_are_refused_and_nothing_is_written_anywhere() {
    let dir = scratch("faults", "ids");
    let root = site_root(&dir);
    let federation = root.join("data/centres/aleap");
    std::fs::create_dir_all(&federation).expect("mkdir");
    let valid = std::fs::read_to_string(
        repo().join("tests/broken/catalogue-valide/aleap/atelier-test.yaml"),
    )
    .expect("read");
    let evil = valid
        .replace("id: atelier-test\n", "id: ../../../evil-centre\n")
        .replace("atelier-test-jemeppe", "../../evil-lieu")
        .replace("id: atelier-test-boulangerie", "id: ../../evil-filiere");
    std::fs::write(federation.join("evil.yaml"), evil).expect("write");
    let before = snapshot(&dir);
    let out = dir.join("public");
    match build(&root, &out) {
        Err(BuildError::Invalid { diagnostics, .. }) => {
            let refused: Vec<&str> = diagnostics
                .iter()
                .filter(|d| d.message.contains("n'est pas valable"))
                .map(|d| d.message.as_str())
                .collect();
            assert_eq!(
                refused.len(),
                3,
                "centre, place and track ids are refused: {refused:?}"
            );
        }
        Err(e) => panic!("expected the check to refuse the ids, got: {e}"),
        Ok(_) => panic!("ids with ../ must be refused"),
    }
    assert!(!out.exists());
    assert_eq!(before, snapshot(&dir), "nothing written");
    for name in ["evil-centre", "evil-lieu", "evil-filiere"] {
        assert!(!dir.join(name).exists() && !dir.parent().expect("parent").join(name).exists());
    }
}

// ------------------------------------------------------------------------------------
// The real binary, killed

fn cispgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cispgen"))
}

fn build_command(root: &Path, out: &Path, today: &str) -> Command {
    let mut c = cispgen();
    c.args(["build", "--today", today, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        // No « Nouveautés » comparison with whatever is in `out`: the output depends on the
        // input only, so that two builds can be compared byte for byte.
        .arg("--previous")
        .arg(root.join("pas-de-catalogue-precedent.json"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn run_ok(mut c: Command, what: &str) -> Duration {
    let started = Instant::now();
    let status = c.status().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(status.success(), "{what}: {status}");
    started.elapsed()
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    use std::os::unix::process::ExitStatusExt;

    let dir = scratch("faults", "kill");
    let root = site_root(&dir);
    let mut demo = cispgen();
    // The demo scale: 2,500 files, enough for the write to take a while; 10× made this
    // test take 9 minutes in CI for no more coverage.
    demo.args(["demo", "--scale", "1", "--root"])
        .arg(&root)
        .stdout(Stdio::null());
    run_ok(demo, "cispgen demo --scale 1");
    let out = dir.join("public");

    let t_old = run_ok(build_command(&root, &out, "2026-11-23"), "first build");
    let old = checksum(&out);
    assert!(old.0 > 1000, "a real site: {} files", old.0);
    let old_files = old.0;

    // The same input a day later: other pages (past sessions, « nouveau » badges…).
    let t_new = run_ok(
        build_command(&root, &dir.join("reference"), "2026-11-24"),
        "reference build",
    );
    let new = checksum(&dir.join("reference"));
    assert_ne!(new, old, "the two dates give two different sites");

    // The moments to kill at span what a killed build does: a rebuild that reuses the
    // folder of the site before the previous one, often much faster than these first
    // builds into new folders (1.6 s against 0.35 s in one CI run, which left only four
    // moments before the end). The first rebuild has no such folder yet: the second is
    // timed.
    let mut t_rebuild = Duration::MAX;
    for _ in 0..2 {
        t_rebuild = run_ok(build_command(&root, &out, "2026-11-24"), "timed rebuild");
        run_ok(
            build_command(&root, &out, "2026-11-23"),
            "rebuild of the old site",
        );
    }
    let total = t_rebuild.min(t_old.max(t_new));
    // Twenty moments within a rebuild, then a few after its end (builds that finish).
    let step = Duration::from_millis(5).max(total / 20);
    let mut at = step;
    let (mut killed, mut finished) = (0, 0);
    let mut seen = Vec::new();
    while at <= total + 5 * step {
        let mut child = build_command(&root, &out, "2026-11-24")
            .spawn()
            .expect("spawn build");
        let started = Instant::now();
        while started.elapsed() < at {
            if child.try_wait().expect("try_wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let state = checksum(&out);
        let which = if state == old {
            "ancien"
        } else if state == new {
            "nouveau"
        } else {
            panic!(
                "killed at {at:?} ({status}): the output is neither the previous site ({old_files} files) nor the new one ({} files): {} files",
                new.0, state.0
            )
        };
        if status.signal() == Some(libc::SIGKILL) {
            killed += 1;
        } else {
            assert!(
                status.success(),
                "a build that was not killed succeeds: {status}"
            );
            finished += 1;
        }
        seen.push(format!("{}ms:{which}", at.as_millis()));
        if which == "nouveau" {
            // Back to the old site, for the next kill to have something to protect.
            run_ok(
                build_command(&root, &out, "2026-11-23"),
                "rebuild of the old site",
            );
            assert_eq!(
                checksum(&out),
                old,
                "a rebuild of the same input is byte-identical"
            );
        }
        at += step;
    }
    eprintln!(
        "faults: build {t_old:?}, rebuild {t_rebuild:?}; {killed} killed, {finished} finished; {}",
        seen.join(" ")
    );
    assert!(
        killed >= 5,
        "the build was killed at several moments ({killed})"
    );

    // The next build succeeds, gives the new site and removes what the killed ones left.
    run_ok(
        build_command(&root, &out, "2026-11-24"),
        "build after the kills",
    );
    assert_eq!(
        checksum(&out),
        new,
        "the build after the kills is byte-identical to a clean one"
    );
    assert_eq!(files(&out), files(&dir.join("reference")));
    assert!(
        leftovers(&dir, "public", "tmp").is_empty(),
        "staging folders of killed builds are removed"
    );
    assert!(
        leftovers(&dir, "public", "old").len() <= 1,
        "only the site just replaced is kept aside"
    );
    run_ok(build_command(&root, &out, "2026-11-24"), "one more build");
    assert_eq!(
        checksum(&out),
        new,
        "two builds of the same input are byte-identical"
    );
}
