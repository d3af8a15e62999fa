//! Live figures for many watchers at little cost: per topic (a campaign's tallies, say), one task
//! reads the database once per period while someone watches and hands the same value to every
//! watcher, only when it changed. Each server instance reads for itself, so a change made through
//! another instance reaches its watchers within a period, with no message per change.
use axum::response::{
    IntoResponse, Response,
    sse::{Event, KeepAlive, Sse},
};
use futures::{Stream, StreamExt, stream};
use std::{
    collections::HashMap,
    convert::Infallible,
    future::Future,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::watch;

/// One read per topic per period, whatever the number of watchers.
pub const PERIOD: Duration = Duration::from_secs(1);

type Topics = HashMap<String, watch::Sender<Option<String>>>;

#[derive(Default)]
pub struct LiveHub {
    topics: Mutex<Topics>,
}

impl LiveHub {
    /// Watches `topic`. The first watcher starts the task that calls `read` every `period`
    /// (`None` skips a round); the task stops once the last watcher has gone.
    pub fn watch<F, Fut>(self: &Arc<Self>, topic: &str, period: Duration, read: F) -> watch::Receiver<Option<String>>
    where
        F: Fn() -> Fut + Send + 'static,
        Fut: Future<Output = Option<String>> + Send,
    {
        let mut topics = self.topics.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(sender) = topics.get(topic) {
            return sender.subscribe();
        }
        let (sender, receiver) = watch::channel(None);
        topics.insert(topic.to_string(), sender.clone());
        drop(topics);
        let hub = Arc::clone(self);
        let topic = topic.to_string();
        tokio::spawn(async move {
            // Reads start a period apart, whatever a read takes, so a change waits at most a period.
            let mut ticks = tokio::time::interval(period);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Some(value) = read().await {
                    sender.send_if_modified(|current| {
                        let changed = current.as_deref() != Some(value.as_str());
                        if changed {
                            *current = Some(value);
                        }
                        changed
                    });
                }
                // Checked under the lock, so that no one subscribes to a sender about to be dropped.
                let mut topics = hub.topics.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if sender.receiver_count() == 0 {
                    topics.remove(&topic);
                    return;
                }
            }
        });
        receiver
    }

    /// How many topics are being read now.
    pub fn active_topics(&self) -> usize {
        self.topics.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).len()
    }
}

/// Server-sent events of `topic` as event `name`: first a value read for this watcher alone (so a
/// page never steps back to a figure older than the one it was rendered with), then each change
/// the topic's shared reader sees.
pub async fn sse<F, Fut>(hub: &Arc<LiveHub>, topic: &str, name: &'static str, read: F) -> Response
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Option<String>> + Send,
{
    let receiver = hub.watch(topic, PERIOD, read.clone());
    let first = read().await;
    let events =
        values(receiver, first).map(move |value| Ok::<_, Infallible>(Event::default().event(name).data(value)));
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}

/// `first`, if any, then every value the shared reader publishes after the watcher joined, except
/// a repeat of the value last sent.
fn values(receiver: watch::Receiver<Option<String>>, first: Option<String>) -> impl Stream<Item = String> + Send {
    stream::unfold((receiver, first, None::<String>), |(mut receiver, pending, last)| async move {
        if let Some(value) = pending {
            return Some((value.clone(), (receiver, None, Some(value))));
        }
        loop {
            receiver.changed().await.ok()?;
            let current = receiver.borrow_and_update().clone();
            if let Some(value) = current.filter(|value| last.as_ref() != Some(value)) {
                return Some((value.clone(), (receiver, None, Some(value))));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(start_paused = true)]
    async fn one_read_per_period_for_all_watchers_and_only_changes_are_sent() {
        let hub = Arc::new(LiveHub::default());
        let reads = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&reads);
        let read = move || {
            let counter = Arc::clone(&counter);
            // The value changes every third read.
            async move { Some((counter.fetch_add(1, Ordering::SeqCst) / 3).to_string()) }
        };
        let watchers: Vec<_> = (0..100).map(|_| hub.watch("campaign-1", PERIOD, read.clone())).collect();
        assert_eq!(hub.active_topics(), 1);
        let mut streams: Vec<_> = watchers.into_iter().map(|receiver| Box::pin(values(receiver, None))).collect();
        for stream in &mut streams {
            assert_eq!(stream.next().await.as_deref(), Some("0"));
        }
        tokio::time::sleep(PERIOD * 10).await;
        // About one read per period, not one per watcher.
        let done = reads.load(Ordering::SeqCst);
        assert!((10..=12).contains(&done), "{done} reads in 10 periods");
        // Values 1, 2 and 3 came by; a watcher that was not reading sees the latest only.
        assert_eq!(streams[0].next().await.as_deref(), Some("3"));
        drop(streams);
        tokio::time::sleep(PERIOD * 2).await;
        assert_eq!(hub.active_topics(), 0, "the task stops when no one watches");
        let after = reads.load(Ordering::SeqCst);
        tokio::time::sleep(PERIOD * 5).await;
        assert_eq!(reads.load(Ordering::SeqCst), after);
    }

    #[tokio::test(start_paused = true)]
    async fn a_new_watcher_starts_from_its_own_read_then_follows_changes() {
        let hub = Arc::new(LiveHub::default());
        let shared = hub.watch("petition-7", PERIOD, || async { Some("41".to_string()) });
        tokio::time::sleep(PERIOD / 2).await;
        assert_eq!(shared.borrow().as_deref(), Some("41"));
        // The figure moved since the shared read: the newcomer starts from its own fresher read.
        let receiver = hub.watch("petition-7", PERIOD, || async { Some("42".to_string()) });
        let mut stream = Box::pin(values(receiver, Some("42".to_string())));
        assert_eq!(stream.next().await.as_deref(), Some("42"));
        // The shared reader keeps reading 41 (unchanged), so nothing older follows.
        let waited = tokio::time::timeout(PERIOD * 3, stream.next()).await;
        assert!(waited.is_err(), "no step back to 41");
    }

    #[tokio::test(start_paused = true)]
    async fn a_topic_that_has_no_value_yet_sends_nothing() {
        let hub = Arc::new(LiveHub::default());
        let receiver = hub.watch("empty", PERIOD, || async { None });
        let mut stream = Box::pin(values(receiver, None));
        let waited = tokio::time::timeout(PERIOD * 3, stream.next()).await;
        assert!(waited.is_err(), "no event before a first value");
    }
}
