//! Validators for what people type by hand: phone numbers, e-mail addresses, web links,
//! ROME codes. Each returns the normalised value or a message with what to write instead.

/// Why a value is refused, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refus {
    pub message: String,
    pub hint: String,
}

fn refus(message: impl Into<String>, hint: impl Into<String>) -> Refus {
    Refus {
        message: message.into(),
        hint: hint.into(),
    }
}

/// A phone number as a `tel:` target (`+3241234567`). Belgian numbers in national
/// (`04 123 45 67`) or international (`+32 4 123 45 67`) form, and foreign numbers in
/// international form (cross-border centres).
pub fn telephone(text: &str) -> Result<String, Refus> {
    let hint = "écrivez par exemple « 04 123 45 67 » ou « +32 4 123 45 67 »";
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '/' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let (international, digits) = if let Some(rest) = cleaned.strip_prefix('+') {
        (true, rest.to_string())
    } else if let Some(rest) = cleaned.strip_prefix("00") {
        (true, rest.to_string())
    } else {
        (false, cleaned.clone())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(refus(
            format!("« {text} » n'est pas un numéro de téléphone"),
            hint,
        ));
    }
    if international {
        if let Some(national) = digits.strip_prefix("32") {
            let national = national.strip_prefix('0').unwrap_or(national);
            if (8..=9).contains(&national.len()) {
                return Ok(format!("+32{national}"));
            }
            return Err(refus(
                format!("le numéro « {text} » n'a pas le bon nombre de chiffres"),
                hint,
            ));
        }
        if (8..=15).contains(&digits.len()) {
            return Ok(format!("+{digits}"));
        }
        return Err(refus(
            format!("le numéro « {text} » n'a pas le bon nombre de chiffres"),
            hint,
        ));
    }
    match digits.strip_prefix('0') {
        Some(national) if (8..=9).contains(&national.len()) => Ok(format!("+32{national}")),
        Some(_) => Err(refus(
            format!("le numéro « {text} » n'a pas le bon nombre de chiffres"),
            "un numéro belge a 9 chiffres (fixe) ou 10 chiffres (GSM), en comptant le 0 du début",
        )),
        None => Err(refus(
            format!("le numéro « {text} » ne commence pas par 0 ou +"),
            hint,
        )),
    }
}

/// A plausible e-mail address (the only way to know it works is to write to it).
pub fn courriel(text: &str) -> Result<(), Refus> {
    let hint = "écrivez une adresse complète, par exemple « contact@moncentre.be »";
    let text = text.trim();
    let bad = || {
        refus(
            format!("« {text} » n'est pas une adresse e-mail valable"),
            hint,
        )
    };
    let (local, domain) = text.split_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.');
    if !local_ok || !domaine(domain) {
        return Err(bad());
    }
    Ok(())
}

/// A host name with at least one dot and valid labels.
fn domaine(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A web address: `http` or `https` only, with a real host name.
pub fn site_web(text: &str) -> Result<(), Refus> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else if lower.starts_with("www.")
        || (!lower.contains(':') && domaine(lower.split('/').next().unwrap_or("")))
    {
        return Err(refus(
            format!("l'adresse « {text} » ne commence pas par https://"),
            format!("écrivez « https://{text} »"),
        ));
    } else {
        return Err(refus(
            format!("« {text} » n'est pas une adresse web acceptée"),
            "seules les adresses http:// et https:// sont acceptées, par exemple « https://moncentre.be »",
        ));
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("");
    if !domaine(host)
        || text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(refus(
            format!("l'adresse web « {text} » n'est pas valable"),
            "vérifiez-la dans un navigateur puis recopiez-la depuis la barre d'adresse",
        ));
    }
    Ok(())
}

/// Whether a link target found in Markdown may be published: http(s), mailto, tel, or a
/// path within the site.
pub fn lien_autorise(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let first_special = lower.find(['/', '?', '#']);
    match scheme_end {
        // No scheme, or a colon after the path started: a relative link.
        None => true,
        Some(i) if first_special.is_some_and(|s| s < i) => true,
        Some(_) => {
            lower.starts_with("https://")
                || lower.starts_with("http://")
                || lower.starts_with("mailto:")
                || lower.starts_with("tel:")
        }
    }
}

/// A ROME v3 code is a letter A–N and four digits: `D1102`.
pub fn forme_code_rome(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 5
        && (b'A'..=b'N').contains(&bytes[0])
        && bytes[1..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgian_phones() {
        assert_eq!(telephone("04 123 45 67").as_deref(), Ok("+3241234567"));
        assert_eq!(telephone("0471/12.34.56").as_deref(), Ok("+32471123456"));
        assert_eq!(
            telephone("+32 (0)71 00 01 23").as_deref(),
            Ok("+3271000123")
        );
        assert_eq!(telephone("+352 27 12 34 56").as_deref(), Ok("+35227123456"));
        assert!(telephone("04 123").is_err());
        assert!(telephone("appelez-nous").is_err());
        assert!(telephone("4 123 45 67").is_err());
        assert!(telephone("").is_err());
    }

    #[test]
    fn emails() {
        assert!(courriel("contact@le-fournil.be").is_ok());
        assert!(courriel("prenom.nom+cisp@exemple.co.uk").is_ok());
        assert!(courriel("contact@").is_err());
        assert!(courriel("contact.exemple.be").is_err());
        assert!(courriel("a b@exemple.be").is_err());
        assert!(courriel("x@exemple").is_err());
        assert!(courriel("x@-a.be").is_err());
    }

    #[test]
    fn websites_are_http_only() {
        assert!(site_web("https://www.cisp.be/").is_ok());
        assert!(site_web("http://exemple.be/page?x=1#y").is_ok());
        let missing = site_web("www.exemple.be").expect_err("no scheme");
        assert!(missing.hint.contains("https://www.exemple.be"));
        assert!(site_web("javascript:alert(1)").is_err());
        assert!(site_web("ftp://exemple.be").is_err());
        assert!(site_web("https://").is_err());
        assert!(site_web("https://exemple.be/a b").is_err());
    }

    #[test]
    fn markdown_links() {
        assert!(lien_autorise("https://exemple.be"));
        assert!(lien_autorise("mailto:a@b.be"));
        assert!(lien_autorise("tel:+3241234567"));
        assert!(lien_autorise("/formations/x/"));
        assert!(lien_autorise("page?a=b:c"));
        assert!(!lien_autorise("javascript:alert(1)"));
        assert!(!lien_autorise(" JavaScript:alert(1)"));
        assert!(!lien_autorise("data:text/html,<script>"));
        assert!(!lien_autorise("vbscript:x"));
    }

    #[test]
    fn rome_code_shape() {
        assert!(forme_code_rome("D1102"));
        assert!(!forme_code_rome("d1102"));
        assert!(!forme_code_rome("Z1102"));
        assert!(!forme_code_rome("D110"));
        assert!(!forme_code_rome("D11022"));
    }
}
