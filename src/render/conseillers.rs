//! Pages for advisers (Carrefours et Cités des Métiers, Forem, CPAS), federations and
//! IBEFE:
//!
//! - `/formations/<slug>/fiche/`: a printable fiche per track — one A4 page with a QR code
//!   to the track's page, the next information session, address, contact and conditions,
//!   « valable au » the build date — and links to send it by e-mail or SMS;
//! - `/comparer/`: the shortlist kept in the browser and a comparison of up to three tracks
//!   side by side (`?f=slug1,slug2,slug3`, a shareable address), drawn by
//!   `/static/conseillers.js` from the tracks' fiches;
//! - `/couverture/` and `/couverture/<thème>/`: per category and per ROME domain, the
//!   municipalities with no matching track within 10, 25 and 50 km, computed with the
//!   R-tree of the places (one nearest-neighbour query per municipality);
//! - `/donnees/`: what the open-data files are, their fields and their licence.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::export;
use crate::markdown;
use crate::model::Categorie;
use crate::refdata::Commune;
use crate::resolve::Catalogue;
use crate::spatial::{SpatialIndex, km_pour_humains};

use super::pages::{Rendu, rendu};
use super::views::{self, Lien, PageMeta};
use super::{Env, Output, fingerprinted, format, urls};

/// The script of the advisers' tools (progressive: every page works without it).
pub const SCRIPT: &str = "/static/conseillers.js";

/// Coverage distances, in km: the classes of [`crate::map::PALETTE_COUVERTURE`].
pub const SEUILS_KM: [f64; 3] = [10.0, 25.0, 50.0];

fn accueil_lien() -> Lien {
    Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    }
}

/// The advisers' pages other than fiches, coverage themes (their own jobs, see
/// [`super::render_site`]) and open data (rendered with the files): comparison, coverage
/// index.
pub fn pages(env: &Env) -> Vec<Rendu> {
    vec![comparer(env), couverture_index(env, env.couverture())]
}

/// How many coverage themes (categories and ROME domains) have a page.
pub fn nombre_de_themes(env: &Env) -> usize {
    env.couverture().themes.len()
}

/// The coverage page of theme `t`.
pub fn couverture(env: &Env, t: usize) -> Vec<Rendu> {
    let couverture = env.couverture();
    couverture
        .themes
        .get(t)
        .map(|theme| couverture_page(env, couverture, theme))
        .into_iter()
        .collect()
}

/// Files that go with these pages: the coverage maps.
pub fn fichiers(env: &Env) -> Vec<Output> {
    let couverture = env.couverture();
    couverture
        .themes
        .par_iter()
        .map(|t| {
            let (path, svg) = carte(env, couverture, t);
            Output {
                path,
                bytes: svg.into_bytes(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Encoding for mailto: and sms: links, and the QR code
// ---------------------------------------------------------------------------------------

/// Percent-encoding of everything but RFC 3986's unreserved characters (for the query of a
/// `mailto:` or `sms:` URI: spaces as `%20`, line breaks as `%0D%0A`).
pub fn pourcent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.replace("\r\n", "\n").replace('\n', "\r\n").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Modules of quiet zone around a QR code (the standard's 4).
const QR_MARGE: usize = 4;
/// The fixed QR mask pattern (see [`qr_svg`]): 0, the checkerboard.
const QR_MASQUE: u8 = 0;

/// A QR code of `url` as inline SVG: `qrcodegen` encodes (the reference implementation,
/// 5× faster than the `qrcode` crate), error correction M, and the dark modules are drawn
/// as one path of horizontal runs. The mask is fixed: choosing the best of the eight (the
/// library's default) scores each one and took 0.35 ms per code, a quarter of the render
/// stage; every mask decodes (the test reads the drawn code back with `rqrr`), the choice
/// only spreads dark modules for damaged prints, and a fiche is printed on clean paper. One unit per
/// module, 4-module quiet zone, a class and an accessible name, no size (the stylesheet
/// sizes it). Presentation attributes only (`fill`): no `style`, so a strict CSP is fine.
pub fn qr_svg(url: &str, nom: &str) -> String {
    let segments = qrcodegen::QrSegment::make_segments(url);
    let Ok(code) = qrcodegen::QrCode::encode_segments_advanced(
        &segments,
        qrcodegen::QrCodeEcc::Medium,
        qrcodegen::Version::MIN,
        qrcodegen::Version::MAX,
        Some(qrcodegen::Mask::new(QR_MASQUE)),
        true,
    ) else {
        return String::new();
    };
    let n = code.size();
    let cote = n as usize + 2 * QR_MARGE;
    let mut d = String::with_capacity((n * n) as usize / 2);
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if code.get_module(x, y) {
                let debut = x;
                while x < n && code.get_module(x, y) {
                    x += 1;
                }
                // `M{x} {y}h{w}v1h-{w}z`, without `write!`: formatting was half the time.
                let long = (x - debut) as usize;
                d.push('M');
                entier(&mut d, debut as usize + QR_MARGE);
                d.push(' ');
                entier(&mut d, y as usize + QR_MARGE);
                d.push('h');
                entier(&mut d, long);
                d.push_str("v1h-");
                entier(&mut d, long);
                d.push('z');
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {cote} {cote}\" shape-rendering=\"crispEdges\"><rect width=\"{cote}\" height=\"{cote}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>",
        super::feeds::xml(nom)
    )
}

/// Appends the decimal digits of `n`.
fn entier(out: &mut String, n: usize) {
    if n >= 10 {
        entier(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

// ---------------------------------------------------------------------------------------
// Printable fiche
// ---------------------------------------------------------------------------------------

/// How many sessions and places a fiche shows (the rest: « et N autres »).
const SEANCES_FICHE: usize = 3;
const LIEUX_FICHE: usize = 3;

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
    let url = export::url_fiche(&f.slug);

    let seances: Vec<SeanceFiche> = f
        .seances
        .iter()
        .take(SEANCES_FICHE)
        .map(|s| {
            let lieu = export::lieu_de_seance(cat, i, s).map(|l| &cat.lieux[l]);
            SeanceFiche {
                date: format::date_longue(s.date.0),
                date_iso: s.date.value.to_string(),
                heure: format::heure(s.heure.value),
                lieu: lieu.map(|l| l.lieu.nom.value.clone()),
                adresse: lieu.map(|l| {
                    format!(
                        "{}, {} {}",
                        l.lieu.rue.value,
                        l.lieu.code_postal.trim(),
                        l.lieu.localite.value
                    )
                }),
                remarque: s.remarque.as_ref().map(|r| r.value.clone()),
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

    let contact = m.contact.as_ref();
    let telephone = views::telephone(
        contact
            .and_then(|c| c.telephone.as_ref())
            .or(centre.centre.telephone.as_ref())
            .map(|t| t.as_str()),
    );
    let courriel = contact
        .and_then(|c| c.courriel.as_ref())
        .or(centre.centre.courriel.as_ref())
        .map(|c| c.value.trim().to_string());

    // The message an adviser sends: short, the next session first, then the link.
    let prochaine = f.seances.first().map(|s| {
        let lieu = export::lieu_de_seance(cat, i, s).map(|l| &cat.lieux[l]);
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
            format::heure(s.heure.value)
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
        contact_nom: contact.and_then(|c| c.nom.as_ref()).map(|n| n.as_str()),
        telephone,
        courriel,
        public: markdown::truncate_words(m.public.trim(), 320),
        resume: markdown::plain_text(&m.description, 420),
        duree: format::duree(&m.duree),
        horaire: format::horaire(&m.horaire),
        entree: format::entree(&m.entree, cat.today),
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
    script: &'static str,
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
        ComparerView {
            script: SCRIPT,
            max: 3,
        },
    )
}

// ---------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------

/// A set of tracks whose coverage is mapped: a category or a ROME domain.
pub struct Theme {
    pub slug: String,
    pub titre: String,
    /// « Catégorie » or « Domaine ROME ».
    pub genre: &'static str,
    pub filieres: Vec<usize>,
    /// Main domain of a ROME domain, for the index.
    pub grand_domaine: Option<String>,
}

/// One municipality and its nearest matching place.
pub struct Distance {
    pub commune: usize,
    pub km: f64,
    pub lieu: Option<usize>,
}

/// The French-speaking municipalities and the themes.
pub struct Couverture<'c> {
    pub communes: Vec<&'c Commune>,
    pub themes: Vec<Theme>,
}

impl<'c> Couverture<'c> {
    pub fn new(cat: &'c Catalogue) -> Couverture<'c> {
        let communes: Vec<&Commune> = cat
            .refdata
            .communes
            .iter()
            .filter(|c| c.francophone)
            .collect();
        let mut themes: Vec<Theme> = Categorie::ALL
            .iter()
            .map(|&c| Theme {
                slug: c.slug().into(),
                titre: c.nom().into(),
                genre: "Catégorie",
                filieres: (0..cat.filieres.len())
                    .filter(|&f| cat.filieres[f].filiere.categorie == c)
                    .collect(),
                grand_domaine: None,
            })
            .filter(|t| !t.filieres.is_empty())
            .collect();
        let mut domaines: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (code, filieres) in super::listes::codes_rome(cat) {
            if let Some(fiche) = cat.refdata.rome.fiche(code) {
                domaines
                    .entry(fiche.domaine.as_str())
                    .or_default()
                    .extend(filieres);
            }
        }
        for (code, filieres) in domaines {
            let Some(d) = cat.refdata.rome.domaine(code) else {
                continue;
            };
            themes.push(Theme {
                slug: format!("rome-{}", code.to_ascii_lowercase()),
                titre: format!("{} {}", d.code, d.libelle),
                genre: "Domaine ROME",
                filieres: filieres.into_iter().collect(),
                grand_domaine: Some(d.grand_domaine.clone()),
            });
        }
        Couverture { communes, themes }
    }

    /// For each municipality, the nearest place giving one of the theme's tracks: one
    /// R-tree of those places, one nearest-neighbour query per municipality.
    pub fn distances(&self, cat: &Catalogue, theme: &Theme) -> Vec<Distance> {
        let lieux: BTreeSet<usize> = theme
            .filieres
            .iter()
            .flat_map(|&f| cat.filieres[f].lieux.iter().copied())
            .collect();
        let index = SpatialIndex::new(lieux.into_iter().map(|l| (l, cat.lieux[l].point)));
        self.communes
            .iter()
            .enumerate()
            .map(|(i, c)| match index.nearest_one(c.point) {
                Some(hit) => Distance {
                    commune: i,
                    km: hit.km,
                    lieu: Some(hit.id),
                },
                None => Distance {
                    commune: i,
                    km: f64::INFINITY,
                    lieu: None,
                },
            })
            .collect()
    }
}

/// 0: within 10 km, 1: within 25 km, 2: within 50 km, 3: further.
pub fn classe(km: f64) -> usize {
    SEUILS_KM
        .iter()
        .position(|&s| km <= s)
        .unwrap_or(SEUILS_KM.len())
}

fn url_couverture(slug: &str) -> String {
    format!("/couverture/{slug}/")
}

/// The coverage map of a theme: (output path, SVG).
fn carte(env: &Env, couverture: &Couverture, theme: &Theme) -> (String, String) {
    let distances = couverture.distances(env.catalogue, theme);
    let classes: BTreeMap<String, &str> = distances
        .iter()
        .map(|d| {
            (
                couverture.communes[d.commune].nis.clone(),
                crate::map::PALETTE_COUVERTURE[classe(d.km)].0,
            )
        })
        .collect();
    let svg = crate::map::carte_couverture(
        env.catalogue.refdata,
        &classes,
        &format!(
            "Distance de chaque commune à la formation la plus proche : {}",
            theme.titre
        ),
    );
    let path = fingerprinted(
        &format!("couverture/{}/carte.svg", theme.slug),
        svg.as_bytes(),
    );
    (path, svg)
}

#[derive(Serialize)]
struct Legende {
    classe: &'static str,
    texte: &'static str,
    nombre: usize,
}

const TEXTES_CLASSES: [&str; 4] = [
    "à 10 km ou moins",
    "de 10 à 25 km",
    "de 25 à 50 km",
    "à plus de 50 km",
];

#[derive(Serialize)]
struct LigneBassin {
    nom: String,
    url: Option<String>,
    communes: usize,
    classes: [usize; 4],
}

#[derive(Serialize)]
struct LigneCommune {
    nom: String,
    bassin: String,
    distance: String,
}

#[derive(Serialize)]
struct GroupeCommunes {
    titre: &'static str,
    classe: &'static str,
    communes: Vec<LigneCommune>,
}

#[derive(Serialize)]
struct CouvertureView {
    index: bool,
    genre: &'static str,
    titre: String,
    filieres: usize,
    lieux: usize,
    communes: usize,
    carte: String,
    legende: Vec<Legende>,
    bassins: Vec<LigneBassin>,
    groupes: Vec<GroupeCommunes>,
    liste: Option<Lien>,
}

fn couverture_page(env: &Env, couverture: &Couverture, theme: &Theme) -> Rendu {
    let cat = env.catalogue;
    let url = url_couverture(&theme.slug);
    let distances = couverture.distances(cat, theme);
    let lieux: BTreeSet<usize> = theme
        .filieres
        .iter()
        .flat_map(|&f| cat.filieres[f].lieux.iter().copied())
        .collect();

    let mut comptes = [0usize; 4];
    for d in &distances {
        comptes[classe(d.km)] += 1;
    }
    let legende = (0..4)
        .map(|k| Legende {
            classe: crate::map::PALETTE_COUVERTURE[k].0,
            texte: TEXTES_CLASSES[k],
            nombre: comptes[k],
        })
        .collect();

    let avec_page: BTreeSet<String> = super::listes::bassins_avec_filieres(cat)
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let bassins = cat
        .refdata
        .bassins
        .iter()
        .filter_map(|b| {
            let mut classes = [0usize; 4];
            let mut n = 0;
            for d in distances
                .iter()
                .filter(|d| couverture.communes[d.commune].bassin == b.id)
            {
                classes[classe(d.km)] += 1;
                n += 1;
            }
            (n > 0).then(|| LigneBassin {
                nom: b.nom.clone(),
                url: avec_page.contains(&b.id).then(|| urls::bassin(&b.id)),
                communes: n,
                classes,
            })
        })
        .collect();

    let mut loin: Vec<&Distance> = distances.iter().filter(|d| classe(d.km) > 0).collect();
    loin.sort_by(|a, b| {
        b.km.total_cmp(&a.km).then_with(|| {
            crate::text::fold(&couverture.communes[a.commune].nom)
                .cmp(&crate::text::fold(&couverture.communes[b.commune].nom))
        })
    });
    let groupes = (1..4)
        .rev()
        .map(|k| GroupeCommunes {
            titre: TEXTES_CLASSES[k],
            classe: crate::map::PALETTE_COUVERTURE[k].0,
            communes: loin
                .iter()
                .filter(|d| classe(d.km) == k)
                .map(|d| {
                    let c = couverture.communes[d.commune];
                    LigneCommune {
                        nom: c.nom.clone(),
                        bassin: cat
                            .refdata
                            .bassin(&c.bassin)
                            .map_or_else(String::new, |b| b.nom.clone()),
                        distance: if d.km.is_finite() {
                            km_pour_humains(d.km)
                        } else {
                            "—".into()
                        },
                    }
                })
                .collect(),
        })
        .filter(|g| !g.communes.is_empty())
        .collect();

    let liste = match theme.grand_domaine {
        None => Categorie::ALL
            .iter()
            .find(|c| c.slug() == theme.slug)
            .map(|&c| Lien {
                texte: format!("Les formations « {} »", c.nom()),
                url: urls::categorie(c),
            }),
        Some(_) => None,
    };
    let (carte_path, _) = carte(env, couverture, theme);
    let data = CouvertureView {
        index: false,
        genre: theme.genre,
        titre: theme.titre.clone(),
        filieres: theme.filieres.len(),
        lieux: lieux.len(),
        communes: couverture.communes.len(),
        carte: format!("/{carte_path}"),
        legende,
        bassins,
        groupes,
        liste,
    };
    let meta = PageMeta::new(
        env.config,
        &url,
        format!("Couverture : {}", theme.titre),
        format!(
            "Les communes de Wallonie sans formation CISP « {} » à moins de 10, 25 et 50 km, sur une carte et dans un tableau.",
            theme.titre
        ),
    )
    .fil(vec![accueil_lien(), Lien { texte: "Couverture".into(), url: "/couverture/".into() }]);
    rendu(url, "couverture.html", meta, data)
}

#[derive(Serialize)]
struct ThemeLien {
    texte: String,
    url: String,
    filieres: usize,
    /// Municipalities further than 25 km.
    loin: usize,
}

#[derive(Serialize)]
struct GrandDomaineCouverture {
    titre: String,
    themes: Vec<ThemeLien>,
}

#[derive(Serialize)]
struct CouvertureIndexView {
    index: bool,
    categories: Vec<ThemeLien>,
    domaines: Vec<GrandDomaineCouverture>,
    communes: usize,
}

fn couverture_index(env: &Env, couverture: &Couverture) -> Rendu {
    let cat = env.catalogue;
    let lien = |t: &Theme| ThemeLien {
        texte: t.titre.clone(),
        url: url_couverture(&t.slug),
        filieres: t.filieres.len(),
        loin: couverture
            .distances(cat, t)
            .iter()
            .filter(|d| classe(d.km) >= 2)
            .count(),
    };
    let categories = couverture
        .themes
        .iter()
        .filter(|t| t.grand_domaine.is_none())
        .map(lien)
        .collect();
    let mut grands: BTreeMap<&str, Vec<ThemeLien>> = BTreeMap::new();
    for t in couverture.themes.iter() {
        if let Some(g) = &t.grand_domaine {
            grands.entry(g.as_str()).or_default().push(lien(t));
        }
    }
    let domaines = grands
        .into_iter()
        .map(|(g, themes)| GrandDomaineCouverture {
            titre: cat.refdata.rome.grand_domaine(g).map_or_else(
                || g.to_string(),
                |gd| format!("{} — {}", gd.code, gd.libelle),
            ),
            themes,
        })
        .collect();
    let meta = PageMeta::new(
        env.config,
        "/couverture/",
        "Couverture du territoire",
        "Pour chaque catégorie et chaque domaine métier, les communes de Wallonie sans formation CISP à moins de 10, 25 et 50 km.",
    )
    .fil(vec![accueil_lien()]);
    rendu(
        "/couverture/".into(),
        "couverture.html",
        meta,
        CouvertureIndexView {
            index: true,
            categories,
            domaines,
            communes: couverture.communes.len(),
        },
    )
}

// ---------------------------------------------------------------------------------------
// The open-data page
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Champ {
    nom: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct Fichier {
    nom: String,
    url: String,
    taille: String,
}

#[derive(Serialize)]
struct DonneesView {
    catalogue: Fichier,
    schema: Fichier,
    geojson: Fichier,
    csv: Fichier,
    ics: Fichier,
    bassins: Vec<Fichier>,
    colonnes: Vec<Champ>,
    proprietes: Vec<Champ>,
    filieres: usize,
    lignes: usize,
    lieux: usize,
    seances: usize,
    date: String,
    date_iso: String,
    base_url: String,
}

/// « 12 Ko », « 1,2 Mo ».
pub fn taille(octets: usize) -> String {
    if octets < 1000 {
        format!("{octets} octets")
    } else if octets < 1_000_000 {
        format!("{} Ko", octets.div_ceil(1000))
    } else {
        format!("{:.1} Mo", octets as f64 / 1e6).replace('.', ",")
    }
}

fn fichier(url: &str, octets: usize) -> Fichier {
    Fichier {
        nom: url.rsplit('/').next().unwrap_or(url).to_string(),
        url: url.to_string(),
        taille: taille(octets),
    }
}

/// The open-data page, from the files [`export::outputs`] wrote.
pub fn donnees(env: &Env, publies: &export::Publies) -> Rendu {
    let cat = env.catalogue;
    let base = env.config.base_url.as_str();
    let seances: usize = cat.filieres.iter().map(|f| f.seances.len()).sum();
    let bassins = publies
        .bassins
        .iter()
        .map(|(id, nom, octets)| {
            let mut f = fichier(&export::url_csv_bassin(id), *octets);
            f.nom = nom.clone();
            f
        })
        .collect();
    let data = DonneesView {
        catalogue: fichier(export::URL_CATALOGUE, publies.catalogue),
        schema: fichier(export::URL_SCHEMA, publies.schema),
        geojson: fichier(export::URL_GEOJSON, publies.geojson),
        csv: fichier(export::URL_CSV, publies.csv),
        ics: fichier(export::URL_ICS, publies.ics),
        bassins,
        colonnes: export::COLONNES_CSV
            .iter()
            .map(|&(nom, description)| Champ { nom, description })
            .collect(),
        proprietes: export::PROPRIETES_GEOJSON
            .iter()
            .map(|&(nom, description)| Champ { nom, description })
            .collect(),
        filieres: cat.filieres.len(),
        lignes: publies.lignes,
        lieux: cat.lieux.len(),
        seances,
        date: format::date(cat.today),
        date_iso: cat.today.to_string(),
        base_url: base.to_string(),
    };
    let meta = PageMeta::new(
        env.config,
        "/donnees/",
        "Données ouvertes",
        "Tout le catalogue des formations CISP en fichiers ouverts (JSON, GeoJSON, CSV pour Excel, agenda ICS), sous licence CC BY 4.0.",
    )
    .fil(vec![accueil_lien()]);
    rendu("/donnees/".into(), "donnees.html", meta, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodage_des_liens() {
        assert_eq!(pourcent("a b"), "a%20b");
        assert_eq!(pourcent("é"), "%C3%A9");
        assert_eq!(pourcent("x\ny"), "x%0D%0Ay");
        assert_eq!(
            pourcent("https://cisp.be/f/"),
            "https%3A%2F%2Fcisp.be%2Ff%2F"
        );
        assert_eq!(pourcent("a&b=c?"), "a%26b%3Dc%3F");
    }

    #[test]
    fn classes_de_distance() {
        assert_eq!(classe(0.0), 0);
        assert_eq!(classe(10.0), 0);
        assert_eq!(classe(10.1), 1);
        assert_eq!(classe(25.0), 1);
        assert_eq!(classe(49.0), 2);
        assert_eq!(classe(50.5), 3);
        assert_eq!(classe(f64::INFINITY), 3);
    }

    #[test]
    fn qr_sans_style() {
        let svg = qr_svg("https://cisp.be/formations/x/", "Code QR");
        assert!(
            svg.starts_with("<svg class=\"qr\" role=\"img\" aria-label=\"Code QR\""),
            "{svg}"
        );
        assert!(svg.contains("viewBox=\"0 0 "));
        // Decoded back by an independent reader (rqrr) from the drawn runs, the code
        // says the address.
        let cote: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        let mut sombre = vec![false; cote * cote];
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let nombres: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let (x, y, long) = (nombres[0], nombres[1], nombres[2]);
            for i in x..x + long {
                sombre[y * cote + i] = true;
            }
        }
        const PX: usize = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(cote * PX, cote * PX, |x, y| {
                if sombre[(y / PX) * cote + x / PX] {
                    0
                } else {
                    255
                }
            });
        let grilles = image.detect_grids();
        assert_eq!(grilles.len(), 1);
        let (_, texte) = grilles[0].decode().unwrap();
        assert_eq!(texte, "https://cisp.be/formations/x/");
        assert!(!svg.contains("style"));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn tailles() {
        assert_eq!(taille(12), "12 octets");
        assert_eq!(taille(12_345), "13 Ko");
        assert_eq!(taille(1_234_567), "1,2 Mo");
    }
}
