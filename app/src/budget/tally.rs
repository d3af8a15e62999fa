//! Counts a campaign territory by territory with the pure rules of `domain`. No I/O.
use super::domain::{Ballot, Instance, Project, Reason, Utility, equal_shares, greedy, greedy_threshold};
use super::model::{
    ComparedProject, Envelope, ProjectResult, RuleSummary, TerritoryComparison, TerritoryResult, euros,
};

/// A project in the count: id, title, cost in cents.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub title: String,
    pub cost_cents: i64,
}

fn reason_text(reason: Reason) -> String {
    match reason {
        Reason::Selected { step } => format!("Financé (retenu en position {step})"),
        Reason::DidNotFitBudget { cost, remaining } => format!(
            "Non financé : ne rentrait plus dans l'enveloppe ({} demandés, {} restants)",
            euros(cost),
            euros(remaining)
        ),
        Reason::BelowThreshold { score, threshold } => {
            format!("Non financé : {score} voix, sous le minimum de {threshold} voix")
        }
        Reason::NoSupport => "Non financé : aucune voix".into(),
        Reason::NotEnoughSupport { available, cost } => format!(
            "Non financé : ses soutiens ne disposaient plus que de {} pour un coût de {}",
            euros(available),
            euros(cost)
        ),
    }
}

/// Counts one territory. `ballots` holds every ballot's chosen project ids; choices
/// outside this territory are ignored. `rule` is `greedy` (with `min_votes` when above 0) or `mes`.
pub fn tally_territory(
    envelope: &Envelope,
    projects: &[Entry],
    ballots: &[Vec<i64>],
    rule: &str,
    min_votes: i64,
) -> Result<TerritoryResult, String> {
    let index = |id: &i64| projects.iter().position(|project| project.id == *id);
    let instance = Instance {
        budget: envelope.amount_cents,
        projects: projects.iter().map(|p| Project { id: p.id.to_string(), cost: p.cost_cents }).collect(),
        ballots: ballots
            .iter()
            .map(|choices| choices.iter().filter_map(index).collect::<Vec<_>>())
            .filter(|choices| !choices.is_empty())
            .map(Ballot::Approval)
            .collect(),
    };
    let outcome = match rule {
        "mes" => equal_shares(&instance, Utility::Cost)?,
        _ if min_votes > 0 => greedy_threshold(&instance, min_votes),
        _ => greedy(&instance),
    };
    let votes = instance.scores();
    let mut results: Vec<ProjectResult> = projects
        .iter()
        .zip(&outcome.reasons)
        .zip(&votes)
        .map(|((project, reason), votes)| ProjectResult {
            id: project.id,
            title: project.title.clone(),
            cost_cents: project.cost_cents,
            votes: *votes,
            funded: matches!(reason, Reason::Selected { .. }),
            reason: reason_text(*reason),
        })
        .collect();
    results.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.cost_cents.cmp(&b.cost_cents)).then(a.id.cmp(&b.id)));
    Ok(TerritoryResult {
        territory_id: envelope.territory_id,
        territory_name: envelope.territory_name.clone(),
        envelope_cents: envelope.amount_cents,
        spent_cents: outcome.spent,
        projects: results,
    })
}

/// Both counting rules on one territory, side by side: what each funds, spends, and how many of the
/// ballots that chose in this territory got at least one of their projects funded.
pub fn compare_territory(
    envelope: &Envelope,
    projects: &[Entry],
    ballots: &[Vec<i64>],
    min_votes: i64,
) -> Result<TerritoryComparison, String> {
    let greedy = tally_territory(envelope, projects, ballots, "greedy", min_votes)?;
    let shares = tally_territory(envelope, projects, ballots, "mes", 0)?;
    let here: Vec<&Vec<i64>> =
        ballots.iter().filter(|choices| choices.iter().any(|id| projects.iter().any(|p| p.id == *id))).collect();
    let summary = |result: &TerritoryResult| {
        let funded: Vec<i64> = result.projects.iter().filter(|p| p.funded).map(|p| p.id).collect();
        RuleSummary {
            spent_cents: result.spent_cents,
            funded: i64::try_from(funded.len()).unwrap_or(i64::MAX),
            satisfied: i64::try_from(
                here.iter().filter(|choices| choices.iter().any(|id| funded.contains(id))).count(),
            )
            .unwrap_or(i64::MAX),
        }
    };
    let funded_by = |result: &TerritoryResult, id: i64| result.projects.iter().any(|p| p.id == id && p.funded);
    Ok(TerritoryComparison {
        territory_name: envelope.territory_name.clone(),
        envelope_cents: envelope.amount_cents,
        ballots: i64::try_from(here.len()).unwrap_or(i64::MAX),
        greedy: summary(&greedy),
        equal_shares: summary(&shares),
        projects: greedy
            .projects
            .iter()
            .map(|project| ComparedProject {
                id: project.id,
                title: project.title.clone(),
                votes: project.votes,
                cost_cents: project.cost_cents,
                greedy: project.funded,
                equal_shares: funded_by(&shares, project.id),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_shows_each_rule_and_who_it_satisfies() {
        let ballots = vec![vec![1, 2, 99], vec![1, 2], vec![1, 3], vec![2], vec![99], vec![4]];
        let compared = compare_territory(&artois(), &entries(), &ballots, 0).unwrap();
        let shares = tally_territory(&artois(), &entries(), &ballots, "mes", 0).unwrap();
        // The ballot choosing only in another territory does not count here.
        assert_eq!(compared.ballots, 5);
        // Greedy funds 2 and 3 (see above), then 4 fits: every ballot has a funded project.
        assert_eq!((compared.greedy.funded, compared.greedy.satisfied), (3, 5));
        assert_eq!(compared.greedy.spent_cents, 40_000 * 100);
        assert_eq!(compared.equal_shares.spent_cents, shares.spent_cents);
        for project in &compared.projects {
            let counted = shares.projects.iter().find(|p| p.id == project.id).unwrap();
            assert_eq!(project.equal_shares, counted.funded, "project {}", project.id);
        }
        let satisfied = ballots[..4]
            .iter()
            .chain(&ballots[5..])
            .filter(|choices| choices.iter().any(|id| shares.projects.iter().any(|p| p.id == *id && p.funded)))
            .count();
        assert_eq!(compared.equal_shares.satisfied, satisfied as i64);
    }

    fn artois() -> Envelope {
        Envelope { territory_id: 1, territory_name: "Artois".into(), amount_cents: 50_000 * 100 }
    }

    fn entries() -> Vec<Entry> {
        [(1, 30_000 * 100), (2, 25_000 * 100), (3, 10_000 * 100), (4, 5_000 * 100)]
            .into_iter()
            .map(|(id, cost_cents)| Entry { id, title: format!("Projet {id}"), cost_cents })
            .collect()
    }

    #[test]
    fn greedy_funds_by_votes_within_the_envelope() {
        // Project 99 belongs to another territory and is ignored.
        let ballots = vec![vec![1, 2, 99], vec![1, 2], vec![1, 3], vec![2], vec![99]];
        let result = tally_territory(&artois(), &entries(), &ballots, "greedy", 0).unwrap();
        let funded: Vec<i64> = result.projects.iter().filter(|p| p.funded).map(|p| p.id).collect();
        // 1 and 2 tie on 3 votes: the cheaper (2) goes first, then 1 no longer fits and 3 does.
        assert_eq!(funded, vec![2, 3]);
        assert_eq!(result.spent_cents, 35_000 * 100);
        assert_eq!(result.projects[0].votes, 3);
        let one = result.projects.iter().find(|p| p.id == 1).unwrap();
        assert!(one.reason.starts_with("Non financé : ne rentrait plus dans l'enveloppe"), "{}", one.reason);
        let four = result.projects.iter().find(|p| p.id == 4).unwrap();
        assert_eq!(four.reason, "Non financé : aucune voix");
    }

    #[test]
    fn a_minimum_of_votes_applies() {
        let ballots = vec![vec![1], vec![1], vec![3]];
        let result = tally_territory(&artois(), &entries(), &ballots, "greedy", 2).unwrap();
        let three = result.projects.iter().find(|p| p.id == 3).unwrap();
        assert!(!three.funded);
        assert_eq!(three.reason, "Non financé : 1 voix, sous le minimum de 2 voix");
    }

    #[test]
    fn equal_shares_is_available() {
        let ballots = vec![vec![1], vec![1], vec![3, 4]];
        let result = tally_territory(&artois(), &entries(), &ballots, "mes", 0).unwrap();
        assert!(result.projects.iter().any(|p| p.funded));
    }
}
