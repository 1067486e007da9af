//! The cross-file rules as they were before issue #13: all-pairs loops, keys
//! rebuilt for every comparison. Kept only for the tests, which check that
//! the linear-time rules of `check` give exactly the same problems.

use super::cross::supersede;
use super::p;
use crate::config::{Config, REJECTED_LEVEL};
use crate::model::*;
use crate::normalise::{self, branch_key, yuan};
use crate::problem::{Code, Problem};

fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (normalise::compact(a), normalise::compact(b));
    a == b || strsim::normalized_levenshtein(&a, &b) >= 0.6
}

/// The rules across files. Mutates supersession and review results in place.
pub fn campaign_all_pairs(c: &mut Campaign, cfg: &Config) -> Vec<Problem> {
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
    // Reconciliation with the summary sheets, both ways.
    let rows: Vec<(&SummaryRow, &str)> = c
        .summaries
        .iter()
        .filter(|s| s.superseded_by.is_none())
        .flat_map(|s| s.form.iter().map(move |r| (r, s.file.as_str())))
        .collect();
    for &i in &active {
        let a = &c.applications[i];
        if !rows
            .iter()
            .any(|(r, _)| branch_key(&r.branch) == branch_key(&a.form.branch))
            && !a.form.branch.is_empty()
        {
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
    for (r, file) in &rows {
        if !active
            .iter()
            .any(|&i| branch_key(&c.applications[i].form.branch) == branch_key(&r.branch))
        {
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
    apply_reviews(c, &active, cfg, &mut out);
    out.extend(similar_texts(c, &active));
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

fn apply_reviews(c: &mut Campaign, active: &[usize], cfg: &Config, out: &mut Vec<Problem>) {
    for review in &c.reviews {
        for row in &review.form {
            let hits: Vec<usize> = active
                .iter()
                .copied()
                .filter(|&i| branch_key(&c.applications[i].form.branch) == branch_key(&row.branch))
                .collect();
            let target = match hits.as_slice() {
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

/// Character 4-gram shingles, hashed and sorted.
fn shingles(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .collect();
    let mut out: Vec<u64> = chars
        .windows(4)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Two applications (or cases) from different branches sharing most of their text.
fn similar_texts(c: &Campaign, active: &[usize]) -> Vec<Problem> {
    const THRESHOLD: f64 = 0.6;
    let mut docs: Vec<(&str, &str, &str, Vec<u64>)> = active
        .iter()
        .map(|&i| {
            let a = &c.applications[i];
            let text = format!(
                "{}{}{}{}",
                a.form.background, a.form.goals, a.form.outcomes, a.form.features
            );
            (
                a.file.as_str(),
                a.form.branch.as_str(),
                a.form.committee.as_str(),
                shingles(&text),
            )
        })
        .collect();
    docs.extend(
        c.cases
            .iter()
            .filter(|x| x.superseded_by.is_none())
            .map(|x| {
                let text: String = x
                    .form
                    .sections
                    .iter()
                    .flat_map(|s| s.paragraphs.iter().map(String::as_str))
                    .collect();
                (
                    x.file.as_str(),
                    x.form.branch.as_str(),
                    x.form.committee.as_str(),
                    shingles(&text),
                )
            }),
    );
    let mut out = Vec::new();
    for j in 0..docs.len() {
        for i in 0..j {
            let (a, b) = (&docs[i], &docs[j]);
            if a.3.len() < 50 || b.3.len() < 50 || branch_key(a.1) == branch_key(b.1) {
                continue;
            }
            let sim = jaccard(&a.3, &b.3);
            if sim >= THRESHOLD {
                out.push(
                    p(
                        Code::SimilarText,
                        b.0,
                        "正文",
                        format!(
                            "与“{}”的文字重合度 {:.0}%，请核实是否雷同",
                            a.0,
                            sim * 100.0
                        ),
                    )
                    .about(b.1, b.2),
                );
            }
        }
    }
    out
}

/// Activity rows outside the campaign year, and rows whose partner matches
/// no declared pairing. (What each pairing's log still misses of the
/// “四个一” is counted in `stats`.)
pub fn activities_all_pairs(c: &Campaign, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let pairings = c.active_pairings();
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
            let declared = pairings.iter().any(|pr| {
                branch_key(&pr.branch) == branch_key(&a.branch)
                    && pr
                        .partners
                        .iter()
                        .any(|x| branch_key(&x.name) == branch_key(&a.partner))
            });
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
