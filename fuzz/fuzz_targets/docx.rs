//! The .docx grid reader: a zip through `read_docx`, anything else straight
//! into the `word/document.xml` parser.
#![no_main]
mod common;

use libfuzzer_sys::fuzz_target;
use zhibu::fuzzing::{parse_document_xml, read_docx};

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let result = if data.starts_with(b"PK") {
        read_docx(data, &limits)
    } else {
        parse_document_xml(data, &limits)
    };
    common::check_word_result(&result, &limits);
});
