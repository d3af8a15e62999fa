//! Server functions of forums. Each one starts with its guard.
use super::model::{FlaggedPost, ForumsView, ThemeView, ThreadView};
use crate::platform::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::forums::{
        domain::{PAGE_SIZE, POST_MAX, TITLE_MAX, can_edit, check_postable},
        markdown, paths, store,
    };
    pub use crate::platform::identity::Role;
    pub use crate::platform::{
        db,
        error::{AppError, FormErrors},
        guard, mail,
        paging::{LIST_PAGE_SIZE, PageOf},
        rate_limit::{self, Window},
        session::SessionUser,
        state::app_state,
        text::bounded_text,
    };

    /// What one account may write in an hour: plenty for a debate, little for a flood.
    pub const THREADS_PER_HOUR: Window = Window { max: 5, seconds: 3_600 };
    pub const POSTS_PER_HOUR: Window = Window { max: 30, seconds: 3_600 };

    pub fn moderators() -> [Role; 2] {
        [Role::Moderator, Role::Staff]
    }

    pub fn is_moderator(user: Option<&SessionUser>) -> bool {
        user.is_some_and(|user| moderators().contains(&user.role))
    }

    /// A post's text, checked, with its sanitised HTML; the error names `field`.
    pub fn parse_body(raw: &str, field: &str) -> Result<(String, String), AppError> {
        let body = bounded_text(raw, "le message", 2, POST_MAX).map_err(|message| {
            let mut errors = FormErrors::default();
            errors.keep(field, raw);
            errors.add(field, message);
            AppError::Invalid(errors)
        })?;
        let html = markdown::render(&body);
        Ok((body, html))
    }

    /// A reason typed by a moderator or a flagger, 3 to 500 characters.
    pub fn parse_reason(raw: &str) -> Result<String, AppError> {
        bounded_text(raw, "le motif", 3, 500).map_err(|message| {
            let mut errors = FormErrors::default();
            errors.add("reason", message);
            AppError::Invalid(errors)
        })
    }

    /// Refuses posting where the theme's period or the thread's lock forbids it.
    pub async fn postable(pool: &db::Pool, thread_id: i64) -> Result<crate::forums::model::ThreadRow, AppError> {
        let thread = store::thread(pool, thread_id).await?;
        let theme = store::theme(pool, thread.theme_id).await?;
        check_postable(theme.opens_at, theme.closes_at, thread.locked_at.is_some(), db::now())
            .map_err(AppError::refused)?;
        Ok(thread)
    }
}
#[cfg(feature = "ssr")]
use server::*;
/// The per-account limits, for the tests that prove them.
#[cfg(feature = "ssr")]
pub use server::{POSTS_PER_HOUR, THREADS_PER_HOUR};

#[server(input = GetUrl)]
pub async fn list_themes(#[server(default)] page: Option<i64>) -> Result<ForumsView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let shown = PageOf::new(page, store::theme_count(&pool).await?, LIST_PAGE_SIZE);
    let reply_emails = match &user {
        Some(user) => store::reply_emails(&pool, user.id).await?,
        None => false,
    };
    Ok(ForumsView {
        themes: store::themes(&pool, shown.offset(LIST_PAGE_SIZE), LIST_PAGE_SIZE).await?,
        shown,
        signed_in: user.is_some(),
        is_staff: user.as_ref().is_some_and(|user| user.role == Role::Staff),
        can_moderate: is_moderator(user.as_ref()),
        reply_emails,
    })
}

#[server(input = GetUrl)]
pub async fn theme_page(id: i64, #[server(default)] page: Option<i64>) -> Result<ThemeView, AppError> {
    let user = guard::public().await?;
    let pool = app_state()?.pool;
    let theme = store::theme(&pool, id).await?;
    let shown = PageOf::new(page, store::thread_count(&pool, id).await?, LIST_PAGE_SIZE);
    Ok(ThemeView {
        theme,
        threads: store::threads(&pool, id, shown.offset(LIST_PAGE_SIZE), LIST_PAGE_SIZE).await?,
        shown,
        signed_in: user.is_some(),
        is_staff: user.is_some_and(|user| user.role == Role::Staff),
        now: db::now(),
    })
}

/// One page of a thread. Queries: the session, the thread, its theme, the page's posts and — signed
/// in — the caller's supports; no more however long the thread (a test counts them).
#[server(input = GetUrl)]
pub async fn thread_page(id: i64, page: i64) -> Result<ThreadView, AppError> {
    use tracing::Instrument;
    let span = tracing::info_span!("forum_thread_page", thread = id);
    async move {
        let user = guard::public().await?;
        let pool = app_state()?.pool;
        let thread = store::thread(&pool, id).await?;
        let theme = store::theme(&pool, thread.theme_id).await?;
        let shown = PageOf::new(Some(page), thread.posts, PAGE_SIZE);
        let mut posts = store::page_posts(&pool, id, shown.offset(PAGE_SIZE), PAGE_SIZE).await?;
        let now = db::now();
        let user_id = user.as_ref().map(|user| user.id);
        for post in &mut posts {
            let own = post.author_id.is_some() && post.author_id == user_id;
            if post.hidden_reason.is_some() {
                post.body_html = String::new();
                post.body = String::new();
                // Only its author learns why it was hidden.
                if !own {
                    post.hidden_reason = Some(String::new());
                }
            }
        }
        let supported = match user_id {
            Some(user_id) => store::supported_in_thread(&pool, user_id, id).await?,
            None => Vec::new(),
        };
        Ok(ThreadView {
            pages: shown.pages,
            theme,
            thread,
            posts,
            page: shown.page,
            supported,
            user_id,
            can_moderate: is_moderator(user.as_ref()),
            now,
        })
    }
    .instrument(span)
    .await
}

#[server]
pub async fn create_theme(
    institution_id: String,
    title: String,
    question: String,
    opens_on: String,
    closes_on: String,
) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let pool = app_state()?.pool;
    let mut errors = FormErrors::default();
    for (field, value) in
        [("title", &title), ("question", &question), ("opens_on", &opens_on), ("closes_on", &closes_on)]
    {
        errors.keep(field, value.as_str());
    }
    let institutions = crate::dialogue::institutions(&pool).await?;
    let institution =
        errors.chosen("institution_id", &institution_id, &institutions, "Choisissez l'institution qui ouvre le forum.");
    let title = bounded_text(&title, "le titre", 5, TITLE_MAX).map_err(|message| errors.add("title", message)).ok();
    let question =
        bounded_text(&question, "la question", 10, 1000).map_err(|message| errors.add("question", message)).ok();
    let window = crate::platform::time::day_window(&opens_on, &closes_on, &mut errors);
    let (Some(institution), Some(title), Some(question), Some((opens, closes)), true) =
        (institution, title, question, window, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let id = store::insert_theme(&pool, institution, &title, &question, opens, closes).await?;
    leptos_axum::redirect(&format!("{}?enregistre=1", paths::theme(id)));
    Ok(())
}

/// Staff pin a synthesis of the main trends at the top of the theme.
#[server]
pub async fn pin_synthesis(theme_id: i64, synthesis: String) -> Result<(), AppError> {
    guard::role(&[Role::Staff]).await?;
    let (_, html) = parse_body(&synthesis, "synthesis")?;
    store::set_synthesis(&app_state()?.pool, theme_id, &html).await?;
    leptos_axum::redirect(&format!("{}?synthese=1", paths::theme(theme_id)));
    Ok(())
}

#[server]
pub async fn start_thread(theme_id: i64, title: String, body: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let theme = store::theme(&pool, theme_id).await?;
    check_postable(theme.opens_at, theme.closes_at, false, db::now()).map_err(AppError::refused)?;
    let mut errors = FormErrors::default();
    errors.keep("title", title.as_str());
    errors.keep("body", body.as_str());
    let title = bounded_text(&title, "le titre", 5, TITLE_MAX).map_err(|message| errors.add("title", message)).ok();
    let body = parse_body(&body, "body").map_err(|error| {
        if let Some(message) = error.form().and_then(|form| form.message("body")) {
            errors.add("body", message);
        }
    });
    let (Some(title), Ok((body, html))) = (title, body) else {
        return Err(AppError::Invalid(errors));
    };
    rate_limit::within(&pool, &[("forum-threads", &user.id.to_string(), THREADS_PER_HOUR)]).await?;
    let thread = store::start_thread(&pool, theme_id, user.id, &title, &body, &html).await?;
    leptos_axum::redirect(&paths::thread(thread));
    Ok(())
}

/// A post in a thread, or (with `parent_id`) a reply; a reply to a reply joins its first-level post.
#[server]
pub async fn reply(thread_id: i64, #[server(default)] parent_id: Option<i64>, body: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let state = app_state()?;
    let thread = postable(&state.pool, thread_id).await?;
    let parent = match parent_id {
        Some(id) => {
            let parent = store::post(&state.pool, id).await?;
            if parent.thread_id != thread_id {
                return Err(AppError::NotFound);
            }
            Some(parent.parent_id.unwrap_or(parent.id))
        }
        None => None,
    };
    let (body, html) = parse_body(&body, "body")?;
    rate_limit::within(&state.pool, &[("forum-posts", &user.id.to_string(), POSTS_PER_HOUR)]).await?;
    let id = store::add_post(&state.pool, thread_id, parent, user.id, &body, &html).await?;
    if let Some(parent) = parent
        && let Some((author, email)) = store::reply_recipient(&state.pool, parent).await?
        && author != user.id
    {
        mail::queue(
            &state.pool,
            &email,
            &format!("Nouvelle réponse dans « {} »", thread.title),
            &format!(
                "Bonjour,\n\n{} a répondu à votre message dans le fil « {} » :\n\n{}\n\n{}{}\n\n\
                 Pour ne plus recevoir ces courriels, décochez l'option sur {}{}.\n\n— Agora",
                user.display_name,
                thread.title,
                body,
                state.config.base_url,
                paths::thread(thread_id),
                state.config.base_url,
                paths::forums()
            ),
        )
        .await?;
        state.mail_wakeup.notify_one();
    }
    let page = store::position(&state.pool, thread_id, id).await? / PAGE_SIZE + 1;
    leptos_axum::redirect(&format!("{}?page={page}#message-{id}", paths::thread(thread_id)));
    Ok(())
}

/// Authors fix their post within 15 minutes of writing it.
#[server]
pub async fn edit_post(post_id: i64, body: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let post = store::post(&pool, post_id).await?;
    if post.author_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    if post.hidden_at.is_some() || !can_edit(post.created_at, db::now()) {
        return Err(AppError::refused("Un message ne se modifie que dans les 15 minutes qui suivent son envoi."));
    }
    postable(&pool, post.thread_id).await?;
    let (body, html) = parse_body(&body, "body")?;
    store::edit_post(&pool, post_id, &body, &html).await?;
    leptos_axum::redirect(&format!("{}?modifie=1#message-{post_id}", paths::thread(post.thread_id)));
    Ok(())
}

/// Supports a post, or withdraws one's support.
#[server]
pub async fn support_post(post_id: i64) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let post = store::post(&pool, post_id).await?;
    if post.hidden_at.is_some() {
        return Err(AppError::NotFound);
    }
    store::toggle_support(&pool, post_id, user.id).await?;
    Ok(())
}

#[server]
pub async fn flag_post(post_id: i64, reason: String) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    let pool = app_state()?.pool;
    let reason = parse_reason(&reason)?;
    let post = store::post(&pool, post_id).await?;
    if !store::flag(&pool, post_id, user.id, &reason).await? {
        return Err(AppError::refused("Vous avez déjà signalé ce message : la modération va l'examiner."));
    }
    leptos_axum::redirect(&format!("{}?signale=1#message-{post_id}", paths::thread(post.thread_id)));
    Ok(())
}

#[server(input = GetUrl)]
pub async fn moderation_flags() -> Result<Vec<FlaggedPost>, AppError> {
    guard::role(&moderators()).await?;
    store::flagged(&app_state()?.pool).await
}

/// Hides a post with a reason its author sees.
#[server]
pub async fn hide_post(post_id: i64, reason: String) -> Result<(), AppError> {
    guard::role(&moderators()).await?;
    let pool = app_state()?.pool;
    let reason = parse_reason(&reason)?;
    store::hide_post(&pool, post_id, &reason).await
}

#[server]
pub async fn dismiss_flags(post_id: i64) -> Result<(), AppError> {
    guard::role(&moderators()).await?;
    let pool = app_state()?.pool;
    store::post(&pool, post_id).await?;
    store::dismiss_flags(&pool, post_id).await
}

/// Locks a thread (`locked` = "1") or opens it again.
#[server]
pub async fn lock_thread(thread_id: i64, locked: String) -> Result<(), AppError> {
    guard::role(&moderators()).await?;
    store::set_locked(&app_state()?.pool, thread_id, locked == "1").await
}

/// Whether the caller is emailed when someone answers their posts (`enabled` present means yes).
#[server]
pub async fn set_reply_emails(#[server(default)] enabled: Option<String>) -> Result<(), AppError> {
    let user = guard::signed_in().await?;
    store::set_reply_emails(&app_state()?.pool, user.id, enabled.is_some()).await?;
    leptos_axum::redirect(&format!("{}?preferences=1", paths::forums()));
    Ok(())
}
