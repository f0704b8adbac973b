//! The ROME v3 (Répertoire opérationnel des métiers et des emplois): job codes, their
//! domains and main domains, their job titles, and the look-ups by code.

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
}

fn cherche<'a, T>(v: &'a [T], code: &str, cle: impl Fn(&T) -> &String) -> Option<&'a T> {
    v.binary_search_by(|x| cle(x).as_str().cmp(code))
        .ok()
        .map(|i| &v[i])
}

#[cfg(test)]
mod tests {
    use crate::refdata::RefData;

    #[test]
    fn rome() {
        let r = &RefData::load().rome;
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
}
