//! Words and stems: what the search compares, the same in the index and in
//! `recherche.js` (`racine`, `mots`).

use crate::model::{Categorie, Secteur};
use crate::text::fold;

/// Words that say nothing about a track: never indexed, ignored when typed.
pub(super) const MOTS_VIDES: &[&str] = &[
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cette",
    "d",
    "dans",
    "de",
    "des",
    "du",
    "en",
    "et",
    "f",
    "h",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "m",
    "ma",
    "me",
    "mes",
    "mon",
    "n",
    "ne",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "s",
    "sa",
    "sans",
    "se",
    "ses",
    "son",
    "sur",
    "t",
    "ta",
    "tes",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "un",
    "une",
    "y",
    "chez",
    "vers",
    "etc",
    "hf",
    // Generic words of the field: they would match nearly everything, or nothing.
    "formation",
    "former",
    "apprendre",
    "metier",
    "cours",
    "travail",
    "travailler",
    "emploi",
    "job",
    "boulot",
    "cherche",
    "chercher",
    "devenir",
    "faire",
    "etre",
    "veux",
    "voudrai",
    "voudrais",
    "aimerai",
    "aimerais",
    "niveau",
    "autre",
    "general",
];

/// Feminine and other endings brought back to the masculine singular, longest first.
const FINALES: &[(&str, &str)] = &[
    ("trice", "teur"),
    ("ienne", "ien"),
    ("euse", "eur"),
    ("elle", "el"),
    ("ette", "et"),
    ("aise", "ais"),
    ("enne", "en"),
    ("ere", "er"),
    ("ive", "if"),
    ("ale", "al"),
    ("ee", "e"),
];

/// The normalised form of one folded word (see [`fold`]): plural and feminine endings
/// removed, then a final « e » (« boulangères » → « boulanger », « vendeuses » →
/// « vendeur », « conductrice » → « conducteur », « informaticienne » → « informaticien »,
/// « administrative » → « administratif », « agente » → « agent », « employée » and
/// « employé » → « employ »). Words with a digit (postal codes, ROME codes) and words of
/// three letters or fewer are kept whole. `recherche.js` has the same function (`racine`).
pub fn racine(mot: &str) -> String {
    let n = mot.chars().count();
    if n <= 3 || mot.chars().any(|c| c.is_ascii_digit()) {
        return mot.to_string();
    }
    let mut m = mot.to_string();
    // Plurals: -eaux → -eau, -aux → -al, -s and -x, except -ss, -us, -ais, -ois
    // (« bois », « français »).
    if m.ends_with("eaux") {
        m.pop();
    } else if m.ends_with("aux") && n > 4 {
        m.truncate(m.len() - 3);
        m.push_str("al");
    } else if (m.ends_with('s') || m.ends_with('x'))
        && !m.ends_with("ss")
        && !m.ends_with("us")
        && !m.ends_with("ais")
        && !m.ends_with("ois")
    {
        m.pop();
    }
    for (fin, par) in FINALES {
        if let Some(debut) = m.strip_suffix(fin)
            && debut.chars().count() >= 2
        {
            m = format!("{debut}{par}");
            break;
        }
    }
    if m.len() > 3 && m.ends_with('e') {
        m.pop();
    }
    m
}

/// Removes the feminine marks written in brackets: « Aide-boulanger(ère) » →
/// « Aide-boulanger », « Employé(e) administratif(ve) » → « Employé administratif ».
fn sans_feminin_entre_parentheses(texte: &str) -> String {
    let mut out = String::with_capacity(texte.len());
    let mut reste = texte;
    while let Some(i) = reste.find('(') {
        let (avant, apres) = reste.split_at(i);
        out.push_str(avant);
        let colle = avant.chars().next_back().is_some_and(char::is_alphabetic);
        match apres[1..].find(')') {
            // At most 8 letters once folded, so « (ère) » and « (ere) », « (Œ) » and
            // « (oe) » are alike (characters, not bytes).
            Some(j)
                if colle
                    && fold(&apres[1..1 + j]).chars().count() <= 8
                    && apres[1..1 + j].chars().all(char::is_alphabetic) =>
            {
                reste = &apres[j + 2..];
            }
            _ => {
                out.push('(');
                reste = &apres[1..];
            }
        }
    }
    out.push_str(reste);
    out
}

/// The normalised words of a text, as the search compares them: folded, feminine marks in
/// brackets dropped, empty words left out, each through [`racine`]. « Boulanger /
/// Boulangère » → `["boulanger", "boulanger"]`; « 4020 Liège » → `["4020", "lieg"]`.
pub fn mots(texte: &str) -> Vec<String> {
    fold(&sans_feminin_entre_parentheses(texte))
        .split(' ')
        .filter(|m| !m.is_empty() && !MOTS_VIDES.contains(m))
        .map(racine)
        .filter(|m| !MOTS_VIDES.contains(&m.as_str()))
        .collect()
}

/// Words a person may type for a sector, besides its name.
pub(super) fn synonymes_secteur(s: Secteur) -> &'static str {
    match s {
        Secteur::Batiment => "construction chantier renovation",
        Secteur::Horeca => "restaurant restauration cuisine",
        Secteur::Alimentation => "boulangerie alimentaire",
        Secteur::Nettoyage => "proprete entretien",
        Secteur::EspacesVerts => "jardin jardinage",
        Secteur::AideAuxPersonnes => "soins social",
        Secteur::Bureau => "administratif secretariat bureautique",
        Secteur::Informatique => "ordinateur numerique digital",
        Secteur::Logistique => "entrepot magasinier",
        Secteur::Vente => "commerce vendeur",
        Secteur::Couture => "textile",
        Secteur::Mecanique => "garage velo",
        Secteur::Spectacle => "scene evenement",
        Secteur::SavoirsDeBase => "alpha alphabetisation lecture ecriture calcul",
        Secteur::Francais => "fle langue",
        Secteur::Orientation => "orientation",
    }
}

pub(super) fn synonymes_categorie(c: Categorie) -> &'static str {
    match c {
        Categorie::Orientation => "orientation",
        Categorie::FormationDeBase => "base",
        Categorie::FormationProfessionnalisante => "professionnalisante qualifiante",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn racines_francaises() {
        assert_eq!(racine("boulangeres"), "boulanger");
        assert_eq!(racine("boulangere"), "boulanger");
        assert_eq!(racine("boulangers"), "boulanger");
        assert_eq!(racine("vendeuses"), "vendeur");
        assert_eq!(racine("conductrice"), "conducteur");
        assert_eq!(racine("informaticienne"), "informaticien");
        assert_eq!(racine("administrative"), "administratif");
        assert_eq!(racine("travaux"), "traval");
        assert_eq!(racine("francais"), "francais");
        assert_eq!(racine("francaise"), "francais");
        assert_eq!(racine("francaises"), "francais");
        assert_eq!(racine("employee"), "employ");
        assert_eq!(racine("employe"), "employ");
        assert_eq!(racine("agente"), "agent");
        assert_eq!(racine("panneaux"), racine("panneau"));
        assert_eq!(racine("4020"), "4020");
        assert_eq!(racine("d1102"), "d1102");
        assert_eq!(racine("bus"), "bus");
    }

    #[test]
    fn mots_des_titres() {
        assert_eq!(mots("Aide-boulanger(ère)"), ["aid", "boulanger"]);
        assert_eq!(
            mots("Employé(e) administratif(ve)"),
            ["employ", "administratif"]
        );
        assert_eq!(mots("Boulanger / Boulangère"), ["boulanger", "boulanger"]);
        assert_eq!(
            mots("Français langue étrangère (FLE) : débutant"),
            ["francais", "langu", "etranger", "fle", "debutant"]
        );
        assert_eq!(mots("4020 Liège"), ["4020", "lieg"]);
    }
}
