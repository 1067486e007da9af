//! The command line as a clerk meets it: exit statuses and messages.

use crate::common;

use std::process::Command;

fn zhibu(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn bad_config_is_exit_2_with_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("inbox")).unwrap();
    std::fs::write(
        tmp.path().join("zhibu.toml"),
        "name = \"x\"\norganiser = \"y\"\nschool = \"z\"\nyear = \"二〇二五\"\n",
    )
    .unwrap();
    let out = zhibu(&["run"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("zhibu.toml 第 4 行"), "{err}");
    assert!(err.contains("year"), "{err}");
    assert!(
        !tmp.path().join("outbox").exists(),
        "nothing written on a config error"
    );
}

#[test]
fn missing_inbox_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = zhibu(&["run", "--inbox", "nowhere"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到收件箱"));
}

#[test]
fn check_writes_only_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("inbox")).unwrap();
    std::fs::write(tmp.path().join("inbox/说明.txt"), "hello").unwrap();
    let out = zhibu(&["check"], tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // (besides the hidden reading cache, .zhibu-cache)
    let names: Vec<String> = std::fs::read_dir(tmp.path().join("outbox"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != zhibu::cache::DIR)
        .collect();
    assert_eq!(names, ["report.json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("读取文件 1 个"));
}

#[test]
fn init_writes_config_and_blank_forms_that_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = zhibu(&["init", "--preset", "brand", "活动"], tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tmp.path().join("活动");
    let cfg = std::fs::read_to_string(dir.join("zhibu.toml")).unwrap();
    assert!(cfg.contains("一支部一特色"));
    for f in [
        "附件1 项目申请表.docx",
        "附件2 申报汇总表.xlsx",
        "附件3 共建信息表.docx",
        "附件4 活动记录表.xlsx",
        "组织部 支部名册.xlsx",
        "结项 结题报告.docx",
        "结项 新闻稿件登记表.xlsx",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    // The blank forms are recognised by their labels: every required field reads as missing.
    let outcome = zhibu::pipeline::analyse(
        &dir,
        &zhibu::config::Config::preset("brand").unwrap(),
        || (),
    );
    let kinds: Vec<String> = outcome
        .file_entries()
        .iter()
        .map(|f| zhibu::model::FormKind::name_of(f.kind).to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "roster",
            "articles",
            "closing_report",
            "application",
            "summary",
            "pairing",
            "activity_log"
        ]
    );
    let missing: Vec<&str> = outcome
        .problems
        .iter()
        .filter(|p| {
            p.file == "附件1 项目申请表.docx" && p.code == zhibu::problem::Code::MissingField
        })
        .map(|p| p.message.as_str())
        .collect();
    assert!(missing.contains(&"必填项“项目名称”未填写"), "{missing:?}");
    // The brand notice sets no tracks and no funding: neither is required.
    assert!(!missing.contains(&"必填项“申请经费”未填写"), "{missing:?}");
    assert!(!missing.contains(&"必填项“申报板块”未填写"), "{missing:?}");
    // A second init never overwrites.
    assert_eq!(zhibu(&["init", "活动"], tmp.path()).status.code(), Some(2));
}

#[test]
fn init_writes_templates_that_a_run_picks_up_beside_the_config() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(
        zhibu(&["init", "--preset", "pairing", "活动"], tmp.path())
            .status
            .code(),
        Some(0)
    );
    let templates = tmp.path().join("活动/templates");
    for (name, src) in zhibu::render::typst::default_templates() {
        assert_eq!(&std::fs::read_to_string(templates.join(name)).unwrap(), src);
    }
    // The department edits one template; the blank forms in the folder make a run.
    let annual = templates.join("annual.typ");
    let edited = std::fs::read_to_string(&annual).unwrap() + "\n#par[本总结模板已由组织部修改。]\n";
    std::fs::write(&annual, edited).unwrap();
    let out = zhibu(&["run", "--inbox", "活动", "--outbox", "out"], tmp.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "blank forms have errors: {stdout}"
    );
    let pdf = std::fs::read(tmp.path().join("out/年度总结.pdf")).expect("年度总结.pdf");
    let text = common::pdf::raw_text(&pdf);
    assert!(text.contains("本总结模板已由组织部修改。"), "{text}");
    // A pairing table with no branch name gets no 述职评议材料.
    assert!(!tmp.path().join("out/述职评议材料").exists());
}

#[test]
fn without_a_chinese_font_the_run_stops_with_exit_2_naming_the_package() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inbox");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--ignore-system-fonts", "--inbox"])
        .arg(&inbox)
        .arg("--outbox")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("未找到任何中文字体"), "{stderr}");
    assert!(stderr.contains("fonts-noto-cjk"), "{stderr}");
    assert!(
        !tmp.path().join("out").exists(),
        "no output at all, never a PDF of empty boxes"
    );

    // The fonts of one folder alone are enough.
    let noto = std::path::Path::new("/usr/share/fonts/opentype/noto");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["run", "--ignore-system-fonts", "--font-path"])
        .arg(noto)
        .arg("--inbox")
        .arg(&inbox)
        .arg("--outbox")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tmp.path().join("out/案例汇编.pdf").is_file());
}

/// Every command's one-line help is its own (a doc comment once slid onto the
/// wrong command: `serve` showed `init`'s text and `init` showed none).
#[test]
fn help_describes_each_command_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = zhibu(&["--help"], tmp.path());
    let help = String::from_utf8_lossy(&out.stdout);
    let line = |cmd: &str| {
        help.lines()
            .find(|l| l.trim_start().starts_with(&format!("{cmd} ")))
            .unwrap_or_else(|| panic!("no line for {cmd}: {help}"))
            .to_string()
    };
    assert!(line("serve").contains("收集网页"), "{help}");
    assert!(!line("serve").contains("新建一个活动"), "{help}");
    assert!(line("init").contains("新建一个活动"), "{help}");
    assert!(line("watch").contains("监视收件箱"), "{help}");
}
