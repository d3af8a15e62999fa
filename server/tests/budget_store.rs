//! The budget store on both backends: one ballot per account under concurrency (through one ballot
//! queue, two queues as two server instances would have, or none), a ballot changed in place where
//! allowed and unlinkable from its voter otherwise, nothing stored on refusal, a batch of ballots
//! answered ballot by ballot, results counted from what was stored, and staff acts journaled.

use crate::common::count;
use app::accounts::store::{NewUser, insert_user};
use app::budget::{
    domain::tally::{Counting, Entry, tally_territory},
    model::{CountingRule, Envelope, ResultsVisibility, Scope, StaffActKind},
    store::{self, BallotVoter, Cast, NewCampaign, NewProject, ProjectEditor, VoterBallot},
};
use app::platform::{
    batch_queue::BatchQueue,
    db::{self, Pool},
    error::AppError,
    secrets::HashKey,
};
use std::path::Path;

/// A campaign open now over one territory with a 50 000 € envelope, and `costs.len()` labelled projects.
async fn campaign(pool: &Pool, costs: &[i64]) -> (i64, i64, Vec<i64>) {
    let (territory,): (i64,) = sqlx::query_as(
        "INSERT INTO territories (slug, name, kind) VALUES ('artois', 'Artois', 'departement') RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let now = db::now();
    let campaign = store::insert_campaign(
        pool,
        &NewCampaign {
            slug: "essai",
            title: "Budget d'essai",
            description: "",
            rules_text: "",
            vote_opens_at: now - 3600,
            vote_closes_at: now + 3600,
            choices: 3,
            scope: Scope::Campaign,
            results_visibility: ResultsVisibility::Live,
            ballot_changeable: false,
            submission_opens_at: now - 7200,
            submission_closes_at: now - 3600,
        },
    )
    .await
    .unwrap();
    store::insert_envelope(pool, campaign, territory, 50_000 * 100).await.unwrap();
    let mut projects = Vec::new();
    for (n, cost) in costs.iter().enumerate() {
        let title = format!("Projet {n}");
        let id = store::insert_project(
            pool,
            &NewProject {
                campaign_id: campaign,
                territory_id: territory,
                author_id: None,
                title: &title,
                summary: "",
                description: "",
                category: "Solidarité",
                cost_cents: *cost,
            },
        )
        .await
        .unwrap();
        store::set_status(pool, id, StaffActKind::Labelled, None, &staff(pool).await).await.unwrap();
        projects.push(id);
    }
    (campaign, territory, projects)
}

fn key() -> HashKey {
    HashKey::load(Some(&"0b".repeat(32)), Path::new("unused")).unwrap()
}

/// A voter in a campaign where a ballot cannot be changed.
fn once(user_id: i64, key: &HashKey) -> BallotVoter<'_> {
    BallotVoter { user_id, changeable: false, key, receipt_to: None }
}

fn with_receipt(user_id: i64, key: &HashKey) -> BallotVoter<'_> {
    BallotVoter { receipt_to: Some(("votante@exemple.fr", "Budget test")), ..once(user_id, key) }
}

/// One ballot stored on its own: its receipt code and whether it was new or a change.
async fn cast_one(pool: &Pool, ballot: VoterBallot) -> Result<(String, Cast), AppError> {
    let code = ballot.code.clone();
    let cast = store::cast_ballots(pool, &[ballot]).await?.pop().expect("one outcome")?;
    Ok((code, cast))
}

/// Through a ballot queue, as the server casts: the receipt code and what the ballot did.
async fn queued(queue: &BatchQueue<VoterBallot>, ballot: VoterBallot) -> Result<(String, Cast), AppError> {
    let code = ballot.code.clone();
    Ok((code, queue.submit(ballot).await?))
}

/// The staff member who labels and enters paper ballots in these tests, created at first use.
async fn staff(pool: &Pool) -> ProjectEditor<'static> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE email = 'equipe@exemple.fr'").fetch_optional(pool).await.unwrap();
    let id = match found {
        Some((id,)) => id,
        None => resident_of(pool, "equipe@exemple.fr", None).await,
    };
    ProjectEditor { id, name: "Étienne Équipe" }
}

async fn voter(pool: &Pool, email: &str) -> i64 {
    resident_of(pool, email, None).await
}

async fn resident_of(pool: &Pool, email: &str, territory_id: Option<i64>) -> i64 {
    let user = NewUser {
        email,
        password_hash: "x",
        display_name: "Votante",
        birth_date: "1990-01-01",
        commune_id: None,
        territory_id,
        role: "resident",
        verified: true,
    };
    insert_user(pool, &user).await.unwrap().unwrap()
}

store_test!(one_ballot_per_account_even_under_concurrency, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[10_000 * 100, 20_000 * 100, 30_000 * 100]).await;
    let user = voter(&pool, "votante@exemple.fr").await;
    // Two instances' queues, and writes that bypass any queue: the constraint decides, not the queue.
    let queues = [BatchQueue::start(pool.clone()), BatchQueue::start(pool.clone())];
    let mut tasks = Vec::new();
    for n in 0..9 {
        let (pool, projects, queue) = (pool.clone(), projects.clone(), queues[n % 2].clone());
        tasks.push(tokio::spawn(async move {
            let ballot = with_receipt(user, &key()).ballot(campaign, &projects);
            if n % 3 == 2 { cast_one(&pool, ballot).await } else { queued(&queue, ballot).await }
        }));
    }
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok((code, Cast::New)) => {
                won += 1;
                assert_eq!(code.len(), 14, "{code}");
            }
            Err(AppError::Refused(message)) => assert!(message.starts_with("Vous avez déjà voté"), "{message}"),
            other => panic!("unexpected outcome: {other:?}"),
        }
    }
    assert_eq!(won, 1);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_participations").await, 1);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballots").await, 1);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballot_choices").await, 3);
    // Only the ballot stored has its receipt queued.
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox").await, 1);
    assert!(store::has_voted(&pool, campaign, user).await.unwrap());
});

store_test!(a_failed_cast_stores_nothing, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[10_000 * 100]).await;
    let user = voter(&pool, "votante@exemple.fr").await;
    // A project that does not exist breaks the last insert: the participation goes too.
    let result = cast_one(&pool, with_receipt(user, &key()).ballot(campaign, &[projects[0], 999_999])).await;
    assert!(result.is_err());
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox").await, 0, "no receipt for a ballot not stored");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_participations").await, 0);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballots").await, 0);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballot_choices").await, 0);
    // And the voter can still vote.
    cast_one(&pool, once(user, &key()).ballot(campaign, &projects)).await.unwrap();
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballots").await, 1);
});

store_test!(a_broken_ballot_in_a_batch_fails_alone, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[10_000 * 100, 20_000 * 100]).await;
    let mut voters = Vec::new();
    for n in 0..6 {
        voters.push(voter(&pool, &format!("votant{n}@exemple.fr")).await);
    }
    let queue = BatchQueue::start(pool.clone());
    let mut tasks = Vec::new();
    for (n, user) in voters.into_iter().enumerate() {
        let chosen = if n == 3 { vec![projects[0], 999_999] } else { projects.clone() };
        let queue = queue.clone();
        tasks.push(tokio::spawn(
            async move { queued(&queue, with_receipt(user, &key()).ballot(campaign, &chosen)).await },
        ));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().is_ok());
    }
    assert_eq!(outcomes, [true, true, true, false, true, true]);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_participations").await, 5);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballots").await, 5);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballot_choices").await, 10);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox").await, 5);
});

store_test!(a_batch_answers_each_ballot, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[10_000 * 100, 20_000 * 100, 30_000 * 100]).await;
    let key = key();
    let changeable = |user_id| BallotVoter { user_id, changeable: true, key: &key, receipt_to: None };
    let (returning, fixed, newcomer) = (
        voter(&pool, "revient@exemple.fr").await,
        voter(&pool, "fixe@exemple.fr").await,
        voter(&pool, "nouvelle@exemple.fr").await,
    );
    cast_one(&pool, changeable(returning).ballot(campaign, &projects[..1])).await.unwrap();
    cast_one(&pool, once(fixed, &key).ballot(campaign, &projects[..1])).await.unwrap();
    let batch = [
        changeable(returning).ballot(campaign, &projects[1..]),
        with_receipt(newcomer, &key).ballot(campaign, &projects),
        once(fixed, &key).ballot(campaign, &projects[2..]),
    ];
    let outcomes = store::cast_ballots(&pool, &batch).await.unwrap();
    assert_eq!(outcomes[0], Ok(Cast::Changed));
    assert_eq!(outcomes[1], Ok(Cast::New));
    assert!(matches!(&outcomes[2], Err(AppError::Refused(message)) if message.starts_with("Vous avez déjà voté")));
    assert_eq!(store::tagged_choices(&pool, campaign, returning, &key).await.unwrap(), projects[1..].to_vec());
    assert!(store::receipt_exists(&pool, campaign, &batch[1].code, &key).await.unwrap());
    assert!(!store::receipt_exists(&pool, campaign, &batch[2].code, &key).await.unwrap());
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballots").await, 3);
    // 2 (changed ballot) + 1 (first ballot of the fixed voter) + 3 (newcomer).
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballot_choices").await, 6);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox").await, 1);
    // A voter twice in one batch is refused as a whole: the queue never sends that.
    let twice = [once(newcomer, &key).ballot(campaign, &projects), once(newcomer, &key).ballot(campaign, &projects)];
    assert_eq!(store::cast_ballots(&pool, &twice).await, Err(AppError::Internal));
});

store_test!(a_changeable_ballot_is_replaced_and_nothing_ties_it_to_its_voter, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[10_000 * 100, 20_000 * 100, 30_000 * 100]).await;
    let (first, second) = (voter(&pool, "premiere@exemple.fr").await, voter(&pool, "second@exemple.fr").await);
    let key = key();
    let changeable = |user_id| BallotVoter { user_id, changeable: true, key: &key, receipt_to: None };
    let (old, cast) = cast_one(&pool, changeable(first).ballot(campaign, &projects[..2])).await.unwrap();
    assert_eq!(cast, Cast::New);
    // The second voter voted while changes were not allowed: their ballot carries no tag.
    cast_one(&pool, once(second, &key).ballot(campaign, &projects[1..])).await.unwrap();
    let (new, cast) = cast_one(&pool, changeable(first).ballot(campaign, &projects[2..])).await.unwrap();
    assert_eq!(cast, Cast::Changed);
    assert_eq!(store::tagged_choices(&pool, campaign, first, &key).await.unwrap(), vec![projects[2]]);
    assert!(store::receipt_exists(&pool, campaign, &new, &key).await.unwrap());
    assert!(!store::receipt_exists(&pool, campaign, &old, &key).await.unwrap());
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_participations").await, 2);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballots").await, 2);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballot_choices").await, 3);
    let result = cast_one(&pool, changeable(second).ballot(campaign, &projects[..1])).await;
    assert!(matches!(result, Err(AppError::Refused(message)) if message.starts_with("Votre bulletin ne peut pas")));
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM budget_ballot_choices").await, 3);
    // Under another key (a copy of the database without ballot.key) nothing is found.
    let other = HashKey::load(Some(&"17".repeat(32)), Path::new("unused")).unwrap();
    assert!(store::tagged_choices(&pool, campaign, first, &other).await.unwrap().is_empty());
    // Ballot rows hold no time of casting that would match their voter's participation.
    assert!(sqlx::query("SELECT cast_at FROM budget_ballots").fetch_all(&pool).await.is_err());
});

store_test!(results_come_from_the_stored_ballots, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[30_000 * 100, 25_000 * 100, 10_000 * 100]).await;
    let ballots: Vec<Vec<i64>> = [vec![0, 1], vec![0, 1], vec![0, 2], vec![1]]
        .iter()
        .map(|choices| choices.iter().map(|&n| projects[n]).collect())
        .collect();
    store::cast_paper_ballots(&pool, campaign, &ballots, &staff(&pool).await).await.unwrap();
    let (ballots, paper) = store::ballots(&pool, campaign).await.unwrap();
    assert_eq!((ballots.len(), paper), (4, 4));
    let entries: Vec<Entry> = store::projects(&pool, campaign)
        .await
        .unwrap()
        .into_iter()
        .map(|p| Entry { id: p.id, title: p.title, cost_cents: p.cost_cents })
        .collect();
    let artois = Envelope {
        territory_id: 1,
        territory_name: "Artois".into(),
        amount_cents: 50_000 * 100,
        currency: "EUR".into(),
    };
    let result = tally_territory(
        &artois,
        &entries,
        &ballots,
        Counting { rule: CountingRule::Greedy, min_votes: 0, points: false },
    )
    .unwrap();
    let votes: Vec<(i64, i64, bool)> = result.projects.iter().map(|p| (p.id, p.votes, p.funded)).collect();
    // 0 and 1 both have 3 votes: the cheaper (1) goes first; then 0 no longer fits; 2 does.
    assert_eq!(votes, vec![(projects[1], 3, true), (projects[0], 3, false), (projects[2], 1, true)]);
    assert_eq!(result.spent_cents, 35_000 * 100);
});

store_test!(the_live_totals_match_a_recount_of_the_stored_ballots, |pool| {
    let (campaign, territory, projects) = campaign(&pool, &[10_000 * 100, 20_000 * 100, 30_000 * 100]).await;
    let mut residents = Vec::new();
    for n in 0..8 {
        residents.push(resident_of(&pool, &format!("residente{n}@exemple.fr"), Some(territory)).await);
    }
    let elsewhere = voter(&pool, "sans-territoire@exemple.fr").await;
    // Two instances' queues at once; every other resident may change their ballot.
    let queues = [BatchQueue::start(pool.clone()), BatchQueue::start(pool.clone())];
    let mut tasks = Vec::new();
    for (n, user) in residents.iter().copied().chain([elsewhere]).enumerate() {
        let (queue, chosen) = (queues[n % 2].clone(), projects[..1 + n % 3].to_vec());
        tasks.push(tokio::spawn(async move {
            let key = key();
            let voter = BallotVoter { user_id: user, changeable: n % 2 == 0, key: &key, receipt_to: None };
            queued(&queue, voter.ballot(campaign, &chosen)).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    // Changes replace ballots (their old choices come off the totals); a second ballot is refused.
    let key = key();
    let changeable = |user_id| BallotVoter { user_id, changeable: true, key: &key, receipt_to: None };
    for user in residents.iter().step_by(2) {
        let (_, cast) = cast_one(&pool, changeable(*user).ballot(campaign, &projects[2..])).await.unwrap();
        assert_eq!(cast, Cast::Changed);
    }
    assert!(cast_one(&pool, once(residents[1], &key).ballot(campaign, &projects)).await.is_err());
    let paper = [vec![projects[0]], vec![projects[1], projects[2]]];
    store::cast_paper_ballots(&pool, campaign, &paper, &staff(&pool).await).await.unwrap();

    let essai = store::campaign_by_slug(&pool, "essai").await.unwrap();
    let eligible = store::eligible_voters(&pool, &essai).await.unwrap();
    let tally = store::live_tally(&pool, &essai, &eligible).await.unwrap();
    assert_eq!(tally.ballots, count(&pool, "SELECT COUNT(*) FROM budget_ballots").await);
    assert_eq!((tally.ballots, tally.paper_ballots), (11, 2));
    let [artois] = tally.territories.as_slice() else { panic!("one territory: {:?}", tally.territories) };
    // The voter without a territory counts in the ballots, not in a territory's turnout.
    assert_eq!((artois.voters, artois.eligible), (8, 8));
    assert_eq!(artois.projects.len(), projects.len());
    for project in &artois.projects {
        let recount =
            count(&pool, &format!("SELECT COUNT(*) FROM budget_ballot_choices WHERE project_id = {}", project.id))
                .await;
        assert_eq!(project.votes, recount, "project {}", project.id);
    }
    assert!(artois.projects.iter().all(|project| project.votes > 0), "{:?}", artois.projects);
});

store_test!(staff_acts_are_journaled_with_who_and_how_many, |pool| {
    let (campaign, _, projects) = campaign(&pool, &[10_000 * 100, 20_000 * 100]).await;
    let staff = staff(&pool).await;
    store::cast_paper_ballots(&pool, campaign, &[vec![projects[0]], vec![projects[0], projects[1]]], &staff)
        .await
        .unwrap();
    store::set_status(&pool, projects[1], StaffActKind::Rejected, Some("Hors champ."), &staff).await.unwrap();
    // Labelling is the only status a journal entry may carry besides rejection: anything else is refused.
    assert!(store::set_status(&pool, projects[0], StaffActKind::PaperBallots, None, &staff).await.is_err());

    let public = store::staff_acts(&pool, campaign, false).await.unwrap();
    let acts: Vec<_> = public.iter().map(|act| (act.act, act.project_id, act.ballots)).collect();
    assert_eq!(
        acts,
        [
            (StaffActKind::Labelled, Some(projects[0]), None),
            (StaffActKind::Labelled, Some(projects[1]), None),
            (StaffActKind::PaperBallots, None, Some(2)),
            (StaffActKind::Rejected, Some(projects[1]), None),
        ]
    );
    assert!(public.iter().all(|act| act.actor_name == "Étienne Équipe"));
    assert_eq!(public[2].sentence(), "2 bulletins papier saisis");
    // A rejected project's title stays private, under every act that names it; reviewers see it.
    assert_eq!(public[0].sentence(), "A labellisé le projet « Projet 0 »");
    assert_eq!(public[3].sentence(), format!("A refusé le projet n° {}", projects[1]));
    assert_eq!(public[1].project_title, None);
    let reviewer = store::staff_acts(&pool, campaign, true).await.unwrap();
    assert_eq!(reviewer[3].sentence(), "A refusé le projet « Projet 1 »");
    // The decision is in the project's own history too.
    let edits = store::project_edits(&pool, projects[1]).await.unwrap();
    assert_eq!((edits[0].field.as_str(), edits[0].new_value.as_str()), ("Statut", "Refusé — motif : Hors champ."));
});
