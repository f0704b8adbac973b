//! A catalogue reduced to what « Nouveautés » compares: for each track its title, its
//! centre, its upcoming start dates and its information sessions. From the catalogue being
//! built, or from the previous publication's `/donnees/catalogue.json`, read leniently:
//! only the few fields the comparison needs, so that a change elsewhere in the export
//! format does not break the build.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::resolve::Catalogue;
use crate::site::urls;

/// The fields of `catalogue.json` the comparison needs. Accepts tracks at the top level
/// (`filieres: [...]`) or under their centre (`centres: [{filieres: [...]}]`).
#[derive(Debug, Default, Deserialize)]
pub struct CatalogueJson {
    #[serde(default)]
    pub centres: Vec<CentreJson>,
    #[serde(default)]
    pub filieres: Vec<FiliereJson>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CentreJson {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub nom: Option<String>,
    #[serde(default)]
    pub filieres: Vec<FiliereJson>,
}

#[derive(Debug, Default, Deserialize)]
pub struct FiliereJson {
    pub id: String,
    #[serde(default)]
    pub titre: Option<String>,
    /// The centre's id, or an object with its id and name.
    #[serde(default)]
    pub centre: Option<CentreRef>,
    #[serde(default, alias = "seances_info", alias = "seances_information")]
    pub seances: Vec<SeanceJson>,
    /// `{permanente, dates: ["AAAA-MM-JJ", …]}`: only the strings of `dates` are read.
    #[serde(default)]
    pub entree: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CentreRef {
    Id(String),
    Objet {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        nom: Option<String>,
    },
}

#[derive(Debug, Default, Deserialize)]
pub struct SeanceJson {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub heure: Option<String>,
    /// « chaque mardi »: an occurrence of a rhythm, not news on its own.
    #[serde(default)]
    pub rythme: Option<String>,
}

/// One track as the comparison sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filiere {
    pub id: String,
    pub titre: String,
    pub centre: String,
    /// The track's page (site path), for tracks of the current catalogue.
    pub url: Option<String>,
    /// Start dates (`AAAA-MM-JJ`); compared from the build date on.
    pub debuts: BTreeSet<String>,
    /// Upcoming dated sessions: (`AAAA-MM-JJ`, `HH:MM`).
    pub seances: BTreeSet<(String, String)>,
    /// Rhythms, (« chaque mardi », `HH:MM`) → their first upcoming date: a rhythm is news
    /// when it starts, not at each new occurrence.
    pub rythmes: BTreeMap<(String, String), String>,
}

/// A catalogue reduced to what the comparison needs, keyed by track id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instantane {
    pub filieres: BTreeMap<String, Filiere>,
}

impl Instantane {
    /// From the catalogue being built.
    pub fn du_catalogue(catalogue: &Catalogue) -> Instantane {
        let filieres = catalogue
            .filieres
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let id = f.filiere.id.value.trim().to_string();
                let mut filiere = Filiere {
                    id: id.clone(),
                    titre: f.filiere.titre.value.trim().to_string(),
                    centre: catalogue
                        .centres
                        .get(f.centre)
                        .map(|c| c.centre.nom.value.clone())
                        .unwrap_or_default(),
                    url: Some(urls::filiere(&f.slug)),
                    debuts: catalogue
                        .debuts_a_venir(i)
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                    seances: f
                        .seances
                        .iter()
                        .filter(|s| s.rythme.is_none())
                        .map(|s| (s.date.to_string(), s.heure.to_string()))
                        .collect(),
                    rythmes: BTreeMap::new(),
                };
                for s in &f.seances {
                    if let Some(r) = s.rythme {
                        filiere
                            .rythmes
                            .entry((r.en_clair(), s.heure.to_string()))
                            .or_insert_with(|| s.date.to_string());
                    }
                }
                (id, filiere)
            })
            .collect();
        Instantane { filieres }
    }

    /// From a published `catalogue.json`.
    pub fn du_json(bytes: &[u8]) -> Result<Instantane, String> {
        let json: CatalogueJson = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let noms: BTreeMap<String, String> = json
            .centres
            .iter()
            .filter_map(|c| Some((c.id.clone()?, c.nom.clone().or_else(|| c.id.clone())?)))
            .collect();
        let mut filieres = BTreeMap::new();
        let par_centre = json
            .centres
            .iter()
            .flat_map(|c| c.filieres.iter().map(move |f| (Some(c), f)));
        for (parent, f) in json.filieres.iter().map(|f| (None, f)).chain(par_centre) {
            let centre = match &f.centre {
                Some(CentreRef::Id(id)) => noms.get(id).cloned().unwrap_or_else(|| id.clone()),
                Some(CentreRef::Objet { id, nom }) => nom
                    .clone()
                    .or_else(|| {
                        id.as_ref()
                            .and_then(|id| noms.get(id).cloned())
                            .or_else(|| id.clone())
                    })
                    .unwrap_or_default(),
                None => parent
                    .and_then(|c| c.nom.clone().or_else(|| c.id.clone()))
                    .unwrap_or_default(),
            };
            let id = f.id.trim().to_string();
            let heure = |s: &SeanceJson| {
                s.heure
                    .as_deref()
                    .map_or_else(String::new, |h| h.trim().to_string())
            };
            let mut rythmes: BTreeMap<(String, String), String> = BTreeMap::new();
            for s in &f.seances {
                if let Some(r) = &s.rythme {
                    let premiere = rythmes
                        .entry((r.trim().to_string(), heure(s)))
                        .or_insert_with(|| s.date.trim().to_string());
                    if s.date.trim() < premiere.as_str() {
                        *premiere = s.date.trim().to_string();
                    }
                }
            }
            let seances = f
                .seances
                .iter()
                .filter(|s| s.rythme.is_none())
                .map(|s| (s.date.trim().to_string(), heure(s)))
                .collect();
            let debuts = f
                .entree
                .as_ref()
                .and_then(|e| e.get("dates"))
                .and_then(serde_json::Value::as_array)
                .map(|dates| {
                    dates
                        .iter()
                        .filter_map(serde_json::Value::as_str)
                        .map(|d| d.trim().to_string())
                        .collect()
                })
                .unwrap_or_default();
            filieres.insert(
                id.clone(),
                Filiere {
                    id: id.clone(),
                    titre: f
                        .titre
                        .as_deref()
                        .map_or_else(|| id.clone(), |t| t.trim().to_string()),
                    centre,
                    url: None,
                    debuts,
                    seances,
                    rythmes,
                },
            );
        }
        Ok(Instantane { filieres })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_read_leniently() {
        let flat = br#"{"version": 1, "centres": [{"id": "x", "nom": "Centre X"}],
            "filieres": [{"id": "f", "titre": "Boulanger", "centre": "x", "autre": 3,
                          "entree": {"permanente": false, "dates": ["2027-02-01", 3]},
                          "seances": [{"date": "2027-01-05", "heure": "09:30", "lieu": "l"}]}]}"#;
        let i = Instantane::du_json(flat).expect("flat");
        let f = &i.filieres["f"];
        assert_eq!(
            (f.titre.as_str(), f.centre.as_str()),
            ("Boulanger", "Centre X")
        );
        assert!(
            f.seances
                .contains(&("2027-01-05".to_string(), "09:30".to_string()))
        );
        assert_eq!(f.debuts.iter().collect::<Vec<_>>(), ["2027-02-01"]);
        let nested = br#"{"centres": [{"id": "x", "nom": "Centre X", "filieres": [{"id": "g", "seances_info": [], "entree": "?"}]}]}"#;
        let i = Instantane::du_json(nested).expect("nested");
        assert_eq!(i.filieres["g"].centre, "Centre X");
        assert!(i.filieres["g"].debuts.is_empty());
        assert!(Instantane::du_json(b"[1, 2]").is_err());
    }
}
