use crate::budget::{api::submission::project_changes, model::ProjectHistory, paths};
use crate::platform::time::paris_moment;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// `/budget/{slug}/projets/{id}/historique`: who changed what on a project, and when (staff).
#[component]
pub fn ProjectHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => project_changes(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded data missing=t("Historique du projet", "Project history") ready=move |history: ProjectHistory| view! {
            <PageHeading title=format!("Historique de « {} »", history.title) />
            {if history.edits.is_empty() {
                view! { <p>{t("Aucune modification depuis le dépôt.", "No change since submission.")}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption>{t("Modifications, des plus récentes aux plus anciennes", "Changes, newest first")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Date", "Date")}</th>
                                <th scope="col">{t("Par", "By")}</th>
                                <th scope="col">{t("Champ", "Field")}</th>
                                <th scope="col">{t("Avant", "Before")}</th>
                                <th scope="col">{t("Après", "After")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {history.edits.into_iter().map(|edit| view! {
                                <tr>
                                    <td>{paris_moment(edit.edited_at)}</td>
                                    <td>{edit.editor_name}</td>
                                    <th scope="row">{edit.field}</th>
                                    <td>{edit.old_value}</td>
                                    <td>{edit.new_value}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <p><A href=paths::project(&history.slug, history.project_id)>{t("Retour au projet", "Back to the project")}</A></p>
        } />
    }
}
