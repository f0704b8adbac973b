//! The rows of the territorial tables: one type per embedded file.

use geo::{MultiPolygon, Point, Rect};

#[derive(Debug, Clone)]
pub struct Commune {
    /// REFNIS code, e.g. `62063`.
    pub nis: String,
    /// French name; official German name for the nine German-speaking municipalities.
    pub nom: String,
    /// Other name in use, if any (the French exonym of a German-speaking municipality,
    /// e.g. « Saint-Vith » for Sankt Vith).
    pub autre_nom: Option<String>,
    /// Province, short French name (« Hainaut », « Brabant wallon »…).
    pub province: String,
    /// Administrative arrondissement, short French name (« Tournai-Mouscron »…).
    pub arrondissement: String,
    /// Bassin EFE id (see [`Bassin`]).
    pub bassin: String,
    /// False for the nine German-speaking municipalities.
    pub francophone: bool,
    /// Area-weighted centroid of the polygon.
    pub centroide: Point<f64>,
    /// Full-resolution boundary (≈ 25 m).
    pub contour: MultiPolygon<f64>,
    pub bbox: Rect<f64>,
    /// Postal codes of the municipality, sorted.
    pub codes_postaux: Vec<String>,
    /// Where the municipality « is » for a person: its main locality (the one with its
    /// name), else its centroid. Distances from a municipality start here.
    pub point: Point<f64>,
}

#[derive(Debug, Clone)]
pub struct Localite {
    /// Name of the locality (bpost), e.g. « Jemeppe-sur-Meuse ».
    pub nom: String,
    pub code_postal: String,
    /// NIS code of the municipality it belongs to.
    pub nis: String,
    pub point: Point<f64>,
}

#[derive(Debug, Clone)]
pub struct Gare {
    /// iRail / NMBS id, e.g. `008841004`.
    pub id: String,
    /// French name.
    pub nom: String,
    pub point: Point<f64>,
}

#[derive(Debug, Clone)]
pub struct Bassin {
    /// Slug, e.g. `hainaut-sud`.
    pub id: String,
    /// French name, e.g. « Hainaut Sud ».
    pub nom: String,
}
