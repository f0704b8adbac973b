//! `cispgen report --centre ID`, `--federation F`, `--par-centre`, `--previous P`: for each
//! centre, what to do ([`super::a_faire`]) and, given the previous publication, what changed
//! since (the diff of « Nouveautés », [`crate::nouveautes::comparer`], grouped by centre). Shown by
//! [`super::rendu`].

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::a_faire::{self, Constat};
use crate::diag::Sources;
use crate::load::LoadError;
use crate::model::Federation;
use crate::nouveautes::{self, Entree, Instantane};
use crate::resolve::{self, Catalogue};

/// Which centres to show, and against which publication.
#[derive(Debug, Default, Clone, Copy)]
pub struct Choix<'a> {
    /// One centre, by its `id:`.
    pub centre: Option<&'a str>,
    pub federation: Option<Federation>,
    /// `--previous`: a previous site folder, a folder of downloaded files or a catalogue.
    pub precedent: Option<&'a Path>,
}

/// One change of the previous publication's diff, with its sentence and where the track is.
#[derive(Debug, Clone, Serialize)]
pub struct Changement {
    pub texte: String,
    /// The track in the data (absent for a closed track).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fichier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ligne: Option<u32>,
    #[serde(flatten)]
    pub entree: Entree,
}

#[derive(Debug, Serialize)]
pub struct RapportCentre {
    pub id: String,
    pub nom: String,
    pub federation: String,
    pub fichier: String,
    pub a_faire: Vec<Constat>,
    /// `None` without `--previous`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changements: Option<Vec<Changement>>,
}

impl RapportCentre {
    pub(super) fn rien(&self) -> bool {
        self.a_faire.is_empty() && self.changements.as_ref().is_none_or(Vec::is_empty)
    }
}

#[derive(Debug, Serialize)]
pub struct ParCentre {
    pub date: String,
    /// The previous publication's catalogue, as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precedent: Option<String>,
    pub centres: Vec<RapportCentre>,
    /// Tracks closed with their centre, which is no longer in the data.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub centres_retires: Vec<Changement>,
    /// Errors found by `check`: files or blocks with errors are left out.
    pub erreurs: usize,
}

#[derive(Debug)]
pub enum Erreur {
    Chargement(LoadError),
    CentreInconnu {
        id: String,
        suggestion: Option<String>,
    },
    Precedent(String),
}

impl std::fmt::Display for Erreur {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Erreur::Chargement(e) => write!(f, "{e}"),
            Erreur::CentreInconnu { id, suggestion } => {
                write!(f, "aucun centre « {id} » dans data/centres : ")?;
                match suggestion {
                    Some(s) => write!(f, "vouliez-vous dire --centre {s} ?"),
                    None => write!(
                        f,
                        "écrivez l'identifiant du centre, la valeur de « id: » en haut de son fichier"
                    ),
                }
            }
            Erreur::Precedent(e) => write!(
                f,
                "{e} ; --previous attend le dossier du site publié, le dossier des fichiers \
                 téléchargés de /donnees/ ou le fichier catalogue.json"
            ),
        }
    }
}

/// The previous publication's catalogue (where `build --previous` finds it): an error when
/// it cannot be read, since the coordinator asked for the changes.
fn lire_precedent(chemin: &Path) -> Result<(Instantane, String), Erreur> {
    let catalogue = nouveautes::chemins(Path::new(""), Some(chemin)).catalogue;
    let lu = catalogue.display().to_string();
    let bytes = std::fs::read(&catalogue).map_err(|e| {
        Erreur::Precedent(if e.kind() == std::io::ErrorKind::NotFound {
            format!("{lu} : fichier introuvable")
        } else {
            format!("{lu} : {e}")
        })
    })?;
    let avant = Instantane::du_json(&bytes)
        .map_err(|e| Erreur::Precedent(format!("{lu} : catalogue illisible ({e})")))?;
    Ok((avant, lu))
}

/// The diff against `avant`, by index of `catalogue.centres`, and the changes of centres
/// gone from the data.
fn changements(
    sources: &Sources,
    catalogue: &Catalogue,
    avant: &Instantane,
) -> (BTreeMap<usize, Vec<Changement>>, Vec<Changement>) {
    let apres = Instantane::du_catalogue(catalogue);
    let filieres: BTreeMap<&str, usize> = catalogue
        .filieres
        .iter()
        .enumerate()
        .map(|(i, f)| (f.filiere.id.value.trim(), i))
        .collect();
    let mut par_centre: BTreeMap<usize, Vec<Changement>> = BTreeMap::new();
    let mut retires = Vec::new();
    for entree in nouveautes::comparer(avant, &apres, catalogue.today) {
        // The centre is in the sentence's heading already.
        let (avant_titre, apres_titre) = nouveautes::page::phrase(&Entree {
            centre: String::new(),
            ..entree.clone()
        });
        let mut c = Changement {
            texte: format!("{avant_titre}{}{apres_titre}", entree.titre),
            fichier: None,
            ligne: None,
            entree,
        };
        let filiere = c
            .entree
            .filiere
            .as_deref()
            .and_then(|id| filieres.get(id.trim()))
            .and_then(|&i| catalogue.filieres.get(i));
        let centre = match filiere {
            Some(f) => {
                let span = f.filiere.id.span;
                c.fichier = Some(sources.path(span.file).display().to_string());
                c.ligne = Some(span.line);
                Some(f.centre)
            }
            // A closed track: its centre by name, as the previous catalogue gives it.
            None => catalogue
                .centres
                .iter()
                .position(|r| r.centre.nom.value.trim() == c.entree.centre.trim()),
        };
        match centre {
            Some(i) => par_centre.entry(i).or_default().push(c),
            None => retires.push(c),
        }
    }
    let ordre = |a: &Changement, b: &Changement| {
        let cle = |c: &Changement| {
            (
                c.entree.genre,
                crate::text::fold(&c.entree.titre),
                c.entree.cle(),
                c.entree.centre.clone(),
            )
        };
        cle(a).cmp(&cle(b))
    };
    for liste in par_centre.values_mut() {
        liste.sort_by(ordre);
    }
    retires.sort_by(ordre);
    (par_centre, retires)
}

/// Reads and checks the data at `root`, then lists the centres `choix` names.
pub fn par_centre(root: &Path, today: NaiveDate, choix: Choix) -> Result<ParCentre, Erreur> {
    let front = crate::pipeline::front(root, today, None).map_err(Erreur::Chargement)?;
    let catalogue = resolve::resolve(&front.centres, front.refdata, today);
    if let Some(id) = choix.centre
        && !catalogue
            .centres
            .iter()
            .any(|c| c.centre.id.value.trim() == id)
    {
        let ids = catalogue.centres.iter().map(|c| c.centre.id.value.trim());
        return Err(Erreur::CentreInconnu {
            id: id.to_string(),
            suggestion: crate::text::did_you_mean(id, ids).map(String::from),
        });
    }
    let precedent = choix.precedent.map(lire_precedent).transpose()?;
    let (mut changes, retires) = match &precedent {
        Some((avant, _)) => changements(&front.sources, &catalogue, avant),
        None => Default::default(),
    };
    let mut centres: Vec<(usize, RapportCentre)> = Vec::new();
    for (i, c) in catalogue.centres.iter().enumerate() {
        let federation = c.centre.federation.value;
        let id = c.centre.id.value.trim();
        if choix.centre.is_some_and(|x| x != id)
            || choix.federation.is_some_and(|f| f != federation)
        {
            continue;
        }
        let rang = Federation::ALL
            .iter()
            .position(|f| *f == federation)
            .unwrap_or(0);
        centres.push((
            rang,
            RapportCentre {
                id: id.to_string(),
                nom: c.centre.nom.value.trim().to_string(),
                federation: federation.slug().to_string(),
                fichier: front.sources.path(c.centre.fichier).display().to_string(),
                a_faire: a_faire::constats(&front.sources, &catalogue, c),
                changements: precedent
                    .as_ref()
                    .map(|_| changes.remove(&i).unwrap_or_default()),
            },
        ));
    }
    centres.sort_by(|(ra, a), (rb, b)| (ra, &a.id, &a.fichier).cmp(&(rb, &b.id, &b.fichier)));
    Ok(ParCentre {
        date: today.format("%Y-%m-%d").to_string(),
        precedent: precedent.map(|(_, lu)| lu),
        centres: centres.into_iter().map(|(_, c)| c).collect(),
        // Centres gone have no federation nor id: shown only when every centre is.
        centres_retires: if choix.centre.is_none() && choix.federation.is_none() {
            retires
        } else {
            Vec::new()
        },
        erreurs: front.diagnostics.error_count(),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::nouveautes::Genre;

    pub(in crate::report) fn jour() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    /// Two skeleton centres, « Le Fournil » (aleap) and « L'Atelier » (aid).
    pub(in crate::report) fn donnees() -> (Sources, Vec<crate::model::Centre>) {
        let mut sources = Sources::default();
        let mut centres = Vec::new();
        for (i, (id, nom, federation)) in [
            ("fournil", "Le Fournil", Federation::Aleap),
            ("atelier", "L'Atelier", Federation::Aid),
        ]
        .into_iter()
        .enumerate()
        {
            let text = crate::skeleton::centre(id, federation, jour())
                .replace("nom: Nom du centre", &format!("nom: \"{nom}\""));
            let file = FileId(u32::try_from(i).expect("id"));
            let (centre, findings) = crate::load::parse_centre(&text, file);
            assert!(findings.is_empty(), "{findings:?}");
            centres.push(centre.expect("readable"));
            let path = format!("data/centres/{}/{id}.yaml", federation.slug());
            sources.add(path.into(), text);
        }
        (sources, centres)
    }

    #[test]
    fn each_change_goes_to_its_centre() {
        let (sources, centres) = donnees();
        let catalogue = resolve::resolve(&centres, crate::refdata::RefData::load(), jour());
        let mut avant = Instantane::du_catalogue(&catalogue);
        let titre = avant
            .filieres
            .get_mut("atelier-orientation")
            .expect("track");
        titre.titre = "Ancien titre".into();
        let modele = titre.clone();
        for (id, centre) in [("pain", "Le Fournil"), ("vieux", "Centre disparu")] {
            let mut f = modele.clone();
            (f.id, f.titre, f.centre) = (id.into(), id.to_uppercase(), centre.into());
            avant.filieres.insert(id.into(), f);
        }
        let (par_centre, retires) = changements(&sources, &catalogue, &avant);
        let atelier = &par_centre[&1];
        assert_eq!(atelier.len(), 1, "{par_centre:#?}");
        assert_eq!(atelier[0].entree.genre, Genre::TitreChange);
        assert_eq!(
            atelier[0].texte,
            "Titre changé : « Ancien titre » devient « Trouver mon métier »"
        );
        assert_eq!(
            atelier[0].fichier.as_deref(),
            Some("data/centres/aid/atelier.yaml")
        );
        let ligne = sources
            .get(FileId(1))
            .expect("file")
            .text
            .lines()
            .position(|l| l.contains("- id: atelier-orientation"))
            .expect("line");
        assert_eq!(
            atelier[0].ligne,
            Some(u32::try_from(ligne + 1).expect("u32"))
        );
        // A closed track: to its centre, by name; of a centre gone, apart.
        let fournil = &par_centre[&0];
        assert_eq!(fournil.len(), 1);
        assert_eq!(fournil[0].texte, "Formation fermée : PAIN");
        assert_eq!(fournil[0].fichier, None);
        assert_eq!(retires.len(), 1);
        assert_eq!(retires[0].entree.centre, "Centre disparu");
    }
}
