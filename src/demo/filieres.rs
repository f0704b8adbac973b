//! A centre's tracks: which places, schedule, duration, entry dates, information
//! sessions, contact person and last review.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::calendrier::{REVUES_ANCIENNES, REVUES_RECENTES, avant, entre, premier_lundi};
use super::hasard::Rng;
use super::modeles::{Modele, SOIR};
use super::noms::{Ids, NOMS_FICTIFS, PRENOMS, telephone};
use super::seances::{SeanceDemo, seances};
use crate::model::{Categorie, Jour, Methode, Moment, Secteur};
use crate::text::slugify;

pub(super) struct FiliereDemo {
    pub(super) id: String,
    pub(super) titre: &'static str,
    pub(super) categorie: Categorie,
    pub(super) secteur: Secteur,
    pub(super) rome: &'static [&'static str],
    pub(super) lieux: Vec<String>,
    pub(super) semaines: Option<u32>,
    pub(super) heures: Option<u32>,
    pub(super) jours: Vec<Jour>,
    /// Tenths of hours per week.
    pub(super) dixiemes_par_semaine: u32,
    pub(super) moment: Moment,
    pub(super) permanente: bool,
    pub(super) dates: Vec<NaiveDate>,
    pub(super) seances: Vec<SeanceDemo>,
    pub(super) public: &'static str,
    pub(super) stage: bool,
    pub(super) certification: Option<&'static str>,
    pub(super) description: String,
    pub(super) contact: Option<ContactDemo>,
    pub(super) mis_a_jour: NaiveDate,
}

pub(super) struct ContactDemo {
    pub(super) nom: String,
    pub(super) telephone: Option<String>,
    pub(super) courriel: Option<String>,
}

/// What every track of a centre shares.
pub(super) struct Contexte<'a> {
    pub(super) centre_id: &'a str,
    pub(super) methode: Methode,
    pub(super) zone: &'static str,
    pub(super) lieux: &'a [String],
}

pub(super) fn filieres(
    rng: &mut Rng,
    ctx: &Contexte,
    modeles: &[&'static Modele],
    ids: &mut Ids,
) -> Vec<FiliereDemo> {
    let lieux = repartir_lieux(rng, ctx.lieux.len(), modeles.len());
    let revue = revue_du_centre(rng);
    modeles
        .iter()
        .zip(lieux)
        .map(|(m, l)| {
            let lieux: Vec<String> = l.iter().map(|&i| ctx.lieux[i].clone()).collect();
            filiere(rng, ctx, m, lieux, revue, ids)
        })
        .collect()
}

/// Places of each track (1 or 2), so that every place has at least one track.
fn repartir_lieux(rng: &mut Rng, n_lieux: usize, n_filieres: usize) -> Vec<Vec<usize>> {
    let mut couverts = vec![false; n_lieux];
    let mut out = Vec::with_capacity(n_filieres);
    for f in 0..n_filieres {
        let reste = n_filieres - f;
        let libres: Vec<usize> = (0..n_lieux).filter(|&i| !couverts[i]).collect();
        let premier = libres
            .first()
            .copied()
            .unwrap_or_else(|| rng.index(n_lieux));
        let mut lieux = vec![premier];
        let deux = n_lieux > 1 && (libres.len() > reste || rng.chance(20));
        if deux {
            let autre = libres
                .get(1)
                .copied()
                .unwrap_or_else(|| (premier + 1 + rng.index(n_lieux - 1)) % n_lieux);
            lieux.push(autre);
        }
        for &i in &lieux {
            couverts[i] = true;
        }
        out.push(lieux);
    }
    out
}

/// The day the centre last reviewed its tracks: 4 % of centres more than a year ago, so
/// that the freshness warning shows.
fn revue_du_centre(rng: &mut Rng) -> NaiveDate {
    if rng.chance(4) {
        entre(rng, &REVUES_ANCIENNES)
    } else {
        entre(rng, &REVUES_RECENTES)
    }
}

fn filiere(
    rng: &mut Rng,
    ctx: &Contexte,
    m: &'static Modele,
    lieux: Vec<String>,
    revue: NaiveDate,
    ids: &mut Ids,
) -> FiliereDemo {
    let (jours, dixiemes, moment) = horaire(rng, m, ctx.methode);
    let (semaines, heures) = duree(rng, m.categorie, dixiemes);
    let (permanente, dates) = entree(rng, m.categorie);
    let stage = m.description.contains("stage")
        || match m.categorie {
            Categorie::FormationProfessionnalisante => rng.chance(85),
            Categorie::Orientation => rng.chance(15),
            Categorie::FormationDeBase => false,
        };
    let id = ids.prendre(&format!("{}-{}", ctx.centre_id, m.slug));
    FiliereDemo {
        titre: m.titre,
        categorie: m.categorie,
        secteur: m.secteur,
        rome: m.rome,
        seances: seances(rng, &lieux, &id),
        id,
        lieux,
        semaines,
        heures,
        jours,
        dixiemes_par_semaine: dixiemes,
        moment,
        permanente,
        dates,
        public: m.public,
        stage,
        certification: rng.chance(85).then(|| {
            m.certification
                .unwrap_or(certification_usuelle(m.categorie))
        }),
        description: description(m, ctx.methode, stage),
        contact: rng.chance(25).then(|| contact(rng, ctx)),
        mis_a_jour: avant(revue, rng.below(21)),
    }
}

fn certification_usuelle(c: Categorie) -> &'static str {
    match c {
        Categorie::Orientation => "Attestation de participation.",
        Categorie::FormationDeBase => "Attestation de formation.",
        Categorie::FormationProfessionnalisante => {
            "Attestation de compétences délivrée par le centre."
        }
    }
}

/// The template's text, with how one learns here and the internship when there is one.
fn description(m: &Modele, methode: Methode, stage: bool) -> String {
    let mut text = m.description.to_string();
    if !text.contains("vrai") && !text.contains("groupe") {
        text.push_str(match methode {
            Methode::Eft => "\n\nVous apprenez en travaillant pour de vrais clients, avec un formateur à vos côtés.",
            Methode::Defi => "\n\nCours en petit groupe, avec beaucoup d'exercices pratiques.",
        });
    }
    if stage && !text.contains("stage") {
        text.push_str("\n\nUn stage en entreprise est prévu.");
    }
    text
}

/// Days, tenths of hours per week, and moment of the day.
fn horaire(rng: &mut Rng, m: &Modele, methode: Methode) -> (Vec<Jour>, u32, Moment) {
    let soir = SOIR.contains(&m.slug)
        || (matches!(m.secteur, Secteur::Francais | Secteur::SavoirsDeBase) && rng.chance(15));
    if soir {
        let moment = if rng.chance(50) {
            Moment::Soir
        } else {
            Moment::JourEtSoir
        };
        return (
            vec![Jour::Lundi, Jour::Mardi, Jour::Mercredi, Jour::Jeudi],
            150,
            moment,
        );
    }
    let dixiemes = match (m.categorie, methode) {
        (Categorie::Orientation, _) => rng.pick(&[200, 240, 250, 280, 300]),
        (Categorie::FormationDeBase, _) => rng.pick(&[150, 180, 200, 225, 240, 250]),
        (Categorie::FormationProfessionnalisante, Methode::Eft) => rng.pick(&[300, 320, 350, 350]),
        (Categorie::FormationProfessionnalisante, Methode::Defi) => rng.pick(&[280, 300, 320, 340]),
    };
    (jours(rng, dixiemes), dixiemes, Moment::Jour)
}

fn jours(rng: &mut Rng, dixiemes: u32) -> Vec<Jour> {
    use Jour::*;
    match dixiemes {
        300.. => vec![Lundi, Mardi, Mercredi, Jeudi, Vendredi],
        280.. if rng.chance(25) => vec![Lundi, Mardi, Mercredi, Jeudi],
        280.. => vec![Lundi, Mardi, Mercredi, Jeudi, Vendredi],
        200.. if rng.chance(50) => vec![Lundi, Mardi, Jeudi, Vendredi],
        200.. => vec![Lundi, Mardi, Mercredi, Jeudi],
        _ if rng.chance(50) => vec![Lundi, Mardi, Jeudi],
        _ => vec![Lundi, Mardi, Mercredi, Jeudi],
    }
}

/// Weeks and/or hours: orientation 6–12 weeks, base 20–40, trade 30–60 (at most 1,800 h).
fn duree(rng: &mut Rng, c: Categorie, dixiemes: u32) -> (Option<u32>, Option<u32>) {
    let semaines = match c {
        Categorie::Orientation => rng.between(6, 12),
        Categorie::FormationDeBase => rng.between(20, 40),
        Categorie::FormationProfessionnalisante => rng.between(30, 60),
    };
    let heures = (semaines * dixiemes / 10).min(1800) / 10 * 10;
    match rng.below(100) {
        0..55 => (Some(semaines), Some(heures)),
        55..85 => (Some(semaines), None),
        _ => (None, Some(heures)),
    }
}

/// Permanent entry, or 1 to 3 start dates (first Monday of a month of 2027).
fn entree(rng: &mut Rng, c: Categorie) -> (bool, Vec<NaiveDate>) {
    let permanente = rng.chance(match c {
        Categorie::Orientation => 40,
        Categorie::FormationDeBase => 55,
        Categorie::FormationProfessionnalisante => 30,
    });
    if permanente {
        return (true, Vec::new());
    }
    let n = rng.weighted(&[45, 35, 20]) + 1;
    let mut mois: BTreeSet<u32> = BTreeSet::new();
    while mois.len() < n {
        mois.insert(rng.pick(&[1, 2, 3, 4, 5, 9, 10]));
    }
    // Every month drawn exists: `filter_map` drops none.
    let dates = mois.into_iter().filter_map(premier_lundi).collect();
    (false, dates)
}

fn contact(rng: &mut Rng, ctx: &Contexte) -> ContactDemo {
    let prenom = rng.pick(PRENOMS);
    let avec_telephone = rng.chance(70);
    ContactDemo {
        nom: format!("{prenom} {}", rng.pick(NOMS_FICTIFS)),
        telephone: avec_telephone.then(|| telephone(rng, ctx.zone)),
        courriel: (!avec_telephone || rng.chance(60))
            .then(|| format!("{}@{}.exemple", slugify(prenom), ctx.centre_id)),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Weekday};

    use super::*;

    #[test]
    fn every_place_has_a_track() {
        let mut rng = Rng::new(3);
        for n_lieux in 1..=4_usize {
            for n_filieres in n_lieux.div_ceil(2)..=6 {
                let lieux = repartir_lieux(&mut rng, n_lieux, n_filieres);
                assert_eq!(lieux.len(), n_filieres);
                for l in &lieux {
                    assert!((1..=2).contains(&l.len()) && l.iter().all(|&i| i < n_lieux));
                    assert!(l.len() == 1 || l[0] != l[1], "{l:?}");
                }
                for i in 0..n_lieux {
                    assert!(
                        lieux.iter().any(|l| l.contains(&i)),
                        "{n_lieux}/{n_filieres}"
                    );
                }
            }
        }
    }

    #[test]
    fn dates_fall_on_the_right_days() {
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            for d in entree(&mut rng, Categorie::FormationProfessionnalisante).1 {
                assert_eq!(d.weekday(), Weekday::Mon, "{d}");
                assert!(d.year() == 2027 && d.day() <= 7, "{d}");
            }
        }
    }
}
