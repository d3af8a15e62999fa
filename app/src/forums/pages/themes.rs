use crate::forums::api::{SetReplyEmails, list_themes};
use crate::forums::paths;
use crate::platform::i18n::t;
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::ui::{Loaded, Notice, PageHeading, Pages};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/forums`: the themes, and for signed-in people the reply-email preference.
#[component]
pub fn ThemesPage() -> impl IntoView {
    let preferences = ServerAction::<SetReplyEmails>::new();
    let saved = query_param("preferences");
    let page = query_param("page");
    let data = Resource::new(
        move || (page.get().and_then(|page| page.parse().ok()), preferences.version().get()),
        |(page, _)| list_themes(page),
    );
    view! {
        <PageHeading title=t("Forums", "Forums") />
        <p class="lead">{t("Débattez des questions que pose l'institution : ouvrez un fil, répondez, citez, soutenez.",
                           "Debate the institution's questions: start a thread, reply, quote, support.")}</p>
        {move || saved.get().map(|_| view! { <Notice text=t("Préférence enregistrée.", "Preference saved.") /> })}
        <Loaded data=data ready={move |view_data: crate::forums::model::ForumsView| view! {
                        <p class="actions">
                            {view_data.is_staff.then(|| view! { <A href=paths::new_theme() attr:class="button">{t("Ouvrir un forum", "Open a forum")}</A> })}
                            {view_data.can_moderate.then(|| view! { <A href=paths::moderation()>{t("Messages signalés", "Flagged posts")}</A> })}
                        </p>
                        <ul class="cards">
                            {view_data.themes.into_iter().map(|theme| view! {
                                <li class="card">
                                    <h2><A href=paths::theme(theme.id)>{theme.title.clone()}</A></h2>
                                    <p>{theme.question.clone()}</p>
                                    <p>{format!("{} · {} fil(s) · jusqu'au {}", theme.institution_name, theme.threads, french_date(theme.closes_at - 1))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                        <Pages base=paths::forums() page=view_data.shown.page pages=view_data.shown.pages label=t("Pages des forums", "Pages of forums") />
                        {view_data.signed_in.then(|| view! {
                            <ActionForm action=preferences attr:class="form">
                                <label class="choice">
                                    <input type="checkbox" name="enabled" value="1" checked=view_data.reply_emails />
                                    " "{t("Recevoir un courriel quand quelqu'un répond à mes messages", "Email me when someone replies to my posts")}
                                </label>
                                <button type="submit">{t("Enregistrer ma préférence", "Save my preference")}</button>
                            </ActionForm>
                        })}
                    }} />
    }
}
