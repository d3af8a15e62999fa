//! Ballots wait here to be written together. One task takes what has queued up and stores it in
//! one transaction (`store::cast_ballots`), so under load a transaction and its handful of
//! statements carry many ballots instead of one. A voter is answered only once their ballot is
//! committed.
//!
//! A batch is also a crowd: rows written by one transaction carry the same transaction id on
//! PostgreSQL (`xmin`) and are stored in random order, so a copy of the database tells the ballots
//! of one batch apart from no other ballot of it. A batch keeps gathering while ballots keep coming,
//! for a short mixing window, so that a burst of voters lands in a few large batches; a lone voter
//! at a quiet hour still makes a batch of one (see README, "Ballot secrecy").
use super::store::{self, Cast, VoterBallot};
use crate::platform::{db::Pool, error::AppError};
use std::collections::{HashSet, VecDeque};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, timeout};

/// Most ballots in one transaction.
const MOST_PER_BATCH: usize = 256;

/// A batch waits for another ballot this long at most…
const MIXING_GAP: Duration = Duration::from_millis(10);

/// …and, since its first ballot, this long at most: what a voter may wait for the sake of the crowd.
const MIXING_WINDOW: Duration = Duration::from_millis(500);

/// The sending end of the queue, shared by every request of one server instance.
#[derive(Clone)]
pub struct BallotQueue {
    sender: mpsc::Sender<Job>,
}

struct Job {
    ballot: VoterBallot,
    reply: oneshot::Sender<Result<Cast, AppError>>,
}

impl BallotQueue {
    /// Starts the writing task on the current runtime.
    pub fn start(pool: Pool) -> Self {
        let (sender, receiver) = mpsc::channel(1024);
        tokio::spawn(write_loop(pool, receiver));
        BallotQueue { sender }
    }

    /// Stores `ballot` and returns its receipt code, once committed, or why it was refused.
    pub async fn cast(&self, ballot: VoterBallot) -> Result<(String, Cast), AppError> {
        let code = ballot.code.clone();
        let (reply, answer) = oneshot::channel();
        self.sender.send(Job { ballot, reply }).await.map_err(|_| AppError::Internal)?;
        let cast = answer.await.map_err(|_| AppError::Internal)??;
        Ok((code, cast))
    }
}

async fn write_loop(pool: Pool, mut receiver: mpsc::Receiver<Job>) {
    let mut waiting: VecDeque<Job> = VecDeque::new();
    loop {
        if waiting.is_empty() {
            match receiver.recv().await {
                Some(job) => waiting.push_back(job),
                None => return,
            }
        }
        let closes = Instant::now() + MIXING_WINDOW;
        while waiting.len() < 2 * MOST_PER_BATCH {
            let wait = MIXING_GAP.min(closes.saturating_duration_since(Instant::now()));
            match timeout(wait, receiver.recv()).await {
                Ok(Some(job)) => waiting.push_back(job),
                // The gap passed, the window closed, or the queue is closing: write what is here.
                _ => break,
            }
        }
        let batch = take_batch(&mut waiting, |job| (job.ballot.campaign_id, job.ballot.user_id), MOST_PER_BATCH);
        write(&pool, batch).await;
    }
}

/// Up to `most` items from the front, in order, no two with the same key; the others keep their
/// place for the next batch (a voter changing their ballot twice in a row gets both, in order).
fn take_batch<T, K: std::hash::Hash + Eq>(waiting: &mut VecDeque<T>, key: impl Fn(&T) -> K, most: usize) -> Vec<T> {
    let mut keys = HashSet::new();
    let mut batch = Vec::new();
    let mut left = VecDeque::new();
    while let Some(item) = waiting.pop_front() {
        if batch.len() < most && keys.insert(key(&item)) {
            batch.push(item);
        } else {
            left.push_back(item);
        }
    }
    *waiting = left;
    batch
}

async fn write(pool: &Pool, batch: Vec<Job>) {
    let (ballots, replies): (Vec<VoterBallot>, Vec<_>) = batch.into_iter().map(|job| (job.ballot, job.reply)).unzip();
    match store::cast_ballots(pool, &ballots).await {
        Ok(outcomes) => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                // The voter may have gone: their ballot is stored all the same.
                let _ = reply.send(outcome);
            }
        }
        Err(error) if ballots.len() == 1 => {
            let _ = replies.into_iter().next().map(|reply| reply.send(Err(error)));
        }
        Err(error) => {
            // One ballot broke the transaction (nothing was stored): each alone, so only it fails.
            tracing::warn!(%error, ballots = ballots.len(), "ballot batch failed, written one by one");
            for (ballot, reply) in ballots.into_iter().zip(replies) {
                let outcome = store::cast_ballots(pool, std::slice::from_ref(&ballot))
                    .await
                    .and_then(|mut outcomes| outcomes.pop().unwrap_or(Err(AppError::Internal)));
                let _ = reply.send(outcome);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_keeps_order_and_holds_each_key_once() {
        let mut waiting: VecDeque<(char, u8)> = [('a', 1), ('b', 2), ('a', 3), ('c', 4), ('d', 5)].into();
        let batch = take_batch(&mut waiting, |(key, _)| *key, 3);
        assert_eq!(batch, vec![('a', 1), ('b', 2), ('c', 4)]);
        assert_eq!(waiting, VecDeque::from([('a', 3), ('d', 5)]));
        let next = take_batch(&mut waiting, |(key, _)| *key, 3);
        assert_eq!(next, vec![('a', 3), ('d', 5)]);
        assert!(waiting.is_empty());
    }
}
