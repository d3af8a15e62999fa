//! The dialogue platform's landing page.
use super::api::{SpacesSummary, spaces_overview};
use crate::platform::i18n::t;
use crate::ui::{LoadError, Loading, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

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
        <Suspense fallback=Loading>
            {move || {
                let pick = pick.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(overview) => pick(overview).into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
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
            <li><A href="/dialogue/consultations">{t("Consultations", "Consultations")}</A></li>
            <li><A href="/dialogue/petitions">{t("Pétitions", "Petitions")}</A></li>
            <li><A href="/dialogue/contributions">{t("Contributions", "Contributions")}</A></li>
            <li><A href="/dialogue/forums">{t("Forums", "Forums")}</A></li>
        </ul>
    }
}
