//! The coverage pages: per category and ROME domain, how far each municipality is.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::accueil_lien;
use crate::couverture::{Couverture, Distance, Theme, classe};
use crate::model::Categorie;
use crate::render::Env;
use crate::render::pages::{Rendu, rendu};
use crate::render::views::{Lien, PageMeta};
use crate::site::urls;
use crate::spatial::km_pour_humains;

// ---------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------

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

pub(super) fn couverture_page(
    env: &Env,
    couverture: &Couverture,
    t: usize,
    theme: &Theme,
) -> Rendu {
    let cat = env.catalogue;
    let url = urls::couverture(&theme.slug);
    let distances = &theme.distances;
    let lieux: BTreeSet<usize> = theme
        .filieres
        .iter()
        .flat_map(|&f| cat.filieres[f].lieux.iter().copied())
        .collect();

    let mut comptes = [0usize; 4];
    for d in distances {
        comptes[classe(d.km)] += 1;
    }
    let legende = (0..4)
        .map(|k| Legende {
            classe: crate::map::PALETTE_COUVERTURE[k].0,
            texte: TEXTES_CLASSES[k],
            nombre: comptes[k],
        })
        .collect();

    let avec_page: BTreeSet<String> = cat
        .bassins_avec_filieres()
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
    let data = CouvertureView {
        index: false,
        genre: theme.genre,
        titre: theme.titre.clone(),
        filieres: theme.filieres.len(),
        lieux: lieux.len(),
        communes: couverture.communes.len(),
        carte: env.fichiers.couverture.get(t).cloned().unwrap_or_default(),
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

pub(super) fn couverture_index(env: &Env, couverture: &Couverture) -> Rendu {
    let cat = env.catalogue;
    let lien = |t: &Theme| ThemeLien {
        texte: t.titre.clone(),
        url: urls::couverture(&t.slug),
        filieres: t.filieres.len(),
        loin: t.distances.iter().filter(|d| classe(d.km) >= 2).count(),
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
