use super::{PhaseBadge, window_text};
use crate::consultations::model::ConsultationList;
use crate::consultations::{api::list_consultations, model::ConsultationRow, paths};
use crate::platform::i18n::t;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/consultations`: published consultations (and, for staff, those in preparation).
#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_consultations());
    view! {
        <PageHeading title=t("Consultations", "Consultations") />
        <p class="lead">
            {t(
                "Répondez aux questionnaires des institutions : vos réponses sont anonymes et les résultats sont publiés.",
                "Answer the institutions' questionnaires: your answers are anonymous and the results are published.",
            )}
        </p>
        <Loaded data=data ready={move |list: ConsultationList| {
                let now = list.now;
                view! {
                    {list.can_manage.then(|| view! {
                        <p class="actions">
                            <A href=paths::new_consultation() attr:class="button">{t("Nouvelle consultation", "New consultation")}</A>
                        </p>
                    })}
                    {list.consultations.is_empty().then(|| view! { <p>{t("Aucune consultation pour le moment.", "No consultation yet.")}</p> })}
                    <ul class="cards">
                        {list.consultations.into_iter().map(|consultation| view! { <Card consultation now /> }).collect_view()}
                    </ul>
                }
            }} />
    }
}

#[component]
fn Card(consultation: ConsultationRow, now: i64) -> impl IntoView {
    let phase = consultation.phase(now);
    let when = format!("{} · {} réponse(s)", window_text(&consultation), consultation.responses);
    view! {
        <li class="card">
            <h2><A href=paths::consultation(consultation.id)>{consultation.title.clone()}</A></h2>
            <p><PhaseBadge phase />" · "{consultation.institution_name.clone()}</p>
            <p>{when}</p>
        </li>
    }
}
