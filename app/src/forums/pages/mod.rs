//! One file per forum page.
pub mod moderation;
pub mod new_theme;
pub mod theme;
pub mod themes;
pub mod thread;

use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The forum pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn ForumRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/forums") view=themes::ThemesPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/nouveau") view=new_theme::NewThemePage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/moderation") view=moderation::ForumModerationPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/fil/:id") view=thread::ThreadPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/:id") view=theme::ThemePage ssr=SsrMode::Async />
    }
    .into_inner()
}
