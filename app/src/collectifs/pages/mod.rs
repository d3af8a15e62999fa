//! One file per collectifs page, and the pieces they share.
use crate::platform::time::paris_span;
pub mod agenda;
pub mod collectif;
pub mod event;
pub mod list;
pub mod publication;
pub mod publications;
pub mod tracker;

use super::{
    api::CreateEvent,
    model::{EventItem, HostKind, PublicationItem},
    publication::goes_through_chain,
};
use crate::platform::{
    files::{by_month, size_label},
    i18n::t,
};
use crate::ui::{Field, FormAlert, error_of};
use leptos::prelude::*;
use leptos_router::{
    MatchNestedRoutes, SsrMode,
    components::{A, Route},
    path,
};

/// The pages of the collectifs and of the shared agenda; `super::paths` builds their addresses.
#[component(transparent)]
pub fn CollectifRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/agenda") view=agenda::AgendaPage ssr=SsrMode::Async />
        <Route path=path!("/collectifs") view=list::CollectifsPage ssr=SsrMode::Async />
        <Route path=path!("/collectifs/publications") view=publications::PublicationsPage ssr=SsrMode::Async />
        <Route path=path!("/collectifs/avis") view=tracker::TrackerPage ssr=SsrMode::Async />
        <Route path=path!("/collectifs/:slug") view=collectif::CollectifPage ssr=SsrMode::Async />
        <Route path=path!("/collectifs/:slug/evenements/:id") view=event::EventPage ssr=SsrMode::Async />
        <Route path=path!("/collectifs/:slug/publications/:id") view=publication::PublicationPage ssr=SsrMode::Async />
    }
    .into_inner()
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

/// A feed link (iCalendar, Atom): a plain link the router leaves alone, for the applications that
/// subscribe to it.
#[component]
pub(crate) fn FeedLink(
    href: String,
    label: &'static str,
    #[prop(default = "text/calendar")] kind: &'static str,
) -> impl IntoView {
    view! { <p><a href=href rel="external" type=kind>{label}</a></p> }
}

/// Upcoming or past events under an `h2`, each with its own `h3`.
#[component]
pub(crate) fn EventList(
    heading: &'static str,
    empty: &'static str,
    events: Vec<EventItem>,
    /// In the global agenda, each event says who holds it.
    #[prop(default = false)]
    show_host: bool,
) -> impl IntoView {
    view! {
        <h2>{heading}</h2>
        {if events.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {events.into_iter().map(|event| {
                        let href = event.href();
                        let seats = seats(&event);
                        view! {
                            <li class="card">
                                <h3><A href=href>{event.title.clone()}</A></h3>
                                <p>{paris_span(event.starts_at, event.ends_at)}</p>
                                <p>{event.place.clone()}</p>
                                {show_host.then(|| view! { <p>{event.host_name.clone()}</p> })}
                                <p>{seats}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// Staff schedule an event of a collectif or (`host`) a citizen council.
#[component]
pub(crate) fn NewEventFields(
    action: ServerAction<CreateEvent>,
    slug: String,
    #[prop(optional)] host: HostKind,
) -> impl IntoView {
    let event_error = error_of(action);
    view! {
        <h3>{t("Programmer un événement", "Schedule an event")}</h3>
        <FormAlert error=event_error />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="host" value=host.code() />
            <Field label=t("Titre", "Title") name="title" error=event_error />
            <Field label=t("Début (heure de Paris)", "Start (Paris time)") name="starts_at" kind="datetime-local" error=event_error />
            <Field label=t("Fin (heure de Paris)", "End (Paris time)") name="ends_at" kind="datetime-local" error=event_error />
            <Field label=t("Lieu", "Place") name="place" error=event_error />
            <Field label=t("Description", "Description") name="description" required=false error=event_error />
            <Field
                label=t("Nombre de places", "Number of places")
                name="capacity"
                kind="number"
                required=false
                hint=t("Laissez vide s'il n'y a pas de limite.", "Leave empty when there is no limit.")
                error=event_error
            />
            <button type="submit" class="primary">{t("Programmer l'événement", "Schedule the event")}</button>
        </ActionForm>
    }
}

/// A heading of `level` (2 to 4), for pieces shown at different depths of a page.
fn heading(level: u8, text: String) -> AnyView {
    match level {
        2 => view! { <h2>{text}</h2> }.into_any(),
        3 => view! { <h3>{text}</h3> }.into_any(),
        _ => view! { <h4>{text}</h4> }.into_any(),
    }
}

/// A link to a publication's PDF with its size as the seed shows it: `PDF – 665 Ko`.
#[component]
pub(crate) fn DocumentLink(item: PublicationItem) -> impl IntoView {
    let label = format!("{} ({})", t("Télécharger", "Download"), size_label(&item.file_type, item.file_size));
    let name = format!("{label} — {}", item.title);
    view! {
        <a href=item.file_href() rel="external" type="application/pdf" aria-label=name>{label}</a>
    }
}

/// Publications listed by year and month, newest first; years get a heading of `level`, months
/// the next one down.
#[component]
pub(crate) fn PublicationArchive(
    publications: Vec<PublicationItem>,
    level: u8,
    #[prop(default = false)] show_collectif: bool,
) -> impl IntoView {
    if publications.is_empty() {
        return view! { <p>{t("Aucune publication pour l'instant.", "No publication yet.")}</p> }.into_any();
    }
    let mut year = None;
    by_month(publications, |item| item.published_on.as_str())
        .into_iter()
        .map(|month| {
            let new_year = (year != Some(month.year)).then(|| heading(level, month.year.to_string()));
            year = Some(month.year);
            view! {
                {new_year}
                {heading(level + 1, month.label.clone())}
                <ul class="publications">
                    {month.items.into_iter().map(|item| {
                        let stage = goes_through_chain(item.kind).then(|| format!(" · {}", item.stage.label()));
                        let collectif = show_collectif.then(|| format!(" · {}", item.collectif_name));
                        let (href, title) = (item.href(), item.title.clone());
                        view! {
                            <li>
                                <A href=href>{title}</A>
                                " — "{item.kind.label()}{collectif}{stage}" · "
                                <DocumentLink item />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
        .collect_view()
        .into_any()
}
