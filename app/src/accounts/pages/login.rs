use super::refresh_session_on_success;
use crate::accounts::api::Login;
use crate::accounts::paths;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{Field, FormAlert, Notice, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    refresh_session_on_success(action);
    let error = error_of(action);
    let next = query_param("suite");
    let verified = query_param("verifie");
    let renewed = query_param("nouveau");
    view! {
        <PageHeading title=t("Se connecter", "Log in") />
        {move || verified.get().map(|_| view! { <Notice text=t("Adresse confirmée : vous pouvez vous connecter.", "Address confirmed: you can log in.") /> })}
        {move || renewed.get().map(|_| view! { <Notice text=t("Mot de passe changé : connectez-vous avec le nouveau.", "Password changed: log in with the new one.") /> })}
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field label=t("Adresse électronique", "Email address") name="email" kind="email" autocomplete="email" error />
            <Field label=t("Mot de passe", "Password") name="password" kind="password" autocomplete="current-password" error />
            <input type="hidden" name="next" value=move || next.get().unwrap_or_default() />
            <button type="submit" class="primary">{t("Se connecter", "Log in")}</button>
        </ActionForm>
        <p><A href=paths::forgot_password()>{t("Mot de passe oublié ?", "Forgot your password?")}</A></p>
        <p>{t("Pas encore de compte ?", "No account yet?")}" " <A href=paths::register()>{t("Créer un compte", "Create an account")}</A></p>
    }
}
