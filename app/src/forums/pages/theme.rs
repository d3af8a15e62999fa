use crate::forums::{
    api::{PinSynthesis, StartThread, theme_page},
    domain::check_postable,
    model::ThemeView,
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::id_param;
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, Pages, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/forums/{id}`: the guiding question, the pinned synthesis, the threads, a new thread.
#[component]
pub fn ThemePage() -> impl IntoView {
    let id = id_param();
    let start = ServerAction::<StartThread>::new();
    let pin = ServerAction::<PinSynthesis>::new();
    let page = query_param("page");
    let data = Resource::new(
        move || (id.get(), page.get().and_then(|page| page.parse().ok()), start.version().get(), pin.version().get()),
        |(id, page, _, _)| theme_page(id, page),
    );
    view! {
        <Loaded data=data missing=t("Forum introuvable", "Forum not found") ready={move |page: ThemeView| view! { <Theme page start pin /> }} />
        <p><A href=paths::forums()>{t("Tous les forums", "All forums")}</A></p>
    }
}

#[component]
fn Theme(page: ThemeView, start: ServerAction<StartThread>, pin: ServerAction<PinSynthesis>) -> impl IntoView {
    let theme = page.theme;
    let base = paths::theme(theme.id);
    let open = check_postable(theme.opens_at, theme.closes_at, false, page.now);
    let start_error = error_of(start);
    let pin_error = error_of(pin);
    let notices = [
        ("enregistre", t("Forum ouvert.", "Forum opened.")),
        ("synthese", t("Synthèse épinglée.", "Synthesis pinned.")),
    ]
    .into_iter()
    .map(|(key, text)| {
        let present = query_param(key);
        move || present.get().map(|_| view! { <Notice text /> })
    })
    .collect_view();
    view! {
        <PageHeading title=theme.title.clone() />
        {notices}
        <p class="lead">{theme.question.clone()}</p>
        <p>{format!("{} · du {} au {}", theme.institution_name, french_date(theme.opens_at), french_date(theme.closes_at - 1))}</p>
        {theme.synthesis_html.clone().map(|html| view! {
            <section class="answer" aria-labelledby="synthese">
                <h2 id="synthese">{t("Synthèse des débats", "Synthesis of the debates")}</h2>
                <div class="post-body" inner_html=html></div>
            </section>
        })}
        <h2>{t("Fils de discussion", "Threads")}</h2>
        {page.threads.is_empty().then(|| view! { <p>{t("Aucun fil pour le moment.", "No thread yet.")}</p> })}
        <ul class="threads">
            {page.threads.into_iter().map(|thread| view! {
                <li>
                    <A href=paths::thread(thread.id)>{thread.title.clone()}</A>
                    {format!(
                        " — {} · {} message(s) · {}",
                        thread.author_name.clone().unwrap_or_else(|| "Compte supprimé".into()),
                        thread.posts,
                        french_date(thread.last_post_at)
                    )}
                    {thread.locked_at.map(|_| view! { " "<span class="badge">{t("Verrouillé", "Locked")}</span> })}
                </li>
            }).collect_view()}
        </ul>
        <Pages base page=page.shown.page pages=page.shown.pages label=t("Pages des fils", "Pages of threads") />
        {match (open, page.signed_in) {
            (Ok(()), true) => view! {
                <section aria-labelledby="nouveau-fil">
                    <h2 id="nouveau-fil">{t("Ouvrir un fil", "Start a thread")}</h2>
                    <FormAlert error=start_error />
                    <ActionForm action=start attr:class="form">
                        <input type="hidden" name="theme_id" value=theme.id />
                        <Field label=t("Titre du fil", "Thread title") name="title" error=start_error />
                        <Field label=t("Premier message", "First post") name="body" kind="textarea"
                               hint=t("Markdown simple : **gras**, _italique_, listes, > citation, liens.", "Simple Markdown: **bold**, _italic_, lists, > quote, links.")
                               error=start_error />
                        <button type="submit" class="primary">{t("Publier le fil", "Post the thread")}</button>
                    </ActionForm>
                </section>
            }.into_any(),
            (Ok(()), false) => view! {
                <p>{t("Connectez-vous pour participer.", "Log in to take part.")}" "
                   <A href=crate::accounts::paths::login_then(&paths::theme(theme.id))>{t("Se connecter", "Log in")}</A></p>
            }.into_any(),
            (Err(reason), _) => view! { <p class="alert">{reason}</p> }.into_any(),
        }}
        {page.is_staff.then(|| view! {
            <section aria-labelledby="epingler">
                <h2 id="epingler">{t("Épingler une synthèse", "Pin a synthesis")}</h2>
                <FormAlert error=pin_error />
                <ActionForm action=pin attr:class="form">
                    <input type="hidden" name="theme_id" value=theme.id />
                    <Field label=t("Synthèse des grandes tendances", "Synthesis of the main trends") name="synthesis" kind="textarea" error=pin_error />
                    <button type="submit">{t("Épingler", "Pin")}</button>
                </ActionForm>
            </section>
        })}
    }
}
