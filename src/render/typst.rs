//! Embedded Typst: turns the JSON data of one document into a PDF.
//!
//! [`Typst::new`] does the expensive work once per run: it discovers the
//! system fonts (plus any extra font directories), picks the font stacks for
//! the four GB/T 9704 roles and parses the templates. [`Typst::compile_pdf`]
//! then builds a cheap per-document [`World`] around those shared parts:
//!
//! - the main source is the chosen template (`/publicity.typ`, …);
//! - the other templates are importable by name (`#import "common.typ": *`);
//! - `/data.json` is a virtual file holding the document's data; templates
//!   read all user text through `json("/data.json")` and only ever place it
//!   into content as string values, never through `eval`;
//! - packages (`@preview/…`) are never downloaded: importing one is an error;
//! - `datetime.today()` is the local date from chrono.
//!
//! Compiling is safe from several threads at once (e.g. a rayon pool): the
//! shared state is immutable behind an `Arc`, font faces are loaded lazily
//! through `OnceLock`s, and Typst's memoization cache (comemo) is global and
//! thread-safe.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::fonts::{FontStacks, font_stacks, font_store};
use chrono::{Datelike, FixedOffset, Local, Utc};
use serde::Serialize;
use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;

/// The templates compiled into the binary, as `(file name, source)`.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../templates/common.typ")),
    (
        "case_compilation.typ",
        include_str!("../../templates/case_compilation.typ"),
    ),
    (
        "publicity.typ",
        include_str!("../../templates/publicity.typ"),
    ),
    ("annual.typ", include_str!("../../templates/annual.typ")),
    (
        "review_material.typ",
        include_str!("../../templates/review_material.typ"),
    ),
];

/// The path of the virtual data file inside the Typst project.
const DATA_PATH: &str = "/data.json";

/// The built-in templates as `(file name, source)`, e.g. for `zhibu init`
/// to write them out for editing.
pub fn default_templates() -> &'static [(&'static str, &'static str)] {
    DEFAULT_TEMPLATES
}

#[derive(Debug, thiserror::Error)]
pub enum TypstError {
    #[cfg_attr(
        not(windows),
        error(
            "未找到任何中文字体，无法生成 PDF。请安装中文字体：sudo apt-get install fonts-noto-cjk（或用 --font-path 指定字体目录）"
        )
    )]
    #[cfg_attr(
        windows,
        error(
            "未找到任何中文字体，无法生成 PDF。请安装中文字体（宋体、仿宋、黑体、楷体），或把字体文件放进 zhibu.exe 旁的“字体”文件夹（或用 --font-path 指定字体目录）"
        )
    )]
    NoCjkFont,
    #[error("字体目录不存在或不是目录：{0}")]
    FontDir(PathBuf),
    #[error("模板目录不存在或不是目录：{0}")]
    TemplateDir(PathBuf),
    #[error("无法读取模板 {path}：{source}")]
    Template {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One diagnostic from compiling a template.
#[derive(Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct Diag {
    /// Template file the diagnostic points into, e.g. `publicity.typ`.
    pub template: String,
    /// 1-based line, when the diagnostic points into a template.
    pub line: Option<usize>,
    /// `模板 publicity.typ 第 12 行：` followed by Typst's message and hints.
    pub message: String,
    /// `"error"` or `"warning"`.
    pub severity: String,
}

/// A compiled document.
#[derive(Debug)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub warnings: Vec<Diag>,
}

/// The embedded Typst compiler with its fonts and templates. Build once per
/// run; cheap to clone and safe to share between threads.
#[derive(Clone)]
pub struct Typst {
    shared: Arc<Shared>,
}

struct Shared {
    library: LazyHash<Library>,
    fonts: Arc<FontStore>,
    stacks: FontStacks,
    /// Template sources by file name (`common.typ`, …).
    templates: HashMap<String, Source>,
    /// Where other files (e.g. images) referenced by templates are looked up.
    template_dir: Option<PathBuf>,
    /// See [`Typst::identity`].
    identity: OnceLock<String>,
}

impl Typst {
    /// Discover fonts (system fonts plus `font_dirs`) and load the templates:
    /// the built-in ones, each overridden by a file of the same name in
    /// `template_dir`; further `.typ` files there are importable too.
    pub fn new(font_dirs: &[PathBuf], template_dir: Option<PathBuf>) -> Result<Typst, TypstError> {
        Typst::with_fonts(font_dirs, true, template_dir)
    }

    /// As [`new`](Self::new), with the system fonts left out when `system`
    /// is false (only `font_dirs` count: reproducible output on any machine).
    pub fn with_fonts(
        font_dirs: &[PathBuf],
        system: bool,
        template_dir: Option<PathBuf>,
    ) -> Result<Typst, TypstError> {
        Typst::with_font_memo(font_dirs, system, template_dir, None)
    }

    /// As [`with_fonts`](Self::with_fonts), keeping what was read of each
    /// font face in the file `font_memo` between runs (see
    /// [`FontMemo`](super::fonts::FontMemo)).
    pub fn with_font_memo(
        font_dirs: &[PathBuf],
        system: bool,
        template_dir: Option<PathBuf>,
        font_memo: Option<&Path>,
    ) -> Result<Typst, TypstError> {
        let fonts = font_store(font_dirs, system, font_memo).map_err(TypstError::FontDir)?;
        let stacks = font_stacks(fonts.book()).ok_or(TypstError::NoCjkFont)?;

        let mut texts: HashMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, src)| (name.to_string(), src.to_string()))
            .collect();
        if let Some(dir) = &template_dir {
            if !dir.is_dir() {
                return Err(TypstError::TemplateDir(dir.clone()));
            }
            let io_err = |path: &Path, source| TypstError::Template {
                path: path.to_path_buf(),
                source,
            };
            for entry in std::fs::read_dir(dir).map_err(|e| io_err(dir, e))? {
                let path = entry.map_err(|e| io_err(dir, e))?.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if !name.ends_with(".typ") || !path.is_file() {
                    continue;
                }
                let text = std::fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
                texts.insert(name.to_string(), text);
            }
        }
        let templates = texts
            .into_iter()
            .filter_map(|(name, text)| {
                Some((name.clone(), Source::new(project_file(&name)?, text)))
            })
            .collect();

        Ok(Typst {
            shared: Arc::new(Shared {
                library: LazyHash::new(Library::builder().build()),
                fonts,
                stacks,
                templates,
                template_dir,
                identity: OnceLock::new(),
            }),
        })
    }

    /// The font stacks chosen for this run (pass them to templates as
    /// `data.fonts`; [`compile_pdf`](Self::compile_pdf) adds them when the
    /// data object has no `fonts` key).
    pub fn fonts(&self) -> &FontStacks {
        &self.shared.stacks
    }

    /// A hash of everything a compilation depends on besides its template
    /// name, its data and the date: the zhibu version, every template's
    /// source, the other files beside the templates (name, size, time), the
    /// fonts (each file's path, index, size and time, and what Typst read
    /// of it) and the chosen font stacks. Made once per `Typst`.
    pub fn identity(&self) -> &str {
        self.shared.identity.get_or_init(|| {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(env!("CARGO_PKG_VERSION"));
            let mut names: Vec<&String> = self.shared.templates.keys().collect();
            names.sort();
            for name in names {
                h.update(format!("\0template\0{name}\0"));
                h.update(self.shared.templates[name].text());
            }
            if let Some(dir) = &self.shared.template_dir {
                for e in walkdir::WalkDir::new(dir)
                    .sort_by_file_name()
                    .into_iter()
                    .flatten()
                {
                    if let Ok(meta) = e.metadata() {
                        let time = meta
                            .modified()
                            .ok()
                            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                            .map_or(0, |d| d.as_nanos());
                        h.update(format!(
                            "\0file\0{}\0{}\0{time}",
                            e.path().display(),
                            meta.len()
                        ));
                    }
                }
            }
            let fonts = &self.shared.fonts;
            let mut i = 0;
            while let Some(source) = fonts.source(i) {
                let any: &dyn std::any::Any = source;
                if let Some(fp) = any.downcast_ref::<typst_kit::fonts::FontPath>() {
                    let meta = std::fs::metadata(&fp.path).ok();
                    let time = meta
                        .as_ref()
                        .and_then(|m| m.modified().ok())
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos());
                    h.update(format!(
                        "\0font\0{}\0{}\0{}\0{time}",
                        fp.path.display(),
                        fp.index,
                        meta.map_or(0, |m| m.len())
                    ));
                }
                h.update(format!("\0info\0{:?}", fonts.book().info(i)));
                i += 1;
            }
            h.update(serde_json::to_vec(&self.shared.stacks).unwrap_or_default());
            format!("{:x}", h.finalize())
        })
    }

    /// The key of one compilation: [`identity`](Self::identity), the
    /// template, the data and the date (templates may ask Typst for today).
    pub fn job_key(&self, template: &str, data: &serde_json::Value) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.identity());
        h.update(format!(
            "\0{template}\0{}\0{}\0",
            chrono::Local::now().date_naive(),
            Utc::now().date_naive()
        ));
        h.update(serde_json::to_vec(data).unwrap_or_default());
        format!("{:x}", h.finalize())
    }

    /// Compile `template` (e.g. `"publicity.typ"`) with `data` as
    /// `/data.json` into a PDF. On failure, returns the errors (and any
    /// warnings) with template name and line.
    pub fn compile_pdf(
        &self,
        template: &str,
        data: &serde_json::Value,
    ) -> Result<Compiled, Vec<Diag>> {
        let name = if template.ends_with(".typ") {
            template.to_string()
        } else {
            format!("{template}.typ")
        };
        let Some(main) = self.shared.templates.get(&name).map(Source::id) else {
            return Err(vec![Diag {
                template: name.clone(),
                line: None,
                message: format!("模板 {name}：未找到该模板"),
                severity: "error".into(),
            }]);
        };

        let mut data = data.clone();
        if let serde_json::Value::Object(map) = &mut data
            && !map.contains_key("fonts")
        {
            map.insert(
                "fonts".into(),
                serde_json::to_value(&self.shared.stacks).expect("font stacks serialise"),
            );
        }
        let json = serde_json::to_vec(&data).expect("JSON values serialise");

        let world = DocWorld {
            shared: &self.shared,
            main,
            data_id: project_file(DATA_PATH).expect("valid data path"),
            data: Bytes::new(json),
            now: OnceLock::new(),
        };

        let warned = typst::compile(&world);
        let mut warnings: Vec<Diag> = warned
            .warnings
            .iter()
            .map(|d| world.diag(&name, d))
            .collect();
        let result = warned
            .output
            .and_then(|document| typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()));
        // Drop memoized results not used by the last few compilations, so a
        // long run over many documents does not keep growing.
        typst::comemo::evict(10);

        match result {
            Ok(pdf) => Ok(Compiled { pdf, warnings }),
            Err(errors) => {
                let mut diags: Vec<Diag> = errors.iter().map(|d| world.diag(&name, d)).collect();
                diags.append(&mut warnings);
                Err(diags)
            }
        }
    }
}

/// A file in the project root, e.g. `/common.typ`.
fn project_file(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    })
    .ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The per-document world: borrows everything heavy from [`Shared`].
struct DocWorld<'a> {
    shared: &'a Shared,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    /// The current time, fixed on first use so a document sees one date.
    now: OnceLock<chrono::DateTime<Utc>>,
}

impl DocWorld<'_> {
    fn no_packages(id: FileId) -> FileError {
        let spec = match id.root() {
            VirtualRoot::Package(spec) => spec.to_string(),
            VirtualRoot::Project => String::new(),
        };
        FileError::Package(PackageError::Other(Some(
            format!("zhibu 不下载也不使用 Typst 包（{spec}），模板只能导入模板目录中的文件").into(),
        )))
    }

    /// Convert a Typst diagnostic, resolving its span (or, for detached
    /// spans, the innermost call site) to a template name and line.
    fn diag(&self, main_name: &str, d: &SourceDiagnostic) -> Diag {
        let span = if d.span.is_detached() {
            d.trace
                .iter()
                .map(|t| typst::syntax::DiagSpan::from(t.span))
                .find(|s| !s.is_detached())
                .unwrap_or(d.span)
        } else {
            d.span
        };
        let mut template = main_name.to_string();
        let mut line = None;
        if let Some(id) = span.id() {
            if let Some(file) = id.vpath().file_name() {
                template = file.to_string();
            }
            if let (Ok(source), Some(range)) = (self.source(id), self.range(span)) {
                line = source.lines().byte_to_line(range.start).map(|l| l + 1);
            }
        }
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = match line {
            Some(l) => format!("模板 {template} 第 {l} 行：{}", d.message),
            None => format!("模板 {template}：{}", d.message),
        };
        for hint in &d.hints {
            message.push_str("（提示：");
            message.push_str(&hint.v);
            message.push('）');
        }
        Diag {
            template,
            line,
            message,
            severity: severity.into(),
        }
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return Err(Self::no_packages(id));
        }
        let name = id.vpath().get_without_slash();
        match self.shared.templates.get(name) {
            Some(source) => Ok(source.clone()),
            None if id == self.data_id => Err(FileError::NotSource),
            None => {
                // Another text file in the template directory.
                let bytes = self.file(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_string()))
            }
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return Err(Self::no_packages(id));
        }
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        let vpath = id.vpath();
        if let Some(source) = self.shared.templates.get(vpath.get_without_slash()) {
            return Ok(Bytes::from_string(source.clone()));
        }
        let Some(dir) = &self.shared.template_dir else {
            return Err(FileError::NotFound(vpath.get_with_slash().into()));
        };
        let path = vpath.realize(dir).map_err(FileError::Realize)?;
        if path.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&path)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        let now = *self.now.get_or_init(Utc::now);
        let date = match offset {
            None => now.with_timezone(&Local).date_naive(),
            Some(offset) => {
                let secs = offset.seconds().trunc();
                if !(f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&secs) {
                    return None;
                }
                now.with_timezone(&FixedOffset::east_opt(secs as i32)?)
                    .date_naive()
            }
        };
        Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
    }
}

#[allow(dead_code)]
fn assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Typst>();
    check::<DocWorld<'static>>();
}

/// PDF inspection helpers shared with the integration tests.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../tests/integration/common/pdf.rs"]
pub(crate) mod test_pdf;

/// One compiler for all unit tests: font discovery once.
#[cfg(test)]
pub(crate) fn shared_for_tests() -> &'static Typst {
    static T: OnceLock<Typst> = OnceLock::new();
    T.get_or_init(|| Typst::new(&[], None).expect("a CJK font (fonts-noto-cjk) is installed"))
}

#[cfg(test)]
mod tests {
    use super::test_pdf::*;
    use super::*;
    use serde_json::json;

    fn typst() -> &'static Typst {
        shared_for_tests()
    }

    #[test]
    fn font_stacks_name_installed_families() {
        let t = typst();
        let f = t.fonts();
        let book = t.shared.fonts.book();
        for stack in [&f.title, &f.body, &f.heading, &f.kai, &f.song] {
            assert!(!stack.is_empty());
            for family in stack {
                assert_eq!(family, &family.to_lowercase());
                assert!(book.contains_family(family), "{family}");
            }
        }
        // With fonts-noto-cjk only, the fallbacks carry the document, and
        // titles and headings use their bold faces.
        if !book.contains_family("simhei") {
            assert_eq!(f.heading[0], "noto sans cjk sc");
            assert!(f.heading_has_bold);
            assert_eq!(f.heading_weight, 700);
        }
        if f.title[0] == "noto serif cjk sc" {
            assert!(f.title_has_bold);
            assert_eq!(f.title_weight, 700);
        }
    }

    #[test]
    fn no_cjk_font_says_what_to_install() {
        let msg = TypstError::NoCjkFont.to_string();
        assert!(
            msg.contains("未找到任何中文字体") && msg.contains("fonts-noto-cjk"),
            "{msg}"
        );
    }

    #[test]
    fn body_grid_is_22_lines_of_28_characters() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("grid.typ"),
            "#import \"common.typ\": *\n#show: setup.with(title: \"grid\")\n#set par(first-line-indent: 0pt)\n#par(\"国\" * 28 * 30)\n",
        )
        .unwrap();
        let custom = Typst::new(&[], Some(dir.path().to_path_buf())).unwrap();
        let pages = pdftotext(&custom.compile_pdf("grid", &json!({})).unwrap().pdf);
        let lines: Vec<usize> = pages[0]
            .lines()
            .filter(|l| l.contains('国'))
            .map(|l| l.trim().chars().count())
            .collect();
        assert_eq!(lines, vec![28; 22], "{}", pages[0]);
        assert_eq!(page_number(&pages[0]).as_deref(), Some("1"));
    }

    #[test]
    fn packages_and_outside_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pkg.typ"),
            "#import \"@preview/cetz:0.3.0\": *\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("passwd.typ"), "#read(\"/etc/passwd\")\n").unwrap();
        std::fs::write(
            dir.path().join("escape.typ"),
            "\n#read(\"../../../../../../etc/passwd\")\n",
        )
        .unwrap();
        let custom = Typst::new(&[], Some(dir.path().to_path_buf())).unwrap();
        let errors = custom.compile_pdf("pkg", &json!({})).unwrap_err();
        assert_eq!(errors[0].line, Some(1), "{errors:?}");
        assert!(errors[0].message.contains("不下载"), "{errors:?}");
        let errors = custom.compile_pdf("passwd.typ", &json!({})).unwrap_err();
        assert_eq!(errors[0].line, Some(1), "{errors:?}");
        let errors = custom.compile_pdf("escape.typ", &json!({})).unwrap_err();
        assert_eq!(errors[0].line, Some(2), "{errors:?}");
        assert!(typst().compile_pdf("no_such.typ", &json!({})).is_err());
    }
}
