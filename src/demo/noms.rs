//! Fictitious names and addresses: centre names, streets, bus stops, contact people,
//! phone numbers, and the ids handed out so far.

use std::collections::BTreeSet;

pub(super) use crate::site::format::{a_nom, de_nom};

use super::hasard::Rng;
use super::profil::Profil;

pub(super) const NOMS_GENERIQUES: &[&str] = &[
    "Le Tremplin",
    "La Passerelle",
    "Le Relais",
    "L'Escale",
    "La Boussole",
    "Le Phare",
    "L'Envol",
    "Le Carrefour",
    "La Ruche",
    "Les Ateliers",
    "La Maison",
    "L'Étincelle",
    "Le Rebond",
    "La Source",
    "L'Horizon",
    "Le Pas de Côté",
    "La Clé",
];

pub(super) fn noms_de_famille(f: u8) -> &'static [&'static str] {
    match f {
        0 => &[
            "Les Bâtisseurs",
            "Le Chantier",
            "La Truelle",
            "L'Équerre",
            "Les Compagnons",
        ],
        1 => &[
            "Le Fournil",
            "La Table",
            "Le Pétrin",
            "La Marmite",
            "Le Comptoir",
        ],
        2 => &[
            "Le Coup de Main",
            "L'Entraide",
            "La Main Tendue",
            "Le Balai d'Or",
        ],
        3 => &[
            "Les Jardins",
            "Le Potager",
            "La Serre",
            "Les Semis",
            "Le Verger",
        ],
        4 => &[
            "La Rustine",
            "Roue Libre",
            "Le Dépôt",
            "La Boutique",
            "Le Hangar",
        ],
        5 => &["Le Fil", "L'Aiguille", "Le Dé à Coudre", "La Bobine"],
        6 => &["Le Déclic", "Le Clic", "La Régie", "Le Bureau"],
        _ => &[
            "Les Mots",
            "La Plume",
            "L'Alphabet",
            "Mots en Partage",
            "La Page",
        ],
    }
}

pub(super) const COMPLEMENTS: &[&str] = &[
    "du Pont",
    "des Tilleuls",
    "du Moulin",
    "du Parc",
    "des Quatre Vents",
    "du Vieux Marché",
    "des Saules",
    "du Bief",
    "du Plateau",
    "des Forges",
    "du Hameau",
    "de la Vallée",
    "du Canal",
    "des Coteaux",
    "des Prés",
    "du Bocage",
    "de la Colline",
    "des Cerisiers",
    "du Carré",
    "de l'Étang",
    "des Marronniers",
    "du Beffroi",
    "de la Fontaine",
    "des Hirondelles",
];

pub(super) const RUES: &[&str] = &[
    "Rue de la Station",
    "Avenue des Tilleuls",
    "Rue du Moulin",
    "Rue de l'Église",
    "Rue des Écoles",
    "Place communale",
    "Rue Haute",
    "Rue Basse",
    "Rue du Centre",
    "Rue de la Gare",
    "Avenue de la Libération",
    "Rue des Alliés",
    "Rue du Marché",
    "Rue des Artisans",
    "Rue de l'Industrie",
    "Quai des Bateliers",
    "Rue des Champs",
    "Rue Saint-Roch",
    "Rue des Combattants",
    "Rue des Fabriques",
    "Rue du Pont",
    "Rue de la Fontaine",
    "Rue de la Paix",
    "Avenue des Érables",
    "Rue du Château",
    "Rue des Forges",
    "Rue des Jardins",
    "Chaussée de la Victoire",
    "Rue des Prés",
    "Rue du Tige",
    "Rue des Acacias",
    "Rue de la Poste",
];

pub(super) const ARRETS: &[&str] = &[
    "Place communale",
    "Église",
    "Gare",
    "Hôtel de ville",
    "Marché",
    "Hôpital",
    "Écoles",
    "Centre",
    "Piscine",
    "Poste",
    "Maison communale",
    "Carrefour",
];

/// Kinds of places, by kind of centre (four distinct ones: a centre has at most 4 places).
pub(super) fn types_lieux(profil: Profil) -> [&'static str; 4] {
    match profil {
        Profil::Eft => ["Atelier", "Siège", "Antenne", "Site de formation"],
        Profil::Defi => ["Siège", "Antenne", "Salle de formation", "Espace formation"],
        Profil::Alpha => ["Siège", "Antenne", "Salle de cours", "Espace formation"],
    }
}

pub(super) const PRENOMS: &[&str] = &[
    "Nadia", "Marc", "Fatima", "Julien", "Sofia", "Thomas", "Aïcha", "Pierre", "Élodie", "Karim",
    "Sarah", "Luc", "Mélanie", "Youssef", "Isabelle", "Kevin", "Amina", "Olivier", "Chloé",
    "Mehdi",
];

pub(super) const NOMS_FICTIFS: &[&str] = &["Exemple", "Démo", "Fictif"];

pub(super) const REMARQUES: &[&str] = &[
    "Sans rendez-vous",
    "Sans rendez-vous",
    "Se présenter à l'accueil",
    "Inscription par téléphone",
    "Prévoir une pièce d'identité",
];

/// A slug cut at a word boundary to at most `max` bytes.
pub(super) fn borne(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = slug[..=max].rfind('-').unwrap_or(max);
    slug[..cut].trim_end_matches('-').to_string()
}

/// A phone number in the town's zone with a `000` block: « 04 000 12 34 », « 071 00 01 23 ».
pub(super) fn telephone(rng: &mut Rng, zone: &str) -> String {
    let (x, y) = (rng.below(100), rng.below(100));
    if zone.len() == 2 {
        format!("{zone} 000 {x:02} {y:02}")
    } else {
        format!("{zone} 00 {x:02} {y:02}")
    }
}

/// Ids handed out so far (centres, places and tracks): one more gets `-2`, `-3`…
#[derive(Default)]
pub(super) struct Ids(BTreeSet<String>);

impl Ids {
    pub(super) fn prendre(&mut self, base: &str) -> String {
        let base = borne(base, 76);
        let mut id = base.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cut_at_a_word_and_made_unique() {
        assert_eq!(borne("le-fournil-du-moulin", 40), "le-fournil-du-moulin");
        assert_eq!(borne("le-fournil-du-moulin", 12), "le-fournil");
        let mut ids = Ids::default();
        assert_eq!(ids.prendre("la-ruche"), "la-ruche");
        assert_eq!(ids.prendre("la-ruche"), "la-ruche-2");
        assert_eq!(ids.prendre("la-ruche"), "la-ruche-3");
    }

    #[test]
    fn phone_numbers_use_a_000_block() {
        let mut rng = Rng::new(1);
        let court = telephone(&mut rng, "04");
        let long = telephone(&mut rng, "071");
        assert!(court.starts_with("04 000 ") && court.len() == 12, "{court}");
        assert!(long.starts_with("071 00 ") && long.len() == 12, "{long}");
    }
}
