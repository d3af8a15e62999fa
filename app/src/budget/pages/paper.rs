//! `/budget/{slug}/bulletins-papier`: staff enter paper ballots, one by one or pasted in bulk.
use crate::budget::{
    api::{EnterPaperBallots, review_projects},
    model::{ProjectStatus, Review},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::routing::slug_param;
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PaperBallotsPage() -> impl IntoView {
    let slug = slug_param();
    let enter = ServerAction::<EnterPaperBallots>::new();
    let error = error_of(enter);
    let saved = query_param("enregistres");
    let data =
        Resource::new(move || (slug.get(), enter.version().get(), saved.get()), |(slug, _, _)| review_projects(slug));
    view! {
        <PageHeading title=t("Bulletins papier", "Paper ballots") />
        {move || saved.get().map(|count| view! { <Notice text=format!("{count} bulletin(s) papier enregistré(s).") /> })}
        <Loaded data ready={move |review: Review| view! {
            <p class="lead">{review.title.clone()}</p>
            <p>
                {format!("{} bulletin(s) papier saisi(s) jusqu'ici. ", review.paper_ballots)}
                <A href=paths::journal(&review.slug)>{t("Chaque saisie est inscrite au journal de la campagne.", "Each batch is written in the campaign journal.")}</A>
            </p>
            {match review.paper_refusal.clone() {
                Some(text) => view! { <p class="alert" role="status">{text}</p> }.into_any(),
                None => view! {
                    <FormAlert error />
                    <ActionForm action=enter attr:class="form">
                        <input type="hidden" name="slug" value=review.slug.clone() />
                        <Field label=t("Bulletins, un par ligne", "Ballots, one per line") name="ballots" kind="textarea"
                               hint=t("Les numéros des projets cochés sur chaque bulletin, séparés par des virgules (ex. : 12, 31, 40). Collez aussi un fichier CSV entier : une ligne d'en-tête est ignorée. Si une ligne est fausse, aucun bulletin n'est enregistré.",
                                      "The numbers of the projects ticked on each ballot, separated by commas (e.g. 12, 31, 40). A whole CSV file can be pasted: a heading line is skipped. If one line is wrong, no ballot is stored.")
                               error />
                        <button type="submit" class="primary">{t("Enregistrer les bulletins", "Store the ballots")}</button>
                    </ActionForm>
                }.into_any(),
            }}
            <table>
                <caption>{t("Numéros des projets labellisés", "Numbers of the labelled projects")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("N°", "No.")}</th>
                        <th scope="col">{t("Projet", "Project")}</th>
                        <th scope="col">{t("Territoire", "Area")}</th>
                    </tr>
                </thead>
                <tbody>
                    {review.projects.into_iter().filter(|project| project.status == ProjectStatus::Labelled).map(|project| view! {
                        <tr>
                            <td>{project.id}</td>
                            <th scope="row">{project.title}</th>
                            <td>{project.territory_name}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }} />
    }
}
