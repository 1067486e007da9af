//! A worker that hangs is killed after the time limit; its file is
//! `too_large`, the others are read (issue 11) — also when the workers
//! recognise and get their files in batches (the batch that hangs is sent
//! again file by file).

use crate::common;

use std::time::{Duration, Instant};
use zhibu::config::Config;
use zhibu::problem::Code;

#[test]
fn a_worker_that_hangs_is_killed_and_replaced() {
    hangs(false);
}

#[test]
fn a_batch_that_hangs_costs_only_its_file() {
    hangs(true);
}

fn hangs(recognising: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path();
    let docx = common::application_docx(&common::legacy_app(true));
    for name in ["a.docx", "hang-1.docx", "b.docx", "c.docx"] {
        std::fs::write(inbox.join(name), &docx).unwrap();
    }
    let cfg = Config::preset("duibiao").unwrap();
    let mut opts = zhibu::isolate::Options::new(env!("CARGO_BIN_EXE_zhibu").into(), &cfg.limits);
    opts.timeout = Duration::from_secs(1);
    opts.workers = 1;
    opts.env = vec![(zhibu::isolate::HANG_ENV.into(), "hang".into())];
    if recognising {
        opts = opts.extracting(&cfg);
    }
    let pool = zhibu::isolate::Pool::start(opts, &cfg.limits).unwrap();
    let t = Instant::now();
    let o = zhibu::pipeline::analyse_with(inbox, &cfg, Some(&pool), || ());
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert_eq!(o.files.len(), 4);
    for f in &o.files {
        let problems: Vec<_> = o.problems.iter().filter(|p| p.file == f.rel).collect();
        if f.rel == "hang-1.docx" {
            assert!(f.rejected);
            assert_eq!(problems[0].code, Code::TooLarge);
            assert!(
                problems[0].message.contains("秒仍未完成"),
                "{}",
                problems[0].message
            );
        } else {
            assert!(!f.rejected, "{}", f.rel);
            assert_eq!(
                f.kind,
                Some(zhibu::model::FormKind::Application),
                "{}",
                f.rel
            );
        }
    }
}
