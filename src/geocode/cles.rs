//! The matching key of a name: folded (case, accents, hyphens, apostrophes, spaces), and
//! common abbreviations expanded word by word (see the module documentation of `geocode`).

use crate::text::fold;

/// Whether a folded word is a postal code (four digits).
pub(super) fn est_code_postal(mot: &str) -> bool {
    mot.len() == 4 && mot.bytes().all(|b| b.is_ascii_digit())
}

/// The matching key of a name: folded, abbreviations expanded, words glued together.
pub(super) fn cle(nom: &str) -> String {
    let plie = fold(nom);
    let mots: Vec<&str> = plie.split(' ').filter(|m| !m.is_empty()).collect();
    cle_de_mots(&mots, true)
}

/// Key of folded words; `abreger_dernier = false` leaves the last word as typed.
pub(super) fn cle_de_mots(mots: &[&str], abreger_dernier: bool) -> String {
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

#[cfg(test)]
mod tests {
    use crate::geocode::Kind;
    use crate::geocode::essais::premier;

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
}
