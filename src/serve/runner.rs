//! The full run behind the pages: queued after uploads (debounced), one at a
//! time, the same `analyse` + `render_all` that `zhibu run` does.

use super::App;
use crate::pipeline::{self, Outcome};
use crate::render::report::Report;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, broadcast};

/// The last finished run.
pub struct Snapshot {
    pub report: Report,
    /// Inbox path → committee, from the forms each file holds.
    pub file_committee: BTreeMap<String, String>,
    pub finished: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// `queued`, `running` or `idle`.
    pub state: &'static str,
    /// Counts finished runs: a page reloads its data when it changes.
    pub generation: u64,
    pub finished_at: Option<String>,
    pub error: Option<String>,
    pub runs_started: u64,
    pub runs_finished: u64,
    /// Most runs ever seen at once: 1.
    pub max_concurrent: usize,
}

#[derive(Default)]
struct State {
    queued: bool,
    running: bool,
    generation: u64,
    finished_at: Option<String>,
    error: Option<String>,
}

pub struct Runner {
    wake: Notify,
    urgent: AtomicBool,
    state: Mutex<State>,
    pub events: broadcast::Sender<()>,
    /// Held for the whole of a run: never two runs over one outbox.
    pub lock: tokio::sync::Mutex<()>,
    active: AtomicUsize,
    max_active: AtomicUsize,
    started: AtomicU64,
    finished: AtomicU64,
    debounce: Duration,
}

impl Runner {
    pub fn new(debounce: Duration) -> Runner {
        Runner {
            wake: Notify::new(),
            urgent: AtomicBool::new(false),
            state: Mutex::new(State::default()),
            events: broadcast::channel(64).0,
            lock: tokio::sync::Mutex::new(()),
            active: AtomicUsize::new(0),
            max_active: AtomicUsize::new(0),
            started: AtomicU64::new(0),
            finished: AtomicU64::new(0),
            debounce,
        }
    }

    pub fn status(&self) -> Status {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        Status {
            state: if s.running {
                "running"
            } else if s.queued {
                "queued"
            } else {
                "idle"
            },
            generation: s.generation,
            finished_at: s.finished_at.clone(),
            error: s.error.clone(),
            runs_started: self.started.load(Ordering::SeqCst),
            runs_finished: self.finished.load(Ordering::SeqCst),
            max_concurrent: self.max_active.load(Ordering::SeqCst),
        }
    }

    /// Ask for a full run: after the debounce, or at once when `urgent`.
    pub fn request(&self, urgent: bool) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).queued = true;
        if urgent {
            self.urgent.store(true, Ordering::SeqCst);
        }
        self.wake.notify_one();
        let _ = self.events.send(());
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()));
        let _ = self.events.send(());
    }
}

/// The queue: waits for a request, lets a burst of uploads settle, runs.
pub async fn worker(app: Arc<App>) {
    let r = &app.runner;
    loop {
        r.wake.notified().await;
        while !r.urgent.swap(false, Ordering::SeqCst) {
            if tokio::time::timeout(r.debounce, r.wake.notified())
                .await
                .is_err()
            {
                break;
            }
        }
        run_now(&app).await;
    }
}

/// One full run, under the lock.
pub async fn run_now(app: &Arc<App>) {
    let r = &app.runner;
    let _guard = r.lock.lock().await;
    r.update(|s| {
        s.running = true;
        s.queued = false;
    });
    let n = r.active.fetch_add(1, Ordering::SeqCst) + 1;
    r.max_active.fetch_max(n, Ordering::SeqCst);
    r.started.fetch_add(1, Ordering::SeqCst);
    let a = app.clone();
    let result = tokio::task::spawn_blocking(move || full_run(&a)).await;
    r.active.fetch_sub(1, Ordering::SeqCst);
    r.finished.fetch_add(1, Ordering::SeqCst);
    let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let error = match result {
        Ok(Ok(snap)) => {
            if let Ok(mut s) = app.snapshot.write() {
                *s = Some(Arc::new(snap));
            }
            None
        }
        Ok(Err(e)) => Some(format!("{e:#}")),
        Err(_) => Some("生成时程序出错，请查看服务器窗口的提示".to_string()),
    };
    if let Some(e) = &error {
        eprintln!("生成失败：{e}");
    }
    r.update(|s| {
        s.running = false;
        s.generation += 1;
        s.finished_at = Some(now);
        s.error = error;
    });
}

/// What `zhibu run` does, without the progress bar and the summary.
fn full_run(app: &App) -> anyhow::Result<Snapshot> {
    let outcome = pipeline::analyse_with(&app.inbox, &app.cfg, app.pool.as_ref(), || {});
    let committees = committees_of(&outcome);
    app.add_committees(committees.iter().map(String::as_str))?;
    let docs = pipeline::documents(&app.cfg, &app.config_dir, &app.docs)?;
    let _lock = pipeline::lock_outbox(&app.outbox)?;
    let report = pipeline::render_all(&outcome, &app.cfg, &app.outbox, false, Some(&docs))?;
    Ok(Snapshot {
        report,
        file_committee: file_committee(&outcome),
        finished: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
    })
}

/// The committees the roster and the forms name (after unification).
pub fn committees_of(outcome: &Outcome) -> Vec<String> {
    let roster = outcome
        .campaign
        .roster
        .iter()
        .flat_map(|r| r.form.iter().map(|row| row.committee.trim().to_string()))
        .filter(|c| !c.is_empty());
    let mut v: Vec<String> = file_committee(outcome)
        .into_values()
        .chain(roster)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Each file's committee, from the forms it holds.
fn file_committee(outcome: &Outcome) -> BTreeMap<String, String> {
    let c = &outcome.campaign;
    let mut m = BTreeMap::new();
    let pairs = c
        .applications
        .iter()
        .map(|x| (&x.file, x.form.committee.as_str()))
        .chain(
            c.pairings
                .iter()
                .map(|x| (&x.file, x.form.committee.as_str())),
        )
        .chain(c.cases.iter().map(|x| (&x.file, x.form.committee.as_str())))
        .chain(
            c.closing_reports
                .iter()
                .map(|x| (&x.file, x.form.committee.as_str())),
        )
        .chain(
            c.activity_summaries
                .iter()
                .map(|x| (&x.file, x.form.committee.as_str())),
        )
        .chain(c.summaries.iter().filter_map(|x| {
            x.form
                .iter()
                .map(|r| r.committee.as_str())
                .find(|n| !n.trim().is_empty())
                .map(|n| (&x.file, n))
        }));
    for (file, committee) in pairs {
        let committee = committee.trim();
        if !committee.is_empty() {
            m.entry(file.clone())
                .or_insert_with(|| committee.to_string());
        }
    }
    m
}
