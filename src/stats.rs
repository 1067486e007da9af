//! Year-end statistics, computed once and used by every output: report.json,
//! the 年度统计 sheet, 年度总结.pdf and the 述职评议 materials.

use crate::config::{Config, REJECTED_LEVEL};
use crate::model::Activity;
use crate::model::Campaign;
use crate::normalise::{branch_key, partner_category};
use crate::vocab::{ACTIVITY_KINDS, FOUR_ONES, STAT_PARTNER_KINDS};
use chrono::Datelike;
use serde::Serialize;

/// The partner kinds of the year-end report, in the order the department writes them.

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FourOnes {
    pub branch: String,
    pub committee: String,
    pub partners: Vec<String>,
    pub planned: Vec<String>,
    pub done: Vec<String>,
    /// Kinds neither planned nor done yet, or planned but not done.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelRow {
    pub level: String,
    pub count: usize,
    pub requested_fen: i64,
    pub approved_fen: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub year: i32,
    pub activities: usize,
    pub by_partner_kind: Vec<Count>,
    pub by_activity_kind: Vec<Count>,
    pub by_committee: Vec<Count>,
    pub by_month: Vec<Count>,
    pub four_ones: Vec<FourOnes>,
    pub projects_by_level: Vec<LevelRow>,
    pub headline: String,
}

/// The statistics category of an activity kind: one of the listed kinds, else 其他.
pub fn activity_kind(kind: &str) -> &str {
    ACTIVITY_KINDS
        .iter()
        .copied()
        .find(|k| *k == kind)
        .unwrap_or("其他")
}

fn counts(names: &[&str], mut key: impl FnMut(&str) -> usize) -> Vec<Count> {
    names
        .iter()
        .map(|n| Count {
            name: n.to_string(),
            count: key(n),
        })
        .collect()
}

pub fn compute(c: &Campaign, cfg: &Config) -> Stats {
    let pairings = c.active_pairings();
    let rows: Vec<&Activity> = c.activities_in(cfg.counted_from(), cfg.counted_to());
    // Each row's committee: its own column, else its pairing table's or its
    // branch name's (filled in by `canonical`).
    let committee_of = |a: &Activity| {
        if a.committee.is_empty() {
            "未注明".to_string()
        } else {
            a.committee.clone()
        }
    };
    let by_partner_kind = counts(STAT_PARTNER_KINDS, |k| {
        rows.iter()
            .filter(|a| partner_category(&a.partner_kind) == k)
            .count()
    });
    let by_activity_kind = counts(ACTIVITY_KINDS, |k| {
        rows.iter().filter(|a| activity_kind(&a.kind) == k).count()
    });
    let mut committees: Vec<String> = rows.iter().map(|a| committee_of(a)).collect();
    committees.sort();
    committees.dedup();
    let by_committee = committees
        .iter()
        .map(|name| Count {
            name: name.clone(),
            count: rows.iter().filter(|a| &committee_of(a) == name).count(),
        })
        .collect();
    let by_month = (1..=12)
        .map(|m| Count {
            name: format!("{m}月"),
            count: rows
                .iter()
                .filter(|a| a.date.is_some_and(|d| d.month() == m))
                .count(),
        })
        .collect();
    // The kinds of activity each branch logged, under its key, made once.
    let mut logged: std::collections::HashMap<String, Vec<&str>> = Default::default();
    for a in &rows {
        logged
            .entry(branch_key(&a.branch))
            .or_default()
            .push(a.kind.as_str());
    }
    let four_ones = pairings
        .iter()
        .map(|p| {
            let planned: Vec<String> = kinds_in(p.plan.iter().map(|x| x.kind.as_str()));
            let done: Vec<String> = kinds_in(
                logged
                    .get(&branch_key(&p.branch))
                    .into_iter()
                    .flatten()
                    .copied(),
            );
            let missing = FOUR_ONES
                .iter()
                .map(|(k, _)| k.to_string())
                .filter(|k| !done.contains(k))
                .collect();
            FourOnes {
                branch: p.branch.clone(),
                committee: p.committee.clone(),
                partners: p.partners.iter().map(|x| x.name.clone()).collect(),
                planned,
                done,
                missing,
            }
        })
        .collect();
    let apps: Vec<_> = c
        .applications
        .iter()
        .filter(|a| a.superseded_by.is_none())
        .map(|a| &a.form)
        .collect();
    let mut levels: Vec<String> = cfg.levels.iter().map(|l| l.name.clone()).collect();
    levels.push(REJECTED_LEVEL.into());
    levels.push("未评审".into());
    let projects_by_level = levels
        .iter()
        .map(|l| {
            let of: Vec<_> = apps
                .iter()
                .filter(|a| a.level.as_deref().unwrap_or("未评审") == l)
                .collect();
            LevelRow {
                level: l.clone(),
                count: of.len(),
                requested_fen: of.iter().filter_map(|a| a.requested_fen).sum(),
                approved_fen: of.iter().filter_map(|a| a.approved_fen).sum(),
            }
        })
        .filter(|r| r.count > 0)
        .collect();
    let since = cfg
        .pairing
        .since
        .map(|m| format!("自{}年{}月以来，", m.year, m.month))
        .unwrap_or_default();
    let headline = format!("{since}{}", headline(rows.len(), &by_partner_kind));
    Stats {
        year: cfg.year,
        activities: rows.len(),
        by_partner_kind,
        by_activity_kind,
        by_committee,
        by_month,
        four_ones,
        projects_by_level,
        headline,
    }
}

fn kinds_in<'a>(kinds: impl Iterator<Item = &'a str>) -> Vec<String> {
    let seen: Vec<&str> = kinds.collect();
    FOUR_ONES
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| seen.contains(k))
        .map(str::to_string)
        .collect()
}

/// `开展结对共建活动181次，其中与“双带头人”教师党支部书记所在支部共建34次，…`
pub fn headline(total: usize, by_kind: &[Count]) -> String {
    let parts: Vec<String> = by_kind
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            if c.name.contains("双带头人") {
                format!("与“双带头人”教师党支部书记所在支部共建{}次", c.count)
            } else {
                format!("与{}共建{}次", c.name, c.count)
            }
        })
        .collect();
    if parts.is_empty() {
        format!("开展结对共建活动{total}次")
    } else {
        format!("开展结对共建活动{total}次，其中{}", parts.join("，"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_reads_like_the_seed_report() {
        let by = vec![
            Count {
                name: STAT_PARTNER_KINDS[0].into(),
                count: 34,
            },
            Count {
                name: STAT_PARTNER_KINDS[1].into(),
                count: 44,
            },
            Count {
                name: STAT_PARTNER_KINDS[2].into(),
                count: 66,
            },
            Count {
                name: STAT_PARTNER_KINDS[3].into(),
                count: 37,
            },
            Count {
                name: STAT_PARTNER_KINDS[4].into(),
                count: 0,
            },
        ];
        assert_eq!(
            headline(181, &by),
            "开展结对共建活动181次，其中与“双带头人”教师党支部书记所在支部共建34次，与其他教学科研党支部共建44次，与机关党支部共建66次，与校外党支部共建37次"
        );
        assert_eq!(partner_category("学院教师党支部"), "其他教学科研党支部");
    }
}
