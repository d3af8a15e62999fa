//! One file per petition page.
pub mod confirm;
pub mod list;
pub mod moderation;
pub mod new;
pub mod petition;
pub mod rules;

use crate::petitions::domain::State;
use leptos::prelude::*;
use leptos_router::{Lazy, MatchNestedRoutes, SsrMode, components::Route, path};

// Each page comes with its own piece of WebAssembly, downloaded when the page is first shown.
crate::lazy_page! {
    PetitionsRoute => list::PetitionsPage,
    NewPetitionRoute => new::NewPetitionPage,
    ModerationRoute => moderation::ModerationPage,
    RulesRoute => rules::RulesPage,
    ConfirmSignatureRoute => confirm::ConfirmSignaturePage,
    PetitionRoute => petition::PetitionPage,
}

/// The petition pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn PetitionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/petitions") view={Lazy::<PetitionsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/nouvelle") view={Lazy::<NewPetitionRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/moderation") view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/regles") view={Lazy::<RulesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/confirmer") view={Lazy::<ConfirmSignatureRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/petitions/:id") view={Lazy::<PetitionRoute>::new()} ssr=SsrMode::Async />
    }
    .into_inner()
}

/// A petition's state as a badge, its label in words.
#[component]
pub(crate) fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", state.as_str())>{state.label()}</span> }
}
