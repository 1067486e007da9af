//! .xls: a compound file through `read_xls` (the CFB and BIFF pre-scan, then
//! calamine); anything else straight into the BIFF record scan, as a bare
//! Workbook stream.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use zhibu::fuzzing::{biff_scan, read_xls, xls_prescan};

const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    if data.starts_with(OLE) {
        let scanned = xls_prescan(data, &limits);
        let read = read_xls(data, &limits);
        // The reader refuses whatever its pre-scan refuses.
        if let Err(e) = &scanned {
            common::check_error(e);
            assert!(read.is_err(), "pre-scan refused ({e}) but read_xls read it");
        }
        common::check_workbook_result(&read, &limits);
    } else if let Err(e) = biff_scan(data, &limits) {
        common::check_error(&e);
    }
});
