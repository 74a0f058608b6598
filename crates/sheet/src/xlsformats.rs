//! The number formats of an .xls, which calamine reads only to tell dates from numbers.
//!
//! The Workbook stream (already checked by [`crate::biffguard`]) is walked the way calamine's
//! `Xls::parse_workbook` walks it: the globals up to their EOF record give the FORMAT
//! records (ifmt → code) and the XF records in order (each one's ifmt); then each sheet,
//! from its BoundSheet8 offset up to its EOF (embedded substreams skipped), gives the XF index
//! of each number cell (NUMBER, RK, MULRK, and FORMULA with a cached number), a later record
//! for the same cell replacing an earlier one as in calamine's `Range::from_sparse`. Every
//! read is bounds-checked: a truncated FORMAT record, an XF index past the XF table or an
//! unknown format id leaves the cell under General.

use std::collections::HashMap;

use crate::biffguard::{byte, is_biff8, u16_at, u32_at, Records};
use crate::numfmt;

/// The format each number cell of an .xls shows under.
#[derive(Debug, Default)]
pub(crate) struct XlsFormats {
    /// The FORMAT records: ifmt → code (`None`: a record too short for its string).
    codes: HashMap<u16, Option<String>>,
    /// The XF records in order: each one's ifmt (`None`: a record too short to hold it).
    xfs: Vec<Option<u16>>,
    /// Per BoundSheet8, in order: each number cell's (row, column) → its XF index.
    sheets: Vec<HashMap<(u32, u32), u16>>,
}

impl XlsFormats {
    /// The format code of the number cell at absolute (`row`, `col`) of the `sheet`-th sheet
    /// (in BoundSheet8 order, as calamine's `sheet_names`); `None` (General) when not known.
    pub(crate) fn code(&self, sheet: usize, row: u32, col: u32) -> Option<&str> {
        let ixfe = *self.sheets.get(sheet)?.get(&(row, col))?;
        let ifmt = (*self.xfs.get(usize::from(ixfe))?)?;
        match self.codes.get(&ifmt) {
            Some(code) => code.as_deref(),
            None => numfmt::builtin(ifmt),
        }
    }
}

/// Reads the number formats of a Workbook stream; what cannot be read is left out.
pub(crate) fn read(stream: &[u8]) -> XlsFormats {
    let mut out = XlsFormats::default();
    let mut biff8 = true;
    let mut positions = Vec::new();
    let mut records = Records::new(stream);
    while let Some(Ok(r)) = records.next_rec() {
        let d = r.data;
        match r.typ {
            // BOF
            0x0809 => {
                if let Some(version) = u16_at(d, 0) {
                    biff8 = is_biff8(version, u16_at(d, 2).unwrap_or(0));
                }
            }
            // Format
            0x041E => {
                if let Some(ifmt) = u16_at(d, 0) {
                    let code = format_code(d.get(2..).unwrap_or_default(), biff8);
                    out.codes.insert(ifmt, code);
                }
            }
            // XF
            0x00E0 => out.xfs.push(u16_at(d, 2)),
            // BoundSheet8 (a short one: calamine refuses the workbook)
            0x0085 => positions.push(u32_at(d, 0).map(|p| p as usize)),
            // EOF
            0x000A => break,
            _ => (),
        }
    }
    out.sheets = positions
        .into_iter()
        .map(|pos| {
            pos.and_then(|p| stream.get(p..))
                .map(sheet_cells)
                .unwrap_or_default()
        })
        .collect();
    out
}

/// A FORMAT record's string after its ifmt: BIFF8's XLUnicodeString (cch u16, flags with
/// fHighByte in bit 0, then 1- or 2-byte characters), or BIFF5's byte string (cch u8) read
/// only when it is ASCII (its code page is not decoded here).
fn format_code(d: &[u8], biff8: bool) -> Option<String> {
    if !biff8 {
        let cch = usize::from(byte(d, 0)?);
        let bytes = d.get(1..1 + cch)?;
        return bytes
            .is_ascii()
            .then(|| bytes.iter().map(|b| char::from(*b)).collect());
    }
    let cch = usize::from(u16_at(d, 0)?);
    let flags = byte(d, 2)?;
    let chars = d.get(3..)?;
    if flags & 1 != 0 {
        let bytes = chars.get(..cch.checked_mul(2)?)?;
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        // Compressed UTF-16: each byte is a code point below 256.
        Some(chars.get(..cch)?.iter().map(|b| char::from(*b)).collect())
    }
}

/// The XF index of each number cell of the sheet whose substream starts `sh`.
fn sheet_cells(sh: &[u8]) -> HashMap<(u32, u32), u16> {
    let mut cells = HashMap::new();
    let mut records = Records::new(sh);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let at = |d: &[u8], k: usize| u16_at(d, k).map(u32::from);
    while let Some(Ok(r)) = records.next_rec() {
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => (),
            }
            continue;
        }
        let d = r.data;
        match r.typ {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
            }
            0x000A => break,
            // Number (rw, col, ixfe, f64), Rk (rw, col, ixfe, rk)
            0x0203 | 0x027E => {
                let least = if r.typ == 0x0203 { 14 } else { 10 };
                if let (true, Some(row), Some(col), Some(ixfe)) =
                    (d.len() >= least, at(d, 0), at(d, 2), u16_at(d, 4))
                {
                    cells.insert((row, col), ixfe);
                }
            }
            // MulRk: rw, colFirst, (ixfe, rk) per column, colLast
            0x00BD => {
                let (Some(row), Some(first), Some(last)) = (
                    at(d, 0),
                    at(d, 2),
                    d.len().checked_sub(2).and_then(|k| at(d, k)),
                ) else {
                    continue;
                };
                let n = last.checked_sub(first).map(|n| n as usize + 1);
                if d.len() < 6 || n.and_then(|n| n.checked_mul(6)) != Some(d.len() - 6) {
                    continue;
                }
                let pairs = d.get(4..d.len() - 2).unwrap_or_default();
                for (col, pair) in (first..).zip(pairs.chunks_exact(6)) {
                    if let Some(ixfe) = u16_at(pair, 0) {
                        cells.insert((row, col), ixfe);
                    }
                }
            }
            // Formula (rw, col, ixfe, a cached value: a number unless it ends FF FF)
            0x0006 if d.len() >= 20 => {
                let number = d.get(12..14) != Some(&[0xFF, 0xFF][..]);
                if let (true, Some(row), Some(col), Some(ixfe)) =
                    (number, at(d, 0), at(d, 2), u16_at(d, 4))
                {
                    cells.insert((row, col), ixfe);
                }
            }
            _ => (),
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend_from_slice(&(data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    fn format(ifmt: u16, code: &str) -> Vec<u8> {
        let mut d = ifmt.to_le_bytes().to_vec();
        let units: Vec<u16> = code.encode_utf16().collect();
        d.extend_from_slice(&(units.len() as u16).to_le_bytes());
        d.push(1);
        d.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        rec(0x041E, &d)
    }

    fn xf(ifmt: u16) -> Vec<u8> {
        let mut d = vec![0, 0];
        d.extend_from_slice(&ifmt.to_le_bytes());
        d.extend_from_slice(&[0; 16]);
        rec(0x00E0, &d)
    }

    /// A stream: globals (the given records, one BoundSheet8), then one sheet.
    fn stream(globals: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = rec(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let mut g: Vec<u8> = bof.clone();
        for r in globals {
            g.extend_from_slice(r);
        }
        // BoundSheet8: the sheet's offset, visible, a worksheet, named "S".
        let name = [0, 0, 1, 0, b'S'];
        let eof = rec(0x000A, &[]);
        let pos = (g.len() + 4 + 4 + name.len() + eof.len()) as u32;
        let mut bs = pos.to_le_bytes().to_vec();
        bs.extend_from_slice(&name);
        g.extend(rec(0x0085, &bs));
        g.extend_from_slice(&eof);
        g.extend(bof);
        for r in sheet {
            g.extend_from_slice(r);
        }
        g.extend(eof);
        g
    }

    fn number(row: u16, col: u16, ixfe: u16, x: f64) -> Vec<u8> {
        let mut d = Vec::new();
        for v in [row, col, ixfe] {
            d.extend_from_slice(&v.to_le_bytes());
        }
        d.extend_from_slice(&x.to_le_bytes());
        rec(0x0203, &d)
    }

    #[test]
    fn formats_xfs_and_cells() {
        let mut mulrk = Vec::new();
        for v in [5u16, 2] {
            mulrk.extend_from_slice(&v.to_le_bytes());
        }
        for ixfe in [1u16, 2, 3] {
            mulrk.extend_from_slice(&ixfe.to_le_bytes());
            mulrk.extend_from_slice(&[0; 4]);
        }
        mulrk.extend_from_slice(&4u16.to_le_bytes());
        let s = stream(
            &[format(164, "0.0\"万元\""), xf(0), xf(3), xf(164), xf(200)],
            &[
                number(0, 0, 1, 1.0),
                rec(0x00BD, &mulrk),
                number(9, 9, 99, 1.0),
            ],
        );
        let f = read(&s);
        assert_eq!(f.code(0, 0, 0), Some("#,##0"));
        assert_eq!(f.code(0, 5, 2), Some("#,##0"));
        assert_eq!(f.code(0, 5, 3), Some("0.0\"万元\""));
        // An id with no FORMAT record and no built-in code, an XF index past the table, a
        // cell with no record, a sheet that is not there: General.
        assert_eq!(f.code(0, 5, 4), None);
        assert_eq!(f.code(0, 9, 9), None);
        assert_eq!(f.code(0, 1, 1), None);
        assert_eq!(f.code(1, 0, 0), None);
    }

    #[test]
    fn malformed_records_are_general() {
        // A FORMAT whose string runs past its record, an XF too short for its ifmt.
        let mut cut = format(164, "#,##0.000");
        cut.truncate(cut.len() - 4);
        let cut_len = (cut.len() - 4) as u16;
        cut.splice(2..4, cut_len.to_le_bytes());
        let s = stream(
            &[cut, xf(164), rec(0x00E0, &[0, 0, 3])],
            &[number(0, 0, 0, 1.0), number(0, 1, 1, 1.0)],
        );
        let f = read(&s);
        assert_eq!(f.code(0, 0, 0), None);
        assert_eq!(f.code(0, 0, 1), None);
        // Streams cut anywhere read without a panic.
        let whole = stream(&[format(164, "0.00"), xf(164)], &[number(0, 0, 0, 1.0)]);
        for k in 0..whole.len() {
            let _ = read(whole.get(..k).unwrap_or_default());
        }
        assert_eq!(read(&whole).code(0, 0, 0), Some("0.00"));
    }

    #[test]
    fn compressed_and_biff5_strings() {
        assert_eq!(
            format_code(&[2, 0, 0, b'0', b'%'], true).as_deref(),
            Some("0%")
        );
        assert_eq!(format_code(&[2, b'0', b'%'], false).as_deref(), Some("0%"));
        assert_eq!(format_code(&[2, 0xCD, 0xF2], false), None);
        assert_eq!(format_code(&[3, 0, 0, b'0'], true), None);
    }
}
