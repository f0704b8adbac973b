//! The Atom feed `/nouveautes/atom.xml`: one entry per history entry, with an id that
//! stays the same from one publication to the next, dated from the publication that saw
//! the change. The feed's `updated` is the newest entry's date: a publication that changes
//! nothing publishes the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::historique::Entree;
use super::page::phrase;
use super::{FEED_PATH, PAGE_URL};
use crate::config::Config;
use crate::site::escape::xml;

fn stamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The feed of `entrees` (in the history's order, each `url` set when its track exists).
/// `today` dates an empty feed only.
pub fn atom(config: &Config, entrees: &[Entree], today: NaiveDate) -> String {
    let base = &config.base_url;
    let page = format!("{base}{PAGE_URL}");
    let updated = entrees.first().map_or_else(
        || stamp(&today.format("%Y-%m-%d").to_string()),
        |e| stamp(&e.date),
    );
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n",
    );
    let _ = writeln!(x, "<title>{} — nouveautés</title>", xml(&config.titre));
    let _ = writeln!(x, "<id>{}</id>", xml(&page));
    let _ = writeln!(
        x,
        "<link rel=\"self\" href=\"{}\"/>",
        xml(&format!("{base}/{FEED_PATH}"))
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&page)
    );
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(x, "<author><name>{}</name></author>", xml(&config.titre));
    // Ids: the date and the entry's key, numbered if two entries of a day share a key.
    let mut vus: BTreeMap<String, usize> = BTreeMap::new();
    for e in entrees {
        let cle = format!("{}-{}", e.date, e.cle());
        let n = vus.entry(cle.clone()).or_default();
        *n += 1;
        let id = if *n == 1 { cle } else { format!("{cle}-{n}") };
        let (avant, apres) = phrase(e);
        let texte = format!("{avant}{}{apres}", e.titre);
        let url = e
            .url
            .clone()
            .unwrap_or_else(|| format!("{page}#p-{}", e.date));
        let _ = writeln!(x, "<entry>");
        let _ = writeln!(x, "<title>{}</title>", xml(&texte));
        let _ = writeln!(x, "<id>{}</id>", xml(&format!("{page}#{id}")));
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&url)
        );
        let _ = writeln!(x, "<updated>{}</updated>", stamp(&xml(&e.date)));
        let _ = writeln!(x, "<summary>{}</summary>", xml(&texte));
        let _ = writeln!(x, "</entry>");
    }
    x.push_str("</feed>\n");
    x
}
