//! The coverage map: municipalities filled by a class.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::apercu::{contours_apercu, debut_document};
use super::svg::Echappe;
use super::topologie::topologie;
use crate::refdata::RefData;

/// Fill colours of the coverage classes drawn by [`carte_couverture`] (class, colour), so
/// that the caller's legend can use the same colours. Lightness decreases with coverage, so
/// the order survives greyscale and colour-blindness.
pub const PALETTE_COUVERTURE: &[(&str, &str)] = &[
    ("zone-10", "#08519c"),
    ("zone-25", "#4a8fcc"),
    ("zone-50", "#a9cde9"),
    ("zone-plus", "#f7ecd2"),
];

/// The coverage map: the same outlines as [`carte_wallonie`], each municipality filled
/// according to `classes` (NIS code → class name, e.g. `"zone-10"`); the colours of
/// [`PALETTE_COUVERTURE`] are embedded, municipalities without a class stay light grey. Each
/// municipality carries `id="c<NIS>"`, its class and its name as `<title>` (tooltip). The
/// legend is left to the caller's HTML. Standalone SVG, `role="img"` named by `titre`.
pub fn carte_couverture(
    refdata: &RefData,
    classes: &BTreeMap<String, &str>,
    titre: &str,
) -> String {
    let topo = topologie(refdata);
    let a = &topo.apercu;
    let mut s = String::with_capacity(a.taille * 2 + 16_000);
    debut_document(&mut s, a.hauteur, " role=\"img\" aria-labelledby=\"titre\"");
    let _ = write!(s, "<title id=\"titre\">{}</title>", Echappe(titre));
    s.push_str(
        "<style>\
         .f path,.de path{fill:#e3e3e3;stroke:#7a7a7a;stroke-width:.5px;\
         vector-effect:non-scaling-stroke;stroke-linejoin:round}\
         .de path{fill:#f4f4f4;stroke:#b0b0b0}\
         .b{fill:none;stroke:#262626;stroke-width:1.3px;vector-effect:non-scaling-stroke;\
         stroke-linejoin:round;stroke-linecap:round}",
    );
    for (classe, couleur) in PALETTE_COUVERTURE {
        let _ = write!(s, ".f .{classe},.de .{classe}{{fill:{couleur}}}");
    }
    s.push_str("</style>");
    contours_apercu(
        &mut s,
        refdata,
        &topo,
        |nis| classes.get(nis).copied(),
        true,
    );
    let _ = writeln!(s, "<path class=\"b\" d=\"{}\"/></svg>", a.frontieres);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::essais::{bien_forme, data, gzip};

    #[test]
    fn couverture() {
        let d = data();
        let mut classes = BTreeMap::new();
        for (k, c) in d.communes.iter().enumerate() {
            let z = ["zone-10", "zone-25", "zone-50", "zone-plus"][k % 4];
            classes.insert(c.nis.clone(), z);
        }
        let svg = carte_couverture(
            d,
            &classes,
            "Couverture CISP : distance au centre le plus proche",
        );
        bien_forme(&svg);
        assert_eq!(svg.matches("<path id=").count(), 261);
        assert_eq!(svg.matches("class=\"zone-").count(), 261);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>Liège</title>"));
        assert_eq!(
            svg,
            carte_couverture(
                d,
                &classes,
                "Couverture CISP : distance au centre le plus proche"
            )
        );
        println!("coverage: {} bytes, {} gzip", svg.len(), gzip(&svg));
        let _ = std::fs::write(std::env::temp_dir().join("carte-couverture.svg"), &svg);
    }
}
