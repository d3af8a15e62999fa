//! One file per consultation page.
pub mod answer;
pub mod builder;
pub mod list;
pub mod new;
pub mod results;

use crate::consultations::{domain::Phase, model::ConsultationRow};
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::ui::Notice;
use leptos::prelude::*;
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The consultation pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn ConsultationRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dialogue/consultations") view=list::ConsultationsPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/consultations/nouvelle") view=new::NewConsultationPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/consultations/:id") view=answer::AnswerPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/consultations/:id/resultats") view=results::ResultsPage ssr=SsrMode::Async />
        <Route path=path!("/dialogue/consultations/:id/questionnaire") view=builder::QuestionnairePage ssr=SsrMode::Async />
    }
    .into_inner()
}

/// A consultation's phase as a badge, its label in words.
#[component]
pub(crate) fn PhaseBadge(phase: Phase) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", phase.as_str())>{phase.label()}</span> }
}

/// `du 3 mars 2026 au 31 mars 2026` (the closing is exclusive: the last day is the one before).
pub(crate) fn window_text(consultation: &ConsultationRow) -> String {
    format!("du {} au {}", french_date(consultation.opens_at), french_date(consultation.closes_at - 1))
}

/// The confirmations a redirect asked for with `?key=1`.
pub(crate) fn notices(messages: Vec<(&'static str, &'static str)>) -> impl IntoView {
    // Reactive: a redirect to this same page only changes the query, after the page has rendered.
    messages
        .into_iter()
        .map(|(key, text)| {
            let present = query_param(key);
            move || present.get().map(|_| view! { <Notice text /> })
        })
        .collect_view()
}

/// A text's paragraphs, separated by empty lines.
pub(crate) fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()
}
