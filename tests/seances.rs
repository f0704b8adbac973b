//! Recurring information sessions on the demo catalogue (`data/centres/`, written by
//! `cispgen demo`): its tracks hold their sessions on a rhythm, so whatever the build
//! date every track has upcoming sessions, none past, none beyond the horizon, and
//! `check` says nothing about sessions; a built site shows the same dates on the track
//! page, in `catalogue.json` and in `seances.ics`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use cispgen::pipeline::{self, BuildOptions};
use cispgen::resolve::{self, HORIZON_JOURS};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn the_demo_never_ages() {
    // The tests' date, a summer day, the day after the demo's holiday exceptions, and
    // years later (a leap day).
    for today in ["2026-11-23", "2027-08-02", "2027-01-04", "2032-02-29"] {
        let today = date(today);
        let front = pipeline::front(&repo(), today, None).expect("the demo loads");
        let seances: Vec<String> = front
            .diagnostics
            .sorted()
            .iter()
            .filter(|d| d.message.contains("séance"))
            .map(|d| format!("{}:{} {}", d.span.line, d.span.col, d.message))
            .collect();
        assert!(seances.is_empty(), "{today}: {seances:#?}");
        assert!(!front.diagnostics.has_errors(), "{today}");
        let cat = resolve::resolve(&front.centres, front.refdata, today);
        assert!(cat.filieres.len() > 400);
        let fin = today + Days::new(HORIZON_JOURS);
        for f in &cat.filieres {
            assert!(!f.seances.is_empty(), "{today}: {} has no session", f.slug);
            assert!(
                f.seances
                    .iter()
                    .all(|s| s.date.0 >= today && s.date.0 <= fin && s.rythme.is_some()),
                "{today}: {}",
                f.slug
            );
            let jours: BTreeSet<_> = f.seances.iter().map(|s| (s.date, s.heure)).collect();
            assert_eq!(jours.len(), f.seances.len(), "{today}: {} twice", f.slug);
        }
    }
}

fn lire(dir: &Path, chemin: &str) -> String {
    std::fs::read_to_string(dir.join(chemin)).unwrap_or_else(|e| panic!("{chemin}: {e}"))
}

#[test]
fn pages_open_data_and_calendar_show_the_same_dates() {
    let today = date("2027-03-15");
    let out = tempfile::tempdir().expect("temp dir");
    pipeline::build_site(&BuildOptions {
        root: repo(),
        out: out.path().to_path_buf(),
        base_url: None,
        today,
        precompress: false,
        previous: None,
    })
    .unwrap_or_else(|e| panic!("build: {e}"));
    let catalogue: serde_json::Value =
        serde_json::from_str(&lire(out.path(), "donnees/catalogue.json")).expect("JSON");
    let ics = lire(out.path(), "donnees/seances.ics");
    let filieres = catalogue["filieres"].as_array().expect("filieres");
    let mut vues = 0;
    for f in filieres {
        let id = f["id"].as_str().unwrap_or_default();
        let seances = f["seances"].as_array().expect("seances");
        assert!(!seances.is_empty(), "{id}");
        let page = f["url"]
            .as_str()
            .and_then(|u| u.strip_prefix("https://cisp.be"))
            .map(|u| {
                lire(
                    out.path(),
                    &format!("{}index.html", u.trim_start_matches('/')),
                )
            })
            .expect("page");
        for s in seances {
            let (d, h) = (
                s["date"].as_str().unwrap_or_default(),
                s["heure"].as_str().unwrap_or_default(),
            );
            assert!(d >= "2027-03-15", "{id}: {d}");
            assert!(
                // Minified pages may leave attribute values unquoted.
                page.contains(&format!("datetime=\"{d}\""))
                    || page.contains(&format!("datetime={d}")),
                "{id}: {d} not on its page"
            );
            let debut = format!("{}T{}00", d.replace('-', ""), h.replace(':', ""));
            assert!(ics.contains(&debut), "{id}: {debut} not in seances.ics");
            vues += 1;
        }
        if let Some(r) = seances.first().and_then(|s| s["rythme"].as_str()) {
            assert!(page.contains(r), "{id}: « {r} » not on its page");
        }
    }
    assert_eq!(
        vues,
        ics.matches("BEGIN:VEVENT").count(),
        "one event per session"
    );
}
