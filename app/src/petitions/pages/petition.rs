use super::StateBadge;
use crate::petitions::{
    api::{
        PublishPetition, RecordDecision, RejectPetition, SignAsVisitor, SignPetition, SubmitPetition, UpdatePetition,
        petition_institutions, petition_page,
    },
    domain::{Decision, State, check_signable, progress_percent},
    model::{PetitionRow, PetitionView as PageData},
    paths,
};
use crate::platform::routing::id_param;
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// The actions of the page, created once so that every form and the data share them.
#[derive(Clone, Copy)]
struct Actions {
    sign: ServerAction<SignPetition>,
    sign_visitor: ServerAction<SignAsVisitor>,
    update: ServerAction<UpdatePetition>,
    submit: ServerAction<SubmitPetition>,
    publish: ServerAction<PublishPetition>,
    reject: ServerAction<RejectPetition>,
    decide: ServerAction<RecordDecision>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            sign: ServerAction::new(),
            sign_visitor: ServerAction::new(),
            update: ServerAction::new(),
            submit: ServerAction::new(),
            publish: ServerAction::new(),
            reject: ServerAction::new(),
            decide: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 7] {
        [
            self.sign.version().get(),
            self.sign_visitor.version().get(),
            self.update.version().get(),
            self.submit.version().get(),
            self.publish.version().get(),
            self.reject.version().get(),
            self.decide.version().get(),
        ]
    }
}

/// `/dialogue/petitions/{id}`: the text, the live count, signing, and — for whoever may — editing,
/// moderating and recording the institution's decision.
#[component]
pub fn PetitionPage() -> impl IntoView {
    let id = id_param();
    let actions = Actions::new();
    let data = Resource::new(move || (id.get(), actions.versions()), |(id, _)| petition_page(id));
    view! {
        <Loaded data=data missing=t("Pétition introuvable", "Petition not found") ready={move |page: PageData| view! { <Petition page actions /> }} />
        <p><A href=paths::petitions()>{t("Toutes les pétitions", "All petitions")}</A></p>
    }
}

fn notices() -> impl IntoView {
    let messages = [
        (
            "enregistre",
            t(
                "Brouillon enregistré. Relisez-le puis envoyez-le à la modération.",
                "Draft saved. Read it again, then send it for moderation.",
            ),
        ),
        ("signee", t("Votre signature est comptée. Merci !", "Your signature is counted. Thank you!")),
        (
            "verifiez",
            t(
                "Presque fini : ouvrez le lien que nous venons de vous envoyer par courriel pour que votre signature soit comptée.",
                "Almost done: open the link we just emailed you so that your signature counts.",
            ),
        ),
        (
            "confirmee",
            t(
                "Votre signature est confirmée et comptée. Merci !",
                "Your signature is confirmed and counted. Thank you!",
            ),
        ),
    ];
    // Reactive: a redirect to this same page only changes the query.
    messages
        .into_iter()
        .map(|(key, text)| {
            let present = query_param(key);
            move || present.get().map(|_| view! { <Notice text /> })
        })
        .collect_view()
}

#[component]
fn Petition(page: PageData, actions: Actions) -> impl IntoView {
    let petition = page.petition;
    let state = petition.state;
    let abilities = page.abilities;
    let signable = check_signable(state, petition.closes_at, page.now).is_ok();
    let author = petition.author_name.clone().unwrap_or_else(|| "Compte supprimé".into());
    view! {
        <PageHeading title=petition.title.clone() />
        {notices()}
        <dl class="facts">
            <dt>{t("État", "State")}</dt>
            <dd><StateBadge state /></dd>
            <dt>{t("Adressée à", "Addressed to")}</dt>
            <dd>{petition.institution_name.clone()}</dd>
            <dt>{t("Auteur", "Author")}</dt>
            <dd>{author}</dd>
            {petition.closes_at.map(|closes| view! {
                <dt>{t("Clôture", "Closes")}</dt>
                <dd>{french_date(closes)}</dd>
            })}
        </dl>
        {state.is_public().then(|| view! {
            <Progress id=petition.id signatures=petition.signatures threshold=petition.threshold live=signable />
        })}
        <section aria-labelledby="texte-petition">
            <h2 id="texte-petition">{t("Texte de la pétition", "Petition text")}</h2>
            {petition.body.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        </section>
        {petition.decision().map(|decision| view! {
            <section class="answer" aria-labelledby="reponse-institution">
                <h2 id="reponse-institution">{t("Réponse de l'institution", "The institution's answer")}</h2>
                <p><strong>{decision.label()}</strong></p>
                {petition.answer.clone().unwrap_or_default().split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
            </section>
        })}
        {petition.rejection_reason.clone().map(|reason| view! {
            <p class="alert alert-error">{format!("Refusée par la modération : {reason}")}</p>
        })}
        {signable.then(|| view! { <Signing petition=petition.clone() abilities min_age=page.min_age communes=page.communes.clone() actions /> })}
        {(abilities.is_author && state == State::Draft).then(|| view! { <DraftTools petition=petition.clone() actions /> })}
        {(abilities.can_moderate && state == State::Pending).then(|| view! { <Moderation id=petition.id actions /> })}
        {(abilities.can_decide && state == State::ThresholdReached).then(|| view! { <DecisionForm id=petition.id actions /> })}
        <section aria-labelledby="historique">
            <h2 id="historique">{t("Historique", "History")}</h2>
            <ol class="history">
                {page.history.into_iter().map(|change| {
                    let label = change.state.label();
                    view! { <li>{format!("{} : {label}", french_date(change.at))}</li> }
                }).collect_view()}
            </ol>
        </section>
        {state.is_public().then(|| view! {
            <p>
                <a href=paths::signatures_by_commune(petition.id) download>
                    {t("Signatures par commune (CSV, sans noms)", "Signatures per town (CSV, no names)")}
                </a>
                {abilities.can_decide.then(|| view! {
                    " · "
                    <a href=paths::signatures_for_staff(petition.id) download>
                        {t("Signatures à vérifier (CSV, équipe)", "Signatures to check (CSV, staff)")}
                    </a>
                })}
            </p>
        })}
    }
}

/// The count and the bar. Once hydrated, the count follows the server's live feed.
#[component]
fn Progress(id: i64, signatures: i64, threshold: i64, live: bool) -> impl IntoView {
    let count = RwSignal::new(signatures);
    if live {
        // Effects run only in the browser.
        Effect::new(move |_| crate::ui::live::follow(paths::live_count(id), "compte", count));
    }
    let text = move || format!("{} signatures sur {threshold} nécessaires", count.get());
    view! {
        <div class="petition-progress">
            <p class="petition-count" aria-live="polite">{text}</p>
            <progress max=threshold value=move || count.get().min(threshold) aria-label=text>
                {move || format!("{} %", progress_percent(count.get(), threshold))}
            </progress>
        </div>
    }
}

#[component]
fn Signing(
    petition: PetitionRow,
    abilities: crate::petitions::model::Abilities,
    min_age: i64,
    communes: Vec<(i64, String)>,
    actions: Actions,
) -> impl IntoView {
    let id = petition.id;
    let sign_error = error_of(actions.sign);
    let visitor_error = error_of(actions.sign_visitor);
    let age_message = Signal::derive(move || {
        visitor_error
            .with(|error| error.as_ref().and_then(AppError::form).and_then(|form| form.message("age_confirmed")))
    });
    let login = crate::accounts::paths::login_then(&paths::petition(id));
    let communes: Vec<(String, String)> = communes.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
    view! {
        <section aria-labelledby="signer">
            <h2 id="signer">{t("Signer", "Sign")}</h2>
            {if abilities.signed {
                view! { <p class="alert alert-ok">{t("Vous avez signé cette pétition.", "You signed this petition.")}</p> }.into_any()
            } else if abilities.signed_in {
                view! {
                    <FormAlert error=sign_error />
                    <ActionForm action=actions.sign attr:class="form">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="primary">{t("Signer cette pétition", "Sign this petition")}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <p>
                        {t("Vous avez un compte ?", "Have an account?")}" "
                        <A href=login>{t("Connectez-vous pour signer en un clic.", "Log in to sign in one click.")}</A>
                    </p>
                    <p>{t("Sinon, signez avec votre adresse : la signature compte une fois le lien reçu par courriel ouvert.",
                          "Otherwise sign with your address: the signature counts once you open the link we email you.")}</p>
                    <FormAlert error=visitor_error />
                    <ActionForm action=actions.sign_visitor attr:class="form">
                        <input type="hidden" name="id" value=id />
                        <Field label=t("Prénom et nom", "First and last name") name="full_name" autocomplete="name" error=visitor_error />
                        <Field label=t("Adresse électronique", "Email address") name="email" kind="email" autocomplete="email" error=visitor_error />
                        <SelectField label=t("Commune", "Town") name="commune_id" options=communes placeholder=t("— Choisir —", "— Choose —") error=visitor_error />
                        <div class="field">
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    name="age_confirmed"
                                    value="oui"
                                    required=true
                                    aria-invalid=move || age_message.with(Option::is_some).then_some("true")
                                    aria-describedby=move || age_message.with(Option::is_some).then_some("champ-age_confirmed-erreur")
                                />
                                " "{format!("J'ai au moins {min_age} ans.")}
                            </label>
                            {move || age_message.get().map(|text| view! { <p class="field-error" id="champ-age_confirmed-erreur">{text}</p> })}
                        </div>
                        <button type="submit" class="primary">{t("Signer cette pétition", "Sign this petition")}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

/// The author's draft: edit it, then send it for moderation.
#[component]
fn DraftTools(petition: PetitionRow, actions: Actions) -> impl IntoView {
    let update_error = error_of(actions.update);
    let submit_error = error_of(actions.submit);
    let institutions = Resource::new(|| (), |_| petition_institutions());
    let id = petition.id;
    view! {
        <section aria-labelledby="brouillon">
            <h2 id="brouillon">{t("Mon brouillon", "My draft")}</h2>
            <FormAlert error=submit_error />
            <ActionForm action=actions.submit attr:class="form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="primary">{t("Envoyer à la modération", "Send for moderation")}</button>
            </ActionForm>
            <h3>{t("Modifier", "Edit")}</h3>
            <FormAlert error=update_error />
            <Loaded data=institutions ready={move |institutions: Vec<(i64, String)>| {
                let petition = petition.clone();
                view! {
                    <ActionForm action=actions.update attr:class="form">
                        <input type="hidden" name="id" value=petition.id />
                        <DraftFields institutions initial=Some(petition) error=update_error />
                        <button type="submit">{t("Enregistrer le brouillon", "Save the draft")}</button>
                    </ActionForm>
                }
            }} />
        </section>
    }
}

/// Institution, title and text of a petition, shared by the new-petition page and the draft editor.
#[component]
pub(crate) fn DraftFields(
    institutions: Vec<(i64, String)>,
    initial: Option<PetitionRow>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let options: Vec<(String, String)> = institutions.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
    let selected = initial.as_ref().map(|petition| petition.institution_id.to_string());
    let (title, body) = initial.map(|petition| (petition.title, petition.body)).unzip();
    view! {
        <SelectField label=t("Institution destinataire", "Addressed to") name="institution_id" options selected=selected.unwrap_or_default() error />
        <Field label=t("Titre", "Title") name="title" hint=t("De 10 à 150 caractères.", "10 to 150 characters.") initial=title.unwrap_or_default() error />
        <Field
            label=t("Texte", "Text")
            name="body"
            kind="textarea"
            hint=t("Au moins 50 caractères : ce que vous demandez et pourquoi. Séparez les paragraphes par une ligne vide.",
                   "At least 50 characters: what you ask for and why. Separate paragraphs with an empty line.")
            initial=body.unwrap_or_default()
            error
        />
    }
}

#[component]
fn Moderation(id: i64, actions: Actions) -> impl IntoView {
    let publish_error = error_of(actions.publish);
    let reject_error = error_of(actions.reject);
    view! {
        <section aria-labelledby="moderation">
            <h2 id="moderation">{t("Modération", "Moderation")}</h2>
            <FormAlert error=publish_error />
            <ActionForm action=actions.publish attr:class="form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="primary">{t("Publier la pétition", "Publish the petition")}</button>
            </ActionForm>
            <FormAlert error=reject_error />
            <ActionForm action=actions.reject attr:class="form">
                <input type="hidden" name="id" value=id />
                <Field label=t("Motif du refus", "Reason for rejection") name="reason" kind="textarea"
                       hint=t("Il est envoyé à l'auteur et affiché sur sa pétition.", "It is sent to the author and shown on the petition.")
                       error=reject_error />
                <button type="submit" class="danger">{t("Refuser la pétition", "Reject the petition")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DecisionForm(id: i64, actions: Actions) -> impl IntoView {
    let error = error_of(actions.decide);
    let options: Vec<(String, String)> = Decision::ALL
        .into_iter()
        .map(|decision| (decision.as_str().to_string(), decision.label().to_string()))
        .collect();
    view! {
        <section aria-labelledby="decision">
            <h2 id="decision">{t("Décision de l'institution", "The institution's decision")}</h2>
            <FormAlert error />
            <ActionForm action=actions.decide attr:class="form">
                <input type="hidden" name="id" value=id />
                <SelectField label=t("Décision", "Decision") name="decision" options placeholder=t("— Choisir —", "— Choose —") error />
                <Field label=t("Réponse publiée", "Published answer") name="answer" kind="textarea" error />
                <button type="submit" class="primary">{t("Publier la réponse", "Publish the answer")}</button>
            </ActionForm>
        </section>
    }
}
