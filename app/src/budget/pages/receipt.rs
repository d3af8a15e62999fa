use crate::budget::{api::check_receipt, model::ReceiptCheck, paths};
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::routing::slug_param;
use crate::ui::{Loaded, Notice, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget/{slug}/merci?recu=…`: the receipt after a vote.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let slug = slug_param();
    let code = query_param("recu");
    let data =
        Resource::new(move || (slug.get(), code.get().unwrap_or_default()), |(slug, code)| check_receipt(slug, code));
    view! {
        <PageHeading title=t("Merci pour votre vote", "Thank you for voting") />
        <Loaded data ready={move |check: ReceiptCheck| {
                if check.found {
                    view! {
                        <Notice text=format!("Votre bulletin pour « {} » est enregistré.", check.title) />
                        <p>{t("Votre code de reçu :", "Your receipt code:")}" "<strong class="receipt-code">{code.get_untracked().unwrap_or_default()}</strong></p>
                        <p>{t("Il vous a aussi été envoyé par courriel. Il prouve que votre bulletin a été reçu, sans dire pour qui vous avez voté.",
                              "It was also emailed to you. It proves your ballot was received without telling whom you voted for.")}</p>
                    }.into_any()
                } else {
                    view! {
                        <p class="alert alert-error" role="alert">{t("Ce code de reçu est inconnu pour cette campagne.", "This receipt code is unknown for this campaign.")}</p>
                    }.into_any()
                }
        }} />
        <p><A href=move || paths::campaign(&slug.get())>{t("Retour à la campagne", "Back to the campaign")}</A></p>
    }
}
