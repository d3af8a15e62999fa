//! Sortition engine for neighbourhood councils drawn by lot with quotas.
//! Pure computation: no I/O, no clock, no global randomness.
//!
//! 1. [`parse_pool`] and [`parse_quotas`] read the CSV files staff upload;
//!    [`Instance::new`] checks them against each other and the seat count.
//! 2. [`leximin`] computes the fairest lottery over valid panels (Flanigan
//!    et al., Nature 2021): it maximises the smallest selection probability,
//!    then the next smallest, and so on. Unsatisfiable quotas come back as
//!    [`SortitionError::InfeasibleQuotas`] with the smallest relaxation.
//!    The result is reproducible bit for bit from the same input.
//! 3. [`Seed::from_sources`] turns public random numbers into a seed
//!    (RFC 3797 with SHA-256) and [`draw`] picks the panel; see the `draw`
//!    module for the exact procedure, recomputable by third parties.
//! 4. [`draw_record`] writes the public record of a draw and
//!    [`replacement_record`] that of a replacement; [`verify`] recomputes a
//!    record and names every difference (format in the `record` module).
//!
//! [`greedy_draw`] and [`greedy_probabilities`] reproduce the legacy greedy
//! method, as a baseline for comparison.

mod csv;
mod diagnosis;
mod draw;
mod error;
mod expand;
mod greedy;
mod leximin;
mod model;
mod pricing;
mod record;
mod simplex;

pub use csv::{parse_pool, parse_quotas};
pub use draw::{Seed, draw, rfc3797_key};
pub use error::{Bound, Conflict, Relaxation, SortitionError};
pub use expand::{Distribution, Panel, WEIGHT_SCALE};
pub use greedy::{greedy_draw, greedy_probabilities};
pub use leximin::leximin;
#[cfg(test)]
pub(crate) use model::tests::{pool as test_pool, quota as test_quota};
pub use model::{Candidate, Instance, Pool, Quota};
pub use record::{
    Announcement, DrawRecord, PublicCandidate, PublicDraw, PublicPanel, PublicPool, PublicProbability, RECORD_FORMAT,
    RECORD_VERSION, Replacement, Source, announce, announce_replacement, complete_draw, draw_record,
    replacement_record, verify, verify_link,
};
