//! The dialogue platform's landing page, and the reference data (institutions) the spaces share.
pub mod api;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;

// What other spaces may use: the institutions petitions, consultations, forums and calls belong to.
pub use api::staff_institutions;
pub use pages::OpeningFields;
#[cfg(feature = "ssr")]
pub use store::institutions;
