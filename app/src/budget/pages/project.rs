use super::in_place::{InPlace, InPlaceEditor, InPlaceMessage, plain_euros};
use super::{project_of_route, slug_param};
use crate::accounts::pages::query_param;
use crate::budget::{
    domain::submission::Field,
    model::{ProjectPageData, euros, status_label},
};
use crate::platform::i18n::t;
use crate::ui::{Loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/budget/{slug}/projets/{id}`: a labelled project for everyone; its author and staff also see it
/// before review. Staff edit title, summary, cost and territory in place once the page is hydrated;
/// without JavaScript, the author and staff get the edit form.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let slug = slug_param();
    let changed = query_param("modifie");
    let data = project_of_route(slug);
    view! {
        {move || changed.get().map(|count| {
            let text = match count.as_str() {
                "0" => "Aucun changement : le projet est inchangé.".to_string(),
                "1" => "1 modification enregistrée.".to_string(),
                count => format!("{count} modifications enregistrées."),
            };
            view! { <Notice text /> }
        })}
        <Loaded data missing=t("Projet introuvable", "Project not found") ready=|page: ProjectPageData| view! { <ProjectBody page /> } />
        <p><A href=move || format!("/budget/{}", slug.get())>{t("Retour aux projets", "Back to the projects")}</A></p>
    }
}

#[component]
fn ProjectBody(page: ProjectPageData) -> impl IntoView {
    let project = page.project;
    let in_place = InPlace::new(project.id, page.reviewer && page.editable);
    let title = RwSignal::new(project.title.clone());
    let summary = RwSignal::new(project.summary.clone());
    let cost = RwSignal::new(euros(project.cost_cents));
    let territory = RwSignal::new(project.territory_name.clone());
    let territories: Vec<(String, String)> = page
        .territories
        .iter()
        .map(|envelope| (envelope.territory_id.to_string(), envelope.territory_name.clone()))
        .collect();
    let status = match &project.rejection_reason {
        Some(reason) => format!("{} — motif : {reason}", status_label(&project.status)),
        None => status_label(&project.status).to_string(),
    };
    let base = format!("/budget/{}/projets/{}", page.slug, project.id);
    view! {
        <Title text=format!("{} — Agora", project.title) />
        <h1>{move || title.get()}</h1>
        <InPlaceEditor in_place field=Field::Title shown=title typed=project.title.clone() />
        <InPlaceMessage in_place />
        <p class="lead">{move || summary.get()}</p>
        <InPlaceEditor in_place field=Field::Summary shown=summary typed=project.summary.clone() />
        <dl class="facts">
            <dt>{t("Campagne", "Campaign")}</dt>
            <dd>{page.campaign_title}</dd>
            <dt>{t("Territoire", "Area")}</dt>
            <dd>
                {move || territory.get()}
                <InPlaceEditor in_place field=Field::Territory shown=territory typed=project.territory_id.to_string() options=territories />
            </dd>
            <dt>{t("Catégorie", "Category")}</dt>
            <dd>{project.category.clone()}</dd>
            <dt>{t("Coût estimé", "Estimated cost")}</dt>
            <dd>
                {move || cost.get()}
                <InPlaceEditor in_place field=Field::Cost shown=cost typed=plain_euros(project.cost_cents) />
            </dd>
            {(project.status != "labelled").then(|| view! {
                <dt>{t("Statut", "Status")}</dt>
                <dd>{status}</dd>
            })}
        </dl>
        {project.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        {page.editable.then(|| view! {
            <p class="actions">
                <A href=format!("{base}/modifier")>{t("Modifier le projet", "Edit the project")}</A>
                {page.reviewer.then(|| view! {
                    " · "<A href=format!("{base}/historique")>{t("Historique des modifications", "Change history")}</A>
                })}
            </p>
        })}
    }
}
