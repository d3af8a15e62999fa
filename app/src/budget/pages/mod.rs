//! One file per citizen budget page, and their routes (`BudgetRoutes`).
pub mod campaign;
pub mod campaigns;
pub mod comparison;
pub mod confirm;
pub mod dashboard;
pub mod edit;
pub mod history;
pub mod in_place;
pub mod journal;
pub mod mine;
pub mod new_campaign;
pub mod paper;
pub mod project;
pub mod receipt;
pub mod results;
pub mod review;
pub mod submit;

use crate::platform::routing::slug_param;
use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, hooks::use_params_map, path};

/// The citizen budget's pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn BudgetRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/budget") view=campaigns::CampaignsPage ssr=SsrMode::Async />
        <Route path=path!("/budget/nouvelle") view=new_campaign::NewCampaignPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug") view=campaign::CampaignPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/projets/:id") view=project::ProjectPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/projets/:id/modifier") view=edit::EditProjectPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/projets/:id/historique") view=history::ProjectHistoryPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/deposer") view=submit::SubmitProjectPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/mes-projets") view=mine::MyProjectsPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/confirmer") view=confirm::ConfirmBallotPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/merci") view=receipt::ReceiptPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/resultats") view=results::ResultsPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/tableau-de-bord") view=dashboard::DashboardPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/comparaison") view=comparison::ComparisonPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/revue") view=review::ReviewPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/bulletins-papier") view=paper::PaperBallotsPage ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/journal") view=journal::JournalPage ssr=SsrMode::Async />
    }
    .into_inner()
}

/// The project of a `/budget/{slug}/projets/{id}` route, as its pages show it.
pub(crate) fn project_of_route(
    slug: Memo<String>,
) -> Resource<Result<crate::budget::model::ProjectPageData, crate::platform::error::AppError>> {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    Resource::new(
        move || (slug.get(), id.get()),
        |(slug, id)| async move {
            match id {
                Some(id) => crate::budget::api::project_detail(slug, id).await,
                None => Err(crate::platform::error::AppError::NotFound),
            }
        },
    )
}
