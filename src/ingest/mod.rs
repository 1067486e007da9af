//! Stage 1: open a file, detect its real format and read it into a [`Document`].

pub mod doc;
pub mod document;
pub mod error;
pub mod limits;

pub use document::{Block, Cell, Document, Paragraph, Sheet, Table, Value, WordDoc, Workbook};
pub use error::ReadError;
pub use limits::Limits;
