//! The schema's patterns against the code they stand for: for each sample, the schema
//! accepts it exactly when `check` (or the YAML reader) does.

use serde_json::{Value, json};

use super::*;
use crate::check::formats;
use crate::model::{Date, Heure, Rythme};

/// The schema at `pointer`, with the definitions it may refer to.
fn partie(pointer: &str) -> jsonschema::Validator {
    let schema = centre_schema().to_value();
    let mut part = schema.pointer(pointer).cloned().expect("pointer exists");
    if let (Some(o), Some(defs)) = (part.as_object_mut(), schema.get("$defs")) {
        o.insert("$defs".into(), defs.clone());
    }
    jsonschema::validator_for(&part).expect("valid schema")
}

/// Each sample accepted by the schema part exactly when `accepte` says so.
fn meme_verdict(pointer: &str, samples: &[&str], accepte: impl Fn(&str) -> bool) {
    let validator = partie(pointer);
    let wrong: Vec<String> = samples
        .iter()
        .filter(|s| validator.is_valid(&json!(s)) != accepte(s))
        .map(|s| format!("{s:?} (check accepts: {})", accepte(s)))
        .collect();
    assert!(wrong.is_empty(), "{pointer} disagrees on {wrong:?}");
}

#[test]
fn every_rule_lands_on_a_generated_property() {
    let generated = schemars::schema_for!(crate::model::Centre).to_value();
    for (pointer, _) in regles().into_iter().chain(ajouts()) {
        assert!(generated.pointer(pointer).is_some(), "{pointer}");
    }
}

#[test]
fn phone_numbers_as_check_takes_them() {
    let samples = [
        "04 123 45 67",
        "0471/12.34.56",
        "+32 (0)71 00 01 23",
        "+32 4 123 45 67",
        "0032 81 00 00 00",
        "+352 27 12 34 56",
        "0033 1 23 45 67 89",
        "",
        "  ",
        "04 123",
        "4 123 45 67",
        "appelez-nous",
        "+32 123",
        "+32 0 0123 45 67",
        "+3200123456",
        "0032123456",
        "00123456789",
        "081\u{a0}00\u{a0}00\u{a0}00",
        "+1234567",
        "+1234567890123456",
        "04\t123 45 67",
    ];
    meme_verdict("/properties/telephone", &samples, |s| {
        s.trim().is_empty() || formats::telephone(s).is_ok()
    });
    // Unquoted, `081000000` is a YAML number: its digits are all the schema sees.
    assert!(partie("/properties/telephone").is_valid(&json!(81000000)));
}

#[test]
fn emails_and_websites_as_check_takes_them() {
    let mails = [
        "contact@le-fournil.be",
        " prenom.nom+cisp@exemple.co.uk ",
        "o'brien@exemple.ie",
        "",
        "contact@",
        "contact.exemple.be",
        "a b@exemple.be",
        "x@exemple",
        "x@-a.be",
        ".x@exemple.be",
        "x.@exemple.be",
        "x@exemple.b3",
    ];
    meme_verdict("/properties/courriel", &mails, |s| {
        s.trim().is_empty() || formats::courriel(s).is_ok()
    });
    let sites = [
        "https://www.cisp.be/",
        "HTTP://Exemple.be/page?x=1#y",
        "https://exemple.be:8080/a",
        "https://exemple.be",
        "",
        "www.exemple.be",
        "javascript:alert(1)",
        "ftp://exemple.be",
        "https://",
        "https://exemple.be/a b",
        "https://exemple.be/<x>",
        "https://localhost/",
    ];
    meme_verdict("/properties/site_web", &sites, |s| {
        s.trim().is_empty() || formats::site_web(s).is_ok()
    });
}

#[test]
fn dates_times_and_rhythms_as_the_yaml_reader_takes_them() {
    let dates = [
        "2027-03-15",
        " 2027-3-5 ",
        "15/03/2027",
        "2027-03",
        "27-03-15",
    ];
    meme_verdict("/$defs/Date", &dates, |s| Date::parse(s).is_some());
    let heures = [
        "09:30", "9h30", "9H30", "14h", "9", " 9 : 05 ", "23:59", "24:00", "9:60", "midi", "h30",
        "9:30h", "",
    ];
    meme_verdict("/$defs/Heure", &heures, |s| Heure::parse(s).is_some());
    assert!(partie("/$defs/Heure").is_valid(&json!(9)), "`heure: 9`");
    let rythmes = [
        "mardi",
        " mardi ",
        "premier lundi du mois",
        "dernier  vendredi du mois",
        "2e jeudi du mois",
        "deuxième mardi du mois",
        "Mardi",
        "premier lundi",
        "lundi du mois",
        "chaque mardi",
        "",
    ];
    meme_verdict("/$defs/Rythme", &rythmes, |s| Rythme::lire(s).is_ok());
}

#[test]
fn enums_forgive_case_accents_and_punctuation_like_the_reader() {
    let methodes = [
        "EFT", "DéFi", "DEFI", "defi", "Défi", " eft ", "D.E.F.I", "DF", "EFTS",
    ];
    meme_verdict("/$defs/Methode", &methodes, |s| {
        ["eft", "defi"].contains(&fold(s).as_str())
    });
    let moments = [
        "jour-et-soir",
        "Jour et soir",
        "JOUR_ET_SOIR",
        "jouretsoir",
        "nuit",
    ];
    meme_verdict("/$defs/Moment", &moments, |s| {
        ["jour", "soir", "jour et soir"].contains(&fold(s).as_str())
    });
    let secteurs = ["Horeca", "HORECA", "espaces verts", "Français", "horeka"];
    meme_verdict("/$defs/Secteur", &secteurs, |s| {
        crate::model::Secteur::ALL
            .iter()
            .any(|v| fold(v.slug()) == fold(s))
    });
}

#[test]
fn coordinates_numbers_and_yes_no_words() {
    let lat = [
        "50.6168", "50,6168", "49.45", "50.85", "50.8", "50", "49.4", "50.86", "5.5",
    ];
    meme_verdict("/$defs/Coordonnees/properties/lat", &lat, |s| {
        s.replace(',', ".")
            .parse::<f64>()
            .is_ok_and(|v| (49.45..=50.85).contains(&v))
    });
    let lon = [
        "5.5049", "5,5", "2.8", "6.45", "6.4", "6", "2.79", "6.46", "50.6",
    ];
    meme_verdict("/$defs/Coordonnees/properties/lon", &lon, |s| {
        s.replace(',', ".")
            .parse::<f64>()
            .is_ok_and(|v| (2.80..=6.45).contains(&v))
    });
    let lat = partie("/$defs/Coordonnees/properties/lat");
    assert!(lat.is_valid(&json!(50.6)) && !lat.is_valid(&json!(5.5)));
    let hebdo = [
        "30", "30,5", "0,5", "60", "60.0", "0", "60.5", "61", "-3", "trente",
    ];
    meme_verdict(
        "/$defs/Horaire/properties/heures_par_semaine",
        &hebdo,
        |s| {
            s.replace(',', ".")
                .parse::<f32>()
                .is_ok_and(|v| v > 0.0 && v <= 60.0)
        },
    );
    let semaines = ["40", "1", "200", "0", "201", "-3", "4,0"];
    meme_verdict("/$defs/Duree/properties/semaines", &semaines, |s| {
        s.parse::<u32>().is_ok_and(|w| (1..=200).contains(&w))
    });
    let oui_non = ["oui", "Non", "YES", "no", "true", "vrai", "peut-être"];
    meme_verdict("/$defs/Filiere/properties/stage", &oui_non, |s| {
        ["true", "false", "oui", "non", "yes", "no"].contains(&s.to_lowercase().as_str())
    });
}

#[test]
fn ids_postcodes_and_rome_codes() {
    let ids = [
        "le-fournil",
        "fournil-2",
        "Fournil",
        "le--fournil",
        "-x",
        "é",
        "",
    ];
    meme_verdict("/properties/id", &ids, crate::text::is_slug);
    let cp = partie("/$defs/Lieu/properties/code_postal");
    assert!(cp.is_valid(&json!("4101")) && cp.is_valid(&json!(5000)));
    assert!(!cp.is_valid(&json!("41O1")) && !cp.is_valid(&json!(410)));
    let rome = partie("/$defs/Filiere/properties/rome");
    assert!(rome.is_valid(&json!(["D1102", " F1703 "])) && rome.is_valid(&json!("D1102")));
    assert!(!rome.is_valid(&json!(["d1102"])) && !rome.is_valid(&json!(["Z1102"])));
}

#[test]
fn a_professional_track_needs_a_rome_code_and_every_track_a_place() {
    let filiere = partie("/$defs/Filiere");
    let base = json!({
        "id": "x", "titre": "X", "categorie": "Formation professionnalisante",
        "secteur": "vente", "lieux": ["l"], "duree": {"semaines": 10}, "horaire": null,
        "entree": {"permanente": "oui"}, "public": "P", "description": "D",
        "mis_a_jour": "2026-10-01"
    });
    assert!(!filiere.is_valid(&base), "no ROME code");
    let with = |key: &str, value: Value| {
        let mut f = base.clone();
        f[key] = value;
        f
    };
    assert!(filiere.is_valid(&with("rome", json!("D1102"))));
    assert!(!filiere.is_valid(&with("rome", json!([]))));
    assert!(filiere.is_valid(&with("categorie", json!("orientation"))));
    let with_rome = with("rome", json!(["D1102"]));
    let mut sans_lieu = with_rome.clone();
    sans_lieu["lieux"] = json!([]);
    assert!(!filiere.is_valid(&sans_lieu), "no place");
    if let Some(o) = sans_lieu.as_object_mut() {
        o.remove("lieux");
    }
    assert!(!filiere.is_valid(&sans_lieu), "no `lieux:`");
    let mut sans_duree = with_rome.clone();
    sans_duree["duree"] = json!({"semaines": null});
    assert!(!filiere.is_valid(&sans_duree), "no duration");
}
