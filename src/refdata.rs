//! Reference data of Wallonia, embedded in the binary: municipalities (2025, with their
//! polygons), postal codes, localities, railway stations, bassins EFE and ROME v3.
//!
//! The files live in `data/ref/` (converted once with `tools/prepare_ref.py`; provenance
//! and licences in `data/ref/SOURCES.md`) and are compiled in with `include_str!`, so the
//! binary works from any folder. They are parsed once per run by [`RefData::load`].
//!
//! Coordinates are WGS84 longitude/latitude (`x` = lon, `y` = lat).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::fold;

use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon, Rect};

const COMMUNES_CSV: &str = include_str!("../data/ref/communes.csv");
const CONTOURS_JSON: &str = include_str!("../data/ref/communes-contours.json");
const BASSINS_CSV: &str = include_str!("../data/ref/bassins.csv");
const BASSINS_COMMUNES_CSV: &str = include_str!("../data/ref/bassins-communes.csv");
const CODES_POSTAUX_CSV: &str = include_str!("../data/ref/codes-postaux.csv");
const LOCALITES_CSV: &str = include_str!("../data/ref/localites.csv");
const GARES_CSV: &str = include_str!("../data/ref/gares.csv");
const ROME_GRANDS_DOMAINES_CSV: &str = include_str!("../data/ref/rome-grands-domaines.csv");
const ROME_DOMAINES_CSV: &str = include_str!("../data/ref/rome-domaines.csv");
const ROME_FICHES_CSV: &str = include_str!("../data/ref/rome-fiches.csv");
const ROME_APPELLATIONS_CSV: &str = include_str!("../data/ref/rome-appellations.csv");

/// Kilometres per degree of latitude, and per degree of longitude at the equator, for the
/// local equirectangular projection used by distance computations.
const KM_PAR_DEGRE_LAT: f64 = 110.574;
const KM_PAR_DEGRE_LON: f64 = 111.32;

/// All the reference data. Vectors are sorted by their key (NIS code, postal code,
/// station id, ROME code), so they can be iterated in a stable order.
#[derive(Debug)]
pub struct RefData {
    /// The 261 Walloon municipalities of 2025, sorted by NIS code.
    pub communes: Vec<Commune>,
    /// Localities (sections) of Walloon postal codes, sorted by postal code then name.
    pub localites: Vec<Localite>,
    /// Belgian stations in Wallonia or within 15 km of it, sorted by id.
    pub gares: Vec<Gare>,
    /// The bassins EFE, in their conventional order (west to east, germanophone last).
    pub bassins: Vec<Bassin>,
    pub rome: Rome,
    /// Postal code → indexes into `communes`.
    communes_par_cp: HashMap<String, Vec<usize>>,
}

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

#[derive(Debug)]
pub struct Rome {
    /// The 532 job codes, sorted by code.
    pub fiches: Vec<FicheRome>,
    /// The 110 domains, sorted by code.
    pub domaines: Vec<DomaineRome>,
    /// The 14 main domains, sorted by code.
    pub grands_domaines: Vec<GrandDomaineRome>,
    /// The 11,118 job titles, sorted by ROME code (upstream order within a code).
    pub appellations: Vec<Appellation>,
}

#[derive(Debug, Clone)]
pub struct FicheRome {
    /// e.g. `D1102`.
    pub code: String,
    pub libelle: String,
    /// Domain code, e.g. `D11`.
    pub domaine: String,
}

#[derive(Debug, Clone)]
pub struct DomaineRome {
    /// e.g. `D11`.
    pub code: String,
    pub libelle: String,
    /// Main domain code, e.g. `D`.
    pub grand_domaine: String,
}

#[derive(Debug, Clone)]
pub struct GrandDomaineRome {
    /// e.g. `D`.
    pub code: String,
    pub libelle: String,
}

#[derive(Debug, Clone)]
pub struct Appellation {
    pub code_rome: String,
    pub libelle: String,
}

impl RefData {
    /// The embedded reference data, parsed on first call.
    ///
    /// # Panics
    /// If the embedded files are malformed. They are build input, checked by the unit
    /// tests of this module, so this cannot happen with a tested build.
    pub fn load() -> &'static RefData {
        static DATA: OnceLock<RefData> = OnceLock::new();
        DATA.get_or_init(|| {
            RefData::parse().unwrap_or_else(|e| panic!("embedded reference data (data/ref): {e}"))
        })
    }

    /// Municipality by NIS code.
    pub fn commune(&self, nis: &str) -> Option<&Commune> {
        self.communes
            .binary_search_by(|c| c.nis.as_str().cmp(nis))
            .ok()
            .map(|i| &self.communes[i])
    }

    /// Municipalities of a postal code; empty if the code is not Walloon.
    pub fn communes_du_code_postal(&self, cp: &str) -> Vec<&Commune> {
        self.communes_par_cp
            .get(cp)
            .map(|v| v.iter().map(|&i| &self.communes[i]).collect())
            .unwrap_or_default()
    }

    /// Localities of a postal code (sorted by name); empty if the code is not Walloon.
    pub fn localites_du_code_postal(&self, cp: &str) -> Vec<&Localite> {
        let debut = self
            .localites
            .partition_point(|l| l.code_postal.as_str() < cp);
        self.localites[debut..]
            .iter()
            .take_while(|l| l.code_postal == cp)
            .collect()
    }

    /// The municipality whose polygon contains the point, if any (points exactly on a
    /// border, or outside Wallonia, give `None`).
    pub fn commune_contenant(&self, p: Point<f64>) -> Option<&Commune> {
        self.communes
            .iter()
            .find(|c| dans_rect(&c.bbox, p) && c.contour.contains(&p))
    }

    /// Distance in km from the point to the municipality: 0 inside, else the distance to
    /// the nearest edge of its polygon (local equirectangular projection, good to well
    /// under 1 % at the scale of Wallonia).
    pub fn distance_au_contour_km(&self, c: &Commune, p: Point<f64>) -> f64 {
        if c.contour.contains(&p) {
            return 0.0;
        }
        let kx = p.y().to_radians().cos() * KM_PAR_DEGRE_LON;
        let proj = |q: Coord<f64>| (q.x * kx, q.y * KM_PAR_DEGRE_LAT);
        let (px, py) = proj(p.0);
        let mut best = f64::INFINITY;
        for poly in &c.contour.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for seg in ring.lines() {
                    let (ax, ay) = proj(seg.start);
                    let (bx, by) = proj(seg.end);
                    best = best.min(distance_point_segment(px, py, ax, ay, bx, by));
                }
            }
        }
        best
    }

    /// Bassin EFE by id.
    pub fn bassin(&self, id: &str) -> Option<&Bassin> {
        self.bassins.iter().find(|b| b.id == id)
    }

    /// Municipalities of a bassin EFE, sorted by NIS code.
    pub fn communes_du_bassin(&self, id: &str) -> Vec<&Commune> {
        self.communes.iter().filter(|c| c.bassin == id).collect()
    }

    /// Parses the embedded files. Errors name the file and line.
    fn parse() -> Result<RefData, String> {
        let mut contours: HashMap<String, Vec<Vec<Vec<[f64; 2]>>>> =
            serde_json::from_str(CONTOURS_JSON)
                .map_err(|e| format!("communes-contours.json: {e}"))?;

        let mut bassins = Vec::new();
        table("bassins.csv", BASSINS_CSV, &["id", "nom"], |_, r| {
            bassins.push(Bassin {
                id: r[0].to_string(),
                nom: r[1].to_string(),
            });
            Ok(())
        })?;

        let mut bassin_de: HashMap<String, String> = HashMap::new();
        table(
            "bassins-communes.csv",
            BASSINS_COMMUNES_CSV,
            &["nis", "bassin", "commune"],
            |_, r| {
                if !bassins.iter().any(|b| b.id == r[1]) {
                    return Err(format!("unknown bassin {}", r[1]));
                }
                bassin_de.insert(r[0].to_string(), r[1].to_string());
                Ok(())
            },
        )?;

        let mut communes = Vec::with_capacity(261);
        table(
            "communes.csv",
            COMMUNES_CSV,
            &[
                "nis",
                "nom",
                "autre_nom",
                "province",
                "arrondissement",
                "francophone",
                "lon",
                "lat",
            ],
            |_, r| {
                let nis = r[0].to_string();
                let rings = contours
                    .remove(&nis)
                    .ok_or("no polygon in communes-contours.json")?;
                let contour = multipolygone(rings).ok_or("empty polygon")?;
                let bbox = contour.bounding_rect().ok_or("empty polygon")?;
                let bassin = bassin_de
                    .remove(&nis)
                    .ok_or("no bassin in bassins-communes.csv")?;
                let centroide = point(&r[6], &r[7])?;
                communes.push(Commune {
                    nom: r[1].to_string(),
                    autre_nom: (!r[2].is_empty()).then(|| r[2].to_string()),
                    province: r[3].to_string(),
                    arrondissement: r[4].to_string(),
                    bassin,
                    francophone: match r[5].as_ref() {
                        "1" => true,
                        "0" => false,
                        v => return Err(format!("francophone must be 0 or 1, not {v:?}")),
                    },
                    centroide,
                    // Moved to the main locality once localities are read.
                    point: centroide,
                    contour,
                    bbox,
                    codes_postaux: Vec::new(),
                    nis,
                });
                Ok(())
            },
        )?;
        if let Some(nis) = contours.keys().next() {
            return Err(format!(
                "communes-contours.json: polygon for unknown municipality {nis}"
            ));
        }
        if let Some(nis) = bassin_de.keys().next() {
            return Err(format!(
                "bassins-communes.csv: bassin for unknown municipality {nis}"
            ));
        }
        trier_unique("communes.csv", &mut communes, |c| c.nis.as_str())?;

        let mut communes_par_cp: HashMap<String, Vec<usize>> = HashMap::new();
        table(
            "codes-postaux.csv",
            CODES_POSTAUX_CSV,
            &["code_postal", "nis"],
            |_, r| {
                let i = communes
                    .binary_search_by(|c| c.nis.as_str().cmp(&r[1]))
                    .map_err(|_| format!("unknown municipality {}", r[1]))?;
                communes_par_cp.entry(r[0].to_string()).or_default().push(i);
                Ok(())
            },
        )?;
        for (cp, indexes) in &communes_par_cp {
            for &i in indexes {
                communes[i].codes_postaux.push(cp.clone());
            }
        }
        for c in &mut communes {
            c.codes_postaux.sort();
        }

        let mut localites = Vec::with_capacity(1600);
        table(
            "localites.csv",
            LOCALITES_CSV,
            &["code_postal", "nom", "nis", "lon", "lat"],
            |_, r| {
                let cp_ok = communes_par_cp
                    .get(r[0].as_ref())
                    .is_some_and(|v| v.iter().any(|&i| communes[i].nis == r[2]));
                if !cp_ok {
                    return Err(format!(
                        "municipality {} is not one of postal code {}",
                        r[2], r[0]
                    ));
                }
                localites.push(Localite {
                    code_postal: r[0].to_string(),
                    nom: r[1].to_string(),
                    nis: r[2].to_string(),
                    point: point(&r[3], &r[4])?,
                });
                Ok(())
            },
        )?;
        localites.sort_by(|a, b| (&a.code_postal, &a.nom).cmp(&(&b.code_postal, &b.nom)));
        // The first locality (in postal-code order) that bears its municipality's name.
        let noms: Vec<String> = communes.iter().map(|c| fold(&c.nom)).collect();
        let mut placee = vec![false; communes.len()];
        for l in &localites {
            if let Ok(i) = communes.binary_search_by(|c| c.nis.as_str().cmp(&l.nis))
                && !placee[i]
                && fold(&l.nom) == noms[i]
            {
                communes[i].point = l.point;
                placee[i] = true;
            }
        }

        let mut gares = Vec::with_capacity(400);
        table(
            "gares.csv",
            GARES_CSV,
            &["id", "nom", "lon", "lat"],
            |_, r| {
                gares.push(Gare {
                    id: r[0].to_string(),
                    nom: r[1].to_string(),
                    point: point(&r[2], &r[3])?,
                });
                Ok(())
            },
        )?;
        trier_unique("gares.csv", &mut gares, |g| g.id.as_str())?;

        let rome = Rome::parse()?;

        Ok(RefData {
            communes,
            localites,
            gares,
            bassins,
            rome,
            communes_par_cp,
        })
    }
}

impl Rome {
    /// Job code (`D1102`).
    pub fn fiche(&self, code: &str) -> Option<&FicheRome> {
        cherche(&self.fiches, code, |f| &f.code)
    }

    /// Domain (`D11`).
    pub fn domaine(&self, code: &str) -> Option<&DomaineRome> {
        cherche(&self.domaines, code, |d| &d.code)
    }

    /// Main domain (`D`).
    pub fn grand_domaine(&self, code: &str) -> Option<&GrandDomaineRome> {
        cherche(&self.grands_domaines, code, |g| &g.code)
    }

    /// Job titles of a ROME code; empty for an unknown code.
    pub fn appellations_de(&self, code: &str) -> &[Appellation] {
        let debut = self
            .appellations
            .partition_point(|a| a.code_rome.as_str() < code);
        let fin =
            debut + self.appellations[debut..].partition_point(|a| a.code_rome.as_str() <= code);
        &self.appellations[debut..fin]
    }

    fn parse() -> Result<Rome, String> {
        let mut grands_domaines = Vec::with_capacity(14);
        table(
            "rome-grands-domaines.csv",
            ROME_GRANDS_DOMAINES_CSV,
            &["code", "libelle"],
            |_, r| {
                grands_domaines.push(GrandDomaineRome {
                    code: r[0].to_string(),
                    libelle: r[1].to_string(),
                });
                Ok(())
            },
        )?;
        trier_unique("rome-grands-domaines.csv", &mut grands_domaines, |g| {
            g.code.as_str()
        })?;

        let mut domaines = Vec::with_capacity(110);
        table(
            "rome-domaines.csv",
            ROME_DOMAINES_CSV,
            &["code", "libelle", "grand_domaine"],
            |_, r| {
                domaines.push(DomaineRome {
                    code: r[0].to_string(),
                    libelle: r[1].to_string(),
                    grand_domaine: r[2].to_string(),
                });
                Ok(())
            },
        )?;
        trier_unique("rome-domaines.csv", &mut domaines, |d| d.code.as_str())?;

        let mut fiches = Vec::with_capacity(532);
        table(
            "rome-fiches.csv",
            ROME_FICHES_CSV,
            &["code", "libelle", "domaine"],
            |_, r| {
                fiches.push(FicheRome {
                    code: r[0].to_string(),
                    libelle: r[1].to_string(),
                    domaine: r[2].to_string(),
                });
                Ok(())
            },
        )?;
        trier_unique("rome-fiches.csv", &mut fiches, |f| f.code.as_str())?;

        let mut appellations = Vec::with_capacity(11_118);
        table(
            "rome-appellations.csv",
            ROME_APPELLATIONS_CSV,
            &["code_rome", "libelle"],
            |_, r| {
                appellations.push(Appellation {
                    code_rome: r[0].to_string(),
                    libelle: r[1].to_string(),
                });
                Ok(())
            },
        )?;
        // Stable: keeps the upstream order within a code.
        appellations.sort_by(|a, b| a.code_rome.cmp(&b.code_rome));

        Ok(Rome {
            fiches,
            domaines,
            grands_domaines,
            appellations,
        })
    }
}

fn cherche<'a, T>(v: &'a [T], code: &str, cle: impl Fn(&T) -> &String) -> Option<&'a T> {
    v.binary_search_by(|x| cle(x).as_str().cmp(code))
        .ok()
        .map(|i| &v[i])
}

/// Sorts by key and rejects duplicate keys.
fn trier_unique<T>(fichier: &str, v: &mut [T], cle: impl Fn(&T) -> &str) -> Result<(), String> {
    v.sort_by(|a, b| cle(a).cmp(cle(b)));
    match v.windows(2).find(|w| cle(&w[0]) == cle(&w[1])) {
        Some(w) => Err(format!("{fichier}: duplicate key {}", cle(&w[0]))),
        None => Ok(()),
    }
}

fn dans_rect(r: &Rect<f64>, p: Point<f64>) -> bool {
    let (min, max) = (r.min(), r.max());
    p.x() >= min.x && p.x() <= max.x && p.y() >= min.y && p.y() <= max.y
}

fn distance_point_segment(px: f64, py: f64, ax: f64, ay: f64, bx: f64, by: f64) -> f64 {
    let (dx, dy) = (bx - ax, by - ay);
    let l2 = dx * dx + dy * dy;
    let t = if l2 == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (py - ay) * dy) / l2).clamp(0.0, 1.0)
    };
    (px - (ax + t * dx)).hypot(py - (ay + t * dy))
}

fn point(lon: &str, lat: &str) -> Result<Point<f64>, String> {
    let f = |s: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("bad coordinate {s:?}"))
    };
    Ok(Point::new(f(lon)?, f(lat)?))
}

/// GeoJSON-style MultiPolygon coordinates → geo. `None` if there is no ring.
fn multipolygone(polys: Vec<Vec<Vec<[f64; 2]>>>) -> Option<MultiPolygon<f64>> {
    let polygones: Vec<Polygon<f64>> = polys
        .into_iter()
        .filter_map(|rings| {
            let mut rings = rings.into_iter().map(LineString::from);
            let exterieur = rings.next()?;
            Some(Polygon::new(exterieur, rings.collect()))
        })
        .collect();
    (!polygones.is_empty()).then(|| MultiPolygon::new(polygones))
}

/// Parses a small CSV file (RFC 4180 quoting, no newline inside fields), checks its
/// header and the number of fields of every row, and hands each row to `f` with its
/// 1-based line number. Errors (from the parser or from `f`) are prefixed `file:line:`.
fn table<'a>(
    fichier: &str,
    texte: &'a str,
    entete: &[&str],
    mut f: impl FnMut(usize, &[Cow<'a, str>]) -> Result<(), String>,
) -> Result<(), String> {
    let mut champs: Vec<Cow<'a, str>> = Vec::with_capacity(entete.len());
    let mut premiere = true;
    for (i, l) in texte.lines().enumerate() {
        if l.is_empty() {
            continue;
        }
        let ligne = i + 1;
        champs.clear();
        champs_csv(l, &mut champs).map_err(|e| format!("{fichier}:{ligne}: {e}"))?;
        if premiere {
            premiere = false;
            if champs.iter().map(|c| c.as_ref()).ne(entete.iter().copied()) {
                return Err(format!("{fichier}: header {champs:?}, expected {entete:?}"));
            }
            continue;
        }
        if champs.len() != entete.len() {
            return Err(format!(
                "{fichier}:{ligne}: {} fields, expected {}",
                champs.len(),
                entete.len()
            ));
        }
        f(ligne, &champs).map_err(|e| format!("{fichier}:{ligne}: {e}"))?;
    }
    if premiere {
        return Err(format!("{fichier}: empty file"));
    }
    Ok(())
}

/// Fields of one CSV line, appended to `champs`. Quoted fields may contain commas and
/// doubled quotes.
fn champs_csv<'a>(ligne: &'a str, champs: &mut Vec<Cow<'a, str>>) -> Result<(), String> {
    let mut reste = ligne;
    loop {
        if let Some(apres) = reste.strip_prefix('"') {
            let mut valeur = String::new();
            let mut s = apres;
            loop {
                let q = s.find('"').ok_or("unterminated quoted field")?;
                valeur.push_str(&s[..q]);
                s = &s[q + 1..];
                if let Some(s2) = s.strip_prefix('"') {
                    valeur.push('"');
                    s = s2;
                } else {
                    break;
                }
            }
            champs.push(Cow::Owned(valeur));
            if s.is_empty() {
                return Ok(());
            }
            reste = s.strip_prefix(',').ok_or("text after a closing quote")?;
        } else {
            match reste.find(',') {
                Some(v) => {
                    champs.push(Cow::Borrowed(&reste[..v]));
                    reste = &reste[v + 1..];
                }
                None => {
                    champs.push(Cow::Borrowed(reste));
                    return Ok(());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> &'static RefData {
        RefData::load()
    }

    #[test]
    fn les_fichiers_embarques_se_lisent() {
        if let Err(e) = RefData::parse() {
            panic!("{e}");
        }
    }

    #[test]
    fn temps_de_chargement() {
        // Meaningful in a release build: `cargo test --release --lib refdata -- --nocapture`.
        let mut meilleur = std::time::Duration::MAX;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let d = RefData::parse().unwrap();
            meilleur = meilleur.min(t.elapsed());
            assert_eq!(d.communes.len(), 261);
        }
        println!("RefData::parse: {meilleur:?} (best of 5)");
        if !cfg!(debug_assertions) {
            // Budget is 15 ms; generous bound so a busy machine does not flake.
            assert!(meilleur.as_millis() < 150, "{meilleur:?}");
        }
    }

    fn csv(ligne: &str) -> Result<Vec<Cow<'_, str>>, String> {
        let mut v = Vec::new();
        champs_csv(ligne, &mut v).map(|()| v)
    }

    #[test]
    fn csv_guillemets() {
        assert_eq!(
            csv(r#"A,"b, ""c""",,d"#).unwrap(),
            ["A", "b, \"c\"", "", "d"]
        );
        assert_eq!(csv(r#""x""#).unwrap(), ["x"]);
        assert_eq!(csv("a,").unwrap(), ["a", ""]);
        assert!(csv(r#""x"#).is_err());
        assert!(csv(r#""x"y"#).is_err());
        let e = table("t.csv", "a,b\n1,2\n3\n", &["a", "b"], |_, _| Ok(())).unwrap_err();
        assert_eq!(e, "t.csv:3: 1 fields, expected 2");
        let e = table("t.csv", "a,c\n", &["a", "b"], |_, _| Ok(())).unwrap_err();
        assert!(e.starts_with("t.csv: header"), "{e}");
        let e = table("t.csv", "a\nx\n", &["a"], |_, _| Err("bad".into())).unwrap_err();
        assert_eq!(e, "t.csv:2: bad");
    }

    #[test]
    fn communes_2025() {
        let d = data();
        assert_eq!(d.communes.len(), 261);
        let bastogne = d.commune("82039").expect("Bastogne 82039");
        assert_eq!(bastogne.nom, "Bastogne");
        assert!(d.commune("82003").is_none());
        assert!(d.commune("82005").is_none());
        assert!(d.commune("33016").is_none(), "Messines is Flemish");
        assert_eq!(d.commune("62063").unwrap().nom, "Liège");
        assert_eq!(d.commune("61068").unwrap().nom, "Villers-le-Bouillet");
        assert_eq!(d.commune("63040").unwrap().nom, "Kelmis");
        assert_eq!(
            d.commune("63067").unwrap().autre_nom.as_deref(),
            Some("Saint-Vith")
        );
        let germanophones: Vec<&str> = d
            .communes
            .iter()
            .filter(|c| !c.francophone)
            .map(|c| c.nis.as_str())
            .collect();
        assert_eq!(
            germanophones,
            [
                "63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"
            ]
        );
        for c in &d.communes {
            assert!(!c.codes_postaux.is_empty(), "{} has no postal code", c.nis);
            assert!(!c.province.is_empty() && !c.arrondissement.is_empty());
        }
    }

    #[test]
    fn bassins() {
        let d = data();
        assert_eq!(d.bassins.len(), 10);
        for c in &d.communes {
            assert!(d.bassin(&c.bassin).is_some(), "{}: {}", c.nis, c.bassin);
        }
        assert_eq!(d.communes_du_bassin("namur").len(), 33);
        assert_eq!(d.bassin("liege").unwrap().nom, "Liège");
        assert_eq!(d.commune("93014").unwrap().bassin, "hainaut-sud"); // Couvin
        assert_eq!(d.commune("93022").unwrap().bassin, "namur"); // Florennes
        assert_eq!(d.commune("51067").unwrap().bassin, "wallonie-picarde"); // Enghien
        assert_eq!(d.commune("58001").unwrap().bassin, "hainaut-centre"); // La Louvière
        assert_eq!(
            d.commune("63023").unwrap().bassin,
            "communaute-germanophone"
        );
        assert_eq!(d.commune("63079").unwrap().bassin, "verviers");
        for c in d.communes_du_bassin("verviers") {
            assert!(c.francophone);
        }
        let total: usize = d
            .bassins
            .iter()
            .map(|b| d.communes_du_bassin(&b.id).len())
            .sum();
        assert_eq!(total, 261);
    }

    #[test]
    fn codes_postaux_et_localites() {
        let d = data();
        let seraing: Vec<&str> = d
            .communes_du_code_postal("4101")
            .iter()
            .map(|c| c.nis.as_str())
            .collect();
        assert_eq!(seraing, ["62096"]);
        let loc = d.localites_du_code_postal("4101");
        assert!(
            loc.iter()
                .any(|l| l.nom == "Jemeppe-sur-Meuse" && l.nis == "62096"),
            "{loc:?}"
        );
        let namur = d.communes_du_code_postal("5000");
        assert_eq!(namur.len(), 1);
        assert_eq!(namur[0].nom, "Namur");
        assert!(
            d.localites_du_code_postal("5100")
                .iter()
                .any(|l| l.nom == "Jambes")
        );
        let bastogne: Vec<&str> = d
            .communes_du_code_postal("6600")
            .iter()
            .map(|c| c.nis.as_str())
            .collect();
        assert_eq!(bastogne, ["82039"]);
        assert!(d.communes_du_code_postal("1000").is_empty());
        assert!(d.communes_du_code_postal("9000").is_empty());
        assert!(d.localites_du_code_postal("1000").is_empty());
        assert!(d.localites_du_code_postal("").is_empty());
        // Capitalisation fixed.
        for l in &d.localites {
            for mot in [
                "-Sur-", "-Sous-", "-Lez-", "-La-", "-Le-", "-Les-", "-En-", "-De-",
            ] {
                assert!(!l.nom.contains(mot), "{}", l.nom);
            }
        }
        assert!(d.localites.iter().any(|l| l.nom == "Braine-l’Alleud"));
        // Every locality lies in (or near) its municipality.
        for l in &d.localites {
            let c = d.commune(&l.nis).unwrap();
            let km = d.distance_au_contour_km(c, l.point);
            assert!(
                km < 5.0,
                "{} {} is {km:.1} km from {}",
                l.code_postal,
                l.nom,
                c.nom
            );
        }
    }

    #[test]
    fn point_dans_commune() {
        let d = data();
        let liege = d.commune_contenant(Point::new(5.5736, 50.6451)).unwrap();
        assert_eq!(liege.nis, "62063");
        // The centre of the former Bertogne.
        let bertogne = d.commune_contenant(Point::new(5.64581, 50.05833)).unwrap();
        assert_eq!(bertogne.nis, "82039");
        // A point of the former Bastogne–Bertogne border: no inner border left.
        let frontiere = Point::new(5.701825, 50.027815);
        assert_eq!(d.commune_contenant(frontiere).unwrap().nis, "82039");
        assert_eq!(bastogne_anneaux(d), 1);
        // Brussels, Messines and Maastricht are not in Wallonia.
        assert!(d.commune_contenant(Point::new(4.3517, 50.8466)).is_none());
        assert!(d.commune_contenant(Point::new(2.8986, 50.7653)).is_none());
        assert!(d.commune_contenant(Point::new(5.6909, 50.8514)).is_none());
    }

    fn bastogne_anneaux(d: &RefData) -> usize {
        let b = d.commune("82039").unwrap();
        b.contour.0.iter().map(|p| 1 + p.interiors().len()).sum()
    }

    #[test]
    fn distances() {
        let d = data();
        let liege = d.commune("62063").unwrap();
        assert_eq!(
            d.distance_au_contour_km(liege, Point::new(5.5736, 50.6451)),
            0.0
        );
        // Namur station is ~ 50 km from the city of Liège.
        let km = d.distance_au_contour_km(liege, Point::new(4.8622, 50.4688));
        assert!((35.0..60.0).contains(&km), "{km}");
        // Segment distance sanity: 1/100 of a degree of latitude ≈ 1.1 km.
        let v = distance_point_segment(0.0, 1.10574, -1.0, 0.0, 1.0, 0.0);
        assert!((v - 1.10574).abs() < 1e-9);
    }

    #[test]
    fn contours_et_centroides() {
        let d = data();
        for c in &d.communes {
            assert!(!c.contour.0.is_empty() && c.contour.0[0].exterior().0.len() >= 4);
            let km = d.distance_au_contour_km(c, c.centroide);
            assert!(
                km <= 1.0,
                "{} {}: centroid {km:.2} km outside",
                c.nis,
                c.nom
            );
            assert!(dans_rect(&c.bbox, c.centroide));
        }
    }

    #[test]
    fn rome() {
        let r = &data().rome;
        assert_eq!(r.fiches.len(), 532);
        assert_eq!(r.domaines.len(), 110);
        assert_eq!(r.grands_domaines.len(), 14);
        assert_eq!(r.appellations.len(), 11_118);
        for f in &r.fiches {
            let dom = r
                .domaine(&f.domaine)
                .unwrap_or_else(|| panic!("{}", f.code));
            assert!(f.code.starts_with(&dom.code));
            assert!(r.grand_domaine(&dom.grand_domaine).is_some());
        }
        let d1102 = r.fiche("D1102").unwrap();
        assert_eq!(d1102.libelle, "Boulangerie - viennoiserie");
        assert_eq!(d1102.domaine, "D11");
        assert!(r.fiche("Z9999").is_none());
        let apps = r.appellations_de("D1102");
        assert!(!apps.is_empty());
        assert!(apps.iter().all(|a| a.code_rome == "D1102"));
        assert!(
            apps.iter().any(|a| a.libelle.starts_with("Boulanger")),
            "{apps:?}"
        );
        assert!(r.appellations_de("Z9999").is_empty());
        let total: usize = r
            .fiches
            .iter()
            .map(|f| r.appellations_de(&f.code).len())
            .sum();
        assert_eq!(total, 11_118);
    }

    #[test]
    fn gares() {
        let d = data();
        assert!(d.gares.len() > 300);
        for g in &d.gares {
            let (x, y) = (g.point.x(), g.point.y());
            // Wallonia's bbox (2.85–6.41 E, 49.50–50.81 N) widened by 15 km.
            assert!(
                (2.63..=6.63).contains(&x) && (49.36..=50.95).contains(&y),
                "{} {} at {x},{y}",
                g.id,
                g.nom
            );
        }
        let guillemins = d.gares.iter().find(|g| g.id == "008841004").unwrap();
        assert_eq!(guillemins.nom, "Liège-Guillemins");
        assert!(d.gares.iter().any(|g| g.nom == "Namur"));
        assert!(!d.gares.iter().any(|g| g.nom.contains("Antwerpen")));
    }
}
