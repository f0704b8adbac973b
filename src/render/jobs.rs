//! The pages of a build as jobs: which builder makes each page, and running them in
//! parallel into the sink.

use rayon::prelude::*;

use super::cache::render_one;
use super::{
    Env, RenderCache, RenderError, Theme, conseillers, listes, metiers, pages, recherche, views,
};
use crate::model::{Categorie, Federation, Secteur};
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

fn build(env: &Env, job: &Job) -> Result<Vec<pages::Rendu>, RenderError> {
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
        Job::Filiere(i) => pages::filiere(env, *i)?,
        Job::Lieu(i) => pages::lieu(env, *i)?,
        Job::Centre(i) => pages::centre(env, *i)?,
        Job::Commune(i) => pages::commune(env, *i)?,
        Job::Categorie(c) => return Ok(pages::categorie(env, *c)),
        Job::Secteur(s) => return Ok(pages::secteur(env, *s)),
        Job::Federation(f) => return Ok(pages::federation(env, *f)),
        Job::Bassins => return Ok(listes::bassins(env)),
        Job::Metier => return Ok(metiers::metiers(env)),
        Job::Recherche => return Ok(recherche::pages(env)),
        Job::Conseillers => return Ok(conseillers::pages(env)),
        Job::Fiche(i) => conseillers::fiche(env, *i),
        Job::Couverture(t) => return Ok(conseillers::couverture(env, *t)),
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
    Ok(vec![one])
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
    jobs.par_iter().try_for_each(|job| {
        build(env, job)?
            .into_par_iter()
            .try_for_each(|r| sink(render_one(env, theme, cache, r)?))
    })
}
