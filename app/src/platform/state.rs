//! Application state shared by every request, reached through Leptos context.
use super::{
    config::Config,
    db::{Backend, Pool},
    error::AppError,
};
use leptos::prelude::*;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub config: Arc<Config>,
    /// Wakes the mail sender as soon as something is queued.
    pub mail_wakeup: Arc<Notify>,
    pub leptos_options: LeptosOptions,
    /// Keys the link between a voter and a ballot they may change (kept out of the database).
    pub ballot_key: super::secrets::HashKey,
    /// Costly figures (results) kept until what they come from changes.
    pub computed: Arc<super::computed::Computed>,
    /// Live figures (tallies, counters) read once per period and shared by their watchers.
    pub live: Arc<super::live::LiveHub>,
    /// What the spaces need running beside the requests (their write queues…), created by the
    /// server at start and found here by type: the kernel names no space.
    pub services: Arc<Services>,
}

/// A set of services, one per type.
#[derive(Default)]
pub struct Services(axum::http::Extensions);

impl Services {
    pub fn with<T: Clone + Send + Sync + 'static>(mut self, service: T) -> Self {
        self.0.insert(service);
        self
    }
}

impl AppState {
    /// The service of type `T` the server started (an error if it forgot to).
    pub fn service<T: Clone + Send + Sync + 'static>(&self) -> Result<&T, AppError> {
        self.services.0.get::<T>().ok_or(AppError::Internal)
    }
}

/// The state, from inside a server function or a server-rendered component.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Internal)
}
