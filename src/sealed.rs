//! Files zhibu keeps for itself between runs (the content cache, the font
//! memo): framed with a magic and a CRC32, written through a temporary file
//! and a rename. A file that fails the check is simply not used.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The value kept in the sealed file `path` under `magic`, if the file is
/// there, whole (magic and CRC) and decodes.
pub fn load<T: DeserializeOwned>(magic: &[u8; 8], path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    bincode::deserialize(unseal(magic, &bytes)?).ok()
}

/// Keep `value` in the sealed file `path` under `magic`, making its folder
/// when missing.
pub fn store<T: Serialize + ?Sized>(
    magic: &[u8; 8],
    path: &Path,
    value: &T,
) -> std::io::Result<()> {
    let payload = bincode::serialize(value).map_err(std::io::Error::other)?;
    store_payload(magic, path, &payload)
}

/// [`store`] for a value already bincode-encoded.
pub fn store_payload(magic: &[u8; 8], path: &Path, payload: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_file(path, &seal(magic, payload))
}

/// `payload` framed with `magic` and a CRC32 of the payload.
pub fn seal(magic: &[u8; 8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    out.extend_from_slice(magic);
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a sealed file, if it has `magic` and its CRC matches.
pub fn unseal<'a>(magic: &[u8; 8], bytes: &'a [u8]) -> Option<&'a [u8]> {
    let rest = bytes.strip_prefix(magic.as_slice())?;
    let (crc, payload) = rest.split_at_checked(4)?;
    (crc32fast::hash(payload).to_le_bytes() == crc).then_some(payload)
}

/// Write through a temporary file and a rename, so a reader never sees half a file.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The modification time of `meta` in nanoseconds since the epoch.
pub fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_load_back_and_damaged_files_do_not() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a/b/value");
        store(b"TESTMAG1", &path, &vec![1u32, 2, 3]).unwrap();
        assert_eq!(load::<Vec<u32>>(b"TESTMAG1", &path), Some(vec![1, 2, 3]));
        assert_eq!(load::<Vec<u32>>(b"OTHERMAG", &path), None);
        let mut bytes = std::fs::read(&path).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(load::<Vec<u32>>(b"TESTMAG1", &path), None);
        assert_eq!(
            load::<Vec<u32>>(b"TESTMAG1", &tmp.path().join("none")),
            None
        );
    }

    #[test]
    fn sealed_round_trip_and_damage() {
        let s = seal(b"TESTMAG1", b"payload");
        assert_eq!(unseal(b"TESTMAG1", &s), Some(&b"payload"[..]));
        assert_eq!(unseal(b"OTHERMAG", &s), None);
        let mut bad = s.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(unseal(b"TESTMAG1", &bad), None);
        assert_eq!(unseal(b"TESTMAG1", &s[..10]), None);
    }
}
