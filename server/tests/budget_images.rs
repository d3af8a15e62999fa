//! Project images over real HTTP: the multipart form as a browser without JavaScript sends it,
//! the checks on kind, size and description, who may send, and who may see.

use crate::common::{Browser, TestApp, path_of};
use app::budget::api::ProjectDetail;
use app::budget::api::submission::{ProjectChanges, RemoveProjectImage};
use app::budget::domain::image::MAX_IMAGE_BYTES;
use app::budget::model::{ProjectHistory, ProjectPageData};
use app::budget::paths;
use app::platform::identity::Role;
use reqwest::{StatusCode, header, multipart};
use server::demo::{BUDGET_SLUG, NEXT_BUDGET_SLUG};

/// The smallest valid PNG: one transparent pixel.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

async fn upload(
    browser: &Browser,
    slug: &str,
    id: i64,
    bytes: &[u8],
    file_name: &str,
    description: &str,
) -> reqwest::Response {
    let form = multipart::Form::new()
        .part("image", multipart::Part::bytes(bytes.to_vec()).file_name(file_name.to_string()))
        .text("description", description.to_string());
    browser.client.post(browser.url(&paths::project_image(slug, id))).multipart(form).send().await.expect("POST image")
}

/// Where the form sent the browser back to.
fn back_to(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()[header::LOCATION].to_str().unwrap().to_string()
}

async fn project_id(app: &TestApp, slug: &str, condition: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(&format!(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE c.slug = $1 AND {condition} ORDER BY p.id LIMIT 1"
    ))
    .bind(slug)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    id
}

async fn detail(browser: &Browser, slug: &str, id: i64) -> ProjectPageData {
    let response = browser.get_fn(path_of::<ProjectDetail>(), &[("slug", slug), ("id", &id.to_string())]).await;
    serde_json::from_value(crate::common::json_ok(response).await).unwrap()
}

dual_test!(authors_add_an_image_checked_by_its_bytes_and_size, |backend| {
    let app = TestApp::spawn(backend).await;
    let images = || app.count("SELECT COUNT(*) FROM budget_project_images");
    // The demo resident wrote the next campaign's first project, still awaiting review.
    let id = project_id(&app, NEXT_BUDGET_SLUG, "p.author_id IS NOT NULL").await;
    let page = paths::project(NEXT_BUDGET_SLUG, id);

    // Nobody but its author and the reviewers sends one.
    let visitor = app.new_browser();
    let response = upload(&visitor, NEXT_BUDGET_SLUG, id, PIXEL_PNG, "jardin.png", "Un jardin").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let moderator = app.login(Role::Moderator).await;
    let response = upload(&moderator, NEXT_BUDGET_SLUG, id, PIXEL_PNG, "jardin.png", "Un jardin").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(response.text().await.unwrap(), "Vous n'avez pas les droits nécessaires pour cette action.");

    // What the browser claims does not count: the bytes do. Each refusal names its reason, stores nothing.
    let resident = app.login(Role::Resident).await;
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let refusals = [
        (upload(&resident, NEXT_BUDGET_SLUG, id, svg, "jardin.png", "Un jardin").await, "format"),
        (upload(&resident, NEXT_BUDGET_SLUG, id, b"", "", "Un jardin").await, "absente"),
        (upload(&resident, NEXT_BUDGET_SLUG, id, PIXEL_PNG, "jardin.png", "  ").await, "description"),
    ];
    for (response, code) in refusals {
        assert_eq!(back_to(&response), format!("{page}?image_refusee={code}"));
    }
    let heavy = [PIXEL_PNG, &vec![0; MAX_IMAGE_BYTES]].concat();
    let response = upload(&resident, NEXT_BUDGET_SLUG, id, &heavy, "jardin.png", "Un jardin").await;
    assert_eq!(back_to(&response), format!("{page}?image_refusee=trop-lourde"));
    let far_too_heavy = vec![0xFF; 3 * MAX_IMAGE_BYTES];
    let response = upload(&resident, NEXT_BUDGET_SLUG, id, &far_too_heavy, "jardin.jpg", "Un jardin").await;
    assert_eq!(back_to(&response), format!("{page}?image_refusee=trop-lourde"));
    assert_eq!(images().await, 0);
    let shown = resident.get(&format!("{page}?image_refusee=format")).await.text().await.unwrap();
    assert!(shown.contains("Image non enregistrée : Ce fichier n'est pas une image JPEG, PNG ou WebP."), "{shown}");

    // Accepted: shown on the project page, served with its real type, kept in the history.
    let response = upload(&resident, NEXT_BUDGET_SLUG, id, PIXEL_PNG, "jardin.svg", "Le jardin au printemps").await;
    assert_eq!(back_to(&response), format!("{page}?image=1"));
    let project = detail(&resident, NEXT_BUDGET_SLUG, id).await.project;
    let (src, alt) = project.image(NEXT_BUDGET_SLUG).expect("an image");
    assert_eq!(alt, "Le jardin au printemps");
    let served = resident.get(&src).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(served.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(served.bytes().await.unwrap().as_ref(), PIXEL_PNG);
    let html = resident.get(&page).await.text().await.unwrap();
    assert!(html.contains("alt=\"Le jardin au printemps\""), "{html}");
    // Before review, the project and its image are hidden from others.
    assert_eq!(visitor.get(&src).await.status(), StatusCode::NOT_FOUND);
    let staff = app.login(Role::Staff).await;
    let history: ProjectHistory = serde_json::from_value(
        crate::common::json_ok(staff.get_fn(path_of::<ProjectChanges>(), &[("project_id", &id.to_string())]).await)
            .await,
    )
    .unwrap();
    assert_eq!(
        (history.edits[0].field.as_str(), history.edits[0].new_value.as_str()),
        ("Image", "Le jardin au printemps")
    );

    // Another resident may not remove it; its author may.
    let remove = |browser: Browser| async move {
        browser.post_fn(path_of::<RemoveProjectImage>(), &[("project_id", &id.to_string())]).await
    };
    assert_eq!(remove(moderator.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(images().await, 1);
    assert_eq!(crate::common::location(&remove(resident.clone()).await), format!("{page}?image=0"));
    assert_eq!(images().await, 0);
    assert_eq!(resident.get(&src).await.status(), StatusCode::NOT_FOUND);
});

dual_test!(staff_illustrate_a_labelled_project_for_everyone, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = project_id(&app, BUDGET_SLUG, "p.status = 'labelled'").await;
    // Someone else's labelled project: a resident may not, staff may.
    let resident = app.login(Role::Resident).await;
    let response = upload(&resident, BUDGET_SLUG, id, PIXEL_PNG, "a.png", "Une salle").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let staff = app.login(Role::Staff).await;
    let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], b"JFIF"].concat();
    let response = upload(&staff, BUDGET_SLUG, id, &jpeg, "salle", "La salle des fêtes rénovée").await;
    assert_eq!(back_to(&response), format!("{}?image=1", paths::project(BUDGET_SLUG, id)));
    // A wrong campaign in the address finds nothing.
    let response = upload(&staff, NEXT_BUDGET_SLUG, id, &jpeg, "salle", "La salle").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Everyone sees it on the list and on the page.
    let visitor = app.new_browser();
    let list = visitor.get(&paths::campaign(BUDGET_SLUG)).await.text().await.unwrap();
    assert!(list.contains("alt=\"La salle des fêtes rénovée\""), "the card shows the image");
    let (src, _) = detail(&visitor, BUDGET_SLUG, id).await.project.image(BUDGET_SLUG).unwrap();
    let served = visitor.get(&src).await;
    assert_eq!(served.headers()[header::CONTENT_TYPE], "image/jpeg");
});
