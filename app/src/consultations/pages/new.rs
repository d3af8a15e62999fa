use crate::consultations::{
    api::{CreateConsultation, consultation_choices},
    domain::{Audience, Visibility},
    model::BuilderChoices,
};
use crate::platform::i18n::t;
use crate::ui::{DayWindowFields, Field, FormAlert, Loaded, PageHeading, SelectField, error_of};
use leptos::prelude::*;

/// `/dialogue/consultations/nouvelle`: staff create a consultation, then add its questions.
#[component]
pub fn NewConsultationPage() -> impl IntoView {
    let action = ServerAction::<CreateConsultation>::new();
    let error = error_of(action);
    let choices = Resource::new(|| (), |_| consultation_choices());
    let listed = |items: Vec<(i64, String)>| -> Vec<(String, String)> {
        items.into_iter().map(|(id, name)| (id.to_string(), name)).collect()
    };
    view! {
        <PageHeading title=t("Nouvelle consultation", "New consultation") />
        <p class="lead">
            {t(
                "La consultation reste en préparation, visible de l'équipe seule, jusqu'à sa publication.",
                "The consultation stays in preparation, seen by staff only, until it is published.",
            )}
        </p>
        <FormAlert error />
        <Loaded data=choices ready={move |choices: BuilderChoices| {
                        let audiences = Audience::ALL.iter().map(|audience| (audience.as_str().to_string(), audience.label().to_string())).collect();
                        let visibilities = Visibility::ALL.into_iter().map(|visibility| (visibility.as_str().to_string(), visibility.label().to_string())).collect();
                        view! {
                            <ActionForm action attr:class="form">
                                <SelectField label=t("Institution", "Institution") name="institution_id" options=listed(choices.institutions) placeholder=t("— Choisir —", "— Choose —") error />
                                <Field label=t("Titre", "Title") name="title" hint=t("De 5 à 150 caractères.", "5 to 150 characters.") error />
                                <Field label=t("Présentation", "Presentation") name="description" kind="textarea"
                                       hint=t("Au moins 20 caractères. Séparez les paragraphes par une ligne vide.", "At least 20 characters. Separate paragraphs with an empty line.") error />
                                <DayWindowFields error />
                                <SelectField label=t("Qui peut répondre", "Who may answer") name="audience" options=audiences error />
                                <SelectField label=t("Territoire (pour un public d'un territoire)", "Territory (for a territory audience)") name="territory_id"
                                             options=listed(choices.territories) placeholder=t("— Aucun —", "— None —") required=false error />
                                <SelectField label=t("Publication des résultats", "Results shown") name="results_visibility" options=visibilities error />
                                <button type="submit" class="primary">{t("Créer la consultation", "Create the consultation")}</button>
                            </ActionForm>
                        }
        }} />
    }
}
