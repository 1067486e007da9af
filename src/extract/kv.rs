//! Key–value forms: label cells and the values beside or below them.
//!
//! Handles 2- and 4-column label/value tables, a label and its value in one
//! cell (`项目名称：…`), long-text rows (a label row followed by a full-width
//! text row), labels in paragraphs (`填表日期：2025年9月1日` above the table),
//! and sub-tables (budget, plan, partners) either nested in the value cell or
//! as rows under a label, whose header is matched against its own columns.

use crate::ingest::{Block, Cell, Table, WordDoc};
use crate::labels::{Labels, column_of, field_of};
use crate::normalise;
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

#[derive(Debug, Default)]
pub struct Fields {
    pub values: BTreeMap<&'static str, Found>,
    pub subtables: BTreeMap<&'static str, Vec<SubRow>>,
    /// How many distinct labels of the form were seen (for recognition).
    pub hits: usize,
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
    fn set(&mut self, field: &'static str, value: &str, location: String) {
        let entry = self.values.entry(field).or_default();
        if entry.value.trim().is_empty() {
            *entry = Found {
                value: value.trim().to_string(),
                location,
            };
        }
    }
}

/// Which fields of a form are sub-tables, and the columns of each.
pub type SubTables<'a> = &'a [(&'static str, &'a [Labels])];

/// Read the key–value fields of `form` from a Word document.
pub fn read(doc: &WordDoc, form: &[Labels], subs: SubTables) -> Fields {
    let mut fields = Fields::default();
    let mut table_no = 0;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => read_inline_pairs(&p.text, form, &mut fields, "正文段落"),
            Block::Table(t) => {
                table_no += 1;
                read_table(t, table_no, form, subs, &mut fields);
            }
        }
    }
    fields.hits = fields.values.len() + fields.subtables.len();
    fields
}

/// `label：value` pairs in running text, several per line allowed
/// (`支部：机械一支部  所属党委：机械学院党委`).
pub fn read_inline_pairs(text: &str, form: &[Labels], fields: &mut Fields, location: &str) {
    for line in text.lines() {
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

/// A label in a cell: the whole cell, or the part before a colon (returns the rest as value).
fn label_in_cell<'c>(cell: &'c Cell, form: &[Labels]) -> Option<(&'static str, Option<&'c str>)> {
    let text = cell.text.trim();
    if let Some(f) = field_of(form, text) {
        return Some((f, None));
    }
    let (label, rest) = text.split_once([':', '：'])?;
    field_of(form, label).map(|f| (f, Some(rest.trim())))
}

fn read_table(t: &Table, table_no: usize, form: &[Labels], subs: SubTables, fields: &mut Fields) {
    let mut r = 0;
    while r < t.rows.len() {
        let row = &t.rows[r];
        let loc = |label: &str| format!("表格{table_no} 第{}行（{label}）", r + 1);
        let mut consumed_rows = 1;
        let mut i = 0;
        while i < row.len() {
            let cell = &row[i];
            let Some((field, inline)) = label_in_cell(cell, form) else {
                i += 1;
                continue;
            };
            let label = cell.text.split([':', '：']).next().unwrap_or("").trim();
            if let Some(columns) = subs.iter().find(|(f, _)| *f == field).map(|(_, c)| *c) {
                let (rows, used) = read_subtable(t, table_no, r, i, columns, form);
                fields.subtables.entry(field).or_default().extend(rows);
                fields.set(field, "（见明细）", loc(label));
                consumed_rows = consumed_rows.max(used);
                break;
            }
            if let Some(v) = inline.filter(|v| !v.is_empty()) {
                fields.set(field, v, loc(label));
                i += 1;
                continue;
            }
            match row.get(i + 1) {
                Some(next)
                    if label_in_cell(next, form).is_none() || next.text.trim().is_empty() =>
                {
                    fields.set(field, &next.text, loc(label));
                    i += 2;
                }
                Some(_) => {
                    fields.set(field, "", loc(label));
                    i += 1;
                }
                None => {
                    // A label alone at the end of its row: the value is the next row's text.
                    let below = t.rows.get(r + 1);
                    let is_text_row =
                        below.is_some_and(|b| b.iter().all(|c| label_in_cell(c, form).is_none()));
                    if i == 0 && is_text_row {
                        let text: Vec<&str> = below
                            .into_iter()
                            .flatten()
                            .map(|c| c.text.trim())
                            .filter(|s| !s.is_empty())
                            .collect();
                        fields.set(
                            field,
                            &text.join("\n"),
                            format!("表格{table_no} 第{}行（{label}）", r + 2),
                        );
                        consumed_rows = 2;
                    } else {
                        fields.set(field, "", loc(label));
                    }
                    i += 1;
                }
            }
        }
        r += consumed_rows;
    }
}

/// Read a sub-table whose label sits at `t.rows[r][i]`: a table nested in the
/// label's row, or the rows below the label (header first). Returns the rows
/// and how many rows of `t` it used.
fn read_subtable(
    t: &Table,
    table_no: usize,
    r: usize,
    i: usize,
    columns: &[Labels],
    form: &[Labels],
) -> (Vec<SubRow>, usize) {
    // Nested: any table inside a cell of this row after the label (or in the label cell).
    if let Some(nested) = t.rows[r][i..].iter().flat_map(|c| c.tables.iter()).next() {
        return (read_header_table(&nested.rows, 0, table_no, r, columns), 1);
    }
    // Header in the rest of the label row, or in the next row.
    let same_row_header = header_map(&t.rows[r][i + 1..], columns);
    let (header, first_data) = if same_row_header.len() >= 2 {
        (same_row_header, r + 1)
    } else if let Some(next) = t.rows.get(r + 1) {
        let cells: Vec<Cell> = next.iter().filter(|c| !c.merged_up).cloned().collect();
        (header_map(&cells, columns), r + 2)
    } else {
        (Vec::new(), r + 1)
    };
    if header.len() < 2 {
        return (Vec::new(), 1);
    }
    let mut rows = Vec::new();
    let mut end = first_data;
    while let Some(row) = t.rows.get(end) {
        // Stop at the next label of the main form (outside the header's columns).
        let starts_form_row = row.iter().any(|c| {
            !c.merged_up
                && column_of(columns, &c.text).is_none()
                && label_in_cell(c, form).is_some()
        });
        if starts_form_row {
            break;
        }
        if let Some(sub) = data_row(row, &header, format!("表格{table_no} 第{}行", end + 1)) {
            rows.push(sub);
        }
        end += 1;
    }
    (rows, end - r)
}

/// Header cells → (grid column range, field).
fn header_map(cells: &[Cell], columns: &[Labels]) -> Vec<(usize, usize, &'static str)> {
    cells
        .iter()
        .filter_map(|c| column_of(columns, &c.text).map(|f| (c.col, c.col + c.span.max(1), f)))
        .collect()
}

fn data_row(
    row: &[Cell],
    header: &[(usize, usize, &'static str)],
    location: String,
) -> Option<SubRow> {
    let mut sub = SubRow {
        location,
        ..SubRow::default()
    };
    for c in row
        .iter()
        .filter(|c| !c.merged_up && !c.text.trim().is_empty())
    {
        if let Some((_, _, f)) = header
            .iter()
            .find(|(from, to, _)| (*from..*to).contains(&c.col))
        {
            sub.cells
                .entry(f)
                .or_insert_with(|| c.text.trim().to_string());
        }
    }
    let is_total = sub.cells.values().any(|v| {
        ["合计", "总计", "小计", "共计"]
            .iter()
            .any(|w| normalise::compact(v).starts_with(w))
    });
    (!sub.cells.is_empty() && !is_total).then_some(sub)
}

/// A plain table whose header row is at `header_row`.
fn read_header_table(
    rows: &[Vec<Cell>],
    header_row: usize,
    table_no: usize,
    outer_row: usize,
    columns: &[Labels],
) -> Vec<SubRow> {
    let Some(head) = rows.get(header_row) else {
        return Vec::new();
    };
    let header = header_map(head, columns);
    if header.len() < 2 {
        return Vec::new();
    }
    rows.iter()
        .enumerate()
        .skip(header_row + 1)
        .filter_map(|(n, row)| {
            data_row(
                row,
                &header,
                format!("表格{table_no} 第{}行 内嵌表第{}行", outer_row + 1, n + 1),
            )
        })
        .collect()
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

    const SUBS: SubTables = &[("budget", BUDGET_COLUMNS), ("plan", PLAN_COLUMNS)];

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
