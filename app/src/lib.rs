//! Agora: the pages, components and server functions shared by the server and the browser.
#![recursion_limit = "256"]

pub mod accounts;
pub mod budget;
pub mod citizen_councils;
pub mod collectifs;
pub mod consultations;
pub mod contributions;
pub mod dialogue;
pub mod forums;
#[cfg(test)]
mod import_rule;
pub mod neighbourhood_councils;
pub mod pages;
pub mod petitions;
pub mod platform;
pub mod shell;
pub mod ui;

pub use shell::{App, shell};
