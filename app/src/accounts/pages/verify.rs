use crate::accounts::api::VerifyEmail;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{FormAlert, PageHeading, error_of};
use leptos::prelude::*;

/// The emailed link lands here; confirming is a POST, as every change of state.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = error_of(action);
    let token = query_param("jeton");
    view! {
        <PageHeading title=t("Confirmer mon adresse", "Confirm my address") />
        <FormAlert error />
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=move || token.get().unwrap_or_default() />
            <button type="submit" class="primary">{t("Confirmer mon adresse électronique", "Confirm my email address")}</button>
        </ActionForm>
    }
}
