//! Counts a campaign territory by territory with the pure rules of `domain`. No I/O.
use super::{Ballot, Instance, Project, Reason, Utility, equal_shares, greedy, greedy_threshold};
use crate::budget::model::{
    Campaign, ComparedProject, CountingRule, Envelope, ProjectResult, RuleSummary, TerritoryComparison,
    TerritoryResult, money,
};

/// A ballot as counted: each chosen project's id with its points (1 on an approval ballot).
pub type CountedBallot = Vec<(i64, i64)>;

/// An approval ballot choosing `ids`, one point each.
pub fn approval(ids: &[i64]) -> CountedBallot {
    ids.iter().map(|id| (*id, 1)).collect()
}

/// A project in the count: id, title, cost in cents.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub title: String,
    pub cost_cents: i64,
}

/// Why a project was or was not funded; `points` when ballots gave points rather than votes.
fn reason_text(reason: Reason, currency: &str, points: bool) -> String {
    let score = |n: i64| match (points, n) {
        (true, 0 | 1) => format!("{n} point"),
        (true, _) => format!("{n} points"),
        (false, _) => format!("{n} voix"),
    };
    match reason {
        Reason::Selected { step } => format!("Financé (retenu en position {step})"),
        Reason::DidNotFitBudget { cost, remaining } => format!(
            "Non financé : ne rentrait plus dans l'enveloppe ({} demandés, {} restants)",
            money(cost, currency),
            money(remaining, currency)
        ),
        Reason::BelowThreshold { score: got, threshold } => {
            format!("Non financé : {}, sous le minimum de {}", score(got), score(threshold))
        }
        Reason::NoSupport if points => "Non financé : aucun point".into(),
        Reason::NoSupport => "Non financé : aucune voix".into(),
        Reason::NotEnoughSupport { available, cost } => format!(
            "Non financé : ses soutiens ne disposaient plus que de {} pour un coût de {}",
            money(available, currency),
            money(cost, currency)
        ),
    }
}

/// How a campaign counts: its rule (greedy, with `min_votes` when above 0, or equal shares), and
/// whether its ballots give points (cumulative files) rather than one vote per choice.
#[derive(Debug, Clone, Copy)]
pub struct Counting {
    pub rule: CountingRule,
    pub min_votes: i64,
    pub points: bool,
}

impl Counting {
    pub fn of(campaign: &Campaign) -> Self {
        Counting { rule: campaign.rule, min_votes: campaign.min_votes, points: campaign.counts_points() }
    }

    fn approval(rule: CountingRule, min_votes: i64) -> Self {
        Counting { rule, min_votes, points: false }
    }
}

/// Counts one territory. `ballots` holds every ballot's chosen projects; choices outside this
/// territory are ignored.
pub fn tally_territory(
    envelope: &Envelope,
    projects: &[Entry],
    ballots: &[CountedBallot],
    counting: Counting,
) -> Result<TerritoryResult, String> {
    let Counting { rule, min_votes, points } = counting;
    let index = |id: &i64| projects.iter().position(|project| project.id == *id);
    let counted = |choices: &CountedBallot| -> Vec<(usize, i64)> {
        choices.iter().filter_map(|(id, points)| index(id).map(|at| (at, *points))).collect()
    };
    let instance = Instance {
        budget: envelope.amount_cents,
        projects: projects.iter().map(|p| Project { id: p.id.to_string(), cost: p.cost_cents }).collect(),
        ballots: ballots
            .iter()
            .map(counted)
            .filter(|choices| !choices.is_empty())
            .map(|choices| match points {
                true => Ballot::Points(choices),
                false => Ballot::Approval(choices.into_iter().map(|(at, _)| at).collect()),
            })
            .collect(),
    };
    let outcome = match rule {
        CountingRule::EqualShares => equal_shares(&instance, Utility::Cost)?,
        CountingRule::Greedy if min_votes > 0 => greedy_threshold(&instance, min_votes),
        CountingRule::Greedy => greedy(&instance),
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
            reason: reason_text(*reason, &envelope.currency, points),
        })
        .collect();
    results.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.cost_cents.cmp(&b.cost_cents)).then(a.id.cmp(&b.id)));
    Ok(TerritoryResult {
        territory_id: envelope.territory_id,
        territory_name: envelope.territory_name.clone(),
        envelope_cents: envelope.amount_cents,
        spent_cents: outcome.spent,
        currency: envelope.currency.clone(),
        projects: results,
    })
}

/// Both counting rules on one territory, side by side: what each funds, spends, and how many of the
/// ballots that chose in this territory got at least one of their projects funded.
pub fn compare_territory(
    envelope: &Envelope,
    projects: &[Entry],
    ballots: &[CountedBallot],
    min_votes: i64,
) -> Result<TerritoryComparison, String> {
    let greedy = tally_territory(envelope, projects, ballots, Counting::approval(CountingRule::Greedy, min_votes))?;
    let shares = tally_territory(envelope, projects, ballots, Counting::approval(CountingRule::EqualShares, 0))?;
    let here: Vec<&CountedBallot> =
        ballots.iter().filter(|choices| choices.iter().any(|(id, _)| projects.iter().any(|p| p.id == *id))).collect();
    let summary = |result: &TerritoryResult| {
        let funded: Vec<i64> = result.projects.iter().filter(|p| p.funded).map(|p| p.id).collect();
        RuleSummary {
            spent_cents: result.spent_cents,
            funded: i64::try_from(funded.len()).unwrap_or(i64::MAX),
            satisfied: i64::try_from(
                here.iter().filter(|choices| choices.iter().any(|(id, _)| funded.contains(id))).count(),
            )
            .unwrap_or(i64::MAX),
        }
    };
    let funded_by = |result: &TerritoryResult, id: i64| result.projects.iter().any(|p| p.id == id && p.funded);
    Ok(TerritoryComparison {
        territory_name: envelope.territory_name.clone(),
        envelope_cents: envelope.amount_cents,
        currency: envelope.currency.clone(),
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
        let ballots = approvals(&[&[1, 2, 99], &[1, 2], &[1, 3], &[2], &[99], &[4]]);
        let compared = compare_territory(&artois(), &entries(), &ballots, 0).unwrap();
        let shares =
            tally_territory(&artois(), &entries(), &ballots, Counting::approval(CountingRule::EqualShares, 0)).unwrap();
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
            .filter(|choices| choices.iter().any(|(id, _)| shares.projects.iter().any(|p| p.id == *id && p.funded)))
            .count();
        assert_eq!(compared.equal_shares.satisfied, satisfied as i64);
    }

    fn artois() -> Envelope {
        Envelope {
            territory_id: 1,
            territory_name: "Artois".into(),
            amount_cents: 50_000 * 100,
            currency: "EUR".into(),
        }
    }

    fn approvals(ballots: &[&[i64]]) -> Vec<CountedBallot> {
        ballots.iter().map(|ids| approval(ids)).collect()
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
        let ballots = approvals(&[&[1, 2, 99], &[1, 2], &[1, 3], &[2], &[99]]);
        let result =
            tally_territory(&artois(), &entries(), &ballots, Counting::approval(CountingRule::Greedy, 0)).unwrap();
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
        let ballots = approvals(&[&[1], &[1], &[3]]);
        let result =
            tally_territory(&artois(), &entries(), &ballots, Counting::approval(CountingRule::Greedy, 2)).unwrap();
        let three = result.projects.iter().find(|p| p.id == 3).unwrap();
        assert!(!three.funded);
        assert_eq!(three.reason, "Non financé : 1 voix, sous le minimum de 2 voix");
    }

    #[test]
    fn equal_shares_is_available() {
        let ballots = approvals(&[&[1], &[1], &[3, 4]]);
        let result =
            tally_territory(&artois(), &entries(), &ballots, Counting::approval(CountingRule::EqualShares, 0)).unwrap();
        assert!(result.projects.iter().any(|p| p.funded));
    }

    fn by_points(rule: CountingRule, min_votes: i64) -> Counting {
        Counting { rule, min_votes, points: true }
    }

    #[test]
    fn cumulative_ballots_count_by_points_in_their_currency() {
        // Project 1 gets 2 voters but 3 points; project 3 gets 1 voter and 8 points.
        let ballots = vec![vec![(1, 2), (3, 8)], vec![(1, 1), (2, 1)], vec![(99, 5)]];
        let zloty = Envelope { currency: "PLN".into(), amount_cents: 35_000 * 100, ..artois() };
        let result = tally_territory(&zloty, &entries(), &ballots, by_points(CountingRule::Greedy, 0)).unwrap();
        let scores: Vec<(i64, i64)> = result.projects.iter().map(|p| (p.id, p.votes)).collect();
        assert_eq!(scores, vec![(3, 8), (1, 3), (2, 1), (4, 0)]);
        let funded: Vec<i64> = result.projects.iter().filter(|p| p.funded).map(|p| p.id).collect();
        assert_eq!(funded, vec![3, 2]);
        assert_eq!(result.currency, "PLN");
        let one = result.projects.iter().find(|p| p.id == 1).unwrap();
        assert_eq!(
            one.reason,
            "Non financé : ne rentrait plus dans l'enveloppe (30\u{202f}000\u{a0}zł demandés, 25\u{202f}000\u{a0}zł restants)"
        );
        let four = result.projects.iter().find(|p| p.id == 4).unwrap();
        assert_eq!(four.reason, "Non financé : aucun point");
        let threshold = tally_territory(&zloty, &entries(), &ballots, by_points(CountingRule::Greedy, 4)).unwrap();
        let two = threshold.projects.iter().find(|p| p.id == 2).unwrap();
        assert_eq!(two.reason, "Non financé : 1 point, sous le minimum de 4 points");
        assert!(
            tally_territory(&zloty, &entries(), &ballots, by_points(CountingRule::EqualShares, 0)).is_err(),
            "equal shares needs approval"
        );
        // The campaign says points, even where every voter happened to give one point per choice.
        let single_points =
            tally_territory(&zloty, &entries(), &[vec![(1, 1)]], by_points(CountingRule::Greedy, 2)).unwrap();
        let one = single_points.projects.iter().find(|p| p.id == 1).unwrap();
        assert_eq!(one.reason, "Non financé : 1 point, sous le minimum de 2 points");
    }
}
