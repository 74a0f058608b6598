//! Workbooks through calamine: .xlsx cell by cell with each cell's number format, .xls and
//! .ods sheet by sheet; every cell made the text it displays.

use std::io::Cursor;

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, Ods, Reader, Xls, XlsError, Xlsx, XlsxError,
};
use rust_decimal::Decimal;

use crate::error::{Limit, SheetError};
use crate::grid::{cell_name, Grid};
use crate::ods::Scan;
use crate::xlsformats::XlsFormats;
use crate::{limits, numfmt, SheetNote};

/// What reading a workbook gives: its sheets' grids and the notes on shown numbers.
pub(crate) struct Read {
    pub(crate) grids: Vec<Grid>,
    pub(crate) notes: Vec<SheetNote>,
}

struct Ctx<'a> {
    file: &'a str,
    sheet: String,
    cells: u64,
    notes: Vec<SheetNote>,
}

impl Ctx<'_> {
    fn too_large(&self, cell: Option<String>, what: Limit, limit: u64) -> SheetError {
        SheetError::TooLarge {
            file: self.file.to_string(),
            sheet: Some(self.sheet.clone()),
            cell,
            what,
            limit,
        }
    }

    fn corrupt(&self, reason: impl std::fmt::Display) -> SheetError {
        SheetError::Corrupt {
            file: self.file.to_string(),
            sheet: Some(self.sheet.clone()),
            reason: reason.to_string(),
        }
    }

    /// Checks a cell's place and text, and counts it.
    fn admit(&mut self, row: u32, col: u32, text_len: usize) -> Result<(), SheetError> {
        if row >= limits::MAX_ROWS {
            return Err(self.too_large(None, Limit::Rows, u64::from(limits::MAX_ROWS)));
        }
        if text_len > limits::MAX_CELL_TEXT {
            return Err(self.too_large(
                Some(cell_name(row, col)),
                Limit::CellText,
                limits::MAX_CELL_TEXT as u64,
            ));
        }
        self.cells += 1;
        if self.cells > limits::MAX_CELLS {
            return Err(self.too_large(None, Limit::Cells, limits::MAX_CELLS));
        }
        Ok(())
    }

    fn note(&mut self, row: u32, col: u32, stored: String, shown: &str) {
        let cell = cell_name(row, col);
        let sheet = self.sheet.clone();
        let (message_zh, message_en) = note_messages(self.file, &sheet, &cell, &stored, shown);
        self.notes.push(SheetNote {
            sheet,
            cell,
            stored,
            shown: shown.to_string(),
            message_zh,
            message_en,
        });
    }

    /// A number under a format code: its shown text, with a note when it differs from the
    /// stored value by more than float noise.
    fn number(&mut self, row: u32, col: u32, x: f64, code: Option<&str>) -> String {
        let shown = numfmt::show(x, code);
        if let Some(stored) = shown.differs {
            self.note(row, col, stored, &shown.text);
        }
        shown.text
    }
}

fn note_messages(
    file: &str,
    sheet: &str,
    cell: &str,
    stored: &str,
    shown: &str,
) -> (String, String) {
    let digits = stored.chars().filter(char::is_ascii_digit).count();
    if digits > 15 && !stored.contains('.') {
        (
            format!("“{file}”工作表“{sheet}”单元格 {cell}：存的整数 {stored} 超过 15 位有效数字，表格软件只显示 {shown}；本文取显示值。编码、账号等长数字应存为文本"),
            format!("“{file}”, sheet “{sheet}”, cell {cell}: the stored integer {stored} has more than 15 significant digits, which a spreadsheet shows as {shown}; the text gives the shown value. Long codes and account numbers should be stored as text"),
        )
    } else {
        (
            format!("“{file}”工作表“{sheet}”单元格 {cell}：存的是 {stored}，按数字格式显示为 {shown}；本文取显示值（与打印的表一致）"),
            format!("“{file}”, sheet “{sheet}”, cell {cell}: the stored value is {stored}, shown as {shown} under its number format; the text gives the shown value, as a printed table does"),
        )
    }
}

/// A date or time as `2022-01-01`, `2022-01-01 08:30:00` or `08:30:00`.
fn date_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return numfmt::general(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let has_time = h != 0 || mi != 0 || s != 0;
    if dt.as_f64() < 1.0 && has_time {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if has_time {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}")
    }
}

fn bool_text(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// Drops values inside merged areas other than each area's top-left cell (where a merged
/// cell's value sits); the other cells stay empty.
fn apply_merges(grid: &mut Grid, merges: &[Dimensions]) {
    if merges.is_empty() {
        return;
    }
    grid.merges = merges
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    let areas = &grid.merges;
    grid.cells.retain(|(r, c, _)| {
        !areas.iter().any(|(r0, c0, r1, c1)| {
            (r0..=r1).contains(&r) && (c0..=c1).contains(&c) && (r, c) != (r0, c0)
        })
    });
}

fn xlsx_error(file: &str, sheet: Option<&str>, e: XlsxError) -> SheetError {
    match e {
        XlsxError::Password => SheetError::Encrypted {
            file: file.to_string(),
        },
        e => SheetError::Corrupt {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            reason: e.to_string(),
        },
    }
}

fn check_sheet_count(file: &str, n: usize) -> Result<(), SheetError> {
    if n > limits::MAX_SHEETS {
        return Err(SheetError::TooLarge {
            file: file.to_string(),
            sheet: None,
            cell: None,
            what: Limit::Sheets,
            limit: limits::MAX_SHEETS as u64,
        });
    }
    Ok(())
}

/// An .xlsx (its zip already checked by [`crate::zipguard`]).
pub(crate) fn xlsx(bytes: &[u8], file: &str) -> Result<Read, SheetError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsx_error(file, None, e))?;
    let names = wb.sheet_names();
    check_sheet_count(file, names.len())?;
    let mut ctx = Ctx {
        file,
        sheet: String::new(),
        cells: 0,
        notes: Vec::new(),
    };
    let mut grids = Vec::new();
    for name in names {
        ctx.sheet = name.clone();
        let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut reader = match wb.worksheet_cells_reader(&name) {
            Ok(r) => r,
            Err(XlsxError::NotAWorksheet(_)) => continue, // a chart sheet
            Err(e) => return Err(xlsx_error(file, Some(&name), e)),
        };
        let codes: Vec<Option<String>> = reader
            .styles()
            .iter()
            .map(|s| s.number_format.as_ref().map(|n| n.format_code.clone()))
            .collect();
        let mut grid = Grid::new(&name);
        loop {
            let next = reader
                .next_cell_with_style_id()
                .map_err(|e| xlsx_error(file, Some(&name), e))?;
            let Some((cell, style)) = next else { break };
            let (row, col) = cell.get_position();
            let code = codes.get(style).and_then(|c| c.as_deref());
            let text = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::String(s) => {
                    ctx.admit(row, col, s.len())?;
                    s.clone()
                }
                DataRef::SharedString(s) => {
                    ctx.admit(row, col, s.len())?;
                    (*s).to_string()
                }
                DataRef::Float(x) => {
                    ctx.admit(row, col, 0)?;
                    ctx.number(row, col, *x, code)
                }
                DataRef::Int(i) => {
                    ctx.admit(row, col, 0)?;
                    i.to_string()
                }
                DataRef::Bool(b) => {
                    ctx.admit(row, col, 0)?;
                    bool_text(*b).to_string()
                }
                DataRef::DateTime(dt) => {
                    ctx.admit(row, col, 0)?;
                    date_text(dt)
                }
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                    ctx.admit(row, col, s.len())?;
                    s.clone()
                }
                DataRef::Error(e) => {
                    ctx.admit(row, col, 0)?;
                    e.to_string()
                }
            };
            grid.push(row, col, &text);
        }
        apply_merges(&mut grid, &merges);
        grids.push(grid);
    }
    Ok(Read {
        grids,
        notes: ctx.notes,
    })
}

/// A cell of an .xls or .ods sheet.
fn data_text(
    ctx: &mut Ctx<'_>,
    row: u32,
    col: u32,
    v: &Data,
    number: &dyn Fn(f64) -> Option<NumberShown>,
) -> Result<Option<String>, SheetError> {
    let text = match v {
        Data::Empty => return Ok(None),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            ctx.admit(row, col, s.len())?;
            s.clone()
        }
        Data::Float(x) => {
            ctx.admit(row, col, 0)?;
            match number(*x) {
                Some(shown) => {
                    if let Some(stored) = shown.differs {
                        ctx.note(row, col, stored, &shown.text);
                    }
                    shown.text
                }
                None => ctx.number(row, col, *x, None),
            }
        }
        Data::Int(i) => {
            ctx.admit(row, col, 0)?;
            i.to_string()
        }
        Data::Bool(b) => {
            ctx.admit(row, col, 0)?;
            bool_text(*b).to_string()
        }
        Data::DateTime(dt) => {
            ctx.admit(row, col, 0)?;
            date_text(dt)
        }
        Data::Error(e) => {
            ctx.admit(row, col, 0)?;
            e.to_string()
        }
    };
    Ok(Some(text))
}

/// A number as shown by the program that saved the file.
pub(crate) struct NumberShown {
    text: String,
    differs: Option<String>,
}

/// An .xls: each number (a float, or an RK integer) shown as its number format displays
/// it, exactly as for .xlsx (notes included). calamine keeps no number formats for .xls, so
/// `formats` gives them, read from the Workbook stream by [`crate::xlsformats`]; a cell whose
/// format is not known is shown as General (15 significant digits, float noise trimmed).
pub(crate) fn xls(bytes: &[u8], file: &str, formats: &XlsFormats) -> Result<Read, SheetError> {
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => SheetError::Encrypted {
            file: file.to_string(),
        },
        e => SheetError::Corrupt {
            file: file.to_string(),
            sheet: None,
            reason: e.to_string(),
        },
    })?;
    let names = wb.sheet_names();
    check_sheet_count(file, names.len())?;
    let mut ctx = Ctx {
        file,
        sheet: String::new(),
        cells: 0,
        notes: Vec::new(),
    };
    let mut grids = Vec::new();
    for (k, name) in names.iter().enumerate() {
        ctx.sheet = name.clone();
        let range = wb.worksheet_range(name).map_err(|e| ctx.corrupt(e))?;
        let merges = wb.merge_cells_by_sheet_name(name).unwrap_or_default();
        // calamine keeps the last of the sheets sharing a name (names[k] is BoundSheet8 k).
        let k = names.iter().rposition(|n| n == name).unwrap_or(k);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::new(name);
        for (r, c, v) in range.used_cells() {
            let (row, col) = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
            let x = match v {
                Data::Float(x) => Some(*x),
                // An RK integer (30 bits: exact as a double).
                Data::Int(i) => Some(*i as f64),
                _ => None,
            };
            let text = match x {
                Some(x) => {
                    ctx.admit(row, col, 0)?;
                    Some(ctx.number(row, col, x, formats.code(k, row, col)))
                }
                None => data_text(&mut ctx, row, col, v, &|_| None)?,
            };
            if let Some(text) = text {
                grid.push(row, col, &text);
            }
        }
        apply_merges(&mut grid, &merges);
        grids.push(grid);
    }
    Ok(Read {
        grids,
        notes: ctx.notes,
    })
}

/// An .ods (its zip and content checked): numbers as their `text:p` shows them when it reads
/// as a number, else as General.
pub(crate) fn ods(bytes: &[u8], file: &str, scan: &Scan) -> Result<Read, SheetError> {
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| SheetError::Corrupt {
        file: file.to_string(),
        sheet: None,
        reason: e.to_string(),
    })?;
    let names = wb.sheet_names();
    check_sheet_count(file, names.len())?;
    let mut ctx = Ctx {
        file,
        sheet: String::new(),
        cells: 0,
        notes: Vec::new(),
    };
    let mut grids = Vec::new();
    for (k, name) in names.into_iter().enumerate() {
        ctx.sheet = name.clone();
        let range = wb.worksheet_range(&name).map_err(|e| ctx.corrupt(e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let shown_map = scan.sheets.get(k);
        let mut grid = Grid::new(&name);
        for (r, c, v) in range.used_cells() {
            let (row, col) = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
            let lookup = |x: f64| {
                let cell = shown_map?.get(&(row, col))?;
                if cell.value != x {
                    return None;
                }
                shown_number(&cell.shown, x)
            };
            if let Some(text) = data_text(&mut ctx, row, col, v, &lookup)? {
                grid.push(row, col, &text);
            }
        }
        grids.push(grid);
    }
    Ok(Read {
        grids,
        notes: ctx.notes,
    })
}

/// A displayed number (`84,579`, `12.34%`, `(1,234)`, `¥1,234.00`) as plain text and the
/// difference from the stored `x`, if any; `None` when the display is not a number.
fn shown_number(display: &str, x: f64) -> Option<NumberShown> {
    let t = display.trim().replace('−', "-");
    let (neg_paren, t) = match t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (true, inner.to_string()),
        None => (false, t),
    };
    let core = t.trim_matches(|c: char| !(c.is_ascii_digit() || c == '-' || c == '%' || c == '.'));
    let (neg, core) = match core.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (neg_paren, core),
    };
    let percent = core.chars().rev().take_while(|c| *c == '%').count();
    let digits = core.trim_end_matches('%');
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || digits.matches('.').count() > 1
    {
        return None;
    }
    let mut value: Decimal = digits.replace(',', "").parse().ok()?;
    for _ in 0..percent {
        value = value.checked_div(Decimal::from(100))?;
    }
    if neg {
        value.set_sign_negative(true);
    }
    let stored = numfmt::at_15_digits(x)?;
    let mut text = String::new();
    if neg && !value.is_zero() {
        text.push('-');
    }
    text.push_str(digits);
    for _ in 0..percent {
        text.push('%');
    }
    let differs = (value != stored).then(|| {
        let n = stored.normalize();
        if n.is_zero() {
            "0".to_string()
        } else {
            n.to_string()
        }
    });
    Some(NumberShown { text, differs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_numbers() {
        let s = shown_number("84,579", 84578.99999999999);
        assert_eq!(s.as_ref().map(|s| s.text.as_str()), Some("84,579"));
        assert_eq!(s.and_then(|s| s.differs), None);
        let s = shown_number("1,839", 1838.5);
        assert_eq!(s.and_then(|s| s.differs).as_deref(), Some("1838.5"));
        assert_eq!(shown_number("12.34%", 0.1234).and_then(|s| s.differs), None);
        assert_eq!(
            shown_number("(21)", -21.0).map(|s| s.text).as_deref(),
            Some("-21")
        );
        assert_eq!(
            shown_number("¥1,234.00", 1234.0).map(|s| s.text).as_deref(),
            Some("1,234.00")
        );
        assert!(shown_number("-", 0.0).is_none());
        assert!(shown_number("###", 5.0).is_none());
    }
}
