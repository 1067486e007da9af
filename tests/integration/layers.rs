//! The direction of imports (ARCHITECTURE.md): every module imports only
//! from modules below it in the stage order, and no two source files import
//! each other, directly or in a ring. Read from the sources themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stage order, bottom first; a module may import from its own layer or
/// any layer before it.
const LAYERS: &[&[&str]] = &[
    &["problem", "vocab", "limits", "desktop", "sealed"],
    &["normalise"],
    &["model"],
    &["labels"],
    &["config"],
    &["calendar"],
    &["ingest"],
    &["extract"],
    &["canonical"],
    &["check"],
    &["stats"],
    &["render"],
    &["cache"],
    &["isolate"],
    &["pipeline"],
    &["watch"],
    &["serve"],
];

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

/// Module path of a source file: `src/render/mod.rs` → `render`,
/// `src/check/roster.rs` → `check::roster`.
fn module_of(rel: &Path) -> String {
    let s = rel.with_extension("").to_string_lossy().replace('\\', "/");
    let s = s.strip_suffix("/mod").unwrap_or(&s);
    s.replace('/', "::")
}

/// The source without comments and without its `#[cfg(test)]` tail (unit
/// tests may use anything).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path written `crate::a::b` or `crate::{a::b, c}` or `super::x`,
/// as a list of segments from the crate root.
fn paths_in(module: &str, code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let here: Vec<String> = module.split("::").map(str::to_string).collect();
    for (root, base) in [
        ("crate::", Vec::new()),
        ("super::", here[..here.len().saturating_sub(1)].to_vec()),
    ] {
        let mut rest = code;
        while let Some(i) = rest.find(root) {
            // `super::` inside `crate::x::super::` does not occur; skip identifiers ending in it.
            let before = rest[..i].chars().last();
            rest = &rest[i + root.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // Items of a brace group at depth one.
                let mut depth = 1;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 || (depth == 1 && c == ',') {
                        push_path(&mut out, &base, &item);
                        item.clear();
                        if depth == 0 {
                            break;
                        }
                    } else if depth == 1 {
                        item.push(c);
                    }
                }
            } else {
                let item: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                push_path(&mut out, &base, &item);
            }
        }
    }
    out
}

fn push_path(out: &mut Vec<Vec<String>>, base: &[String], item: &str) {
    let item = item.trim();
    if item.is_empty() || item == "self" {
        return;
    }
    let mut p = base.to_vec();
    p.extend(
        item.split("::")
            .map(|s| s.trim().to_string())
            .take_while(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_')),
    );
    out.push(p);
}

fn sources() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&src).unwrap();
            let text = std::fs::read_to_string(e.path()).unwrap();
            (module_of(rel), code_of(&text))
        })
        .filter(|(m, _)| m != "main" && m != "lib")
        .collect()
}

#[test]
fn every_module_imports_only_from_below() {
    let sources = sources();
    let mut wrong = Vec::new();
    for (module, code) in &sources {
        let top = module.split("::").next().unwrap();
        let Some(mine) = layer(top) else {
            wrong.push(format!(
                "{module}: not in LAYERS (add it to the stage order)"
            ));
            continue;
        };
        for p in paths_in(module, code) {
            let Some(theirs) = p.first().and_then(|t| layer(t)) else {
                continue;
            };
            if theirs > mine {
                wrong.push(format!(
                    "{module} imports {} from a layer above",
                    p.join("::")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_files_import_each_other() {
    let sources = sources();
    let modules: BTreeSet<&str> = sources.keys().map(String::as_str).collect();
    // Each path resolves to the longest module it names.
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (module, code) in &sources {
        for p in paths_in(module, code) {
            let target = (1..=p.len())
                .rev()
                .map(|n| p[..n].join("::"))
                .find(|m| modules.contains(m.as_str()));
            if let Some(t) = target
                && t != *module
                && !module.starts_with(&format!("{t}::"))
            {
                let t = *modules.get(t.as_str()).unwrap();
                edges.entry(module.as_str()).or_default().insert(t);
            }
        }
    }
    // Depth-first search for a cycle; the graph is tens of nodes.
    fn visit<'a>(
        n: &'a str,
        edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<&'a str>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let from = stack.iter().position(|x| *x == n).unwrap();
                let mut ring = stack[from..].to_vec();
                ring.push(n);
                return Some(ring);
            }
            _ => {}
        }
        state.insert(n, 1);
        stack.push(n);
        for m in edges.get(n).into_iter().flatten() {
            if let Some(ring) = visit(m, edges, state, stack) {
                return Some(ring);
            }
        }
        stack.pop();
        state.insert(n, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in &modules {
        let ring = visit(m, &edges, &mut state, &mut Vec::new());
        assert!(
            ring.is_none(),
            "import cycle: {}",
            ring.unwrap().join(" → ")
        );
    }
}

#[test]
fn the_reader_sees_imports() {
    // The parser itself: a brace group, a nested path and `super::`.
    let p = paths_in(
        "render::publicity",
        "use crate::{config::Config, model::{A, B}};\nuse super::documents::Job;",
    );
    let joined: Vec<String> = p.iter().map(|x| x.join("::")).collect();
    assert_eq!(
        joined,
        ["config::Config", "model", "render::documents::Job"],
        "{joined:?}"
    );
}
