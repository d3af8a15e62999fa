use crate::forums::{
    api::{EditPost, FlagPost, LockThread, Reply, SupportPost, thread_page},
    domain::{can_edit, check_postable, quote},
    model::{Post, ThreadView},
    paths,
};
use crate::platform::routing::query_param;
use crate::platform::time::french_date;
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{Field, FormAlert, Loaded, Notice, PageHeading, Pages, error_of};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[derive(Clone, Copy)]
struct Actions {
    reply: ServerAction<Reply>,
    edit: ServerAction<EditPost>,
    support: ServerAction<SupportPost>,
    flag: ServerAction<FlagPost>,
    lock: ServerAction<LockThread>,
}

/// What the address asks the page to open: a reply to, a quote of, an edit of, or a flag on a post.
#[derive(Clone, Copy, PartialEq)]
struct Intent {
    reply_to: Option<i64>,
    quote_of: Option<i64>,
    edit: Option<i64>,
    flag: Option<i64>,
}

/// `/dialogue/forums/fil/{id}?page=N`: a thread's posts in reading order, 50 a page, with every
/// action a plain link or form so that all of it works without JavaScript.
#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse().ok()).unwrap_or(0i64)));
    let page = query_param("page");
    let (reply_to, quote_of, edit, flag) =
        (query_param("repondre"), query_param("citer"), query_param("modifier"), query_param("signaler"));
    let number = |memo: Memo<Option<String>>| move || memo.get().and_then(|value| value.parse::<i64>().ok());
    let intent = Memo::new(move |_| Intent {
        reply_to: number(reply_to)(),
        quote_of: number(quote_of)(),
        edit: number(edit)(),
        flag: number(flag)(),
    });
    let actions = Actions {
        reply: ServerAction::new(),
        edit: ServerAction::new(),
        support: ServerAction::new(),
        flag: ServerAction::new(),
        lock: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get(),
                number(page)().unwrap_or(1),
                intent.get(),
                [
                    actions.reply.version().get(),
                    actions.edit.version().get(),
                    actions.support.version().get(),
                    actions.flag.version().get(),
                    actions.lock.version().get(),
                ],
            )
        },
        |(id, page, _, _)| thread_page(id, page),
    );
    view! {
        <Loaded data=data missing=t("Fil introuvable", "Thread not found") ready={move |view_data: ThreadView| view! { <Thread view_data actions intent=intent.get_untracked() /> }} />
    }
}

#[component]
fn Thread(view_data: ThreadView, actions: Actions, intent: Intent) -> impl IntoView {
    let ThreadView { theme, thread, posts, page, pages, supported, user_id, can_moderate, now } = view_data;
    let postable = check_postable(theme.opens_at, theme.closes_at, thread.locked_at.is_some(), now);
    let lock_error = error_of(actions.lock);
    let notices = [
        ("modifie", t("Message modifié.", "Post edited.")),
        (
            "signale",
            t("Merci : la modération va examiner ce message.", "Thank you: moderators will look at this post."),
        ),
    ]
    .into_iter()
    .map(|(key, text)| {
        let present = query_param(key);
        move || present.get().map(|_| view! { <Notice text /> })
    })
    .collect_view();
    let base = paths::thread(thread.id);
    let quoted = intent.quote_of.and_then(|id| posts.iter().find(|post| post.id == id && post.hidden_reason.is_none()));
    let reply_parent = intent.reply_to.or(quoted.map(|post| post.parent_id.unwrap_or(post.id)));
    let initial_reply = quoted.map(|post| quote(post.author_name.as_deref().unwrap_or("Anonyme"), &post.body));
    let editing = intent.edit.and_then(|id| {
        posts.iter().find(|post| post.id == id && post.author_id.is_some() && post.author_id == user_id).cloned()
    });
    let signed_in = user_id.is_some();
    view! {
        <PageHeading title=thread.title.clone() />
        {notices}
        <p>
            <A href=paths::theme(theme.id)>{theme.title.clone()}</A>
            {thread.locked_at.map(|_| view! { " "<span class="badge">{t("Verrouillé", "Locked")}</span> })}
        </p>
        {can_moderate.then(|| view! {
            <FormAlert error=lock_error />
            <ActionForm action=actions.lock attr:class="inline-form">
                <input type="hidden" name="thread_id" value=thread.id />
                <input type="hidden" name="locked" value=if thread.locked_at.is_some() { "0" } else { "1" } />
                <button type="submit">{if thread.locked_at.is_some() { t("Déverrouiller le fil", "Unlock the thread") } else { t("Verrouiller le fil", "Lock the thread") }}</button>
            </ActionForm>
        })}
        <Pages base=base.clone() page pages label=t("Pages du fil", "Thread pages") />
        <ol class="posts">
            {posts.iter().cloned().map(|post| {
                let supported = supported.contains(&post.id);
                view! { <PostItem post base=base.clone() page supported user_id signed_in now actions /> }
            }).collect_view()}
        </ol>
        <Pages base=base.clone() page pages label=t("Pages du fil", "Thread pages") />
        {match (postable, signed_in) {
            (Err(reason), _) => view! { <p class="alert">{reason}</p> }.into_any(),
            (Ok(()), false) => view! {
                <p>{t("Connectez-vous pour participer.", "Log in to take part.")}" "
                   <A href=crate::accounts::paths::login_then(&base)>{t("Se connecter", "Log in")}</A></p>
            }.into_any(),
            (Ok(()), true) => view! {
                {editing.map(|post| view! { <EditForm post action=actions.edit /> })}
                {intent.flag.map(|post_id| view! { <FlagForm post_id action=actions.flag /> })}
                <ReplyForm thread_id=thread.id parent=reply_parent initial=initial_reply.unwrap_or_default() action=actions.reply />
            }.into_any(),
        }}
    }
}

#[component]
fn PostItem(
    post: Post,
    base: String,
    page: i64,
    supported: bool,
    user_id: Option<i64>,
    signed_in: bool,
    now: i64,
    actions: Actions,
) -> impl IntoView {
    let own = post.author_id.is_some() && post.author_id == user_id;
    let hidden = post.hidden_reason.clone();
    let link = |key: &str| format!("{base}?page={page}&{key}={}#formulaire", post.id);
    let author = post.author_name.clone().unwrap_or_else(|| "Compte supprimé".into());
    let flag_author = format!(" le message de {author}");
    let (of_author, to_author, quote_author) =
        (format!(" le message de {author}"), format!(" à {author}"), format!(" {author}"));
    let support_label =
        if supported { t("Retirer mon soutien", "Withdraw my support") } else { t("Soutenir", "Support") };
    view! {
        <li id=format!("message-{}", post.id) class=if post.parent_id.is_some() { "post reply" } else { "post" }>
            <p class="post-meta">
                <strong>{author.clone()}</strong>
                {format!(" · {}", french_date(post.created_at))}
                {post.edited_at.map(|_| t(" · modifié", " · edited"))}
                {post.parent_id.map(|_| t(" · réponse", " · reply"))}
            </p>
            {match hidden {
                Some(reason) => view! {
                    <p class="alert">
                        {t("Message masqué par la modération.", "Post hidden by the moderators.")}
                        {(!reason.is_empty()).then(|| format!(" Motif : {reason}"))}
                    </p>
                }.into_any(),
                None => view! {
                    <div class="post-body" inner_html=post.body_html.clone()></div>
                    <div class="post-actions">
                        <span>{format!("{} soutien(s)", post.supports)}</span>
                        {signed_in.then(|| view! {
                            <ActionForm action=actions.support attr:class="inline-form">
                                <input type="hidden" name="post_id" value=post.id />
                                <button type="submit" aria-pressed=if supported { "true" } else { "false" }>
                                    {support_label}<span class="visually-hidden">{of_author}</span>
                                </button>
                            </ActionForm>
                            <a href=link("repondre")>{t("Répondre", "Reply")}<span class="visually-hidden">{to_author}</span></a>
                            <a href=link("citer")>{t("Citer", "Quote")}<span class="visually-hidden">{quote_author}</span></a>
                            {(own && can_edit(post.created_at, now)).then(|| view! { <a href=link("modifier")>{t("Modifier", "Edit")}</a> })}
                            {(!own).then(|| view! { <a href=link("signaler")>{t("Signaler", "Flag")}<span class="visually-hidden">{flag_author}</span></a> })}
                        })}
                    </div>
                }.into_any(),
            }}
        </li>
    }
}

#[component]
fn ReplyForm(thread_id: i64, parent: Option<i64>, initial: String, action: ServerAction<Reply>) -> impl IntoView {
    let error = error_of(action);
    view! {
        <section id="formulaire" aria-labelledby="repondre">
            <h2 id="repondre">{if parent.is_some() { t("Répondre au message", "Reply to the post") } else { t("Participer au fil", "Post in the thread") }}</h2>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <input type="hidden" name="thread_id" value=thread_id />
                {parent.map(|parent| view! { <input type="hidden" name="parent_id" value=parent /> })}
                <Field label=t("Votre message", "Your post") name="body" kind="textarea"
                       hint=t("Markdown simple : **gras**, _italique_, listes, > citation, liens.", "Simple Markdown: **bold**, _italic_, lists, > quote, links.")
                       initial error />
                <button type="submit" class="primary">{t("Publier", "Post")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EditForm(post: Post, action: ServerAction<EditPost>) -> impl IntoView {
    let error = error_of(action);
    let message = Signal::derive(move || {
        error.with(|error| error.as_ref().and_then(AppError::form).and_then(|form| form.message("body")))
    });
    view! {
        <section aria-labelledby="modifier">
            <h2 id="modifier">{t("Modifier mon message", "Edit my post")}</h2>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <input type="hidden" name="post_id" value=post.id />
                <div class="field">
                    <label for="modification">{t("Message", "Post")}</label>
                    <textarea id="modification" name="body" rows="8" required=true aria-invalid=move || message.with(Option::is_some).then_some("true")>{post.body.clone()}</textarea>
                    {move || message.get().map(|text| view! { <p class="field-error">{text}</p> })}
                </div>
                <button type="submit">{t("Enregistrer la modification", "Save the edit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn FlagForm(post_id: i64, action: ServerAction<FlagPost>) -> impl IntoView {
    let error = error_of(action);
    view! {
        <section aria-labelledby="signaler">
            <h2 id="signaler">{t("Signaler un message", "Flag a post")}</h2>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <input type="hidden" name="post_id" value=post_id />
                <Field label=t("Motif du signalement", "Reason for flagging") name="reason" error />
                <button type="submit" class="danger">{t("Signaler", "Flag")}</button>
            </ActionForm>
        </section>
    }
}
