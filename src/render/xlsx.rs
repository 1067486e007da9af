//! Spreadsheets the department submits and works with: 申报汇总表.xlsx,
//! 问题清单.xlsx and 评审表.xlsx. User text is always written as a string,
//! never as a formula; totals are real `SUM` formulas with their results stored.

use crate::check::closing::ClosingRow;
use crate::check::roster::RosterStatus;
use crate::config::{Config, Material, REJECTED_LEVEL};
use crate::model::Application;
use crate::problem::Problem;
use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// An application as it appears in the outputs, with its source file.
pub struct Row<'a> {
    pub app: &'a Application,
    pub source: &'a str,
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    money: Format,
    total: Format,
    total_money: Format,
}

fn styles() -> Styles {
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_font_name("宋体")
            .set_font_size(11)
    };
    Styles {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_font_name("黑体")
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        header: border(Format::new())
            .set_bold()
            .set_background_color("#D9E1F2")
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        text: border(Format::new())
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter),
        money: border(Format::new())
            .set_num_format("#,##0")
            .set_align(FormatAlign::VerticalCenter),
        total: border(Format::new()).set_bold(),
        total_money: border(Format::new()).set_bold().set_num_format("#,##0"),
    }
}

/// Display width of text in Excel character units: CJK counts double.
pub(crate) fn text_width(s: &str) -> f64 {
    s.lines()
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Printable width of A4 landscape in Excel width units at 11 pt (about
/// 277 mm), and the width below which a column is not narrowed further.
const PAGE_WIDTH_UNITS: f64 = 140.0;
const NARROW_COLUMN: f64 = 16.0;

/// Tracks the widest value per column and applies it at the end; the cells
/// seen with their row also set that row's height for their wrapped lines.
struct Widths(Vec<f64>, Vec<(u32, usize, String)>);

impl Widths {
    fn new(headers: &[&str]) -> Self {
        Widths(
            headers.iter().map(|h| text_width(h) + 2.0).collect(),
            Vec::new(),
        )
    }
    fn see(&mut self, col: usize, s: &str) {
        if let Some(w) = self.0.get_mut(col) {
            *w = w.max(text_width(s) + 2.0);
        }
    }
    /// Like [`Widths::see`], for a cell whose row grows with its wrapped text.
    fn see_in(&mut self, row: u32, col: usize, s: &str) {
        self.see(col, s);
        if !s.is_empty() {
            self.1.push((row, col, s.to_string()));
        }
    }
    /// Set the widths, each at most `max`; when the table is wider than an
    /// A4 landscape page, the wide (wrapping) columns give up width so it
    /// fits, and the text keeps its full size.
    fn apply(&self, ws: &mut Worksheet, max: f64) -> Result<(), XlsxError> {
        let widths: Vec<f64> = self.0.iter().map(|w| w.min(max)).collect();
        let total: f64 = widths.iter().sum();
        let wide: f64 = widths.iter().filter(|w| **w > NARROW_COLUMN).sum();
        let excess = (total - PAGE_WIDTH_UNITS).max(0.0);
        let keep = if wide > 0.0 {
            ((wide - excess) / wide).max(0.3)
        } else {
            1.0
        };
        let mut finals = Vec::with_capacity(widths.len());
        for (c, w) in widths.iter().enumerate() {
            let w = if *w > NARROW_COLUMN {
                (w * keep).max(NARROW_COLUMN)
            } else {
                *w
            };
            ws.set_column_width(c as u16, w)?;
            finals.push(w);
        }
        // Rows are as tall as their most wrapped cell (LibreOffice and WPS do
        // not grow a row for wrapped text by themselves).
        let mut lines: BTreeMap<u32, usize> = BTreeMap::new();
        for (row, col, text) in &self.1 {
            let room = (finals.get(*col).copied().unwrap_or(10.0) - 1.5).max(2.0);
            let n: usize = text
                .lines()
                .map(|l| ((text_width(l) / room).ceil() as usize).max(1))
                .sum();
            let e = lines.entry(*row).or_default();
            *e = (*e).max(n);
        }
        for (row, n) in lines.into_iter().filter(|(_, n)| *n > 1) {
            ws.set_row_height(row, 15.0 * n as f64)?;
        }
        Ok(())
    }
}

/// A4 landscape, one page wide: the columns were sized to fit the page (see
/// [`Widths::apply`]), so fitting shrinks the 11 pt text by a few percent at
/// most and it prints above 9 pt; long cells wrap, the header row repeats.
pub(crate) fn page_setup(ws: &mut Worksheet, header_row: u32) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    let _ = ws.set_repeat_rows(header_row, header_row);
}

fn fen_to_yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}

/// The column of `name` in one of this file's header lists.
fn col(headers: &[&str], name: &str) -> u16 {
    headers
        .iter()
        .position(|h| *h == name)
        .unwrap_or_else(|| panic!("{name} is not a header")) as u16
}

/// The column letter of `name` in a header list, for formulas (`J`).
fn letter(headers: &[&str], name: &str) -> String {
    column_number_to_name(col(headers, name))
}

const REQUESTED: &str = "申请经费(元)";
const APPROVED: &str = "核定经费(元)";

const SUMMARY_HEADERS: &[&str] = &[
    "序号",
    "学院",
    "支部名称",
    "项目名称",
    "申报板块",
    "项目负责人",
    "联系电话",
    "指导老师",
    "党员人数",
    "申请经费(元)",
    "评审等级",
    "核定经费(元)",
    "备注",
];

/// 申报汇总表.xlsx: one row per application in the FORMS.md §1.3 order, a 合计
/// row, and the sheets 按学院统计 and 按板块统计.
pub fn summary(cfg: &Config, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(cfg);
    let ws = wb.add_worksheet().set_name("申报汇总表")?;
    let last_col = (SUMMARY_HEADERS.len() - 1) as u16;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}申报汇总表", cfg.name),
        &st.title,
    )?;
    ws.set_row_height(0, 32)?;
    let mut widths = Widths::new(SUMMARY_HEADERS);
    for (c, h) in SUMMARY_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        let a = row.app;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.text)?;
        let texts = [
            ("学院", a.committee.as_str()),
            ("支部名称", &a.branch),
            ("项目名称", &a.title),
            ("申报板块", a.track.as_deref().unwrap_or(&a.track_raw)),
            ("项目负责人", &a.leader),
            ("联系电话", &a.phone),
            ("指导老师", &a.advisor),
            ("评审等级", a.level.as_deref().unwrap_or("")),
            ("备注", row.source),
        ];
        for (name, t) in texts {
            let c = col(SUMMARY_HEADERS, name);
            ws.write_string_with_format(r, c, t, &st.text)?;
            widths.see_in(r, c as usize, t);
        }
        let members = col(SUMMARY_HEADERS, "党员人数");
        match a.members {
            Some(m) => ws.write_number_with_format(r, members, m as f64, &st.text)?,
            None => ws.write_blank(r, members, &st.text)?,
        };
        for (name, v) in [(REQUESTED, a.requested_fen), (APPROVED, a.approved_fen)] {
            let c = col(SUMMARY_HEADERS, name);
            match v {
                Some(fen) => ws.write_number_with_format(r, c, fen_to_yuan(fen), &st.money)?,
                None => ws.write_blank(r, c, &st.money)?,
            };
        }
    }
    // 合计 row: real formulas, with their results stored for viewers that do not recalculate.
    let total_row = (rows.len() + 2) as u32;
    ws.write_string_with_format(total_row, 0, "合计", &st.total)?;
    for c in 1..=last_col {
        ws.write_blank(total_row, c, &st.total)?;
    }
    ws.write_string_with_format(
        total_row,
        col(SUMMARY_HEADERS, "支部名称"),
        &format!("{} 项", rows.len()),
        &st.total,
    )?;
    for (name, sum) in [
        (
            REQUESTED,
            rows.iter().filter_map(|r| r.app.requested_fen).sum::<i64>(),
        ),
        (
            APPROVED,
            rows.iter().filter_map(|r| r.app.approved_fen).sum::<i64>(),
        ),
    ] {
        let (c, letter) = (col(SUMMARY_HEADERS, name), letter(SUMMARY_HEADERS, name));
        let formula = if rows.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!("=SUM({letter}3:{letter}{})", total_row))
                .set_result(format_result(sum))
        };
        ws.write_formula_with_format(total_row, c, formula, &st.total_money)?;
    }
    for name in [REQUESTED, APPROVED] {
        let c = col(SUMMARY_HEADERS, name) as usize;
        widths.0[c] = widths.0[c].max(14.0);
    }
    widths.apply(ws, 46.0)?;
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, (rows.len() + 1).max(1) as u32, last_col)?;
    page_setup(ws, 1);

    group_sheet(&mut wb, &st, "按学院统计", "学院", rows, |a| {
        a.committee.clone()
    })?;
    group_sheet(&mut wb, &st, "按板块统计", "申报板块", rows, |a| {
        a.track.clone().unwrap_or_else(|| a.track_raw.clone())
    })?;
    wb.save_to_buffer()
}

fn format_result(fen: i64) -> String {
    if fen % 100 == 0 {
        (fen / 100).to_string()
    } else {
        format!("{:.2}", fen_to_yuan(fen))
    }
}

/// A statistics sheet: per group the number of applications and the money,
/// computed with COUNTIF/SUMIF over the main sheet and stored results.
fn group_sheet(
    wb: &mut Workbook,
    st: &Styles,
    name: &str,
    what: &str,
    rows: &[Row],
    key: impl Fn(&Application) -> String,
) -> Result<(), XlsxError> {
    let mut groups: BTreeMap<String, (usize, i64, i64)> = BTreeMap::new();
    for r in rows {
        let g = groups.entry(key(r.app)).or_default();
        g.0 += 1;
        g.1 += r.app.requested_fen.unwrap_or(0);
        g.2 += r.app.approved_fen.unwrap_or(0);
    }
    let ws = wb.add_worksheet().set_name(name)?;
    let headers = [what, "申报项目数", REQUESTED, APPROVED];
    let mut widths = Widths::new(&headers);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    // `what` names the summary sheet's column the groups come from.
    let key_col = letter(SUMMARY_HEADERS, what);
    let last = rows.len() + 2;
    for (i, (g, (n, req, appr))) in groups.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_string_with_format(r, 0, g, &st.text)?;
        widths.see(0, g);
        let range = |col: &str| format!("'申报汇总表'!{col}3:{col}{last}");
        let criteria = format!("A{}", r + 1);
        ws.write_formula_with_format(
            r,
            1,
            Formula::new(format!("=COUNTIF({},{criteria})", range(&key_col)))
                .set_result(n.to_string()),
            &st.text,
        )?;
        ws.write_formula_with_format(
            r,
            2,
            Formula::new(format!(
                "=SUMIF({},{criteria},{})",
                range(&key_col),
                range(&letter(SUMMARY_HEADERS, REQUESTED))
            ))
            .set_result(format_result(*req)),
            &st.money,
        )?;
        ws.write_formula_with_format(
            r,
            3,
            Formula::new(format!(
                "=SUMIF({},{criteria},{})",
                range(&key_col),
                range(&letter(SUMMARY_HEADERS, APPROVED))
            ))
            .set_result(format_result(*appr)),
            &st.money,
        )?;
    }
    let total = (groups.len() + 1) as u32;
    ws.write_string_with_format(total, 0, "合计", &st.total)?;
    for (c, letter, v) in [
        (1u16, "B", rows.len().to_string()),
        (2, "C", format_result(groups.values().map(|g| g.1).sum())),
        (3, "D", format_result(groups.values().map(|g| g.2).sum())),
    ] {
        let f = if groups.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!("=SUM({letter}2:{letter}{total})")).set_result(v)
        };
        ws.write_formula_with_format(
            total,
            c,
            f,
            if c == 1 { &st.total } else { &st.total_money },
        )?;
    }
    widths.0[2] = 14.0;
    widths.0[3] = 14.0;
    widths.apply(ws, 46.0)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

const PROBLEM_HEADERS: &[&str] = &[
    "序号",
    "学院/党委",
    "支部",
    "文件",
    "位置",
    "问题类型",
    "严重程度",
    "问题说明",
];

/// 问题清单.xlsx: one row per problem, sorted by committee, branch, file.
pub fn problems(
    cfg: &Config,
    problems: &[Problem],
    roster: Option<&RosterStatus>,
) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(cfg);
    let ws = wb.add_worksheet().set_name("问题清单")?;
    let last_col = (PROBLEM_HEADERS.len() - 1) as u16;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}问题清单", cfg.name),
        &st.title,
    )?;
    let mut widths = Widths::new(PROBLEM_HEADERS);
    for (c, h) in PROBLEM_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
    }
    for (i, p) in problems.iter().enumerate() {
        let r = (i + 2) as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.text)?;
        let severity = p.severity.zh();
        let kind = format!("{}（{}）", p.code.zh(), p.code.as_str());
        let cells = [
            p.committee.as_deref().unwrap_or(""),
            p.branch.as_deref().unwrap_or(""),
            &p.file,
            &p.location,
            &kind,
            severity,
            &p.message,
        ];
        for (c, t) in cells.iter().enumerate() {
            ws.write_string_with_format(r, (c + 1) as u16, *t, &st.text)?;
            widths.see_in(r, c + 1, t);
        }
    }
    widths.apply(ws, 60.0)?;
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, (problems.len() + 1).max(1) as u32, last_col)?;
    page_setup(ws, 1);
    if let Some(r) = roster {
        submission_sheet(&mut wb, &st, r)?;
    }
    wb.save_to_buffer()
}

const SUBMISSION_HEADERS: &[&str] = &["学院（党委）", "应报", "已报", "未报", "未报送的支部"];

/// 报送情况: per committee, the branches required, submitted and missing.
fn submission_sheet(wb: &mut Workbook, st: &Styles, r: &RosterStatus) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("报送情况")?;
    ws.merge_range(
        0,
        0,
        0,
        (SUBMISSION_HEADERS.len() - 1) as u16,
        &format!(
            "报送情况（名册 {} 个支部，应报 {}，已报 {}，未报 {}）",
            r.branches,
            r.required,
            r.submitted,
            r.required - r.submitted
        ),
        &st.title,
    )?;
    let mut widths = Widths::new(SUBMISSION_HEADERS);
    for (c, h) in SUBMISSION_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
    }
    for (i, c) in r.by_committee.iter().enumerate() {
        let row = (i + 2) as u32;
        let missing = c.missing.join("、");
        ws.write_string_with_format(row, 0, &c.committee, &st.text)?;
        for (col, n) in [c.required, c.submitted, c.required - c.submitted]
            .into_iter()
            .enumerate()
        {
            ws.write_number_with_format(row, (col + 1) as u16, n as f64, &st.money)?;
        }
        ws.write_string_with_format(row, 4, &missing, &st.text)?;
        widths.see_in(row, 0, &c.committee);
        widths.see_in(row, 4, &missing);
    }
    widths.apply(ws, 60.0)?;
    ws.set_freeze_panes(2, 0)?;
    page_setup(ws, 1);
    Ok(())
}

/// 结项验收表.xlsx: one row per approved project, ✓/✗ per material it owes.
pub fn closing(cfg: &Config, rows: &[ClosingRow]) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(cfg);
    let ws = wb.add_worksheet().set_name("结项验收")?;
    let mut headers: Vec<&str> = vec![
        "序号",
        "学院（党委）",
        "支部名称",
        "项目名称",
        "等级",
        "核定经费(元)",
        "已使用经费(元)",
    ];
    headers.extend(Material::ALL.iter().map(|m| m.zh()));
    headers.extend(["新闻稿件(篇)", "缺少的材料"]);
    let last = (headers.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last, &format!("{}结项验收表", cfg.name), &st.title)?;
    let mut widths = Widths::new(&headers);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
    }
    let missing_fill = |f: &Format| f.clone().set_background_color("#FCE4D6");
    for (i, p) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        let (text, money) = if p.missing.is_empty() {
            (st.text.clone(), st.money.clone())
        } else {
            (missing_fill(&st.text), missing_fill(&st.money))
        };
        ws.write_number_with_format(r, 0, (i + 1) as f64, &text)?;
        for (c, t) in [&p.committee, &p.branch, &p.title, &p.level]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(r, (c + 1) as u16, t.as_str(), &text)?;
            widths.see_in(r, c + 1, t);
        }
        for (c, fen) in [p.approved_fen, p.spent_fen].iter().enumerate() {
            match fen {
                Some(f) => {
                    ws.write_number_with_format(r, (c + 5) as u16, fen_to_yuan(*f), &money)?
                }
                None => ws.write_string_with_format(r, (c + 5) as u16, "", &text)?,
            };
        }
        for (c, m) in Material::ALL.iter().enumerate() {
            let owed = p.required.iter().any(|x| x == m.zh());
            let got = p.received.iter().any(|(x, ok)| x == m && *ok);
            let mark = match (owed, got) {
                (_, true) => "✓",
                (true, false) => "✗",
                (false, false) => "—",
            };
            ws.write_string_with_format(r, (c + 7) as u16, mark, &text)?;
        }
        ws.write_number_with_format(r, 10, p.articles as f64, &money)?;
        let missing = p.missing.join("；");
        ws.write_string_with_format(r, 11, &missing, &text)?;
        widths.see_in(r, 11, &missing);
    }
    widths.apply(ws, 40.0)?;
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, (rows.len() + 1) as u32, last)?;
    page_setup(ws, 1);
    wb.save_to_buffer()
}

const REVIEW_HEADERS: &[&str] = &[
    "序号",
    "学院",
    "支部名称",
    "项目名称",
    "板块",
    "负责人",
    "申请经费(元)",
    "评审等级",
    "核定经费(元)",
    "评审意见",
];

/// 评审表.xlsx: pre-filled from the applications, with a drop-down for 评审等级.
pub fn review(cfg: &Config, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(cfg);
    let ws = wb.add_worksheet().set_name("评审表")?;
    let last_col = (REVIEW_HEADERS.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last_col, &format!("{}评审表", cfg.name), &st.title)?;
    let mut widths = Widths::new(REVIEW_HEADERS);
    for (c, h) in REVIEW_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
    }
    let input = Format::new()
        .set_border(FormatBorder::Thin)
        .set_background_color("#FFF2CC")
        .set_unlocked();
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        let a = row.app;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.text)?;
        let texts = [
            (1u16, a.committee.as_str()),
            (2, &a.branch),
            (3, &a.title),
            (4, a.track.as_deref().unwrap_or(&a.track_raw)),
            (5, &a.leader),
        ];
        for (c, t) in texts {
            ws.write_string_with_format(r, c, t, &st.text)?;
            widths.see_in(r, c as usize, t);
        }
        match a.requested_fen {
            Some(f) => ws.write_number_with_format(r, 6, fen_to_yuan(f), &st.money)?,
            None => ws.write_blank(r, 6, &st.money)?,
        };
        match &a.level {
            Some(l) => ws.write_string_with_format(r, 7, l, &input)?,
            None => ws.write_blank(r, 7, &input)?,
        };
        match a.approved_fen {
            Some(f) => ws.write_number_with_format(
                r,
                8,
                fen_to_yuan(f),
                &input.clone().set_num_format("#,##0"),
            )?,
            None => ws.write_blank(r, 8, &input)?,
        };
        ws.write_blank(r, 9, &input)?;
    }
    let mut levels: Vec<String> = cfg.levels.iter().map(|l| l.name.clone()).collect();
    levels.push(REJECTED_LEVEL.to_string());
    let last_row = (rows.len() + 1).max(2) as u32;
    let dv = DataValidation::new()
        .allow_list_strings(&levels.iter().map(String::as_str).collect::<Vec<_>>())?
        .set_error_title("评审等级")?
        .set_error_message(&format!("请从下拉列表中选择：{}", levels.join("、")))?;
    ws.add_data_validation(2, 7, last_row, 7, &dv)?;
    let caps: Vec<String> = cfg
        .levels
        .iter()
        .map(|l| match l.cap_yuan {
            Some(cap) => format!("{}≤{}元", l.name, cap),
            None => l.name.clone(),
        })
        .collect();
    let note_row = last_row + 2;
    ws.write_string(note_row, 0, &format!("填写说明：评审等级请从下拉列表选择；核定经费不得超过等级上限（{}）。填好后放回收件箱（inbox）重新运行即可生成立项公示。", caps.join("，")))?;
    widths.0[7] = 12.0;
    widths.0[8] = 14.0;
    widths.0[9] = 30.0;
    widths.apply(ws, 46.0)?;
    ws.set_freeze_panes(2, 0)?;
    page_setup(ws, 1);
    wb.save_to_buffer()
}

/// 年度统计.xlsx: the year-end numbers, the same ones report.json and the PDFs use.
pub fn annual(
    cfg: &Config,
    s: &crate::stats::Stats,
    more: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(cfg);
    let ws = wb.add_worksheet().set_name("年度统计")?;
    ws.merge_range(
        0,
        0,
        0,
        3,
        &format!("{}年度结对共建统计", cfg.year),
        &st.title,
    )?;
    ws.merge_range(1, 0, 1, 3, &format!("{}。", s.headline), &st.text)?;
    ws.set_row_height(1, 48)?;
    let mut r = 3u32;
    for (title, rows) in [
        ("按共建支部类型", &s.by_partner_kind),
        ("按活动类型", &s.by_activity_kind),
        ("按党委", &s.by_committee),
        ("按月份", &s.by_month),
    ] {
        ws.write_string_with_format(r, 0, title, &st.header)?;
        ws.write_string_with_format(r, 1, "活动次数", &st.header)?;
        let first = r + 2;
        for c in rows.iter() {
            r += 1;
            ws.write_string_with_format(r, 0, &c.name, &st.text)?;
            ws.write_number_with_format(r, 1, c.count as f64, &st.text)?;
        }
        r += 1;
        ws.write_string_with_format(r, 0, "合计", &st.total)?;
        let sum: usize = rows.iter().map(|c| c.count).sum();
        let f = if rows.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!("=SUM(B{first}:B{})", r)).set_result(sum.to_string())
        };
        ws.write_formula_with_format(r, 1, f, &st.total)?;
        r += 2;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 12)?;

    let ws = wb.add_worksheet().set_name("四个一完成情况")?;
    let headers = [
        "机关党支部",
        "所属党委",
        "结对支部",
        "计划",
        "已开展",
        "尚未开展",
    ];
    let mut widths = Widths::new(&headers);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    for (i, f) in s.four_ones.iter().enumerate() {
        let r = (i + 1) as u32;
        let cells = [
            f.branch.clone(),
            f.committee.clone(),
            f.partners.join("、"),
            f.planned.join("、"),
            f.done.join("、"),
            f.missing.join("、"),
        ];
        for (c, t) in cells.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, t, &st.text)?;
            widths.see(c, t);
        }
    }
    widths.apply(ws, 50.0)?;

    let ws = wb.add_worksheet().set_name("项目立项情况")?;
    let headers = ["立项等级", "项目数", "申请经费(元)", "核定经费(元)"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    for (i, l) in s.projects_by_level.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_string_with_format(r, 0, &l.level, &st.text)?;
        ws.write_number_with_format(r, 1, l.count as f64, &st.text)?;
        ws.write_number_with_format(r, 2, fen_to_yuan(l.requested_fen), &st.money)?;
        ws.write_number_with_format(r, 3, fen_to_yuan(l.approved_fen), &st.money)?;
    }
    Widths::new(&headers).apply(ws, 30.0)?;
    // Sheets of other campaigns (the “两在两同” 量化评价), added by the caller.
    more(&mut wb)?;
    wb.save_to_buffer()
}

/// A workbook whose document properties do not change from run to run: the
/// creation time is 1 January of the campaign year, not the time of writing,
/// so that the same inputs give the same bytes.
pub(crate) fn workbook(cfg: &Config) -> Workbook {
    let mut wb = Workbook::new();
    if let Ok(date) =
        rust_xlsxwriter::ExcelDateTime::from_ymd(cfg.year.clamp(1900, 9999) as u16, 1, 1)
    {
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&date));
    }
    wb
}
