use crate::budget::{
    api::submission::my_submitted_projects,
    model::{MyProjects, euros},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::routing::slug_param;
use crate::ui::{Loaded, Notice, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget/{slug}/mes-projets`: the projects the resident submitted and where each stands.
#[component]
pub fn MyProjectsPage() -> impl IntoView {
    let slug = slug_param();
    let submitted = query_param("depose");
    let data = Resource::new(move || slug.get(), my_submitted_projects);
    view! {
        <PageHeading title=t("Mes projets", "My projects") />
        {move || submitted.get().map(|_| view! {
            <Notice text=t("Votre projet est déposé. Un courriel vous le confirme.", "Your project is submitted. An email confirms it.") />
        })}
        <Loaded data ready=move |mine: MyProjects| {
            let slug = mine.slug.clone();
            view! {
                <p class="lead">{mine.title.clone()}</p>
                {if mine.projects.is_empty() {
                    view! { <p>{t("Vous n'avez déposé aucun projet pour cette campagne.", "You have not submitted any project to this campaign.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {mine.projects.into_iter().map(|project| {
                                let status = project.status_text();
                                view! {
                                    <li class="card">
                                        <h2><A href=paths::project(&slug, project.id)>{project.title.clone()}</A></h2>
                                        <p>{project.territory_name.clone()}" · "{project.category.clone()}" · "{euros(project.cost_cents)}</p>
                                        <p><strong>{t("Statut : ", "Status: ")}</strong>{status}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {mine.submission_open.then(|| view! {
                    <p><A href=paths::submit_project(&mine.slug)>{t("Déposer un autre projet", "Submit another project")}</A></p>
                })}
            }
        } />
    }
}
