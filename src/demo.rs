//! `cispgen demo`: a deterministic, entirely fictitious catalogue for demonstrations and
//! load tests, placed in real French-speaking Walloon municipalities and localities, with
//! real ROME v3 codes.
//!
//! Everything a person could mistake for real is visibly fake: centre names end with
//! « (démo) », e-mails and websites use the non-existent `.exemple` domain, phone numbers
//! use a `000` block, contact people are called « Exemple », « Démo » or « Fictif ».
//!
//! The catalogue is made of batches of [`CENTRES_PAR_LOT`] centres; scale N makes N
//! batches. Each batch has its own pseudo-random stream (splitmix64 seeded from the batch
//! number), so the same scale always gives byte-identical files and the scale-1 demo is
//! the first batch of every larger scale. Ids and names of batch k ≥ 2 get a `-xk` /
//! « n° k » suffix so that they stay unique.
//!
//! The YAML is written by hand, in the field order of [`crate::model`], as a person would
//! write it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use geo::Point;

use crate::load::CENTRES_DIR;
use crate::model::{Categorie, Federation, Jour, Methode, Moment, Secteur};
use crate::refdata::{Commune, Localite, RefData};
use crate::text::{fold, slugify};

/// Centres per batch: the size of the scale-1 demo.
pub const CENTRES_PAR_LOT: usize = 150;

/// The header line every generated file starts with (schema for editors).
pub const ENTETE: &str = "# yaml-language-server: $schema=../../../schema/centre.schema.json";

/// What `generate` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoStats {
    pub centres: usize,
    pub lieux: usize,
    pub filieres: usize,
    pub files: usize,
}

/// Writes `<root>/data/centres/...` for the given scale (1 = demo, 10, 100). Deterministic:
/// same scale → byte-identical files. Removes nothing outside `<root>/data/centres`; it
/// replaces that folder's content.
pub fn generate(scale: u32, root: &Path) -> std::io::Result<DemoStats> {
    let centres = catalogue(scale);
    let dir = root.join(CENTRES_DIR);
    vider(&dir)?;
    let mut stats = DemoStats::default();
    for centre in &centres {
        let path = root.join(chemin(centre));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, yaml(centre))?;
        stats.centres += 1;
        stats.lieux += centre.lieux.len();
        stats.filieres += centre.filieres.len();
        stats.files += 1;
    }
    Ok(stats)
}

/// Same, in memory: (path relative to the site root, i.e. `data/centres/<fédération>/<id>.yaml`,
/// file text) pairs sorted by path. `generate` writes these.
pub fn files(scale: u32) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = catalogue(scale)
        .iter()
        .map(|c| (chemin(c), yaml(c)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Empties `dir` (creating it if needed) without following symbolic links out of it.
fn vider(dir: &Path) -> std::io::Result<()> {
    if !dir.exists() {
        return std::fs::create_dir_all(dir);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn chemin(centre: &CentreDemo) -> PathBuf {
    Path::new(CENTRES_DIR)
        .join(centre.federation.slug())
        .join(format!("{}.yaml", centre.id))
}

// ---------------------------------------------------------------------------------------
// Pseudo-random numbers
// ---------------------------------------------------------------------------------------

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi.saturating_sub(lo)) + 1) as u32
    }

    /// True with a probability of `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An element of a constant, non-empty table.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An index drawn with the given weights (the last index if they are all 0).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < u64::from(w) {
                return i;
            }
            r -= u64::from(w);
        }
        weights.len().saturating_sub(1)
    }
}

fn graine(lot: u32) -> u64 {
    let mut rng = Rng::new(0xC15B_E0DE_2026_0001 ^ u64::from(lot).wrapping_mul(0x0100_0000_01B3));
    rng.next()
}

// ---------------------------------------------------------------------------------------
// Calendar (days since 1970-01-01; no clock, no time zone)
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Jr(i64);

impl Jr {
    /// Howard Hinnant's `days_from_civil`.
    const fn du(y: i64, m: i64, d: i64) -> Jr {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Jr(era * 146_097 + doe - 719_468)
    }

    fn civil(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (
            if m <= 2 {
                yoe + era * 400 + 1
            } else {
                yoe + era * 400
            },
            m,
            d,
        )
    }

    /// 0 = Monday … 6 = Sunday.
    fn jour_semaine(self) -> i64 {
        (self.0 + 3).rem_euclid(7)
    }

    fn plus(self, jours: i64) -> Jr {
        Jr(self.0 + jours)
    }

    fn entre(rng: &mut Rng, debut: Jr, fin: Jr) -> Jr {
        Jr(debut.0 + rng.below((fin.0 - debut.0 + 1).max(1) as u64) as i64)
    }

    fn iso(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

// ---------------------------------------------------------------------------------------
// Geography: weighted municipalities, valid localities, phone zones
// ---------------------------------------------------------------------------------------

/// Relative weight (tenths) of municipalities where the real sector is dense. Every other
/// French-speaking municipality weighs [`POIDS_AUTRES`].
const POIDS: &[(&str, u32)] = &[
    // Liège and its suburbs
    ("Liège", 180),
    ("Seraing", 50),
    ("Herstal", 40),
    ("Flémalle", 20),
    ("Saint-Nicolas", 15),
    ("Ans", 15),
    ("Grâce-Hollogne", 10),
    ("Visé", 10),
    ("Fléron", 10),
    ("Aywaille", 10),
    ("Chaudfontaine", 5),
    ("Oupeye", 5),
    ("Esneux", 5),
    // Huy-Waremme
    ("Huy", 30),
    ("Waremme", 15),
    ("Hannut", 10),
    ("Amay", 5),
    ("Wanze", 5),
    // Verviers
    ("Verviers", 70),
    ("Dison", 10),
    ("Spa", 10),
    ("Malmedy", 10),
    ("Herve", 10),
    ("Pepinster", 5),
    ("Welkenraedt", 5),
    ("Stavelot", 5),
    // Charleroi
    ("Charleroi", 140),
    ("Châtelet", 20),
    ("Fleurus", 15),
    ("Courcelles", 10),
    ("Farciennes", 10),
    ("Fontaine-l’Evêque", 10),
    ("Gerpinnes", 5),
    ("Pont-à-Celles", 5),
    ("Aiseau-Presles", 5),
    ("Thuin", 10),
    ("Chimay", 10),
    ("Couvin", 10),
    ("Beaumont", 5),
    ("Philippeville", 5),
    ("Walcourt", 5),
    // Mons - Borinage
    ("Mons", 80),
    ("Quaregnon", 15),
    ("Boussu", 15),
    ("Frameries", 15),
    ("Saint-Ghislain", 15),
    ("Colfontaine", 10),
    ("Dour", 10),
    // Centre
    ("La Louvière", 70),
    ("Binche", 25),
    ("Manage", 15),
    ("Soignies", 15),
    ("Morlanwelz", 10),
    ("Braine-le-Comte", 10),
    // Wallonie picarde
    ("Tournai", 60),
    ("Mouscron", 35),
    ("Ath", 25),
    ("Péruwelz", 10),
    ("Leuze-en-Hainaut", 10),
    ("Lessines", 10),
    ("Comines-Warneton", 10),
    ("Enghien", 5),
    // Namur
    ("Namur", 100),
    ("Sambreville", 20),
    ("Gembloux", 15),
    ("Andenne", 15),
    ("Jemeppe-sur-Sambre", 10),
    ("Eghezée", 5),
    ("Fosses-la-Ville", 5),
    ("Dinant", 20),
    ("Ciney", 10),
    ("Rochefort", 10),
    ("Beauraing", 5),
    ("Florennes", 5),
    // Brabant wallon
    ("Nivelles", 25),
    ("Wavre", 25),
    ("Ottignies-Louvain-la-Neuve", 25),
    ("Tubize", 15),
    ("Braine-l’Alleud", 10),
    ("Jodoigne", 10),
    ("Perwez", 5),
    ("Rixensart", 5),
    ("Genappe", 5),
    // Luxembourg
    ("Arlon", 25),
    ("Marche-en-Famenne", 25),
    ("Bastogne", 20),
    ("Libramont-Chevigny", 15),
    ("Virton", 15),
    ("Neufchâteau", 10),
    ("Bertrix", 10),
    ("Durbuy", 10),
    ("Bouillon", 10),
    ("Aubange", 10),
    ("Saint-Hubert", 5),
    ("Florenville", 5),
    ("Vielsalm", 5),
    ("Houffalize", 5),
    ("La Roche-en-Ardenne", 5),
    ("Habay", 3),
    ("Etalle", 3),
];

const POIDS_AUTRES: u32 = 1;

/// Telephone zone by municipality, where it differs from its arrondissement's.
const ZONES_COMMUNES: &[(&str, &str)] = &[
    ("Mouscron", "056"),
    ("Comines-Warneton", "056"),
    ("Estaimpuis", "056"),
    ("Nivelles", "067"),
    ("Tubize", "02"),
    ("Ittre", "067"),
    ("Braine-le-Château", "02"),
    ("Rebecq", "067"),
    ("Genappe", "067"),
    ("Waterloo", "02"),
    ("Braine-l’Alleud", "02"),
    ("Rixensart", "02"),
    ("La Hulpe", "02"),
    ("Lasne", "02"),
    ("Enghien", "02"),
    ("Lessines", "068"),
    ("Malmedy", "080"),
    ("Stavelot", "080"),
    ("Waimes", "080"),
    ("Trois-Ponts", "080"),
    ("Vielsalm", "080"),
    ("Gouvy", "080"),
    ("Ciney", "083"),
    ("Hamois", "083"),
    ("Havelange", "083"),
    ("Rochefort", "084"),
    ("Durbuy", "086"),
    ("Erezée", "086"),
    ("Manhay", "086"),
    ("Chimay", "060"),
    ("Momignies", "060"),
    ("Couvin", "060"),
    ("Viroinval", "060"),
    ("Andenne", "085"),
    ("Hannut", "019"),
];

/// Telephone zone by arrondissement.
const ZONES_ARRONDISSEMENTS: &[(&str, &str)] = &[
    ("Arlon", "063"),
    ("Ath", "068"),
    ("Bastogne", "061"),
    ("Charleroi", "071"),
    ("Dinant", "082"),
    ("Huy", "085"),
    ("La Louvière", "064"),
    ("Liège", "04"),
    ("Marche-en-Famenne", "084"),
    ("Mons", "065"),
    ("Namur", "081"),
    ("Neufchâteau", "061"),
    ("Nivelles", "010"),
    ("Philippeville", "071"),
    ("Soignies", "067"),
    ("Thuin", "071"),
    ("Tournai-Mouscron", "069"),
    ("Verviers", "087"),
    ("Virton", "063"),
    ("Waremme", "019"),
];

/// A municipality where centres may be placed.
struct Ville {
    commune: &'static Commune,
    poids: u32,
    /// Localities whose point lies in the municipality; the one named like the
    /// municipality first when there is one.
    localites: Vec<&'static Localite>,
    principale: bool,
    zone: &'static str,
}

struct Carte {
    rd: &'static RefData,
    villes: Vec<Ville>,
}

fn carte() -> &'static Carte {
    static CARTE: OnceLock<Carte> = OnceLock::new();
    CARTE.get_or_init(|| Carte::new(RefData::load()))
}

fn poids_de(commune: &Commune) -> u32 {
    let nom = fold(&commune.nom);
    POIDS
        .iter()
        .find(|(n, _)| fold(n) == nom)
        .map_or(POIDS_AUTRES, |&(_, p)| p)
}

fn zone_de(commune: &Commune) -> &'static str {
    let nom = fold(&commune.nom);
    ZONES_COMMUNES
        .iter()
        .find(|(n, _)| fold(n) == nom)
        .or_else(|| {
            ZONES_ARRONDISSEMENTS
                .iter()
                .find(|(a, _)| *a == commune.arrondissement)
        })
        .map_or("081", |&(_, z)| z)
}

impl Carte {
    fn new(rd: &'static RefData) -> Carte {
        let villes = rd
            .communes
            .iter()
            .filter(|c| c.francophone)
            .filter_map(|c| Carte::ville(rd, c))
            .collect();
        Carte { rd, villes }
    }

    fn ville(rd: &'static RefData, commune: &'static Commune) -> Option<Ville> {
        let mut localites: Vec<&Localite> = rd
            .localites
            .iter()
            .filter(|l| l.nis == commune.nis && localite_sure(rd, l))
            .collect();
        let nom = fold(&commune.nom);
        let principale = match localites.iter().position(|l| fold(&l.nom) == nom) {
            Some(i) => {
                let l = localites.remove(i);
                localites.insert(0, l);
                true
            }
            None => false,
        };
        (!localites.is_empty()).then(|| Ville {
            commune,
            poids: poids_de(commune),
            localites,
            principale,
            zone: zone_de(commune),
        })
    }

    /// A municipality, drawn by weight.
    fn tirer(&self, rng: &mut Rng) -> usize {
        let poids: Vec<u32> = self.villes.iter().map(|v| v.poids).collect();
        rng.weighted(&poids)
    }

    /// A municipality within 15 km of `home` (or `home` itself when there is none).
    fn voisine(&self, rng: &mut Rng, home: usize) -> usize {
        self.tirer_parmi(rng, home, |_, km2| km2 <= 15.0 * 15.0, 30)
    }

    /// A town of some weight, 15 to 60 km from `home`: the second town of a centre.
    fn autre_ville(&self, rng: &mut Rng, home: usize) -> usize {
        self.tirer_parmi(
            rng,
            home,
            |v, km2| v.poids >= 10 && (15.0 * 15.0..=60.0 * 60.0).contains(&km2),
            0,
        )
    }

    fn tirer_parmi(
        &self,
        rng: &mut Rng,
        home: usize,
        ok: impl Fn(&Ville, f64) -> bool,
        plancher: u32,
    ) -> usize {
        let centre = self.villes[home].commune.centroide;
        let candidates: Vec<usize> = (0..self.villes.len())
            .filter(|&i| {
                i != home
                    && ok(
                        &self.villes[i],
                        km2(centre, self.villes[i].commune.centroide),
                    )
            })
            .collect();
        if candidates.is_empty() {
            return home;
        }
        let poids: Vec<u32> = candidates
            .iter()
            .map(|&i| self.villes[i].poids.max(plancher))
            .collect();
        candidates[rng.weighted(&poids)]
    }

    /// The nearest station within 1 km, with its distance in km.
    fn gare_proche(&self, p: Point<f64>) -> Option<(&'static str, f64)> {
        self.rd
            .gares
            .iter()
            .map(|g| (g.nom.as_str(), km2(p, g.point)))
            .filter(|&(_, d2)| d2 <= 1.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(nom, d2)| (nom, d2.sqrt()))
    }
}

/// A locality usable as an address: French-speaking, its point inside its municipality,
/// and the (postal code, name) pair names no other municipality.
fn localite_sure(rd: &RefData, l: &Localite) -> bool {
    let nom = fold(&l.nom);
    let premiere = rd
        .localites_du_code_postal(&l.code_postal)
        .into_iter()
        .find(|o| fold(&o.nom) == nom);
    premiere.is_some_and(|o| o.nis == l.nis)
        && rd
            .commune_contenant(l.point)
            .is_some_and(|c| c.nis == l.nis && c.francophone)
}

/// Squared distance in km² (local equirectangular projection, Wallonia's latitude).
fn km2(a: Point<f64>, b: Point<f64>) -> f64 {
    let dx = (a.x() - b.x()) * 71.5;
    let dy = (a.y() - b.y()) * 111.2;
    dx * dx + dy * dy
}

// ---------------------------------------------------------------------------------------
// Track templates
// ---------------------------------------------------------------------------------------

/// Which method a template suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pour {
    /// Real production work: EFT only.
    Eft,
    /// Courses: DéFi only.
    Defi,
    Tous,
}

struct Modele {
    /// End of the track id (`<centre>-<slug>`).
    slug: &'static str,
    titre: &'static str,
    categorie: Categorie,
    secteur: Secteur,
    rome: &'static [&'static str],
    pour: Pour,
    public: &'static str,
    /// `None`: the usual certification of the category.
    certification: Option<&'static str>,
    description: &'static str,
}

const O: Categorie = Categorie::Orientation;
const B: Categorie = Categorie::FormationDeBase;
const P: Categorie = Categorie::FormationProfessionnalisante;

const VDC: Option<&str> = Some(
    "Attestation de compétences. Possibilité de passer un titre de validation des compétences.",
);
const NIVEAU_FLE: Option<&str> = Some("Attestation avec votre niveau de français (A1, A2…).");

/// Templates always given in the evening.
const SOIR: &[&str] = &["francais-soir"];

#[rustfmt::skip]
const MODELES: &[Modele] = &[
    // ----- Orientation -------------------------------------------------------------------
    Modele { slug: "choisir-mon-metier", titre: "Choisir mon métier", categorie: O, secteur: Secteur::Orientation, rome: &[], pour: Pour::Tous,
        public: "Adultes qui ne savent pas encore quel métier choisir. Pas de diplôme demandé.", certification: None,
        description: "Vous ne savez pas quel métier choisir ? Ici, on prend le temps d'en parler.\n\n- Faire le point sur ce que vous savez faire\n- Découvrir des métiers et visiter des entreprises\n- Essayer un métier pendant un stage court\n- Construire votre projet, pas à pas" },
    Modele { slug: "decouverte-batiment", titre: "Découverte des métiers du bâtiment", categorie: O, secteur: Secteur::Batiment, rome: &["F1703", "F1606"], pour: Pour::Tous,
        public: "Adultes qui aiment le travail manuel et veulent savoir si le bâtiment leur plaît.", certification: None,
        description: "Vous essayez plusieurs métiers du bâtiment avant de choisir.\n\n- Maçonnerie, peinture, menuiserie, carrelage\n- Lire un plan simple\n- Utiliser les outils en sécurité\n- Visiter des chantiers" },
    Modele { slug: "decouverte-horeca", titre: "Découverte des métiers de l'horeca", categorie: O, secteur: Secteur::Horeca, rome: &["G1602", "G1803"], pour: Pour::Tous,
        public: "Adultes curieux des métiers de la cuisine et du service en salle.", certification: None,
        description: "Cuisine ou service en salle ? Vous essayez les deux.\n\n- Préparer des plats simples\n- Accueillir et servir les clients\n- Respecter l'hygiène\n- Découvrir le rythme du métier" },
    Modele { slug: "decouverte-aide-personnes", titre: "Découverte des métiers de l'aide aux personnes", categorie: O, secteur: Secteur::AideAuxPersonnes, rome: &["K1302", "K1304"], pour: Pour::Defi,
        public: "Adultes qui aiment le contact et veulent aider les autres.", certification: None,
        description: "Vous découvrez les métiers où l'on prend soin des autres : aide à domicile, garde d'enfants, maison de repos.\n\nVous rencontrez des professionnels et vous faites un stage d'une semaine." },
    Modele { slug: "projet-recherche-emploi", titre: "Projet professionnel et recherche d'emploi", categorie: O, secteur: Secteur::Orientation, rome: &[], pour: Pour::Defi,
        public: "Adultes qui cherchent un emploi ou une formation et veulent de l'aide pour y arriver.", certification: None,
        description: "- Faire un CV et une lettre simple\n- Se préparer à un entretien d'embauche\n- Chercher des offres d'emploi sur internet\n- Choisir une formation qui mène à un métier" },
    Modele { slug: "metiers-techniques-femmes", titre: "Métiers techniques : découverte pour les femmes", categorie: O, secteur: Secteur::Orientation, rome: &[], pour: Pour::Tous,
        public: "Femmes qui veulent découvrir des métiers techniques : bâtiment, vélo, informatique.", certification: None,
        description: "Un groupe de femmes découvre des métiers techniques, sans pression.\n\n- Ateliers pratiques : bricolage, électricité, vélo\n- Rencontres avec des femmes qui font ces métiers\n- Un stage pour essayer" },
    Modele { slug: "decouverte-metiers-verts", titre: "Découverte des métiers verts", categorie: O, secteur: Secteur::EspacesVerts, rome: &["A1203"], pour: Pour::Eft,
        public: "Adultes qui aiment travailler dehors, avec les plantes.", certification: None,
        description: "Vous travaillez dehors, en petit groupe, pour découvrir les métiers des jardins et de la nature.\n\n- Planter, tailler, tondre\n- Cultiver un potager\n- Utiliser les outils en sécurité" },
    Modele { slug: "essais-metiers", titre: "Essais métiers en atelier", categorie: O, secteur: Secteur::Orientation, rome: &[], pour: Pour::Eft,
        public: "Adultes qui apprennent mieux en faisant qu'en écoutant.", certification: None,
        description: "Chaque semaine, vous essayez un atelier différent : cuisine, bois, peinture, vélo, couture.\n\nÀ la fin, vous savez ce qui vous plaît et vous choisissez une formation." },
    Modele { slug: "decouverte-numerique", titre: "Découverte des métiers du numérique", categorie: O, secteur: Secteur::Informatique, rome: &["I1401"], pour: Pour::Defi,
        public: "Adultes qui aiment les ordinateurs et veulent savoir si ce métier est pour eux.", certification: None,
        description: "- Démonter et remonter un ordinateur\n- Découvrir les métiers de l'informatique\n- Tester vos bases en logique\n- Rencontrer des entreprises du secteur" },
    Modele { slug: "decouverte-magasin-vente", titre: "Découverte des métiers du magasin et de la vente", categorie: O, secteur: Secteur::Vente, rome: &["D1507", "N1103"], pour: Pour::Tous,
        public: "Adultes qui veulent travailler dans un magasin ou un entrepôt.", certification: None,
        description: "Vous découvrez le travail en magasin et en entrepôt.\n\n- Ranger et mettre en rayon\n- Accueillir un client\n- Préparer une commande\n- Visiter un entrepôt et un supermarché" },
    Modele { slug: "reprendre-pied", titre: "Reprendre pied : confiance et projet", categorie: O, secteur: Secteur::Orientation, rome: &[], pour: Pour::Defi,
        public: "Adultes éloignés de l'emploi depuis longtemps, qui veulent reprendre un rythme.", certification: None,
        description: "Après une longue pause, il n'est pas facile de repartir. Ce module vous aide à reprendre confiance.\n\n- Retrouver un rythme de journée\n- Parler de vos forces\n- Faire des activités en groupe\n- Préparer la suite : formation ou emploi" },
    // ----- Formation de base -------------------------------------------------------------
    Modele { slug: "alphabetisation", titre: "Alphabétisation : apprendre à lire et à écrire", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Defi,
        public: "Adultes qui parlent français mais ne savent pas ou peu lire et écrire.", certification: None,
        description: "Apprendre à lire et à écrire, à votre rythme, en petit groupe.\n\n- Lire des textes de tous les jours : courrier, affiches, horaires\n- Écrire des messages simples\n- Remplir un formulaire\n\nPas besoin de savoir lire pour s'inscrire." },
    Modele { slug: "fle-debutant", titre: "Français langue étrangère (FLE) : débutant", categorie: B, secteur: Secteur::Francais, rome: &[], pour: Pour::Defi,
        public: "Adultes qui ne parlent pas encore français. Toutes les langues d'origine sont les bienvenues.", certification: NIVEAU_FLE,
        description: "Vous apprenez à parler et à comprendre le français de tous les jours.\n\n- Se présenter, demander son chemin\n- Parler au médecin, à l'école, à la commune\n- Lire et écrire des mots simples" },
    Modele { slug: "fle-intermediaire", titre: "Français langue étrangère (FLE) : intermédiaire", categorie: B, secteur: Secteur::Francais, rome: &[], pour: Pour::Defi,
        public: "Adultes qui parlent déjà un peu français et veulent progresser.", certification: NIVEAU_FLE,
        description: "Vous parlez déjà un peu français. Vous allez plus loin.\n\n- Tenir une conversation\n- Comprendre un document officiel\n- Écrire un courriel ou une lettre courte\n- Préparer un entretien d'embauche en français" },
    Modele { slug: "francais-oral-travail", titre: "Français oral pour le travail", categorie: B, secteur: Secteur::Francais, rome: &[], pour: Pour::Defi,
        public: "Adultes qui parlent un peu français et veulent trouver un travail.", certification: NIVEAU_FLE,
        description: "- Comprendre les consignes au travail\n- Parler avec des collègues et des clients\n- Téléphoner en français\n- Apprendre les mots d'un métier" },
    Modele { slug: "remise-a-niveau", titre: "Remise à niveau : français et calcul", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Tous,
        public: "Adultes qui savent lire mais veulent revoir le français et le calcul avant une formation.", certification: None,
        description: "Vous revoyez les bases, sans stress, en petit groupe.\n\n- Lire et comprendre un texte\n- Écrire sans trop de fautes\n- Calculer : pourcentages, mesures, monnaie" },
    Modele { slug: "calcul-quotidien", titre: "Calcul et mathématiques de tous les jours", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Defi,
        public: "Adultes qui veulent être à l'aise avec les chiffres.", certification: None,
        description: "- Compter l'argent et faire un budget\n- Calculer des mesures et des quantités\n- Lire un tableau, un horaire, une facture\n\nOn part de ce que vous savez déjà." },
    Modele { slug: "numerique-de-base", titre: "Numérique de base : ordinateur, smartphone, internet", categorie: B, secteur: Secteur::Informatique, rome: &[], pour: Pour::Tous,
        public: "Adultes qui n'ont jamais ou peu utilisé un ordinateur.", certification: None,
        description: "Vous apprenez à utiliser un ordinateur et un smartphone, pas à pas.\n\n- Allumer, écrire, enregistrer\n- Envoyer un courriel\n- Faire des démarches en ligne : Forem, banque, commune\n- Éviter les arnaques sur internet" },
    Modele { slug: "preparation-ceb", titre: "Préparation au CEB", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Defi,
        public: "Adultes qui n'ont pas le certificat d'études de base (CEB) et veulent l'obtenir.", certification: Some("Inscription à l'épreuve externe du CEB (certificat d'études de base)."),
        description: "Le CEB est le diplôme de fin de l'école primaire. Vous le préparez en groupe.\n\n- Français : lire, écrire, comprendre\n- Mathématiques\n- Éveil : histoire, géographie, sciences" },
    Modele { slug: "tests-entree", titre: "Préparation aux tests d'entrée en formation", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Defi,
        public: "Adultes qui veulent entrer dans une formation qualifiante et doivent réussir un test.", certification: None,
        description: "- Revoir le français et le calcul demandés aux tests\n- S'entraîner avec de vrais exemples\n- Apprendre à gérer le stress de l'examen" },
    Modele { slug: "ecrire-au-travail", titre: "Écrire au travail : messages, formulaires, rapports", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Defi,
        public: "Adultes qui savent lire et veulent écrire plus facilement.", certification: None,
        description: "Au travail, il faut souvent écrire. Vous vous entraînez sur des documents réels.\n\n- Remplir un bon de commande ou un rapport\n- Écrire un message clair\n- Relire et corriger" },
    Modele { slug: "francais-soir", titre: "Français et alphabétisation en soirée", categorie: B, secteur: Secteur::Francais, rome: &[], pour: Pour::Defi,
        public: "Adultes qui travaillent ou gardent leurs enfants en journée.", certification: None,
        description: "Des cours le soir, pour ceux qui ne sont pas libres en journée.\n\n- Parler et comprendre le français\n- Lire et écrire\n- Petits groupes, selon votre niveau" },
    Modele { slug: "francais-citoyennete", titre: "Français et citoyenneté", categorie: B, secteur: Secteur::Francais, rome: &[], pour: Pour::Defi,
        public: "Adultes arrivés depuis peu en Belgique.", certification: NIVEAU_FLE,
        description: "Vous apprenez le français en découvrant la vie en Belgique.\n\n- Les services : commune, CPAS, Forem, mutuelle\n- Les droits et les devoirs\n- Les transports, la santé, l'école" },
    Modele { slug: "avant-formation-metier", titre: "Remise à niveau avant une formation métier", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Tous,
        public: "Adultes qui ont un projet de métier et doivent d'abord revoir les bases.", certification: None,
        description: "Vous avez choisi un métier ? Vous préparez la formation qui y mène.\n\n- Français et calcul liés au métier\n- Vocabulaire technique\n- Méthodes pour apprendre" },
    Modele { slug: "francais-chantier", titre: "Français sur le chantier", categorie: B, secteur: Secteur::Francais, rome: &[], pour: Pour::Eft,
        public: "Adultes qui parlent un peu français et veulent travailler dans le bâtiment.", certification: None,
        description: "Le français appris sur un vrai chantier.\n\n- Les mots des outils et des matériaux\n- Comprendre une consigne de sécurité\n- Parler avec l'équipe et le client" },
    Modele { slug: "bureautique-de-base", titre: "Bureautique de base : traitement de texte et courriel", categorie: B, secteur: Secteur::Informatique, rome: &[], pour: Pour::Defi,
        public: "Adultes qui connaissent un peu l'ordinateur et veulent l'utiliser pour chercher un emploi.", certification: None,
        description: "- Écrire et mettre en page un document\n- Ranger ses fichiers\n- Envoyer une pièce jointe\n- Faire un CV sur l'ordinateur" },
    Modele { slug: "atelier-lecture-ecriture", titre: "Atelier lecture et écriture", categorie: B, secteur: Secteur::SavoirsDeBase, rome: &[], pour: Pour::Defi,
        public: "Adultes qui lisent un peu et veulent prendre plaisir à lire et à écrire.", certification: None,
        description: "Lire des histoires et des journaux, écrire ses propres textes.\n\nUn atelier en petit groupe, où chacun avance à son rythme." },
    // ----- Formation professionnalisante: alimentation, horeca ----------------------------
    Modele { slug: "aide-boulanger", titre: "Aide-boulanger(ère)", categorie: P, secteur: Secteur::Alimentation, rome: &["D1102"], pour: Pour::Eft,
        public: "Adultes prêts à se lever tôt, qui aiment le travail manuel. Pas de diplôme demandé.", certification: VDC,
        description: "Vous travaillez dans notre boulangerie, avec de vrais clients.\n\n- Pétrir, façonner et cuire le pain\n- Faire des viennoiseries\n- Respecter l'hygiène (normes AFSCA)\n- Ranger et nettoyer l'atelier" },
    Modele { slug: "patisserie", titre: "Pâtisserie et viennoiserie", categorie: P, secteur: Secteur::Alimentation, rome: &["D1104", "D1102"], pour: Pour::Eft,
        public: "Adultes qui aiment la précision et le travail soigné.", certification: None,
        description: "- Préparer les pâtes : brisée, feuilletée, à choux\n- Réaliser des tartes et des gâteaux simples\n- Décorer et présenter\n- Travailler proprement et vite" },
    Modele { slug: "aide-boucher", titre: "Aide en boucherie et charcuterie", categorie: P, secteur: Secteur::Alimentation, rome: &["D1101"], pour: Pour::Eft,
        public: "Adultes qui n'ont pas peur du froid ni du travail physique.", certification: None,
        description: "- Découper et préparer la viande\n- Faire des préparations : saucisses, haché\n- Servir au comptoir\n- Respecter la chaîne du froid" },
    Modele { slug: "vente-alimentation", titre: "Vendeur(euse) en alimentation", categorie: P, secteur: Secteur::Vente, rome: &["D1106"], pour: Pour::Tous,
        public: "Adultes qui aiment le contact avec les clients.", certification: None,
        description: "- Accueillir et conseiller le client\n- Tenir la caisse\n- Présenter les produits frais\n- Respecter l'hygiène du magasin" },
    Modele { slug: "commis-de-cuisine", titre: "Commis de cuisine", categorie: P, secteur: Secteur::Horeca, rome: &["G1602"], pour: Pour::Eft,
        public: "Adultes qui aiment cuisiner et travailler en équipe. Pas de diplôme demandé.", certification: VDC,
        description: "Vous cuisinez dans notre restaurant, pour de vrais clients.\n\n- Préparer les légumes, les viandes, les sauces\n- Cuire et dresser les assiettes\n- Respecter l'hygiène et la sécurité\n- Travailler vite pendant le service" },
    Modele { slug: "cuisine-collectivite", titre: "Cuisine de collectivité", categorie: P, secteur: Secteur::Horeca, rome: &["G1602", "G1603"], pour: Pour::Eft,
        public: "Adultes qui veulent travailler dans une cantine, une école ou une maison de repos.", certification: None,
        description: "Vous préparez de vrais repas pour des écoles et des associations.\n\n- Cuisiner en grande quantité\n- Suivre une fiche technique\n- Respecter les régimes et les allergies\n- Nettoyer et ranger la cuisine" },
    Modele { slug: "service-en-salle", titre: "Service en salle", categorie: P, secteur: Secteur::Horeca, rome: &["G1803"], pour: Pour::Eft,
        public: "Adultes souriants qui aiment le contact.", certification: None,
        description: "Vous servez dans notre restaurant, avec de vrais clients.\n\n- Accueillir les clients et prendre la commande\n- Dresser les tables\n- Servir les plats et les boissons\n- Encaisser" },
    Modele { slug: "polyvalent-restauration", titre: "Employé(e) polyvalent(e) en restauration", categorie: P, secteur: Secteur::Horeca, rome: &["G1603", "G1605"], pour: Pour::Tous,
        public: "Adultes qui veulent un premier emploi dans la restauration.", certification: None,
        description: "- Préparer des plats simples et des sandwichs\n- Servir au comptoir\n- Faire la plonge\n- Garder la cuisine propre" },
    Modele { slug: "bar-brasserie", titre: "Service au bar et en brasserie", categorie: P, secteur: Secteur::Horeca, rome: &["G1801"], pour: Pour::Tous,
        public: "Adultes à l'aise avec les gens, prêts à travailler le soir et le week-end.", certification: None,
        description: "- Préparer les boissons chaudes et froides\n- Servir en salle et en terrasse\n- Tenir la caisse\n- Ranger et nettoyer le bar" },
    Modele { slug: "personnel-etage", titre: "Personnel d'étage en hôtellerie", categorie: P, secteur: Secteur::Horeca, rome: &["G1501"], pour: Pour::Defi,
        public: "Adultes soigneux et discrets.", certification: None,
        description: "- Préparer une chambre d'hôtel\n- Nettoyer la salle de bain\n- Gérer le linge\n- Respecter les règles de l'hôtel" },
    // ----- Nettoyage, espaces verts ---------------------------------------------------------
    Modele { slug: "aide-menager", titre: "Aide-ménager(ère)", categorie: P, secteur: Secteur::Nettoyage, rome: &["K1304"], pour: Pour::Tous,
        public: "Adultes soigneux, prêts à travailler chez des particuliers.", certification: VDC,
        description: "Vous apprenez le métier d'aide-ménager(ère), souvent exercé en titres-services.\n\n- Nettoyer une maison avec les bons produits\n- Repasser et entretenir le linge\n- Organiser son travail chez le client\n- Se protéger : gestes et postures" },
    Modele { slug: "nettoyage-bureaux", titre: "Nettoyage de bureaux et de locaux", categorie: P, secteur: Secteur::Nettoyage, rome: &["K2204"], pour: Pour::Eft,
        public: "Adultes autonomes, prêts à travailler tôt le matin ou en soirée.", certification: None,
        description: "Vous nettoyez de vrais bureaux et locaux, en équipe.\n\n- Utiliser les machines : aspirateur, autolaveuse\n- Choisir le bon produit\n- Respecter un planning\n- Travailler en sécurité" },
    Modele { slug: "technicien-surface", titre: "Technicien(ne) de surface", categorie: P, secteur: Secteur::Nettoyage, rome: &["K2204"], pour: Pour::Defi,
        public: "Adultes qui cherchent un métier où l'on trouve vite du travail.", certification: VDC,
        description: "- Les produits et les machines de nettoyage\n- Les méthodes pour les bureaux, les écoles, les hôpitaux\n- L'hygiène et la sécurité\n- Un stage en entreprise de nettoyage" },
    Modele { slug: "proprete-publique", titre: "Propreté des espaces publics", categorie: P, secteur: Secteur::Nettoyage, rome: &["K2303"], pour: Pour::Eft,
        public: "Adultes qui aiment travailler dehors et en équipe.", certification: None,
        description: "- Nettoyer les rues, les parcs et les places\n- Trier les déchets\n- Utiliser le petit matériel en sécurité\n- Travailler avec les services de la commune" },
    Modele { slug: "ouvrier-espaces-verts", titre: "Ouvrier(ère) en espaces verts", categorie: P, secteur: Secteur::EspacesVerts, rome: &["A1203"], pour: Pour::Eft,
        public: "Adultes en bonne forme physique qui aiment travailler dehors.", certification: VDC,
        description: "Vous entretenez des jardins et des parcs pour de vrais clients.\n\n- Tondre, tailler les haies, débroussailler\n- Planter des arbres et des fleurs\n- Utiliser et entretenir les machines\n- Travailler en sécurité" },
    Modele { slug: "maraichage-bio", titre: "Maraîchage biologique", categorie: P, secteur: Secteur::EspacesVerts, rome: &["A1414"], pour: Pour::Eft,
        public: "Adultes qui veulent cultiver des légumes, dehors et en équipe.", certification: None,
        description: "Vous cultivez de vrais légumes bio, du semis à la vente.\n\n- Préparer le sol et semer\n- Planter, arroser, désherber\n- Récolter et préparer les paniers\n- Vendre au marché" },
    Modele { slug: "espaces-naturels", titre: "Entretien des espaces naturels", categorie: P, secteur: Secteur::EspacesVerts, rome: &["A1202"], pour: Pour::Eft,
        public: "Adultes qui aiment la nature et le travail physique.", certification: None,
        description: "- Entretenir les sentiers, les berges et les bois\n- Couper et débroussailler\n- Poser des clôtures\n- Respecter la faune et la flore" },
    Modele { slug: "jardinier", titre: "Jardinier(ère) : parcs et jardins", categorie: P, secteur: Secteur::EspacesVerts, rome: &["A1203"], pour: Pour::Defi,
        public: "Adultes qui aiment les plantes et veulent en faire un métier.", certification: None,
        description: "- Reconnaître les plantes\n- Planter et entretenir un jardin\n- Utiliser les outils et les machines\n- Un stage chez un jardinier ou à la commune" },
    // ----- Bâtiment ---------------------------------------------------------------------------
    Modele { slug: "maconnerie", titre: "Maçonnerie", categorie: P, secteur: Secteur::Batiment, rome: &["F1703"], pour: Pour::Eft,
        public: "Adultes qui aiment le travail physique et voir le résultat de leur travail.", certification: VDC,
        description: "Vous travaillez sur de vrais chantiers, avec un formateur.\n\n- Lire un plan simple\n- Préparer le mortier et le béton\n- Monter des murs en blocs et en briques\n- Travailler en sécurité sur un chantier" },
    Modele { slug: "peinture-batiment", titre: "Peinture en bâtiment", categorie: P, secteur: Secteur::Batiment, rome: &["F1606"], pour: Pour::Eft,
        public: "Adultes soigneux et patients. Pas de diplôme demandé.", certification: VDC,
        description: "- Préparer les murs : reboucher, poncer\n- Peindre murs, plafonds, portes et châssis\n- Poser du papier peint\n- Protéger le chantier et nettoyer" },
    Modele { slug: "menuiserie", titre: "Menuiserie", categorie: P, secteur: Secteur::Batiment, rome: &["H2206", "F1607"], pour: Pour::Eft,
        public: "Adultes qui aiment le bois et le travail précis.", certification: None,
        description: "Vous fabriquez et posez de vrais éléments en bois, dans notre atelier et chez des clients.\n\n- Lire un plan et mesurer\n- Utiliser les machines à bois en sécurité\n- Fabriquer des meubles simples\n- Poser portes et fenêtres" },
    Modele { slug: "eco-renovation", titre: "Éco-rénovation et isolation", categorie: P, secteur: Secteur::Batiment, rome: &["F1613", "F1611"], pour: Pour::Eft,
        public: "Adultes qui veulent travailler dans la rénovation des maisons.", certification: None,
        description: "Vous rénovez de vrais logements pour qu'ils consomment moins d'énergie.\n\n- Isoler murs, toits et sols\n- Utiliser des matériaux écologiques\n- Rénover une façade\n- Comprendre les économies d'énergie" },
    Modele { slug: "carrelage", titre: "Carrelage", categorie: P, secteur: Secteur::Batiment, rome: &["F1608"], pour: Pour::Eft,
        public: "Adultes précis qui aiment les finitions.", certification: None,
        description: "- Préparer le support\n- Poser du carrelage au sol et au mur\n- Faire les joints et les découpes\n- Calculer les quantités" },
    Modele { slug: "couverture-toits", titre: "Couverture de toits", categorie: P, secteur: Secteur::Batiment, rome: &["F1610"], pour: Pour::Eft,
        public: "Adultes qui n'ont pas le vertige et aiment travailler dehors.", certification: None,
        description: "- Poser tuiles et ardoises\n- Poser les gouttières\n- Travailler en sécurité en hauteur\n- Réparer une toiture" },
    Modele { slug: "electricite-batiment", titre: "Électricité du bâtiment", categorie: P, secteur: Secteur::Batiment, rome: &["F1602"], pour: Pour::Tous,
        public: "Adultes précis, à l'aise avec le calcul.", certification: None,
        description: "- Lire un schéma électrique\n- Poser des gaines, des prises et des interrupteurs\n- Câbler un tableau simple\n- Respecter les règles de sécurité (RGIE)" },
    Modele { slug: "sanitaire-chauffage", titre: "Sanitaire et chauffage", categorie: P, secteur: Secteur::Batiment, rome: &["F1603"], pour: Pour::Tous,
        public: "Adultes bricoleurs qui aiment comprendre comment les choses fonctionnent.", certification: None,
        description: "- Couper, plier et raccorder les tuyaux\n- Installer lavabo, évier, WC\n- Entretenir un chauffage simple\n- Repérer une fuite" },
    Modele { slug: "plafonnage", titre: "Plafonnage", categorie: P, secteur: Secteur::Batiment, rome: &["F1601"], pour: Pour::Eft,
        public: "Adultes soigneux, en bonne forme physique.", certification: None,
        description: "- Préparer les murs et les plafonds\n- Appliquer le plâtre à la main et à la machine\n- Poser des plaques de plâtre\n- Obtenir une surface bien lisse" },
    Modele { slug: "entretien-batiments", titre: "Ouvrier(ère) polyvalent(e) d'entretien des bâtiments", categorie: P, secteur: Secteur::Batiment, rome: &["I1203"], pour: Pour::Tous,
        public: "Adultes bricoleurs qui aiment varier les tâches.", certification: None,
        description: "Petites réparations dans les écoles, les logements sociaux et les bureaux.\n\n- Peinture, plomberie et électricité simples\n- Changer une serrure, réparer une porte\n- Entretenir les extérieurs" },
    Modele { slug: "revetements-sol", titre: "Pose de revêtements de sol", categorie: P, secteur: Secteur::Batiment, rome: &["F1609"], pour: Pour::Eft,
        public: "Adultes précis et patients.", certification: None,
        description: "- Préparer et niveler le sol\n- Poser du vinyle, du lino et de la moquette\n- Poser du parquet stratifié\n- Faire des finitions propres" },
    // ----- Aide aux personnes, bureau, informatique -----------------------------------------------
    Modele { slug: "garde-a-domicile", titre: "Garde à domicile", categorie: P, secteur: Secteur::AideAuxPersonnes, rome: &["K1302"], pour: Pour::Defi,
        public: "Adultes patients et à l'écoute, qui aiment aider les autres.", certification: None,
        description: "Vous apprenez à aider des personnes âgées ou malades chez elles.\n\n- Aider dans les gestes de tous les jours\n- Préparer un repas simple\n- Tenir compagnie et rassurer\n- Réagir en cas de problème" },
    Modele { slug: "auxiliaire-enfance", titre: "Auxiliaire de l'enfance", categorie: P, secteur: Secteur::AideAuxPersonnes, rome: &["K1303"], pour: Pour::Defi,
        public: "Adultes qui aiment les enfants et veulent travailler en crèche ou à l'école.", certification: None,
        description: "- Comprendre les besoins des jeunes enfants\n- Organiser des jeux et des activités\n- Assurer l'hygiène et les repas\n- Parler avec les parents" },
    Modele { slug: "preformation-aide-familiale", titre: "Préformation aide familial(e)", categorie: P, secteur: Secteur::AideAuxPersonnes, rome: &["K1305"], pour: Pour::Defi,
        public: "Adultes qui veulent entrer à l'école d'aide familial(e) et préparer l'examen d'entrée.", certification: None,
        description: "- Découvrir le métier : stages et rencontres\n- Revoir le français et le calcul\n- Préparer les tests d'entrée\n- Les bases de l'hygiène et de l'alimentation" },
    Modele { slug: "preformation-aide-soignant", titre: "Préformation aide-soignant(e)", categorie: P, secteur: Secteur::AideAuxPersonnes, rome: &["J1501"], pour: Pour::Defi,
        public: "Adultes qui veulent travailler à l'hôpital ou en maison de repos.", certification: None,
        description: "Vous préparez l'entrée dans une formation d'aide-soignant(e).\n\n- Découvrir le métier en stage\n- Revoir le français et le calcul\n- Premiers gestes d'hygiène et de confort" },
    Modele { slug: "employe-administratif", titre: "Employé(e) administratif(ve)", categorie: P, secteur: Secteur::Bureau, rome: &["M1602"], pour: Pour::Defi,
        public: "Adultes organisés qui aiment le travail de bureau.", certification: VDC,
        description: "- Classer et archiver des documents\n- Encoder des données\n- Rédiger un courriel professionnel\n- Utiliser Word, Excel et la messagerie" },
    Modele { slug: "accueil-secretariat", titre: "Accueil et secrétariat", categorie: P, secteur: Secteur::Bureau, rome: &["M1601", "M1607"], pour: Pour::Defi,
        public: "Adultes souriants, à l'aise au téléphone.", certification: None,
        description: "- Accueillir les visiteurs\n- Répondre au téléphone et prendre un message\n- Gérer un agenda\n- Écrire des courriers simples" },
    Modele { slug: "aide-comptable", titre: "Aide-comptable", categorie: P, secteur: Secteur::Bureau, rome: &["M1203"], pour: Pour::Defi,
        public: "Adultes à l'aise avec les chiffres et l'ordinateur.", certification: None,
        description: "- Classer les factures\n- Encoder dans un logiciel de comptabilité\n- Comprendre la TVA\n- Préparer des tableaux simples" },
    Modele { slug: "technicien-pc", titre: "Technicien(ne) PC et réseaux", categorie: P, secteur: Secteur::Informatique, rome: &["I1401"], pour: Pour::Tous,
        public: "Adultes passionnés d'informatique, curieux et patients.", certification: VDC,
        description: "Vous apprenez à réparer des ordinateurs et à aider leurs utilisateurs.\n\n- Monter et réparer un PC\n- Installer Windows et Linux\n- Installer un petit réseau\n- Aider un utilisateur au téléphone" },
    Modele { slug: "contenus-web", titre: "Création de contenus web et multimédia", categorie: P, secteur: Secteur::Informatique, rome: &["E1205"], pour: Pour::Defi,
        public: "Adultes créatifs qui aiment l'ordinateur.", certification: None,
        description: "- Faire des photos et des vidéos simples\n- Créer une page web\n- Publier sur les réseaux sociaux\n- Respecter les droits d'auteur" },
    // ----- Logistique, vente, couture, mécanique, spectacle -------------------------------------------
    Modele { slug: "magasinier", titre: "Magasinier(ère)", categorie: P, secteur: Secteur::Logistique, rome: &["N1103", "N1101"], pour: Pour::Defi,
        public: "Adultes organisés, en bonne forme physique.", certification: Some("Attestation de compétences. Possibilité de passer le brevet de cariste."),
        description: "- Réceptionner et contrôler les marchandises\n- Ranger et préparer les commandes\n- Utiliser un scanner et un logiciel de stock\n- Conduire un transpalette et un chariot élévateur" },
    Modele { slug: "preparateur-commandes", titre: "Préparateur(trice) de commandes", categorie: P, secteur: Secteur::Logistique, rome: &["N1103", "N1105"], pour: Pour::Eft,
        public: "Adultes rapides et organisés.", certification: None,
        description: "Vous préparez de vraies commandes dans notre entrepôt.\n\n- Lire un bon de commande\n- Prélever, emballer, étiqueter\n- Porter les charges en sécurité\n- Travailler en équipe" },
    Modele { slug: "valoriste-ressourcerie", titre: "Valoriste en ressourcerie", categorie: P, secteur: Secteur::Logistique, rome: &["K2304", "H3302"], pour: Pour::Eft,
        public: "Adultes bricoleurs qui veulent donner une seconde vie aux objets.", certification: None,
        description: "Vous collectez, triez et réparez de vrais objets pour les revendre.\n\n- Trier les meubles, les appareils et les vêtements\n- Nettoyer et réparer\n- Mettre en vente dans notre magasin\n- Respecter les règles de sécurité" },
    Modele { slug: "livreur-velo", titre: "Livreur(euse) à vélo", categorie: P, secteur: Secteur::Logistique, rome: &["N4105"], pour: Pour::Eft,
        public: "Adultes en bonne forme qui aiment rouler en ville.", certification: None,
        description: "Vous livrez de vrais colis pour des commerces de la ville.\n\n- Rouler en sécurité en ville\n- Charger et livrer avec un vélo cargo\n- Entretenir son vélo\n- Respecter les horaires de livraison" },
    Modele { slug: "vente-seconde-main", titre: "Vendeur(euse) en magasin de seconde main", categorie: P, secteur: Secteur::Vente, rome: &["D1214"], pour: Pour::Eft,
        public: "Adultes qui aiment le contact et la mode.", certification: None,
        description: "Vous travaillez dans notre boutique de seconde main, avec de vrais clients.\n\n- Trier et mettre en valeur les vêtements\n- Conseiller les clients\n- Tenir la caisse\n- Ranger le magasin" },
    Modele { slug: "reassort-caisse", titre: "Réassort et caisse en magasin", categorie: P, secteur: Secteur::Vente, rome: &["D1507", "D1505"], pour: Pour::Defi,
        public: "Adultes qui veulent travailler dans un supermarché.", certification: None,
        description: "- Mettre en rayon et faire les étiquettes\n- Tenir une caisse\n- Répondre aux clients\n- Respecter la chaîne du froid" },
    Modele { slug: "couture-retouches", titre: "Couture et retouches", categorie: P, secteur: Secteur::Couture, rome: &["B1803"], pour: Pour::Tous,
        public: "Adultes soigneux qui aiment coudre. Débutants acceptés.", certification: None,
        description: "- Utiliser une machine à coudre\n- Faire des retouches : ourlets, fermetures\n- Couper et coudre un vêtement simple\n- Accueillir le client et prendre ses mesures" },
    Modele { slug: "atelier-textile", titre: "Atelier textile : création et réparation", categorie: P, secteur: Secteur::Couture, rome: &["B1803"], pour: Pour::Eft,
        public: "Adultes créatifs qui aiment le travail de la main.", certification: None,
        description: "Vous produisez de vraies commandes : sacs, rideaux, vêtements de travail.\n\n- Lire un patron\n- Couper et assembler\n- Réparer et transformer des vêtements" },
    Modele { slug: "reparation-velos", titre: "Réparation de vélos", categorie: P, secteur: Secteur::Mecanique, rome: &["I1607"], pour: Pour::Eft,
        public: "Adultes bricoleurs qui aiment la mécanique.", certification: None,
        description: "Vous réparez de vrais vélos dans notre atelier.\n\n- Régler les freins et les vitesses\n- Réparer une roue\n- Entretenir un vélo électrique\n- Accueillir le client et faire un devis" },
    Modele { slug: "mecanique-auto", titre: "Mécanique automobile : entretien", categorie: P, secteur: Secteur::Mecanique, rome: &["I1604"], pour: Pour::Eft,
        public: "Adultes qui aiment les voitures et le travail manuel.", certification: None,
        description: "- Faire une vidange et changer les filtres\n- Changer les pneus et les freins\n- Faire un diagnostic simple\n- Travailler proprement et en sécurité" },
    Modele { slug: "techniques-spectacle", titre: "Régie et techniques du spectacle", categorie: P, secteur: Secteur::Spectacle, rome: &["L1508", "L1504", "L1509"], pour: Pour::Defi,
        public: "Adultes qui aiment la musique, le théâtre et le travail en équipe.", certification: None,
        description: "- Installer le son et la lumière\n- Monter une scène\n- Suivre un spectacle en régie\n- Travailler en sécurité en hauteur" },
    Modele { slug: "decors-evenements", titre: "Montage de décors et d'événements", categorie: P, secteur: Secteur::Spectacle, rome: &["L1503"], pour: Pour::Eft,
        public: "Adultes bricoleurs, prêts à travailler le soir et le week-end.", certification: None,
        description: "Vous montez de vrais décors pour des spectacles et des fêtes.\n\n- Construire des décors en bois\n- Peindre et décorer\n- Monter et démonter des tentes et des scènes" },
];

/// Sectors that go together in one centre (a bakery also runs a kitchen…).
fn famille(s: Secteur) -> u8 {
    match s {
        Secteur::Batiment => 0,
        Secteur::Horeca | Secteur::Alimentation => 1,
        Secteur::Nettoyage | Secteur::AideAuxPersonnes => 2,
        Secteur::EspacesVerts => 3,
        Secteur::Logistique | Secteur::Vente | Secteur::Mecanique => 4,
        Secteur::Couture => 5,
        Secteur::Bureau | Secteur::Informatique | Secteur::Spectacle => 6,
        Secteur::SavoirsDeBase | Secteur::Francais | Secteur::Orientation => 7,
    }
}

/// The kind of centre, which decides its mix of tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profil {
    Eft,
    Defi,
    /// Lire et Écrire: literacy and French.
    Alpha,
}

impl Profil {
    /// Percent of orientation, formation de base, formation professionnalisante.
    fn melange(self) -> [u32; 3] {
        match self {
            Profil::Eft => [8, 4, 88],
            Profil::Defi => [28, 42, 30],
            Profil::Alpha => [15, 85, 0],
        }
    }

    fn accepte(self, m: &Modele) -> bool {
        match self {
            Profil::Eft => m.pour != Pour::Defi,
            Profil::Defi => m.pour != Pour::Eft,
            Profil::Alpha => {
                m.pour != Pour::Eft
                    && m.categorie != P
                    && matches!(
                        m.secteur,
                        Secteur::Orientation
                            | Secteur::SavoirsDeBase
                            | Secteur::Francais
                            | Secteur::Informatique
                    )
            }
        }
    }
}

/// `n` distinct templates for a centre, trade tracks leaning to one family of sectors.
fn choisir_modeles(rng: &mut Rng, profil: Profil, n: usize) -> Vec<&'static Modele> {
    let mut choisis: Vec<&'static Modele> = Vec::with_capacity(n);
    for _ in 0..n {
        let categorie = Categorie::ALL[rng.weighted(&profil.melange())];
        let libre = |m: &&Modele| profil.accepte(m) && !choisis.iter().any(|c| c.slug == m.slug);
        let mut candidats: Vec<&'static Modele> = MODELES
            .iter()
            .filter(libre)
            .filter(|m| m.categorie == categorie)
            .collect();
        if candidats.is_empty() {
            candidats = MODELES.iter().filter(libre).collect();
        }
        let dominante = choisis
            .iter()
            .find(|m| m.categorie == P)
            .map(|m| famille(m.secteur));
        if let Some(f) = dominante.filter(|_| categorie == P && rng.chance(65)) {
            let proches: Vec<&'static Modele> = candidats
                .iter()
                .copied()
                .filter(|m| famille(m.secteur) == f)
                .collect();
            if !proches.is_empty() {
                candidats = proches;
            }
        }
        if candidats.is_empty() {
            break;
        }
        choisis.push(candidats[rng.index(candidats.len())]);
    }
    choisis
}

// ---------------------------------------------------------------------------------------
// Fictitious names and addresses
// ---------------------------------------------------------------------------------------

const NOMS_GENERIQUES: &[&str] = &[
    "Le Tremplin",
    "La Passerelle",
    "Le Relais",
    "L'Escale",
    "La Boussole",
    "Le Phare",
    "L'Envol",
    "Le Carrefour",
    "La Ruche",
    "Les Ateliers",
    "La Maison",
    "L'Étincelle",
    "Le Rebond",
    "La Source",
    "L'Horizon",
    "Le Pas de Côté",
    "La Clé",
];

fn noms_de_famille(f: u8) -> &'static [&'static str] {
    match f {
        0 => &[
            "Les Bâtisseurs",
            "Le Chantier",
            "La Truelle",
            "L'Équerre",
            "Les Compagnons",
        ],
        1 => &[
            "Le Fournil",
            "La Table",
            "Le Pétrin",
            "La Marmite",
            "Le Comptoir",
        ],
        2 => &[
            "Le Coup de Main",
            "L'Entraide",
            "La Main Tendue",
            "Le Balai d'Or",
        ],
        3 => &[
            "Les Jardins",
            "Le Potager",
            "La Serre",
            "Les Semis",
            "Le Verger",
        ],
        4 => &[
            "La Rustine",
            "Roue Libre",
            "Le Dépôt",
            "La Boutique",
            "Le Hangar",
        ],
        5 => &["Le Fil", "L'Aiguille", "Le Dé à Coudre", "La Bobine"],
        6 => &["Le Déclic", "Le Clic", "La Régie", "Le Bureau"],
        _ => &[
            "Les Mots",
            "La Plume",
            "L'Alphabet",
            "Mots en Partage",
            "La Page",
        ],
    }
}

const COMPLEMENTS: &[&str] = &[
    "du Pont",
    "des Tilleuls",
    "du Moulin",
    "du Parc",
    "des Quatre Vents",
    "du Vieux Marché",
    "des Saules",
    "du Bief",
    "du Plateau",
    "des Forges",
    "du Hameau",
    "de la Vallée",
    "du Canal",
    "des Coteaux",
    "des Prés",
    "du Bocage",
    "de la Colline",
    "des Cerisiers",
    "du Carré",
    "de l'Étang",
    "des Marronniers",
    "du Beffroi",
    "de la Fontaine",
    "des Hirondelles",
];

const RUES: &[&str] = &[
    "Rue de la Station",
    "Avenue des Tilleuls",
    "Rue du Moulin",
    "Rue de l'Église",
    "Rue des Écoles",
    "Place communale",
    "Rue Haute",
    "Rue Basse",
    "Rue du Centre",
    "Rue de la Gare",
    "Avenue de la Libération",
    "Rue des Alliés",
    "Rue du Marché",
    "Rue des Artisans",
    "Rue de l'Industrie",
    "Quai des Bateliers",
    "Rue des Champs",
    "Rue Saint-Roch",
    "Rue des Combattants",
    "Rue des Fabriques",
    "Rue du Pont",
    "Rue de la Fontaine",
    "Rue de la Paix",
    "Avenue des Érables",
    "Rue du Château",
    "Rue des Forges",
    "Rue des Jardins",
    "Chaussée de la Victoire",
    "Rue des Prés",
    "Rue du Tige",
    "Rue des Acacias",
    "Rue de la Poste",
];

const ARRETS: &[&str] = &[
    "Place communale",
    "Église",
    "Gare",
    "Hôtel de ville",
    "Marché",
    "Hôpital",
    "Écoles",
    "Centre",
    "Piscine",
    "Poste",
    "Maison communale",
    "Carrefour",
];

/// Kinds of places, by kind of centre (four distinct ones: a centre has at most 4 places).
fn types_lieux(profil: Profil) -> [&'static str; 4] {
    match profil {
        Profil::Eft => ["Atelier", "Siège", "Antenne", "Site de formation"],
        Profil::Defi => ["Siège", "Antenne", "Salle de formation", "Espace formation"],
        Profil::Alpha => ["Siège", "Antenne", "Salle de cours", "Espace formation"],
    }
}

const PRENOMS: &[&str] = &[
    "Nadia", "Marc", "Fatima", "Julien", "Sofia", "Thomas", "Aïcha", "Pierre", "Élodie", "Karim",
    "Sarah", "Luc", "Mélanie", "Youssef", "Isabelle", "Kevin", "Amina", "Olivier", "Chloé",
    "Mehdi",
];

const NOMS_FICTIFS: &[&str] = &["Exemple", "Démo", "Fictif"];

const REMARQUES: &[&str] = &[
    "Sans rendez-vous",
    "Sans rendez-vous",
    "Se présenter à l'accueil",
    "Inscription par téléphone",
    "Prévoir une pièce d'identité",
];

/// « de Namur », « d'Arlon », « du Roeulx », « des Bons Villers ».
fn de_nom(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("du {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("des {rest}")
    } else if nom.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'È', 'Ê', 'Î', 'Ô', 'Y']) {
        format!("d'{nom}")
    } else {
        format!("de {nom}")
    }
}

/// « à Namur », « au Roeulx », « aux Bons Villers ».
fn a_nom(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("au {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("aux {rest}")
    } else {
        format!("à {nom}")
    }
}

/// A slug cut at a word boundary to at most `max` bytes.
fn borne(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = slug[..=max].rfind('-').unwrap_or(max);
    slug[..cut].trim_end_matches('-').to_string()
}

/// A phone number in the town's zone with a `000` block: « 04 000 12 34 », « 071 00 01 23 ».
fn telephone(rng: &mut Rng, zone: &str) -> String {
    let (x, y) = (rng.below(100), rng.below(100));
    if zone.len() == 2 {
        format!("{zone} 000 {x:02} {y:02}")
    } else {
        format!("{zone} 00 {x:02} {y:02}")
    }
}

/// Ids handed out so far (centres, places and tracks): one more gets `-2`, `-3`…
#[derive(Default)]
struct Ids(BTreeSet<String>);

impl Ids {
    fn prendre(&mut self, base: &str) -> String {
        let base = borne(base, 76);
        let mut id = base.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

// ---------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------

struct CentreDemo {
    id: String,
    nom: String,
    federation: Federation,
    methode: Methode,
    site_web: Option<String>,
    telephone: String,
    courriel: String,
    presentation: String,
    lieux: Vec<LieuDemo>,
    filieres: Vec<FiliereDemo>,
}

struct LieuDemo {
    id: String,
    nom: String,
    rue: String,
    code_postal: String,
    localite: String,
    /// (lat, lon), rounded to 5 decimals.
    coordonnees: Option<(f64, f64)>,
    acces: Option<AccesDemo>,
}

struct AccesDemo {
    fauteuil_roulant: Option<bool>,
    transports: Option<String>,
}

struct FiliereDemo {
    id: String,
    titre: &'static str,
    categorie: Categorie,
    secteur: Secteur,
    rome: &'static [&'static str],
    lieux: Vec<String>,
    semaines: Option<u32>,
    heures: Option<u32>,
    jours: Vec<Jour>,
    /// Tenths of hours per week.
    dixiemes_par_semaine: u32,
    moment: Moment,
    permanente: bool,
    dates: Vec<Jr>,
    seances: Vec<SeanceDemo>,
    public: &'static str,
    stage: bool,
    certification: Option<&'static str>,
    description: String,
    contact: Option<ContactDemo>,
    mis_a_jour: Jr,
}

struct SeanceDemo {
    date: Jr,
    heure: &'static str,
    lieu: String,
    remarque: Option<&'static str>,
}

struct ContactDemo {
    nom: String,
    telephone: Option<String>,
    courriel: Option<String>,
}

/// Every centre of the given scale, batch after batch.
fn catalogue(scale: u32) -> Vec<CentreDemo> {
    let carte = carte();
    let mut ids = Ids::default();
    let mut centres = Vec::with_capacity(CENTRES_PAR_LOT * scale.max(1) as usize);
    for lot in 0..scale.max(1) {
        let mut rng = Rng::new(graine(lot));
        let mut noms = BTreeSet::new();
        for sorte in sortes_du_lot(&mut rng) {
            centres.push(centre(&mut rng, carte, lot, sorte, &mut noms, &mut ids));
        }
    }
    centres
}

/// Centres of one batch by federation: how many EFT and how many DéFi (for Lire et Écrire:
/// literacy centres). Sums to [`CENTRES_PAR_LOT`].
const QUOTAS: [(Federation, usize, usize); 5] = [
    (Federation::Aid, 15, 18),
    (Federation::Aleap, 14, 16),
    (Federation::Caips, 24, 28),
    (Federation::LireEtEcrire, 0, 15),
    (Federation::Unessa, 9, 11),
];

/// The federation and kind of every centre of a batch, in a shuffled order: exact quotas
/// keep the same mix at every scale.
fn sortes_du_lot(rng: &mut Rng) -> Vec<(Federation, Profil)> {
    let mut sortes = Vec::with_capacity(CENTRES_PAR_LOT);
    for (federation, eft, defi) in QUOTAS {
        let autre = if federation == Federation::LireEtEcrire {
            Profil::Alpha
        } else {
            Profil::Defi
        };
        sortes.extend(std::iter::repeat_n((federation, Profil::Eft), eft));
        sortes.extend(std::iter::repeat_n((federation, autre), defi));
    }
    for i in (1..sortes.len()).rev() {
        sortes.swap(i, rng.index(i + 1));
    }
    sortes
}

/// Where a place will be: a municipality of the map and one of its localities.
struct Emplacement {
    ville: usize,
    localite: &'static Localite,
}

fn centre(
    rng: &mut Rng,
    carte: &Carte,
    lot: u32,
    (federation, profil): (Federation, Profil),
    noms: &mut BTreeSet<String>,
    ids: &mut Ids,
) -> CentreDemo {
    let methode = if profil == Profil::Eft {
        Methode::Eft
    } else {
        Methode::Defi
    };
    let home = carte.tirer(rng);
    let mut n_lieux = rng.weighted(&[40, 37, 15, 8]) + 1;
    if profil == Profil::Alpha {
        n_lieux = (n_lieux + 1).min(4);
    }
    let n_filieres = (rng.weighted(&[10, 26, 28, 20, 11, 5]) + 1).max(n_lieux.div_ceil(2));
    let modeles = choisir_modeles(rng, profil, n_filieres);
    n_lieux = n_lieux.min(2 * modeles.len()).max(1);
    let emplacements = emplacements(rng, carte, home, n_lieux);

    let ville = &carte.villes[home];
    let base = nom_de_centre(rng, &modeles, profil, ville.commune, noms);
    let (id, nom) = if lot == 0 {
        (
            ids.prendre(&borne(&slugify(&base), 40)),
            format!("{base} (démo)"),
        )
    } else {
        let suffixe = lot + 1;
        (
            ids.prendre(&format!("{}-x{suffixe}", borne(&slugify(&base), 40))),
            format!("{base} n° {suffixe} (démo)"),
        )
    };
    let lieux = lieux(rng, carte, &id, profil, &emplacements, ids);
    let lieu_ids: Vec<String> = lieux.iter().map(|l| l.id.clone()).collect();
    let contexte = Contexte {
        centre_id: &id,
        methode,
        zone: ville.zone,
        lieux: &lieu_ids,
    };
    let filieres = filieres(rng, &contexte, &modeles, ids);
    let villes: BTreeSet<usize> = emplacements.iter().map(|e| e.ville).collect();
    CentreDemo {
        site_web: rng.chance(85).then(|| format!("https://{id}.exemple/")),
        telephone: telephone(rng, ville.zone),
        courriel: format!("contact@{id}.exemple"),
        presentation: presentation(profil, &ville.commune.nom, villes.len() > 1),
        id,
        nom,
        federation,
        methode,
        lieux,
        filieres,
    }
}

/// « Le Fournil du Moulin », « La Passerelle de Seraing »…, unique within the batch.
fn nom_de_centre(
    rng: &mut Rng,
    modeles: &[&Modele],
    profil: Profil,
    commune: &Commune,
    noms: &mut BTreeSet<String>,
) -> String {
    let principal = modeles
        .iter()
        .find(|m| m.categorie == P)
        .or(modeles.first())
        .map_or(7, |m| famille(m.secteur));
    let propres = noms_de_famille(if profil == Profil::Alpha {
        7
    } else {
        principal
    });
    let mut nom = String::new();
    for essai in 0..40 {
        let tete = if rng.chance(55) {
            rng.pick(propres)
        } else {
            rng.pick(NOMS_GENERIQUES)
        };
        nom = if rng.chance(25) {
            format!("{tete} {}", de_nom(&commune.nom))
        } else {
            format!("{tete} {}", rng.pick(COMPLEMENTS))
        };
        if essai >= 30 {
            nom = format!("{nom} {}", essai - 28);
        }
        if !noms.contains(&nom) {
            break;
        }
    }
    noms.insert(nom.clone());
    nom
}

fn presentation(profil: Profil, commune: &str, plusieurs_villes: bool) -> String {
    let methode = match profil {
        Profil::Eft => {
            "Entreprise de formation par le travail (EFT) : on apprend un métier en travaillant pour de vrais clients, dans nos ateliers et sur chantier."
        }
        Profil::Defi => {
            "Centre de formation (DéFi) : des cours en petit groupe, des exercices pratiques et des stages."
        }
        Profil::Alpha => {
            "Centre d'alphabétisation et de français pour adultes : lire, écrire, calculer et parler français, à votre rythme."
        }
    };
    let ou = if plusieurs_villes {
        "et dans d'autres communes de la région"
    } else {
        "et dans les environs"
    };
    format!(
        "{methode}\n\nNous accueillons des adultes sans diplôme {} {ou}.\n\n*Centre fictif, créé pour la démonstration du site.*",
        a_nom(commune)
    )
}

/// Municipalities and localities of a centre's places: mostly its home town and the
/// neighbouring municipalities, sometimes a second town further away.
fn emplacements(rng: &mut Rng, carte: &Carte, home: usize, n: usize) -> Vec<Emplacement> {
    let mut villes = vec![home];
    let mut seconde: Option<usize> = None;
    for _ in 1..n {
        let r = rng.below(100);
        let ville = if r < 50 {
            home
        } else if r < 88 {
            carte.voisine(rng, home)
        } else {
            *seconde.get_or_insert_with(|| carte.autre_ville(rng, home))
        };
        villes.push(ville);
    }
    villes
        .into_iter()
        .map(|ville| {
            let v = &carte.villes[ville];
            let i = if v.principale && rng.chance(60) {
                0
            } else {
                rng.index(v.localites.len())
            };
            Emplacement {
                ville,
                localite: v.localites[i],
            }
        })
        .collect()
}

fn lieux(
    rng: &mut Rng,
    carte: &Carte,
    centre_id: &str,
    profil: Profil,
    emplacements: &[Emplacement],
    ids: &mut Ids,
) -> Vec<LieuDemo> {
    let sortes = types_lieux(profil);
    emplacements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let loc = e.localite;
            let sorte = sortes[i % sortes.len()];
            let coordonnees = coordonnees(rng, carte, loc);
            let point = coordonnees.map_or(loc.point, |(lat, lon)| Point::new(lon, lat));
            LieuDemo {
                id: ids.prendre(&format!("{centre_id}-{}", slugify(&loc.nom))),
                nom: format!("{sorte} {}", de_nom(&loc.nom)),
                rue: format!("{} {}", rng.pick(RUES), rng.between(1, 160)),
                code_postal: loc.code_postal.clone(),
                localite: loc.nom.clone(),
                coordonnees,
                acces: acces(rng, carte, point, carte.villes[e.ville].poids >= 10),
            }
        })
        .collect()
}

/// 70 % of places: the locality point moved by at most ~400 m, kept in the municipality.
fn coordonnees(rng: &mut Rng, carte: &Carte, loc: &Localite) -> Option<(f64, f64)> {
    if !rng.chance(70) {
        return None;
    }
    let arrondi = |v: f64| (v * 1e5).round() / 1e5;
    let (mut dx, mut dy) = (0.0, 0.0);
    for _ in 0..16 {
        // Metres east and north, uniform in a disc of 390 m (71 km per degree of longitude
        // stays under 400 m at Wallonia's latitudes, with no trigonometry).
        let (x, y) = (rng.below(781) as f64 - 390.0, rng.below(781) as f64 - 390.0);
        if x * x + y * y <= 390.0 * 390.0 {
            (dx, dy) = (x, y);
            break;
        }
    }
    let lat = arrondi(loc.point.y() + dy / 111_200.0);
    let lon = arrondi(loc.point.x() + dx / 71_000.0);
    let dedans = carte
        .rd
        .commune_contenant(Point::new(lon, lat))
        .is_some_and(|c| c.nis == loc.nis);
    Some(if dedans {
        (lat, lon)
    } else {
        (arrondi(loc.point.y()), arrondi(loc.point.x()))
    })
}

fn acces(
    rng: &mut Rng,
    carte: &Carte,
    point: Point<f64>,
    ville_importante: bool,
) -> Option<AccesDemo> {
    if !rng.chance(85) {
        return None;
    }
    let fauteuil_roulant = rng.chance(95).then(|| rng.chance(65));
    let transports = rng
        .chance(90)
        .then(|| transports(rng, carte, point, ville_importante));
    Some(AccesDemo {
        fauteuil_roulant,
        transports,
    })
}

/// « Bus 12, arrêt Place communale », with the nearest station when it is within walking
/// distance.
fn transports(rng: &mut Rng, carte: &Carte, point: Point<f64>, ville_importante: bool) -> String {
    let ligne = if ville_importante {
        rng.between(1, 99)
    } else {
        rng.between(20, 180)
    };
    let bus = format!("Bus {ligne}, arrêt {}", rng.pick(ARRETS));
    match carte.gare_proche(point) {
        Some((gare, km)) => {
            let minutes = ((km * 1.3 * 12.0).ceil() as u32).max(3);
            if rng.chance(50) {
                format!("{bus} ; gare de {gare} à {minutes} minutes à pied")
            } else {
                format!("Gare de {gare} à {minutes} minutes à pied")
            }
        }
        None => bus,
    }
}

/// What every track of a centre shares.
struct Contexte<'a> {
    centre_id: &'a str,
    methode: Methode,
    zone: &'static str,
    lieux: &'a [String],
}

fn filieres(
    rng: &mut Rng,
    ctx: &Contexte,
    modeles: &[&'static Modele],
    ids: &mut Ids,
) -> Vec<FiliereDemo> {
    let lieux = repartir_lieux(rng, ctx.lieux.len(), modeles.len());
    let revue = revue_du_centre(rng);
    modeles
        .iter()
        .zip(lieux)
        .map(|(m, l)| {
            let lieux: Vec<String> = l.iter().map(|&i| ctx.lieux[i].clone()).collect();
            filiere(rng, ctx, m, lieux, revue, ids)
        })
        .collect()
}

/// Places of each track (1 or 2), so that every place has at least one track.
fn repartir_lieux(rng: &mut Rng, n_lieux: usize, n_filieres: usize) -> Vec<Vec<usize>> {
    let mut couverts = vec![false; n_lieux];
    let mut out = Vec::with_capacity(n_filieres);
    for f in 0..n_filieres {
        let reste = n_filieres - f;
        let libres: Vec<usize> = (0..n_lieux).filter(|&i| !couverts[i]).collect();
        let premier = libres
            .first()
            .copied()
            .unwrap_or_else(|| rng.index(n_lieux));
        let mut lieux = vec![premier];
        let deux = n_lieux > 1 && (libres.len() > reste || rng.chance(20));
        if deux {
            let autre = libres
                .get(1)
                .copied()
                .unwrap_or_else(|| (premier + 1 + rng.index(n_lieux - 1)) % n_lieux);
            lieux.push(autre);
        }
        for &i in &lieux {
            couverts[i] = true;
        }
        out.push(lieux);
    }
    out
}

/// The day the centre last reviewed its tracks: 4 % of centres more than a year ago, so
/// that the freshness warning shows.
fn revue_du_centre(rng: &mut Rng) -> Jr {
    if rng.chance(4) {
        Jr::entre(rng, Jr::du(2025, 9, 21), Jr::du(2025, 11, 15))
    } else {
        Jr::entre(rng, Jr::du(2025, 12, 20), Jr::du(2026, 11, 15))
    }
}

fn filiere(
    rng: &mut Rng,
    ctx: &Contexte,
    m: &'static Modele,
    lieux: Vec<String>,
    revue: Jr,
    ids: &mut Ids,
) -> FiliereDemo {
    let (jours, dixiemes, moment) = horaire(rng, m, ctx.methode);
    let (semaines, heures) = duree(rng, m.categorie, dixiemes);
    let (permanente, dates) = entree(rng, m.categorie);
    let stage = m.description.contains("stage")
        || match m.categorie {
            Categorie::FormationProfessionnalisante => rng.chance(85),
            Categorie::Orientation => rng.chance(15),
            Categorie::FormationDeBase => false,
        };
    FiliereDemo {
        id: ids.prendre(&format!("{}-{}", ctx.centre_id, m.slug)),
        titre: m.titre,
        categorie: m.categorie,
        secteur: m.secteur,
        rome: m.rome,
        seances: seances(rng, &lieux),
        lieux,
        semaines,
        heures,
        jours,
        dixiemes_par_semaine: dixiemes,
        moment,
        permanente,
        dates,
        public: m.public,
        stage,
        certification: rng.chance(85).then(|| {
            m.certification
                .unwrap_or(certification_usuelle(m.categorie))
        }),
        description: description(m, ctx.methode, stage),
        contact: rng.chance(25).then(|| contact(rng, ctx)),
        mis_a_jour: revue.plus(-(rng.below(21) as i64)),
    }
}

fn certification_usuelle(c: Categorie) -> &'static str {
    match c {
        Categorie::Orientation => "Attestation de participation.",
        Categorie::FormationDeBase => "Attestation de formation.",
        Categorie::FormationProfessionnalisante => {
            "Attestation de compétences délivrée par le centre."
        }
    }
}

/// The template's text, with how one learns here and the internship when there is one.
fn description(m: &Modele, methode: Methode, stage: bool) -> String {
    let mut text = m.description.to_string();
    if !text.contains("vrai") && !text.contains("groupe") {
        text.push_str(match methode {
            Methode::Eft => "\n\nVous apprenez en travaillant pour de vrais clients, avec un formateur à vos côtés.",
            Methode::Defi => "\n\nCours en petit groupe, avec beaucoup d'exercices pratiques.",
        });
    }
    if stage && !text.contains("stage") {
        text.push_str("\n\nUn stage en entreprise est prévu.");
    }
    text
}

/// Days, tenths of hours per week, and moment of the day.
fn horaire(rng: &mut Rng, m: &Modele, methode: Methode) -> (Vec<Jour>, u32, Moment) {
    let soir = SOIR.contains(&m.slug)
        || (matches!(m.secteur, Secteur::Francais | Secteur::SavoirsDeBase) && rng.chance(15));
    if soir {
        let moment = if rng.chance(50) {
            Moment::Soir
        } else {
            Moment::JourEtSoir
        };
        return (
            vec![Jour::Lundi, Jour::Mardi, Jour::Mercredi, Jour::Jeudi],
            150,
            moment,
        );
    }
    let dixiemes = match (m.categorie, methode) {
        (Categorie::Orientation, _) => rng.pick(&[200, 240, 250, 280, 300]),
        (Categorie::FormationDeBase, _) => rng.pick(&[150, 180, 200, 225, 240, 250]),
        (Categorie::FormationProfessionnalisante, Methode::Eft) => rng.pick(&[300, 320, 350, 350]),
        (Categorie::FormationProfessionnalisante, Methode::Defi) => rng.pick(&[280, 300, 320, 340]),
    };
    (jours(rng, dixiemes), dixiemes, Moment::Jour)
}

fn jours(rng: &mut Rng, dixiemes: u32) -> Vec<Jour> {
    use Jour::*;
    match dixiemes {
        300.. => vec![Lundi, Mardi, Mercredi, Jeudi, Vendredi],
        280.. if rng.chance(25) => vec![Lundi, Mardi, Mercredi, Jeudi],
        280.. => vec![Lundi, Mardi, Mercredi, Jeudi, Vendredi],
        200.. if rng.chance(50) => vec![Lundi, Mardi, Jeudi, Vendredi],
        200.. => vec![Lundi, Mardi, Mercredi, Jeudi],
        _ if rng.chance(50) => vec![Lundi, Mardi, Jeudi],
        _ => vec![Lundi, Mardi, Mercredi, Jeudi],
    }
}

/// Weeks and/or hours: orientation 6–12 weeks, base 20–40, trade 30–60 (at most 1,800 h).
fn duree(rng: &mut Rng, c: Categorie, dixiemes: u32) -> (Option<u32>, Option<u32>) {
    let semaines = match c {
        Categorie::Orientation => rng.between(6, 12),
        Categorie::FormationDeBase => rng.between(20, 40),
        Categorie::FormationProfessionnalisante => rng.between(30, 60),
    };
    let heures = (semaines * dixiemes / 10).min(1800) / 10 * 10;
    match rng.below(100) {
        0..55 => (Some(semaines), Some(heures)),
        55..85 => (Some(semaines), None),
        _ => (None, Some(heures)),
    }
}

/// Permanent entry, or 1 to 3 start dates (first Monday of a month of 2027).
fn entree(rng: &mut Rng, c: Categorie) -> (bool, Vec<Jr>) {
    let permanente = rng.chance(match c {
        Categorie::Orientation => 40,
        Categorie::FormationDeBase => 55,
        Categorie::FormationProfessionnalisante => 30,
    });
    if permanente {
        return (true, Vec::new());
    }
    let n = rng.weighted(&[45, 35, 20]) + 1;
    let mut mois: BTreeSet<i64> = BTreeSet::new();
    while mois.len() < n {
        mois.insert(rng.pick(&[1, 2, 3, 4, 5, 9, 10]));
    }
    let dates = mois
        .into_iter()
        .map(|m| {
            let premier = Jr::du(2027, m, 1);
            premier.plus((7 - premier.jour_semaine()) % 7)
        })
        .collect();
    (false, dates)
}

/// 0 to 3 information sessions, on weekdays between 2026-12-01 and 2027-06-30 (not during
/// the Christmas holidays), at one of the track's places.
fn seances(rng: &mut Rng, lieux: &[String]) -> Vec<SeanceDemo> {
    let n = rng.weighted(&[20, 35, 30, 15]);
    let mut dates: BTreeSet<Jr> = BTreeSet::new();
    let (debut, fin) = (Jr::du(2026, 12, 1), Jr::du(2027, 6, 30));
    let conges = Jr::du(2026, 12, 24)..=Jr::du(2027, 1, 3);
    for _ in 0..50 {
        if dates.len() >= n {
            break;
        }
        let d = Jr::entre(rng, debut, fin);
        if d.jour_semaine() < 5 && !conges.contains(&d) {
            dates.insert(d);
        }
    }
    dates
        .into_iter()
        .map(|date| SeanceDemo {
            date,
            heure: rng.pick(&["09:00", "09:30", "10:00", "13:00", "13:30", "14:00"]),
            lieu: lieux[rng.index(lieux.len())].clone(),
            remarque: rng.chance(40).then(|| rng.pick(REMARQUES)),
        })
        .collect()
}

fn contact(rng: &mut Rng, ctx: &Contexte) -> ContactDemo {
    let prenom = rng.pick(PRENOMS);
    let avec_telephone = rng.chance(70);
    ContactDemo {
        nom: format!("{prenom} {}", rng.pick(NOMS_FICTIFS)),
        telephone: avec_telephone.then(|| telephone(rng, ctx.zone)),
        courriel: (!avec_telephone || rng.chance(60))
            .then(|| format!("{}@{}.exemple", slugify(prenom), ctx.centre_id)),
    }
}

// ---------------------------------------------------------------------------------------
// YAML, written by hand
// ---------------------------------------------------------------------------------------

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

fn yaml(c: &CentreDemo) -> String {
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
        let dates: Vec<String> = f.dates.iter().map(|d| d.iso()).collect();
        w.brut(6, "dates", format!("[{}]", dates.join(", ")));
    }
    if !f.seances.is_empty() {
        w.ligne(4, "seances_info:");
        for s in &f.seances {
            w.ligne(6, &format!("- date: {}", s.date.iso()));
            w.texte(8, "heure", s.heure);
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
    w.brut(4, "mis_a_jour", f.mis_a_jour.iso());
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
    use std::collections::BTreeMap;

    use super::*;
    use crate::diag::{FileId, Severity, Sources};
    use crate::load::parse_centre;
    use crate::model::Centre;
    use crate::text::is_slug;

    fn demo() -> &'static [(PathBuf, String)] {
        static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
        FILES.get_or_init(|| files(1))
    }

    fn centres() -> Vec<Centre> {
        demo()
            .iter()
            .enumerate()
            .map(|(i, (path, text))| {
                let (centre, findings) = parse_centre(text, FileId(i as u32));
                assert!(findings.is_empty(), "{}: {findings:?}", path.display());
                let centre = centre.unwrap_or_else(|| panic!("{} unreadable", path.display()));
                assert!(path.ends_with(format!(
                    "{}/{}.yaml",
                    centre.federation.slug(),
                    centre.id.value
                )));
                centre
            })
            .collect()
    }

    #[test]
    fn every_file_loads_cleanly_with_the_expected_mix() {
        let centres = centres();
        let lieux: usize = centres.iter().map(|c| c.lieux.len()).sum();
        let filieres: Vec<_> = centres.iter().flat_map(|c| c.filieres.iter()).collect();
        assert_eq!(centres.len(), 150);
        assert!((260..=340).contains(&lieux), "{lieux} places");
        assert!(
            (400..=500).contains(&filieres.len()),
            "{} tracks",
            filieres.len()
        );
        for f in Federation::ALL {
            assert!(centres.iter().any(|c| *c.federation == f), "{f:?}");
        }
        for m in [Methode::Eft, Methode::Defi] {
            assert!(centres.iter().any(|c| c.methode == m), "{m:?}");
        }
        let part = |cat: Categorie| {
            filieres.iter().filter(|f| f.categorie == cat).count() * 100 / filieres.len()
        };
        let (o, b, p) = (part(O), part(B), part(P));
        assert!(
            (12..=28).contains(&o) && (22..=38).contains(&b) && (40..=60).contains(&p),
            "{o}/{b}/{p} %"
        );
        for f in &filieres {
            assert!(f.categorie != P || !f.rome.is_empty(), "{}", f.id.value);
            assert!((1..=2).contains(&f.lieux.len()));
        }
        for c in &centres {
            assert!(c.nom.ends_with("(démo)"));
            assert!((1..=4).contains(&c.lieux.len()));
            assert!(
                c.courriel
                    .as_deref()
                    .is_some_and(|m| m.ends_with(".exemple"))
            );
        }
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut seen = BTreeSet::new();
        for c in centres() {
            let ids = std::iter::once(c.id.value.clone())
                .chain(c.lieux.iter().map(|l| l.id.value.clone()))
                .chain(c.filieres.iter().map(|f| f.id.value.clone()));
            for id in ids {
                assert!(is_slug(&id), "{id}");
                assert!(seen.insert(id.clone()), "duplicate {id}");
            }
        }
    }

    #[test]
    fn the_checker_finds_only_stale_tracks() {
        let mut sources = Sources::default();
        let mut centres = Vec::new();
        for (path, text) in demo() {
            let id = sources.add(path.clone(), text.clone());
            centres.extend(parse_centre(text, id).0);
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let findings = crate::check::check(&centres, &sources, RefData::load(), today);
        let autres: Vec<_> = findings
            .iter()
            .filter(|d| d.severity == Severity::Error || !d.message.contains("non vérifiées"))
            .collect();
        assert!(autres.is_empty(), "{autres:#?}");
        let stale = findings.len();
        assert!((5..=80).contains(&stale), "{stale} stale tracks");
    }

    #[test]
    fn larger_scales_extend_the_demo_with_unique_ids() {
        let deux = files(2);
        assert_eq!(deux.len(), 300);
        let un: BTreeSet<&(PathBuf, String)> = demo().iter().collect();
        assert!(
            un.iter().all(|f| deux.contains(f)),
            "scale 1 is the first batch"
        );
        let mut seen = BTreeSet::new();
        for (path, text) in &deux {
            let (centre, findings) = parse_centre(text, FileId(0));
            assert!(findings.is_empty(), "{}: {findings:?}", path.display());
            let centre = centre.unwrap_or_else(|| panic!("{}", path.display()));
            let ids = std::iter::once(centre.id.value)
                .chain(centre.lieux.into_iter().map(|l| l.value.id.value))
                .chain(centre.filieres.into_iter().map(|f| f.value.id.value));
            for id in ids {
                assert!(is_slug(&id), "{id}");
                assert!(seen.insert(id.clone()), "duplicate {id}");
            }
        }
        let noms: BTreeSet<&str> = deux.iter().filter_map(|(_, t)| t.lines().nth(2)).collect();
        assert_eq!(noms.len(), 300, "centre names are unique");
    }

    #[test]
    fn deterministic() {
        assert_eq!(files(1), demo());
    }

    #[test]
    fn header_and_quoting() {
        for (_, text) in demo() {
            assert!(text.starts_with(&format!("{ENTETE}\n")));
        }
        assert_eq!(scalaire("4101"), "\"4101\"");
        assert_eq!(scalaire("oui"), "\"oui\"");
        assert_eq!(scalaire("a: b"), "\"a: b\"");
        assert_eq!(scalaire("dit \"x\" \\"), "\"dit \\\"x\\\" \\\\\"");
        assert_eq!(scalaire("Rue de l'Église 12"), "Rue de l'Église 12");
        assert_eq!(scalaire("04 000 12 34"), "04 000 12 34");
    }

    #[test]
    fn rome_codes_exist() {
        let rome = &RefData::load().rome;
        for m in MODELES {
            assert!(m.categorie != P || !m.rome.is_empty(), "{}", m.slug);
            for code in m.rome {
                assert!(rome.fiche(code).is_some(), "{}: {code}", m.slug);
            }
        }
        let slugs: BTreeSet<&str> = MODELES.iter().map(|m| m.slug).collect();
        assert_eq!(slugs.len(), MODELES.len());
    }

    #[test]
    fn weighted_towns_are_french_speaking_municipalities() {
        let carte = carte();
        let noms = POIDS
            .iter()
            .map(|(n, _)| n)
            .chain(ZONES_COMMUNES.iter().map(|(n, _)| n));
        for nom in noms {
            let ville = carte
                .villes
                .iter()
                .find(|v| fold(&v.commune.nom) == fold(nom));
            assert!(ville.is_some(), "{nom}");
        }
        let mut par_province: BTreeMap<&str, usize> = BTreeMap::new();
        for v in &carte.villes {
            *par_province.entry(v.commune.province.as_str()).or_default() += 1;
            assert!(!v.localites.is_empty());
        }
        assert_eq!(par_province.len(), 5, "{par_province:?}");
    }

    #[test]
    fn quotas_fill_a_batch() {
        let total: usize = QUOTAS.iter().map(|(_, eft, defi)| eft + defi).sum();
        assert_eq!(total, CENTRES_PAR_LOT);
    }

    #[test]
    fn calendar() {
        assert_eq!(Jr::du(1970, 1, 1), Jr(0));
        assert_eq!(Jr::du(2027, 3, 15).iso(), "2027-03-15");
        assert_eq!(Jr::du(2024, 2, 29).plus(1).iso(), "2024-03-01");
        assert_eq!(Jr::du(2026, 11, 23).jour_semaine(), 0); // a Monday
    }

    #[test]
    #[ignore = "writes data/centres; run with --ignored to refresh the demo data"]
    fn write_demo_data() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let stats = generate(1, root).unwrap_or_else(|e| panic!("{e}"));
        println!("{stats:?}");
        assert_eq!(stats.centres, 150);
    }

    #[test]
    #[ignore = "slow: counts and timing of the larger scales"]
    fn larger_scales() {
        for scale in [10, 100] {
            let t = std::time::Instant::now();
            let catalogue = catalogue(scale);
            let octets: usize = catalogue.iter().map(|c| yaml(c).len()).sum();
            let elapsed = t.elapsed();
            let lieux: usize = catalogue.iter().map(|c| c.lieux.len()).sum();
            let filieres: usize = catalogue.iter().map(|c| c.filieres.len()).sum();
            println!(
                "scale {scale}: {} centres, {lieux} lieux, {filieres} filières, {} Mo, {elapsed:?}",
                catalogue.len(),
                octets / 1_000_000
            );
        }
    }
}
