//! Reading speed: generates a campaign of N forms (docx applications and xlsx
//! summary sheets, plus .doc/.xls copies of the committed legacy fixtures) and
//! times the whole read → extract → check stage, in this process and through
//! the worker pool (`zhibu::isolate`, as `zhibu run` reads), per format and for
//! the whole inbox of 6 × N files. Prints numbers; asserts nothing.
//! Run: cargo bench --bench read [-- N]

// Only some of the shared fixture builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/common/mod.rs"]
mod common;

use std::time::Instant;
use zhibu::config::Config;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path();
    let background = "支部党员分布在多个年级，学习交流不足。".repeat(20);
    let goals = "建设一支学习型党支部，带动全班学业进步。".repeat(20);
    let outcomes = "形成可推广的学业帮扶机制。".repeat(20);
    let app = common::App {
        fields: vec![
            ("党支部名称", "机械本科第一党支部"),
            ("所属党委", "机械工程学院党委"),
            ("党员人数", "18"),
            ("申报板块", "学思践悟"),
            ("项目名称", "“红色引擎”学业互助计划"),
            ("项目负责人", "张明（支部书记）"),
            ("联系电话", "13912345678"),
            ("指导老师", "李红"),
            ("申请经费", "3000元"),
            ("项目背景", &background),
            ("建设目标", &goals),
            ("预期成效", &outcomes),
        ],
        budget: vec![("资料印制", "1000"), ("活动场地", "2000")],
        plan: vec![("2025年10月", "启动学习小组"), ("11-12月", "开展结对帮扶")],
        date_above: Some("2025年10月20日"),
        four: true,
        nested_plan: true,
    };
    let docx = common::application_docx(&app);
    let rows: Vec<[&str; 6]> = (0..30)
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
    // The same application as .docx (written here) and as .doc (LibreOffice's copy of it).
    let legacy_docx = common::application_docx(&common::legacy_app(true));
    let kinds: [(&str, &[u8]); 6] = [
        ("docx", &docx),
        ("docx", &legacy_docx),
        (
            "doc",
            include_bytes!("../tests/fixtures/legacy/application4.doc"),
        ),
        ("xlsx", &xlsx),
        (
            "xls",
            include_bytes!("../tests/fixtures/legacy/summary.xls"),
        ),
        (
            "ods",
            include_bytes!("../tests/fixtures/legacy/summary.ods"),
        ),
    ];
    let cfg = Config::preset("duibiao").unwrap();
    let mut opts = zhibu::isolate::Options::new(env!("CARGO_BIN_EXE_zhibu").into(), &cfg.limits);
    // ZHIBU_BENCH_WORKERS=k tries another pool size than `zhibu run` uses.
    if let Some(k) = std::env::var("ZHIBU_BENCH_WORKERS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        opts.workers = k;
    }
    let pool = zhibu::isolate::Pool::start(opts, &cfg.limits).expect("worker pool starts");
    println!(
        "zhibu read benchmark: {n} files per format, {} threads, {} workers",
        rayon::current_num_threads(),
        pool.workers()
    );
    println!("  format  files   in-process     µs/file   worker pool     µs/file  overhead");
    // Best of 3 rounds each, after a warm-up round, alternating the two ways.
    let time = |dir: &std::path::Path, files: usize| {
        let (mut a, mut b) = (f64::MAX, f64::MAX);
        zhibu::pipeline::analyse(dir, &cfg, || ());
        zhibu::pipeline::analyse_with(dir, &cfg, Some(&pool), || ());
        for _ in 0..3 {
            let t = Instant::now();
            let o = zhibu::pipeline::analyse(dir, &cfg, || ());
            a = a.min(t.elapsed().as_secs_f64());
            assert_eq!(o.files.len(), files);
            let t = Instant::now();
            let o = zhibu::pipeline::analyse_with(dir, &cfg, Some(&pool), || ());
            b = b.min(t.elapsed().as_secs_f64());
            assert_eq!(o.files.len(), files);
        }
        (a, b)
    };
    let report = |what: &str, files: usize, (a, b): (f64, f64)| {
        println!(
            "  {what:<6} {files:>6} {a:>10.3} s {:>10.1} {b:>11.3} s {:>10.1} {:>+8.1} %",
            a * 1e6 / files as f64,
            b * 1e6 / files as f64,
            (b / a - 1.0) * 100.0
        );
    };
    for (ext, bytes) in kinds {
        let dir = inbox.join(format!("{ext}-{}", bytes.len()));
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..n {
            std::fs::write(dir.join(format!("form{i:05}.{ext}")), bytes).unwrap();
        }
        report(ext, n, time(&dir, n));
    }
    report("all", 6 * n, time(inbox, 6 * n));
}
