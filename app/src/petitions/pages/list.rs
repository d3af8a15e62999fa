use super::StateBadge;
use crate::petitions::{api::list_petitions, domain::progress_percent, model::PetitionRow, paths};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::ui::{Loaded, PageHeading, Pages};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/petitions`: every published petition with its progress, and the caller's own.
#[component]
pub fn PetitionsPage() -> impl IntoView {
    let page = query_param("page");
    let data = Resource::new(move || page.get().and_then(|page| page.parse().ok()), list_petitions);
    view! {
        <PageHeading title=t("Pétitions", "Petitions") />
        <p class="lead">
            {t(
                "Une pétition qui atteint le seuil fixé par l'institution l'oblige à se prononcer publiquement.",
                "A petition that reaches the institution's threshold obliges it to answer publicly.",
            )}
        </p>
        <Loaded data=data ready={move |list: crate::petitions::model::PetitionList| {
                        let start = if list.signed_in { paths::new_petition() } else { crate::accounts::paths::login_then(&paths::new_petition()) };
                        view! {
                            <p class="actions">
                                <A href=start attr:class="button">{t("Lancer une pétition", "Start a petition")}</A>
                                {list.can_moderate.then(|| view! {
                                    <A href=paths::moderation()>{t("Pétitions à modérer", "Petitions to moderate")}</A>
                                })}
                            </p>
                            {(!list.mine.is_empty()).then(|| view! {
                                <h2>{t("Mes pétitions", "My petitions")}</h2>
                                <ul class="cards">{list.mine.into_iter().map(|petition| view! { <Card petition /> }).collect_view()}</ul>
                            })}
                            <h2>{t("Pétitions publiées", "Published petitions")}</h2>
                            {list.petitions.is_empty().then(|| view! { <p>{t("Aucune pétition publiée pour le moment.", "No petition published yet.")}</p> })}
                            <ul class="cards">{list.petitions.into_iter().map(|petition| view! { <Card petition /> }).collect_view()}</ul>
                            <Pages base=paths::petitions() page=list.shown.page pages=list.shown.pages label=t("Pages des pétitions", "Pages of petitions") />
                        }.into_any()
                    }} />
    }
}

#[component]
fn Card(petition: PetitionRow) -> impl IntoView {
    let state = petition.state;
    let published = state.is_public();
    let progress = format!("{} signatures sur {}", petition.signatures, petition.threshold);
    view! {
        <li class="card">
            <h3><A href=paths::petition(petition.id)>{petition.title.clone()}</A></h3>
            <p><StateBadge state />" · "{petition.institution_name.clone()}</p>
            {published.then(|| view! {
                <p>{progress.clone()}
                    {petition.closes_at.map(|closes| format!(" · jusqu'au {}", french_date(closes)))}
                </p>
                <progress max=petition.threshold value=petition.signatures.min(petition.threshold) aria-label=progress.clone()>
                    {format!("{} %", progress_percent(petition.signatures, petition.threshold))}
                </progress>
            })}
        </li>
    }
}
