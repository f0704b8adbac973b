//! **assemble**: the one place that orders the producers of a build, each file handed to
//! the sink as soon as it is made. First the files whose names pages link to (maps, job
//! titles; content-hashed), then the pages (`render/`) beside the feeds, calendars and
//! open data (`files/`, `opendata/`), then « Nouveautés », the headers, the schema, the
//! service worker, the theme's static files and the search indexes.
//!
//! `cispgen build` and `cispgen serve` both come here (through `pipeline::back`), with
//! different sinks: the staging folder, or the preview's memory.

use rayon::prelude::*;

use crate::couverture::Couverture;
use crate::files::{cartes, feeds, headers, metiers, sw};
use crate::nouveautes::Precedent;
use crate::render::{self, Env, Fichiers, RenderCache, RenderError, Site, Theme};
use crate::site::{Output, Sink};

/// What was assembled, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Assemble {
    /// HTML pages handed to the sink.
    pub pages: usize,
}

/// Every file of the site into `sink`; stops at the first error (a theme bug, or a file
/// the sink could not take).
pub fn assemble<E: From<RenderError> + Send>(
    site: &Site,
    theme: &Theme,
    cache: Option<&RenderCache>,
    precedent: &Precedent,
    sink: &Sink<E>,
) -> Result<Assemble, E> {
    let catalogue = site.catalogue;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let racine = site.config.racine.as_str();
    let sink = |mut o: Output| {
        if o.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        // Under a sub-path, the site paths of every page get its prefix.
        if !racine.is_empty()
            && o.path.ends_with(".html")
            && let Ok(texte) = std::str::from_utf8(&o.bytes)
        {
            o.bytes = crate::site::racine::prefixer(racine, texte).into_bytes();
        }
        sink(o)
    };

    // The files pages link to by their content-hashed names, made once.
    let couverture = Couverture::new(catalogue);
    let (wallonie, (couverture_cartes, appellations)) = rayon::join(
        || cartes::wallonie(catalogue),
        || {
            rayon::join(
                || cartes::couverture(catalogue, &couverture),
                || metiers::appellations(catalogue, racine),
            )
        },
    );
    // Site paths: the pages that link to them are prefixed on output.
    let url = |o: &Output| format!("/{}", o.path);
    let fichiers = Fichiers {
        carte_wallonie: url(&wallonie),
        couverture: couverture_cartes.iter().map(url).collect(),
        appellations: url(&appellations),
    };
    let env = Env::new(site, theme, &couverture, fichiers);
    let actifs = &env.actifs;
    let liens: Vec<String> = [
        actifs.css.clone(),
        actifs.recherche.clone(),
        actifs.conseillers.clone(),
        env.fichiers.carte_wallonie.clone(),
    ]
    .into_iter()
    .chain(site.indexes.files.iter().map(url))
    .collect();

    // The pages, and beside them every other file: a core that is done with those takes
    // pages again, so that nothing runs alone at the end.
    let (faites, autres) = rayon::join(
        || render::pages(&env, theme, cache, &sink),
        || -> Result<(), E> {
            let entrees = feeds::Entrees {
                config: site.config,
                catalogue,
                content: site.content,
            };
            feeds::all(entrees).try_for_each(&sink)?;
            let publies = crate::opendata::outputs(site.config, catalogue, &sink)?;
            sink(render::donnees(&env, theme, cache, &publies)?)?;
            couverture_cartes.into_iter().try_for_each(&sink)?;
            sink(appellations)?;
            headers::outputs(racine, &liens)
                .into_iter()
                .try_for_each(&sink)?;

            // « Nouveautés »: the previous publication's history, and what changed since
            // (issue 7, issue 17).
            let nouveautes = crate::nouveautes::nouveautes(site.config, catalogue, precedent);
            sink(render::nouveautes(site.config, theme, nouveautes.corps)?)?;
            sink(nouveautes.atom)?;
            sink(nouveautes.json)?;

            // The JSON Schema of centre files, for editors (issue 7).
            sink(Output {
                path: crate::SCHEMA_PATH.into(),
                bytes: crate::centre_schema().into_bytes(),
            })?;
            sink(sw::service_worker(
                &site.indexes.version,
                theme.fichier(render::WORKER),
            ))?;
            sink(wallonie)?;
            theme.statics().into_par_iter().try_for_each(sink)?;
            site.indexes
                .files
                .par_iter()
                .try_for_each(|f| sink(f.clone()))
        },
    );
    faites?;
    autres?;
    Ok(Assemble {
        pages: pages.into_inner(),
    })
}

/// [`assemble`] into memory, files sorted by path: for benchmarks and tests.
pub fn en_memoire(
    site: &Site,
    theme: &Theme,
    precedent: &Precedent,
) -> Result<Vec<Output>, RenderError> {
    let outputs = std::sync::Mutex::new(Vec::new());
    let sink = |o: Output| -> Result<(), RenderError> {
        if let Ok(mut v) = outputs.lock() {
            v.push(o);
        }
        Ok(())
    };
    assemble(site, theme, None, precedent, &sink)?;
    let mut outputs = outputs.into_inner().unwrap_or_default();
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}
