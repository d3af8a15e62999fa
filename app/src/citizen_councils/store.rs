//! All SQL about Alès citizen councils: the councils and their neighbourhoods, members, the space's
//! files, envelopes and the fund's applications.
use super::domain::{Envelope, ValidApplication, ValidReport};
use super::model::{
    Application, ApplicationCard, ApplicationStatus, BudgetLineView, CitizenCouncil, CouncilCard, CouncilMember,
    EnvelopeLine, SpaceFile,
};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

pub async fn councils(pool: &Pool) -> Result<Vec<CitizenCouncil>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, slug, name, scope FROM citizen_councils ORDER BY CASE scope WHEN 'agglomeration' THEN 0 ELSE 1 END, id",
    )
    .fetch_all(pool)
    .await?)
}

pub async fn council_by_slug(pool: &Pool, slug: &str) -> Result<CitizenCouncil, AppError> {
    sqlx::query_as("SELECT id, slug, name, scope FROM citizen_councils WHERE slug = $1")
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The priority neighbourhoods, as (id, name).
pub async fn neighbourhoods(pool: &Pool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, name FROM territories WHERE kind = 'quartier_prioritaire' ORDER BY id")
        .fetch_all(pool)
        .await?)
}

/// Which council covers which neighbourhood, as (council, territory) pairs.
pub async fn coverage(pool: &Pool) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT council_id, territory_id FROM citizen_council_territories ORDER BY territory_id")
        .fetch_all(pool)
        .await?)
}

pub async fn cover(pool: &Pool, council_id: i64, territory_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO citizen_council_territories (council_id, territory_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(council_id)
    .bind(territory_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Every council with its neighbourhoods; the agglomeration's council covers them all.
pub async fn cards(pool: &Pool) -> Result<Vec<CouncilCard>, AppError> {
    let neighbourhoods = neighbourhoods(pool).await?;
    let coverage = coverage(pool).await?;
    Ok(councils(pool)
        .await?
        .into_iter()
        .map(|council| {
            let covered = neighbourhoods
                .iter()
                .filter(|(id, _)| council.scope == "agglomeration" || coverage.contains(&(council.id, *id)))
                .map(|(_, name)| name.clone())
                .collect();
            CouncilCard { council, neighbourhoods: covered }
        })
        .collect())
}

pub async fn members(pool: &Pool, council_id: i64) -> Result<Vec<CouncilMember>, AppError> {
    Ok(sqlx::query_as("SELECT id, name, college FROM citizen_council_members WHERE council_id = $1 ORDER BY name, id")
        .bind(council_id)
        .fetch_all(pool)
        .await?)
}

pub async fn add_member(pool: &Pool, council_id: i64, name: &str, college: &str) -> Result<(), AppError> {
    sqlx::query("INSERT INTO citizen_council_members (council_id, name, college, created_at) VALUES ($1, $2, $3, $4)")
        .bind(council_id)
        .bind(name)
        .bind(college)
        .bind(db::now())
        .execute(pool)
        .await?;
    Ok(())
}

/// `false` when no such member sits on the council.
pub async fn remove_member(pool: &Pool, council_id: i64, id: i64) -> Result<bool, AppError> {
    let done = sqlx::query("DELETE FROM citizen_council_members WHERE id = $1 AND council_id = $2")
        .bind(id)
        .bind(council_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Minutes (`minutes`) or documents (`document`), with their size.
pub async fn files(pool: &Pool, kind: &str) -> Result<Vec<SpaceFile>, AppError> {
    Ok(sqlx::query_as(
        "SELECT f.id, f.title, f.dated, s.content_type, s.size FROM citizen_council_files f \
         JOIN stored_files s ON s.sha256 = f.sha256 WHERE f.kind = $1 ORDER BY f.dated DESC, f.id",
    )
    .bind(kind)
    .fetch_all(pool)
    .await?)
}

pub async fn add_file(
    pool: &Pool,
    kind: &str,
    title: &str,
    dated: &str,
    sha256: &str,
    by: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO citizen_council_files (kind, title, dated, sha256, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(kind)
    .bind(title)
    .bind(dated)
    .bind(sha256)
    .bind(db::now())
    .bind(by)
    .execute(pool)
    .await?;
    Ok(())
}

/// The key of a file of the space.
pub async fn file_sha256(pool: &Pool, id: i64) -> Result<String, AppError> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT sha256 FROM citizen_council_files WHERE id = $1").bind(id).fetch_optional(pool).await?;
    found.map(|(sha256,)| sha256).ok_or(AppError::NotFound)
}

const GRANTED: &str = "status IN ('granted', 'reported')";

/// Envelopes with what was granted from each, newest year first; of one council when given.
pub async fn envelopes(pool: &Pool, council_id: Option<i64>) -> Result<Vec<EnvelopeLine>, AppError> {
    let rows: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT c.slug, c.name, e.year, e.amount_cents, \
         CAST(COALESCE((SELECT SUM(a.granted_cents) FROM fund_applications a \
                   WHERE a.council_id = e.council_id AND a.year = e.year AND a.{GRANTED}), 0) AS BIGINT) \
         FROM fund_envelopes e JOIN citizen_councils c ON c.id = e.council_id \
         WHERE ($1 = 0 OR e.council_id = $1) ORDER BY e.year DESC, c.id"
    ))
    .bind(council_id.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(council_slug, council_name, year, amount_cents, granted_cents)| EnvelopeLine {
            council_slug,
            council_name,
            year,
            amount_cents,
            granted_cents,
        })
        .collect())
}

pub async fn envelope(pool: &Pool, council_id: i64, year: i64) -> Result<Option<Envelope>, AppError> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT amount_cents FROM fund_envelopes WHERE council_id = $1 AND year = $2")
            .bind(council_id)
            .bind(year)
            .fetch_optional(pool)
            .await?;
    let Some((amount,)) = found else { return Ok(None) };
    let (granted,): (i64,) = sqlx::query_as(&format!(
        "SELECT CAST(COALESCE(SUM(granted_cents), 0) AS BIGINT) FROM fund_applications \
         WHERE council_id = $1 AND year = $2 AND {GRANTED}"
    ))
    .bind(council_id)
    .bind(year)
    .fetch_one(pool)
    .await?;
    Ok(Some(Envelope { amount, granted }))
}

pub async fn set_envelope(pool: &Pool, council_id: i64, year: i64, amount: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO fund_envelopes (council_id, year, amount_cents) VALUES ($1, $2, $3) \
         ON CONFLICT (council_id, year) DO UPDATE SET amount_cents = excluded.amount_cents",
    )
    .bind(council_id)
    .bind(year)
    .bind(amount)
    .execute(pool)
    .await?;
    Ok(())
}

/// Stores an application and its budget lines; answers its id.
pub async fn insert_application(pool: &Pool, user_id: Option<i64>, form: &ValidApplication) -> Result<i64, AppError> {
    let mut tx = pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO fund_applications (council_id, year, user_id, territory_id, title, description, carrier_kind, \
         carrier_name, starts_on, ends_on, total_cents, requested_cents, other_funding, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(form.council_id)
    .bind(form.year())
    .bind(user_id)
    .bind(form.territory_id)
    .bind(&form.title)
    .bind(&form.description)
    .bind(form.carrier_kind)
    .bind(&form.carrier_name)
    .bind(form.starts_on.format("%Y-%m-%d").to_string())
    .bind(form.ends_on.format("%Y-%m-%d").to_string())
    .bind(form.total)
    .bind(form.requested)
    .bind(&form.other_funding)
    .bind(db::now())
    .fetch_one(&mut *tx)
    .await?;
    for (position, line) in form.budget.iter().enumerate() {
        sqlx::query(
            "INSERT INTO fund_budget_lines (application_id, position, label, amount_cents) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&line.label)
        .bind(line.amount)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

const CARD_COLUMNS: &str = "a.id, a.title, c.name AS council_name, a.carrier_name, a.year, a.requested_cents, \
     a.granted_cents, a.status, a.submitted_at";

/// The applications of one account, or all of them (`None`), those waiting for the council first.
pub async fn application_cards(pool: &Pool, user_id: Option<i64>) -> Result<Vec<ApplicationCard>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM fund_applications a JOIN citizen_councils c ON c.id = a.council_id \
         WHERE ($1 = 0 OR a.user_id = $1) \
         ORDER BY CASE a.status WHEN 'submitted' THEN 0 WHEN 'information' THEN 1 ELSE 2 END, a.submitted_at DESC, a.id"
    ))
    .bind(user_id.unwrap_or(0))
    .fetch_all(pool)
    .await?)
}

pub async fn application(pool: &Pool, id: i64) -> Result<Application, AppError> {
    sqlx::query_as(
        "SELECT a.id, a.council_id, c.name AS council_name, a.year, a.user_id, t.name AS neighbourhood, a.title, \
         a.description, a.carrier_kind, a.carrier_name, a.starts_on, a.ends_on, a.total_cents, a.requested_cents, \
         a.other_funding, a.status, a.granted_cents, a.council_message, a.applicant_answer, a.submitted_at, \
         a.decided_at, a.spent_cents, a.participants, a.report, a.report_sha256, a.reported_at \
         FROM fund_applications a JOIN citizen_councils c ON c.id = a.council_id \
         JOIN territories t ON t.id = a.territory_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn budget_lines(pool: &Pool, id: i64) -> Result<Vec<BudgetLineView>, AppError> {
    Ok(sqlx::query_as("SELECT label, amount_cents FROM fund_budget_lines WHERE application_id = $1 ORDER BY position")
        .bind(id)
        .fetch_all(pool)
        .await?)
}

/// The email of the account that filed the application.
pub async fn applicant_email(pool: &Pool, id: i64) -> Result<Option<String>, AppError> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT u.email FROM fund_applications a JOIN users u ON u.id = a.user_id WHERE a.id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(found.map(|(email,)| email))
}

/// Grants `amount` if the application is still `submitted` and its envelope still holds it, in one
/// statement so that two grants cannot both spend the same balance; `false` otherwise.
pub async fn grant(pool: &Pool, id: i64, amount: i64, by: i64) -> Result<bool, AppError> {
    let done = sqlx::query(&format!(
        "UPDATE fund_applications SET status = 'granted', granted_cents = $1, decided_at = $2, decided_by = $3 \
         WHERE id = $4 AND status = 'submitted' AND $1 <= \
         (SELECT e.amount_cents FROM fund_envelopes e \
          WHERE e.council_id = fund_applications.council_id AND e.year = fund_applications.year) - \
         (SELECT COALESCE(SUM(o.granted_cents), 0) FROM fund_applications o \
          WHERE o.council_id = fund_applications.council_id AND o.year = fund_applications.year AND o.{GRANTED})"
    ))
    .bind(amount)
    .bind(db::now())
    .bind(by)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an application from `from` to `to` with the council's message; `false` if it had moved.
pub async fn decide(
    pool: &Pool,
    id: i64,
    from: ApplicationStatus,
    to: ApplicationStatus,
    message: &str,
    by: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE fund_applications SET status = $1, council_message = $2, decided_at = $3, decided_by = $4 \
         WHERE id = $5 AND status = $6",
    )
    .bind(to.as_str())
    .bind(message)
    .bind(db::now())
    .bind(by)
    .bind(id)
    .bind(from.as_str())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The applicant's answer sends the application back to the council; `false` if none was awaited.
pub async fn answer(pool: &Pool, id: i64, answer: &str) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE fund_applications SET status = 'submitted', applicant_answer = $1 WHERE id = $2 AND status = 'information'",
    )
    .bind(answer)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Files the final report of a granted application; `false` if it was not (or no longer) granted.
pub async fn file_report(pool: &Pool, id: i64, report: &ValidReport, sha256: &str) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE fund_applications SET status = 'reported', spent_cents = $1, participants = $2, report = $3, \
         report_sha256 = $4, reported_at = $5 WHERE id = $6 AND status = 'granted'",
    )
    .bind(report.spent)
    .bind(report.participants)
    .bind(&report.summary)
    .bind(sha256)
    .bind(db::now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
