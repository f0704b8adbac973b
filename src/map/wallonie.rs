//! The home page's map of Wallonia: where the training places are, at a glance.
//!
//! An image, not a way in: it has no link and nothing to focus (297 links used to trap the
//! keyboard behind 11-px dots), and it stays a few kilobytes. The page shows it with
//! `<img>`, says in words what it shows, and links to the list by municipality after it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use geo::Point;

use super::apercu::{APERCU_LARGEUR, debut_document};
use super::projection::projeter;
use super::regions::Regions;
use super::svg::{Chemin, Echappe};
use super::topologie::topologie;
use crate::refdata::RefData;

/// A place on the home map: its point and the NIS code of its municipality.
#[derive(Debug, Clone, Copy)]
pub struct Lieu<'a> {
    pub point: Point<f64>,
    pub nis: &'a str,
}

/// Radius of the dot of a municipality with one place, in units (1000 across): 4 px
/// when the map is 360 px wide. The area of a dot grows with its number of places.
const RAYON_UN: f64 = 11.0;
/// Municipality names written on the map, at most: those with the most places, where they
/// do not overlap.
const ETIQUETTES: usize = 5;
/// Font size of the names, in units: 12 px at 360 px wide (a media query makes it smaller
/// on wide screens, where the map is bigger).
const POLICE: i32 = 34;

/// A municipality's dot: where its places are on average, how many.
struct Rond {
    x: i32,
    y: i32,
    r: i32,
    nombre: usize,
    nom: String,
}

/// The home map: Wallonia's outline, its provinces and the German-speaking area (lighter,
/// CISP training is organised in the French-speaking part), one dot per municipality that
/// has places (its area grows with their number, at their mean position) and the names of
/// the municipalities with the most places.
///
/// A standalone SVG document (XML prolog, embedded `<style>`, no script, no link, no
/// external reference), `role="img"` named by its `<title>`. Same viewBox as the overview:
/// [`dimensions_wallonie`].
pub fn carte_wallonie(refdata: &RefData, lieux: &[Lieu]) -> String {
    let topo = topologie(refdata);
    let a = &topo.apercu;
    let regions = Regions::new(&topo);
    let points = points(refdata, lieux, |p| a.unites(projeter(p.0)));
    let n = lieux.len();
    let mut s = String::with_capacity(6000);
    debut_document(
        &mut s,
        a.hauteur,
        " role=\"img\" aria-labelledby=\"titre desc\"",
    );
    s.push_str("<title id=\"titre\">Carte des lieux de formation CISP en Wallonie</title>");
    let _ = write!(
        s,
        "<desc id=\"desc\">{n} {lieux} de formation dans {c} {communes} : un rond par commune, \
         plus grand s'il y a plus de lieux.</desc>",
        lieux = if n <= 1 { "lieu" } else { "lieux" },
        c = points.len(),
        communes = if points.len() <= 1 {
            "commune"
        } else {
            "communes"
        },
    );
    s.push_str(
        "<style>\
         .w{fill:#e3e3e3;stroke:#4d4d4d;stroke-width:1.3px}\
         .de{fill:#f4f4f4}\
         .p{fill:none;stroke:#8f8f8f;stroke-width:1px}\
         path{vector-effect:non-scaling-stroke;stroke-linejoin:round;stroke-linecap:round}\
         circle{fill:#153e90;fill-opacity:.85;stroke:#fff;stroke-width:1px;\
         vector-effect:non-scaling-stroke}\
         text{font:bold 34px sans-serif;fill:#1a1a1a;stroke:#fff;stroke-width:7px;\
         stroke-linejoin:round;paint-order:stroke}\
         @media (min-width:640px){text{font-size:22px;stroke-width:5px}}\
         </style>",
    );
    let chemin = |s: &mut String, classe: &str, lignes: &[Vec<(i32, i32)>], ferme: bool| {
        let _ = write!(s, "<path class=\"{classe}\" d=\"");
        let mut c = Chemin::new(s);
        for l in lignes {
            if ferme {
                c.anneau(l);
            } else {
                c.ligne(l);
            }
        }
        s.push_str("\"/>");
    };
    chemin(&mut s, "w", &regions.boucles(|_| true), true);
    let de = regions.boucles(|ic| !refdata.communes[ic].francophone);
    chemin(&mut s, "de", &de, true);
    let groupe = |ic: usize| {
        let c = &refdata.communes[ic];
        (c.francophone, c.province.as_str())
    };
    chemin(&mut s, "p", &regions.frontieres(groupe), false);
    for p in &points {
        let _ = write!(s, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>", p.x, p.y, p.r);
    }
    etiquettes(&mut s, &points, a.hauteur);
    s.push_str("</svg>\n");
    s
}

/// The dots, biggest first (drawn under the smaller ones), then north to south and west
/// to east. Places of an unknown municipality are left out.
fn points(
    refdata: &RefData,
    lieux: &[Lieu],
    unites: impl Fn(Point<f64>) -> (i32, i32),
) -> Vec<Rond> {
    let noms: BTreeMap<&str, &str> = refdata
        .communes
        .iter()
        .map(|c| (c.nis.as_str(), c.nom.as_str()))
        .collect();
    let mut par_commune: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    for l in lieux {
        if noms.contains_key(l.nis) {
            let e = par_commune.entry(l.nis).or_insert((0.0, 0.0, 0));
            e.0 += l.point.x();
            e.1 += l.point.y();
            e.2 += 1;
        }
    }
    let mut points: Vec<Rond> = par_commune
        .into_iter()
        .map(|(nis, (x, y, nombre))| {
            let k = nombre as f64;
            let (x, y) = unites(Point::new(x / k, y / k));
            Rond {
                x,
                y,
                r: (RAYON_UN * k.sqrt()).round() as i32,
                nombre,
                nom: noms.get(nis).copied().unwrap_or_default().to_string(),
            }
        })
        .collect();
    points.sort_by(|a, b| b.nombre.cmp(&a.nombre).then((a.y, a.x).cmp(&(b.y, b.x))));
    points
}

/// The names of the municipalities with the most places, beside their dot: right, left,
/// above or below, the first place inside the map that overlaps neither a name already
/// written nor the dot of another of the biggest municipalities; else no name.
fn etiquettes(s: &mut String, points: &[Rond], hauteur: i32) {
    let candidats = &points[..points.len().min(2 * ETIQUETTES)];
    let touche =
        |a: &[i32; 4], b: &[i32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    let disque = |q: &Rond| [q.x - q.r, q.y - q.r, q.x + q.r, q.y + q.r];
    let mut pris: Vec<[i32; 4]> = Vec::new();
    for (k, p) in candidats.iter().enumerate() {
        if pris.len() == ETIQUETTES {
            break;
        }
        // Bold sans-serif: about 0.62 em per character; the box from ascent to descent.
        let largeur = (p.nom.chars().count() as f64 * 0.62 * f64::from(POLICE)).ceil() as i32;
        let (ecart, milieu) = (p.r + 6, p.y + POLICE / 3);
        let places = [
            (p.x + ecart, milieu),
            (p.x - ecart - largeur, milieu),
            (p.x - largeur / 2, p.y - ecart - POLICE / 4),
            (p.x - largeur / 2, p.y + ecart + POLICE * 3 / 4),
        ];
        let libre = places.into_iter().find(|&(x0, base)| {
            let boite = [x0, base - POLICE * 3 / 4, x0 + largeur, base + POLICE / 4];
            let dedans = boite[0] >= 4
                && boite[1] >= 4
                && boite[2] <= APERCU_LARGEUR - 4
                && boite[3] <= hauteur - 4;
            let couvre = candidats
                .iter()
                .enumerate()
                .any(|(j, q)| j != k && touche(&boite, &disque(q)));
            dedans && !couvre && !pris.iter().any(|b| touche(&boite, b))
        });
        let Some((x0, base)) = libre else { continue };
        pris.push([x0, base - POLICE * 3 / 4, x0 + largeur, base + POLICE / 4]);
        let _ = write!(
            s,
            "<text x=\"{x0}\" y=\"{base}\">{}</text>",
            Echappe(&p.nom)
        );
    }
}

/// Width and height of the viewBox of [`carte_wallonie`] and [`carte_couverture`], e.g. to
/// give the image its size.
pub fn dimensions_wallonie(refdata: &RefData) -> (u32, u32) {
    let t = topologie(refdata);
    (APERCU_LARGEUR as u32, t.apercu.hauteur as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::essais::{bien_forme, data, gzip, lieux};

    #[test]
    fn accueil() {
        let d = data();
        let (_, _, p) = lieux(300);
        // Each point in the municipality whose centroid is nearest: a stand-in for the
        // real municipality, enough to group them.
        let nis: Vec<&str> = p
            .iter()
            .map(|q| {
                d.communes
                    .iter()
                    .min_by(|a, b| {
                        let da = (a.centroide.x() - q.x()).hypot(a.centroide.y() - q.y());
                        let db = (b.centroide.x() - q.x()).hypot(b.centroide.y() - q.y());
                        da.total_cmp(&db)
                    })
                    .map(|c| c.nis.as_str())
                    .unwrap_or_default()
            })
            .collect();
        let m: Vec<Lieu> = p
            .iter()
            .zip(&nis)
            .map(|(&point, &nis)| Lieu { point, nis })
            .collect();
        let communes: std::collections::BTreeSet<&str> = nis.iter().copied().collect();
        let svg = carte_wallonie(d, &m);
        bien_forme(&svg);
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains("role=\"img\""));
        // Nothing to focus or follow, no per-place text.
        assert!(!svg.contains("<a ") && !svg.contains("href"));
        assert_eq!(svg.matches("<title").count(), 1);
        assert_eq!(svg.matches("<circle").count(), communes.len());
        assert!(svg.contains(&format!(
            "300 lieux de formation dans {} communes",
            communes.len()
        )));
        let textes = svg.matches("<text").count();
        assert!((1..=ETIQUETTES).contains(&textes), "{textes} names");
        assert!(!svg.contains("<script"));
        assert_eq!(svg.matches("http").count(), 1, "only the SVG namespace");
        let gz = gzip(&svg);
        println!("home map, 300 places: {} bytes, {gz} bytes gzip", svg.len());
        assert!(gz <= 5 * 1024, "{gz}");
        assert_eq!(svg, carte_wallonie(d, &m), "deterministic");
        let _ = std::fs::write(std::env::temp_dir().join("carte.svg"), &svg);

        let vide = carte_wallonie(d, &[]);
        bien_forme(&vide);
        assert!(vide.contains("0 lieu de formation dans 0 commune"));
        assert!(!vide.contains("<circle"));
    }
}
