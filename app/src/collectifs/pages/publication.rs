use super::DocumentLink;
use crate::collectifs::{
    api::{TakePublicationStep, publication_page},
    model::{PublicationStage, PublicationStep, PublicationView},
    paths,
    publication::{goes_through_chain, problem},
};
use crate::platform::routing::query_param;
use crate::platform::{error::AppError, i18n::t};
use crate::platform::{routing::slug_param, time::french_date};
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, UploadOutcome, error_of};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// `/collectifs/{slug}/publications/{id}`: one publication, its PDF, and for opinions, reports
/// and studies every dated step of the chain with the forms of the next one.
#[component]
pub fn PublicationPage() -> impl IntoView {
    let slug = slug_param();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok())));
    let step = ServerAction::<TakePublicationStep>::new();
    let published = query_param("publiee");
    let data = Resource::new(
        move || (slug.get(), id.get(), step.version().get()),
        |(slug, id, _)| async move {
            match id {
                Some(id) => publication_page(slug, id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        {move || published.get().map(|_| view! { <Notice text=t("La publication est enregistrée.", "The publication is saved.") /> })}
        <UploadOutcome done=query_param("document") refused=query_param("document_refuse") saved=t("Le document est remplacé.", "The document is replaced.") problem=|code| Some(problem(code)) />
        <Loaded data=data ready={move |page: PublicationView| view! { <Publication page step /> }} missing=t("Publication introuvable", "Publication not found") />
    }
}

fn who_acted(step: &PublicationStep) -> String {
    let side = match step.stage {
        PublicationStage::Draft | PublicationStage::Submitted => t("pour le collectif", "for the group"),
        PublicationStage::Validated | PublicationStage::Returned => {
            t("pour le bureau municipal", "for the municipal bureau")
        }
        PublicationStage::Presented | PublicationStage::Answered | PublicationStage::Published => {
            t("pour la municipalité", "for the municipality")
        }
    };
    format!("{} {side}", step.actor_name)
}

/// The commission, the remarks or the answer a step carries.
fn step_detail(step: &PublicationStep) -> Option<String> {
    match step.stage {
        PublicationStage::Presented => Some(format!(
            "{} {}{}",
            t("Commission :", "Commission:"),
            step.note,
            step.on_date
                .as_deref()
                .map(|day| format!(", {} {}", t("séance du", "meeting of"), day_label(day)))
                .unwrap_or_default()
        )),
        PublicationStage::Returned => Some(format!("{} {}", t("Remarques :", "Remarks:"), step.note)),
        PublicationStage::Answered => Some(format!("{} {}", t("Réponse :", "Answer:"), step.note)),
        PublicationStage::Published
        | PublicationStage::Draft
        | PublicationStage::Submitted
        | PublicationStage::Validated => None,
    }
}

/// `2026-03-12` → `12 mars 2026`.
fn day_label(day: &str) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|day| french_date(day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc().timestamp()))
        .unwrap_or_else(|_| day.to_string())
}

#[component]
fn Publication(page: PublicationView, step: ServerAction<TakePublicationStep>) -> impl IntoView {
    let item = page.publication;
    let slug = item.collectif_slug.clone();
    let chain = goes_through_chain(item.kind);
    let with_collectif = page.facilitator && item.stage.with_collectif();
    let (title, collectif_name, summary) = (item.title.clone(), item.collectif_name.clone(), item.summary.clone());
    view! {
        <PageHeading title=title />
        <p class="lead">
            {item.kind.label()}" "{t("du collectif", "by the group")}" "
            <A href=paths::collectif(&slug)>{collectif_name}</A>
            " · "{day_label(&item.published_on)}
        </p>
        {(!summary.is_empty()).then(|| view! { <p>{summary}</p> })}
        <p><DocumentLink item=item.clone() /></p>
        {chain.then(|| view! {
            <h2>{t("Circuit de l'avis", "The opinion's path")}</h2>
            <p><strong>{t("Étape actuelle :", "Current stage:")}" "{item.stage.label()}</strong></p>
            <ol class="history">
                {page.steps.iter().map(|taken| view! {
                    <li>
                        {french_date(taken.at)}" — "{taken.stage.label()}" — "{who_acted(taken)}
                        {step_detail(taken).map(|detail| view! { <br />{detail} })}
                    </li>
                }).collect_view()}
            </ol>
        })}
        {with_collectif.then(|| {
            let action = item.file_href();
            view! {
                <h2>{t("Remplacer le document", "Replace the document")}</h2>
                <form method="post" action=action enctype="multipart/form-data" class="form">
                    <div class="field">
                        <label for="champ-document">{t("Nouvelle version (PDF, 5 Mo au plus)", "New version (PDF, 5 MB at most)")}</label>
                        <input id="champ-document" name="file" type="file" accept="application/pdf" required />
                    </div>
                    <button type="submit">{t("Remplacer le document", "Replace the document")}</button>
                </form>
            }
        })}
        {chain.then(|| view! { <NextStep slug=slug.clone() id=item.id stage=item.stage facilitator=page.facilitator staff=page.staff step /> })}
        <p>
            <A href=paths::tracker()>{t("Suivi de tous les avis", "Tracker of every opinion")}</A>" · "
            <A href=paths::collectif(&slug)>{t("Retour au collectif", "Back to the group")}</A>
        </p>
    }
}

/// The form of the step that comes next, for whoever takes it.
#[component]
fn NextStep(
    slug: String,
    id: i64,
    stage: PublicationStage,
    facilitator: bool,
    staff: bool,
    step: ServerAction<TakePublicationStep>,
) -> impl IntoView {
    let error = error_of(step);
    let form = |value: &'static str, label: &'static str, class: &'static str, fields: AnyView| {
        let slug = slug.clone();
        view! {
            <ActionForm action=step attr:class="form" attr:novalidate=true>
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="step" value=value />
                {fields}
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    let forms = match stage {
        PublicationStage::Draft | PublicationStage::Returned if facilitator => view! {
            <h2>{t("Transmettre au bureau municipal", "Send to the municipal bureau")}</h2>
            {form("submit", t("Transmettre au bureau municipal", "Send to the municipal bureau"), "primary", ().into_any())}
        }.into_any(),
        PublicationStage::Submitted if staff => view! {
            <h2>{t("Décision du bureau municipal", "The municipal bureau's decision")}</h2>
            {form("validate", t("Valider l'avis", "Validate the opinion"), "primary", ().into_any())}
            {form("return", t("Renvoyer avec remarques", "Return with remarks"), "", view! {
                <Field label=t("Remarques du bureau", "The bureau's remarks") name="note" kind="textarea" error />
            }.into_any())}
        }.into_any(),
        PublicationStage::Validated if staff => view! {
            <h2>{t("Présentation en commission", "Presentation to a commission")}</h2>
            {form("present", t("Enregistrer la présentation", "Record the presentation"), "primary", view! {
                <Field label=t("Commission d'élus", "Commission of elected officials") name="note" error />
                <Field label=t("Date de la séance", "Day of the meeting") name="on_date" kind="date" error />
            }.into_any())}
        }.into_any(),
        PublicationStage::Presented if staff => view! {
            <h2>{t("Réponse de la municipalité", "The municipality's answer")}</h2>
            {form("answer", t("Publier la réponse", "Publish the answer"), "primary", view! {
                <Field label=t("Réponse", "Answer") name="note" kind="textarea" error />
            }.into_any())}
        }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <FormAlert error />
        {forms}
    }
}
