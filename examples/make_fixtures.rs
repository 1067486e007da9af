//! Writes the source files of the committed legacy-format test fixtures
//! (`tests/fixtures/legacy/make.sh` converts them with LibreOffice).
//! Usage: cargo run --example make_fixtures -- <dir>

// Only some of the shared fixture builders are used here.
#[allow(dead_code)]
#[path = "../tests/integration/common/mod.rs"]
mod common;

fn main() {
    let dir =
        std::path::PathBuf::from(std::env::args().nth(1).expect("usage: make_fixtures <dir>"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("summary.xlsx"),
        common::summary_xlsx("材料科学与工程学院党委", &common::LEGACY_SUMMARY_ROWS),
    )
    .unwrap();
    for four in [false, true] {
        let name = if four {
            "application4.docx"
        } else {
            "application2.docx"
        };
        std::fs::write(
            dir.join(name),
            common::application_docx(&common::legacy_app(four)),
        )
        .unwrap();
    }
}
