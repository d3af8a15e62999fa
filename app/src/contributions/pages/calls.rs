use crate::contributions::api::list_calls;
use crate::contributions::paths;
use crate::platform::i18n::t;
use crate::platform::time::french_date;
use crate::ui::{Loaded, PageHeading, StaffAction};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/contributions`: the calls for testimonies and proposals, newest first.
#[component]
pub fn CallsPage() -> impl IntoView {
    let calls = Resource::new(|| (), |_| list_calls());
    view! {
        <PageHeading title=t("Contributions", "Contributions") />
        <p class="lead">
            {t(
                "Racontez ce que vous vivez ou proposez une idée : l'institution retient des contributions et publie une synthèse.",
                "Tell what you live through or propose an idea: the institution retains contributions and publishes a synthesis.",
            )}
        </p>
        <StaffAction href=paths::new_call() label=t("Ouvrir un appel", "Open a call") />
        <Loaded data=calls ready={move |calls: Vec<crate::contributions::model::Call>| view! {
                        <ul class="cards">
                            {calls.into_iter().map(|call| view! {
                                <li class="card">
                                    <h2><A href=paths::call(call.id)>{call.title.clone()}</A></h2>
                                    <p>{format!(
                                        "{} · du {} au {}",
                                        call.institution_name,
                                        french_date(call.opens_at),
                                        french_date(call.closes_at - 1)
                                    )}</p>
                                    <p>{format!("{} contribution(s), dont {} retenue(s).", call.contributions, call.retained)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }} />
    }
}
