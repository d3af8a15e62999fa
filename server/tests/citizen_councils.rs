//! Alès citizen councils over real HTTP: a resident applies to the Fonds de Participation des
//! Habitants, the council (staff) asks for more, grants within the envelope, and the carrier files
//! the final report; staff put minutes and documents online. Every refusal is in French and
//! changes nothing.

use crate::common::{Browser, TestApp, field_errors, json_ok, location, path_of, refusal};
use app::citizen_councils::api::{
    AddCouncilMember, AnswerInformation, ApplicationPage, ApplyOptions, AskInformation, CitizenCouncilPage,
    CitizenCouncilsSpace, GrantApplication, RefuseApplication, RemoveCouncilMember, SetEnvelope, SubmitApplication,
};
use app::citizen_councils::model::{ApplicationStatus, ApplicationView, CouncilView, SpaceView};
use app::citizen_councils::paths;
use app::platform::files::MAX_FILE_BYTES;
use app::platform::identity::Role;
use chrono::Datelike;
use reqwest::{StatusCode, header, multipart};

async fn space(browser: &Browser) -> SpaceView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<CitizenCouncilsSpace>(), &[]).await).await).unwrap()
}

async fn council(browser: &Browser, slug: &str) -> CouncilView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<CitizenCouncilPage>(), &[("slug", slug)]).await).await)
        .unwrap()
}

async fn application(browser: &Browser, id: &str) -> ApplicationView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<ApplicationPage>(), &[("id", id)]).await).await).unwrap()
}

/// Posts a multipart form with `file` and text `fields`; answers the redirect's target.
async fn send(browser: &Browser, path: &str, file: &[u8], fields: &[(&str, &str)]) -> String {
    let mut form = multipart::Form::new().part("file", multipart::Part::bytes(file.to_vec()).file_name("fichier.pdf"));
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let response = browser.client.post(browser.url(path)).multipart(form).send().await.expect("POST file");
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
    response.headers()[header::LOCATION].to_str().unwrap().to_string()
}

async fn status(app: &TestApp, id: &str) -> ApplicationStatus {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM fund_applications WHERE id = $1")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    ApplicationStatus::try_from(status).unwrap()
}

const PDF: &[u8] = b"%PDF-1.4\n% fiche bilan\n";

dual_test!(a_resident_applies_the_council_grants_within_its_envelope_and_the_carrier_reports, |backend| {
    let app = TestApp::spawn(backend).await;
    let resident = app.login(Role::Resident).await;
    let staff = app.login(Role::Staff).await;
    let options: app::citizen_councils::model::ApplicationChoices =
        serde_json::from_value(json_ok(resident.get_fn(path_of::<ApplyOptions>(), &[]).await).await).unwrap();
    let council_id = options.councils.iter().find(|(_, name)| name == "Alès Tamaris").unwrap().0.to_string();
    let territory_id = options.neighbourhoods.iter().find(|(_, name)| name == "Alès Tamaris").unwrap().0.to_string();
    let other_territory = options.neighbourhoods.iter().find(|(_, name)| name == "Alès Rive Droite").unwrap().0;
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(30);
    let year = start.year();
    let starts_on = start.format("%Y-%m-%d").to_string();
    let other_territory = other_territory.to_string();
    let form = |territory: &str, requested: &str| -> Vec<(&'static str, String)> {
        vec![
            ("council_id", council_id.clone()),
            ("territory_id", territory.to_string()),
            ("title", "Goûter des voisins".into()),
            ("description", "Un goûter au pied des immeubles, avec des jeux pour les enfants.".into()),
            ("carrier_kind", "habitants".into()),
            ("carrier_name", "Les voisins du bâtiment C".into()),
            ("starts_on", starts_on.clone()),
            ("ends_on", starts_on.clone()),
            ("budget", "Goûter ; 300\nJeux ; 450".into()),
            ("requested", requested.into()),
        ]
    };
    let post = |browser: &Browser, fields: Vec<(&'static str, String)>| {
        let browser = browser.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            browser.post_fn(path_of::<SubmitApplication>(), &fields).await
        }
    };
    let applications = "SELECT COUNT(*) FROM fund_applications";
    let before = app.count(applications).await;

    // A neighbourhood the council does not cover, more than the budget, or signed out: nothing stored.
    let errors = field_errors(post(&resident, form(&other_territory, "800")).await).await;
    assert_eq!(errors[0].1, "Ce quartier n'est pas couvert par le conseil choisi.");
    assert_eq!(errors[1].1, "Le montant demandé dépasse le budget total du projet (750 €).");
    assert_eq!(post(&app.new_browser(), form(&territory_id, "700")).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count(applications).await, before);

    let response = post(&resident, form(&territory_id, "700")).await;
    let target = location(&response);
    let id = target.trim_start_matches(&format!("{}/", paths::fund())).trim_end_matches("?deposee=1").to_string();
    let number: i64 = id.parse().unwrap();
    assert_eq!(target, format!("{}?deposee=1", paths::application(number)));
    let received = "SELECT COUNT(*) FROM outbox WHERE subject = 'Demande reçue — Fonds de Participation des Habitants : Goûter des voisins'";
    assert_eq!(app.count(received).await, 1);
    let mine = application(&resident, &id).await;
    assert!(mine.mine && !mine.staff && mine.envelope.is_none());
    assert_eq!((mine.application.total_cents, mine.budget.len()), (75_000, 2));

    // Only the applicant and staff read it; only staff decide.
    let path = path_of::<ApplicationPage>();
    assert_eq!(app.new_browser().get_fn(path, &[("id", &id)]).await.status(), StatusCode::UNAUTHORIZED);
    let organiser = app.login(Role::Organiser).await;
    assert_eq!(organiser.get_fn(path, &[("id", &id)]).await.status(), StatusCode::FORBIDDEN);
    let grant = |amount: &str| vec![("id", id.clone()), ("amount", amount.to_string())];
    let call = |browser: &Browser, path: &'static str, fields: Vec<(&'static str, String)>| {
        let browser = browser.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            browser.post_fn(path, &fields).await
        }
    };
    let grant_path = path_of::<GrantApplication>();
    assert_eq!(call(&resident, grant_path, grant("700")).await.status(), StatusCode::FORBIDDEN);

    // The report comes after the grant only.
    let report = paths::report(number);
    let fields =
        [("spent", "690"), ("participants", "40"), ("summary", "Un beau goûter : quarante voisins sont venus.")];
    assert_eq!(
        send(&resident, &report, PDF, &fields).await,
        format!("{}?bilan_refuse=etape", paths::application(number))
    );

    // The council asks for more; it cannot decide before the answer, which only the applicant gives.
    let ask = vec![("id", id.clone()), ("question", "Combien d'enfants attendez-vous ?".to_string())];
    assert_eq!(call(&staff, path_of::<AskInformation>(), ask.clone()).await.status(), StatusCode::OK);
    assert_eq!(status(&app, &id).await, ApplicationStatus::Information);
    assert_eq!(
        refusal(call(&staff, grant_path, grant("700")).await).await,
        "Le conseil attend d'abord la réponse du porteur à sa question."
    );
    let answer = vec![("id", id.clone()), ("answer", "Une trentaine, avec leurs parents.".to_string())];
    assert_eq!(call(&organiser, path_of::<AnswerInformation>(), answer.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(call(&resident, path_of::<AnswerInformation>(), answer.clone()).await.status(), StatusCode::OK);
    assert_eq!(status(&app, &id).await, ApplicationStatus::Submitted);
    assert_eq!(
        refusal(call(&resident, path_of::<AnswerInformation>(), answer).await).await,
        "Le conseil n'attend pas de complément sur cette demande."
    );

    // More than the envelope has left, or than was asked: refused, nothing granted.
    let envelope = |amount: &str| {
        vec![("slug", "ales-tamaris".to_string()), ("year", year.to_string()), ("amount", amount.into())]
    };
    assert_eq!(call(&staff, path_of::<SetEnvelope>(), envelope("500")).await.status(), StatusCode::OK);
    assert_eq!(
        refusal(call(&staff, grant_path, grant("600")).await).await,
        format!("Le montant accordé (600 €) dépasse ce qui reste de l'enveloppe {year} (500 € sur 500 €).")
    );
    assert_eq!(
        refusal(call(&staff, grant_path, grant("800")).await).await,
        "Le montant accordé (800 €) dépasse le montant demandé (700 €)."
    );
    assert_eq!(status(&app, &id).await, ApplicationStatus::Submitted);
    let reviewed = application(&staff, &id).await;
    assert_eq!(reviewed.envelope.map(|line| line.remaining_cents()), Some(50_000));
    assert_eq!(call(&staff, grant_path, grant("450")).await.status(), StatusCode::OK);
    assert_eq!(status(&app, &id).await, ApplicationStatus::Granted);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE subject = 'Aide accordée — Goûter des voisins'").await, 1);
    assert_eq!(
        refusal(call(&staff, grant_path, grant("10")).await).await,
        "Cette demande a déjà reçu la décision du conseil."
    );
    let line =
        council(&app.new_browser(), "ales-tamaris").await.envelopes.into_iter().find(|l| l.year == i64::from(year));
    assert_eq!(line.map(|line| (line.granted_cents, line.remaining_cents())), Some((45_000, 5_000)));
    assert_eq!(
        refusal(call(&staff, path_of::<SetEnvelope>(), envelope("400")).await).await,
        format!("450 € sont déjà accordés sur l'enveloppe {year} : elle ne peut descendre en dessous.")
    );

    // The final report: a PDF sheet, figures that read; by the carrier only, once.
    let refused = |code: &str| format!("{}?bilan_refuse={code}", paths::application(number));
    assert_eq!(send(&resident, &report, b"GIF89a", &fields).await, refused("pdf"));
    let no_count = [("spent", "690"), ("participants", "beaucoup"), ("summary", fields[2].1)];
    assert_eq!(send(&resident, &report, PDF, &no_count).await, refused("participants"));
    let form = multipart::Form::new().part("file", multipart::Part::bytes(PDF.to_vec()).file_name("bilan.pdf"));
    let response = organiser.client.post(organiser.url(&report)).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(status(&app, &id).await, ApplicationStatus::Granted);
    assert_eq!(send(&resident, &report, PDF, &fields).await, format!("{}?bilan=1", paths::application(number)));
    assert_eq!(send(&resident, &report, PDF, &fields).await, refused("etape"));
    let filed = application(&resident, &id).await.application;
    assert_eq!(
        (filed.status, filed.spent_cents, filed.participants),
        (ApplicationStatus::Reported, Some(69_000), Some(40))
    );
    let sheet = resident.get(&report).await;
    assert_eq!(sheet.headers()[header::CONTENT_TYPE], "application/pdf");
    crate::common::assert_served_as_attachment(&sheet, &format!("bilan-{id}.pdf"));
    assert_eq!(app.new_browser().get(&report).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(organiser.get(&report).await.status(), StatusCode::FORBIDDEN);
});

dual_test!(the_council_refuses_with_a_reason_and_staff_manage_members_minutes_and_documents, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let resident = app.login(Role::Resident).await;

    // The demo: seven councils, the seed's minutes and documents, applications at every stage.
    let before = space(&app.new_browser()).await;
    assert_eq!(before.councils.len(), 7);
    assert_eq!(before.councils[0].council.name, "Conseil citoyen Alès Agglo");
    assert_eq!(before.councils[0].neighbourhoods.len(), 6);
    assert_eq!(before.minutes.len(), 11);
    assert_eq!(before.minutes[0].title, "Comptes-rendus de réunion des Conseils Citoyens – Janvier 2020");
    assert_eq!(before.documents.len(), 5);
    let stages: Vec<ApplicationStatus> =
        sqlx::query_as::<_, (String,)>("SELECT DISTINCT status FROM fund_applications ORDER BY status")
            .fetch_all(&app.pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(status,)| ApplicationStatus::try_from(status).unwrap())
            .collect();
    assert_eq!(stages.len(), ApplicationStatus::ALL.len());
    assert!(ApplicationStatus::ALL.iter().all(|status| stages.contains(status)), "{stages:?}");

    // A refusal needs its reason, and is final.
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM fund_applications WHERE status = $1 ORDER BY id")
        .bind(ApplicationStatus::Submitted.as_str())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let id = id.to_string();
    let response = staff.post_fn(path_of::<RefuseApplication>(), &[("id", &id), ("reason", "")]).await;
    assert_eq!(field_errors(response).await[0].0, "reason");
    let reason = [("id", id.as_str()), ("reason", "Le projet se tient hors des quartiers prioritaires.")];
    assert_eq!(staff.post_fn(path_of::<RefuseApplication>(), &reason).await.status(), StatusCode::OK);
    assert_eq!(
        refusal(staff.post_fn(path_of::<RefuseApplication>(), &reason).await).await,
        "Cette demande a déjà reçu la décision du conseil."
    );
    let refused = application(&resident, &id).await.application;
    assert_eq!(refused.status, ApplicationStatus::Refused);
    assert_eq!(refused.council_message.as_deref(), Some("Le projet se tient hors des quartiers prioritaires."));

    // Members: staff seat and remove them.
    let members = council(&staff, "ales-tamaris").await.members.len();
    let add = [("slug", "ales-tamaris"), ("name", "Léa Martin"), ("college", "habitant")];
    assert_eq!(resident.post_fn(path_of::<AddCouncilMember>(), &add).await.status(), StatusCode::FORBIDDEN);
    let bad = [("slug", "ales-tamaris"), ("name", "L"), ("college", "maire")];
    let fields: Vec<String> = field_errors(staff.post_fn(path_of::<AddCouncilMember>(), &bad).await)
        .await
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["name", "college"]);
    assert_eq!(staff.post_fn(path_of::<AddCouncilMember>(), &add).await.status(), StatusCode::OK);
    let seated = council(&staff, "ales-tamaris").await.members;
    assert_eq!(seated.len(), members + 1);
    let lea = seated.iter().find(|member| member.name == "Léa Martin").unwrap().id.to_string();
    let remove = [("slug", "ales-tamaris"), ("id", lea.as_str())];
    assert_eq!(staff.post_fn(path_of::<RemoveCouncilMember>(), &remove).await.status(), StatusCode::OK);
    assert_eq!(council(&staff, "ales-tamaris").await.members.len(), members);

    // Minutes: staff only, a PDF under 5 MB, dated by its month.
    let minutes = &paths::minutes_upload();
    let form = multipart::Form::new().part("file", multipart::Part::bytes(PDF.to_vec()).file_name("cr.pdf"));
    let response = resident.client.post(resident.url(minutes)).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let refused = |code: &str| format!("{}?compte_rendu_refuse={code}", paths::councils());
    assert_eq!(send(&staff, minutes, b"<html>", &[("month", "2020-03")]).await, refused("pdf"));
    let heavy = [b"%PDF-".as_slice(), &vec![b'x'; MAX_FILE_BYTES]].concat();
    assert_eq!(send(&staff, minutes, &heavy, &[("month", "2020-03")]).await, refused("trop-lourd"));
    assert_eq!(send(&staff, minutes, PDF, &[("month", "mars")]).await, refused("mois"));
    assert_eq!(space(&staff).await.minutes.len(), 11);
    let done = format!("{}?compte_rendu=1", paths::councils());
    assert_eq!(send(&staff, minutes, PDF, &[("month", "2020-03")]).await, done);
    let after = space(&app.new_browser()).await;
    assert_eq!(after.minutes[0].title, "Comptes-rendus de réunion des Conseils Citoyens – Mars 2020");
    let download = app.new_browser().get(&after.minutes[0].href()).await;
    assert_eq!(download.headers()[header::CONTENT_TYPE], "application/pdf");
    let document = after.minutes[0].href().rsplit('/').next().unwrap().to_string();
    crate::common::assert_served_as_attachment(&download, &format!("document-{document}.pdf"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);

    // Documents need a title.
    let documents = &paths::document_upload();
    let untitled = format!("{}?document_refuse=titre", paths::councils());
    assert_eq!(send(&staff, documents, PDF, &[("title", "")]).await, untitled);
    let title = [("title", "Fiche projet 2027")];
    assert_eq!(send(&staff, documents, PDF, &title).await, format!("{}?document=1", paths::councils()));
    assert_eq!(space(&staff).await.documents.len(), 6);
});
