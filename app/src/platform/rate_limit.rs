//! Rate limits in one table: a counter per (scope, subject) that each attempt reads and changes in
//! one statement. Checking first and recording after would let parallel attempts all pass.
use super::{
    db::{self, Pool},
    error::AppError,
};

/// At most `max` attempts in `seconds`, counted from the first attempt of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub max: i64,
    pub seconds: i64,
}

/// `free` attempts, then a wait after each further attempt that doubles from `first_wait` up to
/// `max_wait` seconds, so that guessing slows down without locking anyone out for long. The count
/// starts over after `forget_after` seconds without an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub free: i64,
    pub first_wait: i64,
    pub max_wait: i64,
    pub forget_after: i64,
}

impl Backoff {
    /// Seconds to wait after the `attempts`-th attempt.
    pub fn wait_after(self, attempts: i64) -> i64 {
        if attempts < self.free {
            0
        } else {
            self.first_wait.saturating_mul(1 << (attempts - self.free).min(32)).min(self.max_wait)
        }
    }

    /// [`Backoff::wait_after`] as SQL over the count expression `hits` (built from the policy's own
    /// numbers, never from input).
    fn wait_sql(self, hits: &str) -> String {
        let mut sql = format!("CASE WHEN {hits} < {} THEN 0", self.free);
        let mut attempts = self.free;
        while self.wait_after(attempts) < self.max_wait {
            sql.push_str(&format!(" WHEN {hits} = {attempts} THEN {}", self.wait_after(attempts)));
            attempts += 1;
        }
        sql.push_str(&format!(" ELSE {} END", self.max_wait));
        sql
    }
}

/// Counts one attempt of `subject` in `scope`: `true` while the window holds at most `window.max`.
/// Refused attempts count too. A scope is used with one window only.
pub async fn hit(pool: &Pool, scope: &str, subject: &str, window: Window) -> Result<bool, AppError> {
    let now = db::now();
    let (hits,): (i64,) = sqlx::query_as(
        "INSERT INTO rate_limits (scope, subject, hits, started_at, next_at) VALUES ($1, $2, 1, $3, 0) \
         ON CONFLICT (scope, subject) DO UPDATE SET \
         hits = CASE WHEN rate_limits.started_at <= $4 THEN 1 ELSE rate_limits.hits + 1 END, \
         started_at = CASE WHEN rate_limits.started_at <= $4 THEN $3 ELSE rate_limits.started_at END \
         RETURNING hits",
    )
    .bind(scope)
    .bind(subject)
    .bind(now)
    .bind(now - window.seconds)
    .fetch_one(pool)
    .await?;
    Ok(hits <= window.max)
}

/// Counts one attempt against each (scope, subject, window), in order; refused (429, in French) as
/// soon as one is exceeded.
pub async fn within(pool: &Pool, limits: &[(&str, &str, Window)]) -> Result<(), AppError> {
    for (scope, subject, window) in limits {
        if !hit(pool, scope, subject, *window).await? {
            return Err(AppError::RateLimited);
        }
    }
    Ok(())
}

/// Counts one attempt unless a wait is running: `true` when the attempt may go ahead. An attempt
/// refused during a wait is not counted, so hammering does not lengthen the wait.
pub async fn attempt(pool: &Pool, scope: &str, subject: &str, backoff: Backoff) -> Result<bool, AppError> {
    let now = db::now();
    let hits = "(CASE WHEN rate_limits.started_at <= $4 THEN 1 ELSE rate_limits.hits + 1 END)";
    let sql = format!(
        "INSERT INTO rate_limits (scope, subject, hits, started_at, next_at) VALUES ($1, $2, 1, $3, $3 + $5) \
         ON CONFLICT (scope, subject) DO UPDATE SET hits = {hits}, started_at = $3, next_at = $3 + {wait} \
         WHERE rate_limits.next_at <= $3 RETURNING hits",
        wait = backoff.wait_sql(hits)
    );
    let counted: Option<(i64,)> = sqlx::query_as(&sql)
        .bind(scope)
        .bind(subject)
        .bind(now)
        .bind(now - backoff.forget_after)
        .bind(backoff.wait_after(1))
        .fetch_optional(pool)
        .await?;
    Ok(counted.is_some())
}

/// Forgets `subject`'s attempts in `scope` (a log-in succeeded).
pub async fn clear(pool: &Pool, scope: &str, subject: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE scope = $1 AND subject = $2")
        .bind(scope)
        .bind(subject)
        .execute(pool)
        .await?;
    Ok(())
}

/// Takes one attempt back (it succeeded, and only failures should count).
pub async fn forgive_one(pool: &Pool, scope: &str, subject: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE rate_limits SET hits = hits - 1 WHERE scope = $1 AND subject = $2 AND hits > 0")
        .bind(scope)
        .bind(subject)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes counters idle for a day (no window or back-off lasts longer) whose wait is over.
pub async fn purge(pool: &Pool, now: i64) -> Result<u64, AppError> {
    let deleted = sqlx::query("DELETE FROM rate_limits WHERE started_at < $1 AND next_at <= $2")
        .bind(now - 86_400)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(deleted.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::Backoff;

    #[test]
    fn waits_double_after_the_free_attempts_and_are_capped() {
        let backoff = Backoff { free: 5, first_wait: 15, max_wait: 900, forget_after: 3600 };
        let waits: Vec<i64> = (1..=13).map(|attempts| backoff.wait_after(attempts)).collect();
        assert_eq!(waits, [0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(backoff.wait_after(1_000_000), 900);
        assert_eq!(
            backoff.wait_sql("h"),
            "CASE WHEN h < 5 THEN 0 WHEN h = 5 THEN 15 WHEN h = 6 THEN 30 WHEN h = 7 THEN 60 WHEN h = 8 THEN 120 \
             WHEN h = 9 THEN 240 WHEN h = 10 THEN 480 ELSE 900 END"
        );
    }
}
