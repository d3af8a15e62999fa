//! Ballot secrecy against a full copy of the database and the outbox: 200 residents vote over HTTP,
//! each for a set of projects no one else chose, in a known order; then an attacker who holds only
//! the database tries every order its rows carry to pair voters with ballots, and links no more of
//! them than chance would.

use crate::common::{TestApp, path_of, signed_in_residents};
use app::budget::api::CastBallot;
use app::platform::db::{Backend, Pool};
use rand::seq::SliceRandom;
use server::demo::BUDGET_SLUG;
use std::collections::{BTreeSet, HashMap, HashSet};

const VOTERS: usize = 200;

/// The fewest correct links an attack must reach to beat chance. A pairing that is random within
/// each of `groups` groups (every ballot of a group looks the same to the attacker, as ballots
/// written by one transaction do on PostgreSQL) links `X` voters correctly, and for any k
/// P(X ≥ k) ≤ E[C(X, k)] = groups^k / k! (summing, over the k-sets of voters, the chance that all
/// of them are linked: a product of (s - j)!/s! over the groups). The bound is the first k where
/// that is below 1e-6: 10 for a single group (1/10! ≈ 2.8e-7), that is a random pairing of all.
fn chance_bound(groups: usize) -> usize {
    let mut tail = 1.0_f64;
    for k in 1.. {
        tail *= groups as f64 / k as f64;
        if tail < 1e-6 {
            return k;
        }
    }
    unreachable!()
}

/// Each (session cookie, form) posted to the server function at `path` in the order given, 2 ms
/// apart and all at once, as a busy hour brings them; every one must be accepted.
pub(crate) async fn send_in_a_burst(
    app: &TestApp,
    path: &str,
    requests: impl Iterator<Item = (&String, Vec<(String, String)>)>,
) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let url = format!("{}{path}", app.base);
    let mut sent = Vec::new();
    for (cookie, form) in requests {
        let request = client
            .post(&url)
            .header("accept", "application/json")
            .header("origin", &app.base)
            .header("cookie", cookie)
            .form(&form);
        sent.push(tokio::spawn(request.send()));
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    for response in sent {
        let response = response.await.unwrap().unwrap();
        let status = response.status();
        assert_eq!(status, reqwest::StatusCode::OK, "{}", response.text().await.unwrap_or_default());
    }
}

/// How many groups of secret acts an attacker tells apart: on PostgreSQL the transactions that wrote
/// them (`xmin_sql` counts them, `$1` bound to `key`), each of which must hide ten people at least;
/// on SQLite one.
pub(crate) async fn batches(app: &TestApp, xmin_sql: &str, key: i64, people: usize) -> usize {
    if app.backend != Backend::Postgres {
        return 1;
    }
    let (groups,): (i64,) = sqlx::query_as(xmin_sql).bind(key).fetch_one(&app.pool).await.unwrap();
    let groups = usize::try_from(groups).unwrap();
    assert!(groups <= people / 10, "{groups} batches for {people} people: each should hide among ten at least");
    groups
}

/// The pairings (signal, pairs of a person and an act) that pair more people with their own act
/// (`owner`) than a random pairing within `groups` would, each pairing covering all `people`.
pub(crate) fn linked_beyond_chance<P: PartialEq + std::fmt::Debug, A>(
    pairings: &[(String, Vec<(P, A)>)],
    owner: impl Fn(&A) -> P,
    people: usize,
    groups: usize,
) -> Vec<String> {
    let bound = chance_bound(groups);
    let mut linked = Vec::new();
    for (signal, pairs) in pairings {
        assert_eq!(pairs.len(), people, "{signal}");
        let correct = pairs.iter().filter(|(person, act)| owner(act) == *person).count();
        if correct >= bound {
            linked.push(format!("{signal}: {correct} of {people} (chance stays under {bound})"));
        }
    }
    linked
}

/// Rows of `sql` (one id column, the campaign as `$1`) in the order they come back, or `None` when
/// this database has no such column (a rowid of a table without one, a backend without `xmin`).
async fn ids_in_order(pool: &Pool, sql: &str, campaign: i64) -> Option<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(sql).bind(campaign).fetch_all(pool).await.ok()?;
    Some(rows.into_iter().map(|(id,)| id).collect())
}

/// Every order of voters and every order of ballots an attacker holding the database and the outbox
/// can read, each pairing the k-th voter with the k-th online ballot: (signal, user id, ballot id).
async fn attack(pool: &Pool, campaign: i64) -> Vec<(String, Vec<(i64, i64)>)> {
    // `$1 = $1` keeps the campaign bound where a query does not need it.
    let voter_orders = [
        ("participations as stored", "SELECT user_id FROM budget_participations WHERE campaign_id = $1"),
        ("participations by rowid", "SELECT user_id FROM budget_participations WHERE campaign_id = $1 ORDER BY rowid"),
        (
            "participations by time",
            "SELECT user_id FROM budget_participations WHERE campaign_id = $1 ORDER BY voted_at",
        ),
        ("participations by day", "SELECT user_id FROM budget_participations WHERE campaign_id = $1 ORDER BY voted_on"),
        ("participations by user", "SELECT user_id FROM budget_participations WHERE campaign_id = $1 ORDER BY user_id"),
        ("participations by ctid", "SELECT user_id FROM budget_participations WHERE campaign_id = $1 ORDER BY ctid"),
        (
            "participations by xmin",
            "SELECT user_id FROM budget_participations WHERE campaign_id = $1 ORDER BY xmin::text::bigint, ctid",
        ),
        (
            "receipts in the outbox",
            "SELECT u.id FROM outbox o JOIN users u ON u.email = o.recipient \
             WHERE o.subject LIKE 'Votre vote%' AND $1 = $1 ORDER BY o.id",
        ),
    ];
    let online = "SELECT id FROM budget_ballots WHERE campaign_id = $1 AND paper = 0";
    let ballot_orders = [
        ("ballots as stored", online.to_string()),
        ("ballots by rowid", format!("{online} ORDER BY rowid")),
        ("ballots by id", format!("{online} ORDER BY id")),
        ("ballots by receipt tag", format!("{online} ORDER BY receipt_tag")),
        ("ballots by voter tag", format!("{online} ORDER BY voter_tag")),
        ("ballots by ctid", format!("{online} ORDER BY ctid")),
        ("ballots by xmin", format!("{online} ORDER BY xmin::text::bigint, ctid")),
        ("choices as stored", "SELECT ballot_id FROM budget_ballot_choices WHERE $1 = $1".to_string()),
        ("choices by rowid", "SELECT ballot_id FROM budget_ballot_choices WHERE $1 = $1 ORDER BY rowid".to_string()),
        ("choices by ctid", "SELECT ballot_id FROM budget_ballot_choices WHERE $1 = $1 ORDER BY ctid".to_string()),
        (
            "choices by xmin",
            "SELECT ballot_id FROM budget_ballot_choices WHERE $1 = $1 ORDER BY xmin::text::bigint, ctid".to_string(),
        ),
    ];
    let online: HashSet<i64> = ids_in_order(pool, online, campaign).await.unwrap().into_iter().collect();
    let mut voters = Vec::new();
    for (name, sql) in voter_orders {
        if let Some(order) = ids_in_order(pool, sql, campaign).await {
            voters.push((name, order));
        }
    }
    let mut ballots = Vec::new();
    for (name, sql) in &ballot_orders {
        if let Some(rows) = ids_in_order(pool, sql, campaign).await {
            // A ballot where it first appears: choices come one row per project.
            let mut seen = HashSet::new();
            let order: Vec<i64> = rows.into_iter().filter(|id| online.contains(id) && seen.insert(*id)).collect();
            ballots.push((name, order));
        }
    }
    let mut pairings = Vec::new();
    for (voter_signal, voter_order) in &voters {
        for (ballot_signal, ballot_order) in &ballots {
            let pairs = voter_order.iter().copied().zip(ballot_order.iter().copied()).collect();
            pairings.push((format!("{voter_signal} / {ballot_signal}"), pairs));
        }
    }
    pairings
}

dual_test!(a_copy_of_the_database_does_not_link_voters_to_ballots, |backend| {
    let app = TestApp::spawn(backend).await;
    let (campaign,): (i64,) = sqlx::query_as("SELECT id FROM budget_campaigns WHERE slug = $1")
        .bind(BUDGET_SLUG)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let labelled: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM budget_projects WHERE campaign_id = $1 AND status = 'labelled' ORDER BY id")
            .bind(campaign)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    // A set of three projects per voter, no two alike, so that a ballot names its voter for the test.
    let n = labelled.len();
    let mut sets = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            for c in b + 1..n {
                sets.push(BTreeSet::from([labelled[a].0, labelled[b].0, labelled[c].0]));
            }
        }
    }
    // Dealt at random: what a voter chose says nothing of when they voted.
    sets.shuffle(&mut rand::thread_rng());
    sets.truncate(VOTERS);
    let cookies = signed_in_residents(&app.pool, VOTERS, None).await;
    let users: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email LIKE 'votant-%' ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(users.len(), VOTERS);

    // Voter k sends their ballot k-th, all of them at once, as a busy hour brings them.
    let forms = sets.iter().map(|set| {
        let mut form = vec![("slug".to_string(), BUDGET_SLUG.to_string())];
        form.extend(set.iter().map(|id| (format!("choices[p{id}]"), id.to_string())));
        form
    });
    send_in_a_burst(&app, path_of::<CastBallot>(), cookies.iter().zip(forms)).await;

    // What the test knows: whose ballot is whose.
    let voter_of_set: HashMap<&BTreeSet<i64>, i64> = sets.iter().zip(users.iter().map(|(id,)| *id)).collect();
    let choices: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT c.ballot_id, c.project_id FROM budget_ballot_choices c JOIN budget_ballots b ON b.id = c.ballot_id \
         WHERE b.campaign_id = $1 AND b.paper = 0",
    )
    .bind(campaign)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let mut ballot_sets: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for (ballot, project) in choices {
        ballot_sets.entry(ballot).or_default().insert(project);
    }
    let owner: HashMap<i64, i64> = ballot_sets.iter().map(|(ballot, set)| (*ballot, voter_of_set[set])).collect();
    assert_eq!(owner.len(), VOTERS);

    // On PostgreSQL the ballots of one transaction share its id and lie together: the attacker tells
    // batches apart, not the ballots within one. The mixing window keeps batches large under a burst.
    let groups = batches(
        &app,
        "SELECT COUNT(DISTINCT xmin::text) FROM budget_ballots WHERE campaign_id = $1 AND paper = 0",
        campaign,
        VOTERS,
    )
    .await;
    let pairings = attack(&app.pool, campaign).await;
    assert!(pairings.len() >= 12, "the attack tried too few signals: {}", pairings.len());
    let linked = linked_beyond_chance(&pairings, |ballot| owner[ballot], VOTERS, groups);
    assert!(linked.is_empty(), "signals linking voters to their ballots beyond chance: {linked:?}");
});

/// On PostgreSQL a voter alone in their batch shares their transaction's id (`xmin`) with their
/// ballot; each batch rewrites twenty earlier ballots with it, so the id points at twenty-one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lone_voter_hides_among_earlier_ballots() {
    if crate::common::postgres_admin_url().is_none() {
        eprintln!("skipped: set {} to read xmin on PostgreSQL", crate::common::POSTGRES_ENV);
        return;
    }
    let app = TestApp::spawn(Backend::Postgres).await;
    let (campaign,): (i64,) = sqlx::query_as("SELECT id FROM budget_campaigns WHERE slug = $1")
        .bind(BUDGET_SLUG)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let projects: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM budget_projects WHERE campaign_id = $1 AND status = 'labelled' ORDER BY id LIMIT 3",
    )
    .bind(campaign)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let cookies = signed_in_residents(&app.pool, 25, None).await;
    let users: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email LIKE 'votant-%' ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mut form = vec![("slug".to_string(), BUDGET_SLUG.to_string())];
    form.extend(projects.iter().map(|(id,)| (format!("choices[p{id}]"), id.to_string())));
    let mut hidden_among = Vec::new();
    // One after the other, each alone in its batch, as voters come at a quiet hour.
    for (cookie, (user,)) in cookies.iter().zip(&users) {
        send_in_a_burst(&app, path_of::<CastBallot>(), std::iter::once((cookie, form.clone()))).await;
        let (shared, stored): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM budget_ballots b WHERE b.campaign_id = $1 AND b.xmin = p.xmin), \
             (SELECT COUNT(*) FROM budget_ballots WHERE campaign_id = $1) \
             FROM budget_participations p WHERE p.campaign_id = $1 AND p.user_id = $2",
        )
        .bind(campaign)
        .bind(user)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert!(shared >= stored.min(21), "a lone voter's transaction wrote {shared} ballots of {stored}");
        hidden_among.push(shared);
    }
    assert_eq!(hidden_among.len(), 25);
    println!("each lone voter's transaction id is on {hidden_among:?} ballots");
}
