//! Alès citizen councils: the councils of the priority neighbourhoods, their members, minutes and
//! documents, and the Fonds de Participation des Habitants, from a resident's application to the
//! project's final report, within each council's yearly envelope.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod store;

// What other spaces may use: a council by its address, to host an event.
#[cfg(feature = "ssr")]
pub use store::council_by_slug;
