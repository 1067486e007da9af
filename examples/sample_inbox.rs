//! Writes the sample 对标争先 campaign of the fictional 江南理工大学 into a folder
//! (`scripts/sample-inbox.sh` then turns some files into .doc/.xls with
//! LibreOffice and installs the result as `inbox/`).
//!
//! Deliberate mistakes, so the problem list shows something:
//! - 机械2023级研究生党支部: budget lines add up to 2,800, 申请经费 3,000 (budget_mismatch);
//! - 计算机本科第二党支部: no 指导老师 (missing_advisor), dated 2025年11月3日 (late);
//! - 外语研究生党支部: a 10-digit mobile (bad_phone), and missing from its summary sheet (not_on_summary);
//! - 材料本科第二党支部: sent twice, the newer file supersedes the older (superseded);
//! - the 材料 summary lists 材料本科第三党支部, which sent nothing (summary_without_application);
//! - 财务处党支部's pairing table has two external partners (partner_rule) and no 调研走访 (four_ones_incomplete).
//!
//! Usage: cargo run --example sample_inbox -- <dir>

// Only some of the shared fixture builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/common/mod.rs"]
mod common;

use common::App;
use std::path::Path;

struct Branch {
    committee: &'static str,
    short: &'static str,
    branch: &'static str,
    members: &'static str,
    track: &'static str,
    title: &'static str,
    leader: &'static str,
    phone: &'static str,
    advisor: &'static str,
    requested: &'static str,
    budget: [(&'static str, &'static str); 2],
    goals: &'static str,
    date: &'static str,
}

const BRANCHES: &[Branch] = &[
    Branch {
        committee: "机械工程学院党委",
        short: "机械学院",
        branch: "机械本科第一党支部",
        members: "18",
        track: "学思践悟·固本强基",
        title: "“红色引擎”理论学习互助计划",
        leader: "张明（支部书记）",
        phone: "13912345678",
        advisor: "李红",
        requested: "3000元",
        budget: [("理论书籍与资料", "1200"), ("专题学习活动", "1800")],
        goals: "建立“一月一专题”学习机制，党员带动团员青年系统学习党的创新理论。",
        date: "2025年10月20日",
    },
    Branch {
        committee: "机械工程学院党委",
        short: "机械学院",
        branch: "机械2023级研究生党支部",
        members: "26",
        track: "志愿服务",
        title: "“智造先锋”科普进社区",
        leader: "王磊（支部书记）",
        phone: "13861112233",
        advisor: "赵强",
        requested: "3,000",
        budget: [("科普教具制作", "1500"), ("交通与宣传", "1300")],
        goals: "依托专业实验室，每月走进社区开展一次智能制造科普活动。",
        date: "2025年10月18日",
    },
    Branch {
        committee: "机械工程学院党委",
        short: "机械学院",
        branch: "机械本科第二党支部",
        members: "15",
        track: "学业互助·成长成才",
        title: "“一对一”学业帮扶结对工程",
        leader: "陈晨（支部书记）",
        phone: "13770001111",
        advisor: "孙丽",
        requested: "0.2万",
        budget: [("帮扶资料印制", "800"), ("学习交流活动", "1200")],
        goals: "党员与学业困难同学结对，帮扶对象挂科率下降一半。",
        date: "2025/10/22",
    },
    Branch {
        committee: "机械工程学院党委",
        short: "机械学院",
        branch: "车辆工程研究生党支部",
        members: "21",
        track: "网络育人",
        title: "“车言车语”网络思政工作室",
        leader: "刘洋（支部书记）",
        phone: "15052223344",
        advisor: "周敏",
        requested: "叁仟元",
        budget: [("视频拍摄设备租赁", "1600"), ("作品征集奖励", "1400")],
        goals: "制作专业与思政融合的短视频十期，打造支部网络宣传品牌。",
        date: "2025.10.25",
    },
    Branch {
        committee: "计算机科学与技术学院党委",
        short: "计算机学院",
        branch: "计算机本科第一党支部",
        members: "22",
        track: "红色领航·铸魂育人",
        title: "“代码里的初心”红色编程营",
        leader: "黄婷（支部书记）",
        phone: "18651234567",
        advisor: "吴刚",
        requested: "5000",
        budget: [("编程营组织", "3000"), ("红色研学", "2000")],
        goals: "以编程实践讲述党史故事，开发红色主题小程序一个。",
        date: "2025年10月28日",
    },
    Branch {
        committee: "计算机科学与技术学院党委",
        short: "计算机学院",
        branch: "计算机本科第二党支部",
        members: "17",
        track: "学业互助·成长成才",
        title: "“算法互助”学习小组",
        leader: "徐静（支部书记）",
        phone: "13951239876",
        advisor: "",
        requested: "1000",
        budget: [("竞赛资料", "500"), ("学习活动", "500")],
        goals: "组织党员讲授算法课程，带动全年级程序设计成绩提升。",
        date: "2025年11月3日",
    },
    Branch {
        committee: "计算机科学与技术学院党委",
        short: "计算机学院",
        branch: "软件工程研究生党支部",
        members: "30",
        track: "志愿服务·奉献担当",
        title: "“银龄数字课堂”助老志愿服务",
        leader: "马超（支部书记）",
        phone: "13812340000",
        advisor: "何伟",
        requested: "3000",
        budget: [("教材印制", "1000"), ("志愿者保险与交通", "2000")],
        goals: "每周为社区老年人开设智能手机课堂，服务不少于300人次。",
        date: "2025-10-26",
    },
    Branch {
        committee: "计算机科学与技术学院党委",
        short: "计算机学院",
        branch: "人工智能本科党支部",
        members: "12",
        track: "学思践悟",
        title: "“AI+理论学习”智能助学平台",
        leader: "林峰（支部书记）",
        phone: "17712345678",
        advisor: "郭芳",
        requested: "3000",
        budget: [("服务器租用", "1800"), ("推广活动", "1200")],
        goals: "建设理论学习智能问答平台，覆盖学院全体学生党员。",
        date: "2025年10月30日",
    },
    Branch {
        committee: "外国语学院党委",
        short: "外国语学院",
        branch: "外语本科第一党支部",
        members: "14",
        track: "网络育人·文化浸润",
        title: "“译”路红心红色文献外译",
        leader: "陈静（支部书记）",
        phone: "13770001234",
        advisor: "孙伟",
        requested: "3000",
        budget: [("译稿审校", "2000"), ("成果汇编", "1000")],
        goals: "翻译红色经典文献选段，用外语讲好中国共产党的故事。",
        date: "2025年10月21日",
    },
    Branch {
        committee: "外国语学院党委",
        short: "外国语学院",
        branch: "外语研究生党支部",
        members: "19",
        track: "志愿服务",
        title: "“外语+志愿”国际赛会服务队",
        leader: "赵雪（支部书记）",
        phone: "1377000123",
        advisor: "钱亮",
        requested: "1000",
        budget: [("培训费", "600"), ("服装与物资", "400")],
        goals: "组建党员语言志愿服务队，服务城市国际赛事与会议。",
        date: "2025年10月19日",
    },
    Branch {
        committee: "外国语学院党委",
        short: "外国语学院",
        branch: "日语本科党支部",
        members: "9",
        track: "学业互助",
        title: "“晨读同行”外语学习共同体",
        leader: "郑爽（支部书记）",
        phone: "15951110000",
        advisor: "冯洁",
        requested: "1000",
        budget: [("晨读材料", "400"), ("朗诵比赛", "600")],
        goals: "党员领读、全员参与，坚持晨读一学年。",
        date: "2025年10月23日",
    },
    Branch {
        committee: "材料科学与工程学院党委",
        short: "材料学院",
        branch: "材料本科第一党支部",
        members: "20",
        track: "学思践悟·固本强基",
        title: "“材”华青年理论宣讲团",
        leader: "刘洋（支部书记）",
        phone: "13861001234",
        advisor: "沈阳",
        requested: "3000",
        budget: [("宣讲团培训", "1500"), ("巡回宣讲", "1500")],
        goals: "培养学生理论宣讲骨干十名，面向低年级开展宣讲二十场。",
        date: "2025年10月17日",
    },
    Branch {
        committee: "材料科学与工程学院党委",
        short: "材料学院",
        branch: "材料2023级研究生党支部",
        members: "23",
        track: "志愿服务·奉献担当",
        title: "实验室安全党员先锋岗",
        leader: "何琳（支部书记）",
        phone: "0510-85913456",
        advisor: "马骏",
        requested: "壹仟元整",
        budget: [("宣传材料", "400"), ("安全培训", "600")],
        goals: "党员带头，实验室安全零事故，每周开展一次安全巡查。",
        date: "2025年10月25日",
    },
    Branch {
        committee: "材料科学与工程学院党委",
        short: "材料学院",
        branch: "材料本科第二党支部",
        members: "16",
        track: "红色领航·铸魂育人",
        title: "“寻访材料先驱”红色实践",
        leader: "韩梅（支部书记）",
        phone: "13601234567",
        advisor: "邓涛",
        requested: "3000",
        budget: [("寻访交通", "2000"), ("成果展览", "1000")],
        goals: "寻访老一辈材料科学家，整理口述史，举办成果展。",
        date: "2025年10月29日",
    },
];

/// Further case write-ups: (folder, branch, committee, title, sections).
type CaseSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [(&'static str, &'static str); 4],
);

const MORE_CASES: [CaseSpec; 3] = [
    (
        "计算机学院",
        "软件工程研究生党支部",
        "计算机科学与技术学院党委",
        "“银龄数字课堂”：让老人跨越数字鸿沟",
        [
            (
                "一、背景与起因",
                "学校周边三个社区有老年居民四千余人，不少老人不会用手机挂号、缴费、乘车，生活多有不便。支部党员多为软件专业研究生，具备开展数字助老的专业基础。",
            ),
            (
                "二、做法与经过",
                "支部与社区党委签订共建协议，每周六上午开设“银龄数字课堂”，党员一对一辅导老人使用常用应用。\n支部编写图文并茂的大字版教材，录制短视频教程，方便老人回家复习。",
            ),
            (
                "三、成效与反响",
                "一年来开课四十二次，服务老人一千二百余人次；社区为支部送来感谢信，市级媒体作了专题报道。",
            ),
            (
                "四、分析与评价",
                "把专业所长与群众所需结合起来，党员在服务中受教育、长才干，形成了可持续的志愿服务机制。",
            ),
        ],
    ),
    (
        "计算机学院",
        "计算机本科第一党支部",
        "计算机科学与技术学院党委",
        "“代码里的初心”：用编程讲好党史故事",
        [
            (
                "（一）背景与起因",
                "低年级同学对党史学习兴趣不足，认为内容枯燥。支部希望找到一种贴近计算机专业学生的学习方式。",
            ),
            (
                "（二）做法与经过",
                "支部举办红色编程营，党员带领同学分组开发党史知识问答小程序，在开发过程中查阅史料、核对史实。",
            ),
            (
                "（三）成效与反响",
                "编程营吸引一百二十名同学参加，开发小程序六个，其中一个在学院网站上线，累计访问一万余次。",
            ),
            (
                "（四）分析与评价",
                "以专业实践带动理论学习，让同学在“做中学”，做法新颖，值得在理工科学生党支部推广。",
            ),
        ],
    ),
    (
        "外国语学院",
        "外语本科第一党支部",
        "外国语学院党委",
        "“译”路红心：红色文献外译实践",
        [
            (
                "1.背景与起因",
                "外语专业学生熟悉外国文化，对讲好中国故事却缺少积累，支部决定以红色文献外译为抓手开展学习。",
            ),
            (
                "2.做法与经过",
                "支部选取红色经典文献选段，党员分组翻译、交叉审校，邀请专业教师把关，每月举办一次译稿分享会。",
            ),
            (
                "3.成效与反响",
                "共完成译稿三万余字，编印双语读本一册，在学院国际交流活动中赠送外国师生。",
            ),
            (
                "4.分析与评价",
                "翻译的过程就是学习的过程，专业学习与党史学习相互促进，增强了学生党员的文化自信。",
            ),
        ],
    ),
];

/// The review results: (committee, branch, title, level, approved yuan, comment).
const REVIEW: [[&str; 6]; 13] = [
    [
        "机械工程学院党委",
        "机械本科第一党支部",
        "“红色引擎”理论学习互助计划",
        "重点项目",
        "3000",
        "特色鲜明，示范性强",
    ],
    [
        "机械工程学院党委",
        "机械2023级研究生党支部",
        "“智造先锋”科普进社区",
        "特色项目",
        "2800",
        "预算请按核定经费调整",
    ],
    [
        "机械工程学院党委",
        "机械本科第二党支部",
        "“一对一”学业帮扶结对工程",
        "一般项目",
        "1000",
        "",
    ],
    [
        "机械工程学院党委",
        "车辆工程研究生党支部",
        "“车言车语”网络思政工作室",
        "特色项目",
        "3000",
        "",
    ],
    [
        "计算机科学与技术学院党委",
        "计算机本科第一党支部",
        "“代码里的初心”红色编程营",
        "重点项目",
        "5000",
        "创新性强",
    ],
    [
        "计算机科学与技术学院党委",
        "计算机本科第二党支部",
        "“算法互助”学习小组",
        "不予立项",
        "",
        "逾期报送且缺少指导老师",
    ],
    [
        "计算机科学与技术学院党委",
        "软件工程研究生党支部",
        "“银龄数字课堂”助老志愿服务",
        "特色项目",
        "3000",
        "",
    ],
    [
        "计算机科学与技术学院党委",
        "人工智能本科党支部",
        "“AI+理论学习”智能助学平台",
        "一般项目",
        "1000",
        "建议控制服务器费用",
    ],
    [
        "外国语学院党委",
        "外语本科第一党支部",
        "“译”路红心红色文献外译",
        "特色项目",
        "3000",
        "",
    ],
    [
        "外国语学院党委",
        "日语本科党支部",
        "“晨读同行”外语学习共同体",
        "一般项目",
        "1000",
        "",
    ],
    [
        "材料科学与工程学院党委",
        "材料本科第一党支部",
        "“材”华青年理论宣讲团",
        "特色项目",
        "2500",
        "",
    ],
    [
        "材料科学与工程学院党委",
        "材料2023级研究生党支部",
        "实验室安全党员先锋岗",
        "一般项目",
        "1000",
        "",
    ],
    [
        "材料科学与工程学院党委",
        "材料本科第二党支部",
        "“寻访材料先驱”红色实践",
        "一般项目",
        "1000",
        "",
    ],
];

fn app(b: &Branch) -> App<'static> {
    let mut fields = vec![
        ("党支部名称", b.branch),
        ("所属党委", b.committee),
        ("党员人数", b.members),
        ("申报板块", b.track),
        ("项目名称", b.title),
        ("项目负责人", b.leader),
        ("联系电话", b.phone),
        ("电子邮箱", "dzb@jnlg.edu.cn"),
        ("指导老师", b.advisor),
        ("申请经费", b.requested),
        ("建设目标", b.goals),
        (
            "预期成效",
            leak(format!(
                "{}见实效：{}党员示范带动作用明显增强。",
                b.title, b.branch
            )),
        ),
    ];
    if b.advisor.is_empty() {
        fields.retain(|(l, _)| *l != "指导老师");
    }
    App {
        fields,
        budget: b.budget.to_vec(),
        plan: vec![
            ("2025年11月", "项目启动，制定方案"),
            ("12月", "集中开展活动"),
            ("2026年1-3月", "总结提炼，形成成果"),
        ],
        date_above: Some(b.date),
        four: b.branch.contains("本科"),
        nested_plan: false,
    }
}

/// The generator builds each form once and exits: leaking its few strings is the simple way to give them `'static`.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: sample_inbox <dir>"));
    for b in BRANCHES {
        let name = format!("{}/{}-{}-对标争先申请表.docx", b.short, b.short, b.branch);
        let mut a = app(b);
        if b.branch == "材料本科第二党支部" {
            // The first submission, superseded by the corrected file below.
            let mut old = app(b);
            old.date_above = Some("2025年10月12日");
            old.budget = vec![("寻访交通", "2500"), ("成果展览", "1000")];
            write(
                &dir,
                &format!("{}/{}-申请表（初稿）.docx", b.short, b.branch),
                &common::application_docx(&old),
            );
            a.date_above = Some(b.date);
        }
        write(&dir, &name, &common::application_docx(&a));
    }
    // Summary sheets, one per committee (外语研究生党支部 left off; a phantom 材料 row added).
    for short in ["机械学院", "计算机学院", "外国语学院", "材料学院"] {
        let committee = BRANCHES
            .iter()
            .find(|b| b.short == short)
            .unwrap()
            .committee;
        let mut rows: Vec<[&str; 6]> = BRANCHES
            .iter()
            .filter(|b| b.short == short && b.branch != "外语研究生党支部")
            .map(|b| {
                let (leader, _) = b.leader.split_once('（').unwrap_or((b.leader, ""));
                let yuan = match b.requested {
                    "0.2万" => "2000",
                    "叁仟元" => "3000",
                    "壹仟元整" => "1000",
                    r => r.trim_end_matches('元'),
                };
                [b.branch, b.title, b.track, leader, b.phone, yuan]
            })
            .map(|r| r.map(|s| if s == "3,000" { "3000" } else { s }))
            .collect();
        if short == "材料学院" {
            rows.push([
                "材料本科第三党支部",
                "“新材料·新青年”成长营",
                "学业互助·成长成才",
                "吴迪",
                "13800001111",
                "1000",
            ]);
        }
        write(
            &dir,
            &format!("{short}/附件2 申报汇总表（{short}）.xlsx"),
            &common::summary_xlsx(committee, &rows),
        );
    }
    // Pairing tables from office branches.
    let good = [
        ("机械系教工第一党支部", "“双带头人”教师党支部"),
        ("惠山社区第三党支部", "校外党支部"),
    ];
    let kinds = ["学习讨论", "党课", "主题实践", "调研走访"];
    write(
        &dir,
        "机关党委/党委组织部党支部-结对共建信息表.docx",
        &common::pairing_docx("党委组织部党支部", &good, &kinds),
    );
    let good2 = [
        ("计算机系教工党支部", "学院教师党支部"),
        ("外语系教工党支部", "学院教师党支部"),
        ("江南电子科技有限公司党支部", "校外党支部"),
    ];
    write(
        &dir,
        "机关党委/学生工作部党支部-结对共建信息表.docx",
        &common::pairing_docx("学生工作部党支部", &good2, &kinds),
    );
    let bad = [
        ("材料系教工党支部", "学院教师党支部"),
        ("某银行支行党支部", "校外党支部"),
        ("梁溪社区党支部", "校外党支部"),
    ];
    write(
        &dir,
        "机关党委/财务处党支部-结对共建信息表.docx",
        &common::pairing_docx("财务处党支部", &bad, &kinds[..3]),
    );
    // The activity log of the year.
    let kinds6 = zhibu::vocab::ACTIVITY_KINDS;
    let pairs = [
        (
            "党委组织部党支部",
            "机械系教工第一党支部",
            "“双带头人”教师党支部",
        ),
        ("党委组织部党支部", "惠山社区第三党支部", "校外党支部"),
        (
            "学生工作部党支部",
            "计算机系教工党支部",
            "其他教学科研党支部",
        ),
        (
            "学生工作部党支部",
            "江南电子科技有限公司党支部",
            "校外党支部",
        ),
        ("财务处党支部", "材料系教工党支部", "其他教学科研党支部"),
        ("财务处党支部", "某银行支行党支部", "校外党支部"),
    ];
    // 96 activities over the year, skewed towards the autumn term.
    let mut dates = Vec::new();
    for i in 0..96 {
        let month = [3, 4, 4, 5, 5, 6, 9, 9, 10, 10, 11, 12][i % 12];
        dates.push(format!("2025-{:02}-{:02}", month, (i * 7) % 27 + 1));
    }
    let rows: Vec<(&str, &str, &str, &str, &str)> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (b, p, k) = pairs[i % pairs.len()];
            (
                d.as_str(),
                b,
                p,
                k,
                kinds6[(i + i / pairs.len()) % kinds6.len()],
            )
        })
        .chain([(
            "2024-12-28",
            "财务处党支部",
            "某银行支行党支部",
            "校外党支部",
            "党课",
        )])
        .collect();
    write(
        &dir,
        "机关党委/2025年结对共建活动记录表.xlsx",
        &common::activity_xlsx(&rows),
    );
    // A case write-up.
    let case = [
        (
            "一、背景与起因",
            "机械本科第一党支部共有党员18名，分布在四个年级。过去的理论学习多以读文件为主，形式单一，低年级同学参与度不高，支部在学院考核中处于中游。",
        ),
        (
            "（二）做法与经过",
            "支部推出“红色引擎”理论学习互助计划：每月确定一个专题，由一名党员牵头备课，在班级中开展“微党课”；建立“一对一”学习互助对子，把理论学习与专业学习结合起来。",
        ),
        (
            "3.成效与反响",
            "一年来共开展专题学习十二次，微党课二十四场，覆盖学生三百余人次；支部两名党员获评校级优秀共产党员，全班挂科率下降百分之四十。",
        ),
        (
            "分析与评价：",
            "以项目为抓手、以互助为纽带，使理论学习从“要我学”变为“我要学”，这一做法简便易行，具有推广价值。",
        ),
    ];
    write(
        &dir,
        "机械学院/工作案例-“红色引擎”点亮青春航程.docx",
        &common::case_docx("“红色引擎”点亮青春航程", &case),
    );
    for (short, branch, committee, title, sections) in MORE_CASES {
        write(
            &dir,
            &format!("{short}/工作案例-{branch}.docx"),
            &common::case_docx_of(title, branch, committee, &sections),
        );
    }
    // The review results the department filled into zhibu's 评审表 and sent back.
    write(
        &dir,
        "组织部/评审表（已评审）.xlsx",
        &common::review_xlsx(&REVIEW),
    );
    // The department's roster: every branch that applied, three student
    // branches that sent nothing, and the office branches (not required here).
    write(&dir, "组织部/支部名册.xlsx", &roster());
    closing_round(&dir, &dir.with_file_name("inbox-结项"), &case);
    // Litter a clerk's download folder always has.
    write(
        &dir,
        "说明.txt",
        "各学院请于10月31日前报送申请表和汇总表。".as_bytes(),
    );
    write(
        &dir,
        "机械学院/~$机械本科第一党支部-对标争先申请表.docx",
        b"\x05lock",
    );
}

/// 支部名册.xlsx (FORMS.md §1.7), written with rust_xlsxwriter.
fn roster() -> Vec<u8> {
    let mut rows: Vec<[&str; 4]> = BRANCHES
        .iter()
        .map(|b| [b.committee, b.branch, "学生", ""])
        .collect();
    rows.extend([
        ["机械工程学院党委", "机械本科第三党支部", "学生", ""],
        [
            "计算机科学与技术学院党委",
            "计算机研究生第二党支部",
            "学生",
            "样板支部",
        ],
        ["材料科学与工程学院党委", "材料本科第三党支部", "学生", ""],
        ["机关党委", "党委组织部党支部", "机关", ""],
        ["机关党委", "学生工作部党支部", "机关", ""],
        ["机关党委", "财务处党支部", "机关", ""],
    ]);
    common::roster_xlsx("江南理工大学党支部名册（2025年9月）", &rows)
}

/// A second sample, `inbox-结项/`: the 机械学院 projects at 结项 (FORMS.md §1.8),
/// with their applications and the review, the 结题报告, a case, an
/// 活动总结 and a 新闻稿件登记表 — and two gaps: the 特色项目 of
/// 机械2023级研究生党支部 has no 工作案例, and 车辆工程研究生党支部 spent
/// more than it was granted.
fn closing_round(inbox: &Path, dir: &Path, case: &[(&str, &str)]) {
    let ours: Vec<&Branch> = BRANCHES.iter().filter(|b| b.short == "机械学院").collect();
    let summary = "机械学院/附件2 申报汇总表（机械学院）.xlsx";
    write(
        dir,
        "申请表/附件2 申报汇总表（机械学院）.xlsx",
        &std::fs::read(inbox.join(summary)).unwrap(),
    );
    for b in &ours {
        write(
            dir,
            &format!("申请表/{}.docx", b.branch),
            &common::application_docx(&app(b)),
        );
    }
    let review: Vec<[&str; 6]> = REVIEW
        .iter()
        .filter(|r| ours.iter().any(|b| b.branch == r[1]))
        .copied()
        .collect();
    write(
        dir,
        "组织部/评审表（已评审）.xlsx",
        &common::review_xlsx(&review),
    );
    let spent = [
        ("机械本科第一党支部", "2,950元"),
        ("机械2023级研究生党支部", "贰仟捌佰元整"),
        ("机械本科第二党支部", "980"),
        ("车辆工程研究生党支部", "3,260.50"),
    ];
    for (branch, money) in spent {
        let title = ours
            .iter()
            .find(|b| b.branch == branch)
            .map_or("", |b| b.title);
        write(
            dir,
            &format!("结题报告/{branch}-结题报告.docx"),
            &closing_report(branch, title, money),
        );
    }
    write(
        dir,
        "工作案例/“红色引擎”点亮青春航程.docx",
        &common::case_docx("“红色引擎”点亮青春航程", case),
    );
    write(
        dir,
        "工作案例/车辆工程研究生党支部-工作案例.docx",
        &common::case_docx_of(
            "“车言车语”让思政课开进实验室",
            "车辆工程研究生党支部",
            "机械工程学院党委",
            &[
                (
                    "一、背景与起因",
                    "支部党员分布在三个课题组，组织生活难以集中。",
                ),
                (
                    "二、做法与经过",
                    "以实验室为阵地开设“车言车语”微课堂，每月一讲。",
                ),
                (
                    "三、成效与反响",
                    "开讲十次，听众三百余人次，两项成果获校级奖励。",
                ),
                ("四、分析与评价", "把党课搬进实验室，专业与思政相互促进。"),
            ],
        ),
    );
    let summary = common::pack(
        docx_rs::Docx::new()
            .add_paragraph(para("机械本科第二党支部“一对一”学业帮扶结对工程活动总结"))
            .add_paragraph(para(
                "本学期支部组织党员与二十名学业困难同学结成对子，开展集中辅导八次，期末挂科人数减少一半。",
            )),
    );
    write(dir, "活动总结/机械本科第二党支部-活动总结.docx", &summary);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "序号",
        "支部名称",
        "稿件标题",
        "发布平台",
        "平台级别",
        "发布日期",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let articles = [
        (
            "机械本科第一党支部",
            "“红色引擎”微党课走进班级",
            "学校新闻网",
            "校级",
            "2025-11-12",
        ),
        (
            "车辆工程研究生党支部",
            "实验室里的思政课",
            "“支部书济”公众号",
            "校级",
            "2025-12-02",
        ),
    ];
    for (i, (b, t, p, l, d)) in articles.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        for (c, v) in [b, t, p, l, d].iter().enumerate() {
            ws.write_string(r, (c + 1) as u16, **v).unwrap();
        }
    }
    write(
        dir,
        "组织部/新闻稿件登记表.xlsx",
        &wb.save_to_buffer().unwrap(),
    );
}

fn para(text: &str) -> docx_rs::Paragraph {
    docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(text))
}

/// A 结题报告 as a key–value table.
fn closing_report(branch: &str, title: &str, spent: &str) -> Vec<u8> {
    let row = |l: &str, v: &str| docx_rs::TableRow::new(vec![common::cell(l), common::cell(v)]);
    common::pack(
        docx_rs::Docx::new()
            .add_paragraph(para("学生党支部“对标争先”建设项目结题报告"))
            .add_table(docx_rs::Table::new(vec![
                row("项目名称", title),
                row("支部名称", branch),
                row("所属党委", "机械工程学院党委"),
                row("项目完成情况", "按计划完成全部建设内容，详见附件活动记录。"),
                row("已使用经费", spent),
                row("主要成果", "形成可推广的工作方法一项，相关报道两篇。"),
                row("填表日期", "2025年12月15日"),
            ])),
    )
}
