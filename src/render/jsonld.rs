//! schema.org JSON-LD, so that search engines understand centres and tracks.

use serde_json::{Value, json};

/// JSON text safe inside `<script type="application/ld+json">`: no `</script>`, no
/// `<!--`, whatever the data says.
pub fn to_script_text(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub fn postal_address(rue: &str, code_postal: &str, localite: &str) -> Value {
    json!({
        "@type": "PostalAddress",
        "streetAddress": rue,
        "postalCode": code_postal,
        "addressLocality": localite,
        "addressRegion": "Wallonie",
        "addressCountry": "BE"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakout_is_impossible() {
        let text = to_script_text(&json!({"name": "</script><script>alert(1)</script><!--"}));
        assert!(!text.contains('<'));
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back["name"], "</script><script>alert(1)</script><!--");
    }
}
