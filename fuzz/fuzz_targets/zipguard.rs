//! The zip guard: the central directory checked against the limits, then
//! every part inflated under the cap, whatever the headers claim.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use zhibu::fuzzing::{GuardedZip, ReadError};

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let mut zip = match GuardedZip::open(data, &limits, "压缩包") {
        Ok(z) => z,
        Err(e) => return common::check_error(&e),
    };
    for name in [
        "word/document.xml",
        "xl/workbook.xml",
        "content.xml",
        "mimetype",
    ] {
        if zip.contains(name) {
            match zip.read(name) {
                Ok(part) => assert!(part.len() as u64 <= limits.max_unzipped_bytes()),
                Err(e) => common::check_error(&e),
            }
        } else {
            assert!(matches!(zip.read(name), Err(ReadError::Corrupt { .. })));
        }
    }
    if let Err(e) = zip.verify_parts(|_| true) {
        common::check_error(&e);
    }
});
