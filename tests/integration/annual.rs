//! Year-end statistics on a fixture with known counts, checked in report.json
//! and in 年度统计.xlsx.

use crate::common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;
use std::process::Command;

#[test]
fn statistics_with_known_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let partners = [
        ("机械系教工第一党支部", "“双带头人”教师党支部"),
        ("惠山社区第三党支部", "校外党支部"),
    ];
    std::fs::write(
        inbox.join("组织部.docx"),
        pairing_docx(
            "党委组织部党支部",
            &partners,
            &["学习讨论", "党课", "主题实践", "调研走访"],
        ),
    )
    .unwrap();
    let partners2 = [
        ("材料系教工党支部", "学院教师党支部"),
        ("某企业党支部", "校外党支部"),
    ];
    std::fs::write(
        inbox.join("财务处.docx"),
        pairing_docx(
            "财务处党支部",
            &partners2,
            &["学习讨论", "党课", "主题实践", "调研走访"],
        ),
    )
    .unwrap();
    let org = "党委组织部党支部";
    let fin = "财务处党支部";
    let rows = [
        (
            "2025-03-05",
            org,
            "机械系教工第一党支部",
            "“双带头人”教师党支部",
            "学习讨论",
        ),
        (
            "2025-03-20",
            org,
            "机械系教工第一党支部",
            "“双带头人”教师党支部",
            "党课",
        ),
        (
            "2025-04-10",
            org,
            "惠山社区第三党支部",
            "校外党支部",
            "主题实践",
        ),
        (
            "2025-06-18",
            org,
            "惠山社区第三党支部",
            "校外党支部",
            "调研走访",
        ),
        (
            "2025-06-30",
            fin,
            "材料系教工党支部",
            "其他教学科研党支部",
            "学习讨论",
        ),
        ("2025-09-12", fin, "某企业党支部", "校外党支部", "志愿服务"),
        ("2025年11月3日", fin, "图书馆党支部", "机关党支部", "其他"),
        ("2024-12-30", fin, "某企业党支部", "校外党支部", "党课"),
    ];
    std::fs::write(inbox.join("活动记录表.xlsx"), activity_xlsx(&rows)).unwrap();
    let outbox = tmp.path().join("outbox");
    let status = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(&outbox)
        .status()
        .unwrap();
    assert!(status.code().is_some());
    let report: Value =
        serde_json::from_slice(&std::fs::read(outbox.join("report.json")).unwrap()).unwrap();
    let s = &report["statistics"];
    assert_eq!(s["activities"], 7, "the 2024 row is not counted");
    let kinds: Vec<(String, u64)> = s["by_partner_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().into(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("“双带头人”教师党支部".into(), 2),
            ("其他教学科研党支部".into(), 1),
            ("机关党支部".into(), 1),
            ("校外党支部".into(), 3),
            ("学生党支部".into(), 0)
        ]
    );
    assert_eq!(
        s["headline"],
        "开展结对共建活动7次，其中与“双带头人”教师党支部书记所在支部共建2次，与其他教学科研党支部共建1次，与机关党支部共建1次，与校外党支部共建3次"
    );
    let by_month = s["by_month"].as_array().unwrap();
    assert_eq!(by_month[2]["count"], 2);
    assert_eq!(by_month[5]["count"], 2);
    let fin_four = s["four_ones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["branch"] == "财务处党支部")
        .unwrap();
    assert_eq!(fin_four["done"], serde_json::json!(["学习讨论"]));
    assert_eq!(
        fin_four["missing"],
        serde_json::json!(["党课", "主题实践", "调研走访"])
    );
    let codes: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"out_of_year"));
    assert!(
        codes.contains(&"unmatched"),
        "图书馆党支部 is no declared partner of 财务处"
    );

    let mut wb: Xlsx<_> = open_workbook(outbox.join("年度统计.xlsx")).unwrap();
    let r = wb.worksheet_range("年度统计").unwrap();
    let cell = |row: u32, col: u32| r.get_value((row, col)).cloned();
    assert_eq!(
        cell(4, 0),
        Some(Data::String("“双带头人”教师党支部".into()))
    );
    assert_eq!(cell(4, 1), Some(Data::Float(2.0)));
    assert_eq!(cell(7, 1), Some(Data::Float(3.0)));
    assert_eq!(cell(9, 0), Some(Data::String("合计".into())));
    assert_eq!(cell(9, 1), Some(Data::Float(7.0)));
    assert!(matches!(cell(1, 0), Some(Data::String(h)) if h.starts_with("开展结对共建活动7次")));

    // The same numbers in 年度总结.pdf: the headline, the partner-kind table
    // (each row: name then count), the incomplete pairing, the total.
    let text = pdf::raw_text(&std::fs::read(outbox.join("年度总结.pdf")).unwrap());
    assert!(
        text.contains(&pdf::squeeze(s["headline"].as_str().unwrap())),
        "{text}"
    );
    for (name, n) in [
        ("“双带头人”教师党支部", 2),
        ("其他教学科研党支部", 1),
        ("机关党支部", 1),
        ("校外党支部", 3),
        ("学生党支部", 0),
        ("合计", 7),
        // by activity kind
        ("学习讨论", 2),
        ("党课", 1),
        ("主题实践", 1),
        ("调研走访", 1),
        ("志愿服务", 1),
        ("其他", 1),
        // by month (only months with activities are listed)
        ("3月", 2),
        ("4月", 1),
        ("6月", 2),
        ("9月", 1),
        ("11月", 1),
        // by committee
        ("机关党委", 7),
    ] {
        assert!(text.contains(&format!("{name}{n}")), "{name}{n} in {text}");
    }
    assert!(
        !text.contains("1月0"),
        "months without activities are left out"
    );
    let by_kind: Vec<u64> = s["by_activity_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .collect();
    assert_eq!(by_kind, [2, 1, 1, 1, 1, 1]);
    assert_eq!(s["by_committee"][0]["name"], "机关党委");
    assert_eq!(s["by_committee"][0]["count"], 7);
    assert!(text.contains("财务处党支部（结对对象：材料系教工党支部、某企业党支部），尚缺：党课、主题实践、调研走访。"), "{text}");
    assert!(
        !text.contains("党委组织部党支部（结对对象"),
        "its “四个一” are complete"
    );

    // One 述职评议材料 per office branch, with its activities by kind and date
    // and the “四个一” marks (planned, done).
    let org =
        pdf::raw_text(&std::fs::read(outbox.join("述职评议材料/党委组织部党支部.pdf")).unwrap());
    assert!(org.contains("学习讨论13月5日"), "kind, count, date: {org}");
    assert!(org.contains("主题实践14月10日"), "{org}");
    assert!(
        org.contains("学习讨论√√党课√√主题实践√√调研走访√√"),
        "{org}"
    );
    assert!(org.contains("书记自评"));
    let fin = pdf::raw_text(&std::fs::read(outbox.join("述职评议材料/财务处党支部.pdf")).unwrap());
    assert!(fin.contains("学习讨论√√党课√×"), "planned, not done: {fin}");
}
