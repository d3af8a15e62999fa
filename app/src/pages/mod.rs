//! Pages of the platform itself (the spaces and accounts have their own).
pub mod home;
pub mod legal;
pub mod not_found;
pub mod paths;

use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The home page and the legal pages; `paths` builds their addresses.
#[component(transparent)]
pub fn SiteRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
        <Route path=path!("/accessibilite") view=legal::AccessibilityPage ssr=SsrMode::Async />
        <Route path=path!("/mentions-legales") view=legal::LegalNoticePage ssr=SsrMode::Async />
        <Route path=path!("/donnees-personnelles") view=legal::PersonalDataPage ssr=SsrMode::Async />
    }
    .into_inner()
}
