//! zhibu: campaign forms from Party branches in, the department's documents out.
//!
//! The pipeline reads top to bottom: [`ingest`] → [`extract`] → [`model`] →
//! [`check`] → [`render`].

pub mod calendar;
pub mod ingest;
pub mod forms;
