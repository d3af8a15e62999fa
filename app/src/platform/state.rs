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
    /// Citizen-budget ballots waiting to be written together.
    pub ballots: super::batch_queue::BatchQueue<crate::budget::store::VoterBallot>,
    /// Consultation answers waiting to be written together, apart from who answered.
    pub responses: super::batch_queue::BatchQueue<crate::consultations::store::NewResponse>,
}

/// The state, from inside a server function or a server-rendered component.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Internal)
}
