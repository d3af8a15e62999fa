//! A Pabulib file as a closed campaign, read-only: its projects, its ballots as they were cast and
//! its counting rule, ready to store. Pure: the store writes the plan as it is.
use super::{Ballot, PbFile, THRESHOLD_META_KEY, VoteType, instance_from_pb};
use crate::budget::model::CountingRule;
use crate::platform::text::slug_of;
use chrono::NaiveDate;

/// What an imported campaign holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub title: String,
    pub slug: String,
    pub description: String,
    /// The area the whole budget covers: the file's unit, and its subunit when it has one.
    pub territory: String,
    /// Hundredths of `currency`, as every amount of the campaign.
    pub budget_cents: i64,
    /// The file's ISO 4217 code, `EUR` when it names none.
    pub currency: String,
    /// The file's ballot format, as `.pb` files spell it.
    pub vote_type: &'static str,
    /// The file's rule, as campaigns count.
    pub rule: CountingRule,
    /// The minimum number of votes a project needs (the file's threshold), or 0.
    pub min_votes: i64,
    pub vote_opens_at: i64,
    pub vote_closes_at: i64,
    /// How many projects a ballot could choose.
    pub choices: i64,
    pub projects: Vec<ImportedProject>,
    /// Per ballot: (index in `projects`, points); approval ballots give each choice one point.
    pub ballots: Vec<Vec<(usize, i64)>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedProject {
    /// The id as written in the file, kept so exports and results name projects as the file did.
    pub file_id: String,
    pub title: String,
    pub category: String,
    pub cost_cents: i64,
}

/// A file's `dd.mm.yyyy` date as the Unix time of that day's start (UTC), or of the next day's
/// start when `end_of_day`.
fn day(raw: Option<&str>, end_of_day: bool) -> Result<i64, String> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else { return Ok(0) };
    let date = NaiveDate::parse_from_str(raw, "%d.%m.%Y").map_err(|_| format!("date illisible « {raw} »"))?;
    let date = if end_of_day { date.succ_opt().unwrap_or(date) } else { date };
    Ok(date.and_hms_opt(0, 0, 0).map_or(0, |time| time.and_utc().timestamp()))
}

/// A ballot with each project once, as the store keeps it: a project named twice on a points
/// ballot gets the sum of its points (as the file's stated scores count it), on an approval ballot
/// one approval.
fn one_entry_per_project(ballot: Ballot) -> Vec<(usize, i64)> {
    let (pairs, add) = match ballot {
        Ballot::Approval(chosen) => (chosen.into_iter().map(|index| (index, 1)).collect(), false),
        Ballot::Points(pairs) => (pairs, true),
    };
    let mut merged: Vec<(usize, i64)> = Vec::with_capacity(pairs.len());
    for (index, points) in pairs {
        match merged.iter_mut().find(|(seen, _)| *seen == index) {
            Some((_, total)) if add => *total += points,
            Some(_) => {}
            None => merged.push((index, points)),
        }
    }
    merged
}

/// Plans the import of `file`, in its own currency and with its ballots' points.
pub fn plan_import(file: &PbFile) -> Result<ImportPlan, String> {
    let written = file.meta_value("currency").map(str::trim).unwrap_or("EUR");
    if written.len() != 3 || !written.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return Err(format!("monnaie illisible « {written} » : un code de trois lettres est attendu (EUR, PLN…)"));
    }
    let currency = written.to_ascii_uppercase();
    let instance = instance_from_pb(file)?;
    let vote_type = file.vote_type()?;
    let unit = file.meta_value("unit").map(str::trim).filter(|unit| !unit.is_empty()).unwrap_or("Pabulib");
    let edition = file.meta_value("instance").map(str::trim).unwrap_or("");
    let territory = match file.meta_value("subunit").map(str::trim).filter(|sub| !sub.is_empty()) {
        Some(subunit) => format!("{unit} — {subunit}"),
        None => unit.to_string(),
    };
    let title = format!("Budget participatif {territory} {edition}").trim_end().to_string();
    let rule_name = file.meta_value("rule").map(str::trim).unwrap_or("greedy");
    let rule = if rule_name.starts_with("equalshares") { CountingRule::EqualShares } else { CountingRule::Greedy };
    let by_points = matches!(vote_type, VoteType::Cumulative | VoteType::Scoring);
    if rule == CountingRule::EqualShares && by_points {
        return Err("la méthode des parts égales ne compte que des votes par approbation".to_string());
    }
    let min_votes = if rule_name == "greedy-threshold" { file.meta_int(THRESHOLD_META_KEY)?.unwrap_or(0) } else { 0 };
    let projects = file
        .projects
        .iter()
        .map(|project| ImportedProject {
            file_id: project.id.clone(),
            title: project.name.clone().unwrap_or_else(|| format!("Projet {}", project.id)),
            category: project.extra.get("category").cloned().unwrap_or_default(),
            cost_cents: project.cost * 100,
        })
        .collect();
    let ballots = instance.ballots.into_iter().map(one_entry_per_project).collect();
    Ok(ImportPlan {
        slug: slug_of(&format!("pabulib {territory} {edition}")),
        description: format!(
            "Campagne importée d'un fichier Pabulib ({}) : projets, bulletins et règle de décompte tels que publiés. \
             Elle se consulte, elle ne se modifie pas.",
            file.meta_value("description").map(str::trim).unwrap_or("sans description")
        ),
        title,
        territory,
        budget_cents: instance.budget * 100,
        currency,
        vote_type: vote_type.as_str(),
        rule,
        min_votes,
        vote_opens_at: day(file.meta_value("date_begin"), false)?,
        vote_closes_at: day(file.meta_value("date_end"), true)?,
        choices: file.meta_int("max_length")?.unwrap_or(i64::try_from(file.projects.len()).unwrap_or(i64::MAX)),
        projects,
        ballots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> PbFile {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../reference/pabulib/");
        PbFile::parse(&std::fs::read_to_string(format!("{dir}{name}")).unwrap()).unwrap()
    }

    #[test]
    fn toulouse_2024_becomes_a_closed_campaign_in_euros() {
        let plan = plan_import(&load("France_Toulouse_2024.pb")).unwrap();
        assert_eq!(plan.title, "Budget participatif Toulouse 2024");
        assert_eq!(plan.slug, "pabulib-toulouse-2024");
        assert_eq!((plan.territory.as_str(), plan.budget_cents), ("Toulouse", 800_000_000));
        assert_eq!((plan.rule, plan.min_votes, plan.choices), (CountingRule::Greedy, 0, 3));
        assert_eq!(plan.projects.len(), 183);
        assert_eq!(plan.projects[0].file_id, "245");
        assert_eq!(plan.projects[0].cost_cents, 10_000_000);
        assert_eq!(plan.projects[0].category, "Nature en ville et biodiversité");
        assert_eq!(plan.ballots.len(), 7260);
        assert!(plan.ballots.iter().flatten().all(|(_, points)| *points == 1));
        // 1 June 2024 00:00 UTC to the end of 4 July 2024.
        assert_eq!((plan.vote_opens_at, plan.vote_closes_at), (1_717_200_000, 1_720_137_600));
    }

    #[test]
    fn a_district_file_names_its_subunit() {
        let plan = plan_import(&load("France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb")).unwrap();
        assert_eq!(plan.territory, "Toulouse — 1 - Capitole / Arnaud Bernard / Carmes");
        assert_eq!(plan.slug, "pabulib-toulouse-1-capitole-arnaud-bernard-carmes-2022");
    }

    #[test]
    fn a_cumulative_file_keeps_its_currency_and_points() {
        let plan = plan_import(&load("Poland_Czestochowa_2020.pb")).unwrap();
        assert_eq!((plan.currency.as_str(), plan.vote_type, plan.rule), ("PLN", "cumulative", CountingRule::Greedy));
        assert_eq!(plan.budget_cents, 236_712_200);
        assert_eq!(plan.ballots.len(), 16_978);
        let first_project_points: i64 =
            plan.ballots.iter().flatten().filter(|(index, _)| *index == 0).map(|(_, points)| points).sum();
        assert_eq!((plan.projects[0].file_id.as_str(), first_project_points), ("409", 12_822));
        // Voter 13026 named project 579 four times with a point each: one entry of 4 points.
        let index = plan.projects.iter().position(|project| project.file_id == "579").unwrap();
        assert!(plan.ballots.iter().any(|ballot| ballot == &vec![(index, 4)]));
        assert!(plan.ballots.iter().all(|ballot| {
            ballot.iter().enumerate().all(|(at, (project, _))| ballot[..at].iter().all(|(seen, _)| seen != project))
        }));
        let swiecie = plan_import(&load("Poland_Swiecie_2023.pb")).unwrap();
        assert_eq!(
            (swiecie.currency.as_str(), swiecie.vote_type, swiecie.rule),
            ("PLN", "approval", CountingRule::EqualShares)
        );
    }

    #[test]
    fn unreadable_currencies_and_equal_shares_over_points_are_refused() {
        let text = "META\nkey;value\nbudget;30\nvote_type;cumulative\nrule;equalshares\ncurrency;PLN\n\
            PROJECTS\nproject_id;cost\na;20\nVOTES\nvoter_id;vote;points\n1;a;3\n";
        let refused = |text: &str| plan_import(&PbFile::parse(text).unwrap()).unwrap_err();
        assert_eq!(refused(text), "la méthode des parts égales ne compte que des votes par approbation");
        assert_eq!(
            refused(&text.replace("PLN", "złoty")),
            "monnaie illisible « złoty » : un code de trois lettres est attendu (EUR, PLN…)"
        );
    }

    #[test]
    fn rules_thresholds_and_points_come_from_the_file() {
        let text = "META\nkey;value\nbudget;30\nvote_type;cumulative\nrule;greedy-threshold\n\
            min_project_score_threshold;4\ncurrency;EUR\n\
            PROJECTS\nproject_id;cost;name\na;20;Abris\nb;10;Bancs\n\
            VOTES\nvoter_id;vote;points\n1;a,b;3,2\n2;b;5\n";
        let plan = plan_import(&PbFile::parse(text).unwrap()).unwrap();
        assert_eq!((plan.rule, plan.min_votes, plan.choices), (CountingRule::Greedy, 4, 2));
        assert_eq!(plan.ballots, vec![vec![(0, 3), (1, 2)], vec![(1, 5)]]);
        assert_eq!((plan.vote_opens_at, plan.vote_closes_at), (0, 0));
        let mes = text.replace("greedy-threshold", "equalshares/add1").replace("cumulative", "approval");
        let mes = mes.replace("voter_id;vote;points\n1;a,b;3,2\n2;b;5", "voter_id;vote\n1;a,b\n2;b");
        assert_eq!(plan_import(&PbFile::parse(&mes).unwrap()).unwrap().rule, CountingRule::EqualShares);
        assert_eq!(day(Some("31.02.2024"), false), Err("date illisible « 31.02.2024 »".to_string()));
    }
}
