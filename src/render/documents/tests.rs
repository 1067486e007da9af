//! The templates compiled with the data their builders make: each test
//! builds the document's real data struct, so a field renamed in Rust or in
//! a template fails here.

use super::*;
use crate::render::members::{AnnualSections, ChartBar, MembersSection, TodoSection};
use crate::render::publicity::{Notice, NoticeLevel, NoticePeriod, NoticeProject};
use crate::render::typst::{default_templates, shared_for_tests as typst, test_pdf::*};
use std::path::PathBuf;
use std::process::Command;

const HOSTILE: &str = r#"#read("/etc/passwd") $x$ *a* _b_ @c <d> [e] \f"#;

fn campaign() -> CampaignInfo {
    CampaignInfo {
        name: "2025年秋季学生党支部“对标争先”建设".into(),
        organiser: "中共某某大学委员会组织部".into(),
        school: "某某大学".into(),
        year: 2025,
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

fn case(title: &str, n: usize) -> CaseEntry {
    let para = s(
        "支部坚持把政治建设摆在首位，围绕学院中心工作，组织党员骨干结对帮扶学业困难学生，形成“一帮一、多帮一”的帮扶机制，取得了较好成效。",
    );
    let section = |heading: &str, paragraphs: Vec<String>| CaseSectionEntry {
        heading: s(heading),
        paragraphs,
    };
    CaseEntry {
        title: s(title),
        branch: s("化学系本科生第一党支部"),
        committee: s("化学学院党委"),
        author: s("张三"),
        too_long: false,
        chars: 1800,
        sections: vec![
            section("一、背景与起因", vec![para.clone(), s(HOSTILE)]),
            section("二、主要做法", vec![para.clone(); n]),
            section("三、成效与反响", vec![para.clone()]),
            section("四、经验与启示", vec![para]),
        ],
    }
}

fn case_data() -> CaseCompilation {
    CaseCompilation {
        campaign: campaign(),
        date: s("2025年12月1日"),
        tracks: vec![
            CaseTrack {
                name: s("学业帮扶"),
                cases: vec![case("“一帮一”结对助学案例", 12), case(HOSTILE, 2)],
            },
            CaseTrack {
                name: s("志愿服务"),
                cases: vec![case("社区志愿服务进楼栋", 3)],
            },
        ],
    }
}

fn publicity_data(n: usize) -> Notice {
    let project = |i: usize| NoticeProject {
        no: i,
        committee: s("化学学院党委"),
        branch: s("化学系本科生第一党支部"),
        title: if i == 2 {
            s(HOSTILE)
        } else {
            format!("党建引领学风建设项目{i}")
        },
        track: s("学业帮扶"),
        leader: s("李四"),
        approved: s("5,000"),
    };
    Notice {
        campaign: campaign(),
        title: s("关于2025年秋季学生党支部“对标争先”建设项目立项名单的公示"),
        intro: format!(
            "经支部申报、学院党委推荐、专家评审，拟确定以下项目为建设项目，现予以公示。{HOSTILE}"
        ),
        levels: vec![
            NoticeLevel {
                name: s("重点项目"),
                projects: (1..=n).map(project).collect(),
            },
            NoticeLevel {
                name: s("培育项目"),
                projects: vec![],
            },
        ],
        period: NoticePeriod {
            from: s("2025年9月26日"),
            to: s("2025年10月9日"),
            working_days: 5,
        },
        contact: s("党委组织部组织科，电话 010-12345678"),
        organiser: s("中共某某大学委员会组织部"),
        date: s("2025年9月25日"),
    }
}

fn counts(pairs: &[(&str, usize)]) -> Vec<Count> {
    pairs
        .iter()
        .map(|(n, c)| Count {
            name: s(n),
            count: *c,
        })
        .collect()
}

fn no_sections() -> AnnualSections {
    AnnualSections {
        pairing: true,
        members: None,
        todo: None,
        scores_note: None,
        scores: None,
    }
}

fn annual_data() -> Annual {
    Annual {
        campaign: campaign(),
        date: s("2025年12月31日"),
        headline: format!("全年共结对 42 对，开展活动 180 次。{HOSTILE}"),
        by_partner_kind: counts(&[
            ("机关党支部", 20),
            ("社区党组织", 12),
            ("企业党组织", 7),
            (HOSTILE, 3),
        ]),
        by_activity_kind: counts(&[("学习讨论", 80), ("主题党日", 60)]),
        by_committee: counts(&[("化学学院党委", 30), ("物理学院党委", 12)]),
        by_month: counts(&[("1月", 3), ("2月", 0), ("3月", 25)]),
        incomplete_pairings: vec![IncompletePairing {
            branch: s("物理系研究生党支部"),
            partner: s("某社区党委"),
            missing: vec![s("联合活动"), s(HOSTILE)],
        }],
        projects_by_level: vec![LevelFunds {
            level: s("重点项目"),
            count: 5,
            requested: s("50,000"),
            approved: s("25,000"),
        }],
        sections: no_sections(),
    }
}

fn review_data() -> ReviewMaterial {
    ReviewMaterial {
        campaign: campaign(),
        date: s("2025年12月20日"),
        branch: s("党委组织部党支部"),
        committee: s("机关党委"),
        secretary: s("王五"),
        pairings: vec![PartnerEntry {
            partner: s("化学系本科生第一党支部"),
            partner_kind: s("学生党支部"),
        }],
        four_ones: vec![
            FourOneEntry {
                kind: s("学习讨论"),
                planned: true,
                done: true,
            },
            FourOneEntry {
                kind: s("联合活动"),
                planned: true,
                done: false,
            },
        ],
        activities: vec![KindDates {
            kind: s(HOSTILE),
            count: 2,
            dates: vec![s("3月5日"), s("4月9日")],
        }],
        projects: vec![ProjectEntry {
            title: s("机关支部结对共建项目"),
            level: None,
            requested: Some(s("3,000")),
            approved: None,
        }],
    }
}

/// The data of each template with every list empty.
fn empty_data(template: &str) -> Value {
    match template {
        "case_compilation.typ" => json(&CaseCompilation {
            tracks: vec![],
            ..case_data()
        }),
        "publicity.typ" => json(&Notice {
            title: s("公示"),
            intro: s(""),
            levels: vec![],
            period: NoticePeriod {
                from: s(""),
                to: s(""),
                working_days: 0,
            },
            contact: s(""),
            organiser: s(""),
            date: s(""),
            campaign: campaign(),
        }),
        "annual.typ" => json(&Annual {
            date: s(""),
            headline: s(""),
            by_partner_kind: vec![],
            by_activity_kind: vec![],
            by_committee: vec![],
            by_month: vec![],
            incomplete_pairings: vec![],
            projects_by_level: vec![],
            ..annual_data()
        }),
        "review_material.typ" => json(&ReviewMaterial {
            date: s(""),
            branch: s("某支部"),
            committee: s(""),
            secretary: s(""),
            pairings: vec![],
            four_ones: vec![],
            activities: vec![],
            projects: vec![],
            ..review_data()
        }),
        _ => unreachable!(),
    }
}

fn json(data: &impl Serialize) -> Value {
    serde_json::to_value(data).unwrap()
}

fn compile(template: &str, data: &impl Serialize) -> Vec<u8> {
    let data = json(data);
    match typst().compile_pdf(template, &data) {
        Ok(c) => {
            assert!(c.pdf.starts_with(b"%PDF"));
            assert!(c.warnings.is_empty(), "{template}: {:#?}", c.warnings);
            c.pdf
        }
        Err(e) => panic!("{template}: {e:#?}"),
    }
}

#[test]
fn case_compilation_has_cover_contents_bookmarks_and_page_numbers() {
    let pdf = compile("case_compilation.typ", &case_data());
    let pages = pdftotext(&pdf);
    let all = raw_text(&pdf);
    for needle in [
        "某某大学",
        "工作案例汇编",
        "目录",
        "学业帮扶",
        "志愿服务",
        "“一帮一”结对助学案例",
        "社区志愿服务进楼栋",
        "一、背景与起因",
        "二、主要做法",
        "三、成效与反响",
        "四、经验与启示",
        "化学学院党委",
        "执笔：张三",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    assert!(all.contains(&squeeze(HOSTILE)), "hostile text not literal");
    assert!(!all.contains("root:"), "a file was read");

    // Cover and blank verso unnumbered; contents — I —; body from — 1 —.
    assert_eq!(page_number(&pages[0]), None, "cover: {}", pages[0]);
    assert_eq!(page_number(&pages[1]), None, "blank verso");
    assert!(squeeze(&pages[2]).contains("目录"));
    assert_eq!(page_number(&pages[2]).as_deref(), Some("I"));
    let body_start = pages
        .iter()
        .position(|p| page_number(p).as_deref() == Some("1"))
        .unwrap();
    assert!(
        body_start % 2 == 0,
        "body starts on a recto (odd physical page)"
    );
    let numbered: Vec<String> = pages[body_start..]
        .iter()
        .filter_map(|p| page_number(p))
        .collect();
    let expected: Vec<String> = (1..=numbered.len()).map(|n| n.to_string()).collect();
    assert_eq!(numbered, expected);
    assert!(
        numbered.len() >= 4,
        "long case runs over pages: {numbered:?}"
    );

    // The contents list the cases with their page numbers.
    let toc = &pages[2];
    let line = toc
        .lines()
        .find(|l| l.contains("社区志愿服务进楼栋"))
        .unwrap();
    let digits: String = line
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    let last_page: String = digits.chars().rev().collect();
    let case_page = pages[body_start..]
        .iter()
        .find(|p| squeeze(p).contains("社区志愿服务进楼栋"))
        .and_then(|p| page_number(p))
        .unwrap();
    assert_eq!(last_page, case_page);

    let items = outline(&pdf);
    let expected = vec![
        (1, "学业帮扶".to_string()),
        (2, "“一帮一”结对助学案例".to_string()),
        (2, HOSTILE.to_string()),
        (1, "志愿服务".to_string()),
        (2, "社区志愿服务进楼栋".to_string()),
    ];
    assert_eq!(items, expected);
}

#[test]
fn page_numbers_sit_on_the_outer_side() {
    let pdf = compile("case_compilation.typ", &case_data());
    let f = write_tmp(&pdf);
    let html = run(Command::new("pdftotext")
        .args(["-bbox"])
        .arg(f.path())
        .arg("-"));
    // Per page: the x of the last "—" (the closing dash of the number).
    let mut checked = 0;
    for (i, page) in html.split("<page ").skip(1).enumerate() {
        let width: f64 = attr(page, "width").unwrap();
        let dashes: Vec<(f64, f64)> = page
            .split("<word ")
            .skip(1)
            .filter(|w| w.contains(">—</word>"))
            .map(|w| (attr(w, "xMin").unwrap(), attr(w, "yMin").unwrap()))
            .collect();
        let Some(&(x, y)) = dashes.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
            continue;
        };
        // Only the footer line (below the type area, > 262 mm from top).
        if y < 262.0 / 25.4 * 72.0 {
            continue;
        }
        let physical = i + 1;
        if physical % 2 == 1 {
            assert!(x > width / 2.0, "odd page {physical}: number at x={x}");
        } else {
            assert!(x < width / 2.0, "even page {physical}: number at x={x}");
        }
        checked += 1;
    }
    assert!(checked >= 4, "{checked}");
}

fn attr(s: &str, name: &str) -> Option<f64> {
    let i = s.find(&format!("{name}=\""))? + name.len() + 2;
    s[i..].split('"').next()?.parse().ok()
}

#[test]
fn publicity_prints_table_period_and_signature() {
    let pdf = compile("publicity.typ", &publicity_data(40));
    let pages = pdftotext(&pdf);
    assert!(pages.len() >= 3, "40 rows span pages");
    let all = raw_text(&pdf);
    for needle in [
        "关于2025年秋季学生党支部“对标争先”建设项目立项名单的公示",
        "一、重点项目（40项）",
        "二、培育项目（0项）",
        "核定经费",
        "党建引领学风建设项目40",
        "5,000",
        "公示时间：2025年9月26日至2025年10月9日（5个工作日）",
        "010-12345678",
        "中共某某大学委员会组织部2025年9月25日",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    // The hostile string appears literally in the intro and in the table.
    assert_eq!(all.matches(&squeeze(HOSTILE)).count(), 2);
    // The header row repeats on the second page.
    assert!(
        squeeze(&pages[1]).contains("序号支部项目名称"),
        "{}",
        pages[1]
    );
    assert_eq!(page_number(&pages[0]).as_deref(), Some("1"));
    assert_eq!(page_number(&pages[1]).as_deref(), Some("2"));
    let items = outline(&pdf);
    assert_eq!(items.len(), 2, "{items:?}");
}

#[test]
fn annual_and_review_material_render() {
    let pdf = compile("annual.typ", &annual_data());
    let all = raw_text(&pdf);
    for needle in [
        "年度工作总结",
        "一、结对共建情况",
        "机关党支部",
        "合计",
        "物理系研究生党支部",
        "25,000",
    ] {
        assert!(all.contains(needle), "annual: missing {needle}");
    }
    assert!(all.contains(&squeeze(HOSTILE)));

    let pdf = compile("review_material.typ", &review_data());
    let pages = pdftotext(&pdf);
    assert!(
        pages.iter().filter(|p| !p.trim().is_empty()).count() <= 2,
        "one or two pages"
    );
    let all = raw_text(&pdf);
    for needle in [
        "党委组织部党支部",
        "述职评议材料",
        "书记：王五",
        "学习讨论√√",
        "联合活动√×",
        "3月5日、4月9日",
        "四、书记自评",
        "未立项",
        "书记签名",
    ] {
        assert!(all.contains(needle), "review: missing {needle}");
    }
    assert!(all.contains(&squeeze(HOSTILE)));
}

#[test]
fn empty_lists_render() {
    for (name, _) in default_templates() {
        if *name == "common.typ" {
            continue;
        }
        let pdf = compile(name, &empty_data(name));
        let text = pdftotext(&pdf).concat();
        assert!(!text.trim().is_empty(), "{name}");
    }
}

#[test]
fn template_directory_overrides_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let original = default_templates()
        .iter()
        .find(|(n, _)| *n == "publicity.typ")
        .unwrap()
        .1;
    let modified = original.replace("公示时间：", "特别公示期：");
    std::fs::write(dir.path().join("publicity.typ"), modified).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "不是模板").unwrap();
    let custom = Typst::new(&[], Some(dir.path().to_path_buf())).unwrap();
    let data = publicity_data(2);
    let text = squeeze(
        &pdftotext(
            &custom
                .compile_pdf("publicity.typ", &json(&data))
                .unwrap()
                .pdf,
        )
        .concat(),
    );
    assert!(text.contains("特别公示期：2025年9月26日"));
    // Other templates still come from the defaults.
    assert!(
        custom
            .compile_pdf("annual.typ", &json(&annual_data()))
            .is_ok()
    );
    let text = squeeze(&pdftotext(&compile("publicity.typ", &data)).concat());
    assert!(!text.contains("特别公示期"));
}

#[test]
fn syntax_error_names_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("publicity.typ"),
        "#import \"common.typ\": *\n#show: setup.with(title: \"x\")\n\n#let x = (1, 2\n正文\n",
    )
    .unwrap();
    let custom = Typst::new(&[], Some(dir.path().to_path_buf())).unwrap();
    let errors = custom
        .compile_pdf("publicity.typ", &json(&publicity_data(1)))
        .unwrap_err();
    let e = &errors[0];
    assert_eq!(e.template, "publicity.typ");
    assert_eq!(e.severity, "error");
    assert!(matches!(e.line, Some(4..=6)), "{e:?}");
    assert!(
        e.message
            .starts_with(&format!("模板 publicity.typ 第 {} 行：", e.line.unwrap())),
        "{}",
        e.message
    );

    // An error inside common.typ, reached from another template, points
    // into common.typ.
    let common = default_templates()
        .iter()
        .find(|(n, _)| *n == "common.typ")
        .unwrap()
        .1;
    let (head, tail) = common.split_at(common.find("  set document(").unwrap());
    let line = head.lines().count() + 1;
    std::fs::write(
        dir.path().join("common.typ"),
        format!("{head}  1 + \"a\"\n{tail}"),
    )
    .unwrap();
    let custom = Typst::new(&[], Some(dir.path().to_path_buf())).unwrap();
    let errors = custom
        .compile_pdf("annual.typ", &json(&annual_data()))
        .unwrap_err();
    assert_eq!(
        (errors[0].template.as_str(), errors[0].line),
        ("common.typ", Some(line)),
        "{errors:?}"
    );
}

#[test]
fn compiles_from_several_threads() {
    let jobs = [
        ("publicity.typ", json(&publicity_data(5))),
        ("annual.typ", json(&annual_data())),
        ("review_material.typ", json(&review_data())),
        ("case_compilation.typ", json(&case_data())),
    ];
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|(t, d)| s.spawn(move || typst().compile_pdf(t, d).map(|c| c.pdf.len())))
            .collect();
        for h in handles {
            assert!(h.join().unwrap().unwrap() > 1000);
        }
    });
}

/// Not a test of behaviour: renders page 1 of every template to
/// `$ZHIBU_PNG_DIR/<template>.png` for looking at. Run with
/// `ZHIBU_PNG_DIR=/tmp/png cargo test render_previews -- --ignored`.
#[test]
#[ignore]
fn render_previews() {
    let dir = PathBuf::from(std::env::var("ZHIBU_PNG_DIR").unwrap_or("/tmp/zhibu-png".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let t0 = std::time::Instant::now();
    let _ = Typst::new(&[PathBuf::from("/usr/share/fonts")], None).unwrap();
    eprintln!("font discovery (uncached dir list): {:?}", t0.elapsed());
    for (name, data) in [
        ("case_compilation", json(&case_data())),
        ("publicity", json(&publicity_data(30))),
        ("annual", json(&annual_data())),
        ("review_material", json(&review_data())),
    ] {
        let t0 = std::time::Instant::now();
        let pdf = compile(name, &data);
        eprintln!("{name}: {:?}, {} bytes", t0.elapsed(), pdf.len());
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        run(Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(&path)
            .arg(dir.join(name)));
        let empty = compile(name, &empty_data(&format!("{name}.typ")));
        let path = dir.join(format!("{name}-empty.pdf"));
        std::fs::write(&path, &empty).unwrap();
        run(Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(&path)
            .arg(dir.join(format!("{name}-empty"))));
    }
}

#[test]
fn annual_prints_the_liangzai_sections_without_pairing_ones() {
    let data = Annual {
        sections: AnnualSections {
            pairing: false,
            members: Some(MembersSection {
                summary: format!("共登记党员 20 人，完成“四个一”18 人。{HOSTILE}"),
                chart: vec![ChartBar {
                    name: s("化学系本科生第一党支部"),
                    count: 90,
                    label: s("90%"),
                }],
                rows: vec![(s("化学系本科生第一党支部"), 20, 18, s("90.0%"), s("21.5"))],
                incomplete: 2,
            }),
            todo: Some(TodoSection {
                summary: s("实事清单共 6 项，已办结 4 项。"),
                overdue: vec![[s("化学学院"), s(HOSTILE), s("2025-10-31"), s("推进中")]],
            }),
            scores_note: Some(s("权重：书记项目 30，党员“四个一” 40，实事清单 30。")),
            scores: Some(vec![(
                1,
                s("化学系本科生第一党支部"),
                s("完整"),
                s("90%"),
                s("67%"),
                s("85.0"),
            )]),
        },
        ..annual_data()
    };
    let all = raw_text(&compile("annual.typ", &data));
    for needle in [
        "二、党员“四个一”完成情况",
        "三、双月实事清单办理情况",
        "90.0%",
        "21.5",
        "2025-10-31",
        "85.0",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    assert!(!all.contains("结对共建情况"), "pairing sections left out");
    assert_eq!(all.matches(&squeeze(HOSTILE)).count(), 2);
}
