//! The streaming .xlsx reader (zip guard, then calamine's cell reader).
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use zhibu::fuzzing::read_xlsx;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    common::check_workbook_result(&read_xlsx(data, &limits), &limits);
});
