//! One embedded CSV table: its header checked, every row handed over as exactly as many
//! fields as the header names.

use std::borrow::Cow;

/// Parses a small CSV file (RFC 4180 quoting, no newline inside fields), checks its
/// header and the number of fields of every row, and hands each row to `f` as an array
/// of its `N` fields. Errors (from the parser or from `f`) are prefixed `file:line:`.
pub(super) fn lire<const N: usize>(
    fichier: &str,
    texte: &str,
    entete: [&str; N],
    mut f: impl FnMut([&str; N]) -> Result<(), String>,
) -> Result<(), String> {
    let mut champs: Vec<Cow<'_, str>> = Vec::with_capacity(N);
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
        if champs.len() != N {
            return Err(format!(
                "{fichier}:{ligne}: {} fields, expected {N}",
                champs.len()
            ));
        }
        let mut valeurs = champs.iter();
        // Never "": the length is checked above.
        let valeurs: [&str; N] = std::array::from_fn(|_| valeurs.next().map_or("", |c| c.as_ref()));
        f(valeurs).map_err(|e| format!("{fichier}:{ligne}: {e}"))?;
    }
    if premiere {
        return Err(format!("{fichier}: empty file"));
    }
    Ok(())
}

/// Fields of one CSV line, appended to `champs`. Quoted fields may contain commas and
/// doubled quotes.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(ligne: &str) -> Result<Vec<Cow<'_, str>>, String> {
        let mut v = Vec::new();
        champs_csv(ligne, &mut v).map(|()| v)
    }

    #[test]
    fn csv_guillemets() {
        assert_eq!(
            csv(r#"A,"b, ""c""",,d"#).unwrap(),
            ["A", "b, \"c\"", "", "d"]
        );
        assert_eq!(csv(r#""x""#).unwrap(), ["x"]);
        assert_eq!(csv("a,").unwrap(), ["a", ""]);
        assert!(csv(r#""x"#).is_err());
        assert!(csv(r#""x"y"#).is_err());
        let e = lire("t.csv", "a,b\n1,2\n3\n", ["a", "b"], |_| Ok(())).unwrap_err();
        assert_eq!(e, "t.csv:3: 1 fields, expected 2");
        let e = lire("t.csv", "a,c\n", ["a", "b"], |_| Ok(())).unwrap_err();
        assert!(e.starts_with("t.csv: header"), "{e}");
        let e = lire("t.csv", "a\nx\n", ["a"], |_| Err("bad".into())).unwrap_err();
        assert_eq!(e, "t.csv:2: bad");
    }
}
