//! Problems: the fixed vocabulary of FORMS.md §5, each with a severity.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    CorruptFile,
    EmptyFile,
    WrongExtension,
    EncryptedFile,
    TooLarge,
    Unrecognised,
    MissingField,
    MissingAdvisor,
    BadPhone,
    BadEmail,
    BadDate,
    BadAmount,
    UnknownTrack,
    OverCap,
    BudgetMismatch,
    Late,
    Superseded,
    DuplicateProject,
    NotOnSummary,
    SummaryWithoutApplication,
    LeaderRole,
    MembersTooFew,
    TitleTooLong,
    CaseTooLong,
    CaseMissingSection,
    PartnerRule,
    FourOnesIncomplete,
    SimilarText,
    /// A review row, activity row or template issue that matches nothing it should.
    Unmatched,
    /// A row outside the campaign year (activity logs).
    OutOfYear,
    /// A Typst template error or warning.
    Template,
    /// The publicity period cannot be counted: no holiday data for a year.
    Calendar,
    /// An approved amount above the amount the branch asked for.
    ApprovedOverRequested,
    /// Several printed options marked where one is allowed (`☑学生 ☑教工`).
    AmbiguousChoice,
    /// A roster branch the campaign requires sent nothing.
    NotSubmitted,
    /// A form's branch is not on the roster.
    NotOnRoster,
    /// An approved project lacks a required closing material.
    ClosingMissing,
    /// Money spent above the approved amount.
    Overspent,
    /// A member's “四个一” missing a kind or short of the hours.
    MemberFourOnes,
    /// A 实事清单 item past its 办结时限 and not finished.
    OverdueItem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Code {
    pub fn severity(self) -> Severity {
        use Code::*;
        match self {
            WrongExtension
            | Unrecognised
            | Late
            | LeaderRole
            | CaseTooLong
            | FourOnesIncomplete
            | SimilarText
            | OutOfYear
            | Unmatched
            | ApprovedOverRequested
            | MemberFourOnes => Severity::Warning,
            Superseded => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// Short Chinese name, for the summary and the problem list.
    pub fn zh(self) -> &'static str {
        use Code::*;
        match self {
            CorruptFile => "文件损坏",
            EmptyFile => "空文件",
            WrongExtension => "扩展名与内容不符",
            EncryptedFile => "文件加密",
            TooLarge => "超出处理上限",
            Unrecognised => "未识别的文件",
            MissingField => "必填项缺失",
            MissingAdvisor => "缺少指导老师",
            BadPhone => "电话有误",
            BadEmail => "邮箱有误",
            BadDate => "日期有误",
            BadAmount => "金额有误",
            UnknownTrack => "板块不符",
            OverCap => "经费超上限",
            BudgetMismatch => "预算不平",
            Late => "逾期提交",
            Superseded => "已被新版本替代",
            DuplicateProject => "一支部多项目",
            NotOnSummary => "未列入汇总表",
            SummaryWithoutApplication => "汇总表有、申请表缺",
            LeaderRole => "负责人职务不符",
            MembersTooFew => "党员人数不足",
            TitleTooLong => "项目名称过长",
            CaseTooLong => "案例超长",
            CaseMissingSection => "案例缺少部分",
            PartnerRule => "结对不符合规则",
            FourOnesIncomplete => "“四个一”不全",
            SimilarText => "文本雷同",
            Unmatched => "无法对应",
            OutOfYear => "不在本年度",
            Template => "模板问题",
            Calendar => "缺少节假日数据",
            ApprovedOverRequested => "核定超过申请",
            AmbiguousChoice => "多选",
            NotSubmitted => "未报送",
            NotOnRoster => "不在名册",
            ClosingMissing => "结项材料缺项",
            Overspent => "经费超支",
            MemberFourOnes => "党员“四个一”未完成",
            OverdueItem => "实事逾期未办结",
        }
    }
}

/// One problem, as reported in 问题清单, 退回修改 and `report.json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
