//! Server functions of contribution calls. Each one starts with its guard.
use super::model::{Call, CallView};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::contributions::{
        domain::{Accepted, BODY_MAX, check_open, parse_contribution},
        paths,
        store::{self, NewCall},
    };
    pub use crate::platform::identity::Role;
    pub use crate::platform::{
        db,
        error::FormErrors,
        guard,
        rate_limit::{self, Window},
        state::app_state,
        text::bounded_text,
        time::day_window,
    };

    /// Contributions one account may send in an hour.
    pub const CONTRIBUTIONS_PER_HOUR: Window = Window { max: 10, seconds: 3_600 };
}
/// The per-account limits, for the tests that prove them.
#[cfg(feature = "ssr")]
pub use server::CONTRIBUTIONS_PER_HOUR;
#[cfg(feature = "ssr")]
use server::*;

#[server(input = GetUrl)]
pub async fn list_calls() -> Result<Vec<Call>, AppError> {
    guard::public().await?;
    store::calls(&app_state()?.pool).await
}

/// A call with its contributions, filtered by kind (`temoignage`, `proposition` or empty) and status
/// (`retenue` or empty).
#[server(input = GetUrl)]
pub async fn call_page(id: i64, kind: String, status: String) -> Result<CallView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let call = store::call(&pool, id).await?;
    let kind = kind.trim();
    let kind = (!kind.is_empty()).then_some(kind);
    Ok(CallView {
        contributions: store::contributions(&pool, id, kind, status.trim() == "retenue").await?,
        retained: store::contributions(&pool, id, None, true).await?,
        call,
        signed_in: user.is_some(),
        is_staff: user.is_some_and(|user| user.role == Role::Staff),
        now: db::now(),
    })
}

#[server]
pub async fn contribute(call_id: i64, kind: String, title: String, body: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let call = store::call(&pool, call_id).await?;
    check_open(call.opens_at, call.closes_at, db::now()).map_err(AppError::refused)?;
    let contribution = parse_contribution(call.accepted(), &kind, &title, &body).map_err(AppError::Invalid)?;
    rate_limit::within(&pool, &[("contributions", &user.id.to_string(), CONTRIBUTIONS_PER_HOUR)]).await?;
    store::insert_contribution(&pool, call_id, user.id, &contribution).await?;
    leptos_axum::redirect(&format!("{}?envoyee=1", paths::call(call_id)));
    Ok(())
}

/// Staff mark a contribution as retained for the synthesis (`retained` = "1"), or take it back.
#[server]
pub async fn retain_contribution(contribution_id: i64, retained: String) -> Result<(), AppError> {
    let staff = guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    store::set_retained(&pool, contribution_id, (retained == "1").then_some(staff.id)).await
}

#[server]
pub async fn publish_synthesis(call_id: i64, synthesis: String) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let text = bounded_text(&synthesis, "la synthèse", 20, BODY_MAX).map_err(|message| {
        let mut errors = FormErrors::default();
        errors.keep("synthesis", synthesis.as_str());
        errors.add("synthesis", message);
        AppError::Invalid(errors)
    })?;
    store::publish_synthesis(&pool, call_id, &text).await?;
    leptos_axum::redirect(&format!("{}?synthese=1", paths::call(call_id)));
    Ok(())
}

/// Staff open a call: institution, title, description, period and the kinds it accepts.
#[server]
pub async fn create_call(
    institution_id: String,
    title: String,
    description: String,
    opens_on: String,
    closes_on: String,
    #[server(default)] testimonies: Option<String>,
    #[server(default)] proposals: Option<String>,
) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let mut errors = FormErrors::default();
    for (field, value) in
        [("title", &title), ("description", &description), ("opens_on", &opens_on), ("closes_on", &closes_on)]
    {
        errors.keep(field, value.as_str());
    }
    let institutions = crate::dialogue::institutions(&pool).await?;
    let institution =
        errors.chosen("institution_id", &institution_id, &institutions, "Choisissez l'institution qui lance l'appel.");
    let title = bounded_text(&title, "le titre", 5, 150).map_err(|message| errors.add("title", message)).ok();
    let description = bounded_text(&description, "la description", 20, BODY_MAX)
        .map_err(|message| errors.add("description", message))
        .ok();
    let window = day_window(&opens_on, &closes_on, &mut errors);
    let accepted = Accepted { testimonies: testimonies.is_some(), proposals: proposals.is_some() };
    if accepted.kinds().is_empty() {
        errors.add("kinds", "Acceptez au moins un type de contribution.");
    }
    let (Some(institution_id), Some(title), Some(description), Some((opens_at, closes_at)), true) =
        (institution, title, description, window, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let call = NewCall { institution_id, title: &title, description: &description, opens_at, closes_at, accepted };
    let id = store::insert_call(&pool, &call).await?;
    leptos_axum::redirect(&format!("{}?enregistre=1", paths::call(id)));
    Ok(())
}
