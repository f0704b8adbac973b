//! The open-data page `/donnees/`.

use serde::Serialize;

use super::accueil_lien;
use crate::opendata as export;
use crate::render::Env;
use crate::render::pages::{Rendu, rendu};
use crate::render::views::PageMeta;
use crate::site::format;
use crate::site::urls::{URL_CATALOGUE, URL_CSV, URL_GEOJSON, URL_ICS, URL_SCHEMA, url_csv_bassin};

// ---------------------------------------------------------------------------------------
// The open-data page
// ---------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Champ {
    nom: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct Fichier {
    nom: String,
    url: String,
    taille: String,
}

#[derive(Serialize)]
struct DonneesView {
    catalogue: Fichier,
    schema: Fichier,
    geojson: Fichier,
    csv: Fichier,
    ics: Fichier,
    bassins: Vec<Fichier>,
    colonnes: Vec<Champ>,
    proprietes: Vec<Champ>,
    filieres: usize,
    lignes: usize,
    lieux: usize,
    seances: usize,
    date: String,
    date_iso: String,
    base_url: String,
}

/// « 12 Ko », « 1,2 Mo ».
pub fn taille(octets: usize) -> String {
    if octets < 1000 {
        format!("{octets} octets")
    } else if octets < 1_000_000 {
        format!("{} Ko", octets.div_ceil(1000))
    } else {
        format!("{:.1} Mo", octets as f64 / 1e6).replace('.', ",")
    }
}

fn fichier(url: &str, octets: usize) -> Fichier {
    Fichier {
        nom: url.rsplit('/').next().unwrap_or(url).to_string(),
        url: url.to_string(),
        taille: taille(octets),
    }
}

/// The open-data page, from the files [`export::outputs`] wrote.
pub fn donnees(env: &Env, publies: &export::Publies) -> Rendu {
    let cat = env.catalogue;
    let base = env.config.base_url.as_str();
    let seances: usize = cat.filieres.iter().map(|f| f.seances.len()).sum();
    let bassins = publies
        .bassins
        .iter()
        .map(|(id, nom, octets)| {
            let mut f = fichier(&url_csv_bassin(id), *octets);
            f.nom = nom.clone();
            f
        })
        .collect();
    let data = DonneesView {
        catalogue: fichier(URL_CATALOGUE, publies.catalogue),
        schema: fichier(URL_SCHEMA, publies.schema),
        geojson: fichier(URL_GEOJSON, publies.geojson),
        csv: fichier(URL_CSV, publies.csv),
        ics: fichier(URL_ICS, publies.ics),
        bassins,
        colonnes: export::COLONNES_CSV
            .iter()
            .map(|&(nom, description)| Champ { nom, description })
            .collect(),
        proprietes: export::PROPRIETES_GEOJSON
            .iter()
            .map(|&(nom, description)| Champ { nom, description })
            .collect(),
        filieres: cat.filieres.len(),
        lignes: publies.lignes,
        lieux: cat.lieux.len(),
        seances,
        date: format::date(cat.today),
        date_iso: cat.today.to_string(),
        base_url: base.to_string(),
    };
    let meta = PageMeta::new(
        env.config,
        "/donnees/",
        "Données ouvertes",
        "Tout le catalogue des formations CISP en fichiers ouverts (JSON, GeoJSON, CSV pour Excel, agenda ICS), sous licence CC BY 4.0.",
    )
    .fil(vec![accueil_lien()]);
    rendu("/donnees/".into(), "donnees.html", meta, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tailles() {
        assert_eq!(taille(12), "12 octets");
        assert_eq!(taille(12_345), "13 Ko");
        assert_eq!(taille(1_234_567), "1,2 Mo");
    }
}
