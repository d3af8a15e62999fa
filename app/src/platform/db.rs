//! The single sqlx pool (SQLite by default, PostgreSQL for scale) and its migrations.
//! Queries are written once with `$n` placeholders, which both backends accept through `Any`.
use super::migrations;
use sqlx::{
    AnyPool, Executor,
    any::{AnyPoolOptions, install_default_drivers},
    migrate::Migrator,
};
use std::{path::Path, time::Duration};

pub type Pool = AnyPool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Self, String> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(format!("DATABASE_URL non reconnue « {url} » : attendu sqlite://… ou postgres://…"))
        }
    }
}

/// The file behind a `sqlite://` URL, if any (`sqlite::memory:` has none).
pub fn sqlite_file(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.starts_with(":memory:")).then(|| Path::new(path))
}

/// Creates a missing SQLite file empty, readable by the server's account only (its folder too, if
/// missing): SQLite gives its WAL and shared-memory files the database file's permissions, and
/// `VACUUM INTO` writes into an empty file as it finds it.
pub fn create_private_file(file: &Path) -> Result<(), String> {
    let fail = |error: std::io::Error| format!("impossible de créer {} : {error}", file.display());
    if let Some(dir) = file.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        super::secrets::create_private_dir(dir).map_err(fail)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(fail(error)),
    }
}

/// Opens the pool, creating the SQLite file (and its folder) when missing.
pub async fn connect(url: &str) -> Result<(Pool, Backend), String> {
    install_default_drivers();
    let backend = Backend::of_url(url)?;
    let mut url = url.to_string();
    let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
    if backend == Backend::Sqlite {
        if let Some(file) = sqlite_file(&url) {
            create_private_file(file)?;
        }
        if !url.contains("mode=") {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("mode=rwc");
        }
        // SQLite writes one at a time: a few connections suffice, and WAL lets readers go on.
        // `secure_delete` overwrites what a deletion frees, so a replaced ballot leaves no trace in the file.
        options = options.max_connections(8).after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                     PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;",
                )
                .await?;
                Ok(())
            })
        });
    } else {
        options = options.max_connections(16);
    }
    let pool = options.connect(&url).await.map_err(|error| format!("connexion à la base impossible : {error}"))?;
    Ok((pool, backend))
}

pub async fn migrate(pool: &Pool, backend: Backend) -> Result<(), String> {
    let migrator: &Migrator = match backend {
        Backend::Sqlite => &migrations::SQLITE,
        Backend::Postgres => &migrations::POSTGRES,
    };
    migrator.run(pool).await.map_err(|error| format!("migration impossible : {error}"))
}

/// SQLite lets one writer in at a time and makes the others sleep and retry, which shows as latency
/// spikes under load. On SQLite, write transactions on hot paths queue here first (fairly, without
/// sleeping); on PostgreSQL this returns at once with no guard.
pub async fn write_turn(pool: &Pool) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    if pool.connect_options().database_url.scheme().starts_with("sqlite") { Some(WRITER.lock().await) } else { None }
}

/// A read-only transaction whose queries all see the database at one instant, so figures read
/// together agree (on SQLite, WAL gives that to any transaction; PostgreSQL needs repeatable read).
pub async fn snapshot(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if pool.connect_options().database_url.scheme().starts_with("postgres") {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
    }
    Ok(tx)
}

/// A random positive id: what a row keeps when its place in time must not show (ballots, answers).
pub fn random_id() -> i64 {
    use rand::Rng;
    rand::thread_rng().gen_range(1..i64::MAX)
}

/// Secret acts stored in batches (ballots, anonymous answers) and the rows written again with each
/// batch. On PostgreSQL every row version a transaction writes carries its id (`xmin`) and goes to
/// the end of the heap, so someone alone in their batch would be found by their participation's
/// id; rewritten, unchanged, in the same transaction, `count` earlier acts and their parts share
/// that id and that place.
pub struct Cover<'a> {
    /// The acts: random `id`s, grouped by `scope` (a campaign, a consultation).
    pub acts: &'a str,
    pub scope: &'a str,
    /// An assignment that changes nothing, to write an act again (`paper = paper`).
    pub same_act: &'a str,
    /// Their parts, found by `act_key`, with `part_key` their primary key columns.
    pub parts: &'a str,
    pub act_key: &'a str,
    pub part_key: &'a str,
    pub same_part: &'a str,
    pub count: i64,
}

/// Writes again up to `cover.count` earlier acts of `scope_id` and their parts, taken from a random
/// point of the acts' random ids (a short range of the primary key, whatever their number). It never
/// waits for another transaction: on PostgreSQL it takes only rows nobody holds (`SKIP LOCKED`), so
/// an act being replaced elsewhere is left out rather than waited for, and no two batches wait on
/// each other in a cycle. Parts go first, as when an act is replaced.
pub async fn cover(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cover: &Cover<'_>,
    scope_id: i64,
) -> Result<(), sqlx::Error> {
    let pivot = random_id();
    let Cover { acts, scope, same_act, parts, act_key, part_key, same_part, count } = cover;
    let mut ids: Vec<i64> = Vec::new();
    for side in [">=", "<"] {
        let missing = count - ids.len() as i64;
        if missing > 0 {
            let sql = format!("SELECT id FROM {acts} WHERE {scope} = $1 AND id {side} $2 ORDER BY id LIMIT $3");
            let found: Vec<(i64,)> =
                sqlx::query_as(&sql).bind(scope_id).bind(pivot).bind(missing).fetch_all(&mut **tx).await?;
            ids.extend(found.into_iter().map(|(id,)| id));
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    let marks = value_rows(1, ids.len(), 1);
    // SQLite has one writer at a time and no row locks to skip.
    let free = if tx.backend_name() == "PostgreSQL" { " FOR UPDATE SKIP LOCKED" } else { "" };
    for sql in [
        format!(
            "UPDATE {parts} SET {same_part} WHERE ({part_key}) IN \
             (SELECT {part_key} FROM {parts} WHERE {act_key} IN {marks}{free})"
        ),
        format!("UPDATE {acts} SET {same_act} WHERE id IN (SELECT id FROM {acts} WHERE id IN {marks}{free})"),
    ] {
        let mut update = sqlx::query(&sql);
        for id in &ids {
            update = update.bind(*id);
        }
        update.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Numbered placeholders for a multi-row `VALUES`: `rows` rows of `width` values each, numbered
/// from `$first` in row order, e.g. `($1, $2), ($3, $4)`. Binds follow the same order.
pub fn value_rows(rows: usize, width: usize, first: usize) -> String {
    (0..rows)
        .map(|row| {
            let marks: Vec<String> = (0..width).map(|column| format!("${}", first + row * width + column)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Current time as Unix seconds: the one clock every store uses.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_new_sqlite_database_is_private_to_the_server() {
        use std::os::unix::fs::PermissionsExt;
        let root = std::env::temp_dir().join(format!("agora-db-{}", rand::random::<u64>()));
        let file = root.join("donnees").join("agora.db");
        let (pool, _) = connect(&format!("sqlite://{}", file.display())).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)").execute(&pool).await.unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(file.parent().unwrap()), 0o700);
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&root.join("donnees").join("agora.db-wal")), 0o600);
        pool.close().await;
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn urls_select_the_backend() {
        assert_eq!(Backend::of_url("sqlite://data/agora.db"), Ok(Backend::Sqlite));
        assert_eq!(Backend::of_url("postgres://u@h/db"), Ok(Backend::Postgres));
        assert!(Backend::of_url("mysql://x").unwrap_err().contains("DATABASE_URL"));
        assert_eq!(sqlite_file("sqlite://data/agora.db?mode=rwc"), Some(Path::new("data/agora.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }

    #[test]
    fn value_rows_number_row_by_row() {
        assert_eq!(value_rows(2, 2, 1), "($1, $2), ($3, $4)");
        assert_eq!(value_rows(3, 1, 2), "($2), ($3), ($4)");
        assert_eq!(value_rows(0, 3, 1), "");
    }
}
