//! One file per petition page.
pub mod confirm;
pub mod list;
pub mod moderation;
pub mod new;
pub mod petition;
pub mod rules;

use crate::petitions::domain::State;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The petition id of the current route (0, which names nothing, when unreadable).
pub(crate) fn id_param() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse().ok()).unwrap_or(0)))
}

/// A petition's state as a badge, its label in words.
#[component]
pub(crate) fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", state.as_str())>{state.label()}</span> }
}
