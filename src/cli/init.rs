//! `cispgen init [DIR]`: a data-only repository, ready to publish (issue 17). The theme
//! and the reference data are inside the binary, so the repository holds only its
//! data, `site.yaml` and the publication: `.cisp/publier.sh` (the logic), the GitHub
//! and GitLab workflows that call it, a French README for the volunteers.
//!
//! The files written are those of `docs/depot/` (the documented template), except the
//! example centre (`cispgen new centre`'s skeleton, flagged by `check` until replaced),
//! the editor's schema, and the pinned version of `cispgen` in `publier.sh`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::Federation;

/// The example centre's identifier: `data/centres/<fédération>/mon-centre.yaml`.
pub const CENTRE_EXEMPLE: &str = "mon-centre";

/// `publier.sh` as documented; [`publier_sh`] pins this binary's version in it.
pub const PUBLIER_SH: &str = include_str!("../../docs/depot/.cisp/publier.sh");
pub const WORKFLOW_GITHUB: &str = include_str!("../../docs/depot/.github/workflows/cisp.yml");
pub const GITLAB_CI: &str = include_str!("../../docs/depot/.gitlab-ci.yml");
const README: &str = include_str!("../../docs/depot/README.md");
const SITE_YAML: &str = include_str!("../../docs/depot/site.yaml");
const GITIGNORE: &str = include_str!("../../docs/depot/.gitignore");

const LIGNE_VERSION: &str = "CISPGEN_VERSION=\"${CISPGEN_VERSION:-0.1.0}\"";
const LIGNE_EMPREINTE: &str = "CISPGEN_SHA256=\"${CISPGEN_SHA256:-}\"";

/// The SHA-256 of the x86_64 Linux binary of this version (the one `publier.sh`
/// downloads), when this binary was built by the release workflow. Empty otherwise:
/// `publier.sh installer` then says where to find it.
pub const EMPREINTE_LINUX: Option<&str> = option_env!("CISPGEN_SHA256_LINUX_X86_64");

/// `publier.sh` with this binary's version and, when known, the pinned SHA-256.
pub fn publier_sh() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let empreinte = EMPREINTE_LINUX.unwrap_or("");
    PUBLIER_SH
        .replacen(
            LIGNE_VERSION,
            &format!("CISPGEN_VERSION=\"${{CISPGEN_VERSION:-{version}}}\""),
            1,
        )
        .replacen(
            LIGNE_EMPREINTE,
            &format!("CISPGEN_SHA256=\"${{CISPGEN_SHA256:-{empreinte}}}\""),
            1,
        )
}

/// One file of the new repository: path under it, text, executable or not.
pub struct Fichier {
    pub chemin: PathBuf,
    pub texte: String,
    pub executable: bool,
}

/// Every file `init` writes, in a fixed order.
pub fn fichiers(federation: Federation, today: NaiveDate) -> Vec<Fichier> {
    let f = |chemin: &str, texte: String| Fichier {
        chemin: PathBuf::from(chemin),
        texte,
        executable: false,
    };
    let centre = format!(
        "{}/{}/{CENTRE_EXEMPLE}.yaml",
        crate::load::CENTRES_DIR,
        federation.slug()
    );
    vec![
        f("site.yaml", SITE_YAML.into()),
        f(
            &centre,
            crate::skeleton::centre(CENTRE_EXEMPLE, federation, today),
        ),
        f(crate::SCHEMA_PATH, crate::centre_schema()),
        Fichier {
            executable: true,
            ..f(".cisp/publier.sh", publier_sh())
        },
        f(".github/workflows/cisp.yml", WORKFLOW_GITHUB.into()),
        f(".gitlab-ci.yml", GITLAB_CI.into()),
        f("README.md", README.into()),
        f(".gitignore", GITIGNORE.into()),
    ]
}

/// Writes the repository into `dir` (created if needed). Refuses, writing nothing, when
/// any of its files already exists. Returns the paths written.
pub fn init(dir: &Path, federation: Federation, today: NaiveDate) -> Result<Vec<PathBuf>, String> {
    let fichiers = fichiers(federation, today);
    let existants: Vec<String> = fichiers
        .iter()
        .filter(|f| dir.join(&f.chemin).symlink_metadata().is_ok())
        .map(|f| f.chemin.display().to_string())
        .collect();
    if !existants.is_empty() {
        return Err(format!(
            "ces fichiers existent déjà dans {} : {} ; rien n'a été écrit (choisissez un dossier vide, \
             par exemple : cispgen init cisp-donnees --federation {})",
            dir.display(),
            existants.join(", "),
            federation.slug()
        ));
    }
    let mut written = Vec::new();
    for f in &fichiers {
        let path = dir.join(&f.chemin);
        ecrire(&path, f).map_err(|e| format!("{} : {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn ecrire(path: &Path, f: &Fichier) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if f.executable {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o755);
    }
    let mut file = options.open(path)?;
    std::io::Write::write_all(&mut file, f.texte.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    /// The two pinned lines are where `publier_sh` looks for them: otherwise the version
    /// written would silently stay the template's.
    #[test]
    fn the_version_is_pinned_in_publier_sh() {
        assert_eq!(PUBLIER_SH.matches(LIGNE_VERSION).count(), 1);
        assert_eq!(PUBLIER_SH.matches(LIGNE_EMPREINTE).count(), 1);
        let script = publier_sh();
        let version = format!("CISPGEN_VERSION:-{}}}", env!("CARGO_PKG_VERSION"));
        assert!(script.contains(&version), "{script}");
    }

    #[test]
    fn init_refuses_existing_files_and_names_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("README.md"), "à moi").expect("write");
        std::fs::write(dir.path().join("site.yaml"), "titre: x").expect("write");
        let e = init(dir.path(), Federation::Aid, today()).expect_err("refused");
        assert!(
            e.contains("README.md, site.yaml") || e.contains("site.yaml, README.md"),
            "{e}"
        );
        assert!(e.contains("rien n'a été écrit"), "{e}");
        assert!(!dir.path().join(".cisp").exists(), "nothing written");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("README.md")).expect("read"),
            "à moi"
        );
    }

    #[test]
    fn init_writes_every_file_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let written = init(dir.path(), Federation::Caips, today()).expect("written");
        assert_eq!(written.len(), fichiers(Federation::Caips, today()).len());
        assert!(
            dir.path()
                .join("data/centres/caips/mon-centre.yaml")
                .is_file()
        );
        assert!(init(dir.path(), Federation::Caips, today()).is_err());
    }
}
