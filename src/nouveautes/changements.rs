//! What changed between two publications, as history entries dated from the build date:
//! new tracks, new upcoming information sessions (of any track, new ones included),
//! title changes, changes of the upcoming start dates, closed tracks.

use chrono::NaiveDate;

use super::historique::{Entree, Genre};
use super::instantane::{Filiere, Instantane};

fn entree(today: NaiveDate, genre: Genre, f: &Filiere) -> Entree {
    Entree {
        filiere: Some(f.id.clone()),
        centre: f.centre.clone(),
        titre: f.titre.clone(),
        ..Entree::nouvelle(today, genre)
    }
}

/// The changes from `avant` to `apres`, in no particular order (the history sorts them).
pub fn comparer(avant: &Instantane, apres: &Instantane, today: NaiveDate) -> Vec<Entree> {
    let jour = today.format("%Y-%m-%d").to_string();
    let mut out = Vec::new();
    for (id, f) in &apres.filieres {
        let ancienne = avant.filieres.get(id);
        match ancienne {
            None => out.push(entree(today, Genre::NouvelleFiliere, f)),
            Some(a) => {
                if a.titre != f.titre {
                    out.push(Entree {
                        ancien_titre: Some(a.titre.clone()),
                        ..entree(today, Genre::TitreChange, f)
                    });
                }
                // Only upcoming dates: a date that passed is no change.
                let avant: Vec<String> = a.debuts.iter().filter(|d| **d >= jour).cloned().collect();
                let apres: Vec<String> = f.debuts.iter().filter(|d| **d >= jour).cloned().collect();
                if avant != apres {
                    out.push(Entree {
                        dates_avant: Some(avant),
                        dates_apres: Some(apres),
                        ..entree(today, Genre::DatesChangees, f)
                    });
                }
            }
        }
        let seance = |date: &str, heure: &str| Entree {
            seance_date: Some(date.to_string()),
            seance_heure: Some(heure.to_string()).filter(|h| !h.is_empty()),
            ..entree(today, Genre::NouvelleSeance, f)
        };
        for (date, heure) in &f.seances {
            let connue = ancienne.is_some_and(|a| {
                a.seances.contains(&(date.clone(), heure.clone()))
                    || (heure.is_empty() && a.seances.iter().any(|(d, _)| d == date))
            });
            if !connue && *date >= jour {
                out.push(seance(date, heure));
            }
        }
        // A new rhythm, at its first date.
        for ((rythme, heure), date) in &f.rythmes {
            let connu =
                ancienne.is_some_and(|a| a.rythmes.contains_key(&(rythme.clone(), heure.clone())));
            if !connu && *date >= jour {
                out.push(seance(date, heure));
            }
        }
    }
    for (id, f) in &avant.filieres {
        if !apres.filieres.contains_key(id) {
            out.push(entree(today, Genre::FiliereFermee, f));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::essais::{filiere, instantane};
    use super::*;

    fn cles(e: Vec<Entree>) -> Vec<String> {
        let mut v: Vec<String> = e.iter().map(Entree::cle).collect();
        v.sort();
        v
    }

    #[test]
    fn diff_finds_new_closed_and_new_sessions() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let avant = instantane(vec![
            filiere("a", &[("2026-12-01", "09:30")]),
            filiere("b", &[]),
        ]);
        let apres = instantane(vec![
            filiere("a", &[("2026-12-01", "09:30"), ("2027-01-05", "14:00")]),
            filiere("c", &[("2026-12-10", "10:00"), ("2026-11-01", "10:00")]),
        ]);
        assert_eq!(
            cles(comparer(&avant, &apres, today)),
            [
                "fermee-b",
                "nouvelle-c",
                "seance-a-2027-01-05-14h00",
                "seance-c-2026-12-10-10h00"
            ]
        );
        assert!(comparer(&apres, &apres, today).is_empty());
    }

    #[test]
    fn title_and_start_date_changes_are_listed() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let mut a = filiere("a", &[]);
        a.debuts = ["2026-11-01", "2027-01-04"].map(String::from).into();
        let mut b = a.clone();
        b.titre = "Nouveau titre".into();
        b.debuts = ["2027-02-01"].map(String::from).into();
        let e = comparer(&instantane(vec![a.clone()]), &instantane(vec![b]), today);
        assert_eq!(cles(e.clone()), ["dates-a", "titre-a"]);
        let titre = e
            .iter()
            .find(|e| e.genre == Genre::TitreChange)
            .expect("title");
        assert_eq!(
            (titre.ancien_titre.as_deref(), titre.titre.as_str()),
            (Some("A"), "Nouveau titre")
        );
        let dates = e
            .iter()
            .find(|e| e.genre == Genre::DatesChangees)
            .expect("dates");
        assert_eq!(
            dates.dates_avant.as_deref(),
            Some(&["2027-01-04".to_string()][..])
        );
        // A start date that passed is no change.
        let mut c = a.clone();
        c.debuts = ["2027-01-04"].map(String::from).into();
        assert!(comparer(&instantane(vec![a]), &instantane(vec![c]), today).is_empty());
    }
}
