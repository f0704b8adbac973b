//! What templates see: small serialisable views built from the resolved catalogue. A page
//! gets only what it shows — a neighbour is a title, a link and a distance, never the
//! whole neighbour — so contexts stay small and rendering stays fast.

use serde::Serialize;

use crate::check::formats;
use crate::config::Config;
use crate::markdown;
use crate::model::{Categorie, Secteur};
use crate::resolve::{Catalogue, LieuR};
use crate::spatial::km_pour_humains;

use crate::site::format;
use crate::site::urls;

#[derive(Serialize, Clone)]
pub struct Lien {
    pub texte: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct Telephone {
    /// As people read it: « 04 123 45 67 ».
    pub affiche: String,
    /// `tel:` target.
    pub lien: String,
}

pub fn telephone(text: Option<&str>) -> Option<Telephone> {
    let text = text?.trim();
    let lien = formats::telephone(text).ok()?;
    Some(Telephone {
        affiche: format::telephone_affiche(&lien),
        lien: format!("tel:{lien}"),
    })
}

#[derive(Serialize)]
pub struct CategorieView {
    pub slug: &'static str,
    pub nom: &'static str,
    pub explication: &'static str,
    pub url: String,
}

pub fn categorie(c: Categorie) -> CategorieView {
    CategorieView {
        slug: c.slug(),
        nom: c.nom(),
        explication: c.explication(),
        url: urls::categorie(c),
    }
}

#[derive(Serialize)]
pub struct SecteurView {
    pub slug: &'static str,
    pub nom: &'static str,
    pub url: String,
}

pub fn secteur(s: Secteur) -> SecteurView {
    SecteurView {
        slug: s.slug(),
        nom: s.nom(),
        url: urls::secteur(s),
    }
}

/// A track in a list.
#[derive(Serialize)]
pub struct FiliereCarte<'a> {
    pub titre: &'a str,
    pub url: String,
    pub categorie: CategorieView,
    pub secteur: &'static str,
    pub centre: &'a str,
    /// Municipalities where it is given: « Seraing, Liège ».
    pub ou: String,
    /// « jeudi 3 décembre 2026 à 9 h 30 », if any.
    pub prochaine_seance: Option<String>,
    /// « à 3,2 km », when the list is about a point.
    pub distance: Option<String>,
}

pub fn filiere_carte<'a>(cat: &'a Catalogue, i: usize, km: Option<f64>) -> FiliereCarte<'a> {
    let f = &cat.filieres[i];
    let mut villes: Vec<&str> = f
        .lieux
        .iter()
        .map(|&l| cat.lieux[l].commune.nom.as_str())
        .collect();
    villes.dedup();
    FiliereCarte {
        titre: &f.filiere.titre,
        url: urls::filiere(&f.slug),
        categorie: categorie(f.filiere.categorie),
        secteur: f.filiere.secteur.nom(),
        centre: &cat.centres[f.centre].centre.nom,
        ou: villes.join(", "),
        prochaine_seance: f.seances.first().map(|s| {
            format!(
                "{} à {}",
                format::date_longue(s.date.0),
                format::heure(s.heure)
            )
        }),
        distance: km.map(distance),
    }
}

/// A track in a list of place, centre and track pages: its category (the card's colour),
/// its distance when the list is about a point, and its card rendered once per build
/// (`carte-filiere.html`, see [`super::cartes`]).
#[derive(Serialize)]
pub struct FiliereProche<'a> {
    pub categorie: &'static str,
    pub distance: Option<String>,
    pub corps: &'a str,
}

pub fn filiere_proche<'e>(
    env: &'e super::Env,
    i: usize,
    km: Option<f64>,
) -> Result<FiliereProche<'e>, super::RenderError> {
    let cat = env.catalogue;
    Ok(FiliereProche {
        categorie: cat
            .filieres
            .get(i)
            .map_or("", |f| f.filiere.categorie.slug()),
        distance: km.map(distance),
        corps: env.cartes.filiere(cat, i)?,
    })
}

#[derive(Serialize)]
pub struct Adresse<'a> {
    pub rue: &'a str,
    pub code_postal: &'a str,
    pub localite: &'a str,
    pub commune: &'a str,
    pub commune_url: Option<String>,
}

#[derive(Serialize)]
pub struct GareView<'a> {
    pub nom: &'a str,
    /// « Gare d'Arlon », « Gare de Namur », « Gare du Roeulx ».
    pub gare: String,
    /// « 800 m », « 3,2 km ».
    pub distance: String,
    /// « environ 10 min à pied », when the station is within walking distance.
    pub a_pied: Option<String>,
}

/// A place in a list.
#[derive(Serialize)]
pub struct LieuCarte<'a> {
    pub nom: &'a str,
    pub url: String,
    pub centre: &'a str,
    pub adresse: Adresse<'a>,
    pub gare: Option<GareView<'a>>,
    pub distance: Option<String>,
    pub filieres: Vec<Lien>,
    /// How to get there (bus lines, wheelchair, a route link): on a track's page only,
    /// where a trainee decides; lists stay light.
    pub acces: Option<AccesView<'a>>,
}

/// How to get to a place, as the track page shows it under each place.
#[derive(Serialize)]
pub struct AccesView<'a> {
    pub transports: Option<&'a str>,
    pub fauteuil_roulant: Option<bool>,
    /// A route planner to the place (OpenStreetMap: walking, bike, car; a link, no request).
    pub itineraire: String,
}

pub fn acces<'a>(l: &'a LieuR) -> AccesView<'a> {
    let acces = l.lieu.acces.as_ref();
    let (lat, lon) = (l.point.y(), l.point.x());
    AccesView {
        transports: acces
            .and_then(|a| a.transports.as_ref())
            .map(|t| t.as_str()),
        fauteuil_roulant: acces.and_then(|a| a.fauteuil_roulant),
        itineraire: itineraire(lat, lon),
    }
}

/// The route planner's address towards a point.
pub fn itineraire(lat: f64, lon: f64) -> String {
    format!("https://www.openstreetmap.org/directions?to={lat:.5}%2C{lon:.5}")
}

pub fn adresse<'a>(cat: &'a Catalogue, l: &'a LieuR) -> Adresse<'a> {
    Adresse {
        rue: &l.lieu.rue,
        code_postal: l.lieu.code_postal.trim(),
        localite: &l.lieu.localite,
        commune: &l.commune.nom,
        commune_url: cat
            .commune_page(&l.commune.nis)
            .map(|c| urls::commune(&c.slug)),
    }
}

pub fn gare<'a>(cat: &'a Catalogue, l: &LieuR) -> Option<GareView<'a>> {
    let hit = l.gare?;
    let g = cat.refdata.gares.get(hit.id)?;
    Some(GareView {
        nom: &g.nom,
        gare: format!("Gare {}", format::de_nom(&g.nom)),
        distance: km_pour_humains(hit.km),
        a_pied: format::a_pied(hit.km),
    })
}

pub fn lieu_carte<'a>(cat: &'a Catalogue, i: usize, km: Option<f64>) -> LieuCarte<'a> {
    let l = &cat.lieux[i];
    LieuCarte {
        nom: &l.lieu.nom,
        url: urls::lieu(&l.slug),
        centre: &cat.centres[l.centre].centre.nom,
        adresse: adresse(cat, l),
        gare: gare(cat, l),
        distance: km.map(distance),
        filieres: l
            .filieres
            .iter()
            .map(|&f| Lien {
                texte: cat.filieres[f].filiere.titre.value.clone(),
                url: urls::filiere(&cat.filieres[f].slug),
            })
            .collect(),
        acces: None,
    }
}

/// « à 3,2 km »: how far a place is, as cards show it.
pub fn distance(km: f64) -> String {
    format!("à {}", km_pour_humains(km))
}

/// Common to every page.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub titre: &'a str,
    pub base_url: &'a str,
    /// The path the site is published under (`/cisp`, or empty): links in the templates
    /// are written site-relative and prefixed on output; text that shows a path uses it.
    pub racine: &'a str,
    pub demo: bool,
    /// Fingerprinted stylesheet path.
    pub css: &'a str,
    /// Fingerprinted script paths: `site.js.recherche`, `site.js.conseillers`.
    pub js: Scripts<'a>,
    pub nav: Vec<Lien>,
}

/// The addresses of the theme's style sheet and scripts, content-hashed so that browsers
/// keep them until they change (issue 19).
#[derive(Debug, Clone, Default)]
pub struct Actifs {
    pub css: String,
    pub recherche: String,
    pub conseillers: String,
}

#[derive(Serialize)]
pub struct Scripts<'a> {
    pub recherche: &'a str,
    pub conseillers: &'a str,
}

pub fn site<'a>(config: &'a Config, actifs: &'a Actifs) -> SiteView<'a> {
    SiteView {
        titre: &config.titre,
        base_url: &config.base_url,
        racine: &config.racine,
        demo: config.demo,
        css: &actifs.css,
        js: Scripts {
            recherche: &actifs.recherche,
            conseillers: &actifs.conseillers,
        },
        nav: vec![
            Lien {
                texte: "Chercher".into(),
                url: "/recherche/".into(),
            },
            Lien {
                texte: "Formations".into(),
                url: "/formations/".into(),
            },
            Lien {
                texte: "Qui peut s'inscrire ?".into(),
                url: "/pages/qui-peut-s-inscrire/".into(),
            },
            Lien {
                texte: "Conseillers".into(),
                url: "/pages/pour-les-conseillers/".into(),
            },
        ],
    }
}

/// Title, description, canonical address, breadcrumbs and JSON-LD of one page.
#[derive(Serialize)]
pub struct PageMeta {
    pub titre: String,
    pub description: String,
    pub chemin: String,
    pub canonical: String,
    /// `website` or `article` for Open Graph.
    pub og_type: &'static str,
    /// Already serialised and escaped for a `<script type="application/ld+json">` block.
    pub jsonld: Option<String>,
    pub fil: Vec<Lien>,
}

impl PageMeta {
    pub fn new(
        config: &Config,
        chemin: &str,
        titre: impl Into<String>,
        description: impl Into<String>,
    ) -> PageMeta {
        PageMeta {
            titre: titre.into(),
            description: markdown::truncate_words(&description.into(), 155),
            chemin: chemin.to_string(),
            canonical: format!("{}{chemin}", config.base_url),
            og_type: "website",
            jsonld: None,
            fil: Vec::new(),
        }
    }

    pub fn fil(mut self, fil: Vec<Lien>) -> PageMeta {
        self.fil = fil;
        self
    }

    pub fn jsonld(mut self, value: &serde_json::Value) -> PageMeta {
        self.jsonld = Some(super::jsonld::to_script_text(value));
        self
    }
}
