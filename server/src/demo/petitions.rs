//! Demo petitions of the dialogue platform: one near the CESER's threshold, one answered, one
//! closed under a town's share-of-electors rule, and one waiting for moderation.
use app::petitions::{domain::State, model::ThresholdKind, store};
use app::platform::{
    db::{self, Pool},
    error::AppError,
};

const DAY: i64 = 86_400;

struct DemoPetition {
    institution: &'static str,
    author: &'static str,
    title: &'static str,
    body: &'static str,
    /// Days ago: created, submitted, published (None: not yet).
    created: i64,
    published: Option<i64>,
    /// The states after publication, with how many days ago each was reached.
    later: &'static [(State, i64)],
    signatures: i64,
    decision: Option<(&'static str, &'static str)>,
}

const PETITIONS: [DemoPetition; 4] = [
    DemoPetition {
        institution: "CESER Hauts-de-France",
        author: "habitante@demo.agora.fr",
        title: "Maintenir les urgences et les maternités des hôpitaux de proximité",
        body: "Dans plusieurs villes moyennes des Hauts-de-France, les services d'urgence ferment la nuit faute de \
               médecins et des maternités sont menacées. Des habitants se retrouvent à plus de quarante minutes du \
               premier service ouvert.\n\nNous demandons au CESER de se saisir de la situation des hôpitaux de \
               proximité, d'entendre les soignants et les élus locaux, et de rendre un avis sur les moyens de \
               maintenir ces services ouverts.",
        created: 95,
        published: Some(92),
        later: &[],
        signatures: 3870,
        decision: None,
    },
    DemoPetition {
        institution: "CESER Hauts-de-France",
        author: "organisation@demo.agora.fr",
        title: "Des TER toutes les demi-heures entre Lille, Lens et Arras",
        body: "Aux heures de pointe, les trains entre Lille, Lens et Arras sont bondés et souvent supprimés. Beaucoup \
               d'actifs reprennent la voiture faute de fiabilité.\n\nNous demandons au CESER d'étudier une desserte \
               cadencée à la demi-heure et de porter cette demande auprès de la Région.",
        created: 300,
        published: Some(298),
        later: &[(State::ThresholdReached, 200), (State::Answered, 150)],
        signatures: 4212,
        decision: Some((
            "report",
            "Le CESER s'est saisi de la pétition. Sa commission Mobilités a auditionné l'association des usagers, \
             SNCF Voyageurs et la Région, et présentera un rapport en séance plénière.\n\nLe rapport proposera un \
             calendrier de cadencement et des mesures de fiabilité mesurables, suivies chaque trimestre.",
        )),
    },
    DemoPetition {
        institution: "Ville de Béthune",
        author: "habitante@demo.agora.fr",
        title: "Ouvrir la piscine municipale le dimanche matin toute l'année",
        body: "La piscine municipale ferme le dimanche matin hors vacances scolaires. C'est pourtant le seul créneau \
               possible pour beaucoup de familles et de salariés.\n\nNous demandons au conseil municipal \
               d'inscrire cette ouverture à son ordre du jour.",
        created: 210,
        published: Some(205),
        later: &[(State::Closed, 22)],
        signatures: 412,
        decision: None,
    },
    DemoPetition {
        institution: "CESER Hauts-de-France",
        author: "habitante@demo.agora.fr",
        title: "Des fontaines d'eau potable dans toutes les gares de la région",
        body: "Les gares de la région n'offrent presque jamais d'eau potable gratuite. Les voyageurs achètent des \
               bouteilles en plastique, ou s'en passent lors des fortes chaleurs.\n\nNous demandons au CESER \
               d'examiner l'installation de fontaines dans chaque gare.",
        created: 2,
        published: None,
        later: &[],
        signatures: 0,
        decision: None,
    },
];

async fn id_of(pool: &Pool, sql: &str, key: &str) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(sql).bind(key).fetch_one(pool).await?;
    Ok(id)
}

async fn record(pool: &Pool, petition: i64, state: State, at: i64) -> Result<(), AppError> {
    sqlx::query("INSERT INTO petition_state_changes (petition_id, state, at) VALUES ($1, $2, $3)")
        .bind(petition)
        .bind(state.as_str())
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

/// Loads the demo petitions unless some petition exists. Returns whether anything was loaded.
pub(super) async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM petitions").fetch_one(pool).await?;
    if existing > 0 {
        return Ok(false);
    }
    let now = db::now();
    // Béthune uses the local petition right: a tenth of its electors.
    let bethune = id_of(pool, "SELECT id FROM institutions WHERE name = $1", "Ville de Béthune").await?;
    let mut rules = store::rules(pool, bethune).await?;
    rules.threshold_kind = ThresholdKind::Share;
    rules.electors = 17_235;
    rules.share_divisor = 10;
    store::update_rules(pool, &rules).await?;
    let (communes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM communes").fetch_one(pool).await?;

    for demo in &PETITIONS {
        let institution = id_of(pool, "SELECT id FROM institutions WHERE name = $1", demo.institution).await?;
        let author = id_of(pool, "SELECT id FROM users WHERE email = $1", demo.author).await?;
        let rules = store::rules(pool, institution).await?;
        let threshold = rules.threshold_rule().signatures().map_err(AppError::refused)?;
        let id = store::insert_petition(pool, institution, author, demo.title, demo.body).await?;
        let created = now - demo.created * DAY;
        let submitted = created + DAY / 2;
        sqlx::query("UPDATE petitions SET created_at = $2, submitted_at = $3, state = 'pending' WHERE id = $1")
            .bind(id)
            .bind(created)
            .bind(submitted)
            .execute(pool)
            .await?;
        sqlx::query("UPDATE petition_state_changes SET at = $2 WHERE petition_id = $1")
            .bind(id)
            .bind(created)
            .execute(pool)
            .await?;
        record(pool, id, State::Pending, submitted).await?;
        let Some(published) = demo.published else { continue };
        let opens_at = now - published * DAY;
        let closes_at = opens_at + rules.duration_days * DAY;
        record(pool, id, State::Open, opens_at).await?;
        let mut state = State::Open;
        for (later, days_ago) in demo.later {
            record(pool, id, *later, now - days_ago * DAY).await?;
            state = *later;
        }
        let milestones = (1..=3).filter(|k| demo.signatures * 3 >= threshold * k).count() as i64;
        let (decision, answer) = demo.decision.unzip();
        sqlx::query(
            "UPDATE petitions SET state = $2, opens_at = $3, closes_at = $4, threshold = $5, signatures = $6, \
             milestones_sent = $7, decision = $8, answer = $9 WHERE id = $1",
        )
        .bind(id)
        .bind(state.as_str())
        .bind(opens_at)
        .bind(closes_at)
        .bind(threshold)
        .bind(demo.signatures)
        .bind(milestones)
        .bind(decision)
        .bind(answer)
        .execute(pool)
        .await?;
        // Counted signatures spread over the communes and over the time the petition was open.
        let step = ((closes_at.min(now) - opens_at) / demo.signatures.max(1)).max(1);
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < $2), \
             c(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM communes) \
             INSERT INTO petition_signatures (petition_id, email, full_name, commune_id, confirmed_at, created_at) \
             SELECT $1, 'signataire-' || n.i || '@exemple.fr', 'Signataire ' || n.i, c.id, $4 + n.i * $5, \
             $4 + n.i * $5 FROM n JOIN c ON c.k = (n.i * 7 + n.i / 5) % $3",
        )
        .bind(id)
        .bind(demo.signatures)
        .bind(communes)
        .bind(opens_at)
        .bind(step)
        .execute(pool)
        .await?;
    }
    Ok(true)
}
