//! Geocoding: from what a person types (« jemeppe s/meuse », « 4101 », « 50.61, 5.50 ») to
//! coordinates in Wallonia.
//!
//! [`Geocoder`] knows three kinds of names from the reference data ([`RefData`]):
//! municipalities (French name and the other name of the German-speaking ones, e.g.
//! « Sankt Vith » and « Saint-Vith »), localities (bpost sections, e.g.
//! « Jemeppe-sur-Meuse ») and 4-digit Walloon postal codes; it also reads coordinates
//! « lat, lon ».
//!
//! # Matching
//! Names are compared on a key that ignores case, accents, hyphens, apostrophes and spaces,
//! after expanding common abbreviations word by word: « st » / « sankt » → saint, « ste » →
//! sainte, « mt » → mont, « s/ » → sur, and « lez » / « lès » / « les » between two words
//! are the same word. So « Jemeppe-s/-Meuse », « jemeppe sur meuse », « JEMEPPE-SUR-MEUSE »
//! and « Jemeppe s/Meuse » all have the key `jemeppesurmeuse`.
//!
//! A name can be followed by a postal code and/or a municipality, as in the labels this
//! module produces: « Celles (4317, Faimes) », « Celles 5561 », « Mont (Yvoir) ». These
//! narrow an ambiguous answer (when they match nothing, they are ignored). A query that
//! starts with 4 digits is a postal code (« 4101 Seraing »).
//!
//! # Points
//! - locality: its coordinates (bpost list geocoded by zipcode-belgium). Four of them lie
//!   1–3 km outside the municipality their postal code belongs to (see `data/ref/SOURCES.md`);
//!   a locality point more than [`HORS_COMMUNE_MAX_KM`] outside its municipality is moved to
//!   the nearest point of the municipality's boundary, so that every candidate's point lies
//!   in (or on the edge of) the municipality it names;
//! - municipality: the locality of the same name in it, if any, else the polygon centroid;
//! - postal code: its locality that has the municipality's name, else its first locality,
//!   else the municipality centroid (5352 and 7010 have no locality).
//!
//! # Answers
//! An ambiguous name gives every candidate, municipality first, then localities, then by
//! postal code and NIS code. A name that is both a municipality and one of its own
//! localities (« Seraing », « Liège » 4000 and 4020) gives one candidate, the municipality.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use geo::{Closest, HaversineClosestPoint, Point};

use crate::refdata::{Commune, Localite, RefData};
use crate::text::fold;

/// Localities whose point lies further than this outside their municipality have it moved
/// onto the municipality's boundary.
pub const HORS_COMMUNE_MAX_KM: f64 = 1.0;

/// Coordinates further than this from every Walloon municipality are refused.
const COORDONNEES_MAX_KM: f64 = 20.0;

/// Jaro-Winkler score from which a name is suggested for a mistyped query.
const SEUIL_SUGGESTION: f64 = 0.8;

/// At most this many suggestions in a [`NotFound`].
const MAX_SUGGESTIONS: usize = 5;

/// What a candidate is. The order is the order of answers: municipality first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Commune,
    Localite,
    CodePostal,
    Coordonnees,
}

/// A place a query may mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// What to show: « Seraing (4100) », « Jemeppe-sur-Meuse (4101, Seraing) »,
    /// « 4100 Seraing (Boncelles, Seraing) », « 50.61000, 5.50000 (Seraing) ». Unique
    /// within the [gazetteer](Geocoder::gazetteer), and geocodes back to this candidate.
    pub label: String,
    /// The name of the place: municipality, locality (for a postal code, the locality
    /// whose point is used, or the municipality when it has none); the coordinates as
    /// typed back for [`Kind::Coordonnees`].
    pub nom: String,
    pub kind: Kind,
    /// NIS code of the municipality.
    pub nis: String,
    /// Postal code: of the locality, of the same-name locality of a municipality (else
    /// its first postal code); `None` for coordinates.
    pub code_postal: Option<String>,
    /// WGS84, x = lon, y = lat.
    pub point: Point<f64>,
}

/// Nothing matches a query. `Display` gives a sentence in French for the person who
/// typed it, with up to five suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    /// The query, trimmed.
    pub query: String,
    /// « Nom (code postal) » of the closest names, best first; at most five.
    pub suggestions: Vec<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.query.is_empty() {
            return f.write_str(
                "Indiquez une commune, une localité, un code postal ou des coordonnées « latitude, longitude ».",
            );
        }
        if coordonnees(&self.query).is_some() {
            return write!(
                f,
                "Les coordonnées « {} » ne sont pas en Wallonie (ni à moins de {} km).",
                self.query, COORDONNEES_MAX_KM
            );
        }
        write!(
            f,
            "Aucune commune, localité ou code postal ne correspond à « {} ».",
            self.query
        )?;
        if !self.suggestions.is_empty() {
            write!(f, " Vouliez-vous dire : {} ?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for NotFound {}

/// Resolves what people type into places. Built once from the reference data; queries
/// are then cheap (a map look-up; suggestions scan the ~2,000 names).
#[derive(Debug)]
pub struct Geocoder {
    refdata: &'static RefData,
    /// Every distinct entry, sorted as [`Geocoder::gazetteer`] returns them.
    entrees: Vec<Candidate>,
    /// Name key → entries (municipalities also under their other name).
    par_cle: BTreeMap<String, Vec<usize>>,
    /// Postal code → its entry.
    par_cp: BTreeMap<String, usize>,
    /// Municipality name key → NIS codes, for qualifiers such as « (4317, Faimes) ».
    nis_par_cle: HashMap<String, Vec<String>>,
}

impl Geocoder {
    /// Builds the name, postal-code and municipality indexes.
    pub fn new(refdata: &'static RefData) -> Geocoder {
        let mut entrees: Vec<Candidate> = Vec::with_capacity(2500);
        // (key, entry) before sorting; fixed up to indexes after.
        let mut cles: Vec<(String, usize)> = Vec::with_capacity(2600);
        let mut nis_par_cle: HashMap<String, Vec<String>> = HashMap::new();

        let point_de = |l: &Localite| point_localite(refdata, l);

        for c in &refdata.communes {
            let noms_commune: Vec<String> = noms(c).map(cle).collect();
            for k in &noms_commune {
                let v = nis_par_cle.entry(k.clone()).or_default();
                if !v.contains(&c.nis) {
                    v.push(c.nis.clone());
                }
            }
            let homonyme = refdata
                .localites
                .iter()
                .find(|l| l.nis == c.nis && noms_commune.contains(&cle(&l.nom)));
            let (point, cp) = match homonyme {
                Some(l) => (point_de(l), l.code_postal.clone()),
                None => (c.centroide, c.codes_postaux[0].clone()),
            };
            let i = entrees.len();
            entrees.push(Candidate {
                label: format!("{} ({cp})", c.nom),
                nom: c.nom.clone(),
                kind: Kind::Commune,
                nis: c.nis.clone(),
                code_postal: Some(cp),
                point,
            });
            for k in noms_commune {
                if !cles.contains(&(k.clone(), i)) {
                    cles.push((k, i));
                }
            }
        }

        for l in &refdata.localites {
            let Some(c) = refdata.commune(&l.nis) else {
                continue;
            };
            let k = cle(&l.nom);
            if noms(c).any(|n| cle(n) == k) {
                continue; // the municipality itself
            }
            cles.push((k, entrees.len()));
            entrees.push(Candidate {
                label: format!("{} ({}, {})", l.nom, l.code_postal, c.nom),
                nom: l.nom.clone(),
                kind: Kind::Localite,
                nis: l.nis.clone(),
                code_postal: Some(l.code_postal.clone()),
                point: point_de(l),
            });
        }

        let mut cps: Vec<(&String, &Commune)> = refdata
            .communes
            .iter()
            .flat_map(|c| c.codes_postaux.iter().map(move |cp| (cp, c)))
            .collect();
        cps.sort_by(|a, b| a.0.cmp(b.0));
        cps.dedup_by(|a, b| a.0 == b.0);
        for (cp, c) in cps {
            let locs = refdata.localites_du_code_postal(cp);
            let noms_commune: Vec<String> = noms(c).map(cle).collect();
            let choisie = locs
                .iter()
                .find(|l| noms_commune.contains(&cle(&l.nom)))
                .or(locs.first());
            let (nom, point) = match choisie {
                Some(l) => (l.nom.clone(), point_de(l)),
                None => (c.nom.clone(), c.centroide),
            };
            let mut label = format!("{cp} {}", c.nom);
            if !(locs.is_empty() || locs.len() == 1 && locs[0].nom == c.nom) {
                let liste: Vec<&str> = locs.iter().map(|l| l.nom.as_str()).collect();
                label.push_str(&format!(" ({})", liste.join(", ")));
            }
            entrees.push(Candidate {
                label,
                nom,
                kind: Kind::CodePostal,
                nis: c.nis.clone(),
                code_postal: Some(cp.clone()),
                point,
            });
        }

        // Sort, then map the keys' entry numbers to the sorted positions.
        let mut ordre: Vec<usize> = (0..entrees.len()).collect();
        let tri: Vec<String> = entrees.iter().map(|e| fold(&e.nom)).collect();
        ordre.sort_by(|&a, &b| {
            let (x, y) = (&entrees[a], &entrees[b]);
            (&tri[a], x.kind, &x.code_postal, &x.nis, &x.label).cmp(&(
                &tri[b],
                y.kind,
                &y.code_postal,
                &y.nis,
                &y.label,
            ))
        });
        let mut position = vec![0; entrees.len()];
        for (rang, &i) in ordre.iter().enumerate() {
            position[i] = rang;
        }
        let mut rangees: Vec<(usize, Candidate)> = entrees
            .into_iter()
            .enumerate()
            .map(|(i, e)| (position[i], e))
            .collect();
        rangees.sort_unstable_by_key(|&(rang, _)| rang);
        let entrees: Vec<Candidate> = rangees.into_iter().map(|(_, e)| e).collect();

        let mut par_cle: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, i) in cles {
            par_cle.entry(k).or_default().push(position[i]);
        }
        for v in par_cle.values_mut() {
            v.sort_by(|&a, &b| ordre_reponse(&entrees[a], &entrees[b]));
            v.dedup();
        }
        let par_cp = entrees
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::CodePostal)
            .filter_map(|(i, e)| Some((e.code_postal.clone()?, i)))
            .collect();

        Geocoder {
            refdata,
            entrees,
            par_cle,
            par_cp,
            nis_par_cle,
        }
    }

    /// The places a query may mean, best first (municipality, then localities, then by
    /// postal code and NIS code). See the [module documentation](self) for what is
    /// accepted.
    pub fn geocode(&self, query: &str) -> Result<Vec<Candidate>, NotFound> {
        let q = query.trim();
        let introuvable = |suggestions: Vec<String>| NotFound {
            query: q.to_string(),
            suggestions,
        };
        if q.is_empty() {
            return Err(introuvable(Vec::new()));
        }
        if let Some(p) = coordonnees(q) {
            return self
                .aux_coordonnees(p)
                .map(|c| vec![c])
                .ok_or_else(|| introuvable(Vec::new()));
        }

        let (principal, qualifs) = match q.split_once('(') {
            Some((avant, apres)) => (avant, apres.split(')').next().unwrap_or("")),
            None => (q, ""),
        };
        let plie = fold(principal);
        let mots: Vec<&str> = plie.split(' ').filter(|m| !m.is_empty()).collect();

        // « 4101 », « 4101 Seraing (Jemeppe-sur-Meuse) »: a postal code.
        if let Some(premier) = mots.first().filter(|m| est_code_postal(m)) {
            return match self.par_cp.get(*premier) {
                Some(&i) => Ok(vec![self.entrees[i].clone()]),
                None => Err(introuvable(self.suggestions(premier))),
            };
        }

        // A name, possibly with a postal code and municipality as qualifiers.
        let mut cp_voulu: Option<String> = None;
        let mut nis_voulus: Vec<&String> = Vec::new();
        let nom: Vec<&str> = mots
            .iter()
            .copied()
            .filter(|m| {
                let cp = est_code_postal(m);
                if cp {
                    cp_voulu = Some(m.to_string());
                }
                !cp
            })
            .collect();
        for qualif in qualifs.split(',') {
            let plie = fold(qualif);
            if est_code_postal(&plie) {
                cp_voulu = Some(plie);
            } else if let Some(v) = self.nis_par_cle.get(&cle(&plie)) {
                nis_voulus.extend(v);
            }
        }
        let k = cle_de_mots(&nom, true);
        let Some(trouves) = self.par_cle.get(&k).filter(|_| !k.is_empty()) else {
            // An unknown name with a known postal code: the postal code is what counts.
            if let Some(&i) = cp_voulu.as_ref().and_then(|cp| self.par_cp.get(cp)) {
                return Ok(vec![self.entrees[i].clone()]);
            }
            return Err(introuvable(self.suggestions(&k)));
        };
        let tous: Vec<&Candidate> = trouves.iter().map(|&i| &self.entrees[i]).collect();
        let filtres: Vec<&Candidate> = tous
            .iter()
            .copied()
            .filter(|c| {
                cp_voulu.as_ref().is_none_or(|cp| self.a_le_code(c, cp))
                    && (nis_voulus.is_empty() || nis_voulus.contains(&&c.nis))
            })
            .collect();
        let choisis = if filtres.is_empty() { tous } else { filtres };
        Ok(choisis.into_iter().cloned().collect())
    }

    /// Type-ahead: entries whose name key starts with the (normalised) prefix, or whose
    /// postal code starts with it when it is made of digits. Exact matches first, then
    /// municipalities, localities, postal codes, each alphabetically. At most `limit`.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<Candidate> {
        let plie = fold(prefix);
        let mots: Vec<&str> = plie.split(' ').filter(|m| !m.is_empty()).collect();
        if limit == 0 || mots.is_empty() {
            return Vec::new();
        }
        if mots[0].bytes().all(|b| b.is_ascii_digit()) {
            return self
                .par_cp
                .range(mots[0].to_string()..)
                .take_while(|(cp, _)| cp.starts_with(mots[0]))
                .take(limit)
                .map(|(_, &i)| self.entrees[i].clone())
                .collect();
        }
        // The last word may be unfinished (« st » on the way to « Stembert »): try it
        // both expanded and as typed, unless the prefix ends with a separator.
        let fini = prefix.ends_with(|c: char| !c.is_alphanumeric());
        let mut cles = vec![cle_de_mots(&mots, true)];
        if !fini {
            let brute = cle_de_mots(&mots, false);
            if brute != cles[0] {
                cles.push(brute);
            }
        }
        // Entry → whether it was reached only by a prefix (not an exact key).
        let mut rangs: BTreeMap<usize, bool> = BTreeMap::new();
        for debut in &cles {
            for (k, v) in self
                .par_cle
                .range(debut.clone()..)
                .take_while(|(k, _)| k.starts_with(debut.as_str()))
            {
                for &i in v {
                    let prefixe = k != debut;
                    rangs
                        .entry(i)
                        .and_modify(|r| *r = *r && prefixe)
                        .or_insert(prefixe);
                }
            }
        }
        // Entry numbers follow the gazetteer's alphabetical order.
        let mut v: Vec<(bool, Kind, usize)> = rangs
            .into_iter()
            .map(|(i, prefixe)| (prefixe, self.entrees[i].kind, i))
            .collect();
        v.sort();
        v.into_iter()
            .take(limit)
            .map(|(_, _, i)| self.entrees[i].clone())
            .collect()
    }

    /// Every distinct entry — municipalities, localities (those that are not their
    /// municipality's namesake), postal codes — sorted by folded name, then kind, postal
    /// code and NIS code. For the browser's search index.
    pub fn gazetteer(&self) -> Vec<Candidate> {
        self.entrees.clone()
    }

    fn aux_coordonnees(&self, p: Point<f64>) -> Option<Candidate> {
        let d = self.refdata;
        let commune = d.commune_contenant(p).or_else(|| {
            // Cheap bounding-box filter first: 0.3° is at least 20 km here.
            d.communes
                .iter()
                .filter(|c| {
                    let (min, max) = (c.bbox.min(), c.bbox.max());
                    p.x() >= min.x - 0.3
                        && p.x() <= max.x + 0.3
                        && p.y() >= min.y - 0.3
                        && p.y() <= max.y + 0.3
                })
                .map(|c| (d.distance_au_contour_km(c, p), c))
                .filter(|(km, _)| *km <= COORDONNEES_MAX_KM)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.nis.cmp(&b.1.nis)))
                .map(|(_, c)| c)
        })?;
        let nom = format!("{:.5}, {:.5}", p.y(), p.x());
        Some(Candidate {
            label: format!("{nom} ({})", commune.nom),
            nom,
            kind: Kind::Coordonnees,
            nis: commune.nis.clone(),
            code_postal: None,
            point: p,
        })
    }

    /// Whether a candidate goes with a postal code (for a municipality: any of its codes).
    fn a_le_code(&self, c: &Candidate, cp: &str) -> bool {
        match c.kind {
            Kind::Commune => self
                .refdata
                .commune(&c.nis)
                .is_some_and(|m| m.codes_postaux.iter().any(|x| x == cp)),
            _ => c.code_postal.as_deref() == Some(cp),
        }
    }

    /// « Nom (code postal) » of the names closest to a key: names it is a prefix of, then
    /// by Jaro-Winkler similarity (on the whole name, and on its beginning so that a typo
    /// in the first word of a long name still counts: « jemepe » → Jemeppe-sur-Meuse
    /// before Jemelle).
    fn suggestions(&self, k: &str) -> Vec<String> {
        if k.is_empty() {
            return Vec::new();
        }
        let n = k.chars().count();
        let mut notes: Vec<(f64, String)> = Vec::new();
        let mut noter = |note: f64, i: usize| {
            if note >= SEUIL_SUGGESTION {
                notes.push((note, self.suggestion(&self.entrees[i])));
            }
        };
        if k.bytes().all(|b| b.is_ascii_digit()) {
            // A postal code: those that differ only by the last digit.
            let debut: String = k.chars().take(3).collect();
            for (cp, &i) in &self.par_cp {
                if n == 4 && cp.starts_with(&debut) {
                    noter(1.0, i);
                }
            }
        } else {
            for (nom, v) in &self.par_cle {
                let note = if nom.starts_with(k) {
                    // Prefix: best, shorter completions first.
                    2.0 - nom.len() as f64 / 1000.0
                } else {
                    // The beginning of the name, give or take one letter, counts
                    // nearly as much as the whole name.
                    let debut = (n.saturating_sub(1)..=n + 1)
                        .map(|m| {
                            let debut: String = nom.chars().take(m).collect();
                            strsim::jaro_winkler(k, &debut)
                        })
                        .fold(0.0, f64::max);
                    strsim::jaro_winkler(k, nom).max(0.98 * debut)
                };
                for &i in v {
                    noter(note, i);
                }
            }
        }
        notes.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut vus = BTreeSet::new();
        notes
            .into_iter()
            .filter(|(_, s)| vus.insert(s.clone()))
            .take(MAX_SUGGESTIONS)
            .map(|(_, s)| s)
            .collect()
    }

    fn suggestion(&self, c: &Candidate) -> String {
        match (c.kind, &c.code_postal) {
            (Kind::Commune | Kind::Localite, Some(cp)) => format!("{} ({cp})", c.nom),
            _ => c.label.clone(),
        }
    }
}

/// Order of answers: kind, then postal code, NIS code, label.
fn ordre_reponse(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    (a.kind, &a.code_postal, &a.nis, &a.label).cmp(&(b.kind, &b.code_postal, &b.nis, &b.label))
}

/// The names of a municipality: French (or German) name, and the other one if any.
fn noms(c: &Commune) -> impl Iterator<Item = &str> {
    std::iter::once(c.nom.as_str()).chain(c.autre_nom.as_deref())
}

/// A locality's point, moved onto its municipality's boundary when it lies further than
/// [`HORS_COMMUNE_MAX_KM`] outside it.
fn point_localite(d: &RefData, l: &Localite) -> Point<f64> {
    let Some(c) = d.commune(&l.nis) else {
        return l.point;
    };
    if d.distance_au_contour_km(c, l.point) <= HORS_COMMUNE_MAX_KM {
        return l.point;
    }
    match c.contour.haversine_closest_point(&l.point) {
        Closest::SinglePoint(p) | Closest::Intersection(p) => p,
        Closest::Indeterminate => c.centroide,
    }
}

fn est_code_postal(mot: &str) -> bool {
    mot.len() == 4 && mot.bytes().all(|b| b.is_ascii_digit())
}

/// The matching key of a name: folded, abbreviations expanded, words glued together.
fn cle(nom: &str) -> String {
    let plie = fold(nom);
    let mots: Vec<&str> = plie.split(' ').filter(|m| !m.is_empty()).collect();
    cle_de_mots(&mots, true)
}

/// Key of folded words; `abreger_dernier = false` leaves the last word as typed.
fn cle_de_mots(mots: &[&str], abreger_dernier: bool) -> String {
    let n = mots.len();
    let mut k = String::new();
    for (i, &m) in mots.iter().enumerate() {
        let interieur = i > 0 && i + 1 < n;
        let m = if i + 1 == n && !abreger_dernier {
            m
        } else {
            match m {
                "st" | "sankt" => "saint",
                "ste" => "sainte",
                "mt" => "mont",
                "s" => "sur",
                "les" | "lez" if interieur => "lez",
                m => m,
            }
        };
        k.push_str(m);
    }
    k
}

/// « lat, lon » (also « lat,lon », « lat lon », « lat;lon », decimal commas with « ; »),
/// as a point; lon/lat typed the other way round is recognised in and around Wallonia
/// (latitude 49–51.5, longitude 2–7). `None` unless both numbers are plain decimals in
/// range. Anything after « ( » is ignored, so labels read back.
fn coordonnees(q: &str) -> Option<Point<f64>> {
    let q = q.split('(').next().unwrap_or("").trim();
    let parties: Vec<String> = if q.contains(';') {
        q.split(';').map(|s| s.replace(',', ".")).collect()
    } else if q.contains(',') {
        q.split(',').map(str::to_string).collect()
    } else {
        q.split_whitespace().map(str::to_string).collect()
    };
    let [a, b] = parties.as_slice() else {
        return None;
    };
    let nombre = |s: &str| -> Option<f64> {
        let s = s.trim().trim_end_matches('°').trim();
        let chiffres = s.bytes().filter(u8::is_ascii_digit).count();
        if chiffres == 0 || !s.bytes().all(|c| c.is_ascii_digit() || b".+-".contains(&c)) {
            return None;
        }
        s.parse::<f64>().ok().filter(|v| v.is_finite())
    };
    let (mut lat, mut lon) = (nombre(a)?, nombre(b)?);
    let (zone_lat, zone_lon) = (49.0..=51.5, 2.0..=7.0);
    if zone_lon.contains(&lat) && zone_lat.contains(&lon) {
        std::mem::swap(&mut lat, &mut lon);
    }
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then(|| Point::new(lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g() -> &'static Geocoder {
        static G: OnceLock<Geocoder> = OnceLock::new();
        G.get_or_init(|| Geocoder::new(RefData::load()))
    }

    fn d() -> &'static RefData {
        RefData::load()
    }

    /// Whether the candidate's point is in (or within 1 km of) municipality `nis`.
    fn dans(c: &Candidate, nis: &str) -> bool {
        let m = d().commune(nis).unwrap();
        c.nis == nis && d().distance_au_contour_km(m, c.point) <= 1.0
    }

    #[test]
    fn toutes_les_communes() {
        for c in &d().communes {
            for nom in noms(c) {
                let r = g().geocode(nom).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(r[0].kind, Kind::Commune, "{nom}: {r:?}");
                assert!(dans(&r[0], &c.nis), "{nom}: {r:?}");
            }
        }
    }

    #[test]
    fn tous_les_codes_postaux() {
        let mut n = 0;
        for c in &d().communes {
            for cp in &c.codes_postaux {
                let r = g().geocode(cp).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(r.len(), 1, "{cp}: {r:?}");
                assert_eq!(r[0].kind, Kind::CodePostal);
                assert_eq!(r[0].code_postal.as_deref(), Some(cp.as_str()));
                assert!(dans(&r[0], &c.nis), "{cp}: {r:?}");
                n += 1;
            }
        }
        assert_eq!(n, 606);
    }

    #[test]
    fn toutes_les_localites() {
        for l in &d().localites {
            let r = g().geocode(&l.nom).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                r.iter().any(|c| dans(c, &l.nis)),
                "{} {} ({}): {r:?}",
                l.code_postal,
                l.nom,
                l.nis
            );
            // With its postal code, the locality is the only answer.
            let r = g()
                .geocode(&format!("{} {}", l.nom, l.code_postal))
                .unwrap();
            assert_eq!(r.len(), 1, "{} {}: {r:?}", l.nom, l.code_postal);
            assert!(dans(&r[0], &l.nis));
        }
    }

    #[test]
    fn points_deplaces_sur_le_contour() {
        // The four localities 1–3 km outside their municipality (data/ref/SOURCES.md).
        let deplaces: Vec<String> = d()
            .localites
            .iter()
            .filter(|l| point_localite(d(), l) != l.point)
            .map(|l| format!("{} {}", l.code_postal, l.nom))
            .collect();
        assert_eq!(
            deplaces,
            [
                "1370 Zétrud-Lumay",
                "4800 Polleur",
                "4920 Louveigné",
                "7181 Familleureux"
            ]
        );
        for l in &d().localites {
            let p = point_localite(d(), l);
            let km = crate::spatial::distance_km(p, l.point);
            assert!(km < 3.5, "{} moved {km} km", l.nom);
        }
    }

    fn premier(q: &str) -> Candidate {
        g().geocode(q)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .next()
            .unwrap()
    }

    #[test]
    fn abreviations_et_graphies() {
        for q in [
            "Jemeppe-sur-Meuse",
            "jemeppe sur meuse",
            "Jemeppe-s/-Meuse",
            "Jemeppe s/Meuse",
            "JEMEPPE-SUR-MEUSE",
            "  jemeppe   sur  meuse ",
            "jemeppesurmeuse",
            "Jemeppe-sur-Meuse (4101, Seraing)",
            "Jemeppe-sur-Meuse 4101",
        ] {
            let c = premier(q);
            assert_eq!(
                (c.nom.as_str(), c.nis.as_str()),
                ("Jemeppe-sur-Meuse", "62096"),
                "{q}"
            );
            assert_eq!(c.kind, Kind::Localite);
        }
        let c = premier("4101");
        assert_eq!(
            (c.nom.as_str(), c.kind),
            ("Jemeppe-sur-Meuse", Kind::CodePostal)
        );
        assert_eq!(c.point, premier("jemeppe sur meuse").point);

        for (q, attendu) in [
            ("la louviere", "La Louvière"),
            ("LA LOUVIÈRE", "La Louvière"),
            ("lalouviere", "La Louvière"),
            ("st vith", "Sankt Vith"),
            ("St-Vith", "Sankt Vith"),
            ("saint vith", "Sankt Vith"),
            ("Sankt-Vith", "Sankt Vith"),
            ("ste ode", "Sainte-Ode"),
            ("Ste-Ode", "Sainte-Ode"),
            ("mont st guibert", "Mont-Saint-Guibert"),
            ("Mt-St-Guibert", "Mont-Saint-Guibert"),
            ("chapelle les herlaimont", "Chapelle-lez-Herlaimont"),
            ("Chapelle-lès-Herlaimont", "Chapelle-lez-Herlaimont"),
            ("braine l'alleud", "Braine-l’Alleud"),
            ("Braine l alleud", "Braine-l’Alleud"),
            ("BRAINE-LALLEUD", "Braine-l’Alleud"),
            ("les bons villers", "Les Bons Villers"),
            ("Écaussinnes", "Ecaussinnes"),
            ("bullingen", "Büllingen"),
            ("Bullange", "Büllingen"),
            ("la calamine", "Kelmis"),
        ] {
            assert_eq!(premier(q).nom, attendu, "{q}");
        }
        // Localities.
        assert_eq!(premier("marche lez dames").nom, "Marche-les-Dames");
        assert_eq!(premier("Marche-lès-Dames").nom, "Marche-les-Dames");
        assert_eq!(
            premier("frasnes les gosselies").nom,
            "Frasnes-lez-Gosselies"
        );
        assert_eq!(premier("st servais").nom, "Saint-Servais");
        assert_eq!(premier("Saintes").nom, "Saintes");
        assert_eq!(premier("stembert").nom, "Stembert");
    }

    #[test]
    fn communes_et_localites_homonymes() {
        // Municipality and its own locality: one answer.
        let r = g().geocode("Seraing").unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, Kind::Commune);
        let r = g().geocode("liège").unwrap();
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(
            (r[0].nis.as_str(), r[0].code_postal.as_deref()),
            ("62063", Some("4000"))
        );
        // Point of a municipality: its namesake locality, else the centroid.
        let liege = d().localites_du_code_postal("4000");
        assert_eq!(
            r[0].point,
            liege.iter().find(|l| l.nom == "Liège").unwrap().point
        );
        let hshn = premier("Ham-sur-Heure-Nalinnes");
        assert_eq!(hshn.point, d().commune("56086").unwrap().centroide);
        assert_eq!(hshn.label, "Ham-sur-Heure-Nalinnes (6120)");
        let sv = premier("Sankt Vith");
        assert_eq!(
            sv.point,
            d().localites_du_code_postal("4780")
                .iter()
                .find(|l| l.nom == "Saint-Vith")
                .unwrap()
                .point
        );
    }

    #[test]
    fn noms_ambigus() {
        let r = g().geocode("Celles").unwrap();
        let v: Vec<(Kind, &str, Option<&str>)> = r
            .iter()
            .map(|c| (c.kind, c.nis.as_str(), c.code_postal.as_deref()))
            .collect();
        assert_eq!(
            v,
            [
                (Kind::Commune, "57018", Some("7760")),
                (Kind::Localite, "64076", Some("4317")),
                (Kind::Localite, "91072", Some("5561")),
            ]
        );
        assert_eq!(r[1].label, "Celles (4317, Faimes)");
        let r = g().geocode("Neufchâteau").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].kind, r[0].nis.as_str()), (Kind::Commune, "84043"));
        assert_eq!((r[1].kind, r[1].nis.as_str()), (Kind::Localite, "62027"));
        assert_eq!(g().geocode("Mont").unwrap().len(), 2);
        assert_eq!(g().geocode("saint remy").unwrap().len(), 2);
        // Qualifiers narrow the answer.
        for (q, nis) in [
            ("Celles (4317)", "64076"),
            ("Celles 5561", "91072"),
            ("Celles (5561, Houyet)", "91072"),
            ("Celles (Faimes)", "64076"),
            ("Neufchâteau (Dalhem)", "62027"),
            ("Mont (Yvoir)", "91141"),
        ] {
            let r = g().geocode(q).unwrap();
            assert_eq!(r.len(), 1, "{q}: {r:?}");
            assert_eq!(r[0].nis, nis, "{q}");
        }
        // A qualifier that matches nothing is ignored.
        assert_eq!(g().geocode("Celles (9999)").unwrap().len(), 3);
    }

    #[test]
    fn inconnu_avec_suggestions() {
        let e = g().geocode("jemepe").unwrap_err();
        assert_eq!(e.query, "jemepe");
        assert!(e.suggestions.len() <= 5);
        assert_eq!(
            e.suggestions[..2],
            ["Jemeppe-sur-Meuse (4101)", "Jemeppe-sur-Sambre (5190)"]
        );
        let texte = e.to_string();
        assert!(
            texte.starts_with(
                "Aucune commune, localité ou code postal ne correspond à « jemepe ». \
                 Vouliez-vous dire : Jemeppe-sur-Meuse (4101), Jemeppe-sur-Sambre (5190)"
            ),
            "{texte}"
        );
        assert!(texte.ends_with(" ?"), "{texte}");
        // Prefix: the names it begins, first.
        let e = g().geocode("jemeppe").unwrap_err();
        assert_eq!(
            e.suggestions[..2],
            ["Jemeppe-sur-Meuse (4101)", "Jemeppe-sur-Sambre (5190)"]
        );
        // Typos.
        assert_eq!(
            g().geocode("charleoi").unwrap_err().suggestions[0],
            "Charleroi (6000)"
        );
        assert_eq!(
            g().geocode("bastgne").unwrap_err().suggestions[0],
            "Bastogne (6600)"
        );
        // Suggestions read back.
        for s in g().geocode("jemepe").unwrap_err().suggestions {
            assert_eq!(g().geocode(&s).unwrap().len(), 1, "{s}");
        }
        // Nothing close.
        let e = g().geocode("xqzwv").unwrap_err();
        assert!(e.suggestions.is_empty());
        assert_eq!(
            e.to_string(),
            "Aucune commune, localité ou code postal ne correspond à « xqzwv »."
        );
        // Postal codes: a wrong last digit, and Brussels.
        let e = g().geocode("4109").unwrap_err();
        assert_eq!(e.suggestions[0], "4100 Seraing (Boncelles, Seraing)");
        assert!(e.suggestions.iter().all(|s| s.starts_with("410")), "{e}");
        assert!(g().geocode("1000").unwrap_err().suggestions.is_empty());
        assert!(g().geocode("").is_err());
        assert!(
            g().geocode("  ")
                .unwrap_err()
                .to_string()
                .starts_with("Indiquez")
        );
        assert!(g().geocode("-").is_err());
        assert!(g().geocode("()").is_err());
    }

    #[test]
    fn coordonnees_acceptees() {
        for q in [
            "50.6451,5.5736",
            "50.6451, 5.5736",
            "50.6451 5.5736",
            "50.6451;5.5736",
            "50,6451;5,5736",
            "50,6451 ; 5,5736",
            "5.5736, 50.6451",
            "50.6451°, 5.5736°",
            "+50.6451, +5.5736",
        ] {
            let r = g().geocode(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            assert_eq!(r.len(), 1);
            assert_eq!(r[0].kind, Kind::Coordonnees);
            assert_eq!(r[0].nis, "62063", "{q}");
            assert_eq!(r[0].point, Point::new(5.5736, 50.6451), "{q}");
            assert_eq!(r[0].label, "50.64510, 5.57360 (Liège)");
            assert_eq!(g().geocode(&r[0].label).unwrap(), r);
        }
        // Brussels: within 20 km of Wallonia, attached to the nearest municipality.
        let r = g().geocode("50.8466, 4.3517").unwrap();
        assert!(
            d().commune(&r[0].nis).unwrap().bassin == "brabant-wallon",
            "{r:?}"
        );
        // Paris: too far.
        let e = g().geocode("48.8566, 2.3522").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Les coordonnées « 48.8566, 2.3522 »"),
            "{e}"
        );
        for q in [
            "91, 5",
            "50.6, 200",
            "NaN, 5",
            "inf, 5",
            "50.6, 5.5, 3",
            "1e400, 5",
        ] {
            assert!(g().geocode(q).is_err(), "{q}");
        }
    }

    #[test]
    fn saisie_progressive() {
        let noms = |v: Vec<Candidate>| v.into_iter().map(|c| c.nom).collect::<Vec<_>>();
        assert_eq!(
            noms(g().suggest("jemep", 10)),
            ["Jemeppe-sur-Sambre", "Jemeppe-sur-Meuse"]
        );
        assert_eq!(noms(g().suggest("la lou", 3))[0], "La Louvière");
        let st = noms(g().suggest("st", 400));
        assert!(st.iter().any(|n| n == "Stembert"), "{st:?}");
        assert!(
            st.iter().any(|n| n == "Saint-Vith" || n == "Sankt Vith"),
            "{st:?}"
        );
        assert!(
            noms(g().suggest("st-", 400))
                .iter()
                .all(|n| n.starts_with("Saint") || n == "Sankt Vith")
        );
        let cps: Vec<Option<String>> = g()
            .suggest("410", 20)
            .into_iter()
            .map(|c| c.code_postal)
            .collect();
        assert!(!cps.is_empty());
        assert!(cps.windows(2).all(|w| w[0] < w[1]));
        assert!(cps.iter().all(|c| c.as_deref().unwrap().starts_with("410")));
        assert_eq!(noms(g().suggest("char", 5)), ["Charleroi", "Charneux"]);
        assert_eq!(g().suggest("ma", 3).len(), 3);
        assert_eq!(g().suggest("charleroi", 5)[0].kind, Kind::Commune);
        assert!(g().suggest("", 5).is_empty());
        assert!(g().suggest("nam", 0).is_empty());
        assert!(g().suggest("zzzz", 5).is_empty());
    }

    #[test]
    fn repertoire_complet_et_relisible() {
        let tout = g().gazetteer();
        let compte = |k: Kind| tout.iter().filter(|c| c.kind == k).count();
        assert_eq!(compte(Kind::Commune), 261);
        assert_eq!(compte(Kind::CodePostal), 606);
        assert!(compte(Kind::Localite) > 1200);
        let mut labels: Vec<&str> = tout.iter().map(|c| c.label.as_str()).collect();
        labels.sort();
        let n = labels.len();
        labels.dedup();
        assert_eq!(labels.len(), n, "labels are unique");
        assert_eq!(tout, g().gazetteer(), "deterministic");
        let cles: Vec<String> = tout.iter().map(|c| fold(&c.nom)).collect();
        assert!(cles.windows(2).all(|w| w[0] <= w[1]), "sorted");
        for c in &tout {
            let r = g().geocode(&c.label).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&r[0], c, "{}", c.label);
        }
    }
}
