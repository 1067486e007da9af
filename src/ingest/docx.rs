//! .docx: only `word/document.xml` is inflated and streamed with quick-xml.
//!
//! Tables are rebuilt into a grid (gridBefore, gridSpan, vMerge), nested tables
//! land in their cell, deleted text (`w:del`, `w:moveFrom`) is skipped and
//! inserted text kept, content controls (`w:sdt`) are read through, and of an
//! `mc:AlternateContent` only the `mc:Choice` branch is read.

use super::document::{Block, Cell, Paragraph, Table, WordDoc};
use super::zipguard::GuardedZip;
use super::{Limits, ReadError};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

const FORMAT: &str = "Word (.docx)";

pub fn read_docx(bytes: &[u8], limits: &Limits) -> Result<WordDoc, ReadError> {
    let mut zip = GuardedZip::open(bytes, limits, FORMAT)?;
    let xml = zip.read("word/document.xml")?;
    parse_document_xml(&xml, limits)
}

/// A table being read: finished rows and the row and cell under construction.
#[derive(Default)]
struct TableBuilder {
    table: Table,
    row: Vec<Cell>,
    cell: Option<Cell>,
    /// Next free grid column in the current row.
    next_col: usize,
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    tables: Vec<TableBuilder>,
    /// Paragraphs being read; more than one when a text box sits in a paragraph.
    paragraphs: Vec<Paragraph>,
    /// Depth of elements whose text is skipped (w:del, mc:Fallback, …).
    skip_depth: usize,
    in_text: bool,
}

/// `word/document.xml`, as bytes: the reader checks that each event is
/// UTF-8 (an error otherwise), so the whole is not checked first.
pub fn parse_document_xml(xml: &[u8], limits: &Limits) -> Result<WordDoc, ReadError> {
    let mut reader = Reader::from_reader(xml);
    let mut st = State::default();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ReadError::corrupt(FORMAT, e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(ReadError::TooLarge(format!(
                        "文档结构嵌套超过 {} 层",
                        limits.max_depth
                    )));
                }
                let name = local(e.name().0);
                if st.skip_depth > 0 || is_skipped(name) {
                    st.skip_depth += 1;
                    continue;
                }
                st.start(&e, name, limits)?;
            }
            Event::Empty(e) => {
                if st.skip_depth == 0 {
                    let name = local(e.name().0);
                    st.start(&e, name, limits)?;
                    st.end(name);
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if st.skip_depth > 0 {
                    st.skip_depth -= 1;
                    continue;
                }
                st.end(local(e.name().0));
            }
            Event::Text(t) if st.in_text && st.skip_depth == 0 => st.push_text(&t.xml10_content()),
            Event::CData(t) if st.in_text && st.skip_depth == 0 => st.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if st.in_text && st.skip_depth == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => predefined_entity(&r.xml10_content()).to_string(),
                };
                st.push_text(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Close whatever a truncated file left open.
    while !st.tables.is_empty() {
        st.end("tbl");
    }
    Ok(WordDoc { blocks: st.blocks })
}

fn predefined_entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// Elements whose whole subtree carries no visible text of the document.
fn is_skipped(local: &str) -> bool {
    matches!(
        local,
        "del"
            | "moveFrom"
            | "Fallback"
            | "instrText"
            | "delText"
            | "sdtPr"
            | "rPr"
            | "pPrChange"
            | "rPrChange"
    )
}

/// A qualified name without its prefix (`w:tbl` → `tbl`). A byte loop:
/// names are a few bytes, and quick-xml's `local_name` searches for the
/// colon with a general char search, which cost as much as reading the
/// event (every start and end tag asks).
fn local(qname: &str) -> &str {
    match qname.bytes().position(|b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.0) == name)
        .map(|a| a.value.into_owned())
}

/// Heading level from a paragraph style id: `Heading1`, `heading 2`, `标题1`,
/// or the bare digits Chinese Word uses as ids of its built-in headings.
fn heading_level(style: &str) -> Option<u8> {
    let s = style.to_lowercase().replace(' ', "");
    let digits = s
        .strip_prefix("heading")
        .or_else(|| s.strip_prefix("标题"))
        .unwrap_or(&s);
    match digits.parse::<u8>() {
        Ok(n @ 1..=9) => Some(n),
        _ => None,
    }
}

impl State {
    fn start(&mut self, e: &BytesStart, name: &str, limits: &Limits) -> Result<(), ReadError> {
        match name {
            "p" => self.paragraphs.push(Paragraph::default()),
            "pStyle" => {
                if let (Some(p), Some(v)) = (self.paragraphs.last_mut(), attr(e, "val")) {
                    p.heading = p.heading.or(heading_level(&v));
                }
            }
            "outlineLvl" => {
                let level = attr(e, "val").and_then(|v| v.parse::<u8>().ok());
                if let (Some(p), Some(l @ 0..=8)) = (self.paragraphs.last_mut(), level) {
                    p.heading = Some(l + 1);
                }
            }
            "t" => self.in_text = true,
            "tab" if !self.paragraphs.is_empty() => self.push_text("\t"),
            "br" | "cr" if !self.paragraphs.is_empty() => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "tbl" => {
                if self.tables.len() >= limits.max_depth {
                    return Err(ReadError::TooLarge("表格嵌套层数过多".into()));
                }
                self.tables.push(TableBuilder::default());
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                    t.next_col = 0;
                }
            }
            "gridBefore" => {
                if let (Some(t), Some(n)) = (
                    self.tables.last_mut(),
                    attr(e, "val").and_then(|v| v.parse::<usize>().ok()),
                ) {
                    t.next_col += n.min(limits.max_cols);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        col: t.next_col,
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            "gridSpan" => {
                let span = attr(e, "val")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = span.clamp(1, limits.max_cols);
                }
            }
            "vMerge" => {
                let restart = attr(e, "val").is_some_and(|v| v == "restart");
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.merged_up = !restart;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, local: &str) {
        match local {
            "t" => self.in_text = false,
            "p" => {
                let Some(p) = self.paragraphs.pop() else {
                    return;
                };
                let in_cell = self.tables.last_mut().and_then(|t| t.cell.as_mut());
                match in_cell {
                    // A paragraph of a text box inside a cell paragraph also belongs to the cell.
                    Some(cell) => {
                        if !cell.text.is_empty() {
                            cell.text.push('\n');
                        }
                        cell.text.push_str(&p.text);
                    }
                    None => self.blocks.push(Block::Paragraph(p)),
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(mut c) = t.cell.take() {
                        trim_cell(&mut c);
                        t.next_col = c.col + c.span;
                        t.row.push(c);
                    }
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.table.rows.push(row);
                }
            }
            "tbl" => {
                let Some(done) = self.tables.pop() else {
                    return;
                };
                let table = done.table;
                match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(cell) => cell.tables.push(table),
                    None => self.blocks.push(Block::Table(table)),
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(s);
        }
    }
}

fn trim_cell(c: &mut Cell) {
    let trimmed = c.text.trim();
    if trimmed.len() != c.text.len() {
        c.text = trimmed.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> WordDoc {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{body}</w:body></w:document>"#
        );
        parse_document_xml(xml.as_bytes(), &Limits::default()).unwrap()
    }

    #[test]
    fn grid_spans_merges_and_nesting() {
        let doc = parse(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>申请表</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>支部名称</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>机械</w:t></w:r><w:ins><w:r><w:t>一支部</w:t></w:r></w:ins><w:del><w:r><w:delText>二支部</w:delText></w:r></w:del></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>经费</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>A&amp;B&#x4E00;</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>资料费</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>800</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>"#,
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#,
            r#"<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t xml:space="preserve">填表日期：</w:t></w:r>"#,
            r#"<mc:AlternateContent><mc:Choice><w:r><w:t>2025年9月</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>2025年9月</w:t></w:r></mc:Fallback></mc:AlternateContent><w:r><w:t>1日</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        ));
        let paras: Vec<_> = doc.paragraphs().collect();
        assert_eq!(paras[0].text, "申请表");
        assert_eq!(paras[0].heading, Some(1));
        assert_eq!(paras[1].text, "填表日期：2025年9月1日");
        let t = doc.tables().next().unwrap();
        assert_eq!(t.rows[0][1].text, "机械一支部");
        assert_eq!((t.rows[0][1].col, t.rows[0][1].span), (1, 3));
        assert_eq!(t.rows[1][1].text, "A&B一");
        assert_eq!(t.rows[1][1].tables[0].rows[0][1].text, "800");
        assert_eq!(t.rows[2][0].col, 1);
        assert!(t.rows[2][0].merged_up);
        assert!(!t.rows[1][0].merged_up);
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<w:tbl><w:tr><w:tc>".repeat(200);
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{deep}</w:body></w:document>"#);
        assert!(matches!(
            parse_document_xml(xml.as_bytes(), &Limits::default()),
            Err(ReadError::TooLarge(_))
        ));
    }

    /// Bytes that are not UTF-8, in text or in an attribute, make the file corrupt.
    #[test]
    fn bytes_not_utf8_are_corrupt() {
        for bad in [
            &b"<w:p><w:r><w:t>\xe6\x94</w:t></w:r></w:p>"[..],
            &b"<w:p><w:pPr><w:pStyle w:val=\"\xff\"/></w:pPr></w:p>"[..],
        ] {
            let xml = [
                &br#"<w:document xmlns:w="w"><w:body>"#[..],
                bad,
                b"</w:body></w:document>",
            ]
            .concat();
            assert!(matches!(
                parse_document_xml(&xml, &Limits::default()),
                Err(ReadError::Corrupt { .. })
            ));
        }
    }
}
