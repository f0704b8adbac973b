//! Criterion benchmarks of the pipeline stages on the demo catalogue (1×):
//! `cargo bench --bench pipeline`. Whole builds at 1×, 10× and 100× are timed by
//! `scripts/bench.sh`.

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use cispgen::nouveautes::Precedent;
use criterion::{Criterion, criterion_group, criterion_main};

fn stages(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let refdata = cispgen::refdata::RefData::load();
    let mut group = c.benchmark_group("1x");
    group.sample_size(20);

    group.bench_function("load", |b| {
        b.iter(|| black_box(cispgen::load::load(root).expect("load")))
    });
    let loaded = cispgen::load::load(root).expect("load");
    group.bench_function("check", |b| {
        b.iter(|| {
            black_box(cispgen::check::check(
                &loaded.centres,
                &loaded.sources,
                refdata,
                today,
            ))
        })
    });
    group.bench_function("resolve", |b| {
        b.iter(|| {
            black_box(
                cispgen::resolve::resolve(&loaded.centres, refdata, today)
                    .lieux
                    .len(),
            )
        })
    });
    let catalogue = cispgen::resolve::resolve(&loaded.centres, refdata, today);
    group.bench_function("index", |b| {
        b.iter(|| black_box(cispgen::index::build(&catalogue).files.len()))
    });

    let mut sources = cispgen::diag::Sources::default();
    let config = cispgen::config::Config::load(root, &mut sources).unwrap_or_default();
    let content = cispgen::content::load(root, &mut sources, &mut Vec::new());
    let indexes = cispgen::index::build(&catalogue);
    let theme = cispgen::render::Theme::load(root, &config).expect("theme");
    let site = cispgen::render::Site {
        config: &config,
        catalogue: &catalogue,
        sources: &loaded.sources,
        content: &content,
        indexes: &indexes,
    };
    group.bench_function("assemble", |b| {
        b.iter(|| {
            let out = cispgen::assemble::en_memoire(&site, &theme, &Precedent::aucun());
            black_box(out.expect("render").len())
        })
    });
    let outputs =
        cispgen::assemble::en_memoire(&site, &theme, &Precedent::aucun()).expect("render");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    group.bench_function("write", |b| {
        b.iter(|| {
            black_box(
                cispgen::write::write_site(&out, &outputs, false)
                    .expect("write")
                    .files,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
