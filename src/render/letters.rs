//! 退回修改/<committee>.txt: a letter per committee listing what to fix, ready
//! to paste into an e-mail.

use crate::config::Config;
use crate::problem::{Problem, Severity};
use std::collections::BTreeMap;

/// Committee → letter text. Problems without a committee go under “未注明党委”.
pub fn letters(cfg: &Config, problems: &[Problem], today: &str) -> BTreeMap<String, String> {
    let mut by_committee: BTreeMap<String, Vec<&Problem>> = BTreeMap::new();
    for p in problems.iter().filter(|p| p.severity != Severity::Info) {
        let c = p
            .committee
            .clone()
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| "未注明党委".into());
        by_committee.entry(c).or_default().push(p);
    }
    by_committee
        .into_iter()
        .map(|(committee, list)| {
            let mut s = format!("{committee}：\n\n");
            s.push_str(&format!(
                "    你单位报送的{}材料经初步核查，发现以下问题，请核实修改后于规定时间内重新报送（重新报送的文件会自动替代原文件）。\n\n",
                cfg.name
            ));
            let mut by_file: BTreeMap<&str, Vec<&Problem>> = BTreeMap::new();
            for p in list {
                by_file.entry(p.file.as_str()).or_default().push(p);
            }
            for (n, (file, ps)) in by_file.into_iter().enumerate() {
                let branch = ps.iter().find_map(|p| p.branch.as_deref()).unwrap_or("");
                s.push_str(&format!("{}. 文件“{file}”{}\n", n + 1, if branch.is_empty() { String::new() } else { format!("（{branch}）") }));
                for p in ps {
                    let mark = if p.severity == Severity::Error { "须修改" } else { "请核实" };
                    s.push_str(&format!("   - 【{mark}】{}：{}（位置：{}）\n", p.code.zh(), p.message, p.location));
                }
                s.push('\n');
            }
            s.push_str(&format!("\n{}\n{today}\n", cfg.organiser));
            (committee, s)
        })
        .collect()
}
