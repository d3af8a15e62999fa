//! Issue 20, "Trust": what a staff account, a copy of the database or many mailboxes must not give.

use crate::common::{Browser, TestApp, demo_credentials, field_errors, location, path_of, refusal};
use crate::http::{PASSWORD, fields, register_and_login, registration};
use crate::petitions::{HOSPITALS, commune, petition_id, relax_rate_limits, sign_as_visitor, tally};
use app::accounts::api::{CurrentUser, DeleteAccount, Register, RequestPasswordReset, ResetPassword};
use app::accounts::paths;
use app::pages::paths as site;
use app::petitions::api::SignPetition;
use app::platform::identity::Role;
use app::platform::{api::Outbox, session::token_hash};
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "Un-Nouveau-Mot-De-Passe-2026";

/// Registers `email` through the public form; the answer as it came.
async fn register(app: &TestApp, email: &str) -> reqwest::Response {
    let form = registration(app, email, PASSWORD, "Quelqu'un").await;
    app.new_browser().post_fn(path_of::<Register>(), &fields(&form)).await
}

dual_test!(a_reset_link_is_readable_only_in_the_mail_folder, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, _) = demo_credentials(Role::Resident);
    // The attack: staff ask for a resident's reset, then read the outbox.
    let staff = app.login(Role::Staff).await;
    let response = staff.post_fn(path_of::<RequestPasswordReset>(), &[("email", email)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let link = app.mailed_link(email, &paths::reset_password()).await;
    let token = link.rsplit_once("jeton=").unwrap().1.to_string();
    assert_eq!(token.len(), 64);

    // No text column of any outbox row holds the token, nor any link.
    let rows: Vec<(i64, String, String, String, Option<String>)> =
        sqlx::query_as("SELECT id, recipient, subject, body, last_error FROM outbox")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        let text = format!("{row:?}");
        assert!(!text.contains(&token) && !text.contains("jeton="), "outbox row keeps the link: {text}");
    }
    // The token itself is kept only as its SHA-256.
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT token_hash, purpose FROM email_tokens").fetch_all(&app.pool).await.unwrap();
    assert!(stored.iter().all(|(hash, _)| !hash.contains(&token)));
    assert!(stored.contains(&(token_hash(&token), "reset".to_string())));

    // Staff see that it was sent, never what it says.
    let page = staff.get(&paths::outbox()).await.text().await.unwrap();
    assert!(page.contains("Nouveau mot de passe") && page.contains(email), "{page}");
    assert!(!page.contains(&token) && !page.contains("jeton"), "the outbox page shows a link");
    let listed = staff.get_fn(path_of::<Outbox>(), &[]).await.text().await.unwrap();
    assert!(listed.contains(email) && !listed.contains(&token) && !listed.contains("jeton"), "{listed}");

    // The link in the file works, once.
    let fields = [("token", token.as_str()), ("password", NEW_PASSWORD)];
    let browser = app.new_browser();
    assert_eq!(browser.post_fn(path_of::<ResetPassword>(), &fields).await.status(), StatusCode::OK);
    assert_eq!(browser.login(email, NEW_PASSWORD).await.status(), StatusCode::OK);
    assert_eq!(browser.post_fn(path_of::<ResetPassword>(), &fields).await.status(), StatusCode::CONFLICT);
});

dual_test!(the_owner_is_told_when_the_password_changes, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, _) = demo_credentials(Role::Resident);
    let browser = app.new_browser();
    assert_eq!(browser.post_fn(path_of::<RequestPasswordReset>(), &[("email", email)]).await.status(), StatusCode::OK);
    let token = app.mailed_token(email, &paths::reset_password()).await;
    let before = app.mails_to(email).await.len();
    let fields = [("token", token.as_str()), ("password", NEW_PASSWORD)];
    assert_eq!(browser.post_fn(path_of::<ResetPassword>(), &fields).await.status(), StatusCode::OK);

    let mails = app.mails_to(email).await;
    assert_eq!(mails.len(), before + 1);
    let notice = mails.last().unwrap();
    assert_eq!(notice.subject, "Votre mot de passe a été changé — Agora");
    assert!(notice.body.contains("vient d'être changé"), "{}", notice.body);
    assert!(notice.body.contains(&format!("{}{}", app.base, paths::forgot_password())));
    assert!(!notice.body.contains("jeton="), "the notice carries no usable link");
});

dual_test!(an_address_with_a_display_name_does_not_make_a_second_account, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, _) = demo_credentials(Role::Resident);
    let users = app.count("SELECT COUNT(*) FROM users").await;
    let mails = app.count("SELECT COUNT(*) FROM outbox").await;
    for variant in [format!("n1<{email}>"), format!("\"n2\" <{email}>"), format!("{email} (moi)")] {
        let errors = field_errors(register(&app, &variant).await).await;
        assert_eq!(errors.len(), 1, "{variant}: {errors:?}");
        assert_eq!(errors[0].0, "email");
        assert!(
            errors[0].1.starts_with("Indiquez l'adresse seule") || errors[0].1.contains("ni espace"),
            "{variant}: {}",
            errors[0].1
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, mails, "nothing sent");
    // The bare address in capitals is the same account.
    assert_eq!(register(&app, &email.to_uppercase()).await.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
    // Nor a second visitor signature.
    let id = petition_id(&app, HOSPITALS).await;
    let lens = commune(&app, "Lens").await;
    let before = tally(&app, id).await;
    let response = sign_as_visitor(&app.new_browser(), id, "Nom Prénom", &format!("n1<{email}>"), &lens).await;
    let errors = field_errors(response).await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "email");
    assert!(errors[0].1.starts_with("Indiquez l'adresse seule"), "{}", errors[0].1);
    assert_eq!(tally(&app, id).await, before);
});

/// Fires `count` log-ins with a wrong password at once, each from its own browser; the statuses.
async fn parallel_wrong_logins(app: &TestApp, email: &str, count: usize) -> Vec<StatusCode> {
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let browser = app.new_browser();
            let email = email.to_string();
            tokio::spawn(async move { browser.login(&email, "pas-le-bon-mot-de-passe").await.status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

dual_test!(parallel_wrong_passwords_reach_verification_five_times_at_most, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, password) = demo_credentials(Role::Resident);
    let statuses = parallel_wrong_logins(&app, email, 50).await;
    // 422: the password was checked and found wrong; 429: refused by the limit before any check.
    let verified = statuses.iter().filter(|status| **status == StatusCode::UNPROCESSABLE_ENTITY).count();
    let limited = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(verified + limited, 50, "{statuses:?}");
    assert!((1..=5).contains(&verified), "{verified} guesses reached the password check");
    // The account now waits, even for the right password; other accounts do not.
    assert_eq!(app.new_browser().login(email, password).await.status(), StatusCode::TOO_MANY_REQUESTS);
    app.login(Role::Moderator).await;
});

dual_test!(a_successful_log_in_clears_the_account_counter, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, password) = demo_credentials(Role::Resident);
    let browser = app.new_browser();
    for _ in 0..4 {
        assert_eq!(browser.login(email, "pas-le-bon").await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(browser.login(email, password).await.status(), StatusCode::OK);
    // Five fresh tries again, then the wait.
    for _ in 0..5 {
        assert_eq!(browser.login(email, "pas-le-bon").await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(browser.login(email, password).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // A password reset proves the address and lifts the wait.
    assert_eq!(browser.post_fn(path_of::<RequestPasswordReset>(), &[("email", email)]).await.status(), StatusCode::OK);
    let token = app.mailed_token(email, &paths::reset_password()).await;
    let fields = [("token", token.as_str()), ("password", NEW_PASSWORD)];
    assert_eq!(browser.post_fn(path_of::<ResetPassword>(), &fields).await.status(), StatusCode::OK);
    assert_eq!(browser.login(email, NEW_PASSWORD).await.status(), StatusCode::OK);
});

dual_test!(registration_is_limited_per_address_and_per_ip, |backend| {
    let app = TestApp::spawn(backend).await;
    let email = "dupont@exemple.fr";
    for _ in 0..3 {
        assert_eq!(register(&app, email).await.status(), StatusCode::OK);
    }
    assert_eq!(register(&app, email).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // One confirmation, and a single "someone tried to register" warning for the two repeats.
    let subjects: Vec<String> = app.mails_to(email).await.into_iter().map(|mail| mail.subject).collect();
    assert_eq!(subjects, ["Confirmez votre adresse — Agora", "Tentative d'inscription — Agora"]);

    // Per IP: 30 an hour (four used above), then refused whatever the address.
    for n in 4..30 {
        assert_eq!(register(&app, &format!("habitant-{n}@exemple.fr")).await.status(), StatusCode::OK, "#{n}");
    }
    let users = app.count("SELECT COUNT(*) FROM users").await;
    assert_eq!(register(&app, "encore-un@exemple.fr").await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
});

dual_test!(reset_requests_are_limited_per_address_and_per_ip, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, _) = demo_credentials(Role::Resident);
    let browser = app.new_browser();
    let ask = |address: String| {
        let browser = browser.clone();
        async move { browser.post_fn(path_of::<RequestPasswordReset>(), &[("email", &address)]).await.status() }
    };
    for _ in 0..3 {
        assert_eq!(ask(email.to_string()).await, StatusCode::OK);
    }
    assert_eq!(ask(email.to_string()).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.mails_to(email).await.len(), 3, "three links, no more");
    // Per IP: 30 an hour, known addresses or not.
    for n in 4..30 {
        assert_eq!(ask(format!("inconnu-{n}@exemple.fr")).await, StatusCode::OK, "#{n}");
    }
    assert_eq!(ask("encore-un@exemple.fr".to_string()).await, StatusCode::TOO_MANY_REQUESTS);
});

/// Password-reset requests from one browser, each naming itself `forwarded_for`; the statuses.
async fn resets_forwarded_for(base: &str, forwarded_for: &str, count: usize) -> Vec<StatusCode> {
    let browser = Browser::new(base);
    let mut statuses = Vec::new();
    for _ in 0..count {
        let address = format!("inconnu-{}@exemple.fr", uuid::Uuid::new_v4().simple());
        let request = browser
            .client
            .post(browser.url(path_of::<RequestPasswordReset>()))
            .header("accept", "application/json")
            .header("x-forwarded-for", forwarded_for)
            .form(&[("email", address.as_str())]);
        statuses.push(request.send().await.expect("reset request").status());
    }
    statuses
}

dual_test!(per_ip_limits_follow_the_client_a_trusted_proxy_names, |backend| {
    let app = TestApp::spawn(backend).await;
    // No trusted proxy (the default): a client cannot dodge the per-IP limit by naming itself.
    for n in 0..30 {
        let forged = format!("203.0.113.{n}");
        assert_eq!(resets_forwarded_for(&app.base, &forged, 1).await, [StatusCode::OK], "#{n}");
    }
    assert_eq!(resets_forwarded_for(&app.base, "198.51.100.1", 1).await, [StatusCode::TOO_MANY_REQUESTS]);

    // Behind a trusted proxy (here the test's own loopback address), each client has its own limit…
    let proxied = app.second_instance_with(&[("AGORA_TRUSTED_PROXIES", "127.0.0.0/8, ::1")]).await;
    let first = resets_forwarded_for(&proxied.base, "192.0.2.10", 31).await;
    assert!(first[..30].iter().all(|status| *status == StatusCode::OK), "{first:?}");
    assert_eq!(first[30], StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resets_forwarded_for(&proxied.base, "192.0.2.11", 1).await, [StatusCode::OK]);
    // …and what a client writes left of what the proxy saw changes nothing.
    let forged = resets_forwarded_for(&proxied.base, "192.0.2.99, 192.0.2.10", 1).await;
    assert_eq!(forged, [StatusCode::TOO_MANY_REQUESTS]);
});

dual_test!(https_deployments_pin_https_and_keep_the_session_cookie_to_their_host, |backend| {
    let app = TestApp::spawn(backend).await;
    // Over plain HTTP (a laptop, these tests): no HSTS, the plain cookie name; COOP everywhere.
    let page = app.new_browser().get(&site::home()).await;
    assert_eq!(page.headers()["cross-origin-opener-policy"], "same-origin");
    assert!(page.headers().get("strict-transport-security").is_none());

    let https = app.second_instance_with(&[("AGORA_BASE_URL", "https://agora.exemple.fr")]).await;
    let browser = Browser::new(&https.base);
    let (email, password) = demo_credentials(Role::Resident);
    let response = browser.login(email, password).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_string())
        .find(|value| value.contains("agora_session"))
        .expect("a session cookie");
    assert!(cookie.starts_with("__Host-agora_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
    // The session answers to that name only (sent by hand: the client keeps Secure cookies for HTTPS).
    let pair = cookie.split(';').next().unwrap().to_string();
    let token = pair.trim_start_matches("__Host-agora_session=");
    let ask = |cookie: String| {
        let url = format!("{}{}", https.base, path_of::<CurrentUser>());
        async move {
            let response = reqwest::Client::new()
                .get(url)
                .header("accept", "application/json")
                .header("cookie", cookie)
                .send()
                .await;
            response.unwrap().json::<serde_json::Value>().await.unwrap()
        }
    };
    assert_eq!(ask(pair.clone()).await["role"], "resident");
    assert_eq!(ask(format!("agora_session={token}")).await, serde_json::Value::Null);
});

dual_test!(registering_again_does_not_sign_twice, |backend| {
    let app = TestApp::spawn(backend).await;
    relax_rate_limits(&app).await;
    let id = petition_id(&app, HOSPITALS).await;
    let idtext = id.to_string();
    let email = "revenant@exemple.fr";
    let browser = register_and_login(&app, email).await;
    let response = browser.post_fn(path_of::<SignPetition>(), &[("id", &idtext)]).await;
    assert_eq!(location(&response), format!("{}?signee=1", app::petitions::paths::petition(id)));
    let signed = tally(&app, id).await;
    let response = browser.post_fn(path_of::<DeleteAccount>(), &[("password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    // The signature counts on without the address; only its keyed hash is kept.
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_signatures WHERE email = 'revenant@exemple.fr'").await, 0);

    let again = register_and_login(&app, email).await;
    let message = refusal(again.post_fn(path_of::<SignPetition>(), &[("id", &idtext)]).await).await;
    assert_eq!(message, "Vous avez déjà signé cette pétition.");
    // As a visitor, the same address is told by email only, and counts nothing either.
    let lens = commune(&app, "Lens").await;
    let response = sign_as_visitor(&app.new_browser(), id, "Revenant", email, &lens).await;
    assert_eq!(location(&response), format!("{}?verifiez=1", app::petitions::paths::petition(id)));
    assert_eq!(tally(&app, id).await, signed);
    assert_eq!(app.last_mail_to(email).await.subject, "Votre signature est déjà comptée — Agora");
});

dual_test!(a_backup_is_readable_by_the_server_account_only, |backend| {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("sauvegarde.db");
    let said = server::commands::backup(&app.pool, backend, "base", &target).await.unwrap();
    if backend == app::platform::db::Backend::Postgres {
        assert!(said.contains("pg_dump"), "{said}");
        return;
    }
    assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    let (copy, _) = app::platform::db::connect(&format!("sqlite://{}", target.display())).await.unwrap();
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(&copy).await.unwrap();
    assert!(users > 0, "the copy holds the accounts");
    // A second backup never overwrites the first.
    assert!(server::commands::backup(&app.pool, backend, "base", &target).await.is_err());
});
