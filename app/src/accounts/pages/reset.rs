use super::query_param;
use crate::accounts::api::ResetPassword;
use crate::platform::i18n::t;
use crate::ui::{Field, FormAlert, PageHeading, error_of};
use leptos::prelude::*;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = error_of(action);
    let token = query_param("jeton");
    view! {
        <PageHeading title=t("Nouveau mot de passe", "New password") />
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="token" value=move || token.get().unwrap_or_default() />
            <Field
                label=t("Nouveau mot de passe", "New password")
                name="password"
                kind="password"
                autocomplete="new-password"
                hint=t("De 8 à 128 caractères ; évitez les mots de passe courants.", "8 to 128 characters; avoid common passwords.")
                error
            />
            <button type="submit" class="primary">{t("Enregistrer", "Save")}</button>
        </ActionForm>
    }
}
