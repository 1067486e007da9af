//! The content cache: what reading a file gave, kept in
//! `outbox/.zhibu-cache/` so that an unchanged file is not parsed again.
//!
//! An entry is the [`Document`] a reader made of a file, under the file's
//! sha256, in a folder named after the zhibu version and a hash of the
//! reading limits (the only configuration reading depends on; recognition
//! and the rules run again on every run, so a changed config or a new file
//! name changes nothing in the cache). Folders of other versions or limits
//! are removed. Every entry carries a magic, its key and a CRC; an entry that
//! fails any check is ignored and overwritten, never trusted.
//!
//! A stat index (path, size, modification time → sha256) spares re-hashing a
//! file that was not touched; files modified within two seconds of the run
//! are left out of it, as git does, since a second write in the same clock
//! tick would keep the same time.

use crate::config::Config;
use crate::extract::Extracted;
use crate::extract::wire::{Portable, PortableRef};
use crate::ingest::{Document, Format};
use crate::limits::Limits;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The cache folder inside the outbox.
pub const DIR: &str = ".zhibu-cache";
const MAGIC: &[u8; 8] = b"ZHIBUC01";
/// Test-only: pretend to be another zhibu version.
pub const VERSION_ENV: &str = "ZHIBU_TEST_CACHE_VERSION";

/// What a file's stat said when it was last read.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
struct Stat {
    size: u64,
    mtime_ns: i128,
    sha256: String,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    sha256: String,
    format: u8,
    doc: Document,
}

/// What extraction made of one file: its forms and problems, and beside each
/// form the fields the report leaves out (`#[serde(skip)]`), so that the
/// forms come back whole.
#[derive(Serialize, Deserialize)]
struct ExtractionEntry {
    key: String,
    format: u8,
    extracted: Portable,
}

/// The cache of one run. Every method is safe to call from reading threads;
/// every failure only means a miss.
pub struct Cache {
    dir: PathBuf,
    /// sha256 of the whole config, when extraction results may be kept
    /// (see [`Cache::for_config`]).
    config: Option<String>,
    index: HashMap<String, Stat>,
    seen: Mutex<HashMap<String, Stat>>,
    used: Mutex<HashSet<String>>,
    started: std::time::SystemTime,
}

fn format_code(f: Format) -> Option<u8> {
    Some(match f {
        Format::Docx => 1,
        Format::Xlsx => 2,
        Format::Ods => 3,
        Format::Doc => 4,
        Format::Xls => 5,
        Format::EncryptedOffice | Format::Other(_) | Format::Damaged(_) => return None,
    })
}

fn format_of(code: u8) -> Option<Format> {
    Some(match code {
        1 => Format::Docx,
        2 => Format::Xlsx,
        3 => Format::Ods,
        4 => Format::Doc,
        5 => Format::Xls,
        _ => return None,
    })
}

/// A value of this cache's sealed file `path` (see [`crate::sealed`]).
fn load<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    crate::sealed::load(MAGIC, path)
}

/// Keep `value` in this cache's sealed file `path`.
fn store<T: Serialize + ?Sized>(path: &Path, value: &T) -> std::io::Result<()> {
    crate::sealed::store(MAGIC, path, value)
}

pub use crate::sealed::mtime_ns;

impl Cache {
    /// The cache for reading under `limits` in `outbox`. Never fails: a
    /// cache that cannot be opened is an empty one.
    pub fn open(outbox: &Path, limits: &Limits) -> Cache {
        let version = std::env::var(VERSION_ENV)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string());
        let limits_hash = bincode::serialize(limits)
            .map(|b| crate::render::sha256_hex(&b))
            .unwrap_or_default();
        let name = format!("v{version}-{}", &limits_hash[..16.min(limits_hash.len())]);
        let root = outbox.join(DIR);
        // Another version's or other limits' entries are never used: remove them.
        if let Ok(dirs) = std::fs::read_dir(&root) {
            for d in dirs.flatten() {
                if d.file_name().to_string_lossy() != name {
                    let _ = std::fs::remove_dir_all(d.path());
                }
            }
        }
        let dir = root.join(name);
        let index = load(&dir.join("index")).unwrap_or_default();
        Cache {
            dir,
            config: None,
            index,
            seen: Mutex::default(),
            used: Mutex::default(),
            started: std::time::SystemTime::now(),
        }
    }

    /// The file where what was read of each font face is kept (see
    /// `render::fonts::FontMemo`), beside this version's entries.
    pub fn font_memo_path(&self) -> PathBuf {
        self.dir.join("fonts")
    }

    /// Keep extraction results too, for runs under `cfg` (the whole config
    /// is part of their key: any change to it extracts every file again).
    pub fn for_config(mut self, cfg: &Config) -> Cache {
        self.config = serde_json::to_vec(cfg)
            .ok()
            .map(|b| crate::render::sha256_hex(&b));
        self
    }

    /// The key of an extraction: the file's content, its path in the inbox
    /// (messages and folder names use it) and the config.
    fn extraction_key(&self, sha256: &str, rel: &str) -> Option<String> {
        let config = self.config.as_ref()?;
        let mut key = Vec::with_capacity(sha256.len() + rel.len() + config.len() + 8);
        for part in [
            b"extract".as_slice(),
            sha256.as_bytes(),
            rel.as_bytes(),
            config.as_bytes(),
        ] {
            key.extend_from_slice(&(part.len() as u32).to_le_bytes());
            key.extend_from_slice(part);
        }
        Some(format!("x{}", crate::render::sha256_hex(&key)))
    }

    /// What extraction made of the file `rel` with this sha256 under this
    /// config, and the file's format, if it was kept.
    pub fn extracted(&self, sha256: &str, rel: &str) -> Option<(Format, Extracted)> {
        let key = self.extraction_key(sha256, rel)?;
        let entry: ExtractionEntry = load(&self.entry_path(&key))?;
        if entry.key != key {
            return None;
        }
        let format = format_of(entry.format)?;
        let extracted = entry.extracted.restore()?;
        self.mark_used(key);
        Some((format, extracted))
    }

    /// Keep what extraction made of a file.
    pub fn keep_extracted(&self, sha256: &str, rel: &str, format: Format, ex: &Extracted) {
        let (Some(key), Some(format)) = (self.extraction_key(sha256, rel), format_code(format))
        else {
            return;
        };
        #[derive(Serialize)]
        struct EntryRef<'a> {
            key: &'a str,
            format: u8,
            extracted: PortableRef<'a>,
        }
        self.keep_entry(
            &key,
            &EntryRef {
                key: &key,
                format,
                extracted: Portable::of(ex),
            },
        );
    }

    fn entry_path(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2.min(sha256.len())]).join(sha256)
    }

    /// The sha256 the file had when last read, if its size and time are unchanged.
    pub fn known_sha256(&self, rel: &str, size: u64, mtime_ns: i128) -> Option<String> {
        self.index
            .get(rel)
            .filter(|s| s.size == size && s.mtime_ns == mtime_ns)
            .map(|s| s.sha256.clone())
    }

    /// The document read from a file with this sha256, and its format.
    pub fn get(&self, sha256: &str) -> Option<(Format, Document)> {
        let entry: Entry = load(&self.entry_path(sha256))?;
        if entry.sha256 != sha256 {
            return None;
        }
        let format = format_of(entry.format)?;
        self.mark_used(sha256.to_string());
        Some((format, entry.doc))
    }

    /// Keep what reading a file gave.
    pub fn put(&self, sha256: &str, format: Format, doc: &Document) {
        let Some(format) = format_code(format) else {
            return;
        };
        #[derive(Serialize)]
        struct EntryRef<'a> {
            sha256: &'a str,
            format: u8,
            doc: &'a Document,
        }
        self.keep_entry(
            sha256,
            &EntryRef {
                sha256,
                format,
                doc,
            },
        );
    }

    /// [`put`](Self::put) for a document that comes bincode-encoded (a
    /// reading worker's reply): bincode lays a struct out as its fields one
    /// after another, so the entry is its head, then these bytes as they
    /// came, never decoded here.
    pub fn put_encoded(&self, sha256: &str, format: Format, doc: &[u8]) {
        let Some(format) = format_code(format) else {
            return;
        };
        let Ok(mut payload) = bincode::serialize(&(sha256, format)) else {
            return;
        };
        payload.extend_from_slice(doc);
        if crate::sealed::store_payload(MAGIC, &self.entry_path(sha256), &payload).is_ok() {
            self.mark_used(sha256.to_string());
        }
    }

    /// Write the entry `name` and mark it used in this run.
    fn keep_entry(&self, name: &str, value: &impl Serialize) {
        if store(&self.entry_path(name), value).is_ok() {
            self.mark_used(name.to_string());
        }
    }

    /// An entry this run read or wrote: [`finish`](Self::finish) keeps it.
    fn mark_used(&self, name: String) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name);
    }

    /// Note a file's stat and sha256 for the next run's index.
    pub fn saw(&self, rel: &str, size: u64, mtime_ns: i128, sha256: &str) {
        let settled = std::time::UNIX_EPOCH
            + std::time::Duration::from_nanos(mtime_ns.max(0) as u64)
            + std::time::Duration::from_secs(2)
            <= self.started;
        if settled && !sha256.is_empty() {
            self.seen.lock().unwrap_or_else(|e| e.into_inner()).insert(
                rel.to_string(),
                Stat {
                    size,
                    mtime_ns,
                    sha256: sha256.to_string(),
                },
            );
        }
    }

    /// After the run: write the index (when it changed) and drop the
    /// entries of files no longer in the inbox.
    pub fn finish(&self) {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if *seen != self.index {
            let _ = store(&self.dir.join("index"), &*seen);
        }
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(shards) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for shard in shards
            .flatten()
            .filter(|d| d.path().is_dir() && d.file_name() != RENDER_DIR)
        {
            for e in std::fs::read_dir(shard.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                if !used.contains(e.file_name().to_string_lossy().as_ref()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Block, Paragraph, WordDoc};

    fn doc(text: &str) -> Document {
        Document::Word(WordDoc {
            blocks: vec![Block::Paragraph(Paragraph {
                text: text.into(),
                heading: None,
            })],
        })
    }

    #[test]
    fn round_trip_corruption_and_versions() {
        let out = tempfile::tempdir().unwrap();
        let limits = Limits::default();
        let c = Cache::open(out.path(), &limits);
        assert!(c.get("ab12").is_none());
        c.put("ab12", Format::Docx, &doc("一"));
        assert_eq!(c.get("ab12"), Some((Format::Docx, doc("一"))));
        c.finish();
        // Another cache of the same limits finds it.
        let c = Cache::open(out.path(), &limits);
        assert_eq!(c.get("ab12"), Some((Format::Docx, doc("一"))));
        // A flipped byte or a cut entry is a miss.
        let path = c.entry_path("ab12");
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(c.get("ab12").is_none());
        std::fs::write(&path, &bytes[..10]).unwrap();
        assert!(c.get("ab12").is_none());
        std::fs::write(&path, b"").unwrap();
        assert!(c.get("ab12").is_none());
        // An entry under another key is a miss.
        c.put("ab12", Format::Docx, &doc("一"));
        std::fs::copy(&path, c.entry_path("ab34")).unwrap();
        assert!(c.get("ab34").is_none());
        // Other limits: another folder; the old one is removed.
        let other = Limits {
            max_file_mb: limits.max_file_mb + 1,
            ..limits.clone()
        };
        let c2 = Cache::open(out.path(), &other);
        assert!(c2.get("ab12").is_none());
        assert!(!path.exists());
    }

    #[test]
    fn an_encoded_document_is_the_same_entry() {
        let out = tempfile::tempdir().unwrap();
        let c = Cache::open(out.path(), &Limits::default());
        c.put("aa11", Format::Xlsx, &doc("表"));
        let bytes = bincode::serialize(&doc("表")).unwrap();
        c.put_encoded("bb22", Format::Xlsx, &bytes);
        assert_eq!(c.get("bb22"), Some((Format::Xlsx, doc("表"))));
        let sealed = |k: &str| std::fs::read(c.entry_path(k)).unwrap();
        // Byte for byte what `put` writes, but for the key inside.
        assert_eq!(sealed("aa11").len(), sealed("bb22").len());
        // Encoded bytes that are not a document are a miss, not a panic.
        c.put_encoded("cc33", Format::Xlsx, b"\xff\xff");
        assert!(c.get("cc33").is_none());
    }
}

/// What a finished run left, to recognise a run with nothing to do.
#[derive(Serialize, Deserialize)]
struct RunMemo {
    key: String,
    /// Every output, report.json included, with its sha256.
    outputs: Vec<(String, String)>,
    files: usize,
    problems: usize,
    errors: usize,
    exit: u8,
}

/// The result of the previous run, when nothing it depends on has changed.
pub struct Unchanged {
    pub files: usize,
    pub problems: usize,
    pub errors: usize,
    pub exit: u8,
}

impl Cache {
    /// A hash of everything a run's outputs depend on: the zhibu version,
    /// the whole config, `extra` (the arguments that matter and the date),
    /// each inbox file's path, time and sha256 (from the stat index when the
    /// file is unchanged), and the files under `dirs` (templates, holidays,
    /// extra fonts). System fonts are not part of it. `files` are the inbox's
    /// files, as [`crate::ingest::discover`] found them.
    pub fn run_key(
        &self,
        inbox: &Path,
        files: &[PathBuf],
        cfg: &crate::config::Config,
        extra: &str,
        dirs: &[PathBuf],
    ) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION"));
        h.update(serde_json::to_vec(cfg).unwrap_or_default());
        h.update(extra);
        for path in files {
            let rel = crate::pipeline::relative(inbox, path);
            let Ok(meta) = std::fs::metadata(path) else {
                h.update(format!("\0{rel}\0missing"));
                continue;
            };
            let stamp = mtime_ns(&meta);
            let sha = self
                .known_sha256(&rel, meta.len(), stamp)
                .or_else(|| {
                    std::fs::read(path)
                        .ok()
                        .map(|b| crate::render::sha256_hex(&b))
                })
                .unwrap_or_default();
            h.update(format!("\0{rel}\0{}\0{stamp}\0{sha}", meta.len()));
        }
        for dir in dirs {
            for e in walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if let Some(meta) = e.metadata().ok().filter(|m| m.is_file()) {
                    h.update(format!(
                        "\0{}\0{}\0{}",
                        e.path().display(),
                        meta.len(),
                        mtime_ns(&meta)
                    ));
                }
            }
        }
        format!("{:x}", h.finalize())
    }

    /// Forget the previous runs (the next run does all its work).
    pub fn forget_runs(&self) {
        for kind in ["check", "run"] {
            let _ = std::fs::remove_file(self.memo_path(kind));
        }
    }

    fn memo_path(&self, kind: &str) -> PathBuf {
        self.dir.join(format!("last-{kind}"))
    }

    /// The previous `kind` run, if it had the same key and its outputs in
    /// `outbox` are still exactly what it wrote.
    pub fn unchanged(&self, kind: &str, key: &str, outbox: &Path) -> Option<Unchanged> {
        let memo: RunMemo = load(&self.memo_path(kind))?;
        if memo.key != key || memo.outputs.is_empty() {
            return None;
        }
        for (rel, sha) in &memo.outputs {
            let b = std::fs::read(outbox.join(rel)).ok()?;
            if crate::render::sha256_hex(&b) != *sha {
                return None;
            }
        }
        Some(Unchanged {
            files: memo.files,
            problems: memo.problems,
            errors: memo.errors,
            exit: memo.exit,
        })
    }

    /// Remember a finished run (its outputs as now in `outbox`).
    pub fn remember(
        &self,
        kind: &str,
        key: &str,
        outbox: &Path,
        report: &crate::render::report::Report,
        exit: u8,
    ) {
        let mut outputs: Vec<(String, String)> = report
            .outputs
            .iter()
            .map(|o| (o.path.clone(), o.sha256.clone()))
            .collect();
        let Ok(json) = std::fs::read(outbox.join("report.json")) else {
            return;
        };
        outputs.push(("report.json".into(), crate::render::sha256_hex(&json)));
        let memo = RunMemo {
            key: key.to_string(),
            outputs,
            files: report.files.len(),
            problems: report.problems.len(),
            errors: report
                .problems
                .iter()
                .filter(|p| p.severity == crate::problem::Severity::Error)
                .count(),
            exit,
        };
        let _ = store(&self.memo_path(kind), &memo);
    }
}

/// The render cache: per output PDF, the key of the compilation that made
/// it (see `Typst::job_key`), the sha256 of the PDF and the warnings, in
/// `render/` beside the documents. A PDF whose key is unchanged and whose
/// file in the outbox still has that sha256 is not compiled again.
const RENDER_DIR: &str = "render";

#[derive(Serialize, Deserialize)]
struct RenderEntry {
    output: String,
    key: String,
    pdf_sha256: String,
    warnings: Vec<crate::render::typst::Diag>,
}

impl Cache {
    /// Where the render entry of the output `rel` (e.g. `案例汇编.pdf`) lives.
    pub fn render_entry(&self, rel: &str) -> PathBuf {
        self.dir
            .join(RENDER_DIR)
            .join(crate::render::sha256_hex(rel.as_bytes()))
    }

    /// The PDF at `rel` in `outbox` and the warnings of its compilation, when
    /// the compilation that wrote it had this `key` and the file is unchanged.
    pub fn rendered(
        &self,
        rel: &str,
        key: &str,
        outbox: &Path,
    ) -> Option<(Vec<u8>, Vec<crate::render::typst::Diag>)> {
        let entry: RenderEntry = load(&self.render_entry(rel))?;
        if entry.output != rel || entry.key != key {
            return None;
        }
        let pdf = std::fs::read(outbox.join(rel)).ok()?;
        (crate::render::sha256_hex(&pdf) == entry.pdf_sha256).then_some((pdf, entry.warnings))
    }

    /// Keep what compiling `rel` under `key` gave.
    pub fn keep_rendered(
        &self,
        rel: &str,
        key: &str,
        pdf: &[u8],
        warnings: &[crate::render::typst::Diag],
    ) {
        let entry = RenderEntry {
            output: rel.to_string(),
            key: key.to_string(),
            pdf_sha256: crate::render::sha256_hex(pdf),
            warnings: warnings.to_vec(),
        };
        let _ = store(&self.render_entry(rel), &entry);
    }

    /// Drop the render entries of outputs other than `outputs` (documents
    /// this run no longer makes).
    pub fn keep_only_rendered(&self, outputs: &[&str]) {
        let keep: HashSet<PathBuf> = outputs.iter().map(|o| self.render_entry(o)).collect();
        for e in std::fs::read_dir(self.dir.join(RENDER_DIR))
            .into_iter()
            .flatten()
            .flatten()
        {
            if !keep.contains(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
