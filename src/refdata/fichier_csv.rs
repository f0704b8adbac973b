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
}
