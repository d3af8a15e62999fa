//! Neighbourhood councils drawn by lot (Béthune): councils, candidacies checked by staff, and a
//! fair sortition with quotas whose public record anyone can recompute.
pub mod api;
#[cfg(feature = "ssr")]
pub mod council;
// The engine runs on the server only: it stays out of the WASM bundle.
#[cfg(feature = "ssr")]
pub mod files;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod sortition;
#[cfg(feature = "ssr")]
pub mod store;
