//! Petitions (dialogue platform): drafting, moderation, signatures confirmed by email, thresholds
//! set by each institution, live counts and the institution's answer.
pub mod api;
pub mod domain;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod store;
