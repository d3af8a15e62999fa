use super::UploadForm;
use crate::citizen_councils::{
    api::{AnswerInformation, AskInformation, GrantApplication, RefuseApplication, application_page},
    domain::{CARRIER_KINDS, euros},
    model::{Application, ApplicationStatus, ApplicationView, BudgetLineView, upload_problem},
    paths,
};
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// `/conseils-citoyens/fonds/{id}`: one application as its carrier follows it and the council
/// reviews it — grant within the envelope, refuse with a reason, or ask for more; then the report.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    let actions = Actions {
        grant: ServerAction::new(),
        refuse: ServerAction::new(),
        ask: ServerAction::new(),
        answer: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get(),
                actions.grant.version().get(),
                actions.refuse.version().get(),
                actions.ask.version().get(),
                actions.answer.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => application_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let submitted = query_param("deposee");
    let reported = query_param("bilan");
    let refused = query_param("bilan_refuse");
    view! {
        {move || submitted.get().map(|_| view! {
            <Notice text=t("Votre demande est déposée : le conseil citoyen l'examine et vous répond par courriel.", "Your application is submitted: the citizen council reviews it and answers by email.").to_string() />
        })}
        {move || reported.get().map(|_| view! { <Notice text=t("Le bilan est déposé. Merci !", "The report is filed. Thank you!").to_string() /> })}
        {move || refused.get().map(|code| {
            let problem = upload_problem(&code).unwrap_or("Le bilan n'a pas pu être enregistré.");
            view! { <p class="alert alert-error" role="alert">{format!("{} {problem}", t("Bilan non enregistré :", "Report not saved:"))}</p> }
        })}
        <Loaded data missing=t("Demande introuvable", "Application not found") ready=move |page: ApplicationView| view! { <ApplicationBody page actions /> } />
        <p><A href=paths::fund()>{t("Retour au fonds", "Back to the fund")}</A></p>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    grant: ServerAction<GrantApplication>,
    refuse: ServerAction<RefuseApplication>,
    ask: ServerAction<AskInformation>,
    answer: ServerAction<AnswerInformation>,
}

#[component]
fn ApplicationBody(page: ApplicationView, actions: Actions) -> impl IntoView {
    let application = page.application;
    let carrier =
        CARRIER_KINDS.iter().find(|(code, _)| *code == application.carrier_kind).map_or("", |(_, label)| *label);
    let status = application.status;
    view! {
        <PageHeading title=application.title.clone() />
        <p><span class="badge">{status.label()}</span></p>
        <ul class="name-list">
            <li>{t("Conseil :", "Council:")}" "{application.council_name.clone()}" · "{t("enveloppe", "envelope")}" "{application.year}</li>
            <li>{t("Quartier :", "Neighbourhood:")}" "{application.neighbourhood.clone()}</li>
            <li>{t("Porteur :", "Carrier:")}" "{carrier}" — "{application.carrier_name.clone()}</li>
            <li>{t("Dates :", "Dates:")}" "{application.starts_on.clone()}" → "{application.ends_on.clone()}</li>
            <li>{t("Déposée le", "Submitted on")}" "{french_date(application.submitted_at)}</li>
        </ul>
        <h2>{t("Le projet", "The project")}</h2>
        <p>{application.description.clone()}</p>
        <Budget lines=page.budget total=application.total_cents />
        <p>{t("Montant demandé :", "Amount asked:")}" "<strong>{euros(application.requested_cents)}</strong></p>
        {(!application.other_funding.is_empty()).then(|| view! {
            <p>{t("Autres financements :", "Other funding:")}" "{application.other_funding.clone()}</p>
        })}
        <Decision application=application.clone() />
        {(page.mine && status == ApplicationStatus::Information).then(|| view! { <AnswerForm id=application.id action=actions.answer /> })}
        {(page.mine && status == ApplicationStatus::Granted).then(|| view! { <ReportForm id=application.id /> })}
        <Report application=application.clone() />
        {(page.staff && status == ApplicationStatus::Submitted).then(|| view! {
            <Review id=application.id envelope=page.envelope.map(|line| (line.year, line.amount_cents, line.remaining_cents())) actions />
        })}
    }
}

#[component]
fn Budget(lines: Vec<BudgetLineView>, total: i64) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table>
                <caption>{t("Budget prévisionnel", "Planned budget")}</caption>
                <thead>
                    <tr><th scope="col">{t("Dépense", "Expense")}</th><th scope="col">{t("Montant", "Amount")}</th></tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|line| view! { <tr><td>{line.label}</td><td>{euros(line.amount_cents)}</td></tr> }).collect_view()}
                </tbody>
                <tfoot>
                    <tr><th scope="row">{t("Total", "Total")}</th><td>{euros(total)}</td></tr>
                </tfoot>
            </table>
        </div>
    }
}

/// What the council said: its question and the answer, its refusal, or its grant.
#[component]
fn Decision(application: Application) -> impl IntoView {
    let message = application.council_message.clone();
    view! {
        <h2>{t("Décision du conseil", "The council's decision")}</h2>
        {match application.status {
            ApplicationStatus::Submitted => view! { <p>{t("En attente d'examen par le conseil citoyen.", "Awaiting the citizen council's review.")}</p> }.into_any(),
            ApplicationStatus::Refused => view! { <p>{t("Motif du refus :", "Reason for refusal:")}" "{message}</p> }.into_any(),
            ApplicationStatus::Information => view! { <p>{t("Le conseil demande :", "The council asks:")}" "{message}</p> }.into_any(),
            ApplicationStatus::Granted | ApplicationStatus::Reported => view! {
                <p>{t("Aide accordée :", "Grant awarded:")}" "<strong>{application.granted_cents.map(euros)}</strong></p>
            }.into_any(),
        }}
        {application.applicant_answer.clone().map(|answer| view! { <p>{t("Réponse du porteur :", "The carrier's answer:")}" "{answer}</p> })}
    }
}

#[component]
fn AnswerForm(id: i64, action: ServerAction<AnswerInformation>) -> impl IntoView {
    let error = error_of(action);
    view! {
        <h2>{t("Répondre au conseil", "Answer the council")}</h2>
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <Field label=t("Votre réponse", "Your answer") name="answer" kind="textarea" error />
            <button type="submit" class="primary">{t("Envoyer la réponse", "Send the answer")}</button>
        </ActionForm>
    }
}

/// The final report: a plain multipart form, so that it works without JavaScript.
#[component]
fn ReportForm(id: i64) -> impl IntoView {
    view! {
        <h2>{t("Déposer le bilan", "File the report")}</h2>
        <UploadForm
            action=paths::report(id)
            file_id="champ-fiche-bilan"
            file_label=t("Fiche bilan et justificatifs (PDF, 5 Mo au plus)", "Report sheet and receipts (PDF, 5 MB at most)")
            button=t("Déposer le bilan", "File the report")
        >
            <div class="field">
                <label for="champ-spent">{t("Dépenses réelles (euros)", "Actual spending (euros)")}</label>
                <input id="champ-spent" name="spent" type="text" inputmode="decimal" required />
            </div>
            <div class="field">
                <label for="champ-participants">{t("Nombre de participants", "Number of participants")}</label>
                <input id="champ-participants" name="participants" type="number" min="1" required />
            </div>
            <div class="field">
                <label for="champ-summary">{t("Bilan du projet", "Report of the project")}</label>
                <textarea id="champ-summary" name="summary" rows="6" required></textarea>
            </div>
        </UploadForm>
    }
}

#[component]
fn Report(application: Application) -> impl IntoView {
    let id = application.id;
    application.reported_at.map(|at| view! {
        <h2>{t("Bilan du projet", "Report of the project")}</h2>
        <ul class="name-list">
            <li>{t("Déposé le", "Filed on")}" "{french_date(at)}</li>
            <li>{t("Dépenses réelles :", "Actual spending:")}" "{application.spent_cents.map(euros)}</li>
            <li>{t("Participants :", "Participants:")}" "{application.participants}</li>
        </ul>
        <p>{application.report.clone()}</p>
        {application.report_sha256.is_some().then(|| view! {
            <p><a href=paths::report(id) rel="external" type="application/pdf">{t("Fiche bilan (PDF)", "Report sheet (PDF)")}</a></p>
        })}
    })
}

/// Staff's review: the envelope's balance, then grant, ask for more, or refuse.
#[component]
fn Review(id: i64, envelope: Option<(i64, i64, i64)>, actions: Actions) -> impl IntoView {
    let (grant_error, ask_error, refuse_error) =
        (error_of(actions.grant), error_of(actions.ask), error_of(actions.refuse));
    view! {
        <h2>{t("Examen (conseil)", "Review (council)")}</h2>
        <p>
            {match envelope {
                Some((year, amount, remaining)) => format!("{} {year} : {} {} {}.", t("Enveloppe", "Envelope"), euros(remaining), t("restants sur", "left of"), euros(amount)),
                None => t("Aucune enveloppe n'est fixée pour cette année.", "No envelope is set for this year.").to_string(),
            }}
        </p>
        <h3>{t("Accorder une aide", "Grant")}</h3>
        <FormAlert error=grant_error />
        <ActionForm action=actions.grant attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <Field label=t("Montant accordé (euros)", "Amount granted (euros)") name="amount" error=grant_error />
            <button type="submit" class="primary">{t("Accorder", "Grant")}</button>
        </ActionForm>
        <h3>{t("Demander un complément", "Ask for more information")}</h3>
        <FormAlert error=ask_error />
        <ActionForm action=actions.ask attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <Field label=t("Question au porteur", "Question to the carrier") name="question" kind="textarea" error=ask_error />
            <button type="submit">{t("Demander un complément", "Ask for more information")}</button>
        </ActionForm>
        <h3>{t("Refuser", "Refuse")}</h3>
        <FormAlert error=refuse_error />
        <ActionForm action=actions.refuse attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <Field label=t("Motif du refus, lu par le porteur", "Reason for refusal, read by the carrier") name="reason" kind="textarea" error=refuse_error />
            <button type="submit" class="danger">{t("Refuser la demande", "Refuse the application")}</button>
        </ActionForm>
    }
}
