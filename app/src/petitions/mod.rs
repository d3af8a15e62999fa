//! Petitions (dialogue platform): drafting, moderation, signatures confirmed by email, thresholds
//! set by each institution, live counts and the institution's answer.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;

// What other spaces may use: a person's petitions, for their data export and account deletion.
#[cfg(feature = "ssr")]
pub use store::{filed_by, forget_signer, signed_by};
