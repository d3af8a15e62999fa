use super::Envelopes;
use crate::citizen_councils::{
    api::{AddCouncilMember, RemoveCouncilMember, SetEnvelope, citizen_council_page},
    model::{COLLEGES, CouncilView, college_label},
    paths,
};
use crate::collectifs::{CreateEvent, EventList, FeedLink, HostKind, NewEventFields};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::ui::{Field, FormAlert, Loaded, PageHeading, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/conseils-citoyens/{slug}`: a council, the neighbourhoods it covers, its members and the
/// envelopes of its fund, its agenda; staff seat members, set the envelopes and schedule events here.
#[component]
pub fn CitizenCouncilPage() -> impl IntoView {
    let slug = slug_param();
    let add = ServerAction::<AddCouncilMember>::new();
    let remove = ServerAction::<RemoveCouncilMember>::new();
    let envelope = ServerAction::<SetEnvelope>::new();
    let create_event = ServerAction::<CreateEvent>::new();
    let data = Resource::new(
        move || (slug.get(), add.version().get(), remove.version().get(), envelope.version().get()),
        |(slug, ..)| citizen_council_page(slug),
    );
    view! {
        <Loaded data missing=t("Conseil introuvable", "Council not found") ready=move |page: CouncilView| view! { <Council page add remove envelope create_event /> } />
        <p><A href=paths::councils()>{t("Tous les conseils citoyens", "All citizen councils")}</A></p>
    }
}

#[component]
fn Council(
    page: CouncilView,
    add: ServerAction<AddCouncilMember>,
    remove: ServerAction<RemoveCouncilMember>,
    envelope: ServerAction<SetEnvelope>,
    create_event: ServerAction<CreateEvent>,
) -> impl IntoView {
    let (add_error, remove_error, envelope_error) = (error_of(add), error_of(remove), error_of(envelope));
    let council = page.card.council;
    let slug = council.slug.clone();
    let (add_slug, envelope_slug, event_slug) = (slug.clone(), slug.clone(), slug.clone());
    let feed = paths::council_agenda_feed(&slug);
    let colleges: Vec<(String, String)> =
        COLLEGES.iter().map(|(code, _)| (code.to_string(), college_label(code).to_string())).collect();
    view! {
        <PageHeading title=council.name.clone() />
        <h2>{t("Quartiers couverts", "Neighbourhoods covered")}</h2>
        <ul class="name-list">{page.card.neighbourhoods.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
        <h2>{t("Membres", "Members")}</h2>
        {if page.members.is_empty() {
            view! { <p>{t("Pas encore de membres.", "No members yet.")}</p> }.into_any()
        } else {
            view! {
                <FormAlert error=remove_error />
                <ul class="name-list">
                    {page.members.into_iter().map(|member| {
                        let label = format!("{} {}", t("Retirer", "Remove"), member.name);
                        let slug = slug.clone();
                        view! {
                            <li>
                                {member.name.clone()}" — "{college_label(&member.college)}
                                {page.staff.then(|| view! {
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="slug" value=slug />
                                        <input type="hidden" name="id" value=member.id />
                                        <button type="submit" class="danger">{label.clone()}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <EventList heading=t("Réunions et événements à venir", "Upcoming meetings and events") empty=t("Aucun événement à venir.", "No upcoming event.") events=page.agenda.upcoming />
        <FeedLink href=feed label=t("S'abonner à l'agenda du conseil (iCalendar)", "Subscribe to the council's agenda (iCalendar)") />
        <EventList heading=t("Réunions et événements passés", "Past meetings and events") empty=t("Aucun événement passé.", "No past event.") events=page.agenda.past />
        <h2>{t("Fonds de Participation des Habitants", "Residents' participation fund")}</h2>
        {if page.envelopes.is_empty() {
            view! { <p>{t("Aucune enveloppe fixée.", "No envelope set.")}</p> }.into_any()
        } else {
            view! { <Envelopes envelopes=page.envelopes caption=t("Enveloppes annuelles et solde", "Yearly envelopes and balance") /> }.into_any()
        }}
        <p><A href=paths::fund()>{t("Déposer ou suivre une demande d'aide", "Apply for or follow a grant")}</A></p>
        {page.staff.then(|| view! {
            <h2>{t("Gestion (équipe)", "Management (staff)")}</h2>
            <h3>{t("Ajouter un membre", "Add a member")}</h3>
            <FormAlert error=add_error />
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <input type="hidden" name="slug" value=add_slug />
                <Field label=t("Nom du membre", "Member's name") name="name" error=add_error />
                <SelectField label=t("Collège", "College") name="college" options=colleges.clone() error=add_error />
                <button type="submit" class="primary">{t("Ajouter le membre", "Add the member")}</button>
            </ActionForm>
            <h3>{t("Fixer une enveloppe annuelle", "Set a yearly envelope")}</h3>
            <FormAlert error=envelope_error />
            <ActionForm action=envelope attr:class="form" attr:novalidate=true>
                <input type="hidden" name="slug" value=envelope_slug />
                <Field label=t("Année", "Year") name="year" kind="number" error=envelope_error />
                <Field label=t("Montant (euros)", "Amount (euros)") name="amount" error=envelope_error />
                <button type="submit" class="primary">{t("Enregistrer l'enveloppe", "Save the envelope")}</button>
            </ActionForm>
            <NewEventFields action=create_event slug=event_slug host=HostKind::Council />
        })}
    }
}
