//! One function per kind of page: its URL, its template and its context.

use serde::Serialize;
use serde_json::json;
use tera::Context;

use crate::content::Page as ContentPage;
use crate::markdown;

use super::jsonld;
use super::views::{self, FiliereProche, Lien, PageMeta};
use super::{Env, RenderError};
use crate::site::{format, urls};

/// A page to render: URL, template name and the page-specific part of the context.
pub struct Rendu {
    pub url: String,
    pub template: &'static str,
    pub context: Context,
}

pub fn rendu(url: String, template: &'static str, meta: PageMeta, data: impl Serialize) -> Rendu {
    let mut context = Context::new();
    context.insert("page", &meta);
    context.insert("d", &data);
    Rendu {
        url,
        template,
        context,
    }
}

mod filiere;
mod listes;

pub use filiere::filiere;
pub use listes::{
    CARTES_PAR_PAGE, Filtre, Groupe, categorie, federation, liste, par_categorie, secteur,
};

fn accueil_lien() -> Lien {
    Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    }
}

pub(super) fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

#[derive(Serialize)]
struct LieuView<'a> {
    nom: &'a str,
    centre: Lien,
    adresse: views::Adresse<'a>,
    approximatif: bool,
    gare: Option<views::GareView<'a>>,
    carte: String,
    osm: String,
    itineraire: String,
    fauteuil_roulant: Option<bool>,
    transports: Option<&'a str>,
    telephone: Option<views::Telephone>,
    courriel: Option<&'a str>,
    filieres: Vec<FiliereProche<'a>>,
}

pub fn lieu(env: &Env, i: usize) -> Result<Rendu, RenderError> {
    let cat = env.catalogue;
    let l = &cat.lieux[i];
    let centre = &cat.centres[l.centre];
    let url = urls::lieu(&l.slug);
    let (lat, lon) = (l.point.y(), l.point.x());
    // No link on the place's own marker: it would point to this very page.
    let marqueur = crate::map::Marqueur {
        point: l.point,
        url: "",
        titre: &l.lieu.nom,
    };
    let acces = l.lieu.acces.as_ref();
    let data = LieuView {
        nom: &l.lieu.nom,
        centre: Lien {
            texte: centre.centre.nom.value.clone(),
            url: urls::centre(&centre.slug),
        },
        adresse: views::adresse(cat, l),
        approximatif: l.precision != crate::resolve::Precision::Exacte,
        gare: views::gare(cat, l),
        carte: crate::map::carte_locale(cat.refdata, l.point, &[marqueur]),
        osm: format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=16/{lat:.5}/{lon:.5}"
        ),
        itineraire: views::itineraire(lat, lon),
        fauteuil_roulant: acces.and_then(|a| a.fauteuil_roulant),
        transports: acces
            .and_then(|a| a.transports.as_ref())
            .map(|t| t.as_str()),
        telephone: views::telephone(centre.centre.telephone.as_ref().map(|t| t.as_str())),
        courriel: centre.centre.courriel.as_ref().map(|c| c.as_str()),
        filieres: l
            .filieres
            .iter()
            .map(|&f| views::filiere_proche(env, f, None))
            .collect::<Result<_, _>>()?,
    };
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Place",
        "name": l.lieu.nom.value,
        "address": jsonld::postal_address(&l.lieu.rue, l.lieu.code_postal.trim(), &l.lieu.localite),
        "geo": {"@type": "GeoCoordinates", "latitude": round5(lat), "longitude": round5(lon)},
        "url": format!("{}{url}", env.config.base_url),
    });
    let description = format!(
        "{} : lieu de formation de {} à {}, {} filière(s).",
        l.lieu.nom.value,
        centre.centre.nom.value,
        l.commune.nom,
        l.filieres.len()
    );
    let mut fil = vec![accueil_lien()];
    if let Some(c) = cat.commune_page(&l.commune.nis) {
        fil.push(Lien {
            texte: c.commune.nom.clone(),
            url: urls::commune(&c.slug),
        });
    }
    let meta = PageMeta::new(
        env.config,
        &url,
        format!("{} — {}", l.lieu.nom.value, l.commune.nom),
        description,
    )
    .fil(fil)
    .jsonld(&ld);
    Ok(rendu(url, "lieu.html", meta, data))
}

#[derive(Serialize)]
struct CentreView<'a> {
    nom: &'a str,
    federation: Lien,
    methode: &'static str,
    methode_explication: &'static str,
    methode_nom: &'static str,
    presentation: Option<String>,
    site_web: Option<&'a str>,
    telephone: Option<views::Telephone>,
    courriel: Option<&'a str>,
    lieux: Vec<views::LieuCarte<'a>>,
    filieres: Vec<FiliereProche<'a>>,
    signaler: Option<String>,
}

pub fn centre(env: &Env, i: usize) -> Result<Rendu, RenderError> {
    let cat = env.catalogue;
    let c = &cat.centres[i];
    let model = c.centre;
    let url = urls::centre(&c.slug);
    let data = CentreView {
        nom: &model.nom,
        federation: Lien {
            texte: model.federation.nom().into(),
            url: urls::federation(*model.federation),
        },
        methode: model.methode.sigle(),
        methode_explication: model.methode.explication(),
        methode_nom: model.methode.en_toutes_lettres(),
        presentation: model.presentation.as_ref().map(|p| markdown::to_html(p, 3)),
        site_web: model.site_web.as_ref().map(|s| s.as_str()),
        telephone: views::telephone(model.telephone.as_ref().map(|t| t.as_str())),
        courriel: model.courriel.as_ref().map(|c| c.as_str()),
        lieux: c
            .lieux
            .iter()
            .map(|&l| views::lieu_carte(cat, l, None))
            .collect(),
        filieres: c
            .filieres
            .iter()
            .map(|&f| views::filiere_proche(env, f, None))
            .collect::<Result<_, _>>()?,
        signaler: env.config.lien_fichier(env.sources.path(model.fichier)),
    };
    let description = model
        .presentation
        .as_ref()
        .map(|p| markdown::plain_text(p, 150))
        .unwrap_or_else(|| {
            format!(
                "{} : centre d'insertion socioprofessionnelle.",
                model.nom.value
            )
        });
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": model.nom.value,
        "url": format!("{}{url}", env.config.base_url),
        "description": description,
        "telephone": model.telephone.as_ref().map(|t| t.value.clone()),
        "email": model.courriel.as_ref().map(|t| t.value.clone()),
        "sameAs": model.site_web.as_ref().map(|t| t.value.clone()),
        "location": c.lieux.iter().map(|&l| {
            let l = &cat.lieux[l];
            json!({"@type": "Place", "name": l.lieu.nom.value,
                   "address": jsonld::postal_address(&l.lieu.rue, l.lieu.code_postal.trim(), &l.lieu.localite)})
        }).collect::<Vec<_>>(),
    });
    let meta = PageMeta::new(env.config, &url, model.nom.value.clone(), description)
        .fil(vec![
            accueil_lien(),
            Lien {
                texte: model.federation.sigle().into(),
                url: urls::federation(*model.federation),
            },
        ])
        .jsonld(&ld);
    Ok(rendu(url, "centre.html", meta, data))
}

#[derive(Serialize)]
struct CommuneView<'a> {
    nom: &'a str,
    province: &'a str,
    bassin: Option<Lien>,
    lieux: Vec<LieuProche<'a>>,
    autres: usize,
    recherche: String,
    rayon_km: f64,
}

/// A place on a municipality page: its distance, and its card rendered once per build
/// (`carte-lieu.html`, see [`super::cartes`]).
#[derive(Serialize)]
struct LieuProche<'a> {
    distance: String,
    corps: &'a str,
}

pub fn commune(env: &Env, i: usize) -> Result<Rendu, RenderError> {
    let cat = env.catalogue;
    let c = &cat.communes[i];
    let url = urls::commune(&c.slug);
    let data = CommuneView {
        nom: &c.commune.nom,
        province: &c.commune.province,
        bassin: cat.refdata.bassin(&c.commune.bassin).map(|b| Lien {
            texte: b.nom.clone(),
            url: urls::bassin(&b.id),
        }),
        lieux: c
            .lieux
            .iter()
            .map(|p| {
                Ok(LieuProche {
                    distance: views::distance(p.km),
                    corps: env.cartes.lieu(cat, p.id)?,
                })
            })
            .collect::<Result<_, RenderError>>()?,
        autres: c.autres,
        recherche: format!("/recherche/?ou={}", crate::text::slugify(&c.commune.nom)),
        rayon_km: crate::resolve::RAYON_COMMUNE_KM,
    };
    let n = c.lieux.len();
    let meta = PageMeta::new(
        env.config,
        &url,
        format!("Formations près {}", format::de_nom(&c.commune.nom)),
        format!("Les {n} lieux de formation CISP les plus proches {}, du plus proche au plus loin, avec la gare la plus proche.", format::de_nom(&c.commune.nom)),
    )
    .fil(vec![accueil_lien(), Lien { texte: "Communes".into(), url: "/communes/".into() }]);
    Ok(rendu(url, "commune.html", meta, data))
}

#[derive(Serialize)]
struct ContenuView {
    html: String,
    date: Option<String>,
    date_iso: Option<String>,
}

pub fn contenu(env: &Env, page: &ContentPage, url: String, fil: Vec<Lien>) -> Rendu {
    let description = if page.front.description.is_empty() {
        markdown::plain_text(&page.markdown, 150)
    } else {
        page.front.description.clone()
    };
    let mut meta = PageMeta::new(env.config, &url, page.front.title.clone(), description).fil(fil);
    if page.front.date.is_some() {
        meta.og_type = "article";
    }
    let data = ContenuView {
        html: markdown::to_html(&page.markdown, 1),
        date: page.front.date.map(|d| format::date(d.0)),
        date_iso: page.front.date.map(|d| d.to_string()),
    };
    rendu(url, "page.html", meta, data)
}
