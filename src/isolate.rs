//! Supervised reading: the third-party parsers run in worker processes.
//!
//! A hostile file can make a parser abort the whole process (an allocation
//! failure cannot be caught), loop for ever, or eat all memory. So the run
//! starts a small pool of workers once — the same executable, hidden
//! subcommand [`WORKER_COMMAND`] — each under an address-space limit
//! (`RLIMIT_AS`, Unix), and sends them the bytes of files over a pipe; a
//! worker answers with the [`Document`] or the reader's error, both
//! bincode-encoded in length-prefixed frames. Given the run's config, a
//! worker also recognises the forms ([`crate::extract`]) and answers with
//! those, so a recogniser's failure on a hostile file costs only that file
//! too, and the document crosses the pipe only when the cache keeps it.
//! Where the pipe's size is known (Linux), files go in batches that fit it
//! ([`Pool::read_extract_all`]): a process wake-up costs more than reading a
//! small form. A worker that dies or does not answer within the time limit
//! costs that one file (reported as a [`Failure`]; a batch it was in is sent
//! again file by file) and is replaced; the run goes on. This is Apache
//! Tika's `ForkParser` idea, kept small.

use crate::config::Config;
use crate::extract::wire::Portable;
use crate::extract::{self, Parsed};
use crate::ingest::{self, Document, Format, ReadError};
use crate::limits::Limits;
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The hidden subcommand a worker runs.
pub const WORKER_COMMAND: &str = "__worker";
/// Test-only: a worker aborts on a file whose name contains this value.
pub const CRASH_ENV: &str = "ZHIBU_TEST_CRASH_ON";
/// Test-only: a worker hangs on a file whose name contains this value.
pub const HANG_ENV: &str = "ZHIBU_TEST_HANG_ON";
/// Largest frame either side accepts (a file is at most `max_file_mb`).
const MAX_FRAME: usize = 1 << 30;
/// Longest a worker holds replies back while more requests wait.
const HOLD_REPLIES: Duration = Duration::from_millis(200);
/// Largest request buffer a worker keeps from one file to the next.
const KEEP_BUFFER: usize = 1 << 20;

/// Why supervised reading gave no document.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The reader refused the file (the same errors as in-process reading).
    Read(ReadError),
    /// The worker died while reading the file (abort, signal, crash).
    Crashed,
    /// The worker ran out of its address space while reading the file.
    OutOfMemory { limit_mb: u64 },
    /// The worker did not answer within the time limit and was killed.
    TimedOut(Duration),
}

/// How the pool is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// The zhibu executable (it must understand [`WORKER_COMMAND`]).
    pub exe: PathBuf,
    pub workers: usize,
    pub timeout: Duration,
    pub memory_mb: u64,
    /// Extra environment for each worker (tests plant a crash or a hang with
    /// [`CRASH_ENV`] / [`HANG_ENV`] here, leaving this process's alone).
    pub env: Vec<(String, String)>,
    /// The run's config (and its JSON), when workers also extract; see
    /// [`Options::extracting`].
    config: Option<(Config, String)>,
}

impl Options {
    /// The current executable, two workers per core (one parses while the
    /// other's result is extracted; measured best in `benches/read.rs`),
    /// limits from the config.
    pub fn for_this_exe(limits: &Limits) -> io::Result<Options> {
        Ok(Options::new(std::env::current_exe()?, limits))
    }

    pub fn new(exe: PathBuf, limits: &Limits) -> Options {
        Options {
            exe,
            workers: 2 * std::thread::available_parallelism().map_or(2, |n| n.get()),
            timeout: Duration::from_secs(limits.read_timeout_secs.max(1)),
            memory_mb: limits.read_memory_mb,
            env: Vec::new(),
            config: None,
        }
    }

    /// Workers that also recognise the forms, under `cfg`
    /// ([`Pool::read_extract`]).
    pub fn extracting(mut self, cfg: &Config) -> Options {
        self.config = serde_json::to_string(cfg).ok().map(|j| (cfg.clone(), j));
        self
    }
}

/// [`Parsed`], and the document bincode-encoded when it was asked for (for
/// [`crate::cache::Cache::put_encoded`]).
#[derive(Debug)]
pub struct Reading {
    pub parsed: Parsed,
    pub doc: Option<Vec<u8>>,
}

#[derive(Serialize, Deserialize)]
struct Hello {
    limits: Limits,
    /// The run's config as JSON (its serde shape has defaults and enums
    /// bincode cannot read back), when workers also extract.
    config: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
enum Kind {
    Docx,
    Xlsx,
    Ods,
    Doc,
    Xls,
}

/// A request is this header, then the file's bytes as a raw frame.
#[derive(Serialize, Deserialize)]
struct Request {
    name: String,
    kind: Kind,
    /// Answer with the forms ([`Reply::Extracted`]), not the document.
    extract: bool,
    /// With the forms, also send the document, encoded, as the next frame.
    keep_doc: bool,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    Ready,
    Read(Document),
    Extracted {
        /// `None`: the document is blank (nothing was extracted).
        forms: Option<Portable>,
        /// The encoded document follows in a frame of its own.
        doc_follows: bool,
    },
    Corrupt {
        format: String,
        detail: String,
    },
    Encrypted,
    TooLarge(String),
    Empty,
}

fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    put_frame(w, payload)?;
    w.flush()
}

/// A frame into `w`, not yet flushed (a reply's frames leave in one write).
fn put_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    w.write_all(&(payload.len() as u32).to_le_bytes())?;
    w.write_all(payload)
}

/// One frame, or `None` at a clean end of stream.
fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    Ok(read_frame_into(r, &mut buf)?.then_some(buf))
}

/// One frame into `buf` (its allocation reused from frame to frame);
/// `false` at a clean end of stream.
fn read_frame_into(r: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(false),
        other => other?,
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    buf.clear();
    buf.resize(len, 0);
    r.read_exact(buf)?;
    Ok(true)
}

fn encode<T: Serialize>(v: &T) -> io::Result<Vec<u8>> {
    bincode::serialize(v).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

fn decode<'a, T: Deserialize<'a>>(b: &'a [u8]) -> io::Result<T> {
    bincode::deserialize(b).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Format names travel as text; readers use a small fixed set, kept once.
fn intern(s: String) -> &'static str {
    static SEEN: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(k) = seen.iter().find(|k| **k == s) {
        return k;
    }
    let k: &'static str = Box::leak(s.into_boxed_str());
    seen.push(k);
    k
}

/// One file for a worker: its name (for messages and the test triggers),
/// what parses it, its bytes.
type Job<'a> = (&'a str, Kind, &'a [u8]);

/// A worker's reply, and the encoded document that followed it.
type Answer = (Reply, Option<Vec<u8>>);

/// One running worker.
struct Worker {
    child: Child,
    /// `None` once closed, which ends the worker's loop.
    stdin: Option<ChildStdin>,
    /// Buffered: a reply usually arrives whole in one read.
    stdout: io::BufReader<ChildStdout>,
    stderr: Arc<Mutex<Vec<u8>>>,
    /// Bytes of requests that may be written at once without waiting for
    /// the worker to read them (0: send one request at a time).
    capacity: usize,
}

impl Worker {
    fn spawn(opts: &Options, limits: &Limits) -> io::Result<Worker> {
        let mut child = Command::new(&opts.exe)
            .arg(WORKER_COMMAND)
            .arg("--memory-mb")
            .arg(opts.memory_mb.to_string())
            .envs(opts.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(stdout), Some(mut err)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("worker pipes missing"));
        };
        // The last few KB of the worker's stderr tell an allocation failure.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                t.extend_from_slice(&buf[..n]);
                let excess = t.len().saturating_sub(4096);
                t.drain(..excess);
            }
        });
        let capacity = widen_pipe(&stdin);
        let mut w = Worker {
            child,
            capacity,
            stdin: Some(stdin),
            stdout: io::BufReader::with_capacity(1 << 16, stdout),
            stderr,
        };
        let hello = encode(&Hello {
            limits: limits.clone(),
            config: opts.config.as_ref().map(|(_, json)| json.clone()),
        })?;
        let ready =
            w.send(&hello).and_then(
                |_| match w.reply(Instant::now() + Duration::from_secs(30)) {
                    Ok(Some(f)) if matches!(decode(&f), Ok(Reply::Ready)) => Ok(()),
                    _ => Err(io::Error::other("worker did not start")),
                },
            );
        if let Err(e) = ready {
            w.kill();
            return Err(e);
        }
        Ok(w)
    }

    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        match self.stdin.as_mut() {
            Some(s) => write_frame(s, frame),
            None => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }

    /// The next frame before `deadline`; `Ok(None)` when the worker is
    /// gone, `Err(TimedOut)` when it did not answer in time.
    fn reply(&mut self, deadline: Instant) -> io::Result<Option<Vec<u8>>> {
        read_frame(&mut Deadline {
            out: &mut self.stdout,
            deadline,
        })
    }

    /// Write all of `parts`, in as few system calls as the pipe takes.
    fn send_gathered(&mut self, mut parts: &mut [io::IoSlice<'_>]) -> io::Result<()> {
        let Some(s) = self.stdin.as_mut() else {
            return Err(io::ErrorKind::BrokenPipe.into());
        };
        while !parts.is_empty() {
            match s.write_vectored(parts) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => io::IoSlice::advance_slices(&mut parts, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn ran_out_of_memory(&self) -> bool {
        // Give the stderr thread a moment to take the last message.
        std::thread::sleep(Duration::from_millis(20));
        let t = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&t).contains("memory allocation of")
    }
}

/// Linux: a pipe holds 64 KB; ask for 1 MB (the default most a user may ask,
/// `/proc/sys/fs/pipe-max-size`) so that a batch of forms fits, and say how
/// much it holds, less a page (a write may leave the last one part-filled).
#[cfg(target_os = "linux")]
fn widen_pipe(end: &ChildStdin) -> usize {
    use std::os::fd::AsRawFd;
    let fd = end.as_raw_fd();
    // SAFETY: fcntl on a pipe descriptor this process owns; no memory passed.
    let size = unsafe {
        libc::fcntl(fd, libc::F_SETPIPE_SZ, 1 << 20);
        libc::fcntl(fd, libc::F_GETPIPE_SZ)
    };
    usize::try_from(size).map_or(0, |s| s.saturating_sub(4096))
}

/// Elsewhere a pipe's size is not known: one request at a time.
#[cfg(not(target_os = "linux"))]
fn widen_pipe(_end: &ChildStdin) -> usize {
    0
}

/// A worker's stdout, read with a deadline (Unix: `poll` before a read
/// reaches the pipe; Windows: `PeekNamedPipe`).
struct Deadline<'a> {
    out: &'a mut io::BufReader<ChildStdout>,
    deadline: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out.buffer().is_empty() {
            let left = self.deadline.saturating_duration_since(Instant::now());
            if !readable(self.out.get_ref(), left)? {
                return Err(io::ErrorKind::TimedOut.into());
            }
        }
        self.out.read(buf)
    }
}

#[cfg(unix)]
fn readable(out: &impl std::os::fd::AsRawFd, timeout: Duration) -> io::Result<bool> {
    let mut fd = libc::pollfd {
        fd: out.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
    loop {
        // SAFETY: one valid pollfd, owned by this frame.
        let n = unsafe { libc::poll(&mut fd, 1, ms) };
        if n >= 0 {
            // Readable, or hung up (then read returns 0: the worker is gone).
            return Ok(n > 0);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Windows: anonymous pipes have no `poll`; `PeekNamedPipe` says how many
/// bytes wait, checked at short intervals until the deadline.
#[cfg(windows)]
fn readable(out: &ChildStdout, timeout: Duration) -> io::Result<bool> {
    use std::os::windows::io::AsRawHandle;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn PeekNamedPipe(
            pipe: *mut std::ffi::c_void,
            buffer: *mut std::ffi::c_void,
            size: u32,
            read: *mut u32,
            available: *mut u32,
            left: *mut u32,
        ) -> i32;
    }
    let deadline = Instant::now() + timeout;
    let mut spins = 0u32;
    loop {
        let mut available = 0u32;
        // SAFETY: a valid pipe handle owned by `out`; only `available` is written.
        let ok = unsafe {
            PeekNamedPipe(
                out.as_raw_handle(),
                std::ptr::null_mut(),
                0,
                std::ptr::null_mut(),
                &mut available,
                std::ptr::null_mut(),
            )
        };
        // Data waiting, or the pipe broken (the worker is gone: read says so).
        if ok == 0 || available > 0 {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        spins += 1;
        if spins < 200 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// Neither `poll` nor `PeekNamedPipe`: no time limit, the read blocks until
/// the worker answers or dies.
#[cfg(not(any(unix, windows)))]
fn readable(_out: &ChildStdout, _timeout: Duration) -> io::Result<bool> {
    Ok(true)
}

/// Worker processes that read files, restarted when one dies.
pub struct Pool {
    opts: Options,
    limits: Limits,
    /// The first worker's pipe capacity: how many bytes of files
    /// [`read_extract_all`](Self::read_extract_all) sends in one batch.
    batch_bytes: usize,
    idle: Mutex<Vec<Worker>>,
    warned: std::sync::Once,
}

impl Pool {
    /// Start the pool with one worker; fails when it cannot start (then read
    /// in-process). The others, up to one per reading thread, start when a
    /// file first needs them, so a run that finds almost everything in the
    /// cache starts one process, and a full run starts them from the reading
    /// threads, side by side.
    pub fn start(opts: Options, limits: &Limits) -> io::Result<Pool> {
        let idle = vec![Worker::spawn(&opts, limits)?];
        Ok(Pool {
            batch_bytes: idle[0].capacity,
            opts,
            limits: limits.clone(),
            idle: Mutex::new(idle),
            warned: std::sync::Once::new(),
        })
    }

    /// The pool of a run under `cfg`, as `zhibu run` and `zhibu serve`
    /// start it: this executable's workers, which also recognise the forms.
    /// `None` (said on stderr) when no worker starts: then files are read in
    /// this process.
    pub fn for_run(cfg: &Config) -> Option<Pool> {
        let started = Options::for_this_exe(&cfg.limits)
            .and_then(|opts| Pool::start(opts.extracting(cfg), &cfg.limits));
        match started {
            Ok(pool) => Some(pool),
            Err(e) => {
                eprintln!("警告：无法启动隔离读取进程（{e}），改为在本进程内读取文件");
                None
            }
        }
    }

    pub fn workers(&self) -> usize {
        self.opts.workers
    }

    /// End the pool without waiting for the workers: their input closes, so
    /// each exits by itself. For a process about to end, whose own end reaps
    /// them; dropping the pool instead waits for every worker to exit.
    pub fn release(self) {
        drop(std::mem::take(&mut *self.idle_workers()));
    }

    /// The idle workers (a panic elsewhere while they were held leaves
    /// the list as it was).
    fn idle_workers(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Bytes of files sent to a worker in one batch (0: one file at a time).
    pub fn batch_bytes(&self) -> usize {
        self.batch_bytes
    }

    /// Read one file's bytes in a worker. `name` is only for the test trigger.
    pub fn read(&self, name: &str, format: Format, bytes: &[u8]) -> Result<Document, Failure> {
        let Some(kind) = kind_of(format) else {
            // Nothing to parse: the in-process answer is immediate.
            return ingest::read(format, bytes, &self.limits).map_err(Failure::Read);
        };
        match self.exchange_one((name, kind, bytes), false, false)? {
            (Reply::Read(doc), _) => Ok(doc),
            (reply, _) => Err(failure_of(reply)),
        }
    }

    /// Whether the workers recognise forms under exactly this config (the
    /// pool was started with [`Options::extracting`]`(cfg)`): then
    /// [`read_extract`](Self::read_extract) may be used.
    pub fn extracts_under(&self, cfg: &Config) -> bool {
        self.opts
            .config
            .as_ref()
            .is_some_and(|(_, json)| serde_json::to_string(cfg).is_ok_and(|j| j == *json))
    }

    /// Read one file's bytes and recognise its forms in a worker, under the
    /// config the pool was started with ([`Options::extracting`]; without
    /// one every file fails); with `keep_doc`, the document comes back too,
    /// encoded. A worker whose config did not read back only reads: then
    /// the forms are recognised here.
    pub fn read_extract(
        &self,
        name: &str,
        format: Format,
        bytes: &[u8],
        keep_doc: bool,
    ) -> Result<Reading, Failure> {
        let Some(kind) = kind_of(format) else {
            let doc = ingest::read(format, bytes, &self.limits).map_err(Failure::Read)?;
            return self.reading(Reply::Read(doc), None, name, keep_doc);
        };
        let (reply, doc) = self.exchange_one((name, kind, bytes), true, keep_doc)?;
        self.reading(reply, doc, name, keep_doc)
    }

    /// [`read_extract`](Self::read_extract) for several files, in order.
    /// Where the pipes can hold them (Linux), they go to one worker in one
    /// write and come back in one: a worker wakes once for them and so does
    /// this thread, which on a virtual machine costs more than reading a
    /// small form. Whatever a batch did not answer (its worker died or hung)
    /// is sent again file by file, so a failure still costs only its file.
    pub fn read_extract_all(
        &self,
        files: &[(&str, Format, &[u8])],
        keep_doc: bool,
    ) -> Vec<Result<Reading, Failure>> {
        let mut out: Vec<Option<Result<Reading, Failure>>> = files.iter().map(|_| None).collect();
        let mut batch: Vec<(usize, Job)> = Vec::new();
        let mut size = 0;
        let flush = |batch: &mut Vec<(usize, Job)>,
                     out: &mut Vec<Option<Result<Reading, Failure>>>| {
            let items: Vec<_> = batch.iter().map(|(_, item)| *item).collect();
            // One file goes on its own (below), with the failure it meets.
            let answers = if items.len() > 1 {
                self.exchange(&items, true, keep_doc).0
            } else {
                Vec::new()
            };
            let answered = answers.len();
            for ((i, (name, _, _)), (reply, doc)) in batch.iter().zip(answers) {
                out[*i] = Some(self.reading(reply, doc, name, keep_doc));
            }
            for (i, (name, kind, bytes)) in batch.drain(..).skip(answered) {
                out[i] = Some(
                    self.exchange_one((name, kind, bytes), true, keep_doc)
                        .and_then(|(reply, doc)| self.reading(reply, doc, name, keep_doc)),
                );
            }
        };
        for (i, &(name, format, bytes)) in files.iter().enumerate() {
            let Some(kind) = kind_of(format) else {
                out[i] = Some(self.read_extract(name, format, bytes, keep_doc));
                continue;
            };
            let framed = framed_len(name, bytes);
            if !batch.is_empty() && size + framed > self.batch_bytes {
                flush(&mut batch, &mut out);
                size = 0;
            }
            size += framed;
            batch.push((i, (name, kind, bytes)));
        }
        flush(&mut batch, &mut out);
        out.into_iter()
            .map(|r| r.unwrap_or(Err(Failure::Crashed)))
            .collect()
    }

    /// What a worker's answer about the file `name` gives.
    fn reading(
        &self,
        reply: Reply,
        doc: Option<Vec<u8>>,
        name: &str,
        keep_doc: bool,
    ) -> Result<Reading, Failure> {
        match reply {
            Reply::Extracted { forms, .. } => Ok(Reading {
                parsed: match forms {
                    None => Parsed::Blank,
                    Some(p) => Parsed::Extracted(p.restore().ok_or(Failure::Crashed)?),
                },
                doc,
            }),
            // A worker without the config only read: recognise here.
            Reply::Read(doc) => {
                let Some((cfg, _)) = &self.opts.config else {
                    return Err(Failure::Crashed);
                };
                Ok(Reading {
                    doc: keep_doc.then(|| encode(&doc).ok()).flatten(),
                    parsed: extract::recognise(&doc, name, cfg),
                })
            }
            reply => Err(failure_of(reply)),
        }
    }

    /// One file to a worker, and its answer or why there is none.
    fn exchange_one(&self, item: Job, extract: bool, keep_doc: bool) -> Result<Answer, Failure> {
        let (mut answers, failure) = self.exchange(&[item], extract, keep_doc);
        match (answers.pop(), failure) {
            (Some(answer), _) => Ok(answer),
            (None, failure) => Err(failure.unwrap_or(Failure::Crashed)),
        }
    }

    /// Requests to an idle worker (started when none is idle), all in one
    /// gathered write, and their replies in order, each with the document
    /// frame that may follow it; the failure that ended the replies early,
    /// if any (the worker is then killed). Several requests go only when
    /// they fit the worker's pipe together, so that writing them never waits
    /// on a worker that waits on its replies being read. A worker that
    /// cannot start means reading here, once warned.
    fn exchange(
        &self,
        items: &[Job],
        extract: bool,
        keep_doc: bool,
    ) -> (Vec<Answer>, Option<Failure>) {
        let requests: Vec<Request> = items
            .iter()
            .map(|&(name, kind, _)| Request {
                name: name.to_string(),
                kind,
                extract,
                keep_doc,
            })
            .collect();
        let taken = self.idle_workers().pop();
        let mut worker = match taken.map_or_else(|| Worker::spawn(&self.opts, &self.limits), Ok) {
            Ok(w) => w,
            Err(e) => {
                self.warned.call_once(|| {
                    eprintln!("警告：无法启动读取进程（{e}），其余文件改在本进程内读取");
                });
                let config = self.opts.config.as_ref().map(|(cfg, _)| cfg);
                let answers = requests
                    .iter()
                    .zip(items)
                    .map(|(req, (_, _, bytes))| answer(req, bytes, &self.limits, config))
                    .collect();
                return (answers, None);
            }
        };
        let total: usize = items.iter().map(|(n, _, b)| framed_len(n, b)).sum();
        if items.len() > 1 && total > worker.capacity {
            self.idle_workers().push(worker);
            return (Vec::new(), None);
        }
        // Each request's small parts together (a platform without gathered
        // writes makes two writes per file, not four), then the file's bytes:
        // no copy of the bytes, and the worker wakes once.
        let heads: io::Result<Vec<Vec<u8>>> = requests
            .iter()
            .zip(items)
            .map(|(req, (_, _, bytes))| {
                let h = encode(req)?;
                let mut head = Vec::with_capacity(8 + h.len());
                head.extend((h.len() as u32).to_le_bytes());
                head.extend(&h);
                head.extend((bytes.len() as u32).to_le_bytes());
                Ok(head)
            })
            .collect();
        let sent = heads.and_then(|heads| {
            let mut parts: Vec<io::IoSlice> = heads
                .iter()
                .zip(items)
                .flat_map(|(h, (_, _, b))| [io::IoSlice::new(h), io::IoSlice::new(b)])
                .collect();
            worker.send_gathered(&mut parts)
        });
        let mut answers = Vec::with_capacity(items.len());
        let mut ended = sent.err();
        while ended.is_none() && answers.len() < items.len() {
            // Each reply within the time limit of the one before (a worker
            // holds a batch's replies back only while it goes on quickly,
            // see HOLD_REPLIES). A file that hangs a batch is sent again on
            // its own, so it is given up after twice the limit.
            let deadline = Instant::now() + self.opts.timeout;
            let answer = worker.reply(deadline).and_then(|frame| {
                let frame = frame.ok_or(io::ErrorKind::UnexpectedEof)?;
                let reply: Reply = decode(&frame)?;
                let doc = match reply {
                    Reply::Extracted {
                        doc_follows: true, ..
                    } => Some(
                        worker
                            .reply(deadline)?
                            .ok_or(io::ErrorKind::UnexpectedEof)?,
                    ),
                    _ => None,
                };
                Ok((reply, doc))
            });
            match answer {
                Ok(a) => answers.push(a),
                Err(e) => ended = Some(e),
            }
        }
        let Some(e) = ended else {
            self.idle_workers().push(worker);
            return (answers, None);
        };
        worker.kill();
        let failure = if e.kind() == io::ErrorKind::TimedOut {
            Failure::TimedOut(self.opts.timeout)
        } else if worker.ran_out_of_memory() {
            Failure::OutOfMemory {
                limit_mb: self.opts.memory_mb,
            }
        } else {
            Failure::Crashed
        };
        (answers, Some(failure))
    }
}

/// What a request takes in a worker's pipe, at most: the file's bytes, its
/// name and the rest of its header, with the frame lengths.
fn framed_len(name: &str, bytes: &[u8]) -> usize {
    bytes.len() + name.len() + 64
}

/// The formats a worker parses; the others need no parser.
fn kind_of(format: Format) -> Option<Kind> {
    Some(match format {
        Format::Docx => Kind::Docx,
        Format::Xlsx => Kind::Xlsx,
        Format::Ods => Kind::Ods,
        Format::Doc => Kind::Doc,
        Format::Xls => Kind::Xls,
        Format::EncryptedOffice | Format::Other(_) | Format::Damaged(_) => return None,
    })
}

impl Kind {
    fn format(self) -> Format {
        match self {
            Kind::Docx => Format::Docx,
            Kind::Xlsx => Format::Xlsx,
            Kind::Ods => Format::Ods,
            Kind::Doc => Format::Doc,
            Kind::Xls => Format::Xls,
        }
    }
}

/// The answer to a request, made where it runs (a worker; this process when
/// no worker starts): the file read, and recognised when that is asked and
/// the config is there (a worker whose config did not read back only reads).
fn answer(req: &Request, bytes: &[u8], limits: &Limits, config: Option<&Config>) -> Answer {
    let doc = match ingest::read(req.kind.format(), bytes, limits) {
        Ok(doc) => doc,
        Err(e) => return (reply_of_error(e), None),
    };
    let Some(cfg) = config.filter(|_| req.extract) else {
        return (Reply::Read(doc), None);
    };
    let encoded = req.keep_doc.then(|| encode(&doc).ok()).flatten();
    let forms = match extract::recognise(&doc, &req.name, cfg) {
        Parsed::Blank => None,
        Parsed::Extracted(ex) => Some(Portable::new(ex)),
    };
    let reply = Reply::Extracted {
        forms,
        doc_follows: encoded.is_some(),
    };
    (reply, encoded)
}

/// A reader's error as a worker sends it.
fn reply_of_error(e: ReadError) -> Reply {
    match e {
        ReadError::Corrupt { format, detail } => Reply::Corrupt {
            format: format.to_string(),
            detail,
        },
        ReadError::Encrypted => Reply::Encrypted,
        ReadError::TooLarge(m) => Reply::TooLarge(m),
        ReadError::Empty => Reply::Empty,
    }
}

/// What a reply that is not the one asked for means.
fn failure_of(reply: Reply) -> Failure {
    match reply {
        Reply::Corrupt { format, detail } => Failure::Read(ReadError::Corrupt {
            format: intern(format),
            detail,
        }),
        Reply::Encrypted => Failure::Read(ReadError::Encrypted),
        Reply::TooLarge(m) => Failure::Read(ReadError::TooLarge(m)),
        Reply::Empty => Failure::Read(ReadError::Empty),
        Reply::Ready | Reply::Read(_) | Reply::Extracted { .. } => Failure::Crashed,
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let mut workers = std::mem::take(&mut *self.idle_workers());
        // Closing stdin ends a worker's loop; it exits on its own. All are
        // told first, so that they end side by side, then each is reaped.
        for w in &mut workers {
            w.stdin = None;
        }
        for mut w in workers {
            let _ = w.child.wait();
        }
    }
}

/// The worker side: set the memory limit, then read requests until stdin closes.
pub fn worker_main(memory_mb: u64) -> io::Result<()> {
    set_memory_limit(memory_mb);
    // Ctrl-C is the parent's to handle: a worker ends when its stdin closes,
    // so that a run interrupted by `zhibu watch` still reads its last files.
    #[cfg(unix)]
    // SAFETY: ignoring a signal has no preconditions.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
    }
    // Windows: the worker shares the console, so Ctrl-C reaches it too.
    #[cfg(windows)]
    {
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn SetConsoleCtrlHandler(handler: *const std::ffi::c_void, add: i32) -> i32;
        }
        // SAFETY: a null handler with TRUE only makes this process ignore Ctrl-C.
        unsafe {
            SetConsoleCtrlHandler(std::ptr::null(), 1);
        }
    }
    let mut input = RawStdin::new();
    // Each frame leaves in one write (stdout's line buffering would split it).
    let mut output = io::BufWriter::with_capacity(1 << 16, RawStdout);
    let Some(hello) = read_frame(&mut input)? else {
        return Ok(());
    };
    let hello: Hello = decode(&hello)?;
    // A config that does not read back: the worker only reads, and the
    // parent recognises the forms (see `Pool::read_extract`).
    let config: Option<Config> = hello
        .config
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok());
    write_frame(&mut output, &encode(&Reply::Ready)?)?;
    let trigger = |var| std::env::var(var).ok().filter(|s: &String| !s.is_empty());
    let (crash_on, hang_on) = (trigger(CRASH_ENV), trigger(HANG_ENV));
    let mut bytes = Vec::new();
    // When the file whose reply is the oldest not yet sent was begun.
    let mut held_since: Option<Instant> = None;
    while let Some(frame) = read_frame(&mut input)? {
        let started = Instant::now();
        let req: Request = decode(&frame)?;
        if !read_frame_into(&mut input, &mut bytes)? {
            bytes.clear();
        }
        if crash_on.as_deref().is_some_and(|c| req.name.contains(c)) {
            std::process::abort();
        }
        if hang_on.as_deref().is_some_and(|c| req.name.contains(c)) {
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        let (reply, doc) = answer(&req, &bytes, &hello.limits, config.as_ref());
        // The buffer is kept for the next file, unless it is large: then the
        // reply is encoded without it, under the memory limit.
        if bytes.capacity() > KEEP_BUFFER {
            bytes = Vec::new();
        }
        put_frame(&mut output, &encode(&reply)?)?;
        if let Some(doc) = doc {
            put_frame(&mut output, &doc)?;
        }
        // A batch's replies leave together, once no request waits — or
        // once the first of them was begun a while ago, so that slow files
        // are answered as they finish, within the parent's time limit.
        let first = *held_since.get_or_insert(started);
        if !input.more_waiting() || first.elapsed() > HOLD_REPLIES {
            output.flush()?;
            held_since = None;
        }
    }
    output.flush()
}

/// Standard input, buffered, able to tell whether more is waiting.
struct RawStdin {
    #[cfg(unix)]
    inner: io::BufReader<std::fs::File>,
    #[cfg(not(unix))]
    inner: io::StdinLock<'static>,
}

impl RawStdin {
    #[cfg(unix)]
    fn new() -> RawStdin {
        use std::os::fd::FromRawFd;
        // SAFETY: fd 0 is open and nothing else in a worker reads it; it is
        // closed when the worker's loop ends, just before the process does.
        let f = unsafe { std::fs::File::from_raw_fd(0) };
        RawStdin {
            inner: io::BufReader::with_capacity(1 << 16, f),
        }
    }

    #[cfg(not(unix))]
    fn new() -> RawStdin {
        RawStdin {
            inner: io::stdin().lock(),
        }
    }

    /// Bytes of another request wait (buffered or in the pipe).
    #[cfg(unix)]
    fn more_waiting(&self) -> bool {
        // (A closed pipe counts too: the next read ends the loop, and the
        // replies leave after it.)
        !self.inner.buffer().is_empty()
            || readable(self.inner.get_ref(), Duration::ZERO).unwrap_or(false)
    }

    /// Elsewhere the parent sends one request at a time: answer each at once.
    #[cfg(not(unix))]
    fn more_waiting(&self) -> bool {
        false
    }
}

impl Read for RawStdin {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

/// Standard output without Rust's line buffering.
struct RawStdout;

impl Write for RawStdout {
    #[cfg(unix)]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use std::os::fd::FromRawFd;
        // SAFETY: fd 1 stays open for the process' life; ManuallyDrop keeps it open.
        let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
        f.write(buf)
    }

    /// Windows: standard output is line-buffered, and a frame has no line
    /// end, so each write is flushed at once.
    #[cfg(not(unix))]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = io::stdout().lock();
        let n = out.write(buf)?;
        out.flush()?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn set_memory_limit(mb: u64) {
    if mb == 0 {
        return;
    }
    let bytes = mb.saturating_mul(1 << 20) as libc::rlim_t;
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: setrlimit reads the struct we pass and changes only this process.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn set_memory_limit(_mb: u64) {}
