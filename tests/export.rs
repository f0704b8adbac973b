//! The open data of `/donnees/` and `cispgen export`, checked from the outside: the demo
//! site is built once through the library (`tests/common`, `--today 2026-11-23`), then
//!
//! - `lieux.geojson` is checked against the rules of RFC 7946 (written out below);
//! - `filieres.csv` is read back with the `csv` crate: BOM, `;`, every track × place once;
//! - `seances.ics` is parsed with the `icalendar` crate: one event per upcoming session;
//! - `catalogue.json` validates against `catalogue.schema.json` with the `jsonschema` crate,
//!   and its references (centre, places of a track, place of a session) resolve;
//! - `cispgen export` gives the same bytes as the site's files, filtered;
//! - the advisers' pages exist: a fiche with its QR code per track, coverage pages,
//!   ROME pages, bassin pages under 30 KB; no inline style or script.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

const TODAY: &str = "2026-11-23";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cispgen"))
}

/// The demo site, built once for every test of this file (`tests/common`).
fn site() -> &'static Path {
    &common::demo().out
}

fn read(path: &str) -> Vec<u8> {
    let p = site().join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read_text(path: &str) -> String {
    String::from_utf8(read(path)).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

fn catalogue() -> &'static Value {
    static CATALOGUE: OnceLock<Value> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        serde_json::from_str(&read_text("donnees/catalogue.json")).expect("catalogue.json is JSON")
    })
}

fn array<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("« {key} » is not an array"))
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("« {key} » is not a string in {v}"))
}

// ---------------------------------------------------------------------------------------
// GeoJSON: RFC 7946
// ---------------------------------------------------------------------------------------

/// Decimal places of a number as serialised (shortest round-trip form).
fn decimales(x: f64) -> usize {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

/// RFC 7946 §3.1: a geometry object; the coordinates of its type; positions are
/// [longitude, latitude(, altitude)] in WGS84 (§3.1.1, §4).
fn check_geometry(g: &Value, where_: &str, errors: &mut Vec<String>) {
    let Some(obj) = g.as_object() else {
        errors.push(format!(
            "{where_}: geometry is not an object (null is allowed by the RFC, not by this file)"
        ));
        return;
    };
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or("");
    let position = |p: &Value, errors: &mut Vec<String>| {
        let Some(a) = p.as_array() else {
            errors.push(format!("{where_}: a position is not an array"));
            return;
        };
        if !(2..=3).contains(&a.len())
            || a.iter().any(|x| !x.is_f64() && !x.is_i64() && !x.is_u64())
        {
            errors.push(format!("{where_}: a position must be 2 or 3 numbers: {p}"));
            return;
        }
        let (lon, lat) = (
            a[0].as_f64().unwrap_or(f64::NAN),
            a[1].as_f64().unwrap_or(f64::NAN),
        );
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            errors.push(format!("{where_}: position out of range: {p}"));
        }
        // Order: in Wallonia a longitude is 2.8–6.5 and a latitude 49.4–50.9, so swapped
        // coordinates cannot pass.
        if !(2.5..=6.6).contains(&lon) || !(49.3..=51.0).contains(&lat) {
            errors.push(format!(
                "{where_}: [{lon}, {lat}] is not [longitude, latitude] in Wallonia"
            ));
        }
        // §11.2: 6 decimal places (about 10 cm) are enough.
        if decimales(lon) > 6 || decimales(lat) > 6 {
            errors.push(format!("{where_}: more than 6 decimals: {p}"));
        }
    };
    match kind {
        "Point" => position(&obj["coordinates"], errors),
        "MultiPoint" | "LineString" => {
            for p in obj["coordinates"].as_array().into_iter().flatten() {
                position(p, errors);
            }
        }
        "Polygon" | "MultiLineString" | "MultiPolygon" | "GeometryCollection" => {
            errors.push(format!("{where_}: a place must be a Point, not a {kind}"));
        }
        other => errors.push(format!(
            "{where_}: « {other} » is not a GeoJSON geometry type"
        )),
    }
    if obj.contains_key("crs") {
        errors.push(format!("{where_}: « crs » is not part of RFC 7946"));
    }
}

#[test]
fn geojson_follows_rfc_7946() {
    let text = read_text("donnees/lieux.geojson");
    let v: Value = serde_json::from_str(&text).expect("lieux.geojson is JSON");
    let mut errors = Vec::new();
    // §3.3: a FeatureCollection with a « features » array; §4: no « crs » member.
    assert_eq!(v["type"], "FeatureCollection");
    assert!(
        v.get("crs").is_none(),
        "the FeatureCollection has a « crs » member"
    );
    assert!(!text.contains("\"crs\""), "a « crs » member somewhere");
    let features = array(&v, "features");
    for (i, f) in features.iter().enumerate() {
        let where_ = format!("features[{i}]");
        // §3.2: a Feature has « type », « geometry » and « properties » (object or null);
        // an « id » is a string or a number.
        if f["type"] != "Feature" {
            errors.push(format!("{where_}: type is {}", f["type"]));
        }
        match f.get("id") {
            None => errors.push(format!("{where_}: no id")),
            Some(id) if !id.is_string() && !id.is_number() => {
                errors.push(format!("{where_}: id {id}"))
            }
            _ => {}
        }
        if !f["properties"].is_object() {
            errors.push(format!("{where_}: properties is not an object"));
        }
        if f.get("geometry").is_none() {
            errors.push(format!("{where_}: no geometry member"));
        }
        check_geometry(&f["geometry"], &where_, &mut errors);
        if let Some(bbox) = f.get("bbox") {
            errors.push(format!("{where_}: unexpected bbox {bbox}"));
        }
    }
    assert!(
        errors.is_empty(),
        "{} problem(s):\n{}",
        errors.len(),
        errors.join("\n")
    );

    // One point per place of the catalogue, same ids, same coordinates.
    let lieux = array(catalogue(), "lieux");
    assert_eq!(features.len(), lieux.len());
    let points: BTreeMap<&str, (f64, f64)> = features
        .iter()
        .map(|f| {
            let c = &f["geometry"]["coordinates"];
            (
                str_of(f, "id"),
                (c[0].as_f64().unwrap_or(0.0), c[1].as_f64().unwrap_or(0.0)),
            )
        })
        .collect();
    for l in lieux {
        let id = str_of(l, "id");
        let (lon, lat) = points
            .get(id)
            .copied()
            .unwrap_or_else(|| panic!("place {id} is not in the GeoJSON"));
        assert_eq!(
            (lon, lat),
            (
                l["lon"].as_f64().unwrap_or(0.0),
                l["lat"].as_f64().unwrap_or(0.0)
            ),
            "{id}"
        );
    }
    // The properties the data page documents.
    let props = features[0]["properties"].as_object().expect("object");
    for key in [
        "id", "nom", "centre", "commune", "nis", "bassin", "filieres", "url",
    ] {
        assert!(props.contains_key(key), "property {key} missing");
    }
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    assert!(bytes.starts_with(BOM), "no UTF-8 byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(&bytes[BOM.len()..]);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed CSV row with as many fields as the header");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_round_trip_every_track_and_place() {
    let bytes = read("donnees/filieres.csv");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let first_line = text.lines().next().unwrap_or("");
    assert!(
        first_line.contains(';') && !first_line.contains(','),
        "the header is separated by « ; »: {first_line}"
    );
    let (header, rows) = read_csv(&bytes);
    for col in [
        "filiere_id",
        "filiere",
        "lieu_id",
        "commune",
        "bassin_id",
        "latitude",
        "longitude",
        "url",
        "fiche",
    ] {
        assert!(
            header.iter().any(|h| h == col),
            "column {col} missing from {header:?}"
        );
    }

    // Every track × place of catalogue.json exactly once, and nothing else.
    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    for f in array(catalogue(), "filieres") {
        for l in array(f, "lieux") {
            expected.insert((
                str_of(f, "id").to_string(),
                l.as_str().unwrap_or("").to_string(),
            ));
        }
    }
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for r in &rows {
        let key = (r["filiere_id"].clone(), r["lieu_id"].clone());
        assert!(seen.insert(key.clone()), "row {key:?} twice");
    }
    assert_eq!(rows.len(), expected.len());
    assert_eq!(seen, expected);

    // Values survive the trip: titles, places, and Belgian decimal commas.
    let titres: BTreeMap<&str, &str> = array(catalogue(), "filieres")
        .iter()
        .map(|f| (str_of(f, "id"), str_of(f, "titre")))
        .collect();
    let lieux: BTreeMap<&str, &Value> = array(catalogue(), "lieux")
        .iter()
        .map(|l| (str_of(l, "id"), l))
        .collect();
    for r in &rows {
        let titre = titres[r["filiere_id"].as_str()];
        assert!(
            r["filiere"] == titre || r["filiere"] == format!("'{titre}"),
            "{} vs {titre}",
            r["filiere"]
        );
        let l = lieux[r["lieu_id"].as_str()];
        assert_eq!(r["commune"], str_of(&l["commune"], "nom"));
        let lat: f64 = r["latitude"].replace(',', ".").parse().expect("latitude");
        assert!(
            !r["latitude"].contains('.'),
            "decimal comma expected: {}",
            r["latitude"]
        );
        assert!((lat - l["lat"].as_f64().unwrap_or(0.0)).abs() < 1e-9);
    }
    // Accents are intact (UTF-8, not Latin-1).
    assert!(
        rows.iter()
            .any(|r| r["filiere"].chars().any(|c| "éèàçô".contains(c)))
    );
}

#[test]
fn one_csv_per_bassin_with_its_rows_only() {
    let (_, all) = read_csv(&read("donnees/filieres.csv"));
    let dir = site().join("donnees/bassins");
    let mut total = 0;
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("donnees/bassins/") {
        let path = entry.expect("entry").path();
        let bassin = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let (_, rows) = read_csv(&std::fs::read(&path).expect("read"));
        assert!(!rows.is_empty(), "{bassin}.csv is empty");
        assert!(
            rows.iter().all(|r| r["bassin_id"] == bassin),
            "{bassin}.csv has rows of other bassins"
        );
        assert_eq!(
            rows.len(),
            all.iter().filter(|r| r["bassin_id"] == bassin).count(),
            "{bassin}"
        );
        total += rows.len();
        files += 1;
    }
    assert!(files >= 9, "{files} bassin files");
    assert_eq!(total, all.len(), "the bassin files together hold every row");
}

// ---------------------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------------------

#[test]
fn ics_parses_with_one_event_per_upcoming_session() {
    use icalendar::parser::{read_calendar, unfold};
    let text = read_text("donnees/seances.ics");
    // RFC 5545 §3.1: CRLF, lines of at most 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
        assert!(!line.contains('\n'), "bare LF");
    }
    let unfolded = unfold(&text);
    let calendar =
        read_calendar(&unfolded).unwrap_or_else(|e| panic!("seances.ics does not parse: {e}"));
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert!(
        calendar.components.iter().any(|c| c.name == "VTIMEZONE"),
        "no VTIMEZONE"
    );
    let sessions: usize = array(catalogue(), "filieres")
        .iter()
        .map(|f| array(f, "seances").len())
        .sum();
    assert!(sessions > 100, "{sessions} sessions in the demo");
    assert_eq!(events.len(), sessions, "one VEVENT per upcoming session");
    let mut uids = BTreeSet::new();
    for e in &events {
        let prop = |name: &str| {
            e.properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.val.to_string())
        };
        let uid = prop("UID").expect("UID");
        assert!(uids.insert(uid.clone()), "UID {uid} twice");
        for name in ["DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"] {
            assert!(prop(name).is_some(), "{uid}: no {name}");
        }
        let start = prop("DTSTART").unwrap_or_default();
        assert!(
            start.as_str() >= "20261123T000000",
            "{uid}: past session {start}"
        );
        let tz = e
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .and_then(|p| p.params.iter().find(|q| q.key == "TZID"))
            .and_then(|q| q.val.as_ref())
            .map(|v| v.to_string());
        assert_eq!(tz.as_deref(), Some("Europe/Brussels"), "{uid}");
    }
}

// ---------------------------------------------------------------------------------------
// catalogue.json and its schema
// ---------------------------------------------------------------------------------------

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&read_text("donnees/catalogue.schema.json")).expect("schema is JSON");
    assert_eq!(
        schema["$id"],
        "https://cisp.be/donnees/catalogue.schema.json"
    );
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("the schema itself is invalid: {e}"))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .take(20)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn catalogue_json_validates_against_its_schema() {
    let v = validator();
    let errs = errors(&v, catalogue());
    assert!(
        errs.is_empty(),
        "catalogue.json does not match its schema:\n{}",
        errs.join("\n")
    );

    // The schema says something: a broken record is refused.
    let mut broken = catalogue().clone();
    if let Some(f) = broken["filieres"][0].as_object_mut() {
        f.remove("titre");
        f.insert("categorie".into(), Value::from("cuisine"));
    }
    if let Some(l) = broken["lieux"][0].as_object_mut() {
        l.insert("lat".into(), Value::from("50,5"));
        l.insert("inconnu".into(), Value::from(1));
    }
    assert!(errors(&v, &broken).len() >= 4, "{:?}", errors(&v, &broken));
}

#[test]
fn catalogue_json_is_complete_sorted_and_linked() {
    let c = catalogue();
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["licence"], "CC-BY-4.0");
    assert_eq!(c["version"], 1);
    let ids = |key: &str| -> Vec<&str> { array(c, key).iter().map(|x| str_of(x, "id")).collect() };
    for key in ["centres", "lieux", "filieres"] {
        let v = ids(key);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(v, sorted, "{key} are not sorted by unique id");
    }
    assert_eq!(array(c, "filieres").len(), 467, "every demo track");
    assert_eq!(array(c, "centres").len(), 150);
    let centres: BTreeSet<&str> = ids("centres").into_iter().collect();
    let lieux: BTreeSet<&str> = ids("lieux").into_iter().collect();
    let mut used_places = BTreeSet::new();
    for f in array(c, "filieres") {
        let id = str_of(f, "id");
        assert!(
            centres.contains(str_of(f, "centre")),
            "{id}: unknown centre"
        );
        assert!(!array(f, "lieux").is_empty(), "{id}: no place");
        for l in array(f, "lieux") {
            let l = l.as_str().unwrap_or("");
            assert!(lieux.contains(l), "{id}: unknown place {l}");
            used_places.insert(l);
        }
        let mut previous = String::new();
        for s in array(f, "seances") {
            let when = format!("{} {}", str_of(s, "date"), str_of(s, "heure"));
            assert!(when >= previous, "{id}: sessions not in order");
            assert!(str_of(s, "date") >= TODAY, "{id}: past session");
            previous = when;
            if let Some(l) = s["lieu"].as_str() {
                assert!(lieux.contains(l), "{id}: session at unknown place {l}");
            }
        }
        assert!(str_of(f, "url").starts_with("https://cisp.be/formations/"));
    }
    assert_eq!(
        used_places, lieux,
        "every place has a track, every track's place is listed"
    );
    // The « Nouveautés » diff reads tracks at the top level with their centre's id.
    assert!(
        array(c, "centres")
            .iter()
            .all(|x| x.get("filieres").is_none())
    );
}

// ---------------------------------------------------------------------------------------
// cispgen export
// ---------------------------------------------------------------------------------------

fn export(args: &[&str]) -> std::process::Output {
    bin()
        .arg("export")
        .args(["--today", TODAY, "--root"])
        .arg(repo())
        .args(args)
        .output()
        .expect("run cispgen export")
}

#[test]
fn export_gives_the_site_files_filtered() {
    site();
    // No filter: the very bytes of the site's files.
    let out = export(&["--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, read("donnees/filieres.csv"));
    let out = export(&["--format", "json"]);
    assert!(out.status.success());
    assert_eq!(out.stdout, read("donnees/catalogue.json"));

    // By bassin: the bassin's own file.
    let out = export(&["--bassin", "liege", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, read("donnees/bassins/liege.csv"));

    // By job code, in JSON: valid, and only tracks aiming at the code.
    let out = export(&["--rome", "D1102", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let errs = errors(&validator(), &json);
    assert!(errs.is_empty(), "{}", errs.join("\n"));
    let filieres = array(&json, "filieres");
    assert!(!filieres.is_empty(), "no D1102 track in the demo");
    for f in filieres {
        assert!(
            array(f, "rome").iter().any(|r| r["code"] == "D1102"),
            "{}",
            f["id"]
        );
    }
    let expected = array(catalogue(), "filieres")
        .iter()
        .filter(|f| array(f, "rome").iter().any(|r| r["code"] == "D1102"))
        .count();
    assert_eq!(filieres.len(), expected);
    let lieux: BTreeSet<&str> = array(&json, "lieux")
        .iter()
        .map(|l| str_of(l, "id"))
        .collect();
    for f in filieres {
        for l in array(f, "lieux") {
            assert!(lieux.contains(l.as_str().unwrap_or("")));
        }
    }

    // Both filters, and a domain instead of a code.
    let out = export(&["--bassin", "namur", "--rome", "d11", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, rows) = read_csv(&out.stdout);
    assert!(
        rows.iter()
            .all(|r| r["bassin_id"] == "namur" && r["codes_rome"].contains("D11"))
    );

    // Unknown bassin or code: exit code 2 and a message naming what exists.
    let out = export(&["--bassin", "bruxelles-capitale", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hainaut-sud"));
    assert!(out.stdout.is_empty());
    let out = export(&["--rome", "Z9999", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// The advisers' pages
// ---------------------------------------------------------------------------------------

fn html_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// No `style` attribute, no inline script (a strict CSP forbids both).
fn assert_csp_clean(path: &Path) {
    let html = std::fs::read_to_string(path).expect("read");
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains(" style="),
        "{}: style attribute",
        path.display()
    );
    for (i, _) in lower.match_indices("<script") {
        let tag = &lower[i..i + lower[i..].find('>').unwrap_or(0)];
        assert!(
            tag.contains(" src=") || tag.contains("application/ld+json"),
            "{}: inline script {tag}",
            path.display()
        );
    }
    assert!(
        !lower.contains(" onclick="),
        "{}: event handler attribute",
        path.display()
    );
}

#[test]
fn every_track_has_a_printable_fiche_with_a_qr_code() {
    let formations = site().join("formations");
    let mut n = 0;
    for f in array(catalogue(), "filieres") {
        let url = str_of(f, "fiche");
        let rel = url.trim_start_matches("https://cisp.be/");
        let path = site().join(rel).join("index.html");
        let html =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            html.contains("class=qr") || html.contains("class=\"qr\""),
            "{rel}: no QR code"
        );
        assert!(html.contains("valable au"), "{rel}: no « valable au »");
        assert!(html.len() <= 30 * 1024, "{rel}: {} bytes", html.len());
        assert!(html.contains("mailto:?subject="), "{rel}: no e-mail link");
        assert!(
            html.contains("sms:?&amp;body=") || html.contains("sms:?&body="),
            "{rel}: no SMS link"
        );
        assert!(
            html.contains(&str_of(f, "url").replace('/', "&#x2F;"))
                || html.contains(str_of(f, "url")),
            "{rel}: no link to the track"
        );
        n += 1;
    }
    assert_eq!(n, 467);
    for p in html_files_under(&formations)
        .iter()
        .filter(|p| p.to_string_lossy().contains("/fiche/"))
        .take(50)
    {
        assert_csp_clean(p);
    }
}

#[test]
fn coverage_rome_and_bassin_pages() {
    let s = site();
    // Coverage: an index, the three categories, one page per ROME domain with tracks.
    assert!(s.join("couverture/index.html").is_file());
    for c in [
        "orientation",
        "formation-de-base",
        "formation-professionnalisante",
    ] {
        assert!(
            s.join("couverture").join(c).join("index.html").is_file(),
            "coverage of {c}"
        );
    }
    let domaines: BTreeSet<String> = array(catalogue(), "filieres")
        .iter()
        .flat_map(|f| {
            array(f, "rome")
                .iter()
                .map(|r| str_of(r, "domaine").to_ascii_lowercase())
        })
        .collect();
    assert!(!domaines.is_empty());
    for d in &domaines {
        let dir = s.join("couverture").join(format!("rome-{d}"));
        let html = std::fs::read_to_string(dir.join("index.html"))
            .unwrap_or_else(|e| panic!("coverage of {d}: {e}"));
        let svg = std::fs::read_dir(&dir)
            .expect("dir")
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".svg"))
            .unwrap_or_else(|| panic!("no map for {d}"));
        assert!(
            html.contains(&*svg.file_name().to_string_lossy()),
            "{d}: the page does not show its map"
        );
    }
    // ROME pages: one per code with tracks.
    let codes: BTreeSet<String> = array(catalogue(), "filieres")
        .iter()
        .flat_map(|f| {
            array(f, "rome")
                .iter()
                .map(|r| str_of(r, "code").to_ascii_lowercase())
        })
        .collect();
    for code in &codes {
        let html = std::fs::read_to_string(s.join("metiers").join(code).join("index.html"))
            .unwrap_or_else(|e| panic!("ROME page {code}: {e}"));
        assert!(html.contains("Grand domaine"), "{code}: no main domain");
    }
    // Bassin, ROME, coverage and data pages: light enough for a phone.
    let pages = ["bassins", "metiers", "couverture", "donnees", "comparer"]
        .iter()
        .flat_map(|d| html_files_under(&s.join(d)));
    for p in pages {
        let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        assert!(size <= 30 * 1024, "{}: {size} bytes", p.display());
    }
    for page in [
        "couverture/index.html",
        "couverture/rome-d11/index.html",
        "comparer/index.html",
        "donnees/index.html",
        "metiers/index.html",
    ] {
        let p = s.join(page);
        if p.is_file() {
            assert_csp_clean(&p);
        }
    }
}

/// The open-data page gives each file's size as written (the sizes come from the files
/// the build handed to the writer, not from a second making of them).
#[test]
fn the_open_data_page_gives_the_size_of_each_file() {
    let html = read_text("donnees/index.html");
    let mut vus = 0;
    for morceau in html.split("<a href=\"/donnees/").skip(1) {
        let Some((chemin, reste)) = morceau.split_once('"') else {
            continue;
        };
        let Some(taille) = reste
            .split_once("</a> <span class=nb>(")
            .filter(|(lien, _)| !lien.contains('<'))
            .and_then(|(_, t)| t.split_once(')'))
            .map(|(t, _)| t)
        else {
            continue;
        };
        let octets = read(&format!("donnees/{chemin}")).len();
        assert_eq!(
            taille,
            cispgen::render::conseillers::taille(octets),
            "{chemin}: {octets} bytes"
        );
        vus += 1;
    }
    // The five files of the whole catalogue and at least one CSV per bassin.
    assert!(vus >= 10, "only {vus} sizes found on /donnees/");
}

/// `catalogue.json` is written record by record (src/opendata/catalogue.rs, `Ecrit`): the
/// same text as the whole catalogue of records serialised at once, and the file the
/// build wrote.
#[test]
fn catalogue_json_is_its_records_serialised() {
    use cispgen::opendata::{Filtre, catalogue as records, catalogue_json};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let checked = cispgen::pipeline::check_site(&repo(), today).expect("demo data");
    let refdata = cispgen::refdata::RefData::load();
    let cat = cispgen::resolve::resolve(&checked.centres, refdata, today);
    let base = "https://cisp.be";
    let ecrit = catalogue_json(&cat, base, &Filtre::tout());
    let entier = serde_json::to_string(&records(&cat, base, &Filtre::tout())).expect("json") + "\n";
    assert!(ecrit.len() > 100_000, "{} bytes", ecrit.len());
    assert!(
        ecrit == entier,
        "catalogue_json differs from the records serialised at once"
    );
    let v: Value = serde_json::from_str(&ecrit).expect("JSON");
    assert_eq!(
        array(&v, "filieres").len(),
        array(catalogue(), "filieres").len()
    );
}
