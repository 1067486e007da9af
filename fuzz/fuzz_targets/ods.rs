//! .ods: a zip through `read_ods` (zip guard, the content.xml pre-scan, then
//! calamine); anything else straight into the content.xml pre-scan.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use zhibu::fuzzing::{ods_prescan, read_ods};

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    if data.starts_with(b"PK") {
        common::check_workbook_result(&read_ods(data, &limits), &limits);
    } else if let Err(e) = ods_prescan(data, &limits) {
        common::check_error(&e);
    }
});
