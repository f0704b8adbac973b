//! The descriptions' table: distinct texts ordered by their first title, so that a track
//! stores its description as a small offset; and which of their words the index leaves out.

use std::collections::BTreeMap;

use crate::resolve::Catalogue;

pub(super) type TablesDescriptions = (Vec<String>, BTreeMap<String, usize>, Vec<usize>);

/// The distinct descriptions (see `Tables`), their ids, and each title's first one.
pub(super) fn descriptions(
    cat: &Catalogue,
    titre_id: &BTreeMap<String, usize>,
) -> TablesDescriptions {
    let titre = |f: &crate::resolve::FiliereR<'_>| {
        titre_id
            .get(f.filiere.titre.value.as_str())
            .copied()
            .unwrap_or(0)
    };
    let mut premier: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &cat.filieres {
        let t = titre(f);
        let e = premier
            .entry(f.filiere.description.value.as_str())
            .or_insert(t);
        *e = (*e).min(t);
    }
    let mut ordre: Vec<(usize, &str)> = premier.into_iter().map(|(d, t)| (t, d)).collect();
    ordre.sort_unstable();
    let descriptions: Vec<String> = ordre.into_iter().map(|(_, d)| d.to_string()).collect();
    let ids: BTreeMap<String, usize> = descriptions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.clone(), i))
        .collect();
    let mut base = vec![usize::MAX; titre_id.len()];
    for f in &cat.filieres {
        if let (Some(b), Some(&d)) = (
            base.get_mut(titre(f)),
            ids.get(f.filiere.description.value.as_str()),
        ) {
            *b = (*b).min(d);
        }
    }
    for b in &mut base {
        if *b == usize::MAX {
            *b = 0;
        }
    }
    (descriptions, ids, base)
}

/// A word new to the lexicon that looks like a verb (infinitive, « vous …ez »): nobody
/// looks for a track by « préparer », and the index stays small. Words the job titles
/// already have are kept whatever their ending (« boulanger »).
pub(super) fn forme_verbale(mot: &str) -> bool {
    ["er", "ir", "ez", "dr", "tr", "vr"]
        .iter()
        .any(|fin| mot.ends_with(fin))
}
