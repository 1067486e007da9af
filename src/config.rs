//! The campaign configuration (TOML) and the presets compiled into the binary.

use crate::limits::Limits;
use crate::normalise::Choice;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The four kinds of campaign the department runs, as compiled-in presets.
pub const PRESETS: &[(&str, &str, &str)] = &[
    (
        "duibiao",
        "学生党支部“对标争先”建设项目",
        include_str!("../presets/duibiao.toml"),
    ),
    (
        "brand",
        "“一支部一特色”党建品牌创建",
        include_str!("../presets/brand.toml"),
    ),
    (
        "pairing",
        "机关党支部结对共建",
        include_str!("../presets/pairing.toml"),
    ),
    (
        "secretary",
        "“两在两同”书记项目",
        include_str!("../presets/secretary.toml"),
    ),
];

/// The name of the config file looked for in the working directory and the inbox.
pub const CONFIG_FILE: &str = "zhibu.toml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Campaign name, printed on every document.
    pub name: String,
    /// Who issues the documents (署名).
    pub organiser: String,
    pub school: String,
    /// The campaign year: fills in dates written without a year.
    pub year: i32,
    /// The campaign's tracks (板块); none when the notice names none.
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// Review levels; a level without `cap_yuan` has no funding cap.
    #[serde(default)]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub deadlines: Deadlines,
    #[serde(default = "yes")]
    pub one_project_per_branch: bool,
    #[serde(default = "default_case_max")]
    pub case_max_chars: usize,
    /// Fewest Party members a branch must have to apply.
    #[serde(default = "default_min_members")]
    pub min_members: i64,
    /// Longest project title, in characters.
    #[serde(default = "default_title_max")]
    pub title_max_chars: usize,
    #[serde(default)]
    pub pairing: PairingRules,
    #[serde(default)]
    pub roster: RosterRules,
    #[serde(default)]
    pub closing: ClosingRules,
    #[serde(default)]
    pub publicity: Publicity,
    #[serde(default)]
    pub limits: Limits,
    /// Extra calendar entries for years the built-in data does not cover.
    #[serde(default)]
    pub holidays: Vec<HolidayEntry>,
    /// The tracks are the notice's examples (“围绕……等内容”): a track is not
    /// required, and one outside the list is kept as written, not `unknown_track`.
    #[serde(default)]
    pub tracks_open: bool,
    /// Whether a student branch's application must name a 指导老师 (`missing_advisor`).
    #[serde(default = "yes")]
    pub advisor_required: bool,
    /// Whether every application must be on its committee's 申报汇总表
    /// (`not_on_summary`); when false, only committees that sent one are reconciled.
    #[serde(default = "yes")]
    pub summary_required: bool,
    /// “两在两同”: a 书记项目 must state its 路线图 (beside its 时间表, the 实施计划).
    #[serde(default)]
    pub roadmap_required: bool,
    /// “两在两同”: a form that names only its 支部书记 has named its
    /// 项目负责人 (a local choice: the notice does not say who leads a 书记项目).
    #[serde(default)]
    pub leader_is_secretary: bool,
    /// “两在两同”: least “四个一” hours of a member in the campaign year.
    #[serde(default = "default_member_hours")]
    pub member_hours: f64,
    /// The day 实事清单 items are judged overdue on; none: the run date.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// `[scoring]`: weights of the per-branch 量化评价.
    #[serde(default)]
    pub scoring: Scoring,
}

fn default_member_hours() -> f64 {
    20.0
}

/// `[scoring]`: the weights of the 量化评价 (the notice asks for a
/// quantified result but fixes no weights; these are local choices). A
/// branch's score is the weighted share of what applies to it, out of 100.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    /// 书记项目 submitted.
    pub project_submitted: f64,
    /// 书记项目 complete (no 须修改 left on it: 时间表, 路线图 and every required field).
    pub project_complete: f64,
    /// Share of the branch's members whose “四个一” are complete.
    pub members: f64,
    /// Share of the branch's due 实事 items finished on time.
    pub todo: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            project_submitted: 10.0,
            project_complete: 20.0,
            members: 40.0,
            todo: 30.0,
        }
    }
}

/// One listed day of the official calendar, as written in the config:
/// `[[holidays]] date = "2027-01-01", name = "元旦", off_day = true`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayEntry {
    pub date: NaiveDate,
    pub name: String,
    /// true: a day off; false: a make-up working day (调休上班).
    pub off_day: bool,
}

fn yes() -> bool {
    true
}
fn default_case_max() -> usize {
    2500
}
fn default_min_members() -> i64 {
    3
}
fn default_title_max() -> usize {
    40
}

/// `[roster]`: which branches of 支部名册 the campaign requires.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RosterRules {
    pub required: Required,
    /// With `required = "marked"`: words of the 标记 column that make a branch required.
    pub marks: Vec<String>,
}

impl Default for RosterRules {
    fn default() -> Self {
        RosterRules {
            required: Required::All,
            marks: Vec::new(),
        }
    }
}

/// Which roster branches must send something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Required {
    All,
    Student,
    Office,
    Marked,
}

/// `[closing]`: what each approved project owes at 结项.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClosingRules {
    /// Least news articles on platforms of 校级 or higher, per project.
    pub articles_min: usize,
    /// Level → materials (`结题报告`, `工作案例`, `活动总结`).
    pub requires: std::collections::BTreeMap<String, Vec<Material>>,
}

/// A closing material a project may owe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Material {
    #[serde(rename = "结题报告")]
    ClosingReport,
    #[serde(rename = "工作案例")]
    Case,
    #[serde(rename = "活动总结")]
    ActivitySummary,
}

impl Material {
    pub const ALL: [Material; 3] = [
        Material::ClosingReport,
        Material::Case,
        Material::ActivitySummary,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Material::ClosingReport => "结题报告",
            Material::Case => "工作案例",
            Material::ActivitySummary => "活动总结",
        }
    }
}

/// `[pairing]`: how pairing activities are counted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PairingRules {
    /// Count activities cumulatively from this month (`"2022-03"`), across
    /// years, instead of the campaign year only.
    pub since: Option<YearMonth>,
}

/// A month written `"2022-03"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let err = || format!("月份应写成 \"2022-03\"，而不是 \"{s}\"");
        let (y, m) = s.split_once('-').ok_or_else(err)?;
        let (year, month) = (y.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?);
        if !(1..=12).contains(&month) {
            return Err(err());
        }
        Ok(YearMonth { year, month })
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        format!("{:04}-{:02}", m.year, m.month)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// 重点项目 / 特色项目 / 一般项目.
    pub name: String,
    /// Funding cap in yuan; none when the notice states none.
    #[serde(default)]
    pub cap_yuan: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub application: Option<NaiveDate>,
    pub pairing: Option<NaiveDate>,
    pub case: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Publicity {
    /// First day of the publicity period (`--publicity-from` overrides).
    pub from: Option<NaiveDate>,
    pub working_days: u32,
    /// Where objections go.
    pub contact: String,
}

impl Default for Publicity {
    fn default() -> Self {
        Publicity {
            from: None,
            working_days: 5,
            contact: String::new(),
        }
    }
}

/// The level that means "not approved" on the review sheet.
pub const REJECTED_LEVEL: &str = "不予立项";

impl Config {
    pub fn preset(name: &str) -> Option<Config> {
        PRESETS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(n, _, src)| parse(src, n).expect("built-in preset must parse"))
    }

    pub fn track_choices(&self) -> Vec<Choice<'_>> {
        self.tracks
            .iter()
            .map(|t| Choice {
                name: &t.name,
                aliases: &t.aliases,
            })
            .collect()
    }

    /// The highest cap of any level, in fen; none when no level has a cap.
    pub fn highest_cap_fen(&self) -> Option<i64> {
        self.levels
            .iter()
            .filter_map(|l| l.cap_yuan)
            .max()
            .map(|y| y * 100)
    }

    /// Whether an application must state the money it asks for: only where
    /// the campaign funds projects (some level has a cap).
    pub fn money_required(&self) -> bool {
        self.highest_cap_fen().is_some()
    }

    /// Last day counted by the statistics: 31 December of the campaign year.
    pub fn counted_to(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX)
    }

    /// First day counted by the year-end statistics: `[pairing] since`, else 1 January.
    pub fn counted_from(&self) -> NaiveDate {
        self.pairing.since.map_or_else(
            || NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or(NaiveDate::MIN),
            YearMonth::first_day,
        )
    }

    pub fn level(&self, name: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.name == name)
    }
}

/// A config file that could not be used: exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("无法读取配置文件 {path}：{source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("配置文件 {path} 第 {line} 行有误{key}：{message}")]
    Invalid {
        path: String,
        line: usize,
        key: String,
        message: String,
    },
    #[error("配置文件 {path} 有误：{message}")]
    Rule { path: String, message: String },
    #[error(
        "没有名为“{0}”的预设；可用的预设：duibiao（对标争先）、brand（一支部一特色）、pairing（结对共建）、secretary（两在两同书记项目）"
    )]
    UnknownPreset(String),
}

/// Parse and validate a config; `origin` names the file in messages.
pub fn parse(src: &str, origin: &str) -> Result<Config, ConfigError> {
    let cfg: Config = toml::from_str(src).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let line = src[..offset.min(src.len())].matches('\n').count() + 1;
        let line_text = src.lines().nth(line - 1).unwrap_or("").trim();
        let key = line_text
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['[', ']']);
        ConfigError::Invalid {
            path: origin.to_string(),
            line,
            key: if key.is_empty() {
                String::new()
            } else {
                format!("（键 {key}）")
            },
            message: translate_toml_message(e.message()),
        }
    })?;
    validate(&cfg).map_err(|message| ConfigError::Rule {
        path: origin.to_string(),
        message,
    })?;
    Ok(cfg)
}

fn translate_toml_message(m: &str) -> String {
    let m = m.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        return format!("未知的配置项 {field}");
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("缺少必填的配置项 {rest}");
    }
    if m.contains("premature end of input") || m.contains("input contains invalid characters") {
        return format!("日期格式不对，应为 \"2025-10-31\"（{m}）");
    }
    format!("{m}")
}

fn validate(cfg: &Config) -> Result<(), String> {
    if let Some(l) = cfg
        .levels
        .iter()
        .find(|l| l.cap_yuan.is_some_and(|c| c <= 0))
    {
        return Err(format!("立项等级“{}”的经费上限 cap_yuan 应为正数", l.name));
    }
    if cfg.publicity.working_days == 0 {
        return Err("公示工作日数 publicity.working_days 至少为 1".into());
    }
    if !(cfg.member_hours >= 0.0 && cfg.member_hours.is_finite()) {
        return Err("党员“四个一”最少时长 member_hours 应为非负数".into());
    }
    let w = &cfg.scoring;
    let weights = [w.project_submitted, w.project_complete, w.members, w.todo];
    if weights.iter().any(|x| !(*x >= 0.0 && x.is_finite())) || weights.iter().sum::<f64>() <= 0.0 {
        return Err("量化评价权重 [scoring] 应为非负数，且不能全为 0".into());
    }
    if !(2000..=2100).contains(&cfg.year) {
        return Err(format!("年度 year = {} 不合理", cfg.year));
    }
    Ok(())
}

/// Where the config came from, for the run summary.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Preset(&'static str),
}

/// Load the config: an explicit file, else `zhibu.toml` in the working
/// directory, else the one in the inbox, else the default preset.
pub fn load(explicit: Option<&Path>, inbox: &Path) -> Result<(Config, Source), ConfigError> {
    let candidates: Vec<PathBuf> = match explicit {
        Some(p) => vec![p.to_path_buf()],
        None => vec![PathBuf::from(CONFIG_FILE), inbox.join(CONFIG_FILE)],
    };
    for path in candidates {
        if explicit.is_none() && !path.is_file() {
            continue;
        }
        let shown = path.display().to_string();
        let src = std::fs::read_to_string(&path).map_err(|source| ConfigError::Io {
            path: shown.clone(),
            source,
        })?;
        return Ok((parse(&src, &shown)?, Source::File(path)));
    }
    let (name, _, src) = PRESETS[0];
    Ok((parse(src, name)?, Source::Preset(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
        items.iter().map(|t| name(t).to_string()).collect()
    }

    /// ../shared/seeds/003: the five tracks, one project per branch, caps
    /// 5000 / 3000 / 1000, applications by 9月27日.
    #[test]
    fn duibiao_preset_is_the_notice() {
        let d = Config::preset("duibiao").unwrap();
        assert_eq!(
            names(&d.tracks, |t| &t.name),
            [
                "学思践悟·固本强基",
                "先锋领航·校园善治",
                "党旗飘扬·社区聚力",
                "师生结对·双向赋能",
                "育苗成长·薪火相传"
            ]
        );
        assert!(d.tracks.iter().all(|t| t.aliases.is_empty()));
        assert_eq!(
            names(&d.levels, |l| &l.name),
            ["重点项目", "特色项目", "一般项目"]
        );
        assert_eq!(
            d.levels.iter().map(|l| l.cap_yuan).collect::<Vec<_>>(),
            [Some(5000), Some(3000), Some(1000)]
        );
        assert_eq!(d.highest_cap_fen(), Some(500_000));
        assert!(d.one_project_per_branch && d.money_required());
        assert_eq!(d.deadlines.application, date(2025, 9, 27));
        assert_eq!(d.deadlines.pairing, None);
        assert_eq!(d.organiser, "党委学生工作部（学生处）");
    }

    /// ../shared/seeds/002: no tracks, no caps (money optional), 申报 by
    /// 2023-11-10, 公示 5 个工作日, cases ≤ 2500 字.
    #[test]
    fn brand_preset_is_the_notice() {
        let b = Config::preset("brand").unwrap();
        assert!(b.tracks.is_empty());
        assert_eq!(names(&b.levels, |l| &l.name), ["立项"]);
        assert_eq!(b.highest_cap_fen(), None);
        assert!(!b.money_required());
        assert_eq!(b.deadlines.application, date(2023, 11, 10));
        assert_eq!(b.publicity.working_days, 5);
        assert_eq!(b.case_max_chars, 2500);
        assert_eq!(b.organiser, "党委组织部");
    }

    /// ../shared/seeds/000 and 001: 共建信息表 by 10月31日; no projects;
    /// cumulative counting from 2022-03 available but off.
    #[test]
    fn pairing_preset_is_the_notice() {
        let p = Config::preset("pairing").unwrap();
        assert_eq!(p.deadlines.pairing, date(2024, 10, 31));
        assert!(p.tracks.is_empty() && p.levels.is_empty());
        assert_eq!(p.pairing.since, None);
        assert_eq!(p.counted_from(), date(2024, 1, 1).unwrap());
        let cumulative = parse(
            &PRESETS[2]
                .2
                .replace("# since = \"2022-03\"", "since = \"2022-03\""),
            "pairing",
        )
        .unwrap();
        assert_eq!(cumulative.counted_from(), date(2022, 3, 1).unwrap());
        assert!(parse("name=\"x\"\norganiser=\"x\"\nschool=\"x\"\nyear=2025\n[pairing]\nsince=\"2022-13\"", "t").is_err());
    }

    /// ../shared/seeds/004: one 书记项目 per branch on the themes the notice
    /// names; no caps.
    #[test]
    fn secretary_preset_is_the_notice() {
        let s = Config::preset("secretary").unwrap();
        assert_eq!(
            names(&s.tracks, |t| &t.name),
            [
                "庆祝建党100周年",
                "“四史”学习教育",
                "“我为群众办实事”实践活动"
            ]
        );
        assert!(s.one_project_per_branch);
        assert_eq!(s.highest_cap_fen(), None);
        // “排出‘时间表’和‘路线图’”; “总时长不得少于20小时”.
        assert!(s.roadmap_required && s.tracks_open && s.leader_is_secretary);
        assert!(!s.advisor_required && !s.summary_required);
        assert_eq!(s.member_hours, 20.0);
        assert_eq!(s.as_of, None);
        assert_eq!(s.school, "苏州城市学院");
        assert_eq!(s.organiser, "苏州城市学院党委");
    }

    #[test]
    fn bad_config_names_line_and_key() {
        let src = PRESETS[0].2.replace(
            "case_max_chars = 2500",
            "case_max_chars = 2500\ncolour = \"red\"",
        );
        let err = parse(&src, "zhibu.toml").unwrap_err().to_string();
        assert!(err.contains("第 12 行"), "{err}");
        assert!(err.contains("colour"), "{err}");
        let src = PRESETS[0]
            .2
            .replace("application = \"2025-09-27\"", "application = \"9月27日\"");
        let err = parse(&src, "zhibu.toml").unwrap_err().to_string();
        assert!(err.contains("application"), "{err}");
    }
}
