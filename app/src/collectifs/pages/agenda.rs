use super::{EventList, FeedLink};
use crate::collectifs::api::agenda;
use crate::collectifs::{model::Agenda, paths};
use crate::platform::i18n::t;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;

/// `/agenda`: the events of every collectif and citizen council, upcoming then past.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| agenda());
    view! {
        <PageHeading title=t("Agenda des collectifs et des conseils citoyens", "Agenda of the groups and citizen councils") />
        <FeedLink href=paths::agenda_feed() label=t("S'abonner à l'agenda (iCalendar)", "Subscribe to the agenda (iCalendar)") />
        <Loaded data=data ready={move |agenda: Agenda| view! {
                <EventList heading=t("À venir", "Upcoming") empty=t("Aucun événement à venir.", "No upcoming event.") events=agenda.upcoming show_host=true />
                <EventList heading=t("Passés", "Past") empty=t("Aucun événement passé.", "No past event.") events=agenda.past show_host=true />
            }} />
    }
}
