use super::slug_param;
use crate::accounts::pages::query_param;
use crate::budget::{
    api::project_detail,
    domain::submission::{Field, parse_euros},
    model::{ProjectPageData, euros, status_label},
    submission::edit_project_field,
};
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Loaded, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

/// `/budget/{slug}/projets/{id}`: a labelled project for everyone; its author and staff also see it
/// before review. Staff edit title, summary, cost and territory in place once the page is hydrated;
/// without JavaScript, the author and staff get the edit form.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let slug = slug_param();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    let changed = query_param("modifie");
    let data = Resource::new(
        move || (slug.get(), id.get()),
        |(slug, id)| async move {
            match id {
                Some(id) => project_detail(slug, id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
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

/// What the in-place editors share: the project, whether they are on, and the message they leave.
#[derive(Clone, Copy)]
struct InPlace {
    project_id: i64,
    active: Signal<bool>,
    message: RwSignal<Option<(bool, String)>>,
}

#[component]
fn ProjectBody(page: ProjectPageData) -> impl IntoView {
    let project = page.project;
    // Edits in place need the hydrated app: without it the buttons would do nothing.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let in_place_allowed = page.reviewer && page.editable;
    let in_place = InPlace {
        project_id: project.id,
        active: Signal::derive(move || in_place_allowed && hydrated.get()),
        message: RwSignal::new(None),
    };
    let title = RwSignal::new(project.title.clone());
    let summary = RwSignal::new(project.summary.clone());
    let cost = RwSignal::new(euros(project.cost_cents));
    let territory = RwSignal::new(project.territory_name.clone());
    let plain_cost = match project.cost_cents % 100 {
        0 => (project.cost_cents / 100).to_string(),
        cents => format!("{},{cents:02}", project.cost_cents / 100),
    };
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
        {move || in_place.message.get().map(|(saved, text)| view! {
            <p class=if saved { "alert alert-ok" } else { "alert alert-error" } role=if saved { "status" } else { "alert" }>{text}</p>
        })}
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
                <InPlaceEditor in_place field=Field::Cost shown=cost typed=plain_cost />
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

/// A button beside a value that opens a small form to change it in place. The new value shows at
/// once; the server's answer then replaces it, or the old value comes back with the reason.
#[component]
fn InPlaceEditor(
    in_place: InPlace,
    field: Field,
    shown: RwSignal<String>,
    typed: String,
    #[prop(optional)] options: Vec<(String, String)>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let typed = RwSignal::new(typed);
    let draft = RwSignal::new(String::new());
    let options = StoredValue::new(options);
    let name = field.label().to_lowercase();
    let input_id = format!("en-place-{}", field.name());
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let value = draft.get_untracked();
        let (old_shown, old_typed) = (shown.get_untracked(), typed.get_untracked());
        let optimistic = match field {
            Field::Cost => parse_euros(&value).map_or_else(|| value.clone(), euros),
            Field::Territory => options.with_value(|options| {
                options.iter().find(|(id, _)| *id == value).map_or_else(|| value.clone(), |(_, name)| name.clone())
            }),
            _ => value.trim().to_string(),
        };
        shown.set(optimistic);
        typed.set(value.clone());
        editing.set(false);
        in_place.message.set(None);
        leptos::task::spawn_local(async move {
            match edit_project_field(in_place.project_id, field.name().to_string(), value).await {
                Ok(now_reads) => {
                    shown.set(now_reads);
                    in_place.message.set(Some((true, format!("{} enregistré.", field.label()))));
                }
                Err(error) => {
                    shown.set(old_shown);
                    typed.set(old_typed);
                    let why = error.form().and_then(|form| form.message(field.name())).unwrap_or(error.to_string());
                    in_place.message.set(Some((false, format!("{} non modifié : {why}", field.label()))));
                }
            }
        });
    };
    move || {
        if !in_place.active.get() {
            return None;
        }
        let name = name.clone();
        let input_id = input_id.clone();
        Some(if editing.get() {
            let control = if field == Field::Territory {
                view! {
                    <select id=input_id.clone() on:change=move |event| draft.set(event_target_value(&event))>
                        {options.with_value(|options| options.iter().map(|(id, label)| {
                            let chosen = *id == draft.get_untracked();
                            view! { <option value=id.clone() selected=chosen>{label.clone()}</option> }
                        }).collect_view())}
                    </select>
                }
                .into_any()
            } else {
                view! {
                    <input id=input_id.clone() type="text" prop:value=move || draft.get() on:input=move |event| draft.set(event_target_value(&event)) />
                }.into_any()
            };
            view! {
                <form class="inline-form in-place" on:submit=save>
                    <label for=input_id>{format!("Nouveau {name}")}</label>
                    {control}
                    <button type="submit">{t("Enregistrer", "Save")}</button>
                    <button type="button" on:click=move |_| editing.set(false)>{t("Annuler", "Cancel")}</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="link-button" on:click=move |_| {
                    draft.set(typed.get_untracked());
                    editing.set(true);
                }>
                    {t("Modifier", "Edit")}<span class="visually-hidden">{format!(" : {name}")}</span>
                </button>
            }
            .into_any()
        })
    }
}
