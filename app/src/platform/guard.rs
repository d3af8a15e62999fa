//! The one gate every server function passes first: deny by default.
use super::{
    error::AppError,
    session::{self, SessionUser},
};
use crate::platform::identity::Role;
use axum::http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// Marks a page refused by its guard with 401 or 403. Server function calls are left alone: the
/// server maps their errors to statuses, and a plain form post must stay a redirect back to the form.
fn deny(error: AppError) -> AppError {
    let server_fn_call = use_context::<Parts>().is_some_and(|parts| parts.uri.path().starts_with("/api/"));
    if !server_fn_call && let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(error.status());
    }
    error
}

/// Open to everyone; returns the caller when signed in.
pub async fn public() -> Result<Option<SessionUser>, AppError> {
    session::current().await
}

/// Any signed-in account.
pub async fn signed_in() -> Result<SessionUser, AppError> {
    session::current().await?.ok_or_else(|| deny(AppError::Unauthenticated))
}

/// A signed-in account holding one of `roles`.
pub async fn role(roles: &[Role]) -> Result<SessionUser, AppError> {
    let user = signed_in().await?;
    if roles.contains(&user.role) { Ok(user) } else { Err(deny(AppError::Forbidden)) }
}

/// The owner of a record, or staff.
pub fn owner_or_staff(user: &SessionUser, owner_id: i64) -> Result<(), AppError> {
    if user.id == owner_id || user.role == Role::Staff { Ok(()) } else { Err(deny(AppError::Forbidden)) }
}
