use super::{
    in_place::{InPlace, InPlaceEditor, InPlaceMessage, plain_euros},
    slug_param,
};
use crate::budget::domain::submission::Field;
use crate::budget::{
    api::{LabelProject, RejectProject, review_projects},
    model::{ProjectStatus, Review, euros},
    paths,
};
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget/{slug}/revue`: staff and organisers label or reject the submitted projects.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let slug = slug_param();
    let label = ServerAction::<LabelProject>::new();
    let reject = ServerAction::<RejectProject>::new();
    let label_error = error_of(label);
    let reject_error = error_of(reject);
    let reason_error = Signal::derive(move || {
        reject_error.with(|error| error.as_ref().and_then(AppError::form).and_then(|form| form.message("reason")))
    });
    let data = Resource::new(
        move || (slug.get(), label.version().get(), reject.version().get()),
        |(slug, _, _)| review_projects(slug),
    );
    view! {
        <PageHeading title=t("Revue des projets", "Project review") />
        <FormAlert error=label_error />
        <FormAlert error=reject_error />
        {move || reason_error.get().map(|text| view! { <p class="field-error">{text}</p> })}
        <Loaded data ready={move |review: Review| view! {
                        <p class="lead">{review.title.clone()}</p>
                        <p>
                            <A href=paths::dashboard(&review.slug)>{t("Suivre le vote en direct", "Follow the vote live")}</A>" · "
                            <A href=paths::comparison(&review.slug)>{t("Comparer les règles de décompte", "Compare the counting rules")}</A>" · "
                            <A href=paths::journal(&review.slug)>{t("Journal de la campagne", "Campaign journal")}</A>
                            {review.paper_refusal.is_none().then(|| view! {
                                " · "<A href=paths::paper_ballots(&review.slug)>{t("Saisir des bulletins papier", "Enter paper ballots")}</A>
                            })}
                        </p>
                        {(!review.labels_open).then(|| view! {
                            <p class="alert" role="status">{t(
                                "Le vote a commencé : les labels sont figés, les projets ne changent plus de statut.",
                                "The vote has started: labels are frozen, projects no longer change status.",
                            )}</p>
                        })}
                        <dl class="facts review-counts">
                            <dt>{t("Reçus", "Received")}</dt>
                            <dd>{review.received}</dd>
                            <dt>{t("Labellisés", "Labelled")}</dt>
                            <dd>{review.labelled}</dd>
                            <dt>{t("Refusés", "Rejected")}</dt>
                            <dd>{review.rejected}</dd>
                            <dt>{t("Fusionnés", "Merged")}</dt>
                            <dd>{review.merged}</dd>
                        </dl>
                        <table>
                            <caption>{t("Projets reçus", "Received projects")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t("Projet", "Project")}</th>
                                    <th scope="col">{t("Territoire", "Area")}</th>
                                    <th scope="col">{t("Coût", "Cost")}</th>
                                    <th scope="col">{t("Statut", "Status")}</th>
                                    <th scope="col">{t("Décision", "Decision")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {review.projects.into_iter().map(|project| {
                                    let in_place = InPlace::new(project.id, review.editable);
                                    let (title, cost) = (RwSignal::new(project.title.clone()), RwSignal::new(euros(project.cost_cents)));
                                    let reason_id = format!("motif-{}", project.id);
                                    let named = format!(" « {} »", project.title);
                                    let (named_label, named_reject) = (named.clone(), named.clone());
                                    let status = project.status_text();
                                    let decidable = review.labels_open && project.status != ProjectStatus::Merged;
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <A href=paths::project(&review.slug, project.id)>{move || title.get()}</A>
                                                <InPlaceEditor in_place field=Field::Title shown=title typed=project.title.clone() about=project.title.clone() />
                                                <InPlaceMessage in_place />
                                            </th>
                                            <td>{project.territory_name.clone()}</td>
                                            <td>
                                                {move || cost.get()}
                                                <InPlaceEditor in_place field=Field::Cost shown=cost typed=plain_euros(project.cost_cents) about=project.title.clone() />
                                            </td>
                                            <td>{status}</td>
                                            <td>
                                                {(decidable && project.status != ProjectStatus::Labelled).then(|| view! {
                                                    <ActionForm action=label attr:class="inline-form">
                                                        <input type="hidden" name="project_id" value=project.id />
                                                        <button type="submit">{t("Labelliser", "Label")}<span class="visually-hidden">{named_label}</span></button>
                                                    </ActionForm>
                                                })}
                                                {(decidable && project.status != ProjectStatus::Rejected).then(|| view! {
                                                    <ActionForm action=reject attr:class="inline-form">
                                                        <input type="hidden" name="project_id" value=project.id />
                                                        <label for=reason_id.clone()>{t("Motif du refus", "Reason for rejection")}<span class="visually-hidden">{named}</span></label>
                                                        <input id=reason_id.clone() name="reason" type="text" />
                                                        <button type="submit" class="danger">{t("Refuser", "Reject")}<span class="visually-hidden">{named_reject}</span></button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
        }} />
    }
}
