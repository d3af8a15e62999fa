//! Campaigns and residents' projects over real HTTP: staff set up a campaign, residents submit in
//! its window and edit until review, staff edit in place, the history of every change, and each
//! refusal in French with nothing stored.

use crate::common::{Browser, Mail, TestApp, field_errors, json_ok, location, path_of, refusal};
use app::budget::api::setup::CreateCampaign;
use app::budget::api::submission::{EditProject, EditProjectField, MySubmittedProjects, ProjectChanges, SubmitProject};
use app::budget::api::{LabelProject, MergeProject, ProjectDetail, RejectProject};
use app::budget::model::{MyProjects, ProjectHistory, ProjectPageData, ProjectStatus};
use app::budget::paths;
use app::platform::db;
use app::platform::identity::Role;
use reqwest::StatusCode;
use server::demo::{BUDGET_SLUG, NEXT_BUDGET_SLUG};

/// The territories of the campaign open for submissions, by name.
async fn territories(app: &TestApp) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT e.territory_id FROM budget_envelopes e JOIN budget_campaigns c ON c.id = e.campaign_id \
         JOIN territories t ON t.id = e.territory_id WHERE c.slug = $1 ORDER BY t.name",
    )
    .bind(NEXT_BUDGET_SLUG)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

/// The form fields of a project, with `changes` replacing some of them.
fn form<'a>(territory: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("title", "Boîtes à livres du Ternois"),
        ("summary", "Dix boîtes à livres installées par les habitants dans les villages du Ternois."),
        (
            "description",
            "Des menuisiers bénévoles fabriquent les boîtes avec du bois de récupération ; les écoles les \
             décorent et les bibliothèques les approvisionnent.",
        ),
        ("category", "Culture"),
        ("cost", "4 500"),
        ("territory", territory),
    ];
    for (name, value) in changes {
        fields.iter_mut().filter(|(field, _)| field == name).for_each(|field| field.1 = value);
    }
    fields
}

async fn submit(browser: &Browser, slug: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![("slug", slug)];
    all.extend_from_slice(fields);
    browser.post_fn(path_of::<SubmitProject>(), &all).await
}

async fn detail(browser: &Browser, id: i64) -> reqwest::Response {
    browser.get_fn(path_of::<ProjectDetail>(), &[("slug", NEXT_BUDGET_SLUG), ("id", &id.to_string())]).await
}

async fn edit(browser: &Browser, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    let id = id.to_string();
    let mut all = vec![("project_id", id.as_str())];
    all.extend_from_slice(fields);
    browser.post_fn(path_of::<EditProject>(), &all).await
}

async fn edit_in_place(browser: &Browser, id: i64, field: &str, value: &str) -> reqwest::Response {
    browser
        .post_fn(path_of::<EditProjectField>(), &[("project_id", &id.to_string()), ("field", field), ("value", value)])
        .await
}

async fn history(browser: &Browser, id: i64) -> ProjectHistory {
    let response = browser.get_fn(path_of::<ProjectChanges>(), &[("project_id", &id.to_string())]).await;
    serde_json::from_value(json_ok(response).await).unwrap()
}

dual_test!(a_resident_submits_a_project_and_edits_it_until_review, |backend| {
    let app = TestApp::spawn(backend).await;
    let territories = territories(&app).await;
    let (first, second) = (territories[0].to_string(), territories[1].to_string());
    let projects = || app.count("SELECT COUNT(*) FROM budget_projects");
    let before = projects().await;

    // A visitor is asked to sign in; a bad form names every field; a closed campaign refuses.
    let visitor = app.new_browser();
    assert_eq!(submit(&visitor, NEXT_BUDGET_SLUG, &form(&first, &[])).await.status(), StatusCode::UNAUTHORIZED);
    let resident = app.login(Role::Resident).await;
    let bad = form("999999", &[("title", ""), ("summary", "court"), ("category", "Autre"), ("cost", "beaucoup")]);
    let errors = field_errors(submit(&resident, NEXT_BUDGET_SLUG, &bad).await).await;
    let named: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(named, ["title", "summary", "category", "cost", "territory"]);
    assert_eq!(errors[0].1, "Indiquez le titre.");
    let over = form(&first, &[("cost", "50 000,01")]);
    let errors = field_errors(submit(&resident, NEXT_BUDGET_SLUG, &over).await).await;
    assert_eq!(errors[0].0, "cost");
    assert!(errors[0].1.starts_with("Le coût dépasse l'enveloppe du territoire"), "{}", errors[0].1);
    let message = refusal(submit(&resident, BUDGET_SLUG, &form(&first, &[])).await).await;
    assert_eq!(message, "Le dépôt des projets n'est pas ouvert pour cette campagne.");
    assert_eq!(projects().await, before, "nothing stored on refusal");

    // Submitted: the author is told by email and finds it first in their list.
    let response = submit(&resident, NEXT_BUDGET_SLUG, &form(&first, &[])).await;
    let next = location(&response);
    let id: i64 = next.rsplit('=').next().unwrap().parse().unwrap();
    assert_eq!(next, format!("{}?depose={id}", paths::my_projects(NEXT_BUDGET_SLUG)));
    let (subject,): (String,) = sqlx::query_as("SELECT subject FROM outbox WHERE recipient = $1 ORDER BY id DESC")
        .bind("habitante@demo.agora.fr")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(subject, "Votre projet est déposé — Budget citoyen du Pas-de-Calais 2025");
    let mine: MyProjects = serde_json::from_value(
        json_ok(resident.get_fn(path_of::<MySubmittedProjects>(), &[("slug", NEXT_BUDGET_SLUG)]).await).await,
    )
    .unwrap();
    assert!(mine.submission_open);
    assert_eq!(mine.projects.len(), 3, "the two demo projects and this one");
    assert_eq!((mine.projects[0].id, mine.projects[0].cost_cents), (id, 450_000));
    assert_eq!(mine.projects[0].status, ProjectStatus::Submitted);

    // Before review, only its author and the reviewers see it.
    let page: ProjectPageData = serde_json::from_value(json_ok(detail(&resident, id).await).await).unwrap();
    assert!(page.editable && !page.reviewer);
    assert_eq!(detail(&visitor, id).await.status(), StatusCode::NOT_FOUND);
    let moderator = app.login(Role::Moderator).await;
    assert_eq!(detail(&moderator, id).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(edit(&moderator, id, &form(&first, &[])).await.status(), StatusCode::FORBIDDEN);

    // The author changes two fields: both are kept in the history, under their name.
    let renamed = "Boîtes à livres du Ternois et de l'Arrageois";
    let changed = form(&second, &[("title", renamed)]);
    let response = edit(&resident, id, &changed).await;
    assert_eq!(location(&response), format!("{}?modifie=2", paths::project(NEXT_BUDGET_SLUG, id)));
    let unchanged = edit(&resident, id, &changed).await;
    assert_eq!(location(&unchanged), format!("{}?modifie=0", paths::project(NEXT_BUDGET_SLUG, id)));
    let staff = app.login(Role::Staff).await;
    let edits = history(&staff, id).await.edits;
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|edit| edit.editor_name == "Camille Habitante"));
    let title = edits.iter().find(|edit| edit.field == "Titre").unwrap();
    assert_eq!(
        (title.old_value.as_str(), title.new_value.as_str()),
        ("Boîtes à livres du Ternois", "Boîtes à livres du Ternois et de l'Arrageois")
    );
    assert!(edits.iter().any(|edit| edit.field == "Territoire"));

    // Once submission closes, review begins: the author can no longer change it; staff still can.
    sqlx::query("UPDATE budget_campaigns SET submission_closes_at = $1 WHERE slug = $2")
        .bind(db::now() - 1)
        .bind(NEXT_BUDGET_SLUG)
        .execute(&app.pool)
        .await
        .unwrap();
    let message = refusal(edit(&resident, id, &form(&second, &[("cost", "4 000")])).await).await;
    assert!(message.starts_with("Le dépôt est clos"), "{message}");
    let message = refusal(submit(&resident, NEXT_BUDGET_SLUG, &form(&first, &[])).await).await;
    assert_eq!(message, "Le dépôt des projets n'est pas ouvert pour cette campagne.");
    assert_eq!(projects().await, before + 1);
    assert_eq!(history(&staff, id).await.edits.len(), 2);
    assert_eq!(
        location(&edit(&staff, id, &form(&second, &[("title", renamed), ("cost", "4 200")])).await).rsplit('=').next(),
        Some("1")
    );
});

dual_test!(staff_edit_in_place_with_every_change_in_the_history, |backend| {
    let app = TestApp::spawn(backend).await;
    let (id,): (i64,) = sqlx::query_as(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE c.slug = $1 AND p.status = 'labelled' ORDER BY p.id LIMIT 1",
    )
    .bind(BUDGET_SLUG)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let cost_sql = format!("SELECT cost_cents FROM budget_projects WHERE id = {id}");
    let cost = || app.count(&cost_sql);
    let before = cost().await;

    // Residents and moderators cannot; organisers and staff can.
    let resident = app.login(Role::Resident).await;
    assert_eq!(edit_in_place(&resident, id, "cost", "1").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        edit(&resident, id, &form("1", &[])).await.status(),
        StatusCode::FORBIDDEN,
        "a labelled project of someone else"
    );
    let staff = app.login(Role::Staff).await;
    let errors = field_errors(edit_in_place(&staff, id, "cost", "abc").await).await;
    assert_eq!(
        errors,
        [("cost".to_string(), "Écrivez le coût en euros, en chiffres (par exemple 12 500 ou 12 500,50).".to_string())]
    );
    let errors = field_errors(edit_in_place(&staff, id, "title", "   ").await).await;
    assert_eq!(errors[0].1, "Indiquez le titre.");
    assert_eq!(edit_in_place(&staff, id, "status", "rejected").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(cost().await, before, "nothing changed on refusal");
    // Only the label the demo's review gave it.
    let labelled = history(&staff, id).await.edits;
    assert_eq!(labelled.iter().map(|edit| edit.field.as_str()).collect::<Vec<_>>(), ["Statut"]);

    let shown: String =
        serde_json::from_value(json_ok(edit_in_place(&staff, id, "cost", "9 000").await).await).unwrap();
    assert_eq!(shown, "9\u{202f}000\u{a0}€");
    assert_eq!(cost().await, 900_000);
    let organiser = app.login(Role::Organiser).await;
    let shown: String =
        serde_json::from_value(json_ok(edit_in_place(&organiser, id, "title", "Un titre revu en place").await).await)
            .unwrap();
    assert_eq!(shown, "Un titre revu en place");
    let edits = history(&organiser, id).await.edits;
    assert_eq!(edits.len(), 3);
    assert_eq!((edits[0].editor_name.as_str(), edits[0].field.as_str()), ("Odile Organisation", "Titre"));
    assert_eq!((edits[1].editor_name.as_str(), edits[1].field.as_str()), ("Étienne Équipe", "Coût estimé"));
    assert_eq!(edits[1].new_value, "9\u{202f}000\u{a0}€");
    assert_eq!(
        resident.get_fn(path_of::<ProjectChanges>(), &[("project_id", &id.to_string())]).await.status(),
        StatusCode::FORBIDDEN
    );

    // After the vote closes, nobody edits any more.
    sqlx::query("UPDATE budget_campaigns SET vote_closes_at = $1 WHERE slug = $2")
        .bind(db::now() - 1)
        .bind(BUDGET_SLUG)
        .execute(&app.pool)
        .await
        .unwrap();
    let message = refusal(edit_in_place(&staff, id, "cost", "8 000").await).await;
    assert_eq!(message, "Le vote est clos : les projets ne se modifient plus.");
    assert_eq!(cost().await, 900_000);
});

async fn merge(browser: &Browser, duplicate: i64, kept: &str) -> reqwest::Response {
    browser.post_fn(path_of::<MergeProject>(), &[("project_id", &duplicate.to_string()), ("into", kept)]).await
}

/// The projects of a campaign, by id, with their status and what they were merged into.
async fn statuses(app: &TestApp, slug: &str) -> Vec<(i64, ProjectStatus, Option<i64>)> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT p.id, p.status, p.merged_into FROM budget_projects p JOIN budget_campaigns c \
         ON c.id = p.campaign_id WHERE c.slug = $1 ORDER BY p.id",
    )
    .bind(slug)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(id, status, merged_into)| (id, ProjectStatus::try_from(status).unwrap(), merged_into))
        .collect()
}

dual_test!(staff_merge_duplicates_before_the_vote, |backend| {
    let app = TestApp::spawn(backend).await;
    let ids: Vec<i64> = statuses(&app, NEXT_BUDGET_SLUG).await.into_iter().map(|(id, _, _)| id).collect();
    // The demo resident wrote the first two projects.
    let (duplicate, kept, other) = (ids[0], ids[2], ids[3]);
    let resident = app.login(Role::Resident).await;
    assert_eq!(merge(&resident, duplicate, &kept.to_string()).await.status(), StatusCode::FORBIDDEN);

    // Wrong targets are refused in French and change nothing.
    let staff = app.login(Role::Staff).await;
    let before = statuses(&app, NEXT_BUDGET_SLUG).await;
    let errors = field_errors(merge(&staff, duplicate, "").await).await;
    assert_eq!(errors, [("into".to_string(), "Choisissez le projet à garder.".to_string())]);
    let message = refusal(merge(&staff, duplicate, &duplicate.to_string()).await).await;
    assert_eq!(message, "Un projet ne peut pas être fusionné avec lui-même.");
    let (elsewhere,): (i64,) = sqlx::query_as(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id WHERE c.slug = $1 LIMIT 1",
    )
    .bind(BUDGET_SLUG)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let message = refusal(merge(&staff, duplicate, &elsewhere.to_string()).await).await;
    assert_eq!(message, "Le projet à garder n'est pas un projet de cette campagne.");
    let rejected = staff
        .post_fn(
            path_of::<RejectProject>(),
            &[("project_id", &other.to_string()), ("reason", "Hors du champ du budget.")],
        )
        .await;
    assert!(rejected.status().is_success(), "{}", rejected.status());
    let message = refusal(merge(&staff, duplicate, &other.to_string()).await).await;
    assert_eq!(message, "Le projet à garder doit être reçu ou labellisé, ni refusé ni fusionné.");
    let after_refusals = statuses(&app, NEXT_BUDGET_SLUG).await;
    assert_eq!(after_refusals.iter().filter(|(_, status, _)| *status == ProjectStatus::Merged).count(), 0);
    assert_eq!(before.len(), after_refusals.len());

    // Merged: the duplicate leaves review, both histories say so, and its author is told.
    let response = merge(&staff, duplicate, &kept.to_string()).await;
    assert_eq!(location(&response), paths::review(NEXT_BUDGET_SLUG));
    let now = statuses(&app, NEXT_BUDGET_SLUG).await;
    assert!(now.contains(&(duplicate, ProjectStatus::Merged, Some(kept))));
    let edits = history(&staff, duplicate).await.edits;
    assert_eq!((edits[0].field.as_str(), edits[0].editor_name.as_str()), ("Statut", "Étienne Équipe"));
    assert!(edits[0].new_value.starts_with("Fusionné avec « "), "{}", edits[0].new_value);
    assert_eq!(history(&staff, kept).await.edits[0].field, "Fusion");
    let Mail { subject, body, .. } = app.last_mail_to("habitante@demo.agora.fr").await;
    assert_eq!(subject, "Votre projet est fusionné avec un projet voisin — Budget citoyen");
    assert!(body.contains("l'équipe du budget citoyen les a réunis"), "{body}");
    let page: ProjectPageData = serde_json::from_value(json_ok(detail(&resident, duplicate).await).await).unwrap();
    assert_eq!(page.project.merged_into, Some(kept));
    assert!(page.project.status_text().starts_with("Fusionné avec « "));
    let page: ProjectPageData = serde_json::from_value(json_ok(detail(&staff, kept).await).await).unwrap();
    assert!(page.merge_targets.iter().all(|(id, _)| ![duplicate, kept, other].contains(id)));

    // A merged project is neither merged again nor labelled; a project merged into it follows it.
    let message = refusal(merge(&staff, duplicate, &ids[4].to_string()).await).await;
    assert_eq!(message, "Ce projet est déjà fusionné avec un autre.");
    let label = staff.post_fn(path_of::<LabelProject>(), &[("project_id", &duplicate.to_string())]).await;
    assert_eq!(refusal(label).await, "Ce projet est fusionné avec un autre : c'est ce dernier qui est examiné.");
    let organiser = app.login(Role::Organiser).await;
    location(&merge(&organiser, kept, &ids[1].to_string()).await);
    let now = statuses(&app, NEXT_BUDGET_SLUG).await;
    assert!(now.contains(&(duplicate, ProjectStatus::Merged, Some(ids[1]))));
    assert!(now.contains(&(kept, ProjectStatus::Merged, Some(ids[1]))));

    // Once the vote opens, the ballot's choices are fixed: no more merging.
    sqlx::query("UPDATE budget_campaigns SET submission_closes_at = $1, vote_opens_at = $1 WHERE slug = $2")
        .bind(db::now() - 1)
        .bind(NEXT_BUDGET_SLUG)
        .execute(&app.pool)
        .await
        .unwrap();
    let message = refusal(merge(&staff, ids[4], &ids[1].to_string()).await).await;
    assert_eq!(message, "Le vote est ouvert : les projets ne peuvent plus être fusionnés.");
    let page: ProjectPageData = serde_json::from_value(json_ok(detail(&staff, ids[4]).await).await).unwrap();
    assert!(page.merge_targets.is_empty());
});

dual_test!(the_submission_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let visitor = app.new_browser();
    let form = visitor.get(&paths::submit_project(NEXT_BUDGET_SLUG)).await.text().await.unwrap();
    assert!(form.contains("Connectez-vous"), "{form}");
    let resident = app.login(Role::Resident).await;
    let form = resident.get(&paths::submit_project(NEXT_BUDGET_SLUG)).await.text().await.unwrap();
    assert!(form.contains("name=\"cost\"") && form.contains("Déposer le projet"), "{form}");
    let mine = resident.get(&paths::my_projects(NEXT_BUDGET_SLUG)).await.text().await.unwrap();
    assert!(mine.contains("Reçu, à examiner"), "{mine}");
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM budget_projects WHERE author_id IS NOT NULL ORDER BY id LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let edit_page = resident.get(&paths::edit_project(NEXT_BUDGET_SLUG, id)).await.text().await.unwrap();
    assert!(edit_page.contains("Enregistrer les modifications"), "{edit_page}");
    let history = resident.get(&paths::project_history(NEXT_BUDGET_SLUG, id)).await;
    assert_eq!(history.status(), StatusCode::FORBIDDEN);
});

/// The campaign form as staff fill it in, with `changes` replacing some fields.
fn campaign_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("title", "Budget citoyen 2027 de l'Arrageois"),
        ("description", "Proposez vos projets pour l'Arrageois, puis votez."),
        ("rules_text", "Dès 11 ans, jusqu'à 3 projets."),
        ("submission_opens", "2027-01-04"),
        ("submission_closes", "2027-02-28"),
        ("vote_opens", "2027-05-01"),
        ("vote_closes", "2027-05-31"),
        ("choices", "3"),
        ("choice_mode", "up_to"),
        ("min_age", "11"),
        ("scope", "territory"),
        ("ballot_changeable", "yes"),
        ("results_visibility", "published"),
        ("rule", "mes"),
        ("min_votes", "0"),
    ];
    for (name, value) in changes {
        fields.iter_mut().filter(|(field, _)| field == name).for_each(|field| field.1 = value);
    }
    fields
}

dual_test!(staff_create_a_campaign_with_its_envelopes, |backend| {
    let app = TestApp::spawn(backend).await;
    let territories = territories(&app).await;
    let (first, second) = (format!("envelopes[e{}]", territories[0]), format!("envelopes[e{}]", territories[1]));
    let campaigns = || app.count("SELECT COUNT(*) FROM budget_campaigns");
    let before = campaigns().await;
    let staff = app.login(Role::Staff).await;
    let create = |fields: Vec<(&str, &str)>| {
        let staff = staff.clone();
        let fields: Vec<(String, String)> = fields.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            staff.post_fn(path_of::<CreateCampaign>(), &fields).await
        }
    };

    // Phases out of order, a bad envelope: each named, nothing stored.
    let mut bad = campaign_form(&[("vote_opens", "2027-02-28")]);
    bad.push((first.as_str(), "cinquante"));
    let errors = field_errors(create(bad).await).await;
    let named: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(named, [format!("e{}", territories[0]).as_str(), "vote_opens"]);
    let errors = field_errors(create(campaign_form(&[])).await).await;
    assert_eq!(errors, [("envelopes".to_string(), "Donnez une enveloppe à au moins un territoire.".to_string())]);
    assert_eq!(campaigns().await, before);

    let mut good = campaign_form(&[]);
    good.push((first.as_str(), "40 000"));
    good.push((second.as_str(), ""));
    let response = create(good.clone()).await;
    assert_eq!(location(&response), format!("{}?creee=1", paths::campaign("budget-citoyen-2027-de-l-arrageois")));
    let (id, scope, rule, changeable, visibility): (i64, String, String, i64, String) = sqlx::query_as(
        "SELECT id, scope, rule, ballot_changeable, results_visibility FROM budget_campaigns WHERE slug = $1",
    )
    .bind("budget-citoyen-2027-de-l-arrageois")
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((scope.as_str(), rule.as_str(), changeable, visibility.as_str()), ("territory", "mes", 1, "published"));
    let envelopes: Vec<(i64, i64)> =
        sqlx::query_as("SELECT territory_id, amount_cents FROM budget_envelopes WHERE campaign_id = $1")
            .bind(id)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(envelopes, [(territories[0], 4_000_000)]);

    // The same title again: its address is taken.
    let errors = field_errors(create(good).await).await;
    assert_eq!(errors[0].0, "title");
    assert!(errors[0].1.starts_with("Une campagne a déjà l'adresse"), "{}", errors[0].1);
    assert_eq!(campaigns().await, before + 1);
    // An unticked checkbox sends nothing: the ballot cannot be changed.
    let mut unticked: Vec<(&str, &str)> = campaign_form(&[("title", "Budget citoyen 2028")])
        .into_iter()
        .filter(|(k, _)| *k != "ballot_changeable")
        .collect();
    unticked.push((first.as_str(), "1000"));
    location(&create(unticked).await);
    assert_eq!(app.count("SELECT ballot_changeable FROM budget_campaigns WHERE slug = 'budget-citoyen-2028'").await, 0);

    let page = staff.get(&paths::new_campaign()).await.text().await.unwrap();
    assert!(page.contains("Créer la campagne") && page.contains(&format!("name=\"{first}\"")), "{page}");
    let resident = app.login(Role::Resident).await;
    assert_eq!(resident.get(&paths::new_campaign()).await.status(), StatusCode::FORBIDDEN);
});
