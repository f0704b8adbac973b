//! Files that are not pages (issue 18: `files/`, no template engine): calendar files for information sessions, the news feed,
//! sitemap, robots.txt and the web app manifest.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Timelike};

use crate::config::Config;
use crate::content::Content;
use crate::resolve::Catalogue;
use crate::site::escape::xml;
use crate::site::{Output, urls};

/// The inputs of these files.
#[derive(Clone, Copy)]
pub struct Entrees<'a> {
    pub config: &'a Config,
    pub catalogue: &'a Catalogue<'a>,
    pub content: &'a Content,
}

/// Made as they are written: at 100 × the 180,000 session files (270 MB) held at once were
/// the build's peak of memory.
pub fn all(env: Entrees<'_>) -> impl Iterator<Item = Output> + '_ {
    let autres = [sitemap(env), robots(env), manifest(env), atom(env)];
    seances(env).chain(autres)
}

/// Escapes a TEXT value of iCalendar (RFC 5545 §3.3.11).
fn ics_text(text: &str) -> String {
    // One pass (it runs for every field of every session file).
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8
/// sequence, and its CR LF.
fn ics_fold(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
    } else {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
    }
    out.push_str("\r\n");
}

/// `20261123T133000`, a local date-time of iCalendar (what `%Y%m%dT%H%M%S` writes, without
/// parsing a format string for each of the thousands of sessions; chrono's own for years
/// that are not four digits, which it writes with a sign).
fn date_heure_ics(t: chrono::NaiveDateTime) -> String {
    if !(0..=9999).contains(&t.year()) {
        return t.format("%Y%m%dT%H%M%S").to_string();
    }
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Europe/Brussels, so that calendars show the right hour all year.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// One event of an information session (shared by the single files and `seances.ics`).
pub struct Evenement {
    pub uid: String,
    pub debut: String,
    pub fin: String,
    pub titre: String,
    pub lieu: String,
    pub description: String,
    pub url: String,
}

/// A whole calendar file. `DTSTAMP` is the build date, so that output is reproducible.
pub fn calendrier(evenements: &[Evenement], today: NaiveDate) -> String {
    let stamp = format!(
        "{:04}{:02}{:02}T000000Z",
        today.year(),
        today.month(),
        today.day()
    );
    let mut ics = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cisp.be//cispgen//FR\r\nCALSCALE:GREGORIAN\r\n",
    );
    ics.push_str(VTIMEZONE);
    let mut ligne = String::new();
    for e in evenements {
        ics.push_str("BEGIN:VEVENT\r\n");
        for (nom, valeur) in [
            ("UID:", e.uid.as_str()),
            ("DTSTAMP:", &stamp),
            ("DTSTART;TZID=Europe/Brussels:", &e.debut),
            ("DTEND;TZID=Europe/Brussels:", &e.fin),
            ("SUMMARY:", &ics_text(&e.titre)),
            ("LOCATION:", &ics_text(&e.lieu)),
            ("DESCRIPTION:", &ics_text(&e.description)),
            ("URL:", &e.url),
        ] {
            ligne.clear();
            ligne.push_str(nom);
            ligne.push_str(valeur);
            ics_fold(&mut ics, &ligne);
        }
        ics.push_str("END:VEVENT\r\n");
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

/// Every upcoming information session of the catalogue, with the path of its own file.
pub fn evenements(config: &Config, cat: &Catalogue) -> Vec<(String, Evenement)> {
    // The host only: a site under a sub-path keeps UIDs of the form `…@host`.
    let host = config
        .base_url
        .split("//")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("cisp.be");
    let mut out = Vec::new();
    for (i, f) in cat.filieres.iter().enumerate() {
        for s in &f.seances {
            let lieu = cat.lieu_de_seance(i, s).map(|l| &cat.lieux[l]);
            let date = s.date.0;
            let debut = date.and_time(
                chrono::NaiveTime::from_hms_opt(
                    u32::from(s.heure.heures),
                    u32::from(s.heure.minutes),
                    0,
                )
                .unwrap_or_default(),
            );
            let fin = debut + chrono::Duration::minutes(90);
            let iso = s.date.to_string();
            let heure = s.heure.to_string();
            let path = urls::seance_ics(&f.slug, &iso, &heure);
            let mut description = format!("Séance d'information : {}", f.filiere.titre.value);
            if let Some(r) = &s.remarque {
                description.push_str(&format!(". {}", r.value));
            }
            out.push((
                urls::fichier(&path),
                Evenement {
                    uid: format!("{}-{}-{}@{host}", f.slug, iso, heure.replace(':', "")),
                    debut: date_heure_ics(debut),
                    fin: date_heure_ics(fin),
                    titre: format!("Séance d'information — {}", f.filiere.titre.value),
                    lieu: lieu.map_or_else(String::new, |l| {
                        format!(
                            "{}, {}, {} {}",
                            l.lieu.nom.value,
                            l.lieu.rue.value,
                            l.lieu.code_postal.trim(),
                            l.lieu.localite.value
                        )
                    }),
                    description,
                    url: format!("{}{}", config.base_url, urls::filiere(&f.slug)),
                },
            ));
        }
    }
    out
}

fn seances(env: Entrees<'_>) -> impl Iterator<Item = Output> + '_ {
    evenements(env.config, env.catalogue)
        .into_iter()
        .map(move |(path, e)| Output {
            path,
            bytes: calendrier(std::slice::from_ref(&e), env.catalogue.today).into_bytes(),
        })
}

fn sitemap(env: Entrees) -> Output {
    let cat = env.catalogue;
    let base = &env.config.base_url;
    let mut urls_list: Vec<String> = vec![
        "/".into(),
        "/formations/".into(),
        "/communes/".into(),
        "/metiers/".into(),
        "/actualites/".into(),
    ];
    urls_list.extend(cat.filieres.iter().map(|f| urls::filiere(&f.slug)));
    urls_list.extend(cat.lieux.iter().map(|l| urls::lieu(&l.slug)));
    urls_list.extend(cat.centres.iter().map(|c| urls::centre(&c.slug)));
    urls_list.extend(cat.communes.iter().map(|c| urls::commune(&c.slug)));
    urls_list.extend(env.content.pages.iter().map(|p| urls::page(&p.slug)));
    urls_list.extend(
        env.content
            .actualites
            .iter()
            .map(|p| urls::actualite(&p.slug)),
    );
    let mut xml_text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls_list {
        let _ = writeln!(
            xml_text,
            "<url><loc>{}</loc></url>",
            xml(&format!("{base}{u}"))
        );
    }
    xml_text.push_str("</urlset>\n");
    Output {
        path: "sitemap.xml".into(),
        bytes: xml_text.into_bytes(),
    }
}

fn robots(env: Entrees) -> Output {
    let text = format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        env.config.base_url
    );
    Output {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

fn manifest(env: Entrees) -> Output {
    let racine = &env.config.racine;
    let value = serde_json::json!({
        "name": format!("{} — formations CISP en Wallonie", env.config.titre),
        "short_name": env.config.titre,
        "lang": "fr",
        "start_url": format!("{racine}/"),
        "scope": format!("{racine}/"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {"src": format!("{racine}/static/icone.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": format!("{racine}/static/icone-masquable.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "maskable"}
        ]
    });
    Output {
        path: "manifest.webmanifest".into(),
        bytes: serde_json::to_vec_pretty(&value).unwrap_or_default(),
    }
}

fn atom(env: Entrees) -> Output {
    let base = &env.config.base_url;
    let news = &env.content.actualites;
    let updated = news
        .iter()
        .filter_map(|p| p.front.date)
        .max()
        .map_or_else(|| env.catalogue.today.to_string(), |d| d.to_string());
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n",
    );
    let _ = writeln!(x, "<title>{} — actualités</title>", xml(&env.config.titre));
    let _ = writeln!(x, "<id>{}/actualites/</id>", xml(base));
    let _ = writeln!(
        x,
        "<link rel=\"self\" href=\"{}/actualites/atom.xml\"/>",
        xml(base)
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}/actualites/\"/>",
        xml(base)
    );
    let _ = writeln!(x, "<updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(
        x,
        "<author><name>{}</name></author>",
        xml(&env.config.titre)
    );
    for p in news {
        let url = format!("{base}{}", urls::actualite(&p.slug));
        let date = p.front.date.map_or_else(String::new, |d| d.to_string());
        let _ = writeln!(x, "<entry>");
        let _ = writeln!(x, "<title>{}</title>", xml(&p.front.title));
        let _ = writeln!(x, "<id>{}</id>", xml(&url));
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&url)
        );
        let _ = writeln!(x, "<updated>{date}T00:00:00Z</updated>");
        let _ = writeln!(x, "<summary>{}</summary>", xml(&p.front.description));
        let _ = writeln!(
            x,
            "<content type=\"html\">{}</content>",
            xml(&crate::markdown::to_html(&p.markdown, 1))
        );
        let _ = writeln!(x, "</entry>");
    }
    x.push_str("</feed>\n");
    Output {
        path: "actualites/atom.xml".into(),
        bytes: x.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_lines_are_folded_and_escaped() {
        let long = "é".repeat(60);
        let mut folded = String::new();
        ics_fold(&mut folded, &format!("SUMMARY:{long}"));
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        // Unfolded (RFC 5545: CR LF and one space removed), the line is whole again.
        assert_eq!(folded.replace("\r\n ", ""), format!("SUMMARY:{long}\r\n"));
        let mut court = String::new();
        ics_fold(&mut court, "UID:x");
        assert_eq!(court, "UID:x\r\n");
        let t = NaiveDate::from_ymd_opt(2026, 3, 4)
            .and_then(|d| d.and_hms_opt(9, 5, 0))
            .unwrap_or_default();
        for t in [t, chrono::NaiveDateTime::MIN, chrono::NaiveDateTime::MAX] {
            assert_eq!(date_heure_ics(t), t.format("%Y%m%dT%H%M%S").to_string());
        }
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn calendar_is_reproducible() {
        let e = Evenement {
            uid: "x@cisp.be".into(),
            debut: "20261203T093000".into(),
            fin: "20261203T110000".into(),
            titre: "Séance".into(),
            lieu: "Rue, 4000 Liège".into(),
            description: "Venez".into(),
            url: "https://cisp.be/formations/x/".into(),
        };
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let a = calendrier(std::slice::from_ref(&e), day);
        assert_eq!(a, calendrier(std::slice::from_ref(&e), day));
        assert!(a.contains("DTSTAMP:20261123T000000Z\r\n"));
        assert!(a.contains("LOCATION:Rue\\, 4000 Liège\r\n"));
    }
}
