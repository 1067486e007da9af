//! Fixture writers for the “两在两同” forms — members' “四个一” logs, 实事清单
//! and 书记项目 — as real .xlsx / .docx files written with rust_xlsxwriter
//! and docx-rs, for tests/members.rs and examples/sample_liangzai.rs.

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// One cell of a fixture sheet.
#[derive(Clone, Debug)]
pub enum C {
    S(String),
    N(f64),
    /// A real Excel date cell.
    D(u16, u8, u8),
    E,
}

pub fn s(t: &str) -> C {
    if t.is_empty() {
        C::E
    } else {
        C::S(t.to_string())
    }
}

/// A sheet: its rows, and merged ranges (first row, first col, last row, last col).
#[derive(Clone, Debug, Default)]
pub struct SheetSpec {
    pub name: String,
    pub rows: Vec<Vec<C>>,
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl SheetSpec {
    pub fn new(name: &str) -> Self {
        SheetSpec {
            name: name.into(),
            ..Default::default()
        }
    }
    pub fn row(&mut self, cells: Vec<C>) -> u32 {
        self.rows.push(cells);
        (self.rows.len() - 1) as u32
    }
    pub fn texts(&mut self, cells: &[&str]) -> u32 {
        self.row(cells.iter().map(|t| s(t)).collect())
    }
}

/// A workbook of the given sheets. A merged range shows the value of its first cell.
pub fn workbook(sheets: &[SheetSpec]) -> Vec<u8> {
    let mut wb = Workbook::new();
    // A fixed creation date: the same sheets give the same bytes.
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2025, 9, 1).unwrap()),
    );
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name).unwrap();
        let merged_first: Vec<(u32, u16)> = spec.merges.iter().map(|m| (m.0, m.1)).collect();
        let inside = |r: u32, c: u16| {
            spec.merges
                .iter()
                .any(|m| (m.0..=m.2).contains(&r) && (m.1..=m.3).contains(&c))
        };
        for (r, row) in spec.rows.iter().enumerate() {
            let r = r as u32;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                if inside(r, c) && !merged_first.contains(&(r, c)) {
                    continue;
                }
                if merged_first.contains(&(r, c)) {
                    continue;
                }
                match v {
                    C::S(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    C::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                    }
                    C::E => {}
                }
            }
        }
        for &(r1, c1, r2, c2) in &spec.merges {
            let text = match spec
                .rows
                .get(r1 as usize)
                .and_then(|row| row.get(c1 as usize))
            {
                Some(C::S(t)) => t.clone(),
                Some(C::N(n)) => n.to_string(),
                _ => String::new(),
            };
            ws.merge_range(r1, c1, r2, c2, &text, &Format::new())
                .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// One activity of a member (row-per-activity layout).
pub struct Act<'a> {
    pub kind: &'a str,
    pub date: C,
    pub hours: C,
    pub content: &'a str,
}

/// A row-per-activity log: a title, a 填报单位 line, the header, each
/// member's rows with the name (and branch) merged down over them when
/// `merge_names`, and a 合计 row.
pub fn log_by_activity(
    title: &str,
    branch_column: bool,
    members: &[(&str, &str, Vec<Act>)],
    merge_names: bool,
) -> SheetSpec {
    let mut sh = SheetSpec::new("四个一登记");
    sh.texts(&[title]);
    sh.merges.push((0, 0, 0, 6));
    sh.texts(&["填报单位：", "", "", "", "填表日期：2025年12月20日"]);
    let mut header = vec!["序号", "姓名"];
    if branch_column {
        header.push("所在支部");
    }
    header.extend(["活动类型", "活动日期", "时长（小时）", "活动内容"]);
    sh.texts(&header);
    let mut n = 0;
    for (name, branch, acts) in members {
        let first = sh.rows.len() as u32;
        for (i, a) in acts.iter().enumerate() {
            n += 1;
            let shown = |v: &str| if i == 0 || !merge_names { s(v) } else { C::E };
            let mut row = vec![C::N(n as f64), shown(name)];
            if branch_column {
                row.push(shown(branch));
            }
            row.extend([s(a.kind), a.date.clone(), a.hours.clone(), s(a.content)]);
            sh.row(row);
        }
        let last = sh.rows.len() as u32 - 1;
        if merge_names && last > first {
            sh.merges.push((first, 1, last, 1));
            if branch_column {
                sh.merges.push((first, 2, last, 2));
            }
        }
    }
    sh.texts(&["合计", "", "", "", "", "", ""]);
    sh.texts(&["注：活动类型填写党(团)课授课、志愿服务、义务劳动或新生宿舍结对帮扶。"]);
    sh
}

/// A row-per-member log: a column per kind (text as given: a count, a date,
/// ✓ …) and a 合计时长 column, under a two-row header whose first row groups
/// the kinds.
pub fn log_by_member(title: &str, rows: &[(&str, &str, [&str; 4], C)]) -> SheetSpec {
    let mut sh = SheetSpec::new("党员四个一");
    sh.texts(&[title]);
    sh.merges.push((0, 0, 0, 7));
    sh.texts(&[
        "序号",
        "姓名",
        "所在党支部",
        "“四个一”完成情况",
        "",
        "",
        "",
        "合计时长（小时）",
    ]);
    sh.texts(&[
        "",
        "",
        "",
        "党（团）课授课",
        "志愿服务",
        "义务劳动",
        "新生宿舍结对帮扶",
        "",
    ]);
    sh.merges.push((1, 0, 2, 0));
    sh.merges.push((1, 1, 2, 1));
    sh.merges.push((1, 2, 2, 2));
    sh.merges.push((1, 3, 1, 6));
    sh.merges.push((1, 7, 2, 7));
    for (i, (name, branch, kinds, hours)) in rows.iter().enumerate() {
        let mut row = vec![C::N((i + 1) as f64), s(name), s(branch)];
        row.extend(kinds.iter().map(|k| s(k)));
        row.push(hours.clone());
        sh.row(row);
    }
    sh
}

/// A 双月实事清单: (period heading, rows of 单位 · 实事项目 · 责任人 · 办结时限 · 进展 · 办结日期).
pub fn todo_list(title: &str, blocks: &[(&str, Vec<[&str; 6]>)]) -> SheetSpec {
    let mut sh = SheetSpec::new("实事清单");
    sh.texts(&[title]);
    sh.merges.push((0, 0, 0, 6));
    sh.texts(&[
        "序号",
        "责任单位",
        "实事项目",
        "责任人",
        "办结时限",
        "进展情况",
        "办结日期",
    ]);
    let mut n = 0;
    for (heading, rows) in blocks {
        if !heading.is_empty() {
            let r = sh.texts(&[heading]);
            sh.merges.push((r, 0, r, 6));
        }
        for row in rows {
            n += 1;
            let mut cells = vec![C::N(n as f64)];
            cells.extend(row.iter().map(|t| s(t)));
            sh.row(cells);
        }
    }
    sh.texts(&["合计", "", &format!("{n}项")]);
    sh
}

fn cell(text: &str) -> TableCell {
    let mut c = TableCell::new();
    for line in text.split('\n') {
        c = c.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    c
}

/// A 书记项目 application: a 2-column key–value table, its 实施计划 (时间表)
/// as rows under the label; `roadmap` None leaves the 路线图 row out.
pub fn secretary_project(
    fields: &[(&str, &str)],
    plan: &[(&str, &str)],
    roadmap: Option<(&str, &str)>,
) -> Vec<u8> {
    let mut rows: Vec<TableRow> = fields
        .iter()
        .map(|(l, v)| TableRow::new(vec![cell(l), cell(v).grid_span(2)]))
        .collect();
    if !plan.is_empty() {
        rows.push(TableRow::new(vec![
            cell("实施计划（时间表）").vertical_merge(docx_rs::VMergeType::Restart),
            cell("时间"),
            cell("内容"),
        ]));
        for (t, c) in plan {
            rows.push(TableRow::new(vec![
                cell("").vertical_merge(docx_rs::VMergeType::Continue),
                cell(t),
                cell(c),
            ]));
        }
    }
    if let Some((label, text)) = roadmap {
        // Several lines `阶段|内容`: a sub-table under a merged label.
        if text.contains('|') {
            let mut first = true;
            for line in text.split('\n') {
                let (a, b) = line.split_once('|').unwrap_or((line, ""));
                let merge = if first {
                    docx_rs::VMergeType::Restart
                } else {
                    docx_rs::VMergeType::Continue
                };
                rows.push(TableRow::new(vec![
                    cell(if first { label } else { "" }).vertical_merge(merge),
                    cell(a),
                    cell(b),
                ]));
                first = false;
            }
        } else {
            rows.push(TableRow::new(vec![cell(label), cell(text).grid_span(2)]));
        }
    }
    let doc = Docx::new()
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("“两在两同”建新功行动书记项目申报表")),
        )
        .add_table(Table::new(rows).set_grid(vec![2200, 2400, 4600]));
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).unwrap();
    buf.into_inner()
}
