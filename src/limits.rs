//! Size limits that keep a hostile file from exhausting memory or stack.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest input file, in MiB.
    pub max_file_mb: u64,
    /// Largest total decompressed size of the parts of a zip container we read, in MiB.
    pub max_unzipped_mb: u64,
    /// Most entries in a zip container.
    pub max_zip_entries: usize,
    /// Highest compression ratio of one zip entry.
    pub max_zip_ratio: u64,
    /// Most rows read from one sheet.
    pub max_rows: usize,
    /// Most columns read from one sheet.
    pub max_cols: usize,
    /// Deepest element nesting in XML, and deepest table nesting in Word files.
    pub max_depth: usize,
    /// Longest time one file may take to read in a worker process, in seconds.
    pub read_timeout_secs: u64,
    /// Address space of a worker process reading files, in MiB (Unix).
    pub read_memory_mb: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_mb: 50,
            max_unzipped_mb: 200,
            max_zip_entries: 5000,
            max_zip_ratio: 200,
            max_rows: 10_000,
            max_cols: 128,
            max_depth: 64,
            read_timeout_secs: 15,
            read_memory_mb: 512,
        }
    }
}

impl Limits {
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb * 1024 * 1024
    }
    pub fn max_unzipped_bytes(&self) -> u64 {
        self.max_unzipped_mb * 1024 * 1024
    }
}
