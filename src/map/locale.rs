//! The locator map of a place page: its surroundings, its municipality, a scale bar.

use std::fmt::Write as _;

use geo::Point;

use super::Marqueur;
use super::decoupage::{decouper, troncons_visibles};
use super::etiquettes::etiquettes;
use super::projection::{Bbox, LAT0, projeter};
use super::svg::{Chemin, Echappe, arrondir, marqueur};
use super::topologie::{Genre, points_anneau, topologie};
use crate::refdata::RefData;

/// Locator: ±12 km east–west, ±9 km north–south, 20 units per km (50 m), 480 × 360 units.
const LOCALE_DEMI_X_KM: f64 = 12.0;
const LOCALE_DEMI_Y_KM: f64 = 9.0;
const LOCALE_UNITES_PAR_KM: f64 = 20.0;
pub(super) const LOCALE_L: f64 = 2.0 * LOCALE_DEMI_X_KM * LOCALE_UNITES_PAR_KM;
pub(super) const LOCALE_H: f64 = 2.0 * LOCALE_DEMI_Y_KM * LOCALE_UNITES_PAR_KM;
/// Douglas–Peucker tolerance of the locator maps, in km (1.6 units).
pub(super) const EPSILON_LOCALE_KM: f64 = 0.08;
/// Marker radii of the locator (≥ 8 units = 6 px at 360 px wide).
const LOCALE_RAYON: i32 = 9;
const LOCALE_RAYON_ICI: i32 = 11;
pub(super) const LOCALE_POLICE: f64 = 15.0;

/// A small locator map for a place page, inline in the HTML (no XML prolog, no external
/// reference, no id): the municipalities within about ±12 km east–west and ±9 km
/// north–south of `centre`, with their names where they fit; the municipality of `centre`
/// tinted and outlined with a thicker line; the markers inside the frame (a marker exactly
/// at `centre` is drawn bigger, in orange, on top); a 5 km scale bar. Under 6 KB.
///
/// Styled by the theme's stylesheet (class `carte-locale`): nothing inline, for the CSP.
pub fn carte_locale(refdata: &RefData, centre: Point<f64>, marqueurs: &[Marqueur]) -> String {
    let topo = topologie(refdata);
    let vue = Vue::new(centre);
    let ici = commune_du_point(refdata, centre);
    let mut s = String::with_capacity(6000);

    let nom_ici = ici.map(|i| refdata.communes[i].nom.as_str());
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"carte-locale\" viewBox=\"0 0 {l} {h}\" \
         width=\"{l}\" height=\"{h}\" role=\"img\" \
         aria-label=\"Plan de situation{sur}{nom}\">",
        l = LOCALE_L,
        h = LOCALE_H,
        sur = if nom_ici.is_some() { " : " } else { "" },
        nom = Echappe(nom_ici.unwrap_or("")),
    );
    // No <style> and no style attribute: a strict CSP (style-src 'self') would block
    // them in an HTML page. The rules for `.carte-locale` live in the theme's stylesheet.
    s.push_str("<g aria-hidden=\"true\">");

    // Frame slightly larger than the viewBox: clipped edges stay out of sight.
    let cadre = [-6.0, -6.0, LOCALE_L + 6.0, LOCALE_H + 6.0];
    let fenetre_km = vue.fenetre_km(6.0);

    // Wallonia's land: the whole frame, or the regional outline clipped to it.
    let bord_region = topo
        .exterieur
        .iter()
        .filter(|b| b.bbox.croise(&fenetre_km))
        .collect::<Vec<_>>();
    if bord_region.is_empty() {
        let classe = if ici.is_some() { "fond w" } else { "fond" };
        let _ = write!(
            s,
            "<rect class=\"{classe}\" width=\"{LOCALE_L}\" height=\"{LOCALE_H}\"/>"
        );
    } else {
        let _ = write!(
            s,
            "<rect class=\"fond\" width=\"{LOCALE_L}\" height=\"{LOCALE_H}\"/><path class=\"w\" d=\""
        );
        let mut c = Chemin::new(&mut s);
        for b in bord_region {
            let anneau: Vec<[f64; 2]> = b.points.iter().map(|&p| vue.unites(p)).collect();
            c.anneau(&arrondir(&decouper(&anneau, cadre)));
        }
        s.push_str("\"/>");
    }

    // Borders, each drawn once: municipal lines, then the regional border.
    for (classe, genres) in [
        ("l", [Genre::Commune, Genre::Bassin]),
        ("r", [Genre::Region; 2]),
    ] {
        let debut = s.len();
        let _ = write!(s, "<path class=\"{classe}\" d=\"");
        let milieu = s.len();
        let mut c = Chemin::new(&mut s);
        for arc in &topo.arcs {
            if genres.contains(&arc.genre) && arc.bbox_fin.croise(&fenetre_km) {
                let pts: Vec<[f64; 2]> = arc.fin.iter().map(|&p| vue.unites(p)).collect();
                troncons_visibles(&mut c, &pts, cadre);
            }
        }
        if s.len() == milieu {
            s.truncate(debut);
        } else {
            s.push_str("\"/>");
        }
    }

    // The place's municipality: tint and thick outline.
    if let Some(i) = ici {
        s.push_str("<path class=\"ici\" d=\"");
        let mut c = Chemin::new(&mut s);
        for anneau in &topo.anneaux[i] {
            let pts: Vec<[f64; 2]> = points_anneau(&topo.arcs, anneau, |a| &a.fin)
                .map(|p| vue.unites(p))
                .collect();
            c.anneau(&arrondir(&decouper(&pts, cadre)));
        }
        s.push_str("\"/>");
    }
    s.push_str("</g>");

    // Markers inside the frame, the place itself last (on top).
    let mut dedans: Vec<(bool, i32, i32, &Marqueur)> = marqueurs
        .iter()
        .filter_map(|m| {
            let [x, y] = vue.unites(projeter(m.point.0));
            let r = f64::from(LOCALE_RAYON_ICI);
            ((-r..=LOCALE_L + r).contains(&x) && (-r..=LOCALE_H + r).contains(&y)).then(|| {
                let est_ici = m.point == centre;
                (est_ici, x.round() as i32, y.round() as i32, m)
            })
        })
        .collect();
    dedans.sort_by_key(|&(est_ici, x, y, _)| (est_ici, y, x));

    // Names of the municipalities, where they fit (the place's first, then the largest).
    let obstacles: Vec<[f64; 4]> = dedans
        .iter()
        .map(|&(_, x, y, _)| {
            let (x, y, r) = (f64::from(x), f64::from(y), f64::from(LOCALE_RAYON_ICI));
            [x - r, y - r, x + r, y + r]
        })
        .chain(std::iter::once([0.0, LOCALE_H - 34.0, 130.0, LOCALE_H]))
        .collect();
    etiquettes(&mut s, refdata, &vue, ici, obstacles);

    for &(est_ici, x, y, m) in &dedans {
        let (r, classe) = if est_ici {
            (LOCALE_RAYON_ICI, " class=\"m\"")
        } else {
            (LOCALE_RAYON, "")
        };
        marqueur(&mut s, m, x, y, r, classe);
    }

    // Scale bar: 5 km = 100 units.
    let _ = write!(
        s,
        "<g class=\"e\" aria-hidden=\"true\"><path d=\"M12 {y}h100m-100-6v6m100-6v6\"/>\
         <text x=\"62\" y=\"{t}\">5 km</text></g></svg>",
        y = LOCALE_H - 12.0,
        t = LOCALE_H - 20.0,
    );
    s
}

/// The frame of a locator map: km (projection) → units of its viewBox, with the east–west
/// scale corrected for the latitude of the centre.
pub(super) struct Vue {
    centre: [f64; 2],
    kx: f64,
}

impl Vue {
    fn new(centre: Point<f64>) -> Self {
        Vue {
            centre: projeter(centre.0),
            kx: centre.y().to_radians().cos() / LAT0.to_radians().cos(),
        }
    }

    pub(super) fn unites(&self, p: [f64; 2]) -> [f64; 2] {
        [
            (p[0] - self.centre[0]) * self.kx * LOCALE_UNITES_PAR_KM + LOCALE_L / 2.0,
            LOCALE_H / 2.0 - (p[1] - self.centre[1]) * LOCALE_UNITES_PAR_KM,
        ]
    }

    /// The frame in km, widened by `marge` units.
    fn fenetre_km(&self, marge: f64) -> Bbox {
        let dx = (LOCALE_L / 2.0 + marge) / LOCALE_UNITES_PAR_KM / self.kx;
        let dy = (LOCALE_H / 2.0 + marge) / LOCALE_UNITES_PAR_KM;
        Bbox([
            self.centre[0] - dx,
            self.centre[1] - dy,
            self.centre[0] + dx,
            self.centre[1] + dy,
        ])
    }
}

/// Index of the municipality containing the point, else of the nearest one within 2 km.
fn commune_du_point(refdata: &RefData, p: Point<f64>) -> Option<usize> {
    if let Some(c) = refdata.commune_contenant(p) {
        return refdata
            .communes
            .binary_search_by(|x| x.nis.cmp(&c.nis))
            .ok();
    }
    let pres = |c: &crate::refdata::Commune| {
        let (min, max) = (c.bbox.min(), c.bbox.max());
        let m = 0.03;
        p.x() >= min.x - m && p.x() <= max.x + m && p.y() >= min.y - m && p.y() <= max.y + m
    };
    refdata
        .communes
        .iter()
        .enumerate()
        .filter(|(_, c)| pres(c))
        .map(|(i, c)| (refdata.distance_au_contour_km(c, p), i))
        .filter(|&(d, _)| d <= 2.0)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::essais::{bien_forme, data, lieux, marqueurs};

    #[test]
    fn locale() {
        let d = data();
        let (u, t, p) = lieux(300);
        let tous = marqueurs(&u, &t, &p);
        let mut max = 0;
        // Every 10th locality as a place, with every place nearby as a marker too.
        for (k, m) in tous.iter().enumerate().step_by(10) {
            let svg = carte_locale(d, m.point, &tous);
            if k == 0 {
                bien_forme(&svg);
            }
            assert!(!svg.starts_with("<?xml") && svg.starts_with("<svg"));
            assert!(!svg.contains(" id="), "no id in inline SVG");
            assert!(svg.contains("class=\"ici\""), "{}", m.titre);
            assert!(svg.contains(">5 km</text>"));
            assert_eq!(svg.matches("class=\"m\"").count(), 1);
            max = max.max(svg.len());
        }
        // The place alone, as on a place page.
        let mut max_seul = 0;
        let mut pire = "";
        for m in &tous {
            let svg = carte_locale(d, m.point, std::slice::from_ref(m));
            assert_eq!(svg.matches("<a ").count(), 1);
            if svg.len() > max_seul {
                max_seul = svg.len();
                pire = m.titre;
            }
        }
        println!("locator: at most {max_seul} bytes alone ({pire}), {max} with neighbours");
        assert!(max_seul <= 6 * 1024, "{max_seul}");
        let liege = Point::new(5.5736, 50.6451);
        let mut avec_liege = vec![Marqueur {
            point: liege,
            url: "/lieux/liege/",
            titre: "Centre de Liège",
        }];
        avec_liege.extend_from_slice(&tous);
        let a = carte_locale(d, liege, &avec_liege);
        bien_forme(&a);
        assert_eq!(a, carte_locale(d, liege, &avec_liege));
        assert!(a.contains("aria-label=\"Plan de situation : Liège\""));
        let _ = std::fs::write(std::env::temp_dir().join("carte-locale.svg"), &a);
        // A point outside Wallonia: no highlight, still a valid map.
        let bruxelles = carte_locale(d, Point::new(4.3517, 50.8466), &[]);
        bien_forme(&bruxelles);
        assert!(!bruxelles.contains("class=\"ici\""));
    }
}
