//! The browser search indexes (`src/index.rs`), built from the demo catalogue (scale 1, and
//! scale 10 for the sharded layout), read back as the page reads them:
//!
//! - the text index: « boulanger », « boulangère », « boulangers » (words of the D1102
//!   job titles) lead to exactly the bakery tracks; « 4020 » and « d1102 » are whole
//!   words (no piece of them is a key, no other key leads to them);
//! - descriptions: a word leads to a description only if every track with it has that
//!   word in its description; « cuisine » and « pain » find every track whose
//!   description has them (through the description or a better field);
//! - sizes: what a first « where + what » search reads at demo scale (one gazetteer letter
//!   and the one part) stays within the budget, in two requests;
//! - parts: every place is in exactly one part of the all-sector family, and in one part
//!   of each of its sectors; every box holds its places; every track of a part has its
//!   places there; the demo's places come back with their points, postal codes and
//!   municipalities;
//! - at scale 10, the « what » shards are lexicon pieces: each word in the piece of its
//!   first three letters with its features and their masks, the small tables whole, no
//!   tracks, and much lighter than the whole lexicon;
//! - the gazetteer holds every entry of the geocoder, by first letter;
//! - file names carry their content hash; the manifest names existing files; `/sw.js`
//!   names the build.
//!
//! `INDEX_DUMP=<dir>` writes the scale-1 files there, to look at them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value;

use cispgen::index::{self, Indexes};
use cispgen::model::Centre;
use cispgen::refdata::RefData;
use cispgen::site::empreinte;

/// Budget of the index data of a first « where + what » search at demo scale (the largest
/// gazetteer letter + the one part), gzip.
const BUDGET_DONNEES_1X: usize = 30_000;

/// Budget of one part at scale 10 (gzip): the page reads a few of them at once.
const BUDGET_PARTIE: usize = 40_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The demo catalogue of `scale`, loaded as `cispgen build` loads it.
fn demo(scale: u32) -> Vec<Centre> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("index-demo-{scale}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    cispgen::demo::generate(scale, &dir).expect("demo written");
    let loaded = cispgen::load::load(&dir).expect("demo loads");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!loaded.diagnostics.has_errors(), "the demo has errors");
    loaded.centres
}

fn json(indexes: &Indexes, url: &str) -> Value {
    let f = indexes
        .file(url)
        .unwrap_or_else(|| panic!("{url} is not among the index files"));
    serde_json::from_slice(&f.bytes).unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip").len()
}

/// Every part's entry: the all-sector parts of the manifest, then the sector parts of
/// the lexicon file (a large catalogue), in the order of the build.
fn entrees(indexes: &Indexes) -> Vec<Value> {
    let m = &indexes.manifest;
    let mut l = m["parts"].as_array().expect("parts").clone();
    if let Some(u) = m["lex"].as_str() {
        l.extend(json(indexes, u)["parts"].as_array().expect("parts").clone());
    }
    l
}

/// (entry, content) of every part. The `[name, x0, y0, x1, y1, sectors, size]` entries
/// made into `{"f": URL, "b": box, "s", "o"}` as the page makes them (box × 10, size ×
/// 100: recherche.js, `ajouteParties`).
fn parts(indexes: &Indexes) -> Vec<(Value, Value)> {
    let m = &indexes.manifest;
    let (pd, pv) = (m["pd"].as_str().expect("pd"), m["pv"].as_str().expect("pv"));
    entrees(indexes)
        .iter()
        .map(|p| {
            let n = |i: usize| p[i].as_i64().expect("number");
            let f = format!("{pd}{}.{pv}.json", p[0].as_str().expect("name"));
            let part = json(indexes, &f);
            let entree = serde_json::json!({
                "f": f,
                "b": [n(1) * 10, n(2) * 10, n(3) * 10, n(4) * 10],
                "s": n(5),
                "o": n(6) * 100,
            });
            (entree, part)
        })
        .collect()
}

/// The lexicon: its own file, or inside the one part.
fn lexique(indexes: &Indexes, parts: &[(Value, Value)]) -> Value {
    match indexes.manifest["lex"].as_str() {
        Some(url) => json(indexes, url),
        None => parts[0].1["lex"].clone(),
    }
}

fn slug(relatif: &str, centre: &str) -> String {
    match relatif.strip_prefix('!') {
        Some(s) => s.to_string(),
        None => format!("{centre}-{relatif}"),
    }
}

/// The tracks of a part: (whole slug, track record).
fn tracks(part: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for c in part["c"].as_array().expect("centres") {
        let centre = c[2].as_str().expect("centre slug");
        for f in c[3].as_array().expect("tracks") {
            out.push((slug(f[0].as_str().unwrap(), centre), f.clone()));
        }
    }
    out
}

/// The places of a part: (whole slug, place record).
fn places(part: &Value) -> Vec<(String, Value)> {
    let centres = part["c"].as_array().expect("centres");
    part["l"]
        .as_array()
        .expect("places")
        .iter()
        .map(|l| {
            let c = &centres[l[0].as_u64().unwrap() as usize];
            (
                slug(l[1].as_str().unwrap(), c[2].as_str().unwrap()),
                l.clone(),
            )
        })
        .collect()
}

fn ids(v: &Value) -> BTreeSet<u64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default()
}

/// The tracks (slugs) whose features meet those of `word` in the text index, as the page
/// finds them.
fn tracks_of_word(lex: &Value, parts: &[(Value, Value)], word: &str) -> BTreeSet<String> {
    let mots = index::mots(word);
    assert_eq!(mots.len(), 1, "{word}: {mots:?}");
    let features = ids(&lex["mots"][&mots[0]]);
    let off = |k: &str| lex["fo"][k].as_u64().expect("offset");
    let mut found = BTreeSet::new();
    for (_, part) in parts {
        for (slug, f) in tracks(part) {
            let mut feat = vec![
                off("t") + f[1].as_u64().unwrap(),
                off("c") + f[2].as_u64().unwrap(),
                off("s") + f[3].as_u64().unwrap(),
            ];
            feat.extend(ids(&f[4]).into_iter().map(|r| off("r") + r));
            feat.push(description_feature(lex, &f));
            if feat.iter().any(|x| features.contains(x)) {
                found.insert(slug);
            }
        }
    }
    found
}

/// The description feature of a track record: `fo.x + xt[titre] + offset`.
fn description_feature(lex: &Value, f: &Value) -> u64 {
    let base = lex["xt"][f[1].as_u64().unwrap() as usize].as_i64().unwrap();
    let x = lex["fo"]["x"].as_i64().unwrap() + base + f[8].as_i64().unwrap();
    u64::try_from(x).expect("a description feature")
}

/// The description words: sound (a word leads to a description only if each track with
/// that description has the word) and complete for two words of the demo.
fn descriptions(catalogue: &cispgen::resolve::Catalogue, lex: &Value, parts: &[(Value, Value)]) {
    let x0 = lex["fo"]["x"].as_u64().unwrap();
    let description_de: BTreeMap<String, String> = catalogue
        .filieres
        .iter()
        .map(|f| (f.slug.clone(), f.filiere.description.value.clone()))
        .collect();
    let mut par_feature: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for (_, part) in parts {
        for (slug, f) in tracks(part) {
            assert_eq!(f.as_array().unwrap().len(), 9, "{slug}");
            let x = description_feature(lex, &f);
            assert!(x >= x0 && (x as usize) < lex["fm"].as_array().unwrap().len());
            par_feature.entry(x).or_default().push(slug);
        }
    }
    // One feature per distinct description.
    for slugs in par_feature.values() {
        let d: BTreeSet<&String> = slugs.iter().map(|s| &description_de[s]).collect();
        assert_eq!(d.len(), 1, "{slugs:?}");
    }
    let mut postings = 0;
    for (mot, v) in lex["mots"].as_object().unwrap() {
        for x in ids(v).into_iter().filter(|&x| x >= x0) {
            postings += 1;
            for slug in &par_feature[&x] {
                assert!(
                    index::mots(&description_de[slug]).contains(mot),
                    "« {mot} » is not in the description of {slug}"
                );
            }
        }
    }
    assert!(postings > 100, "{postings} description words");
    for mot in ["cuisine", "pain"] {
        let attendues: BTreeSet<String> = catalogue
            .filieres
            .iter()
            .filter(|f| index::mots(&f.filiere.description.value).contains(&index::mots(mot)[0]))
            .map(|f| f.slug.clone())
            .collect();
        assert!(!attendues.is_empty(), "« {mot} » in some description");
        let trouvees = tracks_of_word(lex, parts, mot);
        assert!(
            attendues.is_subset(&trouvees),
            "« {mot} »: {:?} not found",
            attendues.difference(&trouvees).collect::<Vec<_>>()
        );
    }
}

#[test]
fn demo_scale_1() {
    let refdata = RefData::load();
    let centres = demo(1);
    let catalogue = cispgen::resolve::resolve(&centres, refdata, today());
    let indexes = index::build(&catalogue);
    if let Ok(dump) = std::env::var("INDEX_DUMP") {
        for f in &indexes.files {
            let p = std::path::Path::new(&dump).join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.bytes).unwrap();
        }
    }
    let parts = parts(&indexes);
    let lex = lexique(&indexes, &parts);

    // Two requests at demo scale: a gazetteer letter, and one part with every place and
    // track, and the lexicon.
    assert_eq!(parts.len(), 1, "the demo catalogue is one part");
    assert!(indexes.manifest["lex"].is_null());
    assert_eq!(places(&parts[0].1).len(), catalogue.lieux.len());
    assert_eq!(tracks(&parts[0].1).len(), catalogue.filieres.len());
    let slugs: BTreeSet<String> = tracks(&parts[0].1).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        slugs,
        catalogue
            .filieres
            .iter()
            .map(|f| f.slug.clone())
            .collect::<BTreeSet<_>>()
    );

    // « boulanger » and its forms: the D1102 job titles and the bakery titles.
    let rome = lex["rome"].as_array().unwrap();
    let d1102 = rome
        .iter()
        .position(|r| r == "D1102")
        .expect("D1102 is in the demo") as u64;
    let f_d1102 = lex["fo"]["r"].as_u64().unwrap() + d1102;
    assert!(
        ids(&lex["mots"]["boulanger"]).contains(&f_d1102),
        "« boulanger » → D1102"
    );
    let attendues: BTreeSet<String> = catalogue
        .filieres
        .iter()
        .filter(|f| {
            f.filiere.rome.iter().any(|c| c.value == "D1102")
                || cispgen::text::fold(&f.filiere.titre).contains("boulanger")
        })
        .map(|f| f.slug.clone())
        .collect();
    assert!(
        attendues.len() >= 3,
        "bakery tracks in the demo: {attendues:?}"
    );
    for mot in ["boulanger", "Boulangère", "boulangers", "BOULANGÈRES"] {
        assert_eq!(tracks_of_word(&lex, &parts, mot), attendues, "« {mot} »");
    }

    // Whole words: postal codes and ROME codes.
    let mots = lex["mots"].as_object().unwrap();
    let cps = lex["cp"].as_array().unwrap();
    let i4020 = cps
        .iter()
        .position(|c| c == "4020")
        .expect("a place in 4020") as u64;
    let f4020 = lex["fo"]["p"].as_u64().unwrap() + i4020;
    assert_eq!(
        ids(&mots["4020"]),
        BTreeSet::from([f4020]),
        "« 4020 » is one postal code"
    );
    assert_eq!(
        ids(&mots["d1102"]),
        BTreeSet::from([f_d1102]),
        "« d1102 » is one job code"
    );
    for (k, v) in mots {
        let v = ids(v);
        if k != "4020" {
            assert!(!v.contains(&f4020), "« {k} » must not lead to 4020");
        }
        if k.chars().any(|c| c.is_ascii_digit()) {
            let code_postal = k.len() == 4 && k.chars().all(|c| c.is_ascii_digit());
            let rome = k.len() == 5
                && rome
                    .iter()
                    .any(|r| r.as_str().unwrap().eq_ignore_ascii_case(k));
            assert!(code_postal || rome, "digits only in whole codes: « {k} »");
        }
    }
    for piece in ["402", "020", "40", "20", "d110", "1102", "d11", "102"] {
        assert!(
            !mots.contains_key(piece),
            "« {piece} » is a piece of a code, not a word"
        );
    }
    assert_eq!(index::mots("4020"), ["4020"]);
    assert_eq!(index::mots("D1102"), ["d1102"]);

    // Places: points, postal codes and municipalities.
    for (slug, l) in places(&parts[0].1) {
        let lr = catalogue
            .lieux
            .iter()
            .find(|x| x.slug == slug)
            .expect("place");
        let x = l[6].as_i64().unwrap() as f64 / 1e4 + 2.5;
        let y = l[7].as_i64().unwrap() as f64 / 1e4 + 49.4;
        let ok = (x - lr.point.x()).abs() <= 0.51e-4 && (y - lr.point.y()).abs() <= 0.51e-4;
        assert!(ok, "{slug}: ({x}, {y}) vs {:?}", lr.point);
        assert_eq!(l[5].as_str().unwrap(), lr.lieu.code_postal.trim());
        assert_eq!(l[4].as_str().unwrap(), lr.commune.nom, "{slug}");
    }

    // The gazetteer: every municipality, locality and postal code of the geocoder, each
    // under the first letter (or digit) of its name.
    let geocoder = cispgen::geocode::Geocoder::new(refdata);
    let g = indexes.manifest["g"].as_object().unwrap();
    let (mut communes, mut localites, mut codes) = (BTreeSet::new(), 0, 0);
    let mut plus_lourde = 0;
    for (k, url) in g {
        let file = json(&indexes, url.as_str().unwrap());
        plus_lourde = plus_lourde.max(gzip(&indexes.file(url.as_str().unwrap()).unwrap().bytes));
        for c in file["c"].as_array().into_iter().flatten() {
            communes.insert(c[0].as_str().unwrap().to_string());
        }
        for l in file["l"].as_array().into_iter().flatten() {
            let nom = l[0].as_str().unwrap();
            assert_eq!(index::cle_gazetteer(nom), Some(k.clone()), "{nom}");
            localites += 1;
        }
        codes += file["p"].as_array().map_or(0, Vec::len);
    }
    assert_eq!(
        communes.len() + localites + codes,
        geocoder.gazetteer().len()
    );
    let j = json(&indexes, g["j"].as_str().unwrap());
    assert!(
        j["l"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l[0] == "Jemeppe-sur-Meuse")
    );

    // Sizes: the heaviest gazetteer letter and the part.
    let part_bytes = &indexes
        .file(parts[0].0["f"].as_str().unwrap())
        .unwrap()
        .bytes;
    let gp = gzip(part_bytes);
    println!(
        "scale 1: part {} B ({gp} B gzip; lexicon {} B gzip), heaviest gazetteer letter {plus_lourde} B gzip, first search ≤ {} B gzip",
        part_bytes.len(),
        gzip(lex.to_string().as_bytes()),
        gp + plus_lourde
    );
    assert!(
        gp + plus_lourde <= BUDGET_DONNEES_1X,
        "a first search may read {} B gzip > {BUDGET_DONNEES_1X}",
        gp + plus_lourde
    );
    let o = parts[0].0["o"].as_u64().unwrap() as usize;
    assert!(
        gp <= o && o < gp + 100,
        "the manifest gives the gzip size in hundreds of bytes, rounded up: {o} for {gp}"
    );

    descriptions(&catalogue, &lex, &parts);
    files_are_named_by_their_hash(&indexes);
    shards_hold_what_their_words_find(&indexes, &lex, &parts[0].1);
}

/// Every feature of a track record of `part` a word can lead to: its fields, and the
/// postal codes of its places.
fn features_of(lex: &Value, part: &Value, centre: &Value, f: &Value) -> BTreeSet<u64> {
    let off = |k: &str| lex["fo"][k].as_u64().expect("offset");
    let mut feat = BTreeSet::from([
        off("t") + f[1].as_u64().unwrap(),
        off("c") + f[2].as_u64().unwrap(),
        off("s") + f[3].as_u64().unwrap(),
        off("m") + centre[1].as_u64().unwrap(),
        description_feature(lex, f),
    ]);
    feat.extend(ids(&f[4]).into_iter().map(|r| off("r") + r));
    let flags = f[5].as_u64().unwrap();
    for (i, bit) in [2, 4, 8].into_iter().enumerate() {
        if flags & bit != 0 {
            feat.insert(off("d") + i as u64);
        }
    }
    let cps: Vec<&Value> = lex["cp"].as_array().unwrap().iter().collect();
    let lieux = part["l"].as_array().unwrap();
    for l in ids(&f[7]) {
        let cp = &lieux[l as usize][5];
        let i = cps
            .iter()
            .position(|c| *c == cp)
            .expect("a known postal code");
        feat.insert(off("p") + i as u64);
    }
    feat
}

/// The « what » shards of a small catalogue (src/index/quoi.rs): for every word of the
/// text index, the shard of its first three letters has that word, exactly the tracks
/// whose features meet the word's (as the whole part has them), their places, and their
/// titles; what a first « where + what » search reads stays small.
fn shards_hold_what_their_words_find(indexes: &Indexes, lex: &Value, tout: &Value) {
    let m = &indexes.manifest;
    let (q, qv) = (m["q"].as_str().expect("q"), m["qv"].as_str().expect("qv"));
    let mut par_piste: BTreeMap<String, (BTreeSet<u64>, Value)> = BTreeMap::new();
    for c in tout["c"].as_array().unwrap() {
        let centre = c[2].as_str().unwrap();
        for f in c[3].as_array().unwrap() {
            let feat = features_of(lex, tout, c, f);
            par_piste.insert(slug(f[0].as_str().unwrap(), centre), (feat, f.clone()));
        }
    }
    let mots = lex["mots"].as_object().unwrap();
    let mut courtes = BTreeSet::new();
    for (mot, features) in mots {
        let cle = index::cle_tranche(mot);
        if cle.chars().count() < 3 {
            courtes.insert(cle.clone());
        }
        let shard = json(indexes, &format!("{q}{cle}.{qv}.json"));
        assert_eq!(&shard["lex"]["mots"][mot], features, "« {mot} » in {cle}");
        let features = ids(features);
        let attendues: BTreeSet<&String> = par_piste
            .iter()
            .filter(|(_, (feat, _))| !feat.is_disjoint(&features))
            .map(|(s, _)| s)
            .collect();
        let dans: BTreeMap<String, Value> = tracks(&shard).into_iter().collect();
        for s in &attendues {
            let f = dans
                .get(*s)
                .unwrap_or_else(|| panic!("« {mot} » finds {s}, missing from shard {cle}"));
            let (_, entier) = &par_piste[*s];
            for i in [0, 1, 2, 3, 4, 5, 6, 8] {
                assert_eq!(f[i], entier[i], "{s}: field {i} in shard {cle}");
            }
            let titre = &shard["lex"]["titres"][f[1].as_u64().unwrap().to_string()];
            assert_eq!(
                titre,
                &lex["titres"][f[1].as_u64().unwrap() as usize],
                "{s}"
            );
        }
        // Each place of a shard's track is there, with its postal code's feature.
        let lieux: BTreeMap<String, Value> = places(&shard).into_iter().collect();
        for (s, _) in tracks(&shard) {
            assert!(par_piste.contains_key(&s), "{s} in shard {cle} is a track");
        }
        for (s, l) in &lieux {
            let cp = l[5].as_str().unwrap();
            assert!(
                shard["lex"]["cpf"][cp].is_u64(),
                "{s}: postal code {cp} has its feature in shard {cle}"
            );
        }
    }
    assert_eq!(
        m["qc"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect::<BTreeSet<_>>(),
        courtes,
        "the manifest names the shards of fewer than three letters"
    );
    let cles = json(indexes, m["k"].as_str().expect("k"));
    assert_eq!(
        cles["k"].as_array().unwrap().len(),
        mots.len(),
        "cles lists every word"
    );

    // A first « where + what » search: one gazetteer letter and one shard.
    for (lieu, mot, max) in [
        ("l", "boulanger", 8_000),
        ("j", "cuisine", 8_000),
        ("n", "français", 10_000),
        ("a", "informatique", 10_000),
    ] {
        let g = indexes.file(m["g"][lieu].as_str().unwrap()).unwrap();
        let r = index::mots(mot);
        let shard = format!("{q}{}.{qv}.json", index::cle_tranche(&r[0]));
        let t = indexes.file(&shard).unwrap();
        let poids = gzip(&g.bytes) + gzip(&t.bytes);
        eprintln!("{lieu} + {mot}: {poids} B gzip in two files");
        assert!(poids <= max, "{lieu} + {mot}: {poids} B > {max}");
    }
}

/// The lexicon pieces of a large catalogue (src/index/quoi.rs): the piece of a word's first
/// three letters has the word with the lexicon's features, the masks of those features
/// and of the filters, and the lexicon's whole small tables; no tracks. What a first
/// « where + what » search reads before its parts stays a few KB.
fn pieces_hold_their_words(indexes: &Indexes, lex: &Value) {
    let m = &indexes.manifest;
    let (q, qv) = (m["q"].as_str().expect("q"), m["qv"].as_str().expect("qv"));
    let fo = &lex["fo"];
    let filtres = fo["r"].as_u64().unwrap()..fo["p"].as_u64().unwrap();
    let mut cles = BTreeSet::new();
    for (mot, features) in lex["mots"].as_object().unwrap() {
        let cle = index::cle_tranche(mot);
        let piece = json(indexes, &format!("{q}{cle}.{qv}.json"));
        assert!(
            piece["c"].is_null() && piece["l"].is_null(),
            "{cle}: no tracks"
        );
        let p = &piece["lex"];
        assert_eq!(&p["mots"][mot], features, "« {mot} » in {cle}");
        for f in ids(features).into_iter().chain(filtres.clone()) {
            assert_eq!(
                p["fm"][f.to_string()],
                lex["fm"][f as usize],
                "{cle}: fm {f}"
            );
        }
        for t in ["titres", "xt", "gares", "rome", "fo", "jour"] {
            assert_eq!(p[t], lex[t], "{cle}: {t}");
        }
        // A postal code that is a word: its feature, as in the lexicon's table.
        let (fo_p, fo_x) = (fo["p"].as_u64().unwrap(), fo["x"].as_u64().unwrap());
        for f in ids(features)
            .into_iter()
            .filter(|f| (fo_p..fo_x).contains(f))
        {
            let cp = lex["cp"][(f - fo_p) as usize].as_str().unwrap();
            assert_eq!(p["cpf"][cp], f, "{cle}: postal code {cp}");
        }
        // The sector parts where the word finds tracks: all of them, and the sectors
        // they cover (`ps`) include those of the word's features.
        let ps = p["ps"].as_u64().expect("ps");
        for f in ids(features) {
            let s = lex["fm"][f as usize].as_u64().unwrap();
            assert_eq!(
                s & ps,
                s,
                "{cle}: « {mot} » finds tracks in sectors {s:b}, ps {ps:b}"
            );
        }
        let attendues: Vec<&Value> = lex["parts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e[5].as_u64().unwrap() & ps != 0)
            .collect();
        let listees: Vec<&Value> = p["parts"].as_array().unwrap().iter().collect();
        assert_eq!(listees, attendues, "{cle}: the sector parts of {ps:b}");
        cles.insert(cle);
    }
    let pieces = indexes
        .files
        .iter()
        .filter(|f| f.path.contains("/q/"))
        .count();
    assert_eq!(pieces, cles.len(), "one piece per key");
    for (lieu, mot) in [("l", "boulanger"), ("j", "cuisine")] {
        let r = index::mots(mot);
        let piece = format!("{q}{}.{qv}.json", index::cle_tranche(&r[0]));
        let poids = gzip(&indexes.file(&piece).unwrap().bytes);
        let tout = gzip(&indexes.file(m["lex"].as_str().unwrap()).unwrap().bytes);
        eprintln!("{lieu} + {mot}: piece {poids} B gzip, whole lexicon {tout} B");
        assert!(poids * 2 < tout, "{mot}: piece {poids} B, lexicon {tout} B");
    }
}

fn files_are_named_by_their_hash(indexes: &Indexes) {
    let mut named = 0;
    let mut shards = String::new();
    for f in &indexes.files {
        if f.path == "sw.js" {
            let text = String::from_utf8(f.bytes.clone()).unwrap();
            assert!(text.contains(&indexes.version), "sw.js names the build");
            assert!(text.contains("importScripts(\"/static/sw.js\")"));
            continue;
        }
        assert!(f.path.starts_with("static/recherche/"), "{}", f.path);
        if f.path.ends_with("manifeste.json") {
            let m: Value = serde_json::from_slice(&f.bytes).unwrap();
            assert_eq!(m, indexes.manifest);
            continue;
        }
        // The « what » shards carry one hash of them all (the page builds their names).
        if f.path.contains("/q/") {
            let qv = indexes.manifest["qv"].as_str().expect("qv");
            assert!(f.path.ends_with(&format!(".{qv}.json")), "{}", f.path);
            shards.push_str(
                f.path
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .split('.')
                    .next()
                    .unwrap(),
            );
            shards.push_str(&empreinte(&f.bytes));
            continue;
        }
        let hash = empreinte(&f.bytes);
        // Parts carry one hash of their own names and hashes (checked below).
        if f.path.contains("/p-") {
            let pv = indexes.manifest["pv"].as_str().expect("pv");
            assert!(f.path.ends_with(&format!(".{pv}.json")), "{}", f.path);
            named += 1;
            continue;
        }
        assert!(
            f.path.ends_with(&format!(".{hash}.json")),
            "{} is not named by its hash {hash}",
            f.path
        );
        named += 1;
    }
    let m = &indexes.manifest;
    if let Some(qv) = m["qv"].as_str() {
        assert_eq!(
            qv,
            empreinte(shards.as_bytes()),
            "the shards' hash covers them all"
        );
    }
    // The parts' hash: of each part's name with the hash of its content, in the
    // manifest's order, so that any change of any part renames them all.
    let mut noms = String::new();
    for p in &entrees(indexes) {
        let nom = format!("p-{}", p[0].as_str().unwrap());
        let f = format!(
            "{}{}.{}.json",
            m["pd"].as_str().unwrap(),
            &nom[2..],
            m["pv"].as_str().unwrap()
        );
        let bytes = &indexes.file(&f).expect("part").bytes;
        noms.push_str(&format!("static/recherche/{nom}.{}.json", empreinte(bytes)));
    }
    assert_eq!(m["pv"].as_str().unwrap(), empreinte(noms.as_bytes()), "pv");
    let attendus = entrees(indexes).len()
        + m["g"].as_object().unwrap().len()
        + usize::from(m["lex"].is_string())
        + usize::from(m["k"].is_string());
    assert_eq!(named, attendus);
}

#[test]
fn demo_scale_10_is_sharded() {
    let refdata = RefData::load();
    let centres = demo(10);
    let catalogue = cispgen::resolve::resolve(&centres, refdata, today());
    let indexes = index::build(&catalogue);
    let parts = parts(&indexes);
    assert!(parts.len() > 16, "{} parts", parts.len());
    assert!(indexes.manifest["lex"].is_string(), "a lexicon of its own");
    // The page lists the all-sector parts only; the lexicon lists the sector parts.
    let en_page = indexes.manifest["parts"].as_array().unwrap();
    assert!(
        en_page.iter().all(|e| e[5] == 0),
        "all-sector parts in the page"
    );
    assert!(
        parts.len() > en_page.len() && parts[en_page.len()..].iter().all(|(e, _)| e["s"] != 0),
        "sector parts in the lexicon"
    );
    assert_eq!(
        indexes.manifest["ql"], true,
        "« what » shards are lexicon pieces"
    );
    pieces_hold_their_words(&indexes, &lexique(&indexes, &parts));

    // Place slug → how many all-sector parts hold it; (slug, sector) → sector parts.
    let mut tous: BTreeMap<String, usize> = BTreeMap::new();
    let mut par_secteur: BTreeMap<(String, u64), usize> = BTreeMap::new();
    let mut max_o = 0;
    for (m, part) in &parts {
        let b: Vec<i64> = m["b"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        let s = m["s"].as_u64().unwrap();
        max_o = max_o.max(m["o"].as_u64().unwrap() as usize);
        let lieux = places(part);
        for (slug, l) in &lieux {
            let (x, y) = (l[6].as_i64().unwrap(), l[7].as_i64().unwrap());
            assert!(
                b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3],
                "{}: place outside the box",
                m["f"]
            );
            if s == 0 {
                *tous.entry(slug.clone()).or_default() += 1;
            } else {
                assert_eq!(s.count_ones(), 1);
                *par_secteur.entry((slug.clone(), s)).or_default() += 1;
            }
        }
        for (slug, f) in tracks(part) {
            let ici = f[7].as_array().unwrap();
            assert!(!ici.is_empty(), "{}: {slug} has no place here", m["f"]);
            assert!(
                ici.iter()
                    .all(|i| (i.as_u64().unwrap() as usize) < lieux.len())
            );
            if s != 0 {
                assert_eq!(
                    1u64 << f[3].as_u64().unwrap(),
                    s,
                    "a track in another sector's part"
                );
            }
        }
    }
    for l in &catalogue.lieux {
        assert_eq!(
            tous.get(&l.slug),
            Some(&1),
            "{}: in exactly one all-sector part",
            l.slug
        );
        let secteurs: BTreeSet<usize> = l
            .filieres
            .iter()
            .map(|&f| {
                let s = catalogue.filieres[f].filiere.secteur;
                cispgen::model::Secteur::ALL
                    .iter()
                    .position(|x| *x == s)
                    .unwrap()
            })
            .collect();
        for s in secteurs {
            assert_eq!(
                par_secteur.get(&(l.slug.clone(), 1 << s)),
                Some(&1),
                "{}: sector {s}",
                l.slug
            );
        }
    }
    assert_eq!(tous.len(), catalogue.lieux.len());
    println!("scale 10: {} parts, largest {max_o} B gzip", parts.len());
    assert!(max_o <= BUDGET_PARTIE, "a part weighs {max_o} B gzip");
    files_are_named_by_their_hash(&indexes);
}
