use crate::accounts::api::RequestPasswordReset;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{Field, FormAlert, Notice, PageHeading, error_of};
use leptos::prelude::*;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = error_of(action);
    let sent = query_param("envoye");
    view! {
        <PageHeading title=t("Mot de passe oublié", "Forgotten password") />
        {move || sent.get().map(|_| view! {
            <Notice text=t("Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot de passe vient d'y être envoyé.", "If an account exists for this address, a link to choose a new password has been sent to it.") />
        })}
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field label=t("Adresse électronique", "Email address") name="email" kind="email" autocomplete="email" error />
            <button type="submit" class="primary">{t("Recevoir un lien", "Send me a link")}</button>
        </ActionForm>
    }
}
