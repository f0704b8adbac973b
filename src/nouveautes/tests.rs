//! The history from one publication to the next, through [`publier`].

use chrono::NaiveDate;

use super::essais::{filiere, instantane};
use super::*;

fn jour(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date")
}

/// What the next publication reads of `n`: its history file, and `apres` as its catalogue.
fn suivant(n: &Nouveautes, apres: &Instantane) -> Precedent {
    Precedent {
        catalogue: Some(apres.clone()),
        historique: Some(historique::lire(&n.json.bytes).expect("history")),
    }
}

fn genres(n: &Nouveautes) -> Vec<(String, Genre)> {
    n.entrees
        .iter()
        .map(|e| (e.date.clone(), e.genre))
        .collect()
}

#[test]
fn the_first_publication_is_said_once_and_carried_forward() {
    let config = Config::default();
    let v1 = instantane(vec![filiere("a", &[]), filiere("b", &[])]);
    let n1 = publier(&config, &v1, &Precedent::aucun(), jour("2026-11-20"));
    assert_eq!(
        genres(&n1),
        [("2026-11-20".to_string(), Genre::PremierePublication)]
    );
    assert!(
        n1.corps
            .contains("Première publication du catalogue : 2 formations")
    );

    let mut v2 = v1.clone();
    v2.filieres.insert("c".into(), filiere("c", &[]));
    let n2 = publier(&config, &v2, &suivant(&n1, &v1), jour("2026-11-23"));
    assert_eq!(
        genres(&n2),
        [
            ("2026-11-23".to_string(), Genre::NouvelleFiliere),
            ("2026-11-20".to_string(), Genre::PremierePublication)
        ]
    );
    assert_eq!(n2.corps.matches("Première publication").count(), 1);
    // Grouped by date, newest first.
    let (a, b) = (
        n2.corps.find("Publication du 23 novembre 2026"),
        n2.corps.find("Publication du 20 novembre 2026"),
    );
    assert!(a.is_some() && a < b, "{}", n2.corps);
}

#[test]
fn a_quiet_publication_publishes_the_same_bytes() {
    let config = Config::default();
    let v1 = instantane(vec![filiere("a", &[])]);
    let mut v2 = v1.clone();
    v2.filieres
        .insert("b".into(), filiere("b", &[("2026-12-01", "09:30")]));
    let n1 = publier(&config, &v1, &Precedent::aucun(), jour("2026-11-20"));
    let n2 = publier(&config, &v2, &suivant(&n1, &v1), jour("2026-11-21"));
    let n3 = publier(&config, &v2, &suivant(&n2, &v2), jour("2026-11-25"));
    assert_eq!(n2.entrees, n3.entrees);
    assert_eq!(n2.corps, n3.corps);
    assert_eq!(n2.atom.bytes, n3.atom.bytes);
    assert_eq!(n2.json.bytes, n3.json.bytes);
    let feed = String::from_utf8_lossy(&n3.atom.bytes).into_owned();
    assert_eq!(
        feed.matches("<updated>2026-11-21T00:00:00Z</updated>")
            .count(),
        3,
        "the feed and its two newest entries are dated from the change, not the build: {feed}"
    );
    // The same input and previous publication: the same bytes.
    let encore = publier(&config, &v2, &suivant(&n2, &v2), jour("2026-11-25"));
    assert_eq!(encore.atom.bytes, n3.atom.bytes);
}

#[test]
fn title_changes_are_listed_and_gone_tracks_are_not_linked() {
    let config = Config::default();
    let mut a = filiere("a", &[]);
    a.titre = "Cuisine & <salle>".into();
    let v1 = instantane(vec![a.clone(), filiere("b", &[])]);
    let n1 = publier(&config, &v1, &Precedent::aucun(), jour("2026-11-20"));
    let mut v2 = v1.clone();
    if let Some(f) = v2.filieres.get_mut("a") {
        f.titre = "Cuisine de collectivité".into();
    }
    v2.filieres.remove("b");
    let n2 = publier(&config, &v2, &suivant(&n1, &v1), jour("2026-11-23"));
    assert!(
        n2.corps.contains(
            "Titre changé : « Cuisine &amp; &lt;salle&gt; » devient « <a href=\"/formations/a/\">Cuisine de collectivité</a> »"
        ),
        "{}",
        n2.corps
    );
    assert!(n2.corps.contains("Formation fermée : B"));
    assert!(!n2.corps.contains("/formations/b/"), "b is gone: no link");
    let feed = String::from_utf8_lossy(&n2.atom.bytes).into_owned();
    assert!(feed.contains("Cuisine &amp; &lt;salle&gt;"));
    assert!(feed.contains("#2026-11-23-titre-a</id>"));
    let json = String::from_utf8_lossy(&n2.json.bytes).into_owned();
    assert!(json.contains("\"ancien_titre\": \"Cuisine & <salle>\""));
    assert!(!json.contains("/formations/b/"));
}

#[test]
fn an_older_previous_publication_starts_the_history_from_the_diff() {
    let config = Config::default();
    let v1 = instantane(vec![filiere("a", &[])]);
    let v2 = instantane(vec![filiere("a", &[]), filiere("b", &[])]);
    let ancien = Precedent {
        catalogue: Some(v1),
        historique: None,
    };
    let n = publier(&config, &v2, &ancien, jour("2026-11-23"));
    assert_eq!(
        genres(&n),
        [("2026-11-23".to_string(), Genre::NouvelleFiliere)]
    );
    assert!(!n.corps.contains("Première publication"));
    // Nothing new against an older publication: an empty history, said plainly.
    let ancien = Precedent {
        catalogue: Some(v2.clone()),
        historique: None,
    };
    let n = publier(&config, &v2, &ancien, jour("2026-11-23"));
    assert!(n.entrees.is_empty());
    assert!(n.corps.contains("Aucun changement"));
}

#[test]
fn previous_files_are_found_beside_the_catalogue_or_in_a_site() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("public");
    let c = chemins(&out, None);
    assert_eq!(c.historique, out.join("donnees/nouveautes.json"));
    let fichier = dir.path().join("catalogue-precedent.json");
    let c = chemins(&out, Some(fichier.as_path()));
    assert_eq!(c.historique, dir.path().join("nouveautes-precedent.json"));
    assert_eq!(
        chemins(&out, Some(dir.path())).catalogue,
        dir.path().join("donnees/catalogue.json")
    );
    std::fs::write(dir.path().join("catalogue.json"), b"{}").expect("write");
    std::fs::write(dir.path().join("nouveautes.json"), b"{\"entrees\": 3}").expect("write");
    let c = chemins(&out, Some(dir.path()));
    assert_eq!(c.catalogue, dir.path().join("catalogue.json"));
    let (p, notes) = lire_precedent(&c);
    assert!(p.catalogue.is_some() && p.historique.is_none());
    assert_eq!(notes.len(), 1, "{notes:?}");
}
