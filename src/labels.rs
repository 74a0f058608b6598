//! How a cell of a table is named in findings and on the page: its row's label (the nearest
//! text cell to its left, with its code), its column's name, and a name without its list
//! marker (`一、`, `1.`). The checks label the figures of their findings this way, and the
//! views show the same labels; this module, below both, depends only on the model, amounts
//! and numerals.

use crate::amount::is_amount;
use crate::model::Table;
use crate::numerals::parse_chinese_numeral;

/// The row's label for a cell: the nearest text cell to its left, with the code before it
/// when there is one (`201 一般公共服务支出`); in 表11, the task's name.
pub fn row_label(t: &Table, row: usize, col: usize) -> String {
    let Some(r) = t.rows.get(row) else {
        return String::new();
    };
    if t.role.as_deref() == Some("performance") {
        let name = r
            .cells
            .iter()
            .find(|c| !c.is_empty())
            .map_or("", String::as_str);
        return first_line(name, 20);
    }
    let code_col = t.column("code");
    let mut label = String::new();
    for k in (0..col).rev() {
        let Some(cell) = r.cells.get(k) else {
            continue;
        };
        if Some(k) == code_col {
            continue;
        }
        if !cell.is_empty() && !is_amount(cell) {
            label = strip_marker(cell);
            break;
        }
    }
    if let Some(code) = code_col
        .and_then(|c| r.cells.get(c))
        .filter(|c| !c.is_empty())
    {
        label = format!("{code} {label}");
    }
    first_line(&label, 24)
}

/// The column's name for a cell; in 表11 the last three amounts of a task row are 总额,
/// 其中：财政拨款 and 其中：其他资金 (the extraction shifts some rows).
pub fn column_label(t: &Table, row: usize, col: usize) -> String {
    if t.role.as_deref() == Some("performance") {
        let amounts = t.amount_cells(row);
        return match amounts.iter().rev().position(|j| *j == col) {
            Some(0) => "其他资金",
            Some(1) => "财政拨款",
            Some(2) => "总额",
            _ => "",
        }
        .to_string();
    }
    t.column_names().get(col).cloned().unwrap_or_default()
}

/// The first line of `text`, at most `max` characters.
fn first_line(text: &str, max: usize) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(max)
        .collect()
}

/// `一、一般公共服务支出` → `一般公共服务支出`; `1. 一般公共预算拨款` → `一般公共预算拨款`.
pub fn strip_marker(name: &str) -> String {
    let name = name.trim();
    if let Some((n, rest)) = name.split_once('、') {
        if parse_chinese_numeral(n).is_some() {
            return rest.trim().to_string();
        }
    }
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = name.get(digits..).and_then(|r| r.strip_prefix('.')) {
            return rest.trim().to_string();
        }
    }
    name.to_string()
}
