//! Demo neighbourhood councils of Béthune: a pool of checked candidacies for each of the 8, some
//! still to check, one minor waiting for her authorisation, and in Catorive a completed draw with
//! its public record and the minutes of its meetings.
use app::neighbourhood_councils::{
    council::{CandidacyForm, FEATURES, check_candidacy, council_quotas, pool_values},
    model::{CandidacyStatus, DrawStage},
    sortition::{Candidate, Pool as LotteryPool, Source, announce, complete_draw},
    store,
};
use app::platform::{
    db::{self, Pool},
    error::AppError,
    text::slug_of,
};
use chrono::{Datelike, NaiveDate};

const DAY: i64 = 86_400;

const FIRST_NAMES: [(&str, &str); 12] = [
    ("Amandine", "femme"),
    ("Bruno", "homme"),
    ("Chantal", "femme"),
    ("Dylan", "homme"),
    ("Camille", "non-declare"),
    ("Fatima", "femme"),
    ("Gérard", "homme"),
    ("Hélène", "femme"),
    ("Ibrahim", "homme"),
    ("Josiane", "femme"),
    ("Kevin", "homme"),
    ("Sacha", "non-declare"),
];
const LAST_NAMES: [&str; 9] =
    ["Lefebvre", "Duhamel", "Boulanger", "Caron", "Delattre", "Vasseur", "Mahieu", "Dupuis", "Leroy"];
const STREETS: [&str; 6] =
    ["rue d'Aire", "boulevard Poincaré", "rue Sadi-Carnot", "avenue de Lens", "rue de la Gare", "place Clemenceau"];
const ACTORS: [(&str, &str); 4] = [
    ("association", "Association des familles"),
    ("commerce", "Boulangerie du quartier"),
    ("artisanat", "Atelier de menuiserie"),
    ("institution", "Centre social"),
];

const CHARTER: &str = "Le conseil de quartier est un lieu d'échange ouvert à tous les habitants et acteurs du quartier. \
Il émet des avis et des propositions sur les projets qui concernent le quartier et peut porter ses propres projets.\n\n\
Ses membres s'engagent à écouter chacun, à respecter la parole de tous et à rendre compte de leurs travaux.";

const INTERNAL_RULES: &str = "Le conseil se réunit une fois par trimestre en séance publique ; l'ordre du jour est affiché \
quinze jours avant. Il n'a ni président ni porte-parole : chaque séance est animée à tour de rôle.\n\n\
Un membre absent trois fois de suite sans excuse est remplacé par tirage au sort parmi les candidatures restantes.";

/// The councils, unless they are there already. Returns whether anything was loaded.
pub async fn load(pool: &Pool) -> Result<bool, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM neighbourhood_councils").fetch_one(pool).await?;
    let quartiers: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM territories WHERE kind = 'quartier' ORDER BY id").fetch_all(pool).await?;
    if count > 0 || quartiers.is_empty() {
        return Ok(false);
    }
    let now = db::now();
    let today = chrono::DateTime::from_timestamp(now, 0).map_or(NaiveDate::MIN, |at| at.date_naive());
    for (index, (territory_id, name)) in quartiers.iter().enumerate() {
        // Catorive drew its council a month ago; the others take candidacies until next month.
        let drawn = index == 0;
        let (opens, closes) = if drawn { (now - 90 * DAY, now - 40 * DAY) } else { (now - 20 * DAY, now + 40 * DAY) };
        let draw_day = today + chrono::Days::new(55);
        let draw_day = if drawn { today - chrono::Days::new(30) } else { draw_day };
        sqlx::query(
            "INSERT INTO neighbourhood_councils (slug, name, territory_id, elected_duo, charter, internal_rules, round, \
             applications_open_at, applications_close_at, draw_day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(slug_of(name))
        .bind(name)
        .bind(territory_id)
        .bind(format!("{}, adjointe à la démocratie participative\n{}, conseiller municipal", duo(index, 0), duo(index, 1)))
        .bind(CHARTER)
        .bind(INTERNAL_RULES)
        .bind(format!("{}-{}", today.year(), today.year() + 1))
        .bind(opens)
        .bind(closes)
        .bind(draw_day.format("%Y-%m-%d").to_string())
        .execute(pool)
        .await?;
        let council = store::council_by_slug(pool, &slug_of(name)).await?;
        // Two councils (Pierrette, Gare) have every candidacy checked; the others some to check.
        let to_check = if drawn || index == 3 || index == 4 { 0 } else { 4 };
        let size = 24 + (index % 3) * 3;
        for n in 0..size {
            let id = candidacy(pool, &council, index, n, draw_day).await?;
            if n < size - to_check {
                store::review(pool, id, CandidacyStatus::Accepted, None, None).await?;
            }
        }
        if !drawn && to_check > 0 {
            minor_waiting_for_authorisation(pool, &council, draw_day).await?;
        }
        meetings(pool, &council, now, drawn).await?;
        if drawn {
            draw(pool, &council).await?;
        }
    }
    Ok(true)
}

fn duo(index: usize, which: usize) -> String {
    let first = ["Claire", "Martine", "Sophie", "Nadia"][(index + which) % 4];
    let first = if which == 1 { ["Patrick", "Olivier", "Yannick", "Rachid"][index % 4] } else { first };
    format!("{first} {}", LAST_NAMES[(index * 2 + which + 3) % LAST_NAMES.len()])
}

/// The `n`-th candidacy of council `index`: every third one a local actor, genders in turn.
async fn candidacy(
    pool: &Pool,
    council: &app::neighbourhood_councils::model::Council,
    index: usize,
    n: usize,
    draw_day: NaiveDate,
) -> Result<i64, AppError> {
    let (first, gender) = FIRST_NAMES[(n + index) % FIRST_NAMES.len()];
    let full_name = format!("{first} {}", LAST_NAMES[(n * 7 + index) % LAST_NAMES.len()]);
    let actor = n % 3 == 2;
    let (kind, organisation) = ACTORS[(n / 3) % ACTORS.len()];
    let organisation = format!("{organisation} {}", council.name);
    let address = format!("{} {}", 1 + (n * 13 + index) % 120, STREETS[(n + index) % STREETS.len()]);
    let birth = format!("{}-0{}-1{}", 1950 + (n * 3) % 50, 1 + n % 9, n % 10);
    let form = CandidacyForm {
        full_name: &full_name,
        gender,
        category: if actor { "acteur" } else { "habitant" },
        actor_kind: kind,
        birth_date: &birth,
        address: &address,
        postcode: "62400",
        organisation: &organisation,
        consent: true,
        ..CandidacyForm::default()
    };
    let valid = check_candidacy(&form, draw_day).map_err(AppError::Invalid)?;
    let public_id = store::insert_candidacy(pool, council, None, &valid).await?.ok_or(AppError::Internal)?;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM council_candidacies WHERE public_id = $1")
        .bind(public_id)
        .fetch_one(pool)
        .await?;
    Ok(id)
}

/// A 17-year-old whose parental authorisation has not come yet: staff cannot accept her.
async fn minor_waiting_for_authorisation(
    pool: &Pool,
    council: &app::neighbourhood_councils::model::Council,
    draw_day: NaiveDate,
) -> Result<(), AppError> {
    let birth = (draw_day - chrono::Days::new(17 * 365 + 30)).format("%Y-%m-%d").to_string();
    let form = CandidacyForm {
        full_name: "Léa Vandenbussche",
        gender: "femme",
        category: "habitant",
        birth_date: &birth,
        address: "8 rue des Écoles",
        postcode: "62400",
        consent: true,
        ..CandidacyForm::default()
    };
    let valid = check_candidacy(&form, draw_day).map_err(AppError::Invalid)?;
    store::insert_candidacy(pool, council, None, &valid).await?;
    Ok(())
}

/// One meeting per quarter: two past (with minutes where the council is seated), two to come.
async fn meetings(
    pool: &Pool,
    council: &app::neighbourhood_councils::model::Council,
    now: i64,
    seated: bool,
) -> Result<(), AppError> {
    for (quarter, (days, agenda)) in [
        (-150, "Installation du conseil, calendrier de l'année"),
        (-60, "Propreté des rues, sécurité aux abords des écoles"),
        (30, "Avis sur le réaménagement de la place, projets d'habitants"),
        (120, "Bilan de l'année, fête de quartier"),
    ]
    .into_iter()
    .enumerate()
    {
        // 18:30, Paris time in winter.
        let starts_at = (now + days * DAY) / DAY * DAY + 17 * 3600 + 1800;
        let place = format!("Salle de quartier {}", council.name);
        let id = store::insert_meeting(pool, council, starts_at, &place, agenda).await?;
        if seated && days < 0 {
            store::save_minutes(pool, council, id, &minutes_pdf(&council.name, quarter + 1)).await?;
        }
    }
    Ok(())
}

/// The minutes of a meeting, as a one-line PDF.
fn minutes_pdf(council: &str, number: usize) -> Vec<u8> {
    super::text_pdf(&format!("Compte rendu n. {number} - conseil de quartier {}", slug_of(council)))
}

/// Catorive's draw: the pool announced, then drawn from dice rolled in public before two witnesses.
async fn draw(pool: &Pool, council: &app::neighbourhood_councils::model::Council) -> Result<(), AppError> {
    let candidates = store::accepted_pool(pool, council)
        .await?
        .into_iter()
        .map(|(id, gender, category)| Candidate { id, values: pool_values(&gender, &category), household: None })
        .collect();
    let lottery = LotteryPool { features: FEATURES.map(String::from).to_vec(), candidates };
    let seats = u32::try_from(council.seats).unwrap_or(12);
    let refused = |error: app::neighbourhood_councils::sortition::SortitionError| AppError::refused(error.to_string());
    let announcement = announce(&lottery, council_quotas(seats), seats).map_err(refused)?;
    let document = serde_json::to_string_pretty(&announcement).map_err(|_| AppError::Internal)?;
    store::publish(pool, council, 0, DrawStage::Announcement, &document, &announcement.sha256(), None).await?;
    let sources = vec![
        Source::parse("Dés lancés en séance publique : 4 2 6 1 3 5"),
        Source::parse("Loto (FDJ) du tirage précédent : 7 19 23 38 44"),
    ];
    let witnesses = vec!["Marie-Claude Dutoit, habitante".into(), "Jean Lemaire, huissier de justice".into()];
    let record = complete_draw(announcement, sources, witnesses).map_err(refused)?;
    store::publish(pool, council, 1, DrawStage::Draw, &record.to_json(), &record.sha256(), None).await?;
    Ok(())
}
