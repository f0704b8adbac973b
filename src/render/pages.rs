//! One function per kind of page: its URL, its template and its context.

use serde::Serialize;
use serde_json::json;
use tera::Context;

use crate::content::Page as ContentPage;
use crate::markdown;
use crate::model::{Categorie, Federation, Secteur};
use crate::resolve::Catalogue;

use super::Env;
use super::format;
use super::jsonld;
use super::urls;
use super::views::{self, FiliereCarte, Lien, PageMeta};

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

fn accueil_lien() -> Lien {
    Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    }
}

#[derive(Serialize)]
struct SeanceView<'a> {
    date: String,
    date_iso: String,
    /// `2026-12-03T09:30` for `<time datetime>`.
    debut_iso: String,
    heure: String,
    lieu: Option<Lien>,
    adresse: Option<String>,
    remarque: Option<&'a str>,
    ics: String,
}

#[derive(Serialize)]
struct RomeView<'a> {
    code: &'a str,
    libelle: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ContactView<'a> {
    nom: Option<&'a str>,
    telephone: Option<views::Telephone>,
    courriel: Option<&'a str>,
}

#[derive(Serialize)]
struct FiliereView<'a> {
    titre: &'a str,
    categorie: views::CategorieView,
    secteur: views::SecteurView,
    centre: Lien,
    federation: Lien,
    methode: &'static str,
    methode_explication: &'static str,
    description: String,
    public: &'a str,
    duree: String,
    horaire: String,
    temps_partiel: bool,
    soir: bool,
    entree: String,
    seances: Vec<SeanceView<'a>>,
    lieux: Vec<views::LieuCarte<'a>>,
    stage: bool,
    certification: Option<&'a str>,
    rome: Vec<RomeView<'a>>,
    contact: ContactView<'a>,
    mis_a_jour: String,
    mis_a_jour_iso: String,
    ancien: bool,
    signaler: Option<String>,
    similaires: Vec<FiliereCarte<'a>>,
}

pub fn filiere(env: &Env, i: usize) -> Rendu {
    let cat = env.catalogue;
    let f = &cat.filieres[i];
    let model = f.filiere;
    let centre = &cat.centres[f.centre];
    let url = urls::filiere(&f.slug);
    let seances: Vec<SeanceView> = f
        .seances
        .iter()
        .map(|s| {
            let lieu = s
                .lieu
                .as_ref()
                .and_then(|id| {
                    centre
                        .lieux
                        .iter()
                        .copied()
                        .find(|&l| cat.lieux[l].lieu.id.as_str() == id.as_str())
                })
                .or_else(|| f.lieux.first().copied());
            SeanceView {
                date: format::date_longue(s.date.0),
                date_iso: s.date.value.to_string(),
                debut_iso: format!("{}T{}", s.date.value, s.heure.value),
                heure: format::heure(s.heure.value),
                lieu: lieu.map(|l| Lien {
                    texte: cat.lieux[l].lieu.nom.value.clone(),
                    url: urls::lieu(&cat.lieux[l].slug),
                }),
                adresse: lieu.map(|l| {
                    let l = &cat.lieux[l];
                    format!(
                        "{}, {} {}",
                        l.lieu.rue.value,
                        l.lieu.code_postal.trim(),
                        l.lieu.localite.value
                    )
                }),
                remarque: s.remarque.as_ref().map(|r| r.as_str()),
                ics: urls::seance_ics(
                    &f.slug,
                    &s.date.value.to_string(),
                    &s.heure.value.to_string(),
                ),
            }
        })
        .collect();
    let contact = model.contact.as_ref();
    let contact = ContactView {
        nom: contact.and_then(|c| c.nom.as_ref()).map(|n| n.as_str()),
        telephone: views::telephone(
            contact
                .and_then(|c| c.telephone.as_ref())
                .or(centre.centre.telephone.as_ref())
                .map(|t| t.as_str()),
        ),
        courriel: contact
            .and_then(|c| c.courriel.as_ref())
            .or(centre.centre.courriel.as_ref())
            .map(|c| c.as_str()),
    };
    let lieux: Vec<views::LieuCarte> = f
        .lieux
        .iter()
        .map(|&l| views::lieu_carte(cat, l, None))
        .collect();
    let description = markdown::plain_text(&model.description, 150);
    let meta_description = format!(
        "{} à {} — {}",
        model.titre.value,
        lieux.first().map_or("", |l| l.adresse.commune),
        description
    );
    let data = FiliereView {
        titre: &model.titre,
        categorie: views::categorie(model.categorie),
        secteur: views::secteur(model.secteur),
        centre: Lien {
            texte: centre.centre.nom.value.clone(),
            url: urls::centre(&centre.slug),
        },
        federation: Lien {
            texte: centre.centre.federation.nom().into(),
            url: urls::federation(*centre.centre.federation),
        },
        methode: centre.centre.methode.sigle(),
        methode_explication: centre.centre.methode.explication(),
        description: markdown::to_html(&model.description, 3),
        public: &model.public,
        duree: format::duree(&model.duree),
        horaire: format::horaire(&model.horaire),
        temps_partiel: model.horaire.temps_partiel(),
        soir: model.horaire.moment.soir(),
        entree: format::entree(&model.entree, cat.today),
        seances,
        lieux,
        stage: model.stage,
        certification: model.certification.as_ref().map(|c| c.as_str()),
        rome: model
            .rome
            .iter()
            .filter_map(|code| cat.refdata.rome.fiche(code.trim()))
            .map(|fiche| RomeView {
                code: &fiche.code,
                libelle: &fiche.libelle,
                url: urls::metier(&fiche.code),
            })
            .collect(),
        contact,
        mis_a_jour: format::anciennete(model.mis_a_jour.0, cat.today),
        mis_a_jour_iso: model.mis_a_jour.value.to_string(),
        ancien: format::mois_depuis(model.mis_a_jour.0, cat.today) >= 12,
        signaler: env
            .config
            .lien_fichier(env.sources.path(centre.centre.fichier)),
        similaires: f
            .similaires
            .iter()
            .map(|p| views::filiere_carte(cat, p.id, Some(p.km)))
            .collect(),
    };
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Course",
        "name": model.titre.value,
        "description": description,
        "url": format!("{}{url}", env.config.base_url),
        "inLanguage": "fr",
        "isAccessibleForFree": true,
        "provider": {
            "@type": "EducationalOrganization",
            "name": centre.centre.nom.value,
            "url": format!("{}{}", env.config.base_url, urls::centre(&centre.slug)),
        },
        "hasCourseInstance": f.lieux.iter().map(|&l| {
            let l = &cat.lieux[l];
            json!({
                "@type": "CourseInstance",
                "courseMode": "onsite",
                "location": {
                    "@type": "Place",
                    "name": l.lieu.nom.value,
                    "address": jsonld::postal_address(&l.lieu.rue, l.lieu.code_postal.trim(), &l.lieu.localite),
                    "geo": {"@type": "GeoCoordinates", "latitude": round5(l.point.y()), "longitude": round5(l.point.x())},
                }
            })
        }).collect::<Vec<_>>(),
    });
    let meta = PageMeta::new(
        env.config,
        &url,
        model.titre.value.clone(),
        meta_description,
    )
    .fil(vec![
        accueil_lien(),
        Lien {
            texte: model.categorie.nom().into(),
            url: urls::categorie(model.categorie),
        },
    ])
    .jsonld(&ld);
    rendu(url, "filiere.html", meta, data)
}

fn round5(x: f64) -> f64 {
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
    filieres: Vec<FiliereCarte<'a>>,
}

pub fn lieu(env: &Env, i: usize) -> Rendu {
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
        itineraire: format!("https://www.openstreetmap.org/directions?to={lat:.5}%2C{lon:.5}"),
        fauteuil_roulant: acces.and_then(|a| a.fauteuil_roulant),
        transports: acces
            .and_then(|a| a.transports.as_ref())
            .map(|t| t.as_str()),
        telephone: views::telephone(centre.centre.telephone.as_ref().map(|t| t.as_str())),
        courriel: centre.centre.courriel.as_ref().map(|c| c.as_str()),
        filieres: l
            .filieres
            .iter()
            .map(|&f| views::filiere_carte(cat, f, None))
            .collect(),
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
    rendu(url, "lieu.html", meta, data)
}

#[derive(Serialize)]
struct CentreView<'a> {
    nom: &'a str,
    federation: Lien,
    methode: &'static str,
    methode_explication: &'static str,
    presentation: Option<String>,
    site_web: Option<&'a str>,
    telephone: Option<views::Telephone>,
    courriel: Option<&'a str>,
    lieux: Vec<views::LieuCarte<'a>>,
    filieres: Vec<FiliereCarte<'a>>,
    signaler: Option<String>,
}

pub fn centre(env: &Env, i: usize) -> Rendu {
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
            .map(|&f| views::filiere_carte(cat, f, None))
            .collect(),
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
    rendu(url, "centre.html", meta, data)
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
/// (`carte-lieu.html`, see [`super::cartes_lieux`]).
#[derive(Serialize)]
struct LieuProche<'a> {
    distance: String,
    corps: &'a str,
}

pub fn commune(env: &Env, i: usize) -> Rendu {
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
            .map(|p| LieuProche {
                distance: views::distance(p.km),
                corps: env.cartes_lieux.get(p.id).map_or("", String::as_str),
            })
            .collect(),
        autres: c.autres,
        recherche: format!("/recherche/?ou={}", crate::text::slugify(&c.commune.nom)),
        rayon_km: crate::resolve::RAYON_COMMUNE_KM,
    };
    let n = c.lieux.len();
    let meta = PageMeta::new(
        env.config,
        &url,
        format!("Formations près de {}", c.commune.nom),
        format!("Les {n} lieux de formation CISP les plus proches de {}, du plus proche au plus loin, avec la gare la plus proche.", c.commune.nom),
    )
    .fil(vec![accueil_lien(), Lien { texte: "Communes".into(), url: "/communes/".into() }]);
    rendu(url, "commune.html", meta, data)
}

#[derive(Serialize)]
struct ListeView<'a> {
    titre: String,
    intro: Option<String>,
    groupes: Vec<Groupe<'a>>,
    total: usize,
    pagination: Option<Pagination>,
}

/// Long lists are cut in pages so that no page is heavy on a phone.
pub const CARTES_PAR_PAGE: usize = 60;

#[derive(Serialize)]
struct Pagination {
    page: usize,
    pages: usize,
    precedente: Option<String>,
    suivante: Option<String>,
    liens: Vec<Lien>,
}

fn url_page(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

#[derive(Serialize)]
pub struct Groupe<'a> {
    pub titre: Option<String>,
    pub filieres: Vec<FiliereCarte<'a>>,
}

/// A list of tracks, by category, sector, bassin, federation or job code, in pages of
/// [`CARTES_PAR_PAGE`] tracks (`<url>`, `<url>page/2/`, …), group titles kept.
pub fn liste<'a>(
    env: &Env<'a>,
    url: String,
    titre: String,
    intro: Option<String>,
    groupes: Vec<Groupe<'a>>,
    fil: Vec<Lien>,
) -> Vec<Rendu> {
    let total: usize = groupes.iter().map(|g| g.filieres.len()).sum();
    let pages = total.div_ceil(CARTES_PAR_PAGE).max(1);
    let mut flat = groupes.into_iter().flat_map(|g| {
        let titre = g.titre;
        g.filieres.into_iter().map(move |f| (titre.clone(), f))
    });
    (1..=pages)
        .map(|n| {
            let mut page_groups: Vec<Groupe> = Vec::new();
            for (titre_groupe, carte) in flat.by_ref().take(CARTES_PAR_PAGE) {
                match page_groups.last_mut() {
                    Some(g) if g.titre == titre_groupe => g.filieres.push(carte),
                    _ => page_groups.push(Groupe {
                        titre: titre_groupe,
                        filieres: vec![carte],
                    }),
                }
            }
            let page_url = url_page(&url, n);
            let pagination = (pages > 1).then(|| Pagination {
                page: n,
                pages,
                precedente: (n > 1).then(|| url_page(&url, n - 1)),
                suivante: (n < pages).then(|| url_page(&url, n + 1)),
                liens: (1..=pages)
                    .map(|k| Lien {
                        texte: k.to_string(),
                        url: url_page(&url, k),
                    })
                    .collect(),
            });
            let page_titre = if n > 1 {
                format!("{titre} (page {n})")
            } else {
                titre.clone()
            };
            let description = intro
                .clone()
                .unwrap_or_else(|| format!("{total} formations CISP en Wallonie : {titre}."));
            let meta = PageMeta::new(env.config, &page_url, page_titre.clone(), description)
                .fil(fil.clone());
            let data = ListeView {
                titre: page_titre,
                intro: intro.clone(),
                groupes: page_groups,
                total,
                pagination,
            };
            rendu(page_url, "liste.html", meta, data)
        })
        .collect()
}

pub fn categorie<'a>(env: &Env<'a>, c: Categorie) -> Vec<Rendu> {
    let cat = env.catalogue;
    let groupes = Secteur::ALL
        .iter()
        .filter_map(|&s| {
            let filieres: Vec<FiliereCarte> = (0..cat.filieres.len())
                .filter(|&f| {
                    cat.filieres[f].filiere.categorie == c && cat.filieres[f].filiere.secteur == s
                })
                .map(|f| views::filiere_carte(cat, f, None))
                .collect();
            (!filieres.is_empty()).then(|| Groupe {
                titre: Some(s.nom().into()),
                filieres,
            })
        })
        .collect();
    liste(
        env,
        urls::categorie(c),
        c.nom().into(),
        Some(c.explication().into()),
        groupes,
        vec![accueil_lien()],
    )
}

pub fn secteur<'a>(env: &Env<'a>, s: Secteur) -> Vec<Rendu> {
    let cat = env.catalogue;
    let filieres: Vec<usize> = (0..cat.filieres.len())
        .filter(|&f| cat.filieres[f].filiere.secteur == s)
        .collect();
    let groupes = par_categorie(cat, &filieres);
    liste(
        env,
        urls::secteur(s),
        s.nom().into(),
        None,
        groupes,
        vec![
            accueil_lien(),
            Lien {
                texte: "Formations".into(),
                url: "/formations/".into(),
            },
        ],
    )
}

pub fn federation<'a>(env: &Env<'a>, fed: Federation) -> Vec<Rendu> {
    let cat = env.catalogue;
    let filieres: Vec<usize> = (0..cat.filieres.len())
        .filter(|&f| *cat.centres[cat.filieres[f].centre].centre.federation == fed)
        .collect();
    let groupes = par_categorie(cat, &filieres);
    liste(
        env,
        urls::federation(fed),
        fed.nom().into(),
        None,
        groupes,
        vec![accueil_lien()],
    )
}

/// Groups tracks by category, in the categories' order.
pub fn par_categorie<'a>(cat: &'a Catalogue, filieres: &[usize]) -> Vec<Groupe<'a>> {
    Categorie::ALL
        .iter()
        .filter_map(|&c| {
            let cards: Vec<FiliereCarte> = filieres
                .iter()
                .filter(|&&f| cat.filieres[f].filiere.categorie == c)
                .map(|&f| views::filiere_carte(cat, f, None))
                .collect();
            (!cards.is_empty()).then(|| Groupe {
                titre: Some(c.nom().into()),
                filieres: cards,
            })
        })
        .collect()
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
