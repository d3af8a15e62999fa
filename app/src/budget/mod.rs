//! Citizen budget (Pas-de-Calais): campaigns, projects, ballots and fair counting rules.
pub mod api;
pub mod ballot;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod images;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod routes;
pub mod setup;
#[cfg(feature = "ssr")]
pub mod store;
pub mod submission;
pub mod tally;

// What other spaces and the server may use.
#[cfg(feature = "ssr")]
pub use store::VoterBallot;
