//! One file per collectifs page, and the pieces they share.
pub mod agenda;
pub mod collectif;
pub mod event;
pub mod list;

use super::{domain::paris_span, model::EventItem};
use crate::platform::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

pub(crate) fn state_label(state: &str) -> &'static str {
    match state {
        "dormant" => t("En sommeil", "Dormant"),
        "revived" => t("Relancé", "Revived"),
        "archived" => t("Archivé", "Archived"),
        _ => t("Actif", "Active"),
    }
}

/// `Complet · 2 en liste d'attente`, `5 places restantes`…
pub(crate) fn seats(event: &EventItem) -> String {
    match event.capacity {
        None => t("Places sans limite", "No limit on places").to_string(),
        Some(_) if event.full() => {
            format!("{} · {} {}", t("Complet", "Full"), event.waiting, t("en liste d'attente", "on the waiting list"))
        }
        Some(capacity) => format!("{} / {capacity} {}", capacity - event.confirmed, t("places libres", "places free")),
    }
}

/// The iCalendar feed link: a plain link the router leaves alone, for calendar applications.
#[component]
pub(crate) fn FeedLink(href: String, label: &'static str) -> impl IntoView {
    view! { <p><a href=href rel="external" type="text/calendar">{label}</a></p> }
}

/// Upcoming or past events under an `h2`, each with its own `h3`.
#[component]
pub(crate) fn EventList(
    heading: &'static str,
    empty: &'static str,
    events: Vec<EventItem>,
    #[prop(default = false)] show_collectif: bool,
) -> impl IntoView {
    view! {
        <h2>{heading}</h2>
        {if events.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {events.into_iter().map(|event| {
                        let href = format!("/collectifs/{}/evenements/{}", event.collectif_slug, event.id);
                        let seats = seats(&event);
                        view! {
                            <li class="card">
                                <h3><A href=href>{event.title.clone()}</A></h3>
                                <p>{paris_span(event.starts_at, event.ends_at)}</p>
                                <p>{event.place.clone()}</p>
                                {show_collectif.then(|| view! { <p>{event.collectif_name.clone()}</p> })}
                                <p>{seats}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
