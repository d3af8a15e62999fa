//! Pabulib files imported as closed campaigns: the demo's Toulouse 2024 record gives the file's own
//! greedy outcome on the public results page, stays read-only, and stays out of residents' places.

use crate::common::{TestApp, json_ok, path_of, refusal};
use app::accounts::{api::ListPlaces, domain::Role, model::Places};
use app::budget::api::{CampaignResults, LabelProject};
use app::budget::model::Results;
use server::commands::pb_import;

const TOULOUSE: &str = "pabulib-toulouse-2024";

dual_test!(the_toulouse_file_becomes_a_closed_campaign_with_its_results, |backend| {
    let app = TestApp::spawn(backend).await;
    let visitor = app.new_browser();
    let results: Results = serde_json::from_value(
        json_ok(visitor.get_fn(path_of::<CampaignResults>(), &[("slug", TOULOUSE)]).await).await,
    )
    .unwrap();
    assert_eq!(results.title, "Budget participatif Toulouse 2024");
    assert_eq!(results.ballots, 7260);
    assert!(!results.provisional);
    let city = &results.territories[0];
    assert_eq!((city.territory_name.as_str(), city.envelope_cents), ("Toulouse", 800_000_000));
    // The file's greedy outcome, as the counting rules' unit test pins it: 72 projects, 8 M€ spent.
    assert_eq!(city.projects.iter().filter(|project| project.funded).count(), 72);
    assert_eq!(city.spent_cents, 800_000_000);
    // Votes as the file states them for its first project.
    let first = city.projects.iter().find(|project| project.title.starts_with("Plantation d'arbres sur stationnement"));
    assert_eq!(first.map(|project| project.votes), Some(131));
    let page = visitor.get(&format!("/budget/{TOULOUSE}/resultats")).await.text().await.unwrap();
    assert!(page.contains("Budget participatif Toulouse 2024"), "{page}");

    // Read-only: staff cannot change a project's status after the vote.
    let staff = app.login(Role::Staff).await;
    let (project,): (i64,) = sqlx::query_as(
        "SELECT p.id FROM budget_projects p JOIN budget_campaigns c ON c.id = p.campaign_id WHERE c.slug = $1 LIMIT 1",
    )
    .bind(TOULOUSE)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let message =
        refusal(staff.post_fn(path_of::<LabelProject>(), &[("project_id", &project.to_string())]).await).await;
    assert_eq!(message, "Le vote est clos : les projets ne changent plus de statut.");

    // Toulouse is no place a Pas-de-Calais resident lives in.
    let places: Places =
        serde_json::from_value(json_ok(visitor.get_fn(path_of::<ListPlaces>(), &[]).await).await).unwrap();
    assert!(places.territories.iter().all(|place| place.name != "Toulouse"));

    // Importing the same file again adds nothing.
    let campaigns = || app.count("SELECT COUNT(*) FROM budget_campaigns");
    let before = campaigns().await;
    let again = pb_import(&app.pool, include_str!("../demo/France_Toulouse_2024.pb")).await.unwrap();
    assert_eq!(again, None);
    assert_eq!(campaigns().await, before);
});
