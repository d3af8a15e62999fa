//! The five spaces' landing pages, listing what each one covers from the reference data.
pub mod api;
pub mod pages;
