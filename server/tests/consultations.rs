//! Consultations over real HTTP: staff build a questionnaire, residents and visitors answer once,
//! every bad answer is refused in French with nothing stored, audiences and results visibility hold,
//! the tallies match known answers, and the free-text CSV follows roles.

use crate::common::{Browser, TestApp, app_error, field_errors, json_ok, location, path_of, refusal};
use app::consultations::api::{
    AddQuestion, AnswerConsultation, ConsultationPage, ConsultationResults, CreateConsultation, PublishConsultation,
    RemoveQuestion,
};
use app::consultations::domain::{Figures, Kind, Question};
use app::consultations::model::{ConsultationView, ResultsView};
use app::consultations::paths;
use app::platform::identity::Role;
use app::platform::time::day_value;
use app::platform::{db, error::AppError};
use reqwest::StatusCode;

const MOBILITY: &str = "Mobilités douces : vos déplacements à vélo et à pied";
const HEALTH: &str = "Accès aux soins de proximité : votre expérience";
const DAY: i64 = 86_400;

async fn consultation_id(app: &TestApp, title: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM consultations WHERE title = $1").bind(title).fetch_one(&app.pool).await.unwrap();
    id
}

/// (responses, answer rows) of a consultation.
async fn stored(app: &TestApp, id: i64) -> (i64, i64) {
    (
        app.count(&format!("SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = {id}")).await,
        app.count(&format!(
            "SELECT COUNT(*) FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id \
             WHERE r.consultation_id = {id}"
        ))
        .await,
    )
}

async fn page(browser: &Browser, id: i64) -> ConsultationView {
    serde_json::from_value(
        json_ok(browser.get_fn(path_of::<ConsultationPage>(), &[("id", &id.to_string())]).await).await,
    )
    .unwrap()
}

async fn results(browser: &Browser, id: i64) -> ResultsView {
    serde_json::from_value(
        json_ok(browser.get_fn(path_of::<ConsultationResults>(), &[("id", &id.to_string())]).await).await,
    )
    .unwrap()
}

/// An answer form: (field, value) pairs named as on the page (`q12`, `q13o4`, `q14r7`).
type Fields = Vec<(String, String)>;

/// Posts an answer form: `fields` are the form's own names (`q12`, `q13o4`, `q14r7`).
async fn answer(browser: &Browser, id: i64, fields: &[(String, String)]) -> reqwest::Response {
    let id = id.to_string();
    let named: Vec<(String, &str)> =
        fields.iter().map(|(field, value)| (format!("answers[{field}]"), value.as_str())).collect();
    let mut form: Vec<(&str, &str)> = vec![("id", &id)];
    form.extend(named.iter().map(|(field, value)| (field.as_str(), *value)));
    browser.post_fn(path_of::<AnswerConsultation>(), &form).await
}

/// A complete, valid answer to the soft-mobility survey: the first option of each choice question,
/// scale `scale`, the options ranked in order, and `text`.
fn mobility_answer(questions: &[Question], scale: &str, text: &str) -> Fields {
    let mut fields = Vec::new();
    for question in questions {
        match question.kind {
            Kind::Single => fields.push((question.field(), question.choices[0].id.to_string())),
            Kind::Multiple => fields.push((question.choice_field(question.choices[0].id), "1".into())),
            Kind::Scale => fields.push((question.field(), scale.into())),
            Kind::Ranking => {
                for (rank, choice) in question.choices.iter().enumerate() {
                    fields.push((question.rank_field(choice.id), (rank + 1).to_string()));
                }
            }
            Kind::Text => fields.push((question.field(), text.into())),
        }
    }
    fields
}

/// `fields` with `changes` applied (an empty value unanswers).
fn with(fields: &Fields, changes: &[(String, &str)]) -> Fields {
    let mut fields = fields.clone();
    for (field, value) in changes {
        fields.retain(|(name, _)| name != field);
        fields.push((field.clone(), value.to_string()));
    }
    fields
}

/// Staff create a consultation open from today for ten days; returns its id.
async fn create(app: &TestApp, staff: &Browser, audience: &str, territory: &str, visibility: &str) -> i64 {
    let (ceser,): (i64,) = sqlx::query_as("SELECT id FROM institutions WHERE name = 'CESER Hauts-de-France'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let now = db::now();
    let response = staff
        .post_fn(
            path_of::<CreateConsultation>(),
            &[
                ("institution_id", &ceser.to_string()),
                ("title", "Horaires des TER du soir"),
                ("description", "Le CESER veut savoir à quelle heure vous rentrez et ce qui vous manque le soir."),
                ("opens_on", &day_value(now)),
                ("closes_on", &day_value(now + 10 * DAY)),
                ("audience", audience),
                ("territory_id", territory),
                ("results_visibility", visibility),
            ],
        )
        .await;
    let to = location(&response);
    to.trim_start_matches(&format!("{}/", paths::consultations()))
        .trim_end_matches("/questionnaire?enregistre=1")
        .parse()
        .unwrap()
}

async fn add(
    staff: &Browser,
    id: i64,
    kind: &str,
    prompt: &str,
    options: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let id = id.to_string();
    let mut form = vec![("consultation_id", id.as_str()), ("kind", kind), ("prompt", prompt), ("options", options)];
    form.extend_from_slice(extra);
    staff.post_fn(path_of::<AddQuestion>(), &form).await
}

async fn publish(staff: &Browser, id: i64) {
    let response = staff.post_fn(path_of::<PublishConsultation>(), &[("id", &id.to_string())]).await;
    assert_eq!(location(&response), format!("{}?publiee=1", paths::consultation(id)));
}

dual_test!(visitors_and_residents_answer_once, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = consultation_id(&app, MOBILITY).await;
    let (responses, rows) = stored(&app, id).await;
    assert_eq!(responses, 42, "the demo answers");
    let visitor = app.new_browser();
    let view = page(&visitor, id).await;
    assert_eq!(view.refusal, None);
    assert!(view.results_visible, "results shown during the window");
    assert_eq!(view.questions.len(), 5);
    let fields = mobility_answer(&view.questions, "4", "Plus de pistes, s'il vous plaît.");

    // A visitor answers without an account; the cookie keeps them from answering twice.
    let response = answer(&visitor, id, &fields).await;
    assert!(response.headers()["set-cookie"].to_str().unwrap().starts_with("agora_repondant="));
    assert_eq!(location(&response), format!("{}?merci=1", paths::consultation(id)));
    // One row per single choice, checked box, scale value, ranked option (4) and text.
    assert_eq!(stored(&app, id).await, (43, rows + 8));
    let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let cookie = cookie.trim_start_matches("agora_repondant=");
    let participants: Vec<(String,)> =
        sqlx::query_as("SELECT respondent FROM consultation_participants WHERE consultation_id = $1")
            .bind(id)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let expected = format!("visiteur:{}", app::platform::session::token_hash(cookie));
    assert!(
        participants.iter().any(|(respondent,)| *respondent == expected),
        "only the SHA-256 of the cookie is stored"
    );
    assert!(participants.iter().all(|(respondent,)| !respondent.contains(cookie)));
    assert!(page(&visitor, id).await.answered);
    let message = refusal(answer(&visitor, id, &fields).await).await;
    assert_eq!(message, "Vous avez déjà répondu à cette consultation. Merci !");
    assert_eq!(stored(&app, id).await, (43, rows + 8));

    // One answer per account.
    let resident = app.login(Role::Resident).await;
    assert_eq!(location(&answer(&resident, id, &fields).await), format!("{}?merci=1", paths::consultation(id)));
    let message = refusal(answer(&resident, id, &fields).await).await;
    assert_eq!(message, "Vous avez déjà répondu à cette consultation. Merci !");
    assert_eq!(page(&resident, id).await.refusal.as_deref(), Some(message.as_str()));
    assert_eq!(stored(&app, id).await, (44, rows + 16));
});

dual_test!(every_bad_answer_is_named_and_nothing_is_stored, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = consultation_id(&app, MOBILITY).await;
    let resident = app.login(Role::Resident).await;
    let questions = page(&resident, id).await.questions;
    let before = stored(&app, id).await;
    let by_kind = |kind: Kind| questions.iter().find(|question| question.kind == kind).unwrap();
    let (single, multiple, scale, ranking, text) = (
        by_kind(Kind::Single),
        by_kind(Kind::Multiple),
        by_kind(Kind::Scale),
        by_kind(Kind::Ranking),
        by_kind(Kind::Text),
    );
    let valid = mobility_answer(&questions, "3", "");

    // Nothing at all: every required question says so.
    let errors = field_errors(answer(&resident, id, &[]).await).await;
    let named: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(named, [single.field(), multiple.field(), scale.field(), ranking.field()]);
    assert_eq!(errors[0].1, "Cette question est obligatoire : choisissez une réponse.");

    let every_option: Vec<(String, &str)> =
        multiple.choices.iter().map(|choice| (multiple.choice_field(choice.id), "1")).collect();
    let long = "é".repeat(5001);
    let cases: Vec<(Fields, String, &str)> = vec![
        (with(&valid, &every_option), multiple.field(), "Cochez au plus 3 réponse(s) : vous en avez coché 5."),
        (with(&valid, &[(scale.field(), "6")]), scale.field(), "Choisissez une valeur entre 1 et 5."),
        (
            with(&valid, &[(ranking.rank_field(ranking.choices[1].id), "1")]),
            ranking.field(),
            "Le rang 1 est donné à plusieurs options : chaque rang ne sert qu'une fois.",
        ),
        (
            with(&valid, &[(ranking.rank_field(ranking.choices[3].id), "")]),
            ranking.field(),
            "Classez toutes les options, de 1 à 4, ou aucune.",
        ),
        (
            with(&valid, &[(text.field(), long.as_str())]),
            text.field(),
            "Votre réponse : au plus 5\u{202f}000 caractères (vous en avez saisi 5001).",
        ),
        (
            with(&valid, &[(single.field(), "999999")]),
            single.field(),
            "Réponse illisible : rechargez la page et recommencez.",
        ),
    ];
    for (fields, field, message) in cases {
        let response = answer(&resident, id, &fields).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let AppError::Invalid(form) = app_error(response).await else { panic!("field errors expected") };
        assert_eq!(form.fields, [(field.clone(), message.to_string())]);
        // What was typed comes back, so nothing has to be typed twice.
        assert!(form.values.iter().any(|(name, _)| *name == fields[0].0));
        assert_eq!(stored(&app, id).await, before, "{field}");
    }

    // Outside the window: before the opening and after the closing.
    sqlx::query("UPDATE consultations SET opens_at = $2 WHERE id = $1")
        .bind(id)
        .bind(db::now() + 2 * DAY)
        .execute(&app.pool)
        .await
        .unwrap();
    let message = refusal(answer(&resident, id, &valid).await).await;
    assert!(message.starts_with("Cette consultation ouvre le "), "{message}");
    let health = consultation_id(&app, HEALTH).await;
    let health_before = stored(&app, health).await;
    let message = refusal(answer(&app.new_browser(), health, &[]).await).await;
    assert!(message.starts_with("Cette consultation est close : les réponses étaient reçues jusqu'au "), "{message}");
    assert_eq!(stored(&app, id).await, before);
    assert_eq!(stored(&app, health).await, health_before);
    assert_eq!(app.count("SELECT COUNT(*) FROM consultation_participants WHERE respondent LIKE 'compte:%'").await, 0);
});

dual_test!(staff_build_a_questionnaire_and_the_tally_matches_the_answers, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let consultations_before = app.count("SELECT COUNT(*) FROM consultations").await;

    // Every field of the consultation is checked at once; nothing is stored.
    let response = staff
        .post_fn(
            path_of::<CreateConsultation>(),
            &[
                ("institution_id", "999"),
                ("title", "TER"),
                ("description", "Trop court."),
                ("opens_on", "2026-05-10"),
                ("closes_on", "2026-05-01"),
                ("audience", "territory"),
                ("territory_id", ""),
                ("results_visibility", "jamais"),
            ],
        )
        .await;
    let named: Vec<String> = field_errors(response).await.into_iter().map(|(field, _)| field).collect();
    assert_eq!(named, ["institution_id", "title", "description", "closes_on", "territory_id", "results_visibility"]);
    assert_eq!(app.count("SELECT COUNT(*) FROM consultations").await, consultations_before);

    let id = create(&app, &staff, "residents", "", "during").await;
    let view = page(&staff, id).await;
    assert_eq!(view.consultation.published_at, None);
    assert_eq!(view.refusal.as_deref(), Some("Cette consultation n'est pas encore publiée."));
    // In preparation: staff only.
    let response = app.new_browser().get_fn(path_of::<ConsultationPage>(), &[("id", &id.to_string())]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let message = refusal(staff.post_fn(path_of::<PublishConsultation>(), &[("id", &id.to_string())]).await).await;
    assert_eq!(message, "Ajoutez au moins une question avant de publier la consultation.");

    let bad = add(&staff, id, "multiple", "À quelle heure rentrez-vous ?", "18 h\n18 h", &[("max_choices", "9")]).await;
    let named: Vec<String> = field_errors(bad).await.into_iter().map(|(field, _)| field).collect();
    assert_eq!(named, ["options", "options", "max_choices"]);
    let bad = add(&staff, id, "scale", "Êtes-vous satisfait ?", "", &[("scale_max", "7")]).await;
    assert_eq!(field_errors(bad).await[0].0, "scale_max");
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM consultation_questions WHERE consultation_id = {id}")).await,
        0
    );

    let added = [
        add(
            &staff,
            id,
            "single",
            "À quelle heure rentrez-vous ?",
            "Avant 19 h\nEntre 19 h et 21 h\nAprès 21 h",
            &[("required", "oui")],
        )
        .await,
        add(
            &staff,
            id,
            "multiple",
            "Ce qui vous manque le soir",
            "Des trains\nDe la sécurité\nDes bus en gare",
            &[("required", "oui"), ("max_choices", "2")],
        )
        .await,
        add(&staff, id, "scale", "Votre satisfaction", "", &[("required", "oui"), ("scale_max", "10")]).await,
        add(&staff, id, "ranking", "Vos priorités", "Fréquence\nPonctualité\nConfort", &[]).await,
        add(&staff, id, "text", "Une remarque ?", "", &[]).await,
        add(&staff, id, "text", "Question retirée ensuite", "", &[]).await,
    ];
    for response in &added {
        assert_eq!(location(response), format!("{}?ajoutee=1", paths::questionnaire(id)));
    }
    let questions = page(&staff, id).await.questions;
    let removed = questions.last().unwrap().id;
    let response = staff.post_fn(path_of::<RemoveQuestion>(), &[("question_id", &removed.to_string())]).await;
    assert_eq!(location(&response), format!("{}?retiree=1", paths::questionnaire(id)));
    publish(&staff, id).await;
    let questions = page(&staff, id).await.questions;
    assert_eq!(
        questions.iter().map(|question| question.kind).collect::<Vec<_>>(),
        [Kind::Single, Kind::Multiple, Kind::Scale, Kind::Ranking, Kind::Text]
    );
    assert_eq!((questions[1].max_choices, questions[2].scale_max, questions[3].required), (2, 10, false));
    let [single, multiple, scale, ranking, text] = &questions[..] else { panic!() };
    let option = |question: &Question, index: usize| question.choices[index].id;

    // Four accounts answer, with known answers.
    struct Known {
        role: Role,
        single: usize,
        checked: &'static [usize],
        scale: &'static str,
        ranks: Option<[usize; 3]>,
        comment: &'static str,
    }
    let known = [
        Known {
            role: Role::Resident,
            single: 0,
            checked: &[0, 2],
            scale: "8",
            ranks: Some([1, 2, 3]),
            comment: "Plus de trains après 22 h.",
        },
        Known { role: Role::Moderator, single: 1, checked: &[0], scale: "6", ranks: Some([2, 1, 3]), comment: "" },
        Known {
            role: Role::Organiser,
            single: 1,
            checked: &[1, 2],
            scale: "3",
            ranks: None,
            comment: "<script>alert(1)</script>",
        },
        Known { role: Role::Staff, single: 2, checked: &[0], scale: "10", ranks: Some([1, 3, 2]), comment: "" },
    ];
    for known in known {
        let mut fields = vec![
            (single.field(), option(single, known.single).to_string()),
            (scale.field(), known.scale.to_string()),
            (text.field(), known.comment.to_string()),
        ];
        for index in known.checked {
            fields.push((multiple.choice_field(option(multiple, *index)), "1".into()));
        }
        for (index, rank) in known.ranks.into_iter().flatten().enumerate() {
            fields.push((ranking.rank_field(option(ranking, index)), rank.to_string()));
        }
        let browser = if known.role == Role::Staff { staff.clone() } else { app.login(known.role).await };
        assert_eq!(location(&answer(&browser, id, &fields).await), format!("{}?merci=1", paths::consultation(id)));
    }

    let tally = results(&app.new_browser(), id).await;
    assert!(tally.texts.is_empty(), "free-text answers are for staff");
    let answered: Vec<i64> = tally.tallies.iter().map(|tally| tally.answered).collect();
    assert_eq!(answered, [4, 4, 4, 3, 2]);
    let Figures::Counts(bars) = &tally.tallies[0].figures else { panic!() };
    assert_eq!(bars.iter().map(|bar| (bar.count, bar.per_mille)).collect::<Vec<_>>(), [(1, 250), (2, 500), (1, 250)]);
    let Figures::Counts(bars) = &tally.tallies[1].figures else { panic!() };
    assert_eq!(bars.iter().map(|bar| (bar.count, bar.per_mille)).collect::<Vec<_>>(), [(3, 750), (1, 250), (2, 500)]);
    let Figures::Scale { bars, mean_tenths } = &tally.tallies[2].figures else { panic!() };
    assert_eq!(bars.len(), 10);
    assert_eq!((bars[7].count, bars[9].count, bars[0].count), (1, 1, 0));
    assert_eq!(*mean_tenths, Some(68), "(8 + 6 + 3 + 10) / 4 = 6.75");
    let Figures::Ranking(scores) = &tally.tallies[3].figures else { panic!() };
    let summary: Vec<(&str, i64, i64)> =
        scores.iter().map(|score| (score.label.as_str(), score.mean_rank_tenths, score.points)).collect();
    // Fréquence: ranks 1, 2, 1 → mean 1.3, Borda (3 − rank) 2 + 1 + 2 = 5; Ponctualité: 2, 1, 3 → 2.0, 3;
    // Confort: 3, 3, 2 → 2.7, 1.
    assert_eq!(summary, [("Fréquence", 13, 5), ("Ponctualité", 20, 3), ("Confort", 27, 1)]);
    assert_eq!(tally.tallies[4].figures, Figures::Texts(2));
    let staff_view = results(&staff, id).await;
    // In no particular order: the order answers came in would say who wrote which.
    let mut texts: Vec<&str> = staff_view.texts.iter().map(|answer| answer.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(texts, ["<script>alert(1)</script>", "Plus de trains après 22 h."]);

    // Once answered, the questions no longer change.
    let before = app.count(&format!("SELECT COUNT(*) FROM consultation_questions WHERE consultation_id = {id}")).await;
    let message = refusal(add(&staff, id, "text", "Une question de plus", "", &[]).await).await;
    assert_eq!(message, "Des personnes ont déjà répondu à cette consultation : ses questions ne peuvent plus changer.");
    let message =
        refusal(staff.post_fn(path_of::<RemoveQuestion>(), &[("question_id", &text.id.to_string())]).await).await;
    assert!(message.starts_with("Des personnes ont déjà répondu"), "{message}");
    let after = app.count(&format!("SELECT COUNT(*) FROM consultation_questions WHERE consultation_id = {id}")).await;
    assert_eq!((before, after), (5, 5));
});

dual_test!(audiences_decide_who_may_answer, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let resident = app.login(Role::Resident).await;

    // Registered residents: visitors are asked to log in.
    let id = create(&app, &staff, "residents", "", "during").await;
    add(&staff, id, "single", "Êtes-vous d'accord ?", "Oui\nNon", &[("required", "oui")]).await;
    publish(&staff, id).await;
    let question = page(&staff, id).await.questions.remove(0);
    let yes = vec![(question.field(), question.choices[0].id.to_string())];
    let visitor = app.new_browser();
    let message = refusal(answer(&visitor, id, &yes).await).await;
    assert_eq!(message, "Cette consultation est réservée aux personnes inscrites : connectez-vous pour répondre.");
    assert_eq!(page(&visitor, id).await.refusal.as_deref(), Some(message.as_str()));
    assert_eq!(stored(&app, id).await, (0, 0));
    assert_eq!(location(&answer(&resident, id, &yes).await), format!("{}?merci=1", paths::consultation(id)));

    // One territory: only accounts of that territory.
    let (artois,): (i64,) =
        sqlx::query_as("SELECT id FROM territories WHERE name = 'Artois'").fetch_one(&app.pool).await.unwrap();
    let (lens,): (i64,) =
        sqlx::query_as("SELECT id FROM territories WHERE name = 'Lens-Liévin'").fetch_one(&app.pool).await.unwrap();
    let id = create(&app, &staff, "territory", &artois.to_string(), "during").await;
    add(&staff, id, "single", "Êtes-vous d'accord ?", "Oui\nNon", &[("required", "oui")]).await;
    publish(&staff, id).await;
    let question = page(&staff, id).await.questions.remove(0);
    let yes = vec![(question.field(), question.choices[0].id.to_string())];
    let message = refusal(answer(&visitor, id, &yes).await).await;
    assert!(message.starts_with("Cette consultation est réservée aux habitants du territoire « Artois »"), "{message}");
    let message = refusal(answer(&resident, id, &yes).await).await;
    assert!(message.contains("votre compte indique un autre territoire ou aucun"), "{message}");
    sqlx::query("UPDATE users SET territory_id = $1 WHERE email = 'habitante@demo.agora.fr'")
        .bind(lens)
        .execute(&app.pool)
        .await
        .unwrap();
    refusal(answer(&resident, id, &yes).await).await;
    assert_eq!(stored(&app, id).await, (0, 0));
    sqlx::query("UPDATE users SET territory_id = $1 WHERE email = 'habitante@demo.agora.fr'")
        .bind(artois)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(page(&resident, id).await.refusal, None);
    assert_eq!(location(&answer(&resident, id, &yes).await), format!("{}?merci=1", paths::consultation(id)));
    assert_eq!(stored(&app, id).await, (1, 1));
});

dual_test!(results_are_shown_when_staff_chose, |backend| {
    let app = TestApp::spawn(backend).await;
    let staff = app.login(Role::Staff).await;
    let visitor = app.new_browser();

    // "After": hidden from everyone but staff until the closing.
    let id = create(&app, &staff, "everyone", "", "after").await;
    add(&staff, id, "scale", "Votre note", "", &[("required", "oui"), ("scale_max", "5")]).await;
    publish(&staff, id).await;
    let view = page(&visitor, id).await;
    assert!(!view.results_visible);
    let response = visitor.get_fn(path_of::<ConsultationResults>(), &[("id", &id.to_string())]).await;
    let message = refusal(response).await;
    assert!(
        message.starts_with("Les résultats seront publiés à la clôture de la consultation, après le "),
        "{message}"
    );
    let field = view.questions[0].field();
    assert_eq!(
        location(&answer(&visitor, id, &[(field, "4".into())]).await),
        format!("{}?merci=1", paths::consultation(id))
    );
    let Figures::Scale { mean_tenths, .. } = &results(&staff, id).await.tallies[0].figures else { panic!() };
    assert_eq!(*mean_tenths, Some(40), "staff always see the results");
    sqlx::query("UPDATE consultations SET closes_at = $2 WHERE id = $1")
        .bind(id)
        .bind(db::now() - 1)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(results(&visitor, id).await.tallies[0].answered, 1);

    // The finished demo consultation shows its results; the open one shows them during its window.
    let health = results(&visitor, consultation_id(&app, HEALTH).await).await;
    assert_eq!(health.tallies[0].answered, 28);
    let mobility = results(&visitor, consultation_id(&app, MOBILITY).await).await;
    assert_eq!(mobility.tallies[0].answered, 42);
    let Figures::Counts(bars) = &mobility.tallies[0].figures else { panic!() };
    assert_eq!(bars.iter().map(|bar| bar.count).sum::<i64>(), 42);

    // Upcoming: nothing to show yet.
    sqlx::query("UPDATE consultations SET opens_at = $2, closes_at = $3 WHERE id = $1")
        .bind(id)
        .bind(db::now() + DAY)
        .bind(db::now() + 5 * DAY)
        .execute(&app.pool)
        .await
        .unwrap();
    let response = visitor.get_fn(path_of::<ConsultationResults>(), &[("id", &id.to_string())]).await;
    assert_eq!(refusal(response).await, "Les résultats seront publiés une fois la consultation ouverte.");
});

dual_test!(the_free_text_csv_is_for_staff, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = consultation_id(&app, MOBILITY).await;
    let path = paths::text_answers(id);
    assert_eq!(app.new_browser().get(&path).await.status(), StatusCode::UNAUTHORIZED);
    for role in [Role::Resident, Role::Moderator, Role::Organiser] {
        assert_eq!(app.login(role).await.get(&path).await.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    let staff = app.login(Role::Staff).await;
    let response = staff.get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let text = response.text().await.unwrap();
    assert!(text.starts_with("question,reponse,repondu_le\r\n"), "{text}");
    let texts = app
        .count(&format!(
            "SELECT COUNT(*) FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id \
             WHERE r.consultation_id = {id} AND a.text IS NOT NULL"
        ))
        .await;
    assert!(texts > 0);
    assert_eq!(text.matches("\r\n").count() as i64, texts + 1);
    assert!(text.contains("Une remarque ou une proposition ?"));
    assert_eq!(staff.get(&paths::text_answers(0)).await.status(), StatusCode::NOT_FOUND);
});

dual_test!(the_consultation_pages_render_without_javascript, |backend| {
    let app = TestApp::spawn(backend).await;
    let browser = app.new_browser();
    let list = browser.get(&paths::consultations()).await.text().await.unwrap();
    assert!(list.contains("Mobilités douces"), "{list}");
    let id = consultation_id(&app, MOBILITY).await;
    let html = browser.get(&paths::consultation(id)).await.text().await.unwrap();
    assert!(
        html.contains("type=\"radio\"") && html.contains("type=\"checkbox\"") && html.contains("<select"),
        "{html}"
    );
    assert!(html.contains("<textarea"));
    let html = browser.get(&paths::results(id)).await.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("role=\"img\""), "{html}");
    assert!(html.contains("Moyenne"), "the scale's mean");
    assert_eq!(browser.get(&paths::new_consultation()).await.status(), StatusCode::UNAUTHORIZED);
    let resident = app.login(Role::Resident).await;
    assert_eq!(resident.get(&paths::new_consultation()).await.status(), StatusCode::FORBIDDEN);
    let staff = app.login(Role::Staff).await;
    let html = staff.get(&paths::questionnaire(id)).await.text().await.unwrap();
    assert!(html.contains("Des personnes ont déjà répondu"), "{html}");
});

/// Respondents of the secrecy test: enough for a pairing to stand out, few enough to stay quick.
const RESPONDENTS: usize = 120;

/// Rows of `sql` (one text column, the consultation as `$1`) in the order they come back, or `None`
/// where this database has no such column (a rowid of a table without one, a backend without `xmin`).
async fn column_in_order(pool: &db::Pool, sql: &str, id: i64) -> Option<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(sql).bind(id).fetch_all(pool).await.ok()?;
    Some(rows.into_iter().map(|(value,)| value).collect())
}

dual_test!(a_copy_of_the_database_does_not_link_respondents_to_answers, |backend| {
    let app = TestApp::spawn(backend).await;
    let id = consultation_id(&app, MOBILITY).await;
    let questions = page(&app.new_browser(), id).await.questions;
    let cookies = crate::common::signed_in_residents(&app.pool, RESPONDENTS, None).await;
    let users: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email LIKE 'votant-%' ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    // Resident k answers k-th, all at once, each with a text that names them for the test only.
    let forms = (0..RESPONDENTS).map(|k| {
        let mut form = vec![("id".to_string(), id.to_string())];
        let fields = mobility_answer(&questions, "3", &format!("Témoignage numéro {k}"));
        form.extend(fields.into_iter().map(|(field, value)| (format!("answers[{field}]"), value)));
        form
    });
    crate::ballot_secrecy::send_in_a_burst(&app, path_of::<AnswerConsultation>(), cookies.iter().zip(forms)).await;

    // What the test knows: the response of each respondent, by its text.
    let texts: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.response_id, a.text FROM consultation_answers a JOIN consultation_responses r ON r.id = a.response_id \
         WHERE r.consultation_id = $1 AND a.text LIKE 'Témoignage numéro %'",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let owner: std::collections::HashMap<String, String> = texts
        .iter()
        .map(|(response, text)| {
            let k: usize = text.trim_start_matches("Témoignage numéro ").parse().unwrap();
            (response.to_string(), format!("compte:{}", users[k].0))
        })
        .collect();
    assert_eq!(owner.len(), RESPONDENTS);
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM consultation_participants WHERE consultation_id = {id}")).await,
        42 + RESPONDENTS as i64
    );

    // The attacker holds the database: every order of participants against every order of responses.
    let participants = "SELECT respondent FROM consultation_participants WHERE consultation_id = $1";
    let participant_orders = [
        ("participants as stored", participants.to_string()),
        ("participants by rowid", format!("{participants} ORDER BY rowid")),
        ("participants by ctid", format!("{participants} ORDER BY ctid")),
        ("participants by xmin", format!("{participants} ORDER BY xmin::text::bigint, ctid")),
        (
            "participants by account id",
            format!("{participants} AND respondent LIKE 'compte:%' ORDER BY CAST(SUBSTR(respondent, 8) AS BIGINT)"),
        ),
    ];
    let responses = "SELECT CAST(id AS TEXT) FROM consultation_responses WHERE consultation_id = $1";
    let answers = "SELECT CAST(response_id AS TEXT) FROM consultation_answers WHERE $1 = $1";
    let response_orders = [
        ("responses as stored", responses.to_string()),
        ("responses by rowid", format!("{responses} ORDER BY rowid")),
        ("responses by id", format!("{responses} ORDER BY id")),
        ("responses by day", format!("{responses} ORDER BY answered_on")),
        ("responses by ctid", format!("{responses} ORDER BY ctid")),
        ("responses by xmin", format!("{responses} ORDER BY xmin::text::bigint, ctid")),
        ("answers as stored", answers.to_string()),
        ("answers by rowid", format!("{answers} ORDER BY rowid")),
        ("answers by ctid", format!("{answers} ORDER BY ctid")),
        ("answers by xmin", format!("{answers} ORDER BY xmin::text::bigint, ctid")),
    ];
    let mut people = Vec::new();
    for (name, sql) in &participant_orders {
        if let Some(rows) = column_in_order(&app.pool, sql, id).await {
            // Only the test's respondents: the demo's visitors would only blur the attack.
            let known: std::collections::HashSet<&String> = owner.values().collect();
            people.push((name, rows.into_iter().filter(|person| known.contains(person)).collect::<Vec<_>>()));
        }
    }
    let mut answered = Vec::new();
    for (name, sql) in &response_orders {
        if let Some(rows) = column_in_order(&app.pool, sql, id).await {
            let mut seen = std::collections::HashSet::new();
            let order: Vec<String> = rows
                .into_iter()
                .filter(|response| owner.contains_key(response) && seen.insert(response.clone()))
                .collect();
            answered.push((name, order));
        }
    }
    let mut pairings = Vec::new();
    for (person_signal, person_order) in &people {
        for (response_signal, response_order) in &answered {
            let pairs = person_order.iter().cloned().zip(response_order.iter().cloned()).collect();
            pairings.push((format!("{person_signal} / {response_signal}"), pairs));
        }
    }
    assert!(pairings.len() >= 8, "the attack tried too few signals: {}", pairings.len());

    // On PostgreSQL the responses of one transaction share its id: batches tell apart, not the
    // responses within one.
    let groups = crate::ballot_secrecy::batches(
        &app,
        "SELECT COUNT(DISTINCT xmin::text) FROM consultation_responses r WHERE consultation_id = $1 \
         AND EXISTS (SELECT 1 FROM consultation_answers a WHERE a.response_id = r.id AND a.text LIKE 'Témoignage%')",
        id,
        RESPONDENTS,
    )
    .await;
    let linked =
        crate::ballot_secrecy::linked_beyond_chance(&pairings, |response| owner[response].clone(), RESPONDENTS, groups);
    assert!(linked.is_empty(), "signals linking respondents to their answers beyond chance: {linked:?}");
});

/// On PostgreSQL someone answering alone shares their transaction's id (`xmin`) with their
/// response; each batch rewrites twenty earlier responses with it, so the id points at twenty-one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lone_respondent_hides_among_earlier_answers() {
    if crate::common::postgres_admin_url().is_none() {
        eprintln!("skipped: set {} to read xmin on PostgreSQL", crate::common::POSTGRES_ENV);
        return;
    }
    let app = TestApp::spawn(app::platform::db::Backend::Postgres).await;
    let id = consultation_id(&app, MOBILITY).await;
    let questions = page(&app.new_browser(), id).await.questions;
    let cookies = crate::common::signed_in_residents(&app.pool, 5, None).await;
    let users: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email LIKE 'votant-%' ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mut form = vec![("id".to_string(), id.to_string())];
    let fields = mobility_answer(&questions, "3", "Un avis donné seul");
    form.extend(fields.into_iter().map(|(field, value)| (format!("answers[{field}]"), value)));
    // One after the other, each alone in its batch.
    for (cookie, (user,)) in cookies.iter().zip(&users) {
        let path = path_of::<AnswerConsultation>();
        crate::ballot_secrecy::send_in_a_burst(&app, path, std::iter::once((cookie, form.clone()))).await;
        let (shared, stored): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM consultation_responses r WHERE r.consultation_id = $1 AND r.xmin = p.xmin), \
             (SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = $1) \
             FROM consultation_participants p WHERE p.consultation_id = $1 AND p.respondent = $2",
        )
        .bind(id)
        .bind(format!("compte:{user}"))
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert!(shared >= stored.min(21), "a lone respondent's transaction wrote {shared} responses of {stored}");
    }
}
