//! The dialogue platform's landing page and its route.
use super::api::{SpacesSummary, spaces_overview};
use crate::platform::i18n::t;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::{
    MatchNestedRoutes, SsrMode,
    components::{A, Route},
    path,
};

/// Loads the overview and renders the part `pick` selects from it.
#[component]
fn SpaceLanding<F, V>(title: &'static str, intro: &'static str, pick: F) -> impl IntoView
where
    F: Fn(SpacesSummary) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let data = Resource::new(|| (), |_| spaces_overview());
    view! {
        <PageHeading title=title />
        <p class="lead">{intro}</p>
        <Loaded data ready=pick />
    }
}

fn name_list(heading: &'static str, names: Vec<String>) -> impl IntoView {
    view! {
        <h2>{heading}</h2>
        <ul class="name-list">{names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
    }
}

#[component]
pub fn DialogueSpace() -> impl IntoView {
    view! {
        <SpaceLanding
            title=t("Plateforme de dialogue", "Dialogue platform")
            intro=t("Sondages, forums, pétitions et contributions : quatre façons de parler à une institution.",
                    "Surveys, forums, petitions and contributions: four ways to speak to an institution.")
            pick=|overview: SpacesSummary| name_list(t("Institutions", "Institutions"), overview.institutions)
        />
        <h2>{t("Participer", "Take part")}</h2>
        <ul class="name-list">
            <li><A href=crate::consultations::paths::consultations()>{t("Consultations", "Consultations")}</A></li>
            <li><A href=crate::petitions::paths::petitions()>{t("Pétitions", "Petitions")}</A></li>
            <li><A href=crate::contributions::paths::calls()>{t("Contributions", "Contributions")}</A></li>
            <li><A href=crate::forums::paths::forums()>{t("Forums", "Forums")}</A></li>
        </ul>
    }
}

/// The dialogue landing page's route.
#[component(transparent)]
pub fn DialogueRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/dialogue") view=DialogueSpace ssr=SsrMode::Async /> }.into_inner()
}
