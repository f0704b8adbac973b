//! JSON writing: integer coordinates, the records of a part, and the files named after
//! their content.

use std::collections::BTreeMap;
use std::io::Write as _;

use geo::Point;
use serde_json::{Value, json};

use super::lexique::{
    DRAPEAU_DEFI, Tables, categorie_id, codes_rome, drapeaux, gare_a_pied, secteur_id,
};
use super::parties::Partie;
use super::{DOSSIER, Output, SEANCES_MAX, X0, Y0, empreinte};
use crate::model::Methode;
use crate::resolve::{Catalogue, Precision};
use crate::text::fold;

pub(super) fn entier(v: f64, origine: f64, echelle: f64) -> i64 {
    ((v - origine) * echelle).round() as i64
}

pub(super) fn x_lieu(p: Point<f64>) -> i64 {
    entier(p.x(), X0, 1e4)
}

pub(super) fn y_lieu(p: Point<f64>) -> i64 {
    entier(p.y(), Y0, 1e4)
}

/// An index file named after its content.
pub(super) fn publier(nom: &str, v: &Value) -> Output {
    publier_texte(nom, v.to_string())
}

/// [`publier`] for JSON already written as text.
pub(super) fn publier_texte(nom: &str, texte: String) -> Output {
    let bytes = texte.into_bytes();
    let path = format!("{DOSSIER}/{nom}.{}.json", empreinte(&bytes));
    Output { path, bytes }
}

/// The gzip size of a part, which the browser adds up to choose what to fetch. Only the
/// parts are measured: compressing every index file at level 9 was a sixth of the index.
pub(super) fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// A slug without its centre's prefix: `fournil-seraing` → `seraing` under `fournil`;
/// `!slug` when it does not start with `<centre>-`.
fn relatif(slug: &str, centre: &str) -> String {
    match slug.strip_prefix(centre).and_then(|s| s.strip_prefix('-')) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => format!("!{slug}"),
    }
}

/// The record of place `l` of a part without its first field (the centre's index in the
/// part): `"slug","nom",…]`.
fn lieu_fin(cat: &Catalogue, tables: &Tables, l: usize) -> String {
    let lr = &cat.lieux[l];
    let centre = &cat.centres[lr.centre];
    // The station within walking distance (into the lexicon's `gares`, -1 for none) and
    // the walk in 5-minute steps, for the cards of people without a car; then « 1 » when
    // the place is placed by its locality. Trailing « none » values are left out: every
    // byte here is in every first search.
    let (gare, marche) = gare_a_pied(cat, lr)
        .and_then(|(nom, pas)| Some((*tables.gare_id.get(nom)? as i64, pas)))
        .unwrap_or((-1, 0));
    let localite = if fold(&lr.lieu.localite) == fold(&lr.commune.nom) {
        ""
    } else {
        lr.lieu.localite.as_str()
    };
    let mut v = vec![
        json!(relatif(&lr.slug, &centre.slug)),
        json!(lr.lieu.nom.value),
        json!(localite),
        json!(lr.commune.nom),
        json!(lr.lieu.code_postal.trim()),
        json!(x_lieu(lr.point)),
        json!(y_lieu(lr.point)),
    ];
    let approx = lr.precision != Precision::Exacte;
    if gare >= 0 || approx {
        v.extend([json!(gare), json!(marche)]);
    }
    if approx {
        v.push(json!(1));
    }
    let texte = Value::Array(v).to_string();
    texte.strip_prefix('[').unwrap_or(&texte).to_string()
}

/// The record of track `f` around its places' indices: `["slug",titre,…,[` and `],description]`.
fn filiere_bouts(cat: &Catalogue, tables: &Tables, f: usize) -> (String, String) {
    let minuit = cat.today.and_hms_opt(0, 0, 0).unwrap_or_default();
    let fr = &cat.filieres[f];
    let m = fr.filiere;
    let centre = &cat.centres[fr.centre];
    let seances: Vec<i64> = fr
        .seances
        .iter()
        .take(SEANCES_MAX)
        .filter_map(|s| {
            let h = s.heure;
            let t = s
                .date
                .0
                .and_hms_opt(u32::from(h.heures), u32::from(h.minutes), 0)?;
            Some((t - minuit).num_minutes())
        })
        .collect();
    let tete = json!([
        relatif(&fr.slug, &centre.slug),
        tables
            .titre_id
            .get(m.titre.value.as_str())
            .copied()
            .unwrap_or(0),
        categorie_id(m.categorie),
        secteur_id(m.secteur),
        codes_rome(cat, f)
            .iter()
            .filter_map(|code| tables.rome_id.get(code))
            .collect::<Vec<_>>(),
        drapeaux(cat, f) & !DRAPEAU_DEFI,
        seances,
    ])
    .to_string();
    let tete = format!("{},[", tete.strip_suffix(']').unwrap_or(&tete));
    (tete, format!("],{}]", tables.description_relative(cat, f)))
}

/// The records of every place, track and centre, written once and put together for each
/// part: a small catalogue has hundreds of « what » shards, each a part.
pub(super) struct Fragments {
    lieux: Vec<String>,
    filieres: Vec<(String, String)>,
    /// `["nom",0,"slug",[`
    centres: Vec<String>,
}

impl Fragments {
    pub(super) fn new(cat: &Catalogue, tables: &Tables) -> Self {
        let centres = cat
            .centres
            .iter()
            .map(|c| {
                let t = json!([
                    c.centre.nom.value,
                    u8::from(c.centre.methode == Methode::Defi),
                    c.slug
                ])
                .to_string();
                format!("{},[", t.strip_suffix(']').unwrap_or(&t))
            })
            .collect();
        Fragments {
            lieux: (0..cat.lieux.len())
                .map(|l| lieu_fin(cat, tables, l))
                .collect(),
            filieres: (0..cat.filieres.len())
                .map(|f| filiere_bouts(cat, tables, f))
                .collect(),
            centres,
        }
    }

    /// A part (see the module documentation for the format), as JSON text without its
    /// closing brace, so that the caller may add fields.
    pub(super) fn partie(&self, cat: &Catalogue, p: &Partie) -> String {
        use std::fmt::Write as _;
        let mut par_centre: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for &l in &p.lieux {
            par_centre.entry(cat.lieux[l].centre).or_default().0.push(l);
        }
        for &f in &p.filieres {
            par_centre
                .entry(cat.filieres[f].centre)
                .or_default()
                .1
                .push(f);
        }
        let mut lieu_local: BTreeMap<usize, usize> = BTreeMap::new();
        let mut lieux = String::new();
        for (ci, (_, (ls, _))) in par_centre.iter().enumerate() {
            for &l in ls {
                lieux.push(if lieu_local.is_empty() { '[' } else { ',' });
                lieu_local.insert(l, lieu_local.len());
                let _ = write!(lieux, "[{ci},{}", self.lieux[l]);
            }
        }
        if lieu_local.is_empty() {
            lieux.push('[');
        }
        lieux.push(']');
        let mut out = String::from("{\"c\":[");
        for (i, (&c, (_, fs))) in par_centre.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&self.centres[c]);
            for (j, &f) in fs.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                let (tete, fin) = &self.filieres[f];
                out.push_str(tete);
                let ici = cat.filieres[f]
                    .lieux
                    .iter()
                    .filter_map(|l| lieu_local.get(l));
                for (k, i) in ici.enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{i}");
                }
                out.push_str(fin);
            }
            out.push_str("]]");
        }
        out.push_str("],\"l\":");
        out.push_str(&lieux);
        out
    }
}
