//! The running server over real HTTP: probes, security headers, and the account flows.

use crate::common::{Browser, TestApp, app_error, demo_credentials, json_ok, path_of, refusal};
use app::accounts::api::{DeleteAccount, ExportMyData, Login, Logout, MyProfile, Register, UpdateProfile, VerifyEmail};
use app::accounts::model::{DataExport, Profile};
use app::accounts::paths;
use app::budget::api::CastBallot;
use app::pages::paths as site;
use app::platform::error::AppError;
use app::platform::identity::Role;
use reqwest::{
    StatusCode,
    header::{ACCEPT, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, ORIGIN, REFERER, SET_COOKIE},
};
use server::demo::BUDGET_SLUG;

pub(crate) const PASSWORD: &str = "Vélo-Béthune-2026";

async fn commune_id(app: &TestApp, name: &str) -> String {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM communes WHERE name = $1").bind(name).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

/// The registration form as a person fills it in.
pub(crate) async fn registration(
    app: &TestApp,
    email: &str,
    password: &str,
    name: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("email", email.to_string()),
        ("password", password.to_string()),
        ("display_name", name.to_string()),
        ("birth_date", "1990-05-04".to_string()),
        ("commune_id", commune_id(app, "Béthune").await),
        ("territory_id", String::new()),
    ]
}

pub(crate) fn fields<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(name, value)| (*name, value.as_str())).collect()
}

/// (subject, body) of each message to `recipient`, oldest first, once delivered.
async fn outbox_for(app: &TestApp, recipient: &str) -> Vec<(String, String)> {
    app.mails_to(recipient).await.into_iter().map(|mail| (mail.subject, mail.body)).collect()
}

/// The token of the last verification link mailed to `recipient`.
async fn mailed_token(app: &TestApp, recipient: &str) -> String {
    app.mailed_token(recipient, &paths::verify()).await
}

/// What a person sees of an answer: status, redirect target and body.
async fn answer(response: reqwest::Response) -> (StatusCode, Option<String>, String) {
    let status = response.status();
    let location = response.headers().get(LOCATION).map(|value| value.to_str().unwrap().to_string());
    (status, location, response.text().await.unwrap())
}

/// Email, password and display name typed, then the (field, message) pairs expected back.
type BadRegistration = (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str)]);

fn field_messages(error: &AppError) -> Vec<(String, String)> {
    error.form().map(|form| form.fields.clone()).unwrap_or_default()
}

dual_test!(health_probes_answer, |backend| {
    let app = TestApp::spawn(backend).await;
    for probe in ["/healthz", "/readyz"] {
        let response = app.browser.get(probe).await;
        assert_eq!(response.status(), StatusCode::OK, "{probe}");
        assert_eq!(response.text().await.unwrap(), "ok");
    }
});

dual_test!(home_page_is_french_with_strict_security_headers, |backend| {
    let app = TestApp::spawn(backend).await;
    let response = app.browser.get(&site::home()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let header = |name: &str| headers.get(name).map(|value| value.to_str().unwrap().to_string());
    assert!(header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
    assert!(header("referrer-policy").is_some());
    // A page may carry a session: no shared cache may keep it.
    assert_eq!(header("cache-control").as_deref(), Some("private, no-cache"));
    let csp = header(CONTENT_SECURITY_POLICY.as_str()).expect("a CSP");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let script_src = csp.split(';').map(str::trim).find(|part| part.starts_with("script-src")).expect("script-src");
    assert!(!script_src.contains("'unsafe-inline'"), "{script_src}");
    let nonce = script_src
        .split_whitespace()
        .find_map(|source| source.strip_prefix("'nonce-")?.strip_suffix('\''))
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16, "nonce too short: {nonce:?}");
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="fr""#), "{}", &html[..html.len().min(300)]);
    // Inline scripts carry this response's nonce, or the browser would refuse them.
    assert!(html.contains(&format!(r#"nonce="{nonce}""#)), "the page's scripts do not carry the CSP nonce");
    // A second response has another nonce.
    let again = app.browser.get(&site::home()).await;
    assert_ne!(again.headers().get(CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap(), csp);
});

dual_test!(unknown_paths_are_a_french_404_page, |backend| {
    let app = TestApp::spawn(backend).await;
    let response = app.browser.get("/cette-page-n-existe-pas").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.headers().get(CONTENT_SECURITY_POLICY).is_some());
    let html = response.text().await.unwrap();
    assert!(html.contains("Page introuvable"), "{html}");
    assert!(html.contains(r#"lang="fr""#));
});

dual_test!(foreign_origin_posts_are_refused_and_store_nothing, |backend| {
    let app = TestApp::spawn(backend).await;
    let users = app.count("SELECT COUNT(*) FROM users").await;
    let form = registration(&app, "intrus@exemple.fr", PASSWORD, "Intrus").await;
    let url = app.browser.url(path_of::<Register>());
    let foreign = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = foreign.post(&url).header(ORIGIN, "https://evil.example").form(&fields(&form)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Neither Origin nor a same-origin Sec-Fetch-Site: refused too.
    let response = foreign.post(&url).form(&fields(&form)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = foreign.post(&url).header("sec-fetch-site", "cross-site").form(&fields(&form)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
    // The same form from this site goes through.
    let response = app.browser.post_fn(path_of::<Register>(), &fields(&form)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users + 1);
});

dual_test!(oversized_bodies_are_refused, |backend| {
    let app = TestApp::spawn(backend).await;
    let big = "x".repeat(1024 * 1024 + 1);
    let response = app
        .browser
        .post_fn(path_of::<Login>(), &[("email", "a@exemple.fr"), ("password", big.as_str()), ("next", "/")])
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count("SELECT COUNT(*) FROM rate_limits").await, 0);
});

dual_test!(full_account_flow, |backend| {
    let app = TestApp::spawn(backend).await;
    let email = "jeanne.dupont@exemple.fr";
    let browser = app.new_browser();

    // Registration (the address is normalised).
    let form = registration(&app, "  Jeanne.Dupont@Exemple.FR ", PASSWORD, "Jeanne  Dupont").await;
    let response = browser.post_fn(path_of::<Register>(), &fields(&form)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get(LOCATION).unwrap(), &paths::check_email());
    let mails = outbox_for(&app, email).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].0.contains("Confirmez votre adresse"));

    // Not verified yet: no session.
    let response = browser.login(email, PASSWORD).await;
    assert!(matches!(app_error(response).await, AppError::Refused(message) if message.contains("Confirmez")));
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);

    // The emailed link verifies the address, once.
    let token = mailed_token(&app, email).await;
    let response = browser.post_fn(path_of::<VerifyEmail>(), &[("token", &token)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get(LOCATION).unwrap(), &format!("{}?verifie=1", paths::login()));
    let response = browser.post_fn(path_of::<VerifyEmail>(), &[("token", &token)]).await;
    assert!(matches!(app_error(response).await, AppError::Refused(_)));

    // Log-in sets an HttpOnly session cookie.
    let response = browser.login(email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get(LOCATION).unwrap(), &paths::profile());
    let cookie = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with("agora_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));

    let profile: Profile =
        serde_json::from_value(json_ok(browser.get_fn(path_of::<MyProfile>(), &[]).await).await).expect("a profile");
    assert_eq!(profile.email, email);
    assert_eq!(profile.display_name, "Jeanne Dupont");
    assert_eq!(profile.birth_date, "1990-05-04");
    assert_eq!(profile.role, Role::Resident);
    assert!(profile.verified_at.is_some());

    // Profile update.
    let lens = commune_id(&app, "Lens").await;
    let response = browser
        .post_fn(
            path_of::<UpdateProfile>(),
            &[("display_name", "Jeanne D."), ("commune_id", &lens), ("territory_id", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let profile: Profile =
        serde_json::from_value(json_ok(browser.get_fn(path_of::<MyProfile>(), &[]).await).await).unwrap();
    assert_eq!(profile.display_name, "Jeanne D.");
    assert_eq!(profile.commune_id.map(|id| id.to_string()), Some(lens));

    // The data export holds the profile and comes as a download.
    let response = browser.get_fn(path_of::<ExportMyData>(), &[]).await;
    assert!(response.headers().get("content-disposition").unwrap().to_str().unwrap().starts_with("attachment"));
    let export: DataExport = serde_json::from_value(json_ok(response).await).expect("an export");
    assert_eq!(export.profile, profile);
    assert!(export.role_changes.is_empty());

    // Log-out ends the session on the server, not only in the browser.
    let response = browser.post_fn(path_of::<Logout>(), &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    let response = browser.get_fn(path_of::<MyProfile>(), &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app_error(response).await, AppError::Unauthenticated);
});

dual_test!(replayed_session_cookie_is_dead_after_logout, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = app.login(Role::Resident).await;
    // The raw cookie, as someone who copied it would replay it.
    let (email, password) = demo_credentials(Role::Resident);
    let fresh = app.new_browser();
    let response = fresh.login(email, password).await;
    let cookie = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let replay = |cookie: String| {
        let url = app.browser.url(path_of::<MyProfile>());
        async move {
            reqwest::Client::new()
                .get(url)
                .header(ACCEPT, "application/json")
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(replay(cookie.clone()).await, StatusCode::OK);
    let response = fresh.post_fn(path_of::<Logout>(), &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(replay(cookie).await, StatusCode::UNAUTHORIZED);
    // The other session of the same account lives on.
    assert_eq!(browser.get_fn(path_of::<MyProfile>(), &[]).await.status(), StatusCode::OK);
});

dual_test!(registering_a_taken_email_looks_the_same_and_warns_the_owner, |backend| {
    let app = TestApp::spawn(backend).await;
    let first = registration(&app, "camille@exemple.fr", PASSWORD, "Camille").await;
    let (status, location, body) =
        answer(app.new_browser().post_fn(path_of::<Register>(), &fields(&first)).await).await;
    assert_eq!(status, StatusCode::OK);
    let users = app.count("SELECT COUNT(*) FROM users").await;

    let second = registration(&app, "Camille@Exemple.fr", "Autre-mot-de-passe-42", "Quelqu'un d'autre").await;
    let repeat = answer(app.new_browser().post_fn(path_of::<Register>(), &fields(&second)).await).await;
    assert_eq!(repeat, (status, location, body), "a taken address must not be revealed");
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);

    let mails = outbox_for(&app, "camille@exemple.fr").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[0].0.contains("Confirmez"));
    assert!(mails[1].0.contains("Tentative d'inscription"), "{:?}", mails[1]);
    assert!(!mails[1].1.contains("jeton="), "no link that would let the intruder in");
    // The account keeps its own name and password.
    let (name,): (String,) = sqlx::query_as("SELECT display_name FROM users WHERE email = 'camille@exemple.fr'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Camille");
});

dual_test!(wrong_password_and_unknown_email_fail_alike, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, _) = demo_credentials(Role::Resident);
    let unknown = "personne@demo.agora.fr";
    let browser = app.new_browser();
    let wrong_password = browser.login(email, "pas-le-bon-mot-de-passe").await;
    let unknown_email = browser.login(unknown, "pas-le-bon-mot-de-passe").await;
    assert_eq!(wrong_password.status(), unknown_email.status());
    let (wrong_password, unknown_email) = (app_error(wrong_password).await, app_error(unknown_email).await);
    // Only the typed address, kept for the form, differs.
    assert_eq!(field_messages(&wrong_password), field_messages(&unknown_email));
    assert_eq!(
        field_messages(&wrong_password),
        vec![("password".to_string(), "Adresse électronique ou mot de passe incorrect.".to_string())]
    );
    assert_eq!(wrong_password.form().unwrap().value("email").as_deref(), Some(email));
    assert_eq!(unknown_email.form().unwrap().value("email").as_deref(), Some(unknown));
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
});

dual_test!(sixth_login_attempt_is_rate_limited_even_with_the_right_password, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, password) = demo_credentials(Role::Resident);
    let browser = app.new_browser();
    for attempt in 1..=5 {
        let error = app_error(browser.login(email, "mauvais-mot-de-passe").await).await;
        assert!(matches!(error, AppError::Invalid(_)), "attempt {attempt}: {error:?}");
    }
    // The failures count per account, whatever the case of the typed address.
    let response = browser.login(&email.to_uppercase(), password).await;
    assert_eq!(app_error(response).await, AppError::RateLimited);
    let response = app.new_browser().login(email, password).await;
    assert_eq!(app_error(response).await, AppError::RateLimited);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(AppError::RateLimited.to_string(), "Trop de tentatives. Réessayez dans quelques minutes.");
    // Another account is not locked out.
    app.login(Role::Moderator).await;
});

dual_test!(invalid_registrations_answer_in_french_and_store_nothing, |backend| {
    let app = TestApp::spawn(backend).await;
    let users = app.count("SELECT COUNT(*) FROM users").await;
    let cases: [BadRegistration; 3] = [
        (
            "pas-une-adresse",
            "court",
            "Jeanne",
            &[
                ("email", "Adresse électronique invalide (exemple : prenom.nom@exemple.fr)."),
                ("password", "Le mot de passe doit compter au moins 8 caractères."),
            ],
        ),
        (
            "jeanne@exemple.fr",
            "password123",
            "Jeanne",
            &[("password", "Ce mot de passe fait partie des plus courants : choisissez-en un autre.")],
        ),
        (
            "jeanne@exemple.fr",
            "Azerty",
            "   ",
            &[
                ("password", "Le mot de passe doit compter au moins 8 caractères."),
                ("display_name", "Indiquez le nom à afficher."),
            ],
        ),
    ];
    for (email, password, name, expected) in cases {
        let form = registration(&app, email, password, name).await;
        let response = app.new_browser().post_fn(path_of::<Register>(), &fields(&form)).await;
        assert!(!response.status().is_success());
        let error = app_error(response).await;
        assert_eq!(error.to_string(), "Le formulaire contient des erreurs : corrigez les champs signalés.");
        let expected: Vec<(String, String)> =
            expected.iter().map(|(field, message)| (field.to_string(), message.to_string())).collect();
        assert_eq!(field_messages(&error), expected, "for {email} / {password}");
        // Passwords are never echoed back.
        assert_eq!(error.form().unwrap().value("password"), None);
    }
    // Unknown commune, future birth date.
    let mut form = registration(&app, "jeanne@exemple.fr", PASSWORD, "Jeanne").await;
    form[3].1 = "2999-01-01".into();
    form[4].1 = "999999".into();
    let error = app_error(app.new_browser().post_fn(path_of::<Register>(), &fields(&form)).await).await;
    let failed: Vec<String> = field_messages(&error).into_iter().map(|(field, _)| field).collect();
    assert_eq!(failed, ["birth_date", "commune_id"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
});

dual_test!(no_js_failed_registration_comes_back_with_errors_and_values, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = app.new_browser();
    let page = browser.url(&paths::register());
    let form = registration(&app, "pas-une-adresse", "court", "Jeanne Sans-Script").await;
    // A plain HTML form post: the browser accepts HTML and says where it comes from.
    let response = browser
        .client
        .post(browser.url(path_of::<Register>()))
        .header(ACCEPT, "text/html,application/xhtml+xml")
        .header(REFERER, &page)
        .form(&fields(&form))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers().get(LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with(&page), "{location}");
    // Nothing typed travels in the URL (history, logs): the error waits server-side under a one-time id.
    assert!(!location.contains("__err="), "{location}");
    assert!(location.contains("__flash="), "{location}");
    assert!(!location.contains("court"), "the password must not travel in the URL: {location}");
    let stored = app.count("SELECT COUNT(*) FROM form_flashes").await;
    assert_eq!(stored, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE display_name = 'Jeanne Sans-Script'").await, 0);

    let response = browser.client.get(&location).header(ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("Le formulaire contient des erreurs"), "no summary in {html}");
    assert!(html.contains("Adresse électronique invalide"), "no email error");
    assert!(html.contains("Le mot de passe doit compter au moins 8 caractères."), "no password error");
    assert!(html.contains(r#"value="Jeanne Sans-Script""#), "the name was not kept");
    assert!(html.contains(r#"value="pas-une-adresse""#), "the email was not kept");
    assert!(!html.contains(r#"value="court""#), "a password was sent back");
    assert!(html.contains(r#"aria-invalid="true""#));
    // Shown once: the same address later (history, a shared link) shows a clean form.
    assert_eq!(app.count("SELECT COUNT(*) FROM form_flashes").await, 0);
    let again = browser.client.get(&location).header(ACCEPT, "text/html").send().await.unwrap().text().await.unwrap();
    assert!(!again.contains("Jeanne Sans-Script") && !again.contains("Adresse électronique invalide"));

    // A successful no-JS submission redirects to the function's own target.
    let form = registration(&app, "sans-script@exemple.fr", PASSWORD, "Jeanne Sans-Script").await;
    let response = browser
        .client
        .post(browser.url(path_of::<Register>()))
        .header(ACCEPT, "text/html")
        .header(REFERER, &location)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .form(&fields(&form))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers().get(LOCATION).unwrap(), &paths::check_email());
});

dual_test!(deleting_the_account_needs_the_password_and_ends_everything, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = register_and_login(&app, "partant@exemple.fr").await;
    let error = app_error(browser.post_fn(path_of::<DeleteAccount>(), &[("password", "pas-le-bon")]).await).await;
    assert_eq!(field_messages(&error)[0].0, "password");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'partant@exemple.fr'").await, 1);
    let response = browser.post_fn(path_of::<DeleteAccount>(), &[("password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'partant@exemple.fr'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(browser.get_fn(path_of::<MyProfile>(), &[]).await.status(), StatusCode::UNAUTHORIZED);
    let response = browser.login("partant@exemple.fr", PASSWORD).await;
    assert!(matches!(app_error(response).await, AppError::Invalid(_)));
});

/// A verified account made through the public forms, signed in.
pub(crate) async fn register_and_login(app: &TestApp, email: &str) -> Browser {
    let browser = app.new_browser();
    let form = registration(app, email, PASSWORD, "Compte de test").await;
    assert_eq!(browser.post_fn(path_of::<Register>(), &fields(&form)).await.status(), StatusCode::OK);
    let token = mailed_token(app, email).await;
    assert_eq!(browser.post_fn(path_of::<VerifyEmail>(), &[("token", &token)]).await.status(), StatusCode::OK);
    assert_eq!(browser.login(email, PASSWORD).await.status(), StatusCode::OK);
    browser
}

dual_test!(login_redirects_only_to_local_paths, |backend| {
    let app = TestApp::spawn(backend).await;
    let (email, password) = demo_credentials(Role::Resident);
    let cases = [
        ("/budget?onglet=projets", "/budget?onglet=projets"),
        ("", "/compte"),
        ("https://evil.example/", "/compte"),
        ("//evil.example/", "/compte"),
        // Browsers read a backslash as a slash, and drop tabs and newlines.
        ("/\\evil.example/", "/compte"),
        ("/\t/evil.example/", "/compte"),
        // Would not fit in a Location header.
        ("/\r\nSet-Cookie: x=y", "/compte"),
    ];
    for (next, expected) in cases {
        let browser = app.new_browser();
        let response =
            browser.post_fn(path_of::<Login>(), &[("email", email), ("password", password), ("next", next)]).await;
        assert_eq!(response.status(), StatusCode::OK, "next = {next:?}");
        assert_eq!(response.headers().get(LOCATION).unwrap(), expected, "next = {next:?}");
    }
});

/// Participations, ballots and ballot choices in the database.
async fn budget_counts(app: &TestApp) -> (i64, i64, i64) {
    (
        app.count("SELECT COUNT(*) FROM budget_participations").await,
        app.count("SELECT COUNT(*) FROM budget_ballots").await,
        app.count("SELECT COUNT(*) FROM budget_ballot_choices").await,
    )
}

/// Casts a ballot for `project` in the demo campaign.
async fn vote_for(browser: &Browser, project: i64) -> reqwest::Response {
    let field = format!("choices[p{project}]");
    let value = project.to_string();
    browser.post_fn(path_of::<CastBallot>(), &[("slug", BUDGET_SLUG), (&field, &value)]).await
}

dual_test!(an_address_votes_once_even_across_account_deletion, |backend| {
    let app = TestApp::spawn(backend).await;
    let (project,): (i64,) = sqlx::query_as(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE c.slug = $1 AND p.status = 'labelled' ORDER BY p.id LIMIT 1",
    )
    .bind(BUDGET_SLUG)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let email = "revenante@exemple.fr";
    let first = register_and_login(&app, email).await;
    assert_eq!(vote_for(&first, project).await.status(), StatusCode::OK);
    let after_vote = budget_counts(&app).await;
    let response = first.post_fn(path_of::<DeleteAccount>(), &[("password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(budget_counts(&app).await, after_vote, "the participation outlives the account");

    // The same address on a new account: refused, and nothing changes.
    let again = register_and_login(&app, email).await;
    let message = refusal(vote_for(&again, project).await).await;
    assert_eq!(
        message,
        "Un bulletin a déjà été déposé pour cette campagne avec votre adresse électronique, depuis un compte \
         supprimé depuis : un seul bulletin par personne."
    );
    assert_eq!(budget_counts(&app).await, after_vote);

    // Another address still votes.
    let other = register_and_login(&app, "autre.personne@exemple.fr").await;
    assert_eq!(vote_for(&other, project).await.status(), StatusCode::OK);
    let (participations, ballots, choices) = after_vote;
    assert_eq!(budget_counts(&app).await, (participations + 1, ballots + 1, choices + 1));
});
