//! The layout zoo: realistic, messy forms in every layout class of issue #10,
//! each beside the values a correct reader must extract from it.
//!
//! Usage: `cargo run --release --example zoo` — (re)writes `tests/zoo/<kind>/`
//! deterministically (fixed document dates, no randomness). The legacy .doc /
//! .xls members of the zoo are converted from some of these files by
//! `scripts/zoo-legacy.sh` (LibreOffice); their expected JSON is written here.
//!
//! Expected JSON (checked by `tests/zoo.rs`):
//! `{"kind", "form": <partial serde value of the form>, "problems": [codes], "note"}`.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, Start, Style, StyleType, Table, TableCell, TableRow,
    VMergeType,
};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use serde_json::{Value, json};
use std::io::Cursor;
use std::path::{Path, PathBuf};

// ───────────────────────────── Word helpers ─────────────────────────────

fn c(text: &str) -> TableCell {
    let mut cell = TableCell::new();
    for line in text.split('\n') {
        cell = cell.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    cell
}
fn cs(text: &str, span: usize) -> TableCell {
    c(text).grid_span(span)
}
fn vr(text: &str) -> TableCell {
    c(text).vertical_merge(VMergeType::Restart)
}
fn vc() -> TableCell {
    c("").vertical_merge(VMergeType::Continue)
}
fn tr(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
}
fn table(rows: Vec<TableRow>, grid: &[usize]) -> Table {
    Table::new(rows).set_grid(grid.to_vec())
}
fn p(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}
fn pb(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold())
}
fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(text).bold().size(36))
}
fn doc() -> Docx {
    Docx::new()
        .created_at("2025-09-01T00:00:00Z")
        .updated_at("2025-09-01T00:00:00Z")
}
fn pack(d: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    d.build().pack(&mut buf).expect("pack docx");
    buf.into_inner()
}
const G2: &[usize] = &[2200, 6800];
const G3: &[usize] = &[1800, 1800, 5400];
const G4: &[usize] = &[1700, 2800, 1700, 2800];

// ───────────────────────────── Excel helpers ─────────────────────────────

fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_author("zhibu zoo")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 9, 1).unwrap());
    wb.set_properties(&props);
    wb
}
fn xdate(iso: &str) -> ExcelDateTime {
    let v: Vec<u16> = iso.split('-').map(|s| s.parse().unwrap()).collect();
    ExcelDateTime::from_ymd(v[0], v[1] as u8, v[2] as u8).unwrap()
}
fn date_fmt() -> Format {
    Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"")
}
fn ws_str(ws: &mut Worksheet, r: u32, col: u16, s: &str) {
    if !s.is_empty() {
        ws.write_string(r, col, s).unwrap();
    }
}
fn merge(ws: &mut Worksheet, r1: u32, c1: u16, r2: u32, c2: u16, s: &str) {
    ws.merge_range(
        r1,
        c1,
        r2,
        c2,
        s,
        &Format::new().set_align(FormatAlign::Center),
    )
    .unwrap();
}

// ───────────────────────────── Output ─────────────────────────────

struct Out {
    root: PathBuf,
    count: usize,
}

impl Out {
    fn file(&mut self, kind: &str, name: &str, ext: &str, bytes: &[u8]) {
        let dir = self.root.join(kind);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.{ext}")), bytes).unwrap();
    }
    fn expected(&mut self, kind: &str, name: &str, form: Value, problems: &[&str], note: &str) {
        let mut problems: Vec<&str> = problems.to_vec();
        problems.sort();
        let v = json!({"kind": kind, "form": form, "problems": problems, "note": note});
        let dir = self.root.join(kind);
        std::fs::create_dir_all(&dir).unwrap();
        let text = serde_json::to_string_pretty(&v).unwrap() + "\n";
        std::fs::write(dir.join(format!("{name}.expected.json")), text).unwrap();
        self.count += 1;
    }
}

// ───────────────────────────── Applications ─────────────────────────────

const T1: &str = "学思践悟·固本强基";
const T2: &str = "先锋领航·校园善治";
const T3: &str = "党旗飘扬·社区聚力";
const T4: &str = "师生结对·双向赋能";
const T5: &str = "育苗成长·薪火相传";

#[derive(Clone)]
struct App {
    branch: &'static str,
    committee: &'static str,
    kind: &'static str,
    members: i64,
    track: &'static str,
    track_w: &'static str,
    title: &'static str,
    leader: &'static str,
    leader_w: &'static str,
    role: &'static str,
    phone: &'static str,
    email: &'static str,
    advisor: &'static str,
    fen: i64,
    money_w: &'static str,
    /// (item, yuan, as written, note)
    budget: Vec<(&'static str, i64, &'static str, &'static str)>,
    background: &'static str,
    goals: &'static str,
    /// (time, content, person)
    plan: Vec<(&'static str, &'static str, &'static str)>,
    outcomes: &'static str,
    features: &'static str,
    opinion: &'static str,
    date: &'static str,
    date_w: &'static str,
}

impl App {
    fn expected(&self) -> Value {
        json!({
            "branch": self.branch,
            "committee": self.committee,
            "branch_kind": self.kind,
            "members": self.members,
            "track": self.track,
            "title": self.title,
            "leader": self.leader,
            "leader_role": self.role,
            "phone": self.phone,
            "email": self.email,
            "advisor": self.advisor,
            "requested_fen": self.fen,
            "budget": self.budget.iter().map(|(i, y, _, n)| json!({"item": i, "amount_fen": y * 100, "note": n})).collect::<Vec<_>>(),
            "background": self.background,
            "goals": self.goals,
            "plan": self.plan.iter().map(|(t, c, p)| json!({"time": t, "content": c, "person": p})).collect::<Vec<_>>(),
            "outcomes": self.outcomes,
            "features": self.features,
            "opinion": self.opinion,
            "filled_on": self.date,
        })
    }
    /// With `budget_total_fen`: the budget table's own total row (合计/总计), None without one.
    fn expected_total(&self, total_fen: Option<i64>) -> Value {
        let mut v = self.expected();
        v["budget_total_fen"] = json!(total_fen);
        v
    }
    fn total_yuan(&self) -> i64 {
        self.budget.iter().map(|b| b.1).sum()
    }
}

fn plan_table(a: &App, header: [&str; 3]) -> Table {
    let mut rows = vec![tr(vec![c(header[0]), c(header[1]), c(header[2])])];
    for (t, ct, pe) in &a.plan {
        rows.push(tr(vec![c(t), c(ct), c(pe)]));
    }
    table(rows, &[1800, 3800, 1400])
}
fn budget_table(a: &App, header: [&str; 3], total: Option<(&str, &str)>) -> Table {
    let mut rows = vec![tr(vec![c(header[0]), c(header[1]), c(header[2])])];
    for (i, _, w, n) in &a.budget {
        rows.push(tr(vec![c(i), c(w), c(n)]));
    }
    if let Some((word, t)) = total {
        rows.push(tr(vec![c(word), c(t), c("")]));
    }
    table(rows, &[2400, 1600, 3000])
}

/// A01: the classic 2-column label/value table, plan and budget nested in their value cells.
fn app_classic(a: &App) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), c(v)]);
    let nested = |t: Table| {
        TableCell::new()
            .add_table(t)
            .add_paragraph(Paragraph::new())
    };
    let rows = vec![
        kv("支部名称", a.branch),
        kv("所属党委", a.committee),
        kv("党员人数", &a.members.to_string()),
        kv("申报板块", a.track_w),
        kv("项目名称", a.title),
        kv("项目负责人", a.leader_w),
        kv("职务", a.role),
        kv("联系电话", a.phone),
        kv("电子邮箱", a.email),
        kv("指导老师", a.advisor),
        kv("申请经费", a.money_w),
        kv("项目背景", a.background),
        kv("建设目标", a.goals),
        tr(vec![
            c("实施计划"),
            nested(plan_table(a, ["时间", "内容", "负责人"])),
        ]),
        tr(vec![
            c("经费预算明细"),
            nested(budget_table(a, ["支出项目", "金额（元）", "说明"], None)),
        ]),
        kv("预期成效", a.outcomes),
        kv("项目特色", a.features),
        kv("学院党委意见", a.opinion),
        kv("填表日期", a.date_w),
    ];
    pack(
        doc()
            .add_paragraph(title("学生党支部“对标争先”建设项目申请表"))
            .add_table(table(rows, G2)),
    )
}

/// Rows of a 4-column table: a vertically merged label over a header row and item rows.
fn merged_block(label: &str, header: [&str; 3], items: Vec<[String; 3]>) -> Vec<TableRow> {
    let mut rows = vec![tr(vec![
        vr(label),
        c(header[0]),
        c(header[1]),
        c(header[2]),
    ])];
    for [x, y, z] in items {
        rows.push(tr(vec![vc(), c(&x), c(&y), c(&z)]));
    }
    rows
}
fn plan_items(a: &App) -> Vec<[String; 3]> {
    a.plan
        .iter()
        .map(|(t, c, p)| [t.to_string(), c.to_string(), p.to_string()])
        .collect()
}
fn budget_items(a: &App, total: Option<&str>) -> Vec<[String; 3]> {
    let mut v: Vec<[String; 3]> = a
        .budget
        .iter()
        .map(|(i, _, w, n)| [i.to_string(), w.to_string(), n.to_string()])
        .collect();
    if let Some(t) = total {
        v.push(["合计".into(), t.into(), String::new()]);
    }
    v
}

/// A02/A06/A10/A11: 4-column table, merged label column for plan and budget, 合计 row.
fn app_four(a: &App, kind_cell: Option<&str>, advisor_row: bool, total_w: &str) -> Vec<u8> {
    let mut rows = vec![tr(vec![
        c("支部名称"),
        c(a.branch),
        c("所属党委"),
        c(a.committee),
    ])];
    if let Some(k) = kind_cell {
        rows.push(tr(vec![c("支部类型"), cs(k, 3)]));
        rows.push(tr(vec![
            c("党员人数"),
            c(&a.members.to_string()),
            c("项目名称"),
            c(a.title),
        ]));
        rows.push(tr(vec![c("申报板块"), cs(a.track_w, 3)]));
    } else {
        rows.push(tr(vec![
            c("党员人数"),
            c(&a.members.to_string()),
            c("申报板块"),
            c(a.track_w),
        ]));
        rows.push(tr(vec![c("项目名称"), cs(a.title, 3)]));
    }
    rows.push(tr(vec![
        c("项目负责人"),
        c(a.leader_w),
        c("职务"),
        c(a.role),
    ]));
    rows.push(tr(vec![
        c("联系电话"),
        c(a.phone),
        c("电子邮箱"),
        c(a.email),
    ]));
    if advisor_row {
        rows.push(tr(vec![
            c("指导老师"),
            c(a.advisor),
            c("申请经费"),
            c(a.money_w),
        ]));
    } else {
        rows.push(tr(vec![c("申请经费"), cs(a.money_w, 3)]));
    }
    rows.push(tr(vec![c("项目背景"), cs(a.background, 3)]));
    rows.push(tr(vec![c("建设目标"), cs(a.goals, 3)]));
    rows.extend(merged_block(
        "实施计划",
        ["时间", "内容", "负责人"],
        plan_items(a),
    ));
    rows.extend(merged_block(
        "经费预算明细",
        ["支出项目", "金额（元）", "说明"],
        budget_items(a, Some(total_w)),
    ));
    rows.push(tr(vec![c("预期成效"), cs(a.outcomes, 3)]));
    if !a.features.is_empty() {
        rows.push(tr(vec![c("特色与创新"), cs(a.features, 3)]));
    }
    if !a.opinion.is_empty() {
        rows.push(tr(vec![c("学院党委意见"), cs(a.opinion, 3)]));
    }
    rows.push(tr(vec![c("填表日期"), cs(a.date_w, 3)]));
    pack(
        doc()
            .add_paragraph(title("2025年学生党支部“对标争先”建设项目申请表"))
            .add_table(table(rows, G4)),
    )
}

/// A03: sections as full-width heading rows inside the main table, text in the next row.
fn app_section_rows(a: &App) -> Vec<u8> {
    let head = |t: &str| tr(vec![cs(t, 4)]);
    let mut rows = vec![
        tr(vec![
            c("支部名称"),
            c(a.branch),
            c("所属党委"),
            c(a.committee),
        ]),
        tr(vec![
            c("支部类型"),
            c("学生"),
            c("党员人数"),
            c(&a.members.to_string()),
        ]),
        tr(vec![c("申报板块"), c(a.track_w), c("项目名称"), c(a.title)]),
        tr(vec![c("项目负责人"), c(a.leader_w), c("职务"), c(a.role)]),
        tr(vec![c("联系电话"), c(a.phone), c("电子邮箱"), c(a.email)]),
        tr(vec![
            c("指导老师"),
            c(a.advisor),
            c("申请经费"),
            c(a.money_w),
        ]),
        head("一、背景与现状"),
        head(a.background),
        head("二、项目目标*"),
        head(a.goals),
        head("三、实施计划"),
        tr(vec![c("时间"), cs("内容", 2), c("责任人")]),
    ];
    for (t, ct, pe) in &a.plan {
        rows.push(tr(vec![c(t), cs(ct, 2), c(pe)]));
    }
    rows.push(head("四、经费预算明细："));
    rows.push(tr(vec![c("支出项目"), c("金额（元）"), cs("说明", 2)]));
    for (i, _, w, n) in &a.budget {
        rows.push(tr(vec![c(i), c(w), cs(n, 2)]));
    }
    rows.push(tr(vec![
        c("合计"),
        c(&a.total_yuan().to_string()),
        cs("", 2),
    ]));
    rows.push(head("五、预期成果"));
    rows.push(head(a.outcomes));
    rows.push(head("六、学院党委意见"));
    rows.push(head(a.opinion));
    rows.push(tr(vec![c("填表日期"), cs(a.date_w, 3)]));
    pack(
        doc()
            .add_paragraph(title("学生党支部“对标争先”建设项目申报书"))
            .add_table(table(rows, G4)),
    )
}

/// A04: plan and budget as their own tables after the main table, introduced by
/// paragraphs, with 小计 and 合计 rows; long texts under `（一）` heading rows.
fn app_tables_after(a: &App, subtotals: &[(usize, &str)]) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), c(v)]);
    let head = |t: &str| tr(vec![cs(t, 2)]);
    let rows = vec![
        kv("申报单位", a.branch),
        kv("所属单位", a.committee),
        kv("党员人数", &a.members.to_string()),
        kv("建设板块", a.track_w),
        kv("项目名称", a.title),
        kv("负责人", a.leader_w),
        kv("手机", a.phone),
        kv("邮箱", a.email),
        kv("指导教师", a.advisor),
        kv("申请金额", a.money_w),
        head("（一）项目背景"),
        head(a.background),
        head("（二）建设目标："),
        head(a.goals),
        head("（三）预期成效*"),
        head(a.outcomes),
        head("（四）项目特色"),
        head(a.features),
    ];
    let mut budget = vec![tr(vec![c("支出项目"), c("金额（元）"), c("备注")])];
    for (n, (i, _, w, note)) in a.budget.iter().enumerate() {
        budget.push(tr(vec![c(i), c(w), c(note)]));
        if let Some((_, s)) = subtotals.iter().find(|(after, _)| *after == n) {
            budget.push(tr(vec![c("小计"), c(s), c("")]));
        }
    }
    budget.push(tr(vec![c("合计"), c(&a.total_yuan().to_string()), c("")]));
    pack(
        doc()
            .add_paragraph(title("“对标争先”建设项目立项申报书"))
            .add_table(table(rows, G2))
            .add_paragraph(p(""))
            .add_paragraph(pb("实施方案*"))
            .add_table(plan_table(a, ["时间", "工作内容", "负责人"]))
            .add_paragraph(p(""))
            .add_paragraph(pb("经费预算明细"))
            .add_table(table(budget, &[2400, 1600, 3000]))
            .add_paragraph(p(&format!("申报日期：{}", a.date_w))),
    )
}

/// A05: labels with extra words; plan and budget rows whose first cell repeats the label.
fn app_repeated_labels(a: &App) -> Vec<u8> {
    let mut rows = vec![
        tr(vec![
            c("所在学院（部门）"),
            c(a.committee),
            c("支部名称"),
            c(a.branch),
        ]),
        tr(vec![
            c("党员人数（人）"),
            c(&a.members.to_string()),
            c("申报板块"),
            c(a.track_w),
        ]),
        tr(vec![c("项目名称"), cs(a.title, 3)]),
        tr(vec![
            c("项目负责人姓名"),
            c(a.leader_w),
            c("职务"),
            c(a.role),
        ]),
        tr(vec![c("联系电话"), c(a.phone), c("电子邮箱"), c(a.email)]),
        tr(vec![
            c("指导老师"),
            c(a.advisor),
            c("申请经费（元）"),
            c(a.money_w),
        ]),
        tr(vec![c("项目背景"), cs(a.background, 3)]),
        tr(vec![c("建设目标"), cs(a.goals, 3)]),
        tr(vec![c("实施计划"), c("时间"), c("内容"), c("责任人")]),
    ];
    for (t, ct, pe) in &a.plan {
        rows.push(tr(vec![c("实施计划"), c(t), c(ct), c(pe)]));
    }
    rows.push(tr(vec![
        c("经费预算明细"),
        c("支出项目"),
        c("金额"),
        c("说明"),
    ]));
    for (i, _, w, n) in &a.budget {
        rows.push(tr(vec![c("经费预算明细"), c(i), c(w), c(n)]));
    }
    rows.push(tr(vec![
        c("经费预算明细"),
        c("合计"),
        c(&a.total_yuan().to_string()),
        c(""),
    ]));
    rows.push(tr(vec![c("预期成效"), cs(a.outcomes, 3)]));
    rows.push(tr(vec![c("学院党委意见"), cs(a.opinion, 3)]));
    rows.push(tr(vec![c("填表日期"), cs(a.date_w, 3)]));
    pack(
        doc()
            .add_paragraph(title("学生党支部建设项目申请表"))
            .add_table(table(rows, G4)),
    )
}

/// A07: a staff branch marked among printed options, no 指导老师 row, leader role in
/// brackets, sections as `1.` / `2、` heading rows of a 2-column table.
fn app_staff(a: &App) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), c(v)]);
    let head = |t: &str| tr(vec![cs(t, 2)]);
    let mut rows = vec![
        kv("党支部名称", a.branch),
        kv("所属党委", a.committee),
        kv("支部类型", "□学生  ☑教工  □机关  □离退休"),
        kv("支部党员数", &a.members.to_string()),
        kv("申报板块", a.track_w),
        kv("项目名称", a.title),
        kv("项目负责人", a.leader_w),
        kv("联系电话", a.phone),
        kv("电子邮箱", a.email),
        kv("申请经费", a.money_w),
        head("1.建设目标"),
        head(a.goals),
        head("2、实施计划"),
    ];
    // The plan as a 3-column sub-table nested in a full-width cell.
    rows.push(tr(vec![
        TableCell::new()
            .add_table(plan_table(a, ["时间安排", "工作内容", "责任人"]))
            .add_paragraph(Paragraph::new())
            .grid_span(2),
    ]));
    rows.push(head("3、经费预算明细"));
    rows.push(tr(vec![
        TableCell::new()
            .add_table(budget_table(
                a,
                ["开支项目", "预算金额", "测算依据"],
                Some(("合计", &a.total_yuan().to_string())),
            ))
            .add_paragraph(Paragraph::new())
            .grid_span(2),
    ]));
    rows.push(head("4、预期成效："));
    rows.push(head(a.outcomes));
    rows.push(kv("填表日期", a.date_w));
    pack(
        doc()
            .add_paragraph(title("党支部建设项目申请表"))
            .add_table(table(rows, G2)),
    )
}

/// A08: WPS style — label and value in one cell, 填表日期 as a paragraph under the table.
fn app_inline(a: &App) -> Vec<u8> {
    let two = |l: String, r: String| tr(vec![c(&l), c(&r)]);
    let nested_after = |label: &str, t: Table| {
        TableCell::new()
            .add_paragraph(p(label))
            .add_table(t)
            .add_paragraph(Paragraph::new())
            .grid_span(2)
    };
    let rows = vec![
        two(
            format!("支部名称：{}", a.branch),
            format!("所属党委：{}", a.committee),
        ),
        two(
            format!("党员人数：{}", a.members),
            format!("申报板块：{}", a.track_w),
        ),
        tr(vec![cs(&format!("项目名称：{}", a.title), 2)]),
        two(
            format!("项目负责人：{}", a.leader_w),
            format!("职务：{}", a.role),
        ),
        two(
            format!("联系电话：{}", a.phone),
            format!("电子邮箱：{}", a.email),
        ),
        two(
            format!("指导老师：{}", a.advisor),
            format!("申请经费：{}", a.money_w),
        ),
        tr(vec![cs(&format!("项目背景：\n{}", a.background), 2)]),
        tr(vec![cs(&format!("建设目标：\n{}", a.goals), 2)]),
        tr(vec![nested_after(
            "实施计划：",
            plan_table(a, ["时间", "内容", "负责人"]),
        )]),
        tr(vec![nested_after(
            "经费预算明细：",
            budget_table(
                a,
                ["用途", "金额", "备注"],
                Some(("总计", &a.total_yuan().to_string())),
            ),
        )]),
        tr(vec![cs(&format!("预期成效：\n{}", a.outcomes), 2)]),
        tr(vec![cs(&format!("项目特色：\n{}", a.features), 2)]),
    ];
    pack(
        doc()
            .add_paragraph(title("学生党支部“对标争先”建设项目申请表"))
            .add_table(table(rows, &[4500, 4500]))
            .add_paragraph(p(""))
            .add_paragraph(p(&format!("填表日期：{}", a.date_w))),
    )
}

/// A09: the application as an Excel sheet of key–value rows.
fn app_xlsx(a: &App) -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("项目申请表").unwrap();
    merge(ws, 0, 0, 0, 3, "学生党支部“对标争先”建设项目申请表");
    let mut r = 1u32;
    let mut kv = |ws: &mut Worksheet, l: &str, v: &str| {
        ws_str(ws, r, 0, l);
        merge(ws, r, 1, r, 3, v);
        r += 1;
    };
    kv(ws, "支部名称", a.branch);
    kv(ws, "所属党委", a.committee);
    ws_str(ws, r, 0, "党员人数");
    ws.write_number(r, 1, a.members as f64).unwrap();
    ws_str(ws, r, 2, "申报板块");
    ws_str(ws, r, 3, a.track_w);
    r += 1;
    let mut kv = |ws: &mut Worksheet, l: &str, v: &str| {
        ws_str(ws, r, 0, l);
        merge(ws, r, 1, r, 3, v);
        r += 1;
    };
    kv(ws, "项目名称", a.title);
    ws_str(ws, r, 0, "项目负责人");
    ws_str(ws, r, 1, a.leader_w);
    ws_str(ws, r, 2, "职务");
    ws_str(ws, r, 3, a.role);
    r += 1;
    ws_str(ws, r, 0, "联系电话");
    ws_str(ws, r, 1, a.phone);
    ws_str(ws, r, 2, "电子邮箱");
    ws_str(ws, r, 3, a.email);
    r += 1;
    ws_str(ws, r, 0, "指导老师");
    ws_str(ws, r, 1, a.advisor);
    ws_str(ws, r, 2, "申请经费（元）");
    ws.write_number(r, 3, (a.fen / 100) as f64).unwrap();
    r += 1;
    for (l, v) in [("项目背景", a.background), ("建设目标", a.goals)] {
        ws_str(ws, r, 0, l);
        merge(ws, r, 1, r, 3, v);
        r += 1;
    }
    let start = r;
    for (i, x) in ["时间", "内容", "负责人"].iter().enumerate() {
        ws_str(ws, r, i as u16 + 1, x);
    }
    r += 1;
    for (t, ct, pe) in &a.plan {
        ws_str(ws, r, 1, t);
        ws_str(ws, r, 2, ct);
        ws_str(ws, r, 3, pe);
        r += 1;
    }
    merge(ws, start, 0, r - 1, 0, "实施计划");
    let start = r;
    for (i, x) in ["支出项目", "金额（元）", "说明"].iter().enumerate() {
        ws_str(ws, r, i as u16 + 1, x);
    }
    r += 1;
    for (i, y, _, n) in &a.budget {
        ws_str(ws, r, 1, i);
        ws.write_number(r, 2, *y as f64).unwrap();
        ws_str(ws, r, 3, n);
        r += 1;
    }
    ws_str(ws, r, 1, "合计");
    ws.write_number(r, 2, a.total_yuan() as f64).unwrap();
    r += 1;
    merge(ws, start, 0, r - 1, 0, "经费预算明细");
    for (l, v) in [("预期成效", a.outcomes), ("学院党委意见", a.opinion)] {
        ws_str(ws, r, 0, l);
        merge(ws, r, 1, r, 3, v);
        r += 1;
    }
    ws_str(ws, r, 0, "填表日期");
    ws.write_datetime_with_format(r, 1, &xdate(a.date), &date_fmt())
        .unwrap();
    ws.set_column_width(0, 16).unwrap();
    ws.set_column_width(1, 18).unwrap();
    ws.set_column_width(2, 40).unwrap();
    ws.set_column_width(3, 18).unwrap();
    wb.save_to_buffer().unwrap()
}

fn applications(out: &mut Out) {
    const K: &str = "application";
    // 01 ─ classic
    let a = App {
        branch: "机械本科第一党支部",
        committee: "机械工程学院党委",
        kind: "学生",
        members: 18,
        track: T1,
        track_w: "学思践悟·固本强基",
        title: "“机”智青年理论宣讲团",
        leader: "张明",
        leader_w: "张明",
        role: "支部书记",
        phone: "13912345678",
        email: "zhangming@jnlg.edu.cn",
        advisor: "李红",
        fen: 300000,
        money_w: "3000",
        budget: vec![
            (
                "学习资料印制",
                1000,
                "1000",
                "《习近平新时代中国特色社会主义思想学习纲要》等",
            ),
            ("宣讲活动场地及物料", 1200, "1200", "6场宣讲"),
            ("红色基地研学交通", 800, "800", "租车1次"),
        ],
        background: "支部现有党员18名，理论学习以集中学习为主，形式较为单一，党员主动学、带头讲的氛围不浓。",
        goals: "组建一支由党员骨干组成的理论宣讲团，面向全院本科生开展宣讲，提升支部理论学习质效。",
        plan: vec![
            ("2025年10月", "组建宣讲团，集体备课", "张明"),
            ("2025年11月", "走进班级开展6场宣讲", "王磊"),
            ("2025年12月", "赴红色基地研学并总结", "张明"),
        ],
        outcomes: "完成宣讲6场、覆盖学生300人次，形成宣讲稿汇编1册。",
        features: "学生讲给学生听，将专业知识与党的创新理论结合。",
        opinion: "同意申报。",
        date: "2025-09-20",
        date_w: "2025年9月20日",
    };
    out.file(K, "01-classic-two-column", "docx", &app_classic(&a));
    out.expected(
        K,
        "01-classic-two-column",
        a.expected_total(None),
        &[],
        "classic 2-column label/value table; plan and budget as tables nested in their value cells; branch kind inferred from the name",
    );

    // 02 ─ 4 columns, merged label column, 合计 row, ￥ money
    let a = App {
        branch: "机械2023级研究生党支部",
        committee: "中共机械工程学院委员会",
        kind: "学生",
        members: 26,
        track: T4,
        track_w: "师生结对·双向赋能",
        title: "“双师领航”科研启蒙计划",
        leader: "陈思远",
        leader_w: "陈思远",
        role: "副书记",
        phone: "0510-85912233",
        email: "chensy@jnlg.edu.cn",
        advisor: "周国栋",
        fen: 300000,
        money_w: "￥3,000.00",
        budget: vec![
            ("专家讲座劳务", 1500, "1,500.00", "3场"),
            ("大国重器参访交通", 1000, "1,000.00", "往返大巴"),
            ("资料印刷", 500, "500.00", ""),
        ],
        background: "支部与机械设计教工党支部长期缺少常态化联系，研究生科研入门慢。",
        goals: "与“双带头人”教师党支部结对，开展3场前沿讲座和1次参访，帮助新生尽快进入科研状态。",
        plan: vec![
            ("2025年10月", "签订结对共建协议，召开联席会", "陈思远"),
            ("2025年11月", "邀请教师党员开展前沿讲座", "刘畅"),
            ("2025年12月", "参访大国重器企业", "陈思远"),
        ],
        outcomes: "形成师生结对工作机制1套，覆盖研一新生60人。",
        features: "",
        opinion: "",
        date: "2025-09-22",
        date_w: "2025/9/22",
    };
    out.file(
        K,
        "02-four-column-merged-budget",
        "docx",
        &app_four(&a, None, true, "3,000.00"),
    );
    out.expected(
        K,
        "02-four-column-merged-budget",
        a.expected_total(Some(300000)),
        &[],
        "4-column table; 实施计划 and 经费预算明细 as a vertically merged label column over a header row and item rows; 合计 row is not an item; money as ￥3,000.00; committee spelled 中共X委员会; date 2025/9/22",
    );

    // 03 ─ section heading rows (also converted to .doc as 12)
    let a03 = App {
        branch: "车辆工程本科党支部",
        committee: "机械工程学院",
        kind: "学生",
        members: 15,
        track: T3,
        track_w: "社区聚力",
        title: "“车”轮滚滚社区行",
        leader: "孙悦",
        leader_w: "孙悦",
        role: "支部书记",
        phone: "15861234567",
        email: "sunyue@jnlg.edu.cn",
        advisor: "何平",
        fen: 250000,
        money_w: "2500",
        budget: vec![
            ("宿舍走访物料", 600, "600", "调研问卷、记录本"),
            ("朋辈分享会", 900, "900", "茶歇及场地布置"),
            ("志愿服务保障", 1000, "1000", "服装、工具"),
        ],
        background: "学生社区内低年级学生学业适应困难，党员在社区中的身份意识不强。",
        goals: "在学生社区设立党员责任区，开展宿舍走访调研、志愿服务和朋辈分享会各一次以上。",
        plan: vec![
            ("10月", "开展一次日常宿舍走访调研", "孙悦"),
            ("11月", "组织优秀朋辈分享会", "钱程"),
            ("12月", "学生社区志愿服务", "孙悦"),
        ],
        outcomes: "走访宿舍40间，形成调研报告1份，参与志愿服务党员全覆盖。",
        features: "",
        opinion: "同意推荐。",
        date: "2025-09-25",
        date_w: "2025年9月25日",
    };
    out.file(
        K,
        "03-section-heading-rows",
        "docx",
        &app_section_rows(&a03),
    );
    out.expected(
        K,
        "03-section-heading-rows",
        a03.expected_total(Some(250000)),
        &[],
        "sections as full-width heading rows inside the main table (`一、背景与现状`, `二、项目目标*`, `四、经费预算明细：`, `五、预期成果`) with the text in the next row; plan and budget header rows under their heading rows; committee written without 党委; track by alias half",
    );
    out.expected(
        K,
        "12-legacy-section-rows",
        a03.expected_total(Some(250000)),
        &[],
        "03-section-heading-rows saved as Word 97 .doc by LibreOffice (scripts/zoo-legacy.sh)",
    );

    // 04 ─ tables after the main table
    let a = App {
        branch: "机械电子工程系学生第二党支部",
        committee: "机械工程学院党总支",
        kind: "学生",
        members: 12,
        track: T2,
        track_w: "先锋领航·校园善治",
        title: "实验楼党员安全责任岗",
        leader: "赵磊",
        leader_w: "赵磊（支部副书记）",
        role: "支部副书记",
        phone: "13770001234",
        email: "zhaolei@jnlg.edu.cn",
        advisor: "吴晓燕",
        fen: 200000,
        money_w: "2000元整",
        budget: vec![
            ("资料印刷", 600, "600", "安全手册"),
            ("展板制作", 400, "400", ""),
            ("岗位标识及马甲", 800, "800", "20件"),
            ("培训场地", 200, "200", ""),
        ],
        background: "实验楼夜间使用频繁，安全隐患时有发生，缺少常态化的学生巡查力量。",
        goals: "在实验楼设立党员安全责任岗，明确岗位职责、轮值机制和服务标准。",
        plan: vec![
            ("2025年10月上旬", "设岗、制定轮值表", "赵磊"),
            ("2025年10月-12月", "每周两次安全巡查", "全体党员"),
            ("2025年12月", "总结并形成运行手册", "赵磊"),
        ],
        outcomes: "形成《实验楼党员安全责任岗运行手册》，巡查记录完整。",
        features: "岗位固定、轮值常态，可复制到其他实验楼。",
        opinion: "",
        date: "2025-09-24",
        date_w: "2025年9月24日",
    };
    out.file(
        K,
        "04-tables-after-main",
        "docx",
        &app_tables_after(&a, &[(1, "1000"), (3, "1000")]),
    );
    out.expected(
        K,
        "04-tables-after-main",
        a.expected_total(Some(200000)),
        &[],
        "plan and budget as their own tables after the main table, introduced by paragraphs `实施方案*` and `经费预算明细`; 小计 and 合计 rows are not items; long texts under `（一）…` heading rows with `：`/`*`; labels 申报单位/所属单位/建设板块/申请金额/手机/邮箱/指导教师; leader role in brackets; 申报日期 as a paragraph; money 2000元整; committee spelled X党总支",
    );

    // 05 ─ repeated labels, labels with extra words (also converted to .doc as 13)
    let a05 = App {
        branch: "土木2022级本科生党支部",
        committee: "土木工程学院党委",
        kind: "学生",
        members: 22,
        track: T5,
        track_w: "育苗成长·薪火相传",
        title: "入党申请人“成长档案”计划",
        leader: "林晓",
        leader_w: "林晓",
        role: "书记",
        phone: "18912340001",
        email: "linxiao@jnlg.edu.cn",
        advisor: "郑海",
        fen: 300000,
        money_w: "3000",
        budget: vec![
            ("成长档案册制作", 1200, "1200", "60册"),
            ("分层培训", 1300, "1300", "3期"),
            ("表彰激励", 500, "500", "“理论学习标兵”证书"),
        ],
        background: "支部联系入党申请人58名，部分申请人因流程未推进而培养断档。",
        goals: "为每位入党申请人建立成长档案，指定党员联系人，分层开展培养。",
        plan: vec![
            ("2025年10月", "建立成长档案，确定联系人", "林晓"),
            ("2025年11月", "分层培训第一、二期", "徐敏"),
            ("2025年12月", "分层培训第三期，评选理论学习标兵", "林晓"),
        ],
        outcomes: "入党申请人成长档案建档率100%，培养不断线。",
        features: "",
        opinion: "同意。",
        date: "2025-09-26",
        date_w: "2025-09-26",
    };
    out.file(
        K,
        "05-repeated-label-rows",
        "docx",
        &app_repeated_labels(&a05),
    );
    out.expected(
        K,
        "05-repeated-label-rows",
        a05.expected_total(Some(300000)),
        &[],
        "plan and budget rows whose first cell repeats the label (`实施计划 | 2025年10月 | …`, not merged), with a 合计 row; labels with extra words (`所在学院（部门）`, `党员人数（人）`, `项目负责人姓名`, `申请经费（元）`); committee cell before branch cell",
    );
    out.expected(
        K,
        "13-legacy-repeated-labels",
        a05.expected_total(Some(300000)),
        &[],
        "05-repeated-label-rows saved as Word 97 .doc by LibreOffice (scripts/zoo-legacy.sh)",
    );

    // 06 ─ printed options (student), Chinese money and date
    let a = App {
        branch: "经管研究生第一党支部",
        committee: "经济与管理学院党委",
        kind: "学生",
        members: 31,
        track: T3,
        track_w: "□学思践悟·固本强基 □先锋领航·校园善治 ☑党旗飘扬·社区聚力 □师生结对·双向赋能 □育苗成长·薪火相传",
        title: "“经”彩社区 党员先行",
        leader: "黄佳怡",
        leader_w: "黄佳怡",
        role: "支部书记",
        phone: "13601234567",
        email: "huangjy@jnlg.edu.cn",
        advisor: "杨帆",
        fen: 300000,
        money_w: "人民币叁仟元整",
        budget: vec![
            ("社区主题党日物料", 1500, "1500", ""),
            ("朋辈分享会", 1000, "1000", ""),
            ("宣传推送制作", 500, "500", ""),
        ],
        background: "研究生社区分散，党员与普通同学联系不紧密。",
        goals: "打造学生社区特色主题党日品牌，每月在社区开展一次主题党日活动。",
        plan: vec![
            ("10月", "社区主题党日：学习二十届三中全会精神", "黄佳怡"),
            ("11月", "朋辈分享会", "马骁"),
            ("12月", "社区志愿服务与总结", "黄佳怡"),
        ],
        outcomes: "开展社区主题党日3次，参与学生200人次。",
        features: "",
        opinion: "",
        date: "2025-09-20",
        date_w: "二〇二五年九月二十日",
    };
    out.file(
        K,
        "06-printed-options-student",
        "docx",
        &app_four(&a, Some("☑学生 □教工 □机关 □离退休"), true, "3000"),
    );
    out.expected(
        K,
        "06-printed-options-student",
        a.expected_total(Some(300000)),
        &[],
        "支部类型 and 申报板块 as printed options with one marked (`☑学生 □教工 …`); money `人民币叁仟元整`; date `二〇二五年九月二十日`",
    );

    // 07 ─ staff branch, no advisor
    let a = App {
        branch: "化工学院第三党支部",
        committee: "化学化工学院党委",
        kind: "教工",
        members: 9,
        track: T4,
        track_w: "师生结对",
        title: "师生同心 科研育人",
        leader: "王建国",
        leader_w: "王建国（支部书记）",
        role: "支部书记",
        phone: "0510-85917788",
        email: "wangjg@jnlg.edu.cn",
        advisor: "",
        fen: 100000,
        money_w: "1000",
        budget: vec![
            ("讲座资料", 400, "400", "按20人测算"),
            ("实验室开放日物料", 600, "600", ""),
        ],
        background: "",
        goals: "教工党员与学生党支部结对，每学期开展两次科研启蒙活动。",
        plan: vec![
            ("2025年10月", "前沿讲座", "王建国"),
            ("2025年11月", "实验室开放日", "李娜"),
        ],
        outcomes: "学生参与科研训练项目10项。",
        features: "",
        opinion: "",
        date: "2025-09-19",
        date_w: "2025.9.19",
    };
    out.file(K, "07-printed-options-staff", "docx", &app_staff(&a));
    out.expected(
        K,
        "07-printed-options-staff",
        a.expected_total(Some(100000)),
        &[],
        "`□学生 ☑教工` (a staff branch: no 指导老师 row and NO missing_advisor); leader role only in brackets after the name; sections as `1.`/`2、` full-width heading rows; plan and budget nested under heading rows; date 2025.9.19",
    );

    // 08 ─ WPS: label and value in one cell
    let a = App {
        branch: "英语系本科生党支部",
        committee: "外国语学院党委",
        kind: "学生",
        members: 17,
        track: T5,
        track_w: "育苗成长",
        title: "“译”路同行 薪火相传",
        leader: "刘婷",
        leader_w: "刘婷",
        role: "支部书记",
        phone: "13851112222",
        email: "liuting@jnlg.edu.cn",
        advisor: "陈静",
        fen: 300000,
        money_w: "3000元整",
        budget: vec![
            ("红色文献翻译资料", 1200, "1200", ""),
            ("培养对象培训", 1800, "1800", "两期"),
        ],
        background: "支部党员外语能力突出，但服务入党申请人培养的载体不多。",
        goals: "以红色文献双语研读为载体，带动入党申请人持续成长。",
        plan: vec![
            ("10月", "红色文献双语研读小组成立", "刘婷"),
            ("11-12月", "每两周研读一次并分享", "张萌"),
        ],
        outcomes: "形成双语研读笔记1册，入党申请人参与率90%以上。",
        features: "专业特色鲜明。",
        opinion: "",
        date: "2025-09-25",
        date_w: "2025年9月25日",
    };
    out.file(K, "08-inline-label-value", "docx", &app_inline(&a));
    out.expected(
        K,
        "08-inline-label-value",
        a.expected_total(Some(300000)),
        &[],
        "WPS style: label and value in one cell (`项目名称：…`, two per row), long texts on the line after the label in the same cell, plan and budget tables nested after a label paragraph in a cell, the budget's total row headed `总计`, 填表日期 as a paragraph under the table; money `3000元整`",
    );

    // 09 ─ Excel key–value
    let a = App {
        branch: "计算机本科第二党支部",
        committee: "计算机科学与技术学院党委",
        kind: "学生",
        members: 19,
        track: T2,
        track_w: "先锋领航",
        title: "代码先锋 学业帮扶",
        leader: "周子涵",
        leader_w: "周子涵",
        role: "支部书记",
        phone: "17705101234",
        email: "zhouzh@jnlg.edu.cn",
        advisor: "谢文",
        fen: 200000,
        money_w: "2000",
        budget: vec![
            ("帮扶资料", 800, "800", ""),
            ("编程训练营", 1200, "1200", "2期"),
        ],
        background: "低年级学生程序设计课程不及格率较高。",
        goals: "党员一对一结对帮扶学业困难同学20名。",
        plan: vec![
            ("2025年10月", "摸排帮扶对象，结对", "周子涵"),
            ("2025年11月", "编程训练营第一期", "韩雪"),
            ("2025年12月", "编程训练营第二期", "周子涵"),
        ],
        outcomes: "帮扶对象课程通过率达到90%。",
        features: "",
        opinion: "同意申报，请学校审定。",
        date: "2025-09-23",
        date_w: "",
    };
    out.file(K, "09-excel-key-value", "xlsx", &app_xlsx(&a));
    out.expected(
        K,
        "09-excel-key-value",
        a.expected_total(Some(200000)),
        &[],
        "the application as an Excel sheet of label/value rows (merged value cells), numbers as numeric cells, 实施计划 and 经费预算明细 as vertically merged label cells over header and item rows, 填表日期 as an Excel date cell",
    );

    // 10 ─ planted budget_mismatch
    let a = App {
        branch: "材料本科第一党支部",
        committee: "材料科学与工程学院党委",
        kind: "学生",
        members: 20,
        track: T1,
        track_w: "学思践悟·固本强基",
        title: "“材”华青年理论研学",
        leader: "刘洋",
        leader_w: "刘洋",
        role: "支部书记",
        phone: "13861001234",
        email: "liuyang@jnlg.edu.cn",
        advisor: "马骏",
        fen: 300000,
        money_w: "3000",
        budget: vec![
            ("研学交通", 1200, "1200", ""),
            ("讲座劳务", 1000, "1000", ""),
            ("资料印制", 600, "600", ""),
        ],
        background: "支部理论学习与专业实践结合不够。",
        goals: "结合本市红色资源开展研学，提升理论学习质效。",
        plan: vec![
            ("10月", "红色基地研学", "刘洋"),
            ("11月", "专家讲座", "宋佳"),
        ],
        outcomes: "形成研学报告1份。",
        features: "",
        opinion: "",
        date: "2025-09-21",
        date_w: "2025年9月21日",
    };
    out.file(
        K,
        "10-defect-budget-mismatch",
        "docx",
        &app_four(&a, None, true, "3000"),
    );
    out.expected(
        K,
        "10-defect-budget-mismatch",
        a.expected_total(Some(300000)),
        &["budget_mismatch"],
        "PLANTED DEFECT: the 合计 row says 3000 and 申请经费 is 3000, but the items add up to 2800 → budget_mismatch",
    );

    // 11 ─ planted missing_advisor
    let a = App {
        branch: "环境2024级硕士研究生党支部",
        committee: "环境科学与工程学院党委",
        kind: "学生",
        members: 14,
        track: T2,
        track_w: "校园善治",
        title: "绿色校园 党员先行",
        leader: "高远",
        leader_w: "高远",
        role: "支部书记",
        phone: "13951230000",
        email: "gaoyuan@jnlg.edu.cn",
        advisor: "",
        fen: 100000,
        money_w: "1000",
        budget: vec![
            ("垃圾分类宣传物料", 500, "500", ""),
            ("志愿服务保障", 500, "500", ""),
        ],
        background: "",
        goals: "党员带头在校园开展垃圾分类督导。",
        plan: vec![
            ("10月", "设立垃圾分类督导岗", "高远"),
            ("11-12月", "每周督导两次", "全体党员"),
        ],
        outcomes: "督导点位垃圾分类准确率提高到90%。",
        features: "",
        opinion: "",
        date: "2025-09-18",
        date_w: "2025年9月18日",
    };
    out.file(
        K,
        "11-defect-missing-advisor",
        "docx",
        &app_four(&a, None, true, "1000"),
    );
    out.expected(
        K,
        "11-defect-missing-advisor",
        a.expected_total(Some(100000)),
        &["missing_advisor"],
        "PLANTED DEFECT: a student branch whose 指导老师 cell is empty → missing_advisor",
    );
}

// ───────────────────────────── Pairing tables ─────────────────────────────

struct Pair {
    branch: &'static str,
    committee: &'static str,
    secretary: &'static str,
    contact: &'static str,
    phone: &'static str,
    topic: &'static str,
    /// (name, kind as written, kind expected, unit, person, phone)
    partners: Vec<(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )>,
    /// (time, kind as written, kind expected, content)
    plan: Vec<(&'static str, &'static str, &'static str, &'static str)>,
    date: &'static str,
    date_w: &'static str,
}

impl Pair {
    fn expected(&self) -> Value {
        json!({
            "branch": self.branch,
            "committee": self.committee,
            "secretary": self.secretary,
            "contact": self.contact,
            "phone": self.phone,
            "topic": self.topic,
            "partners": self.partners.iter().map(|(n, _, k, u, pe, ph)| json!({"name": n, "kind": k, "unit": u, "person": pe, "phone": ph})).collect::<Vec<_>>(),
            "plan": self.plan.iter().map(|(t, _, k, c)| json!({"time": t, "kind": k, "content": c})).collect::<Vec<_>>(),
            "filled_on": self.date,
        })
    }
}

fn four_ones_rows(pr: &Pair, rows: &mut Vec<TableRow>) {
    rows.push(tr(vec![c("时间"), c("活动类型"), cs("活动内容", 2)]));
    for (t, k, _, ct) in &pr.plan {
        rows.push(tr(vec![c(t), c(k), cs(ct, 2)]));
    }
}

/// P01: kv rows, partner sub-table under a 共建支部 row, “四个一” plan sub-table (5-column grid).
fn pair_subtables(pr: &Pair) -> Vec<u8> {
    let mut rows = vec![
        tr(vec![
            c("机关党支部名称"),
            c(pr.branch),
            c("所属党委"),
            cs(pr.committee, 2),
        ]),
        tr(vec![
            c("支部书记"),
            c(pr.secretary),
            c("联系人"),
            cs(pr.contact, 2),
        ]),
        tr(vec![c("联系电话"), cs(pr.phone, 4)]),
        tr(vec![c("共建主题"), cs(pr.topic, 4)]),
        tr(vec![cs("共建支部", 5)]),
        tr(vec![
            c("共建支部名称"),
            c("支部类型"),
            c("所在单位"),
            c("联系人"),
            c("联系电话"),
        ]),
    ];
    for (n, k, _, u, pe, ph) in &pr.partners {
        rows.push(tr(vec![c(n), c(k), c(u), c(pe), c(ph)]));
    }
    rows.push(tr(vec![cs("“四个一”计划", 5)]));
    rows.push(tr(vec![c("时间"), c("活动类型"), cs("活动内容", 3)]));
    for (t, k, _, ct) in &pr.plan {
        rows.push(tr(vec![c(t), c(k), cs(ct, 3)]));
    }
    rows.push(tr(vec![c("填报日期"), cs(pr.date_w, 4)]));
    pack(
        doc()
            .add_paragraph(title("机关党支部结对共建信息表"))
            .add_table(table(rows, &[1900, 2300, 1700, 1400, 1700])),
    )
}

/// P02: partner blocks introduced by full-width heading rows, labels repeating per block.
fn pair_blocks(pr: &Pair, heads: &[&str]) -> Vec<u8> {
    let kv2 = |a: &str, b: &str, x: &str, y: &str| tr(vec![c(a), c(b), c(x), c(y)]);
    let mut rows = vec![
        kv2("支部名称", pr.branch, "所属党委", pr.committee),
        kv2("支部书记", pr.secretary, "联系电话", pr.phone),
        tr(vec![c("共建主题"), cs(pr.topic, 3)]),
    ];
    for (h, (n, k, _, u, pe, ph)) in heads.iter().zip(&pr.partners) {
        rows.push(tr(vec![cs(h, 4)]));
        rows.push(kv2("支部名称", n, "支部类型", k));
        rows.push(kv2("所在单位", u, "联系人", pe));
        rows.push(tr(vec![c("联系电话"), cs(ph, 3)]));
    }
    rows.push(tr(vec![cs("“四个一”计划", 4)]));
    four_ones_rows(pr, &mut rows);
    rows.push(tr(vec![c("填报日期"), cs(pr.date_w, 3)]));
    pack(
        doc()
            .add_paragraph(title("机关党支部结对共建信息表"))
            .add_table(table(rows, G4)),
    )
}

/// P03: a vertically merged label column (`结对支部一` over 支部名称/支部类型/… rows).
fn pair_merged_column(pr: &Pair) -> Vec<u8> {
    let own = |l: &str, v: &str| tr(vec![cs(l, 2), c(v)]);
    let mut rows = vec![
        own("机关党支部", pr.branch),
        own("上级党组织", pr.committee),
        own("党支部书记", pr.secretary),
        own("联系电话", pr.phone),
        own("共建内容", pr.topic),
    ];
    for (i, (n, k, _, u, pe, ph)) in pr.partners.iter().enumerate() {
        let label = ["结对支部一", "结对支部二", "结对支部三"][i];
        rows.push(tr(vec![vr(label), c("支部名称"), c(n)]));
        rows.push(tr(vec![vc(), c("支部类型"), c(k)]));
        rows.push(tr(vec![vc(), c("所属学院"), c(u)]));
        rows.push(tr(vec![vc(), c("书记"), c(pe)]));
        rows.push(tr(vec![vc(), c("联系电话"), c(ph)]));
    }
    let mut plan = vec![tr(vec![c("时间"), c("活动类型"), c("活动内容")])];
    for (t, k, _, ct) in &pr.plan {
        plan.push(tr(vec![c(t), c(k), c(ct)]));
    }
    rows.push(tr(vec![cs("日期", 2), c(pr.date_w)]));
    pack(
        doc()
            .add_paragraph(title("结对共建信息表"))
            .add_table(table(rows, G3))
            .add_paragraph(p(""))
            .add_paragraph(pb("活动计划"))
            .add_table(table(plan, &[1800, 1800, 5400])),
    )
}

/// P04: Excel row layout, branch columns merged over the partner rows, plan on a second sheet.
fn pair_xlsx_rows(pr: &Pair) -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("共建信息").unwrap();
    merge(ws, 0, 0, 0, 9, "机关党支部结对共建信息表");
    let header = [
        "机关党支部名称",
        "支部书记",
        "联系电话",
        "共建主题",
        "结对支部名称",
        "支部类型",
        "所在单位",
        "联系人",
        "联系电话",
        "填报日期",
    ];
    for (i, h) in header.iter().enumerate() {
        ws_str(ws, 1, i as u16, h);
    }
    let n = pr.partners.len() as u32;
    let (first, last) = (2, 1 + n);
    merge(ws, first, 0, last, 0, pr.branch);
    merge(ws, first, 1, last, 1, pr.secretary);
    merge(ws, first, 2, last, 2, pr.phone);
    merge(ws, first, 3, last, 3, pr.topic);
    ws.merge_range(first, 9, last, 9, "", &date_fmt()).unwrap();
    ws.write_datetime_with_format(first, 9, &xdate(pr.date), &date_fmt())
        .unwrap();
    for (i, (nm, k, _, u, pe, ph)) in pr.partners.iter().enumerate() {
        let r = first + i as u32;
        for (col, v) in [(4, nm), (5, k), (6, u), (7, pe), (8, ph)] {
            ws_str(ws, r, col, v);
        }
    }
    let ws2 = wb.add_worksheet();
    ws2.set_name("“四个一”计划").unwrap();
    for (i, h) in ["时间", "活动类型", "活动内容"].iter().enumerate() {
        ws_str(ws2, 0, i as u16, h);
    }
    for (i, (t, k, _, ct)) in pr.plan.iter().enumerate() {
        let r = 1 + i as u32;
        ws_str(ws2, r, 0, t);
        ws_str(ws2, r, 1, k);
        ws_str(ws2, r, 2, ct);
    }
    wb.save_to_buffer().unwrap()
}

/// P05: Excel key–value layout, then a partner header row, then a plan header row.
fn pair_xlsx_kv(pr: &Pair) -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    merge(ws, 0, 0, 0, 4, "机关党支部结对共建信息表");
    let mut r = 1;
    for (l, v) in [
        ("党支部名称", pr.branch),
        ("所属党委", pr.committee),
        ("书记", pr.secretary),
        ("联系人", pr.contact),
        ("电话", pr.phone),
        ("共建项目", pr.topic),
    ] {
        ws_str(ws, r, 0, l);
        merge(ws, r, 1, r, 4, v);
        r += 1;
    }
    ws_str(ws, r, 0, "填报日期");
    ws_str(ws, r, 1, pr.date_w);
    r += 2;
    for (i, h) in ["结对支部名称", "共建类型", "单位名称", "书记", "联系电话"]
        .iter()
        .enumerate()
    {
        ws_str(ws, r, i as u16, h);
    }
    r += 1;
    for (nm, k, _, u, pe, ph) in &pr.partners {
        for (col, v) in [(0, nm), (1, k), (2, u), (3, pe), (4, ph)] {
            ws_str(ws, r, col, v);
        }
        r += 1;
    }
    r += 1;
    for (i, h) in ["月份", "类型", "主要内容"].iter().enumerate() {
        ws_str(ws, r, i as u16, h);
    }
    r += 1;
    for (t, k, _, ct) in &pr.plan {
        ws_str(ws, r, 0, t);
        ws_str(ws, r, 1, k);
        ws_str(ws, r, 2, ct);
        r += 1;
    }
    ws.set_column_width(0, 22).unwrap();
    ws.set_column_width(1, 26).unwrap();
    ws.set_column_width(2, 40).unwrap();
    wb.save_to_buffer().unwrap()
}

/// P06: plan table without a kind column (kinds only in the content); no 所属党委 label.
fn pair_kinds_in_content(pr: &Pair) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), cs(v, 3)]);
    let mut rows = vec![
        kv("党支部名称", pr.branch),
        tr(vec![
            c("党支部书记"),
            c(pr.secretary),
            c("手机"),
            c(pr.phone),
        ]),
        kv("共建主题", pr.topic),
        tr(vec![cs("结对共建支部", 4)]),
        tr(vec![
            c("结对支部名称"),
            c("类型"),
            c("单位"),
            c("书记/联系人"),
        ]),
    ];
    for (n, k, _, u, pe, _) in &pr.partners {
        rows.push(tr(vec![c(n), c(k), c(u), c(pe)]));
    }
    rows.push(tr(vec![cs("计划安排", 4)]));
    rows.push(tr(vec![c("时间"), cs("活动内容", 3)]));
    for (t, _, _, ct) in &pr.plan {
        rows.push(tr(vec![c(t), cs(ct, 3)]));
    }
    rows.push(kv("填报日期", pr.date_w));
    pack(
        doc()
            .add_paragraph(title("机关党支部与学院党支部结对共建信息表"))
            .add_table(table(rows, G4)),
    )
}

fn plan4(
    a: (&'static str, &'static str),
    b: (&'static str, &'static str),
    cc: (&'static str, &'static str),
    d: (&'static str, &'static str),
) -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        (a.0, "学习讨论", "学习讨论", a.1),
        (b.0, "党课", "党课", b.1),
        (cc.0, "主题实践", "主题实践", cc.1),
        (d.0, "调研走访", "调研走访", d.1),
    ]
}

fn pairings(out: &mut Out) {
    const K: &str = "pairing";
    // 01
    let pr = Pair {
        branch: "党委办公室党支部",
        committee: "机关党委",
        secretary: "周平",
        contact: "许丽",
        phone: "0510-85912001",
        topic: "党建引领 协同育人",
        partners: vec![
            (
                "机械设计教工党支部",
                "“双带头人”教师党支部",
                "“双带头人”教师党支部",
                "机械工程学院",
                "李强",
                "13800001111",
            ),
            (
                "太湖街道清风社区党委",
                "校外党支部",
                "校外党支部",
                "滨湖区太湖街道",
                "钱芳",
                "0510-85550001",
            ),
        ],
        plan: plan4(
            ("2025年11月", "联合学习二十届四中全会精神"),
            ("2025年11月", "书记讲党课：机关作风建设"),
            ("2025年12月", "赴社区开展主题党日志愿服务"),
            ("2025年12月", "走访学院了解师生诉求"),
        ),
        date: "2025-10-15",
        date_w: "2025年10月15日",
    };
    out.file(K, "01-kv-partner-subtable", "docx", &pair_subtables(&pr));
    out.expected(
        K,
        "01-kv-partner-subtable",
        pr.expected(),
        &[],
        "Word key–value table with the branch's own 联系人/联系电话, a partner sub-table under a full-width `共建支部` row (header 共建支部名称/支部类型/所在单位/联系人/联系电话) and a “四个一” plan sub-table",
    );

    // 02 (also .doc as 07)
    let pr02 = Pair {
        branch: "组织部党支部",
        committee: "机关党委",
        secretary: "陈刚",
        contact: "",
        phone: "0510-85912100",
        topic: "组织建设互学互鉴",
        partners: vec![
            (
                "电子信息学院教工第一党支部",
                "学院教师党支部",
                "学院教师党支部",
                "电子信息学院",
                "吴昊",
                "13912340001",
            ),
            (
                "计算机学院人工智能教工党支部",
                "“双带头人”教师党支部",
                "“双带头人”教师党支部",
                "计算机科学与技术学院",
                "郑敏",
                "13912340002",
            ),
            (
                "蠡湖社区党委",
                "社区党支部",
                "校外党支部",
                "滨湖区蠡湖街道",
                "孙立",
                "0510-85660002",
            ),
        ],
        plan: plan4(
            ("10月", "共同组织一次学习讨论：党支部工作条例"),
            ("11月", "共同上一次党课"),
            ("11月", "共同开展一次主题实践活动：社区党建观摩"),
            ("12月", "开展一次调研走访：教师党支部组织生活质量"),
        ),
        date: "2025-10-20",
        date_w: "2025年10月20日",
    };
    let heads = ["结对支部一", "结对支部二", "共建单位3"];
    out.file(K, "02-partner-blocks", "docx", &pair_blocks(&pr02, &heads));
    out.expected(
        K,
        "02-partner-blocks",
        pr02.expected(),
        &[],
        "partner blocks introduced by full-width heading rows (`结对支部一`, `结对支部二`, `共建单位3`) repeating the labels 支部名称/联系电话 that the branch itself also uses: the branch's 支部名称 and 联系电话 stay the branch's; partner kind `社区党支部` → 校外党支部",
    );
    out.expected(
        K,
        "07-legacy-partner-blocks",
        pr02.expected(),
        &[],
        "02-partner-blocks saved as Word 97 .doc by LibreOffice (scripts/zoo-legacy.sh)",
    );

    // 03
    let pr = Pair {
        branch: "财务处党支部",
        committee: "机关党委",
        secretary: "黄海",
        contact: "",
        phone: "0510-85912300",
        topic: "业财融合 服务师生",
        partners: vec![
            (
                "商学院会计系教工党支部",
                "教工党支部",
                "学院教师党支部",
                "商学院",
                "冯瑶",
                "13706170001",
            ),
            (
                "无锡市某会计师事务所党支部",
                "企业党支部",
                "校外党支部",
                "无锡市某会计师事务所",
                "丁伟",
                "0510-82220003",
            ),
        ],
        plan: plan4(
            ("2025年10月", "联学《预算法》修订要点"),
            ("2025年11月", "支部书记互讲党课"),
            ("2025年11月", "“财务进学院”主题实践"),
            ("2025年12月", "走访学院调研报销难点"),
        ),
        date: "2025-10-28",
        date_w: "2025-10-28",
    };
    out.file(
        K,
        "03-merged-label-column",
        "docx",
        &pair_merged_column(&pr),
    );
    out.expected(
        K,
        "03-merged-label-column",
        pr.expected(),
        &[],
        "3-column table with a vertically merged label column (`结对支部一` merged down over 支部名称/支部类型/所属学院/书记/联系电话 rows); branch labels 机关党支部/上级党组织/党支部书记/共建内容; the plan as a separate table after a `活动计划` paragraph; kinds `教工党支部`/`企业党支部`",
    );

    // 04
    let pr = Pair {
        branch: "后勤保障处党支部",
        committee: "机关党委",
        secretary: "蒋涛",
        contact: "",
        phone: "0510-85912400",
        topic: "后勤服务进社区",
        partners: vec![
            (
                "环境学院教工党支部",
                "学院教师党支部",
                "学院教师党支部",
                "环境科学与工程学院",
                "沈洁",
                "13861110001",
            ),
            (
                "物业公司党支部",
                "校外党支部",
                "校外党支部",
                "无锡某物业服务有限公司",
                "韩冬",
                "13861110002",
            ),
        ],
        plan: plan4(
            ("10月", "学习讨论：节约型校园建设"),
            ("11月", "党课：后勤服务中的群众路线"),
            ("11月", "宿舍区节能主题实践"),
            ("12月", "走访学生社区调研"),
        ),
        date: "2025-10-30",
        date_w: "",
    };
    out.file(K, "04-excel-rows", "xlsx", &pair_xlsx_rows(&pr));
    out.expected(
        K,
        "04-excel-rows",
        pr.expected(),
        &[],
        "Excel row layout: one row per partner; the branch's own columns (机关党支部名称/支部书记/联系电话/共建主题/填报日期) merged vertically over the partner rows; two columns headed 联系电话 (branch, partner); the plan on a second sheet `“四个一”计划`; no 所属党委 (default 机关党委); date as an Excel date cell",
    );

    // 05
    let pr = Pair {
        branch: "图书馆党支部",
        committee: "机关党委",
        secretary: "杜鹃",
        contact: "邱楠",
        phone: "0510-85912500",
        topic: "书香润初心",
        partners: vec![
            (
                "人文学院中文系教工党支部",
                "学院教师党支部",
                "学院教师党支部",
                "人文学院",
                "邵琳",
                "13511110001",
            ),
            (
                "无锡市图书馆党支部",
                "校外",
                "校外党支部",
                "无锡市图书馆",
                "汤军",
                "0510-81110004",
            ),
        ],
        plan: plan4(
            ("2025年10月", "红色经典读书会"),
            ("2025年11月", "“典籍里的初心”专题党课"),
            ("2025年11月", "共建红色书架主题实践"),
            ("2025年12月", "走访市图书馆调研阅读推广"),
        ),
        date: "2025-10-16",
        date_w: "2025/10/16",
    };
    out.file(K, "05-excel-key-value", "xlsx", &pair_xlsx_kv(&pr));
    out.expected(
        K,
        "05-excel-key-value",
        pr.expected(),
        &[],
        "Excel key–value layout: label/value rows (党支部名称/书记/联系人/电话/共建项目/填报日期), then a partner header row and partner rows, then a plan header row (月份/类型/主要内容) and plan rows, with no label cell before the headers; kind `校外`",
    );

    // 06
    let pr = Pair {
        branch: "学生工作部党支部",
        committee: "机关党委",
        secretary: "宋阳",
        contact: "",
        phone: "13606171234",
        topic: "思政工作协同",
        partners: vec![
            (
                "马克思主义学院思政教工党支部",
                "“双带头人”教师党支部",
                "“双带头人”教师党支部",
                "马克思主义学院",
                "白雪",
                "",
            ),
            (
                "惠山区某中学党支部",
                "校外党支部",
                "校外党支部",
                "惠山区某中学",
                "葛亮",
                "",
            ),
        ],
        plan: vec![
            (
                "10月",
                "",
                "学习讨论",
                "共同组织一次学习讨论：新时代学校思政课建设",
            ),
            ("11月", "", "党课", "两支部书记共同上一次党课"),
            (
                "11月",
                "",
                "主题实践",
                "共同开展一次主题实践活动：大中小学思政一体化",
            ),
            (
                "12月",
                "",
                "调研走访",
                "开展一次调研走访活动：中学生思想状况",
            ),
        ],
        date: "2025-10-22",
        date_w: "2025年10月22日",
    };
    out.file(
        K,
        "06-kinds-in-content",
        "docx",
        &pair_kinds_in_content(&pr),
    );
    out.expected(
        K,
        "06-kinds-in-content",
        pr.expected(),
        &[],
        "plan table without an activity-kind column: the “四个一” kind only in the content text; partner table under `结对共建支部` with header 书记/联系人 and no phone column; no 所属党委 (default 机关党委); phone under 手机",
    );

    // 08 ─ planted partner_rule
    let pr = Pair {
        branch: "宣传部党支部",
        committee: "机关党委",
        secretary: "马丽",
        contact: "",
        phone: "0510-85912600",
        topic: "讲好学校故事",
        partners: vec![
            (
                "设计学院视觉传达教工党支部",
                "学院教师党支部",
                "学院教师党支部",
                "设计学院",
                "温馨",
                "13912349001",
            ),
            (
                "无锡日报社某党支部",
                "校外党支部",
                "校外党支部",
                "无锡日报社",
                "龚平",
                "0510-82830005",
            ),
            (
                "无锡广电集团某党支部",
                "校外党支部",
                "校外党支部",
                "无锡广电集团",
                "叶青",
                "0510-82830006",
            ),
        ],
        plan: plan4(
            ("10月", "学习讨论：新闻舆论工作"),
            ("11月", "党课：讲好中国故事"),
            ("11月", "校园融媒体主题实践"),
            ("12月", "走访媒体调研"),
        ),
        date: "2025-10-18",
        date_w: "2025年10月18日",
    };
    out.file(K, "08-defect-partner-rule", "docx", &pair_subtables(&pr));
    out.expected(
        K,
        "08-defect-partner-rule",
        pr.expected(),
        &["partner_rule"],
        "PLANTED DEFECT: two 校外党支部 partners → partner_rule",
    );
}

// ───────────────────────────── Cases ─────────────────────────────

struct CaseData {
    title: &'static str,
    branch: &'static str,
    committee: &'static str,
    author: &'static str,
    /// (key, paragraphs)
    sections: Vec<(&'static str, Vec<&'static str>)>,
}

impl CaseData {
    fn expected(&self) -> Value {
        json!({
            "title": self.title,
            "branch": self.branch,
            "committee": self.committee,
            "author": self.author,
            "sections": self.sections.iter().map(|(k, ps)| json!({"key": k, "paragraphs": ps})).collect::<Vec<_>>(),
        })
    }
}

fn case_body(
    heads: [&str; 4],
    cd: &CaseData,
    mut d: Docx,
    head: impl Fn(&str) -> Paragraph,
) -> Docx {
    for (k, ps) in &cd.sections {
        let i = ["background", "practice", "results", "analysis"]
            .iter()
            .position(|x| x == k)
            .unwrap();
        d = d.add_paragraph(head(heads[i]));
        for para in ps {
            d = d.add_paragraph(p(para));
        }
    }
    d
}

fn heading_styles(d: Docx, id1: &str, id2: &str) -> Docx {
    d.add_style(
        Style::new(id1, StyleType::Paragraph)
            .name("heading 1")
            .bold()
            .size(32),
    )
    .add_style(
        Style::new(id2, StyleType::Paragraph)
            .name("heading 2")
            .bold()
            .size(28),
    )
}

fn case_texts(n: usize) -> Vec<(&'static str, Vec<&'static str>)> {
    let all: [[Vec<&'static str>; 4]; 8] = [
        [
            vec![
                "支部所在学院本科生理论学习积极性不高，集中学习“你讲我听”，效果有限。",
                "2024年支部开展问卷调查，七成党员希望学习形式更加多样。",
            ],
            vec![
                "支部组建“机”智青年理论宣讲团，党员骨干集体备课、轮流主讲。",
                "宣讲团走进班级、宿舍和社区，结合专业故事讲理论。",
            ],
            vec!["一学期开展宣讲12场，覆盖学生600余人次，相关做法被学校公众号报道。"],
            vec!["理论宣讲要贴近青年、贴近专业，让党员在“讲”中学、在“学”中讲。"],
        ],
        [
            vec!["研究生社区分散在三个园区，党员与普通同学联系不紧密。"],
            vec![
                "支部以社区为单元设立党员责任区，每月开展一次社区主题党日。",
                "每次活动由一名党员牵头策划，活动前征集同学需求。",
            ],
            vec!["三个月内开展主题党日3次，参与同学200余人次，社区满意度明显提高。"],
            vec!["把支部建在社区里，把党员放到同学中间，支部的组织力才能看得见。"],
        ],
        [
            vec!["学生社区中低年级同学学业适应困难，寻求帮助的渠道不畅。"],
            vec!["党员每周走访宿舍，建立问题台账，组织朋辈分享会。"],
            vec!["走访宿舍40间，解决具体问题26个，形成调研报告1份。"],
            vec!["走访调研是群众路线在学生社区的具体实践，贵在坚持。"],
        ],
        [
            vec!["入党申请人数量多、培养周期长，部分申请人因流程未推进而培养断档。"],
            vec![
                "支部为每位申请人建立成长档案，指定党员联系人定期跟踪。",
                "按申请时长分层开展培养，设立“理论学习标兵”等阶段性认可。",
            ],
            vec!["建档率100%，申请人对培养过程的满意度达到95%。"],
            vec!["培养不断线，关键在于责任到人、记录在案、反馈及时。"],
        ],
        [
            vec!["支部党员外语能力突出，但服务中心工作的载体不多。"],
            vec!["以红色文献双语研读为载体，每两周研读一次并面向全院分享。"],
            vec!["形成双语研读笔记1册，3篇译文在校级平台发表。"],
            vec!["发挥专业优势，是学生党支部特色建设的有效路径。"],
        ],
        [
            vec!["实验楼夜间使用频繁，安全隐患时有发生。"],
            vec!["支部设立党员安全责任岗，明确职责与轮值机制，每周巡查两次。"],
            vec!["一学期巡查48次，发现并整改隐患15处，实验楼未发生安全事故。"],
            vec!["责任岗把党员身份亮在实验室门口，党员意识和责任意识同步增强。"],
        ],
        [
            vec!["低年级学生程序设计课程不及格率较高。"],
            vec!["党员一对一结对帮扶，举办编程训练营两期。"],
            vec!["帮扶对象课程通过率从62%提高到91%。"],
            vec!["学业帮扶要精准到人、持续跟踪。"],
        ],
        [
            vec!["支部与教师党支部联系松散，研究生科研入门慢。"],
            vec!["与“双带头人”教师党支部结对，开展前沿讲座和大国重器参访。"],
            vec!["研一新生全部参与科研训练，发表论文4篇。"],
            vec!["师生结对让教师党员的言传身教成为最好的党课。"],
        ],
    ];
    let keys = ["background", "practice", "results", "analysis"];
    keys.iter()
        .zip(all[n].clone())
        .map(|(k, v)| (*k, v))
        .collect()
}

fn cases(out: &mut Out) {
    const K: &str = "case";
    // 01 numbered headings, branch under a label
    let cd = CaseData {
        title: "让理论宣讲“活”起来——机械本科第一党支部理论宣讲团建设案例",
        branch: "机械本科第一党支部",
        committee: "机械工程学院党委",
        author: "",
        sections: case_texts(0),
    };
    let d = doc()
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!(
            "支部：{}  所属党委：{}",
            cd.branch, cd.committee
        )));
    let d = case_body(
        [
            "一、背景与起因",
            "二、做法与经过",
            "三、成效与反响",
            "四、分析与评价",
        ],
        &cd,
        d,
        p,
    );
    out.file(K, "01-numbered-headings", "docx", &pack(d));
    out.expected(K, "01-numbered-headings", cd.expected(), &[], "numbered plain-paragraph headings `一、背景与起因` …; branch and committee on one `支部：… 所属党委：…` line");

    // 02 heading styles with extra words (also .doc as 07)
    let cd02 = CaseData {
        title: "把支部建在社区里",
        branch: "经管研究生第一党支部",
        committee: "经济与管理学院党委",
        author: "黄佳怡",
        sections: case_texts(1),
    };
    let d = heading_styles(doc(), "Heading1", "Heading2")
        .add_paragraph(title(cd02.title))
        .add_paragraph(p(&format!("报送单位：{}", cd02.branch)))
        .add_paragraph(p(&format!("所属党委：{}", cd02.committee)))
        .add_paragraph(p(&format!("执笔人：{}", cd02.author)));
    let d = case_body(
        [
            "案例背景与起因",
            "主要做法与经过",
            "取得成效与反响",
            "经验与启示",
        ],
        &cd02,
        d,
        |h| {
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text(h))
        },
    );
    out.file(K, "02-heading-styles-extra-words", "docx", &pack(d));
    out.expected(K, "02-heading-styles-extra-words", cd02.expected(), &[], "headings with extra words (`案例背景与起因`, `主要做法与经过`, `取得成效与反响`, `经验与启示`) in Word style Heading1, unnumbered; branch under `报送单位：`, committee under `所属党委：`, author under `执笔人：`");
    out.expected(K, "07-legacy-heading-styles", cd02.expected(), &[], "02-heading-styles-extra-words saved as Word 97 .doc by LibreOffice (scripts/zoo-legacy.sh)");

    // 03 bold headings, branch as a plain line under the title
    let cd = CaseData {
        title: "宿舍走访里的群众路线",
        branch: "车辆工程本科党支部",
        committee: "机械工程学院党委",
        author: "",
        sections: case_texts(2),
    };
    let d = doc()
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("{} {}", cd.committee, cd.branch)));
    let d = case_body(
        [
            "（一）背景与起因",
            "（二）做法与经过",
            "（三）成效与反响",
            "（四）分析与评价",
        ],
        &cd,
        d,
        pb,
    );
    out.file(K, "03-bold-headings-plain-branch", "docx", &pack(d));
    out.expected(K, "03-bold-headings-plain-branch", cd.expected(), &[], "bold heading lines numbered `（一）…`; committee and branch as a plain line under the title (`机械工程学院党委 车辆工程本科党支部`)");

    // 04 heading with text on the same line, small table at the top
    let cd = CaseData {
        title: "成长档案让培养不断线",
        branch: "土木2022级本科生党支部",
        committee: "土木工程学院党委",
        author: "林晓",
        sections: case_texts(3),
    };
    let top = table(
        vec![
            tr(vec![
                c("支部名称"),
                c(cd.branch),
                c("所属党委"),
                c(cd.committee),
            ]),
            tr(vec![
                c("执笔人"),
                c(cd.author),
                c("联系电话"),
                c("18912340001"),
            ]),
        ],
        G4,
    );
    let mut d = doc()
        .add_paragraph(title(cd.title))
        .add_table(top)
        .add_paragraph(p(""));
    let heads = ["背景与起因", "做法与经过", "成效与反响", "分析与评价"];
    for (i, (_, ps)) in cd.sections.iter().enumerate() {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}：", heads[i])).bold())
                .add_run(Run::new().add_text(ps[0])),
        );
        for para in &ps[1..] {
            d = d.add_paragraph(p(para));
        }
    }
    out.file(K, "04-inline-headings-top-table", "docx", &pack(d));
    out.expected(K, "04-inline-headings-top-table", cd.expected(), &[], "`背景与起因：text` — the heading (bold run) and the first paragraph's text on the same line; branch, committee and author in a small table at the top (`支部名称 | X | 所属党委 | Y`)");

    // 05 Chinese Word built-in heading ids, `1.` numbering
    let cd = CaseData {
        title: "“译”路同行",
        branch: "英语系本科生党支部",
        committee: "外国语学院党委",
        author: "",
        sections: case_texts(4),
    };
    let d = heading_styles(doc(), "1", "2")
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("党支部名称：{}", cd.branch)))
        .add_paragraph(p(&format!("所在学院：{}", cd.committee)));
    let d = case_body(
        [
            "1.背景与起因",
            "2.做法与经过",
            "3.成效与反响",
            "4.分析与评价",
        ],
        &cd,
        d,
        |h| Paragraph::new().style("2").add_run(Run::new().add_text(h)),
    );
    out.file(K, "05-chinese-heading-ids", "docx", &pack(d));
    out.expected(K, "05-chinese-heading-ids", cd.expected(), &[], "headings `1.背景与起因` … in Chinese Word's built-in heading style (style id `2`, name `heading 2`); branch under `党支部名称：`, committee under `所在学院：`");

    // 06 list items
    let cd = CaseData {
        title: "党员安全责任岗",
        branch: "机械电子工程系学生第二党支部",
        committee: "机械工程学院党总支",
        author: "赵磊",
        sections: case_texts(5),
    };
    let d = doc()
        .add_abstract_numbering(AbstractNumbering::new(2).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("chineseCounting"),
            LevelText::new("%1、"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(2, 2))
        .add_paragraph(p(&format!("案例名称：{}", cd.title)))
        .add_paragraph(p(&format!("支部名称：{}", cd.branch)))
        .add_paragraph(p(&format!("所属党委：{}", cd.committee)))
        .add_paragraph(p(&format!("作者：{}", cd.author)));
    let d = case_body(
        ["背景与起因", "做法与经过", "成效与反响", "分析与评价"],
        &cd,
        d,
        |h| {
            Paragraph::new()
                .numbering(NumberingId::new(2), IndentLevel::new(0))
                .add_run(Run::new().add_text(h).bold())
        },
    );
    out.file(K, "06-list-item-headings", "docx", &pack(d));
    out.expected(K, "06-list-item-headings", cd.expected(), &[], "headings as Word list items (automatic `一、` numbering, not in the text); title in a `案例名称：` field rather than a title paragraph; 支部名称/所属党委/作者 lines");

    // 08 planted missing section
    let mut secs = case_texts(6);
    secs.remove(2);
    let cd = CaseData {
        title: "代码先锋结对帮扶",
        branch: "计算机本科第二党支部",
        committee: "计算机科学与技术学院党委",
        author: "",
        sections: secs,
    };
    let d = doc()
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("支部：{}", cd.branch)))
        .add_paragraph(p(&format!("学院：{}", cd.committee)));
    let d = case_body(
        [
            "一、背景与起因",
            "二、做法与经过",
            "三、成效与反响",
            "三、分析与评价",
        ],
        &cd,
        d,
        pb,
    );
    out.file(K, "08-defect-missing-section", "docx", &pack(d));
    out.expected(
        K,
        "08-defect-missing-section",
        cd.expected(),
        &["case_missing_section"],
        "PLANTED DEFECT: no 成效与反响 section → case_missing_section",
    );

    // 09 multi-paragraph, `第一部分` numbering, committee spelled 中共X委员会
    let cd = CaseData {
        title: "师生结对 双向赋能",
        branch: "机械2023级研究生党支部",
        committee: "中共机械工程学院委员会",
        author: "陈思远",
        sections: case_texts(7),
    };
    let d = doc()
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("支部：{}", cd.branch)))
        .add_paragraph(p(&format!("所属党委：{}", cd.committee)))
        .add_paragraph(p(&format!("撰稿人：{}", cd.author)));
    let d = case_body(
        [
            "第一部分 背景与起因",
            "第二部分 做法与经过",
            "第三部分 成效与反响",
            "第四部分 分析与评价",
        ],
        &cd,
        d,
        pb,
    );
    out.file(K, "09-part-numbering", "docx", &pack(d));
    out.expected(K, "09-part-numbering", cd.expected(), &[], "headings `第一部分 背景与起因` …; committee spelled `中共机械工程学院委员会` under 所属党委, branch under 支部; author under 撰稿人");
}

// ───────────────────────────── Summary sheets ─────────────────────────────

/// (committee as written in the row or "", branch, title, track, leader, phone, advisor, members, yuan)
type SumRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
);

fn sum_expected(rows: &[SumRow], committee: &str, sheet: &str, first_row: usize) -> Value {
    Value::Array(
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "committee": if r.0.is_empty() { committee } else { r.0 },
                    "branch": r.1, "title": r.2, "track": r.3, "leader": r.4,
                    "requested_fen": r.8 * 100, "sheet": sheet, "row": first_row + i,
                })
            })
            .collect(),
    )
}

/// Writes a summary sheet; `cols` names each column by a header and a field index
/// (0 committee, 1 branch, 2 title, 3 track, 4 leader, 5 phone, 6 advisor, 7 members, 8 money, 9 seq, 10 note).
fn summary_xlsx(
    sheet: &str,
    title_row: &str,
    unit_line: Option<&str>,
    cols: &[(&str, usize)],
    rows: &[SumRow],
    money_text: bool,
    total: bool,
) -> (Vec<u8>, usize) {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    merge(ws, 0, 0, 0, cols.len() as u16 - 1, title_row);
    let mut r = 1u32;
    if let Some(u) = unit_line {
        ws_str(ws, r, 0, u);
        r += 1;
    }
    for (i, (h, _)) in cols.iter().enumerate() {
        ws_str(ws, r, i as u16, h);
    }
    r += 1;
    let first = r as usize + 1;
    for (n, row) in rows.iter().enumerate() {
        for (i, (_, f)) in cols.iter().enumerate() {
            let col = i as u16;
            match f {
                0 => ws_str(ws, r, col, row.0),
                1 => ws_str(ws, r, col, row.1),
                2 => ws_str(ws, r, col, row.2),
                3 => ws_str(ws, r, col, row.3),
                4 => ws_str(ws, r, col, row.4),
                5 => ws_str(ws, r, col, row.5),
                6 => ws_str(ws, r, col, row.6),
                7 => {
                    ws.write_number(r, col, row.7 as f64).unwrap();
                }
                8 if money_text => {
                    let y = row.8;
                    let s = if y >= 1000 {
                        format!("{},{:03}元", y / 1000, y % 1000)
                    } else {
                        format!("{y}元")
                    };
                    ws_str(ws, r, col, &s);
                }
                8 => {
                    ws.write_number(r, col, row.8 as f64).unwrap();
                }
                9 => {
                    ws.write_number(r, col, (n + 1) as f64).unwrap();
                }
                _ => {}
            }
        }
        r += 1;
    }
    if total {
        let sum: i64 = rows.iter().map(|x| x.8).sum();
        ws_str(ws, r, 0, "合计");
        let mc = cols.iter().position(|(_, f)| *f == 8).unwrap() as u16;
        if money_text {
            ws_str(ws, r, mc, &format!("{},{:03}元", sum / 1000, sum % 1000));
        } else {
            ws.write_number(r, mc, sum as f64).unwrap();
        }
        r += 1;
    }
    ws_str(
        ws,
        r,
        0,
        "注：1.每个支部原则上只申报一个项目；2.申请经费以“元”为单位。",
    );
    ws.set_column_width(1, 24).unwrap();
    ws.set_column_width(2, 28).unwrap();
    (wb.save_to_buffer().unwrap(), first)
}

fn summaries(out: &mut Out) {
    const K: &str = "summary";
    let std_cols: &[(&str, usize)] = &[
        ("序号", 9),
        ("学院", 0),
        ("支部名称", 1),
        ("项目名称", 2),
        ("申报板块", 3),
        ("项目负责人", 4),
        ("联系电话", 5),
        ("指导老师", 6),
        ("党员人数", 7),
        ("申请经费（元）", 8),
        ("备注", 10),
    ];
    let rows: Vec<SumRow> = vec![
        (
            "机械工程学院",
            "机械本科第一党支部",
            "“机”智青年理论宣讲团",
            T1,
            "张明",
            "13912345678",
            "李红",
            18,
            3000,
        ),
        (
            "机械工程学院",
            "机械2023级研究生党支部",
            "“双师领航”科研启蒙计划",
            T4,
            "陈思远",
            "0510-85912233",
            "周国栋",
            26,
            3000,
        ),
        (
            "机械工程学院",
            "车辆工程本科党支部",
            "“车”轮滚滚社区行",
            T3,
            "孙悦",
            "15861234567",
            "何平",
            15,
            2500,
        ),
    ];
    let (bytes, first) = summary_xlsx(
        "汇总表",
        "机械工程学院学生党支部“对标争先”建设项目申报汇总表",
        Some("填报单位：机械工程学院党委（盖章）    联系人：王老师    电话：0510-85910000"),
        std_cols,
        &rows,
        false,
        true,
    );
    out.file(K, "01-standard", "xlsx", &bytes);
    out.expected(K, "01-standard", sum_expected(&rows, "", "汇总表", first), &[], "merged title row, `填报单位：… 联系人：… 电话：…` line, header with `申请经费（元）`, a 学院 column, data rows, a 合计 row (not a data row) and a `注：…` notes line");

    // 02 reordered columns (also .xls as 05)
    let cols: &[(&str, usize)] = &[
        ("序号", 9),
        ("项目名称", 2),
        ("党支部名称", 1),
        ("负责人", 4),
        ("板块", 3),
        ("申请金额", 8),
        ("所属党委", 0),
        ("指导教师", 6),
        ("党员人数", 7),
        ("联系电话", 5),
        ("备注", 10),
    ];
    let rows: Vec<SumRow> = vec![
        (
            "经济与管理学院党委",
            "经管研究生第一党支部",
            "“经”彩社区 党员先行",
            T3,
            "黄佳怡",
            "13601234567",
            "杨帆",
            31,
            3000,
        ),
        (
            "经济与管理学院党委",
            "经管本科第二党支部",
            "学业互助 党员先行",
            T2,
            "许诺",
            "13601230002",
            "冯蕾",
            16,
            1000,
        ),
        (
            "经济与管理学院党委",
            "金融本科党支部",
            "红色金融史研学",
            T1,
            "曹阳",
            "13601230003",
            "邓晖",
            12,
            2000,
        ),
        (
            "经济与管理学院党委",
            "会计2024级研究生党支部",
            "入党积极分子培养“一人一档”",
            T5,
            "彭丽",
            "13601230004",
            "魏东",
            20,
            1500,
        ),
    ];
    let (bytes, first) = summary_xlsx(
        "Sheet1",
        "经济与管理学院党委学生党支部“对标争先”建设项目申报汇总表",
        None,
        cols,
        &rows,
        false,
        true,
    );
    out.file(K, "02-reordered-columns", "xlsx", &bytes);
    let exp = sum_expected(&rows, "", "Sheet1", first);
    out.expected(K, "02-reordered-columns", exp.clone(), &[], "columns in another order with synonyms (党支部名称/负责人/板块/申请金额/所属党委/指导教师), no 填报单位 line");
    out.expected(
        K,
        "05-legacy-xls",
        exp,
        &[],
        "02-reordered-columns saved as Excel 97 .xls by LibreOffice (scripts/zoo-legacy.sh)",
    );

    // 03 no committee column: committee from the title
    let cols: &[(&str, usize)] = &[
        ("序号", 9),
        ("支部名称", 1),
        ("项目名称", 2),
        ("申报板块", 3),
        ("项目负责人", 4),
        ("联系电话", 5),
        ("申请经费(元)", 8),
    ];
    let rows: Vec<SumRow> = vec![
        (
            "",
            "电子信息本科第一党支部",
            "“芯”火相传",
            T5,
            "罗斌",
            "13915550001",
            "",
            0,
            2000,
        ),
        (
            "",
            "通信工程研究生党支部",
            "5G进社区",
            T3,
            "任静",
            "13915550002",
            "",
            0,
            3000,
        ),
    ];
    let (bytes, first) = summary_xlsx(
        "电子信息学院",
        "电子信息学院党委学生党支部“对标争先”建设项目申报汇总表",
        None,
        cols,
        &rows,
        false,
        true,
    );
    out.file(K, "03-committee-from-title", "xlsx", &bytes);
    out.expected(K, "03-committee-from-title", sum_expected(&rows, "电子信息学院党委", "电子信息学院", first), &[], "no committee column and no 填报单位 line: the committee comes from the merged title row `电子信息学院党委学生党支部…汇总表`");

    // 04 money as text, committee from the 填报单位 line
    let cols: &[(&str, usize)] = &[
        ("序号", 9),
        ("党支部名称", 1),
        ("项目名称", 2),
        ("项目类别", 3),
        ("项目负责人", 4),
        ("指导老师", 6),
        ("申请经费", 8),
        ("备注", 10),
    ];
    let rows: Vec<SumRow> = vec![
        (
            "",
            "英语系本科生党支部",
            "“译”路同行 薪火相传",
            T5,
            "刘婷",
            "",
            "陈静",
            0,
            3000,
        ),
        (
            "",
            "日语系学生党支部",
            "中日青年交流中的中国故事",
            T1,
            "胡月",
            "",
            "田中",
            0,
            800,
        ),
        (
            "",
            "翻译硕士党支部",
            "志愿翻译服务社区",
            T3,
            "姜楠",
            "",
            "钟声",
            0,
            2500,
        ),
    ];
    let (bytes, first) = summary_xlsx(
        "Sheet1",
        "2025年学生党支部“对标争先”建设项目申报汇总表",
        Some("填报单位：外国语学院党委  联系人：方老师  电话：0510-85919999"),
        cols,
        &rows,
        true,
        true,
    );
    out.file(K, "04-money-as-text", "xlsx", &bytes);
    out.expected(K, "04-money-as-text", sum_expected(&rows, "外国语学院党委", "Sheet1", first), &[], "money as text `3,000元` / `800元` (and a text 合计 row); no committee column: the committee comes from the `填报单位：外国语学院党委 联系人：…` line; track column headed 项目类别");
}

// ───────────────────────────── Activity logs ─────────────────────────────

/// (date iso, date as written ("" = Excel date cell, "#" = serial number), branch, partner,
/// partner kind written, expected, kind written, expected, topic, participants, place, effect)
type Act = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
);

/// `committee`: the committee column's value, when the log has one (else not compared).
fn act_expected(rows: &[Act], sheet: &str, first_row: usize, committee: Option<&str>) -> Value {
    Value::Array(
        rows.iter()
            .enumerate()
            .map(|(i, a)| {
                let mut v = json!({
                    "date": a.0, "branch": a.2, "partner": a.3, "partner_kind": a.5,
                    "kind": a.7, "topic": a.8, "participants": a.9, "place": a.10,
                    "effect": a.11, "sheet": sheet, "row": first_row + i,
                });
                if let Some(c) = committee {
                    v["committee"] = json!(c);
                }
                v
            })
            .collect(),
    )
}

/// Columns by header and field index: 0 date, 1 branch, 2 partner, 3 partner kind,
/// 4 kind, 5 topic, 6 participants, 7 place, 8 effect, 9 committee (given), 10 seq.
fn activity_xlsx(
    sheet: &str,
    heading: Option<&str>,
    cols: &[(&str, usize)],
    rows: &[Act],
    committee: &str,
) -> (Vec<u8>, usize) {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let mut r = 0u32;
    if let Some(h) = heading {
        merge(ws, 0, 0, 0, cols.len() as u16 - 1, h);
        r = 1;
    }
    for (i, (h, _)) in cols.iter().enumerate() {
        ws_str(ws, r, i as u16, h);
    }
    r += 1;
    let first = r as usize + 1;
    for (n, a) in rows.iter().enumerate() {
        for (i, (_, f)) in cols.iter().enumerate() {
            let col = i as u16;
            match f {
                0 => match a.1 {
                    "" => {
                        ws.write_datetime_with_format(
                            r,
                            col,
                            &xdate(a.0),
                            &Format::new().set_num_format("yyyy-mm-dd"),
                        )
                        .unwrap();
                    }
                    "#" => {
                        let serial = xdate(a.0).to_excel();
                        ws.write_number(r, col, serial).unwrap();
                    }
                    w => ws_str(ws, r, col, w),
                },
                1 => ws_str(ws, r, col, a.2),
                2 => ws_str(ws, r, col, a.3),
                3 => ws_str(ws, r, col, a.4),
                4 => ws_str(ws, r, col, a.6),
                5 => ws_str(ws, r, col, a.8),
                6 => {
                    ws.write_number(r, col, a.9 as f64).unwrap();
                }
                7 => ws_str(ws, r, col, a.10),
                8 => ws_str(ws, r, col, a.11),
                9 => ws_str(ws, r, col, committee),
                10 => {
                    ws.write_number(r, col, (n + 1) as f64).unwrap();
                }
                _ => {}
            }
        }
        r += 1;
    }
    ws.set_column_width(0, 14).unwrap();
    (wb.save_to_buffer().unwrap(), first)
}

fn activities(out: &mut Out) {
    const K: &str = "activity_log";
    let rows: Vec<Act> = vec![
        (
            "2025-10-21",
            "",
            "党委办公室党支部",
            "机械设计教工党支部",
            "“双带头人”教师党支部",
            "“双带头人”教师党支部",
            "学习讨论",
            "学习讨论",
            "联学二十届四中全会精神",
            24,
            "行政楼301会议室",
            "形成学习体会12篇",
        ),
        (
            "2025-11-12",
            "",
            "党委办公室党支部",
            "太湖街道清风社区党委",
            "校外党支部",
            "校外党支部",
            "党课",
            "党课",
            "书记讲党课：机关作风建设",
            30,
            "清风社区党群服务中心",
            "社区党员参加10人",
        ),
        (
            "2025-12-05",
            "",
            "党委办公室党支部",
            "太湖街道清风社区党委",
            "校外党支部",
            "校外党支部",
            "主题实践",
            "主题实践",
            "社区志愿服务主题党日",
            18,
            "清风社区",
            "服务居民50余人次",
        ),
    ];
    let cols: &[(&str, usize)] = &[
        ("序号", 10),
        ("日期", 0),
        ("所属党委", 9),
        ("发起支部", 1),
        ("共建支部", 2),
        ("共建支部类型", 3),
        ("活动类型", 4),
        ("活动主题", 5),
        ("参加人数", 6),
        ("地点", 7),
        ("成效简述", 8),
    ];
    let (bytes, first) = activity_xlsx(
        "活动记录",
        Some("2025年结对共建活动记录表"),
        cols,
        &rows,
        "机关党委",
    );
    out.file(K, "01-standard", "xlsx", &bytes);
    out.expected(K, "01-standard", act_expected(&rows, "活动记录", first, Some("机关党委")), &[], "the FORMS §1.5 columns in order plus 序号 and a 所属党委 column, merged title row, dates as Excel date cells");

    // 02 reordered + synonyms + text dates (also .xls as 04)
    let rows: Vec<Act> = vec![
        (
            "2025-10-12",
            "2025年10月12日",
            "组织部党支部",
            "电子信息学院教工第一党支部",
            "学院教师党支部",
            "学院教师党支部",
            "专题党课",
            "党课",
            "党支部书记讲党课",
            26,
            "电子信息学院报告厅",
            "教师党员反响良好",
        ),
        (
            "2025-11-05",
            "2025.11.5",
            "组织部党支部",
            "蠡湖社区党委",
            "社区党组织（校外）",
            "校外党支部",
            "调研走访",
            "调研走访",
            "社区党建工作调研",
            8,
            "蠡湖社区",
            "形成调研报告",
        ),
        (
            "2025-12-03",
            "2025/12/3",
            "组织部党支部",
            "计算机学院人工智能教工党支部",
            "“双带头人”教师党支部",
            "“双带头人”教师党支部",
            "志愿服务",
            "志愿服务",
            "校园开放日志愿服务",
            15,
            "图书馆广场",
            "服务访客300余人",
        ),
    ];
    let cols: &[(&str, usize)] = &[
        ("活动名称", 5),
        ("活动时间", 0),
        ("本支部", 1),
        ("结对支部", 2),
        ("结对支部类型", 3),
        ("活动形式", 4),
        ("活动地点", 7),
        ("参与人数", 6),
        ("活动成效", 8),
    ];
    let (bytes, first) = activity_xlsx("Sheet1", None, cols, &rows, "");
    out.file(K, "02-reordered-text-dates", "xlsx", &bytes);
    let exp = act_expected(&rows, "Sheet1", first, None);
    out.expected(K, "02-reordered-text-dates", exp.clone(), &[], "columns reordered with synonyms (活动名称/活动时间/本支部/结对支部/结对支部类型/活动形式/活动地点/参与人数/活动成效), header in the first row, dates as text (`2025年10月12日`, `2025.11.5`, `2025/12/3`), kind `专题党课` → 党课, partner kind `社区党组织（校外）` → 校外党支部, no committee column");
    out.expected(
        K,
        "04-legacy-xls",
        exp,
        &[],
        "02-reordered-text-dates saved as Excel 97 .xls by LibreOffice (scripts/zoo-legacy.sh)",
    );

    // 03 no committee column, year-less dates and serial numbers
    let rows: Vec<Act> = vec![
        (
            "2025-10-09",
            "10月9日",
            "财务处党支部",
            "商学院会计系教工党支部",
            "教工党支部",
            "学院教师党支部",
            "学习讨论",
            "学习讨论",
            "联学《预算法》",
            20,
            "财务处会议室",
            "形成问答手册",
        ),
        (
            "2025-11-20",
            "#",
            "财务处党支部",
            "无锡市某会计师事务所党支部",
            "企业党支部",
            "校外党支部",
            "调研走访",
            "调研走访",
            "走访事务所学习数字化报销",
            6,
            "事务所",
            "引入电子票据做法",
        ),
        (
            "2025-12-16",
            "#",
            "财务处党支部",
            "商学院会计系教工党支部",
            "教工党支部",
            "学院教师党支部",
            "主题实践",
            "主题实践",
            "“财务进学院”咨询日",
            12,
            "商学院大厅",
            "解答咨询80余次",
        ),
    ];
    let cols: &[(&str, usize)] = &[
        ("日期", 0),
        ("发起支部", 1),
        ("共建支部名称", 2),
        ("支部类型", 3),
        ("类型", 4),
        ("主题", 5),
        ("人数", 6),
        ("地点", 7),
        ("成效", 8),
    ];
    let (bytes, first) = activity_xlsx(
        "财务处",
        Some("财务处党支部结对共建活动台账"),
        cols,
        &rows,
        "",
    );
    out.file(K, "03-no-committee-serial-dates", "xlsx", &bytes);
    out.expected(K, "03-no-committee-serial-dates", act_expected(&rows, "财务处", first, None), &[], "no committee column; dates as `10月9日` (year from the config) and as bare Excel serial numbers; short headers 类型/主题/人数/成效/支部类型; kinds 教工党支部/企业党支部");

    // 05 two logs in one workbook sheet? no: a sheet with blank rows and a totals line
    let rows: Vec<Act> = vec![
        (
            "2025-10-25",
            "",
            "图书馆党支部",
            "人文学院中文系教工党支部",
            "学院教师党支部",
            "学院教师党支部",
            "学习讨论",
            "学习讨论",
            "红色经典读书会",
            22,
            "图书馆报告厅",
            "推荐书目20种",
        ),
        (
            "2025-11-18",
            "",
            "图书馆党支部",
            "无锡市图书馆党支部",
            "校外党支部",
            "校外党支部",
            "党课",
            "党课",
            "“典籍里的初心”专题党课",
            35,
            "无锡市图书馆",
            "两馆共建红色书架",
        ),
        (
            "2025-12-10",
            "",
            "图书馆党支部",
            "无锡市图书馆党支部",
            "校外党支部",
            "校外党支部",
            "其他",
            "其他",
            "年度共建总结会",
            10,
            "图书馆会议室",
            "签订下一年度共建计划",
        ),
        (
            "2025-12-20",
            "2025年12月20日",
            "图书馆党支部",
            "人文学院中文系教工党支部",
            "学院教师党支部",
            "学院教师党支部",
            "调研走访",
            "调研走访",
            "走访学院调研阅读需求",
            9,
            "人文学院",
            "新增院系资料室2个",
        ),
    ];
    let cols: &[(&str, usize)] = &[
        ("序号", 10),
        ("发起支部", 1),
        ("活动日期", 0),
        ("活动主题", 5),
        ("活动类型", 4),
        ("共建支部", 2),
        ("共建支部类型", 3),
        ("参加人数", 6),
        ("活动地点", 7),
        ("成效简述", 8),
        ("所属党委", 9),
    ];
    let (bytes, first) = activity_xlsx(
        "2025年",
        Some("图书馆党支部2025年结对共建活动记录表"),
        cols,
        &rows,
        "机关党委",
    );
    out.file(K, "05-mixed-date-cells", "xlsx", &bytes);
    out.expected(K, "05-mixed-date-cells", act_expected(&rows, "2025年", first, Some("机关党委")), &[], "date cells and a text date in one column, kind 其他, branch column before the date, committee column last");
}

// ───────────────────────────── Review sheets ─────────────────────────────

/// (committee, branch, title, level written, level expected, approved written ("" none,
/// "#n" number n yuan, else text), approved yuan expected, comment)
type Rev = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<i64>,
    &'static str,
);

fn reviews(out: &mut Out) {
    const K: &str = "review";
    let layouts: [(&str, &str, &str, Vec<(&str, usize)>, Vec<Rev>, &str); 2] = [
        (
            "01-filled-review",
            "评审结果",
            "2025年学生党支部“对标争先”建设项目评审表",
            vec![
                ("序号", 9),
                ("学院", 0),
                ("支部名称", 1),
                ("项目名称", 2),
                ("评审等级", 3),
                ("核定经费", 5),
                ("评审意见", 7),
            ],
            vec![
                (
                    "机械工程学院",
                    "机械本科第一党支部",
                    "“机”智青年理论宣讲团",
                    "重点项目",
                    Some("重点项目"),
                    "#5000",
                    Some(5000),
                    "方案扎实",
                ),
                (
                    "机械工程学院",
                    "机械2023级研究生党支部",
                    "“双师领航”科研启蒙计划",
                    "特色项目",
                    Some("特色项目"),
                    "#3000",
                    Some(3000),
                    "",
                ),
                (
                    "经济与管理学院",
                    "经管本科第二党支部",
                    "学业互助 党员先行",
                    "不予立项",
                    Some("不予立项"),
                    "",
                    None,
                    "与往年项目重复",
                ),
            ],
            "the review sheet as zhibu writes it, filled by reviewers: 评审等级 from the list, 核定经费 as numbers, empty for 不予立项",
        ),
        (
            "02-short-levels-text-money",
            "Sheet1",
            "",
            vec![
                ("所属党委", 0),
                ("党支部名称", 1),
                ("项目名称", 2),
                ("立项等级", 3),
                ("核定金额", 5),
                ("意见", 7),
            ],
            vec![
                (
                    "外国语学院党委",
                    "英语系本科生党支部",
                    "“译”路同行 薪火相传",
                    "特色",
                    Some("特色项目"),
                    "3000元",
                    Some(3000),
                    "同意",
                ),
                (
                    "外国语学院党委",
                    "日语系学生党支部",
                    "中日青年交流中的中国故事",
                    "一般",
                    Some("一般项目"),
                    "800",
                    Some(800),
                    "",
                ),
            ],
            "a hand-made review sheet: header in the first row, synonyms 立项等级/核定金额/意见, levels written short (`特色`, `一般`), approved money as text",
        ),
    ];
    for (name, sheet, heading, cols, rows, note) in layouts {
        let mut wb = workbook();
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        let mut r = 0u32;
        if !heading.is_empty() {
            merge(ws, 0, 0, 0, cols.len() as u16 - 1, heading);
            r = 1;
        }
        for (i, (h, _)) in cols.iter().enumerate() {
            ws_str(ws, r, i as u16, h);
        }
        r += 1;
        let first = r as usize + 1;
        for (n, row) in rows.iter().enumerate() {
            for (i, (_, f)) in cols.iter().enumerate() {
                let col = i as u16;
                match f {
                    0 => ws_str(ws, r, col, row.0),
                    1 => ws_str(ws, r, col, row.1),
                    2 => ws_str(ws, r, col, row.2),
                    3 => ws_str(ws, r, col, row.3),
                    5 => match row.5.strip_prefix('#') {
                        Some(num) => {
                            ws.write_number(r, col, num.parse::<f64>().unwrap())
                                .unwrap();
                        }
                        None => ws_str(ws, r, col, row.5),
                    },
                    7 => ws_str(ws, r, col, row.7),
                    9 => {
                        ws.write_number(r, col, (n + 1) as f64).unwrap();
                    }
                    _ => {}
                }
            }
            r += 1;
        }
        out.file(K, name, "xlsx", &wb.save_to_buffer().unwrap());
        let exp: Vec<Value> = rows
            .iter()
            .enumerate()
            .map(|(i, x)| {
                json!({
                    "committee": x.0, "branch": x.1, "title": x.2, "level": x.4,
                    "approved_fen": x.6.map(|y| y * 100), "comment": x.7,
                    "sheet": sheet, "row": first + i,
                })
            })
            .collect();
        out.expected(K, name, Value::Array(exp), &[], note);
    }
}

fn config() -> &'static str {
    r#"# Config of the layout zoo (tests/zoo.rs); written by `cargo run --example zoo`.
name = "2025年秋季学生党支部“对标争先”建设项目"
organiser = "党委学生工作部（学生处）"
school = "江南理工大学"
year = 2025
one_project_per_branch = true
case_max_chars = 2500

[[tracks]]
name = "学思践悟·固本强基"
aliases = ["学思践悟", "固本强基"]

[[tracks]]
name = "先锋领航·校园善治"
aliases = ["先锋领航", "校园善治"]

[[tracks]]
name = "党旗飘扬·社区聚力"
aliases = ["党旗飘扬", "社区聚力"]

[[tracks]]
name = "师生结对·双向赋能"
aliases = ["师生结对", "双向赋能"]

[[tracks]]
name = "育苗成长·薪火相传"
aliases = ["育苗成长", "薪火相传"]

[[levels]]
name = "重点项目"
cap_yuan = 5000

[[levels]]
name = "特色项目"
cap_yuan = 3000

[[levels]]
name = "一般项目"
cap_yuan = 1000

[deadlines]
application = "2025-09-27"
pairing = "2025-10-31"
"#
}

fn main() {
    let root: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/zoo"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("zhibu.toml"), config()).unwrap();
    let mut out = Out {
        root: root.clone(),
        count: 0,
    };
    applications(&mut out);
    pairings(&mut out);
    cases(&mut out);
    summaries(&mut out);
    activities(&mut out);
    reviews(&mut out);
    println!(
        "layout zoo: {} layouts written to {}",
        out.count,
        root.display()
    );
}
