//! Contribution calls (dialogue platform): staff open a theme for a period, residents send
//! testimonies and proposals, staff retain some and publish a synthesis that gathers them.
pub mod api;
pub mod domain;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;
