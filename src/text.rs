//! Text helpers shared by every stage: accent folding, slugs, suggestions.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, accents removed, every run of non-alphanumeric characters turned into one
/// space: « Jemeppe-sur-Meuse » → « jemeppe sur meuse ».
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_ascii(text)
    } else {
        fold_unicode(text)
    }
}

fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Lower case first, then decompose: lowering can itself give a letter with an accent
    // (« İ » → « i̇ »), which must go too for `fold(fold(x)) == fold(x)`.
    let lowered = text.to_lowercase();
    for c in lowered.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'œ' => {
                push_word_char(&mut out, &mut pending_space, 'o');
                'e'
            }
            'æ' => {
                push_word_char(&mut out, &mut pending_space, 'a');
                'e'
            }
            'ß' => {
                push_word_char(&mut out, &mut pending_space, 's');
                's'
            }
            c => c,
        };
        if c.is_alphanumeric() {
            push_word_char(&mut out, &mut pending_space, c);
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

/// [`fold`] of ASCII text, where lowering and decomposing change nothing else: most names
/// and every search word of the indexes (a build folds tens of thousands).
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            push_word_char(
                &mut out,
                &mut pending_space,
                char::from(b.to_ascii_lowercase()),
            );
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

fn push_word_char(out: &mut String, pending_space: &mut bool, c: char) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// URL slug: folded, ASCII only, words joined by `-`. Never empty, never `.` or `..`,
/// so that it is always a safe single path segment.
pub fn slugify(text: &str) -> String {
    let folded = fold(text);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            // Spaces, punctuation and letters with no ASCII form (« Ω ») are one word
            // boundary, never a doubled '-' (which `is_slug` refuses).
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "x".to_string()
    } else {
        slug
    }
}

/// Whether `id` is already a valid slug (what ids in the data must be).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// The closest candidate to a mistyped word, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed_folded = fold(typed);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&typed_folded, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_case_and_punctuation() {
        assert_eq!(fold("Jemeppe-sur-Meuse"), "jemeppe sur meuse");
        assert_eq!(fold("  Écaussinnes  d'Enghien "), "ecaussinnes d enghien");
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold("DéFi"), "defi");
    }

    /// The ASCII shortcut folds exactly as the general path: every pair of ASCII
    /// characters, around and between letters.
    #[test]
    fn fold_ascii_is_fold() {
        for a in 0u8..128 {
            for b in 0u8..128 {
                let (a, b) = (char::from(a), char::from(b));
                for text in [format!("{a}{b}"), format!("{a}Xy{b}9{a}")] {
                    assert_eq!(fold_ascii(&text), fold_unicode(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(
            slugify("Aide-boulanger / Boulangère"),
            "aide-boulanger-boulangere"
        );
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("..."), "x");
        assert!(is_slug("fournil-seraing-2"));
        assert!(!is_slug("../x"));
        assert!(!is_slug("Fournil"));
        assert!(!is_slug(""));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = ["code_postal", "localite", "rue"];
        assert_eq!(did_you_mean("code_postale", fields), Some("code_postal"));
        assert_eq!(did_you_mean("localité", fields), Some("localite"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }
}
