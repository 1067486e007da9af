//! 1.4 工作案例: title, header fields and the four sections from running text.
//!
//! A section heading is a short line naming one of the four sections, with
//! numbering (`一、` `（二）` `3.`), extra words (`案例背景与起因`, `主要做法与经过`)
//! or its text after a colon (`背景与起因：…`). Everything before the first
//! heading is the header: the title, the branch (under a label, as a plain
//! line, or in a small table) and the committee.

use crate::ingest::{Block, Paragraph, WordDoc};
use crate::labels::{CASE_FIELDS, CASE_SECTIONS, field_of};
use crate::model::{Case, CaseSection};
use crate::normalise::{self, strip_numbering};

use super::kv;

/// Longest line that can be a heading without a colon.
const HEADING_MAX_CHARS: usize = 24;
/// Shortest section label found inside a longer heading (`主要做法与经过`).
const CONTAINED_LABEL_MIN_CHARS: usize = 4;

/// Lines of a block: a paragraph's lines, or every cell's lines of a table.
fn block_lines(block: &Block) -> Vec<String> {
    let raw: Vec<&str> = match block {
        Block::Paragraph(p) => p.text.lines().collect(),
        Block::Table(t) => t
            .rows
            .iter()
            .flatten()
            .flat_map(|c| c.text.lines())
            .collect(),
    };
    raw.into_iter()
        .map(normalise::text)
        .filter(|l| !l.is_empty())
        .collect()
}

/// If the line is a section heading, the section key, the heading as written
/// and any text that followed the heading on the same line.
fn section_heading(line: &str) -> Option<(&'static str, String, String)> {
    let body = strip_numbering(line).trim();
    let (head, rest) = match body.split_once([':', '：']) {
        Some((h, r)) => (h.trim(), r.trim()),
        None => (body, ""),
    };
    // A paragraph is no heading: counted before it is copied.
    if normalise::compact_chars(head)
        .nth(HEADING_MAX_CHARS)
        .is_some()
    {
        return None;
    }
    let head_key = normalise::compact(head);
    let chars = head_key.chars().count();
    if chars == 0 || chars > HEADING_MAX_CHARS || head_key.contains(['。', '；', '，', ',', '！'])
    {
        return None;
    }
    for (key, labels) in CASE_SECTIONS {
        for label in *labels {
            let exact = head_key == *label;
            let contained =
                label.chars().count() >= CONTAINED_LABEL_MIN_CHARS && head_key.contains(label);
            if exact || contained {
                return Some((key, line.trim().to_string(), rest.to_string()));
            }
        }
    }
    None
}

/// How many of the four section headings a document has (for recognition).
pub fn section_count(doc: &WordDoc) -> usize {
    let mut keys: Vec<&str> = doc
        .blocks
        .iter()
        .flat_map(block_lines)
        .filter_map(|l| section_heading(&l).map(|h| h.0))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

pub fn read(doc: &WordDoc) -> Case {
    let mut case = Case::default();
    // The header: every block before the first section heading.
    let first_section = doc
        .blocks
        .iter()
        .position(|b| block_lines(b).iter().any(|l| section_heading(l).is_some()))
        .unwrap_or(doc.blocks.len());
    let header = WordDoc {
        blocks: doc.blocks[..first_section].to_vec(),
    };
    let fields = kv::read(&header, CASE_FIELDS, &[]);
    let mut plain = Vec::new();
    for block in &header.blocks {
        if let Block::Paragraph(Paragraph { text, .. }) = block {
            plain.extend(
                text.lines()
                    .map(normalise::text)
                    .filter(|l| !l.is_empty() && !is_header_noise(l)),
            );
        }
    }
    case.title = non_empty(fields.get("title"))
        .or_else(|| plain.iter().find(|l| !is_pair_or_label(l)).cloned())
        .unwrap_or_default();
    case.branch = fields.get("branch").to_string();
    case.committee = fields.get("committee").to_string();
    case.author = fields.get("author").to_string();
    // The branch as a plain line under the title: `机械工程学院党委 机械本科第一党支部`.
    if case.branch.is_empty() {
        if let Some(line) = plain
            .iter()
            .filter(|l| **l != case.title && !is_pair_or_label(l))
            .find(|l| l.contains("支部"))
        {
            let (committee, branch) = split_committee(line);
            case.branch = branch;
            if case.committee.is_empty() {
                case.committee = committee;
            }
        }
    }
    // The branch after a dash in the title: `…——机械本科第一党支部工作案例`.
    if case.branch.is_empty() {
        if let Some((_, tail)) = case.title.split_once(['—', '-']) {
            let tail = tail.trim_start_matches(['—', '-', ' ']);
            if let Some(end) = tail.rfind("支部") {
                let (committee, branch) = split_committee(&tail[..end + "支部".len()]);
                case.branch = branch;
                if case.committee.is_empty() {
                    case.committee = committee;
                }
            }
        }
    }
    let mut current: Option<usize> = None;
    for line in doc.blocks[first_section..].iter().flat_map(block_lines) {
        if let Some((key, heading, rest)) = section_heading(&line) {
            case.sections.push(CaseSection {
                key,
                heading,
                paragraphs: non_empty(&rest).into_iter().collect(),
            });
            current = Some(case.sections.len() - 1);
        } else if let Some(i) = current {
            case.sections[i].paragraphs.push(line);
        }
    }
    case.chars = case
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| normalise::visible_chars(p))
        .sum();
    case
}

/// 1.8 活动总结: a title naming 活动总结/项目总结 (and its branch), then free text.
pub fn activity_summary(doc: &WordDoc) -> Option<crate::model::ActivitySummary> {
    let lines: Vec<String> = doc.blocks.iter().flat_map(block_lines).collect();
    let title_at = lines
        .iter()
        .take(3)
        .position(|l| SUMMARY_TITLE_WORDS.iter().any(|w| l.contains(w)))?;
    let title = lines[title_at].clone();
    let fields = kv::read(doc, CASE_FIELDS, &[]);
    let (mut committee, mut branch) = (
        fields.get("committee").to_string(),
        fields.get("branch").to_string(),
    );
    if branch.is_empty() {
        let end = (title_at + 2).min(lines.len());
        let named = lines[title_at..end].iter().find(|l| l.contains("支部"))?;
        let (c, b) = split_committee(named);
        let cut = SUMMARY_TITLE_WORDS
            .iter()
            .filter_map(|w| b.find(w))
            .min()
            .unwrap_or(b.len());
        let b = b[..cut]
            .trim_end_matches(['“', '”', '《', '》'])
            .to_string();
        branch = match b.rfind("支部") {
            Some(end) => b[..end + "支部".len()].to_string(),
            None => b,
        };
        if committee.is_empty() {
            committee = c;
        }
    }
    let chars = lines[title_at + 1..]
        .iter()
        .map(|l| normalise::visible_chars(l))
        .sum();
    Some(crate::model::ActivitySummary {
        title,
        branch,
        committee,
        chars,
    })
}

/// Words of an activity summary's title.
const SUMMARY_TITLE_WORDS: &[&str] = &["活动总结", "项目总结", "工作总结"];

/// Lines above a case that are neither its title nor its branch.
fn is_header_noise(line: &str) -> bool {
    let k = normalise::compact(line);
    k.starts_with("附件") || ["工作案例", "案例", "典型案例", "优秀案例"].contains(&k.as_str())
}

fn is_pair_or_label(line: &str) -> bool {
    field_of(CASE_FIELDS, line).is_some()
        || line
            .split_once([':', '：'])
            .is_some_and(|(l, _)| field_of(CASE_FIELDS, l).is_some())
}

/// `——机械工程学院党委 机械本科第一党支部` → (committee, branch).
fn split_committee(line: &str) -> (String, String) {
    let line = line.trim_start_matches(['—', '-', '─', ' ']).trim();
    let parts: Vec<&str> = line
        .split([' ', '·', '/'])
        .filter(|p| !p.is_empty())
        .collect();
    let branch = parts
        .iter()
        .rev()
        .find(|p| p.contains("支部"))
        .copied()
        .unwrap_or(line);
    let committee = parts
        .iter()
        .find(|p| {
            !p.contains("支部")
                && (p.contains("党委") || p.contains("学院") || p.contains("委员会"))
        })
        .copied()
        .unwrap_or("");
    (committee.to_string(), branch.to_string())
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
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
        let case = read(&d);
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
