//! Problems: the fixed vocabulary of FORMS.md §5, each with a severity.

use serde::{Deserialize, Serialize};

/// Declares the problem codes as one table: variant, the name in
/// `report.json` (FORMS.md §5), the short Chinese name, and the severity.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $zh:literal, $severity:ident;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The name in `report.json`, e.g. `budget_mismatch`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Short Chinese name, for the summary and the problem list.
            pub fn zh(self) -> &'static str {
                match self {
                    $(Code::$variant => $zh,)*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    CorruptFile = "corrupt_file", "文件损坏", Error;
    EmptyFile = "empty_file", "空文件", Error;
    WrongExtension = "wrong_extension", "扩展名与内容不符", Warning;
    EncryptedFile = "encrypted_file", "文件加密", Error;
    TooLarge = "too_large", "超出处理上限", Error;
    Unrecognised = "unrecognised", "未识别的文件", Warning;
    MissingField = "missing_field", "必填项缺失", Error;
    MissingAdvisor = "missing_advisor", "缺少指导老师", Error;
    BadPhone = "bad_phone", "电话有误", Error;
    BadEmail = "bad_email", "邮箱有误", Error;
    BadDate = "bad_date", "日期有误", Error;
    BadAmount = "bad_amount", "金额有误", Error;
    UnknownTrack = "unknown_track", "板块不符", Error;
    OverCap = "over_cap", "经费超上限", Error;
    BudgetMismatch = "budget_mismatch", "预算不平", Error;
    Late = "late", "逾期提交", Warning;
    Superseded = "superseded", "已被新版本替代", Info;
    DuplicateProject = "duplicate_project", "一支部多项目", Error;
    NotOnSummary = "not_on_summary", "未列入汇总表", Error;
    SummaryWithoutApplication = "summary_without_application", "汇总表有、申请表缺", Error;
    LeaderRole = "leader_role", "负责人职务不符", Warning;
    MembersTooFew = "members_too_few", "党员人数不足", Error;
    TitleTooLong = "title_too_long", "项目名称过长", Error;
    CaseTooLong = "case_too_long", "案例超长", Warning;
    CaseMissingSection = "case_missing_section", "案例缺少部分", Error;
    PartnerRule = "partner_rule", "结对不符合规则", Error;
    FourOnesIncomplete = "four_ones_incomplete", "“四个一”不全", Warning;
    SimilarText = "similar_text", "文本雷同", Warning;
    /// A review row, activity row or template issue that matches nothing it should.
    Unmatched = "unmatched", "无法对应", Warning;
    /// A row outside the campaign year (activity logs).
    OutOfYear = "out_of_year", "不在本年度", Warning;
    /// A Typst template error or warning.
    Template = "template", "模板问题", Error;
    /// The publicity period cannot be counted: no holiday data for a year.
    Calendar = "calendar", "缺少节假日数据", Error;
    /// An approved amount above the amount the branch asked for.
    ApprovedOverRequested = "approved_over_requested", "核定超过申请", Warning;
    /// Several printed options marked where one is allowed (`☑学生 ☑教工`).
    AmbiguousChoice = "ambiguous_choice", "多选", Error;
    /// A roster branch the campaign requires sent nothing.
    NotSubmitted = "not_submitted", "未报送", Error;
    /// A form's branch is not on the roster.
    NotOnRoster = "not_on_roster", "不在名册", Error;
    /// An approved project lacks a required closing material.
    ClosingMissing = "closing_missing", "结项材料缺项", Error;
    /// Money spent above the approved amount.
    Overspent = "overspent", "经费超支", Error;
    /// A member's “四个一” missing a kind or short of the hours.
    MemberFourOnes = "member_four_ones", "党员“四个一”未完成", Warning;
    /// A 实事清单 item past its 办结时限 and not finished.
    OverdueItem = "overdue_item", "实事逾期未办结", Error;
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let name = String::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| serde::de::Error::custom("unknown problem code"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The name in `report.json`, also the CSS class on the web page.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// What the clerk reads: 须修改, 请核实, 提示.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "须修改",
            Severity::Warning => "请核实",
            Severity::Info => "提示",
        }
    }
}

/// One problem, as reported in 问题清单, 退回修改 and `report.json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    pub code: Code,
    pub severity: Severity,
    /// Path relative to the inbox.
    pub file: String,
    /// Table/sheet and cell or label: `表格1 第3行（申请经费）`, `Sheet1!J7`.
    pub location: String,
    pub branch: Option<String>,
    pub committee: Option<String>,
    pub message: String,
}

/// The one order of problems, in every output: by committee, branch and
/// file (problems of no committee or branch — the department's own — first),
/// then severity and place; duplicates dropped.
pub fn sort(problems: &mut Vec<Problem>) {
    problems.sort_by(|a, b| {
        (&a.committee, &a.branch, &a.file, a.severity, &a.location).cmp(&(
            &b.committee,
            &b.branch,
            &b.file,
            b.severity,
            &b.location,
        ))
    });
    problems.dedup();
}

impl Problem {
    pub fn new(
        code: Code,
        file: &str,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            code,
            severity: code.severity(),
            file: file.to_string(),
            location: location.into(),
            branch: None,
            committee: None,
            message: message.into(),
        }
    }

    pub fn about(mut self, branch: &str, committee: &str) -> Problem {
        self.branch = (!branch.is_empty()).then(|| branch.to_string());
        self.committee = (!committee.is_empty()).then(|| committee.to_string());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_are_the_snake_case_variant_names() {
        for code in Code::ALL {
            let variant = format!("{code:?}");
            let mut snake = String::new();
            for (i, c) in variant.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            assert_eq!(code.as_str(), snake);
            assert_eq!(serde_json::to_value(code).unwrap(), snake.as_str());
        }
    }

    #[test]
    fn severities_follow_forms_md() {
        assert_eq!(Code::BudgetMismatch.severity(), Severity::Error);
        assert_eq!(Code::SimilarText.severity(), Severity::Warning);
        assert_eq!(Code::Superseded.severity(), Severity::Info);
        assert_eq!(Severity::Warning.zh(), "请核实");
    }
}
