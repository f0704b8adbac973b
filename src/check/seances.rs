//! The information sessions of a track: one date or one rhythm per entry, a place of the
//! centre, exceptions that fall on the rhythm, and at least one session to come.

use std::collections::{BTreeMap, BTreeSet};

use super::{Checker, suggest_lieu};
use crate::model::{Filiere, Lieu, SeanceInfo};
use crate::resolve::seances_a_venir;
use crate::yaml::Spanned;

const EXEMPLE_RYTHME: &str = "« - chaque: mardi » puis « heure: \"09:30\" »";

impl Checker<'_> {
    pub(super) fn seances(
        &mut self,
        filiere: &Spanned<Filiere>,
        lieux: &BTreeMap<&str, &Spanned<Lieu>>,
        illisibles: &BTreeSet<String>,
    ) {
        for seance in &filiere.seances_info {
            if let Some(lieu) = &seance.lieu
                && !lieux.contains_key(lieu.as_str())
                && !illisibles.contains(lieu.trim())
            {
                let hint = suggest_lieu(lieu, lieux);
                self.error(
                    lieu.span,
                    format!(
                        "la séance d'information a lieu à « {} », qui n'est pas un lieu de ce centre",
                        lieu.value
                    ),
                    hint,
                );
            }
            self.une_seance(seance);
        }
        // Tracks with unreadable sessions are left alone: their errors come first.
        if seances_a_venir(filiere, self.today).is_empty()
            && filiere
                .seances_info
                .iter()
                .all(|s| s.date.is_some() != s.chaque.is_some())
        {
            let deja = if filiere.seances_info.is_empty() {
                "aucune séance d'information n'est prévue"
            } else {
                "aucune séance d'information à venir"
            };
            self.warning(
                filiere.id.span,
                format!("{deja} pour « {} »", filiere.titre.value),
                format!(
                    "sous « seances_info: », ajoutez la prochaine date (« - date: AAAA-MM-JJ ») ou, si elles reviennent régulièrement, un rythme : {EXEMPLE_RYTHME}"
                ),
            );
        }
    }

    /// One entry: a date or a rhythm, and what only a rhythm may have.
    fn une_seance(&mut self, seance: &Spanned<SeanceInfo>) {
        match (&seance.date, &seance.chaque) {
            (None, None) => self.error(
                seance.span,
                "cette séance d'information n'a ni « date » ni « chaque »",
                format!("écrivez « date: 2027-01-12 » pour une séance, ou pour des séances régulières {EXEMPLE_RYTHME}"),
            ),
            (Some(_), Some(chaque)) => self.error(
                chaque.span,
                "une séance a soit une « date », soit un rythme « chaque », pas les deux",
                "pour une séance en plus du rythme, écrivez-la dans un autre élément « - date: … » de la liste",
            ),
            (Some(date), None) => {
                if date.0 < self.today {
                    self.warning(
                        date.span,
                        format!("la séance d'information du {} est passée", date.value),
                        "retirez-la ou remplacez-la par la prochaine date (ou par un rythme « chaque: mardi » si elles reviennent régulièrement)",
                    );
                }
                for champ in seance.jusqu_au.iter().chain(&seance.sauf) {
                    self.warning(
                        champ.span,
                        "« jusqu_au » et « sauf » ne servent qu'aux séances régulières (« chaque ») : ignoré ici",
                        "retirez ce champ, ou remplacez « date: » par un rythme « chaque: mardi »",
                    );
                }
            }
            (None, Some(chaque)) => {
                let rythme = chaque.value;
                if let Some(fin) = &seance.jusqu_au
                    && fin.0 < self.today
                {
                    self.warning(
                        fin.span,
                        format!("ces séances régulières se sont arrêtées le {}", fin.value),
                        "retirez cet élément, ou reportez « jusqu_au: » à la nouvelle date de fin",
                    );
                }
                for sauf in &seance.sauf {
                    if !rythme.tombe_le(sauf.0) {
                        self.warning(
                            sauf.span,
                            format!(
                                "le {} n'est pas un jour de ces séances ({}) : cette exception ne retire aucune séance",
                                sauf.value,
                                rythme.en_clair()
                            ),
                            "vérifiez la date : « sauf: » liste les jours du rythme où il n'y a pas de séance",
                        );
                    } else if seance.jusqu_au.as_ref().is_some_and(|fin| sauf.0 > fin.0) {
                        self.warning(
                            sauf.span,
                            format!(
                                "le {} est après la fin des séances (« jusqu_au ») : cette exception ne retire aucune séance",
                                sauf.value
                            ),
                            "retirez cette date, ou vérifiez « jusqu_au: »",
                        );
                    }
                }
            }
        }
    }
}
