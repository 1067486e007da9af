//! `report.json`, exactly per FORMS.md §5.

use super::Output;
use crate::model::FormKind;
use crate::problem::Problem;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct Report {
    pub tool: String,
    pub campaign: String,
    pub files: Vec<FileEntry>,
    pub applications: Vec<AppEntry>,
    /// The current pairing tables, with their partners as read.
    pub pairings: Vec<PairingEntry>,
    /// With a roster: branches listed, required, submitted, and who sent nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<crate::check::roster::RosterStatus>,
    /// At 结项: each approved project, what it owes and what is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing: Option<Vec<crate::check::closing::ClosingRow>>,
    /// “两在两同”: every member's “四个一” (FORMS.md §5 `members`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<crate::check::members::MemberSummary>>,
    /// “两在两同”: the 实事清单 items (FORMS.md §5 `todo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub todo: Option<Vec<crate::check::todo::TodoRow>>,
    /// “两在两同”: the 量化评价 per branch, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scores: Option<Vec<crate::check::score::BranchScore>>,
    pub totals: Totals,
    pub problems: Vec<Problem>,
    pub outputs: Vec<Output>,
    /// Year-end statistics of pairings and activities (added to FORMS.md §5 for the year-end review).
    pub statistics: crate::stats::Stats,
}

/// What became of a file, as `report.json`'s `files[].status` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Ok,
    Problems,
    Rejected,
    Superseded,
}

impl FileStatus {
    /// The name in `report.json`, also the CSS class on the web page.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Ok => "ok",
            FileStatus::Problems => "problems",
            FileStatus::Rejected => "rejected",
            FileStatus::Superseded => "superseded",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            FileStatus::Ok => "无问题",
            FileStatus::Problems => "有问题",
            FileStatus::Rejected => "无法使用",
            FileStatus::Superseded => "已被新版本替代",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    /// The form kind; `unrecognised` in `report.json` when none.
    #[serde(serialize_with = "FormKind::serialize_file_kind")]
    pub kind: Option<FormKind>,
    pub status: FileStatus,
    pub superseded_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppEntry {
    pub branch: String,
    pub committee: String,
    pub track: Option<String>,
    pub title: String,
    pub requested_fen: Option<i64>,
    pub leader: String,
    pub advisor: String,
    pub level: Option<String>,
    pub approved_fen: Option<i64>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairingEntry {
    pub branch: String,
    pub committee: String,
    pub secretary: String,
    pub partners: Vec<PartnerEntry>,
    /// The “四个一” kinds the plan covers, in FORMS.md order.
    pub plan_kinds: Vec<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerEntry {
    pub name: String,
    pub kind: String,
    pub unit: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Totals {
    pub applications: usize,
    pub requested_fen: i64,
    pub by_committee: BTreeMap<String, usize>,
    pub by_track: BTreeMap<String, usize>,
}

impl Totals {
    pub fn of(apps: &[AppEntry]) -> Totals {
        let mut t = Totals {
            applications: apps.len(),
            ..Totals::default()
        };
        for a in apps {
            t.requested_fen += a.requested_fen.unwrap_or(0);
            *t.by_committee.entry(a.committee.clone()).or_default() += 1;
            *t.by_track
                .entry(a.track.clone().unwrap_or_else(|| "（板块不明）".into()))
                .or_default() += 1;
        }
        t
    }
}
