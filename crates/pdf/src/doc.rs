//! The document: cross-reference table (or a rebuilt one), object resolution, the page tree.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use crate::error::PdfError;
use crate::filters;
use crate::object::{is_white, Dict, Obj, Parser, Stream, Tok};

/// How many references in a row may be followed before giving up (self-references).
const MAX_REF_CHAIN: usize = 32;
/// How many xref sections may be chained with /Prev.
const MAX_XREF_SECTIONS: usize = 64;
/// Most bytes decompressed over the whole document (bounds the time spent on bombs).
const MAX_DOC_DECODED: usize = 1 << 30;
/// Most bytes of decoded object streams kept in memory at once.
const MAX_OBJSTM_CACHE: usize = 64 << 20;

/// A decoded object stream and its (object number, offset) index.
type ObjStm = (Vec<u8>, Vec<(u32, usize)>);

#[derive(Debug, Clone, Copy)]
enum Entry {
    Offset(usize),
    InStream(u32, u32),
}

/// One page: its (inherited) resources, content streams and geometry.
pub(crate) struct Page {
    pub resources: Option<Dict>,
    pub contents: Vec<Obj>,
    /// Crop box (x0, y0, x1, y1) in default user space.
    pub crop: [f64; 4],
    pub rotate: i64,
}

pub(crate) struct Doc<'a> {
    pub data: &'a [u8],
    xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Obj>>,
    resolving: RefCell<HashSet<u32>>,
    objstm: RefCell<HashMap<u32, Option<ObjStm>>>,
    stream_limit: usize,
    /// The xref was unusable and was rebuilt by scanning the file.
    pub rebuilt: bool,
    /// Some referenced object could not be found or parsed.
    pub missing: Cell<bool>,
    /// Bytes decompressed so far, over the whole document.
    decoded: Cell<usize>,
    #[cfg(feature = "decrypt")]
    crypt: Option<(crate::crypt::Decryptor, u32)>,
}

impl<'a> Doc<'a> {
    pub fn open(data: &'a [u8], stream_limit: usize) -> Result<Self, PdfError> {
        let head = data.get(..data.len().min(1024)).unwrap_or(&[]);
        if find(head, b"%PDF-").is_none() {
            return Err(PdfError::corrupt("not a PDF file (no %PDF header)"));
        }
        let mut doc = Doc {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            cache: RefCell::new(HashMap::new()),
            resolving: RefCell::new(HashSet::new()),
            objstm: RefCell::new(HashMap::new()),
            stream_limit,
            rebuilt: false,
            missing: Cell::new(false),
            decoded: Cell::new(0),
            #[cfg(feature = "decrypt")]
            crypt: None,
        };
        let ok = doc.load_xref().is_some() && doc.root_ok();
        if !ok {
            doc.rebuilt = true;
            doc.rebuild_xref();
            if !doc.root_ok() && !doc.is_encrypted() {
                return Err(PdfError::corrupt("no readable document catalog"));
            }
        }
        if doc.is_encrypted() {
            doc.setup_decryption()?;
            if !doc.root_ok() {
                return Err(PdfError::corrupt("no readable document catalog"));
            }
        }
        Ok(doc)
    }

    #[cfg(not(feature = "decrypt"))]
    fn setup_decryption(&mut self) -> Result<(), PdfError> {
        Err(PdfError::Encrypted)
    }

    /// Open a file encrypted with an empty user password, or refuse it.
    #[cfg(feature = "decrypt")]
    fn setup_decryption(&mut self) -> Result<(), PdfError> {
        let enc_ref = match self.trailer.get(b"Encrypt") {
            Some(Obj::Ref(n, _)) => *n,
            _ => u32::MAX,
        };
        let enc = self
            .resolve_dict(self.trailer.get(b"Encrypt"))
            .ok_or(PdfError::Encrypted)?;
        let id0 = match self.trailer.get(b"ID").map(|i| self.resolve(i)) {
            Some(Obj::Array(a)) => match a.first() {
                Some(Obj::Str(s)) => s.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let d = crate::crypt::Decryptor::new(&enc, &id0)?;
        self.crypt = Some((d, enc_ref));
        self.cache.borrow_mut().clear();
        self.objstm.borrow_mut().clear();
        Ok(())
    }

    fn root_ok(&self) -> bool {
        let root = self.trailer.get(b"Root").map(|r| self.resolve(r));
        matches!(root, Some(Obj::Dict(ref d)) if d.get(b"Pages").is_some())
    }

    pub fn is_encrypted(&self) -> bool {
        !matches!(
            self.trailer.get(b"Encrypt").map(|e| self.resolve(e)),
            None | Some(Obj::Null)
        )
    }

    // ----- xref loading -----

    fn load_xref(&mut self) -> Option<()> {
        let tail_start = self.data.len().saturating_sub(2048);
        let tail = self.data.get(tail_start..)?;
        let sx = rfind(tail, b"startxref")? + tail_start;
        let mut p = Parser::new(self.data, sx + 9, false);
        let Some(Tok::Int(off)) = p.lex.next_tok() else {
            return None;
        };
        let mut offset = usize::try_from(off).ok()?;
        let mut seen = HashSet::new();
        let mut first = true;
        let mut pending: Vec<usize> = Vec::new();
        loop {
            if !seen.insert(offset) || seen.len() > MAX_XREF_SECTIONS || offset >= self.data.len() {
                break;
            }
            let trailer = self.read_section(offset)?;
            if first {
                self.trailer = trailer.clone();
                first = false;
            }
            if let Some(x) = trailer.get(b"XRefStm").and_then(Obj::as_i64) {
                if let Ok(x) = usize::try_from(x) {
                    if seen.insert(x) {
                        let _ = self.read_section(x);
                    }
                }
            }
            if let Some(prev) = trailer
                .get(b"Prev")
                .and_then(Obj::as_i64)
                .and_then(|v| usize::try_from(v).ok())
            {
                pending.push(prev)
            }
            match pending.pop() {
                Some(n) => offset = n,
                None => break,
            }
        }
        if self.xref.is_empty() {
            return None;
        }
        Some(())
    }

    /// Read one xref section (table or stream) at `offset`; returns its trailer dictionary.
    fn read_section(&mut self, offset: usize) -> Option<Dict> {
        let mut p = Parser::new(self.data, offset, true);
        p.lex.skip_ws();
        if self.data.get(p.lex.pos..)?.starts_with(b"xref") {
            p.lex.pos += 4;
            loop {
                let save = p.lex.pos;
                match p.lex.next_tok()? {
                    Tok::Int(start) => {
                        let Some(Tok::Int(count)) = p.lex.next_tok() else {
                            return None;
                        };
                        if start < 0 || !(0..=10_000_000).contains(&count) {
                            return None;
                        }
                        for i in 0..count {
                            let (Some(Tok::Int(off)), Some(Tok::Int(_gen)), Some(Tok::Kw(kind))) =
                                (p.lex.next_tok(), p.lex.next_tok(), p.lex.next_tok())
                            else {
                                return None;
                            };
                            let num = u32::try_from(start + i).ok()?;
                            if kind == b"n" && off > 0 {
                                if let Ok(off) = usize::try_from(off) {
                                    self.xref.entry(num).or_insert(Entry::Offset(off));
                                }
                            } else {
                                // free entry: record so older sections can't resurrect it
                                self.xref.entry(num).or_insert(Entry::Offset(usize::MAX));
                            }
                        }
                    }
                    Tok::Kw(k) if k == b"trailer" => {
                        return match p.next_obj()? {
                            Obj::Dict(d) => Some(d),
                            _ => None,
                        };
                    }
                    _ => {
                        let _ = save;
                        return None;
                    }
                }
            }
        }
        // an xref stream: "N G obj << ... >> stream"
        let (_, obj) = self.parse_indirect_at(offset)?;
        let Obj::Stream(s) = obj else { return None };
        if s.dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") {
            return None;
        }
        let data = self.decode_stream(&s).ok()?;
        let w: Vec<usize> = s
            .dict
            .get(b"W")?
            .as_array()?
            .iter()
            .map(|o| {
                o.as_i64()
                    .and_then(|v| usize::try_from(v).ok())
                    .unwrap_or(0)
                    .min(8)
            })
            .collect();
        let (w0, w1, w2) = (*w.first()?, *w.get(1)?, *w.get(2)?);
        let rowlen = w0 + w1 + w2;
        if rowlen == 0 {
            return None;
        }
        let size = s.dict.get(b"Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match s.dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let mut rows = data.chunks_exact(rowlen);
        for pair in index.chunks(2) {
            let (Some(&start), Some(&count)) = (pair.first(), pair.get(1)) else {
                break;
            };
            for i in 0..count.max(0) {
                let Some(row) = rows.next() else { break };
                let field = |from: usize, len: usize, default: u64| -> u64 {
                    if len == 0 {
                        return default;
                    }
                    row.get(from..from + len)
                        .map_or(0, |b| b.iter().fold(0u64, |a, &x| a << 8 | u64::from(x)))
                };
                let ty = field(0, w0, 1);
                let f2 = field(w0, w1, 0);
                let f3 = field(w0 + w1, w2, 0);
                let Ok(num) = u32::try_from(start + i) else {
                    continue;
                };
                let e = match ty {
                    1 => Entry::Offset(usize::try_from(f2).unwrap_or(usize::MAX)),
                    2 => Entry::InStream(
                        u32::try_from(f2).unwrap_or(u32::MAX),
                        u32::try_from(f3).unwrap_or(0),
                    ),
                    _ => Entry::Offset(usize::MAX),
                };
                self.xref.entry(num).or_insert(e);
            }
        }
        Some(s.dict)
    }

    /// Rebuild the xref by scanning the whole file for `N G obj`.
    fn rebuild_xref(&mut self) {
        self.xref.clear();
        self.cache.borrow_mut().clear();
        let data = self.data;
        let mut trailer: Option<Dict> = None;
        let mut i = 0usize;
        while let Some(rel) = data.get(i..).and_then(|d| find(d, b"obj")) {
            let at = i + rel;
            i = at + 3;
            // walk back over "N G "
            if let Some((num, start)) = obj_header_before(data, at) {
                self.xref.insert(num, Entry::Offset(start));
            }
        }
        // trailers (last wins) and xref-stream dictionaries
        let mut j = 0usize;
        while let Some(rel) = data.get(j..).and_then(|d| find(d, b"trailer")) {
            let at = j + rel;
            j = at + 7;
            let mut p = Parser::new(data, at + 7, true);
            if let Some(Obj::Dict(d)) = p.next_obj() {
                if d.get(b"Root").is_some() {
                    trailer = Some(d);
                }
            }
        }
        if trailer.is_none() {
            let nums: Vec<u32> = self.xref.keys().copied().collect();
            for n in nums {
                if let Some(Entry::Offset(off)) = self.xref.get(&n).copied() {
                    if let Some((_, Obj::Stream(s))) = self.parse_indirect_at(off) {
                        if s.dict.get(b"Type").and_then(Obj::as_name) == Some(b"XRef")
                            && s.dict.get(b"Root").is_some()
                        {
                            trailer = Some(s.dict.clone());
                        }
                    }
                }
            }
        }
        // objects inside object streams
        let nums: Vec<u32> = self.xref.keys().copied().collect();
        let mut extra = Vec::new();
        for n in &nums {
            if let Some(Entry::Offset(off)) = self.xref.get(n).copied() {
                if let Some((_, Obj::Stream(s))) = self.parse_indirect_at(off) {
                    if s.dict.get(b"Type").and_then(Obj::as_name) == Some(b"ObjStm") {
                        if let Some((_, index)) = self.load_objstm_data(&s) {
                            for (k, (num, _)) in index.iter().enumerate() {
                                extra.push((*num, *n, k as u32));
                            }
                        }
                    }
                }
            }
        }
        for (num, stm, k) in extra {
            self.xref.entry(num).or_insert(Entry::InStream(stm, k));
        }
        let mut t = trailer.unwrap_or_default();
        if t.get(b"Root").is_none() {
            // find a catalog
            let nums: Vec<u32> = self.xref.keys().copied().collect();
            for n in nums {
                if let Obj::Dict(d) = self.get(n) {
                    if d.get(b"Type").and_then(Obj::as_name) == Some(b"Catalog") {
                        t.0.push((b"Root".to_vec(), Obj::Ref(n, 0)));
                        break;
                    }
                }
            }
        }
        self.trailer = t;
        self.cache.borrow_mut().clear();
    }

    // ----- objects -----

    /// Parse `N G obj <object> [stream ...]` at `offset`.
    fn parse_indirect_at(&self, offset: usize) -> Option<(u32, Obj)> {
        let mut p = Parser::new(self.data, offset, true);
        let Some(Tok::Int(num)) = p.lex.next_tok() else {
            return None;
        };
        let Some(Tok::Int(gen)) = p.lex.next_tok() else {
            return None;
        };
        let gen = u16::try_from(gen).unwrap_or(0);
        let Some(Tok::Kw(k)) = p.lex.next_tok() else {
            return None;
        };
        if k != b"obj" {
            return None;
        }
        let num = u32::try_from(num).ok()?;
        let obj = p.next_obj().unwrap_or(Obj::Null);
        if let Obj::Dict(d) = obj {
            let save = p.lex.pos;
            if let Some(Tok::Kw(k)) = p.lex.next_tok() {
                if k == b"stream" {
                    let mut start = p.lex.pos;
                    if self.data.get(start) == Some(&b'\r') {
                        start += 1;
                    }
                    if self.data.get(start) == Some(&b'\n') {
                        start += 1;
                    }
                    let (end, complete) = self.stream_end(&d, start, num);
                    return Some((
                        num,
                        Obj::Stream(Stream {
                            dict: d,
                            start,
                            end,
                            complete,
                            num,
                            gen,
                        }),
                    ));
                }
            }
            let _ = save;
            return Some((num, Obj::Dict(d)));
        }
        Some((num, obj))
    }

    fn stream_end(&self, d: &Dict, start: usize, self_num: u32) -> (usize, bool) {
        let len = match d.get(b"Length") {
            Some(Obj::Ref(n, _)) if *n != self_num => self.resolve(&Obj::Ref(*n, 0)).as_i64(),
            Some(o) => o.as_i64(),
            None => None,
        };
        if let Some(len) = len.and_then(|l| usize::try_from(l).ok()) {
            if let Some(end) = start.checked_add(len) {
                if end <= self.data.len() {
                    let mut q = end;
                    while self.data.get(q).is_some_and(|&c| is_white(c)) {
                        q += 1;
                    }
                    if self
                        .data
                        .get(q..)
                        .is_some_and(|t| t.starts_with(b"endstream"))
                    {
                        return (end, true);
                    }
                }
            }
        }
        // Length missing or wrong: look for "endstream".
        match self.data.get(start..).and_then(|t| find(t, b"endstream")) {
            Some(rel) => {
                let mut end = start + rel;
                if end > start && self.data.get(end - 1) == Some(&b'\n') {
                    end -= 1;
                }
                if end > start && self.data.get(end - 1) == Some(&b'\r') {
                    end -= 1;
                }
                (end, true)
            }
            None => (self.data.len(), false),
        }
    }

    /// The object numbered `num` (Null if missing or in a reference cycle).
    pub fn get(&self, num: u32) -> Obj {
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.clone();
        }
        if !self.resolving.borrow_mut().insert(num) {
            return Obj::Null;
        }
        let obj = match self.xref.get(&num).copied() {
            Some(Entry::Offset(off)) if off < self.data.len() => {
                match self.parse_indirect_at(off) {
                    Some((n, o)) if n == num => self.decrypt_strings(num, o),
                    _ => Obj::Null,
                }
            }
            Some(Entry::InStream(stm, idx)) => {
                self.get_from_objstm(stm, idx, num).unwrap_or(Obj::Null)
            }
            Some(Entry::Offset(usize::MAX)) => Obj::Null, // a free entry
            _ => Obj::Null,
        };
        if matches!(obj, Obj::Null)
            && !matches!(self.xref.get(&num), Some(Entry::Offset(usize::MAX)))
        {
            self.missing.set(true);
        }
        self.resolving.borrow_mut().remove(&num);
        self.cache.borrow_mut().insert(num, obj.clone());
        obj
    }

    #[cfg(feature = "decrypt")]
    fn decrypt_strings(&self, num: u32, mut o: Obj) -> Obj {
        if let Some((d, enc_ref)) = &self.crypt {
            if num != *enc_ref {
                let gen = if let Obj::Stream(s) = &o { s.gen } else { 0 };
                d.strings(num, gen, &mut o, 0);
            }
        }
        o
    }

    #[cfg(not(feature = "decrypt"))]
    fn decrypt_strings(&self, _num: u32, o: Obj) -> Obj {
        o
    }

    fn load_objstm_data(&self, s: &Stream) -> Option<ObjStm> {
        let data = self.decode_stream(s).ok()?;
        let n = s
            .dict
            .get(b"N")
            .and_then(Obj::as_i64)
            .unwrap_or(0)
            .clamp(0, 1_000_000);
        let first =
            usize::try_from(s.dict.get(b"First").and_then(Obj::as_i64).unwrap_or(0)).ok()?;
        let mut p = Parser::new(&data, 0, false);
        let mut index = Vec::new();
        for _ in 0..n {
            let (Some(Tok::Int(num)), Some(Tok::Int(off))) = (p.lex.next_tok(), p.lex.next_tok())
            else {
                break;
            };
            let (Ok(num), Ok(off)) = (u32::try_from(num), usize::try_from(off)) else {
                break;
            };
            index.push((num, first.saturating_add(off)));
        }
        Some((data, index))
    }

    fn get_from_objstm(&self, stm: u32, idx: u32, num: u32) -> Option<Obj> {
        if !self.objstm.borrow().contains_key(&stm) {
            // the object stream itself must be a plain object in the file
            let loaded = match self.xref.get(&stm).copied() {
                Some(Entry::Offset(off)) => match self.parse_indirect_at(off) {
                    Some((_, Obj::Stream(s))) => self.load_objstm_data(&s),
                    _ => None,
                },
                _ => None,
            };
            let mut cache = self.objstm.borrow_mut();
            let held: usize = cache.values().flatten().map(|(d, _)| d.len()).sum();
            if held > MAX_OBJSTM_CACHE {
                cache.clear();
            }
            cache.insert(stm, loaded);
        }
        let cache = self.objstm.borrow();
        let (data, index) = cache.get(&stm)?.as_ref()?;
        let &(n, off) = index.get(usize::try_from(idx).ok()?)?;
        let off = if n == num {
            off
        } else {
            index.iter().find(|(k, _)| *k == num)?.1
        };
        let mut p = Parser::new(data, off, true);
        p.next_obj()
    }

    /// Follow references until a direct object.
    pub fn resolve(&self, o: &Obj) -> Obj {
        let mut cur = o.clone();
        for _ in 0..MAX_REF_CHAIN {
            match cur {
                Obj::Ref(n, _) => cur = self.get(n),
                other => return other,
            }
        }
        Obj::Null
    }

    pub fn resolve_dict(&self, o: Option<&Obj>) -> Option<Dict> {
        match self.resolve(o?) {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(s.dict),
            _ => None,
        }
    }

    /// Raw bytes of a stream, decoded through its filters (at most the stream limit).
    pub fn decode_stream(&self, s: &Stream) -> Result<Vec<u8>, PdfError> {
        let raw = self
            .data
            .get(s.start..s.end.min(self.data.len()))
            .ok_or_else(|| PdfError::corrupt("stream data outside the file"))?;
        #[cfg(feature = "decrypt")]
        let decrypted;
        #[cfg(feature = "decrypt")]
        let raw = match &self.crypt {
            Some((d, enc_ref))
                if s.num != *enc_ref
                    && s.dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") =>
            {
                decrypted = d.stream(s.num, s.gen, raw);
                decrypted.as_slice()
            }
            _ => raw,
        };
        let mut list: Vec<(Vec<u8>, Option<Dict>)> = Vec::new();
        let filter = s.dict.get(b"Filter").map(|f| self.resolve(f));
        let parms = s.dict.get(b"DecodeParms").map(|p| self.resolve(p));
        match filter {
            Some(Obj::Name(n)) => {
                let p = match parms {
                    Some(Obj::Dict(d)) => Some(d),
                    Some(Obj::Array(a)) => a.first().and_then(|x| self.resolve_dict(Some(x))),
                    _ => None,
                };
                list.push((n, p));
            }
            Some(Obj::Array(a)) => {
                for (i, f) in a.iter().enumerate() {
                    if let Obj::Name(n) = self.resolve(f) {
                        let p = match &parms {
                            Some(Obj::Array(pa)) => {
                                pa.get(i).and_then(|x| self.resolve_dict(Some(x)))
                            }
                            Some(Obj::Dict(d)) if i == 0 => Some(d.clone()),
                            _ => None,
                        };
                        list.push((n, p));
                    }
                }
            }
            _ => {}
        }
        let out = filters::decode(raw, &list, self.stream_limit)?;
        let total = self.decoded.get().saturating_add(out.len());
        self.decoded.set(total);
        if total > MAX_DOC_DECODED {
            return Err(PdfError::too_large("over 1 GiB decompressed in all"));
        }
        Ok(out)
    }

    // ----- pages -----

    /// Walk the page tree; at most `max_pages` pages (TooLarge beyond).
    pub fn pages(&self, max_pages: usize) -> Result<Vec<Page>, PdfError> {
        let root = self
            .resolve_dict(self.trailer.get(b"Root"))
            .ok_or_else(|| PdfError::corrupt("no document catalog"))?;
        let top = root
            .get(b"Pages")
            .cloned()
            .ok_or_else(|| PdfError::corrupt("no page tree"))?;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let inherit = Inherit::default();
        self.walk(&top, &inherit, &mut seen, &mut out, max_pages, 0)?;
        Ok(out)
    }

    fn walk(
        &self,
        node: &Obj,
        inh: &Inherit,
        seen: &mut HashSet<u32>,
        out: &mut Vec<Page>,
        max_pages: usize,
        depth: usize,
    ) -> Result<(), PdfError> {
        if depth > 64 {
            return Err(PdfError::corrupt("page tree too deep"));
        }
        if let Obj::Ref(n, _) = node {
            if !seen.insert(*n) {
                return Ok(()); // a cycle in the page tree
            }
        }
        let Some(d) = self.resolve_dict(Some(node)) else {
            return Ok(());
        };
        let mut here = inh.clone();
        if let Some(r) = d.get(b"Resources") {
            here.resources = self.resolve_dict(Some(r));
        }
        for (key, slot) in [
            (&b"MediaBox"[..], &mut here.media),
            (&b"CropBox"[..], &mut here.crop),
        ] {
            if let Some(b) = d.get(key) {
                if let Some(r) = self.rect(b) {
                    *slot = Some(r);
                }
            }
        }
        if let Some(r) = d
            .get(b"Rotate")
            .map(|o| self.resolve(o))
            .and_then(|o| o.as_i64())
        {
            here.rotate = r;
        }
        let kids = d.get(b"Kids").map(|k| self.resolve(k));
        let is_pages = d.get(b"Type").and_then(Obj::as_name) == Some(b"Pages")
            || matches!(kids, Some(Obj::Array(_)));
        if is_pages {
            if let Some(Obj::Array(kids)) = kids {
                for k in &kids {
                    self.walk(k, &here, seen, out, max_pages, depth + 1)?;
                }
            }
            return Ok(());
        }
        if out.len() >= max_pages {
            return Err(PdfError::too_large(format!("more than {max_pages} pages")));
        }
        let contents = match d.get(b"Contents").map(|c| self.resolve(c)) {
            Some(Obj::Array(a)) => a,
            Some(Obj::Stream(s)) => vec![Obj::Stream(s)],
            _ => Vec::new(),
        };
        let media = here.media.unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let mut crop = here.crop.unwrap_or(media);
        // crop box is clipped to the media box
        crop = [
            crop[0].max(media[0]),
            crop[1].max(media[1]),
            crop[2].min(media[2]),
            crop[3].min(media[3]),
        ];
        if crop[2] <= crop[0] || crop[3] <= crop[1] {
            crop = media;
        }
        out.push(Page {
            resources: here.resources.clone(),
            contents,
            crop,
            rotate: here.rotate.rem_euclid(360),
        });
        Ok(())
    }

    fn rect(&self, o: &Obj) -> Option<[f64; 4]> {
        let a = match self.resolve(o) {
            Obj::Array(a) => a,
            _ => return None,
        };
        let v: Vec<f64> = a.iter().filter_map(|x| self.resolve(x).as_f64()).collect();
        let (&a0, &a1, &a2, &a3) = (v.first()?, v.get(1)?, v.get(2)?, v.get(3)?);
        let r = [a0.min(a2), a1.min(a3), a0.max(a2), a1.max(a3)];
        if r[2] - r[0] < 1.0 || r[3] - r[1] < 1.0 {
            return None;
        }
        Some(r)
    }
}

#[derive(Clone, Default)]
struct Inherit {
    resources: Option<Dict>,
    media: Option<[f64; 4]>,
    crop: Option<[f64; 4]>,
    rotate: i64,
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Given the offset of `obj`, find `N G ` before it; returns (N, offset of N).
fn obj_header_before(data: &[u8], at: usize) -> Option<(u32, usize)> {
    // the byte after "obj" must be a delimiter
    if let Some(&c) = data.get(at + 3) {
        if !(is_white(c) || matches!(c, b'<' | b'[' | b'/' | b'(' | b'%')) {
            return None;
        }
    }
    let mut i = at;
    let skip_ws_back = |i: &mut usize| {
        while *i > 0 && data.get(*i - 1).is_some_and(|&c| is_white(c)) {
            *i -= 1;
        }
    };
    let digits_back = |i: &mut usize| -> Option<usize> {
        let end = *i;
        while *i > 0 && data.get(*i - 1).is_some_and(u8::is_ascii_digit) {
            *i -= 1;
        }
        if *i == end || end - *i > 10 {
            return None;
        }
        Some(end)
    };
    skip_ws_back(&mut i);
    if i == at {
        return None;
    }
    digits_back(&mut i)?;
    skip_ws_back(&mut i);
    let num_end = digits_back(&mut i)?;
    if i > 0
        && !data
            .get(i - 1)
            .is_some_and(|&c| is_white(c) || c == b'>' || c == b']' || c == b')')
    {
        return None;
    }
    let num: u32 = std::str::from_utf8(data.get(i..num_end)?)
        .ok()?
        .parse()
        .ok()?;
    Some((num, i))
}
