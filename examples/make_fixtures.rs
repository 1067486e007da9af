//! Writes the source files of the committed legacy-format test fixtures
//! (`tests/fixtures/legacy/make.sh` converts them with LibreOffice).
//! Usage: cargo run --example make_fixtures -- <dir>

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let dir =
        std::path::PathBuf::from(std::env::args().nth(1).expect("usage: make_fixtures <dir>"));
    std::fs::create_dir_all(&dir).unwrap();
    let rows = [
        [
            "材料本科第一党支部",
            "“材”华青年理论宣讲团",
            "学思践悟·固本强基",
            "刘洋",
            "13861001234",
            "3000",
        ],
        [
            "材料2023级研究生党支部",
            "实验室安全党员先锋岗",
            "志愿服务·奉献担当",
            "何琳",
            "0510-85913456",
            "1000",
        ],
    ];
    std::fs::write(
        dir.join("summary.xlsx"),
        common::summary_xlsx("材料科学与工程学院党委", &rows),
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
