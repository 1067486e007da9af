//! The Typst documents and 立项公示.docx, end to end through the binary:
//! their text is extracted with poppler and checked against the forms.

use crate::common;

use common::pdf::{outline, page_number, pdftotext, raw_text, squeeze};
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every character Typst markup gives a meaning to, and a file read.
const HOSTILE: &str = r#"化工#read("/etc/passwd") $x$ *粗* _斜_ @ref <lab> [链] \ 党支部"#;

struct Campaign {
    _tmp: tempfile::TempDir,
    inbox: PathBuf,
    outbox: PathBuf,
}

fn app(
    branch: &'static str,
    committee: &'static str,
    title: &'static str,
    track: &'static str,
    yuan: &'static str,
) -> App<'static> {
    App {
        fields: vec![
            ("党支部名称", branch),
            ("所属党委", committee),
            ("党员人数", "12"),
            ("申报板块", track),
            ("项目名称", title),
            ("项目负责人", "张明（支部书记）"),
            ("联系电话", "13912345678"),
            ("电子邮箱", "a@b.cn"),
            ("指导老师", "李红"),
            ("申请经费", yuan),
            ("建设目标", "建设目标若干。"),
        ],
        budget: vec![("活动", yuan)],
        plan: vec![("2025年11月", "启动")],
        date_above: Some("2025年10月20日"),
        four: false,
        nested_plan: false,
    }
}

const SECTIONS: [&str; 4] = [
    "一、背景与起因",
    "二、做法与经过",
    "三、成效与反响",
    "四、分析与评价",
];

/// Three applications (one from a branch whose name is Typst markup), a
/// review that approves two of them, and two case write-ups.
fn campaign() -> Campaign {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let put = |name: &str, bytes: Vec<u8>| std::fs::write(inbox.join(name), bytes).unwrap();
    put(
        "zhibu.toml",
        include_bytes!("../fixtures/campaign.toml").to_vec(),
    );
    put(
        "a.docx",
        application_docx(&app(
            "机械本科第一党支部",
            "机械工程学院党委",
            "红色引擎理论学习互助计划",
            "学思践悟·固本强基",
            "5000",
        )),
    );
    put(
        "b.docx",
        application_docx(&app(
            HOSTILE,
            "化工学院党委",
            "化工安全先锋岗",
            "志愿服务·奉献担当",
            "1000",
        )),
    );
    put(
        "c.docx",
        application_docx(&app(
            "计算机本科第二党支部",
            "计算机学院党委",
            "算法互助学习小组",
            "学业互助·成长成才",
            "1000",
        )),
    );
    put(
        "评审结果.xlsx",
        review_xlsx(&[
            [
                "机械工程学院党委",
                "机械本科第一党支部",
                "红色引擎理论学习互助计划",
                "重点项目",
                "4500",
                "",
            ],
            [
                "化工学院党委",
                HOSTILE,
                "化工安全先锋岗",
                "一般项目",
                "1000",
                "",
            ],
            [
                "计算机学院党委",
                "计算机本科第二党支部",
                "算法互助学习小组",
                "不予立项",
                "",
                "材料不全",
            ],
        ]),
    );
    let sections = |extra: &str| -> Vec<(&'static str, String)> {
        SECTIONS
            .iter()
            .map(|h| {
                (
                    *h,
                    format!("支部围绕中心工作开展活动，党员发挥先锋模范作用。{extra}"),
                )
            })
            .collect()
    };
    let s1 = sections("");
    let s1: Vec<(&str, &str)> = s1.iter().map(|(h, b)| (*h, b.as_str())).collect();
    put(
        "案例1.docx",
        case_docx_of(
            "理论学习的红色引擎",
            "机械本科第一党支部",
            "机械工程学院党委",
            &s1,
        ),
    );
    let s2 = sections(HOSTILE);
    let s2: Vec<(&str, &str)> = s2.iter().map(|(h, b)| (*h, b.as_str())).collect();
    put(
        "案例2.docx",
        case_docx_of("安全先锋在身边", HOSTILE, "化工学院党委", &s2),
    );
    let outbox = tmp.path().join("outbox");
    Campaign {
        _tmp: tmp,
        inbox,
        outbox,
    }
}

/// `zhibu run` on the campaign, the publicity period starting 2025-09-26.
fn zhibu(c: &Campaign, extra: &[&str]) -> Output {
    zhibu_from(c, "2025-09-26", extra)
}

fn zhibu_from(c: &Campaign, publicity_from: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--inbox"])
        .arg(&c.inbox)
        .arg("--outbox")
        .arg(&c.outbox)
        .args(["--publicity-from", publicity_from])
        .args(extra)
        .output()
        .unwrap()
}

fn report(outbox: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(outbox.join("report.json")).unwrap()).unwrap()
}

/// The text of a .docx body, paragraphs joined, whitespace squeezed.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.local_name().into_inner() == "t" => in_t = true,
            quick_xml::events::Event::End(e) if e.local_name().into_inner() == "t" => in_t = false,
            quick_xml::events::Event::Text(t) if in_t => text.push_str(&t.xml10_content()),
            quick_xml::events::Event::GeneralRef(r) if in_t => {
                let name = r.xml10_content();
                text.push_str(match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    squeeze(&text)
}

#[test]
fn publicity_lists_exactly_the_approved_projects_and_the_working_day_period() {
    let c = campaign();
    let out = zhibu(&c, &[]);
    assert!(
        out.status.code().is_some_and(|s| s < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(c.outbox.join("立项公示.pdf")).unwrap();
    let text = raw_text(&pdf);
    let docx = docx_text(&c.outbox.join("立项公示.docx"));
    // 26 Sep (Fri), 28 Sep (Sun, make-up day), 29 and 30 Sep, then the
    // National Day and Mid-Autumn holiday to 8 Oct: the 5th working day is 9 Oct.
    let period = squeeze("公示时间：2025年9月26日至2025年10月9日（5个工作日）");
    for (what, t) in [("pdf", &text), ("docx", &docx)] {
        assert!(t.contains(&period), "{what}: {t}");
        assert!(t.contains("重点项目（1项）"), "{what}: {t}");
        assert!(t.contains("一般项目（1项）"), "{what}: {t}");
        assert!(t.contains("红色引擎理论学习互助计划"), "{what}");
        assert!(
            t.contains("4,500"),
            "{what}: the approved, not the requested amount"
        );
        assert!(t.contains("化工安全先锋岗"), "{what}");
        assert!(t.contains(&squeeze(HOSTILE)), "{what}: {t}");
        assert!(
            !t.contains("算法互助学习小组"),
            "{what}: a rejected project is not published"
        );
        assert!(!t.contains("特色项目"), "{what}: no empty level");
        assert!(t.contains("组织科"), "{what}: the contact from the config");
        assert!(t.contains("2025年9月26日"), "{what}: the date of issue");
    }
    let r = report(&c.outbox);
    let levels: Vec<(&str, Option<i64>)> = r["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["level"].as_str().unwrap_or("-"),
                a["approved_fen"].as_i64(),
            )
        })
        .collect();
    assert!(levels.contains(&("重点项目", Some(450_000))), "{levels:?}");
    assert!(levels.contains(&("不予立项", None)), "{levels:?}");
    let outputs: Vec<&str> = r["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    for o in ["立项公示.pdf", "立项公示.docx", "案例汇编.pdf"] {
        assert!(outputs.contains(&o), "{outputs:?}");
    }
}

#[test]
fn case_compilation_has_contents_sections_page_numbers_and_bookmarks() {
    let c = campaign();
    let out = zhibu(&c, &[]);
    assert!(out.status.code().is_some_and(|s| s < 2));
    let pdf = std::fs::read(c.outbox.join("案例汇编.pdf")).unwrap();
    let pages = pdftotext(&pdf);
    let all = squeeze(&pages.concat());
    assert!(all.contains("目录"));
    for title in ["理论学习的红色引擎", "安全先锋在身边"] {
        assert!(
            all.matches(title).count() >= 2,
            "{title} in the contents and as a heading"
        );
    }
    for h in SECTIONS {
        assert_eq!(all.matches(h).count(), 2, "{h} once per case");
    }
    assert!(all.contains(&squeeze(HOSTILE)), "markup printed literally");
    assert!(!all.contains("root:x:0"), "no file was read");
    let numbers: Vec<String> = pages.iter().filter_map(|p| page_number(p)).collect();
    assert!(numbers.contains(&"1".to_string()), "{numbers:?}");
    // Two tracks (from the applications the cases belong to), one case each.
    let marks = outline(&pdf);
    assert_eq!(
        marks,
        vec![
            (1, "学思践悟·固本强基".to_string()),
            (2, "理论学习的红色引擎".to_string()),
            (1, "志愿服务·奉献担当".to_string()),
            (2, "安全先锋在身边".to_string()),
        ]
    );
}

#[test]
fn an_edited_template_changes_the_output_and_a_broken_one_is_reported_with_its_line() {
    let c = campaign();
    let templates = c.inbox.parent().unwrap().join("my-templates");
    std::fs::create_dir_all(&templates).unwrap();
    let default = zhibu::render::typst::default_templates()
        .iter()
        .find(|(n, _)| *n == "publicity.typ")
        .unwrap()
        .1;
    std::fs::write(
        templates.join("publicity.typ"),
        format!("{default}\n#par[本公示经学院修改模板生成。]\n"),
    )
    .unwrap();
    let flag = ["--templates", templates.to_str().unwrap()];
    let out = zhibu(&c, &flag);
    assert!(out.status.code().is_some_and(|s| s < 2));
    let good = std::fs::read(c.outbox.join("立项公示.pdf")).unwrap();
    assert!(raw_text(&good).contains("本公示经学院修改模板生成。"));
    let untouched = std::fs::read(c.outbox.join("案例汇编.pdf")).unwrap();
    assert!(!raw_text(&untouched).contains("修改模板"));

    // Line 3 of the edited template does not parse.
    std::fs::write(
        templates.join("publicity.typ"),
        "#import \"common.typ\": *\n\n#let x = (1, 2\n",
    )
    .unwrap();
    let out = zhibu(&c, &flag);
    assert_eq!(out.status.code(), Some(1), "a template error is an error");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("publicity.typ 第 3 行"), "{stdout}");
    let r = report(&c.outbox);
    let p = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "template")
        .expect("a template problem");
    assert_eq!(p["file"], "templates/publicity.typ");
    assert_eq!(p["location"], "第 3 行");
    assert_eq!(p["severity"], "error");
    // No half-written PDF: the previous one is intact, and no temporary file is left.
    assert_eq!(std::fs::read(c.outbox.join("立项公示.pdf")).unwrap(), good);
    let outputs: Vec<&str> = r["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert!(!outputs.contains(&"立项公示.pdf"));
    assert!(
        outputs.contains(&"案例汇编.pdf"),
        "the other documents are still made"
    );
    for e in walkdir::WalkDir::new(&c.outbox) {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        assert!(!name.ends_with(".tmp"), "{name}");
    }
}

#[test]
fn review_materials_get_safe_file_names_inside_the_outbox() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let nasty = r#"../财务/处:党*支?部"<a>|b\c..党支部"#;
    let partners = [
        ("材料系教工党支部", "学院教师党支部"),
        ("某企业党支部", "校外党支部"),
    ];
    let kinds = ["学习讨论", "党课", "主题实践", "调研走访"];
    std::fs::write(inbox.join("1.docx"), pairing_docx(nasty, &partners, &kinds)).unwrap();
    std::fs::write(
        inbox.join("2.docx"),
        pairing_docx(HOSTILE, &partners, &kinds),
    )
    .unwrap();
    std::fs::write(
        inbox.join("log.xlsx"),
        activity_xlsx(&[
            (
                "2025-03-05",
                nasty,
                "材料系教工党支部",
                "其他教学科研党支部",
                "党课",
            ),
            (
                "2025-04-05",
                HOSTILE,
                "某企业党支部",
                "校外党支部",
                "学习讨论",
            ),
        ]),
    )
    .unwrap();
    let outbox = tmp.path().join("outbox");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(&outbox)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|s| s < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = outbox.join("述职评议材料");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    for n in &names {
        assert!(n.ends_with(".pdf"));
        assert!(
            !n.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{n}"
        );
        assert!(!n.contains(".."), "{n}");
    }
    // Nothing was written outside the outbox.
    let outside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside.len(), 2, "{outside:?}");
    // Each material names its branch literally, its activity and the blank self-assessment.
    let texts: Vec<String> = names
        .iter()
        .map(|n| raw_text(&std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let nasty_doc = texts
        .iter()
        .find(|t| t.contains(&squeeze(nasty)))
        .expect("the nasty branch's material");
    assert!(nasty_doc.contains("党课13月5日"), "{nasty_doc}");
    assert!(nasty_doc.contains("书记自评"));
    let annual = raw_text(&std::fs::read(outbox.join("年度总结.pdf")).unwrap());
    assert!(
        annual.contains(&squeeze(HOSTILE)),
        "the incomplete pairing, literally: {annual}"
    );
    let hostile_doc = texts
        .iter()
        .find(|t| t.contains(&squeeze(HOSTILE)))
        .expect("the hostile branch's material");
    assert!(hostile_doc.contains("学习讨论14月5日"), "{hostile_doc}");
}

#[test]
fn a_period_running_into_a_year_without_holiday_data_is_a_problem_not_a_guess() {
    let c = campaign();
    let out = zhibu_from(&c, "2026-12-28", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!c.outbox.join("立项公示.pdf").exists());
    assert!(!c.outbox.join("立项公示.docx").exists());
    let r = report(&c.outbox);
    let p = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "calendar")
        .expect("a calendar problem");
    let message = p["message"].as_str().unwrap();
    assert!(message.contains("2027 年"), "{message}");
    assert!(
        c.outbox.join("案例汇编.pdf").is_file(),
        "the other documents are still made"
    );

    // With the 2027 New Year day off in a drop-in file beside the config, the period is counted.
    let holidays = c.inbox.join("holidays");
    std::fs::create_dir_all(&holidays).unwrap();
    std::fs::write(
        holidays.join("2027.json"),
        r#"{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#,
    )
    .unwrap();
    std::fs::write(c.inbox.join("zhibu.toml"), zhibu::config::PRESETS[0].2).unwrap();
    let out = zhibu_from(&c, "2026-12-28", &[]);
    assert!(out.status.code().is_some_and(|s| s < 2));
    let text = raw_text(&std::fs::read(c.outbox.join("立项公示.pdf")).unwrap());
    // Mon 28 – Thu 31 Dec, Fri 1 Jan off, Mon 4 Jan.
    assert!(
        text.contains(&squeeze("2026年12月28日至2027年1月4日（5个工作日）")),
        "{text}"
    );
}

#[test]
fn a_case_over_the_length_limit_is_compiled_and_flagged() {
    let c = campaign();
    let long = "支部组织党员深入社区开展志愿服务，帮助群众解决实际困难。".repeat(30);
    let sections: Vec<(&str, &str)> = SECTIONS.iter().map(|h| (*h, long.as_str())).collect();
    std::fs::write(
        c.inbox.join("案例3.docx"),
        case_docx_of(
            "一份很长的案例",
            "计算机本科第二党支部",
            "计算机学院党委",
            &sections,
        ),
    )
    .unwrap();
    let out = zhibu(&c, &[]);
    assert!(out.status.code().is_some_and(|s| s < 2));
    let text = raw_text(&std::fs::read(c.outbox.join("案例汇编.pdf")).unwrap());
    assert!(text.contains("一份很长的案例"));
    let r = report(&c.outbox);
    assert!(
        r["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "case_too_long" && p["branch"] == "计算机本科第二党支部"),
        "{:#?}",
        r["problems"]
    );
}
