//! Live updates in the hydrated app: a signal follows a server-sent events feed (platform::live).
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// Sets `target` to each `event` of the feed at `url` (JSON data), until the page that owns the
/// signal is gone. Without the WASM the page simply shows what the server rendered.
#[cfg(feature = "hydrate")]
pub fn follow<T: DeserializeOwned + Send + Sync + 'static>(url: String, event: &'static str, target: RwSignal<T>) {
    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    let Ok(mut source) = EventSource::new(&url) else {
        return;
    };
    let Ok(mut updates) = source.subscribe(event) else {
        return;
    };
    leptos::task::spawn_local(async move {
        while let Some(Ok((_, message))) = updates.next().await {
            let Some(value) = message.data().as_string().and_then(|text| serde_json::from_str::<T>(&text).ok()) else {
                continue;
            };
            // The page is gone: stop listening (closing the source ends the connection).
            if target.try_set(value).is_some() {
                break;
            }
        }
        source.close();
    });
}

#[cfg(not(feature = "hydrate"))]
pub fn follow<T: DeserializeOwned + Send + Sync + 'static>(_: String, _: &'static str, _: RwSignal<T>) {}
