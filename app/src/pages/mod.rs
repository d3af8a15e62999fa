//! Pages of the platform itself (the spaces and accounts have their own).
pub mod home;
pub mod legal;
pub mod not_found;
pub mod outbox;
