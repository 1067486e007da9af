//! The integration tests, one binary (like ripgrep's `tests/tests.rs`): the
//! crate and Typst are linked once, and helpers in `common` are shared
//! without `dead_code` allowances. Each module is one area; run one with
//! `cargo test --release --test integration <module>::`.

mod common;

mod annual;
mod cache;
mod campaigns;
mod cli;
mod documents;
mod fuzz_regressions;
mod isolation;
mod isolation_timeout;
mod layers;
mod members;
mod members_support;
mod problems;
mod readers;
mod run;
mod sample;
mod serve;
mod zoo;
