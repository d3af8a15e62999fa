//! Project images over plain HTTP: a multipart form that works without JavaScript, and the image
//! itself, shown to whoever may see the project.
use crate::budget::{
    api::server::editor_of,
    api::submission::server::editable,
    domain::{
        image::{ImageProblem, MAX_IMAGE_BYTES, check_image},
        submission::Editor,
    },
    model::ProjectStatus,
    paths, store,
};
use crate::platform::{
    download::{error_response, file_response},
    error::AppError,
    session,
    state::AppState,
    upload::read_upload,
};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{HeaderValue, header, request::Parts},
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
        if project.status != ProjectStatus::Labelled && editor_of(user.as_ref(), &project) == Editor::Other {
            return Err(AppError::NotFound);
        }
        store::image(&state.pool, project.id).await
    };
    match found.await {
        Ok((content_type, bytes)) => {
            let mut response = file_response(&content_type, bytes, None);
            // Addresses carry the upload time, so a new image gets a new address.
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
            response
        }
        Err(error) => error_response(error),
    }
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
    let page = paths::project(&slug, id);
    let checked = match read_upload(form, "image", MAX_IMAGE_BYTES).await {
        Ok(upload) if upload.too_large => Err(ImageProblem::TooLarge),
        Ok(upload) => {
            let description = upload.field("description").to_string();
            check_image(upload.file, &description)
        }
        Err(error) => return error_response(error),
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
