//! The dialogue platform's landing page, and the reference data (institutions) the spaces share.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
