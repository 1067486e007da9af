//! One bad file must never stop the run (issue 11): the .xls inputs that
//! aborted the process end as coded problems, in-process and through the
//! worker pool, and a worker that dies costs only its file.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use zhibu::config::Config;
use zhibu::problem::Code;

fn fuzz_finds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-finds/xls");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    assert_eq!(v.len(), 11);
    v
}

/// 30 good forms of every kind the fixtures give: .docx and .doc
/// applications, .xlsx, .xls and .ods summary sheets.
fn good_forms(inbox: &Path) -> Vec<String> {
    let docx = common::application_docx(&common::legacy_app(true));
    let rows: Vec<[&str; 6]> = (0..5)
        .map(|_| {
            [
                "机械本科第一党支部",
                "“红色引擎”学业互助计划",
                "学思践悟·固本强基",
                "张明",
                "13912345678",
                "3000",
            ]
        })
        .collect();
    let xlsx = common::summary_xlsx("机械工程学院党委", &rows);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy");
    let kinds: [(&str, Vec<u8>); 5] = [
        ("docx", docx),
        (
            "doc",
            std::fs::read(fixtures.join("application4.doc")).unwrap(),
        ),
        ("xlsx", xlsx),
        ("xls", std::fs::read(fixtures.join("summary.xls")).unwrap()),
        ("ods", std::fs::read(fixtures.join("summary.ods")).unwrap()),
    ];
    let mut names = Vec::new();
    for i in 0..30 {
        let (ext, bytes) = &kinds[i % kinds.len()];
        let name = format!("good/表{i:02}.{ext}");
        std::fs::create_dir_all(inbox.join("good")).unwrap();
        std::fs::write(inbox.join(&name), bytes).unwrap();
        names.push(name);
    }
    names
}

#[test]
fn every_fuzz_find_is_a_coded_problem_in_process() {
    let cfg = Config::preset("duibiao").unwrap();
    for path in fuzz_finds() {
        let t = Instant::now();
        let res = zhibu::pipeline::read_file(path.parent().unwrap(), &path, &cfg);
        let took = t.elapsed();
        assert!(res.rejected, "{}", path.display());
        let codes: Vec<Code> = res.problems.iter().map(|p| p.code).collect();
        assert!(
            codes
                .iter()
                .any(|c| matches!(c, Code::CorruptFile | Code::TooLarge)),
            "{}: {codes:?}",
            path.display()
        );
        assert!(
            took < Duration::from_secs(2),
            "{} took {took:?}",
            path.display()
        );
    }
}

#[test]
fn the_prescan_refuses_before_calamine() {
    // Straight to the .xls reader: each file is refused with a message, none
    // reaches the allocation that aborted.
    let limits = zhibu::limits::Limits::default();
    for path in fuzz_finds() {
        let bytes = std::fs::read(&path).unwrap();
        let r = zhibu::ingest::read(zhibu::ingest::Format::Xls, &bytes, &limits);
        let e = r.expect_err(&path.display().to_string());
        assert!(!e.to_string().is_empty());
    }
}

fn check(
    inbox: &Path,
    outbox: &Path,
    env: &[(&str, &str)],
    extra: &[&str],
) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    cmd.arg("check")
        .arg("--inbox")
        .arg(inbox)
        .arg("--outbox")
        .arg(outbox)
        .args(extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn report(outbox: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(outbox.join("report.json")).unwrap()).unwrap()
}

fn file<'a>(report: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in report"))
}

fn problem_codes(report: &serde_json::Value, path: &str) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == path)
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fuzz_finds_among_good_forms_the_run_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir_all(inbox.join("bad")).unwrap();
    let good = good_forms(&inbox);
    for p in fuzz_finds() {
        std::fs::copy(&p, inbox.join("bad").join(p.file_name().unwrap())).unwrap();
    }
    for extra in [&[][..], &["--no-isolate"][..]] {
        let outbox = tmp.path().join(format!("out{}", extra.len()));
        let out = check(&inbox, &outbox, &[], extra);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{extra:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let r = report(&outbox);
        for name in &good {
            let f = file(&r, name);
            assert_ne!(f["status"], "rejected", "{name}: {f}");
            assert_ne!(f["kind"], "unrecognised", "{name}: {f}");
        }
        for p in fuzz_finds() {
            let name = format!("bad/{}", p.file_name().unwrap().to_string_lossy());
            assert_eq!(file(&r, &name)["status"], "rejected");
            let codes = problem_codes(&r, &name);
            assert!(
                codes
                    .iter()
                    .any(|c| c == "corrupt_file" || c == "too_large"),
                "{name}: {codes:?}"
            );
        }
    }
}

#[test]
fn a_worker_that_dies_costs_only_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let good = good_forms(&inbox);
    // Two files make their worker abort; the pool replaces it each time.
    let docx = common::application_docx(&common::legacy_app(true));
    std::fs::write(inbox.join("boom-1.docx"), &docx).unwrap();
    std::fs::write(inbox.join("boom-2.docx"), &docx).unwrap();
    let outbox = tmp.path().join("outbox");
    // (--no-cache: the boom files hold the same bytes as a good form, whose
    // document the content cache would otherwise give them without a worker)
    let out = check(
        &inbox,
        &outbox,
        &[("ZHIBU_TEST_CRASH_ON", "boom")],
        &["--no-cache"],
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&outbox);
    for name in ["boom-1.docx", "boom-2.docx"] {
        assert_eq!(file(&r, name)["status"], "rejected");
        let p = r["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["file"] == name)
            .unwrap();
        assert_eq!(p["code"], "corrupt_file");
        assert_eq!(p["message"], "读取该文件时程序异常退出，已跳过");
    }
    for name in &good {
        assert_ne!(file(&r, name)["status"], "rejected", "{name}");
    }
    // In-process reading ignores the trigger: it is a worker's only.
    let outbox = tmp.path().join("outbox2");
    let out = check(
        &inbox,
        &outbox,
        &[("ZHIBU_TEST_CRASH_ON", "boom")],
        &["--no-isolate"],
    );
    assert!(matches!(out.status.code(), Some(0 | 1)));
    assert_ne!(file(&report(&outbox), "boom-1.docx")["status"], "rejected");
}

#[test]
fn the_pool_reads_what_in_process_reading_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    good_forms(&inbox);
    let cfg = Config::preset("duibiao").unwrap();
    let opts = zhibu::isolate::Options::new(env!("CARGO_BIN_EXE_zhibu").into(), &cfg.limits);
    let pool = zhibu::isolate::Pool::start(opts, &cfg.limits).unwrap();
    let a = zhibu::pipeline::analyse(&inbox, &cfg, || ());
    let b = zhibu::pipeline::analyse_with(&inbox, &cfg, Some(&pool), || ());
    let json = |o: &zhibu::pipeline::Outcome| {
        serde_json::to_string(&(o.file_entries(), o.app_entries(), &o.problems)).unwrap()
    };
    assert_eq!(json(&a), json(&b));
}

/// Workers that also recognise the forms (how `zhibu run` starts them) give
/// the same outcome as reading and recognising here, on the sample inboxes
/// of every campaign (blank, damaged and misnamed files among them); under
/// another config than the pool's, the parent recognises (the workers only
/// read), so the answer is that config's.
#[test]
fn workers_that_recognise_give_what_this_process_gives() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = |o: &zhibu::pipeline::Outcome| {
        serde_json::to_string(&(o.file_entries(), o.app_entries(), &o.problems)).unwrap()
    };
    for name in ["inbox", "inbox-两在两同", "inbox-结项"] {
        let inbox = root.join(name);
        let (cfg, _) = zhibu::config::load(None, &inbox).unwrap();
        let opts = zhibu::isolate::Options::new(env!("CARGO_BIN_EXE_zhibu").into(), &cfg.limits)
            .extracting(&cfg);
        let pool = zhibu::isolate::Pool::start(opts, &cfg.limits).unwrap();
        assert!(pool.extracts_under(&cfg));
        let here = zhibu::pipeline::analyse(&inbox, &cfg, || ());
        let there = zhibu::pipeline::analyse_with(&inbox, &cfg, Some(&pool), || ());
        assert!(here.files.len() >= 5, "{name}");
        assert_eq!(json(&here), json(&there), "{name}");
        // Another config: not the pool's, so recognised here, under it.
        let mut other = cfg.clone();
        other.title_max_chars = 3;
        assert!(!pool.extracts_under(&other));
        let here = zhibu::pipeline::analyse(&inbox, &other, || ());
        let there = zhibu::pipeline::analyse_with(&inbox, &other, Some(&pool), || ());
        assert_eq!(json(&here), json(&there), "{name} under another config");
    }
}

/// With the cache on, a worker that recognises also sends the document, and
/// the parent keeps it as it came (never decoded): afterwards every file that
/// gave forms has its document in the cache, readable, for a run under a
/// changed config.
#[test]
fn the_document_a_recognising_worker_sends_is_cached() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inbox = root.join("inbox");
    let (cfg, _) = zhibu::config::load(None, &inbox).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let opts = zhibu::isolate::Options::new(env!("CARGO_BIN_EXE_zhibu").into(), &cfg.limits)
        .extracting(&cfg);
    let pool = zhibu::isolate::Pool::start(opts, &cfg.limits).unwrap();
    let cache = zhibu::cache::Cache::open(tmp.path(), &cfg.limits).for_config(&cfg);
    zhibu::pipeline::analyse_cached(&inbox, &cfg, Some(&pool), Some(&cache), || ());
    cache.finish();
    // Every parsed file's document is in the cache, readable.
    let outcome = zhibu::pipeline::analyse(&inbox, &cfg, || ());
    let cache = zhibu::cache::Cache::open(tmp.path(), &cfg.limits);
    let parsed: Vec<_> = outcome.files.iter().filter(|f| f.kind.is_some()).collect();
    assert!(parsed.len() >= 5);
    for f in parsed {
        assert!(cache.get(&f.sha256).is_some(), "{} not cached", f.rel);
    }
}

/// On Linux the pool widens its pipes so that batches of forms fit (as far
/// as `/proc/sys/fs/pipe-max-size` allows); elsewhere it sends one file at
/// a time.
#[test]
fn batches_fit_the_widened_pipe() {
    let cfg = Config::preset("duibiao").unwrap();
    let opts = zhibu::isolate::Options::new(env!("CARGO_BIN_EXE_zhibu").into(), &cfg.limits);
    let pool = zhibu::isolate::Pool::start(opts, &cfg.limits).unwrap();
    if cfg!(target_os = "linux") {
        let max: usize = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // A pipe holds a power of two of pages; one page is kept spare.
        let size = pool.batch_bytes() + 4096;
        assert!(size.is_power_of_two() && size >= 64 << 10, "{size}");
        if max >= 1 << 20 {
            assert_eq!(size, 1 << 20);
        }
    } else {
        assert_eq!(pool.batch_bytes(), 0);
    }
}
