//! Stage 1: find the files in the inbox, detect each one's real format from
//! its bytes, and read it into a [`Document`].

pub mod doc;
pub mod document;
pub mod docx;
pub mod error;
pub mod sheet;
pub(crate) mod xls_cfb;
pub(crate) mod xls_scan;
pub mod zipguard;

use crate::limits::Limits;
pub use document::{Block, Cell, Document, Paragraph, Sheet, Table, Value, WordDoc, Workbook};
pub use error::ReadError;

use std::cell::Cell as FlagCell;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// A file format as told by the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Ods,
    Doc,
    Xls,
    /// An OOXML file saved with a password (a CFB holding `EncryptedPackage`).
    EncryptedOffice,
    /// Another real format: PDF, pictures, text, ODF text, web pages.
    Other(&'static str),
    /// Broken bytes, or a container without the part its kind must have (a
    /// zip with no `word/document.xml`): damaged when the name promises Office.
    Damaged(&'static str),
}

impl Format {
    pub fn zh(self) -> &'static str {
        match self {
            Format::Docx => "Word 文档（.docx）",
            Format::Xlsx => "Excel 工作簿（.xlsx）",
            Format::Ods => "OpenDocument 表格（.ods）",
            Format::Doc => "Word 97-2003 文档（.doc）",
            Format::Xls => "Excel 97-2003 工作簿（.xls）",
            Format::EncryptedOffice => "加密的 Office 文件",
            Format::Other(what) | Format::Damaged(what) => what,
        }
    }
}

/// The format a file name promises, if it is one zhibu reads.
pub fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "docx" | "docm" | "dotx" => Format::Docx,
        "xlsx" | "xlsm" | "xltx" => Format::Xlsx,
        "ods" => Format::Ods,
        "doc" | "dot" | "wps" => Format::Doc,
        "xls" | "xlt" | "et" => Format::Xls,
        _ => return None,
    })
}

/// Detect the real format from the bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE) {
        return sniff_ole(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Other("PDF 文件");
    }
    if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
    {
        return Format::Other("图片");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Other("RTF 文档");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") || head.contains("mso-application")
    {
        return Format::Other("网页（HTML）格式的文件");
    }
    Format::Damaged("非 Office 文件")
}

fn sniff_zip(bytes: &[u8]) -> Format {
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Format::Damaged("损坏的压缩文件");
    };
    let has = |n: &str| zip.index_for_name(n).is_some();
    if has("word/document.xml") {
        Format::Docx
    } else if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("content.xml") && odf_mimetype(bytes).is_some_and(|m| m.ends_with("spreadsheet"))
    {
        Format::Ods
    } else if has("content.xml") {
        Format::Other("OpenDocument 文本或其他 ODF 文件")
    } else {
        Format::Damaged("缺少正文部件的压缩文件")
    }
}

fn odf_mimetype(bytes: &[u8]) -> Option<String> {
    // The ODF `mimetype` entry is stored first and uncompressed: read it from the local header.
    let name_len = u16::from_le_bytes([*bytes.get(26)?, *bytes.get(27)?]) as usize;
    let extra_len = u16::from_le_bytes([*bytes.get(28)?, *bytes.get(29)?]) as usize;
    let size = u32::from_le_bytes(bytes.get(18..22)?.try_into().ok()?) as usize;
    let start = 30 + name_len + extra_len;
    if bytes.get(30..30 + name_len)? != b"mimetype" {
        return None;
    }
    Some(String::from_utf8_lossy(bytes.get(start..start + size.min(100))?).into_owned())
}

fn sniff_ole(bytes: &[u8]) -> Format {
    let Ok(cfb) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Format::Damaged("损坏的 Office 97-2003 文件");
    };
    if cfb.is_stream("/EncryptedPackage") {
        Format::EncryptedOffice
    } else if cfb.is_stream("/WordDocument") {
        Format::Doc
    } else if cfb.is_stream("/Workbook") || cfb.is_stream("/Book") {
        Format::Xls
    } else {
        Format::Other("其他 Office 97-2003 文件")
    }
}

thread_local! {
    /// Set while a third-party reader runs, so the panic hook stays quiet: a
    /// panic there is contained and reported as `corrupt_file`.
    pub static IN_READER: FlagCell<bool> = const { FlagCell::new(false) };
}

/// Read bytes of a known format. A panic inside a reader is contained.
pub fn read(format: Format, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes() {
        return Err(ReadError::TooLarge(format!(
            "文件大于 {} MB",
            limits.max_file_mb
        )));
    }
    let run = || -> Result<Document, ReadError> {
        match format {
            Format::Docx => docx::read_docx(bytes, limits).map(Document::Word),
            Format::Doc => doc::read_doc(bytes, limits).map(Document::Word),
            Format::Xlsx => sheet::read_xlsx(bytes, limits).map(Document::Workbook),
            Format::Xls => sheet::read_xls(bytes, limits).map(Document::Workbook),
            Format::Ods => sheet::read_ods(bytes, limits).map(Document::Workbook),
            Format::EncryptedOffice => Err(ReadError::Encrypted),
            Format::Other(what) | Format::Damaged(what) => {
                Err(ReadError::corrupt(what, "不是可读取的表格文件"))
            }
        }
    };
    IN_READER.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
    IN_READER.with(|f| f.set(false));
    result.unwrap_or_else(|_| Err(ReadError::corrupt(format.zh(), "读取时遇到无法解析的内容")))
}

/// Files the run should look at: everything under the inbox except Office/WPS
/// lock files, hidden files and system litter; sorted for stable output.
pub fn discover(inbox: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(inbox)
        .follow_links(false)
        .max_depth(16)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Lock files (`~$x.docx`, `.~lock.x#`), hidden files, `Thumbs.db`,
/// `.DS_Store`, `desktop.ini`, and the config, template and holiday-data
/// files of the run.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with("~$")
        || name.starts_with('.')
        || name.starts_with("~WRL")
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || name == "__MACOSX"
        || name.ends_with(".typ")
        || name.ends_with(".toml")
        || name.ends_with(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_litter() {
        for n in [
            "~$申请表.docx",
            ".~lock.汇总表.xlsx#",
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
            "~WRL0001.tmp",
        ] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("申请表.docx"));
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7"), Format::Other("PDF 文件"));
        assert_eq!(
            sniff(b"<html><table>"),
            Format::Other("网页（HTML）格式的文件")
        );
        assert!(matches!(sniff(b""), Format::Damaged(_)));
        assert_eq!(format_of_extension(Path::new("a/b.XLS")), Some(Format::Xls));
        assert_eq!(format_of_extension(Path::new("说明.txt")), None);
    }
}
