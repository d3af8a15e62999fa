//! One file per forum page.
pub mod moderation;
pub mod new_theme;
pub mod theme;
pub mod themes;
pub mod thread;
