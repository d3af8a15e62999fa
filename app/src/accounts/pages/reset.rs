use crate::accounts::api::ResetPassword;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{FormAlert, NewPasswordField, PageHeading, error_of};
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
            <NewPasswordField label=t("Nouveau mot de passe", "New password") error />
            <button type="submit" class="primary">{t("Enregistrer", "Save")}</button>
        </ActionForm>
    }
}
