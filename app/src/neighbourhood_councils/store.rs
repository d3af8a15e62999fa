//! All SQL about neighbourhood councils: councils, candidacies, published draw documents, meetings.
use super::council::{ValidCandidacy, ValidSettings};
use super::model::{CandidacyStatus, Council, DrawStage, Meeting, MyCandidacy, StaffCandidacy};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
    session::random_token,
};

const COUNCIL_COLUMNS: &str = "id, slug, name, seats, elected_duo, charter, internal_rules, round, \
     applications_open_at, applications_close_at, draw_day, term_years";

const CANDIDACY_COLUMNS: &str = "id, public_id, full_name, gender, category, actor_kind, birth_date, address, \
     organisation, siret, status, refusal_reason, \
     authorisation_type, created_at";

pub async fn councils(pool: &Pool) -> Result<Vec<Council>, AppError> {
    Ok(sqlx::query_as(&format!("SELECT {COUNCIL_COLUMNS} FROM neighbourhood_councils ORDER BY id"))
        .fetch_all(pool)
        .await?)
}

pub async fn council_by_slug(pool: &Pool, slug: &str) -> Result<Council, AppError> {
    sqlx::query_as(&format!("SELECT {COUNCIL_COLUMNS} FROM neighbourhood_councils WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn configure(pool: &Pool, council: &Council, settings: &ValidSettings) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE neighbourhood_councils SET seats = $1, term_years = $2, elected_duo = $3, charter = $4, \
         internal_rules = $5, round = $6, applications_open_at = $7, applications_close_at = $8, draw_day = $9 \
         WHERE id = $10",
    )
    .bind(settings.seats)
    .bind(settings.term_years)
    .bind(&settings.elected_duo)
    .bind(&settings.charter)
    .bind(&settings.internal_rules)
    .bind(&settings.round)
    .bind(settings.applications_open_at)
    .bind(settings.applications_close_at)
    .bind(settings.draw_day.format("%Y-%m-%d").to_string())
    .bind(council.id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Candidacies of the council's round, by status: (pending, accepted, all but withdrawn).
pub async fn candidacy_counts(pool: &Pool, council: &Council) -> Result<(i64, i64, i64), AppError> {
    let (pending, accepted, total): (i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN status <> 'withdrawn' THEN 1 ELSE 0 END), 0) \
         FROM council_candidacies WHERE council_id = $1 AND round = $2",
    )
    .bind(council.id)
    .bind(&council.round)
    .fetch_one(pool)
    .await?;
    Ok((pending, accepted, total))
}

/// Stores a candidacy under a fresh pseudonym. `None` when the person already applied this round.
pub async fn insert_candidacy(
    pool: &Pool,
    council: &Council,
    user_id: Option<i64>,
    candidacy: &ValidCandidacy,
) -> Result<Option<String>, AppError> {
    let prefix: String = council.slug.chars().filter(char::is_ascii_alphanumeric).take(3).collect();
    let public_id = format!("{}-{}", prefix.to_uppercase(), random_token()[..8].to_uppercase());
    let done = sqlx::query(
        "INSERT INTO council_candidacies (council_id, round, user_id, public_id, full_name, gender, category, \
         actor_kind, birth_date, address, organisation, siret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (round, user_id) DO NOTHING",
    )
    .bind(council.id)
    .bind(&council.round)
    .bind(user_id)
    .bind(&public_id)
    .bind(&candidacy.full_name)
    .bind(candidacy.gender)
    .bind(candidacy.category)
    .bind(candidacy.actor_kind)
    .bind(candidacy.birth_date.format("%Y-%m-%d").to_string())
    .bind(&candidacy.address)
    .bind(&candidacy.organisation)
    .bind(&candidacy.siret)
    .bind(db::now())
    .execute(pool)
    .await?;
    Ok((done.rows_affected() == 1).then_some(public_id))
}

/// The caller's candidacy of `round`, whichever council it is for.
pub async fn my_candidacy(pool: &Pool, round: &str, user_id: i64) -> Result<Option<MyCandidacy>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.id, n.slug AS council_slug, n.name AS council_name, c.public_id, c.status, c.refusal_reason, \
         c.birth_date, c.authorisation_type \
         FROM council_candidacies c JOIN neighbourhood_councils n ON n.id = c.council_id \
         WHERE c.round = $1 AND c.user_id = $2",
    )
    .bind(round)
    .bind(user_id)
    .fetch_optional(pool)
    .await?)
}

pub async fn candidacies(pool: &Pool, council: &Council) -> Result<Vec<StaffCandidacy>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CANDIDACY_COLUMNS} FROM council_candidacies WHERE council_id = $1 AND round = $2 \
         ORDER BY CASE status WHEN 'pending' THEN 0 ELSE 1 END, created_at, id"
    ))
    .bind(council.id)
    .bind(&council.round)
    .fetch_all(pool)
    .await?)
}

/// A candidacy of the council, with the email of the account that filed it.
pub async fn candidacy(pool: &Pool, council: &Council, id: i64) -> Result<(StaffCandidacy, Option<String>), AppError> {
    let found: StaffCandidacy = sqlx::query_as(&format!(
        "SELECT {CANDIDACY_COLUMNS} FROM council_candidacies WHERE id = $1 AND council_id = $2 AND round = $3"
    ))
    .bind(id)
    .bind(council.id)
    .bind(&council.round)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let email: Option<(String,)> =
        sqlx::query_as("SELECT u.email FROM council_candidacies c JOIN users u ON u.id = c.user_id WHERE c.id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok((found, email.map(|(email,)| email)))
}

/// Accepts or refuses a candidacy still pending; `false` when someone decided first.
pub async fn review(
    pool: &Pool,
    id: i64,
    status: CandidacyStatus,
    reason: Option<&str>,
    reviewer: Option<i64>,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE council_candidacies SET status = $1, refusal_reason = $2, reviewed_at = $3, reviewed_by = $4 \
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(db::now())
    .bind(reviewer)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The candidate withdraws before the pool is published; `false` when there was nothing to withdraw.
/// Checked in the same statement as the pool's publication is stored, so a withdrawal cannot slip in
/// between the pool being read and published.
pub async fn withdraw(pool: &Pool, id: i64) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE council_candidacies SET status = 'withdrawn', withdrawn_at = $1 \
         WHERE id = $2 AND status IN ('pending', 'accepted') AND NOT EXISTS (SELECT 1 FROM council_draws d \
         WHERE d.council_id = council_candidacies.council_id AND d.round = council_candidacies.round)",
    )
    .bind(db::now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Only while the candidacy waits for its decision: `false` once staff decided.
pub async fn save_authorisation(pool: &Pool, id: i64, content_type: &str, bytes: &[u8]) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE council_candidacies SET authorisation_type = $1, authorisation = $2 WHERE id = $3 AND status = 'pending'",
    )
    .bind(content_type)
    .bind(bytes)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `round` of the council already has published documents.
pub async fn round_published(pool: &Pool, council: &Council, round: &str) -> Result<bool, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM council_draws WHERE council_id = $1 AND round = $2")
        .bind(council.id)
        .bind(round)
        .fetch_one(pool)
        .await?;
    Ok(count > 0)
}

/// Puts back the window's end `closed_at` replaced, when publishing the pool failed.
pub async fn reopen_applications(pool: &Pool, council: &Council, closed_at: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE neighbourhood_councils SET applications_close_at = $1 WHERE id = $2 AND applications_close_at = $3",
    )
    .bind(council.applications_close_at)
    .bind(council.id)
    .bind(closed_at)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn authorisation(pool: &Pool, id: i64) -> Result<(String, Vec<u8>), AppError> {
    let found: Option<(Option<String>, Option<Vec<u8>>)> =
        sqlx::query_as("SELECT authorisation_type, authorisation FROM council_candidacies WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    match found {
        Some((Some(content_type), Some(bytes))) => Ok((content_type, bytes)),
        _ => Err(AppError::NotFound),
    }
}

/// The accepted candidacies of the round, in filing order: (pseudonym, gender, category).
pub async fn accepted_pool(pool: &Pool, council: &Council) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT public_id, gender, category FROM council_candidacies \
         WHERE council_id = $1 AND round = $2 AND status = 'accepted' ORDER BY created_at, id",
    )
    .bind(council.id)
    .bind(&council.round)
    .fetch_all(pool)
    .await?)
}

/// Name and category of the candidacies behind the given pseudonyms.
/// Pseudonyms are unique across rounds, so every round's candidacies are read.
pub async fn names(pool: &Pool, council: &Council) -> Result<Vec<(String, String, String, Option<String>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT public_id, full_name, category, actor_kind FROM council_candidacies WHERE council_id = $1",
    )
    .bind(council.id)
    .fetch_all(pool)
    .await?)
}

/// The latest draw record of the council, whatever the round.
pub async fn latest_record(pool: &Pool, council: &Council) -> Result<Option<Document>, AppError> {
    Ok(sqlx::query_as(
        "SELECT sequence, stage, document, sha256, created_at FROM council_draws \
         WHERE council_id = $1 AND stage = 'draw' ORDER BY id DESC LIMIT 1",
    )
    .bind(council.id)
    .fetch_optional(pool)
    .await?)
}

/// The email of each account behind the given pseudonyms (paper candidacies have none).
pub async fn emails(pool: &Pool, council: &Council, public_ids: &[String]) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.public_id, u.email FROM council_candidacies c JOIN users u ON u.id = c.user_id \
         WHERE c.council_id = $1 AND c.round = $2",
    )
    .bind(council.id)
    .bind(&council.round)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().filter(|(id, _)| public_ids.contains(id)).map(|(_, email)| email).collect())
}

/// Closes the application window now, if it is still open.
pub async fn close_applications(pool: &Pool, council: &Council, now: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE neighbourhood_councils SET applications_close_at = $1 WHERE id = $2 AND applications_close_at > $1",
    )
    .bind(now)
    .bind(council.id)
    .execute(pool)
    .await?;
    Ok(())
}

/// One published document: an announcement or a draw record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Document {
    pub sequence: i64,
    #[sqlx(try_from = "String")]
    pub stage: DrawStage,
    pub document: String,
    pub sha256: String,
    pub created_at: i64,
}

pub async fn documents(pool: &Pool, council: &Council) -> Result<Vec<Document>, AppError> {
    Ok(sqlx::query_as(
        "SELECT sequence, stage, document, sha256, created_at FROM council_draws \
         WHERE council_id = $1 AND round = $2 ORDER BY sequence",
    )
    .bind(council.id)
    .bind(&council.round)
    .fetch_all(pool)
    .await?)
}

pub async fn document(pool: &Pool, council: &Council, sequence: i64) -> Result<Document, AppError> {
    sqlx::query_as(
        "SELECT sequence, stage, document, sha256, created_at FROM council_draws \
         WHERE council_id = $1 AND round = $2 AND sequence = $3",
    )
    .bind(council.id)
    .bind(&council.round)
    .bind(sequence)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// Publishes the next document; `false` when another one took that place first (two staff racing).
pub async fn publish(
    pool: &Pool,
    council: &Council,
    sequence: i64,
    stage: DrawStage,
    document: &str,
    sha256: &str,
    by: Option<i64>,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "INSERT INTO council_draws (council_id, round, sequence, stage, document, sha256, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (council_id, round, sequence) DO NOTHING",
    )
    .bind(council.id)
    .bind(&council.round)
    .bind(sequence)
    .bind(stage.as_str())
    .bind(document)
    .bind(sha256)
    .bind(db::now())
    .bind(by)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks the member behind a pseudonym as withdrawn from the council.
pub async fn mark_withdrawn(pool: &Pool, council: &Council, public_id: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE council_candidacies SET withdrawn_at = $1 WHERE council_id = $2 AND public_id = $3")
        .bind(db::now())
        .bind(council.id)
        .bind(public_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn meetings(pool: &Pool, council: &Council) -> Result<Vec<Meeting>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, starts_at, place, agenda, minutes_uploaded_at FROM council_meetings \
         WHERE council_id = $1 ORDER BY starts_at",
    )
    .bind(council.id)
    .fetch_all(pool)
    .await?)
}

pub async fn insert_meeting(
    pool: &Pool,
    council: &Council,
    starts_at: i64,
    place: &str,
    agenda: &str,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO council_meetings (council_id, starts_at, place, agenda) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(council.id)
    .bind(starts_at)
    .bind(place)
    .bind(agenda)
    .fetch_one(pool)
    .await?;
    Ok(id)
}

pub async fn save_minutes(pool: &Pool, council: &Council, meeting_id: i64, bytes: &[u8]) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE council_meetings SET minutes = $1, minutes_uploaded_at = $2 WHERE id = $3 AND council_id = $4",
    )
    .bind(bytes)
    .bind(db::now())
    .bind(meeting_id)
    .bind(council.id)
    .execute(pool)
    .await?;
    if done.rows_affected() == 1 { Ok(()) } else { Err(AppError::NotFound) }
}

pub async fn minutes(pool: &Pool, council: &Council, meeting_id: i64) -> Result<Vec<u8>, AppError> {
    let found: Option<(Option<Vec<u8>>,)> =
        sqlx::query_as("SELECT minutes FROM council_meetings WHERE id = $1 AND council_id = $2")
            .bind(meeting_id)
            .bind(council.id)
            .fetch_optional(pool)
            .await?;
    found.and_then(|(bytes,)| bytes).ok_or(AppError::NotFound)
}
