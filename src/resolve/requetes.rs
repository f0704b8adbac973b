//! The catalogue's queries, written once for pages, files and open data: where an
//! information session is held, whom to contact, which job codes and bassins have tracks.

use std::collections::BTreeMap;

use super::{Catalogue, Seance};
use crate::model::Date;

/// Who to ask about a track (see [`Catalogue::contact`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Contact<'a> {
    pub nom: Option<&'a str>,
    pub telephone: Option<&'a str>,
    pub courriel: Option<&'a str>,
}

impl<'a> Catalogue<'a> {
    /// The contact of track `f`: its own person, phone and e-mail, else its centre's
    /// phone and e-mail. The one rule for pages, fiches and open data.
    pub fn contact(&self, f: usize) -> Contact<'a> {
        let Some(fr) = self.filieres.get(f) else {
            return Contact::default();
        };
        let Some(centre) = self.centres.get(fr.centre).map(|c| c.centre) else {
            return Contact::default();
        };
        let c = fr.filiere.contact.as_ref();
        Contact {
            nom: c.and_then(|c| c.nom.as_ref()).map(|n| n.as_str()),
            telephone: c
                .and_then(|c| c.telephone.as_ref())
                .or(centre.telephone.as_ref())
                .map(|t| t.as_str()),
            courriel: c
                .and_then(|c| c.courriel.as_ref())
                .or(centre.courriel.as_ref())
                .map(|c| c.as_str()),
        }
    }

    /// The start dates of track `f` from the build date on, in the file's order.
    pub fn debuts_a_venir(&self, f: usize) -> Vec<Date> {
        self.filieres.get(f).map_or_else(Vec::new, |fr| {
            fr.filiere
                .entree
                .dates
                .iter()
                .map(|d| d.value)
                .filter(|d| d.0 >= self.today)
                .collect()
        })
    }

    /// The place of an information session of track `f`: the one it names, else the
    /// track's first place. The one rule for pages, calendars and open data.
    pub fn lieu_de_seance(&self, f: usize, s: &Seance) -> Option<usize> {
        let fr = self.filieres.get(f)?;
        let centre = self.centres.get(fr.centre)?;
        s.lieu
            .and_then(|id| {
                centre
                    .lieux
                    .iter()
                    .copied()
                    .find(|&l| self.lieux[l].lieu.id.as_str() == id.as_str())
            })
            .or_else(|| fr.lieux.first().copied())
    }

    /// ROME codes used by at least one track → track indexes.
    pub fn codes_rome(&self) -> BTreeMap<&'a str, Vec<usize>> {
        let mut codes: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.filieres.iter().enumerate() {
            for code in &f.filiere.rome {
                if let Some(fiche) = self.refdata.rome.fiche(code.trim()) {
                    let list = codes.entry(fiche.code.as_str()).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        codes
    }

    /// Bassins that have at least one track: (id, name, track indexes).
    pub fn bassins_avec_filieres(&self) -> Vec<(String, String, Vec<usize>)> {
        self.refdata
            .bassins
            .iter()
            .filter_map(|b| {
                let filieres: Vec<usize> = (0..self.filieres.len())
                    .filter(|&f| {
                        self.filieres[f]
                            .lieux
                            .iter()
                            .any(|&l| self.lieux[l].commune.bassin == b.id)
                    })
                    .collect();
                (!filieres.is_empty()).then(|| (b.id.clone(), b.nom.clone(), filieres))
            })
            .collect()
    }

    /// Bassins with at least one place, in their conventional order: (id, name).
    pub fn bassins_avec_lieux(&self) -> Vec<(String, String)> {
        self.refdata
            .bassins
            .iter()
            .filter(|b| {
                self.lieux
                    .iter()
                    .any(|l| l.commune.bassin == b.id && !l.filieres.is_empty())
            })
            .map(|b| (b.id.clone(), b.nom.clone()))
            .collect()
    }
}
