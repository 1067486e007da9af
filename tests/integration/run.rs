//! End to end: the binary on a fixture inbox of real generated files.

use crate::common;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn clean_app<'a>(branch: &'a str, title: &'a str, requested: &'a str) -> App<'a> {
    App {
        fields: vec![
            ("党支部名称", branch),
            ("所属党委", "机械工程学院党委"),
            ("党员人数", "18"),
            ("申报板块", "学思践悟"),
            ("项目名称", title),
            ("项目负责人", "张明（支部书记）"),
            ("联系电话", "13912345678"),
            ("电子邮箱", "zhangming@jnlg.edu.cn"),
            ("指导老师", "李红"),
            ("申请经费", requested),
            ("建设目标", "建设一支学习型党支部，带动全班学业进步。"),
            ("预期成效", "形成可推广的学业帮扶机制。"),
        ],
        budget: vec![("资料印制", "1000"), ("活动场地", "2000")],
        plan: vec![("2025年10月", "启动学习小组"), ("11-12月", "开展结对帮扶")],
        date_above: Some("2025年10月20日"),
        four: false,
        nested_plan: true,
    }
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn hash_tree(dir: &Path) -> BTreeMap<String, (String, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            let mtime = e.metadata().unwrap().modified().unwrap();
            (
                e.path().display().to_string(),
                (zhibu::render::sha256_hex(&bytes), mtime),
            )
        })
        .collect()
}

fn run(inbox: &Path, outbox: &Path) -> (i32, Value) {
    // A fixed campaign, so the tests do not follow the presets' notices.
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/campaign.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--config", config, "--inbox"])
        .arg(inbox)
        .arg("--outbox")
        .arg(outbox)
        .output()
        .unwrap();
    let report: Value =
        serde_json::from_slice(&std::fs::read(outbox.join("report.json")).unwrap()).unwrap();
    (out.status.code().unwrap(), report)
}

fn codes(report: &Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn messy_inbox_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let outbox = tmp.path().join("outbox");
    write(
        &inbox,
        "机械学院/机械本科一支部-申请表.docx",
        &application_docx(&clean_app(
            "机械本科第一党支部",
            "“红色引擎”学业互助计划",
            "3000元",
        )),
    );
    // Budget 1000+2000 = 3000 ≠ 0.35万; a student branch without 指导老师.
    let mut bad = clean_app("机械2023级研究生党支部", "“科研先锋”青年突击队", "0.35万");
    bad.fields.retain(|(l, _)| *l != "指导老师");
    write(&inbox, "机械学院/研究生支部.docx", &application_docx(&bad));
    // 4-column layout, a 10-digit phone, listed on no summary sheet, 叁仟元.
    let mut four = clean_app("机械本科第二党支部", "“青马工程”理论宣讲团", "叁仟元");
    four.four = true;
    four.fields[6] = ("联系电话", "1391234567");
    write(&inbox, "第二支部.docx", &application_docx(&four));
    write(
        &inbox,
        "机械学院/附件2 汇总表.xlsx",
        &summary_xlsx(
            "机械工程学院党委",
            &[
                [
                    "机械本科第一党支部",
                    "“红色引擎”学业互助计划",
                    "学思践悟·固本强基",
                    "张明",
                    "13912345678",
                    "3000",
                ],
                [
                    "机械2023级研究生党支部",
                    "“科研先锋”青年突击队",
                    "学思践悟·固本强基",
                    "张明",
                    "13912345678",
                    "3500",
                ],
                [
                    "机械本科第三党支部",
                    "从未收到的项目",
                    "红色领航·铸魂育人",
                    "赵六",
                    "13900000000",
                    "1000",
                ],
            ],
        ),
    );
    write(
        &inbox,
        "损坏的申请表.docx",
        b"PK\x03\x04 this is not really a zip file",
    );
    write(&inbox, "空文件.xlsx", b"");
    write(&inbox, "说明.txt", "请各学院按时报送。".as_bytes());
    write(&inbox, "~$机械本科一支部-申请表.docx", b"lock");
    // An xlsx saved under a .xls name.
    write(
        &inbox,
        "改名的汇总表.xls",
        &summary_xlsx("材料学院党委", &[]),
    );

    let before = hash_tree(&inbox);
    let (code, report) = run(&inbox, &outbox);
    assert_eq!(hash_tree(&inbox), before, "the inbox is unchanged");
    assert_eq!(code, 1, "error-level problems → exit 1");

    // Totals: three applications, 3000 + 3500 + 3000 yuan.
    assert_eq!(report["totals"]["applications"], 3);
    assert_eq!(report["totals"]["requested_fen"], 950_000);
    assert_eq!(report["totals"]["by_committee"]["机械工程学院党委"], 3);
    assert_eq!(report["totals"]["by_track"]["学思践悟·固本强基"], 3);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 8, "the lock file is skipped: {files:#?}");
    let status = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| (f["kind"].clone(), f["status"].clone()))
            .unwrap()
    };
    assert_eq!(
        status("机械本科一支部-申请表.docx"),
        (Value::from("application"), Value::from("ok"))
    );
    assert_eq!(status("损坏的申请表.docx").1, "rejected");
    assert_eq!(status("空文件.xlsx").1, "rejected");
    assert_eq!(status("说明.txt").0, "unrecognised");
    assert_eq!(status("附件2 汇总表.xlsx").0, "summary");

    let codes = codes(&report);
    for expected in [
        "budget_mismatch",
        "missing_advisor",
        "bad_phone",
        "not_on_summary",
        "summary_without_application",
        "corrupt_file",
        "empty_file",
        "unrecognised",
        "wrong_extension",
    ] {
        assert!(
            codes.contains(&expected.to_string()),
            "{expected} missing from {codes:?}"
        );
    }
    let mismatch = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "budget_mismatch")
        .unwrap();
    assert_eq!(
        mismatch["message"],
        "经费预算明细合计 3,000 元，与申请经费 3,500 元不一致"
    );
    assert_eq!(mismatch["branch"], "机械2023级研究生党支部");
    assert!(mismatch["location"].as_str().unwrap().contains("表格1"));
    let clean_file_problems: Vec<_> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == "机械学院/机械本科一支部-申请表.docx")
        .collect();
    assert!(clean_file_problems.is_empty(), "{clean_file_problems:#?}");

    // 申报汇总表.xlsx read back.
    let mut wb: Xlsx<_> = open_workbook(outbox.join("申报汇总表.xlsx")).unwrap();
    let range = wb.worksheet_range("申报汇总表").unwrap();
    assert_eq!(
        range.get_value((1, 9)),
        Some(&Data::String("申请经费(元)".into()))
    );
    let amounts: Vec<f64> = (2..5)
        .map(|r| range.get_value((r, 9)).unwrap().as_f64().unwrap())
        .collect();
    assert_eq!(amounts.iter().sum::<f64>(), 9500.0);
    assert_eq!(range.get_value((5, 0)), Some(&Data::String("合计".into())));
    assert_eq!(
        range.get_value((5, 9)).unwrap().as_f64(),
        Some(9500.0),
        "the SUM result is stored"
    );
    let formulas = wb.worksheet_formula("申报汇总表").unwrap();
    assert_eq!(
        formulas.get_value((5, 9)).map(String::as_str),
        Some("SUM(J3:J5)")
    );
    assert!(wb.sheet_names().contains(&"按学院统计".to_string()));
    assert!(outbox.join("问题清单.xlsx").is_file());
    assert!(outbox.join("评审表.xlsx").is_file());
    let letter = std::fs::read_to_string(outbox.join("退回修改/机械工程学院党委.txt")).unwrap();
    assert!(letter.contains("经费预算明细合计 3,000 元"), "{letter}");
    let outputs: Vec<&str> = report["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert!(outputs.contains(&"申报汇总表.xlsx"));
}

#[test]
fn clean_inbox_has_no_errors_and_exit_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let outbox = tmp.path().join("outbox");
    write(
        &inbox,
        "a.docx",
        &application_docx(&clean_app(
            "机械本科第一党支部",
            "“红色引擎”学业互助计划",
            "3,000",
        )),
    );
    write(
        &inbox,
        "b.xlsx",
        &summary_xlsx(
            "机械工程学院党委",
            &[[
                "机械本科第一党支部",
                "“红色引擎”学业互助计划",
                "学思践悟·固本强基",
                "张明",
                "13912345678",
                "3000",
            ]],
        ),
    );
    let (code, report) = run(&inbox, &outbox);
    assert_eq!(code, 0, "{:#?}", report["problems"]);
    assert!(codes(&report).is_empty(), "{:?}", codes(&report));
    assert_eq!(report["applications"][0]["requested_fen"], 300_000);
    assert_eq!(report["applications"][0]["track"], "学思践悟·固本强基");
    assert_eq!(report["applications"][0]["advisor"], "李红");
    assert_eq!(report["applications"][0]["leader"], "张明");
}

#[test]
fn resubmission_supersedes_and_review_flows_back() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let outbox = tmp.path().join("outbox");
    let mut old = clean_app("机械本科第一党支部", "“红色引擎”学业互助计划", "3000");
    old.date_above = Some("2025年10月10日");
    write(&inbox, "旧版.docx", &application_docx(&old));
    write(
        &inbox,
        "新版.docx",
        &application_docx(&clean_app(
            "机械本科第一党支部",
            "“红色引擎”学业互助计划（修改稿）",
            "3000",
        )),
    );
    write(
        &inbox,
        "b.xlsx",
        &summary_xlsx(
            "机械工程学院党委",
            &[[
                "机械本科第一党支部",
                "“红色引擎”学业互助计划",
                "学思践悟·固本强基",
                "张明",
                "13912345678",
                "3000",
            ]],
        ),
    );
    let (_, report) = run(&inbox, &outbox);
    let old_entry = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "旧版.docx")
        .unwrap();
    assert_eq!(old_entry["status"], "superseded");
    assert_eq!(old_entry["superseded_by"], "新版.docx");
    assert_eq!(report["totals"]["applications"], 1);
    assert!(codes(&report).contains(&"superseded".to_string()));

    // The review sheet zhibu wrote, filled in by the department and dropped back.
    let review_bytes = std::fs::read(outbox.join("评审表.xlsx")).unwrap();
    let mut review: Xlsx<_> = Xlsx::new(std::io::Cursor::new(review_bytes)).unwrap();
    let r = review.worksheet_range("评审表").unwrap();
    assert_eq!(
        r.get_value((2, 2)),
        Some(&Data::String("机械本科第一党支部".into()))
    );
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "序号",
        "学院",
        "支部名称",
        "项目名称",
        "评审等级",
        "核定经费",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "1",
        "机械工程学院党委",
        "机械本科第一党支部",
        "“红色引擎”学业互助计划（修改稿）",
        "特色项目",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    ws.write_number(1, 5, 3500.0).unwrap();
    for (c, v) in ["2", "外国语学院党委", "不存在的支部", "某项目", "一般项目"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *v).unwrap();
    }
    write(&inbox, "评审结果.xlsx", &wb.save_to_buffer().unwrap());
    let (_, report) = run(&inbox, &outbox);
    assert_eq!(report["applications"][0]["level"], "特色项目");
    assert_eq!(report["applications"][0]["approved_fen"], 350_000);
    let problems = report["problems"].as_array().unwrap();
    let over = problems
        .iter()
        .find(|p| p["code"] == "over_cap")
        .expect("3500 > 特色项目 cap 3000");
    assert!(over["message"].as_str().unwrap().contains("3,000"));
    let more = problems
        .iter()
        .find(|p| p["code"] == "approved_over_requested")
        .expect("3500 approved > 3000 requested");
    assert_eq!(more["severity"], "warning");
    assert_eq!(
        more["message"],
        "核定经费 3,500 元，多于该支部申请的 3,000 元，请核实"
    );
    assert!(problems.iter().any(
        |p| p["code"] == "unmatched" && p["message"].as_str().unwrap().contains("不存在的支部")
    ));
}

#[test]
fn one_committee_one_name_and_cases_under_their_branch_track() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let outbox = tmp.path().join("outbox");
    let mut first = clean_app("机械本科第一党支部", "“红色引擎”学业互助计划", "3000");
    first.fields[1] = ("所属党委", "中共机械工程学院委员会");
    let mut second = clean_app("机械本科第二党支部", "青马读书会", "3000");
    second.fields[1] = ("所属党委", "机械工程学院党总支");
    second.fields.retain(|(l, _)| *l != "指导老师");
    write(&inbox, "a.docx", &application_docx(&first));
    write(&inbox, "b.docx", &application_docx(&second));
    write(
        &inbox,
        "汇总.xlsx",
        &summary_xlsx(
            "机械工程学院",
            &[
                [
                    "机械本科第一党支部",
                    "“红色引擎”学业互助计划",
                    "学思践悟",
                    "张明",
                    "13912345678",
                    "3000",
                ],
                [
                    "机械本科第二党支部",
                    "青马读书会",
                    "学思践悟",
                    "张明",
                    "13912345678",
                    "3000",
                ],
            ],
        ),
    );
    // The case names its branch with the committee in front and no committee.
    let sections = [
        ("一、背景与起因", "支部党员分散在各个实验室。"),
        ("二、做法与经过", "建立学习小组，每周研讨。"),
        ("三、成效与反响", "成绩提高，经验在学院推广。"),
        ("四、分析与评价", "以专业促党建，可复制。"),
    ];
    write(
        &inbox,
        "案例.docx",
        &case_docx_of(
            "学业互助的红色引擎",
            "机械工程学院机械本科第一支部",
            "",
            &sections,
        ),
    );
    write(
        &inbox,
        "共建.docx",
        &pairing_docx(
            "党委组织部党支部",
            &[
                ("机械系教工第一党支部", "学院教师党支部"),
                ("惠山社区党委第三支部", "校外党支部"),
            ],
            &["学习讨论", "党课", "主题实践", "调研走访"],
        ),
    );
    let (_, report) = run(&inbox, &outbox);
    // The summary sheet's spelling names the committee everywhere.
    let by_committee = report["totals"]["by_committee"].as_object().unwrap();
    assert_eq!(by_committee.len(), 1, "{by_committee:?}");
    assert_eq!(by_committee["机械工程学院"], 2);
    for p in report["problems"].as_array().unwrap() {
        if let Some(c) = p["committee"].as_str() {
            assert!(c == "机械工程学院" || c == "机关党委", "{p}");
        }
    }
    let advisor = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "missing_advisor")
        .expect("the second branch has no advisor");
    assert_eq!(advisor["committee"], "机械工程学院");
    let letters: Vec<String> = std::fs::read_dir(outbox.join("退回修改"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(letters, ["机械工程学院.txt"]);
    // The case sits under its branch's track, not under 其他案例.
    let pdf = std::fs::read(outbox.join("案例汇编.pdf")).unwrap();
    let outline: Vec<String> = common::pdf::outline(&pdf)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(outline, ["学思践悟·固本强基", "学业互助的红色引擎"]);
    // What was read of the pairing table, without opening a PDF.
    let pairing = &report["pairings"][0];
    assert_eq!(pairing["branch"], "党委组织部党支部");
    assert_eq!(pairing["partners"][1]["name"], "惠山社区党委第三支部");
    assert_eq!(pairing["partners"][1]["kind"], "校外党支部");
    assert_eq!(
        pairing["plan_kinds"],
        serde_json::json!(["学习讨论", "党课", "主题实践", "调研走访"])
    );
}
