//! Between extraction and the rules: one name per committee and per branch
//! across all files (FORMS.md §2).
//!
//! `中共机械工程学院委员会`, `机械工程学院党委` and `机械工程学院` are one
//! committee, shown everywhere under one name: the spelling of that
//! committee's own summary sheet, else the most frequent one. A branch written
//! with its committee in front (`机械工程学院机械本科第一党支部`) is the branch
//! another form names without it, and takes that form's spelling. An activity
//! row without a committee takes its branch's pairing table's, or the
//! committee its branch name starts with; a case without one takes its
//! branch's application's.

use crate::model::Campaign;
use crate::normalise::{branch_key, committee_key};
use std::collections::HashMap;

/// Committee key → the name every output shows.
#[derive(Debug, Default)]
pub struct Committees {
    names: HashMap<String, String>,
}

impl Committees {
    /// The name to show for a committee as written (unknown ones as written).
    pub fn name(&self, raw: &str) -> String {
        self.names
            .get(&committee_key(raw))
            .cloned()
            .unwrap_or_else(|| raw.to_string())
    }

    /// The committee a branch name starts with (`机械工程学院机械本科第一党支部`).
    fn prefix_of(&self, branch: &str) -> Option<String> {
        let key = branch_key(branch);
        self.names
            .iter()
            .filter(|(k, _)| {
                k.chars().count() >= 2 && key.starts_with(k.as_str()) && key.len() > k.len()
            })
            .max_by_key(|(k, _)| k.len())
            .map(|(_, name)| name.clone())
    }
}

/// How much a spelling counts when choosing a committee's name.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weight {
    Form = 1,
    SummarySheet = 1000,
    Roster = 1_000_000,
}

/// Give every committee and branch one name; returns the committee names for
/// the problems already made.
pub fn unify(c: &mut Campaign) -> Committees {
    let committees = committee_names(c);
    rename_committees(c, &committees);
    unify_branches(c, &committees);
    fill_missing_committees(c, &committees);
    committees
}

fn committee_names(c: &Campaign) -> Committees {
    // key → spelling → weight
    let mut votes: HashMap<String, HashMap<String, usize>> = HashMap::new();
    let mut vote = |raw: &str, w: Weight| {
        let raw = raw.trim();
        if raw.is_empty() {
            return;
        }
        *votes
            .entry(committee_key(raw))
            .or_default()
            .entry(raw.to_string())
            .or_default() += w as usize;
    };
    for r in &c.roster {
        for row in &r.form {
            vote(&row.committee, Weight::Roster);
        }
    }
    for s in c.summaries.iter().filter(|s| s.superseded_by.is_none()) {
        for r in &s.form {
            vote(&r.committee, Weight::SummarySheet);
        }
    }
    for a in &c.applications {
        vote(&a.form.committee, Weight::Form);
    }
    for p in &c.pairings {
        vote(&p.form.committee, Weight::Form);
    }
    for x in &c.cases {
        vote(&x.form.committee, Weight::Form);
    }
    for log in &c.activities {
        for a in &log.form {
            vote(&a.committee, Weight::Form);
        }
    }
    for r in &c.reviews {
        for row in &r.form {
            vote(&row.committee, Weight::Form);
        }
    }
    for log in &c.member_logs {
        for m in &log.form {
            vote(&m.committee, Weight::Form);
        }
    }
    for list in &c.todo_lists {
        for t in &list.form {
            vote(&t.committee, Weight::Form);
        }
    }
    let names = votes
        .into_iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, spellings)| {
            // Most votes; then the fuller spelling; then a fixed order.
            let best = spellings
                .into_iter()
                .max_by(|a, b| {
                    (a.1, a.0.chars().count(), std::cmp::Reverse(&a.0)).cmp(&(
                        b.1,
                        b.0.chars().count(),
                        std::cmp::Reverse(&b.0),
                    ))
                })
                .map(|(s, _)| s)
                .unwrap_or_default();
            (k, best)
        })
        .collect();
    Committees { names }
}

fn rename_committees(c: &mut Campaign, n: &Committees) {
    let fix = |s: &mut String| {
        if !s.trim().is_empty() {
            *s = n.name(s);
        }
    };
    c.applications
        .iter_mut()
        .for_each(|a| fix(&mut a.form.committee));
    c.pairings
        .iter_mut()
        .for_each(|p| fix(&mut p.form.committee));
    c.cases.iter_mut().for_each(|x| fix(&mut x.form.committee));
    for s in &mut c.summaries {
        s.form.iter_mut().for_each(|r| fix(&mut r.committee));
    }
    for log in &mut c.activities {
        log.form.iter_mut().for_each(|a| fix(&mut a.committee));
    }
    for r in &mut c.reviews {
        r.form.iter_mut().for_each(|row| fix(&mut row.committee));
    }
    for r in &mut c.roster {
        r.form.iter_mut().for_each(|row| fix(&mut row.committee));
    }
    c.closing_reports
        .iter_mut()
        .for_each(|x| fix(&mut x.form.committee));
    c.activity_summaries
        .iter_mut()
        .for_each(|x| fix(&mut x.form.committee));
    for log in &mut c.member_logs {
        log.form.iter_mut().for_each(|m| fix(&mut m.committee));
    }
    for list in &mut c.todo_lists {
        list.form.iter_mut().for_each(|t| fix(&mut t.committee));
    }
}

/// The key of a branch with a leading committee name (and its 党委/党总支) removed.
fn bare_key(branch: &str, committees: &Committees) -> String {
    let key = branch_key(branch);
    let Some(prefix) = committees
        .names
        .keys()
        .filter(|k| k.chars().count() >= 2 && key.starts_with(k.as_str()))
        .max_by_key(|k| k.len())
    else {
        return key;
    };
    let rest = key[prefix.len()..]
        .trim_start_matches("党委")
        .trim_start_matches("党总支")
        .trim_start_matches("委员会");
    if rest.chars().count() >= 3 && rest.contains("支部") {
        rest.to_string()
    } else {
        key
    }
}

/// Branches written with and without their committee in front become one
/// spelling: the application's, else the pairing table's, else the first seen.
fn unify_branches(c: &mut Campaign, committees: &Committees) {
    let mut spelling: HashMap<String, String> = HashMap::new();
    let mut seen = |raw: &str| {
        if !raw.trim().is_empty() {
            spelling
                .entry(bare_key(raw, committees))
                .or_insert_with(|| raw.to_string());
        }
    };
    for r in &c.roster {
        r.form.iter().for_each(|row| seen(&row.branch));
    }
    c.applications.iter().for_each(|a| seen(&a.form.branch));
    // Members' logs after the forms that name a branch once (their spelling wins).
    let mut logs: Vec<&str> = Vec::new();
    for log in &c.member_logs {
        logs.extend(log.form.iter().map(|m| m.branch.as_str()));
    }
    c.pairings.iter().for_each(|p| seen(&p.form.branch));
    for s in &c.summaries {
        s.form.iter().for_each(|r| seen(&r.branch));
    }
    c.cases.iter().for_each(|x| seen(&x.form.branch));
    logs.into_iter().for_each(&mut seen);
    let fix = |s: &mut String| {
        if s.trim().is_empty() {
            return;
        }
        if let Some(name) = spelling.get(&bare_key(s, committees)) {
            // Only a different spelling of the same branch changes: 支部/党支部 stay as written.
            if branch_key(name) != branch_key(s) {
                *s = name.clone();
            }
        }
    };
    c.applications
        .iter_mut()
        .for_each(|a| fix(&mut a.form.branch));
    c.pairings.iter_mut().for_each(|p| fix(&mut p.form.branch));
    c.cases.iter_mut().for_each(|x| fix(&mut x.form.branch));
    for s in &mut c.summaries {
        s.form.iter_mut().for_each(|r| fix(&mut r.branch));
    }
    for log in &mut c.activities {
        log.form.iter_mut().for_each(|a| fix(&mut a.branch));
    }
    for r in &mut c.reviews {
        r.form.iter_mut().for_each(|row| fix(&mut row.branch));
    }
    c.closing_reports
        .iter_mut()
        .for_each(|x| fix(&mut x.form.branch));
    c.activity_summaries
        .iter_mut()
        .for_each(|x| fix(&mut x.form.branch));
    for a in &mut c.articles {
        a.form.iter_mut().for_each(|row| fix(&mut row.branch));
    }
    for log in &mut c.member_logs {
        log.form.iter_mut().for_each(|m| fix(&mut m.branch));
    }
    for list in &mut c.todo_lists {
        list.form
            .iter_mut()
            .filter(|t| t.unit.contains("支部"))
            .for_each(|t| fix(&mut t.unit));
    }
}

fn fill_missing_committees(c: &mut Campaign, committees: &Committees) {
    let mut of_branch: HashMap<String, String> = HashMap::new();
    for p in &c.pairings {
        of_branch
            .entry(branch_key(&p.form.branch))
            .or_insert_with(|| p.form.committee.clone());
    }
    for a in &c.applications {
        of_branch
            .entry(branch_key(&a.form.branch))
            .or_insert_with(|| a.form.committee.clone());
    }
    of_branch.retain(|_, v| !v.is_empty());
    let guess = |branch: &str| {
        of_branch
            .get(&branch_key(branch))
            .cloned()
            .or_else(|| committees.prefix_of(branch))
    };
    for log in &mut c.activities {
        for a in log.form.iter_mut().filter(|a| a.committee.is_empty()) {
            a.committee = guess(&a.branch).unwrap_or_default();
        }
    }
    for x in c.cases.iter_mut().filter(|x| x.form.committee.is_empty()) {
        x.form.committee = guess(&x.form.branch).unwrap_or_default();
    }
    for x in c
        .closing_reports
        .iter_mut()
        .filter(|x| x.form.committee.is_empty())
    {
        x.form.committee = guess(&x.form.branch).unwrap_or_default();
    }
    for x in c
        .activity_summaries
        .iter_mut()
        .filter(|x| x.form.committee.is_empty())
    {
        x.form.committee = guess(&x.form.branch).unwrap_or_default();
    }
    // Members' logs and 实事清单 also take the roster's committee, and a
    // member's branch the committee another row of the logs gives it.
    let mut more = of_branch.clone();
    for r in &c.roster {
        for row in r.form.iter().filter(|r| !r.committee.is_empty()) {
            more.entry(branch_key(&row.branch))
                .or_insert_with(|| row.committee.clone());
        }
    }
    for log in &c.member_logs {
        for m in log.form.iter().filter(|m| !m.committee.is_empty()) {
            more.entry(branch_key(&m.branch))
                .or_insert_with(|| m.committee.clone());
        }
    }
    let guess = |branch: &str| {
        more.get(&branch_key(branch))
            .cloned()
            .or_else(|| committees.prefix_of(branch))
    };
    for log in &mut c.member_logs {
        for m in log.form.iter_mut().filter(|m| m.committee.is_empty()) {
            m.committee = guess(&m.branch).unwrap_or_default();
        }
    }
    for list in &mut c.todo_lists {
        for t in list.form.iter_mut().filter(|t| t.committee.is_empty()) {
            t.committee = guess(&t.unit).unwrap_or_else(|| {
                // A unit that is itself a committee (`机械工程学院党委`).
                let name = committees.name(&t.unit);
                if name != t.unit || committees.names.contains_key(&committee_key(&t.unit)) {
                    name
                } else {
                    String::new()
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Application, Case, Submitted, SummaryRow};

    fn sub<T>(form: T) -> Submitted<T> {
        Submitted {
            form,
            file: "f".into(),
            mtime: 0,
            superseded_by: None,
        }
    }

    fn app(branch: &str, committee: &str) -> Submitted<Application> {
        sub(Application {
            branch: branch.into(),
            committee: committee.into(),
            ..Application::default()
        })
    }

    #[test]
    fn four_spellings_one_committee_summary_sheet_wins() {
        let mut c = Campaign::default();
        c.applications
            .push(app("机械本科第一党支部", "中共机械工程学院委员会"));
        c.applications
            .push(app("机械本科第二党支部", "机械工程学院党委"));
        c.applications
            .push(app("机械本科第三党支部", "机械工程学院党委"));
        c.applications.push(app("车辆党支部", "机械工程学院党总支"));
        c.summaries.push(sub(vec![SummaryRow {
            committee: "机械工程学院".into(),
            branch: "机械本科第一党支部".into(),
            ..SummaryRow::default()
        }]));
        let names = unify(&mut c);
        for a in &c.applications {
            assert_eq!(a.form.committee, "机械工程学院");
        }
        assert_eq!(names.name("中共机械工程学院委员会"), "机械工程学院");
        assert_eq!(names.name("材料学院党委"), "材料学院党委");
    }

    #[test]
    fn most_frequent_spelling_without_a_summary_sheet() {
        let mut c = Campaign::default();
        c.applications.push(app("一支部", "外国语学院党委"));
        c.applications.push(app("二支部", "外国语学院党委"));
        c.applications.push(app("三支部", "外国语学院"));
        unify(&mut c);
        assert!(
            c.applications
                .iter()
                .all(|a| a.form.committee == "外国语学院党委")
        );
    }

    #[test]
    fn branch_with_committee_in_front_and_activity_committee_from_prefix() {
        let mut c = Campaign::default();
        c.applications
            .push(app("机械本科第一党支部", "机械工程学院党委"));
        c.cases.push(sub(Case {
            branch: "机械工程学院机械本科第一支部".into(),
            ..Case::default()
        }));
        c.activities.push(sub(vec![Activity {
            branch: "机械工程学院教工第二党支部".into(),
            ..Activity::default()
        }]));
        unify(&mut c);
        assert_eq!(c.cases[0].form.branch, "机械本科第一党支部");
        assert_eq!(c.cases[0].form.committee, "机械工程学院党委");
        assert_eq!(c.activities[0].form[0].committee, "机械工程学院党委");
    }
}
