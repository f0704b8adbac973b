//! `cispgen`: the command line. A thin layer over the library: parse arguments, call a
//! pipeline function, print, choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use cispgen::cli::commandes::{
    self, ExportFormat, NearFormat, NewWhat, OutputFormat, ReportFormat,
};
use cispgen::pipeline;

#[global_allocator]
static ALLOCATEUR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v3): how long freed memory stays with the
/// allocator before it goes back to the system (default 1 s, options.c). At 100× the demo,
/// 1 s kept peak memory at 1,043 MiB (budget: 1 GiB), 0 ms at 896 MiB; but at 0 ms every
/// freed page is faulted in and zeroed again, a sixth of a 1× build's processor time
/// (sys 125 → 88 ms, user 433 → 390 ms, interleaved runs). 100 ms keeps both: memory freed
/// by one page is reused by the next ones, and a long build still gives back what it does
/// not reuse.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const PURGE_DELAY_MS: std::ffi::c_long = 100;

fn rendre_la_memoire_liberee() {
    // SAFETY: sets one of mimalloc's global options, a plain integer it reads atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
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
    /// Avec --centre, --federation, --par-centre ou --previous : pour chaque centre, ce qu'il
    /// reste à faire (fichier:ligne et quoi écrire) et ce qui a changé depuis la publication.
    Report {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Date du jour (AAAA-MM-JJ). Par défaut : SOURCE_DATE_EPOCH, sinon aujourd'hui.
        #[arg(long)]
        today: Option<NaiveDate>,
        /// table (texte aligné) ou json (avec le fichier et la ligne de chaque élément).
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Un seul centre : son identifiant (la valeur de « id: » dans son fichier).
        #[arg(long, value_name = "ID")]
        centre: Option<String>,
        /// Les centres d'une fédération : aid, aleap, caips, lire-et-ecrire ou unessa.
        #[arg(long)]
        federation: Option<String>,
        /// Tous les centres, un par un.
        #[arg(long)]
        par_centre: bool,
        /// La dernière publication : le dossier du site, le dossier des fichiers téléchargés
        /// de /donnees/, ou son catalogue.json ; ajoute les changements depuis, par centre.
        #[arg(long)]
        previous: Option<PathBuf>,
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

fn main() -> ExitCode {
    rendre_la_memoire_liberee();
    let today = |t: Option<NaiveDate>| t.unwrap_or_else(cispgen::today);
    match Cli::parse().command {
        Command::Check {
            root,
            format,
            today: t,
            files,
        } => commandes::check(root, format.into(), today(t), files.as_deref()),
        Command::Build {
            root,
            out,
            base_url,
            today: t,
            precompress,
            previous,
        } => commandes::build(pipeline::BuildOptions {
            root,
            out,
            base_url,
            today: today(t),
            precompress,
            previous,
        }),
        Command::Serve {
            root,
            port,
            host,
            today: t,
        } => commandes::serve(cispgen::serve::ServeOptions {
            root,
            host,
            port,
            today: today(t),
        }),
        Command::Report {
            root,
            today: t,
            format,
            centre,
            federation,
            par_centre,
            previous,
        } => commandes::report(
            &root,
            today(t),
            format,
            &commandes::Rapport {
                centre,
                federation,
                par_centre,
                previous,
            },
        ),
        Command::Export {
            root,
            bassin,
            rome,
            format,
            today: t,
        } => commandes::export(
            root,
            cispgen::opendata::Filtre { bassin, rome },
            format,
            today(t),
        ),
        Command::New { what } => commandes::new(what),
        Command::Init { dir, federation } => commandes::init(&dir, federation.as_deref()),
        Command::Near {
            ou,
            radius,
            category,
            rome,
            limit,
            format,
            root,
            today: t,
        } => commandes::near(
            &root,
            today(t),
            commandes::Proches {
                ou,
                rayon_km: radius,
                categorie: category,
                rome,
                limite: limit,
            },
            format,
        ),
        Command::Schema => {
            print!("{}", cispgen::centre_schema());
            ExitCode::SUCCESS
        }
        Command::Demo { scale, root } => commandes::demo(scale, &root),
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
        assert_eq!(apres, PURGE_DELAY_MS);
    }
}
