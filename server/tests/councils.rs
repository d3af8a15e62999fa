//! Neighbourhood councils over real HTTP: a 17-year-old applies with a parental authorisation,
//! staff check candidacies, publish the pool and draw before witnesses; the public record is then
//! recomputed by `agora sortition verify`. Every refusal is in French and changes nothing.

use crate::common::{Browser, TestApp, field_errors, json_ok, location, path_of, refusal};
use app::neighbourhood_councils::api::{
    AcceptCandidacy, AnnounceWithdrawal, ApplyToCouncil, ConfigureCouncil, CouncilCandidacies, CouncilPage, DrawPage,
    PublishPool, RefuseCandidacy, RunDraw, ScheduleMeeting, WithdrawCandidacy,
};
use app::neighbourhood_councils::model::{CandidaciesView, CandidacyStatus, CouncilView, DrawPageView};
use app::neighbourhood_councils::paths;
use app::neighbourhood_councils::sortition::{DrawRecord, verify, verify_link};
use app::platform::identity::Role;
use reqwest::{StatusCode, header, multipart};
use std::process::Command;

async fn council(browser: &Browser, slug: &str) -> CouncilView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<CouncilPage>(), &[("slug", slug)]).await).await).unwrap()
}

async fn draws(browser: &Browser, slug: &str) -> DrawPageView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<DrawPage>(), &[("slug", slug)]).await).await).unwrap()
}

async fn candidacies(browser: &Browser, slug: &str) -> CandidaciesView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<CouncilCandidacies>(), &[("slug", slug)]).await).await)
        .unwrap()
}

/// A birth date that makes the candidate `years` old (and a month) on the council's draw day.
fn born(view: &CouncilView, years: u32) -> String {
    let draw = chrono::NaiveDate::parse_from_str(&view.council.draw_day, "%Y-%m-%d").unwrap();
    (draw - chrono::Months::new(12 * years + 1)).format("%Y-%m-%d").to_string()
}

fn form<'a>(slug: &'a str, birth_date: &'a str, postcode: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("full_name", "Lina Haddad"),
        ("gender", "femme"),
        ("category", "habitant"),
        ("birth_date", birth_date),
        ("address", "3 rue des Lilas"),
        ("postcode", postcode),
        ("consent", "1"),
    ]
}

async fn send_file(browser: &Browser, path: &str, bytes: &[u8], name: &str) -> String {
    let form = multipart::Form::new().part("file", multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    let response = browser.client.post(browser.url(path)).multipart(form).send().await.expect("POST file");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()[header::LOCATION].to_str().unwrap().to_string()
}

async fn configure(staff: &Browser, slug: &str, seats: &str, round: &str) -> reqwest::Response {
    let form = [
        ("slug", slug),
        ("seats", seats),
        ("term_years", "3"),
        ("elected_duo", "Claire Caron\nPatrick Delattre"),
        ("charter", "Charte révisée"),
        ("internal_rules", "Règlement révisé"),
        ("round", round),
        ("applications_open", "2027-01-04"),
        ("applications_close", "2027-02-26"),
        ("draw_day", "2027-03-13"),
    ];
    staff.post_fn(path_of::<ConfigureCouncil>(), &form).await
}

async fn record(browser: &Browser, slug: &str, sequence: i64) -> (String, DrawRecord) {
    let response = browser.get(&paths::draw_document(slug, sequence)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    let parsed = DrawRecord::from_json(&text).unwrap();
    (text, parsed)
}

dual_test!(a_minor_applies_staff_check_and_a_verifiable_draw_seats_the_council, |backend| {
    let app = TestApp::spawn(backend).await;
    let slug = "gare";
    let resident = app.login(Role::Resident).await;
    let before = council(&resident, slug).await;
    assert!(before.open && before.members.is_empty() && before.my_candidacy.is_none());
    let candidacies_sql = "SELECT COUNT(*) FROM council_candidacies";
    let filed = app.count(candidacies_sql).await;

    // Too young, outside the town, or not signed in: refused, nothing stored.
    let fifteen = born(&before, 15);
    let errors =
        field_errors(resident.post_fn(path_of::<ApplyToCouncil>(), &form(slug, &fifteen, "62000")).await).await;
    let fields: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(fields, ["birth_date", "postcode"]);
    assert!(errors[0].1.starts_with("Il faut avoir 16 ans le jour du tirage"), "{errors:?}");
    let seventeen = born(&before, 17);
    let response = app.new_browser().post_fn(path_of::<ApplyToCouncil>(), &form(slug, &seventeen, "62400")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count(candidacies_sql).await, filed);

    // A 17-year-old applies; a second candidacy in the same round is refused, whichever council.
    let response = resident.post_fn(path_of::<ApplyToCouncil>(), &form(slug, &seventeen, "62400")).await;
    assert_eq!(location(&response), format!("{}?candidature=envoyee", paths::council(slug)));
    let message =
        refusal(resident.post_fn(path_of::<ApplyToCouncil>(), &form("pierrette", &seventeen, "62400")).await).await;
    assert_eq!(
        message,
        "Vous avez déjà candidaté pour ce tirage (conseil Gare) : une seule candidature par personne et par tour."
    );
    assert_eq!(app.count(candidacies_sql).await, filed + 1);
    let received = "SELECT COUNT(*) FROM outbox WHERE subject = 'Candidature reçue — conseil de quartier Gare'";
    assert_eq!(app.count(received).await, 1);
    let mine = council(&resident, slug).await;
    assert!(mine.needs_authorisation);
    let candidacy = mine.my_candidacy.clone().unwrap();
    assert_eq!(candidacy.status, CandidacyStatus::Pending);
    assert!(candidacy.public_id.starts_with("GAR-"));

    // Staff cannot accept it without the parental authorisation.
    let staff = app.login(Role::Staff).await;
    let id = candidacy.id.to_string();
    let accept = [("slug", slug), ("id", id.as_str())];
    let message = refusal(staff.post_fn(path_of::<AcceptCandidacy>(), &accept).await).await;
    assert!(message.starts_with("L'autorisation parentale manque"), "{message}");

    // The authorisation: its kind is read from the bytes; a PDF is kept, and only staff and the candidate see it.
    let upload = paths::authorisation_upload(slug);
    let back = send_file(&resident, &upload, b"GIF89a not accepted", "autorisation.pdf").await;
    assert_eq!(back, format!("{}?autorisation_refusee=format", paths::council(slug)));
    let back = send_file(&resident, &upload, b"%PDF-1.4\n% signed by a parent\n", "autorisation.pdf").await;
    assert_eq!(back, format!("{}?autorisation=1", paths::council(slug)));
    let file = paths::authorisation(slug, candidacy.id);
    assert_eq!(app.new_browser().get(&file).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.login(Role::Organiser).await.get(&file).await.status(), StatusCode::FORBIDDEN);
    let shown = staff.get(&file).await;
    assert_eq!(shown.headers()[header::CONTENT_TYPE], "application/pdf");
    crate::common::assert_served_as_attachment(&shown, &format!("autorisation-{id}.pdf"));

    // Staff refuse with a reason (required) or accept; a decision is taken once.
    let checked = candidacies(&staff, slug).await;
    assert!(checked.minors.contains(&candidacy.id));
    let response = staff.post_fn(path_of::<RefuseCandidacy>(), &[("slug", slug), ("id", &id), ("reason", "")]).await;
    assert_eq!(field_errors(response).await[0].0, "reason");
    assert_eq!(staff.post_fn(path_of::<AcceptCandidacy>(), &accept).await.status(), StatusCode::OK);
    let message = refusal(staff.post_fn(path_of::<AcceptCandidacy>(), &accept).await).await;
    assert_eq!(message, "Cette candidature a déjà été examinée.");
    assert_eq!(council(&resident, slug).await.my_candidacy.unwrap().status, CandidacyStatus::Accepted);
    // Once decided, the file no longer changes.
    let form =
        multipart::Form::new().part("file", multipart::Part::bytes(b"%PDF-1.4\n".to_vec()).file_name("autre.pdf"));
    let response = resident.client.post(resident.url(&upload)).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);

    // Publishing the pool closes applications and fixes everyone's probability before the draw.
    assert_eq!(staff.post_fn(path_of::<PublishPool>(), &[("slug", slug)]).await.status(), StatusCode::OK);
    let announced = draws(&app.new_browser(), slug).await;
    let step = &announced.steps[0];
    assert!(step.drawn.is_none());
    assert!(step.pool.iter().any(|row| row.id == candidacy.public_id));
    assert!(!council(&resident, slug).await.open);
    let message = refusal(resident.post_fn(path_of::<WithdrawCandidacy>(), &[("slug", slug)]).await).await;
    assert!(message.starts_with("Le vivier est publié"), "{message}");
    let message = refusal(staff.post_fn(path_of::<PublishPool>(), &[("slug", slug)]).await).await;
    assert_eq!(message, "Le vivier de ce tour est déjà publié.");

    // The draw needs witnesses and readable sources.
    let response =
        staff.post_fn(path_of::<RunDraw>(), &[("slug", slug), ("sources", "3 5 1"), ("witnesses", " ")]).await;
    assert_eq!(field_errors(response).await[0].0, "witnesses");
    let draw = [
        ("slug", slug),
        ("sources", "Dés lancés en séance : 3 5 1 6\nLoto du 2 décembre 2026 : 4 18 22 31 47"),
        ("witnesses", "Nadia Benali\nPaul Vermeulen"),
    ];
    assert_eq!(staff.post_fn(path_of::<RunDraw>(), &draw).await.status(), StatusCode::OK);
    let (text, drawn) = record(&resident, slug, 1).await;
    assert_eq!(verify(&drawn), Vec::<String>::new());
    assert_eq!(drawn.draw.witnesses, ["Nadia Benali", "Paul Vermeulen"]);
    assert_eq!(drawn.announcement_sha256, step.announcement_sha256);
    // The person drawn hears it by email (paper candidacies have no account to write to).
    let told = "SELECT COUNT(*) FROM outbox WHERE subject = 'Tiré·e au sort — conseil de quartier Gare'";
    assert_eq!(app.count(told).await, i64::from(drawn.draw.selected.contains(&candidacy.public_id)));
    let seated = council(&app.new_browser(), slug).await;
    assert_eq!(seated.members.len(), 12);

    // Anyone can recompute it with the command line.
    // One file per run: the SQLite and PostgreSQL runs of this test share the process.
    let file = tempfile::Builder::new().prefix("agora-gare-").suffix(".json").tempfile().unwrap().into_temp_path();
    std::fs::write(&file, &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_agora")).args(["sortition", "verify"]).arg(&file).output().unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && printed.starts_with("Tirage vérifié : 12 sièges pourvus"), "{printed}");
    std::fs::write(&file, text.replace("Nadia Benali", "Quelqu'un d'autre").replacen("3 5 1 6", "3 5 1 5", 1)).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_agora")).args(["sortition", "verify"]).arg(&file).output().unwrap();
    assert!(!output.status.success());
    let printed = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(printed.contains("la graine diffère"), "{printed}");
    drop(file);

    // A member withdraws: the replacement goes the same way among the remaining candidates.
    let leaving = drawn.panel()[0].clone();
    let response = staff.post_fn(path_of::<AnnounceWithdrawal>(), &[("slug", slug), ("public_id", &leaving)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let replace = [("slug", slug), ("sources", "2 6 4 1"), ("witnesses", "Nadia Benali")];
    assert_eq!(staff.post_fn(path_of::<RunDraw>(), &replace).await.status(), StatusCode::OK);
    let (_, replacement) = record(&resident, slug, 3).await;
    assert_eq!(verify(&replacement), Vec::<String>::new());
    assert_eq!(verify_link(&replacement, &drawn), Vec::<String>::new());
    let panel = replacement.panel();
    assert_eq!(panel.len(), 12);
    assert!(!panel.contains(&leaving));
});

dual_test!(a_pool_is_published_only_when_checked_and_when_the_quotas_can_be_met, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let documents = "SELECT COUNT(*) FROM council_draws";
    let published = app.count(documents).await;
    let message = refusal(staff.post_fn(path_of::<PublishPool>(), &[("slug", "mont-liebaud")]).await).await;
    assert!(
        message.ends_with("restent à vérifier : acceptez-les ou refusez-les avant de publier le vivier."),
        "{message}"
    );

    // Pierrette without its local actors cannot seat 4 of them: the smallest relaxation is named.
    sqlx::query(
        "UPDATE council_candidacies SET status = 'refused', refusal_reason = 'test' WHERE category = 'acteur' \
         AND id IN (SELECT c.id FROM council_candidacies c JOIN neighbourhood_councils n ON n.id = c.council_id \
         WHERE n.slug = 'pierrette') AND public_id NOT IN (SELECT MIN(public_id) FROM council_candidacies \
         WHERE category = 'acteur' AND council_id = (SELECT id FROM neighbourhood_councils WHERE slug = 'pierrette'))",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let message = refusal(staff.post_fn(path_of::<PublishPool>(), &[("slug", "pierrette")]).await).await;
    assert!(message.starts_with("Le tirage est impossible : "), "{message}");
    assert!(message.contains("acteur"), "{message}");
    assert_eq!(app.count(documents).await, published);
    assert!(council(&staff, "pierrette").await.open, "applications stay open");
    let message = refusal(
        staff.post_fn(path_of::<RunDraw>(), &[("slug", "pierrette"), ("sources", "1 2 3"), ("witnesses", "A")]).await,
    )
    .await;
    assert_eq!(message, "Aucune annonce n'attend de tirage : publiez d'abord le vivier.");

    // Staff schedule a meeting; a bad one is refused field by field.
    let schedule = path_of::<ScheduleMeeting>();
    let meetings = council(&staff, "pierrette").await.meetings.len();
    let response = staff
        .post_fn(schedule, &[("slug", "pierrette"), ("starts_at", "bientôt"), ("place", "Salle"), ("agenda", "")])
        .await;
    let fields: Vec<String> = field_errors(response).await.into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["starts_at", "agenda"]);
    let form = [
        ("slug", "pierrette"),
        ("starts_at", "2027-04-08T18:30"),
        ("place", "Salle Pierrette"),
        ("agenda", "Bilan du trimestre"),
    ];
    assert_eq!(staff.post_fn(schedule, &form).await.status(), StatusCode::OK);
    let scheduled = council(&app.new_browser(), "pierrette").await.meetings;
    assert_eq!(scheduled.len(), meetings + 1);
    assert!(
        scheduled.iter().any(|meeting| meeting.place == "Salle Pierrette" && meeting.agenda == "Bilan du trimestre")
    );

    // Staff configure a council; once a round's pool is published its seats stay as announced.
    let pierrette = council(&staff, "pierrette").await.council;
    let response = configure(&staff, "pierrette", "13", &pierrette.round).await;
    assert_eq!(field_errors(response).await[0].0, "seats");
    let response = configure(&staff, "pierrette", "9", "2027").await;
    assert_eq!(response.status(), StatusCode::OK);
    let nine = council(&app.new_browser(), "pierrette").await;
    assert_eq!((nine.council.seats, nine.council.charter.as_str(), nine.candidacies), (9, "Charte révisée", 0));
    assert_eq!(nine.quotas.iter().map(|q| q.max).collect::<Vec<_>>(), [5, 5, 1, 6, 3]);
    let catorive = council(&staff, "catorive").await.council;
    let message = refusal(configure(&staff, "catorive", "10", &catorive.round).await).await;
    assert!(message.starts_with("Le vivier de ce tour est publié"), "{message}");

    // Catorive's demo draw is on record and verifies.
    let (_, demo) = record(&app.new_browser(), "catorive", 1).await;
    assert_eq!(verify(&demo), Vec::<String>::new());
    assert_eq!(council(&app.new_browser(), "catorive").await.members.len(), 12);

    // A round that had its draw cannot be reopened by renaming the round back.
    assert_eq!(configure(&staff, "catorive", "12", "2028").await.status(), StatusCode::OK);
    assert_eq!(council(&app.new_browser(), "catorive").await.members.len(), 12, "the members sit on");
    let message = refusal(configure(&staff, "catorive", "12", &catorive.round).await).await;
    assert_eq!(message, "Ce tour a déjà eu son tirage : choisissez un nouveau nom de tour.");
});
