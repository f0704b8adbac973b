//! `cispgen new`: valid skeletons of a centre file, a place and a track, with a short
//! comment in plain French on each field, so that a centre can start from a file that
//! already passes `cispgen check` and replace the example values.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::load::CENTRES_DIR;
use crate::model::Federation;

/// The example values of a new centre file that say nothing true of a real centre:
/// `cispgen check` warns about each one until it is replaced (issue 17), so that a
/// skeleton is never published as it is.
pub const NOM: &str = "Nom du centre";
pub const SITE_WEB: &str = "https://www.exemple.be";
pub const TELEPHONE: &str = "081 00 00 00";
pub const COURRIEL: &str = "contact@exemple.be";
pub const PRESENTATION: &str = "Notre centre forme des adultes à un métier.";

/// The header that lets editors (VS Code YAML extension) complete and check the file.
pub fn schema_header(depth_below_root: usize) -> String {
    format!(
        "# yaml-language-server: $schema={}schema/centre.schema.json\n",
        "../".repeat(depth_below_root)
    )
}

/// A place, indented to sit under `lieux:`.
pub fn lieu(id: &str) -> String {
    format!(
        "  - id: {id}                # identifiant unique : minuscules, chiffres, tirets
    nom: Atelier de Namur          # le nom que les gens voient
    rue: Rue de Fer 1              # rue et numéro
    code_postal: \"5000\"            # 4 chiffres
    localite: Namur                # la localité (section) du code postal
    coordonnees:                   # facultatif : position GPS (clic droit sur une carte)
      lat: 50.4651
      lon: 4.8670
    acces:
      fauteuil_roulant: true       # true (oui) ou false (non)
      transports: Bus 3 et 4, arrêt Rue de Fer ; gare de Namur à 700 m
"
    )
}

/// A track, indented to sit under `filieres:`, given at place `lieu`.
pub fn filiere(id: &str, lieu: &str, today: NaiveDate) -> String {
    format!(
        "  - id: {id}                # identifiant unique : minuscules, chiffres, tirets
    titre: Trouver mon métier      # en mots simples
    categorie: orientation         # orientation, formation-de-base ou formation-professionnalisante
    secteur: orientation           # voir la liste dans le README (batiment, horeca, nettoyage…)
    rome: []                       # codes métier ROME, obligatoires pour une formation professionnalisante (ex. [D1102])
    lieux: [{lieu}]                # identifiants des lieux où la filière est donnée
    duree:
      semaines: 8                  # durée en semaines, et/ou
      heures: 200                  # en heures
    horaire:
      jours: [lundi, mardi, jeudi]
      heures_par_semaine: 25
      moment: jour                 # jour, soir ou jour-et-soir
    entree:
      permanente: true             # true : on peut commencer à tout moment ; sinon, des dates :
      # dates: [2027-01-11, 2027-09-06]
    seances_info: []               # séances d'information : des dates ou un rythme, par exemple :
    # seances_info:
    #   - chaque: mardi            # chaque semaine ; ou « premier lundi du mois », « dernier jeudi du mois »…
    #     heure: \"09:30\"
    #     lieu: {lieu}
    #     sauf: [2026-12-29]       # facultatif : jours sans séance
    #     jusqu_au: 2027-06-30     # facultatif : dernier jour
    #   - date: 2027-01-07         # une séance à une date
    #     heure: \"14:00\"
    #     remarque: Sans rendez-vous
    public: Adultes qui cherchent un métier. Pas de diplôme demandé.
    stage: false                   # stage en entreprise prévu ?
    certification: Attestation de formation du centre
    description: |                 # ce qu'on apprend, en phrases courtes (Markdown)
      - Découvrir des métiers.
      - Faire le point sur ce que je sais faire.
      - Construire mon projet.
    mis_a_jour: {today}            # date de la dernière vérification (AAAA-MM-JJ)
"
    )
}

/// A whole centre file with one place and one track.
pub fn centre(id: &str, federation: Federation, today: NaiveDate) -> String {
    let lieu_id = format!("{id}-namur");
    format!(
        "{header}\
id: {id}                           # identifiant du centre : minuscules, chiffres, tirets
nom: {NOM}                 # tel qu'il se présente
federation: {federation}           # aid, aleap, caips, lire-et-ecrire ou unessa
methode: EFT                       # EFT (formation par le travail) ou DéFi
site_web: {SITE_WEB}   # commence par https://
telephone: {TELEPHONE}            # numéro principal
courriel: {COURRIEL}
presentation: |                    # quelques phrases simples (Markdown)
  {PRESENTATION}
lieux:
{lieu}filieres:
{filiere}",
        header = schema_header(3),
        federation = federation.slug(),
        lieu = lieu(&lieu_id),
        filiere = filiere(&format!("{id}-orientation"), &lieu_id, today),
    )
}

/// Writes a new centre file under `root/data/centres/<federation>/<id>.yaml`; never
/// overwrites an existing file.
pub fn write_centre(
    root: &Path,
    id: &str,
    federation: Federation,
    today: NaiveDate,
) -> std::io::Result<PathBuf> {
    if !crate::text::is_slug(id) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "« {id} » n'est pas un identifiant valable : essayez « {} »",
                crate::text::slugify(id)
            ),
        ));
    }
    let dir = root.join(CENTRES_DIR).join(federation.slug());
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{id}.yaml"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::io::Write::write_all(&mut file, centre(id, federation, today).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Severity, Sources};

    #[test]
    fn the_skeleton_passes_check() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let text = centre("mon-centre", Federation::Aleap, today);
        let (centre, findings) = crate::load::parse_centre(&text, FileId(0));
        assert!(findings.is_empty(), "{findings:?}");
        let centre = centre.expect("readable");
        assert_eq!(centre.lieux.len(), 1);
        assert_eq!(centre.filieres.len(), 1);
        let mut sources = Sources::default();
        sources.add("data/centres/aleap/mon-centre.yaml".into(), text.clone());
        let diagnostics =
            crate::check::check(&[centre], &sources, crate::refdata::RefData::load(), today);
        let errors: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        // Each example value is flagged until replaced, on its own line.
        let exemples: Vec<u32> = diagnostics
            .iter()
            .filter(|d| d.message.contains("valeur d'exemple"))
            .map(|d| d.span.line)
            .collect();
        assert_eq!(exemples.len(), 5, "{diagnostics:?}");
        for (valeur, line) in [NOM, SITE_WEB, TELEPHONE, COURRIEL, PRESENTATION]
            .iter()
            .zip(&exemples)
        {
            let shown = text.lines().nth(*line as usize - 1).unwrap_or("");
            assert!(shown.contains(valeur), "{valeur} at line {line}: {shown}");
        }
    }

    #[test]
    fn write_refuses_bad_ids_and_never_overwrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert!(write_centre(dir.path(), "../x", Federation::Aid, today).is_err());
        let path = write_centre(dir.path(), "x", Federation::Aid, today).expect("written");
        assert!(path.ends_with("data/centres/aid/x.yaml"));
        assert!(
            write_centre(dir.path(), "x", Federation::Aid, today).is_err(),
            "no overwrite"
        );
    }
}
