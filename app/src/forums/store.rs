//! All SQL about forums: themes, threads, posts, supports, flags and reply-email opt-outs.
use super::model::{FlaggedPost, Post, Theme, ThreadRow};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

const THEME_SELECT: &str = "SELECT f.id, i.name AS institution_name, f.title, f.question, f.opens_at, f.closes_at, \
     f.synthesis_html, CAST((SELECT COUNT(*) FROM forum_threads t WHERE t.theme_id = f.id) AS BIGINT) AS threads \
     FROM forum_themes f JOIN institutions i ON i.id = f.institution_id";

const THREAD_SELECT: &str = "SELECT t.id, t.theme_id, t.title, u.display_name AS author_name, t.posts, t.locked_at, \
     t.last_post_at FROM forum_threads t LEFT JOIN users u ON u.id = t.author_id";

pub async fn themes(pool: &Pool, offset: i64, limit: i64) -> Result<Vec<Theme>, AppError> {
    Ok(sqlx::query_as(&format!("{THEME_SELECT} ORDER BY f.opens_at DESC, f.id DESC LIMIT $1 OFFSET $2"))
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await?)
}

pub async fn theme_count(pool: &Pool) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM forum_themes").fetch_one(pool).await?;
    Ok(count)
}

pub async fn theme(pool: &Pool, id: i64) -> Result<Theme, AppError> {
    sqlx::query_as(&format!("{THEME_SELECT} WHERE f.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn insert_theme(
    pool: &Pool,
    institution_id: i64,
    title: &str,
    question: &str,
    opens_at: i64,
    closes_at: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO forum_themes (institution_id, title, question, opens_at, closes_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(institution_id)
    .bind(title)
    .bind(question)
    .bind(opens_at)
    .bind(closes_at)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

pub async fn set_synthesis(pool: &Pool, theme_id: i64, html: &str) -> Result<(), AppError> {
    let updated = sqlx::query("UPDATE forum_themes SET synthesis_html = $2, synthesis_at = $3 WHERE id = $1")
        .bind(theme_id)
        .bind(html)
        .bind(db::now())
        .execute(pool)
        .await?;
    if updated.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// The theme's threads, the most recently active first.
/// A page of a theme's threads, the most recently active first.
pub async fn threads(pool: &Pool, theme_id: i64, offset: i64, limit: i64) -> Result<Vec<ThreadRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{THREAD_SELECT} WHERE t.theme_id = $1 ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(theme_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

pub async fn thread_count(pool: &Pool, theme_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM forum_threads WHERE theme_id = $1").bind(theme_id).fetch_one(pool).await?;
    Ok(count)
}

pub async fn thread(pool: &Pool, id: i64) -> Result<ThreadRow, AppError> {
    sqlx::query_as(&format!("{THREAD_SELECT} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// A new thread with its first post, in one transaction. Returns the thread's id.
pub async fn start_thread(
    pool: &Pool,
    theme_id: i64,
    author_id: i64,
    title: &str,
    body: &str,
    body_html: &str,
) -> Result<i64, AppError> {
    let now = db::now();
    let mut tx = pool.begin().await?;
    let (thread,): (i64,) = sqlx::query_as(
        "INSERT INTO forum_threads (theme_id, author_id, title, posts, created_at, last_post_at) \
         VALUES ($1, $2, $3, 1, $4, $4) RETURNING id",
    )
    .bind(theme_id)
    .bind(author_id)
    .bind(title)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_post(&mut tx, thread, None, author_id, body, body_html, now).await?;
    tx.commit().await?;
    Ok(thread)
}

async fn insert_post(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    thread_id: i64,
    parent_id: Option<i64>,
    author_id: i64,
    body: &str,
    body_html: &str,
    now: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO forum_posts (thread_id, parent_id, root_id, author_id, body, body_html, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(thread_id)
    .bind(parent_id)
    .bind(parent_id.unwrap_or(0))
    .bind(author_id)
    .bind(body)
    .bind(body_html)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    if parent_id.is_none() {
        // A first-level post heads its own group.
        sqlx::query("UPDATE forum_posts SET root_id = id WHERE id = $1").bind(id).execute(&mut **tx).await?;
    }
    Ok(id)
}

/// A post in a thread; `parent_id` is a first-level post (replies are one level deep).
pub async fn add_post(
    pool: &Pool,
    thread_id: i64,
    parent_id: Option<i64>,
    author_id: i64,
    body: &str,
    body_html: &str,
) -> Result<i64, AppError> {
    let now = db::now();
    let mut tx = pool.begin().await?;
    let id = insert_post(&mut tx, thread_id, parent_id, author_id, body, body_html, now).await?;
    sqlx::query("UPDATE forum_threads SET posts = posts + 1, last_post_at = $2 WHERE id = $1")
        .bind(thread_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// What the checks need to know of one post.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRef {
    pub id: i64,
    pub thread_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

pub async fn post(pool: &Pool, id: i64) -> Result<PostRef, AppError> {
    sqlx::query_as(
        "SELECT p.id, p.thread_id, p.parent_id, p.author_id, u.display_name AS author_name, p.body, p.created_at, \
         p.hidden_at FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// One page of a thread in reading order: each first-level post followed by its replies.
pub async fn page_posts(pool: &Pool, thread_id: i64, offset: i64, limit: i64) -> Result<Vec<Post>, AppError> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.parent_id, p.author_id, u.display_name AS author_name, p.body, p.body_html, p.supports, \
         p.created_at, p.edited_at, p.hidden_reason FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id \
         WHERE p.thread_id = $1 ORDER BY p.root_id, p.id LIMIT $2 OFFSET $3",
    )
    .bind(thread_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

/// How many posts come before `post_id` in its thread's reading order.
pub async fn position(pool: &Pool, thread_id: i64, post_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM forum_posts p, forum_posts target WHERE target.id = $2 AND p.thread_id = $1 \
         AND (p.root_id < target.root_id OR (p.root_id = target.root_id AND p.id < target.id))",
    )
    .bind(thread_id)
    .bind(post_id)
    .fetch_one(pool)
    .await?;
    Ok(count)
}

/// The posts of a thread that `user_id` supports.
pub async fn supported_in_thread(pool: &Pool, user_id: i64, thread_id: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT s.post_id FROM forum_supports s JOIN forum_posts p ON p.id = s.post_id \
         WHERE s.user_id = $1 AND p.thread_id = $2",
    )
    .bind(user_id)
    .bind(thread_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Supports the post, or withdraws the support already given. Returns whether it is now supported.
pub async fn toggle_support(pool: &Pool, post_id: i64, user_id: i64) -> Result<bool, AppError> {
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query("INSERT INTO forum_supports (post_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(post_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if !inserted {
        sqlx::query("DELETE FROM forum_supports WHERE post_id = $1 AND user_id = $2")
            .bind(post_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    let delta = if inserted { 1 } else { -1 };
    sqlx::query("UPDATE forum_posts SET supports = supports + $2 WHERE id = $1")
        .bind(post_id)
        .bind(delta as i64)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(inserted)
}

pub async fn edit_post(pool: &Pool, post_id: i64, body: &str, body_html: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE forum_posts SET body = $2, body_html = $3, edited_at = $4 WHERE id = $1")
        .bind(post_id)
        .bind(body)
        .bind(body_html)
        .bind(db::now())
        .execute(pool)
        .await?;
    Ok(())
}

/// Records a flag; `false` when this person already flagged the post.
pub async fn flag(pool: &Pool, post_id: i64, user_id: i64, reason: &str) -> Result<bool, AppError> {
    let inserted = sqlx::query(
        "INSERT INTO forum_flags (post_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(post_id)
    .bind(user_id)
    .bind(reason)
    .bind(db::now())
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Visible posts with open flags, the most flagged first.
pub async fn flagged(pool: &Pool) -> Result<Vec<FlaggedPost>, AppError> {
    let rows: Vec<(i64, i64, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT p.id, p.thread_id, t.title, u.display_name, p.body_html, f.reason FROM forum_flags f \
         JOIN forum_posts p ON p.id = f.post_id JOIN forum_threads t ON t.id = p.thread_id \
         LEFT JOIN users u ON u.id = p.author_id WHERE f.resolved_at IS NULL AND p.hidden_at IS NULL \
         ORDER BY p.id, f.id",
    )
    .fetch_all(pool)
    .await?;
    let mut posts: Vec<FlaggedPost> = Vec::new();
    for (post_id, thread_id, thread_title, author_name, body_html, reason) in rows {
        match posts.last_mut() {
            Some(last) if last.post_id == post_id => {
                last.flags += 1;
                last.reasons.push_str(" · ");
                last.reasons.push_str(&reason);
            }
            _ => posts.push(FlaggedPost {
                post_id,
                thread_id,
                thread_title,
                author_name,
                body_html,
                flags: 1,
                reasons: reason,
            }),
        }
    }
    posts.sort_by_key(|post| std::cmp::Reverse(post.flags));
    Ok(posts)
}

/// Hides a post with the reason its author sees, and closes its flags.
pub async fn hide_post(pool: &Pool, post_id: i64, reason: &str) -> Result<(), AppError> {
    let now = db::now();
    let mut tx = pool.begin().await?;
    let updated = sqlx::query("UPDATE forum_posts SET hidden_at = $2, hidden_reason = $3 WHERE id = $1")
        .bind(post_id)
        .bind(now)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    resolve(&mut tx, post_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes a post's open flags without hiding it.
pub async fn dismiss_flags(pool: &Pool, post_id: i64) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    resolve(&mut tx, post_id, db::now()).await?;
    tx.commit().await?;
    Ok(())
}

async fn resolve(tx: &mut sqlx::Transaction<'_, sqlx::Any>, post_id: i64, now: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE forum_flags SET resolved_at = $2 WHERE post_id = $1 AND resolved_at IS NULL")
        .bind(post_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_locked(pool: &Pool, thread_id: i64, locked: bool) -> Result<(), AppError> {
    let query = if locked {
        sqlx::query("UPDATE forum_threads SET locked_at = $2 WHERE id = $1").bind(thread_id).bind(db::now())
    } else {
        sqlx::query("UPDATE forum_threads SET locked_at = NULL WHERE id = $1").bind(thread_id)
    };
    if query.execute(pool).await?.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

pub async fn reply_emails(pool: &Pool, user_id: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT user_id FROM forum_reply_optouts WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_none())
}

pub async fn set_reply_emails(pool: &Pool, user_id: i64, enabled: bool) -> Result<(), AppError> {
    let query = if enabled {
        sqlx::query("DELETE FROM forum_reply_optouts WHERE user_id = $1")
    } else {
        sqlx::query("INSERT INTO forum_reply_optouts (user_id) VALUES ($1) ON CONFLICT DO NOTHING")
    };
    query.bind(user_id).execute(pool).await?;
    Ok(())
}

/// The address to tell of a reply to `post_id`, unless its author opted out.
pub async fn reply_recipient(pool: &Pool, post_id: i64) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.email FROM forum_posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1 \
         AND u.id NOT IN (SELECT user_id FROM forum_reply_optouts)",
    )
    .bind(post_id)
    .fetch_optional(pool)
    .await?)
}
