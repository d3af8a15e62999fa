use crate::budget::{
    api::{CastBallot, preview_ballot},
    model::{BallotPreview, euros},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

/// `/budget/{slug}/confirmer?choix=…`: the ballot as it will be cast, confirmed before anything is
/// stored (or the reason it would be refused, with the way back to the choices).
#[component]
pub fn ConfirmBallotPage() -> impl IntoView {
    let slug = slug_param();
    let query = use_query_map();
    let chosen = Memo::new(move |_| query.with(|query| query.get_all("choix").unwrap_or_default()));
    let cast = ServerAction::<CastBallot>::new();
    let error = error_of(cast);
    let data =
        Resource::new(move || (slug.get(), chosen.get().join(",")), |(slug, chosen)| preview_ballot(slug, chosen));
    view! {
        <PageHeading title=t("Confirmer mon vote", "Confirm my vote") />
        <Loaded data ready=move |preview: BallotPreview| {
            let back = format!(
                "{}?{}",
                paths::campaign(&preview.slug),
                preview.projects.iter().map(|project| format!("choix={}", project.id)).collect::<Vec<_>>().join("&")
            );
            let ids: Vec<i64> = preview.projects.iter().map(|project| project.id).collect();
            let confirm = if preview.changing {
                t("Confirmer la modification", "Confirm the change")
            } else {
                t("Confirmer mon vote", "Confirm my vote")
            };
            view! {
                <p class="lead">{preview.title.clone()}</p>
                <p>{preview.rule.clone()}</p>
                <h2>{format!("Vos choix ({})", preview.projects.len())}</h2>
                <ul class="cards">
                    {preview.projects.into_iter().map(|project| view! {
                        <li class="card">
                            <h3>{project.title}</h3>
                            <p>{project.territory_name}" · "{euros(project.cost_cents)}</p>
                        </li>
                    }).collect_view()}
                </ul>
                {match preview.problem {
                    Some(problem) => view! {
                        <p class="alert alert-error" role="alert">{problem}</p>
                    }.into_any(),
                    None => view! {
                        {preview.changing.then(|| view! {
                            <p>{t("Ce bulletin remplacera celui que vous avez déjà déposé.", "This ballot will replace the one you already cast.")}</p>
                        })}
                        <FormAlert error />
                        <ActionForm action=cast>
                            <input type="hidden" name="slug" value=preview.slug.clone() />
                            {ids.iter().map(|id| view! { <input type="hidden" name=format!("choices[p{id}]") value=*id /> }).collect_view()}
                            <button type="submit" class="primary">{confirm}</button>
                        </ActionForm>
                    }.into_any(),
                }}
                <p><A href=back>{t("Revenir à mes choix", "Back to my choices")}</A></p>
            }
        } />
    }
}
