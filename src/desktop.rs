//! Started from the desktop (Windows Explorer) rather than a terminal: the
//! folders beside the executable, opening a folder or a page, and keeping the
//! console window open until the clerk has read it.
//!
//! Console text needs nothing here: on Windows, Rust's standard output writes
//! to a console through the wide-char `WriteConsoleW`, so Chinese shows on any
//! console code page (936 on a stock Chinese Windows) without changing it;
//! redirected to a file or pipe, the text is UTF-8. See the README.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set to any value, nothing is opened in Explorer or the browser (tests,
/// scripted use).
pub const NO_OPEN_ENV: &str = "ZHIBU_NO_OPEN";

/// A folder of extra fonts beside the executable, used when present (for a PC
/// where fonts cannot be installed, e.g. 方正小标宋 without admin rights).
pub const FONT_DIR: &str = "字体";

/// What `说明.txt` says in a new, empty inbox (written as UTF-8 with a BOM
/// and CRLF line ends, so that Notepad on Windows 7 shows it right).
pub const INBOX_README: &str = "\
这是 zhibu 的收件箱文件夹。

1. 把各支部、各党委报来的文件（Word、Excel、WPS 表格等）放进这个文件夹，
   可以按学院分子文件夹存放，文件名和文件夹名用中文没有问题。
2. 回到上一级文件夹，双击 zhibu.exe。
3. 生成的汇总表、评审表、问题清单、公示等文件在上一级的 outbox 文件夹里，
   运行结束后会自动打开。
";

/// The folder the executable is in; `None` when it cannot be told.
pub fn exe_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()?
        .parent()
        .map(Path::to_path_buf)
}

/// Write `text` as a Notepad-friendly text file: UTF-8 with a BOM, CRLF.
pub fn write_text_file(path: &Path, text: &str) -> std::io::Result<()> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.replace("\r\n", "\n").replace('\n', "\r\n").bytes());
    std::fs::write(path, bytes)
}

/// Whether opening windows is wanted: not under [`NO_OPEN_ENV`].
pub fn interactive() -> bool {
    std::env::var_os(NO_OPEN_ENV).is_none()
}

/// Open a folder in Explorer or a URL in the default browser (`explorer.exe`
/// does both on Windows 7 to 11); elsewhere `xdg-open`. Failures are ignored:
/// the path or URL has been printed anyway.
pub fn open(target: &str) {
    if !interactive() {
        return;
    }
    let program = if cfg!(windows) {
        "explorer.exe"
    } else {
        "xdg-open"
    };
    // explorer.exe exits with 1 even when it opened the window: no status check.
    let _ = Command::new(program).arg(target).spawn();
}

/// Keep the console window open until a key is pressed, when there is a
/// console to read the key from (not with input from a file or pipe). On
/// Windows this is `cmd /c pause`, with our own prompt (printed as UTF-16 like
/// all output).
pub fn wait_for_key() {
    use std::io::{IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return;
    }
    print!("\n按任意键关闭本窗口……");
    let _ = std::io::stdout().flush();
    if cfg!(windows) {
        let _ = Command::new("cmd").args(["/c", "pause >nul"]).status();
    } else {
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    println!();
}
