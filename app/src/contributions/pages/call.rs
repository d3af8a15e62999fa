use crate::contributions::{
    api::{Contribute, PublishSynthesis, RetainContribution, call_page},
    domain::{Kind, check_open},
    model::{CallView, ContributionRow},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::id_param;
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, Copy)]
struct Actions {
    contribute: ServerAction<Contribute>,
    retain: ServerAction<RetainContribution>,
    synthesis: ServerAction<PublishSynthesis>,
}

/// `/dialogue/contributions/{id}`: the call, the form to contribute, the contributions with filters,
/// and for staff the retain buttons and the synthesis.
#[component]
pub fn CallPage() -> impl IntoView {
    let id = id_param();
    let kind = query_param("type");
    let status = query_param("statut");
    let actions =
        Actions { contribute: ServerAction::new(), retain: ServerAction::new(), synthesis: ServerAction::new() };
    let data = Resource::new(
        move || {
            (
                id.get(),
                kind.get().unwrap_or_default(),
                status.get().unwrap_or_default(),
                actions.contribute.version().get(),
                actions.retain.version().get(),
                actions.synthesis.version().get(),
            )
        },
        |(id, kind, status, _, _, _)| call_page(id, kind, status),
    );
    view! {
        <Loaded data=data missing=t("Appel introuvable", "Call not found") ready={move |page: CallView| view! { <Call page actions /> }} />
        <p><A href=paths::calls()>{t("Tous les appels à contributions", "All calls for contributions")}</A></p>
    }
}

#[component]
fn Call(page: CallView, actions: Actions) -> impl IntoView {
    let call = page.call;
    let open = check_open(call.opens_at, call.closes_at, page.now);
    let notices = [
        ("enregistre", t("Appel ouvert.", "Call opened.")),
        ("envoyee", t("Merci : votre contribution est publiée.", "Thank you: your contribution is published.")),
        ("synthese", t("Synthèse publiée.", "Synthesis published.")),
    ]
    .into_iter()
    .map(|(key, text)| {
        let present = query_param(key);
        move || present.get().map(|_| view! { <Notice text /> })
    })
    .collect_view();
    let login = crate::accounts::paths::login_then(&paths::call(call.id));
    view! {
        <PageHeading title=call.title.clone() />
        {notices}
        <dl class="facts">
            <dt>{t("Institution", "Institution")}</dt>
            <dd>{call.institution_name.clone()}</dd>
            <dt>{t("Période", "Period")}</dt>
            <dd>{format!("du {} au {}", french_date(call.opens_at), french_date(call.closes_at - 1))}</dd>
            <dt>{t("Contributions", "Contributions")}</dt>
            <dd>{format!("{}, dont {} retenue(s)", call.contributions, call.retained)}</dd>
        </dl>
        {call.description.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
        {call.synthesis.clone().map(|synthesis| view! {
            <section class="answer" aria-labelledby="synthese">
                <h2 id="synthese">{t("Synthèse", "Synthesis")}</h2>
                {synthesis.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
                <h3>{t("Contributions retenues", "Retained contributions")}</h3>
                <ul>{page.retained.iter().map(|row| view! { <li>{format!("{} — {}", row.kind.label(), row.title)}</li> }).collect_view()}</ul>
            </section>
        })}
        {match (open, page.signed_in) {
            (Ok(()), true) => view! { <ContributeForm call_id=call.id kinds=call.accepted().kinds() action=actions.contribute /> }.into_any(),
            (Ok(()), false) => view! {
                <p>{t("Connectez-vous pour contribuer.", "Log in to contribute.")}" "<A href=login>{t("Se connecter", "Log in")}</A></p>
            }.into_any(),
            (Err(reason), _) => view! { <p class="alert">{reason}</p> }.into_any(),
        }}
        <Filters id=call.id />
        <h2>{t("Contributions", "Contributions")}</h2>
        {page.contributions.is_empty().then(|| view! { <p>{t("Aucune contribution ne correspond.", "No contribution matches.")}</p> })}
        <ul class="contributions">
            {page.contributions.into_iter().map(|row| view! { <Item row is_staff=page.is_staff action=actions.retain /> }).collect_view()}
        </ul>
        {page.is_staff.then(|| view! { <SynthesisForm call_id=call.id current=call.synthesis.clone().unwrap_or_default() action=actions.synthesis /> })}
    }
}

#[component]
fn Item(row: ContributionRow, is_staff: bool, action: ServerAction<RetainContribution>) -> impl IntoView {
    let retained = row.retained_at.is_some();
    let named = format!(" « {} »", row.title);
    view! {
        <li class="card">
            <h3>{row.title.clone()}</h3>
            <p>
                <span class="badge">{row.kind.label()}</span>
                {retained.then(|| view! { " "<span class="badge badge-answered">{t("Retenue", "Retained")}</span> })}
                {format!(" · {} · {}", row.author_name.clone().unwrap_or_else(|| "Compte supprimé".into()), french_date(row.created_at))}
            </p>
            {row.body.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
            {is_staff.then(|| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="contribution_id" value=row.id />
                    <input type="hidden" name="retained" value=if retained { "0" } else { "1" } />
                    <button type="submit">
                        {if retained { t("Ne plus retenir", "Un-retain") } else { t("Retenir", "Retain") }}
                        <span class="visually-hidden">{named}</span>
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

/// A plain GET form: filtering works without JavaScript and gives a shareable address.
#[component]
fn Filters(id: i64) -> impl IntoView {
    let kind = query_param("type").get_untracked().unwrap_or_default();
    let status = query_param("statut").get_untracked().unwrap_or_default();
    view! {
        <form class="filters" method="get" action=paths::call(id) role="search" aria-label=t("Filtrer les contributions", "Filter the contributions")>
            <div class="field">
                <label for="filtre-type">{t("Type", "Kind")}</label>
                <select id="filtre-type" name="type">
                    <option value="">{t("Tous les types", "All kinds")}</option>
                    {Kind::ALL.iter().map(|&option| view! {
                        <option value=option.as_str() selected=kind == option.as_str()>{option.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filtre-statut">{t("Statut", "Status")}</label>
                <select id="filtre-statut" name="statut">
                    <option value="">{t("Toutes", "All")}</option>
                    <option value="retenue" selected=status == "retenue">{t("Retenues", "Retained")}</option>
                </select>
            </div>
            <button type="submit">{t("Filtrer", "Filter")}</button>
        </form>
    }
}

#[component]
fn ContributeForm(call_id: i64, kinds: Vec<Kind>, action: ServerAction<Contribute>) -> impl IntoView {
    let error = error_of(action);
    let options: Vec<(String, String)> =
        kinds.into_iter().map(|kind| (kind.as_str().to_string(), kind.label().to_string())).collect();
    view! {
        <section aria-labelledby="contribuer">
            <h2 id="contribuer">{t("Contribuer", "Contribute")}</h2>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <input type="hidden" name="call_id" value=call_id />
                <SelectField label=t("Type de contribution", "Kind of contribution") name="kind" options placeholder=t("— Choisir —", "— Choose —") error />
                <Field label=t("Titre", "Title") name="title" error />
                <Field label=t("Votre contribution", "Your contribution") name="body" kind="textarea" hint=t("De 20 à 5 000 caractères.", "20 to 5,000 characters.") error />
                <button type="submit" class="primary">{t("Envoyer ma contribution", "Send my contribution")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SynthesisForm(call_id: i64, current: String, action: ServerAction<PublishSynthesis>) -> impl IntoView {
    let error = error_of(action);
    view! {
        <section aria-labelledby="rediger-synthese">
            <h2 id="rediger-synthese">{t("Rédiger la synthèse", "Write the synthesis")}</h2>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <input type="hidden" name="call_id" value=call_id />
                <Field label=t("Synthèse publiée", "Published synthesis") name="synthesis" kind="textarea" initial=current error />
                <button type="submit" class="primary">{t("Publier la synthèse", "Publish the synthesis")}</button>
            </ActionForm>
        </section>
    }
}
