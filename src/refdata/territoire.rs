//! Look-ups in the territorial tables: municipality by NIS code, postal code or point,
//! localities of a postal code, bassins EFE, and the distance from a point to a
//! municipality.

use geo::{Contains, Coord, Point, Rect};

use super::{Bassin, Commune, Localite, RefData};

/// Kilometres per degree of latitude, and per degree of longitude at the equator, for the
/// local equirectangular projection used by distance computations.
const KM_PAR_DEGRE_LAT: f64 = 110.574;
const KM_PAR_DEGRE_LON: f64 = 111.32;

impl RefData {
    /// Municipality by NIS code.
    pub fn commune(&self, nis: &str) -> Option<&Commune> {
        self.communes
            .binary_search_by(|c| c.nis.as_str().cmp(nis))
            .ok()
            .map(|i| &self.communes[i])
    }

    /// Municipalities of a postal code; empty if the code is not Walloon.
    pub fn communes_du_code_postal(&self, cp: &str) -> Vec<&Commune> {
        self.communes_par_cp
            .get(cp)
            .map(|v| v.iter().map(|&i| &self.communes[i]).collect())
            .unwrap_or_default()
    }

    /// Localities of a postal code (sorted by name); empty if the code is not Walloon.
    pub fn localites_du_code_postal(&self, cp: &str) -> Vec<&Localite> {
        let debut = self
            .localites
            .partition_point(|l| l.code_postal.as_str() < cp);
        self.localites[debut..]
            .iter()
            .take_while(|l| l.code_postal == cp)
            .collect()
    }

    /// The municipality whose polygon contains the point, if any (points exactly on a
    /// border, or outside Wallonia, give `None`).
    pub fn commune_contenant(&self, p: Point<f64>) -> Option<&Commune> {
        self.communes
            .iter()
            .find(|c| dans_rect(&c.bbox, p) && c.contour.contains(&p))
    }

    /// Distance in km from the point to the municipality: 0 inside, else the distance to
    /// the nearest edge of its polygon (local equirectangular projection, good to well
    /// under 1 % at the scale of Wallonia).
    pub fn distance_au_contour_km(&self, c: &Commune, p: Point<f64>) -> f64 {
        if c.contour.contains(&p) {
            return 0.0;
        }
        let kx = p.y().to_radians().cos() * KM_PAR_DEGRE_LON;
        let proj = |q: Coord<f64>| (q.x * kx, q.y * KM_PAR_DEGRE_LAT);
        let (px, py) = proj(p.0);
        let mut best = f64::INFINITY;
        for poly in &c.contour.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for seg in ring.lines() {
                    let (ax, ay) = proj(seg.start);
                    let (bx, by) = proj(seg.end);
                    best = best.min(distance_point_segment(px, py, ax, ay, bx, by));
                }
            }
        }
        best
    }

    /// Bassin EFE by id.
    pub fn bassin(&self, id: &str) -> Option<&Bassin> {
        self.bassins.iter().find(|b| b.id == id)
    }

    /// Municipalities of a bassin EFE, sorted by NIS code.
    pub fn communes_du_bassin(&self, id: &str) -> Vec<&Commune> {
        self.communes.iter().filter(|c| c.bassin == id).collect()
    }
}

fn dans_rect(r: &Rect<f64>, p: Point<f64>) -> bool {
    let (min, max) = (r.min(), r.max());
    p.x() >= min.x && p.x() <= max.x && p.y() >= min.y && p.y() <= max.y
}

fn distance_point_segment(px: f64, py: f64, ax: f64, ay: f64, bx: f64, by: f64) -> f64 {
    let (dx, dy) = (bx - ax, by - ay);
    let l2 = dx * dx + dy * dy;
    let t = if l2 == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (py - ay) * dy) / l2).clamp(0.0, 1.0)
    };
    (px - (ax + t * dx)).hypot(py - (ay + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> &'static RefData {
        RefData::load()
    }

    #[test]
    fn communes_2025() {
        let d = data();
        assert_eq!(d.communes.len(), 261);
        let bastogne = d.commune("82039").expect("Bastogne 82039");
        assert_eq!(bastogne.nom, "Bastogne");
        assert!(d.commune("82003").is_none());
        assert!(d.commune("82005").is_none());
        assert!(d.commune("33016").is_none(), "Messines is Flemish");
        assert_eq!(d.commune("62063").unwrap().nom, "Liège");
        assert_eq!(d.commune("61068").unwrap().nom, "Villers-le-Bouillet");
        assert_eq!(d.commune("63040").unwrap().nom, "Kelmis");
        assert_eq!(
            d.commune("63067").unwrap().autre_nom.as_deref(),
            Some("Saint-Vith")
        );
        let germanophones: Vec<&str> = d
            .communes
            .iter()
            .filter(|c| !c.francophone)
            .map(|c| c.nis.as_str())
            .collect();
        assert_eq!(
            germanophones,
            [
                "63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"
            ]
        );
        for c in &d.communes {
            assert!(!c.codes_postaux.is_empty(), "{} has no postal code", c.nis);
            assert!(!c.province.is_empty() && !c.arrondissement.is_empty());
        }
    }

    #[test]
    fn bassins() {
        let d = data();
        assert_eq!(d.bassins.len(), 10);
        for c in &d.communes {
            assert!(d.bassin(&c.bassin).is_some(), "{}: {}", c.nis, c.bassin);
        }
        assert_eq!(d.communes_du_bassin("namur").len(), 33);
        assert_eq!(d.bassin("liege").unwrap().nom, "Liège");
        assert_eq!(d.commune("93014").unwrap().bassin, "hainaut-sud"); // Couvin
        assert_eq!(d.commune("93022").unwrap().bassin, "namur"); // Florennes
        assert_eq!(d.commune("51067").unwrap().bassin, "wallonie-picarde"); // Enghien
        assert_eq!(d.commune("58001").unwrap().bassin, "hainaut-centre"); // La Louvière
        assert_eq!(
            d.commune("63023").unwrap().bassin,
            "communaute-germanophone"
        );
        assert_eq!(d.commune("63079").unwrap().bassin, "verviers");
        for c in d.communes_du_bassin("verviers") {
            assert!(c.francophone);
        }
        let total: usize = d
            .bassins
            .iter()
            .map(|b| d.communes_du_bassin(&b.id).len())
            .sum();
        assert_eq!(total, 261);
    }

    #[test]
    fn codes_postaux_et_localites() {
        let d = data();
        let seraing: Vec<&str> = d
            .communes_du_code_postal("4101")
            .iter()
            .map(|c| c.nis.as_str())
            .collect();
        assert_eq!(seraing, ["62096"]);
        let loc = d.localites_du_code_postal("4101");
        assert!(
            loc.iter()
                .any(|l| l.nom == "Jemeppe-sur-Meuse" && l.nis == "62096"),
            "{loc:?}"
        );
        let namur = d.communes_du_code_postal("5000");
        assert_eq!(namur.len(), 1);
        assert_eq!(namur[0].nom, "Namur");
        assert!(
            d.localites_du_code_postal("5100")
                .iter()
                .any(|l| l.nom == "Jambes")
        );
        let bastogne: Vec<&str> = d
            .communes_du_code_postal("6600")
            .iter()
            .map(|c| c.nis.as_str())
            .collect();
        assert_eq!(bastogne, ["82039"]);
        assert!(d.communes_du_code_postal("1000").is_empty());
        assert!(d.communes_du_code_postal("9000").is_empty());
        assert!(d.localites_du_code_postal("1000").is_empty());
        assert!(d.localites_du_code_postal("").is_empty());
        // Capitalisation fixed.
        for l in &d.localites {
            for mot in [
                "-Sur-", "-Sous-", "-Lez-", "-La-", "-Le-", "-Les-", "-En-", "-De-",
            ] {
                assert!(!l.nom.contains(mot), "{}", l.nom);
            }
        }
        assert!(d.localites.iter().any(|l| l.nom == "Braine-l’Alleud"));
        // Every locality lies in (or near) its municipality.
        for l in &d.localites {
            let c = d.commune(&l.nis).unwrap();
            let km = d.distance_au_contour_km(c, l.point);
            assert!(
                km < 5.0,
                "{} {} is {km:.1} km from {}",
                l.code_postal,
                l.nom,
                c.nom
            );
        }
    }

    #[test]
    fn point_dans_commune() {
        let d = data();
        let liege = d.commune_contenant(Point::new(5.5736, 50.6451)).unwrap();
        assert_eq!(liege.nis, "62063");
        // The centre of the former Bertogne.
        let bertogne = d.commune_contenant(Point::new(5.64581, 50.05833)).unwrap();
        assert_eq!(bertogne.nis, "82039");
        // A point of the former Bastogne–Bertogne border: no inner border left.
        let frontiere = Point::new(5.701825, 50.027815);
        assert_eq!(d.commune_contenant(frontiere).unwrap().nis, "82039");
        assert_eq!(bastogne_anneaux(d), 1);
        // Brussels, Messines and Maastricht are not in Wallonia.
        assert!(d.commune_contenant(Point::new(4.3517, 50.8466)).is_none());
        assert!(d.commune_contenant(Point::new(2.8986, 50.7653)).is_none());
        assert!(d.commune_contenant(Point::new(5.6909, 50.8514)).is_none());
    }

    fn bastogne_anneaux(d: &RefData) -> usize {
        let b = d.commune("82039").unwrap();
        b.contour.0.iter().map(|p| 1 + p.interiors().len()).sum()
    }

    #[test]
    fn distances() {
        let d = data();
        let liege = d.commune("62063").unwrap();
        assert_eq!(
            d.distance_au_contour_km(liege, Point::new(5.5736, 50.6451)),
            0.0
        );
        // Namur station is ~ 50 km from the city of Liège.
        let km = d.distance_au_contour_km(liege, Point::new(4.8622, 50.4688));
        assert!((35.0..60.0).contains(&km), "{km}");
        // Segment distance sanity: 1/100 of a degree of latitude ≈ 1.1 km.
        let v = distance_point_segment(0.0, 1.10574, -1.0, 0.0, 1.0, 0.0);
        assert!((v - 1.10574).abs() < 1e-9);
    }

    #[test]
    fn contours_et_centroides() {
        let d = data();
        for c in &d.communes {
            assert!(!c.contour.0.is_empty() && c.contour.0[0].exterior().0.len() >= 4);
            let km = d.distance_au_contour_km(c, c.centroide);
            assert!(
                km <= 1.0,
                "{} {}: centroid {km:.2} km outside",
                c.nis,
                c.nom
            );
            assert!(dans_rect(&c.bbox, c.centroide));
        }
    }
}
