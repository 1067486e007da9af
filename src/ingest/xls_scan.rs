//! Pre-scan of an .xls Workbook stream, walking its BIFF records exactly as
//! calamine 0.38 will (`calamine/src/xls.rs`, `Xls::parse_workbook`), and
//! refusing the file before calamine allocates beyond the limits.
//!
//! calamine reads the workbook globals from byte 0 up to the first EOF, then
//! each sheet from the offset its BOUNDSHEET record gives (which may point
//! anywhere, also back into the globals or at another sheet), up to that
//! sheet's EOF, skipping nested substreams (embedded charts). Per sheet it
//! collects the cells into a vector, reserving `rows × cols` of it for every
//! DIMENSIONS record, then builds a dense grid over the cells' bounding box
//! (`Range::from_sparse`), and `worksheet_range` clones that grid. A LABELSST
//! cell clones its shared string, a LABEL cell reserves the character count its
//! record claims, and a formula's text can be many times longer than its
//! tokens. The scan follows the same records, checks every position against
//! `max_rows`/`max_cols` and every DIMENSIONS record, and adds up an estimate
//! of what calamine will allocate against a budget derived from the limits.

use super::{Limits, ReadError};

const XLS: &str = "Excel 97-2003 (.xls)";
/// More CONTINUE records after one record than any writer needs; calamine
/// also removes them from the front of a vector, one by one.
const MAX_CONTINUES: usize = 16_384;
/// Bytes of calamine's `Cell<Data>` (position and value), rounded up.
const CELL: u64 = 40;
/// Bytes of one `Data` in a dense grid.
const DATA: u64 = 32;
/// Bytes of one `String` in the formula grid.
const STRING: u64 = 24;

/// What the pre-scan found that the reading needs.
#[derive(Debug, Default)]
pub struct BiffScan {
    /// The CodePage record of the workbook globals, as calamine would use it.
    pub codepage: Option<u16>,
}

fn corrupt(detail: impl std::fmt::Display) -> ReadError {
    ReadError::corrupt(XLS, detail)
}

fn short(what: &str) -> ReadError {
    corrupt(format!("{what} 记录长度不足"))
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// One record and the CONTINUE records calamine appends to it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// calamine's `RecordIter`.
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stream.len() < 4 {
            return (!self.stream.is_empty()).then(|| Err(corrupt("数据流在记录头中间结束")));
        }
        let typ = u16::from_le_bytes([self.stream[0], self.stream[1]]);
        let len = u16::from_le_bytes([self.stream[2], self.stream[3]]) as usize;
        if self.stream.len() < len + 4 {
            return Some(Err(corrupt(format!(
                "记录 0x{typ:04X} 的长度超出数据流末尾"
            ))));
        }
        let (record, next) = self.stream.split_at(len + 4);
        self.stream = next;
        let mut cont = Vec::new();
        while self.stream.len() > 4 && self.stream[..2] == [0x3C, 0x00] {
            let len = u16::from_le_bytes([self.stream[2], self.stream[3]]) as usize;
            if self.stream.len() < len + 4 {
                return Some(Err(corrupt("CONTINUE 记录的长度超出数据流末尾")));
            }
            if cont.len() == MAX_CONTINUES {
                return Some(Err(corrupt("一条记录后跟随的 CONTINUE 记录过多")));
            }
            let (c, rest) = self.stream.split_at(len + 4);
            cont.push(&c[4..]);
            self.stream = rest;
        }
        Some(Ok(Record {
            typ,
            data: &record[4..],
            cont,
        }))
    }
}

/// A record being consumed across its CONTINUE records (calamine's
/// `Record::continue_record` and `skip`).
struct Cursor<'a, 'r> {
    data: &'a [u8],
    cont: std::slice::Iter<'r, &'a [u8]>,
}

impl Cursor<'_, '_> {
    fn next_continue(&mut self) -> bool {
        match self.cont.next() {
            Some(d) => {
                self.data = d;
                true
            }
            None => false,
        }
    }

    fn skip(&mut self, mut len: usize) -> Result<(), ReadError> {
        while len > 0 {
            if self.data.is_empty() && !self.next_continue() {
                return Err(corrupt("SST 记录中的字符串超出记录末尾"));
            }
            let l = len.min(self.data.len());
            self.data = &self.data[l..];
            len -= l;
        }
        Ok(())
    }
}

/// A LBL record (defined name) as calamine's `parse_lbl` and
/// `parse_defined_names` index it, unchecked: the header up to byte 14, the
/// formula's last `cce` bytes, and the fields of its first token.
fn defined_name(d: &[u8], biff8: bool) -> Result<(), ReadError> {
    let cce = u16_at(d, 4).unwrap_or(0) as usize;
    if d.len() < 14 || cce > d.len() {
        return Err(short("LBL"));
    }
    let rgce = &d[d.len() - cce..];
    let need = match (rgce.first(), biff8) {
        (Some(0x3a | 0x5a | 0x7a), true) => 7,
        (Some(0x3a | 0x5a | 0x7a), false) => 18,
        (Some(0x3b | 0x5b | 0x7b), true) => 11,
        (Some(0x3b | 0x5b | 0x7b), false) => 21,
        (Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d), true) => 3,
        (Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d), false) => 13,
        _ => 0,
    };
    if rgce.len() < need {
        return Err(short("LBL"));
    }
    Ok(())
}

/// calamine's `parse_formula` reads each token's operands without checking
/// how many bytes are left: walk the tokens as it does, so that a formula
/// cut inside a token is refused here instead of panicking there. (Real
/// Excel and WPS files never cut a token; calamine stops with an error, not
/// a panic, at a token it does not know, and so does this walk.)
fn formula_tokens(mut t: &[u8], biff8: bool) -> Result<(), ReadError> {
    let cut = || short("FORMULA");
    while let Some((&ptg, rest)) = t.split_first() {
        t = rest;
        let need = match ptg {
            // PtgRef3d: calamine adds 1 to the u16 row, which overflows with
            // overflow checks on (debug builds, the fuzzers) at row 65536;
            // a release build writes a harmless `A0` in a formula zhibu never uses.
            0x3a | 0x5a | 0x7a => {
                if cfg!(debug_assertions) && u16_at(t, 2) == Some(u16::MAX) {
                    return Err(corrupt("公式引用的行号超出范围"));
                }
                6
            }
            0x3b | 0x5b | 0x7b | 0x3d | 0x5d | 0x7d => 10,
            0x3c | 0x5c | 0x7c => 6,
            0x01 => 4,
            0x03..=0x16 => 0,
            // PtgStr: a count, then (BIFF8) a flags byte and 1 or 2 bytes a character.
            0x17 => {
                let cch = *t.first().ok_or_else(cut)? as usize;
                if biff8 {
                    let wide = t.get(1).ok_or_else(cut)? & 1 != 0;
                    2 + if wide { 2 * cch } else { cch }
                } else {
                    1 + cch
                }
            }
            0x18 => 5,
            // PtgAttr: its type byte, then 2 bytes, or a jump table for tAttrChoose.
            0x19 => {
                let etpg = *t.first().ok_or_else(cut)?;
                1 + match etpg {
                    0x01 | 0x02 | 0x08 | 0x10 | 0x20 | 0x21 | 0x40 | 0x41 => 2,
                    0x04 => 2 + 2 * (u16_at(t, 1).ok_or_else(cut)? as usize + 1),
                    _ => return Ok(()),
                }
            }
            0x1C | 0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x20 | 0x40 | 0x60 => 7,
            0x21 | 0x41 | 0x61 => 2,
            0x22 | 0x42 | 0x62 => 3,
            // PtgName: a one-based index; calamine subtracts 1 unchecked.
            0x23 | 0x43 | 0x63 => {
                if u32_at(t, 0) == Some(0) {
                    return Err(corrupt("公式引用了编号为 0 的名称"));
                }
                4
            }
            0x24 | 0x44 | 0x64 if biff8 => {
                // PtgRef: the u16 row + 1, as for PtgRef3d above.
                if cfg!(debug_assertions) && u16_at(t, 0) == Some(u16::MAX) {
                    return Err(corrupt("公式引用的行号超出范围"));
                }
                4
            }
            0x24 | 0x44 | 0x64 => 3,
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => {
                if biff8 {
                    8
                } else {
                    6
                }
            }
            0x2A | 0x4A | 0x6A => {
                if biff8 {
                    4
                } else {
                    3
                }
            }
            0x39 | 0x59 => 6,
            _ => return Ok(()),
        };
        t = t.get(need..).ok_or_else(cut)?;
    }
    Ok(())
}

/// calamine's `parse_sst`: for each shared string, the bytes it will take.
fn shared_strings(r: &Record, limit: usize) -> Result<Vec<u64>, ReadError> {
    let data = r.data.get(8..).ok_or_else(|| short("SST"))?;
    let mut c = Cursor {
        data,
        cont: r.cont.iter(),
    };
    let mut sizes = Vec::new();
    while !c.data.is_empty() || c.next_continue() {
        if sizes.len() >= limit {
            return Err(ReadError::TooLarge(format!("共享字符串超过 {limit} 个")));
        }
        sizes.push(rich_string(&mut c)?);
    }
    Ok(sizes)
}

/// calamine's `read_rich_extended_string`; the UTF-8 bytes of the string at
/// most (4 per character covers every code page and UTF-16).
fn rich_string(c: &mut Cursor) -> Result<u64, ReadError> {
    if c.data.is_empty() {
        return Ok(0);
    }
    let bad = || corrupt("SST 记录中的字符串结构异常");
    if c.data.len() < 3 {
        return Err(bad());
    }
    let cch = u16_at(c.data, 0).ok_or_else(bad)? as usize;
    let flags = c.data[2];
    c.data = &c.data[3..];
    let mut high_byte = flags & 1 != 0;
    let mut runs = 0usize;
    if flags & 0x8 != 0 {
        runs = u16_at(c.data, 0).ok_or_else(bad)? as usize;
        c.data = &c.data[2..];
    }
    let mut ext = 0usize;
    if flags & 0x4 != 0 {
        ext = u32_at(c.data, 0).ok_or_else(bad)? as i32 as usize;
        c.data = &c.data[4..];
    }
    let mut left = cch;
    while left > 0 {
        let (chars, bytes) = if high_byte {
            let l = (c.data.len() / 2).min(left);
            (l, 2 * l)
        } else {
            let l = c.data.len().min(left);
            (l, l)
        };
        c.data = &c.data[bytes..];
        left -= chars;
        if left > 0 {
            if !c.next_continue() || c.data.is_empty() {
                return Err(bad());
            }
            high_byte = c.data[0] & 1 != 0;
            c.data = &c.data[1..];
        }
    }
    c.skip(runs * 4)?;
    c.skip(ext)?;
    Ok(4 * cch as u64)
}

/// calamine's `parse_dimensions`, and the `rows × cols` it then reserves
/// (computed as calamine computes it, wrapping in a release build).
fn dimensions(data: &[u8]) -> Result<(u32, u32), ReadError> {
    let bad = || {
        corrupt(format!(
            "DIMENSIONS 记录长度 {} 字节，不符合格式",
            data.len()
        ))
    };
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u16_at(data, 0).ok_or_else(bad)? as u32,
            u16_at(data, 2).ok_or_else(bad)? as u32,
            u16_at(data, 4).ok_or_else(bad)? as u32,
            u16_at(data, 6).ok_or_else(bad)? as u32,
        ),
        14 | 16 => (
            u32_at(data, 0).ok_or_else(bad)?,
            u32_at(data, 4).ok_or_else(bad)?,
            u16_at(data, 8).ok_or_else(bad)? as u32,
            u16_at(data, 10).ok_or_else(bad)? as u32,
        ),
        _ => return Err(bad()),
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl >= 1 && cl >= 1 {
        let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
        let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
        // `rl == rf` is an empty range that calamine computes as `rf - 1 -
        // rf + 1`, overflowing (a panic where overflow checks are on); an
        // end before that wraps to billions of rows.
        if rl <= rf {
            return Err(corrupt(format!(
                "工作表的 DIMENSIONS 记录中结束行（{rl}）在起始行（{}）之前",
                rf + 1
            )));
        }
        Ok((rows, cols))
    } else {
        Ok((1, 1))
    }
}

/// Positions and sizes of what one sheet collects.
#[derive(Default)]
struct Extent {
    count: u64,
    heap: u64,
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32, heap: u64) {
        self.count += 1;
        self.heap += heap;
        let widen = |span: &mut Option<(u32, u32)>, v: u32| {
            *span = Some(span.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        };
        widen(&mut self.rows, row);
        widen(&mut self.cols, col);
    }

    /// Cells of the dense grid `Range::from_sparse` builds.
    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64,
            _ => 0,
        }
    }
}

/// What calamine will allocate, estimated, against a ceiling.
struct Budget {
    used: u64,
    max: u64,
}

impl Budget {
    fn add(&mut self, bytes: u64) -> Result<(), ReadError> {
        self.used = self.used.saturating_add(bytes);
        if self.used > self.max {
            return Err(ReadError::TooLarge(format!(
                "工作簿内容过多，读取需要的内存超出约 {} MB 的处理上限",
                self.max >> 20
            )));
        }
        Ok(())
    }
}

struct SheetScan<'l> {
    limits: &'l Limits,
    index: usize,
    cells: Extent,
    formulas: Extent,
}

impl SheetScan<'_> {
    fn check(&self, row: u32, col: u32) -> Result<(), ReadError> {
        if row as usize >= self.limits.max_rows || col as usize >= self.limits.max_cols {
            return Err(ReadError::TooLarge(format!(
                "第 {} 个工作表在第 {} 行第 {} 列有内容，超出 {} 行 × {} 列的处理上限",
                self.index + 1,
                row as u64 + 1,
                col as u64 + 1,
                self.limits.max_rows,
                self.limits.max_cols
            )));
        }
        Ok(())
    }

    fn cell(&mut self, row: u32, col: u32, heap: u64) -> Result<(), ReadError> {
        self.check(row, col)?;
        self.cells.add(row, col, heap);
        Ok(())
    }
}

/// Walk the workbook stream as calamine will: refuse encryption (FILEPASS),
/// damaged or lying records, any cell beyond the limits, any DIMENSIONS record
/// that would make calamine reserve more than `max_rows × max_cols` cells,
/// and a workbook whose estimated memory exceeds `max_rows × max_cols × 192`
/// bytes; note the CodePage record.
pub fn scan(stream: &[u8], limits: &Limits) -> Result<BiffScan, ReadError> {
    let max_cells = (limits.max_rows as u64).saturating_mul(limits.max_cols as u64);
    let mut budget = Budget {
        used: stream.len() as u64,
        max: max_cells.saturating_mul(192),
    };
    let mut scan = BiffScan::default();
    let mut sheets: Vec<usize> = Vec::new();
    let mut strings: Vec<u64> = Vec::new();
    // Longest text one formula token can expand to: a sheet or defined name.
    let mut name_bytes: u64 = 16;
    // The BIFF version of the last BOF, as calamine's `parse_bof` tells it.
    let mut biff8 = true;
    for record in (Records { stream }) {
        let r = record?;
        match r.typ {
            // BOF, DATEMODE: calamine reads a u16 without checking the length.
            0x0809 => {
                let version = u16_at(r.data, 0).ok_or_else(|| short("BOF"))?;
                let dt = u16_at(r.data, 2).unwrap_or(0);
                biff8 = !matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500)
                    && !(version == 0 && dt == 0x1000);
            }
            0x0022 if r.data.len() < 2 => return Err(short("DATEMODE")),
            // EXTERNSHEET (BIFF8): its count, read unchecked.
            0x0017 if biff8 && r.data.len() < 2 => return Err(short("EXTERNSHEET")),
            // FILEPASS: encrypted, or XOR-obfuscated (which calamine reads as garbage).
            0x002F => return Err(ReadError::Encrypted),
            0x0042 if r.data.len() < 2 => return Err(short("CODEPAGE")),
            0x0042 => scan.codepage = u16_at(r.data, 0),
            0x0085 => {
                let pos = u32_at(r.data, 0).ok_or_else(|| short("BOUNDSHEET"))?;
                if r.data.len() < 6 {
                    return Err(short("BOUNDSHEET"));
                }
                let cch = *r.data.get(6).unwrap_or(&0) as u64;
                name_bytes = name_bytes.max(4 * cch + 2);
                budget.add(128 + 8 * cch)?;
                sheets.push(pos as usize);
            }
            0x0018 => {
                defined_name(r.data, biff8)?;
                let cch = *r.data.get(3).unwrap_or(&0) as u64;
                name_bytes = name_bytes.max(4 * cch + 2);
                budget.add(256 + 8 * cch + 4 * r.data.len() as u64)?;
            }
            0x00FC => {
                strings = shared_strings(&r, max_cells.saturating_mul(4) as usize)?;
                budget.add(strings.iter().map(|s| s + STRING).sum())?;
            }
            // XF, EXTERNSHEET, FORMAT: small tables, a few bytes per record byte.
            0x00E0 | 0x0017 | 0x041E => budget.add(16 + 2 * r.data.len() as u64)?,
            0x000A => break,
            _ => {}
        }
    }
    for (index, &pos) in sheets.iter().enumerate() {
        let sheet = stream.get(pos..).ok_or_else(|| {
            corrupt(format!(
                "第 {} 个工作表的起始位置（{pos}）超出数据流末尾（{}）",
                index + 1,
                stream.len()
            ))
        })?;
        let mut s = SheetScan {
            limits,
            index,
            cells: Extent::default(),
            formulas: Extent::default(),
        };
        let mut reserved: u64 = 0;
        let mut formula_at = (0u32, 0u32);
        let mut seen_bof = false;
        let mut depth = 0usize;
        for record in (Records { stream: sheet }) {
            let r = record?;
            let d = r.data;
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let at = |i: usize| u16_at(d, i).unwrap_or(0) as u32;
            match r.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 => {
                    let (rows, cols) = dimensions(d)?;
                    let cells = rows as u64 * cols as u64;
                    if cells > max_cells {
                        return Err(ReadError::TooLarge(format!(
                            "第 {} 个工作表声明的使用范围为 {rows} 行 × {cols} 列，超出 {} 行 × {} 列的处理上限；如有大片带格式的空白区域，请删除后重新保存",
                            index + 1,
                            limits.max_rows,
                            limits.max_cols
                        )));
                    }
                    reserved = reserved.max(s.cells.count + cells);
                }
                // NUMBER, BOOLERR, RK
                0x0203 | 0x0205 | 0x027E => {
                    let need = match r.typ {
                        0x0203 => 14,
                        0x0205 => 8,
                        _ => 10,
                    };
                    if d.len() < need {
                        return Err(short("单元格"));
                    }
                    s.cell(at(0), at(2), 0)?;
                }
                // LABEL, RSTRING: the string reserves the count it claims.
                0x0204 | 0x00D6 => {
                    if d.len() < 6 {
                        return Err(short("LABEL"));
                    }
                    s.cell(at(0), at(2), 4 * at(6) as u64)?;
                }
                // STRING: the text of the formula before it.
                0x0207 => s.cell(formula_at.0, formula_at.1, 4 * at(0) as u64)?,
                // LABELSST clones its shared string.
                0x00FD => {
                    if d.len() < 10 {
                        return Err(short("LABELSST"));
                    }
                    let i = u32_at(d, 6).unwrap_or(0) as usize;
                    if let Some(size) = strings.get(i) {
                        s.cell(at(0), at(2), *size)?;
                    }
                }
                0x00BD => {
                    if d.len() < 6 {
                        return Err(short("MULRK"));
                    }
                    let (first, last) = (at(2) as u16, at(d.len() - 2) as u16);
                    let n = last.wrapping_sub(first).wrapping_add(1) as usize;
                    if d.len() != 6 + 6 * n {
                        return Err(short("MULRK"));
                    }
                    for k in 0..n as u32 {
                        s.cell(at(0), first as u32 + k, 0)?;
                    }
                }
                // MERGEDCELLS: calamine reads the count, then 8 bytes per
                // range, without checking the record is that long.
                0x00E5 => {
                    let count = u16_at(d, 0).ok_or_else(|| short("MERGEDCELLS"))? as usize;
                    if d.len() < 2 + 8 * count {
                        return Err(short("MERGEDCELLS"));
                    }
                    budget.add(2 * d.len() as u64)?
                }
                0x000A => break,
                0x0006 => {
                    // calamine slices the formula's `cce` bytes of tokens unchecked.
                    if d.len() < 22 || at(20) as usize > d.len() - 22 {
                        return Err(short("FORMULA"));
                    }
                    formula_tokens(&d[22..22 + at(20) as usize], biff8)?;
                    formula_at = (at(0), at(2));
                    s.cell(at(0), at(2), 0)?;
                    // Tokens of at least 3 bytes, each at most a name and an
                    // operator or a number long.
                    let tokens = (at(20) as u64).min((d.len() as u64).saturating_sub(22));
                    let text = tokens * (name_bytes + 32) / 3 + 16;
                    s.formulas.add(at(0), at(2), text);
                }
                _ => {}
            }
            if s.cells.count + s.formulas.count > max_cells.saturating_mul(4) {
                return Err(ReadError::TooLarge(format!(
                    "第 {} 个工作表的单元格记录超过 {} 条",
                    index + 1,
                    max_cells.saturating_mul(4)
                )));
            }
        }
        // The cell vector (at least what DIMENSIONS reserved), the dense grid
        // and its clone, the cells' strings twice, and the formula grid.
        budget.add(
            reserved.max(s.cells.count) * CELL
                + 2 * s.cells.area() * DATA
                + 2 * s.cells.heap
                + s.formulas.count * CELL
                + s.formulas.area() * STRING
                + s.formulas.heap,
        )?;
    }
    Ok(scan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    fn dims8(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut d = rf.to_le_bytes().to_vec();
        d.extend(rl.to_le_bytes());
        d.extend(cf.to_le_bytes());
        d.extend(cl.to_le_bytes());
        d.extend([0, 0]);
        record(0x0200, &d)
    }

    /// Globals with one BOUNDSHEET pointing just after the globals' EOF, then `sheet`.
    fn workbook(sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 0x05, 0, 0, 0, 0, 0]);
        let eof = record(0x000A, &[]);
        let sheet_pos = bof.len() + 4 + 9 + eof.len();
        let mut bs = (sheet_pos as u32).to_le_bytes().to_vec();
        bs.extend([0, 0, 1, 0, b'S']);
        let mut s = [bof.clone(), record(0x0085, &bs), eof.clone()].concat();
        assert_eq!(s.len(), sheet_pos);
        s.extend(record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0]));
        for r in sheet {
            s.extend(r);
        }
        s.extend(eof);
        s
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0x0F, 0]);
        d.extend(1.0f64.to_le_bytes());
        record(0x0203, &d)
    }

    #[test]
    fn dimensions_as_calamine_computes_them() {
        assert_eq!(dimensions(&dims8(0, 10, 0, 7)[4..]).unwrap(), (10, 7));
        assert_eq!(dimensions(&dims8(0, 0, 0, 0)[4..]).unwrap(), (1, 1));
        // An empty range below row 1: calamine's row count overflows (fuzz
        // target xls, tests/fuzz-regressions/xls/dimensions-empty-range.xls).
        assert!(dimensions(&dims8(5, 5, 0, 4)[4..]).is_err());
        // colMic beyond 0xFF is taken as 0.
        assert_eq!(dimensions(&dims8(0, 2, 300, 4)[4..]).unwrap(), (2, 4));
        assert!(matches!(
            dimensions(&dims8(5, 1, 0, 4)[4..]),
            Err(ReadError::Corrupt { .. })
        ));
        assert!(dimensions(&[0; 12]).is_err());
    }

    /// A FORMULA record at A1 with these tokens (`cce` as given).
    fn formula(cce: u16, tokens: &[u8]) -> Vec<u8> {
        let mut d = vec![0u8; 20];
        d.extend(cce.to_le_bytes());
        d.extend(tokens);
        record(0x0006, &d)
    }

    #[test]
    fn formula_tokens_are_walked_as_calamine_reads_them() {
        let scan_of = |tokens: &[u8]| {
            let s = workbook(&[
                dims8(0, 2, 0, 2),
                number(1, 1),
                formula(tokens.len() as u16, tokens),
            ]);
            scan(&s, &Limits::default())
        };
        // =B2+1, ="ab"&"c" (one narrow, one wide string), =SUM(B2:B2),
        // an IF's tAttrChoose jump table.
        scan_of(&[0x24, 1, 0, 1, 0xC0, 0x1E, 1, 0, 0x03]).unwrap();
        scan_of(&[0x17, 2, 0, b'a', b'b', 0x17, 1, 1, b'c', 0, 0x08]).unwrap();
        scan_of(&[0x25, 1, 0, 1, 0, 1, 0xC0, 1, 0xC0, 0x41, 4, 0]).unwrap();
        scan_of(&[0x19, 0x04, 1, 0, 4, 0, 8, 0, 0x1E, 1, 0]).unwrap();
        // Cut inside a token: calamine would slice past the end and panic.
        for cut in [
            &[0x24, 1, 0][..],               // PtgRef needs 4 bytes
            &[0x17, 5, 0, b'a'],             // PtgStr of 5 narrow characters
            &[0x17, 2, 1, b'a', 0, b'b'],    // 2 wide characters need 4 bytes
            &[0x19, 0x04, 9, 0, 4, 0],       // a jump table of 10 entries
            &[0x1F, 0, 0, 0],                // PtgNum needs 8 bytes
            &[0x22, 2],                      // PtgFuncVar needs 3
            &[0x1E, 1, 0, 0x3b, 0, 0, 0, 0], // PtgArea3d needs 10
        ] {
            assert!(
                matches!(scan_of(cut), Err(ReadError::Corrupt { .. })),
                "{cut:?}"
            );
        }
        // A name index 0 (calamine subtracts 1 from it unchecked).
        assert!(scan_of(&[0x23, 0, 0, 0, 0]).is_err());
        // An unknown token ends calamine's walk with an error, not a panic.
        scan_of(&[0x1E, 1, 0, 0xFF, 1]).unwrap();
    }

    #[test]
    fn a_small_sheet_passes() {
        let s = workbook(&[dims8(0, 2, 0, 2), number(0, 0), number(1, 1)]);
        scan(&s, &Limits::default()).unwrap();
    }

    #[test]
    fn lying_dimensions_are_refused() {
        let limits = Limits::default();
        let huge = workbook(&[dims8(0, 0x7FFF_FFFF, 0, 4), number(0, 0)]);
        assert!(matches!(scan(&huge, &limits), Err(ReadError::TooLarge(_))));
        let wrap = workbook(&[dims8(5, 1, 0, 4)]);
        assert!(matches!(
            scan(&wrap, &limits),
            Err(ReadError::Corrupt { .. })
        ));
    }

    #[test]
    fn far_cells_are_refused_only_where_calamine_reads() {
        let limits = Limits::default();
        let far = workbook(&[number(0, 0), number(60_000, 200)]);
        assert!(matches!(scan(&far, &limits), Err(ReadError::TooLarge(_))));
        // The same records after the sheet's EOF are never read by calamine.
        let mut after = workbook(&[number(0, 0)]);
        after.extend(number(60_000, 200));
        scan(&after, &limits).unwrap();
        // Inside an embedded chart substream they are skipped too.
        let chart = workbook(&[
            record(0x0809, &[0, 6, 0x20, 0, 0, 0, 0, 0]),
            number(60_000, 200),
            record(0x000A, &[]),
        ]);
        scan(&chart, &limits).unwrap();
    }

    #[test]
    fn sheet_offsets_and_records_past_the_end_are_corrupt() {
        let limits = Limits::default();
        let mut s = workbook(&[]);
        // Point the BOUNDSHEET past the stream.
        let at = 12 + 4;
        s[at..at + 4].copy_from_slice(&10_000u32.to_le_bytes());
        assert!(matches!(scan(&s, &limits), Err(ReadError::Corrupt { .. })));
        let mut t = workbook(&[number(0, 0)]);
        let n = t.len();
        t.truncate(n - 6);
        assert!(matches!(scan(&t, &limits), Err(ReadError::Corrupt { .. })));
    }

    #[test]
    fn many_continue_records_are_refused() {
        let mut s = workbook(&[]);
        let mut sst = record(0x00FC, &[0; 8]);
        for _ in 0..=MAX_CONTINUES {
            sst.extend(record(0x003C, &[]));
        }
        s.splice(12..12, sst);
        assert!(scan(&s, &Limits::default()).is_err());
    }

    #[test]
    fn sheets_sharing_one_offset_count_once_each() {
        // Many BOUNDSHEET records at one far-reaching sheet: each builds its own grid.
        let one = workbook(&[number(0, 0), number(9_999, 127)]);
        scan(&one, &Limits::default()).unwrap();
        let bs_at = 12;
        let bs = one[bs_at..bs_at + 13].to_vec();
        let mut many = one[..bs_at].to_vec();
        for _ in 0..50 {
            many.extend(&bs);
        }
        let shift = (49 * 13) as u32;
        let pos = u32::from_le_bytes(one[bs_at + 4..bs_at + 8].try_into().unwrap()) + shift;
        for k in 0..50 {
            let at = bs_at + k * 13 + 4;
            many[at..at + 4].copy_from_slice(&pos.to_le_bytes());
        }
        many.extend(&one[bs_at + 13..]);
        assert!(matches!(
            scan(&many, &Limits::default()),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn labels_claiming_long_strings_are_counted() {
        let mut label = 0u16.to_le_bytes().to_vec();
        label.extend([0, 0, 0x0F, 0]);
        label.extend(u16::MAX.to_le_bytes());
        label.push(0);
        let cells: Vec<Vec<u8>> = (0..2_000u16)
            .map(|r| {
                let mut d = label.clone();
                d[0..2].copy_from_slice(&r.to_le_bytes());
                record(0x0204, &d)
            })
            .collect();
        assert!(matches!(
            scan(&workbook(&cells), &Limits::default()),
            Err(ReadError::TooLarge(_))
        ));
    }
}
