//! Neighbourhood councils drawn by lot (Béthune): the fair, verifiable sortition engine.
pub mod domain;
