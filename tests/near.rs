//! `near` answers every municipality, postal code and locality of the reference data, and
//! its results are sorted by distance and filtered as asked.

use std::path::Path;

use chrono::NaiveDate;
use cispgen::geocode::Geocoder;
use cispgen::model::Categorie;
use cispgen::near::{NearQuery, near};
use cispgen::refdata::RefData;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn query(ou: &str) -> NearQuery {
    NearQuery {
        ou: ou.to_string(),
        rayon_km: 25.0,
        categorie: None,
        rome: None,
        limite: 10,
    }
}

#[test]
fn near_answers_every_municipality_postal_code_and_locality() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = cispgen::pipeline::check_site(root, today()).expect("demo data");
    let refdata = RefData::load();
    let catalogue = cispgen::resolve::resolve(&checked.centres, refdata, today());
    let geocoder = Geocoder::new(refdata);
    let mut asked: Vec<String> = refdata.communes.iter().map(|c| c.nom.clone()).collect();
    asked.extend(
        refdata
            .communes
            .iter()
            .flat_map(|c| c.codes_postaux.iter().cloned()),
    );
    asked.extend(refdata.localites.iter().map(|l| l.nom.clone()));
    assert!(asked.len() > 2_000, "{} queries", asked.len());
    let failures: Vec<String> = asked
        .iter()
        .filter_map(|ou| {
            near(&catalogue, &geocoder, &query(ou), "")
                .err()
                .map(|e| e.to_string())
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} sans réponse : {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
}

#[test]
fn results_are_sorted_filtered_and_bounded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = cispgen::pipeline::check_site(root, today()).expect("demo data");
    let refdata = RefData::load();
    let catalogue = cispgen::resolve::resolve(&checked.centres, refdata, today());
    let geocoder = Geocoder::new(refdata);

    let all = near(
        &catalogue,
        &geocoder,
        &NearQuery {
            limite: 1000,
            ..query("Liège")
        },
        "",
    )
    .expect("Liège");
    assert!(!all.lignes.is_empty());
    assert!(
        all.lignes.windows(2).all(|w| w[0].km <= w[1].km),
        "sorted by distance"
    );
    assert!(all.lignes.iter().all(|r| r.km <= 25.0));

    let bakery = near(
        &catalogue,
        &geocoder,
        &NearQuery {
            rome: Some("d1102".into()),
            limite: 1000,
            rayon_km: 50.0,
            ..query("4020")
        },
        "",
    )
    .expect("4020");
    assert!(!bakery.lignes.is_empty());
    assert!(
        bakery
            .lignes
            .iter()
            .all(|r| r.rome.iter().any(|c| c == "D1102"))
    );

    let base = near(
        &catalogue,
        &geocoder,
        &NearQuery {
            categorie: Some(Categorie::FormationDeBase),
            limite: 1000,
            ..query("Namur")
        },
        "",
    )
    .expect("Namur");
    assert!(
        base.lignes
            .iter()
            .all(|r| r.categorie == Categorie::FormationDeBase.nom())
    );

    let few = near(
        &catalogue,
        &geocoder,
        &NearQuery {
            limite: 3,
            ..query("Charleroi")
        },
        "",
    )
    .expect("Charleroi");
    assert_eq!(few.lignes.len(), 3);

    let point = near(&catalogue, &geocoder, &query("50.6326, 5.5797"), "").expect("lat,lon");
    assert!(!point.lignes.is_empty());
}

#[test]
fn unknown_places_get_suggestions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = cispgen::pipeline::check_site(root, today()).expect("demo data");
    let refdata = RefData::load();
    let catalogue = cispgen::resolve::resolve(&checked.centres, refdata, today());
    let geocoder = Geocoder::new(refdata);
    let err = near(&catalogue, &geocoder, &query("jemepe"), "").expect_err("typo");
    assert!(err.to_string().contains("Jemeppe-sur-Meuse"), "{err}");
}

/// `near --format json` and `--format geojson` carry the starting point and each place's
/// point, and the distances agree with them (issue 17): results can be mapped and checked.
#[test]
fn results_carry_coordinates_that_match_their_distances() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let front = cispgen::pipeline::front(root, today(), None).expect("demo data");
    let catalogue = cispgen::resolve::resolve(&front.centres, front.refdata, today());
    let geocoder = Geocoder::new(front.refdata);
    let result = near(&catalogue, &geocoder, &query("4101"), "").expect("4101");
    assert!(!result.lignes.is_empty());
    let inside = |lat: f64, lon: f64| (49.4..=50.9).contains(&lat) && (2.8..=6.5).contains(&lon);
    assert!(inside(result.depart_lat, result.depart_lon), "{result:?}");
    let depart = geo::Point::new(result.depart_lon, result.depart_lat);
    for r in &result.lignes {
        assert!(inside(r.lat, r.lon), "{r:?}");
        let km = cispgen::spatial::distance_km(depart, geo::Point::new(r.lon, r.lat));
        assert!(
            (km - r.km).abs() < 0.05,
            "{} : {km} km vs {} km",
            r.titre,
            r.km
        );
    }
    let geojson: serde_json::Value =
        serde_json::from_str(&cispgen::near::to_geojson(&result)).expect("GeoJSON");
    let features = geojson["features"].as_array().expect("features");
    assert_eq!(features.len(), result.lignes.len() + 1);
    assert_eq!(features[0]["properties"]["role"], "depart");
    assert_eq!(
        features[0]["geometry"]["coordinates"],
        serde_json::json!([result.depart_lon, result.depart_lat])
    );
    assert_eq!(
        features[1]["properties"]["titre"],
        result.lignes[0].titre.as_str()
    );
}
