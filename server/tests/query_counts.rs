//! Pages that must stay cheap however much they show: a 2,000-reply forum thread and the citizen
//! budget's list of 54 projects each cost at most 10 SQL queries per server-rendered page, and a
//! campaign's results are counted once per change of what they come from.
//!
//! sqlx reports every statement as a tracing event; the server spawns a page's resources inside the
//! request's span (telemetry::init_executor), so a layer here counts the statements whose enclosing
//! `request` span has a given URI. On SQLite the statements run on sqlx's worker thread, outside any
//! span, so the counts are taken on PostgreSQL (set AGORA_TEST_POSTGRES_URL, as CI does).
mod common;

use app::budget::paths;
use app::platform::db::Backend;
use app::platform::identity::Role;
use common::{Browser, TestApp};
use reqwest::StatusCode;
use server::demo::BUDGET_SLUG;
use std::collections::HashMap;
use std::sync::{Mutex, Once};
use tracing::{Event, Subscriber, field::Field, span};
use tracing_subscriber::{Layer, layer::Context, layer::SubscriberExt, registry::LookupSpan};

static QUERIES: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);

/// The URI of a `request` span, kept in the span's extensions.
struct RequestUri(String);

#[derive(Default)]
struct UriField(Option<String>);

impl tracing::field::Visit for UriField {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "uri" {
            self.0 = Some(format!("{value:?}"));
        }
    }
}

struct QueryCounter;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for QueryCounter {
    fn on_new_span(&self, attributes: &span::Attributes<'_>, id: &span::Id, context: Context<'_, S>) {
        if attributes.metadata().name() != "request" {
            return;
        }
        let mut uri = UriField::default();
        attributes.record(&mut uri);
        if let (Some(uri), Some(span)) = (uri.0, context.span(id)) {
            span.extensions_mut().insert(RequestUri(uri));
        }
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        if !event.metadata().target().starts_with("sqlx::query") {
            return;
        }
        let Some(scope) = context.event_scope(event) else { return };
        let uri = scope.into_iter().find_map(|span| span.extensions().get::<RequestUri>().map(|uri| uri.0.clone()));
        if let Some(uri) = uri {
            *QUERIES.lock().unwrap().get_or_insert_with(HashMap::new).entry(uri).or_default() += 1;
        }
    }
}

/// The app on PostgreSQL with the query counter installed; none (the test is skipped) without
/// PostgreSQL.
async fn counted_app() -> Option<TestApp> {
    if common::postgres_admin_url().is_none() {
        eprintln!("skipped: set {} to count the queries on PostgreSQL", common::POSTGRES_ENV);
        return None;
    }
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(QueryCounter))
            .expect("one subscriber");
    });
    Some(TestApp::spawn(Backend::Postgres).await)
}

/// Fetches `path` as `browser` and returns the SQL statements its request ran, with the page.
async fn page_queries(browser: &Browser, path: &str) -> (usize, String) {
    QUERIES.lock().unwrap().get_or_insert_with(HashMap::new).remove(path);
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let html = response.text().await.expect("page");
    let queries = QUERIES.lock().unwrap().as_ref().and_then(|counts| counts.get(path).copied()).unwrap_or(0);
    (queries, html)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_a_2000_reply_thread_needs_at_most_10_queries() {
    let Some(app) = counted_app().await else { return };
    let thread = common::long_thread(&app, 2000).await;
    let resident = app.login(Role::Resident).await;
    for (browser, page) in [(app.new_browser(), 1), (app.new_browser(), 41), (resident, 20)] {
        let path = format!("{}?page={page}", app::forums::paths::thread(thread));
        let (queries, html) = page_queries(&browser, &path).await;
        let posts = html.matches("<li id=\"message-").count();
        assert_eq!(posts, if page == 41 { 1 } else { 50 }, "{path}");
        assert!((3..=10).contains(&queries), "{path}: {queries} SQL queries");
        println!("{path}: {queries} SQL queries for {posts} posts");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_of_54_projects_needs_at_most_10_queries() {
    let Some(app) = counted_app().await else { return };
    let resident = app.login(Role::Resident).await;
    for (browser, who) in [(app.new_browser(), "visitor"), (resident, "resident")] {
        let path = paths::campaign(BUDGET_SLUG);
        let (queries, html) = page_queries(&browser, &path).await;
        let projects = html.matches(&format!("<h3><a href=\"{}/", paths::campaign(BUDGET_SLUG))).count();
        assert_eq!(projects, 54, "{who}: every labelled project is listed");
        assert!((3..=10).contains(&queries), "{who}: {queries} SQL queries");
        println!("{path} as {who}: {queries} SQL queries for {projects} projects");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_are_counted_again_only_when_what_they_come_from_changed() {
    let Some(app) = counted_app().await else { return };
    let visitor = app.new_browser();
    let path = paths::results_json(BUDGET_SLUG);
    let ballots = |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap()["ballots"].as_i64().unwrap();
    let (counted, first) = page_queries(&visitor, &path).await;
    let (kept, again) = page_queries(&visitor, &path).await;
    assert_eq!(again, first, "the same results");
    // Served from what was counted: no read of the projects, the ballots or the envelopes.
    assert!(kept + 3 <= counted, "{kept} SQL queries kept, {counted} counted");

    // A batch of paper ballots: counted again, with it.
    let (campaign, project, staff): (i64, i64, i64) = sqlx::query_as(
        "SELECT c.id, p.id, (SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1) FROM budget_campaigns c \
         JOIN budget_projects p ON p.campaign_id = c.id WHERE c.slug = $1 AND p.status = 'labelled' ORDER BY p.id LIMIT 1",
    )
    .bind(BUDGET_SLUG)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let editor = app::budget::store::ProjectEditor { id: staff, name: "Équipe" };
    app::budget::store::cast_paper_ballots(&app.pool, campaign, &[vec![project]], &editor).await.unwrap();
    let (recounted, after) = page_queries(&visitor, &path).await;
    assert_eq!(recounted, counted);
    assert_eq!(ballots(&after), ballots(&first) + 1);
    println!("{path}: {counted} SQL queries counted, {kept} kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pabulib_file_reads_the_ballots_only_when_they_changed() {
    let Some(app) = counted_app().await else { return };
    let visitor = app.new_browser();
    let (campaign, territory): (i64, i64) = sqlx::query_as(
        "SELECT c.id, p.territory_id FROM budget_campaigns c JOIN budget_projects p ON p.campaign_id = c.id \
         WHERE c.slug = $1 AND p.status = 'labelled' ORDER BY p.id LIMIT 1",
    )
    .bind(BUDGET_SLUG)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let path = paths::territory_pabulib(BUDGET_SLUG, territory);
    let (written, first) = page_queries(&visitor, &path).await;
    assert!(first.contains("META"), "{first}");
    let (kept, again) = page_queries(&visitor, &path).await;
    assert_eq!(again, first, "the same file");
    assert!(kept < written, "{kept} SQL queries kept, {written} written: the ballots were read again");
    let project: (i64,) = sqlx::query_as(
        "SELECT id FROM budget_projects WHERE campaign_id = $1 AND territory_id = $2 AND status = 'labelled' LIMIT 1",
    )
    .bind(campaign)
    .bind(territory)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let staff: (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let editor = app::budget::store::ProjectEditor { id: staff.0, name: "Équipe" };
    app::budget::store::cast_paper_ballots(&app.pool, campaign, &[vec![project.0]], &editor).await.unwrap();
    let (rewritten, after) = page_queries(&visitor, &path).await;
    assert!(rewritten > kept, "a new ballot: the file is written again");
    assert_ne!(after, first);
    println!("{path}: {written} SQL queries written, {kept} kept");
}
