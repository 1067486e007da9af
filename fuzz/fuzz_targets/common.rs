//! Invariants every reader's result must keep, shared by the targets.
#![allow(dead_code)]

use zhibu::fuzzing::{Document, Limits, ReadError};
use zhibu::ingest::{Table, WordDoc, Workbook};

/// The limits a run has without a config file.
pub fn limits() -> Limits {
    Limits::default()
}

/// An unreadable file must say why: the error becomes a problem with a code
/// and a message (see `pipeline::read_file`).
pub fn check_error(e: &ReadError) {
    assert!(
        !e.to_string().trim().is_empty(),
        "error without message: {e:?}"
    );
}

fn table_depth(t: &Table) -> usize {
    1 + t
        .rows
        .iter()
        .flatten()
        .flat_map(|c| c.tables.iter())
        .map(table_depth)
        .max()
        .unwrap_or(0)
}

/// Nested tables stay within the depth limit (the model is recursive: every
/// later stage, and dropping it, recurses as deep as it goes).
pub fn check_word(doc: &WordDoc, limits: &Limits) {
    for t in doc.tables() {
        let d = table_depth(t);
        assert!(
            d <= limits.max_depth,
            "tables nested {d} deep, limit {}",
            limits.max_depth
        );
    }
}

/// Every sheet stays inside `max_rows × max_cols`.
pub fn check_workbook(wb: &Workbook, limits: &Limits) {
    for s in &wb.sheets {
        assert!(s.rows.len() <= limits.max_rows, "{} rows", s.rows.len());
        for r in &s.rows {
            assert!(r.len() <= limits.max_cols, "{} columns", r.len());
        }
    }
}

pub fn check_document(doc: &Document, limits: &Limits) {
    match doc {
        Document::Word(w) => check_word(w, limits),
        Document::Workbook(wb) => check_workbook(wb, limits),
    }
}

pub fn check_word_result(r: &Result<WordDoc, ReadError>, limits: &Limits) {
    match r {
        Ok(doc) => check_word(doc, limits),
        Err(e) => check_error(e),
    }
}

pub fn check_workbook_result(r: &Result<Workbook, ReadError>, limits: &Limits) {
    match r {
        Ok(wb) => check_workbook(wb, limits),
        Err(e) => check_error(e),
    }
}
