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
