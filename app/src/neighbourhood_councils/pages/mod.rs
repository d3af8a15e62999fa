//! One file per neighbourhood-council page.
pub mod apply;
pub mod candidacies;
pub mod council;
pub mod draw;
pub mod list;

use crate::neighbourhood_councils::model::Council;
use crate::platform::i18n::t;
use crate::platform::time::french_date;
use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The neighbourhood councils' pages; `super::paths` builds their addresses.
#[component(transparent)]
pub fn NeighbourhoodCouncilRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/conseils-de-quartier") view=list::CouncilsPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-de-quartier/:slug") view=council::CouncilPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-de-quartier/:slug/candidater") view=apply::ApplyPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-de-quartier/:slug/candidatures") view=candidacies::CandidaciesPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-de-quartier/:slug/tirage") view=draw::DrawPage ssr=SsrMode::Async />
    }
    .into_inner()
}

/// `Candidatures ouvertes jusqu'au 15 janvier 2027 · tirage le 01/02/2027`.
pub(crate) fn window_text(council: &Council, open: bool) -> String {
    let draw = format!("{} {}", t("tirage au sort le", "draw on"), council.draw_day);
    if open {
        format!(
            "{} {} · {draw}",
            t("Candidatures ouvertes jusqu'au", "Applications open until"),
            // The window ends as the last day ends.
            french_date(council.applications_close_at - 1)
        )
    } else {
        format!("{} · {draw}", t("Candidatures closes", "Applications closed"))
    }
}
