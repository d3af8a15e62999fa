//! One file per petition page.
pub mod confirm;
pub mod list;
pub mod moderation;
pub mod new;
pub mod petition;
pub mod rules;

use crate::petitions::domain::State;
use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The petition pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn PetitionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/petitions") view=list::PetitionsPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/nouvelle") view=new::NewPetitionPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/moderation") view=moderation::ModerationPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/regles") view=rules::RulesPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/confirmer") view=confirm::ConfirmSignaturePage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/:id") view=petition::PetitionPage ssr=SsrMode::Async />
    }
    .into_inner()
}

/// A petition's state as a badge, its label in words.
#[component]
pub(crate) fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", state.as_str())>{state.label()}</span> }
}
