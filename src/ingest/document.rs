//! The format-neutral document model that every reader produces.
//!
//! Word files (.docx, .doc) become a [`WordDoc`]: paragraphs and tables in
//! reading order, tables already rebuilt into a grid. Spreadsheets (.xlsx,
//! .xls, .ods) become a [`Workbook`] of bounded, sparse-read sheets. Recognition
//! and extraction only ever see these types, never the file format.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A Word document: blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WordDoc {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Heading level from the paragraph style (Heading 1 / 标题 1 → 1), if any.
    pub heading: Option<u8>,
}

/// A table whose rows hold the cells that really exist in the file.
///
/// `col` is the cell's first grid column (gridSpan rebuilt), `span` the number
/// of grid columns it covers. A cell that continues a vertical merge from the
/// row above has `merged_up = true` and empty text; the text lives in the
/// first cell of the merge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Paragraphs of the cell joined with '\n'.
    pub text: String,
    pub col: usize,
    pub span: usize,
    pub merged_up: bool,
    /// Tables nested inside this cell.
    pub tables: Vec<Table>,
    /// The text's label key, made the first time it is asked for.
    #[serde(skip)]
    pub key: KeyOnce,
}

impl Cell {
    /// The cell's text as a label key ([`crate::normalise::label_key`]):
    /// extraction asks for it once per sub-table and neighbouring cell, so
    /// it is made once per cell. Readers fill `text` before anything asks.
    pub fn key(&self) -> &str {
        self.key
            .0
            .get_or_init(|| crate::normalise::make_label_key(&self.text).into())
    }
}

/// A value computed from a cell's text on first use; not part of the
/// document (always equal, never serialised).
#[derive(Clone, Default)]
pub struct KeyOnce(std::sync::OnceLock<Box<str>>);

impl PartialEq for KeyOnce {
    fn eq(&self, _: &KeyOnce) -> bool {
        true
    }
}

impl std::fmt::Debug for KeyOnce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyOnce")
    }
}

impl WordDoc {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
    }

    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Table(_) => None,
        })
    }

    /// True when the document holds no visible text at all.
    pub fn is_blank(&self) -> bool {
        fn table_blank(t: &Table) -> bool {
            t.rows
                .iter()
                .flatten()
                .all(|c| c.text.trim().is_empty() && c.tables.iter().all(table_blank))
        }
        self.blocks.iter().all(|b| match b {
            Block::Paragraph(p) => p.text.trim().is_empty(),
            Block::Table(t) => table_blank(t),
        })
    }
}

/// One value read from a spreadsheet cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as text, the way a person would read it in the cell.
    pub fn as_text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => format!("{n}"),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

/// A sheet read within the configured row/column limits. `rows[r][c]` is the
/// cell at zero-based row `r`, column `c`; rows are right-trimmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    pub fn get(&self, row: usize, col: usize) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// What a reader produced from one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Document {
    Word(WordDoc),
    Workbook(Workbook),
}

impl Document {
    /// Nothing written anywhere: no text in the document, no value in any cell.
    pub fn is_blank(&self) -> bool {
        match self {
            Document::Word(w) => w.is_blank(),
            Document::Workbook(wb) => wb
                .sheets
                .iter()
                .all(|s| s.rows.iter().flatten().all(|v| v.is_empty())),
        }
    }
}

/// Spreadsheet cell reference in A1 style, for messages (`(0,0)` → `A1`).
pub fn a1(row: usize, col: usize) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        row + 1
    )
}
