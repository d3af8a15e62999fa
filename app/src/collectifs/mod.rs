//! Collectifs (Carvin CESEC): thematic groups open to all, their members and state history, and
//! their agenda with registrations, waiting lists and iCalendar feeds, and their publications with
//! the opinion chain up to the municipality's answer.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod files;
pub mod model;
pub mod pages;
pub mod publication;
#[cfg(feature = "ssr")]
pub mod store;
