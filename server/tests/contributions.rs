//! Contribution calls over real HTTP: contributing within the window, filters, retaining, the
//! synthesis and opening a call; each refusal in French with nothing stored.

use crate::common::{Browser, TestApp, app_error, field_names, json_ok, path_of};
use app::contributions::api::{
    CONTRIBUTIONS_PER_HOUR, CallPage, Contribute, CreateCall, PublishSynthesis, RetainContribution,
};
use app::contributions::domain::Kind;
use app::contributions::model::CallView;
use app::contributions::paths;
use app::platform::error::AppError;
use app::platform::identity::Role;
use reqwest::{StatusCode, header::LOCATION};

const OPEN_CALL: &str = "Se déplacer au quotidien dans les Hauts-de-France";
const CLOSED_CALL: &str = "Jeunesse : vos attentes pour 2030";

async fn call_id(app: &TestApp, title: &str) -> String {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM contribution_calls WHERE title = $1")
        .bind(title)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    id.to_string()
}

async fn page(browser: &Browser, id: &str, kind: &str, status: &str) -> CallView {
    let response = browser.get_fn(path_of::<CallPage>(), &[("id", id), ("kind", kind), ("status", status)]).await;
    serde_json::from_value(json_ok(response).await).unwrap()
}

dual_test!(residents_contribute_and_staff_retain_and_synthesise, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = call_id(&app, OPEN_CALL).await;
    let stored = || app.count("SELECT COUNT(*) FROM contributions");
    let before = stored().await;
    let form = |kind: &'static str, title: &'static str, body: &'static str| {
        let id = id.clone();
        move || {
            vec![("call_id", id.clone()), ("kind", kind.to_string()), ("title", title.into()), ("body", body.into())]
        }
    };
    let post = |browser: Browser, fields: Vec<(&'static str, String)>| async move {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
        browser.post_fn(path_of::<Contribute>(), &fields).await
    };

    let good = form("proposition", "Des navettes le dimanche", "Des navettes le dimanche vers les gares principales.");
    let response = post(app.new_browser(), good()).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let resident = app.login(Role::Resident).await;
    let response = post(resident.clone(), form("avis", "", "court")()).await;
    assert_eq!(field_names(response).await, ["kind", "title", "body"]);
    assert_eq!(stored().await, before, "nothing stored after a refusal");

    let response = post(resident.clone(), good()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[LOCATION], format!("{}?envoyee=1", paths::call(id.parse().unwrap())));
    assert_eq!(stored().await, before + 1);

    // The closed call takes nothing.
    let closed = call_id(&app, CLOSED_CALL).await;
    let fields = vec![
        ("call_id", closed.clone()),
        ("kind", "temoignage".to_string()),
        ("title", "Trop tard".to_string()),
        ("body", "Une contribution arrivée après la clôture.".to_string()),
    ];
    let response = post(resident.clone(), fields).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        app_error(response).await,
        AppError::Refused("Cet appel à contributions est clos : il ne reçoit plus de contributions.".into())
    );
    assert_eq!(stored().await, before + 1);

    // Filters: by kind, and the retained ones only.
    let all = page(&resident, &id, "", "").await;
    assert_eq!(all.contributions.len(), 5);
    assert!(!all.is_staff && all.signed_in);
    let proposals = page(&resident, &id, "proposition", "").await;
    assert_eq!(proposals.contributions.len(), 3);
    assert!(proposals.contributions.iter().all(|row| row.kind == Kind::Proposal));
    let retained = page(&resident, &id, "", "retenue").await;
    assert_eq!(retained.contributions.len(), 2);

    // Retaining is staff's.
    let new_one = all.contributions.iter().find(|row| row.title == "Des navettes le dimanche").unwrap().id.to_string();
    let retain = [("contribution_id", new_one.as_str()), ("retained", "1")];
    assert_eq!(resident.post_fn(path_of::<RetainContribution>(), &retain).await.status(), StatusCode::FORBIDDEN);
    let staff = app.login(Role::Staff).await;
    assert_eq!(staff.post_fn(path_of::<RetainContribution>(), &retain).await.status(), StatusCode::OK);
    assert_eq!(page(&staff, &id, "", "retenue").await.contributions.len(), 3);
    let undo = [("contribution_id", new_one.as_str()), ("retained", "0")];
    assert_eq!(staff.post_fn(path_of::<RetainContribution>(), &undo).await.status(), StatusCode::OK);
    assert_eq!(page(&staff, &id, "", "retenue").await.contributions.len(), 2);
    let unknown = [("contribution_id", "999999"), ("retained", "1")];
    assert_eq!(staff.post_fn(path_of::<RetainContribution>(), &unknown).await.status(), StatusCode::NOT_FOUND);

    // The synthesis: checked, then published on the call's page.
    let response = staff.post_fn(path_of::<PublishSynthesis>(), &[("call_id", &id), ("synthesis", " ")]).await;
    assert_eq!(field_names(response).await, ["synthesis"]);
    let synthesis = "Les trajets sont longs et les correspondances fragiles ; deux propositions sont retenues.";
    let response = staff.post_fn(path_of::<PublishSynthesis>(), &[("call_id", &id), ("synthesis", synthesis)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view = page(&app.new_browser(), &id, "", "").await;
    assert_eq!(view.call.synthesis.as_deref(), Some(synthesis));
    assert_eq!(view.retained.len(), 2);
});

dual_test!(an_account_sends_only_so_many_contributions_in_an_hour, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = call_id(&app, OPEN_CALL).await;
    let resident = app.login(Role::Resident).await;
    let send = |title: String| {
        let (resident, id) = (resident.clone(), id.clone());
        async move {
            let fields = [
                ("call_id", id.as_str()),
                ("kind", "proposition"),
                ("title", title.as_str()),
                ("body", "Une proposition détaillée pour la région."),
            ];
            resident.post_fn(path_of::<Contribute>(), &fields).await
        }
    };
    for n in 0..CONTRIBUTIONS_PER_HOUR.max {
        assert_eq!(send(format!("Proposition numéro {n}")).await.status(), StatusCode::OK);
    }
    let before = app.count("SELECT COUNT(*) FROM contributions").await;
    assert_eq!(send("Une de trop".to_string()).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("SELECT COUNT(*) FROM contributions").await, before, "nothing stored");
});

dual_test!(staff_open_a_call_with_checked_fields, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let calls = || app.count("SELECT COUNT(*) FROM contribution_calls");
    let before = calls().await;
    let response = staff
        .post_fn(
            path_of::<CreateCall>(),
            &[
                ("institution_id", "x"),
                ("title", ""),
                ("description", "court"),
                ("opens_on", "2026-13-01"),
                ("closes_on", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(field_names(response).await, ["institution_id", "title", "description", "opens_on", "kinds"]);
    let response = staff
        .post_fn(
            path_of::<CreateCall>(),
            &[
                ("institution_id", &call_id_institution(&app).await),
                ("title", "Le sport pour tous"),
                ("description", "Vos idées pour rendre le sport accessible à tous les âges."),
                ("opens_on", "2026-03-01"),
                ("closes_on", "2026-02-01"),
                ("proposals", "1"),
            ],
        )
        .await;
    assert_eq!(field_names(response).await, ["closes_on"]);
    assert_eq!(calls().await, before);
    let institution = call_id_institution(&app).await;
    let response = staff
        .post_fn(
            path_of::<CreateCall>(),
            &[
                ("institution_id", &institution),
                ("title", "Le sport pour tous"),
                ("description", "Vos idées pour rendre le sport accessible à tous les âges."),
                ("opens_on", "2026-03-01"),
                ("closes_on", "2026-03-31"),
                ("proposals", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(calls().await, before + 1);
    let (testimonies, proposals, closes_at): (i64, i64, i64) = sqlx::query_as(
        "SELECT accepts_testimonies, accepts_proposals, closes_at FROM contribution_calls WHERE title = 'Le sport pour tous'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((testimonies, proposals), (0, 1));
    assert_eq!(closes_at, 1_775_001_600, "the closing day is included: the call ends at midnight after it");
    let resident = app.login(Role::Resident).await;
    let fields = [
        ("institution_id", institution.as_str()),
        ("title", "Le sport pour tous"),
        ("description", "Vos idées pour rendre le sport accessible à tous les âges."),
        ("opens_on", "2026-03-01"),
        ("closes_on", "2026-03-31"),
        ("proposals", "1"),
    ];
    assert_eq!(resident.post_fn(path_of::<CreateCall>(), &fields).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(calls().await, before + 1);
});

async fn call_id_institution(app: &TestApp) -> String {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM institutions WHERE name = 'CESER Hauts-de-France'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    id.to_string()
}

dual_test!(the_contribution_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = call_id(&app, OPEN_CALL).await;
    let visitor = app.new_browser();
    let list = visitor.get(&paths::calls()).await.text().await.unwrap();
    assert!(list.contains(OPEN_CALL) && list.contains("Jeunesse : vos attentes pour 2030"));
    let call =
        visitor.get(&format!("{}?type=temoignage", paths::call(id.parse().unwrap()))).await.text().await.unwrap();
    assert!(call.contains("<h3>Deux heures par jour pour 30 km</h3>"));
    assert!(!call.contains("<h3>Un abonnement unique bus + TER</h3>"), "filtered out");
    assert!(call.contains("Connectez-vous pour contribuer."));
    assert!(!call.contains("Retenir"));
    let staff = app.login(Role::Staff).await;
    let call = staff.get(&paths::call(id.parse().unwrap())).await.text().await.unwrap();
    assert!(call.contains("Ne plus retenir") && call.contains("Rédiger la synthèse"));
    assert_eq!(visitor.get(&paths::new_call()).await.status(), StatusCode::UNAUTHORIZED);
    let resident = app.login(Role::Resident).await;
    assert_eq!(resident.get(&paths::new_call()).await.status(), StatusCode::FORBIDDEN);
    let form = staff.get(&paths::new_call()).await.text().await.unwrap();
    assert!(form.contains("Ouvrir l&#x27;appel") || form.contains("Ouvrir l'appel"), "{form}");
});
