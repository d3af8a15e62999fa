use super::{in_place::plain_euros, project_of_route, slug_param};
use crate::budget::{
    api::submission::EditProject,
    domain::submission::CATEGORIES,
    model::{Envelope, ProjectPageData, ProjectView, euros},
    paths,
};
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Field, FormAlert, Loaded, PageHeading, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// The fields of a project, empty for a submission or filled with `initial` for an edit.
#[component]
pub fn ProjectFormFields(
    territories: Vec<Envelope>,
    initial: Option<ProjectView>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let territory_options = territories
        .iter()
        .map(|envelope| {
            let label = format!("{} (enveloppe de {})", envelope.territory_name, euros(envelope.amount_cents));
            (envelope.territory_id.to_string(), label)
        })
        .collect();
    let category_options = CATEGORIES.iter().map(|name| (name.to_string(), name.to_string())).collect();
    let cost = initial.as_ref().map(|project| plain_euros(project.cost_cents));
    let value = |pick: fn(&ProjectView) -> String| initial.as_ref().map(pick);
    view! {
        <Field label=t("Titre", "Title") name="title" hint=t("De 5 à 120 caractères.", "5 to 120 characters.") initial=value(|p| p.title.clone()).unwrap_or_default() error />
        <Field label=t("Résumé", "Summary") name="summary" hint=t("En une ou deux phrases (20 à 300 caractères).", "One or two sentences (20 to 300 characters).") initial=value(|p| p.summary.clone()).unwrap_or_default() error />
        <Field label=t("Description", "Description") name="description" kind="textarea" hint=t("Ce que le projet fait, pour qui, avec qui, où (50 à 5 000 caractères).", "What the project does, for whom, with whom, where (50 to 5,000 characters).") initial=value(|p| p.description.clone()).unwrap_or_default() error />
        <SelectField label=t("Catégorie", "Category") name="category" options=category_options selected=value(|p| p.category.clone()).unwrap_or_default() placeholder=t("— Choisir —", "— Choose —") error />
        <SelectField label=t("Territoire", "Area") name="territory" options=territory_options selected=value(|p| p.territory_id.to_string()).unwrap_or_default() placeholder=t("— Choisir —", "— Choose —") error />
        <Field label=t("Coût estimé (en euros)", "Estimated cost (in euros)") name="cost" hint=t("Par exemple 12 500 ; il doit tenir dans l'enveloppe du territoire.", "For example 12 500; it must fit in the area's envelope.") initial=cost.unwrap_or_default() error />
    }
}

/// `/budget/{slug}/projets/{id}/modifier`: the author (until review) or staff change a project with
/// a plain form; every change is kept in the project's history.
#[component]
pub fn EditProjectPage() -> impl IntoView {
    let slug = slug_param();
    let action = ServerAction::<EditProject>::new();
    let error = error_of(action);
    let data = project_of_route(slug);
    view! {
        <Loaded data missing=t("Projet introuvable", "Project not found") ready=move |page: ProjectPageData| {
            let back = paths::project(&page.slug, page.project.id);
            let project_id = page.project.id;
            view! {
                <PageHeading title=format!("Modifier « {} »", page.project.title) />
                {if page.editable {
                    view! {
                        <p class="lead">{t("Chaque modification est gardée dans l'historique du projet.", "Every change is kept in the project's history.")}</p>
                        <FormAlert error />
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="project_id" value=project_id />
                            <ProjectFormFields territories=page.territories initial=Some(page.project) error />
                            <button type="submit" class="primary">{t("Enregistrer les modifications", "Save the changes")}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <p class="alert alert-error" role="alert">
                            {t("Ce projet ne peut plus être modifié par vous : le dépôt est clos ou le projet a été examiné.",
                               "You can no longer change this project: submission has closed or the project was reviewed.")}
                        </p>
                    }.into_any()
                }}
                <p><A href=back>{t("Retour au projet", "Back to the project")}</A></p>
            }
        } />
    }
}
