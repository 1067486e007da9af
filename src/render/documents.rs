//! The documents compiled with Typst: 案例汇编, 立项公示, 年度总结 and the
//! 述职评议材料. Each builder turns the model into the JSON its template
//! documents (see the header of each `templates/*.typ`); user text travels
//! only as JSON strings and is never spliced into markup.

use super::typst::{Diag, Typst};
use super::{CampaignInfo, chinese_number};
use crate::config::Config;
use crate::model::Campaign;
use crate::model::{Activity, Application, Case};
use crate::normalise::partner_category;
use crate::normalise::{branch_key, yuan};
use crate::problem::{Code, Problem, Severity};
use crate::stats::Stats;
use chrono::Datelike;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// One document to compile: output path (relative to the outbox), template
/// and data.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub data: Value,
}

/// Name of the track a case belongs to: the track of its branch's
/// application, when there is one.
const NO_TRACK: &str = "其他案例";

/// 案例汇编.pdf: the active cases grouped by track (in the campaign's track
/// order, cases of branches without an application last), ordered by
/// committee then branch.
pub fn case_compilation(cfg: &Config, c: &Campaign, apps: &[&Application], date: &str) -> Job {
    // The first application of each branch, keyed once.
    let mut first_app: HashMap<String, &Application> = HashMap::new();
    for a in apps {
        first_app.entry(branch_key(&a.branch)).or_insert(a);
    }
    let track_of = |case: &Case| -> String {
        first_app
            .get(&branch_key(&case.branch))
            .and_then(|a| a.track.clone())
            .unwrap_or_else(|| NO_TRACK.to_string())
    };
    let mut cases: Vec<(String, &Case)> = c
        .cases
        .iter()
        .filter(|s| s.superseded_by.is_none())
        .map(|s| (track_of(&s.form), &s.form))
        .collect();
    cases.sort_by(|(_, a), (_, b)| {
        (&a.committee, &a.branch, &a.title).cmp(&(&b.committee, &b.branch, &b.title))
    });
    let mut names: Vec<String> = cfg.tracks.iter().map(|t| t.name.clone()).collect();
    names.push(NO_TRACK.to_string());
    let tracks: Vec<Value> = names
        .iter()
        .filter_map(|name| {
            let of: Vec<Value> = cases
                .iter()
                .filter(|(t, _)| t == name)
                .map(|(_, case)| {
                    json!({
                        "title": case.title,
                        "branch": case.branch,
                        "committee": case.committee,
                        "author": case.author,
                        "sections": case.sections.iter().map(|s| json!({
                            "heading": section_heading(s.key, &s.heading),
                            "paragraphs": s.paragraphs,
                        })).collect::<Vec<_>>(),
                        "chars": case.chars,
                        "too_long": case.chars > cfg.case_max_chars,
                    })
                })
                .collect();
            (!of.is_empty()).then(|| json!({"name": name, "cases": of}))
        })
        .collect();
    Job {
        path: "案例汇编.pdf".into(),
        template: "case_compilation.typ",
        data: json!({
            "campaign": CampaignInfo::of(cfg),
            "date": date,
            "tracks": tracks,
        }),
    }
}

/// The four section headings in their canonical wording and numbering,
/// whatever numbering the write-up used.
fn section_heading(key: &str, as_written: &str) -> String {
    let canonical = crate::labels::CASE_SECTIONS
        .iter()
        .position(|(k, _)| *k == key)
        .map(|i| (i, crate::labels::CASE_SECTIONS[i].1[0]));
    match canonical {
        Some((i, name)) => format!("{}、{name}", chinese_number(i + 1)),
        None => as_written.to_string(),
    }
}

/// 立项公示.pdf from the notice (the same data as 立项公示.docx).
pub fn publicity(notice: &super::publicity::Notice) -> Job {
    Job {
        path: "立项公示.pdf".into(),
        template: "publicity.typ",
        data: serde_json::to_value(notice).expect("the notice serialises"),
    }
}

/// 年度总结.pdf from the statistics.
pub fn annual(cfg: &Config, s: &Stats, date: &str) -> Job {
    let counts = |v: &[crate::stats::Count]| -> Vec<Value> {
        v.iter()
            .map(|c| json!({"name": c.name, "count": c.count}))
            .collect()
    };
    let months: Vec<crate::stats::Count> =
        s.by_month.iter().filter(|m| m.count > 0).cloned().collect();
    Job {
        path: "年度总结.pdf".into(),
        template: "annual.typ",
        data: json!({
            "campaign": CampaignInfo::of(cfg),
            "date": date,
            "headline": format!("{}年，{}。", s.year, s.headline),
            "by_partner_kind": counts(&s.by_partner_kind),
            "by_activity_kind": counts(&s.by_activity_kind),
            "by_committee": counts(&s.by_committee),
            "by_month": counts(&months),
            "incomplete_pairings": s.four_ones.iter().filter(|f| !f.missing.is_empty()).map(|f| json!({
                "branch": f.branch,
                "partner": f.partners.join("、"),
                "missing": f.missing,
            })).collect::<Vec<_>>(),
            "projects_by_level": s.projects_by_level.iter().map(|l| json!({
                "level": l.level,
                "count": l.count,
                "requested": yuan(l.requested_fen),
                "approved": yuan(l.approved_fen),
            })).collect::<Vec<_>>(),
        }),
    }
}

/// 述职评议材料/<branch>.pdf: one per branch with an active pairing table
/// (the office branches of a 结对共建 campaign). Two branches whose names
/// give the same safe file name get `（2）`, `（3）`, ….
pub fn review_materials(
    cfg: &Config,
    c: &Campaign,
    stats: &Stats,
    apps: &[&Application],
    date: &str,
) -> Vec<Job> {
    let rows: Vec<&Activity> = c.activities_in(cfg.counted_from(), cfg.counted_to());
    let mut pairings = c.active_pairings();
    // A table without a branch name (a blank form) is no branch's material.
    pairings.retain(|p| !p.branch.trim().is_empty());
    pairings.sort_by(|a, b| (&a.committee, &a.branch).cmp(&(&b.committee, &b.branch)));
    // Activity rows, “四个一” results and projects under their branch key,
    // each keyed once (in their order; the first result of a key).
    let mut rows_of: HashMap<String, Vec<&Activity>> = HashMap::new();
    for a in &rows {
        rows_of.entry(branch_key(&a.branch)).or_default().push(a);
    }
    let mut four_of: HashMap<String, &crate::stats::FourOnes> = HashMap::new();
    for f in &stats.four_ones {
        four_of.entry(branch_key(&f.branch)).or_insert(f);
    }
    let mut apps_of: HashMap<String, Vec<&Application>> = HashMap::new();
    for a in apps {
        apps_of.entry(branch_key(&a.branch)).or_default().push(a);
    }
    let mut used: Vec<String> = Vec::new();
    pairings
        .iter()
        .map(|p| {
            let key = branch_key(&p.branch);
            let mut own: Vec<&Activity> = rows_of.get(&key).cloned().unwrap_or_default();
            own.sort_by_key(|a| a.date);
            let partners: Vec<Value> = p
                .partners
                .iter()
                .map(|x| json!({"partner": x.name, "partner_kind": partner_category(&x.kind)}))
                .collect();
            // The one “四个一” computation, shared with 年度总结 and report.json.
            let four = four_of.get(&key).copied();
            let four_ones: Vec<Value> = crate::vocab::FOUR_ONES
                .iter()
                .map(|(k, _)| {
                    let has = |v: Option<&Vec<String>>| v.is_some_and(|v| v.iter().any(|x| x == k));
                    json!({
                        "kind": k,
                        "planned": has(four.map(|f| &f.planned)),
                        "done": has(four.map(|f| &f.done)),
                    })
                })
                .collect();
            let projects: Vec<Value> = apps_of
                .get(&key)
                .into_iter()
                .flatten()
                .map(|a| {
                    json!({
                        "title": a.title,
                        "level": a.level,
                        "requested": a.requested_fen.map(yuan),
                        "approved": a.approved_fen.map(yuan),
                    })
                })
                .collect();
            let base = super::safe_file_name(&p.branch);
            let mut name = base.clone();
            let mut n = 1;
            while used.contains(&name) {
                n += 1;
                name = format!("{base}（{n}）");
            }
            used.push(name.clone());
            Job {
                path: format!("述职评议材料/{name}.pdf"),
                template: "review_material.typ",
                data: json!({
                    "campaign": CampaignInfo::of(cfg),
                    "date": date,
                    "branch": p.branch,
                    "committee": p.committee,
                    "secretary": p.secretary,
                    "pairings": partners,
                    "four_ones": four_ones,
                    "activities": by_kind(&own),
                    "projects": projects,
                }),
            }
        })
        .collect()
}

/// This year's activities of one branch by kind, in the order of the
/// activity kinds, each with its dates (`3月5日`).
fn by_kind(rows: &[&Activity]) -> Vec<Value> {
    crate::vocab::ACTIVITY_KINDS
        .iter()
        .filter_map(|kind| {
            let dates: Vec<String> = rows
                .iter()
                .filter(|a| crate::stats::activity_kind(&a.kind) == *kind)
                .filter_map(|a| a.date)
                .map(|d| format!("{}月{}日", d.month(), d.day()))
                .collect();
            (!dates.is_empty()).then(|| json!({"kind": kind, "count": dates.len(), "dates": dates}))
        })
        .collect()
}

/// A compiled document, ready to be written.
pub struct Rendered {
    pub path: String,
    pub pdf: Vec<u8>,
}

/// Compile every job (in parallel). A job whose template fails produces no
/// PDF, only a problem naming the template file and line. A diagnostic that
/// several documents share (one template, many branches) is reported once,
/// listing the documents it kept from being written.
pub fn compile(typst: &Typst, jobs: Vec<Job>) -> (Vec<Rendered>, Vec<Problem>) {
    collect(compile_each(typst, jobs))
}

/// What compiling one job gave, under its output path.
pub type Outcome = (String, Result<super::typst::Compiled, Vec<Diag>>);

/// Compile every job (in parallel), in the jobs' order.
pub fn compile_each(typst: &Typst, jobs: Vec<Job>) -> Vec<Outcome> {
    jobs.into_par_iter()
        .map(|job| {
            let r = typst.compile_pdf(job.template, &job.data);
            (job.path, r)
        })
        .collect()
}

/// The PDFs and the template problems of compiled jobs.
pub fn collect(results: Vec<Outcome>) -> (Vec<Rendered>, Vec<Problem>) {
    let mut done = Vec::new();
    // (template, line, message, is error) → documents not written
    let mut diags: BTreeMap<(String, Option<usize>, String, bool), Vec<String>> = BTreeMap::new();
    for (path, result) in results {
        let (ds, failed) = match result {
            Ok(c) => {
                done.push(Rendered {
                    path: path.clone(),
                    pdf: c.pdf,
                });
                (c.warnings, false)
            }
            Err(ds) => (ds, true),
        };
        for d in ds {
            let error = d.severity == "error";
            let docs = diags
                .entry((d.template, d.line, d.message, error))
                .or_default();
            if failed {
                docs.push(path.clone());
            }
        }
    }
    let problems = diags
        .into_iter()
        .map(|((template, line, message, error), docs)| {
            let location = line.map_or_else(|| "整个模板".into(), |l| format!("第 {l} 行"));
            let message = if docs.is_empty() {
                message
            } else {
                let mut list = docs.iter().take(3).cloned().collect::<Vec<_>>().join("、");
                if docs.len() > 3 {
                    list.push_str(&format!(" 等 {} 个文件", docs.len()));
                }
                format!("{message}；因此未生成 {list}")
            };
            let mut p = Problem::new(
                Code::Template,
                &format!("templates/{template}"),
                location,
                message,
            );
            p.severity = if error {
                Severity::Error
            } else {
                Severity::Warning
            };
            p
        })
        .collect();
    (done, problems)
}
