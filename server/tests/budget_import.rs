//! Pabulib files imported as closed campaigns: the demo's Toulouse 2024 record gives the file's own
//! greedy outcome on the public results page, stays read-only, and stays out of residents' places;
//! Częstochowa 2020 keeps its złotys and its cumulative ballots, counted by points.

use crate::common::{TestApp, json_ok, path_of, refusal};
use app::accounts::api::ListPlaces;
use app::budget::api::{CampaignResults, CompareRules, LabelProject};
use app::budget::domain::{Rule, VoteType, compute, parse_pb};
use app::budget::model::Results;
use app::budget::paths;
use app::platform::{identity::Role, places::Places};
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
    let page = visitor.get(&paths::results(TOULOUSE)).await.text().await.unwrap();
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
    assert_eq!(message, "Le vote a commencé : les labels sont figés, les projets ne changent plus de statut.");

    // Toulouse is no place a Pas-de-Calais resident lives in.
    let places: Places =
        serde_json::from_value(json_ok(visitor.get_fn(path_of::<ListPlaces>(), &[]).await).await).unwrap();
    assert!(places.territories.iter().all(|place| place.name != "Toulouse"));

    // Importing the same file again adds nothing.
    let campaigns = || app.count("SELECT COUNT(*) FROM budget_campaigns");
    let before = campaigns().await;
    let again = pb_import(&app.pool, include_str!("../../reference/pabulib/France_Toulouse_2024.pb")).await.unwrap();
    assert_eq!(again, None);
    assert_eq!(campaigns().await, before);
});

const CZESTOCHOWA: &str = "pabulib-czestochowa-2020";

dual_test!(a_cumulative_file_counts_by_points_in_its_own_currency, |backend| {
    let app = TestApp::spawn(backend).await;
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../reference/pabulib/Poland_Czestochowa_2020.pb");
    let said = pb_import(&app.pool, &std::fs::read_to_string(file).unwrap()).await.unwrap().unwrap();
    assert!(said.contains("16978 bulletins"), "{said}");
    let visitor = app.new_browser();
    let results: Results = serde_json::from_value(
        json_ok(visitor.get_fn(path_of::<CampaignResults>(), &[("slug", CZESTOCHOWA)]).await).await,
    )
    .unwrap();
    assert!(results.points);
    assert_eq!(results.ballots, 16_978);
    let city = &results.territories[0];
    assert_eq!((city.currency.as_str(), city.envelope_cents), ("PLN", 236_712_200));
    // The file's greedy outcome by points, as the counting rules' unit test pins it: 2 122 zł left.
    assert_eq!(city.spent_cents, 236_712_200 - 2_122 * 100);
    let mut funded_in_file = Vec::new();
    for project in city.projects.iter().filter(|project| project.funded) {
        let (summary,): (String,) = sqlx::query_as("SELECT summary FROM budget_projects WHERE id = $1")
            .bind(project.id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        funded_in_file
            .push(summary.trim_start_matches("Projet n° ").trim_end_matches(" du fichier Pabulib.").to_string());
    }
    funded_in_file.sort();
    assert_eq!(funded_in_file, ["241", "409", "455", "487", "581", "629", "82"]);
    // Project 409's score as the file states it: points, not voters.
    let first = city.projects.iter().find(|project| project.title.starts_with("Rewitalizacja, zmiana nawierzchni"));
    assert_eq!(first.map(|project| project.votes), Some(12_822));

    let page = visitor.get(&paths::results(CZESTOCHOWA)).await.text().await.unwrap();
    assert!(page.contains("Enveloppe : 2\u{202f}367\u{202f}122\u{a0}zł"), "{page}");
    assert!(page.contains("Points et décisions"), "{page}");
    let csv = visitor.get(&paths::results_csv(CZESTOCHOWA)).await.text().await.unwrap();
    assert!(csv.starts_with("territoire,projet_id,projet,points,cout,monnaie,finance,motif"), "{csv}");
    assert!(csv.lines().skip(1).all(|line| line.contains(",PLN,")), "{csv}");

    // Exported back, the file is cumulative, in złotys, and recounts to the same projects.
    let exported = visitor.get(&paths::territory_pabulib(CZESTOCHOWA, city.territory_id)).await;
    let exported = parse_pb(&exported.text().await.unwrap()).unwrap();
    assert_eq!(exported.vote_type(), Ok(VoteType::Cumulative));
    assert_eq!(exported.meta_value("currency"), Some("PLN"));
    let mut recounted = compute(&exported, Rule::Greedy).unwrap();
    recounted.sort();
    let mut funded: Vec<String> =
        city.projects.iter().filter(|project| project.funded).map(|project| project.id.to_string()).collect();
    funded.sort();
    assert_eq!(recounted, funded);

    // Equal shares cannot count points: staff comparing the rules are told so.
    let staff = app.login(Role::Staff).await;
    let message = refusal(staff.get_fn(path_of::<CompareRules>(), &[("slug", CZESTOCHOWA)]).await).await;
    assert!(message.starts_with("Ce budget se votait par points"), "{message}");
});
