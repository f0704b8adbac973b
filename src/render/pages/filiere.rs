//! The page of a track.

use serde::Serialize;
use serde_json::json;

use super::{Rendu, accueil_lien, jsonld, rendu, round5};
use crate::markdown;
use crate::render::views::{self, FiliereProche, Lien, PageMeta};
use crate::render::{Env, RenderError};
use crate::site::{format, urls};

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
    methode_nom: &'static str,
    description: String,
    public: &'a str,
    duree: String,
    horaire: String,
    temps_partiel: bool,
    soir: bool,
    entree: String,
    seances: Vec<SeanceView<'a>>,
    /// « chaque mardi à 9 h 30 »: the rhythms behind the dates, easier to remember.
    rythmes: Vec<String>,
    lieux: Vec<views::LieuCarte<'a>>,
    stage: bool,
    certification: Option<&'a str>,
    rome: Vec<RomeView<'a>>,
    contact: ContactView<'a>,
    mis_a_jour: String,
    mis_a_jour_iso: String,
    ancien: bool,
    /// « Signaler une erreur »: an e-mail to the centre, ready to write (no account, no file).
    signaler: Option<String>,
    /// The data file in the repository, for the federations that keep it.
    modifier: Option<String>,
    /// From `site.yaml`: what a trainee receives, what to bring to a session.
    avantages: &'a [String],
    a_apporter: &'a [String],
    similaires: Vec<FiliereProche<'a>>,
}

pub fn filiere(env: &Env, i: usize) -> Result<Rendu, RenderError> {
    let cat = env.catalogue;
    let f = &cat.filieres[i];
    let model = f.filiere;
    let centre = &cat.centres[f.centre];
    let url = urls::filiere(&f.slug);
    let seances: Vec<SeanceView> = f
        .seances
        .iter()
        .map(|s| {
            let lieu = cat.lieu_de_seance(i, s);
            SeanceView {
                date: format::date_longue(s.date.0),
                date_iso: s.date.to_string(),
                debut_iso: format!("{}T{}", s.date, s.heure),
                heure: format::heure(s.heure),
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
                remarque: s.remarque.map(|r| r.as_str()),
                ics: urls::seance_ics(&f.slug, &s.date.to_string(), &s.heure.to_string()),
            }
        })
        .collect();
    let mut rythmes: Vec<String> = Vec::new();
    for s in &f.seances {
        if let Some(r) = s.rythme {
            let texte = format!("{} à {}", r.en_clair(), format::heure(s.heure));
            if !rythmes.contains(&texte) {
                rythmes.push(texte);
            }
        }
    }
    let joindre = cat.contact(i);
    let courriel_centre = joindre.courriel;
    let contact = ContactView {
        nom: joindre.nom,
        telephone: views::telephone(joindre.telephone),
        courriel: joindre.courriel,
    };
    let lieux: Vec<views::LieuCarte> = f
        .lieux
        .iter()
        .map(|&l| views::LieuCarte {
            acces: Some(views::acces(&cat.lieux[l])),
            ..views::lieu_carte(cat, l, None)
        })
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
        methode_nom: centre.centre.methode.en_toutes_lettres(),
        description: markdown::to_html(&model.description, 3),
        public: &model.public,
        duree: format::duree(&model.duree),
        horaire: format::horaire(&model.horaire),
        temps_partiel: model.horaire.temps_partiel(),
        soir: model.horaire.moment.soir(),
        entree: format::entree(&model.entree, &cat.debuts_a_venir(i)),
        seances,
        rythmes,
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
        signaler: courriel_centre.map(|courriel| {
            signaler(
                &env.config.titre,
                &model.titre.value,
                &format!("{}{url}", env.config.base_url),
                courriel,
            )
        }),
        modifier: env
            .config
            .lien_fichier(env.sources.path(centre.centre.fichier)),
        avantages: &env.config.avantages,
        a_apporter: &env.config.a_apporter,
        similaires: cat
            .similaires(i)
            .iter()
            .map(|p| views::filiere_proche(env, p.id, Some(p.km)))
            .collect::<Result<_, _>>()?,
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
        format::titre_lisible(&model.titre.value),
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
    Ok(rendu(url, "filiere.html", meta, data))
}

/// A `mailto:` to the centre that says which page is wrong and leaves room to say what.
fn signaler(site: &str, titre: &str, page: &str, courriel: &str) -> String {
    use crate::render::conseillers::qr::pourcent;
    format!(
        "mailto:{courriel}?subject={}&body={}",
        pourcent(&format!("Erreur sur {site} : {titre}")),
        pourcent(&format!(
            "Bonjour,\n\nSur la page {page}, cette information n'est pas correcte :\n\n\nLa bonne information est :\n\n\nMerci."
        ))
    )
}
