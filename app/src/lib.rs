//! Agora: the pages, components and server functions shared by the server and the browser.
#![recursion_limit = "256"]

pub mod accounts;
pub mod budget;
pub mod pages;
pub mod platform;
pub mod shell;
pub mod spaces;
pub mod ui;

pub use shell::{App, shell};
