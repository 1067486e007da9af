//! Stage 3: plain serde types for what the forms say. Money is integer fen,
//! dates are chrono dates; a value that could not be normalised is `None`
//! and has produced a problem during extraction.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kinds of form of FORMS.md §1, as named in `report.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    Pairing,
    Application,
    Summary,
    Case,
    ActivityLog,
    Review,
    Roster,
    ClosingReport,
    ActivitySummary,
    Articles,
    MemberLog,
    TodoList,
}

impl FormKind {
    pub const ALL: [FormKind; 12] = [
        FormKind::Pairing,
        FormKind::Application,
        FormKind::Summary,
        FormKind::Case,
        FormKind::ActivityLog,
        FormKind::Review,
        FormKind::Roster,
        FormKind::ClosingReport,
        FormKind::ActivitySummary,
        FormKind::Articles,
        FormKind::MemberLog,
        FormKind::TodoList,
    ];

    /// The name in `report.json` (FORMS.md §5).
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Pairing => "pairing",
            FormKind::Application => "application",
            FormKind::Summary => "summary",
            FormKind::Case => "case",
            FormKind::ActivityLog => "activity_log",
            FormKind::Review => "review",
            FormKind::Roster => "roster",
            FormKind::ClosingReport => "closing_report",
            FormKind::ActivitySummary => "activity_summary",
            FormKind::Articles => "articles",
            FormKind::MemberLog => "member_log",
            FormKind::TodoList => "todo_list",
        }
    }

    /// A file's kind as `report.json` names it: the form's, or `unrecognised`.
    pub fn name_of(kind: Option<FormKind>) -> &'static str {
        kind.map_or("unrecognised", FormKind::as_str)
    }

    /// A file's kind in Chinese: the form's, or `未识别`.
    pub fn zh_of(kind: Option<FormKind>) -> &'static str {
        kind.map_or("未识别", FormKind::zh)
    }

    /// Serialises a file's kind as [`FormKind::name_of`] names it.
    pub fn serialize_file_kind<S: serde::Serializer>(
        kind: &Option<FormKind>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(FormKind::name_of(*kind))
    }

    /// The form's Chinese name, for messages.
    pub fn zh(self) -> &'static str {
        match self {
            FormKind::Pairing => "共建信息表",
            FormKind::Application => "项目申请表",
            FormKind::Summary => "申报汇总表",
            FormKind::Case => "工作案例",
            FormKind::ActivityLog => "活动记录表",
            FormKind::Review => "评审结果表",
            FormKind::Roster => "支部名册",
            FormKind::ClosingReport => "结题报告",
            FormKind::ActivitySummary => "活动总结",
            FormKind::Articles => "新闻稿件登记表",
            FormKind::MemberLog => "党员“四个一”登记表",
            FormKind::TodoList => "双月实事清单",
        }
    }
}

/// The one `&'static str` of a field or section name read back from the
/// content cache: each distinct name is kept once, at most
/// [`MAX_NAMES`] of them; a name beyond that is refused (`None`), so no
/// input can make this grow without bound.
pub fn intern(name: &str) -> Option<&'static str> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES.get_or_init(Default::default).lock().ok()?;
    if let Some(n) = names.get(name) {
        return Some(n);
    }
    if names.len() >= MAX_NAMES || name.len() > 64 {
        return None;
    }
    let n: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(n);
    Some(n)
}

/// How many distinct names [`intern`] keeps.
pub const MAX_NAMES: usize = 4096;

/// [`CaseSection`] as stored, before its key is made `&'static`.
#[derive(Deserialize)]
struct CaseSectionWire {
    key: String,
    heading: String,
    paragraphs: Vec<String>,
}

impl<'de> Deserialize<'de> for CaseSection {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CaseSection, D::Error> {
        let w = CaseSectionWire::deserialize(d)?;
        Ok(CaseSection {
            key: intern(&w.key).ok_or_else(|| serde::de::Error::custom("too many names"))?,
            heading: w.heading,
            paragraphs: w.paragraphs,
        })
    }
}

/// Where each field was found, for messages: field → `表格1 第3行` / `B7`.
pub type Locations = BTreeMap<&'static str, String>;

/// Kind of branch (FORMS.md §1.2 `branch_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BranchKind {
    #[serde(rename = "学生")]
    Student,
    #[serde(rename = "教工")]
    Staff,
    #[serde(rename = "机关")]
    Office,
    #[serde(rename = "离退休")]
    Retired,
}

impl BranchKind {
    /// From a 支部类型 value, or inferred from the branch name.
    pub fn from_text(s: &str) -> Option<BranchKind> {
        let (kind, _) = crate::vocab::BRANCH_KIND_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| s.contains(w)))?;
        Some(match *kind {
            "离退休" => BranchKind::Retired,
            "学生" => BranchKind::Student,
            "机关" => BranchKind::Office,
            _ => BranchKind::Staff,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetItem {
    pub item: String,
    pub amount_fen: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanItem {
    /// As written (`10月`, `2025年10月-11月`).
    pub time: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub content: String,
    pub person: String,
}

/// 1.2 项目申请表.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Application {
    pub branch: String,
    pub committee: String,
    pub branch_kind: Option<BranchKind>,
    pub members: Option<i64>,
    /// The configured track name, once matched.
    pub track: Option<String>,
    pub track_raw: String,
    pub title: String,
    pub leader: String,
    pub leader_role: String,
    pub phone: String,
    pub email: String,
    pub advisor: String,
    pub requested_fen: Option<i64>,
    /// 申请经费 as written.
    #[serde(skip)]
    pub requested_raw: String,
    pub budget: Vec<BudgetItem>,
    /// The budget table's own `合计` row, when it has one.
    pub budget_total_fen: Option<i64>,
    pub background: String,
    pub goals: String,
    pub plan: Vec<PlanItem>,
    /// 路线图 of a 书记项目 (“两在两同”): its steps, as written.
    pub roadmap: String,
    pub outcomes: String,
    pub features: String,
    pub opinion: String,
    pub filled_on: Option<NaiveDate>,
    /// Set from the review sheet.
    pub level: Option<String>,
    pub approved_fen: Option<i64>,
    #[serde(skip)]
    pub locs: Locations,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    pub kind: String,
    pub unit: String,
    pub person: String,
    pub phone: String,
    pub location: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairingPlan {
    pub time: String,
    /// One of the “四个一” kinds when recognised, else as written.
    pub kind: String,
    pub content: String,
}

/// 1.1 共建信息表.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Pairing {
    pub branch: String,
    pub committee: String,
    pub secretary: String,
    pub contact: String,
    pub phone: String,
    pub topic: String,
    pub partners: Vec<Partner>,
    pub plan: Vec<PairingPlan>,
    pub filled_on: Option<NaiveDate>,
    #[serde(skip)]
    pub locs: Locations,
}

/// One data row of 1.3 申报汇总表.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SummaryRow {
    pub committee: String,
    pub branch: String,
    pub title: String,
    pub track: String,
    pub leader: String,
    pub requested_fen: Option<i64>,
    pub sheet: String,
    /// 1-based spreadsheet row.
    pub row: usize,
}

/// 1.4 工作案例.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Case {
    pub title: String,
    pub branch: String,
    pub committee: String,
    pub author: String,
    /// The four sections in FORMS.md order: (canonical heading, heading as written, paragraphs).
    pub sections: Vec<CaseSection>,
    /// Non-whitespace characters of the four sections' text.
    pub chars: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseSection {
    pub key: &'static str,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// One row of 1.5 活动记录表.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Activity {
    pub date: Option<NaiveDate>,
    pub branch: String,
    /// From a committee column, else from the branch's pairing table or the
    /// committee name the branch name starts with (set after reading).
    pub committee: String,
    pub partner: String,
    pub partner_kind: String,
    pub kind: String,
    pub topic: String,
    pub participants: Option<i64>,
    pub place: String,
    pub effect: String,
    pub sheet: String,
    pub row: usize,
}

/// One row of 1.6 评审结果表.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReviewRow {
    pub committee: String,
    pub branch: String,
    pub title: String,
    pub level: Option<String>,
    pub approved_fen: Option<i64>,
    pub comment: String,
    pub sheet: String,
    pub row: usize,
}

/// One row of 1.7 支部名册.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RosterRow {
    pub committee: String,
    pub branch: String,
    pub kind: Option<BranchKind>,
    pub secretary: String,
    /// 标记/备注 as written (`样板支部`, `培育对象`).
    pub marks: String,
    pub sheet: String,
    pub row: usize,
}

/// 1.8 结题报告.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ClosingReport {
    pub title: String,
    pub branch: String,
    pub committee: String,
    pub progress: String,
    pub spent_fen: Option<i64>,
    pub results: String,
    pub filled_on: Option<NaiveDate>,
    #[serde(skip)]
    pub locs: Locations,
}

/// 1.8 活动总结: a titled free text naming its branch.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ActivitySummary {
    pub title: String,
    pub branch: String,
    pub committee: String,
    pub chars: usize,
}

/// One row of 1.8 新闻稿件登记表.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Article {
    pub branch: String,
    pub title: String,
    pub platform: String,
    /// 校级 / 省级 / 国家级 …, as written.
    pub level: String,
    pub date: Option<NaiveDate>,
    pub link: String,
    pub sheet: String,
    pub row: usize,
}

/// What one file was recognised as and what it said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Form {
    Application(Box<Application>),
    Pairing(Box<Pairing>),
    Summary(Vec<SummaryRow>),
    Case(Box<Case>),
    ActivityLog(Vec<Activity>),
    Review(Vec<ReviewRow>),
    Roster(Vec<RosterRow>),
    ClosingReport(Box<ClosingReport>),
    ActivitySummary(Box<ActivitySummary>),
    Articles(Vec<Article>),
    MemberLog(Vec<MemberRecord>),
    TodoList(Vec<TodoItem>),
}

impl Form {
    pub fn kind(&self) -> FormKind {
        use FormKind as K;
        match self {
            Form::Application(_) => K::Application,
            Form::Pairing(_) => K::Pairing,
            Form::Summary(_) => K::Summary,
            Form::Case(_) => K::Case,
            Form::ActivityLog(_) => K::ActivityLog,
            Form::Review(_) => K::Review,
            Form::Roster(_) => K::Roster,
            Form::ClosingReport(_) => K::ClosingReport,
            Form::ActivitySummary(_) => K::ActivitySummary,
            Form::Articles(_) => K::Articles,
            Form::MemberLog(_) => K::MemberLog,
            Form::TodoList(_) => K::TodoList,
        }
    }
}

impl Campaign {
    /// The pairing tables that count: not replaced by a newer submission.
    pub fn active_pairings(&self) -> Vec<&Pairing> {
        self.pairings
            .iter()
            .filter(|p| p.superseded_by.is_none())
            .map(|p| &p.form)
            .collect()
    }

    /// The rows of every activity log dated from `from` to `to`, both included
    /// (the statistics: the campaign year, or since `[pairing] since`).
    pub fn activities_in(&self, from: NaiveDate, to: NaiveDate) -> Vec<&Activity> {
        self.activities
            .iter()
            .flat_map(|log| log.form.iter())
            .filter(|a| a.date.is_some_and(|d| (from..=to).contains(&d)))
            .collect()
    }
}

/// One recognised form and the file it came from.
#[derive(Debug, Clone)]
pub struct Submitted<T> {
    pub form: T,
    pub file: String,
    /// File modification time, seconds since the epoch (supersession tie-break).
    pub mtime: i64,
    pub superseded_by: Option<String>,
}

/// Everything recognised in a run, before and after the cross-file rules.
#[derive(Debug, Default)]
pub struct Campaign {
    pub applications: Vec<Submitted<Application>>,
    pub pairings: Vec<Submitted<Pairing>>,
    pub summaries: Vec<Submitted<Vec<SummaryRow>>>,
    pub cases: Vec<Submitted<Case>>,
    pub activities: Vec<Submitted<Vec<Activity>>>,
    pub reviews: Vec<Submitted<Vec<ReviewRow>>>,
    pub roster: Vec<Submitted<Vec<RosterRow>>>,
    pub closing_reports: Vec<Submitted<ClosingReport>>,
    pub activity_summaries: Vec<Submitted<ActivitySummary>>,
    pub articles: Vec<Submitted<Vec<Article>>>,
    pub member_logs: Vec<Submitted<Vec<MemberRecord>>>,
    pub todo_lists: Vec<Submitted<Vec<TodoItem>>>,
}

/// One line of 1.9 党员“四个一”登记表, either layout: an activity row counts
/// one of its kind and its hours; a member row (a column per kind) gives one
/// record per kind cell and one for its total hours.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MemberRecord {
    pub name: String,
    pub branch: String,
    pub committee: String,
    /// Activities of each “四个一” kind, in [`crate::vocab::MEMBER_KINDS`] order.
    pub kinds: [u32; 4],
    /// Hours; none when not stated.
    pub hours: Option<f64>,
    /// The activity's date, when the record has one (out-of-year records do not count).
    pub date: Option<NaiveDate>,
    pub content: String,
    /// From a row-per-member sheet (a column per kind), not a row per activity.
    pub per_member: bool,
    pub sheet: String,
    /// 1-based spreadsheet row.
    pub row: usize,
}

/// 1.10 双月实事清单: the state of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TodoStatus {
    #[serde(rename = "已办结")]
    Done,
    #[serde(rename = "推进中")]
    InProgress,
    #[serde(rename = "未启动")]
    NotStarted,
}

impl TodoStatus {
    pub fn zh(self) -> &'static str {
        match self {
            TodoStatus::Done => "已办结",
            TodoStatus::InProgress => "推进中",
            TodoStatus::NotStarted => "未启动",
        }
    }
}

/// One row of 1.10 双月实事清单.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TodoItem {
    /// 单位/支部 as written (one name per unit after `canonical`).
    pub unit: String,
    pub committee: String,
    pub item: String,
    pub person: String,
    /// 办结时限.
    pub due: Option<NaiveDate>,
    /// 办结时限 as written.
    pub due_raw: String,
    /// None: nothing written and no 办结日期.
    pub status: Option<TodoStatus>,
    pub status_raw: String,
    pub done_on: Option<NaiveDate>,
    /// The 双月 period the list files it under (`3–4月`), when it says so.
    pub period: String,
    /// Whether the list has a 办结日期 column at all (without one, a finished
    /// item is not asked for its date).
    pub has_done_column: bool,
    pub sheet: String,
    pub row: usize,
}
