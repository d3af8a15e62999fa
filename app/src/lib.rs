//! Agora: the pages, components and server functions shared by the server and the browser.
#![recursion_limit = "256"]

pub mod accounts;
pub mod budget;
pub mod citizen_councils;
pub mod collectifs;
pub mod consultations;
pub mod contributions;
pub mod forums;
pub mod pages;
pub mod petitions;
pub mod platform;
pub mod shell;
pub mod sortition;
pub mod spaces;
pub mod ui;

pub use shell::{App, shell};
