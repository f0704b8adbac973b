//! The pages of a build as jobs: which builder makes each page, and running them in
//! parallel into the sink.

use rayon::prelude::*;

use super::cache::render_one;
use super::{
    Env, RenderCache, RenderError, Theme, conseillers, listes, metiers, pages, recherche,
    tera_message, views,
};
use crate::model::{Categorie, Federation, Secteur};
use crate::resolve::Catalogue;
use crate::site::{Sink, urls};

pub(super) enum Job<'c> {
    Accueil,
    Formations,
    Communes,
    Metiers,
    Actualites,
    Introuvable,
    Filiere(usize),
    Lieu(usize),
    Centre(usize),
    Commune(usize),
    Categorie(Categorie),
    Secteur(Secteur),
    Federation(Federation),
    Page(&'c crate::content::Page),
    Actualite(&'c crate::content::Page),
    Bassins,
    Metier,
    Recherche,
    Conseillers,
    Fiche(usize),
    Couverture(usize),
}

/// Every page of the full site, as jobs.
pub(super) fn toutes<'e>(env: &'e Env) -> Vec<Job<'e>> {
    let catalogue = env.catalogue;
    let content = env.content;
    let mut jobs: Vec<Job> = vec![
        Job::Accueil,
        Job::Formations,
        Job::Communes,
        Job::Metiers,
        Job::Actualites,
        Job::Introuvable,
    ];
    jobs.extend((0..catalogue.filieres.len()).map(Job::Filiere));
    jobs.extend((0..catalogue.lieux.len()).map(Job::Lieu));
    jobs.extend((0..catalogue.centres.len()).map(Job::Centre));
    jobs.extend((0..catalogue.communes.len()).map(Job::Commune));
    jobs.extend(Categorie::ALL.into_iter().map(Job::Categorie));
    jobs.extend(
        Secteur::ALL
            .into_iter()
            .filter(|s| catalogue.filieres.iter().any(|f| f.filiere.secteur == *s))
            .map(Job::Secteur),
    );
    jobs.extend(Federation::ALL.into_iter().map(Job::Federation));
    jobs.extend(content.pages.iter().map(Job::Page));
    jobs.extend(content.actualites.iter().map(Job::Actualite));
    jobs.extend([Job::Bassins, Job::Metier, Job::Recherche, Job::Conseillers]);
    jobs.extend((0..catalogue.filieres.len()).map(Job::Fiche));
    jobs.extend((0..env.couverture.themes.len()).map(Job::Couverture));
    jobs
}

/// The card of each place as municipality pages show it (`carte-lieu.html`, without the
/// distance), rendered once per build: a place is listed by some 25 municipality pages,
/// and its card was most of their render time.
pub(super) fn cartes_lieux(
    catalogue: &Catalogue,
    theme: &Theme,
) -> Result<Vec<String>, RenderError> {
    const GABARIT: &str = "carte-lieu.html";
    if !theme.a_le_gabarit(GABARIT) {
        return Err(RenderError::Template {
            page: GABARIT.into(),
            message: "le thème n'a pas ce gabarit, la carte d'un lieu sur les pages de commune : \
                      copiez themes/cisp/templates/carte-lieu.html dans le thème"
                .into(),
        });
    }
    (0..catalogue.lieux.len())
        .into_par_iter()
        .map(|i| {
            let mut context = tera::Context::new();
            context.insert("l", &views::lieu_carte(catalogue, i, None));
            theme
                .tera
                .render(GABARIT, &context)
                .map_err(|e| RenderError::Template {
                    page: format!("{GABARIT} ({})", catalogue.lieux[i].slug),
                    message: tera_message(&e),
                })
        })
        .collect()
}

fn build(env: &Env, job: &Job) -> Vec<pages::Rendu> {
    let accueil = || views::Lien {
        texte: "Accueil".into(),
        url: "/".into(),
    };
    let one = match job {
        Job::Accueil => listes::accueil(env),
        Job::Formations => listes::formations(env),
        Job::Communes => listes::communes(env),
        Job::Metiers => metiers::metiers_index(env),
        Job::Actualites => listes::actualites(env),
        Job::Introuvable => listes::introuvable(env),
        Job::Filiere(i) => pages::filiere(env, *i),
        Job::Lieu(i) => pages::lieu(env, *i),
        Job::Centre(i) => pages::centre(env, *i),
        Job::Commune(i) => pages::commune(env, *i),
        Job::Categorie(c) => return pages::categorie(env, *c),
        Job::Secteur(s) => return pages::secteur(env, *s),
        Job::Federation(f) => return pages::federation(env, *f),
        Job::Bassins => return listes::bassins(env),
        Job::Metier => return metiers::metiers(env),
        Job::Recherche => return recherche::pages(env),
        Job::Conseillers => return conseillers::pages(env),
        Job::Fiche(i) => conseillers::fiche(env, *i),
        Job::Couverture(t) => return conseillers::couverture(env, *t),
        Job::Page(p) => pages::contenu(env, p, urls::page(&p.slug), vec![accueil()]),
        Job::Actualite(p) => pages::contenu(
            env,
            p,
            urls::actualite(&p.slug),
            vec![
                accueil(),
                views::Lien {
                    texte: "Actualités".into(),
                    url: "/actualites/".into(),
                },
            ],
        ),
    };
    vec![one]
}

/// Builds the pages of `jobs` and renders them into `sink`, in parallel, pages of one job
/// too: some jobs give hundreds of pages (every ROME code). A page's context lives from
/// its job's build to its render only: at 100× the demo, holding them all took gigabytes.
pub(super) fn render_jobs<E: From<RenderError> + Send>(
    env: &Env,
    theme: &Theme,
    cache: Option<&RenderCache>,
    jobs: &[Job],
    sink: &Sink<E>,
) -> Result<(), E> {
    jobs.par_iter()
        .flat_map(|job| build(env, job).into_par_iter())
        .try_for_each(|r| sink(render_one(env, theme, cache, r)?))
}
