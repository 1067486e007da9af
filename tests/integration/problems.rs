//! Every problem code triggered by a real generated file, and absent from a
//! clean one.

use crate::common;

use common::*;
use std::io::Write;
use std::path::Path;
use zhibu::config::Config;
use zhibu::pipeline;
use zhibu::problem::{Code, Problem};

fn base_app<'a>() -> App<'a> {
    App {
        fields: vec![
            ("支部名称", "外语本科第一党支部"),
            ("所在学院", "外国语学院党委"),
            ("党员人数", "12"),
            ("申报板块", "先锋领航·校园善治"),
            ("项目名称", "“译”路红心：红色文献外译学习行动"),
            ("项目负责人", "陈静"),
            ("职务", "支部书记"),
            ("联系电话", "13770001234"),
            ("电子邮箱", "chenjing@jnlg.edu.cn"),
            ("指导老师", "孙伟"),
            ("申请经费", "2000"),
            (
                "建设目标",
                "组织党员翻译红色经典文献，提升理论素养与专业能力。",
            ),
            ("预期成效", "完成译文集一部，开展宣讲四场。"),
        ],
        budget: vec![("资料费", "800"), ("印刷费", "1200")],
        plan: vec![("2025年10月", "组建翻译小组")],
        date_above: Some("2025年9月20日"),
        four: false,
        nested_plan: true,
    }
}

fn set<'a>(app: &mut App<'a>, label: &str, value: &'a str) {
    match app.fields.iter_mut().find(|(l, _)| *l == label) {
        Some(f) => f.1 = value,
        None => panic!("no field {label}"),
    }
}

fn analyse_with(files: &[(&str, Vec<u8>)], cfg: &Config) -> Vec<Problem> {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = tmp.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    pipeline::analyse(tmp.path(), cfg, || ()).problems
}

fn analyse(files: &[(&str, Vec<u8>)]) -> Vec<Problem> {
    analyse_with(files, &Config::preset("duibiao").unwrap())
}

fn find(problems: &[Problem], code: Code) -> &Problem {
    problems
        .iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("{code:?} not in {problems:#?}"))
}

fn has(problems: &[Problem], code: Code) -> bool {
    problems.iter().any(|p| p.code == code)
}

#[test]
fn clean_application_has_no_field_problems() {
    let problems = analyse(&[("a.docx", application_docx(&base_app()))]);
    let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
    // Alone in the inbox it is on no summary sheet; nothing else is wrong.
    assert_eq!(codes, [Code::NotOnSummary], "{problems:#?}");
}

#[test]
fn field_values_that_cannot_be_normalised() {
    let mut app = base_app();
    set(&mut app, "电子邮箱", "chenjing@");
    set(&mut app, "申请经费", "约两千");
    set(&mut app, "联系电话", "12345");
    set(&mut app, "申报板块", "先锋引领·校园");
    app.date_above = Some("下周一");
    let p = analyse(&[("a.docx", application_docx(&app))]);
    assert!(find(&p, Code::BadEmail).message.contains("chenjing@"));
    assert!(find(&p, Code::BadAmount).message.contains("约两千"));
    assert!(has(&p, Code::BadPhone));
    assert!(find(&p, Code::BadDate).message.contains("下周一"));
    let track = find(&p, Code::UnknownTrack);
    assert!(
        track.message.contains("最接近的是“先锋领航·校园善治”"),
        "{}",
        track.message
    );
    assert_eq!(track.location, "表格1 第4行（申报板块）");
    assert_eq!(track.branch.as_deref(), Some("外语本科第一党支部"));
}

#[test]
fn rules_of_an_application() {
    let mut app = base_app();
    set(&mut app, "党员人数", "2");
    set(&mut app, "职务", "组织委员");
    set(&mut app, "申请经费", "6000");
    set(
        &mut app,
        "项目名称",
        "以“三全育人”理念为引领推动外语学科党建与业务深度融合的红色文献翻译与国际传播实践探索项目",
    );
    app.fields
        .retain(|(l, _)| *l != "指导老师" && *l != "预期成效");
    app.budget = vec![("资料费", "6000")];
    app.date_above = Some("2025年11月3日");
    let p = analyse(&[("a.docx", application_docx(&app))]);
    assert!(find(&p, Code::MembersTooFew).message.contains("2 人"));
    assert!(find(&p, Code::LeaderRole).message.contains("组织委员"));
    assert_eq!(
        find(&p, Code::OverCap).message,
        "申请经费 6,000 元，超过本次活动的最高额度 5,000 元"
    );
    assert!(has(&p, Code::TitleTooLong));
    assert!(has(&p, Code::MissingAdvisor));
    assert_eq!(
        find(&p, Code::MissingField).message,
        "必填项“预期成效”未填写"
    );
    assert!(find(&p, Code::Late).message.contains("2025-09-27"));
    assert!(!has(&p, Code::BudgetMismatch));
}

#[test]
fn one_project_per_branch_and_similar_text() {
    let a = base_app();
    let mut b = base_app();
    set(&mut b, "项目名称", "外语角党员志愿服务");
    let mut c = base_app();
    set(&mut c, "支部名称", "外语研究生党支部");
    set(&mut c, "项目名称", "研究生红色翻译工作坊");
    let long = "组织党员系统学习党的创新理论，围绕红色经典文献开展翻译实践，每月举办一次译稿研讨会，邀请专业教师指导，形成译文集并在校内外开展宣讲，以专业所长讲好中国故事，推动理论学习与专业实践深度融合。";
    for app in [&mut b, &mut c] {
        set(app, "建设目标", long);
        set(app, "预期成效", long);
    }
    b.date_above = Some("2025年9月21日");
    // The committee's summary sheet lists both projects of one branch.
    let summary = summary_xlsx(
        "外国语学院党委",
        &[
            [
                "外语本科第一党支部",
                "“译”路红心：红色文献外译学习行动",
                "先锋领航",
                "陈静",
                "13770001234",
                "2000",
            ],
            [
                "外语本科第一党支部",
                "外语角党员志愿服务",
                "先锋领航",
                "陈静",
                "13770001234",
                "2000",
            ],
            [
                "外语研究生党支部",
                "研究生红色翻译工作坊",
                "先锋领航",
                "陈静",
                "13770001234",
                "2000",
            ],
        ],
    );
    let p = analyse(&[
        ("a.docx", application_docx(&a)),
        ("b.docx", application_docx(&b)),
        ("c.docx", application_docx(&c)),
        ("汇总.xlsx", summary),
    ]);
    // The newer application of a branch replaces the older, whatever its title.
    let old = find(&p, Code::Superseded);
    assert_eq!(old.file, "a.docx");
    assert!(
        old.message
            .contains("本文件为““译”路红心：红色文献外译学习行动”，新版本为“外语角党员志愿服务”"),
        "{}",
        old.message
    );
    let dup = find(&p, Code::DuplicateProject);
    assert_eq!(dup.branch.as_deref(), Some("外语本科第一党支部"));
    assert_eq!(dup.file, "汇总.xlsx");
    let sim = find(&p, Code::SimilarText);
    assert!(
        sim.message.contains("b.docx") || sim.file == "b.docx",
        "{sim:?}"
    );
}

#[test]
fn pairing_rules() {
    let good = pairing_docx(
        "党委组织部党支部",
        &[
            ("机械系教工第一党支部", "学院教师党支部"),
            ("惠山社区党委第三支部", "校外党支部"),
        ],
        &["学习讨论", "党课", "主题实践", "调研走访"],
    );
    let p = analyse(&[("good.docx", good)]);
    assert!(p.is_empty(), "{p:#?}");
    let two_external = pairing_docx(
        "财务处党支部",
        &[
            ("会计系教工党支部", "“双带头人”教师党支部"),
            ("某银行党支部", "校外党支部"),
            ("某社区党支部", "校外党支部"),
        ],
        &["学习讨论", "党课", "主题实践"],
    );
    let p = analyse(&[("bad.docx", two_external)]);
    assert!(
        find(&p, Code::PartnerRule)
            .message
            .contains("校外党支部 2 个")
    );
    assert_eq!(
        find(&p, Code::FourOnesIncomplete).message,
        "“四个一”计划缺少：调研走访"
    );
}

#[test]
fn case_rules() {
    let sections = [
        ("一、背景与起因", "支部党员分散在多个实验室。"),
        ("（二）做法与经过", "建立学习小组。"),
        ("3.成效与反响", "成绩提高。"),
        ("分析与评价：", "经验可推广。"),
    ];
    let p = analyse(&[("case.docx", case_docx("“红色引擎”点亮青春航程", &sections))]);
    assert!(p.is_empty(), "{p:#?}");
    let long_text = "支部坚持把理论学习与专业实践结合起来。".repeat(140);
    let long = [
        ("一、背景与起因", long_text.as_str()),
        ("二、做法与经过", "略。"),
        ("三、成效与反响", "略。"),
    ];
    let p = analyse(&[("case.docx", case_docx("超长案例", &long))]);
    assert!(find(&p, Code::CaseTooLong).message.contains("超过 2500 字"));
    assert_eq!(
        find(&p, Code::CaseMissingSection).message,
        "缺少“分析与评价”部分"
    );
}

#[test]
fn hostile_and_damaged_files() {
    // Encrypted OOXML: a compound file holding EncryptionInfo and EncryptedPackage.
    let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    cfb.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0u8; 64])
        .unwrap();
    cfb.flush().unwrap();
    let encrypted = cfb.into_inner().into_inner();
    // One cell in XFD1048576.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "序号").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let far = wb.save_to_buffer().unwrap();
    let p = analyse(&[
        ("加密.xlsx", encrypted),
        ("远端单元格.xlsx", far),
        ("garbage.doc", b"\xD0\xCF\x11\xE0 not really".to_vec()),
    ]);
    assert!(
        p.iter()
            .any(|x| x.code == Code::EncryptedFile && x.file == "加密.xlsx"),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|x| x.code == Code::TooLarge && x.file == "远端单元格.xlsx"),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|x| x.code == Code::CorruptFile && x.file == "garbage.doc"),
        "{p:#?}"
    );
}

#[test]
fn zip_bomb_is_refused_before_inflating() {
    let mut cfg = Config::preset("duibiao").unwrap();
    cfg.limits.max_unzipped_mb = 1;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        let spaces = vec![b' '; 3 * 1024 * 1024];
        zip.write_all(&spaces).unwrap();
        zip.finish().unwrap();
    }
    let p = analyse_with(&[("bomb.docx", buf.into_inner())], &cfg);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, Code::TooLarge);
}

#[test]
fn inbox_is_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join("a.docx"), application_docx(&base_app())).unwrap();
    let cfg = Config::preset("duibiao").unwrap();
    let outcome = pipeline::analyse(&inbox, &cfg, || ());
    pipeline::render_all(&outcome, &cfg, &tmp.path().join("outbox"), false, None).unwrap();
    let names: Vec<String> = std::fs::read_dir(&inbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.docx"]);
    assert!(Path::new(&tmp.path().join("outbox/申报汇总表.xlsx")).is_file());
}

fn zip_of(names: &[String]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for n in names {
        w.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"x").unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_zip_without_its_document_is_damaged_and_one_over_the_entry_limit_too_large() {
    let no_document = zip_of(&["word/styles.xml".to_string()]);
    let p = analyse(&[("申请表.docx", no_document)]);
    assert_eq!(find(&p, Code::CorruptFile).file, "申请表.docx");
    assert!(!has(&p, Code::WrongExtension), "{p:#?}");
    let many: Vec<String> = (0..5001).map(|i| format!("part{i}.xml")).collect();
    let p = analyse(&[("汇总表.xlsx", zip_of(&many))]);
    assert!(find(&p, Code::TooLarge).message.contains("5001"), "{p:#?}");
}
