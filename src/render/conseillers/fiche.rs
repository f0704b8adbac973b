//! The printable fiche of a track, and the comparison page.

use std::fmt::Write as _;

use serde::Serialize;

use super::accueil_lien;
use crate::markdown;
use crate::render::Env;
use crate::render::pages::{Rendu, rendu};
use crate::render::views::{self, Lien, PageMeta};
use crate::site::urls::url_fiche;
use crate::site::{format, urls};

use super::qr::{pourcent, qr_svg};

// ---------------------------------------------------------------------------------------
// Printable fiche
// ---------------------------------------------------------------------------------------

/// How many sessions and places a fiche shows (the rest: « et N autres »).
const SEANCES_FICHE: usize = 3;
const LIEUX_FICHE: usize = 3;
/// The items of « what you learn » on the one-page fiche.
const APPRENDRE_FICHE: usize = 6;

#[derive(Serialize)]
struct SeanceFiche {
    date: String,
    date_iso: String,
    heure: String,
    lieu: Option<String>,
    adresse: Option<String>,
    remarque: Option<String>,
}

#[derive(Serialize)]
struct LieuFiche<'a> {
    nom: &'a str,
    rue: &'a str,
    code_postal: &'a str,
    localite: &'a str,
    commune: &'a str,
    gare: Option<views::GareView<'a>>,
    transports: Option<&'a str>,
}

#[derive(Serialize)]
struct FicheView<'a> {
    slug: &'a str,
    titre: &'a str,
    categorie: views::CategorieView,
    secteur: &'static str,
    centre: &'a str,
    methode: &'static str,
    /// The track's page, site-relative and absolute (printed, and in the QR code).
    page: String,
    page_absolue: String,
    qr: String,
    seances: Vec<SeanceFiche>,
    autres_seances: usize,
    lieux: Vec<LieuFiche<'a>>,
    autres_lieux: usize,
    communes: String,
    contact_nom: Option<&'a str>,
    telephone: Option<views::Telephone>,
    courriel: Option<String>,
    public: String,
    resume: String,
    /// The description's list (« what you learn »), kept on the printed page.
    apprendre: Vec<String>,
    duree: String,
    horaire: String,
    entree: String,
    stage: bool,
    certification: Option<&'a str>,
    rome: Vec<Lien>,
    valable: String,
    valable_iso: String,
    mailto: String,
    sms: String,
}

pub fn fiche(env: &Env, i: usize) -> Rendu {
    let cat = env.catalogue;
    let f = &cat.filieres[i];
    let m = f.filiere;
    let centre = &cat.centres[f.centre];
    let page = urls::filiere(&f.slug);
    let page_absolue = format!("{}{page}", env.config.base_url);
    let url = url_fiche(&f.slug);

    let seances: Vec<SeanceFiche> = f
        .seances
        .iter()
        .take(SEANCES_FICHE)
        .map(|s| {
            let lieu = cat.lieu_de_seance(i, s).map(|l| &cat.lieux[l]);
            SeanceFiche {
                date: format::date_longue(s.date.0),
                date_iso: s.date.to_string(),
                heure: format::heure(s.heure),
                lieu: lieu.map(|l| l.lieu.nom.value.clone()),
                adresse: lieu.map(|l| {
                    format!(
                        "{}, {} {}",
                        l.lieu.rue.value,
                        l.lieu.code_postal.trim(),
                        l.lieu.localite.value
                    )
                }),
                remarque: s.remarque.map(|r| r.value.clone()),
            }
        })
        .collect();
    let lieux: Vec<LieuFiche> = f
        .lieux
        .iter()
        .take(LIEUX_FICHE)
        .map(|&l| {
            let lr = &cat.lieux[l];
            LieuFiche {
                nom: &lr.lieu.nom,
                rue: &lr.lieu.rue,
                code_postal: lr.lieu.code_postal.trim(),
                localite: &lr.lieu.localite,
                commune: &lr.commune.nom,
                gare: views::gare(cat, lr),
                transports: lr
                    .lieu
                    .acces
                    .as_ref()
                    .and_then(|a| a.transports.as_ref())
                    .map(|t| t.as_str()),
            }
        })
        .collect();
    let mut communes: Vec<&str> = f
        .lieux
        .iter()
        .map(|&l| cat.lieux[l].commune.nom.as_str())
        .collect();
    communes.dedup();
    let communes = communes.join(", ");

    let joindre = cat.contact(i);
    let telephone = views::telephone(joindre.telephone);
    let courriel = joindre.courriel.map(|c| c.trim().to_string());

    // The message an adviser sends: short, the next session first, then the link.
    let prochaine = f.seances.first().map(|s| {
        let lieu = cat.lieu_de_seance(i, s).map(|l| &cat.lieux[l]);
        let ou = lieu.map_or_else(String::new, |l| {
            format!(
                ", {}, {} {}",
                l.lieu.rue.value,
                l.lieu.code_postal.trim(),
                l.lieu.localite.value
            )
        });
        format!(
            "{} à {}{ou}",
            format::date_longue(s.date.0),
            format::heure(s.heure)
        )
    });
    let tel = telephone.as_ref().map(|t| t.affiche.clone());
    let mut corps = format!(
        "Bonjour,\n\nVoici une formation gratuite qui peut vous intéresser : {} ({}, {}).\n",
        m.titre.value, centre.centre.nom.value, communes
    );
    if let Some(p) = &prochaine {
        let _ = writeln!(corps, "Prochaine séance d'information : {p}.");
    }
    if let Some(t) = &tel {
        let _ = writeln!(corps, "Téléphone du centre : {t}.");
    }
    let _ = write!(corps, "\nToutes les informations : {page_absolue}\n");
    let mailto = format!(
        "mailto:?subject={}&body={}",
        pourcent(&format!("Formation : {}", m.titre.value)),
        pourcent(&corps)
    );
    let mut sms = format!(
        "{} ({}, {}).",
        m.titre.value, centre.centre.nom.value, communes
    );
    if let Some(p) = &prochaine {
        let _ = write!(sms, " Séance d'info : {p}.");
    }
    if let Some(t) = &tel {
        let _ = write!(sms, " Tél. {t}.");
    }
    let _ = write!(sms, " {page_absolue}");
    let sms = format!("sms:?&body={}", pourcent(&sms));

    let data = FicheView {
        slug: &f.slug,
        titre: &m.titre,
        categorie: views::categorie(m.categorie),
        secteur: m.secteur.nom(),
        centre: &centre.centre.nom,
        methode: centre.centre.methode.sigle(),
        page: page.clone(),
        qr: qr_svg(
            &page_absolue,
            &format!("Code QR vers la page de la formation : {page_absolue}"),
        ),
        page_absolue,
        autres_seances: f.seances.len().saturating_sub(SEANCES_FICHE),
        seances,
        autres_lieux: f.lieux.len().saturating_sub(LIEUX_FICHE),
        lieux,
        communes,
        contact_nom: joindre.nom,
        telephone,
        courriel,
        public: markdown::truncate_words(m.public.trim(), 320),
        resume: markdown::intro(&m.description, 420),
        apprendre: markdown::list_items(&m.description, APPRENDRE_FICHE, 90),
        duree: format::duree(&m.duree),
        horaire: format::horaire(&m.horaire),
        entree: format::entree(&m.entree, &cat.debuts_a_venir(i)),
        stage: m.stage,
        certification: m.certification.as_ref().map(|c| c.as_str()),
        rome: m
            .rome
            .iter()
            .filter_map(|code| cat.refdata.rome.fiche(code.trim()))
            .map(|fiche| Lien {
                texte: format!("{} {}", fiche.code, fiche.libelle),
                url: urls::metier(&fiche.code),
            })
            .collect(),
        valable: format::date(cat.today),
        valable_iso: cat.today.to_string(),
        mailto,
        sms,
    };
    let meta = PageMeta::new(
        env.config,
        &url,
        format!("Fiche à imprimer : {}", m.titre.value),
        format!(
            "{} — {} : fiche d'une page à imprimer ou à envoyer.",
            m.titre.value, centre.centre.nom.value
        ),
    )
    .fil(vec![
        accueil_lien(),
        Lien {
            texte: m.categorie.nom().into(),
            url: urls::categorie(m.categorie),
        },
        Lien {
            texte: m.titre.value.clone(),
            url: page,
        },
    ]);
    rendu(url, "fiche.html", meta, data)
}

// ---------------------------------------------------------------------------------------
// Shortlist and comparison
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct ComparerView {
    max: usize,
}

pub fn comparer(env: &Env) -> Rendu {
    let meta = PageMeta::new(
        env.config,
        "/comparer/",
        "Ma sélection et comparaison",
        "Gardez des formations dans votre sélection et comparez-en jusqu'à trois côte à côte.",
    )
    .fil(vec![accueil_lien()]);
    rendu(
        "/comparer/".into(),
        "comparer.html",
        meta,
        ComparerView { max: 3 },
    )
}
