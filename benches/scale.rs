//! Speed at campaign scale (issue #13), measured side by side in one run and
//! printed as ratios:
//! - ingest + check of a generated campaign (benches/support/corpus.rs, ~1,256 files
//!   at N = 1,000) by `zhibu check`, against the Python peer
//!   (benches/peer.py: python-docx + openpyxl reading the same files) and
//!   against the single-thread floor (inflate word/document.xml and tokenise
//!   it with quick-xml; calamine for the sheets);
//! - the worker pool against in-process reading (`--no-isolate`);
//! - the cost per form from 200 to 5,000 forms, and peak RSS at 5,000;
//! - an unchanged re-run and a re-run after one changed file, against a
//!   full run (`zhibu run`, PDFs included) and against `check`;
//! - the typst CLI for 案例汇编 (skipped with a message when `typst` is not
//!   installed).
//!
//! Run: cargo bench --bench scale [-- N] (N applications, default 1000;
//! ZHIBU_BENCH_BIG=0 skips the 5,000-form step). `-- gen DIR N` only writes
//! the corpus (to profile zhibu on it); `-- typst DIR` only compares Typst on
//! the corpus in DIR.

// Only some of the shared fixture builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/common/mod.rs"]
mod common;
#[path = "support/corpus.rs"]
mod corpus;

/// The allocator of the `zhibu` binary (src/main.rs), so that the embedded
/// Typst and the floor run here as they would there.
#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const ZHIBU: &str = env!("CARGO_BIN_EXE_zhibu");

/// Run zhibu, returning (seconds, peak RSS of the main process in MB).
fn zhibu(args: &[&str], inbox: &Path, outbox: &Path) -> (f64, f64) {
    let t = Instant::now();
    let child = Command::new(ZHIBU)
        .args(args)
        .arg("--inbox")
        .arg(inbox)
        .arg("--outbox")
        .arg(outbox)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("zhibu starts");
    let (status, rss) = wait_rss(child);
    let secs = t.elapsed().as_secs_f64();
    assert!(status <= 1, "zhibu {args:?} exited with {status}");
    (secs, rss)
}

#[cfg(unix)]
fn wait_rss(child: std::process::Child) -> (i32, f64) {
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    (libc::WEXITSTATUS(status), usage.ru_maxrss as f64 / 1024.0)
}

#[cfg(not(unix))]
fn wait_rss(mut child: std::process::Child) -> (i32, f64) {
    (child.wait().unwrap().code().unwrap_or(2), 0.0)
}

/// Best of `k` runs of `f`.
fn best(k: usize, mut f: impl FnMut() -> f64) -> f64 {
    (0..k).map(|_| f()).fold(f64::MAX, f64::min)
}

/// The floor: what reading the bytes costs at the least, on one thread.
fn floor(inbox: &Path) -> f64 {
    let files: Vec<_> = zhibu::ingest::discover(inbox);
    let t = Instant::now();
    let mut events = 0usize;
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        match p.extension().and_then(|e| e.to_str()) {
            Some("docx") => {
                let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
                let mut xml = Vec::new();
                zip.by_name("word/document.xml")
                    .unwrap()
                    .read_to_end(&mut xml)
                    .unwrap();
                let mut r = quick_xml::Reader::from_reader(xml.as_slice());
                let mut buf = Vec::new();
                loop {
                    match r.read_event_into(&mut buf) {
                        Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                        Ok(_) => events += 1,
                    }
                    buf.clear();
                }
            }
            Some("xlsx" | "xls" | "ods") => {
                use calamine::Reader;
                if let Ok(mut wb) = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
                    for (_, range) in wb.worksheets() {
                        events += range.used_cells().count();
                    }
                }
            }
            _ => events += bytes.len() / 1024,
        }
    }
    std::hint::black_box(events);
    t.elapsed().as_secs_f64()
}

/// `python3 benches/peer.py`, or why not.
fn peer(inbox: &Path) -> Result<f64, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peer.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(inbox)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .unwrap_or("peer.py failed")
            .to_string());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("unexpected output: {text}"))
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn main() {
    // `-- gen DIR N`: only write the corpus (for profiling), then stop.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "gen") {
        let dir = Path::new(args.get(i + 1).expect("gen DIR N"));
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(1000);
        let s = corpus::generate(dir, n);
        println!(
            "{} files, {:.1} MB in {}",
            s.files,
            s.bytes as f64 / 1e6,
            dir.display()
        );
        return;
    }
    // `-- typst DIR`: only the 案例汇编 comparison, on the corpus in DIR.
    if let Some(i) = args.iter().position(|a| a == "typst") {
        let dir = Path::new(args.get(i + 1).expect("typst DIR"));
        let tmp = tempfile::tempdir().unwrap();
        typst_cli(dir, tmp.path());
        return;
    }
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    let sizes = corpus::generate(&inbox, n);
    println!(
        "zhibu scale benchmark: {} files ({:.1} MB; {} applications, {} cases), {} cores, load {}",
        sizes.files,
        sizes.bytes as f64 / 1e6,
        sizes.applications,
        sizes.cases,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load()
    );
    let out = tmp.path().join("out");
    let fresh = |name: &str| {
        let d = tmp.path().join(name);
        let _ = std::fs::remove_dir_all(&d);
        d
    };
    // Warm the page cache and the binary.
    zhibu(&["check", "--no-cache"], &inbox, &fresh("warm"));

    // Ingest + check: zhibu (pool, in-process), the floor, the peer. The
    // three are interleaved, best of 7 each, so that a slower spell of a
    // shared machine falls on all of them alike.
    let mut check = f64::MAX;
    let mut inproc = f64::MAX;
    let mut fl = f64::MAX;
    for _ in 0..7 {
        check = check.min(zhibu(&["check", "--no-cache"], &inbox, &fresh("c")).0);
        inproc = inproc.min(
            zhibu(
                &["check", "--no-cache", "--no-isolate"],
                &inbox,
                &fresh("c"),
            )
            .0,
        );
        fl = fl.min(floor(&inbox));
    }
    println!("  zhibu check (worker pool)     {check:>8.3} s");
    println!(
        "  zhibu check --no-isolate      {inproc:>8.3} s   pool overhead {:+.1} %",
        (check / inproc - 1.0) * 100.0
    );
    println!(
        "  floor (1 thread)              {fl:>8.3} s   zhibu / floor = {:.2}× (goal ≤ 3×)",
        check / fl
    );
    match peer(&inbox) {
        Ok(p) => println!(
            "  Python peer (peer.py)         {p:>8.3} s   peer / zhibu = {:.1}× (goal ≥ 20×)",
            p / check
        ),
        Err(e) => println!("  Python peer skipped: {e} (pip install openpyxl python-docx)"),
    }

    // Re-runs: check and run, nothing changed, then one file changed.
    let _ = std::fs::remove_dir_all(&out);
    zhibu(&["check"], &inbox, &out);
    let again = best(3, || zhibu(&["check"], &inbox, &out).0);
    println!(
        "  check again, nothing changed  {again:>8.3} s   {:.0} % of a full check (goal ≤ 10 %)",
        again / check * 100.0
    );
    let run_out = fresh("run");
    let full = zhibu(&["run", "--no-cache"], &inbox, &run_out).0;
    let full = full.min(zhibu(&["run", "--no-cache"], &inbox, &fresh("run2")).0);
    zhibu(&["run"], &inbox, &run_out);
    let rerun = best(2, || zhibu(&["run"], &inbox, &run_out).0);
    println!("  zhibu run (full, PDFs)        {full:>8.3} s");
    println!(
        "  run again, nothing changed    {rerun:>8.3} s   {:.0} % of a full run (goal ≤ 10 %)",
        rerun / full * 100.0
    );
    let one = std::fs::read_dir(inbox.join("机械工程学院"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .unwrap();
    // Best of 3, as the other items: each time the file changes again (one
    // more byte), so each run reads it anew.
    let changed = best(3, || {
        let mut bytes = std::fs::read(&one).unwrap();
        bytes.extend_from_slice(b"\0");
        std::fs::write(&one, &bytes).unwrap();
        zhibu(&["run"], &inbox, &run_out).0
    });
    println!(
        "  run after one changed file    {changed:>8.3} s   {:.0} % of a full run (goal ≤ 15 %)",
        changed / full * 100.0
    );

    // Growth: cost per form from 200 to 5,000 forms; peak RSS.
    let big = std::env::var("ZHIBU_BENCH_BIG").map_or(true, |v| v != "0");
    let mut per_form = Vec::new();
    for m in [200usize, if big { 5000 } else { 2000 }] {
        let dir = tmp.path().join(format!("inbox{m}"));
        let s = corpus::generate(&dir, m);
        zhibu(&["check", "--no-cache"], &dir, &fresh("g"));
        let (mut secs, mut rss) = (f64::MAX, 0.0f64);
        for _ in 0..2 {
            let (t, r) = zhibu(&["check", "--no-cache"], &dir, &fresh("g"));
            secs = secs.min(t);
            rss = rss.max(r);
        }
        let (_, rss_in) = zhibu(&["check", "--no-cache", "--no-isolate"], &dir, &fresh("g"));
        println!(
            "  {m:>5} forms ({:>5} files)     {secs:>8.3} s   {:.3} ms/file   peak RSS {rss:.0} MB (in-process reading {rss_in:.0} MB)",
            s.files,
            secs * 1000.0 / s.files as f64
        );
        per_form.push(secs / s.files as f64);
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!(
        "  growth of the cost per file 200 → {}: {:.2}× (goal ≤ 1.1×)",
        if big { 5000 } else { 2000 },
        per_form[1] / per_form[0]
    );

    // Typst: 案例汇编 of 200 cases, embedded against the typst CLI.
    typst_cli(&inbox, tmp.path());
    println!("  load at the end: {}", load());
}

/// 案例汇编 of 200 cases (the corpus's cases, repeated under other branch
/// names) compiled by the embedded Typst and by the `typst` CLI on the same
/// template and data (`/data.json`, the fonts key included), each cold.
fn typst_cli(inbox: &Path, tmp: &Path) {
    use zhibu::render::typst::Typst;
    const CASES: usize = 200;
    let (cfg, _) = zhibu::config::load(None, inbox).expect("config");
    let outcome = zhibu::pipeline::analyse(inbox, &cfg, || ());
    let apps: Vec<zhibu::model::Application> = outcome
        .active_applications()
        .into_iter()
        .map(|a| a.form.clone())
        .collect();
    let mut c = outcome.campaign;
    let own: Vec<_> = c
        .cases
        .iter()
        .filter(|x| x.superseded_by.is_none())
        .cloned()
        .collect();
    if own.is_empty() {
        println!("  typst comparison skipped: the corpus has no cases");
        return;
    }
    c.cases.clear();
    for i in 0..CASES {
        let mut x = own[i % own.len()].clone();
        if i >= own.len() {
            x.form.branch = format!("{}（{}）", x.form.branch, i / own.len());
            x.file = format!("{}#{i}", x.file);
        }
        c.cases.push(x);
    }
    let apps: Vec<&zhibu::model::Application> = apps.iter().collect();
    let job = zhibu::render::documents::case_compilation(&cfg, &c, &apps, "2026年11月25日");
    let t = Instant::now();
    let typst = Typst::new(&[], None).expect("a CJK font is installed");
    let setup = t.elapsed().as_secs_f64();
    let mut size = 0;
    let embedded = best(3, || {
        typst::comemo::evict(0);
        let t = Instant::now();
        let pdf = typst
            .compile_pdf(job.template, &job.data)
            .expect("案例汇编 compiles");
        size = pdf.pdf.len();
        t.elapsed().as_secs_f64()
    });
    println!(
        "  案例汇编, {CASES} cases, embedded Typst {embedded:>8.3} s (+ {setup:.3} s font discovery once per run)"
    );
    let version = match Command::new("typst").arg("--version").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        _ => {
            println!(
                "  typst CLI comparison skipped: `typst` is not installed (cargo install typst-cli --locked)"
            );
            return;
        }
    };
    // The same template set and data, as files under one root.
    let root = tmp.join("typst-cli");
    std::fs::create_dir_all(&root).unwrap();
    for (name, src) in zhibu::render::typst::default_templates() {
        std::fs::write(root.join(name), src).unwrap();
    }
    let mut data = job.data.clone();
    if let serde_json::Value::Object(map) = &mut data {
        map.entry("fonts")
            .or_insert_with(|| serde_json::to_value(typst.fonts()).unwrap());
    }
    std::fs::write(root.join("data.json"), serde_json::to_vec(&data).unwrap()).unwrap();
    let main = format!("{}.typ", job.template.trim_end_matches(".typ"));
    let pdf = root.join("out.pdf");
    let cli = best(3, || {
        let t = Instant::now();
        let out = Command::new("typst")
            .arg("compile")
            .arg("--root")
            .arg(&root)
            .arg(root.join(&main))
            .arg(&pdf)
            .output()
            .expect("typst runs");
        let secs = t.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "typst compile: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        secs
    });
    println!(
        "  案例汇编 through the typst CLI ({version}) {cli:>8.3} s   CLI / embedded = {:.2}× (embedded with font discovery: {:.2}×; goal ≥ 1×); PDF {size} bytes embedded, {} bytes from the CLI",
        cli / embedded,
        cli / (embedded + setup),
        std::fs::metadata(&pdf).map_or(0, |m| m.len())
    );
}
