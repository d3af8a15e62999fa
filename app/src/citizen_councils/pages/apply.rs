use crate::citizen_councils::{
    api::{SubmitApplication, apply_options},
    domain::CARRIER_KINDS,
    model::ApplicationChoices,
    paths,
};
use crate::platform::i18n::t;
use crate::ui::{Field, FormAlert, Loaded, PageHeading, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

fn choices(list: Vec<(i64, String)>) -> Vec<(String, String)> {
    list.into_iter().map(|(id, name)| (id.to_string(), name)).collect()
}

/// `/conseils-citoyens/fonds/deposer`: a resident applies for a grant for a project.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let submit = ServerAction::<SubmitApplication>::new();
    let error = error_of(submit);
    let data = Resource::new(|| (), |_| apply_options());
    let carriers: Vec<(String, String)> =
        CARRIER_KINDS.iter().map(|(code, label)| (code.to_string(), label.to_string())).collect();
    view! {
        <PageHeading title=t("Demande d'aide au Fonds de Participation des Habitants", "Application to the residents' participation fund") />
        <p class="lead">
            {t("Décrivez le projet, qui le porte, son quartier, ses dates et son budget. Le conseil citoyen vous répond par courriel ; vous suivez la demande sur sa page.",
               "Describe the project, who carries it, its neighbourhood, dates and budget. The citizen council answers by email; you follow the application on its page.")}
        </p>
        <FormAlert error />
        <Loaded data ready=move |options: ApplicationChoices| {
            let carriers = carriers.clone();
            view! {
                <ActionForm action=submit attr:class="form" attr:novalidate=true>
                    <SelectField label=t("Conseil citoyen", "Citizen council") name="council_id" options=choices(options.councils) placeholder=t("— Choisir —", "— Choose —") error />
                    <SelectField label=t("Quartier du projet", "Neighbourhood of the project") name="territory_id" options=choices(options.neighbourhoods) placeholder=t("— Choisir —", "— Choose —") error />
                    <Field label=t("Titre du projet", "Project title") name="title" error />
                    <Field label=t("Description du projet", "Project description") name="description" kind="textarea" hint=t("Ce que vous ferez, pour qui, avec qui (20 caractères au moins).", "What you will do, for whom, with whom (20 characters at least).") error />
                    <SelectField label=t("Le projet est porté par", "The project is carried by") name="carrier_kind" options=carriers error />
                    <Field label=t("Nom de l'association ou du groupe", "Name of the association or group") name="carrier_name" error />
                    <Field label=t("Date de début", "Start date") name="starts_on" kind="date" error />
                    <Field label=t("Date de fin", "End date") name="ends_on" kind="date" error />
                    <Field label=t("Budget, une dépense par ligne", "Budget, one expense per line") name="budget" kind="textarea" hint=t("« dépense ; montant », par exemple « Location de salle ; 150 ».", "« expense ; amount », for example « Room hire ; 150 ».") error />
                    <Field label=t("Montant demandé au fonds (euros)", "Amount asked from the fund (euros)") name="requested" error />
                    <Field label=t("Autres financements (facultatif)", "Other funding (optional)") name="other_funding" kind="textarea" required=false error />
                    <button type="submit" class="primary">{t("Déposer la demande", "Submit the application")}</button>
                </ActionForm>
            }
        } />
        <p><A href=paths::fund()>{t("Retour au fonds", "Back to the fund")}</A></p>
    }
}
