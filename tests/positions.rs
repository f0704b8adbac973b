//! Every diagnostic points at the offending token (issue 17, item 7): each row applies a
//! small mistake to a valid demo centre file (text substitutions), runs the check on it
//! alone, and expects a diagnostic at an exact `line:column` whose message or hint holds
//! a French fragment. Rows with two mistakes check that a syntax error does not hide the
//! file's other errors.

use std::path::Path;

use chrono::NaiveDate;

use cispgen::diag::Diagnostic;
use cispgen::pipeline;

const CENTRE: &str = "data/centres/aleap/la-ruche-de-liege.yaml";

struct Row {
    name: &'static str,
    /// (text to find, once, in the valid file; its replacement)
    edits: &'static [(&'static str, &'static str)],
    /// (line, column, fragment of the message or hint)
    expect: &'static [(u32, u32, &'static str)],
    /// No diagnostic of the file may say this.
    absent: Option<&'static str>,
}

const ROWS: &[Row] = &[
    Row {
        name: "espace manquante après « : »",
        edits: &[("    titre: Préparateur", "    titre:Préparateur")],
        expect: &[(59, 10, "espace après le « : »")],
        absent: None,
    },
    Row {
        name: "balise HTML dans « titre » (texte simple)",
        edits: &[("(trice) de commandes", "(trice) <b>de</b> commandes")],
        expect: &[(59, 31, "balise HTML « <b> » dans « titre »")],
        absent: None,
    },
    Row {
        name: "balise HTML dans « public »",
        edits: &[(
            "Adultes qui aiment les voitures",
            "Adultes <b>qui</b> aiment les voitures",
        )],
        expect: &[(45, 21, "balise HTML « <b> » dans « public »")],
        absent: None,
    },
    Row {
        name: "balise HTML dans « public » écrit sur deux lignes",
        edits: &[(
            "public: Adultes qui aiment les voitures et le travail manuel.",
            "public: Adultes qui aiment\n      les <i>voitures</i>.",
        )],
        expect: &[(46, 11, "balise HTML « <i> » dans « public »")],
        absent: None,
    },
    Row {
        name: "balise HTML dans « description » (bloc Markdown)",
        edits: &[(
            "sécurité\n\n      Vous apprenez en",
            "sécurité\n\n      Vous <b>apprenez</b> en",
        )],
        expect: &[(54, 12, "le HTML n'est pas affiché")],
        absent: None,
    },
    Row {
        name: "balise HTML dans « presentation » (bloc Markdown)",
        edits: &[("Entreprise de formation", "Entreprise <b>de</b> formation")],
        expect: &[(10, 14, "le HTML n'est pas affiché")],
        absent: None,
    },
    Row {
        name: "balise HTML dans « nom »",
        edits: &[("La Ruche de Liège", "La Ruche <b>de</b> Liège")],
        expect: &[(3, 15, "balise HTML « <b> » dans « nom »")],
        absent: None,
    },
    Row {
        name: "guillemet pas refermé",
        edits: &[(": entretien\"", ": entretien")],
        expect: &[(26, 12, "guillemet n'est pas refermé")],
        absent: None,
    },
    Row {
        name: "guillemet refermé suivi de texte",
        edits: &[(
            "\"Mécanique automobile : entretien\"",
            "\"Mécanique automobile\" entretien",
        )],
        expect: &[(26, 35, "du texte suit le guillemet fermant")],
        absent: Some("pas refermé"),
    },
    Row {
        name: "tabulation dans l'indentation",
        edits: &[(
            "    categorie: formation-professionnalisante\n    secteur: mecanique",
            "\tcategorie: formation-professionnalisante\n    secteur: mecanique",
        )],
        expect: &[(27, 1, "tabulation")],
        absent: None,
    },
    Row {
        name: "champ trop indenté",
        edits: &[(
            "    categorie: formation-professionnalisante\n    secteur: mecanique",
            "     categorie: formation-professionnalisante\n    secteur: mecanique",
        )],
        expect: &[(27, 6, "n'est pas aligné")],
        absent: None,
    },
    Row {
        name: "champ pas assez indenté",
        edits: &[(
            "    categorie: formation-professionnalisante\n    secteur: mecanique",
            "   categorie: formation-professionnalisante\n    secteur: mecanique",
        )],
        expect: &[(27, 4, "n'est pas aligné")],
        absent: None,
    },
    Row {
        name: "code postal inexistant",
        edits: &[("code_postal: \"4000\"", "code_postal: \"4999\"")],
        expect: &[(19, 18, "le code postal 4999 n'existe pas")],
        absent: None,
    },
    Row {
        name: "code ROME inconnu",
        edits: &[("rome: [I1604]", "rome: [I9999]")],
        expect: &[(29, 12, "code ROME inconnu « I9999 »")],
        absent: None,
    },
    Row {
        name: "date impossible",
        edits: &[("mis_a_jour: 2025-12-20", "mis_a_jour: 2025-13-20")],
        expect: &[(57, 17, "n'est pas une date")],
        absent: None,
    },
    Row {
        name: "champ inconnu",
        edits: &[("manuel.\n    stage: true", "manuel.\n    stages: true")],
        expect: &[(46, 5, "champ inconnu « stages »")],
        absent: None,
    },
    Row {
        name: "identifiant en double",
        edits: &[(
            "  - id: la-ruche-de-liege-preparateur-commandes",
            "  - id: la-ruche-de-liege-mecanique-auto",
        )],
        expect: &[(58, 9, "déjà utilisé")],
        absent: None,
    },
    Row {
        name: "une liste là où un bloc de champs est attendu",
        edits: &[(
            "    coordonnees:\n      lat: 50.64642\n      lon: 5.57736",
            "    coordonnees: [50.64642, 5.57736]",
        )],
        expect: &[(21, 18, "une liste")],
        absent: None,
    },
    Row {
        name: "erreur de syntaxe et code postal faux",
        edits: &[
            (": entretien\"", ": entretien"),
            ("code_postal: \"4000\"", "code_postal: \"4999\""),
        ],
        expect: &[
            (26, 12, "guillemet n'est pas refermé"),
            (19, 18, "le code postal 4999 n'existe pas"),
        ],
        absent: None,
    },
    Row {
        name: "tabulation et code ROME inconnu dans une autre filière",
        edits: &[
            (
                "    categorie: formation-professionnalisante\n    secteur: mecanique",
                "\tcategorie: formation-professionnalisante\n    secteur: mecanique",
            ),
            ("rome: [N1103, N1105]", "rome: [N9999, N1105]"),
        ],
        expect: &[
            (27, 1, "tabulation"),
            (62, 12, "code ROME inconnu « N9999 »"),
        ],
        absent: None,
    },
    Row {
        name: "espace manquante et balise HTML dans la même filière",
        edits: &[
            ("    titre: Préparateur", "    titre:Préparateur"),
            ("public: Adultes rapides", "public: <b>Adultes</b> rapides"),
        ],
        expect: &[(59, 10, "espace après le « : »"), (78, 13, "« <b> »")],
        absent: None,
    },
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The diagnostics of the centre file once `edits` are applied, checked alone.
fn check(edits: &[(&str, &str)]) -> Vec<(Diagnostic, String)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(repo.join(CENTRE)).expect("demo centre");
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "« {from} » must occur once");
        text = text.replacen(from, to, 1);
    }
    let root = tempfile::tempdir().expect("temp dir");
    let path = root.path().join(CENTRE);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    let checked = pipeline::check_site(root.path(), today()).expect("check");
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let said = format!("{} — {}", d.message, d.hint.as_deref().unwrap_or(""));
            (d.clone(), said)
        })
        .collect()
}

#[test]
fn the_valid_file_has_no_error() {
    let found = check(&[]);
    let errors: Vec<_> = found
        .iter()
        .filter(|(d, _)| d.severity == cispgen::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn each_mistake_is_reported_at_its_token() {
    let mut failures = Vec::new();
    for row in ROWS {
        let found = check(row.edits);
        for (line, col, fragment) in row.expect {
            let hit = found.iter().any(|(d, said)| {
                d.span.line == *line && d.span.col == *col && said.contains(fragment)
            });
            if !hit {
                failures.push(format!(
                    "{} : attendu {line}:{col} « {fragment} », trouvé :\n{}",
                    row.name,
                    found
                        .iter()
                        .map(|(d, said)| format!("    {}:{} {said}", d.span.line, d.span.col))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
        if let Some(absent) = row.absent
            && let Some((d, said)) = found.iter().find(|(_, said)| said.contains(absent))
        {
            failures.push(format!(
                "{} : « {absent} » ne doit pas apparaître ({}:{} {said})",
                row.name, d.span.line, d.span.col
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
