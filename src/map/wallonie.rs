//! The overview map of Wallonia, one link per place.

use std::fmt::Write as _;

use super::Marqueur;
use super::apercu::{APERCU_LARGEUR, contours_apercu, debut_document};
use super::projection::projeter;
use super::svg::marqueur;
use super::topologie::topologie;
use crate::refdata::RefData;

/// Marker radius of the overview: r = 17 units is 6.1 px when the map is 360 px wide; a
/// media query shrinks it on wide screens.
const APERCU_RAYON: i32 = 17;

/// The overview map of Wallonia: municipality outlines (simplified; the German-speaking
/// ones lighter), bassins EFE and the regional border drawn heavier, and one marker per
/// place, each a link to its page (`target="_top"`, for `<object>` embedding).
///
/// A standalone SVG document (XML prolog, embedded `<style>`, no script, no external
/// reference), with `<title>` and `<desc>`. No `role="img"`: it would hide the links from
/// assistive technologies. Markers are drawn, and reached with Tab, in reading order (north
/// to south, then west to east). Size of the viewBox: [`dimensions_wallonie`].
pub fn carte_wallonie(refdata: &RefData, marqueurs: &[Marqueur]) -> String {
    let topo = topologie(refdata);
    let a = &topo.apercu;
    let mut s = String::with_capacity(a.taille + marqueurs.len() * 120 + 1500);
    let n = marqueurs.len();
    let lieux = if n == 1 { "lieu" } else { "lieux" };
    debut_document(&mut s, a.hauteur, "");
    s.push_str("<title>Carte des lieux de formation CISP en Wallonie</title>");
    let _ = write!(
        s,
        "<desc>Wallonie francophone : limites des communes et des bassins EFE (la \
         Communauté germanophone en plus clair). {n} {lieux} de formation, chacun un lien vers \
         sa page.</desc>"
    );
    s.push_str(
        "<style>\
         .f path,.de path{fill:#e3e3e3;stroke:#8f8f8f;stroke-width:.6px;\
         vector-effect:non-scaling-stroke;stroke-linejoin:round}\
         .de path{fill:#f4f4f4;stroke:#c8c8c8}\
         .b{fill:none;stroke:#4d4d4d;stroke-width:1.3px;vector-effect:non-scaling-stroke;\
         stroke-linejoin:round;stroke-linecap:round}\
         circle{fill:#153e90;stroke:#fff;stroke-width:1.5px;vector-effect:non-scaling-stroke}\
         a:hover circle,a:focus circle{fill:#c2410c;stroke:#000;stroke-width:3px}\
         @media (min-width:640px){circle{r:10px}}\
         </style>",
    );
    contours_apercu(&mut s, refdata, &topo, |_| None, false);
    let _ = write!(
        s,
        "<path class=\"b\" aria-hidden=\"true\" d=\"{}\"/>",
        a.frontieres
    );
    let mut points: Vec<(i32, i32, &Marqueur)> = marqueurs
        .iter()
        .map(|m| {
            let (x, y) = a.unites(projeter(m.point.0));
            (x, y, m)
        })
        .collect();
    points.sort_by_key(|&(x, y, _)| (y, x));
    s.push_str("<g>");
    for (x, y, m) in points {
        marqueur(&mut s, m, x, y, APERCU_RAYON, "", true);
    }
    s.push_str("</g></svg>\n");
    s
}

/// Width and height of the viewBox of [`carte_wallonie`] and [`carte_couverture`], e.g. to
/// give the `<object>` its aspect ratio.
pub fn dimensions_wallonie(refdata: &RefData) -> (u32, u32) {
    let t = topologie(refdata);
    (APERCU_LARGEUR as u32, t.apercu.hauteur as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::essais::{bien_forme, data, gzip, lieux, marqueurs};

    #[test]
    fn apercu() {
        let d = data();
        let (u, t, p) = lieux(300);
        let m = marqueurs(&u, &t, &p);
        let svg = carte_wallonie(d, &m);
        bien_forme(&svg);
        assert!(svg.starts_with("<?xml"));
        assert_eq!(svg.matches("<a ").count(), 300);
        assert_eq!(svg.matches(" target=\"_top\"").count(), 300);
        assert_eq!(svg.matches("<circle").count(), 300);
        for c in &d.communes {
            assert_eq!(
                svg.matches(&format!("id=\"c{}\"", c.nis)).count(),
                1,
                "{}",
                c.nis
            );
        }
        assert_eq!(svg.matches("<path id=").count(), 261);
        assert!(svg.contains("<title>") && svg.contains("<desc>"));
        assert!(!svg.contains("<script"));
        // Only the SVG namespace as URL.
        assert_eq!(svg.matches("http").count(), 1);
        let gz = gzip(&svg);
        println!(
            "overview, 300 markers: {} bytes, {gz} bytes gzip",
            svg.len()
        );
        let vide = carte_wallonie(d, &[]);
        println!(
            "overview, no marker: {} bytes, {} bytes gzip",
            vide.len(),
            gzip(&vide)
        );
        assert!(gz <= 40 * 1024, "{gz}");
        assert_eq!(svg, carte_wallonie(d, &m), "deterministic");
        let _ = std::fs::write(std::env::temp_dir().join("carte.svg"), &svg);
    }
}
