//! FORMS.md §1.10: the 双月实事清单 ledger. An item whose 办结时限 has
//! passed on `as_of` (config; default the run date) and that is not 已办结
//! is overdue (`overdue_item`, 须修改, for the unit that owns it); an item
//! due on `as_of` itself is not yet overdue. An item marked 已办结 without
//! a 办结日期 is `bad_date`, one finished after its 时限 is `late`.

use crate::model::Campaign;
use crate::model::{TodoItem, TodoStatus};
use crate::normalise::{branch_key, compact};
use crate::problem::{Code, Problem};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashSet;

/// One item as `report.json` (`todo`) and 实事清单台账.xlsx show it.
#[derive(Debug, Clone, Serialize)]
pub struct TodoRow {
    pub unit: String,
    pub committee: String,
    pub item: String,
    pub person: String,
    pub due: Option<NaiveDate>,
    /// 已办结 / 推进中 / 未启动 (未启动 when nothing is written).
    pub status: String,
    pub done_on: Option<NaiveDate>,
    pub overdue: bool,
    /// Finished, and by its 时限.
    pub on_time: bool,
    /// The 双月 period: the list's own, else the one its 办结时限 falls in.
    pub period: String,
    #[serde(skip)]
    pub done: bool,
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub location: String,
}

/// The periods of a year, in order (the ledger's sections).
pub const PERIODS: [&str; 6] = ["1–2月", "3–4月", "5–6月", "7–8月", "9–10月", "11–12月"];

/// The 双月 period a date falls in.
pub fn period_of_date(d: NaiveDate) -> String {
    PERIODS[((d.month() - 1) / 2) as usize].to_string()
}

/// Whether an item is owned by a branch (else by a committee or office).
pub fn is_branch(unit: &str) -> bool {
    unit.contains("支部")
}

fn about(p: Problem, t: &TodoItem) -> Problem {
    if is_branch(&t.unit) {
        p.about(&t.unit, &t.committee)
    } else {
        let c = if t.committee.is_empty() {
            &t.unit
        } else {
            &t.committee
        };
        p.about("", c)
    }
}

/// Lists re-sent by the same one unit: the newest replaces the older.
pub fn supersede(c: &mut Campaign) -> Vec<Problem> {
    let replaced = super::replaced_by_newer(&c.todo_lists, |items| {
        items.iter().map(|t| branch_key(&t.unit)).collect()
    });
    let mut out = Vec::new();
    for (i, by) in replaced {
        let l = &mut c.todo_lists[i];
        if let Some(t) = l.form.first() {
            out.push(about(
                Problem::new(
                    Code::Superseded,
                    &l.file,
                    "整个文件",
                    format!("“{}”的实事清单已由较新的“{by}”替代，本文件不再计入", t.unit),
                ),
                t,
            ));
        }
        l.superseded_by = Some(by);
    }
    out
}

/// Every item of the current lists, and the problems of the ledger.
pub fn check(c: &Campaign, as_of: NaiveDate) -> (Vec<Problem>, Vec<TodoRow>) {
    let mut out = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashSet<(String, String, String, String)> = HashSet::new();
    for list in c.todo_lists.iter().filter(|l| l.superseded_by.is_none()) {
        for t in &list.form {
            // The same item listed twice (a list and its re-typed copy in one file).
            let key = (
                branch_key(&t.unit),
                compact(&t.item),
                compact(&t.due_raw),
                t.period.clone(),
            );
            if !seen.insert(key) {
                continue;
            }
            let location = format!("工作表“{}” 第{}行", t.sheet, t.row);
            let done = t.status == Some(TodoStatus::Done);
            let overdue = !done && t.due.is_some_and(|d| d < as_of);
            if overdue {
                let d = t.due.unwrap_or(as_of);
                let state = t.status.map_or("未填写进展", TodoStatus::zh);
                out.push(about(
                    Problem::new(
                        Code::OverdueItem,
                        &list.file,
                        &location,
                        format!(
                            "实事项目“{}”办结时限为 {d}，截至 {as_of} 仍未办结（{state}），已逾期 {} 天",
                            t.item,
                            (as_of - d).num_days()
                        ),
                    ),
                    t,
                ));
            }
            if t.due.is_none() && t.due_raw.trim().is_empty() {
                out.push(about(
                    Problem::new(
                        Code::MissingField,
                        &list.file,
                        &location,
                        format!("实事项目“{}”未注明办结时限", t.item),
                    ),
                    t,
                ));
            }
            if done && t.done_on.is_none() && t.has_done_column {
                out.push(about(
                    Problem::new(
                        Code::BadDate,
                        &list.file,
                        &location,
                        format!(
                            "实事项目“{}”标为已办结，但未填写办结日期，无法对账销号",
                            t.item
                        ),
                    ),
                    t,
                ));
            }
            if let (Some(done_on), Some(due)) = (t.done_on.filter(|_| done), t.due) {
                if done_on > due {
                    out.push(about(
                        Problem::new(
                            Code::Late,
                            &list.file,
                            &location,
                            format!("实事项目“{}”于 {done_on} 办结，晚于办结时限 {due}", t.item),
                        ),
                        t,
                    ));
                }
            }
            let on_time = done
                && match (t.done_on, t.due) {
                    (Some(a), Some(b)) => a <= b,
                    (Some(_), None) => true,
                    // A list with no 办结日期 column cannot say when: finished counts.
                    (None, _) => !t.has_done_column,
                };
            let period = if !t.period.is_empty() {
                t.period.clone()
            } else {
                t.due.map(period_of_date).unwrap_or_else(|| "未注明".into())
            };
            rows.push(TodoRow {
                unit: t.unit.clone(),
                committee: t.committee.clone(),
                item: t.item.clone(),
                person: t.person.clone(),
                due: t.due,
                status: t.status.unwrap_or(TodoStatus::NotStarted).zh().to_string(),
                done_on: t.done_on,
                overdue,
                on_time,
                period,
                done,
                file: list.file.clone(),
                location,
            });
        }
    }
    (out, rows)
}
