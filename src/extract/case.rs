//! 1.4 工作案例: title, header fields and the four sections from running text.

use crate::ingest::{Block, WordDoc};
use crate::labels::{CASE_FIELDS, CASE_SECTIONS, Labels, field_of};
use crate::model::{Case, CaseSection};
use crate::normalise::{self, strip_numbering};

use super::kv::{Fields, read_inline_pairs};

/// The lines of a document in reading order: paragraphs, then cell text of tables.
fn lines(doc: &WordDoc) -> Vec<String> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => out.extend(p.text.lines().map(str::to_string)),
            Block::Table(t) => {
                for c in t.rows.iter().flatten() {
                    out.extend(c.text.lines().map(str::to_string));
                }
            }
        }
    }
    out.into_iter()
        .map(|l| normalise::text(&l))
        .filter(|l| !l.is_empty())
        .collect()
}

/// If the line is a section heading, the section key, the heading as written
/// and any text that followed the heading on the same line.
fn section_heading(line: &str) -> Option<(&'static str, String, String)> {
    let body = strip_numbering(line);
    for (key, labels) in CASE_SECTIONS {
        for label in *labels {
            if let Some(rest) = body.strip_prefix(label) {
                let rest = rest.trim_start_matches([':', '：', ' ']).trim();
                // A heading line is short, or is `标题：正文`.
                let inline = body[label.len()..].starts_with([':', '：']);
                if rest.is_empty() || inline {
                    return Some((key, line.trim().to_string(), rest.to_string()));
                }
            }
        }
    }
    None
}

/// How many of the four section headings a document has (for recognition).
pub fn section_count(doc: &WordDoc) -> usize {
    let mut keys: Vec<&str> = lines(doc)
        .iter()
        .filter_map(|l| section_heading(l).map(|h| h.0))
        .collect();
    keys.dedup();
    keys.len()
}

pub fn read(doc: &WordDoc) -> (Case, Fields) {
    let lines = lines(doc);
    let mut fields = Fields::default();
    let mut case = Case::default();
    let mut current: Option<usize> = None;
    let mut title_candidate = None;
    for line in &lines {
        if let Some((key, heading, rest)) = section_heading(line) {
            let paragraphs = if rest.is_empty() {
                Vec::new()
            } else {
                vec![rest]
            };
            case.sections.push(CaseSection {
                key,
                heading,
                paragraphs,
            });
            current = Some(case.sections.len() - 1);
            continue;
        }
        match current {
            Some(i) => case.sections[i].paragraphs.push(line.clone()),
            None => {
                let before = fields.values.len();
                read_inline_pairs(line, CASE_FIELDS, &mut fields, "正文开头");
                if fields.values.len() == before
                    && title_candidate.is_none()
                    && !is_label_only(line, CASE_FIELDS)
                {
                    title_candidate = Some(line.clone());
                }
            }
        }
    }
    case.title = non_empty(fields.get("title"))
        .or(title_candidate)
        .unwrap_or_default();
    case.branch = fields.get("branch").to_string();
    case.committee = fields.get("committee").to_string();
    case.author = fields.get("author").to_string();
    case.chars = case
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| normalise::visible_chars(p))
        .sum();
    (case, fields)
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

fn is_label_only(line: &str, table: &[Labels]) -> bool {
    field_of(table, line).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Paragraph;

    fn doc(lines: &[&str]) -> WordDoc {
        WordDoc {
            blocks: lines
                .iter()
                .map(|l| {
                    Block::Paragraph(Paragraph {
                        text: l.to_string(),
                        heading: None,
                    })
                })
                .collect(),
        }
    }

    #[test]
    fn sections_in_every_spelling() {
        let d = doc(&[
            "“红色引擎”点亮青春航程",
            "支部：机械本科第一党支部  所属党委：机械工程学院党委  作者：张三",
            "一、背景与起因",
            "支部党员分散。",
            "（二）做法与经过",
            "建立学习小组。",
            "3.成效与反响",
            "成绩提高。",
            "分析与评价：经验可推广。",
        ]);
        let (case, _) = read(&d);
        assert_eq!(case.title, "“红色引擎”点亮青春航程");
        assert_eq!(case.branch, "机械本科第一党支部");
        assert_eq!(case.committee, "机械工程学院党委");
        assert_eq!(case.author, "张三");
        let keys: Vec<_> = case.sections.iter().map(|s| s.key).collect();
        assert_eq!(keys, ["background", "practice", "results", "analysis"]);
        assert_eq!(case.sections[3].paragraphs, ["经验可推广。"]);
        assert_eq!(
            case.chars,
            "支部党员分散。建立学习小组。成绩提高。经验可推广。"
                .chars()
                .count()
        );
        assert_eq!(section_count(&d), 4);
    }
}
