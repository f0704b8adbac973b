//! Stage 3, **resolve**: from checked centre files to a linked catalogue — every place
//! geocoded and attached to its municipality and bassin, the R-trees of places and
//! stations built once, and the geographic joins the pages need (places near each
//! municipality, nearest station, similar tracks nearby) computed through them.
//!
//! Everything links by index into the vectors of [`Catalogue`], so pages borrow and
//! nothing is copied.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::NaiveDate;
use geo::Point;
use rayon::prelude::*;

use crate::check::geography::commune_de_l_adresse;
use crate::model::{Centre, Filiere, Lieu};
use crate::refdata::{Bassin, Commune, RefData};
use crate::spatial::{Hit, SpatialIndex};
use crate::text::{fold, slugify};

mod requetes;
mod seances;

pub use seances::{HORIZON_JOURS, PAR_RYTHME, Seance, seances_a_venir};

/// A municipality page lists the places within this distance…
pub const RAYON_COMMUNE_KM: f64 = 25.0;
/// …and at least this many places, even further.
pub const MIN_LIEUX_COMMUNE: usize = 10;
/// …but no more than this many, to keep the page light on a phone.
pub const MAX_LIEUX_COMMUNE: usize = 30;
/// « Similar tracks nearby » look this far.
pub const RAYON_SIMILAIRES_KM: f64 = 25.0;

/// How a place's point was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Coordinates written in the file.
    Exacte,
    /// The centre of its locality (section).
    Localite,
    /// The centre of its municipality.
    Commune,
}

pub struct CentreR<'a> {
    pub centre: &'a Centre,
    pub slug: String,
    pub lieux: Vec<usize>,
    pub filieres: Vec<usize>,
}

pub struct LieuR<'a> {
    pub lieu: &'a Lieu,
    pub slug: String,
    pub centre: usize,
    pub point: Point<f64>,
    pub precision: Precision,
    pub commune: &'static Commune,
    pub bassin: Option<&'static Bassin>,
    /// Nearest railway station: index into `RefData::gares`, and its distance.
    pub gare: Option<Hit>,
    pub filieres: Vec<usize>,
}

pub struct FiliereR<'a> {
    pub filiere: &'a Filiere,
    pub slug: String,
    pub centre: usize,
    pub lieux: Vec<usize>,
    /// Upcoming information sessions, soonest first, rhythms expanded (see `seances.rs`).
    pub seances: Vec<Seance<'a>>,
    /// Tracks of the same sector or job code near one of this track's places, nearest
    /// first: made when first asked for ([`Catalogue::similaires`]), so that `serve` renders
    /// an edited centre's pages before those of the 47,000 tracks of 100 × are known.
    similaires: OnceLock<Vec<Proche>>,
}

/// Something at a distance: an index (of a track, a place) and kilometres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proche {
    pub id: usize,
    pub km: f64,
}

/// A municipality that has at least one place within [`RAYON_COMMUNE_KM`].
pub struct CommuneR {
    pub commune: &'static Commune,
    pub slug: String,
    pub point: Point<f64>,
    /// Places, nearest first.
    pub lieux: Vec<Proche>,
    /// Places within the radius but left off the page.
    pub autres: usize,
}

/// The resolved catalogue.
pub struct Catalogue<'a> {
    pub refdata: &'static RefData,
    pub today: NaiveDate,
    pub centres: Vec<CentreR<'a>>,
    pub lieux: Vec<LieuR<'a>>,
    pub filieres: Vec<FiliereR<'a>>,
    pub communes: Vec<CommuneR>,
    /// NIS code → index into `communes`, for municipalities that have a page.
    pub commune_par_nis: BTreeMap<&'static str, usize>,
    pub index_lieux: SpatialIndex,
    pub index_gares: SpatialIndex,
}

/// The point, precision and municipality of a place, or `None` when its address is not
/// in Wallonia (which `check` reports).
fn geocode_lieu(
    lieu: &Lieu,
    refdata: &'static RefData,
) -> Option<(Point<f64>, Precision, &'static Commune)> {
    let stated = commune_de_l_adresse(lieu, refdata);
    if let Some(c) = lieu
        .coordonnees
        .as_ref()
        .filter(|c| c.lat.is_finite() && c.lon.is_finite())
    {
        let point = Point::new(c.lon, c.lat);
        // The municipality comes from the coordinates (point in polygon), the address
        // being the fallback for a point just outside every polygon.
        let commune = refdata.commune_contenant(point).or(stated)?;
        return Some((point, Precision::Exacte, commune));
    }
    let commune = stated?;
    let wanted = fold(&lieu.localite);
    match refdata
        .localites_du_code_postal(lieu.code_postal.trim())
        .into_iter()
        .find(|l| fold(&l.nom) == wanted)
    {
        Some(localite) => Some((localite.point, Precision::Localite, commune)),
        None => Some((commune.point, Precision::Commune, commune)),
    }
}

/// Links the checked centres. Places whose address cannot be placed are left out (the
/// build refuses to run when `check` found errors, so this only guards bad input).
pub fn resolve<'a>(
    centres: &'a [Centre],
    refdata: &'static RefData,
    today: NaiveDate,
) -> Catalogue<'a> {
    let index_gares =
        SpatialIndex::new(refdata.gares.iter().enumerate().map(|(i, g)| (i, g.point)));
    let mut out = Catalogue {
        refdata,
        today,
        centres: Vec::with_capacity(centres.len()),
        lieux: Vec::new(),
        filieres: Vec::new(),
        communes: Vec::new(),
        commune_par_nis: BTreeMap::new(),
        index_lieux: SpatialIndex::new(std::iter::empty()),
        index_gares,
    };
    for centre in centres {
        add_centre(&mut out, centre);
    }
    out.index_lieux = SpatialIndex::new(out.lieux.iter().enumerate().map(|(i, l)| (i, l.point)));
    out.communes = communes(&out);
    out.commune_par_nis = out
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.commune.nis.as_str(), i))
        .collect();
    out
}

fn add_centre<'a>(out: &mut Catalogue<'a>, centre: &'a Centre) {
    let index = out.centres.len();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lieux = Vec::new();
    for lieu in &centre.lieux {
        let Some((point, precision, commune)) = geocode_lieu(lieu, out.refdata) else {
            continue;
        };
        let id = out.lieux.len();
        ids.insert(lieu.id.as_str(), id);
        lieux.push(id);
        out.lieux.push(LieuR {
            lieu,
            slug: slugify(&lieu.id),
            centre: index,
            point,
            precision,
            commune,
            bassin: out.refdata.bassin(&commune.bassin),
            gare: out.index_gares.nearest_one(point),
            filieres: Vec::new(),
        });
    }
    let mut filieres = Vec::new();
    for filiere in &centre.filieres {
        let places: Vec<usize> = filiere
            .lieux
            .iter()
            .filter_map(|id| ids.get(id.as_str()).copied())
            .collect();
        let places: Vec<usize> = places
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if places.is_empty() {
            continue;
        }
        let id = out.filieres.len();
        for &l in &places {
            out.lieux[l].filieres.push(id);
        }
        let seances = seances_a_venir(filiere, out.today);
        filieres.push(id);
        out.filieres.push(FiliereR {
            filiere,
            slug: slugify(&filiere.id),
            centre: index,
            lieux: places,
            seances,
            similaires: OnceLock::new(),
        });
    }
    out.centres.push(CentreR {
        centre,
        slug: slugify(&centre.id),
        lieux,
        filieres,
    });
}

/// Municipality pages: places within 25 km (at least the 10 nearest), through the R-tree.
fn communes(cat: &Catalogue) -> Vec<CommuneR> {
    let mut slugs: BTreeSet<String> = BTreeSet::new();
    cat.refdata
        .communes
        .iter()
        .filter(|c| c.francophone)
        .filter_map(|commune| {
            let point = commune.point;
            let within = cat.index_lieux.within(point, RAYON_COMMUNE_KM);
            if within.is_empty() {
                return None;
            }
            let mut hits = if within.len() < MIN_LIEUX_COMMUNE {
                cat.index_lieux.nearest(point, MIN_LIEUX_COMMUNE)
            } else {
                within
            };
            let autres = hits.len().saturating_sub(MAX_LIEUX_COMMUNE);
            hits.truncate(MAX_LIEUX_COMMUNE);
            let mut slug = slugify(&commune.nom);
            if !slugs.insert(slug.clone()) {
                slug = format!("{slug}-{}", commune.nis);
                slugs.insert(slug.clone());
            }
            Some(CommuneR {
                commune,
                slug,
                point,
                lieux: hits
                    .into_iter()
                    .map(|h| Proche { id: h.id, km: h.km })
                    .collect(),
                autres,
            })
        })
        .collect()
}

/// How many similar tracks a track page shows.
const SIMILAIRES: usize = 4;

/// The order of similar tracks: other centres' first, then the nearest, then by index.
fn ordre_similaires(cat: &Catalogue, centre: usize, a: &Proche, b: &Proche) -> std::cmp::Ordering {
    let meme = |p: &Proche| cat.filieres[p.id].centre == centre;
    meme(a)
        .cmp(&meme(b))
        .then(a.km.total_cmp(&b.km))
        .then(a.id.cmp(&b.id))
}

/// Tracks sharing the sector or a ROME code, given within 25 km of one of the places of
/// track `i`, nearest first, at most [`SIMILAIRES`], other centres first.
///
/// From each place the walk goes nearest first and stops once it has passed the
/// [`SIMILAIRES`]-th track of another centre: a track farther than that from this place is
/// either nearer to another of the places (that walk finds it) or not in the result. So
/// the cost follows what is shown, not how dense the catalogue is (a 25 km disc holds
/// thousands of places at 100× the demo).
fn similaires(cat: &Catalogue, i: usize) -> Vec<Proche> {
    let me = &cat.filieres[i];
    let mut best: BTreeMap<usize, f64> = BTreeMap::new();
    for &l in &me.lieux {
        let mut autres: BTreeSet<usize> = BTreeSet::new();
        let mut limite = f64::INFINITY;
        for hit in cat
            .index_lieux
            .nearest_within(cat.lieux[l].point, RAYON_SIMILAIRES_KM)
        {
            if hit.km > limite {
                break;
            }
            for &other in &cat.lieux[hit.id].filieres {
                if other == i || !semblables(me.filiere, cat.filieres[other].filiere) {
                    continue;
                }
                let km = best.entry(other).or_insert(f64::INFINITY);
                *km = km.min(hit.km);
                if cat.filieres[other].centre != me.centre
                    && autres.insert(other)
                    && autres.len() == SIMILAIRES
                {
                    limite = hit.km;
                }
            }
        }
    }
    let mut found: Vec<Proche> = best.into_iter().map(|(id, km)| Proche { id, km }).collect();
    found.sort_by(|a, b| ordre_similaires(cat, me.centre, a, b));
    found.truncate(SIMILAIRES);
    found
}

fn semblables(a: &Filiere, b: &Filiere) -> bool {
    a.secteur == b.secteur
        || a.rome
            .iter()
            .any(|code| b.rome.iter().any(|other| other.value == code.value))
}

impl Catalogue<'_> {
    /// The similar tracks of track `i` ([`similaires`]), made at the first call.
    pub fn similaires(&self, i: usize) -> &[Proche] {
        match self.filieres.get(i) {
            Some(f) => f.similaires.get_or_init(|| similaires(self, i)),
            None => &[],
        }
    }

    /// Makes every track's similar tracks, in parallel (the build does it beside the index).
    pub fn toutes_similaires(&self) {
        (0..self.filieres.len()).into_par_iter().for_each(|i| {
            self.similaires(i);
        });
    }

    pub fn centre_of_lieu(&self, lieu: usize) -> &CentreR<'_> {
        &self.centres[self.lieux[lieu].centre]
    }

    /// The page of a municipality, if it has one.
    pub fn commune_page(&self, nis: &str) -> Option<&CommuneR> {
        self.commune_par_nis
            .get(nis)
            .and_then(|&i| self.communes.get(i))
    }

    /// Municipalities covered by at least one place.
    pub fn communes_avec_lieu(&self) -> usize {
        self.lieux
            .iter()
            .map(|l| l.commune.nis.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::load::parse_centre;

    /// The rule of [`similaires`] applied the slow way: every similar track within 25 km
    /// of any of the places, at its smallest distance, other centres first.
    fn similaires_naifs(cat: &Catalogue, i: usize) -> Vec<Proche> {
        let me = &cat.filieres[i];
        let mut found: Vec<Proche> = (0..cat.filieres.len())
            .filter(|&o| o != i && semblables(me.filiere, cat.filieres[o].filiere))
            .filter_map(|o| {
                let km = me
                    .lieux
                    .iter()
                    .flat_map(|&a| cat.filieres[o].lieux.iter().map(move |&b| (a, b)))
                    .map(|(a, b)| {
                        crate::spatial::distance_km(cat.lieux[a].point, cat.lieux[b].point)
                    })
                    .fold(f64::INFINITY, f64::min);
                (km <= RAYON_SIMILAIRES_KM).then_some(Proche { id: o, km })
            })
            .collect();
        found.sort_by(|a, b| ordre_similaires(cat, me.centre, a, b));
        found.truncate(SIMILAIRES);
        found
    }

    /// The early stop of the nearest-first walk changes nothing: on a catalogue 3× denser
    /// than the demo, every track gets the same similar tracks as the exhaustive rule.
    #[test]
    fn similar_tracks_equal_the_exhaustive_rule() {
        let centres: Vec<Centre> = crate::demo::files(3)
            .iter()
            .enumerate()
            .filter_map(|(i, (_, text))| parse_centre(text, FileId(i as u32)).0)
            .collect();
        let refdata = RefData::load();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let cat = resolve(&centres, refdata, today);
        assert!(cat.filieres.len() > 1000);
        let mut non_vides = 0;
        for (i, f) in cat.filieres.iter().enumerate() {
            let attendu = similaires_naifs(&cat, i);
            let ids = |v: &[Proche]| v.iter().map(|p| p.id).collect::<Vec<_>>();
            assert_eq!(ids(cat.similaires(i)), ids(&attendu), "filière {}", f.slug);
            for (a, b) in cat.similaires(i).iter().zip(&attendu) {
                assert!((a.km - b.km).abs() < 1e-6, "filière {}", f.slug);
            }
            non_vides += usize::from(!cat.similaires(i).is_empty());
        }
        assert!(non_vides > cat.filieres.len() / 2);
    }
}
