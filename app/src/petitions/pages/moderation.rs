use crate::petitions::{api::moderation_queue, paths};
use crate::platform::i18n::t;
use crate::platform::time::french_date;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/petitions/moderation`: petitions waiting for a moderator, oldest first.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| moderation_queue());
    view! {
        <PageHeading title=t("Pétitions à modérer", "Petitions to moderate") />
        <Loaded data=queue ready={move |petitions: Vec<crate::petitions::model::PetitionRow>| {
            if petitions.is_empty() {
                view! {
                        <p>{t("Aucune pétition n'attend de modération.", "No petition is waiting for moderation.")}</p>
                    }.into_any()
            } else {
                view! {
                        <ul class="cards">
                            {petitions.into_iter().map(|petition| view! {
                                <li class="card">
                                    <h2><A href=paths::petition(petition.id)>{petition.title}</A></h2>
                                    <p>{format!(
                                        "{} · {} · créée le {}",
                                        petition.institution_name,
                                        petition.author_name.unwrap_or_default(),
                                        french_date(petition.created_at)
                                    )}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
            }
        }} />
    }
}
