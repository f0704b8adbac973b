//! `cispgen report`: how fresh and complete the data of each federation is — centres,
//! places, tracks, tracks not reviewed for 12 months, past information sessions, places
//! placed only approximately (no coordinates) and professional tracks without a ROME code
//! (the only ones that need one) — as an aligned table, or as JSON with the file and line of each entry to review.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::STALE_AFTER_DAYS;
use crate::diag::{Sources, Span};
use crate::load::LoadError;
use crate::model::{Categorie, Federation};
use crate::resolve::{self, Precision};

/// One entry to review: what, and where in the data.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Element {
    pub id: String,
    pub titre: String,
    pub fichier: String,
    pub ligne: u32,
}

#[derive(Debug, Default, Serialize)]
pub struct Details {
    pub anciennes: Vec<Element>,
    pub seances_passees: Vec<Element>,
    pub lieux_approximatifs: Vec<Element>,
    pub sans_rome: Vec<Element>,
}

/// The counts of one federation (or of all, for the total).
#[derive(Debug, Default, Serialize)]
pub struct Ligne {
    pub federation: String,
    pub nom: String,
    pub centres: usize,
    pub lieux: usize,
    pub filieres: usize,
    /// Tracks not reviewed (`mis_a_jour`) for more than 12 months.
    pub anciennes: usize,
    /// Information sessions dated before today.
    pub seances_passees: usize,
    /// Places without coordinates: shown at the centre of their locality or municipality.
    pub lieux_approximatifs: usize,
    pub sans_rome: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Details>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub date: String,
    pub federations: Vec<Ligne>,
    pub total: Ligne,
    /// Errors found by `check`: files or blocks with errors are left out of the counts.
    pub erreurs: usize,
}

fn element(sources: &Sources, span: Span, id: &str, titre: &str) -> Element {
    Element {
        id: id.trim().to_string(),
        titre: titre.to_string(),
        fichier: sources.path(span.file).display().to_string(),
        ligne: span.line,
    }
}

/// Reads and checks the data at `root`, then counts.
pub fn report(root: &Path, today: NaiveDate) -> Result<Report, LoadError> {
    let checked = crate::pipeline::front(root, today, None)?;
    let sources = &checked.sources;
    let catalogue = resolve::resolve(&checked.centres, checked.refdata, today);

    let mut lignes: Vec<Ligne> = Federation::ALL
        .iter()
        .map(|f| Ligne {
            federation: f.slug().into(),
            nom: f.sigle().into(),
            details: Some(Details::default()),
            ..Ligne::default()
        })
        .collect();
    let index = |f: Federation| Federation::ALL.iter().position(|x| *x == f).unwrap_or(0);

    for centre in &checked.centres {
        let ligne = &mut lignes[index(centre.federation.value)];
        let details = ligne.details.get_or_insert_with(Details::default);
        ligne.centres += 1;
        ligne.lieux += centre.lieux.len();
        ligne.filieres += centre.filieres.len();
        for f in &centre.filieres {
            let reviewed = f.mis_a_jour.0;
            if reviewed <= today && (today - reviewed).num_days() > STALE_AFTER_DAYS {
                details
                    .anciennes
                    .push(element(sources, f.mis_a_jour.span, &f.id, &f.titre));
            }
            // A dated session gone by, or a rhythm whose end date has.
            for fin in f
                .seances_info
                .iter()
                .filter_map(|s| s.date.as_ref().or(s.jusqu_au.as_ref()))
            {
                if fin.0 < today {
                    let mut e = element(sources, fin.span, &f.id, &f.titre);
                    e.titre = format!("{} ({})", f.titre.value, fin.value);
                    details.seances_passees.push(e);
                }
            }
            // Only professional tracks need a job code (check requires it there too).
            if f.rome.is_empty() && f.categorie == Categorie::FormationProfessionnalisante {
                details
                    .sans_rome
                    .push(element(sources, f.id.span, &f.id, &f.titre));
            }
        }
    }
    for lieu in &catalogue.lieux {
        if lieu.precision == Precision::Exacte {
            continue;
        }
        let centre = catalogue.centres[lieu.centre].centre;
        let ligne = &mut lignes[index(centre.federation.value)];
        let details = ligne.details.get_or_insert_with(Details::default);
        details.lieux_approximatifs.push(element(
            sources,
            lieu.lieu.id.span,
            &lieu.lieu.id,
            &lieu.lieu.nom,
        ));
    }

    let mut total = Ligne {
        federation: "total".into(),
        nom: "Total".into(),
        ..Ligne::default()
    };
    for ligne in &mut lignes {
        if let Some(d) = &ligne.details {
            ligne.anciennes = d.anciennes.len();
            ligne.seances_passees = d.seances_passees.len();
            ligne.lieux_approximatifs = d.lieux_approximatifs.len();
            ligne.sans_rome = d.sans_rome.len();
        }
        total.centres += ligne.centres;
        total.lieux += ligne.lieux;
        total.filieres += ligne.filieres;
        total.anciennes += ligne.anciennes;
        total.seances_passees += ligne.seances_passees;
        total.lieux_approximatifs += ligne.lieux_approximatifs;
        total.sans_rome += ligne.sans_rome;
    }
    Ok(Report {
        date: today.format("%Y-%m-%d").to_string(),
        federations: lignes,
        total,
        erreurs: checked.diagnostics.error_count(),
    })
}

const COLONNES: [&str; 8] = [
    "Fédération",
    "Centres",
    "Lieux",
    "Filières",
    "Non revues 12 mois",
    "Séances passées",
    "Lieux approximatifs",
    "Pro. sans code ROME",
];

fn cellules(l: &Ligne) -> [String; 8] {
    [
        l.nom.clone(),
        l.centres.to_string(),
        l.lieux.to_string(),
        l.filieres.to_string(),
        l.anciennes.to_string(),
        l.seances_passees.to_string(),
        l.lieux_approximatifs.to_string(),
        l.sans_rome.to_string(),
    ]
}

/// The aligned table: names left-aligned, numbers right-aligned, widths in characters.
pub fn render_table(report: &Report) -> String {
    let mut rows: Vec<[String; 8]> = vec![COLONNES.map(String::from)];
    rows.extend(report.federations.iter().map(cellules));
    rows.push(cellules(&report.total));
    let mut widths = [0usize; 8];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let last = rows.len() - 1;
    for (r, row) in rows.iter().enumerate() {
        if r == last {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            let _ = writeln!(out, "{}", rule.join("  "));
        }
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                if c == 0 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    if report.erreurs > 0 {
        let _ = writeln!(
            out,
            "\n{} erreur(s) dans les données : les blocs en erreur ne sont pas comptés (voir `cispgen check`).",
            report.erreurs
        );
    }
    out
}

/// The report as JSON, with the file and line of each entry to review.
pub fn render_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_aligned_in_characters() {
        let report = Report {
            date: "2026-11-23".into(),
            federations: vec![Ligne {
                nom: "Lire et Écrire".into(),
                centres: 12,
                lieux: 3,
                ..Ligne::default()
            }],
            total: Ligne {
                nom: "Total".into(),
                centres: 12,
                lieux: 3,
                ..Ligne::default()
            },
            erreurs: 0,
        };
        let text = render_table(&report);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        let width = |s: &str| s.chars().count();
        assert_eq!(width(lines[0]), width(lines[1]), "{text}");
        assert!(lines[1].starts_with("Lire et Écrire"));
        assert!(lines[3].starts_with("Total"));
    }
}
