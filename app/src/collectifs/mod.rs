//! Collectifs (Carvin CESEC): thematic groups open to all, their members and state history, and
//! their agenda with registrations, waiting lists and iCalendar feeds, and their publications with
//! the opinion chain up to the municipality's answer.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
pub mod paths;
pub mod publication;
#[cfg(feature = "ssr")]
pub mod store;

// What other spaces may use: the shared agenda (events hosted by a collectif or a council), the
// page of a council's event and the iCalendar feed of a host's agenda.
pub use api::CreateEvent;
pub use domain::split_agenda;
#[cfg(feature = "ssr")]
pub(crate) use http::host_agenda_feed;
pub use model::{Agenda, HostKind};
pub use pages::event::CouncilEventPage;
pub(crate) use pages::{EventList, FeedLink, NewEventFields};
#[cfg(feature = "ssr")]
pub use store::{Host, events};
