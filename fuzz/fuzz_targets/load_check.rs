//! Any bytes as a centre file: `load::parse_centre`, then `check::check` on what it read.
//!
//! The loader itself refuses files that are not UTF-8 or hold a NUL byte before parsing;
//! here invalid UTF-8 is replaced (`from_utf8_lossy`) so that every input still reaches
//! the parser, and NUL bytes are passed through: `parse_centre` and `check` are public
//! and must never panic, whatever the text.
//!
//! Besides « no panic », every diagnostic must point into the fuzzed file, at a line of it.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

use cispgen::diag::{FileId, Sources};
use cispgen::refdata::RefData;
use cispgen::{check, load};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn refdata() -> &'static RefData {
    static R: OnceLock<&'static RefData> = OnceLock::new();
    R.get_or_init(RefData::load)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let mut sources = Sources::default();
    let file = sources.add(PathBuf::from("data/centres/aleap/fuzz.yaml"), text);
    let text = &sources.get(file).expect("just added").text;
    let (centre, mut findings) = load::parse_centre(text, file);
    let centres: Vec<_> = centre.into_iter().collect();
    findings.extend(check::check(&centres, &sources, refdata(), today()));

    // Lines as YAML counts them (LF, CRLF or a lone CR end a line), plus one for « at
    // the end of the file ».
    let breaks =
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    let lines = u32::try_from(breaks).unwrap_or(u32::MAX).saturating_add(2);
    for d in &findings {
        assert_eq!(d.span.file, file, "diagnostic in another file: {d:?}");
        assert!(
            d.span.line >= 1 && d.span.line <= lines,
            "diagnostic outside the file ({lines} lines): {d:?}"
        );
        assert!(!d.message.is_empty(), "empty message: {d:?}");
    }
    assert_eq!(FileId(0), file);
});
