//! All SQL about the citizen budget: campaigns, envelopes, projects, participations and ballots.
use super::ballot::receipt_mail;
use super::domain::{
    campaign::CampaignDraft,
    image::ProjectImage,
    import::ImportPlan,
    submission::{Change, ProjectFields},
};
use super::model::{
    Campaign, CampaignSummary, Envelope, LiveTally, ProjectCard, ProjectEdit, ProjectView, ProjectVotes, StaffAct,
    StaffActKind, TerritoryTally, status_text,
};
use super::tally::CountedBallot;
use crate::platform::identity::latest_birth_date;
use crate::platform::{
    db::{self, Pool},
    error::AppError,
    mail,
    secrets::HashKey,
    session,
};
use rand::Rng;
use std::collections::{BTreeMap, HashMap, HashSet};

const CAMPAIGN_COLUMNS: &str = "id, slug, title, description, rules_text, vote_opens_at, vote_closes_at, choices, \
     exact_choices, min_age, scope, ballot_changeable, results_visibility, results_published_at, rule, min_votes, \
     submission_opens_at, submission_closes_at, currency, vote_type";

const CARD_COLUMNS: &str = "p.id, p.territory_id, t.name AS territory_name, p.title, p.summary, p.category, \
     p.cost_cents, p.status, p.rejection_reason, p.merged_into, m.title AS merged_into_title, \
     i.description AS image_description, i.uploaded_at AS image_version";

/// The projects with their territory, their image if any and, for a merged duplicate, the project kept.
const PROJECTS_JOINED: &str = "budget_projects p JOIN territories t ON t.id = p.territory_id \
     LEFT JOIN budget_projects m ON m.id = p.merged_into LEFT JOIN budget_project_images i ON i.project_id = p.id";

pub struct NewCampaign<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub rules_text: &'a str,
    pub vote_opens_at: i64,
    pub vote_closes_at: i64,
    pub choices: i64,
    pub scope: &'a str,
    pub results_visibility: &'a str,
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
    .bind(campaign.scope)
    .bind(campaign.results_visibility)
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
    .bind(&draft.scope)
    .bind(i64::from(draft.ballot_changeable))
    .bind(&draft.results_visibility)
    .bind(&draft.rule)
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

pub struct NewProject<'a> {
    pub campaign_id: i64,
    pub territory_id: i64,
    pub author_id: Option<i64>,
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub cost_cents: i64,
}

pub async fn insert_project(pool: &Pool, project: &NewProject<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO budget_projects (campaign_id, territory_id, author_id, title, summary, description, category, \
         cost_cents, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(project.campaign_id)
    .bind(project.territory_id)
    .bind(project.author_id)
    .bind(project.title)
    .bind(project.summary)
    .bind(project.description)
    .bind(project.category)
    .bind(project.cost_cents)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
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
        ("mes", _) => "Décompte par la méthode des parts égales, complétée par Add1.".to_string(),
        (_, 0) => "Décompte glouton : les projets les plus soutenus, tant que l'enveloppe le permet.".to_string(),
        (_, threshold) => format!(
            "Décompte glouton parmi les projets ayant recueilli au moins {threshold} voix, tant que l'enveloppe le permet."
        ),
    };
    let (campaign,): (i64,) = sqlx::query_as(
        "INSERT INTO budget_campaigns (slug, title, description, rules_text, vote_opens_at, vote_closes_at, choices, \
         scope, results_visibility, results_published_at, rule, min_votes, min_age, created_at, currency, vote_type) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'campaign', 'on_publication', $8, $9, $10, 0, $8, $11, $12) RETURNING id",
    )
    .bind(&plan.slug)
    .bind(&plan.title)
    .bind(&plan.description)
    .bind(&rules_text)
    .bind(plan.vote_opens_at)
    .bind(plan.vote_closes_at)
    .bind(plan.choices)
    .bind(now)
    .bind(plan.rule)
    .bind(plan.min_votes)
    .bind(&plan.currency)
    .bind(plan.vote_type)
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
             cost_cents, status, created_at) VALUES ($1, $2, $3, $4, '', $5, $6, 'labelled', $7) RETURNING id",
        )
        .bind(campaign)
        .bind(territory)
        .bind(&project.title)
        .bind(format!("Projet n° {} du fichier Pabulib.", project.file_id))
        .bind(&project.category)
        .bind(project.cost_cents)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        project_ids.push(id);
    }
    let ballots: Vec<NewBallot> = plan
        .ballots
        .iter()
        .map(|chosen| NewBallot {
            id: random_ballot_id(),
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

/// The projects of the campaign among `ids` (unknown ids are left out), whatever their status.
pub async fn projects_among(pool: &Pool, campaign_id: i64, ids: &[i64]) -> Result<Vec<ProjectCard>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 AND p.id IN {} ORDER BY p.id",
        db::value_rows(1, ids.len(), 2)
    );
    let mut query = sqlx::query_as(&sql).bind(campaign_id);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(pool).await?)
}

/// Every project of the campaign, whatever its status, in submission order.
pub async fn projects(pool: &Pool, campaign_id: i64) -> Result<Vec<ProjectCard>, AppError> {
    Ok(sqlx::query_as(&format!("SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 ORDER BY p.id"))
        .bind(campaign_id)
        .fetch_all(pool)
        .await?)
}

/// The labelled projects of the campaign, the ones on its public list, in submission order.
pub async fn labelled_projects(pool: &Pool, campaign_id: i64) -> Result<Vec<ProjectCard>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 AND p.status = 'labelled' ORDER BY p.id"
    ))
    .bind(campaign_id)
    .fetch_all(pool)
    .await?)
}

pub async fn project(pool: &Pool, campaign_id: i64, project_id: i64) -> Result<ProjectView, AppError> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}, p.description, p.author_id FROM {PROJECTS_JOINED} \
         WHERE p.campaign_id = $1 AND p.id = $2"
    ))
    .bind(campaign_id)
    .bind(project_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The projects `author_id` submitted to the campaign, newest first.
pub async fn projects_by_author(pool: &Pool, campaign_id: i64, author_id: i64) -> Result<Vec<ProjectCard>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM {PROJECTS_JOINED} WHERE p.campaign_id = $1 AND p.author_id = $2 \
         ORDER BY p.id DESC"
    ))
    .bind(campaign_id)
    .bind(author_id)
    .fetch_all(pool)
    .await?)
}

/// Who changed a project.
pub struct ProjectEditor<'a> {
    pub id: i64,
    pub name: &'a str,
}

/// Saves a project's new fields and, in the same transaction, one history row per changed field.
pub async fn update_project(
    pool: &Pool,
    project_id: i64,
    fields: &ProjectFields,
    changes: &[Change],
    editor: &ProjectEditor<'_>,
) -> Result<(), AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE budget_projects SET title = $1, summary = $2, description = $3, category = $4, cost_cents = $5, \
         territory_id = $6 WHERE id = $7",
    )
    .bind(&fields.title)
    .bind(&fields.summary)
    .bind(&fields.description)
    .bind(&fields.category)
    .bind(fields.cost_cents)
    .bind(fields.territory_id)
    .bind(project_id)
    .execute(&mut *tx)
    .await?;
    for change in changes {
        record_edit(&mut tx, project_id, editor, change.field.label(), &change.old, &change.new).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One row of a project's history.
async fn record_edit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    project_id: i64,
    editor: &ProjectEditor<'_>,
    field: &str,
    old: &str,
    new: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO budget_project_edits (project_id, editor_id, editor_name, field, old_value, new_value, \
         edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(project_id)
    .bind(editor.id)
    .bind(editor.name)
    .bind(field)
    .bind(old)
    .bind(new)
    .bind(db::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets or replaces a project's image, and says so in its history.
pub async fn save_image(
    pool: &Pool,
    project: &ProjectView,
    image: &ProjectImage,
    editor: &ProjectEditor<'_>,
) -> Result<(), AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO budget_project_images (project_id, content_type, bytes, description, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id) DO UPDATE SET content_type = excluded.content_type, \
         bytes = excluded.bytes, description = excluded.description, uploaded_at = excluded.uploaded_at",
    )
    .bind(project.id)
    .bind(image.kind.content_type())
    .bind(&image.bytes)
    .bind(&image.description)
    .bind(db::now())
    .execute(&mut *tx)
    .await?;
    let before = project.image_description.as_deref().unwrap_or("");
    record_edit(&mut tx, project.id, editor, "Image", before, &image.description).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a project's image, if it has one.
pub async fn remove_image(pool: &Pool, project: &ProjectView, editor: &ProjectEditor<'_>) -> Result<(), AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let removed = sqlx::query("DELETE FROM budget_project_images WHERE project_id = $1")
        .bind(project.id)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() > 0 {
        let before = project.image_description.as_deref().unwrap_or("");
        record_edit(&mut tx, project.id, editor, "Image", before, "").await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A project's image: its content type and bytes.
pub async fn image(pool: &Pool, project_id: i64) -> Result<(String, Vec<u8>), AppError> {
    sqlx::query_as("SELECT content_type, bytes FROM budget_project_images WHERE project_id = $1")
        .bind(project_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Merges the `duplicate` into the project `kept`: the duplicate leaves review and the vote, the
/// duplicates merged into it before follow it, and both histories say so. Returns the duplicate's
/// author's email, if any, or `None` when another reviewer merged it first.
pub async fn merge_project(
    pool: &Pool,
    campaign_id: i64,
    duplicate: &ProjectView,
    kept: &ProjectView,
    editor: &ProjectEditor<'_>,
) -> Result<Option<Option<String>>, AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let merged = sqlx::query(
        "UPDATE budget_projects SET status = 'merged', merged_into = $1, rejection_reason = NULL \
         WHERE id = $2 AND status <> 'merged'",
    )
    .bind(kept.id)
    .bind(duplicate.id)
    .execute(&mut *tx)
    .await?;
    if merged.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query("UPDATE budget_projects SET merged_into = $1 WHERE merged_into = $2")
        .bind(kept.id)
        .bind(duplicate.id)
        .execute(&mut *tx)
        .await?;
    let status = status_text("merged", None, Some(&kept.title));
    record_edit(&mut tx, duplicate.id, editor, "Statut", &duplicate.status_text(), &status).await?;
    let joined = format!("« {} » fusionné dans ce projet", duplicate.title);
    record_edit(&mut tx, kept.id, editor, "Fusion", "", &joined).await?;
    record_act(&mut tx, campaign_id, editor, StaffActKind::Merged, Some(duplicate.id), None).await?;
    let author: Option<(String,)> =
        sqlx::query_as("SELECT u.email FROM budget_projects p JOIN users u ON u.id = p.author_id WHERE p.id = $1")
            .bind(duplicate.id)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Some(author.map(|(email,)| email)))
}

/// A project's history, newest first.
pub async fn project_edits(pool: &Pool, project_id: i64) -> Result<Vec<ProjectEdit>, AppError> {
    Ok(sqlx::query_as(
        "SELECT editor_name, field, old_value, new_value, edited_at FROM budget_project_edits \
         WHERE project_id = $1 ORDER BY id DESC",
    )
    .bind(project_id)
    .fetch_all(pool)
    .await?)
}

/// A voter's date of birth (`YYYY-MM-DD`) and territory.
pub async fn voter(pool: &Pool, user_id: i64) -> Result<(String, Option<i64>), AppError> {
    sqlx::query_as("SELECT birth_date, territory_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn has_voted(pool: &Pool, campaign_id: i64, user_id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT user_id FROM budget_participations WHERE campaign_id = $1 AND user_id = $2")
        .bind(campaign_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .is_some())
}

/// `A1B2-C3D4-E5F6`: random, so that it says nothing about the voter or the order of ballots.
fn receipt_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let chars: Vec<char> = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    chars.chunks(4).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A signed-in voter; `changeable` where the campaign lets them change their ballot.
pub struct BallotVoter<'a> {
    pub user_id: i64,
    pub changeable: bool,
    pub key: &'a HashKey,
    /// Where the receipt goes (email, campaign title): queued in the ballot's own transaction, so a
    /// ballot is never stored without its receipt nor a receipt sent for a ballot not stored.
    pub receipt_to: Option<(&'a str, &'a str)>,
}

impl BallotVoter<'_> {
    /// This voter's ballot for `project_ids`, ready to store, with a new receipt code.
    pub fn ballot(&self, campaign_id: i64, project_ids: &[i64]) -> VoterBallot {
        let code = receipt_code();
        VoterBallot {
            campaign_id,
            user_id: self.user_id,
            address_key: self.key.derive(ADDRESS_TAG_PURPOSE),
            voter_tag: self.changeable.then(|| voter_tag(self.key, campaign_id, self.user_id)),
            receipt_tag: receipt_tag(self.key, &code),
            project_ids: project_ids.to_vec(),
            receipt_to: self.receipt_to.map(|(email, title)| (email.to_string(), title.to_string())),
            code,
        }
    }
}

/// A voter's ballot waiting to be stored: owns everything, so it can wait in the ballot queue.
#[derive(Debug, Clone)]
pub struct VoterBallot {
    pub campaign_id: i64,
    pub user_id: i64,
    /// Tags the voter's address for their participation.
    address_key: HashKey,
    /// Where the ballot may change, the keyed tag that finds it again.
    voter_tag: Option<String>,
    pub code: String,
    receipt_tag: String,
    project_ids: Vec<i64>,
    receipt_to: Option<(String, String)>,
}

/// Whether a voter's ballot was new or replaced their previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    New,
    Changed,
}

/// Ballots go through the batch queue: one voter once per batch, written by [`cast_ballots`].
impl crate::platform::batch_queue::Batched for VoterBallot {
    type Outcome = Cast;
    type Key = (i64, i64);

    fn key(&self) -> (i64, i64) {
        (self.campaign_id, self.user_id)
    }

    async fn write_all(pool: &Pool, items: &[Self]) -> Result<Vec<Result<Cast, AppError>>, AppError> {
        cast_ballots(pool, items).await
    }
}

/// What the ballot key is derived for to tag voters' addresses.
const ADDRESS_TAG_PURPOSE: &str = "budget-participation-address";

/// The keyed tag of the address a vote came from: one person counts once in a campaign, even after
/// deleting their account and opening another with the same address. Keyed, so that a copy of the
/// database cannot test addresses against it.
fn address_tag(key: &HashKey, campaign_id: i64, email: &str) -> String {
    key.tag(&format!("{campaign_id}:{email}"))
}

/// The keyed tag that lets a voter's changeable ballot be found again, by whoever holds the key.
fn voter_tag(key: &HashKey, campaign_id: i64, user_id: i64) -> String {
    key.tag(&format!("ballot-voter:{campaign_id}:{user_id}"))
}

/// Ballots store their receipt keyed: the code in the voter's email does not find the ballot in a
/// copy of the database.
fn receipt_tag(key: &HashKey, code: &str) -> String {
    key.tag(&format!("ballot-receipt:{code}"))
}

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Rows per multi-row insert: well under every backend's limit on bound values.
const ROWS_PER_STATEMENT: usize = 200;

/// Stores voters' ballots in one transaction, each with its receipt, and says for each whether it
/// was new, replaced the voter's previous ballot, or was refused (then nothing of it is stored).
/// Participations are recorded first: their unique constraint refuses a second ballot, even when
/// both arrive at once, unless the ballot may change — then the ballot carrying the voter's tag is
/// replaced. A handful of statements whatever the number of ballots, since every round trip holds
/// the write turn. `Err` when the transaction failed: then nothing at all is stored. No voter may
/// appear twice in one call (the ballot queue keeps them apart).
pub async fn cast_ballots(pool: &Pool, ballots: &[VoterBallot]) -> Result<Vec<Result<Cast, AppError>>, AppError> {
    let mut voters: Vec<(i64, i64)> = ballots.iter().map(|ballot| (ballot.campaign_id, ballot.user_id)).collect();
    // The same order in every transaction, so two server instances never wait on each other in a cycle.
    voters.sort_unstable();
    if voters.windows(2).any(|pair| pair[0] == pair[1]) {
        tracing::error!("a voter appears twice in one batch of ballots");
        return Err(AppError::Internal);
    }
    // Read before the transaction: on SQLite a transaction that reads first cannot take the write
    // lock once another connection (the mail sender) has written, and fails instead of waiting.
    let emails = voter_emails(pool, &voters).await?;
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    // The day only: the second of a vote would line its voter up with their ballot's transaction.
    let today = db::now().div_euclid(DAY) * DAY;
    let participations: Vec<(i64, i64, String)> = ballots
        .iter()
        .filter_map(|ballot| {
            let email = emails.get(&ballot.user_id)?;
            Some((ballot.campaign_id, ballot.user_id, address_tag(&ballot.address_key, ballot.campaign_id, email)))
        })
        .collect();
    let mut first_time = HashSet::new();
    for chunk in participations.chunks(ROWS_PER_STATEMENT) {
        // Either key refuses a second participation: the account, or the address it votes from.
        let sql = format!(
            "INSERT INTO budget_participations (campaign_id, user_id, address_tag, voted_on) VALUES {} \
             ON CONFLICT DO NOTHING RETURNING campaign_id, user_id",
            db::value_rows(chunk.len(), 4, 1)
        );
        let mut insert = sqlx::query_as::<_, (i64, i64)>(&sql);
        for (campaign_id, user_id, tag) in chunk {
            insert = insert.bind(*campaign_id).bind(*user_id).bind(tag.as_str()).bind(today);
        }
        first_time.extend(insert.fetch_all(&mut *tx).await?);
    }
    let voted_before = participating(&mut tx, &voters).await?;
    // Only a voter with a participation of their own finds a ballot to change: on SQLite a new
    // account may take a deleted account's id, and with it that account's ballot tag.
    let returning = |ballot: &&VoterBallot| {
        let voter = (ballot.campaign_id, ballot.user_id);
        !first_time.contains(&voter) && voted_before.contains(&voter)
    };
    let mut tags: Vec<&str> =
        ballots.iter().filter(returning).filter_map(|ballot| ballot.voter_tag.as_deref()).collect();
    tags.sort_unstable();
    let mut totals = TallyChange::default();
    let mut replaced = HashSet::new();
    for chunk in tags.chunks(ROWS_PER_STATEMENT) {
        replaced.extend(delete_tagged_ballots(&mut tx, chunk, &mut totals).await?);
    }
    let outcomes: Vec<Result<Cast, AppError>> = ballots
        .iter()
        .map(|ballot| match &ballot.voter_tag {
            _ if first_time.contains(&(ballot.campaign_id, ballot.user_id)) => Ok(Cast::New),
            Some(tag) if replaced.contains(tag) => Ok(Cast::Changed),
            _ if !voted_before.contains(&(ballot.campaign_id, ballot.user_id)) => Err(AppError::refused(
                "Un bulletin a déjà été déposé pour cette campagne avec votre adresse électronique, depuis un \
                 compte supprimé depuis : un seul bulletin par personne.",
            )),
            Some(_) => Err(AppError::refused(
                "Votre bulletin ne peut pas être retrouvé pour être modifié (il a été déposé avant que la \
                 modification soit permise, ou il vient d'être modifié ailleurs) : il reste compté tel quel.",
            )),
            None => Err(AppError::refused("Vous avez déjà voté pour cette campagne : un seul bulletin par personne.")),
        })
        .collect();
    let accepted: Vec<(&VoterBallot, Cast)> =
        ballots.iter().zip(&outcomes).filter_map(|(ballot, outcome)| Some((ballot, *outcome.as_ref().ok()?))).collect();
    let stored: Vec<NewBallot> = accepted
        .iter()
        .map(|(ballot, _)| NewBallot {
            id: random_ballot_id(),
            campaign_id: ballot.campaign_id,
            receipt_tag: ballot.receipt_tag.clone(),
            voter_tag: ballot.voter_tag.clone(),
            paper: false,
            choices: ballot.project_ids.iter().map(|id| (*id, 1)).collect(),
        })
        .collect();
    insert_ballots(&mut tx, stored, totals).await?;
    count_voters(&mut tx, &first_time).await?;
    let receipts: Vec<(String, String, String)> = accepted
        .iter()
        .filter_map(|(ballot, cast)| {
            let (email, title) = ballot.receipt_to.as_ref()?;
            let (subject, body) = receipt_mail(title, &ballot.code, *cast == Cast::Changed);
            Some((email.clone(), subject, body))
        })
        .collect();
    for chunk in receipts.chunks(ROWS_PER_STATEMENT) {
        mail::queue_all(&mut *tx, chunk).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// The addresses of `voters`' accounts, as the accounts store them (trimmed, lowercase).
async fn voter_emails(pool: &Pool, voters: &[(i64, i64)]) -> Result<HashMap<i64, String>, AppError> {
    let mut emails = HashMap::new();
    for chunk in voters.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("SELECT id, email FROM users WHERE id IN {}", db::value_rows(1, chunk.len(), 1));
        let mut select = sqlx::query_as::<_, (i64, String)>(&sql);
        for (_, user_id) in chunk {
            select = select.bind(*user_id);
        }
        emails.extend(select.fetch_all(pool).await?);
    }
    Ok(emails)
}

/// Which of `voters` (campaign, account) have a participation.
async fn participating(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    voters: &[(i64, i64)],
) -> Result<HashSet<(i64, i64)>, AppError> {
    let wanted: HashSet<(i64, i64)> = voters.iter().copied().collect();
    let mut found = HashSet::new();
    for chunk in voters.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT campaign_id, user_id FROM budget_participations WHERE user_id IN {}",
            db::value_rows(1, chunk.len(), 1)
        );
        let mut select = sqlx::query_as::<_, (i64, i64)>(&sql);
        for (_, user_id) in chunk {
            select = select.bind(*user_id);
        }
        found.extend(select.fetch_all(&mut **tx).await?.into_iter().filter(|voter| wanted.contains(voter)));
    }
    Ok(found)
}

/// Stores paper ballots entered by staff, all or none, marked as paper, and the batch in the
/// campaign's journal. They have no participation row and no receipt anyone holds.
pub async fn cast_paper_ballots(
    pool: &Pool,
    campaign_id: i64,
    ballots: &[Vec<i64>],
    editor: &ProjectEditor<'_>,
) -> Result<(), AppError> {
    let stored: Vec<NewBallot> = ballots
        .iter()
        .map(|project_ids| NewBallot {
            id: random_ballot_id(),
            campaign_id,
            receipt_tag: session::random_token(),
            voter_tag: None,
            paper: true,
            choices: project_ids.iter().map(|id| (*id, 1)).collect(),
        })
        .collect();
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    insert_ballots(&mut tx, stored, TallyChange::default()).await?;
    let count = i64::try_from(ballots.len()).unwrap_or(i64::MAX);
    record_act(&mut tx, campaign_id, editor, StaffActKind::PaperBallots, None, Some(count)).await?;
    tx.commit().await?;
    Ok(())
}

/// A ballot as stored: a random id and no time of casting, so that nothing in the database ties it
/// to its voter's participation; each chosen project with its points.
struct NewBallot {
    id: i64,
    campaign_id: i64,
    receipt_tag: String,
    voter_tag: Option<String>,
    paper: bool,
    choices: Vec<(i64, i64)>,
}

fn random_ballot_id() -> i64 {
    rand::thread_rng().gen_range(1..i64::MAX)
}

/// Ballots and their choices, in a few multi-row statements whatever their number, counted into
/// the running totals along with `totals` (what the caller removed in the same transaction). They
/// are written in random order: where a backend keeps rows in insertion order (PostgreSQL's heap),
/// the order of a batch says nothing of the order its voters came in.
async fn insert_ballots(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    mut ballots: Vec<NewBallot>,
    mut totals: TallyChange,
) -> Result<(), AppError> {
    use rand::seq::SliceRandom;
    ballots.shuffle(&mut rand::thread_rng());
    for chunk in ballots.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO budget_ballots (id, campaign_id, receipt_tag, paper, voter_tag) VALUES {}",
            db::value_rows(chunk.len(), 5, 1)
        );
        let mut insert = sqlx::query(&sql);
        for ballot in chunk {
            insert = insert
                .bind(ballot.id)
                .bind(ballot.campaign_id)
                .bind(&ballot.receipt_tag)
                .bind(i64::from(ballot.paper))
                .bind(ballot.voter_tag.as_deref());
        }
        insert.execute(&mut **tx).await?;
    }
    let choices: Vec<(i64, i64, i64)> = ballots
        .iter()
        .flat_map(|ballot| ballot.choices.iter().map(|(project, points)| (ballot.id, *project, *points)))
        .collect();
    for chunk in choices.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO budget_ballot_choices (ballot_id, project_id, points) VALUES {}",
            db::value_rows(chunk.len(), 3, 1)
        );
        let mut insert = sqlx::query(&sql);
        for (ballot, project, points) in chunk {
            insert = insert.bind(*ballot).bind(*project).bind(*points);
        }
        insert.execute(&mut **tx).await?;
    }
    for ballot in &ballots {
        totals.ballot(ballot.campaign_id, ballot.paper, 1);
        for (project, points) in &ballot.choices {
            totals.choice(*project, *points);
        }
    }
    totals.apply(tx).await
}

/// Deletes the ballots carrying `tags` and their choices, taking them off `totals`; returns the
/// tags found. By id, once found: a ballot another instance replaced meanwhile is neither deleted
/// nor subtracted twice.
async fn delete_tagged_ballots(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    tags: &[&str],
    totals: &mut TallyChange,
) -> Result<Vec<String>, AppError> {
    let sql = format!("SELECT id FROM budget_ballots WHERE voter_tag IN {}", db::value_rows(1, tags.len(), 1));
    let mut select = sqlx::query_as::<_, (i64,)>(&sql);
    for tag in tags {
        select = select.bind(*tag);
    }
    let ids: Vec<i64> = select.fetch_all(&mut **tx).await?.into_iter().map(|(id,)| id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = db::value_rows(1, ids.len(), 1);
    let sql = format!("DELETE FROM budget_ballot_choices WHERE ballot_id IN {marks} RETURNING project_id, points");
    let mut delete = sqlx::query_as::<_, (i64, i64)>(&sql);
    for id in &ids {
        delete = delete.bind(*id);
    }
    for (project, points) in delete.fetch_all(&mut **tx).await? {
        totals.choice(project, -points);
    }
    let sql = format!("DELETE FROM budget_ballots WHERE id IN {marks} RETURNING voter_tag, campaign_id, paper");
    let mut delete = sqlx::query_as::<_, (String, i64, i64)>(&sql);
    for id in &ids {
        delete = delete.bind(*id);
    }
    let mut found = Vec::with_capacity(ids.len());
    for (tag, campaign_id, paper) in delete.fetch_all(&mut **tx).await? {
        totals.ballot(campaign_id, paper == 1, -1);
        found.push(tag);
    }
    Ok(found)
}

/// Changes to the running totals the live tallies read, applied in one statement per table, in
/// key order, so that two instances' transactions never wait on each other in a cycle.
#[derive(Default)]
struct TallyChange {
    /// Points per project.
    points: BTreeMap<i64, i64>,
    /// Ballots and paper ballots per campaign.
    ballots: BTreeMap<i64, (i64, i64)>,
}

impl TallyChange {
    fn choice(&mut self, project_id: i64, points: i64) {
        *self.points.entry(project_id).or_default() += points;
    }

    fn ballot(&mut self, campaign_id: i64, paper: bool, count: i64) {
        let counts = self.ballots.entry(campaign_id).or_default();
        counts.0 += count;
        counts.1 += if paper { count } else { 0 };
    }

    async fn apply(self, tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), AppError> {
        let points: Vec<(i64, i64)> = self.points.into_iter().filter(|(_, points)| *points != 0).collect();
        for chunk in points.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO budget_project_points (project_id, points) VALUES {} ON CONFLICT (project_id) \
                 DO UPDATE SET points = budget_project_points.points + excluded.points",
                db::value_rows(chunk.len(), 2, 1)
            );
            let mut upsert = sqlx::query(&sql);
            for (project, points) in chunk {
                upsert = upsert.bind(*project).bind(*points);
            }
            upsert.execute(&mut **tx).await?;
        }
        // Every campaign whose ballots were touched, even when the count is unchanged (a ballot
        // replaced): its `changes` moves, and with it the fingerprint of its results.
        let ballots: Vec<(i64, (i64, i64))> = self.ballots.into_iter().collect();
        for chunk in ballots.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO budget_ballot_counts (campaign_id, ballots, paper_ballots) VALUES {} \
                 ON CONFLICT (campaign_id) DO UPDATE SET ballots = budget_ballot_counts.ballots + excluded.ballots, \
                 paper_ballots = budget_ballot_counts.paper_ballots + excluded.paper_ballots, \
                 changes = budget_ballot_counts.changes + 1",
                db::value_rows(chunk.len(), 3, 1)
            );
            let mut upsert = sqlx::query(&sql);
            for (campaign, (count, paper)) in chunk {
                upsert = upsert.bind(*campaign).bind(*count).bind(*paper);
            }
            upsert.execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// Counts first-time voters into their territory's turnout, campaign by campaign.
async fn count_voters(tx: &mut sqlx::Transaction<'_, sqlx::Any>, voters: &HashSet<(i64, i64)>) -> Result<(), AppError> {
    let mut by_campaign: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (campaign, user) in voters {
        by_campaign.entry(*campaign).or_default().push(*user);
    }
    for (campaign, users) in by_campaign {
        for chunk in users.chunks(ROWS_PER_STATEMENT) {
            // `WHERE` before `ON CONFLICT` keeps SQLite from reading the latter as part of the select.
            let sql = format!(
                "INSERT INTO budget_turnout (campaign_id, territory_id, voters) \
                 SELECT $1, territory_id, COUNT(*) FROM users WHERE id IN {} AND territory_id IS NOT NULL \
                 GROUP BY territory_id ORDER BY territory_id \
                 ON CONFLICT (campaign_id, territory_id) DO UPDATE SET voters = budget_turnout.voters + excluded.voters",
                db::value_rows(1, chunk.len(), 2)
            );
            let mut upsert = sqlx::query(&sql).bind(campaign);
            for user in chunk {
                upsert = upsert.bind(*user);
            }
            upsert.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// The projects on the voter's changeable ballot, to show what they chose before changing it.
pub async fn tagged_choices(pool: &Pool, campaign_id: i64, user_id: i64, key: &HashKey) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT c.project_id FROM budget_ballot_choices c JOIN budget_ballots b ON b.id = c.ballot_id \
         WHERE b.campaign_id = $1 AND b.voter_tag = $2 ORDER BY c.project_id",
    )
    .bind(campaign_id)
    .bind(voter_tag(key, campaign_id, user_id))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub async fn paper_ballot_count(pool: &Pool, campaign_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM budget_ballots WHERE campaign_id = $1 AND paper = 1")
        .bind(campaign_id)
        .fetch_one(pool)
        .await?;
    Ok(count)
}

pub async fn receipt_exists(pool: &Pool, campaign_id: i64, code: &str, key: &HashKey) -> Result<bool, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT id FROM budget_ballots WHERE campaign_id = $1 AND receipt_tag = $2")
        .bind(campaign_id)
        .bind(receipt_tag(key, code))
        .fetch_optional(pool)
        .await?
        .is_some())
}

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

/// Labels or rejects a project that was not merged, recorded in its history and in the campaign's
/// journal; returns its title and its author's email, if any.
pub async fn set_status(
    pool: &Pool,
    project_id: i64,
    act: StaffActKind,
    rejection_reason: Option<&str>,
    editor: &ProjectEditor<'_>,
) -> Result<(String, Option<String>), AppError> {
    // The two decisions a reviewer takes on one project: their names are the statuses they set.
    if !matches!(act, StaffActKind::Labelled | StaffActKind::Rejected) {
        return Err(AppError::Internal);
    }
    let status = act.as_str();
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let (campaign_id, title, old_status, old_reason, author): (i64, String, String, Option<String>, Option<String>) =
        sqlx::query_as(
            "SELECT p.campaign_id, p.title, p.status, p.rejection_reason, u.email FROM budget_projects p \
             LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $1",
        )
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let updated = sqlx::query(
        "UPDATE budget_projects SET status = $1, rejection_reason = $2 WHERE id = $3 AND status <> 'merged'",
    )
    .bind(status)
    .bind(rejection_reason)
    .bind(project_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::refused("Ce projet est fusionné avec un autre : c'est ce dernier qui est examiné."));
    }
    let old = status_text(&old_status, old_reason.as_deref(), None);
    let new = status_text(status, rejection_reason, None);
    record_edit(&mut tx, project_id, editor, "Statut", &old, &new).await?;
    record_act(&mut tx, campaign_id, editor, act, Some(project_id), None).await?;
    tx.commit().await?;
    Ok((title, author))
}

/// Writes a staff act into its campaign's journal, in the transaction of the act itself.
async fn record_act(
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

/// Registered residents old enough to vote on the campaign's last voting day, per territory: one
/// pass over the residents, so the live feed reuses it for a while (see `routes::live_feed`).
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

/// Opens the results to everyone, counted under `rule`.
pub async fn publish_results(pool: &Pool, campaign_id: i64, rule: &str, now: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE budget_campaigns SET rule = $2, results_visibility = 'published', \
         results_published_at = $3 WHERE id = $1",
    )
    .bind(campaign_id)
    .bind(rule)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}
