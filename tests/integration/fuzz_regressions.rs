//! Issue 17: every crash input the fuzzers found (`tests/fuzz-regressions/
//! <target>/`) and the committed seed corpora (`fuzz/seeds/<target>/`),
//! replayed as the fuzz targets in `fuzz/` see them: first straight into the
//! reader of the target, outside the `catch_unwind` of `ingest::read`, with the
//! same invariants; then as a file through `pipeline::read_file` with the
//! limits on, where anything that gives no form must give a problem.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zhibu::config::Config;
use zhibu::fuzzing::{self, Document, Format, Limits, ReadError};
use zhibu::ingest::{Table, WordDoc, Workbook};

const TARGETS: [&str; 7] = ["zipguard", "docx", "xlsx", "xls", "ods", "doc", "read_file"];
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Files of `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn table_depth(t: &Table) -> usize {
    1 + t
        .rows
        .iter()
        .flatten()
        .flat_map(|c| c.tables.iter())
        .map(table_depth)
        .max()
        .unwrap_or(0)
}

fn word_ok(r: Result<WordDoc, ReadError>, limits: &Limits) {
    match r {
        Ok(doc) => {
            for t in doc.tables() {
                assert!(table_depth(t) <= limits.max_depth, "tables nested too deep");
            }
        }
        Err(e) => assert!(!e.to_string().trim().is_empty(), "{e:?}"),
    }
}

fn workbook_ok(r: Result<Workbook, ReadError>, limits: &Limits) {
    match r {
        Ok(wb) => {
            for s in &wb.sheets {
                assert!(s.rows.len() <= limits.max_rows);
                assert!(s.rows.iter().all(|r| r.len() <= limits.max_cols));
            }
        }
        Err(e) => assert!(!e.to_string().trim().is_empty(), "{e:?}"),
    }
}

/// What the fuzz target `target` does with `data`, panicking where it would crash.
fn direct(target: &str, data: &[u8], limits: &Limits) {
    match target {
        "zipguard" => {
            if let Ok(mut zip) = fuzzing::GuardedZip::open(data, limits, "压缩包") {
                for name in ["word/document.xml", "xl/workbook.xml", "content.xml"] {
                    if let Ok(part) = zip.read(name) {
                        assert!(part.len() as u64 <= limits.max_unzipped_bytes());
                    }
                }
                let _ = zip.verify_parts(|_| true);
            }
        }
        "docx" if data.starts_with(b"PK") => word_ok(fuzzing::read_docx(data, limits), limits),
        "docx" => word_ok(fuzzing::parse_document_xml(data, limits), limits),
        "xlsx" => workbook_ok(fuzzing::read_xlsx(data, limits), limits),
        "xls" if data.starts_with(OLE) => {
            let scanned = fuzzing::xls_prescan(data, limits);
            let read = fuzzing::read_xls(data, limits);
            assert!(scanned.is_ok() || read.is_err());
            workbook_ok(read, limits);
        }
        "xls" => {
            let _ = fuzzing::biff_scan(data, limits);
        }
        "ods" if data.starts_with(b"PK") => workbook_ok(fuzzing::read_ods(data, limits), limits),
        "ods" => {
            let _ = fuzzing::ods_prescan(data, limits);
        }
        "doc" => word_ok(fuzzing::read_doc(data, limits), limits),
        "read_file" => {
            let format = fuzzing::sniff(data);
            if !matches!(format, Format::Other(_) | Format::Damaged(_)) && !data.is_empty() {
                match fuzzing::read(format, data, limits) {
                    Ok(Document::Word(w)) => word_ok(Ok(w), limits),
                    Ok(Document::Workbook(wb)) => workbook_ok(Ok(wb), limits),
                    Err(e) => assert!(!e.to_string().trim().is_empty()),
                }
            }
        }
        other => panic!("unknown fuzz target {other}"),
    }
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Docx => "docx",
        Format::Xlsx => "xlsx",
        Format::Ods => "ods",
        Format::Doc => "doc",
        Format::Xls => "xls",
        _ => "bin",
    }
}

/// Replay `inputs` of `target`; the failures, one line each.
fn replay(target: &str, inputs: &[PathBuf], cfg: &Config, inbox: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    for path in inputs {
        let data = std::fs::read(path).unwrap();
        let shown = path
            .strip_prefix(root())
            .unwrap_or(path)
            .display()
            .to_string();
        let t = Instant::now();
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| direct(target, &data, &cfg.limits))) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{shown}: the {target} reader panicked: {why}"));
            continue;
        }
        // As a file of an inbox, named as its content deserves.
        let file = inbox.join(format!("input.{}", extension(fuzzing::sniff(&data))));
        std::fs::write(&file, &data).unwrap();
        let res = zhibu::pipeline::read_file(inbox, &file, cfg);
        if res.forms.is_empty() && res.problems.is_empty() {
            failures.push(format!("{shown}: no form and no problem"));
        }
        if t.elapsed() > Duration::from_secs(5) {
            failures.push(format!("{shown}: took {:?}", t.elapsed()));
        }
        std::fs::remove_file(&file).unwrap();
    }
    failures
}

#[test]
fn every_fuzz_crash_input_is_read_within_the_limits() {
    let cfg = Config::preset("duibiao").unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for target in TARGETS {
        let inputs = files(&root().join("tests/fuzz-regressions").join(target));
        n += inputs.len();
        failures.extend(replay(target, &inputs, &cfg, inbox.path()));
    }
    // The .xls inputs of the first fuzzing (issue 11), straight into the reader too.
    let finds = files(&root().join("tests/fixtures/fuzz-finds/xls"));
    n += finds.len();
    failures.extend(replay("xls", &finds, &cfg, inbox.path()));
    assert!(n > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_seed_is_read_within_the_limits() {
    let cfg = Config::preset("duibiao").unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for target in TARGETS {
        let seeds = files(&root().join("fuzz/seeds").join(target));
        assert!(!seeds.is_empty(), "no seeds for {target}");
        failures.extend(replay(target, &seeds, &cfg, inbox.path()));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
