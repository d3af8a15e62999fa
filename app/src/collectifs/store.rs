//! All SQL about collectifs: profiles, members, state history, events and registrations.
use super::{
    domain::{self, Placement, ValidEvent},
    model::{Attendance, Collectif, CollectifCard, EventItem, StateChange},
};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

const EVENT_COLUMNS: &str = "e.id, c.slug AS collectif_slug, c.name AS collectif_name, e.title, e.description, \
     e.place, e.starts_at, e.ends_at, e.capacity, \
     (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed, \
     (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waiting') AS waiting, \
     e.created_at";

pub async fn collectifs(pool: &Pool, now: i64) -> Result<Vec<CollectifCard>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.slug, c.name, c.theme, c.state, \
         (SELECT COUNT(*) FROM collectif_members m WHERE m.collectif_id = c.id) AS members, \
         (SELECT COUNT(*) FROM events e WHERE e.collectif_id = c.id AND e.starts_at > $1) AS upcoming_events \
         FROM collectifs c ORDER BY c.name",
    )
    .bind(now)
    .fetch_all(pool)
    .await?)
}

pub async fn collectif_by_slug(pool: &Pool, slug: &str) -> Result<Collectif, AppError> {
    sqlx::query_as("SELECT id, slug, name, theme, description, state FROM collectifs WHERE slug = $1")
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Sets the theme and description shown on the collectif's page.
pub async fn describe(pool: &Pool, collectif_id: i64, theme: &str, description: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE collectifs SET theme = $1, description = $2 WHERE id = $3")
        .bind(theme)
        .bind(description)
        .bind(collectif_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// One member as the page needs them: display name, facilitator, name shown.
pub async fn members(pool: &Pool, collectif_id: i64) -> Result<Vec<(String, bool, bool)>, AppError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT u.display_name, m.facilitator, m.name_shown FROM collectif_members m \
         JOIN users u ON u.id = m.user_id WHERE m.collectif_id = $1 ORDER BY m.facilitator DESC, u.display_name",
    )
    .bind(collectif_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(name, facilitator, shown)| (name, facilitator == 1, shown == 1)).collect())
}

/// `Some(name shown)` when the user is a member.
pub async fn membership(pool: &Pool, collectif_id: i64, user_id: i64) -> Result<Option<bool>, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT name_shown FROM collectif_members WHERE collectif_id = $1 AND user_id = $2")
            .bind(collectif_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(shown,)| shown == 1))
}

/// Adds a member; `false` when they already were one.
pub async fn add_member(
    pool: &Pool,
    collectif_id: i64,
    user_id: i64,
    name_shown: bool,
    facilitator: bool,
) -> Result<bool, AppError> {
    let inserted = sqlx::query(
        "INSERT INTO collectif_members (collectif_id, user_id, facilitator, name_shown, joined_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (collectif_id, user_id) DO NOTHING",
    )
    .bind(collectif_id)
    .bind(user_id)
    .bind(i64::from(facilitator))
    .bind(i64::from(name_shown))
    .bind(db::now())
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Removes a member; `false` when they were not one.
pub async fn remove_member(pool: &Pool, collectif_id: i64, user_id: i64) -> Result<bool, AppError> {
    let deleted = sqlx::query("DELETE FROM collectif_members WHERE collectif_id = $1 AND user_id = $2")
        .bind(collectif_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(deleted.rows_affected() == 1)
}

/// `false` when the user is not a member.
pub async fn set_name_shown(pool: &Pool, collectif_id: i64, user_id: i64, shown: bool) -> Result<bool, AppError> {
    let updated = sqlx::query("UPDATE collectif_members SET name_shown = $1 WHERE collectif_id = $2 AND user_id = $3")
        .bind(i64::from(shown))
        .bind(collectif_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(updated.rows_affected() == 1)
}

/// Moves the collectif to `new_state` and records the change, in one transaction. The update
/// names the state the caller saw, so two concurrent changes cannot both apply.
pub async fn change_state(
    pool: &Pool,
    collectif: &Collectif,
    new_state: &str,
    note: &str,
    changed_by: Option<i64>,
    at: i64,
) -> Result<(), AppError> {
    domain::check_transition(&collectif.state, new_state).map_err(AppError::refused)?;
    let mut tx = pool.begin().await?;
    let updated = sqlx::query("UPDATE collectifs SET state = $1 WHERE id = $2 AND state = $3")
        .bind(new_state)
        .bind(collectif.id)
        .bind(&collectif.state)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::refused("L'état du collectif vient de changer : rechargez la page."));
    }
    sqlx::query(
        "INSERT INTO collectif_state_changes (collectif_id, old_state, new_state, note, changed_by, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(collectif.id)
    .bind(&collectif.state)
    .bind(new_state)
    .bind(note)
    .bind(changed_by)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Newest first.
pub async fn history(pool: &Pool, collectif_id: i64) -> Result<Vec<StateChange>, AppError> {
    Ok(sqlx::query_as(
        "SELECT old_state, new_state, note, at FROM collectif_state_changes WHERE collectif_id = $1 \
         ORDER BY at DESC, id DESC",
    )
    .bind(collectif_id)
    .fetch_all(pool)
    .await?)
}

pub async fn insert_event(pool: &Pool, collectif_id: i64, event: &ValidEvent) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO events (collectif_id, title, description, place, starts_at, ends_at, capacity, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(collectif_id)
    .bind(&event.title)
    .bind(&event.description)
    .bind(&event.place)
    .bind(event.starts_at)
    .bind(event.ends_at)
    .bind(event.capacity)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// Every event of one collectif, or of all of them.
pub async fn events(pool: &Pool, collectif_id: Option<i64>) -> Result<Vec<EventItem>, AppError> {
    let filter = if collectif_id.is_some() { "WHERE e.collectif_id = $1" } else { "" };
    let query = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN collectifs c ON c.id = e.collectif_id {filter} \
         ORDER BY e.starts_at, e.id"
    );
    let mut query = sqlx::query_as(&query);
    if let Some(id) = collectif_id {
        query = query.bind(id);
    }
    Ok(query.fetch_all(pool).await?)
}

pub async fn event(pool: &Pool, collectif_id: i64, event_id: i64) -> Result<EventItem, AppError> {
    sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN collectifs c ON c.id = e.collectif_id \
         WHERE e.collectif_id = $1 AND e.id = $2"
    ))
    .bind(collectif_id)
    .bind(event_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The user's place at the event, with their rank when waiting.
pub async fn attendance(pool: &Pool, event_id: i64, user_id: i64) -> Result<Option<Attendance>, AppError> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT r.status, (SELECT COUNT(*) FROM event_registrations w \
         WHERE w.event_id = r.event_id AND w.status = 'waiting' AND w.id <= r.id) \
         FROM event_registrations r WHERE r.event_id = $1 AND r.user_id = $2",
    )
    .bind(event_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(status, rank)| if status == "waiting" { Attendance::Waiting(rank) } else { Attendance::Confirmed }))
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Starts a transaction holding the event's lock (the revision bump takes it on both backends,
/// so registrations to one event are decided one at a time); returns its start and capacity.
async fn lock_event(pool: &Pool, event_id: i64) -> Result<(Tx<'static>, i64, Option<i64>), AppError> {
    let mut tx = pool.begin().await?;
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "UPDATE events SET registrations_revision = registrations_revision + 1 WHERE id = $1 \
         RETURNING starts_at, capacity",
    )
    .bind(event_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (starts_at, capacity) = row.ok_or(AppError::NotFound)?;
    Ok((tx, starts_at, capacity))
}

async fn confirmed_count(tx: &mut Tx<'_>, event_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'")
            .bind(event_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(count)
}

/// Registers the user: a place if one is left, the waiting list otherwise.
pub async fn register(pool: &Pool, event_id: i64, user_id: i64, now: i64) -> Result<Placement, AppError> {
    let (mut tx, starts_at, capacity) = lock_event(pool, event_id).await?;
    let confirmed = confirmed_count(&mut tx, event_id).await?;
    let placement = domain::place(starts_at, now, capacity, confirmed).map_err(AppError::refused)?;
    let inserted = sqlx::query(
        "INSERT INTO event_registrations (event_id, user_id, status, registered_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (event_id, user_id) DO NOTHING",
    )
    .bind(event_id)
    .bind(user_id)
    .bind(placement.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::refused("Vous êtes déjà inscrit·e à cet événement."));
    }
    tx.commit().await?;
    Ok(placement)
}

/// Cancels the user's registration and gives the places now free to the first people waiting.
/// Returns the email addresses of those promoted.
pub async fn cancel(pool: &Pool, event_id: i64, user_id: i64, now: i64) -> Result<Vec<String>, AppError> {
    let (mut tx, starts_at, capacity) = lock_event(pool, event_id).await?;
    domain::check_open(starts_at, now).map_err(AppError::refused)?;
    let deleted = sqlx::query("DELETE FROM event_registrations WHERE event_id = $1 AND user_id = $2")
        .bind(event_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::refused("Vous n'êtes pas inscrit·e à cet événement."));
    }
    let confirmed = confirmed_count(&mut tx, event_id).await?;
    let waiting: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.id, u.email FROM event_registrations r JOIN users u ON u.id = r.user_id \
         WHERE r.event_id = $1 AND r.status = 'waiting' ORDER BY r.id",
    )
    .bind(event_id)
    .fetch_all(&mut *tx)
    .await?;
    let promoted = &waiting[..domain::promotions(capacity, confirmed, waiting.len())];
    for (registration, _) in promoted {
        sqlx::query("UPDATE event_registrations SET status = 'confirmed' WHERE id = $1")
            .bind(registration)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(promoted.iter().map(|(_, email)| email.clone()).collect())
}
