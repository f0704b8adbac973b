//! Plain text fields (names, « public », certification, remarks, transport): the site
//! escapes them, so an HTML tag typed there shows on the page as « <b> », chevrons and
//! all. Each such tag is flagged where it stands (issue 17), not at the field's start.

use crate::diag::{Diagnostic, Sources, Span};
use crate::model::Centre;
use crate::yaml::Spanned;

/// The byte offset and text of the first HTML tag in `text`: `<` then a letter, `/` or
/// `!`, up to the next `>` on the same line. « 3 < 5 » and « <= 2 ans » are not tags.
pub fn balise_html(text: &str) -> Option<(usize, &str)> {
    let octets = text.as_bytes();
    for (i, _) in text.match_indices('<') {
        let Some(&next) = octets.get(i + 1) else {
            continue;
        };
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
            continue;
        }
        let rest = &text[i..];
        let end = rest.find(['>', '\n'])?;
        if rest.as_bytes().get(end) == Some(&b'>') {
            return Some((i, &rest[..=end]));
        }
    }
    None
}

/// Where `needle` (found at byte `offset` of the value) stands in the file: the same
/// occurrence of it, searched in the source from where the value starts, so that
/// quotes, indentation and the lines of a folded or block value all count. Falls back to
/// the value's line (the needle may be written with escapes in a quoted value).
pub fn position(text: &Spanned<String>, offset: usize, needle: &str, sources: &Sources) -> Span {
    let before = text.get(..offset).unwrap_or("");
    let lines = u32::try_from(before.matches('\n').count()).unwrap_or(0);
    let fallback = Span {
        line: text.span.line + lines,
        col: if lines == 0 { text.span.col } else { 1 },
        ..text.span
    };
    let source = sources.get(text.span.file).map(|f| f.text.as_str());
    let Some(source) = source.filter(|_| !needle.is_empty()) else {
        return fallback;
    };
    // The byte where the value starts: its line, then its column (in characters).
    let line_start = source
        .split_inclusive('\n')
        .take(text.span.line.saturating_sub(1) as usize)
        .map(str::len)
        .sum::<usize>();
    let from = source
        .get(line_start..)
        .and_then(|rest| {
            rest.char_indices()
                .nth(text.span.col.saturating_sub(1) as usize)
        })
        .map_or(line_start, |(i, _)| line_start + i);
    let nth = before.matches(needle).count();
    let found = source
        .get(from..)
        .and_then(|rest| rest.match_indices(needle).nth(nth))
        .map(|(i, _)| from + i);
    let Some(at) = found else {
        return fallback;
    };
    let before_tag = &source[..at];
    let line = before_tag.matches('\n').count() + 1;
    let col = before_tag
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    Span {
        line: u32::try_from(line).unwrap_or(fallback.line),
        col: u32::try_from(col).unwrap_or(fallback.col),
        ..text.span
    }
}

/// The example values of `cispgen new centre` still in the file: each would be
/// published as the centre's name, site, phone or presentation.
pub fn check_exemples(centre: &Centre, out: &mut Vec<Diagnostic>) {
    use crate::skeleton::{COURRIEL, NOM, PRESENTATION, SITE_WEB, TELEPHONE};
    let champs = [
        (Some(&centre.nom), NOM, "nom"),
        (centre.site_web.as_ref(), SITE_WEB, "site_web"),
        (centre.telephone.as_ref(), TELEPHONE, "telephone"),
        (centre.courriel.as_ref(), COURRIEL, "courriel"),
        (centre.presentation.as_ref(), PRESENTATION, "presentation"),
    ];
    for (valeur, exemple, champ) in champs {
        if let Some(v) = valeur.filter(|v| v.trim() == exemple) {
            out.push(
                Diagnostic::warning(
                    v.span,
                    format!(
                        "« {exemple} » est la valeur d'exemple de cispgen new, pas celle du centre"
                    ),
                )
                .with_hint(format!(
                    "remplacez « {champ}: » par la vraie valeur avant de publier"
                )),
            );
        }
    }
}

/// Every plain text field of `centre` with an HTML tag, one warning per field.
pub fn check_textes(centre: &Centre, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let mut champs: Vec<(&Spanned<String>, &str)> = vec![(&centre.nom, "nom")];
    for lieu in &centre.lieux {
        champs.push((&lieu.nom, "nom"));
        champs.push((&lieu.rue, "rue"));
        if let Some(t) = lieu.acces.as_ref().and_then(|a| a.transports.as_ref()) {
            champs.push((t, "transports"));
        }
    }
    for filiere in &centre.filieres {
        champs.push((&filiere.titre, "titre"));
        champs.push((&filiere.public, "public"));
        if let Some(c) = &filiere.certification {
            champs.push((c, "certification"));
        }
        for s in &filiere.seances_info {
            if let Some(r) = &s.remarque {
                champs.push((r, "remarque"));
            }
        }
        if let Some(n) = filiere.contact.as_ref().and_then(|c| c.nom.as_ref()) {
            champs.push((n, "nom"));
        }
    }
    for (text, champ) in champs {
        if let Some((offset, tag)) = balise_html(text) {
            out.push(
                Diagnostic::warning(
                    position(text, offset, tag, sources),
                    format!("balise HTML « {tag} » dans « {champ} » : elle s'affichera telle quelle sur le site"),
                )
                .with_hint("écrivez le texte seul, sans balises : le site le met en forme lui-même"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_but_comparisons_are_not() {
        assert_eq!(balise_html("Pas de <b>diplôme</b>"), Some((7, "<b>")));
        assert_eq!(balise_html("</p> fin"), Some((0, "</p>")));
        assert_eq!(balise_html("<!-- note -->"), Some((0, "<!-- note -->")));
        assert_eq!(balise_html("moins de 3 < 5 ans"), None);
        assert_eq!(balise_html("âge <= 25"), None);
        assert_eq!(balise_html("<a pas fermé"), None);
        assert_eq!(balise_html("ligne <i\n>"), None);
    }

    #[test]
    fn the_tag_is_placed_where_it_stands() {
        let mut sources = Sources::default();
        let text = "    public: \"Adultes <b>motivés</b>\"\n";
        let file = sources.add("x.yaml".into(), text.to_string());
        let value = Spanned {
            value: "Adultes <b>motivés</b>".to_string(),
            span: Span {
                file,
                line: 1,
                col: 13,
            },
        };
        let (offset, tag) = balise_html(&value).expect("a tag");
        let span = position(&value, offset, tag, &sources);
        assert_eq!((span.line, span.col), (1, 22));
    }

    #[test]
    fn a_tag_on_a_later_line_of_a_value_is_placed_there() {
        let mut sources = Sources::default();
        let text = "public: Adultes <i>x</i>\n  et <b>motivés</b>\ndescription: |\n  Un <b>\n";
        let file = sources.add("x.yaml".into(), text.to_string());
        // A folded plain scalar: the line break became a space.
        let value = Spanned {
            value: "Adultes <i>x</i> et <b>motivés</b>".to_string(),
            span: Span {
                file,
                line: 1,
                col: 9,
            },
        };
        let span = position(&value, 20, "<b>", &sources);
        assert_eq!((span.line, span.col), (2, 6));
    }
}
