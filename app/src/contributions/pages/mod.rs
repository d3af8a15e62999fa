//! One file per contribution page.
pub mod call;
pub mod calls;
pub mod new_call;
