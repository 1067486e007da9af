//! The whole run, top to bottom: ingest → extract → check → render.

use crate::cache::Cache;
use crate::calendar::Calendar;
use crate::canonical;
use crate::check;
use crate::config::Config;
use crate::extract;
use crate::extract::Parsed;
use crate::ingest::{self, Format, ReadError};
use crate::isolate::{Failure, Pool, Reading};
use crate::model::{Campaign, Submitted};
use crate::model::{Form, FormKind};
use crate::problem::{Code, Problem};
use crate::render::{self, Output, documents, publicity, report::*, typst::Typst, xlsx};
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_xlsxwriter::XlsxError;
use std::path::{Path, PathBuf};

/// What reading one file gave.
pub struct FileResult {
    pub rel: String,
    pub sha256: String,
    pub mtime: i64,
    /// What the file holds; [`analyse`] moves the forms and problems into
    /// the campaign, leaving these empty.
    pub forms: Vec<Form>,
    pub problems: Vec<Problem>,
    /// The kind of the file's first form, kept when the forms move on.
    pub kind: Option<FormKind>,
    pub rejected: bool,
}

impl FileResult {
    /// A form of this file, entering the cross-file rules.
    fn submitted<T>(&self, form: T) -> Submitted<T> {
        Submitted {
            form,
            file: self.rel.clone(),
            mtime: self.mtime,
            superseded_by: None,
        }
    }

    /// The file cannot be used: one problem, and the file is rejected.
    fn reject(mut self, code: Code, message: impl Into<String>) -> FileResult {
        let problem = Problem::new(code, &self.rel, "整个文件", message);
        self.problems.push(problem);
        self.rejected = true;
        self
    }
}

/// Relative path with `/` separators, for messages and the report.
pub fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Read, recognise and extract one file. Never fails: what goes wrong is a problem.
pub fn read_file(inbox: &Path, path: &Path, cfg: &Config) -> FileResult {
    read_file_with(inbox, path, cfg, None)
}

/// [`read_file`], the parsing done by a worker of `pool` when there is one.
pub fn read_file_with(inbox: &Path, path: &Path, cfg: &Config, pool: Option<&Pool>) -> FileResult {
    read_file_cached(inbox, path, cfg, pool, None)
}

/// [`read_file_with`], taking the document from `cache` when the file's
/// content was read before, and keeping what is read in it.
pub fn read_file_cached(
    inbox: &Path,
    path: &Path,
    cfg: &Config,
    pool: Option<&Pool>,
    cache: Option<&Cache>,
) -> FileResult {
    read_file_in(inbox, path, Readers::new(cfg, pool, cache))
}

/// What files are read with: the config, the worker pool, the cache.
#[derive(Clone, Copy)]
struct Readers<'a> {
    cfg: &'a Config,
    pool: Option<&'a Pool>,
    /// The pool's workers also recognise the forms (the pool runs under
    /// `cfg`), so only the forms cross the pipe.
    extracting: bool,
    cache: Option<&'a Cache>,
}

impl<'a> Readers<'a> {
    fn new(cfg: &'a Config, pool: Option<&'a Pool>, cache: Option<&'a Cache>) -> Readers<'a> {
        Readers {
            cfg,
            pool,
            extracting: pool.is_some_and(|p| p.extracts_under(cfg)),
            cache,
        }
    }
}

/// [`read_file_cached`] with its readers set up.
fn read_file_in(inbox: &Path, path: &Path, readers: Readers) -> FileResult {
    let Readers { pool, cache, .. } = readers;
    match (prepare(inbox, path, readers), pool) {
        (Step::Done(r), _) => r,
        (Step::Parse(p), Some(pool)) => {
            let reading = pool.read_extract(&p.res.rel, p.real, &p.bytes, cache.is_some());
            finish(p, reading, cache)
        }
        (Step::Parse(p), None) => failed(p.res, Failure::Crashed),
    }
}

/// How far [`prepare`] took a file.
enum Step {
    Done(FileResult),
    /// Read, hashed and sniffed; a worker that recognises is to parse it.
    Parse(Pending),
}

/// A file waiting for a worker.
struct Pending {
    res: FileResult,
    real: Format,
    bytes: Vec<u8>,
}

/// What a worker's reading of a pending file gives, kept in the cache.
fn finish(p: Pending, reading: Result<Reading, Failure>, cache: Option<&Cache>) -> FileResult {
    let Pending { res, real, bytes } = p;
    drop(bytes);
    let reading = match reading {
        Ok(r) => r,
        Err(f) => return failed(res, f),
    };
    if let (Some(c), Some(doc)) = (cache, &reading.doc) {
        c.put_encoded(&res.sha256, real, doc);
    }
    recognised(res, real, reading.parsed, cache)
}

/// A file's result from what recognition made of it, kept in the cache.
fn recognised(res: FileResult, real: Format, parsed: Parsed, cache: Option<&Cache>) -> FileResult {
    let ex = match parsed {
        Parsed::Blank => return res.reject(Code::EmptyFile, "文件中没有任何内容"),
        Parsed::Extracted(ex) => ex,
    };
    if let Some(c) = cache {
        c.keep_extracted(&res.sha256, &res.rel, real, &ex);
    }
    extracted(res, ex)
}

/// A file as far as this process takes it: done (from the cache, refused,
/// or read here or by a worker that only reads), or [`Step::Parse`] for a
/// worker that recognises.
fn prepare(inbox: &Path, path: &Path, readers: Readers) -> Step {
    let Readers {
        cfg,
        pool,
        extracting,
        cache,
    } = readers;
    let rel = relative(inbox, path);
    let mut res = FileResult {
        rel: rel.clone(),
        sha256: String::new(),
        mtime: 0,
        forms: Vec::new(),
        problems: Vec::new(),
        kind: None,
        rejected: false,
    };
    let meta = std::fs::metadata(path);
    res.mtime = meta
        .as_ref()
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    if meta
        .as_ref()
        .is_ok_and(|m| m.len() > cfg.limits.max_file_bytes())
    {
        return Step::Done(res.reject(
            Code::TooLarge,
            format!("文件大于 {} MB，未读取", cfg.limits.max_file_mb),
        ));
    }
    let size = meta.as_ref().map_or(0, |m| m.len());
    let stamp = meta.as_ref().map_or(0, crate::cache::mtime_ns);
    let claimed = ingest::format_of_extension(path);
    // A file unchanged since the last run: what extraction made of it, else
    // its document, without reading it.
    let known = cache.and_then(|c| Some((c, c.known_sha256(&rel, size, stamp)?)));
    if let Some((c, sha)) = &known
        && let Some((real, ex)) = c.extracted(sha, &rel)
    {
        c.saw(&rel, size, stamp, sha);
        res.sha256 = sha.clone();
        res.problems.extend(wrong_extension(&rel, claimed, real));
        return Step::Done(extracted(res, ex));
    }
    let hit = known.and_then(|(c, sha)| {
        let (real, doc) = c.get(&sha)?;
        c.saw(&rel, size, stamp, &sha);
        Some((sha, real, doc))
    });
    let (real, read) = if let Some((sha, real, doc)) = hit {
        res.sha256 = sha;
        (real, Ok(doc))
    } else {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                return Step::Done(res.reject(Code::CorruptFile, format!("无法读取文件：{e}")));
            }
        };
        res.sha256 = render::sha256_hex(&bytes);
        if let Some(c) = cache {
            c.saw(&rel, size, stamp, &res.sha256);
        }
        if bytes.is_empty() {
            return Step::Done(res.reject(Code::EmptyFile, "文件大小为 0 字节，请重新上传"));
        }
        let real = ingest::sniff(&bytes);
        if let Format::Other(what) | Format::Damaged(what) = real {
            // A container over the limits is too large, whatever it holds.
            if let Err(ReadError::TooLarge(why)) =
                ingest::zipguard::GuardedZip::open(&bytes, &cfg.limits, what)
            {
                return Step::Done(res.reject(Code::TooLarge, why));
            }
            // A name that promises an Office file: garbage is damaged, another known format is misnamed.
            let damaged = matches!(real, Format::Damaged(_));
            let (code, message) = match claimed {
                Some(c) if damaged => (
                    Code::CorruptFile,
                    format!(
                        "文件已损坏或不是有效的{}，无法打开；请重新保存后提交",
                        c.zh()
                    ),
                ),
                Some(c) => (
                    Code::WrongExtension,
                    format!(
                        "文件扩展名是{}，但内容是{what}，无法读取；请用 Office 或 WPS 另存为 .docx / .xlsx 后提交",
                        c.zh()
                    ),
                ),
                None => (
                    Code::Unrecognised,
                    format!("不是本次活动的表格文件（{what}），已跳过"),
                ),
            };
            res.problems
                .push(Problem::new(code, &rel, "整个文件", message));
            res.rejected = claimed.is_some();
            return Step::Done(res);
        }
        if let Some((_, ex)) = cache
            .and_then(|c| c.extracted(&res.sha256, &rel))
            .filter(|(f, _)| *f == real)
        {
            res.problems.extend(wrong_extension(&rel, claimed, real));
            return Step::Done(extracted(res, ex));
        }
        let cached = cache
            .and_then(|c| c.get(&res.sha256))
            .filter(|(f, _)| *f == real);
        if let (None, Some(_), true) = (&cached, pool, extracting) {
            res.problems.extend(wrong_extension(&rel, claimed, real));
            return Step::Parse(Pending { res, real, bytes });
        }
        let read = match cached {
            Some((_, doc)) => Ok(doc),
            None => {
                let read = match pool {
                    Some(pool) => pool.read(&rel, real, &bytes),
                    None => ingest::read(real, &bytes, &cfg.limits).map_err(Failure::Read),
                };
                if let (Some(c), Ok(doc)) = (cache, &read) {
                    c.put(&res.sha256, real, doc);
                }
                read
            }
        };
        drop(bytes);
        (real, read)
    };
    res.problems.extend(wrong_extension(&rel, claimed, real));
    let doc = match read {
        Ok(d) => d,
        Err(f) => return Step::Done(failed(res, f)),
    };
    let parsed = extract::recognise(&doc, &rel, cfg);
    Step::Done(recognised(res, real, parsed, cache))
}

/// A file that gave no document: the problem that says why.
fn failed(res: FileResult, failure: Failure) -> FileResult {
    match failure {
        Failure::Read(e) => {
            let code = match e {
                ReadError::Corrupt { .. } => Code::CorruptFile,
                ReadError::Encrypted => Code::EncryptedFile,
                ReadError::TooLarge(_) => Code::TooLarge,
                ReadError::Empty => Code::EmptyFile,
            };
            res.reject(code, e.to_string())
        }
        Failure::Crashed => res.reject(Code::CorruptFile, "读取该文件时程序异常退出，已跳过"),
        Failure::OutOfMemory { limit_mb } => res.reject(
            Code::TooLarge,
            format!("读取该文件需要的内存超过 {limit_mb} MB 的处理上限，已跳过"),
        ),
        Failure::TimedOut(t) => res.reject(
            Code::TooLarge,
            format!("读取该文件超过 {} 秒仍未完成，已跳过", t.as_secs()),
        ),
    }
}

/// The file's extension names another format than its content has.
fn wrong_extension(rel: &str, claimed: Option<Format>, real: Format) -> Option<Problem> {
    let c = claimed.filter(|c| *c != real && real != Format::EncryptedOffice)?;
    Some(Problem::new(
        Code::WrongExtension,
        rel,
        "整个文件",
        format!(
            "文件扩展名表示{}，实际内容是{}；已按实际格式读取，建议改正扩展名",
            c.zh(),
            real.zh()
        ),
    ))
}

/// A file's result from what extraction made of it (read now or kept by the cache).
fn extracted(mut res: FileResult, ex: extract::Extracted) -> FileResult {
    res.problems.extend(ex.problems);
    if ex.forms.is_empty() {
        res.problems.push(Problem::new(
            Code::Unrecognised,
            &res.rel,
            "整个文件",
            "没有识别出任何表格（申请表、共建信息表、汇总表、工作案例、活动记录表或评审表），请确认使用的是本次下发的模板",
        ));
    }
    res.kind = extract::kind_of(&ex.forms);
    res.forms = ex.forms;
    res
}

/// Files a reading thread gathers before handing them to its worker in
/// one batch (see [`Pool::read_extract_all`]).
const BATCH: usize = 8;

/// Every file of `paths` through a pool whose workers recognise: one
/// reading thread per worker takes the next files, reads, hashes and sniffs
/// them, sends those that need parsing to a worker in one batch, and
/// finishes what comes back. The results are in `paths` order.
fn read_in_batches(
    inbox: &Path,
    paths: &[PathBuf],
    pool: &Pool,
    readers: Readers,
    progress: &(impl Fn() + Sync),
) -> Vec<FileResult> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cache = readers.cache;
    let next = AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(paths.len()));
    std::thread::scope(|s| {
        for _ in 0..pool.workers().max(1) {
            s.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let mut batch: Vec<(usize, Pending)> = Vec::with_capacity(BATCH);
                    while batch.len() < BATCH {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else {
                            break;
                        };
                        match prepare(inbox, path, readers) {
                            Step::Done(r) => {
                                mine.push((i, r));
                                progress();
                            }
                            Step::Parse(p) => batch.push((i, p)),
                        }
                    }
                    if batch.is_empty() {
                        break;
                    }
                    let files: Vec<(&str, Format, &[u8])> = batch
                        .iter()
                        .map(|(_, p)| (p.res.rel.as_str(), p.real, p.bytes.as_slice()))
                        .collect();
                    let readings = pool.read_extract_all(&files, cache.is_some());
                    for ((i, p), r) in batch.into_iter().zip(readings) {
                        mine.push((i, finish(p, r, cache)));
                        progress();
                    }
                }
                done.lock().unwrap_or_else(|e| e.into_inner()).extend(mine);
            });
        }
    });
    let mut files = done.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_unstable_by_key(|(i, _)| *i);
    files.into_iter().map(|(_, r)| r).collect()
}

/// The result of a run, before rendering.
pub struct Outcome {
    pub files: Vec<FileResult>,
    pub campaign: Campaign,
    pub problems: Vec<Problem>,
    /// Who the roster requires and who sent nothing, when a roster came in.
    pub roster: Option<check::roster::RosterStatus>,
    /// The approved projects at 结项, once closing materials came in.
    pub closing: Vec<check::closing::ClosingRow>,
    /// “两在两同”: every member of the members' logs, with their year.
    pub members: Vec<check::members::MemberSummary>,
    /// “两在两同”: every item of the 实事清单.
    pub todo: Vec<check::todo::TodoRow>,
    /// “两在两同”: the 量化评价 per branch, best first (once members' logs or 实事清单 came in).
    pub scores: Vec<check::score::BranchScore>,
    /// The day 实事 items were judged overdue on.
    pub as_of: NaiveDate,
}

/// Read every file of the inbox in this process and apply every rule.
pub fn analyse(inbox: &Path, cfg: &Config, progress: impl Fn() + Sync) -> Outcome {
    analyse_with(inbox, cfg, None, progress)
}

/// [`analyse`], the files parsed by the workers of `pool` when there is one.
pub fn analyse_with(
    inbox: &Path,
    cfg: &Config,
    pool: Option<&Pool>,
    progress: impl Fn() + Sync,
) -> Outcome {
    analyse_cached(inbox, cfg, pool, None, progress)
}

/// [`analyse_with`], unchanged files taken from `cache` (see [`crate::cache`]).
pub fn analyse_cached(
    inbox: &Path,
    cfg: &Config,
    pool: Option<&Pool>,
    cache: Option<&Cache>,
    progress: impl Fn() + Sync,
) -> Outcome {
    analyse_files(inbox, &ingest::discover(inbox), cfg, pool, cache, progress)
}

/// [`analyse_cached`] of the files `paths` of the inbox, as
/// [`ingest::discover`] found them (the caller has them already).
pub fn analyse_files(
    inbox: &Path,
    paths: &[PathBuf],
    cfg: &Config,
    pool: Option<&Pool>,
    cache: Option<&Cache>,
    progress: impl Fn() + Sync,
) -> Outcome {
    let readers = Readers::new(cfg, pool, cache);
    let read_all = || -> Vec<FileResult> {
        paths
            .par_iter()
            .map(|p| {
                let r = read_file_in(inbox, p, readers);
                progress();
                r
            })
            .collect()
    };
    let mut files = match pool {
        Some(pool) if readers.extracting => read_in_batches(inbox, paths, pool, readers, &progress),
        // One reading thread per worker, so that every worker is kept busy.
        Some(pool) => match rayon::ThreadPoolBuilder::new()
            .num_threads(pool.workers())
            .build()
        {
            Ok(threads) => threads.install(read_all),
            Err(_) => read_all(),
        },
        None => read_all(),
    };
    let mut campaign = Campaign::default();
    let mut problems = Vec::new();
    for f in &mut files {
        problems.append(&mut f.problems);
        for form in std::mem::take(&mut f.forms) {
            match form {
                Form::Application(a) => campaign.applications.push(f.submitted(*a)),
                Form::Pairing(p) => campaign.pairings.push(f.submitted(*p)),
                Form::Case(c) => campaign.cases.push(f.submitted(*c)),
                Form::Summary(rows) => campaign.summaries.push(f.submitted(rows)),
                Form::ActivityLog(rows) => campaign.activities.push(f.submitted(rows)),
                Form::Review(rows) => campaign.reviews.push(f.submitted(rows)),
                Form::Roster(rows) => campaign.roster.push(f.submitted(rows)),
                Form::ClosingReport(r) => campaign.closing_reports.push(f.submitted(*r)),
                Form::ActivitySummary(a) => campaign.activity_summaries.push(f.submitted(*a)),
                Form::Articles(rows) => campaign.articles.push(f.submitted(rows)),
                Form::MemberLog(rows) => campaign.member_logs.push(f.submitted(rows)),
                Form::TodoList(rows) => campaign.todo_lists.push(f.submitted(rows)),
            }
        }
    }
    // One name per committee and branch, in the forms and in what reading found.
    let committees = canonical::unify(&mut campaign);
    for p in &mut problems {
        if let Some(c) = p.committee.as_mut() {
            *c = committees.name(c);
        }
    }
    for a in &campaign.applications {
        problems.extend(check::application(&a.form, &a.file, cfg));
    }
    for p in &campaign.pairings {
        problems.extend(check::pairing(&p.form, &p.file, cfg));
    }
    for c in &campaign.cases {
        problems.extend(check::case(&c.form, &c.file, cfg));
    }
    problems.extend(check::campaign(&mut campaign, cfg));
    problems.extend(check::activities(&campaign, cfg));
    let (roster_problems, roster) = check::roster::check(&campaign, cfg);
    problems.extend(roster_problems);
    let (closing_problems, closing) = check::closing::check(&campaign, cfg);
    problems.extend(closing_problems);
    // “两在两同”: members' “四个一” and the 实事清单 ledger.
    problems.extend(check::members::supersede(&mut campaign));
    problems.extend(check::todo::supersede(&mut campaign));
    let (member_problems, members) = check::members::check(&campaign, cfg);
    problems.extend(member_problems);
    let as_of = cfg
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let (todo_problems, todo) = check::todo::check(&campaign, as_of);
    problems.extend(todo_problems);
    // Problems of a superseded file are no longer the branch's to fix.
    let superseded: std::collections::HashSet<&str> = campaign
        .applications
        .iter()
        .filter(|a| a.superseded_by.is_some())
        .map(|a| a.file.as_str())
        .chain(
            campaign
                .member_logs
                .iter()
                .filter(|l| l.superseded_by.is_some())
                .map(|l| l.file.as_str()),
        )
        .chain(
            campaign
                .todo_lists
                .iter()
                .filter(|l| l.superseded_by.is_some())
                .map(|l| l.file.as_str()),
        )
        .collect();
    problems.retain(|p| p.code == Code::Superseded || !superseded.contains(p.file.as_str()));
    let scores = if campaign.member_logs.is_empty() && campaign.todo_lists.is_empty() {
        Vec::new()
    } else {
        check::score::compute(&campaign, &problems, &members, &todo, as_of, cfg)
    };
    crate::problem::sort(&mut problems);
    Outcome {
        files,
        campaign,
        problems,
        roster,
        closing,
        members,
        todo,
        scores,
        as_of,
    }
}

impl Outcome {
    /// What the “两在两同” sections of 年度总结 need.
    fn sections(&self) -> render::members::Sections<'_> {
        render::members::Sections {
            campaign: &self.campaign,
            members: &self.members,
            todo: &self.todo,
            scores: &self.scores,
            as_of: self.as_of,
        }
    }

    /// The applications that count (not superseded), in committee/branch order.
    pub fn active_applications(&self) -> Vec<&Submitted<crate::model::Application>> {
        let mut v: Vec<_> = self
            .campaign
            .applications
            .iter()
            .filter(|a| a.superseded_by.is_none())
            .collect();
        v.sort_by(|a, b| {
            (&a.form.committee, &a.form.branch, &a.file).cmp(&(
                &b.form.committee,
                &b.form.branch,
                &b.file,
            ))
        });
        v
    }

    pub fn file_entries(&self) -> Vec<FileEntry> {
        // The first form of each file that was superseded, and the files with problems.
        let c = &self.campaign;
        let mut superseded_by: std::collections::HashMap<&str, &String> = Default::default();
        for (f, s) in c
            .applications
            .iter()
            .map(|x| (&x.file, &x.superseded_by))
            .chain(c.pairings.iter().map(|x| (&x.file, &x.superseded_by)))
            .chain(c.cases.iter().map(|x| (&x.file, &x.superseded_by)))
            .chain(c.member_logs.iter().map(|x| (&x.file, &x.superseded_by)))
            .chain(c.todo_lists.iter().map(|x| (&x.file, &x.superseded_by)))
        {
            if let Some(s) = s {
                superseded_by.entry(f.as_str()).or_insert(s);
            }
        }
        let with_problems: std::collections::HashSet<&str> = self
            .problems
            .iter()
            .filter(|p| p.code != Code::Superseded)
            .map(|p| p.file.as_str())
            .collect();
        self.files
            .iter()
            .map(|f| {
                let by = superseded_by.get(f.rel.as_str()).map(|s| s.to_string());
                let has_problems = with_problems.contains(f.rel.as_str());
                let status = if f.rejected {
                    FileStatus::Rejected
                } else if by.is_some() {
                    FileStatus::Superseded
                } else if has_problems {
                    FileStatus::Problems
                } else {
                    FileStatus::Ok
                };
                FileEntry {
                    path: f.rel.clone(),
                    sha256: f.sha256.clone(),
                    kind: f.kind,
                    status,
                    superseded_by: by,
                }
            })
            .collect()
    }

    /// The current pairing tables for `report.json`.
    pub fn pairing_entries(&self) -> Vec<PairingEntry> {
        self.campaign
            .pairings
            .iter()
            .filter(|p| p.superseded_by.is_none())
            .map(|p| PairingEntry {
                branch: p.form.branch.clone(),
                committee: p.form.committee.clone(),
                secretary: p.form.secretary.clone(),
                partners: p
                    .form
                    .partners
                    .iter()
                    .map(|x| PartnerEntry {
                        name: x.name.clone(),
                        kind: x.kind.clone(),
                        unit: x.unit.clone(),
                    })
                    .collect(),
                plan_kinds: crate::vocab::FOUR_ONES
                    .iter()
                    .map(|(k, _)| *k)
                    .filter(|k| p.form.plan.iter().any(|x| x.kind == *k))
                    .map(str::to_string)
                    .collect(),
                source: p.file.clone(),
            })
            .collect()
    }

    pub fn app_entries(&self) -> Vec<AppEntry> {
        self.active_applications()
            .into_iter()
            .map(|a| AppEntry {
                branch: a.form.branch.clone(),
                committee: a.form.committee.clone(),
                track: a.form.track.clone(),
                title: a.form.title.clone(),
                requested_fen: a.form.requested_fen,
                leader: a.form.leader.clone(),
                advisor: a.form.advisor.clone(),
                level: a.form.level.clone(),
                approved_fen: a.form.approved_fen,
                source: a.file.clone(),
            })
            .collect()
    }
}

/// What the Typst documents need beyond the forms.
pub struct Documents {
    pub typst: Typst,
    /// The official calendar the publicity period is counted on.
    pub calendar: Calendar,
    /// First day of the publicity period (moved to the next working day if need be).
    pub publicity_from: NaiveDate,
    /// The date the documents carry (today).
    pub today: NaiveDate,
}

/// Write every output of a run; `report.json` last, listing the others.
/// Without `docs` the PDFs and 立项公示.docx are skipped; with `check_only`
/// only report.json is written.
pub fn render_all(
    outcome: &Outcome,
    cfg: &Config,
    outbox: &Path,
    check_only: bool,
    docs: Option<&Documents>,
) -> anyhow::Result<Report> {
    render_all_cached(outcome, cfg, outbox, check_only, docs, None)
}

/// [`render_all`], a PDF taken from the outbox instead of compiled again
/// when `cache` says its data, templates and fonts are those that made it.
pub fn render_all_cached(
    outcome: &Outcome,
    cfg: &Config,
    outbox: &Path,
    check_only: bool,
    docs: Option<&Documents>,
    cache: Option<&Cache>,
) -> anyhow::Result<Report> {
    let mut outputs: Vec<Output> = Vec::new();
    let mut problems = outcome.problems.clone();
    let statistics = crate::stats::compute(&outcome.campaign, cfg);
    if let (false, Some(docs)) = (check_only, docs) {
        let (written, template_problems) =
            render_documents(outcome, cfg, &statistics, docs, outbox, cache)?;
        outputs.extend(written);
        problems.extend(template_problems);
        crate::problem::sort(&mut problems);
    }
    if !check_only {
        let apps = outcome.active_applications();
        let rows: Vec<xlsx::Row> = apps
            .iter()
            .map(|a| xlsx::Row {
                app: &a.form,
                source: &a.file,
            })
            .collect();
        // The workbooks are made side by side (each takes tens of ms at a
        // thousand applications, most of a re-run after one changed file),
        // then written in this order.
        type Make<'a> = Box<dyn FnOnce() -> Result<Vec<u8>, XlsxError> + Send + 'a>;
        let mut books: Vec<(&str, Make)> = vec![
            ("申报汇总表.xlsx", Box::new(|| xlsx::summary(cfg, &rows))),
            ("评审表.xlsx", Box::new(|| xlsx::review(cfg, &rows))),
            (
                "问题清单.xlsx",
                Box::new(|| xlsx::problems(cfg, &problems, outcome.roster.as_ref())),
            ),
        ];
        if !outcome.closing.is_empty() {
            books.push((
                "结项验收表.xlsx",
                Box::new(|| xlsx::closing(cfg, &outcome.closing)),
            ));
        }
        if !outcome.campaign.member_logs.is_empty() {
            books.push((
                render::members::FILE,
                Box::new(|| render::members::workbook(cfg, &outcome.members)),
            ));
        }
        if !outcome.campaign.todo_lists.is_empty() {
            books.push((
                render::todo::FILE,
                Box::new(|| render::todo::workbook(cfg, &outcome.todo, outcome.as_of)),
            ));
        }
        if !outcome.campaign.pairings.is_empty() || !outcome.campaign.activities.is_empty() {
            books.push((
                "年度统计.xlsx",
                Box::new(|| {
                    xlsx::annual(cfg, &statistics, |wb| {
                        // “两在两同”: the 量化评价 table, when members' logs or 实事清单 came in.
                        if outcome.scores.is_empty() {
                            Ok(())
                        } else {
                            render::members::score_sheet(wb, cfg, &outcome.scores)
                        }
                    })
                }),
            ));
        } else if !outcome.scores.is_empty() {
            books.push((
                "年度统计.xlsx",
                Box::new(|| render::members::annual_scores(cfg, &outcome.scores)),
            ));
        }
        let made: Vec<(&str, Result<Vec<u8>, XlsxError>)> = books
            .into_par_iter()
            .map(|(name, make)| (name, make()))
            .collect();
        for (name, bytes) in made {
            outputs.push(render::write_atomic(outbox, name, &bytes?)?);
        }
        let today = chrono::Local::now()
            .date_naive()
            .format("%Y年%-m月%-d日")
            .to_string();
        for (committee, text) in render::letters::letters(cfg, &problems, &today) {
            let rel = format!("退回修改/{}.txt", render::safe_file_name(&committee));
            outputs.push(render::write_atomic(outbox, &rel, text.as_bytes())?);
        }
    }
    let applications = outcome.app_entries();
    let report = Report {
        tool: format!("zhibu {}", env!("CARGO_PKG_VERSION")),
        campaign: cfg.name.clone(),
        files: outcome.file_entries(),
        totals: Totals::of(&applications),
        applications,
        pairings: outcome.pairing_entries(),
        roster: outcome.roster.clone(),
        closing: (!outcome.closing.is_empty()).then(|| outcome.closing.clone()),
        members: (!outcome.campaign.member_logs.is_empty()).then(|| outcome.members.clone()),
        todo: (!outcome.campaign.todo_lists.is_empty()).then(|| outcome.todo.clone()),
        scores: (!outcome.scores.is_empty()).then(|| outcome.scores.clone()),
        problems,
        outputs,
        statistics,
    };
    render::write_atomic(
        outbox,
        "report.json",
        serde_json::to_string_pretty(&report)?.as_bytes(),
    )?;
    Ok(report)
}

/// The Typst documents and 立项公示.docx. 立项公示 only once the review has
/// approved something, 案例汇编 only when cases came in, 年度总结 and the
/// 述职评议材料 only when pairing tables or activity logs came in.
fn render_documents(
    outcome: &Outcome,
    cfg: &Config,
    statistics: &crate::stats::Stats,
    docs: &Documents,
    outbox: &Path,
    cache: Option<&Cache>,
) -> anyhow::Result<(Vec<Output>, Vec<Problem>)> {
    let apps: Vec<&crate::model::Application> = outcome
        .active_applications()
        .into_iter()
        .map(|a| &a.form)
        .collect();
    let today = crate::calendar::chinese_date(docs.today);
    let c = &outcome.campaign;
    let mut jobs = Vec::new();
    let mut outputs = Vec::new();
    let approved = apps
        .iter()
        .any(|a| a.level.as_deref().is_some_and(|l| cfg.level(l).is_some()));
    let mut problems = Vec::new();
    if approved {
        match docs
            .calendar
            .working_period(docs.publicity_from, cfg.publicity.working_days)
        {
            Ok(period) => {
                let notice = publicity::notice(cfg, &apps, &period);
                outputs.push(render::write_atomic(
                    outbox,
                    "立项公示.docx",
                    &publicity::docx(&notice)?,
                )?);
                jobs.push(documents::publicity(&notice));
            }
            Err(e) => problems.push(Problem::new(
                Code::Calendar,
                crate::config::CONFIG_FILE,
                "[publicity]",
                format!("{e}；因此未生成立项公示"),
            )),
        }
    }
    if c.cases.iter().any(|x| x.superseded_by.is_none()) {
        jobs.push(documents::case_compilation(cfg, c, &apps, &today));
    }
    if !c.pairings.is_empty() || !c.activities.is_empty() {
        let sections = render::members::annual_sections(cfg, &outcome.sections());
        jobs.push(documents::annual(cfg, statistics, sections, &today));
        jobs.extend(documents::review_materials(
            cfg, c, statistics, &apps, &today,
        ));
    } else if !c.member_logs.is_empty() || !c.todo_lists.is_empty() {
        let sections = render::members::annual_sections(cfg, &outcome.sections());
        jobs.push(documents::annual(cfg, statistics, sections, &today));
    }
    let (rendered, template_problems) =
        documents::collect(compile_cached(docs, jobs, outbox, cache));
    problems.extend(template_problems);
    for r in rendered {
        outputs.push(render::write_atomic(outbox, &r.path, &r.pdf)?);
    }
    Ok((outputs, problems))
}

/// Compile the jobs, except those whose PDF in the outbox the render cache
/// vouches for; results in the jobs' order.
fn compile_cached(
    docs: &Documents,
    jobs: Vec<documents::Job>,
    outbox: &Path,
    cache: Option<&Cache>,
) -> Vec<documents::Outcome> {
    let Some(cache) = cache else {
        return documents::compile_each(&docs.typst, jobs);
    };
    let paths: Vec<String> = jobs.iter().map(|j| j.path.clone()).collect();
    let mut results: Vec<Option<documents::Outcome>> = Vec::with_capacity(jobs.len());
    let mut todo = Vec::new();
    let mut keys = Vec::new();
    for job in jobs {
        let key = docs.typst.job_key(job.template, &job.data);
        match cache.rendered(&job.path, &key, outbox) {
            Some((pdf, warnings)) => results.push(Some((
                job.path,
                Ok(render::typst::Compiled { pdf, warnings }),
            ))),
            None => {
                results.push(None);
                keys.push(key);
                todo.push(job);
            }
        }
    }
    let mut fresh = documents::compile_each(&docs.typst, todo).into_iter();
    let mut keys = keys.into_iter();
    for slot in results.iter_mut().filter(|r| r.is_none()) {
        if let (Some(done), Some(key)) = (fresh.next(), keys.next()) {
            if let (path, Ok(c)) = &done {
                cache.keep_rendered(path, &key, &c.pdf, &c.warnings);
            }
            *slot = Some(done);
        }
    }
    cache.keep_only_rendered(&paths.iter().map(String::as_str).collect::<Vec<_>>());
    results.into_iter().flatten().collect()
}

/// The document options of a run besides the inbox and outbox (the `run`
/// command's `--font-path`, `--ignore-system-fonts`, `--templates`,
/// `--publicity-from`), so that `zhibu serve` sets documents up as `zhibu run` does.
#[derive(Debug, Clone, Default)]
pub struct DocOptions {
    pub font_paths: Vec<PathBuf>,
    pub ignore_system_fonts: bool,
    pub templates: Option<PathBuf>,
    pub publicity_from: Option<NaiveDate>,
    /// Where to keep what was read of each font face between runs (in the
    /// outbox's cache), if anywhere.
    pub font_memo: Option<PathBuf>,
}

/// Where templates and holiday data live: beside the config file.
pub fn config_dir(source: &crate::config::Source) -> PathBuf {
    match source {
        crate::config::Source::File(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        crate::config::Source::Preset(_) => PathBuf::from("."),
    }
}

/// Fonts, templates and the holiday calendar: everything the documents need
/// that can fail before any output is written.
pub fn documents(cfg: &Config, config_dir: &Path, opts: &DocOptions) -> anyhow::Result<Documents> {
    let today = chrono::Local::now().date_naive();
    let calendar = Calendar::load(Some(&config_dir.join("holidays")), &cfg.holidays)?;
    let publicity_from = opts.publicity_from.or(cfg.publicity.from).unwrap_or(today);
    let templates = opts.templates.clone().or_else(|| {
        let dir = config_dir.join("templates");
        dir.is_dir().then_some(dir)
    });
    let typst = Typst::with_font_memo(
        &opts.font_paths,
        !opts.ignore_system_fonts,
        templates,
        opts.font_memo.as_deref(),
    )?;
    Ok(Documents {
        typst,
        calendar,
        publicity_from,
        today,
    })
}

/// Held while a run writes an outbox, so that `zhibu run` and `zhibu serve`
/// never write one outbox at once (an advisory lock on `outbox/.zhibu.lock`,
/// released when the file is dropped; waits for a run in progress).
pub fn lock_outbox(outbox: &Path) -> std::io::Result<std::fs::File> {
    std::fs::create_dir_all(outbox)?;
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(outbox.join(".zhibu.lock"))?;
    f.lock()?;
    Ok(f)
}
