//! Names close to what was typed: type-ahead ([`Geocoder::suggest`]) and the
//! « Vouliez-vous dire » of a [`NotFound`](super::NotFound).

use std::collections::{BTreeMap, BTreeSet};

use super::cles::cle_de_mots;
use super::{Candidate, Geocoder, Kind};
use crate::text::fold;

/// Jaro-Winkler score from which a name is suggested for a mistyped query.
const SEUIL_SUGGESTION: f64 = 0.8;

/// At most this many suggestions in a [`NotFound`](super::NotFound).
const MAX_SUGGESTIONS: usize = 5;

impl Geocoder {
    /// Type-ahead: entries whose name key starts with the (normalised) prefix, or whose
    /// postal code starts with it when it is made of digits. Exact matches first, then
    /// municipalities, localities, postal codes, each alphabetically. At most `limit`.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<Candidate> {
        let plie = fold(prefix);
        let mots: Vec<&str> = plie.split(' ').filter(|m| !m.is_empty()).collect();
        if limit == 0 || mots.is_empty() {
            return Vec::new();
        }
        if mots[0].bytes().all(|b| b.is_ascii_digit()) {
            return self
                .par_cp
                .range(mots[0].to_string()..)
                .take_while(|(cp, _)| cp.starts_with(mots[0]))
                .take(limit)
                .map(|(_, &i)| self.entrees[i].clone())
                .collect();
        }
        // The last word may be unfinished (« st » on the way to « Stembert »): try it
        // both expanded and as typed, unless the prefix ends with a separator.
        let fini = prefix.ends_with(|c: char| !c.is_alphanumeric());
        let mut cles = vec![cle_de_mots(&mots, true)];
        if !fini {
            let brute = cle_de_mots(&mots, false);
            if brute != cles[0] {
                cles.push(brute);
            }
        }
        // Entry → whether it was reached only by a prefix (not an exact key).
        let mut rangs: BTreeMap<usize, bool> = BTreeMap::new();
        for debut in &cles {
            for (k, v) in self
                .par_cle
                .range(debut.clone()..)
                .take_while(|(k, _)| k.starts_with(debut.as_str()))
            {
                for &i in v {
                    let prefixe = k != debut;
                    rangs
                        .entry(i)
                        .and_modify(|r| *r = *r && prefixe)
                        .or_insert(prefixe);
                }
            }
        }
        // Entry numbers follow the gazetteer's alphabetical order.
        let mut v: Vec<(bool, Kind, usize)> = rangs
            .into_iter()
            .map(|(i, prefixe)| (prefixe, self.entrees[i].kind, i))
            .collect();
        v.sort();
        v.into_iter()
            .take(limit)
            .map(|(_, _, i)| self.entrees[i].clone())
            .collect()
    }

    /// « Nom (code postal) » of the names closest to a key: names it is a prefix of, then
    /// by Jaro-Winkler similarity (on the whole name, and on its beginning so that a typo
    /// in the first word of a long name still counts: « jemepe » → Jemeppe-sur-Meuse
    /// before Jemelle).
    pub(super) fn suggestions(&self, k: &str) -> Vec<String> {
        if k.is_empty() {
            return Vec::new();
        }
        let n = k.chars().count();
        let mut notes: Vec<(f64, String)> = Vec::new();
        let mut noter = |note: f64, i: usize| {
            if note >= SEUIL_SUGGESTION {
                notes.push((note, self.suggestion(&self.entrees[i])));
            }
        };
        if k.bytes().all(|b| b.is_ascii_digit()) {
            // A postal code: those that differ only by the last digit.
            let debut: String = k.chars().take(3).collect();
            for (cp, &i) in &self.par_cp {
                if n == 4 && cp.starts_with(&debut) {
                    noter(1.0, i);
                }
            }
        } else {
            for (nom, v) in &self.par_cle {
                let note = if nom.starts_with(k) {
                    // Prefix: best, shorter completions first.
                    2.0 - nom.len() as f64 / 1000.0
                } else {
                    // The beginning of the name, give or take one letter, counts
                    // nearly as much as the whole name.
                    let debut = (n.saturating_sub(1)..=n + 1)
                        .map(|m| {
                            let debut: String = nom.chars().take(m).collect();
                            strsim::jaro_winkler(k, &debut)
                        })
                        .fold(0.0, f64::max);
                    strsim::jaro_winkler(k, nom).max(0.98 * debut)
                };
                for &i in v {
                    noter(note, i);
                }
            }
        }
        notes.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut vus = BTreeSet::new();
        notes
            .into_iter()
            .filter(|(_, s)| vus.insert(s.clone()))
            .take(MAX_SUGGESTIONS)
            .map(|(_, s)| s)
            .collect()
    }

    fn suggestion(&self, c: &Candidate) -> String {
        match (c.kind, &c.code_postal) {
            (Kind::Commune | Kind::Localite, Some(cp)) => format!("{} ({cp})", c.nom),
            _ => c.label.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geocode::essais::g;

    #[test]
    fn inconnu_avec_suggestions() {
        let e = g().geocode("jemepe").unwrap_err();
        assert_eq!(e.query, "jemepe");
        assert!(e.suggestions.len() <= 5);
        assert_eq!(
            e.suggestions[..2],
            ["Jemeppe-sur-Meuse (4101)", "Jemeppe-sur-Sambre (5190)"]
        );
        let texte = e.to_string();
        assert!(
            texte.starts_with(
                "Aucune commune, localité ou code postal ne correspond à « jemepe ». \
                 Vouliez-vous dire : Jemeppe-sur-Meuse (4101), Jemeppe-sur-Sambre (5190)"
            ),
            "{texte}"
        );
        assert!(texte.ends_with(" ?"), "{texte}");
        // Prefix: the names it begins, first.
        let e = g().geocode("jemeppe").unwrap_err();
        assert_eq!(
            e.suggestions[..2],
            ["Jemeppe-sur-Meuse (4101)", "Jemeppe-sur-Sambre (5190)"]
        );
        // Typos.
        assert_eq!(
            g().geocode("charleoi").unwrap_err().suggestions[0],
            "Charleroi (6000)"
        );
        assert_eq!(
            g().geocode("bastgne").unwrap_err().suggestions[0],
            "Bastogne (6600)"
        );
        // Suggestions read back.
        for s in g().geocode("jemepe").unwrap_err().suggestions {
            assert_eq!(g().geocode(&s).unwrap().len(), 1, "{s}");
        }
        // Nothing close.
        let e = g().geocode("xqzwv").unwrap_err();
        assert!(e.suggestions.is_empty());
        assert_eq!(
            e.to_string(),
            "Aucune commune, localité ou code postal ne correspond à « xqzwv »."
        );
        // Postal codes: a wrong last digit, and Brussels.
        let e = g().geocode("4109").unwrap_err();
        assert_eq!(e.suggestions[0], "4100 Seraing (Boncelles, Seraing)");
        assert!(e.suggestions.iter().all(|s| s.starts_with("410")), "{e}");
        assert!(g().geocode("1000").unwrap_err().suggestions.is_empty());
        assert!(g().geocode("").is_err());
        assert!(
            g().geocode("  ")
                .unwrap_err()
                .to_string()
                .starts_with("Indiquez")
        );
        assert!(g().geocode("-").is_err());
        assert!(g().geocode("()").is_err());
    }

    #[test]
    fn saisie_progressive() {
        let noms = |v: Vec<Candidate>| v.into_iter().map(|c| c.nom).collect::<Vec<_>>();
        assert_eq!(
            noms(g().suggest("jemep", 10)),
            ["Jemeppe-sur-Sambre", "Jemeppe-sur-Meuse"]
        );
        assert_eq!(noms(g().suggest("la lou", 3))[0], "La Louvière");
        let st = noms(g().suggest("st", 400));
        assert!(st.iter().any(|n| n == "Stembert"), "{st:?}");
        assert!(
            st.iter().any(|n| n == "Saint-Vith" || n == "Sankt Vith"),
            "{st:?}"
        );
        assert!(
            noms(g().suggest("st-", 400))
                .iter()
                .all(|n| n.starts_with("Saint") || n == "Sankt Vith")
        );
        let cps: Vec<Option<String>> = g()
            .suggest("410", 20)
            .into_iter()
            .map(|c| c.code_postal)
            .collect();
        assert!(!cps.is_empty());
        assert!(cps.windows(2).all(|w| w[0] < w[1]));
        assert!(cps.iter().all(|c| c.as_deref().unwrap().starts_with("410")));
        assert_eq!(noms(g().suggest("char", 5)), ["Charleroi", "Charneux"]);
        assert_eq!(g().suggest("ma", 3).len(), 3);
        assert_eq!(g().suggest("charleroi", 5)[0].kind, Kind::Commune);
        assert!(g().suggest("", 5).is_empty());
        assert!(g().suggest("nam", 0).is_empty());
        assert!(g().suggest("zzzz", 5).is_empty());
    }
}
