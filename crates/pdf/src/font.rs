//! Fonts: code splitting, widths, ascent/descent and the mapping from codes to Unicode.

use std::collections::HashMap;

use crate::doc::Doc;
use crate::encoding::{glyph_name, win_ansi};
use crate::object::{Dict, Lexer, Obj, Tok};

/// Cap on mappings read from one CMap (ranges are expanded).
const MAX_CMAP_ENTRIES: usize = 200_000;

#[derive(Debug, Default)]
pub(crate) struct Font {
    /// Two-byte (or CMap-defined) codes for composite fonts.
    composite: bool,
    /// Code-space lengths by first byte for composite fonts with an embedded CMap (1..=4).
    code_len: Option<[u8; 256]>,
    /// Code → CID for composite fonts with an embedded CMap; identity otherwise.
    cid_map: HashMap<u32, u32>,
    /// Glyph widths (in 1/1000 text space) by code (simple) or CID (composite).
    widths: HashMap<u32, f64>,
    default_width: f64,
    to_unicode: HashMap<u32, String>,
    /// For simple fonts: the encoding's text by code.
    encoding: HashMap<u32, String>,
    /// The CMap name says the codes are UCS-2/UTF-16 (e.g. UniGB-UCS2-H).
    unicode_codes: bool,
    pub ascent: f64,
    pub descent: f64,
    /// Vertical writing mode (treated like horizontal, positions stay right).
    pub vertical: bool,
    /// Type 3 only: the factor poppler applies to the font size of Type 3 text (it guesses
    /// the glyph scale from the width of an "m", a letter, or any glyph).
    pub size_factor: f64,
    /// Type 3 only: glyph-space to text-space scale of widths (FontMatrix[0]).
    width_scale: f64,
}

/// One character code of a string.
pub(crate) struct Code {
    pub code: u32,
    pub nbytes: usize,
}

impl Font {
    pub fn load(doc: &Doc<'_>, d: &Dict) -> Font {
        let mut f = Font {
            default_width: 0.0,
            ascent: 0.95,
            descent: -0.35,
            size_factor: 1.0,
            width_scale: 0.001,
            ..Font::default()
        };
        let subtype = d.get(b"Subtype").and_then(Obj::as_name).unwrap_or(b"");
        if subtype == b"Type0" {
            f.composite = true;
            f.default_width = 1000.0;
            match d.get(b"Encoding").map(|e| doc.resolve(e)) {
                Some(Obj::Name(n)) => {
                    f.vertical = n.ends_with(b"-V");
                    f.unicode_codes = n.windows(4).any(|w| w == b"UCS2" || w == b"UTF1");
                }
                Some(Obj::Stream(s)) => {
                    if let Ok(data) = doc.decode_stream(&s) {
                        f.read_cid_cmap(&data);
                    }
                }
                _ => {}
            }
            let desc = d
                .get(b"DescendantFonts")
                .map(|x| doc.resolve(x))
                .and_then(|a| a.as_array().and_then(|a| a.first().cloned()))
                .and_then(|x| doc.resolve_dict(Some(&x)));
            if let Some(cf) = desc {
                if let Some(dw) = cf
                    .get(b"DW")
                    .map(|x| doc.resolve(x))
                    .and_then(|x| x.as_f64())
                {
                    f.default_width = dw;
                }
                if let Some(Obj::Array(w)) = cf.get(b"W").map(|x| doc.resolve(x)) {
                    f.read_w(doc, &w);
                }
                f.read_descriptor(doc, cf.get(b"FontDescriptor"));
            }
        } else {
            let first = d
                .get(b"FirstChar")
                .map(|x| doc.resolve(x))
                .and_then(|x| x.as_i64())
                .unwrap_or(0);
            if let Some(Obj::Array(w)) = d.get(b"Widths").map(|x| doc.resolve(x)) {
                for (i, x) in w.iter().enumerate().take(65536) {
                    if let Some(v) = doc.resolve(x).as_f64() {
                        if let Ok(code) = u32::try_from(first + i as i64) {
                            f.widths.insert(code, v);
                        }
                    }
                }
            }
            f.read_descriptor(doc, d.get(b"FontDescriptor"));
            if let Some(fd) = doc.resolve_dict(d.get(b"FontDescriptor")) {
                if let Some(mw) = fd
                    .get(b"MissingWidth")
                    .map(|x| doc.resolve(x))
                    .and_then(|x| x.as_f64())
                {
                    f.default_width = mw;
                }
            }
            if f.widths.is_empty() && f.default_width == 0.0 {
                let base = d.get(b"BaseFont").and_then(Obj::as_name).unwrap_or(b"");
                f.default_width = if base.starts_with(b"Courier") {
                    600.0
                } else {
                    500.0
                };
            }
            // encoding: WinAnsi as the base, then Differences
            for c in 0u32..256 {
                if let Some(ch) = win_ansi(c as u8) {
                    f.encoding.insert(c, ch.to_string());
                }
            }
            if let Some(Obj::Dict(enc)) = d.get(b"Encoding").map(|e| doc.resolve(e)) {
                if let Some(Obj::Array(diffs)) = enc.get(b"Differences").map(|x| doc.resolve(x)) {
                    let mut code: i64 = 0;
                    for x in &diffs {
                        match doc.resolve(x) {
                            Obj::Int(i) => code = i,
                            Obj::Name(n) => {
                                if let (Some(t), Ok(c)) = (glyph_name(&n), u32::try_from(code)) {
                                    f.encoding.insert(c, t);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        if subtype == b"Type3" {
            f.type3_metrics(doc, d);
        }
        if let Some(Obj::Stream(s)) = d.get(b"ToUnicode").map(|x| doc.resolve(x)) {
            if let Ok(data) = doc.decode_stream(&s) {
                f.read_to_unicode(&data);
            }
        }
        f
    }

    fn type3_metrics(&mut self, doc: &Doc<'_>, d: &Dict) {
        let fm: Vec<f64> = match d.get(b"FontMatrix").map(|x| doc.resolve(x)) {
            Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_f64).collect(),
            _ => Vec::new(),
        };
        let fm0 = fm.first().copied().unwrap_or(0.001);
        let fm3 = fm.get(3).copied().unwrap_or(0.001);
        self.width_scale = fm0;
        // glyph names by code, from /Differences
        let mut names: HashMap<u32, Vec<u8>> = HashMap::new();
        if let Some(Obj::Dict(enc)) = d.get(b"Encoding").map(|e| doc.resolve(e)) {
            if let Some(Obj::Array(diffs)) = enc.get(b"Differences").map(|x| doc.resolve(x)) {
                let mut code: i64 = 0;
                for x in &diffs {
                    match doc.resolve(x) {
                        Obj::Int(i) => code = i,
                        Obj::Name(n) => {
                            if let Ok(c) = u32::try_from(code) {
                                names.insert(c, n);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        let w = |c: u32| self.widths.get(&c).copied().unwrap_or(0.0) * fm0;
        let (mut m_code, mut letter, mut any) = (None, None, None);
        for code in 0u32..256 {
            let Some(n) = names.get(&code) else { continue };
            if n.as_slice() == b"m" {
                m_code = Some(code);
            }
            if letter.is_none() && n.len() == 1 && n.first().is_some_and(u8::is_ascii_alphabetic) {
                letter = Some(code);
            }
            if any.is_none() && w(code) > 0.0 {
                any = Some(code);
            }
        }
        let mut factor = 1.0;
        if let Some(c) = m_code.filter(|&c| w(c) > 0.0) {
            factor = w(c) / 0.6;
        } else if let Some(c) = letter.filter(|&c| w(c) > 0.0) {
            factor = w(c) / 0.5;
        } else if let Some(c) = any {
            factor = w(c) / 0.5;
        }
        if fm0 != 0.0 {
            factor *= (fm3 / fm0).abs();
        }
        if factor.is_finite() && factor > 0.0 {
            self.size_factor = factor;
        }
    }

    fn read_descriptor(&mut self, doc: &Doc<'_>, fd: Option<&Obj>) {
        let Some(fd) = doc.resolve_dict(fd) else {
            return;
        };
        if let Some(a) = fd
            .get(b"Ascent")
            .map(|x| doc.resolve(x))
            .and_then(|x| x.as_f64())
        {
            let t = (a * 0.001).abs();
            if t != 0.0 && t < 3.0 {
                self.ascent = t;
            }
        }
        if let Some(dsc) = fd
            .get(b"Descent")
            .map(|x| doc.resolve(x))
            .and_then(|x| x.as_f64())
        {
            let mut t = dsc * 0.001;
            if t > 0.0 {
                t = -t;
            }
            if t != 0.0 && t > -3.0 {
                self.descent = t;
            }
        }
    }

    fn read_w(&mut self, doc: &Doc<'_>, w: &[Obj]) {
        let mut i = 0usize;
        let mut budget = MAX_CMAP_ENTRIES;
        while let Some(first) = w.get(i).and_then(|x| doc.resolve(x).as_i64()) {
            match w.get(i + 1).map(|x| doc.resolve(x)) {
                Some(Obj::Array(list)) => {
                    for (k, x) in list.iter().enumerate() {
                        if let (Some(v), Ok(cid)) =
                            (doc.resolve(x).as_f64(), u32::try_from(first + k as i64))
                        {
                            self.widths.insert(cid, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = o.as_i64().unwrap_or(first);
                    let v = w
                        .get(i + 2)
                        .and_then(|x| doc.resolve(x).as_f64())
                        .unwrap_or(self.default_width);
                    let mut c = first;
                    while c <= last && budget > 0 {
                        if let Ok(cid) = u32::try_from(c) {
                            self.widths.insert(cid, v);
                        }
                        c += 1;
                        budget -= 1;
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn read_to_unicode(&mut self, data: &[u8]) {
        let mut lex = Lexer::new(data, 0);
        let mut budget = MAX_CMAP_ENTRIES;
        let mut toks: Vec<Tok> = Vec::new();
        while let Some(t) = lex.next_tok() {
            match &t {
                Tok::Kw(k) if k == b"endbfchar" => {
                    for pair in toks.chunks(2) {
                        if let [Tok::Str(src), Tok::Str(dst)] = pair {
                            self.to_unicode.insert(be(src), utf16(dst));
                        }
                    }
                    toks.clear();
                }
                Tok::Kw(k) if k == b"endbfrange" => {
                    let mut i = 0usize;
                    while let (Some(Tok::Str(lo)), Some(Tok::Str(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (lo, hi) = (be(lo), be(hi));
                        match toks.get(i + 2) {
                            Some(Tok::Str(dst)) => {
                                let mut units: Vec<u16> = dst
                                    .chunks(2)
                                    .map(|c| {
                                        u16::from_be_bytes([
                                            *c.first().unwrap_or(&0),
                                            *c.get(1).unwrap_or(&0),
                                        ])
                                    })
                                    .collect();
                                let mut c = lo;
                                while c <= hi && budget > 0 {
                                    self.to_unicode.insert(c, String::from_utf16_lossy(&units));
                                    if let Some(last) = units.last_mut() {
                                        *last = last.wrapping_add(1);
                                    }
                                    c += 1;
                                    budget -= 1;
                                }
                                i += 3;
                            }
                            Some(Tok::ArrOpen) => {
                                let mut j = i + 3;
                                let mut c = lo;
                                while let Some(Tok::Str(dst)) = toks.get(j) {
                                    if c <= hi {
                                        self.to_unicode.insert(c, utf16(dst));
                                    }
                                    c += 1;
                                    j += 1;
                                }
                                i = j + 1; // skip ArrClose
                            }
                            _ => break,
                        }
                    }
                    toks.clear();
                }
                Tok::Kw(k) if k == b"beginbfchar" || k == b"beginbfrange" => toks.clear(),
                _ => {
                    if toks.len() < 1_000_000 {
                        toks.push(t);
                    }
                }
            }
        }
    }

    fn read_cid_cmap(&mut self, data: &[u8]) {
        let mut lex = Lexer::new(data, 0);
        let mut toks: Vec<Tok> = Vec::new();
        let mut lens = [0u8; 256];
        let mut budget = MAX_CMAP_ENTRIES;
        while let Some(t) = lex.next_tok() {
            match &t {
                Tok::Kw(k) if k == b"endcodespacerange" => {
                    for pair in toks.chunks(2) {
                        if let [Tok::Str(lo), Tok::Str(hi)] = pair {
                            let n = lo.len().clamp(1, 4) as u8;
                            let (a, b) = (
                                lo.first().copied().unwrap_or(0),
                                hi.first().copied().unwrap_or(0),
                            );
                            for x in a..=b {
                                if let Some(slot) = lens.get_mut(usize::from(x)) {
                                    *slot = n;
                                }
                            }
                        }
                    }
                    toks.clear();
                }
                Tok::Kw(k) if k == b"endcidrange" => {
                    for tri in toks.chunks(3) {
                        if let [Tok::Str(lo), Tok::Str(hi), Tok::Int(cid)] = tri {
                            let (lo, hi) = (be(lo), be(hi));
                            let mut c = lo;
                            while c <= hi && budget > 0 {
                                self.cid_map.insert(
                                    c,
                                    u32::try_from(*cid).unwrap_or(0).saturating_add(c - lo),
                                );
                                c += 1;
                                budget -= 1;
                            }
                        }
                    }
                    toks.clear();
                }
                Tok::Kw(k) if k == b"endcidchar" => {
                    for pair in toks.chunks(2) {
                        if let [Tok::Str(src), Tok::Int(cid)] = pair {
                            self.cid_map
                                .insert(be(src), u32::try_from(*cid).unwrap_or(0));
                        }
                    }
                    toks.clear();
                }
                Tok::Kw(k) if k.starts_with(b"begin") => toks.clear(),
                _ => {
                    if toks.len() < 1_000_000 {
                        toks.push(t);
                    }
                }
            }
        }
        if lens.iter().any(|&l| l != 0) {
            for l in lens.iter_mut() {
                if *l == 0 {
                    *l = 1;
                }
            }
            self.code_len = Some(lens);
        }
    }

    /// Split a string operand into character codes.
    pub fn codes(&self, s: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(s.len());
        if !self.composite {
            for &b in s {
                out.push(Code {
                    code: u32::from(b),
                    nbytes: 1,
                });
            }
            return out;
        }
        let mut i = 0usize;
        while i < s.len() {
            let first = s.get(i).copied().unwrap_or(0);
            let n = match &self.code_len {
                Some(l) => usize::from(l.get(usize::from(first)).copied().unwrap_or(1)),
                None => 2,
            };
            let end = (i + n).min(s.len());
            let code = s.get(i..end).map_or(0, be);
            out.push(Code {
                code,
                nbytes: end - i,
            });
            i = end;
        }
        out
    }

    fn cid(&self, code: u32) -> u32 {
        if self.cid_map.is_empty() {
            code
        } else {
            self.cid_map.get(&code).copied().unwrap_or(0)
        }
    }

    /// Advance width in text space units (1/1000 already applied).
    pub fn width(&self, code: u32) -> f64 {
        let key = if self.composite { self.cid(code) } else { code };
        self.widths.get(&key).copied().unwrap_or(self.default_width) * self.width_scale
    }

    /// The text of a code ("" when unknown).
    pub fn text(&self, code: u32) -> String {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        if self.composite {
            if self.unicode_codes {
                return char::from_u32(code).map(String::from).unwrap_or_default();
            }
            return String::new();
        }
        self.encoding.get(&code).cloned().unwrap_or_default()
    }
}

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | u32::from(x))
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| {
            u16::from_be_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    String::from_utf16_lossy(&units)
}
