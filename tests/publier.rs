//! A data-only repository from `cispgen init` to a published site, offline (issue 17,
//! « Done when »): the workflow's steps are `.cisp/publier.sh`'s, run here exactly as the
//! generated workflow and README write them, from the repository's folder, with a PATH
//! without cargo. The download of the release is replaced by a copy of the built binary
//! (`CISPGEN_BIN`), or by a `file://` address where the checksum is what is tested.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_cispgen");
const CENTRE: &str = "data/centres/aleap/mon-centre.yaml";

/// The current PATH without any folder that holds cargo or rustc, with `extra` first.
fn path_without_cargo(extra: &Path) -> String {
    let mut dirs = vec![extra.to_path_buf()];
    let path = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(
        std::env::split_paths(&path)
            .filter(|d| !d.join("cargo").exists() && !d.join("rustc").exists()),
    );
    std::env::join_paths(dirs)
        .expect("PATH")
        .to_string_lossy()
        .into_owned()
}

struct Depot {
    _tmp: tempfile::TempDir,
    /// Holds `cispgen` (the built binary), first on PATH for the README's commands.
    outils: PathBuf,
    dir: PathBuf,
}

impl Depot {
    /// `line` run by `sh -c` in the repository, as a volunteer or the workflow runs it.
    fn sh(&self, line: &str, env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(line)
            .current_dir(&self.dir)
            .env("PATH", path_without_cargo(&self.outils))
            .env("CISPGEN_HORS_LIGNE", "1")
            .env("CISPGEN_TODAY", "2026-11-23")
            .env_remove("GITHUB_ACTIONS")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("CISPGEN_BIN");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("sh")
    }

    fn ok(&self, line: &str, env: &[(&str, &str)]) -> String {
        let out = self.sh(line, env);
        assert!(out.status.success(), "{line}: {}", text(&out));
        text(&out)
    }

    fn git(&self, args: &str) {
        self.ok(&format!("git {args}"), &[]);
    }

    fn edit(&self, from: &str, to: &str) {
        let path = self.dir.join(CENTRE);
        let text = std::fs::read_to_string(&path).expect("centre");
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `cispgen init` as the README writes it, then a git repository on `main`.
fn depot() -> Depot {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outils = tmp.path().join("outils");
    std::fs::create_dir_all(&outils).expect("mkdir");
    std::os::unix::fs::symlink(BIN, outils.join("cispgen")).expect("symlink");
    let depot = Depot {
        dir: tmp.path().join("cisp-donnees"),
        outils,
        _tmp: tmp,
    };
    let init = Command::new(BIN)
        .args(["init", "cisp-donnees", "--federation", "aleap"])
        .current_dir(depot.dir.parent().expect("parent"))
        .output()
        .expect("init");
    assert!(init.status.success(), "{}", text(&init));
    depot.git("init --quiet -b main");
    depot.git("-c user.name=Test -c user.email=t@exemple.be commit --quiet --allow-empty -m vide");
    depot.git("add -A");
    depot.git("-c user.name=Test -c user.email=t@exemple.be commit --quiet -m init");
    depot
}

fn commit(depot: &Depot, message: &str) {
    depot.git(&format!(
        "-c user.name=Test -c user.email=t@exemple.be commit --quiet -am '{message}'"
    ));
}

#[test]
fn a_pull_request_is_annotated_then_fixed_then_published_under_a_sub_path() {
    let depot = depot();
    let bin = [("CISPGEN_BIN", BIN)];
    let installed = depot.ok(".cisp/publier.sh installer", &bin);
    assert!(installed.contains("installé : cispgen"), "{installed}");

    // A pull request with a mistake: a locality that does not go with its postal code.
    depot.git("checkout --quiet -b correction");
    depot.edit("localite: Namur ", "localite: Namurr ");
    commit(&depot, "erreur");
    let text = std::fs::read_to_string(depot.dir.join(CENTRE)).expect("centre");
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("Namurr").map(|c| (i + 1, c + 1)))
        .expect("the mistake");
    let github = [("GITHUB_ACTIONS", "true")];
    let out = depot.sh(".cisp/publier.sh verifier --depuis main", &github);
    let shown = self::text(&out);
    assert!(!out.status.success(), "the mistake passes: {shown}");
    let wanted = format!("::error file={CENTRE},line={line},col={col}::");
    assert!(shown.contains(&wanted), "no {wanted} in:\n{shown}");
    assert!(
        shown.contains("1 fichier(s) modifié(s) depuis main"),
        "{shown}"
    );

    // Fixed in the same pull request: the check passes (the example values stay warnings).
    depot.edit("localite: Namurr ", "localite: Namur ");
    depot.edit("titre: Trouver mon métier", "titre: Choisir mon métier");
    commit(&depot, "correction");
    let shown = depot.ok(".cisp/publier.sh verifier --depuis main", &github);
    assert!(!shown.contains("::error"), "{shown}");
    assert!(shown.contains("::warning file=data/centres/aleap/mon-centre.yaml"));

    // The preview lists the pages the pull request changes.
    depot.ok(".cisp/publier.sh apercu --depuis main", &[]);
    let pages = std::fs::read_to_string(depot.dir.join("apercu/pages-modifiees.txt"))
        .expect("list of changed pages");
    assert!(pages.contains("modifiée : /"), "{pages}");
    assert!(
        !pages.contains("ajoutée") && !pages.contains("retirée"),
        "{pages}"
    );

    // Merged, then built under a sub-path, as the GitHub workflow does.
    depot.git("checkout --quiet main");
    depot.git("merge --quiet --ff-only correction");
    depot.ok(".cisp/publier.sh verifier", &[]);
    depot.ok(
        ".cisp/publier.sh construire --base-url https://org.github.io/cisp/",
        &[],
    );
    let public = depot.dir.join("public");
    assert!(public.join("index.html").is_file());
    assert!(public.join("static").is_dir(), "the embedded theme's files");
    let pages = walk_html(&public);
    assert!(pages > 10, "{pages} pages");
    let canonical = std::fs::read_to_string(public.join("index.html")).expect("index");
    assert!(canonical.contains("https://org.github.io/cisp"), "base URL");
    // Nothing of the build is to be committed.
    let status = depot.ok("git status --porcelain", &[]);
    assert!(status.trim().is_empty(), "{status}");
}

fn walk_html(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .expect("a sum")
        .to_string()
}

/// The download is checked against the pinned SHA-256: a wrong one installs nothing, no
/// pin at all says where to find it.
#[test]
fn the_installer_checks_the_pinned_checksum() {
    let depot = depot();
    let url = format!("file://{BIN}");
    let good = sha256(Path::new(BIN));
    let bad = "0".repeat(64);
    let out = depot.sh(
        ".cisp/publier.sh installer",
        &[("CISPGEN_URL", &url), ("CISPGEN_SHA256", &bad)],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("empreinte SHA-256 inattendue"),
        "{}",
        text(&out)
    );
    assert!(!depot.dir.join(".cisp/bin/cispgen").exists());
    // This test binary was not built by the release workflow: no pin in publier.sh.
    let out = depot.sh(".cisp/publier.sh installer", &[("CISPGEN_URL", &url)]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("aucune empreinte SHA-256 épinglée"),
        "{}",
        text(&out)
    );
    depot.ok(
        ".cisp/publier.sh installer",
        &[("CISPGEN_URL", &url), ("CISPGEN_SHA256", &good)],
    );
    assert!(depot.dir.join(".cisp/bin/cispgen").is_file());
}

/// The generated README's commands, as written, from the repository; then `init` again
/// refuses and names what exists.
#[test]
fn the_generated_readme_commands_run_and_init_never_overwrites() {
    let depot = depot();
    let readme = std::fs::read_to_string(depot.dir.join("README.md")).expect("README");
    let mut ran = 0;
    for block in readme.split("```sh\n").skip(1) {
        let block = block.split("```").next().unwrap_or("");
        for line in block.lines().filter(|l| !l.trim().is_empty()) {
            depot.ok(line, &[]);
            ran += 1;
        }
    }
    assert!(ran >= 3, "{ran} commands");
    assert!(
        depot
            .dir
            .join("data/centres/aleap/le-fournil.yaml")
            .is_file()
    );
    let out = depot.sh("cispgen init . --federation aleap", &[]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("existent déjà") && said.contains("site.yaml"),
        "{said}"
    );
    assert!(said.contains(".github/workflows/cisp.yml"), "{said}");
}

/// `init` writes the documented template (`docs/depot/`), the pinned version aside.
#[test]
fn init_writes_the_documented_template() {
    let depot = depot();
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/depot");
    for rel in [
        ".github/workflows/cisp.yml",
        ".gitlab-ci.yml",
        "README.md",
        "site.yaml",
        ".gitignore",
    ] {
        let written = std::fs::read_to_string(depot.dir.join(rel)).expect(rel);
        let documented = std::fs::read_to_string(docs.join(rel)).expect(rel);
        assert_eq!(written, documented, "{rel}");
    }
    let written = std::fs::read_to_string(depot.dir.join(".cisp/publier.sh")).expect("script");
    let documented = std::fs::read_to_string(docs.join(".cisp/publier.sh")).expect("script");
    let differ: Vec<&str> = written
        .lines()
        .zip(documented.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a)
        .collect();
    assert!(
        differ.iter().all(|l| l.starts_with("CISPGEN_VERSION=")),
        "{differ:?}"
    );
    assert!(depot.dir.join("schema/centre.schema.json").is_file());
    assert!(!depot.dir.join("themes").exists() && !depot.dir.join("data/ref").exists());
}

/// The GitLab file parses and its jobs only call the script; `pages` publishes `public/`.
#[test]
fn the_gitlab_ci_file_parses_and_publishes_public() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/depot/.gitlab-ci.yml"),
    )
    .expect("gitlab-ci");
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
    let doc = &docs[0];
    let pages = &doc["pages"];
    assert_eq!(pages["stage"].as_str(), Some("publier"));
    assert_eq!(pages["artifacts"]["paths"][0].as_str(), Some("public"));
    assert_eq!(pages["resource_group"].as_str(), Some("pages"));
    for job in ["verifier", "apercu", "pages"] {
        let script = &doc[job]["script"];
        let lines: Vec<&str> = script
            .as_vec()
            .expect("a script")
            .iter()
            .filter_map(|l| l.as_str())
            .collect();
        assert!(
            lines.iter().any(|l| l.contains(".cisp/publier.sh")),
            "{job}: {lines:?}"
        );
    }
    let stages: Vec<&str> = doc["stages"]
        .as_vec()
        .expect("stages")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    for job in ["verifier", "apercu", "pages"] {
        assert!(
            stages.contains(&doc[job]["stage"].as_str().unwrap_or("?")),
            "{job}"
        );
    }
}

/// `scripts/install.sh` (the README's install line) from a release made here: the
/// archive is checked against SHA256SUMS before anything is installed.
#[test]
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn the_install_script_checks_sha256sums() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let release = tmp.path().join("release");
    let nom = "cispgen-x86_64-unknown-linux-musl";
    std::fs::create_dir_all(release.join(nom)).expect("mkdir");
    std::fs::copy(BIN, release.join(nom).join("cispgen")).expect("copy");
    let tar = Command::new("tar")
        .args(["-czf", &format!("{nom}.tar.gz"), nom])
        .current_dir(&release)
        .status()
        .expect("tar");
    assert!(tar.success());
    let archive = release.join(format!("{nom}.tar.gz"));
    let sums = release.join("SHA256SUMS");
    let install = |dest: &Path| {
        Command::new("sh")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install.sh"))
            .env("CISPGEN_URL", format!("file://{}", release.display()))
            .env("CISPGEN_DEST", dest)
            .output()
            .expect("sh")
    };
    std::fs::write(
        &sums,
        format!(
            "{}  other.tar.gz\n{}  {nom}.tar.gz\n",
            "1".repeat(64),
            "0".repeat(64)
        ),
    )
    .expect("sums");
    let out = install(&tmp.path().join("mauvais"));
    assert!(!out.status.success());
    assert!(
        text(&out).contains("empreinte SHA-256 inattendue"),
        "{}",
        text(&out)
    );
    assert!(!tmp.path().join("mauvais/cispgen").exists());
    std::fs::write(&sums, format!("{}  {nom}.tar.gz\n", sha256(&archive))).expect("sums");
    let dest = tmp.path().join("bin");
    let out = install(&dest);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("installé :"), "{}", text(&out));
    assert!(dest.join("cispgen").is_file());
}
