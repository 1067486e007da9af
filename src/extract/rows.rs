//! Row-oriented sheets: the header row is found by scoring the first rows
//! against the known column labels; title rows, 填报单位 lines, blank rows,
//! 合计 rows and notes lines are passed over.

use crate::ingest::document::a1;
use crate::ingest::{Sheet, Value};
use crate::labels::{Labels, column_of};
use crate::normalise;
use std::collections::BTreeMap;

/// How many rows from the top a header row may be.
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// A header: its row and the column of each field.
#[derive(Debug, Clone)]
pub struct Header {
    pub row: usize,
    pub columns: BTreeMap<&'static str, usize>,
}

impl Header {
    pub fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }
}

/// A header whose columns are classified by code rather than by a label
/// table (members' logs, 实事清单): its row and each (column, kind).
pub struct TypedHeader<C> {
    pub row: usize,
    pub cols: Vec<(usize, C)>,
}

impl<C: PartialEq> TypedHeader<C> {
    /// The first column of kind `want`.
    pub fn find(&self, want: C) -> Option<usize> {
        self.cols.iter().find(|(_, c)| *c == want).map(|(i, _)| *i)
    }
}

/// The text of a row's cell in column `col` (normalised; empty when absent).
pub fn cell_text(cells: &[Value], col: Option<usize>) -> String {
    col.and_then(|c| cells.get(c))
        .map(|v| normalise::text(&v.as_text()))
        .unwrap_or_default()
}

/// A row's cell in column `col`, or `Empty`.
pub fn cell_value(cells: &[Value], col: Option<usize>) -> Value {
    col.and_then(|c| cells.get(c))
        .cloned()
        .unwrap_or(Value::Empty)
}

/// The best header row for `table` in the first rows of `sheet`, if any row
/// names at least `min` distinct fields.
pub fn find_header(sheet: &Sheet, table: &'static [Labels], min: usize) -> Option<Header> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(r, cells)| {
            let mut columns = BTreeMap::new();
            for (c, v) in cells.iter().enumerate() {
                if let Value::Text(t) = v {
                    if let Some(f) = column_of(table, t) {
                        columns.entry(f).or_insert(c);
                    }
                }
            }
            Header { row: r, columns }
        })
        .filter(|h| h.columns.len() >= min)
        .max_by_key(|h| (h.columns.len(), std::cmp::Reverse(h.row)))
}

/// One data row: field → value, and the row number (0-based).
pub struct DataRow<'a> {
    pub row: usize,
    cells: BTreeMap<&'static str, (&'a Value, usize)>,
    sheet: &'a Sheet,
}

impl<'a> DataRow<'a> {
    pub fn text(&self, field: &str) -> String {
        self.cells
            .get(field)
            .map(|(v, _)| normalise::text(&v.as_text()))
            .unwrap_or_default()
    }
    pub fn value(&self, field: &str) -> &'a Value {
        static EMPTY: Value = Value::Empty;
        self.cells.get(field).map_or(&EMPTY, |(v, _)| v)
    }
    /// `工作表“汇总”单元格 J7`.
    pub fn cell(&self, field: &str) -> String {
        match self.cells.get(field) {
            Some((_, c)) => format!("工作表“{}” {}", self.sheet.name, a1(self.row, *c)),
            None => format!("工作表“{}” 第{}行", self.sheet.name, self.row + 1),
        }
    }
}

/// The data rows under a header, with blank, total and notes rows skipped.
/// A row counts when one of `key_fields` has text.
pub fn data_rows<'a>(sheet: &'a Sheet, header: &Header, key_fields: &[&str]) -> Vec<DataRow<'a>> {
    let mut out = Vec::new();
    for (r, cells) in sheet.rows.iter().enumerate().skip(header.row + 1) {
        let row = DataRow {
            row: r,
            cells: header
                .columns
                .iter()
                .map(|(f, c)| (*f, (cells.get(*c).unwrap_or(&Value::Empty), *c)))
                .collect(),
            sheet,
        };
        let first_text = cells
            .iter()
            .find(|v| !v.is_empty())
            .map(|v| normalise::compact(&v.as_text()))
            .unwrap_or_default();
        let is_total = ["合计", "总计", "小计", "共计"]
            .iter()
            .any(|w| first_text.starts_with(w));
        let is_note = [
            "注:",
            "注：",
            "备注:",
            "备注：",
            "说明:",
            "说明：",
            "填表说明",
            "注1",
        ]
        .iter()
        .any(|w| first_text.starts_with(w));
        let is_repeat_header = cells
            .iter()
            .filter(|v| matches!(v, Value::Text(t) if header_text(t)))
            .count()
            >= 3;
        if is_total || is_note || is_repeat_header {
            continue;
        }
        if key_fields.iter().any(|f| !row.text(f).is_empty()) {
            out.push(row);
        }
    }
    out
}

fn header_text(t: &str) -> bool {
    ["序号", "支部名称", "项目名称"].contains(&normalise::compact(t).as_str())
}

/// The text of every non-empty cell above the header, joined (title and 填报单位 lines).
pub fn preamble(sheet: &Sheet, header: &Header) -> String {
    sheet.rows[..header.row.min(sheet.rows.len())]
        .iter()
        .flatten()
        .filter(|v| !v.is_empty())
        .map(Value::as_text)
        .collect::<Vec<_>>()
        .join(" ")
}
