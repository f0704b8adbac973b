//! The names of the municipalities on a locator map, where they fit.

use std::fmt::Write as _;

use super::locale::{LOCALE_H, LOCALE_L, LOCALE_POLICE, Vue};
use super::projection::projeter;
use super::svg::Echappe;
use crate::refdata::RefData;

/// Municipality names at their centroids, greedily, where they overlap neither an earlier
/// name, nor a marker, nor the scale bar, nor the frame's edge.
pub(super) fn etiquettes(
    s: &mut String,
    refdata: &RefData,
    vue: &Vue,
    ici: Option<usize>,
    mut obstacles: Vec<[f64; 4]>,
) {
    let mut candidats: Vec<(bool, f64, usize, [f64; 2])> = Vec::new();
    for (i, c) in refdata.communes.iter().enumerate() {
        let p = vue.unites(projeter(c.centroide.0));
        if !(0.0..=LOCALE_L).contains(&p[0]) || !(0.0..=LOCALE_H).contains(&p[1]) {
            continue;
        }
        let (min, max) = (c.bbox.min(), c.bbox.max());
        let aire = (max.x - min.x) * (max.y - min.y);
        candidats.push((Some(i) != ici, -aire, i, p));
    }
    candidats.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .partial_cmp(&(b.0, b.1, b.2))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut ouvert = false;
    for (_, _, i, p) in candidats {
        let nom = &refdata.communes[i].nom;
        let largeur = nom.chars().count() as f64 * LOCALE_POLICE * 0.55 + 4.0;
        let (x, y) = (p[0].round(), (p[1] + LOCALE_POLICE * 0.35).round());
        let boite = [
            x - largeur / 2.0,
            y - LOCALE_POLICE,
            x + largeur / 2.0,
            y + 4.0,
        ];
        let dans_cadre = boite[0] >= 2.0
            && boite[1] >= 2.0
            && boite[2] <= LOCALE_L - 2.0
            && boite[3] <= LOCALE_H - 2.0;
        let libre = obstacles
            .iter()
            .all(|o| boite[2] < o[0] || boite[0] > o[2] || boite[3] < o[1] || boite[1] > o[3]);
        if !(dans_cadre && libre) {
            continue;
        }
        obstacles.push(boite);
        if !ouvert {
            s.push_str("<g aria-hidden=\"true\">");
            ouvert = true;
        }
        let _ = write!(s, "<text x=\"{x}\" y=\"{y}\">{}</text>", Echappe(nom));
    }
    if ouvert {
        s.push_str("</g>");
    }
}
