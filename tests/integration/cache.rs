//! Issue #13: the content cache, byte-identical outputs, and `zhibu watch`.
//! Each test copies the committed sample inbox into a temp folder and runs
//! the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use zhibu::cache::{Cache, VERSION_ENV};
use zhibu::ingest::{Document, Format};

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The sample inbox in a temp folder, its files dated a minute back (the
/// stat index only trusts files older than the run by two seconds).
fn sample() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox"), &inbox);
    age(&inbox);
    (tmp, inbox)
}

fn age(dir: &Path) {
    let back = std::time::SystemTime::now() - Duration::from_secs(60);
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            let f = std::fs::File::options().write(true).open(e.path()).unwrap();
            f.set_modified(back).unwrap();
        }
    }
}

fn zhibu(cmd: &str, inbox: &Path, outbox: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    c.arg(cmd)
        .arg("--inbox")
        .arg(inbox)
        .arg("--outbox")
        .arg(outbox)
        .args(extra)
        .env("TZ", "Asia/Shanghai");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn report(outbox: &Path) -> String {
    std::fs::read_to_string(outbox.join("report.json")).unwrap()
}

const APP: &str = "外国语学院/外国语学院-外语本科第一党支部-对标争先申请表.docx";

/// The document the cache holds for APP, with every 外语本科第一 renamed, and
/// what extraction made of that document: a run that shows the new name took
/// them from the cache.
fn poison(inbox: &Path, outbox: &Path, limits: &zhibu::limits::Limits) {
    let bytes = std::fs::read(inbox.join(APP)).unwrap();
    let sha = zhibu::render::sha256_hex(&bytes);
    let doc = zhibu::ingest::read(Format::Docx, &bytes, limits).unwrap();
    let json = serde_json::to_string(&doc)
        .unwrap()
        .replace("外语本科第一", "缓存测试");
    let doc: Document = serde_json::from_str(&json).unwrap();
    let cfg = config(inbox);
    let cache = Cache::open(outbox, limits).for_config(&cfg);
    cache.put(&sha, Format::Docx, &doc);
    cache.keep_extracted(
        &sha,
        APP,
        Format::Docx,
        &zhibu::extract::extract(&doc, APP, &cfg),
    );
    // Else the unchanged inbox would let the run stop before reading anything.
    cache.forget_runs();
}

/// An extraction of APP kept in the cache with its title changed, its
/// document left as read: a run that shows the title took the forms from the
/// extraction cache.
fn poison_extraction(inbox: &Path, outbox: &Path, title: &str) {
    let bytes = std::fs::read(inbox.join(APP)).unwrap();
    let sha = zhibu::render::sha256_hex(&bytes);
    let cfg = config(inbox);
    let doc = zhibu::ingest::read(Format::Docx, &bytes, &cfg.limits).unwrap();
    let mut ex = zhibu::extract::extract(&doc, APP, &cfg);
    let application = |forms: &[zhibu::model::Form]| -> zhibu::model::Application {
        let apps: Vec<_> = forms
            .iter()
            .filter_map(|f| match f {
                zhibu::model::Form::Application(a) => Some((**a).clone()),
                _ => None,
            })
            .collect();
        assert_eq!(apps.len(), 1);
        apps.into_iter().next().unwrap()
    };
    let read = application(&ex.forms);
    assert!(!read.locs.is_empty() && !read.requested_raw.is_empty());
    for form in &mut ex.forms {
        if let zhibu::model::Form::Application(a) = form {
            a.title = title.to_string();
        }
    }
    let cache = Cache::open(outbox, &cfg.limits).for_config(&cfg);
    cache.keep_extracted(&sha, APP, Format::Docx, &ex);
    // The fields the report leaves out come back too: the locations that
    // missing-field messages cite, and 申请经费 as written.
    let (format, kept) = cache.extracted(&sha, APP).expect("kept");
    assert_eq!(format, Format::Docx);
    let kept = application(&kept.forms);
    assert_eq!(kept.locs, read.locs);
    assert_eq!(kept.requested_raw, read.requested_raw);
    assert_eq!(kept.title, title);
    cache.forget_runs();
}

fn config(inbox: &Path) -> zhibu::config::Config {
    zhibu::config::load(None, inbox).unwrap().0
}

/// The same zip entries, stored without compression: other bytes, same document.
fn resave(docx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn limits(inbox: &Path) -> zhibu::limits::Limits {
    config(inbox).limits
}

#[test]
fn extraction_cache_hit_and_invalidation() {
    let (tmp, inbox) = sample();
    let out = tmp.path().join("out");
    let clean = tmp.path().join("clean");
    zhibu("run", &inbox, &clean, &["--no-cache"], &[]);
    zhibu("run", &inbox, &out, &[], &[]);
    // A re-run after the inbox changed (a file added) takes every other
    // file's forms from the extraction cache: same outputs as a clean run.
    std::fs::write(inbox.join("说明.txt"), "不是表格").unwrap();
    age(&inbox);
    zhibu("run", &inbox, &out, &[], &[]);
    zhibu("run", &inbox, &clean, &["--no-cache"], &[]);
    assert_eq!(
        report(&out),
        report(&clean),
        "report.json with and without the cache"
    );
    assert_eq!(
        files(&out),
        files(&clean),
        "every output with and without the cache"
    );
    let entries = walkdir::WalkDir::new(out.join(zhibu::cache::DIR))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('x'))
        .count();
    assert!(
        entries >= 20,
        "one extraction kept per form file: {entries}"
    );

    // A hit: the planted forms are what the run reports.
    poison_extraction(&inbox, &out, "提取缓存测试项目");
    zhibu("check", &inbox, &out, &[], &[]);
    let hit = report(&out);
    assert!(
        hit.contains("提取缓存测试项目"),
        "the kept extraction was used"
    );
    // A config change reading does not depend on (the campaign's name) still
    // extracts again: the whole config is in the key.
    let cfg_path = inbox.join("zhibu.toml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    poison_extraction(&inbox, &out, "提取缓存测试项目");
    std::fs::write(
        &cfg_path,
        cfg.replacen("name = \"2025年", "name = \"2026年", 1),
    )
    .unwrap();
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(
        !report(&out).contains("提取缓存测试项目"),
        "a changed config extracts again"
    );
    std::fs::write(&cfg_path, &cfg).unwrap();
    age(&inbox);
    // The same bytes under another name: extracted again (the path is in the key).
    poison_extraction(&inbox, &out, "提取缓存测试项目");
    let moved = inbox.join(APP.replace("申请表.docx", "申请表（改名）.docx"));
    std::fs::rename(inbox.join(APP), &moved).unwrap();
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(
        !report(&out).contains("提取缓存测试项目"),
        "another path extracts again"
    );
    std::fs::rename(&moved, inbox.join(APP)).unwrap();
    // A corrupt extraction entry: ignored, the file read again.
    poison_extraction(&inbox, &out, "提取缓存测试项目");
    for e in walkdir::WalkDir::new(out.join(zhibu::cache::DIR))
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() && e.file_name().to_string_lossy().starts_with('x') {
            let mut bytes = std::fs::read(e.path()).unwrap();
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x40;
            std::fs::write(e.path(), bytes).unwrap();
        }
    }
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(
        !report(&out).contains("提取缓存测试项目"),
        "a corrupt entry is not trusted"
    );
    zhibu("check", &inbox, &clean, &["--no-cache"], &[]);
    assert_eq!(report(&out), report(&clean));
}

#[test]
fn cache_hit_and_every_invalidation() {
    let (tmp, inbox) = sample();
    let out = tmp.path().join("out");
    let clean = tmp.path().join("clean");
    zhibu("check", &inbox, &clean, &["--no-cache"], &[]);
    assert!(
        !clean.join(zhibu::cache::DIR).exists(),
        "--no-cache writes no cache"
    );
    // First run fills the cache; the second takes every document from it; same report.
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(out.join(zhibu::cache::DIR).is_dir());
    assert_eq!(report(&out), report(&clean));
    zhibu("check", &inbox, &out, &[], &[]);
    assert_eq!(
        report(&out),
        report(&clean),
        "report.json with and without the cache"
    );

    // A hit: the (planted) cached document is what the run sees.
    let lim = limits(&inbox);
    poison(&inbox, &out, &lim);
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(
        report(&out).contains("缓存测试"),
        "the cached document was used"
    );
    // --no-cache ignores it.
    zhibu("check", &inbox, &out, &["--no-cache"], &[]);
    assert!(!report(&out).contains("缓存测试"));

    // Another zhibu version: the cache is not trusted (and is replaced).
    poison(&inbox, &out, &lim);
    zhibu("check", &inbox, &out, &[], &[(VERSION_ENV, "99.0.0")]);
    assert!(!report(&out).contains("缓存测试"));
    assert_eq!(report(&out), report(&clean));

    // A changed file: read again, not taken from the cache.
    poison(&inbox, &out, &lim);
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(report(&out).contains("缓存测试"));
    // (the same form saved again: new bytes, the same content)
    let path = inbox.join(APP);
    let doc = zhibu::ingest::read(Format::Docx, &std::fs::read(&path).unwrap(), &lim).unwrap();
    let resaved = resave(&std::fs::read(&path).unwrap());
    assert_eq!(
        zhibu::ingest::read(Format::Docx, &resaved, &lim).unwrap(),
        doc
    );
    std::fs::write(&path, &resaved).unwrap();
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(!report(&out).contains("缓存测试"));

    // Changed reading limits in the config: another cache.
    let cfg_path = inbox.join("zhibu.toml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    poison(&inbox, &out, &lim);
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(report(&out).contains("缓存测试"));
    std::fs::write(&cfg_path, format!("{cfg}\n[limits]\nmax_file_mb = 49\n")).unwrap();
    zhibu("check", &inbox, &out, &[], &[]);
    assert!(!report(&out).contains("缓存测试"));
    std::fs::write(&cfg_path, &cfg).unwrap();

    // A corrupt cache: every entry garbage, the index cut short; ignored.
    zhibu("check", &inbox, &out, &[], &[]);
    for e in walkdir::WalkDir::new(out.join(zhibu::cache::DIR))
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            let len = std::fs::metadata(e.path()).unwrap().len() as usize;
            std::fs::write(e.path(), vec![0x5a; len / 2]).unwrap();
        }
    }
    let fresh = tmp.path().join("fresh");
    zhibu("check", &inbox, &fresh, &["--no-cache"], &[]);
    zhibu("check", &inbox, &out, &[], &[]);
    assert_eq!(report(&out), report(&fresh));
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != zhibu::cache::DIR)
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn two_runs_give_byte_identical_outputs_and_touch_nothing() {
    let (tmp, inbox) = sample();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    zhibu("run", &inbox, &a, &[], &[]);
    std::thread::sleep(Duration::from_millis(1100));
    zhibu("run", &inbox, &b, &["--no-cache"], &[]);
    let (fa, fb) = (files(&a), files(&b));
    assert!(
        fa.iter().any(|(p, _)| p.ends_with(".pdf")),
        "PDFs compared too"
    );
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two runs");
    }
    // An unchanged re-run rewrites no output.
    let times = |d: &Path| -> Vec<std::time::SystemTime> {
        files(d)
            .iter()
            .map(|(p, _)| std::fs::metadata(d.join(p)).unwrap().modified().unwrap())
            .collect()
    };
    let before = times(&a);
    let again = zhibu("run", &inbox, &a, &[], &[]);
    assert_eq!(times(&a), before);
    assert!(String::from_utf8_lossy(&again.stdout).contains("没有变化"));
    // With --no-cache the run does everything again, and still rewrites nothing.
    let again = zhibu("run", &inbox, &a, &["--no-cache"], &[]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("没有变化"));
    assert_eq!(times(&a), before);
    // An output changed by hand: the next run writes it again.
    let xlsx = a.join("申报汇总表.xlsx");
    let good = std::fs::read(&xlsx).unwrap();
    std::fs::write(&xlsx, b"edited").unwrap();
    let again = zhibu("run", &inbox, &a, &[], &[]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("没有变化"));
    assert_eq!(std::fs::read(&xlsx).unwrap(), good);
    // A changed inbox file: a real run.
    let path = inbox.join(APP);
    std::fs::write(&path, resave(&std::fs::read(&path).unwrap())).unwrap();
    let again = zhibu("run", &inbox, &a, &[], &[]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("没有变化"));
    // The exit status of an unchanged re-run is the one of the run it stands for.
    let first = zhibu("check", &inbox, &a, &[], &[]);
    let second = zhibu("check", &inbox, &a, &[], &[]);
    assert!(String::from_utf8_lossy(&second.stdout).contains("没有变化"));
    assert_eq!(first.status.code(), second.status.code());
}

#[cfg(unix)]
#[test]
fn watch_picks_up_a_new_file_and_ends_on_ctrl_c() {
    let (tmp, inbox) = sample();
    let new = tmp.path().join("new.docx");
    std::fs::rename(inbox.join(APP), &new).unwrap();
    let out = tmp.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["watch", "--no-isolate", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wait_for = |what: &dyn Fn() -> bool, secs: u64| {
        let t = Instant::now();
        while !what() {
            assert!(t.elapsed() < Duration::from_secs(secs), "timed out");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let listed = || {
        std::fs::read_to_string(out.join("report.json"))
            .is_ok_and(|r| r.contains("外语本科第一党支部-对标争先申请表.docx"))
    };
    wait_for(&|| out.join("report.json").exists(), 120);
    assert!(!listed());
    // A lock file alone starts no run; the new form does.
    std::fs::write(inbox.join("外国语学院/~$lock.docx"), b"x").unwrap();
    std::fs::copy(&new, inbox.join(APP)).unwrap();
    wait_for(&listed, 120);
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let t = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        if t.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("watch did not end on Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A docx with `from` replaced by `to` in word/document.xml, every other part as it was.
fn replace_in_docx(docx: &[u8], from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from));
            data = text.replace(from, to).into_bytes();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_changed_file_recompiles_only_its_documents() {
    let (tmp, inbox) = sample();
    let out = tmp.path().join("out");
    zhibu("run", &inbox, &out, &[], &[]);
    let cache = Cache::open(&out, &limits(&inbox));
    let pdfs: Vec<String> = files(&out)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    assert!(pdfs.len() >= 4, "{pdfs:?}");
    // Every render entry dated long ago: an entry written again is a compilation.
    let long_ago = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000);
    let date = |p: &String| {
        std::fs::metadata(cache.render_entry(p))
            .unwrap()
            .modified()
            .unwrap()
    };
    for p in &pdfs {
        let entry = cache.render_entry(p);
        assert!(entry.is_file(), "{p} has a render entry");
        let f = std::fs::File::options().write(true).open(&entry).unwrap();
        f.set_modified(long_ago).unwrap();
    }
    // One partner of 财务处党支部 renamed in its pairing table.
    let table = inbox.join("机关党委/财务处党支部-结对共建信息表.docx");
    let changed = replace_in_docx(
        &std::fs::read(&table).unwrap(),
        "梁溪社区党支部",
        "惠山社区党支部",
    );
    std::fs::write(&table, changed).unwrap();
    zhibu("run", &inbox, &out, &[], &[]);
    let compiled: Vec<&String> = pdfs.iter().filter(|p| date(p) != long_ago).collect();
    assert!(
        compiled.iter().any(|p| p.contains("财务处党支部")),
        "the changed branch's 述职评议材料 is compiled again: {compiled:?}"
    );
    assert!(
        !compiled.iter().any(|p| p.contains("案例汇编")
            || p.contains("学生工作部")
            || p.contains("党委组织部")),
        "documents whose data did not change are not compiled: {compiled:?}"
    );
    // The outputs are those of a run without any cache.
    let clean = tmp.path().join("clean");
    zhibu("run", &inbox, &clean, &["--no-cache"], &[]);
    assert_eq!(files(&out), files(&clean));

    // A corrupt render entry is ignored: the PDF is compiled again, same bytes.
    for p in &pdfs {
        std::fs::write(cache.render_entry(p), b"ZHIBUC01 garbage").unwrap();
    }
    cache.forget_runs();
    zhibu("run", &inbox, &out, &[], &[]);
    assert!(
        pdfs.iter()
            .all(|p| std::fs::read(cache.render_entry(p)).unwrap() != b"ZHIBUC01 garbage"),
        "corrupt entries are replaced"
    );
    assert_eq!(files(&out), files(&clean));
    // A PDF edited by hand is compiled again, not trusted.
    let compilation = out.join("案例汇编.pdf");
    std::fs::write(&compilation, b"edited").unwrap();
    zhibu("run", &inbox, &out, &[], &[]);
    assert_eq!(files(&out), files(&clean));
}
