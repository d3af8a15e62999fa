//! iCalendar feeds (RFC 5545) of the collectifs' agenda, for calendar applications to subscribe to.
use app::collectifs::{domain::calendar, store};
use app::platform::{error::AppError, state::AppState};
use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

fn ics(result: Result<String, AppError>) -> Response {
    match result {
        Ok(body) => ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response(),
        Err(error) => {
            let status = error.status();
            let status = if status == StatusCode::NOT_FOUND { status } else { StatusCode::INTERNAL_SERVER_ERROR };
            (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], error.to_string()).into_response()
        }
    }
}

/// `/collectifs/agenda.ics`: every collectif's events.
pub async fn global_agenda(State(state): State<AppState>) -> Response {
    ics(async {
        let events = store::events(&state.pool, None).await?;
        Ok(calendar("Agenda des collectifs", &state.config.base_url, &events))
    }
    .await)
}

/// `/collectifs/{slug}/agenda.ics`: one collectif's events.
pub async fn collectif_agenda(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    ics(async {
        let collectif = store::collectif_by_slug(&state.pool, &slug).await?;
        let events = store::events(&state.pool, Some(collectif.id)).await?;
        Ok(calendar(&format!("Agenda — {}", collectif.name), &state.config.base_url, &events))
    }
    .await)
}
