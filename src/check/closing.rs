//! FORMS.md §1.8: at 结项, what each approved project owes and what came in.
//!
//! Active once closing materials arrive (a 结题报告, an 活动总结 or a
//! 新闻稿件登记表): each project the review approved is matched by branch to
//! its 结题报告, 工作案例 and 活动总结; each item its level requires
//! (`[closing.requires]`) and is missing is `closing_missing`, money spent
//! above the approved amount `overspent`.

use crate::config::{Config, Material, REJECTED_LEVEL};
use crate::model::Campaign;
use crate::normalise::{branch_key, compact, yuan};
use crate::problem::{Code, Problem};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Platform levels that count as 校级 or higher (the 一支部一特色 notice).
const SCHOOL_OR_HIGHER: &[&str] = &["校级", "市级", "省级", "国家级", "全国", "中央"];

/// One approved project at 结项 (`closing` in report.json, a row of 结项验收表).
#[derive(Debug, Clone, Serialize)]
pub struct ClosingRow {
    pub branch: String,
    pub committee: String,
    pub title: String,
    pub level: String,
    pub approved_fen: Option<i64>,
    pub spent_fen: Option<i64>,
    pub required: Vec<String>,
    pub missing: Vec<String>,
    pub articles: usize,
    /// Each material and whether it came in (for the ✓/✗ columns).
    #[serde(skip)]
    pub received: Vec<(Material, bool)>,
}

/// Whether the closing round has started: some closing material came in.
pub fn started(c: &Campaign) -> bool {
    !(c.closing_reports.is_empty() && c.activity_summaries.is_empty() && c.articles.is_empty())
}

pub fn check(c: &Campaign, cfg: &Config) -> (Vec<Problem>, Vec<ClosingRow>) {
    if !started(c) {
        return (Vec::new(), Vec::new());
    }
    let mut have: HashMap<Material, HashSet<String>> = HashMap::new();
    let mut put = |m: Material, branch: &str| {
        have.entry(m).or_default().insert(branch_key(branch));
    };
    c.closing_reports
        .iter()
        .for_each(|r| put(Material::ClosingReport, &r.form.branch));
    c.cases
        .iter()
        .filter(|x| x.superseded_by.is_none())
        .for_each(|x| put(Material::Case, &x.form.branch));
    c.activity_summaries
        .iter()
        .for_each(|x| put(Material::ActivitySummary, &x.form.branch));
    let mut spent: HashMap<String, (Option<i64>, &str)> = HashMap::new();
    for r in &c.closing_reports {
        spent.insert(
            branch_key(&r.form.branch),
            (r.form.spent_fen, r.file.as_str()),
        );
    }
    let mut articles: HashMap<String, usize> = HashMap::new();
    for log in &c.articles {
        for a in &log.form {
            let level = compact(&format!("{}{}", a.level, a.platform));
            if SCHOOL_OR_HIGHER.iter().any(|w| level.contains(w)) {
                *articles.entry(branch_key(&a.branch)).or_default() += 1;
            }
        }
    }
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for a in c.applications.iter().filter(|a| a.superseded_by.is_none()) {
        let app = &a.form;
        let Some(level) = app.level.as_deref().filter(|l| *l != REJECTED_LEVEL) else {
            continue;
        };
        let key = branch_key(&app.branch);
        let required: Vec<Material> = cfg.closing.requires.get(level).cloned().unwrap_or_default();
        let received: Vec<(Material, bool)> = Material::ALL
            .iter()
            .map(|m| (*m, have.get(m).is_some_and(|s| s.contains(&key))))
            .collect();
        let mut missing: Vec<String> = required
            .iter()
            .filter(|m| !received.iter().any(|(r, ok)| r == *m && *ok))
            .map(|m| m.zh().to_string())
            .collect();
        let n_articles = articles.get(&key).copied().unwrap_or(0);
        if n_articles < cfg.closing.articles_min {
            missing.push(format!(
                "新闻稿件（校级及以上平台 {n_articles} 篇，应至少 {} 篇）",
                cfg.closing.articles_min
            ));
        }
        for item in &missing {
            problems.push(
                Problem::new(
                    Code::ClosingMissing,
                    &a.file,
                    "结项材料",
                    format!("{level}“{}”结项时缺少：{item}", app.title),
                )
                .about(&app.branch, &app.committee),
            );
        }
        let (spent_fen, report_file) = spent.get(&key).copied().unwrap_or((None, ""));
        if let (Some(s), Some(approved)) = (spent_fen, app.approved_fen) {
            if s > approved {
                problems.push(
                    Problem::new(
                        Code::Overspent,
                        report_file,
                        "已使用经费",
                        format!(
                            "已使用经费 {} 元，超过核定经费 {} 元",
                            yuan(s),
                            yuan(approved)
                        ),
                    )
                    .about(&app.branch, &app.committee),
                );
            }
        }
        rows.push(ClosingRow {
            branch: app.branch.clone(),
            committee: app.committee.clone(),
            title: app.title.clone(),
            level: level.to_string(),
            approved_fen: app.approved_fen,
            spent_fen,
            required: required.iter().map(|m| m.zh().to_string()).collect(),
            missing,
            articles: n_articles,
            received,
        });
    }
    rows.sort_by(|a, b| (&a.committee, &a.branch).cmp(&(&b.committee, &b.branch)));
    (problems, rows)
}
