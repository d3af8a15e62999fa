use super::seats;
use crate::collectifs::{
    api::{CancelRegistration, RegisterForEvent, event_page},
    model::{Attendance, EventView, HostKind},
};
use crate::platform::routing::slug_param;
use crate::platform::time::paris_span;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{FormAlert, Loaded, Notice, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// `/collectifs/{slug}/evenements/{id}`: an event of a collectif.
#[component]
pub fn EventPage() -> impl IntoView {
    view! { <HostedEventPage host=HostKind::Collectif /> }
}

/// `/conseils-citoyens/{slug}/evenements/{id}`: an event of a citizen council.
#[component]
pub fn CouncilEventPage() -> impl IntoView {
    view! { <HostedEventPage host=HostKind::Council /> }
}

/// One event, with registration and the waiting list.
#[component]
fn HostedEventPage(host: HostKind) -> impl IntoView {
    let slug = slug_param();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    let register = ServerAction::<RegisterForEvent>::new();
    let cancel = ServerAction::<CancelRegistration>::new();
    let data = Resource::new(
        move || (slug.get(), id.get(), register.version().get(), cancel.version().get()),
        move |(slug, id, ..)| async move {
            match id {
                Some(id) => event_page(slug, id, host.code().to_string()).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded data=data ready={move |page: EventView| view! { <Event page register cancel /> }} missing=t("Événement introuvable", "Event not found") />
    }
}

#[component]
fn Event(
    page: EventView,
    register: ServerAction<RegisterForEvent>,
    cancel: ServerAction<CancelRegistration>,
) -> impl IntoView {
    let event = page.event;
    let register_error = error_of(register);
    let cancel_error = error_of(cancel);
    let hidden = {
        let (slug, event_id, host) = (event.host_slug.clone(), event.id, event.host_kind.clone());
        move || {
            view! {
                <input type="hidden" name="slug" value=slug.clone() />
                <input type="hidden" name="event_id" value=event_id />
                <input type="hidden" name="host" value=host.clone() />
            }
        }
    };
    let registration = match page.attendance {
        _ if !page.open => view! {
            <p>{t("Cet événement a déjà eu lieu : les inscriptions sont closes.", "This event is over: registrations are closed.")}</p>
        }.into_any(),
        _ if !page.signed_in => view! {
            <p>
                {t("Connectez-vous pour vous inscrire.", "Log in to register.")}" "
                <A href=crate::accounts::paths::login_then(&event.href())>{t("Se connecter", "Log in")}</A>
            </p>
        }.into_any(),
        Some(attendance) => {
            let (text, button) = match attendance {
                Attendance::Confirmed => (
                    t("Vous êtes inscrit·e à cet événement.", "You are registered for this event.").to_string(),
                    t("Annuler mon inscription", "Cancel my registration"),
                ),
                Attendance::Waiting(rank) => (
                    format!("{} {rank}{}", t("Vous êtes sur la liste d'attente, en position", "You are on the waiting list, in position"),
                        t(" : vous serez inscrit·e automatiquement si une place se libère.", ": you will be registered automatically if a place frees up.")),
                    t("Quitter la liste d'attente", "Leave the waiting list"),
                ),
            };
            view! {
                <Notice text />
                <ActionForm action=cancel attr:class="form">
                    {hidden()}
                    <button type="submit" class="danger">{button}</button>
                </ActionForm>
            }.into_any()
        }
        None => {
            let label = if event.full() {
                t("M'inscrire sur la liste d'attente", "Join the waiting list")
            } else {
                t("M'inscrire", "Register")
            };
            view! {
                <ActionForm action=register attr:class="form">
                    {hidden()}
                    <button type="submit" class="primary">{label}</button>
                </ActionForm>
            }.into_any()
        }
    };
    let seats = seats(&event);
    view! {
        <PageHeading title=event.title.clone() />
        <p class="lead"><A href=event.host_href()>{event.host_name.clone()}</A></p>
        <dl class="facts">
            <dt>{t("Quand", "When")}</dt>
            <dd>{paris_span(event.starts_at, event.ends_at)}</dd>
            <dt>{t("Où", "Where")}</dt>
            <dd>{event.place.clone()}</dd>
            <dt>{t("Places", "Places")}</dt>
            <dd>{seats}</dd>
        </dl>
        {event.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        <h2>{t("Inscription", "Registration")}</h2>
        <FormAlert error=register_error />
        <FormAlert error=cancel_error />
        {registration}
    }
}
