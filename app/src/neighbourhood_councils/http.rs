//! Plain HTTP routes of the neighbourhood councils, their files: a minor's parental authorisation
//! (multipart form, works without JavaScript), meeting minutes, and the published draw documents
//! anyone can download.
use super::{
    council::{MAX_FILE_BYTES, check_authorisation, check_minutes},
    model::{CandidacyStatus, Council},
    paths, store,
};
use crate::platform::identity::Role;
use crate::platform::{
    download::{error_response, file_response, uploaded_file_response},
    error::AppError,
    session::signed_in_request as caller,
    state::AppState,
    upload::{back, read_upload},
};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::request::Parts,
    response::Response,
    routing::get,
};

/// A file a few times over the limit still gets a French answer.
const BODY_LIMIT_BYTES: usize = 4 * MAX_FILE_BYTES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/conseils-de-quartier/{slug}/autorisation", axum::routing::post(upload_authorisation))
        .route("/conseils-de-quartier/{slug}/candidatures/{id}/autorisation", get(show_authorisation))
        .route("/conseils-de-quartier/{slug}/reunions/{id}/compte-rendu", get(show_minutes).post(upload_minutes))
        .route("/conseils-de-quartier/{slug}/tirages/{file}", get(show_document))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
}

/// The candidate sends the parental authorisation of their pending candidacy.
async fn upload_authorisation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    parts: Parts,
    form: Multipart,
) -> Response {
    let allowed = async {
        let user = caller(&state, &parts).await?;
        let council = store::council_by_slug(&state.pool, &slug).await?;
        let mine = store::my_candidacy(&state.pool, &council.round, user.id).await?;
        match mine {
            Some(mine) if mine.council_slug == slug && mine.status == CandidacyStatus::Pending => Ok(mine.id),
            Some(mine) if mine.council_slug == slug => {
                Err(AppError::refused("Cette candidature est déjà examinée : son dossier ne change plus."))
            }
            _ => Err(AppError::refused("Vous n'avez pas de candidature pour ce conseil.")),
        }
    };
    let id = match allowed.await {
        Ok(id) => id,
        Err(error) => return error_response(error),
    };
    let upload = match read_upload(form, "file", MAX_FILE_BYTES).await {
        Ok(upload) => upload,
        Err(error) => return error_response(error),
    };
    let checked = check_authorisation(&upload.file, upload.too_large);
    if let Ok(content_type) = checked {
        match store::save_authorisation(&state.pool, id, content_type, &upload.file).await {
            Ok(true) => {}
            Ok(false) => {
                return error_response(AppError::refused(
                    "Cette candidature est déjà examinée : son dossier ne change plus.",
                ));
            }
            Err(error) => return error_response(error),
        }
    }
    back(&paths::council(&slug), checked, "autorisation", "autorisation_refusee")
}

/// Staff, or the candidate, read the authorisation.
async fn show_authorisation(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    parts: Parts,
) -> Response {
    let found = async {
        let user = caller(&state, &parts).await?;
        let council = store::council_by_slug(&state.pool, &slug).await?;
        let (candidacy, _) = store::candidacy(&state.pool, &council, id).await?;
        let own = store::my_candidacy(&state.pool, &council.round, user.id).await?.is_some_and(|mine| mine.id == id);
        if user.role != Role::Staff && !own {
            return Err(AppError::Forbidden);
        }
        let (content_type, bytes) = store::authorisation(&state.pool, candidacy.id).await?;
        Ok(uploaded_file_response(&content_type, bytes, &format!("autorisation-{}", candidacy.id)))
    };
    found.await.unwrap_or_else(error_response)
}

async fn staff_council(state: &AppState, parts: &Parts, slug: &str) -> Result<Council, AppError> {
    if caller(state, parts).await?.role != Role::Staff {
        return Err(AppError::Forbidden);
    }
    store::council_by_slug(&state.pool, slug).await
}

/// Staff attach the minutes (PDF) of a meeting.
async fn upload_minutes(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    parts: Parts,
    form: Multipart,
) -> Response {
    let council = match staff_council(&state, &parts, &slug).await {
        Ok(council) => council,
        Err(error) => return error_response(error),
    };
    let upload = match read_upload(form, "file", MAX_FILE_BYTES).await {
        Ok(upload) => upload,
        Err(error) => return error_response(error),
    };
    let checked = check_minutes(&upload.file, upload.too_large);
    if checked.is_ok()
        && let Err(error) = store::save_minutes(&state.pool, &council, id, &upload.file).await
    {
        return error_response(error);
    }
    back(&paths::council(&slug), checked, "compte_rendu", "compte_rendu_refuse")
}

/// Minutes are public.
async fn show_minutes(State(state): State<AppState>, Path((slug, id)): Path<(String, i64)>) -> Response {
    let found = async {
        let council = store::council_by_slug(&state.pool, &slug).await?;
        let bytes = store::minutes(&state.pool, &council, id).await?;
        Ok(uploaded_file_response("application/pdf", bytes, &format!("compte-rendu-{id}")))
    };
    found.await.unwrap_or_else(error_response)
}

/// `/tirages/{n}.json`: the n-th published document of the round, as published (public).
async fn show_document(State(state): State<AppState>, Path((slug, file)): Path<(String, String)>) -> Response {
    let found = async {
        let sequence: i64 = file.strip_suffix(".json").and_then(|n| n.parse().ok()).ok_or(AppError::NotFound)?;
        let council = store::council_by_slug(&state.pool, &slug).await?;
        let document = store::document(&state.pool, &council, sequence).await?;
        let name = format!("{slug}-{}-{}-{sequence}.json", council.round, document.stage.as_str());
        Ok(file_response("application/json; charset=utf-8", document.document, Some(&name)))
    };
    found.await.unwrap_or_else(error_response)
}
