//! Production headers for static hosts, written with the site:
//!
//! - **`_headers`** (Netlify syntax, also read by Cloudflare Pages): one block per path
//!   pattern, its headers indented below it;
//! - **`nginx-cispgen.conf`**: the same policy as an nginx snippet, to `include` inside
//!   the `server { … }` block that serves the output folder.
//!
//! Both files sit at the root of the output folder (`_headers` must be there for Netlify;
//! the snippet is kept beside it so that it always matches the build). Neither is a page:
//! Netlify does not serve `_headers`, and the nginx snippet answers 404 for both.
//!
//! # The policy
//! - **Pages** (and everything not listed below): a strict Content-Security-Policy
//!   ([`CSP_PAGES`]: scripts, styles, images and data from the site itself only, no inline
//!   script or style, no `<base>`, no framing), `Cache-Control: no-cache` (revalidate each
//!   time, so that a new build is seen at once).
//! - **SVG documents** (`*.svg`: the overview map is embedded with `<object>` and carries its
//!   own `<style>`): [`CSP_SVG`], inline style allowed but no script and nothing fetched;
//!   framing by the site's own pages only.
//! - **Fingerprinted files** (a content hash in the name: the style sheet, the overview map,
//!   the search indexes, the coverage maps): `Cache-Control: public, max-age=31536000,
//!   immutable`. A new content has a new name, so they never need revalidation.
//! - **`/sw.js`**, the service worker: `no-cache` (browsers must see a new build's worker),
//!   and `Service-Worker-Allowed: /`.
//! - Everywhere: `X-Content-Type-Options: nosniff`, `Referrer-Policy:
//!   strict-origin-when-cross-origin`, a `Permissions-Policy` that only keeps geolocation
//!   (« autour de moi » on the search page), `Cross-Origin-Opener-Policy: same-origin` and
//!   `Strict-Transport-Security` (ignored over plain HTTP).
//!
//! In `_headers`, a path matched by several blocks gets the headers of all of them, and for
//! a header given by several blocks Netlify keeps the last (most specific) one: so `/*`
//! comes first and the exceptions after it. (Cloudflare Pages joins such values with a
//! comma instead; there, put the exceptions' CSP and cache lines behind a `! Header` line,
//! or use the nginx snippet's logic.)
//!
//! Under a sub-path (`--base-url https://org.github.io/cisp/`), `_headers` names its paths
//! under it; the nginx snippet assumes the output folder is the server's root.

use std::fmt::Write as _;

use crate::site::Output;

/// Where the files go, relative to the output folder.
pub const HEADERS_FILE: &str = "_headers";
pub const NGINX_FILE: &str = "nginx-cispgen.conf";

/// The Content-Security-Policy of pages (and of every file that is not an SVG document).
pub const CSP_PAGES: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
object-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The Content-Security-Policy of SVG documents: their own `<style>`, nothing else; the
/// site's pages may embed them (`<object>`).
pub const CSP_SVG: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const CACHE_REVALIDATE: &str = "no-cache";

/// Headers sent with every response.
pub const COMMON: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Strict-Transport-Security", "max-age=31536000"),
];

/// A name that carries a content hash: `style.0123456789.css` (see
/// [`crate::site::fingerprinted`]: ten lowercase hexadecimal digits before the extension).
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() == 10
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The headers a static host should send for `path` (site-relative, with or without the
/// leading `/`): what `_headers` and the nginx snippet say, as one list. For tests and for
/// `cispgen serve`.
pub fn for_path(path: &str) -> Vec<(&'static str, &'static str)> {
    let path = path.trim_start_matches('/');
    let mut headers: Vec<(&'static str, &'static str)> = COMMON.to_vec();
    let svg = path.to_ascii_lowercase().ends_with(".svg");
    if svg {
        headers.push(("Content-Security-Policy", CSP_SVG));
        headers.push(("X-Frame-Options", "SAMEORIGIN"));
    } else {
        headers.push(("Content-Security-Policy", CSP_PAGES));
        headers.push(("X-Frame-Options", "DENY"));
    }
    let cache = if is_fingerprinted(path) {
        CACHE_IMMUTABLE
    } else {
        CACHE_REVALIDATE
    };
    headers.push(("Cache-Control", cache));
    if path == "sw.js" {
        headers.push(("Service-Worker-Allowed", "/"));
    }
    headers
}

/// The fingerprinted files this build links to and that `_headers` names one by one (the
/// style sheet, the overview map, the search indexes): those of `liens` whose name has a
/// hash, sorted, once each.
fn fingerprinted_files(liens: &[String]) -> Vec<String> {
    let mut files: Vec<String> = liens
        .iter()
        .filter(|p| is_fingerprinted(p))
        .cloned()
        .collect();
    files.sort();
    files.dedup();
    files
}

fn block(out: &mut String, pattern: &str, headers: &[(&str, &str)]) {
    let _ = writeln!(out, "{pattern}");
    for (name, value) in headers {
        let _ = writeln!(out, "  {name}: {value}");
    }
    out.push('\n');
}

/// `_headers`, Netlify syntax; `racine`, the site's path prefix, in front of each pattern
/// (`liens` are site paths).
pub fn netlify(racine: &str, liens: &[String]) -> String {
    let mut out = String::from(
        "# Generated by cispgen (src/headers.rs) at each build: do not edit.\n\
         # Netlify (_headers): a path matched by several blocks gets all their headers; for the\n\
         # same header, the last block wins. Hence /* first, then the exceptions.\n\n",
    );
    let mut all: Vec<(&str, &str)> = COMMON.to_vec();
    all.extend([
        ("Content-Security-Policy", CSP_PAGES),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", CACHE_REVALIDATE),
    ]);
    block(&mut out, &format!("{racine}/*"), &all);
    block(
        &mut out,
        &format!("{racine}/*.svg"),
        &[
            ("Content-Security-Policy", CSP_SVG),
            ("X-Frame-Options", "SAMEORIGIN"),
        ],
    );
    let portee = format!("{racine}/");
    block(
        &mut out,
        &format!("{racine}/sw.js"),
        &[
            ("Cache-Control", CACHE_REVALIDATE),
            ("Service-Worker-Allowed", &portee),
        ],
    );
    // Files whose name has a hash: the coverage maps (not known here by name), then each
    // other one by its name.
    block(
        &mut out,
        &format!("{racine}/couverture/*/carte.*"),
        &[("Cache-Control", CACHE_IMMUTABLE)],
    );
    // The « what » shards: hundreds of files, every one named with the shards' hash.
    let tranches = format!("/{}/q/", crate::index::DOSSIER);
    block(
        &mut out,
        &format!("{racine}{tranches}*"),
        &[("Cache-Control", CACHE_IMMUTABLE)],
    );
    for path in fingerprinted_files(liens)
        .into_iter()
        .filter(|p| !p.starts_with(&tranches))
    {
        block(
            &mut out,
            &format!("{racine}{path}"),
            &[("Cache-Control", CACHE_IMMUTABLE)],
        );
    }
    out
}

fn nginx_headers(out: &mut String, indent: &str, headers: &[(&str, &str)]) {
    for (name, value) in headers {
        let _ = writeln!(out, "{indent}add_header {name} \"{value}\" always;");
    }
}

/// The nginx snippet: `include` it in the `server` block whose `root` is the output folder.
pub fn nginx() -> String {
    let mut out = String::from(
        "# Generated by cispgen (src/headers.rs) at each build: do not edit.\n\
         # Include it inside the server { } block whose root is the output folder:\n\
         #     root /srv/cisp.be/public;\n\
         #     include /srv/cisp.be/public/nginx-cispgen.conf;\n\
         # nginx does not merge add_header between levels: every location below repeats the\n\
         # headers common to all responses.\n\n\
         index index.html;\n\
         error_page 404 /404.html;\n\n\
         location = /_headers { return 404; }\n\
         location = /nginx-cispgen.conf { return 404; }\n\n",
    );
    let cases: [(&str, &str, &str); 5] = [
        ("= /sw.js", CSP_PAGES, CACHE_REVALIDATE),
        ("~ \"\\.[0-9a-f]{10}\\.svg$\"", CSP_SVG, CACHE_IMMUTABLE),
        ("~* \"\\.svg$\"", CSP_SVG, CACHE_REVALIDATE),
        (
            "~ \"\\.[0-9a-f]{10}\\.[a-z0-9]+$\"",
            CSP_PAGES,
            CACHE_IMMUTABLE,
        ),
        ("/", CSP_PAGES, CACHE_REVALIDATE),
    ];
    for (matcher, csp, cache) in cases {
        let _ = writeln!(out, "location {matcher} {{");
        let mut headers: Vec<(&str, &str)> = COMMON.to_vec();
        let frame = if csp == CSP_SVG { "SAMEORIGIN" } else { "DENY" };
        headers.extend([
            ("Content-Security-Policy", csp),
            ("X-Frame-Options", frame),
            ("Cache-Control", cache),
        ]);
        if matcher == "= /sw.js" {
            headers.push(("Service-Worker-Allowed", "/"));
        }
        nginx_headers(&mut out, "    ", &headers);
        if matcher == "/" {
            out.push_str("    try_files $uri $uri/ =404;\n");
        }
        out.push_str("}\n\n");
    }
    out
}

/// `liens`: the site paths (`/static/style.….css`) of the files pages link to; `racine`,
/// the site's path prefix.
pub fn outputs(racine: &str, liens: &[String]) -> Vec<Output> {
    vec![
        Output {
            path: HEADERS_FILE.into(),
            bytes: netlify(racine, liens).into_bytes(),
        },
        Output {
            path: NGINX_FILE.into(),
            bytes: nginx().into_bytes(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_recognised() {
        assert!(is_fingerprinted("/static/style.0123456789.css"));
        assert!(is_fingerprinted("static/recherche/p-tout.abcdef0123.json"));
        assert!(is_fingerprinted(
            "couverture/orientation/carte.00000000ff.svg"
        ));
        assert!(!is_fingerprinted("/static/recherche.js"));
        assert!(!is_fingerprinted("/static/recherche/manifeste.json"));
        assert!(!is_fingerprinted("/sw.js"));
        assert!(!is_fingerprinted("/formations/x.0123456789/index.html"));
        assert!(!is_fingerprinted("style.0123456789"));
    }

    #[test]
    fn each_kind_of_file_gets_its_policy() {
        let get = |path: &str, name: &str| {
            for_path(path)
                .into_iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        assert_eq!(get("/", "Content-Security-Policy"), CSP_PAGES);
        assert_eq!(get("/", "Cache-Control"), "no-cache");
        assert_eq!(
            get(
                "/static/carte-wallonie.0123456789.svg",
                "Content-Security-Policy"
            ),
            CSP_SVG
        );
        assert_eq!(
            get("/static/carte-wallonie.0123456789.svg", "Cache-Control"),
            CACHE_IMMUTABLE
        );
        assert_eq!(
            get("/static/style.0123456789.css", "Cache-Control"),
            CACHE_IMMUTABLE
        );
        assert_eq!(get("/sw.js", "Cache-Control"), "no-cache");
        assert_eq!(get("/static/recherche.js", "Cache-Control"), "no-cache");
        assert!(CSP_SVG.contains("default-src 'none'") && !CSP_SVG.contains("script-src"));
        assert!(!CSP_PAGES.contains("unsafe"));
    }

    #[test]
    fn nginx_snippet_repeats_common_headers_in_every_location() {
        let conf = nginx();
        let locations = conf.matches("location ").count();
        assert!(locations >= 7, "{locations} locations");
        assert_eq!(conf.matches("add_header X-Content-Type-Options").count(), 5);
        assert_eq!(conf.matches('{').count(), conf.matches('}').count());
    }
}
