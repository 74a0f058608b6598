//! # yusuan-pdf
//!
//! Reads the text layer of a PDF and lays it out the way poppler's `pdftotext -layout`
//! does: one output line per visual line, cells placed by their x positions with runs of
//! spaces between columns, pages separated by a form feed (`\x0c`).
//!
//! Pure Rust (one dependency, `miniz_oxide`), no `unsafe`, suitable for
//! `wasm32-unknown-unknown`. Every input is bounded by explicit limits so that hostile
//! or broken files end in a [`PdfError`] rather than a panic, a hang or unbounded memory.
//!
//! ```no_run
//! let bytes = std::fs::read("budget.pdf").unwrap();
//! match yusuan_pdf::pdf_to_text(&bytes) {
//!     Ok(t) => print!("{}", t.text),
//!     Err(e) => eprintln!("{}", e.message_zh()),
//! }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod content;
#[cfg(feature = "decrypt")]
mod crypt;
mod doc;
mod encoding;
mod error;
mod filters;
mod font;
mod layout;
mod object;
mod tiles;

pub use error::PdfError;

/// Largest accepted input.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// Most pages read.
pub const MAX_PAGES: usize = 500;
/// Most decompressed content (all content streams and forms) of one page.
pub const MAX_PAGE_CONTENT_BYTES: usize = 16 * 1024 * 1024;
/// Most content-stream operators run on one page.
pub const MAX_OPS_PER_PAGE: usize = 2_000_000;
/// Deepest nesting of Form XObjects followed.
pub const MAX_FORM_DEPTH: usize = 8;
/// Most characters kept on one page.
pub const MAX_GLYPHS_PER_PAGE: usize = 400_000;

/// The text of a PDF, laid out like `pdftotext -layout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// All pages, each followed by a form feed `\x0c`.
    pub text: String,
    /// Number of pages read.
    pub pages: usize,
    /// The pages (1-based) joined to the right of the page before them, as tiles of one
    /// printed sheet ([`pdf_to_text_joining_tiles`]); each is part of that page's text, with
    /// no form feed of its own.
    pub joined: Vec<usize>,
}

/// Read the text layer of `bytes` (a whole PDF file).
///
/// Errors: [`PdfError::NoText`] when no page has any text (a scan),
/// [`PdfError::Encrypted`] for encrypted files that need a password (files encrypted
/// with an empty user password are opened when the default `decrypt` feature is on), [`PdfError::Corrupt`] for non-PDFs and
/// damaged files, [`PdfError::TooLarge`] when a limit is exceeded.
pub fn pdf_to_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    read(bytes, false)
}

/// As [`pdf_to_text`], but a page that is the right-hand tile of the page before it (a wide
/// spreadsheet printed over pages: the first columns on one page, the next on the next, row
/// beside row) is joined to the right of that page, so that each row reads whole; the pages
/// joined are listed in [`PdfText::joined`].
///
/// Errors: as [`pdf_to_text`].
pub fn pdf_to_text_joining_tiles(bytes: &[u8]) -> Result<PdfText, PdfError> {
    read(bytes, true)
}

fn read(bytes: &[u8], join_tiles: bool) -> Result<PdfText, PdfError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(PdfError::too_large("file over 32 MiB"));
    }
    let doc = doc::Doc::open(bytes, MAX_PAGE_CONTENT_BYTES)?;
    let pages = doc.pages(MAX_PAGES)?;
    if pages.is_empty() {
        return Err(PdfError::corrupt("the document has no pages"));
    }
    let limits = PAGE_LIMITS;
    let mut fonts = content::FontCache::default();
    let mut text = String::new();
    let mut any_text = false;
    let mut joined = Vec::new();
    // The page read last (1-based number, content), laid out once the next is known not to
    // continue it.
    let mut pending: Option<(usize, content::PageText)> = None;
    let flush = |page: Option<(usize, content::PageText)>, text: &mut String| {
        if let Some((n, pt)) = page {
            text.push_str(&layout::layout_page(&pt).map_err(|e| e.on_page(n))?);
            text.push('\x0c');
        }
        Ok::<(), PdfError>(())
    };
    for (i, page) in pages.iter().enumerate() {
        let pt = content::run_page(&doc, page, limits, &mut fonts).map_err(|e| e.on_page(i + 1))?;
        if pt.glyphs.iter().any(|g| !g.ch.is_whitespace()) {
            any_text = true;
        }
        if let Some((_, left)) = pending.as_mut() {
            if join_tiles
                && tiles::continues_right(left, &pt)
                && tiles::fits(left, &pt, limits.max_glyphs)
            {
                tiles::join_right(left, pt);
                joined.push(i + 1);
                continue;
            }
        }
        flush(pending.take(), &mut text)?;
        pending = Some((i + 1, pt));
    }
    flush(pending.take(), &mut text)?;
    if doc.rebuilt && doc.missing.get() {
        return Err(PdfError::corrupt(
            "the file is truncated or damaged: objects are missing",
        ));
    }
    if !any_text {
        return Err(PdfError::NoText);
    }
    Ok(PdfText {
        text,
        pages: pages.len(),
        joined,
    })
}

/// `(char, x, baseline y, advance, font size)`, see [`debug_glyphs`].
#[doc(hidden)]
pub type DebugGlyph = (char, f64, f64, f64, f64);

/// The caps every page is read under.
const PAGE_LIMITS: content::PageLimits = content::PageLimits {
    max_content_bytes: MAX_PAGE_CONTENT_BYTES,
    max_ops: MAX_OPS_PER_PAGE,
    max_form_depth: MAX_FORM_DEPTH,
    max_glyphs: MAX_GLYPHS_PER_PAGE,
};

/// One page (1-based) run through the content interpreter, for the debugging aids.
fn debug_page(bytes: &[u8], page: usize) -> Result<content::PageText, PdfError> {
    let doc = doc::Doc::open(bytes, MAX_PAGE_CONTENT_BYTES)?;
    let pages = doc.pages(MAX_PAGES)?;
    let p = pages
        .get(page.saturating_sub(1))
        .ok_or_else(|| PdfError::corrupt("no such page"))?;
    let mut fonts = content::FontCache::default();
    content::run_page(&doc, p, PAGE_LIMITS, &mut fonts)
}

/// Debugging aid: the positioned characters of one page (1-based) as
/// `(char, x, baseline y, advance, font size)` in device space.
#[doc(hidden)]
pub fn debug_glyphs(bytes: &[u8], page: usize) -> Result<Vec<DebugGlyph>, PdfError> {
    Ok(debug_page(bytes, page)?
        .glyphs
        .iter()
        .map(|g| (g.ch, g.x, g.y, g.dx, g.font_size))
        .collect())
}

/// Debugging aid: the text blocks of one page (1-based), as the layout builds them.
#[doc(hidden)]
pub fn debug_blocks(bytes: &[u8], page: usize) -> Result<String, PdfError> {
    Ok(layout::debug_blocks(&debug_page(bytes, page)?))
}
