use crate::forums::api::{DismissFlags, HidePost, moderation_flags};
use crate::forums::paths;
use crate::platform::i18n::t;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/forums/moderation`: flagged posts, the most flagged first; hide with a reason or dismiss.
#[component]
pub fn ForumModerationPage() -> impl IntoView {
    let hide = ServerAction::<HidePost>::new();
    let dismiss = ServerAction::<DismissFlags>::new();
    let hide_error = error_of(hide);
    let dismiss_error = error_of(dismiss);
    let queue = Resource::new(move || (hide.version().get(), dismiss.version().get()), |_| moderation_flags());
    view! {
        <PageHeading title=t("Messages signalés", "Flagged posts") />
        <FormAlert error=hide_error />
        <FormAlert error=dismiss_error />
        <Loaded data=queue ready={move |posts: Vec<crate::forums::model::FlaggedPost>| {
            if posts.is_empty() {
                view! { <p>{t("Aucun signalement en attente.", "No flag waiting.")}</p> }.into_any()
            } else {
                view! {
                        <ul class="cards">
                            {posts.into_iter().map(|post| {
                                let reason_id = format!("motif-{}", post.post_id);
                                view! {
                                    <li class="card">
                                        <h2><A href=format!("{}#message-{}", paths::thread(post.thread_id), post.post_id)>{post.thread_title.clone()}</A></h2>
                                        <p>{format!("{} · {} signalement(s) : {}", post.author_name.clone().unwrap_or_default(), post.flags, post.reasons)}</p>
                                        <div class="post-body" inner_html=post.body_html.clone()></div>
                                        <ActionForm action=hide attr:class="inline-form">
                                            <input type="hidden" name="post_id" value=post.post_id />
                                            <label for=reason_id.clone()>{t("Motif (visible par l'auteur)", "Reason (shown to the author)")}</label>
                                            <input id=reason_id name="reason" type="text" required=true />
                                            <button type="submit" class="danger">{t("Masquer", "Hide")}</button>
                                        </ActionForm>
                                        <ActionForm action=dismiss attr:class="inline-form">
                                            <input type="hidden" name="post_id" value=post.post_id />
                                            <button type="submit">{t("Classer sans suite", "Dismiss")}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
            }
        }} />
    }
}
