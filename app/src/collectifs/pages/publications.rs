use super::{FeedLink, PublicationArchive};
use crate::collectifs::{api::list_publications, paths};
use crate::platform::i18n::t;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/collectifs/publications`: every collectif's memos, minutes, opinions, reports and studies, by
/// year and month.
#[component]
pub fn PublicationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_publications(false));
    view! {
        <PageHeading title=t("Publications des collectifs", "Groups' publications") />
        <p class="lead">
            {t("Notes, comptes rendus, avis, rapports et études des collectifs, en PDF.",
               "The groups' memos, minutes, opinions, reports and studies, as PDFs.")}
        </p>
        <p><A href=paths::tracker()>{t("Suivre les avis jusqu'à la réponse de la municipalité", "Follow the opinions up to the municipality's answer")}</A></p>
        <FeedLink href=paths::publications_feed() label=t("S'abonner aux publications (Atom)", "Subscribe to the publications (Atom)") kind="application/atom+xml" />
        <Loaded data ready=|publications| view! { <PublicationArchive publications level=2 show_collectif=true /> } />
    }
}
