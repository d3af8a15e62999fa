//! Collectifs (Carvin CESEC): thematic groups open to all, their members and state history, and
//! their agenda with registrations, waiting lists and iCalendar feeds.
pub mod api;
pub mod domain;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
