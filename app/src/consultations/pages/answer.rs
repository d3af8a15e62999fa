use super::{PhaseBadge, notices, paragraphs, window_text};
use crate::consultations::{
    api::{AnswerConsultation, consultation_page},
    domain::{Audience, Kind, Question, TEXT_ANSWER_MAX},
    model::ConsultationView,
    paths,
};
use crate::platform::routing::id_param;
use crate::platform::text::french_number;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{FormAlert, Loaded, PageHeading, error_of, field_message, kept_value};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/consultations/{id}`: the presentation and, for whoever may answer, the questionnaire.
#[component]
pub fn AnswerPage() -> impl IntoView {
    let id = id_param();
    let action = ServerAction::<AnswerConsultation>::new();
    let data = Resource::new(move || (id.get(), action.version().get()), |(id, _)| consultation_page(id));
    view! {
        <Loaded data=data ready={move |page: ConsultationView| view! { <Consultation page action /> }} missing=t("Consultation introuvable", "Consultation not found") />
        <p><A href=paths::consultations()>{t("Toutes les consultations", "All consultations")}</A></p>
    }
}

#[component]
fn Consultation(page: ConsultationView, action: ServerAction<AnswerConsultation>) -> impl IntoView {
    let consultation = page.consultation;
    let id = consultation.id;
    let phase = consultation.phase(page.now);
    let login = (!page.signed_in && consultation.audience != Audience::Everyone)
        .then(|| crate::accounts::paths::login_then(&paths::consultation(id)));
    view! {
        <PageHeading title=consultation.title.clone() />
        {notices(vec![
            ("merci", t("Merci ! Votre réponse est enregistrée.", "Thank you! Your answer is recorded.")),
            ("publiee", t("Consultation publiée.", "Consultation published.")),
        ])}
        <dl class="facts">
            <dt>{t("État", "State")}</dt>
            <dd><PhaseBadge phase /></dd>
            <dt>{t("Institution", "Institution")}</dt>
            <dd>{consultation.institution_name.clone()}</dd>
            <dt>{t("Dates", "Dates")}</dt>
            <dd>{window_text(&consultation)}</dd>
            <dt>{t("Qui peut répondre", "Who may answer")}</dt>
            <dd>{consultation.audience_text()}</dd>
            <dt>{t("Réponses", "Answers")}</dt>
            <dd>{consultation.responses}</dd>
        </dl>
        {paragraphs(&consultation.description)}
        <p class="actions">
            {page.results_visible.then(|| view! {
                <A href=paths::results(id)>{t("Voir les résultats", "See the results")}</A>
            })}
            {page.can_manage.then(|| view! {
                <A href=paths::questionnaire(id)>{t("Modifier le questionnaire", "Edit the questionnaire")}</A>
            })}
        </p>
        {match page.refusal {
            None => view! { <AnswerForm id questions=page.questions action /> }.into_any(),
            Some(message) => view! {
                <p class=if page.answered { "alert alert-ok" } else { "alert" } role="status">{message}</p>
                {login.map(|href| view! { <p><A href=href>{t("Se connecter pour répondre", "Log in to answer")}</A></p> })}
            }.into_any(),
        }}
    }
}

#[component]
fn AnswerForm(id: i64, questions: Vec<Question>, action: ServerAction<AnswerConsultation>) -> impl IntoView {
    let error = error_of(action);
    view! {
        <section aria-labelledby="repondre">
            <h2 id="repondre">{t("Répondre", "Answer")}</h2>
            <p class="hint">{t("Les questions marquées d'un astérisque (*) sont obligatoires.", "Questions marked with an asterisk (*) are required.")}</p>
            <FormAlert error />
            <ActionForm action attr:class="form questionnaire">
                <input type="hidden" name="id" value=id />
                {questions.into_iter().enumerate().map(|(index, question)| view! {
                    <QuestionField number=index + 1 question error />
                }).collect_view()}
                <button type="submit" class="primary">{t("Envoyer mes réponses", "Send my answers")}</button>
            </ActionForm>
        </section>
    }
}

/// One question's controls, grouped under its text, with its error message.
#[component]
fn QuestionField(number: usize, question: Question, error: Signal<Option<AppError>>) -> impl IntoView {
    let field = question.field();
    let error_id = format!("{field}-erreur");
    let message = field_message(error, field.clone());
    let kept = move |name: &str| kept_value(error, name);
    let name = |key: &str| format!("answers[{key}]");
    let required = question.required;
    let legend = view! {
        {format!("{number}. {}", question.prompt)}
        {required.then(|| view! {
            <span class="required" aria-hidden="true">" *"</span>
            <span class="visually-hidden">{t(" (obligatoire)", " (required)")}</span>
        })}
    };
    let described_by = {
        let error_id = error_id.clone();
        move || message.with(Option::is_some).then(|| error_id.clone())
    };
    let error_text = move || message.get().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> });
    let hint = match question.kind {
        Kind::Multiple => Some(format!("Au plus {} choix.", question.max_choices)),
        Kind::Scale => Some(format!("De 1 à {}.", question.scale_max)),
        Kind::Ranking => Some(format!(
            "Donnez à chaque option un rang différent, de 1 (la plus importante) à {}.",
            question.choices.len()
        )),
        Kind::Text => Some(format!("{} caractères au plus.", french_number(TEXT_ANSWER_MAX as i64))),
        Kind::Single => None,
    };
    let hint = hint.map(|text| view! { <p class="hint">{text}</p> });
    let controls = match question.kind {
        Kind::Single | Kind::Scale => {
            let values: Vec<(String, String)> = if question.kind == Kind::Single {
                question.choices.iter().map(|choice| (choice.id.to_string(), choice.label.clone())).collect()
            } else {
                (1..=question.scale_max).map(|value| (value.to_string(), value.to_string())).collect()
            };
            let chosen = kept(&field);
            let class = if question.kind == Kind::Scale { "choices scale" } else { "choices" };
            view! {
                <div class=class>
                    {values.into_iter().map(|(value, label)| {
                        let id = format!("{field}-{value}");
                        let label_for = id.clone();
                        let checked = chosen.as_deref() == Some(value.as_str());
                        view! {
                            <label class="choice" for=label_for>
                                <input type="radio" id=id name=name(&field) value=value required=required checked=checked />
                                " "{label}
                            </label>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        Kind::Multiple => view! {
            <div class="choices">
                {question.choices.iter().map(|choice| {
                    let key = question.choice_field(choice.id);
                    let checked = kept(&key).is_some();
                    view! {
                        <label class="choice" for=key.clone()>
                            <input type="checkbox" id=key.clone() name=name(&key) value="1" checked=checked />
                            " "{choice.label.clone()}
                        </label>
                    }
                }).collect_view()}
            </div>
        }
        .into_any(),
        Kind::Ranking => {
            let count = question.choices.len();
            view! {
                <div class="ranks">
                    {question.choices.iter().map(|choice| {
                        let key = question.rank_field(choice.id);
                        let chosen = kept(&key);
                        view! {
                            <div class="rank">
                                <select id=key.clone() name=name(&key) required=required>
                                    <option value="">"—"</option>
                                    {(1..=count).map(|rank| {
                                        let selected = chosen.as_deref() == Some(rank.to_string().as_str());
                                        view! { <option value=rank selected=selected>{rank}</option> }
                                    }).collect_view()}
                                </select>
                                <label for=key.clone()>{choice.label.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        Kind::Text => view! {
            <textarea id=field.clone() name=name(&field) rows="5" required=required aria-labelledby=format!("{field}-titre")>
                {kept(&field)}
            </textarea>
        }
        .into_any(),
    };
    view! {
        <fieldset class="question" aria-describedby=described_by>
            <legend id=format!("{field}-titre")>{legend}</legend>
            {hint}
            {controls}
            {error_text}
        </fieldset>
    }
}
