//! `cispgen report` for coordinators (issue 17, item 10), run as a coordinator runs it: the
//! built binary, the current folder being the data repository (a copy of the demo site),
//! default flags, the date from `SOURCE_DATE_EPOCH`.
//!
//! 1. a stale track and a past session in one centre, a place without coordinates and a
//!    placeholder of `cispgen new` in another: each is listed under its centre, with its
//!    file:line and what to write;
//! 2. `--previous` after a title changed: the change is listed under its centre.

mod common;

use std::path::Path;

const AIGUILLE: &str = "data/centres/aid/l-aiguille-de-tournai.yaml";

/// `cispgen ARGS` in `root`, on [`common::DEMO_TODAY`]: (exit code, stdout, stderr).
fn cispgen(root: &Path, args: &[&str]) -> (i32, String, String) {
    let today = chrono::NaiveDate::parse_from_str(common::DEMO_TODAY, "%Y-%m-%d").expect("date");
    let epoch = today
        .and_hms_opt(12, 0, 0)
        .expect("noon")
        .and_utc()
        .timestamp();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cispgen"))
        .args(args)
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .output()
        .expect("run cispgen");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Replaces `avant` (once, it must be there) in the file `rel` of `root`; returns the text.
fn edit(root: &Path, rel: &str, avant: &str, apres: &str) -> String {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(avant), "{avant} not in {rel}");
    let text = text.replacen(avant, apres, 1);
    std::fs::write(&path, &text).expect("write");
    text
}

/// The 1-based line of `motif` in `text`.
fn line_of(text: &str, motif: &str) -> usize {
    text.lines().position(|l| l.contains(motif)).expect(motif) + 1
}

/// The section of the text report about the centre `id` (up to the next blank line).
fn section<'a>(report: &'a str, id: &str) -> &'a str {
    report
        .split("\n\n")
        .find(|s| {
            s.lines()
                .next()
                .is_some_and(|l| l.contains(&format!("({id}) —")))
        })
        .unwrap_or_else(|| panic!("no section for {id} in\n{report}"))
}

#[test]
fn each_thing_to_do_is_listed_under_its_centre_with_its_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("donnees");
    common::copy_demo_inputs(&root);
    // Centre 1: a track reviewed long ago, a session gone by.
    edit(
        &root,
        AIGUILLE,
        "mis_a_jour: 2026-08-14",
        "mis_a_jour: 2025-06-30",
    );
    let aiguille = edit(
        &root,
        AIGUILLE,
        "        lieu: l-aiguille-de-tournai-warchin\n    public:",
        "        lieu: l-aiguille-de-tournai-warchin\n      - date: 2026-10-06\n        heure: \"14:00\"\n    public:",
    );
    // Centre 2: a place without coordinates, the phone number of the skeleton.
    let autre = "data/centres/caips/la-boutique-de-namur.yaml";
    let texte = std::fs::read_to_string(root.join(autre)).expect("read");
    let telephone = texte
        .lines()
        .find(|l| l.starts_with("telephone:"))
        .expect("a phone")
        .to_string();
    edit(&root, autre, &telephone, "telephone: 081 00 00 00");
    let debut = texte.find("    coordonnees:\n").expect("coordinates");
    let fin = debut + texte[debut..].find("    acces:").expect("access after");
    let coordonnees = texte[debut..fin].to_string();
    let cle = edit(&root, autre, &coordonnees, "");

    let (code, report, stderr) = cispgen(&root, &["report", "--par-centre"]);
    assert_eq!(code, 0, "{stderr}");
    let s = section(&report, "l-aiguille-de-tournai");
    for (motif, quoi) in [
        (
            "mis_a_jour: 2025-06-30",
            "revues pour la dernière fois le 2025-06-30",
        ),
        (
            "- date: 2026-10-06",
            "la séance d'information du 2026-10-06 est passée",
        ),
    ] {
        let at = format!("{AIGUILLE}:{}:", line_of(&aiguille, motif));
        let item = s
            .lines()
            .find(|l| l.contains(&at))
            .unwrap_or_else(|| panic!("{at} not in\n{s}"));
        assert!(item.contains(quoi), "{item}");
    }
    assert!(
        s.contains("→ retirez cette séance de « seances_info: »"),
        "{s}"
    );
    let s = section(&report, "la-boutique-de-namur");
    let lieu = texte[..debut]
        .lines()
        .rev()
        .find(|l| l.contains("- id:"))
        .expect("place");
    let at = format!("{autre}:{}:", line_of(&cle, lieu));
    assert!(
        s.contains(&format!("{at}9 : lieu « ")) && s.contains("pas de coordonnées GPS"),
        "{at} in\n{s}"
    );
    assert!(s.contains("→ ajoutez sous ce lieu « coordonnees: » avec « lat: » et « lon: »"));
    let at = format!(
        "{autre}:{}:12 : « 081 00 00 00 » est la valeur d'exemple",
        line_of(&cle, "telephone:")
    );
    assert!(s.contains(&at), "{at} in\n{s}");
    assert!(
        s.contains("→ remplacez « telephone: » par la vraie valeur"),
        "{s}"
    );
    // Nothing of one centre under the other.
    assert!(!section(&report, "l-aiguille-de-tournai").contains(autre));
    assert!(!section(&report, "la-boutique-de-namur").contains(AIGUILLE));

    // One centre, as JSON: the same entries, with file and line.
    let (code, json, stderr) = cispgen(
        &root,
        &[
            "report",
            "--centre",
            "la-boutique-de-namur",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let centres = json["centres"].as_array().expect("centres");
    assert_eq!(centres.len(), 1);
    let genres: Vec<(&str, &str, u64)> = centres[0]["a_faire"]
        .as_array()
        .expect("a_faire")
        .iter()
        .map(|a| {
            (
                a["genre"].as_str().unwrap_or_default(),
                a["fichier"].as_str().unwrap_or_default(),
                a["ligne"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        genres.contains(&("exemple", autre, line_of(&cle, "telephone:") as u64)),
        "{genres:?}"
    );
    assert!(
        genres.contains(&("lieu_approximatif", autre, line_of(&cle, lieu) as u64)),
        "{genres:?}"
    );

    // The federation table counts the same entries.
    let (_, table, _) = cispgen(&root, &["report"]);
    let aid = table
        .lines()
        .find(|l| l.starts_with("AID"))
        .expect("AID row");
    let cells: Vec<&str> = aid.split_whitespace().collect();
    assert_eq!(cells[5], "1", "one past session: {aid}");

    // A centre that is not there: a message, exit code 2.
    let (code, _, stderr) = cispgen(&root, &["report", "--centre", "la-boutique-de-namr"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("vouliez-vous dire --centre la-boutique-de-namur ?"),
        "{stderr}"
    );
}

#[test]
fn previous_lists_what_changed_under_its_centre() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("donnees");
    common::copy_demo_inputs(&root);
    let today = chrono::NaiveDate::parse_from_str(common::DEMO_TODAY, "%Y-%m-%d").expect("date");
    cispgen::pipeline::build_site(&cispgen::pipeline::BuildOptions {
        root: root.clone(),
        out: root.join("public"),
        base_url: None,
        today,
        precompress: false,
        previous: None,
    })
    .unwrap_or_else(|e| panic!("build: {e}"));
    let aiguille = edit(
        &root,
        AIGUILLE,
        "titre: Couture et retouches\n",
        "titre: Couture, retouches & repassage\n",
    );

    let (code, report, stderr) = cispgen(&root, &["report", "--previous", "public"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(report.starts_with(
        "Rapport par centre au 2026-11-23, comparé à la publication de public/donnees/catalogue.json\n"
    ), "{report}");
    let s = section(&report, "l-aiguille-de-tournai");
    let ligne = line_of(&aiguille, "- id: l-aiguille-de-tournai-couture-retouches");
    let attendu = format!(
        "  Changements depuis la dernière publication (1) :\n  - {AIGUILLE}:{ligne} : \
         Titre changé : « Couture et retouches » devient « Couture, retouches & repassage »"
    );
    assert!(s.contains(&attendu), "{attendu}\nnot in\n{s}");
    assert_eq!(report.matches("Titre changé").count(), 1, "{report}");

    // The downloaded catalogue gives the same report as the site folder.
    let (code, par_fichier, stderr) = cispgen(
        &root,
        &["report", "--previous", "public/donnees/catalogue.json"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(par_fichier, report);

    // A previous publication that is not there: a message, exit code 2.
    let (code, _, stderr) = cispgen(&root, &["report", "--previous", "ancien"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--previous attend le dossier du site publié"),
        "{stderr}"
    );
}
