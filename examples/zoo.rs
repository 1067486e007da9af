//! The layout zoo: realistic, messy forms in every layout class of issue #10,
//! each beside the values a correct reader must extract from it.
//!
//! Usage: `cargo run --release --example zoo` — (re)writes `tests/zoo/<kind>/`
//! deterministically (fixed document dates, no randomness). The legacy .doc /
//! .xls members of the zoo are converted from some of these files by
//! `scripts/zoo-legacy.sh` (LibreOffice); their expected JSON is written here.
//!
//! Expected JSON (checked by `tests/integration/zoo.rs`):
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

// ───────────────────────────── Second wave: applications ─────────────────────────────

/// One character per paragraph, as narrow label columns print their labels.
fn stack(s: &str) -> String {
    s.chars()
        .map(|ch| ch.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A14: a narrow label column whose labels stand one character per paragraph.
fn app_stacked(a: &App, members_w: &str) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(&stack(l)), c(v)]);
    let nested = |t: Table| {
        TableCell::new()
            .add_table(t)
            .add_paragraph(Paragraph::new())
    };
    let rows = vec![
        kv("支部名称", a.branch),
        kv("所属党委", a.committee),
        kv("党员人数", members_w),
        kv("申报板块", a.track_w),
        kv("项目名称", a.title),
        kv("负责人", a.leader_w),
        kv("职务", a.role),
        kv("联系电话", a.phone),
        kv("电子邮箱", a.email),
        kv("指导老师", a.advisor),
        kv("申请经费", a.money_w),
        kv("项目背景", a.background),
        kv("建设目标", a.goals),
        tr(vec![
            c(&stack("实施计划")),
            nested(plan_table(a, ["时间", "内容", "负责人"])),
        ]),
        tr(vec![
            c(&stack("经费预算")),
            nested(budget_table(
                a,
                ["支出项目", "金额（元）", "说明"],
                Some(("合计", &a.total_yuan().to_string())),
            )),
        ]),
        kv("预期成效", a.outcomes),
        kv("项目特色", a.features),
        kv("学院党委意见", a.opinion),
        kv("填表日期", a.date_w),
    ];
    pack(
        doc()
            .add_paragraph(title("学生党支部“对标争先”建设项目申请表"))
            .add_table(table(rows, &[700, 8300])),
    )
}

/// A15: every label and its value in ONE cell on two lines (no colon), two per row.
fn app_two_line_cells(a: &App) -> Vec<u8> {
    let two = |l1: &str, v1: &str, l2: &str, v2: &str| {
        tr(vec![c(&format!("{l1}\n{v1}")), c(&format!("{l2}\n{v2}"))])
    };
    let full = |l: &str, v: &str| tr(vec![cs(&format!("{l}\n{v}"), 2)]);
    let nested_after = |label: &str, t: Table| {
        TableCell::new()
            .add_paragraph(p(label))
            .add_table(t)
            .add_paragraph(Paragraph::new())
            .grid_span(2)
    };
    let rows = vec![
        two("支部名称", a.branch, "所属党委", a.committee),
        two("党员人数", &a.members.to_string(), "申报板块", a.track_w),
        full("项目名称", a.title),
        two("项目负责人", a.leader_w, "职务", a.role),
        two("联系电话", a.phone, "电子邮箱", a.email),
        two("指导老师", a.advisor, "申请经费（元）", a.money_w),
        full("项目背景", a.background),
        full("建设目标", a.goals),
        tr(vec![nested_after(
            "实施计划",
            plan_table(a, ["时间", "内容", "负责人"]),
        )]),
        tr(vec![nested_after(
            "经费预算明细",
            budget_table(
                a,
                ["支出项目", "金额（元）", "说明"],
                Some(("合计", &a.total_yuan().to_string())),
            ),
        )]),
        full("预期成效", a.outcomes),
        full("项目特色", a.features),
        full("学院党委意见", a.opinion),
        full("填表日期", a.date_w),
    ];
    pack(
        doc()
            .add_paragraph(title("学生党支部“对标争先”建设项目申请表"))
            .add_table(table(rows, &[4500, 4500])),
    )
}

/// A17: main table, then plan and budget tables with a 序号 column, the budget
/// under a `三、经费预算` paragraph with the template's empty rows left in and a
/// 合计 cell spanning 序号 and item.
fn app_seq_tables(a: &App, empty_rows: usize) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), c(v)]);
    let rows = vec![
        kv("党支部名称", a.branch),
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
        kv("预期成效", a.outcomes),
    ];
    let mut plan = vec![tr(vec![c("序号"), c("时间"), c("工作内容"), c("负责人")])];
    for (n, (t, ct, pe)) in a.plan.iter().enumerate() {
        plan.push(tr(vec![c(&(n + 1).to_string()), c(t), c(ct), c(pe)]));
    }
    let mut budget = vec![tr(vec![
        c("序号"),
        c("支出项目"),
        c("金额（元）"),
        c("测算说明"),
    ])];
    let n = a.budget.len();
    for (k, (i, _, w, note)) in a.budget.iter().enumerate() {
        budget.push(tr(vec![c(&(k + 1).to_string()), c(i), c(w), c(note)]));
    }
    for k in 0..empty_rows {
        budget.push(tr(vec![c(&(n + k + 1).to_string()), c(""), c(""), c("")]));
    }
    budget.push(tr(vec![
        cs("合计", 2),
        c(&a.total_yuan().to_string()),
        c(""),
    ]));
    pack(
        doc()
            .add_paragraph(title("“对标争先”建设项目申请表"))
            .add_paragraph(p("一、基本信息"))
            .add_table(table(rows, G2))
            .add_paragraph(p(""))
            .add_paragraph(pb("二、实施计划"))
            .add_table(table(plan, &[800, 1800, 4000, 1400]))
            .add_paragraph(p(""))
            .add_paragraph(pb("三、经费预算"))
            .add_table(table(budget, &[800, 2400, 1600, 3200]))
            .add_paragraph(p(""))
            .add_paragraph(p(&format!("填表日期：{}", a.date_w))),
    )
}

/// The rows of a 4-column application table (used framed and with a title row).
fn four_rows(a: &App, heading_rows: bool) -> Vec<TableRow> {
    let head = |t: &str| tr(vec![cs(t, 4)]);
    let mut rows = Vec::new();
    if heading_rows {
        rows.push(head("项目基本信息"));
    }
    rows.push(tr(vec![
        c("支部名称"),
        c(a.branch),
        c("所属党委"),
        c(a.committee),
    ]));
    rows.push(tr(vec![
        c("党员人数"),
        c(&a.members.to_string()),
        c("申报板块"),
        c(a.track_w),
    ]));
    rows.push(tr(vec![c("项目名称"), cs(a.title, 3)]));
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
    rows.push(tr(vec![
        c("指导老师"),
        c(a.advisor),
        c("申请经费"),
        c(a.money_w),
    ]));
    if heading_rows {
        rows.push(head("项目建设内容"));
    }
    rows.push(tr(vec![c("项目背景"), cs(a.background, 3)]));
    rows.push(tr(vec![c("建设目标"), cs(a.goals, 3)]));
    if heading_rows {
        rows.push(head("实施计划"));
        rows.push(tr(vec![c("时间"), cs("内容", 2), c("负责人")]));
        for (t, ct, pe) in &a.plan {
            rows.push(tr(vec![c(t), cs(ct, 2), c(pe)]));
        }
        rows.push(head("经费预算明细"));
        rows.push(tr(vec![c("支出项目"), c("金额（元）"), cs("说明", 2)]));
        for (i, _, w, n) in &a.budget {
            rows.push(tr(vec![c(i), c(w), cs(n, 2)]));
        }
        rows.push(tr(vec![
            c("合计"),
            c(&a.total_yuan().to_string()),
            cs("", 2),
        ]));
    } else {
        rows.extend(merged_block(
            "实施计划",
            ["时间", "内容", "负责人"],
            plan_items(a),
        ));
        rows.extend(merged_block(
            "经费预算明细",
            ["支出项目", "金额（元）", "说明"],
            budget_items(a, Some(&a.total_yuan().to_string())),
        ));
    }
    rows.push(tr(vec![c("预期成效"), cs(a.outcomes, 3)]));
    rows.push(tr(vec![c("项目特色"), cs(a.features, 3)]));
    if heading_rows {
        rows.push(head("审核意见"));
    }
    rows.push(tr(vec![c("学院党委意见"), cs(a.opinion, 3)]));
    rows.push(tr(vec![c("填表日期"), cs(a.date_w, 3)]));
    rows
}

/// A18: an outer frame — a 1-cell table — with the real 4-column table nested inside.
fn app_framed(a: &App) -> Vec<u8> {
    let inner = table(four_rows(a, false), &[1600, 2600, 1600, 2600]);
    let frame = table(
        vec![tr(vec![
            TableCell::new()
                .add_paragraph(p("学生党支部“对标争先”建设项目申请表"))
                .add_table(inner)
                .add_paragraph(Paragraph::new()),
        ])],
        &[9000],
    );
    pack(doc().add_table(frame))
}

/// A19: a title paragraph, then a table whose first row is a merged `项目基本信息`
/// row, with `项目建设内容` / `实施计划` / `经费预算明细` / `审核意见` group rows.
fn app_title_row(a: &App) -> Vec<u8> {
    pack(
        doc()
            .add_paragraph(title("2025年学生党支部“对标争先”建设项目申报书"))
            .add_table(table(four_rows(a, true), G4)),
    )
}

/// A20: no 申请经费 field at all: the amount is only the budget's 合计 row.
fn app_total_only(a: &App) -> Vec<u8> {
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
        kv("项目背景", a.background),
        kv("建设目标", a.goals),
        tr(vec![
            c("实施计划"),
            nested(plan_table(a, ["时间", "内容", "负责人"])),
        ]),
        tr(vec![
            c("经费预算明细"),
            nested(budget_table(
                a,
                ["支出项目", "金额（元）", "说明"],
                Some(("合计", &a.total_yuan().to_string())),
            )),
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

/// A21: labels with notes in brackets (`指导教师（学生党支部填写）`,
/// `联系电话（手机）`), no 支部类型 row, plan and budget in the main table under
/// labels `进度安排` and `预算明细` with their own header rows.
fn app_bracket_labels(a: &App) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), cs(v, 3)]);
    let mut rows = vec![
        kv("申报支部", a.branch),
        kv("所属基层党委", a.committee),
        tr(vec![
            c("党员人数"),
            c(&a.members.to_string()),
            c("申报板块"),
            c(a.track_w),
        ]),
        kv("项目名称", a.title),
        tr(vec![
            c("项目负责人"),
            c(a.leader_w),
            c("负责人职务"),
            c(a.role),
        ]),
        tr(vec![
            c("联系电话（手机）"),
            c(a.phone),
            c("电子邮箱"),
            c(a.email),
        ]),
        tr(vec![
            c("指导教师（学生党支部填写）"),
            c(a.advisor),
            c("申请金额（元）"),
            c(a.money_w),
        ]),
        kv("立项依据", a.background),
        kv("项目目标", a.goals),
        tr(vec![vr("进度安排"), c("时间"), c("内容"), c("负责人")]),
    ];
    for (t, ct, pe) in &a.plan {
        rows.push(tr(vec![vc(), c(t), c(ct), c(pe)]));
    }
    rows.push(tr(vec![vr("预算明细"), c("用途"), c("金额"), c("备注")]));
    for (i, _, w, n) in &a.budget {
        rows.push(tr(vec![vc(), c(i), c(w), c(n)]));
    }
    rows.push(tr(vec![
        vc(),
        c("合计"),
        c(&a.total_yuan().to_string()),
        c(""),
    ]));
    rows.push(kv("预期成果", a.outcomes));
    rows.push(kv("基层党委意见", a.opinion));
    rows.push(kv("申报日期", a.date_w));
    pack(
        doc()
            .add_paragraph(title("学生党支部建设项目立项申报表"))
            .add_table(table(rows, G4)),
    )
}

fn applications2(out: &mut Out) {
    const K: &str = "application";
    // 14 ─ stacked label characters (also .doc as 23)
    let a14 = App {
        branch: "自动化本科第一党支部",
        committee: "物联网工程学院党委",
        kind: "学生",
        members: 18,
        track: T1,
        track_w: "学思践悟·固本强基",
        title: "“物联”青年读原著",
        leader: "郭凯",
        leader_w: "郭凯",
        role: "支部书记",
        phone: "0510-85912345 / 13912345678",
        email: "guokai@jnlg.edu.cn",
        advisor: "潘越",
        fen: 300000,
        money_w: "3000元（大写：叁仟元整）",
        budget: vec![
            ("原著及辅导读物", 1300, "1300", "《共产党宣言》等40册"),
            ("读书分享会", 900, "900", "4期"),
            ("研学交通", 800, "800", "赴无锡革命陈列馆"),
        ],
        background: "支部党员专业课程负担重，理论学习停留在听报告，读原著、学原文不够。",
        goals: "组织党员精读3部经典原著，每月1次读书分享，带动入党积极分子共同学习。",
        plan: vec![
            ("2025年10月", "成立读书小组，制定共读书目", "郭凯"),
            ("2025年11月", "读书分享会两期", "沈璐"),
            ("2025年12月", "赴无锡革命陈列馆研学，撰写心得", "郭凯"),
        ],
        outcomes: "形成读书笔记40篇、心得汇编1册。",
        features: "以读原著为主线，党员带积极分子共读。",
        opinion: "同意申报。",
        date: "2025-09-24",
        date_w: "2025年9月24日",
    };
    out.file(
        K,
        "14-stacked-label-chars",
        "docx",
        &app_stacked(&a14, "18人（其中预备党员2人）"),
    );
    let note14 = "a narrow label column whose labels stand one character per paragraph (`项\\n目\\n名\\n称`); 联系电话 holds two numbers `0510-85912345 / 13912345678` (kept as written, no bad_phone); 申请经费 `3000元（大写：叁仟元整）`; 党员人数 `18人（其中预备党员2人）`; the budget under a stacked `经费预算` label with a 合计 row";
    out.expected(
        K,
        "14-stacked-label-chars",
        a14.expected_total(Some(300000)),
        &[],
        note14,
    );
    out.expected(
        K,
        "23-legacy-stacked-labels",
        a14.expected_total(Some(300000)),
        &[],
        "14-stacked-label-chars saved as Word 97 .doc by LibreOffice (scripts/zoo-legacy.sh)",
    );

    // 15 ─ label and value in one cell on two lines
    let a = App {
        branch: "法学本科生党支部",
        committee: "法学院党委",
        kind: "学生",
        members: 16,
        track: T3,
        track_w: "党旗飘扬·社区聚力",
        title: "“法”润社区 党员普法行",
        leader: "邹静",
        leader_w: "邹静",
        role: "支部书记",
        phone: "13815556677",
        email: "zoujing@jnlg.edu.cn",
        advisor: "卢伟",
        fen: 250000,
        money_w: "2500",
        budget: vec![
            ("普法宣传册印制", 1000, "1000", "500册"),
            ("社区法律咨询物料", 800, "800", "展架、桌签"),
            ("志愿者保险", 700, "700", "35人"),
        ],
        background: "周边老旧社区老年居民多，遇到电信诈骗、赡养纠纷时缺少法律咨询渠道。",
        goals: "党员每月到社区开展一次普法宣传和法律咨询，建立居民法律需求台账。",
        plan: vec![
            ("2025年10月", "对接社区党委，摸排居民法律需求", "邹静"),
            ("2025年11月", "防范电信诈骗普法宣讲", "吕航"),
            ("2025年12月", "法律咨询日及总结", "邹静"),
        ],
        outcomes: "开展普法宣讲3场、咨询服务居民150人次，形成需求台账1份。",
        features: "专业所长服务社区所需。",
        opinion: "同意推荐。",
        date: "2025-09-23",
        date_w: "2025年9月23日",
    };
    out.file(
        K,
        "15-label-value-two-lines",
        "docx",
        &app_two_line_cells(&a),
    );
    out.expected(
        K,
        "15-label-value-two-lines",
        a.expected_total(Some(250000)),
        &[],
        "every label and its value in ONE cell on two lines without a colon (`支部名称` newline `法学本科生党支部`), two per row; long texts the same in full-width cells; plan and budget tables nested after a label paragraph without colon",
    );

    // 16 ─ blank-form placeholders left unfilled, track in quotes with 、
    let mut a = App {
        branch: "数学本科第二党支部",
        committee: "理学院党委",
        kind: "学生",
        members: 11,
        track: T2,
        track_w: "“先锋领航、校园善治”",
        title: "数学党员学业诊所",
        leader: "蔡雯",
        leader_w: "蔡雯",
        role: "支部书记",
        phone: "15951234567",
        email: "caiwen@jnlg.edu.cn",
        advisor: "范力",
        fen: 150000,
        money_w: "1500",
        budget: vec![
            ("答疑资料印制", 500, "500", ""),
            ("学业诊所场地布置", 400, "400", ""),
            ("优秀答疑员奖励", 600, "600", "证书及奖品"),
        ],
        background: "高等数学、线性代数挂科率居高不下，低年级学生答疑需求集中在考前。",
        goals: "党员每周两晚在学业诊所坐班答疑，考前开设专题串讲。",
        plan: vec![
            ("10月", "学业诊所开诊，排定坐班表", "蔡雯"),
            ("11月", "期中专题串讲", "孟可"),
            ("12月", "期末专题串讲及总结", "蔡雯"),
        ],
        outcomes: "答疑服务500人次，低年级数学课程通过率提升10个百分点。",
        features: "",
        opinion: "签字（盖章）：\n年    月    日",
        date: "",
        date_w: "        年     月     日",
    };
    out.file(
        K,
        "16-blank-placeholders",
        "docx",
        &app_four(&a, None, true, "1500"),
    );
    a.opinion = "";
    let mut exp = a.expected_total(Some(150000));
    exp["filled_on"] = Value::Null;
    out.expected(
        K,
        "16-blank-placeholders",
        exp,
        &[],
        "a blank-form placeholder left unfilled: 填表日期 `        年     月     日` (filled_on null, NO bad_date, not late) and 学院党委意见 only the printed `签字（盖章）：` / `年 月 日` (opinion empty); track written `“先锋领航、校园善治”` (quotes, 、 as the separator)",
    );

    // 17 ─ 序号 columns, template rows left empty, time range, `三、经费预算`
    let a = App {
        branch: "生物工程本科党支部",
        committee: "生物工程学院党委",
        kind: "学生",
        members: 14,
        track: T5,
        track_w: "育苗成长·薪火相传",
        title: "“微”光成炬 培养链条",
        leader: "顾瑶",
        leader_w: "顾瑶",
        role: "支部副书记",
        phone: "13921110033",
        email: "guyao@jnlg.edu.cn",
        advisor: "秦川",
        fen: 200000,
        money_w: "2000",
        budget: vec![
            ("积极分子培训资料", 700, "700", "35套"),
            ("实践基地交通", 900, "900", "往返大巴1次"),
            ("结业考核及证书", 400, "400", ""),
        ],
        background: "支部入党积极分子35名，培养考察以谈话为主，缺少实践环节。",
        goals: "建立“培训—实践—考核”三段式培养链条，积极分子全员参与。",
        plan: vec![
            ("2025年10月—11月", "分两期开展积极分子集中培训", "顾瑶"),
            ("2025年11月", "赴实践基地开展志愿服务", "乔木"),
            ("2025年12月", "结业考核与表彰", "顾瑶"),
        ],
        outcomes: "积极分子结业率100%，形成培养档案35份。",
        features: "",
        opinion: "",
        date: "2025-09-25",
        date_w: "2025年9月25日",
    };
    out.file(
        K,
        "17-seq-columns-template-rows",
        "docx",
        &app_seq_tables(&a, 2),
    );
    out.expected(
        K,
        "17-seq-columns-template-rows",
        a.expected_total(Some(200000)),
        &[],
        "plan and budget tables after the main table with a 序号 first column; the budget under a `三、经费预算` paragraph (not 经费预算明细) with the template's two empty rows (序号 4, 5 only) left in and a 合计 cell merged over 序号 and item; plan time `2025年10月—11月` (em-dash range); paragraph `一、基本信息` above the main table",
    );

    // 18 ─ outer frame table
    let a = App {
        branch: "化学2024级研究生党支部",
        committee: "化学化工学院党委",
        kind: "学生",
        members: 23,
        track: T4,
        track_w: "师生结对·双向赋能",
        title: "实验室安全师生共建",
        leader: "邵峰",
        leader_w: "邵峰",
        role: "支部书记",
        phone: "18951230077",
        email: "shaofeng@jnlg.edu.cn",
        advisor: "姚琴",
        fen: 300000,
        money_w: "3000",
        budget: vec![
            ("安全培训讲座", 1200, "1200", "3场"),
            ("应急演练物料", 1000, "1000", ""),
            ("安全手册编印", 800, "800", "200册"),
        ],
        background: "研究生新生进入实验室快，安全培训以自学为主。",
        goals: "与教工党支部结对，开展安全培训、应急演练，编印实验室安全手册。",
        plan: vec![
            ("2025年10月", "结对签约，开展安全培训讲座", "邵峰"),
            ("2025年11月", "实验室应急演练", "田甜"),
            ("2025年12月", "编印安全手册", "邵峰"),
        ],
        outcomes: "研一新生安全培训全覆盖，编印手册200册。",
        features: "师生共建安全文化。",
        opinion: "同意。",
        date: "2025-09-26",
        date_w: "2025-9-26",
    };
    out.file(K, "18-outer-frame-table", "docx", &app_framed(&a));
    out.expected(
        K,
        "18-outer-frame-table",
        a.expected_total(Some(300000)),
        &[],
        "the whole form inside an outer frame: a 1-cell table whose cell holds the title paragraph and the real 4-column table (vertically merged plan/budget label columns) nested inside; date 2025-9-26",
    );

    // 19 ─ merged title row 项目基本信息 and group rows
    let a = App {
        branch: "纺织工程本科党支部",
        committee: "纺织科学与工程学院党委",
        kind: "学生",
        members: 13,
        track: T1,
        track_w: "固本强基",
        title: "“纺”心向党 匠心传承",
        leader: "屠青",
        leader_w: "屠青",
        role: "支部书记",
        phone: "13771239876",
        email: "tuqing@jnlg.edu.cn",
        advisor: "蒋蓉",
        fen: 200000,
        money_w: "2000",
        budget: vec![
            ("非遗工坊研学", 1200, "1200", "宋锦工坊"),
            ("学习资料", 800, "800", ""),
        ],
        background: "支部党员对行业发展历史了解不多，专业认同感有待提升。",
        goals: "结合纺织非遗开展理论学习和研学，讲好行业故事。",
        plan: vec![
            ("2025年10月", "行业发展史专题学习", "屠青"),
            ("2025年11月", "赴宋锦工坊研学", "钟琪"),
        ],
        outcomes: "形成研学报告1份、微党课视频2个。",
        features: "",
        opinion: "同意。",
        date: "2025-09-21",
        date_w: "2025年9月21日",
    };
    out.file(K, "19-merged-title-row", "docx", &app_title_row(&a));
    out.expected(
        K,
        "19-merged-title-row",
        a.expected_total(Some(200000)),
        &[],
        "a title paragraph, then a table whose FIRST row is a merged `项目基本信息` row; group rows `项目建设内容`, `实施计划`, `经费预算明细`, `审核意见` (merged, no text of their own); empty 项目特色 cell",
    );

    // 20 ─ requested money only in the budget's 合计 row
    let a = App {
        branch: "食品科学研究生第一党支部",
        committee: "食品学院党委",
        kind: "学生",
        members: 21,
        track: T3,
        track_w: "社区聚力",
        title: "“食”刻守护社区餐桌",
        leader: "冉冉",
        leader_w: "冉冉",
        role: "支部书记",
        phone: "15061231234",
        email: "ranran@jnlg.edu.cn",
        advisor: "尹建华",
        fen: 280000,
        money_w: "",
        budget: vec![
            ("食品安全检测试剂", 1500, "1500", "快检试剂盒"),
            ("社区科普展板", 800, "800", ""),
            ("科普手册", 500, "500", "300册"),
        ],
        background: "社区老年居民对保健品、临期食品辨识能力弱。",
        goals: "党员走进社区开展食品安全快检和科普，每月一次。",
        plan: vec![
            ("2025年10月", "对接社区，首次快检进社区", "冉冉"),
            ("2025年11月", "食品安全科普讲座", "覃思"),
            ("2025年12月", "快检服务与总结", "冉冉"),
        ],
        outcomes: "快检样品300份，科普覆盖居民400人次。",
        features: "专业服务社区民生。",
        opinion: "同意申报。",
        date: "2025-09-22",
        date_w: "2025年9月22日",
    };
    out.file(K, "20-amount-only-in-total", "docx", &app_total_only(&a));
    out.expected(
        K,
        "20-amount-only-in-total",
        a.expected_total(Some(280000)),
        &[],
        "no 申请经费 field at all: the amount requested is only the budget table's 合计 row (2800) → requested_fen 280000, no missing_field, no budget_mismatch",
    );

    // 21 ─ student branch by name only, labels with notes in brackets
    let a = App {
        branch: "2023级硕士研究生党支部",
        committee: "外国语学院党委",
        kind: "学生",
        members: 19,
        track: T2,
        track_w: "先锋领航",
        title: "“外”语先锋 服务国际赛会",
        leader: "柏雪",
        leader_w: "柏雪",
        role: "支部书记",
        phone: "13584321234",
        email: "baixue@jnlg.edu.cn",
        advisor: "诸葛明",
        fen: 200000,
        money_w: "2000",
        budget: vec![
            ("志愿者培训", 1200, "1200", "2期"),
            ("志愿服务保障", 800, "800", ""),
        ],
        background: "学校承办国际赛会，需要大量外语志愿者。",
        goals: "组建党员外语志愿服务队，承担赛会翻译和引导工作。",
        plan: vec![
            ("2025年10月", "招募与培训", "柏雪"),
            ("2025年11月", "赛会志愿服务", "全体党员"),
        ],
        outcomes: "服务赛会3天，志愿服务时长600小时。",
        features: "",
        opinion: "同意。",
        date: "2025-09-19",
        date_w: "2025年9月19日",
    };
    out.file(K, "21-bracketed-labels", "docx", &app_bracket_labels(&a));
    out.expected(
        K,
        "21-bracketed-labels",
        a.expected_total(Some(200000)),
        &[],
        "a student branch known only by its name (`2023级硕士研究生党支部`, no 支部类型 row) whose advisor stands under `指导教师（学生党支部填写）`; labels 申报支部/所属基层党委/负责人职务/联系电话（手机）/申请金额（元）/立项依据/项目目标/预期成果/基层党委意见/申报日期; plan and budget as vertically merged `进度安排` / `预算明细` label columns",
    );

    // 22 ─ an office branch whose name has student words
    let a = App {
        branch: "研究生院党支部",
        committee: "机关党委",
        kind: "机关",
        members: 12,
        track: T2,
        track_w: "先锋领航·校园善治",
        title: "研究生服务“一站通”",
        leader: "章华",
        leader_w: "章华",
        role: "支部书记",
        phone: "0510-85913001",
        email: "zhanghua@jnlg.edu.cn",
        advisor: "",
        fen: 100000,
        money_w: "1000",
        budget: vec![
            ("服务指南印制", 600, "600", ""),
            ("意见征集活动", 400, "400", ""),
        ],
        background: "研究生办事涉及多个部门，流程不清。",
        goals: "梳理研究生高频事项，编制服务指南，推行一站式办理。",
        plan: vec![
            ("2025年10月", "梳理高频事项", "章华"),
            ("2025年11月", "编制服务指南并征集意见", "艾琳"),
        ],
        outcomes: "形成服务指南1册，高频事项一站办理。",
        features: "",
        opinion: "",
        date: "2025-09-20",
        date_w: "2025年9月20日",
    };
    out.file(
        K,
        "22-office-name-student-words",
        "docx",
        &app_four(&a, None, false, "1000"),
    );
    out.expected(
        K,
        "22-office-name-student-words",
        a.expected_total(Some(100000)),
        &[],
        "an office branch whose name holds a student word (`研究生院党支部`): branch_kind 机关, no 指导老师 row and NO missing_advisor",
    );

    // 24 ─ another office branch with a student word, 本科生院
    let a = App {
        branch: "本科生院教学运行党支部",
        committee: "机关党委",
        kind: "机关",
        members: 10,
        track: T2,
        track_w: "校园善治",
        title: "教学运行“零差错”",
        leader: "卜洁",
        leader_w: "卜洁",
        role: "支部书记",
        phone: "0510-85913101",
        email: "bujie@jnlg.edu.cn",
        advisor: "",
        fen: 80000,
        money_w: "800",
        budget: vec![("业务培训", 500, "500", ""), ("师生座谈", 300, "300", "")],
        background: "排课调课环节多，差错时有发生。",
        goals: "党员带头梳理教学运行流程，实现排课调课零差错。",
        plan: vec![
            ("2025年10月", "梳理流程风险点", "卜洁"),
            ("2025年11月", "召开师生座谈会", "项阳"),
        ],
        outcomes: "形成教学运行流程手册1份。",
        features: "",
        opinion: "",
        date: "2025-09-20",
        date_w: "2025年9月20日",
    };
    out.file(
        K,
        "24-office-undergraduate-school",
        "docx",
        &app_four(&a, None, false, "800"),
    );
    out.expected(
        K,
        "24-office-undergraduate-school",
        a.expected_total(Some(80000)),
        &[],
        "an office branch of the 本科生院 (an administrative office, though its name says 本科): branch_kind 机关, no 指导老师 row and NO missing_advisor",
    );
}

// ───────────────────────────── Second wave: pairing tables ─────────────────────────────

/// P09: the partner sub-table has no 类型 column: kinds only from the partner names.
fn pair_no_kind_column(pr: &Pair) -> Vec<u8> {
    let mut rows = vec![
        tr(vec![
            c("党支部名称"),
            c(pr.branch),
            c("所属党委"),
            cs(pr.committee, 2),
        ]),
        tr(vec![
            c("支部书记"),
            c(pr.secretary),
            c("联系电话"),
            cs(pr.phone, 2),
        ]),
        tr(vec![c("共建主题"), cs(pr.topic, 4)]),
        tr(vec![cs("结对共建支部", 5)]),
        tr(vec![
            c("结对支部名称"),
            c("所在单位"),
            c("联系人"),
            cs("联系电话", 2),
        ]),
    ];
    for (n, _, _, u, pe, ph) in &pr.partners {
        rows.push(tr(vec![c(n), c(u), c(pe), cs(ph, 2)]));
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
            .add_table(table(rows, &[2200, 2200, 1500, 1400, 1700])),
    )
}

/// P11: a key–value table whose partner and “四个一” rows repeat their section label
/// in the first cell (`结对支部 | …`, `“四个一”计划 | 10月 | 学习讨论 | …`).
fn pair_repeated_labels(pr: &Pair) -> Vec<u8> {
    let kv = |l: &str, v: &str| tr(vec![c(l), cs(v, 4)]);
    let mut rows = vec![
        kv("机关党支部名称", pr.branch),
        kv("所属党委", pr.committee),
        tr(vec![
            c("支部书记"),
            c(pr.secretary),
            c("联系人"),
            c(pr.contact),
            c(""),
        ]),
        kv("联系电话", pr.phone),
        kv("共建主题", pr.topic),
        tr(vec![
            c("结对支部"),
            c("支部名称"),
            c("支部类型"),
            c("所在单位"),
            c("书记"),
        ]),
    ];
    for (n, k, _, u, pe, _) in &pr.partners {
        rows.push(tr(vec![c("结对支部"), c(n), c(k), c(u), c(pe)]));
    }
    rows.push(tr(vec![
        c("“四个一”计划"),
        c("时间"),
        c("活动类型"),
        cs("活动内容", 2),
    ]));
    for (t, k, _, ct) in &pr.plan {
        rows.push(tr(vec![c("“四个一”计划"), c(t), c(k), cs(ct, 2)]));
    }
    rows.push(kv("填报日期", pr.date_w));
    pack(
        doc()
            .add_paragraph(title("机关党支部“结对共建”信息表"))
            .add_table(table(rows, &[1900, 2300, 1700, 1700, 1400])),
    )
}

/// P12: Excel row layout with a two-row header: `本支部信息` merged over the
/// branch's columns, `结对支部信息` over the partner columns, then the field names.
fn pair_xlsx_two_row_header(pr: &Pair) -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("结对共建").unwrap();
    merge(ws, 0, 0, 0, 10, "2025年机关党支部结对共建信息表");
    merge(ws, 1, 0, 1, 4, "本支部信息");
    merge(ws, 1, 5, 1, 9, "结对支部信息");
    merge(ws, 1, 10, 2, 10, "填报日期");
    let header = [
        "支部名称",
        "所属党委",
        "支部书记",
        "联系电话",
        "共建主题",
        "支部名称",
        "支部类型",
        "所在单位",
        "联系人",
        "联系电话",
    ];
    for (i, h) in header.iter().enumerate() {
        ws_str(ws, 2, i as u16, h);
    }
    let n = pr.partners.len() as u32;
    let (first, last) = (3, 2 + n);
    merge(ws, first, 0, last, 0, pr.branch);
    merge(ws, first, 1, last, 1, pr.committee);
    merge(ws, first, 2, last, 2, pr.secretary);
    merge(ws, first, 3, last, 3, pr.phone);
    merge(ws, first, 4, last, 4, pr.topic);
    merge(ws, first, 10, last, 10, pr.date_w);
    for (i, (nm, k, _, u, pe, ph)) in pr.partners.iter().enumerate() {
        let r = first + i as u32;
        for (col, v) in [(5, nm), (6, k), (7, u), (8, pe), (9, ph)] {
            ws_str(ws, r, col, v);
        }
    }
    let mut r = last + 2;
    merge(ws, r, 0, r, 4, "“四个一”计划");
    r += 1;
    for (i, h) in ["时间", "活动类型", "活动内容"].iter().enumerate() {
        ws_str(ws, r, i as u16, h);
    }
    r += 1;
    for (t, k, _, ct) in &pr.plan {
        ws_str(ws, r, 0, t);
        ws_str(ws, r, 1, k);
        ws_str(ws, r, 2, ct);
        r += 1;
    }
    ws.set_column_width(0, 20).unwrap();
    ws.set_column_width(5, 28).unwrap();
    wb.save_to_buffer().unwrap()
}

fn pairings2(out: &mut Out) {
    const K: &str = "pairing";
    // 09 ─ no kind column
    let pr = Pair {
        branch: "科学技术处党支部",
        committee: "机关党委",
        secretary: "晏清",
        contact: "",
        phone: "0510-85912700",
        topic: "科研服务零距离",
        partners: vec![
            (
                "机械工程学院教工第一党支部",
                "",
                "学院教师党支部",
                "机械工程学院",
                "雷鸣",
                "13912341001",
            ),
            (
                "惠山区某社区党委第三支部",
                "",
                "校外党支部",
                "惠山区堰桥街道",
                "俞萍",
                "0510-83590003",
            ),
        ],
        plan: plan4(
            ("2025年10月", "联学科技创新重要论述"),
            ("2025年11月", "书记讲党课：科研诚信"),
            ("2025年11月", "科技志愿服务进社区"),
            ("2025年12月", "走访学院调研科研管理堵点"),
        ),
        date: "2025-10-17",
        date_w: "2025年10月17日",
    };
    out.file(
        K,
        "09-partner-kind-from-name",
        "docx",
        &pair_no_kind_column(&pr),
    );
    out.expected(
        K,
        "09-partner-kind-from-name",
        pr.expected(),
        &[],
        "partner sub-table with NO 类型 column: kinds only recognisable from the partner names (`机械工程学院教工第一党支部` → 学院教师党支部, `惠山区某社区党委第三支部` → 校外党支部); no partner_rule",
    );

    // 10 ─ partner blocks headed 结对支部（一） / 第二结对支部
    let pr = Pair {
        branch: "国际合作与交流处党支部",
        committee: "机关党委",
        secretary: "尚文",
        contact: "",
        phone: "0510-85912800",
        topic: "讲好中国故事 服务国际学生",
        partners: vec![
            (
                "外国语学院英语系教工党支部",
                "“双带头人”教师党支部",
                "“双带头人”教师党支部",
                "外国语学院",
                "韦华",
                "13912342001",
            ),
            (
                "滨湖区某街道党工委机关党支部",
                "校外党支部",
                "校外党支部",
                "滨湖区某街道",
                "莫言心",
                "0510-85880004",
            ),
        ],
        plan: plan4(
            ("10月", "共同学习对外开放重要论述"),
            ("11月", "联合讲授“中国式现代化”党课"),
            ("11月", "国际学生走进社区主题实践"),
            ("12月", "走访学院调研国际学生管理"),
        ),
        date: "2025-10-21",
        date_w: "2025年10月21日",
    };
    out.file(
        K,
        "10-partner-blocks-numbered-heads",
        "docx",
        &pair_blocks(&pr, &["结对支部（一）", "第二结对支部"]),
    );
    out.expected(
        K,
        "10-partner-blocks-numbered-heads",
        pr.expected(),
        &[],
        "partner blocks headed `结对支部（一）` and `第二结对支部` (numbers in brackets, ordinal before the word), labels 支部名称/联系电话 repeating per block",
    );

    // 11 ─ repeated 结对支部 / “四个一”计划 labels
    let pr = Pair {
        branch: "保卫处党支部",
        committee: "机关党委",
        secretary: "龙飞",
        contact: "项敏",
        phone: "0510-85912900",
        topic: "平安校园共建共治",
        partners: vec![
            (
                "设计学院环境设计教工党支部",
                "学院教师党支部",
                "学院教师党支部",
                "设计学院",
                "詹宁",
                "",
            ),
            (
                "蠡园派出所党支部",
                "校外党支部",
                "校外党支部",
                "无锡市公安局滨湖分局蠡园派出所",
                "全勇",
                "",
            ),
        ],
        plan: plan4(
            ("2025年10月", "联学总体国家安全观"),
            ("2025年11月", "民警讲党课：反诈一线故事"),
            ("2025年11月", "校园安全隐患排查主题实践"),
            ("2025年12月", "走访学院调研实验室安全"),
        ),
        date: "2025-10-24",
        date_w: "2025.10.24",
    };
    out.file(
        K,
        "11-repeated-section-labels",
        "docx",
        &pair_repeated_labels(&pr),
    );
    out.expected(
        K,
        "11-repeated-section-labels",
        pr.expected(),
        &[],
        "a key–value Word table whose partner rows repeat `结对支部` and whose plan rows repeat `“四个一”计划` in their first cell (not merged), each block under its own header row; partner table without phone; date 2025.10.24",
    );

    // 12 ─ Excel two-row header
    let pr = Pair {
        branch: "人事处党支部",
        committee: "机关党委",
        secretary: "邢雅",
        contact: "",
        phone: "0510-85913000",
        topic: "人才服务暖心工程",
        partners: vec![
            (
                "理学院物理系教工党支部",
                "学院教师党支部",
                "学院教师党支部",
                "理学院",
                "柯南",
                "13912343001",
            ),
            (
                "物联网工程学院“双带头人”教师党支部",
                "“双带头人”教师党支部",
                "“双带头人”教师党支部",
                "物联网工程学院",
                "司马青",
                "13912343002",
            ),
            (
                "无锡市人才服务中心党支部",
                "校外党支部",
                "校外党支部",
                "无锡市人才服务中心",
                "欧阳乐",
                "0510-81820005",
            ),
        ],
        plan: plan4(
            ("10月", "学习人才工作重要论述"),
            ("11月", "党课：新时代人才强国战略"),
            ("11月", "青年教师服务日主题实践"),
            ("12月", "走访学院调研青年教师发展"),
        ),
        date: "2025-10-26",
        date_w: "2025年10月26日",
    };
    out.file(
        K,
        "12-excel-two-row-header",
        "xlsx",
        &pair_xlsx_two_row_header(&pr),
    );
    out.expected(
        K,
        "12-excel-two-row-header",
        pr.expected(),
        &[],
        "Excel row layout with a two-row header: `本支部信息` merged over the branch columns and `结对支部信息` over the partner columns, then the field names (支部名称 and 联系电话 both twice), 填报日期 merged down both header rows; branch columns merged over the partner rows; the “四个一” plan below on the same sheet under a merged `“四个一”计划` row",
    );
}

// ───────────────────────────── Second wave: cases ─────────────────────────────

fn cases2(out: &mut Out) {
    const K: &str = "case";
    let four = |a: [&'static str; 4]| -> Vec<(&'static str, Vec<&'static str>)> {
        ["background", "practice", "results", "analysis"]
            .iter()
            .zip(a)
            .map(|(k, v)| (*k, vec![v]))
            .collect()
    };
    // 10 ─ branch only after the dash in the title
    let cd = CaseData {
        title: "“红色引擎”点亮青春航程——机械本科第一党支部工作案例",
        branch: "机械本科第一党支部",
        committee: "",
        author: "",
        sections: vec![
            (
                "background",
                vec![
                    "支部党员分散在4个年级，低年级学生对专业前景认识不足，学业动力不强。",
                    "2024年支部摸排发现，近三成新生存在学业困难。",
                ],
            ),
            (
                "practice",
                vec!["支部推出“红色引擎”计划，高年级党员与新生结成学习小组，每周集中答疑。"],
            ),
            (
                "results",
                vec!["一学年结对小组32个，新生课程通过率提高12个百分点。"],
            ),
            (
                "analysis",
                vec!["党员身份亮出来、作用发挥出来，支部才有凝聚力。"],
            ),
        ],
    };
    let d = doc().add_paragraph(title(cd.title));
    let d = case_body(
        [
            "一、背景与起因",
            "二、做法与经过",
            "三、成效与反响",
            "四、分析与评价",
        ],
        &cd,
        d,
        pb,
    );
    out.file(K, "10-branch-in-title-dash", "docx", &pack(d));
    out.expected(
        K,
        "10-branch-in-title-dash",
        cd.expected(),
        &[],
        "the branch only after the dash of the title (`“红色引擎”点亮青春航程——机械本科第一党支部工作案例`), no branch line and no committee anywhere (committee empty)",
    );

    // 11 ─ sections as a 2-column table
    let cd = CaseData {
        title: "普法志愿走进老旧社区",
        branch: "法学本科生党支部",
        committee: "法学院党委",
        author: "邹静",
        sections: vec![
            (
                "background",
                vec!["周边老旧社区老年居民多，遇到纠纷时缺少法律咨询渠道。"],
            ),
            (
                "practice",
                vec![
                    "支部与社区党委签订共建协议，每月开展一次普法宣讲。",
                    "党员轮流坐班法律咨询点，建立居民法律需求台账。",
                ],
            ),
            (
                "results",
                vec!["开展宣讲6场，咨询服务居民300余人次，社区来信致谢。"],
            ),
            (
                "analysis",
                vec!["把专业所长用在群众所需上，是学生党支部服务社区的有效方式。"],
            ),
        ],
    };
    let heads = ["背景与起因", "做法与经过", "成效与反响", "分析与评价"];
    let mut rows = Vec::new();
    for (i, (_, ps)) in cd.sections.iter().enumerate() {
        rows.push(tr(vec![c(heads[i]), c(&ps.join("\n"))]));
    }
    let d = doc()
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("支部名称：{}", cd.branch)))
        .add_paragraph(p(&format!("所属党委：{}", cd.committee)))
        .add_paragraph(p(&format!("执笔人：{}", cd.author)))
        .add_table(table(rows, &[1800, 7200]));
    out.file(K, "11-sections-in-table", "docx", &pack(d));
    out.expected(
        K,
        "11-sections-in-table",
        cd.expected(),
        &[],
        "the four sections as a 2-column table (heading cell | text cell, several paragraphs in a cell); branch/committee/author as label lines above",
    );

    // 12 ─ headings 案例背景 / 主要做法 / 工作成效 / 经验启示
    let cd = CaseData {
        title: "学业诊所里的党员身影",
        branch: "数学本科第二党支部",
        committee: "理学院党委",
        author: "",
        sections: four([
            "高等数学挂科率居高不下，低年级学生答疑需求集中在考前。",
            "党员每周两晚在学业诊所坐班答疑，考前开设专题串讲。",
            "一学期答疑服务600人次，数学课程通过率提升11个百分点。",
            "学业帮扶要常态化，党员作用要体现在同学身边。",
        ]),
    };
    let d = doc()
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("所在支部：{}", cd.branch)))
        .add_paragraph(p(&format!("所在学院：{}", cd.committee)));
    let d = case_body(
        [
            "一、案例背景",
            "二、主要做法",
            "三、工作成效",
            "四、经验启示",
        ],
        &cd,
        d,
        pb,
    );
    out.file(K, "12-short-synonym-headings", "docx", &pack(d));
    out.expected(
        K,
        "12-short-synonym-headings",
        cd.expected(),
        &[],
        "headings `一、案例背景` / `二、主要做法` / `三、工作成效` / `四、经验启示` (synonyms, not the contract's words); branch under `所在支部：`",
    );

    // 13 ─ 附件2 and 工作案例 lines above the title
    let cd = CaseData {
        title: "“食”刻守护社区餐桌",
        branch: "食品科学研究生第一党支部",
        committee: "食品学院党委",
        author: "冉冉",
        sections: four([
            "社区老年居民对保健品、临期食品辨识能力弱，上当受骗时有发生。",
            "党员走进社区开展食品安全快检和科普，每月一次，建立快检台账。",
            "快检样品300份，科普覆盖居民400人次，社区党委致信感谢。",
            "发挥学科优势服务民生，让党员在实践中受教育、长才干。",
        ]),
    };
    let d = doc()
        .add_paragraph(p("附件2"))
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text("工作案例").bold().size(32)),
        )
        .add_paragraph(title(cd.title))
        .add_paragraph(p(&format!("{}  {}", cd.committee, cd.branch)))
        .add_paragraph(p(&format!("执笔人：{}", cd.author)));
    let d = case_body(
        [
            "一、背景与起因",
            "二、做法与经过",
            "三、成效与反响",
            "四、分析与评价",
        ],
        &cd,
        d,
        pb,
    );
    out.file(K, "13-attachment-lines-above-title", "docx", &pack(d));
    out.expected(
        K,
        "13-attachment-lines-above-title",
        cd.expected(),
        &[],
        "an `附件2` line and a centred bold `工作案例` line above the real title; committee and branch as a plain line; author under 执笔人",
    );
}

// ───────────────────────────── Second wave: summary sheets ─────────────────────────────

fn summaries2(out: &mut Out) {
    const K: &str = "summary";
    // 06 ─ two-row header, blank row in the data, 中共X委员会 in 填报单位
    let rows: Vec<SumRow> = vec![
        (
            "",
            "英语系本科生党支部",
            "“译”路同行 薪火相传",
            T5,
            "刘婷",
            "13851112222",
            "陈静",
            17,
            3000,
        ),
        (
            "",
            "2023级硕士研究生党支部",
            "“外”语先锋 服务国际赛会",
            T2,
            "柏雪",
            "13584321234",
            "诸葛明",
            19,
            2000,
        ),
        (
            "",
            "日语系学生党支部",
            "中日青年交流中的中国故事",
            T1,
            "胡月",
            "13851110003",
            "田中",
            9,
            800,
        ),
        (
            "",
            "翻译硕士党支部",
            "志愿翻译服务社区",
            T3,
            "姜楠",
            "13851110004",
            "钟声",
            12,
            2500,
        ),
    ];
    let committee = "中共外国语学院委员会";
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("汇总").unwrap();
    merge(ws, 0, 0, 0, 8, "学生党支部“对标争先”建设项目申报汇总表");
    ws_str(
        ws,
        1,
        0,
        &format!("填报单位（盖章）：{committee}          填报日期：2025年9月28日"),
    );
    let heads = [
        "序号",
        "党支部名称",
        "项目名称",
        "申报板块",
        "项目负责人",
        "指导老师",
        "党员人数",
    ];
    for (i, h) in heads.iter().enumerate() {
        merge(ws, 2, i as u16, 3, i as u16, h);
    }
    ws_str(ws, 2, 7, "申请经费");
    ws_str(ws, 3, 7, "金额（元）");
    merge(ws, 2, 8, 3, 8, "备注");
    let mut r = 4u32;
    let mut excel_rows = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        if n == 2 {
            r += 1; // a blank row left in the middle
        }
        ws.write_number(r, 0, (n + 1) as f64).unwrap();
        ws_str(ws, r, 1, row.1);
        ws_str(ws, r, 2, row.2);
        ws_str(ws, r, 3, row.3);
        ws_str(ws, r, 4, row.4);
        ws_str(ws, r, 5, row.6);
        ws.write_number(r, 6, row.7 as f64).unwrap();
        ws.write_number(r, 7, row.8 as f64).unwrap();
        excel_rows.push(r as usize + 1);
        r += 1;
    }
    ws_str(ws, r, 0, "合计");
    ws.write_number(r, 7, rows.iter().map(|x| x.8).sum::<i64>() as f64)
        .unwrap();
    ws.set_column_width(1, 24).unwrap();
    ws.set_column_width(2, 28).unwrap();
    out.file(
        K,
        "06-two-row-header-blank-row",
        "xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    let exp: Vec<Value> = rows
        .iter()
        .zip(&excel_rows)
        .map(|(x, row)| {
            json!({"committee": committee, "branch": x.1, "title": x.2, "track": x.3,
                   "leader": x.4, "requested_fen": x.8 * 100, "sheet": "汇总", "row": row})
        })
        .collect();
    out.expected(
        K,
        "06-two-row-header-blank-row",
        Value::Array(exp),
        &[],
        "a two-row header (`申请经费` over `金额（元）`, the other headers merged down both rows), a blank row in the middle of the data, no committee column: the committee from `填报单位（盖章）：中共外国语学院委员会   填报日期：…` (as written there)",
    );

    // 07 ─ committee column merged down, money with decimals, seq merged with 合计
    let rows: Vec<SumRow> = vec![
        (
            "食品学院党委",
            "食品科学研究生第一党支部",
            "“食”刻守护社区餐桌",
            T3,
            "冉冉",
            "15061231234",
            "尹建华",
            21,
            2800,
        ),
        (
            "食品学院党委",
            "食品质量与安全本科党支部",
            "校园食安监督岗",
            T2,
            "祁东",
            "15061230002",
            "秦岭",
            14,
            1500,
        ),
        (
            "食品学院党委",
            "发酵工程研究生党支部",
            "“酵”学相长 师生同行",
            T4,
            "佟欣",
            "15061230003",
            "鲍勇",
            18,
            3000,
        ),
    ];
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("食品学院").unwrap();
    merge(
        ws,
        0,
        0,
        0,
        8,
        "2025年学生党支部“对标争先”建设项目申报汇总表",
    );
    let heads = [
        "序号",
        "所属党委",
        "支部名称",
        "项目名称",
        "申报板块",
        "项目负责人",
        "联系电话",
        "指导老师",
        "申请经费（元）",
    ];
    for (i, h) in heads.iter().enumerate() {
        ws_str(ws, 1, i as u16, h);
    }
    let first = 2u32;
    let last = first + rows.len() as u32 - 1;
    merge(ws, first, 1, last, 1, rows[0].0);
    let money = Format::new().set_num_format("#,##0.00");
    for (n, row) in rows.iter().enumerate() {
        let r = first + n as u32;
        ws.write_number(r, 0, (n + 1) as f64).unwrap();
        ws_str(ws, r, 2, row.1);
        ws_str(ws, r, 3, row.2);
        // tracks written short, in quotes or with the other half
        let tw = match n {
            0 => "“党旗飘扬·社区聚力”",
            1 => "先锋领航",
            _ => "双向赋能",
        };
        ws_str(ws, r, 4, tw);
        ws_str(ws, r, 5, row.4);
        ws_str(ws, r, 6, row.5);
        ws_str(ws, r, 7, row.6);
        ws.write_number_with_format(r, 8, row.8 as f64, &money)
            .unwrap();
    }
    ws.merge_range(last + 1, 0, last + 1, 7, "合  计", &Format::new())
        .unwrap();
    ws.write_number_with_format(
        last + 1,
        8,
        rows.iter().map(|x| x.8).sum::<i64>() as f64,
        &money,
    )
    .unwrap();
    ws_str(ws, last + 2, 0, "填报人：祁老师        审核人：鲍书记");
    ws.set_column_width(2, 24).unwrap();
    ws.set_column_width(3, 28).unwrap();
    out.file(
        K,
        "07-merged-committee-column",
        "xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    out.expected(
        K,
        "07-merged-committee-column",
        sum_expected(&rows, "", "食品学院", first as usize + 1),
        &[],
        "the 所属党委 column merged vertically over all data rows; money as numbers formatted `#,##0.00`; tracks written `“党旗飘扬·社区聚力”` / `先锋领航` / `双向赋能`; a `合  计` row merged across the first 8 columns; a `填报人：… 审核人：…` line at the bottom",
    );
}

// ───────────────────────────── Second wave: activity logs ─────────────────────────────

fn activities2(out: &mut Out) {
    const K: &str = "activity_log";
    // 06 ─ 序号 and 备注 columns, half-day dates, 约30人, 合计 row
    // (date, written, partner, kind w, kind, act kind, topic, participants written, n, place, effect, note)
    let rows: Vec<(
        &str,
        &str,
        &str,
        &str,
        &str,
        &str,
        &str,
        &str,
        i64,
        &str,
        &str,
        &str,
    )> = vec![
        (
            "2025-10-09",
            "2025年10月9日上午",
            "理学院物理系教工党支部",
            "学院教师党支部",
            "学院教师党支部",
            "学习讨论",
            "联学人才工作重要论述",
            "约30人",
            30,
            "行政楼405会议室",
            "形成学习体会15篇",
            "",
        ),
        (
            "2025-11-14",
            "2025年11月14日下午",
            "无锡市人才服务中心党支部",
            "校外党支部",
            "校外党支部",
            "党课",
            "党课：新时代人才强国战略",
            "25人",
            25,
            "无锡市人才服务中心",
            "两支部党员共同参加",
            "中心书记主讲",
        ),
        (
            "2025-11-28",
            "2025年11月28日",
            "物联网工程学院“双带头人”教师党支部",
            "“双带头人”教师党支部",
            "“双带头人”教师党支部",
            "主题实践",
            "青年教师服务日",
            "40余人",
            40,
            "物联网工程学院",
            "解决青年教师诉求9项",
            "",
        ),
    ];
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("人事处").unwrap();
    let heads = [
        "序号",
        "日期",
        "发起支部",
        "共建支部",
        "共建支部类型",
        "活动类型",
        "活动主题",
        "参加人数",
        "地点",
        "成效简述",
        "备注",
    ];
    merge(
        ws,
        0,
        0,
        0,
        heads.len() as u16 - 1,
        "人事处党支部结对共建活动记录表",
    );
    for (i, h) in heads.iter().enumerate() {
        ws_str(ws, 1, i as u16, h);
    }
    let first = 2u32;
    for (n, a) in rows.iter().enumerate() {
        let r = first + n as u32;
        ws.write_number(r, 0, (n + 1) as f64).unwrap();
        ws_str(ws, r, 1, a.1);
        ws_str(ws, r, 2, "人事处党支部");
        ws_str(ws, r, 3, a.2);
        ws_str(ws, r, 4, a.3);
        ws_str(ws, r, 5, a.5);
        ws_str(ws, r, 6, a.6);
        ws_str(ws, r, 7, a.7);
        ws_str(ws, r, 8, a.9);
        ws_str(ws, r, 9, a.10);
        ws_str(ws, r, 10, a.11);
    }
    let r = first + rows.len() as u32;
    ws_str(ws, r, 0, "合计");
    ws_str(ws, r, 6, "共开展活动3次");
    ws_str(ws, r, 7, "约95人次");
    ws.set_column_width(1, 20).unwrap();
    out.file(
        K,
        "06-seq-notes-total-row",
        "xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    let exp: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({"date": a.0, "branch": "人事处党支部", "partner": a.2, "partner_kind": a.4,
                   "kind": a.5, "topic": a.6, "participants": a.8, "place": a.9,
                   "effect": a.10, "sheet": "人事处", "row": first as usize + 1 + i})
        })
        .collect();
    out.expected(
        K,
        "06-seq-notes-total-row",
        Value::Array(exp),
        &[],
        "序号 and 备注 columns; dates `2025年10月9日上午` / `2025年11月14日下午`; participants as text `约30人` / `25人` / `40余人`; a 合计 row at the bottom (`合计 … 共开展活动3次 … 约95人次`) that is not an activity",
    );

    // 07 ─ branch column merged down, weekday in brackets, kinds written as the “四个一” sentence
    let rows: Vec<(
        &str,
        &str,
        &str,
        &str,
        &str,
        &str,
        &str,
        &str,
        i64,
        &str,
        &str,
    )> = vec![
        (
            "2025-10-18",
            "2025年10月18日（周六）",
            "设计学院环境设计教工党支部",
            "学院教师党支部",
            "学院教师党支部",
            "共同组织一次学习讨论",
            "学习讨论",
            "联学总体国家安全观",
            16,
            "保卫处会议室",
            "形成学习记录",
        ),
        (
            "2025-11-06",
            "2025年11月6日（周四）",
            "蠡园派出所党支部",
            "校外党组织",
            "校外党支部",
            "共同上一次党课",
            "党课",
            "民警讲党课：反诈一线故事",
            120,
            "大学生活动中心",
            "学生反诈意识增强",
        ),
        (
            "2025-11-22",
            "2025年11月22日（周六）",
            "蠡园派出所党支部",
            "校外党组织",
            "校外党支部",
            "共同开展一次主题实践活动",
            "主题实践",
            "校园安全隐患排查",
            20,
            "校园各楼宇",
            "整改隐患12处",
        ),
        (
            "2025-12-11",
            "2025年12月11日（周四）",
            "设计学院环境设计教工党支部",
            "学院教师党支部",
            "学院教师党支部",
            "开展一次调研走访活动",
            "调研走访",
            "走访学院调研实验室安全",
            8,
            "设计学院",
            "形成调研报告1份",
        ),
    ];
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    let heads = [
        "发起支部",
        "活动时间",
        "结对支部",
        "结对支部类型",
        "活动类型",
        "活动主题",
        "参加人数",
        "活动地点",
        "活动成效",
    ];
    for (i, h) in heads.iter().enumerate() {
        ws_str(ws, 0, i as u16, h);
    }
    let first = 1u32;
    let last = first + rows.len() as u32 - 1;
    merge(ws, first, 0, last, 0, "保卫处党支部");
    for (n, a) in rows.iter().enumerate() {
        let r = first + n as u32;
        ws_str(ws, r, 1, a.1);
        ws_str(ws, r, 2, a.2);
        ws_str(ws, r, 3, a.3);
        ws_str(ws, r, 4, a.5);
        ws_str(ws, r, 5, a.7);
        ws.write_number(r, 6, a.8 as f64).unwrap();
        ws_str(ws, r, 7, a.9);
        ws_str(ws, r, 8, a.10);
    }
    ws.set_column_width(1, 24).unwrap();
    out.file(
        K,
        "07-merged-branch-weekday-dates",
        "xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    let exp: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({"date": a.0, "branch": "保卫处党支部", "partner": a.2, "partner_kind": a.4,
                   "kind": a.6, "topic": a.7, "participants": a.8, "place": a.9,
                   "effect": a.10, "sheet": "Sheet1", "row": first as usize + 1 + i})
        })
        .collect();
    out.expected(
        K,
        "07-merged-branch-weekday-dates",
        Value::Array(exp),
        &[],
        "the 发起支部 column merged vertically over all rows; dates with the weekday in brackets (`2025年10月18日（周六）`); activity kinds written as the “四个一” sentences (`共同上一次党课` → 党课, `开展一次调研走访活动` → 调研走访); partner kind `校外党组织` → 校外党支部",
    );
}

fn config() -> &'static str {
    r#"# Config of the layout zoo (tests/integration/zoo.rs); written by `cargo run --example zoo`.
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
    applications2(&mut out);
    pairings2(&mut out);
    cases2(&mut out);
    summaries2(&mut out);
    activities2(&mut out);
    println!(
        "layout zoo: {} layouts written to {}",
        out.count,
        root.display()
    );
}
