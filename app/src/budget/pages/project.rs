use super::slug_param;
use crate::budget::{api::project_detail, model::euros};
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{LoadError, Loading, PageHeading};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// `/budget/{slug}/projets/{id}`: one labelled project.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let slug = slug_param();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
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
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((campaign, project)) => view! {
                        <PageHeading title=project.title.clone() />
                        <p class="lead">{project.summary.clone()}</p>
                        <dl class="facts">
                            <dt>{t("Campagne", "Campaign")}</dt>
                            <dd>{campaign}</dd>
                            <dt>{t("Territoire", "Area")}</dt>
                            <dd>{project.territory_name.clone()}</dd>
                            <dt>{t("Catégorie", "Category")}</dt>
                            <dd>{project.category.clone()}</dd>
                            <dt>{t("Coût estimé", "Estimated cost")}</dt>
                            <dd>{euros(project.cost_cents)}</dd>
                        </dl>
                        {project.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
                    }.into_any(),
                    Err(error) => view! {
                        <PageHeading title=t("Projet introuvable", "Project not found") />
                        <LoadError error />
                    }.into_any(),
                }
            })}
        </Suspense>
        <p><A href=move || format!("/budget/{}", slug.get())>{t("Retour aux projets", "Back to the projects")}</A></p>
    }
}
