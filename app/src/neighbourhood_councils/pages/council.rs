use super::window_text;
use crate::neighbourhood_councils::{
    api::{ConfigureCouncil, ScheduleMeeting, WithdrawCandidacy, council_page},
    model::{CandidacyStatus, Council, CouncilView, Meeting, MyCandidacy},
    paths,
};
use crate::platform::files::upload_problem;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::time::{day_value, paris_moment};
use crate::platform::{routing::slug_param, time::french_date};
use crate::ui::{Field, FormAlert, Loaded, Notice, UploadOutcome, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/conseils-de-quartier/{slug}`: a council's rules, members, elected duo, charter and meetings;
/// residents apply and follow their candidacy here.
#[component]
pub fn CouncilPage() -> impl IntoView {
    let slug = slug_param();
    let withdraw = ServerAction::<WithdrawCandidacy>::new();
    let schedule = ServerAction::<ScheduleMeeting>::new();
    let configure = ServerAction::<ConfigureCouncil>::new();
    let data = Resource::new(
        move || (slug.get(), withdraw.version().get(), schedule.version().get(), configure.version().get()),
        |(slug, ..)| council_page(slug),
    );
    let applied = query_param("candidature");
    view! {
        {move || applied.get().map(|_| view! {
            <Notice text=t("Votre candidature est enregistrée : l'équipe municipale la vérifie avant le tirage.", "Your candidacy is recorded: the town's staff check it before the draw.").to_string() />
        })}
        <UploadOutcome done=query_param("autorisation") refused=query_param("autorisation_refusee") saved=t("L'autorisation parentale est enregistrée.", "The parental authorisation is saved.") problem=upload_problem />
        <UploadOutcome done=query_param("compte_rendu") refused=query_param("compte_rendu_refuse") saved=t("Le compte rendu est en ligne.", "The minutes are online.") problem=upload_problem />
        <Loaded data missing=t("Conseil introuvable", "Council not found") ready=move |page: CouncilView| view! { <CouncilBody page withdraw schedule configure /> } />
        <p><A href=paths::councils()>{t("Tous les conseils de quartier", "All neighbourhood councils")}</A></p>
    }
}

#[component]
fn CouncilBody(
    page: CouncilView,
    withdraw: ServerAction<WithdrawCandidacy>,
    schedule: ServerAction<ScheduleMeeting>,
    configure: ServerAction<ConfigureCouncil>,
) -> impl IntoView {
    let schedule_error = error_of(schedule);
    let council = page.council;
    let slug = council.slug.clone();
    let window = window_text(&council, page.open);
    let apply = match (&page.my_candidacy, page.open, page.signed_in) {
        (Some(_), ..) | (None, false, _) => None,
        (None, true, true) => Some(view! {
            <p class="actions"><A href=paths::candidacy_form(&slug) attr:class="button primary">{t("Candidater", "Apply")}</A></p>
        }.into_any()),
        (None, true, false) => Some(view! {
            <p>
                {t("Connectez-vous pour candidater.", "Log in to apply.")}" "
                <A href=crate::accounts::paths::login_then(&paths::candidacy_form(&slug))>{t("Se connecter", "Log in")}</A>
            </p>
        }.into_any()),
    };
    let duo: Vec<String> =
        council.elected_duo.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    view! {
        <crate::ui::PageHeading title=format!("{} {}", t("Conseil de quartier", "Neighbourhood council"), council.name) />
        <p class="lead">{window}</p>
        {apply}
        {page.my_candidacy.map(|mine| view! {
            <MyCandidacyPanel mine slug=slug.clone() needs_authorisation=page.needs_authorisation published=page.published withdraw />
        })}
        <h2>{t("Composition", "Composition")}</h2>
        <p>
            {t("Au plus", "At most")}" "{council.seats}" "
            {t("membres tirés au sort parmi les candidatures vérifiées, pour un mandat de", "members drawn by lot among checked candidacies, for a term of")}" "
            {council.term_years}" "{t("ans. Pas de président ni de porte-parole : le conseil fonctionne de façon horizontale.", "years. No chair and no spokesperson: the council works horizontally.")}
        </p>
        <ul class="name-list">{page.quotas.iter().map(|quota| view! { <li>{quota.text()}</li> }).collect_view()}</ul>
        <p><A href=paths::draw(&slug)>{t("Le tirage au sort public et son dossier vérifiable", "The public draw and its verifiable record")}</A></p>
        <h2>{t("Membres", "Members")}</h2>
        {if page.members.is_empty() {
            view! { <p>{t("Pas encore de membres : le tirage de ce tour n'a pas eu lieu.", "No members yet: this round's draw has not taken place.")}</p> }.into_any()
        } else {
            view! {
                <ul class="name-list">
                    {page.members.into_iter().map(|member| view! {
                        <li>{member.name}" — "{member.category}" ("{t("depuis le", "since")}" "{french_date(member.since)}")"</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{t("Le binôme d'élus", "The elected duo")}</h2>
        {if duo.is_empty() {
            view! { <p>{t("Pas encore désigné.", "Not appointed yet.")}</p> }.into_any()
        } else {
            view! { <ul class="name-list">{duo.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul> }.into_any()
        }}
        <h2>{t("Charte", "Charter")}</h2>
        {paragraphs(&council.charter)}
        <h2>{t("Règlement intérieur", "Internal rules")}</h2>
        {paragraphs(&council.internal_rules)}
        <Meetings meetings=page.meetings slug=slug.clone() staff=page.staff />
        {page.staff.then(|| view! {
            <h2>{t("Gestion (équipe)", "Management (staff)")}</h2>
            <p class="actions">
                <A href=paths::candidacies(&slug) attr:class="button">
                    {t("Vérifier les candidatures", "Check the candidacies")}" ("{page.candidacies}")"
                </A>
            </p>
            <h3>{t("Programmer une réunion", "Schedule a meeting")}</h3>
            <FormAlert error=schedule_error />
            <ActionForm action=schedule attr:class="form" attr:novalidate=true>
                <input type="hidden" name="slug" value=slug.clone() />
                <Field label=t("Date et heure (heure de Paris)", "Date and time (Paris time)") name="starts_at" kind="datetime-local" error=schedule_error />
                <Field label=t("Lieu", "Place") name="place" error=schedule_error />
                <Field label=t("Ordre du jour", "Agenda") name="agenda" kind="textarea" error=schedule_error />
                <button type="submit" class="primary">{t("Programmer la réunion", "Schedule the meeting")}</button>
            </ActionForm>
            <Settings council=council.clone() configure />
        })}
    }
}

/// Staff only: the council's settings, with the current values.
#[component]
fn Settings(council: Council, configure: ServerAction<ConfigureCouncil>) -> impl IntoView {
    let error = error_of(configure);
    view! {
        <h3>{t("Réglages du conseil", "Council settings")}</h3>
        <FormAlert error />
        <ActionForm action=configure attr:class="form" attr:novalidate=true>
            <input type="hidden" name="slug" value=council.slug.clone() />
            <Field label=t("Nombre de sièges (12 au plus)", "Number of seats (12 at most)") name="seats" kind="number" initial=council.seats.to_string() error />
            <Field label=t("Durée du mandat (années)", "Term (years)") name="term_years" kind="number" initial=council.term_years.to_string() error />
            <Field label=t("Binôme d'élus, un par ligne", "Elected duo, one per line") name="elected_duo" kind="textarea" required=false initial=council.elected_duo.clone() error />
            <Field label=t("Charte", "Charter") name="charter" kind="textarea" required=false initial=council.charter.clone() error />
            <Field label=t("Règlement intérieur", "Internal rules") name="internal_rules" kind="textarea" required=false initial=council.internal_rules.clone() error />
            <Field label=t("Tour de candidatures", "Application round") name="round" hint=t("Un nouveau nom ouvre un nouveau tour, avec de nouvelles candidatures.", "A new name opens a new round, with new candidacies.") initial=council.round.clone() error />
            <Field label=t("Ouverture des candidatures", "Applications open") name="applications_open" kind="date" initial=day_value(council.applications_open_at) error />
            <Field label=t("Clôture des candidatures (dernier jour)", "Applications close (last day)") name="applications_close" kind="date" initial=day_value(council.applications_close_at - 1) error />
            <Field label=t("Jour du tirage", "Draw day") name="draw_day" kind="date" initial=council.draw_day.clone() error />
            <button type="submit" class="primary">{t("Enregistrer les réglages", "Save the settings")}</button>
        </ActionForm>
    }
}

fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()
}

#[component]
fn MyCandidacyPanel(
    mine: MyCandidacy,
    slug: String,
    needs_authorisation: bool,
    published: bool,
    withdraw: ServerAction<WithdrawCandidacy>,
) -> impl IntoView {
    let error = error_of(withdraw);
    let here = mine.council_slug == slug;
    let pending = mine.status == CandidacyStatus::Pending;
    let open = here && !published && (pending || mine.status == CandidacyStatus::Accepted);
    view! {
        <section class="card" aria-labelledby="ma-candidature">
            <h2 id="ma-candidature">{t("Ma candidature", "My candidacy")}</h2>
            {if here {
                view! {
                    <p>{t("Pseudonyme publié dans le vivier :", "Pseudonym published in the pool:")}" "<strong>{mine.public_id.clone()}</strong></p>
                    <p>{t("État :", "Status:")}" "<strong>{mine.status.label()}</strong></p>
                }.into_any()
            } else {
                view! {
                    <p>
                        {t("Vous avez candidaté pour ce tour au conseil", "This round you applied to the council of")}" "
                        <A href=paths::council(&mine.council_slug)>{mine.council_name.clone()}</A>
                        {t(" : une seule candidature par personne et par tour.", ": one candidacy per person and round.")}
                    </p>
                }.into_any()
            }}
            {mine.refusal_reason.clone().filter(|_| here).map(|reason| view! { <p>{t("Motif :", "Reason:")}" "{reason}</p> })}
            {(here && needs_authorisation).then(|| {
                let sent = mine.authorisation_type.is_some();
                view! {
                    <h3>{t("Autorisation parentale", "Parental authorisation")}</h3>
                    <p>
                        {if sent {
                            t("Autorisation reçue.", "Authorisation received.")
                        } else {
                            t("Vous aurez moins de 18 ans le jour du tirage : l'autorisation signée d'un parent ou tuteur est nécessaire.", "You will be under 18 on the draw day: an authorisation signed by a parent or guardian is required.")
                        }}
                    </p>
                    {pending.then(|| view! {
                        <form method="post" action=paths::authorisation_upload(&slug) enctype="multipart/form-data" class="form">
                            <div class="field">
                                <label for="champ-autorisation">{t("Fichier de l'autorisation", "Authorisation file")}<span class="required" aria-hidden="true">" *"</span></label>
                                <p class="hint" id="champ-autorisation-aide">{t("PDF ou photo (JPEG, PNG), 5 Mo au plus.", "PDF or photo (JPEG, PNG), 5 MB at most.")}</p>
                                <input id="champ-autorisation" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required aria-describedby="champ-autorisation-aide" />
                            </div>
                            <button type="submit" class="primary">
                                {if sent { t("Remplacer l'autorisation", "Replace the authorisation") } else { t("Envoyer l'autorisation", "Send the authorisation") }}
                            </button>
                        </form>
                    })}
                }
            })}
            {open.then(|| view! {
                <FormAlert error />
                <ActionForm action=withdraw attr:class="form">
                    <input type="hidden" name="slug" value=slug.clone() />
                    <button type="submit" class="danger">{t("Retirer ma candidature", "Withdraw my candidacy")}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Meetings(meetings: Vec<Meeting>, slug: String, staff: bool) -> impl IntoView {
    view! {
        <h2>{t("Réunions", "Meetings")}</h2>
        <p>{t("Une réunion par trimestre, ouverte au public.", "One meeting per quarter, open to the public.")}</p>
        {if meetings.is_empty() {
            view! { <p>{t("Aucune réunion programmée.", "No meeting scheduled.")}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {meetings.into_iter().map(|meeting| {
                        let minutes = paths::meeting_minutes(&slug, meeting.id);
                        let field = format!("champ-compte-rendu-{}", meeting.id);
                        view! {
                            <li class="card">
                                <h3>{paris_moment(meeting.starts_at)}</h3>
                                <p>{meeting.place.clone()}</p>
                                <p>{t("Ordre du jour :", "Agenda:")}" "{meeting.agenda.clone()}</p>
                                {meeting.minutes_uploaded_at.map(|_| view! {
                                    <p><a href=minutes.clone() rel="external" type="application/pdf">{t("Compte rendu (PDF)", "Minutes (PDF)")}</a></p>
                                })}
                                {staff.then(|| view! {
                                    <form method="post" action=minutes.clone() enctype="multipart/form-data" class="form">
                                        <div class="field">
                                            <label for=field.clone()>{t("Compte rendu (PDF, 5 Mo au plus)", "Minutes (PDF, 5 MB at most)")}</label>
                                            <input id=field.clone() name="file" type="file" accept="application/pdf" required />
                                        </div>
                                        <button type="submit">{t("Mettre en ligne le compte rendu", "Publish the minutes")}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
