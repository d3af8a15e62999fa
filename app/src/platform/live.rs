//! Live figures for many watchers at little cost: per topic (a campaign's tallies, say), one task
//! reads the database once per period while someone watches and hands the same value to every
//! watcher, only when it changed. Each server instance reads for itself, so a change made through
//! another instance reaches its watchers within a period, with no message per change.
//!
//! Each open stream holds a connection: they are capped per client address and in all, and a
//! stream with nothing to send for `IDLE_TIMEOUT` ends (the browser's EventSource reconnects).
use axum::{
    http::StatusCode,
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures::{Stream, StreamExt, stream};
use std::{
    collections::HashMap,
    convert::Infallible,
    future::Future,
    net::IpAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::watch;

/// One read per topic per period, whatever the number of watchers.
pub const PERIOD: Duration = Duration::from_secs(1);

/// Open streams one client address may hold (a few tabs), and this instance in all.
pub const MAX_STREAMS_PER_CLIENT: usize = 8;
pub const MAX_STREAMS: usize = 4_000;

/// A stream that had nothing to send for this long ends; the browser opens a new one if the page
/// is still there, so a stream nobody reads does not hold its place for ever.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(15 * 60);

type Topics = HashMap<String, watch::Sender<Option<String>>>;

#[derive(Default)]
struct Streams {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

pub struct LiveHub {
    topics: Mutex<Topics>,
    streams: Mutex<Streams>,
    max_per_client: usize,
    max_total: usize,
}

impl Default for LiveHub {
    fn default() -> Self {
        Self::with_limits(MAX_STREAMS_PER_CLIENT, MAX_STREAMS)
    }
}

/// A place taken by one open stream, given back when the stream is dropped.
pub struct StreamSlot {
    hub: Arc<LiveHub>,
    client: IpAddr,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut streams = self.hub.streams.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        streams.total = streams.total.saturating_sub(1);
        if let Some(count) = streams.per_client.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                streams.per_client.remove(&self.client);
            }
        }
    }
}

impl LiveHub {
    pub fn with_limits(max_per_client: usize, max_total: usize) -> Self {
        Self { topics: Mutex::default(), streams: Mutex::default(), max_per_client, max_total }
    }

    /// A place for one more stream of `client`, if neither it nor the instance is at its cap.
    pub fn admit(self: &Arc<Self>, client: IpAddr) -> Option<StreamSlot> {
        let mut streams = self.streams.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let held = streams.per_client.get(&client).copied().unwrap_or(0);
        if held >= self.max_per_client || streams.total >= self.max_total {
            return None;
        }
        streams.total += 1;
        streams.per_client.insert(client, held + 1);
        Some(StreamSlot { hub: Arc::clone(self), client })
    }

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
/// the topic's shared reader sees. Refused with 429 when `client` (unknown: one shared place) or
/// the instance holds as many streams as allowed.
pub async fn sse<F, Fut>(
    hub: &Arc<LiveHub>,
    client: Option<IpAddr>,
    topic: &str,
    name: &'static str,
    read: F,
) -> Response
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Option<String>> + Send,
{
    let Some(slot) = hub.admit(client.unwrap_or(IpAddr::from([0, 0, 0, 0]))) else {
        let message =
            "Trop de suivis en direct ouverts depuis votre adresse : fermez des onglets ou réessayez plus tard.";
        return (StatusCode::TOO_MANY_REQUESTS, message).into_response();
    };
    let receiver = hub.watch(topic, PERIOD, read.clone());
    let first = read().await;
    let events = values(receiver, first, IDLE_TIMEOUT).map(move |value| {
        // The stream owns its place: dropped with it, whatever ends it.
        let _held = &slot;
        Ok::<_, Infallible>(Event::default().event(name).data(value))
    });
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}

/// `first`, if any, then every value the shared reader publishes after the watcher joined, except
/// a repeat of the value last sent; ends after `idle` without a value to send.
fn values(
    receiver: watch::Receiver<Option<String>>,
    first: Option<String>,
    idle: Duration,
) -> impl Stream<Item = String> + Send {
    stream::unfold((receiver, first, None::<String>), move |(mut receiver, pending, last)| async move {
        if let Some(value) = pending {
            return Some((value.clone(), (receiver, None, Some(value))));
        }
        let deadline = tokio::time::Instant::now() + idle;
        loop {
            tokio::time::timeout_at(deadline, receiver.changed()).await.ok()?.ok()?;
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
        let mut streams: Vec<_> =
            watchers.into_iter().map(|receiver| Box::pin(values(receiver, None, IDLE_TIMEOUT))).collect();
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
        let mut stream = Box::pin(values(receiver, Some("42".to_string()), IDLE_TIMEOUT));
        assert_eq!(stream.next().await.as_deref(), Some("42"));
        // The shared reader keeps reading 41 (unchanged), so nothing older follows.
        let waited = tokio::time::timeout(PERIOD * 3, stream.next()).await;
        assert!(waited.is_err(), "no step back to 41");
    }

    #[tokio::test(start_paused = true)]
    async fn a_topic_that_has_no_value_yet_sends_nothing() {
        let hub = Arc::new(LiveHub::default());
        let receiver = hub.watch("empty", PERIOD, || async { None });
        let mut stream = Box::pin(values(receiver, None, IDLE_TIMEOUT));
        let waited = tokio::time::timeout(PERIOD * 3, stream.next()).await;
        assert!(waited.is_err(), "no event before a first value");
    }

    #[tokio::test(start_paused = true)]
    async fn a_stream_with_nothing_to_send_ends_after_the_idle_timeout() {
        let hub = Arc::new(LiveHub::default());
        let receiver = hub.watch("calm", PERIOD, || async { Some("5".to_string()) });
        let mut stream = Box::pin(values(receiver, None, Duration::from_secs(60)));
        assert_eq!(stream.next().await.as_deref(), Some("5"));
        // The figure never moves: the stream closes instead of holding its connection.
        let ended = tokio::time::timeout(Duration::from_secs(61), stream.next()).await;
        assert_eq!(ended, Ok(None));
    }

    #[test]
    fn streams_are_capped_per_client_and_in_all_and_given_back_when_dropped() {
        let hub = Arc::new(LiveHub::with_limits(2, 3));
        let (one, two) = (IpAddr::from([192, 0, 2, 1]), IpAddr::from([192, 0, 2, 2]));
        let first = hub.admit(one).expect("a first place");
        let _second = hub.admit(one).expect("a second place");
        assert!(hub.admit(one).is_none(), "two per client");
        let _other = hub.admit(two).expect("another client still gets in");
        assert!(hub.admit(two).is_none(), "three in all");
        drop(first);
        assert!(hub.admit(one).is_some(), "a place given back is taken again");
    }
}
