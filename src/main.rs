//! `cispgen`: the command line. A thin layer over the library: parse arguments, call a
//! pipeline function, print, choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use cispgen::diag::{self, Format};
use cispgen::pipeline;
use cispgen::refdata::RefData;

#[derive(Parser)]
#[command(name = "cispgen", version, about = "Génère cisp.be, l'annuaire des formations CISP en Wallonie")]
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
    },
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
    let cli = Cli::parse();
    match cli.command {
        Command::Check { root, format, today } => check(root, format.into(), today),
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

fn check(root: PathBuf, format: Format, today: Option<NaiveDate>) -> ExitCode {
    let today = today.unwrap_or_else(cispgen::today);
    let checked = match pipeline::check_site(&root, today) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("erreur : {e}");
            return ExitCode::from(2);
        }
    };
    let sorted = checked.diagnostics.sorted();
    match format {
        Format::Human => {
            for d in &sorted {
                eprint!("{}", diag::render_human(d, &checked.sources));
                eprintln!();
            }
            let summary = checked.summary(RefData::load());
            let errors = checked.diagnostics.error_count();
            let warnings = checked.diagnostics.warning_count();
            let verdict = if errors == 0 { "OK" } else { "ÉCHEC" };
            println!("{verdict} : {summary} ; {errors} erreur(s), {warnings} avertissement(s)");
        }
        Format::Json => println!("{}", diag::render_json(&sorted, &checked.sources)),
        Format::Github => {
            for d in &sorted {
                println!("{}", diag::render_github(d, &checked.sources));
            }
        }
    }
    if checked.diagnostics.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
