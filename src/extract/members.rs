//! 1.9 党员“四个一”登记表 (“两在两同”), in either layout:
//!
//! - one row per activity: 姓名 · 所在支部 · 类型 · 日期 · 时长 · 内容;
//! - one row per member: 姓名 · 所在支部 · a column per kind (a count, a
//!   date or several, ✓) · 合计时长 (or an hours column per kind).
//!
//! Headers are recognised by the words they hold, not by exact labels
//! (`党（团）课授课（次）`, `志愿服务时长(小时)`, `合计时长`), over one or two
//! header rows; title rows, 填报单位 lines, 合计 rows, notes, repeated
//! headers and branch heading rows inside the table are passed over; a name,
//! branch or committee merged down over its rows is carried down.

use super::rows::{HEADER_SEARCH_ROWS, TypedHeader};
use crate::config::Config;
use crate::ingest::document::a1;
use crate::ingest::{Sheet, Value};
use crate::model::MemberRecord;
use crate::normalise::{self, compact, has_any};
use crate::problem::{Code, Problem};
use crate::vocab::{HOURS_WORDS, MEMBER_KINDS, NOTE_ROW_WORDS, TOTAL_ROW_WORDS};
use chrono::{Datelike, NaiveDate};

/// How many rows from the top a header row may be.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Branch,
    Committee,
    Kind,
    Date,
    Hours,
    TotalHours,
    Content,
    PerKind(usize),
    PerKindHours(usize),
}

/// The “四个一” kind a text names (index into [`MEMBER_KINDS`]): the full
/// name first, then the first kind whose word it holds.
pub fn member_kind(s: &str) -> Option<usize> {
    let k = compact(s)
        .replace(['（', '('], "(")
        .replace(['）', ')'], ")");
    if let Some(i) = MEMBER_KINDS
        .iter()
        .position(|(name, _)| k.contains(&compact(name)))
    {
        return Some(i);
    }
    let plain = k.replace(['(', ')'], "");
    MEMBER_KINDS
        .iter()
        .position(|(_, words)| words.iter().any(|w| plain.contains(w)))
}

/// A member's name: spaces inside it dropped (`王  磊`), a role after it
/// (`张明（书记）`, `张明 支部书记`) removed.
pub fn member_name(raw: &str) -> String {
    let name = normalise::person(&compact(raw)).0;
    let mut name = compact(&name);
    for role in [
        "支部书记",
        "副书记",
        "书记",
        "支委",
        "委员",
        "预备党员",
        "党员",
        "同志",
    ] {
        if name.chars().count() > role.chars().count() + 1 {
            if let Some(n) = name.strip_suffix(role) {
                name = n.to_string();
                break;
            }
        }
    }
    name
}

/// Whether a name cell holds a person's name, not a line such as
/// `本支部共20人` or `填表人：…` written into the name column.
fn looks_like_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=12).contains(&n)
        && !name.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !has_any(
            name,
            &[
                "合计", "小计", "总计", "共计", "平均", "填表", "说明", "备注", "支部", "党委",
                "人数",
            ],
        )
}

/// Every kind a text names.
fn kinds_named(s: &str) -> Vec<usize> {
    /// Each kind's name without its brackets (`党团课授课`).
    static PLAIN_NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        MEMBER_KINDS
            .iter()
            .map(|(name, _)| name.replace(['(', ')'], ""))
            .collect()
    });
    let plain = compact(s).replace(['（', '(', '）', ')'], "");
    (0..MEMBER_KINDS.len())
        .filter(|&i| {
            MEMBER_KINDS[i].1.iter().any(|w| plain.contains(w)) || plain.contains(&PLAIN_NAMES[i])
        })
        .collect()
}

/// Whether a compacted header names the members' column.
fn names_members(t: &str) -> bool {
    has_any(t, &["姓名", "名字"]) && !has_any(t, &["结对", "联系", "书记", "负责"])
        || ["党员", "党员名单"].contains(&t)
}

/// Whether [`classify`] makes `text` the members' column, without
/// classifying it: a text with neither `名` nor `员` is not (compacting
/// only drops spaces and folds full-width forms).
fn is_name_header(text: &str) -> bool {
    if !text.contains(['名', '员']) {
        return false;
    }
    let t = compact(text);
    !t.is_empty() && t.chars().count() <= 40 && names_members(&t)
}

/// What a header cell names.
fn classify(text: &str) -> Option<Col> {
    let t = compact(text);
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    let hours = has_any(&t, &["时长", "小时", "学时", "工时", "时数"]);
    if names_members(&t) {
        return Some(Col::Name);
    }
    if hours && has_any(&t, &["合计", "总", "累计", "全年", "共计"]) {
        return Some(Col::TotalHours);
    }
    if has_any(&t, &["类型", "类别", "形式"])
        || ["项目", "活动项目", "四个一"].contains(&t.as_str())
    {
        return Some(Col::Kind);
    }
    let kinds = kinds_named(&t);
    match kinds.as_slice() {
        [k] if hours => return Some(Col::PerKindHours(*k)),
        [k] => return Some(Col::PerKind(*k)),
        [] => {}
        _ => return None,
    }
    if hours {
        return Some(Col::Hours);
    }
    if has_any(&t, &["日期", "时间"]) {
        return Some(Col::Date);
    }
    // A label (`所在党支部`, `支部名称`), not a heading row naming a branch.
    if t.contains("支部")
        && !t.contains("书记")
        && (t.chars().count() <= 5 || has_any(&t, &["所在", "所属", "名称"]))
    {
        return Some(Col::Branch);
    }
    if has_any(&t, &["党委", "学院", "党组织", "党总支", "单位"]) {
        return Some(Col::Committee);
    }
    if has_any(&t, &["内容", "主题", "活动名称", "具体"]) {
        return Some(Col::Content);
    }
    None
}

type Header = TypedHeader<Col>;

impl Header {
    fn per_kind(&self) -> usize {
        self.cols
            .iter()
            .filter(|(_, c)| matches!(c, Col::PerKind(_)))
            .count()
    }
    /// How many “四个一” kinds have a column of their own (a count or hours).
    fn kinds_covered(&self) -> usize {
        let mut kinds: Vec<usize> = self
            .cols
            .iter()
            .filter_map(|(_, c)| match c {
                Col::PerKind(k) | Col::PerKindHours(k) => Some(*k),
                _ => None,
            })
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.len()
    }
    /// One row per activity: a 类型 column, or (no column per kind) hours
    /// and a content column that names the kind.
    fn by_activity(&self) -> bool {
        self.find(Col::Kind).is_some()
            || self.per_kind() == 0
                && self.find(Col::Hours).is_some()
                && self.find(Col::Content).is_some()
    }
}

/// The header row `r` would make, from what the first rows' cells name
/// (`named`, made once per sheet by [`find_header`]).
fn header_of(sheet: &Sheet, r: usize, named: &[Vec<Option<Col>>]) -> Header {
    let cells = &sheet.rows[r];
    let above = r.checked_sub(1);
    let width = cells.len().max(above.map_or(0, |a| sheet.rows[a].len()));
    let mut cols: Vec<(usize, Col)> = Vec::new();
    let classified = |c: usize| named[r].get(c).copied().flatten();
    // The second row of a two-row header names columns itself.
    let second_row = (0..width).filter(|&c| classified(c).is_some()).count() >= 2;
    // Kind headings over groups of columns count only above a second header row.
    let groups = above
        .filter(|_| second_row)
        .map(|a| group_kinds(&sheet.rows[a], width));
    for c in 0..width {
        let own = classified(c);
        // A header merged down over both header rows stands in the row above.
        let own = own.or_else(|| {
            (second_row && cells.get(c).is_none_or(Value::is_empty))
                .then(|| above.and_then(|a| named[a].get(c).copied().flatten()))
                .flatten()
        });
        // Under a kind heading merged over several columns (`志愿服务` over
        // `次数 | 时长`): the kind's count or hours.
        let group = groups.as_ref().and_then(|g| g[c]);
        let own = match (own, group) {
            (Some(Col::Hours | Col::TotalHours), Some(k)) if second_row => {
                Some(Col::PerKindHours(k))
            }
            (Some(Col::Date) | None, Some(k))
                if second_row && cells.get(c).is_some_and(|v| !v.is_empty()) =>
            {
                Some(Col::PerKind(k))
            }
            (own, _) => own,
        };
        if let Some(col) = own {
            // Several columns of one kind (`党课` and `团课`) all count.
            let repeatable = matches!(col, Col::PerKind(_) | Col::PerKindHours(_));
            if repeatable || !cols.iter().any(|(_, x)| *x == col) {
                cols.push((c, col));
            }
        }
    }
    Header { row: r, cols }
}

/// For each column of a row, the kind its heading names when the row is a
/// heading row over groups of columns: the nearest heading at or left of the
/// column, carried right over the empty cells of its merged range (stopping
/// at the next heading). `width` columns; none when the row is a title over
/// the whole table (fewer than two cells filled).
fn group_kinds(row: &[Value], width: usize) -> Vec<Option<usize>> {
    if row.iter().filter(|v| !v.is_empty()).count() < 2 {
        return vec![None; width];
    }
    let mut current = None;
    (0..width)
        .map(|c| {
            match row.get(c) {
                Some(Value::Text(t)) if !t.trim().is_empty() => {
                    current = match kinds_named(t).as_slice() {
                        [k] if compact(t).chars().count() <= 12 => Some(*k),
                        _ => None,
                    };
                }
                Some(v) if !v.is_empty() => current = None,
                _ => {}
            }
            current
        })
        .collect()
}

fn find_header(sheet: &Sheet) -> Option<Header> {
    let rows = &sheet.rows[..sheet.rows.len().min(HEADER_SEARCH_ROWS)];
    // A log's header names its members' column, in its own row or merged
    // down from the row above: a sheet whose first rows name none (most
    // sheets of other forms) is no log, and its cells need no classifying.
    let any_name = rows
        .iter()
        .flatten()
        .any(|v| matches!(v, Value::Text(t) if is_name_header(t)));
    if !any_name {
        return None;
    }
    let named: Vec<Vec<Option<Col>>> = rows
        .iter()
        .map(|cells| {
            cells
                .iter()
                .map(|v| match v {
                    Value::Text(t) => classify(t),
                    _ => None,
                })
                .collect()
        })
        .collect();
    (0..rows.len())
        .map(|r| header_of(sheet, r, &named))
        .filter(|h| h.find(Col::Name).is_some() && (h.by_activity() || h.kinds_covered() >= 2))
        .max_by_key(|h| (h.cols.len(), std::cmp::Reverse(h.row)))
}

/// Whether a sheet is a members' “四个一” log.
pub fn is_member_log(sheet: &Sheet) -> bool {
    find_header(sheet).is_some()
}

/// The branch (and committee) a log names above its header or in its sheet
/// name: `填报单位：机械本科第一党支部`, a title `机械本科第一党支部党员“四个一”登记表`.
fn branch_from_preamble(sheet: &Sheet, header_row: usize) -> (String, String) {
    let mut branch = String::new();
    let mut committee = String::new();
    for v in sheet.rows[..header_row].iter().flatten() {
        let t = normalise::text(&v.as_text());
        for part in t.split(['　', ' ']).filter(|p| !p.is_empty()) {
            let (label, value) = match part.split_once([':', '：']) {
                Some((l, v)) => (compact(l), compact(v)),
                None => (String::new(), compact(part)),
            };
            if value.is_empty() || value.chars().count() > 40 {
                continue;
            }
            let is_branch_label =
                label.contains("支部") || label.contains("填报单位") || label.contains("单位");
            if value.contains("支部") && !value.ends_with("总支") && branch.is_empty() {
                if label.is_empty() {
                    // A title: the name runs up to its last 支部 before the form's own words.
                    let cut = value.find("党员").unwrap_or(value.len());
                    let head = &value[..cut];
                    if let Some(i) = head.rfind("支部") {
                        let name = head[..i + "支部".len()].trim_start_matches(|c: char| {
                            c.is_ascii_digit() || c == '年' || c == '度'
                        });
                        if name.chars().count() >= 4 {
                            branch = name.to_string();
                        }
                    }
                } else if is_branch_label {
                    branch = value.clone();
                }
            } else if !label.is_empty()
                && committee.is_empty()
                && (label.contains("党委") || label.contains("学院") || label.contains("单位"))
            {
                committee = value.clone();
            }
        }
    }
    if branch.is_empty() && sheet.name.contains("支部") {
        branch = normalise::text(&sheet.name);
    }
    (branch, committee)
}

/// Hours as written: `2`, `2.5`, `2小时`, `2h`, `90分钟`, `半天` (4), `一天` (8), `两小时`.
pub fn hours(v: &Value) -> Result<Option<f64>, String> {
    let raw = match v {
        Value::Empty => return Ok(None),
        Value::Number(n) if *n >= 0.0 && n.is_finite() => return Ok(Some(*n)),
        Value::Number(n) => return Err(format!("时长“{n}”不是有效的小时数")),
        Value::Bool(_) | Value::Date(_) => return Err(format!("时长“{}”不是小时数", v.as_text())),
        Value::Text(t) => t,
    };
    let t = compact(&normalise::text(raw)).to_lowercase();
    if normalise::is_placeholder(&t) || t == "0" || t == "无" {
        return Ok(if t == "0" { Some(0.0) } else { None });
    }
    if let Some((_, h)) = HOURS_WORDS.iter().find(|(w, _)| t == *w) {
        return Ok(Some(*h));
    }
    let unit_of = |rest: &str| -> f64 {
        if rest.starts_with("分") || rest.starts_with("min") {
            1.0 / 60.0
        } else if rest.starts_with("天") || rest.starts_with("日") {
            8.0
        } else {
            1.0
        }
    };
    // The first number, ASCII or Chinese, and the unit after it.
    let start = t.find(|c: char| c.is_ascii_digit());
    if let Some(s) = start {
        let num: String = t[s..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let rest = &t[s + num.len()..];
        let rest = rest.trim_start_matches("个");
        if let Ok(n) = num.trim_end_matches('.').parse::<f64>() {
            let half = if rest.starts_with("半") { 0.5 } else { 0.0 };
            let rest = rest.trim_start_matches("半").trim_start_matches("个");
            return Ok(Some((n + half) * unit_of(rest)));
        }
    }
    if let Some((_, h)) = HOURS_WORDS.iter().find(|(w, _)| t.contains(w)) {
        return Ok(Some(*h));
    }
    let digits = "零一二两三四五六七八九十";
    let run: String = t
        .chars()
        .skip_while(|c| !digits.contains(*c))
        .take_while(|c| digits.contains(*c))
        .collect();
    if let Some(n) = small_chinese_number(&run) {
        let after = t.split_once(run.as_str()).map_or("", |(_, r)| r);
        let after = after.trim_start_matches("个");
        let half = if after.starts_with("半") { 0.5 } else { 0.0 };
        let after = after.trim_start_matches("半").trim_start_matches("个");
        return Ok(Some((n as f64 + half) * unit_of(after)));
    }
    Err(format!(
        "时长“{raw}”无法识别，应写成如 2、2.5、2小时 或 半天"
    ))
}

/// 1–99 in Chinese numerals (`两`, `十二`, `二十`).
fn small_chinese_number(s: &str) -> Option<u32> {
    let d = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [a] if *a == '十' => Some(10),
        [a] => d(*a),
        ['十', b] => Some(10 + d(*b)?),
        [a, '十'] => Some(d(*a)? * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

/// A date cell of a log: a date cell, an Excel serial, or any §2 spelling
/// (a month alone counts as its first day).
fn date_of(v: &Value, year: i32) -> Result<Option<NaiveDate>, String> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(*d)),
        Value::Number(n) if *n > 20_000.0 => normalise::excel_serial_date(*n)
            .map(Some)
            .ok_or_else(|| format!("“{n}”不是日期")),
        // `3.5` typed into a number cell: 3月5日.
        Value::Number(_) => normalise::date(&v.as_text(), year).map(Some),
        other => {
            let t = other.as_text();
            if normalise::is_placeholder(&t) {
                return Ok(None);
            }
            normalise::date(&t, year)
                .or_else(|e| normalise::month_span(&t, year).map(|s| s.0).map_err(|_| e))
                .map(Some)
        }
    }
}

/// A per-kind cell of a member row: how many activities, and the dates
/// written in it (to tell the out-of-year ones).
fn kind_cell(v: &Value, year: i32) -> (u32, Vec<NaiveDate>) {
    match v {
        Value::Empty => (0, vec![]),
        Value::Date(d) => (1, vec![*d]),
        Value::Bool(b) => (*b as u32, vec![]),
        Value::Number(n) if *n > 20_000.0 => match normalise::excel_serial_date(*n) {
            Some(d) => (1, vec![d]),
            None => (0, vec![]),
        },
        Value::Number(n) => (n.max(0.0).round() as u32, vec![]),
        Value::Text(raw) => {
            let t = compact(raw);
            if normalise::is_placeholder(&t)
                || ["0", "无", "否", "×", "✗", "✘", "x", "X", "未", "没有"].contains(&t.as_str())
                || has_any(&t, &["未参加", "未完成", "没有", "未开展", "尚未"])
            {
                return (0, vec![]);
            }
            if has_any(&t, &["√", "✓", "✔", "☑"])
                || ["是", "有", "已完成", "完成", "已参加"].contains(&t.as_str())
            {
                return (1, vec![]);
            }
            let pieces: Vec<&str> = t
                .split(['、', ',', '，', ';', '；', '\n'])
                .filter(|p| !p.is_empty())
                .collect();
            let dates: Vec<NaiveDate> = pieces
                .iter()
                .filter_map(|p| normalise::date(p, year).ok())
                .collect();
            if !dates.is_empty() && dates.len() == pieces.len() {
                return (dates.len() as u32, dates);
            }
            let lead: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(n) = lead.parse::<u32>() {
                return (n, vec![]);
            }
            if let Some(n) = small_chinese_number(
                &t.chars()
                    .take_while(|c| "一二两三四五六七八九十".contains(*c))
                    .collect::<String>(),
            ) {
                return (n, vec![]);
            }
            (1, vec![])
        }
    }
}

fn first_text(cells: &[Value]) -> String {
    cells
        .iter()
        .find(|v| !v.is_empty())
        .map(|v| compact(&v.as_text()))
        .unwrap_or_default()
}

/// Read a members' log sheet; `None` when the sheet is not one.
pub fn read(
    sheet: &Sheet,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Option<Vec<MemberRecord>> {
    let h = find_header(sheet)?;
    let (sheet_branch, sheet_committee) = branch_from_preamble(sheet, h.row);
    let (get, value) = (super::rows::cell_text, super::rows::cell_value);
    let name_col = h.find(Col::Name);
    let branch_col = h.find(Col::Branch);
    let committee_col = h.find(Col::Committee);
    let mut out = Vec::new();
    let mut above = (String::new(), sheet_branch.clone(), sheet_committee.clone());
    let year = cfg.year;
    for (r, cells) in sheet.rows.iter().enumerate().skip(h.row + 1) {
        let first = first_text(cells);
        if first.is_empty() {
            continue;
        }
        if TOTAL_ROW_WORDS
            .iter()
            .any(|w| normalise::starts_with_compact(&first, w))
            || NOTE_ROW_WORDS
                .iter()
                .any(|w| normalise::starts_with_compact(&first, w))
        {
            continue;
        }
        // A repeated header (a table per branch on one sheet).
        if name_col
            .and_then(|c| cells.get(c))
            .is_some_and(|v| matches!(v, Value::Text(t) if classify(t) == Some(Col::Name)))
        {
            continue;
        }
        let filled = cells.iter().filter(|v| !v.is_empty()).count();
        let location = |c: Option<usize>| match c {
            Some(c) => format!("工作表“{}” {}", sheet.name, a1(r, c)),
            None => format!("工作表“{}” 第{}行", sheet.name, r + 1),
        };
        let raw_name = get(cells, name_col);
        // A heading row inside the table: `机械本科第一党支部（12人）`.
        if filled == 1 && (raw_name.is_empty() || first.contains("支部")) {
            if first.contains("支部") {
                let name = normalise::text(&cells.iter().find(|v| !v.is_empty())?.as_text());
                let name = name
                    .split(['（', '('])
                    .next()
                    .unwrap_or(&name)
                    .trim()
                    .to_string();
                above = (String::new(), name, above.2.clone());
            }
            continue;
        }
        let branch = Some(get(cells, branch_col))
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| above.1.clone());
        let committee = Some(get(cells, committee_col))
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| above.2.clone());
        let name = if raw_name.is_empty() {
            above.0.clone()
        } else {
            member_name(&raw_name)
        };
        if !looks_like_name(&name) {
            continue;
        }
        above = (name.clone(), branch.clone(), committee.clone());
        let mut rec = MemberRecord {
            name,
            branch,
            committee,
            per_member: !h.by_activity(),
            sheet: sheet.name.clone(),
            row: r + 1,
            ..MemberRecord::default()
        };
        let hour_problem = |c: usize, e: String, problems: &mut Vec<Problem>| {
            problems.push(
                Problem::new(Code::BadAmount, file, location(Some(c)), e).about(&above.1, &above.2),
            );
        };
        if h.by_activity() {
            let kind_col = h.find(Col::Kind);
            let content_col = h.find(Col::Content);
            let kind_raw = get(cells, kind_col);
            rec.content = get(cells, content_col);
            let kind = member_kind(&kind_raw).or_else(|| {
                kind_raw
                    .is_empty()
                    .then(|| member_kind(&rec.content))
                    .flatten()
            });
            let date_col = h.find(Col::Date);
            match date_of(&value(cells, date_col), year) {
                Ok(d) => rec.date = d,
                Err(e) => problems.push(
                    Problem::new(
                        Code::BadDate,
                        file,
                        location(date_col),
                        format!("活动日期：{e}"),
                    )
                    .about(&rec.branch, &rec.committee),
                ),
            }
            let hours_col = h.find(Col::Hours).or(h.find(Col::TotalHours));
            if let Some(c) = hours_col {
                match hours(&value(cells, Some(c))) {
                    Ok(x) => rec.hours = x,
                    Err(e) => hour_problem(c, e, problems),
                }
            }
            match kind {
                Some(k) => rec.kinds[k] = 1,
                None if !kind_raw.is_empty() => problems.push(
                    Problem::new(
                        Code::Unmatched,
                        file,
                        location(kind_col),
                        format!(
                            "活动类型“{kind_raw}”不是“四个一”（{}）之一，未计入次数（时长已计入）",
                            MEMBER_KINDS
                                .iter()
                                .map(|(k, _)| *k)
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    )
                    .about(&rec.branch, &rec.committee),
                ),
                None => {}
            }
            if let Some(d) = rec.date.filter(|d| d.year() != year) {
                problems.push(
                    Problem::new(
                        Code::OutOfYear,
                        file,
                        location(date_col),
                        format!(
                            "{}的活动日期 {d} 不在 {year} 年度内，未计入“四个一”",
                            rec.name
                        ),
                    )
                    .about(&rec.branch, &rec.committee),
                );
            }
            // A row that names nobody new and says nothing.
            if raw_name.is_empty()
                && kind.is_none()
                && kind_raw.is_empty()
                && rec.hours.is_none()
                && rec.date.is_none()
            {
                continue;
            }
        } else {
            let total_col = h.find(Col::TotalHours).or(h.find(Col::Hours));
            let mut per_kind_hours: Option<f64> = None;
            for &(c, col) in &h.cols {
                match col {
                    Col::PerKind(k) => {
                        let (n, dates) = kind_cell(&value(cells, Some(c)), year);
                        let outside: Vec<&NaiveDate> =
                            dates.iter().filter(|d| d.year() != year).collect();
                        for d in &outside {
                            problems.push(
                                Problem::new(
                                    Code::OutOfYear,
                                    file,
                                    location(Some(c)),
                                    format!(
                                        "{}的{}日期 {d} 不在 {year} 年度内，未计入“四个一”",
                                        rec.name, MEMBER_KINDS[k].0
                                    ),
                                )
                                .about(&rec.branch, &rec.committee),
                            );
                        }
                        rec.kinds[k] += n.saturating_sub(outside.len() as u32);
                    }
                    Col::PerKindHours(k) => {
                        // Hours of a kind with no count column of its own: some
                        // hours are one activity of that kind.
                        let counted = h.cols.iter().any(|(_, x)| *x == Col::PerKind(k));
                        match hours(&value(cells, Some(c))) {
                            Ok(Some(x)) => {
                                if total_col.is_none() {
                                    *per_kind_hours.get_or_insert(0.0) += x;
                                }
                                if !counted && x > 0.0 {
                                    rec.kinds[k] = rec.kinds[k].max(1);
                                }
                            }
                            Ok(None) => {}
                            Err(e) if total_col.is_none() => hour_problem(c, e, problems),
                            Err(_) => {}
                        }
                    }
                    _ => {}
                }
            }
            rec.hours = per_kind_hours;
            if let Some(c) = total_col {
                match hours(&value(cells, Some(c))) {
                    Ok(x) => rec.hours = x,
                    Err(e) => hour_problem(c, e, problems),
                }
            }
        }
        out.push(rec);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Option<f64> {
        hours(&Value::Text(s.into())).unwrap()
    }

    /// The shortcut agrees with the classifier on every kind of header.
    #[test]
    fn name_header_shortcut_agrees_with_classify() {
        for t in [
            "姓名",
            "党员姓名",
            "姓 名",
            "名字",
            "党员",
            "党员名单",
            " 党 员 ",
            "联系人姓名",
            "结对党员姓名",
            "支部书记姓名",
            "负责人姓名",
            "支部名称",
            "项目名称",
            "成员",
            "党员人数",
            "学习时长（小时）",
            "志愿服务",
            "",
            "张三",
            "机械工程学院本科生第一党支部党员姓名登记表（2025年度）请按实际填写全部内容",
        ] {
            assert_eq!(is_name_header(t), classify(t) == Some(Col::Name), "{t}");
        }
    }

    #[test]
    fn hours_spellings() {
        assert_eq!(h("2"), Some(2.0));
        assert_eq!(h("2.5"), Some(2.5));
        assert_eq!(h("2小时"), Some(2.0));
        assert_eq!(h("2.5 小时"), Some(2.5));
        assert_eq!(h("半天"), Some(4.0));
        assert_eq!(h("一天"), Some(8.0));
        assert_eq!(h("两小时"), Some(2.0));
        assert_eq!(h("3个小时"), Some(3.0));
        assert_eq!(h("1个半小时"), Some(1.5));
        assert_eq!(h("90分钟"), Some(1.5));
        assert_eq!(h("2h"), Some(2.0));
        assert_eq!(h("约2小时"), Some(2.0));
        assert_eq!(h(""), None);
        assert_eq!(hours(&Value::Number(1.5)).unwrap(), Some(1.5));
        assert!(hours(&Value::Text("若干".into())).is_err());
    }

    #[test]
    fn names() {
        assert!(looks_like_name("王磊") && looks_like_name("阿依古丽·买买提"));
        assert!(
            !looks_like_name("本支部共20人") && !looks_like_name("合计") && !looks_like_name("12")
        );
        assert_eq!(member_name("王  磊"), "王磊");
        assert_eq!(member_name("张明（支部书记）"), "张明");
    }

    #[test]
    fn headers_and_kinds() {
        assert_eq!(classify("党（团）课授课（次）"), Some(Col::PerKind(0)));
        assert_eq!(classify("志愿服务时长(小时)"), Some(Col::PerKindHours(1)));
        assert_eq!(classify("合计时长（小时）"), Some(Col::TotalHours));
        assert_eq!(classify("时长（小时）"), Some(Col::Hours));
        assert_eq!(classify("活动类型"), Some(Col::Kind));
        assert_eq!(classify("新生宿舍结对帮扶"), Some(Col::PerKind(3)));
        assert_eq!(classify("党员姓名"), Some(Col::Name));
        assert_eq!(classify("所在党支部"), Some(Col::Branch));
        assert_eq!(member_kind("新生宿舍结对帮扶"), Some(3));
        assert_eq!(member_kind("党（团）课授课"), Some(0));
        assert_eq!(member_kind("团课"), Some(0));
        assert_eq!(member_kind("社区志愿服务"), Some(1));
        assert_eq!(member_kind("校园义务劳动"), Some(2));
        assert_eq!(
            kind_cell(&Value::Text("3月5日、2020年5月6日".into()), 2025).0,
            2
        );
        assert_eq!(kind_cell(&Value::Text("2次".into()), 2025).0, 2);
        assert_eq!(kind_cell(&Value::Text("√".into()), 2025).0, 1);
        assert_eq!(kind_cell(&Value::Text("未参加".into()), 2025).0, 0);
    }
}
