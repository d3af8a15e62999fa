//! Neighbourhood councils drawn by lot (Béthune): councils, candidacies checked by staff, and a
//! fair sortition with quotas whose public record anyone can recompute.
pub mod api;
#[cfg(feature = "ssr")]
pub mod council;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
pub mod paths;
// The engine runs on the server only: it stays out of the WASM bundle.
#[cfg(feature = "ssr")]
pub mod sortition;
#[cfg(feature = "ssr")]
pub mod store;
