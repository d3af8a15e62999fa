//! One file per forum page.
pub mod moderation;
pub mod new_theme;
pub mod theme;
pub mod themes;
pub mod thread;

use leptos::prelude::*;
use leptos_router::{Lazy, MatchNestedRoutes, SsrMode, components::Route, path};

// Each page comes with its own piece of WebAssembly, downloaded when the page is first shown.
crate::lazy_page! {
    ThemesRoute => themes::ThemesPage,
    NewThemeRoute => new_theme::NewThemePage,
    ForumModerationRoute => moderation::ForumModerationPage,
    ThreadRoute => thread::ThreadPage,
    ThemeRoute => theme::ThemePage,
}

/// The forum pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn ForumRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/forums") view={Lazy::<ThemesRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/nouveau") view={Lazy::<NewThemeRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/moderation") view={Lazy::<ForumModerationRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/fil/:id") view={Lazy::<ThreadRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/dialogue/forums/:id") view={Lazy::<ThemeRoute>::new()} ssr=SsrMode::Async />
    }
    .into_inner()
}
