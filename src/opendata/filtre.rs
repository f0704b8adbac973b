//! Which tracks and places a file or an export covers.

use crate::resolve::Catalogue;

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
