//! Pages of the platform itself (the spaces and accounts have their own).
pub mod home;
pub mod legal;
pub mod not_found;
pub mod paths;

use leptos::prelude::*;
use leptos_router::{Lazy, MatchNestedRoutes, SsrMode, components::Route, path};

// Each page comes with its own piece of WebAssembly, downloaded when the page is first shown.
crate::lazy_page! {
    HomeRoute => home::HomePage,
    AccessibilityRoute => legal::AccessibilityPage,
    LegalNoticeRoute => legal::LegalNoticePage,
    PersonalDataRoute => legal::PersonalDataPage,
}

/// The home page and the legal pages; `paths` builds their addresses.
#[component(transparent)]
pub fn SiteRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/accessibilite") view={Lazy::<AccessibilityRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/mentions-legales") view={Lazy::<LegalNoticeRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/donnees-personnelles") view={Lazy::<PersonalDataRoute>::new()} ssr=SsrMode::Async />
    }
    .into_inner()
}
