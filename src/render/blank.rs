//! The blank forms `zhibu init` writes for the department to send out: their
//! labels are the canonical labels of the synonym table, so what branches fill
//! in is read back without guessing.

use super::pack;
use crate::config::Config;
use crate::labels::{
    ACTIVITY_COLUMNS, APPLICATION, ARTICLE_COLUMNS, BUDGET_COLUMNS, CLOSING_REPORT, Labels,
    PAIRING, PAIRING_PLAN_COLUMNS, PARTNER_COLUMNS, PLAN_COLUMNS, ROSTER_COLUMNS, SUMMARY_COLUMNS,
};
use docx_rs::{Docx, Paragraph, Run, RunFonts, Table, TableCell, TableRow};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};
use std::io;

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
}

fn label(text: &str) -> TableCell {
    cell(text).shading(docx_rs::Shading::new().fill("EDEDED"))
}

fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .align(docx_rs::AlignmentType::Center)
        .add_run(
            Run::new()
                .add_text(text)
                .size(36)
                .bold()
                .fonts(RunFonts::new().east_asia("黑体")),
        )
}

fn first(table: &[Labels], field: &str) -> &'static str {
    crate::labels::canonical(table, field)
}

/// A header row then `rows` empty rows, as a sub-table inside the form.
fn header_rows(columns: &[Labels], rows: usize, label_text: &str) -> Vec<TableRow> {
    let mut out = vec![TableRow::new(vec![label(label_text).grid_span(4)])];
    let span = 4 / columns.len().max(1);
    let mut header: Vec<TableCell> = columns
        .iter()
        .map(|(_, l)| label(l[0]).grid_span(span))
        .collect();
    let used: usize = span * columns.len();
    if used < 4 {
        header.push(label("").grid_span(4 - used));
    }
    out.push(TableRow::new(header));
    for _ in 0..rows {
        let mut r: Vec<TableCell> = columns.iter().map(|_| cell("").grid_span(span)).collect();
        if used < 4 {
            r.push(cell("").grid_span(4 - used));
        }
        out.push(TableRow::new(r));
    }
    out
}

/// 项目申请表 (FORMS.md §1.2).
pub fn application_docx(cfg: &Config) -> io::Result<Vec<u8>> {
    let pair = |a: &str, b: &str| {
        TableRow::new(vec![
            label(first(APPLICATION, a)),
            cell(""),
            label(first(APPLICATION, b)),
            cell(""),
        ])
    };
    let wide = |f: &str| TableRow::new(vec![label(first(APPLICATION, f)), cell("").grid_span(3)]);
    let tracks: Vec<&str> = cfg.tracks.iter().map(|t| t.name.as_str()).collect();
    let mut rows = vec![
        pair("branch", "committee"),
        pair("branch_kind", "members"),
        TableRow::new(vec![
            label(first(APPLICATION, "track")),
            cell(&format!("（从以下板块中选填一项：{}）", tracks.join("、"))).grid_span(3),
        ]),
        wide("title"),
        pair("leader", "leader_role"),
        pair("phone", "email"),
        pair("advisor", "requested"),
    ];
    rows.extend(header_rows(BUDGET_COLUMNS, 4, first(APPLICATION, "budget")));
    for f in ["background", "goals"] {
        rows.push(wide(f));
    }
    rows.extend(header_rows(PLAN_COLUMNS, 4, first(APPLICATION, "plan")));
    // 书记项目 (“两在两同”): the 路线图 beside the 时间表.
    if cfg.roadmap_required {
        rows.push(wide("roadmap"));
    }
    for f in ["outcomes", "features", "opinion"] {
        rows.push(wide(f));
    }
    rows.push(wide("filled_on"));
    pack(
        Docx::new()
            .add_paragraph(title(&format!("{}申请表", cfg.name)))
            .add_table(Table::new(rows).set_grid(vec![1900, 2700, 1900, 2700])),
    )
}

/// 共建信息表 (FORMS.md §1.1).
pub fn pairing_docx(cfg: &Config) -> io::Result<Vec<u8>> {
    let pair = |a: &str, b: &str| {
        TableRow::new(vec![
            label(first(PAIRING, a)),
            cell(""),
            label(first(PAIRING, b)),
            cell(""),
        ])
    };
    let mut rows = vec![
        pair("branch", "committee"),
        pair("secretary", "contact"),
        TableRow::new(vec![label(first(PAIRING, "phone")), cell("").grid_span(3)]),
        TableRow::new(vec![label(first(PAIRING, "topic")), cell("").grid_span(3)]),
    ];
    rows.extend(header_rows(
        &PARTNER_COLUMNS[..4],
        3,
        "共建支部（1–2 个学院教师党支部和 1 个校外党支部）",
    ));
    rows.extend(header_rows(
        PAIRING_PLAN_COLUMNS,
        4,
        "“四个一”计划（学习讨论、党课、主题实践、调研走访各一次）",
    ));
    rows.push(TableRow::new(vec![
        label(first(PAIRING, "filled_on")),
        cell("").grid_span(3),
    ]));
    pack(
        Docx::new()
            .add_paragraph(title(&format!("{}共建信息表", cfg.name)))
            .add_table(Table::new(rows).set_grid(vec![2300, 2300, 2300, 2300])),
    )
}

/// 结题报告 (FORMS.md §1.8): a 2-column key–value table.
pub fn closing_report_docx(cfg: &Config) -> io::Result<Vec<u8>> {
    let rows: Vec<TableRow> = CLOSING_REPORT
        .iter()
        .map(|(_, labels)| TableRow::new(vec![label(labels[0]), cell("")]))
        .collect();
    pack(
        Docx::new()
            .add_paragraph(title(&format!("{}结题报告", cfg.name)))
            .add_table(Table::new(rows).set_grid(vec![2300, 6900])),
    )
}

fn sheet(title_text: &str, columns: &[Labels]) -> io::Result<Vec<u8>> {
    sheet_xlsx(title_text, columns).map_err(io::Error::other)
}

fn sheet_xlsx(title_text: &str, columns: &[Labels]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#D9E1F2");
    let last = (columns.len() - 1) as u16;
    ws.merge_range(
        0,
        0,
        0,
        last,
        title_text,
        &Format::new().set_bold().set_font_size(16),
    )?;
    ws.write_string(1, 0, "填报单位：              联系人：          电话：")?;
    for (c, (_, labels)) in columns.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, labels[0], &head)?;
        ws.set_column_width(c as u16, 16)?;
    }
    ws.set_freeze_panes(3, 0)?;
    wb.save_to_buffer()
}

/// File name → bytes of every blank form of a campaign.
/// Fails only if a writer does (never a 0-byte form).
pub fn blank_forms(cfg: &Config) -> io::Result<Vec<(String, Vec<u8>)>> {
    Ok(vec![
        ("附件1 项目申请表.docx".into(), application_docx(cfg)?),
        (
            "附件2 申报汇总表.xlsx".into(),
            sheet(&format!("{}申报汇总表", cfg.name), SUMMARY_COLUMNS)?,
        ),
        ("附件3 共建信息表.docx".into(), pairing_docx(cfg)?),
        (
            "附件4 活动记录表.xlsx".into(),
            sheet("结对共建活动记录表", ACTIVITY_COLUMNS)?,
        ),
        (
            "组织部 支部名册.xlsx".into(),
            sheet("党支部名册", ROSTER_COLUMNS)?,
        ),
        ("结项 结题报告.docx".into(), closing_report_docx(cfg)?),
        (
            "结项 新闻稿件登记表.xlsx".into(),
            sheet("新闻稿件登记表", ARTICLE_COLUMNS)?,
        ),
    ]
    .into_iter()
    .chain(super::members::blank_forms(cfg)?)
    .collect())
}
