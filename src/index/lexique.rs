//! The lexicon: the tables shared with the parts (titles, ROME codes, postal codes), the
//! features of a track, and the text index from normalised words to features.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::mots::{MOTS_VIDES, mots, synonymes_categorie, synonymes_secteur};
use crate::model::{Categorie, Methode, Secteur};
use crate::resolve::Catalogue;
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
}

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
    /// Offset of each kind of feature.
    pub(super) offsets: [usize; 7],
}

impl Tables {
    /// The tables of a catalogue, and the number of features.
    pub(super) fn new(cat: &Catalogue) -> (Self, usize) {
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
        let nb_features = offsets[6] + tailles[6];
        (
            Tables {
                titres,
                titre_id,
                rome,
                rome_id,
                cps,
                cp_id,
                offsets,
            },
            nb_features,
        )
    }

    fn id(&self, sorte: Sorte, i: usize) -> usize {
        self.offsets[sorte as usize] + i
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
