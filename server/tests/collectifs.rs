//! Collectifs over real HTTP: joining and name visibility, state changes by staff only, events
//! and their waiting list (a collectif's or a citizen council's), every refusal in French with
//! nothing changed, the iCalendar feeds, the pages without JavaScript, and the list a page at a time.

use crate::common::{
    Browser, Listed, TestApp, app_error, assert_paginated, demo_credentials, json_ok, path_of, refusal,
};
use app::citizen_councils::{api::CitizenCouncilPage, model::CouncilView, paths as council_paths};
use app::collectifs::api::{
    CancelRegistration, ChangeCollectifState, CollectifPage, CreateEvent, EventPage, JoinCollectif, LeaveCollectif,
    ListCollectifs, RegisterForEvent, ShowMyName,
};
use app::collectifs::model::{Attendance, CollectifList, CollectifView, EventView};
use app::collectifs::paths;
use app::platform::identity::Role;
use reqwest::{
    StatusCode,
    header::{CONTENT_TYPE, LOCATION},
};

async fn page(browser: &Browser, slug: &str) -> CollectifView {
    serde_json::from_value(json_ok(browser.get_fn(path_of::<CollectifPage>(), &[("slug", slug)]).await).await).unwrap()
}

async fn event(browser: &Browser, slug: &str, id: i64) -> EventView {
    hosted_event(browser, "collectif", slug, id).await
}

async fn hosted_event(browser: &Browser, host: &str, slug: &str, id: i64) -> EventView {
    let id = id.to_string();
    let args = [("slug", slug), ("id", &id), ("host", host)];
    serde_json::from_value(json_ok(browser.get_fn(path_of::<EventPage>(), &args).await).await).unwrap()
}

async fn event_id(app: &TestApp, title: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM events WHERE title = $1").bind(title).fetch_one(&app.pool).await.unwrap();
    id
}

dual_test!(a_resident_joins_chooses_name_visibility_and_leaves, |backend| {
    let app = TestApp::spawn(backend).await;
    let slug = "je-bouge-dans-la-ville";
    let response = app.new_browser().post_fn(path_of::<JoinCollectif>(), &[("slug", slug)]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let resident = app.login(Role::Resident).await;
    let before = page(&resident, slug).await;
    assert_eq!(before.membership, None);

    let response = resident.post_fn(path_of::<JoinCollectif>(), &[("slug", slug), ("show_name", "1")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let joined = page(&resident, slug).await;
    assert_eq!(joined.membership, Some(true));
    assert_eq!(joined.member_count, before.member_count + 1);
    assert!(joined.named_members.contains(&"Camille Habitante".to_string()));
    let message = refusal(resident.post_fn(path_of::<JoinCollectif>(), &[("slug", slug)]).await).await;
    assert_eq!(message, "Vous êtes déjà membre de ce collectif.");

    // Unticked: the name disappears for everyone, the membership stays.
    let response = resident.post_fn(path_of::<ShowMyName>(), &[("slug", slug)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let hidden = page(&app.new_browser(), slug).await;
    assert_eq!(hidden.member_count, joined.member_count);
    assert!(!hidden.named_members.contains(&"Camille Habitante".to_string()));

    let response = resident.post_fn(path_of::<LeaveCollectif>(), &[("slug", slug)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(page(&resident, slug).await.member_count, before.member_count);
    let message = refusal(resident.post_fn(path_of::<LeaveCollectif>(), &[("slug", slug)]).await).await;
    assert_eq!(message, "Vous n'êtes pas membre de ce collectif.");
});

dual_test!(only_staff_change_the_state_and_every_change_is_dated, |backend| {
    let app = TestApp::spawn(backend).await;
    let slug = "co-voiturage";
    let changes = "SELECT COUNT(*) FROM collectif_state_changes";
    let before = app.count(changes).await;
    let members = page(&app.new_browser(), slug).await.member_count;
    assert!(members > 0);
    let form = [("slug", slug), ("state", "revived"), ("note", "Relance demandée par les habitants.")];
    for role in [Role::Resident, Role::Moderator, Role::Organiser] {
        let response = app.login(role).await.post_fn(path_of::<ChangeCollectifState>(), &form).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    let staff = app.login(Role::Staff).await;
    let message = refusal(
        staff.post_fn(path_of::<ChangeCollectifState>(), &[("slug", slug), ("state", "active"), ("note", "")]).await,
    )
    .await;
    assert!(message.starts_with("Ce changement d'état n'est pas possible"), "{message}");
    let long = "x".repeat(501);
    let response = staff
        .post_fn(path_of::<ChangeCollectifState>(), &[("slug", slug), ("state", "revived"), ("note", &long)])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = app_error(response).await;
    assert_eq!(
        error.form().and_then(|form| form.message("note")).unwrap(),
        "La précision ne doit pas dépasser 500 caractères."
    );
    assert_eq!(app.count(changes).await, before, "nothing recorded after a refusal");
    assert_eq!(page(&staff, slug).await.collectif.state.as_str(), "dormant");

    let response = staff.post_fn(path_of::<ChangeCollectifState>(), &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let revived = page(&staff, slug).await;
    assert_eq!(revived.collectif.state.as_str(), "revived");
    assert_eq!(revived.member_count, members, "reviving keeps the members");
    assert_eq!((revived.history[0].old_state.as_str(), revived.history[0].new_state.as_str()), ("dormant", "revived"));
    assert_eq!(revived.history[0].note, "Relance demandée par les habitants.");
    assert!(revived.staff);
    assert_eq!(app.count(changes).await, before + 1);
});

dual_test!(registrations_fill_places_then_the_waiting_list_and_cancellations_promote, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let events = "SELECT COUNT(*) FROM events";
    let registrations = "SELECT COUNT(*) FROM event_registrations";
    let before = (app.count(events).await, app.count(registrations).await);

    // Bad input: every field explained in French, nothing created.
    let bad = [
        ("slug", "marche"),
        ("title", ""),
        ("starts_at", "2001-01-01T10:00"),
        ("ends_at", "demain"),
        ("place", "Mairie"),
        ("description", ""),
        ("capacity", "-3"),
    ];
    let response = staff.post_fn(path_of::<CreateEvent>(), &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = app_error(response).await;
    let fields: Vec<String> = error.form().unwrap().fields.iter().map(|(name, _)| name.clone()).collect();
    assert_eq!(fields, ["title", "starts_at", "ends_at", "capacity"]);
    assert_eq!(error.form().unwrap().message("starts_at").unwrap(), "La date de début est déjà passée.");
    let response = app.login(Role::Resident).await.post_fn(path_of::<CreateEvent>(), &bad).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!((app.count(events).await, app.count(registrations).await), before);

    // One place: the resident gets it, the organiser waits, then takes it when the resident cancels.
    let form = [
        ("slug", "marche"),
        ("title", "Atelier des étals"),
        ("starts_at", "2099-06-01T18:00"),
        ("ends_at", "2099-06-01T20:00"),
        ("place", "Halle du marché"),
        ("description", "Où placer les nouveaux étals ?"),
        ("capacity", "1"),
    ];
    let response = staff.post_fn(path_of::<CreateEvent>(), &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let id = event_id(&app, "Atelier des étals").await;
    let location = response.headers().get(LOCATION).unwrap().to_str().unwrap();
    assert_eq!(location, paths::event("marche", id));
    let ids = id.to_string();
    let args = [("slug", "marche"), ("event_id", ids.as_str())];
    let resident = app.login(Role::Resident).await;
    let organiser = app.login(Role::Organiser).await;
    assert_eq!(resident.post_fn(path_of::<RegisterForEvent>(), &args).await.status(), StatusCode::OK);
    assert_eq!(organiser.post_fn(path_of::<RegisterForEvent>(), &args).await.status(), StatusCode::OK);
    assert_eq!(event(&resident, "marche", id).await.attendance, Some(Attendance::Confirmed));
    let waiting = event(&organiser, "marche", id).await;
    assert_eq!(waiting.attendance, Some(Attendance::Waiting(1)));
    assert!(waiting.event.full() && waiting.open);
    let message = refusal(resident.post_fn(path_of::<RegisterForEvent>(), &args).await).await;
    assert_eq!(message, "Vous êtes déjà inscrit·e à cet événement.");

    assert_eq!(resident.post_fn(path_of::<CancelRegistration>(), &args).await.status(), StatusCode::OK);
    assert_eq!(event(&organiser, "marche", id).await.attendance, Some(Attendance::Confirmed));
    assert_eq!(event(&resident, "marche", id).await.attendance, None);
    let (organiser_email, _) = demo_credentials(Role::Organiser);
    let (subject,): (String,) = sqlx::query_as("SELECT subject FROM outbox WHERE recipient = $1")
        .bind(organiser_email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(subject, "Une place s'est libérée — Atelier des étals");

    // The demo's full event puts a newcomer third on its waiting list.
    let full = event_id(&app, "Réunion avec les commerçants du marché").await.to_string();
    let args = [("slug", "marche"), ("event_id", full.as_str())];
    assert_eq!(resident.post_fn(path_of::<RegisterForEvent>(), &args).await.status(), StatusCode::OK);
    let view = event(&resident, "marche", full.parse().unwrap()).await;
    assert_eq!(view.attendance, Some(Attendance::Waiting(3)));
    assert_eq!((view.event.confirmed, view.event.waiting), (3, 3));

    // A past event: refused, nothing stored.
    let past = event_id(&app, "Nettoyage du terril").await.to_string();
    let stored = app.count(registrations).await;
    let args = [("slug", "j-aime-ma-ville-propre-et-belle"), ("event_id", past.as_str())];
    let message = refusal(resident.post_fn(path_of::<RegisterForEvent>(), &args).await).await;
    assert_eq!(message, "Cet événement a déjà eu lieu : les inscriptions sont closes.");
    assert_eq!(app.count(registrations).await, stored);
    // An event asked through another group's address does not exist.
    let args = [("slug", "marche"), ("event_id", past.as_str())];
    assert_eq!(resident.post_fn(path_of::<RegisterForEvent>(), &args).await.status(), StatusCode::NOT_FOUND);
});

/// The feed's content lines, after checking CRLF endings and 75-octet folding, unfolded.
fn content_lines(feed: &str) -> Vec<String> {
    assert!(feed.ends_with("\r\n"));
    let physical: Vec<&str> = feed.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &physical {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a folded line continues another").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

dual_test!(the_icalendar_feeds_follow_rfc_5545, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let description = "Ordre du jour : accueil, bilan; projets, questions\\réponses.\nÀ la fin, un verre de l'amitié \
                       offert par le collectif et les commerçants du marché couvert.";
    let form = [
        ("slug", "marche"),
        ("title", "Assemblée, bilan; et projets"),
        ("starts_at", "2099-01-15T18:30"),
        ("ends_at", "2099-01-15T20:00"),
        ("place", "Salle des fêtes"),
        ("description", description),
        ("capacity", ""),
    ];
    assert_eq!(staff.post_fn(path_of::<CreateEvent>(), &form).await.status(), StatusCode::OK);
    let id = event_id(&app, "Assemblée, bilan; et projets").await;

    let response = app.browser.get(&paths::agenda_feed()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/calendar; charset=utf-8");
    let lines = content_lines(&response.text().await.unwrap());
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    let vevents = lines.iter().filter(|line| *line == "BEGIN:VEVENT").count();
    assert_eq!(i64::try_from(vevents).unwrap(), app.count("SELECT COUNT(*) FROM events").await);
    assert_eq!(vevents, lines.iter().filter(|line| *line == "END:VEVENT").count());
    let host = app.base.trim_start_matches("http://");
    let start = lines.iter().position(|line| *line == format!("UID:evenement-{id}@{host}")).expect("the new event");
    let block: Vec<&str> = lines[start..].iter().take_while(|line| *line != "END:VEVENT").map(String::as_str).collect();
    assert!(block.contains(&"SUMMARY:Assemblée\\, bilan\\; et projets"), "{block:?}");
    // 18:30 in Paris in January is 17:30 UTC.
    assert!(block.contains(&"DTSTART:20990115T173000Z"), "{block:?}");
    assert!(block.contains(&"DTEND:20990115T190000Z"), "{block:?}");
    assert!(block.iter().any(|line| line.starts_with("DTSTAMP:") && line.ends_with('Z')));
    let expected = "DESCRIPTION:Ordre du jour : accueil\\, bilan\\; projets\\, questions\\\\réponses.\\nÀ la fin\\, un \
                    verre de l'amitié offert par le collectif et les commerçants du marché couvert.";
    assert!(block.contains(&expected), "{block:?}");

    let response = app.browser.get(&paths::collectif_agenda_feed("marche")).await;
    let lines = content_lines(&response.text().await.unwrap());
    let summaries: Vec<&String> = lines.iter().filter(|line| line.starts_with("SUMMARY:")).collect();
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(lines.contains(&"SUMMARY:Réunion avec les commerçants du marché".to_string()));
    assert_eq!(app.browser.get(&paths::collectif_agenda_feed("inconnu")).await.status(), StatusCode::NOT_FOUND);
});

dual_test!(a_citizen_council_keeps_its_own_agenda_with_registrations_and_a_feed, |backend| {
    let app = TestApp::spawn(backend).await;
    let slug = "ales-tamaris";
    let form = |slug: &'static str| {
        [
            ("slug", slug),
            ("host", "conseil"),
            ("title", "Réunion publique, Tamaris"),
            ("starts_at", "2099-03-10T18:00"),
            ("ends_at", "2099-03-10T20:00"),
            ("place", "Maison de quartier"),
            ("description", ""),
            ("capacity", "1"),
        ]
    };
    let events = "SELECT COUNT(*) FROM events";
    let before = app.count(events).await;
    let resident = app.login(Role::Resident).await;
    assert_eq!(resident.post_fn(path_of::<CreateEvent>(), &form(slug)).await.status(), StatusCode::FORBIDDEN);
    let staff = app.login(Role::Staff).await;
    assert_eq!(staff.post_fn(path_of::<CreateEvent>(), &form("inconnu")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count(events).await, before);

    let response = staff.post_fn(path_of::<CreateEvent>(), &form(slug)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let id = event_id(&app, "Réunion publique, Tamaris").await;
    let href = council_paths::council_event(slug, id);
    assert_eq!(response.headers().get(LOCATION).unwrap().to_str().unwrap(), href);

    // One place: the resident takes it, the organiser waits.
    let ids = id.to_string();
    let args = [("slug", slug), ("event_id", ids.as_str()), ("host", "conseil")];
    let organiser = app.login(Role::Organiser).await;
    assert_eq!(resident.post_fn(path_of::<RegisterForEvent>(), &args).await.status(), StatusCode::OK);
    assert_eq!(organiser.post_fn(path_of::<RegisterForEvent>(), &args).await.status(), StatusCode::OK);
    let view = hosted_event(&organiser, "conseil", slug, id).await;
    assert_eq!(view.attendance, Some(Attendance::Waiting(1)));
    assert_eq!((view.event.host_name.as_str(), view.event.href()), ("Alès Tamaris", href.clone()));
    // The event is not found as a collectif's, nor through another council.
    let stored = app.count("SELECT COUNT(*) FROM event_registrations").await;
    let as_collectif = [("slug", slug), ("event_id", ids.as_str())];
    let elsewhere = [("slug", "ales-rive-droite"), ("event_id", ids.as_str()), ("host", "conseil")];
    for args in [&as_collectif[..], &elsewhere[..]] {
        let response = staff.post_fn(path_of::<RegisterForEvent>(), args).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM event_registrations").await, stored);

    let council: CouncilView = serde_json::from_value(
        json_ok(app.browser.get_fn(path_of::<CitizenCouncilPage>(), &[("slug", slug)]).await).await,
    )
    .unwrap();
    assert!(council.agenda.upcoming.iter().any(|event| event.id == id));
    assert!(council.agenda.past.iter().all(|event| event.host_name == "Alès Tamaris"));
    let page = app.new_browser().get(&href).await.text().await.unwrap();
    assert!(page.contains("Réunion publique, Tamaris") && page.contains("Complet"), "{page}");

    // The council's feed holds its events only; the global one holds them too.
    let lines = content_lines(&app.browser.get(&council_paths::council_agenda_feed(slug)).await.text().await.unwrap());
    let own =
        "SELECT COUNT(*) FROM events e JOIN citizen_councils c ON c.id = e.council_id WHERE c.slug = 'ales-tamaris'";
    let vevents = lines.iter().filter(|line| *line == "BEGIN:VEVENT").count();
    assert_eq!(i64::try_from(vevents).unwrap(), app.count(own).await);
    assert!(vevents >= 3, "the demo meetings and the new event: {vevents}");
    assert!(lines.contains(&format!("URL:{}{href}", app.base)), "{lines:?}");
    assert!(lines.contains(&"X-WR-CALNAME:Agenda — Alès Tamaris".to_string()));
    let global = app.browser.get(&paths::agenda_feed()).await.text().await.unwrap();
    assert!(content_lines(&global).contains(&format!("URL:{}{href}", app.base)));
    let response = app.browser.get(&council_paths::council_agenda_feed("inconnu")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
});

dual_test!(the_collectif_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = app.new_browser();
    let list = browser.get(&paths::collectifs()).await.text().await.unwrap();
    assert!(list.contains("Parcs et jardins") && list.contains("En sommeil"), "{list}");
    let agenda = browser.get(&paths::agenda()).await.text().await.unwrap();
    assert!(agenda.contains("Troc de plantes au jardin partagé") && agenda.contains("Nettoyage du terril"));
    assert!(agenda.contains("Réunion plénière — Alès Tamaris"), "the councils' meetings are in the global agenda");
    let group = browser.get(&paths::collectif("3eme-fleur")).await.text().await.unwrap();
    assert!(group.contains("Connectez-vous pour rejoindre ce collectif.") && group.contains("Relancé"), "{group}");
    let unknown = browser.get(&paths::collectif("inconnu")).await.text().await.unwrap();
    assert!(unknown.contains("Collectif introuvable") && unknown.contains("Élément introuvable."));
    let id = event_id(&app, "Réunion avec les commerçants du marché").await;
    let event = browser.get(&paths::event("marche", id)).await.text().await.unwrap();
    assert!(event.contains("Complet"), "{event}");
    let resident = app.login(Role::Resident).await;
    let event = resident.get(&paths::event("marche", id)).await.text().await.unwrap();
    assert!(
        event.contains("M&#x27;inscrire sur la liste d&#x27;attente")
            || event.contains("M'inscrire sur la liste d'attente")
    );
    let staff = app.login(Role::Staff).await;
    let group = staff.get(&paths::collectif("marche")).await.text().await.unwrap();
    assert!(group.contains("Programmer l") && group.contains("Changer l"));
});

dual_test!(long_public_lists_come_a_page_at_a_time, |backend| {
    let app = TestApp::spawn(backend).await;
    let existing = app.count("SELECT COUNT(*) FROM collectifs").await;
    for n in 0..25 {
        sqlx::query("INSERT INTO collectifs (slug, name, state) VALUES ($1, $2, 'active')")
            .bind(format!("essai-{n:02}"))
            .bind(format!("Zz collectif d'essai {n:02}"))
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let visitor = app.new_browser();
    let read = |list: CollectifList| Listed {
        count: list.collectifs.len() as i64,
        shown: list.shown,
        last: list.collectifs.last().map(|card| card.name.clone()),
    };
    assert_paginated(&visitor, path_of::<ListCollectifs>(), &[], read, existing + 25, "Zz collectif d'essai 24").await;
    // Without JavaScript: the page's links, the current one marked.
    let html = visitor.get(&format!("{}?page=2", paths::collectifs())).await.text().await.unwrap();
    assert!(html.contains("aria-label=\"Pages des collectifs\""), "{html}");
    let current = format!("<a href=\"{}?page=2\" aria-current=\"page\">2</a>", paths::collectifs());
    assert!(html.contains(&current), "{html}");
});
