//! The documents compiled with Typst: 案例汇编, 立项公示, 年度总结 and the
//! 述职评议材料. Each document's data is a typed struct below (立项公示's is
//! `publicity::Notice`), serialised to the JSON its template documents (see
//! the header of each `templates/*.typ`); user text travels only as JSON
//! strings and is never spliced into markup.

use super::members::AnnualSections;
use super::typst::{Diag, Typst};
use super::{CampaignInfo, chinese_number};
use crate::config::Config;
use crate::model::Campaign;
use crate::model::{Activity, Application, Case};
use crate::normalise::partner_category;
use crate::normalise::{branch_key, yuan};
use crate::problem::{Code, Problem, Severity};
use crate::stats::{Count, Stats};
use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

#[cfg(test)]
mod tests;

/// One document to compile: output path (relative to the outbox), template
/// and data.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub data: Value,
}

impl Job {
    /// A job whose template reads `data`.
    pub fn new(path: String, template: &'static str, data: &impl Serialize) -> Job {
        Job {
            path,
            template,
            data: serde_json::to_value(data).expect("document data serialises"),
        }
    }
}

/// 案例汇编.pdf (`case_compilation.typ`).
#[derive(Serialize)]
pub struct CaseCompilation {
    pub campaign: CampaignInfo,
    pub date: String,
    /// Tracks with at least one case, in the campaign's order.
    pub tracks: Vec<CaseTrack>,
}

#[derive(Serialize)]
pub struct CaseTrack {
    pub name: String,
    pub cases: Vec<CaseEntry>,
}

#[derive(Serialize)]
pub struct CaseEntry {
    pub title: String,
    pub branch: String,
    pub committee: String,
    pub author: String,
    pub sections: Vec<CaseSectionEntry>,
    pub chars: usize,
    pub too_long: bool,
}

#[derive(Serialize)]
pub struct CaseSectionEntry {
    /// Canonical wording and numbering (`二、主要做法`).
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// 年度总结.pdf (`annual.typ`).
#[derive(Serialize)]
pub struct Annual {
    pub campaign: CampaignInfo,
    pub date: String,
    pub headline: String,
    pub by_partner_kind: Vec<Count>,
    pub by_activity_kind: Vec<Count>,
    pub by_committee: Vec<Count>,
    /// Months with at least one activity.
    pub by_month: Vec<Count>,
    pub incomplete_pairings: Vec<IncompletePairing>,
    pub projects_by_level: Vec<LevelFunds>,
    /// The “两在两同” sections and whether the pairing sections apply.
    #[serde(flatten)]
    pub sections: AnnualSections,
}

#[derive(Serialize)]
pub struct IncompletePairing {
    pub branch: String,
    /// The partners, joined with `、`.
    pub partner: String,
    /// The “四个一” kinds not done.
    pub missing: Vec<String>,
}

#[derive(Serialize)]
pub struct LevelFunds {
    pub level: String,
    pub count: usize,
    /// Amounts as printed (`25,000`).
    pub requested: String,
    pub approved: String,
}

/// 述职评议材料/<branch>.pdf (`review_material.typ`).
#[derive(Serialize)]
pub struct ReviewMaterial {
    pub campaign: CampaignInfo,
    pub date: String,
    pub branch: String,
    pub committee: String,
    pub secretary: String,
    pub pairings: Vec<PartnerEntry>,
    pub four_ones: Vec<FourOneEntry>,
    pub activities: Vec<KindDates>,
    pub projects: Vec<ProjectEntry>,
}

#[derive(Serialize)]
pub struct PartnerEntry {
    pub partner: String,
    pub partner_kind: String,
}

#[derive(Serialize)]
pub struct FourOneEntry {
    pub kind: String,
    pub planned: bool,
    pub done: bool,
}

/// One activity kind of a branch: how many, and on which days (`3月5日`).
#[derive(Serialize)]
pub struct KindDates {
    pub kind: String,
    pub count: usize,
    pub dates: Vec<String>,
}

#[derive(Serialize)]
pub struct ProjectEntry {
    pub title: String,
    pub level: Option<String>,
    pub requested: Option<String>,
    pub approved: Option<String>,
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
    let tracks: Vec<CaseTrack> = names
        .iter()
        .filter_map(|name| {
            let of: Vec<CaseEntry> = cases
                .iter()
                .filter(|(t, _)| t == name)
                .map(|(_, case)| CaseEntry {
                    title: case.title.clone(),
                    branch: case.branch.clone(),
                    committee: case.committee.clone(),
                    author: case.author.clone(),
                    sections: case
                        .sections
                        .iter()
                        .map(|s| CaseSectionEntry {
                            heading: section_heading(s.key, &s.heading),
                            paragraphs: s.paragraphs.clone(),
                        })
                        .collect(),
                    chars: case.chars,
                    too_long: case.chars > cfg.case_max_chars,
                })
                .collect();
            (!of.is_empty()).then(|| CaseTrack {
                name: name.clone(),
                cases: of,
            })
        })
        .collect();
    let data = CaseCompilation {
        campaign: CampaignInfo::of(cfg),
        date: date.to_string(),
        tracks,
    };
    Job::new("案例汇编.pdf".into(), "case_compilation.typ", &data)
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
    Job::new("立项公示.pdf".into(), "publicity.typ", notice)
}

/// 年度总结.pdf from the statistics and the “两在两同” sections.
pub fn annual(cfg: &Config, s: &Stats, sections: AnnualSections, date: &str) -> Job {
    let data = Annual {
        campaign: CampaignInfo::of(cfg),
        date: date.to_string(),
        headline: format!("{}年，{}。", s.year, s.headline),
        by_partner_kind: s.by_partner_kind.clone(),
        by_activity_kind: s.by_activity_kind.clone(),
        by_committee: s.by_committee.clone(),
        by_month: s.by_month.iter().filter(|m| m.count > 0).cloned().collect(),
        incomplete_pairings: s
            .four_ones
            .iter()
            .filter(|f| !f.missing.is_empty())
            .map(|f| IncompletePairing {
                branch: f.branch.clone(),
                partner: f.partners.join("、"),
                missing: f.missing.clone(),
            })
            .collect(),
        projects_by_level: s
            .projects_by_level
            .iter()
            .map(|l| LevelFunds {
                level: l.level.clone(),
                count: l.count,
                requested: yuan(l.requested_fen),
                approved: yuan(l.approved_fen),
            })
            .collect(),
        sections,
    };
    Job::new("年度总结.pdf".into(), "annual.typ", &data)
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
            let partners: Vec<PartnerEntry> = p
                .partners
                .iter()
                .map(|x| PartnerEntry {
                    partner: x.name.clone(),
                    partner_kind: partner_category(&x.kind).to_string(),
                })
                .collect();
            // The one “四个一” computation, shared with 年度总结 and report.json.
            let four = four_of.get(&key).copied();
            let four_ones: Vec<FourOneEntry> = crate::vocab::FOUR_ONES
                .iter()
                .map(|(k, _)| {
                    let has = |v: Option<&Vec<String>>| v.is_some_and(|v| v.iter().any(|x| x == k));
                    FourOneEntry {
                        kind: k.to_string(),
                        planned: has(four.map(|f| &f.planned)),
                        done: has(four.map(|f| &f.done)),
                    }
                })
                .collect();
            let projects: Vec<ProjectEntry> = apps_of
                .get(&key)
                .into_iter()
                .flatten()
                .map(|a| ProjectEntry {
                    title: a.title.clone(),
                    level: a.level.clone(),
                    requested: a.requested_fen.map(yuan),
                    approved: a.approved_fen.map(yuan),
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
            let data = ReviewMaterial {
                campaign: CampaignInfo::of(cfg),
                date: date.to_string(),
                branch: p.branch.clone(),
                committee: p.committee.clone(),
                secretary: p.secretary.clone(),
                pairings: partners,
                four_ones,
                activities: by_kind(&own),
                projects,
            };
            Job::new(
                format!("述职评议材料/{name}.pdf"),
                "review_material.typ",
                &data,
            )
        })
        .collect()
}

/// This year's activities of one branch by kind, in the order of the
/// activity kinds, each with its dates (`3月5日`).
fn by_kind(rows: &[&Activity]) -> Vec<KindDates> {
    crate::vocab::ACTIVITY_KINDS
        .iter()
        .filter_map(|kind| {
            let dates: Vec<String> = rows
                .iter()
                .filter(|a| crate::stats::activity_kind(&a.kind) == *kind)
                .filter_map(|a| a.date)
                .map(|d| format!("{}月{}日", d.month(), d.day()))
                .collect();
            (!dates.is_empty()).then(|| KindDates {
                kind: kind.to_string(),
                count: dates.len(),
                dates,
            })
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
