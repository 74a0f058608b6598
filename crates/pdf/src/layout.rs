//! Physical layout: glyphs → words → lines → blocks → columns → text, in the manner of
//! poppler's `pdftotext -layout` (its TextOutputDev physical-layout mode), reimplemented:
//! a block's column is the furthest column reached by any block wholly to its left plus a
//! gutter of 3, and each character of a line takes one column.

use crate::content::{Glyph, PageText};
use crate::error::PdfError;

/// Word comparisons allowed while laying out one page. poppler's block building is
/// quadratic on some inputs (a dense grid of isolated words takes it seconds too); this
/// bounds the time a hostile page can take (~0.3 s native, ~1.5 s in wasm); every page
/// of the corpus and the seed prints stays under 4% of it (checked with a 2 M cap).
const MAX_LAYOUT_WORK: u64 = 50_000_000;
/// Most bytes of laid-out text for one page (runs of spaces grow with the column count).
const MAX_PAGE_TEXT: usize = 16 << 20;

/// Counts the work done on a page and stops it past the limit.
struct Budget(u64);

impl Budget {
    /// Spend `n`; false once the budget is exhausted.
    fn spend(&mut self, n: usize) -> bool {
        self.0 = self.0.saturating_add(n as u64);
        self.0 <= MAX_LAYOUT_WORK
    }
}

// Thresholds, as fractions of the font size (the values poppler's text layout uses).
const WORD_BREAK_SPACE: f64 = 0.1;
const DUP_BREAK_OVERLAP: f64 = 0.2;
const DUP_MAX_PRI: f64 = 0.1;
const DUP_MAX_SEC: f64 = 0.2;
const LINE_SPACING: f64 = 1.5;
const BLOCK_FONT_DELTA1: f64 = 0.05;
const BLOCK_FONT_DELTA2: f64 = 0.6;
const BLOCK_FONT_DELTA3: f64 = 0.2;
const WORD_FONT_DELTA: f64 = 0.05;
const INTRA_LINE: f64 = 0.5;
const MAX_WORD_SPACING: f64 = 1.5;
const COL_SPACING1: f64 = 0.7;
const COL_SPACING2: f64 = 1.0;
const MIN_CHAR_SPACING: f64 = -0.5;
const MAX_CHAR_SPACING: f64 = 0.03;
const WIDE_CHAR_SPACING_MUL: f64 = 1.3;
const MAX_WIDE_CHAR_SPACING: f64 = 0.4;
const POOL_STEP: f64 = 4.0;
const COLUMN_GUTTER: i64 = 3;

#[derive(Debug, Clone)]
struct Word {
    text: Vec<char>,
    edge: Vec<f64>,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
    base: f64,
    fs: f64,
    font: usize,
    char_pos: usize,
    char_len: usize,
    space_after: bool,
}

impl Word {
    fn new(g: &Glyph) -> Word {
        let mut y_min = g.y - g.ascent * g.font_size;
        let mut y_max = g.y - g.descent * g.font_size;
        if y_min == y_max {
            y_min = g.y;
            y_max = g.y + 1.0;
        }
        Word {
            text: Vec::new(),
            edge: Vec::new(),
            x_min: g.x,
            x_max: g.x,
            y_min,
            y_max,
            base: g.y,
            fs: g.font_size,
            font: g.font,
            char_pos: g.char_pos,
            char_len: 0,
            space_after: false,
        }
    }

    fn add(&mut self, g: &Glyph) {
        if self.text.is_empty() {
            self.x_min = g.x;
        }
        // edge[i] is where char i starts and edge[len] where the last one ends;
        // a new char's start replaces the previous end
        self.edge.pop();
        self.edge.push(g.x);
        self.x_max = g.x + g.dx;
        self.edge.push(self.x_max);
        self.text.push(g.ch);
    }

    fn last_start(&self) -> f64 {
        self.edge
            .len()
            .checked_sub(2)
            .and_then(|i| self.edge.get(i))
            .copied()
            .unwrap_or(self.x_min)
    }

    fn delta(&self, next: &Word) -> f64 {
        next.x_min - self.x_max
    }

    fn merge(&mut self, w: Word) {
        self.x_min = self.x_min.min(w.x_min);
        self.y_min = self.y_min.min(w.y_min);
        self.x_max = self.x_max.max(w.x_max);
        self.y_max = self.y_max.max(w.y_max);
        self.edge.pop();
        self.edge.extend_from_slice(&w.edge);
        self.text.extend_from_slice(&w.text);
        self.char_len += w.char_len;
        self.space_after = w.space_after;
    }
}

/// Words grouped by baseline bucket, each bucket sorted by x (stable, as poppler inserts).
/// Removal marks a word dead; a bucket skips its dead prefix through `heads` and is
/// compacted when half dead, so every operation stays amortised O(1) per word.
struct Pool {
    min_idx: i64,
    buckets: Vec<Vec<usize>>,
    heads: Vec<std::cell::Cell<usize>>,
    dead: Vec<usize>,
    alive: Vec<bool>,
}

fn base_idx(base: f64) -> i64 {
    // C's (int) conversion truncates toward zero
    (base / POOL_STEP).trunc() as i64
}

impl Pool {
    fn new(words: &[Word], ids: impl Iterator<Item = usize>) -> Pool {
        let ids: Vec<usize> = ids.filter(|&i| i < words.len()).collect();
        let idxs: Vec<i64> = ids
            .iter()
            .filter_map(|&i| words.get(i))
            .map(|w| base_idx(w.base))
            .collect();
        let min_idx = idxs.iter().copied().min().unwrap_or(0);
        let max_idx = idxs.iter().copied().max().unwrap_or(-1);
        let n = usize::try_from(max_idx - min_idx + 1).unwrap_or(0);
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut alive = vec![false; words.len()];
        for id in ids {
            let Some(w) = words.get(id) else { continue };
            if let Some(b) = usize::try_from(base_idx(w.base) - min_idx)
                .ok()
                .and_then(|i| buckets.get_mut(i))
            {
                b.push(id);
                if let Some(a) = alive.get_mut(id) {
                    *a = true;
                }
            }
        }
        let x = |id: &usize| words.get(*id).map_or(0.0, |w| w.x_min);
        for b in buckets.iter_mut() {
            b.sort_by(|p, q| x(p).total_cmp(&x(q)));
        }
        Pool {
            min_idx,
            heads: (0..n).map(|_| std::cell::Cell::new(0)).collect(),
            dead: vec![0; n],
            buckets,
            alive,
        }
    }

    fn max_idx(&self) -> i64 {
        self.min_idx + self.buckets.len() as i64 - 1
    }

    fn clamp(&self, base: f64) -> i64 {
        base_idx(base).clamp(self.min_idx, self.max_idx().max(self.min_idx))
    }

    fn slot(&self, idx: i64) -> Option<usize> {
        usize::try_from(idx - self.min_idx)
            .ok()
            .filter(|&i| i < self.buckets.len())
    }

    fn is_alive(&self, id: usize) -> bool {
        self.alive.get(id).copied().unwrap_or(false)
    }

    /// The live words of a bucket, in x order.
    fn iter(&self, idx: i64) -> impl Iterator<Item = usize> + '_ {
        let (bucket, start) = match self.slot(idx) {
            Some(i) => {
                let b = self.buckets.get(i).map_or(&[][..], Vec::as_slice);
                let head = self.heads.get(i);
                let mut h = head.map_or(0, std::cell::Cell::get);
                while b.get(h).is_some_and(|&id| !self.is_alive(id)) {
                    h += 1;
                }
                if let Some(c) = head {
                    c.set(h);
                }
                (b, h)
            }
            None => (&[][..], 0),
        };
        bucket
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|&id| self.is_alive(id))
    }

    fn live(&self, idx: i64) -> Vec<usize> {
        self.iter(idx).collect()
    }

    fn first(&self, idx: i64) -> Option<usize> {
        self.iter(idx).next()
    }

    fn remove(&mut self, idx: i64, id: usize) {
        if !self.is_alive(id) {
            return;
        }
        if let Some(a) = self.alive.get_mut(id) {
            *a = false;
        }
        let Some(i) = self.slot(idx) else { return };
        let (Some(d), Some(b)) = (self.dead.get_mut(i), self.buckets.get_mut(i)) else {
            return;
        };
        *d += 1;
        if *d * 2 > b.len() {
            let alive = &self.alive;
            b.retain(|&x| alive.get(x).copied().unwrap_or(false));
            *d = 0;
            if let Some(h) = self.heads.get(i) {
                h.set(0);
            }
        }
    }

    /// The next non-empty bucket at or after `from`.
    fn first_nonempty(&self, from: i64) -> Option<i64> {
        let mut i = from;
        while i <= self.max_idx() {
            if self.first(i).is_some() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// Like poppler: the left-most first word among the first four non-empty lines.
    fn start_word(&self, words: &[Word], min: i64) -> Option<(i64, usize)> {
        let mut start = min;
        let mut best = self.first(min)?;
        for idx in (min + 1)..(min + 4) {
            if idx > self.max_idx() {
                break;
            }
            if let Some(id) = self.first(idx) {
                let (Some(a), Some(b)) = (words.get(id), words.get(best)) else {
                    continue;
                };
                if a.x_min < b.x_min {
                    start = idx;
                    best = id;
                }
            }
        }
        Some((start, best))
    }
}

#[derive(Debug)]
struct Line {
    text: Vec<char>,
    edge: Vec<f64>,
    col: Vec<i64>,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    base: f64,
    fs: f64,
}

struct Block {
    ids: Vec<usize>,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    lines: Vec<Line>,
    n_columns: i64,
    col: i64,
}

impl Block {
    fn add(&mut self, id: usize, w: &Word) {
        if self.ids.is_empty() {
            self.x_min = w.x_min;
            self.x_max = w.x_max;
            self.y_min = w.y_min;
        } else {
            self.x_min = self.x_min.min(w.x_min);
            self.x_max = self.x_max.max(w.x_max);
            self.y_min = self.y_min.min(w.y_min);
        }
        self.ids.push(id);
    }
}

/// Build the words of a page from its glyphs (content order).
fn build_words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut last_overlap = false;
    let finish = |cur: &mut Option<Word>, words: &mut Vec<Word>| {
        if let Some(w) = cur.take() {
            if !w.text.is_empty() {
                words.push(w);
            }
        }
    };
    for g in glyphs {
        if g.ch.is_whitespace() {
            finish(&mut cur, &mut words);
            continue;
        }
        if g.ch == '\0' {
            continue;
        }
        if let Some(w) = cur.as_ref() {
            if !w.text.is_empty() {
                let sp = g.x - w.x_max;
                let delta = g.x - w.last_start();
                let overlap =
                    delta.abs() < DUP_MAX_PRI * w.fs && (g.y - w.base).abs() < DUP_MAX_SEC * w.fs;
                let brk = overlap
                    || last_overlap
                    || sp < -DUP_BREAK_OVERLAP * w.fs
                    || sp > WORD_BREAK_SPACE * w.fs
                    || (g.y - w.base).abs() > 0.5
                    || g.font_size != w.fs
                    || g.rot != 0;
                if brk {
                    finish(&mut cur, &mut words);
                }
                last_overlap = overlap;
            } else {
                last_overlap = false;
            }
        } else {
            last_overlap = false;
        }
        let w = cur.get_or_insert_with(|| Word::new(g));
        w.add(g);
        w.char_len += g.nbytes;
    }
    finish(&mut cur, &mut words);
    words
}

/// Group the page's words into blocks (poppler's block-growing rules).
fn build_blocks(words: &[Word], budget: &mut Budget) -> Vec<Block> {
    let mut pool = Pool::new(words, 0..words.len());
    let mut blocks = Vec::new();
    let mut min_idx = pool.min_idx;
    while let Some(first) = pool.first_nonempty(min_idx) {
        min_idx = first;
        let Some((start, id0)) = pool.start_word(words, first) else {
            break;
        };
        pool.remove(start, id0);
        let Some(w0) = words.get(id0) else { break };
        let mut blk = Block {
            ids: Vec::new(),
            x_min: 0.0,
            x_max: 0.0,
            y_min: 0.0,
            lines: Vec::new(),
            n_columns: 0,
            col: 0,
        };
        blk.add(id0, w0);
        let fs = w0.fs;
        let (mut min_base, mut max_base) = (w0.base, w0.base);
        let col_space1 = COL_SPACING1 * fs;
        let col_space2 = COL_SPACING2 * fs;
        let line_space = LINE_SPACING * fs;
        let intra = INTRA_LINE * fs;
        loop {
            let mut found = false;
            // the line above the block's top
            let mut new_min = min_base;
            let mut idx = pool.clamp(min_base);
            while idx >= pool.clamp(min_base - line_space) {
                let ids: Vec<usize> = pool.live(idx);
                if !budget.spend(ids.len() + 1) {
                    return blocks;
                }
                for id in ids {
                    let Some(w) = words.get(id) else { continue };
                    if w.base < min_base
                        && w.base >= min_base - line_space
                        && w.x_min < blk.x_max
                        && w.x_max > blk.x_min
                        && (w.fs - fs).abs() < BLOCK_FONT_DELTA1 * fs
                    {
                        pool.remove(idx, id);
                        blk.add(id, w);
                        found = true;
                        new_min = w.base;
                    }
                }
                idx -= 1;
            }
            min_base = new_min;
            // the line below the block's bottom
            let mut new_max = max_base;
            let mut idx = pool.clamp(max_base);
            while idx <= pool.clamp(max_base + line_space) {
                let ids: Vec<usize> = pool.live(idx);
                if !budget.spend(ids.len() + 1) {
                    return blocks;
                }
                for id in ids {
                    let Some(w) = words.get(id) else { continue };
                    if w.base > max_base
                        && w.base <= max_base + line_space
                        && w.x_min < blk.x_max
                        && w.x_max > blk.x_min
                        && (w.fs - fs).abs() < BLOCK_FONT_DELTA1 * fs
                    {
                        pool.remove(idx, id);
                        blk.add(id, w);
                        found = true;
                        new_max = w.base;
                    }
                }
                idx += 1;
            }
            max_base = new_max;
            // words on the block's lines that overlap it horizontally
            let lo = pool.clamp(min_base - intra);
            let hi = pool.clamp(max_base + intra);
            for idx in lo..=hi {
                let ids: Vec<usize> = pool.live(idx);
                if !budget.spend(ids.len() + 1) {
                    return blocks;
                }
                for id in ids {
                    let Some(w) = words.get(id) else { continue };
                    if w.base >= min_base - intra
                        && w.base <= max_base + intra
                        && w.x_min < blk.x_max + col_space1
                        && w.x_max > blk.x_min - col_space1
                        && (w.fs - fs).abs() < BLOCK_FONT_DELTA2 * fs
                    {
                        pool.remove(idx, id);
                        blk.add(id, w);
                        found = true;
                    }
                }
            }
            if found {
                continue;
            }
            // up to three near words on the left, then on the right (the block and its
            // baseline range grow as words are added, as in poppler)
            for side in [false, true] {
                let near = |w: &Word, blk: &Block, mb: f64, xb: f64| {
                    w.base >= mb - intra
                        && w.base <= xb + intra
                        && (w.fs - fs).abs() < BLOCK_FONT_DELTA3 * fs
                        && if side {
                            w.x_min >= blk.x_max && w.x_min < blk.x_max + col_space2
                        } else {
                            w.x_max <= blk.x_min && w.x_max > blk.x_min - col_space2
                        }
                };
                let mut n = 0;
                let mut idx = pool.clamp(min_base - intra);
                while idx <= pool.clamp(max_base + intra) {
                    let ids = pool.live(idx);
                    if !budget.spend(ids.len() + 1) {
                        return blocks;
                    }
                    if ids.iter().any(|&id| {
                        words
                            .get(id)
                            .is_some_and(|w| near(w, &blk, min_base, max_base))
                    }) {
                        n += 1;
                    }
                    idx += 1;
                }
                if n > 0 && n <= 3 {
                    let mut idx = pool.clamp(min_base - intra);
                    while idx <= pool.clamp(max_base + intra) {
                        let ids: Vec<usize> = pool.live(idx);
                        if !budget.spend(ids.len() + 1) {
                            return blocks;
                        }
                        if !budget.spend(ids.len() + 1) {
                            return blocks;
                        }
                        let pick = ids.into_iter().find(|&id| {
                            words
                                .get(id)
                                .is_some_and(|w| near(w, &blk, min_base, max_base))
                        });
                        if let Some((id, w)) = pick.and_then(|id| words.get(id).map(|w| (id, w))) {
                            pool.remove(idx, id);
                            blk.add(id, w);
                            if w.base < min_base {
                                min_base = w.base;
                            } else if w.base > max_base {
                                max_base = w.base;
                            }
                            found = true;
                        }
                        idx += 1;
                    }
                }
            }
            if !found {
                break;
            }
        }
        blocks.push(blk);
    }
    blocks
}

/// Lines of one block, with their columns relative to the block.
fn block_lines(words: &[Word], blk: &mut Block, budget: &mut Budget) {
    // drop duplicated words (fake bold, shadows): same text at nearly the same place.
    // Earlier words are indexed by (text, x) so only near neighbours are compared.
    let max_fs = blk
        .ids
        .iter()
        .filter_map(|&id| words.get(id))
        .map(|w| w.fs)
        .fold(0.0, f64::max);
    let reach = DUP_MAX_PRI * max_fs;
    let key = |x: f64| {
        let b = x.to_bits();
        if b >> 63 == 1 {
            !b
        } else {
            b | (1 << 63)
        }
    };
    let mut ids: Vec<usize> = Vec::new();
    let mut seen: std::collections::BTreeMap<(&[char], u64, usize), ()> =
        std::collections::BTreeMap::new();
    for &id in &blk.ids {
        let Some(w) = words.get(id) else { continue };
        let t = w.text.as_slice();
        let lo = (t, key(w.x_min - reach), 0usize);
        let hi = (t, key(w.x_min + reach), usize::MAX);
        let dup = lo <= hi
            && seen.range(lo..=hi).any(|(&(_, _, o), _)| {
                words.get(o).is_some_and(|v| {
                    (v.x_min - w.x_min).abs() < DUP_MAX_PRI * v.fs
                        && (v.x_max - w.x_max).abs() < DUP_MAX_PRI * v.fs
                        && (v.y_min - w.y_min).abs() < DUP_MAX_SEC * v.fs
                        && (v.y_max - w.y_max).abs() < DUP_MAX_SEC * v.fs
                })
            });
        if !dup {
            seen.insert((t, key(w.x_min), id), ());
            ids.push(id);
        }
    }
    let mut pool = Pool::new(words, ids.into_iter());
    let mut lines: Vec<Line> = Vec::new();
    let mut min_idx = pool.min_idx;
    while let Some(first) = pool.first_nonempty(min_idx) {
        min_idx = first;
        let Some((start, id0)) = pool.start_word(words, first) else {
            break;
        };
        pool.remove(start, id0);
        let Some(w0) = words.get(id0) else { break };
        let mut line_words: Vec<Word> = vec![w0.clone()];
        let fs = w0.fs;
        let min_base = w0.base - INTRA_LINE * fs;
        let max_base = w0.base + INTRA_LINE * fs;
        let (lo, hi) = (pool.clamp(min_base), pool.clamp(max_base));
        while let Some(last) = line_words.last() {
            // the left-most word within reach on each baseline bucket; a word that
            // overlaps the line's end (e.g. squeezed punctuation) ends the line
            let mut best: Option<(i64, usize)> = None;
            let mut overlap = false;
            for idx in lo..=hi {
                for id in pool.iter(idx) {
                    if !budget.spend(1) {
                        return;
                    }
                    let Some(w) = words.get(id) else { continue };
                    if w.base >= min_base && w.base <= max_base {
                        let delta = last.delta(w);
                        if delta < MIN_CHAR_SPACING * fs {
                            overlap = true;
                        } else {
                            let better = best
                                .and_then(|(_, b)| words.get(b))
                                .is_none_or(|b| w.x_min < b.x_min);
                            if delta < MAX_WORD_SPACING * fs && better {
                                best = Some((idx, id));
                            }
                        }
                        break;
                    }
                }
                if overlap {
                    break;
                }
            }
            if overlap {
                break;
            }
            let Some((idx, id)) = best else { break };
            pool.remove(idx, id);
            if let Some(w) = words.get(id) {
                line_words.push(w.clone());
            }
        }
        lines.push(coalesce_line(line_words, w0.base));
    }
    // reading order within the block: by baseline, then x
    lines.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x_min.total_cmp(&b.x_min)));
    // column assignment inside the block, in x order
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| {
        let (la, lb) = (lines.get(a), lines.get(b));
        match (la, lb) {
            (Some(la), Some(lb)) => la
                .x_min
                .total_cmp(&lb.x_min)
                .then(la.base.total_cmp(&lb.base)),
            _ => std::cmp::Ordering::Equal,
        }
    });
    let mut n_columns = 0;
    for (i, &li) in order.iter().enumerate() {
        let Some(line0) = lines.get(li) else { continue };
        let x0 = line0.x_min;
        let mut col1 = 0;
        for &lj in order.iter().take(i) {
            let Some(line1) = lines.get(lj) else { continue };
            let col2 = if x0 - line1.x_max >= 0.0 {
                line1.col.last().copied().unwrap_or(0) + 1
            } else {
                let mut k = 0usize;
                while k < line1.text.len() {
                    let (a, b) = (
                        line1.edge.get(k).copied().unwrap_or(0.0),
                        line1.edge.get(k + 1).copied().unwrap_or(0.0),
                    );
                    if x0 >= 0.5 * (a + b) {
                        k += 1;
                    } else {
                        break;
                    }
                }
                line1.col.get(k).copied().unwrap_or(0)
            };
            col1 = col1.max(col2);
        }
        if let Some(line0) = lines.get_mut(li) {
            for c in line0.col.iter_mut() {
                *c += col1;
            }
            n_columns = n_columns.max(line0.col.last().copied().unwrap_or(0));
        }
    }
    blk.lines = lines;
    blk.n_columns = n_columns;
}

/// Merge a line's words, decide where spaces go, and number its columns.
fn coalesce_line(mut ws: Vec<Word>, base: f64) -> Line {
    let fs = ws.first().map_or(1.0, |w| w.fs);
    if ws.len() > 1 {
        let single = |w: Option<&Word>| w.is_some_and(|w| w.text.len() <= 1);
        let mut min_space = 0.0;
        if single(ws.first()) && single(ws.get(1)) {
            if let (Some(a), Some(b)) = (ws.first(), ws.get(1)) {
                min_space = a.delta(b);
            }
            let mut i = 1;
            while i + 1 < ws.len() && min_space > 0.0 {
                if let (Some(a), Some(b)) = (ws.get(i), ws.get(i + 1)) {
                    if b.text.len() > 1 {
                        min_space = 0.0;
                    }
                    min_space = f64::min(min_space, a.delta(b));
                }
                i += 1;
            }
        }
        let space = if min_space <= 0.0 {
            MAX_CHAR_SPACING * fs
        } else {
            (WIDE_CHAR_SPACING_MUL * min_space).min(MAX_WIDE_CHAR_SPACING * fs)
        };
        let mut merged: Vec<Word> = Vec::with_capacity(ws.len());
        for w in ws.drain(..) {
            match merged.last_mut() {
                Some(prev) => {
                    if prev.delta(&w) >= space {
                        prev.space_after = true;
                        merged.push(w);
                    } else if prev.font == w.font
                        && (prev.fs - w.fs).abs() < WORD_FONT_DELTA * fs
                        && w.char_pos == prev.char_pos + prev.char_len
                    {
                        prev.merge(w);
                    } else {
                        merged.push(w);
                    }
                }
                None => merged.push(w),
            }
        }
        ws = merged;
    }
    let mut text = Vec::new();
    let mut edge = Vec::new();
    let (mut x_min, mut x_max, mut y_min) = (f64::MAX, f64::MIN, f64::MAX);
    for w in &ws {
        x_min = x_min.min(w.x_min);
        x_max = x_max.max(w.x_max);
        y_min = y_min.min(w.y_min);
        for (i, &c) in w.text.iter().enumerate() {
            text.push(c);
            edge.push(w.edge.get(i).copied().unwrap_or(w.x_min));
        }
        let end = w.edge.get(w.text.len()).copied().unwrap_or(w.x_max);
        if w.space_after {
            text.push(' ');
            edge.push(end);
        }
    }
    let end = ws.last().map_or(x_max, |w| {
        w.edge.get(w.text.len()).copied().unwrap_or(w.x_max)
    });
    edge.push(end);
    let col: Vec<i64> = (0..=text.len() as i64).collect();
    Line {
        text,
        edge,
        col,
        x_min,
        x_max,
        y_min,
        base,
        fs,
    }
}

/// A stable merge sort that never panics, whatever the comparator.
fn merge_sort<T>(mut v: Vec<T>, less: &dyn Fn(&T, &T) -> bool) -> Vec<T> {
    if v.len() <= 1 {
        return v;
    }
    let right = v.split_off(v.len() / 2);
    let left = merge_sort(v, less);
    let right = merge_sort(right, less);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        let take_right = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => less(b, a),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right { r.next() } else { l.next() };
        if let Some(x) = next {
            out.push(x);
        }
    }
    out
}

/// Words → blocks → lines, with every line's columns assigned (page-wide).
fn page_blocks(page: &PageText) -> Result<Vec<Block>, PdfError> {
    let words = build_words(&page.glyphs);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut budget = Budget(0);
    let mut blocks = build_blocks(&words, &mut budget);
    for b in blocks.iter_mut() {
        block_lines(&words, b, &mut budget);
    }
    if !budget.spend(blocks.len()) {
        return Err(PdfError::too_large(
            "text on one page too complex to lay out",
        ));
    }
    // block columns, in x order
    blocks.sort_by(|a, b| {
        a.x_min
            .total_cmp(&b.x_min)
            .then(a.y_min.total_cmp(&b.y_min))
    });
    // Blocks wholly to the left only matter through max(col + nColumns + 3): they are
    // retired from `active` (kept sorted by right edge, largest first) into `left_max` as
    // the sweep moves right, so only horizontally overlapping blocks are compared one by
    // one. Same result as comparing every pair, without the quadratic cost.
    let mut left_max: i64 = 0;
    let mut active: Vec<(f64, i64, i64, f64)> = Vec::new(); // (x_max, col, n_columns, x_min)
    for b0 in blocks.iter_mut() {
        let x0 = b0.x_min;
        while let Some(&(x_max, col, ncols, _)) = active.last() {
            if x0 > x_max {
                left_max = left_max.max(col + ncols + COLUMN_GUTTER);
                active.pop();
            } else {
                break;
            }
        }
        let mut col1 = left_max;
        for &(x_max, col, ncols, x_min) in &active {
            let col2 = if x_max == x_min {
                col
            } else {
                col + (((x0 - x_min) / (x_max - x_min)) * ncols as f64) as i64
            };
            col1 = col1.max(col2);
        }
        b0.col = col1;
        for l in b0.lines.iter_mut() {
            for c in l.col.iter_mut() {
                *c += col1;
            }
        }
        let entry = (b0.x_max, b0.col, b0.n_columns, b0.x_min);
        let pos = active.partition_point(|e| e.0 >= entry.0);
        active.insert(pos, entry);
    }
    Ok(blocks)
}

/// Lay out one page as text lines (without the trailing form feed).
pub(crate) fn layout_page(page: &PageText) -> Result<String, PdfError> {
    let blocks = page_blocks(page)?;
    if blocks.is_empty() {
        return Ok(String::new());
    }
    let frags: Vec<Line> = blocks.into_iter().flat_map(|b| b.lines).collect();
    let frags = merge_sort(frags, &|a: &Line, b: &Line| {
        let d = a.y_min - b.y_min;
        if d.abs() < 0.01 {
            a.x_min < b.x_min
        } else {
            d < 0.0
        }
    });
    // frags whose baselines are within half a font size of a run's first frag form one
    // visual line; order those by column (by y where their columns overlap)
    let mut lines_sorted: Vec<Line> = Vec::with_capacity(frags.len());
    let mut rest = frags.into_iter().peekable();
    while let Some(first) = rest.next() {
        let delta = INTRA_LINE * first.fs;
        let base = first.base;
        let mut group = vec![first];
        while let Some(n) = rest.peek() {
            if (n.base - base).abs() < delta {
                if let Some(n) = rest.next() {
                    group.push(n);
                }
            } else {
                break;
            }
        }
        let group = merge_sort(group, &|a: &Line, b: &Line| {
            let (ca, cb) = (
                a.col.first().copied().unwrap_or(0),
                b.col.first().copied().unwrap_or(0),
            );
            let (la, lb) = (a.text.len() as i64, b.text.len() as i64);
            if ca < cb + lb && cb < ca + la {
                a.y_min < b.y_min
            } else {
                ca < cb
            }
        });
        lines_sorted.extend(group);
    }
    let frags = lines_sorted;
    let mut out = String::new();
    let mut col: i64 = 0;
    let mut it = frags.iter().peekable();
    while let Some(f) = it.next() {
        let start = f.col.first().copied().unwrap_or(0);
        if out.len() as i64 + (start - col).max(0) > MAX_PAGE_TEXT as i64 {
            return Err(PdfError::too_large("laid-out text of one page over 16 MiB"));
        }
        while col < start {
            out.push(' ');
            col += 1;
        }
        out.extend(f.text.iter());
        col += f.text.len() as i64;
        let next = it.peek();
        let brk = match next {
            None => true,
            Some(n) => {
                n.col.first().copied().unwrap_or(0) < col
                    || (n.base - f.base).abs() > INTRA_LINE * f.fs
            }
        };
        if brk {
            let d = match next {
                Some(n) if f.fs > 0.0 => (((n.base - f.base) / f.fs) as i64).clamp(1, 5),
                _ => 1,
            };
            for _ in 0..d {
                out.push('\n');
            }
            col = 0;
        }
    }
    Ok(out)
}

/// Debugging aid: the blocks of a page with their columns and lines.
pub(crate) fn debug_blocks(page: &PageText) -> String {
    let mut out = String::new();
    for b in &page_blocks(page).unwrap_or_default() {
        out.push_str(&format!(
            "block x={:.3}..{:.3} y={:.3} col={} ncols={}\n",
            b.x_min, b.x_max, b.y_min, b.col, b.n_columns
        ));
        for l in &b.lines {
            let t: String = l.text.iter().collect();
            out.push_str(&format!(
                "  line x={:.3}..{:.3} base={:.3} col0={} {t:?}\n",
                l.x_min,
                l.x_max,
                l.base,
                l.col.first().copied().unwrap_or(0)
            ));
        }
    }
    out
}
