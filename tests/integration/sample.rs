//! The committed sample campaign: every deliberate mistake is found, nothing
//! else, and the inbox is left byte for byte as it was.

use crate::common;

use common::pdf::{outline, raw_text, squeeze};
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;

/// Run the binary on a committed sample folder: exit status, report.json and
/// its problems as sorted (code, branch) pairs.
fn run_sample(
    inbox: &std::path::Path,
    outbox: &std::path::Path,
) -> (i32, Value, Vec<(String, String)>) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--inbox"])
        .arg(inbox)
        .arg("--outbox")
        .arg(outbox)
        .output()
        .unwrap();
    let report: Value =
        serde_json::from_slice(&std::fs::read(outbox.join("report.json")).unwrap()).unwrap();
    let mut problems: Vec<(String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_string(),
                p["branch"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    problems.sort();
    (out.status.code().unwrap_or(-1), report, problems)
}

#[test]
fn sample_inbox_produces_the_intended_problem_list() {
    let inbox = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox");
    let before: BTreeMap<_, _> = walkdir::WalkDir::new(&inbox)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let (code, report, problems) = run_sample(&inbox, tmp.path());
    assert_eq!(code, 1);
    assert_eq!(report["totals"]["applications"], 14);
    assert_eq!(report["totals"]["requested_fen"], 3_500_000);
    assert_eq!(
        report["totals"]["by_committee"].as_object().unwrap().len(),
        4
    );
    let expected: Vec<(String, String)> = [
        ("bad_phone", "外语研究生党支部"),
        ("budget_mismatch", "机械2023级研究生党支部"),
        ("four_ones_incomplete", "财务处党支部"),
        ("late", "计算机本科第二党支部"),
        ("missing_advisor", "计算机本科第二党支部"),
        ("not_on_summary", "外语研究生党支部"),
        ("not_submitted", "机械本科第三党支部"),
        ("not_submitted", "材料本科第三党支部"),
        ("not_submitted", "计算机研究生第二党支部"),
        ("out_of_year", "财务处党支部"),
        ("partner_rule", "财务处党支部"),
        ("summary_without_application", "材料本科第三党支部"),
        ("superseded", "材料本科第二党支部"),
        ("unrecognised", ""),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(problems, expected);
    let kinds: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "application").count(), 15);
    let docs = report["applications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["source"].as_str().unwrap().ends_with(".doc"))
        .count();
    assert_eq!(docs, 3, "the .doc applications are in the outputs");
    for f in [
        "申报汇总表.xlsx",
        "评审表.xlsx",
        "问题清单.xlsx",
        "年度统计.xlsx",
    ] {
        assert!(tmp.path().join(f).is_file(), "{f}");
    }
    // The documents: the review sheet in the inbox approves 12 projects.
    let notice = raw_text(&std::fs::read(tmp.path().join("立项公示.pdf")).unwrap());
    assert!(
        notice.contains(&squeeze(
            "公示时间：2025年11月10日至2025年11月14日（5个工作日）"
        )),
        "{notice}"
    );
    assert!(
        notice.contains("拟立项12个项目（重点项目2项，特色项目5项，一般项目5项）"),
        "{notice}"
    );
    assert!(
        !notice.contains("算法互助学习小组"),
        "不予立项 is not published"
    );
    let cases = std::fs::read(tmp.path().join("案例汇编.pdf")).unwrap();
    let marks = outline(&cases);
    assert_eq!(
        marks.iter().filter(|(depth, _)| *depth == 1).count(),
        4,
        "{marks:?}"
    );
    assert_eq!(
        marks.iter().filter(|(depth, _)| *depth == 2).count(),
        4,
        "{marks:?}"
    );
    let annual = raw_text(&std::fs::read(tmp.path().join("年度总结.pdf")).unwrap());
    let headline = report["statistics"]["headline"].as_str().unwrap();
    assert!(annual.contains(&squeeze(headline)), "{annual}");
    let materials: Vec<String> = std::fs::read_dir(tmp.path().join("述职评议材料"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(materials.len(), 3, "{materials:?}");
    for f in ["立项公示.docx", "述职评议材料/财务处党支部.pdf"] {
        assert!(tmp.path().join(f).is_file(), "{f}");
    }
    let after: BTreeMap<_, _> = walkdir::WalkDir::new(&inbox)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    assert!(before == after, "the inbox is unchanged");
}

#[test]
fn closing_sample_finds_its_two_gaps() {
    let inbox = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox-结项");
    let tmp = tempfile::tempdir().unwrap();
    let (code, report, problems) = run_sample(&inbox, tmp.path());
    assert_eq!(code, 1);
    assert_eq!(
        problems,
        [
            // The application's own mistake, still there at 结项.
            ("budget_mismatch", "机械2023级研究生党支部"),
            ("closing_missing", "机械2023级研究生党支部"),
            ("overspent", "车辆工程研究生党支部"),
        ]
        .map(|(c, b)| (c.to_string(), b.to_string()))
    );
    assert_eq!(report["closing"].as_array().unwrap().len(), 4);
    assert!(tmp.path().join("结项验收表.xlsx").is_file());
}

/// The “两在两同” sample (examples/sample_liangzai.rs): exactly its six short
/// members, its two overdue items and the 书记项目 without 路线图, and every
/// output of that campaign.
#[test]
fn liangzai_sample_finds_its_mistakes() {
    let inbox = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox-两在两同");
    let tmp = tempfile::tempdir().unwrap();
    let (code, report, problems) = run_sample(&inbox, tmp.path());
    assert_eq!(code, 1);
    let expected: Vec<(String, String)> = [
        ("bad_date", "机械系教工第一党支部"),
        ("late", ""),
        ("member_four_ones", "机械系教工第一党支部"),
        ("member_four_ones", "机械系教工第一党支部"),
        ("member_four_ones", "机械系教工第一党支部"),
        ("member_four_ones", "计算机本科第一党支部"),
        ("member_four_ones", "计算机本科第一党支部"),
        ("member_four_ones", "财务处党支部"),
        ("missing_field", "财务处党支部"),
        ("out_of_year", "机械系教工第一党支部"),
        ("overdue_item", ""),
        ("overdue_item", "计算机本科第一党支部"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(problems, expected);
    let members = report["members"].as_array().unwrap();
    assert_eq!(members.len(), 60);
    let mut short: Vec<(String, Vec<String>)> = members
        .iter()
        .filter(|m| m["complete"] == false)
        .map(|m| {
            let missing = m["missing"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap().to_string())
                .collect();
            (m["name"].as_str().unwrap().to_string(), missing)
        })
        .collect();
    short.sort();
    let want: Vec<(String, Vec<String>)> = [
        ("冯婷", vec!["党(团)课授课", "新生宿舍结对帮扶"]),
        ("刘洋", vec!["义务劳动"]),
        ("吴昊", vec!["志愿服务"]),
        ("周强", vec!["新生宿舍结对帮扶"]),
        ("郑爽", vec![]),
        ("陈静", vec![]),
    ]
    .iter()
    .map(|(n, k)| (n.to_string(), k.iter().map(|x| x.to_string()).collect()))
    .collect();
    assert_eq!(short, want);
    let overdue: Vec<&str> = report["todo"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["overdue"] == true)
        .map(|t| t["item"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["浴室热水改造", "自习室改造"]);
    // Committee spellings unified to the roster's.
    assert!(members.iter().all(|m| {
        ["机械工程学院党委", "计算机科学与技术学院党委", "机关党委"]
            .contains(&m["committee"].as_str().unwrap())
    }));
    assert_eq!(report["scores"].as_array().unwrap().len(), 3);
    for f in [
        "党员“四个一”完成情况.xlsx",
        "实事清单台账.xlsx",
        "年度统计.xlsx",
        "年度总结.pdf",
        "问题清单.xlsx",
    ] {
        assert!(tmp.path().join(f).is_file(), "{f}");
    }
    let annual = raw_text(&std::fs::read(tmp.path().join("年度总结.pdf")).unwrap());
    for heading in ["党员“四个一”完成情况", "双月实事清单办理情况", "量化评价"]
    {
        assert!(annual.contains(&squeeze(heading)), "{heading}: {annual}");
    }
}
