//! The stores against both backends: each test is written once and runs on SQLite and PostgreSQL.

use crate::common::{TestDb, count};
use app::accounts::store::{self, NewUser};
use app::platform::identity::Role;
use app::platform::{
    db::{self, Pool},
    error::AppError,
    mail, rate_limit,
};

async fn add_user(pool: &Pool, email: &str, role: &str) -> i64 {
    let user = NewUser {
        email,
        password_hash: "hash-before",
        display_name: "Test",
        birth_date: "1990-01-01",
        commune_id: None,
        territory_id: None,
        role,
        verified: true,
    };
    store::insert_user(pool, &user).await.expect("insert").expect("new email")
}

async fn add_session(pool: &Pool, user_id: i64, id_hash: &str) {
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(id_hash)
        .bind(user_id)
        .bind(db::now())
        .execute(pool)
        .await
        .expect("insert session");
}

async fn sessions_of(pool: &Pool, user_id: i64) -> i64 {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(pool)
        .await
        .expect("count sessions");
    count
}

store_test!(concurrent_inserts_of_one_email_have_one_winner, |pool| {
    // Several registrations racing for one address: the unique index decides, never a prior read.
    let attempts: Vec<_> = (0..8)
        .map(|i| {
            let pool = pool.clone();
            tokio::spawn(async move {
                let name = format!("Candidate {i}");
                let user = NewUser {
                    email: "same@exemple.fr",
                    password_hash: "hash",
                    display_name: &name,
                    birth_date: "1990-01-01",
                    commune_id: None,
                    territory_id: None,
                    role: "resident",
                    verified: false,
                };
                store::insert_user(&pool, &user).await
            })
        })
        .collect();
    let mut winners = 0;
    for attempt in attempts {
        if attempt.await.expect("task").expect("no database error").is_some() {
            winners += 1;
        }
    }
    assert_eq!(winners, 1);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM users WHERE email = 'same@exemple.fr'").await, 1);
    // A later insert of the same address is refused quietly as well.
    let again = NewUser {
        email: "same@exemple.fr",
        password_hash: "hash",
        display_name: "Late",
        birth_date: "1990-01-01",
        commune_id: None,
        territory_id: None,
        role: "resident",
        verified: false,
    };
    assert_eq!(store::insert_user(&pool, &again).await.unwrap(), None);
});

store_test!(tokens_are_single_use_and_expire, |pool| {
    let user = add_user(&pool, "jeton@exemple.fr", "resident").await;
    let token = store::create_token(&pool, user, "verify", 3600).await.unwrap();
    assert_eq!(store::consume_token(&pool, &token, "reset").await.unwrap(), None, "purpose must match");
    assert_eq!(store::consume_token(&pool, &token, "verify").await.unwrap(), Some(user));
    assert_eq!(store::consume_token(&pool, &token, "verify").await.unwrap(), None, "a second use fails");
    assert_eq!(store::consume_token(&pool, "not-a-token", "verify").await.unwrap(), None);
    let expired = store::create_token(&pool, user, "reset", -10).await.unwrap();
    assert_eq!(store::consume_token(&pool, &expired, "reset").await.unwrap(), None, "expired");
    // Only the hash is stored.
    assert_eq!(count(&pool, &format!("SELECT COUNT(*) FROM email_tokens WHERE token_hash = '{token}'")).await, 0);
});

store_test!(rate_limit_windows_count_every_hit_and_start_over, |pool| {
    let window = rate_limit::Window { max: 3, seconds: 60 };
    let hits: Vec<bool> = {
        let mut hits = Vec::new();
        for _ in 0..5 {
            hits.push(rate_limit::hit(&pool, "register-address", "a@exemple.fr", window).await.unwrap());
        }
        hits
    };
    assert_eq!(hits, [true, true, true, false, false]);
    // Another subject, another scope: their own counters.
    assert!(rate_limit::hit(&pool, "register-address", "b@exemple.fr", window).await.unwrap());
    assert!(rate_limit::hit(&pool, "reset-address", "a@exemple.fr", window).await.unwrap());
    // Once the window is over, counting starts again.
    sqlx::query("UPDATE rate_limits SET started_at = started_at - 61 WHERE subject = 'a@exemple.fr'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(rate_limit::hit(&pool, "register-address", "a@exemple.fr", window).await.unwrap());
    assert_eq!(
        count(&pool, "SELECT hits FROM rate_limits WHERE scope = 'register-address' AND subject = 'a@exemple.fr'")
            .await,
        1
    );
    // Idle counters are purged a day later.
    assert_eq!(rate_limit::purge(&pool, db::now()).await.unwrap(), 0);
    assert_eq!(rate_limit::purge(&pool, db::now() + 86_400 + 120).await.unwrap(), 3);
});

store_test!(rate_limit_backoff_lets_the_free_attempts_through_then_waits, |pool| {
    let backoff = rate_limit::Backoff { free: 3, first_wait: 60, max_wait: 600, forget_after: 3600 };
    let mut allowed = Vec::new();
    for _ in 0..5 {
        allowed.push(rate_limit::attempt(&pool, "login-account", "a@exemple.fr", backoff).await.unwrap());
    }
    assert_eq!(allowed, [true, true, true, false, false]);
    // Refused attempts are not counted; the wait set by the third is a minute.
    let (hits, started_at, next_at): (i64, i64, i64) =
        sqlx::query_as("SELECT hits, started_at, next_at FROM rate_limits WHERE subject = 'a@exemple.fr'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((hits, next_at - started_at), (3, 60));
    // Once the wait is over, one more attempt, then a wait twice as long.
    sqlx::query("UPDATE rate_limits SET next_at = next_at - 60, started_at = started_at - 60")
        .execute(&pool)
        .await
        .unwrap();
    assert!(rate_limit::attempt(&pool, "login-account", "a@exemple.fr", backoff).await.unwrap());
    assert!(!rate_limit::attempt(&pool, "login-account", "a@exemple.fr", backoff).await.unwrap());
    let (hits, started_at, next_at): (i64, i64, i64) =
        sqlx::query_as("SELECT hits, started_at, next_at FROM rate_limits WHERE subject = 'a@exemple.fr'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((hits, next_at - started_at), (4, 120));
    // A success clears the account; forgiving takes one attempt back.
    rate_limit::clear(&pool, "login-account", "a@exemple.fr").await.unwrap();
    assert!(rate_limit::attempt(&pool, "login-account", "a@exemple.fr", backoff).await.unwrap());
    rate_limit::forgive_one(&pool, "login-account", "a@exemple.fr").await.unwrap();
    assert_eq!(count(&pool, "SELECT hits FROM rate_limits WHERE subject = 'a@exemple.fr'").await, 0);
});

store_test!(change_role_writes_the_audit_row, |pool| {
    let staff = add_user(&pool, "equipe@exemple.fr", "staff").await;
    let resident = add_user(&pool, "habitant@exemple.fr", "resident").await;
    store::change_role(&pool, resident, "moderator", staff).await.unwrap();
    assert_eq!(store::profile(&pool, resident).await.unwrap().role, Role::Moderator);
    let history = store::role_history(&pool, resident).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].0.as_str(), history[0].1.as_str()), ("resident", "moderator"));
    assert!((history[0].2 - db::now()).abs() < 60);
    let (changed_by,): (Option<i64>,) = sqlx::query_as("SELECT changed_by FROM role_changes WHERE user_id = $1")
        .bind(resident)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(changed_by, Some(staff));
    // An unknown account: nothing changes, nothing is logged.
    assert_eq!(store::change_role(&pool, 999_999, "staff", staff).await, Err(AppError::NotFound));
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM role_changes").await, 1);
});

store_test!(set_password_ends_every_session_of_the_account, |pool| {
    let alice = add_user(&pool, "alice@exemple.fr", "resident").await;
    let bob = add_user(&pool, "bob@exemple.fr", "resident").await;
    add_session(&pool, alice, "alice-1").await;
    add_session(&pool, alice, "alice-2").await;
    add_session(&pool, bob, "bob-1").await;
    let email = store::set_password(&pool, alice, "hash-after", ("Mot de passe changé", "Bonjour")).await.unwrap();
    assert_eq!(email, "alice@exemple.fr");
    assert_eq!(store::password_hash(&pool, alice).await.unwrap(), "hash-after");
    // The owner is told in the same transaction.
    let told = "SELECT COUNT(*) FROM outbox WHERE recipient = 'alice@exemple.fr' AND subject = 'Mot de passe changé'";
    assert_eq!(count(&pool, told).await, 1);
    assert_eq!(sessions_of(&pool, alice).await, 0);
    assert_eq!(sessions_of(&pool, bob).await, 1, "other accounts keep their sessions");
    assert_eq!(store::password_hash(&pool, bob).await.unwrap(), "hash-before");
});

store_test!(delete_user_cascades_sessions_tokens_and_history, |pool| {
    let staff = add_user(&pool, "equipe@exemple.fr", "staff").await;
    let gone = add_user(&pool, "parti@exemple.fr", "resident").await;
    let kept = add_user(&pool, "reste@exemple.fr", "resident").await;
    add_session(&pool, gone, "gone-1").await;
    add_session(&pool, kept, "kept-1").await;
    store::create_token(&pool, gone, "verify", 3600).await.unwrap();
    store::create_token(&pool, kept, "verify", 3600).await.unwrap();
    store::change_role(&pool, gone, "organiser", staff).await.unwrap();
    store::delete_user(&pool, gone).await.unwrap();
    assert_eq!(store::profile(&pool, gone).await, Err(AppError::NotFound));
    assert_eq!(sessions_of(&pool, gone).await, 0);
    let tokens_of = |user: i64| {
        let pool = pool.clone();
        async move {
            let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM email_tokens WHERE user_id = $1")
                .bind(user)
                .fetch_one(&pool)
                .await
                .unwrap();
            count
        }
    };
    assert_eq!(tokens_of(gone).await, 0);
    assert_eq!(store::role_history(&pool, gone).await.unwrap(), vec![]);
    assert_eq!(sessions_of(&pool, kept).await, 1);
    assert_eq!(tokens_of(kept).await, 1);
    // Deleting the staff member who changed a role keeps the history, without the author.
    store::change_role(&pool, kept, "moderator", staff).await.unwrap();
    store::delete_user(&pool, staff).await.unwrap();
    let (changed_by,): (Option<i64>,) = sqlx::query_as("SELECT changed_by FROM role_changes WHERE user_id = $1")
        .bind(kept)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(changed_by, None);
});

store_test!(mail_queue_and_latest, |pool| {
    assert!(mail::latest(&pool, 10).await.unwrap().is_empty());
    for i in 1..=3 {
        mail::queue(&pool, &format!("r{i}@exemple.fr"), &format!("Sujet {i}"), &format!("Corps {i} — é"))
            .await
            .unwrap();
    }
    let latest = mail::latest(&pool, 2).await.unwrap();
    assert_eq!(latest.len(), 2, "the limit applies");
    assert_eq!(latest[0].recipient, "r3@exemple.fr", "newest first");
    assert_eq!(latest[1].recipient, "r2@exemple.fr");
    let entry = &latest[0];
    assert_eq!(entry.subject, "Sujet 3");
    assert_eq!((entry.attempts, entry.sent_at, entry.last_error.clone()), (0, None, None));
    assert!((entry.created_at - db::now()).abs() < 60);
    // Queued messages are due at once.
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox WHERE next_attempt_at = created_at").await, 3);
});

dual_test!(migrations_are_idempotent, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    let applied = count(&database.pool, "SELECT COUNT(*) FROM _sqlx_migrations").await;
    assert!(applied >= 1);
    store::insert_user(
        &database.pool,
        &NewUser {
            email: "garde@exemple.fr",
            password_hash: "hash",
            display_name: "Garde",
            birth_date: "1990-01-01",
            commune_id: None,
            territory_id: None,
            role: "resident",
            verified: true,
        },
    )
    .await
    .unwrap();
    // A second run (a restart) applies nothing and keeps the data.
    database.migrate().await;
    assert_eq!(count(&database.pool, "SELECT COUNT(*) FROM _sqlx_migrations").await, applied);
    assert_eq!(count(&database.pool, "SELECT COUNT(*) FROM users").await, 1);
    // So does a fresh connection, as a second server process would open.
    let (pool, _) = db::connect(&database.url).await.unwrap();
    db::migrate(&pool, backend).await.unwrap();
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM _sqlx_migrations").await, applied);
    pool.close().await;
});
