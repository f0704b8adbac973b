//! Where centres sit: the French-speaking municipalities weighted by where the real
//! sector is dense, their localities usable as addresses, and their telephone zones.

use std::sync::OnceLock;

use geo::Point;

use super::hasard::Rng;
use crate::refdata::{Commune, Localite, RefData};
use crate::text::fold;

/// Relative weight (tenths) of municipalities where the real sector is dense. Every other
/// French-speaking municipality weighs [`POIDS_AUTRES`].
const POIDS: &[(&str, u32)] = &[
    // Liège and its suburbs
    ("Liège", 180),
    ("Seraing", 50),
    ("Herstal", 40),
    ("Flémalle", 20),
    ("Saint-Nicolas", 15),
    ("Ans", 15),
    ("Grâce-Hollogne", 10),
    ("Visé", 10),
    ("Fléron", 10),
    ("Aywaille", 10),
    ("Chaudfontaine", 5),
    ("Oupeye", 5),
    ("Esneux", 5),
    // Huy-Waremme
    ("Huy", 30),
    ("Waremme", 15),
    ("Hannut", 10),
    ("Amay", 5),
    ("Wanze", 5),
    // Verviers
    ("Verviers", 70),
    ("Dison", 10),
    ("Spa", 10),
    ("Malmedy", 10),
    ("Herve", 10),
    ("Pepinster", 5),
    ("Welkenraedt", 5),
    ("Stavelot", 5),
    // Charleroi
    ("Charleroi", 140),
    ("Châtelet", 20),
    ("Fleurus", 15),
    ("Courcelles", 10),
    ("Farciennes", 10),
    ("Fontaine-l’Evêque", 10),
    ("Gerpinnes", 5),
    ("Pont-à-Celles", 5),
    ("Aiseau-Presles", 5),
    ("Thuin", 10),
    ("Chimay", 10),
    ("Couvin", 10),
    ("Beaumont", 5),
    ("Philippeville", 5),
    ("Walcourt", 5),
    // Mons - Borinage
    ("Mons", 80),
    ("Quaregnon", 15),
    ("Boussu", 15),
    ("Frameries", 15),
    ("Saint-Ghislain", 15),
    ("Colfontaine", 10),
    ("Dour", 10),
    // Centre
    ("La Louvière", 70),
    ("Binche", 25),
    ("Manage", 15),
    ("Soignies", 15),
    ("Morlanwelz", 10),
    ("Braine-le-Comte", 10),
    // Wallonie picarde
    ("Tournai", 60),
    ("Mouscron", 35),
    ("Ath", 25),
    ("Péruwelz", 10),
    ("Leuze-en-Hainaut", 10),
    ("Lessines", 10),
    ("Comines-Warneton", 10),
    ("Enghien", 5),
    // Namur
    ("Namur", 100),
    ("Sambreville", 20),
    ("Gembloux", 15),
    ("Andenne", 15),
    ("Jemeppe-sur-Sambre", 10),
    ("Eghezée", 5),
    ("Fosses-la-Ville", 5),
    ("Dinant", 20),
    ("Ciney", 10),
    ("Rochefort", 10),
    ("Beauraing", 5),
    ("Florennes", 5),
    // Brabant wallon
    ("Nivelles", 25),
    ("Wavre", 25),
    ("Ottignies-Louvain-la-Neuve", 25),
    ("Tubize", 15),
    ("Braine-l’Alleud", 10),
    ("Jodoigne", 10),
    ("Perwez", 5),
    ("Rixensart", 5),
    ("Genappe", 5),
    // Luxembourg
    ("Arlon", 25),
    ("Marche-en-Famenne", 25),
    ("Bastogne", 20),
    ("Libramont-Chevigny", 15),
    ("Virton", 15),
    ("Neufchâteau", 10),
    ("Bertrix", 10),
    ("Durbuy", 10),
    ("Bouillon", 10),
    ("Aubange", 10),
    ("Saint-Hubert", 5),
    ("Florenville", 5),
    ("Vielsalm", 5),
    ("Houffalize", 5),
    ("La Roche-en-Ardenne", 5),
    ("Habay", 3),
    ("Etalle", 3),
];

const POIDS_AUTRES: u32 = 1;

/// Telephone zone by municipality, where it differs from its arrondissement's.
const ZONES_COMMUNES: &[(&str, &str)] = &[
    ("Mouscron", "056"),
    ("Comines-Warneton", "056"),
    ("Estaimpuis", "056"),
    ("Nivelles", "067"),
    ("Tubize", "02"),
    ("Ittre", "067"),
    ("Braine-le-Château", "02"),
    ("Rebecq", "067"),
    ("Genappe", "067"),
    ("Waterloo", "02"),
    ("Braine-l’Alleud", "02"),
    ("Rixensart", "02"),
    ("La Hulpe", "02"),
    ("Lasne", "02"),
    ("Enghien", "02"),
    ("Lessines", "068"),
    ("Malmedy", "080"),
    ("Stavelot", "080"),
    ("Waimes", "080"),
    ("Trois-Ponts", "080"),
    ("Vielsalm", "080"),
    ("Gouvy", "080"),
    ("Ciney", "083"),
    ("Hamois", "083"),
    ("Havelange", "083"),
    ("Rochefort", "084"),
    ("Durbuy", "086"),
    ("Erezée", "086"),
    ("Manhay", "086"),
    ("Chimay", "060"),
    ("Momignies", "060"),
    ("Couvin", "060"),
    ("Viroinval", "060"),
    ("Andenne", "085"),
    ("Hannut", "019"),
];

/// Telephone zone by arrondissement.
const ZONES_ARRONDISSEMENTS: &[(&str, &str)] = &[
    ("Arlon", "063"),
    ("Ath", "068"),
    ("Bastogne", "061"),
    ("Charleroi", "071"),
    ("Dinant", "082"),
    ("Huy", "085"),
    ("La Louvière", "064"),
    ("Liège", "04"),
    ("Marche-en-Famenne", "084"),
    ("Mons", "065"),
    ("Namur", "081"),
    ("Neufchâteau", "061"),
    ("Nivelles", "010"),
    ("Philippeville", "071"),
    ("Soignies", "067"),
    ("Thuin", "071"),
    ("Tournai-Mouscron", "069"),
    ("Verviers", "087"),
    ("Virton", "063"),
    ("Waremme", "019"),
];

/// A municipality where centres may be placed.
pub(super) struct Ville {
    pub(super) commune: &'static Commune,
    pub(super) poids: u32,
    /// Localities whose point lies in the municipality; the one named like the
    /// municipality first when there is one.
    pub(super) localites: Vec<&'static Localite>,
    pub(super) principale: bool,
    pub(super) zone: &'static str,
}

pub(super) struct Carte {
    pub(super) rd: &'static RefData,
    pub(super) villes: Vec<Ville>,
}

pub(super) fn carte() -> &'static Carte {
    static CARTE: OnceLock<Carte> = OnceLock::new();
    CARTE.get_or_init(|| Carte::new(RefData::load()))
}

fn poids_de(commune: &Commune) -> u32 {
    let nom = fold(&commune.nom);
    POIDS
        .iter()
        .find(|(n, _)| fold(n) == nom)
        .map_or(POIDS_AUTRES, |&(_, p)| p)
}

fn zone_de(commune: &Commune) -> &'static str {
    let nom = fold(&commune.nom);
    ZONES_COMMUNES
        .iter()
        .find(|(n, _)| fold(n) == nom)
        .or_else(|| {
            ZONES_ARRONDISSEMENTS
                .iter()
                .find(|(a, _)| *a == commune.arrondissement)
        })
        .map_or("081", |&(_, z)| z)
}

impl Carte {
    fn new(rd: &'static RefData) -> Carte {
        let villes = rd
            .communes
            .iter()
            .filter(|c| c.francophone)
            .filter_map(|c| Carte::ville(rd, c))
            .collect();
        Carte { rd, villes }
    }

    fn ville(rd: &'static RefData, commune: &'static Commune) -> Option<Ville> {
        let mut localites: Vec<&Localite> = rd
            .localites
            .iter()
            .filter(|l| l.nis == commune.nis && localite_sure(rd, l))
            .collect();
        let nom = fold(&commune.nom);
        let principale = match localites.iter().position(|l| fold(&l.nom) == nom) {
            Some(i) => {
                let l = localites.remove(i);
                localites.insert(0, l);
                true
            }
            None => false,
        };
        (!localites.is_empty()).then(|| Ville {
            commune,
            poids: poids_de(commune),
            localites,
            principale,
            zone: zone_de(commune),
        })
    }

    /// A municipality, drawn by weight.
    pub(super) fn tirer(&self, rng: &mut Rng) -> usize {
        let poids: Vec<u32> = self.villes.iter().map(|v| v.poids).collect();
        rng.weighted(&poids)
    }

    /// A municipality within 15 km of `home` (or `home` itself when there is none).
    pub(super) fn voisine(&self, rng: &mut Rng, home: usize) -> usize {
        self.tirer_parmi(rng, home, |_, km2| km2 <= 15.0 * 15.0, 30)
    }

    /// A town of some weight, 15 to 60 km from `home`: the second town of a centre.
    pub(super) fn autre_ville(&self, rng: &mut Rng, home: usize) -> usize {
        self.tirer_parmi(
            rng,
            home,
            |v, km2| v.poids >= 10 && (15.0 * 15.0..=60.0 * 60.0).contains(&km2),
            0,
        )
    }

    fn tirer_parmi(
        &self,
        rng: &mut Rng,
        home: usize,
        ok: impl Fn(&Ville, f64) -> bool,
        plancher: u32,
    ) -> usize {
        let centre = self.villes[home].commune.centroide;
        let candidates: Vec<usize> = (0..self.villes.len())
            .filter(|&i| {
                i != home
                    && ok(
                        &self.villes[i],
                        km2(centre, self.villes[i].commune.centroide),
                    )
            })
            .collect();
        if candidates.is_empty() {
            return home;
        }
        let poids: Vec<u32> = candidates
            .iter()
            .map(|&i| self.villes[i].poids.max(plancher))
            .collect();
        candidates[rng.weighted(&poids)]
    }

    /// The nearest station within 1 km, with its distance in km.
    pub(super) fn gare_proche(&self, p: Point<f64>) -> Option<(&'static str, f64)> {
        self.rd
            .gares
            .iter()
            .map(|g| (g.nom.as_str(), km2(p, g.point)))
            .filter(|&(_, d2)| d2 <= 1.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(nom, d2)| (nom, d2.sqrt()))
    }
}

/// A locality usable as an address: French-speaking, its point inside its municipality,
/// and the (postal code, name) pair names no other municipality.
fn localite_sure(rd: &RefData, l: &Localite) -> bool {
    let nom = fold(&l.nom);
    let premiere = rd
        .localites_du_code_postal(&l.code_postal)
        .into_iter()
        .find(|o| fold(&o.nom) == nom);
    premiere.is_some_and(|o| o.nis == l.nis)
        && rd
            .commune_contenant(l.point)
            .is_some_and(|c| c.nis == l.nis && c.francophone)
}

/// Squared distance in km² (local equirectangular projection, Wallonia's latitude).
fn km2(a: Point<f64>, b: Point<f64>) -> f64 {
    let dx = (a.x() - b.x()) * 71.5;
    let dy = (a.y() - b.y()) * 111.2;
    dx * dx + dy * dy
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn weighted_towns_are_french_speaking_municipalities() {
        let carte = carte();
        let noms = POIDS
            .iter()
            .map(|(n, _)| n)
            .chain(ZONES_COMMUNES.iter().map(|(n, _)| n));
        for nom in noms {
            let ville = carte
                .villes
                .iter()
                .find(|v| fold(&v.commune.nom) == fold(nom));
            assert!(ville.is_some(), "{nom}");
        }
        let mut par_province: BTreeMap<&str, usize> = BTreeMap::new();
        for v in &carte.villes {
            *par_province.entry(v.commune.province.as_str()).or_default() += 1;
            assert!(!v.localites.is_empty());
        }
        assert_eq!(par_province.len(), 5, "{par_province:?}");
    }
}
