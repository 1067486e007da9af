//! Stage 5: the outputs. Every file is written to a temporary file in the
//! outbox and renamed into place, so a killed run leaves the previous
//! outputs intact.

pub mod blank;
pub mod documents;
pub mod fonts;
pub mod letters;
pub mod members;
pub mod publicity;
pub mod report;
pub mod todo;
pub mod typst;
pub mod xlsx;

use crate::config::Config;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The campaign as every template's `data.campaign` has it.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignInfo {
    pub name: String,
    pub organiser: String,
    pub school: String,
    pub year: i32,
}

impl CampaignInfo {
    pub fn of(cfg: &Config) -> CampaignInfo {
        CampaignInfo {
            name: cfg.name.clone(),
            organiser: cfg.organiser.clone(),
            school: cfg.school.clone(),
            year: cfg.year,
        }
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十 (section numbers of a notice).
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n % 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n % 10 == 0 { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// The bytes of a .docx.
pub(crate) fn pack(doc: docx_rs::Docx) -> std::io::Result<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(std::io::Error::other)?;
    Ok(buf.into_inner())
}

/// An output written by this run.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// Path relative to the outbox, with `/` separators.
    pub path: String,
    pub sha256: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Write `bytes` to `outbox/rel` atomically. `rel` must stay inside the outbox.
pub fn write_atomic(outbox: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<Output> {
    let rel_path = Path::new(rel);
    if rel_path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("输出路径不安全：{rel}"),
        ));
    }
    let target: PathBuf = outbox.join(rel_path);
    let output = Output {
        path: rel.replace('\\', "/"),
        sha256: sha256_hex(bytes),
    };
    // The same bytes are already there: leave the file (and its time) alone.
    if std::fs::metadata(&target).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(&target).is_ok_and(|old| old == bytes)
    {
        return Ok(output);
    }
    let dir = target.parent().unwrap_or(outbox);
    std::fs::create_dir_all(dir)?;
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(output)
}

/// A file name safe on Windows and Linux for any branch or committee name:
/// no separators, reserved characters, control characters, leading dots or
/// trailing dots/spaces, no reserved device names, at most 80 characters.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .replace("..", "_");
    let cleaned: String = cleaned.chars().take(80).collect();
    let upper = cleaned.to_ascii_uppercase();
    let stem = upper.split('.').next().unwrap_or("");
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem)
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if cleaned.is_empty() || reserved {
        format!("_{cleaned}")
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        for bad in [
            "a/b",
            "a\\b",
            "x:y",
            "*?",
            "\"<>|",
            "..",
            "../../etc/passwd",
            "CON",
            "com1",
            " .hidden. ",
        ] {
            let s = safe_file_name(bad);
            assert!(!s.is_empty());
            assert!(
                !s.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
                "{s}"
            );
            assert!(!s.contains(".."), "{s}");
            assert!(!s.starts_with('.'), "{s}");
            assert!(
                Path::new(&s)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_)))
            );
        }
        assert_eq!(safe_file_name("党委组织部党支部"), "党委组织部党支部");
    }

    #[test]
    fn atomic_write_refuses_escape() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), "../x.txt", b"x").is_err());
        let out = write_atomic(dir.path(), "a/b.txt", b"hello").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a/b.txt")).unwrap(), b"hello");
        assert_eq!(out.sha256, sha256_hex(b"hello"));
        assert_eq!(
            std::fs::read_dir(dir.path().join("a")).unwrap().count(),
            1,
            "no temp file left"
        );
        // The same bytes again: the file is not rewritten.
        let path = dir.path().join("a/b.txt");
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_atomic(dir.path(), "a/b.txt", b"hello").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);
        write_atomic(dir.path(), "a/b.txt", b"hello!").unwrap();
        assert_ne!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);
        assert_eq!(std::fs::read(&path).unwrap(), b"hello!");
    }
}
