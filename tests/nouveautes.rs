//! « Nouveautés » is a history (issue 17): three publications of a copy of the demo site
//! into the same output folder, a few days apart.
//!
//! 1. the first says « Première publication du catalogue » (no previous output);
//! 2. the second, after a track's title changed in the data, lists the title change and
//!    still lists the first publication (carried forward, not said again);
//! 3. the third changes nothing: the page, the feed and `donnees/nouveautes.json` are the
//!    same bytes as the second's.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cispgen::pipeline::{self, BuildOptions};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(root: &Path, out: &Path, today: &str) -> pipeline::Built {
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").expect("date");
    pipeline::build_site(&BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        today,
        precompress: false,
        // Default: the previous output in `out`.
        previous: None,
    })
    .unwrap_or_else(|e| panic!("build of {today}: {e}"))
}

/// The three files of « Nouveautés ».
fn nouveautes(out: &Path) -> [Vec<u8>; 3] {
    [
        "nouveautes/index.html",
        "nouveautes/atom.xml",
        "donnees/nouveautes.json",
    ]
    .map(|f| std::fs::read(out.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What the Atom feed must have (RFC 4287 §4.1): a feed id, title and updated; each entry
/// one id (unique), one title, one updated, an alternate link.
fn check_atom(feed: &str) {
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(feed.ends_with("</feed>\n"));
    let (tete, _) = feed.split_once("<entry>").unwrap_or((feed, ""));
    for tag in ["<id>", "<title>", "<updated>", "<author>"] {
        assert_eq!(tete.matches(tag).count(), 1, "feed {tag}");
    }
    let mut ids = BTreeSet::new();
    for entry in feed.split("<entry>").skip(1) {
        let entry = entry.split("</entry>").next().unwrap_or_default();
        for tag in ["<id>", "<title>", "<updated>", "<link rel=\"alternate\""] {
            assert_eq!(entry.matches(tag).count(), 1, "{tag} in {entry}");
        }
        let id = entry
            .split("<id>")
            .nth(1)
            .and_then(|s| s.split("</id>").next())
            .unwrap_or_default();
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let updated = entry
            .split("<updated>")
            .nth(1)
            .and_then(|s| s.split("</updated>").next())
            .unwrap_or_default();
        assert!(
            chrono::DateTime::parse_from_rfc3339(updated).is_ok(),
            "updated {updated}"
        );
    }
    assert!(!ids.is_empty(), "the feed has entries");
}

#[test]
fn nouveautes_is_a_history_carried_from_one_publication_to_the_next() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("racine");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
    for sub in ["data/centres", "content", "themes"] {
        common::copy_tree(&repo().join(sub), &root.join(sub));
    }
    let out = dir.path().join("public");

    // 1. The first publication.
    build(&root, &out, "2026-11-20");
    let [page, feed, json] = nouveautes(&out);
    let page1 = text(&page);
    assert_eq!(
        page1.matches("Première publication du catalogue").count(),
        1,
        "{page1}"
    );
    check_atom(&text(&feed));
    assert!(text(&json).contains("\"type\": \"premiere_publication\""));

    // 2. A title changed.
    let fichier = root.join("data/centres/aid/l-aiguille-de-tournai.yaml");
    let yaml = std::fs::read_to_string(&fichier).expect("read");
    assert!(yaml.contains("titre: Couture et retouches\n"));
    std::fs::write(
        &fichier,
        yaml.replace(
            "titre: Couture et retouches\n",
            "titre: Couture, retouches & repassage\n",
        ),
    )
    .expect("write");
    build(&root, &out, "2026-11-23");
    let [page, feed, json] = nouveautes(&out);
    let page2 = text(&page);
    let parsed = common::parse_html(&page2).text;
    assert!(
        parsed.contains(
            "Titre changé : « Couture et retouches » devient « Couture, retouches & repassage »"
        ),
        "{parsed}"
    );
    assert!(
        page2.contains("href=\"/formations/"),
        "the track still exists: linked"
    );
    assert_eq!(
        parsed.matches("Première publication du catalogue").count(),
        1,
        "the first publication is carried forward, once: {parsed}"
    );
    let (nouveau, ancien) = (
        parsed.find("Publication du 23 novembre 2026"),
        parsed.find("Publication du 20 novembre 2026"),
    );
    assert!(
        nouveau.is_some() && nouveau < ancien,
        "newest first: {parsed}"
    );
    let feed2 = text(&feed);
    check_atom(&feed2);
    assert!(feed2.contains("<updated>2026-11-23T00:00:00Z</updated>"));
    assert!(feed2.contains("-premiere-publication</id>"));
    let json2: serde_json::Value = serde_json::from_slice(&json).expect("json");
    let entrees = json2["entrees"].as_array().expect("entrees");
    assert!(entrees.iter().any(|e| e["type"] == "titre_change"
        && e["ancien_titre"] == "Couture et retouches"
        && e["filiere"] == "l-aiguille-de-tournai-couture-retouches"));

    // 3. Nothing changed: the same bytes, although the build date moved on.
    build(&root, &out, "2026-11-26");
    let troisieme = nouveautes(&out);
    assert_eq!(text(&troisieme[0]), page2, "the page");
    assert_eq!(text(&troisieme[1]), feed2, "the feed");
    assert_eq!(troisieme[2], json, "nouveautes.json");
}
