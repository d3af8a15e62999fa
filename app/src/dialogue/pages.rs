//! The dialogue platform's landing page and its route.
use super::api::{SpacesSummary, spaces_overview};
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{DayWindowFields, Field, Loaded, PageHeading, SelectField};
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

/// What staff give when they open something for an institution (a forum, a call for
/// contributions), inside the caller's form: the institution, a title, a text and the window.
#[component]
pub fn OpeningFields(
    institutions: Vec<(i64, String)>,
    error: Signal<Option<AppError>>,
    title_label: &'static str,
    text_label: &'static str,
    text_name: &'static str,
) -> impl IntoView {
    let options: Vec<(String, String)> = institutions.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
    view! {
        <SelectField label=t("Institution", "Institution") name="institution_id" options error />
        <Field label=title_label name="title" error />
        <Field label=text_label name=text_name kind="textarea" error />
        <DayWindowFields error />
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
