//! OLE compound files (.xls) checked before calamine opens them.
//!
//! calamine 0.38's `cfb.rs` trusts the file: a sector id past the end of the data makes
//! `Sectors::get` slice `start..len` with `len < start`, a chain through a sector with no FAT
//! entry indexes past the FAT, a looping directory chain never ends, a short FAT sector trips
//! `to_u32`'s assertion, and a small stream read with no mini stream reads past its end. The
//! workspace builds with `panic = "abort"`, so nothing can catch those: this module walks the
//! same structures the way calamine does (header, DIFAT chain, FAT, directory chain, the root
//! entry's mini stream and the mini FAT, then the `Workbook` or `Book` stream calamine reads)
//! and refuses the file unless every sector it will touch lies inside the file, every chain
//! ends, and every stream's size fits its chain. Then [`crate::biffguard`] checks the
//! Workbook stream's records. Where a harmless record would make calamine over-allocate (a
//! DIMENSIONS record claiming millions of cells), the bytes handed to calamine get that
//! record's type cleared instead: calamine only uses it to reserve memory.

use encoding_rs::UTF_16LE;

use crate::biffguard::{self, Bad};
use crate::error::{Limit, SheetError};

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Ids at or above this are markers, not sectors (calamine stops its DIFAT walk there).
const RESERVED: u32 = 0xFFFF_FFFA;
/// DIFAT entries below this are loaded as FAT sectors by calamine.
const DIFSECT: u32 = 0xFFFF_FFFC;
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// calamine reads streams under this size from the mini stream.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

/// The bytes to hand calamine, and the Workbook stream it will read.
pub(crate) struct Checked {
    /// A copy of the file with some records' types cleared (see the module documentation),
    /// or `None`: the file as it is.
    pub(crate) patched: Option<Vec<u8>>,
    /// The Workbook stream as calamine will read it (the patches applied), for
    /// [`crate::xlsformats`].
    pub(crate) stream: Vec<u8>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(s.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(s.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(s.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| c.try_into().map(u32::from_le_bytes).unwrap_or(0))
}

/// One directory entry, as calamine reads it.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// A stream: its bytes and, for each byte run, where it sits in the file.
struct Stream {
    bytes: Vec<u8>,
    /// (offset in the file, length) of each run, in stream order.
    runs: Vec<(usize, usize)>,
}

impl Stream {
    /// The file offset of the stream's byte `at`.
    fn file_offset(&self, mut at: usize) -> Option<usize> {
        for (off, len) in &self.runs {
            if at < *len {
                return off.checked_add(at);
            }
            at -= len;
        }
        None
    }
}

struct Cfb<'a> {
    bytes: &'a [u8],
    /// Sector size, which is also the header's size as calamine reads it.
    size: usize,
    /// Whole sectors in the file after the header.
    sectors: usize,
    fats: Vec<u32>,
}

impl Cfb<'_> {
    /// The file offset of sector `id`.
    fn offset(&self, id: u32) -> Option<usize> {
        (id as usize).checked_add(1)?.checked_mul(self.size)
    }

    /// A whole sector, or why not.
    fn sector(&self, id: u32, what: &str) -> Result<&[u8], String> {
        let start = self.offset(id);
        start
            .and_then(|s| self.bytes.get(s..s.checked_add(self.size)?))
            .ok_or_else(|| format!("{what} sector {id} lies past the end of the file"))
    }

    /// Follows a chain through the FAT the way calamine's `get_chain` does, reading `len`
    /// bytes: every sector must start inside the file and hold the bytes taken from it
    /// (`whole`: all of it), each sector but the last needs a FAT entry, the chain may not
    /// loop, and it must hold `len` bytes (`usize::MAX`: read to the end of the chain).
    fn chain(&self, start: u32, len: usize, whole: bool, what: &str) -> Result<Stream, String> {
        let mut out = Stream {
            bytes: Vec::new(),
            runs: Vec::new(),
        };
        let mut id = start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > self.sectors {
                return Err(format!("the {what} chain loops"));
            }
            let take = if whole {
                self.size
            } else {
                self.size.min(len - out.bytes.len())
            };
            let off = self.offset(id);
            let data = off
                .and_then(|o| self.bytes.get(o..o.checked_add(take)?))
                .ok_or_else(|| format!("{what} sector {id} lies past the end of the file"))?;
            let keep = data.len().min(len - out.bytes.len());
            out.bytes
                .extend_from_slice(data.get(..keep).unwrap_or_default());
            if let Some(o) = off {
                out.runs.push((o, keep));
            }
            if out.bytes.len() >= len {
                return Ok(out);
            }
            id = *self
                .fats
                .get(id as usize)
                .ok_or_else(|| format!("{what} sector {id} has no FAT entry"))?;
        }
        if len != usize::MAX && out.bytes.len() < len {
            return Err(format!(
                "the {what} stream claims {len} bytes but its chain holds {}",
                out.bytes.len()
            ));
        }
        Ok(out)
    }
}

/// Follows a small stream's chain through the mini FAT inside the mini stream.
fn mini_chain(
    mini: &Stream,
    minifat: &[u32],
    start: u32,
    len: usize,
    what: &str,
) -> Result<Stream, String> {
    let mut out = Stream {
        bytes: Vec::new(),
        runs: Vec::new(),
    };
    let mut id = start;
    let mut steps = 0usize;
    let most = mini.bytes.len() / MINI_SECTOR + 1;
    while id != ENDOFCHAIN {
        steps += 1;
        if steps > most {
            return Err(format!("the {what} chain loops"));
        }
        let take = MINI_SECTOR.min(len - out.bytes.len());
        let at = (id as usize).checked_mul(MINI_SECTOR);
        let data = at
            .and_then(|a| mini.bytes.get(a..a.checked_add(take)?))
            .ok_or_else(|| {
                format!("{what} mini sector {id} lies past the end of the mini stream")
            })?;
        out.bytes.extend_from_slice(data);
        if let Some(a) = at {
            if take > 0 {
                let off = mini
                    .file_offset(a)
                    .ok_or_else(|| format!("{what} mini sector {id} lies outside the file"))?;
                out.runs.push((off, take));
            }
        }
        if out.bytes.len() >= len {
            return Ok(out);
        }
        id = *minifat
            .get(id as usize)
            .ok_or_else(|| format!("{what} mini sector {id} has no mini FAT entry"))?;
    }
    if out.bytes.len() < len {
        return Err(format!(
            "the {what} stream claims {len} bytes but its chain holds {}",
            out.bytes.len()
        ));
    }
    Ok(out)
}

/// The Workbook stream calamine would read, after checking everything calamine reads on
/// the way to it.
fn workbook_stream(bytes: &[u8]) -> Result<Stream, String> {
    let header = bytes
        .get(..512)
        .ok_or_else(|| format!("{} bytes is too short for an OLE file", bytes.len()))?;
    if header.get(..8) != Some(&SIGNATURE[..]) {
        return Err("no OLE signature".to_string());
    }
    let size: usize = match u16_at(header, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        s => {
            return Err(format!(
                "sector shift {} is neither 9 nor 12",
                s.unwrap_or(0)
            ))
        }
    };
    if u16_at(header, 32) != Some(6) {
        return Err("mini sector shift is not 6".to_string());
    }
    let field = |at: usize| u32_at(header, at).unwrap_or(0);
    let (dir_start, mini_cutoff, minifat_start, minifat_len, difat_start) =
        (field(48), field(56), field(60), field(64), field(68));
    if mini_cutoff as usize != MINI_CUTOFF {
        return Err(format!("mini stream cutoff is {mini_cutoff}, not 4096"));
    }
    if bytes.len() < size {
        return Err(format!(
            "{} bytes is too short for 4096-byte sectors",
            bytes.len()
        ));
    }
    let sectors = (bytes.len() - size) / size;
    let mut cfb = Cfb {
        bytes,
        size,
        sectors,
        fats: Vec::new(),
    };

    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors whose last entry
    // is the next one's id.
    let mut difat: Vec<u32> = u32s(header.get(76..512).unwrap_or_default()).collect();
    let mut id = difat_start;
    let mut steps = 0usize;
    while id < RESERVED {
        steps += 1;
        if steps > sectors {
            return Err("the DIFAT chain loops".to_string());
        }
        difat.extend(u32s(cfb.sector(id, "DIFAT")?));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }

    // The FAT: every DIFAT entry below DIFSECT is loaded as a FAT sector.
    let fat_ids: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_ids.len() > sectors {
        return Err(format!(
            "{} FAT sectors in a file of {sectors} sectors",
            fat_ids.len()
        ));
    }
    let mut fats = Vec::with_capacity(fat_ids.len() * (size / 4));
    for id in fat_ids {
        fats.extend(u32s(cfb.sector(id, "FAT")?));
    }
    cfb.fats = fats;

    // The directory: its whole chain, in 128-byte entries.
    let dir = cfb.chain(dir_start, usize::MAX, true, "directory")?;
    let mut entries = Vec::new();
    for e in dir.bytes.chunks_exact(128) {
        let mut name = UTF_16LE
            .decode(e.get(..64).unwrap_or_default())
            .0
            .into_owned();
        if let Some(l) = name.as_bytes().iter().position(|b| *b == 0) {
            name.truncate(l);
        }
        let start = u32_at(e, 116).unwrap_or(0);
        let len = if size == 512 {
            u32_at(e, 120).unwrap_or(0) as usize
        } else {
            let len = u64_at(e, 120).unwrap_or(0);
            // calamine unwraps this into a usize: keep it in 32 bits for wasm32.
            u32::try_from(len)
                .map_err(|_| format!("directory entry “{name}” claims {len} bytes"))?
                as usize
        };
        entries.push(Entry { name, start, len });
    }
    let root = entries
        .first()
        .ok_or_else(|| "the directory is empty".to_string())?;

    // The mini stream (the root entry's stream) and the mini FAT, loaded when the header
    // says there is a mini FAT.
    let (mini, minifat) = if minifat_len > 0 {
        let mini = cfb.chain(root.start, root.len, false, "mini")?;
        if minifat_len as usize > sectors {
            return Err(format!(
                "{minifat_len} mini FAT sectors in a file of {sectors} sectors"
            ));
        }
        let minifat = cfb.chain(minifat_start, minifat_len as usize * size, true, "mini FAT")?;
        (mini, u32s(&minifat.bytes).collect::<Vec<_>>())
    } else {
        (
            Stream {
                bytes: Vec::new(),
                runs: Vec::new(),
            },
            Vec::new(),
        )
    };

    // calamine reads "Workbook", or "Book" when that fails: the first entry of that name.
    let find = |want: &str| {
        entries
            .iter()
            .find(|e| e.name.as_bytes().eq_ignore_ascii_case(want.as_bytes()))
    };
    let entry = find("Workbook")
        .or_else(|| find("Book"))
        .ok_or_else(|| "no Workbook stream".to_string())?;
    if entry.len < MINI_CUTOFF {
        mini_chain(&mini, &minifat, entry.start, entry.len, "Workbook")
    } else {
        cfb.chain(entry.start, entry.len, false, "Workbook")
    }
}

/// Checks an OLE file before calamine opens it as an .xls; see the module documentation.
pub(crate) fn check(bytes: &[u8], file: &str) -> Result<Checked, SheetError> {
    let corrupt = |reason: String| SheetError::Corrupt {
        file: file.to_string(),
        sheet: None,
        reason,
    };
    let stream = workbook_stream(bytes).map_err(corrupt)?;
    let mut scanned = stream.bytes.clone();
    let mut patched: Option<Vec<u8>> = None;
    // Clearing a record's type can change how other records read (a record may overlap
    // another in a damaged file), so the stream is scanned again after each round.
    for _ in 0..4 {
        let patches = biffguard::scan(&scanned).map_err(|bad| match bad {
            Bad::Corrupt(reason) => corrupt(reason),
            Bad::TooLarge(what, limit) => SheetError::TooLarge {
                file: file.to_string(),
                sheet: None,
                cell: None,
                what,
                limit,
            },
        })?;
        if patches.is_empty() {
            return Ok(Checked {
                patched,
                stream: scanned,
            });
        }
        let copy = patched.get_or_insert_with(|| bytes.to_vec());
        for at in patches {
            for k in [at, at + 1] {
                if let Some(b) = scanned.get_mut(k) {
                    *b = 0;
                }
                if let Some(b) = stream.file_offset(k).and_then(|o| copy.get_mut(o)) {
                    *b = 0;
                }
            }
        }
    }
    Err(SheetError::TooLarge {
        file: file.to_string(),
        sheet: None,
        cell: None,
        what: Limit::Cells,
        limit: crate::limits::MAX_CELLS,
    })
}
