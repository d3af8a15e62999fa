//! One file per petition page.
pub mod confirm;
pub mod list;
pub mod moderation;
pub mod new;
pub mod petition;
pub mod rules;

use crate::petitions::domain::State;
use leptos::prelude::*;

/// A petition's state as a badge, its label in words.
#[component]
pub(crate) fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", state.as_str())>{state.label()}</span> }
}
