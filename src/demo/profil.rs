//! The kind of a centre (EFT, DéFi, literacy) and the templates it runs.

use super::hasard::Rng;
use super::modeles::{MODELES, Modele, P, Pour};
use crate::model::{Categorie, Secteur};

/// Sectors that go together in one centre (a bakery also runs a kitchen…).
pub(super) fn famille(s: Secteur) -> u8 {
    match s {
        Secteur::Batiment => 0,
        Secteur::Horeca | Secteur::Alimentation => 1,
        Secteur::Nettoyage | Secteur::AideAuxPersonnes => 2,
        Secteur::EspacesVerts => 3,
        Secteur::Logistique | Secteur::Vente | Secteur::Mecanique => 4,
        Secteur::Couture => 5,
        Secteur::Bureau | Secteur::Informatique | Secteur::Spectacle => 6,
        Secteur::SavoirsDeBase | Secteur::Francais | Secteur::Orientation => 7,
    }
}

/// The kind of centre, which decides its mix of tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Profil {
    Eft,
    Defi,
    /// Lire et Écrire: literacy and French.
    Alpha,
}

impl Profil {
    /// Percent of orientation, formation de base, formation professionnalisante.
    fn melange(self) -> [u32; 3] {
        match self {
            Profil::Eft => [8, 4, 88],
            Profil::Defi => [28, 42, 30],
            Profil::Alpha => [15, 85, 0],
        }
    }

    fn accepte(self, m: &Modele) -> bool {
        match self {
            Profil::Eft => m.pour != Pour::Defi,
            Profil::Defi => m.pour != Pour::Eft,
            Profil::Alpha => {
                m.pour != Pour::Eft
                    && m.categorie != P
                    && matches!(
                        m.secteur,
                        Secteur::Orientation
                            | Secteur::SavoirsDeBase
                            | Secteur::Francais
                            | Secteur::Informatique
                    )
            }
        }
    }
}

/// `n` distinct templates for a centre, trade tracks leaning to one family of sectors.
pub(super) fn choisir_modeles(rng: &mut Rng, profil: Profil, n: usize) -> Vec<&'static Modele> {
    let mut choisis: Vec<&'static Modele> = Vec::with_capacity(n);
    for _ in 0..n {
        let categorie = Categorie::ALL[rng.weighted(&profil.melange())];
        let libre = |m: &&Modele| profil.accepte(m) && !choisis.iter().any(|c| c.slug == m.slug);
        let mut candidats: Vec<&'static Modele> = MODELES
            .iter()
            .filter(libre)
            .filter(|m| m.categorie == categorie)
            .collect();
        if candidats.is_empty() {
            candidats = MODELES.iter().filter(libre).collect();
        }
        let dominante = choisis
            .iter()
            .find(|m| m.categorie == P)
            .map(|m| famille(m.secteur));
        if let Some(f) = dominante.filter(|_| categorie == P && rng.chance(65)) {
            let proches: Vec<&'static Modele> = candidats
                .iter()
                .copied()
                .filter(|m| famille(m.secteur) == f)
                .collect();
            if !proches.is_empty() {
                candidats = proches;
            }
        }
        if candidats.is_empty() {
            break;
        }
        choisis.push(candidats[rng.index(candidats.len())]);
    }
    choisis
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centre_runs_distinct_templates_of_its_kind() {
        let mut rng = Rng::new(7);
        for profil in [Profil::Eft, Profil::Defi, Profil::Alpha] {
            for n in 1..=6 {
                let choisis = choisir_modeles(&mut rng, profil, n);
                assert!(!choisis.is_empty() && choisis.len() <= n);
                assert!(choisis.iter().all(|m| profil.accepte(m)), "{profil:?}");
                for (i, m) in choisis.iter().enumerate() {
                    assert!(choisis[..i].iter().all(|c| c.slug != m.slug), "{}", m.slug);
                }
            }
        }
    }
}
