//! Forums (dialogue platform): themes with a guiding question and a period, threads, one level of
//! replies, quotes, supports, a small sanitised Markdown, flags and moderation, a pinned synthesis.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;
