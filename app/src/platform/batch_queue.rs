//! Secret acts (budget ballots, consultation answers) wait here to be written together. One task
//! takes what has queued up and stores it in one transaction, so under load a transaction and its
//! handful of statements carry many acts instead of one. The person is answered only once their act
//! is committed.
//!
//! A batch is also a crowd: rows written by one transaction carry the same transaction id on
//! PostgreSQL (`xmin`) and are stored in random order, so a copy of the database tells the acts of
//! one batch apart from no other act of it. A batch keeps gathering while acts keep coming, for a
//! short mixing window, so that a burst lands in a few large batches; a lone voter at a quiet hour
//! still makes a batch of one (see README, "Ballot secrecy").
use super::{db::Pool, error::AppError};
use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::hash::Hash;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, timeout};

/// What a batch queue writes: each item says who it belongs to (never twice in one batch) and how
/// a batch of them is stored in one transaction.
pub trait Batched: Sized + Send + Sync + 'static {
    type Outcome: Send + 'static;
    type Key: Hash + Eq;
    fn key(&self) -> Self::Key;
    /// Stores `items` in one transaction: one outcome per item, in order, or an error that stored none.
    fn write_all(
        pool: &Pool,
        items: &[Self],
    ) -> impl Future<Output = Result<Vec<Result<Self::Outcome, AppError>>, AppError>> + Send;
}

/// Most items in one transaction.
const MOST_PER_BATCH: usize = 256;

/// A batch waits for another item this long at most…
const MIXING_GAP: Duration = Duration::from_millis(10);

/// …and, since its first item, this long at most: what a person may wait for the sake of the crowd.
const MIXING_WINDOW: Duration = Duration::from_millis(500);

/// The sending end of a queue, shared by every request of one server instance.
pub struct BatchQueue<T: Batched> {
    sender: mpsc::Sender<Job<T>>,
}

impl<T: Batched> Clone for BatchQueue<T> {
    fn clone(&self) -> Self {
        BatchQueue { sender: self.sender.clone() }
    }
}

struct Job<T: Batched> {
    item: T,
    reply: oneshot::Sender<Result<T::Outcome, AppError>>,
}

impl<T: Batched> BatchQueue<T> {
    /// Starts the writing task on the current runtime.
    pub fn start(pool: Pool) -> Self {
        let (sender, receiver) = mpsc::channel(1024);
        tokio::spawn(write_loop(pool, receiver));
        BatchQueue { sender }
    }

    /// Stores `item` and returns its outcome once committed, or why it was refused.
    pub async fn submit(&self, item: T) -> Result<T::Outcome, AppError> {
        let (reply, answer) = oneshot::channel();
        self.sender.send(Job { item, reply }).await.map_err(|_| AppError::Internal)?;
        answer.await.map_err(|_| AppError::Internal)?
    }
}

async fn write_loop<T: Batched>(pool: Pool, mut receiver: mpsc::Receiver<Job<T>>) {
    let mut waiting: VecDeque<Job<T>> = VecDeque::new();
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
        let batch = take_batch(&mut waiting, |job| job.item.key(), MOST_PER_BATCH);
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

async fn write<T: Batched>(pool: &Pool, batch: Vec<Job<T>>) {
    let (items, replies): (Vec<T>, Vec<_>) = batch.into_iter().map(|job| (job.item, job.reply)).unzip();
    match T::write_all(pool, &items).await {
        Ok(outcomes) => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                // The person may have gone: what they sent is stored all the same.
                let _ = reply.send(outcome);
            }
        }
        Err(error) if items.len() == 1 => {
            let _ = replies.into_iter().next().map(|reply| reply.send(Err(error)));
        }
        Err(error) => {
            // One item broke the transaction (nothing was stored): each alone, so only it fails.
            tracing::warn!(%error, items = items.len(), "batch failed, written one by one");
            for (item, reply) in items.into_iter().zip(replies) {
                let outcome = T::write_all(pool, std::slice::from_ref(&item))
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
