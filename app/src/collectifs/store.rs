//! All SQL about collectifs: profiles, members, state history, publications; and the agenda they
//! share with the citizen councils: events and registrations.
use super::{
    domain::{self, Placement, ValidEvent},
    model::{
        Attendance, Collectif, CollectifCard, EventItem, PublicationItem, PublicationStage, PublicationStep,
        StateChange,
    },
    publication::{self, ValidPublication, ValidStep},
};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

/// Events with their host, a collectif or a citizen council (the table's CHECK keeps exactly one).
const EVENTS_WITH_HOST: &str = "events e LEFT JOIN collectifs c ON c.id = e.collectif_id \
     LEFT JOIN citizen_councils cc ON cc.id = e.council_id";

const EVENT_COLUMNS: &str = "e.id, CASE WHEN e.council_id IS NULL THEN 'collectif' ELSE 'conseil' END AS host_kind, \
     COALESCE(c.slug, cc.slug) AS host_slug, COALESCE(c.name, cc.name) AS host_name, e.title, e.description, \
     e.place, e.starts_at, e.ends_at, e.capacity, \
     (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed, \
     (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waiting') AS waiting, \
     e.created_at";

/// A page of the collectifs by name, with their members and coming events.
pub async fn collectifs(pool: &Pool, now: i64, offset: i64, limit: i64) -> Result<Vec<CollectifCard>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.slug, c.name, c.theme, c.state, \
         (SELECT COUNT(*) FROM collectif_members m WHERE m.collectif_id = c.id) AS members, \
         (SELECT COUNT(*) FROM events e WHERE e.collectif_id = c.id AND e.starts_at > $1) AS upcoming_events \
         FROM collectifs c ORDER BY c.name, c.id LIMIT $2 OFFSET $3",
    )
    .bind(now)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

pub async fn collectif_count(pool: &Pool) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM collectifs").fetch_one(pool).await?;
    Ok(count)
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
    let new_state = domain::check_transition(collectif.state, new_state).map_err(AppError::refused)?.as_str();
    let mut tx = pool.begin().await?;
    let updated = sqlx::query("UPDATE collectifs SET state = $1 WHERE id = $2 AND state = $3")
        .bind(new_state)
        .bind(collectif.id)
        .bind(collectif.state.as_str())
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
    .bind(collectif.state.as_str())
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

/// The holder of an agenda, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Collectif(i64),
    Council(i64),
}

impl Host {
    /// The events column naming the host, and its id.
    fn column(self) -> (&'static str, i64) {
        match self {
            Host::Collectif(id) => ("collectif_id", id),
            Host::Council(id) => ("council_id", id),
        }
    }
}

pub async fn insert_event(pool: &Pool, host: Host, event: &ValidEvent) -> Result<i64, AppError> {
    let (column, host_id) = host.column();
    let (id,): (i64,) = sqlx::query_as(&format!(
        "INSERT INTO events ({column}, title, description, place, starts_at, ends_at, capacity, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    ))
    .bind(host_id)
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

/// Every event of one host, or of all of them (the global agenda).
pub async fn events(pool: &Pool, host: Option<Host>) -> Result<Vec<EventItem>, AppError> {
    let filter = host.map(|host| format!("WHERE e.{} = $1", host.column().0)).unwrap_or_default();
    let query = format!("SELECT {EVENT_COLUMNS} FROM {EVENTS_WITH_HOST} {filter} ORDER BY e.starts_at, e.id");
    let mut query = sqlx::query_as(&query);
    if let Some(host) = host {
        query = query.bind(host.column().1);
    }
    Ok(query.fetch_all(pool).await?)
}

/// One event of the host: another host's event is not found here.
pub async fn event(pool: &Pool, host: Host, event_id: i64) -> Result<EventItem, AppError> {
    let (column, host_id) = host.column();
    sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} FROM {EVENTS_WITH_HOST} WHERE e.{column} = $1 AND e.id = $2"))
        .bind(host_id)
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
    let Some((status, rank)) = row else { return Ok(None) };
    let placement = Placement::try_from(status).map_err(|error| {
        tracing::error!(%error, "event_registrations.status");
        AppError::Internal
    })?;
    Ok(Some(match placement {
        Placement::Waiting => Attendance::Waiting(rank),
        Placement::Confirmed => Attendance::Confirmed,
    }))
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

/// Whether the user facilitates the collectif.
pub async fn is_facilitator(pool: &Pool, collectif_id: i64, user_id: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM collectif_members WHERE collectif_id = $1 AND user_id = $2 AND facilitator = 1")
            .bind(collectif_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.is_some())
}

const PUBLICATION_COLUMNS: &str = "p.id, c.slug AS collectif_slug, c.name AS collectif_name, p.kind, p.title, \
     p.summary, p.published_on, p.stage, f.content_type AS file_type, f.size AS file_size, p.updated_at \
     FROM publications p JOIN collectifs c ON c.id = p.collectif_id JOIN stored_files f ON f.sha256 = p.file_sha256";

/// Which publications a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicationFilter {
    /// One collectif's, or everyone's.
    pub collectif_id: Option<i64>,
    /// Drafts too (for the collectif's facilitators and staff).
    pub with_drafts: bool,
    /// Only what goes through the opinion chain (the tracker).
    pub chain_only: bool,
}

/// Newest document first.
pub async fn publications(pool: &Pool, filter: PublicationFilter) -> Result<Vec<PublicationItem>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {PUBLICATION_COLUMNS} WHERE ($1 = 0 OR p.collectif_id = $2) AND ($3 = 1 OR p.stage <> 'draft') \
         AND ($4 = 0 OR p.kind IN ('opinion', 'report', 'study')) ORDER BY p.published_on DESC, p.id DESC"
    ))
    .bind(i64::from(filter.collectif_id.is_some()))
    .bind(filter.collectif_id.unwrap_or(0))
    .bind(i64::from(filter.with_drafts))
    .bind(i64::from(filter.chain_only))
    .fetch_all(pool)
    .await?)
}

pub async fn publication(pool: &Pool, collectif_id: i64, id: i64) -> Result<PublicationItem, AppError> {
    sqlx::query_as(&format!("SELECT {PUBLICATION_COLUMNS} WHERE p.collectif_id = $1 AND p.id = $2"))
        .bind(collectif_id)
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The key of the publication's PDF in the file store.
pub async fn publication_file(pool: &Pool, publication_id: i64) -> Result<String, AppError> {
    let (sha256,): (String,) = sqlx::query_as("SELECT file_sha256 FROM publications WHERE id = $1")
        .bind(publication_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(sha256)
}

pub async fn publication_steps(pool: &Pool, publication_id: i64) -> Result<Vec<PublicationStep>, AppError> {
    Ok(sqlx::query_as(
        "SELECT stage, note, on_date, actor_name, at FROM publication_steps WHERE publication_id = $1 ORDER BY id",
    )
    .bind(publication_id)
    .fetch_all(pool)
    .await?)
}

/// Who acts, as the record keeps them.
#[derive(Debug, Clone, Copy)]
pub struct Acting<'a> {
    pub user_id: Option<i64>,
    pub name: &'a str,
}

async fn record_step(
    tx: &mut Tx<'_>,
    publication_id: i64,
    stage: PublicationStage,
    note: &str,
    on_date: Option<&str>,
    actor: Acting<'_>,
    at: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO publication_steps (publication_id, stage, note, on_date, actor_id, actor_name, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(publication_id)
    .bind(stage.as_str())
    .bind(note)
    .bind(on_date)
    .bind(actor.user_id)
    .bind(actor.name)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Files a new publication; an opinion, report or study starts as a dated draft.
pub async fn insert_publication(
    pool: &Pool,
    collectif_id: i64,
    publication: &ValidPublication,
    file_sha256: &str,
    author: Acting<'_>,
    at: i64,
) -> Result<i64, AppError> {
    let stage = publication::first_stage(publication.kind);
    let mut tx = pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO publications (collectif_id, kind, title, summary, published_on, file_sha256, stage, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(collectif_id)
    .bind(publication.kind.as_str())
    .bind(&publication.title)
    .bind(&publication.summary)
    .bind(&publication.published_on)
    .bind(file_sha256)
    .bind(stage.as_str())
    .bind(author.user_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    if stage == PublicationStage::Draft {
        record_step(&mut tx, id, stage, "", None, author, at).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Moves the publication from `from` along the chain; `false` when someone moved it first (the
/// stage is compared and set in one statement, so two clicks cannot both pass).
pub async fn take_step(
    pool: &Pool,
    publication_id: i64,
    from: PublicationStage,
    step: &ValidStep,
    actor: Acting<'_>,
    at: i64,
) -> Result<bool, AppError> {
    let mut tx = pool.begin().await?;
    let moved = sqlx::query("UPDATE publications SET stage = $1, updated_at = $2 WHERE id = $3 AND stage = $4")
        .bind(step.step.target().as_str())
        .bind(at)
        .bind(publication_id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if moved == 0 {
        return Ok(false);
    }
    record_step(&mut tx, publication_id, step.step.target(), &step.note, step.on_date.as_deref(), actor, at).await?;
    tx.commit().await?;
    Ok(true)
}

/// Replaces the PDF of a text still with its collectif (draft or returned); `false` otherwise.
pub async fn replace_publication_file(
    pool: &Pool,
    publication_id: i64,
    file_sha256: &str,
    at: i64,
) -> Result<bool, AppError> {
    let changed = sqlx::query(
        "UPDATE publications SET file_sha256 = $1, updated_at = $2 WHERE id = $3 AND stage IN ('draft', 'returned')",
    )
    .bind(file_sha256)
    .bind(at)
    .bind(publication_id)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// The email of whoever filed the publication, if their account still exists.
pub async fn publication_author_email(pool: &Pool, publication_id: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT u.email FROM publications p JOIN users u ON u.id = p.created_by WHERE p.id = $1")
            .bind(publication_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(email,)| email))
}
