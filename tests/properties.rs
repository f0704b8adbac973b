//! Property tests (proptest) of what every URL, search and place name rests on:
//!
//! - **slugs** (`text::slugify`, `text::is_slug`): for any text, only `[a-z0-9-]`, never
//!   empty, never `.` or `..`, no `-` at either end: a safe single path segment for the
//!   write stage; for Latin text, a valid id and stable (a slug slugifies to itself); a
//!   valid id is its own slug, so distinct valid ids keep distinct slugs;
//! - **place names** (`text::fold`): idempotent, case- and accent-insensitive for the
//!   letters of French and Walloon names, only lowercase letters, digits and single spaces;
//! - **search index** (`index::build`, `index::mots`): nothing in `src/index.rs` decodes
//!   the files it writes, so the round trip is done here: the JSON files of the demo
//!   catalogue parse, every track and place they name exists, every track is in a part,
//!   and every word of every track title leads, through the text index, back to that
//!   title; and for any text, the words of `mots` are what the search compares.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;

use cispgen::index;
use cispgen::text::{fold, is_slug, slugify};
use cispgen::write::safe_relative;

fn config() -> ProptestConfig {
    // No regression files written next to the tests: a failure prints its minimal input.
    ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Letters of French (and Walloon) place names, upper and lower case, with their
/// unaccented lower-case form.
const LETTRES: &[(char, &str)] = &[
    ('à', "a"),
    ('â', "a"),
    ('ä', "a"),
    ('á', "a"),
    ('å', "a"),
    ('é', "e"),
    ('è', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('î', "i"),
    ('ï', "i"),
    ('í', "i"),
    ('ô', "o"),
    ('ö', "o"),
    ('ó', "o"),
    ('ù', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ú', "u"),
    ('ÿ', "y"),
    ('ç', "c"),
    ('ñ', "n"),
    ('œ', "oe"),
    ('æ', "ae"),
    ('À', "a"),
    ('Â', "a"),
    ('Ä', "a"),
    ('É', "e"),
    ('È', "e"),
    ('Ê', "e"),
    ('Ë', "e"),
    ('Î', "i"),
    ('Ï', "i"),
    ('Ô', "o"),
    ('Ö', "o"),
    ('Ù', "u"),
    ('Û', "u"),
    ('Ü', "u"),
    ('Ÿ', "y"),
    ('Ç', "c"),
    ('Œ', "oe"),
    ('Æ', "ae"),
];

fn sans_accents(s: &str) -> String {
    s.chars()
        .map(|c| {
            LETTRES
                .iter()
                .find(|(l, _)| *l == c)
                .map_or_else(|| c.to_string(), |(_, plain)| (*plain).to_string())
        })
        .collect()
}

/// A place name as people write it: French letters, digits, spaces, `-`, `'`, `’`, `.`,
/// `(`, `)`, `/`.
fn nom_de_lieu() -> impl Strategy<Value = String> {
    let accents: Vec<char> = LETTRES.iter().map(|(c, _)| *c).collect();
    let lettre = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        3 => proptest::char::range('A', 'Z'),
        2 => proptest::sample::select(accents),
        1 => proptest::char::range('0', '9'),
        2 => proptest::sample::select(vec![' ', '-', '\'', '’', '.', '(', ')', '/', ' ']),
    ];
    proptest::collection::vec(lettre, 0..40).prop_map(|v| v.into_iter().collect())
}

/// An id as the data must write it: `[a-z0-9]` words joined by single `-`.
fn id_valable() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,4}").expect("regex")
}

/// A safe single URL path segment: `[a-z0-9-]` only, never empty, `.` or `..`, no `-` at
/// either end.
fn is_url_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn slugs_are_url_safe_for_any_text(s in any::<String>()) {
        let slug = slugify(&s);
        prop_assert!(is_url_safe_slug(&slug), "slugify({s:?}) = {slug:?}");
        let path = format!("formations/{slug}/index.html");
        prop_assert!(safe_relative(&path).is_some(), "{path:?}");
    }

    #[test]
    fn slugs_of_latin_text_are_valid_and_stable(s in nom_de_lieu()) {
        let slug = slugify(&s);
        prop_assert!(slug.len() > 80 || is_slug(&slug), "slugify({s:?}) = {slug:?} is a valid id");
        prop_assert_eq!(slugify(&slug), slug.clone(), "a slug is stable");
    }

    #[test]
    fn slugs_of_hostile_text_stay_one_segment(parts in proptest::collection::vec(prop_oneof![
        Just("..".to_string()), Just("/".to_string()), Just("\\".to_string()), Just(".".to_string()),
        Just("%2e%2e".to_string()), Just("\0".to_string()), Just("<script>".to_string()),
        Just("é".to_string()), Just("Ω".to_string()), Just("字".to_string()), "[a-z]{1,5}",
    ], 0..12)) {
        let s: String = parts.concat();
        let slug = slugify(&s);
        prop_assert!(is_url_safe_slug(&slug), "slugify({s:?}) = {slug:?}");
        prop_assert!(!slug.contains('/') && !slug.contains('.'));
    }

    #[test]
    fn valid_ids_are_their_own_slugs(id in id_valable()) {
        prop_assert!(is_slug(&id), "{id:?}");
        prop_assert_eq!(slugify(&id), id);
    }

    #[test]
    fn distinct_valid_ids_keep_distinct_slugs(a in id_valable(), b in id_valable()) {
        prop_assume!(a != b);
        prop_assert_ne!(slugify(&a), slugify(&b));
    }

    #[test]
    fn fold_is_idempotent_on_place_names(s in nom_de_lieu()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone(), "fold(fold({:?}))", s);
    }

    #[test]
    fn fold_ignores_case_and_accents(s in nom_de_lieu()) {
        let f = fold(&s);
        prop_assert_eq!(fold(&s.to_uppercase()), f.clone(), "upper case of {:?}", s);
        prop_assert_eq!(fold(&s.to_lowercase()), f.clone(), "lower case of {:?}", s);
        prop_assert_eq!(fold(&sans_accents(&s)), f.clone(), "without accents: {:?}", s);
    }

    #[test]
    fn fold_gives_words_and_single_spaces(s in any::<String>()) {
        let f = fold(&s);
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "), "{f:?}");
        prop_assert!(f.chars().all(|c| c == ' ' || c.is_alphanumeric()), "{f:?}");
        prop_assert_eq!(f.to_lowercase(), f.clone(), "lower case");
    }

    #[test]
    fn search_words_are_folded_single_words(s in any::<String>()) {
        for w in index::mots(&s) {
            prop_assert!(!w.is_empty() && !w.contains(' '), "{w:?} from {s:?}");
            prop_assert!(w.chars().all(char::is_alphanumeric), "{w:?} from {s:?}");
        }
    }

    #[test]
    fn search_words_ignore_case_and_accents(s in nom_de_lieu().prop_filter("no brackets", |s| !s.contains('('))) {
        prop_assert_eq!(index::mots(&s.to_uppercase()), index::mots(&s));
        prop_assert_eq!(index::mots(&sans_accents(&s)), index::mots(&s));
    }
}

/// Characters on which `fold` is known not to be idempotent (see
/// `fold_is_idempotent_on_every_character`).
const FOLD_KNOWN_BUGS: &[char] = &['\u{1e9e}'];

/// Every character but the known bugs, alone and between two letters: `fold` is
/// idempotent on each (random strings rarely hit rare letters).
#[test]
fn fold_is_idempotent_on_every_other_character() {
    assert_eq!(fold_problems(FOLD_KNOWN_BUGS), Vec::<String>::new());
}

/// « ẞ » (U+1E9E, capital sharp s): `fold` gives « ß », which `fold` turns into « ss »; so
/// `fold("STRAẞE") != fold("straße")` too.
#[test]
fn fold_is_idempotent_on_every_character() {
    assert_eq!(fold("ẞ"), fold("ß"));
    assert_eq!(fold_problems(&[]), Vec::<String>::new());
}

fn fold_problems(skip: &[char]) -> Vec<String> {
    let mut problems = Vec::new();
    for c in (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|c| !skip.contains(c))
    {
        for s in [c.to_string(), format!("a{c}b")] {
            let once = fold(&s);
            if fold(&once) != once {
                problems.push(format!("{s:?} → {once:?} → {:?}", fold(&once)));
            }
        }
    }
    problems
}

#[test]
fn fold_is_idempotent_on_any_text() {
    proptest!(config(), |(s in any::<String>())| {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone(), "fold(fold({:?}))", s);
    });
}

/// Found by `slugs_are_url_safe_for_any_text` before it was relaxed: a letter with no ASCII
/// form next to a space or a punctuation mark gives a doubled `-`, so the slug is not a
/// valid id (`is_slug`), and `check` suggests an id that it would refuse.
#[test]
fn slugs_of_any_text_are_valid_and_stable() {
    assert_eq!(slugify("Centre Ω Liège"), "centre-liege");
    proptest!(config(), |(s in any::<String>())| {
        let slug = slugify(&s);
        prop_assert!(slug.len() > 80 || is_slug(&slug), "slugify({s:?}) = {slug:?}");
        prop_assert_eq!(slugify(&slug), slug.clone(), "a slug is stable");
    });
}

/// Found by `search_words_ignore_case_and_accents` before brackets were left out: the rule
/// that drops a feminine mark in brackets (« boulanger(ère) ») counted the mark's length in
/// bytes, not characters, so an accent decided whether it was dropped; then characters
/// before folding, so « Œ » (one letter, « oe » once folded) did (CI, « a(aaaaaaŒa) »).
#[test]
fn search_words_ignore_accents_in_brackets() {
    assert_eq!(index::mots("a(àaaaàà)"), index::mots("a(aaaaaa)"));
    assert_eq!(index::mots("a(aaaaaaŒa)"), index::mots("a(aaaaaaOEa)"));
    proptest!(config(), |(s in nom_de_lieu())| {
        prop_assert_eq!(index::mots(&sans_accents(&s)), index::mots(&s));
    });
}

// ------------------------------------------------------------------------------------
// The search index of the demo catalogue

/// Every string and every object key of a JSON value.
fn strings_and_keys(v: &Value, strings: &mut BTreeSet<String>, keys: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            strings.insert(s.clone());
        }
        Value::Array(items) => items
            .iter()
            .for_each(|i| strings_and_keys(i, strings, keys)),
        Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                strings_and_keys(v, strings, keys);
            }
        }
        _ => {}
    }
}

/// The round trip, written against what any layout of `src/index.rs` must keep (the
/// layout changes; these do not): every file is JSON and is named by the hash of its
/// bytes; the manifest names every file and only existing ones; every track and place of
/// the catalogue is named in the files (its slug, or the slug without its centre's
/// `slug-` prefix, or `!slug`), with its title; and every word of every title is a key
/// of the text index.
#[test]
fn index_files_parse_and_name_existing_tracks_and_places() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let refdata = cispgen::refdata::RefData::load();
    let loaded = cispgen::load::load(&root).expect("load the demo catalogue");
    let catalogue = cispgen::resolve::resolve(&loaded.centres, refdata, today);
    let indexes = index::build(&catalogue);

    let manifest_path = format!("{}/manifeste.json", index::DOSSIER);
    let mut strings = BTreeSet::new();
    let mut keys = BTreeSet::new();
    let mut named_files = BTreeSet::new();
    for f in &indexes.files {
        if !f.path.ends_with(".json") {
            continue;
        }
        let v: Value = serde_json::from_slice(&f.bytes)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", f.path));
        if f.path == manifest_path {
            assert_eq!(
                v, indexes.manifest,
                "the published manifest is the embedded one"
            );
        } else if f.path.contains("/p-") {
            // Parts share one hash too (`pv`, tests/index.rs checks it), named by the
            // manifest as `pd` + name + `pv`.
            let hash = f.path.rsplit('.').nth(1).expect("hashed name");
            assert_eq!(Some(hash), indexes.manifest["pv"].as_str(), "{}", f.path);
            named_files.insert(format!("/{}", f.path));
        } else if f.path.contains("/q/") {
            // The « what » shards share one hash, of them all (tests/index.rs checks it).
            let hash = f.path.rsplit('.').nth(1).expect("hashed name");
            assert_eq!(Some(hash), indexes.manifest["qv"].as_str(), "{}", f.path);
        } else {
            let hash = f.path.rsplit('.').nth(1).expect("hashed name");
            assert_eq!(
                hash,
                cispgen::site::empreinte(&f.bytes),
                "{} is named by its hash",
                f.path
            );
            named_files.insert(format!("/{}", f.path));
        }
        strings_and_keys(&v, &mut strings, &mut keys);
    }
    let mut in_manifest = BTreeSet::new();
    strings_and_keys(&indexes.manifest, &mut in_manifest, &mut BTreeSet::new());
    let m = &indexes.manifest;
    let mut in_manifest: BTreeSet<String> = in_manifest
        .into_iter()
        .filter(|s| s.starts_with("/static/") && !s.ends_with("/q/") && !s.ends_with("/p-"))
        .collect();
    for p in m["parts"].as_array().expect("parts") {
        in_manifest.insert(format!(
            "{}{}.{}.json",
            m["pd"].as_str().expect("pd"),
            p[0].as_str().expect("name"),
            m["pv"].as_str().expect("pv")
        ));
    }
    assert_eq!(
        in_manifest, named_files,
        "the manifest names every index file, and only those"
    );

    let named = |slug: &str, prefix: &str| {
        strings.contains(slug)
            || strings.contains(&format!("!{slug}"))
            || slug
                .strip_prefix(&format!("{prefix}-"))
                .is_some_and(|short| strings.contains(short))
    };
    let mut problems = Vec::new();
    for f in &catalogue.filieres {
        let centre = &catalogue.centres[f.centre].slug;
        if !named(&f.slug, centre) {
            problems.push(format!("track {} is not in the index", f.slug));
        }
        let titre = &f.filiere.titre.value;
        // As the pages write it (« Aide-boulanger ou aide-boulangère »).
        let lisible = cispgen::site::format::titre_lisible(titre);
        if !strings.contains(lisible.as_str()) {
            problems.push(format!(
                "the title « {titre} » of {} is not in the index",
                f.slug
            ));
        }
        for w in index::mots(titre) {
            if !keys.contains(&w) {
                problems.push(format!(
                    "the word {w:?} of « {titre} » is not in the text index"
                ));
            }
        }
    }
    for l in &catalogue.lieux {
        if !named(&l.slug, &catalogue.centres[l.centre].slug) {
            problems.push(format!("place {} is not in the index", l.slug));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems: {:?}",
        problems.len(),
        &problems[..problems.len().min(20)]
    );
}
