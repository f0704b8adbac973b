//! Home, index pages and the listings by bassin and job code.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown;
use crate::model::{Categorie, Federation, Secteur};
use crate::resolve::Catalogue;

use super::pages::{self, Groupe, Rendu};
use super::urls;
use super::views::{self, Lien, PageMeta};
use super::Env;

fn accueil_lien() -> Lien {
    Lien { texte: "Accueil".into(), url: "/".into() }
}

#[derive(Serialize)]
struct Compte {
    texte: String,
    url: String,
    nombre: usize,
    slug: String,
    explication: Option<&'static str>,
}

#[derive(Serialize)]
struct AccueilView {
    intro: Option<String>,
    categories: Vec<Compte>,
    secteurs: Vec<Compte>,
    carte: String,
    centres: usize,
    lieux: usize,
    filieres: usize,
    communes: usize,
    actualites: Vec<Lien>,
}

fn categories(cat: &Catalogue) -> Vec<Compte> {
    Categorie::ALL
        .iter()
        .map(|&c| Compte {
            texte: c.nom().into(),
            url: urls::categorie(c),
            nombre: cat.filieres.iter().filter(|f| f.filiere.categorie == c).count(),
            slug: c.slug().into(),
            explication: Some(c.explication()),
        })
        .collect()
}

fn secteurs(cat: &Catalogue) -> Vec<Compte> {
    Secteur::ALL
        .iter()
        .map(|&s| Compte {
            texte: s.nom().into(),
            url: urls::secteur(s),
            nombre: cat.filieres.iter().filter(|f| f.filiere.secteur == s).count(),
            slug: s.slug().into(),
            explication: None,
        })
        .filter(|c| c.nombre > 0)
        .collect()
}

pub fn accueil(env: &Env) -> Rendu {
    let cat = env.catalogue;
    let data = AccueilView {
        intro: env.content.accueil.as_ref().map(|p| markdown::to_html(&p.markdown, 1)),
        categories: categories(cat),
        secteurs: secteurs(cat),
        carte: env.carte_url.to_string(),
        centres: cat.centres.len(),
        lieux: cat.lieux.len(),
        filieres: cat.filieres.len(),
        communes: cat.communes.len(),
        actualites: env
            .content
            .actualites
            .iter()
            .take(3)
            .map(|p| Lien { texte: p.front.title.clone(), url: urls::actualite(&p.slug) })
            .collect(),
    };
    let meta = PageMeta::new(
        env.config,
        "/",
        "Trouver une formation près de chez moi",
        "Formations gratuites pour adultes en Wallonie : cherchez par commune ou code postal la formation CISP la plus proche de chez vous.",
    );
    pages::rendu("/".into(), "index.html", meta, data)
}

#[derive(Serialize)]
struct FormationsView {
    categories: Vec<Compte>,
    secteurs: Vec<Compte>,
    federations: Vec<Lien>,
    bassins: Vec<Lien>,
}

/// `/formations/`: the ways into the catalogue (no flat list of 450 tracks: too heavy).
pub fn formations(env: &Env) -> Rendu {
    let cat = env.catalogue;
    let data = FormationsView {
        categories: categories(cat),
        secteurs: secteurs(cat),
        federations: Federation::ALL.iter().map(|&f| Lien { texte: f.nom().into(), url: urls::federation(f) }).collect(),
        bassins: bassins_avec_filieres(cat).into_iter().map(|(id, nom, _)| Lien { texte: nom, url: urls::bassin(&id) }).collect(),
    };
    let meta = PageMeta::new(
        env.config,
        "/formations/",
        "Toutes les formations",
        "Les formations CISP de Wallonie par catégorie, par secteur, par bassin et par fédération.",
    )
    .fil(vec![accueil_lien()]);
    pages::rendu("/formations/".into(), "formations.html", meta, data)
}

#[derive(Serialize)]
struct CommunesView {
    provinces: Vec<(String, Vec<Lien>)>,
}

/// `/communes/`: every municipality with a page, by province.
pub fn communes(env: &Env) -> Rendu {
    let mut provinces: BTreeMap<String, Vec<Lien>> = BTreeMap::new();
    for c in &env.catalogue.communes {
        provinces
            .entry(c.commune.province.clone())
            .or_default()
            .push(Lien { texte: c.commune.nom.clone(), url: urls::commune(&c.slug) });
    }
    for liens in provinces.values_mut() {
        liens.sort_by(|a, b| crate::text::fold(&a.texte).cmp(&crate::text::fold(&b.texte)));
    }
    let meta = PageMeta::new(
        env.config,
        "/communes/",
        "Formations par commune",
        "Choisissez votre commune pour voir les lieux de formation CISP les plus proches.",
    )
    .fil(vec![accueil_lien()]);
    let data = CommunesView { provinces: provinces.into_iter().collect() };
    pages::rendu("/communes/".into(), "communes.html", meta, data)
}

/// Bassins that have at least one track: (id, name, track indexes).
pub fn bassins_avec_filieres(cat: &Catalogue) -> Vec<(String, String, Vec<usize>)> {
    cat.refdata
        .bassins
        .iter()
        .filter_map(|b| {
            let filieres: Vec<usize> = (0..cat.filieres.len())
                .filter(|&f| cat.filieres[f].lieux.iter().any(|&l| cat.lieux[l].commune.bassin == b.id))
                .collect();
            (!filieres.is_empty()).then(|| (b.id.clone(), b.nom.clone(), filieres))
        })
        .collect()
}

/// One page per bassin: every track given there, by category.
pub fn bassins(env: &Env) -> Vec<Rendu> {
    let cat = env.catalogue;
    bassins_avec_filieres(cat)
        .into_iter()
        .flat_map(|(id, nom, filieres)| {
            pages::liste(
                env,
                urls::bassin(&id),
                format!("Bassin {nom}"),
                Some(format!("Les formations CISP données dans les communes du bassin {nom}.")),
                pages::par_categorie(cat, &filieres),
                vec![accueil_lien(), Lien { texte: "Formations".into(), url: "/formations/".into() }],
            )
        })
        .collect()
}

/// ROME codes used by at least one track → track indexes.
pub fn codes_rome<'a>(cat: &'a Catalogue) -> BTreeMap<&'a str, Vec<usize>> {
    let mut codes: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in cat.filieres.iter().enumerate() {
        for code in &f.filiere.rome {
            if let Some(fiche) = cat.refdata.rome.fiche(code.trim()) {
                let list = codes.entry(fiche.code.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
    }
    codes
}

/// One page per ROME code with tracks: the tracks grouped by bassin.
pub fn metiers(env: &Env) -> Vec<Rendu> {
    let cat = env.catalogue;
    codes_rome(cat)
        .into_iter()
        .flat_map(|(code, filieres)| {
            let Some(fiche) = cat.refdata.rome.fiche(code) else { return Vec::new() };
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
            let appellations: Vec<&str> =
                cat.refdata.rome.appellations_de(code).iter().take(12).map(|a| a.libelle.as_str()).collect();
            let intro = format!("Code ROME {code}. Métiers : {}.", appellations.join(", "));
            pages::liste(
                env,
                urls::metier(code),
                format!("{} ({code})", fiche.libelle),
                Some(intro),
                groupes,
                vec![accueil_lien(), Lien { texte: "Métiers".into(), url: "/metiers/".into() }],
            )
        })
        .collect()
}

#[derive(Serialize)]
struct MetiersView {
    domaines: Vec<(String, Vec<Lien>)>,
}

/// `/metiers/`: codes with tracks, by ROME main domain.
pub fn metiers_index(env: &Env) -> Rendu {
    let cat = env.catalogue;
    let mut domaines: BTreeMap<String, Vec<Lien>> = BTreeMap::new();
    for (code, filieres) in codes_rome(cat) {
        let Some(fiche) = cat.refdata.rome.fiche(code) else { continue };
        let grand = cat
            .refdata
            .rome
            .domaine(&fiche.domaine)
            .and_then(|d| cat.refdata.rome.grand_domaine(&d.grand_domaine))
            .map_or_else(String::new, |g| format!("{} — {}", g.code, g.libelle));
        domaines.entry(grand).or_default().push(Lien {
            texte: format!("{code} {} ({})", fiche.libelle, filieres.len()),
            url: urls::metier(code),
        });
    }
    let meta = PageMeta::new(
        env.config,
        "/metiers/",
        "Formations par métier (codes ROME)",
        "Les formations CISP classées par code métier ROME v3, pour les conseillers.",
    )
    .fil(vec![accueil_lien()]);
    pages::rendu("/metiers/".into(), "metiers.html", meta, MetiersView { domaines: domaines.into_iter().collect() })
}

#[derive(Serialize)]
struct ActualitesView {
    intro: Option<String>,
    articles: Vec<Article>,
}

#[derive(Serialize)]
struct Article {
    titre: String,
    url: String,
    date: String,
    date_iso: String,
    resume: String,
}

pub fn actualites(env: &Env) -> Rendu {
    let data = ActualitesView {
        intro: env.content.actualites_intro.as_ref().map(|p| markdown::to_html(&p.markdown, 1)),
        articles: env
            .content
            .actualites
            .iter()
            .map(|p| Article {
                titre: p.front.title.clone(),
                url: urls::actualite(&p.slug),
                date: p.front.date.map(|d| super::format::date(d.0)).unwrap_or_default(),
                date_iso: p.front.date.map(|d| d.to_string()).unwrap_or_default(),
                resume: if p.front.description.is_empty() {
                    markdown::plain_text(&p.markdown, 200)
                } else {
                    p.front.description.clone()
                },
            })
            .collect(),
    };
    let meta = PageMeta::new(env.config, "/actualites/", "Actualités", "Les nouvelles de l'annuaire des formations CISP.")
        .fil(vec![accueil_lien()]);
    pages::rendu("/actualites/".into(), "actualites.html", meta, data)
}

pub fn introuvable(env: &Env) -> Rendu {
    let meta = PageMeta::new(env.config, "/404.html", "Page introuvable", "Cette page n'existe pas ou plus.");
    pages::rendu("/404.html".into(), "404.html", meta, ())
}
