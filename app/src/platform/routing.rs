//! What a page reads from its address: the path's `{slug}` and `{id}`, and query parameters.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The `{slug}` of the current route (a campaign's, a council's, a collectif's…).
pub fn slug_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|params| params.get("slug").unwrap_or_default()))
}

/// The `{id}` of the current route (0, which names nothing, when unreadable).
pub fn id_param() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse().ok()).unwrap_or(0)))
}

/// The value of query parameter `key` in the current URL.
pub fn query_param(key: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|query| query.get(key)))
}
