//! The theme's scripts and style sheet, minified once when the theme is loaded (issue 19):
//! every trainee's first search downloads them, on prepaid data.
//!
//! The minifiers are the ones minify-html already brings into the build (oxc for
//! JavaScript, lightningcss for CSS), so they cost no new dependency. A file they cannot
//! parse (a site's own script with a syntax error, say) is published as written: the
//! browser reports the error where its author can see it, and the build goes on.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// The published bytes of static file `path`: minified if it is a script or a style
/// sheet that parses, otherwise unchanged.
pub fn minifie(path: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    let petit = if path.ends_with(".js") {
        script(text)
    } else if path.ends_with(".css") {
        feuille(text)
    } else {
        None
    };
    match petit {
        Some(petit) if petit.len() < bytes.len() => petit.into_bytes(),
        _ => bytes,
    }
}

/// A classic script (not a module: the theme's scripts are loaded with `defer`). Top-level
/// names are kept (oxc mangles only local ones), so a site's template may still call them.
fn script(text: &str) -> Option<String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::cjs()).parse();
    if !parsed.errors.is_empty() || parsed.panicked {
        return None;
    }
    let mut program = parsed.program;
    let minifie = Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        // The safest compression, as minify-html uses it: no assumption about the code.
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    // The mangled names live in the minifier's scoping: without it the printer writes the
    // original names (12.9 KB gz for recherche.js instead of 9.x). No comments either.
    Some(
        Codegen::new()
            .with_options(CodegenOptions::minify())
            .with_scoping(minifie.scoping)
            .build(&program)
            .code,
    )
}

fn feuille(text: &str) -> Option<String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let printer = PrinterOptions {
        minify: true,
        ..PrinterOptions::default()
    };
    sheet.to_css(printer).ok().map(|css| css.code)
}

/// A style sheet's site paths (`url(/static/i-lieu.svg)`) under the site's root
/// (`/cisp`, see [`crate::site::racine`]); unchanged at the root, so a root build's sheet and
/// its hash stay as they were.
pub fn sous_la_racine(path: &str, bytes: Vec<u8>, racine: &str) -> Vec<u8> {
    if racine.is_empty() || !path.ends_with(".css") {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(css) => css
            .replace("url(/", &format!("url({racine}/"))
            .replace("url(\"/", &format!("url(\"{racine}/"))
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/cisp/static")
            .join(name);
        std::fs::read(path).unwrap_or_default()
    }

    #[test]
    fn the_theme_scripts_and_sheet_shrink() {
        for name in ["recherche.js", "conseillers.js", "sw.js", "style.css"] {
            let written = theme(name);
            assert!(!written.is_empty(), "{name}");
            let published = minifie(name, written.clone());
            assert!(
                published.len() * 100 < written.len() * 85,
                "{name}: {} → {} bytes",
                written.len(),
                published.len()
            );
        }
    }

    #[test]
    fn scripts_keep_their_behaviour_and_top_level_names() {
        let js = "'use strict';\nfunction racine(mot) {\n  var longueur = mot.length;\n  return longueur > 3 ? mot.slice(0, -1) : mot;\n}\nwindow.racine = racine;\n";
        let out = String::from_utf8(minifie("a.js", js.as_bytes().to_vec())).unwrap_or_default();
        assert!(out.len() < js.len(), "{out}");
        assert!(out.contains("function racine("), "{out}");
        assert!(out.contains("use strict"), "{out}");
        assert!(
            !out.contains("longueur"),
            "local names are shortened: {out}"
        );
        // Names inside a closure are mangled too (the theme's scripts are one closure), and
        // comments go.
        let iife = "(function () {\n  /* a comment */\n  function racinePropre(mot) { return mot.slice(0, -1); }\n  window.x = function (t) { return racinePropre(t) + racinePropre(t + t); };\n})();\n";
        let out = String::from_utf8(minifie("b.js", iife.as_bytes().to_vec())).unwrap_or_default();
        assert!(!out.contains("racinePropre"), "{out}");
        assert!(!out.contains("comment"), "{out}");
    }

    #[test]
    fn style_sheet_paths_go_under_the_root() {
        let css = b"a{--i:url(/static/i.svg)}b{background:url(\"/x.png\")}".to_vec();
        assert_eq!(sous_la_racine("s.css", css.clone(), ""), css);
        assert_eq!(
            sous_la_racine("s.css", css.clone(), "/cisp"),
            b"a{--i:url(/cisp/static/i.svg)}b{background:url(\"/cisp/x.png\")}".to_vec()
        );
        assert_eq!(sous_la_racine("s.js", css.clone(), "/cisp"), css);
    }

    #[test]
    fn what_does_not_parse_is_published_as_written() {
        for (name, text) in [
            ("a.js", "function ( {"),
            ("a.css", "a { color: red"),
            ("a.svg", "<svg>  </svg>"),
        ] {
            let out = minifie(name, text.as_bytes().to_vec());
            if name == "a.css" {
                // lightningcss recovers an unclosed block, as browsers do.
                assert!(out.len() <= text.len());
            } else {
                assert_eq!(out, text.as_bytes(), "{name}");
            }
        }
        assert_eq!(minifie("a.js", vec![0xff, 0xfe]), vec![0xff, 0xfe]);
    }
}
