//! Plain words on the demo site (issue 16, item 8): French elision where names are
//! composed, acronyms explained where they appear, a glossary linked from every page, job
//! titles written as they are read aloud.

mod common;

use std::path::Path;

use walkdir::WalkDir;

fn pages(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.display().to_string();
            Some((rel, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect();
    out.sort();
    out
}

/// The visible text of a page, entities decoded.
fn texte(html: &str) -> String {
    common::parse_html(html).text
}

#[test]
fn names_are_composed_with_french_elision() {
    let demo = common::demo();
    let voyelle = |c: char| "AEIOUYÉÈÊÂÎÔ".contains(c);
    let mut problems = Vec::new();
    for (file, html) in pages(&demo.out) {
        let t = texte(&html);
        for tete in ["Gare de ", "près de ", "proches de ", "autour de "] {
            for (i, _) in t.match_indices(tete) {
                if t[i + tete.len()..].chars().next().is_some_and(voyelle) {
                    let fin = t[i..]
                        .char_indices()
                        .nth(30)
                        .map_or(t.len(), |(j, _)| i + j);
                    problems.push(format!("{file}: « {} »", &t[i..fin]));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} pages:\n{}",
        problems.len(),
        problems[..problems.len().min(10)].join("\n")
    );
    // And the composed forms are there.
    let arlon =
        std::fs::read_to_string(demo.out.join("communes/arlon/index.html")).unwrap_or_default();
    assert!(
        texte(&arlon).contains("Formations près d'Arlon"),
        "the Arlon page"
    );
}

#[test]
fn methods_are_explained_where_they_appear_and_a_glossary_is_linked() {
    let demo = common::demo();
    let glossaire = demo.out.join("pages/les-mots-des-formations/index.html");
    let g = texte(&std::fs::read_to_string(&glossaire).unwrap_or_default());
    for mot in [
        "EFT",
        "DéFi",
        "CEB",
        "FLE",
        "Code métier ROME",
        "Bassin",
        "Séance d'information",
        "vol d'oiseau",
    ] {
        assert!(g.contains(mot), "the glossary explains « {mot} »");
    }
    let mut filieres = 0;
    for (file, html) in pages(&demo.out) {
        assert!(
            html.contains("href=\"/pages/les-mots-des-formations/\"")
                || html.contains("href=/pages/les-mots-des-formations/>"),
            "{file} links the glossary"
        );
        if file.starts_with("formations/") && file.matches('/').count() == 2 {
            filieres += 1;
            let abbr = |sigle: &str, debut: &str| {
                html.split("<abbr title=").skip(1).any(|a| {
                    a.trim_start_matches('"').starts_with(debut)
                        && a.split_once('>')
                            .is_some_and(|(_, r)| r.starts_with(&format!("{sigle}</abbr>")))
                })
            };
            assert!(
                abbr("EFT", "entreprise de formation par le travail")
                    || abbr("DéFi", "démarche de formation et d"),
                "{file}: the method in an <abbr>"
            );
        }
    }
    assert!(filieres > 400, "{filieres} track pages");
}

#[test]
fn job_titles_with_feminine_marks_are_written_out() {
    let demo = common::demo();
    let catalogue: serde_json::Value = serde_json::from_slice(
        &std::fs::read(demo.out.join("donnees/catalogue.json")).unwrap_or_default(),
    )
    .unwrap_or_default();
    let marquees: Vec<&serde_json::Value> = catalogue["filieres"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| {
                    f["titre"]
                        .as_str()
                        .is_some_and(|t| t.contains("(ère)") || t.contains("(euse)"))
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        !marquees.is_empty(),
        "the demo has titles written with marks"
    );
    for f in marquees {
        let id = f["id"].as_str().unwrap_or_default();
        let html = std::fs::read_to_string(demo.out.join(format!("formations/{id}/index.html")))
            .unwrap_or_default();
        let h1 = html
            .split_once("<h1>")
            .and_then(|(_, r)| r.split_once("</h1>"))
            .map(|(h, _)| texte(h))
            .unwrap_or_default();
        assert!(
            !h1.contains('(') && h1.contains(" ou "),
            "{id}: h1 « {h1} »"
        );
        // Open data keeps the title as the centre wrote it.
        assert!(f["titre"].as_str().is_some_and(|t| t.contains('(')));
    }
}
