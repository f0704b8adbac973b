//! Open data for advisers and partners: the files of `/donnees/` and `cispgen export`.
//!
//! - `catalogue.json`: the whole resolved catalogue (centres, places, tracks), described by
//!   `catalogue.schema.json`, generated from the Rust types below with schemars. Records
//!   are sorted by id and every list inside them too, so that two builds can be compared
//!   record by record (a later « Nouveautés » feature diffs them).
//! - `lieux.geojson`: the places as points (RFC 7946: `[lon, lat]`, 6 decimals, no `crs`).
//! - `filieres.csv`: one row per track × place, for spreadsheets: UTF-8 with a byte-order
//!   mark, `;` separator and decimal commas, CRLF line ends, so that Excel set up for
//!   Belgium opens it right with a double click. One such file per bassin EFE too.
//! - `seances.ics`: every upcoming information session (RFC 5545), through
//!   [`feeds::calendrier`](crate::render::feeds::calendrier).
//!
//! `cispgen export` writes the same CSV or JSON, filtered by bassin and job code.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::formats;
use crate::diag::{Diagnostics, Sources};
use crate::model::{Categorie, Date, Federation, Heure, Jour, Methode, Moment, Secteur};
use crate::render::{Env, Output, RenderError, Sink, feeds, format, urls};
use crate::resolve::{Catalogue, Precision};

/// Version of the format of `catalogue.json`: raised when a field changes meaning or
/// disappears (adding a field keeps the version).
pub const VERSION_FORMAT: u32 = 1;
pub const LICENCE: &str = "CC-BY-4.0";
pub const ATTRIBUTION: &str = "cisp.be";

/// Where the files are published (site-relative).
pub const URL_CATALOGUE: &str = "/donnees/catalogue.json";
pub const URL_SCHEMA: &str = "/donnees/catalogue.schema.json";
pub const URL_GEOJSON: &str = "/donnees/lieux.geojson";
pub const URL_CSV: &str = "/donnees/filieres.csv";
pub const URL_ICS: &str = "/donnees/seances.ics";

/// The CSV file of one bassin EFE.
pub fn url_csv_bassin(bassin: &str) -> String {
    format!("/donnees/bassins/{bassin}.csv")
}

/// The printable fiche of a track.
pub fn url_fiche(slug: &str) -> String {
    format!("{}fiche/", urls::filiere(slug))
}

// ---------------------------------------------------------------------------------------
// The open catalogue (catalogue.json) and its schema
// ---------------------------------------------------------------------------------------

/// Le catalogue des formations CISP de Wallonie publié par cisp.be.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Catalogue cisp.be")]
pub struct CatalogueOuvert {
    /// Version du format de ce fichier. Elle change quand un champ change de sens ou disparaît.
    pub version: u32,
    /// Date à laquelle le fichier a été produit (AAAA-MM-JJ). Les séances et dates de début passées à cette date sont retirées.
    pub date: Date,
    /// Licence des données : CC-BY-4.0 (Creative Commons Attribution 4.0).
    pub licence: String,
    /// Mention à faire en réutilisant les données.
    pub attribution: String,
    /// Adresse du site d'où viennent les données.
    pub source: String,
    /// Les centres, triés par identifiant.
    pub centres: Vec<CentreOuvert>,
    /// Les lieux de formation, triés par identifiant.
    pub lieux: Vec<LieuOuvert>,
    /// Les filières (formations), triées par identifiant.
    pub filieres: Vec<FiliereOuverte>,
}

/// Un centre d'insertion socioprofessionnelle (CISP). Ses lieux et ses filières sont ceux
/// dont le champ « centre » porte son identifiant.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CentreOuvert {
    /// Identifiant stable du centre.
    pub id: String,
    pub nom: String,
    /// Page du centre sur cisp.be.
    pub url: String,
    /// Fédération dont le centre est membre.
    pub federation: Federation,
    /// Méthode pédagogique : EFT (formation par le travail) ou DéFi.
    pub methode: Methode,
    pub site_web: Option<String>,
    /// Téléphone, au format international (+32…) quand il est valable.
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    /// Présentation, en Markdown.
    pub presentation: Option<String>,
}

/// Comment le point d'un lieu a été trouvé.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrecisionOuverte {
    /// Coordonnées données par le centre.
    Exacte,
    /// Centre de la localité (section de commune) de l'adresse.
    Localite,
    /// Centre de la commune de l'adresse.
    Commune,
}

impl From<Precision> for PrecisionOuverte {
    fn from(p: Precision) -> Self {
        match p {
            Precision::Exacte => PrecisionOuverte::Exacte,
            Precision::Localite => PrecisionOuverte::Localite,
            Precision::Commune => PrecisionOuverte::Commune,
        }
    }
}

/// Une commune (code INS/NIS de Statbel).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommuneOuverte {
    /// Code INS (REFNIS 2025), ex. 62063.
    pub nis: String,
    pub nom: String,
    pub province: String,
}

/// Un bassin EFE (Enseignement qualifiant – Formation – Emploi).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BassinOuvert {
    /// Identifiant, ex. « hainaut-sud ».
    pub id: String,
    pub nom: String,
}

/// La gare la plus proche d'un lieu.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GareOuverte {
    /// Identifiant iRail / SNCB.
    pub id: String,
    pub nom: String,
    /// Distance à vol d'oiseau, en km (1 décimale).
    pub km: f64,
}

/// Un lieu de formation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LieuOuvert {
    /// Identifiant stable du lieu.
    pub id: String,
    pub nom: String,
    /// Identifiant du centre.
    pub centre: String,
    /// Page du lieu sur cisp.be.
    pub url: String,
    pub rue: String,
    pub code_postal: String,
    pub localite: String,
    pub commune: CommuneOuverte,
    pub bassin: Option<BassinOuvert>,
    /// Latitude WGS84, 6 décimales au plus.
    pub lat: f64,
    /// Longitude WGS84, 6 décimales au plus.
    pub lon: f64,
    pub precision: PrecisionOuverte,
    pub gare: Option<GareOuverte>,
    pub fauteuil_roulant: Option<bool>,
    /// Comment venir en transports en commun.
    pub transports: Option<String>,
    /// Identifiants des filières données dans ce lieu, triés.
    pub filieres: Vec<String>,
}

/// Un code métier ROME v3.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RomeOuvert {
    /// Code, ex. D1102.
    pub code: String,
    pub libelle: String,
    /// Domaine, ex. D11.
    pub domaine: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DureeOuverte {
    pub semaines: Option<u32>,
    pub heures: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HoraireOuvert {
    pub jours: Vec<Jour>,
    pub heures_par_semaine: Option<f64>,
    pub moment: Moment,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntreeOuverte {
    /// Entrée permanente : on peut commencer à tout moment.
    pub permanente: bool,
    /// Prochaines dates de début.
    pub dates: Vec<Date>,
}

/// Une séance d'information à venir.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeanceOuverte {
    pub date: Date,
    /// Heure de début, HH:MM (heure de Bruxelles).
    pub heure: Heure,
    /// Identifiant du lieu de la séance.
    pub lieu: Option<String>,
    pub remarque: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactOuvert {
    /// Personne de contact pour la filière.
    pub nom: Option<String>,
    /// Téléphone de la filière, sinon du centre (format international quand il est valable).
    pub telephone: Option<String>,
    /// Courriel de la filière, sinon du centre.
    pub courriel: Option<String>,
}

/// Une filière de formation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FiliereOuverte {
    /// Identifiant stable de la filière.
    pub id: String,
    pub titre: String,
    /// Page de la filière sur cisp.be.
    pub url: String,
    /// Fiche à imprimer.
    pub fiche: String,
    /// Identifiant du centre.
    pub centre: String,
    pub categorie: Categorie,
    pub secteur: Secteur,
    /// Codes métier ROME v3 visés.
    pub rome: Vec<RomeOuvert>,
    /// Identifiants des lieux où la filière est donnée, triés.
    pub lieux: Vec<String>,
    pub duree: DureeOuverte,
    pub horaire: HoraireOuvert,
    pub entree: EntreeOuverte,
    /// Prochaines séances d'information, de la plus proche à la plus lointaine.
    pub seances: Vec<SeanceOuverte>,
    /// Pour qui, en mots simples.
    pub public: String,
    /// Stage en entreprise prévu.
    pub stage: bool,
    pub certification: Option<String>,
    /// Ce qu'on apprend, en Markdown.
    pub description: String,
    pub contact: ContactOuvert,
    /// Date de la dernière vérification par le centre.
    pub mis_a_jour: Date,
}

/// The JSON Schema of `catalogue.json`, generated from [`CatalogueOuvert`].
pub fn schema_json(base_url: &str) -> String {
    let mut schema = schemars::schema_for!(CatalogueOuvert);
    schema.insert("$id".into(), format!("{base_url}{URL_SCHEMA}").into());
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

// ---------------------------------------------------------------------------------------
// Selection: which tracks and places a file or an export covers
// ---------------------------------------------------------------------------------------

/// What `cispgen export` keeps: tracks with a place in the bassin, tracks aiming at a job
/// code. `rome` may be a code (`D1102`), a domain (`D11`) or a main domain (`D`).
#[derive(Debug, Clone, Default)]
pub struct Filtre {
    pub bassin: Option<String>,
    pub rome: Option<String>,
}

impl Filtre {
    pub fn tout() -> Filtre {
        Filtre::default()
    }

    /// Rejects an unknown bassin or job code, naming what exists.
    pub fn verifier(&self, cat: &Catalogue) -> Result<(), String> {
        if let Some(b) = &self.bassin
            && cat.refdata.bassin(b).is_none()
        {
            let ids: Vec<&str> = cat.refdata.bassins.iter().map(|b| b.id.as_str()).collect();
            return Err(format!(
                "bassin inconnu « {b} » : écrivez l'un de {}",
                ids.join(", ")
            ));
        }
        if let Some(code) = &self.rome {
            let code = code.trim().to_ascii_uppercase();
            let rome = &cat.refdata.rome;
            let connu = match code.len() {
                1 => rome.grand_domaine(&code).is_some(),
                3 => rome.domaine(&code).is_some(),
                5 => rome.fiche(&code).is_some(),
                _ => false,
            };
            if !connu {
                return Err(format!(
                    "code ROME inconnu « {code} » : écrivez un code (D1102), un domaine (D11) ou un grand domaine (D)"
                ));
            }
        }
        Ok(())
    }

    fn lieu_ok(&self, cat: &Catalogue, l: usize) -> bool {
        self.bassin
            .as_ref()
            .is_none_or(|b| cat.lieux[l].commune.bassin == *b)
    }

    fn filiere_ok(&self, cat: &Catalogue, f: usize) -> bool {
        let Some(code) = &self.rome else { return true };
        let code = code.trim().to_ascii_uppercase();
        cat.filieres[f]
            .filiere
            .rome
            .iter()
            .any(|r| r.trim().to_ascii_uppercase().starts_with(&code))
    }

    /// The selected tracks (sorted by id), each with its selected places (sorted by id).
    pub fn selection(&self, cat: &Catalogue) -> Vec<(usize, Vec<usize>)> {
        let mut out: Vec<(usize, Vec<usize>)> = (0..cat.filieres.len())
            .filter(|&f| self.filiere_ok(cat, f))
            .filter_map(|f| {
                let mut lieux: Vec<usize> = cat.filieres[f]
                    .lieux
                    .iter()
                    .copied()
                    .filter(|&l| self.lieu_ok(cat, l))
                    .collect();
                lieux.sort_by(|&a, &b| cat.lieux[a].lieu.id.value.cmp(&cat.lieux[b].lieu.id.value));
                (!lieux.is_empty()).then_some((f, lieux))
            })
            .collect();
        out.sort_by(|a, b| {
            cat.filieres[a.0]
                .filiere
                .id
                .value
                .cmp(&cat.filieres[b.0].filiere.id.value)
        });
        out
    }
}

// ---------------------------------------------------------------------------------------
// Building the records
// ---------------------------------------------------------------------------------------

/// Six decimals at most (≈ 0.1 m), as RFC 7946 recommends.
pub fn arrondi6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn arrondi1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A phone number in international form when it is valid, else as written.
fn telephone_normalise(t: &str) -> String {
    formats::telephone(t.trim()).unwrap_or_else(|_| t.trim().to_string())
}

fn contact(cat: &Catalogue, f: usize) -> ContactOuvert {
    let fr = &cat.filieres[f];
    let centre = cat.centres[fr.centre].centre;
    let c = fr.filiere.contact.as_ref();
    ContactOuvert {
        nom: c.and_then(|c| c.nom.as_ref()).map(|n| n.value.clone()),
        telephone: c
            .and_then(|c| c.telephone.as_ref())
            .or(centre.telephone.as_ref())
            .map(|t| telephone_normalise(t)),
        courriel: c
            .and_then(|c| c.courriel.as_ref())
            .or(centre.courriel.as_ref())
            .map(|c| c.value.trim().to_string()),
    }
}

/// The place of an information session: the one named, else the track's first place.
pub fn lieu_de_seance(cat: &Catalogue, f: usize, s: &crate::model::SeanceInfo) -> Option<usize> {
    let fr = &cat.filieres[f];
    let centre = &cat.centres[fr.centre];
    s.lieu
        .as_ref()
        .and_then(|id| {
            centre
                .lieux
                .iter()
                .copied()
                .find(|&l| cat.lieux[l].lieu.id.as_str() == id.as_str())
        })
        .or_else(|| fr.lieux.first().copied())
}

fn rome(cat: &Catalogue, f: usize) -> Vec<RomeOuvert> {
    let mut vus = BTreeSet::new();
    cat.filieres[f]
        .filiere
        .rome
        .iter()
        .filter_map(|code| cat.refdata.rome.fiche(code.trim()))
        .filter(|fiche| vus.insert(fiche.code.as_str()))
        .map(|fiche| RomeOuvert {
            code: fiche.code.clone(),
            libelle: fiche.libelle.clone(),
            domaine: fiche.domaine.clone(),
        })
        .collect()
}

fn filiere_ouverte(cat: &Catalogue, base_url: &str, f: usize, lieux: &[usize]) -> FiliereOuverte {
    let fr = &cat.filieres[f];
    let m = fr.filiere;
    FiliereOuverte {
        id: m.id.value.clone(),
        titre: m.titre.value.clone(),
        url: format!("{base_url}{}", urls::filiere(&fr.slug)),
        fiche: format!("{base_url}{}", url_fiche(&fr.slug)),
        centre: cat.centres[fr.centre].centre.id.value.clone(),
        categorie: m.categorie,
        secteur: m.secteur,
        rome: rome(cat, f),
        lieux: lieux
            .iter()
            .map(|&l| cat.lieux[l].lieu.id.value.clone())
            .collect(),
        duree: DureeOuverte {
            semaines: m.duree.semaines,
            heures: m.duree.heures,
        },
        horaire: HoraireOuvert {
            jours: {
                let mut j = m.horaire.jours.clone();
                j.sort();
                j.dedup();
                j
            },
            heures_par_semaine: m
                .horaire
                .heures_par_semaine
                .as_ref()
                .map(|h| f64::from(h.value)),
            moment: m.horaire.moment,
        },
        entree: EntreeOuverte {
            permanente: m.entree.permanente,
            dates: {
                let mut d: Vec<Date> = m
                    .entree
                    .dates
                    .iter()
                    .map(|d| d.value)
                    .filter(|d| d.0 >= cat.today)
                    .collect();
                d.sort();
                d.dedup();
                d
            },
        },
        seances: fr
            .seances
            .iter()
            .map(|s| SeanceOuverte {
                date: s.date.value,
                heure: s.heure.value,
                lieu: lieu_de_seance(cat, f, s).map(|l| cat.lieux[l].lieu.id.value.clone()),
                remarque: s.remarque.as_ref().map(|r| r.value.clone()),
            })
            .collect(),
        public: m.public.value.clone(),
        stage: m.stage,
        certification: m.certification.as_ref().map(|c| c.value.clone()),
        description: m.description.value.clone(),
        contact: contact(cat, f),
        mis_a_jour: m.mis_a_jour.value,
    }
}

fn lieu_ouvert(
    cat: &Catalogue,
    base_url: &str,
    l: usize,
    filieres: &BTreeSet<usize>,
) -> LieuOuvert {
    let lr = &cat.lieux[l];
    let lieu = lr.lieu;
    let mut ids: Vec<String> = lr
        .filieres
        .iter()
        .filter(|f| filieres.contains(f))
        .map(|&f| cat.filieres[f].filiere.id.value.clone())
        .collect();
    ids.sort();
    LieuOuvert {
        id: lieu.id.value.clone(),
        nom: lieu.nom.value.clone(),
        centre: cat.centres[lr.centre].centre.id.value.clone(),
        url: format!("{base_url}{}", urls::lieu(&lr.slug)),
        rue: lieu.rue.value.clone(),
        code_postal: lieu.code_postal.trim().to_string(),
        localite: lieu.localite.value.clone(),
        commune: CommuneOuverte {
            nis: lr.commune.nis.clone(),
            nom: lr.commune.nom.clone(),
            province: lr.commune.province.clone(),
        },
        bassin: lr.bassin.map(|b| BassinOuvert {
            id: b.id.clone(),
            nom: b.nom.clone(),
        }),
        lat: arrondi6(lr.point.y()),
        lon: arrondi6(lr.point.x()),
        precision: lr.precision.into(),
        gare: lr.gare.and_then(|hit| {
            cat.refdata.gares.get(hit.id).map(|g| GareOuverte {
                id: g.id.clone(),
                nom: g.nom.clone(),
                km: arrondi1(hit.km),
            })
        }),
        fauteuil_roulant: lieu.acces.as_ref().and_then(|a| a.fauteuil_roulant),
        transports: lieu
            .acces
            .as_ref()
            .and_then(|a| a.transports.as_ref())
            .map(|t| t.value.clone()),
        filieres: ids,
    }
}

/// The open catalogue of the selected tracks, their places and their centres.
pub fn catalogue(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> CatalogueOuvert {
    let selection = filtre.selection(cat);
    let filieres_set: BTreeSet<usize> = selection.iter().map(|(f, _)| *f).collect();
    let lieux_set: BTreeSet<usize> = selection
        .iter()
        .flat_map(|(_, l)| l.iter().copied())
        .collect();
    let centres_set: BTreeSet<usize> = selection
        .iter()
        .map(|(f, _)| cat.filieres[*f].centre)
        .collect();

    let mut centres: Vec<CentreOuvert> = centres_set
        .iter()
        .map(|&c| {
            let cr = &cat.centres[c];
            let m = cr.centre;
            CentreOuvert {
                id: m.id.value.clone(),
                nom: m.nom.value.clone(),
                url: format!("{base_url}{}", urls::centre(&cr.slug)),
                federation: *m.federation,
                methode: m.methode,
                site_web: m.site_web.as_ref().map(|s| s.value.clone()),
                telephone: m.telephone.as_ref().map(|t| telephone_normalise(t)),
                courriel: m.courriel.as_ref().map(|c| c.value.trim().to_string()),
                presentation: m.presentation.as_ref().map(|p| p.value.clone()),
            }
        })
        .collect();
    centres.sort_by(|a, b| a.id.cmp(&b.id));

    let mut lieux: Vec<LieuOuvert> = lieux_set
        .iter()
        .map(|&l| lieu_ouvert(cat, base_url, l, &filieres_set))
        .collect();
    lieux.sort_by(|a, b| a.id.cmp(&b.id));

    let filieres: Vec<FiliereOuverte> = selection
        .iter()
        .map(|(f, lieux)| filiere_ouverte(cat, base_url, *f, lieux))
        .collect();

    CatalogueOuvert {
        version: VERSION_FORMAT,
        date: Date(cat.today),
        licence: LICENCE.into(),
        attribution: ATTRIBUTION.into(),
        source: base_url.to_string(),
        centres,
        lieux,
        filieres,
    }
}

/// `catalogue.json`, compact (browsers and `jq` show it indented).
pub fn catalogue_json(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> String {
    serde_json::to_string(&catalogue(cat, base_url, filtre)).unwrap_or_default() + "\n"
}

// ---------------------------------------------------------------------------------------
// GeoJSON
// ---------------------------------------------------------------------------------------

/// Properties of each point of `lieux.geojson`: (name, description), for the data page.
pub const PROPRIETES_GEOJSON: &[(&str, &str)] = &[
    ("id", "identifiant du lieu (aussi l'« id » du Feature)"),
    ("nom", "nom du lieu"),
    ("centre_id", "identifiant du centre"),
    ("centre", "nom du centre"),
    ("rue", "rue et numéro"),
    ("code_postal", "code postal"),
    ("localite", "localité (section de commune)"),
    ("commune", "commune"),
    ("nis", "code INS de la commune"),
    ("bassin_id", "identifiant du bassin EFE"),
    ("bassin", "nom du bassin EFE"),
    (
        "precision",
        "exacte (coordonnées du centre), localite ou commune (point approché)",
    ),
    ("gare", "gare la plus proche"),
    (
        "gare_km",
        "distance à vol d'oiseau jusqu'à cette gare, en km",
    ),
    ("nb_filieres", "nombre de filières données dans ce lieu"),
    ("filieres", "identifiants des filières (liste)"),
    ("formations", "titres des filières, séparés par « | »"),
    ("url", "page du lieu sur cisp.be"),
];

/// `lieux.geojson`: one Point Feature per place with tracks (RFC 7946).
pub fn geojson(cat: &Catalogue, base_url: &str) -> String {
    use serde_json::{Value, json};
    let mut lieux: Vec<usize> = (0..cat.lieux.len())
        .filter(|&l| !cat.lieux[l].filieres.is_empty())
        .collect();
    lieux.sort_by(|&a, &b| cat.lieux[a].lieu.id.value.cmp(&cat.lieux[b].lieu.id.value));
    let features: Vec<Value> = lieux
        .into_iter()
        .map(|l| {
            let lr = &cat.lieux[l];
            let centre = cat.centres[lr.centre].centre;
            let mut filieres: Vec<usize> = lr.filieres.clone();
            filieres.sort_by(|&a, &b| cat.filieres[a].filiere.id.value.cmp(&cat.filieres[b].filiere.id.value));
            let gare = lr.gare.and_then(|h| cat.refdata.gares.get(h.id).map(|g| (g.nom.clone(), arrondi1(h.km))));
            json!({
                "type": "Feature",
                "id": lr.lieu.id.value,
                "geometry": {
                    "type": "Point",
                    "coordinates": [arrondi6(lr.point.x()), arrondi6(lr.point.y())],
                },
                "properties": {
                    "id": lr.lieu.id.value,
                    "nom": lr.lieu.nom.value,
                    "centre_id": centre.id.value,
                    "centre": centre.nom.value,
                    "rue": lr.lieu.rue.value,
                    "code_postal": lr.lieu.code_postal.trim(),
                    "localite": lr.lieu.localite.value,
                    "commune": lr.commune.nom,
                    "nis": lr.commune.nis,
                    "bassin_id": lr.bassin.map(|b| b.id.clone()),
                    "bassin": lr.bassin.map(|b| b.nom.clone()),
                    "precision": PrecisionOuverte::from(lr.precision),
                    "gare": gare.as_ref().map(|g| g.0.clone()),
                    "gare_km": gare.as_ref().map(|g| g.1),
                    "nb_filieres": filieres.len(),
                    "filieres": filieres.iter().map(|&f| cat.filieres[f].filiere.id.value.clone()).collect::<Vec<_>>(),
                    "formations": filieres.iter().map(|&f| cat.filieres[f].filiere.titre.value.as_str()).collect::<Vec<_>>().join(" | "),
                    "url": format!("{base_url}{}", urls::lieu(&lr.slug)),
                },
            })
        })
        .collect();
    let collection = json!({
        "type": "FeatureCollection",
        "features": features,
    });
    serde_json::to_string(&collection).unwrap_or_default() + "\n"
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

/// The columns of `filieres.csv`: (name, description), in order.
pub const COLONNES_CSV: &[(&str, &str)] = &[
    ("filiere_id", "identifiant de la filière"),
    ("filiere", "titre de la filière"),
    (
        "categorie",
        "orientation, formation-de-base ou formation-professionnalisante",
    ),
    ("secteur", "secteur d'activité"),
    (
        "codes_rome",
        "codes métier ROME v3, séparés par une virgule",
    ),
    ("metiers_rome", "intitulés de ces codes, séparés par « | »"),
    ("centre_id", "identifiant du centre"),
    ("centre", "nom du centre"),
    ("federation", "fédération du centre"),
    ("methode", "EFT ou DéFi"),
    ("lieu_id", "identifiant du lieu"),
    ("lieu", "nom du lieu"),
    ("rue", "rue et numéro"),
    ("code_postal", "code postal"),
    ("localite", "localité"),
    ("commune", "commune"),
    ("nis", "code INS de la commune"),
    ("bassin_id", "identifiant du bassin EFE"),
    ("bassin", "bassin EFE"),
    ("latitude", "latitude WGS84 (virgule décimale)"),
    ("longitude", "longitude WGS84 (virgule décimale)"),
    ("gare", "gare la plus proche"),
    ("gare_km", "distance à vol d'oiseau jusqu'à la gare, en km"),
    ("duree_semaines", "durée en semaines"),
    ("duree_heures", "durée en heures"),
    ("heures_par_semaine", "heures de formation par semaine"),
    ("jours", "jours de formation"),
    ("moment", "en journée, le soir, ou les deux"),
    ("entree_permanente", "oui : on peut commencer à tout moment"),
    ("dates_debut", "prochaines dates de début (AAAA-MM-JJ)"),
    (
        "prochaine_seance",
        "prochaine séance d'information (AAAA-MM-JJ HH:MM)",
    ),
    ("seances", "toutes les séances d'information à venir"),
    ("stage", "oui s'il y a un stage en entreprise"),
    ("certification", "ce que la personne obtient à la fin"),
    ("contact", "personne de contact"),
    ("telephone", "téléphone de la filière, sinon du centre"),
    ("courriel", "courriel de la filière, sinon du centre"),
    ("url", "page de la filière sur cisp.be"),
    ("fiche", "fiche à imprimer"),
    (
        "mis_a_jour",
        "date de la dernière vérification par le centre",
    ),
];

/// A decimal number with a decimal comma (Belgian spreadsheets), no trailing zeros.
fn virgule(x: f64, decimales: usize) -> String {
    let s = format!("{x:.decimales$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('.', ",")
}

fn oui_non(b: bool) -> &'static str {
    if b { "oui" } else { "non" }
}

/// A text cell: a leading `=`, `+`, `-` or `@` would make a spreadsheet read a formula
/// (« CSV injection »), so such a cell gets a leading apostrophe, as OWASP advises.
pub fn cellule(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    if text.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{text}")
    } else {
        text
    }
}

/// The rows of the selected tracks × places, header first.
pub fn lignes_csv(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> =
        vec![COLONNES_CSV.iter().map(|(n, _)| n.to_string()).collect()];
    for (f, lieux) in filtre.selection(cat) {
        let fr = &cat.filieres[f];
        let m = fr.filiere;
        let centre = cat.centres[fr.centre].centre;
        let romes = rome(cat, f);
        let contact = contact(cat, f);
        let telephone = contact
            .telephone
            .as_deref()
            .map(format::telephone_affiche)
            .unwrap_or_default();
        let mut jours = m.horaire.jours.clone();
        jours.sort();
        jours.dedup();
        let seances: Vec<String> = fr
            .seances
            .iter()
            .map(|s| format!("{} {}", s.date.value, s.heure.value))
            .collect();
        let dates: Vec<String> = m
            .entree
            .dates
            .iter()
            .map(|d| d.value)
            .filter(|d| d.0 >= cat.today)
            .map(|d| d.to_string())
            .collect();
        for l in lieux {
            let lr = &cat.lieux[l];
            let gare = lr
                .gare
                .and_then(|h| cat.refdata.gares.get(h.id).map(|g| (g.nom.as_str(), h.km)));
            let row: Vec<String> = vec![
                cellule(&m.id),
                cellule(&m.titre),
                m.categorie.slug().into(),
                m.secteur.slug().into(),
                romes
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                cellule(
                    &romes
                        .iter()
                        .map(|r| r.libelle.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
                cellule(&centre.id),
                cellule(&centre.nom),
                centre.federation.sigle().into(),
                centre.methode.sigle().into(),
                cellule(&lr.lieu.id),
                cellule(&lr.lieu.nom),
                cellule(&lr.lieu.rue),
                lr.lieu.code_postal.trim().into(),
                cellule(&lr.lieu.localite),
                lr.commune.nom.clone(),
                lr.commune.nis.clone(),
                lr.bassin.map(|b| b.id.clone()).unwrap_or_default(),
                lr.bassin.map(|b| b.nom.clone()).unwrap_or_default(),
                virgule(arrondi6(lr.point.y()), 6),
                virgule(arrondi6(lr.point.x()), 6),
                gare.map(|g| g.0.to_string()).unwrap_or_default(),
                gare.map(|g| virgule(g.1, 1)).unwrap_or_default(),
                m.duree.semaines.map(|s| s.to_string()).unwrap_or_default(),
                m.duree.heures.map(|h| h.to_string()).unwrap_or_default(),
                m.horaire
                    .heures_par_semaine
                    .as_ref()
                    .map(|h| virgule(f64::from(h.value), 1))
                    .unwrap_or_default(),
                jours.iter().map(|j| j.nom()).collect::<Vec<_>>().join(", "),
                m.horaire.moment.nom().into(),
                oui_non(m.entree.permanente).into(),
                dates.join(", "),
                seances.first().cloned().unwrap_or_default(),
                seances.join(", "),
                oui_non(m.stage).into(),
                cellule(m.certification.as_ref().map_or("", |c| c.as_str())),
                cellule(contact.nom.as_deref().unwrap_or("")),
                telephone.clone(),
                cellule(contact.courriel.as_deref().unwrap_or("")),
                format!("{base_url}{}", urls::filiere(&fr.slug)),
                format!("{base_url}{}", url_fiche(&fr.slug)),
                m.mis_a_jour.value.to_string(),
            ];
            debug_assert_eq!(row.len(), COLONNES_CSV.len());
            rows.push(row);
        }
    }
    rows
}

/// `filieres.csv`: UTF-8 with BOM, `;`, CRLF, RFC 4180 quoting.
pub fn csv(cat: &Catalogue, base_url: &str, filtre: &Filtre) -> Vec<u8> {
    csv_de(lignes_csv(cat, base_url, filtre))
}

/// The CSV file of rows made by [`lignes_csv`].
fn csv_de(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut out: Vec<u8> = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        for row in rows {
            // Writing into a Vec cannot fail.
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    out
}

// ---------------------------------------------------------------------------------------
// The files of /donnees/
// ---------------------------------------------------------------------------------------

/// Every upcoming information session in one calendar.
pub fn ics(env: &Env) -> String {
    let evenements: Vec<feeds::Evenement> =
        feeds::evenements(env).into_iter().map(|(_, e)| e).collect();
    feeds::calendrier(&evenements, env.catalogue.today)
}

/// Bassins with at least one place, in their conventional order: (id, name).
pub fn bassins_avec_lieux(cat: &Catalogue) -> Vec<(String, String)> {
    cat.refdata
        .bassins
        .iter()
        .filter(|b| {
            cat.lieux
                .iter()
                .any(|l| l.commune.bassin == b.id && !l.filieres.is_empty())
        })
        .map(|b| (b.id.clone(), b.nom.clone()))
        .collect()
}

pub fn outputs(env: &Env, sink: &Sink) -> Result<Publies, RenderError> {
    let cat = env.catalogue;
    let base = env.config.base_url.as_str();
    let tout = Filtre::tout();
    // Each file is handed over as soon as it is made: at 100× the demo they weigh 200 MB.
    let file = |path: &str, bytes: Vec<u8>| -> Result<usize, RenderError> {
        let n = bytes.len();
        sink(Output {
            path: path[1..].to_string(),
            bytes,
        })?;
        Ok(n)
    };
    let octets_catalogue = file(URL_CATALOGUE, catalogue_json(cat, base, &tout).into_bytes())?;
    let octets_schema = file(URL_SCHEMA, schema_json(base).into_bytes())?;
    let octets_geojson = file(URL_GEOJSON, geojson(cat, base).into_bytes())?;
    // The rows are counted for the open-data page, then dropped with the file.
    let lignes = lignes_csv(cat, base, &tout);
    let nb_lignes = lignes.len().saturating_sub(1);
    let octets_csv = file(URL_CSV, csv_de(lignes))?;
    let mut publies = Publies {
        lignes: nb_lignes,
        catalogue: octets_catalogue,
        schema: octets_schema,
        geojson: octets_geojson,
        csv: octets_csv,
        ics: file(URL_ICS, ics(env).into_bytes())?,
        bassins: Vec::new(),
    };
    for (id, nom) in bassins_avec_lieux(cat) {
        let filtre = Filtre {
            bassin: Some(id.clone()),
            rome: None,
        };
        let octets = file(&url_csv_bassin(&id), csv(cat, base, &filtre))?;
        publies.bassins.push((id, nom, octets));
    }
    crate::render::conseillers::fichiers(env)
        .into_iter()
        .chain(crate::render::listes::fichiers(env))
        .try_for_each(sink)?;
    Ok(publies)
}

/// The open-data files as [`outputs`] wrote them, for the page that lists them: sizes in
/// bytes.
pub struct Publies {
    pub catalogue: usize,
    pub schema: usize,
    pub geojson: usize,
    pub csv: usize,
    pub ics: usize,
    /// Rows of `filieres.csv` (one per track and place).
    pub lignes: usize,
    /// Bassin id, name, size of its CSV.
    pub bassins: Vec<(String, String, usize)>,
}

// ---------------------------------------------------------------------------------------
// cispgen export
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatExport {
    Csv,
    Json,
}

pub enum ExportError {
    Load(crate::load::LoadError),
    /// The data has errors (run `cispgen check`).
    Invalid {
        sources: Sources,
        diagnostics: Diagnostics,
    },
    /// Unknown bassin or job code.
    Filtre(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ExportError::Load(e) => e.fmt(f),
            ExportError::Invalid { diagnostics, .. } => write!(
                f,
                "{} erreur(s) dans les données : corrigez-les d'abord (cispgen check)",
                diagnostics.error_count()
            ),
            ExportError::Filtre(m) => f.write_str(m),
        }
    }
}

/// `cispgen export`: load → check → resolve, then the same CSV or JSON as the site files,
/// restricted to `filtre`.
pub fn exporter(
    root: &Path,
    today: NaiveDate,
    filtre: &Filtre,
    format: FormatExport,
) -> Result<Vec<u8>, ExportError> {
    let refdata = crate::refdata::RefData::load();
    let loaded = crate::load::load(root).map_err(ExportError::Load)?;
    let mut sources = loaded.sources;
    let mut diagnostics = loaded.diagnostics;
    let config = match crate::config::Config::load(root, &mut sources) {
        Ok(c) => c,
        Err(findings) => {
            diagnostics.extend(findings);
            crate::config::Config::default()
        }
    };
    diagnostics.extend(crate::check::check(
        &loaded.centres,
        &sources,
        refdata,
        today,
    ));
    if diagnostics.has_errors() {
        return Err(ExportError::Invalid {
            sources,
            diagnostics,
        });
    }
    let cat = crate::resolve::resolve(&loaded.centres, refdata, today);
    let filtre = Filtre {
        bassin: filtre.bassin.as_ref().map(|b| b.trim().to_lowercase()),
        rome: filtre.rome.clone(),
    };
    filtre.verifier(&cat).map_err(ExportError::Filtre)?;
    Ok(match format {
        FormatExport::Csv => csv(&cat, &config.base_url, &filtre),
        FormatExport::Json => catalogue_json(&cat, &config.base_url, &filtre).into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nombres_a_la_belge() {
        assert_eq!(virgule(50.123456, 6), "50,123456");
        assert_eq!(virgule(50.1, 6), "50,1");
        assert_eq!(virgule(30.0, 1), "30");
        assert_eq!(virgule(27.5, 1), "27,5");
        assert_eq!(arrondi6(5.123_456_789), 5.123457);
    }

    #[test]
    fn pas_de_formule_dans_le_tableur() {
        assert_eq!(cellule("=1+1"), "'=1+1");
        assert_eq!(cellule("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cellule("Aide-boulanger"), "Aide-boulanger");
        assert_eq!(cellule("a\nb"), "a b");
    }

    #[test]
    fn le_schema_se_genere() {
        let s = schema_json("https://cisp.be");
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(v["$id"], "https://cisp.be/donnees/catalogue.schema.json");
        assert!(v["properties"]["filieres"].is_object());
    }
}
