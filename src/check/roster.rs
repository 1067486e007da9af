//! FORMS.md §1.7: who the roster says must take part, and who has sent nothing.
//!
//! A branch the campaign requires (`[roster] required`) with no current form
//! of the campaign's kind is `not_submitted`, under its committee; a form
//! whose branch the roster does not list is `not_on_roster`, naming the
//! nearest roster entry (usually a misspelling).

use crate::config::{Config, Required};
use crate::model::{BranchKind, Campaign, RosterRow};
use crate::normalise::{self, branch_key};
use crate::problem::{Code, Problem};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Per committee: branches required, submitted and missing (the 报送情况 sheet).
#[derive(Debug, Clone, Serialize)]
pub struct CommitteeStatus {
    pub committee: String,
    pub required: usize,
    pub submitted: usize,
    pub missing: Vec<String>,
}

/// `roster` in report.json (FORMS.md §5) and the 报送情况 sheet.
#[derive(Debug, Clone, Serialize)]
pub struct RosterStatus {
    pub branches: usize,
    pub required: usize,
    pub submitted: usize,
    pub not_submitted: Vec<String>,
    #[serde(skip)]
    pub by_committee: Vec<CommitteeStatus>,
}

/// What a required branch owes: a pairing campaign collects 共建信息表, the others applications.
fn collects_pairings(cfg: &Config) -> bool {
    cfg.levels.is_empty() && cfg.deadlines.pairing.is_some()
}

fn is_required(row: &RosterRow, cfg: &Config) -> bool {
    let key = |s: &str| normalise::compact(s).replace(['“', '”', '"'], "");
    match cfg.roster.required {
        Required::All => true,
        Required::Student => row.kind == Some(BranchKind::Student),
        Required::Office => row.kind == Some(BranchKind::Office),
        Required::Marked => {
            let marks = key(&row.marks);
            cfg.roster
                .marks
                .iter()
                .any(|m| !key(m).is_empty() && marks.contains(&key(m)))
        }
    }
}

pub fn check(c: &Campaign, cfg: &Config) -> (Vec<Problem>, Option<RosterStatus>) {
    let rows: Vec<(&RosterRow, &str)> = c
        .roster
        .iter()
        .flat_map(|r| r.form.iter().map(move |row| (row, r.file.as_str())))
        .collect();
    if rows.is_empty() {
        return (Vec::new(), None);
    }
    let what = if collects_pairings(cfg) {
        "共建信息表"
    } else {
        "项目申请表"
    };
    let sent: Vec<(&str, &str, &str)> = if collects_pairings(cfg) {
        c.pairings
            .iter()
            .filter(|p| p.superseded_by.is_none())
            .map(|p| {
                (
                    p.form.branch.as_str(),
                    p.form.committee.as_str(),
                    p.file.as_str(),
                )
            })
            .collect()
    } else {
        c.applications
            .iter()
            .filter(|a| a.superseded_by.is_none())
            .map(|a| {
                (
                    a.form.branch.as_str(),
                    a.form.committee.as_str(),
                    a.file.as_str(),
                )
            })
            .collect()
    };
    let sent_keys: HashSet<String> = sent.iter().map(|(b, _, _)| branch_key(b)).collect();
    let listed: HashSet<String> = rows.iter().map(|(r, _)| branch_key(&r.branch)).collect();
    let mut problems = Vec::new();
    let mut by_committee: BTreeMap<&str, CommitteeStatus> = BTreeMap::new();
    let (mut required, mut submitted, mut not_submitted) = (0, 0, Vec::new());
    for (row, file) in &rows {
        if !is_required(row, cfg) {
            continue;
        }
        required += 1;
        let entry = by_committee
            .entry(row.committee.as_str())
            .or_insert_with(|| CommitteeStatus {
                committee: row.committee.clone(),
                required: 0,
                submitted: 0,
                missing: Vec::new(),
            });
        entry.required += 1;
        if sent_keys.contains(&branch_key(&row.branch)) {
            submitted += 1;
            entry.submitted += 1;
            continue;
        }
        entry.missing.push(row.branch.clone());
        not_submitted.push(row.branch.clone());
        let marks = if row.marks.is_empty() {
            String::new()
        } else {
            format!("（{}）", row.marks)
        };
        problems.push(
            Problem::new(
                Code::NotSubmitted,
                file,
                format!("工作表“{}” 第{}行", row.sheet, row.row),
                format!(
                    "名册中的“{}”{marks}应参加本次活动，但未收到其{what}",
                    row.branch
                ),
            )
            .about(&row.branch, &row.committee),
        );
    }
    for (branch, committee, file) in &sent {
        if branch.is_empty() || listed.contains(&branch_key(branch)) {
            continue;
        }
        let hint = normalise::nearest(
            &normalise::compact(branch),
            rows.iter().map(|(r, _)| r.branch.as_str()),
        )
        .map_or(String::new(), |n| format!("，名册中最接近的是“{n}”"));
        problems.push(
            Problem::new(
                Code::NotOnRoster,
                file,
                "整个文件",
                format!("“{branch}”不在支部名册中{hint}；请核实支部名称是否写错"),
            )
            .about(branch, committee),
        );
    }
    let status = RosterStatus {
        branches: rows.len(),
        required,
        submitted,
        not_submitted,
        by_committee: by_committee.into_values().collect(),
    };
    (problems, Some(status))
}
