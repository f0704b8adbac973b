//! The path under which the site is published (`/cisp` for a GitHub Pages project site at
//! `https://org.github.io/cisp/`, empty at the root of a host), and the one place that puts
//! it in front of the site's links.
//!
//! Producers (templates, Markdown, maps, Rust views) write every link site-relative
//! (`/formations/x/`, as [`super::urls`] gives them); [`prefixer`] adds the prefix to each
//! HTML page as it leaves `assemble`. The other files take it from `Config::racine` where
//! they write their URLs: the overview map (its name is its content's hash), the web
//! manifest, `_headers`, the search-index manifest, the job titles' JSON. The scripts
//! derive it from their own address. Absolute URLs need nothing: they start with
//! `base_url`, which ends with it.

/// The path prefix of `base_url`, without trailing slash: `""` for `https://cisp.be` or
/// `https://cisp.be/`, `"/cisp"` for `https://org.github.io/cisp/`. The error, in French,
/// says what is wrong; the caller names the option or the file.
pub fn racine(base_url: &str) -> Result<String, String> {
    let reste = ["https://", "http://"]
        .iter()
        .find_map(|s| {
            base_url
                .get(..s.len())
                .filter(|p| p.eq_ignore_ascii_case(s))
                .map(|_| &base_url[s.len()..])
        })
        .ok_or("l'adresse doit commencer par https:// (ou http://)")?;
    let (hote, chemin) = reste.split_once('/').unwrap_or((reste, ""));
    let hote_valide = !hote.is_empty()
        && hote
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !hote_valide {
        return Err(format!("le nom d'hôte « {hote} » n'est pas valide"));
    }
    // Only characters that need no escaping in an HTML attribute, a URL or a header.
    let chemin = chemin.trim_end_matches('/');
    let mut prefixe = String::new();
    for segment in chemin.split('/').filter(|_| !chemin.is_empty()) {
        let valide = !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'));
        if !valide {
            return Err(format!(
                "le chemin « /{chemin} » n'est pas valide (lettres sans accents, chiffres, - _ . ~ entre les /, sans ? ni #)"
            ));
        }
        prefixe.push('/');
        prefixe.push_str(segment);
    }
    Ok(prefixe)
}

/// `texte` (HTML) with `racine` in front of every site path: an attribute value
/// that starts with a single `/`. Every attribute of the site's markup is written
/// `name="value"`, and its text or JSON never contains `="/` unescaped (templates and
/// Markdown escape `"`), so the match is exact. `srcset` gets it in each candidate.
pub fn prefixer(racine: &str, texte: &str) -> String {
    if racine.is_empty() {
        return texte.to_string();
    }
    let mut out = String::with_capacity(texte.len() + texte.len() / 16);
    let mut reste = texte;
    while let Some(i) = reste.find("=\"/") {
        let (avant, apres) = reste.split_at(i + 2);
        out.push_str(avant);
        reste = apres;
        let nom = nom_attribut(&avant[..i]);
        if nom.is_empty() || apres.starts_with("//") {
            continue;
        }
        out.push_str(racine);
        if nom.eq_ignore_ascii_case("srcset") {
            let fin = reste.find('"').unwrap_or(reste.len());
            let (valeur, suite) = reste.split_at(fin);
            out.push_str(&valeur.replace(", /", &format!(", {racine}/")));
            reste = suite;
        }
    }
    out.push_str(reste);
    out
}

/// The attribute name that ends `avant` (`… href` → `href`), if it is one: letters,
/// digits, `-` and `:` after a space.
fn nom_attribut(avant: &str) -> &str {
    let debut = avant
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .map_or(0, |i| i + 1);
    let nom = &avant[debut..];
    let apres_espace = avant[..debut].ends_with(|c: char| c.is_ascii_whitespace());
    if apres_espace { nom } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn racines() {
        for (url, attendu) in [
            ("https://cisp.be", ""),
            ("https://cisp.be/", ""),
            ("http://127.0.0.1:1111", ""),
            ("https://org.github.io/cisp", "/cisp"),
            ("https://org.github.io/cisp/", "/cisp"),
            ("HTTPS://org.github.io/a/b-c/", "/a/b-c"),
        ] {
            assert_eq!(racine(url).as_deref(), Ok(attendu), "{url}");
        }
        for url in [
            "org.github.io/cisp",
            "/cisp/",
            "https://",
            "https:///cisp",
            "https://org.github.io/ci sp/",
            "https://org.github.io/cisp?x=1",
            "https://org.github.io/a//b",
            "https://org.github.io/../b",
            "https://org.github.io/\"x",
            "https://é",
        ] {
            assert!(racine(url).is_err(), "{url}");
        }
    }

    #[test]
    fn prefixe_les_chemins_du_site_seulement() {
        let html = r##"<a href="/formations/x/">/formations/</a> <img src="/s.svg" srcset="/a.png 1x, /b.png 2x"><a href="//autre.be/"><a href="https://x.be/"><a href="#h"><form action="/recherche/"><object data="/c.svg"></object><p data-selection="/formations/y/">a="/non"</p>"##;
        assert_eq!(
            prefixer("/cisp", html),
            r##"<a href="/cisp/formations/x/">/formations/</a> <img src="/cisp/s.svg" srcset="/cisp/a.png 1x, /cisp/b.png 2x"><a href="//autre.be/"><a href="https://x.be/"><a href="#h"><form action="/cisp/recherche/"><object data="/cisp/c.svg"></object><p data-selection="/cisp/formations/y/">a="/non"</p>"##
        );
        assert_eq!(prefixer("", html), html);
    }
}
