//! A campaign's territory as a Pabulib file (META / PROJECTS / VOTES), so that researchers and other
//! tools can recount it. Pure: the caller passes the counted territory and the ballots.
use super::tally::CountedBallot;
use super::{PbFile, PbProject, PbVote, VoteType};
use crate::budget::model::{CountingRule, TerritoryResult};
use std::collections::BTreeMap;

/// What the file says about the campaign besides the count.
pub struct PbHeader<'a> {
    pub campaign_title: &'a str,
    /// Most projects a ballot may choose.
    pub max_choices: i64,
    /// The campaign's counting rule.
    pub rule: CountingRule,
    /// Ballots give points (a cumulative file, scores in points) rather than one vote per choice.
    pub points: bool,
}

/// Amounts as the format's integers; costs that are not whole units are rounded up, so that a file
/// never shows a project cheaper than it is.
fn whole_units(cents: i64) -> i64 {
    (cents + 99).div_euclid(100)
}

/// The territory's labelled projects (votes, outcome) and the ballots that chose among them, each
/// under a sequential voter id that says nothing of the voter. Choices outside the territory are
/// left out, and ballots left empty are dropped. A campaign counting points makes a cumulative
/// file, with each project's score in points.
pub fn territory_pb(header: &PbHeader, territory: &TerritoryResult, ballots: &[CountedBallot]) -> PbFile {
    let here = |id: &i64| territory.projects.iter().any(|project| project.id == *id);
    let cumulative = header.points;
    let votes: Vec<PbVote> = ballots
        .iter()
        .map(|choices| choices.iter().filter(|(id, _)| here(id)).collect::<Vec<_>>())
        .filter(|vote| !vote.is_empty())
        .enumerate()
        .map(|(index, vote)| PbVote {
            voter_id: (index + 1).to_string(),
            vote: vote.iter().map(|(id, _)| id.to_string()).collect(),
            points: cumulative.then(|| vote.iter().map(|(_, points)| *points).collect()),
            extra: BTreeMap::new(),
        })
        .collect();
    let projects = territory
        .projects
        .iter()
        .map(|project| PbProject {
            id: project.id.to_string(),
            cost: whole_units(project.cost_cents),
            votes: (!cumulative).then_some(project.votes),
            score: cumulative.then_some(project.votes),
            name: Some(project.title.clone()),
            selected: Some(project.funded),
            extra: BTreeMap::new(),
        })
        .collect::<Vec<_>>();
    let rule = match header.rule {
        CountingRule::Greedy => "greedy",
        CountingRule::EqualShares => "equalshares/add1",
    };
    let meta = [
        ("description", format!("{} — {}", header.campaign_title, territory.territory_name)),
        ("country", "France".to_string()),
        ("unit", territory.territory_name.clone()),
        ("instance", header.campaign_title.to_string()),
        ("num_projects", projects.len().to_string()),
        ("num_votes", votes.len().to_string()),
        ("budget", whole_units(territory.envelope_cents).to_string()),
        ("vote_type", if cumulative { VoteType::Cumulative } else { VoteType::Approval }.as_str().to_string()),
        ("rule", rule.to_string()),
        ("max_length", header.max_choices.to_string()),
        ("currency", territory.currency.clone()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_string(), value))
    .collect();
    PbFile { meta, projects, votes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::domain::tally::{Counting, Entry, approval, tally_territory};
    use crate::budget::domain::{Rule, compute, parse_pb, to_pb_string};
    use crate::budget::model::Envelope;

    #[test]
    fn the_file_recounts_to_the_same_outcome_and_names_no_voter() {
        let envelope = Envelope {
            territory_id: 7,
            territory_name: "Artois; Nord".into(),
            amount_cents: 40_000 * 100,
            currency: "EUR".into(),
        };
        let projects: Vec<Entry> = [(1, 3_000_000), (2, 2_500_000), (3, 1_000_000), (4, 500_050)]
            .into_iter()
            .map(|(id, cost_cents)| Entry { id, title: format!("Projet « {id} »"), cost_cents })
            .collect();
        let ballots: Vec<CountedBallot> =
            [&[1, 2, 99][..], &[1, 2], &[1, 3], &[2], &[99], &[4, 3]].into_iter().map(approval).collect();
        let counted = tally_territory(
            &envelope,
            &projects,
            &ballots,
            Counting { rule: CountingRule::Greedy, min_votes: 0, points: false },
        )
        .unwrap();
        let header = PbHeader {
            campaign_title: "Budget citoyen 2024",
            max_choices: 3,
            rule: CountingRule::Greedy,
            points: false,
        };
        let file = territory_pb(&header, &counted, &ballots);

        let text = to_pb_string(&file);
        let parsed = parse_pb(&text).unwrap();
        assert_eq!(parsed, file, "the text reads back to the same file");
        assert_eq!(parsed.meta_value("num_votes"), Some("5"), "the ballot for another territory is left out");
        assert_eq!(parsed.meta_value("budget"), Some("40000"));
        let four = parsed.projects.iter().find(|p| p.id == "4").unwrap();
        assert_eq!(four.cost, 5_001, "rounded up to the euro");
        let voters: Vec<&str> = parsed.votes.iter().map(|v| v.voter_id.as_str()).collect();
        assert_eq!(voters, ["1", "2", "3", "4", "5"]);

        let mut recounted = compute(&parsed, Rule::Greedy).unwrap();
        recounted.sort();
        let mut funded: Vec<String> = counted.projects.iter().filter(|p| p.funded).map(|p| p.id.to_string()).collect();
        funded.sort();
        assert_eq!(recounted, funded);
    }
}
