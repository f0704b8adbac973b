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

/// Where `tag` (found at byte `offset` of the value) stands in the file: its line (a
/// block scalar starts on its first content line) and its column on that line, looked
/// up in the source so that quotes and indentation count.
fn position(text: &Spanned<String>, offset: usize, tag: &str, sources: &Sources) -> Span {
    let before = text.get(..offset).unwrap_or("");
    let lines = u32::try_from(before.matches('\n').count()).unwrap_or(0);
    let span = Span {
        line: text.span.line + lines,
        ..text.span
    };
    let Some(source) = sources.line(span) else {
        return span;
    };
    let depuis = if lines == 0 {
        usize::try_from(text.span.col)
            .unwrap_or(1)
            .saturating_sub(1)
    } else {
        0
    };
    let debut = source
        .char_indices()
        .nth(depuis)
        .map_or(source.len(), |(i, _)| i);
    match source.get(debut..).and_then(|s| s.find(tag)) {
        Some(i) => {
            let col = source[..debut + i].chars().count() + 1;
            Span {
                col: u32::try_from(col).unwrap_or(span.col),
                ..span
            }
        }
        None if lines == 0 => span,
        None => Span { col: 1, ..span },
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
}
