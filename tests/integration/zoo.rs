//! The layout zoo (issue #10): every file under `tests/zoo/<kind>/` is read as
//! zhibu reads an inbox file, and what it extracts is compared with the
//! `<name>.expected.json` beside it (written by `cargo run --example zoo`, and
//! for members' logs and 实事清单 by `cargo run --example zoo_liangzai`).
//!
//! Matching: objects match partially (every expected key must be present and
//! equal; extra keys are ignored), arrays must have the same length and match
//! element-wise, scalars exactly — strings after the reader's text
//! normalisation (trim, full-width ASCII → half-width, whitespace collapsed).
//! `problems` is the sorted multiset of codes from `read_file` plus the
//! per-form check of that file. All failures of all files are reported at once.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zhibu::check;
use zhibu::config::{self, Config};
use zhibu::model::Form;
use zhibu::pipeline::read_file;

const KINDS: &[(&str, usize)] = &[
    ("application", 8),
    ("pairing", 8),
    ("case", 8),
    ("summary", 4),
    ("activity_log", 4),
    ("member_log", 5),
    ("todo_list", 3),
];

fn zoo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/zoo")
}

fn zoo_config() -> Config {
    let path = zoo().join("zhibu.toml");
    let src = std::fs::read_to_string(&path).expect("tests/zoo/zhibu.toml");
    config::parse(&src, "tests/zoo/zhibu.toml").expect("zoo config parses")
}

fn norm(s: &str) -> String {
    zhibu::normalise::text(s)
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// Partial match of `actual` against `expected`; mismatches are pushed with their path.
fn matches(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => matches(&p, ev, av, out),
                    None => out.push(format!("{p}: expected {}, field absent", show(ev))),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{path}: expected {} elements, got {}: {}",
                    e.len(),
                    a.len(),
                    show(actual)
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(&format!("{path}[{i}]"), ev, av, out);
            }
        }
        (Value::String(e), Value::String(a)) => {
            if norm(e) != norm(a) {
                out.push(format!(
                    "{path}: expected {}, got {}",
                    show(expected),
                    show(actual)
                ));
            }
        }
        (e, a) => {
            if e != a {
                out.push(format!("{path}: expected {}, got {}", show(e), show(a)));
            }
        }
    }
}

/// The form's inner value as serde writes it (`{"Application": {...}}` → `{...}`).
fn inner(form: &Form) -> Value {
    match serde_json::to_value(form).expect("form serialises") {
        Value::Object(m) if m.len() == 1 => m.into_iter().next().unwrap().1,
        other => other,
    }
}

fn code(c: &zhibu::problem::Code) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{c:?}"))
}

/// The data file beside `<stem>.expected.json`.
fn data_file(expected: &Path) -> Option<PathBuf> {
    let name = expected.file_name()?.to_str()?;
    let stem = name.strip_suffix(".expected.json")?;
    let dir = expected.parent()?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !n.ends_with(".json") && p.file_stem().and_then(|s| s.to_str()) == Some(stem)
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

fn check_file(expected_path: &Path, cfg: &Config) -> Vec<String> {
    let mut out = Vec::new();
    let text = match std::fs::read_to_string(expected_path) {
        Ok(t) => t,
        Err(e) => return vec![format!("cannot read: {e}")],
    };
    let expected: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return vec![format!("bad expected JSON: {e}")],
    };
    let Some(data) = data_file(expected_path) else {
        return vec!["no data file beside the expected JSON (run scripts/zoo-legacy.sh?)".into()];
    };
    let inbox = data.parent().unwrap();
    let res = read_file(inbox, &data, cfg);
    let mut codes: Vec<String> = res.problems.iter().map(|p| code(&p.code)).collect();
    for form in &res.forms {
        let extra = match form {
            Form::Application(a) => check::application(a, &res.rel, cfg),
            Form::Pairing(p) => check::pairing(p, &res.rel, cfg),
            Form::Case(c) => check::case(c, &res.rel, cfg),
            _ => Vec::new(),
        };
        codes.extend(extra.iter().map(|p| code(&p.code)));
    }
    codes.sort();
    let messages: Vec<String> = res
        .problems
        .iter()
        .map(|p| format!("{}@{}: {}", code(&p.code), p.location, p.message))
        .collect();

    let want_kind = expected["kind"].as_str().unwrap_or("");
    let kinds: Vec<String> = res
        .forms
        .iter()
        .map(|f| {
            serde_json::to_value(f.kind())
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    if kinds.len() != 1 || kinds[0] != want_kind {
        out.push(format!(
            "kind: expected exactly one {want_kind} form, got {kinds:?}"
        ));
    }
    if let Some(form) = res.forms.iter().find(|f| {
        kinds.len() == 1
            || serde_json::to_value(f.kind())
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .as_deref()
                == Some(want_kind)
    }) {
        matches("form", &expected["form"], &inner(form), &mut out);
    }
    let mut want: Vec<String> = expected["problems"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    want.sort();
    if want != codes {
        out.push(format!(
            "problems: expected {want:?}, got {codes:?} (read_file said: {messages:?})"
        ));
    }
    out
}

#[test]
fn layout_zoo() {
    let cfg = zoo_config();
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut kind_dirs: Vec<PathBuf> = std::fs::read_dir(zoo())
        .expect("tests/zoo")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    kind_dirs.sort();
    for dir in kind_dirs {
        let kind = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
            .collect();
        files.sort();
        for f in files {
            *counts.entry(kind.clone()).or_default() += 1;
            let rel = format!("{kind}/{}", f.file_name().unwrap().to_string_lossy());
            let rel = rel.trim_end_matches(".expected.json").to_string();
            let errs = check_file(&f, &cfg);
            if !errs.is_empty() {
                failures.insert(rel, errs);
            }
        }
    }
    for (kind, min) in KINDS {
        let n = counts.get(*kind).copied().unwrap_or(0);
        if n < *min {
            failures
                .entry(format!("{kind}/"))
                .or_default()
                .push(format!("only {n} layouts, at least {min} required"));
        }
    }
    if !failures.is_empty() {
        let total: usize = counts.values().sum();
        let mut msg = format!(
            "layout zoo: {} of {total} layouts fail ({} mismatches)\n",
            failures.len(),
            failures.values().map(Vec::len).sum::<usize>()
        );
        for (file, errs) in &failures {
            msg.push_str(&format!("\n{file}\n"));
            for e in errs {
                msg.push_str(&format!("    {e}\n"));
            }
        }
        panic!("{msg}");
    }
}
