//! The Agora server: startup (state, router, middleware), telemetry, demo data and the CLI commands.
pub mod assets;
pub mod commands;
pub mod demo;
pub mod form_flash;
pub mod security;
pub mod startup;
pub mod telemetry;
