//! Citizen budget (Pas-de-Calais): campaigns, projects, ballots and fair counting rules.
pub mod domain;
