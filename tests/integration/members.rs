//! “两在两同” (notice 004): members' “四个一” in both log layouts, the
//! 书记项目's 路线图, the 双月实事清单 at its `as_of` boundary and the 量化评价,
//! on real generated files.

use crate::members_support::*;
use serde_json::Value;
use std::collections::BTreeMap;
use zhibu::config::{self, Config};
use zhibu::pipeline::{self, Outcome};
use zhibu::problem::Code;

const KINDS: [&str; 4] = ["党(团)课授课", "志愿服务", "义务劳动", "新生宿舍结对帮扶"];

/// The secretary preset for 2025, judged on `as_of`, with `extra` lines of config.
fn cfg(as_of: &str, extra: &str) -> Config {
    cfg_with(as_of, extra, &[])
}

/// [`cfg`] with some text of the preset replaced (`members = 40` → …).
fn cfg_with(as_of: &str, extra: &str, replace: &[(&str, &str)]) -> Config {
    let mut src = config::PRESETS
        .iter()
        .find(|(n, _, _)| *n == "secretary")
        .unwrap()
        .2
        .replace("year = 2021", "year = 2025")
        .replace(
            "# as_of = \"2021-12-31\"",
            &format!("as_of = \"{as_of}\"\n{extra}"),
        );
    for (a, b) in replace {
        assert!(src.contains(a), "{a}");
        src = src.replace(a, b);
    }
    config::parse(&src, "secretary").unwrap()
}

fn analyse(files: &[(&str, Vec<u8>)], cfg: &Config) -> Outcome {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = tmp.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    pipeline::analyse(tmp.path(), cfg, || ())
}

/// name → (missing kinds, hours) of every flagged member.
fn flagged(o: &Outcome) -> BTreeMap<String, (Vec<String>, f64)> {
    let flagged: Vec<&zhibu::problem::Problem> = o
        .problems
        .iter()
        .filter(|p| p.code == Code::MemberFourOnes)
        .collect();
    let out: BTreeMap<String, (Vec<String>, f64)> = o
        .members
        .iter()
        .filter(|m| !m.complete)
        .map(|m| (m.name.clone(), (m.missing.clone(), m.hours)))
        .collect();
    assert_eq!(flagged.len(), out.len(), "one problem per short member");
    for p in flagged {
        assert_eq!(p.severity, zhibu::problem::Severity::Warning, "请核实");
        assert!(p.branch.is_some(), "{p:?}");
    }
    out
}

fn act<'a>(kind: &'a str, date: C, hours: C) -> Act<'a> {
    Act {
        kind,
        date,
        hours,
        content: "",
    }
}

/// Four activities, one of each kind, adding up to `h` hours (the last takes the rest).
fn four(h: f64) -> Vec<Act<'static>> {
    vec![
        act(KINDS[0], s("2025-03-05"), C::N(2.0)),
        act(KINDS[1], s("2025年4月12日"), C::N(4.0)),
        act(KINDS[2], s("5月20日"), C::N(4.0)),
        act(KINDS[3], s("2025/9/10"), C::N(h - 10.0)),
    ]
}

#[test]
fn twenty_hour_boundary_and_every_hours_spelling() {
    let log = log_by_activity(
        "机械教工第一党支部2025年党员“四个一”登记表",
        true,
        &[
            ("王一", "机械教工第一党支部", four(19.5)),
            ("王二", "机械教工第一党支部", four(20.0)),
            ("王三", "机械教工第一党支部", four(20.5)),
            (
                "王四",
                "机械教工第一党支部",
                vec![
                    act("党课", s("2025.3.5"), s("2")),
                    act("志愿服务", C::D(2025, 4, 1), s("2.5")),
                    act("义务劳动", C::N(45_800.0), s("2小时")),
                    act("新生宿舍结对帮扶", s("二〇二五年九月二十七日"), s("半天")),
                    act("志愿服务", s("2025年10月1日"), s("9.5小时")),
                ],
            ),
        ],
        true,
    );
    let o = analyse(
        &[("机械/登记表.xlsx", workbook(&[log]))],
        &cfg("2025-12-31", ""),
    );
    let hours: BTreeMap<&str, f64> = o
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.hours))
        .collect();
    assert_eq!(hours["王一"], 19.5);
    assert_eq!(hours["王二"], 20.0);
    assert_eq!(hours["王三"], 20.5);
    // 2 + 2.5 + 2小时 + 半天 (4) + 9.5 = 20.
    assert_eq!(hours["王四"], 20.0);
    let f = flagged(&o);
    assert_eq!(f.keys().collect::<Vec<_>>(), ["王一"]);
    assert_eq!(f["王一"], (vec![], 19.5));
    let p = o
        .problems
        .iter()
        .find(|p| p.code == Code::MemberFourOnes)
        .unwrap();
    assert!(
        p.message.contains("19.5 小时，不足 20 小时"),
        "{}",
        p.message
    );
    assert_eq!(p.branch.as_deref(), Some("机械教工第一党支部"));
    assert!(
        o.problems
            .iter()
            .all(|p| p.code != Code::BadDate && p.code != Code::BadAmount),
        "{:?}",
        o.problems
    );
}

#[test]
fn member_hours_is_configurable() {
    let log = log_by_activity(
        "登记表",
        true,
        &[("李一", "计算机本科第一党支部", four(16.0))],
        false,
    );
    let c = cfg_with(
        "2025-12-31",
        "",
        &[("member_hours = 20", "member_hours = 16")],
    );
    let o = analyse(&[("a.xlsx", workbook(&[log]))], &c);
    assert!(flagged(&o).is_empty());
}

#[test]
fn out_of_year_rows_do_not_count() {
    let mut acts = four(24.0);
    acts[3].date = s("2024-11-10");
    let log = log_by_activity("登记表", true, &[("赵一", "财务处党支部", acts)], true);
    let o = analyse(&[("a.xlsx", workbook(&[log]))], &cfg("2025-12-31", ""));
    let f = flagged(&o);
    // The 2024 宿舍 row (14 hours) counts neither its kind nor its hours.
    assert_eq!(f["赵一"], (vec![KINDS[3].to_string()], 10.0));
    assert_eq!(
        o.problems
            .iter()
            .filter(|p| p.code == Code::OutOfYear)
            .count(),
        1
    );
}

/// Every combination of the four kinds, one member each: exactly the members
/// missing something are flagged, naming exactly what they miss.
#[test]
fn every_missing_kind_combination() {
    let mut members = Vec::new();
    let names: Vec<String> = (0..16).map(|i| format!("成员{i:02}")).collect();
    for (mask, name) in names.iter().enumerate() {
        let mut acts: Vec<Act> = (0..4)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| act(KINDS[k], s("2025-05-01"), C::N(6.0)))
            .collect();
        // Hours are never the reason: a 时长-only row (type 其他) tops them up.
        acts.push(Act {
            kind: "其他",
            date: s("2025-06-01"),
            hours: C::N(24.0),
            content: "",
        });
        members.push((name.as_str(), "材料本科第一党支部", acts));
    }
    let log = log_by_activity("登记表", true, &members, true);
    let o = analyse(&[("a.xlsx", workbook(&[log]))], &cfg("2025-12-31", ""));
    let f = flagged(&o);
    assert_eq!(o.members.len(), 16);
    for (mask, name) in names.iter().enumerate() {
        let missing: Vec<String> = (0..4)
            .filter(|k| mask & (1 << k) == 0)
            .map(|k| KINDS[k].to_string())
            .collect();
        if missing.is_empty() {
            assert!(!f.contains_key(name), "{name} is complete");
        } else {
            assert_eq!(f[name].0, missing, "{name}");
            let p = o
                .problems
                .iter()
                .find(|p| p.code == Code::MemberFourOnes && p.message.contains(name.as_str()))
                .unwrap();
            assert!(p.message.contains(&missing.join("、")), "{}", p.message);
        }
    }
}

#[test]
fn row_per_member_layout() {
    let log = log_by_member(
        "计算机本科第一党支部党员“四个一”完成情况",
        &[
            (
                "钱一",
                "计算机本科第一党支部",
                ["1", "2次", "√", "2025-10-08"],
                C::N(22.0),
            ),
            (
                "钱二",
                "计算机本科第一党支部",
                ["1", "0", "√", "2024-10-08"],
                s("24小时"),
            ),
            ("钱三", "", ["3月5日、6月1日", "1", "无", "1"], s("18.5")),
            ("钱四", "", ["1", "1", "1", "1"], s("半天")),
        ],
    );
    let o = analyse(&[("b.xlsx", workbook(&[log]))], &cfg("2025-12-31", ""));
    let f = flagged(&o);
    assert_eq!(f.len(), 3, "{f:?}");
    assert_eq!(f["钱二"], (vec![KINDS[1].into(), KINDS[3].into()], 24.0));
    assert_eq!(f["钱三"], (vec![KINDS[2].into()], 18.5));
    assert_eq!(f["钱四"], (vec![], 4.0));
    // A branch merged down (blank cells) is the one above.
    assert!(o.members.iter().all(|m| m.branch == "计算机本科第一党支部"));
    let qian1 = o.members.iter().find(|m| m.name == "钱一").unwrap();
    assert_eq!(qian1.kinds[KINDS[1]], 2);
}

/// Messy layouts: a branch heading row inside the table, the branch only in
/// the title, names repeated on every row, committee spellings, 合计 rows.
#[test]
fn messy_log_and_committee_spellings() {
    let mut sh = SheetSpec::new("Sheet1");
    sh.texts(&["外语教工党支部党员“四个一”登记表（2025年度）"]);
    sh.texts(&["所属党委：中共外国语学院委员会"]);
    sh.texts(&["序号", "党员姓名", "类别", "时间", "时长", "具体内容"]);
    let rows = [
        ("孙一", "党课", "2025-03-01", "3"),
        ("孙一", "志愿服务（社区）", "2025-04-01", "6"),
        ("孙一", "义务劳动", "2025-05-01", "6"),
        ("孙一", "宿舍结对", "2025-09-01", "6"),
        ("孙 二", "团课授课", "2025-03-01", "3"),
        ("孙二", "志愿", "2025-04-01", "3"),
    ];
    for (i, (n, k, d, h)) in rows.iter().enumerate() {
        sh.texts(&[&(i + 1).to_string(), n, k, d, h, "—"]);
    }
    sh.texts(&["小计", "", "", "", "27", ""]);
    let roster = {
        let mut r = SheetSpec::new("名册");
        r.texts(&["序号", "党委", "支部名称", "支部类型", "书记"]);
        r.texts(&["1", "外国语学院党委", "外语教工党支部", "教工", "周某"]);
        r
    };
    let o = analyse(
        &[
            ("x.xlsx", workbook(&[sh])),
            ("名册.xlsx", workbook(&[roster])),
        ],
        &cfg("2025-12-31", ""),
    );
    assert_eq!(o.members.len(), 2, "{:?}", o.members);
    let f = flagged(&o);
    assert_eq!(
        f["孙二"].0,
        vec![KINDS[2].to_string(), KINDS[3].to_string()]
    );
    assert!(!f.contains_key("孙一"));
    for m in &o.members {
        assert_eq!(m.branch, "外语教工党支部");
        assert_eq!(m.committee, "外国语学院党委");
    }
}

fn app(branch: &str, roadmap: Option<(&str, &str)>) -> Vec<u8> {
    secretary_project(
        &[
            ("支部名称", branch),
            ("所属党委", "机械工程学院党委"),
            ("党员人数", "20"),
            ("申报板块", "我为群众办实事"),
            ("书记项目名称", "“一站式”学业帮扶驿站"),
            ("项目负责人", "张明（支部书记）"),
            ("联系电话", "13912345678"),
            ("建设目标", "解决新生学业适应难题。"),
            ("预期成效", "形成可推广的帮扶机制。"),
        ],
        &[
            ("2025年3月", "调研需求"),
            ("2025年5-6月", "开展帮扶"),
            ("2025年11月", "总结"),
        ],
        roadmap,
    )
}

/// A 书记项目 that names only its 支部书记: the secretary leads it
/// (`leader_is_secretary`), so no 项目负责人 is missing; in a campaign
/// without that rule it still is. `项目负责人 | 李华 | 职务 | 支部书记` keeps
/// 支部书记 as the 职务, not as a second label.
#[test]
fn secretary_named_instead_of_a_leader() {
    let only_secretary = |branch| {
        secretary_project(
            &[
                ("支部名称", branch),
                ("所属党委", "机械工程学院党委"),
                ("书记项目名称", "“一站式”学业帮扶驿站"),
                ("支部书记", "张明"),
                ("联系电话", "13912345678"),
                ("建设目标", "解决新生学业适应难题。"),
                ("预期成效", "形成可推广的帮扶机制。"),
            ],
            &[("2025年3月", "调研需求"), ("2025年11月", "总结")],
            Some(("路线图", "三步走。")),
        )
    };
    let four = crate::common::application_docx(&crate::common::App {
        fields: vec![
            ("支部名称", "机械教工第二党支部"),
            ("所属党委", "机械工程学院党委"),
            ("书记项目名称", "“三进”宿舍党建工作站"),
            ("党员人数", "18"),
            ("项目负责人", "李华"),
            ("职务", "支部书记"),
            ("联系电话", "13912345678"),
            ("申报板块", "我为群众办实事"),
            ("建设目标", "宿舍里的党建阵地。"),
            ("预期成效", "每栋楼一个工作站。"),
            ("实施计划", "3月筹建，5月运行。"),
            ("路线图", "先试点，后推广。"),
        ],
        budget: vec![],
        plan: vec![],
        date_above: None,
        four: true,
        nested_plan: false,
    });
    let files = [
        ("a.docx", only_secretary("机械教工第一党支部")),
        ("b.docx", four),
    ];
    let o = analyse(&files, &cfg("2025-12-31", ""));
    let codes: Vec<(&str, Code)> = o
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.code))
        .collect();
    assert!(codes.is_empty(), "{codes:?}");
    let apps: BTreeMap<&str, (&str, &str)> = o
        .campaign
        .applications
        .iter()
        .map(|a| {
            (
                a.file.as_str(),
                (a.form.leader.as_str(), a.form.leader_role.as_str()),
            )
        })
        .collect();
    assert_eq!(apps["a.docx"].0, "张明");
    assert_eq!(apps["b.docx"], ("李华", "支部书记"));

    // Without the rule, the 项目负责人 of a.docx is missing, and only that.
    let strict = cfg_with("2025-12-31", "", &[("leader_is_secretary = true", "")]);
    let o = analyse(&files, &strict);
    let missing: Vec<(&str, &str)> = o
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].0, "a.docx");
    assert!(missing[0].1.contains("项目负责人"), "{}", missing[0].1);
}

#[test]
fn secretary_project_without_roadmap_is_caught() {
    let o = analyse(
        &[
            ("a.docx", app("机械教工第一党支部", None)),
            (
                "b.docx",
                app(
                    "机械教工第二党支部",
                    Some(("路线图", "一是调研，二是建站，三是总结。")),
                ),
            ),
            (
                "c.docx",
                app(
                    "机械教工第三党支部",
                    Some(("工作步骤（路线图）", "三步走。")),
                ),
            ),
            (
                "d.docx",
                app("机械教工第四党支部", Some(("实施路径", "分三阶段推进。"))),
            ),
        ],
        &cfg("2025-12-31", ""),
    );
    let missing: Vec<(&str, &str)> = o
        .problems
        .iter()
        .filter(|p| p.code == Code::MissingField)
        .map(|p| (p.branch.as_deref().unwrap_or(""), p.message.as_str()))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].0, "机械教工第一党支部");
    assert!(missing[0].1.contains("路线图"));
    // The 实施计划 is the 时间表.
    assert!(
        o.campaign
            .applications
            .iter()
            .all(|a| a.form.plan.len() == 3)
    );
}

fn todo_files() -> Vec<(&'static str, Vec<u8>)> {
    let list = todo_list(
        "机械工程学院党委双月实事清单",
        &[
            (
                "一、5-6月",
                vec![
                    [
                        "机械教工第一党支部",
                        "实验室安全培训",
                        "张明",
                        "2025-06-30",
                        "已办结",
                        "2025-06-28",
                    ],
                    [
                        "机械教工第一党支部",
                        "新生学业帮扶",
                        "张明",
                        "7月14日",
                        "推进中",
                        "",
                    ],
                ],
            ),
            (
                "二、7-8月",
                vec![
                    [
                        "机械教工第一党支部",
                        "暑期社区服务",
                        "李华",
                        "2025年7月15日",
                        "推进中",
                        "",
                    ],
                    [
                        "机械教工第二党支部",
                        "校友访谈",
                        "王强",
                        "2025-07-16",
                        "未启动",
                        "",
                    ],
                    [
                        "机械教工第二党支部",
                        "食堂意见收集",
                        "王强",
                        "2025-07-01",
                        "",
                        "",
                    ],
                    [
                        "学院办公室",
                        "办公用房调整",
                        "赵敏",
                        "2025-07-10",
                        "已完成",
                        "2025-07-12",
                    ],
                ],
            ),
        ],
    );
    vec![("实事清单.xlsx", workbook(&[list]))]
}

#[test]
fn overdue_at_the_as_of_boundary() {
    let o = analyse(&todo_files(), &cfg("2025-07-15", ""));
    let overdue: Vec<&str> = o
        .todo
        .iter()
        .filter(|t| t.overdue)
        .map(|t| t.item.as_str())
        .collect();
    // Due the day before as_of: overdue; due on as_of or after: not yet.
    assert_eq!(overdue, ["新生学业帮扶", "食堂意见收集"]);
    let problems: Vec<(&str, &str)> = o
        .problems
        .iter()
        .filter(|p| p.code == Code::OverdueItem)
        .map(|p| (p.branch.as_deref().unwrap_or(""), p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].0, "机械教工第一党支部");
    assert!(
        o.problems
            .iter()
            .filter(|p| p.code == Code::OverdueItem)
            .all(|p| p.severity == zhibu::problem::Severity::Error)
    );
    // Finished after its 时限: late, not overdue.
    assert!(
        o.problems
            .iter()
            .any(|p| p.code == Code::Late && p.message.contains("办公用房调整"))
    );
    // Periods from the heading rows.
    assert_eq!(o.todo[0].period, "5–6月");
    assert_eq!(o.todo[2].period, "7–8月");
    // One day later the item due on as_of is overdue too.
    let o = analyse(&todo_files(), &cfg("2025-07-16", ""));
    assert_eq!(o.todo.iter().filter(|t| t.overdue).count(), 3);
}

#[test]
fn score_table_with_known_weights() {
    // 一支部: project complete; members 1 of 2 complete; todo 1 of 2 due on time.
    // 二支部: project without 路线图; its one member complete; no item due.
    // 三支部: no project; its member short; its one item done on time.
    let log = log_by_activity(
        "登记表",
        true,
        &[
            ("甲", "机械教工第一党支部", four(20.0)),
            ("乙", "机械教工第一党支部", four(12.0)),
            ("丙", "机械教工第二党支部", four(30.0)),
            ("丁", "机械教工第三党支部", four(10.5)),
        ],
        true,
    );
    let list = todo_list(
        "实事清单",
        &[(
            "",
            vec![
                [
                    "机械教工第一党支部",
                    "事项一",
                    "甲",
                    "2025-06-30",
                    "已办结",
                    "2025-06-01",
                ],
                [
                    "机械教工第一党支部",
                    "事项二",
                    "甲",
                    "2025-06-30",
                    "推进中",
                    "",
                ],
                [
                    "机械教工第二党支部",
                    "事项三",
                    "丙",
                    "2025-12-30",
                    "推进中",
                    "",
                ],
                [
                    "机械教工第三党支部",
                    "事项四",
                    "丁",
                    "2025-12-30",
                    "已办结",
                    "2025-07-01",
                ],
            ],
        )],
    );
    let c = cfg("2025-07-15", "");
    let o = analyse(
        &[
            (
                "a.docx",
                app("机械教工第一党支部", Some(("路线图", "三步走。"))),
            ),
            ("b.docx", app("机械教工第二党支部", None)),
            ("log.xlsx", workbook(&[log])),
            ("todo.xlsx", workbook(&[list])),
        ],
        &c,
    );
    let scores: Vec<(usize, &str, f64)> = o
        .scores
        .iter()
        .map(|s| (s.rank, s.branch.as_str(), s.score))
        .collect();
    // (10 + 20 + 40 × 1/2 + 30 × 1/2) / 100 = 65;  (10 + 0 + 40) / 70 = 71.4;  30 / 100 = 30.
    assert_eq!(
        scores,
        [
            (1, "机械教工第二党支部", 71.4),
            (2, "机械教工第一党支部", 65.0),
            (3, "机械教工第三党支部", 30.0)
        ]
    );
    // Other weights: members' completion not counted.
    let c2 = cfg_with("2025-07-15", "", &[("members = 40", "members = 0")]);
    let o = analyse(
        &[
            (
                "a.docx",
                app("机械教工第一党支部", Some(("路线图", "三步走。"))),
            ),
            (
                "todo.xlsx",
                workbook(&[todo_list(
                    "实事清单",
                    &[(
                        "",
                        vec![[
                            "机械教工第一党支部",
                            "事项一",
                            "甲",
                            "2025-06-30",
                            "已办结",
                            "2025-06-01",
                        ]],
                    )],
                )]),
            ),
            (
                "log.xlsx",
                workbook(&[log_by_activity(
                    "登记表",
                    true,
                    &[("甲", "机械教工第一党支部", four(2.0))],
                    false,
                )]),
            ),
        ],
        &c2,
    );
    assert_eq!(o.scores[0].score, 100.0);
}

/// The outputs of a run: the members' workbook, the ledger, report.json keys.
#[test]
fn outputs_and_report_keys() {
    let log = log_by_activity(
        "登记表",
        true,
        &[
            ("甲", "机械教工第一党支部", four(20.0)),
            ("乙", "机械教工第一党支部", four(12.0)),
        ],
        true,
    );
    let mut files = todo_files();
    files.push(("log.xlsx", workbook(&[log])));
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for (n, b) in &files {
        std::fs::create_dir_all(&inbox).unwrap();
        std::fs::write(inbox.join(n), b).unwrap();
    }
    let c = cfg("2025-07-15", "");
    let o = pipeline::analyse(&inbox, &c, || ());
    let out = tmp.path().join("outbox");
    let report = pipeline::render_all(&o, &c, &out, false, None).unwrap();
    let json: Value = serde_json::to_value(&report).unwrap();
    let members = json["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    for key in ["name", "branch", "hours", "kinds", "complete"] {
        assert!(members[0].get(key).is_some(), "{key}");
    }
    assert_eq!(members[1]["complete"], false);
    assert_eq!(members[0]["kinds"][KINDS[3]], 1);
    let todo = json["todo"].as_array().unwrap();
    for key in ["unit", "item", "due", "status", "overdue"] {
        assert!(todo[0].get(key).is_some(), "{key}");
    }
    assert_eq!(todo.iter().filter(|t| t["overdue"] == true).count(), 2);
    for f in [
        "党员“四个一”完成情况.xlsx",
        "实事清单台账.xlsx",
        "年度统计.xlsx",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let kinds: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"member_log") && kinds.contains(&"todo_list"),
        "{kinds:?}"
    );
    // The members' workbook: a summary sheet, then a sheet per branch.
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("党员“四个一”完成情况.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["汇总", "机械教工第一党支部"]);
    let sheet = wb.worksheet_range("机械教工第一党支部").unwrap();
    let text: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(text.contains(&"否".to_string()) && text.contains(&"✓".to_string()));
    // Same input, same bytes.
    let first = std::fs::read(out.join("党员“四个一”完成情况.xlsx")).unwrap();
    pipeline::render_all(&o, &c, &out, false, None).unwrap();
    assert_eq!(
        first,
        std::fs::read(out.join("党员“四个一”完成情况.xlsx")).unwrap()
    );
}

/// `zhibu init --preset secretary`: the 书记项目 form with its 路线图, the
/// members' log in both layouts and the 实事清单 — each read back as what it is.
#[test]
fn init_secretary_writes_the_blank_forms() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("活动");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["init", "--preset", "secretary"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = config::parse(
        &std::fs::read_to_string(dir.join("zhibu.toml")).unwrap(),
        "t",
    )
    .unwrap();
    let kind_of = |name: &str| {
        let r = pipeline::read_file(&dir, &dir.join(name), &c);
        zhibu::extract::kind_of(&r.forms).map(|k| k.as_str())
    };
    assert_eq!(
        kind_of("附件5 党员“四个一”登记表（按活动登记）.xlsx"),
        Some("member_log")
    );
    assert_eq!(
        kind_of("附件6 党员“四个一”登记表（按党员汇总）.xlsx"),
        Some("member_log")
    );
    assert_eq!(kind_of("附件7 双月实事清单.xlsx"), Some("todo_list"));
    let app = std::fs::read(dir.join("附件1 项目申请表.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(app)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("路线图") && xml.contains("实施计划"));
    // Other campaigns get none of them.
    let tmp2 = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["init", "--preset", "duibiao"])
        .arg(tmp2.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!tmp2.path().join("附件7 双月实事清单.xlsx").exists());
}

/// More layouts branches use: a kind heading merged over `次数 | 时长`, two
/// columns of one kind, a member listed with nothing, a log with no 类型
/// column (the kind in the content), a 实事清单 with `完成时间` as its 时限,
/// its period merged down and the 办结日期 written in the state.
#[test]
fn grouped_headers_and_kindless_logs() {
    let mut sh = SheetSpec::new("机械系教工第一党支部");
    sh.texts(&[
        "姓名",
        "党课",
        "",
        "志愿服务",
        "",
        "义务劳动",
        "",
        "新生宿舍结对帮扶",
        "",
        "团课",
    ]);
    sh.texts(&[
        "", "次数", "时长", "次数", "时长", "次数", "时长", "次数", "时长", "次数",
    ]);
    sh.texts(&["甲", "0", "0", "1", "6", "1", "6", "1", "6", "1"]);
    sh.texts(&["乙", "1", "2", "1", "6", "", "", "1", "6", ""]);
    sh.merges = vec![
        (0, 1, 0, 2),
        (0, 3, 0, 4),
        (0, 5, 0, 6),
        (0, 7, 0, 8),
        (0, 0, 1, 0),
    ];
    let mut plain = SheetSpec::new("财务处党支部");
    plain.texts(&["姓名", "日期", "时长", "活动内容"]);
    plain.texts(&["丙", "2025-03-01", "6", "讲授微党课"]);
    plain.texts(&["丙", "2025-04-01", "6", "社区志愿服务"]);
    plain.texts(&["丙", "2025-05-01", "6", "校园义务劳动"]);
    plain.texts(&["丙", "2025-09-01", "6", "新生宿舍结对帮扶走访"]);
    plain.texts(&["丁", "", "", ""]);
    let mut todo = SheetSpec::new("实事");
    todo.texts(&["双月", "单位", "实事项目", "完成时间", "进展情况"]);
    todo.texts(&[
        "1-2月",
        "财务处党支部",
        "事项甲",
        "2025-02-20",
        "已办结（2025年2月18日）",
    ]);
    todo.texts(&["", "财务处党支部", "事项乙", "2025-02-28", "推进中"]);
    todo.merges = vec![(1, 0, 2, 0)];
    let o = analyse(
        &[
            ("a.xlsx", workbook(&[sh, plain])),
            ("t.xlsx", workbook(&[todo])),
        ],
        &cfg("2025-07-15", ""),
    );
    let f = flagged(&o);
    // 甲: 党课 0 but 团课 1 — complete, 18 hours short of 20 though.
    assert_eq!(f["甲"], (vec![], 18.0));
    assert_eq!(f["乙"], (vec![KINDS[2].to_string()], 14.0));
    assert!(!f.contains_key("丙"), "{f:?}");
    assert_eq!(f["丁"].0.len(), 4);
    let items: Vec<(&str, bool, &str)> = o
        .todo
        .iter()
        .map(|t| (t.item.as_str(), t.overdue, t.period.as_str()))
        .collect();
    assert_eq!(
        items,
        [("事项甲", false, "1–2月"), ("事项乙", true, "1–2月")]
    );
    assert!(o.todo[0].on_time);
    assert!(
        o.problems.iter().all(|p| p.code != Code::BadDate),
        "{:?}",
        o.problems
    );
}

/// A workbook with the detail (row per activity) and its own summary (row per
/// member) counts each member once, from the detail.
#[test]
fn detail_and_summary_sheets_in_one_file_count_once() {
    let detail = log_by_activity(
        "登记表",
        true,
        &[
            ("甲", "财务处党支部", four(12.0)),
            ("乙", "财务处党支部", four(24.0)),
        ],
        true,
    );
    let summary = log_by_member(
        "汇总",
        &[
            ("甲", "财务处党支部", ["1", "1", "1", "1"], C::N(12.0)),
            ("乙", "财务处党支部", ["1", "1", "1", "1"], C::N(24.0)),
        ],
    );
    let mut summary = summary;
    summary.name = "汇总".into();
    let mut noise = SheetSpec::new("说明");
    noise.texts(&["姓名", "类型", "时长"]);
    noise.texts(&["本支部共20人", "", ""]);
    let o = analyse(
        &[("a.xlsx", workbook(&[detail, summary, noise]))],
        &cfg("2025-12-31", ""),
    );
    let f = flagged(&o);
    assert_eq!(f.len(), 1);
    assert_eq!(f["甲"], (vec![], 12.0));
    assert_eq!(o.members.len(), 2);
}
