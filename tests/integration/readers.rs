//! Each reader on its formats: the same summary sheet as .xlsx (written here),
//! .xls and .ods (committed, made from it by LibreOffice: fixtures/legacy/make.sh).

use crate::common;

use zhibu::config::Config;

/// The fixed campaign the fixtures were made for (its tracks, not a preset's).
fn campaign() -> Config {
    zhibu::config::parse(include_str!("../fixtures/campaign.toml"), "campaign.toml").unwrap()
}
use zhibu::extract;
use zhibu::ingest::{self, Document, Format, Value};
use zhibu::limits::Limits;
use zhibu::model::{Form, SummaryRow};

use common::LEGACY_SUMMARY_ROWS as ROWS;

fn summary_of(bytes: &[u8]) -> (Format, Vec<SummaryRow>) {
    let format = ingest::sniff(bytes);
    let doc = ingest::read(format, bytes, &Limits::default()).expect("readable");
    let ex = extract::extract(&doc, "x", &campaign());
    assert!(ex.problems.is_empty(), "{:#?}", ex.problems);
    match ex.forms.into_iter().next() {
        Some(Form::Summary(rows)) => (format, rows),
        other => panic!("not a summary: {other:?}"),
    }
}

fn assert_rows(rows: &[SummaryRow]) {
    assert_eq!(rows.len(), 2, "合计 and notes rows are not data: {rows:#?}");
    for (r, want) in rows.iter().zip(ROWS) {
        assert_eq!(r.branch, want[0]);
        assert_eq!(r.title, want[1]);
        assert_eq!(r.track, want[2]);
        assert_eq!(r.leader, want[3]);
        assert_eq!(r.requested_fen, Some(want[5].parse::<i64>().unwrap() * 100));
        assert_eq!(
            r.committee, "材料科学与工程学院党委",
            "from the 填报单位 line"
        );
    }
    assert_eq!(
        rows[0].row, 5,
        "1-based sheet row under title, unit line, blank row and header"
    );
}

#[test]
fn xlsx_xls_and_ods_read_alike() {
    let (f, rows) = summary_of(&common::summary_xlsx("材料科学与工程学院党委", &ROWS));
    assert_eq!(f, Format::Xlsx);
    assert_rows(&rows);
    let (f, rows) = summary_of(include_bytes!("../fixtures/legacy/summary.xls"));
    assert_eq!(f, Format::Xls);
    assert_rows(&rows);
    let (f, rows) = summary_of(include_bytes!("../fixtures/legacy/summary.ods"));
    assert_eq!(f, Format::Ods);
    assert_rows(&rows);
}

#[test]
fn merged_title_keeps_only_top_left_value() {
    let bytes = include_bytes!("../fixtures/legacy/summary.xls");
    let Ok(Document::Workbook(wb)) = ingest::read(Format::Xls, bytes, &Limits::default()) else {
        panic!()
    };
    let sheet = &wb.sheets[0];
    assert!(matches!(sheet.get(0, 0), Value::Text(t) if t.contains("申报汇总表")));
    assert_eq!(sheet.get(0, 1), &Value::Empty);
    assert_eq!(sheet.get(4, 6), &Value::Number(3000.0));
}

#[test]
fn dates_as_cells_serials_and_text() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "日期",
        "发起支部",
        "共建支部",
        "共建支部类型",
        "活动类型",
        "活动主题",
        "参加人数",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 5).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 0, &date, &fmt).unwrap();
    ws.write_number(2, 0, 45748.0).unwrap(); // 2025-04-01 as a bare serial
    ws.write_string(3, 0, "2025年5月20日").unwrap();
    for r in 1..4 {
        for (c, v) in [
            "党委组织部党支部",
            "机械系教工第一党支部",
            "学院教师党支部",
            "党课",
            "学习二十届四中全会精神",
            "２５",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(r, (c + 1) as u16, *v).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let doc = ingest::read(Format::Xlsx, &bytes, &Limits::default()).unwrap();
    let ex = extract::extract(&doc, "log.xlsx", &Config::preset("pairing").unwrap());
    let Some(Form::ActivityLog(rows)) = ex.forms.first() else {
        panic!("{:?}", ex.forms)
    };
    let dates: Vec<String> = rows.iter().map(|r| r.date.unwrap().to_string()).collect();
    assert_eq!(dates, ["2025-03-05", "2025-04-01", "2025-05-20"]);
    assert_eq!(rows[0].participants, Some(25));
    assert_eq!(rows[0].kind, "党课");
    assert_eq!(rows[0].partner_kind, "学院教师党支部");
}

/// The fields of an application, as compared between formats.
fn app_fields(bytes: &[u8]) -> (Format, serde_json::Value) {
    let format = ingest::sniff(bytes);
    let doc = ingest::read(format, bytes, &Limits::default()).expect("readable");
    let ex = extract::extract(&doc, "x", &campaign());
    assert!(ex.problems.is_empty(), "{:#?}", ex.problems);
    match ex.forms.into_iter().next() {
        Some(Form::Application(a)) => (format, serde_json::to_value(&*a).unwrap()),
        other => panic!("not an application: {other:?}"),
    }
}

#[test]
fn doc_saved_by_libreoffice_reads_like_its_docx() {
    for (four, doc) in [
        (
            false,
            &include_bytes!("../fixtures/legacy/application2.doc")[..],
        ),
        (
            true,
            &include_bytes!("../fixtures/legacy/application4.doc")[..],
        ),
    ] {
        let (f, from_docx) = app_fields(&common::application_docx(&common::legacy_app(four)));
        assert_eq!(f, Format::Docx);
        let (f, from_doc) = app_fields(doc);
        assert_eq!(f, Format::Doc);
        for (field, value) in from_docx.as_object().unwrap() {
            assert_eq!(&from_doc[field], value, "field {field} (4 columns: {four})");
        }
        assert_eq!(from_doc["requested_fen"], 100_000);
        assert_eq!(from_doc["track"], "志愿服务·奉献担当");
        assert_eq!(from_doc["budget"].as_array().unwrap().len(), 2);
        assert_eq!(from_doc["plan"][1]["time"], "11月");
        assert_eq!(
            from_doc["goals"],
            "党员带头，实验室安全零事故。\n每周开展一次安全巡查。"
        );
    }
}
