//! The demo's YAML, written by hand in the field order of [`crate::model`], as a person
//! would write it. Not yaml-rust2's emitter: it starts every file with `---` and writes
//! neither comments (the schema header) nor flow lists (`[lundi, mardi]`): its files
//! would not be byte-identical to the ones it replaces.

use chrono::NaiveDate;

use super::ENTETE;
use super::catalogue::CentreDemo;
use super::filieres::FiliereDemo;
use super::lieux::LieuDemo;
use crate::model::Moment;

/// A scalar as YAML text: plain when YAML reads it back as this very string, else quoted.
fn scalaire(s: &str) -> String {
    if plain_ok(s) {
        s.to_string()
    } else {
        guillemets(s)
    }
}

fn plain_ok(s: &str) -> bool {
    const SPECIAUX_DEBUT: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`', '.', '+', '~',
    ];
    const MOTS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "oui", "non", "vrai", "faux",
    ];
    let looks_numeric = s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || "+-.eE_:xXoObB".contains(c));
    !s.is_empty()
        && s.trim() == s
        && !s.starts_with(SPECIAUX_DEBUT)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['"', '\\'])
        && !s.chars().any(char::is_control)
        && !MOTS.contains(&s.to_ascii_lowercase().as_str())
        && !looks_numeric
}

fn guillemets(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Yaml(String);

impl Yaml {
    fn ligne(&mut self, indent: usize, text: &str) {
        self.0.extend(std::iter::repeat_n(' ', indent));
        self.0.push_str(text);
        self.0.push('\n');
    }

    fn texte(&mut self, indent: usize, cle: &str, valeur: &str) {
        self.ligne(indent, &format!("{cle}: {}", scalaire(valeur)));
    }

    fn brut(&mut self, indent: usize, cle: &str, valeur: impl std::fmt::Display) {
        self.ligne(indent, &format!("{cle}: {valeur}"));
    }

    /// Markdown in a literal block scalar.
    fn bloc(&mut self, indent: usize, cle: &str, markdown: &str) {
        self.ligne(indent, &format!("{cle}: |"));
        for l in markdown.lines() {
            if l.is_empty() {
                self.0.push('\n');
            } else {
                self.ligne(indent + 2, l);
            }
        }
    }

    /// A flow list of plain words (ids, codes, days): `[a, b]`.
    fn liste(&mut self, indent: usize, cle: &str, items: &[&str]) {
        let items: Vec<String> = items.iter().map(|i| scalaire(i)).collect();
        self.ligne(indent, &format!("{cle}: [{}]", items.join(", ")));
    }
}

pub(super) fn yaml(c: &CentreDemo) -> String {
    let mut w = Yaml(String::with_capacity(4096));
    w.ligne(0, ENTETE);
    w.texte(0, "id", &c.id);
    w.texte(0, "nom", &c.nom);
    w.brut(0, "federation", c.federation.slug());
    w.brut(0, "methode", c.methode.sigle());
    if let Some(site) = &c.site_web {
        w.texte(0, "site_web", site);
    }
    w.texte(0, "telephone", &c.telephone);
    w.texte(0, "courriel", &c.courriel);
    w.bloc(0, "presentation", &c.presentation);
    w.ligne(0, "lieux:");
    for l in &c.lieux {
        yaml_lieu(&mut w, l);
    }
    w.ligne(0, "filieres:");
    for f in &c.filieres {
        yaml_filiere(&mut w, f);
    }
    w.0
}

fn yaml_lieu(w: &mut Yaml, l: &LieuDemo) {
    w.ligne(2, &format!("- id: {}", scalaire(&l.id)));
    w.texte(4, "nom", &l.nom);
    w.texte(4, "rue", &l.rue);
    w.texte(4, "code_postal", &l.code_postal);
    w.texte(4, "localite", &l.localite);
    if let Some((lat, lon)) = l.coordonnees {
        w.ligne(4, "coordonnees:");
        w.brut(6, "lat", format!("{lat:.5}"));
        w.brut(6, "lon", format!("{lon:.5}"));
    }
    if let Some(acces) = &l.acces {
        w.ligne(4, "acces:");
        if let Some(fauteuil) = acces.fauteuil_roulant {
            w.brut(6, "fauteuil_roulant", fauteuil);
        }
        if let Some(t) = &acces.transports {
            w.texte(6, "transports", t);
        }
    }
}

fn yaml_filiere(w: &mut Yaml, f: &FiliereDemo) {
    w.ligne(2, &format!("- id: {}", scalaire(&f.id)));
    w.texte(4, "titre", f.titre);
    w.brut(4, "categorie", f.categorie.slug());
    w.brut(4, "secteur", f.secteur.slug());
    if !f.rome.is_empty() {
        w.liste(4, "rome", f.rome);
    }
    let lieux: Vec<&str> = f.lieux.iter().map(String::as_str).collect();
    w.liste(4, "lieux", &lieux);
    w.ligne(4, "duree:");
    if let Some(s) = f.semaines {
        w.brut(6, "semaines", s);
    }
    if let Some(h) = f.heures {
        w.brut(6, "heures", h);
    }
    yaml_horaire(w, f);
    w.ligne(4, "entree:");
    if f.permanente {
        w.brut(6, "permanente", true);
    } else {
        // A NaiveDate displays as `%Y-%m-%d`, the files' date format.
        let dates: Vec<String> = f.dates.iter().map(NaiveDate::to_string).collect();
        w.brut(6, "dates", format!("[{}]", dates.join(", ")));
    }
    if !f.seances.is_empty() {
        w.ligne(4, "seances_info:");
        for s in &f.seances {
            w.ligne(6, &format!("- chaque: {}", scalaire(&s.rythme.to_string())));
            w.texte(8, "heure", s.heure);
            if !s.sauf.is_empty() {
                let sauf: Vec<String> = s.sauf.iter().map(NaiveDate::to_string).collect();
                w.brut(8, "sauf", format!("[{}]", sauf.join(", ")));
            }
            w.texte(8, "lieu", &s.lieu);
            if let Some(r) = s.remarque {
                w.texte(8, "remarque", r);
            }
        }
    }
    w.texte(4, "public", f.public);
    w.brut(4, "stage", f.stage);
    if let Some(c) = f.certification {
        w.texte(4, "certification", c);
    }
    w.bloc(4, "description", &f.description);
    if let Some(c) = &f.contact {
        w.ligne(4, "contact:");
        w.texte(6, "nom", &c.nom);
        if let Some(t) = &c.telephone {
            w.texte(6, "telephone", t);
        }
        if let Some(m) = &c.courriel {
            w.texte(6, "courriel", m);
        }
    }
    w.brut(4, "mis_a_jour", f.mis_a_jour);
}

fn yaml_horaire(w: &mut Yaml, f: &FiliereDemo) {
    w.ligne(4, "horaire:");
    let jours: Vec<&str> = f.jours.iter().map(|j| j.nom()).collect();
    w.liste(6, "jours", &jours);
    let heures = if f.dixiemes_par_semaine.is_multiple_of(10) {
        format!("{}", f.dixiemes_par_semaine / 10)
    } else {
        format!(
            "{}.{}",
            f.dixiemes_par_semaine / 10,
            f.dixiemes_par_semaine % 10
        )
    };
    w.brut(6, "heures_par_semaine", heures);
    w.brut(
        6,
        "moment",
        match f.moment {
            Moment::Jour => "jour",
            Moment::Soir => "soir",
            Moment::JourEtSoir => "jour-et-soir",
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(scalaire("4101"), "\"4101\"");
        assert_eq!(scalaire("oui"), "\"oui\"");
        assert_eq!(scalaire("a: b"), "\"a: b\"");
        assert_eq!(scalaire("dit \"x\" \\"), "\"dit \\\"x\\\" \\\\\"");
        assert_eq!(scalaire("Rue de l'Église 12"), "Rue de l'Église 12");
        assert_eq!(scalaire("04 000 12 34"), "04 000 12 34");
    }

    #[test]
    fn blocks_and_lists() {
        let mut w = Yaml(String::new());
        w.bloc(4, "description", "Un.\n\n- deux");
        w.liste(6, "jours", &["lundi", "mardi"]);
        assert_eq!(
            w.0,
            "    description: |\n      Un.\n\n      - deux\n      jours: [lundi, mardi]\n"
        );
    }
}
