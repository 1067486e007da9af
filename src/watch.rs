//! `zhibu watch`: run again whenever the inbox changes.
//!
//! Changes are collected through the `notify` crate and debounced: a run
//! starts once the inbox has been quiet for [`QUIET`], so a file still being
//! copied (its size changing) or saved in several steps gives one run, not
//! many. Lock files, hidden files and partial downloads (`~$x.docx`,
//! `.~lock.x#`, `*.part`, `*.crdownload`, `*.tmp`) and everything under the
//! outbox are ignored. Ctrl-C ends the loop: while idle at once, during a run
//! once that run has written its outputs.

use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the inbox must be quiet before a run.
pub const QUIET: Duration = Duration::from_millis(1000);

static STOP: AtomicBool = AtomicBool::new(false);

/// True once Ctrl-C (SIGINT or SIGTERM) was received.
pub fn stopping() -> bool {
    STOP.load(Ordering::SeqCst)
}

#[cfg(unix)]
extern "C" fn on_signal(_: libc::c_int) {
    if STOP.swap(true, Ordering::SeqCst) {
        // A second Ctrl-C: stop now.
        unsafe { libc::_exit(130) };
    }
}

/// Catch Ctrl-C, so that a run in progress finishes writing its outputs.
pub fn catch_ctrl_c() {
    #[cfg(unix)]
    // SAFETY: the handler only touches an atomic and may call _exit.
    unsafe {
        let handler = on_signal as extern "C" fn(libc::c_int);
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

/// A file that is only transient: a lock file, a hidden file, a partial copy.
pub fn is_transient(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    crate::ingest::is_ignored(&name)
        || name.starts_with(".~lock")
        || [".part", ".crdownload", ".tmp", ".download", ".partial", "~"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Watch `inbox`, calling `run` once at the start and again after every
/// quiet change with the changed paths (relative to the inbox, sorted).
/// Returns when Ctrl-C was pressed, or when `until` says so (tests).
pub fn watch(
    inbox: &Path,
    outbox: &Path,
    mut run: impl FnMut(&[String]),
    until: impl Fn() -> bool,
) -> notify::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        let _ = tx.send(ev);
    })?;
    watcher.watch(inbox, RecursiveMode::Recursive)?;
    let inbox_abs = inbox.canonicalize().unwrap_or_else(|_| inbox.to_path_buf());
    let outbox_abs = outbox
        .canonicalize()
        .unwrap_or_else(|_| outbox.to_path_buf());
    run(&[]);
    let mut changed: BTreeSet<String> = BTreeSet::new();
    let mut last: Option<Instant> = None;
    while !stopping() && !until() {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(ev)) => {
                if matches!(ev.kind, notify::EventKind::Access(_)) {
                    continue;
                }
                for p in ev.paths {
                    let p: PathBuf = p;
                    let abs = p.canonicalize().unwrap_or_else(|_| p.clone());
                    if abs.starts_with(&outbox_abs) || p.starts_with(outbox) {
                        continue;
                    }
                    let rel = abs
                        .strip_prefix(&inbox_abs)
                        .or_else(|_| p.strip_prefix(inbox))
                        .unwrap_or(&p);
                    if rel
                        .components()
                        .any(|c| is_transient(Path::new(c.as_os_str())))
                    {
                        continue;
                    }
                    changed.insert(rel.to_string_lossy().replace('\\', "/"));
                    last = Some(Instant::now());
                }
            }
            Ok(Err(e)) => eprintln!("监视收件箱出错：{e}"),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if last.is_some_and(|t| t.elapsed() >= QUIET) {
            let paths: Vec<String> = std::mem::take(&mut changed).into_iter().collect();
            last = None;
            run(&paths);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_names() {
        for t in [
            "~$申请表.docx",
            ".~lock.申请表.docx#",
            "a.docx.part",
            "x.crdownload",
            ".hidden",
        ] {
            assert!(is_transient(Path::new(t)), "{t}");
        }
        for f in ["申请表.docx", "汇总表.xlsx", "a.doc"] {
            assert!(!is_transient(Path::new(f)), "{f}");
        }
    }
}
