//! A thread of 2,000 replies is served page by page with a bounded number of SQL queries, whatever
//! its length. sqlx reports every statement as a tracing event; a layer counts those emitted inside
//! the `forum_thread_page` span. On SQLite the statements run on sqlx's worker thread, outside the
//! request's span, so the count is taken on PostgreSQL (set AGORA_TEST_POSTGRES_URL, as CI does).
mod common;

use app::accounts::domain::Role;
use app::forums::{api::ThreadPage, model::ThreadView};
use app::platform::db::Backend;
use common::{TestApp, json_ok, path_of};
use std::sync::atomic::{AtomicUsize, Ordering};
use tracing::{Event, Subscriber};
use tracing_subscriber::{Layer, layer::Context, layer::SubscriberExt, registry::LookupSpan};

static QUERIES: AtomicUsize = AtomicUsize::new(0);

struct QueryCounter;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for QueryCounter {
    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        if !event.metadata().target().starts_with("sqlx::query") {
            return;
        }
        if context.event_scope(event).is_some_and(|mut scope| scope.any(|span| span.name() == "forum_thread_page")) {
            QUERIES.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_a_2000_reply_thread_needs_at_most_10_queries() {
    if common::postgres_admin_url().is_none() {
        eprintln!("skipped: set {} to count the queries on PostgreSQL", common::POSTGRES_ENV);
        return;
    }
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(QueryCounter)).expect("one subscriber");
    let app = TestApp::spawn(Backend::Postgres).await;
    let thread = common::long_thread(&app, 2000).await.to_string();
    let resident = app.login(Role::Resident).await;
    for (browser, page) in [(app.new_browser(), "1"), (app.new_browser(), "41"), (resident.clone(), "20")] {
        QUERIES.store(0, Ordering::SeqCst);
        let response = browser.get_fn(path_of::<ThreadPage>(), &[("id", &thread), ("page", page)]).await;
        let view: ThreadView = serde_json::from_value(json_ok(response).await).unwrap();
        let queries = QUERIES.load(Ordering::SeqCst);
        assert_eq!(view.pages, 41);
        assert_eq!(view.posts.len(), if page == "41" { 1 } else { 50 });
        assert!((3..=10).contains(&queries), "page {page}: {queries} SQL queries");
        println!("page {page}: {queries} SQL queries for {} posts", view.posts.len());
    }
}
