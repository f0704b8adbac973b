//! `cispgen demo`: a deterministic, entirely fictitious catalogue for demonstrations and
//! load tests, placed in real French-speaking Walloon municipalities and localities, with
//! real ROME v3 codes.
//!
//! Everything a person could mistake for real is visibly fake: centre names end with
//! « (démo) », e-mails and websites use the non-existent `.exemple` domain, phone numbers
//! use a `000` block, contact people are called « Exemple », « Démo » or « Fictif ».
//!
//! The catalogue is made of batches of [`CENTRES_PAR_LOT`] centres; scale N makes N
//! batches. Each batch has its own pseudo-random stream (splitmix64 seeded from the batch
//! number), so the same scale always gives byte-identical files and the scale-1 demo is
//! the first batch of every larger scale. Ids and names of batch k ≥ 2 get a `-xk` /
//! « n° k » suffix so that they stay unique.
//!
//! The YAML is written by hand, in the field order of [`crate::model`], as a person would
//! write it.
//!
//! One module per piece: `hasard` (the pseudo-random streams), `calendrier` (dates),
//! `carte` (where centres sit), `modeles` (the track templates), `profil` (the kind of a
//! centre and its templates), `noms` (names and addresses), `catalogue` (the centres),
//! `lieux` (their places), `filieres` (their tracks), `seances` (their information
//! sessions, as rhythms so that the demo never ages), `ecriture` (the YAML).

mod calendrier;
mod carte;
mod catalogue;
mod ecriture;
mod filieres;
mod hasard;
mod lieux;
mod modeles;
mod noms;
mod profil;
mod seances;

use std::path::{Path, PathBuf};

use crate::load::CENTRES_DIR;
use catalogue::{CentreDemo, catalogue};
use ecriture::yaml;

/// Centres per batch: the size of the scale-1 demo.
pub const CENTRES_PAR_LOT: usize = 150;

/// The header line every generated file starts with (schema for editors).
pub const ENTETE: &str = "# yaml-language-server: $schema=../../../schema/centre.schema.json";

/// What `generate` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoStats {
    pub centres: usize,
    pub lieux: usize,
    pub filieres: usize,
    pub files: usize,
}

/// Writes `<root>/data/centres/...` for the given scale (1 = demo, 10, 100). Deterministic:
/// same scale → byte-identical files. Removes nothing outside `<root>/data/centres`; it
/// replaces that folder's content.
pub fn generate(scale: u32, root: &Path) -> std::io::Result<DemoStats> {
    let centres = catalogue(scale);
    let dir = root.join(CENTRES_DIR);
    vider(&dir)?;
    let mut stats = DemoStats::default();
    for centre in &centres {
        let path = root.join(chemin(centre));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, yaml(centre))?;
        stats.centres += 1;
        stats.lieux += centre.lieux.len();
        stats.filieres += centre.filieres.len();
        stats.files += 1;
    }
    Ok(stats)
}

/// Same, in memory: (path relative to the site root, i.e. `data/centres/<fédération>/<id>.yaml`,
/// file text) pairs sorted by path. `generate` writes these.
pub fn files(scale: u32) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = catalogue(scale)
        .iter()
        .map(|c| (chemin(c), yaml(c)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Empties `dir` (creating it if needed) without following symbolic links out of it.
fn vider(dir: &Path) -> std::io::Result<()> {
    if !dir.exists() {
        return std::fs::create_dir_all(dir);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn chemin(centre: &CentreDemo) -> PathBuf {
    Path::new(CENTRES_DIR)
        .join(centre.federation.slug())
        .join(format!("{}.yaml", centre.id))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::OnceLock;

    use super::modeles::{B, O, P};
    use super::*;
    use crate::diag::{FileId, Severity, Sources};
    use crate::load::parse_centre;
    use crate::model::Centre;
    use crate::model::{Categorie, Federation, Methode};
    use crate::refdata::RefData;
    use crate::text::is_slug;

    fn demo() -> &'static [(PathBuf, String)] {
        static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
        FILES.get_or_init(|| files(1))
    }

    fn centres() -> Vec<Centre> {
        demo()
            .iter()
            .enumerate()
            .map(|(i, (path, text))| {
                let (centre, findings) = parse_centre(text, FileId(i as u32));
                assert!(findings.is_empty(), "{}: {findings:?}", path.display());
                let centre = centre.unwrap_or_else(|| panic!("{} unreadable", path.display()));
                assert!(path.ends_with(format!(
                    "{}/{}.yaml",
                    centre.federation.slug(),
                    centre.id.value
                )));
                centre
            })
            .collect()
    }

    #[test]
    fn every_file_loads_cleanly_with_the_expected_mix() {
        let centres = centres();
        let lieux: usize = centres.iter().map(|c| c.lieux.len()).sum();
        let filieres: Vec<_> = centres.iter().flat_map(|c| c.filieres.iter()).collect();
        assert_eq!(centres.len(), 150);
        assert!((260..=340).contains(&lieux), "{lieux} places");
        assert!(
            (400..=500).contains(&filieres.len()),
            "{} tracks",
            filieres.len()
        );
        for f in Federation::ALL {
            assert!(centres.iter().any(|c| *c.federation == f), "{f:?}");
        }
        for m in [Methode::Eft, Methode::Defi] {
            assert!(centres.iter().any(|c| c.methode == m), "{m:?}");
        }
        let part = |cat: Categorie| {
            filieres.iter().filter(|f| f.categorie == cat).count() * 100 / filieres.len()
        };
        let (o, b, p) = (part(O), part(B), part(P));
        assert!(
            (12..=28).contains(&o) && (22..=38).contains(&b) && (40..=60).contains(&p),
            "{o}/{b}/{p} %"
        );
        for f in &filieres {
            assert!(f.categorie != P || !f.rome.is_empty(), "{}", f.id.value);
            assert!((1..=2).contains(&f.lieux.len()));
        }
        for c in &centres {
            assert!(c.nom.ends_with("(démo)"));
            assert!((1..=4).contains(&c.lieux.len()));
            assert!(
                c.courriel
                    .as_deref()
                    .is_some_and(|m| m.ends_with(".exemple"))
            );
        }
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut seen = BTreeSet::new();
        for c in centres() {
            let ids = std::iter::once(c.id.value.clone())
                .chain(c.lieux.iter().map(|l| l.id.value.clone()))
                .chain(c.filieres.iter().map(|f| f.id.value.clone()));
            for id in ids {
                assert!(is_slug(&id), "{id}");
                assert!(seen.insert(id.clone()), "duplicate {id}");
            }
        }
    }

    #[test]
    fn the_checker_finds_only_stale_tracks() {
        let mut sources = Sources::default();
        let mut centres = Vec::new();
        for (path, text) in demo() {
            let id = sources.add(path.clone(), text.clone());
            centres.extend(parse_centre(text, id).0);
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let findings = crate::check::check(&centres, &sources, RefData::load(), today);
        let autres: Vec<_> = findings
            .iter()
            .filter(|d| d.severity == Severity::Error || !d.message.contains("non vérifiées"))
            .collect();
        assert!(autres.is_empty(), "{autres:#?}");
        let stale = findings.len();
        assert!((5..=80).contains(&stale), "{stale} stale tracks");
    }

    #[test]
    fn larger_scales_extend_the_demo_with_unique_ids() {
        let deux = files(2);
        assert_eq!(deux.len(), 300);
        let un: BTreeSet<&(PathBuf, String)> = demo().iter().collect();
        assert!(
            un.iter().all(|f| deux.contains(f)),
            "scale 1 is the first batch"
        );
        let mut seen = BTreeSet::new();
        for (path, text) in &deux {
            let (centre, findings) = parse_centre(text, FileId(0));
            assert!(findings.is_empty(), "{}: {findings:?}", path.display());
            let centre = centre.unwrap_or_else(|| panic!("{}", path.display()));
            let ids = std::iter::once(centre.id.value)
                .chain(centre.lieux.into_iter().map(|l| l.value.id.value))
                .chain(centre.filieres.into_iter().map(|f| f.value.id.value));
            for id in ids {
                assert!(is_slug(&id), "{id}");
                assert!(seen.insert(id.clone()), "duplicate {id}");
            }
        }
        let noms: BTreeSet<&str> = deux.iter().filter_map(|(_, t)| t.lines().nth(2)).collect();
        assert_eq!(noms.len(), 300, "centre names are unique");
    }

    #[test]
    fn deterministic() {
        assert_eq!(files(1), demo());
    }

    #[test]
    fn header() {
        for (_, text) in demo() {
            assert!(text.starts_with(&format!("{ENTETE}\n")));
        }
    }

    #[test]
    #[ignore = "writes data/centres; run with --ignored to refresh the demo data"]
    fn write_demo_data() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let stats = generate(1, root).unwrap_or_else(|e| panic!("{e}"));
        println!("{stats:?}");
        assert_eq!(stats.centres, 150);
    }

    #[test]
    #[ignore = "slow: counts and timing of the larger scales"]
    fn larger_scales() {
        for scale in [10, 100] {
            let t = std::time::Instant::now();
            let catalogue = catalogue(scale);
            let octets: usize = catalogue.iter().map(|c| yaml(c).len()).sum();
            let elapsed = t.elapsed();
            let lieux: usize = catalogue.iter().map(|c| c.lieux.len()).sum();
            let filieres: usize = catalogue.iter().map(|c| c.filieres.len()).sum();
            println!(
                "scale {scale}: {} centres, {lieux} lieux, {filieres} filières, {} Mo, {elapsed:?}",
                catalogue.len(),
                octets / 1_000_000
            );
        }
    }
}
