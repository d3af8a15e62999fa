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
use leptos_router::{Lazy, MatchNestedRoutes, SsrMode, components::Route, hooks::use_params_map, path};

// Each page comes with its own piece of WebAssembly, downloaded when the page is first shown.
crate::lazy_page! {
    CampaignsRoute => campaigns::CampaignsPage,
    NewCampaignRoute => new_campaign::NewCampaignPage,
    CampaignRoute => campaign::CampaignPage,
    ProjectRoute => project::ProjectPage,
    EditProjectRoute => edit::EditProjectPage,
    ProjectHistoryRoute => history::ProjectHistoryPage,
    SubmitProjectRoute => submit::SubmitProjectPage,
    MyProjectsRoute => mine::MyProjectsPage,
    ConfirmBallotRoute => confirm::ConfirmBallotPage,
    ReceiptRoute => receipt::ReceiptPage,
    ResultsRoute => results::ResultsPage,
    DashboardRoute => dashboard::DashboardPage,
    ComparisonRoute => comparison::ComparisonPage,
    ReviewRoute => review::ReviewPage,
    PaperBallotsRoute => paper::PaperBallotsPage,
    JournalRoute => journal::JournalPage,
}

/// The citizen budget's pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn BudgetRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/budget") view={Lazy::<CampaignsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/nouvelle") view={Lazy::<NewCampaignRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug") view={Lazy::<CampaignRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/projets/:id") view={Lazy::<ProjectRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/projets/:id/modifier") view={Lazy::<EditProjectRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/projets/:id/historique") view={Lazy::<ProjectHistoryRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/deposer") view={Lazy::<SubmitProjectRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/mes-projets") view={Lazy::<MyProjectsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/confirmer") view={Lazy::<ConfirmBallotRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/merci") view={Lazy::<ReceiptRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/resultats") view={Lazy::<ResultsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/tableau-de-bord") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/comparaison") view={Lazy::<ComparisonRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/revue") view={Lazy::<ReviewRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/bulletins-papier") view={Lazy::<PaperBallotsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/budget/:slug/journal") view={Lazy::<JournalRoute>::new()} ssr=SsrMode::Async />
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
