//! What each command does once its arguments are parsed: call the pipeline, print what
//! a user reads (in French), choose the exit code. `main.rs` only parses and dispatches.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;

use crate::diag::{self, Format};
use crate::pipeline;
use crate::refdata::RefData;

#[derive(clap::Subcommand)]
pub enum NewWhat {
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
pub enum NearFormat {
    Table,
    Csv,
    Json,
    /// RFC 7946: the starting point and each place, for a map.
    Geojson,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
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

pub fn check(
    root: PathBuf,
    format: Format,
    today: NaiveDate,
    files: Option<&[PathBuf]>,
) -> ExitCode {
    let checked = match pipeline::check_site(&root, today) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::from(2);
        }
    };
    let all = checked.diagnostics.sorted();
    let limit = (format == Format::Github).then_some(crate::cli::focus::GITHUB_ANNOTATIONS);
    let focus =
        files.map(|files| crate::cli::focus::focus(&all, &checked.sources, &root, files, limit));
    let sorted = focus
        .as_ref()
        .map_or_else(|| all.clone(), |f| f.shown.clone());
    let rest = focus.as_ref().and_then(crate::cli::focus::Focus::summary);
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

pub fn export(
    root: PathBuf,
    filtre: crate::opendata::Filtre,
    format: ExportFormat,
    today: NaiveDate,
) -> ExitCode {
    use std::io::Write as _;
    let format = match format {
        ExportFormat::Csv => crate::cli::export::FormatExport::Csv,
        ExportFormat::Json => crate::cli::export::FormatExport::Json,
    };
    match crate::cli::export::exporter(&root, today, &filtre, format) {
        Ok(bytes) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(crate::cli::export::ExportError::Invalid {
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

pub fn print_diagnostics(sources: &crate::diag::Sources, diagnostics: &crate::diag::Diagnostics) {
    for d in diagnostics.sorted() {
        eprint!("{}", diag::render_human(d, sources));
        eprintln!();
    }
}

pub fn build(options: pipeline::BuildOptions) -> ExitCode {
    if let Some(Err(e)) = options.base_url.as_deref().map(crate::site::racine::racine) {
        eprintln!(
            "erreur : --base-url « {} » : {e} ; par exemple : --base-url https://org.github.io/cisp/",
            options.base_url.as_deref().unwrap_or_default()
        );
        return ExitCode::from(2);
    }
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

pub fn init(dir: &Path, federation: Option<&str>) -> ExitCode {
    let Some(slug) = federation else {
        eprintln!("erreur : précisez la fédération : --federation {FEDERATIONS}");
        return ExitCode::from(2);
    };
    let Some(federation) = crate::model::Federation::from_slug(slug) else {
        eprintln!("erreur : fédération inconnue « {slug} » : écrivez {FEDERATIONS}");
        return ExitCode::from(2);
    };
    match crate::cli::init::init(dir, federation, crate::today()) {
        Ok(written) => {
            for path in &written {
                println!("créé : {}", path.display());
            }
            if crate::cli::init::EMPREINTE_LINUX.is_none() {
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

pub fn new(what: NewWhat) -> ExitCode {
    let today = crate::today();
    match what {
        NewWhat::Centre {
            id,
            federation,
            root,
        } => {
            let Some(federation) = crate::model::Federation::from_slug(&federation) else {
                eprintln!(
                    "erreur : fédération inconnue « {federation} » : écrivez aid, aleap, caips, lire-et-ecrire ou unessa"
                );
                return ExitCode::from(2);
            };
            match crate::skeleton::write_centre(&root, &id, federation, today) {
                Ok(path) => {
                    println!("créé : {}", path.display());
                    println!("remplacez les valeurs d'exemple, puis vérifiez avec : cispgen check");
                    println!(
                        "ce qu'il reste à remplacer ou à revoir : cispgen report --centre {id}"
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("erreur : {e}");
                    ExitCode::FAILURE
                }
            }
        }
        NewWhat::Lieu { id } => {
            print!("{}", crate::skeleton::lieu(&id));
            ExitCode::SUCCESS
        }
        NewWhat::Filiere { id, lieu } => {
            print!("{}", crate::skeleton::filiere(&id, &lieu, today));
            ExitCode::SUCCESS
        }
    }
}

/// The arguments of `cispgen near`, as typed.
pub struct Proches {
    pub ou: String,
    pub rayon_km: f64,
    pub categorie: Option<String>,
    pub rome: Option<String>,
    pub limite: usize,
}

pub fn near(root: &Path, today: NaiveDate, proches: Proches, format: NearFormat) -> ExitCode {
    let categorie = match proches
        .categorie
        .as_deref()
        .map(crate::model::Categorie::from_slug)
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
    let query = crate::near::NearQuery {
        ou: proches.ou,
        rayon_km: proches.rayon_km,
        categorie,
        rome: proches.rome,
        limite: proches.limite,
    };
    let query = &query;
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
    let catalogue = crate::resolve::resolve(&front.centres, front.refdata, today);
    let geocoder = crate::geocode::Geocoder::new(front.refdata);
    let base_url = &front.config.base_url;
    match crate::near::near(&catalogue, &geocoder, query, base_url) {
        Ok(result) => {
            match format {
                NearFormat::Table => print!("{}", crate::near::to_table(&result)),
                NearFormat::Csv => print!("{}", crate::near::to_csv(&result)),
                NearFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&result).unwrap_or_default()
                ),
                NearFormat::Geojson => print!("{}", crate::near::to_geojson(&result)),
            }
            ExitCode::SUCCESS
        }
        Err(not_found) => {
            eprintln!("{not_found}");
            ExitCode::FAILURE
        }
    }
}

pub fn serve(options: crate::serve::ServeOptions) -> ExitCode {
    match crate::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}

/// The arguments of `cispgen report` that choose the view per centre.
pub struct Rapport {
    pub centre: Option<String>,
    pub federation: Option<String>,
    pub par_centre: bool,
    pub previous: Option<PathBuf>,
}

impl Rapport {
    fn par_centre(&self) -> bool {
        self.par_centre
            || self.centre.is_some()
            || self.federation.is_some()
            || self.previous.is_some()
    }
}

pub fn report(root: &Path, today: NaiveDate, format: ReportFormat, rapport: &Rapport) -> ExitCode {
    let text = if rapport.par_centre() {
        let federation = match rapport.federation.as_deref() {
            None => None,
            Some(slug) => match crate::model::Federation::from_slug(slug) {
                Some(f) => Some(f),
                None => {
                    eprintln!("erreur : fédération inconnue « {slug} » : écrivez {FEDERATIONS}");
                    return ExitCode::from(2);
                }
            },
        };
        let choix = crate::report::centres::Choix {
            centre: rapport.centre.as_deref().map(str::trim),
            federation,
            precedent: rapport.previous.as_deref(),
        };
        match crate::report::centres::par_centre(root, today, choix) {
            Ok(r) => match format {
                ReportFormat::Table => crate::report::rendu::render_text(&r),
                ReportFormat::Json => crate::report::rendu::render_json(&r),
            },
            Err(e) => {
                eprintln!("erreur : {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        match crate::report::report(root, today) {
            Ok(report) => match format {
                ReportFormat::Table => crate::report::render_table(&report),
                ReportFormat::Json => crate::report::render_json(&report),
            },
            Err(e) => {
                eprintln!("erreur : {e}");
                return ExitCode::from(2);
            }
        }
    };
    // A closed pipe (`| head`) is not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    ExitCode::SUCCESS
}

pub fn demo(scale: u32, root: &Path) -> ExitCode {
    match crate::demo::generate(scale, root) {
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
    }
}
