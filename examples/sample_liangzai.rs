//! Writes the sample “两在两同” campaign of the fictional 江南理工大学 into a
//! folder (`scripts/sample-inbox.sh` installs it as `inbox-两在两同/`; its
//! `zhibu.toml` is kept as committed): three branches, 60 members, their
//! 书记项目, members' “四个一” logs in both layouts, a roster and a 双月实事清单.
//!
//! Deliberate mistakes (the sample's zhibu.toml judges on as_of = 2025-12-20):
//! - 机械系教工第一党支部 (row per activity, names merged down): 刘洋 has no
//!   义务劳动; 陈静 has 19.5 hours; 周强's 新生宿舍结对帮扶 is dated 2024 (not
//!   counted: out_of_year, and the kind is missing);
//! - 计算机本科第一党支部 (row per member, committee spelled 中共…委员会):
//!   吴昊 has no 志愿服务; 郑爽 has 16 hours;
//! - 财务处党支部 (row per activity, the branch only in the title, a heading
//!   row): 冯婷 has neither 党(团)课授课 nor 新生宿舍结对帮扶 and 12 hours; its
//!   书记项目 has no 路线图 (missing_field);
//! - the 实事清单: 计算机本科第一党支部's 自习室改造 (due 11月30日, 推进中) and
//!   后勤管理处's 浴室热水改造 (due 10月31日, 未启动) are overdue; 学生工作处's
//!   奖助学金线上申请 finished after its 时限 (late); 机械系教工第一党支部's
//!   实验室安全培训 is 已办结 without a 办结日期 (bad_date).
//!
//! Usage: cargo run --example sample_liangzai -- <dir>

// Only some of the shared builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/members_support.rs"]
mod support;

use std::path::Path;
use support::*;

const SURNAMES: &str = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石";
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚",
    "桂英", "建华", "晓东", "文静", "海燕", "志强", "晨曦", "雨萱", "子涵", "浩然", "思远", "佳怡",
];

/// `n` distinct names, deterministic; the `fixed` ones first.
fn names(n: usize, seed: usize, fixed: &[&str]) -> Vec<String> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let mut out: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    let mut i = seed;
    while out.len() < n {
        let name = format!(
            "{}{}",
            surnames[(i * 7) % surnames.len()],
            GIVEN[(i * 11 + i / 3) % GIVEN.len()]
        );
        if !out.contains(&name) {
            out.push(name);
        }
        i += 1;
    }
    out
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

const KINDS: [&str; 4] = ["党(团)课授课", "志愿服务", "义务劳动", "新生宿舍结对帮扶"];

/// A complete year: the four kinds, spelt the ways branches spell them.
fn year_of(i: usize) -> Vec<Act<'static>> {
    let h = |t: &str| s(t);
    let days = ["2025-03-", "2025年4月", "2025/5/", "2025.9."];
    let d = |k: usize| {
        let day = 3 + (i * 5 + k * 3) % 24;
        match k {
            1 => s(&format!("{}{}日", days[1], day)),
            _ => s(&format!("{}{}", days[k], day)),
        }
    };
    vec![
        Act {
            kind: "党课授课",
            date: d(0),
            hours: h("2"),
            content: "为入党积极分子讲授微党课",
        },
        Act {
            kind: KINDS[1],
            date: d(1),
            hours: h(if i % 3 == 0 { "半天" } else { "6小时" }),
            content: "社区志愿服务",
        },
        Act {
            kind: KINDS[2],
            date: d(2),
            hours: h("4"),
            content: "校园环境整治义务劳动",
        },
        Act {
            kind: KINDS[3],
            date: d(3),
            hours: h(if i % 2 == 0 { "8" } else { "8.5" }),
            content: "走访结对新生宿舍",
        },
        Act {
            kind: KINDS[1],
            date: s("10月18日"),
            hours: h("3.5"),
            content: "运动会志愿服务",
        },
    ]
}

fn mechanical() -> SheetSpec {
    let people = names(20, 3, &["刘洋", "陈静", "周强"]);
    let mut members: Vec<(&str, &str, Vec<Act>)> = Vec::new();
    for (i, n) in people.iter().enumerate() {
        let mut acts = year_of(i);
        match n.as_str() {
            // No 义务劳动: its row is another 志愿服务.
            "刘洋" => {
                acts[2] = Act {
                    kind: KINDS[1],
                    date: s("2025-05-09"),
                    hours: s("4"),
                    content: "图书馆志愿服务",
                }
            }
            // 2 + 4 + 4 + 8 + 1.5 = 19.5.
            "陈静" => {
                acts[1].hours = s("4");
                acts[3].hours = s("8");
                acts[4].hours = s("1.5");
            }
            // The 宿舍 visit is last year's.
            "周强" => acts[3].date = s("2024年12月12日"),
            _ => {}
        }
        members.push((n.as_str(), "机械系教工第一党支部", acts));
    }
    let mut sh = log_by_activity(
        "机械工程学院党委 2025年党员“四个一”活动登记表",
        true,
        &members,
        true,
    );
    sh.rows[1][0] = s("填报单位：机械工程学院党委");
    sh
}

fn computer() -> SheetSpec {
    let people = names(22, 40, &["吴昊", "郑爽"]);
    let rows: Vec<(String, [String; 4], C)> = people
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let kinds = match n.as_str() {
                "吴昊" => ["1", "", "1", "2025-09-20"].map(String::from),
                _ => [
                    "1".to_string(),
                    if i % 2 == 0 {
                        "2次".into()
                    } else {
                        "√".into()
                    },
                    format!("2025-05-{:02}", 1 + i % 28),
                    "1".into(),
                ],
            };
            let hours = match n.as_str() {
                "郑爽" => s("16"),
                _ if i % 4 == 0 => s("24小时"),
                _ => C::N(20.0 + (i % 5) as f64),
            };
            (n.clone(), kinds, hours)
        })
        .collect();
    let borrowed: Vec<(&str, &str, [&str; 4], C)> = rows
        .iter()
        .enumerate()
        .map(|(i, (n, k, h))| {
            // The branch written once, merged down (blank below).
            let branch = if i == 0 {
                "计算机本科第一党支部"
            } else {
                ""
            };
            (
                n.as_str(),
                branch,
                [k[0].as_str(), k[1].as_str(), k[2].as_str(), k[3].as_str()],
                h.clone(),
            )
        })
        .collect();
    let mut sh = log_by_member(
        "2025年党员“四个一”完成情况统计表　填报单位：中共计算机科学与技术学院委员会",
        &borrowed,
    );
    let last = sh.rows.len() as u32 - 1;
    sh.merges.push((3, 2, last, 2));
    sh.texts(&["合计", "", "", "", "", "", "", ""]);
    sh
}

fn finance() -> SheetSpec {
    let people = names(18, 90, &["冯婷"]);
    let mut sh = SheetSpec::new("财务处");
    sh.texts(&["财务处党支部2025年度党员“四个一”登记表"]);
    sh.merges.push((0, 0, 0, 5));
    sh.texts(&["所属党委：机关党委"]);
    sh.texts(&["序号", "姓名", "类型", "日期", "时长", "活动内容"]);
    sh.texts(&["财务处党支部（18人）"]);
    let r = sh.rows.len() as u32 - 1;
    sh.merges.push((r, 0, r, 5));
    let mut n = 0;
    for (i, name) in people.iter().enumerate() {
        let mut acts = year_of(i + 1);
        if name == "冯婷" {
            acts = vec![
                Act {
                    kind: KINDS[1],
                    date: s("2025-04-20"),
                    hours: s("6"),
                    content: "无偿献血志愿服务",
                },
                Act {
                    kind: KINDS[2],
                    date: s("2025-06-06"),
                    hours: s("6"),
                    content: "办公区域整理",
                },
            ];
        }
        for a in acts {
            n += 1;
            // Names written on every row (no merging).
            sh.row(vec![
                C::N(n as f64),
                s(name),
                s(a.kind),
                a.date,
                a.hours,
                s(a.content),
            ]);
        }
    }
    sh.texts(&["注：时长以小时计，半天按4小时计。"]);
    sh
}

fn project(
    (branch, committee, leader): (&str, &str, &str),
    title: &str,
    theme: &str,
    goal: &str,
    roadmap: Option<&str>,
) -> Vec<u8> {
    let leader = format!("{leader}（支部书记）");
    secretary_project(
        &[
            ("支部名称", branch),
            ("所属党委", committee),
            ("党员人数", "20"),
            ("项目主题", theme),
            ("书记项目名称", title),
            ("项目负责人", &leader),
            ("联系电话", "0510-85912345"),
            ("建设目标", goal),
            (
                "预期成效",
                "形成一套可复制、可推广的工作机制，师生满意度明显提升。",
            ),
        ],
        &[
            ("2025年3月", "开展需求调研，排出问题清单"),
            ("2025年4-6月", "分项推进，每月一次支委会督办"),
            ("2025年9-11月", "巩固提升，形成制度"),
            ("2025年12月", "总结评估，报送成果"),
        ],
        roadmap.map(|r| ("路线图", r)),
    )
}

fn todo() -> SheetSpec {
    todo_list(
        "江南理工大学2025年双月实事清单（对账销号表）",
        &[
            (
                "一、1-2月",
                vec![
                    [
                        "后勤管理处",
                        "寒假留校学生年夜饭",
                        "钱进",
                        "2025-02-10",
                        "已办结",
                        "2025-01-28",
                    ],
                    [
                        "计算机本科第一党支部",
                        "寒假返乡安全提醒",
                        "郑爽",
                        "2025-01-15",
                        "已办结",
                        "2025-01-10",
                    ],
                ],
            ),
            (
                "二、3-4月",
                vec![
                    [
                        "机械系教工第一党支部",
                        "实验室安全培训",
                        "刘洋",
                        "2025-04-30",
                        "已办结",
                        "",
                    ],
                    [
                        "学生工作处",
                        "奖助学金线上申请",
                        "孙丽",
                        "2025-04-15",
                        "已办结",
                        "2025-04-25",
                    ],
                ],
            ),
            (
                "三、5-6月",
                vec![
                    [
                        "财务处党支部",
                        "报销“一站式”窗口",
                        "冯婷",
                        "2025年6月30日",
                        "已办结",
                        "2025年6月20日",
                    ],
                    [
                        "后勤管理处",
                        "食堂夜宵窗口",
                        "钱进",
                        "6月底",
                        "已完成",
                        "2025-06-25",
                    ],
                ],
            ),
            (
                "四、7-8月",
                vec![[
                    "机械系教工第一党支部",
                    "暑期科研训练营",
                    "陈静",
                    "2025-08-31",
                    "已办结",
                    "2025-08-20",
                ]],
            ),
            (
                "五、9-10月",
                vec![
                    [
                        "后勤管理处",
                        "浴室热水改造",
                        "钱进",
                        "10月31日",
                        "未启动",
                        "",
                    ],
                    [
                        "财务处党支部",
                        "新生缴费咨询",
                        "冯婷",
                        "2025-09-30",
                        "已办结",
                        "2025-09-28",
                    ],
                ],
            ),
            (
                "六、11-12月",
                vec![
                    [
                        "计算机本科第一党支部",
                        "自习室改造",
                        "吴昊",
                        "2025年11月30日",
                        "推进中",
                        "",
                    ],
                    [
                        "机械系教工第一党支部",
                        "毕业生就业帮扶",
                        "周强",
                        "2025-12-20",
                        "推进中",
                        "",
                    ],
                    [
                        "学生工作处",
                        "冬季困难学生慰问",
                        "孙丽",
                        "2025-12-31",
                        "推进中",
                        "",
                    ],
                ],
            ),
        ],
    )
}

fn roster() -> SheetSpec {
    let mut sh = SheetSpec::new("名册");
    sh.texts(&["“两在两同”建新功行动党支部名册"]);
    sh.merges.push((0, 0, 0, 4));
    sh.texts(&["序号", "所属党委", "支部名称", "支部类型", "书记"]);
    sh.texts(&[
        "1",
        "机械工程学院党委",
        "机械系教工第一党支部",
        "教工",
        "张明",
    ]);
    sh.texts(&[
        "2",
        "计算机科学与技术学院党委",
        "计算机本科第一党支部",
        "学生",
        "黄婷",
    ]);
    sh.texts(&["3", "机关党委", "财务处党支部", "机关", "林芳"]);
    sh
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: sample_liangzai <dir>");
    let dir = Path::new(&dir);
    write(dir, "组织部/支部名册.xlsx", &workbook(&[roster()]));
    write(
        dir,
        "组织部/双月实事清单（汇总）.xlsx",
        &workbook(&[todo()]),
    );
    write(
        dir,
        "机械工程学院/党员四个一登记表.xlsx",
        &workbook(&[mechanical()]),
    );
    write(
        dir,
        "计算机学院/四个一完成情况.xlsx",
        &workbook(&[computer()]),
    );
    write(
        dir,
        "机关党委/财务处党支部-四个一.xlsx",
        &workbook(&[finance()]),
    );
    write(
        dir,
        "机械工程学院/书记项目-机械系教工第一党支部.docx",
        &project(
            ("机械系教工第一党支部", "机械工程学院党委", "张明"),
            "“实验室里的党课”师生共建计划",
            "“四史”学习教育",
            "把党史学习教育搬进实验室，带动青年教师和研究生共同成长。",
            Some(
                "第一步调研需求、组建师生共建小组；第二步每月一次实验室党课；第三步年底评选优秀共建成果。",
            ),
        ),
    );
    write(
        dir,
        "计算机学院/书记项目-计算机本科第一党支部.docx",
        &project(
            ("计算机本科第一党支部", "计算机科学与技术学院党委", "黄婷"),
            "“代码助学”新生学业帮扶",
            "我为群众办实事",
            "党员结对新生宿舍，帮助新生过好程序设计第一关。",
            Some("一是摸清新生需求；二是党员一对一结对；三是期末前集中答疑；四是总结推广。"),
        ),
    );
    write(
        dir,
        "机关党委/书记项目-财务处党支部.docx",
        &project(
            ("财务处党支部", "机关党委", "林芳"),
            "“报销少跑腿”服务提升",
            "我为群众办实事",
            "梳理报销流程堵点，推行线上预约和一次办结。",
            None,
        ),
    );
    println!("sample written to {}", dir.display());
}
