//! Citizen budget (Pas-de-Calais): campaigns, projects, ballots and fair counting rules.
//! `domain/` is pure (rules, ballots, tallies, Pabulib files), `store/` the SQL by table family,
//! `api/` the server functions by audience, `http` the plain routes, `pages/` one file per page and
//! their routes, `paths` every address.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;

// What other spaces and the server may use.
#[cfg(feature = "ssr")]
pub use store::VoterBallot;
