use super::{EventList, FeedLink, NewEventFields, PublicationArchive};
use crate::collectifs::{
    api::{ChangeCollectifState, CreateEvent, JoinCollectif, LeaveCollectif, ShowMyName, collectif_page},
    model::{CollectifState, CollectifView, PublicationKind},
    paths,
    publication::problem,
};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::{routing::slug_param, time::french_date};
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// Every form of the page; the page reloads its data after any of them.
#[derive(Clone, Copy)]
struct Actions {
    join: ServerAction<JoinCollectif>,
    leave: ServerAction<LeaveCollectif>,
    show_name: ServerAction<ShowMyName>,
    change_state: ServerAction<ChangeCollectifState>,
    create_event: ServerAction<CreateEvent>,
}

/// `/collectifs/{slug}`: a group's profile, members, agenda and history; staff manage it here.
#[component]
pub fn CollectifPage() -> impl IntoView {
    let slug = slug_param();
    let actions = Actions {
        join: ServerAction::new(),
        leave: ServerAction::new(),
        show_name: ServerAction::new(),
        change_state: ServerAction::new(),
        create_event: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                slug.get(),
                actions.join.version().get(),
                actions.leave.version().get(),
                actions.show_name.version().get(),
                actions.change_state.version().get(),
            )
        },
        |(slug, ..)| collectif_page(slug),
    );
    view! {
        <Loaded data=data ready={move |page: CollectifView| view! { <Collectif page actions /> }} missing=t("Collectif introuvable", "Group not found") />
    }
}

#[component]
fn Collectif(page: CollectifView, actions: Actions) -> impl IntoView {
    let collectif = page.collectif;
    let slug = collectif.slug.clone();
    let hidden = page.member_count - i64::try_from(page.facilitators.len() + page.named_members.len()).unwrap_or(0);
    view! {
        <PageHeading title=collectif.name.clone() />
        <p class="lead">{collectif.theme.clone()}</p>
        <p><strong>{t("État : ", "State: ")}{collectif.state.label()}</strong></p>
        {collectif.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        <h2>{t("Membres", "Members")}</h2>
        <p>{page.member_count}" "{t("membre(s), dont", "member(s), of whom")}" "{hidden}" "{t("sans nom affiché.", "without their name shown.")}</p>
        {(!page.facilitators.is_empty()).then(|| view! {
            <h3>{t("Animation", "Facilitators")}</h3>
            <ul class="name-list">{page.facilitators.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
        })}
        {(!page.named_members.is_empty()).then(|| view! {
            <h3>{t("Membres qui affichent leur nom", "Members showing their name")}</h3>
            <ul class="name-list">{page.named_members.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
        })}
        <Membership slug=slug.clone() signed_in=page.signed_in membership=page.membership archived=collectif.state == CollectifState::Archived actions />
        <EventList heading=t("Événements à venir", "Upcoming events") empty=t("Aucun événement à venir.", "No upcoming event.") events=page.agenda.upcoming />
        <EventList heading=t("Événements passés", "Past events") empty=t("Aucun événement passé.", "No past event.") events=page.agenda.past />
        <FeedLink href=paths::collectif_agenda_feed(&slug) label=t("S'abonner à l'agenda du collectif (iCalendar)", "Subscribe to the group's agenda (iCalendar)") />
        <h2>{t("Publications", "Publications")}</h2>
        <FeedLink href=paths::collectif_publications_feed(&slug) label=t("S'abonner aux publications du collectif (Atom)", "Subscribe to the group's publications (Atom)") kind="application/atom+xml" />
        <PublicationArchive publications=page.publications level=3 />
        {(page.facilitator && collectif.state != CollectifState::Archived).then(|| view! { <PublishForm slug=slug.clone() /> })}
        <h2>{t("Historique", "History")}</h2>
        {if page.history.is_empty() {
            view! { <p>{t("Aucun changement d'état.", "No change of state.")}</p> }.into_any()
        } else {
            view! {
                <ul class="history">
                    {page.history.into_iter().map(|change| {
                        let note = (!change.note.is_empty()).then(|| format!(" — {}", change.note));
                        view! {
                            <li>
                                {french_date(change.at)}" : "{change.old_state.label()}" → "{change.new_state.label()}{note}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {page.staff.then(|| view! { <Management slug=slug.clone() state=collectif.state actions /> })}
        <p><A href=paths::collectifs()>{t("Tous les collectifs", "All groups")}</A></p>
    }
}

/// Join, choose whether one's name is shown, or leave.
#[component]
fn Membership(
    slug: String,
    signed_in: bool,
    membership: Option<bool>,
    archived: bool,
    actions: Actions,
) -> impl IntoView {
    let join_error = error_of(actions.join);
    let leave_error = error_of(actions.leave);
    let show_error = error_of(actions.show_name);
    let form = match membership {
        _ if !signed_in => view! {
            <p>
                {t("Connectez-vous pour rejoindre ce collectif.", "Log in to join this group.")}" "
                <A href=crate::accounts::paths::login_then(&paths::collectif(&slug))>{t("Se connecter", "Log in")}</A>
            </p>
        }.into_any(),
        Some(shown) => {
            let leave_slug = slug.clone();
            view! {
            <Notice text=t("Vous êtes membre de ce collectif.", "You are a member of this group.") />
            <ActionForm action=actions.show_name attr:class="form">
                <input type="hidden" name="slug" value=slug.clone() />
                <label class="choice">
                    <input type="checkbox" name="show_name" value="1" checked=shown />
                    " "{t("Afficher mon nom parmi les membres", "Show my name among the members")}
                </label>
                <button type="submit" class="primary">{t("Enregistrer ce choix", "Save this choice")}</button>
            </ActionForm>
            <ActionForm action=actions.leave attr:class="form">
                <input type="hidden" name="slug" value=leave_slug />
                <button type="submit" class="danger">{t("Quitter le collectif", "Leave the group")}</button>
            </ActionForm>
        }.into_any()
        }
        None if archived => view! {
            <p>{t("Ce collectif est archivé : il n'accueille plus de nouveaux membres.", "This group is archived: it takes no new members.")}</p>
        }.into_any(),
        None => view! {
            <ActionForm action=actions.join attr:class="form">
                <input type="hidden" name="slug" value=slug.clone() />
                <label class="choice">
                    <input type="checkbox" name="show_name" value="1" />
                    " "{t("Afficher mon nom parmi les membres", "Show my name among the members")}
                </label>
                <button type="submit" class="primary">{t("Rejoindre le collectif", "Join the group")}</button>
            </ActionForm>
        }.into_any(),
    };
    view! {
        <FormAlert error=join_error />
        <FormAlert error=leave_error />
        <FormAlert error=show_error />
        {form}
    }
}

/// Staff only: change the state (dated in the history) and add events.
#[component]
fn Management(slug: String, state: CollectifState, actions: Actions) -> impl IntoView {
    let state_error = error_of(actions.change_state);
    let state_slug = slug.clone();
    view! {
        <h2>{t("Gestion du collectif (équipe)", "Managing the group (staff)")}</h2>
        <h3>{t("Changer l'état", "Change the state")}</h3>
        <FormAlert error=state_error />
        <ActionForm action=actions.change_state attr:class="form" attr:novalidate=true>
            <input type="hidden" name="slug" value=state_slug />
            <div class="field">
                <label for="champ-state">{t("Nouvel état", "New state")}</label>
                <select id="champ-state" name="state">
                    {CollectifState::ALL.iter().filter(|candidate| **candidate != state).map(|candidate| view! {
                        <option value=candidate.as_str()>{candidate.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field label=t("Précision (facultatif)", "Note (optional)") name="note" required=false error=state_error />
            <button type="submit" class="primary">{t("Changer l'état", "Change the state")}</button>
        </ActionForm>
        <NewEventFields action=actions.create_event slug />
    }
}

/// Facilitators and staff publish a PDF; an opinion, report or study starts as a draft. A plain
/// multipart form: the server answers with the new publication's page, or back here with a code.
#[component]
fn PublishForm(slug: String) -> impl IntoView {
    let refused = query_param("publication_refusee");
    let no_error = Signal::derive(|| None);
    let kinds = PublicationKind::ALL
        .iter()
        .map(|kind| (kind.as_str().to_string(), kind.label().to_string()))
        .collect::<Vec<_>>();
    view! {
        <h3 id="publier">{t("Publier un document", "Publish a document")}</h3>
        <p>
            {t("Un avis, un rapport ou une étude reste un brouillon visible du collectif jusqu'à sa transmission au bureau municipal.",
               "An opinion, report or study stays a draft seen by the group until it is sent to the municipal bureau.")}
        </p>
        {move || refused.get().map(|code| view! {
            <p class="alert alert-error" role="alert">{format!("{} {}", t("Publication non enregistrée :", "Publication not saved:"), problem(&code))}</p>
        })}
        <form method="post" action=paths::publication_upload(&slug) enctype="multipart/form-data" class="form">
            <SelectField label=t("Type de document", "Kind of document") name="kind" options=kinds error=no_error />
            <Field label=t("Titre du document", "Title of the document") name="publication_title" error=no_error />
            <Field label=t("Date du document", "Date of the document") name="published_on" kind="date" error=no_error />
            <Field label=t("Résumé (facultatif)", "Summary (optional)") name="summary" kind="textarea" required=false error=no_error />
            <div class="field">
                <label for="champ-file">{t("Document (PDF, 5 Mo au plus)", "Document (PDF, 5 MB at most)")}<span class="required" aria-hidden="true">" *"</span></label>
                <input id="champ-file" name="file" type="file" accept="application/pdf" required />
            </div>
            <button type="submit" class="primary">{t("Publier", "Publish")}</button>
        </form>
    }
}
