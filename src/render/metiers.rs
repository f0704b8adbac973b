//! The job-code pages: one per ROME code with tracks (`/metiers/<code>/`), grouped by
//! bassin, and the index `/metiers/` by main domain → domain → code.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Env;
use super::listes::accueil_lien;
use super::pages::{self, Groupe, Rendu};
use super::views::{self, Lien, PageMeta};
use crate::site::urls;

#[derive(Serialize)]
struct RomeEntete<'a> {
    code: &'a str,
    libelle: &'a str,
    domaine: Option<Lien>,
    grand_domaine: Option<Lien>,
    appellations: Vec<&'a str>,
    couverture: Option<String>,
    filieres: usize,
}

/// One page per ROME code with tracks: the code's title, domain and main domain, the job
/// titles it covers, and the tracks grouped by bassin.
pub fn metiers(env: &Env) -> Vec<Rendu> {
    let cat = env.catalogue;
    let rome = &cat.refdata.rome;
    cat.codes_rome()
        .into_iter()
        .flat_map(|(code, filieres)| {
            let Some(fiche) = rome.fiche(code) else { return Vec::new() };
            let domaine = rome.domaine(&fiche.domaine);
            let grand = domaine.and_then(|d| rome.grand_domaine(&d.grand_domaine));
            let entete = RomeEntete {
                code,
                libelle: &fiche.libelle,
                domaine: domaine.map(|d| Lien {
                    texte: format!("{} {}", d.code, d.libelle),
                    url: format!("/metiers/#{}", d.code.to_ascii_lowercase()),
                }),
                grand_domaine: grand.map(|g| Lien {
                    texte: format!("{} {}", g.code, g.libelle),
                    url: format!("/metiers/#{}", g.code.to_ascii_lowercase()),
                }),
                appellations: rome.appellations_de(code).iter().map(|a| a.libelle.as_str()).collect(),
                couverture: domaine.map(|d| format!("/couverture/rome-{}/", d.code.to_ascii_lowercase())),
                filieres: filieres.len(),
            };
            let groupes = cat
                .refdata
                .bassins
                .iter()
                .filter_map(|b| {
                    let cards: Vec<_> = filieres
                        .iter()
                        .filter(|&&f| cat.filieres[f].lieux.iter().any(|&l| cat.lieux[l].commune.bassin == b.id))
                        .map(|&f| views::filiere_carte(cat, f, None))
                        .collect();
                    (!cards.is_empty()).then(|| Groupe { titre: Some(format!("Bassin {}", b.nom)), filieres: cards })
                })
                .collect();
            let mut rendus = pages::liste(
                env,
                urls::metier(code),
                format!("{} ({code})", fiche.libelle),
                Some(format!(
                    "Les formations CISP qui mènent au métier « {} », code ROME v3 {code}, par bassin.",
                    fiche.libelle
                )),
                groupes,
                vec![accueil_lien(), Lien { texte: "Métiers".into(), url: "/metiers/".into() }],
                Some(pages::Filtre { nom: "rome", valeur: code.to_string() }),
            );
            for r in &mut rendus {
                r.template = "metier.html";
                r.context.insert("rome", &entete);
            }
            rendus
        })
        .collect()
}

#[derive(Serialize)]
struct CodeView {
    code: String,
    libelle: String,
    url: String,
    filieres: usize,
}

#[derive(Serialize)]
struct DomaineView {
    code: String,
    ancre: String,
    libelle: String,
    codes: Vec<CodeView>,
}

#[derive(Serialize)]
struct GrandDomaineView {
    code: String,
    ancre: String,
    libelle: String,
    filieres: usize,
    domaines: Vec<DomaineView>,
}

#[derive(Serialize)]
struct MetiersView {
    grands: Vec<GrandDomaineView>,
    codes: usize,
    /// The job titles of the codes with tracks, for the filter of conseillers.js.
    appellations: String,
}

/// `/metiers/`: codes with tracks, browsable main domain → domain → code, with a
/// client-side filter on job titles.
pub fn metiers_index(env: &Env) -> Rendu {
    let cat = env.catalogue;
    let rome = &cat.refdata.rome;
    let mut arbre: BTreeMap<&str, BTreeMap<&str, Vec<CodeView>>> = BTreeMap::new();
    let codes = cat.codes_rome();
    for (code, filieres) in &codes {
        let Some(fiche) = rome.fiche(code) else {
            continue;
        };
        let Some(domaine) = rome.domaine(&fiche.domaine) else {
            continue;
        };
        arbre
            .entry(domaine.grand_domaine.as_str())
            .or_default()
            .entry(domaine.code.as_str())
            .or_default()
            .push(CodeView {
                code: code.to_string(),
                libelle: fiche.libelle.clone(),
                url: urls::metier(code),
                filieres: filieres.len(),
            });
    }
    let grands = arbre
        .into_iter()
        .map(|(g, domaines)| {
            let domaines: Vec<DomaineView> = domaines
                .into_iter()
                .map(|(d, codes)| DomaineView {
                    code: d.to_string(),
                    ancre: d.to_ascii_lowercase(),
                    libelle: rome
                        .domaine(d)
                        .map_or_else(String::new, |x| x.libelle.clone()),
                    codes,
                })
                .collect();
            let filieres: BTreeSet<usize> = domaines
                .iter()
                .flat_map(|d| d.codes.iter())
                .flat_map(|c| codes.get(c.code.as_str()).into_iter().flatten().copied())
                .collect();
            GrandDomaineView {
                code: g.to_string(),
                ancre: g.to_ascii_lowercase(),
                libelle: rome
                    .grand_domaine(g)
                    .map_or_else(String::new, |x| x.libelle.clone()),
                filieres: filieres.len(),
                domaines,
            }
        })
        .collect();
    let meta = PageMeta::new(
        env.config,
        "/metiers/",
        "Formations par métier (codes ROME)",
        "Les formations CISP classées par code métier ROME v3 (grand domaine, domaine, fiche), pour les conseillers.",
    )
    .fil(vec![accueil_lien()]);
    let data = MetiersView {
        grands,
        codes: codes.len(),
        appellations: env.fichiers.appellations.clone(),
    };
    pages::rendu("/metiers/".into(), "metiers.html", meta, data)
}
