//! zhibu: campaign forms from Party branches in, the department's documents out.
//!
//! The pipeline reads top to bottom: [`ingest`] (find files, detect formats,
//! read) → [`extract`] (recognise forms, labels to typed fields) → [`model`]
//! → [`check`] (rules, each a [`problem::Problem`]) → [`render`] (xlsx, PDF,
//! docx, report). [`pipeline`] runs them in order.

pub mod cache;
pub mod calendar;
pub(crate) mod canonical;
pub mod check;
pub mod config;
pub mod desktop;
pub mod extract;
pub mod ingest;
pub mod isolate;
pub(crate) mod labels;
pub mod limits;
pub mod model;
pub mod normalise;
pub mod pipeline;
pub mod problem;
pub mod render;
pub(crate) mod sealed;
pub mod serve;
pub(crate) mod stats;
pub mod vocab;
pub mod watch;

/// Entry points for the fuzz targets in `fuzz/` (issue 17): every reader
/// called directly, outside the `catch_unwind` of [`ingest::read`], so that a
/// contained panic is seen too. Not an API; kept in one place so that the
/// modules behind it can stay crate-private.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::ingest::doc::read_doc;
    pub use crate::ingest::docx::{parse_document_xml, read_docx};
    pub use crate::ingest::sheet::{read_ods, read_xls, read_xlsx};
    pub use crate::ingest::zipguard::GuardedZip;
    pub use crate::ingest::{Document, Format, ReadError, read, sniff};
    pub use crate::limits::Limits;

    /// The .xls pre-scan, from the file: the Workbook stream as calamine will
    /// see it, then its BIFF records.
    pub fn xls_prescan(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
        let stream = crate::ingest::xls_cfb::workbook_stream(bytes)?;
        crate::ingest::xls_scan::scan(&stream, limits).map(|_| ())
    }

    /// The BIFF record walk of the .xls pre-scan, on a bare Workbook stream.
    pub fn biff_scan(stream: &[u8], limits: &Limits) -> Result<(), ReadError> {
        crate::ingest::xls_scan::scan(stream, limits).map(|_| ())
    }

    /// The .ods pre-scan of `content.xml`.
    pub fn ods_prescan(content: &[u8], limits: &Limits) -> Result<(), ReadError> {
        crate::ingest::sheet::scan_ods(content, limits)
    }
}
