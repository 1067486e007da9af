//! What the pages show, computed from the last run: which files and problems
//! are a committee's, and the department's per-committee counts.

use super::runner::Snapshot;
use crate::model::FormKind;
use crate::problem::{Problem, Severity};
use crate::render::report::{FileEntry, FileStatus};
use crate::render::safe_file_name;

/// The committee a file belongs to: the one whose upload folder it sits in
/// (what a committee uploaded stays on its page, whatever the form says),
/// else the one its forms name.
pub fn owner(snap: &Snapshot, path: &str, committees: &[String]) -> Option<String> {
    if let Some((top, _)) = path.split_once('/')
        && let Some(c) = committees.iter().find(|c| safe_file_name(c) == top)
    {
        return Some(c.clone());
    }
    snap.file_committee.get(path).cloned()
}

pub fn files_of<'a>(snap: &'a Snapshot, name: &str, committees: &[String]) -> Vec<&'a FileEntry> {
    snap.report
        .files
        .iter()
        .filter(|f| owner(snap, &f.path, committees).as_deref() == Some(name))
        .collect()
}

pub fn problems_of<'a>(snap: &'a Snapshot, name: &str, committees: &[String]) -> Vec<&'a Problem> {
    snap.report
        .problems
        .iter()
        .filter(|p| {
            p.committee.as_deref() == Some(name)
                || owner(snap, &p.file, committees).as_deref() == Some(name)
        })
        .collect()
}

/// One line of the department's table.
pub struct Row {
    pub name: String,
    pub files: usize,
    pub applications: usize,
    pub summaries: usize,
    pub pairings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub not_submitted: Vec<String>,
    pub last_upload: Option<String>,
}

pub fn rows(
    snap: &Snapshot,
    committees: &[String],
    last_upload: &std::collections::BTreeMap<String, String>,
) -> Vec<Row> {
    committees
        .iter()
        .map(|name| {
            let files = files_of(snap, name, committees);
            let problems = problems_of(snap, name, committees);
            let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
            let current = |kind: FormKind| {
                files
                    .iter()
                    .filter(|f| f.kind == Some(kind) && f.status != FileStatus::Superseded)
                    .count()
            };
            Row {
                name: name.clone(),
                files: files.len(),
                applications: snap
                    .report
                    .applications
                    .iter()
                    .filter(|a| &a.committee == name)
                    .count(),
                summaries: current(FormKind::Summary),
                pairings: snap
                    .report
                    .pairings
                    .iter()
                    .filter(|p| &p.committee == name)
                    .count(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                not_submitted: problems
                    .iter()
                    .filter(|p| p.code == crate::problem::Code::NotSubmitted)
                    .filter_map(|p| p.branch.clone())
                    .collect(),
                last_upload: last_upload.get(name).cloned(),
            }
        })
        .collect()
}

/// The department's problem filters (query string).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub committee: String,
    #[serde(default)]
    pub severity: String,
    #[serde(default)]
    pub q: String,
}

impl Filter {
    pub fn keeps(&self, p: &Problem) -> bool {
        (self.committee.is_empty()
            || p.committee.as_deref() == Some(self.committee.as_str())
            || (self.committee == "-" && p.committee.is_none()))
            && (self.severity.is_empty() || p.severity.as_str() == self.severity)
            && (self.q.trim().is_empty()
                || [
                    p.file.as_str(),
                    p.message.as_str(),
                    p.location.as_str(),
                    p.branch.as_deref().unwrap_or(""),
                    p.code.zh(),
                ]
                .iter()
                .any(|s| s.contains(self.q.trim())))
    }
}
