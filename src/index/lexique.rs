//! The lexicon: the tables shared with the parts (titles, ROME codes, postal codes,
//! descriptions), the features of a track, and the text index from normalised words to
//! features. The kind of a feature is the field where the word occurs (title, ROME job
//! titles, sector and other themes, description): the page ranks by it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::descriptions::{descriptions, forme_verbale};
use super::mots::{MOTS_VIDES, mots, synonymes_categorie, synonymes_secteur};
use crate::model::{Categorie, Methode, Secteur};
use crate::resolve::Catalogue;
use crate::site::format::titre_lisible;
use crate::text::fold;

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
    Description,
}

/// Kinds of features: [`Sorte`] has this many variants.
const SORTES: usize = 8;

pub(super) const DRAPEAU_DEFI: u32 = 1;
const DRAPEAU_STAGE: u32 = 2;
const DRAPEAU_SOIR: u32 = 4;
const DRAPEAU_PARTIEL: u32 = 8;

/// Tables shared by the lexicon and the parts.
pub(super) struct Tables {
    pub(super) titres: Vec<String>,
    pub(super) titre_id: BTreeMap<String, usize>,
    pub(super) rome: Vec<String>,
    pub(super) rome_id: BTreeMap<String, usize>,
    pub(super) cps: Vec<String>,
    pub(super) cp_id: BTreeMap<String, usize>,
    /// The nearest stations of the places, once each (place records point into it).
    pub(super) gares: Vec<String>,
    pub(super) gare_id: BTreeMap<String, usize>,
    /// Distinct descriptions, ordered by the first title that has them, so that a track
    /// stores its description as a small offset from its title's first one.
    descriptions: Vec<String>,
    description_id: BTreeMap<String, usize>,
    /// For each title, the smallest description id of a track with that title (`xt`).
    description_base: Vec<usize>,
    /// Offset of each kind of feature.
    pub(super) offsets: [usize; SORTES],
}

impl Tables {
    /// The tables of a catalogue, and the number of features.
    pub(super) fn new(cat: &Catalogue) -> (Self, usize) {
        let mut titres: Vec<String> = cat
            .filieres
            .iter()
            .map(|f| f.filiere.titre.value.clone())
            .collect();
        titres.sort_by_cached_key(|t| (fold(t), t.clone()));
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
        let gares: Vec<String> = cat
            .lieux
            .iter()
            .filter_map(|l| gare_a_pied(cat, l).map(|(nom, _)| nom.to_string()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let gare_id = gares
            .iter()
            .enumerate()
            .map(|(i, g)| (g.clone(), i))
            .collect();
        let (descriptions, description_id, description_base) = descriptions(cat, &titre_id);
        let tailles = [
            titres.len(),
            rome.len(),
            Secteur::ALL.len(),
            Categorie::ALL.len(),
            2,
            3,
            cps.len(),
            descriptions.len(),
        ];
        let mut offsets = [0; SORTES];
        for i in 1..SORTES {
            offsets[i] = offsets[i - 1] + tailles[i - 1];
        }
        let nb_features = offsets[SORTES - 1] + tailles[SORTES - 1];
        (
            Tables {
                titres,
                titre_id,
                rome,
                rome_id,
                cps,
                cp_id,
                gares,
                gare_id,
                descriptions,
                description_id,
                description_base,
                offsets,
            },
            nb_features,
        )
    }

    fn id(&self, sorte: Sorte, i: usize) -> usize {
        self.offsets[sorte as usize] + i
    }

    /// The id of the first ROME feature (the filters' features follow it).
    pub(super) fn offsets_rome(&self) -> usize {
        self.offsets[Sorte::Rome as usize]
    }

    /// The id of the first postal-code feature.
    pub(super) fn offsets_code_postal(&self) -> usize {
        self.offsets[Sorte::CodePostal as usize]
    }

    /// The description id of a track.
    fn description(&self, cat: &Catalogue, f: usize) -> Option<usize> {
        let d = &cat.filieres[f].filiere.description.value;
        self.description_id.get(d.as_str()).copied()
    }

    /// The description of a track as its part stores it: the offset from its title's
    /// first description (0 for most tracks).
    pub(super) fn description_relative(&self, cat: &Catalogue, f: usize) -> i64 {
        let titre = cat.filieres[f].filiere.titre.value.as_str();
        let base = self
            .titre_id
            .get(titre)
            .and_then(|&t| self.description_base.get(t))
            .copied()
            .unwrap_or(0);
        let d = self.description(cat, f).unwrap_or(0);
        d as i64 - base as i64
    }
}

pub(super) fn secteur_id(s: Secteur) -> usize {
    Secteur::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

pub(super) fn categorie_id(c: Categorie) -> usize {
    Categorie::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

pub(super) fn drapeaux(cat: &Catalogue, f: usize) -> u32 {
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

pub(super) fn codes_rome(cat: &Catalogue, f: usize) -> Vec<String> {
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

/// Tables and text index (see the module documentation).
pub(super) fn lexique(cat: &Catalogue, tables: &Tables, nb_features: usize) -> Value {
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
    mots_des_descriptions(cat, tables, &mut index);

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
        // As the pages write them: « Aide-boulanger ou aide-boulangère » reads aloud.
        "titres": tables.titres.iter().map(|t| titre_lisible(t)).collect::<Vec<_>>(),
        "cp": tables.cps,
        "gares": tables.gares,
        "fo": {"t": o[0], "r": o[1], "s": o[2], "c": o[3], "m": o[4], "d": o[5], "p": o[6], "x": o[7]},
        "xt": tables.description_base,
        "fm": masques,
        "mots": mots,
        "mv": MOTS_VIDES,
    })
}

/// The words of the descriptions, last: a word counts for a description only where no
/// better field (title, ROME, theme) of every track with that description has it already
/// — the page ranks a track by its best field, so such a word would change nothing.
/// Words of more than a quarter of the descriptions (« groupe », « pratique ») say
/// nothing about a track and are left out, as are new words that look like verbs.
fn mots_des_descriptions(
    cat: &Catalogue,
    tables: &Tables,
    index: &mut BTreeMap<String, BTreeSet<usize>>,
) {
    let n = tables.descriptions.len();
    let mut pistes: Vec<Vec<usize>> = vec![Vec::new(); n];
    for f in 0..cat.filieres.len() {
        if let Some(p) = tables.description(cat, f).and_then(|d| pistes.get_mut(d)) {
            p.push(f);
        }
    }
    let meilleures: Vec<Vec<usize>> = (0..cat.filieres.len())
        .map(|f| {
            let mut v = features_filiere(cat, tables, f);
            v.retain(|&x| x < tables.offsets[Sorte::Description as usize]);
            v
        })
        .collect();
    let par_description: Vec<BTreeSet<String>> = tables
        .descriptions
        .iter()
        .map(|d| {
            mots(d)
                .into_iter()
                .filter(|m| m.chars().count() >= 3 && !m.chars().any(|c| c.is_ascii_digit()))
                .collect()
        })
        .collect();
    let mut frequence: BTreeMap<&str, usize> = BTreeMap::new();
    for m in par_description.iter().flatten() {
        *frequence.entry(m.as_str()).or_default() += 1;
    }
    let seuil = (n / 4).max(3);
    let connus: BTreeSet<String> = index.keys().cloned().collect();
    for (d, ms) in par_description.iter().enumerate() {
        let id = tables.id(Sorte::Description, d);
        for m in ms {
            if frequence.get(m.as_str()).is_some_and(|&k| k > seuil)
                || (!connus.contains(m) && forme_verbale(m))
            {
                continue;
            }
            let couvert = index.get(m).is_some_and(|fs| {
                pistes[d]
                    .iter()
                    .all(|&f| meilleures[f].iter().any(|x| fs.contains(x)))
            });
            if !couvert {
                index.entry(m.clone()).or_default().insert(id);
            }
        }
    }
}

/// The features a search can find a track by: its own, and the postal codes of its places.
pub(super) fn features_recherche(cat: &Catalogue, tables: &Tables, f: usize) -> Vec<usize> {
    let mut v = features_filiere(cat, tables, f);
    for &l in &cat.filieres[f].lieux {
        if let Some(&i) = tables.cp_id.get(cat.lieux[l].lieu.code_postal.trim()) {
            v.push(tables.id(Sorte::CodePostal, i));
        }
    }
    v
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
    if let Some(x) = tables.description(cat, f) {
        v.push(tables.id(Sorte::Description, x));
    }
    v
}

/// The station of a place that its cards name: the nearest one, if it is within walking
/// distance ([`crate::site::format::pas_a_pied`]), with the walk in 5-minute steps. A
/// farther station is on the place's page; on a card it would cost every search its bytes.
pub(super) fn gare_a_pied<'c>(
    cat: &'c Catalogue,
    l: &crate::resolve::LieuR,
) -> Option<(&'c str, i64)> {
    let hit = l.gare?;
    let pas = crate::site::format::pas_a_pied(hit.km)?;
    let g = cat.refdata.gares.get(hit.id)?;
    Some((g.nom.as_str(), i64::from(pas)))
}
