//! FORMS.md §1.9: every Party member's “四个一” in the campaign year — at
//! least one of each kind and `member_hours` (20) hours in all. A member is
//! a name within a branch, however many rows and logs name them; a log
//! re-sent for the same branch replaces the older one.

use crate::config::Config;
use crate::model::Campaign;
use crate::model::MemberRecord;
use crate::normalise::{branch_key, compact};
use crate::problem::{Code, Problem};
use crate::vocab::MEMBER_KINDS;
use chrono::Datelike;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One member's year, as `report.json` (`members`) and the outputs show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MemberSummary {
    pub name: String,
    pub branch: String,
    pub committee: String,
    pub hours: f64,
    /// Kind → activities counted, every kind present (0 when none).
    pub kinds: BTreeMap<String, u32>,
    pub complete: bool,
    /// The kinds with no activity, in the notice's order.
    pub missing: Vec<String>,
    #[serde(skip)]
    pub counts: [u32; 4],
    /// Where the member's first row is.
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub location: String,
}

/// `19.5`, `20`.
pub fn fmt_hours(h: f64) -> String {
    let r = (h * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// Mark members' logs replaced by a newer log of the same one branch; and
/// within one file, a row-per-member sheet (a summary) of branches that an
/// activity sheet of the same file details is not counted a second time.
pub fn supersede(c: &mut Campaign) -> Vec<Problem> {
    let mut out = Vec::new();
    let detailed: HashSet<(String, String)> = c
        .member_logs
        .iter()
        .flat_map(|l| {
            l.form
                .iter()
                .filter(|m| !m.per_member)
                .map(move |m| (l.file.clone(), branch_key(&m.branch)))
        })
        .collect();
    for log in &mut c.member_logs {
        let file = log.file.clone();
        log.form.retain(|m| {
            !(m.per_member && detailed.contains(&(file.clone(), branch_key(&m.branch))))
        });
    }
    let replaced = super::replaced_by_newer(&c.member_logs, |rows| {
        rows.iter().map(|m| branch_key(&m.branch)).collect()
    });
    for (i, by) in replaced {
        let log = &mut c.member_logs[i];
        let (branch, committee) = log
            .form
            .first()
            .map(|m| (m.branch.clone(), m.committee.clone()))
            .unwrap_or_default();
        out.push(
            Problem::new(
                Code::Superseded,
                &log.file,
                "整个文件",
                format!("“{branch}”的党员“四个一”登记表已由较新的“{by}”替代，本文件不再计入"),
            )
            .about(&branch, &committee),
        );
        log.superseded_by = Some(by);
    }
    out
}

/// Every member of the current logs, in committee / branch / first-row order,
/// and a `member_four_ones` problem for each one short of the rule.
pub fn check(c: &Campaign, cfg: &Config) -> (Vec<Problem>, Vec<MemberSummary>) {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut members: HashMap<(String, String), MemberSummary> = HashMap::new();
    let mut seen_rows: HashSet<(String, String, usize, String, String, String)> = HashSet::new();
    for log in c.member_logs.iter().filter(|l| l.superseded_by.is_none()) {
        for m in &log.form {
            let key = (branch_key(&m.branch), compact(&m.name));
            let entry = members.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                MemberSummary {
                    name: m.name.clone(),
                    branch: m.branch.clone(),
                    committee: m.committee.clone(),
                    hours: 0.0,
                    kinds: BTreeMap::new(),
                    complete: false,
                    missing: Vec::new(),
                    counts: [0; 4],
                    file: log.file.clone(),
                    location: format!("工作表“{}” 第{}行", m.sheet, m.row),
                }
            });
            if entry.committee.is_empty() {
                entry.committee = m.committee.clone();
            }
            if !counts(m, cfg) {
                continue;
            }
            // The same activity entered twice (same day, kind, hours, content) counts once.
            if let Some(d) = m.date {
                let kind = m.kinds.iter().position(|n| *n > 0).unwrap_or(9);
                let row = (
                    key.0.clone(),
                    key.1.clone(),
                    kind,
                    d.to_string(),
                    format!("{:?}", m.hours),
                    compact(&m.content),
                );
                if !seen_rows.insert(row) {
                    continue;
                }
            }
            for (k, n) in m.kinds.iter().enumerate() {
                entry.counts[k] += n;
            }
            entry.hours += m.hours.unwrap_or(0.0);
        }
    }
    let mut out = Vec::new();
    let mut list: Vec<MemberSummary> = order
        .into_iter()
        .filter_map(|k| members.remove(&k))
        .collect();
    for s in &mut list {
        s.kinds = MEMBER_KINDS
            .iter()
            .zip(s.counts)
            .map(|((k, _), n)| (k.to_string(), n))
            .collect();
        s.missing = MEMBER_KINDS
            .iter()
            .zip(s.counts)
            .filter(|(_, n)| *n == 0)
            .map(|((k, _), _)| k.to_string())
            .collect();
        s.hours = (s.hours * 100.0).round() / 100.0;
        let enough = s.hours + 1e-9 >= cfg.member_hours;
        s.complete = s.missing.is_empty() && enough;
        if !s.complete {
            out.push(
                Problem::new(Code::MemberFourOnes, &s.file, &s.location, message(s, cfg))
                    .about(&s.branch, &s.committee),
            );
        }
    }
    list.sort_by(|a, b| (&a.committee, &a.branch).cmp(&(&b.committee, &b.branch)));
    (out, list)
}

/// Whether a record counts for the campaign year (undated ones do).
fn counts(m: &MemberRecord, cfg: &Config) -> bool {
    m.date.is_none_or(|d| d.year() == cfg.year)
}

fn message(s: &MemberSummary, cfg: &Config) -> String {
    let year = cfg.year;
    let kinds = if s.missing.is_empty() {
        "“四个一”四类活动均已参加".to_string()
    } else {
        format!("“四个一”缺少：{}", s.missing.join("、"))
    };
    let hours = if s.hours + 1e-9 >= cfg.member_hours {
        format!("全年时长 {} 小时", fmt_hours(s.hours))
    } else {
        format!(
            "全年时长 {} 小时，不足 {} 小时",
            fmt_hours(s.hours),
            fmt_hours(cfg.member_hours)
        )
    };
    format!("党员{}（{year}年度）：{kinds}；{hours}", s.name)
}

/// Per-branch totals for the summary sheet, the PDF and the score table.
#[derive(Debug, Clone, Serialize)]
pub struct BranchMembers {
    pub branch: String,
    pub committee: String,
    pub members: usize,
    pub complete: usize,
    pub hours: f64,
}

impl BranchMembers {
    pub fn rate(&self) -> f64 {
        if self.members == 0 {
            0.0
        } else {
            self.complete as f64 / self.members as f64
        }
    }
    pub fn average(&self) -> f64 {
        if self.members == 0 {
            0.0
        } else {
            self.hours / self.members as f64
        }
    }
}

/// The members grouped by branch, in the order of `members`.
pub fn by_branch(members: &[MemberSummary]) -> Vec<BranchMembers> {
    let mut out: Vec<BranchMembers> = Vec::new();
    for m in members {
        let key = branch_key(&m.branch);
        let i = match out.iter().position(|b| branch_key(&b.branch) == key) {
            Some(i) => i,
            None => {
                out.push(BranchMembers {
                    branch: m.branch.clone(),
                    committee: m.committee.clone(),
                    members: 0,
                    complete: 0,
                    hours: 0.0,
                });
                out.len() - 1
            }
        };
        out[i].members += 1;
        out[i].complete += m.complete as usize;
        out[i].hours += m.hours;
    }
    out
}
