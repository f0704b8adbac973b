//! One embedded CSV file, read with the `csv` crate: its header checked, every row handed
//! over as exactly as many fields as the header names.

/// Reads a CSV file (RFC 4180 quoting), checks its header and the number of fields of
/// every row, and hands each row to `f` as an array of its `N` fields. Errors (from the
/// reader or from `f`) are prefixed `file:line:`.
pub(super) fn lire<const N: usize>(
    fichier: &str,
    texte: &str,
    entete: [&str; N],
    mut f: impl FnMut([&str; N]) -> Result<(), String>,
) -> Result<(), String> {
    // Flexible: a row of the wrong length gets this module's message, with its line.
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(texte.as_bytes());
    let mut ligne = csv::StringRecord::new();
    let mut premiere = true;
    while lecteur
        .read_record(&mut ligne)
        .map_err(|e| format!("{fichier}: {e}"))?
    {
        if premiere {
            premiere = false;
            if ligne.iter().ne(entete.iter().copied()) {
                let champs: Vec<&str> = ligne.iter().collect();
                return Err(format!("{fichier}: header {champs:?}, expected {entete:?}"));
            }
            continue;
        }
        let numero = ligne.position().map_or(0, |p| p.line());
        if ligne.len() != N {
            return Err(format!(
                "{fichier}:{numero}: {} fields, expected {N}",
                ligne.len()
            ));
        }
        let mut champs = ligne.iter();
        // Never "": the length is checked above.
        let champs: [&str; N] = std::array::from_fn(|_| champs.next().unwrap_or(""));
        f(champs).map_err(|e| format!("{fichier}:{numero}: {e}"))?;
    }
    if premiere {
        return Err(format!("{fichier}: empty file"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refdata::lecture::{
        BASSINS_COMMUNES_CSV, BASSINS_CSV, CODES_POSTAUX_CSV, COMMUNES_CSV, GARES_CSV,
        LOCALITES_CSV, ROME_APPELLATIONS_CSV, ROME_DOMAINES_CSV, ROME_FICHES_CSV,
        ROME_GRANDS_DOMAINES_CSV,
    };

    fn lignes<const N: usize>(texte: &str, entete: [&str; N]) -> Result<Vec<Vec<String>>, String> {
        let mut v = Vec::new();
        lire("t.csv", texte, entete, |r| {
            v.push(r.iter().map(|c| c.to_string()).collect());
            Ok(())
        })
        .map(|()| v)
    }

    #[test]
    fn guillemets_entete_et_erreurs() {
        assert_eq!(
            lignes("a,b,c,d\n\nA,\"b, \"\"c\"\"\",,d\n", ["a", "b", "c", "d"]).unwrap(),
            [["A", "b, \"c\"", "", "d"]]
        );
        assert_eq!(lignes("a\n\"x\"\n", ["a"]).unwrap(), [["x"]]);
        assert_eq!(lignes("a,b\r\na,\r\n", ["a", "b"]).unwrap(), [["a", ""]]);
        let e = lignes("a,b\n1,2\n3\n", ["a", "b"]).unwrap_err();
        assert_eq!(e, "t.csv:3: 1 fields, expected 2");
        let e = lignes("a,c\n", ["a", "b"]).unwrap_err();
        assert_eq!(e, r#"t.csv: header ["a", "c"], expected ["a", "b"]"#);
        let e = lire("t.csv", "a\nx\n", ["a"], |_| Err("bad".into())).unwrap_err();
        assert_eq!(e, "t.csv:2: bad");
        assert_eq!(lignes("", ["a"]).unwrap_err(), "t.csv: empty file");
    }

    /// The hand-written reader that `lire` replaced, kept to check that both give the
    /// same fields for every embedded table.
    mod ancien {
        use std::borrow::Cow;

        pub fn table<'a>(
            fichier: &str,
            texte: &'a str,
            entete: &[&str],
            mut f: impl FnMut(usize, &[Cow<'a, str>]) -> Result<(), String>,
        ) -> Result<(), String> {
            let mut champs: Vec<Cow<'a, str>> = Vec::with_capacity(entete.len());
            let mut premiere = true;
            for (i, l) in texte.lines().enumerate() {
                if l.is_empty() {
                    continue;
                }
                let ligne = i + 1;
                champs.clear();
                champs_csv(l, &mut champs).map_err(|e| format!("{fichier}:{ligne}: {e}"))?;
                if premiere {
                    premiere = false;
                    if champs.iter().map(|c| c.as_ref()).ne(entete.iter().copied()) {
                        return Err(format!("{fichier}: header {champs:?}, expected {entete:?}"));
                    }
                    continue;
                }
                if champs.len() != entete.len() {
                    return Err(format!(
                        "{fichier}:{ligne}: {} fields, expected {}",
                        champs.len(),
                        entete.len()
                    ));
                }
                f(ligne, &champs).map_err(|e| format!("{fichier}:{ligne}: {e}"))?;
            }
            if premiere {
                return Err(format!("{fichier}: empty file"));
            }
            Ok(())
        }

        fn champs_csv<'a>(ligne: &'a str, champs: &mut Vec<Cow<'a, str>>) -> Result<(), String> {
            let mut reste = ligne;
            loop {
                if let Some(apres) = reste.strip_prefix('"') {
                    let mut valeur = String::new();
                    let mut s = apres;
                    loop {
                        let q = s.find('"').ok_or("unterminated quoted field")?;
                        valeur.push_str(&s[..q]);
                        s = &s[q + 1..];
                        if let Some(s2) = s.strip_prefix('"') {
                            valeur.push('"');
                            s = s2;
                        } else {
                            break;
                        }
                    }
                    champs.push(Cow::Owned(valeur));
                    if s.is_empty() {
                        return Ok(());
                    }
                    reste = s.strip_prefix(',').ok_or("text after a closing quote")?;
                } else {
                    match reste.find(',') {
                        Some(v) => {
                            champs.push(Cow::Borrowed(&reste[..v]));
                            reste = &reste[v + 1..];
                        }
                        None => {
                            champs.push(Cow::Borrowed(reste));
                            return Ok(());
                        }
                    }
                }
            }
        }
    }

    fn comparer<const N: usize>(fichier: &str, texte: &str, entete: [&str; N]) -> usize {
        let nouveau = lignes(texte, entete).unwrap_or_else(|e| panic!("{fichier}: {e}"));
        let mut vieux: Vec<Vec<String>> = Vec::new();
        ancien::table(fichier, texte, &entete, |_, r| {
            vieux.push(r.iter().map(|c| c.to_string()).collect());
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(nouveau, vieux, "{fichier}");
        nouveau.len()
    }

    #[test]
    fn memes_champs_que_l_ancien_lecteur() {
        let n = comparer("bassins.csv", BASSINS_CSV, ["id", "nom"])
            + comparer(
                "bassins-communes.csv",
                BASSINS_COMMUNES_CSV,
                ["nis", "bassin", "commune"],
            )
            + comparer(
                "communes.csv",
                COMMUNES_CSV,
                [
                    "nis",
                    "nom",
                    "autre_nom",
                    "province",
                    "arrondissement",
                    "francophone",
                    "lon",
                    "lat",
                ],
            )
            + comparer(
                "codes-postaux.csv",
                CODES_POSTAUX_CSV,
                ["code_postal", "nis"],
            )
            + comparer(
                "localites.csv",
                LOCALITES_CSV,
                ["code_postal", "nom", "nis", "lon", "lat"],
            )
            + comparer("gares.csv", GARES_CSV, ["id", "nom", "lon", "lat"])
            + comparer(
                "rome-grands-domaines.csv",
                ROME_GRANDS_DOMAINES_CSV,
                ["code", "libelle"],
            )
            + comparer(
                "rome-domaines.csv",
                ROME_DOMAINES_CSV,
                ["code", "libelle", "grand_domaine"],
            )
            + comparer(
                "rome-fiches.csv",
                ROME_FICHES_CSV,
                ["code", "libelle", "domaine"],
            )
            + comparer(
                "rome-appellations.csv",
                ROME_APPELLATIONS_CSV,
                ["code_rome", "libelle"],
            );
        // Every data line of the ten files (their line counts less the headers).
        let attendu: usize = [
            BASSINS_CSV,
            BASSINS_COMMUNES_CSV,
            COMMUNES_CSV,
            CODES_POSTAUX_CSV,
            LOCALITES_CSV,
            GARES_CSV,
            ROME_GRANDS_DOMAINES_CSV,
            ROME_DOMAINES_CSV,
            ROME_FICHES_CSV,
            ROME_APPELLATIONS_CSV,
        ]
        .iter()
        .map(|t| t.lines().filter(|l| !l.is_empty()).count() - 1)
        .sum();
        assert_eq!(n, attendu);
    }
}
