//! All SQL about accounts, sessions' owners and emailed tokens.
use super::model::{AccountRow, Profile};
use crate::platform::identity::Role;
use crate::platform::places::{Place, Places, TerritoryKind};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
    mail,
    session::{random_token, token_hash},
};

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub birth_date: &'a str,
    pub commune_id: Option<i64>,
    pub territory_id: Option<i64>,
    pub role: &'a str,
    pub verified: bool,
}

/// Inserts the account; `None` when the email is taken (one statement, no read-then-write race).
pub async fn insert_user(pool: &Pool, user: &NewUser<'_>) -> Result<Option<i64>, AppError> {
    let now = db::now();
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO users (email, password_hash, display_name, birth_date, commune_id, territory_id, role, email_verified_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.display_name)
    .bind(user.birth_date)
    .bind(user.commune_id)
    .bind(user.territory_id)
    .bind(user.role)
    .bind(user.verified.then_some(now))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(id.map(|(id,)| id))
}

/// Where residents live; the areas of campaigns imported from Pabulib files are not among them.
pub async fn places(pool: &Pool) -> Result<Places, AppError> {
    let communes: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM communes ORDER BY name").fetch_all(pool).await?;
    let territories: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, kind FROM territories WHERE kind <> 'pabulib' ORDER BY kind, name")
            .fetch_all(pool)
            .await?;
    let territories = territories
        .into_iter()
        .map(|(id, name, kind)| {
            let kind = TerritoryKind::try_from(kind).map_err(|_| AppError::Internal)?;
            Ok(Place { id, name, kind: Some(kind) })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(Places {
        communes: communes.into_iter().map(|(id, name)| Place { id, name, kind: None }).collect(),
        territories,
    })
}

pub async fn commune_exists(pool: &Pool, id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT id FROM communes WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .is_some())
}

pub async fn territory_exists(pool: &Pool, id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT id FROM territories WHERE id = $1 AND kind <> 'pabulib'")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .is_some())
}

/// What log-in needs: id, password hash, verified or not.
pub async fn credentials(pool: &Pool, email: &str) -> Result<Option<(i64, String, bool)>, AppError> {
    let row: Option<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, password_hash, email_verified_at FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, hash, verified)| (id, hash, verified.is_some())))
}

pub async fn password_hash(pool: &Pool, user_id: i64) -> Result<String, AppError> {
    let (hash,): (String,) =
        sqlx::query_as("SELECT password_hash FROM users WHERE id = $1").bind(user_id).fetch_one(pool).await?;
    Ok(hash)
}

pub async fn profile(pool: &Pool, user_id: i64) -> Result<Profile, AppError> {
    sqlx::query_as(
        "SELECT email, display_name, birth_date, commune_id, territory_id, role, locale, \
         email_verified_at AS verified_at, created_at FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn update_profile(
    pool: &Pool,
    user_id: i64,
    display_name: &str,
    commune_id: i64,
    territory_id: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET display_name = $1, commune_id = $2, territory_id = $3 WHERE id = $4")
        .bind(display_name)
        .bind(commune_id)
        .bind(territory_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Sets a new password, ends every session of the account and queues `notice` (subject, body) to
/// its owner: all of it or nothing, so a password never changes unbeknown to the owner.
/// Returns the account's address.
pub async fn set_password(pool: &Pool, user_id: i64, hash: &str, notice: (&str, &str)) -> Result<String, AppError> {
    let mut tx = pool.begin().await?;
    let (email,): (String,) = sqlx::query_as("UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING email")
        .bind(hash)
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    mail::queue(&mut *tx, &email, notice.0, notice.1).await?;
    tx.commit().await?;
    Ok(email)
}

pub async fn mark_verified(pool: &Pool, user_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL")
        .bind(db::now())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete_user(pool: &Pool, user_id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id).execute(pool).await?;
    Ok(())
}

/// A single-use token for an emailed link; only its hash is stored.
pub async fn create_token(pool: &Pool, user_id: i64, purpose: &str, lifetime_seconds: i64) -> Result<String, AppError> {
    let token = random_token();
    sqlx::query("INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(purpose)
        .bind(db::now() + lifetime_seconds)
        .execute(pool)
        .await?;
    Ok(token)
}

/// Uses a token up in one statement: a link works once, before it expires.
pub async fn consume_token(pool: &Pool, token: &str, purpose: &str) -> Result<Option<i64>, AppError> {
    let now = db::now();
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash(token))
    .bind(purpose)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

pub async fn accounts(pool: &Pool) -> Result<Vec<AccountRow>, AppError> {
    let rows: Vec<(i64, String, String, String, Option<i64>)> =
        sqlx::query_as("SELECT id, email, display_name, role, email_verified_at FROM users ORDER BY id")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(id, email, display_name, role, verified)| {
            let role = Role::try_from(role).map_err(|_| AppError::Internal)?;
            Ok(AccountRow { id, email, display_name, role, verified: verified.is_some() })
        })
        .collect()
}

/// Changes a role and keeps the change in the audit table, together or not at all.
pub async fn change_role(pool: &Pool, user_id: i64, new_role: &str, changed_by: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let old: Option<(String,)> =
        sqlx::query_as("SELECT role FROM users WHERE id = $1").bind(user_id).fetch_optional(&mut *tx).await?;
    let (old_role,) = old.ok_or(AppError::NotFound)?;
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2").bind(new_role).bind(user_id).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO role_changes (user_id, changed_by, old_role, new_role, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(user_id)
        .bind(changed_by)
        .bind(old_role)
        .bind(new_role)
        .bind(db::now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The rows a data export includes besides the profile.
pub async fn role_history(pool: &Pool, user_id: i64) -> Result<Vec<(String, String, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT old_role, new_role, at FROM role_changes WHERE user_id = $1 ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await?)
}
