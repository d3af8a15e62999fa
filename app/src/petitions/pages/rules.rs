use crate::petitions::{
    api::{UpdatePetitionRules, petition_rules},
    model::{Rules, ThresholdKind},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, SelectField, error_of};
use leptos::prelude::*;

/// `/dialogue/petitions/regles`: staff set each institution's threshold, ages, limits and retention.
#[component]
pub fn RulesPage() -> impl IntoView {
    let action = ServerAction::<UpdatePetitionRules>::new();
    let chosen = query_param("institution");
    // Keyed on the chosen institution too, so that following a link to another one redraws the form.
    let data = Resource::new(move || (action.version().get(), chosen.get()), |_| petition_rules());
    view! {
        <PageHeading title=t("Règles des pétitions", "Petition rules") />
        <Loaded data=data ready={move |all: Vec<Rules>| {
                        let wanted: Option<i64> = chosen.get_untracked().and_then(|id| id.parse().ok());
                        let current = all.iter().find(|rules| Some(rules.institution_id) == wanted).or(all.first()).cloned();
                        view! {
                            <nav aria-label=t("Institutions", "Institutions")>
                                <ul class="name-list">
                                    {all.iter().map(|rules| {
                                        let here = current.as_ref().is_some_and(|current| current.institution_id == rules.institution_id);
                                        view! {
                                            <li>
                                                <a href=format!("{}?institution={}", paths::rules(), rules.institution_id)
                                                   aria-current=here.then_some("page")>
                                                    {rules.institution_name.clone()}
                                                </a>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </nav>
                            {current.map(|rules| view! { <RulesForm rules action /> })}
                        }.into_any()
                    }} />
    }
}

#[component]
fn RulesForm(rules: Rules, action: ServerAction<UpdatePetitionRules>) -> impl IntoView {
    let error = error_of(action);
    let saved = query_param("enregistre");
    let kinds =
        ThresholdKind::ALL.iter().map(|kind| (kind.as_str().to_string(), kind.label().to_string())).collect::<Vec<_>>();
    view! {
        <h2>{rules.institution_name.clone()}</h2>
        {move || saved.get().map(|_| view! { <Notice text=t("Règles enregistrées.", "Rules saved.") /> })}
        <FormAlert error />
        <ActionForm action attr:class="form">
            <input type="hidden" name="institution_id" value=rules.institution_id />
            <fieldset>
                <legend>{t("Seuil de réponse obligatoire", "Threshold for a mandatory answer")}</legend>
                <SelectField label=t("Type de seuil", "Threshold kind") name="threshold_kind" options=kinds selected=rules.threshold_kind.as_str().to_string() error />
                <Field label=t("Seuil fixe (signatures)", "Fixed threshold (signatures)") name="threshold_fixed" kind="number" initial=rules.threshold_fixed.to_string() error />
                <Field label=t("Nombre d'électeurs", "Number of electors") name="electors" kind="number" initial=rules.electors.to_string() error />
                <Field label=t("Fraction des électeurs : 1 sur", "Share of electors: 1 in") name="share_divisor" kind="number"
                       hint=t("10 pour une commune, 20 pour les autres collectivités.", "10 for a town, 20 for other local authorities.")
                       initial=rules.share_divisor.to_string() error />
            </fieldset>
            <fieldset>
                <legend>{t("Signataires et dépôts", "Signers and filings")}</legend>
                <Field label=t("Âge minimum pour signer", "Minimum age to sign") name="min_age" kind="number" initial=rules.min_age.to_string() error />
                <Field label=t("Pétitions déposées par personne", "Petitions filed per person") name="filings_per_period" kind="number" initial=rules.filings_per_period.to_string() error />
                <Field label=t("… sur une période de (jours)", "… over a period of (days)") name="filing_period_days" kind="number" initial=rules.filing_period_days.to_string() error />
                <Field label=t("Durée d'ouverture (jours)", "Open for (days)") name="duration_days" kind="number" initial=rules.duration_days.to_string() error />
            </fieldset>
            <fieldset>
                <legend>{t("Limites anti-abus et données personnelles", "Abuse limits and personal data")}</legend>
                <Field label=t("Signatures par minute (par adresse IP et par courriel)", "Signatures per minute (per IP and per email)") name="burst_per_minute" kind="number" initial=rules.burst_per_minute.to_string() error />
                <Field label=t("Signatures par 5 minutes", "Signatures per 5 minutes") name="per_five_minutes" kind="number" initial=rules.per_five_minutes.to_string() error />
                <Field label=t("Suppression des données des signataires (jours après la clôture)", "Signers' data deleted (days after closing)") name="retention_days" kind="number" initial=rules.retention_days.to_string() error />
            </fieldset>
            <button type="submit" class="primary">{t("Enregistrer les règles", "Save the rules")}</button>
        </ActionForm>
    }
}
