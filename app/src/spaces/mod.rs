//! Landing pages of the spaces not built out yet, listing what each one covers from the reference data.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
