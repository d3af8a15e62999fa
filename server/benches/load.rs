//! Load benchmark over HTTP on loopback, against the real server on a fresh database.
//!
//! `cargo bench -p server --bench load -- [--seconds N] [--clients N] [--only SCENARIO]` (or
//! `scripts/bench.sh`); SCENARIO is one of signatures, thread, ballots, list, dashboards (the
//! baseline always runs).
//! Runs on SQLite, and on PostgreSQL too when `AGORA_TEST_POSTGRES_URL` is set. For each backend it
//! prints a baseline (the health check, same clients, same process: the HTTP stack's ceiling), then
//! confirmed petition signatures (each one a POST that checks the emailed token, counts the signature
//! and moves the petition's counter), with throughput, latency percentiles and errors, and checks that
//! every acknowledged signature is stored; then the pages of a forum thread of 2,000 replies; then
//! citizen-budget ballots (each a signed-in resident choosing 3 of the 54 labelled projects: every
//! rule checked, one transaction, a receipt emailed) and checks every acknowledged ballot is stored;
//! then the budget's list of 54 projects as visitors get it (as fast as the clients can ask, then
//! at a steady 250 visits a second, where its latency goal applies); then 1,000 organiser dashboards following
//! the live tallies, half of them on a second server instance, while ballots arrive on the first:
//! how long each acknowledged ballot takes to show on every dashboard.
#[path = "../tests/common/mod.rs"]
mod common;

use app::budget::{api::CastBallot, model::LiveTally};
use app::petitions::api::ConfirmSignature;
use app::platform::identity::Role;
use app::platform::{db::Backend, session};
use common::{TestApp, path_of};
use server::demo::BUDGET_SLUG;
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};
use std::time::{Duration, Instant};

struct Settings {
    seconds: u64,
    clients: usize,
    only: Option<String>,
}

impl Settings {
    fn runs(&self, scenario: &str) -> bool {
        self.only.as_deref().is_none_or(|only| only == scenario)
    }

    fn duration(&self) -> Duration {
        Duration::from_secs(self.seconds)
    }
}

const SCENARIOS: [&str; 5] = ["signatures", "thread", "ballots", "list", "dashboards"];

fn settings() -> Settings {
    let mut settings = Settings { seconds: 60, clients: 32, only: None };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.windows(2) {
        match pair[0].as_str() {
            "--seconds" => settings.seconds = pair[1].parse().expect("--seconds takes a number"),
            "--clients" => settings.clients = pair[1].parse().expect("--clients takes a number"),
            "--only" => {
                // A misspelt scenario would otherwise run the baseline alone and look like a result.
                assert!(SCENARIOS.contains(&pair[1].as_str()), "--only takes one of {}", SCENARIOS.join(", "));
                settings.only = Some(pair[1].clone());
            }
            _ => {}
        }
    }
    settings
}

/// What one timed run measured.
struct Run {
    ok: usize,
    errors: usize,
    elapsed: Duration,
    /// Microseconds, sorted.
    latencies: Vec<u64>,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index] as f64 / 1000.0
    }

    fn print(&self, label: &str) {
        println!(
            "  {label:<34} {:>9.0}/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  ok {:>7}  errors {}",
            self.per_second(),
            self.percentile(0.50),
            self.percentile(0.99),
            self.latencies.last().copied().unwrap_or(0) as f64 / 1000.0,
            self.ok,
            self.errors
        );
    }
}

/// `clients` concurrent connections send `request(n)` for n = 0, 1, 2… until `duration` has passed
/// or `limit` requests were sent.
async fn drive<F, Fut>(clients: usize, duration: Duration, limit: usize, request: F) -> Run
where
    F: Fn(reqwest::Client, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let request = Arc::new(request);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (next, request) = (next.clone(), request.clone());
        let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("HTTP client");
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors, mut latencies) = (0, 0, Vec::new());
            while started.elapsed() < duration {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= limit {
                    break;
                }
                let sent = Instant::now();
                if request(client.clone(), n).await {
                    ok += 1;
                } else {
                    errors += 1;
                }
                latencies.push(sent.elapsed().as_micros() as u64);
            }
            (ok, errors, latencies)
        }));
    }
    let mut run = Run { ok: 0, errors: 0, elapsed: Duration::ZERO, latencies: Vec::new() };
    for task in tasks {
        let (ok, errors, latencies) = task.await.expect("client task");
        run.ok += ok;
        run.errors += errors;
        run.latencies.extend(latencies);
    }
    run.elapsed = started.elapsed();
    run.latencies.sort_unstable();
    run
}

/// GET requests for `duration`, the n-th to `url(n)`; a success status counts as ok.
async fn get_run<U>(clients: usize, duration: Duration, url: U) -> Run
where
    U: Fn(usize) -> String + Send + Sync + 'static,
{
    drive(clients, duration, usize::MAX, move |client, n| {
        let url = url(n);
        async move { client.get(&url).send().await.is_ok_and(|response| response.status().is_success()) }
    })
    .await
}

/// Pending visitor signatures on `petition` whose tokens the benchmark knows, inserted in batches.
async fn pending_signatures(app: &TestApp, petition: i64, count: usize) -> Vec<String> {
    let tokens: Vec<String> = (0..count).map(|_| session::random_token()).collect();
    let expires = app::platform::db::now() + 86_400;
    for (batch_index, batch) in tokens.chunks(500).enumerate() {
        let mut sql = String::from(
            "INSERT INTO petition_signatures (petition_id, email, full_name, commune_id, token_hash, token_expires_at, \
             created_at) VALUES ",
        );
        for (i, token) in batch.iter().enumerate() {
            let n = batch_index * 500 + i;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "({petition}, 'banc-{n}@exemple.fr', 'Banc {n}', NULL, '{}', {expires}, {expires})",
                session::token_hash(token)
            ));
        }
        sqlx::query(&sql).execute(&app.pool).await.expect("insert pending signatures");
    }
    tokens
}

async fn backend_run(backend: Backend, settings: &Settings) {
    let app = TestApp::spawn(backend).await;
    let duration = settings.duration();
    println!("\n{backend:?} — {} clients, {} s per run", settings.clients, settings.seconds);

    let url = format!("{}/healthz", app.base);
    let baseline = get_run(settings.clients, duration, move |_| url.clone()).await;
    baseline.print("baseline: GET /healthz");
    if settings.runs("signatures") {
        signatures(&app, settings, &baseline).await;
    }
    if settings.runs("thread") {
        thread(&app, settings, &baseline).await;
    }
    if settings.runs("ballots") {
        ballots(&app, settings, &baseline).await;
    }
    if settings.runs("list") {
        project_list(&app, settings, &baseline).await;
    }
    if settings.runs("dashboards") {
        dashboards(&app, settings).await;
    }
}

/// Confirmed petition signatures, each a POST checking its emailed token.
async fn signatures(app: &TestApp, settings: &Settings, baseline: &Run) {
    let duration = settings.duration();
    let (petition,): (i64,) = sqlx::query_as(
        "SELECT id FROM petitions WHERE state = 'open' AND threshold > 0 ORDER BY signatures DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the demo's open petition");
    // Enough tokens for the whole run at well above the goal.
    let tokens = Arc::new(pending_signatures(app, petition, settings.seconds as usize * 2_500).await);
    let before = app.count(&format!("SELECT signatures FROM petitions WHERE id = {petition}")).await;
    let url = format!("{}{}", app.base, path_of::<ConfirmSignature>());
    let origin = app.base.clone();
    let limit = tokens.len();
    let confirmed = drive(settings.clients, duration, limit, move |client, n| {
        let (url, origin, tokens) = (url.clone(), origin.clone(), tokens.clone());
        async move {
            client
                .post(&url)
                .header("accept", "application/json")
                .header("origin", origin)
                .form(&[("token", tokens[n].as_str())])
                .send()
                .await
                .is_ok_and(|response| response.status().is_success())
        }
    })
    .await;
    confirmed.print("confirmed signatures (POST)");
    let after = app.count(&format!("SELECT signatures FROM petitions WHERE id = {petition}")).await;
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM petition_signatures WHERE petition_id = {petition} AND confirmed_at IS NOT NULL \
             AND email LIKE 'banc-%'"
        ))
        .await;
    println!(
        "  ratio to baseline: {:.2}   goal ≥ 1000/s with p99 < 100 ms: {}   acknowledged {} = counter +{} = stored {}",
        confirmed.per_second() / baseline.per_second(),
        if confirmed.per_second() >= 1000.0 && confirmed.percentile(0.99) < 100.0 { "met" } else { "NOT met" },
        confirmed.ok,
        after - before,
        stored
    );
    assert_eq!(after - before, confirmed.ok as i64, "every acknowledged signature is counted");
    assert_eq!(stored, confirmed.ok as i64, "every acknowledged signature is stored");
}

async fn thread(app: &TestApp, settings: &Settings, baseline: &Run) {
    let duration = settings.duration();
    // A forum thread of 2,000 replies: its 41 pages as the browser gets them (server-rendered HTML).
    let thread = common::long_thread(app, 2000).await;
    let base = format!("{}{}?page=", app.base, app::forums::paths::thread(thread));
    let pages = get_run(settings.clients, duration, move |n| format!("{base}{}", n % 41 + 1)).await;
    pages.print("thread of 2,000 replies (GET page)");
    println!(
        "  ratio to baseline: {:.2}   goal p99 < 100 ms: {}",
        pages.per_second() / baseline.per_second(),
        if pages.percentile(0.99) < 100.0 { "met" } else { "NOT met" }
    );
}

/// Ballots cast one every 100 ms on the first instance, watched by 1,000 dashboards spread over two
/// instances; the delay from each ballot's acknowledgement to its arrival on each dashboard.
async fn dashboards(app: &TestApp, settings: &Settings) {
    const DASHBOARDS: usize = 1000;
    const PACE: Duration = Duration::from_millis(100);
    let second = app.second_instance().await;
    let watchers = [app.login(Role::Organiser).await, second.login(Role::Organiser).await];
    let feed = app::budget::paths::live_feed(BUDGET_SLUG);
    let mut streams = Vec::new();
    for n in 0..DASHBOARDS {
        let mut response = watchers[n % 2].get(&feed).await;
        let mut buffer = String::new();
        let first: LiveTally =
            serde_json::from_str(&common::next_event_data(&mut response, &mut buffer).await).unwrap();
        streams.push((response, buffer, first.ballots));
    }
    let start = streams[0].2;
    let votes = (settings.seconds * 10) as i64;
    let target = start + votes;
    let followers: Vec<_> = streams
        .into_iter()
        .map(|(mut response, mut buffer, mut seen)| {
            tokio::spawn(async move {
                // When each ballot count was first seen.
                let mut arrivals = Vec::new();
                while seen < target {
                    let data = common::next_event_data(&mut response, &mut buffer).await;
                    let tally: LiveTally = serde_json::from_str(&data).unwrap();
                    arrivals.push((tally.ballots, Instant::now()));
                    seen = tally.ballots;
                }
                arrivals
            })
        })
        .collect();

    let cookies = common::signed_in_residents(&app.pool, votes as usize, None).await;
    let project_id = labelled_projects(app).await[0];
    let client = reqwest::Client::new();
    let url = format!("{}{}", app.base, path_of::<CastBallot>());
    let choice = format!("choices[p{project_id}]");
    let mut acknowledged = Vec::new();
    for cookie in cookies {
        let sent = Instant::now();
        let response = client
            .post(&url)
            .header("accept", "application/json")
            .header("origin", &app.base)
            .header("cookie", cookie)
            .form(&[("slug", BUDGET_SLUG.to_string()), (choice.as_str(), project_id.to_string())])
            .send()
            .await
            .expect("cast");
        assert!(response.status().is_success(), "ballot refused: {}", response.status());
        acknowledged.push(Instant::now());
        tokio::time::sleep(PACE.saturating_sub(sent.elapsed())).await;
    }
    let mut delays = Vec::new();
    let mut events = 0;
    for follower in followers {
        let arrivals = follower.await.expect("dashboard");
        events += arrivals.len();
        for (k, acked) in acknowledged.iter().enumerate() {
            let count = start + k as i64 + 1;
            let (_, seen) = arrivals.iter().find(|(ballots, _)| *ballots >= count).expect("every ballot shows");
            delays.push(seen.saturating_duration_since(*acked).as_micros() as u64);
        }
    }
    delays.sort_unstable();
    let run = Run { ok: delays.len(), errors: 0, elapsed: Duration::from_secs(1), latencies: delays };
    println!(
        "  {DASHBOARDS} dashboards (2 instances), {votes} ballots at 10/s: delay ballot → dashboard p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; \
         {:.1} events per dashboard per second (at most 1 by design)   goal < 1 s: {}",
        run.percentile(0.50),
        run.percentile(0.99),
        run.latencies.last().copied().unwrap_or(0) as f64 / 1000.0,
        events as f64 / DASHBOARDS as f64 / settings.seconds as f64,
        if run.percentile(0.99) < 1000.0 { "met" } else { "NOT met" }
    );
}

/// The labelled projects of the campaign the benchmark votes in.
async fn labelled_projects(app: &TestApp) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE p.status = 'labelled' AND c.slug = $1 ORDER BY p.id",
    )
    .bind(BUDGET_SLUG)
    .fetch_all(&app.pool)
    .await
    .expect("labelled projects");
    rows.into_iter().map(|(id,)| id).collect()
}

/// Ballots cast by distinct signed-in residents.
async fn ballots(app: &TestApp, settings: &Settings, baseline: &Run) {
    let duration = settings.duration();
    let labelled = Arc::new(labelled_projects(app).await);
    let cookies = Arc::new(common::signed_in_residents(&app.pool, settings.seconds as usize * 2_000, None).await);
    let before = app.count("SELECT COUNT(*) FROM budget_ballots").await;
    let url = format!("{}{}", app.base, path_of::<CastBallot>());
    let origin = app.base.clone();
    let limit = cookies.len();
    let cast = drive(settings.clients, duration, limit, move |client, n| {
        let (url, origin, cookie, labelled) = (url.clone(), origin.clone(), cookies[n].clone(), labelled.clone());
        async move {
            // Three different projects, varying from one voter to the next.
            let chosen = [n, n + 7, n + 19].map(|i| labelled[i % labelled.len()]);
            let mut form = vec![("slug".to_string(), BUDGET_SLUG.to_string())];
            form.extend(chosen.iter().map(|id| (format!("choices[p{id}]"), id.to_string())));
            client
                .post(&url)
                .header("accept", "application/json")
                .header("origin", origin)
                .header("cookie", cookie)
                .form(&form)
                .send()
                .await
                .is_ok_and(|response| response.status().is_success())
        }
    })
    .await;
    cast.print("ballots cast (POST)");
    let participations =
        app.count("SELECT COUNT(*) FROM budget_participations p JOIN users u ON u.id = p.user_id WHERE u.email LIKE 'votant-%'").await;
    let stored = app.count("SELECT COUNT(*) FROM budget_ballots").await - before;
    println!(
        "  ratio to baseline: {:.2}   goal ≥ 1000/s with p99 < 100 ms: {}   acknowledged {} = voters recorded {} = ballots stored {}",
        cast.per_second() / baseline.per_second(),
        if cast.per_second() >= 1000.0 && cast.percentile(0.99) < 100.0 { "met" } else { "NOT met" },
        cast.ok,
        participations,
        stored
    );
    assert_eq!(participations, cast.ok as i64, "every acknowledged ballot's voter is recorded");
    assert_eq!(stored, cast.ok as i64, "every acknowledged ballot is stored");
}

/// Visitors arriving at a steady pace: far above the busiest hour a departmental vote could bring.
const LIST_VISITS_PER_SECOND: u32 = 250;

/// The campaign's list of 54 projects as visitors get it: first as many as `clients` visitors
/// asking back to back can get (the capacity), then the latency of visits arriving at a steady
/// pace, which is what the goal is about.
async fn project_list(app: &TestApp, settings: &Settings, baseline: &Run) {
    let duration = settings.duration();
    let url = format!("{}/budget/{BUDGET_SLUG}", app.base);
    let page = url.clone();
    let capacity = get_run(settings.clients, duration, move |_| page.clone()).await;
    capacity.print("list of 54 projects (GET page)");
    println!("  ratio to baseline: {:.2}", capacity.per_second() / baseline.per_second());
    let paced = paced_get_run(LIST_VISITS_PER_SECOND, duration, url).await;
    paced.print(&format!("  the same at {LIST_VISITS_PER_SECOND} visits/s"));
    println!(
        "  goal p99 < 50 ms at {LIST_VISITS_PER_SECOND} visits/s: {}",
        if paced.errors == 0 && paced.percentile(0.99) < 50.0 { "met" } else { "NOT met" }
    );
}

/// GET `url` `rate` times a second for `duration`, each request on time whatever the answers'
/// pace (an open loop): latency runs from when a request was due, so waiting in line counts.
async fn paced_get_run(rate: u32, duration: Duration, url: String) -> Run {
    let client = reqwest::Client::builder().pool_max_idle_per_host(256).build().expect("HTTP client");
    let gap = Duration::from_secs(1) / rate;
    let total = (u64::from(rate) * duration.as_secs()) as u32;
    let started = tokio::time::Instant::now();
    let mut requests = Vec::with_capacity(total as usize);
    for n in 0..total {
        let due = started + gap * n;
        tokio::time::sleep_until(due).await;
        let (client, url) = (client.clone(), url.clone());
        requests.push(tokio::spawn(async move {
            let ok = client.get(&url).send().await.is_ok_and(|response| response.status().is_success());
            (ok, due.elapsed().as_micros() as u64)
        }));
    }
    let mut run = Run { ok: 0, errors: 0, elapsed: Duration::ZERO, latencies: Vec::with_capacity(total as usize) };
    for request in requests {
        let (ok, latency) = request.await.expect("request task");
        if ok {
            run.ok += 1;
        } else {
            run.errors += 1;
        }
        run.latencies.push(latency);
    }
    run.elapsed = started.elapsed();
    run.latencies.sort_unstable();
    run
}

fn main() {
    let settings = settings();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        backend_run(Backend::Sqlite, &settings).await;
        if common::postgres_admin_url().is_some() {
            backend_run(Backend::Postgres, &settings).await;
        } else {
            println!("\nPostgreSQL skipped: set {} to run it.", common::POSTGRES_ENV);
        }
    });
}
