//! The collectifs store on both backends: membership and name visibility, dated state changes,
//! the agenda shared with the citizen councils, and registrations with a waiting list that never
//! overflows, even under concurrency.

use crate::common::count;
use app::accounts::store::{NewUser, insert_user};
use app::collectifs::{
    domain::{Placement, ValidEvent},
    model::{Attendance, Collectif, HostKind},
    paths,
    store::{self, Host},
};
use app::platform::{
    db::{self, Pool},
    error::AppError,
};

async fn collectif(pool: &Pool, state: &str) -> Collectif {
    sqlx::query("INSERT INTO collectifs (slug, name, state) VALUES ('marche', 'Marché', $1)")
        .bind(state)
        .execute(pool)
        .await
        .unwrap();
    store::collectif_by_slug(pool, "marche").await.unwrap()
}

async fn person(pool: &Pool, n: usize) -> i64 {
    let email = format!("personne-{n}@exemple.fr");
    let name = format!("Personne {n}");
    let user = NewUser {
        email: &email,
        password_hash: "x",
        display_name: &name,
        birth_date: "1990-01-01",
        commune_id: None,
        territory_id: None,
        role: "resident",
        verified: true,
    };
    insert_user(pool, &user).await.unwrap().unwrap()
}

/// A collectif's event starting `starts_in` seconds from now (negative: already started).
async fn event(pool: &Pool, collectif_id: i64, starts_in: i64, capacity: Option<i64>) -> i64 {
    hosted_event(pool, Host::Collectif(collectif_id), starts_in, capacity).await
}

async fn hosted_event(pool: &Pool, host: Host, starts_in: i64, capacity: Option<i64>) -> i64 {
    let starts_at = db::now() + starts_in;
    let event = ValidEvent {
        title: "Réunion".into(),
        starts_at,
        ends_at: starts_at + 3600,
        place: "Mairie".into(),
        description: String::new(),
        capacity,
    };
    store::insert_event(pool, host, &event).await.unwrap()
}

fn refusal(result: Result<impl std::fmt::Debug, AppError>) -> String {
    match result {
        Err(AppError::Refused(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

store_test!(members_join_leave_and_choose_whether_their_name_is_shown, |pool| {
    let group = collectif(&pool, "active").await;
    let (anne, bruno) = (person(&pool, 1).await, person(&pool, 2).await);
    assert!(store::add_member(&pool, group.id, anne, true, true).await.unwrap());
    assert!(store::add_member(&pool, group.id, bruno, false, false).await.unwrap());
    assert!(!store::add_member(&pool, group.id, bruno, true, false).await.unwrap(), "already a member");
    assert_eq!(
        store::members(&pool, group.id).await.unwrap(),
        vec![("Personne 1".to_string(), true, true), ("Personne 2".to_string(), false, false)]
    );
    assert_eq!(store::membership(&pool, group.id, bruno).await.unwrap(), Some(false));
    assert!(store::set_name_shown(&pool, group.id, bruno, true).await.unwrap());
    assert_eq!(store::membership(&pool, group.id, bruno).await.unwrap(), Some(true));
    assert!(store::remove_member(&pool, group.id, bruno).await.unwrap());
    assert!(!store::remove_member(&pool, group.id, bruno).await.unwrap());
    assert!(!store::set_name_shown(&pool, group.id, bruno, true).await.unwrap(), "no longer a member");
    assert_eq!(store::membership(&pool, group.id, bruno).await.unwrap(), None);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM collectif_members").await, 1);
});

store_test!(state_changes_are_checked_dated_and_keep_the_members, |pool| {
    let group = collectif(&pool, "active").await;
    let member = person(&pool, 1).await;
    store::add_member(&pool, group.id, member, true, false).await.unwrap();
    store::change_state(&pool, &group, "dormant", "Plus de participants.", None, 1_000).await.unwrap();
    let dormant = store::collectif_by_slug(&pool, "marche").await.unwrap();
    assert_eq!(dormant.state.as_str(), "dormant");
    // Refused: not allowed from dormant, and a change based on a stale state.
    let message = refusal(store::change_state(&pool, &dormant, "active", "", None, 2_000).await);
    assert!(message.starts_with("Ce changement d'état n'est pas possible"), "{message}");
    let message = refusal(store::change_state(&pool, &group, "archived", "", None, 2_000).await);
    assert_eq!(message, "L'état du collectif vient de changer : rechargez la page.");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM collectif_state_changes").await, 1);
    store::change_state(&pool, &dormant, "revived", "", None, 3_000).await.unwrap();
    let history = store::history(&pool, group.id).await.unwrap();
    let steps: Vec<(&str, &str, i64)> =
        history.iter().map(|change| (change.old_state.as_str(), change.new_state.as_str(), change.at)).collect();
    assert_eq!(steps, vec![("dormant", "revived", 3_000), ("active", "dormant", 1_000)]);
    assert_eq!(history[1].note, "Plus de participants.");
    assert_eq!(store::membership(&pool, group.id, member).await.unwrap(), Some(true), "reviving keeps members");
});

store_test!(a_full_event_fills_its_waiting_list_and_a_cancellation_promotes_the_first, |pool| {
    let group = collectif(&pool, "active").await;
    let id = event(&pool, group.id, 86_400, Some(2)).await;
    let mut people = Vec::new();
    for n in 0..4 {
        people.push(person(&pool, n).await);
    }
    let now = db::now();
    let mut placements = Vec::new();
    for user in &people {
        placements.push(store::register(&pool, id, *user, now).await.unwrap());
    }
    use Placement::{Confirmed, Waiting};
    assert_eq!(placements, vec![Confirmed, Confirmed, Waiting, Waiting]);
    assert_eq!(store::attendance(&pool, id, people[3]).await.unwrap(), Some(Attendance::Waiting(2)));
    let message = refusal(store::register(&pool, id, people[0], now).await);
    assert_eq!(message, "Vous êtes déjà inscrit·e à cet événement.");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM event_registrations").await, 4);

    // A confirmed person leaves: the first waiting gets the place, the second moves up.
    let promoted = store::cancel(&pool, id, people[1], now).await.unwrap();
    assert_eq!(promoted, vec!["personne-2@exemple.fr".to_string()]);
    assert_eq!(store::attendance(&pool, id, people[2]).await.unwrap(), Some(Attendance::Confirmed));
    assert_eq!(store::attendance(&pool, id, people[3]).await.unwrap(), Some(Attendance::Waiting(1)));
    // A waiting person leaves: nobody is promoted.
    assert!(store::cancel(&pool, id, people[3], now).await.unwrap().is_empty());
    let message = refusal(store::cancel(&pool, id, people[3], now).await);
    assert_eq!(message, "Vous n'êtes pas inscrit·e à cet événement.");
    let listed = store::event(&pool, Host::Collectif(group.id), id).await.unwrap();
    assert_eq!((listed.confirmed, listed.waiting), (2, 0));
});

store_test!(registrations_never_exceed_the_capacity_under_concurrency, |pool| {
    let group = collectif(&pool, "active").await;
    let id = event(&pool, group.id, 86_400, Some(3)).await;
    let mut tasks = Vec::new();
    for n in 0..10 {
        let user = person(&pool, n).await;
        let pool = pool.clone();
        tasks.push(tokio::spawn(async move { store::register(&pool, id, user, db::now()).await }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let listed = store::event(&pool, Host::Collectif(group.id), id).await.unwrap();
    assert_eq!((listed.confirmed, listed.waiting), (3, 7));
});

store_test!(past_events_refuse_registrations_and_cancellations, |pool| {
    let group = collectif(&pool, "active").await;
    let user = person(&pool, 1).await;
    let past = event(&pool, group.id, -60, Some(10)).await;
    let message = refusal(store::register(&pool, past, user, db::now()).await);
    assert_eq!(message, "Cet événement a déjà eu lieu : les inscriptions sont closes.");
    let message = refusal(store::cancel(&pool, past, user, db::now()).await);
    assert!(message.starts_with("Cet événement a déjà eu lieu"), "{message}");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM event_registrations").await, 0);
    assert!(matches!(store::register(&pool, 999_999, user, db::now()).await, Err(AppError::NotFound)));
});

store_test!(events_are_listed_per_host_and_overall, |pool| {
    let group = collectif(&pool, "active").await;
    sqlx::query("INSERT INTO collectifs (slug, name) VALUES ('parcs', 'Parcs et jardins')")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO citizen_councils (slug, name, scope) VALUES ('tamaris', 'Alès Tamaris', 'local')")
        .execute(&pool)
        .await
        .unwrap();
    let (council,): (i64,) =
        sqlx::query_as("SELECT id FROM citizen_councils WHERE slug = 'tamaris'").fetch_one(&pool).await.unwrap();
    let other = store::collectif_by_slug(&pool, "parcs").await.unwrap();
    let later = event(&pool, group.id, 7_200, None).await;
    let sooner = event(&pool, other.id, 3_600, None).await;
    let meeting = hosted_event(&pool, Host::Council(council), 5_400, Some(20)).await;
    let all: Vec<i64> = store::events(&pool, None).await.unwrap().iter().map(|event| event.id).collect();
    assert_eq!(all, vec![sooner, meeting, later]);
    let mine = store::events(&pool, Some(Host::Collectif(group.id))).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].host(), mine[0].host_slug.as_str(), mine[0].host_name.as_str()),
        (HostKind::Collectif, "marche", "Marché")
    );
    assert_eq!(mine[0].href(), paths::event("marche", later));
    let theirs = store::events(&pool, Some(Host::Council(council))).await.unwrap();
    assert_eq!(theirs.iter().map(|event| event.id).collect::<Vec<_>>(), vec![meeting]);
    assert_eq!((theirs[0].host(), theirs[0].host_name.as_str()), (HostKind::Council, "Alès Tamaris"));
    assert_eq!(theirs[0].href(), app::citizen_councils::paths::council_event("tamaris", meeting));
    // An event is found only under its own host.
    assert!(store::event(&pool, Host::Council(council), meeting).await.is_ok());
    assert!(matches!(store::event(&pool, Host::Collectif(group.id), meeting).await, Err(AppError::NotFound)));
    assert!(matches!(store::event(&pool, Host::Council(council), later).await, Err(AppError::NotFound)));
    let cards = store::collectifs(&pool, db::now(), 0, 20).await.unwrap();
    assert_eq!(cards.iter().map(|card| card.upcoming_events).collect::<Vec<_>>(), vec![1, 1]);
});
