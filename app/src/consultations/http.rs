//! Plain HTTP route of consultations: the staff's CSV of free-text answers.
use super::store;
use crate::platform::identity::Role;
use crate::platform::{
    download::{csv_response, error_response},
    error::AppError,
    session,
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

pub fn router() -> Router<AppState> {
    Router::new().route("/dialogue/consultations/{id}/reponses-libres.csv", get(text_answers))
}

/// Staff only: every free-text answer with its question and date (answers are anonymous).
async fn text_answers(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let rows = async {
        match session::user_of_request(&state, &parts).await? {
            None => return Err(AppError::Unauthenticated),
            Some(user) if user.role != Role::Staff => return Err(AppError::Forbidden),
            Some(_) => {}
        }
        store::consultation(&state.pool, id).await?;
        let questions = store::questions(&state.pool, id).await?;
        let answers = store::text_answers(&state.pool, id).await?;
        Ok(answers
            .into_iter()
            .map(|answer| {
                let prompt = questions.iter().find(|question| question.id == answer.question_id);
                vec![
                    prompt.map(|question| question.prompt.clone()).unwrap_or_default(),
                    answer.text,
                    // The day only: responses keep no finer time.
                    chrono::DateTime::from_timestamp(answer.answered_on, 0)
                        .map(|on| on.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect::<Vec<_>>())
    };
    match rows.await {
        Ok(rows) => csv_response(
            &format!("consultation-{id}-reponses-libres.csv"),
            csv(&["question", "reponse", "repondu_le"], rows),
        ),
        Err(error) => error_response(error),
    }
}
