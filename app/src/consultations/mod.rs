//! Consultations (dialogue platform): staff build a questionnaire with a window and an audience;
//! residents answer once; results are counted, charted on the server, and shown when staff chose.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;

// What other spaces and the server may use.
#[cfg(feature = "ssr")]
pub use store::NewResponse;
