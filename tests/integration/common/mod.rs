//! Fixture builders for the tests: real .docx and .xlsx files written with
//! docx-rs and rust_xlsxwriter, independent of zhibu's own writers.

pub mod pdf;

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
use rust_xlsxwriter::Workbook;
use std::io::Cursor;

pub fn cell(text: &str) -> TableCell {
    let mut c = TableCell::new();
    for line in text.split('\n') {
        c = c.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    c
}

pub fn pack(doc: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).expect("pack docx");
    buf.into_inner()
}

/// An application form. `fields` are (label, value) rows of a 2-column table
/// (or 4-column when `four` is set); budget items are inline rows under a
/// vertically merged label; the plan is a table nested in its value cell.
pub struct App<'a> {
    pub fields: Vec<(&'a str, &'a str)>,
    pub budget: Vec<(&'a str, &'a str)>,
    pub plan: Vec<(&'a str, &'a str)>,
    pub date_above: Option<&'a str>,
    pub four: bool,
    /// The plan as a table nested in its value cell (else as rows under a merged label).
    pub nested_plan: bool,
}

pub fn application_docx(app: &App) -> Vec<u8> {
    let mut doc = Docx::new().add_paragraph(
        Paragraph::new().add_run(Run::new().add_text("2025年学生党支部“对标争先”建设项目申请表")),
    );
    if let Some(d) = app.date_above {
        doc = doc
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!("填表日期：{d}"))));
    }
    let mut rows = Vec::new();
    if app.four {
        for pair in app.fields.chunks(2) {
            let mut cells = Vec::new();
            for (l, v) in pair {
                cells.push(cell(l));
                cells.push(cell(v));
            }
            if pair.len() == 1 {
                cells[1] = cell(pair[0].1).grid_span(3);
            }
            rows.push(TableRow::new(cells));
        }
    } else {
        for (l, v) in &app.fields {
            rows.push(TableRow::new(vec![cell(l), cell(v).grid_span(3)]));
        }
    }
    if !app.budget.is_empty() {
        rows.push(TableRow::new(vec![
            cell("经费预算明细").vertical_merge(VMergeType::Restart),
            cell("支出项目"),
            cell("金额（元）"),
            cell("说明"),
        ]));
        for (item, amount) in &app.budget {
            rows.push(TableRow::new(vec![
                cell("").vertical_merge(VMergeType::Continue),
                cell(item),
                cell(amount),
                cell(""),
            ]));
        }
    }
    if !app.plan.is_empty() && !app.nested_plan {
        rows.push(TableRow::new(vec![
            cell("实施计划").vertical_merge(VMergeType::Restart),
            cell("时间"),
            cell("内容"),
            cell("负责人"),
        ]));
        for (t, c) in &app.plan {
            rows.push(TableRow::new(vec![
                cell("").vertical_merge(VMergeType::Continue),
                cell(t),
                cell(c),
                cell(""),
            ]));
        }
    }
    if !app.plan.is_empty() && app.nested_plan {
        let mut nested = vec![TableRow::new(vec![
            cell("时间"),
            cell("内容"),
            cell("负责人"),
        ])];
        for (t, c) in &app.plan {
            nested.push(TableRow::new(vec![cell(t), cell(c), cell("")]));
        }
        // A cell must end with a paragraph, even after a nested table.
        let value = TableCell::new()
            .add_table(Table::new(nested).set_grid(vec![1800, 3600, 1600]))
            .add_paragraph(Paragraph::new());
        rows.push(TableRow::new(vec![cell("实施计划"), value.grid_span(3)]));
    }
    pack(doc.add_table(Table::new(rows)))
}

/// A summary sheet: a merged title row, a 填报单位 line, a header, the rows, a 合计 row and a notes line.
pub fn summary_xlsx(committee: &str, rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(
        0,
        0,
        0,
        6,
        &format!("{committee}学生党支部“对标争先”建设项目申报汇总表"),
        &Default::default(),
    )
    .unwrap();
    ws.write_string(
        1,
        0,
        &format!("填报单位：{committee}  联系人：王老师  电话：0510-85910000"),
    )
    .unwrap();
    for (c, h) in [
        "序号",
        "支部名称",
        "项目名称",
        "申报板块",
        "项目负责人",
        "联系电话",
        "申请经费（元）",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let mut total = 0.0;
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 4) as u32;
        ws.write_number(row, 0, (i + 1) as f64).unwrap();
        for (c, v) in r.iter().take(5).enumerate() {
            ws.write_string(row, (c + 1) as u16, *v).unwrap();
        }
        let amount: f64 = r[5].parse().unwrap();
        total += amount;
        ws.write_number(row, 6, amount).unwrap();
    }
    let last = (rows.len() + 4) as u32;
    ws.write_string(last, 0, "合计").unwrap();
    ws.write_number(last, 6, total).unwrap();
    ws.write_string(last + 1, 0, "注：本表由学院党委统一报送。")
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// A pairing table: key–value rows, a partner sub-table and a “四个一” plan sub-table.
pub fn pairing_docx(branch: &str, partners: &[(&str, &str)], plan_kinds: &[&str]) -> Vec<u8> {
    let mut rows = vec![
        TableRow::new(vec![
            cell("机关党支部名称"),
            cell(branch),
            cell("所属党委"),
            cell("机关党委"),
        ]),
        TableRow::new(vec![
            cell("支部书记"),
            cell("周平"),
            cell("联系电话"),
            cell("0510-85912001"),
        ]),
        TableRow::new(vec![
            cell("共建主题"),
            cell("党建引领 协同育人").grid_span(3),
        ]),
        TableRow::new(vec![cell("共建支部信息").grid_span(4)]),
        TableRow::new(vec![
            cell("共建支部名称"),
            cell("支部类型"),
            cell("所在单位"),
            cell("联系电话"),
        ]),
    ];
    for (name, kind) in partners {
        rows.push(TableRow::new(vec![
            cell(name),
            cell(kind),
            cell("某单位"),
            cell("13800000001"),
        ]));
    }
    rows.push(TableRow::new(vec![cell("“四个一”计划").grid_span(4)]));
    rows.push(TableRow::new(vec![
        cell("时间"),
        cell("活动类型"),
        cell("活动内容").grid_span(2),
    ]));
    for (i, k) in plan_kinds.iter().enumerate() {
        rows.push(TableRow::new(vec![
            cell(&format!("{}月", i + 3)),
            cell(k),
            cell("共同开展活动").grid_span(2),
        ]));
    }
    rows.push(TableRow::new(vec![
        cell("填报日期"),
        cell("2025年10月15日").grid_span(3),
    ]));
    pack(
        Docx::new()
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("机关党支部结对共建信息表")),
            )
            .add_table(Table::new(rows)),
    )
}

/// A case write-up of 机械本科第一党支部: title, a header line, then headings and paragraphs.
pub fn case_docx(title: &str, sections: &[(&str, &str)]) -> Vec<u8> {
    case_docx_of(title, "机械本科第一党支部", "机械工程学院党委", sections)
}

/// A case write-up of any branch.
pub fn case_docx_of(
    title: &str,
    branch: &str,
    committee: &str,
    sections: &[(&str, &str)],
) -> Vec<u8> {
    let mut doc = Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(title)))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("支部：{branch}  所属党委：{committee}"))),
        );
    for (h, body) in sections {
        for (i, para) in body.split('\n').enumerate() {
            if i == 0 {
                doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*h)));
            }
            doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(para)));
        }
    }
    pack(doc)
}

/// A filled review sheet (FORMS.md §1.6) as the department sends it back:
/// rows of (committee, branch, title, level, approved yuan, comment).
pub fn review_xlsx(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("评审结果").unwrap();
    ws.write_string(0, 0, "评审结果表").unwrap();
    let header = [
        "序号",
        "学院",
        "支部名称",
        "项目名称",
        "评审等级",
        "核定经费",
        "评审意见",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        let [committee, branch, title, level, approved, comment] = row;
        for (c, v) in [
            (1, committee),
            (2, branch),
            (3, title),
            (4, level),
            (6, comment),
        ] {
            ws.write_string(r, c, *v).unwrap();
        }
        if let Ok(yuan) = approved.parse::<f64>() {
            ws.write_number(r, 5, yuan).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// An activity log: a title row, a header, then rows of
/// (date, branch, partner, partner kind, activity kind).
pub fn activity_xlsx(rows: &[(&str, &str, &str, &str, &str)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "2025年结对共建活动记录表").unwrap();
    for (c, h) in [
        "日期",
        "发起支部",
        "共建支部",
        "共建支部类型",
        "活动类型",
        "活动主题",
        "参加人数",
        "地点",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (i, (date, branch, partner, kind, activity)) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        for (c, v) in [date, branch, partner, kind, activity].iter().enumerate() {
            ws.write_string(r, c as u16, **v).unwrap();
        }
        let topic = match *activity {
            "学习讨论" => "联学党的创新理论",
            "党课" => "书记讲党课",
            "主题实践" => "红色教育基地实践",
            "调研走访" => "走访调研学生需求",
            "志愿服务" => "社区志愿服务",
            _ => "共同学习",
        };
        ws.write_string(r, 5, topic).unwrap();
        ws.write_number(r, 6, 20.0).unwrap();
        ws.write_string(r, 7, "行政楼会议室").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// The application saved as .doc by LibreOffice for the legacy fixtures:
/// merged budget label, nested plan table, 2 or 4 label columns.
pub fn legacy_app(four: bool) -> App<'static> {
    App {
        fields: vec![
            ("党支部名称", "材料2023级研究生党支部"),
            ("所属党委", "材料科学与工程学院党委"),
            ("党员人数", "23"),
            ("申报板块", "志愿服务"),
            ("项目名称", "实验室安全党员先锋岗"),
            ("项目负责人", "何琳（支部书记）"),
            ("联系电话", "0510-85913456"),
            ("电子邮箱", "helin@jnlg.edu.cn"),
            ("指导老师", "马骏"),
            ("申请经费", "壹仟元整"),
            (
                "建设目标",
                "党员带头，实验室安全零事故。\n每周开展一次安全巡查。",
            ),
            ("预期成效", "形成《实验室安全党员责任区》制度。"),
        ],
        budget: vec![("宣传材料", "400"), ("安全培训", "600")],
        plan: vec![("2025年10月", "设立党员先锋岗"), ("11月", "开展安全巡查")],
        date_above: Some("2025年10月25日"),
        four,
        nested_plan: false,
    }
}

/// The rows of the summary sheet behind the committed .xls/.ods fixtures.
pub const LEGACY_SUMMARY_ROWS: [[&str; 6]; 2] = [
    [
        "材料本科第一党支部",
        "“材”华青年理论宣讲团",
        "学思践悟·固本强基",
        "刘洋",
        "13861001234",
        "3000",
    ],
    [
        "材料2023级研究生党支部",
        "实验室安全党员先锋岗",
        "志愿服务·奉献担当",
        "何琳",
        "0510-85913456",
        "1000",
    ],
];

/// A 支部名册 (FORMS.md §1.7): a title row, the header, then rows of
/// (committee, branch, kind, marks).
pub fn roster_xlsx(title: &str, rows: &[[&str; 4]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("支部名册").unwrap();
    ws.write_string(0, 0, title).unwrap();
    for (c, h) in ["序号", "所属党委", "党支部名称", "支部类型", "书记", "标记"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (i, [committee, branch, kind, marks]) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        for (c, v) in [(1, committee), (2, branch), (3, kind), (5, marks)] {
            ws.write_string(r, c, *v).unwrap();
        }
    }
    ws.set_column_width(2, 28).unwrap();
    wb.save_to_buffer().unwrap()
}
