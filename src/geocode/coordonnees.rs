//! Coordinates typed as « lat, lon », and the municipality they are attached to.

use geo::Point;

use super::{Candidate, Geocoder, Kind};

/// Coordinates further than this from every Walloon municipality are refused.
pub(super) const COORDONNEES_MAX_KM: f64 = 20.0;

impl Geocoder {
    /// The candidate of a point: in its municipality, else attached to the nearest one
    /// within [`COORDONNEES_MAX_KM`].
    pub(super) fn aux_coordonnees(&self, p: Point<f64>) -> Option<Candidate> {
        let d = self.refdata;
        let commune = d.commune_contenant(p).or_else(|| {
            // Cheap bounding-box filter first: 0.3° is at least 20 km here.
            d.communes
                .iter()
                .filter(|c| {
                    let (min, max) = (c.bbox.min(), c.bbox.max());
                    p.x() >= min.x - 0.3
                        && p.x() <= max.x + 0.3
                        && p.y() >= min.y - 0.3
                        && p.y() <= max.y + 0.3
                })
                .map(|c| (d.distance_au_contour_km(c, p), c))
                .filter(|(km, _)| *km <= COORDONNEES_MAX_KM)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.nis.cmp(&b.1.nis)))
                .map(|(_, c)| c)
        })?;
        let nom = format!("{:.5}, {:.5}", p.y(), p.x());
        Some(Candidate {
            label: format!("{nom} ({})", commune.nom),
            nom,
            kind: Kind::Coordonnees,
            nis: commune.nis.clone(),
            code_postal: None,
            point: p,
        })
    }
}

/// « lat, lon » (also « lat,lon », « lat lon », « lat;lon », decimal commas with « ; »),
/// as a point; lon/lat typed the other way round is recognised in and around Wallonia
/// (latitude 49–51.5, longitude 2–7). `None` unless both numbers are plain decimals in
/// range. Anything after « ( » is ignored, so labels read back.
pub(super) fn coordonnees(q: &str) -> Option<Point<f64>> {
    let q = q.split('(').next().unwrap_or("").trim();
    let parties: Vec<String> = if q.contains(';') {
        q.split(';').map(|s| s.replace(',', ".")).collect()
    } else if q.contains(',') {
        q.split(',').map(str::to_string).collect()
    } else {
        q.split_whitespace().map(str::to_string).collect()
    };
    let [a, b] = parties.as_slice() else {
        return None;
    };
    let nombre = |s: &str| -> Option<f64> {
        let s = s.trim().trim_end_matches('°').trim();
        let chiffres = s.bytes().filter(u8::is_ascii_digit).count();
        if chiffres == 0 || !s.bytes().all(|c| c.is_ascii_digit() || b".+-".contains(&c)) {
            return None;
        }
        s.parse::<f64>().ok().filter(|v| v.is_finite())
    };
    let (mut lat, mut lon) = (nombre(a)?, nombre(b)?);
    let (zone_lat, zone_lon) = (49.0..=51.5, 2.0..=7.0);
    if zone_lon.contains(&lat) && zone_lat.contains(&lon) {
        std::mem::swap(&mut lat, &mut lon);
    }
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then(|| Point::new(lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geocode::essais::{d, g};

    #[test]
    fn coordonnees_acceptees() {
        for q in [
            "50.6451,5.5736",
            "50.6451, 5.5736",
            "50.6451 5.5736",
            "50.6451;5.5736",
            "50,6451;5,5736",
            "50,6451 ; 5,5736",
            "5.5736, 50.6451",
            "50.6451°, 5.5736°",
            "+50.6451, +5.5736",
        ] {
            let r = g().geocode(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            assert_eq!(r.len(), 1);
            assert_eq!(r[0].kind, Kind::Coordonnees);
            assert_eq!(r[0].nis, "62063", "{q}");
            assert_eq!(r[0].point, Point::new(5.5736, 50.6451), "{q}");
            assert_eq!(r[0].label, "50.64510, 5.57360 (Liège)");
            assert_eq!(g().geocode(&r[0].label).unwrap(), r);
        }
        // Brussels: within 20 km of Wallonia, attached to the nearest municipality.
        let r = g().geocode("50.8466, 4.3517").unwrap();
        assert!(
            d().commune(&r[0].nis).unwrap().bassin == "brabant-wallon",
            "{r:?}"
        );
        // Paris: too far.
        let e = g().geocode("48.8566, 2.3522").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Les coordonnées « 48.8566, 2.3522 »"),
            "{e}"
        );
        for q in [
            "91, 5",
            "50.6, 200",
            "NaN, 5",
            "inf, 5",
            "50.6, 5.5, 3",
            "1e400, 5",
        ] {
            assert!(g().geocode(q).is_err(), "{q}");
        }
    }
}
