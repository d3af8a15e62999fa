//! Accounts: registration, email verification, sessions, profile, roles.
pub mod api;
pub mod domain;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;
