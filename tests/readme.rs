//! The README's example centre file is valid, so federations can copy it.

use chrono::NaiveDate;
use cispgen::diag::{FileId, Severity, Sources};

#[test]
fn the_readme_example_passes_check() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + readme[start..].find("```").expect("closed");
    let example = &readme[start..end];
    let (centre, findings) = cispgen::load::parse_centre(example, FileId(0));
    assert!(findings.is_empty(), "{findings:?}");
    let centre = centre.expect("readable");
    assert_eq!((centre.lieux.len(), centre.filieres.len()), (1, 1));
    let mut sources = Sources::default();
    sources.add(
        "data/centres/aleap/le-fournil.yaml".into(),
        example.to_string(),
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let diagnostics = cispgen::check::check(
        &[centre],
        &sources,
        cispgen::refdata::RefData::load(),
        today,
    );
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Each `sh` block of the README that starts with `cispgen init` runs as written, in an
/// empty folder, with the built binary as `cispgen` on PATH.
#[test]
fn the_readme_init_commands_run_as_written() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let blocks: Vec<&str> = readme
        .split("```sh\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .filter(|b| b.starts_with("cispgen init"))
        .collect();
    assert!(!blocks.is_empty(), "no `cispgen init` block in the README");
    for block in blocks {
        let tmp = tempfile::tempdir().expect("tempdir");
        let outils = tmp.path().join("outils");
        std::fs::create_dir_all(&outils).expect("mkdir");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_cispgen"), outils.join("cispgen"))
            .expect("symlink");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path =
            std::env::join_paths(std::iter::once(outils).chain(std::env::split_paths(&path)))
                .expect("PATH");
        let out = std::process::Command::new("sh")
            .args(["-e", "-c", block])
            .current_dir(tmp.path())
            .env("PATH", path)
            .output()
            .expect("sh");
        assert!(
            out.status.success(),
            "{block}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
