use crate::budget::api::setup::{CreateCampaign, campaign_territories};
use crate::budget::model::{CountingRule, ResultsVisibility, Scope};
use crate::platform::error::AppError;
use crate::platform::i18n::t;
use crate::platform::places::{Place, TerritoryKind};
use crate::ui::{Field, FormAlert, Loaded, PageHeading, SelectField, error_of, field_message, kept_value};
use leptos::prelude::*;

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(value, label)| (value.to_string(), label.to_string())).collect()
}

/// `/budget/nouvelle`: staff set up a campaign — texts, calendar, voting rules, envelopes.
#[component]
pub fn NewCampaignPage() -> impl IntoView {
    let action = ServerAction::<CreateCampaign>::new();
    let error = error_of(action);
    let territories = Resource::new(|| (), |_| campaign_territories());
    let changeable = kept_value(error, "ballot_changeable").is_none_or(|value| value == "yes");
    view! {
        <PageHeading title=t("Nouvelle campagne de budget citoyen", "New citizen budget campaign") />
        <p>{t("Les champs marqués d'un astérisque (*) sont obligatoires. Les dates sont des jours entiers, heure de Paris.",
              "Fields marked with an asterisk (*) are required. Dates are whole days, Paris time.")}</p>
        <FormAlert error />
        <Loaded data=territories ready={move |territories: Vec<Place>| view! {
            <ActionForm action attr:class="form">
                <fieldset>
                    <legend>{t("La campagne", "The campaign")}</legend>
                    <Field label=t("Titre", "Title") name="title" hint=t("Il donne aussi l'adresse de la campagne.", "It also gives the campaign's address.") error />
                    <Field label=t("Présentation", "Presentation") name="description" kind="textarea" error />
                    <Field label=t("Règles, pour les habitants", "Rules, for residents") name="rules_text" kind="textarea" error />
                </fieldset>
                <fieldset>
                    <legend>{t("Calendrier", "Calendar")}</legend>
                    <Field label=t("Premier jour du dépôt des projets", "First day of project submission") name="submission_opens" kind="date" error />
                    <Field label=t("Dernier jour du dépôt", "Last day of submission") name="submission_closes" kind="date" error />
                    <Field label=t("Premier jour du vote", "First day of the vote") name="vote_opens" kind="date" hint=t("L'examen des projets se fait entre la fin du dépôt et le vote.", "Projects are reviewed between submission and the vote.") error />
                    <Field label=t("Dernier jour du vote", "Last day of the vote") name="vote_closes" kind="date" error />
                </fieldset>
                <fieldset>
                    <legend>{t("Règles du vote", "Voting rules")}</legend>
                    <Field label=t("Nombre de projets par bulletin", "Projects per ballot") name="choices" kind="number" initial="3" error />
                    <SelectField label=t("Le votant en choisit", "The voter chooses") name="choice_mode" options=options(&[("up_to", "jusqu'à ce nombre"), ("exact", "exactement ce nombre")]) error />
                    <Field label=t("Âge minimum le jour du vote", "Minimum age on voting day") name="min_age" kind="number" initial="11" error />
                    <SelectField label=t("Chacun vote", "Everyone votes") name="scope" options=options(&[(Scope::Campaign.as_str(), "pour des projets de tous les territoires"), (Scope::Territory.as_str(), "pour les projets de son territoire")]) error />
                    <div class="field">
                        <label class="choice">
                            <input type="checkbox" name="ballot_changeable" value="yes" checked=changeable />
                            " "{t("Un votant peut modifier son bulletin jusqu'à la clôture", "A voter may change their ballot until the vote closes")}
                        </label>
                    </div>
                    <SelectField label=t("Les résultats se voient", "Results are shown") name="results_visibility" options=options(&[(ResultsVisibility::AfterClose.as_str(), "après la clôture du vote"), (ResultsVisibility::Live.as_str(), "en direct, pendant le vote"), (ResultsVisibility::Published.as_str(), "quand l'équipe les publie")]) error />
                    <SelectField label=t("Règle de décompte", "Counting rule") name="rule" options=options(&[(CountingRule::Greedy.as_str(), "les plus soutenus d'abord, dans l'enveloppe"), (CountingRule::EqualShares.as_str(), "parts égales (Method of Equal Shares)")]) error />
                    <Field label=t("Minimum de voix pour être financé", "Minimum votes to be funded") name="min_votes" kind="number" required=false initial="0" error />
                </fieldset>
                <Envelopes territories error />
                <button type="submit" class="primary">{t("Créer la campagne", "Create the campaign")}</button>
            </ActionForm>
        }} />
    }
}

/// One amount per territory, grouped by kind; a blank one leaves the territory out.
#[component]
fn Envelopes(territories: Vec<Place>, error: Signal<Option<AppError>>) -> impl IntoView {
    let general = field_message(error, "envelopes");
    let mut kinds: Vec<TerritoryKind> = territories.iter().filter_map(|place| place.kind).collect();
    kinds.dedup();
    view! {
        <fieldset>
            <legend>{t("Enveloppes par territoire, en euros", "Envelopes per area, in euros")}</legend>
            <p class="hint">{t("Laissez vide un territoire qui ne participe pas.", "Leave an area that does not take part blank.")}</p>
            {move || general.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            {kinds.into_iter().map(|kind| {
                let inputs = territories.iter().filter(|place| place.kind == Some(kind)).map(|place| {
                    let key = format!("e{}", place.id);
                    let id = format!("enveloppe-{}", place.id);
                    let message = field_message(error, key.clone());
                    let error_id = format!("{id}-erreur");
                    let described = error_id.clone();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{place.name.clone()}</label>
                            <input
                                id=id
                                name=format!("envelopes[{key}]")
                                type="text"
                                inputmode="decimal"
                                value=kept_value(error, &key)
                                aria-invalid=move || message.with(Option::is_some).then_some("true")
                                aria-describedby=move || message.with(Option::is_some).then(|| described.clone())
                            />
                            {move || message.get().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
                        </div>
                    }
                }).collect_view();
                view! {
                    <fieldset>
                        <legend>{kind.label()}</legend>
                        {inputs}
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}
