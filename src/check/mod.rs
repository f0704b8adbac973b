//! Stage 2, **check**: everything the typed model cannot say on its own — identifiers,
//! cross-references between files, codes, addresses, contacts, dates — reported all at
//! once, each with what to write instead.

pub mod formats;
pub mod geography;
mod seances;
pub mod textes;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Sources, Span};
use crate::model::{Categorie, Centre, Contact, Filiere, Lieu};
use crate::refdata::RefData;
use crate::text::{did_you_mean, fold, is_slug, slugify};
use crate::yaml::Spanned;

/// A track not reviewed for this long gets a freshness warning.
pub const STALE_AFTER_DAYS: i64 = 365;

/// Runs every check on the loaded centres. `today` decides what is « past ».
pub fn check(
    centres: &[Centre],
    sources: &Sources,
    refdata: &RefData,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut checker = Checker {
        sources,
        refdata,
        today,
        out: Vec::new(),
    };
    checker.unique_ids(centres);
    // The rules of one centre read nothing of the others: centres are checked side by
    // side, their findings kept in file order.
    let par_centre: Vec<Vec<Diagnostic>> = centres
        .par_iter()
        .map(|centre| {
            let mut checker = Checker {
                sources,
                refdata,
                today,
                out: Vec::new(),
            };
            checker.centre(centre);
            checker.out
        })
        .collect();
    checker.out.extend(par_centre.into_iter().flatten());
    checker.out
}

struct Checker<'a> {
    sources: &'a Sources,
    refdata: &'a RefData,
    today: NaiveDate,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        self.out
            .push(Diagnostic::error(span, message).with_hint(hint));
    }

    fn warning(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        self.out
            .push(Diagnostic::warning(span, message).with_hint(hint));
    }

    /// Centre, place and track ids: valid slugs, each used once in the whole catalogue.
    fn unique_ids(&mut self, centres: &[Centre]) {
        let mut seen: [HashMap<&str, Span>; 3] = Default::default();
        for centre in centres {
            let ids = std::iter::once((0, &centre.id))
                .chain(centre.lieux.iter().map(|l| (1, &l.id)))
                .chain(centre.filieres.iter().map(|f| (2, &f.id)));
            for (kind, id) in ids {
                let what = ["centre", "lieu", "filière"][kind];
                if id.trim().is_empty() {
                    self.error(
                        id.span,
                        format!("l'identifiant du {what} est vide"),
                        "écrivez un identifiant court en minuscules, par exemple « atelier-namur »",
                    );
                    continue;
                }
                if !is_slug(id) {
                    self.error(
                        id.span,
                        format!("l'identifiant « {} » n'est pas valable", id.value),
                        format!("n'utilisez que des minuscules sans accents, des chiffres et des tirets : « {} »", slugify(id)),
                    );
                }
                match seen[kind].get(id.as_str()) {
                    Some(first) => {
                        let first = *first;
                        self.error(
                            id.span,
                            format!("l'identifiant de {what} « {} » est déjà utilisé", id.value),
                            format!(
                                "il est déjà pris dans {}:{} ; choisissez un autre identifiant, par exemple « {}-2 »",
                                self.sources.path(first.file).display(),
                                first.line,
                                id.value
                            ),
                        );
                    }
                    None => {
                        seen[kind].insert(id.as_str(), id.span);
                    }
                }
            }
        }
    }

    fn centre(&mut self, centre: &Centre) {
        self.required(&centre.nom, "nom");
        textes::check_textes(centre, self.sources, &mut self.out);
        textes::check_exemples(centre, &mut self.out);
        self.folder(centre);
        self.contact_fields(
            centre.site_web.as_ref(),
            centre.telephone.as_ref(),
            centre.courriel.as_ref(),
        );
        if let Some(presentation) = &centre.presentation {
            self.markdown(presentation);
        }
        let illisibles = &centre.illisibles;
        if centre.lieux.is_empty() && illisibles.lieux == 0 {
            self.warning(
                centre.id.span,
                "ce centre n'a aucun lieu de formation",
                "ajoutez un bloc « lieux: » avec au moins un lieu",
            );
        }
        if centre.filieres.is_empty() && illisibles.filieres == 0 {
            self.warning(
                centre.id.span,
                "ce centre n'a aucune filière",
                "ajoutez un bloc « filieres: » avec au moins une filière",
            );
        }
        for lieu in &centre.lieux {
            self.lieu(lieu);
        }
        let lieux: BTreeMap<&str, &Spanned<Lieu>> =
            centre.lieux.iter().map(|l| (l.id.as_str(), l)).collect();
        for filiere in &centre.filieres {
            self.filiere(filiere, &lieux, &illisibles.ids);
        }
        for lieu in &centre.lieux {
            let used = centre
                .filieres
                .iter()
                .any(|f| f.lieux.iter().any(|id| id.as_str() == lieu.id.as_str()));
            // With an unreadable track, the place may well be used by it.
            if !used && illisibles.filieres == 0 {
                self.warning(
                    lieu.id.span,
                    format!("aucune filière n'est donnée au lieu « {} »", lieu.id.value),
                    "ajoutez ce lieu dans « lieux: » d'une filière, ou retirez-le",
                );
            }
        }
    }

    /// `data/centres/<federation>/<id>.yaml`: the folder says the federation.
    fn folder(&mut self, centre: &Centre) {
        let path = self.sources.path(centre.fichier);
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        let slug = centre.federation.slug();
        if folder.is_some_and(|f| f != slug) {
            self.warning(
                centre.federation.span,
                format!(
                    "le fichier est dans le dossier « {} » mais la fédération est « {slug} »",
                    folder.unwrap_or("")
                ),
                format!("déplacez le fichier dans data/centres/{slug}/ ou corrigez la fédération"),
            );
        }
    }

    fn required(&mut self, text: &Spanned<String>, field: &str) {
        if text.trim().is_empty() {
            self.error(
                text.span,
                format!("le champ « {field} » est vide"),
                format!("écrivez une valeur après « {field}: »"),
            );
        }
    }

    fn contact_fields(
        &mut self,
        site: Option<&Spanned<String>>,
        phone: Option<&Spanned<String>>,
        mail: Option<&Spanned<String>>,
    ) {
        if let Some(site) = site.filter(|s| !s.trim().is_empty())
            && let Err(r) = formats::site_web(site)
        {
            self.error(site.span, r.message, r.hint);
        }
        if let Some(phone) = phone.filter(|s| !s.trim().is_empty())
            && let Err(r) = formats::telephone(phone)
        {
            self.error(phone.span, r.message, r.hint);
        }
        if let Some(mail) = mail.filter(|s| !s.trim().is_empty())
            && let Err(r) = formats::courriel(mail)
        {
            self.error(mail.span, r.message, r.hint);
        }
    }

    fn lieu(&mut self, lieu: &Lieu) {
        self.required(&lieu.nom, "nom");
        self.required(&lieu.rue, "rue");
        self.required(&lieu.code_postal, "code_postal");
        self.required(&lieu.localite, "localite");
        geography::check_lieu(lieu, self.refdata, &mut self.out);
    }

    fn filiere(
        &mut self,
        filiere: &Spanned<Filiere>,
        lieux: &BTreeMap<&str, &Spanned<Lieu>>,
        illisibles: &BTreeSet<String>,
    ) {
        self.required(&filiere.titre, "titre");
        self.required(&filiere.public, "public");
        self.required(&filiere.description, "description");
        self.markdown(&filiere.description);
        self.filiere_lieux(filiere, lieux, illisibles);
        self.quantites(filiere);
        self.rome(filiere);
        self.dates(filiere);
        if let Some(Contact {
            telephone,
            courriel,
            ..
        }) = &filiere.contact
        {
            self.contact_fields(None, telephone.as_ref(), courriel.as_ref());
        }
        if filiere.duree.semaines.is_none() && filiere.duree.heures.is_none() {
            self.error(
                filiere.duree.span,
                "la durée n'est pas indiquée",
                "écrivez « semaines: 30 » ou « heures: 600 » (ou les deux)",
            );
        }
        if !filiere.entree.permanente && filiere.entree.dates.is_empty() {
            self.error(
                filiere.entree.span,
                "l'entrée n'indique ni « permanente » ni de dates de début",
                "écrivez « permanente: true » si on peut commencer à tout moment, sinon « dates: [2027-01-11] »",
            );
        }
        self.seances(filiere, lieux, illisibles);
    }

    /// Numbers that are readable but cannot be true.
    fn quantites(&mut self, filiere: &Spanned<Filiere>) {
        if let Some(h) = &filiere.horaire.heures_par_semaine
            && !(h.value > 0.0 && h.value <= 60.0)
        {
            self.error(
                h.span,
                format!("{} heures par semaine n'est pas possible", h.value),
                "écrivez le nombre d'heures de formation par semaine, entre 1 et 60 (ex. heures_par_semaine: 30)",
            );
        }
        if filiere.duree.semaines.is_some_and(|w| w == 0 || w > 200) {
            self.error(
                filiere.duree.span,
                "le nombre de semaines doit être entre 1 et 200",
                "ex. semaines: 40",
            );
        }
        if filiere.duree.heures.is_some_and(|h| h == 0 || h > 5000) {
            self.error(
                filiere.duree.span,
                "le nombre d'heures doit être entre 1 et 5 000",
                "ex. heures: 1200",
            );
        }
    }

    fn filiere_lieux(
        &mut self,
        filiere: &Spanned<Filiere>,
        lieux: &BTreeMap<&str, &Spanned<Lieu>>,
        illisibles: &BTreeSet<String>,
    ) {
        if filiere.lieux.is_empty() {
            self.error(
                filiere.id.span,
                format!("la filière « {} » n'a aucun lieu", filiere.id.value),
                "ajoutez « lieux: [identifiant-du-lieu] » avec au moins un lieu du centre",
            );
        }
        for (i, id) in filiere.lieux.iter().enumerate() {
            if filiere.lieux[..i]
                .iter()
                .any(|other| other.as_str() == id.as_str())
            {
                self.warning(
                    id.span,
                    format!("le lieu « {} » est cité deux fois", id.value),
                    "retirez le doublon",
                );
            } else if !lieux.contains_key(id.as_str()) && !illisibles.contains(id.trim()) {
                let hint = suggest_lieu(id, lieux);
                self.error(
                    id.span,
                    format!("le lieu « {} » n'existe pas dans ce centre", id.value),
                    hint,
                );
            }
        }
    }

    fn rome(&mut self, filiere: &Spanned<Filiere>) {
        if filiere.categorie == Categorie::FormationProfessionnalisante && filiere.rome.is_empty() {
            self.error(
                filiere.id.span,
                "une formation professionnalisante doit indiquer au moins un code ROME",
                format!(
                    "ajoutez « rome: [code] » ; {}",
                    self.rome_suggestions(&filiere.titre)
                ),
            );
        }
        for code in &filiere.rome {
            let written = code.trim();
            let upper = written.to_ascii_uppercase();
            if formats::forme_code_rome(&upper) && self.refdata.rome.fiche(&upper).is_some() {
                if upper != written {
                    self.error(
                        code.span,
                        format!("code ROME « {written} » en minuscules"),
                        format!("écrivez « {upper} »"),
                    );
                }
                continue;
            }
            let hint = if formats::forme_code_rome(&upper) {
                self.rome_neighbours(&upper)
            } else {
                format!(
                    "un code ROME est une lettre et 4 chiffres (ex. D1102) ; {}",
                    self.rome_suggestions(written)
                )
            };
            self.error(code.span, format!("code ROME inconnu « {written} »"), hint);
        }
    }

    /// Codes of the same domain when the code looks right but does not exist.
    fn rome_neighbours(&self, code: &str) -> String {
        let domaine = &code[..3];
        let mut close: Vec<&crate::refdata::FicheRome> = self
            .refdata
            .rome
            .fiches
            .iter()
            .filter(|f| f.code.starts_with(domaine))
            .take(4)
            .collect();
        if close.is_empty() {
            // No such domain: the numerically closest codes of the same main domain.
            let n: i64 = code[1..].parse().unwrap_or(0);
            close = self
                .refdata
                .rome
                .fiches
                .iter()
                .filter(|f| f.code.starts_with(&code[..1]))
                .collect();
            close.sort_by_key(|f| (f.code[1..].parse::<i64>().unwrap_or(0) - n).abs());
            close.truncate(4);
            close.sort_by(|a, b| a.code.cmp(&b.code));
        }
        let close: Vec<String> = close
            .iter()
            .map(|f| format!("{} {}", f.code, f.libelle))
            .collect();
        if close.is_empty() {
            "vérifiez le code sur la fiche ROME du métier".into()
        } else {
            format!("codes proches : {}", close.join(" ; "))
        }
    }

    /// Codes whose job titles share the most words with a track title or typed word.
    fn rome_suggestions(&self, title: &str) -> String {
        // Words that name a role rather than a trade would match hundreds of job titles.
        const GENERIQUES: &[&str] = &[
            "aide",
            "agent",
            "agente",
            "employe",
            "employee",
            "ouvrier",
            "ouvriere",
            "assistant",
            "assistante",
            "technicien",
            "technicienne",
            "operateur",
            "operatrice",
            "formation",
            "metier",
            "metiers",
            "initiation",
            "base",
            "bases",
            "preformation",
            "polyvalent",
            "polyvalente",
            "commis",
            "auxiliaire",
        ];
        let words: Vec<String> = fold(title)
            .split(' ')
            .filter(|w| w.len() >= 4 && !GENERIQUES.contains(w))
            .map(str::to_string)
            .collect();
        let mut scores: BTreeMap<&str, usize> = BTreeMap::new();
        for appellation in &self.refdata.rome.appellations {
            let folded = fold(&appellation.libelle);
            let score = words.iter().filter(|w| folded.contains(w.as_str())).count();
            if score > 0 {
                let entry = scores.entry(appellation.code_rome.as_str()).or_default();
                *entry = (*entry).max(score);
            }
        }
        let mut best: Vec<(&str, usize)> = scores.into_iter().collect();
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let named: Vec<String> = best
            .iter()
            .take(3)
            .filter_map(|(code, _)| self.refdata.rome.fiche(code))
            .map(|f| format!("{} {}", f.code, f.libelle))
            .collect();
        if named.is_empty() {
            "cherchez le métier dans le répertoire ROME (page « Métiers » du site)".into()
        } else {
            format!("par exemple : {}", named.join(" ; "))
        }
    }

    fn dates(&mut self, filiere: &Spanned<Filiere>) {
        let reviewed = filiere.mis_a_jour.0;
        if reviewed > self.today {
            self.warning(
                filiere.mis_a_jour.span,
                format!(
                    "la date de mise à jour {} est dans le futur",
                    filiere.mis_a_jour.value
                ),
                "écrivez la date du jour où vous avez vérifié ces informations",
            );
        } else if (self.today - reviewed).num_days() > STALE_AFTER_DAYS {
            let months = (self.today - reviewed).num_days() / 30;
            self.warning(
                filiere.mis_a_jour.span,
                format!("informations non vérifiées depuis {months} mois"),
                "relisez la filière avec le centre puis mettez à jour « mis_a_jour: » à la date du jour",
            );
        }
        if !filiere.entree.permanente
            && !filiere.entree.dates.is_empty()
            && filiere.entree.dates.iter().all(|d| d.0 < self.today)
        {
            self.warning(
                filiere.entree.span,
                "toutes les dates de début sont passées",
                "ajoutez la prochaine date de début",
            );
        }
    }

    /// Markdown from the data: raw HTML is not shown, and only safe links are kept.
    /// Each finding points at its token in the file.
    fn markdown(&mut self, text: &Spanned<String>) {
        let mut html_reported = false;
        for (event, range) in Parser::new(text).into_offset_iter() {
            // Where the token is in the source: computed only for a finding (it scans the
            // file, and a field has many tokens).
            let at = |sources| {
                let token = text.get(range.clone()).unwrap_or("");
                // What to look for in the source: the token's first line, without indentation.
                let skipped = token.len() - token.trim_start().len();
                let needle = token.trim_start().lines().next().unwrap_or("").trim_end();
                textes::position(text, range.start + skipped, needle, sources)
            };
            match event {
                // One warning per field: `<b>` and `</b>` are one mistake.
                Event::Html(_) | Event::InlineHtml(_) if !html_reported => {
                    html_reported = true;
                    self.warning(
                        at(self.sources),
                        "le HTML n'est pas affiché sur le site : il apparaîtra tel quel, en texte",
                        "écrivez en Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…)",
                    )
                }
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                    if !formats::lien_autorise(&dest_url) =>
                {
                    self.error(
                        at(self.sources),
                        format!("lien non autorisé « {dest_url} »"),
                        "seuls les liens https://, http://, mailto: et tel: sont acceptés",
                    )
                }
                _ => {}
            }
        }
    }
}

fn suggest_lieu(id: &str, lieux: &BTreeMap<&str, &Spanned<Lieu>>) -> String {
    match did_you_mean(id, lieux.keys().copied()) {
        Some(best) => format!("vouliez-vous dire « {best} » ?"),
        None if lieux.is_empty() => {
            "ce centre n'a aucun lieu : ajoutez-en un dans « lieux: »".into()
        }
        None => format!(
            "lieux de ce centre : {}",
            lieux.keys().copied().collect::<Vec<_>>().join(", ")
        ),
    }
}
