//! Stream filters: Flate (with PNG/TIFF predictors), LZW, ASCIIHex, ASCII85, RunLength.
//! Every decoder takes an output limit, so a decompression bomb stops at the limit.

use crate::error::PdfError;
use crate::object::{hexval, is_white, Dict, Obj};

/// Decode `data` through `filters` (names) with their parameters, producing at most `limit` bytes.
pub(crate) fn decode(
    data: &[u8],
    filters: &[(Vec<u8>, Option<Dict>)],
    limit: usize,
) -> Result<Vec<u8>, PdfError> {
    let mut cur: Vec<u8> = data.to_vec();
    for (name, parms) in filters {
        cur = match name.as_slice() {
            b"FlateDecode" | b"Fl" => predict(flate(&cur, limit)?, parms.as_ref(), limit)?,
            b"LZWDecode" | b"LZW" => {
                let early = parms
                    .as_ref()
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Obj::as_i64)
                    .unwrap_or(1);
                predict(lzw(&cur, early != 0, limit)?, parms.as_ref(), limit)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&cur),
            b"ASCII85Decode" | b"A85" => ascii85(&cur),
            b"RunLengthDecode" | b"RL" => run_length(&cur, limit)?,
            b"Crypt" => cur,
            other => {
                return Err(PdfError::corrupt(format!(
                    "unsupported stream filter {}",
                    String::from_utf8_lossy(other)
                )))
            }
        };
        if cur.len() > limit {
            return Err(PdfError::too_large("decompressed stream over the limit"));
        }
    }
    Ok(cur)
}

fn flate(data: &[u8], limit: usize) -> Result<Vec<u8>, PdfError> {
    use miniz_oxide::inflate::{
        decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit, TINFLStatus,
    };
    let attempt = if data.first().map(|b| b & 0x0f) == Some(8) {
        decompress_to_vec_zlib_with_limit(data, limit)
    } else {
        decompress_to_vec_with_limit(data, limit)
    };
    match attempt {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => {
            Err(PdfError::too_large("decompressed stream over the limit"))
        }
        // A truncated or slightly damaged stream: keep what was decoded, as viewers do.
        Err(e) if !e.output.is_empty() => Ok(e.output),
        Err(_) => {
            // Some writers emit raw deflate without the zlib header.
            match decompress_to_vec_with_limit(data, limit) {
                Ok(v) => Ok(v),
                Err(e) if !e.output.is_empty() => Ok(e.output),
                Err(_) => Err(PdfError::corrupt(
                    "a compressed stream cannot be decompressed",
                )),
            }
        }
    }
}

fn predict(data: Vec<u8>, parms: Option<&Dict>, limit: usize) -> Result<Vec<u8>, PdfError> {
    let Some(p) = parms else { return Ok(data) };
    let get = |k: &[u8], d: i64| p.get(k).and_then(Obj::as_i64).unwrap_or(d);
    let predictor = get(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = get(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = get(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = get(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row_len = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        // TIFF predictor, 8-bit components only.
        let mut out = data;
        if bpc == 8 {
            for row in out.chunks_mut(row_len.max(1)) {
                for i in bpp..row.len() {
                    let left = row.get(i - bpp).copied().unwrap_or(0);
                    if let Some(b) = row.get_mut(i) {
                        *b = b.wrapping_add(left);
                    }
                }
            }
        }
        return Ok(out);
    }
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let Some((&ty, raw)) = chunk.split_first() else {
            break;
        };
        let mut row = raw.to_vec();
        row.resize(row_len, 0);
        for i in 0..row_len {
            let a = if i >= bpp {
                row.get(i - bpp).copied().unwrap_or(0)
            } else {
                0
            };
            let b = prev.get(i).copied().unwrap_or(0);
            let c = if i >= bpp {
                prev.get(i - bpp).copied().unwrap_or(0)
            } else {
                0
            };
            let x = row.get(i).copied().unwrap_or(0);
            let v = match ty {
                1 => x.wrapping_add(a),
                2 => x.wrapping_add(b),
                3 => x.wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    let pred = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    x.wrapping_add(pred)
                }
                _ => x,
            };
            if let Some(r) = row.get_mut(i) {
                *r = v;
            }
        }
        out.extend_from_slice(&row);
        if out.len() > limit {
            return Err(PdfError::too_large("decompressed stream over the limit"));
        }
        prev = row;
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut half: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        if let Some(v) = hexval(c) {
            match half.take() {
                Some(h) => out.push(h << 4 | v),
                None => half = Some(v),
            }
        }
    }
    if let Some(h) = half {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group: Vec<u32> = Vec::with_capacity(5);
    let mut body = data;
    if body.starts_with(b"<~") {
        body = body.get(2..).unwrap_or(&[]);
    }
    for &c in body {
        if c == b'~' {
            break;
        }
        if is_white(c) {
            continue;
        }
        if c == b'z' && group.is_empty() {
            out.extend_from_slice(&[0, 0, 0, 0]);
            continue;
        }
        if !(b'!'..=b'u').contains(&c) {
            continue;
        }
        group.push(u32::from(c - b'!'));
        if group.len() == 5 {
            let v = group
                .iter()
                .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
            out.extend_from_slice(&v.to_be_bytes());
            group.clear();
        }
    }
    if group.len() > 1 {
        let n = group.len();
        while group.len() < 5 {
            group.push(84);
        }
        let v = group
            .iter()
            .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(v.to_be_bytes().get(..n - 1).unwrap_or(&[]));
    }
    out
}

fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&len) = data.get(i) {
        i += 1;
        if len == 128 {
            break;
        }
        if len < 128 {
            let n = usize::from(len) + 1;
            out.extend_from_slice(data.get(i..(i + n).min(data.len())).unwrap_or(&[]));
            i += n;
        } else {
            let n = 257 - usize::from(len);
            let b = data.get(i).copied().unwrap_or(0);
            out.extend(std::iter::repeat_n(b, n));
            i += 1;
        }
        if out.len() > limit {
            return Err(PdfError::too_large("decompressed stream over the limit"));
        }
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut dict: Vec<Vec<u8>> = Vec::new();
    let reset = |dict: &mut Vec<Vec<u8>>| {
        dict.clear();
        for i in 0..256u16 {
            dict.push(vec![i as u8]);
        }
        dict.push(Vec::new());
        dict.push(Vec::new());
    };
    reset(&mut dict);
    let mut width = 9u32;
    let mut bitbuf = 0u32;
    let mut nbits = 0u32;
    let mut prev: Option<Vec<u8>> = None;
    let mut bytes = data.iter();
    loop {
        while nbits < width {
            let Some(&b) = bytes.next() else {
                return Ok(out);
            };
            bitbuf = (bitbuf << 8) | u32::from(b);
            nbits += 8;
        }
        let code = ((bitbuf >> (nbits - width)) & ((1 << width) - 1)) as usize;
        nbits -= width;
        if code == 256 {
            reset(&mut dict);
            width = 9;
            prev = None;
            continue;
        }
        if code == 257 {
            break;
        }
        let entry = if let Some(e) = dict.get(code) {
            e.clone()
        } else if code == dict.len() {
            let Some(p) = prev.clone() else { break };
            let mut e = p.clone();
            e.push(p.first().copied().unwrap_or(0));
            e
        } else {
            break;
        };
        out.extend_from_slice(&entry);
        if out.len() > limit {
            return Err(PdfError::too_large("decompressed stream over the limit"));
        }
        if let Some(mut p) = prev.take() {
            if dict.len() < 4096 {
                p.push(entry.first().copied().unwrap_or(0));
                dict.push(p);
            }
        }
        prev = Some(entry);
        let n = dict.len() + usize::from(early);
        width = if n >= 2048 {
            12
        } else if n >= 1024 {
            11
        } else if n >= 512 {
            10
        } else {
            9
        };
    }
    Ok(out)
}
