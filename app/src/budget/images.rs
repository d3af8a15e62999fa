//! Project images over plain HTTP: a multipart form that works without JavaScript, and the image
//! itself, shown to whoever may see the project.
use super::{
    api::server::editor_of,
    domain::{
        image::{ImageProblem, MAX_IMAGE_BYTES, check_image},
        submission::Editor,
    },
    store,
    submission::server::editable,
};
use crate::platform::{download::error_response, error::AppError, session, state::AppState};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, State, multipart::MultipartError},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};

/// The largest body read: a file a few times over the limit still gets a French answer.
const BODY_LIMIT_BYTES: usize = 4 * MAX_IMAGE_BYTES;

/// Its own router: uploads are larger than any other request, so they get their own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/budget/{slug}/projets/{id}/image", get(show_image).post(upload_image))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
}

async fn show_image(State(state): State<AppState>, Path((slug, id)): Path<(String, i64)>, parts: Parts) -> Response {
    let found = async {
        let user = session::user_of_request(&state, &parts).await?;
        let campaign = store::campaign_by_slug(&state.pool, &slug).await?;
        let project = store::project(&state.pool, campaign.id, id).await?;
        if project.status != "labelled" && editor_of(user.as_ref(), &project) == Editor::Other {
            return Err(AppError::NotFound);
        }
        store::image(&state.pool, project.id).await
    };
    match found.await {
        Ok((content_type, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            // Addresses carry the upload time, so a new image gets a new address.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
            response
        }
        Err(error) => error_response(error),
    }
}

/// Reads the form: the file and its description. A file over the limit is read to its end but not
/// kept, so the browser gets its answer rather than a cut connection; only a body beyond
/// `BODY_LIMIT_BYTES` is cut.
async fn read_form(mut form: Multipart) -> Result<(Vec<u8>, String), Result<ImageProblem, AppError>> {
    let problem = |error: MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Ok(ImageProblem::TooLarge)
        } else {
            Err(AppError::Request(error.body_text()))
        }
    };
    let (mut bytes, mut description, mut too_large) = (Vec::new(), Vec::new(), false);
    while let Some(mut field) = form.next_field().await.map_err(problem)? {
        let kept = match field.name() {
            Some("image") => &mut bytes,
            Some("description") => &mut description,
            _ => continue,
        };
        while let Some(chunk) = field.chunk().await.map_err(problem)? {
            if kept.len() + chunk.len() > MAX_IMAGE_BYTES {
                too_large = true;
            } else {
                kept.extend_from_slice(&chunk);
            }
        }
    }
    if too_large {
        return Err(Ok(ImageProblem::TooLarge));
    }
    Ok((bytes, String::from_utf8_lossy(&description).into_owned()))
}

/// Stores the image sent by the project's author (until review) or a reviewer (until the vote
/// closes), then returns to the project page, saying what happened.
async fn upload_image(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    parts: Parts,
    form: Multipart,
) -> Response {
    let allowed = async {
        let user = session::user_of_request(&state, &parts).await?.ok_or(AppError::Unauthenticated)?;
        let found = editable(&state, &user, id).await?;
        if found.campaign.slug != slug {
            return Err(AppError::NotFound);
        }
        Ok::<_, AppError>((found.project, user))
    };
    let (project, user) = match allowed.await {
        Ok(found) => found,
        Err(error) => return error_response(error),
    };
    let page = format!("/budget/{slug}/projets/{id}");
    let checked = match read_form(form).await {
        Ok((bytes, description)) => check_image(bytes, &description),
        Err(Ok(problem)) => Err(problem),
        Err(Err(error)) => return error_response(error),
    };
    let image = match checked {
        Ok(image) => image,
        Err(problem) => return Redirect::to(&format!("{page}?image_refusee={}", problem.code())).into_response(),
    };
    let editor = store::ProjectEditor { id: user.id, name: &user.display_name };
    match store::save_image(&state.pool, &project, &image, &editor).await {
        Ok(()) => Redirect::to(&format!("{page}?image=1")).into_response(),
        Err(error) => error_response(error),
    }
}
