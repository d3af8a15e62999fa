//! Ballots: voters and their participations, ballots kept apart from them (random ids, shuffled
//! batches, keyed tags), paper ballots, receipts, and the running totals they move.
use super::*;
use crate::budget::domain::ballot::receipt_mail;
use crate::budget::model::StaffActKind;
use crate::platform::{
    db::{self, Pool},
    error::AppError,
    mail,
    secrets::HashKey,
    session,
};
use rand::Rng;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A voter's date of birth (`YYYY-MM-DD`) and territory.
pub async fn voter(pool: &Pool, user_id: i64) -> Result<(String, Option<i64>), AppError> {
    sqlx::query_as("SELECT birth_date, territory_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn has_voted(pool: &Pool, campaign_id: i64, user_id: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT user_id FROM budget_participations WHERE campaign_id = $1 AND user_id = $2")
        .bind(campaign_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .is_some())
}

/// `A1B2-C3D4-E5F6`: random, so that it says nothing about the voter or the order of ballots.
fn receipt_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let chars: Vec<char> = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    chars.chunks(4).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A signed-in voter; `changeable` where the campaign lets them change their ballot.
pub struct BallotVoter<'a> {
    pub user_id: i64,
    pub changeable: bool,
    pub key: &'a HashKey,
    /// Where the receipt goes (email, campaign title): queued in the ballot's own transaction, so a
    /// ballot is never stored without its receipt nor a receipt sent for a ballot not stored.
    pub receipt_to: Option<(&'a str, &'a str)>,
}

impl BallotVoter<'_> {
    /// This voter's ballot for `project_ids`, ready to store, with a new receipt code.
    pub fn ballot(&self, campaign_id: i64, project_ids: &[i64]) -> VoterBallot {
        let code = receipt_code();
        VoterBallot {
            campaign_id,
            user_id: self.user_id,
            address_key: self.key.derive(ADDRESS_TAG_PURPOSE),
            voter_tag: self.changeable.then(|| voter_tag(self.key, campaign_id, self.user_id)),
            receipt_tag: receipt_tag(self.key, &code),
            project_ids: project_ids.to_vec(),
            receipt_to: self.receipt_to.map(|(email, title)| (email.to_string(), title.to_string())),
            code,
        }
    }
}

/// A voter's ballot waiting to be stored: owns everything, so it can wait in the ballot queue.
#[derive(Debug, Clone)]
pub struct VoterBallot {
    pub campaign_id: i64,
    pub user_id: i64,
    /// Tags the voter's address for their participation.
    address_key: HashKey,
    /// Where the ballot may change, the keyed tag that finds it again.
    voter_tag: Option<String>,
    pub code: String,
    receipt_tag: String,
    project_ids: Vec<i64>,
    receipt_to: Option<(String, String)>,
}

/// Whether a voter's ballot was new or replaced their previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    New,
    Changed,
}

/// Ballots go through the batch queue: one voter once per batch, written by [`cast_ballots`].
impl crate::platform::batch_queue::Batched for VoterBallot {
    type Outcome = Cast;
    type Key = (i64, i64);

    fn key(&self) -> (i64, i64) {
        (self.campaign_id, self.user_id)
    }

    async fn write_all(pool: &Pool, items: &[Self]) -> Result<Vec<Result<Cast, AppError>>, AppError> {
        cast_ballots(pool, items).await
    }
}

/// What the ballot key is derived for to tag voters' addresses.
const ADDRESS_TAG_PURPOSE: &str = "budget-participation-address";

/// The keyed tag of the address a vote came from: one person counts once in a campaign, even after
/// deleting their account and opening another with the same address. Keyed, so that a copy of the
/// database cannot test addresses against it.
fn address_tag(key: &HashKey, campaign_id: i64, email: &str) -> String {
    key.tag(&format!("{campaign_id}:{email}"))
}

/// The keyed tag that lets a voter's changeable ballot be found again, by whoever holds the key.
fn voter_tag(key: &HashKey, campaign_id: i64, user_id: i64) -> String {
    key.tag(&format!("ballot-voter:{campaign_id}:{user_id}"))
}

/// Ballots store their receipt keyed: the code in the voter's email does not find the ballot in a
/// copy of the database.
fn receipt_tag(key: &HashKey, code: &str) -> String {
    key.tag(&format!("ballot-receipt:{code}"))
}

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Rows per multi-row insert: well under every backend's limit on bound values.
const ROWS_PER_STATEMENT: usize = 200;

/// Stores voters' ballots in one transaction, each with its receipt, and says for each whether it
/// was new, replaced the voter's previous ballot, or was refused (then nothing of it is stored).
/// Participations are recorded first: their unique constraint refuses a second ballot, even when
/// both arrive at once, unless the ballot may change — then the ballot carrying the voter's tag is
/// replaced. A handful of statements whatever the number of ballots, since every round trip holds
/// the write turn. `Err` when the transaction failed: then nothing at all is stored. No voter may
/// appear twice in one call (the ballot queue keeps them apart).
pub async fn cast_ballots(pool: &Pool, ballots: &[VoterBallot]) -> Result<Vec<Result<Cast, AppError>>, AppError> {
    let mut voters: Vec<(i64, i64)> = ballots.iter().map(|ballot| (ballot.campaign_id, ballot.user_id)).collect();
    // The same order in every transaction, so two server instances never wait on each other in a cycle.
    voters.sort_unstable();
    if voters.windows(2).any(|pair| pair[0] == pair[1]) {
        tracing::error!("a voter appears twice in one batch of ballots");
        return Err(AppError::Internal);
    }
    // Read before the transaction: on SQLite a transaction that reads first cannot take the write
    // lock once another connection (the mail sender) has written, and fails instead of waiting.
    let emails = voter_emails(pool, &voters).await?;
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    // The day only: the second of a vote would line its voter up with their ballot's transaction.
    let today = db::now().div_euclid(DAY) * DAY;
    let participations: Vec<(i64, i64, String)> = ballots
        .iter()
        .filter_map(|ballot| {
            let email = emails.get(&ballot.user_id)?;
            Some((ballot.campaign_id, ballot.user_id, address_tag(&ballot.address_key, ballot.campaign_id, email)))
        })
        .collect();
    let mut first_time = HashSet::new();
    for chunk in participations.chunks(ROWS_PER_STATEMENT) {
        // Either key refuses a second participation: the account, or the address it votes from.
        let sql = format!(
            "INSERT INTO budget_participations (campaign_id, user_id, address_tag, voted_on) VALUES {} \
             ON CONFLICT DO NOTHING RETURNING campaign_id, user_id",
            db::value_rows(chunk.len(), 4, 1)
        );
        let mut insert = sqlx::query_as::<_, (i64, i64)>(&sql);
        for (campaign_id, user_id, tag) in chunk {
            insert = insert.bind(*campaign_id).bind(*user_id).bind(tag.as_str()).bind(today);
        }
        first_time.extend(insert.fetch_all(&mut *tx).await?);
    }
    let voted_before = participating(&mut tx, &voters).await?;
    // Only a voter with a participation of their own finds a ballot to change: on SQLite a new
    // account may take a deleted account's id, and with it that account's ballot tag.
    let returning = |ballot: &&VoterBallot| {
        let voter = (ballot.campaign_id, ballot.user_id);
        !first_time.contains(&voter) && voted_before.contains(&voter)
    };
    let mut tags: Vec<&str> =
        ballots.iter().filter(returning).filter_map(|ballot| ballot.voter_tag.as_deref()).collect();
    tags.sort_unstable();
    let mut totals = TallyChange::default();
    let mut replaced = HashSet::new();
    for chunk in tags.chunks(ROWS_PER_STATEMENT) {
        replaced.extend(delete_tagged_ballots(&mut tx, chunk, &mut totals).await?);
    }
    let outcomes: Vec<Result<Cast, AppError>> = ballots
        .iter()
        .map(|ballot| match &ballot.voter_tag {
            _ if first_time.contains(&(ballot.campaign_id, ballot.user_id)) => Ok(Cast::New),
            Some(tag) if replaced.contains(tag) => Ok(Cast::Changed),
            _ if !voted_before.contains(&(ballot.campaign_id, ballot.user_id)) => Err(AppError::refused(
                "Un bulletin a déjà été déposé pour cette campagne avec votre adresse électronique, depuis un \
                 compte supprimé depuis : un seul bulletin par personne.",
            )),
            Some(_) => Err(AppError::refused(
                "Votre bulletin ne peut pas être retrouvé pour être modifié (il a été déposé avant que la \
                 modification soit permise, ou il vient d'être modifié ailleurs) : il reste compté tel quel.",
            )),
            None => Err(AppError::refused("Vous avez déjà voté pour cette campagne : un seul bulletin par personne.")),
        })
        .collect();
    let accepted: Vec<(&VoterBallot, Cast)> =
        ballots.iter().zip(&outcomes).filter_map(|(ballot, outcome)| Some((ballot, *outcome.as_ref().ok()?))).collect();
    let stored: Vec<NewBallot> = accepted
        .iter()
        .map(|(ballot, _)| NewBallot {
            id: db::random_id(),
            campaign_id: ballot.campaign_id,
            receipt_tag: ballot.receipt_tag.clone(),
            voter_tag: ballot.voter_tag.clone(),
            paper: false,
            choices: ballot.project_ids.iter().map(|id| (*id, 1)).collect(),
        })
        .collect();
    insert_ballots(&mut tx, stored, totals).await?;
    count_voters(&mut tx, &first_time).await?;
    let receipts: Vec<(String, String, String)> = accepted
        .iter()
        .filter_map(|(ballot, cast)| {
            let (email, title) = ballot.receipt_to.as_ref()?;
            let (subject, body) = receipt_mail(title, &ballot.code, *cast == Cast::Changed);
            Some((email.clone(), subject, body))
        })
        .collect();
    for chunk in receipts.chunks(ROWS_PER_STATEMENT) {
        mail::queue_all(&mut *tx, chunk).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// The addresses of `voters`' accounts, as the accounts store them (trimmed, lowercase).
async fn voter_emails(pool: &Pool, voters: &[(i64, i64)]) -> Result<HashMap<i64, String>, AppError> {
    let mut emails = HashMap::new();
    for chunk in voters.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("SELECT id, email FROM users WHERE id IN {}", db::value_rows(1, chunk.len(), 1));
        let mut select = sqlx::query_as::<_, (i64, String)>(&sql);
        for (_, user_id) in chunk {
            select = select.bind(*user_id);
        }
        emails.extend(select.fetch_all(pool).await?);
    }
    Ok(emails)
}

/// Which of `voters` (campaign, account) have a participation.
async fn participating(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    voters: &[(i64, i64)],
) -> Result<HashSet<(i64, i64)>, AppError> {
    let wanted: HashSet<(i64, i64)> = voters.iter().copied().collect();
    let mut found = HashSet::new();
    for chunk in voters.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT campaign_id, user_id FROM budget_participations WHERE user_id IN {}",
            db::value_rows(1, chunk.len(), 1)
        );
        let mut select = sqlx::query_as::<_, (i64, i64)>(&sql);
        for (_, user_id) in chunk {
            select = select.bind(*user_id);
        }
        found.extend(select.fetch_all(&mut **tx).await?.into_iter().filter(|voter| wanted.contains(voter)));
    }
    Ok(found)
}

/// Stores paper ballots entered by staff, all or none, marked as paper, and the batch in the
/// campaign's journal. They have no participation row and no receipt anyone holds.
pub async fn cast_paper_ballots(
    pool: &Pool,
    campaign_id: i64,
    ballots: &[Vec<i64>],
    editor: &ProjectEditor<'_>,
) -> Result<(), AppError> {
    let stored: Vec<NewBallot> = ballots
        .iter()
        .map(|project_ids| NewBallot {
            id: db::random_id(),
            campaign_id,
            receipt_tag: session::random_token(),
            voter_tag: None,
            paper: true,
            choices: project_ids.iter().map(|id| (*id, 1)).collect(),
        })
        .collect();
    let _turn = db::write_turn(pool).await;
    let mut tx = pool.begin().await?;
    insert_ballots(&mut tx, stored, TallyChange::default()).await?;
    let count = i64::try_from(ballots.len()).unwrap_or(i64::MAX);
    record_act(&mut tx, campaign_id, editor, StaffActKind::PaperBallots, None, Some(count)).await?;
    tx.commit().await?;
    Ok(())
}

/// A ballot as stored: a random id and no time of casting, so that nothing in the database ties it
/// to its voter's participation; each chosen project with its points.
pub(super) struct NewBallot {
    pub(super) id: i64,
    pub(super) campaign_id: i64,
    pub(super) receipt_tag: String,
    pub(super) voter_tag: Option<String>,
    pub(super) paper: bool,
    pub(super) choices: Vec<(i64, i64)>,
}

/// Ballots and their choices, in a few multi-row statements whatever their number, counted into
/// the running totals along with `totals` (what the caller removed in the same transaction). They
/// are written in random order: where a backend keeps rows in insertion order (PostgreSQL's heap),
/// the order of a batch says nothing of the order its voters came in.
pub(super) async fn insert_ballots(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    mut ballots: Vec<NewBallot>,
    mut totals: TallyChange,
) -> Result<(), AppError> {
    use rand::seq::SliceRandom;
    let campaigns: BTreeSet<i64> = ballots.iter().map(|ballot| ballot.campaign_id).collect();
    for campaign_id in campaigns {
        db::cover(tx, &BALLOT_COVER, campaign_id).await?;
    }
    ballots.shuffle(&mut rand::thread_rng());
    for chunk in ballots.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO budget_ballots (id, campaign_id, receipt_tag, paper, voter_tag) VALUES {}",
            db::value_rows(chunk.len(), 5, 1)
        );
        let mut insert = sqlx::query(&sql);
        for ballot in chunk {
            insert = insert
                .bind(ballot.id)
                .bind(ballot.campaign_id)
                .bind(&ballot.receipt_tag)
                .bind(i64::from(ballot.paper))
                .bind(ballot.voter_tag.as_deref());
        }
        insert.execute(&mut **tx).await?;
    }
    let choices: Vec<(i64, i64, i64)> = ballots
        .iter()
        .flat_map(|ballot| ballot.choices.iter().map(|(project, points)| (ballot.id, *project, *points)))
        .collect();
    for chunk in choices.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO budget_ballot_choices (ballot_id, project_id, points) VALUES {}",
            db::value_rows(chunk.len(), 3, 1)
        );
        let mut insert = sqlx::query(&sql);
        for (ballot, project, points) in chunk {
            insert = insert.bind(*ballot).bind(*project).bind(*points);
        }
        insert.execute(&mut **tx).await?;
    }
    for ballot in &ballots {
        totals.ballot(ballot.campaign_id, ballot.paper, 1);
        for (project, points) in &ballot.choices {
            totals.choice(*project, *points);
        }
    }
    totals.apply(tx).await
}

/// Each batch of ballots writes 20 earlier ballots of its campaign again (see [`db::Cover`]).
const BALLOT_COVER: db::Cover<'static> = db::Cover {
    acts: "budget_ballots",
    scope: "campaign_id",
    same_act: "paper = paper",
    parts: "budget_ballot_choices",
    act_key: "ballot_id",
    part_key: "ballot_id, project_id",
    same_part: "points = points",
    count: 20,
};

/// Deletes the ballots carrying `tags` and their choices, taking them off `totals`; returns the
/// tags found. By id, once found: a ballot another instance replaced meanwhile is neither deleted
/// nor subtracted twice.
async fn delete_tagged_ballots(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    tags: &[&str],
    totals: &mut TallyChange,
) -> Result<Vec<String>, AppError> {
    let sql = format!("SELECT id FROM budget_ballots WHERE voter_tag IN {}", db::value_rows(1, tags.len(), 1));
    let mut select = sqlx::query_as::<_, (i64,)>(&sql);
    for tag in tags {
        select = select.bind(*tag);
    }
    let ids: Vec<i64> = select.fetch_all(&mut **tx).await?.into_iter().map(|(id,)| id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = db::value_rows(1, ids.len(), 1);
    let sql = format!("DELETE FROM budget_ballot_choices WHERE ballot_id IN {marks} RETURNING project_id, points");
    let mut delete = sqlx::query_as::<_, (i64, i64)>(&sql);
    for id in &ids {
        delete = delete.bind(*id);
    }
    for (project, points) in delete.fetch_all(&mut **tx).await? {
        totals.choice(project, -points);
    }
    let sql = format!("DELETE FROM budget_ballots WHERE id IN {marks} RETURNING voter_tag, campaign_id, paper");
    let mut delete = sqlx::query_as::<_, (String, i64, i64)>(&sql);
    for id in &ids {
        delete = delete.bind(*id);
    }
    let mut found = Vec::with_capacity(ids.len());
    for (tag, campaign_id, paper) in delete.fetch_all(&mut **tx).await? {
        totals.ballot(campaign_id, paper == 1, -1);
        found.push(tag);
    }
    Ok(found)
}

/// Changes to the running totals the live tallies read, applied in one statement per table, in
/// key order, so that two instances' transactions never wait on each other in a cycle.
#[derive(Default)]
pub(super) struct TallyChange {
    /// Points per project.
    points: BTreeMap<i64, i64>,
    /// Ballots and paper ballots per campaign.
    ballots: BTreeMap<i64, (i64, i64)>,
}

impl TallyChange {
    fn choice(&mut self, project_id: i64, points: i64) {
        *self.points.entry(project_id).or_default() += points;
    }

    fn ballot(&mut self, campaign_id: i64, paper: bool, count: i64) {
        let counts = self.ballots.entry(campaign_id).or_default();
        counts.0 += count;
        counts.1 += if paper { count } else { 0 };
    }

    async fn apply(self, tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), AppError> {
        let points: Vec<(i64, i64)> = self.points.into_iter().filter(|(_, points)| *points != 0).collect();
        for chunk in points.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO budget_project_points (project_id, points) VALUES {} ON CONFLICT (project_id) \
                 DO UPDATE SET points = budget_project_points.points + excluded.points",
                db::value_rows(chunk.len(), 2, 1)
            );
            let mut upsert = sqlx::query(&sql);
            for (project, points) in chunk {
                upsert = upsert.bind(*project).bind(*points);
            }
            upsert.execute(&mut **tx).await?;
        }
        // Every campaign whose ballots were touched, even when the count is unchanged (a ballot
        // replaced): its `changes` moves, and with it the fingerprint of its results.
        let ballots: Vec<(i64, (i64, i64))> = self.ballots.into_iter().collect();
        for chunk in ballots.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO budget_ballot_counts (campaign_id, ballots, paper_ballots) VALUES {} \
                 ON CONFLICT (campaign_id) DO UPDATE SET ballots = budget_ballot_counts.ballots + excluded.ballots, \
                 paper_ballots = budget_ballot_counts.paper_ballots + excluded.paper_ballots, \
                 changes = budget_ballot_counts.changes + 1",
                db::value_rows(chunk.len(), 3, 1)
            );
            let mut upsert = sqlx::query(&sql);
            for (campaign, (count, paper)) in chunk {
                upsert = upsert.bind(*campaign).bind(*count).bind(*paper);
            }
            upsert.execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// Counts first-time voters into their territory's turnout, campaign by campaign.
async fn count_voters(tx: &mut sqlx::Transaction<'_, sqlx::Any>, voters: &HashSet<(i64, i64)>) -> Result<(), AppError> {
    let mut by_campaign: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (campaign, user) in voters {
        by_campaign.entry(*campaign).or_default().push(*user);
    }
    for (campaign, users) in by_campaign {
        for chunk in users.chunks(ROWS_PER_STATEMENT) {
            // `WHERE` before `ON CONFLICT` keeps SQLite from reading the latter as part of the select.
            let sql = format!(
                "INSERT INTO budget_turnout (campaign_id, territory_id, voters) \
                 SELECT $1, territory_id, COUNT(*) FROM users WHERE id IN {} AND territory_id IS NOT NULL \
                 GROUP BY territory_id ORDER BY territory_id \
                 ON CONFLICT (campaign_id, territory_id) DO UPDATE SET voters = budget_turnout.voters + excluded.voters",
                db::value_rows(1, chunk.len(), 2)
            );
            let mut upsert = sqlx::query(&sql).bind(campaign);
            for user in chunk {
                upsert = upsert.bind(*user);
            }
            upsert.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// The projects on the voter's changeable ballot, to show what they chose before changing it.
pub async fn tagged_choices(pool: &Pool, campaign_id: i64, user_id: i64, key: &HashKey) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT c.project_id FROM budget_ballot_choices c JOIN budget_ballots b ON b.id = c.ballot_id \
         WHERE b.campaign_id = $1 AND b.voter_tag = $2 ORDER BY c.project_id",
    )
    .bind(campaign_id)
    .bind(voter_tag(key, campaign_id, user_id))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub async fn paper_ballot_count(pool: &Pool, campaign_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM budget_ballots WHERE campaign_id = $1 AND paper = 1")
        .bind(campaign_id)
        .fetch_one(pool)
        .await?;
    Ok(count)
}

pub async fn receipt_exists(pool: &Pool, campaign_id: i64, code: &str, key: &HashKey) -> Result<bool, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT id FROM budget_ballots WHERE campaign_id = $1 AND receipt_tag = $2")
        .bind(campaign_id)
        .bind(receipt_tag(key, code))
        .fetch_optional(pool)
        .await?
        .is_some())
}
