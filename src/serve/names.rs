//! Upload file names: what a browser sends is only a hint. The stored name
//! keeps no path, no `..`, no control or bidi characters, a capped length,
//! and never replaces a file already there.

use std::path::{Path, PathBuf};

/// Characters that reorder text on screen (`申请表\u{202E}xcod.exe`).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters that hide in names.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

const MAX_STEM_CHARS: usize = 60;
const MAX_EXT_CHARS: usize = 8;

/// The name an upload is stored under.
pub fn sanitise(raw: &str) -> String {
    // The last path component only, whichever separator the client used.
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_bidi(*c) && !is_invisible(*c))
        .collect();
    // Cap the length but keep a short extension.
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((s, e))
            if !s.trim().is_empty()
                && !e.is_empty()
                && e.chars().count() <= MAX_EXT_CHARS
                && e.chars().all(char::is_alphanumeric) =>
        {
            (s, Some(e))
        }
        _ => (cleaned.as_str(), None),
    };
    let stem: String = stem.chars().take(MAX_STEM_CHARS).collect();
    let joined = match ext {
        Some(e) => format!("{stem}.{e}"),
        None => stem,
    };
    crate::render::safe_file_name(&joined)
}

/// `name`, then `name (2)`, `name (3)`… before the extension.
pub fn numbered(name: &str, n: u32) -> String {
    if n <= 1 {
        return name.to_string();
    }
    match name.rsplit_once('.') {
        Some((s, e)) => format!("{s} ({n}).{e}"),
        None => format!("{name} ({n})"),
    }
}

/// Move the finished temporary file `tmp` to `dir/name`, or the first free
/// numbered name: a hard link fails rather than replace what is there.
pub fn store_without_overwrite(tmp: &Path, dir: &Path, name: &str) -> std::io::Result<PathBuf> {
    for n in 1..10_000 {
        let target = dir.join(numbered(name, n));
        match std::fs::hard_link(tmp, &target) {
            Ok(()) => {
                let _ = std::fs::remove_file(tmp);
                return Ok(target);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("同名文件过多"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Component;

    #[test]
    fn hostile_names_become_plain() {
        for (raw, want) in [
            ("../../etc/passwd", "passwd"),
            ("..\\..\\boot.ini", "boot.ini"),
            ("C:\\Users\\x\\申请表.docx", "申请表.docx"),
            ("申请\u{202E}xcod.exe", "申请xcod.exe"),
            ("a\u{0}b\u{7}.docx", "ab.docx"),
            ("..", "_"),
            ("", "_"),
            (".hidden.docx", "hidden.docx"),
            ("~$锁文件.docx", "~$锁文件.docx"),
        ] {
            assert_eq!(sanitise(raw), want, "{raw:?}");
        }
        let long = format!("{}.docx", "长".repeat(300));
        let s = sanitise(&long);
        assert!(s.ends_with(".docx") && s.chars().count() <= 66, "{s}");
        for raw in ["../x", "a/../../b", "/abs", "\u{2067}.."] {
            let s = sanitise(raw);
            assert!(
                Path::new(&s)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_))),
                "{s}"
            );
            assert!(!s.contains(".."), "{s}");
        }
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..3 {
            let tmp = dir.path().join(format!(".t{i}"));
            std::fs::write(&tmp, format!("{i}")).unwrap();
            store_without_overwrite(&tmp, dir.path(), "a.docx").unwrap();
            assert!(!tmp.exists());
        }
        assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), b"0");
        assert_eq!(std::fs::read(dir.path().join("a (2).docx")).unwrap(), b"1");
        assert_eq!(std::fs::read(dir.path().join("a (3).docx")).unwrap(), b"2");
    }
}
