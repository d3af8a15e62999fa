//! Plain HTTP routes of the citizen budget: result downloads (CSV, JSON, Pabulib) and the organisers'
//! live feed.
pub mod images;

use super::{
    api::server::{fingerprinted_results, reviewer_roles},
    domain::export::{PbHeader, territory_pb},
    domain::to_pb_string,
    model::{Campaign, Results},
    store,
};
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
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Response},
    routing::get,
};
use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/budget/{slug}/resultats.csv", get(results_csv))
        .route("/budget/{slug}/resultats.json", get(results_json))
        .route("/budget/{slug}/pabulib/{territory_id}", get(territory_pabulib))
        .route("/budget/{slug}/direct", get(live_feed))
}

/// The campaign and its results, if the caller may see them now.
async fn visible_results(state: &AppState, parts: &Parts, slug: &str) -> Result<(Campaign, Results), AppError> {
    let (campaign, results, _) = fingerprinted_visible_results(state, parts, slug).await?;
    Ok((campaign, results))
}

/// [`visible_results`], with the fingerprint of what they come from.
async fn fingerprinted_visible_results(
    state: &AppState,
    parts: &Parts,
    slug: &str,
) -> Result<(Campaign, Results, String), AppError> {
    let user = session::user_of_request(state, parts).await?;
    let campaign = store::campaign_by_slug(&state.pool, slug).await?;
    let (results, fingerprint) = fingerprinted_results(state, &campaign, user.map(|user| user.role), db::now()).await?;
    Ok((campaign, results, fingerprint))
}

/// One row per labelled project: territory, votes, cost, funded or not and why. No voter in sight.
async fn results_csv(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts) -> Response {
    match visible_results(&state, &parts, &slug).await {
        Ok((_, results)) => csv_response(
            &format!("{slug}-resultats.csv"),
            csv(
                &[
                    "territoire",
                    "projet_id",
                    "projet",
                    score_column(results.points),
                    "cout",
                    "monnaie",
                    "finance",
                    "motif",
                ],
                results.territories.iter().flat_map(|territory| {
                    territory.projects.iter().map(|project| {
                        vec![
                            territory.territory_name.clone(),
                            project.id.to_string(),
                            project.title.clone(),
                            project.votes.to_string(),
                            format!("{}.{:02}", project.cost_cents / 100, project.cost_cents % 100),
                            territory.currency.clone(),
                            if project.funded { "oui" } else { "non" }.to_string(),
                            project.reason.clone(),
                        ]
                    })
                }),
            ),
        ),
        Err(error) => error_response(error),
    }
}

/// The CSV's score column: votes, or points where ballots gave points.
fn score_column(points: bool) -> &'static str {
    if points { "points" } else { "voix" }
}

async fn results_json(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts) -> Response {
    match visible_results(&state, &parts, &slug).await {
        Ok((_, results)) => attachment(axum::Json(results).into_response(), &format!("{slug}-resultats.json")),
        Err(error) => error_response(error),
    }
}

/// One territory as a Pabulib file, under the same visibility as the results.
async fn territory_pabulib(
    State(state): State<AppState>,
    Path((slug, territory_id)): Path<(String, i64)>,
    parts: Parts,
) -> Response {
    let file = async {
        let (campaign, results, fingerprint) = fingerprinted_visible_results(&state, &parts, &slug).await?;
        let territory = results
            .territories
            .iter()
            .find(|territory| territory.territory_id == territory_id)
            .ok_or(AppError::NotFound)?;
        // Every ballot is read to write the file: once per state of what it comes from.
        let key = format!("budget-pabulib:{}:{territory_id}", campaign.id);
        if let Some(text) = state.computed.get(&key, &fingerprint) {
            return Ok(text.to_string());
        }
        let (ballots, _) = store::ballots(&state.pool, campaign.id).await?;
        let header = PbHeader {
            campaign_title: &campaign.title,
            max_choices: campaign.choices,
            rule: campaign.rule,
            points: campaign.counts_points(),
        };
        let text = to_pb_string(&territory_pb(&header, territory, &ballots));
        state.computed.put(&key, fingerprint, text.as_str().into());
        Ok::<_, AppError>(text)
    };
    match file.await {
        Ok(text) => {
            let mut response = text.into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
            attachment(response, &format!("{slug}-{territory_id}.pb"))
        }
        Err(error) => error_response(error),
    }
}

/// Asks the browser to save `response` as `file_name`.
fn attachment(mut response: Response, file_name: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Staff and organisers: the dashboard's figures as server-sent events (`decompte`), read once per
/// second per campaign on this instance however many dashboards are open.
async fn live_feed(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts) -> Response {
    let allowed = async {
        match session::user_of_request(&state, &parts).await? {
            None => Err(AppError::Unauthenticated),
            Some(user) if !reviewer_roles().contains(&user.role) => Err(AppError::Forbidden),
            Some(_) => store::campaign_by_slug(&state.pool, &slug).await,
        }
    };
    let campaign = match allowed.await {
        Ok(campaign) => campaign,
        Err(error) => return error_response(error),
    };
    let pool = state.pool.clone();
    let topic = format!("budget:{}", campaign.id);
    // Counting the residents old enough to vote is the one read that grows with the population,
    // and it barely moves during a vote: the shared reader counts them once a minute.
    let eligible = Arc::new(Mutex::new(None::<(Instant, Vec<(i64, i64)>)>));
    let client = session::client_address(&state, &parts);
    live::sse(&state.live, client, &topic, "decompte", move || {
        let (pool, campaign, eligible) = (pool.clone(), campaign.clone(), Arc::clone(&eligible));
        async move {
            let tally = async {
                let kept = eligible.lock().ok().and_then(|kept| kept.clone());
                let counts = match kept {
                    Some((counted_at, counts)) if counted_at.elapsed() < ELIGIBLE_KEPT_FOR => counts,
                    _ => {
                        let counts = store::eligible_voters(&pool, &campaign).await?;
                        if let Ok(mut kept) = eligible.lock() {
                            *kept = Some((Instant::now(), counts.clone()));
                        }
                        counts
                    }
                };
                store::live_tally(&pool, &campaign, &counts).await
            };
            match tally.await {
                Ok(mut tally) => {
                    // A thousand dashboards get each update: titles would be most of its bytes.
                    for project in tally.territories.iter_mut().flat_map(|territory| territory.projects.iter_mut()) {
                        project.title.clear();
                    }
                    serde_json::to_string(&tally).ok()
                }
                Err(error) => {
                    tracing::warn!(%error, "live tally failed");
                    None
                }
            }
        }
    })
    .await
}

/// How long the live feed reuses its count of residents old enough to vote.
const ELIGIBLE_KEPT_FOR: Duration = Duration::from_secs(60);
