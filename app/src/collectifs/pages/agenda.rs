use super::{EventList, FeedLink};
use crate::collectifs::api::agenda;
use crate::platform::i18n::t;
use crate::ui::{LoadError, Loading, PageHeading};
use leptos::prelude::*;

/// `/collectifs/agenda`: the events of every collectif, upcoming then past.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| agenda());
    view! {
        <PageHeading title=t("Agenda des collectifs", "Groups' agenda") />
        <FeedLink href="/collectifs/agenda.ics".to_string() label=t("S'abonner à l'agenda (iCalendar)", "Subscribe to the agenda (iCalendar)") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(agenda) => view! {
                        <EventList heading=t("À venir", "Upcoming") empty=t("Aucun événement à venir.", "No upcoming event.") events=agenda.upcoming show_collectif=true />
                        <EventList heading=t("Passés", "Past") empty=t("Aucun événement passé.", "No past event.") events=agenda.past show_collectif=true />
                    }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
