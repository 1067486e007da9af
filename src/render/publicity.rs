//! 立项公示: the approved projects by level, the publicity period on the
//! Chinese official calendar, where objections go. One [`Notice`] feeds both
//! the PDF (as the JSON `publicity.typ` reads) and the editable .docx.

use crate::calendar::{Period, chinese_date};
use crate::config::Config;
use crate::model::Application;
use crate::normalise::yuan;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub campaign: super::CampaignInfo,
    pub title: String,
    pub intro: String,
    pub levels: Vec<NoticeLevel>,
    pub period: NoticePeriod,
    pub contact: String,
    pub organiser: String,
    /// Date of issue: the first day of the period, in Chinese.
    pub date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeLevel {
    pub name: String,
    pub projects: Vec<NoticeProject>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeProject {
    pub no: usize,
    pub committee: String,
    pub branch: String,
    pub title: String,
    pub track: String,
    pub leader: String,
    /// Approved funding in yuan, formatted (`3,000`); `—` when not given.
    pub approved: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticePeriod {
    pub from: String,
    pub to: String,
    pub working_days: u32,
}

/// The notice for the applications in `apps` (already in committee/branch
/// order) that the review gave one of the configured levels.
pub fn notice(cfg: &Config, apps: &[&Application], period: &Period) -> Notice {
    let levels: Vec<NoticeLevel> = cfg
        .levels
        .iter()
        .map(|level| NoticeLevel {
            name: level.name.clone(),
            projects: apps
                .iter()
                .filter(|a| a.level.as_deref() == Some(level.name.as_str()))
                .enumerate()
                .map(|(i, a)| NoticeProject {
                    no: i + 1,
                    committee: a.committee.clone(),
                    branch: a.branch.clone(),
                    title: a.title.clone(),
                    track: a.track.clone().unwrap_or_else(|| a.track_raw.clone()),
                    leader: a.leader.clone(),
                    approved: a.approved_fen.map_or_else(|| "—".into(), yuan),
                })
                .collect(),
        })
        .filter(|l| !l.projects.is_empty())
        .collect();
    let total: usize = levels.iter().map(|l| l.projects.len()).sum();
    let parts: Vec<String> = levels
        .iter()
        .map(|l| format!("{}{}项", l.name, l.projects.len()))
        .collect();
    let intro = format!(
        "根据{}工作安排，经支部申报、学院（单位）党组织推荐和学校评审，拟立项{}个项目（{}）。现将名单予以公示。",
        cfg.name,
        total,
        parts.join("，")
    );
    Notice {
        campaign: super::CampaignInfo::of(cfg),
        title: format!("关于{}立项名单的公示", cfg.name),
        intro,
        levels,
        period: NoticePeriod {
            from: chinese_date(period.from),
            to: chinese_date(period.to),
            working_days: period.working_days,
        },
        contact: sentence(&cfg.publicity.contact),
        organiser: cfg.organiser.clone(),
        date: chinese_date(period.from),
    }
}

/// Text that ends a sentence: `。` added unless it already ends with a stop.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['。', '！', '.', '；']) {
        s.to_string()
    } else {
        format!("{s}。")
    }
}

const HEADER: [&str; 7] = [
    "序号",
    "学院",
    "支部",
    "项目名称",
    "板块",
    "负责人",
    "核定经费（元）",
];
/// Column widths in twips (A4 type area 156 mm ≈ 8845 twips).
const WIDTHS: [usize; 7] = [700, 1300, 1650, 2200, 1150, 850, 1000];

fn run(text: &str, font: &str, half_points: usize) -> Run {
    Run::new()
        .add_text(text)
        .size(half_points)
        .fonts(RunFonts::new().east_asia(font).ascii(font).hi_ansi(font))
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .indent(
            None,
            Some(docx_rs::SpecialIndentType::FirstLine(640)),
            None,
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .line(560)
                .line_rule(docx_rs::LineSpacingType::Exact),
        )
        .add_run(run(text, "仿宋_GB2312", 32))
}

fn cell(text: &str, width: usize, font: &str, align: AlignmentType) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(Paragraph::new().align(align).add_run(run(text, font, 24)))
}

/// The editable .docx of the notice, for the website: same content as the PDF,
/// GB/T 9704 margins, 仿宋 body, 小标宋 title, 黑体 headings.
pub fn docx(n: &Notice) -> std::io::Result<Vec<u8>> {
    let mut doc = Docx::new().page_margin(
        PageMargin::new()
            .top(2098)
            .bottom(1984)
            .left(1588)
            .right(1474),
    );
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(400))
            .add_run(run(&n.title, "方正小标宋简体", 44)),
    );
    doc = doc.add_paragraph(body(&n.intro));
    if n.levels.is_empty() {
        doc = doc.add_paragraph(body("本次无立项项目。"));
    }
    for (i, level) in n.levels.iter().enumerate() {
        let heading = format!(
            "{}、{}（{}项）",
            super::chinese_number(i + 1),
            level.name,
            level.projects.len()
        );
        doc = doc.add_paragraph(
            Paragraph::new()
                .indent(
                    None,
                    Some(docx_rs::SpecialIndentType::FirstLine(640)),
                    None,
                    None,
                )
                .add_run(run(&heading, "黑体", 32)),
        );
        let mut rows = vec![TableRow::new(
            HEADER
                .iter()
                .zip(WIDTHS)
                .map(|(h, w)| cell(h, w, "黑体", AlignmentType::Center))
                .collect(),
        )];
        for p in &level.projects {
            let no = p.no.to_string();
            let values = [
                no.as_str(),
                &p.committee,
                &p.branch,
                &p.title,
                &p.track,
                &p.leader,
                &p.approved,
            ];
            rows.push(TableRow::new(
                values
                    .iter()
                    .zip(WIDTHS)
                    .enumerate()
                    .map(|(col, (v, w))| {
                        let align = match col {
                            2 | 3 => AlignmentType::Left,
                            6 => AlignmentType::Right,
                            _ => AlignmentType::Center,
                        };
                        cell(v, w, "仿宋_GB2312", align)
                    })
                    .collect(),
            ));
        }
        doc = doc.add_table(
            Table::new(rows)
                .set_grid(WIDTHS.to_vec())
                .layout(docx_rs::TableLayoutType::Fixed)
                .width(WIDTHS.iter().sum(), WidthType::Dxa),
        );
    }
    doc = doc.add_paragraph(body(&format!(
        "公示时间：{}至{}（{}个工作日）。",
        n.period.from, n.period.to, n.period.working_days
    )));
    doc = doc.add_paragraph(body(&format!(
        "公示期间，如对上述项目有异议，请以书面形式实名反映。联系方式：{}",
        n.contact
    )));
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new()));
    for line in [&n.organiser, &n.date] {
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .indent(None, None, Some(1280), None)
                .add_run(run(line, "仿宋_GB2312", 32)),
        );
    }
    super::pack(doc)
}
