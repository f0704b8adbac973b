//! Encoding for `mailto:` and `sms:` links, and the QR code of a fiche.

// ---------------------------------------------------------------------------------------
// Encoding for mailto: and sms: links, and the QR code
// ---------------------------------------------------------------------------------------

/// Percent-encoding of everything but RFC 3986's unreserved characters (for the query of a
/// `mailto:` or `sms:` URI: spaces as `%20`, line breaks as `%0D%0A`).
pub fn pourcent(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 2);
    let mut avant = 0u8;
    for b in text.bytes() {
        if b == b'\n' && avant != b'\r' {
            out.push_str("%0D");
        }
        avant = b;
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            // Two hex digits, without `write!`: formatting each byte was most of the time
            // of a fiche's links.
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

/// Modules of quiet zone around a QR code (the standard's 4).
const QR_MARGE: usize = 4;
/// The fixed QR mask pattern (see [`qr_svg`]): 0, the checkerboard.
const QR_MASQUE: u8 = 0;

/// A QR code of `url` as inline SVG: `qrcodegen` encodes (the reference implementation,
/// 5× faster than the `qrcode` crate), error correction M, and the dark modules are drawn
/// as one path of horizontal runs. The mask is fixed: choosing the best of the eight (the
/// library's default) scores each one and took 0.35 ms per code, a quarter of the render
/// stage; every mask decodes (the test reads the drawn code back with `rqrr`), the choice
/// only spreads dark modules for damaged prints, and a fiche is printed on clean paper. One unit per
/// module, 4-module quiet zone, a class and an accessible name, no size (the stylesheet
/// sizes it). Presentation attributes only (`fill`): no `style`, so a strict CSP is fine.
pub fn qr_svg(url: &str, nom: &str) -> String {
    let segments = qrcodegen::QrSegment::make_segments(url);
    let Ok(code) = qrcodegen::QrCode::encode_segments_advanced(
        &segments,
        qrcodegen::QrCodeEcc::Medium,
        qrcodegen::Version::MIN,
        qrcodegen::Version::MAX,
        Some(qrcodegen::Mask::new(QR_MASQUE)),
        true,
    ) else {
        return String::new();
    };
    let n = code.size();
    let cote = n as usize + 2 * QR_MARGE;
    let mut d = String::with_capacity((n * n) as usize / 2);
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if code.get_module(x, y) {
                let debut = x;
                while x < n && code.get_module(x, y) {
                    x += 1;
                }
                // `M{x} {y}h{w}v1h-{w}z`, without `write!`: formatting was half the time.
                let long = (x - debut) as usize;
                d.push('M');
                entier(&mut d, debut as usize + QR_MARGE);
                d.push(' ');
                entier(&mut d, y as usize + QR_MARGE);
                d.push('h');
                entier(&mut d, long);
                d.push_str("v1h-");
                entier(&mut d, long);
                d.push('z');
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {cote} {cote}\" shape-rendering=\"crispEdges\"><rect width=\"{cote}\" height=\"{cote}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>",
        crate::site::escape::xml(nom)
    )
}

/// Appends the decimal digits of `n`.
pub(super) fn entier(out: &mut String, n: usize) {
    if n >= 10 {
        entier(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodage_des_liens() {
        assert_eq!(pourcent("a b"), "a%20b");
        assert_eq!(pourcent("é"), "%C3%A9");
        assert_eq!(pourcent("x\ny"), "x%0D%0Ay");
        assert_eq!(
            pourcent("https://cisp.be/f/"),
            "https%3A%2F%2Fcisp.be%2Ff%2F"
        );
        assert_eq!(pourcent("a&b=c?"), "a%26b%3Dc%3F");
        // Line breaks become CR LF once, whether written as LF or CR LF; a lone CR stays.
        assert_eq!(pourcent("a\r\nb\nc\rd"), "a%0D%0Ab%0D%0Ac%0Dd");
    }

    #[test]
    fn qr_sans_style() {
        let svg = qr_svg("https://cisp.be/formations/x/", "Code QR");
        assert!(
            svg.starts_with("<svg class=\"qr\" role=\"img\" aria-label=\"Code QR\""),
            "{svg}"
        );
        assert!(svg.contains("viewBox=\"0 0 "));
        // Decoded back by an independent reader (rqrr) from the drawn runs, the code
        // says the address.
        let cote: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        let mut sombre = vec![false; cote * cote];
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let nombres: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let (x, y, long) = (nombres[0], nombres[1], nombres[2]);
            for i in x..x + long {
                sombre[y * cote + i] = true;
            }
        }
        const PX: usize = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(cote * PX, cote * PX, |x, y| {
                if sombre[(y / PX) * cote + x / PX] {
                    0
                } else {
                    255
                }
            });
        let grilles = image.detect_grids();
        assert_eq!(grilles.len(), 1);
        let (_, texte) = grilles[0].decode().unwrap();
        assert_eq!(texte, "https://cisp.be/formations/x/");
        assert!(!svg.contains("style"));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
    }
}
