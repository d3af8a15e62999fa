use crate::platform::{api::outbox, i18n::t};
use crate::ui::{LoadError, Loading, PageHeading};
use leptos::prelude::*;

/// Staff read queued and sent emails here; without SMTP this is where the demo's emails live.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| outbox());
    view! {
        <PageHeading title=t("Boîte d'envoi", "Outbox") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <p>{if view.smtp_configured {
                            t("Un serveur SMTP est configuré : les messages sont remis automatiquement.", "An SMTP server is configured: messages are delivered automatically.")
                        } else {
                            t("Aucun serveur SMTP n'est configuré : les messages restent ici.", "No SMTP server is configured: messages stay here.")
                        }}</p>
                        <ol class="outbox">
                            {view.messages.into_iter().map(|message| {
                                let status = match (message.sent_at, &message.last_error) {
                                    (Some(_), _) => "envoyé".to_string(),
                                    (None, Some(error)) => format!("en échec ({} essais) : {error}", message.attempts),
                                    (None, None) => "en attente".to_string(),
                                };
                                view! {
                                    <li class="outbox-message">
                                        <h2>{message.subject.clone()}</h2>
                                        <p>{format!("À : {} — {status}", message.recipient)}</p>
                                        <pre>{message.body.clone()}</pre>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
