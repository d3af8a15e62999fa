//! Petitions over real HTTP: a visitor's signature counted once its emailed link is opened, one-click
//! signing, the threshold and its milestones, the whole life of a petition, rate limits, the CSV
//! downloads per role, the live counter, and housekeeping. Each refusal is in French and stores nothing.

use crate::common::{
    Browser, Listed, TestApp, app_error, assert_paginated, demo_credentials, field_errors, json_ok, location, path_of,
    refusal,
};
use app::accounts::{
    api::{DeleteAccount, ExportMyData},
    model::DataExport,
};
use app::petitions::api::{
    ConfirmSignature, CreatePetition, ListPetitions, PetitionPage, PublishPetition, RecordDecision, RejectPetition,
    SignAsVisitor, SignPetition, SubmitPetition, UpdatePetition, UpdatePetitionRules,
};
use app::petitions::domain::State;
use app::petitions::model::PetitionView as PageData;
use app::petitions::paths;
use app::platform::identity::Role;
use app::platform::{db, error::AppError};
use reqwest::StatusCode;

pub(crate) const HOSPITALS: &str = "Maintenir les urgences et les maternités des hôpitaux de proximité";

pub(crate) async fn petition_id(app: &TestApp, title: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM petitions WHERE title = $1").bind(title).fetch_one(&app.pool).await.unwrap();
    id
}

/// (counter on the petition, counted signature rows, signature rows).
pub(crate) async fn tally(app: &TestApp, id: i64) -> (i64, i64, i64) {
    (
        app.count(&format!("SELECT signatures FROM petitions WHERE id = {id}")).await,
        app.count(&format!(
            "SELECT COUNT(*) FROM petition_signatures WHERE petition_id = {id} AND confirmed_at IS NOT NULL"
        ))
        .await,
        app.count(&format!("SELECT COUNT(*) FROM petition_signatures WHERE petition_id = {id}")).await,
    )
}

async fn state_of(app: &TestApp, id: i64) -> String {
    let (state,): (String,) =
        sqlx::query_as("SELECT state FROM petitions WHERE id = $1").bind(id).fetch_one(&app.pool).await.unwrap();
    state
}

pub(crate) async fn commune(app: &TestApp, name: &str) -> String {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM communes WHERE name = $1").bind(name).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

pub(crate) async fn sign_as_visitor(
    browser: &Browser,
    id: i64,
    name: &str,
    email: &str,
    commune: &str,
) -> reqwest::Response {
    let id = id.to_string();
    browser
        .post_fn(
            path_of::<SignAsVisitor>(),
            &[("id", &id), ("full_name", name), ("email", email), ("commune_id", commune), ("age_confirmed", "oui")],
        )
        .await
}

/// The newest confirmation token emailed to `email`.
async fn emailed_token(app: &TestApp, email: &str) -> String {
    app.mailed_token(email, &paths::confirm_signature()).await
}

pub(crate) async fn relax_rate_limits(app: &TestApp) {
    sqlx::query("UPDATE petition_rules SET burst_per_minute = 100, per_five_minutes = 100")
        .execute(&app.pool)
        .await
        .unwrap();
}

dual_test!(a_visitor_signature_counts_once_the_emailed_link_is_opened, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    let lens = commune(&app, "Lens").await;
    let before = tally(&app, id).await;
    assert_eq!(before, (3870, 3870, 3870));
    let visitor = app.new_browser();

    // Every field is checked at once, and nothing is stored.
    let idtext = id.to_string();
    let response = visitor
        .post_fn(
            path_of::<SignAsVisitor>(),
            &[("id", &idtext), ("full_name", " "), ("email", "pas-une-adresse"), ("commune_id", "")],
        )
        .await;
    let fields: Vec<String> = field_errors(response).await.into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["full_name", "email", "commune_id", "age_confirmed"]);
    assert_eq!(tally(&app, id).await, before);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);

    // Signing sends a link; the count moves only once it is opened.
    let response = sign_as_visitor(&visitor, id, "Nadia Visiteuse", " Nadia.Visiteuse@Exemple.FR ", &lens).await;
    assert_eq!(location(&response), format!("{}?verifiez=1", paths::petition(id)));
    assert_eq!(tally(&app, id).await, (3870, 3870, 3871));
    let token = emailed_token(&app, "nadia.visiteuse@exemple.fr").await;

    // The same IP cannot try again within the minute (default burst: 1 per minute).
    let response = sign_as_visitor(&visitor, id, "Autre Personne", "autre@exemple.fr", &lens).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app_error(response).await, AppError::RateLimited);
    assert_eq!(tally(&app, id).await, (3870, 3870, 3871));

    let response = visitor.post_fn(path_of::<ConfirmSignature>(), &[("token", &token)]).await;
    assert_eq!(location(&response), format!("{}?confirmee=1", paths::petition(id)));
    assert_eq!(tally(&app, id).await, (3871, 3871, 3871));

    // A link works once; unknown links say so.
    let message = refusal(visitor.post_fn(path_of::<ConfirmSignature>(), &[("token", &token)]).await).await;
    assert_eq!(message, "Ce lien a déjà servi : votre signature est comptée.");
    let message = refusal(visitor.post_fn(path_of::<ConfirmSignature>(), &[("token", "0123abcd")]).await).await;
    assert!(message.starts_with("Ce lien de confirmation est inconnu"), "{message}");

    // One signature per person: the address is compared once normalised (and the answer reveals
    // nothing: see a_second_visitor_signature_reveals_nothing).
    relax_rate_limits(&app).await;
    let response = sign_as_visitor(&visitor, id, "Nadia V.", "nadia.visiteuse@exemple.fr", &lens).await;
    assert_eq!(location(&response), format!("{}?verifiez=1", paths::petition(id)));
    assert_eq!(tally(&app, id).await, (3871, 3871, 3871));

    // An expired link counts nothing.
    let response = sign_as_visitor(&visitor, id, "Paul Retard", "paul@exemple.fr", &lens).await;
    assert_eq!(response.status(), StatusCode::OK);
    let late = emailed_token(&app, "paul@exemple.fr").await;
    sqlx::query("UPDATE petition_signatures SET token_expires_at = $1 WHERE email = 'paul@exemple.fr'")
        .bind(db::now() - 1)
        .execute(&app.pool)
        .await
        .unwrap();
    let message = refusal(visitor.post_fn(path_of::<ConfirmSignature>(), &[("token", &late)]).await).await;
    assert!(message.starts_with("Ce lien a expiré"), "{message}");
    assert_eq!(tally(&app, id).await, (3871, 3871, 3872));

    // Closed and unpublished petitions take no signature.
    let closed = petition_id(&app, "Ouvrir la piscine municipale le dimanche matin toute l'année").await;
    let message = refusal(sign_as_visitor(&visitor, closed, "Léa", "lea@exemple.fr", &lens).await).await;
    assert!(message.starts_with("Cette pétition est close"), "{message}");
    let pending = petition_id(&app, "Des fontaines d'eau potable dans toutes les gares de la région").await;
    let response = sign_as_visitor(&visitor, pending, "Léa", "lea@exemple.fr", &lens).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_signatures WHERE email = 'lea@exemple.fr'").await, 0);
});

dual_test!(residents_sign_in_one_click_and_the_threshold_is_announced, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    // One more signature reaches the threshold.
    sqlx::query("UPDATE petitions SET threshold = 3871 WHERE id = $1").bind(id).execute(&app.pool).await.unwrap();
    let resident = app.login(Role::Resident).await;
    let idtext = id.to_string();
    let response = resident.post_fn(path_of::<SignPetition>(), &[("id", &idtext)]).await;
    assert_eq!(location(&response), format!("{}?signee=1", paths::petition(id)));
    assert_eq!(tally(&app, id).await, (3871, 3871, 3871));
    assert_eq!(state_of(&app, id).await, "threshold");
    let (subject,): (String,) = sqlx::query_as(
        "SELECT subject FROM outbox WHERE recipient = 'habitante@demo.agora.fr' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(subject, "Votre pétition a atteint le seuil");
    let page: PageData =
        serde_json::from_value(json_ok(resident.get_fn(path_of::<PetitionPage>(), &[("id", &idtext)]).await).await)
            .unwrap();
    assert!(page.abilities.signed);
    assert_eq!(page.history.last().map(|change| change.state), Some(State::ThresholdReached));

    let message = refusal(resident.post_fn(path_of::<SignPetition>(), &[("id", &idtext)]).await).await;
    assert_eq!(message, "Vous avez déjà signé cette pétition.");

    // Too young to sign: nothing stored.
    sqlx::query("UPDATE users SET birth_date = '2014-01-01' WHERE email = 'organisation@demo.agora.fr'")
        .execute(&app.pool)
        .await
        .unwrap();
    let organiser = app.login(Role::Organiser).await;
    let message = refusal(organiser.post_fn(path_of::<SignPetition>(), &[("id", &idtext)]).await).await;
    assert_eq!(message, "Il faut avoir au moins 16 ans pour signer cette pétition.");
    assert_eq!(tally(&app, id).await, (3871, 3871, 3871));
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Votre pétition a atteint%'").await, 1);

    // The resident's data export lists what they filed and signed; deleting the account removes their
    // name and address from the signature, which keeps counting.
    let export: DataExport =
        serde_json::from_value(json_ok(resident.get_fn(path_of::<ExportMyData>(), &[]).await).await).unwrap();
    assert_eq!(export.petitions_signed.len(), 1);
    assert_eq!(export.petitions_signed[0].0, HOSPITALS);
    assert_eq!(export.petitions_filed.len(), 3);
    let (_, password) = demo_credentials(Role::Resident);
    let response = resident.post_fn(path_of::<DeleteAccount>(), &[("password", password)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM petition_signatures WHERE petition_id = {id} AND email = 'habitante@demo.agora.fr'"
        ))
        .await,
        0
    );
    assert_eq!(tally(&app, id).await, (3871, 3871, 3871));
});

dual_test!(a_petition_goes_from_draft_to_the_institutions_answer, |backend| {
    let app = TestApp::spawn(backend).await;
    let resident = app.login(Role::Resident).await;
    let moderator = app.login(Role::Moderator).await;
    let staff = app.login(Role::Staff).await;
    let (ceser,): (i64,) = sqlx::query_as("SELECT id FROM institutions WHERE name = 'CESER Hauts-de-France'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let ceser = ceser.to_string();
    let petitions_before = app.count("SELECT COUNT(*) FROM petitions").await;

    let response = resident
        .post_fn(path_of::<CreatePetition>(), &[("institution_id", ""), ("title", "Court"), ("body", "Trop court.")])
        .await;
    let fields: Vec<String> = field_errors(response).await.into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["institution_id", "title", "body"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM petitions").await, petitions_before);

    let title = "Des pistes cyclables continues entre les villes du bassin minier";
    let body = "Les pistes cyclables s'arrêtent aux limites des communes. Nous demandons au CESER d'étudier un \
                réseau continu entre les villes du bassin minier.";
    let response = resident
        .post_fn(path_of::<CreatePetition>(), &[("institution_id", &ceser), ("title", title), ("body", body)])
        .await;
    let to = location(&response);
    let id: i64 =
        to.trim_start_matches(&format!("{}/", paths::petitions())).trim_end_matches("?enregistre=1").parse().unwrap();
    let idtext = id.to_string();
    assert_eq!(state_of(&app, id).await, "draft");

    // A draft is its author's: invisible and untouchable for others.
    let response = app.new_browser().get_fn(path_of::<PetitionPage>(), &[("id", &idtext)]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let organiser = app.login(Role::Organiser).await;
    let response = organiser
        .post_fn(
            path_of::<UpdatePetition>(),
            &[("id", &idtext), ("institution_id", &ceser), ("title", title), ("body", body)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = organiser.post_fn(path_of::<SubmitPetition>(), &[("id", &idtext)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // The demo resident already filed this year: the CESER's limit (1 a year) refuses a new one…
    let message = refusal(resident.post_fn(path_of::<SubmitPetition>(), &[("id", &idtext)]).await).await;
    assert_eq!(
        message,
        "Vous avez déjà déposé 2 pétition(s) ces 365 derniers jours ; CESER Hauts-de-France en accepte 1 par \
         personne sur cette période."
    );
    assert_eq!(state_of(&app, id).await, "draft");
    // …until staff raise it.
    let rules = [
        ("institution_id", ceser.as_str()),
        ("threshold_kind", "fixed"),
        ("threshold_fixed", "2"),
        ("electors", "0"),
        ("share_divisor", "10"),
        ("min_age", "16"),
        ("filings_per_period", "5"),
        ("filing_period_days", "365"),
        ("duration_days", "183"),
        ("burst_per_minute", "1"),
        ("per_five_minutes", "5"),
        ("retention_days", "90"),
    ];
    let mut wrong = rules;
    wrong[1].1 = "share";
    wrong[6].1 = "zéro";
    let fields: Vec<String> = field_errors(staff.post_fn(path_of::<UpdatePetitionRules>(), &wrong).await)
        .await
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["filings_per_period", "electors"]);
    let response = staff.post_fn(path_of::<UpdatePetitionRules>(), &rules).await;
    assert_eq!(location(&response), format!("{}?institution={ceser}&enregistre=1", paths::rules()));

    let response = resident.post_fn(path_of::<SubmitPetition>(), &[("id", &idtext)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(state_of(&app, id).await, "pending");
    let message = refusal(resident.post_fn(path_of::<SubmitPetition>(), &[("id", &idtext)]).await).await;
    assert_eq!(message, "Seul un brouillon peut être envoyé à la modération.");

    // Only moderators publish; the threshold is the institution's.
    let response = resident.post_fn(path_of::<PublishPetition>(), &[("id", &idtext)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = moderator.post_fn(path_of::<PublishPetition>(), &[("id", &idtext)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(state_of(&app, id).await, "open");
    assert_eq!(app.count(&format!("SELECT threshold FROM petitions WHERE id = {id}")).await, 2);
    let message = refusal(
        staff.post_fn(path_of::<RecordDecision>(), &[("id", &idtext), ("decision", "report"), ("answer", body)]).await,
    )
    .await;
    assert!(message.starts_with("La réponse de l'institution s'enregistre une fois le seuil atteint"), "{message}");

    for role in [Role::Moderator, Role::Staff] {
        let browser = if role == Role::Staff { &staff } else { &moderator };
        assert_eq!(browser.post_fn(path_of::<SignPetition>(), &[("id", &idtext)]).await.status(), StatusCode::OK);
    }
    assert_eq!(state_of(&app, id).await, "threshold");
    let (subjects,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE recipient = 'habitante@demo.agora.fr' AND subject LIKE 'Votre pétition a atteint%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(subjects, 2, "the first signature passes one third, the second the threshold");

    let response =
        staff.post_fn(path_of::<RecordDecision>(), &[("id", &idtext), ("decision", "peut-être"), ("answer", "")]).await;
    let fields: Vec<String> = field_errors(response).await.into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["decision", "answer"]);
    let answer = "Le CESER se saisit de la question et rendra un avis en séance plénière.";
    let response = moderator
        .post_fn(path_of::<RecordDecision>(), &[("id", &idtext), ("decision", "referral"), ("answer", answer)])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "decisions are staff's");
    let response = staff
        .post_fn(path_of::<RecordDecision>(), &[("id", &idtext), ("decision", "referral"), ("answer", answer)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page: PageData = serde_json::from_value(
        json_ok(app.new_browser().get_fn(path_of::<PetitionPage>(), &[("id", &idtext)]).await).await,
    )
    .unwrap();
    assert_eq!(page.petition.state, State::Answered);
    assert_eq!(page.petition.answer.as_deref(), Some(answer));
    let states: Vec<&str> = page.history.iter().map(|change| change.state.as_str()).collect();
    assert_eq!(states, ["draft", "pending", "open", "threshold", "answered"]);
    assert!(page.history.windows(2).all(|pair| pair[0].at <= pair[1].at));
    let page = app.new_browser().get(&paths::petition(id)).await.text().await.unwrap();
    assert!(page.contains("Saisine de l&#x27;institution") || page.contains("Saisine de l'institution"), "{page}");

    // Rejection: a reason is required, and the author is told.
    let response = resident
        .post_fn(path_of::<CreatePetition>(), &[("institution_id", &ceser), ("title", title), ("body", body)])
        .await;
    let second = location(&response)
        .trim_start_matches(&format!("{}/", paths::petitions()))
        .trim_end_matches("?enregistre=1")
        .to_string();
    assert_eq!(resident.post_fn(path_of::<SubmitPetition>(), &[("id", &second)]).await.status(), StatusCode::OK);
    let fields =
        field_errors(moderator.post_fn(path_of::<RejectPetition>(), &[("id", &second), ("reason", "")]).await).await;
    assert_eq!(fields[0].0, "reason");
    let reason = "Une pétition identique est déjà ouverte.";
    let response = moderator.post_fn(path_of::<RejectPetition>(), &[("id", &second), ("reason", reason)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mails = app.mails_to("habitante@demo.agora.fr").await;
    let refused = mails.iter().find(|mail| mail.subject == "Votre pétition n'a pas été publiée").expect("told");
    assert!(refused.body.contains(reason));
    let page: PageData =
        serde_json::from_value(json_ok(resident.get_fn(path_of::<PetitionPage>(), &[("id", &second)]).await).await)
            .unwrap();
    assert_eq!(page.petition.rejection_reason.as_deref(), Some(reason));
    let response = app.new_browser().get_fn(path_of::<PetitionPage>(), &[("id", &second)]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
});

dual_test!(the_csv_downloads_follow_roles, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    let response = app.new_browser().get(&paths::signatures_by_commune(id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let text = response.text().await.unwrap();
    let mut lines = text.split("\r\n").filter(|line| !line.is_empty());
    assert_eq!(lines.next(), Some("commune,signatures"));
    let total: i64 = lines.map(|line| line.rsplit(',').next().unwrap().parse::<i64>().unwrap()).sum();
    assert_eq!(total, 3870);
    assert!(!text.contains("@"), "no personal data in the public file");

    let pending = petition_id(&app, "Des fontaines d'eau potable dans toutes les gares de la région").await;
    let response = app.new_browser().get(&paths::signatures_by_commune(pending)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let path = paths::signatures_for_staff(id);
    assert_eq!(app.new_browser().get(&path).await.status(), StatusCode::UNAUTHORIZED);
    for role in [Role::Resident, Role::Moderator, Role::Organiser] {
        assert_eq!(app.login(role).await.get(&path).await.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    let text = app.login(Role::Staff).await.get(&path).await.text().await.unwrap();
    assert!(text.starts_with("nom,adresse,commune,compte,confirmee_le\r\n"));
    assert_eq!(text.matches("\r\n").count(), 3871);
});

dual_test!(the_live_counter_follows_signatures, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    let mut feed = app.new_browser().get(&paths::live_count(id)).await;
    assert_eq!(feed.status(), StatusCode::OK);
    assert_eq!(feed.headers()["content-type"], "text/event-stream");
    let first = String::from_utf8(feed.chunk().await.unwrap().unwrap().to_vec()).unwrap();
    assert!(first.contains("event: compte") && first.contains("data: 3870"), "{first}");

    let resident = app.login(Role::Resident).await;
    let response = resident.post_fn(path_of::<SignPetition>(), &[("id", &id.to_string())]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let next = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            let chunk = String::from_utf8(feed.chunk().await.unwrap().unwrap().to_vec()).unwrap();
            if chunk.contains("data:") {
                return chunk;
            }
        }
    })
    .await
    .expect("an update within 5 seconds");
    assert!(next.contains("data: 3871"), "{next}");

    let pending = petition_id(&app, "Des fontaines d'eau potable dans toutes les gares de la région").await;
    let response = app.new_browser().get(&paths::live_count(pending)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
});

dual_test!(live_streams_are_capped_per_client_address, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    let path = paths::live_count(id);
    let mut open = Vec::new();
    for _ in 0..app::platform::live::MAX_STREAMS_PER_CLIENT {
        let feed = app.new_browser().get(&path).await;
        assert_eq!(feed.status(), StatusCode::OK);
        open.push(feed);
    }
    // One more from the same address (new sessions change nothing) is refused, in French.
    let refused = app.new_browser().get(&path).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.text().await.unwrap().starts_with("Trop de suivis en direct ouverts depuis votre adresse"));
    drop(open);
});

dual_test!(housekeeping_closes_and_then_forgets_the_signers, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    let now = db::now();
    sqlx::query("UPDATE petitions SET closes_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now - 10)
        .execute(&app.pool)
        .await
        .unwrap();
    app::petitions::store::housekeeping(&app.pool, now).await.unwrap();
    assert_eq!(state_of(&app, id).await, "closed");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM petition_state_changes WHERE petition_id = {id} AND state = 'closed'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM petition_signatures WHERE petition_id = {id} AND email IS NOT NULL"))
            .await,
        3870
    );

    // 90 days (the default retention) after closing, names and addresses go; the counts stay.
    app::petitions::store::housekeeping(&app.pool, now + 91 * 86_400).await.unwrap();
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petition_signatures WHERE petition_id = {id} AND (email IS NOT NULL OR full_name IS NOT NULL)")).await, 0);
    assert_eq!(tally(&app, id).await, (3870, 3870, 3870));
    let text = app.new_browser().get(&paths::signatures_by_commune(id)).await.text().await.unwrap();
    let total: i64 = text
        .split("\r\n")
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| line.rsplit(',').next().unwrap().parse::<i64>().unwrap())
        .sum();
    assert_eq!(total, 3870);
});

dual_test!(the_petition_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = app.new_browser();
    let list = browser.get(&paths::petitions()).await.text().await.unwrap();
    assert!(list.contains("Des TER toutes les demi-heures"));
    assert!(
        !list.contains("Des fontaines d&#x27;eau") && !list.contains("Des fontaines d'eau"),
        "pending stays hidden"
    );
    let id = petition_id(&app, HOSPITALS).await;
    let page = browser.get(&paths::petition(id)).await.text().await.unwrap();
    assert!(page.contains("3870 signatures sur 4000"), "{page}");
    assert!(page.contains("name=\"full_name\""), "the visitor form");
    assert_eq!(browser.get(&paths::moderation()).await.status(), StatusCode::UNAUTHORIZED);
    let moderator = app.login(Role::Moderator).await;
    let queue = moderator.get(&paths::moderation()).await.text().await.unwrap();
    assert!(queue.contains("Des fontaines d"));
    assert_eq!(moderator.get(&paths::rules()).await.status(), StatusCode::FORBIDDEN);
    let rules = app.login(Role::Staff).await.get(&paths::rules()).await.text().await.unwrap();
    assert!(rules.contains("Seuil fixe"));
});

dual_test!(parallel_visitor_signatures_from_one_ip_stop_at_the_limit, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = petition_id(&app, HOSPITALS).await;
    sqlx::query("UPDATE petition_rules SET burst_per_minute = 3, per_five_minutes = 100")
        .execute(&app.pool)
        .await
        .unwrap();
    let lens = commune(&app, "Lens").await;
    let before = tally(&app, id).await;
    let tasks: Vec<_> = (0..12)
        .map(|n| {
            let browser = app.new_browser();
            let lens = lens.clone();
            tokio::spawn(async move {
                let email = format!("visiteur-{n}@exemple.fr");
                sign_as_visitor(&browser, id, "Visiteur Parallèle", &email, &lens).await.status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let accepted = statuses.iter().filter(|status| **status == StatusCode::OK).count();
    let limited = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((accepted, limited), (3, 9), "{statuses:?}");
    assert_eq!(tally(&app, id).await, (before.0, before.1, before.2 + 3), "three links asked for, no more");
});

dual_test!(a_second_visitor_signature_reveals_nothing, |backend| {
    let app = TestApp::spawn(backend).await;
    relax_rate_limits(&app).await;
    let id = petition_id(&app, HOSPITALS).await;
    let lens = commune(&app, "Lens").await;
    let signer = "claire@exemple.fr";
    let first = sign_as_visitor(&app.new_browser(), id, "Claire Martin", signer, &lens).await;
    let token = emailed_token(&app, signer).await;
    let response = app.new_browser().post_fn(path_of::<ConfirmSignature>(), &[("token", &token)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let counted = tally(&app, id).await;
    let first = (first.status(), location(&first), first.text().await.unwrap());

    // Someone types Claire's address to learn whether she signed: the answer is the one anybody
    // gets, and only Claire's mailbox learns that her signature was already counted.
    let probe = sign_as_visitor(&app.new_browser(), id, "Curieux", signer, &lens).await;
    assert_eq!((probe.status(), location(&probe), probe.text().await.unwrap()), first);
    let stranger = sign_as_visitor(&app.new_browser(), id, "Autre", "autre@exemple.fr", &lens).await;
    assert_eq!(location(&stranger), first.1);
    assert_eq!(tally(&app, id).await, (counted.0, counted.1, counted.2 + 1), "only the stranger's link waits");
    let told = app.last_mail_to(signer).await;
    assert_eq!(told.subject, "Votre signature est déjà comptée — Agora");
    assert!(told.body.contains("déjà signée") && !told.body.contains("jeton="), "{}", told.body);
});

dual_test!(the_petitions_come_a_page_at_a_time, |backend| {
    let app = TestApp::spawn(backend).await;
    let existing =
        app.count("SELECT COUNT(*) FROM petitions WHERE state IN ('open', 'threshold', 'answered', 'closed')").await;
    let (institution,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM institutions").fetch_one(&app.pool).await.unwrap();
    for n in 0..25 {
        // Opened long ago, oldest last: the list shows the most recently opened first.
        sqlx::query(
            "INSERT INTO petitions (institution_id, title, body, state, threshold, opens_at, closes_at, created_at) \
             VALUES ($1, $2, 'Texte', 'open', 100, $3, $4, 0)",
        )
        .bind(institution)
        .bind(format!("Zz pétition d'essai {n:02}"))
        .bind(n)
        .bind(db::now() + 86_400)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let visitor = app.new_browser();
    let read = |list: app::petitions::model::PetitionList| Listed {
        count: list.petitions.len() as i64,
        shown: list.shown,
        last: list.petitions.last().map(|petition| petition.title.clone()),
    };
    assert_paginated(&visitor, path_of::<ListPetitions>(), &[], read, existing + 25, "Zz pétition d'essai 00").await;
    let html = visitor.get(&format!("{}?page=2", paths::petitions())).await.text().await.unwrap();
    let link = format!("<a href=\"{}?page=2\" aria-current=\"page\">2</a>", paths::petitions());
    assert!(html.contains(&link), "{html}");
});
