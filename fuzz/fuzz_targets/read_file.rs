//! The whole path one file takes in a run: the bytes written into an inbox,
//! then `pipeline::analyse` (discover → sniff → read → extract → the per-form
//! and campaign checks), in this process as `zhibu check` without workers.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;
use zhibu::config::{self, Config};
use zhibu::fuzzing::{Format, sniff};
use zhibu::pipeline;

/// Campaign configs: the default preset, the pairing preset, and the 结项
/// sample inbox's config (closing reports, activity summaries).
fn configs() -> &'static [Config] {
    static CONFIGS: OnceLock<Vec<Config>> = OnceLock::new();
    CONFIGS.get_or_init(|| {
        vec![
            Config::preset("duibiao").unwrap(),
            Config::preset("pairing").unwrap(),
            config::parse(include_str!("../../inbox-结项/zhibu.toml"), "inbox-结项").unwrap(),
        ]
    })
}

fn inbox() -> &'static PathBuf {
    static INBOX: OnceLock<PathBuf> = OnceLock::new();
    INBOX.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() {
            shm
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("zhibu-fuzz-read_file-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Docx => "docx",
        Format::Xlsx => "xlsx",
        Format::Ods => "ods",
        Format::Doc => "doc",
        Format::Xls => "xls",
        _ => "docx",
    }
}

fuzz_target!(|data: &[u8]| {
    // Mostly the name the content deserves; now and then a wrong or no
    // Office extension, so the misnamed paths run too.
    let ext = match data.len() % 8 {
        5 => "xls",
        6 => "docx",
        7 => "txt",
        _ => extension(sniff(data)),
    };
    let cfg = &configs()[data.len() / 8 % configs().len()];
    let inbox = inbox();
    let path = inbox.join(format!("某党支部申请表.{ext}"));
    std::fs::write(&path, data).unwrap();
    let outcome = pipeline::analyse(inbox, cfg, || {});
    std::fs::remove_file(&path).unwrap();

    assert_eq!(outcome.files.len(), 1);
    let file = &outcome.files[0];
    // Anything that gives no form says why, with a problem of that file.
    if file.forms.is_empty() || file.rejected {
        assert!(
            !file.problems.is_empty(),
            "no form and no problem (rejected: {})",
            file.rejected
        );
    }
    for p in file.problems.iter().chain(&outcome.problems) {
        assert!(
            !p.message.trim().is_empty(),
            "problem without message: {p:?}"
        );
    }
});
