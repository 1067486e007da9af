//! zhibu: campaign forms from Party branches in, the department's documents out.
//!
//! The pipeline reads top to bottom: [`ingest`] (find files, detect formats,
//! read) → [`extract`] (recognise forms, labels to typed fields) → [`model`]
//! → [`check`] (rules, each a [`problem::Problem`]) → [`render`] (xlsx, PDF,
//! docx, report). [`pipeline`] runs them in order.

pub mod cache;
pub mod calendar;
pub mod canonical;
pub mod check;
pub mod config;
pub mod desktop;
pub mod extract;
pub mod ingest;
pub mod isolate;
pub mod labels;
pub mod model;
pub mod normalise;
pub mod pipeline;
pub mod problem;
pub mod render;
pub mod serve;
pub mod stats;
pub mod vocab;
pub mod watch;
