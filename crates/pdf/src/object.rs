//! PDF objects and a tokenizer/parser shared by the file body and content streams.

/// Maximum nesting of arrays and dictionaries.
const MAX_DEPTH: usize = 64;

/// A PDF object. Streams keep their data as a byte range of the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Stream(Stream),
    Ref(u32, u16),
}

/// A dictionary: few keys, so a vector with linear lookup.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Dict(pub Vec<(Vec<u8>, Obj)>);

/// A stream: its dictionary and the byte range of its raw data in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stream {
    pub dict: Dict,
    pub start: usize,
    pub end: usize,
    /// False when no `endstream` was found (the data runs to the end of the file).
    pub complete: bool,
    /// The object number and generation the stream was read as (for decryption).
    pub num: u32,
    pub gen: u16,
}

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0
            .iter()
            .find(|(k, _)| k.as_slice() == key)
            .map(|(_, v)| v)
    }
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) if r.is_finite() => Some(*r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub(crate) fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

pub(crate) fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A lexical token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    /// A bare keyword: `obj`, `R`, `true`, an operator in a content stream…
    Kw(Vec<u8>),
}

/// A cursor over bytes.
pub(crate) struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    pub fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the data.
    pub fn next_tok(&mut self) -> Option<Tok> {
        self.skip_ws();
        let c = self.peek()?;
        match c {
            b'[' => {
                self.pos += 1;
                Some(Tok::ArrOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Tok::ArrClose)
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Some(Tok::DictOpen)
                } else {
                    self.pos += 1;
                    Some(Tok::Str(self.hex_string()))
                }
            }
            b'>' => {
                self.pos += 1;
                if self.peek() == Some(b'>') {
                    self.pos += 1;
                    Some(Tok::DictClose)
                } else {
                    Some(Tok::Kw(b">".to_vec()))
                }
            }
            b'(' => {
                self.pos += 1;
                Some(Tok::Str(self.literal_string()))
            }
            b'/' => {
                self.pos += 1;
                Some(Tok::Name(self.name()))
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                Some(Tok::Kw(vec![c]))
            }
            _ => {
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let word = self.data.get(start..self.pos).unwrap_or(&[]);
                Some(number(word).unwrap_or_else(|| Tok::Kw(word.to_vec())))
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let h = self.data.get(self.pos).copied().and_then(hexval);
                let l = self.data.get(self.pos + 1).copied().and_then(hexval);
                if let (Some(h), Some(l)) = (h, l) {
                    out.push(h << 4 | l);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut half: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
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

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }
}

pub(crate) fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Parse a numeric token the way poppler's lexer does (so that positions come out with
/// the same floating-point rounding): integer digits, then each fraction digit added as
/// `digit * scale` with `scale` shrinking by 0.1; minus signs inside a number are ignored.
fn number(word: &[u8]) -> Option<Tok> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let mut rest = word;
    let mut neg = false;
    if let Some((&c, tail)) = rest.split_first() {
        if c == b'-' || c == b'+' {
            neg = c == b'-';
            rest = tail;
        }
    }
    let mut int: i64 = 0;
    let mut big: Option<f64> = None; // integer part too large for i64
    let mut real = false;
    let mut frac_digits: &[u8] = &[];
    for (i, &c) in rest.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                let d = i64::from(c - b'0');
                match big.as_mut() {
                    Some(f) => *f = *f * 10.0 + d as f64,
                    None => match int.checked_mul(10).and_then(|v| v.checked_add(d)) {
                        Some(v) => int = v,
                        None => big = Some(int as f64 * 10.0 + d as f64),
                    },
                }
            }
            b'.' => {
                real = true;
                frac_digits = rest.get(i + 1..).unwrap_or(&[]);
                break;
            }
            b'-' => {} // poppler ignores a minus sign in the middle of a number
            _ => return None,
        }
    }
    if !real && big.is_none() {
        return Some(Tok::Int(if neg { -int } else { int }));
    }
    let mut xf = big.unwrap_or(int as f64);
    let mut scale = 0.1;
    for &c in frac_digits {
        match c {
            b'0'..=b'9' => {
                xf += scale * f64::from(c - b'0');
                scale *= 0.1;
            }
            b'-' => {}
            _ => break,
        }
    }
    Some(Tok::Real(if neg { -xf } else { xf }))
}

/// Parses objects from a lexer (no stream data: the caller handles `stream`).
pub(crate) struct Parser<'a> {
    pub lex: Lexer<'a>,
    /// Whether `N G R` is recognised as a reference (false in content streams).
    pub refs: bool,
}

impl<'a> Parser<'a> {
    pub fn new(data: &'a [u8], pos: usize, refs: bool) -> Self {
        Parser {
            lex: Lexer::new(data, pos),
            refs,
        }
    }

    /// Parse one object starting with `tok`. Returns `None` for a stray closing token.
    pub fn obj_from(&mut self, tok: Tok, depth: usize) -> Option<Obj> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match tok {
            Tok::Int(i) => {
                if self.refs && i >= 0 && i <= i64::from(u32::MAX) {
                    let save = self.lex.pos;
                    if let Some(Tok::Int(g)) = self.lex.next_tok() {
                        if (0..=65535).contains(&g) {
                            if let Some(Tok::Kw(k)) = self.lex.next_tok() {
                                if k == b"R" {
                                    return Some(Obj::Ref(i as u32, g as u16));
                                }
                            }
                        }
                    }
                    self.lex.pos = save;
                }
                Obj::Int(i)
            }
            Tok::Real(r) => Obj::Real(r),
            Tok::Name(n) => Obj::Name(n),
            Tok::Str(s) => Obj::Str(s),
            Tok::ArrOpen => {
                let mut v = Vec::new();
                while let Some(t) = self.lex.next_tok() {
                    if t == Tok::ArrClose {
                        break;
                    }
                    if matches!(t, Tok::DictClose) {
                        continue;
                    }
                    if let Tok::Kw(ref k) = t {
                        if k == b"endobj" || k == b"stream" {
                            break;
                        }
                    }
                    if let Some(o) = self.obj_from(t, depth + 1) {
                        v.push(o);
                    } else {
                        break;
                    }
                }
                Obj::Array(v)
            }
            Tok::DictOpen => Obj::Dict(self.dict_body(depth)?),
            Tok::Kw(k) => match k.as_slice() {
                b"true" => Obj::Bool(true),
                b"false" => Obj::Bool(false),
                b"null" => Obj::Null,
                _ => return None,
            },
            Tok::ArrClose | Tok::DictClose => return None,
        })
    }

    fn dict_body(&mut self, depth: usize) -> Option<Dict> {
        let mut d = Dict::default();
        loop {
            let save = self.lex.pos;
            let Some(t) = self.lex.next_tok() else { break };
            match t {
                Tok::DictClose => break,
                Tok::Name(key) => {
                    let save2 = self.lex.pos;
                    let Some(vt) = self.lex.next_tok() else { break };
                    if vt == Tok::DictClose {
                        break;
                    }
                    match self.obj_from(vt, depth + 1) {
                        Some(v) => {
                            if d.get(&key).is_none() {
                                d.0.push((key, v));
                            }
                        }
                        None => {
                            self.lex.pos = save2;
                            // skip the bad token
                            let _ = self.lex.next_tok();
                        }
                    }
                }
                Tok::Kw(ref k) if k == b"endobj" || k == b"stream" => {
                    self.lex.pos = save;
                    break;
                }
                _ => {}
            }
        }
        Some(d)
    }

    /// Parse the next object.
    pub fn next_obj(&mut self) -> Option<Obj> {
        let t = self.lex.next_tok()?;
        self.obj_from(t, 0)
    }
}
