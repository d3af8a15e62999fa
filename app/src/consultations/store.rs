//! All SQL about consultations: the consultations, their questions and options, responses and answers.
use super::domain::{Answer, Audience, Choice, Group, Kind, NewQuestion, Question, Visibility};
use super::model::{ConsultationRow, TextAnswer};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};
use std::collections::BTreeMap;

const COLUMNS: &str = "c.id, c.institution_id, i.name AS institution_name, c.title, c.description, c.opens_at, \
     c.closes_at, c.audience, c.territory_id, t.name AS territory_name, c.results_visibility, c.published_at, \
     c.created_at, (SELECT CAST(COUNT(*) AS BIGINT) FROM consultation_responses r WHERE r.consultation_id = c.id) \
     AS responses";

const FROM: &str = "FROM consultations c JOIN institutions i ON i.id = c.institution_id \
     LEFT JOIN territories t ON t.id = c.territory_id";

pub struct NewConsultation<'a> {
    pub institution_id: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
    pub audience: Audience,
    pub territory_id: Option<i64>,
    pub results_visibility: Visibility,
    pub created_by: Option<i64>,
}

pub async fn insert_consultation(pool: &Pool, new: &NewConsultation<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO consultations (institution_id, title, description, opens_at, closes_at, audience, territory_id, \
         results_visibility, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(new.institution_id)
    .bind(new.title)
    .bind(new.description)
    .bind(new.opens_at)
    .bind(new.closes_at)
    .bind(new.audience.as_str())
    .bind(new.territory_id)
    .bind(new.results_visibility.as_str())
    .bind(new.created_by)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

pub async fn consultation(pool: &Pool, id: i64) -> Result<ConsultationRow, AppError> {
    sqlx::query_as(&format!("SELECT {COLUMNS} {FROM} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Published consultations (and, for staff, those in preparation), the latest opening first.
pub async fn consultations(pool: &Pool, with_drafts: bool) -> Result<Vec<ConsultationRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE c.published_at IS NOT NULL OR $1 = 1 ORDER BY c.opens_at DESC, c.id DESC"
    ))
    .bind(i64::from(with_drafts))
    .fetch_all(pool)
    .await?)
}

/// The questions of a consultation in order, with their options.
pub async fn questions(pool: &Pool, consultation_id: i64) -> Result<Vec<Question>, AppError> {
    let rows: Vec<(i64, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, kind, prompt, required, max_choices, scale_max FROM consultation_questions \
         WHERE consultation_id = $1 ORDER BY position, id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?;
    let options: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT o.id, o.question_id, o.label FROM consultation_options o \
         JOIN consultation_questions q ON q.id = o.question_id WHERE q.consultation_id = $1 ORDER BY o.position, o.id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, prompt, required, max_choices, scale_max)| Question {
            id,
            // An unknown code (never written by this code) reads as free text, which counts nothing.
            kind: Kind::parse(&kind).unwrap_or(Kind::Text),
            prompt,
            required: required == 1,
            max_choices,
            scale_max,
            choices: options
                .iter()
                .filter(|(_, question, _)| *question == id)
                .map(|(option, _, label)| Choice { id: *option, label: label.clone() })
                .collect(),
        })
        .collect())
}

/// Adds a question at the end, unless someone already answered. `false` when refused for that reason.
pub async fn add_question(pool: &Pool, consultation_id: i64, question: &NewQuestion) -> Result<bool, AppError> {
    let mut tx = pool.begin().await?;
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO consultation_questions (consultation_id, position, kind, prompt, required, max_choices, scale_max) \
         SELECT $1, COALESCE((SELECT MAX(position) FROM consultation_questions WHERE consultation_id = $1), 0) + 1, \
         $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM consultation_responses WHERE consultation_id = $1) \
         RETURNING id",
    )
    .bind(consultation_id)
    .bind(question.kind.as_str())
    .bind(&question.prompt)
    .bind(i64::from(question.required))
    .bind(question.max_choices)
    .bind(question.scale_max)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = id else {
        return Ok(false);
    };
    for (position, label) in question.options.iter().enumerate() {
        sqlx::query("INSERT INTO consultation_options (question_id, position, label) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(position as i64 + 1)
            .bind(label)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The consultation a question belongs to.
pub async fn consultation_of_question(pool: &Pool, question_id: i64) -> Result<i64, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT consultation_id FROM consultation_questions WHERE id = $1")
        .bind(question_id)
        .fetch_optional(pool)
        .await?;
    row.map(|(id,)| id).ok_or(AppError::NotFound)
}

/// Removes a question (and its options) unless someone already answered. `false` when refused.
pub async fn remove_question(pool: &Pool, question_id: i64) -> Result<bool, AppError> {
    let deleted = sqlx::query(
        "DELETE FROM consultation_questions WHERE id = $1 AND NOT EXISTS \
         (SELECT 1 FROM consultation_responses r WHERE r.consultation_id = consultation_questions.consultation_id)",
    )
    .bind(question_id)
    .execute(pool)
    .await?;
    Ok(deleted.rows_affected() == 1)
}

/// Publishes a consultation that has questions. `false` when it has none or is already published.
pub async fn publish(pool: &Pool, id: i64) -> Result<bool, AppError> {
    let updated = sqlx::query(
        "UPDATE consultations SET published_at = $2 WHERE id = $1 AND published_at IS NULL \
         AND EXISTS (SELECT 1 FROM consultation_questions WHERE consultation_id = $1)",
    )
    .bind(id)
    .bind(db::now())
    .execute(pool)
    .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn territories(pool: &Pool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, name FROM territories WHERE kind <> 'pabulib' ORDER BY name").fetch_all(pool).await?)
}

/// The territory of an account, if it gave one.
pub async fn territory_of(pool: &Pool, user_id: i64) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT territory_id FROM users WHERE id = $1").bind(user_id).fetch_optional(pool).await?;
    Ok(row.and_then(|(territory,)| territory))
}

/// Who answers: an account, or a visitor known by the SHA-256 of a cookie.
#[derive(Debug, Clone, Copy)]
pub enum Respondent<'a> {
    Account(i64),
    Visitor(&'a str),
}

impl Respondent<'_> {
    /// How a participant is recorded: never next to what they answered.
    fn key(self) -> String {
        match self {
            Respondent::Account(id) => format!("compte:{id}"),
            Respondent::Visitor(hash) => format!("visiteur:{hash}"),
        }
    }
}

pub async fn has_answered(pool: &Pool, consultation_id: i64, respondent: Respondent<'_>) -> Result<bool, AppError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM consultation_participants WHERE consultation_id = $1 AND respondent = $2",
    )
    .bind(consultation_id)
    .bind(respondent.key())
    .fetch_one(pool)
    .await?;
    Ok(count > 0)
}

/// A response waiting in the batch queue: who answered goes to the participants, what they answered
/// to an unnamed response, and nothing links the two.
#[derive(Debug, Clone)]
pub struct NewResponse {
    consultation_id: i64,
    respondent: String,
    answers: Vec<(i64, Answer)>,
}

impl NewResponse {
    pub fn new(consultation_id: i64, respondent: Respondent<'_>, answers: Vec<(i64, Answer)>) -> Self {
        NewResponse { consultation_id, respondent: respondent.key(), answers }
    }
}

/// Responses go through the batch queue: a respondent once per batch, written by [`insert_responses`].
impl crate::platform::batch_queue::Batched for NewResponse {
    /// `false` when this respondent had already answered (nothing stored).
    type Outcome = bool;
    type Key = (i64, String);

    fn key(&self) -> (i64, String) {
        (self.consultation_id, self.respondent.clone())
    }

    async fn write_all(pool: &Pool, items: &[Self]) -> Result<Vec<Result<bool, AppError>>, AppError> {
        insert_responses(pool, items).await
    }
}

/// Each batch of responses writes 20 earlier responses of its consultation again (see [`db::Cover`]).
const RESPONSE_COVER: db::Cover<'static> = db::Cover {
    acts: "consultation_responses",
    scope: "consultation_id",
    same_act: "answered_on = answered_on",
    parts: "consultation_answers",
    act_key: "response_id",
    part_key: "response_id, question_id, position",
    same_part: "value = value",
    count: 20,
};

/// Stores responses in one transaction: each respondent is recorded as a participant (the primary
/// key refuses a second response, even from two tabs at once), then the accepted responses are
/// written in random order, under random ids, with the day only, so that neither row order, ids,
/// times nor the transaction tell which participant gave which response.
pub async fn insert_responses(pool: &Pool, items: &[NewResponse]) -> Result<Vec<Result<bool, AppError>>, AppError> {
    use rand::seq::SliceRandom;
    // Participants in key order, never in the order they came; responses shuffled, ids drawn now
    // (the generator cannot live across an await).
    let (mut by_key, mut shuffled): (Vec<usize>, Vec<usize>) = ((0..items.len()).collect(), (0..items.len()).collect());
    by_key.sort_by_key(|index| (items[*index].consultation_id, &items[*index].respondent));
    shuffled.shuffle(&mut rand::thread_rng());
    let ids: Vec<i64> = (0..items.len()).map(|_| db::random_id()).collect();
    let day = db::now().div_euclid(86_400) * 86_400;
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    let consultations: std::collections::BTreeSet<i64> = items.iter().map(|item| item.consultation_id).collect();
    for consultation_id in consultations {
        db::cover(&mut tx, &RESPONSE_COVER, consultation_id).await?;
    }
    let mut accepted = vec![false; items.len()];
    for index in by_key {
        let item = &items[index];
        let inserted = sqlx::query(
            "INSERT INTO consultation_participants (consultation_id, respondent) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(item.consultation_id)
        .bind(&item.respondent)
        .execute(&mut *tx)
        .await?;
        accepted[index] = inserted.rows_affected() == 1;
    }
    for index in shuffled.into_iter().filter(|index| accepted[*index]) {
        let item = &items[index];
        sqlx::query("INSERT INTO consultation_responses (id, consultation_id, answered_on) VALUES ($1, $2, $3)")
            .bind(ids[index])
            .bind(item.consultation_id)
            .bind(day)
            .execute(&mut *tx)
            .await?;
        let rows = item
            .answers
            .iter()
            .flat_map(|(question_id, answer)| answer.rows().into_iter().map(move |row| (*question_id, row)));
        for (position, (question_id, (option_id, value, text))) in rows.enumerate() {
            sqlx::query(
                "INSERT INTO consultation_answers (response_id, question_id, position, option_id, value, text) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(ids[index])
            .bind(question_id)
            .bind(position as i64)
            .bind(option_id)
            .bind(value)
            .bind(text)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(accepted.into_iter().map(Ok).collect())
}

/// What the tallies need: people per question, grouped choice/scale/rank rows, and text counts.
pub async fn tally_inputs(
    pool: &Pool,
    consultation_id: i64,
) -> Result<(BTreeMap<i64, i64>, Vec<Group>, BTreeMap<i64, i64>), AppError> {
    let answered: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.question_id, CAST(COUNT(DISTINCT a.response_id) AS BIGINT) FROM consultation_answers a \
         JOIN consultation_questions q ON q.id = a.question_id WHERE q.consultation_id = $1 GROUP BY a.question_id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?;
    let groups: Vec<(i64, Option<i64>, Option<i64>, i64)> = sqlx::query_as(
        "SELECT a.question_id, a.option_id, a.value, CAST(COUNT(*) AS BIGINT) FROM consultation_answers a \
         JOIN consultation_questions q ON q.id = a.question_id WHERE q.consultation_id = $1 AND a.text IS NULL \
         GROUP BY a.question_id, a.option_id, a.value",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?;
    let texts: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.question_id, CAST(COUNT(*) AS BIGINT) FROM consultation_answers a \
         JOIN consultation_questions q ON q.id = a.question_id WHERE q.consultation_id = $1 AND a.text IS NOT NULL \
         GROUP BY a.question_id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?;
    let groups = groups
        .into_iter()
        .map(|(question_id, option_id, value, count)| Group { question_id, option_id, value, count })
        .collect();
    Ok((answered.into_iter().collect(), groups, texts.into_iter().collect()))
}

/// Every free-text answer, question by question, by day (responses keep no finer time).
pub async fn text_answers(pool: &Pool, consultation_id: i64) -> Result<Vec<TextAnswer>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.question_id, a.text, r.answered_on FROM consultation_answers a \
         JOIN consultation_questions q ON q.id = a.question_id JOIN consultation_responses r ON r.id = a.response_id \
         WHERE q.consultation_id = $1 AND a.text IS NOT NULL ORDER BY q.position, r.answered_on, r.id, a.position",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?)
}
