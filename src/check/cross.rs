//! The rules across files, each linear in the number of forms: every key
//! (branch, committee, title) is normalised once and looked up in hash maps.

use super::p;
use super::similar::similar_texts;
use crate::config::{Config, REJECTED_LEVEL};
use crate::model::*;
use crate::normalise::{self, branch_key, yuan};
use crate::problem::{Code, Problem};
use std::collections::{HashMap, HashSet};

/// Mark older submissions of the same branch and form kind as superseded:
/// newest 填表日期, then newest file modification time, wins.
pub(super) fn supersede<T>(
    items: &mut [Submitted<T>],
    key: impl Fn(&T) -> String,
    date: impl Fn(&T) -> Option<chrono::NaiveDate>,
    problems: &mut Vec<Problem>,
    what: &str,
    who: impl Fn(&T) -> (String, String),
    title: impl Fn(&T) -> String,
) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        (date(&items[b].form), items[b].mtime, &items[b].file).cmp(&(
            date(&items[a].form),
            items[a].mtime,
            &items[a].file,
        ))
    });
    let mut newest: std::collections::HashMap<String, usize> = Default::default();
    for i in order {
        let k = key(&items[i].form);
        if k.is_empty() {
            continue;
        }
        match newest.get(&k) {
            Some(&winner) => {
                let by = items[winner].file.clone();
                let (branch, committee) = who(&items[i].form);
                let (old_title, new_title) = (title(&items[i].form), title(&items[winner].form));
                let titles = match (old_title.is_empty(), old_title == new_title) {
                    (true, _) => String::new(),
                    (false, true) => format!("（“{old_title}”）"),
                    (false, false) => format!("（本文件为“{old_title}”，新版本为“{new_title}”）"),
                };
                problems.push(
                    p(
                        Code::Superseded,
                        &items[i].file,
                        "整个文件",
                        format!("同一支部的{what}已有更新的版本“{by}”{titles}，本文件不再使用"),
                    )
                    .about(&branch, &committee),
                );
                items[i].superseded_by = Some(by);
            }
            None => {
                newest.insert(k, i);
            }
        }
    }
}

fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (normalise::compact(a), normalise::compact(b));
    a == b || strsim::normalized_levenshtein(&a, &b) >= 0.6
}

/// The rules across files. Mutates supersession and review results in place.
pub fn campaign(c: &mut Campaign, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    // Supersession: the newest application of a branch wins (with one project
    // per branch, whatever its title); else the newest of the same project.
    let one_per_branch = cfg.one_project_per_branch;
    supersede(
        &mut c.applications,
        |a| {
            if one_per_branch {
                branch_key(&a.branch)
            } else {
                format!("{}|{}", branch_key(&a.branch), title_key(&a.title))
            }
        },
        |a| a.filled_on,
        &mut out,
        "项目申请表",
        |a| (a.branch.clone(), a.committee.clone()),
        |a| a.title.clone(),
    );
    supersede(
        &mut c.pairings,
        |x| branch_key(&x.branch),
        |x| x.filled_on,
        &mut out,
        "共建信息表",
        |x| (x.branch.clone(), x.committee.clone()),
        |_| String::new(),
    );
    supersede(
        &mut c.cases,
        |x| format!("{}|{}", branch_key(&x.branch), normalise::compact(&x.title)),
        |_| None,
        &mut out,
        "工作案例",
        |x| (x.branch.clone(), x.committee.clone()),
        |x| x.title.clone(),
    );
    let active: Vec<usize> = (0..c.applications.len())
        .filter(|&i| c.applications[i].superseded_by.is_none())
        .collect();
    // One project per branch: a summary sheet that lists a branch twice.
    if one_per_branch {
        out.extend(duplicate_rows(c));
    }
    // Every key once per form; the comparisons below are hash look-ups.
    let app_keys: Vec<String> = c
        .applications
        .iter()
        .map(|a| branch_key(&a.form.branch))
        .collect();
    // Reconciliation with the summary sheets, both ways.
    let rows: Vec<(&SummaryRow, &str, String)> = c
        .summaries
        .iter()
        .filter(|s| s.superseded_by.is_none())
        .flat_map(|s| {
            s.form
                .iter()
                .map(move |r| (r, s.file.as_str(), branch_key(&r.branch)))
        })
        .collect();
    let listed: HashSet<&str> = rows.iter().map(|(_, _, k)| k.as_str()).collect();
    let summary_committees: HashSet<String> = rows
        .iter()
        .map(|(r, _, _)| normalise::committee_key(&r.committee))
        .collect();
    for &i in &active {
        let a = &c.applications[i];
        // Where the notice asks for no 申报汇总表 (“两在两同”), only a
        // committee that sent one is reconciled with it.
        let reconciled = cfg.summary_required
            || summary_committees.contains(&normalise::committee_key(&a.form.committee));
        if !listed.contains(app_keys[i].as_str()) && !a.form.branch.is_empty() && reconciled {
            out.push(
                p(
                    Code::NotOnSummary,
                    &a.file,
                    "整个文件",
                    format!("“{}”的申请未列入任何学院的申报汇总表", a.form.branch),
                )
                .about(&a.form.branch, &a.form.committee),
            );
        }
    }
    let applied: HashSet<&str> = active.iter().map(|&i| app_keys[i].as_str()).collect();
    for (r, file, key) in &rows {
        if !applied.contains(key.as_str()) {
            out.push(
                p(
                    Code::SummaryWithoutApplication,
                    file,
                    &format!("工作表“{}” 第{}行", r.sheet, r.row),
                    format!(
                        "汇总表列有“{}”的项目“{}”，但未收到该支部的项目申请表",
                        r.branch, r.title
                    ),
                )
                .about(&r.branch, &r.committee),
            );
        }
    }
    drop(rows);
    apply_reviews(c, &active, &app_keys, cfg, &mut out);
    out.extend(similar_texts(c, &active, &app_keys));
    out
}

/// Rows of the summary sheets that list a second, different project of a
/// branch already listed (one project per branch).
fn duplicate_rows(c: &Campaign) -> Vec<Problem> {
    let mut first: std::collections::HashMap<String, &SummaryRow> = Default::default();
    let mut out = Vec::new();
    for s in c.summaries.iter().filter(|s| s.superseded_by.is_none()) {
        for r in &s.form {
            let key = branch_key(&r.branch);
            if key.is_empty() {
                continue;
            }
            match first.get(&key) {
                Some(earlier) if title_key(&earlier.title) != title_key(&r.title) => out.push(
                    p(
                        Code::DuplicateProject,
                        &s.file,
                        &format!("工作表“{}” 第{}行", r.sheet, r.row),
                        format!(
                            "汇总表列出“{}”的两个项目“{}”和“{}”，本次活动每个支部限报一项",
                            r.branch, earlier.title, r.title
                        ),
                    )
                    .about(&r.branch, &r.committee),
                ),
                Some(_) => {}
                None => {
                    first.insert(key, r);
                }
            }
        }
    }
    out
}

/// Resubmissions of one project keep the start of its title; a corrected
/// title rarely changes its first six characters.
fn title_key(title: &str) -> String {
    normalise::compact(title).chars().take(6).collect()
}

fn apply_reviews(
    c: &mut Campaign,
    active: &[usize],
    app_keys: &[String],
    cfg: &Config,
    out: &mut Vec<Problem>,
) {
    // The active applications of each branch, in `active` order.
    let mut of_branch: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in active {
        of_branch.entry(app_keys[i].as_str()).or_default().push(i);
    }
    for review in &c.reviews {
        for row in &review.form {
            let hits: &[usize] = of_branch
                .get(branch_key(&row.branch).as_str())
                .map_or(&[], Vec::as_slice);
            let target = match hits {
                [one] => Some(*one),
                many => many
                    .iter()
                    .copied()
                    .find(|&i| same_title(&c.applications[i].form.title, &row.title)),
            };
            let location = format!("工作表“{}” 第{}行", row.sheet, row.row);
            let Some(i) = target else {
                out.push(
                    p(
                        Code::Unmatched,
                        &review.file,
                        &location,
                        format!(
                            "评审表中“{}”的项目“{}”找不到对应的项目申请表",
                            row.branch, row.title
                        ),
                    )
                    .about(&row.branch, &row.committee),
                );
                continue;
            };
            let app = &mut c.applications[i].form;
            app.level = row.level.clone();
            app.approved_fen = if row.level.as_deref() == Some(REJECTED_LEVEL) {
                None
            } else {
                row.approved_fen
            };
            if let (Some(fen), Some(asked)) = (app.approved_fen, app.requested_fen) {
                if fen > asked {
                    out.push(
                        p(
                            Code::ApprovedOverRequested,
                            &review.file,
                            &location,
                            format!(
                                "核定经费 {} 元，多于该支部申请的 {} 元，请核实",
                                yuan(fen),
                                yuan(asked)
                            ),
                        )
                        .about(&app.branch, &app.committee),
                    );
                }
            }
            if let (Some(level), Some(fen)) = (
                row.level.as_deref().and_then(|l| cfg.level(l)),
                app.approved_fen,
            ) {
                let cap_fen = level.cap_yuan.map_or(i64::MAX, |c| c * 100);
                if fen > cap_fen {
                    out.push(
                        p(
                            Code::OverCap,
                            &review.file,
                            &location,
                            format!(
                                "核定经费 {} 元，超过{}的上限 {} 元",
                                yuan(fen),
                                level.name,
                                yuan(cap_fen)
                            ),
                        )
                        .about(&app.branch, &app.committee),
                    );
                }
            }
        }
    }
}

/// Activity rows outside the campaign year, and rows whose partner matches
/// no declared pairing. (What each pairing's log still misses of the
/// “四个一” is counted in `stats`.)
pub fn activities(c: &Campaign, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let pairings = c.active_pairings();
    // (branch, partner) of every declared pairing, keys made once.
    let declared_pairs: HashSet<(String, String)> = pairings
        .iter()
        .flat_map(|pr| {
            let branch = branch_key(&pr.branch);
            pr.partners
                .iter()
                .map(move |x| (branch.clone(), branch_key(&x.name)))
        })
        .collect();
    for log in &c.activities {
        for a in &log.form {
            let location = format!("工作表“{}” 第{}行", a.sheet, a.row);
            if let Some(d) = a.date {
                let (from, to) = (cfg.counted_from(), cfg.counted_to());
                if !(from..=to).contains(&d) {
                    let period = match cfg.pairing.since {
                        Some(m) => format!("统计期（{}年{}月至{}年底）", m.year, m.month, cfg.year),
                        None => format!("{} 年度", cfg.year),
                    };
                    out.push(
                        p(
                            Code::OutOfYear,
                            &log.file,
                            &location,
                            format!("活动日期 {d} 不在{period}内，未计入统计"),
                        )
                        .about(&a.branch, &a.committee),
                    );
                }
            }
            let declared =
                declared_pairs.contains(&(branch_key(&a.branch), branch_key(&a.partner)));
            if !pairings.is_empty() && !declared {
                out.push(
                    p(
                        Code::Unmatched,
                        &log.file,
                        &location,
                        format!(
                            "“{}”与“{}”的活动在共建信息表中找不到对应的结对关系",
                            a.branch, a.partner
                        ),
                    )
                    .about(&a.branch, &a.committee),
                );
            }
        }
    }
    out
}
