use crate::platform::i18n::t;
use crate::ui::{Notice, PageHeading};
use leptos::prelude::*;

#[component]
pub fn CheckEmailPage() -> impl IntoView {
    view! {
        <PageHeading title=t("Vérifiez vos courriels", "Check your email") />
        <Notice text=t(
            "Si l'adresse peut être utilisée, un lien de confirmation vient d'y être envoyé. Il est valable 48 heures.",
            "If the address can be used, a confirmation link has just been sent to it. It is valid for 48 hours.",
        ) />
    }
}
