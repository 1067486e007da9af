//! “两在两同” scale: a members' “四个一” log of 500 members and 3,000 rows
//! (row per activity, names merged down, several branches and committee
//! spellings) and a 实事清单 of 300 items, generated as real .xlsx files, then
//! read → extract → check (`pipeline::analyse`) and the two workbooks
//! written. Prints the times (best of 5); asserts nothing. The goal:
//! the log reads and checks in well under a second.
//! Run: cargo bench --bench members [-- MEMBERS]

// Only some of the shared builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/members_support.rs"]
mod support;

use std::time::{Duration, Instant};
use support::*;

const KINDS: [&str; 4] = ["党(团)课授课", "志愿服务", "义务劳动", "新生宿舍结对帮扶"];

fn main() {
    let members: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let hours = ["4", "2.5", "5小时", "半天", "3"];
    let mut rows: Vec<(String, String, Vec<Act>)> = Vec::new();
    for m in 0..members {
        let branch = format!("第{}党支部", m / 25 + 1);
        let acts: Vec<Act> = (0..6)
            .map(|k| Act {
                kind: KINDS[(m + k) % 4],
                date: s(&format!(
                    "2025年{}月{}日",
                    1 + (m + k) % 12,
                    1 + (m * 7 + k) % 28
                )),
                hours: s(hours[(m + k) % hours.len()]),
                content: "参加活动",
            })
            .collect();
        rows.push((format!("党员{m:04}"), branch, acts));
    }
    let borrowed: Vec<(&str, &str, Vec<Act>)> = rows
        .iter_mut()
        .map(|(n, b, a)| (n.as_str(), b.as_str(), std::mem::take(a)))
        .collect();
    let log = workbook(&[log_by_activity("党员“四个一”登记表", true, &borrowed, true)]);
    std::fs::write(inbox.join("log.xlsx"), &log).unwrap();
    let items: Vec<[String; 6]> = (0..300)
        .map(|i| {
            [
                format!("第{}党支部", i % 20 + 1),
                format!("实事{i}"),
                "张三".into(),
                format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                ["已办结", "推进中", "未启动"][i % 3].into(),
                if i % 3 == 0 {
                    format!("2025-{:02}-01", 1 + i % 12)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let borrowed: Vec<[&str; 6]> = items
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[2], &*r[3], &*r[4], &*r[5]])
        .collect();
    let todo = workbook(&[todo_list("实事清单", &[("", borrowed)])]);
    std::fs::write(inbox.join("todo.xlsx"), &todo).unwrap();
    let src = zhibu::config::PRESETS
        .iter()
        .find(|(n, _, _)| *n == "secretary")
        .unwrap()
        .2
        .replace("year = 2021", "year = 2025")
        .replace("# as_of = \"2021-12-31\"", "as_of = \"2025-07-15\"");
    let cfg = zhibu::config::parse(&src, "bench").unwrap();
    let best = |f: &mut dyn FnMut()| -> Duration {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let mut outcome = None;
    let read = best(&mut || outcome = Some(zhibu::pipeline::analyse(&inbox, &cfg, || ())));
    let o = outcome.unwrap();
    let log_rows: usize = o.campaign.member_logs.iter().map(|l| l.form.len()).sum();
    let write = best(&mut || {
        zhibu::render::members::workbook(&cfg, &o.members).unwrap();
        zhibu::render::todo::workbook(&cfg, &o.todo, o.as_of).unwrap();
    });
    println!(
        "members' log: {} members, {log_rows} rows ({} KB) + 实事清单 {} items",
        o.members.len(),
        log.len() / 1024,
        o.todo.len()
    );
    println!(
        "  read + extract + check (both files): {:>8.1} ms",
        read.as_secs_f64() * 1e3
    );
    println!(
        "  write 党员“四个一”完成情况.xlsx + 实事清单台账.xlsx: {:>8.1} ms",
        write.as_secs_f64() * 1e3
    );
    println!(
        "  flagged: {} members short, {} items overdue",
        o.members.iter().filter(|m| !m.complete).count(),
        o.todo.iter().filter(|t| t.overdue).count()
    );
}
