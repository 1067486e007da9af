//! Spreadsheets (.xlsx/.xlsm, .xls, .ods) read with calamine, within limits.
//!
//! calamine builds a dense grid over the bounding box of the used cells, so
//! before it does, the bounding box is known to be small: .xlsx cells are
//! streamed (no grid at all), .xls BIFF records and .ods rows are pre-scanned
//! for their extent.

use super::document::{Sheet, Value, Workbook};
use super::xls_scan::{self, BiffScan};
use super::zipguard::GuardedZip;
use super::{Limits, ReadError, xls_cfb};
use calamine::{Data, DataRef, Ods, Reader, Xls, XlsOptions, Xlsx};
use std::io::Cursor;

const XLSX: &str = "Excel (.xlsx)";
const XLS: &str = "Excel 97-2003 (.xls)";
const ODS: &str = "OpenDocument 表格 (.ods)";

pub fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    // Every XML part calamine may parse is inflated once under the cap first.
    GuardedZip::open(bytes, limits, XLSX)?
        .verify_parts(|n| n.ends_with(".xml") || n.ends_with(".rels"))?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsx_error(e))?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let mut grid = Grid::new(&name, limits);
        let mut cells = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| xlsx_error(e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| xlsx_error(e))? {
            let (row, col) = cell.get_position();
            grid.put(row as usize, col as usize, value_of_ref(cell.get_value()))?;
        }
        sheets.push(grid.finish());
    }
    Ok(Workbook { sheets })
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    let text = e.to_string();
    if text.to_lowercase().contains("password") || text.contains("encrypt") {
        ReadError::Encrypted
    } else {
        ReadError::corrupt(XLSX, text)
    }
}

pub fn read_xls(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let scan = scan_biff(bytes, limits)?;
    let mut options = XlsOptions::default();
    // Chinese Excel and WPS write 8-bit strings in GBK; without a CodePage
    // record calamine would assume UTF-16.
    if scan.codepage.is_none() {
        options.force_codepage = Some(936);
    }
    let mut wb = Xls::new_with_options(Cursor::new(bytes), options).map_err(|e| {
        let text = e.to_string();
        if text.to_lowercase().contains("password") {
            ReadError::Encrypted
        } else {
            ReadError::corrupt(XLS, text)
        }
    })?;
    read_ranges(&mut wb, limits, XLS)
}

pub fn read_ods(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut zip = GuardedZip::open(bytes, limits, ODS)?;
    zip.verify_parts(|n| n.ends_with(".xml"))?;
    let content = zip.read("content.xml")?;
    scan_ods(&content, limits)?;
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| ReadError::corrupt(ODS, e))?;
    read_ranges(&mut wb, limits, ODS)
}

fn read_ranges<RS, R>(
    wb: &mut R,
    limits: &Limits,
    format: &'static str,
) -> Result<Workbook, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| ReadError::corrupt(format, e))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::new(&name, limits);
        for (r, c, v) in range.used_cells() {
            grid.put(top as usize + r, left as usize + c, value_of(v))?;
        }
        sheets.push(grid.finish());
    }
    Ok(Workbook { sheets })
}

/// Collects cells of one sheet, refusing anything outside the limits.
struct Grid<'a> {
    sheet: Sheet,
    limits: &'a Limits,
}

impl<'a> Grid<'a> {
    fn new(name: &str, limits: &'a Limits) -> Self {
        Grid {
            sheet: Sheet {
                name: name.to_string(),
                rows: Vec::new(),
            },
            limits,
        }
    }

    fn put(&mut self, row: usize, col: usize, value: Value) -> Result<(), ReadError> {
        if value.is_empty() {
            return Ok(());
        }
        if row >= self.limits.max_rows || col >= self.limits.max_cols {
            return Err(ReadError::TooLarge(format!(
                "工作表“{}”在第 {} 行第 {} 列有内容，超出 {} 行 × {} 列的处理上限",
                self.sheet.name,
                row + 1,
                col + 1,
                self.limits.max_rows,
                self.limits.max_cols
            )));
        }
        let rows = &mut self.sheet.rows;
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, Value::Empty);
        }
        cells[col] = value;
        Ok(())
    }

    fn finish(self) -> Sheet {
        self.sheet
    }
}

fn value_of_ref(d: &DataRef) -> Value {
    match d {
        DataRef::Empty | DataRef::Error(_) => Value::Empty,
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map_or(Value::Number(dt.as_f64()), |d| Value::Date(d.date())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => iso_date(s),
    }
}

fn value_of(d: &Data) -> Value {
    match d {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map_or(Value::Number(dt.as_f64()), |d| Value::Date(d.date())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso_date(s),
    }
}

fn iso_date(s: &str) -> Value {
    s.get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| Value::Text(s.to_string()), Value::Date)
}

/// Pre-scan an .xls exactly as calamine will read it: the Workbook stream as
/// calamine's own compound-file reader fetches it, then its BIFF records from
/// the globals and from every BOUNDSHEET offset. Refuses encryption, damage
/// calamine would trip over, and anything that would make it allocate beyond
/// the limits.
fn scan_biff(bytes: &[u8], limits: &Limits) -> Result<BiffScan, ReadError> {
    let stream = xls_cfb::workbook_stream(bytes)?;
    xls_scan::scan(&stream, limits)
}

/// Walk content.xml of an .ods and refuse any table whose non-empty cells,
/// with their row and column repeats, reach beyond the limits.
pub(crate) fn scan_ods(content: &[u8], limits: &Limits) -> Result<(), ReadError> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let xml = std::str::from_utf8(content).map_err(|e| ReadError::corrupt(ODS, e))?;
    let mut reader = Reader::from_str(xml);
    let (mut next_row, mut row, mut row_repeat, mut col) = (0usize, 0usize, 1usize, 0usize);
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> usize {
        e.attributes()
            .flatten()
            .find(|a| a.key.into_inner() == name)
            .and_then(|a| a.value.parse::<usize>().ok())
            .unwrap_or(1)
    };
    let too_large = || {
        ReadError::TooLarge(format!(
            "表格内容超出 {} 行 × {} 列的处理上限",
            limits.max_rows, limits.max_cols
        ))
    };
    let mut depth = 0usize;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| ReadError::corrupt(ODS, e))?;
        let (e, is_empty) = match &ev {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(ReadError::TooLarge("文档结构嵌套过深".into()));
                }
                (e, false)
            }
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Event::Eof => return Ok(()),
            _ => continue,
        };
        match e.name().into_inner() {
            "table:table" => next_row = 0,
            "table:table-row" => {
                row = next_row;
                row_repeat = repeat(e, "table:number-rows-repeated");
                next_row = next_row.saturating_add(row_repeat);
                col = 0;
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeat(e, "table:number-columns-repeated");
                let has_value = !is_empty
                    || e.attributes()
                        .flatten()
                        .any(|a| a.key.into_inner() == "office:value-type");
                if has_value {
                    let last_row = row.saturating_add(row_repeat).saturating_sub(1);
                    let last_col = col.saturating_add(n).saturating_sub(1);
                    if last_row >= limits.max_rows || last_col >= limits.max_cols {
                        return Err(too_large());
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_refuses_far_cells() {
        let limits = Limits::default();
        let mut g = Grid::new("Sheet1", &limits);
        g.put(0, 0, Value::Text("序号".into())).unwrap();
        assert!(matches!(
            g.put(1_048_575, 16_383, Value::Number(1.0)),
            Err(ReadError::TooLarge(_))
        ));
        g.put(1_048_575, 16_383, Value::Empty).unwrap();
        assert_eq!(g.finish().rows.len(), 1);
    }
}
