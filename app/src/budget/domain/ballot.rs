//! Checks a ballot against the campaign's voting rules. Pure: the caller supplies the clock.
use crate::platform::identity::age_on;
use crate::platform::time::french_date;
use chrono::{DateTime, NaiveDate};
use std::collections::HashSet;

/// The receipt sent to a voter: subject and body for a ballot new or `changed`. The code proves the
/// ballot was received and says nothing of its choices.
pub fn receipt_mail(campaign_title: &str, code: &str, changed: bool) -> (String, String) {
    let (subject, done) = if changed {
        ("Votre vote est modifié", "est modifié : il remplace le précédent, dont le reçu ne vaut plus")
    } else {
        ("Votre vote est enregistré", "est enregistré")
    };
    (
        format!("{subject} — {campaign_title}"),
        format!(
            "Bonjour,\n\nVotre bulletin pour « {campaign_title} » {done}.\n\nCode de reçu : {code}\n\n\
             Ce code prouve que votre bulletin a été reçu ; il ne dit pas pour qui vous avez voté.\n\n— Agora"
        ),
    )
}

/// The voting rules of a campaign, as the check needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct VotingRules {
    pub opens_at: i64,
    pub closes_at: i64,
    pub choices: usize,
    /// Exactly `choices` projects, rather than up to `choices`.
    pub exact: bool,
    pub min_age: i32,
    /// Voters choose only among the projects of their own territory.
    pub own_territory_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Voter {
    pub birth_date: NaiveDate,
    pub territory_id: Option<i64>,
}

/// A project of the campaign: where it is and whether it was labelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub territory_id: i64,
    pub labelled: bool,
}

/// Accepts the ballot or says, in French, why not. `now` is Unix seconds.
pub fn check_ballot(
    rules: &VotingRules,
    voter: &Voter,
    now: i64,
    chosen: &[i64],
    candidates: &[Candidate],
) -> Result<(), String> {
    if now < rules.opens_at {
        return Err(format!("Le vote n'est pas encore ouvert : il ouvre le {}.", french_date(rules.opens_at)));
    }
    if now >= rules.closes_at {
        return Err(format!("Le vote est clos depuis le {}.", french_date(rules.closes_at)));
    }
    let voting_day = DateTime::from_timestamp(now, 0).map(|at| at.date_naive()).unwrap_or_default();
    if age_on(voter.birth_date, voting_day) < rules.min_age {
        return Err(format!("Il faut avoir au moins {} ans le jour du vote pour voter.", rules.min_age));
    }
    let projects = check_choices(rules, chosen, candidates)?;
    if rules.own_territory_only {
        let Some(home) = voter.territory_id else {
            return Err("Indiquez votre territoire dans votre profil pour voter : chacun vote pour les projets de son territoire.".into());
        };
        if projects.iter().any(|project| project.territory_id != home) {
            return Err("Vous ne pouvez voter que pour des projets de votre territoire.".into());
        }
    }
    Ok(())
}

/// What every ballot must respect, paper ones included: at least one project, each once, no more
/// (or exactly) the allowed number, labelled projects of this campaign only.
pub fn check_choices<'a>(
    rules: &VotingRules,
    chosen: &[i64],
    candidates: &'a [Candidate],
) -> Result<Vec<&'a Candidate>, String> {
    if chosen.is_empty() {
        return Err("Choisissez au moins un projet.".into());
    }
    let distinct: HashSet<i64> = chosen.iter().copied().collect();
    if distinct.len() != chosen.len() {
        return Err("Chaque projet ne peut être choisi qu'une fois.".into());
    }
    let (n, count) = (rules.choices, chosen.len());
    if rules.exact && count != n {
        return Err(format!("Choisissez exactement {n} projets : vous en avez choisi {count}."));
    }
    if count > n {
        return Err(format!("Vous pouvez choisir au plus {n} projets : vous en avez choisi {count}."));
    }
    let mut projects = Vec::with_capacity(count);
    for id in chosen {
        match candidates.iter().find(|candidate| candidate.id == *id) {
            Some(candidate) if candidate.labelled => projects.push(candidate),
            _ => return Err("Seuls les projets labellisés de cette campagne peuvent recevoir une voix.".into()),
        }
    }
    Ok(projects)
}

/// Paper ballots as staff type or paste them: one ballot per line, the numbers of the projects
/// chosen separated by commas, semicolons or spaces; empty lines and a first line of headings are
/// skipped. Every ballot is checked; any problem is reported by line and none is kept.
pub fn parse_paper_ballots(
    text: &str,
    rules: &VotingRules,
    candidates: &[Candidate],
) -> Result<Vec<Vec<i64>>, Vec<String>> {
    let (mut ballots, mut problems) = (Vec::new(), Vec::new());
    for (index, line) in text.lines().enumerate() {
        let fields: Vec<&str> =
            line.split([',', ';', ' ', '\t']).map(str::trim).filter(|field| !field.is_empty()).collect();
        if fields.is_empty() {
            continue;
        }
        let numbers: Result<Vec<i64>, &str> = fields.iter().map(|field| field.parse().map_err(|_| *field)).collect();
        let checked = match numbers {
            Err(_) if index == 0 => continue,
            Err(field) => Err(format!("« {field} » n'est pas un numéro de projet.")),
            Ok(chosen) => check_choices(rules, &chosen, candidates).map(|_| chosen),
        };
        match checked {
            Ok(chosen) => ballots.push(chosen),
            Err(problem) => problems.push(format!("Ligne {} : {problem}", index + 1)),
        }
    }
    if ballots.is_empty() && problems.is_empty() {
        problems.push("Aucun bulletin : saisissez une ligne par bulletin.".into());
    }
    if problems.is_empty() { Ok(ballots) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    // 2026-11-21 12:00 UTC.
    const NOW: i64 = 1_795_262_400;

    fn rules() -> VotingRules {
        VotingRules {
            opens_at: NOW - 30 * DAY,
            closes_at: NOW + 30 * DAY,
            choices: 3,
            exact: false,
            min_age: 11,
            own_territory_only: false,
        }
    }

    fn voter() -> Voter {
        Voter { birth_date: NaiveDate::from_ymd_opt(1990, 5, 4).unwrap(), territory_id: Some(1) }
    }

    fn candidates() -> Vec<Candidate> {
        vec![
            Candidate { id: 10, territory_id: 1, labelled: true },
            Candidate { id: 11, territory_id: 1, labelled: true },
            Candidate { id: 12, territory_id: 2, labelled: true },
            Candidate { id: 13, territory_id: 1, labelled: false },
            Candidate { id: 14, territory_id: 2, labelled: true },
        ]
    }

    fn check(rules: &VotingRules, voter: &Voter, now: i64, chosen: &[i64]) -> Result<(), String> {
        check_ballot(rules, voter, now, chosen, &candidates())
    }

    #[test]
    fn a_valid_ballot_passes() {
        assert_eq!(check(&rules(), &voter(), NOW, &[10, 11, 12]), Ok(()));
        assert_eq!(check(&rules(), &voter(), NOW, &[12]), Ok(()));
    }

    #[test]
    fn the_window_is_enforced() {
        let early = check(&rules(), &voter(), NOW - 31 * DAY, &[10]).unwrap_err();
        assert!(early.starts_with("Le vote n'est pas encore ouvert"), "{early}");
        let late = check(&rules(), &voter(), NOW + 30 * DAY, &[10]).unwrap_err();
        assert!(late.starts_with("Le vote est clos"), "{late}");
        assert_eq!(french_date(1_725_148_800), "1 septembre 2024");
    }

    #[test]
    fn age_is_counted_on_the_voting_day() {
        // Eleven on 21 November 2026, not the day before.
        let young = Voter { birth_date: NaiveDate::from_ymd_opt(2015, 11, 21).unwrap(), territory_id: Some(1) };
        assert_eq!(check(&rules(), &young, NOW, &[10]), Ok(()));
        let error = check(&rules(), &young, NOW - DAY, &[10]).unwrap_err();
        assert_eq!(error, "Il faut avoir au moins 11 ans le jour du vote pour voter.");
    }

    #[test]
    fn the_number_of_choices_is_enforced() {
        let error = check(&rules(), &voter(), NOW, &[10, 11, 12, 14]).unwrap_err();
        assert_eq!(error, "Vous pouvez choisir au plus 3 projets : vous en avez choisi 4.");
        assert_eq!(check(&rules(), &voter(), NOW, &[]).unwrap_err(), "Choisissez au moins un projet.");
        let exact = VotingRules { exact: true, ..rules() };
        let error = check(&exact, &voter(), NOW, &[10, 11]).unwrap_err();
        assert_eq!(error, "Choisissez exactement 3 projets : vous en avez choisi 2.");
        assert_eq!(check(&exact, &voter(), NOW, &[10, 11, 12]), Ok(()));
    }

    #[test]
    fn duplicates_and_unlabelled_projects_are_refused() {
        let error = check(&rules(), &voter(), NOW, &[10, 10]).unwrap_err();
        assert_eq!(error, "Chaque projet ne peut être choisi qu'une fois.");
        let unlabelled = check(&rules(), &voter(), NOW, &[10, 13]).unwrap_err();
        assert!(unlabelled.starts_with("Seuls les projets labellisés"), "{unlabelled}");
        let unknown = check(&rules(), &voter(), NOW, &[99]).unwrap_err();
        assert_eq!(unknown, unlabelled);
    }

    #[test]
    fn paper_ballots_are_read_line_by_line_and_all_refused_on_any_problem() {
        let text = "projets\n10; 11\n\n12,10\n11 12\t10\n";
        let ballots = parse_paper_ballots(text, &rules(), &candidates());
        assert_eq!(ballots, Ok(vec![vec![10, 11], vec![12, 10], vec![11, 12, 10]]));
        let problems = parse_paper_ballots("10;11\n10;10\n13\nx\n", &rules(), &candidates()).unwrap_err();
        assert_eq!(
            problems,
            vec![
                "Ligne 2 : Chaque projet ne peut être choisi qu'une fois.",
                "Ligne 3 : Seuls les projets labellisés de cette campagne peuvent recevoir une voix.",
                "Ligne 4 : « x » n'est pas un numéro de projet.",
            ]
        );
        assert_eq!(parse_paper_ballots(" \n", &rules(), &candidates()).unwrap_err().len(), 1);
    }

    #[test]
    fn territory_scope_keeps_voters_home() {
        let scoped = VotingRules { own_territory_only: true, ..rules() };
        assert_eq!(check(&scoped, &voter(), NOW, &[10, 11]), Ok(()));
        let error = check(&scoped, &voter(), NOW, &[10, 12]).unwrap_err();
        assert_eq!(error, "Vous ne pouvez voter que pour des projets de votre territoire.");
        let homeless = Voter { territory_id: None, ..voter() };
        assert!(check(&scoped, &homeless, NOW, &[10]).unwrap_err().starts_with("Indiquez votre territoire"));
    }
}
