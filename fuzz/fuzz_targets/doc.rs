//! The .doc piece-table reader (compound file, FIB, CLX, paragraph and
//! table marks).
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use zhibu::fuzzing::read_doc;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    common::check_word_result(&read_doc(data, &limits), &limits);
});
