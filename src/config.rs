//! The site configuration, `site.yaml` at the site root: which theme, the public address,
//! the repository where the data lives (for « signaler une erreur » links).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Sources};
use crate::yaml;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site name, shown in the header and titles.
    #[serde(default = "default_titre")]
    pub titre: String,
    /// Public address without trailing slash, e.g. `https://cisp.be` or
    /// `https://org.github.io/cisp`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// The path of `base_url` (`/cisp`, or empty at the root of a host): the prefix of
    /// every site path in the output ([`crate::site::racine`]). Computed, not read.
    #[serde(skip)]
    pub racine: String,
    /// Folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Web address of a centre file in the repository: `{chemin}` is replaced by the
    /// file's path, e.g. `https://github.com/interfede/cisp-data/blob/main/{chemin}`.
    #[serde(default)]
    pub depot_fichier: Option<String>,
    /// Shows a « données de démonstration » banner on every page.
    #[serde(default)]
    pub demo: bool,
    /// What every trainee receives, in plain words (« Une petite indemnité pour chaque
    /// heure de formation »), shown on each track page. Written by the federations: the
    /// site never invents it, and shows nothing when it is empty.
    #[serde(default)]
    pub avantages: Vec<String>,
    /// What to bring to an information session (« Votre carte d'identité »).
    #[serde(default)]
    pub a_apporter: Vec<String>,
}

fn default_titre() -> String {
    "cisp.be".into()
}
fn default_base_url() -> String {
    "https://cisp.be".into()
}
fn default_theme() -> String {
    "cisp".into()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            titre: default_titre(),
            base_url: default_base_url(),
            racine: String::new(),
            theme: default_theme(),
            depot_fichier: None,
            demo: false,
            avantages: Vec::new(),
            a_apporter: Vec::new(),
        }
    }
}

impl Config {
    /// Reads `root/site.yaml`; a missing file means the defaults.
    pub fn load(root: &Path, sources: &mut Sources) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(Config::default());
        };
        let file = sources.add(PathBuf::from(CONFIG_FILE), text);
        let text = sources.get(file).map_or("", |f| f.text.as_str());
        let mut findings = Vec::new();
        let node = match yaml::parse(text, file) {
            Ok(Some(node)) => node,
            Ok(None) => return Ok(Config::default()),
            Err(d) => return Err(vec![d]),
        };
        if let Some(url) = node.get("base_url")
            && let Some(Err(e)) = url.as_str().map(crate::site::racine::racine)
        {
            findings.push(
                Diagnostic::error(url.span, format!("base_url : {e}"))
                    .with_hint("écrivez l'adresse publique du site, par exemple https://cisp.be ou https://org.github.io/cisp/"),
            );
        }
        match yaml::from_node::<Config>(&node, &mut findings) {
            Ok(config) if findings.is_empty() => Ok(config.normalised()),
            Ok(_) => Err(findings),
            Err(d) => {
                findings.push(d);
                Err(findings)
            }
        }
    }

    /// `--base-url` wins over the file.
    pub fn with_base_url(mut self, base_url: Option<String>) -> Config {
        if let Some(url) = base_url {
            self.base_url = url;
        }
        self.normalised()
    }

    /// Without trailing slash, and with its path prefix. An invalid address is refused
    /// before (`--base-url` by `main`, `site.yaml` by [`Config::load`]); here it falls back
    /// to the root.
    fn normalised(mut self) -> Config {
        while self.base_url.ends_with('/') {
            self.base_url.pop();
        }
        self.racine = crate::site::racine::racine(&self.base_url).unwrap_or_default();
        self
    }

    /// Link to a data file in the repository, if the repository is configured.
    pub fn lien_fichier(&self, chemin: &Path) -> Option<String> {
        let chemin = chemin.to_string_lossy().replace('\\', "/");
        self.depot_fichier
            .as_ref()
            .map(|t| t.replace("{chemin}", &chemin))
    }
}
