//! A generated campaign for the speed benchmarks and the scale tests: N
//! applications (.docx, each with a realistic ~350 KB styles.xml, as Word
//! writes it) from N distinct branches of 20 committees, one summary sheet
//! per committee (.xlsx) listing them, pairing tables and activity logs of
//! the office branches, case write-ups, a returned review sheet, and the
//! committed legacy .doc/.xls/.ods fixtures. About 1,266 files at N = 1,000.
//! Every text is its own (a seeded generator), except a few deliberate
//! copies between branches, so that `similar_text` has work to do.
//!
//! Include with `#[path = "../benches/support/corpus.rs"] mod corpus;` next to
//! `mod common;` (the fixture builders of tests/integration/common).

#![allow(dead_code)]

use super::common;
use std::io::{Cursor, Read, Write};
use std::path::Path;

const COMMITTEES: [&str; 20] = [
    "机械工程学院党委",
    "材料科学与工程学院党委",
    "计算机学院党委",
    "外国语学院党委",
    "化学与化工学院党委",
    "商学院党委",
    "理学院党委",
    "食品学院党委",
    "生物工程学院党委",
    "纺织服装学院党委",
    "设计学院党委",
    "人文学院党委",
    "法学院党委",
    "环境与土木工程学院党委",
    "物联网工程学院党委",
    "药学院党委",
    "医学院党委",
    "体育部党总支",
    "马克思主义学院党委",
    "数字媒体学院党委",
];

const PHRASES: [&str; 40] = [
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "深入学习贯彻党的二十大精神",
    "围绕立德树人根本任务",
    "发挥党员先锋模范作用",
    "组织开展主题党日活动",
    "建立党员学业帮扶小组",
    "结合专业特色开展志愿服务",
    "推动党建与业务深度融合",
    "完善支部组织生活制度",
    "每月开展一次集中学习",
    "邀请专业教师开展专题讲座",
    "深入社区开展科普宣传",
    "打造支部特色品牌",
    "形成可复制可推广的工作经验",
    "提升党员理论素养和实践能力",
    "加强与校外党组织的交流合作",
    "开展红色教育基地参观学习",
    "建立党员先锋岗和责任区",
    "带动班级学风建设",
    "服务学生成长成才",
    "实验室安全巡查常态化",
    "组织青年党员走进企业调研",
    "开展读书分享会和理论宣讲",
    "关心关爱困难学生",
    "助力乡村振兴社会实践",
    "以赛促学提升创新能力",
    "线上线下相结合开展学习",
    "建立支部工作台账",
    "严格落实三会一课制度",
    "支部书记讲专题党课",
    "推进学习型党支部建设",
    "强化政治引领和思想引领",
    "形成党员志愿服务长效机制",
    "举办学科竞赛经验交流",
    "编写支部学习资料汇编",
    "开展朋辈辅导和考研帮扶",
    "联合地方党组织开展共建",
    "培育和践行社会主义核心价值观",
    "弘扬科学家精神和工匠精神",
    "总结提炼支部工作法",
];

/// A small deterministic generator (xorshift), so the corpus is the same every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

const WORDS: &str = "党员 支部 学习 理论 实践 服务 志愿 建设 组织 青年 学生 教师 专业 科研 创新 基层 社区 乡村 企业 调研 宣讲 课堂 实验 竞赛 品牌 特色 引领 示范 帮扶 结对 发展 规划 制度 考核 培训 讲座 座谈 交流 参观 走访 总结 提升 推动 落实 完善 加强 深化 拓展 打造 培育 凝聚 激发 传承 弘扬 践行 担当 奉献 先锋 模范 骨干 力量 阵地 平台 载体 机制 路径 成效 经验 做法 案例 典型 榜样 精神 文化 红色 传统 历史 时代 使命 初心 责任 作风 纪律 廉洁 安全 健康 心理 就业 升学 考研 学风 班级 宿舍 团队 项目 课题 论文 专利 成果 转化 合作 共建 共享 协同 联动 融合 线上 线下 网络 媒体 宣传 报道 影响 辐射 带动 覆盖 参与 满意 认可 表彰 荣誉 基础 保障 经费 场地 资料 设备 时间 计划 目标 任务 措施 步骤 阶段 节点 督促 检查 反馈 改进";

/// About `chars` characters of prose, different for every seed: a few of
/// the phrases every application uses, the rest the branch's own words.
pub fn prose(rng: &mut Rng, chars: usize) -> String {
    let words: Vec<&str> = WORDS.split(' ').collect();
    let mut s = String::new();
    while s.chars().count() < chars {
        if rng.below(4) == 0 {
            s.push_str(PHRASES[rng.below(PHRASES.len())]);
        } else {
            for _ in 0..3 + rng.below(4) {
                s.push_str(words[rng.below(words.len())]);
            }
        }
        // Numbers and orderings make each text its own.
        match rng.below(4) {
            0 => s.push_str(&format!("，覆盖{}名同学", 10 + rng.below(300))),
            1 => s.push_str(&format!("，计划{}次", 2 + rng.below(20))),
            2 => s.push_str(&format!("，第{}阶段", DIGITS[1 + rng.below(9)])),
            _ => {}
        }
        s.push_str(if rng.below(3) == 0 { "。" } else { "，" });
    }
    s
}

/// The college part of a committee name: `机械工程学院党委` → `机械工程学院`.
fn college(committee: &str) -> &str {
    committee
        .trim_end_matches("党委")
        .trim_end_matches("党总支")
}

pub fn branch_name(i: usize) -> (String, &'static str) {
    let committee = COMMITTEES[i % COMMITTEES.len()];
    let k = i / COMMITTEES.len() + 1;
    let short: String = college(committee).chars().take(2).collect();
    let level = if k % 3 == 0 { "研究生" } else { "本科" };
    (format!("{short}{level}第{k}党支部"), committee)
}

/// A styles.xml the size Word writes (~350 KB: every latent and table style).
fn big_styles() -> Vec<u8> {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults><w:latentStyles w:defLockedState="0" w:defUIPriority="99">"#,
    );
    let mut i = 0;
    while s.len() < 350_000 {
        s.push_str(&format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="Style{i}"><w:name w:val="样式 {i}"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="{}"/><w:qFormat/><w:pPr><w:spacing w:before="{}" w:after="120" w:line="{}" w:lineRule="auto"/><w:ind w:firstLine="420"/><w:jc w:val="both"/></w:pPr><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:kern w:val="2"/><w:sz w:val="{}"/><w:szCs w:val="24"/></w:rPr></w:style>"#,
            i % 99,
            (i * 7) % 240,
            240 + i % 200,
            20 + i % 12
        ));
        i += 1;
    }
    s.push_str("</w:latentStyles></w:styles>");
    s.into_bytes()
}

/// The same .docx with Word's big styles.xml in place of docx-rs' small one.
pub fn with_big_styles(docx: &[u8], styles: &[u8]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(docx)).expect("docx-rs writes a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/styles.xml" {
            data = styles.to_vec();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// What was generated.
#[derive(Debug, Default, Clone, Copy)]
pub struct Sizes {
    pub files: usize,
    pub bytes: u64,
    pub applications: usize,
    pub cases: usize,
}

/// Write a campaign of `n` applications (and everything around them) into `dir`.
pub fn generate(dir: &Path, n: usize) -> Sizes {
    let styles = big_styles();
    let mut sizes = Sizes::default();
    let mut put = |rel: String, bytes: &[u8]| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        sizes.files += 1;
        sizes.bytes += bytes.len() as u64;
    };
    let mut summaries: Vec<Vec<[String; 6]>> = vec![Vec::new(); COMMITTEES.len()];
    let mut review: Vec<[String; 6]> = Vec::new();
    let mut texts: Vec<(String, String, String)> = Vec::new();
    for i in 0..n {
        let mut rng = Rng::new(i as u64 + 1);
        let (branch, committee) = branch_name(i);
        let title = format!(
            "“{}”{}计划{}",
            ["红色引擎", "青春领航", "薪火相传", "先锋同行", "筑梦启航"][i % 5],
            ["学业互助", "志愿服务", "理论宣讲", "科技创新", "文化育人"][(i / 5) % 5],
            i
        );
        // Every 50th application copies most of an earlier branch's text.
        let (background, goals, outcomes) = if i % 50 == 49 {
            let (b, g, o) = &texts[i - 17];
            (b.clone(), g.clone(), format!("{o}{}", prose(&mut rng, 40)))
        } else {
            (
                prose(&mut rng, 400),
                prose(&mut rng, 300),
                prose(&mut rng, 250),
            )
        };
        texts.push((background.clone(), goals.clone(), outcomes.clone()));
        let members = (5 + rng.below(30)).to_string();
        let money = [1000, 2000, 3000, 5000][rng.below(4)];
        let (a, b) = (money * 2 / 5, money - money * 2 / 5);
        let (sa, sb) = (a.to_string(), b.to_string());
        let requested = format!("{money}元");
        let phone = format!("139{:08}", i * 7919 % 100_000_000);
        let leader = format!("张{}", DIGITS[i % 10]);
        let leader_role = format!("{leader}（支部书记）");
        let plan1 = prose(&mut rng, 30);
        let plan2 = prose(&mut rng, 30);
        let app = common::App {
            fields: vec![
                ("党支部名称", &branch),
                ("所属党委", committee),
                ("党员人数", &members),
                ("申报板块", "学思践悟"),
                ("项目名称", &title),
                ("项目负责人", &leader_role),
                ("联系电话", &phone),
                ("指导老师", "李红"),
                ("申请经费", &requested),
                ("项目背景", &background),
                ("建设目标", &goals),
                ("预期成效", &outcomes),
            ],
            budget: vec![("资料印制", &sa), ("活动场地", &sb)],
            plan: vec![("2025年10月", &plan1), ("11-12月", &plan2)],
            date_above: Some("2025年10月20日"),
            four: i % 2 == 0,
            nested_plan: i % 3 == 0,
        };
        let docx = with_big_styles(&common::application_docx(&app), &styles);
        put(
            format!("{}/{branch}-项目申请表.docx", college(committee)),
            &docx,
        );
        // One branch in 40 is missing from its committee's summary sheet.
        if i % 40 != 7 {
            summaries[i % COMMITTEES.len()].push([
                branch.clone(),
                title.clone(),
                "学思践悟·固本强基".into(),
                leader.clone(),
                phone.clone(),
                money.to_string(),
            ]);
        }
        review.push([
            committee.to_string(),
            branch.clone(),
            title.clone(),
            ["一类", "二类", "三类", "不予立项"][i % 4].to_string(),
            (money / 2).to_string(),
            "同意".into(),
        ]);
        sizes.applications += 1;
    }
    for (k, rows) in summaries.iter().enumerate() {
        let committee = COMMITTEES[k];
        let rows: Vec<[&str; 6]> = rows
            .iter()
            .map(|r| std::array::from_fn(|j| r[j].as_str()))
            .collect();
        // Large committees send their sheet in parts of 30 rows.
        for (part, chunk) in rows.chunks(30).enumerate() {
            put(
                format!("{}/申报汇总表-{}.xlsx", college(committee), part + 1),
                &common::summary_xlsx(committee, chunk),
            );
        }
    }
    // Office branches: a pairing table and an activity log each, one per 20 applications.
    let offices = (n / 20).max(1);
    for k in 0..offices {
        let branch = format!("机关第{k}党支部");
        let partners = [
            (format!("{}教工党支部", branch_name(k).0), "学院教师党支部"),
            (format!("某公司第{k}党支部"), "校外党支部"),
        ];
        let p: Vec<(&str, &str)> = partners.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        put(
            format!("机关党委/{branch}-共建信息表.docx"),
            &with_big_styles(
                &common::pairing_docx(&branch, &p, &["学习讨论", "党课", "主题实践", "调研走访"]),
                &styles,
            ),
        );
        let rows: Vec<(String, String, String, String, String)> = (0..12)
            .map(|m| {
                let (partner, kind) = &partners[m % 2];
                (
                    format!("2025-{:02}-{:02}", 1 + m, 1 + (k + m) % 28),
                    branch.clone(),
                    partner.clone(),
                    kind.to_string(),
                    ["学习讨论", "党课", "主题实践", "调研走访", "志愿服务"][m % 5].to_string(),
                )
            })
            .collect();
        let rows: Vec<(&str, &str, &str, &str, &str)> = rows
            .iter()
            .map(|(a, b, c, d, e)| (a.as_str(), b.as_str(), c.as_str(), d.as_str(), e.as_str()))
            .collect();
        put(
            format!("机关党委/{branch}-活动记录表.xlsx"),
            &common::activity_xlsx(&rows),
        );
    }
    // Case write-ups: one per 10 applications.
    for k in 0..(n / 10).max(1) {
        let mut rng = Rng::new(1_000_000 + k as u64);
        let (branch, committee) = branch_name(k * 10 + 1);
        let sections: Vec<(String, String)> =
            ["一、背景", "二、主要做法", "三、成效与经验", "四、启示"]
                .iter()
                .map(|h| {
                    (
                        h.to_string(),
                        format!("{}\n{}", prose(&mut rng, 300), prose(&mut rng, 200)),
                    )
                })
                .collect();
        let s: Vec<(&str, &str)> = sections
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let title = format!(
            "{branch}工作案例：{}",
            prose(&mut rng, 12).trim_end_matches(['，', '。'])
        );
        put(
            format!("{}/{branch}-工作案例.docx", college(committee)),
            &with_big_styles(
                &common::case_docx_of(&title, &branch, committee, &s),
                &styles,
            ),
        );
        sizes.cases += 1;
    }
    let review: Vec<[&str; 6]> = review
        .iter()
        .map(|r| std::array::from_fn(|j| r[j].as_str()))
        .collect();
    put(
        "组织部/评审结果表.xlsx".into(),
        &common::review_xlsx(&review),
    );
    // Legacy formats: the committed .doc/.xls/.ods fixtures, a few copies each.
    let legacy: [(&str, &[u8]); 4] = [
        (
            "doc",
            include_bytes!("../../tests/fixtures/legacy/application4.doc"),
        ),
        (
            "doc",
            include_bytes!("../../tests/fixtures/legacy/application2.doc"),
        ),
        (
            "xls",
            include_bytes!("../../tests/fixtures/legacy/summary.xls"),
        ),
        (
            "ods",
            include_bytes!("../../tests/fixtures/legacy/summary.ods"),
        ),
    ];
    for k in 0..(n / 250).max(1) {
        for (j, (ext, bytes)) in legacy.iter().enumerate() {
            put(format!("材料学院/旧格式/{k}-{j}.{ext}"), bytes);
        }
    }
    sizes
}
