//! What counts read: every ballot for the results, the fingerprint they are kept under, and the
//! organisers' live figures from the running totals.
use super::*;
use crate::budget::domain::tally::CountedBallot;
use crate::budget::model::{Campaign, LiveTally, ProjectVotes, TerritoryTally};
use crate::platform::identity::latest_birth_date;
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};
use std::collections::BTreeMap;

/// Every ballot's chosen projects with their points (no voter in sight), and how many ballots
/// were on paper.
pub async fn ballots(pool: &Pool, campaign_id: i64) -> Result<(Vec<CountedBallot>, i64), AppError> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT c.ballot_id, c.project_id, c.points FROM budget_ballot_choices c \
         JOIN budget_ballots b ON b.id = c.ballot_id WHERE b.campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await?;
    let mut grouped: BTreeMap<i64, CountedBallot> = BTreeMap::new();
    for (ballot, project, points) in rows {
        grouped.entry(ballot).or_default().push((project, points));
    }
    let (paper,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM budget_ballots WHERE campaign_id = $1 AND paper = 1")
        .bind(campaign_id)
        .fetch_one(pool)
        .await?;
    Ok((grouped.into_values().collect(), paper))
}

/// What a campaign's results are computed from, in one cheap read: its ballot counts and how many
/// writes changed them, its projects and their last edit (statuses and costs), its envelopes.
pub async fn results_fingerprint(pool: &Pool, campaign_id: i64) -> Result<String, AppError> {
    let row: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT \
         COALESCE((SELECT ballots FROM budget_ballot_counts WHERE campaign_id = $1), 0), \
         COALESCE((SELECT paper_ballots FROM budget_ballot_counts WHERE campaign_id = $1), 0), \
         COALESCE((SELECT changes FROM budget_ballot_counts WHERE campaign_id = $1), 0), \
         (SELECT COUNT(*) FROM budget_projects WHERE campaign_id = $1), \
         COALESCE((SELECT MAX(e.id) FROM budget_project_edits e JOIN budget_projects p ON p.id = e.project_id \
                   WHERE p.campaign_id = $1), 0), \
         (SELECT COUNT(*) FROM budget_envelopes WHERE campaign_id = $1), \
         CAST(COALESCE((SELECT SUM(amount_cents) FROM budget_envelopes WHERE campaign_id = $1), 0) AS BIGINT)",
    )
    .bind(campaign_id)
    .fetch_one(pool)
    .await?;
    Ok(format!("{row:?}"))
}

/// Registered residents old enough to vote on the campaign's last voting day, per territory: one
/// pass over the residents, so the live feed reuses it for a while (see `http::live_feed`).
pub async fn eligible_voters(pool: &Pool, campaign: &Campaign) -> Result<Vec<(i64, i64)>, AppError> {
    let last_day =
        chrono::DateTime::from_timestamp(campaign.vote_closes_at - 1, 0).map(|at| at.date_naive()).unwrap_or_default();
    let born_by = latest_birth_date(last_day, i32::try_from(campaign.min_age).unwrap_or(i32::MAX));
    Ok(sqlx::query_as(
        "SELECT territory_id, COUNT(*) FROM users WHERE territory_id IS NOT NULL AND birth_date <= $1 \
         GROUP BY territory_id",
    )
    .bind(born_by.format("%Y-%m-%d").to_string())
    .fetch_all(pool)
    .await?)
}

/// The figures of the organisers' dashboard, from running totals: a few small reads, whatever the
/// number of ballots; `eligible` from `eligible_voters`.
pub async fn live_tally(pool: &Pool, campaign: &Campaign, eligible: &[(i64, i64)]) -> Result<LiveTally, AppError> {
    // One snapshot: a ballot committed between two reads would count in one figure and not the other.
    let mut tx = db::snapshot(pool).await?;
    let votes: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.territory_id, p.title, COALESCE(t.points, 0) FROM budget_projects p \
         LEFT JOIN budget_project_points t ON t.project_id = p.id WHERE p.campaign_id = $1 AND p.status = 'labelled'",
    )
    .bind(campaign.id)
    .fetch_all(&mut *tx)
    .await?;
    let (ballots, paper_ballots): (i64, i64) =
        sqlx::query_as("SELECT ballots, paper_ballots FROM budget_ballot_counts WHERE campaign_id = $1")
            .bind(campaign.id)
            .fetch_optional(&mut *tx)
            .await?
            .unwrap_or_default();
    let voters: Vec<(i64, i64)> =
        sqlx::query_as("SELECT territory_id, voters FROM budget_turnout WHERE campaign_id = $1")
            .bind(campaign.id)
            .fetch_all(&mut *tx)
            .await?;
    tx.commit().await?;
    let count_of =
        |rows: &[(i64, i64)], territory: i64| rows.iter().find(|(id, _)| *id == territory).map_or(0, |(_, n)| *n);
    let territories = envelopes(pool, campaign.id)
        .await?
        .into_iter()
        .map(|envelope| {
            let mut projects: Vec<ProjectVotes> = votes
                .iter()
                .filter(|(_, territory, _, _)| *territory == envelope.territory_id)
                .map(|(id, _, title, votes)| ProjectVotes { id: *id, title: title.clone(), votes: *votes })
                .collect();
            projects.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.title.cmp(&b.title)));
            TerritoryTally {
                territory_name: envelope.territory_name,
                voters: count_of(&voters, envelope.territory_id),
                eligible: count_of(eligible, envelope.territory_id),
                projects,
            }
        })
        .collect();
    Ok(LiveTally { slug: campaign.slug.clone(), title: campaign.title.clone(), ballots, paper_ballots, territories })
}
