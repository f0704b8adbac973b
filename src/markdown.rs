//! Markdown from the data and from `content/`, rendered safely: raw HTML is shown as
//! text, and only http(s), mailto, tel and same-site links are kept.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::check::formats::lien_autorise;

/// Renders Markdown to HTML. `titres_depuis` shifts headings so that the page's own `h1`
/// stays the only one (`## Titre` in a track description becomes an `h3` when 3).
pub fn to_html(markdown: &str, titres_depuis: u8) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let shift = titres_depuis.saturating_sub(1).min(5);
    let mut skipping_link = 0usize;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        // Raw HTML becomes visible text: nothing from the data reaches the page as markup.
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if lien_autorise(&dest_url) {
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else {
                skipping_link += 1;
                None
            }
        }
        Event::End(TagEnd::Link) if skipping_link > 0 => {
            skipping_link -= 1;
            None
        }
        // Images would be third-party requests: keep their description only.
        Event::Start(Tag::Image { .. }) => Some(Event::Start(Tag::Emphasis)),
        Event::End(TagEnd::Image) => Some(Event::End(TagEnd::Emphasis)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shift_heading(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shift_heading(level, shift))))
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn shift_heading(level: pulldown_cmark::HeadingLevel, by: u8) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    let n = (level as u8).saturating_add(by).min(6);
    match n {
        1 => H1,
        2 => H2,
        3 => H3,
        4 => H4,
        5 => H5,
        _ => H6,
    }
}

/// The first paragraph as plain text, for meta descriptions.
pub fn plain_text(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::List(_)) if !out.is_empty() => break,
            // A description that opens with a list: its items, not glued together.
            Event::End(TagEnd::Item) if !out.trim_end().ends_with([',', '.', ';', ':']) => {
                out.push_str(", ")
            }
            _ => {}
        }
    }
    truncate_words(out.trim().trim_end_matches(','), max_chars)
}

/// The opening paragraph, as plain text, when the text opens with one (before any list
/// or heading); else nothing. The fiche shows it above the list of [`list_items`].
pub fn intro(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => break,
            Event::Start(Tag::List(_) | Tag::Heading { .. }) => return String::new(),
            _ => {}
        }
    }
    truncate_words(out.trim(), max_chars)
}

/// The items of the first bulleted or numbered list, as plain text: « what you learn »
/// on the printed fiche. At most `max_items` items of `max_chars` characters each.
pub fn list_items(markdown: &str, max_items: usize, max_chars: usize) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut item: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if depth == 1 => item = Some(String::new()),
            Event::Start(Tag::Item) => {
                if let Some(text) = item.as_mut() {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                if let Some(text) = item.take().filter(|t| !t.trim().is_empty()) {
                    items.push(truncate_words(text.trim(), max_chars));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = item.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(text) = item.as_mut() {
                    text.push(' ');
                }
            }
            _ => {}
        }
        if items.len() == max_items {
            break;
        }
    }
    items
}

/// At most `max_chars` characters, cut at a word boundary with « … ».
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_opening_with_a_list_has_no_intro_and_its_items_stay_apart() {
        let md = "- Comprendre les enfants\n- Organiser des jeux\n\nEn petit groupe.";
        assert_eq!(intro(md, 420), "");
        assert_eq!(
            plain_text(md, 420),
            "Comprendre les enfants, Organiser des jeux"
        );
        assert_eq!(intro("Vous apprenez.\n\n- a", 420), "Vous apprenez.");
    }

    #[test]
    fn list_items_are_the_first_list_in_plain_text() {
        let md =
            "Intro.\n\n- Monter un **PC**\n- Installer\n  Linux\n  - sous-point\n\n1. autre liste";
        assert_eq!(
            list_items(md, 8, 100),
            ["Monter un PC", "Installer Linux sous-point"]
        );
        assert_eq!(list_items(md, 1, 100), ["Monter un PC"]);
        assert!(list_items("Pas de liste.", 8, 100).is_empty());
        // Raw HTML is dropped, as in `plain_text`; the template escapes the rest.
        assert_eq!(list_items("- <b>x</b> y", 8, 100), ["x y"]);
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html("Bonjour <script>alert(1)</script> <b>x</b>", 1);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<b>"));
        let block = to_html("<div onclick=\"x()\">\nbloc\n</div>\n", 1);
        assert!(!block.contains("<div"), "{block}");
    }

    #[test]
    fn unsafe_links_lose_their_target_but_keep_their_text() {
        let html = to_html(
            "[cliquez](javascript:alert(1)) et [ok](https://exemple.be)",
            1,
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(html.contains("cliquez"));
        assert!(html.contains("href=\"https://exemple.be\""));
        let data = to_html("[x](data:text/html;base64,PHNjcmlwdD4=)", 1);
        assert!(!data.contains("data:"), "{data}");
    }

    #[test]
    fn images_are_not_loaded() {
        let html = to_html("![un chat](https://tiers.example/chat.png)", 1);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("un chat"));
    }

    #[test]
    fn headings_are_shifted_under_the_page_title() {
        assert!(to_html("# Titre", 3).contains("<h3>"));
        assert!(to_html("## Titre", 1).contains("<h2>"));
        assert!(to_html("###### Titre", 3).contains("<h6>"));
    }

    #[test]
    fn plain_text_takes_the_first_paragraph() {
        assert_eq!(
            plain_text("Un **CISP** forme.\n\nDeuxième.", 100),
            "Un CISP forme."
        );
        assert_eq!(truncate_words("un deux trois quatre", 12), "un deux…");
    }
}
