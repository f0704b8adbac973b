//! `cispgen`: the command line. A thin layer over the library: parse arguments, call a
//! pipeline function, print, choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use cispgen::diag::{self, Format};
use cispgen::pipeline;
use cispgen::refdata::RefData;

#[global_allocator]
static ALLOCATEUR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v3): how long freed memory stays with the
/// allocator before it goes back to the system (default 1 s, options.c). 0: at once. At 100× the
/// demo, peak memory 1,043 → 896 MiB (budget: 1 GiB); at 1×, a build takes 3 to 6 % longer
/// (freed pages are faulted in again), measured with builds of both binaries interleaved.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn rendre_la_memoire_liberee() {
    // SAFETY: sets one of mimalloc's global options, a plain integer it reads atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

#[derive(Parser)]
#[command(
    name = "cispgen",
    version,
    about = "Génère cisp.be, l'annuaire des formations CISP en Wallonie"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Vérifie toutes les données et affiche chaque problème avec sa ligne.
    Check {
        /// Racine du site (le dossier qui contient data/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Date du jour (AAAA-MM-JJ), pour juger ce qui est passé. Par défaut : aujourd'hui,
        /// ou SOURCE_DATE_EPOCH.
        #[arg(long)]
        today: Option<NaiveDate>,
        /// N'affiche que les problèmes de ces fichiers (ceux d'une demande de fusion), puis
        /// une ligne de bilan pour les autres ; en format github, au plus 10 erreurs et
        /// 10 avertissements (la limite de GitHub par étape).
        #[arg(long, num_args = 0.., value_name = "FICHIER")]
        files: Option<Vec<PathBuf>>,
    },
    /// Construit le site complet dans le dossier de sortie.
    Build {
        /// Racine du site (le dossier qui contient data/ et site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Dossier de sortie (remplacé d'un coup à la fin).
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Adresse publique du site (remplace celle de site.yaml) ; avec un chemin
        /// (https://org.github.io/cisp/), tous les liens du site sont placés sous ce chemin.
        #[arg(long)]
        base_url: Option<String>,
        /// Date de construction (AAAA-MM-JJ). Par défaut : SOURCE_DATE_EPOCH, sinon aujourd'hui.
        #[arg(long)]
        today: Option<NaiveDate>,
        /// Écrit aussi des fichiers .gz et .br à côté de chaque fichier texte.
        #[arg(long)]
        precompress: bool,
        /// La publication précédente, pour la page « Nouveautés » : son catalogue.json
        /// (avec son historique nouveautes.json à côté, ou nouveautes-X.json pour
        /// catalogue-X.json), ou son dossier. Par défaut : <out>/donnees/, lu avant d'être
        /// remplacé.
        #[arg(long)]
        previous: Option<PathBuf>,
    },
    /// Aperçu local : construit, sert le site, reconstruit et recharge la page à chaque
    /// modification de data/, content/ ou themes/.
    Serve {
        /// Racine du site (le dossier qui contient data/ et site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port (0 : un port libre, affiché au démarrage).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Adresse d'écoute : la boucle locale par défaut (l'aperçu n'est visible que de cet ordinateur).
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Date du jour (AAAA-MM-JJ). Par défaut : SOURCE_DATE_EPOCH, sinon aujourd'hui.
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Fraîcheur des données par fédération : centres, lieux, filières, filières non
    /// revues depuis 12 mois, séances passées, lieux sans coordonnées, filières sans code ROME.
    Report {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Date du jour (AAAA-MM-JJ). Par défaut : SOURCE_DATE_EPOCH, sinon aujourd'hui.
        #[arg(long)]
        today: Option<NaiveDate>,
        /// table (tableau aligné) ou json (avec le fichier et la ligne de chaque élément).
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Les formations autour d'une commune, d'un code postal ou d'un point « lat,lon ».
    Near {
        /// Commune, localité, code postal ou « lat,lon » (ex. « Jemeppe-sur-Meuse », 4020, « 50.63,5.57 »).
        ou: String,
        /// Rayon en kilomètres.
        #[arg(long, default_value_t = 25.0)]
        radius: f64,
        /// orientation, formation-de-base ou formation-professionnalisante.
        #[arg(long)]
        category: Option<String>,
        /// Code métier ROME (ex. D1102).
        #[arg(long)]
        rome: Option<String>,
        /// Nombre de lignes au plus.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = NearFormat::Table)]
        format: NearFormat,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Les filières pour un tableur ou un outil : le même CSV (UTF-8 avec BOM, « ; ») ou le
    /// même JSON que /donnees/ sur le site, filtrés, sur la sortie standard.
    Export {
        /// Racine du site (le dossier qui contient data/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Bassin EFE (ex. liege, hainaut-sud) : seuls les lieux de ce bassin.
        #[arg(long)]
        bassin: Option<String>,
        /// Code ROME (D1102), domaine (D11) ou grand domaine (D).
        #[arg(long)]
        rome: Option<String>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Date du jour (AAAA-MM-JJ), pour retirer les séances passées. Par défaut :
        /// SOURCE_DATE_EPOCH, sinon aujourd'hui.
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Crée un dépôt de données prêt à publier : site.yaml, un centre d'exemple,
    /// .cisp/publier.sh, les intégrations continues GitHub et GitLab, un README.
    Init {
        /// Dossier du nouveau dépôt (créé s'il n'existe pas).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// aid, aleap, caips, lire-et-ecrire ou unessa : la fédération du centre d'exemple.
        #[arg(long)]
        federation: Option<String>,
    },
    /// Écrit un squelette valide, commenté, à compléter.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Affiche le schéma JSON des fichiers de centre (pour les éditeurs).
    Schema,
    /// Écrit le catalogue de démonstration (fictif) dans <root>/data/centres.
    Demo {
        /// 1 = démo (~150 centres), 10 ou 100 pour les mesures de performance.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Racine du site à écrire.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// Crée data/centres/<fédération>/<id>.yaml avec un lieu et une filière d'exemple.
    Centre {
        /// Identifiant du centre (minuscules, chiffres, tirets).
        id: String,
        /// aid, aleap, caips, lire-et-ecrire ou unessa.
        #[arg(long)]
        federation: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Affiche un bloc « lieu » à coller sous « lieux: ».
    Lieu { id: String },
    /// Affiche un bloc « filière » à coller sous « filieres: ».
    Filiere {
        id: String,
        /// Identifiant du lieu où elle est donnée.
        #[arg(long, default_value = "mon-lieu")]
        lieu: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NearFormat {
    Table,
    Csv,
    Json,
    /// RFC 7946: the starting point and each place, for a map.
    Geojson,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Github,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Human => Format::Human,
            OutputFormat::Json => Format::Json,
            OutputFormat::Github => Format::Github,
        }
    }
}

fn main() -> ExitCode {
    rendre_la_memoire_liberee();
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            root,
            format,
            today,
            files,
        } => check(root, format.into(), today, files.as_deref()),
        Command::Build {
            root,
            out,
            base_url,
            today,
            precompress,
            previous,
        } => {
            if let Some(Err(e)) = base_url.as_deref().map(cispgen::site::racine::racine) {
                eprintln!(
                    "erreur : --base-url « {} » : {e} ; par exemple : --base-url https://org.github.io/cisp/",
                    base_url.as_deref().unwrap_or_default()
                );
                return ExitCode::from(2);
            }
            build(pipeline::BuildOptions {
                root,
                out,
                base_url,
                today: today.unwrap_or_else(cispgen::today),
                precompress,
                previous,
            })
        }
        Command::Serve {
            root,
            port,
            host,
            today,
        } => {
            match cispgen::serve::serve(cispgen::serve::ServeOptions {
                root,
                host,
                port,
                today: today.unwrap_or_else(cispgen::today),
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("erreur : {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Report {
            root,
            today,
            format,
        } => match cispgen::report::report(&root, today.unwrap_or_else(cispgen::today)) {
            Ok(report) => {
                let text = match format {
                    ReportFormat::Table => cispgen::report::render_table(&report),
                    ReportFormat::Json => cispgen::report::render_json(&report),
                };
                // A closed pipe (`| head`) is not an error.
                let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("erreur : {e}");
                ExitCode::from(2)
            }
        },
        Command::Export {
            root,
            bassin,
            rome,
            format,
            today,
        } => export(root, bassin, rome, format, today),
        Command::New { what } => new(what),
        Command::Init { dir, federation } => init(&dir, federation.as_deref()),
        Command::Near {
            ou,
            radius,
            category,
            rome,
            limit,
            format,
            root,
            today,
        } => {
            let categorie = match category
                .as_deref()
                .map(cispgen::model::Categorie::from_slug)
            {
                Some(None) => {
                    eprintln!(
                        "erreur : catégorie inconnue : écrivez orientation, formation-de-base ou formation-professionnalisante"
                    );
                    return ExitCode::from(2);
                }
                Some(Some(c)) => Some(c),
                None => None,
            };
            let query = cispgen::near::NearQuery {
                ou,
                rayon_km: radius,
                categorie,
                rome,
                limite: limit,
            };
            near(&root, today.unwrap_or_else(cispgen::today), &query, format)
        }
        Command::Schema => {
            print!("{}", cispgen::centre_schema());
            ExitCode::SUCCESS
        }
        Command::Demo { scale, root } => match cispgen::demo::generate(scale, &root) {
            Ok(stats) => {
                println!(
                    "démo ×{scale} : {} centres, {} lieux, {} filières écrits dans {}",
                    stats.centres,
                    stats.lieux,
                    stats.filieres,
                    root.join("data/centres").display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("erreur : {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn check(
    root: PathBuf,
    format: Format,
    today: Option<NaiveDate>,
    files: Option<&[PathBuf]>,
) -> ExitCode {
    let today = today.unwrap_or_else(cispgen::today);
    let checked = match pipeline::check_site(&root, today) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::from(2);
        }
    };
    let all = checked.diagnostics.sorted();
    let limit = (format == Format::Github).then_some(cispgen::cli::focus::GITHUB_ANNOTATIONS);
    let focus =
        files.map(|files| cispgen::cli::focus::focus(&all, &checked.sources, &root, files, limit));
    let sorted = focus
        .as_ref()
        .map_or_else(|| all.clone(), |f| f.shown.clone());
    let rest = focus.as_ref().and_then(cispgen::cli::focus::Focus::summary);
    match format {
        Format::Human => {
            for d in &sorted {
                eprint!("{}", diag::render_human(d, &checked.sources));
                eprintln!();
            }
            let summary = checked.summary(RefData::load());
            let errors = checked.diagnostics.error_count();
            let warnings = checked.diagnostics.warning_count();
            if let Some(rest) = &rest {
                eprintln!("{rest}");
            }
            let verdict = if errors == 0 { "OK" } else { "ÉCHEC" };
            println!("{verdict} : {summary} ; {errors} erreur(s), {warnings} avertissement(s)");
        }
        Format::Json => println!("{}", diag::render_json(&sorted, &checked.sources)),
        Format::Github => {
            for d in &sorted {
                println!("{}", diag::render_github(d, &checked.sources));
            }
            if let Some(rest) = &rest {
                println!("::notice::{rest}");
            }
        }
    }
    if checked.diagnostics.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn export(
    root: PathBuf,
    bassin: Option<String>,
    rome: Option<String>,
    format: ExportFormat,
    today: Option<NaiveDate>,
) -> ExitCode {
    use std::io::Write as _;
    let format = match format {
        ExportFormat::Csv => cispgen::cli::export::FormatExport::Csv,
        ExportFormat::Json => cispgen::cli::export::FormatExport::Json,
    };
    let filtre = cispgen::opendata::Filtre { bassin, rome };
    let today = today.unwrap_or_else(cispgen::today);
    match cispgen::cli::export::exporter(&root, today, &filtre, format) {
        Ok(bytes) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(cispgen::cli::export::ExportError::Invalid {
            sources,
            diagnostics,
        }) => {
            print_diagnostics(&sources, &diagnostics);
            eprintln!(
                "erreur : {} erreur(s) dans les données : corrigez-les d'abord (cispgen check)",
                diagnostics.error_count()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::from(2)
        }
    }
}

fn print_diagnostics(sources: &cispgen::diag::Sources, diagnostics: &cispgen::diag::Diagnostics) {
    for d in diagnostics.sorted() {
        eprint!("{}", diag::render_human(d, sources));
        eprintln!();
    }
}

fn build(options: pipeline::BuildOptions) -> ExitCode {
    match pipeline::build_site(&options) {
        Ok(built) => {
            print_diagnostics(&built.sources, &built.diagnostics);
            for note in &built.notes {
                eprintln!("attention : {note}");
            }
            let t = built.timings;
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            println!(
                "site écrit dans {} : {} ; {} pages, {} fichiers, {} Ko",
                options.out.display(),
                built.summary,
                built.pages,
                built.written.files,
                built.written.bytes / 1024
            );
            println!(
                "temps (ms) : chargement {:.1}, vérification {:.1}, résolution {:.1}, index {:.1}, rendu et écriture {:.1}, bascule {:.1}",
                ms(t.load),
                ms(t.check),
                ms(t.resolve),
                ms(t.index),
                ms(t.render),
                ms(t.write)
            );
            ExitCode::SUCCESS
        }
        Err(pipeline::BuildError::Invalid {
            sources,
            diagnostics,
        }) => {
            print_diagnostics(&sources, &diagnostics);
            eprintln!(
                "erreur : {} erreur(s) dans les données : rien n'a été écrit, le site précédent reste en place",
                diagnostics.error_count()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}

const FEDERATIONS: &str = "aid, aleap, caips, lire-et-ecrire ou unessa";

fn init(dir: &std::path::Path, federation: Option<&str>) -> ExitCode {
    let Some(slug) = federation else {
        eprintln!("erreur : précisez la fédération : --federation {FEDERATIONS}");
        return ExitCode::from(2);
    };
    let Some(federation) = cispgen::model::Federation::from_slug(slug) else {
        eprintln!("erreur : fédération inconnue « {slug} » : écrivez {FEDERATIONS}");
        return ExitCode::from(2);
    };
    match cispgen::cli::init::init(dir, federation, cispgen::today()) {
        Ok(written) => {
            for path in &written {
                println!("créé : {}", path.display());
            }
            if cispgen::cli::init::EMPREINTE_LINUX.is_none() {
                eprintln!(
                    "attention : ce cispgen n'est pas une version publiée ; avant la première publication, \
                     écrivez l'empreinte SHA-256 de la version sur la ligne CISPGEN_SHA256 de .cisp/publier.sh"
                );
            }
            println!("ensuite : remplacez le centre d'exemple, puis : cispgen check");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}

fn new(what: NewWhat) -> ExitCode {
    let today = cispgen::today();
    match what {
        NewWhat::Centre {
            id,
            federation,
            root,
        } => {
            let Some(federation) = cispgen::model::Federation::from_slug(&federation) else {
                eprintln!(
                    "erreur : fédération inconnue « {federation} » : écrivez aid, aleap, caips, lire-et-ecrire ou unessa"
                );
                return ExitCode::from(2);
            };
            match cispgen::skeleton::write_centre(&root, &id, federation, today) {
                Ok(path) => {
                    println!("créé : {}", path.display());
                    println!("remplacez les valeurs d'exemple, puis vérifiez avec : cispgen check");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("erreur : {e}");
                    ExitCode::FAILURE
                }
            }
        }
        NewWhat::Lieu { id } => {
            print!("{}", cispgen::skeleton::lieu(&id));
            ExitCode::SUCCESS
        }
        NewWhat::Filiere { id, lieu } => {
            print!("{}", cispgen::skeleton::filiere(&id, &lieu, today));
            ExitCode::SUCCESS
        }
    }
}

fn near(
    root: &std::path::Path,
    today: NaiveDate,
    query: &cispgen::near::NearQuery,
    format: NearFormat,
) -> ExitCode {
    let front = match pipeline::front(root, today, None) {
        Ok(front) => front,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::from(2);
        }
    };
    if front.diagnostics.has_errors() {
        eprintln!(
            "attention : {} erreur(s) dans les données (voir cispgen check) ; résultats sur les données lisibles",
            front.diagnostics.error_count()
        );
    }
    let catalogue = cispgen::resolve::resolve(&front.centres, front.refdata, today);
    let geocoder = cispgen::geocode::Geocoder::new(front.refdata);
    let base_url = &front.config.base_url;
    match cispgen::near::near(&catalogue, &geocoder, query, base_url) {
        Ok(result) => {
            match format {
                NearFormat::Table => print!("{}", cispgen::near::to_table(&result)),
                NearFormat::Csv => print!("{}", cispgen::near::to_csv(&result)),
                NearFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&result).unwrap_or_default()
                ),
                NearFormat::Geojson => print!("{}", cispgen::near::to_geojson(&result)),
            }
            ExitCode::SUCCESS
        }
        Err(not_found) => {
            eprintln!("{not_found}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Option 15 is the purge delay: its default in mimalloc v3's options.c is 1000 (ms),
    /// no other option has that default, and the setting takes.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads and sets one of mimalloc's global integer options.
        let avant = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(avant, 1000);
        rendre_la_memoire_liberee();
        let apres = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(apres, 0);
    }
}
