//! Logs through `tracing`; `RUST_LOG` chooses the level (default: info).
use tracing::Instrument;
use tracing_subscriber::{EnvFilter, fmt};

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // A second call (tests) keeps the first subscriber.
    let _ = fmt().with_env_filter(filter).with_target(false).try_init();
}

/// Leptos runs a page's resources as spawned tasks; spawning them inside the caller's span keeps
/// their logs and SQL statements attached to the request that asked for them.
struct TracedTokio;

impl any_spawner::CustomExecutor for TracedTokio {
    fn spawn(&self, future: any_spawner::PinnedFuture<()>) {
        tokio::spawn(future.instrument(tracing::Span::current()));
    }

    fn spawn_local(&self, future: any_spawner::PinnedLocalFuture<()>) {
        tokio::task::spawn_local(future.instrument(tracing::Span::current()));
    }

    fn poll_local(&self) {}
}

/// Sets the executor Leptos spawns on, before leptos_axum would set a plain one (later calls: no-op).
pub fn init_executor() {
    let _ = any_spawner::Executor::init_custom_executor(TracedTokio);
}
