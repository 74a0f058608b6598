//! An .ods's `content.xml` scanned before calamine builds its sheets: calamine expands
//! repeated rows and cells into a full rectangle per sheet, so the sheets, rows, spread and
//! each cell's text are checked here first. The scan also keeps what each number cell
//! displays (its `text:p`, written by the program that saved it under the cell's format),
//! which calamine does not give.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Limit, SheetError};
use crate::grid::cell_name;
use crate::limits;

/// A number cell as stored and as shown.
#[derive(Debug, Clone)]
pub(crate) struct NumberCell {
    pub(crate) value: f64,
    pub(crate) shown: String,
}

/// What the scan found: per sheet, in order, its number cells by (row, column).
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub(crate) sheets: Vec<HashMap<(u32, u32), NumberCell>>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A cell being read.
struct Cell {
    repeat: u64,
    number: Option<f64>,
    text: String,
    text_len: usize,
    has_value: bool,
}

/// Scans `content.xml`.
pub(crate) fn scan(xml: &[u8], file: &str) -> Result<Scan, SheetError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Scan::default();
    let mut sheet = String::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let mut row_has_value = false;
    let mut last_row: Option<u64> = None;
    let mut first_row: Option<u64> = None;
    let (mut min_col, mut max_col) = (u64::MAX, 0u64);
    let mut spread_total: u64 = 0;
    let mut cell: Option<Cell> = None;
    let mut depth_in_cell = 0usize;
    let too_large = |sheet: &str, cell: Option<String>, what, limit: u64| SheetError::TooLarge {
        file: file.to_string(),
        sheet: Some(sheet.to_string()),
        cell,
        what,
        limit,
    };
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| SheetError::Corrupt {
                file: file.to_string(),
                sheet: (!sheet.is_empty()).then(|| sheet.clone()),
                reason: e.to_string(),
            })?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" => {
                    out.sheets.push(HashMap::new());
                    if out.sheets.len() > limits::MAX_SHEETS {
                        return Err(SheetError::TooLarge {
                            file: file.to_string(),
                            sheet: None,
                            cell: None,
                            what: Limit::Sheets,
                            limit: limits::MAX_SHEETS as u64,
                        });
                    }
                    sheet = attr(&e, "table:name").unwrap_or_default();
                    row = 0;
                    last_row = None;
                    first_row = None;
                    min_col = u64::MAX;
                    max_col = 0;
                }
                "table:table-row" => {
                    row_repeat = repeat(&e, "table:number-rows-repeated");
                    col = 0;
                    row_has_value = false;
                    if empty {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let mut c = Cell {
                        repeat: repeat(&e, "table:number-columns-repeated"),
                        number: None,
                        text: String::new(),
                        text_len: 0,
                        has_value: false,
                    };
                    let kind = attr(&e, "office:value-type").unwrap_or_default();
                    if matches!(kind.as_str(), "float" | "percentage" | "currency") {
                        c.number = attr(&e, "office:value").and_then(|v| v.trim().parse().ok());
                    }
                    c.has_value = !kind.is_empty();
                    if empty {
                        finish_cell(
                            c,
                            row,
                            &mut col,
                            row_repeat,
                            &mut row_has_value,
                            &mut min_col,
                            &mut max_col,
                            out.sheets.last_mut(),
                        );
                    } else {
                        cell = Some(c);
                        depth_in_cell = 0;
                    }
                }
                "text:p" if !empty => {
                    if let Some(c) = cell.as_mut() {
                        if depth_in_cell > 0 || !c.text.is_empty() {
                            c.text.push(' ');
                        }
                        depth_in_cell += 1;
                    }
                }
                _ => {}
            }
            buf.clear();
            continue;
        }
        match ev {
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.text_len = c.text_len.saturating_add(t.len());
                    if c.text_len > limits::MAX_CELL_TEXT {
                        return Err(too_large(
                            &sheet,
                            Some(cell_name(clamp(row), clamp(col))),
                            Limit::CellText,
                            limits::MAX_CELL_TEXT as u64,
                        ));
                    }
                    if c.number.is_some() && c.text.len() < 256 {
                        c.text.push_str(&t.xml10_content());
                    }
                    c.has_value = true;
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut() {
                    c.text_len = c.text_len.saturating_add(r.len());
                    c.has_value = true;
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(c) = cell.take() {
                        finish_cell(
                            c,
                            row,
                            &mut col,
                            row_repeat,
                            &mut row_has_value,
                            &mut min_col,
                            &mut max_col,
                            out.sheets.last_mut(),
                        );
                    }
                }
                "table:table-row" => {
                    if row_has_value {
                        first_row.get_or_insert(row);
                        last_row = Some(row.saturating_add(row_repeat).saturating_sub(1));
                    }
                    row = row.saturating_add(row_repeat);
                    if let (Some(f), Some(l)) = (first_row, last_row) {
                        let height = l.saturating_sub(f).saturating_add(1);
                        if height > u64::from(limits::MAX_ROWS) {
                            return Err(too_large(
                                &sheet,
                                None,
                                Limit::Rows,
                                u64::from(limits::MAX_ROWS),
                            ));
                        }
                    }
                }
                "table:table" => {
                    if let (Some(f), Some(l)) = (first_row, last_row) {
                        let height = l.saturating_sub(f).saturating_add(1);
                        let width = max_col.saturating_sub(min_col).saturating_add(1);
                        spread_total = spread_total.saturating_add(height.saturating_mul(width));
                        if spread_total > limits::MAX_CELLS {
                            return Err(too_large(&sheet, None, Limit::Cells, limits::MAX_CELLS));
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[allow(clippy::too_many_arguments)]
fn finish_cell(
    c: Cell,
    row: u64,
    col: &mut u64,
    row_repeat: u64,
    row_has_value: &mut bool,
    min_col: &mut u64,
    max_col: &mut u64,
    numbers: Option<&mut HashMap<(u32, u32), NumberCell>>,
) {
    let start = *col;
    *col = col.saturating_add(c.repeat);
    if !c.has_value {
        return;
    }
    *row_has_value = true;
    *min_col = (*min_col).min(start);
    *max_col = (*max_col).max(col.saturating_sub(1));
    if let (Some(value), Some(map)) = (c.number, numbers) {
        // Repeated number cells are rare; their count is bounded by the spread cap checked at
        // the table's end, and here by a cap of their own.
        let cells = c.repeat.saturating_mul(row_repeat);
        if cells <= 4096 && (map.len() as u64) < limits::MAX_CELLS {
            for r in row..row.saturating_add(row_repeat) {
                for k in start..start.saturating_add(c.repeat) {
                    map.insert(
                        (clamp(r), clamp(k)),
                        NumberCell {
                            value,
                            shown: c.text.trim().to_string(),
                        },
                    );
                }
            }
        }
    }
}
