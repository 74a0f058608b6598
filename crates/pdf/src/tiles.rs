//! Pages that are tiles of one sheet. A spreadsheet printed to PDF (LibreOffice Calc, Excel)
//! puts a wide sheet's first columns on one page and its next columns on the next page, each
//! row at the same height on both: the names on one page, their amounts on the other. Such a
//! page is joined to the right of the page before it, so that each row reads whole.
//!
//! A page continues the one before it to the right when nearly every line of it sits at the
//! height of a line of the page before, at least half of its lines are amounts and nothing
//! else, and at least half of the lines beside those print words; or, for a small table's
//! tile (a header and a few rows), when below its header every line with a digit is amounts
//! only, each beside a line of words, and the lines at no height of the page before (half at
//! most) are words. Two pages of running text or of one
//! table continued downwards (whose lines may share their heights too) print words beside
//! their digits, and are left as they are.

use crate::content::{Glyph, PageText};

/// Lines whose baselines are this close (in points) are one row.
const SAME_ROW: f64 = 1.0;

/// One line of a page: its baseline and whether it prints words, or amounts only.
struct Row {
    y: f64,
    amounts_only: bool,
    words: bool,
    digits: bool,
}

fn rows(page: &PageText) -> Vec<Row> {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace())
        .collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out: Vec<Row> = Vec::new();
    let mut line: Vec<&Glyph> = Vec::new();
    let finish = |line: &mut Vec<&Glyph>, out: &mut Vec<Row>| {
        let Some(first) = line.first() else {
            return;
        };
        let numeric = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '−' | '%');
        let words = line.iter().any(|g| !numeric(g.ch));
        let digits = line.iter().any(|g| g.ch.is_ascii_digit());
        out.push(Row {
            y: first.y,
            amounts_only: digits && !words,
            words,
            digits,
        });
        line.clear();
    };
    for g in glyphs {
        if line.first().is_some_and(|f| (g.y - f.y).abs() > SAME_ROW) {
            finish(&mut line, &mut out);
        }
        line.push(g);
    }
    finish(&mut line, &mut out);
    out
}

/// Whether `next` is the tile to the right of `page` (see the module's comment).
pub(crate) fn continues_right(page: &PageText, next: &PageText) -> bool {
    let upright = |p: &PageText| p.glyphs.iter().all(|g| g.rot == 0);
    if !upright(page) || !upright(next) {
        return false;
    }
    let (left, right) = (rows(page), rows(next));
    let beside = |r: &Row| left.iter().find(|l| (l.y - r.y).abs() <= SAME_ROW);
    let matched = right.iter().filter(|r| beside(r).is_some()).count();
    let amounts: Vec<&Row> = right.iter().filter(|r| r.amounts_only).collect();
    let named = amounts
        .iter()
        .filter(|r| beside(r).is_some_and(|l| l.words))
        .count();
    let many = right.len() >= 3
        && matched * 10 >= right.len() * 9
        && amounts.len() >= 3
        && amounts.len() * 2 >= right.len()
        && named * 2 >= amounts.len();
    // A small table's tile (a header and a few rows): every line with a digit is amounts
    // only, beside a line that prints words; the lines at no height of the page before are
    // header words (a header wrapped over more lines on this tile), and half at least are.
    // Its header may print a year (`2022 年政府采购项目`): words with digits above the
    // first line of amounts, none below it.
    let first_amounts = right.iter().position(|r| r.amounts_only);
    let body: &[Row] = first_amounts.and_then(|k| right.get(k..)).unwrap_or(&[]);
    let body_plain = body.iter().all(|r| r.amounts_only || !r.digits);
    let unmatched_words_only = right
        .iter()
        .filter(|r| beside(r).is_none())
        .all(|r| !r.amounts_only);
    let small = right.len() >= 3
        && matched * 2 >= right.len()
        && unmatched_words_only
        && !amounts.is_empty()
        && body_plain
        && named == amounts.len();
    many || small
}

/// Whether `page` and `next` together stay within `max_glyphs` characters.
pub(crate) fn fits(page: &PageText, next: &PageText, max_glyphs: usize) -> bool {
    page.glyphs.len().saturating_add(next.glyphs.len()) <= max_glyphs
}

/// `next` joined to the right of `page`: its characters moved right of the page's, with a gap
/// of two characters, after them in reading order.
/// A line's text by its baseline (glyphs within [`SAME_ROW`] of the line's first), in reading
/// order, whitespace left out.
fn line_texts(glyphs: &[Glyph]) -> Vec<(f64, String)> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| !g.ch.is_whitespace()).collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<(f64, String)> = Vec::new();
    for g in sorted {
        match out.last_mut() {
            Some((y, text)) if (g.y - *y).abs() <= SAME_ROW => text.push(g.ch),
            _ => out.push((g.y, g.ch.to_string())),
        }
    }
    out
}

pub(crate) fn join_right(page: &mut PageText, next: PageText) {
    // A title the sheet repeats on every tile (`支出总表` at the same height on both) is read
    // once.
    let left = line_texts(&page.glyphs);
    let repeated: Vec<f64> = line_texts(&next.glyphs)
        .into_iter()
        .filter(|(y, t)| {
            left.iter()
                .any(|(ly, lt)| (ly - y).abs() <= SAME_ROW && lt == t)
        })
        .map(|(y, _)| y)
        .collect();
    let mut next = next;
    next.glyphs
        .retain(|g| !repeated.iter().any(|y| (g.y - y).abs() <= SAME_ROW));
    let right_edge = page
        .glyphs
        .iter()
        .map(|g| g.x + g.dx)
        .fold(f64::MIN, f64::max);
    let left_edge = next.glyphs.iter().map(|g| g.x).fold(f64::MAX, f64::min);
    let size = page
        .glyphs
        .iter()
        .map(|g| g.font_size)
        .fold(0.0_f64, f64::max);
    let shift = right_edge - left_edge + 2.0 * size;
    let shift = if shift.is_finite() { shift } else { 0.0 };
    let pos = page
        .glyphs
        .iter()
        .map(|g| g.char_pos.saturating_add(g.nbytes))
        .max()
        .unwrap_or(0);
    page.glyphs.extend(next.glyphs.into_iter().map(|mut g| {
        g.x += shift;
        g.char_pos = g.char_pos.saturating_add(pos.saturating_add(1));
        g
    }));
}
