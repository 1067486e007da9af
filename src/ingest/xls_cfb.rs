//! The Workbook stream of an .xls, fetched exactly as calamine 0.38 fetches it
//! (`calamine/src/cfb.rs`, MIT), but with every chain bounded.
//!
//! calamine reads the compound file with its own small parser: it takes the
//! first directory entry named `Workbook` (then `Book`) in directory order,
//! reachable from the root or not, and follows FAT chains until the length the
//! entry claims. A chain that loops grows without end, and a DIFAT listing the
//! same FAT sector millions of times builds a FAT of gigabytes. This mirror
//! follows the same steps on the same bytes, so the BIFF pre-scan sees the very
//! bytes calamine will parse, and stops where calamine would run away. Where
//! calamine would fail or panic, the mirror returns `corrupt_file`.

use super::ReadError;

const XLS: &str = "Excel 97-2003 (.xls)";
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

fn corrupt(detail: &str) -> ReadError {
    ReadError::corrupt(XLS, detail)
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// calamine's `to_u32`, which asserts a whole number of words.
fn words(b: &[u8]) -> Result<impl Iterator<Item = u32> + '_, ReadError> {
    if !b.len().is_multiple_of(4) {
        return Err(corrupt("复合文档扇区长度异常"));
    }
    Ok(b.chunks_exact(4).map(|c| u32_at(c, 0)))
}

/// The file as calamine's reader sees it: one cursor shared by the sector
/// tables (calamine passes the same reader to both).
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn read(&mut self, into: &mut [u8]) -> usize {
        let n = into.len().min(self.bytes.len() - self.pos);
        into[..n].copy_from_slice(&self.bytes[self.pos..self.pos + n]);
        self.pos += n;
        n
    }
}

/// calamine's `Sectors`: a growing copy of the file read in order.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn get(&mut self, id: u32, r: &mut Reader) -> Result<&[u8], ReadError> {
        if self.maxid < id {
            return Err(corrupt("复合文档扇区编号超出文件末尾"));
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = r.read(&mut self.data[len..end]);
                if read == 0 {
                    // calamine slices `data[start..len]` here, which panics
                    // when the sector starts beyond what could be read.
                    return self
                        .data
                        .get(start..len)
                        .ok_or_else(|| corrupt("复合文档扇区超出文件末尾"));
                }
                len += read;
            }
        }
        Ok(&self.data[start..end])
    }

    /// calamine's `get_chain`, stopped once it outgrows `cap` (only a chain
    /// that loops can: without a loop it holds each sector of the file once).
    fn chain(
        &mut self,
        mut id: u32,
        fats: &[u32],
        r: &mut Reader,
        len: usize,
        cap: usize,
    ) -> Result<Vec<u8>, ReadError> {
        let mut chain = Vec::new();
        while id != ENDOFCHAIN {
            let sector = self.get(id, r)?;
            let to_copy = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..to_copy]);
            if chain.len() >= len {
                break;
            }
            if chain.len() > cap {
                return Err(corrupt("复合文档的扇区链首尾相接（循环），无法读取"));
            }
            id = *fats
                .get(id as usize)
                .ok_or_else(|| corrupt("复合文档扇区链指向不存在的扇区"))?;
        }
        Ok(chain)
    }
}

struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// The bytes calamine's `Xls::new` will parse as the workbook stream.
pub fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let file_len = bytes.len();
    // No honest chain holds more than every sector of the file once.
    let cap = file_len.saturating_add(2 * 4096);
    let mut r = Reader { bytes, pos: 0 };
    let mut header = [0u8; 512];
    if r.read(&mut header) < 512 || !header.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(corrupt("不是有效的复合文档（文件头不符）"));
    }
    let version = u16_at(&header, 26);
    let (size, small) = match u16_at(&header, 30) {
        0x0009 => (512usize, true),
        0x000C => {
            let mut rest = [0u8; 4096 - 512];
            if r.read(&mut rest) < rest.len() {
                return Err(corrupt("复合文档文件头不完整"));
            }
            (4096, false)
        }
        _ => return Err(corrupt("复合文档扇区大小无效")),
    };
    if u16_at(&header, 32) != 0x0006 {
        return Err(corrupt("复合文档小扇区大小无效"));
    }
    let dir_start = u32_at(&header, 48);
    let mini_fat_start = u32_at(&header, 60);
    let mini_fat_len = u32_at(&header, 64) as usize;
    let mut id = u32_at(&header, 68);
    let mut difat: Vec<u32> = words(&header[76..512])?.collect();

    let maxid = file_len / size;
    let mut sectors = Sectors {
        data: Vec::new(),
        size,
        maxid: maxid as u32,
    };
    let mut difat_sectors = 0usize;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > maxid.saturating_add(1) {
            return Err(corrupt("复合文档 DIFAT 链过长"));
        }
        difat.extend(words(sectors.get(id, &mut r)?)?);
        id = difat
            .pop()
            .ok_or_else(|| corrupt("复合文档 DIFAT 链异常"))?;
    }
    let mut fats = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fats.extend(words(sectors.get(id, &mut r)?)?);
        // Each FAT sector listed once covers the file once; more is a lie.
        if fats.len().saturating_mul(4) > cap {
            return Err(corrupt("复合文档的 FAT 表大于文件本身"));
        }
    }
    let dirs = sectors.chain(dir_start, &fats, &mut r, usize::MAX, cap)?;
    let dirs: Vec<Entry> = dirs
        .chunks(128)
        .filter(|c| c.len() == 128)
        .map(|c| {
            let mut name = encoding_rs::UTF_16LE.decode(&c[..64]).0.into_owned();
            if let Some(l) = name.as_bytes().iter().position(|b| *b == 0) {
                name.truncate(l);
            }
            let len = if small {
                u32_at(c, 120) as u64
            } else {
                u64::from_le_bytes(c[120..128].try_into().expect("8 bytes"))
            };
            Entry {
                name,
                start: u32_at(c, 116),
                len: usize::try_from(len).unwrap_or(usize::MAX),
            }
        })
        .collect();
    if dirs.is_empty() || (version != 3 && dirs[0].start == ENDOFCHAIN) {
        return Err(corrupt("复合文档没有根目录"));
    }
    let (mini_fats, ministream) = if mini_fat_len > 0 {
        let ministream = sectors.chain(dirs[0].start, &fats, &mut r, dirs[0].len, cap)?;
        let minifat = sectors.chain(
            mini_fat_start,
            &fats,
            &mut r,
            mini_fat_len.saturating_mul(size),
            cap,
        )?;
        (words(&minifat)?.collect::<Vec<u32>>(), ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut minis = Sectors {
        data: ministream,
        size: 64,
        maxid: (maxid * 8) as u32,
    };
    let mut stream = |name: &str| -> Option<Result<Vec<u8>, ReadError>> {
        let d = dirs
            .iter()
            .find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))?;
        Some(if d.len < 4096 {
            minis.chain(d.start, &mini_fats, &mut r, d.len, cap)
        } else {
            sectors.chain(d.start, &fats, &mut r, d.len, cap)
        })
    };
    match stream("Workbook") {
        Some(Ok(s)) => Ok(s),
        _ => stream("Book").unwrap_or_else(|| Err(corrupt("找不到 Workbook 数据流"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn via_cfb_crate(bytes: &[u8]) -> Vec<u8> {
        let mut c = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
        let mut v = Vec::new();
        c.open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut v)
            .unwrap();
        v
    }

    #[test]
    fn the_mirror_reads_the_stream_the_cfb_crate_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for e in walkdir::WalkDir::new(root.join("inbox"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("tests/fixtures/legacy")))
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "xls"))
        {
            let bytes = std::fs::read(e.path()).unwrap();
            assert_eq!(workbook_stream(&bytes).unwrap(), via_cfb_crate(&bytes));
            n += 1;
        }
        assert!(n >= 2);
    }

    #[test]
    fn a_looping_chain_is_refused() {
        // A 512-byte-sector file: header, FAT sector 0, directory sector 1,
        // the Workbook stream in sectors 2 → 3 → 2 → … with a 1 GB length.
        let mut f = vec![0u8; 512 * 5];
        f[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        f[26..28].copy_from_slice(&3u16.to_le_bytes());
        f[30..32].copy_from_slice(&9u16.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        f[44..48].copy_from_slice(&1u32.to_le_bytes());
        f[48..52].copy_from_slice(&1u32.to_le_bytes());
        f[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        f[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            f[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        let fat = 512;
        for (i, v) in [0xFFFF_FFFDu32, ENDOFCHAIN, 3, 2].iter().enumerate() {
            f[fat + 4 * i..fat + 4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        let dir = 1024;
        let entry = |f: &mut Vec<u8>, at: usize, name: &str, start: u32, len: u32| {
            for (i, u) in name.encode_utf16().enumerate() {
                f[at + 2 * i..at + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            f[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
            f[at + 120..at + 124].copy_from_slice(&len.to_le_bytes());
        };
        entry(&mut f, dir, "Root Entry", ENDOFCHAIN, 0);
        entry(&mut f, dir + 128, "Workbook", 2, 1 << 30);
        assert!(matches!(
            workbook_stream(&f),
            Err(ReadError::Corrupt { .. })
        ));
    }
}
