//! Lists of tracks: by category, sector and federation, paginated, grouped.

use serde::Serialize;

use super::{Rendu, accueil_lien, rendu};
use crate::model::{Categorie, Federation, Secteur};
use crate::render::Env;
use crate::render::views::{self, FiliereCarte, Lien, PageMeta};
use crate::resolve::Catalogue;
use crate::site::urls;

#[derive(Serialize)]
struct ListeView<'a> {
    titre: String,
    intro: Option<String>,
    /// The search filter these tracks share (`secteur=batiment`, `cat=…`, `rome=…`): the
    /// page's place box sends it along, so the results are these tracks, nearest first.
    filtre: Option<Filtre>,
    groupes: Vec<Groupe<'a>>,
    total: usize,
    pagination: Option<Pagination>,
}

/// A search parameter and its value, as /recherche/ reads them.
#[derive(Serialize, Clone)]
pub struct Filtre {
    pub nom: &'static str,
    pub valeur: String,
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
    filtre: Option<Filtre>,
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
                filtre: filtre.clone(),
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
        Some(Filtre {
            nom: "cat",
            valeur: c.slug().into(),
        }),
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
        Some(Filtre {
            nom: "secteur",
            valeur: s.slug().into(),
        }),
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
        None,
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
