//! `cispgen report`: how fresh and complete the data of each federation is — centres,
//! places, tracks, tracks not reviewed for 12 months, past information sessions, places
//! placed only approximately (no coordinates) and professional tracks without a ROME code
//! (the only ones that need one) — as an aligned table, or as JSON with the file and line of each entry to review.
//!
//! The same entries, centre by centre with what to write instead, and the changes since the
//! last publication: [`centres`] (`report --centre`, `--federation`, `--par-centre`,
//! `--previous`), from [`a_faire`].

pub mod a_faire;
pub mod centres;
pub mod rendu;

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::load::LoadError;
use crate::model::Federation;
use crate::resolve::{self, Catalogue};

use self::a_faire::{Constat, Genre};

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

/// Reads and checks the data at `root`, then counts.
pub fn report(root: &Path, today: NaiveDate) -> Result<Report, LoadError> {
    let checked = crate::pipeline::front(root, today, None)?;
    let catalogue = resolve::resolve(&checked.centres, checked.refdata, today);
    let constats: Vec<(Federation, Vec<Constat>)> = catalogue
        .centres
        .iter()
        .map(|c| {
            let constats = a_faire::constats(&checked.sources, &catalogue, c);
            (c.centre.federation.value, constats)
        })
        .collect();
    Ok(compter(
        &catalogue,
        &constats,
        today,
        checked.diagnostics.error_count(),
    ))
}

/// The federation table, from the entries of each centre.
fn compter(
    catalogue: &Catalogue,
    constats: &[(Federation, Vec<Constat>)],
    today: NaiveDate,
    erreurs: usize,
) -> Report {
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
    for centre in &catalogue.centres {
        let Some(ligne) = lignes.get_mut(index(centre.centre.federation.value)) else {
            continue;
        };
        ligne.centres += 1;
        ligne.lieux += centre.centre.lieux.len();
        ligne.filieres += centre.centre.filieres.len();
    }
    // By kind, in the order of the centres, then of each centre's file.
    for genre in [
        Genre::Ancienne,
        Genre::SeancePassee,
        Genre::LieuApproximatif,
        Genre::SansRome,
    ] {
        for (federation, constats) in constats {
            let Some(ligne) = lignes.get_mut(index(*federation)) else {
                continue;
            };
            let details = ligne.details.get_or_insert_with(Details::default);
            let liste = match genre {
                Genre::Ancienne => &mut details.anciennes,
                Genre::SeancePassee => &mut details.seances_passees,
                Genre::LieuApproximatif => &mut details.lieux_approximatifs,
                _ => &mut details.sans_rome,
            };
            liste.extend(
                constats
                    .iter()
                    .filter(|c| c.genre == genre)
                    .map(|c| c.element.clone()),
            );
        }
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
    Report {
        date: today.format("%Y-%m-%d").to_string(),
        federations: lignes,
        total,
        erreurs,
    }
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
