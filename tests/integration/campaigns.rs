//! The campaigns as their notices say: the roster (who has sent nothing) and
//! 结项 (what each approved project owes), on real generated files.

use crate::common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use docx_rs::{Docx, Paragraph, Run, Table, TableRow};
use rust_xlsxwriter::Workbook;
use std::path::Path;
use zhibu::config::{self, Config};
use zhibu::pipeline::{self, Outcome};
use zhibu::problem::Code;

fn app_of<'a>(branch: &'a str, committee: &'a str, title: &'a str) -> App<'a> {
    App {
        fields: vec![
            ("支部名称", branch),
            ("所属党委", committee),
            ("党员人数", "15"),
            ("申报板块", "学思践悟"),
            ("项目名称", title),
            ("项目负责人", "王芳（支部书记）"),
            ("联系电话", "13812345678"),
            ("指导老师", "李老师"),
            ("申请经费", "3000"),
            ("建设目标", "建设学习型支部。"),
            ("预期成效", "形成工作法。"),
        ],
        budget: vec![("资料费", "3000")],
        plan: vec![("2025年10月", "启动")],
        date_above: Some("2025年9月20日"),
        four: false,
        nested_plan: true,
    }
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

fn with(preset: &str, extra: &str) -> Config {
    let src = config::PRESETS
        .iter()
        .find(|(n, _, _)| *n == preset)
        .unwrap()
        .2;
    config::parse(&format!("{src}\n{extra}"), preset).unwrap()
}

fn messages(o: &Outcome, code: Code) -> Vec<String> {
    o.problems
        .iter()
        .filter(|p| p.code == code)
        .map(|p| p.message.clone())
        .collect()
}

const ROSTER: [[&str; 4]; 5] = [
    ["机械工程学院党委", "机械本科第一党支部", "学生", "样板支部"],
    ["机械工程学院党委", "机械本科第二党支部", "学生", ""],
    [
        "机械工程学院党委",
        "机械系教工第一党支部",
        "教工",
        "“双带头人”工作室",
    ],
    ["外国语学院党委", "外语本科党支部", "学生", "培育对象"],
    ["机关党委", "财务处党支部", "机关", ""],
];

#[test]
fn roster_names_who_sent_nothing_in_every_mode() {
    let files = vec![
        ("名册.xlsx", roster_xlsx("2025年党支部名册", &ROSTER)),
        (
            "a.docx",
            application_docx(&app_of("机械本科第一党支部", "机械工程学院", "红色引擎")),
        ),
        // A misspelt branch: not on the roster, the nearest entry named.
        (
            "b.docx",
            application_docx(&app_of("外语本科一支部", "外国语学院党委", "译路红心")),
        ),
    ];
    let cases: [(&str, &[&str]); 4] = [
        (
            "all",
            &[
                "机械本科第二党支部",
                "机械系教工第一党支部",
                "外语本科党支部",
                "财务处党支部",
            ],
        ),
        ("student", &["机械本科第二党支部", "外语本科党支部"]),
        ("office", &["财务处党支部"]),
        ("marked", &["机械系教工第一党支部", "外语本科党支部"]),
    ];
    for (mode, missing) in cases {
        let cfg = with(
            "duibiao",
            &format!(
                "[roster]\nrequired = \"{mode}\"\nmarks = [\"样板支部\", \"双带头人\", \"培育对象\"]"
            ),
        );
        let o = analyse(&files, &cfg);
        let got: Vec<&str> = o
            .problems
            .iter()
            .filter(|p| p.code == Code::NotSubmitted)
            .map(|p| p.branch.as_deref().unwrap_or(""))
            .collect();
        let mut want = missing.to_vec();
        want.sort();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        assert_eq!(got_sorted, want, "required = {mode}");
        let status = o.roster.as_ref().unwrap();
        assert_eq!(status.branches, 5);
        assert_eq!(status.required - status.submitted, missing.len(), "{mode}");
    }
    let o = analyse(
        &files,
        &with(
            "duibiao",
            "[roster]\nrequired = \"marked\"\nmarks = [\"培育对象\"]",
        ),
    );
    let p = o
        .problems
        .iter()
        .find(|p| p.code == Code::NotSubmitted)
        .unwrap();
    assert_eq!(
        p.message,
        "名册中的“外语本科党支部”（培育对象）应参加本次活动，但未收到其项目申请表"
    );
    // Under its committee, as the roster spells it, so it reaches that committee's letter.
    assert_eq!(p.committee.as_deref(), Some("外国语学院党委"));
    assert_eq!(
        messages(&o, Code::NotOnRoster),
        [
            "“外语本科一支部”不在支部名册中，名册中最接近的是“外语本科党支部”；请核实支部名称是否写错"
        ]
    );
    // The roster's committee spelling wins over the application's.
    let app = &o.campaign.applications[0].form;
    assert_eq!(app.committee, "机械工程学院党委");
}

/// A 结题报告 as a 2-column key–value table.
fn closing_report_docx(branch: &str, title: &str, spent: &str) -> Vec<u8> {
    let row = |l: &str, v: &str| TableRow::new(vec![cell(l), cell(v)]);
    pack(
        Docx::new()
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("“对标争先”建设项目结题报告")),
            )
            .add_table(Table::new(vec![
                row("项目名称", title),
                row("支部名称", branch),
                row("所属党委", "机械工程学院党委"),
                row("项目完成情况", "按计划完成全部活动。"),
                row("已使用经费", spent),
                row("主要成果", "形成学习手册一本。"),
                row("填表日期", "2025年12月10日"),
            ])),
    )
}

fn summary_docx(branch: &str) -> Vec<u8> {
    pack(
        Docx::new()
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{branch}“对标争先”项目活动总结"))),
            )
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("本学期支部围绕项目开展活动四次。")),
            ),
    )
}

fn articles_xlsx(rows: &[[&str; 3]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "支部名称", "稿件标题", "发布平台", "平台级别"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, [branch, title, level]) in rows.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, *branch).unwrap();
        ws.write_string(r, 2, *title).unwrap();
        ws.write_string(r, 3, "学校官网").unwrap();
        ws.write_string(r, 4, *level).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn closing_finds_every_missing_item_and_no_present_one() {
    let branches = [
        ("机械本科第一党支部", "红色引擎", "重点项目", "5000"),
        ("机械本科第二党支部", "青马读书会", "特色项目", "3000"),
        ("机械本科第三党支部", "学风建设", "一般项目", "1000"),
        ("机械本科第四党支部", "社区聚力", "一般项目", "1000"),
    ];
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut review = Vec::new();
    for (i, (b, t, level, yuan)) in branches.iter().enumerate() {
        files.push((
            format!("申请{i}.docx"),
            application_docx(&app_of(b, "机械工程学院党委", t)),
        ));
        review.push(["机械工程学院党委", *b, *t, *level, *yuan, ""]);
    }
    files.push(("评审.xlsx".into(), review_xlsx(&review)));
    let sections = [
        ("一、背景与起因", "支部党员分散。"),
        ("二、做法与经过", "建立学习小组。"),
        ("三、成效与反响", "成绩提高。"),
        ("四、分析与评价", "经验可推广。"),
    ];
    // 重点: report (spent in words) + case — complete.
    files.push((
        "结题1.docx".into(),
        closing_report_docx("机械本科第一党支部", "红色引擎", "人民币肆仟捌佰元整"),
    ));
    files.push((
        "案例1.docx".into(),
        case_docx_of(
            "红色引擎案例",
            "机械本科第一党支部",
            "机械工程学院党委",
            &sections,
        ),
    ));
    // 特色: report as .doc, spent above the approved 3000; no case.
    files.push((
        "结题2.doc".into(),
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/closing/report.doc"),
        )
        .unwrap(),
    ));
    // 一般 (third): report and summary — complete. 一般 (fourth): summary only.
    files.push((
        "结题3.docx".into(),
        closing_report_docx("机械本科第三党支部", "学风建设", "0.1万"),
    ));
    files.push(("总结3.docx".into(), summary_docx("机械本科第三党支部")));
    files.push(("总结4.docx".into(), summary_docx("机械本科第四党支部")));
    let borrowed: Vec<(&str, Vec<u8>)> =
        files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let o = analyse(&borrowed, &Config::preset("duibiao").unwrap());
    let missing: Vec<(String, String)> = o
        .problems
        .iter()
        .filter(|p| p.code == Code::ClosingMissing)
        .map(|p| (p.branch.clone().unwrap_or_default(), p.message.clone()))
        .collect();
    assert_eq!(
        missing,
        [
            (
                "机械本科第二党支部".to_string(),
                "特色项目“青马读书会”结项时缺少：工作案例".to_string()
            ),
            (
                "机械本科第四党支部".to_string(),
                "一般项目“社区聚力”结项时缺少：结题报告".to_string()
            ),
        ],
        "{:#?}",
        o.problems
    );
    assert_eq!(
        messages(&o, Code::Overspent),
        ["已使用经费 3,200 元，超过核定经费 3,000 元"]
    );
    // Rows in committee, branch order (第三 sorts before 第二 by code point).
    let spent: Vec<(&str, Option<i64>)> = o
        .closing
        .iter()
        .map(|r| (r.branch.as_str(), r.spent_fen))
        .collect();
    assert_eq!(
        spent,
        [
            ("机械本科第一党支部", Some(480_000)),
            ("机械本科第三党支部", Some(100_000)),
            ("机械本科第二党支部", Some(320_000)),
            ("机械本科第四党支部", None)
        ]
    );

    // The outputs: 结项验收表.xlsx read back, and `closing` in report.json.
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    for (n, b) in &files {
        std::fs::create_dir_all(&inbox).unwrap();
        std::fs::write(inbox.join(n), b).unwrap();
    }
    let outbox = tmp.path().join("outbox");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["check", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(&outbox)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(outbox.join("report.json")).unwrap()).unwrap();
    let closing = report["closing"].as_array().unwrap();
    assert_eq!(closing.len(), 4);
    assert_eq!(closing[2]["branch"], "机械本科第二党支部");
    assert_eq!(closing[2]["missing"], serde_json::json!(["工作案例"]));
    assert_eq!(
        closing[2]["required"],
        serde_json::json!(["结题报告", "工作案例"])
    );
    assert_eq!(closing[0]["approved_fen"], 500_000);
    assert!(report.get("roster").is_none());
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(&outbox)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let mut x: Xlsx<_> = calamine::open_workbook(outbox.join("结项验收表.xlsx")).unwrap();
    let sheet = x.worksheet_range("结项验收").unwrap();
    let row = |r: u32| -> Vec<String> {
        (0..12)
            .map(|c| match sheet.get_value((r, c)) {
                Some(Data::String(s)) => s.clone(),
                Some(Data::Float(f)) => f.to_string(),
                _ => String::new(),
            })
            .collect()
    };
    assert_eq!(
        row(4),
        [
            "3",
            "机械工程学院党委",
            "机械本科第二党支部",
            "青马读书会",
            "特色项目",
            "3000",
            "3200",
            "✓",
            "✗",
            "—",
            "0",
            "工作案例"
        ]
    );
    assert_eq!(row(2)[7..10], ["✓", "✓", "—"]);
}

#[test]
fn brand_campaign_counts_articles_at_school_level_or_higher() {
    let cfg = Config::preset("brand").unwrap();
    let mut app = app_of("机械系教工第一党支部", "机械工程学院党委", "匠心铸魂");
    app.fields
        .retain(|(l, _)| !matches!(*l, "申报板块" | "申请经费"));
    app.budget.clear();
    let sections = [
        ("一、背景与起因", "支部党员分散。"),
        ("二、做法与经过", "建立学习小组。"),
        ("三、成效与反响", "成绩提高。"),
        ("四、分析与评价", "经验可推广。"),
    ];
    let review = review_xlsx(&[[
        "机械工程学院党委",
        "机械系教工第一党支部",
        "匠心铸魂",
        "立项",
        "",
        "",
    ]]);
    let articles = articles_xlsx(&[
        ["机械系教工第一党支部", "匠心铸魂启动", "校级"],
        ["机械系教工第一党支部", "学院简讯", "院级"],
    ]);
    let o = analyse(
        &[
            ("a.docx", application_docx(&app)),
            ("评审.xlsx", review),
            (
                "案例.docx",
                case_docx_of(
                    "匠心铸魂",
                    "机械系教工第一党支部",
                    "机械工程学院党委",
                    &sections,
                ),
            ),
            ("稿件.xlsx", articles),
        ],
        &cfg,
    );
    assert_eq!(
        messages(&o, Code::ClosingMissing),
        ["立项“匠心铸魂”结项时缺少：新闻稿件（校级及以上平台 1 篇，应至少 2 篇）"]
    );
    // No tracks and no funding in this notice: neither is a missing field.
    assert!(
        messages(&o, Code::MissingField).is_empty(),
        "{:#?}",
        o.problems
    );
}
