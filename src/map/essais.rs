//! What the tests of the maps share: places spread over Wallonia, and a well-formedness
//! check of the SVG.

use std::io::Write as _;

use geo::Point;

use super::Marqueur;
pub(super) use crate::refdata::RefData;

pub(super) fn data() -> &'static RefData {
    RefData::load()
}

pub(super) fn gzip(s: &str) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(s.as_bytes()).unwrap();
    e.finish().unwrap().len()
}

/// 300 places spread over Walloon localities, with URLs and names of realistic length.
pub(super) fn lieux(n: usize) -> (Vec<String>, Vec<String>, Vec<Point<f64>>) {
    let loc = &data().localites;
    let pas = loc.len() as f64 / n as f64;
    let mut urls = Vec::new();
    let mut titres = Vec::new();
    let mut points = Vec::new();
    for k in 0..n {
        let l = &loc[(k as f64 * pas) as usize];
        let slug: String = l
            .nom
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        urls.push(format!("/lieux/asbl-formation-{slug}-{}/", l.code_postal));
        titres.push(format!("ASBL Formation et insertion – {}", l.nom));
        points.push(l.point);
    }
    (urls, titres, points)
}

pub(super) fn marqueurs<'a>(
    urls: &'a [String],
    titres: &'a [String],
    points: &[Point<f64>],
) -> Vec<Marqueur<'a>> {
    urls.iter()
        .zip(titres)
        .zip(points)
        .map(|((u, t), p)| Marqueur {
            point: *p,
            url: u,
            titre: t,
        })
        .collect()
}

/// Balanced tags, quoted attributes, no stray `<` or `&`.
pub(super) fn bien_forme(s: &str) {
    let mut pile: Vec<&str> = Vec::new();
    let mut reste = s;
    if let Some(r) = reste.strip_prefix("<?xml") {
        reste = &r[r.find("?>").expect("prolog") + 2..];
    }
    while let Some(i) = reste.find(['<', '&']) {
        let texte = &reste[..i];
        assert!(!texte.contains('>'), "stray > in {texte:?}");
        reste = &reste[i..];
        if reste.starts_with('&') {
            let fin = reste.find(';').expect("entity");
            let ent = &reste[..=fin];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&ent),
                "{ent}"
            );
            reste = &reste[fin + 1..];
            continue;
        }
        let fin = reste.find('>').expect("unclosed tag");
        let balise = &reste[1..fin];
        assert!(!balise.contains('<'), "< in tag {balise:?}");
        assert_eq!(balise.matches('"').count() % 2, 0, "{balise}");
        if let Some(nom) = balise.strip_prefix('/') {
            assert_eq!(pile.pop(), Some(nom), "closing {nom}");
        } else if !balise.ends_with('/') {
            let nom = balise.split([' ', '\n']).next().unwrap();
            pile.push(nom);
        }
        reste = &reste[fin + 1..];
    }
    assert!(reste.trim().is_empty());
    assert!(pile.is_empty(), "unclosed {pile:?}");
}
