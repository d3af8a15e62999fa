//! The integration tests, in one binary: each test starts the real app on port 0 with a fresh
//! database (SQLite, and PostgreSQL when AGORA_TEST_POSTGRES_URL is set). One binary rather than one
//! per file keeps the build folder to a few gigabytes instead of dozens.
#[macro_use]
mod common;

mod authorization;
mod ballot_secrecy;
mod budget;
mod budget_images;
mod budget_import;
mod budget_projects;
mod budget_store;
mod citizen_councils;
mod collectifs;
mod collectifs_store;
mod consultations;
mod contributions;
mod councils;
mod durability;
mod forums;
mod http;
mod mail;
mod petitions;
mod publications;
mod route_authorization;
mod sortition_cli;
mod store;
mod trust;
