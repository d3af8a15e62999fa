//! Plain HTTP routes of the collectifs: their publications (uploading a PDF with a multipart form
//! that works without JavaScript, replacing a draft's PDF, reading it, the Atom feeds), and the
//! iCalendar feeds (RFC 5545) of the agenda, for calendar applications to subscribe to.
use super::{
    api::actor,
    domain::calendar,
    paths,
    publication::{self, FeedEntry, PublicationForm},
    store::{self, Acting, Host, PublicationFilter},
};
use crate::platform::{
    db,
    download::{error_response, file_response, uploaded_file_response},
    error::AppError,
    files::{MAX_FILE_BYTES, check_file, pdf_type, store_file, stored_file},
    session::{self, SessionUser},
    state::AppState,
    upload::{Upload, read_upload},
};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};

/// The publications: uploads, PDFs and Atom feeds, with their own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/collectifs/publications.atom", get(global_feed))
        .route("/collectifs/{slug}/publications.atom", get(collectif_feed))
        .route("/collectifs/{slug}/publications", axum::routing::post(upload_publication))
        .route("/collectifs/{slug}/publications/{id}/document.pdf", get(show_document).post(replace_document))
        // A file a few times over the limit still gets a French answer.
        .layer(DefaultBodyLimit::max(4 * MAX_FILE_BYTES))
}

/// The agenda's iCalendar feeds; they take no body and stay under the site's body limit.
pub fn feeds() -> Router<AppState> {
    Router::new().route("/agenda.ics", get(global_agenda)).route("/collectifs/{slug}/agenda.ics", get(collectif_agenda))
}

/// The caller, who must be signed in and facilitate the collectif (or be staff).
async fn facilitator(state: &AppState, parts: &Parts, slug: &str) -> Result<(SessionUser, i64), AppError> {
    let user = session::user_of_request(state, parts).await?.ok_or(AppError::Unauthenticated)?;
    let collectif = store::collectif_by_slug(&state.pool, slug).await?;
    if !actor(&state.pool, &collectif, Some(&user)).await?.facilitator {
        return Err(AppError::Forbidden);
    }
    if collectif.state == crate::collectifs::model::CollectifState::Archived {
        return Err(AppError::refused("Ce collectif est archivé : relancez-le avant de publier."));
    }
    Ok((user, collectif.id))
}

/// Reads the form with its PDF checked, or answers the problem's code.
async fn read_pdf(form: Multipart) -> Result<Result<Upload, &'static str>, AppError> {
    let upload = read_upload(form, "file", MAX_FILE_BYTES).await?;
    Ok(check_file(&upload.file, upload.too_large, pdf_type, "format-pdf").map(|_| upload))
}

/// A facilitator (or staff) publishes a memo or minutes, or starts an opinion, report or study as
/// a draft; then its page, or the collectif's page with the problem's code.
async fn upload_publication(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    parts: Parts,
    form: Multipart,
) -> Response {
    let outcome = async {
        let (user, collectif_id) = facilitator(&state, &parts, &slug).await?;
        let upload = match read_pdf(form).await? {
            Ok(upload) => upload,
            Err(code) => return Ok(Err(code)),
        };
        let input = PublicationForm {
            kind: upload.field("kind"),
            title: upload.field("publication_title"),
            published_on: upload.field("published_on"),
            summary: upload.field("summary"),
        };
        let valid = match publication::check_publication(input) {
            Ok(valid) => valid,
            Err(code) => return Ok(Err(code)),
        };
        let file = store_file(&state.pool, "application/pdf", &upload.file).await?;
        let author = Acting { user_id: Some(user.id), name: &user.display_name };
        let id = store::insert_publication(&state.pool, collectif_id, &valid, &file.sha256, author, db::now()).await?;
        Ok::<_, AppError>(Ok(id))
    };
    match outcome.await {
        Ok(Ok(id)) => Redirect::to(&format!("{}?publiee=1", paths::publication(&slug, id))).into_response(),
        Ok(Err(code)) => {
            Redirect::to(&format!("{}?publication_refusee={code}#publier", paths::collectif(&slug))).into_response()
        }
        Err(error) => error_response(error),
    }
}

/// A returned or draft text gets a reworked PDF before it goes (back) to the bureau.
async fn replace_document(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    parts: Parts,
    form: Multipart,
) -> Response {
    let outcome = async {
        let (_, collectif_id) = facilitator(&state, &parts, &slug).await?;
        let publication = store::publication(&state.pool, collectif_id, id).await?;
        let upload = match read_pdf(form).await? {
            Ok(upload) => upload,
            Err(code) => return Ok(Err(code)),
        };
        if !publication.stage.with_collectif() {
            return Ok(Err("etape"));
        }
        let file = store_file(&state.pool, "application/pdf", &upload.file).await?;
        let replaced = store::replace_publication_file(&state.pool, publication.id, &file.sha256, db::now()).await?;
        Ok::<_, AppError>(if replaced { Ok(()) } else { Err("etape") })
    };
    let page = paths::publication(&slug, id);
    match outcome.await {
        Ok(Ok(())) => Redirect::to(&format!("{page}?document=1")).into_response(),
        Ok(Err(code)) => Redirect::to(&format!("{page}?document_refuse={code}")).into_response(),
        Err(error) => error_response(error),
    }
}

/// The PDF: public once the text has left the draft, otherwise for its facilitators and staff.
async fn show_document(State(state): State<AppState>, Path((slug, id)): Path<(String, i64)>, parts: Parts) -> Response {
    let found = async {
        let collectif = store::collectif_by_slug(&state.pool, &slug).await?;
        let publication = store::publication(&state.pool, collectif.id, id).await?;
        if !publication::public(publication.stage) {
            let user = session::user_of_request(&state, &parts).await?;
            if !actor(&state.pool, &collectif, user.as_ref()).await?.facilitator {
                return Err(AppError::NotFound);
            }
        }
        let (content_type, bytes) = stored_file(&state.pool, &store::publication_file(&state.pool, id).await?).await?;
        Ok(uploaded_file_response(&content_type, bytes, &format!("publication-{id}")))
    };
    found.await.unwrap_or_else(error_response)
}

async fn feed(state: &AppState, title: &str, self_path: &str, collectif_id: Option<i64>) -> Response {
    let built = async {
        let filter = PublicationFilter { collectif_id, with_drafts: false, chain_only: false };
        let entries: Vec<FeedEntry> = store::publications(&state.pool, filter)
            .await?
            .into_iter()
            .map(|item| FeedEntry {
                path: item.href(),
                file_path: item.file_href(),
                title: format!("{} — {}", item.kind.label(), item.title),
                summary: item.summary,
                author: item.collectif_name,
                updated: item.updated_at,
                file_size: item.file_size,
            })
            .collect();
        Ok(publication::atom(title, &state.config.base_url, self_path, &entries))
    };
    match built.await {
        Ok(body) => file_response("application/atom+xml; charset=utf-8", body, None),
        Err(error) => error_response(error),
    }
}

/// `/collectifs/publications.atom`: every collectif's publications.
async fn global_feed(State(state): State<AppState>) -> Response {
    feed(&state, "Publications des collectifs", &paths::publications_feed(), None).await
}

/// `/collectifs/{slug}/publications.atom`: one collectif's.
async fn collectif_feed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match store::collectif_by_slug(&state.pool, &slug).await {
        Ok(collectif) => {
            let title = format!("Publications — {}", collectif.name);
            feed(&state, &title, &paths::collectif_publications_feed(&slug), Some(collectif.id)).await
        }
        Err(error) => error_response(error),
    }
}

/// The feed's calendar, or its error: 404 when what it follows does not exist, 500 otherwise.
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
async fn global_agenda(State(state): State<AppState>) -> Response {
    ics(async {
        let events = store::events(&state.pool, None).await?;
        Ok(calendar("Agenda des collectifs et des conseils citoyens", &state.config.base_url, &events))
    }
    .await)
}

/// `/collectifs/{slug}/agenda.ics`: one collectif's events.
async fn collectif_agenda(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let collectif = store::collectif_by_slug(&state.pool, &slug)
        .await
        .map(|collectif| (collectif.name, Host::Collectif(collectif.id)));
    host_agenda_feed(&state, collectif).await
}

/// The iCalendar feed of one host's events: `host` is its name and itself, or why it was not found.
pub(crate) async fn host_agenda_feed(state: &AppState, host: Result<(String, Host), AppError>) -> Response {
    ics(async {
        let (name, host) = host?;
        let events = store::events(&state.pool, Some(host)).await?;
        Ok(calendar(&format!("Agenda — {name}"), &state.config.base_url, &events))
    }
    .await)
}
