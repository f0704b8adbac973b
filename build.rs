//! Embeds the `cisp` theme (`themes/cisp/templates/` and `themes/cisp/static/`) in the
//! binary, so that a data-only repository needs no `themes/` folder (issue 17).
//!
//! Writes `$OUT_DIR/theme_integre.rs`: one `include_bytes!` per file, in sorted path
//! order (the same binary from the same tree, whatever the file system's order). A
//! hand-written table rather than `include_dir`/`rust-embed`: twenty lines, no
//! dependency, and the order is ours to fix.

use std::path::{Path, PathBuf};

/// The `cispgen` executable is linked at a fixed address (`-no-pie`) on Linux with glibc.
/// A position-independent executable is relocated by the loader before `main`: here
/// 49,000 relocations spread over the 9.5 MB entity table of minify-html, whose every
/// page the loader then reads and copies. That was 10 ms of each run (`cispgen --version`:
/// 13.8 ms → 3.0 ms), 4 % of a build of the demo catalogue, for the binaries people build
/// themselves (`cargo run`, `cargo install`, the benchmarks). The released musl binaries
/// are not concerned. The cost: no address randomisation of the executable's own code,
/// acceptable for a generator whose only server (`serve`, a preview) listens on 127.0.0.1
/// unless told otherwise (`--host`). Needs a gcc ≥ 6 or clang linker driver (any current
/// distribution). Only the binary: the library, tests and benches stay as they are.
fn lier_sans_pie() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

fn main() {
    lier_sans_pie();
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let theme = manifest.join("themes/cisp");
    println!("cargo::rerun-if-changed=themes/cisp");
    let mut files = Vec::new();
    for part in ["templates", "static"] {
        files_under(&theme.join(part), &mut files);
    }
    let mut rows: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&theme)
                .expect("under the theme")
                .to_str()
                .expect("theme file names are UTF-8")
                .replace('\\', "/");
            (rel, path)
        })
        .collect();
    rows.sort();
    let mut code = String::from(
        "/// The embedded theme's files: path under the theme (`templates/base.html`) and bytes, sorted by path.\n\
         pub static FICHIERS: &[(&str, &[u8])] = &[\n",
    );
    for (rel, path) in &rows {
        let path = path.to_str().expect("paths of the tree are UTF-8");
        code.push_str(&format!("    ({rel:?}, include_bytes!({path:?})),\n"));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("theme_integre.rs"), code).expect("OUT_DIR is writable");
}
