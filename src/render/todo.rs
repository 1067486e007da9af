//! 实事清单台账.xlsx — the 对账销号 ledger of the 双月实事清单: items by 双月
//! period with overdue rows highlighted, and 已办结 / 推进中 / 未启动 / 逾期
//! counts per unit, per period and for the year.

use super::members::look;
use super::xlsx::{page_setup, text_width, workbook as new_workbook};
use crate::check::todo::{PERIODS, TodoRow};
use crate::config::Config;
use chrono::NaiveDate;
use rust_xlsxwriter::{ConditionalFormatFormula, Formula, XlsxError};

pub const FILE: &str = "实事清单台账.xlsx";

const HEADERS: &[&str] = &[
    "序号",
    "单位（支部）",
    "所属党委",
    "实事项目",
    "责任人",
    "办结时限",
    "进展状态",
    "办结日期",
    "是否逾期",
];

const NUMERALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七"];

fn periods(rows: &[TodoRow]) -> Vec<String> {
    let mut out: Vec<String> = PERIODS.iter().map(|p| p.to_string()).collect();
    for r in rows {
        if !out.contains(&r.period) {
            out.push(r.period.clone());
        }
    }
    out.retain(|p| rows.iter().any(|r| &r.period == p));
    out
}

fn units(rows: &[&TodoRow]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in rows {
        if !out.iter().any(|(u, _)| *u == r.unit) {
            out.push((r.unit.clone(), r.committee.clone()));
        }
    }
    out.sort();
    out
}

pub fn workbook(cfg: &Config, rows: &[TodoRow], as_of: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let lk = look();
    let mut wb = new_workbook(cfg);
    let last = (HEADERS.len() - 1) as u16;
    let ws = wb.add_worksheet().set_name("实事清单台账")?;
    ws.merge_range(
        0,
        0,
        0,
        last,
        &format!("{}年度双月实事清单对账销号台账", cfg.year),
        &lk.title,
    )?;
    ws.set_row_height(0, 30)?;
    let overdue = rows.iter().filter(|r| r.overdue).count();
    ws.merge_range(
        1,
        0,
        1,
        last,
        &format!(
            "截至 {}：实事项目 {} 项，已办结 {} 项，逾期未办结 {overdue} 项（标色）。",
            crate::calendar::chinese_date(as_of),
            rows.len(),
            rows.iter().filter(|r| r.done).count()
        ),
        &lk.note,
    )?;
    ws.set_row_height(1, 20)?;
    let mut r = 3u32;
    let mut widths: Vec<f64> = HEADERS.iter().map(|h| text_width(h) + 2.0).collect();
    for (i, period) in periods(rows).iter().enumerate() {
        let own: Vec<&TodoRow> = rows.iter().filter(|x| &x.period == period).collect();
        let heading = format!(
            "{}、{period}（{} 项，逾期 {} 项）",
            NUMERALS.get(i).copied().unwrap_or("·"),
            own.len(),
            own.iter().filter(|x| x.overdue).count()
        );
        ws.merge_range(r, 0, r, last, &heading, &lk.total)?;
        r += 1;
        for (c, h) in HEADERS.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *h, &lk.header)?;
        }
        r += 1;
        let first = r;
        for (n, t) in own.iter().enumerate() {
            let cells = [
                t.unit.clone(),
                t.committee.clone(),
                t.item.clone(),
                t.person.clone(),
                t.due.map(|d| d.to_string()).unwrap_or_default(),
                t.status.clone(),
                t.done_on.map(|d| d.to_string()).unwrap_or_default(),
                if t.overdue { "逾期" } else { "" }.to_string(),
            ];
            ws.write_number_with_format(r, 0, (n + 1) as f64, &lk.center)?;
            for (c, v) in cells.iter().enumerate() {
                let f = if c == 2 || c == 0 {
                    &lk.text
                } else {
                    &lk.center
                };
                ws.write_string_with_format(r, (c + 1) as u16, v, f)?;
                widths[c + 1] = widths[c + 1].max(text_width(v) + 2.0);
            }
            r += 1;
        }
        if r > first {
            ws.add_conditional_format(
                first,
                0,
                r - 1,
                last,
                &ConditionalFormatFormula::new()
                    .set_rule(format!("=$I{}=\"逾期\"", first + 1).as_str())
                    .set_format(lk.bad.clone()),
            )?;
        }
        r += 1;
    }
    for (c, w) in widths.iter().enumerate() {
        let max = if c == 3 { 44.0 } else { 26.0 };
        ws.set_column_width(c as u16, w.min(max))?;
    }
    ws.set_column_width(3, widths[3].min(44.0).max(24.0))?;
    page_setup(ws, 0);

    // Counts per unit: each period, then the year.
    let ws = wb.add_worksheet().set_name("按单位统计")?;
    let heads = [
        "双月",
        "单位（支部）",
        "所属党委",
        "项目数",
        "已办结",
        "推进中",
        "未启动",
        "逾期",
    ];
    ws.merge_range(0, 0, 0, 7, "实事项目办结情况（按单位）", &lk.title)?;
    ws.set_row_height(0, 30)?;
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &lk.header)?;
    }
    let mut r = 2u32;
    let mut blocks: Vec<(String, Vec<&TodoRow>)> = periods(rows)
        .into_iter()
        .map(|p| {
            let own = rows.iter().filter(|x| x.period == p).collect();
            (p, own)
        })
        .collect();
    blocks.push(("全年".into(), rows.iter().collect()));
    let first_data = r;
    let mut unit_w = 14.0f64;
    let mut committee_w = 12.0f64;
    for (period, own) in &blocks {
        let start = r;
        for (unit, committee) in units(own) {
            let mine: Vec<&&TodoRow> = own.iter().filter(|x| x.unit == unit).collect();
            let count = |s: &str| mine.iter().filter(|x| x.status == s).count() as f64;
            ws.write_string_with_format(r, 0, period, &lk.center)?;
            ws.write_string_with_format(r, 1, &unit, &lk.text)?;
            ws.write_string_with_format(r, 2, &committee, &lk.text)?;
            unit_w = unit_w.max(text_width(&unit) + 2.0);
            committee_w = committee_w.max(text_width(&committee) + 2.0);
            ws.write_number_with_format(r, 3, mine.len() as f64, &lk.center)?;
            ws.write_number_with_format(r, 4, count("已办结"), &lk.center)?;
            ws.write_number_with_format(r, 5, count("推进中"), &lk.center)?;
            ws.write_number_with_format(r, 6, count("未启动"), &lk.center)?;
            ws.write_number_with_format(
                r,
                7,
                mine.iter().filter(|x| x.overdue).count() as f64,
                &lk.center,
            )?;
            r += 1;
        }
        ws.merge_range(r, 0, r, 2, &format!("{period} 合计"), &lk.total)?;
        for (c, col) in [(3u16, 'D'), (4, 'E'), (5, 'F'), (6, 'G'), (7, 'H')] {
            let result: usize = match c {
                3 => own.len(),
                4 => own.iter().filter(|x| x.status == "已办结").count(),
                5 => own.iter().filter(|x| x.status == "推进中").count(),
                6 => own.iter().filter(|x| x.status == "未启动").count(),
                _ => own.iter().filter(|x| x.overdue).count(),
            };
            let f = if r > start {
                Formula::new(format!("=SUM({col}{}:{col}{})", start + 1, r))
                    .set_result(result.to_string())
            } else {
                Formula::new("=0").set_result("0")
            };
            ws.write_formula_with_format(r, c, f, &lk.total)?;
        }
        r += 2;
    }
    if r > first_data {
        ws.add_conditional_format(
            first_data,
            7,
            r,
            7,
            &ConditionalFormatFormula::new()
                .set_rule(format!("=AND(ISNUMBER($H{0}),$H{0}>0)", first_data + 1).as_str())
                .set_format(lk.bad.clone()),
        )?;
    }
    for (c, w) in [
        9.0,
        unit_w.min(30.0),
        committee_w.min(28.0),
        8.0,
        8.0,
        8.0,
        8.0,
        8.0,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(2, 0)?;
    page_setup(ws, 1);
    wb.save_to_buffer()
}
