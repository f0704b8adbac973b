//! Addresses and coordinates: is the postal code Walloon, does the locality belong to it,
//! do the coordinates fall in the stated municipality.

use geo::Point;

use crate::diag::Diagnostic;
use crate::model::Lieu;
use crate::refdata::{Commune, RefData};
use crate::text::fold;

/// Wallonia's bounding box, with a little margin (degrees).
pub const WALLONIE_LAT: (f64, f64) = (49.45, 50.85);
pub const WALLONIE_LON: (f64, f64) = (2.80, 6.45);

/// Coordinates further than this from the stated municipality are an error; closer
/// ones only a warning (a place on a boundary street, a rounded coordinate).
pub const TOLERANCE_KM: f64 = 3.0;

pub fn dans_wallonie(lat: f64, lon: f64) -> bool {
    (WALLONIE_LAT.0..=WALLONIE_LAT.1).contains(&lat)
        && (WALLONIE_LON.0..=WALLONIE_LON.1).contains(&lon)
}

/// The municipality a place's address names: the one of its locality when the locality
/// is known, else the only one of its postal code.
pub fn commune_de_l_adresse<'r>(lieu: &Lieu, refdata: &'r RefData) -> Option<&'r Commune> {
    let communes = refdata.communes_du_code_postal(lieu.code_postal.trim());
    let wanted = fold(&lieu.localite);
    if let Some(localite) = refdata
        .localites_du_code_postal(lieu.code_postal.trim())
        .into_iter()
        .find(|l| fold(&l.nom) == wanted)
    {
        return refdata.commune(&localite.nis);
    }
    if let Some(commune) = communes.iter().find(|c| fold(&c.nom) == wanted) {
        return Some(commune);
    }
    match communes.as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// Checks the address and coordinates of one place.
pub fn check_lieu(lieu: &Lieu, refdata: &RefData, out: &mut Vec<Diagnostic>) {
    let cp = lieu.code_postal.trim();
    let cp_ok = check_code_postal(lieu, refdata, out);
    if cp_ok {
        check_localite(lieu, refdata, out);
    }
    let Some(coords) = &lieu.coordonnees else {
        return;
    };
    let (lat, lon) = (coords.lat, coords.lon);
    if !lat.is_finite() || !lon.is_finite() || !dans_wallonie(lat, lon) {
        let hint = if dans_wallonie(lon, lat) {
            "la latitude et la longitude semblent inversées : en Wallonie, lat est entre 49,4 et 50,9 et lon entre 2,8 et 6,5".to_string()
        } else {
            "en Wallonie, lat est entre 49,4 et 50,9 et lon entre 2,8 et 6,5 ; copiez-les depuis une carte (clic droit → « Afficher l'adresse »)".to_string()
        };
        out.push(
            Diagnostic::error(
                coords.span,
                format!("les coordonnées ({lat}, {lon}) sont en dehors de la Wallonie"),
            )
            .with_hint(hint),
        );
        return;
    }
    if !cp_ok {
        return;
    }
    let Some(stated) = commune_de_l_adresse(lieu, refdata) else {
        return;
    };
    let point = Point::new(lon, lat);
    let distance = refdata.distance_au_contour_km(stated, point);
    if distance <= 0.0 {
        return;
    }
    let actual = refdata.commune_contenant(point).map_or_else(
        || "hors de Wallonie".to_string(),
        |c| format!("à {}", c.nom),
    );
    let message = format!(
        "les coordonnées tombent {actual}, à {} km de {} (code postal {cp})",
        format_km(distance),
        stated.nom
    );
    let hint = "vérifiez les coordonnées (lat, lon) ou le code postal et la localité de l'adresse";
    if distance > TOLERANCE_KM {
        out.push(Diagnostic::error(coords.span, message).with_hint(hint));
    } else {
        out.push(Diagnostic::warning(coords.span, message).with_hint(hint));
    }
}

fn format_km(km: f64) -> String {
    format!("{km:.1}").replace('.', ",")
}

fn check_code_postal(lieu: &Lieu, refdata: &RefData, out: &mut Vec<Diagnostic>) -> bool {
    let cp = lieu.code_postal.trim();
    let span = lieu.code_postal.span;
    if cp.is_empty() {
        return false; // reported as an empty required field
    }
    if cp.len() != 4 || !cp.chars().all(|c| c.is_ascii_digit()) {
        out.push(
            Diagnostic::error(span, format!("« {cp} » n'est pas un code postal belge"))
                .with_hint("un code postal belge a 4 chiffres, par exemple 4000"),
        );
        return false;
    }
    if !refdata.communes_du_code_postal(cp).is_empty() {
        return true;
    }
    let n: u32 = cp.parse().unwrap_or(0);
    let region = match n {
        1000..=1299 => Some("à Bruxelles"),
        1500..=3999 | 8000..=9999 => Some("en Flandre"),
        _ => None,
    };
    let message = match region {
        Some(region) => format!("le code postal {cp} est {region}, pas en Wallonie"),
        None => format!("le code postal {cp} n'existe pas en Wallonie"),
    };
    let hint = localite_hint(&lieu.localite, refdata).unwrap_or_else(|| {
        "l'annuaire ne reprend que des lieux situés en Wallonie ; vérifiez le code postal"
            .to_string()
    });
    out.push(Diagnostic::error(span, message).with_hint(hint));
    false
}

fn check_localite(lieu: &Lieu, refdata: &RefData, out: &mut Vec<Diagnostic>) {
    let cp = lieu.code_postal.trim();
    let wanted = fold(&lieu.localite);
    if wanted.is_empty() {
        return; // reported as an empty required field
    }
    let localites = refdata.localites_du_code_postal(cp);
    let communes = refdata.communes_du_code_postal(cp);
    if localites.iter().any(|l| fold(&l.nom) == wanted)
        || communes.iter().any(|c| fold(&c.nom) == wanted)
    {
        return;
    }
    let mut names: Vec<&str> = localites.iter().map(|l| l.nom.as_str()).collect();
    names.extend(communes.iter().map(|c| c.nom.as_str()));
    names.sort_unstable();
    names.dedup();
    let elsewhere = localite_hint(&lieu.localite, refdata);
    let hint = match elsewhere {
        Some(elsewhere) => format!("{elsewhere} ; pour {cp}, écrivez : {}", names.join(", ")),
        None => format!("pour le code postal {cp}, écrivez : {}", names.join(", ")),
    };
    out.push(
        Diagnostic::error(
            lieu.localite.span,
            format!(
                "la localité « {} » ne correspond pas au code postal {cp}",
                lieu.localite.trim()
            ),
        )
        .with_hint(hint),
    );
}

/// « Jemeppe-sur-Meuse a le code postal 4101 » when the locality exists elsewhere.
fn localite_hint(localite: &str, refdata: &RefData) -> Option<String> {
    let wanted = fold(localite);
    let mut codes: Vec<&str> = refdata
        .localites
        .iter()
        .filter(|l| fold(&l.nom) == wanted)
        .map(|l| l.code_postal.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    match codes.as_slice() {
        [] => None,
        [one] => Some(format!("{} a le code postal {one}", localite.trim())),
        many => Some(format!(
            "{} a les codes postaux {}",
            localite.trim(),
            many.join(", ")
        )),
    }
}
