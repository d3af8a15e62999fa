//! Killing the server (SIGKILL, no shutdown) while ballots pour in loses none that was acknowledged:
//! every receipt code a voter got back is in the SQLite file when the server comes back up.

use crate::common::path_of;
use app::budget::{api::CastBallot, store};
use app::platform::{db, secrets::HashKey};
use reqwest::{StatusCode, header::LOCATION};
use server::demo::BUDGET_SLUG;
use std::process::{Child, Command, Stdio};
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};
use std::time::{Duration, Instant};

/// Starts the real `agora` binary on `database_url` and waits until it answers.
async fn start(database_url: &str, data_dir: &std::path::Path, demo: bool) -> (Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let log = std::fs::File::create(data_dir.join(format!("server-{port}.log"))).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_agora"));
    command
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("AGORA_DATA_DIR", data_dir)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("AGORA_BASE_URL", &base)
        .stdout(Stdio::null())
        .stderr(log);
    if demo {
        command.arg("--demo");
    }
    let mut child = command.spawn().expect("start agora");
    let client = reqwest::Client::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|response| response.status().is_success()) {
            return (child, base);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill().ok();
    child.wait().ok();
    panic!("agora did not become ready on {base}");
}

/// Casts ballots with `cookies` one after the other until the server stops answering; returns the
/// receipt codes of the ballots it acknowledged.
async fn vote_until_gone(
    base: String,
    cookies: Vec<String>,
    labelled: Vec<i64>,
    counted: Arc<AtomicUsize>,
) -> Vec<String> {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let url = format!("{base}{}", path_of::<CastBallot>());
    let mut receipts = Vec::new();
    for (n, cookie) in cookies.iter().enumerate() {
        let mut form = vec![("slug".to_string(), BUDGET_SLUG.to_string())];
        form.extend(
            [n, n + 5, n + 11]
                .map(|i| labelled[i % labelled.len()])
                .map(|id| (format!("choices[p{id}]"), id.to_string())),
        );
        let sent = client
            .post(&url)
            .header("accept", "application/json")
            .header("origin", &base)
            .header("cookie", cookie)
            .form(&form)
            .send()
            .await;
        let Ok(response) = sent else { break };
        if response.status() != StatusCode::OK {
            continue;
        }
        let location = response.headers().get(LOCATION).and_then(|value| value.to_str().ok()).unwrap_or_default();
        let code = location.rsplit_once("recu=").map(|(_, code)| code.to_string()).expect("a receipt in the redirect");
        receipts.push(code);
        counted.fetch_add(1, Ordering::Relaxed);
    }
    receipts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_keeps_every_acknowledged_ballot() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("agora.db").display());
    let (mut server, base) = start(&database_url, dir.path(), true).await;
    let (pool, _) = db::connect(&database_url).await.unwrap();
    let labelled: Vec<(i64,)> = sqlx::query_as(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE p.status = 'labelled' AND c.slug = $1 ORDER BY p.id",
    )
    .bind(BUDGET_SLUG)
    .fetch_all(&pool)
    .await
    .unwrap();
    let labelled: Vec<i64> = labelled.into_iter().map(|(id,)| id).collect();
    let cookies = crate::common::signed_in_residents(&pool, 8_000, None).await;
    pool.close().await;

    let counted = Arc::new(AtomicUsize::new(0));
    let voters: Vec<_> = cookies
        .chunks(cookies.len() / 16)
        .map(|chunk| tokio::spawn(vote_until_gone(base.clone(), chunk.to_vec(), labelled.clone(), counted.clone())))
        .collect();
    // Killed in full flow: once a few hundred ballots are in, however busy the machine is.
    let started = Instant::now();
    while counted.load(Ordering::Relaxed) < 300 && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let mut acknowledged = Vec::new();
    for voter in voters {
        acknowledged.extend(voter.await.unwrap());
    }
    assert!(acknowledged.len() >= 100, "the load was under way: {} ballots acknowledged", acknowledged.len());
    assert!(acknowledged.len() < cookies.len(), "the server was killed before every voter had voted");

    // Back up on the same file: every acknowledged ballot is there.
    let (mut server, _) = start(&database_url, dir.path(), false).await;
    let (pool, _) = db::connect(&database_url).await.unwrap();
    let (campaign,): (i64,) = sqlx::query_as("SELECT id FROM budget_campaigns WHERE slug = $1")
        .bind(BUDGET_SLUG)
        .fetch_one(&pool)
        .await
        .unwrap();
    // Receipts are stored keyed; the key is the server's, in its data folder.
    let key = HashKey::load(None, &dir.path().join("ballot.key")).unwrap();
    let mut lost = Vec::new();
    for code in &acknowledged {
        if !store::receipt_exists(&pool, campaign, code, &key).await.unwrap() {
            lost.push(code);
        }
    }
    let stored = crate::common::count(&pool, "SELECT COUNT(*) FROM budget_ballots").await;
    println!(
        "{} ballots acknowledged before SIGKILL, {stored} stored in all, lost: {}",
        acknowledged.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    server.kill().unwrap();
    server.wait().unwrap();
}
