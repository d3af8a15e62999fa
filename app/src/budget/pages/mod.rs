//! One file per citizen budget page.
pub mod campaign;
pub mod campaigns;
pub mod comparison;
pub mod confirm;
pub mod dashboard;
pub mod edit;
pub mod history;
pub mod in_place;
pub mod journal;
pub mod mine;
pub mod new_campaign;
pub mod paper;
pub mod project;
pub mod receipt;
pub mod results;
pub mod review;
pub mod submit;

use crate::platform::routing::slug_param;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The project of a `/budget/{slug}/projets/{id}` route, as its pages show it.
pub(crate) fn project_of_route(
    slug: Memo<String>,
) -> Resource<Result<crate::budget::model::ProjectPageData, crate::platform::error::AppError>> {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    Resource::new(
        move || (slug.get(), id.get()),
        |(slug, id)| async move {
            match id {
                Some(id) => crate::budget::api::project_detail(slug, id).await,
                None => Err(crate::platform::error::AppError::NotFound),
            }
        },
    )
}
