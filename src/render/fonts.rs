//! Fonts for the PDFs: discovery (system fonts plus `--font-path`
//! directories, once per process) and the choice of a family per GB/T 9704
//! role — 小标宋 titles, 仿宋 body, 黑体 headings, 楷体, 宋体 — from what is
//! installed, with open fallbacks (Noto CJK) and the bold policy. The Typst
//! World in `typst.rs` uses what this module picks.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use typst::text::{FontBook, FontFlags, FontInfo, FontStyle, FontWeight, Tag};
use typst_kit::fonts::{FontPath, FontStore};

/// The font families to use per role, lower-case as Typst's font book knows
/// them, in preference order. Only installed families are listed; every list
/// is non-empty (when no family for a role is installed, any installed CJK
/// family stands in). Templates receive this as `data.fonts`.
///
/// Typst does not synthesise bold, so a template must not ask a family for
/// bold unless it has a bold face: the `*_has_bold` flags say whether the
/// first family of a role has one, and `title_weight` / `heading_weight` are
/// the weights templates should use for titles and headings — `400` for the
/// genuinely heavy GB faces (方正小标宋, 黑体), `700` for a fallback family
/// that has a bold face (Noto Serif/Sans CJK), else `400`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FontStacks {
    /// 小标宋 for document titles.
    pub title: Vec<String>,
    /// 仿宋 for body text.
    pub body: Vec<String>,
    /// 黑体 for headings.
    pub heading: Vec<String>,
    /// 楷体 for bylines and secondary headings.
    pub kai: Vec<String>,
    /// 宋体 for page numbers.
    pub song: Vec<String>,
    pub title_has_bold: bool,
    pub body_has_bold: bool,
    pub heading_has_bold: bool,
    pub kai_has_bold: bool,
    pub title_weight: u16,
    pub heading_weight: u16,
}

/// Font stores by extra font directories (`Err` names a directory that is
/// not one): discovery runs once per process
/// (per distinct directory list), and font files are read lazily, once.
/// With a `memo` file, what Typst reads of each face is kept there between
/// runs (see [`FontMemo`]).
pub fn font_store(
    font_dirs: &[PathBuf],
    system: bool,
    memo: Option<&Path>,
) -> Result<Arc<FontStore>, PathBuf> {
    type Stores = Vec<((Vec<PathBuf>, bool), Arc<FontStore>)>;
    static STORES: Mutex<Stores> = Mutex::new(Vec::new());

    for dir in font_dirs {
        if !dir.is_dir() {
            return Err(dir.clone());
        }
    }
    let mut stores = STORES.lock().unwrap_or_else(|e| e.into_inner());
    let key = (font_dirs.to_vec(), system);
    if let Some((_, store)) = stores.iter().find(|(k, _)| *k == key) {
        return Ok(store.clone());
    }
    let old = memo.map(FontMemo::load).unwrap_or_default();
    let mut new = FontMemo::default();
    let mut parsed = false;
    let mut store = FontStore::new();
    // Extra directories first, so their faces win ties over system ones.
    for dir in font_dirs {
        store.extend(discover(
            |db| db.load_fonts_dir(dir),
            &old,
            &mut new,
            &mut parsed,
        ));
    }
    if system {
        store.extend(discover(
            |db| db.load_system_fonts(),
            &old,
            &mut new,
            &mut parsed,
        ));
    }
    // Nothing parsed: every face of `new` was copied from `old`, so the
    // two differ only when a font went away.
    if let Some(path) = memo
        && (parsed || new.faces.len() != old.faces.len())
    {
        new.save(path);
    }
    let store = Arc::new(store);
    stores.push((key, store.clone()));
    Ok(store)
}

/// What Typst reads of each font face (its [`FontInfo`]: family, style,
/// coverage — parsing it is most of font discovery), kept between runs by
/// file: a face whose file still has the recorded size and modification
/// time is not parsed again. The walk of the font folders runs every time,
/// so new and removed fonts are seen.
#[derive(Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(PartialEq))]
pub struct FontMemo {
    faces: HashMap<(PathBuf, u32), (u64, i128, Option<StoredInfo>)>,
}

/// A [`FontInfo`] as the memo stores it: every field written (`FontInfo`
/// leaves out empty `axes`, which only a self-describing format can read back).
#[derive(Serialize, Deserialize, Clone)]
#[cfg_attr(test, derive(PartialEq))]
struct StoredInfo {
    family: String,
    variant: typst::text::FontVariant,
    flags: FontFlags,
    axes: Vec<typst::text::FontAxis>,
    coverage: typst::text::Coverage,
}

impl From<&FontInfo> for StoredInfo {
    fn from(i: &FontInfo) -> StoredInfo {
        StoredInfo {
            family: i.family.clone(),
            variant: i.variant,
            flags: i.flags,
            axes: i.axes.clone(),
            coverage: i.coverage.clone(),
        }
    }
}

impl From<StoredInfo> for FontInfo {
    fn from(s: StoredInfo) -> FontInfo {
        FontInfo {
            family: s.family,
            variant: s.variant,
            flags: s.flags,
            axes: s.axes,
            coverage: s.coverage,
        }
    }
}

const FONT_MEMO_MAGIC: &[u8; 8] = b"ZHIBUF01";

impl FontMemo {
    /// The memo in `path`; empty when there is none or it is damaged.
    fn load(path: &Path) -> FontMemo {
        crate::sealed::load(FONT_MEMO_MAGIC, path).unwrap_or_default()
    }

    /// Keep the memo (a failure only means parsing again next time).
    fn save(&self, path: &Path) {
        let _ = crate::sealed::store(FONT_MEMO_MAGIC, path, self);
    }
}

/// The faces fontdb finds after `fill`, as typst-kit's discovery gives
/// them (same order, same info), each face's info taken from `old` when its
/// file is unchanged, else parsed (and `parsed` set); every face seen goes
/// into `new`.
fn discover(
    fill: impl FnOnce(&mut fontdb::Database),
    old: &FontMemo,
    new: &mut FontMemo,
    parsed: &mut bool,
) -> Vec<(FontPath, FontInfo)> {
    let mut db = fontdb::Database::new();
    fill(&mut db);
    let mut stats: HashMap<PathBuf, Option<(u64, i128)>> = HashMap::new();
    db.faces()
        .filter_map(|face| {
            let path = match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path,
                fontdb::Source::Binary(_) => return None,
            };
            let stat = *stats.entry(path.clone()).or_insert_with(|| {
                let meta = std::fs::metadata(path).ok()?;
                Some((meta.len(), crate::sealed::mtime_ns(&meta)))
            });
            let key = (path.clone(), face.index);
            let info: Option<FontInfo> = match (stat, old.faces.get(&key)) {
                (Some((size, time)), Some((s, t, info))) if (*s, *t) == (size, time) => {
                    info.clone().map(FontInfo::from)
                }
                _ => {
                    *parsed = true;
                    db.with_face_data(face.id, FontInfo::new).flatten()
                }
            };
            if let Some((size, time)) = stat {
                new.faces
                    .insert(key, (size, time, info.as_ref().map(StoredInfo::from)));
            }
            Some((
                FontPath {
                    path: path.clone(),
                    index: face.index,
                },
                info?,
            ))
        })
        .collect()
}

/// Preferred families per role. Names are matched case-insensitively; both
/// the English and the Chinese names are listed because a face's first
/// family-name record may be either.
const TITLE_NATIVE: &[&str] = &[
    "FZXiaoBiaoSong-B05S",
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05",
    "方正小标宋_GBK",
    "FZXiaoBiaoSong-B01S",
];
const BODY_NATIVE: &[&str] = &[
    "FangSong_GB2312",
    "仿宋_GB2312",
    "FangSong",
    "仿宋",
    "STFangsong",
    "华文仿宋",
    "FZFangSong-Z02S",
    "方正仿宋简体",
];
const HEADING_NATIVE: &[&str] = &[
    "SimHei",
    "黑体",
    "FZHei-B01S",
    "方正黑体简体",
    "STHeiti",
    "华文黑体",
];
const KAI_NATIVE: &[&str] = &[
    "KaiTi_GB2312",
    "楷体_GB2312",
    "KaiTi",
    "楷体",
    "STKaiti",
    "华文楷体",
    "FZKai-Z03S",
    "方正楷体简体",
];
const SONG_NATIVE: &[&str] = &[
    "SimSun",
    "宋体",
    "NSimSun",
    "STSong",
    "华文宋体",
    "Songti SC",
];
const SERIF_FALLBACK: &[&str] = &[
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "思源宋体",
    "Noto Serif SC",
];
const SANS_FALLBACK: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "Noto Sans SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
];
const KAI_FALLBACK: &[&str] = &["LXGW WenKai", "霞鹜文楷"];

/// Choose the font stacks from the installed families; `None` if no
/// installed font covers Chinese at all.
pub fn font_stacks(book: &FontBook) -> Option<FontStacks> {
    let cjk = windows_last_resort(cjk_families(book), cfg!(windows));
    if cjk.is_empty() {
        return None;
    }
    let pick = |lists: &[&[&str]]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in lists.iter().flat_map(|l| l.iter()) {
            let key = name.to_lowercase();
            if book.contains_family(&key) && !out.contains(&key) {
                out.push(key);
            }
        }
        if out.is_empty() {
            out.push(cjk[0].clone());
        }
        out
    };
    let mut title_native = TITLE_NATIVE.to_vec();
    // Other 小标宋 builds go by slightly different names.
    let fuzzy: Vec<String> = book
        .families()
        .map(|(f, _)| f.to_lowercase())
        .filter(|f| f.contains("xiaobiaosong") || f.contains("小标宋"))
        .collect();
    title_native.extend(fuzzy.iter().map(String::as_str));

    let title = pick(&[&title_native, SERIF_FALLBACK]);
    let body = pick(&[BODY_NATIVE, SERIF_FALLBACK]);
    let heading = pick(&[HEADING_NATIVE, SANS_FALLBACK]);
    let kai = pick(&[KAI_NATIVE, KAI_FALLBACK, SERIF_FALLBACK]);
    let song = pick(&[SONG_NATIVE, SERIF_FALLBACK]);

    let has_bold = |stack: &[String]| has_bold(book, &stack[0]);
    let is_native =
        |stack: &[String], natives: &[&str]| natives.iter().any(|n| n.to_lowercase() == stack[0]);
    let weight = |stack: &[String], natives: &[&str]| {
        if !is_native(stack, natives) && has_bold(stack) {
            700
        } else {
            400
        }
    };
    Some(FontStacks {
        title_has_bold: has_bold(&title),
        body_has_bold: has_bold(&body),
        heading_has_bold: has_bold(&heading),
        kai_has_bold: has_bold(&kai),
        title_weight: weight(&title, &title_native),
        heading_weight: weight(&heading, HEADING_NATIVE),
        title,
        body,
        heading,
        kai,
        song,
    })
}

/// Windows: the GB/T 9704 roles by the family names of the fonts in
/// `C:\Windows\Fonts` (the system font scan reads that folder and the
/// per-user font folders). 方正小标宋 comes only with its own installer, or
/// in the `字体` folder beside zhibu.exe. Every name here is in its role's
/// list above (a test checks), so Windows picks them in the same order;
/// [`WINDOWS_LAST_RESORT`] is the Windows-only addition.
pub const WINDOWS_FONTS: &[(&str, &[&str])] = &[
    ("title 小标宋", &["FZXiaoBiaoSong-B05S", "方正小标宋简体"]),
    (
        "body 仿宋",
        &["FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312"],
    ),
    ("heading 黑体", &["SimHei", "黑体"]),
    (
        "kai 楷体",
        &["KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312"],
    ),
    ("song 宋体", &["SimSun", "宋体"]),
];

/// Windows: the stand-in for a role none of whose families is installed
/// (e.g. 小标宋): 宋体, then 微软雅黑 (on every Windows since Vista).
pub const WINDOWS_LAST_RESORT: &[&str] = &["SimSun", "宋体", "Microsoft YaHei", "微软雅黑"];

/// With `windows`, the [`WINDOWS_LAST_RESORT`] families move to the front of
/// the CJK families, so a role without its own family gets 宋体 or 微软雅黑
/// rather than whichever family sorts first.
fn windows_last_resort(mut cjk: Vec<String>, windows: bool) -> Vec<String> {
    if windows {
        for name in WINDOWS_LAST_RESORT.iter().rev() {
            let key = name.to_lowercase();
            if let Some(i) = cjk.iter().position(|f| *f == key) {
                let family = cjk.remove(i);
                cjk.insert(0, family);
            }
        }
    }
    cjk
}

/// Installed families (lower-case) with an upright face covering common
/// Chinese characters, serif faces first and monospaced ones last.
fn cjk_families(book: &FontBook) -> Vec<String> {
    let mut found: Vec<(u8, String)> = Vec::new();
    for (family, ids) in book.families() {
        let ids: Vec<usize> = ids.collect();
        let covers = ids.iter().filter_map(|&i| book.info(i)).any(|info| {
            info.variant.style == FontStyle::Normal
                && "中文党支部"
                    .chars()
                    .all(|c| info.coverage.contains(c as u32))
        });
        if !covers {
            continue;
        }
        let flags = ids
            .iter()
            .filter_map(|&i| book.info(i))
            .fold(FontFlags::empty(), |acc, info| acc | info.flags);
        let rank = if flags.contains(FontFlags::MONOSPACE) {
            2
        } else if flags.contains(FontFlags::SERIF) {
            0
        } else {
            1
        };
        found.push((rank, family.to_lowercase()));
    }
    found.sort();
    found.into_iter().map(|(_, f)| f).collect()
}

/// Whether `family` has an upright face of weight 600 or more (a static
/// bold face or a variable font whose weight axis reaches it).
fn has_bold(book: &FontBook, family: &str) -> bool {
    let bold = FontWeight::from_number(600);
    book.select_family(family)
        .filter_map(|i| book.info(i))
        .any(|info| {
            info.variant.style == FontStyle::Normal
                && (info.variant.weight >= bold
                    || info
                        .axes
                        .iter()
                        .any(|a| a.tag == Tag::from_bytes(b"wght") && a.max.0 >= 600.0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font book from `(family, weight, covers Chinese)` entries.
    fn book(faces: &[(&str, u16, bool)]) -> FontBook {
        use typst::text::{Coverage, FontInfo, FontStretch, FontVariant};
        FontBook::from_infos(faces.iter().map(|&(family, weight, cjk)| {
            let mut codepoints: Vec<u32> = (0x20..0x7f).collect();
            if cjk {
                codepoints.extend(0x4e00..0x9fa6);
            }
            FontInfo {
                family: family.into(),
                variant: FontVariant::new(
                    FontStyle::Normal,
                    FontWeight::from_number(weight),
                    FontStretch::NORMAL,
                ),
                flags: FontFlags::empty(),
                axes: vec![],
                coverage: Coverage::from_vec(codepoints),
            }
        }))
    }

    /// The faces of a font folder as typst-kit finds them, and as the memo
    /// gives them: the same faces, infos and order whether the memo is empty,
    /// full, damaged or out of date.
    #[test]
    fn font_memo_gives_what_discovery_gives() {
        let dir = std::path::Path::new("/usr/share/fonts/opentype/noto");
        assert!(dir.is_dir(), "fonts-noto-cjk is installed (.ci/run)");
        let plain: Vec<(PathBuf, u32, FontInfo)> = typst_kit::fonts::scan(dir)
            .map(|(p, i)| (p.path, p.index, i))
            .collect();
        assert!(plain.len() >= 10, "{} faces", plain.len());
        let flat = |v: Vec<(FontPath, FontInfo)>| -> Vec<(PathBuf, u32, FontInfo)> {
            v.into_iter().map(|(p, i)| (p.path, p.index, i)).collect()
        };
        // Empty memo: every face parsed, every face remembered.
        let mut memo = FontMemo::default();
        let mut parsed = false;
        let first = flat(discover(
            |db| db.load_fonts_dir(dir),
            &FontMemo::default(),
            &mut memo,
            &mut parsed,
        ));
        assert_eq!(first, plain);
        assert!(parsed);
        assert_eq!(memo.faces.len(), plain.len());
        // Saved and loaded: taken from the memo, the same.
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("fonts");
        memo.save(&path);
        let loaded = FontMemo::load(&path);
        assert!(loaded == memo);
        let mut again = FontMemo::default();
        let mut parsed = false;
        assert_eq!(
            flat(discover(
                |db| db.load_fonts_dir(dir),
                &loaded,
                &mut again,
                &mut parsed
            )),
            plain
        );
        assert!(!parsed, "every face taken from the memo");
        assert!(again == loaded);
        // A remembered info is used only while the file has its size and time:
        // a planted family name shows when they match, not when they do not.
        let mut planted = loaded;
        let (key, entry) = planted
            .faces
            .iter_mut()
            .next()
            .map(|(k, v)| (k.clone(), v))
            .unwrap();
        if let Some(info) = entry.2.as_mut() {
            info.family = "planted".into();
        }
        let used = flat(discover(
            |db| db.load_fonts_dir(dir),
            &planted,
            &mut FontMemo::default(),
            &mut false,
        ));
        assert!(
            used.iter()
                .any(|(p, i, f)| (p, *i) == (&key.0, key.1) && f.family == "planted")
        );
        planted.faces.get_mut(&key).unwrap().0 += 1;
        let mut parsed = false;
        let used = flat(discover(
            |db| db.load_fonts_dir(dir),
            &planted,
            &mut FontMemo::default(),
            &mut parsed,
        ));
        assert_eq!(used, plain);
        assert!(parsed, "the changed file's face parsed again");
        // A damaged memo file is an empty memo.
        let mut bytes = std::fs::read(&path).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert!(FontMemo::load(&path) == FontMemo::default());
    }

    #[test]
    fn windows_fonts_map_the_gb_roles() {
        // Every Windows name is in its role's own list.
        let lists: [&[&str]; 5] = [
            TITLE_NATIVE,
            BODY_NATIVE,
            HEADING_NATIVE,
            KAI_NATIVE,
            SONG_NATIVE,
        ];
        assert_eq!(WINDOWS_FONTS.len(), lists.len());
        for ((role, names), list) in WINDOWS_FONTS.iter().zip(lists) {
            for n in *names {
                assert!(list.contains(n), "{role}: {n}");
            }
        }
        // A stock Chinese Windows: no 小标宋, so 宋体 stands in for the title.
        let stock = book(&[
            ("DengXian", 400, true),
            ("FangSong", 400, true),
            ("KaiTi", 400, true),
            ("Microsoft YaHei", 400, true),
            ("Microsoft YaHei", 700, true),
            ("SimHei", 400, true),
            ("SimSun", 400, true),
        ]);
        let cjk = windows_last_resort(cjk_families(&stock), true);
        assert_eq!(cjk[..2], ["simsun", "microsoft yahei"]);
        assert_eq!(
            windows_last_resort(cjk_families(&stock), false)[0],
            "dengxian"
        );
        // Only 微软雅黑 and 等线: 微软雅黑 for everything.
        let bare = book(&[("DengXian", 400, true), ("Microsoft YaHei", 400, true)]);
        assert_eq!(
            windows_last_resort(cjk_families(&bare), true)[0],
            "microsoft yahei"
        );
    }

    #[test]
    fn font_stacks_prefer_gb_fonts_and_know_about_bold() {
        let full = book(&[
            ("Noto Serif CJK SC", 400, true),
            ("Noto Serif CJK SC", 700, true),
            ("Noto Sans CJK SC", 400, true),
            ("Noto Sans CJK SC", 700, true),
            ("FZXiaoBiaoSong-B05S", 400, true),
            ("FangSong_GB2312", 400, true),
            ("SimHei", 400, true),
            ("KaiTi_GB2312", 400, true),
            ("LXGW WenKai", 400, true),
            ("SimSun", 400, true),
            ("DejaVu Sans", 400, false),
        ]);
        let f = font_stacks(&full).unwrap();
        assert_eq!(f.title, ["fzxiaobiaosong-b05s", "noto serif cjk sc"]);
        assert_eq!(f.body, ["fangsong_gb2312", "noto serif cjk sc"]);
        assert_eq!(f.heading, ["simhei", "noto sans cjk sc"]);
        assert_eq!(f.kai, ["kaiti_gb2312", "lxgw wenkai", "noto serif cjk sc"]);
        assert_eq!(f.song, ["simsun", "noto serif cjk sc"]);
        // 小标宋 and 黑体 are heavy already and have no bold face: ask for
        // regular.
        assert!(!f.title_has_bold && !f.heading_has_bold && !f.body_has_bold);
        assert_eq!((f.title_weight, f.heading_weight), (400, 400));

        // Noto only: fallbacks, set in bold.
        let noto = book(&[
            ("Noto Serif CJK SC", 400, true),
            ("Noto Serif CJK SC", 700, true),
            ("Noto Sans CJK SC", 400, true),
            ("Noto Sans CJK SC", 900, true),
        ]);
        let f = font_stacks(&noto).unwrap();
        assert_eq!(f.title, ["noto serif cjk sc"]);
        assert_eq!(f.heading, ["noto sans cjk sc"]);
        assert_eq!(f.kai, ["noto serif cjk sc"]);
        assert_eq!((f.title_weight, f.heading_weight), (700, 700));

        // Some other CJK font stands in for every role, without bold.
        let other = book(&[
            ("WenQuanYi Zen Hei", 400, true),
            ("DejaVu Serif", 400, false),
        ]);
        let f = font_stacks(&other).unwrap();
        for stack in [&f.title, &f.body, &f.heading, &f.kai, &f.song] {
            assert_eq!(stack, &["wenquanyi zen hei"]);
        }
        assert_eq!((f.title_weight, f.heading_weight), (400, 400));

        // No Chinese at all: the caller reports NoCjkFont.
        assert!(font_stacks(&book(&[("DejaVu Sans", 400, false)])).is_none());
    }
}
