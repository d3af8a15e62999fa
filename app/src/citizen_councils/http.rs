//! Plain HTTP routes of the citizen councils. Their files, with multipart forms that work without
//! JavaScript: staff put minutes and documents online, anyone downloads them; the carrier of a
//! granted project files its final report with the report sheet, which only they and staff read.
//! And the iCalendar feed (RFC 5545) of each council's agenda.
use super::{domain, paths, store};
use crate::collectifs::{Host, host_agenda_feed};
use crate::platform::identity::Role;
use crate::platform::{
    download::{error_response, uploaded_file_response},
    error::AppError,
    files::{MAX_FILE_BYTES, check_file, pdf_type, store_file, stored_file},
    session::signed_in_request as caller,
    state::AppState,
    text::bounded_text,
    upload::{Upload, back, read_upload},
};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::request::Parts,
    response::Response,
    routing::{get, post},
};

/// A file a few times over the limit still gets a French answer.
const BODY_LIMIT_BYTES: usize = 4 * MAX_FILE_BYTES;

/// The files' uploads and downloads, with their own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/conseils-citoyens/comptes-rendus", post(upload_minutes))
        .route("/conseils-citoyens/documents", post(upload_document))
        .route("/conseils-citoyens/fichiers/{id}", get(show_file))
        .route("/conseils-citoyens/fonds/{id}/bilan", get(show_report).post(upload_report))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
}

/// The councils' iCalendar feeds; they take no body and stay under the site's body limit.
pub fn feeds() -> Router<AppState> {
    Router::new().route("/conseils-citoyens/{slug}/agenda.ics", get(council_agenda))
}

/// `/conseils-citoyens/{slug}/agenda.ics`: one council's events.
async fn council_agenda(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let council =
        store::council_by_slug(&state.pool, &slug).await.map(|council| (council.name, Host::Council(council.id)));
    host_agenda_feed(&state, council).await
}

/// Staff's upload, read; or the answer refusing it.
async fn staff_upload(state: &AppState, parts: &Parts, form: Multipart) -> Result<(Upload, i64), Response> {
    let user = caller(state, parts).await.map_err(error_response)?;
    if user.role != Role::Staff {
        return Err(error_response(AppError::Forbidden));
    }
    let upload = read_upload(form, "file", MAX_FILE_BYTES).await.map_err(error_response)?;
    Ok((upload, user.id))
}

/// Keeps a checked PDF of the space under `title`, dated `dated`; the code of the problem otherwise.
async fn keep(
    state: &AppState,
    upload: &Upload,
    kind: &str,
    title: Result<String, &'static str>,
    dated: Result<String, &'static str>,
    by: i64,
) -> Result<Result<&'static str, &'static str>, AppError> {
    let checked = check_file(&upload.file, upload.too_large, pdf_type, "pdf").and_then(|content_type| {
        let (title, dated) = (title?, dated?);
        Ok((content_type, title, dated))
    });
    let (content_type, title, dated) = match checked {
        Ok(checked) => checked,
        Err(code) => return Ok(Err(code)),
    };
    let stored = store_file(&state.pool, content_type, &upload.file).await?;
    store::add_file(&state.pool, kind, &title, &dated, &stored.sha256, Some(by)).await?;
    Ok(Ok(content_type))
}

/// Staff put the minutes of a month online: `month` is `AAAA-MM`.
async fn upload_minutes(State(state): State<AppState>, parts: Parts, form: Multipart) -> Response {
    let (upload, by) = match staff_upload(&state, &parts, form).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    let dated = domain::minutes_day(upload.field("month")).ok_or("mois");
    let title = dated.clone().map(|day| domain::minutes_title(&day));
    match keep(&state, &upload, "minutes", title, dated, by).await {
        Ok(outcome) => back(&paths::councils(), outcome, "compte_rendu", "compte_rendu_refuse"),
        Err(error) => error_response(error),
    }
}

/// Staff add a document to the library (project form, fund rules, internal rules, leaflet…).
async fn upload_document(State(state): State<AppState>, parts: Parts, form: Multipart) -> Response {
    let (upload, by) = match staff_upload(&state, &parts, form).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    let title = bounded_text(upload.field("title"), "le titre", 3, 150).map_err(|_| "titre");
    let today = chrono::DateTime::from_timestamp(crate::platform::db::now(), 0)
        .map(|at| at.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    match keep(&state, &upload, "document", title, Ok(today), by).await {
        Ok(outcome) => back(&paths::councils(), outcome, "document", "document_refuse"),
        Err(error) => error_response(error),
    }
}

/// Minutes and documents are public.
async fn show_file(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let found = async {
        let sha256 = store::file_sha256(&state.pool, id).await?;
        let (content_type, bytes) = stored_file(&state.pool, &sha256).await?;
        Ok(uploaded_file_response(&content_type, bytes, &format!("document-{id}")))
    };
    found.await.unwrap_or_else(error_response)
}

/// The carrier files the final report of their granted project, with the report sheet (PDF).
async fn upload_report(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: Multipart) -> Response {
    let allowed = async {
        let user = caller(&state, &parts).await?;
        let application = store::application(&state.pool, id).await?;
        if application.user_id != Some(user.id) {
            return Err(AppError::Forbidden);
        }
        Ok(application.status)
    };
    let status = match allowed.await {
        Ok(status) => status,
        Err(error) => return error_response(error),
    };
    let upload = match read_upload(form, "file", MAX_FILE_BYTES).await {
        Ok(upload) => upload,
        Err(error) => return error_response(error),
    };
    let checked = domain::next_status(status, domain::Step::Report)
        .map_err(|_| "etape")
        .and_then(|_| {
            domain::check_report(upload.field("spent"), upload.field("participants"), upload.field("summary"))
        })
        .and_then(|report| check_file(&upload.file, upload.too_large, pdf_type, "pdf").map(|kind| (report, kind)));
    let outcome = match checked {
        Ok((report, content_type)) => {
            let saved = async {
                let stored = store_file(&state.pool, content_type, &upload.file).await?;
                store::file_report(&state.pool, id, &report, &stored.sha256).await
            };
            match saved.await {
                Ok(true) => Ok(content_type),
                Ok(false) => Err("etape"),
                Err(error) => return error_response(error),
            }
        }
        Err(code) => Err(code),
    };
    back(&paths::application(id), outcome, "bilan", "bilan_refuse")
}

/// The report sheet: for the carrier and staff.
async fn show_report(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let found = async {
        let user = caller(&state, &parts).await?;
        let application = store::application(&state.pool, id).await?;
        if user.role != Role::Staff && application.user_id != Some(user.id) {
            return Err(AppError::Forbidden);
        }
        let sha256 = application.report_sha256.ok_or(AppError::NotFound)?;
        let (content_type, bytes) = stored_file(&state.pool, &sha256).await?;
        Ok(uploaded_file_response(&content_type, bytes, &format!("bilan-{id}")))
    };
    found.await.unwrap_or_else(error_response)
}
