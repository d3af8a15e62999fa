//! iCalendar feeds (RFC 5545) of the agenda of the collectifs and citizen councils, for calendar
//! applications to subscribe to.
use app::citizen_councils::store::council_by_slug;
use app::collectifs::{
    domain::calendar,
    store::{self, Host},
};
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

/// `/agenda.ics`: every collectif's and every citizen council's events.
pub async fn global_agenda(State(state): State<AppState>) -> Response {
    ics(async {
        let events = store::events(&state.pool, None).await?;
        Ok(calendar("Agenda des collectifs et des conseils citoyens", &state.config.base_url, &events))
    }
    .await)
}

/// `/collectifs/{slug}/agenda.ics`: one collectif's events.
pub async fn collectif_agenda(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    ics(async {
        let collectif = store::collectif_by_slug(&state.pool, &slug).await?;
        host_calendar(&state, &collectif.name, Host::Collectif(collectif.id)).await
    }
    .await)
}

/// `/conseils-citoyens/{slug}/agenda.ics`: one citizen council's events.
pub async fn council_agenda(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    ics(async {
        let council = council_by_slug(&state.pool, &slug).await?;
        host_calendar(&state, &council.name, Host::Council(council.id)).await
    }
    .await)
}

async fn host_calendar(state: &AppState, name: &str, host: Host) -> Result<String, AppError> {
    let events = store::events(&state.pool, Some(host)).await?;
    Ok(calendar(&format!("Agenda — {name}"), &state.config.base_url, &events))
}
