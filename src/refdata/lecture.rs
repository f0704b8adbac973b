//! The embedded files (`data/ref/`) and their parsing into [`RefData`]: every table is
//! read with `fichier_csv::lire`, checked (known keys, no duplicate), sorted by its key and
//! cross-linked (postal codes of a municipality, its main locality).

use std::collections::HashMap;

use geo::{BoundingRect, LineString, MultiPolygon, Point, Polygon};

use super::fichier_csv;
use super::{
    Appellation, Bassin, Commune, DomaineRome, FicheRome, Gare, GrandDomaineRome, Localite,
    RefData, Rome,
};
use crate::text::fold;

const COMMUNES_CSV: &str = include_str!("../../data/ref/communes.csv");
const CONTOURS_JSON: &str = include_str!("../../data/ref/communes-contours.json");
const BASSINS_CSV: &str = include_str!("../../data/ref/bassins.csv");
const BASSINS_COMMUNES_CSV: &str = include_str!("../../data/ref/bassins-communes.csv");
const CODES_POSTAUX_CSV: &str = include_str!("../../data/ref/codes-postaux.csv");
const LOCALITES_CSV: &str = include_str!("../../data/ref/localites.csv");
const GARES_CSV: &str = include_str!("../../data/ref/gares.csv");
const ROME_GRANDS_DOMAINES_CSV: &str = include_str!("../../data/ref/rome-grands-domaines.csv");
const ROME_DOMAINES_CSV: &str = include_str!("../../data/ref/rome-domaines.csv");
const ROME_FICHES_CSV: &str = include_str!("../../data/ref/rome-fiches.csv");
const ROME_APPELLATIONS_CSV: &str = include_str!("../../data/ref/rome-appellations.csv");

impl RefData {
    /// Parses the embedded files. Errors name the file and line.
    pub(super) fn parse() -> Result<RefData, String> {
        let mut contours: HashMap<String, Vec<Vec<Vec<[f64; 2]>>>> =
            serde_json::from_str(CONTOURS_JSON)
                .map_err(|e| format!("communes-contours.json: {e}"))?;

        let mut bassins = Vec::new();
        fichier_csv::lire("bassins.csv", BASSINS_CSV, ["id", "nom"], |[id, nom]| {
            bassins.push(Bassin {
                id: id.to_string(),
                nom: nom.to_string(),
            });
            Ok(())
        })?;

        let mut bassin_de: HashMap<String, String> = HashMap::new();
        fichier_csv::lire(
            "bassins-communes.csv",
            BASSINS_COMMUNES_CSV,
            ["nis", "bassin", "commune"],
            |[nis, bassin, _]| {
                if !bassins.iter().any(|b| b.id == bassin) {
                    return Err(format!("unknown bassin {bassin}"));
                }
                bassin_de.insert(nis.to_string(), bassin.to_string());
                Ok(())
            },
        )?;

        let mut communes = Vec::with_capacity(261);
        fichier_csv::lire(
            "communes.csv",
            COMMUNES_CSV,
            [
                "nis",
                "nom",
                "autre_nom",
                "province",
                "arrondissement",
                "francophone",
                "lon",
                "lat",
            ],
            |[
                nis,
                nom,
                autre_nom,
                province,
                arrondissement,
                francophone,
                lon,
                lat,
            ]| {
                let nis = nis.to_string();
                let rings = contours
                    .remove(&nis)
                    .ok_or("no polygon in communes-contours.json")?;
                let contour = multipolygone(rings).ok_or("empty polygon")?;
                let bbox = contour.bounding_rect().ok_or("empty polygon")?;
                let bassin = bassin_de
                    .remove(&nis)
                    .ok_or("no bassin in bassins-communes.csv")?;
                let centroide = point(lon, lat)?;
                communes.push(Commune {
                    nom: nom.to_string(),
                    autre_nom: (!autre_nom.is_empty()).then(|| autre_nom.to_string()),
                    province: province.to_string(),
                    arrondissement: arrondissement.to_string(),
                    bassin,
                    francophone: match francophone {
                        "1" => true,
                        "0" => false,
                        v => return Err(format!("francophone must be 0 or 1, not {v:?}")),
                    },
                    centroide,
                    // Moved to the main locality once localities are read.
                    point: centroide,
                    contour,
                    bbox,
                    codes_postaux: Vec::new(),
                    nis,
                });
                Ok(())
            },
        )?;
        if let Some(nis) = contours.keys().next() {
            return Err(format!(
                "communes-contours.json: polygon for unknown municipality {nis}"
            ));
        }
        if let Some(nis) = bassin_de.keys().next() {
            return Err(format!(
                "bassins-communes.csv: bassin for unknown municipality {nis}"
            ));
        }
        trier_unique("communes.csv", &mut communes, |c| c.nis.as_str())?;

        let mut communes_par_cp: HashMap<String, Vec<usize>> = HashMap::new();
        fichier_csv::lire(
            "codes-postaux.csv",
            CODES_POSTAUX_CSV,
            ["code_postal", "nis"],
            |[cp, nis]| {
                let i = communes
                    .binary_search_by(|c| c.nis.as_str().cmp(nis))
                    .map_err(|_| format!("unknown municipality {nis}"))?;
                communes_par_cp.entry(cp.to_string()).or_default().push(i);
                Ok(())
            },
        )?;
        for (cp, indexes) in &communes_par_cp {
            for &i in indexes {
                communes[i].codes_postaux.push(cp.clone());
            }
        }
        for c in &mut communes {
            c.codes_postaux.sort();
        }

        let mut localites = Vec::with_capacity(1600);
        fichier_csv::lire(
            "localites.csv",
            LOCALITES_CSV,
            ["code_postal", "nom", "nis", "lon", "lat"],
            |[cp, nom, nis, lon, lat]| {
                let cp_ok = communes_par_cp
                    .get(cp)
                    .is_some_and(|v| v.iter().any(|&i| communes[i].nis == nis));
                if !cp_ok {
                    return Err(format!("municipality {nis} is not one of postal code {cp}"));
                }
                localites.push(Localite {
                    code_postal: cp.to_string(),
                    nom: nom.to_string(),
                    nis: nis.to_string(),
                    point: point(lon, lat)?,
                });
                Ok(())
            },
        )?;
        localites.sort_by(|a, b| (&a.code_postal, &a.nom).cmp(&(&b.code_postal, &b.nom)));
        // The first locality (in postal-code order) that bears its municipality's name.
        let noms: Vec<String> = communes.iter().map(|c| fold(&c.nom)).collect();
        let mut placee = vec![false; communes.len()];
        for l in &localites {
            if let Ok(i) = communes.binary_search_by(|c| c.nis.as_str().cmp(&l.nis))
                && !placee[i]
                && fold(&l.nom) == noms[i]
            {
                communes[i].point = l.point;
                placee[i] = true;
            }
        }

        let mut gares = Vec::with_capacity(400);
        fichier_csv::lire(
            "gares.csv",
            GARES_CSV,
            ["id", "nom", "lon", "lat"],
            |[id, nom, lon, lat]| {
                gares.push(Gare {
                    id: id.to_string(),
                    nom: nom.to_string(),
                    point: point(lon, lat)?,
                });
                Ok(())
            },
        )?;
        trier_unique("gares.csv", &mut gares, |g| g.id.as_str())?;

        let rome = Rome::parse()?;

        Ok(RefData {
            communes,
            localites,
            gares,
            bassins,
            rome,
            communes_par_cp,
        })
    }
}

impl Rome {
    fn parse() -> Result<Rome, String> {
        let mut grands_domaines = Vec::with_capacity(14);
        fichier_csv::lire(
            "rome-grands-domaines.csv",
            ROME_GRANDS_DOMAINES_CSV,
            ["code", "libelle"],
            |[code, libelle]| {
                grands_domaines.push(GrandDomaineRome {
                    code: code.to_string(),
                    libelle: libelle.to_string(),
                });
                Ok(())
            },
        )?;
        trier_unique("rome-grands-domaines.csv", &mut grands_domaines, |g| {
            g.code.as_str()
        })?;

        let mut domaines = Vec::with_capacity(110);
        fichier_csv::lire(
            "rome-domaines.csv",
            ROME_DOMAINES_CSV,
            ["code", "libelle", "grand_domaine"],
            |[code, libelle, grand_domaine]| {
                domaines.push(DomaineRome {
                    code: code.to_string(),
                    libelle: libelle.to_string(),
                    grand_domaine: grand_domaine.to_string(),
                });
                Ok(())
            },
        )?;
        trier_unique("rome-domaines.csv", &mut domaines, |d| d.code.as_str())?;

        let mut fiches = Vec::with_capacity(532);
        fichier_csv::lire(
            "rome-fiches.csv",
            ROME_FICHES_CSV,
            ["code", "libelle", "domaine"],
            |[code, libelle, domaine]| {
                fiches.push(FicheRome {
                    code: code.to_string(),
                    libelle: libelle.to_string(),
                    domaine: domaine.to_string(),
                });
                Ok(())
            },
        )?;
        trier_unique("rome-fiches.csv", &mut fiches, |f| f.code.as_str())?;

        let mut appellations = Vec::with_capacity(11_118);
        fichier_csv::lire(
            "rome-appellations.csv",
            ROME_APPELLATIONS_CSV,
            ["code_rome", "libelle"],
            |[code_rome, libelle]| {
                appellations.push(Appellation {
                    code_rome: code_rome.to_string(),
                    libelle: libelle.to_string(),
                });
                Ok(())
            },
        )?;
        // Stable: keeps the upstream order within a code.
        appellations.sort_by(|a, b| a.code_rome.cmp(&b.code_rome));

        Ok(Rome {
            fiches,
            domaines,
            grands_domaines,
            appellations,
        })
    }
}

/// Sorts by key and rejects duplicate keys.
fn trier_unique<T>(fichier: &str, v: &mut [T], cle: impl Fn(&T) -> &str) -> Result<(), String> {
    v.sort_by(|a, b| cle(a).cmp(cle(b)));
    match v.windows(2).find(|w| cle(&w[0]) == cle(&w[1])) {
        Some(w) => Err(format!("{fichier}: duplicate key {}", cle(&w[0]))),
        None => Ok(()),
    }
}

fn point(lon: &str, lat: &str) -> Result<Point<f64>, String> {
    let f = |s: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("bad coordinate {s:?}"))
    };
    Ok(Point::new(f(lon)?, f(lat)?))
}

/// GeoJSON-style MultiPolygon coordinates → geo. `None` if there is no ring.
fn multipolygone(polys: Vec<Vec<Vec<[f64; 2]>>>) -> Option<MultiPolygon<f64>> {
    let polygones: Vec<Polygon<f64>> = polys
        .into_iter()
        .filter_map(|rings| {
            let mut rings = rings.into_iter().map(LineString::from);
            let exterieur = rings.next()?;
            Some(Polygon::new(exterieur, rings.collect()))
        })
        .collect();
    (!polygones.is_empty()).then(|| MultiPolygon::new(polygones))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn les_fichiers_embarques_se_lisent() {
        if let Err(e) = RefData::parse() {
            panic!("{e}");
        }
    }

    #[test]
    fn temps_de_chargement() {
        // Meaningful in a release build: `cargo test --release --lib refdata -- --nocapture`.
        let mut meilleur = std::time::Duration::MAX;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let d = RefData::parse().unwrap();
            meilleur = meilleur.min(t.elapsed());
            assert_eq!(d.communes.len(), 261);
        }
        println!("RefData::parse: {meilleur:?} (best of 5)");
        if !cfg!(debug_assertions) {
            // Budget is 15 ms; generous bound so a busy machine does not flake.
            assert!(meilleur.as_millis() < 150, "{meilleur:?}");
        }
    }

    #[test]
    fn gares() {
        let d = RefData::load();
        assert!(d.gares.len() > 300);
        for g in &d.gares {
            let (x, y) = (g.point.x(), g.point.y());
            // Wallonia's bbox (2.85–6.41 E, 49.50–50.81 N) widened by 15 km.
            assert!(
                (2.63..=6.63).contains(&x) && (49.36..=50.95).contains(&y),
                "{} {} at {x},{y}",
                g.id,
                g.nom
            );
        }
        let guillemins = d.gares.iter().find(|g| g.id == "008841004").unwrap();
        assert_eq!(guillemins.nom, "Liège-Guillemins");
        assert!(d.gares.iter().any(|g| g.nom == "Namur"));
        assert!(!d.gares.iter().any(|g| g.nom.contains("Antwerpen")));
    }
}
