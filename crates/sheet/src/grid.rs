//! A sheet as sparse cells of display text, and its text in Yusuan's tab dialect.

use crate::error::{Limit, SheetError};
use crate::limits;

/// One sheet's cells, as shown, with their merged areas.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub(crate) name: String,
    /// (row, column, text), zero-based, any order; empty texts are dropped.
    pub(crate) cells: Vec<(u32, u32, String)>,
    /// Merged areas: (first row, first column, last row, last column).
    pub(crate) merges: Vec<(u32, u32, u32, u32)>,
}

impl Grid {
    pub(crate) fn new(name: &str) -> Self {
        Grid {
            name: name.to_string(),
            ..Grid::default()
        }
    }

    /// Adds a cell's text: tabs and line breaks inside a cell become spaces, so that a row
    /// stays one line and its cells stay apart.
    pub(crate) fn push(&mut self, row: u32, col: u32, text: &str) {
        let clean: String = text
            .trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c.is_control())
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if !clean.is_empty() {
            self.cells.push((row, col, clean));
        }
    }
}

/// Appends `grid` to `out` as tab-separated lines: a title line (the sheet's name) first when
/// the sheet has no title row, a blank line between blocks of rows that empty rows separate,
/// and columns counted from the sheet's first used column.
pub(crate) fn write_text(grid: &mut Grid, out: &mut String, file: &str) -> Result<(), SheetError> {
    grid.cells.sort_by_key(|(r, c, _)| (*r, *c));
    grid.cells.dedup_by_key(|(r, c, _)| (*r, *c));
    let first_col = grid.cells.iter().map(|(_, c, _)| *c).min().unwrap_or(0);
    if !has_title_row(grid) && !grid.name.trim().is_empty() {
        out.push_str(grid.name.trim());
        out.push('\n');
    }
    // Rows: (row, cells, last column a merge starting on the row reaches).
    let mut rows: Vec<(u32, Vec<(u32, &str)>)> = Vec::new();
    for (r, c, t) in &grid.cells {
        match rows.last_mut() {
            Some((row, cells)) if row == r => cells.push((*c, t.as_str())),
            _ => rows.push((*r, vec![(*c, t.as_str())])),
        }
    }
    // A row of several cells (or one not in the first column) is padded with empty cells to
    // its block's width, as the seed's tables are: a header cell merged over three columns
    // is followed by two empty ones.
    let is_multi = |cells: &[(u32, &str)]| {
        cells.len() > 1 || cells.first().is_some_and(|(c, _)| *c > first_col)
    };
    let merged_end = |row: u32| {
        grid.merges
            .iter()
            .filter(|(r0, _, _, _)| *r0 == row)
            .map(|(_, _, _, c1)| *c1)
            .max()
    };
    let mut k = 0;
    while k < rows.len() {
        let mut end = k + 1;
        while let (Some((a, _)), Some((b, _))) = (rows.get(end - 1), rows.get(end)) {
            if b.saturating_sub(*a) > 1 {
                break;
            }
            end += 1;
        }
        let block = rows.get(k..end).unwrap_or(&[]);
        let width = block
            .iter()
            .filter(|(_, cells)| is_multi(cells))
            .map(|(row, cells)| {
                let last = cells.last().map_or(0, |(c, _)| *c);
                merged_end(*row).map_or(last, |m| m.max(last))
            })
            .max();
        if k > 0 {
            out.push('\n'); // empty rows: one blank line ends the block
        }
        for (_, cells) in block {
            let mut col_at = first_col;
            for (c, text) in cells {
                while col_at < *c {
                    out.push('\t');
                    col_at += 1;
                }
                out.push_str(text);
            }
            if let Some(w) = width.filter(|_| is_multi(cells)) {
                while col_at < w {
                    out.push('\t');
                    col_at += 1;
                }
            }
            out.push('\n');
            if out.len() > limits::MAX_OUTPUT {
                return Err(SheetError::TooLarge {
                    file: file.to_string(),
                    sheet: Some(grid.name.clone()),
                    cell: None,
                    what: Limit::Output,
                    limit: limits::MAX_OUTPUT as u64,
                });
            }
        }
        k = end;
    }
    Ok(())
}

/// Whether the sheet's first row with text is a title: one text cell alone on its row (often
/// merged across the columns), with more rows below it.
fn has_title_row(grid: &Grid) -> bool {
    let Some((first, _, text)) = grid.cells.first() else {
        return false;
    };
    let on_row = grid.cells.iter().take_while(|(r, _, _)| r == first).count();
    let more = grid.cells.len() > on_row;
    on_row == 1
        && more
        && text
            .chars()
            .any(|c| !c.is_ascii_digit() && c != '.' && c != ',')
}

/// `B7` for zero-based (row 6, column 1).
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let name: String = letters.into_iter().collect();
    format!("{name}{}", u64::from(row) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 16383), "XFD1");
    }

    #[test]
    fn text_with_title_and_blocks() {
        let mut g = Grid::new("表1");
        g.push(0, 0, "收支总表");
        g.push(2, 0, "项目");
        g.push(2, 1, "金额");
        g.push(3, 1, "84579");
        g.push(6, 0, "注：无");
        let mut out = String::new();
        write_text(&mut g, &mut out, "f").ok();
        assert_eq!(out, "收支总表\n\n项目\t金额\n\t84579\n\n注：无\n");
    }

    #[test]
    fn sheet_name_when_no_title() {
        let mut g = Grid::new("收入总表");
        g.push(0, 1, "项目");
        g.push(0, 2, "金额");
        g.push(1, 2, "1\t2\n3");
        let mut out = String::new();
        write_text(&mut g, &mut out, "f").ok();
        assert_eq!(out, "收入总表\n项目\t金额\n\t1 2 3\n");
    }
}
