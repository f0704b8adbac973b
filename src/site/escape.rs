//! Escaping for HTML and XML, the one function every page and feed goes through.

/// The bytes that may need escaping or dropping: `&<>"'`, C0 controls, DEL, and 0xC2 (the
/// first byte of the C1 controls, and of « » and the no-break space, which stay).
const A_VOIR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

/// Escapes text for XML content and attributes; control characters other than line feed
/// and tab are dropped. Tera calls it for every value a page prints (a tenth of the render
/// time): most values have nothing to escape and are copied at once.
pub fn xml(text: &str) -> String {
    let octets = text.as_bytes();
    // One table lookup per byte ([`A_VOIR`]), then 0xC2 only when a C1 control follows.
    let special = |i: usize| match octets[i] {
        0xc2 => octets.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)),
        _ => true,
    };
    let Some(debut) = octets
        .iter()
        .enumerate()
        .position(|(i, &b)| A_VOIR[usize::from(b)] && special(i))
    else {
        return text.to_string();
    };
    // `debut` is an ASCII byte or a lead byte: a character boundary.
    let (propre, reste) = text.split_at(debut);
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(propre);
    for c in reste.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_html_and_attributes() {
        assert_eq!(
            xml("<a href=\"x\" title='y'>&/\u{7}"),
            "&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;/"
        );
        // C1 controls (U+0080–U+009F) go; other characters whose UTF-8 starts with 0xC2
        // (« £ », « © », no-break space) stay; text with nothing to escape is unchanged.
        assert_eq!(xml("a\u{85}£©\u{a0}\u{9f}b\n\t"), "a£©\u{a0}b\n\t");
        assert_eq!(xml("Liège – café"), "Liège – café");
        assert_eq!(xml("é<"), "é&lt;");
    }
}
