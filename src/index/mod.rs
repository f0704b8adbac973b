//! Stage 4, **index**: the prebuilt JSON search indexes for the browser, with
//! content-hashed file names, read by `themes/cisp/static/recherche.js`.
//!
//! # Layout
//! Everything is under `/static/recherche/`; every name but the manifest carries the hash
//! of its content ([`crate::site::empreinte`]), so no cache ever serves stale data.
//!
//! - **gazetteer** (`g-<a…z>.<hash>.json`, `g-<10…99>.<hash>.json`): the municipalities,
//!   localities and postal codes of [`Geocoder::gazetteer`] with their points, cut by the
//!   first letter of the name (or the first two digits of the postal code), so that the
//!   type-ahead reads 1–3 KB, not the whole 16 KB. A letter file: `{"c": [[nom, "cp cp…",
//!   x, y, autre nom?]], "l": [[nom, cp, commune, x, y]]}`; a digits file: `{"p": [[cp,
//!   commune, "localités", x, y]]}`.
//! - **lexicon**: the tables (distinct track titles, ROME codes of the catalogue, postal
//!   codes of the places, sector masks, build date, empty words) and the **text index**:
//!   normalised word ([`mots`]: accents, case, French plural and feminine forms) →
//!   features. A feature is a track title, a ROME code, a sector, a category, a method
//!   (EFT, DéFi), a flag (internship, evening, part-time), a postal code of a place or a
//!   distinct track description; tracks carry their features, so apart from the
//!   descriptions the index does not grow with the number of tracks. The kind of a
//!   feature (offsets `fo`) is the field where the word occurs, and the page ranks by it:
//!   title, then ROME job titles, then sector and themes, then description. A
//!   description's words exclude those its tracks' better fields already have (see
//!   `lexique::mots_des_descriptions`).
//!   Postal codes (`4020`) and ROME codes (`d1102`) are whole words: only the codes
//!   themselves have digits, and the page never matches them by prefix. `fm` gives, for
//!   each feature, the sectors where a track has it: the page then reads only those
//!   sectors' parts.
//! - **parts** (`p-<famille>-<cellule>.<pv>.json`): places and the tracks given there,
//!   `{"c": [[centre, DéFi?, slug, [[slug, titre, catégorie, secteur, [rome], drapeaux,
//!   [séances], [lieux], description]]]]], "l": [[centre, slug, nom, localité, commune,
//!   cp, x, y, gare, marche, approximatif?]]}` (slugs; `gare` indexes the lexicon's
//!   `gares`, -1 when no station is within a walk, `marche` in 5-minute steps without their centre's `slug-` prefix when they have it, else
//!   `!slug`; sessions in minutes from the build date's midnight; the description as an
//!   offset from the first description of the track's title, `xt` in the lexicon: the
//!   feature is `fo.x + xt[titre] + description`). A small catalogue (at most
//!   [`UNE_PARTIE_MAX`] places + tracks, the demo) is one part, `p-tout`, which also
//!   carries the lexicon (`"lex"`): a search reads two files, a gazetteer letter and
//!   `p-tout`. A large one has a separate `lexique` file and is cut twice: by geographic
//!   cell (1° cells split in four until each holds at most [`CELLULE_MAX`] places and
//!   tracks), and by sector then cell, so that « boulanger near Liège » reads only the
//!   bakery parts around Liège. Parts share one hash (`pv`): the manifest lists every
//!   part as `[name, x0, y0, x1, y1, sectors, gzip size]` (box in 100 m steps, rounded
//!   outwards; size in hundreds of bytes), and the page makes its URL from `pd`, the name
//!   and `pv`. The page picks the lighter family and reads the nearest cells first.
//! - **« what » shards** (`q/<3 lettres>.<hash>.json`; see [`quoi`]): the words that begin with the same three letters, the tracks they find
//!   and the pieces of the tables those tracks need, in the format of a part. A « where +
//!   what » search at demo scale reads a gazetteer letter and one shard (3–7 KB gzip)
//!   instead of `p-tout` (27 KB); `p-tout` stays for searches without words, and is what
//!   the page keeps offline after its first results. `cles.<hash>.json`: every word, for a
//!   typo in the first three letters. The manifest gives the shards' folder (`q`), their
//!   common hash (`qv`), the shards named by fewer than three letters (`qc`), `cles` (`k`)
//!   and the empty words (`mv`). A large catalogue's shards are lexicon pieces (`ql`):
//!   the words and the small tables without tracks, read instead of the whole lexicon
//!   before the nearest sector parts.
//! - **`manifeste.json`**: the list of files, unhashed, for the home page's search box.
//!   The search page carries the same manifest in its HTML (no extra request).
//! - `version`, the build's name for the caches of the service worker (`/sw.js`, written
//!   by the render stage with the theme's worker).
//!
//! Coordinates are integers: (lon − 2.5) × 10⁴ and (lat − 49.4) × 10⁴ for places (≈ 10 m),
//! the same × 10³ in the gazetteer (≈ 100 m).

mod descriptions;
mod ecriture;
mod gazetteer;
mod lexique;
mod mots;
mod parties;
mod quoi;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::geocode::Geocoder;
use crate::resolve::Catalogue;
use crate::site::{Output, empreinte};

use ecriture::{Fragments, gzip_len, publier, publier_texte, x_lieu, y_lieu};
pub use gazetteer::cle_gazetteer;
use gazetteer::gazetteer;
use lexique::{Tables, lexique};
pub use mots::{mots, racine};
use parties::parties;
pub use quoi::cle_tranche;

/// Where the index files go (URL path and output folder).
pub const DOSSIER: &str = "static/recherche";

/// A catalogue with at most this many places + tracks is one part.
pub const UNE_PARTIE_MAX: usize = 2_500;

/// A geographic cell holds at most this many places + tracks (unless it is already
/// [`PROFONDEUR_MAX`] times split).
pub const CELLULE_MAX: usize = 700;

/// 1° / 2⁵ ≈ 2 km × 3.5 km: cells are not split further.
const PROFONDEUR_MAX: u32 = 5;

/// Origin of the integer coordinates.
const X0: f64 = 2.5;
const Y0: f64 = 49.4;

/// Next information sessions kept per track (the page shows the first one not past).
const SEANCES_MAX: usize = 2;

/// The index files and what the search page needs to find them.
#[derive(Debug, Default)]
pub struct Indexes {
    pub files: Vec<Output>,
    /// File names (with their hashes) handed to the search page, as JSON.
    pub manifest: serde_json::Value,
    /// The build's name for caches: a hash of every index file.
    pub version: String,
}

impl Indexes {
    /// The manifest as the search page embeds it.
    pub fn manifest_text(&self) -> String {
        self.manifest.to_string()
    }

    /// An index file by its path in the site (`/static/recherche/…`, `sw.js`).
    pub fn file(&self, path: &str) -> Option<&Output> {
        let path = path.trim_start_matches('/');
        self.files.iter().find(|f| f.path == path)
    }
}

/// Builds every index file from the resolved catalogue, for a site at the root of its host.
pub fn build(catalogue: &Catalogue) -> Indexes {
    build_sous(catalogue, "")
}

/// [`build`] for a site published under `racine` (`/cisp`, or empty): the manifest's URLs
/// carry it (the search script fetches them as they are).
pub fn build_sous(catalogue: &Catalogue, racine: &str) -> Indexes {
    let cat = catalogue;
    let refdata = cat.refdata;

    let (tables, nb_features) = Tables::new(cat);
    let fragments = Fragments::new(cat, &tables);

    // The gazetteer (the geocoder's tables) and the lexique and parts (the catalogue's) are
    // independent: made side by side, then every file serialised in parallel (the parts
    // also gzip-measured, for the manifest).
    let (gazetteer, (lexique, (une, parties))) = rayon::join(
        || gazetteer(&Geocoder::new(refdata), refdata),
        || rayon::join(|| lexique(cat, &tables, nb_features), || parties(cat)),
    );
    let gazetteer: Vec<(String, Output)> = gazetteer
        .par_iter()
        .map(|(k, v)| (k.to_string(), publier(&format!("g-{k}"), v)))
        .collect();
    let publier_parties = || -> Vec<(Output, usize)> {
        parties
            .par_iter()
            .map(|p| {
                let mut texte = fragments.partie(cat, p);
                if une {
                    texte.push_str(",\"lex\":");
                    texte.push_str(&lexique.to_string());
                }
                texte.push('}');
                let o = publier_texte(&format!("p-{}", nom_partie(p)), texte);
                let taille = gzip_len(&o.bytes);
                (o, taille)
            })
            .collect()
    };
    // « What » shards: a search with words reads one of a few KB instead of the whole
    // part (a small catalogue: shards with their tracks, made beside the part) or the
    // whole lexicon (a large one: lexicon pieces, which list the sector parts their words
    // need, so made once the parts are measured).
    let (parts, tranches) = if une {
        let (parts, t) = rayon::join(publier_parties, || {
            quoi::tranches(cat, &tables, &fragments, &lexique, &quoi::Sorte::Pistes)
        });
        (parts, Some(t))
    } else {
        (publier_parties(), None)
    };
    let url = |o: &Output| json!(format!("{racine}/{}", o.path));

    let mut g = serde_json::Map::new();
    for (k, o) in &gazetteer {
        g.insert(k.clone(), url(o));
    }
    // Parts are named with one hash of them all (`pv`), as the « what » shards are: the
    // manifest then gives a part by its name, without a hash of its own (at 100 ×,
    // per-part hashes were 5 KB gzip of every search page).
    let mut tout = String::new();
    for (o, _) in &parts {
        tout.push_str(&o.path);
    }
    let pv = empreinte(tout.as_bytes());
    let parts: Vec<(Output, usize)> = parties
        .iter()
        .zip(parts)
        .map(|(p, (o, taille))| {
            let path = format!("{DOSSIER}/p-{}.{pv}.json", nom_partie(p));
            (Output { path, ..o }, taille)
        })
        .collect();
    // A part: [name, box, sectors, gzip size]. The box in 100 m steps, rounded outwards
    // (the page only needs a lower bound of the distance), the size in hundreds of bytes
    // (rounded up): 5 digits less per part. The page carries the all-sector parts; the
    // sector parts (`familles`, by sector bit) are listed in the lexicon pieces of the
    // words that find tracks there, and in the lexicon file.
    let mut manifest_parts = Vec::new();
    let mut familles: BTreeMap<u32, Vec<Value>> = BTreeMap::new();
    let (bas, haut) = (|v: i64| v.div_euclid(10), |v: i64| -(-v).div_euclid(10));
    for (p, (_, taille)) in parties.iter().zip(&parts) {
        let (mut x0, mut y0, mut x1, mut y1) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
        for &l in &p.lieux {
            let (x, y) = (x_lieu(cat.lieux[l].point), y_lieu(cat.lieux[l].point));
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let entree = json!([
            nom_partie(p),
            bas(x0),
            bas(y0),
            haut(x1),
            haut(y1),
            p.secteurs,
            taille.div_ceil(100),
        ]);
        if p.secteurs == 0 {
            manifest_parts.push(entree);
        } else {
            familles.entry(p.secteurs).or_default().push(entree);
        }
    }
    let tranches = tranches.unwrap_or_else(|| {
        let sorte = quoi::Sorte::Morceaux(&familles);
        quoi::tranches(cat, &tables, &fragments, &lexique, &sorte)
    });
    // The lexicon file lists every sector part, for searches without words (a sector or
    // ROME filter alone).
    let lex = (!une).then(|| {
        let mut lexique = lexique;
        if let Some(o) = lexique.as_object_mut() {
            let tous: Vec<&Value> = familles.values().flatten().collect();
            let ps = familles.keys().fold(0, |a, s| a | s);
            o.insert("parts".into(), json!(tous));
            o.insert("ps".into(), json!(ps));
        }
        publier("lexique", &lexique)
    });
    let lex_url = lex.as_ref().map_or(Value::Null, url);
    let mut files: Vec<Output> = gazetteer
        .into_iter()
        .map(|(_, o)| o)
        .chain(parts.into_iter().map(|(o, _)| o))
        .chain(lex)
        .collect();
    let (q, qv, qc, k) = (
        json!(format!("{racine}/{DOSSIER}/q/")),
        json!(tranches.version),
        json!(tranches.courtes),
        url(&tranches.cles),
    );
    files.extend(tranches.files);
    files.push(tranches.cles);

    let mut empreintes = String::new();
    for f in &files {
        empreintes.push_str(&f.path);
    }
    let version = empreinte(empreintes.as_bytes());
    let manifest = json!({
        "v": version,
        "g": g,
        "lex": lex_url,
        "parts": manifest_parts,
        "pd": format!("{racine}/{DOSSIER}/p-"),
        "pv": pv,
        "q": q,
        "qv": qv,
        "qc": qc,
        "k": k,
        // The shards are lexicon pieces, without tracks (a large catalogue).
        "ql": !une,
        "mv": mots::MOTS_VIDES,
    });
    files.push(Output {
        path: format!("{DOSSIER}/manifeste.json"),
        bytes: manifest.to_string().into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Indexes {
        files,
        manifest,
        version,
    }
}

/// A part's name in its file and in the manifest: `tout` (the one part of a small catalogue),
/// `<famille>-<cellule>` otherwise.
fn nom_partie(p: &parties::Partie) -> String {
    if p.cellule.is_empty() {
        p.famille.clone()
    } else {
        format!("{}-{}", p.famille, p.cellule)
    }
}
