//! The scenario's tables laid out for a workbook and for CSV: each table in its published
//! layout with every amount column split in three (方案 · 公开数 · 增减), and a sheet of the
//! changes made. Numbers travel as exact decimal strings (`84579`, `-100`); the workbook writer
//! (crates/sheet) stores each with the publication's number format.

use serde::Serialize;

use crate::amount::{is_amount, Amount};
use crate::model::Budget;
use crate::scenario::Scenario;

/// Every sheet of the export, and the decimals the publication prints amounts with.
#[derive(Clone, Debug, Serialize)]
pub struct Export {
    /// The tables, then the changes.
    pub sheets: Vec<Sheet>,
    /// The decimals of the publication's amounts (0 for `84,579`, 2 for `84,579.00`).
    pub decimals: u32,
}

/// One sheet: its name (the table's label) and its rows.
#[derive(Clone, Debug, Serialize)]
pub struct Sheet {
    /// `表7`, `第七部分`, `修改`.
    pub name: String,
    /// The rows: the title line, the header rows, the 方案 · 公开数 · 增减 row, the body.
    pub rows: Vec<Vec<Cell>>,
}

/// A cell: text, or an amount as an exact decimal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "t", content = "v")]
pub enum Cell {
    /// Text, as printed.
    #[serde(rename = "s")]
    Text(String),
    /// An amount: a plain decimal (`84579`, `-100`, `0.5`).
    #[serde(rename = "n")]
    Number(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(a: Amount) -> Cell {
    Cell::Number(a.decimal().normalize().to_string())
}

/// The columns of a table that hold amounts: a cell of the body is an amount and the header
/// does not name a label column (a 科目编码 holds digits, not amounts).
fn amount_columns(budget: &Budget, table: usize) -> Vec<bool> {
    let Some(t) = budget.tables.get(table) else {
        return Vec::new();
    };
    let roles = t.column_roles();
    let width = t
        .header
        .iter()
        .chain(t.rows.iter().map(|r| &r.cells))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    (0..width)
        .map(|j| {
            let label = roles.get(j).copied().flatten().is_some_and(|r| {
                crate::catalogue::LABEL_COLUMNS
                    .iter()
                    .any(|(id, _)| *id == r)
            });
            !label
                && t.rows
                    .iter()
                    .any(|r| r.cells.get(j).is_some_and(|c| is_amount(c)))
        })
        .collect()
}

/// The export of `scenario` over `published` (the same budget with the scenario's figures
/// written in: [`Scenario::budget`]).
pub fn export(published: &Budget, scenario_budget: &Budget, scenario: &Scenario) -> Export {
    let mut sheets = Vec::new();
    for (k, (p, s)) in published
        .tables
        .iter()
        .zip(&scenario_budget.tables)
        .enumerate()
    {
        let amounts = amount_columns(published, k);
        let unit = p.unit.as_deref().unwrap_or(&published.unit.name);
        let mut rows = vec![vec![text(format!(
            "{} {}（单位：{unit}）",
            p.label, p.title
        ))]];
        for header in &p.header {
            let mut row = Vec::new();
            for (j, c) in header.iter().enumerate() {
                row.push(text(c.clone()));
                if amounts.get(j).copied().unwrap_or(false) {
                    row.push(text(""));
                    row.push(text(""));
                }
            }
            rows.push(row);
        }
        if amounts.iter().any(|a| *a) {
            rows.push(
                amounts
                    .iter()
                    .flat_map(|a| {
                        if *a {
                            vec![text("方案"), text("公开数"), text("增减")]
                        } else {
                            vec![text("")]
                        }
                    })
                    .collect(),
            );
        }
        for (pr, sr) in p.rows.iter().zip(&s.rows) {
            let mut row = Vec::new();
            for (j, pc) in pr.cells.iter().enumerate() {
                let sc = sr.cells.get(j).unwrap_or(pc);
                if !amounts.get(j).copied().unwrap_or(false) {
                    row.push(text(pc.clone()));
                    continue;
                }
                match (Amount::parse(sc), Amount::parse(pc)) {
                    (Ok(now), Ok(was)) => {
                        row.push(number(now));
                        row.push(number(was));
                        row.push(number(now.checked_sub(was).unwrap_or(Amount::ZERO)));
                    }
                    _ => {
                        row.push(text(sc.clone()));
                        row.push(text(pc.clone()));
                        row.push(text(""));
                    }
                }
            }
            rows.push(row);
        }
        sheets.push(Sheet {
            name: p.label.clone(),
            rows,
        });
    }
    // The changes made.
    let mut rows = vec![vec![
        text("修改的金额"),
        text("公开数"),
        text("方案"),
        text("增减"),
    ]];
    for (key, to) in scenario.edits() {
        let Some(n) = scenario.node(&key) else {
            continue;
        };
        rows.push(vec![
            text(n.label.clone()),
            number(n.baseline),
            number(to),
            number(to.checked_sub(n.baseline).unwrap_or(Amount::ZERO)),
        ]);
    }
    sheets.push(Sheet {
        name: "修改".to_string(),
        rows,
    });
    Export {
        sheets,
        decimals: published.unit.step.decimal().normalize().scale(),
    }
}

/// One CSV field, quoted as RFC 4180 says when it holds a comma, a quote or a line break.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The same as CSV (RFC 4180 quoting), one block per sheet, amounts as the publication prints
/// them (`84,579`, `-100`).
pub fn csv(export: &Export) -> String {
    let field = csv_field;
    let step = Amount::parse(&if export.decimals == 0 {
        "1".to_string()
    } else {
        format!("0.{}1", "0".repeat(export.decimals as usize - 1))
    })
    .unwrap_or(Amount::from_int(1));
    let mut out = String::new();
    for sheet in &export.sheets {
        for row in &sheet.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => field(t),
                    Cell::Number(n) => {
                        field(&Amount::parse(n).map_or_else(|_| n.clone(), |a| a.display_to(step)))
                    }
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
    }
    out
}
