//! Stage 4: the rules of FORMS.md, each producing a [`Problem`] with its code.
//!
//! - [`form`]: per-form rules, one form at a time (application, pairing, case);
//! - [`cross`]: the rules across files — supersession, one project per
//!   branch, reconciliation with the summary sheets, review results, activity
//!   logs against pairing tables — all through hash maps, in linear time;
//! - [`similar`]: copied texts, through candidate pairs (MinHash banding);
//! - [`roster`] and [`closing`]: who must take part, and what 结项 owes;
//! - [`members`], [`todo`] and [`score`]: “两在两同” — members' “四个一”
//!   hours, the 双月实事清单 and the per-branch 量化评价.

pub mod closing;
pub mod cross;
pub mod form;
pub mod members;
pub mod roster;
pub mod score;
pub mod similar;
pub mod todo;

pub use cross::{activities, campaign};
pub use form::{application, case, pairing};

use crate::model::Submitted;
use crate::problem::{Code, Problem};
use std::collections::{HashMap, HashSet};

pub(crate) fn p(code: Code, file: &str, location: &str, message: String) -> Problem {
    Problem::new(code, file, location, message)
}

pub(crate) fn missing_location(loc: Option<&String>, label: &str) -> String {
    loc.cloned()
        .unwrap_or_else(|| format!("未找到“{label}”一栏"))
}

/// Submissions replaced by a newer one of the same unit. A submission
/// counts when its rows name exactly one unit (`units` gives each row's
/// normalised key; empty keys are ignored); of those naming the same unit,
/// the newest file (modification time, then name) replaces every other
/// file. Returns each replaced submission's index with the file that
/// replaces it.
pub(crate) fn replaced_by_newer<T>(
    subs: &[Submitted<T>],
    units: impl Fn(&T) -> Vec<String>,
) -> Vec<(usize, String)> {
    let single: Vec<Option<String>> = subs
        .iter()
        .map(|s| {
            let keys: HashSet<String> = units(&s.form)
                .into_iter()
                .filter(|k| !k.is_empty())
                .collect();
            (keys.len() == 1).then(|| keys.into_iter().next().unwrap_or_default())
        })
        .collect();
    let mut newest: HashMap<&str, usize> = HashMap::new();
    for (i, key) in single.iter().enumerate() {
        let Some(key) = key else { continue };
        let s = &subs[i];
        match newest.get(key.as_str()) {
            Some(&j) if subs[j].file == s.file => {}
            Some(&j) if (subs[j].mtime, &subs[j].file) > (s.mtime, &s.file) => {}
            _ => {
                newest.insert(key, i);
            }
        }
    }
    single
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let j = newest[k.as_deref()?];
            (subs[j].file != subs[i].file).then(|| (i, subs[j].file.clone()))
        })
        .collect()
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod linear_tests {
    use super::*;
    use crate::config::{Config, REJECTED_LEVEL};
    use crate::model::*;

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
