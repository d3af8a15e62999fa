//! One file per contribution page.
pub mod call;
pub mod calls;
pub mod new_call;

use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The contribution pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn ContributionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/contributions") view=calls::CallsPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/contributions/nouvel-appel") view=new_call::NewCallPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/contributions/:id") view=call::CallPage ssr=SsrMode::Async />
    }
    .into_inner()
}
