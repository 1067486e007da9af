//! “两在两同” outputs: 党员“四个一”完成情况.xlsx (a summary sheet per branch
//! and committee, then a sheet per branch), the 量化评价 sheet of
//! 年度统计.xlsx, and the data of the 年度总结.pdf sections. User text is
//! always written as a string, never as a formula.

use super::xlsx::{page_setup, text_width, workbook as new_workbook};
use crate::check::members::{BranchMembers, MemberSummary, by_branch, fmt_hours};
use crate::check::score::BranchScore;
use crate::check::todo::TodoRow;
use crate::config::Config;
use crate::model::Campaign;
use crate::vocab::MEMBER_KINDS;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    ConditionalFormatFormula, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use serde::Serialize;

pub const FILE: &str = "党员“四个一”完成情况.xlsx";

/// The formats of the “两在两同” workbooks (those of `xlsx` plus a fill for what is incomplete).
pub(crate) struct Look {
    pub title: Format,
    pub header: Format,
    pub text: Format,
    pub center: Format,
    pub number: Format,
    pub percent: Format,
    pub total: Format,
    pub total_number: Format,
    pub total_percent: Format,
    pub note: Format,
    pub bad: Format,
}

pub(crate) fn look() -> Look {
    let base = || {
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_name("宋体")
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter)
    };
    Look {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_font_name("黑体")
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        header: base()
            .set_bold()
            .set_background_color("#D9E1F2")
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        text: base().set_text_wrap(),
        center: base().set_align(FormatAlign::Center),
        number: base().set_num_format("0.##"),
        percent: base().set_num_format("0.0%"),
        total: base().set_bold(),
        total_number: base().set_bold().set_num_format("0.##"),
        total_percent: base().set_bold().set_num_format("0.0%"),
        note: Format::new()
            .set_font_name("宋体")
            .set_font_size(10)
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        bad: Format::new()
            .set_background_color("#FCE4D6")
            .set_font_color("#9C0006"),
    }
}

/// A sheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`), unique in `used`.
pub(crate) fn sheet_name(raw: &str, used: &mut Vec<String>) -> String {
    let clean: String = raw
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let clean = if clean.trim().is_empty() {
        "未注明支部".to_string()
    } else {
        clean
    };
    let mut name = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        name = format!("{clean}({n})");
        n += 1;
    }
    used.push(name.clone());
    name
}

fn widths(ws: &mut Worksheet, cols: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

fn width_of(items: impl Iterator<Item = String>, min: f64, max: f64) -> f64 {
    items
        .map(|s| text_width(&s) + 2.0)
        .fold(min, f64::max)
        .min(max)
}

/// A SUM over a column's rows with its result stored (so viewers without
/// recalculation show it).
fn sum(col: char, first: u32, last: u32, result: f64) -> Formula {
    Formula::new(format!("=SUM({col}{}:{col}{})", first + 1, last + 1))
        .set_result(fmt_hours(result))
}

/// 党员“四个一”完成情况.xlsx.
pub fn workbook(cfg: &Config, members: &[MemberSummary]) -> Result<Vec<u8>, XlsxError> {
    let lk = look();
    let mut wb = new_workbook(cfg);
    let branches = by_branch(members);
    summary_sheet(&mut wb, cfg, &lk, &branches)?;
    let mut used = vec!["汇总".to_string()];
    // Each member under the key of their branch, keyed once, in order.
    let mut of_branch: std::collections::HashMap<String, Vec<&MemberSummary>> = Default::default();
    for m in members {
        of_branch
            .entry(crate::normalise::branch_key(&m.branch))
            .or_default()
            .push(m);
    }
    for b in &branches {
        let key = crate::normalise::branch_key(&b.branch);
        let own: Vec<&MemberSummary> = of_branch.get(&key).cloned().unwrap_or_default();
        branch_sheet(&mut wb, cfg, &lk, b, &own, &mut used)?;
    }
    wb.save_to_buffer()
}

fn summary_sheet(
    wb: &mut Workbook,
    cfg: &Config,
    lk: &Look,
    branches: &[BranchMembers],
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name("汇总")?;
    let headers = [
        "序号",
        "党委（学院）",
        "党支部",
        "党员人数",
        "已完成",
        "未完成",
        "完成率",
        "总时长(小时)",
        "人均时长(小时)",
    ];
    ws.merge_range(
        0,
        0,
        0,
        8,
        &format!("{}年度党员“四个一”完成情况汇总", cfg.year),
        &lk.title,
    )?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        1,
        0,
        1,
        8,
        &format!(
            "要求：每位党员每年至少参加党(团)课授课、志愿服务、义务劳动、新生宿舍结对帮扶各一次，总时长不少于 {} 小时。完成率低于 100% 的标色。",
            fmt_hours(cfg.member_hours)
        ),
        &lk.note,
    )?;
    ws.set_row_height(1, 30)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &lk.header)?;
    }
    let mut r = 3u32;
    let mut committees: Vec<&str> = Vec::new();
    for b in branches {
        if !committees.contains(&b.committee.as_str()) {
            committees.push(&b.committee);
        }
    }
    let mut seq = 0;
    let mut committee_rows: Vec<u32> = Vec::new();
    for committee in &committees {
        let own: Vec<&BranchMembers> = branches
            .iter()
            .filter(|b| b.committee == *committee)
            .collect();
        let first = r;
        for b in &own {
            seq += 1;
            ws.write_number_with_format(r, 0, seq as f64, &lk.center)?;
            let shown = if committee.is_empty() {
                "（未注明）"
            } else {
                committee
            };
            ws.write_string_with_format(r, 1, shown, &lk.text)?;
            ws.write_string_with_format(r, 2, &b.branch, &lk.text)?;
            ws.write_number_with_format(r, 3, b.members as f64, &lk.center)?;
            ws.write_number_with_format(r, 4, b.complete as f64, &lk.center)?;
            ws.write_number_with_format(r, 5, (b.members - b.complete) as f64, &lk.center)?;
            ws.write_number_with_format(r, 6, b.rate(), &lk.percent)?;
            ws.write_number_with_format(r, 7, b.hours, &lk.number)?;
            ws.write_number_with_format(r, 8, b.average(), &lk.number)?;
            r += 1;
        }
        // The committee's own line.
        let total = BranchMembers {
            branch: String::new(),
            committee: committee.to_string(),
            members: own.iter().map(|b| b.members).sum(),
            complete: own.iter().map(|b| b.complete).sum(),
            hours: own.iter().map(|b| b.hours).sum(),
        };
        let name = if committee.is_empty() {
            "（未注明）"
        } else {
            committee
        };
        ws.merge_range(r, 0, r, 2, &format!("{name} 小计"), &lk.total)?;
        total_row(ws, lk, r, first, r - 1, &total)?;
        committee_rows.push(r);
        r += 1;
    }
    let all = BranchMembers {
        branch: String::new(),
        committee: String::new(),
        members: branches.iter().map(|b| b.members).sum(),
        complete: branches.iter().map(|b| b.complete).sum(),
        hours: branches.iter().map(|b| b.hours).sum(),
    };
    ws.merge_range(r, 0, r, 2, "合计", &lk.total)?;
    // The total adds up the committees' lines.
    for (c, col, v) in [
        (3u16, 'D', all.members as f64),
        (4, 'E', all.complete as f64),
        (5, 'F', (all.members - all.complete) as f64),
        (7, 'H', all.hours),
    ] {
        let cells: Vec<String> = committee_rows
            .iter()
            .map(|x| format!("{col}{}", x + 1))
            .collect();
        let f = if cells.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!("=SUM({})", cells.join(","))).set_result(fmt_hours(v))
        };
        ws.write_formula_with_format(r, c, f, &lk.total_number)?;
    }
    rate_cells(ws, lk, r, &all)?;
    // Incomplete branches and committees: the rate below 100%.
    ws.add_conditional_format(
        3,
        0,
        r,
        8,
        &ConditionalFormatFormula::new()
            .set_rule("=AND(ISNUMBER($G4),$G4<1)")
            .set_format(lk.bad.clone()),
    )?;
    widths(
        ws,
        &[
            6.0,
            width_of(committees.iter().map(|c| c.to_string()), 14.0, 30.0),
            width_of(branches.iter().map(|b| b.branch.clone()), 16.0, 34.0),
            10.0,
            9.0,
            9.0,
            9.0,
            13.0,
            15.0,
        ],
    )?;
    ws.set_freeze_panes(3, 0)?;
    page_setup(ws, 2);
    Ok(())
}

fn total_row(
    ws: &mut Worksheet,
    lk: &Look,
    r: u32,
    first: u32,
    last: u32,
    t: &BranchMembers,
) -> Result<(), XlsxError> {
    for (c, col, v) in [
        (3u16, 'D', t.members as f64),
        (4, 'E', t.complete as f64),
        (5, 'F', (t.members - t.complete) as f64),
        (7, 'H', t.hours),
    ] {
        ws.write_formula_with_format(r, c, sum(col, first, last, v), &lk.total_number)?;
    }
    rate_cells(ws, lk, r, t)
}

/// 完成率 = E/D and 人均时长 = H/D as formulas, with their results.
fn rate_cells(ws: &mut Worksheet, lk: &Look, r: u32, t: &BranchMembers) -> Result<(), XlsxError> {
    let n = r + 1;
    ws.write_formula_with_format(
        r,
        6,
        Formula::new(format!("=IF(D{n}=0,0,E{n}/D{n})")).set_result(format!("{}", t.rate())),
        &lk.total_percent,
    )?;
    ws.write_formula_with_format(
        r,
        8,
        Formula::new(format!("=IF(D{n}=0,0,H{n}/D{n})")).set_result(fmt_hours(t.average())),
        &lk.total_number,
    )?;
    Ok(())
}

fn branch_sheet(
    wb: &mut Workbook,
    cfg: &Config,
    lk: &Look,
    b: &BranchMembers,
    members: &[&MemberSummary],
    used: &mut Vec<String>,
) -> Result<(), XlsxError> {
    let name = sheet_name(&b.branch, used);
    let ws = wb.add_worksheet().set_name(&name)?;
    let mut headers: Vec<&str> = vec!["序号", "姓名"];
    headers.extend(MEMBER_KINDS.iter().map(|(k, _)| *k));
    headers.extend(["时长(小时)", "是否完成", "未完成的内容"]);
    let last = (headers.len() - 1) as u16;
    let title = if b.branch.is_empty() {
        "（未注明支部）"
    } else {
        b.branch.as_str()
    };
    ws.merge_range(
        0,
        0,
        0,
        last,
        &format!("{title}党员“四个一”完成情况（{}年度）", cfg.year),
        &lk.title,
    )?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        1,
        0,
        1,
        last,
        &format!(
            "所属党委：{}　党员 {} 人，已完成 {} 人，完成率 {:.1}%，总时长 {} 小时",
            if b.committee.is_empty() {
                "（未注明）"
            } else {
                &b.committee
            },
            b.members,
            b.complete,
            b.rate() * 100.0,
            fmt_hours(b.hours)
        ),
        &lk.note,
    )?;
    ws.set_row_height(1, 20)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &lk.header)?;
    }
    let mut notes = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let r = (i + 3) as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &lk.center)?;
        ws.write_string_with_format(r, 1, &m.name, &lk.text)?;
        for (k, n) in m.counts.iter().enumerate() {
            let mark = match n {
                0 => "✗".to_string(),
                1 => "✓".to_string(),
                n => format!("✓（{n}次）"),
            };
            ws.write_string_with_format(r, (k + 2) as u16, &mark, &lk.center)?;
        }
        ws.write_number_with_format(r, 6, m.hours, &lk.number)?;
        ws.write_string_with_format(r, 7, if m.complete { "是" } else { "否" }, &lk.center)?;
        let mut note: Vec<String> = Vec::new();
        if !m.missing.is_empty() {
            note.push(format!("缺{}", m.missing.join("、")));
        }
        if m.hours + 1e-9 < cfg.member_hours {
            note.push(format!(
                "时长差 {} 小时",
                fmt_hours(cfg.member_hours - m.hours)
            ));
        }
        let note = note.join("；");
        ws.write_string_with_format(r, 8, &note, &lk.text)?;
        notes.push(note);
    }
    let last_row = (members.len() + 2) as u32;
    if !members.is_empty() {
        ws.add_conditional_format(
            3,
            0,
            last_row,
            last,
            &ConditionalFormatFormula::new()
                .set_rule("=$H4=\"否\"")
                .set_format(lk.bad.clone()),
        )?;
        ws.autofilter(2, 0, last_row, last)?;
    }
    let kind_w: Vec<f64> = MEMBER_KINDS
        .iter()
        .map(|(k, _)| (text_width(k) * 0.6).max(10.0))
        .collect();
    let mut cols = vec![
        6.0,
        width_of(members.iter().map(|m| m.name.clone()), 10.0, 16.0),
    ];
    cols.extend(kind_w);
    cols.extend([11.0, 9.0, width_of(notes.into_iter(), 16.0, 40.0)]);
    widths(ws, &cols)?;
    ws.set_row_height(2, 32)?;
    ws.set_freeze_panes(3, 2)?;
    page_setup(ws, 2);
    Ok(())
}

const SCORE_HEADERS: &[&str] = &[
    "排名",
    "党委（学院）",
    "党支部",
    "书记项目",
    "项目完整",
    "党员人数",
    "完成“四个一”",
    "完成率",
    "到期实事",
    "按期办结",
    "按期办结率",
    "综合得分",
];

/// The 量化评价 sheet (in 年度统计.xlsx).
pub fn score_sheet(
    wb: &mut Workbook,
    cfg: &Config,
    scores: &[BranchScore],
) -> Result<(), XlsxError> {
    let lk = look();
    let ws = wb.add_worksheet().set_name("量化评价")?;
    let last = (SCORE_HEADERS.len() - 1) as u16;
    ws.merge_range(
        0,
        0,
        0,
        last,
        &format!("{}年度“两在两同”建新功行动党支部量化评价", cfg.year),
        &lk.title,
    )?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(1, 0, 1, last, &weights_note(cfg), &lk.note)?;
    ws.set_row_height(1, 45)?;
    for (c, h) in SCORE_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &lk.header)?;
    }
    let yes_no = |b: Option<bool>, yes: &str, no: &str| match b {
        Some(true) => yes.to_string(),
        Some(false) => no.to_string(),
        None => "—".to_string(),
    };
    for (i, s) in scores.iter().enumerate() {
        let r = (i + 3) as u32;
        ws.write_number_with_format(r, 0, s.rank as f64, &lk.center)?;
        ws.write_string_with_format(r, 1, &s.committee, &lk.text)?;
        ws.write_string_with_format(r, 2, &s.branch, &lk.text)?;
        ws.write_string_with_format(
            r,
            3,
            &yes_no(s.project_submitted, "已报送", "未报送"),
            &lk.center,
        )?;
        ws.write_string_with_format(r, 4, &yes_no(s.project_complete, "✓", "✗"), &lk.center)?;
        ws.write_number_with_format(r, 5, s.members as f64, &lk.center)?;
        ws.write_number_with_format(r, 6, s.members_complete as f64, &lk.center)?;
        match s.member_rate {
            Some(x) => ws.write_number_with_format(r, 7, x, &lk.percent)?,
            None => ws.write_string_with_format(r, 7, "—", &lk.center)?,
        };
        ws.write_number_with_format(r, 8, s.todo_counted as f64, &lk.center)?;
        ws.write_number_with_format(r, 9, s.todo_on_time as f64, &lk.center)?;
        match s.todo_rate {
            Some(x) => ws.write_number_with_format(r, 10, x, &lk.percent)?,
            None => ws.write_string_with_format(r, 10, "—", &lk.center)?,
        };
        ws.write_number_with_format(r, 11, s.score, &lk.total_number)?;
    }
    widths(
        ws,
        &[
            6.0,
            width_of(scores.iter().map(|s| s.committee.clone()), 14.0, 28.0),
            width_of(scores.iter().map(|s| s.branch.clone()), 16.0, 32.0),
            9.0,
            9.0,
            9.0,
            12.0,
            9.0,
            9.0,
            9.0,
            11.0,
            9.0,
        ],
    )?;
    ws.set_freeze_panes(3, 0)?;
    page_setup(ws, 2);
    Ok(())
}

/// How the score is made, in words, with the configured weights.
pub fn weights_note(cfg: &Config) -> String {
    let w = &cfg.scoring;
    format!(
        "评分办法（权重见配置 [scoring]）：报送书记项目 {}、书记项目完整（无须修改的问题）{}、党员“四个一”完成率 {}、实事项目按期办结率 {}；某项不适用（本次未收到该类材料，或支部没有到期的实事项目）时不计入，得分按适用各项折算为百分制。",
        fmt_hours(w.project_submitted),
        fmt_hours(w.project_complete),
        fmt_hours(w.members),
        fmt_hours(w.todo)
    )
}

/// 年度统计.xlsx of a run with no pairing data: the 量化评价 sheet alone.
pub fn annual_scores(cfg: &Config, scores: &[BranchScore]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = new_workbook(cfg);
    score_sheet(&mut wb, cfg, scores)?;
    wb.save_to_buffer()
}

/// What the “两在两同” sections of 年度总结 show, from the run's outcome.
pub struct Sections<'a> {
    pub campaign: &'a Campaign,
    pub members: &'a [MemberSummary],
    pub todo: &'a [TodoRow],
    pub scores: &'a [BranchScore],
    pub as_of: NaiveDate,
}

/// The “两在两同” part of 年度总结's data: whether the pairing sections
/// apply, members' “四个一” by branch (with a chart), the 实事清单 ledger
/// and the 量化评价 table — each only when its forms came in.
#[derive(Serialize)]
pub struct AnnualSections {
    pub pairing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<MembersSection>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub todo: Option<TodoSection>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scores_note: Option<String>,
    /// Rows of the 量化评价 table: 名次, 支部, 书记项目, “四个一”完成率,
    /// 实事按期办结率, 得分.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scores: Option<Vec<(usize, String, String, String, String, String)>>,
}

#[derive(Serialize)]
pub struct MembersSection {
    pub summary: String,
    pub chart: Vec<ChartBar>,
    /// 支部, 党员数, 完成人数, 完成率, 人均时长.
    pub rows: Vec<(String, usize, usize, String, String)>,
    pub incomplete: usize,
}

/// One bar of a chart: its label under the bar, its height, the text on it.
#[derive(Serialize)]
pub struct ChartBar {
    pub name: String,
    pub count: i64,
    pub label: String,
}

#[derive(Serialize)]
pub struct TodoSection {
    pub summary: String,
    /// 责任单位, 事项, 办结时限, 状态 of each overdue item.
    pub overdue: Vec<[String; 4]>,
}

/// The “两在两同” sections of 年度总结, from the run's outcome.
pub fn annual_sections(cfg: &Config, o: &Sections) -> AnnualSections {
    let c = o.campaign;
    let members = (!c.member_logs.is_empty()).then(|| {
        let branches = by_branch(o.members);
        let total = o.members.len();
        let complete = o.members.iter().filter(|m| m.complete).count();
        MembersSection {
            summary: format!(
                "共登记党员 {total} 人，完成“四个一”{complete} 人，完成率 {:.1}%；每位党员每年须参加党(团)课授课、志愿服务、义务劳动、新生宿舍结对帮扶各一次，总时长不少于 {} 小时。",
                if total == 0 { 0.0 } else { complete as f64 * 100.0 / total as f64 },
                fmt_hours(cfg.member_hours)
            ),
            chart: branches
                .iter()
                .map(|b| ChartBar {
                    name: b.branch.clone(),
                    count: (b.rate() * 100.0).round() as i64,
                    label: format!("{:.0}%", b.rate() * 100.0),
                })
                .collect(),
            rows: branches
                .iter()
                .map(|b| {
                    (
                        b.branch.clone(),
                        b.members,
                        b.complete,
                        format!("{:.1}%", b.rate() * 100.0),
                        fmt_hours((b.average() * 10.0).round() / 10.0),
                    )
                })
                .collect(),
            incomplete: o.members.iter().filter(|m| !m.complete).count(),
        }
    });
    let todo = (!c.todo_lists.is_empty()).then(|| {
        let done = o.todo.iter().filter(|t| t.done).count();
        let overdue = o.todo.iter().filter(|t| t.overdue).count();
        TodoSection {
            summary: format!(
                "实事清单共 {} 项，已办结 {done} 项，截至 {} 逾期未办结 {overdue} 项。",
                o.todo.len(),
                crate::calendar::chinese_date(o.as_of)
            ),
            overdue: o
                .todo
                .iter()
                .filter(|t| t.overdue)
                .map(|t| {
                    [
                        t.unit.clone(),
                        t.item.clone(),
                        t.due.map(|d| d.to_string()).unwrap_or_default(),
                        t.status.clone(),
                    ]
                })
                .collect(),
        }
    });
    let scores = (!o.scores.is_empty()).then(|| {
        o.scores
            .iter()
            .map(|s| {
                (
                    s.rank,
                    s.branch.clone(),
                    s.project_complete
                        .map_or("—", |x| {
                            if x {
                                "完整"
                            } else if s.project_submitted == Some(true) {
                                "不完整"
                            } else {
                                "未报送"
                            }
                        })
                        .to_string(),
                    s.member_rate
                        .map_or("—".to_string(), |x| format!("{:.0}%", x * 100.0)),
                    s.todo_rate
                        .map_or("—".to_string(), |x| format!("{:.0}%", x * 100.0)),
                    format!("{:.1}", s.score),
                )
            })
            .collect()
    });
    AnnualSections {
        pairing: !c.pairings.is_empty() || !c.activities.is_empty(),
        members,
        todo,
        scores_note: scores.as_ref().map(|_| weights_note(cfg)),
        scores,
    }
}

/// The “两在两同” blank forms `zhibu init` writes when the campaign has them
/// (the 路线图 is required: the `secretary` preset): the members' log in
/// both layouts and the 双月实事清单, with drop-downs for the kinds and states.
pub fn blank_forms(cfg: &Config) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    if !cfg.roadmap_required {
        return Ok(Vec::new());
    }
    let kinds: Vec<&str> = MEMBER_KINDS.iter().map(|(k, _)| *k).collect();
    let by_activity = blank_sheet(
        cfg,
        &format!("{}年党员“四个一”活动登记表（按活动逐条登记）", cfg.year),
        &format!(
            "填报单位：　　　　　　党支部　　说明：每项活动一行；活动类型从下拉框选择（{}）；时长以小时计，可写 2、2.5、2小时，半天按 4 小时计。",
            kinds.join("、")
        ),
        &[
            "序号",
            "姓名",
            "所在支部",
            "活动类型",
            "活动日期",
            "时长（小时）",
            "活动内容",
        ],
        Some((3, &kinds)),
    )?;
    let mut by_member_headers = vec!["序号", "姓名", "所在支部"];
    by_member_headers.extend(kinds.iter().copied());
    by_member_headers.push("合计时长（小时）");
    let by_member = blank_sheet(
        cfg,
        &format!("{}年党员“四个一”完成情况（按党员汇总）", cfg.year),
        "填报单位：　　　　　　党支部　　说明：每位党员一行；四类活动各填参加次数或日期（多个日期用顿号隔开）；合计时长为全年总小时数。",
        &by_member_headers,
        None,
    )?;
    let todo = blank_sheet(
        cfg,
        &format!("{}年双月实事清单（对账销号表）", cfg.year),
        "填报单位：　　　　　　　说明：每项实事一行，注明办结时限；进展情况从下拉框选择，办结后填写办结日期，逐项对账销号。",
        &[
            "序号",
            "责任单位",
            "实事项目",
            "责任人",
            "办结时限",
            "进展情况",
            "办结日期",
        ],
        Some((5, &["已办结", "推进中", "未启动"])),
    )?;
    Ok(vec![
        (
            "附件5 党员“四个一”登记表（按活动登记）.xlsx".into(),
            by_activity,
        ),
        (
            "附件6 党员“四个一”登记表（按党员汇总）.xlsx".into(),
            by_member,
        ),
        ("附件7 双月实事清单.xlsx".into(), todo),
    ])
}

fn blank_sheet(
    cfg: &Config,
    title: &str,
    note: &str,
    headers: &[&str],
    choices: Option<(u16, &[&str])>,
) -> std::io::Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let lk = look();
        let mut wb = new_workbook(cfg);
        let ws = wb.add_worksheet();
        let last = (headers.len() - 1) as u16;
        ws.merge_range(0, 0, 0, last, title, &lk.title)?;
        ws.set_row_height(0, 30)?;
        ws.merge_range(1, 0, 1, last, note, &lk.note)?;
        ws.set_row_height(1, 32)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, *h, &lk.header)?;
            ws.set_column_width(c as u16, (text_width(h) + 4.0).max(10.0))?;
        }
        ws.set_column_width(last, 30.0)?;
        if let Some((col, list)) = choices {
            let v = rust_xlsxwriter::DataValidation::new().allow_list_strings(list)?;
            ws.add_data_validation(3, col, 500, col, &v)?;
        }
        ws.set_freeze_panes(3, 0)?;
        page_setup(ws, 2);
        wb.save_to_buffer()
    };
    build().map_err(std::io::Error::other)
}
