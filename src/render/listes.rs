//! Home, index pages, the commune list and the listings by bassin (job codes: `metiers`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown;
use crate::model::{Categorie, Federation, Secteur};
use crate::resolve::Catalogue;

use super::Env;
use super::pages::{self, Groupe, Rendu};
use super::views::{self, Lien, PageMeta};
use crate::site::urls;

pub(super) fn accueil_lien() -> Lien {
    Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    }
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
    /// What the map shows, in words: its `alt`.
    carte_texte: String,
    carte_largeur: u32,
    carte_hauteur: u32,
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
            nombre: cat
                .filieres
                .iter()
                .filter(|f| f.filiere.categorie == c)
                .count(),
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
            nombre: cat
                .filieres
                .iter()
                .filter(|f| f.filiere.secteur == s)
                .count(),
            slug: s.slug().into(),
            explication: None,
        })
        .filter(|c| c.nombre > 0)
        .collect()
}

/// The home map in words: how many places, in how many municipalities, and the three
/// municipalities with the most places (ties in name order).
fn carte_texte(cat: &Catalogue) -> String {
    let mut par_commune: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &cat.lieux {
        *par_commune.entry(l.commune.nom.as_str()).or_default() += 1;
    }
    let mut tri: Vec<(&str, usize)> = par_commune.iter().map(|(&c, &n)| (c, n)).collect();
    tri.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let pluriel =
        |n: usize, un: &str, plus: &str| format!("{n} {}", if n <= 1 { un } else { plus });
    let mut texte = format!(
        "Carte de la Wallonie : {} de formation dans {}, un rond par commune.",
        pluriel(cat.lieux.len(), "lieu", "lieux"),
        pluriel(tri.len(), "commune", "communes"),
    );
    if tri.len() > 1 {
        let premiers: Vec<String> = tri
            .iter()
            .take(3)
            .map(|(c, n)| format!("{c} ({n})"))
            .collect();
        texte.push_str(" Les communes avec le plus de lieux : ");
        texte.push_str(&premiers.join(", "));
        texte.push('.');
    }
    texte
}

pub fn accueil(env: &Env) -> Rendu {
    let cat = env.catalogue;
    let (carte_largeur, carte_hauteur) = crate::map::dimensions_wallonie(cat.refdata);
    let data = AccueilView {
        intro: env
            .content
            .accueil
            .as_ref()
            .map(|p| markdown::to_html(&p.markdown, 1)),
        categories: categories(cat),
        secteurs: secteurs(cat),
        carte: env.carte_url.to_string(),
        carte_texte: carte_texte(cat),
        carte_largeur,
        carte_hauteur,
        centres: cat.centres.len(),
        lieux: cat.lieux.len(),
        filieres: cat.filieres.len(),
        communes: cat.communes.len(),
        actualites: env
            .content
            .actualites
            .iter()
            .take(3)
            .map(|p| Lien {
                texte: p.front.title.clone(),
                url: urls::actualite(&p.slug),
            })
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
        federations: Federation::ALL
            .iter()
            .map(|&f| Lien {
                texte: f.nom().into(),
                url: urls::federation(f),
            })
            .collect(),
        bassins: cat
            .bassins_avec_filieres()
            .into_iter()
            .map(|(id, nom, _)| Lien {
                texte: nom,
                url: urls::bassin(&id),
            })
            .collect(),
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
    provinces: Vec<(String, Vec<CommuneLigne>)>,
}

/// A municipality in the list, with what people may know it by instead: its postcodes
/// and the localities of each (« 4101 Jemeppe-sur-Meuse » is in Seraing), so that the
/// browser's « find in page » reaches it without the search script.
#[derive(Serialize)]
struct CommuneLigne {
    texte: String,
    url: String,
    /// « 4100 Boncelles · 4101 Jemeppe-sur-Meuse · 4102 Ougrée »: the localities named as
    /// the municipality itself are left out (its postcode is kept).
    codes: String,
}

/// `/communes/`: every municipality with a page, by province, with its postcodes and
/// localities.
pub fn communes(env: &Env) -> Rendu {
    // nis → postcode → localities, in the reference table's order.
    let mut localites: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for l in &env.catalogue.refdata.localites {
        localites
            .entry(l.nis.as_str())
            .or_default()
            .entry(l.code_postal.as_str())
            .or_default()
            .push(l.nom.as_str());
    }
    let mut provinces: BTreeMap<String, Vec<CommuneLigne>> = BTreeMap::new();
    for c in &env.catalogue.communes {
        let nom = &c.commune.nom;
        let mut codes: BTreeMap<&str, Vec<&str>> = c
            .commune
            .codes_postaux
            .iter()
            .map(|cp| (cp.as_str(), Vec::new()))
            .collect();
        for (cp, noms) in localites.get(c.commune.nis.as_str()).into_iter().flatten() {
            let autres = noms
                .iter()
                .filter(|n| !crate::text::fold(n).eq(&crate::text::fold(nom)));
            codes.entry(cp).or_default().extend(autres);
        }
        let codes = codes
            .into_iter()
            .map(|(cp, noms)| {
                let mut noms = noms;
                noms.sort_by_cached_key(|n| crate::text::fold(n));
                noms.dedup();
                if noms.is_empty() {
                    cp.to_owned()
                } else {
                    format!("{cp} {}", noms.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(" · ");
        provinces
            .entry(c.commune.province.clone())
            .or_default()
            .push(CommuneLigne {
                texte: nom.clone(),
                url: urls::commune(&c.slug),
                codes,
            });
    }
    for lignes in provinces.values_mut() {
        lignes.sort_by_cached_key(|l| crate::text::fold(&l.texte));
    }
    let meta = PageMeta::new(
        env.config,
        "/communes/",
        "Formations par commune",
        "Choisissez votre commune, votre localité ou votre code postal pour voir les lieux de formation CISP les plus proches.",
    )
    .fil(vec![accueil_lien()]);
    let data = CommunesView {
        provinces: provinces.into_iter().collect(),
    };
    pages::rendu("/communes/".into(), "communes.html", meta, data)
}

/// The ROME domain a track is filed under in lists: that of its first known job code.
fn domaine_principal<'a>(cat: &'a Catalogue, f: usize) -> Option<&'a crate::refdata::DomaineRome> {
    cat.filieres[f]
        .filiere
        .rome
        .iter()
        .filter_map(|code| cat.refdata.rome.fiche(code.trim()))
        .find_map(|fiche| cat.refdata.rome.domaine(&fiche.domaine))
}

/// Tracks by category; trade tracks (« Apprendre un métier ») further by ROME domain.
pub fn par_categorie_et_domaine<'a>(cat: &'a Catalogue, filieres: &[usize]) -> Vec<Groupe<'a>> {
    let mut groupes = Vec::new();
    for c in Categorie::ALL {
        let de_c: Vec<usize> = filieres
            .iter()
            .copied()
            .filter(|&f| cat.filieres[f].filiere.categorie == c)
            .collect();
        if de_c.is_empty() {
            continue;
        }
        if c != Categorie::FormationProfessionnalisante {
            groupes.push(Groupe {
                titre: Some(c.nom().into()),
                filieres: de_c
                    .iter()
                    .map(|&f| views::filiere_carte(cat, f, None))
                    .collect(),
            });
            continue;
        }
        let mut par_domaine: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &f in &de_c {
            let cle = domaine_principal(cat, f).map_or_else(
                || "~".to_string(),
                |d| format!("{} — {} ({})", c.nom(), d.libelle, d.code),
            );
            par_domaine.entry(cle).or_default().push(f);
        }
        for (cle, fs) in par_domaine {
            let titre = if cle == "~" {
                format!("{} — autres métiers", c.nom())
            } else {
                cle
            };
            groupes.push(Groupe {
                titre: Some(titre),
                filieres: fs
                    .iter()
                    .map(|&f| views::filiere_carte(cat, f, None))
                    .collect(),
            });
        }
    }
    groupes
}

#[derive(Serialize)]
struct BassinEntete {
    id: String,
    nom: String,
    communes: usize,
    lieux: usize,
    csv: String,
}

#[derive(Serialize)]
struct BassinLigne {
    nom: String,
    url: String,
    filieres: usize,
    lieux: usize,
    csv: String,
}

/// `/bassins/`: the bassins EFE that have a track, with their counts and CSV files.
fn bassins_index(env: &Env, bassins: &[(String, String, Vec<usize>)]) -> Rendu {
    let cat = env.catalogue;
    let lignes: Vec<BassinLigne> = bassins
        .iter()
        .map(|(id, nom, filieres)| BassinLigne {
            nom: nom.clone(),
            url: urls::bassin(id),
            filieres: filieres.len(),
            lieux: cat
                .lieux
                .iter()
                .filter(|l| l.commune.bassin == *id && !l.filieres.is_empty())
                .count(),
            csv: urls::url_csv_bassin(id),
        })
        .collect();
    let meta = PageMeta::new(
        env.config,
        "/bassins/",
        "Formations par bassin",
        "Les bassins Enseignement-Formation-Emploi de Wallonie et les formations CISP données dans chacun.",
    )
    .fil(vec![accueil_lien()]);
    pages::rendu("/bassins/".into(), "bassins.html", meta, lignes)
}

/// One page per bassin (in pages of 60 tracks): every track given there, by category and,
/// for trade tracks, by ROME domain, with the bassin's CSV file.
pub fn bassins(env: &Env) -> Vec<Rendu> {
    let cat = env.catalogue;
    let bassins = cat.bassins_avec_filieres();
    let index = bassins_index(env, &bassins);
    bassins
        .into_iter()
        .flat_map(|(id, nom, filieres)| {
            let entete = BassinEntete {
                communes: cat.refdata.communes_du_bassin(&id).len(),
                lieux: cat.lieux.iter().filter(|l| l.commune.bassin == id && !l.filieres.is_empty()).count(),
                csv: urls::url_csv_bassin(&id),
                id: id.clone(),
                nom: nom.clone(),
            };
            let mut rendus = pages::liste(
                env,
                urls::bassin(&id),
                format!("Bassin {nom}"),
                Some(format!("Les formations CISP données dans les communes du bassin EFE {nom}, par catégorie et par domaine métier.")),
                par_categorie_et_domaine(cat, &filieres),
                vec![accueil_lien(), Lien { texte: "Formations".into(), url: "/formations/".into() }],
                None,
            );
            for r in &mut rendus {
                r.template = "bassin.html";
                r.context.insert("bassin", &entete);
            }
            rendus
        })
        .chain(std::iter::once(index))
        .collect()
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
        intro: env
            .content
            .actualites_intro
            .as_ref()
            .map(|p| markdown::to_html(&p.markdown, 1)),
        articles: env
            .content
            .actualites
            .iter()
            .map(|p| Article {
                titre: p.front.title.clone(),
                url: urls::actualite(&p.slug),
                date: p
                    .front
                    .date
                    .map(|d| crate::site::format::date(d.0))
                    .unwrap_or_default(),
                date_iso: p.front.date.map(|d| d.to_string()).unwrap_or_default(),
                resume: if p.front.description.is_empty() {
                    markdown::plain_text(&p.markdown, 200)
                } else {
                    p.front.description.clone()
                },
            })
            .collect(),
    };
    let meta = PageMeta::new(
        env.config,
        "/actualites/",
        "Actualités",
        "Les nouvelles de l'annuaire des formations CISP.",
    )
    .fil(vec![accueil_lien()]);
    pages::rendu("/actualites/".into(), "actualites.html", meta, data)
}

pub fn introuvable(env: &Env) -> Rendu {
    let meta = PageMeta::new(
        env.config,
        "/404.html",
        "Page introuvable",
        "Cette page n'existe pas ou plus.",
    );
    pages::rendu("/404.html".into(), "404.html", meta, ())
}
