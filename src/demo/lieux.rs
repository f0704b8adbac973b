//! A centre's places: in which municipalities and localities, at which address and
//! point, and how to get there.

use geo::Point;

use super::carte::Carte;
use super::hasard::Rng;
use super::noms::{ARRETS, Ids, RUES, de_nom, types_lieux};
use super::profil::Profil;
use crate::refdata::Localite;
use crate::text::slugify;

pub(super) struct LieuDemo {
    pub(super) id: String,
    pub(super) nom: String,
    pub(super) rue: String,
    pub(super) code_postal: String,
    pub(super) localite: String,
    /// (lat, lon), rounded to 5 decimals.
    pub(super) coordonnees: Option<(f64, f64)>,
    pub(super) acces: Option<AccesDemo>,
}

pub(super) struct AccesDemo {
    pub(super) fauteuil_roulant: Option<bool>,
    pub(super) transports: Option<String>,
}

/// Where a place will be: a municipality of the map and one of its localities.
pub(super) struct Emplacement {
    pub(super) ville: usize,
    pub(super) localite: &'static Localite,
}

/// Municipalities and localities of a centre's places: mostly its home town and the
/// neighbouring municipalities, sometimes a second town further away.
pub(super) fn emplacements(
    rng: &mut Rng,
    carte: &Carte,
    home: usize,
    n: usize,
) -> Vec<Emplacement> {
    let mut villes = vec![home];
    let mut seconde: Option<usize> = None;
    for _ in 1..n {
        let r = rng.below(100);
        let ville = if r < 50 {
            home
        } else if r < 88 {
            carte.voisine(rng, home)
        } else {
            *seconde.get_or_insert_with(|| carte.autre_ville(rng, home))
        };
        villes.push(ville);
    }
    villes
        .into_iter()
        .map(|ville| {
            let v = &carte.villes[ville];
            let i = if v.principale && rng.chance(60) {
                0
            } else {
                rng.index(v.localites.len())
            };
            Emplacement {
                ville,
                localite: v.localites[i],
            }
        })
        .collect()
}

pub(super) fn lieux(
    rng: &mut Rng,
    carte: &Carte,
    centre_id: &str,
    profil: Profil,
    emplacements: &[Emplacement],
    ids: &mut Ids,
) -> Vec<LieuDemo> {
    let sortes = types_lieux(profil);
    emplacements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let loc = e.localite;
            let sorte = sortes[i % sortes.len()];
            let coordonnees = coordonnees(rng, carte, loc);
            let point = coordonnees.map_or(loc.point, |(lat, lon)| Point::new(lon, lat));
            LieuDemo {
                id: ids.prendre(&format!("{centre_id}-{}", slugify(&loc.nom))),
                nom: format!("{sorte} {}", de_nom(&loc.nom)),
                rue: format!("{} {}", rng.pick(RUES), rng.between(1, 160)),
                code_postal: loc.code_postal.clone(),
                localite: loc.nom.clone(),
                coordonnees,
                acces: acces(rng, carte, point, carte.villes[e.ville].poids >= 10),
            }
        })
        .collect()
}

/// 70 % of places: the locality point moved by at most ~400 m, kept in the municipality.
fn coordonnees(rng: &mut Rng, carte: &Carte, loc: &Localite) -> Option<(f64, f64)> {
    if !rng.chance(70) {
        return None;
    }
    let arrondi = |v: f64| (v * 1e5).round() / 1e5;
    let (mut dx, mut dy) = (0.0, 0.0);
    for _ in 0..16 {
        // Metres east and north, uniform in a disc of 390 m (71 km per degree of longitude
        // stays under 400 m at Wallonia's latitudes, with no trigonometry).
        let (x, y) = (rng.below(781) as f64 - 390.0, rng.below(781) as f64 - 390.0);
        if x * x + y * y <= 390.0 * 390.0 {
            (dx, dy) = (x, y);
            break;
        }
    }
    let lat = arrondi(loc.point.y() + dy / 111_200.0);
    let lon = arrondi(loc.point.x() + dx / 71_000.0);
    let dedans = carte
        .rd
        .commune_contenant(Point::new(lon, lat))
        .is_some_and(|c| c.nis == loc.nis);
    Some(if dedans {
        (lat, lon)
    } else {
        (arrondi(loc.point.y()), arrondi(loc.point.x()))
    })
}

fn acces(
    rng: &mut Rng,
    carte: &Carte,
    point: Point<f64>,
    ville_importante: bool,
) -> Option<AccesDemo> {
    if !rng.chance(85) {
        return None;
    }
    let fauteuil_roulant = rng.chance(95).then(|| rng.chance(65));
    let transports = rng
        .chance(90)
        .then(|| transports(rng, carte, point, ville_importante));
    Some(AccesDemo {
        fauteuil_roulant,
        transports,
    })
}

/// « Bus 12, arrêt Place communale », with the nearest station when it is within walking
/// distance.
fn transports(rng: &mut Rng, carte: &Carte, point: Point<f64>, ville_importante: bool) -> String {
    let ligne = if ville_importante {
        rng.between(1, 99)
    } else {
        rng.between(20, 180)
    };
    let bus = format!("Bus {ligne}, arrêt {}", rng.pick(ARRETS));
    match carte.gare_proche(point) {
        Some((gare, km)) => {
            let minutes = ((km * 1.3 * 12.0).ceil() as u32).max(3);
            if rng.chance(50) {
                format!("{bus} ; gare {} à {minutes} minutes à pied", de_nom(gare))
            } else {
                format!("Gare {} à {minutes} minutes à pied", de_nom(gare))
            }
        }
        None => bus,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::carte::carte;

    #[test]
    fn moved_points_stay_in_their_municipality() {
        let carte = carte();
        let mut rng = Rng::new(11);
        for ville in carte.villes.iter().step_by(7) {
            let loc = ville.localites[0];
            for _ in 0..5 {
                if let Some((lat, lon)) = coordonnees(&mut rng, carte, loc) {
                    let commune = carte.rd.commune_contenant(Point::new(lon, lat));
                    assert!(commune.is_some_and(|c| c.nis == loc.nis), "{}", loc.nom);
                }
            }
        }
    }

    #[test]
    fn every_place_of_a_centre_is_somewhere_of_the_map() {
        let carte = carte();
        let mut rng = Rng::new(5);
        for home in [0, carte.villes.len() / 2] {
            let places = emplacements(&mut rng, carte, home, 4);
            assert_eq!(places.len(), 4);
            for e in &places {
                let ville = &carte.villes[e.ville];
                assert!(ville.localites.iter().any(|l| std::ptr::eq(*l, e.localite)));
            }
        }
    }
}
