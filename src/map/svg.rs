//! Writing SVG: path data on the integer grid, XML escaping, the markers of the maps.

use std::fmt::Write as _;

use super::Marqueur;

/// One marker: a circle with its title, inside a link when there is a URL.
pub(super) fn marqueur(s: &mut String, m: &Marqueur, x: i32, y: i32, r: i32, classe: &str) {
    let lien = !m.url.is_empty();
    if lien {
        let _ = write!(s, "<a href=\"{}\">", Echappe(m.url));
    }
    let _ = write!(
        s,
        "<circle{classe} cx=\"{x}\" cy=\"{y}\" r=\"{r}\"><title>{}</title></circle>",
        Echappe(m.titre)
    );
    if lien {
        s.push_str("</a>");
    }
}

/// Escapes `&`, `<`, `>`, `"` and `'` for XML text and attribute values.
pub(super) struct Echappe<'a>(pub(super) &'a str);

impl std::fmt::Display for Echappe<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut reste = self.0;
        while let Some(i) = reste.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&reste[..i])?;
            f.write_str(match reste.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            reste = &reste[i + 1..];
        }
        f.write_str(reste)
    }
}

/// Writes SVG path data on an integer grid: absolute `M` per subpath, then relative `l`,
/// with the fewest separators (none before a minus sign).
pub(super) struct Chemin<'a> {
    s: &'a mut String,
    separe: bool,
}

impl<'a> Chemin<'a> {
    pub(super) fn new(s: &'a mut String) -> Self {
        Chemin { s, separe: false }
    }

    pub(super) fn commande(&mut self, c: char) {
        self.s.push(c);
        self.separe = false;
    }

    pub(super) fn nombre(&mut self, v: i32) {
        if self.separe && v >= 0 {
            self.s.push(' ');
        }
        let _ = write!(self.s, "{v}");
        self.separe = true;
    }

    /// An open polyline (consecutive duplicates already removed), if it has a segment.
    pub(super) fn ligne(&mut self, pts: &[(i32, i32)]) {
        if pts.len() < 2 {
            return;
        }
        self.suite(pts);
    }

    /// A closed ring (consecutive duplicates and closing point already removed), if it
    /// still has an area.
    pub(super) fn anneau(&mut self, pts: &[(i32, i32)]) {
        if pts.len() < 3 {
            return;
        }
        self.suite(pts);
        self.commande('z');
    }

    pub(super) fn suite(&mut self, pts: &[(i32, i32)]) {
        self.commande('M');
        self.nombre(pts[0].0);
        self.nombre(pts[0].1);
        self.commande('l');
        for w in pts.windows(2) {
            self.nombre(w[1].0 - w[0].0);
            self.nombre(w[1].1 - w[0].1);
        }
    }
}

/// Rounds to the integer grid and removes consecutive duplicates (and, for a ring, the
/// closing point).
pub(super) fn arrondir(pts: &[[f64; 2]]) -> Vec<(i32, i32)> {
    let mut v: Vec<(i32, i32)> = Vec::with_capacity(pts.len());
    for p in pts {
        let q = (p[0].round() as i32, p[1].round() as i32);
        if v.last() != Some(&q) {
            v.push(q);
        }
    }
    if v.len() > 1 && v.first() == v.last() {
        v.pop();
    }
    v
}

/// Like [`arrondir`], for an open line (the last point is kept even if it closes it).
pub(super) fn arrondir_ligne(pts: &[[f64; 2]]) -> Vec<(i32, i32)> {
    let mut v: Vec<(i32, i32)> = Vec::with_capacity(pts.len());
    for p in pts {
        let q = (p[0].round() as i32, p[1].round() as i32);
        if v.last() != Some(&q) {
            v.push(q);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use geo::Point;

    use super::*;
    use crate::map::essais::{bien_forme, data};
    use crate::map::{carte_couverture, carte_locale};

    #[test]
    fn echappement() {
        let d = data();
        let hostile = "\"><script>alert(1)</script>";
        let url = "/lieux/a&b\"'<x>/";
        let m = [Marqueur {
            point: Point::new(4.8622, 50.4688),
            url,
            titre: hostile,
        }];
        let svg = carte_locale(d, m[0].point, &m);
        bien_forme(&svg);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("href=\"/lieux/a&amp;b&quot;&#39;&lt;x&gt;/\""));
        let mut classes = BTreeMap::new();
        classes.insert("62063".to_string(), "zone-10\"><script>");
        let svg = carte_couverture(d, &classes, hostile);
        bien_forme(&svg);
        assert!(!svg.contains("<script"));
        assert_eq!(
            Echappe("a&b<c>d\"e'f").to_string(),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f"
        );
    }
}
