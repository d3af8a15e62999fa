//! All SQL about petitions: rules, petitions and their history, signatures.
use super::domain::State;
use super::model::{PetitionRow, Rules, StateChange};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

const PETITION_COLUMNS: &str = "p.id, p.institution_id, i.name AS institution_name, p.author_id, \
     u.display_name AS author_name, p.title, p.body, p.state, p.threshold, p.signatures, p.milestones_sent, \
     p.opens_at, p.closes_at, p.rejection_reason, p.decision, p.answer, p.created_at";

const PETITION_FROM: &str =
    "FROM petitions p JOIN institutions i ON i.id = p.institution_id LEFT JOIN users u ON u.id = p.author_id";

const RULES_COLUMNS: &str = "r.institution_id, i.name AS institution_name, r.threshold_kind, r.threshold_fixed, \
     r.electors, r.share_divisor, r.min_age, r.filings_per_period, r.filing_period_days, r.duration_days, \
     r.burst_per_minute, r.per_five_minutes, r.retention_days";

/// Every institution gets the default rules the first time they are needed.
async fn ensure_rules(pool: &Pool) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO petition_rules (institution_id) SELECT id FROM institutions \
         WHERE id NOT IN (SELECT institution_id FROM petition_rules)",
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn all_rules(pool: &Pool) -> Result<Vec<Rules>, AppError> {
    ensure_rules(pool).await?;
    Ok(sqlx::query_as(&format!(
        "SELECT {RULES_COLUMNS} FROM petition_rules r JOIN institutions i ON i.id = r.institution_id ORDER BY i.name"
    ))
    .fetch_all(pool)
    .await?)
}

/// Read on every signature and page view: a plain read, writing defaults only the first time.
pub async fn rules(pool: &Pool, institution_id: i64) -> Result<Rules, AppError> {
    if let Some(rules) = rules_row(pool, institution_id).await? {
        return Ok(rules);
    }
    ensure_rules(pool).await?;
    rules_row(pool, institution_id).await?.ok_or(AppError::NotFound)
}

async fn rules_row(pool: &Pool, institution_id: i64) -> Result<Option<Rules>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {RULES_COLUMNS} FROM petition_rules r JOIN institutions i ON i.id = r.institution_id \
         WHERE r.institution_id = $1"
    ))
    .bind(institution_id)
    .fetch_optional(pool)
    .await?)
}

pub async fn update_rules(pool: &Pool, rules: &Rules) -> Result<(), AppError> {
    let updated = sqlx::query(
        "UPDATE petition_rules SET threshold_kind = $2, threshold_fixed = $3, electors = $4, share_divisor = $5, \
         min_age = $6, filings_per_period = $7, filing_period_days = $8, duration_days = $9, burst_per_minute = $10, \
         per_five_minutes = $11, retention_days = $12 WHERE institution_id = $1",
    )
    .bind(rules.institution_id)
    .bind(rules.threshold_kind.as_str())
    .bind(rules.threshold_fixed)
    .bind(rules.electors)
    .bind(rules.share_divisor)
    .bind(rules.min_age)
    .bind(rules.filings_per_period)
    .bind(rules.filing_period_days)
    .bind(rules.duration_days)
    .bind(rules.burst_per_minute)
    .bind(rules.per_five_minutes)
    .bind(rules.retention_days)
    .execute(pool)
    .await?;
    if updated.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

pub async fn communes(pool: &Pool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, name FROM communes ORDER BY name").fetch_all(pool).await?)
}

/// A new draft, with the first line of its history.
pub async fn insert_petition(
    pool: &Pool,
    institution_id: i64,
    author_id: i64,
    title: &str,
    body: &str,
) -> Result<i64, AppError> {
    let now = db::now();
    let mut tx = pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO petitions (institution_id, author_id, title, body, state, created_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5) RETURNING id",
    )
    .bind(institution_id)
    .bind(author_id)
    .bind(title)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO petition_state_changes (petition_id, state, at, actor_id) VALUES ($1, 'draft', $2, $3)")
        .bind(id)
        .bind(now)
        .bind(author_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_draft(pool: &Pool, id: i64, institution_id: i64, title: &str, body: &str) -> Result<(), AppError> {
    let updated = sqlx::query(
        "UPDATE petitions SET institution_id = $2, title = $3, body = $4 WHERE id = $1 AND state = 'draft'",
    )
    .bind(id)
    .bind(institution_id)
    .bind(title)
    .bind(body)
    .execute(pool)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::refused("Seul un brouillon peut être modifié."));
    }
    Ok(())
}

pub async fn petition(pool: &Pool, id: i64) -> Result<PetitionRow, AppError> {
    sqlx::query_as(&format!("SELECT {PETITION_COLUMNS} {PETITION_FROM} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn history(pool: &Pool, id: i64) -> Result<Vec<StateChange>, AppError> {
    Ok(sqlx::query_as("SELECT state, at, note FROM petition_state_changes WHERE petition_id = $1 ORDER BY at, id")
        .bind(id)
        .fetch_all(pool)
        .await?)
}

/// The petitions everyone sees, the most recently opened first.
/// The states in which a petition is shown to everyone.
const PUBLIC_STATES: &str = "('open', 'threshold', 'answered', 'closed')";

/// A page of the published petitions, the most recently opened first.
pub async fn public_petitions(pool: &Pool, offset: i64, limit: i64) -> Result<Vec<PetitionRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {PETITION_COLUMNS} {PETITION_FROM} WHERE p.state IN {PUBLIC_STATES} \
         ORDER BY p.opens_at DESC, p.id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

pub async fn public_petition_count(pool: &Pool) -> Result<i64, AppError> {
    let (count,): (i64,) =
        sqlx::query_as(&format!("SELECT COUNT(*) FROM petitions p WHERE p.state IN {PUBLIC_STATES}"))
            .fetch_one(pool)
            .await?;
    Ok(count)
}

pub async fn petitions_of(pool: &Pool, author_id: i64) -> Result<Vec<PetitionRow>, AppError> {
    Ok(sqlx::query_as(&format!("SELECT {PETITION_COLUMNS} {PETITION_FROM} WHERE p.author_id = $1 ORDER BY p.id DESC"))
        .bind(author_id)
        .fetch_all(pool)
        .await?)
}

pub async fn pending(pool: &Pool) -> Result<Vec<PetitionRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {PETITION_COLUMNS} {PETITION_FROM} WHERE p.state = 'pending' ORDER BY p.submitted_at, p.id"
    ))
    .fetch_all(pool)
    .await?)
}

/// Petitions `author_id` submitted to an institution since `since` (Unix seconds), for its filing limit.
pub async fn filings_since(pool: &Pool, author_id: i64, institution_id: i64, since: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM petitions WHERE author_id = $1 AND institution_id = $2 AND submitted_at >= $3",
    )
    .bind(author_id)
    .bind(institution_id)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(count)
}

/// What changes with a move, besides the state.
pub enum Move<'a> {
    StateOnly,
    Submit,
    Publish { threshold: i64, closes_at: i64 },
    Reject { reason: &'a str },
    Decide { decision: &'a str, answer: &'a str },
}

/// Moves petition `id` from `from` to `to` and records the dated step, in one transaction.
/// Refused when the petition is no longer in `from` (someone acted first).
pub async fn move_state(
    pool: &Pool,
    id: i64,
    from: State,
    to: State,
    actor_id: Option<i64>,
    change: Move<'_>,
) -> Result<(), AppError> {
    let now = db::now();
    let mut tx = pool.begin().await?;
    let query = match change {
        Move::StateOnly => sqlx::query("UPDATE petitions SET state = $3 WHERE id = $1 AND state = $2")
            .bind(id)
            .bind(from.as_str())
            .bind(to.as_str()),
        Move::Submit => sqlx::query("UPDATE petitions SET state = $3, submitted_at = $4 WHERE id = $1 AND state = $2")
            .bind(id)
            .bind(from.as_str())
            .bind(to.as_str())
            .bind(now),
        Move::Publish { threshold, closes_at } => sqlx::query(
            "UPDATE petitions SET state = $3, opens_at = $4, threshold = $5, closes_at = $6 \
             WHERE id = $1 AND state = $2",
        )
        .bind(id)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(now)
        .bind(threshold)
        .bind(closes_at),
        Move::Reject { reason } => {
            sqlx::query("UPDATE petitions SET state = $3, rejection_reason = $4 WHERE id = $1 AND state = $2")
                .bind(id)
                .bind(from.as_str())
                .bind(to.as_str())
                .bind(reason)
        }
        Move::Decide { decision, answer } => {
            sqlx::query("UPDATE petitions SET state = $3, decision = $4, answer = $5 WHERE id = $1 AND state = $2")
                .bind(id)
                .bind(from.as_str())
                .bind(to.as_str())
                .bind(decision)
                .bind(answer)
        }
    };
    if query.execute(&mut *tx).await?.rows_affected() == 0 {
        return Err(AppError::refused("La pétition a changé d'état entre-temps : rechargez la page."));
    }
    record_change(&mut tx, id, to, now, actor_id).await?;
    tx.commit().await?;
    Ok(())
}

async fn record_change(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    state: State,
    at: i64,
    actor_id: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO petition_state_changes (petition_id, state, at, actor_id) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(state.as_str())
        .bind(at)
        .bind(actor_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The signer's stored details: normalised email, display name, birth date, commune.
pub async fn signer(pool: &Pool, user_id: i64) -> Result<(String, String, String, Option<i64>), AppError> {
    sqlx::query_as("SELECT email, display_name, birth_date, commune_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// A signature's standing for one email on one petition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    None,
    AwaitingConfirmation,
    Counted,
}

/// By address, account or address tag (`None` to leave a criterion out).
pub async fn existing_signature(
    pool: &Pool,
    petition_id: i64,
    email: &str,
    user_id: Option<i64>,
    address_tag: Option<&str>,
) -> Result<Existing, AppError> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT confirmed_at FROM petition_signatures WHERE petition_id = $1 \
         AND (email = $2 OR user_id = $3 OR address_tag = $4) ORDER BY confirmed_at DESC LIMIT 1",
    )
    .bind(petition_id)
    .bind(email)
    .bind(user_id.unwrap_or(-1))
    .bind(address_tag.unwrap_or(""))
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        None => Existing::None,
        Some((None,)) => Existing::AwaitingConfirmation,
        Some((Some(_),)) => Existing::Counted,
    })
}

/// The counter after a signature was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub signatures: i64,
    pub threshold: i64,
    pub milestones_sent: i64,
}

async fn count_one(tx: &mut sqlx::Transaction<'_, sqlx::Any>, petition_id: i64) -> Result<Counted, AppError> {
    let (signatures, threshold, milestones_sent): (i64, i64, i64) = sqlx::query_as(
        "UPDATE petitions SET signatures = signatures + 1 WHERE id = $1 \
         RETURNING signatures, threshold, milestones_sent",
    )
    .bind(petition_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Counted { signatures, threshold, milestones_sent })
}

pub struct NewSignature<'a> {
    pub petition_id: i64,
    pub user_id: Option<i64>,
    pub email: &'a str,
    /// The keyed hash of the address for this petition (see `platform::secrets::address_tag`).
    pub address_tag: &'a str,
    pub full_name: &'a str,
    pub commune_id: Option<i64>,
}

/// A signed-in resident's signature, counted at once. `None` when this person already signed.
pub async fn insert_counted_signature(pool: &Pool, signature: &NewSignature<'_>) -> Result<Option<Counted>, AppError> {
    let now = db::now();
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    // A link this person asked for as a visitor is superseded: signed in, they sign at once.
    sqlx::query("DELETE FROM petition_signatures WHERE petition_id = $1 AND email = $2 AND confirmed_at IS NULL")
        .bind(signature.petition_id)
        .bind(signature.email)
        .execute(&mut *tx)
        .await?;
    // Any earlier signature of this account, address or address tag is a conflict.
    let inserted = sqlx::query(
        "INSERT INTO petition_signatures (petition_id, user_id, email, full_name, commune_id, confirmed_at, created_at, \
         address_tag) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(signature.petition_id)
    .bind(signature.user_id)
    .bind(signature.email)
    .bind(signature.full_name)
    .bind(signature.commune_id)
    .bind(now)
    .bind(signature.address_tag)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(None);
    }
    let counted = count_one(&mut tx, signature.petition_id).await?;
    tx.commit().await?;
    Ok(Some(counted))
}

/// A visitor's signature awaiting its emailed link; asking again replaces the link.
/// `false` when this email already has a counted signature.
pub async fn upsert_pending_signature(
    pool: &Pool,
    signature: &NewSignature<'_>,
    token_hash: &str,
    expires_at: i64,
) -> Result<bool, AppError> {
    let now = db::now();
    let inserted = sqlx::query(
        "INSERT INTO petition_signatures (petition_id, email, full_name, commune_id, token_hash, token_expires_at, \
         created_at, address_tag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (petition_id, email) DO UPDATE SET full_name = excluded.full_name, \
         commune_id = excluded.commune_id, token_hash = excluded.token_hash, \
         token_expires_at = excluded.token_expires_at WHERE petition_signatures.confirmed_at IS NULL",
    )
    .bind(signature.petition_id)
    .bind(signature.email)
    .bind(signature.full_name)
    .bind(signature.commune_id)
    .bind(token_hash)
    .bind(expires_at)
    .bind(now)
    .bind(signature.address_tag)
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() > 0)
}

/// Why a confirmation link was not honoured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Used,
    Expired,
}

/// The signature a link names: (signature id, petition id), or why the link cannot be used.
pub async fn signature_of_link(
    pool: &Pool,
    token_hash: &str,
    now: i64,
) -> Result<Result<(i64, i64), LinkProblem>, AppError> {
    let row: Option<(i64, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT id, petition_id, confirmed_at, token_expires_at FROM petition_signatures WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        None => Err(LinkProblem::Unknown),
        Some((_, _, Some(_), _)) => Err(LinkProblem::Used),
        Some((_, _, None, expires)) if expires.is_none_or(|expires| now >= expires) => Err(LinkProblem::Expired),
        Some((id, petition_id, None, _)) => Ok((id, petition_id)),
    })
}

/// Counts a confirmed signature; `None` when another click confirmed it first.
pub async fn confirm_signature(pool: &Pool, signature_id: i64, petition_id: i64) -> Result<Option<Counted>, AppError> {
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let updated =
        sqlx::query("UPDATE petition_signatures SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL")
            .bind(signature_id)
            .bind(db::now())
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Ok(None);
    }
    let counted = count_one(&mut tx, petition_id).await?;
    tx.commit().await?;
    Ok(Some(counted))
}

/// Marks `milestone` as announced; `false` when it already was (by a concurrent signature).
pub async fn claim_milestone(pool: &Pool, petition_id: i64, milestone: i64) -> Result<bool, AppError> {
    let updated = sqlx::query("UPDATE petitions SET milestones_sent = $2 WHERE id = $1 AND milestones_sent < $2")
        .bind(petition_id)
        .bind(milestone)
        .execute(pool)
        .await?;
    Ok(updated.rows_affected() == 1)
}

/// The author's address, when the account still exists.
pub async fn author_email(pool: &Pool, petition_id: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT u.email FROM petitions p JOIN users u ON u.id = p.author_id WHERE p.id = $1")
            .bind(petition_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(email,)| email))
}

/// Just the counter: what live pages poll, with no recount.
pub async fn signature_count(pool: &Pool, petition_id: i64) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT signatures FROM petitions WHERE id = $1").bind(petition_id).fetch_optional(pool).await?;
    Ok(row.map(|(count,)| count))
}

/// Counted signatures per commune, without names.
pub async fn counts_by_commune(pool: &Pool, petition_id: i64) -> Result<Vec<(String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT COALESCE(c.name, 'Non renseignée') AS commune, COUNT(*) AS signatures FROM petition_signatures s \
         LEFT JOIN communes c ON c.id = s.commune_id WHERE s.petition_id = $1 AND s.confirmed_at IS NOT NULL \
         GROUP BY COALESCE(c.name, 'Non renseignée') ORDER BY COUNT(*) DESC, COALESCE(c.name, 'Non renseignée')",
    )
    .bind(petition_id)
    .fetch_all(pool)
    .await?)
}

/// Counted signatures with their personal data, for staff's verification (empty once purged).
pub async fn signatures_for_verification(
    pool: &Pool,
    petition_id: i64,
) -> Result<Vec<(Option<String>, Option<String>, Option<String>, i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT s.full_name, s.email, c.name, CAST(CASE WHEN s.user_id IS NULL THEN 0 ELSE 1 END AS BIGINT), s.confirmed_at \
         FROM petition_signatures s LEFT JOIN communes c ON c.id = s.commune_id \
         WHERE s.petition_id = $1 AND s.confirmed_at IS NOT NULL AND s.email IS NOT NULL ORDER BY s.confirmed_at, s.id",
    )
    .bind(petition_id)
    .fetch_all(pool)
    .await?)
}

pub async fn filed_by(pool: &Pool, user_id: i64) -> Result<Vec<(String, String, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT title, state, created_at FROM petitions WHERE author_id = $1 ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await?)
}

pub async fn signed_by(pool: &Pool, user_id: i64) -> Result<Vec<(String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT p.title, s.confirmed_at FROM petition_signatures s JOIN petitions p ON p.id = s.petition_id \
         WHERE s.user_id = $1 AND s.confirmed_at IS NOT NULL ORDER BY s.confirmed_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?)
}

/// Removes a deleted account's name and address from its signatures, which keep counting.
pub async fn forget_signer(pool: &Pool, user_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE petition_signatures SET email = NULL, full_name = NULL WHERE user_id = $1")
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Closes petitions past their date, deletes signers' personal data `retention_days` after closing
/// and forgets idle rate-limit counters (of every space). Returns (closed, purged) petition counts.
pub async fn housekeeping(pool: &Pool, now: i64) -> Result<(usize, usize), AppError> {
    let expired: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, closes_at FROM petitions WHERE state = 'open' AND closes_at <= $1")
            .bind(now)
            .fetch_all(pool)
            .await?;
    let mut closed = 0;
    for (id, closes_at) in expired {
        let mut tx = pool.begin().await?;
        let updated = sqlx::query("UPDATE petitions SET state = 'closed' WHERE id = $1 AND state = 'open'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 1 {
            record_change(&mut tx, id, State::Closed, closes_at, None).await?;
            closed += 1;
        }
        tx.commit().await?;
    }
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT p.id FROM petitions p JOIN petition_rules r ON r.institution_id = p.institution_id \
         WHERE p.purged_at IS NULL AND p.state IN ('closed', 'answered') \
         AND p.closes_at + r.retention_days * 86400 <= $1",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    for (id,) in &due {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM petition_signatures WHERE petition_id = $1 AND confirmed_at IS NULL")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE petition_signatures SET email = NULL, full_name = NULL, user_id = NULL, token_hash = NULL, \
             address_tag = NULL WHERE petition_id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE petitions SET purged_at = $2 WHERE id = $1").bind(id).bind(now).execute(&mut *tx).await?;
        tx.commit().await?;
    }
    crate::platform::rate_limit::purge(pool, now).await?;
    Ok((closed, due.len()))
}
