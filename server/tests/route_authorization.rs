//! The plain HTTP routes (uploads, downloads, feeds, exports, live streams) beside the server
//! functions: every route registered in the source has a row here, each row is called by every
//! kind of caller (and by a second resident where an object belongs to the demo resident), and no
//! answer may be a server error.

use crate::common::{Browser, TestApp, signed_in_residents};
use app::platform::identity::Role;
use app::{budget, citizen_councils, collectifs, consultations, neighbourhood_councils, petitions};
use reqwest::header::{COOKIE, HeaderMap, HeaderValue, ORIGIN};
use reqwest::{Method, StatusCode, multipart};
use server::demo::{BUDGET_SLUG, NEXT_BUDGET_SLUG};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Not refused for who the caller is (the route may still refuse the request itself).
    Allowed,
    /// 401 for anonymous callers, 403 for others; 404 for anyone where the object's existence is hidden.
    Denied,
}
use Expect::{Allowed, Denied};

/// Columns: anonymous, the demo resident (who owns the objects below), a second resident,
/// moderator, organiser, staff.
const CALLERS: [&str; 6] = ["anonymous", "resident", "other resident", "moderator", "organiser", "staff"];
const EVERYONE: [Expect; 6] = [Allowed; 6];
const STAFF_ONLY: [Expect; 6] = [Denied, Denied, Denied, Denied, Denied, Allowed];
const REVIEWERS: [Expect; 6] = [Denied, Denied, Denied, Denied, Allowed, Allowed];
const OWNER_AND_STAFF: [Expect; 6] = [Denied, Allowed, Denied, Denied, Denied, Allowed];
const OWNER_AND_REVIEWERS: [Expect; 6] = [Denied, Allowed, Denied, Denied, Allowed, Allowed];
const OWNER_ONLY: [Expect; 6] = [Denied, Allowed, Denied, Denied, Denied, Denied];
const SIGNED_IN: [Expect; 6] = [Denied, Allowed, Allowed, Allowed, Allowed, Allowed];

struct Row {
    method: Method,
    /// The route as registered, `{name}` for each parameter.
    pattern: &'static str,
    /// The same route with real demo objects in place of the parameters.
    path: String,
    expect: [Expect; 6],
}

fn row(method: Method, pattern: &'static str, path: String, expect: [Expect; 6]) -> Row {
    Row { method, pattern, path, expect }
}

/// Every `.route("path", get(..).post(..))` written in the server's and the app's source, as
/// (method, path): the router's own list, read where it is written.
fn registered_routes() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = BTreeSet::new();
    let mut folders = vec![root.join("app/src"), root.join("server/src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = std::fs::read_to_string(&path).expect("source file");
                found.extend(routes_in(&text));
            }
        }
    }
    found
}

fn routes_in(text: &str) -> Vec<(String, String)> {
    let mut routes = Vec::new();
    for (start, _) in text.match_indices(".route(") {
        // The call's arguments, up to its closing parenthesis.
        let mut depth = 0;
        let mut end = start;
        for (offset, c) in text[start..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + offset;
                        break;
                    }
                }
                _ => {}
            }
        }
        let call = &text[start + ".route(".len()..end];
        let Some(path) = call.split('"').nth(1) else { continue };
        for method in ["get", "post", "put", "patch", "delete"] {
            let called = call
                .match_indices(&format!("{method}("))
                .any(|(at, _)| !call[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            if called {
                routes.push((method.to_uppercase(), path.to_string()));
            }
        }
    }
    routes
}

#[test]
fn the_route_reader_finds_methods_and_paths() {
    let source = r#"Router::new().route("/a/{id}", get(show).post(upload))
        .route("/b", axum::routing::post(send)).route("/c", get(target_get))"#;
    assert_eq!(
        routes_in(source),
        [
            ("GET".to_string(), "/a/{id}".to_string()),
            ("POST".to_string(), "/a/{id}".to_string()),
            ("POST".to_string(), "/b".to_string()),
            ("GET".to_string(), "/c".to_string()),
        ]
    );
}

/// An id read as text by `one`, for the paths functions.
fn id(text: &str) -> i64 {
    text.parse().expect("a numeric id")
}

async fn one(app: &TestApp, sql: &str) -> String {
    let row: (String,) = sqlx::query_as(sql).fetch_one(&app.pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    row.0
}

async fn matrix(app: &TestApp) -> Vec<Row> {
    let resident = "(SELECT id FROM users WHERE email = 'habitante@demo.agora.fr')";
    let petition = one(app, "SELECT CAST(MIN(id) AS TEXT) FROM petitions WHERE state = 'open'").await;
    let consultation = one(app, "SELECT CAST(MIN(id) AS TEXT) FROM consultations").await;
    let council_file = one(app, "SELECT CAST(MIN(id) AS TEXT) FROM citizen_council_files").await;
    let citizen_council = one(app, "SELECT MIN(slug) FROM citizen_councils").await;
    let application = one(
        app,
        &format!(
            "SELECT CAST(MIN(id) AS TEXT) FROM fund_applications WHERE user_id = {resident} AND status = 'reported'"
        ),
    )
    .await;
    let (council, candidacy) = {
        let row: (String, String) = sqlx::query_as(
            "SELECT n.slug, CAST(c.id AS TEXT) FROM council_candidacies c JOIN neighbourhood_councils n \
             ON n.id = c.council_id ORDER BY c.id LIMIT 1",
        )
        .fetch_one(&app.pool)
        .await
        .expect("a candidacy");
        row
    };
    // Its parental authorisation, so that reading it tells who may.
    sqlx::query(
        "UPDATE council_candidacies SET authorisation_type = 'application/pdf', authorisation = $1 WHERE id = $2",
    )
    .bind(b"%PDF-1.4\n".to_vec())
    .bind(candidacy.parse::<i64>().unwrap())
    .execute(&app.pool)
    .await
    .expect("an authorisation");
    let (drawn_council, meeting) = {
        let row: (String, String) = sqlx::query_as(
            "SELECT n.slug, CAST(m.id AS TEXT) FROM council_meetings m JOIN neighbourhood_councils n \
             ON n.id = m.council_id WHERE m.minutes IS NOT NULL ORDER BY m.id LIMIT 1",
        )
        .fetch_one(&app.pool)
        .await
        .expect("a meeting with its minutes");
        row
    };
    let project = one(
        app,
        &format!(
            "SELECT CAST(MIN(p.id) AS TEXT) FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
             WHERE c.slug = '{NEXT_BUDGET_SLUG}' AND p.author_id = {resident}"
        ),
    )
    .await;
    let (collectif, publication) = {
        let row: (String, String) = sqlx::query_as(
            "SELECT c.slug, CAST(p.id AS TEXT) FROM publications p JOIN collectifs c ON c.id = p.collectif_id \
             WHERE p.stage = 'published' ORDER BY p.id LIMIT 1",
        )
        .fetch_one(&app.pool)
        .await
        .expect("a public publication");
        row
    };
    // The author's project gets an image, so that reading it tells who may see it.
    sqlx::query(
        "INSERT INTO budget_project_images (project_id, content_type, bytes, description, uploaded_at) \
         VALUES ($1, 'image/png', $2, 'Plan du projet', 0)",
    )
    .bind(project.parse::<i64>().unwrap())
    .bind(b"\x89PNG\r\n\x1a\n".to_vec())
    .execute(&app.pool)
    .await
    .expect("an image for the author's project");
    let imported = "pabulib-toulouse-2024";
    let territory = one(
        app,
        &format!(
            "SELECT CAST(MIN(e.territory_id) AS TEXT) FROM budget_envelopes e JOIN budget_campaigns c \
             ON c.id = e.campaign_id WHERE c.slug = '{imported}'"
        ),
    )
    .await;
    let (get, post) = (Method::GET, Method::POST);
    vec![
        row(get.clone(), "/healthz", "/healthz".into(), EVERYONE),
        row(get.clone(), "/readyz", "/readyz".into(), EVERYONE),
        // Calendars and feeds: public.
        row(get.clone(), "/agenda.ics", collectifs::paths::agenda_feed(), EVERYONE),
        row(
            get.clone(),
            "/collectifs/{slug}/agenda.ics",
            collectifs::paths::collectif_agenda_feed(&collectif),
            EVERYONE,
        ),
        row(
            get.clone(),
            "/conseils-citoyens/{slug}/agenda.ics",
            citizen_councils::paths::council_agenda_feed(&citizen_council),
            EVERYONE,
        ),
        row(get.clone(), "/collectifs/publications.atom", collectifs::paths::publications_feed(), EVERYONE),
        row(
            get.clone(),
            "/collectifs/{slug}/publications.atom",
            collectifs::paths::collectif_publications_feed(&collectif),
            EVERYONE,
        ),
        // Citizen budget: published results are public; the live tally is for reviewers.
        row(get.clone(), "/budget/{slug}/resultats.csv", budget::paths::results_csv(imported), EVERYONE),
        row(get.clone(), "/budget/{slug}/resultats.json", budget::paths::results_json(imported), EVERYONE),
        row(
            get.clone(),
            "/budget/{slug}/pabulib/{territory_id}",
            budget::paths::territory_pabulib(imported, id(&territory)),
            EVERYONE,
        ),
        row(get.clone(), "/budget/{slug}/direct", budget::paths::live_feed(BUDGET_SLUG), REVIEWERS),
        // A project's image: the author (during submission) or reviewers add one.
        row(
            get.clone(),
            "/budget/{slug}/projets/{id}/image",
            budget::paths::project_image(NEXT_BUDGET_SLUG, id(&project)),
            OWNER_AND_REVIEWERS,
        ),
        row(
            post.clone(),
            "/budget/{slug}/projets/{id}/image",
            budget::paths::project_image(NEXT_BUDGET_SLUG, id(&project)),
            OWNER_AND_REVIEWERS,
        ),
        // Petitions and consultations.
        row(get.clone(), "/dialogue/petitions/{id}/direct", petitions::paths::live_count(id(&petition)), EVERYONE),
        row(
            get.clone(),
            "/dialogue/petitions/{id}/signatures-par-commune.csv",
            petitions::paths::signatures_by_commune(id(&petition)),
            EVERYONE,
        ),
        row(
            get.clone(),
            "/dialogue/petitions/{id}/signatures.csv",
            petitions::paths::signatures_for_staff(id(&petition)),
            STAFF_ONLY,
        ),
        row(
            get.clone(),
            "/dialogue/consultations/{id}/reponses-libres.csv",
            consultations::paths::text_answers(id(&consultation)),
            STAFF_ONLY,
        ),
        // Alès citizen councils: public files; uploads by staff; a report for its carrier and staff.
        row(post.clone(), "/conseils-citoyens/comptes-rendus", citizen_councils::paths::minutes_upload(), STAFF_ONLY),
        row(post.clone(), "/conseils-citoyens/documents", citizen_councils::paths::document_upload(), STAFF_ONLY),
        row(
            get.clone(),
            "/conseils-citoyens/fichiers/{id}",
            citizen_councils::paths::file(id(&council_file)),
            EVERYONE,
        ),
        row(
            get.clone(),
            "/conseils-citoyens/fonds/{id}/bilan",
            citizen_councils::paths::report(id(&application)),
            OWNER_AND_STAFF,
        ),
        row(
            post.clone(),
            "/conseils-citoyens/fonds/{id}/bilan",
            citizen_councils::paths::report(id(&application)),
            OWNER_ONLY,
        ),
        // Neighbourhood councils: an authorisation for staff (and its candidate); minutes uploaded by staff.
        row(
            post.clone(),
            "/conseils-de-quartier/{slug}/autorisation",
            neighbourhood_councils::paths::authorisation_upload(&council),
            SIGNED_IN,
        ),
        row(
            get.clone(),
            "/conseils-de-quartier/{slug}/candidatures/{id}/autorisation",
            neighbourhood_councils::paths::authorisation(&council, id(&candidacy)),
            STAFF_ONLY,
        ),
        row(
            get.clone(),
            "/conseils-de-quartier/{slug}/reunions/{id}/compte-rendu",
            neighbourhood_councils::paths::meeting_minutes(&drawn_council, id(&meeting)),
            EVERYONE,
        ),
        row(
            post.clone(),
            "/conseils-de-quartier/{slug}/reunions/{id}/compte-rendu",
            neighbourhood_councils::paths::meeting_minutes(&drawn_council, id(&meeting)),
            STAFF_ONLY,
        ),
        row(
            get.clone(),
            "/conseils-de-quartier/{slug}/tirages/{file}",
            neighbourhood_councils::paths::draw_document(&drawn_council, 1),
            EVERYONE,
        ),
        // Collectifs: facilitators (none of the callers but staff here) publish and replace.
        row(
            post.clone(),
            "/collectifs/{slug}/publications",
            collectifs::paths::publication_upload(&collectif),
            STAFF_ONLY,
        ),
        row(
            get.clone(),
            "/collectifs/{slug}/publications/{id}/document.pdf",
            collectifs::paths::publication_document(&collectif, id(&publication)),
            EVERYONE,
        ),
        row(
            post,
            "/collectifs/{slug}/publications/{id}/document.pdf",
            collectifs::paths::publication_document(&collectif, id(&publication)),
            STAFF_ONLY,
        ),
    ]
}

/// A browser carrying `cookie` (a session made without logging in).
fn browser_with_cookie(base: &str, cookie: &str) -> Browser {
    let mut headers = HeaderMap::new();
    headers.insert(ORIGIN, HeaderValue::from_str(base).unwrap());
    headers.insert(COOKIE, HeaderValue::from_str(cookie).unwrap());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap();
    Browser { client, base: base.to_string() }
}

/// Sends the row's request; a POST carries an empty upload (no file), which an allowed caller
/// sees refused for what it is, never for who sends it.
async fn send(browser: &Browser, row: &Row) -> reqwest::Response {
    let request = browser.client.request(row.method.clone(), browser.url(&row.path));
    let request = if row.method == Method::POST {
        request.multipart(multipart::Form::new().text("description", "matrice"))
    } else {
        request
    };
    // Live streams answer their headers at once; the body is never awaited.
    request.send().await.unwrap_or_else(|e| panic!("{} {}: {e}", row.method, row.path))
}

fn judge(status: StatusCode, column: usize, expect: Expect) -> Result<(), String> {
    if status.is_server_error() {
        return Err(format!("server error {status}"));
    }
    let refused = [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status);
    match (expect, column) {
        (Allowed, _) if refused => Err(format!("expected allowed, got {status}")),
        (Allowed, _) => Ok(()),
        (Denied, 0) if status == StatusCode::UNAUTHORIZED || status == StatusCode::NOT_FOUND => Ok(()),
        (Denied, 0) => Err(format!("expected 401 or 404, got {status}")),
        (Denied, _) if status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND => Ok(()),
        (Denied, _) => Err(format!("expected 403 or 404, got {status}")),
    }
}

dual_test!(every_plain_route_follows_the_matrix, |backend| {
    let app = TestApp::spawn(backend).await;
    let table = matrix(&app).await;

    let listed: BTreeSet<(String, String)> =
        table.iter().map(|row| (row.method.to_string(), row.pattern.to_string())).collect();
    assert_eq!(listed.len(), table.len(), "a route is listed twice");
    let registered = registered_routes();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(missing.is_empty(), "routes without an authorization row: {missing:?}");
    let unknown: Vec<_> = listed.difference(&registered).collect();
    assert!(unknown.is_empty(), "rows for routes nobody registers: {unknown:?}");

    let other = signed_in_residents(&app.pool, 1, None).await.remove(0);
    let browsers = [
        app.new_browser(),
        app.login(Role::Resident).await,
        browser_with_cookie(&app.base, &other),
        app.login(Role::Moderator).await,
        app.login(Role::Organiser).await,
        app.login(Role::Staff).await,
    ];
    let mut failures = Vec::new();
    for row in &table {
        for (column, browser) in browsers.iter().enumerate() {
            let status = send(browser, row).await.status();
            if let Err(problem) = judge(status, column, row.expect[column]) {
                failures.push(format!("{} {} as {}: {problem}", row.method, row.path, CALLERS[column]));
            }
        }
    }
    assert!(failures.is_empty(), "route authorization matrix violated:\n{}", failures.join("\n"));
});
