//! 量化评价 (“两在两同” 督查考核): a per-branch score from what the run
//! knows, with the weights of `[scoring]`:
//!
//! - 书记项目 submitted (`project_submitted`) and complete — no 须修改 left
//!   on it, 时间表 and 路线图 included (`project_complete`); applies once
//!   any application came in;
//! - the share of the branch's members whose “四个一” are complete
//!   (`members`); applies once any members' log came in (a branch without
//!   a log scores 0 there);
//! - the share of the branch's 实事 items finished by their 时限, of those
//!   due before `as_of` or already finished (`todo`); applies to a branch that
//!   has such items.
//!
//! Score = 100 × Σ weight × share ÷ Σ weight of what applies, one decimal.

use crate::check::members::{BranchMembers, MemberSummary, by_branch};
use crate::check::todo::{TodoRow, is_branch};
use crate::config::Config;
use crate::model::Campaign;
use crate::normalise::branch_key;
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BranchScore {
    pub rank: usize,
    pub branch: String,
    pub committee: String,
    /// None: no 书记项目 came in this run for anyone.
    pub project_submitted: Option<bool>,
    pub project_complete: Option<bool>,
    pub members: usize,
    pub members_complete: usize,
    /// None: no members' log came in this run.
    pub member_rate: Option<f64>,
    pub todo_counted: usize,
    pub todo_on_time: usize,
    /// None: the branch has no item due yet.
    pub todo_rate: Option<f64>,
    pub score: f64,
}

pub fn compute(
    c: &Campaign,
    problems: &[Problem],
    members: &[MemberSummary],
    todo: &[TodoRow],
    as_of: NaiveDate,
    cfg: &Config,
) -> Vec<BranchScore> {
    let w = &cfg.scoring;
    // The branches: the roster's, then every form's.
    let mut names: Vec<(String, String)> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut add = |b: &str, committee: &str| {
        let k = branch_key(b);
        if !k.is_empty() && keys.insert(k) {
            names.push((b.to_string(), committee.to_string()));
        }
    };
    for r in &c.roster {
        r.form
            .iter()
            .for_each(|row| add(&row.branch, &row.committee));
    }
    let apps: Vec<_> = c
        .applications
        .iter()
        .filter(|a| a.superseded_by.is_none())
        .collect();
    apps.iter()
        .for_each(|a| add(&a.form.branch, &a.form.committee));
    members.iter().for_each(|m| add(&m.branch, &m.committee));
    todo.iter()
        .filter(|t| is_branch(&t.unit))
        .for_each(|t| add(&t.unit, &t.committee));
    let project_applies = !c.applications.is_empty();
    let members_apply = !members.is_empty();
    let per_branch: Vec<BranchMembers> = by_branch(members);
    let with_errors: HashSet<&str> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.file.as_str())
        .collect();
    let mut out: Vec<BranchScore> = names
        .into_iter()
        .map(|(branch, committee)| {
            let key = branch_key(&branch);
            let app = apps.iter().find(|a| branch_key(&a.form.branch) == key);
            let submitted = app.is_some();
            let complete = app.is_some_and(|a| !with_errors.contains(a.file.as_str()));
            let m = per_branch.iter().find(|b| branch_key(&b.branch) == key);
            let own: Vec<&TodoRow> = todo
                .iter()
                .filter(|t| branch_key(&t.unit) == key)
                .filter(|t| t.done || t.due.is_some_and(|d| d < as_of))
                .collect();
            let on_time = own.iter().filter(|t| t.on_time).count();
            let mut got = 0.0;
            let mut of = 0.0;
            if project_applies {
                got += w.project_submitted * f64::from(u8::from(submitted))
                    + w.project_complete * f64::from(u8::from(complete));
                of += w.project_submitted + w.project_complete;
            }
            let member_rate = members_apply.then(|| m.map_or(0.0, BranchMembers::rate));
            if let Some(r) = member_rate {
                got += w.members * r;
                of += w.members;
            }
            let todo_rate = (!own.is_empty()).then(|| on_time as f64 / own.len() as f64);
            if let Some(r) = todo_rate {
                got += w.todo * r;
                of += w.todo;
            }
            let score = if of > 0.0 {
                (1000.0 * got / of).round() / 10.0
            } else {
                0.0
            };
            BranchScore {
                rank: 0,
                committee: if committee.is_empty() {
                    m.map(|m| m.committee.clone()).unwrap_or_default()
                } else {
                    committee
                },
                branch,
                project_submitted: project_applies.then_some(submitted),
                project_complete: project_applies.then_some(complete),
                members: m.map_or(0, |m| m.members),
                members_complete: m.map_or(0, |m| m.complete),
                member_rate,
                todo_counted: own.len(),
                todo_on_time: on_time,
                todo_rate,
                score,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| (&a.committee, &a.branch).cmp(&(&b.committee, &b.branch)))
    });
    // Equal scores share a rank (1, 2, 2, 4).
    for i in 0..out.len() {
        out[i].rank = if i > 0 && out[i].score == out[i - 1].score {
            out[i - 1].rank
        } else {
            i + 1
        };
    }
    out
}
