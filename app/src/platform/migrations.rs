//! One schema history, written for SQLite. PostgreSQL runs the same migrations translated by
//! [`to_postgres`] (the dialects differ by a few type names), except the few whose PostgreSQL form
//! is a different piece of SQL: those, and only those, have a file in `migrations/postgres/`.
use sqlx::migrate::{Migration, Migrator};
use std::{borrow::Cow, sync::LazyLock};

pub static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
/// Migrations whose PostgreSQL form is not a translation (a table rebuilt in SQLite is altered in place).
static POSTGRES_OWN: Migrator = sqlx::migrate!("migrations/postgres");

pub static POSTGRES: LazyLock<Migrator> = LazyLock::new(|| {
    let migrations = SQLITE
        .iter()
        .map(|migration| match POSTGRES_OWN.iter().find(|own| own.version == migration.version) {
            Some(own) => own.clone(),
            None => Migration::new(
                migration.version,
                migration.description.clone(),
                migration.migration_type,
                Cow::Owned(to_postgres(&migration.sql)),
                migration.no_tx,
            ),
        })
        .collect::<Vec<_>>();
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
});

/// `word` replaced by `by` wherever it stands as a whole word.
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back().or_else(|| out.chars().next_back());
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        out.push_str(if before.is_some_and(is_word) || after.is_some_and(is_word) { word } else { by });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// The PostgreSQL form of a SQLite migration: generated keys become `BIGSERIAL` (a key that
/// references another table stays a plain `BIGINT`), integers 64-bit, blobs `BYTEA`, and tables
/// lose SQLite's `WITHOUT ROWID`.
pub fn to_postgres(sqlite: &str) -> String {
    const KEY: &str = "INTEGER PRIMARY KEY";
    let mut keys = String::with_capacity(sqlite.len());
    let mut rest = sqlite;
    while let Some(at) = rest.find(KEY) {
        keys.push_str(&rest[..at]);
        let after = &rest[at + KEY.len()..];
        keys.push_str(if after.starts_with(" REFERENCES") { KEY } else { "BIGSERIAL PRIMARY KEY" });
        rest = after;
    }
    keys.push_str(rest);
    let typed = replace_word(&replace_word(&keys, "INTEGER", "BIGINT"), "BLOB", "BYTEA");
    typed.replace(") WITHOUT ROWID;", ");")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha384};

    #[test]
    fn the_translation_changes_types_only() {
        let sqlite = "CREATE TABLE t (\n    id INTEGER PRIMARY KEY,\n    owner_id INTEGER PRIMARY KEY REFERENCES u(id),\n    \
                      points INTEGER NOT NULL,\n    big_integer_count INTEGER,\n    bytes BLOB\n) WITHOUT ROWID;";
        assert_eq!(
            to_postgres(sqlite),
            "CREATE TABLE t (\n    id BIGSERIAL PRIMARY KEY,\n    owner_id BIGINT PRIMARY KEY REFERENCES u(id),\n    \
             points BIGINT NOT NULL,\n    big_integer_count BIGINT,\n    bytes BYTEA\n);"
        );
        assert_eq!(
            replace_word("INTEGERS INTEGER_X XINTEGER INTEGER", "INTEGER", "BIGINT"),
            "INTEGERS INTEGER_X XINTEGER BIGINT"
        );
    }

    /// A database migrated by an earlier release keeps each migration's checksum: the translation
    /// must give, byte for byte, the PostgreSQL files that shipped (their SHA-384 are recorded).
    #[test]
    fn shipped_postgresql_migrations_keep_their_checksums() {
        let shipped = include_str!("../../migrations/postgres.sha384");
        let recorded: Vec<(i64, &str)> = shipped
            .lines()
            .map(|line| {
                let (version, sum) = line.split_once(' ').expect("version and checksum");
                (version.parse().expect("version"), sum)
            })
            .collect();
        assert!(recorded.len() >= 28, "{} checksums recorded", recorded.len());
        for (version, sum) in recorded {
            let migration = POSTGRES.iter().find(|migration| migration.version == version).expect("shipped migration");
            assert_eq!(hex::encode(Sha384::digest(migration.sql.as_bytes())), sum, "migration {version}");
            assert_eq!(hex::encode(&migration.checksum), sum, "migration {version}");
        }
        assert_eq!(POSTGRES.iter().count(), SQLITE.iter().count(), "one PostgreSQL migration per SQLite one");
    }

    /// A file in `migrations/postgres/` is only kept where the translation would not do.
    #[test]
    fn postgresql_files_exist_only_where_the_translation_differs() {
        for own in POSTGRES_OWN.iter() {
            let sqlite = SQLITE.iter().find(|migration| migration.version == own.version);
            let sqlite = sqlite.unwrap_or_else(|| panic!("migration {} has no SQLite source", own.version));
            assert_ne!(to_postgres(&sqlite.sql), own.sql, "migration {}: the translation gives this file", own.version);
        }
    }
}
