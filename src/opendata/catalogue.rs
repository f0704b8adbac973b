//! From the resolved catalogue to the open records, sorted so that two publications
//! compare record by record.

use std::collections::BTreeSet;

use super::Filtre;
use super::records::*;
use super::{ATTRIBUTION, LICENCE, VERSION_FORMAT};
use crate::check::formats;
use crate::model::Date;
use crate::resolve::Catalogue;
use crate::site::urls::{self, url_fiche};

// ---------------------------------------------------------------------------------------
// Building the records
// ---------------------------------------------------------------------------------------

/// Six decimals at most (≈ 0.1 m), as RFC 7946 recommends.
pub fn arrondi6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

pub(crate) fn arrondi1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A phone number in international form when it is valid, else as written.
pub(crate) fn telephone_normalise(t: &str) -> String {
    formats::telephone(t.trim()).unwrap_or_else(|_| t.trim().to_string())
}

pub(crate) fn contact(cat: &Catalogue, f: usize) -> ContactOuvert {
    let c = cat.contact(f);
    ContactOuvert {
        nom: c.nom.map(str::to_string),
        telephone: c.telephone.map(telephone_normalise),
        courriel: c.courriel.map(|c| c.trim().to_string()),
    }
}

pub(crate) fn rome(cat: &Catalogue, f: usize) -> Vec<RomeOuvert> {
    let mut vus = BTreeSet::new();
    cat.filieres[f]
        .filiere
        .rome
        .iter()
        .filter_map(|code| cat.refdata.rome.fiche(code.trim()))
        .filter(|fiche| vus.insert(fiche.code.as_str()))
        .map(|fiche| RomeOuvert {
            code: fiche.code.clone(),
            libelle: fiche.libelle.clone(),
            domaine: fiche.domaine.clone(),
        })
        .collect()
}

pub(crate) fn filiere_ouverte(
    cat: &Catalogue,
    base_url: &str,
    f: usize,
    lieux: &[usize],
) -> FiliereOuverte {
    let fr = &cat.filieres[f];
    let m = fr.filiere;
    FiliereOuverte {
        id: m.id.value.clone(),
        titre: m.titre.value.clone(),
        url: format!("{base_url}{}", urls::filiere(&fr.slug)),
        fiche: format!("{base_url}{}", url_fiche(&fr.slug)),
        centre: cat.centres[fr.centre].centre.id.value.clone(),
        categorie: m.categorie,
        secteur: m.secteur,
        rome: rome(cat, f),
        lieux: lieux
            .iter()
            .map(|&l| cat.lieux[l].lieu.id.value.clone())
            .collect(),
        duree: DureeOuverte {
            semaines: m.duree.semaines,
            heures: m.duree.heures,
        },
        horaire: HoraireOuvert {
            jours: {
                let mut j = m.horaire.jours.clone();
                j.sort();
                j.dedup();
                j
            },
            heures_par_semaine: m
                .horaire
                .heures_par_semaine
                .as_ref()
                .map(|h| f64::from(h.value)),
            moment: m.horaire.moment,
        },
        entree: EntreeOuverte {
            permanente: m.entree.permanente,
            dates: {
                let mut d = cat.debuts_a_venir(f);
                d.sort();
                d.dedup();
                d
            },
        },
        seances: fr
            .seances
            .iter()
            .map(|s| SeanceOuverte {
                date: s.date,
                heure: s.heure,
                lieu: cat
                    .lieu_de_seance(f, s)
                    .map(|l| cat.lieux[l].lieu.id.value.clone()),
                remarque: s.remarque.map(|r| r.value.clone()),
                rythme: s.rythme.map(|r| r.en_clair()),
            })
            .collect(),
        public: m.public.value.clone(),
        stage: m.stage,
        certification: m.certification.as_ref().map(|c| c.value.clone()),
        description: m.description.value.clone(),
        contact: contact(cat, f),
        mis_a_jour: m.mis_a_jour.value,
    }
}

pub(crate) fn lieu_ouvert(
    cat: &Catalogue,
    base_url: &str,
    l: usize,
    filieres: &BTreeSet<usize>,
) -> LieuOuvert {
    let lr = &cat.lieux[l];
    let lieu = lr.lieu;
    let mut ids: Vec<String> = lr
        .filieres
        .iter()
        .filter(|f| filieres.contains(f))
        .map(|&f| cat.filieres[f].filiere.id.value.clone())
        .collect();
    ids.sort();
    LieuOuvert {
        id: lieu.id.value.clone(),
        nom: lieu.nom.value.clone(),
        centre: cat.centres[lr.centre].centre.id.value.clone(),
        url: format!("{base_url}{}", urls::lieu(&lr.slug)),
        rue: lieu.rue.value.clone(),
        code_postal: lieu.code_postal.trim().to_string(),
        localite: lieu.localite.value.clone(),
        commune: CommuneOuverte {
            nis: lr.commune.nis.clone(),
            nom: lr.commune.nom.clone(),
            province: lr.commune.province.clone(),
        },
        bassin: lr.bassin.map(|b| BassinOuvert {
            id: b.id.clone(),
            nom: b.nom.clone(),
        }),
        lat: arrondi6(lr.point.y()),
        lon: arrondi6(lr.point.x()),
        precision: lr.precision.into(),
        gare: lr.gare.and_then(|hit| {
            cat.refdata.gares.get(hit.id).map(|g| GareOuverte {
                id: g.id.clone(),
                nom: g.nom.clone(),
                km: arrondi1(hit.km),
            })
        }),
        fauteuil_roulant: lieu.acces.as_ref().and_then(|a| a.fauteuil_roulant),
        transports: lieu
            .acces
            .as_ref()
            .and_then(|a| a.transports.as_ref())
            .map(|t| t.value.clone()),
        filieres: ids,
    }
}

/// The open catalogue of the selected tracks, their places and their centres.
pub fn catalogue(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> CatalogueOuvert {
    let (selection, centres, lieux) = parties(cat, base_url, filtre);
    let filieres: Vec<FiliereOuverte> = selection
        .iter()
        .map(|(f, lieux)| filiere_ouverte(cat, base_url, *f, lieux))
        .collect();
    CatalogueOuvert {
        version: VERSION_FORMAT,
        date: Date(cat.today),
        licence: LICENCE.into(),
        attribution: ATTRIBUTION.into(),
        source: base_url.to_string(),
        centres,
        lieux,
        filieres,
    }
}

/// The selected tracks (with their places), and the centres and places of the catalogue.
type Parties = (Vec<(usize, Vec<usize>)>, Vec<CentreOuvert>, Vec<LieuOuvert>);

fn parties(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> Parties {
    let selection = filtre.selection(cat);
    let filieres_set: BTreeSet<usize> = selection.iter().map(|(f, _)| *f).collect();
    let lieux_set: BTreeSet<usize> = selection
        .iter()
        .flat_map(|(_, l)| l.iter().copied())
        .collect();
    let centres_set: BTreeSet<usize> = selection
        .iter()
        .map(|(f, _)| cat.filieres[*f].centre)
        .collect();

    let mut centres: Vec<CentreOuvert> = centres_set
        .iter()
        .map(|&c| {
            let cr = &cat.centres[c];
            let m = cr.centre;
            CentreOuvert {
                id: m.id.value.clone(),
                nom: m.nom.value.clone(),
                url: format!("{base_url}{}", urls::centre(&cr.slug)),
                federation: *m.federation,
                methode: m.methode,
                site_web: m.site_web.as_ref().map(|s| s.value.clone()),
                telephone: m.telephone.as_ref().map(|t| telephone_normalise(t)),
                courriel: m.courriel.as_ref().map(|c| c.value.trim().to_string()),
                presentation: m.presentation.as_ref().map(|p| p.value.clone()),
            }
        })
        .collect();
    centres.sort_by(|a, b| a.id.cmp(&b.id));

    let mut lieux: Vec<LieuOuvert> = lieux_set
        .iter()
        .map(|&l| lieu_ouvert(cat, base_url, l, &filieres_set))
        .collect();
    lieux.sort_by(|a, b| a.id.cmp(&b.id));
    (selection, centres, lieux)
}

/// [`CatalogueOuvert`] as it is written: the same fields in the same order, the tracks
/// made one at a time as they are serialised. At 100 × the 47,000 records held at once
/// beside their 110 MB of text were the build's peak of memory.
#[derive(serde::Serialize)]
struct Ecrit<'a, F> {
    version: u32,
    date: Date,
    licence: &'a str,
    attribution: &'a str,
    source: &'a str,
    centres: Vec<CentreOuvert>,
    lieux: Vec<LieuOuvert>,
    filieres: F,
}

/// A sequence serialised from an iterator made when it is written.
struct Suite<F>(F);

impl<F, I> serde::Serialize for Suite<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `catalogue.json`, compact (browsers and `jq` show it indented).
pub fn catalogue_json(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> String {
    let (selection, centres, lieux) = parties(cat, base_url, filtre);
    let ecrit = Ecrit {
        version: VERSION_FORMAT,
        date: Date(cat.today),
        licence: LICENCE,
        attribution: ATTRIBUTION,
        source: base_url,
        centres,
        lieux,
        filieres: Suite(|| {
            selection
                .iter()
                .map(|(f, lieux)| filiere_ouverte(cat, base_url, *f, lieux))
        }),
    };
    serde_json::to_string(&ecrit).unwrap_or_default() + "\n"
}
