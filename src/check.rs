//! Stage 4: the rules of FORMS.md, each producing a [`Problem`] with its code.
//! Per-form rules first, then the rules across files: supersession, one
//! project per branch, reconciliation with the summary sheets, review results.

use crate::config::{Config, REJECTED_LEVEL};
use crate::labels::{APPLICATION, canonical};
use crate::model::*;
pub mod closing;
pub mod members;
pub mod roster;
pub mod score;
pub mod todo;

pub use crate::model::{Campaign, Submitted};
use crate::normalise::{self, branch_key, yuan};
use crate::problem::{Code, Problem};
use crate::vocab::FOUR_ONES;
use std::collections::{HashMap, HashSet};

fn p(code: Code, file: &str, location: &str, message: String) -> Problem {
    Problem::new(code, file, location, message)
}

fn missing_location(loc: Option<&String>, label: &str) -> String {
    loc.cloned()
        .unwrap_or_else(|| format!("未找到“{label}”一栏"))
}

/// The per-form rules of an application (FORMS.md §1.2).
pub fn application(app: &Application, file: &str, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let loc = |f: &str| missing_location(app.locs.get(f), canonical(APPLICATION, f));
    let required: [(&str, bool); 10] = [
        ("branch", app.branch.is_empty()),
        ("committee", app.committee.is_empty()),
        (
            "track",
            app.track_raw.is_empty() && !cfg.tracks.is_empty() && !cfg.tracks_open,
        ),
        ("title", app.title.is_empty()),
        ("leader", app.leader.is_empty()),
        ("phone", app.phone.is_empty()),
        (
            "requested",
            app.requested_raw.trim().is_empty() && cfg.money_required(),
        ),
        ("goals", app.goals.is_empty()),
        ("plan", app.plan.is_empty()),
        ("outcomes", app.outcomes.is_empty()),
    ];
    for (field, empty) in required {
        if empty {
            let label = canonical(APPLICATION, field);
            out.push(p(
                Code::MissingField,
                file,
                &loc(field),
                format!("必填项“{label}”未填写"),
            ));
        }
    }
    if cfg.roadmap_required && app.roadmap.is_empty() {
        out.push(p(
            Code::MissingField,
            file,
            &loc("roadmap"),
            "必填项“路线图”未填写（书记项目须排出“时间表”和“路线图”）".into(),
        ));
    }
    if cfg.advisor_required
        && app.branch_kind == Some(BranchKind::Student)
        && app.advisor.is_empty()
    {
        out.push(p(
            Code::MissingAdvisor,
            file,
            &loc("advisor"),
            "学生党支部申报项目须填写指导老师".into(),
        ));
    }
    if let Some(fen) = app.requested_fen {
        if let Some(cap) = cfg.highest_cap_fen().filter(|cap| fen > *cap) {
            out.push(p(
                Code::OverCap,
                file,
                &loc("requested"),
                format!(
                    "申请经费 {} 元，超过本次活动的最高额度 {} 元",
                    yuan(fen),
                    yuan(cap)
                ),
            ));
        }
        if let Some(message) = budget_disagreement(app, fen) {
            out.push(p(Code::BudgetMismatch, file, &loc("budget"), message));
        }
    }
    if let (Some(d), Some(deadline)) = (app.filled_on, cfg.deadlines.application) {
        if d > deadline {
            out.push(p(
                Code::Late,
                file,
                &loc("filled_on"),
                format!("填表日期 {d} 晚于截止日期 {deadline}"),
            ));
        }
    }
    if !app.leader_role.is_empty() && !app.leader_role.contains("书记") {
        out.push(p(
            Code::LeaderRole,
            file,
            &loc("leader_role"),
            format!(
                "项目负责人职务为“{}”，应由支部书记或副书记担任",
                app.leader_role
            ),
        ));
    }
    if let Some(m) = app.members {
        if m < cfg.min_members {
            out.push(p(
                Code::MembersTooFew,
                file,
                &loc("members"),
                format!("党员人数 {m} 人，少于 {} 人", cfg.min_members),
            ));
        }
    }
    let title_len = app.title.chars().count();
    if title_len > cfg.title_max_chars {
        out.push(p(
            Code::TitleTooLong,
            file,
            &loc("title"),
            format!("项目名称 {title_len} 个字，超过 {} 字", cfg.title_max_chars),
        ));
    }
    out.into_iter()
        .map(|x| x.about(&app.branch, &app.committee))
        .collect()
}

/// The budget's items, its own 合计 row and 申请经费 must agree; the message
/// gives every number the form states.
fn budget_disagreement(app: &Application, requested: i64) -> Option<String> {
    let items: Option<i64> = if app.budget.is_empty() {
        None
    } else {
        app.budget.iter().map(|b| b.amount_fen).sum()
    };
    let total = app.budget_total_fen;
    let stated: Vec<i64> = [items, total, Some(requested)]
        .into_iter()
        .flatten()
        .collect();
    if stated.len() < 2 || stated.iter().all(|x| *x == requested) {
        return None;
    }
    let req = yuan(requested);
    Some(match (items, total) {
        (Some(i), Some(t)) if i != t => format!(
            "经费预算明细各项之和 {} 元，表中“合计” {} 元，申请经费 {req} 元，三者应当一致",
            yuan(i),
            yuan(t)
        ),
        (Some(sum), _) | (None, Some(sum)) => {
            format!(
                "经费预算明细合计 {} 元，与申请经费 {req} 元不一致",
                yuan(sum)
            )
        }
        (None, None) => return None,
    })
}

/// The rules of a pairing table (FORMS.md §1.1).
pub fn pairing(pair: &Pairing, file: &str, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let loc = |f: &str| missing_location(pair.locs.get(f), f);
    if let (Some(d), Some(deadline)) = (pair.filled_on, cfg.deadlines.pairing) {
        if d > deadline {
            out.push(p(
                Code::Late,
                file,
                &loc("filled_on"),
                format!("填报日期 {d} 晚于截止日期 {deadline}"),
            ));
        }
    }
    for (field, label, empty) in [
        ("branch", "机关党支部名称", pair.branch.is_empty()),
        ("secretary", "支部书记", pair.secretary.is_empty()),
        ("phone", "联系电话", pair.phone.is_empty()),
        ("topic", "共建主题", pair.topic.is_empty()),
    ] {
        if empty {
            out.push(p(
                Code::MissingField,
                file,
                &missing_location(pair.locs.get(field), label),
                format!("必填项“{label}”未填写"),
            ));
        }
    }
    let college = pair
        .partners
        .iter()
        .filter(|x| x.kind.contains("教师党支部"))
        .count();
    let external = pair
        .partners
        .iter()
        .filter(|x| x.kind == "校外党支部")
        .count();
    if !(1..=2).contains(&college) || external != 1 {
        out.push(p(
            Code::PartnerRule,
            file,
            &loc("partners"),
            format!("结对支部应为 1–2 个学院教师党支部加 1 个校外党支部，实际学院教师党支部 {college} 个、校外党支部 {external} 个"),
        ));
    }
    let missing: Vec<&str> = FOUR_ONES
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !pair.plan.iter().any(|x| x.kind == *k))
        .collect();
    if !missing.is_empty() {
        out.push(p(
            Code::FourOnesIncomplete,
            file,
            &loc("plan"),
            format!("“四个一”计划缺少：{}", missing.join("、")),
        ));
    }
    out.into_iter()
        .map(|x| x.about(&pair.branch, &pair.committee))
        .collect()
}

/// The rules of a case write-up (FORMS.md §1.4).
pub fn case(c: &Case, file: &str, cfg: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    for (key, labels) in crate::labels::CASE_SECTIONS {
        if !c.sections.iter().any(|s| s.key == *key) {
            out.push(p(
                Code::CaseMissingSection,
                file,
                "正文",
                format!("缺少“{}”部分", labels[0]),
            ));
        }
    }
    if c.chars > cfg.case_max_chars {
        out.push(p(
            Code::CaseTooLong,
            file,
            "正文",
            format!(
                "案例正文 {} 字，超过 {} 字的限制",
                c.chars, cfg.case_max_chars
            ),
        ));
    }
    if c.title.is_empty() {
        out.push(p(
            Code::MissingField,
            file,
            "正文开头",
            "案例缺少标题".into(),
        ));
    }
    out.into_iter()
        .map(|x| x.about(&c.branch, &c.committee))
        .collect()
}

/// Mark older submissions of the same branch and form kind as superseded:
/// newest 填表日期, then newest file modification time, wins.
fn supersede<T>(
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

/// Two applications (or cases) from different branches sharing most of their text.
///
/// No all-pairs loop: an exact prefix filter (Bayardo et al., “Scaling up
/// all pairs similarity search”). With the shingles of every text ordered
/// rarest first, two sets whose Jaccard similarity reaches `t` share at least
/// one shingle among the first `|x| − ⌈t·|x|⌉ + 1` of each; so only texts
/// that meet in the inverted index of those prefixes are compared, and the
/// exact Jaccard decides. The result is the all-pairs result, in its order.
fn similar_texts(c: &Campaign, active: &[usize], app_keys: &[String]) -> Vec<Problem> {
    use rayon::prelude::*;
    const THRESHOLD: f64 = 0.6;
    // (file, branch, committee, branch key, shingles)
    type Doc<'a> = (&'a str, &'a str, &'a str, &'a str, Vec<u64>);
    let mut docs: Vec<Doc> = active
        .par_iter()
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
                app_keys[i].as_str(),
                shingles(&text),
            )
        })
        .collect();
    let case_keys: Vec<(usize, String)> = c
        .cases
        .iter()
        .enumerate()
        .filter(|(_, x)| x.superseded_by.is_none())
        .map(|(i, x)| (i, branch_key(&x.form.branch)))
        .collect();
    docs.par_extend(case_keys.par_iter().map(|(i, key)| {
        let x = &c.cases[*i];
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
            key.as_str(),
            shingles(&text),
        )
    }));
    let pairs = candidate_pairs(
        &docs.iter().map(|d| d.4.as_slice()).collect::<Vec<_>>(),
        THRESHOLD,
    );
    let hits: Vec<(usize, usize, f64)> = pairs
        .into_par_iter()
        .filter_map(|(j, i)| {
            let (a, b) = (&docs[i], &docs[j]);
            if a.3 == b.3 {
                return None;
            }
            jaccard_at_least(&a.4, &b.4, THRESHOLD).map(|sim| (i, j, sim))
        })
        .collect();
    hits.into_iter()
        .map(|(i, j, sim)| {
            let (a, b) = (&docs[i], &docs[j]);
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
            .about(b.1, b.2)
        })
        .collect()
}

/// The pairs `(j, i)`, `i < j`, of sets with at least 50 shingles each that
/// may reach Jaccard similarity `t`, sorted: a superset of the pairs that do.
///
/// PPJoin (Xiao et al. 2008). Sets are taken smallest first, their shingles
/// ordered rarest first. A pair needs an overlap `α = ⌈t/(1+t)·(|x|+|y|)⌉`,
/// so the earlier, smaller `y` need only index its first
/// `|y| − ⌈2t/(1+t)·|y|⌉ + 1` shingles and the later `x` probe its first
/// `|x| − ⌈t·|x|⌉ + 1`; two sets that reach `t` meet there. Since the order is
/// global, a shingle shared at positions `px`, `py` bounds the overlap by what
/// was already shared, plus one, plus `min(|x|−px−1, |y|−py−1)`; a pair
/// whose bound falls short of `α` is dropped. Every bound is rounded so as
/// to keep pairs.
fn candidate_pairs(sets: &[&[u64]], t: f64) -> Vec<(usize, usize)> {
    const PRUNED: u32 = u32::MAX;
    let mut by_size: Vec<usize> = (0..sets.len()).filter(|&i| sets[i].len() >= 50).collect();
    by_size.sort_by_key(|&i| (sets[i].len(), i));
    let mut freq: HashMap<u64, u32> = HashMap::new();
    for &i in &by_size {
        for s in sets[i] {
            *freq.entry(*s).or_default() += 1;
        }
    }
    let prefix = |len: usize, share: f64| {
        let needed = (share * len as f64 - 1e-9).ceil().max(0.0) as usize;
        // One more than the bound, against rounding: a longer prefix only adds candidates.
        (len - needed.min(len) + 2).min(len)
    };
    // shingle → (set, position in its order)
    let mut index: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut overlap: Vec<u32> = vec![0; sets.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &j in &by_size {
        let set = sets[j];
        let lx = set.len();
        let mut order: Vec<(u32, u64)> = set.iter().map(|s| (freq[s], *s)).collect();
        order.sort_unstable();
        for (px, (_, s)) in order[..prefix(lx, t)].iter().enumerate() {
            let Some(list) = index.get(s) else {
                continue;
            };
            for &(i, py) in list {
                if overlap[i] == PRUNED {
                    continue;
                }
                let ly = sets[i].len();
                // Jaccard is at most |smaller| / |larger|.
                if (ly as f64) < t * lx as f64 - 1e-9 {
                    continue;
                }
                let alpha = (t / (1.0 + t) * (lx + ly) as f64 - 1e-6).ceil().max(0.0) as usize;
                let bound = overlap[i] as usize + 1 + (lx - px - 1).min(ly - py - 1);
                if overlap[i] == 0 {
                    touched.push(i);
                }
                if bound < alpha {
                    overlap[i] = PRUNED;
                } else {
                    overlap[i] += 1;
                }
            }
        }
        for i in touched.drain(..) {
            if overlap[i] != PRUNED {
                pairs.push((i.max(j), i.min(j)));
            }
            overlap[i] = 0;
        }
        for (py, (_, s)) in order[..prefix(lx, 2.0 * t / (1.0 + t))].iter().enumerate() {
            index.entry(*s).or_default().push((j, py));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The Jaccard similarity of two sorted sets when it can reach `t`; `None`
/// as soon as the sets cannot share enough.
fn jaccard_at_least(a: &[u64], b: &[u64], t: f64) -> Option<f64> {
    let alpha = (t / (1.0 + t) * (a.len() + b.len()) as f64 - 1e-6)
        .ceil()
        .max(0.0) as usize;
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if common + (a.len() - i).min(b.len() - j) < alpha {
            return None;
        }
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
    // The loop above counted the whole overlap: no second pass over the sets.
    let union = a.len() + b.len() - common;
    let sim = if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    };
    (sim >= t).then_some(sim)
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

#[cfg(test)]
#[path = "check_reference.rs"]
mod reference;

#[cfg(test)]
mod linear_tests {
    use super::*;
    use crate::config::Config;

    fn sub<T>(form: T, file: String, mtime: i64) -> Submitted<T> {
        Submitted {
            form,
            file,
            mtime,
            superseded_by: None,
        }
    }

    /// A campaign with every cross-file situation many times over: texts
    /// from a small vocabulary (so that many pairs are near the threshold),
    /// copied texts, resubmissions, branch spellings, summary and review rows
    /// that match none, several, or one application.
    fn generated(n: usize, seed: u64) -> Campaign {
        let mut x = seed | 1;
        let mut rnd = move |k: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % k as u64) as usize
        };
        let words = [
            "学习", "党员", "支部", "服务", "志愿", "实践", "建设", "理论", "宣讲", "帮扶", "学业",
            "创新", "红色", "基地", "社区", "调研", "青年", "先锋",
        ];
        let text = |rnd: &mut dyn FnMut(usize) -> usize, len: usize, vocab: usize| {
            (0..len).map(|_| words[rnd(vocab)]).collect::<String>()
        };
        let mut c = Campaign::default();
        let mut texts: Vec<String> = Vec::new();
        for i in 0..n {
            let b = rnd(n * 3 / 4 + 1);
            let branch = match rnd(3) {
                0 => format!("第{b}党支部"),
                1 => format!("中共第{b}支部"),
                _ => format!("第 {b} 党支部"),
            };
            let body = match (rnd(4), texts.len()) {
                (0, k) if k > 0 => {
                    let t = texts[rnd(k)].clone();
                    let len = rnd(40);
                    t + &text(&mut rnd, len, 18)
                }
                _ => {
                    let (len, vocab) = (20 + rnd(120), 4 + rnd(14));
                    text(&mut rnd, len, vocab)
                }
            };
            texts.push(body.clone());
            let app = Application {
                branch: if rnd(40) == 0 { String::new() } else { branch },
                committee: format!("学院{}", b % 7),
                title: format!("项目{}", rnd(5)),
                background: body,
                requested_fen: Some(100_000 * (1 + rnd(5)) as i64),
                filled_on: chrono::NaiveDate::from_ymd_opt(2025, 10, 1 + rnd(28) as u32),
                ..Application::default()
            };
            c.applications
                .push(sub(app, format!("a{i:04}.docx"), rnd(3) as i64));
        }
        for s in 0..n / 10 + 1 {
            let rows = (0..rnd(20))
                .map(|r| SummaryRow {
                    branch: format!("第{}党支部", rnd(n)),
                    title: format!("项目{}", rnd(5)),
                    sheet: "Sheet1".into(),
                    row: r + 4,
                    ..SummaryRow::default()
                })
                .collect();
            c.summaries.push(sub(rows, format!("s{s}.xlsx"), 0));
        }
        for s in 0..3 {
            let rows = (0..n / 2)
                .map(|r| ReviewRow {
                    branch: format!("第{}支部", rnd(n)),
                    title: format!("项目{}", rnd(5)),
                    level: Some(["一类", "二类", REJECTED_LEVEL][rnd(3)].to_string()),
                    approved_fen: Some(100_000 * rnd(8) as i64),
                    sheet: "评审结果".into(),
                    row: r + 3,
                    ..ReviewRow::default()
                })
                .collect();
            c.reviews.push(sub(rows, format!("r{s}.xlsx"), 0));
        }
        for k in 0..n / 5 {
            let b = rnd(n);
            let body = if rnd(3) == 0 && !texts.is_empty() {
                texts[rnd(texts.len())].clone()
            } else {
                let (len, vocab) = (30 + rnd(100), 6 + rnd(12));
                text(&mut rnd, len, vocab)
            };
            let case = Case {
                title: format!("案例{}", rnd(4)),
                branch: format!("第{b}党支部"),
                sections: vec![CaseSection {
                    key: "background",
                    heading: "背景".into(),
                    paragraphs: vec![body],
                }],
                ..Case::default()
            };
            c.cases.push(sub(case, format!("c{k}.docx"), rnd(2) as i64));
        }
        for k in 0..n / 20 + 1 {
            let pairing = Pairing {
                branch: format!("机关第{}党支部", rnd(n / 20 + 1)),
                partners: (0..3)
                    .map(|q| Partner {
                        name: format!("伙伴{}支部", (k + q) % 9),
                        kind: "校外党支部".into(),
                        unit: String::new(),
                        person: String::new(),
                        phone: String::new(),
                        location: String::new(),
                    })
                    .collect(),
                ..Pairing::default()
            };
            c.pairings
                .push(sub(pairing, format!("p{k}.docx"), rnd(2) as i64));
            let rows = (0..10)
                .map(|r| Activity {
                    date: chrono::NaiveDate::from_ymd_opt(
                        2024 + rnd(2) as i32,
                        1 + rnd(12) as u32,
                        1,
                    ),
                    branch: format!("机关第{}支部", rnd(n / 20 + 1)),
                    partner: format!("伙伴{}党支部", rnd(10)),
                    sheet: "Sheet1".into(),
                    row: r + 3,
                    ..Activity::default()
                })
                .collect();
            c.activities.push(sub(rows, format!("l{k}.xlsx"), 0));
        }
        c
    }

    fn state(c: &Campaign) -> Vec<String> {
        c.applications
            .iter()
            .map(|a| {
                format!(
                    "{:?} {:?} {:?}",
                    a.superseded_by, a.form.level, a.form.approved_fen
                )
            })
            .chain(c.pairings.iter().map(|x| format!("{:?}", x.superseded_by)))
            .chain(c.cases.iter().map(|x| format!("{:?}", x.superseded_by)))
            .collect()
    }

    /// The linear-time rules give exactly what the all-pairs rules gave:
    /// the same problems in the same order, the same supersessions and
    /// review results, on generated campaigns of several sizes and configs.
    #[test]
    fn same_result_as_all_pairs() {
        let mut similar = 0;
        for (n, seed) in [(10, 1), (60, 2), (300, 3), (900, 4)] {
            for one_per_branch in [true, false] {
                let mut cfg = Config::preset("duibiao").unwrap();
                cfg.one_project_per_branch = one_per_branch;
                let mut fast = generated(n, seed);
                let mut slow = generated(n, seed);
                let new = campaign(&mut fast, &cfg);
                let old = reference::campaign_all_pairs(&mut slow, &cfg);
                assert_eq!(new, old, "n = {n}, one per branch = {one_per_branch}");
                assert_eq!(state(&fast), state(&slow));
                assert_eq!(
                    activities(&fast, &cfg),
                    reference::activities_all_pairs(&slow, &cfg)
                );
                similar += new.iter().filter(|p| p.code == Code::SimilarText).count();
                assert!(new.iter().any(|p| p.code == Code::Unmatched));
            }
        }
        assert!(
            similar > 100,
            "the corpus exercises similar_text: {similar}"
        );
    }
}
