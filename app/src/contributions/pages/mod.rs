//! One file per contribution page.
pub mod call;
pub mod calls;
pub mod new_call;

use leptos::prelude::*;
use leptos_router::{Lazy, MatchNestedRoutes, SsrMode, components::Route, path};

// Each page comes with its own piece of WebAssembly, downloaded when the page is first shown.
crate::lazy_page! {
    CallsRoute => calls::CallsPage,
    NewCallRoute => new_call::NewCallPage,
    CallRoute => call::CallPage,
}

/// The contribution pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn ContributionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/contributions") view={Lazy::<CallsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/contributions/nouvel-appel") view={Lazy::<NewCallRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/contributions/:id") view={Lazy::<CallRoute>::new()} ssr=SsrMode::Async />
    }
    .into_inner()
}
