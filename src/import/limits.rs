//! The range of amounts the calculator works with, enforced at import.
//!
//! Every amount printed in a table, and every amount a budget officer can edit, must lie within
//! [`in_range`]: at most [`MAX_INTEGER_DIGITS`] integer digits and [`MAX_DECIMALS`] decimals, the
//! same limit as an edit. Then every sum the scenario and the checks form (even over half a
//! million rows) stays within the 28 digits `Decimal` holds exactly, so a budget that imports
//! always opens. A figure beyond it (`79,228,162,514,264,337,593,543,950,335` in 表7) is refused
//! here, naming the file, line, table, row and column, rather than failing later with an
//! overflow that names nothing.

use crate::amount::{in_range, Amount, MAX_DECIMALS, MAX_INTEGER_DIGITS};
use crate::error::{within_english, Error, Message, Place};
use crate::import::text::clip;
use crate::model::{Figure, Figures, Location, Table};

/// How an importer reports an amount out of range: as a published-text error (with the line)
/// or as a JSON error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Published text: the rows' line numbers are lines of the file.
    Text,
    /// Our JSON format: the rows' line numbers are lines of the text the budget was read from.
    Json,
}

fn range_zh() -> String {
    format!("超出可计算的范围（整数部分最多 {MAX_INTEGER_DIGITS} 位，小数最多 {MAX_DECIMALS} 位）")
}

fn range_en() -> String {
    format!(
        "beyond the range the calculator works with (at most {MAX_INTEGER_DIGITS} integer digits and {MAX_DECIMALS} decimals)"
    )
}

/// True when `amount` is within the range.
fn fits(amount: Amount) -> bool {
    in_range(amount, "").is_ok()
}

/// A column of codes (科目编码), not amounts.
fn is_code_column(name: &str) -> bool {
    name.contains("编码") || name.contains("代码")
}

/// The row's name: the text cells just left of column `col` (`2011302 一般行政管理事务`).
fn row_label(table: &Table, row: usize, col: usize, names: &[String]) -> String {
    let Some(r) = table.rows.get(row) else {
        return String::new();
    };
    let mut parts = Vec::new();
    for j in (0..col.min(r.cells.len())).rev() {
        let cell = r.cells.get(j).map_or("", String::as_str);
        if cell.is_empty() {
            continue;
        }
        let code = names.get(j).is_some_and(|n| is_code_column(n));
        if crate::amount::is_amount(cell) && !code {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        parts.push(clip(cell, 30));
        if parts.len() == 2 {
            break;
        }
    }
    parts.reverse();
    parts.join(" ")
}

/// The error for cell (`row`, `col`) of `table`, holding `text`.
fn cell_error(
    table: &Table,
    row: usize,
    col: usize,
    text: &str,
    file: &str,
    source: Source,
) -> Error {
    let names = table.column_names();
    let column = names.get(col).cloned().unwrap_or_default();
    let label = row_label(table, row, col, &names);
    let line = table.rows.get(row).map_or(table.line, |r| r.line);
    let within = format!("{} {}", table.label, table.title)
        .trim()
        .to_string();
    let shown = clip(text, 40);
    let (row_zh, row_en) = if label.is_empty() {
        (
            format!("第 {} 个数据行", row + 1),
            format!("data row {}", row + 1),
        )
    } else {
        (format!("“{label}”一行"), format!("row “{label}”"))
    };
    let zh = format!("{row_zh}“{column}”列的金额“{shown}”{}", range_zh());
    let en = format!(
        "{row_en}, column “{column}”: the amount “{shown}” is {}",
        range_en()
    );
    match source {
        Source::Text => Error::Import {
            place: Place {
                file: file.to_string(),
                line: Some(line),
                within: Some(within),
            },
            message: Message::new(zh, en),
        },
        Source::Json => Error::Json {
            file: file.to_string(),
            line: None,
            message: Message::new(
                format!("{within}（原文第 {line} 行）{zh}"),
                format!(
                    "{} (line {line} of the original text), {en}",
                    within_english(&within)
                ),
            ),
        },
    }
}

/// Refuses any amount printed in a table beyond the range (code columns aside).
pub fn tables_in_range(tables: &[Table], file: &str, source: Source) -> Result<(), Error> {
    for table in tables {
        let names = table.column_names();
        for (i, row) in table.rows.iter().enumerate() {
            for (j, cell) in row.cells.iter().enumerate() {
                if cell.is_empty() || names.get(j).is_some_and(|n| is_code_column(n)) {
                    continue;
                }
                let Ok(amount) = Amount::parse(cell) else {
                    continue;
                };
                if !fits(amount) {
                    return Err(cell_error(table, i, j, cell, file, source));
                }
            }
        }
    }
    Ok(())
}

/// Refuses any figure the scenario starts from (each project, basic-expenditure line, income
/// line, 表7 row, 三公 item and 表11 task) beyond the range.
pub fn figures_in_range(
    figures: &Figures,
    tables: &[Table],
    file: &str,
    source: Source,
) -> Result<(), Error> {
    let mut named: Vec<(String, String, &Figure)> = Vec::new();
    for p in &figures.projects {
        named.push((
            format!("项目“{}”", p.name),
            format!("project “{}”", p.name),
            &p.amount,
        ));
    }
    for l in figures.economic.iter().chain(&figures.income) {
        named.push((format!("“{}”", l.name), format!("“{}”", l.name), &l.value));
    }
    for f in &figures.functions {
        for (col_zh, col_en, fig) in [
            ("支出总计", "total", &f.total),
            ("基本支出", "basic expenditure", &f.basic),
            ("项目支出", "project expenditure", &f.project),
        ] {
            named.push((
                format!("科目“{} {}”的{col_zh}", f.code, f.name),
                format!("the {col_en} of “{} {}”", f.code, f.name),
                fig,
            ));
        }
    }
    for r in &figures.sanggong {
        for fig in [
            &r.total,
            &r.abroad,
            &r.reception,
            &r.vehicles,
            &r.vehicle_purchase,
            &r.vehicle_operation,
        ] {
            named.push((
                format!("三公“{}”", r.label),
                format!("三公 “{}”", r.label),
                fig,
            ));
        }
    }
    for t in &figures.tasks {
        for fig in [&t.total, &t.fiscal, &t.other] {
            named.push((
                format!("任务“{}”", t.name),
                format!("task “{}”", t.name),
                fig,
            ));
        }
    }
    for (zh, en, fig) in named {
        if fits(fig.amount) {
            continue;
        }
        if let Location::Cell { table, row, col } = &fig.at {
            if let Some(t) = tables.iter().find(|t| t.key == *table) {
                return Err(cell_error(
                    t,
                    *row,
                    *col,
                    &fig.amount.to_string(),
                    file,
                    source,
                ));
            }
        }
        let shown = clip(&fig.amount.to_string(), 40);
        let (line, within) = match &fig.at {
            Location::Text { part, line, .. } => (
                Some(*line),
                Some(format!("第{}部分", crate::numerals::chinese_numeral(*part))),
            ),
            _ => (None, None),
        };
        let zh = format!("{zh}的金额“{shown}”{}", range_zh());
        let en = format!("the amount “{shown}” of {en} is {}", range_en());
        return Err(match source {
            Source::Text => Error::Import {
                place: Place {
                    file: file.to_string(),
                    line,
                    within,
                },
                message: Message::new(zh, en),
            },
            Source::Json => Error::Json {
                file: file.to_string(),
                line: None,
                message: Message::new(zh, en),
            },
        });
    }
    Ok(())
}
