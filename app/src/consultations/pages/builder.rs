use super::{PhaseBadge, notices, window_text};
use crate::consultations::{
    api::{AddQuestion, PublishConsultation, RemoveQuestion, consultation_page},
    domain::{Kind, Question},
    model::ConsultationView,
    paths,
};
use crate::platform::routing::id_param;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Field, FormAlert, LoadError, Loaded, PageHeading, SelectField, error_of, kept_value};
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddQuestion>,
    remove: ServerAction<RemoveQuestion>,
    publish: ServerAction<PublishConsultation>,
}

/// `/dialogue/consultations/{id}/questionnaire`: staff add and remove questions while nobody has
/// answered, and publish the consultation. Every form works without JavaScript.
#[component]
pub fn QuestionnairePage() -> impl IntoView {
    let id = id_param();
    let actions = Actions { add: ServerAction::new(), remove: ServerAction::new(), publish: ServerAction::new() };
    let data = Resource::new(
        move || {
            (id.get(), actions.add.version().get(), actions.remove.version().get(), actions.publish.version().get())
        },
        |(id, ..)| consultation_page(id),
    );
    view! {
        <Loaded data missing=t("Consultation introuvable", "Consultation not found") ready={move |page: ConsultationView| {
            if page.can_manage {
                view! { <Builder page actions /> }.into_any()
            } else {
                view! {
                    <PageHeading title=t("Questionnaire", "Questionnaire") />
                    <LoadError error=AppError::Forbidden />
                }.into_any()
            }
        }} />
    }
}

#[component]
fn Builder(page: ConsultationView, actions: Actions) -> impl IntoView {
    let consultation = page.consultation;
    let id = consultation.id;
    let frozen = consultation.responses > 0;
    let unpublished = consultation.published_at.is_none();
    let publish_error = error_of(actions.publish);
    let remove_error = error_of(actions.remove);
    view! {
        <PageHeading title=format!("Questionnaire — {}", consultation.title) />
        {notices(vec![
            ("enregistre", t("Consultation créée. Ajoutez ses questions, puis publiez-la.", "Consultation created. Add its questions, then publish it.")),
            ("ajoutee", t("Question ajoutée.", "Question added.")),
            ("retiree", t("Question retirée.", "Question removed.")),
        ])}
        <dl class="facts">
            <dt>{t("État", "State")}</dt>
            <dd><PhaseBadge phase=consultation.phase(page.now) /></dd>
            <dt>{t("Dates", "Dates")}</dt>
            <dd>{window_text(&consultation)}</dd>
            <dt>{t("Qui peut répondre", "Who may answer")}</dt>
            <dd>{consultation.audience_text()}</dd>
            <dt>{t("Résultats publiés", "Results shown")}</dt>
            <dd>{consultation.results_visibility.label()}</dd>
            <dt>{t("Réponses", "Answers")}</dt>
            <dd>{consultation.responses}</dd>
        </dl>
        <p class="actions">
            <A href=paths::consultation(id)>{t("Page de la consultation", "Consultation page")}</A>
            <A href=paths::results(id)>{t("Résultats", "Results")}</A>
        </p>
        {frozen.then(|| view! {
            <p class="alert" role="status">
                {t("Des personnes ont déjà répondu : les questions ne peuvent plus changer.", "People have already answered: the questions can no longer change.")}
            </p>
        })}
        {unpublished.then(|| view! {
            <section aria-labelledby="publier">
                <h2 id="publier">{t("Publication", "Publication")}</h2>
                <p>{t("Une fois publiée, la consultation est visible de tous et reçoit des réponses pendant ses dates.",
                      "Once published, the consultation is visible to everyone and takes answers within its dates.")}</p>
                <FormAlert error=publish_error />
                <ActionForm action=actions.publish attr:class="form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="primary">{t("Publier la consultation", "Publish the consultation")}</button>
                </ActionForm>
            </section>
        })}
        <section aria-labelledby="questions">
            <h2 id="questions">{t("Questions", "Questions")}</h2>
            <FormAlert error=remove_error />
            {page.questions.is_empty().then(|| view! { <p>{t("Aucune question pour le moment.", "No question yet.")}</p> })}
            <ol class="questions">
                {page.questions.into_iter().map(|question| view! { <QuestionItem question frozen remove=actions.remove /> }).collect_view()}
            </ol>
        </section>
        {(!frozen).then(|| view! { <NewQuestion id add=actions.add /> })}
    }
}

#[component]
fn QuestionItem(question: Question, frozen: bool, remove: ServerAction<RemoveQuestion>) -> impl IntoView {
    let mut details = vec![question.kind.label().to_string()];
    match question.kind {
        Kind::Multiple => details.push(format!("{} choix au plus", question.max_choices)),
        Kind::Scale => details.push(format!("de 1 à {}", question.scale_max)),
        _ => {}
    }
    details.push(if question.required { "obligatoire" } else { "facultative" }.to_string());
    view! {
        <li>
            <p><strong>{question.prompt.clone()}</strong>" "<span class="hint">{format!("({})", details.join(", "))}</span></p>
            {(!question.choices.is_empty()).then(|| view! {
                <ul>{question.choices.iter().map(|choice| view! { <li>{choice.label.clone()}</li> }).collect_view()}</ul>
            })}
            {(!frozen).then(|| view! {
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="question_id" value=question.id />
                    <button type="submit">
                        {t("Retirer", "Remove")}
                        <span class="visually-hidden">{format!(" « {} »", question.prompt)}</span>
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn NewQuestion(id: i64, add: ServerAction<AddQuestion>) -> impl IntoView {
    let error = error_of(add);
    let kinds = Kind::ALL.into_iter().map(|kind| (kind.as_str().to_string(), kind.label().to_string())).collect();
    let scales = vec![("5".to_string(), "De 1 à 5".to_string()), ("10".to_string(), "De 1 à 10".to_string())];
    // A fresh form is required by default; after a failed submission, as it was sent.
    let required = error.with_untracked(Option::is_none) || kept_value(error, "required").is_some();
    view! {
        <section aria-labelledby="ajouter">
            <h2 id="ajouter">{t("Ajouter une question", "Add a question")}</h2>
            <FormAlert error />
            <ActionForm action=add attr:class="form">
                <input type="hidden" name="consultation_id" value=id />
                <SelectField label=t("Type de question", "Question kind") name="kind" options=kinds error />
                <Field label=t("Question", "Question") name="prompt" hint=t("De 3 à 300 caractères.", "3 to 300 characters.") error />
                <div class="field">
                    <label class="choice" for="champ-required">
                        <input type="checkbox" id="champ-required" name="required" value="oui" checked=required />
                        " "{t("Réponse obligatoire", "Answer required")}
                    </label>
                </div>
                <Field label=t("Options, une par ligne", "Options, one per line") name="options" kind="textarea" required=false
                       hint=t("Pour les choix uniques, multiples et les classements : de 2 à 20 options.", "For single choice, multiple choice and ranking: 2 to 20 options.") error />
                <Field label=t("Nombre maximum de choix", "Maximum number of choices") name="max_choices" kind="number" required=false
                       hint=t("Choix multiple seulement ; vide : autant que d'options.", "Multiple choice only; empty: as many as options.") error />
                <SelectField label=t("Échelle (questions d'échelle seulement)", "Scale (scale questions only)") name="scale_max" options=scales error />
                <button type="submit" class="primary">{t("Ajouter la question", "Add the question")}</button>
            </ActionForm>
        </section>
    }
}
