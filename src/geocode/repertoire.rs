//! The gazetteer: every municipality, locality and postal code as a [`Candidate`], with
//! its label and point, sorted, and the indexes by name key and postal code.

use std::collections::{BTreeMap, HashMap};

use geo::{Closest, HaversineClosestPoint, Point};

use super::cles::cle;
use super::{Candidate, Geocoder, HORS_COMMUNE_MAX_KM, Kind};
use crate::refdata::{Commune, Localite, RefData};
use crate::text::fold;

impl Geocoder {
    /// Builds the name, postal-code and municipality indexes.
    pub fn new(refdata: &'static RefData) -> Geocoder {
        let mut entrees: Vec<Candidate> = Vec::with_capacity(2500);
        // (key, entry) before sorting; fixed up to indexes after.
        let mut cles: Vec<(String, usize)> = Vec::with_capacity(2600);
        let mut nis_par_cle: HashMap<String, Vec<String>> = HashMap::new();

        let point_de = |l: &Localite| point_localite(refdata, l);

        for c in &refdata.communes {
            let noms_commune: Vec<String> = noms(c).map(cle).collect();
            for k in &noms_commune {
                let v = nis_par_cle.entry(k.clone()).or_default();
                if !v.contains(&c.nis) {
                    v.push(c.nis.clone());
                }
            }
            let homonyme = refdata
                .localites
                .iter()
                .find(|l| l.nis == c.nis && noms_commune.contains(&cle(&l.nom)));
            let (point, cp) = match homonyme {
                Some(l) => (point_de(l), l.code_postal.clone()),
                None => (c.centroide, c.codes_postaux[0].clone()),
            };
            let i = entrees.len();
            entrees.push(Candidate {
                label: format!("{} ({cp})", c.nom),
                nom: c.nom.clone(),
                kind: Kind::Commune,
                nis: c.nis.clone(),
                code_postal: Some(cp),
                point,
            });
            for k in noms_commune {
                if !cles.contains(&(k.clone(), i)) {
                    cles.push((k, i));
                }
            }
        }

        for l in &refdata.localites {
            let Some(c) = refdata.commune(&l.nis) else {
                continue;
            };
            let k = cle(&l.nom);
            if noms(c).any(|n| cle(n) == k) {
                continue; // the municipality itself
            }
            cles.push((k, entrees.len()));
            entrees.push(Candidate {
                label: format!("{} ({}, {})", l.nom, l.code_postal, c.nom),
                nom: l.nom.clone(),
                kind: Kind::Localite,
                nis: l.nis.clone(),
                code_postal: Some(l.code_postal.clone()),
                point: point_de(l),
            });
        }

        let mut cps: Vec<(&String, &Commune)> = refdata
            .communes
            .iter()
            .flat_map(|c| c.codes_postaux.iter().map(move |cp| (cp, c)))
            .collect();
        cps.sort_by(|a, b| a.0.cmp(b.0));
        cps.dedup_by(|a, b| a.0 == b.0);
        for (cp, c) in cps {
            let locs = refdata.localites_du_code_postal(cp);
            let noms_commune: Vec<String> = noms(c).map(cle).collect();
            let choisie = locs
                .iter()
                .find(|l| noms_commune.contains(&cle(&l.nom)))
                .or(locs.first());
            let (nom, point) = match choisie {
                Some(l) => (l.nom.clone(), point_de(l)),
                None => (c.nom.clone(), c.centroide),
            };
            let mut label = format!("{cp} {}", c.nom);
            if !(locs.is_empty() || locs.len() == 1 && locs[0].nom == c.nom) {
                let liste: Vec<&str> = locs.iter().map(|l| l.nom.as_str()).collect();
                label.push_str(&format!(" ({})", liste.join(", ")));
            }
            entrees.push(Candidate {
                label,
                nom,
                kind: Kind::CodePostal,
                nis: c.nis.clone(),
                code_postal: Some(cp.clone()),
                point,
            });
        }

        // Sort, then map the keys' entry numbers to the sorted positions.
        let mut ordre: Vec<usize> = (0..entrees.len()).collect();
        let tri: Vec<String> = entrees.iter().map(|e| fold(&e.nom)).collect();
        ordre.sort_by(|&a, &b| {
            let (x, y) = (&entrees[a], &entrees[b]);
            (&tri[a], x.kind, &x.code_postal, &x.nis, &x.label).cmp(&(
                &tri[b],
                y.kind,
                &y.code_postal,
                &y.nis,
                &y.label,
            ))
        });
        let mut position = vec![0; entrees.len()];
        for (rang, &i) in ordre.iter().enumerate() {
            position[i] = rang;
        }
        let mut rangees: Vec<(usize, Candidate)> = entrees
            .into_iter()
            .enumerate()
            .map(|(i, e)| (position[i], e))
            .collect();
        rangees.sort_unstable_by_key(|&(rang, _)| rang);
        let entrees: Vec<Candidate> = rangees.into_iter().map(|(_, e)| e).collect();

        let mut par_cle: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, i) in cles {
            par_cle.entry(k).or_default().push(position[i]);
        }
        for v in par_cle.values_mut() {
            v.sort_by(|&a, &b| ordre_reponse(&entrees[a], &entrees[b]));
            v.dedup();
        }
        let par_cp = entrees
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::CodePostal)
            .filter_map(|(i, e)| Some((e.code_postal.clone()?, i)))
            .collect();

        Geocoder {
            refdata,
            entrees,
            par_cle,
            par_cp,
            nis_par_cle,
        }
    }

    /// Every distinct entry — municipalities, localities (those that are not their
    /// municipality's namesake), postal codes — sorted by folded name, then kind, postal
    /// code and NIS code. For the browser's search index.
    pub fn gazetteer(&self) -> Vec<Candidate> {
        self.entrees.clone()
    }
}

/// Order of answers: kind, then postal code, NIS code, label.
pub(super) fn ordre_reponse(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    (a.kind, &a.code_postal, &a.nis, &a.label).cmp(&(b.kind, &b.code_postal, &b.nis, &b.label))
}

/// The names of a municipality: French (or German) name, and the other one if any.
pub(super) fn noms(c: &Commune) -> impl Iterator<Item = &str> {
    std::iter::once(c.nom.as_str()).chain(c.autre_nom.as_deref())
}

/// A locality's point, moved onto its municipality's boundary when it lies further than
/// [`HORS_COMMUNE_MAX_KM`] outside it.
pub(super) fn point_localite(d: &RefData, l: &Localite) -> Point<f64> {
    let Some(c) = d.commune(&l.nis) else {
        return l.point;
    };
    if d.distance_au_contour_km(c, l.point) <= HORS_COMMUNE_MAX_KM {
        return l.point;
    }
    match c.contour.haversine_closest_point(&l.point) {
        Closest::SinglePoint(p) | Closest::Intersection(p) => p,
        Closest::Indeterminate => c.centroide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geocode::essais::{d, dans, g, premier};

    #[test]
    fn toutes_les_communes() {
        for c in &d().communes {
            for nom in noms(c) {
                let r = g().geocode(nom).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(r[0].kind, Kind::Commune, "{nom}: {r:?}");
                assert!(dans(&r[0], &c.nis), "{nom}: {r:?}");
            }
        }
    }

    #[test]
    fn tous_les_codes_postaux() {
        let mut n = 0;
        for c in &d().communes {
            for cp in &c.codes_postaux {
                let r = g().geocode(cp).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(r.len(), 1, "{cp}: {r:?}");
                assert_eq!(r[0].kind, Kind::CodePostal);
                assert_eq!(r[0].code_postal.as_deref(), Some(cp.as_str()));
                assert!(dans(&r[0], &c.nis), "{cp}: {r:?}");
                n += 1;
            }
        }
        assert_eq!(n, 606);
    }

    #[test]
    fn toutes_les_localites() {
        for l in &d().localites {
            let r = g().geocode(&l.nom).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                r.iter().any(|c| dans(c, &l.nis)),
                "{} {} ({}): {r:?}",
                l.code_postal,
                l.nom,
                l.nis
            );
            // With its postal code, the locality is the only answer.
            let r = g()
                .geocode(&format!("{} {}", l.nom, l.code_postal))
                .unwrap();
            assert_eq!(r.len(), 1, "{} {}: {r:?}", l.nom, l.code_postal);
            assert!(dans(&r[0], &l.nis));
        }
    }

    #[test]
    fn points_deplaces_sur_le_contour() {
        // The four localities 1–3 km outside their municipality (data/ref/SOURCES.md).
        let deplaces: Vec<String> = d()
            .localites
            .iter()
            .filter(|l| point_localite(d(), l) != l.point)
            .map(|l| format!("{} {}", l.code_postal, l.nom))
            .collect();
        assert_eq!(
            deplaces,
            [
                "1370 Zétrud-Lumay",
                "4800 Polleur",
                "4920 Louveigné",
                "7181 Familleureux"
            ]
        );
        for l in &d().localites {
            let p = point_localite(d(), l);
            let km = crate::spatial::distance_km(p, l.point);
            assert!(km < 3.5, "{} moved {km} km", l.nom);
        }
    }

    #[test]
    fn communes_et_localites_homonymes() {
        // Municipality and its own locality: one answer.
        let r = g().geocode("Seraing").unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, Kind::Commune);
        let r = g().geocode("liège").unwrap();
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(
            (r[0].nis.as_str(), r[0].code_postal.as_deref()),
            ("62063", Some("4000"))
        );
        // Point of a municipality: its namesake locality, else the centroid.
        let liege = d().localites_du_code_postal("4000");
        assert_eq!(
            r[0].point,
            liege.iter().find(|l| l.nom == "Liège").unwrap().point
        );
        let hshn = premier("Ham-sur-Heure-Nalinnes");
        assert_eq!(hshn.point, d().commune("56086").unwrap().centroide);
        assert_eq!(hshn.label, "Ham-sur-Heure-Nalinnes (6120)");
        let sv = premier("Sankt Vith");
        assert_eq!(
            sv.point,
            d().localites_du_code_postal("4780")
                .iter()
                .find(|l| l.nom == "Saint-Vith")
                .unwrap()
                .point
        );
    }

    #[test]
    fn repertoire_complet_et_relisible() {
        let tout = g().gazetteer();
        let compte = |k: Kind| tout.iter().filter(|c| c.kind == k).count();
        assert_eq!(compte(Kind::Commune), 261);
        assert_eq!(compte(Kind::CodePostal), 606);
        assert!(compte(Kind::Localite) > 1200);
        let mut labels: Vec<&str> = tout.iter().map(|c| c.label.as_str()).collect();
        labels.sort();
        let n = labels.len();
        labels.dedup();
        assert_eq!(labels.len(), n, "labels are unique");
        assert_eq!(tout, g().gazetteer(), "deterministic");
        let cles: Vec<String> = tout.iter().map(|c| fold(&c.nom)).collect();
        assert!(cles.windows(2).all(|w| w[0] <= w[1]), "sorted");
        for c in &tout {
            let r = g().geocode(&c.label).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&r[0], c, "{}", c.label);
        }
    }
}
