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
//!   (EFT, DéFi), a flag (internship, evening, part-time) or a postal code of a place;
//!   tracks carry their features, so the index does not grow with the number of tracks.
//!   Postal codes (`4020`) and ROME codes (`d1102`) are whole words: only the codes
//!   themselves have digits, and the page never matches them by prefix. `fm` gives, for
//!   each feature, the sectors where a track has it: the page then reads only those
//!   sectors' parts.
//! - **parts** (`p-<famille>-<cellule>.<hash>.json`): places and the tracks given there,
//!   `{"c": [[centre, DéFi?, slug, [[slug, titre, catégorie, secteur, [rome], drapeaux,
//!   [séances], [lieux]]]]], "l": [[centre, slug, nom, localité, commune, cp, x, y]]}`
//!   (slugs without their centre's `slug-` prefix when they have it, else `!slug`;
//!   sessions in minutes from the build date's midnight). A small catalogue (at most
//!   [`UNE_PARTIE_MAX`] places + tracks, the demo) is one part, `p-tout`, which also
//!   carries the lexicon (`"lex"`): a search reads two files, a gazetteer letter and
//!   `p-tout`. A large one has a separate `lexique` file and is cut twice: by geographic
//!   cell (1° cells split in four until each holds at most [`CELLULE_MAX`] places and
//!   tracks), and by sector then cell, so that « boulanger near Liège » reads only the
//!   bakery parts around Liège. The manifest lists every part with its box, sectors,
//!   weight and gzip size; the page picks the lighter family and reads the nearest cells
//!   first.
//! - **`manifeste.json`**: the list of files, unhashed, for the home page's search box.
//!   The search page carries the same manifest in its HTML (no extra request).
//! - `version`, the build's name for the caches of the service worker (`/sw.js`, written
//!   by the render stage with the theme's worker).
//!
//! Coordinates are integers: (lon − 2.5) × 10⁴ and (lat − 49.4) × 10⁴ for places (≈ 10 m),
//! the same × 10³ in the gazetteer (≈ 100 m).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;

use geo::Point;
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::geocode::{Geocoder, Kind};
use crate::model::{Categorie, Methode, Secteur};
use crate::resolve::Catalogue;
use crate::site::{Output, empreinte};
use crate::text::fold;

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

// ---------------------------------------------------------------------------------------
// Words

/// Words that say nothing about a track: never indexed, ignored when typed.
const MOTS_VIDES: &[&str] = &[
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cette",
    "d",
    "dans",
    "de",
    "des",
    "du",
    "en",
    "et",
    "f",
    "h",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "m",
    "ma",
    "me",
    "mes",
    "mon",
    "n",
    "ne",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "s",
    "sa",
    "sans",
    "se",
    "ses",
    "son",
    "sur",
    "t",
    "ta",
    "tes",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "un",
    "une",
    "y",
    "chez",
    "vers",
    "etc",
    "hf",
    // Generic words of the field: they would match nearly everything, or nothing.
    "formation",
    "former",
    "apprendre",
    "metier",
    "cours",
    "travail",
    "travailler",
    "emploi",
    "job",
    "boulot",
    "cherche",
    "chercher",
    "devenir",
    "faire",
    "etre",
    "veux",
    "voudrai",
    "voudrais",
    "aimerai",
    "aimerais",
    "niveau",
    "autre",
    "general",
];

/// Feminine and other endings brought back to the masculine singular, longest first.
const FINALES: &[(&str, &str)] = &[
    ("trice", "teur"),
    ("ienne", "ien"),
    ("euse", "eur"),
    ("elle", "el"),
    ("ette", "et"),
    ("aise", "ais"),
    ("enne", "en"),
    ("ere", "er"),
    ("ive", "if"),
    ("ale", "al"),
    ("ee", "e"),
];

/// The normalised form of one folded word (see [`fold`]): plural and feminine endings
/// removed, then a final « e » (« boulangères » → « boulanger », « vendeuses » →
/// « vendeur », « conductrice » → « conducteur », « informaticienne » → « informaticien »,
/// « administrative » → « administratif », « agente » → « agent », « employée » and
/// « employé » → « employ »). Words with a digit (postal codes, ROME codes) and words of
/// three letters or fewer are kept whole. `recherche.js` has the same function (`racine`).
pub fn racine(mot: &str) -> String {
    let n = mot.chars().count();
    if n <= 3 || mot.chars().any(|c| c.is_ascii_digit()) {
        return mot.to_string();
    }
    let mut m = mot.to_string();
    // Plurals: -eaux → -eau, -aux → -al, -s and -x, except -ss, -us, -ais, -ois
    // (« bois », « français »).
    if m.ends_with("eaux") {
        m.pop();
    } else if m.ends_with("aux") && n > 4 {
        m.truncate(m.len() - 3);
        m.push_str("al");
    } else if (m.ends_with('s') || m.ends_with('x'))
        && !m.ends_with("ss")
        && !m.ends_with("us")
        && !m.ends_with("ais")
        && !m.ends_with("ois")
    {
        m.pop();
    }
    for (fin, par) in FINALES {
        if let Some(debut) = m.strip_suffix(fin)
            && debut.chars().count() >= 2
        {
            m = format!("{debut}{par}");
            break;
        }
    }
    if m.len() > 3 && m.ends_with('e') {
        m.pop();
    }
    m
}

/// Removes the feminine marks written in brackets: « Aide-boulanger(ère) » →
/// « Aide-boulanger », « Employé(e) administratif(ve) » → « Employé administratif ».
fn sans_feminin_entre_parentheses(texte: &str) -> String {
    let mut out = String::with_capacity(texte.len());
    let mut reste = texte;
    while let Some(i) = reste.find('(') {
        let (avant, apres) = reste.split_at(i);
        out.push_str(avant);
        let colle = avant.chars().next_back().is_some_and(char::is_alphabetic);
        match apres[1..].find(')') {
            // At most 8 letters (characters, not bytes: « (ère) » and « (ere) » alike).
            Some(j)
                if colle
                    && apres[1..1 + j].chars().count() <= 8
                    && apres[1..1 + j].chars().all(char::is_alphabetic) =>
            {
                reste = &apres[j + 2..];
            }
            _ => {
                out.push('(');
                reste = &apres[1..];
            }
        }
    }
    out.push_str(reste);
    out
}

/// The normalised words of a text, as the search compares them: folded, feminine marks in
/// brackets dropped, empty words left out, each through [`racine`]. « Boulanger /
/// Boulangère » → `["boulanger", "boulanger"]`; « 4020 Liège » → `["4020", "lieg"]`.
pub fn mots(texte: &str) -> Vec<String> {
    fold(&sans_feminin_entre_parentheses(texte))
        .split(' ')
        .filter(|m| !m.is_empty() && !MOTS_VIDES.contains(m))
        .map(racine)
        .filter(|m| !MOTS_VIDES.contains(&m.as_str()))
        .collect()
}

/// Words a person may type for a sector, besides its name.
fn synonymes_secteur(s: Secteur) -> &'static str {
    match s {
        Secteur::Batiment => "construction chantier renovation",
        Secteur::Horeca => "restaurant restauration cuisine",
        Secteur::Alimentation => "boulangerie alimentaire",
        Secteur::Nettoyage => "proprete entretien",
        Secteur::EspacesVerts => "jardin jardinage",
        Secteur::AideAuxPersonnes => "soins social",
        Secteur::Bureau => "administratif secretariat bureautique",
        Secteur::Informatique => "ordinateur numerique digital",
        Secteur::Logistique => "entrepot magasinier",
        Secteur::Vente => "commerce vendeur",
        Secteur::Couture => "textile",
        Secteur::Mecanique => "garage velo",
        Secteur::Spectacle => "scene evenement",
        Secteur::SavoirsDeBase => "alpha alphabetisation lecture ecriture calcul",
        Secteur::Francais => "fle langue",
        Secteur::Orientation => "orientation",
    }
}

fn synonymes_categorie(c: Categorie) -> &'static str {
    match c {
        Categorie::Orientation => "orientation",
        Categorie::FormationDeBase => "base",
        Categorie::FormationProfessionnalisante => "professionnalisante qualifiante",
    }
}

// ---------------------------------------------------------------------------------------
// Building

/// The kinds of features, in the order of their ids.
#[derive(Debug, Clone, Copy)]
enum Sorte {
    Titre,
    Rome,
    Secteur,
    Categorie,
    Methode,
    Drapeau,
    CodePostal,
}

const DRAPEAU_DEFI: u32 = 1;
const DRAPEAU_STAGE: u32 = 2;
const DRAPEAU_SOIR: u32 = 4;
const DRAPEAU_PARTIEL: u32 = 8;

/// Tables shared by the lexicon and the parts.
struct Tables {
    titres: Vec<String>,
    titre_id: BTreeMap<String, usize>,
    rome: Vec<String>,
    rome_id: BTreeMap<String, usize>,
    cps: Vec<String>,
    cp_id: BTreeMap<String, usize>,
    /// Offset of each kind of feature.
    offsets: [usize; 7],
}

impl Tables {
    fn id(&self, sorte: Sorte, i: usize) -> usize {
        self.offsets[sorte as usize] + i
    }
}

fn secteur_id(s: Secteur) -> usize {
    Secteur::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn categorie_id(c: Categorie) -> usize {
    Categorie::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn drapeaux(cat: &Catalogue, f: usize) -> u32 {
    let fr = &cat.filieres[f];
    let m = fr.filiere;
    let mut d = 0;
    if cat.centres[fr.centre].centre.methode == Methode::Defi {
        d |= DRAPEAU_DEFI;
    }
    if m.stage {
        d |= DRAPEAU_STAGE;
    }
    if m.horaire.moment.soir() {
        d |= DRAPEAU_SOIR;
    }
    if m.horaire.temps_partiel() {
        d |= DRAPEAU_PARTIEL;
    }
    d
}

fn codes_rome(cat: &Catalogue, f: usize) -> Vec<String> {
    let mut v: Vec<String> = cat.filieres[f]
        .filiere
        .rome
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| cat.refdata.rome.fiche(c).is_some())
        .collect();
    v.dedup();
    v
}

fn entier(v: f64, origine: f64, echelle: f64) -> i64 {
    ((v - origine) * echelle).round() as i64
}

fn x_lieu(p: Point<f64>) -> i64 {
    entier(p.x(), X0, 1e4)
}

fn y_lieu(p: Point<f64>) -> i64 {
    entier(p.y(), Y0, 1e4)
}

/// An index file named after its content, and its gzip size (which the browser adds up to
/// choose what to fetch).
fn publier(nom: &str, v: &Value) -> (Output, usize) {
    let bytes = v.to_string().into_bytes();
    let path = format!("{DOSSIER}/{nom}.{}.json", empreinte(&bytes));
    let o = gzip_len(&bytes);
    (Output { path, bytes }, o)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// The gazetteer file a name goes to: the first letter (a–z) of its folded form, or the
/// first two digits of a postal code; `None` for anything else. `recherche.js` reads the
/// file of what is typed the same way.
pub fn cle_gazetteer(nom: &str) -> Option<String> {
    let plie = fold(nom);
    let mut c = plie.chars();
    match c.next()? {
        l if l.is_ascii_lowercase() => Some(l.to_string()),
        d if d.is_ascii_digit() => c
            .next()
            .filter(char::is_ascii_digit)
            .map(|e| format!("{d}{e}")),
        _ => None,
    }
}

/// The gazetteer, by first letter or digit (see the module documentation).
fn gazetteer(geocoder: &Geocoder, refdata: &crate::refdata::RefData) -> BTreeMap<String, Value> {
    let xg = |p: Point<f64>| entier(p.x(), X0, 1e3);
    let yg = |p: Point<f64>| entier(p.y(), Y0, 1e3);
    type Colonnes = (Vec<Value>, Vec<Value>, Vec<Value>);
    let mut lettres: BTreeMap<String, Colonnes> = BTreeMap::new();
    for e in geocoder.gazetteer() {
        let Some(commune) = refdata.commune(&e.nis) else {
            continue;
        };
        let cp = e.code_postal.clone().unwrap_or_default();
        match e.kind {
            Kind::Commune => {
                // The postal code of its own locality first (the one the label shows).
                let mut cps = vec![cp.clone()];
                cps.extend(commune.codes_postaux.iter().filter(|c| **c != cp).cloned());
                let mut v = vec![
                    json!(e.nom),
                    json!(cps.join(" ")),
                    json!(xg(e.point)),
                    json!(yg(e.point)),
                ];
                if let Some(autre) = &commune.autre_nom {
                    v.push(json!(autre));
                }
                let noms = std::iter::once(e.nom.as_str()).chain(commune.autre_nom.as_deref());
                let cles: BTreeSet<String> = noms.filter_map(cle_gazetteer).collect();
                for k in cles {
                    lettres
                        .entry(k)
                        .or_default()
                        .0
                        .push(Value::Array(v.clone()));
                }
            }
            Kind::Localite => {
                if let Some(k) = cle_gazetteer(&e.nom) {
                    let v = json!([e.nom, cp, commune.nom, xg(e.point), yg(e.point)]);
                    lettres.entry(k).or_default().1.push(v);
                }
            }
            Kind::CodePostal => {
                // « 4100 Seraing (Boncelles, Seraing) »: the list in brackets.
                let liste = e
                    .label
                    .split_once(" (")
                    .map(|(_, l)| l.trim_end_matches(')').to_string())
                    .unwrap_or_default();
                if let Some(k) = cle_gazetteer(&cp) {
                    let v = json!([cp, commune.nom, liste, xg(e.point), yg(e.point)]);
                    lettres.entry(k).or_default().2.push(v);
                }
            }
            Kind::Coordonnees => {}
        }
    }
    lettres
        .into_iter()
        .map(|(k, (c, l, p))| {
            let v = if k.starts_with(|c: char| c.is_ascii_digit()) {
                json!({ "p": p })
            } else {
                json!({ "c": c, "l": l })
            };
            (k, v)
        })
        .collect()
}

/// A part of the catalogue: some places and the tracks (of some sectors) given there.
struct Partie {
    famille: String,
    cellule: String,
    /// Sector mask: 0 for every sector.
    secteurs: u32,
    lieux: Vec<usize>,
    filieres: BTreeSet<usize>,
}

fn poids(cat: &Catalogue, lieux: &[usize], garde: &dyn Fn(usize) -> bool) -> usize {
    let mut filieres = BTreeSet::new();
    for &l in lieux {
        filieres.extend(cat.lieux[l].filieres.iter().copied().filter(|&f| garde(f)));
    }
    lieux.len() + filieres.len()
}

/// Splits places into cells: 1° cells, each split in four while it weighs more than
/// [`CELLULE_MAX`].
fn cellules(
    cat: &Catalogue,
    lieux: &[usize],
    garde: &dyn Fn(usize) -> bool,
) -> Vec<(String, Vec<usize>)> {
    let mut par_degre: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for &l in lieux {
        let p = cat.lieux[l].point;
        par_degre
            .entry((p.x().floor() as i64, p.y().floor() as i64))
            .or_default()
            .push(l);
    }
    let mut out = Vec::new();
    for ((x, y), v) in par_degre {
        decouper(
            cat,
            format!("{x}_{y}"),
            (x as f64, y as f64, 1.0),
            v,
            0,
            garde,
            &mut out,
        );
    }
    out
}

fn decouper(
    cat: &Catalogue,
    nom: String,
    (x, y, cote): (f64, f64, f64),
    lieux: Vec<usize>,
    profondeur: u32,
    garde: &dyn Fn(usize) -> bool,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    if profondeur >= PROFONDEUR_MAX || poids(cat, &lieux, garde) <= CELLULE_MAX {
        out.push((nom, lieux));
        return;
    }
    let demi = cote / 2.0;
    let mut quarts: [Vec<usize>; 4] = Default::default();
    for l in lieux {
        let p = cat.lieux[l].point;
        let q = usize::from(p.x() >= x + demi) + 2 * usize::from(p.y() >= y + demi);
        quarts[q].push(l);
    }
    for (q, v) in quarts.into_iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        let (qx, qy) = (x + demi * (q % 2) as f64, y + demi * (q / 2) as f64);
        decouper(
            cat,
            format!("{nom}{q}"),
            (qx, qy, demi),
            v,
            profondeur + 1,
            garde,
            out,
        );
    }
}

/// Builds every index file from the resolved catalogue.
pub fn build(catalogue: &Catalogue) -> Indexes {
    let cat = catalogue;
    let refdata = cat.refdata;

    // Tables.
    let mut titres: Vec<String> = cat
        .filieres
        .iter()
        .map(|f| f.filiere.titre.value.clone())
        .collect();
    titres.sort_by_key(|t| (fold(t), t.clone()));
    titres.dedup();
    let titre_id = titres
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i))
        .collect();
    let rome: Vec<String> = (0..cat.filieres.len())
        .flat_map(|f| codes_rome(cat, f))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rome_id = rome
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect();
    let cps: Vec<String> = cat
        .lieux
        .iter()
        .map(|l| l.lieu.code_postal.trim().to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let cp_id = cps
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect();
    let tailles = [
        titres.len(),
        rome.len(),
        Secteur::ALL.len(),
        Categorie::ALL.len(),
        2,
        3,
        cps.len(),
    ];
    let mut offsets = [0; 7];
    for i in 1..7 {
        offsets[i] = offsets[i - 1] + tailles[i - 1];
    }
    let tables = Tables {
        titres,
        titre_id,
        rome,
        rome_id,
        cps,
        cp_id,
        offsets,
    };
    let nb_features = offsets[6] + tailles[6];

    // The gazetteer (the geocoder's tables) and the lexique and parts (the catalogue's) are
    // independent: made side by side, then every file serialised and measured in parallel.
    let (gazetteer, (lexique, (une, parties))) = rayon::join(
        || gazetteer(&Geocoder::new(refdata), refdata),
        || rayon::join(|| lexique(cat, &tables, nb_features), || parties(cat)),
    );
    let gazetteer: Vec<(String, (Output, usize))> = gazetteer
        .par_iter()
        .map(|(k, v)| (k.to_string(), publier(&format!("g-{k}"), v)))
        .collect();
    let parts: Vec<(Output, usize)> = parties
        .par_iter()
        .map(|p| {
            let mut v = partie_json(cat, &tables, p);
            if une {
                v["lex"] = lexique.clone();
            }
            let nom = if p.cellule.is_empty() {
                format!("p-{}", p.famille)
            } else {
                format!("p-{}-{}", p.famille, p.cellule)
            };
            publier(&nom, &v)
        })
        .collect();
    let lex = (!une).then(|| publier("lexique", &lexique));
    let url = |o: &Output| json!(format!("/{}", o.path));

    let mut g = serde_json::Map::new();
    for (k, (o, _)) in &gazetteer {
        g.insert(k.clone(), url(o));
    }
    let mut manifest_parts = Vec::new();
    for (p, (o, taille)) in parties.iter().zip(&parts) {
        let (mut x0, mut y0, mut x1, mut y1) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
        for &l in &p.lieux {
            let (x, y) = (x_lieu(cat.lieux[l].point), y_lieu(cat.lieux[l].point));
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        manifest_parts.push(json!({
            "f": url(o),
            "b": [x0, y0, x1, y1],
            "s": p.secteurs,
            "n": p.lieux.len() + p.filieres.len(),
            "o": taille,
        }));
    }
    let lex_url = lex.as_ref().map_or(Value::Null, |(o, _)| url(o));
    let mut files: Vec<Output> = gazetteer
        .into_iter()
        .map(|(_, (o, _))| o)
        .chain(parts.into_iter().map(|(o, _)| o))
        .chain(lex.map(|(o, _)| o))
        .collect();

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

/// The parts of the index: one for a small catalogue (`true`), else one per map cell, for
/// all tracks and for each sector.
fn parties(cat: &Catalogue) -> (bool, Vec<Partie>) {
    let tous: Vec<usize> = (0..cat.lieux.len()).collect();
    let une = poids(cat, &tous, &|_| true) <= UNE_PARTIE_MAX;
    let mut parties: Vec<Partie> = Vec::new();
    if une {
        parties.push(Partie {
            famille: "tout".into(),
            cellule: String::new(),
            secteurs: 0,
            filieres: (0..cat.filieres.len()).collect(),
            lieux: tous,
        });
    } else {
        for (cellule, lieux) in cellules(cat, &tous, &|_| true) {
            let filieres = lieux
                .iter()
                .flat_map(|&l| cat.lieux[l].filieres.iter().copied())
                .collect();
            parties.push(Partie {
                famille: "t".into(),
                cellule,
                secteurs: 0,
                lieux,
                filieres,
            });
        }
        for s in Secteur::ALL {
            let garde = |f: usize| cat.filieres[f].filiere.secteur == s;
            let lieux: Vec<usize> = tous
                .iter()
                .copied()
                .filter(|&l| cat.lieux[l].filieres.iter().any(|&f| garde(f)))
                .collect();
            if lieux.is_empty() {
                continue;
            }
            for (cellule, lieux) in cellules(cat, &lieux, &garde) {
                let filieres = lieux
                    .iter()
                    .flat_map(|&l| cat.lieux[l].filieres.iter().copied())
                    .filter(|&f| garde(f))
                    .collect();
                parties.push(Partie {
                    famille: s.slug().into(),
                    cellule,
                    secteurs: 1 << secteur_id(s),
                    lieux,
                    filieres,
                });
            }
        }
    }
    (une, parties)
}

/// Tables and text index (see the module documentation).
fn lexique(cat: &Catalogue, tables: &Tables, nb_features: usize) -> Value {
    let refdata = cat.refdata;
    let mut index: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    // Words with digits come only from the codes themselves (postal codes, ROME codes), so
    // that « 4020 » and « d1102 » each lead to one thing and nothing else does.
    let mut ajouter = |texte: &str, feature: usize, codes: bool| {
        for m in mots(texte) {
            if codes || !m.chars().any(|c| c.is_ascii_digit()) {
                index.entry(m).or_default().insert(feature);
            }
        }
    };
    for (i, t) in tables.titres.iter().enumerate() {
        ajouter(t, tables.id(Sorte::Titre, i), false);
    }
    for (i, code) in tables.rome.iter().enumerate() {
        let id = tables.id(Sorte::Rome, i);
        ajouter(code, id, true);
        if let Some(fiche) = refdata.rome.fiche(code) {
            ajouter(&fiche.libelle, id, false);
        }
        for a in refdata.rome.appellations_de(code) {
            ajouter(&a.libelle, id, false);
        }
    }
    for (i, s) in Secteur::ALL.iter().enumerate() {
        let id = tables.id(Sorte::Secteur, i);
        ajouter(s.nom(), id, false);
        ajouter(&s.slug().replace('-', " "), id, false);
        ajouter(synonymes_secteur(*s), id, false);
    }
    for (i, c) in Categorie::ALL.iter().enumerate() {
        let id = tables.id(Sorte::Categorie, i);
        ajouter(c.nom(), id, false);
        ajouter(synonymes_categorie(*c), id, false);
    }
    ajouter("EFT", tables.id(Sorte::Methode, 0), false);
    ajouter("DéFi", tables.id(Sorte::Methode, 1), false);
    ajouter("stage stagiaire", tables.id(Sorte::Drapeau, 0), false);
    ajouter("soir soirée", tables.id(Sorte::Drapeau, 1), false);
    ajouter(
        "temps partiel mi-temps",
        tables.id(Sorte::Drapeau, 2),
        false,
    );
    for (i, cp) in tables.cps.iter().enumerate() {
        ajouter(cp, tables.id(Sorte::CodePostal, i), true);
    }

    // Feature → sectors where some track has it.
    let mut masques = vec![0u32; nb_features];
    for (f, fr) in cat.filieres.iter().enumerate() {
        let bit = 1u32 << secteur_id(fr.filiere.secteur);
        for feat in features_filiere(cat, tables, f) {
            masques[feat] |= bit;
        }
        for &l in &fr.lieux {
            if let Some(&i) = tables.cp_id.get(cat.lieux[l].lieu.code_postal.trim()) {
                masques[tables.id(Sorte::CodePostal, i)] |= bit;
            }
        }
    }
    let o = &tables.offsets;
    let mots: serde_json::Map<String, Value> = index
        .into_iter()
        .map(|(m, v)| (m, json!(v.into_iter().collect::<Vec<_>>())))
        .collect();
    json!({
        "jour": cat.today.to_string(),
        "sect": Secteur::ALL.iter().map(|s| s.slug()).collect::<Vec<_>>(),
        "cat": Categorie::ALL.iter().map(|c| c.slug()).collect::<Vec<_>>(),
        "rome": tables.rome,
        "titres": tables.titres,
        "cp": tables.cps,
        "fo": {"t": o[0], "r": o[1], "s": o[2], "c": o[3], "m": o[4], "d": o[5], "p": o[6]},
        "fm": masques,
        "mots": mots,
        "mv": MOTS_VIDES,
    })
}

fn features_filiere(cat: &Catalogue, tables: &Tables, f: usize) -> Vec<usize> {
    let fr = &cat.filieres[f];
    let m = fr.filiere;
    let mut v = Vec::new();
    if let Some(&t) = tables.titre_id.get(m.titre.value.as_str()) {
        v.push(tables.id(Sorte::Titre, t));
    }
    for code in codes_rome(cat, f) {
        if let Some(&r) = tables.rome_id.get(&code) {
            v.push(tables.id(Sorte::Rome, r));
        }
    }
    v.push(tables.id(Sorte::Secteur, secteur_id(m.secteur)));
    v.push(tables.id(Sorte::Categorie, categorie_id(m.categorie)));
    let d = drapeaux(cat, f);
    v.push(tables.id(Sorte::Methode, usize::from(d & DRAPEAU_DEFI != 0)));
    for (i, bit) in [DRAPEAU_STAGE, DRAPEAU_SOIR, DRAPEAU_PARTIEL]
        .into_iter()
        .enumerate()
    {
        if d & bit != 0 {
            v.push(tables.id(Sorte::Drapeau, i));
        }
    }
    v
}

/// A slug without its centre's prefix: `fournil-seraing` → `seraing` under `fournil`;
/// `!slug` when it does not start with `<centre>-`.
fn relatif(slug: &str, centre: &str) -> String {
    match slug.strip_prefix(centre).and_then(|s| s.strip_prefix('-')) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => format!("!{slug}"),
    }
}

/// A part (see the module documentation for the format).
fn partie_json(cat: &Catalogue, tables: &Tables, p: &Partie) -> Value {
    let minuit = cat.today.and_hms_opt(0, 0, 0).unwrap_or_default();
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
    let mut lieux = Vec::new();
    let mut centres = Vec::new();
    for (ci, (&c, (ls, _))) in par_centre.iter().enumerate() {
        let centre = &cat.centres[c];
        for &l in ls {
            let lr = &cat.lieux[l];
            lieu_local.insert(l, lieux.len());
            let localite = if fold(&lr.lieu.localite) == fold(&lr.commune.nom) {
                ""
            } else {
                lr.lieu.localite.as_str()
            };
            lieux.push(json!([
                ci,
                relatif(&lr.slug, &centre.slug),
                lr.lieu.nom.value,
                localite,
                lr.commune.nom,
                lr.lieu.code_postal.trim(),
                x_lieu(lr.point),
                y_lieu(lr.point),
            ]));
        }
    }
    for (&c, (_, fs)) in &par_centre {
        let centre = &cat.centres[c];
        let filieres: Vec<Value> = fs
            .iter()
            .map(|&f| {
                let fr = &cat.filieres[f];
                let m = fr.filiere;
                let seances: Vec<i64> = fr
                    .seances
                    .iter()
                    .take(SEANCES_MAX)
                    .filter_map(|s| {
                        let h = s.heure.value;
                        let t =
                            s.date
                                .0
                                .and_hms_opt(u32::from(h.heures), u32::from(h.minutes), 0)?;
                        Some((t - minuit).num_minutes())
                    })
                    .collect();
                let ici: Vec<usize> = fr
                    .lieux
                    .iter()
                    .filter_map(|l| lieu_local.get(l).copied())
                    .collect();
                json!([
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
                    ici,
                ])
            })
            .collect();
        centres.push(json!([
            centre.centre.nom.value,
            u8::from(centre.centre.methode == Methode::Defi),
            centre.slug,
            filieres,
        ]));
    }
    json!({"c": centres, "l": lieux})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn racines_francaises() {
        assert_eq!(racine("boulangeres"), "boulanger");
        assert_eq!(racine("boulangere"), "boulanger");
        assert_eq!(racine("boulangers"), "boulanger");
        assert_eq!(racine("vendeuses"), "vendeur");
        assert_eq!(racine("conductrice"), "conducteur");
        assert_eq!(racine("informaticienne"), "informaticien");
        assert_eq!(racine("administrative"), "administratif");
        assert_eq!(racine("travaux"), "traval");
        assert_eq!(racine("francais"), "francais");
        assert_eq!(racine("francaise"), "francais");
        assert_eq!(racine("francaises"), "francais");
        assert_eq!(racine("employee"), "employ");
        assert_eq!(racine("employe"), "employ");
        assert_eq!(racine("agente"), "agent");
        assert_eq!(racine("panneaux"), racine("panneau"));
        assert_eq!(racine("4020"), "4020");
        assert_eq!(racine("d1102"), "d1102");
        assert_eq!(racine("bus"), "bus");
    }

    #[test]
    fn mots_des_titres() {
        assert_eq!(mots("Aide-boulanger(ère)"), ["aid", "boulanger"]);
        assert_eq!(
            mots("Employé(e) administratif(ve)"),
            ["employ", "administratif"]
        );
        assert_eq!(mots("Boulanger / Boulangère"), ["boulanger", "boulanger"]);
        assert_eq!(
            mots("Français langue étrangère (FLE) : débutant"),
            ["francais", "langu", "etranger", "fle", "debutant"]
        );
        assert_eq!(mots("4020 Liège"), ["4020", "lieg"]);
    }
}
