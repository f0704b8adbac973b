//! What a query means: a postal code, or a name narrowed by its qualifiers
//! (« Celles (4317, Faimes) », « Celles 5561 »).

use super::cles::{cle, cle_de_mots, est_code_postal};
use super::coordonnees::coordonnees;
use super::{Candidate, Geocoder, Kind, NotFound};
use crate::text::fold;

impl Geocoder {
    /// The places a query may mean, best first (municipality, then localities, then by
    /// postal code and NIS code). See the [module documentation](super) for what is
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
}

#[cfg(test)]
mod tests {
    use crate::geocode::Kind;
    use crate::geocode::essais::g;

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
}
