//! Publications of the collectifs over real HTTP: PDFs checked by their bytes and kept once per
//! content, drafts hidden from the public, the opinion chain taken step by step by the right side
//! and in order (every refusal in French, nothing changed), the author told, the Atom feeds.

use crate::common::{Browser, TestApp, app_error, json_ok, path_of, refusal};
use app::collectifs::api::{ListPublications, PublicationPage, TakePublicationStep};
use app::collectifs::model::{PublicationItem, PublicationStage, PublicationView};
use app::collectifs::paths;
use app::platform::error::AppError;
use app::platform::identity::Role;
use reqwest::{StatusCode, header, multipart};

/// The organiser of the demo facilitates this collectif.
const SLUG: &str = "place-du-handicap-dans-la-ville";

async fn publish(browser: &Browser, fields: &[(&str, &str)], pdf: &[u8]) -> String {
    let mut form = multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let form = form.part("file", multipart::Part::bytes(pdf.to_vec()).file_name("avis.pdf"));
    let response =
        browser.client.post(browser.url(&paths::publication_upload(SLUG))).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()[header::LOCATION].to_str().unwrap().to_string()
}

async fn view(browser: &Browser, id: i64) -> reqwest::Response {
    browser.get_fn(path_of::<PublicationPage>(), &[("slug", SLUG), ("id", &id.to_string())]).await
}

async fn stage(browser: &Browser, id: i64) -> PublicationStage {
    let page: PublicationView = serde_json::from_value(json_ok(view(browser, id).await).await).unwrap();
    page.publication.stage
}

async fn step(browser: &Browser, id: i64, step: &str, note: &str, on_date: &str) -> reqwest::Response {
    let id = id.to_string();
    let form = [("slug", SLUG), ("id", id.as_str()), ("step", step), ("note", note), ("on_date", on_date)];
    browser.post_fn(path_of::<TakePublicationStep>(), &form).await
}

async fn tracker(browser: &Browser) -> Vec<PublicationItem> {
    serde_json::from_value(
        json_ok(browser.get_fn(path_of::<ListPublications>(), &[("chain_only", "true")]).await).await,
    )
    .unwrap()
}

const OPINION: [(&str, &str); 4] = [
    ("kind", "opinion"),
    ("publication_title", "Avis sur les bancs de la place"),
    ("published_on", "2026-11-02"),
    ("summary", "Des bancs tous les cent mètres."),
];

dual_test!(an_opinion_goes_from_draft_to_the_municipality_s_answer, |backend| {
    let app = TestApp::spawn(backend).await;
    let pdf = b"%PDF-1.4\n% avis sur les bancs\n%%EOF\n";
    let publications = "SELECT COUNT(*) FROM publications";
    let files = "SELECT COUNT(*) FROM stored_files";

    // Residents who do not facilitate the collectif cannot publish; bad files change nothing.
    let resident = app.login(Role::Resident).await;
    let form = multipart::Form::new().text("kind", "memo").part("file", multipart::Part::bytes(pdf.to_vec()));
    let response = resident.client.post(resident.url(&paths::publication_upload(SLUG))).multipart(form).send().await;
    assert_eq!(response.unwrap().status(), StatusCode::FORBIDDEN);
    let facilitator = app.login(Role::Organiser).await;
    let (before, files_before) = (app.count(publications).await, app.count(files).await);
    let refused = publish(&facilitator, &OPINION, b"GIF89a not a pdf").await;
    assert!(refused.ends_with("?publication_refusee=format-pdf#publier"), "{refused}");
    let untitled = publish(
        &facilitator,
        &[("kind", "opinion"), ("publication_title", "Avis"), ("published_on", "2026-11-02")],
        pdf,
    )
    .await;
    assert!(untitled.contains("publication_refusee=titre"), "{untitled}");
    assert_eq!((app.count(publications).await, app.count(files).await), (before, files_before));

    // A draft: its facilitator sees it, the public does not, not even its PDF.
    let location = publish(&facilitator, &OPINION, pdf).await;
    let id: i64 = location.split('/').nth(4).and_then(|rest| rest.split('?').next()).unwrap().parse().unwrap();
    assert!(location.ends_with("?publiee=1"));
    assert_eq!(stage(&facilitator, id).await, PublicationStage::Draft);
    let anonymous = app.new_browser();
    assert_eq!(app_error(view(&anonymous, id).await).await, AppError::NotFound);
    let document = paths::publication_document(SLUG, id);
    assert_eq!(anonymous.get(&document).await.status(), StatusCode::NOT_FOUND);
    let own = facilitator.get(&document).await;
    assert_eq!(own.headers()[header::CONTENT_TYPE], "application/pdf");
    crate::common::assert_served_as_attachment(&own, &format!("publication-{id}.pdf"));
    assert_eq!(own.bytes().await.unwrap().as_ref(), pdf);
    assert!(!tracker(&anonymous).await.iter().any(|text| text.id == id));

    // The same PDF sent again is kept once.
    publish(
        &facilitator,
        &[("kind", "memo"), ("publication_title", "Note sur les bancs"), ("published_on", "2026-11-03")],
        pdf,
    )
    .await;
    assert_eq!(app.count(files).await, files_before + 1);

    // Out of order or by the wrong side: refused in French, stage unchanged.
    let staff = app.login(Role::Staff).await;
    let early = refusal(step(&staff, id, "validate", "", "").await).await;
    assert_eq!(
        early,
        "Étape impossible maintenant : le texte est « brouillon ». Il doit d'abord être transmis au bureau municipal."
    );
    assert_eq!(step(&facilitator, id, "submit", "", "").await.status(), StatusCode::OK);
    let again = refusal(step(&facilitator, id, "submit", "", "").await).await;
    assert!(again.starts_with("Étape impossible maintenant"), "{again}");
    for browser in [&facilitator, &resident] {
        assert_eq!(
            refusal(step(browser, id, "validate", "", "").await).await,
            "Cette étape revient à la municipalité."
        );
    }
    assert_eq!(stage(&anonymous, id).await, PublicationStage::Submitted);
    assert!(tracker(&anonymous).await.iter().any(|text| text.id == id && text.stage == PublicationStage::Submitted));

    // Returned with remarks (required), reworked, sent again, then validated, presented, answered.
    match app_error(step(&staff, id, "return", " ", "").await).await {
        AppError::Invalid(form) => assert_eq!(form.message("note").unwrap(), "Indiquez les remarques du bureau."),
        other => panic!("{other:?}"),
    }
    assert_eq!(stage(&anonymous, id).await, PublicationStage::Submitted);
    assert_eq!(step(&staff, id, "return", "Chiffrez le nombre de bancs.", "").await.status(), StatusCode::OK);
    let reworked = multipart::Form::new().part("file", multipart::Part::bytes(b"%PDF-1.4\n% v2\n".to_vec()));
    let response = facilitator.client.post(facilitator.url(&document)).multipart(reworked).send().await.unwrap();
    assert!(response.headers()[header::LOCATION].to_str().unwrap().ends_with("?document=1"));
    assert_eq!(anonymous.get(&document).await.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n% v2\n");
    assert_eq!(step(&facilitator, id, "submit", "", "").await.status(), StatusCode::OK);
    assert_eq!(step(&staff, id, "validate", "", "").await.status(), StatusCode::OK);
    match app_error(step(&staff, id, "present", "Commission cadre de vie", "demain").await).await {
        AppError::Invalid(form) => assert!(form.message("on_date").is_some()),
        other => panic!("{other:?}"),
    }
    assert_eq!(step(&staff, id, "present", "Commission cadre de vie", "2026-12-10").await.status(), StatusCode::OK);
    let answer = "La ville installera douze bancs au printemps.";
    assert_eq!(step(&staff, id, "answer", answer, "").await.status(), StatusCode::OK);
    // Once validated, the file no longer changes.
    let late = multipart::Form::new().part("file", multipart::Part::bytes(b"%PDF-1.4\n% v3\n".to_vec()));
    let response = facilitator.client.post(facilitator.url(&document)).multipart(late).send().await.unwrap();
    assert!(response.headers()[header::LOCATION].to_str().unwrap().ends_with("?document_refuse=etape"));

    let page: PublicationView = serde_json::from_value(json_ok(view(&anonymous, id).await).await).unwrap();
    let stages: Vec<_> = page.steps.iter().map(|taken| taken.stage).collect();
    use PublicationStage::{Answered, Draft, Presented, Returned, Submitted, Validated};
    assert_eq!(stages, [Draft, Submitted, Returned, Submitted, Validated, Presented, Answered]);
    assert_eq!(page.steps[0].actor_name, "Odile Organisation");
    assert_eq!(page.steps[4].actor_name, "Étienne Équipe");
    assert_eq!(page.steps[5].on_date.as_deref(), Some("2026-12-10"));
    assert_eq!(page.steps[6].note, answer);
    let mails = app
        .mails_to("organisation@demo.agora.fr")
        .await
        .iter()
        .filter(|mail| mail.body.contains("Avis sur les bancs de la place"))
        .count();
    // The author is told of each of the municipality's four steps, not of her own.
    assert_eq!(mails, 4);

    // The Atom feeds list it with its PDF; the global one too.
    for feed in [paths::collectif_publications_feed(SLUG), paths::publications_feed()] {
        let response = anonymous.get(&feed).await;
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
        let body = response.text().await.unwrap();
        assert!(body.contains("<title>Avis — Avis sur les bancs de la place</title>"), "{body}");
        assert!(body.contains(&format!("{document}\"/>")));
    }
});
