//! The catalogue: batches of centres, each centre with its name, places and tracks.

use std::collections::BTreeSet;

use super::CENTRES_PAR_LOT;
use super::carte::{Carte, carte};
use super::filieres::{Contexte, FiliereDemo, filieres};
use super::hasard::{Rng, graine};
use super::lieux::{LieuDemo, emplacements, lieux};
use super::modeles::{Modele, P};
use super::noms::{
    COMPLEMENTS, Ids, NOMS_GENERIQUES, a_nom, borne, de_nom, noms_de_famille, telephone,
};
use super::profil::{Profil, choisir_modeles, famille};
use crate::model::{Federation, Methode};
use crate::refdata::Commune;
use crate::text::slugify;

pub(super) struct CentreDemo {
    pub(super) id: String,
    pub(super) nom: String,
    pub(super) federation: Federation,
    pub(super) methode: Methode,
    pub(super) site_web: Option<String>,
    pub(super) telephone: String,
    pub(super) courriel: String,
    pub(super) presentation: String,
    pub(super) lieux: Vec<LieuDemo>,
    pub(super) filieres: Vec<FiliereDemo>,
}

/// Every centre of the given scale, batch after batch.
pub(super) fn catalogue(scale: u32) -> Vec<CentreDemo> {
    let carte = carte();
    let mut ids = Ids::default();
    let mut centres = Vec::with_capacity(CENTRES_PAR_LOT * scale.max(1) as usize);
    for lot in 0..scale.max(1) {
        let mut rng = Rng::new(graine(lot));
        let mut noms = BTreeSet::new();
        for sorte in sortes_du_lot(&mut rng) {
            centres.push(centre(&mut rng, carte, lot, sorte, &mut noms, &mut ids));
        }
    }
    centres
}

/// Centres of one batch by federation: how many EFT and how many DéFi (for Lire et Écrire:
/// literacy centres). Sums to [`CENTRES_PAR_LOT`].
const QUOTAS: [(Federation, usize, usize); 5] = [
    (Federation::Aid, 15, 18),
    (Federation::Aleap, 14, 16),
    (Federation::Caips, 24, 28),
    (Federation::LireEtEcrire, 0, 15),
    (Federation::Unessa, 9, 11),
];

/// The federation and kind of every centre of a batch, in a shuffled order: exact quotas
/// keep the same mix at every scale.
fn sortes_du_lot(rng: &mut Rng) -> Vec<(Federation, Profil)> {
    let mut sortes = Vec::with_capacity(CENTRES_PAR_LOT);
    for (federation, eft, defi) in QUOTAS {
        let autre = if federation == Federation::LireEtEcrire {
            Profil::Alpha
        } else {
            Profil::Defi
        };
        sortes.extend(std::iter::repeat_n((federation, Profil::Eft), eft));
        sortes.extend(std::iter::repeat_n((federation, autre), defi));
    }
    for i in (1..sortes.len()).rev() {
        sortes.swap(i, rng.index(i + 1));
    }
    sortes
}

fn centre(
    rng: &mut Rng,
    carte: &Carte,
    lot: u32,
    (federation, profil): (Federation, Profil),
    noms: &mut BTreeSet<String>,
    ids: &mut Ids,
) -> CentreDemo {
    let methode = if profil == Profil::Eft {
        Methode::Eft
    } else {
        Methode::Defi
    };
    let home = carte.tirer(rng);
    let mut n_lieux = rng.weighted(&[40, 37, 15, 8]) + 1;
    if profil == Profil::Alpha {
        n_lieux = (n_lieux + 1).min(4);
    }
    let n_filieres = (rng.weighted(&[10, 26, 28, 20, 11, 5]) + 1).max(n_lieux.div_ceil(2));
    let modeles = choisir_modeles(rng, profil, n_filieres);
    n_lieux = n_lieux.min(2 * modeles.len()).max(1);
    let emplacements = emplacements(rng, carte, home, n_lieux);

    let ville = &carte.villes[home];
    let base = nom_de_centre(rng, &modeles, profil, ville.commune, noms);
    let (id, nom) = if lot == 0 {
        (
            ids.prendre(&borne(&slugify(&base), 40)),
            format!("{base} (démo)"),
        )
    } else {
        let suffixe = lot + 1;
        (
            ids.prendre(&format!("{}-x{suffixe}", borne(&slugify(&base), 40))),
            format!("{base} n° {suffixe} (démo)"),
        )
    };
    let lieux = lieux(rng, carte, &id, profil, &emplacements, ids);
    let lieu_ids: Vec<String> = lieux.iter().map(|l| l.id.clone()).collect();
    let contexte = Contexte {
        centre_id: &id,
        methode,
        zone: ville.zone,
        lieux: &lieu_ids,
    };
    let filieres = filieres(rng, &contexte, &modeles, ids);
    let villes: BTreeSet<usize> = emplacements.iter().map(|e| e.ville).collect();
    CentreDemo {
        site_web: rng.chance(85).then(|| format!("https://{id}.exemple/")),
        telephone: telephone(rng, ville.zone),
        courriel: format!("contact@{id}.exemple"),
        presentation: presentation(profil, &ville.commune.nom, villes.len() > 1),
        id,
        nom,
        federation,
        methode,
        lieux,
        filieres,
    }
}

/// « Le Fournil du Moulin », « La Passerelle de Seraing »…, unique within the batch.
fn nom_de_centre(
    rng: &mut Rng,
    modeles: &[&Modele],
    profil: Profil,
    commune: &Commune,
    noms: &mut BTreeSet<String>,
) -> String {
    let principal = modeles
        .iter()
        .find(|m| m.categorie == P)
        .or(modeles.first())
        .map_or(7, |m| famille(m.secteur));
    let propres = noms_de_famille(if profil == Profil::Alpha {
        7
    } else {
        principal
    });
    let mut nom = String::new();
    for essai in 0..40 {
        let tete = if rng.chance(55) {
            rng.pick(propres)
        } else {
            rng.pick(NOMS_GENERIQUES)
        };
        nom = if rng.chance(25) {
            format!("{tete} {}", de_nom(&commune.nom))
        } else {
            format!("{tete} {}", rng.pick(COMPLEMENTS))
        };
        if essai >= 30 {
            nom = format!("{nom} {}", essai - 28);
        }
        if !noms.contains(&nom) {
            break;
        }
    }
    noms.insert(nom.clone());
    nom
}

fn presentation(profil: Profil, commune: &str, plusieurs_villes: bool) -> String {
    let methode = match profil {
        Profil::Eft => {
            "Entreprise de formation par le travail (EFT) : on apprend un métier en travaillant pour de vrais clients, dans nos ateliers et sur chantier."
        }
        Profil::Defi => {
            "Centre de formation (DéFi) : des cours en petit groupe, des exercices pratiques et des stages."
        }
        Profil::Alpha => {
            "Centre d'alphabétisation et de français pour adultes : lire, écrire, calculer et parler français, à votre rythme."
        }
    };
    let ou = if plusieurs_villes {
        "et dans d'autres communes de la région"
    } else {
        "et dans les environs"
    };
    format!(
        "{methode}\n\nNous accueillons des adultes sans diplôme {} {ou}.\n\n*Centre fictif, créé pour la démonstration du site.*",
        a_nom(commune)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_fill_a_batch() {
        let total: usize = QUOTAS.iter().map(|(_, eft, defi)| eft + defi).sum();
        assert_eq!(total, CENTRES_PAR_LOT);
    }
}
