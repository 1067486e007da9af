//! Zip containers (OOXML, ODF) opened under limits.
//!
//! Neither calamine nor a zip bomb cares what the central directory claims, so
//! the claims are checked first (entry count, total and per-entry ratio), and
//! every part that is read is inflated with a hard cap, since sizes in headers
//! can lie.

use super::{Limits, ReadError};
use std::io::{Cursor, Read};
use zip::ZipArchive;

pub struct GuardedZip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    format: &'static str,
}

impl<'a> GuardedZip<'a> {
    /// Open and check the central directory against the limits.
    pub fn open(
        bytes: &'a [u8],
        limits: &'a Limits,
        format: &'static str,
    ) -> Result<Self, ReadError> {
        let mut archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::corrupt(format, e))?;
        if archive.len() > limits.max_zip_entries {
            return Err(ReadError::TooLarge(format!(
                "压缩包内有 {} 个部件，超过上限 {}",
                archive.len(),
                limits.max_zip_entries
            )));
        }
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|e| ReadError::corrupt(format, e))?;
            if entry.encrypted() {
                return Err(ReadError::Encrypted);
            }
            let (size, packed) = (entry.size(), entry.compressed_size().max(1));
            total = total.saturating_add(size);
            if size > 1024 * 1024 && size / packed > limits.max_zip_ratio {
                return Err(ReadError::TooLarge(format!(
                    "部件 {} 的压缩比 {}:1 异常（疑似压缩炸弹）",
                    String::from_utf8_lossy(entry.name_raw()),
                    size / packed
                )));
            }
        }
        if total > limits.max_unzipped_bytes() {
            return Err(ReadError::TooLarge(format!(
                "解压后共 {} MB，超过上限 {} MB",
                total / (1024 * 1024),
                limits.max_unzipped_mb
            )));
        }
        Ok(GuardedZip {
            archive,
            limits,
            format,
        })
    }

    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Inflate one part, failing once more than the decompression limit has
    /// come out, whatever its header said.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ReadError> {
        let cap = self.limits.max_unzipped_bytes();
        let format = self.format;
        let entry = self
            .archive
            .by_name(name)
            .map_err(|e| ReadError::corrupt(format, format!("缺少 {name}：{e}")))?;
        let mut out = Vec::with_capacity(entry.size().min(cap).min(64 * 1024 * 1024) as usize);
        entry
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::corrupt(format, format!("{name} 解压失败：{e}")))?;
        if out.len() as u64 > cap {
            return Err(ReadError::TooLarge(format!(
                "部件 {name} 解压后超过 {} MB",
                self.limits.max_unzipped_mb
            )));
        }
        Ok(out)
    }

    /// Inflate every part whose name passes `filter`, counting real bytes
    /// against the limit, and discard them: after this, a reader that trusts
    /// the headers (calamine) cannot be surprised.
    pub fn verify_parts(&mut self, filter: impl Fn(&str) -> bool) -> Result<(), ReadError> {
        let cap = self.limits.max_unzipped_bytes();
        let names: Vec<String> = self
            .archive
            .file_names()
            .flatten()
            .filter(|n| filter(n))
            .map(|n| n.into_owned())
            .collect();
        let mut total: u64 = 0;
        for name in names {
            let entry = self
                .archive
                .by_name(&name)
                .map_err(|e| ReadError::corrupt(self.format, e))?;
            let n = std::io::copy(
                &mut entry.take(cap + 1 - total.min(cap)),
                &mut std::io::sink(),
            )
            .map_err(|e| ReadError::corrupt(self.format, format!("{name} 解压失败：{e}")))?;
            total += n;
            if total > cap {
                return Err(ReadError::TooLarge(format!(
                    "解压后超过 {} MB",
                    self.limits.max_unzipped_mb
                )));
            }
        }
        Ok(())
    }
}
