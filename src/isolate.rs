//! Supervised reading: the third-party parsers run in worker processes.
//!
//! A hostile file can make a parser abort the whole process (an allocation
//! failure cannot be caught), loop for ever, or eat all memory. So the run
//! starts a small pool of workers once — the same executable, hidden
//! subcommand [`WORKER_COMMAND`] — each under an address-space limit
//! (`RLIMIT_AS`, Unix), and sends them the bytes of one file at a time over a
//! pipe; a worker answers with the [`Document`] or the reader's error, both
//! bincode-encoded in length-prefixed frames. A worker that dies or does not
//! answer within the time limit costs that one file (reported as a
//! [`Failure`]) and is replaced; the run goes on. This is Apache Tika's
//! `ForkParser` idea, kept small.

use crate::ingest::{self, Document, Format, Limits, ReadError};
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The hidden subcommand a worker runs.
pub const WORKER_COMMAND: &str = "__worker";
/// Test-only: a worker aborts on a file whose name contains this value.
pub const CRASH_ENV: &str = "ZHIBU_TEST_CRASH_ON";
/// Test-only: a worker hangs on a file whose name contains this value.
pub const HANG_ENV: &str = "ZHIBU_TEST_HANG_ON";
/// Largest frame either side accepts (a file is at most `max_file_mb`).
const MAX_FRAME: usize = 1 << 30;

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
}

impl Options {
    /// The current executable, one worker per core, limits from the config.
    pub fn for_this_exe(limits: &Limits) -> io::Result<Options> {
        Ok(Options::new(std::env::current_exe()?, limits))
    }

    pub fn new(exe: PathBuf, limits: &Limits) -> Options {
        Options {
            exe,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            timeout: Duration::from_secs(limits.read_timeout_secs.max(1)),
            memory_mb: limits.read_memory_mb,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Hello {
    limits: Limits,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
enum Kind {
    Docx,
    Xlsx,
    Ods,
    Doc,
    Xls,
}

#[derive(Serialize)]
struct RequestRef<'a> {
    name: &'a str,
    kind: Kind,
    bytes: &'a [u8],
}

#[derive(Deserialize)]
struct Request {
    name: String,
    kind: Kind,
    bytes: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    Ready,
    Read(Document),
    Corrupt { format: String, detail: String },
    Encrypted,
    TooLarge(String),
    Empty,
}

fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    w.write_all(&(payload.len() as u32).to_le_bytes())?;
    w.write_all(payload)?;
    w.flush()
}

/// One frame, or `None` at a clean end of stream.
fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
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

/// One running worker.
struct Worker {
    child: Child,
    /// `None` once closed, which ends the worker's loop.
    stdin: Option<ChildStdin>,
    replies: Receiver<Option<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Worker {
    fn spawn(opts: &Options, limits: &Limits) -> io::Result<Worker> {
        let mut child = Command::new(&opts.exe)
            .arg(WORKER_COMMAND)
            .arg("--memory-mb")
            .arg(opts.memory_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(mut stdout), Some(mut err)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("worker pipes missing"));
        };
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                match read_frame(&mut stdout) {
                    Ok(Some(f)) => {
                        if tx.send(Some(f)).is_err() {
                            return;
                        }
                    }
                    _ => {
                        let _ = tx.send(None);
                        return;
                    }
                }
            }
        });
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
        let mut w = Worker {
            child,
            stdin: Some(stdin),
            replies,
            stderr,
        };
        let hello = encode(&Hello {
            limits: limits.clone(),
        })?;
        let ready =
            w.send(&hello)
                .and_then(|_| match w.replies.recv_timeout(Duration::from_secs(30)) {
                    Ok(Some(f)) if matches!(decode(&f), Ok(Reply::Ready)) => Ok(()),
                    _ => Err(io::Error::other("worker did not start")),
                });
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

/// Worker processes that read files, restarted when one dies.
pub struct Pool {
    opts: Options,
    limits: Limits,
    idle: Mutex<Vec<Worker>>,
    warned: std::sync::Once,
}

impl Pool {
    /// Start `opts.workers` workers now; fails when the first cannot start
    /// (then read in-process).
    pub fn start(opts: Options, limits: &Limits) -> io::Result<Pool> {
        let mut idle = vec![Worker::spawn(&opts, limits)?];
        for _ in 1..opts.workers.max(1) {
            idle.push(Worker::spawn(&opts, limits)?);
        }
        Ok(Pool {
            opts,
            limits: limits.clone(),
            idle: Mutex::new(idle),
            warned: std::sync::Once::new(),
        })
    }

    pub fn workers(&self) -> usize {
        self.opts.workers
    }

    /// Read one file's bytes in a worker. `name` is only for the test trigger.
    pub fn read(&self, name: &str, format: Format, bytes: &[u8]) -> Result<Document, Failure> {
        let kind = match format {
            Format::Docx => Kind::Docx,
            Format::Xlsx => Kind::Xlsx,
            Format::Ods => Kind::Ods,
            Format::Doc => Kind::Doc,
            Format::Xls => Kind::Xls,
            // Nothing to parse: the in-process answer is immediate.
            Format::EncryptedOffice | Format::Other(_) => {
                return ingest::read(format, bytes, &self.limits).map_err(Failure::Read);
            }
        };
        let taken = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut worker = match taken.map_or_else(|| Worker::spawn(&self.opts, &self.limits), Ok) {
            Ok(w) => w,
            Err(e) => {
                self.warned.call_once(|| {
                    eprintln!("警告：无法启动读取进程（{e}），其余文件改在本进程内读取");
                });
                return ingest::read(format, bytes, &self.limits).map_err(Failure::Read);
            }
        };
        let request = encode(&RequestRef { name, kind, bytes });
        let sent = request.and_then(|r| worker.send(&r));
        let reply = match sent {
            Ok(()) => worker.replies.recv_timeout(self.opts.timeout),
            Err(_) => Ok(None),
        };
        let frame = match reply {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                worker.kill();
                return Err(if worker.ran_out_of_memory() {
                    Failure::OutOfMemory {
                        limit_mb: self.opts.memory_mb,
                    }
                } else {
                    Failure::Crashed
                });
            }
            Err(RecvTimeoutError::Timeout) => {
                worker.kill();
                return Err(Failure::TimedOut(self.opts.timeout));
            }
        };
        let Ok(reply) = decode::<Reply>(&frame) else {
            worker.kill();
            return Err(Failure::Crashed);
        };
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(worker);
        match reply {
            Reply::Read(doc) => Ok(doc),
            Reply::Corrupt { format, detail } => Err(Failure::Read(ReadError::Corrupt {
                format: intern(format),
                detail,
            })),
            Reply::Encrypted => Err(Failure::Read(ReadError::Encrypted)),
            Reply::TooLarge(m) => Err(Failure::Read(ReadError::TooLarge(m))),
            Reply::Empty => Err(Failure::Read(ReadError::Empty)),
            Reply::Ready => Err(Failure::Crashed),
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let workers = std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for mut w in workers {
            // Closing stdin ends the worker's loop; it exits on its own.
            w.stdin = None;
            let _ = w.child.wait();
        }
    }
}

/// The worker side: set the memory limit, then read requests until stdin closes.
pub fn worker_main(memory_mb: u64) -> io::Result<()> {
    set_memory_limit(memory_mb);
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let Some(hello) = read_frame(&mut input)? else {
        return Ok(());
    };
    let hello: Hello = decode(&hello)?;
    write_frame(&mut output, &encode(&Reply::Ready)?)?;
    let trigger = |var| std::env::var(var).ok().filter(|s: &String| !s.is_empty());
    let (crash_on, hang_on) = (trigger(CRASH_ENV), trigger(HANG_ENV));
    while let Some(frame) = read_frame(&mut input)? {
        let req: Request = decode(&frame)?;
        if crash_on.as_deref().is_some_and(|c| req.name.contains(c)) {
            std::process::abort();
        }
        if hang_on.as_deref().is_some_and(|c| req.name.contains(c)) {
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        let format = match req.kind {
            Kind::Docx => Format::Docx,
            Kind::Xlsx => Format::Xlsx,
            Kind::Ods => Format::Ods,
            Kind::Doc => Format::Doc,
            Kind::Xls => Format::Xls,
        };
        let reply = match ingest::read(format, &req.bytes, &hello.limits) {
            Ok(doc) => Reply::Read(doc),
            Err(ReadError::Corrupt { format, detail }) => Reply::Corrupt {
                format: format.to_string(),
                detail,
            },
            Err(ReadError::Encrypted) => Reply::Encrypted,
            Err(ReadError::TooLarge(m)) => Reply::TooLarge(m),
            Err(ReadError::Empty) => Reply::Empty,
        };
        drop(req);
        write_frame(&mut output, &encode(&reply)?)?;
    }
    Ok(())
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
