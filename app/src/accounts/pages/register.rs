use crate::accounts::api::{Register, list_places};
use crate::accounts::paths;
use crate::platform::i18n::t;
use crate::ui::{Field, FormAlert, Loaded, NewPasswordField, PageHeading, PlaceSelects, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let error = error_of(action);
    let places = Resource::new(|| (), |_| list_places());
    view! {
        <PageHeading title=t("Créer un compte", "Create an account") />
        <p>{t("Les champs marqués d'un astérisque (*) sont obligatoires.", "Fields marked with an asterisk (*) are required.")}</p>
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field label=t("Adresse électronique", "Email address") name="email" kind="email" autocomplete="email" error />
            <NewPasswordField label=t("Mot de passe", "Password") error />
            <Field label=t("Nom affiché", "Display name") name="display_name" autocomplete="nickname" error />
            <Field
                label=t("Date de naissance", "Date of birth")
                name="birth_date"
                kind="date"
                autocomplete="bday"
                hint=t("Format AAAA-MM-JJ. Elle sert à vérifier l'âge requis pour voter ou signer.", "Format YYYY-MM-DD. Used to check the age required to vote or sign.")
                error
            />
            <Loaded data=places ready={move |places| view! { <PlaceSelects places error /> }} />
            <button type="submit" class="primary">{t("Créer mon compte", "Create my account")}</button>
        </ActionForm>
        <p>{t("Déjà inscrit·e ?", "Already registered?")}" " <A href=paths::login()>{t("Se connecter", "Log in")}</A></p>
    }
}
