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

/// `texte` (HTML) with `racine` in front of every site path: an attribute value, quoted or
/// not (the templates are minified), that starts with a single `/`. Only start tags are
/// read, so text, comments and the JSON-LD of `<script>` are left alone; `srcset` gets it
/// in each candidate.
pub fn prefixer(racine: &str, texte: &str) -> String {
    if racine.is_empty() {
        return texte.to_string();
    }
    let b = texte.as_bytes();
    let mut out = String::with_capacity(texte.len() + texte.len() / 16);
    let (mut i, mut copie) = (0, 0);
    while i < b.len() {
        let balise = b[i] == b'<' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
        i += 1;
        if !balise {
            continue;
        }
        // Inside a start tag, up to its `>`.
        let mut nom = i;
        while i < b.len() && b[i] != b'>' {
            let c = b[i];
            if c.is_ascii_whitespace() {
                nom = i + 1;
                i += 1;
                continue;
            }
            if c != b'=' {
                i += 1;
                continue;
            }
            let attribut = &texte[nom..i];
            let guillemet = b.get(i + 1).copied().filter(|q| *q == b'"' || *q == b'\'');
            let debut = i + 1 + usize::from(guillemet.is_some());
            let fin = match guillemet {
                Some(q) => b[debut..]
                    .iter()
                    .position(|&x| x == q)
                    .map_or(b.len(), |p| debut + p),
                None => b[debut..]
                    .iter()
                    .position(|&x| x.is_ascii_whitespace() || x == b'>')
                    .map_or(b.len(), |p| debut + p),
            };
            if b.get(debut) == Some(&b'/') && b.get(debut + 1) != Some(&b'/') {
                out.push_str(&texte[copie..debut]);
                out.push_str(racine);
                copie = debut;
                if attribut.eq_ignore_ascii_case("srcset") {
                    out.push_str(&texte[debut..fin].replace(", /", &format!(", {racine}/")));
                    copie = fin;
                }
            }
            i = fin + usize::from(guillemet.is_some());
            nom = i;
        }
    }
    out.push_str(&texte[copie..]);
    out
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
        let html = r##"<a href="/formations/x/">/formations/</a> <img src="/s.svg" srcset="/a.png 1x, /b.png 2x"><a href="//autre.be/"><a href="https://x.be/"><a href="#h"><form action="/recherche/"><object data="/c.svg"></object><p data-selection="/formations/y/">a="/non" x=/y</p><link href=/i.svg rel=icon><a href=/a?b=/c>"##;
        assert_eq!(
            prefixer("/cisp", html),
            r##"<a href="/cisp/formations/x/">/formations/</a> <img src="/cisp/s.svg" srcset="/cisp/a.png 1x, /cisp/b.png 2x"><a href="//autre.be/"><a href="https://x.be/"><a href="#h"><form action="/cisp/recherche/"><object data="/cisp/c.svg"></object><p data-selection="/cisp/formations/y/">a="/non" x=/y</p><link href=/cisp/i.svg rel=icon><a href=/cisp/a?b=/c>"##
        );
        assert_eq!(prefixer("", html), html);
    }
}
