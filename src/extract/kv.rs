//! Key–value forms: label cells and the values beside or below them.
//!
//! Handles 2- and 4-column label/value tables, a label and its value in one
//! cell (`项目名称：…`), section heading rows (`一、背景与现状` with its text
//! in the next row), labels in paragraphs (`填表日期：2025年9月1日` above the
//! table), and sub-tables (budget, plan, partners): nested in a value cell,
//! as rows under a label (merged or repeated in every row), or as a table of
//! their own found by its header row; and partner blocks opened by heading
//! rows or merged label cells (`结对支部一`), inside which a repeated label
//! (`联系电话`) belongs to the block.

use crate::ingest::{Block, Cell, Table, WordDoc};
use crate::labels::{Labels, VALUE_LIKE_FIELDS, column_of, column_of_key, field_of, field_of_key};
use crate::normalise;
use crate::vocab::{ORDINALS, TOTAL_ROW_WORDS};
use std::collections::BTreeMap;

/// A value found for a field, with where it was found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub value: String,
    pub location: String,
}

/// A sub-table's rows as field → text, with the row's location.
#[derive(Debug, Clone, Default)]
pub struct SubRow {
    pub cells: BTreeMap<&'static str, String>,
    pub location: String,
}

#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub values: BTreeMap<&'static str, Found>,
    pub subtables: BTreeMap<&'static str, Vec<SubRow>>,
    /// The `合计` row of a sub-table, as written (never one of its rows).
    pub totals: BTreeMap<&'static str, SubRow>,
}

impl Fields {
    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map_or("", |f| f.value.as_str())
    }
    pub fn loc(&self, field: &str) -> String {
        self.values
            .get(field)
            .map(|f| f.location.clone())
            .unwrap_or_default()
    }
    pub fn set(&mut self, field: &'static str, value: &str, location: String) {
        let entry = self.values.entry(field).or_default();
        if entry.value.trim().is_empty() {
            *entry = Found {
                value: value.trim().to_string(),
                location,
            };
        }
    }
}

/// A field of a form that is a table of rows rather than one value.
pub struct SubTable {
    pub field: &'static str,
    pub columns: &'static [Labels],
    /// Headings that open one block of the sub-table's fields (a row each),
    /// followed or preceded by an ordinal: `结对支部一`, `第二共建单位`.
    pub block_heads: &'static [&'static str],
}

/// Which fields of a form are sub-tables.
pub type SubTables<'a> = &'a [SubTable];

/// The text a sub-table field is given when its rows were found.
pub const SEE_ROWS: &str = "（见明细）";

/// Read the key–value fields of `form` from a Word document.
pub fn read(doc: &WordDoc, form: &'static [Labels], subs: SubTables) -> Fields {
    let mut fields = Fields::default();
    let mut table_no = 0;
    // A sub-table announced by a paragraph (`实施方案*`) above its own table.
    let mut announced: Option<&'static str> = None;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                read_inline_pairs(&p.text, form, &mut fields, "正文段落");
                if !p.text.trim().is_empty() {
                    announced = field_of(form, &p.text).filter(|f| sub(subs, f).is_some());
                }
            }
            Block::Table(t) => {
                table_no += 1;
                let mut reader = TableReader {
                    t,
                    table_no,
                    form,
                    subs,
                    fields: &mut fields,
                    announced: announced.take(),
                };
                reader.read();
            }
        }
    }
    fields
}

/// `label：value` pairs in running text, several per line allowed
/// (`支部：机械一支部  所属党委：机械学院党委`).
pub fn read_inline_pairs(text: &str, form: &'static [Labels], fields: &mut Fields, location: &str) {
    for line in text.lines() {
        // Only `：` and `:` become a colon below: a line without one holds no pair.
        if !line.contains([':', '：']) {
            continue;
        }
        let line = normalise::text(line);
        let parts: Vec<&str> = line.split([':', '：']).collect();
        if parts.len() < 2 {
            continue;
        }
        // Each part but the last ends with the next label; each but the first starts with a value.
        for i in 0..parts.len() - 1 {
            let label = parts[i].rsplit(' ').next().unwrap_or("");
            let Some(field) = field_of(form, label) else {
                continue;
            };
            let next = parts[i + 1];
            let value = if i + 2 < parts.len() {
                // Cut the next label off the value: the value runs to the last space.
                next.rsplit_once(' ').map_or(next, |(v, _)| v)
            } else {
                next
            };
            fields.set(field, value, location.to_string());
        }
    }
}

fn sub<'s>(subs: SubTables<'s>, field: &str) -> Option<&'s SubTable> {
    subs.iter().find(|s| s.field == field)
}

/// A label in a cell: the whole cell, or the part before a colon (returns the rest as value).
fn label_in_cell<'c>(
    cell: &'c Cell,
    form: &'static [Labels],
) -> Option<(&'static str, Option<&'c str>)> {
    if let Some(f) = field_of_key(form, cell.key()) {
        return Some((f, None));
    }
    let text = cell.text.trim();
    // `项目名称：…`, or a label on the cell's first line and its value below.
    let (label, rest) = text
        .split_once([':', '：'])
        .filter(|(l, _)| !l.contains('\n'))
        .or_else(|| text.split_once('\n'))?;
    field_of(form, label).map(|f| (f, Some(rest.trim())))
}

/// The cells of a row that hold something: not a continued vertical merge, not blank.
fn real(row: &[Cell]) -> impl Iterator<Item = (usize, &Cell)> {
    row.iter()
        .enumerate()
        .filter(|(_, c)| !c.merged_up && !c.text.trim().is_empty())
}

/// A sub-table header: which sub-table, and grid column range → field.
struct Header<'s> {
    sub: &'s SubTable,
    columns: Vec<(usize, usize, &'static str)>,
    /// The label key of a cell before the header columns (`实施计划 | 时间 | 内容`):
    /// data rows that repeat it are still rows of the table.
    lead: Option<String>,
}

/// Whether a cell is a row's first word of a total (`合计`, `小计：`).
fn is_total_text(text: &str) -> bool {
    TOTAL_ROW_WORDS
        .iter()
        .any(|w| normalise::starts_with_compact(text, w))
}

/// A partner-block heading: `结对支部一`, `结对支部（二）`, `第三共建单位`,
/// `共建单位1：校外`. Returns the kind words it carries besides the ordinal.
fn block_head(text: &str, heads: &[&str]) -> Option<String> {
    // Brackets stay: `结对支部（一）` is numbered by them.
    let compact = normalise::compact(text);
    let key = normalise::strip_numbering(&compact).trim_end_matches([':', '：']);
    if key.chars().count() > 30 {
        return None;
    }
    let head = heads.iter().find(|h| key.contains(**h))?;
    let (before, after) = key.split_once(head)?;
    let before = before.trim_start_matches('第');
    let after = after.trim_start_matches(['(', '（', ':', '：']);
    let ordinal_before = !before.is_empty() && before.chars().all(|c| ORDINALS.contains(&c));
    let ordinal_after = after.starts_with(ORDINALS);
    if !(ordinal_before || ordinal_after) || (!before.is_empty() && !ordinal_before) {
        return None;
    }
    let rest = if ordinal_after {
        after.trim_start_matches(ORDINALS)
    } else {
        after
    };
    Some(
        rest.trim_matches(['(', ')', '（', '）', ':', '：', '-', '—'])
            .to_string(),
    )
}

struct TableReader<'a, 's> {
    t: &'a Table,
    table_no: usize,
    form: &'static [Labels],
    subs: SubTables<'s>,
    fields: &'a mut Fields,
    announced: Option<&'static str>,
}

/// An open partner block: its heading's column, whether the heading filled its row.
struct OpenBlock<'s> {
    sub: &'s SubTable,
    col: usize,
    full_width: bool,
    row: SubRow,
    /// Kind words of the heading (`结对支部一（校外）`), used when the block names no kind.
    kind: String,
}

impl<'s> TableReader<'_, 's> {
    fn loc(&self, r: usize, label: &str) -> String {
        format!("表格{} 第{}行（{label}）", self.table_no, r + 1)
    }

    fn read(&mut self) {
        let rows = &self.t.rows;
        let mut block: Option<OpenBlock> = None;
        let mut r = 0;
        while r < rows.len() {
            let row = &rows[r];
            if let Some(h) = self.header(row) {
                self.close(&mut block);
                let used = self.rows_under(r + 1, &h);
                self.fields
                    .set(h.sub.field, SEE_ROWS, self.loc(r, "明细表"));
                self.announced = None;
                r += 1 + used;
                continue;
            }
            if let Some((i, sub, kind)) = self.block_head_in(row) {
                self.close(&mut block);
                let mut open = OpenBlock {
                    sub,
                    col: row[i].col,
                    full_width: real(row).count() == 1,
                    row: SubRow {
                        location: format!("表格{} 第{}行", self.table_no, r + 1),
                        ..SubRow::default()
                    },
                    kind,
                };
                block_pairs(&row[i + 1..], sub.columns, &mut open.row);
                block = Some(open);
                r += 1;
                continue;
            }
            // Tables nested in a row without labels (a full-width cell under a
            // heading row): read as tables of their own.
            if real(row).all(|(_, c)| label_in_cell(c, self.form).is_none())
                && row.iter().any(|c| !c.tables.is_empty())
            {
                self.close(&mut block);
                for nested in row.iter().flat_map(|c| c.tables.iter()) {
                    let mut inner = TableReader {
                        t: nested,
                        table_no: self.table_no,
                        form: self.form,
                        subs: self.subs,
                        fields: self.fields,
                        announced: self.announced,
                    };
                    inner.read();
                }
                r += 1;
                continue;
            }
            if let Some(open) = block.as_mut() {
                if !self.ends_block(row, open) {
                    block_pairs(row, open.sub.columns, &mut open.row);
                    r += 1;
                    continue;
                }
                self.close(&mut block);
            }
            r += self.label_row(r);
        }
        self.close(&mut block);
    }

    fn close(&mut self, block: &mut Option<OpenBlock>) {
        if let Some(mut b) = block.take() {
            let field = b.sub.field;
            if !b.kind.is_empty() && !b.row.cells.is_empty() {
                b.row.cells.entry("kind").or_insert(b.kind);
            }
            if !b.row.cells.is_empty() {
                let location = b.row.location.clone();
                self.fields.subtables.entry(field).or_default().push(b.row);
                self.fields.set(field, SEE_ROWS, location);
            }
        }
    }

    fn block_head_in(&self, row: &[Cell]) -> Option<(usize, &'s SubTable, String)> {
        let (i, cell) = real(row).next()?;
        self.subs.iter().find_map(|s| {
            if s.block_heads.is_empty() {
                return None;
            }
            block_head(&cell.text, s.block_heads).map(|kind| (i, s, kind))
        })
    }

    /// A block ends at a label of the form that is not one of the block's own,
    /// at a row that is one cell wide (a section heading), or, when its heading
    /// was a merged label cell, at the next cell in that column.
    fn ends_block(&self, row: &[Cell], open: &OpenBlock) -> bool {
        let cells: Vec<(usize, &Cell)> = real(row).collect();
        let Some((_, first)) = cells.first() else {
            return false;
        };
        let own_label = column_of_key(open.sub.columns, first.key()).is_some()
            || first
                .text
                .split_once([':', '：'])
                .is_some_and(|(l, _)| column_of(open.sub.columns, l).is_some());
        (!open.full_width && first.col <= open.col)
            || (!own_label && label_in_cell(first, self.form).is_some())
            || (cells.len() == 1 && !own_label)
    }

    /// The row as a sub-table header, with or without its label in front.
    fn header(&self, row: &[Cell]) -> Option<Header<'s>> {
        let cells: Vec<&Cell> = real(row).map(|(_, c)| c).collect();
        if cells.len() < 2 {
            return None;
        }
        // The form's label in the first cell, the same for every sub-table.
        let first_label = label_in_cell(cells[0], self.form).map(|(f, _)| f);
        let mut best: Option<(usize, Header)> = None;
        for s in self.subs {
            let mut columns = Vec::new();
            let mut lead = None;
            let mut others = 0;
            // Each cell's column, looked up once per sub-table.
            let named: Vec<Option<&'static str>> = cells
                .iter()
                .map(|c| column_of_key(s.columns, c.key()))
                .collect();
            for (n, c) in cells.iter().enumerate() {
                // The sub-table's own label in front (`结对支部 | 支部名称 | 类型`),
                // unless it is the header of a column no other cell names.
                let own_label = n == 0 && first_label == Some(s.field);
                let column = named[n];
                let named_again = named[1..].iter().any(|o| column.is_some() && *o == column);
                if own_label && (column.is_none() || named_again) {
                    lead = Some(c.key().to_string());
                    continue;
                }
                match column {
                    Some(f) if !columns.iter().any(|(_, _, g)| *g == f) => {
                        columns.push((c.col, c.col + c.span.max(1), f))
                    }
                    Some(_) => others += 1,
                    None if n == 0 && first_label.is_some() => lead = Some(c.key().to_string()),
                    None if c.key() == "序号" => {}
                    None => others += 1,
                }
            }
            let score = columns.len();
            // Most cells name a column; a value row (`负责人 | 张三 | 电话 | …`) does not.
            if score < 2 || others > 1 || others >= score {
                continue;
            }
            let rank = score * 2 + usize::from(self.announced == Some(s.field));
            if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                best = Some((
                    rank,
                    Header {
                        sub: s,
                        columns,
                        lead,
                    },
                ));
            }
        }
        best.map(|(_, h)| h)
    }

    /// Read the data rows under a header from row `first`; returns how many rows were used.
    fn rows_under(&mut self, first: usize, h: &Header) -> usize {
        let rows = &self.t.rows;
        let width = h.columns.iter().map(|c| c.1).max().unwrap_or(0);
        let mut end = first;
        while let Some(row) = rows.get(end) {
            if self.header(row).is_some() || self.block_head_in(row).is_some() {
                break;
            }
            let cells: Vec<&Cell> = real(row).map(|(_, c)| c).collect();
            if let Some(first_cell) = cells.first() {
                let repeats_lead = h.lead.as_ref().is_some_and(|l| l == first_cell.key());
                let is_column = column_of_key(h.sub.columns, first_cell.key()).is_some();
                let form_label =
                    label_in_cell(first_cell, self.form).is_some_and(|(f, _)| f != h.sub.field);
                if !repeats_lead && !is_column && form_label {
                    break;
                }
                // One cell across the whole table: a section heading or a paragraph.
                let spans_all = cells.len() == 1
                    && first_cell.col == 0
                    && first_cell.col + first_cell.span.max(1) >= width;
                if spans_all && !is_total_text(&first_cell.text) {
                    break;
                }
            }
            let location = format!("表格{} 第{}行", self.table_no, end + 1);
            self.push_row(h, row, location);
            end += 1;
        }
        end - first
    }

    fn push_row(&mut self, h: &Header, row: &[Cell], location: String) {
        let mut sub = SubRow {
            location,
            ..SubRow::default()
        };
        let mut total = false;
        for (_, c) in real(row) {
            total |= is_total_text(&c.text);
            if let Some((_, _, f)) = h
                .columns
                .iter()
                .find(|(from, to, _)| (*from..*to).contains(&c.col))
            {
                sub.cells
                    .entry(f)
                    .or_insert_with(|| c.text.trim().to_string());
            }
        }
        if total {
            // A 小计 closes a group of rows; the table's total is its last 合计/总计.
            let subtotal = real(row)
                .next()
                .is_some_and(|(_, c)| normalise::compact(&c.text).starts_with("小计"));
            if !subtotal {
                self.fields.totals.insert(h.sub.field, sub);
            }
        } else if !sub.cells.is_empty() {
            self.fields
                .subtables
                .entry(h.sub.field)
                .or_default()
                .push(sub);
        }
    }

    /// A row of labels and values; returns how many rows it used.
    fn label_row(&mut self, r: usize) -> usize {
        let t = self.t;
        let row = &t.rows[r];
        let mut used = 1;
        let mut i = 0;
        while i < row.len() {
            let cell = &row[i];
            if cell.merged_up {
                i += 1;
                continue;
            }
            let Some((field, inline)) = label_in_cell(cell, self.form) else {
                i += 1;
                continue;
            };
            let label = cell.text.split([':', '：']).next().unwrap_or("").trim();
            if let Some(s) = sub(self.subs, field) {
                // A table nested in this row; else the header of the next row
                // (or a plan written as text beside its label).
                self.announced = Some(field);
                if let Some(nested) = row[i..].iter().flat_map(|c| c.tables.iter()).next() {
                    let mut inner = TableReader {
                        t: nested,
                        table_no: self.table_no,
                        form: self.form,
                        subs: std::slice::from_ref(s),
                        fields: self.fields,
                        announced: Some(field),
                    };
                    inner.read_nested(r);
                    self.fields.set(field, SEE_ROWS, self.loc(r, label));
                    break;
                }
            }
            if let Some(v) = inline.filter(|v| !v.is_empty()) {
                self.fields.set(field, v, self.loc(r, label));
                i += 1;
                continue;
            }
            let next = (i + 1..row.len()).find(|&j| !row[j].merged_up);
            match next {
                Some(j)
                    if label_in_cell(&row[j], self.form)
                        .is_none_or(|(f, _)| VALUE_LIKE_FIELDS.contains(&f))
                        || row[j].text.trim().is_empty() =>
                {
                    self.fields.set(field, &row[j].text, self.loc(r, label));
                    // A table in the value cell (`经费预算 | [支出项目 | 金额 …]`): read as a table of its own.
                    for nested in &row[j].tables {
                        let mut inner = TableReader {
                            t: nested,
                            table_no: self.table_no,
                            form: self.form,
                            subs: self.subs,
                            fields: self.fields,
                            announced: self.announced,
                        };
                        inner.read();
                    }
                    i = j + 1;
                }
                Some(_) => {
                    self.fields.set(field, "", self.loc(r, label));
                    i += 1;
                }
                None => {
                    // A label alone in its row (a section heading): the value is the next row's text.
                    let below = t.rows.get(r + 1);
                    let is_text_row = below.is_some_and(|b| {
                        real(b).next().is_some()
                            && real(b).all(|(_, c)| label_in_cell(c, self.form).is_none())
                            && self.header(b).is_none()
                    });
                    let alone = real(row).count() == 1;
                    if alone && is_text_row {
                        let text: Vec<&str> = below
                            .into_iter()
                            .flatten()
                            .filter(|c| !c.merged_up)
                            .map(|c| c.text.trim())
                            .filter(|s| !s.is_empty())
                            .collect();
                        self.fields.set(
                            field,
                            &text.join("\n"),
                            format!("表格{} 第{}行（{label}）", self.table_no, r + 2),
                        );
                        used = 2;
                    } else {
                        self.fields.set(field, "", self.loc(r, label));
                    }
                    i += 1;
                }
            }
        }
        used
    }

    /// A table nested in row `outer` of the enclosing table: its first header row and the rows under it.
    fn read_nested(&mut self, outer: usize) {
        let rows = &self.t.rows;
        for (n, row) in rows.iter().enumerate() {
            if let Some(h) = self.header(row) {
                let mut end = n + 1;
                while let Some(data) = rows.get(end) {
                    let location = format!(
                        "表格{} 第{}行 内嵌表第{}行",
                        self.table_no,
                        outer + 1,
                        end + 1
                    );
                    self.push_row(&h, data, location);
                    end += 1;
                }
                return;
            }
        }
    }
}

/// Label/value pairs of a block row, read with the block's own labels.
fn block_pairs(row: &[Cell], columns: &'static [Labels], sub: &mut SubRow) {
    let cells: Vec<&Cell> = row.iter().filter(|c| !c.merged_up).collect();
    let mut i = 0;
    while i < cells.len() {
        let text = cells[i].text.trim();
        if let Some(f) = column_of_key(columns, cells[i].key()) {
            let value = cells
                .get(i + 1)
                .filter(|c| column_of_key(columns, c.key()).is_none())
                .map(|c| c.text.trim().to_string());
            if let Some(v) = &value {
                sub.cells.entry(f).or_insert_with(|| v.clone());
            }
            i += 1 + usize::from(value.is_some());
            continue;
        }
        if let Some((l, v)) = text.split_once([':', '：']) {
            if let Some(f) = column_of(columns, l) {
                sub.cells.entry(f).or_insert_with(|| v.trim().to_string());
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{APPLICATION, BUDGET_COLUMNS, PLAN_COLUMNS};

    fn cell(text: &str, col: usize, span: usize) -> Cell {
        Cell {
            text: text.into(),
            col,
            span,
            ..Cell::default()
        }
    }

    const SUBS: SubTables = &[
        SubTable {
            field: "budget",
            columns: BUDGET_COLUMNS,
            block_heads: &[],
        },
        SubTable {
            field: "plan",
            columns: PLAN_COLUMNS,
            block_heads: &[],
        },
    ];

    #[test]
    fn four_columns_long_text_and_inline_budget() {
        let mut merged = cell("", 0, 1);
        merged.merged_up = true;
        let t = Table {
            rows: vec![
                vec![
                    cell("党支部名称", 0, 1),
                    cell("机械本科一支部", 1, 1),
                    cell("所属党委", 2, 1),
                    cell("机械工程学院党委", 3, 1),
                ],
                vec![cell("项目名称（必填）：红色引擎", 0, 4)],
                vec![cell("建设目标", 0, 4)],
                vec![cell("打造一支部一品牌。", 0, 4)],
                vec![
                    cell("经费预算明细", 0, 1),
                    cell("支出项目", 1, 1),
                    cell("金额（元）", 2, 1),
                    cell("说明", 3, 1),
                ],
                vec![
                    merged.clone(),
                    cell("资料费", 1, 1),
                    cell("800", 2, 1),
                    cell("书籍", 3, 1),
                ],
                vec![merged, cell("合计", 1, 1), cell("800", 2, 1)],
                vec![cell("申请经费", 0, 1), cell("0.3万", 1, 3)],
            ],
        };
        let doc = WordDoc {
            blocks: vec![
                Block::Paragraph(crate::ingest::Paragraph {
                    text: "填表日期：2025年9月1日".into(),
                    heading: None,
                }),
                Block::Table(t),
            ],
        };
        let f = read(&doc, APPLICATION, SUBS);
        assert_eq!(f.get("branch"), "机械本科一支部");
        assert_eq!(f.get("committee"), "机械工程学院党委");
        assert_eq!(f.get("title"), "红色引擎");
        assert_eq!(f.get("goals"), "打造一支部一品牌。");
        assert_eq!(f.get("requested"), "0.3万");
        assert_eq!(f.get("filled_on"), "2025年9月1日");
        assert_eq!(f.loc("requested"), "表格1 第8行（申请经费）");
        let budget = &f.subtables["budget"];
        assert_eq!(budget.len(), 1, "the 合计 row is not an item");
        assert_eq!(budget[0].cells["item"], "资料费");
        assert_eq!(budget[0].cells["amount"], "800");
    }

    #[test]
    fn nested_plan_table() {
        let mut value = cell("", 1, 3);
        value.tables.push(Table {
            rows: vec![
                vec![cell("时间", 0, 1), cell("内容", 1, 1), cell("负责人", 2, 1)],
                vec![
                    cell("10月", 0, 1),
                    cell("开展主题党日", 1, 1),
                    cell("张三", 2, 1),
                ],
            ],
        });
        let t = Table {
            rows: vec![
                vec![cell("实施计划", 0, 1), value],
                vec![cell("项目负责人", 0, 1), cell("李四（书记）", 1, 3)],
            ],
        };
        let f = read(
            &WordDoc {
                blocks: vec![Block::Table(t)],
            },
            APPLICATION,
            SUBS,
        );
        assert_eq!(f.subtables["plan"][0].cells["content"], "开展主题党日");
        assert_eq!(f.get("leader"), "李四（书记）");
    }
}
