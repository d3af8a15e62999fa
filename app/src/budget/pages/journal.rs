//! `/budget/{slug}/journal`: the public record of what staff did to the count — paper ballots
//! entered, projects labelled, rejected or merged — with who and when.
use crate::budget::{
    api::campaign_journal,
    model::{Journal, StaffAct},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::platform::time::paris_moment;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn JournalPage() -> impl IntoView {
    let slug = slug_param();
    let data = Resource::new(move || slug.get(), campaign_journal);
    view! {
        <Loaded data missing=t("Journal de la campagne", "Campaign journal") ready=|journal: Journal| view! {
            <PageHeading title=format!("Journal — {}", journal.title) />
            <p class="lead">{t(
                "Chaque bulletin papier saisi et chaque décision sur un projet y est inscrit, avec son auteur et sa date. Rien ne s'en efface.",
                "Every paper ballot entered and every decision on a project is written here, with who and when. Nothing is ever removed.",
            )}</p>
            <StaffActs acts=journal.acts caption=t("Actes de l'équipe, du plus ancien au plus récent", "Staff acts, oldest first") />
            <p><A href=paths::campaign(&journal.slug)>{t("Retour à la campagne", "Back to the campaign")}</A></p>
        } />
    }
}

/// Staff acts as a table, or a sentence when there is none.
#[component]
pub fn StaffActs(acts: Vec<StaffAct>, caption: &'static str) -> impl IntoView {
    if acts.is_empty() {
        return view! { <p>{t("Aucun acte inscrit pour l'instant.", "Nothing recorded yet.")}</p> }.into_any();
    }
    view! {
        <table class="staff-acts">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("Date", "Date")}</th>
                    <th scope="col">{t("Acte", "Act")}</th>
                    <th scope="col">{t("Par", "By")}</th>
                </tr>
            </thead>
            <tbody>
                {acts.into_iter().map(|act| view! {
                    <tr>
                        <td>{paris_moment(act.acted_at)}</td>
                        <th scope="row">{act.sentence()}</th>
                        <td>{act.actor_name}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
