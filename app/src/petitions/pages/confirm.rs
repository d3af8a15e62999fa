use crate::petitions::api::ConfirmSignature;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::ui::{FormAlert, PageHeading, error_of};
use leptos::prelude::*;

/// The emailed link lands here. Confirming is a POST, so that a mail scanner opening the link
/// does not sign in the person's name.
#[component]
pub fn ConfirmSignaturePage() -> impl IntoView {
    let action = ServerAction::<ConfirmSignature>::new();
    let error = error_of(action);
    let token = query_param("jeton");
    view! {
        <PageHeading title=t("Confirmer ma signature", "Confirm my signature") />
        <p>{t("Un dernier clic pour que votre signature soit comptée.", "One last click for your signature to count.")}</p>
        <FormAlert error />
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=move || token.get().unwrap_or_default() />
            <button type="submit" class="primary">{t("Confirmer ma signature", "Confirm my signature")}</button>
        </ActionForm>
    }
}
