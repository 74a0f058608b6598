//! CSV text: UTF-8 (with or without a BOM) or GB18030/GBK, comma-, semicolon- or
//! tab-separated, quotes as RFC 4180 has them. Cells are kept as written: a CSV's numbers are
//! already the text its program displayed.

use crate::error::{Limit, SheetError};
use crate::grid::{cell_name, Grid};
use crate::limits;

/// The text of CSV bytes: valid UTF-8 as UTF-8 (a BOM dropped), anything else as GB18030
/// (a superset of GBK and GB2312, which Excel on Chinese Windows writes).
pub(crate) fn decode(bytes: &[u8]) -> String {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            text.into_owned()
        }
    }
}

/// The separator: the one of `,` `;` `\t` found most often outside quotes in the first lines.
fn separator(text: &str) -> char {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for c in text.chars().take(64 * 1024) {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semi, tab] = counts;
    if tab > comma && tab >= semi {
        '\t'
    } else if semi > comma {
        ';'
    } else {
        ','
    }
}

/// The CSV's cells as one sheet named after the file.
pub(crate) fn read(bytes: &[u8], file: &str) -> Result<Grid, SheetError> {
    let text = decode(bytes);
    let sep = separator(&text);
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let mut grid = Grid::new(stem);
    let (mut row, mut col) = (0u32, 0u32);
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    let too_large = |what, limit: u64, row: u32, col: u32| SheetError::TooLarge {
        file: file.to_string(),
        sheet: None,
        cell: (what == Limit::CellText).then(|| cell_name(row, col)),
        what,
        limit,
    };
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == '"' && cell.trim().is_empty() {
            cell.clear();
            quoted = true;
        } else if c == sep {
            grid.push(row, col, &cell);
            cell.clear();
            col = col.saturating_add(1);
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            grid.push(row, col, &cell);
            cell.clear();
            row = row.saturating_add(1);
            col = 0;
            if row >= limits::MAX_ROWS {
                // A last line with nothing after it is not a row.
                if chars.peek().is_some() {
                    return Err(too_large(
                        Limit::Rows,
                        u64::from(limits::MAX_ROWS),
                        row,
                        col,
                    ));
                }
            }
        } else {
            cell.push(c);
        }
        if cell.len() > limits::MAX_CELL_TEXT {
            return Err(too_large(
                Limit::CellText,
                limits::MAX_CELL_TEXT as u64,
                row,
                col,
            ));
        }
    }
    if any {
        grid.push(row, col, &cell);
    }
    if grid.cells.len() as u64 > limits::MAX_CELLS {
        return Err(too_large(Limit::Cells, limits::MAX_CELLS, row, col));
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目,金额\n一般公共预算拨款,\"84,579\"\n");
        assert_eq!(decode(&gbk), "项目,金额\n一般公共预算拨款,\"84,579\"\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("收支总表".as_bytes());
        assert_eq!(decode(&bom), "收支总表");
    }

    #[test]
    fn quotes_and_separators() {
        let g = read("a,\"b,\"\"c\"\"\",d\r\n,\"x\ny\"".as_bytes(), "t.csv");
        let g = g.ok().map(|g| g.cells).unwrap_or_default();
        assert_eq!(
            g,
            vec![
                (0, 0, "a".to_string()),
                (0, 1, "b,\"c\"".to_string()),
                (0, 2, "d".to_string()),
                (1, 1, "x y".to_string())
            ]
        );
        assert_eq!(separator("a;b;c\n1;2;3"), ';');
        assert_eq!(separator("a\tb\n"), '\t');
    }
}
