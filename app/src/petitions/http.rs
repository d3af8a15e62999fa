//! Plain HTTP routes of petitions: the live counter (server-sent events) and the CSV downloads.
use super::store;
use crate::platform::identity::Role;
use crate::platform::{
    db,
    download::{csv_response, error_response},
    error::AppError,
    live, session,
    state::AppState,
    text::csv,
};
use axum::{
    Router,
    extract::{Path, State},
    http::request::Parts,
    response::Response,
    routing::get,
};
use std::time::Duration;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dialogue/petitions/{id}/direct", get(live_count))
        .route("/dialogue/petitions/{id}/signatures-par-commune.csv", get(counts_by_commune))
        .route("/dialogue/petitions/{id}/signatures.csv", get(signatures_for_staff))
}

/// The petition, if everyone may see it.
async fn public_petition(state: &AppState, id: i64) -> Result<super::model::PetitionRow, AppError> {
    let petition = store::petition(&state.pool, id).await?;
    if petition.state.is_public() { Ok(petition) } else { Err(AppError::NotFound) }
}

/// Sends the counter when it changes: read once a second per petition on this instance, however
/// many pages follow it and however fast signatures come.
async fn live_count(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    if let Err(error) = public_petition(&state, id).await {
        return error_response(error);
    }
    let pool = state.pool.clone();
    let client = session::client_address(&state, &parts);
    live::sse(&state.live, client, &format!("petition:{id}"), "compte", move || {
        let pool = pool.clone();
        async move { store::signature_count(&pool, id).await.ok().flatten().map(|count| count.to_string()) }
    })
    .await
}

/// Public: how many counted signatures per commune, with no names.
async fn counts_by_commune(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let rows = match public_petition(&state, id).await {
        Ok(_) => store::counts_by_commune(&state.pool, id).await,
        Err(error) => Err(error),
    };
    match rows {
        Ok(rows) => csv_response(
            &format!("petition-{id}-signatures-par-commune.csv"),
            csv(&["commune", "signatures"], rows.into_iter().map(|(commune, count)| vec![commune, count.to_string()])),
        ),
        Err(error) => error_response(error),
    }
}

/// Staff only: the signatures with names and addresses, to check them before the institution's answer.
async fn signatures_for_staff(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let rows = async {
        match session::user_of_request(&state, &parts).await? {
            None => return Err(AppError::Unauthenticated),
            Some(user) if user.role != Role::Staff => return Err(AppError::Forbidden),
            Some(_) => {}
        }
        store::petition(&state.pool, id).await?;
        store::signatures_for_verification(&state.pool, id).await
    };
    match rows.await {
        Ok(rows) => csv_response(
            &format!("petition-{id}-signatures.csv"),
            csv(
                &["nom", "adresse", "commune", "compte", "confirmee_le"],
                rows.into_iter().map(|(name, email, commune, account, at)| {
                    vec![
                        name.unwrap_or_default(),
                        email.unwrap_or_default(),
                        commune.unwrap_or_default(),
                        if account == 1 { "oui" } else { "non" }.to_string(),
                        chrono::DateTime::from_timestamp(at, 0).map(|at| at.to_rfc3339()).unwrap_or_default(),
                    ]
                }),
            ),
        ),
        Err(error) => error_response(error),
    }
}

/// Closes petitions past their date and deletes personal data when due, every `period`.
pub async fn run_housekeeping(pool: db::Pool, period: Duration) {
    loop {
        match store::housekeeping(&pool, db::now()).await {
            Ok((closed, purged)) if closed + purged > 0 => {
                tracing::info!(closed, purged, "petitions housekeeping");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "petitions housekeeping failed"),
        }
        tokio::time::sleep(period).await;
    }
}
