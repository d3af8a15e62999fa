//! Forums over real HTTP: threads, replies one level deep, quotes, supports, the 15-minute edit
//! window, reply emails and their opt-out, flags, hiding with a reason, locking, and sanitised
//! Markdown. Each refusal is in French and changes nothing.

use crate::common::{Browser, Listed, TestApp, assert_paginated, field_names, json_ok, path_of, refusal};
use app::forums::api::{
    DismissFlags, EditPost, FlagPost, HidePost, ListThemes, LockThread, ModerationFlags, POSTS_PER_HOUR, Reply,
    SetReplyEmails, StartThread, SupportPost, THREADS_PER_HOUR, ThemePage, ThreadPage,
};
use app::forums::model::{FlaggedPost, ThreadView};
use app::forums::paths;
use app::platform::identity::Role;
use reqwest::{StatusCode, header::LOCATION};

const THEME: &str = "Mobilités douces : quelles priorités pour la région ?";

async fn theme_id(app: &TestApp) -> String {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM forum_themes WHERE title = $1").bind(THEME).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

async fn thread(browser: &Browser, id: &str, page: &str) -> ThreadView {
    let response = browser.get_fn(path_of::<ThreadPage>(), &[("id", id), ("page", page)]).await;
    serde_json::from_value(json_ok(response).await).unwrap()
}

async fn mails_to(app: &TestApp, email: &str) -> i64 {
    app.count(&format!("SELECT COUNT(*) FROM outbox WHERE recipient = '{email}' AND subject LIKE 'Nouvelle réponse%'"))
        .await
}

/// Starts a thread as `browser`; returns its id.
async fn start(browser: &Browser, theme: &str, title: &str, body: &str) -> String {
    let response =
        browser.post_fn(path_of::<StartThread>(), &[("theme_id", theme), ("title", title), ("body", body)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let location = response.headers()[LOCATION].to_str().unwrap();
    let id = location.rsplit('/').next().unwrap();
    assert_eq!(location, paths::thread(id.parse().unwrap()));
    id.to_string()
}

dual_test!(an_account_opens_and_posts_only_so_much_in_an_hour, |backend| {
    let app = TestApp::spawn(backend).await;
    let theme = theme_id(&app).await;
    let resident = app.login(Role::Resident).await;
    let body = "Un message assez long pour être publié.";
    let mut threads = Vec::new();
    for n in 0..THREADS_PER_HOUR.max {
        threads.push(start(&resident, &theme, &format!("Fil d'essai numéro {n}"), body).await);
    }
    let stored = |table: &'static str| {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let app = &app;
        async move { app.count(&sql).await }
    };
    let before = stored("forum_threads").await;
    let fields = [("theme_id", theme.as_str()), ("title", "Un fil de trop"), ("body", body)];
    let response = resident.post_fn(path_of::<StartThread>(), &fields).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(stored("forum_threads").await, before, "nothing stored");
    // Another account is not held back by the first one's pace.
    start(&app.login(Role::Organiser).await, &theme, "Le fil d'un autre compte", body).await;

    let thread = threads[0].clone();
    let reply = || {
        let (resident, thread) = (resident.clone(), thread.clone());
        async move { resident.post_fn(path_of::<Reply>(), &[("thread_id", thread.as_str()), ("body", body)]).await }
    };
    for _ in 0..POSTS_PER_HOUR.max {
        assert_eq!(reply().await.status(), StatusCode::OK);
    }
    let before = stored("forum_posts").await;
    assert_eq!(reply().await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(stored("forum_posts").await, before, "nothing stored");
});

dual_test!(residents_debate_with_replies_quotes_supports_and_edits, |backend| {
    let app = TestApp::spawn(backend).await;
    let theme = theme_id(&app).await;
    let resident = app.login(Role::Resident).await;
    let organiser = app.login(Role::Organiser).await;
    let posts_before = app.count("SELECT COUNT(*) FROM forum_posts").await;

    let response =
        resident.post_fn(path_of::<StartThread>(), &[("theme_id", &theme), ("title", "abc"), ("body", " ")]).await;
    assert_eq!(field_names(response).await, ["title", "body"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM forum_posts").await, posts_before);

    // Typed markup never becomes markup: every payload is stored as sanitised HTML.
    let payloads = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n\
                    \"><svg onload=alert(1)>\n\n**gras**";
    let id = start(&resident, &theme, "Des bus le dimanche matin", payloads).await;
    let view = thread(&resident, &id, "1").await;
    assert_eq!(view.posts.len(), 1);
    let html = view.posts[0].body_html.to_lowercase();
    assert_eq!(app::forums::markdown::active_markup(&html), None, "{html}");
    assert!(html.contains("<strong>gras</strong>"));
    let first = view.posts[0].id.to_string();

    // A reply tells the author; a reply to a reply joins the first-level post.
    let response =
        organiser.post_fn(path_of::<Reply>(), &[("thread_id", &id), ("parent_id", &first), ("body", "Oui !")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[LOCATION]
            .to_str()
            .unwrap()
            .starts_with(&format!("{}?page=1#message-", paths::thread(id.parse().unwrap())))
    );
    assert_eq!(mails_to(&app, "habitante@demo.agora.fr").await, 1);
    let reply = thread(&resident, &id, "1").await.posts[1].id.to_string();
    let response =
        resident.post_fn(path_of::<Reply>(), &[("thread_id", &id), ("parent_id", &reply), ("body", "Merci.")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view = thread(&resident, &id, "1").await;
    assert_eq!(view.posts.len(), 3);
    assert_eq!(view.posts[2].parent_id.map(|parent| parent.to_string()), Some(first.clone()), "one level deep");
    assert_eq!(view.thread.posts, 3);

    // Opting out stops the emails.
    assert_eq!(resident.post_fn(path_of::<SetReplyEmails>(), &[]).await.status(), StatusCode::OK);
    organiser.post_fn(path_of::<Reply>(), &[("thread_id", &id), ("parent_id", &first), ("body", "Encore moi.")]).await;
    assert_eq!(mails_to(&app, "habitante@demo.agora.fr").await, 1);

    // Supports toggle, once per person.
    assert_eq!(
        app.new_browser().post_fn(path_of::<SupportPost>(), &[("post_id", &first)]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(organiser.post_fn(path_of::<SupportPost>(), &[("post_id", &first)]).await.status(), StatusCode::OK);
    let view = thread(&organiser, &id, "1").await;
    assert_eq!(view.posts[0].supports, 1);
    assert_eq!(view.supported, [view.posts[0].id]);
    assert_eq!(organiser.post_fn(path_of::<SupportPost>(), &[("post_id", &first)]).await.status(), StatusCode::OK);
    assert_eq!(thread(&organiser, &id, "1").await.posts[0].supports, 0);

    // Edits: the author only, within 15 minutes.
    let response = organiser.post_fn(path_of::<EditPost>(), &[("post_id", &first), ("body", "Piraté")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response =
        resident.post_fn(path_of::<EditPost>(), &[("post_id", &first), ("body", "Des bus **le dimanche**.")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view = thread(&resident, &id, "1").await;
    assert!(view.posts[0].edited_at.is_some());
    assert_eq!(view.posts[0].body_html, "<p>Des bus <strong>le dimanche</strong>.</p>\n");
    sqlx::query("UPDATE forum_posts SET created_at = created_at - 901").execute(&app.pool).await.unwrap();
    let message =
        refusal(resident.post_fn(path_of::<EditPost>(), &[("post_id", &first), ("body", "Trop tard")]).await).await;
    assert_eq!(message, "Un message ne se modifie que dans les 15 minutes qui suivent son envoi.");
    assert_eq!(thread(&resident, &id, "1").await.posts[0].body, "Des bus **le dimanche**.");
});

dual_test!(flags_lead_to_hiding_with_a_reason_and_threads_lock, |backend| {
    let app = TestApp::spawn(backend).await;
    let theme = theme_id(&app).await;
    let resident = app.login(Role::Resident).await;
    let organiser = app.login(Role::Organiser).await;
    let moderator = app.login(Role::Moderator).await;
    let id = start(&organiser, &theme, "Un fil à modérer", "Un message **discutable**.").await;
    let post = thread(&organiser, &id, "1").await.posts[0].id.to_string();

    assert_eq!(
        field_names(resident.post_fn(path_of::<FlagPost>(), &[("post_id", &post), ("reason", "")]).await).await,
        ["reason"]
    );
    let response = resident.post_fn(path_of::<FlagPost>(), &[("post_id", &post), ("reason", "Propos agressifs")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let message =
        refusal(resident.post_fn(path_of::<FlagPost>(), &[("post_id", &post), ("reason", "Encore")]).await).await;
    assert!(message.starts_with("Vous avez déjà signalé ce message"), "{message}");
    assert_eq!(app.count("SELECT COUNT(*) FROM forum_flags").await, 1);

    assert_eq!(resident.get_fn(path_of::<ModerationFlags>(), &[]).await.status(), StatusCode::FORBIDDEN);
    let queue: Vec<FlaggedPost> =
        serde_json::from_value(json_ok(moderator.get_fn(path_of::<ModerationFlags>(), &[]).await).await).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].reasons, "Propos agressifs");

    assert_eq!(
        field_names(moderator.post_fn(path_of::<HidePost>(), &[("post_id", &post), ("reason", "")]).await).await,
        ["reason"]
    );
    let reason = "Attaque personnelle : contraire à la charte.";
    assert_eq!(
        moderator.post_fn(path_of::<HidePost>(), &[("post_id", &post), ("reason", reason)]).await.status(),
        StatusCode::OK
    );
    let seen_by_others = thread(&resident, &id, "1").await.posts[0].clone();
    assert_eq!((seen_by_others.body_html.as_str(), seen_by_others.hidden_reason.as_deref()), ("", Some("")));
    let seen_by_author = thread(&organiser, &id, "1").await.posts[0].clone();
    assert_eq!(seen_by_author.hidden_reason.as_deref(), Some(reason), "the author sees why");
    let queue: Vec<FlaggedPost> =
        serde_json::from_value(json_ok(moderator.get_fn(path_of::<ModerationFlags>(), &[]).await).await).unwrap();
    assert!(queue.is_empty());
    assert_eq!(
        moderator.post_fn(path_of::<DismissFlags>(), &[("post_id", "999999")]).await.status(),
        StatusCode::NOT_FOUND
    );

    // A locked thread takes no post; unlocked, it does again.
    let lock = [("thread_id", id.as_str()), ("locked", "1")];
    assert_eq!(resident.post_fn(path_of::<LockThread>(), &lock).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(moderator.post_fn(path_of::<LockThread>(), &lock).await.status(), StatusCode::OK);
    let before = app.count("SELECT COUNT(*) FROM forum_posts").await;
    let message =
        refusal(resident.post_fn(path_of::<Reply>(), &[("thread_id", &id), ("body", "Je réponds")]).await).await;
    assert_eq!(message, "Ce fil est verrouillé par la modération : il ne reçoit plus de messages.");
    assert_eq!(app.count("SELECT COUNT(*) FROM forum_posts").await, before);
    assert_eq!(
        moderator.post_fn(path_of::<LockThread>(), &[("thread_id", &id), ("locked", "0")]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        resident.post_fn(path_of::<Reply>(), &[("thread_id", &id), ("body", "Je réponds")]).await.status(),
        StatusCode::OK
    );
});

dual_test!(the_forum_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let theme = theme_id(&app).await;
    let visitor = app.new_browser();
    let list = visitor.get(&paths::forums()).await.text().await.unwrap();
    assert!(list.contains("Mobilités douces"));
    let page = visitor.get(&paths::theme(theme.parse().unwrap())).await.text().await.unwrap();
    assert!(
        page.contains("Premières tendances") && page.contains("Des pistes cyclables qui relient vraiment les communes")
    );
    let (thread,): (i64,) = sqlx::query_as("SELECT id FROM forum_threads WHERE title LIKE 'Des pistes%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let resident = app.login(Role::Resident).await;
    let page = resident.get(&format!("{}?citer=1", paths::thread(thread))).await.text().await.unwrap();
    assert!(page.contains("Participer au fil") || page.contains("Répondre au message"), "{page}");
    assert_eq!(visitor.get(&paths::moderation()).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.get(&paths::new_theme()).await.status(), StatusCode::UNAUTHORIZED);
});

dual_test!(the_threads_of_a_forum_come_a_page_at_a_time, |backend| {
    let app = TestApp::spawn(backend).await;
    let (theme,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM forum_themes").fetch_one(&app.pool).await.unwrap();
    let existing = app.count(&format!("SELECT COUNT(*) FROM forum_threads WHERE theme_id = {theme}")).await;
    let (author,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM users").fetch_one(&app.pool).await.unwrap();
    for n in 0..25 {
        let title = format!("Zz fil d'essai {n:02}");
        let thread = app::forums::store::start_thread(&app.pool, theme, author, &title, "Texte", "<p>Texte</p>\n")
            .await
            .unwrap();
        // Active long ago, the oldest last: the list shows the most recently active first.
        sqlx::query("UPDATE forum_threads SET last_post_at = $1 WHERE id = $2")
            .bind(n)
            .bind(thread)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let visitor = app.new_browser();
    let read = |view: app::forums::model::ThemeView| Listed {
        count: view.threads.len() as i64,
        shown: view.shown,
        last: view.threads.last().map(|thread| thread.title.clone()),
    };
    let id = theme.to_string();
    assert_paginated(&visitor, path_of::<ThemePage>(), &[("id", &id)], read, existing + 25, "Zz fil d'essai 00").await;
    let html = visitor.get(&format!("{}?page=2", paths::theme(theme))).await.text().await.unwrap();
    assert!(html.contains("aria-current=\"page\">2</a>"), "{html}");
});

dual_test!(the_forum_themes_come_a_page_at_a_time, |backend| {
    let app = TestApp::spawn(backend).await;
    let existing = app.count("SELECT COUNT(*) FROM forum_themes").await;
    let (institution,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM institutions").fetch_one(&app.pool).await.unwrap();
    for n in 0..25 {
        // Opened long ago, the oldest last: the list shows the most recently opened first.
        let title = format!("Zz forum d'essai {n:02}");
        app::forums::store::insert_theme(&app.pool, institution, &title, "Une question d'essai ?", n, n + 86_400)
            .await
            .unwrap();
    }
    let visitor = app.new_browser();
    let read = |view: app::forums::model::ForumsView| Listed {
        count: view.themes.len() as i64,
        shown: view.shown,
        last: view.themes.last().map(|theme| theme.title.clone()),
    };
    assert_paginated(&visitor, path_of::<ListThemes>(), &[], read, existing + 25, "Zz forum d'essai 00").await;
    let second = format!("{}?page=2", paths::forums());
    let html = visitor.get(&second).await.text().await.unwrap();
    assert!(html.contains(&format!("<a href=\"{second}\" aria-current=\"page\">2</a>")), "{html}");
});
