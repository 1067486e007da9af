//! The one synonym table: every label and column header zhibu understands,
//! per form and field (FORMS.md §1). To accept a new spelling, add it here.
//!
//! Labels are compared after [`crate::normalise::label_key`] (full-width folded,
//! whitespace, trailing colons, `*` and `（必填）` removed).

use crate::normalise::label_key;
use crate::vocab::{LABEL_JOINERS, LABEL_PREFIXES, LABEL_SUFFIXES};

/// A field and the labels that name it; the first label is canonical.
pub type Labels = (&'static str, &'static [&'static str]);

/// 1.2 项目申请表 — key–value fields.
pub const APPLICATION: &[Labels] = &[
    (
        "branch",
        &["支部名称", "党支部名称", "申报支部", "申报单位", "支部全称"],
    ),
    (
        "committee",
        &[
            "所属党委",
            "所在学院",
            "学院",
            "所属单位",
            "基层党委",
            "所属基层党委",
            "所在单位",
        ],
    ),
    ("branch_kind", &["支部类型", "党支部类型"]),
    (
        "members",
        &["党员人数", "支部党员数", "正式党员人数", "党员数"],
    ),
    (
        "track",
        &[
            "申报板块",
            "板块",
            "项目类别",
            "建设板块",
            "申报类别",
            // 书记项目 (“两在两同”): the theme it is built around.
            "项目主题",
            "主题",
        ],
    ),
    ("title", &["项目名称", "品牌名称", "书记项目名称"]),
    ("leader", &["项目负责人", "负责人", "项目负责人姓名"]),
    ("leader_role", &["职务", "负责人职务", "党内职务"]),
    // 书记项目: the secretary who leads it (see `VALUE_LIKE_FIELDS`).
    (
        "secretary",
        &["支部书记", "党支部书记", "支部书记姓名", "书记"],
    ),
    (
        "phone",
        &["联系电话", "手机", "电话", "手机号码", "联系方式"],
    ),
    (
        "email",
        &["电子邮箱", "邮箱", "E-mail", "Email", "电子邮件"],
    ),
    ("advisor", &["指导老师", "指导教师"]),
    (
        "requested",
        &[
            "申请经费",
            "申请金额",
            "经费预算",
            "预算总额",
            "申请经费总额",
            "经费预算总额",
        ],
    ),
    (
        "budget",
        &["经费预算明细", "预算明细", "经费使用计划", "经费明细"],
    ),
    ("background", &["项目背景", "背景与现状", "立项依据"]),
    ("goals", &["建设目标", "项目目标"]),
    (
        "plan",
        &["实施计划", "实施方案", "进度安排", "工作计划", "时间表"],
    ),
    // 书记项目 (“两在两同”): the 路线图 beside its 时间表.
    ("roadmap", &["路线图", "实施路径", "工作步骤", "推进路径"]),
    // One box for both: it is the 时间表 and the 路线图.
    (
        "schedule_roadmap",
        &[
            "时间表和路线图",
            "时间表与路线图",
            "时间表、路线图",
            "时间表及路线图",
            "路线图和时间表",
            "路线图与时间表",
            "时间表路线图",
        ],
    ),
    ("outcomes", &["预期成效", "预期成果"]),
    ("features", &["特色与创新", "项目特色", "特色创新"]),
    (
        "opinion",
        &["学院党委意见", "基层党委意见", "审核意见", "所在党委意见"],
    ),
    ("filled_on", &["填表日期", "申报日期", "日期", "填报日期"]),
];

/// Fields whose labels are also everyday values: `职务 | 支部书记` is a
/// 职务 and its value, not two labels. A cell naming one of these right
/// after another label is that label's value.
pub const VALUE_LIKE_FIELDS: &[&str] = &["secretary"];

/// 1.1 共建信息表 — key–value fields.
pub const PAIRING: &[Labels] = &[
    (
        "branch",
        &["机关党支部名称", "党支部名称", "支部名称", "机关党支部"],
    ),
    ("committee", &["所属党委", "所属基层党委", "上级党组织"]),
    ("secretary", &["支部书记", "书记", "党支部书记"]),
    ("contact", &["联系人"]),
    ("phone", &["联系电话", "电话", "手机"]),
    ("topic", &["共建主题", "共建内容", "共建项目"]),
    (
        "partners",
        &["共建支部", "结对支部", "共建支部信息", "结对共建支部"],
    ),
    (
        "plan",
        &[
            "计划安排",
            "活动计划",
            "“四个一”计划",
            "\"四个一\"计划",
            "四个一计划",
        ],
    ),
    ("filled_on", &["填报日期", "日期", "填表日期"]),
];

/// Columns of the partner sub-table of a pairing table.
pub const PARTNER_COLUMNS: &[Labels] = &[
    (
        "name",
        &[
            "共建支部名称",
            "结对支部名称",
            "共建支部",
            "结对支部",
            "支部名称",
            "党支部名称",
            "名称",
            "结对党支部",
            "共建党支部",
        ],
    ),
    (
        "kind",
        &["类型", "支部类型", "共建类型", "党支部类型", "结对类型"],
    ),
    (
        "unit",
        &[
            "所在单位",
            "所属学院",
            "单位名称",
            "单位",
            "所属党委",
            "所在学院",
            "所属单位",
        ],
    ),
    (
        "person",
        &[
            "书记/联系人",
            "书记",
            "联系人",
            "支部书记",
            "负责人",
            "党支部书记",
        ],
    ),
    ("phone", &["联系电话", "电话", "联系方式", "手机"]),
];

/// Columns of the “四个一” plan sub-table of a pairing table.
pub const PAIRING_PLAN_COLUMNS: &[Labels] = &[
    ("time", &["时间", "月份", "计划时间", "日期"]),
    ("kind", &["活动类型", "类型", "形式"]),
    ("content", &["活动内容", "内容", "主要内容"]),
];

/// Columns of the budget sub-table of an application.
pub const BUDGET_COLUMNS: &[Labels] = &[
    (
        "item",
        &[
            "支出项目",
            "用途",
            "项目",
            "开支项目",
            "支出内容",
            "经费用途",
        ],
    ),
    ("amount", &["金额", "经费", "预算", "预算金额"]),
    (
        "note",
        &[
            "说明",
            "备注",
            "测算依据",
            "测算说明",
            "计算依据",
            "用途说明",
        ],
    ),
];

/// Columns of the implementation plan sub-table of an application.
pub const PLAN_COLUMNS: &[Labels] = &[
    ("time", &["时间", "时间安排", "月份", "日期", "时间节点"]),
    (
        "content",
        &["内容", "工作内容", "活动内容", "主要内容", "实施内容"],
    ),
    ("person", &["负责人", "责任人"]),
];

/// 1.3 申报汇总表 — columns.
pub const SUMMARY_COLUMNS: &[Labels] = &[
    ("no", &["序号"]),
    (
        "committee",
        &[
            "学院",
            "所属党委",
            "单位",
            "所在学院",
            "基层党委",
            "所属单位",
        ],
    ),
    ("branch", &["支部名称", "党支部名称", "申报支部"]),
    ("title", &["项目名称"]),
    ("track", &["申报板块", "板块", "项目类别"]),
    ("leader", &["项目负责人", "负责人"]),
    ("phone", &["联系电话", "电话"]),
    ("advisor", &["指导老师", "指导教师"]),
    ("members", &["党员人数"]),
    ("requested", &["申请经费", "申请金额", "经费预算"]),
    ("note", &["备注"]),
];

/// 1.5 活动记录表 — columns.
pub const ACTIVITY_COLUMNS: &[Labels] = &[
    ("date", &["日期", "活动日期", "时间", "活动时间"]),
    ("committee", &["所属党委", "党委", "所属基层党委", "学院"]),
    ("branch", &["发起支部", "本支部", "支部名称", "机关党支部"]),
    ("partner", &["共建支部", "结对支部", "共建支部名称"]),
    (
        "partner_kind",
        &["共建支部类型", "支部类型", "结对支部类型"],
    ),
    ("kind", &["活动类型", "类型", "活动形式"]),
    ("topic", &["活动主题", "主题", "活动名称"]),
    ("participants", &["参加人数", "参与人数", "人数"]),
    ("place", &["地点", "活动地点"]),
    ("effect", &["成效简述", "成效", "活动成效"]),
];

/// 1.6 评审结果表 — columns.
pub const REVIEW_COLUMNS: &[Labels] = &[
    ("no", &["序号"]),
    ("committee", &["学院", "所属党委"]),
    ("branch", &["支部名称", "党支部名称"]),
    ("title", &["项目名称"]),
    ("track", &["板块", "申报板块"]),
    ("leader", &["负责人", "项目负责人"]),
    ("requested", &["申请经费"]),
    ("level", &["评审等级", "立项等级", "评审结果"]),
    ("approved", &["核定经费", "核定金额", "批准经费"]),
    ("comment", &["评审意见", "意见"]),
];

/// 1.7 支部名册 — columns.
pub const ROSTER_COLUMNS: &[Labels] = &[
    ("no", &["序号"]),
    (
        "committee",
        &[
            "党委",
            "学院",
            "所属党委",
            "所在学院",
            "基层党委",
            "所属基层党委",
        ],
    ),
    ("branch", &["支部名称", "党支部名称", "支部"]),
    ("kind", &["支部类型", "党支部类型", "类型"]),
    ("secretary", &["书记", "支部书记", "党支部书记"]),
    ("marks", &["标记", "备注", "支部标记", "类别"]),
];

/// 1.8 结题报告 — key–value fields.
pub const CLOSING_REPORT: &[Labels] = &[
    ("title", &["项目名称", "品牌名称", "书记项目名称"]),
    ("branch", &["支部名称", "党支部名称", "申报支部"]),
    ("committee", &["所属党委", "所在学院", "学院", "基层党委"]),
    (
        "progress",
        &["完成情况", "项目完成情况", "建设情况", "实施情况"],
    ),
    (
        "spent",
        &[
            "已使用经费",
            "实际支出",
            "经费使用",
            "经费使用情况",
            "实际使用经费",
            "已用经费",
        ],
    ),
    ("results", &["成果", "主要成果", "项目成果", "建设成效"]),
    ("filled_on", &["填表日期", "日期", "填报日期"]),
];

/// 1.8 新闻稿件登记表 — columns.
pub const ARTICLE_COLUMNS: &[Labels] = &[
    ("no", &["序号"]),
    ("branch", &["支部名称", "党支部名称", "支部"]),
    ("title", &["稿件标题", "新闻标题", "标题", "文章标题"]),
    ("platform", &["发布平台", "平台", "刊发平台", "发布媒体"]),
    ("level", &["平台级别", "级别", "平台层级"]),
    ("date", &["发布日期", "发布时间", "刊发日期", "日期"]),
    ("link", &["链接", "网址", "网页链接"]),
];

/// 1.4 工作案例 — the four sections in order.
pub const CASE_SECTIONS: &[Labels] = &[
    (
        "background",
        &[
            "背景与起因",
            "背景起因",
            "案例背景",
            "背景",
            "起因",
            "背景与缘起",
        ],
    ),
    (
        "practice",
        &[
            "做法与经过",
            "主要做法",
            "做法经过",
            "做法",
            "具体做法",
            "工作做法",
            "经过与做法",
        ],
    ),
    (
        "results",
        &[
            "成效与反响",
            "成效反响",
            "取得成效",
            "成效",
            "工作成效",
            "主要成效",
            "成效与影响",
        ],
    ),
    (
        "analysis",
        &[
            "分析与评价",
            "分析评价",
            "案例评析",
            "经验启示",
            "经验与启示",
            "启示与思考",
            "思考与启示",
            "经验与体会",
            "评价与启示",
            "案例分析",
            "分析",
        ],
    ),
];

/// 1.4 工作案例 — the header fields.
pub const CASE_FIELDS: &[Labels] = &[
    ("title", &["案例名称", "标题", "案例标题"]),
    (
        "branch",
        &[
            "支部",
            "支部名称",
            "党支部名称",
            "党支部",
            "报送单位",
            "报送支部",
            "申报单位",
            "单位",
        ],
    ),
    (
        "committee",
        &[
            "所属党委",
            "党委",
            "所在学院",
            "学院",
            "所属基层党委",
            "基层党委",
        ],
    ),
    ("author", &["作者", "执笔人", "撰稿人", "撰写人", "供稿人"]),
];

/// The field a label names in `table`, if any: the label key equal to a
/// synonym's; else, when none is, the key with one of the words a label may
/// carry around its synonym removed (`项目负责人姓名`, `本支部党员人数`), or
/// the first part of a compound (`项目背景与意义`).
pub fn field_of(table: &'static [Labels], label: &str) -> Option<&'static str> {
    field_of_key(table, &label_key(label))
}

/// [`field_of`] for a label already reduced to its key (a cell's
/// [`Cell::key`](crate::ingest::Cell::key)).
///
/// Extraction asks about the same keys many times (per sub-table, per
/// neighbouring cell, per row read again under a header), so the answers
/// that need more than one look-up are kept per thread, by table and key.
pub fn field_of_key(table: &'static [Labels], key: &str) -> Option<&'static str> {
    /// Bytes of keys kept per thread before the memo starts afresh.
    const MEMO_BYTES: usize = 1 << 20;
    type Answers = Vec<(usize, Option<&'static str>)>;
    type Memo = (
        usize,
        std::collections::HashMap<Box<str>, Answers, foldhash::fast::FixedState>,
    );
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
    }
    // No label is longer than 20 characters (at most 4 bytes each).
    if key.is_empty() || key.len() > 80 || key.chars().count() > 20 {
        return None;
    }
    let no = table_no(table);
    if let Some(field) = exact_in(no, key) {
        return Some(field);
    }
    let known = MEMO.with(|cell| {
        cell.borrow()
            .1
            .get(key)
            .and_then(|answers| answers.iter().find(|(n, _)| *n == no).map(|(_, f)| *f))
    });
    if let Some(field) = known {
        return field;
    }
    let field = label_variants(key).find_map(|k| exact_in(no, &k));
    MEMO.with(|cell| {
        let mut memo = cell.borrow_mut();
        if memo.0 + key.len() > MEMO_BYTES {
            memo.1.clear();
            memo.0 = 0;
        }
        memo.0 += key.len();
        memo.1.entry(key.into()).or_default().push((no, field));
    });
    field
}

type Keyed = (
    (usize, usize),
    std::collections::HashMap<String, &'static str, foldhash::fast::FixedState>,
);
thread_local! {
    /// Every table seen by this thread, known by the address and length of
    /// its entries (tables are statics: an address never holds another
    /// table), with its label keys.
    static KEYED: std::cell::RefCell<Vec<Keyed>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The number of `table` among the tables this thread has keyed; its keys
/// are made the first time.
fn table_no(table: &'static [Labels]) -> usize {
    let id = (table.as_ptr() as usize, table.len());
    KEYED.with(|cell| {
        let mut keyed = cell.borrow_mut();
        let pos = keyed.iter().position(|(k, _)| *k == id);
        pos.unwrap_or_else(|| {
            let mut map = std::collections::HashMap::default();
            for (field, labels) in table {
                for l in *labels {
                    map.entry(label_key(l)).or_insert(*field);
                }
            }
            keyed.push((id, map));
            keyed.len() - 1
        })
    })
}

/// The first field of the table numbered `no` with a label whose key is `key`.
fn exact_in(no: usize, key: &str) -> Option<&'static str> {
    KEYED.with(|cell| cell.borrow()[no].1.get(key).copied())
}

/// The key without one affix word, then without a prefix and a suffix, then
/// the first part of a compound label; never shorter than two characters.
fn label_variants(key: &str) -> impl Iterator<Item = String> + '_ {
    let no_prefix = LABEL_PREFIXES
        .iter()
        .filter_map(move |p| key.strip_prefix(p));
    let no_suffix = LABEL_SUFFIXES
        .iter()
        .filter_map(move |p| key.strip_suffix(p));
    let both = LABEL_PREFIXES
        .iter()
        .filter_map(move |p| key.strip_prefix(p))
        .flat_map(|k| LABEL_SUFFIXES.iter().filter_map(move |s| k.strip_suffix(s)));
    let compound = key
        .split_once(LABEL_JOINERS)
        .map(|(first, _)| first)
        .into_iter();
    no_prefix
        .chain(no_suffix)
        .chain(both)
        .chain(compound)
        .filter(|k| k.chars().count() >= 2)
        .map(str::to_string)
}

/// Like [`field_of`], also accepting a header that starts with a known label
/// followed by a bracketed unit or note (`申请经费（元）`, `党员人数(人)`).
pub fn column_of(table: &'static [Labels], header: &str) -> Option<&'static str> {
    column_of_key(table, &label_key(header))
}

/// [`column_of`] for a header already reduced to its key.
pub fn column_of_key(table: &'static [Labels], key: &str) -> Option<&'static str> {
    if let Some(f) = field_of_key(table, key) {
        return Some(f);
    }
    let head = &key[..head_len(key)];
    if head.len() == key.len() || head.is_empty() {
        return None;
    }
    field_of(table, head)
}

/// Bytes of `key` before its first `(`, `（` or `/` (all of it when none).
/// A byte scan: the keys of long value cells are asked about for every
/// sub-table of a form, and decoding them char by char cost more than
/// everything else a header row needs.
fn head_len(key: &str) -> usize {
    const FULL_WIDTH_OPEN: &[u8] = "（".as_bytes();
    let bytes = key.as_bytes();
    (0..bytes.len())
        .find(|&i| matches!(bytes[i], b'(' | b'/') || bytes[i..].starts_with(FULL_WIDTH_OPEN))
        .unwrap_or(bytes.len())
}

/// The canonical label of a field, for messages (`requested` → `申请经费`).
pub fn canonical(table: &[Labels], field: &str) -> &'static str {
    table
        .iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, labels)| labels.first().copied())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_is_cut_at_the_first_bracket_or_slash() {
        for key in [
            "经费(元)",
            "经费（元）",
            "经费/元",
            "经费",
            "",
            "(元)",
            "支部（一）/二",
            "负责人姓名",
        ] {
            let by_chars = key.split(['(', '（', '/']).next().unwrap_or(key);
            assert_eq!(&key[..head_len(key)], by_chars, "{key}");
        }
        // A byte 0xEF that starts another full-width char is not a bracket.
        assert_eq!(head_len("ＡＢ（元）"), "ＡＢ".len());
    }

    #[test]
    fn labels_resolve_per_form() {
        assert_eq!(field_of(APPLICATION, "党支部名称："), Some("branch"));
        assert_eq!(field_of(APPLICATION, "预算总额（必填）"), Some("requested"));
        assert_eq!(field_of(APPLICATION, "*联系电话"), Some("phone"));
        assert_eq!(field_of(PAIRING, "机关党支部名称"), Some("branch"));
        assert_eq!(
            field_of(APPLICATION, "这是一段很长很长的正文内容而不是标签文字。"),
            None
        );
        assert_eq!(
            column_of(SUMMARY_COLUMNS, "申请经费（元）"),
            Some("requested")
        );
        assert_eq!(column_of(SUMMARY_COLUMNS, "党员人数(人)"), Some("members"));
        assert_eq!(column_of(PARTNER_COLUMNS, "书记/联系人"), Some("person"));
        assert_eq!(canonical(APPLICATION, "requested"), "申请经费");
        // Extra words around a synonym.
        assert_eq!(field_of(APPLICATION, "项目负责人姓名"), Some("leader"));
        assert_eq!(field_of(APPLICATION, "本支部党员人数"), Some("members"));
        assert_eq!(field_of(APPLICATION, "项目背景与意义"), Some("background"));
        assert_eq!(field_of(APPLICATION, "二、预期成果："), Some("outcomes"));
        // Values are not labels.
        assert_eq!(field_of(APPLICATION, "机械工程学院"), None);
        assert_eq!(field_of(APPLICATION, "制定实施计划"), None);
    }

    #[test]
    fn no_label_is_claimed_twice_within_a_table() {
        for table in [
            APPLICATION,
            PAIRING,
            SUMMARY_COLUMNS,
            ACTIVITY_COLUMNS,
            REVIEW_COLUMNS,
            BUDGET_COLUMNS,
            PLAN_COLUMNS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for (_, labels) in table {
                for l in *labels {
                    assert!(seen.insert(label_key(l)), "label {l} twice");
                }
            }
        }
    }
}
