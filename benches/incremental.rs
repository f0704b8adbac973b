//! The rebuild of `cispgen serve` after one centre file is edited, at demo scale (the
//! demo catalogue of `data/centres`: 150 centres, ~300 places, ~450 tracks), or at
//! `ECHELLE` times it (`cispgen demo --scale`). Budgets (issue 19): the edited centre's
//! pages served within 150 ms at 1 × and 2 s at 100 × (« first pass », median). Also
//! prints the cold build and a breakdown per stage.
//!
//! ```sh
//! cargo bench --bench incremental               # 1 ×: breakdown, then criterion
//! ECHELLE=100 cargo bench --bench incremental   # 100 ×: the breakdown only (5 edits)
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use cispgen::serve::Rebuilder;

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).expect("under from");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of the demo site (data, content, themes, site.yaml) in a temporary folder; at a
/// scale above 1, its data is the demo catalogue generated at that scale.
fn demo_site(echelle: u32) -> (tempfile::TempDir, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    if echelle > 1 {
        cispgen::demo::generate(echelle, dir.path()).expect("demo generated");
    }
    let data = if echelle > 1 {
        None
    } else {
        Some("data/centres")
    };
    for name in data
        .into_iter()
        .chain(["content", "themes", "templates", "static"])
    {
        if repo.join(name).is_dir() {
            copy_tree(&repo.join(name), &dir.path().join(name));
        }
    }
    if repo.join("site.yaml").is_file() {
        std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    }
    let file = cispgen::load::centre_files(dir.path()).expect("centres")[40].clone();
    (dir, file)
}

/// Edits the first track title of the file: a real change, seen by several pages
/// (the track, its centre, its places, lists and municipality pages).
fn edit(file: &Path, n: usize) {
    let text = std::fs::read_to_string(file).expect("read");
    let mut done = false;
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if !done && line.trim_start().starts_with("titre:") {
                done = true;
                let base = line.split(" (révision").next().unwrap_or(line);
                format!("{base} (révision {n})")
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::write(file, edited.join("\n") + "\n").expect("write");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let echelle: u32 = std::env::var("ECHELLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let (_dir, file) = demo_site(echelle);
    println!("scale {echelle} ×");
    let root = file.ancestors().nth(4).expect("root").to_path_buf();
    let mut rebuilder = Rebuilder::new(&root, today, None);

    let t = Instant::now();
    let first = rebuilder
        .rebuild()
        .unwrap_or_else(|e| panic!("cold build: {e}"));
    println!(
        "cold build: {:.1} ms, {} files",
        t.elapsed().as_secs_f64() * 1000.0,
        first.outputs.len()
    );
    drop(first);

    // A breakdown, before criterion's own measurement: the first pass (the edited
    // centre's pages, published at once by `cispgen serve`) and the full pass.
    let mut first = Vec::new();
    let mut full = Vec::new();
    let mut last = None;
    let runs = if echelle > 1 { 5 } else { 30 };
    for n in 0..runs {
        edit(&file, n);
        rebuilder.changed(&file);
        let t = Instant::now();
        let mut at = None;
        let built = rebuilder
            .rebuild_with(&mut |pages| {
                assert!(!pages.is_empty());
                at = Some(t.elapsed());
            })
            .unwrap_or_else(|e| panic!("rebuild: {e}"));
        full.push(t.elapsed());
        first.push(at.expect("a first pass after editing one centre file"));
        last = Some(built.stats);
    }
    let s = last.expect("stats");
    println!(
        "after editing one centre file ({} runs): first pass (the centre's {} pages served) median {:.1} ms; \
         full pass median {:.1} ms (last: load {:.1}, check {:.1}, resolve {:.1}, index {:.1}, render {:.1}, \
         nouveautés {:.1} ms; {} file(s) read, {} reused, {} page(s) rendered of {} files)",
        first.len(),
        s.first_pass_pages,
        ms(median(first)),
        ms(median(full)),
        ms(s.load),
        ms(s.check),
        ms(s.resolve),
        ms(s.index),
        ms(s.render),
        ms(s.nouveautes),
        s.read,
        s.reused,
        s.rendered,
        s.files,
    );

    if echelle > 1 {
        return;
    }
    let mut group = c.benchmark_group("serve");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    let mut n = 100;
    // The time until the edited centre's pages are ready to serve (the full pass runs
    // after, out of the measurement, as in `cispgen serve`).
    group.bench_function("edit_one_centre_file/first_pass", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                edit(&file, n);
                rebuilder.changed(&file);
                let t = Instant::now();
                let mut at = Duration::ZERO;
                let built = rebuilder
                    .rebuild_with(&mut |_| at = t.elapsed())
                    .unwrap_or_else(|e| panic!("rebuild: {e}"));
                spent += at;
                drop(built);
            }
            spent
        })
    });
    group.bench_function("edit_one_centre_file/full_pass", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                edit(&file, n);
                rebuilder.changed(&file);
                let t = Instant::now();
                let built = rebuilder
                    .rebuild()
                    .unwrap_or_else(|e| panic!("rebuild: {e}"));
                spent += t.elapsed();
                drop(built);
            }
            spent
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
