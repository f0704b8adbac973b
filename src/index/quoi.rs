//! The « what » shards of a small catalogue (issue 19): a search for « boulanger » near
//! Liège reads one file of a few KB instead of the whole catalogue.
//!
//! A shard holds every word of the text index that begins with the same three letters
//! (`bou`: « boulanger », « bouche »…), the tracks those words find (with their places,
//! in the format of a part) and the pieces of the lexicon's tables those tracks need
//! (`titres`, `xt`, `gares` as objects keyed by their ids, `cpf` postal code → feature,
//! `fm` for the shard's features and the filters'). Ids are the lexicon's, so the page
//! merges the shards of several words, and the whole part (`p-tout`) still reads them.
//!
//! The page computes the same key from the stem it looks up ([`cle_tranche`] here,
//! `cleQuoi` in `recherche.js`); a word being typed (« boul ») shares its shard with the
//! words it begins. A typo in the first three letters finds no shard (404): the page then
//! reads `cles` (every word, and the tables), picks the nearest word and reads its shard.
//! Shard names carry one hash of all the shards (`q/bou.<hash>.json`): the manifest need
//! not list them, and caches keep them as they keep every other hashed file.
//!
//! A large catalogue's shards are **lexicon pieces** (manifest `ql`): the words, their
//! features' `fm`, the whole small tables (`titres`, `xt`, `gares`) and the postal codes
//! that are their words (`cpf`), no tracks
//! (a word's tracks at 100 × weigh hundreds of KB; the sector parts hold them). « boulanger
//! » near Liège then reads a piece of a few KB instead of the whole lexicon (18 KB gzip at
//! 100 ×, issue 19 item 3).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::{Map, Value, json};

use super::ecriture::Fragments;
use super::lexique::{Tables, features_recherche, gare_a_pied};
use super::parties::Partie;
use super::{DOSSIER, Output, empreinte};
use crate::resolve::Catalogue;

/// Letters of a word that name its shard.
const LETTRES: usize = 3;

/// The shard of a stem: its first three characters, `_<hex>` for any that is not an ASCII
/// letter or digit (file names stay plain).
pub fn cle_tranche(racine: &str) -> String {
    let mut k = String::new();
    for c in racine.chars().take(LETTRES) {
        if c.is_ascii_alphanumeric() {
            k.push(c);
        } else {
            k.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    k
}

/// The shards' files and the manifest's entries for them.
pub(super) struct Tranches {
    pub(super) files: Vec<Output>,
    /// The hash in every shard's name.
    pub(super) version: String,
    /// Every word and the whole tables: the page's fallback for a typo.
    pub(super) cles: Output,
    /// The shards named by fewer than three letters (`pc`): the page asks for no other
    /// short stem, so typing « c », « cu » fetches nothing.
    pub(super) courtes: Vec<String>,
}

/// What the shards hold.
pub(super) enum Sorte<'a> {
    /// The tracks their words find (a small catalogue: one part).
    Pistes,
    /// Lexicon pieces, each with the manifest entries of the sector parts its words can
    /// find tracks in (sector bit → entries, in the manifest's format).
    Morceaux(&'a BTreeMap<u32, Vec<Value>>),
}

/// The shards of a catalogue whose lexicon is `lexique` (see [`super::lexique`]).
pub(super) fn tranches(
    cat: &Catalogue,
    tables: &Tables,
    fragments: &Fragments,
    lexique: &Value,
    sorte: &Sorte,
) -> Tranches {
    let vide = Map::new();
    let mots = lexique
        .get("mots")
        .and_then(Value::as_object)
        .unwrap_or(&vide);
    // Feature → tracks that have it (their own fields, and the postal codes of their places).
    let mut pistes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    if matches!(sorte, Sorte::Pistes) {
        for f in 0..cat.filieres.len() {
            for feat in features_recherche(cat, tables, f) {
                pistes.entry(feat).or_default().push(f);
            }
        }
    }
    let mut groupes: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for m in mots.keys() {
        groupes.entry(cle_tranche(m)).or_default().push(m);
    }
    let communs = Communs::new(tables, lexique, sorte);
    let corps: Vec<(String, String, String)> = groupes
        .par_iter()
        .map(|(cle, ms)| {
            let texte = match sorte {
                Sorte::Pistes => tranche(cat, tables, fragments, &communs, mots, &pistes, ms),
                Sorte::Morceaux(familles) => morceau(tables, &communs, mots, ms, familles),
            };
            let h = empreinte(texte.as_bytes());
            (cle.clone(), texte, h)
        })
        .collect();
    // One hash of every shard's key and content hash, in key order: each shard is hashed
    // where it is made (hashing 4 MB of shards in one thread, after them, left a core idle).
    let mut tout = String::new();
    for (cle, _, h) in &corps {
        tout.push_str(cle);
        tout.push_str(h);
    }
    let version = empreinte(tout.as_bytes());
    let files = corps
        .into_iter()
        .map(|(cle, texte, _)| Output {
            path: format!("{DOSSIER}/q/{cle}.{version}.json"),
            bytes: texte.into_bytes(),
        })
        .collect();
    let mut base = lexique.clone();
    if let Some(o) = base.as_object_mut() {
        o.remove("mots");
    }
    let cles = json!({"lex": base, "k": mots.keys().collect::<Vec<_>>()});
    let courtes = groupes
        .keys()
        .filter(|k| k.chars().count() < LETTRES)
        .cloned()
        .collect();
    let cles = super::ecriture::publier("cles", &cles);
    Tranches {
        files,
        version,
        cles,
        courtes,
    }
}

/// The features of the words `ms`, and those words' entries of the text index.
fn features_des(mots: &Map<String, Value>, ms: &[&str]) -> (BTreeSet<usize>, Map<String, Value>) {
    let mut features: BTreeSet<usize> = BTreeSet::new();
    let mut sous_mots = Map::new();
    for &m in ms {
        if let Some(v) = mots.get(m) {
            features.extend(
                v.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.as_u64().and_then(|x| usize::try_from(x).ok())),
            );
            sous_mots.insert(m.to_string(), v.clone());
        }
    }
    (features, sous_mots)
}

/// What every shard repeats, serialised once (650 shards at 1 ×): the lexicon's small
/// tables and the masks of the filters (ROME, sector, category, method, flags: the ids
/// between titles and postal codes). Rebuilding and serialising them in each shard was
/// most of the shards' time.
struct Communs<'l> {
    /// Members of the lexicon copied whole into every shard, as JSON text.
    tables: Vec<(&'static str, String)>,
    /// The filters' masks as `("id", "mask")`, in the order of a JSON object's keys.
    fm_filtres: Vec<(String, String)>,
    fm_tout: Option<&'l Vec<Value>>,
    /// Readable titles (`titres`) and description offsets (`xt`), by title id.
    titres: Option<&'l Vec<Value>>,
    xt: Option<&'l Vec<Value>>,
}

impl<'l> Communs<'l> {
    fn new(tables: &Tables, lexique: &'l Value, sorte: &Sorte) -> Communs<'l> {
        let entiers: &[&'static str] = match sorte {
            Sorte::Pistes => &["jour", "sect", "cat", "rome", "fo"],
            Sorte::Morceaux(_) => &["jour", "sect", "cat", "rome", "fo", "titres", "xt", "gares"],
        };
        let fm_tout = lexique.get("fm").and_then(Value::as_array);
        let mut fm_filtres: Vec<(String, String)> = (tables.offsets_rome()
            ..tables.offsets_code_postal())
            .filter_map(|f| Some((f.to_string(), fm_tout?.get(f)?.to_string())))
            .collect();
        fm_filtres.sort();
        Communs {
            tables: entiers
                .iter()
                .filter_map(|&k| Some((k, lexique.get(k)?.to_string())))
                .collect(),
            fm_filtres,
            fm_tout,
            titres: lexique.get("titres").and_then(Value::as_array),
            xt: lexique.get("xt").and_then(Value::as_array),
        }
    }

    /// A shard's `lex` object: the shared tables, the masks of `features` (`fm`) and the
    /// shard's own members.
    fn lex<const N: usize>(
        &self,
        features: &BTreeSet<usize>,
        propres: [(&'static str, String); N],
    ) -> String {
        let mut membres: Vec<(&str, String)> =
            self.tables.iter().map(|(k, v)| (*k, v.clone())).collect();
        membres.push(("fm", self.fm(features)));
        membres.extend(propres);
        objet(membres)
    }

    /// The masks of `features` and of the filters, as a JSON object.
    fn fm(&self, features: &BTreeSet<usize>) -> String {
        let mut membres: Vec<(String, String)> = features
            .iter()
            .filter_map(|&f| Some((f.to_string(), self.fm_tout?.get(f)?.to_string())))
            .collect();
        membres.extend(self.fm_filtres.iter().cloned());
        objet(membres)
    }
}

/// A JSON object from members whose values are JSON text, keys sorted as serde_json's
/// map sorts them (the bytes of a shard do not depend on how it was assembled). A key
/// given twice is written once.
fn objet<K: AsRef<str> + Ord>(mut membres: Vec<(K, String)>) -> String {
    membres.sort_by(|a, b| a.0.cmp(&b.0));
    membres.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::from("{");
    for (i, (k, v)) in membres.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(k.as_ref()).to_string());
        out.push(':');
        out.push_str(v);
    }
    out.push('}');
    out
}

/// A lexicon piece (a large catalogue): the words `ms`, their masks, the small tables (of
/// postal codes, only those that are words of the piece), and the sector parts of those
/// masks (`parts`, and `ps` the sectors they cover), as `{"lex": …}`. The page carries
/// only the all-sector parts: the 406 sector parts at 100 × were 7 KB gzip of every
/// search page.
fn morceau(
    tables: &Tables,
    communs: &Communs,
    mots: &Map<String, Value>,
    ms: &[&str],
    familles: &BTreeMap<u32, Vec<Value>>,
) -> String {
    let (features, sous_mots) = features_des(mots, ms);
    let ps = features
        .iter()
        .filter_map(|&f| {
            communs
                .fm_tout
                .and_then(|a| a.get(f))
                .and_then(Value::as_u64)
        })
        .fold(0, |a, m| a | m);
    let parts: Vec<&Value> = familles
        .iter()
        .filter(|(s, _)| ps & u64::from(**s) != 0)
        .flat_map(|(_, v)| v)
        .collect();
    // Postal codes: only those the words are (`4020`), not the whole table (1.1 KB gzip
    // at 100 ×): a place's postal code matters only when a word is that code.
    let fo_p = tables.offsets_code_postal();
    let mut cpf = Map::new();
    for &f in features.range(fo_p..fo_p + tables.cps.len()) {
        if let Some(cp) = tables.cps.get(f - fo_p) {
            cpf.insert(cp.clone(), json!(f));
        }
    }
    let lex = communs.lex(
        &features,
        [
            ("cpf", Value::Object(cpf).to_string()),
            ("mots", Value::Object(sous_mots).to_string()),
            ("parts", json!(parts).to_string()),
            ("ps", ps.to_string()),
        ],
    );
    format!("{{\"lex\":{lex}}}")
}

/// One shard: the words `ms`, the tracks they find, and the tables for those tracks.
fn tranche(
    cat: &Catalogue,
    tables: &Tables,
    fragments: &Fragments,
    communs: &Communs,
    mots: &Map<String, Value>,
    pistes: &BTreeMap<usize, Vec<usize>>,
    ms: &[&str],
) -> String {
    let (features, sous_mots) = features_des(mots, ms);
    let filieres: BTreeSet<usize> = features
        .iter()
        .filter_map(|f| pistes.get(f))
        .flatten()
        .copied()
        .collect();
    let lieux: BTreeSet<usize> = filieres
        .iter()
        .flat_map(|&f| cat.filieres[f].lieux.iter().copied())
        .collect();
    let partie = Partie {
        famille: "q".into(),
        cellule: String::new(),
        secteurs: 0,
        lieux: lieux.iter().copied().collect(),
        filieres,
    };
    let mut texte = fragments.partie(cat, &partie);

    let mut titres = Map::new();
    let mut xt = Map::new();
    for &f in &partie.filieres {
        let titre = cat.filieres[f].filiere.titre.value.as_str();
        if let Some(&t) = tables.titre_id.get(titre) {
            if let Some(lisible) = communs.titres.and_then(|a| a.get(t)) {
                titres.insert(t.to_string(), lisible.clone());
            }
            if let Some(x) = communs.xt.and_then(|a| a.get(t)) {
                xt.insert(t.to_string(), x.clone());
            }
        }
    }
    let mut gares = Map::new();
    let mut cpf = Map::new();
    let fo_p = tables.offsets_code_postal();
    for &l in &lieux {
        let lr = &cat.lieux[l];
        if let Some((nom, _)) = gare_a_pied(cat, lr)
            && let Some(&g) = tables.gare_id.get(nom)
        {
            gares.insert(g.to_string(), json!(nom));
        }
        let cp = lr.lieu.code_postal.trim();
        if let Some(&i) = tables.cp_id.get(cp) {
            cpf.insert(cp.to_string(), json!(fo_p + i));
        }
    }
    let lex = communs.lex(
        &features,
        [
            ("titres", Value::Object(titres).to_string()),
            ("xt", Value::Object(xt).to_string()),
            ("gares", Value::Object(gares).to_string()),
            ("cpf", Value::Object(cpf).to_string()),
            ("mots", Value::Object(sous_mots).to_string()),
        ],
    );
    texte.push_str(",\"lex\":");
    texte.push_str(&lex);
    texte.push('}');
    texte
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `objet` writes what serde_json writes for the same map (keys sorted as text, one
    /// member per key): the shards' bytes must not depend on how they are assembled. Fails
    /// if serde_json's map ever keeps insertion order (`preserve_order`).
    #[test]
    fn objet_comme_serde_json() {
        let membres = [
            ("9", json!(1)),
            ("10", json!([2])),
            ("a\"é", json!("x")),
            ("9", json!(1)),
        ];
        let map: Map<String, Value> = membres
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let texte = objet(membres.iter().map(|(k, v)| (*k, v.to_string())).collect());
        assert_eq!(texte, Value::Object(map).to_string());
    }

    #[test]
    fn cle_de_trois_lettres() {
        assert_eq!(cle_tranche("boulanger"), "bou");
        assert_eq!(cle_tranche("pc"), "pc");
        assert_eq!(cle_tranche("d1102"), "d11");
        assert_eq!(cle_tranche("łod"), "_142od");
    }
}
