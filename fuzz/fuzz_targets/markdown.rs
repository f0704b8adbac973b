//! Any text as Markdown from the data: `markdown::to_html` (and `plain_text`) never panic,
//! and the HTML they make is always safe to put in a page:
//!
//! - only the tags pulldown-cmark makes for Markdown (no `script`, `img`, `iframe`,
//!   `svg`, `style`, `object`…), every attribute one of `href`, `title`, `start`,
//!   `class`, `style` (table alignment), always double-quoted;
//! - no `on…` event attribute, no `<` outside a tag;
//! - every `href` passes `lien_autorise` and is not a `javascript:`, `vbscript:` or
//!   `data:` URL, even once the browser has stripped the tabs, newlines and control
//!   characters it ignores in URLs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use cispgen::check::formats::lien_autorise;
use cispgen::markdown;

const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "a",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];
const ATTRIBUTES: &[&str] = &["href", "title", "start", "class", "style"];

fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What a browser would take as the scheme part: leading C0 controls and spaces removed,
/// tabs and newlines removed anywhere, lower case.
fn as_browser_sees(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn check_html(html: &str, input: &str) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find('<') {
        let start = i + at;
        let mut j = start + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_end = j + html[j..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(html.len() - j);
        let name = &html[j..name_end];
        assert!(
            TAGS.contains(&name),
            "unexpected tag <{name}> in {html:?} from {input:?}"
        );
        j = name_end;
        loop {
            match bytes.get(j) {
                Some(b'>') => {
                    j += 1;
                    break;
                }
                Some(b' ') if !closing => {
                    j += 1;
                    if html[j..].starts_with("/>") {
                        j += 2;
                        break;
                    }
                    let attr_end = j + html[j..]
                        .find('=')
                        .unwrap_or_else(|| panic!("attribute without value in {html:?}"));
                    let attr = &html[j..attr_end];
                    assert!(
                        ATTRIBUTES.contains(&attr),
                        "unexpected attribute {attr:?} on <{name}> in {html:?} from {input:?}"
                    );
                    assert_eq!(
                        bytes.get(attr_end + 1),
                        Some(&b'"'),
                        "unquoted attribute in {html:?}"
                    );
                    let value_start = attr_end + 2;
                    let value_end = value_start
                        + html[value_start..]
                            .find('"')
                            .unwrap_or_else(|| panic!("unterminated attribute in {html:?}"));
                    let value = decode(&html[value_start..value_end]);
                    if attr == "href" {
                        assert!(
                            lien_autorise(&value),
                            "refused link published: {value:?} in {html:?} from {input:?}"
                        );
                        let seen = as_browser_sees(&value);
                        for scheme in ["javascript:", "vbscript:", "data:"] {
                            assert!(
                                !seen.starts_with(scheme),
                                "{scheme} link published: {value:?} from {input:?}"
                            );
                        }
                    }
                    if attr == "style" {
                        assert!(
                            [
                                "text-align: left",
                                "text-align: center",
                                "text-align: right"
                            ]
                            .contains(&value.as_str()),
                            "style from the data: {value:?} from {input:?}"
                        );
                    }
                    j = value_end + 1;
                }
                other => {
                    panic!("malformed tag <{name}> at {j} ({other:?}) in {html:?} from {input:?}")
                }
            }
        }
        i = j;
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let html = markdown::to_html(&text, first % 8);
    check_html(&html, &text);
    let plain = markdown::plain_text(&text, usize::from(first));
    assert!(
        plain.chars().count() <= usize::from(first).max(1),
        "plain_text too long: {plain:?}"
    );
});
