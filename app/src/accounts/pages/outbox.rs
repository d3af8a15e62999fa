use crate::platform::api::OutboxView;
use crate::platform::time::paris_moment;
use crate::platform::{api::outbox, i18n::t};
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;

/// Staff follow what was sent to whom, when, and what failed. Never the text: a link or a code in
/// it would let staff act as the recipient.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| outbox());
    view! {
        <PageHeading title=t("Boîte d'envoi", "Outbox") />
        <Loaded data=data ready={move |view: OutboxView| view! {
                <p>{if view.smtp_configured {
                    t("Un serveur SMTP est configuré : les messages sont remis automatiquement.", "An SMTP server is configured: messages are delivered automatically.")
                } else {
                    t("Aucun serveur SMTP n'est configuré : les messages sont déposés en fichiers dans le dossier de courrier du serveur, que seul l'exploitant de la machine peut lire.", "No SMTP server is configured: messages are written as files to the server's mail folder, which only the machine's operator can read.")
                }}</p>
                <p>{t("Le texte des messages n'est jamais affiché ici, et il est effacé de la base dès l'envoi.", "Message texts are never shown here, and are erased from the database once sent.")}</p>
                <ol class="outbox">
                    {view.messages.into_iter().map(|message| {
                        let status = match (message.sent_at, &message.last_error) {
                            (Some(at), _) => format!("envoyé le {}", paris_moment(at)),
                            (None, Some(error)) => format!("en échec ({} essais) : {error}", message.attempts),
                            (None, None) => "en attente".to_string(),
                        };
                        view! {
                            <li class="outbox-message">
                                <h2>{message.subject.clone()}</h2>
                                <p>{format!("À : {} — créé le {} — {status}", message.recipient, paris_moment(message.created_at))}</p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }} />
    }
}
