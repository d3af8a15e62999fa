//! Campaigns: their creation (by staff or from a Pabulib file), envelopes, the public journal of
//! staff acts, and the publication of results.
use super::*;
use crate::budget::domain::{campaign::CampaignDraft, import::ImportPlan};
use crate::budget::model::{
    Campaign, CampaignSummary, CountingRule, Envelope, ProjectStatus, ResultsVisibility, Scope, StaffAct, StaffActKind,
};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
    session,
};

pub struct NewCampaign<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub rules_text: &'a str,
    pub vote_opens_at: i64,
    pub vote_closes_at: i64,
    pub choices: i64,
    pub scope: Scope,
    pub results_visibility: ResultsVisibility,
    pub ballot_changeable: bool,
    pub submission_opens_at: i64,
    pub submission_closes_at: i64,
}

pub async fn insert_campaign(pool: &Pool, campaign: &NewCampaign<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO budget_campaigns (slug, title, description, rules_text, vote_opens_at, vote_closes_at, choices, \
         scope, results_visibility, ballot_changeable, submission_opens_at, submission_closes_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(campaign.slug)
    .bind(campaign.title)
    .bind(campaign.description)
    .bind(campaign.rules_text)
    .bind(campaign.vote_opens_at)
    .bind(campaign.vote_closes_at)
    .bind(campaign.choices)
    .bind(campaign.scope.as_str())
    .bind(campaign.results_visibility.as_str())
    .bind(i64::from(campaign.ballot_changeable))
    .bind(campaign.submission_opens_at)
    .bind(campaign.submission_closes_at)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// Stores a campaign built by staff with its envelopes, all or nothing. `None` when its address
/// (from its title) is taken already.
pub async fn create_campaign(pool: &Pool, draft: &CampaignDraft) -> Result<Option<i64>, AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO budget_campaigns (slug, title, description, rules_text, submission_opens_at, \
         submission_closes_at, vote_opens_at, vote_closes_at, choices, exact_choices, min_age, scope, \
         ballot_changeable, results_visibility, rule, min_votes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(&draft.slug)
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(&draft.rules_text)
    .bind(draft.submission_opens_at)
    .bind(draft.submission_closes_at)
    .bind(draft.vote_opens_at)
    .bind(draft.vote_closes_at)
    .bind(draft.choices)
    .bind(i64::from(draft.exact_choices))
    .bind(draft.min_age)
    .bind(draft.scope.as_str())
    .bind(i64::from(draft.ballot_changeable))
    .bind(draft.results_visibility.as_str())
    .bind(draft.rule.as_str())
    .bind(draft.min_votes)
    .bind(db::now())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = row else { return Ok(None) };
    for (territory_id, amount_cents) in &draft.envelopes {
        sqlx::query("INSERT INTO budget_envelopes (campaign_id, territory_id, amount_cents) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(territory_id)
            .bind(amount_cents)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

pub async fn insert_envelope(
    pool: &Pool,
    campaign_id: i64,
    territory_id: i64,
    amount_cents: i64,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO budget_envelopes (campaign_id, territory_id, amount_cents) VALUES ($1, $2, $3)")
        .bind(campaign_id)
        .bind(territory_id)
        .bind(amount_cents)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn campaign_by_slug(pool: &Pool, slug: &str) -> Result<Campaign, AppError> {
    sqlx::query_as(&format!("SELECT {CAMPAIGN_COLUMNS} FROM budget_campaigns WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The campaign a project belongs to.
pub async fn campaign_of_project(pool: &Pool, project_id: i64) -> Result<Campaign, AppError> {
    sqlx::query_as(&format!(
        "SELECT {CAMPAIGN_COLUMNS} FROM budget_campaigns WHERE id = (SELECT campaign_id FROM budget_projects \
         WHERE id = $1)"
    ))
    .bind(project_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn campaigns(pool: &Pool) -> Result<Vec<CampaignSummary>, AppError> {
    let rows: Vec<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, slug, title, description, vote_opens_at, vote_closes_at FROM budget_campaigns \
         ORDER BY vote_opens_at DESC",
    )
    .fetch_all(pool)
    .await?;
    let territories: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.campaign_id, t.name FROM budget_envelopes e JOIN territories t ON t.id = e.territory_id ORDER BY t.name",
    )
    .fetch_all(pool)
    .await?;
    let labelled: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT campaign_id, COUNT(*) FROM budget_projects WHERE status = 'labelled' GROUP BY campaign_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, title, description, vote_opens_at, vote_closes_at)| CampaignSummary {
            slug,
            title,
            description,
            vote_opens_at,
            vote_closes_at,
            territories: territories.iter().filter(|(c, _)| *c == id).map(|(_, name)| name.clone()).collect(),
            labelled: labelled.iter().find(|(c, _)| *c == id).map_or(0, |(_, n)| *n),
        })
        .collect())
}

pub async fn envelopes(pool: &Pool, campaign_id: i64) -> Result<Vec<Envelope>, AppError> {
    Ok(sqlx::query_as(
        "SELECT e.territory_id, t.name AS territory_name, e.amount_cents, c.currency FROM budget_envelopes e \
         JOIN territories t ON t.id = e.territory_id JOIN budget_campaigns c ON c.id = e.campaign_id \
         WHERE e.campaign_id = $1 ORDER BY t.name",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await?)
}

/// Stores an imported campaign as a closed, published record: its area, its envelope, its projects
/// (labelled) and its ballots (under random ids, as any ballot). `None` when its address is taken.
pub async fn import_campaign(pool: &Pool, plan: &ImportPlan) -> Result<Option<i64>, AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM budget_campaigns WHERE slug = $1")
        .bind(&plan.slug)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Ok(None);
    }
    let now = db::now();
    let (territory,): (i64,) =
        sqlx::query_as("INSERT INTO territories (slug, name, kind) VALUES ($1, $2, 'pabulib') RETURNING id")
            .bind(&plan.slug)
            .bind(&plan.territory)
            .fetch_one(&mut *tx)
            .await?;
    let rules_text = match (plan.rule, plan.min_votes) {
        (CountingRule::EqualShares, _) => "Décompte par la méthode des parts égales, complétée par Add1.".to_string(),
        (_, 0) => "Décompte glouton : les projets les plus soutenus, tant que l'enveloppe le permet.".to_string(),
        (_, threshold) => format!(
            "Décompte glouton parmi les projets ayant recueilli au moins {threshold} voix, tant que l'enveloppe le permet."
        ),
    };
    let (campaign,): (i64,) = sqlx::query_as(
        "INSERT INTO budget_campaigns (slug, title, description, rules_text, vote_opens_at, vote_closes_at, choices, \
         scope, results_visibility, results_published_at, rule, min_votes, min_age, created_at, currency, vote_type) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $13, $14, $8, $9, $10, 0, $8, $11, $12) RETURNING id",
    )
    .bind(&plan.slug)
    .bind(&plan.title)
    .bind(&plan.description)
    .bind(&rules_text)
    .bind(plan.vote_opens_at)
    .bind(plan.vote_closes_at)
    .bind(plan.choices)
    .bind(now)
    .bind(plan.rule.as_str())
    .bind(plan.min_votes)
    .bind(&plan.currency)
    .bind(plan.vote_type)
    .bind(Scope::Campaign.as_str())
    .bind(ResultsVisibility::Published.as_str())
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO budget_envelopes (campaign_id, territory_id, amount_cents) VALUES ($1, $2, $3)")
        .bind(campaign)
        .bind(territory)
        .bind(plan.budget_cents)
        .execute(&mut *tx)
        .await?;
    let mut project_ids = Vec::with_capacity(plan.projects.len());
    for project in &plan.projects {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO budget_projects (campaign_id, territory_id, title, summary, description, category, \
             cost_cents, status, created_at) VALUES ($1, $2, $3, $4, '', $5, $6, $8, $7) RETURNING id",
        )
        .bind(campaign)
        .bind(territory)
        .bind(&project.title)
        .bind(format!("Projet n° {} du fichier Pabulib.", project.file_id))
        .bind(&project.category)
        .bind(project.cost_cents)
        .bind(now)
        .bind(ProjectStatus::Labelled.as_str())
        .fetch_one(&mut *tx)
        .await?;
        project_ids.push(id);
    }
    let ballots: Vec<NewBallot> = plan
        .ballots
        .iter()
        .map(|chosen| NewBallot {
            id: db::random_id(),
            campaign_id: campaign,
            receipt_tag: session::random_token(),
            voter_tag: None,
            paper: false,
            choices: chosen.iter().map(|(index, points)| (project_ids[*index], *points)).collect(),
        })
        .collect();
    insert_ballots(&mut tx, ballots, TallyChange::default()).await?;
    tx.commit().await?;
    Ok(Some(campaign))
}

/// Writes a staff act into its campaign's journal, in the transaction of the act itself.
pub(super) async fn record_act(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    campaign_id: i64,
    editor: &ProjectEditor<'_>,
    act: StaffActKind,
    project_id: Option<i64>,
    ballots: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO budget_staff_acts (campaign_id, actor_id, actor_name, act, project_id, ballots, acted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(campaign_id)
    .bind(editor.id)
    .bind(editor.name)
    .bind(act.as_str())
    .bind(project_id)
    .bind(ballots)
    .bind(db::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A campaign's journal, oldest act first. Titles of projects that are not labelled are left out
/// unless `reviewer` (the act stays, with the project's number).
pub async fn staff_acts(pool: &Pool, campaign_id: i64, reviewer: bool) -> Result<Vec<StaffAct>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.acted_at, a.actor_name, a.act, a.project_id, \
         CASE WHEN p.status = 'labelled' OR $2 = 1 THEN p.title END AS project_title, a.ballots \
         FROM budget_staff_acts a LEFT JOIN budget_projects p ON p.id = a.project_id \
         WHERE a.campaign_id = $1 ORDER BY a.id",
    )
    .bind(campaign_id)
    .bind(i64::from(reviewer))
    .fetch_all(pool)
    .await?)
}

/// Opens the results to everyone, counted under `rule`.
pub async fn publish_results(pool: &Pool, campaign_id: i64, rule: CountingRule, now: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE budget_campaigns SET rule = $2, results_visibility = $4, \
         results_published_at = $3 WHERE id = $1",
    )
    .bind(campaign_id)
    .bind(rule.as_str())
    .bind(now)
    .bind(ResultsVisibility::Published.as_str())
    .execute(pool)
    .await?;
    Ok(())
}
