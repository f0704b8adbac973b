//! What a coordinator has to do for each centre (issue 17, item 10): every entry to review,
//! with its file, line and column, what is wrong and what to write instead, in plain French.
//! The federation table of [`super`] counts the same entries.

use serde::Serialize;

use super::Element;
use crate::check::STALE_AFTER_DAYS;
use crate::diag::{Sources, Span};
use crate::model::{Categorie, Centre};
use crate::resolve::{Catalogue, CentreR, Precision};

/// The kinds of entries, in the order a centre's list shows them when on the same line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// A value of `cispgen new` still in the file (the warning of `check`).
    Exemple,
    /// A track not reviewed (`mis_a_jour`) for more than 12 months.
    Ancienne,
    /// An information session (or the end of a rhythm) dated before today.
    SeancePassee,
    /// A track with information sessions, none of them upcoming.
    SansSeanceAVenir,
    /// A place without coordinates, shown at the centre of its locality or municipality.
    LieuApproximatif,
    /// A professional track without a ROME code.
    SansRome,
}

/// One thing to do, located in the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constat {
    pub genre: Genre,
    #[serde(flatten)]
    pub element: Element,
    pub colonne: u32,
    /// What is wrong.
    pub quoi: String,
    /// What to write instead.
    pub action: String,
}

impl Constat {
    /// `fichier:ligne:colonne`, as editors and `check` write it.
    pub fn lieu(&self) -> String {
        format!(
            "{}:{}:{}",
            self.element.fichier, self.element.ligne, self.colonne
        )
    }
}

fn constat(
    sources: &Sources,
    genre: Genre,
    span: Span,
    (id, titre): (&str, &str),
    quoi: String,
    action: &str,
) -> Constat {
    Constat {
        genre,
        element: Element {
            id: id.trim().to_string(),
            titre: titre.to_string(),
            fichier: sources.path(span.file).display().to_string(),
            ligne: span.line,
        },
        colonne: span.col,
        quoi,
        action: action.to_string(),
    }
}

/// The example values of `cispgen new` left in the centre's file, as `check` reports them
/// (its own detection, not a second one).
fn exemples(sources: &Sources, centre: &Centre) -> Vec<Constat> {
    let mut warnings = Vec::new();
    crate::check::textes::check_exemples(centre, &mut warnings);
    warnings
        .into_iter()
        .map(|d| {
            let action = d.hint.unwrap_or_default();
            constat(
                sources,
                Genre::Exemple,
                d.span,
                (&centre.id, &centre.nom),
                d.message,
                &action,
            )
        })
        .collect()
}

/// Everything to do for `centre` (an entry of `catalogue.centres`), in the order of its file.
pub fn constats(sources: &Sources, catalogue: &Catalogue, centre: &CentreR) -> Vec<Constat> {
    let today = catalogue.today;
    let mut out = exemples(sources, centre.centre);
    for &i in &centre.filieres {
        let Some(resolue) = catalogue.filieres.get(i) else {
            continue;
        };
        let f = resolue.filiere;
        let quoi = (f.id.value.as_str(), f.titre.value.as_str());
        let reviewed = f.mis_a_jour.0;
        if reviewed <= today && (today - reviewed).num_days() > STALE_AFTER_DAYS {
            out.push(constat(
                sources,
                Genre::Ancienne,
                f.mis_a_jour.span,
                quoi,
                format!(
                    "« {} » : informations revues pour la dernière fois le {} (plus de 12 mois)",
                    f.titre.value, f.mis_a_jour.value
                ),
                "relisez la filière avec le centre (dates, horaire, contact), puis écrivez la date du jour dans « mis_a_jour: »",
            ));
        }
        // A dated session gone by, or a rhythm whose end date has.
        let mut passees = 0;
        for fin in f
            .seances_info
            .iter()
            .filter_map(|s| s.date.as_ref().or(s.jusqu_au.as_ref()))
            .filter(|fin| fin.0 < today)
        {
            passees += 1;
            let mut c = constat(
                sources,
                Genre::SeancePassee,
                fin.span,
                quoi,
                format!(
                    "« {} » : la séance d'information du {} est passée",
                    f.titre.value, fin.value
                ),
                "retirez cette séance de « seances_info: » et ajoutez les prochaines dates",
            );
            c.element.titre = format!("{} ({})", f.titre.value, fin.value);
            out.push(c);
        }
        // Sessions written, none to come: the track page says « pas de séance prévue ».
        if !f.seances_info.is_empty() && resolue.seances.is_empty() && passees == 0 {
            out.push(constat(
                sources,
                Genre::SansSeanceAVenir,
                f.id.span,
                quoi,
                format!("« {} » : aucune séance d'information à venir", f.titre.value),
                "ajoutez les prochaines dates sous « seances_info: » (ou un rythme : « chaque: mardi »)",
            ));
        }
        // Only professional tracks need a job code (check requires it there too).
        if f.rome.is_empty() && f.categorie == Categorie::FormationProfessionnalisante {
            out.push(constat(
                sources,
                Genre::SansRome,
                f.id.span,
                quoi,
                format!(
                    "« {} » : formation professionnalisante sans code ROME",
                    f.titre.value
                ),
                "ajoutez « rome: [D1102] » avec le code du métier visé (liste sur la page « Métiers » du site)",
            ));
        }
    }
    for &i in &centre.lieux {
        let Some(lieu) = catalogue.lieux.get(i) else {
            continue;
        };
        let ou = match lieu.precision {
            Precision::Exacte => continue,
            Precision::Localite => format!("sa localité ({})", lieu.lieu.localite.value.trim()),
            Precision::Commune => format!("sa commune ({})", lieu.commune.nom),
        };
        out.push(constat(
            sources,
            Genre::LieuApproximatif,
            lieu.lieu.id.span,
            (&lieu.lieu.id, &lieu.lieu.nom),
            format!(
                "lieu « {} » : pas de coordonnées GPS, il est placé au centre de {ou}",
                lieu.lieu.nom.value
            ),
            "ajoutez sous ce lieu « coordonnees: » avec « lat: » et « lon: » (clic droit sur le lieu dans une carte en ligne, puis copiez les deux nombres, ex. lat: 50.4651 et lon: 4.8670)",
        ));
    }
    // The order of the file, so that the list is read while editing it.
    out.sort_by(|a, b| {
        (&a.element.fichier, a.element.ligne, a.colonne, a.genre).cmp(&(
            &b.element.fichier,
            b.element.ligne,
            b.colonne,
            b.genre,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::model::Federation;

    const FICHIER: &str = "data/centres/aleap/mon-centre.yaml";

    /// A skeleton of `cispgen new centre`, placeholders left, with a professional track
    /// reviewed long ago, a past session and a place without coordinates.
    fn fichier() -> String {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        crate::skeleton::centre("mon-centre", Federation::Aleap, today)
            .replace("mis_a_jour: 2026-11-23", "mis_a_jour: 2025-01-10")
            .replace(
                "seances_info: []",
                "seances_info:\n      - date: 2026-10-06\n        heure: \"09:30\"\n        lieu: mon-centre-namur\n     ",
            )
            .replace("categorie: orientation", "categorie: formation-professionnalisante")
            .replace("    coordonnees:", "    # coordonnees:")
            .replace("      lat: 50.4651\n      lon: 4.8670\n", "")
    }

    use chrono::NaiveDate;

    fn ligne(text: &str, motif: &str) -> u32 {
        let i = text
            .lines()
            .position(|l| l.contains(motif))
            .unwrap_or_else(|| panic!("{motif} not in\n{text}"));
        u32::try_from(i + 1).expect("line")
    }

    #[test]
    fn each_entry_is_on_its_line_with_what_to_write() {
        let text = fichier();
        let (centre, findings) = crate::load::parse_centre(&text, FileId(0));
        assert!(findings.is_empty(), "{findings:?}\n{text}");
        let centres = [centre.expect("readable")];
        let mut sources = Sources::default();
        sources.add(FICHIER.into(), text.clone());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let catalogue = crate::resolve::resolve(&centres, crate::refdata::RefData::load(), today);
        let constats = constats(&sources, &catalogue, &catalogue.centres[0]);
        let vus: Vec<(Genre, u32)> = constats
            .iter()
            .map(|c| (c.genre, c.element.ligne))
            .collect();
        let attendus = vec![
            (Genre::Exemple, ligne(&text, "nom: Nom du centre")),
            (Genre::Exemple, ligne(&text, "site_web:")),
            (Genre::Exemple, ligne(&text, "telephone:")),
            (Genre::Exemple, ligne(&text, "courriel:")),
            (Genre::Exemple, ligne(&text, "Notre centre forme")),
            (
                Genre::LieuApproximatif,
                ligne(&text, "- id: mon-centre-namur"),
            ),
            (
                Genre::SansRome,
                ligne(&text, "- id: mon-centre-orientation"),
            ),
            (Genre::SeancePassee, ligne(&text, "- date: 2026-10-06")),
            (Genre::Ancienne, ligne(&text, "mis_a_jour:")),
        ];
        assert_eq!(vus, attendus, "{constats:#?}");
        for c in &constats {
            assert_eq!(c.element.fichier, FICHIER);
            assert!(c.colonne > 0);
            assert!(!c.action.is_empty(), "{c:?}");
        }
        let lieu = &constats[5];
        assert!(
            lieu.quoi.contains("au centre de sa localité (Namur)"),
            "{}",
            lieu.quoi
        );
        assert!(lieu.action.contains("coordonnees:"), "{}", lieu.action);
        assert!(
            constats[8].quoi.contains("2025-01-10"),
            "{}",
            constats[8].quoi
        );
        // The placeholder entries are the warnings of `check`, word for word.
        let mut warnings = Vec::new();
        crate::check::textes::check_exemples(&centres[0], &mut warnings);
        assert_eq!(warnings[0].message, constats[0].quoi);
        assert_eq!(
            warnings[0].hint.as_deref(),
            Some(constats[0].action.as_str())
        );
    }

    fn genres_des_seances(text: &str) -> Vec<(Genre, u32)> {
        let (centre, findings) = crate::load::parse_centre(text, FileId(0));
        assert!(findings.is_empty(), "{findings:?}");
        let centres = [centre.expect("readable")];
        let mut sources = Sources::default();
        sources.add(FICHIER.into(), text.to_string());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let catalogue = crate::resolve::resolve(&centres, crate::refdata::RefData::load(), today);
        constats(&sources, &catalogue, &catalogue.centres[0])
            .iter()
            .filter(|c| matches!(c.genre, Genre::SeancePassee | Genre::SansSeanceAVenir))
            .map(|c| (c.genre, c.element.ligne))
            .collect()
    }

    #[test]
    fn a_track_whose_sessions_are_all_over_says_so_once() {
        // A rhythm that ended: its end date is past (and says « add the next dates »).
        let fini = fichier().replace(
            "- date: 2026-10-06",
            "- chaque: mardi\n        jusqu_au: 2026-10-06",
        );
        assert_eq!(
            genres_des_seances(&fini),
            [(Genre::SeancePassee, ligne(&fini, "jusqu_au: 2026-10-06"))]
        );
        // A rhythm ending today, Monday, before its first Tuesday: nothing past, nothing to come.
        let vide = fichier().replace(
            "- date: 2026-10-06",
            "- chaque: mardi\n        jusqu_au: 2026-11-23",
        );
        assert_eq!(
            genres_des_seances(&vide),
            [(
                Genre::SansSeanceAVenir,
                ligne(&vide, "- id: mon-centre-orientation")
            )]
        );
        // An upcoming session: nothing to do.
        let bientot = fichier().replace("- date: 2026-10-06", "- date: 2026-12-01");
        assert_eq!(genres_des_seances(&bientot), []);
    }
}
