//! The overview's outlines, computed once from the topology: one path per municipality and
//! the heavier bassin and regional borders, shared by the map of Wallonia and the coverage
//! map.

use std::fmt::Write as _;

use super::projection::Bbox;
use super::svg::{Chemin, Echappe, arrondir, arrondir_ligne};
use super::topologie::{Anneau, Arc, Genre, Topologie, points_anneau};
use crate::refdata::RefData;

/// Overview: viewBox width, margin (keeps edge markers whole).
pub(super) const APERCU_LARGEUR: i32 = 1000;
const APERCU_MARGE: f64 = 20.0;
/// Douglas–Peucker tolerance of the overview, in km (one unit ≈ 0.25 km, so finer would
/// be lost to the integer grid).
pub(super) const EPSILON_APERCU_KM: f64 = 0.15;

/// XML prolog and `<svg>` start tag of a standalone map, with extra attributes.
pub(super) fn debut_document(s: &mut String, hauteur: i32, attributs: &str) {
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {APERCU_LARGEUR} {hauteur}\"\
         {attributs}>"
    );
}

/// The municipalities of the overview, in NIS order: French-speaking ones in `<g class="f">`,
/// German-speaking ones in `<g class="de">`. With `titres`, each path gets its name as a
/// tooltip; `classe` gives an optional class per NIS code.
pub(super) fn contours_apercu<'c>(
    s: &mut String,
    refdata: &RefData,
    topo: &Topologie,
    classe: impl Fn(&str) -> Option<&'c str>,
    titres: bool,
) {
    for (groupe, francophone) in [("f", true), ("de", false)] {
        let _ = write!(s, "<g class=\"{groupe}\"");
        if !titres {
            s.push_str(" aria-hidden=\"true\"");
        }
        s.push('>');
        for (c, d) in refdata.communes.iter().zip(&topo.apercu.chemins) {
            if c.francophone != francophone {
                continue;
            }
            let _ = write!(s, "<path id=\"c{}\"", Echappe(&c.nis));
            if let Some(k) = classe(&c.nis) {
                let _ = write!(s, " class=\"{}\"", Echappe(k));
            }
            let _ = write!(s, " d=\"{d}\"");
            if titres {
                let _ = write!(s, "><title>{}</title></path>", Echappe(&c.nom));
            } else {
                s.push_str("/>");
            }
        }
        s.push_str("</g>");
    }
}

/// The overview's precomputed outlines.
pub(super) struct Apercu {
    pub(super) hauteur: i32,
    /// Projected km of the viewBox's left and top edges (before the margin).
    x0: f64,
    y0: f64,
    echelle: f64,
    /// Path data per municipality, in `refdata.communes` order.
    pub(super) chemins: Vec<String>,
    /// Path data of the bassin borders and the regional border.
    pub(super) frontieres: String,
    /// Total length of the above, to size the output buffer.
    pub(super) taille: usize,
}

impl Apercu {
    pub(super) fn unites_f(&self, p: [f64; 2]) -> [f64; 2] {
        [
            (p[0] - self.x0) * self.echelle + APERCU_MARGE,
            (self.y0 - p[1]) * self.echelle + APERCU_MARGE,
        ]
    }

    pub(super) fn unites(&self, p: [f64; 2]) -> (i32, i32) {
        let [x, y] = self.unites_f(p);
        (x.round() as i32, y.round() as i32)
    }
}

impl Apercu {
    pub(super) fn construire(
        refdata: &RefData,
        arcs: &[Arc],
        anneaux: &[Vec<Anneau>],
        sommets: &[[f64; 2]],
    ) -> Apercu {
        let b = Bbox::de(sommets);
        let echelle = (f64::from(APERCU_LARGEUR) - 2.0 * APERCU_MARGE) / (b.0[2] - b.0[0]);
        let hauteur = ((b.0[3] - b.0[1]) * echelle + 2.0 * APERCU_MARGE).ceil() as i32;
        let mut a = Apercu {
            hauteur,
            x0: b.0[0],
            y0: b.0[3],
            echelle,
            chemins: Vec::with_capacity(refdata.communes.len()),
            frontieres: String::new(),
            taille: 0,
        };
        for anneaux_commune in anneaux {
            let mut d = String::new();
            let mut c = Chemin::new(&mut d);
            for anneau in anneaux_commune {
                let pts: Vec<[f64; 2]> = points_anneau(arcs, anneau, |x| &x.grossier)
                    .map(|p| a.unites_f(p))
                    .collect();
                c.anneau(&arrondir(&pts));
            }
            a.taille += d.len() + 40;
            a.chemins.push(d);
        }
        let mut d = String::new();
        let mut c = Chemin::new(&mut d);
        for arc in arcs {
            if arc.genre != Genre::Commune {
                let pts: Vec<[f64; 2]> = arc.grossier.iter().map(|&p| a.unites_f(p)).collect();
                c.ligne(&arrondir_ligne(&pts));
            }
        }
        a.taille += d.len();
        a.frontieres = d;
        a
    }
}
