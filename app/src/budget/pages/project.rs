use super::in_place::{InPlace, InPlaceEditor, InPlaceMessage, plain_euros};
use super::{project_of_route, slug_param};
use crate::budget::{
    api::MergeProject,
    api::submission::RemoveProjectImage,
    domain::image::ImageProblem,
    domain::submission::Field,
    model::{ProjectPageData, ProjectStatus, money},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{Field, FormAlert, Loaded, Notice, SelectField, error_of};
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
    let image_saved = query_param("image");
    let image_refused = query_param("image_refusee");
    let data = project_of_route(slug);
    view! {
        {move || image_saved.get().map(|saved| {
            let text = if saved == "0" { "L'image est retirée." } else { "L'image est enregistrée." };
            view! { <Notice text=text.to_string() /> }
        })}
        {move || image_refused.get().map(|code| {
            let problem = ImageProblem::from_code(&code).map_or("L'image n'a pas pu être enregistrée.", ImageProblem::message);
            view! { <p class="alert alert-error" role="alert">{format!("Image non enregistrée : {problem}")}</p> }
        })}
        {move || changed.get().map(|count| {
            let text = match count.as_str() {
                "0" => "Aucun changement : le projet est inchangé.".to_string(),
                "1" => "1 modification enregistrée.".to_string(),
                count => format!("{count} modifications enregistrées."),
            };
            view! { <Notice text /> }
        })}
        <Loaded data missing=t("Projet introuvable", "Project not found") ready=|page: ProjectPageData| view! { <ProjectBody page /> } />
        <p><A href=move || paths::campaign(&slug.get())>{t("Retour aux projets", "Back to the projects")}</A></p>
    }
}

#[component]
fn ProjectBody(page: ProjectPageData) -> impl IntoView {
    let project = page.project;
    let in_place = InPlace::new(project.id, page.reviewer && page.editable);
    let title = RwSignal::new(project.title.clone());
    let summary = RwSignal::new(project.summary.clone());
    let cost = RwSignal::new(money(project.cost_cents, &page.currency));
    let territory = RwSignal::new(project.territory_name.clone());
    let territories: Vec<(String, String)> = page
        .territories
        .iter()
        .map(|envelope| (envelope.territory_id.to_string(), envelope.territory_name.clone()))
        .collect();
    let status = project.status_text();
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
            {(project.status != ProjectStatus::Labelled).then(|| view! {
                <dt>{t("Statut", "Status")}</dt>
                <dd>
                    {status}
                    {project.merged_into.map(|kept| view! {
                        " · "<A href=paths::project(&page.slug, kept)>{t("Voir le projet gardé", "See the project kept")}</A>
                    })}
                </dd>
            })}
        </dl>
        {project.image(&page.slug).map(|(src, alt)| view! { <img class="project-image" src=src alt=alt /> })}
        {project.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        {page.editable.then(|| view! {
            <p class="actions">
                <A href=paths::edit_project(&page.slug, project.id)>{t("Modifier le projet", "Edit the project")}</A>
                {page.reviewer.then(|| view! {
                    " · "<A href=paths::project_history(&page.slug, project.id)>{t("Historique des modifications", "Change history")}</A>
                })}
            </p>
        })}
        {page.editable.then(|| view! { <ImageForm action=paths::project_image(&page.slug, project.id) project_id=project.id has_image=project.image_version.is_some() /> })}
        {(!page.merge_targets.is_empty()).then(|| view! { <MergeForm project_id=project.id targets=page.merge_targets /> })}
    }
}

/// Staff merge a duplicate into the project kept, before the vote.
#[component]
fn MergeForm(project_id: i64, targets: Vec<(i64, String)>) -> impl IntoView {
    let merge = ServerAction::<MergeProject>::new();
    let error = error_of(merge);
    let options = targets.into_iter().map(|(id, title)| (id.to_string(), format!("n° {id} — {title}"))).collect();
    view! {
        <section aria-labelledby="fusion">
            <h2 id="fusion">{t("Fusionner un doublon", "Merge a duplicate")}</h2>
            <p>{t(
                "Si ce projet en double un autre, fusionnez-le : il quitte l'examen et le vote, son porteur est prévenu par courriel.",
                "If this project duplicates another, merge it: it leaves review and the vote, and its author is told by email.",
            )}</p>
            <FormAlert error />
            <ActionForm action=merge>
                <input type="hidden" name="project_id" value=project_id />
                <SelectField label=t("Projet à garder", "Project to keep") name="into" options placeholder=t("Choisir…", "Choose…") error />
                <button type="submit" class="danger">{t("Fusionner avec ce projet", "Merge into this project")}</button>
            </ActionForm>
        </section>
    }
}

/// Adds or replaces the project's image: a plain multipart form, so it works without JavaScript;
/// the server reads the file's kind from its bytes and bounds its size.
#[component]
fn ImageForm(action: String, project_id: i64, has_image: bool) -> impl IntoView {
    let remove = ServerAction::<RemoveProjectImage>::new();
    let error = error_of(remove);
    view! {
        <section aria-labelledby="image-du-projet">
            <h2 id="image-du-projet">{t("Image du projet", "Project image")}</h2>
            <form method="post" action=action enctype="multipart/form-data">
                <div class="field">
                    <label for="champ-image">{t("Fichier image", "Image file")}<span class="required" aria-hidden="true">" *"</span></label>
                    <p class="hint" id="champ-image-aide">{t("JPEG, PNG ou WebP, 5 Mo au plus.", "JPEG, PNG or WebP, 5 MB at most.")}</p>
                    <input id="champ-image" name="image" type="file" accept="image/jpeg,image/png,image/webp" required aria-describedby="champ-image-aide" />
                </div>
                <Field
                    label=t("Description de l'image", "Image description")
                    name="description"
                    hint=t("Ce qu'elle montre, pour les personnes qui ne la voient pas.", "What it shows, for people who cannot see it.")
                    error=Signal::derive(|| None)
                />
                <button type="submit">{if has_image { t("Remplacer l'image", "Replace the image") } else { t("Envoyer l'image", "Upload the image") }}</button>
            </form>
            {has_image.then(|| view! {
                <FormAlert error />
                <ActionForm action=remove>
                    <input type="hidden" name="project_id" value=project_id />
                    <button type="submit" class="danger">{t("Retirer l'image", "Remove the image")}</button>
                </ActionForm>
            })}
        </section>
    }
}
