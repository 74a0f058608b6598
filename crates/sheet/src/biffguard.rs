//! The Workbook stream of an .xls checked record by record before calamine parses it.
//!
//! calamine 0.38's `xls.rs` reads record fields with `read_u16(&data[k..])` and slices without
//! looking at the record's length, subtracts lengths that may be larger (`data.len() - cce`),
//! adds one to a row that may be 65535, and follows a BoundSheet8 offset without checking it
//! (`&stream[pos..]`); a formula's tokens are read the same way. This module walks the stream
//! exactly as `Xls::parse_workbook` does (the globals up to their EOF record, then each sheet
//! from its BoundSheet8 offset), stops where calamine would return an error (that is no
//! panic), and reports every place where calamine would panic instead. It also bounds what
//! calamine would allocate: each sheet's cells become a full rectangle
//! (`Range::from_sparse`), and a formula's text is rebuilt by `split_off` and `insert`, which
//! a hostile formula can make quadratic.

use crate::error::Limit;
use crate::limits;

/// Why the stream is refused.
#[derive(Debug)]
pub(crate) enum Bad {
    /// A record calamine would panic on (English, short).
    Corrupt(String),
    /// Past a limit.
    TooLarge(Limit, u64),
}

type Scan<T> = Result<T, Bad>;

/// How many arguments each fixed-argument function of the BIFF8 function table takes, as
/// calamine 0.38's `FTAB_ARGC` (src/utils.rs, MIT) gives them: [MS-XLS] 2.5.198.17.
#[rustfmt::skip]
const FTAB_ARGC: [u8; 485] = [
    255, 3, 1, 1, 255, 255, 255, 255, 1, 1, 0, 254, 255, 2, 3, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1,
    1, 2, 3, 4, 2, 3, 1, 1, 0, 0, 255, 255, 1, 2, 3, 3, 3, 3, 3, 3, 255, 3, 2, 4, 4, 4, 4, 1,
    1, 1, 5, 5, 5, 5, 6, 3, 2, 0, 3, 3, 3, 1, 1, 1, 2, 1, 1, 1, 0, 1, 1, 1, 5, 2, 2, 3, 3, 1,
    2, 0, 1, 1, 2, 0, 1, 2, 2, 2, 0, 0, 1, 2, 1, 1, 255, 4, 4, 2, 7, 1, 1, 2, 2, 2, 4, 1, 1, 1,
    1, 2, 2, 2, 1, 4, 4, 1, 3, 1, 3, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 2, 2, 2, 1, 1, 3, 4,
    5, 3, 2, 2, 2, 255, 255, 1, 4, 5, 5, 5, 5, 1, 3, 4, 3, 1, 1, 1, 1, 1, 2, 6, 6, 255, 2, 4,
    1, 0, 0, 2, 2, 3, 2, 1, 1, 1, 4, 255, 1, 2, 1, 2, 2, 3, 1, 3, 4, 255, 255, 3, 3, 2, 1, 3,
    1, 1, 0, 0, 2, 3, 3, 4, 2, 2, 3, 3, 2, 2, 1, 1, 3, 0, 0, 5, 3, 0, 7, 0, 1, 0, 3, 255, 255,
    1, 1, 1, 1, 1, 1, 3, 11, 1, 0, 2, 3, 5, 4, 4, 1, 0, 5, 5, 1, 0, 0, 1, 2, 2, 1, 255, 1, 1,
    2, 3, 3, 1, 1, 1, 2, 3, 3, 3, 2, 255, 5, 1, 5, 4, 2, 2, 2, 3, 3, 1, 3, 3, 3, 1, 1, 2, 4, 3,
    2, 4, 3, 3, 3, 4, 1, 3, 1, 3, 1, 2, 3, 3, 4, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 4, 4,
    255, 255, 255, 255, 255, 255, 3, 2, 2, 2, 2, 3, 255, 2, 2, 4, 4, 3, 255, 2, 9, 2, 3, 4, 1,
    1, 255, 3, 2, 1, 2, 1, 4, 3, 1, 2, 2, 4, 5, 2, 128, 2, 1, 255, 255, 255, 255, 255, 255,
    255, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 255, 255, 3, 3, 4, 2, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2,
    2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 255, 255, 4, 1, 1, 2, 2, 2, 1, 1, 2, 2,
    1, 2, 2, 2, 2, 3, 3, 6, 6, 5, 5, 5, 5, 5, 3, 3, 3, 7, 7, 2, 2, 2, 2, 6, 6, 2, 2, 3, 4, 4,
    4, 4, 4, 4, 6, 6, 8, 8, 8, 8, 2, 2, 7, 7, 8, 8, 5, 3, 3, 255, 255, 255, 2, 4, 5, 1, 2, 128,
    129, 3, 129
];

/// The longest function name in calamine's function table, in bytes.
const FTAB_NAME: usize = 18;
/// The most bytes calamine may move rebuilding formula texts, over the whole workbook.
const FORMULA_MOVES: u64 = 1 << 28;
/// The longest formula text calamine may build (an upper bound of it), in bytes.
const FORMULA_TEXT: usize = 1 << 20;
/// The most CONTINUE records an SST may have (a 32 MiB one needs about 4,000).
const SST_CONTINUES: usize = 16_384;
/// A DIMENSIONS record claiming more cells than this has its type cleared: calamine would
/// reserve memory for all of them, and uses the record for nothing else.
const DIMENSIONS_CELLS: u64 = 1 << 20;

fn corrupt(reason: impl Into<String>) -> Bad {
    Bad::Corrupt(reason.into())
}

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(s.try_into().ok()?))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(s.try_into().ok()?))
}

pub(crate) fn byte(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

/// One record, as calamine's `RecordIter` gives it: the CONTINUE records after it attached.
pub(crate) struct Rec<'a> {
    /// The offset of its header in the stream.
    at: usize,
    pub(crate) typ: u16,
    pub(crate) data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// calamine's `RecordIter`.
pub(crate) struct Records<'a> {
    stream: &'a [u8],
    /// The offset of `stream` in the Workbook stream.
    at: usize,
}

impl<'a> Records<'a> {
    /// The records of `stream` (a whole Workbook stream, or its tail from a sheet's offset).
    pub(crate) fn new(stream: &'a [u8]) -> Self {
        Records { stream, at: 0 }
    }

    /// `None` at the end, `Some(Err(()))` where calamine returns an error.
    pub(crate) fn next_rec(&mut self) -> Option<Result<Rec<'a>, ()>> {
        if self.stream.len() < 4 {
            return (!self.stream.is_empty()).then_some(Err(()));
        }
        let typ = u16_at(self.stream, 0)?;
        let len = usize::from(u16_at(self.stream, 2)?);
        let Some((rec, next)) = self.stream.split_at_checked(len + 4) else {
            return Some(Err(()));
        };
        let at = self.at;
        self.stream = next;
        self.at += len + 4;
        let data = rec.get(4..).unwrap_or_default();
        let mut cont = Vec::new();
        if next.len() > 4 && u16_at(next, 0) == Some(0x003C) {
            while self.stream.len() > 4 && u16_at(self.stream, 0) == Some(0x003C) {
                let len = usize::from(u16_at(self.stream, 2).unwrap_or(0));
                let Some((c, rest)) = self.stream.split_at_checked(len + 4) else {
                    return Some(Err(()));
                };
                cont.push(c.get(4..).unwrap_or_default());
                self.stream = rest;
                self.at += len + 4;
            }
        }
        Some(Ok(Rec {
            at,
            typ,
            data,
            cont,
        }))
    }
}

/// Whether a BOF record's version (and substream type `dt`) means BIFF8, as calamine's
/// `parse_bof` reads it.
pub(crate) fn is_biff8(version: u16, dt: u16) -> bool {
    match version {
        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
        0 => dt != 0x1000,
        _ => true,
    }
}

/// What the globals leave for the sheets.
struct Globals {
    /// Each BoundSheet8's offset, in order.
    sheets: Vec<usize>,
    biff8: bool,
    /// The strings of the (last) SST.
    sst: usize,
    /// Upper bounds, in bytes, of a sheet's name and a defined name as text.
    sheet_name: usize,
    name: usize,
}

/// An error code calamine knows (`parse_err`).
fn known_error(e: u8) -> bool {
    matches!(e, 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B)
}

fn need_u16(data: &[u8], what: &str) -> Scan<u16> {
    u16_at(data, 0).ok_or_else(|| corrupt(format!("a {what} record is too short")))
}

/// Scans the Workbook stream; the offsets of records whose type should be cleared.
pub(crate) fn scan(stream: &[u8]) -> Scan<Vec<usize>> {
    let mut patches = Vec::new();
    let Some(g) = globals(stream)? else {
        return Ok(patches);
    };
    let mut totals = Totals::default();
    for pos in &g.sheets {
        let sh = stream.get(*pos..).ok_or_else(|| {
            corrupt(format!(
                "a sheet starts at byte {pos}, past the end of the {}-byte Workbook stream",
                stream.len()
            ))
        })?;
        let go_on = sheet(sh, *pos, &g, &mut totals, &mut patches)?;
        if totals.scanned > stream.len().saturating_mul(2).saturating_add(1 << 16) {
            return Err(corrupt("the sheets read the same records over and over"));
        }
        if !go_on {
            break;
        }
    }
    Ok(patches)
}

/// The globals substream, as far as calamine reads it; `None` where calamine stops with an
/// error.
fn globals(stream: &[u8]) -> Scan<Option<Globals>> {
    let mut g = Globals {
        sheets: Vec::new(),
        biff8: true,
        sst: 0,
        sheet_name: 4,
        name: 5,
    };
    let mut records = Records { stream, at: 0 };
    while let Some(rec) = records.next_rec() {
        let Ok(r) = rec else { return Ok(None) };
        let d = r.data;
        match r.typ {
            // FilePass
            0x002F if need_u16(d, "FilePass")? != 0 => return Ok(None),
            // CodePage, DateMode
            0x0042 => {
                need_u16(d, "CodePage")?;
            }
            0x0022 => {
                need_u16(d, "DateMode")?;
            }
            // Format: calamine counts its brackets in a u8.
            0x041E => {
                let brackets = d.iter().skip(2).filter(|b| **b == b'[').count();
                if brackets >= 255 {
                    return Err(corrupt("a number format with hundreds of brackets"));
                }
            }
            // BoundSheet8
            0x0085 => {
                let (Some(pos), Some(hs), Some(dt)) = (u32_at(d, 0), byte(d, 4), byte(d, 5)) else {
                    return Err(corrupt("a BoundSheet8 record is too short"));
                };
                if hs & 0x3F > 2 || !matches!(dt, 0 | 1 | 2 | 6) {
                    return Ok(None);
                }
                let rest = d.get(6..).unwrap_or_default();
                if rest.is_empty() || rest.len() < 2 && g.biff8 {
                    return Ok(None);
                }
                let cch = usize::from(byte(rest, 0).unwrap_or(0));
                g.sheet_name = g.sheet_name.max(3 * cch);
                g.sheets.push(pos as usize);
                if g.sheets.len() > limits::MAX_SHEETS {
                    return Err(Bad::TooLarge(Limit::Sheets, limits::MAX_SHEETS as u64));
                }
            }
            // BOF
            0x0809 => {
                let version = need_u16(d, "BOF")?;
                g.biff8 = is_biff8(version, u16_at(d, 2).unwrap_or(0));
            }
            // Lbl
            0x0018 if !lbl(d, &mut g)? => return Ok(None),
            // ExternSheet
            0x0017 if g.biff8 => {
                need_u16(d, "ExternSheet")?;
            }
            // SST
            0x00FC => match sst(&r)? {
                Some(n) => g.sst = n,
                None => return Ok(None),
            },
            // EOF
            0x000A => break,
            _ => (),
        }
    }
    Ok(Some(g))
}

/// A defined name (`parse_lbl`, `parse_defined_names`); `false` where calamine stops.
fn lbl(d: &[u8], g: &mut Globals) -> Scan<bool> {
    let short = || corrupt("a Lbl (defined name) record is too short");
    let cch = usize::from(byte(d, 3).ok_or_else(short)?);
    let cce = usize::from(u16_at(d, 4).ok_or_else(short)?);
    let text = d.get(14..).ok_or_else(short)?;
    if g.biff8 {
        let Some(flags) = text.first() else {
            return Ok(false);
        };
        let consumed = 1 + if flags & 1 != 0 { 2 * cch } else { cch };
        if text.len() < consumed {
            return Ok(false);
        }
    }
    g.name = g.name.max(3 * cch);
    let start = d
        .len()
        .checked_sub(cce)
        .ok_or_else(|| corrupt("a defined name's formula is longer than its record"))?;
    let rgce = d.get(start..).unwrap_or_default();
    let need = match (byte(rgce, 0), g.biff8) {
        (None, _) => 0,
        (Some(0x3a | 0x5a | 0x7a), false) => 18,
        (Some(0x3a | 0x5a | 0x7a), true) => 7,
        (Some(0x3b | 0x5b | 0x7b), false) => 21,
        (Some(0x3b | 0x5b | 0x7b), true) => 11,
        (Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d), false) => 13,
        (Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d), true) => 3,
        (Some(_), _) => 0,
    };
    if rgce.len() < need {
        return Err(corrupt("a defined name's reference is cut short"));
    }
    Ok(true)
}

/// The shared strings (`parse_sst`, `read_rich_extended_string`, `read_dbcs`): how many
/// strings, or `None` where calamine stops.
fn sst(r: &Rec<'_>) -> Scan<Option<usize>> {
    // calamine takes each CONTINUE off the front of a Vec: quadratic in their number.
    if r.cont.len() > SST_CONTINUES {
        return Err(corrupt(format!(
            "the shared strings run over {} CONTINUE records",
            r.cont.len()
        )));
    }
    let mut cont = r.cont.iter();
    let Some(mut data) = r.data.get(8..) else {
        return Ok(None);
    };
    let mut n = 0usize;
    loop {
        if data.is_empty() {
            match cont.next() {
                Some(c) => data = c,
                None => break,
            }
        }
        n += 1;
        if data.is_empty() {
            continue;
        }
        let (Some(cch), Some(flags)) = (u16_at(data, 0), byte(data, 2)) else {
            return Ok(None);
        };
        data = data.get(3..).unwrap_or_default();
        let mut high = flags & 1 != 0;
        let mut runs = 0usize;
        let mut ext = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(
                u16_at(data, 0)
                    .ok_or_else(|| corrupt("a shared string's run count is cut short"))?,
            );
            data = data.get(2..).unwrap_or_default();
        }
        if flags & 0x4 != 0 {
            let v = u32_at(data, 0)
                .ok_or_else(|| corrupt("a shared string's extension size is cut short"))?;
            // calamine casts the i32 to usize: a negative one is past any stream.
            ext = if (v as i32) < 0 {
                usize::MAX
            } else {
                v as usize
            };
            data = data.get(4..).unwrap_or_default();
        }
        let mut len = usize::from(cch);
        while len > 0 {
            let l = if high {
                (data.len() / 2).min(len)
            } else {
                data.len().min(len)
            };
            data = data.get(if high { 2 * l } else { l }..).unwrap_or_default();
            len -= l;
            if len > 0 {
                let Some(c) = cont.next() else {
                    return Ok(None);
                };
                let flag = byte(c, 0)
                    .ok_or_else(|| corrupt("an empty CONTINUE record inside a shared string"))?;
                high = flag & 1 != 0;
                data = c.get(1..).unwrap_or_default();
            }
        }
        for mut skip in [runs * 4, ext] {
            while skip > 0 {
                if data.is_empty() {
                    match cont.next() {
                        Some(c) => data = c,
                        None => return Ok(None),
                    }
                }
                let l = skip.min(data.len());
                data = data.get(l..).unwrap_or_default();
                skip -= l;
            }
        }
    }
    Ok(Some(n))
}

/// Running totals over the sheets.
#[derive(Default)]
struct Totals {
    /// Cells calamine collects (values and formulas).
    pushes: u64,
    /// The rectangles calamine allocates for them.
    area: u64,
    /// Bytes moved rebuilding formula texts.
    moved: u64,
    /// Stream bytes read by the sheets.
    scanned: usize,
}

/// The bounding box of a sheet's cells.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }
    fn area(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1)
        })
    }
}

/// `parse_string`: whether calamine reads it (else it stops).
fn string_ok(d: &[u8], biff8: bool) -> bool {
    let expected = if biff8 { 3 } else { 2 };
    d.len() >= expected || d.len() == 2 && u16_at(d, 0) == Some(0)
}

/// One sheet's substream from `pos`; `false` where calamine stops with an error.
fn sheet(
    sh: &[u8],
    pos: usize,
    g: &Globals,
    totals: &mut Totals,
    patches: &mut Vec<usize>,
) -> Scan<bool> {
    let mut records = Records {
        stream: sh,
        at: pos,
    };
    let mut values = Bounds::default();
    let mut formulas = Bounds::default();
    let mut fmla_pos = (0u32, 0u32);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut cells = 0u64;
    let mut merges = 0u64;
    let mut go_on = true;
    while let Some(rec) = records.next_rec() {
        let Ok(r) = rec else {
            go_on = false;
            break;
        };
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => (),
            }
            continue;
        }
        let d = r.data;
        let cell = |k: usize| {
            (
                u32::from(u16_at(d, k).unwrap_or(0)),
                u32::from(u16_at(d, k + 2).unwrap_or(0)),
            )
        };
        let ok = match r.typ {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
                true
            }
            0x0200 => match dimensions(d) {
                None => false,
                Some(area) => {
                    if area.is_none_or(|a| a > DIMENSIONS_CELLS) {
                        patches.push(r.at);
                    }
                    true
                }
            },
            // Number, Rk, LabelSst
            0x0203 | 0x027E | 0x00FD => {
                let least = match r.typ {
                    0x0203 => 14,
                    _ => 10,
                };
                let ok = d.len() >= least;
                let listed = r.typ != 0x00FD || u32_at(d, 6).is_some_and(|i| (i as usize) < g.sst);
                if ok && listed {
                    let (row, col) = cell(0);
                    values.add(row, col);
                    cells += 1;
                }
                ok
            }
            // Label, RString
            0x0204 | 0x00D6 => {
                let ok = d.len() >= 6 && string_ok(d.get(6..).unwrap_or_default(), g.biff8);
                if ok {
                    let (row, col) = cell(0);
                    values.add(row, col);
                    cells += 1;
                }
                ok
            }
            // BoolErr
            0x0205 => {
                let ok = match (byte(d, 6), byte(d, 7)) {
                    (Some(_), Some(0)) => true,
                    (Some(e), Some(1)) => known_error(e),
                    _ => false,
                };
                if ok {
                    let (row, col) = cell(0);
                    values.add(row, col);
                    cells += 1;
                }
                ok
            }
            // String (a formula's text value)
            0x0207 => {
                let ok = string_ok(d, g.biff8);
                if ok {
                    values.add(fmla_pos.0, fmla_pos.1);
                    cells += 1;
                }
                ok
            }
            // MulRk
            0x00BD => {
                if d.len() < 6 {
                    false
                } else {
                    let row = u32::from(u16_at(d, 0).unwrap_or(0));
                    let first = u16_at(d, 2).unwrap_or(0);
                    let last = u16_at(d, d.len() - 2).unwrap_or(0);
                    let n = last
                        .checked_sub(first)
                        .and_then(|n| n.checked_add(1))
                        .ok_or_else(|| {
                            corrupt("a MulRk record's last column is before its first")
                        })?;
                    let ok = d.len() == 6 + 6 * usize::from(n);
                    if ok {
                        values.add(row, u32::from(first));
                        values.add(row, u32::from(last));
                        cells += u64::from(n);
                    }
                    ok
                }
            }
            // MergeCells
            0x00E5 => {
                let count = usize::from(need_u16(d, "MergeCells")?);
                if d.len() < 2 + 8 * count {
                    return Err(corrupt(
                        "a MergeCells record lists more areas than it holds",
                    ));
                }
                merges += count as u64;
                true
            }
            0x000A => break,
            // Formula
            0x0006 => {
                if d.len() < 20 {
                    false
                } else {
                    fmla_pos = cell(0);
                    let v = d.get(6..14).unwrap_or_default();
                    let value = if v.ends_with(&[0xFF, 0xFF]) {
                        match (byte(v, 0), byte(v, 2)) {
                            (Some(0), _) => Some(false),
                            (Some(1 | 3), _) => Some(true),
                            (Some(2), Some(e)) if known_error(e) => Some(true),
                            _ => None,
                        }
                    } else {
                        Some(true)
                    };
                    match value {
                        None => false,
                        Some(has_value) => {
                            if has_value {
                                values.add(fmla_pos.0, fmla_pos.1);
                                cells += 1;
                            }
                            formula(d.get(20..).unwrap_or_default(), g, &mut totals.moved)?;
                            formulas.add(fmla_pos.0, fmla_pos.1);
                            cells += 1;
                            true
                        }
                    }
                }
            }
            _ => true,
        };
        if !ok {
            go_on = false;
            break;
        }
    }
    totals.scanned = totals.scanned.saturating_add(records.at - pos);
    totals.pushes = totals.pushes.saturating_add(cells);
    totals.area = totals
        .area
        .saturating_add(values.area())
        .saturating_add(formulas.area());
    if totals.pushes > 2 * limits::MAX_CELLS || totals.area > 2 * limits::MAX_CELLS {
        return Err(Bad::TooLarge(Limit::Cells, limits::MAX_CELLS));
    }
    // Merged areas are matched against every cell.
    if merges.saturating_mul(cells) > 200_000_000 {
        return Err(Bad::TooLarge(Limit::Cells, limits::MAX_CELLS));
    }
    Ok(go_on)
}

/// `parse_dimensions`: `None` where calamine stops; else the cells it reserves for, `None`
/// inside when that computation overflows.
fn dimensions(r: &[u8]) -> Option<Option<u64>> {
    let w = |k: usize| u32::from(u16_at(r, k).unwrap_or(0));
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (w(0), w(2), w(4), w(6)),
        14 | 16 => (
            u32_at(r, 0).unwrap_or(0),
            u32_at(r, 4).unwrap_or(0),
            w(8),
            w(10),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.checked_sub(start.0).and_then(|n| n.checked_add(1));
    let cols = end.1.checked_sub(start.1).and_then(|n| n.checked_add(1));
    Some(match (rows, cols) {
        (Some(r), Some(c)) => Some(u64::from(r) * u64::from(c)),
        _ => None,
    })
}

/// A formula's tokens (`parse_formula`): `Err` where calamine would panic; `Ok` where it
/// reads them all or stops with an error (which it turns into text).
fn formula(data: &[u8], g: &Globals, moved: &mut u64) -> Scan<()> {
    let cce = usize::from(
        u16_at(data, 0).ok_or_else(|| corrupt("a FORMULA record without its formula"))?,
    );
    let mut rgce = data
        .get(2..2 + cce)
        .ok_or_else(|| corrupt("a formula longer than its record"))?;
    let biff8 = g.biff8;
    let sheet = g.sheet_name;
    // Where each operand starts in the text, and the text's length: upper bounds.
    let mut stack: Vec<usize> = Vec::new();
    let mut len = 0usize;
    let mut cost = 0u64;
    while let Some((&ptg, rest)) = rgce.split_first() {
        rgce = rest;
        let cut = || {
            corrupt(format!(
                "a formula token 0x{ptg:02X} runs past the formula's end"
            ))
        };
        // The bytes the token takes (each read lies inside them), and what it adds to the
        // text.
        let (take, grow) = match ptg {
            0x3a | 0x5a | 0x7a => {
                if rgce.len() >= 6 && u16_at(rgce, 2) == Some(0xFFFF) {
                    return Err(corrupt("a formula refers to row 65536 of another sheet"));
                }
                stack.push(len);
                (6, sheet + 12)
            }
            0x3b | 0x5b | 0x7b => {
                stack.push(len);
                (10, sheet + 26)
            }
            0x3c | 0x5c | 0x7c => {
                stack.push(len);
                (6, sheet + 6)
            }
            0x3d | 0x5d | 0x7d => {
                stack.push(len);
                (10, sheet + 6)
            }
            0x01 => {
                if rgce.len() < 4 {
                    return Ok(());
                }
                stack.push(len);
                (4, 0)
            }
            0x03..=0x11 => {
                let Some(e) = stack.pop() else { return Ok(()) };
                cost += (len - e) as u64;
                (0, 2)
            }
            0x12 | 0x13 | 0x15 => {
                let Some(e) = stack.last() else { return Ok(()) };
                cost += (len - e) as u64;
                (0, 2)
            }
            0x14 => (0, 1),
            0x16 => {
                stack.push(len);
                (0, 0)
            }
            0x17 => {
                stack.push(len);
                let Some(cch) = byte(rgce, 0).map(usize::from) else {
                    return Ok(());
                };
                let take = if biff8 {
                    let Some(flags) = byte(rgce, 1) else {
                        return Ok(());
                    };
                    2 + if flags & 1 != 0 { 2 * cch } else { cch }
                } else {
                    1 + cch
                };
                if rgce.len() < take {
                    return Ok(());
                }
                (take, 2 + 3 * cch)
            }
            0x18 => (5, 0),
            0x19 => {
                let etpg = byte(rgce, 0).ok_or_else(cut)?;
                let rest = rgce.get(1..).unwrap_or_default();
                match etpg {
                    0x01 | 0x02 | 0x08 | 0x20 | 0x21 => (3, 0),
                    0x04 => {
                        let n = usize::from(u16_at(rest, 0).ok_or_else(cut)?) + 1;
                        (3 + 2 * n, 0)
                    }
                    0x10 => {
                        if rest.len() < 2 {
                            return Err(cut());
                        }
                        let Some(e) = stack.last() else { return Ok(()) };
                        cost += (len - e) as u64;
                        (3, 5)
                    }
                    0x40 | 0x41 => {
                        let Some(e) = stack.last() else { return Ok(()) };
                        let kind = byte(rest, 0).ok_or_else(cut)?;
                        if kind > 6 {
                            return Ok(());
                        }
                        let cch = usize::from(byte(rest, 1).ok_or_else(cut)?);
                        cost += (cch as u64).saturating_mul((len - e) as u64);
                        (3, cch)
                    }
                    _ => return Ok(()),
                }
            }
            0x1C => {
                stack.push(len);
                let e = byte(rgce, 0).ok_or_else(cut)?;
                if !known_error(e) {
                    return Ok(());
                }
                (1, 14)
            }
            0x1D => {
                stack.push(len);
                (1, 5)
            }
            0x1E => {
                stack.push(len);
                (2, 5)
            }
            0x1F => {
                stack.push(len);
                (8, 330)
            }
            0x20 | 0x40 | 0x60 => {
                stack.push(len);
                (7, 11)
            }
            0x21 | 0x22 | 0x41 | 0x42 | 0x61 | 0x62 => {
                let (take, argc) = if matches!(ptg, 0x22 | 0x42 | 0x62) {
                    let argc = byte(rgce, 0).ok_or_else(cut)?;
                    let iftab = u16_at(rgce, 1).ok_or_else(cut)?;
                    if usize::from(iftab) >= FTAB_ARGC.len() {
                        return Ok(());
                    }
                    (3, usize::from(argc))
                } else {
                    let iftab = u16_at(rgce, 0).ok_or_else(cut)?;
                    let Some(argc) = FTAB_ARGC.get(usize::from(iftab)) else {
                        return Ok(());
                    };
                    (2, usize::from(*argc))
                };
                if stack.len() < argc {
                    return Ok(());
                }
                if argc > 0 {
                    let start = stack.get(stack.len() - argc).copied().unwrap_or(0);
                    stack.truncate(stack.len() - argc);
                    cost += 2 * (len - start) as u64;
                    stack.push(start);
                } else {
                    stack.push(len);
                }
                (take, FTAB_NAME + 2 + argc)
            }
            0x23 | 0x43 | 0x63 => {
                if u32_at(rgce, 0) == Some(0) {
                    return Err(corrupt("a formula refers to defined name 0"));
                }
                stack.push(len);
                (4, g.name)
            }
            0x24 | 0x44 | 0x64 => {
                if biff8 && rgce.len() >= 4 && u16_at(rgce, 0) == Some(0xFFFF) {
                    return Err(corrupt("a formula refers to row 65536"));
                }
                stack.push(len);
                (if biff8 { 4 } else { 3 }, 12)
            }
            0x25 | 0x45 | 0x65 => {
                stack.push(len);
                (if biff8 { 8 } else { 6 }, 26)
            }
            0x2A | 0x4A | 0x6A => {
                stack.push(len);
                (if biff8 { 4 } else { 3 }, 5)
            }
            0x2B | 0x4B | 0x6B => {
                stack.push(len);
                (if biff8 { 8 } else { 6 }, 5)
            }
            0x39 | 0x59 => {
                stack.push(len);
                (6, 10)
            }
            _ => return Ok(()),
        };
        rgce = rgce.get(take..).ok_or_else(cut)?;
        len = len.saturating_add(grow);
        *moved = moved.saturating_add(cost);
        cost = 0;
        if len > FORMULA_TEXT || *moved > FORMULA_MOVES {
            return Err(corrupt("a formula too complex to read"));
        }
    }
    Ok(())
}
