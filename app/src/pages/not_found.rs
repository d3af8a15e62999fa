use crate::platform::i18n::t;
use crate::ui::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageHeading title=t("Page introuvable", "Page not found") />
        <p>{t("L'adresse demandée n'existe pas ou plus.", "The requested address does not exist or no longer exists.")}</p>
        <p><A href=super::paths::home()>{t("Retour à l'accueil", "Back to the home page")}</A></p>
    }
}
