//! The campaign vocabulary as data: words that tell what a row, a label or a
//! value is. Everything here is a table, read by `normalise`, `labels` and
//! `extract`; to accept a new spelling, add it to the right table.
//! (The labels of each form's fields live beside these, in `labels`.)

/// Committee spellings (FORMS.md §2): `中共X委员会`, `X党委`, `X党总支`,
/// `X委员会` and `X` are one committee. Prefixes and suffixes dropped for
/// the committee key, longest first.
pub const COMMITTEE_PREFIXES: &[&str] = &["中国共产党", "中共"];
pub const COMMITTEE_SUFFIXES: &[&str] = &[
    "直属党总支",
    "党工委",
    "委员会",
    "党总支",
    "总支部",
    "党委",
    "总支",
];

/// First words of a row that totals the rows above it (never an item).
pub const TOTAL_ROW_WORDS: &[&str] = &["合计", "总计", "小计", "共计", "总额", "合 计"];

/// First words of a notes line under a table.
pub const NOTE_ROW_WORDS: &[&str] = &[
    "注:",
    "注：",
    "备注:",
    "备注：",
    "说明:",
    "说明：",
    "填表说明",
    "注1",
    "注 :",
];

/// Marks that select one of several printed options (`☑学生 □教工`), and
/// the empty boxes printed beside the options not chosen.
pub const CHECKED_MARKS: &[&str] = &[
    "[√]",
    "[✓]",
    "[✔]",
    "(√)",
    "(✓)",
    "(✔)",
    "（√）",
    "（✓）",
    "（✔）",
    "☑",
    "☒",
    "■",
    "√",
    "✓",
    "✔",
    "▣",
];
pub const UNCHECKED_MARKS: &[&str] = &["[ ]", "[]", "( )", "（ ）", "()", "（）", "□", "☐"];

/// Words a label may carry around its synonym (`项目负责人姓名`,
/// `本支部党员人数`): tried one at a time when no synonym matches exactly.
pub const LABEL_PREFIXES: &[&str] = &[
    "本支部",
    "项目",
    "支部",
    "申报",
    "所在",
    "所属",
    "本",
    "主要",
    "具体",
];
pub const LABEL_SUFFIXES: &[&str] = &[
    "姓名",
    "全称",
    "名称",
    "情况",
    "简介",
    "简述",
    "概述",
    "号码",
    "方式",
    "信息",
    "及职务",
    "内容",
    "总额",
    "总计",
    "合计",
];
/// Joiners of compound section labels (`项目背景与意义` → `项目背景`).
pub const LABEL_JOINERS: &[char] = &['与', '及', '和', '、'];

/// Headings that open one partner block in a pairing table
/// (`结对支部一`, `共建单位2`, `第一结对支部`), followed or preceded by an ordinal.
pub const PARTNER_BLOCK_HEADS: &[&str] = &[
    "结对共建支部",
    "结对党支部",
    "共建党支部",
    "结对支部",
    "共建支部",
    "共建单位",
    "结对单位",
    "结对对象",
    "共建对象",
];
/// Ordinals that number partner blocks.
pub const ORDINALS: &[char] = &[
    '一', '二', '三', '四', '五', '1', '2', '3', '4', '5', 'A', 'B', 'C',
];

/// The partner categories of the year-end statistics (FORMS.md §4), in the
/// order the report lists them.
pub const STAT_PARTNER_KINDS: &[&str] = &[
    "“双带头人”教师党支部",
    "其他教学科研党支部",
    "机关党支部",
    "校外党支部",
    "学生党支部",
];

/// The category a partner kind no row below reveals is counted under.
pub const STAT_PARTNER_KIND_DEFAULT: &str = "其他教学科研党支部";

/// The partner kinds (FORMS.md §1.1, §1.5): the kind as zhibu writes it, the
/// words that reveal it, and the statistics category it is counted under.
/// Checked in this order: the first kind whose word the text holds wins.
pub const PARTNER_KINDS: &[(&str, &[&str], &str)] = &[
    (
        "“双带头人”教师党支部",
        &["双带头人"],
        "“双带头人”教师党支部",
    ),
    (
        "校外党支部",
        &[
            "校外", "企业", "社区", "村", "地方", "街道", "公司", "医院", "中学", "小学",
        ],
        "校外党支部",
    ),
    (
        "其他教学科研党支部",
        &["其他教学", "教学科研"],
        "其他教学科研党支部",
    ),
    (
        "学院教师党支部",
        &["学院", "教师", "教工"],
        "其他教学科研党支部",
    ),
    ("学生党支部", &["学生"], "学生党支部"),
    ("机关党支部", &["机关"], "机关党支部"),
];

/// The “四个一” kinds (FORMS.md §1.1) and the words that reveal them.
pub const FOUR_ONES: &[(&str, &[&str])] = &[
    ("学习讨论", &["学习讨论", "学习", "研讨", "读书"]),
    ("党课", &["党课"]),
    ("主题实践", &["主题实践", "实践", "主题党日"]),
    ("调研走访", &["调研走访", "调研", "走访"]),
];

/// The activity kinds of FORMS.md §1.5.
pub const ACTIVITY_KINDS: &[&str] = &[
    "学习讨论",
    "党课",
    "主题实践",
    "调研走访",
    "志愿服务",
    "其他",
];

/// Words in a 支部类型 value or a branch name that tell the kind of branch,
/// in order: the first row whose word the text holds wins (so 学生工作部 is
/// an office before 学生 makes it a student branch).
pub const BRANCH_KIND_WORDS: &[(&str, &[&str])] = &[
    ("离退休", &["离退休", "退休"]),
    (
        "机关",
        &[
            "学生工作",
            "学生处",
            "本科生院",
            "研究生院",
            "研究生工作",
            "学工部",
            "团委",
            "招生就业",
            "学生资助",
        ],
    ),
    (
        "学生",
        &[
            "本科",
            "研究生",
            "硕士",
            "博士生",
            "级",
            "学生党支部",
            "学生第",
            "班党支部",
            "学生",
        ],
    ),
    ("机关", &["机关", "处", "办公室", "部党支部", "馆", "中心"]),
    (
        "教工",
        &["教工", "教师", "教职工", "教研室", "系", "实验室", "研究所"],
    ),
];

/// Words a blank form prints where a value goes (`年 月 日`, `（签字）`):
/// a value made only of these is not filled in.
pub const PLACEHOLDER_WORDS: &[&str] = &[
    "年", "月", "日", "元", "人", "签字", "盖章", "签名", "无", "/", "—", "-", "_", "(", ")", "（",
    "）", ":", "：",
];

/// Words around a count that make it approximate (`约30人`, `40余人`): the number stands.
pub const APPROXIMATE_WORDS: &[&str] = &[
    "大约", "约", "近", "共计", "共", "计", "余", "多", "左右", "以上",
];

/// Separators between several phone numbers in one cell.
pub const PHONE_SEPARATORS: &[char] = &['/', '、', ';', '；', ',', '，', ' '];

/// The members' “四个一” of “两在两同” (FORMS.md §1.9), in the notice's
/// order, and the words that reveal each in a 类型 cell or a column header,
/// checked in this order (so `新生宿舍结对帮扶` is never taken for 党课 by `授课`).
pub const MEMBER_KINDS: &[(&str, &[&str])] = &[
    (
        "党(团)课授课",
        &["党课", "团课", "党团课", "授课", "讲课", "宣讲"],
    ),
    ("志愿服务", &["志愿"]),
    ("义务劳动", &["义务劳动", "劳动"]),
    ("新生宿舍结对帮扶", &["宿舍", "结对帮扶", "帮扶"]),
];

/// Hours written as words (FORMS.md §1.9): `半天` is 4 hours, `一天` 8.
pub const HOURS_WORDS: &[(&str, f64)] = &[
    ("半天", 4.0),
    ("半日", 4.0),
    ("一天", 8.0),
    ("全天", 8.0),
    ("一整天", 8.0),
    ("1天", 8.0),
    ("半小时", 0.5),
    ("一小时", 1.0),
    ("两小时", 2.0),
];

/// 实事清单 状态 words (FORMS.md §1.10); not-done words are checked first
/// (`未完成` holds `完成`).
pub const TODO_NOT_STARTED: &[&str] =
    &["未启动", "未开始", "尚未启动", "未开展", "计划中", "待启动"];
pub const TODO_IN_PROGRESS: &[&str] = &[
    "推进中",
    "进行中",
    "正在",
    "在办",
    "办理中",
    "实施中",
    "部分完成",
    "未完成",
    "未办结",
    "持续",
];
pub const TODO_DONE: &[&str] = &[
    "已办结",
    "办结",
    "已完成",
    "完成",
    "已销号",
    "销号",
    "已落实",
    "已解决",
    "√",
    "✓",
    "✔",
];
