//! 1.10 双月实事清单 (“两在两同”): 序号 · 单位/支部 · 实事项目 · 责任人 ·
//! 办结时限 · 进展/状态 · 办结日期, headers recognised by the words they hold,
//! with title rows, 填报单位 lines, period heading rows (`一、1–2月`), 合计
//! rows and notes passed over and a unit merged down over its rows carried down.

use super::rows::{HEADER_SEARCH_ROWS, TypedHeader};
use crate::config::Config;
use crate::ingest::document::a1;
use crate::ingest::{Sheet, Value};
use crate::model::{TodoItem, TodoStatus};
use crate::normalise::{self, compact, has_any};
use crate::problem::{Code, Problem};
use crate::vocab::{
    NOTE_ROW_WORDS, TODO_DONE, TODO_IN_PROGRESS, TODO_NOT_STARTED, TOTAL_ROW_WORDS,
};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Unit,
    Committee,
    Item,
    Person,
    Due,
    Status,
    DoneOn,
    Period,
}

/// Whether [`classify`] may make `text` a deadline (时限, 截止, 期限, 计划…日期)
/// or a date done (…日期, …时间, which stands for the deadline when there is
/// none): every word of those names holds `期`, `时` or `截`, and compacting
/// only drops spaces and folds full-width forms.
fn may_name_a_deadline(text: &str) -> bool {
    text.contains(['期', '时', '截'])
}

fn classify(text: &str) -> Option<Col> {
    let t = compact(text);
    if t.is_empty() || t.chars().count() > 30 {
        return None;
    }
    let when = has_any(&t, &["日期", "时间"]);
    if has_any(&t, &["时限", "截止", "期限"]) || t.contains("计划") && when {
        return Some(Col::Due);
    }
    if when && has_any(&t, &["办结", "完成", "销号", "实际"]) {
        return Some(Col::DoneOn);
    }
    if has_any(
        &t,
        &[
            "进展",
            "状态",
            "是否",
            "销号",
            "办理情况",
            "完成情况",
            "进度",
        ],
    ) {
        return Some(Col::Status);
    }
    if has_any(&t, &["责任人", "负责人", "联系人", "经办人"]) {
        return Some(Col::Person);
    }
    if has_any(&t, &["实事", "事项"])
        || ["项目", "项目名称", "内容", "项目内容"].contains(&t.as_str())
    {
        return Some(Col::Item);
    }
    if has_any(&t, &["双月", "期次", "周期", "批次", "时段"]) || t == "月份" {
        return Some(Col::Period);
    }
    if has_any(&t, &["党委", "学院", "党总支"]) && !t.contains("支部") {
        return Some(Col::Committee);
    }
    if has_any(&t, &["单位", "部门", "支部"]) {
        return Some(Col::Unit);
    }
    None
}

type Header = TypedHeader<Col>;

fn find_header(sheet: &Sheet) -> Option<Header> {
    (0..sheet.rows.len().min(HEADER_SEARCH_ROWS))
        // A header has a deadline column (below): only a row with a cell
        // that may name one is classified.
        .filter(|&r| {
            sheet.rows[r]
                .iter()
                .any(|v| matches!(v, Value::Text(t) if may_name_a_deadline(t)))
        })
        .map(|r| {
            let mut cols: Vec<(usize, Col)> = Vec::new();
            let mut done_like: Vec<(usize, String)> = Vec::new();
            for (c, v) in sheet.rows[r].iter().enumerate() {
                if let Value::Text(t) = v {
                    let col = classify(t);
                    if col == Some(Col::DoneOn) {
                        done_like.push((c, compact(t)));
                    }
                    if let Some(col) = col {
                        if !cols.iter().any(|(_, x)| *x == col) {
                            cols.push((c, col));
                        }
                    }
                }
            }
            // No 时限 column: a `完成时间` is the deadline, unless it is
            // plainly the actual date; with two such columns, the first is.
            if !cols.iter().any(|(_, c)| *c == Col::Due) {
                let due = match done_like.as_slice() {
                    [(c, _), _, ..] => Some(*c),
                    [(c, t)] if !has_any(t, &["实际", "办结日期", "销号", "办结时间"]) => {
                        Some(*c)
                    }
                    _ => None,
                };
                if let Some(due) = due {
                    cols.retain(|(c, _)| *c != due);
                    cols.push((due, Col::Due));
                    if let Some((c, _)) = done_like.iter().rfind(|(c, _)| *c != due) {
                        if !cols.iter().any(|(_, x)| *x == Col::DoneOn) {
                            cols.push((*c, Col::DoneOn));
                        }
                    }
                }
            }
            Header { row: r, cols }
        })
        .filter(|h| h.find(Col::Item).is_some() && h.find(Col::Due).is_some() && h.cols.len() >= 3)
        .max_by_key(|h| (h.cols.len(), std::cmp::Reverse(h.row)))
}

/// Whether a sheet is a 双月实事清单.
pub fn is_todo_list(sheet: &Sheet) -> bool {
    find_header(sheet).is_some()
}

/// A status as written, or from a 办结日期 when nothing is written.
pub fn status(raw: &str, done_on: Option<NaiveDate>) -> Option<TodoStatus> {
    let t = compact(raw);
    if t.is_empty() || normalise::is_placeholder(&t) {
        return done_on.map(|_| TodoStatus::Done);
    }
    if has_any(&t, TODO_NOT_STARTED) {
        Some(TodoStatus::NotStarted)
    } else if has_any(&t, TODO_IN_PROGRESS) {
        Some(TodoStatus::InProgress)
    } else if has_any(&t, TODO_DONE) || t == "是" {
        Some(TodoStatus::Done)
    } else if t == "否" {
        Some(TodoStatus::InProgress)
    } else {
        // Words of progress that name no state (`已召开座谈会`): in progress,
        // unless a 办结日期 says it is done.
        Some(done_on.map_or(TodoStatus::InProgress, |_| TodoStatus::Done))
    }
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// A 办结时限: a date in any §2 spelling, `6月底`/`6月末`/`6月` (the month's
/// last day), `6月上旬`/`中旬`/`下旬` (10th, 20th, last), `…前`. `Ok(None)`:
/// none written, or an open-ended `长期`/`持续`.
pub fn due(v: &Value, year: i32) -> Result<Option<NaiveDate>, String> {
    let raw = match v {
        Value::Empty => return Ok(None),
        Value::Date(d) => return Ok(Some(*d)),
        Value::Number(n) if *n > 20_000.0 => {
            return normalise::excel_serial_date(*n)
                .map(Some)
                .ok_or_else(|| format!("“{n}”不是日期"));
        }
        other => other.as_text(),
    };
    let t = compact(&raw);
    if normalise::is_placeholder(&t) {
        return Ok(None);
    }
    if has_any(&t, &["长期", "持续", "常态", "长效"]) {
        return Ok(None);
    }
    let t = t
        .trim_end_matches("之前")
        .trim_end_matches('前')
        .trim_end_matches("以前")
        .trim_end_matches("完成")
        .trim_end_matches("办结")
        .to_string();
    if let Ok(d) = normalise::date(&t, year) {
        return Ok(Some(d));
    }
    for (word, day) in [("上旬", 10), ("中旬", 20)] {
        if let Some(head) = t.strip_suffix(word) {
            if let Ok((from, _)) = normalise::month_span(head, year) {
                return Ok(from.with_day(day));
            }
        }
    }
    let head = ["下旬", "月底", "月末", "底", "末"]
        .iter()
        .find_map(|w| {
            t.strip_suffix(w).map(|h| {
                if w.starts_with('月') {
                    format!("{h}月")
                } else {
                    h.to_string()
                }
            })
        })
        .unwrap_or_else(|| t.clone());
    normalise::month_span(&head, year)
        .map(|(_, to)| last_day(to.year(), to.month()).or(Some(to)))
        .map_err(|_| {
            format!("办结时限“{raw}”不是可识别的日期，应为如 2025-06-30、6月30日 或 6月底")
        })
}

fn done_date(v: &Value, year: i32) -> Result<Option<NaiveDate>, String> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(*d)),
        Value::Number(n) if *n > 20_000.0 => Ok(normalise::excel_serial_date(*n)),
        other => {
            let t = other.as_text();
            if normalise::is_placeholder(&t) || compact(&t).is_empty() {
                return Ok(None);
            }
            normalise::date(&t, year).map(Some)
        }
    }
}

/// A date written inside a status (`已办结（2025年6月20日）`, `6月20日已办结`).
fn date_in(raw: &str, year: i32) -> Option<NaiveDate> {
    let t = compact(raw);
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let stripped: String = t
        .chars()
        .map(|c| if "()（）".contains(c) { ' ' } else { c })
        .collect();
    stripped
        .split(' ')
        .flat_map(|p| {
            let p = p.to_string();
            let mut v = vec![p.clone()];
            for w in TODO_DONE
                .iter()
                .chain(TODO_IN_PROGRESS)
                .chain(["于"].iter())
            {
                v.push(p.replace(w, ""));
            }
            v
        })
        .filter(|p| !p.is_empty())
        .find_map(|p| normalise::date(&p, year).ok())
}

/// A 双月 period named by a heading or cell: `1-2月`, `第二期（3–4月）` → `3–4月`.
pub fn period_of(text: &str) -> Option<String> {
    let t = compact(text).replace(['—', '–', '~', '～', '至', '到'], "-");
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse().ok())
        .filter(|n| (1..=12).contains(n))
        .collect();
    match nums.as_slice() {
        [a, b, ..] if t.contains('月') && b == &(a + 1) && a % 2 == 1 => {
            Some(format!("{a}–{b}月"))
        }
        _ => None,
    }
}

/// Read a 实事清单 sheet; `None` when the sheet is not one.
pub fn read(
    sheet: &Sheet,
    file: &str,
    cfg: &Config,
    problems: &mut Vec<Problem>,
) -> Option<Vec<TodoItem>> {
    let h = find_header(sheet)?;
    // 填报单位：… above the header is the unit of every row without one.
    let mut default_unit = String::new();
    let mut default_period = period_of(&sheet.name).unwrap_or_default();
    for v in sheet.rows[..h.row].iter().flatten() {
        let t = normalise::text(&v.as_text());
        for part in t.split([' ', '　']).filter(|p| !p.is_empty()) {
            if let Some((l, val)) = part.split_once([':', '：']) {
                let l = compact(l);
                if (l.contains("单位") || l.contains("支部") || l.contains("部门"))
                    && !compact(val).is_empty()
                {
                    default_unit = compact(val);
                }
            }
        }
        if let Some(p) = period_of(&t) {
            default_period = p;
        }
    }
    let col = |c: Col| h.find(c);
    let (get, value) = (super::rows::cell_text, super::rows::cell_value);
    let mut out = Vec::new();
    let (mut unit_above, mut committee_above, mut period) =
        (default_unit.clone(), String::new(), default_period.clone());
    for (r, cells) in sheet.rows.iter().enumerate().skip(h.row + 1) {
        let first = cells
            .iter()
            .find(|v| !v.is_empty())
            .map(|v| compact(&v.as_text()))
            .unwrap_or_default();
        if first.is_empty()
            || TOTAL_ROW_WORDS
                .iter()
                .any(|w| normalise::starts_with_compact(&first, w))
            || NOTE_ROW_WORDS
                .iter()
                .any(|w| normalise::starts_with_compact(&first, w))
        {
            continue;
        }
        let filled = cells.iter().filter(|v| !v.is_empty()).count();
        if filled == 1 {
            // A period heading row (`二、3–4月`) or a unit heading row.
            if let Some(p) = period_of(&first) {
                period = p;
            }
            continue;
        }
        let item = get(cells, col(Col::Item));
        // A repeated header row.
        let repeated = classify(&item) == Some(Col::Item)
            && classify(&get(cells, col(Col::Due))) == Some(Col::Due);
        if item.is_empty() || repeated {
            continue;
        }
        let unit = Some(get(cells, col(Col::Unit)))
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| unit_above.clone());
        let committee = Some(get(cells, col(Col::Committee)))
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| committee_above.clone());
        unit_above = unit.clone();
        committee_above = committee.clone();
        // A period column merged down is written only in its first row.
        if let Some(p) = period_of(&get(cells, col(Col::Period))) {
            period = p;
        }
        let row_period = period.clone();
        let loc = |c: Option<usize>| match c {
            Some(c) => format!("工作表“{}” {}", sheet.name, a1(r, c)),
            None => format!("工作表“{}” 第{}行", sheet.name, r + 1),
        };
        let about = |p: Problem| {
            if unit.contains("支部") {
                p.about(&unit, &committee)
            } else {
                p.about(
                    "",
                    if committee.is_empty() {
                        &unit
                    } else {
                        &committee
                    },
                )
            }
        };
        let due_v = value(cells, col(Col::Due));
        let due_raw = normalise::text(&due_v.as_text());
        let due = match due(&due_v, cfg.year) {
            Ok(d) => d,
            Err(e) => {
                problems.push(about(Problem::new(
                    Code::BadDate,
                    file,
                    loc(col(Col::Due)),
                    e,
                )));
                None
            }
        };
        let done_on = match done_date(&value(cells, col(Col::DoneOn)), cfg.year) {
            Ok(d) => d,
            Err(e) => {
                problems.push(about(Problem::new(
                    Code::BadDate,
                    file,
                    loc(col(Col::DoneOn)),
                    format!("办结日期：{e}"),
                )));
                None
            }
        };
        let status_raw = get(cells, col(Col::Status));
        // `已办结（6月20日）`: the date written with the state.
        let done_on = done_on.or_else(|| date_in(&status_raw, cfg.year));
        out.push(TodoItem {
            has_done_column: col(Col::DoneOn).is_some(),
            status: status(&status_raw, done_on),
            unit,
            committee,
            item,
            person: normalise::person(&get(cells, col(Col::Person))).0,
            due,
            due_raw,
            status_raw,
            done_on,
            period: row_period,
            sheet: sheet.name.clone(),
            row: r + 1,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    /// Every text the classifier makes a deadline or a date done passes the shortcut.
    #[test]
    fn deadline_shortcut_keeps_every_deadline() {
        for t in [
            "时限",
            "完成时限",
            "截止日期",
            "截 止",
            "办结期限",
            "计划完成日期",
            "计划时间",
            "完成时间",
            "实际办结日期",
            "销号日期",
            "办结时间",
            "事项",
            "责任人",
            "进展情况",
            "",
        ] {
            if matches!(classify(t), Some(Col::Due | Col::DoneOn)) {
                assert!(may_name_a_deadline(t), "{t}");
            }
        }
        assert!(!may_name_a_deadline("项目名称"));
    }

    #[test]
    fn due_spellings() {
        let t = |s: &str| due(&Value::Text(s.into()), 2025).unwrap();
        assert_eq!(t("2025-06-30"), d(2025, 6, 30));
        assert_eq!(t("6月30日前"), d(2025, 6, 30));
        assert_eq!(t("6月底"), d(2025, 6, 30));
        assert_eq!(t("2025年2月"), d(2025, 2, 28));
        assert_eq!(t("4月中旬"), d(2025, 4, 20));
        assert_eq!(t("二〇二五年五月十日"), d(2025, 5, 10));
        assert_eq!(t("长期"), None);
        assert!(due(&Value::Text("本学期".into()), 2025).is_err());
    }

    #[test]
    fn statuses_and_periods() {
        assert_eq!(status("已办结", None), Some(TodoStatus::Done));
        assert_eq!(status("未完成", None), Some(TodoStatus::InProgress));
        assert_eq!(status("尚未启动", None), Some(TodoStatus::NotStarted));
        assert_eq!(status("", d(2025, 1, 1)), Some(TodoStatus::Done));
        assert_eq!(status("", None), None);
        assert_eq!(date_in("已办结（2025年6月20日）", 2025), d(2025, 6, 20));
        assert_eq!(date_in("6月20日已办结", 2025), d(2025, 6, 20));
        assert_eq!(date_in("已办结", 2025), None);
        assert_eq!(period_of("二、3-4月"), Some("3–4月".into()));
        assert_eq!(period_of("第三期（5—6月）"), Some("5–6月".into()));
        assert_eq!(classify("办结时限"), Some(Col::Due));
        assert_eq!(classify("办结日期"), Some(Col::DoneOn));
        assert_eq!(classify("进展情况"), Some(Col::Status));
        assert_eq!(classify("实事项目"), Some(Col::Item));
        assert_eq!(classify("责任单位"), Some(Col::Unit));
    }
}
