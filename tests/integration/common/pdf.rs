//! PDF inspection for the tests, with poppler-utils: text per page,
//! bookmarks, page numbers. Shared by the integration tests (`common::pdf`)
//! and the unit tests of `render::typst` (included by path).

use std::process::Command;

pub fn write_tmp(pdf: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::io::Write::write_all(&mut f, pdf).unwrap();
    f
}

pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("poppler-utils is installed");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text per page (pages split at form feeds).
pub fn pdftotext(pdf: &[u8]) -> Vec<String> {
    let f = write_tmp(pdf);
    let text = run(Command::new("pdftotext")
        .arg("-layout")
        .arg(f.path())
        .arg("-"));
    text.split('\u{c}').map(str::to_string).collect()
}

/// Bookmark titles with their nesting depth, from `pdftohtml -xml`.
pub fn outline(pdf: &[u8]) -> Vec<(usize, String)> {
    let f = write_tmp(pdf);
    let xml = run(Command::new("pdftohtml")
        .args(["-xml", "-i", "-q", "-stdout"])
        .arg(f.path()));
    let mut depth = 0;
    let mut items = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<outline") {
            depth += 1;
        } else if rest.starts_with("</outline") {
            depth -= 1;
        } else if rest.starts_with("<item") {
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</item>").unwrap();
            items.push((depth, unescape(&rest[start..end])));
        }
        rest = &rest[1..];
    }
    items
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The page number printed at the foot of a page, e.g. `Some("3")`
/// for `— 3 —`.
pub fn page_number(page: &str) -> Option<String> {
    let last = page.lines().rev().find(|l| !l.trim().is_empty())?.trim();
    let inner = last.strip_prefix('—')?.strip_suffix('—')?.trim();
    Some(inner.to_string())
}

/// Squeeze whitespace out, for matching text that pdftotext may have
/// broken across lines or padded.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// All text in content-stream order (table cells stay together),
/// whitespace squeezed out.
pub fn raw_text(pdf: &[u8]) -> String {
    let f = write_tmp(pdf);
    squeeze(&run(Command::new("pdftotext")
        .arg("-raw")
        .arg(f.path())
        .arg("-")))
}
