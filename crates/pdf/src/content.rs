//! The content-stream interpreter: runs the text and graphics-state operators of a page
//! and yields positioned glyphs in device space (origin top-left, y down, 1 unit = 1 pt).

use std::collections::HashMap;
use std::rc::Rc;

use crate::doc::{Doc, Page};
use crate::error::PdfError;
use crate::font::Font;
use crate::object::{Dict, Obj, Parser, Tok};

/// Limits that apply to one page.
#[derive(Clone, Copy)]
pub(crate) struct PageLimits {
    pub max_content_bytes: usize,
    pub max_ops: usize,
    pub max_form_depth: usize,
    pub max_glyphs: usize,
}

/// One glyph (or one Unicode character of a multi-character glyph).
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// Origin on the baseline, device space.
    pub x: f64,
    pub y: f64,
    /// Advance along the baseline, device space (without character/word spacing).
    pub dx: f64,
    pub font_size: f64,
    pub ch: char,
    /// Index of the font (words only merge within one font).
    pub font: usize,
    pub ascent: f64,
    pub descent: f64,
    /// Running byte position in the page's text, as poppler's charPos.
    pub char_pos: usize,
    pub nbytes: usize,
    /// Rotation class 0..=3 of the text direction.
    pub rot: u8,
}

/// What a page yields: its glyphs (spaces included, as ' ').
pub(crate) struct PageText {
    pub glyphs: Vec<Glyph>,
}

type M = [f64; 6];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<(usize, Rc<Font>)>,
    font_size: f64,
    char_space: f64,
    word_space: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// Text matrix, the text-space start of the line, and the current point in user
    /// space — kept the way poppler keeps them (and saved by `q` like poppler does), so
    /// positions come out with the same floating-point rounding.
    tm: M,
    line_x: f64,
    line_y: f64,
    cur_x: f64,
    cur_y: f64,
}

struct Interp<'d, 'a> {
    doc: &'d Doc<'a>,
    limits: PageLimits,
    fonts: &'d mut FontCache,
    gs: GState,
    stack: Vec<GState>,
    ops: usize,
    bytes: usize,
    /// Open marked-content sequences: Some((first glyph index, ActualText)) for spans.
    marked: Vec<Option<(usize, String)>>,
    char_pos: usize,
    width: f64,
    height: f64,
    out: Vec<Glyph>,
}

/// Fonts loaded so far, by object number (or by resource-name for direct dictionaries).
#[derive(Default)]
pub(crate) struct FontCache {
    by_ref: HashMap<u32, (usize, Rc<Font>)>,
    next: usize,
}

pub(crate) fn run_page(
    doc: &Doc<'_>,
    page: &Page,
    limits: PageLimits,
    fonts: &mut FontCache,
) -> Result<PageText, PdfError> {
    let [x0, y0, x1, y1] = page.crop;
    let (base, width, height): (M, f64, f64) = match page.rotate {
        90 => ([0.0, 1.0, 1.0, 0.0, -y0, -x0], y1 - y0, x1 - x0),
        180 => ([-1.0, 0.0, 0.0, 1.0, x1, -y0], x1 - x0, y1 - y0),
        270 => ([0.0, -1.0, -1.0, 0.0, y1, x1], y1 - y0, x1 - x0),
        _ => ([1.0, 0.0, 0.0, -1.0, -x0, y1], x1 - x0, y1 - y0),
    };
    let gs = GState {
        ctm: base,
        font: None,
        font_size: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        hscale: 1.0,
        leading: 0.0,
        rise: 0.0,
        tm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        line_x: 0.0,
        line_y: 0.0,
        cur_x: 0.0,
        cur_y: 0.0,
    };
    let mut it = Interp {
        doc,
        limits,
        fonts,
        gs,
        stack: Vec::new(),
        ops: 0,
        bytes: 0,
        marked: Vec::new(),
        char_pos: 0,
        width,
        height,
        out: Vec::new(),
    };
    let mut data = Vec::new();
    for c in &page.contents {
        let resolved = doc.resolve(c);
        if matches!(resolved, Obj::Null) {
            return Err(PdfError::corrupt("the page's content is missing"));
        }
        if let Obj::Stream(s) = resolved {
            if !s.complete {
                return Err(PdfError::corrupt("a content stream never ends"));
            }
            let budget = limits.max_content_bytes.saturating_sub(data.len());
            let part = doc.decode_stream(&s).map_err(|e| match e {
                PdfError::TooLarge { .. } => PdfError::too_large("page content over 16 MiB"),
                other => other,
            })?;
            if part.len() > budget {
                return Err(PdfError::too_large("page content over 16 MiB"));
            }
            data.extend_from_slice(&part);
            data.push(b'\n');
        }
    }
    it.bytes = data.len();
    let res = page.resources.clone().unwrap_or_default();
    it.run(&data, &res, 0)?;
    Ok(PageText { glyphs: it.out })
}

impl Interp<'_, '_> {
    fn run(&mut self, data: &[u8], res: &Dict, depth: usize) -> Result<(), PdfError> {
        let mut p = Parser::new(data, 0, false);
        // the font resources, resolved once per content stream
        let font_res = self.doc.resolve_dict(res.get(b"Font")).unwrap_or_default();
        let mut operands: Vec<Obj> = Vec::new();
        while let Some(tok) = p.lex.next_tok() {
            let op = match tok {
                Tok::Kw(k) if !matches!(k.as_slice(), b"true" | b"false" | b"null") => k,
                t => {
                    if let Some(o) = p.obj_from(t, 0) {
                        if operands.len() < 64 {
                            operands.push(o);
                        }
                    }
                    continue;
                }
            };
            self.ops += 1;
            if self.ops > self.limits.max_ops {
                return Err(PdfError::too_large("too many operators on one page"));
            }
            if op == b"BI" {
                skip_inline_image(&mut p);
                operands.clear();
                continue;
            }
            self.op(&op, &operands, res, &font_res, depth)?;
            operands.clear();
        }
        Ok(())
    }

    fn num(ops: &[Obj], i: usize) -> f64 {
        ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0)
    }

    fn op(
        &mut self,
        op: &[u8],
        a: &[Obj],
        res: &Dict,
        font_res: &Dict,
        depth: usize,
    ) -> Result<(), PdfError> {
        let n = |i: usize| Self::num(a, i);
        match op {
            b"q" if self.stack.len() < 256 => {
                self.stack.push(self.gs.clone());
            }
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" if a.len() >= 6 => {
                let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.gs.ctm = mul(&m, &self.gs.ctm);
            }
            b"BT" => {
                self.gs.tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
                self.move_to(0.0, 0.0);
            }
            b"Tf" => {
                self.gs.font_size = n(1);
                if let Some(Obj::Name(name)) = a.first() {
                    self.gs.font = self.load_font(font_res, name);
                }
            }
            b"Tc" => self.gs.char_space = n(0),
            b"Tw" => self.gs.word_space = n(0),
            b"Tz" => self.gs.hscale = n(0) / 100.0,
            b"TL" => self.gs.leading = n(0),
            b"Ts" => self.gs.rise = n(0),
            b"Td" => self.td(n(0), n(1)),
            b"TD" => {
                self.gs.leading = -n(1);
                self.td(n(0), n(1));
            }
            b"Tm" if a.len() >= 6 => {
                self.gs.tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.move_to(0.0, 0.0);
            }
            b"T*" => self.td(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(Obj::Str(s)) = a.first() {
                    self.show(s)?;
                }
            }
            b"'" => {
                self.td(0.0, -self.gs.leading);
                if let Some(Obj::Str(s)) = a.first() {
                    self.show(s)?;
                }
            }
            b"\"" => {
                self.gs.word_space = n(0);
                self.gs.char_space = n(1);
                self.td(0.0, -self.gs.leading);
                if let Some(Obj::Str(s)) = a.get(2) {
                    self.show(s)?;
                }
            }
            b"TJ" => {
                if let Some(Obj::Array(items)) = a.first() {
                    for item in items {
                        match item {
                            Obj::Str(s) => self.show(s)?,
                            other => {
                                if let Some(v) = other.as_f64() {
                                    let tx = -v * 0.001 * self.gs.font_size * self.gs.hscale;
                                    let (dx, dy) = self.text_delta(tx, 0.0);
                                    self.gs.cur_x += dx;
                                    self.gs.cur_y += dy;
                                }
                            }
                        }
                    }
                }
            }
            b"BMC" if self.marked.len() < 256 => {
                self.marked.push(None);
            }
            b"BDC" => {
                let props = match a.get(1) {
                    Some(Obj::Dict(d)) => Some(d.clone()),
                    Some(Obj::Name(n)) => self
                        .doc
                        .resolve_dict(res.get(b"Properties"))
                        .and_then(|p| self.doc.resolve_dict(p.get(n))),
                    _ => None,
                };
                let actual = props
                    .and_then(|p| p.get(b"ActualText").map(|t| self.doc.resolve(t)))
                    .and_then(|t| {
                        if let Obj::Str(s) = t {
                            Some(text_string(&s))
                        } else {
                            None
                        }
                    });
                if self.marked.len() < 256 {
                    self.marked.push(actual.map(|t| (self.out.len(), t)));
                }
            }
            b"EMC" => {
                if let Some(Some((start, text))) = self.marked.pop() {
                    self.replace_with_actual_text(start, &text);
                }
            }
            b"Do" => {
                if let Some(Obj::Name(name)) = a.first() {
                    self.do_xobject(res, name, depth)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn td(&mut self, tx: f64, ty: f64) {
        let (x, y) = (self.gs.line_x + tx, self.gs.line_y + ty);
        self.move_to(x, y);
    }

    fn move_to(&mut self, tx: f64, ty: f64) {
        self.gs.line_x = tx;
        self.gs.line_y = ty;
        let m = &self.gs.tm;
        self.gs.cur_x = m[0] * tx + m[2] * ty + m[4];
        self.gs.cur_y = m[1] * tx + m[3] * ty + m[5];
    }

    fn text_delta(&self, x: f64, y: f64) -> (f64, f64) {
        let m = &self.gs.tm;
        (m[0] * x + m[2] * y, m[1] * x + m[3] * y)
    }

    fn load_font(&mut self, fonts: &Dict, name: &[u8]) -> Option<(usize, Rc<Font>)> {
        let r = fonts.get(name)?;
        if let Obj::Ref(num, _) = r {
            if let Some(f) = self.fonts.by_ref.get(num) {
                return Some(f.clone());
            }
        }
        let d = self.doc.resolve_dict(Some(r))?;
        let font = Rc::new(Font::load(self.doc, &d));
        let id = self.fonts.next;
        self.fonts.next += 1;
        if let Obj::Ref(num, _) = r {
            self.fonts.by_ref.insert(*num, (id, font.clone()));
        }
        Some((id, font))
    }

    fn show(&mut self, s: &[u8]) -> Result<(), PdfError> {
        let Some((font_id, font)) = self.gs.font.clone() else {
            return Ok(());
        };
        let fs = self.gs.font_size;
        let th = self.gs.hscale;
        // transformed font size and the rotation class, as poppler computes them
        let tm = self.gs.tm;
        let c = self.gs.ctm;
        let (x1, y1) = (tm[2] * fs, tm[3] * fs);
        let (x2, y2) = (c[0] * x1 + c[2] * y1, c[1] * x1 + c[3] * y1);
        let tfs = (x2 * x2 + y2 * y2).sqrt() * font.size_factor;
        let ftm = mul(&[fs * th, 0.0, 0.0, fs, 0.0, 0.0], &mul(&tm, &c));
        let rot: u8 = if (ftm[0] * ftm[3]).abs() > (ftm[1] * ftm[2]).abs() {
            if ftm[3] < 0.0 {
                0
            } else {
                2
            }
        } else if ftm[2] > 0.0 {
            1
        } else {
            3
        };
        let (rise_x, rise_y) = self.text_delta(0.0, self.gs.rise);
        for code in font.codes(s) {
            let w0 = font.width(code.code);
            let mut adv = w0 * fs + self.gs.char_space;
            let mut sp = self.gs.char_space;
            if code.nbytes == 1 && code.code == 32 {
                adv += self.gs.word_space;
                sp += self.gs.word_space;
            }
            adv *= th;
            let (tdx, tdy) = self.text_delta(adv, 0.0);
            let (ux, uy) = (self.gs.cur_x + rise_x, self.gs.cur_y + rise_y);
            let x = c[0] * ux + c[2] * uy + c[4];
            let y = c[1] * ux + c[3] * uy + c[5];
            // the glyph's own width: the advance less character and word spacing
            let (sx, sy) = self.text_delta(sp * th, 0.0);
            let (wx, wy) = (tdx - sx, tdy - sy);
            let dx = c[0] * wx + c[2] * wy;
            let text = font.text(code.code);
            let inside = x + dx >= 0.0 && x <= self.width && y >= 0.0 && y <= self.height;
            if inside && !text.is_empty() && x.is_finite() && y.is_finite() && dx.is_finite() {
                let nch = text.chars().count().max(1) as f64;
                for (k, ch) in text.chars().enumerate() {
                    if self.out.len() >= self.limits.max_glyphs {
                        return Err(PdfError::too_large("too many characters on one page"));
                    }
                    let kf = k as f64;
                    self.out.push(Glyph {
                        x: x + dx / nch * kf,
                        y,
                        dx: dx / nch,
                        font_size: tfs,
                        ch,
                        font: font_id,
                        ascent: font.ascent,
                        descent: font.descent,
                        char_pos: self.char_pos,
                        nbytes: code.nbytes,
                        rot,
                    });
                }
            }
            self.char_pos += code.nbytes;
            self.gs.cur_x += tdx;
            self.gs.cur_y += tdy;
        }
        Ok(())
    }

    /// Replace the glyphs drawn since `start` by `text`, spread over the same width.
    fn replace_with_actual_text(&mut self, start: usize, text: &str) {
        let Some(first) = self.out.get(start).cloned() else {
            return;
        };
        let end = self.out.last().map_or(first.x + first.dx, |g| g.x + g.dx);
        let nbytes: usize = self
            .out
            .get(start..)
            .map_or(0, |gs| gs.iter().map(|g| g.nbytes).sum());
        self.out.truncate(start);
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len().max(1) as f64;
        let w = (end - first.x) / n;
        for (k, ch) in chars.into_iter().enumerate() {
            let mut g = first.clone();
            g.x = first.x + w * k as f64;
            g.dx = w;
            g.ch = ch;
            g.nbytes = if k == 0 { nbytes } else { 0 };
            self.out.push(g);
        }
    }

    fn do_xobject(&mut self, res: &Dict, name: &[u8], depth: usize) -> Result<(), PdfError> {
        if depth >= self.limits.max_form_depth {
            return Ok(());
        }
        let Some(xo) = self.doc.resolve_dict(res.get(b"XObject")) else {
            return Ok(());
        };
        let Some(r) = xo.get(name) else { return Ok(()) };
        let Obj::Stream(s) = self.doc.resolve(r) else {
            return Ok(());
        };
        if s.dict.get(b"Subtype").and_then(Obj::as_name) != Some(b"Form") {
            return Ok(());
        }
        let data = self.doc.decode_stream(&s).map_err(|e| match e {
            PdfError::TooLarge { .. } => PdfError::too_large("page content over 16 MiB"),
            other => other,
        })?;
        self.bytes = self.bytes.saturating_add(data.len());
        if self.bytes > self.limits.max_content_bytes {
            return Err(PdfError::too_large("page content over 16 MiB"));
        }
        let sub_res = self
            .doc
            .resolve_dict(s.dict.get(b"Resources"))
            .unwrap_or_else(|| res.clone());
        let saved = (self.gs.clone(), self.stack.len());
        if let Some(Obj::Array(m)) = s.dict.get(b"Matrix").map(|m| self.doc.resolve(m)) {
            let v: Vec<f64> = m.iter().filter_map(Obj::as_f64).collect();
            if let [a, b, c, d, e, f] = v.as_slice() {
                self.gs.ctm = mul(&[*a, *b, *c, *d, *e, *f], &self.gs.ctm);
            }
        }
        let r = self.run(&data, &sub_res, depth + 1);
        self.gs = saved.0;
        self.stack.truncate(saved.1);
        r
    }
}

/// Skip `BI <dict> ID <binary data> EI`.
fn skip_inline_image(p: &mut Parser<'_>) {
    // skip key/value pairs up to ID
    while let Some(t) = p.lex.next_tok() {
        if let Tok::Kw(k) = &t {
            if k == b"ID" {
                break;
            }
        }
    }
    let data = p.lex.data;
    let mut i = p.lex.pos + 1;
    while i + 1 < data.len() {
        if data.get(i) == Some(&b'E')
            && data.get(i + 1) == Some(&b'I')
            && data
                .get(i.wrapping_sub(1))
                .is_some_and(|&c| crate::object::is_white(c))
            && data.get(i + 2).is_none_or(|&c| crate::object::is_white(c))
        {
            p.lex.pos = i + 2;
            return;
        }
        i += 1;
    }
    p.lex.pos = data.len();
}

/// A PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (Latin-1 here).
fn text_string(s: &[u8]) -> String {
    if let Some(body) = s.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| {
                u16::from_be_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(body) = s.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(body).into_owned();
    }
    s.iter().map(|&b| char::from(b)).collect()
}
