//! .doc / .dot / .wps: Word 97–2003 binary documents ([MS-DOC]), read natively
//! on top of the `cfb` crate, without any office suite.
//!
//! Only the main story (the first `ccpText` characters) is read:
//! - text from the piece table (compressed cp1252 and UTF-16LE pieces); of
//!   fields only the result is kept, special characters are mapped or dropped,
//!   text deleted with track changes is skipped, and symbol-font characters
//!   (check boxes, °, ±, …) are read through their font;
//! - paragraph properties (PAPX FKPs) tell paragraph marks from cell and row
//!   ends and give the depth of nested tables; the row end's TAP
//!   (sprmTDefTable, sprmTMerge, sprmTVertMerge) gives the cell boundaries,
//!   from which grid columns, spans and vertical merges are rebuilt;
//! - heading levels come from the outline level or the paragraph style.
//!
//! Every read of file data is bounds-checked, and every count is bounded by
//! the size of the stream it describes, so no input can panic or exhaust memory.

use super::document::{Block, Cell, Paragraph, Table, WordDoc};
use super::error::ReadError;
use crate::limits::Limits;
use std::io::{Cursor, Read};

const FORMAT: &str = "Word 97-2003 (.doc)";

fn corrupt(detail: impl std::fmt::Display) -> ReadError {
    ReadError::corrupt(FORMAT, detail)
}

/// Read a Word 97–2003 binary document (also .dot templates, and WPS files
/// saved in the Word binary format).
pub fn read_doc(bytes: &[u8], limits: &Limits) -> Result<WordDoc, ReadError> {
    let streams = Streams::open(bytes)?;
    let fib = Fib::parse(&streams.word)?;
    let table = if fib.table1 {
        &streams.table1
    } else {
        &streams.table0
    };
    let table = table.as_deref().ok_or_else(|| {
        corrupt(format!(
            "缺少 {}Table 数据流",
            if fib.table1 { 1 } else { 0 }
        ))
    })?;
    let clx = range(table, fib.clx).ok_or_else(|| corrupt("文本片段表（CLX）超出数据流"))?;
    let clx = Clx::parse(clx)?;
    let part = |fc_lcb| range(table, fc_lcb).unwrap_or(&[]);
    let format = Formatting {
        paragraphs: papx_runs(&streams.word, part(fib.bte_papx)),
        chars: chpx_runs(&streams.word, part(fib.bte_chpx)),
        data: streams.data.as_deref().unwrap_or(&[]),
        prcs: clx.prcs,
        headings: style_headings(part(fib.stshf)),
        fonts: font_names(part(fib.sttbf_ffn)),
    };
    let mut walker = Walker::new(&format, limits);
    walk_text(&streams.word, &clx.pieces, fib.ccp_text, &mut walker)?;
    Ok(walker.finish())
}

// ---------------------------------------------------------------------------
// Little-endian reads that never panic.

fn le<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    le(b, at).map(u16::from_le_bytes)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    le(b, at).map(u32::from_le_bytes)
}

/// The bytes `[fc, fc + lcb)` of a stream, if they are all there.
fn range(b: &[u8], (fc, lcb): (u32, u32)) -> Option<&[u8]> {
    let start = fc as usize;
    b.get(start..start.checked_add(lcb as usize)?)
}

// ---------------------------------------------------------------------------
// Container and File Information Block.

struct Streams {
    word: Vec<u8>,
    table0: Option<Vec<u8>>,
    table1: Option<Vec<u8>>,
    data: Option<Vec<u8>>,
}

impl Streams {
    fn open(bytes: &[u8]) -> Result<Streams, ReadError> {
        let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
            .map_err(|e| corrupt(format!("复合文档结构损坏（{e}）")))?;
        let mut read = |name| read_stream(&mut cfb, name, bytes.len());
        let word = read("/WordDocument")?.ok_or_else(|| {
            corrupt(
                "文件中没有 Word 正文数据流（WordDocument），不是 Word 97-2003 文档；\
                 如为旧版 WPS 文字文件，请用 WPS 另存为 .docx 后重新提交",
            )
        })?;
        Ok(Streams {
            word,
            table0: read("/0Table")?,
            table1: read("/1Table")?,
            data: read("/Data")?,
        })
    }
}

/// A whole stream, or `None` when there is no such stream. A stream cannot be
/// larger than the file that holds it, which bounds the allocation.
fn read_stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    file_len: usize,
) -> Result<Option<Vec<u8>>, ReadError> {
    if !cfb.is_stream(name) {
        return Ok(None);
    }
    let failed = |e: std::io::Error| corrupt(format!("无法读取数据流 {name}（{e}）"));
    let stream = cfb.open_stream(name).map_err(failed)?;
    let len = stream.len();
    if len > file_len as u64 {
        return Err(corrupt(format!("数据流 {name} 的长度超过文件本身")));
    }
    let mut buf = Vec::with_capacity(len as usize);
    stream.take(len).read_to_end(&mut buf).map_err(failed)?;
    Ok(Some(buf))
}

/// The parts of the FIB this reader needs; (fc, lcb) pairs point into the table stream.
struct Fib {
    ccp_text: u32,
    /// fWhichTblStm: the tables are in 1Table rather than 0Table.
    table1: bool,
    stshf: (u32, u32),
    bte_chpx: (u32, u32),
    bte_papx: (u32, u32),
    sttbf_ffn: (u32, u32),
    clx: (u32, u32),
}

const W_IDENT: u16 = 0xA5EC;
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TBL_STM: u16 = 0x0200;

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, ReadError> {
        let short = || corrupt("文件信息块（FIB）不完整");
        let w = |at| u16_at(word, at).ok_or_else(short);
        let (w_ident, n_fib, flags) = (w(0)?, w(2)?, w(0x0A)?);
        if w_ident != W_IDENT || n_fib < 106 {
            return Err(match w_ident {
                W_IDENT | 0xA5DC | 0xA699 => corrupt(
                    "这是 Word 6.0/95 或更早版本的文件，请用 Word 或 WPS 另存为 .docx 后重新提交",
                ),
                _ => corrupt("WordDocument 数据流的标识不对，不是 Word 文档"),
            });
        }
        // fObfuscated only matters together with fEncrypted.
        if flags & F_ENCRYPTED != 0 {
            return Err(ReadError::Encrypted);
        }
        // FibBase (32 bytes), then fibRgW, fibRgLw and fibRgFcLcbBlob, each after its count.
        let lw_at = 34 + 2 * usize::from(w(32)?);
        let cslw = usize::from(w(lw_at)?);
        let fc_at = lw_at + 2 + 4 * cslw;
        if cslw < 4 || w(fc_at)? <= 33 {
            return Err(short());
        }
        let u32_ = |at| u32_at(word, at).ok_or_else(short);
        // FibRgFcLcb97 pairs: 1 Stshf, 12 PlcfBteChpx, 13 PlcfBtePapx, 15 SttbfFfn, 33 Clx.
        let pair =
            |i: usize| Ok::<_, ReadError>((u32_(fc_at + 2 + 8 * i)?, u32_(fc_at + 6 + 8 * i)?));
        Ok(Fib {
            ccp_text: u32_(lw_at + 2 + 4 * 3)?,
            table1: flags & F_WHICH_TBL_STM != 0,
            stshf: pair(1)?,
            bte_chpx: pair(12)?,
            bte_papx: pair(13)?,
            sttbf_ffn: pair(15)?,
            clx: pair(33)?,
        })
    }
}

// ---------------------------------------------------------------------------
// Piece table: where each run of characters lives in the WordDocument stream.

struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset of the first character in the WordDocument stream.
    offset: u32,
    /// One byte per character (cp1252) instead of UTF-16LE.
    compressed: bool,
    prm: u16,
}

struct Clx<'a> {
    pieces: Vec<Piece>,
    /// The grpprls that complex PRMs of pieces (fast-saved files) refer to.
    prcs: Vec<&'a [u8]>,
}

impl<'a> Clx<'a> {
    fn parse(clx: &'a [u8]) -> Result<Clx<'a>, ReadError> {
        let bad = || corrupt("文本片段表（CLX）不完整");
        let mut prcs = Vec::new();
        let mut at = 0usize;
        // RgPrc: clxt 0x01, cbGrpprl, grpprl — repeated.
        while u8_at(clx, at) == Some(0x01) {
            let len = usize::from(u16_at(clx, at + 1).ok_or_else(bad)?);
            prcs.push(clx.get(at + 3..at + 3 + len).ok_or_else(bad)?);
            at += 3 + len;
        }
        // Pcdt: clxt 0x02, lcb, then a PlcPcd of (n + 1) CPs and n 8-byte PCDs.
        if u8_at(clx, at) != Some(0x02) {
            return Err(bad());
        }
        let lcb = u32_at(clx, at + 1).ok_or_else(bad)? as usize;
        let plc = clx
            .get(at + 5..)
            .and_then(|rest| rest.get(..lcb))
            .ok_or_else(bad)?;
        let n = lcb.saturating_sub(4) / 12;
        let mut pieces: Vec<Piece> = Vec::with_capacity(n);
        for i in 0..n {
            let cp = |j: usize| u32_at(plc, 4 * j).unwrap_or(0);
            let pcd = 4 * (n + 1) + 8 * i;
            let fc = u32_at(plc, pcd + 2).unwrap_or(0);
            let (cp_start, cp_end) = (cp(i), cp(i + 1));
            if cp_end < cp_start || pieces.last().is_some_and(|p| p.cp_end > cp_start) {
                return Err(corrupt("文本片段表的字符位置顺序错乱"));
            }
            let compressed = fc & 0x4000_0000 != 0;
            let offset = if compressed {
                (fc & 0x3FFF_FFFF) / 2
            } else {
                fc
            };
            let prm = u16_at(plc, pcd + 6).unwrap_or(0);
            pieces.push(Piece {
                cp_start,
                cp_end,
                offset,
                compressed,
                prm,
            });
        }
        Ok(Clx { pieces, prcs })
    }
}

/// The characters 0x80–0x9F of compressed pieces (as Windows-1252, per MS-DOC).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

fn cp1252(b: u8) -> u16 {
    let high = usize::from(b)
        .checked_sub(0x80)
        .and_then(|i| CP1252_HIGH.get(i));
    high.copied().unwrap_or(u16::from(b))
}

/// Feed every character of the main story, with its file offset, to the walker.
fn walk_text(
    word: &[u8],
    pieces: &[Piece],
    ccp_text: u32,
    walker: &mut Walker,
) -> Result<(), ReadError> {
    let mut total = 0usize;
    for piece in pieces {
        let end = piece.cp_end.min(ccp_text);
        let Some(count) = end.checked_sub(piece.cp_start).map(|n| n as usize) else {
            continue;
        };
        // Real pieces never overlap, so the text is never longer than the stream.
        total += count;
        if total > word.len() {
            return Err(corrupt("文本片段表指向的文字超过了数据流的长度"));
        }
        let width = if piece.compressed { 1 } else { 2 };
        let start = piece.offset as usize;
        let bytes = start
            .checked_add(count * width)
            .and_then(|stop| word.get(start..stop));
        let bytes = bytes.ok_or_else(|| corrupt("文本片段指向数据流之外"))?;
        for (k, unit) in bytes.chunks_exact(width).enumerate() {
            let ch = match *unit {
                [b] => cp1252(b),
                [lo, hi] => u16::from_le_bytes([lo, hi]),
                _ => continue,
            };
            walker.feed(ch, (start + k * width) as u32, piece.prm)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Formatted disk pages (FKPs) and property modifiers (sprms).

const FKP_SIZE: usize = 512;

/// The FKP pages a PlcBtePapx or PlcBteChpx names: (n + 1) file offsets, then
/// n page numbers, each a 512-byte page of the WordDocument stream.
fn fkp_pages<'a>(word: &'a [u8], plc: &[u8]) -> Vec<&'a [u8]> {
    let n = plc.len().saturating_sub(4) / 8;
    (0..n)
        .filter_map(|i| u32_at(plc, 4 * (n + 1) + 4 * i))
        .filter_map(|pn| ((pn & 0x003F_FFFF) as usize).checked_mul(FKP_SIZE))
        .filter_map(|at| word.get(at..at + FKP_SIZE))
        .collect()
}

/// The runs of one FKP: crun in the last byte, then crun + 1 file offsets,
/// then crun entries of `entry_size` bytes whose first byte locates the run's
/// properties in 16-bit words from the start of the page (0: none).
fn fkp_runs(page: &[u8], entry_size: usize) -> impl Iterator<Item = (u32, u32, usize)> + '_ {
    let crun = usize::from(u8_at(page, FKP_SIZE - 1).unwrap_or(0));
    (0..crun).map_while(move |i| {
        let at = usize::from(u8_at(page, 4 * (crun + 1) + entry_size * i)?) * 2;
        Some((u32_at(page, 4 * i)?, u32_at(page, 4 * i + 4)?, at))
    })
}

/// The paragraph properties of the text at file offsets `[start, end)`.
struct PapxRun<'a> {
    start: u32,
    end: u32,
    istd: u16,
    grpprl: &'a [u8],
}

/// All PAPX runs (PapxFkps with 13-byte BxPap entries), sorted by file offset.
fn papx_runs<'a>(word: &'a [u8], plc: &[u8]) -> Vec<PapxRun<'a>> {
    let mut runs = Vec::new();
    for page in fkp_pages(word, plc) {
        for (start, end, at) in fkp_runs(page, 13) {
            let (istd, grpprl) = papx_in_fkp(page, at).unwrap_or((0, &[]));
            runs.push(PapxRun {
                start,
                end,
                istd,
                grpprl,
            });
        }
    }
    runs.sort_by_key(|r| r.start);
    runs
}

/// PapxInFkp: a size in 16-bit words (or 0 and the size in the next byte), the istd, the grpprl.
fn papx_in_fkp(page: &[u8], at: usize) -> Option<(u16, &[u8])> {
    let (len, body) = match u8_at(page, at).filter(|_| at != 0)? {
        0 => (usize::from(u8_at(page, at + 1)?) * 2, at + 2),
        cb => (usize::from(cb) * 2 - 1, at + 1),
    };
    let papx = page.get(body..body + len)?;
    Some((u16_at(papx, 0)?, papx.get(2..)?))
}

/// All CHPX runs (ChpxFkps with 1-byte entries), sorted by file offset.
fn chpx_runs(word: &[u8], plc: &[u8]) -> Vec<ChpxRun> {
    let mut runs = Vec::new();
    for page in fkp_pages(word, plc) {
        for (start, end, at) in fkp_runs(page, 1) {
            // Chpx: cb, then cb bytes of grpprl.
            let len = u8_at(page, at).filter(|_| at != 0).map_or(0, usize::from);
            let grpprl = page.get(at + 1..at + 1 + len).unwrap_or(&[]);
            runs.push(ChpxRun {
                start,
                end,
                props: CharProps::from_grpprl(grpprl),
            });
        }
    }
    runs.sort_by_key(|r| r.start);
    runs
}

/// Call `f(sprm, operand)` for each property modifier of a grpprl.
fn for_each_sprm(grpprl: &[u8], mut f: impl FnMut(u16, &[u8])) {
    let mut at = 0usize;
    while let Some(sprm) = u16_at(grpprl, at) {
        let rest = grpprl.get(at + 2..).unwrap_or(&[]);
        let Some((skip, len)) = operand_size(sprm, rest) else {
            return;
        };
        let Some(operand) = rest.get(skip..skip + len) else {
            return;
        };
        f(sprm, operand);
        at += 2 + skip + len;
    }
}

const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// (size prefix, operand size) in bytes of a sprm, from its spra bits.
fn operand_size(sprm: u16, rest: &[u8]) -> Option<(usize, usize)> {
    Some(match sprm >> 13 {
        0 | 1 => (0, 1),
        2 | 4 | 5 => (0, 2),
        3 => (0, 4),
        7 => (0, 3),
        // A 2-byte size that counts itself minus one.
        _ if sprm == SPRM_T_DEF_TABLE => (2, usize::from(u16_at(rest, 0)?).saturating_sub(1)),
        // Size 255: tab deletions (4 bytes each) and additions (3 bytes each), each counted.
        _ if sprm == SPRM_P_CHG_TABS && u8_at(rest, 0)? == 255 => {
            let deleted = usize::from(u8_at(rest, 1)?);
            let added = usize::from(u8_at(rest, 2 + 4 * deleted)?);
            (1, 2 + 4 * deleted + 3 * added)
        }
        _ => (1, usize::from(u8_at(rest, 0)?)),
    })
}

// ---------------------------------------------------------------------------
// Paragraph, table row and character properties.

/// A table row definition (TAP): cell boundaries and merge flags per cell.
#[derive(Debug, Clone, Default)]
struct RowDef {
    /// rgdxaCenter: itcMac + 1 boundaries, in twips.
    bounds: Vec<i16>,
    /// horzMerge per cell: 1 first of a merged range, 2 or 3 merged into the previous cell.
    horz: Vec<u8>,
    /// vertMerge per cell: 1 continues the cell above, 3 starts a merged range.
    vert: Vec<u8>,
}

impl RowDef {
    /// sprmTDefTable: itcMac, rgdxaCenter[itcMac + 1], rgTc80[≤ itcMac] of 20 bytes.
    fn from_def_table(op: &[u8]) -> Option<RowDef> {
        let cells = usize::from(u8_at(op, 0)?);
        let bounds = (0..=cells).map(|i| u16_at(op, 1 + 2 * i).map(|v| v as i16));
        let bounds = bounds.collect::<Option<Vec<_>>>()?;
        // TC80 starts with tcgrf: horzMerge in bits 0–1, vertMerge in bits 5–6.
        let tcgrf = |i: usize| u16_at(op, 3 + 2 * cells + 20 * i).unwrap_or(0);
        Some(RowDef {
            bounds,
            horz: (0..cells).map(|i| (tcgrf(i) & 0x3) as u8).collect(),
            vert: (0..cells).map(|i| ((tcgrf(i) >> 5) & 0x3) as u8).collect(),
        })
    }

    /// sprmTMerge / sprmTSplit: cells [itcFirst, itcLim) merged into the first, or split.
    fn merge(&mut self, op: &[u8], merge: bool) {
        let (Some(first), Some(lim)) = (u8_at(op, 0), u8_at(op, 1)) else {
            return;
        };
        for i in first..lim {
            if let Some(h) = self.horz.get_mut(usize::from(i)) {
                *h = if !merge {
                    0
                } else if i == first {
                    1
                } else {
                    2
                };
            }
        }
    }
}

/// What a paragraph's properties say about it.
#[derive(Debug, Default)]
struct ParaProps {
    istd: u16,
    in_table: bool,
    ttp: bool,
    inner_cell: bool,
    inner_ttp: bool,
    itap: Option<i32>,
    dtap: i32,
    outline: Option<u8>,
    row: Option<RowDef>,
}

impl ParaProps {
    /// Apply a grpprl; `data` is the Data stream that sprmPHugePapx points into.
    fn apply(&mut self, grpprl: &[u8], data: &[u8]) {
        for_each_sprm(grpprl, |sprm, op| self.apply_sprm(sprm, op, data));
    }

    fn apply_sprm(&mut self, sprm: u16, op: &[u8], data: &[u8]) {
        let flag = op.first().is_some_and(|&b| b != 0);
        let int = || u32_at(op, 0).map(|v| v as i32);
        match sprm {
            0x4600 => self.istd = u16_at(op, 0).unwrap_or(self.istd), // sprmPIstd
            0x2416 => self.in_table = flag,                           // sprmPFInTable
            0x2417 => self.ttp = flag,                                // sprmPFTtp
            0x244B => self.inner_cell = flag,                         // sprmPFInnerTableCell
            0x244C => self.inner_ttp = flag,                          // sprmPFInnerTtp
            0x6649 => self.itap = int(),                              // sprmPItap
            0x664A => self.dtap = self.dtap.saturating_add(int().unwrap_or(0)), // sprmPDtap
            0x2640 => self.outline = op.first().copied(),             // sprmPOutLvl
            SPRM_T_DEF_TABLE => self.row = RowDef::from_def_table(op),
            0x5624 | 0x5625 => {
                if let Some(row) = &mut self.row {
                    row.merge(op, sprm == 0x5624);
                }
            }
            // sprmTVertMerge: itc, vertMerge.
            0xD62B => {
                let row = self.row.as_mut();
                let cell = row
                    .zip(u8_at(op, 0))
                    .and_then(|(r, i)| r.vert.get_mut(usize::from(i)));
                if let (Some(v), Some(flags)) = (cell, u8_at(op, 1)) {
                    *v = flags & 0x3;
                }
            }
            // sprmPHugePapx: the real grpprl is in the Data stream (PrcData: cbGrpprl, grpprl).
            0x6646 => {
                let at = u32_at(op, 0).map_or(usize::MAX, |v| v as usize);
                let len = u16_at(data, at).map_or(0, usize::from);
                if let Some(grpprl) = data.get(at.saturating_add(2)..).and_then(|d| d.get(..len)) {
                    self.apply(grpprl, &[]);
                }
            }
            _ => {}
        }
    }

    /// Table nesting depth: 0 outside tables, 1 in an outermost table.
    fn depth(&self) -> i64 {
        let base = self.itap.map_or(i64::from(self.in_table), i64::from);
        (base + i64::from(self.dtap)).max(0)
    }
}

/// What a character run's properties say about its text.
#[derive(Debug, Clone, Copy, Default)]
struct CharProps {
    /// Deleted with track changes on (sprmCFRMarkDel).
    deleted: bool,
    /// A symbol character (sprmCSymbol): font index and character code.
    symbol: Option<(u16, u16)>,
    /// The run's fonts (sprmCRgFtc0/1/2), to read symbol-font characters.
    fonts: [Option<u16>; 3],
}

struct ChpxRun {
    start: u32,
    end: u32,
    props: CharProps,
}

impl CharProps {
    fn from_grpprl(grpprl: &[u8]) -> CharProps {
        let mut props = CharProps::default();
        for_each_sprm(grpprl, |sprm, op| match sprm {
            // A toggle: 1 on, 0x81 the opposite of the style (and styles never delete).
            0x0800 => props.deleted = matches!(op.first(), Some(1 | 0x81)),
            0x6A09 => props.symbol = u16_at(op, 0).zip(u16_at(op, 2)),
            0x4A4F..=0x4A51 => {
                if let Some(slot) = props.fonts.get_mut(usize::from(sprm - 0x4A4F)) {
                    *slot = u16_at(op, 0);
                }
            }
            _ => {}
        });
        props
    }
}

/// Everything needed to find the properties of paragraphs and characters.
struct Formatting<'a> {
    paragraphs: Vec<PapxRun<'a>>,
    chars: Vec<ChpxRun>,
    data: &'a [u8],
    prcs: Vec<&'a [u8]>,
    /// Heading level by istd.
    headings: Vec<Option<u8>>,
    /// Font names by ftc.
    fonts: Vec<String>,
}

impl Formatting<'_> {
    /// Properties of the paragraph whose mark is at file offset `fc`, in a piece with modifier `prm`.
    fn para_props(&self, fc: u32, prm: u16) -> ParaProps {
        let mut props = ParaProps::default();
        let i = self.paragraphs.partition_point(|r| r.start <= fc);
        let run = i.checked_sub(1).and_then(|i| self.paragraphs.get(i));
        if let Some(run) = run.filter(|r| fc < r.end) {
            props.istd = run.istd;
            props.apply(run.grpprl, self.data);
        }
        // A complex PRM (fast-saved file) adds the sprms of the Prc it names.
        if let Some(grpprl) = self
            .prcs
            .get(usize::from(prm >> 1))
            .filter(|_| prm & 1 == 1)
        {
            props.apply(grpprl, self.data);
        }
        props
    }

    /// Properties of the character at file offset `fc`. Text is mostly read in
    /// file order, so the run of the previous character (`hint`) or the next
    /// one usually holds it, which spares a binary search per character.
    fn char_props(&self, fc: u32, hint: &mut usize) -> CharProps {
        let holds = |i: usize| self.chars.get(i).filter(|r| r.start <= fc && fc < r.end);
        if holds(*hint).is_none() {
            *hint = match holds(*hint + 1) {
                Some(_) => *hint + 1,
                None => self
                    .chars
                    .partition_point(|r| r.start <= fc)
                    .saturating_sub(1),
            };
        }
        holds(*hint).map(|r| r.props).unwrap_or_default()
    }

    fn heading(&self, props: &ParaProps) -> Option<u8> {
        match props.outline {
            Some(level @ 0..=8) => Some(level + 1),
            _ => self
                .headings
                .get(usize::from(props.istd))
                .copied()
                .flatten(),
        }
    }

    /// The character shown for `unit`: symbols (sprmCSymbol, or private-use
    /// characters of a symbol font) are read through their font, and dropped
    /// when unknown.
    fn shown(&self, unit: u16, chp: &CharProps) -> Option<u16> {
        let font = |ftc: u16| self.fonts.get(usize::from(ftc)).map_or("", String::as_str);
        match chp.symbol {
            Some((ftc, xchar)) if unit == 0x28 => symbol_char(font(ftc), xchar as u8)
                .map(|c| c as u16)
                .or((0x20..0xE000).contains(&xchar).then_some(xchar)),
            // Without a known symbol font on the run, try the usual ones in turn.
            _ if (0xF000..=0xF0FF).contains(&unit) => {
                let fonts = chp.fonts.iter().flatten().map(|&ftc| font(ftc));
                let mut fonts = fonts.chain(["Wingdings", "Wingdings 2", "Symbol"]);
                fonts
                    .find_map(|f| symbol_char(f, unit as u8))
                    .map(|c| c as u16)
            }
            _ => Some(unit),
        }
    }
}

/// Common characters of the Wingdings, Wingdings 2 and Symbol fonts: the boxes,
/// check marks and bullets of forms, and signs used with numbers. Boxes become
/// □ ☑ ☒, as they are typed in Chinese forms.
fn symbol_char(font: &str, code: u8) -> Option<char> {
    let font = font.to_ascii_lowercase();
    Some(match (font.as_str(), code) {
        ("wingdings", 0x6F | 0x71 | 0x72 | 0xA8) | ("wingdings 2", 0xA3) => '□',
        ("wingdings", 0xFE) | ("wingdings 2", 0x52) => '☑',
        ("wingdings", 0xFD | 0x78) | ("wingdings 2", 0x53 | 0x54) => '☒',
        ("wingdings", 0xFC) | ("wingdings 2", 0x50) => '✓',
        ("wingdings", 0xFB) | ("wingdings 2", 0x4F) => '✗',
        ("wingdings", 0x6C) | ("wingdings 2", 0x96) => '●',
        ("wingdings", 0x6E) | ("wingdings 2", 0xA0) => '■',
        ("wingdings", 0x9F) | ("wingdings 2", 0x95) | ("symbol", 0xB7) => '•',
        ("wingdings", 0xA1) => '○',
        ("wingdings", 0x75) | ("wingdings 2", 0xAE) => '◆',
        ("symbol", 0xB0) => '°',
        ("symbol", 0xB1) => '±',
        ("symbol", 0xB4) => '×',
        ("symbol", 0xB8) => '÷',
        ("symbol", 0xD6) => '√',
        ("symbol", 0xA3) => '≤',
        ("symbol", 0xB3) => '≥',
        ("symbol", 0xB9) => '≠',
        ("symbol", 0xBB) => '≈',
        ("symbol", 0xAE) => '→',
        ("symbol", 0x2D) => '−',
        ("symbol", 0x6D) => 'μ',
        ("symbol", 0x70) => 'π',
        ("symbol", b @ (b'0'..=b'9' | b' ' | b'(' | b')' | b'+' | b',' | b'.' | b'/' | b'=')) => {
            char::from(b)
        }
        _ => return None,
    })
}

/// Font names by ftc, from the SttbfFfn: cData, cbExtra, then per font an FFN
/// (cbFfnM1, 39 bytes of metrics, a zero-terminated UTF-16 name).
fn font_names(sttbf: &[u8]) -> Vec<String> {
    let mut at = 4usize;
    let mut names = Vec::new();
    for _ in 0..u16_at(sttbf, 0).unwrap_or(0) {
        let Some(len) = u8_at(sttbf, at).map(|m1| usize::from(m1) + 1) else {
            break;
        };
        let ffn = sttbf.get(at..at + len).unwrap_or(&[]);
        let name = (40..len)
            .step_by(2)
            .map_while(|i| u16_at(ffn, i))
            .take_while(|&u| u != 0);
        names.push(String::from_utf16_lossy(&name.collect::<Vec<_>>()));
        at += len;
    }
    names
}

/// Heading level by istd: built-in styles Heading 1–9 (sti 1–9), or styles
/// named "heading N" / "标题 N". The STSH holds cbStshi, an Stshi (cstd,
/// cbSTDBaseInFile, …), then per style cbStd and an STD (sti in its first
/// 12 bits; the name, cch and UTF-16, after the cbSTDBaseInFile-byte base).
fn style_headings(stsh: &[u8]) -> Vec<Option<u8>> {
    let (Some(cb_stshi), Some(cstd), Some(cb_base)) = (
        u16_at(stsh, 0),
        u16_at(stsh, 2),
        u16_at(stsh, 4).map(usize::from),
    ) else {
        return Vec::new();
    };
    let mut at = 2 + usize::from(cb_stshi);
    let mut levels = Vec::new();
    for _ in 0..cstd {
        let Some(len) = u16_at(stsh, at).map(usize::from) else {
            break;
        };
        let std = stsh.get(at + 2..at + 2 + len).unwrap_or(&[]);
        at += 2 + len;
        let sti = u16_at(std, 0).map_or(0x0FFF, |v| v & 0x0FFF);
        let name = || {
            let cch = usize::from(u16_at(std, cb_base)?);
            let units = (0..cch).map(|i| u16_at(std, cb_base + 2 + 2 * i));
            Some(String::from_utf16_lossy(
                &units.collect::<Option<Vec<_>>>()?,
            ))
        };
        levels.push(match sti {
            1..=9 => Some(sti as u8),
            _ => name().and_then(|n| heading_from_name(&n)),
        });
    }
    levels
}

fn heading_from_name(name: &str) -> Option<u8> {
    let s = name.to_lowercase().replace(' ', "");
    let digits = s
        .strip_prefix("heading")
        .or_else(|| s.strip_prefix("标题"))?;
    digits.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

// ---------------------------------------------------------------------------
// Text: fields and special characters.

/// Keeps the visible characters of a paragraph: of a field (0x13 code 0x14
/// result 0x15, possibly nested) only the result, special characters mapped
/// or removed. 0x0C (page or section break) is kept for the caller to split on.
#[derive(Default)]
struct TextFilter {
    /// One entry per open field: true while still in its code (before 0x14).
    fields: Vec<bool>,
    /// Field begins beyond the bound of `fields`, still waiting for their end.
    overflow: usize,
}

const MAX_FIELD_DEPTH: usize = 256;

impl TextFilter {
    fn push(&mut self, unit: u16, out: &mut Vec<u16>) {
        match unit {
            0x13 if self.fields.len() < MAX_FIELD_DEPTH => self.fields.push(true),
            0x13 => self.overflow += 1,
            0x15 if self.overflow > 0 => self.overflow -= 1,
            0x15 => _ = self.fields.pop(),
            0x14 if self.overflow == 0 => {
                if let Some(in_code) = self.fields.last_mut() {
                    *in_code = false;
                }
            }
            _ if self.overflow > 0 || self.fields.contains(&true) => {}
            0x09 | 0x0C => out.push(unit),
            0x0B => out.push(u16::from(b'\n')),
            0x1E => out.push(u16::from(b'-')),
            // Pictures, footnote and comment marks, drawn objects, optional hyphens, other controls.
            0x00..=0x1F => {}
            _ => out.push(unit),
        }
    }
}

// ---------------------------------------------------------------------------
// Structure: paragraphs, cells, rows and nested tables.

/// What a paragraph mark ends.
enum MarkKind {
    Paragraph,
    Cell,
    Row,
}

fn classify(mark: u16, props: &ParaProps, depth: usize) -> MarkKind {
    match depth {
        0 => MarkKind::Paragraph,
        // An outermost table ends its cells and rows with 0x07; the row end has fTtp.
        1 if mark == 0x07 && props.ttp => MarkKind::Row,
        1 if mark == 0x07 => MarkKind::Cell,
        1 => MarkKind::Paragraph,
        // A nested table ends them with paragraph marks flagged inner cell / inner TTP.
        _ if props.inner_ttp || props.ttp => MarkKind::Row,
        _ if props.inner_cell || mark == 0x07 => MarkKind::Cell,
        _ => MarkKind::Paragraph,
    }
}

/// A table being read at one nesting depth.
#[derive(Default)]
struct OpenTable {
    rows: Vec<(Vec<Cell>, Option<RowDef>)>,
    cells: Vec<Cell>,
    /// Paragraphs and nested tables of the cell being read.
    paragraphs: Vec<String>,
    tables: Vec<Table>,
}

impl OpenTable {
    fn end_cell(&mut self) {
        let text = self.paragraphs.join("\n").replace('\u{c}', "\n");
        self.paragraphs.clear();
        let tables = std::mem::take(&mut self.tables);
        self.cells.push(Cell {
            text: text.trim().to_string(),
            span: 1,
            tables,
            ..Cell::default()
        });
    }

    fn end_row(&mut self, def: Option<RowDef>) {
        // A row end right after unfinished cell content (a damaged file): keep it.
        if !self.paragraphs.is_empty() || !self.tables.is_empty() {
            self.end_cell();
        }
        self.rows.push((std::mem::take(&mut self.cells), def));
    }

    fn finish(mut self) -> Table {
        if !self.cells.is_empty() || !self.paragraphs.is_empty() || !self.tables.is_empty() {
            self.end_row(None);
        }
        build_grid(self.rows)
    }
}

/// Consumes the characters of the main story and builds the document.
struct Walker<'a> {
    format: &'a Formatting<'a>,
    max_depth: usize,
    filter: TextFilter,
    /// Visible text of the paragraph being read.
    text: Vec<u16>,
    blocks: Vec<Block>,
    /// `open[d]` is the table at depth d + 1.
    open: Vec<OpenTable>,
    /// The character run of the last character read.
    char_run: usize,
}

impl<'a> Walker<'a> {
    fn new(format: &'a Formatting<'a>, limits: &Limits) -> Self {
        let (filter, text, blocks, open) = Default::default();
        Walker {
            format,
            max_depth: limits.max_depth,
            filter,
            text,
            blocks,
            open,
            char_run: 0,
        }
    }

    fn feed(&mut self, unit: u16, fc: u32, prm: u16) -> Result<(), ReadError> {
        if matches!(unit, 0x0D | 0x07) {
            let props = self.format.para_props(fc, prm);
            return self.end_paragraph(unit, &props);
        }
        let chp = self.format.char_props(fc, &mut self.char_run);
        if let Some(unit) = self.format.shown(unit, &chp).filter(|_| !chp.deleted) {
            self.filter.push(unit, &mut self.text);
        }
        Ok(())
    }

    fn end_paragraph(&mut self, mark: u16, props: &ParaProps) -> Result<(), ReadError> {
        let depth = match props.depth() {
            0 if mark == 0x07 => 1, // a cell mark without table properties is still a cell
            d => usize::try_from(d).unwrap_or(usize::MAX),
        };
        if depth > self.max_depth {
            return Err(ReadError::TooLarge(format!(
                "表格嵌套超过 {} 层",
                self.max_depth
            )));
        }
        self.set_depth(depth);
        let text = String::from_utf16_lossy(&std::mem::take(&mut self.text));
        let Some(table) = self.open.last_mut() else {
            self.push_paragraphs(&text, self.format.heading(props));
            return Ok(());
        };
        match classify(mark, props, depth) {
            MarkKind::Paragraph => table.paragraphs.push(text),
            MarkKind::Cell => {
                table.paragraphs.push(text);
                table.end_cell();
            }
            // The row end mark carries no text, only the row's properties.
            MarkKind::Row => table.end_row(props.row.clone()),
        }
        Ok(())
    }

    /// Top-level paragraphs: a page or section break (0x0C) also ends one.
    fn push_paragraphs(&mut self, text: &str, heading: Option<u8>) {
        for part in text.split('\u{c}') {
            self.blocks.push(Block::Paragraph(Paragraph {
                text: part.to_string(),
                heading,
            }));
        }
    }

    /// Close the tables deeper than `depth`, open tables down to it.
    fn set_depth(&mut self, depth: usize) {
        while self.open.len() > depth {
            let Some(done) = self.open.pop() else { return };
            let table = done.finish();
            match self.open.last_mut() {
                Some(parent) => parent.tables.push(table),
                None => self.blocks.push(Block::Table(table)),
            }
        }
        while self.open.len() < depth {
            self.open.push(OpenTable::default());
        }
    }

    fn finish(mut self) -> WordDoc {
        // Text after the last paragraph mark (a damaged or oddly cut file).
        if !self.text.is_empty() {
            let text = String::from_utf16_lossy(&std::mem::take(&mut self.text));
            self.set_depth(0);
            self.push_paragraphs(&text, None);
        }
        self.set_depth(0);
        WordDoc {
            blocks: self.blocks,
        }
    }
}

// ---------------------------------------------------------------------------
// Grid: grid columns and spans from the cell boundaries of all rows.

/// Boundaries closer than this (in twips, 1/1440 inch; 72 = 1.27 mm) are one
/// grid line: hand-drawn Word tables jitter by up to a millimetre between rows.
const GRID_TOLERANCE: i32 = 72;

fn build_grid(rows: Vec<(Vec<Cell>, Option<RowDef>)>) -> Table {
    // A row definition is trusted only when it describes exactly the cells read.
    let usable =
        |cells: &[Cell], def: Option<RowDef>| def.filter(|d| d.bounds.len() == cells.len() + 1);
    let mut lines: Vec<i32> = rows
        .iter()
        .filter_map(|(cells, def)| usable(cells, def.clone()))
        .flat_map(|d| d.bounds.into_iter().map(i32::from))
        .collect();
    lines.sort_unstable();
    // Each grid line stands for the boundaries up to GRID_TOLERANCE right of it.
    lines.dedup_by(|later, kept| *later - *kept <= GRID_TOLERANCE);
    let column = |x: i16| {
        lines
            .partition_point(|&l| l <= i32::from(x))
            .saturating_sub(1)
    };

    let mut table = Table::default();
    for (mut cells, def) in rows {
        match usable(&cells, def) {
            Some(def) => place_cells(&mut cells, &def, column),
            // Without a usable row definition: one grid column per cell, in order.
            None => cells
                .iter_mut()
                .enumerate()
                .for_each(|(i, c)| (c.col, c.span) = (i, 1)),
        }
        table.rows.push(cells);
    }
    table
}

/// Place the cells of a row from its definition, folding cells merged the
/// Word 97 way (horzMerge) into the first cell of their range.
fn place_cells(cells: &mut Vec<Cell>, def: &RowDef, column: impl Fn(i16) -> usize) {
    let mut placed: Vec<Cell> = Vec::with_capacity(cells.len());
    for (i, mut cell) in std::mem::take(cells).into_iter().enumerate() {
        let left = def.bounds.get(i).map_or(0, |&x| column(x));
        let right = def.bounds.get(i + 1).map_or(left + 1, |&x| column(x));
        cell.col = left;
        cell.span = right.saturating_sub(left).max(1);
        cell.merged_up = def.vert.get(i) == Some(&1);
        match placed.last_mut() {
            Some(first) if def.horz.get(i).is_some_and(|&h| h >= 2) => {
                first.span = (cell.col + cell.span)
                    .saturating_sub(first.col)
                    .max(first.span);
                if !cell.text.is_empty() {
                    first.text = format!("{}\n{}", first.text, cell.text).trim().to_string();
                }
                first.tables.append(&mut cell.tables);
            }
            _ => placed.push(cell),
        }
    }
    *cells = placed;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/doc/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn read(name: &str) -> WordDoc {
        read_doc(&fixture(name), &Limits::default()).unwrap()
    }

    fn texts(row: &[Cell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    fn places(row: &[Cell]) -> Vec<(usize, usize)> {
        row.iter().map(|c| (c.col, c.span)).collect()
    }

    fn is_corrupt(r: &Result<WordDoc, ReadError>) -> bool {
        matches!(r, Err(ReadError::Corrupt { format: FORMAT, .. }))
    }

    #[test]
    fn form_paragraphs_fields_and_headings() {
        let doc = read("form.doc");
        let paras: Vec<_> = doc.paragraphs().collect();
        assert_eq!(paras[0].text, "党支部活动经费申请表");
        assert_eq!(paras[0].heading, Some(1));
        // Date and page fields: only their results, never the field codes.
        assert_eq!(paras[1].text, "填表日期：2025年9月1日，第1页");
        assert_eq!(paras[1].heading, None);
        assert_eq!(paras[2].text, "以下为项目信息：");
        assert_eq!(paras[3].text, "备注：活动地点\n图书馆报告厅");
        // The footnote reference mark is dropped, the footnote text is not main text.
        assert_eq!(paras[4].text, "联系人：张三，电话：010-12345678");
        assert_eq!(paras.len(), 5);
        let kinds: Vec<bool> = doc
            .blocks
            .iter()
            .map(|b| matches!(b, Block::Table(_)))
            .collect();
        assert_eq!(kinds, [false, false, true, false, true, false, false]);
    }

    #[test]
    fn form_key_value_tables_with_merges() {
        let doc = read("form.doc");
        let tables: Vec<_> = doc.tables().collect();
        assert_eq!(tables.len(), 2);

        let two = &tables[0];
        assert_eq!(texts(&two.rows[0]), ["支部名称", "机械工程学院第一党支部"]);
        assert_eq!(texts(&two.rows[1]), ["所属党委", "机械工程学院党委"]);
        assert_eq!(places(&two.rows[1]), [(0, 1), (1, 1)]);

        let four = &tables[1];
        assert_eq!(four.rows.len(), 4);
        assert_eq!(
            texts(&four.rows[0]),
            ["支部名称", "第二党支部", "所属党委", "材料学院党委"]
        );
        assert_eq!(places(&four.rows[0]), [(0, 1), (1, 1), (2, 1), (3, 1)]);
        // Horizontal merge: the value spans the three value columns.
        assert_eq!(texts(&four.rows[1]), ["项目名称", "“学习二十大”主题党日"]);
        assert_eq!(places(&four.rows[1]), [(0, 1), (1, 3)]);
        // Vertical merge: 申请经费 starts it, the cell below continues it.
        assert_eq!(four.rows[2][0].text, "申请经费");
        assert!(!four.rows[2][0].merged_up);
        assert!(four.rows[3][0].merged_up);
        assert_eq!(four.rows[3][0].text, "");
        assert_eq!(texts(&four.rows[3]), ["", "合计", "1800元"]);
        assert_eq!(places(&four.rows[3]), [(0, 1), (1, 1), (2, 2)]);
        assert!(
            four.rows
                .iter()
                .flatten()
                .skip(1)
                .all(|c| !c.merged_up || c.col == 0)
        );
    }

    #[test]
    fn nested_budget_table_lands_in_its_cell() {
        let doc = read("form.doc");
        let cell = &doc.tables().nth(1).unwrap().rows[2][1];
        assert_eq!(cell.text, "预算明细：\n以上合计。");
        assert_eq!((cell.col, cell.span), (1, 3));
        assert_eq!(cell.tables.len(), 1);
        let budget = &cell.tables[0];
        assert_eq!(budget.rows.len(), 3);
        assert_eq!(texts(&budget.rows[0]), ["科目", "金额", "说明"]);
        assert_eq!(texts(&budget.rows[1]), ["资料费", "800", "学习材料"]);
        assert_eq!(texts(&budget.rows[2]), ["交通费", "1000", "参观"]);
        assert_eq!(places(&budget.rows[2]), [(0, 1), (1, 1), (2, 1)]);
        // No other cell holds a table, and the nested text stays out of the outer cells.
        let holders = doc
            .tables()
            .flat_map(|t| t.rows.iter().flatten())
            .filter(|c| !c.tables.is_empty())
            .count();
        assert_eq!(holders, 1);
        assert!(
            doc.tables()
                .flat_map(|t| t.rows.iter().flatten())
                .all(|c| !c.text.contains("资料费"))
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_too_large() {
        let limits = Limits {
            max_depth: 1,
            ..Limits::default()
        };
        assert!(matches!(
            read_doc(&fixture("form.doc"), &limits),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn template_reads_like_the_document() {
        assert_eq!(read("form.dot"), read("form.doc"));
    }

    #[test]
    fn symbols_deletions_and_special_characters() {
        let doc = read("marks.doc");
        let paras: Vec<_> = doc
            .paragraphs()
            .map(|p| (p.text.as_str(), p.heading))
            .collect();
        assert_eq!(
            paras,
            [
                ("二、经费说明", Some(2)),
                // Wingdings / Wingdings 2 check boxes.
                ("是否重点项目：☑是 □否 ☑同意", None),
                // "李四" was deleted with track changes on.
                ("联系人：张三", None),
                // Tab and no-break space kept, non-breaking hyphen '-', optional hyphen dropped.
                ("甲\t乙\u{a0}丙-丁softhyphen", None),
                ("分页后的段落", None),
            ]
        );
    }

    #[test]
    fn encrypted_file_is_reported() {
        assert_eq!(
            read_doc(&fixture("encrypted.doc"), &Limits::default()),
            Err(ReadError::Encrypted)
        );
    }

    /// A minimal Word 97 file: a FIB, the main text in the given pieces
    /// (cp1252 bytes when compressed, else UTF-16LE bytes) and a piece table
    /// in 0Table, without any formatting.
    fn synthetic(pieces: &[(&[u8], bool)], flags: u16, n_fib: u16) -> Vec<u8> {
        let mut word = vec![0u8; 1024];
        let mut put = |at: usize, v: &[u8]| word[at..at + v.len()].copy_from_slice(v);
        put(0, &W_IDENT.to_le_bytes());
        put(2, &n_fib.to_le_bytes());
        put(0x0A, &flags.to_le_bytes());
        put(32, &14u16.to_le_bytes()); // csw
        put(62, &22u16.to_le_bytes()); // cslw
        put(152, &93u16.to_le_bytes()); // cbRgFcLcb
        let (mut cps, mut pcds, mut cp) = (vec![0u32], Vec::new(), 0u32);
        for &(bytes, compressed) in pieces {
            let fc = word.len() as u32;
            word.extend_from_slice(bytes);
            cp += if compressed {
                bytes.len()
            } else {
                bytes.len() / 2
            } as u32;
            cps.push(cp);
            pcds.extend_from_slice(&[0, 0]);
            pcds.extend_from_slice(
                &(if compressed {
                    (fc * 2) | 0x4000_0000
                } else {
                    fc
                })
                .to_le_bytes(),
            );
            pcds.extend_from_slice(&[0, 0]);
        }
        word[76..80].copy_from_slice(&cp.to_le_bytes()); // ccpText
        let mut clx = vec![0x02];
        clx.extend_from_slice(&((cps.len() * 4 + pcds.len()) as u32).to_le_bytes());
        cps.iter()
            .for_each(|c| clx.extend_from_slice(&c.to_le_bytes()));
        clx.extend_from_slice(&pcds);
        word[154 + 33 * 8 + 4..154 + 33 * 8 + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        with_streams(&[("/WordDocument", &word), ("/0Table", &clx)])
    }

    fn with_streams(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, data) in streams {
            cfb.create_stream(name).unwrap().write_all(data).unwrap();
        }
        cfb.flush().unwrap();
        cfb.into_inner().into_inner()
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn compressed_and_unicode_pieces_fields_and_controls() {
        let first = b"Caf\xe9 \x93q\x94 \x80\x13 DATE \\@ \"yyyy\" \x14";
        let second = utf16(
            "2025\u{15}年\u{b}第二行\r下一段\u{c}分页\u{1e}连字\u{1f}x\u{1}\u{8}\u{2}\u{5}\r",
        );
        let third = utf16("\u{13} IF \u{13} PAGE \u{14}1\u{15} = 1 \u{14}是\u{15}\r");
        let bytes = synthetic(&[(first, true), (&second, false), (&third, false)], 0, 0xC1);
        let doc = read_doc(&bytes, &Limits::default()).unwrap();
        let paras: Vec<_> = doc.paragraphs().map(|p| p.text.as_str()).collect();
        assert_eq!(
            paras,
            ["Café “q” €2025年\n第二行", "下一段", "分页-连字x", "是"]
        );
    }

    #[test]
    fn empty_main_text_gives_an_empty_document() {
        let doc = read_doc(&synthetic(&[], 0, 0xC1), &Limits::default()).unwrap();
        assert!(doc.blocks.is_empty());
        assert!(doc.is_blank());
    }

    #[test]
    fn encrypted_flag_old_versions_and_missing_streams() {
        let limits = Limits::default();
        let text = utf16("文字\r");
        assert_eq!(
            read_doc(&synthetic(&[(&text, false)], F_ENCRYPTED, 0xC1), &limits),
            Err(ReadError::Encrypted)
        );
        let word95 = read_doc(&synthetic(&[(&text, false)], 0, 0x65), &limits);
        assert!(is_corrupt(&word95) && word95.unwrap_err().to_string().contains("Word 6.0/95"));
        // fWhichTblStm names 1Table, which is not there.
        assert!(is_corrupt(&read_doc(
            &synthetic(&[(&text, false)], F_WHICH_TBL_STM, 0xC1),
            &limits
        )));
    }

    #[test]
    fn files_that_are_not_word_documents_are_corrupt() {
        let limits = Limits::default();
        // A compound file without a WordDocument stream (an old WPS file, a workbook, …).
        let other = with_streams(&[("/Workbook", b"not a document")]);
        let err = read_doc(&other, &limits);
        assert!(is_corrupt(&err));
        assert!(err.unwrap_err().to_string().contains("WordDocument"));
        // A WordDocument stream that is not a Word document.
        let junk = with_streams(&[("/WordDocument", &[0x42; 600])]);
        assert!(is_corrupt(&read_doc(&junk, &limits)));
        assert!(is_corrupt(&read_doc(b"", &limits)));
        assert!(is_corrupt(&read_doc(
            b"PK\x03\x04 not a doc at all",
            &limits
        )));
        let mut garbage = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        garbage.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert!(is_corrupt(&read_doc(&garbage, &limits)));
    }

    #[test]
    fn truncated_files_are_corrupt() {
        let bytes = fixture("form.doc");
        for len in [8, 512, 1536, bytes.len() / 2, bytes.len() - 512] {
            let r = read_doc(&bytes[..len], &Limits::default());
            assert!(is_corrupt(&r), "{len}: {r:?}");
        }
    }

    #[test]
    fn damaged_files_never_panic() {
        let original = fixture("form.doc");
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                // Mostly inside the streams (past the 512-byte header), sometimes anywhere.
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
            let _ = read_doc(&bytes, &Limits::default());
        }
    }

    #[test]
    fn grid_merges_jittered_boundaries_and_folds_old_merges() {
        let cell = |text: &str| Cell {
            text: text.into(),
            span: 1,
            ..Cell::default()
        };
        let def = |bounds: &[i16], horz: &[u8]| {
            Some(RowDef {
                bounds: bounds.to_vec(),
                horz: horz.to_vec(),
                vert: vec![0; horz.len()],
            })
        };
        let table = build_grid(vec![
            (
                vec![cell("a"), cell("b"), cell("c")],
                def(&[0, 1000, 2000, 3000], &[0, 0, 0]),
            ),
            // Boundaries a few twips off, and cells 2–3 merged the Word 97 way.
            (
                vec![cell("d"), cell("e"), cell("")],
                def(&[-20, 1030, 2010, 2990], &[0, 1, 2]),
            ),
            // No usable definition: cells in order.
            (vec![cell("f"), cell("g")], None),
        ]);
        assert_eq!(places(&table.rows[0]), [(0, 1), (1, 1), (2, 1)]);
        assert_eq!(texts(&table.rows[1]), ["d", "e"]);
        assert_eq!(places(&table.rows[1]), [(0, 1), (1, 2)]);
        assert_eq!(places(&table.rows[2]), [(0, 1), (1, 1)]);
    }

    #[test]
    fn sprm_operand_sizes() {
        // sprmPFInTable: 1 byte; sprmTDefTable: 2-byte size, counting itself minus one.
        let grpprl = [
            0x16, 0x24, 0x01, 0x08, 0xD6, 0x06, 0x00, 1, 0, 0, 0x10, 0, 0x49, 0x66, 2, 0, 0, 0,
        ];
        let mut seen = Vec::new();
        for_each_sprm(&grpprl, |sprm, op| seen.push((sprm, op.len())));
        assert_eq!(seen, [(0x2416, 1), (0xD608, 5), (0x6649, 4)]);
        let mut props = ParaProps::default();
        props.apply(&grpprl, &[]);
        assert!(props.in_table);
        assert_eq!(props.depth(), 2);
        assert_eq!(props.row.unwrap().bounds, [0, 16]);
    }
}
