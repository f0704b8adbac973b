//! `cispgen report` per centre as text (the default) or JSON: each centre with something
//! to do or that changed, its entries with file:line:column and what to write instead.

use std::fmt::Write as _;

use super::centres::{Changement, ParCentre};
use crate::model::Federation;

fn ecrire_changements(out: &mut String, changements: &[Changement]) {
    if changements.is_empty() {
        out.push_str("  Changements depuis la dernière publication : aucun\n");
        return;
    }
    let _ = writeln!(
        out,
        "  Changements depuis la dernière publication ({}) :",
        changements.len()
    );
    for c in changements {
        match (&c.fichier, c.ligne) {
            (Some(f), Some(l)) => {
                let _ = writeln!(out, "  - {f}:{l} : {}", c.texte);
            }
            _ => {
                let _ = writeln!(out, "  - {}", c.texte);
            }
        }
    }
}

/// The report as text: each centre with something to do or that changed, then the others
/// in one line. One centre asked by `--centre` is shown even with nothing to do.
pub fn render_text(rapport: &ParCentre) -> String {
    let mut out = format!("Rapport par centre au {}", rapport.date);
    match &rapport.precedent {
        Some(p) => {
            let _ = writeln!(out, ", comparé à la publication de {p}");
        }
        None => out.push('\n'),
    }
    let seul = rapport.centres.len() == 1;
    let mut rien = Vec::new();
    for c in &rapport.centres {
        if c.rien() && !seul {
            rien.push(c.id.as_str());
            continue;
        }
        let sigle = Federation::from_slug(&c.federation).map_or("", Federation::sigle);
        let _ = writeln!(out, "\n{} ({}) — {sigle} — {}", c.nom, c.id, c.fichier);
        if c.a_faire.is_empty() {
            out.push_str("  À faire : rien\n");
        } else {
            let _ = writeln!(out, "  À faire ({}) :", c.a_faire.len());
            for a in &c.a_faire {
                let _ = writeln!(out, "  - {} : {}", a.lieu(), a.quoi);
                let _ = writeln!(out, "    → {}", a.action);
            }
        }
        if let Some(changements) = &c.changements {
            ecrire_changements(&mut out, changements);
        }
    }
    if !rapport.centres_retires.is_empty() {
        out.push_str("\nCentres qui ne sont plus dans les données :\n");
        for c in &rapport.centres_retires {
            let _ = writeln!(out, "  - {} — {}", c.texte, c.entree.centre);
        }
    }
    if !rien.is_empty() {
        let _ = writeln!(
            out,
            "\nRien à faire pour {} centre(s) : {}",
            rien.len(),
            rien.join(", ")
        );
    }
    if rapport.erreurs > 0 {
        let _ = writeln!(
            out,
            "\n{} erreur(s) dans les données : les blocs en erreur ne sont pas dans ce rapport (voir `cispgen check`).",
            rapport.erreurs
        );
    }
    out
}

/// The report as JSON: every centre asked, with its entries and changes.
pub fn render_json(rapport: &ParCentre) -> String {
    serde_json::to_string_pretty(rapport).unwrap_or_else(|_| "{}".into()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::super::a_faire;
    use super::super::centres::RapportCentre;
    use super::super::centres::tests::{donnees, jour};
    use super::*;
    use crate::resolve;

    #[test]
    fn text_lists_centres_to_review_then_the_others() {
        let (sources, centres) = donnees();
        let catalogue = resolve::resolve(&centres, crate::refdata::RefData::load(), jour());
        let mut rapport = ParCentre {
            date: "2026-11-23".into(),
            precedent: Some("public/donnees/catalogue.json".into()),
            centres: Vec::new(),
            centres_retires: Vec::new(),
            erreurs: 0,
        };
        for c in &catalogue.centres {
            rapport.centres.push(RapportCentre {
                id: c.centre.id.value.clone(),
                nom: c.centre.nom.value.clone(),
                federation: c.centre.federation.value.slug().into(),
                fichier: sources.path(c.centre.fichier).display().to_string(),
                a_faire: a_faire::constats(&sources, &catalogue, c),
                changements: Some(Vec::new()),
            });
        }
        rapport.centres[1].a_faire.clear();
        let text = render_text(&rapport);
        assert!(
            text.starts_with("Rapport par centre au 2026-11-23, comparé à la publication de public/donnees/catalogue.json\n"),
            "{text}"
        );
        assert!(
            text.contains("\nLe Fournil (fournil) — ALEAP — data/centres/aleap/fournil.yaml\n  À faire (4) :\n  - data/centres/aleap/fournil.yaml:"),
            "{text}"
        );
        assert!(text.contains("    → remplacez « site_web: »"), "{text}");
        assert!(text.contains("  Changements depuis la dernière publication : aucun\n"));
        assert!(
            text.ends_with("\nRien à faire pour 1 centre(s) : atelier\n"),
            "{text}"
        );
        assert!(!text.contains("L'Atelier (atelier)"), "{text}");
        // One centre asked for is shown even with nothing to do.
        rapport.centres.remove(0);
        assert!(render_text(&rapport).contains("L'Atelier (atelier) — AID"));
        let json: serde_json::Value = serde_json::from_str(&render_json(&rapport)).expect("json");
        assert_eq!(json["centres"][0]["id"], "atelier");
        assert_eq!(json["centres"][0]["changements"], serde_json::json!([]));
    }
}
