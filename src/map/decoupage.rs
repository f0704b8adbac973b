//! Clipping to the frame of a locator map: the visible runs of a line, and a ring cut by
//! the frame.

use super::svg::{Chemin, arrondir_ligne};

/// Emits the runs of segments of a polyline that touch the frame.
pub(super) fn troncons_visibles(c: &mut Chemin, pts: &[[f64; 2]], cadre: [f64; 4]) {
    let visible = |a: [f64; 2], b: [f64; 2]| {
        a[0].max(b[0]) >= cadre[0]
            && a[0].min(b[0]) <= cadre[2]
            && a[1].max(b[1]) >= cadre[1]
            && a[1].min(b[1]) <= cadre[3]
    };
    let mut troncon: Vec<[f64; 2]> = Vec::new();
    for w in pts.windows(2) {
        if visible(w[0], w[1]) {
            if troncon.is_empty() {
                troncon.push(w[0]);
            }
            troncon.push(w[1]);
        } else if !troncon.is_empty() {
            c.ligne(&arrondir_ligne(&troncon));
            troncon.clear();
        }
    }
    c.ligne(&arrondir_ligne(&troncon));
}

/// Sutherland–Hodgman clipping of a ring by a rectangle `[xmin, ymin, xmax, ymax]`. The
/// result may have zero-width parts along the frame: invisible in a fill, and outside the
/// viewBox for a stroke since the frame is larger than the view.
pub(super) fn decouper(anneau: &[[f64; 2]], cadre: [f64; 4]) -> Vec<[f64; 2]> {
    let mut pts = anneau.to_vec();
    for bord in 0..4 {
        if pts.is_empty() {
            break;
        }
        let dedans = |p: [f64; 2]| match bord {
            0 => p[0] >= cadre[0],
            1 => p[0] <= cadre[2],
            2 => p[1] >= cadre[1],
            _ => p[1] <= cadre[3],
        };
        let couper = |a: [f64; 2], b: [f64; 2]| {
            let (axe, v) = match bord {
                0 => (0, cadre[0]),
                1 => (0, cadre[2]),
                2 => (1, cadre[1]),
                _ => (1, cadre[3]),
            };
            let t = (v - a[axe]) / (b[axe] - a[axe]);
            [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
        };
        let entree = std::mem::take(&mut pts);
        let mut prec = entree[entree.len() - 1];
        for &p in &entree {
            match (dedans(prec), dedans(p)) {
                (true, true) => pts.push(p),
                (true, false) => pts.push(couper(prec, p)),
                (false, true) => {
                    pts.push(couper(prec, p));
                    pts.push(p);
                }
                (false, false) => {}
            }
            prec = p;
        }
    }
    pts
}
