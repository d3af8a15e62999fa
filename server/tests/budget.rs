//! The citizen budget over real HTTP: voting as the demo resident, every refusal in French with
//! nothing stored, the receipt, and the pages.

use crate::common::{
    Browser, TestApp, demo_credentials, field_errors, json_ok, location, next_event_data, path_of, refusal,
};
use app::budget::api::{
    CampaignJournal, CampaignPage, CampaignResults, CastBallot, CheckReceipt, CompareRules, EnterPaperBallots,
    LabelProject, PreviewBallot, PublishResults, RejectProject,
};
use app::budget::domain::parse_pb;
use app::budget::model::{
    BallotPreview, CampaignView, Journal, LiveTally, ProjectStatus, ReceiptCheck, Results, RuleComparison, StaffActKind,
};
use app::budget::paths;
use app::platform::db;
use app::platform::identity::Role;
use reqwest::{StatusCode, header::LOCATION};
use server::demo::{BUDGET_SLUG, NEXT_BUDGET_SLUG};

/// Project ids of the demo campaign with `status`, with their territory.
async fn projects(app: &TestApp, status: ProjectStatus) -> Vec<(i64, i64)> {
    sqlx::query_as(
        "SELECT p.id, p.territory_id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id \
         WHERE p.status = $1 AND c.slug = $2 ORDER BY p.id",
    )
    .bind(status.as_str())
    .bind(BUDGET_SLUG)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn vote(browser: &Browser, ids: &[i64]) -> reqwest::Response {
    let names: Vec<String> = ids.iter().map(|id| format!("choices[p{id}]")).collect();
    let values: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut form: Vec<(&str, &str)> = vec![("slug", BUDGET_SLUG)];
    form.extend(names.iter().map(String::as_str).zip(values.iter().map(String::as_str)));
    browser.post_fn(path_of::<CastBallot>(), &form).await
}

/// How many rows of `rows` (tables joined to the campaigns as `c`) belong to the demo campaign.
async fn count_in_campaign(app: &TestApp, rows: &str) -> i64 {
    app.count(&format!("SELECT COUNT(*) FROM {rows} WHERE c.slug = '{BUDGET_SLUG}'")).await
}

/// Participations, ballots and choices of the demo campaign.
async fn stored(app: &TestApp) -> (i64, i64, i64) {
    (
        count_in_campaign(app, "budget_participations x JOIN budget_campaigns c ON c.id = x.campaign_id").await,
        count_in_campaign(app, "budget_ballots x JOIN budget_campaigns c ON c.id = x.campaign_id").await,
        count_in_campaign(
            app,
            "budget_ballot_choices x JOIN budget_ballots b ON b.id = x.ballot_id \
             JOIN budget_campaigns c ON c.id = b.campaign_id",
        )
        .await,
    )
}

dual_test!(the_demo_resident_votes_once_within_the_rules, |backend| {
    let app = TestApp::spawn(backend).await;
    let resident = app.login(Role::Resident).await;
    let labelled = projects(&app, ProjectStatus::Labelled).await;
    let rejected = projects(&app, ProjectStatus::Rejected).await;
    assert_eq!((labelled.len(), rejected.len()), (54, 16));
    let before = stored(&app).await;
    assert_eq!(before.0, 0, "the demo holds paper ballots only");
    assert_eq!(before.1, 120);

    let four: Vec<i64> = labelled.iter().take(4).map(|(id, _)| *id).collect();
    let message = refusal(vote(&resident, &four).await).await;
    assert_eq!(message, "Vous pouvez choisir au plus 3 projets : vous en avez choisi 4.");
    let message = refusal(vote(&resident, &[labelled[0].0, rejected[0].0]).await).await;
    assert!(message.starts_with("Seuls les projets labellisés"), "{message}");
    let message = refusal(vote(&resident, &[]).await).await;
    assert_eq!(message, "Choisissez au moins un projet.");

    // A campaign limited to one's own territory: the resident lives in the first project's territory.
    let (home, elsewhere) = (labelled[0], *labelled.iter().find(|(_, t)| *t != labelled[0].1).unwrap());
    let (email, _) = demo_credentials(Role::Resident);
    sqlx::query("UPDATE users SET territory_id = $1 WHERE email = $2")
        .bind(home.1)
        .bind(email)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE budget_campaigns SET scope = 'territory'").execute(&app.pool).await.unwrap();
    let message = refusal(vote(&resident, &[home.0, elsewhere.0]).await).await;
    assert_eq!(message, "Vous ne pouvez voter que pour des projets de votre territoire.");
    sqlx::query("UPDATE budget_campaigns SET scope = 'campaign'").execute(&app.pool).await.unwrap();
    assert_eq!(stored(&app).await, before, "nothing stored after a refusal");

    let three: Vec<i64> = labelled.iter().take(3).map(|(id, _)| *id).collect();
    let response = vote(&resident, &three).await;
    assert_eq!(response.status(), StatusCode::OK);
    let location = response.headers().get(LOCATION).unwrap().to_str().unwrap().to_string();
    let prefix = format!("{}?recu=", paths::receipt(BUDGET_SLUG));
    let code = location.strip_prefix(&prefix).unwrap_or_else(|| panic!("unexpected redirect {location}"));
    assert_eq!(stored(&app).await, (1, before.1 + 1, before.2 + 3));
    let check: ReceiptCheck = serde_json::from_value(
        json_ok(resident.get_fn(path_of::<CheckReceipt>(), &[("slug", BUDGET_SLUG), ("code", code)]).await).await,
    )
    .unwrap();
    assert!(check.found);
    let body = app.last_mail_to(email).await.body;
    assert!(body.contains(code), "{body}");
    let page = resident.get(&location).await.text().await.unwrap();
    assert!(page.contains(code));

    // The demo campaign lets a voter change their ballot until the vote closes: the new one
    // replaces the old, whose receipt no longer verifies.
    let list = [("slug", BUDGET_SLUG), ("territory", ""), ("category", ""), ("search", "")];
    let participation =
        serde_json::from_value::<CampaignView>(json_ok(resident.get_fn(path_of::<CampaignPage>(), &list).await).await)
            .unwrap()
            .participation;
    assert_eq!(participation.chosen, {
        let mut sorted = three.clone();
        sorted.sort();
        sorted
    });
    let two: Vec<i64> = labelled.iter().skip(10).take(2).map(|(id, _)| *id).collect();
    let response = vote(&resident, &two).await;
    assert_eq!(response.status(), StatusCode::OK);
    let changed =
        response.headers().get(LOCATION).unwrap().to_str().unwrap().strip_prefix(&prefix).unwrap().to_string();
    assert_eq!(stored(&app).await, (1, before.1 + 1, before.2 + 2));
    let receipt = |code: String| {
        let resident = resident.clone();
        async move {
            let response = resident.get_fn(path_of::<CheckReceipt>(), &[("slug", BUDGET_SLUG), ("code", &code)]).await;
            serde_json::from_value::<ReceiptCheck>(json_ok(response).await).unwrap().found
        }
    };
    assert!(receipt(changed).await);
    assert!(!receipt(code.to_string()).await);

    // Where the campaign does not allow it, a second ballot is refused and nothing changes.
    sqlx::query("UPDATE budget_campaigns SET ballot_changeable = 0").execute(&app.pool).await.unwrap();
    let message = refusal(vote(&resident, &three).await).await;
    assert!(message.starts_with("Vous avez déjà voté"), "{message}");
    assert_eq!(stored(&app).await, (1, before.1 + 1, before.2 + 2));

    // Anonymous callers cannot vote at all.
    let response = vote(&app.new_browser(), &three).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
});

dual_test!(the_ballot_is_shown_for_confirmation_before_anything_is_stored, |backend| {
    let app = TestApp::spawn(backend).await;
    let resident = app.login(Role::Resident).await;
    let labelled = projects(&app, ProjectStatus::Labelled).await;
    let before = stored(&app).await;
    let preview = |ids: &[i64]| {
        let chosen = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let resident = resident.clone();
        async move {
            let response =
                resident.get_fn(path_of::<PreviewBallot>(), &[("slug", BUDGET_SLUG), ("chosen", &chosen)]).await;
            serde_json::from_value::<BallotPreview>(json_ok(response).await).unwrap()
        }
    };
    let three: Vec<i64> = labelled.iter().take(3).map(|(id, _)| *id).collect();
    let shown = preview(&three).await;
    assert_eq!(shown.problem, None);
    assert!(!shown.changing);
    assert_eq!(shown.projects.iter().map(|p| p.id).collect::<Vec<_>>(), three);
    let four: Vec<i64> = labelled.iter().take(4).map(|(id, _)| *id).collect();
    let refused = preview(&four).await;
    assert_eq!(refused.problem.as_deref(), Some("Vous pouvez choisir au plus 3 projets : vous en avez choisi 4."));
    assert_eq!(stored(&app).await, before, "a preview stores nothing");
    let anonymous = app.new_browser();
    let response = anonymous.get_fn(path_of::<PreviewBallot>(), &[("slug", BUDGET_SLUG), ("chosen", "1")]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Once the ballot is cast, confirming again would replace it.
    assert_eq!(vote(&resident, &three).await.status(), StatusCode::OK);
    assert!(preview(&three).await.changing);
    let page =
        resident.get(&format!("{}?choix={}&choix={}", paths::confirm_ballot(BUDGET_SLUG), three[0], three[1])).await;
    let page = page.text().await.unwrap();
    assert!(
        page.contains("Confirmer la modification") && page.contains(&format!("name=\"choices[p{}]\"", three[1])),
        "{page}"
    );
});

dual_test!(staff_enter_paper_ballots_all_or_none, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let labelled = projects(&app, ProjectStatus::Labelled).await;
    let rejected = projects(&app, ProjectStatus::Rejected).await;
    let before = stored(&app).await;
    let enter = |text: String| {
        let staff = staff.clone();
        async move { staff.post_fn(path_of::<EnterPaperBallots>(), &[("slug", BUDGET_SLUG), ("ballots", &text)]).await }
    };
    let (a, b, c) = (labelled[0].0, labelled[1].0, labelled[2].0);
    // One bad line among good ones: every problem named by line, nothing stored.
    let text = format!("projets\n{a}, {b}\n{a}, {b}, {c}, {}\n{}\n", labelled[3].0, rejected[0].0);
    let errors = field_errors(enter(text).await).await;
    assert_eq!(errors.len(), 1);
    let (field, message) = &errors[0];
    assert_eq!(field, "ballots");
    assert!(
        message.starts_with("Aucun bulletin enregistré. Ligne 3 : Vous pouvez choisir au plus 3 projets"),
        "{message}"
    );
    assert!(message.contains("Ligne 4 : Seuls les projets labellisés"), "{message}");
    assert_eq!(stored(&app).await, before);

    let response = enter(format!("{a}; {b}\n\n{c}\n{b} {c} {a}\n")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(location(&response), format!("{}?enregistres=3", paths::paper_ballots(BUDGET_SLUG)));
    assert_eq!(stored(&app).await, (before.0, before.1 + 3, before.2 + 6));
    let paper =
        count_in_campaign(&app, "budget_ballots x JOIN budget_campaigns c ON c.id = x.campaign_id AND x.paper = 1")
            .await;
    assert_eq!(paper, before.1 + 3, "marked as paper, without any participation row");

    // The batch is in the public journal: who, how many.
    let last = journal(&app.new_browser()).await.acts.pop().unwrap();
    assert_eq!(
        (last.act, last.ballots, last.actor_name.as_str()),
        (StaffActKind::PaperBallots, Some(3), "Étienne Équipe")
    );

    // Organisers do not enter paper ballots; staff only while the vote is open or on the day after.
    let organiser = app.login(Role::Organiser).await;
    let response =
        organiser.post_fn(path_of::<EnterPaperBallots>(), &[("slug", BUDGET_SLUG), ("ballots", &a.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let entered = stored(&app).await;
    let move_vote = |opens: i64, closes: i64| {
        sqlx::query("UPDATE budget_campaigns SET vote_opens_at = $1, vote_closes_at = $2 WHERE slug = $3")
            .bind(opens)
            .bind(closes)
            .bind(BUDGET_SLUG)
            .execute(&app.pool)
    };
    let now = db::now();
    move_vote(now - 10 * DAY, now - DAY + 60).await.unwrap();
    assert_eq!(location(&enter(a.to_string()).await), format!("{}?enregistres=1", paths::paper_ballots(BUDGET_SLUG)));
    move_vote(now - 10 * DAY, now - DAY - 60).await.unwrap();
    let message = refusal(enter(a.to_string()).await).await;
    assert_eq!(message, "La saisie des bulletins papier est close : elle s'arrête le lendemain de la clôture du vote.");
    move_vote(now + DAY, now + 10 * DAY).await.unwrap();
    let message = refusal(enter(a.to_string()).await).await;
    assert!(message.starts_with("Le vote n'est pas encore ouvert"), "{message}");
    assert_eq!(stored(&app).await, (entered.0, entered.1 + 1, entered.2 + 1));
});

const DAY: i64 = 86_400;

async fn journal(browser: &Browser) -> Journal {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<CampaignJournal>(), &[("slug", BUDGET_SLUG)]).await).await)
        .unwrap()
}

dual_test!(labels_are_frozen_once_the_vote_opens_and_every_decision_is_journaled, |backend| {
    let app = TestApp::spawn(backend).await;
    let labelled = projects(&app, ProjectStatus::Labelled).await;
    let rejected = projects(&app, ProjectStatus::Rejected).await;
    let before = app.count("SELECT COUNT(*) FROM budget_staff_acts").await;
    // During the vote, neither staff nor organisers take a project off the ballot or add one.
    for role in [Role::Staff, Role::Organiser] {
        let reviewer = app.login(role).await;
        let reject = reviewer
            .post_fn(
                path_of::<RejectProject>(),
                &[("project_id", &labelled[0].0.to_string()), ("reason", "Trop cher.")],
            )
            .await;
        assert_eq!(
            refusal(reject).await,
            "Le vote a commencé : les labels sont figés, les projets ne changent plus de statut."
        );
        let label = reviewer.post_fn(path_of::<LabelProject>(), &[("project_id", &rejected[0].0.to_string())]).await;
        assert_eq!(
            refusal(label).await,
            "Le vote a commencé : les labels sont figés, les projets ne changent plus de statut."
        );
    }
    assert_eq!(projects(&app, ProjectStatus::Labelled).await, labelled);
    assert_eq!(app.count("SELECT COUNT(*) FROM budget_staff_acts").await, before);

    // The demo's reviews are in the journal; visitors read which projects were labelled, never the
    // title of one that was rejected; staff do.
    let visitor = journal(&app.new_browser()).await;
    let staff = journal(&app.login(Role::Staff).await).await;
    let of = |journal: &Journal, kind: StaffActKind| journal.acts.iter().filter(|act| act.act == kind).count();
    assert_eq!((of(&visitor, StaffActKind::Labelled), of(&visitor, StaffActKind::Rejected)), (54, 16));
    let rejected_titles: Vec<Option<String>> = visitor
        .acts
        .iter()
        .filter(|act| act.act == StaffActKind::Rejected)
        .map(|act| act.project_title.clone())
        .collect();
    assert!(rejected_titles.iter().all(Option::is_none), "{rejected_titles:?}");
    assert!(staff.acts.iter().filter(|act| act.act == StaffActKind::Rejected).all(|act| act.project_title.is_some()));
    let page = app.new_browser().get(&paths::journal(BUDGET_SLUG)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("120 bulletins papier saisis") && page.contains("Étienne Équipe"), "{page}");
});

dual_test!(the_project_list_is_filtered_and_shuffled_per_visitor, |backend| {
    let app = TestApp::spawn(backend).await;
    let args = [("slug", BUDGET_SLUG), ("territory", ""), ("category", ""), ("search", "")];
    let page = |browser: Browser| async move {
        let view: CampaignView =
            serde_json::from_value(json_ok(browser.get_fn(path_of::<CampaignPage>(), &args).await).await).unwrap();
        view.projects.iter().map(|p| p.id).collect::<Vec<_>>()
    };
    let visitor = app.new_browser();
    let first = page(visitor.clone()).await;
    assert_eq!(first.len(), 54);
    assert_eq!(page(visitor.clone()).await, first, "stable during a visit");
    let mut others = Vec::new();
    for _ in 0..3 {
        others.push(page(app.new_browser()).await);
    }
    assert!(others.iter().any(|order| *order != first), "the order differs between visitors");

    let search = [("slug", BUDGET_SLUG), ("territory", ""), ("category", ""), ("search", "epicerie")];
    let view: CampaignView =
        serde_json::from_value(json_ok(visitor.get_fn(path_of::<CampaignPage>(), &search).await).await).unwrap();
    assert!(!view.projects.is_empty());
    assert!(view.projects.iter().all(|p| p.title.to_lowercase().contains("picerie")));
});

dual_test!(the_budget_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = app.new_browser();
    let list = browser.get(&paths::campaigns()).await.text().await.unwrap();
    assert!(list.contains("Budget citoyen du Pas-de-Calais 2024"));
    let campaign = browser.get(&paths::campaign(BUDGET_SLUG)).await.text().await.unwrap();
    assert!(campaign.contains("Connectez-vous pour voter."));
    let results = browser.get(&paths::results(BUDGET_SLUG)).await.text().await.unwrap();
    assert!(results.contains("<svg") && results.contains("Enveloppe"), "{results}");
    let resident = app.login(Role::Resident).await;
    let campaign = resident.get(&paths::campaign(BUDGET_SLUG)).await.text().await.unwrap();
    assert!(campaign.contains("type=\"checkbox\""));
    let review = resident.get(&paths::review(BUDGET_SLUG)).await;
    assert_eq!(review.status(), StatusCode::FORBIDDEN);
    let staff = app.login(Role::Staff).await;
    let review = staff.get(&paths::review(BUDGET_SLUG)).await.text().await.unwrap();
    assert!(review.contains("les labels sont figés") && !review.contains("Refuser"), "{review}");
    let review = staff.get(&paths::review(NEXT_BUDGET_SLUG)).await.text().await.unwrap();
    assert!(review.contains("Refuser"), "{review}");
});

dual_test!(results_download_as_csv_and_json_without_voters, |backend| {
    let app = TestApp::spawn(backend).await;
    let visitor = app.new_browser();
    let csv_path = paths::results_csv(BUDGET_SLUG);
    let response = visitor.get(&csv_path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = response.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("territoire,projet_id,projet,voix,cout,monnaie,finance,motif"));
    assert_eq!(lines.count(), 54, "one row per labelled project");

    let response = visitor.get(&paths::results_json(BUDGET_SLUG)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let results: Results = response.json().await.unwrap();
    assert_eq!((results.ballots, results.paper_ballots), (120, 120));
    let votes: i64 = results.territories.iter().flat_map(|t| &t.projects).map(|p| p.votes).sum();
    assert_eq!(votes, stored(&app).await.2);
    assert!(results.territories.iter().flat_map(|t| &t.projects).any(|p| p.funded));
    // Every funded project's row says so, with its reason.
    let funded = results.territories.iter().flat_map(|t| &t.projects).find(|p| p.funded).unwrap();
    let row = text.lines().find(|line| line.split(',').nth(1) == Some(funded.id.to_string().as_str())).unwrap();
    assert!(row.contains(",oui,"), "{row}");

    // Each territory as a Pabulib file that reads back with the same outcome.
    let territory = &results.territories[0];
    let response = visitor.get(&paths::territory_pabulib(BUDGET_SLUG, territory.territory_id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let file = parse_pb(&response.text().await.unwrap()).unwrap();
    assert_eq!(file.projects.len(), territory.projects.len());
    for project in &territory.projects {
        let row = file.projects.iter().find(|row| row.id == project.id.to_string()).unwrap();
        assert_eq!((row.votes, row.selected), (Some(project.votes), Some(project.funded)));
    }
    let choices: usize = file.votes.iter().map(|vote| vote.vote.len()).sum();
    assert_eq!(choices as i64, territory.projects.iter().map(|p| p.votes).sum::<i64>());
    let response = visitor.get(&paths::territory_pabulib(BUDGET_SLUG, 0)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Hidden until staff publish them: visitors get the reason, staff still download.
    sqlx::query("UPDATE budget_campaigns SET results_visibility = 'published', results_published_at = NULL")
        .execute(&app.pool)
        .await
        .unwrap();
    let response = visitor.get(&csv_path).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(response.text().await.unwrap(), "Les résultats ne sont pas encore publiés.");
    let staff = app.login(Role::Staff).await;
    assert_eq!(staff.get(&csv_path).await.status(), StatusCode::OK);
});

dual_test!(the_dashboard_follows_votes_cast_on_another_instance, |backend| {
    let app = TestApp::spawn(backend).await;
    let feed = paths::live_feed(BUDGET_SLUG);
    // Deny by default: no feed for visitors or residents.
    assert_eq!(app.new_browser().get(&feed).await.status(), StatusCode::UNAUTHORIZED);
    let resident = app.login(Role::Resident).await;
    assert_eq!(resident.get(&feed).await.status(), StatusCode::FORBIDDEN);

    let second = app.second_instance().await;
    let organiser = second.login(Role::Organiser).await;
    let mut stream = organiser.get(&feed).await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let mut buffer = String::new();
    let first: LiveTally = serde_json::from_str(&next_event_data(&mut stream, &mut buffer).await).unwrap();
    assert_eq!((first.ballots, first.paper_ballots), (120, 120));
    assert_eq!(first.territories.iter().map(|t| t.voters).sum::<i64>(), 0);
    let votes_of = |tally: &LiveTally, id: i64| {
        tally.territories.iter().flat_map(|t| &t.projects).find(|p| p.id == id).map(|p| p.votes).unwrap()
    };

    // A vote through the first instance reaches the dashboard on the second.
    let chosen = projects(&app, ProjectStatus::Labelled).await[0].0;
    let response = vote(&resident, &[chosen]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let next: LiveTally = serde_json::from_str(&next_event_data(&mut stream, &mut buffer).await).unwrap();
    assert_eq!(next.ballots, 121);
    assert_eq!(votes_of(&next, chosen), votes_of(&first, chosen) + 1);
    // Updates carry figures only: the page has the titles.
    assert!(next.territories.iter().flat_map(|t| &t.projects).all(|p| p.title.is_empty()));

    // The server-rendered dashboard shows the same figures, for staff and organisers only.
    let page = organiser.get(&paths::dashboard(BUDGET_SLUG)).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("121 bulletins, dont 120 sur papier."));
    let page = resident.get(&paths::dashboard(BUDGET_SLUG)).await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
});

dual_test!(staff_compare_both_rules_then_publish_under_one, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let slug = [("slug", BUDGET_SLUG)];
    let comparison: RuleComparison =
        serde_json::from_value(json_ok(staff.get_fn(path_of::<CompareRules>(), &slug).await).await).unwrap();
    assert_eq!(comparison.territories.iter().map(|t| t.projects.len()).sum::<usize>(), 54);
    for territory in &comparison.territories {
        for rule in [&territory.greedy, &territory.equal_shares] {
            assert!(rule.spent_cents <= territory.envelope_cents, "{}", territory.territory_name);
            assert!(rule.satisfied <= territory.ballots);
        }
    }
    assert!(!comparison.can_publish, "not while the vote is open");
    let publish = |browser: Browser, rule: &'static str| async move {
        browser.post_fn(path_of::<PublishResults>(), &[("slug", BUDGET_SLUG), ("rule", rule)]).await
    };
    let message = refusal(publish(staff.clone(), "mes").await).await;
    assert_eq!(message, "Le vote est encore ouvert : les résultats se publient après sa clôture.");

    // The vote closes; results wait for publication.
    sqlx::query("UPDATE budget_campaigns SET vote_closes_at = $1, results_visibility = 'published'")
        .bind(app::platform::db::now() - 1)
        .execute(&app.pool)
        .await
        .unwrap();
    let visitor = app.new_browser();
    let message = refusal(visitor.get_fn(path_of::<CampaignResults>(), &slug).await).await;
    assert_eq!(message, "Les résultats ne sont pas encore publiés.");
    let organiser = app.login(Role::Organiser).await;
    assert_eq!(publish(organiser, "mes").await.status(), StatusCode::FORBIDDEN);
    let errors = field_errors(publish(staff.clone(), "tirage").await).await;
    assert_eq!(errors, vec![("rule".to_string(), "Choisissez la règle de décompte.".to_string())]);

    let response = publish(staff.clone(), "mes").await;
    assert_eq!(location(&response), paths::results(BUDGET_SLUG));
    let results: Results =
        serde_json::from_value(json_ok(visitor.get_fn(path_of::<CampaignResults>(), &slug).await).await).unwrap();
    // What everyone now sees is the equal-shares column staff compared.
    for (shown, compared) in results.territories.iter().zip(&comparison.territories) {
        for project in &shown.projects {
            let column = compared.projects.iter().find(|p| p.id == project.id).unwrap();
            assert_eq!(project.funded, column.equal_shares, "{}", project.title);
        }
    }
    let message = refusal(publish(staff, "greedy").await).await;
    assert_eq!(message, "Les résultats sont déjà publiés.");
});
