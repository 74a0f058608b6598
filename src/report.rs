//! Findings and tables as plain, JSON-ready views: amounts formatted as printed, locations
//! resolved to table labels, row and column names, cell ids and source lines. The CLI's
//! `--json` and the wasm API both return these.

use serde::Serialize;

use crate::import::figures::column_names;
use crate::model::{Budget, Location, Table};
use crate::reconcile::{Finding, Report, Summary, Value};

/// The JSON shape of `yusuan check --json` and `Calculator.findings()`.
#[derive(Clone, Debug, Serialize)]
pub struct FindingsView {
    /// Counts per status.
    pub summary: Summary,
    /// Every finding.
    pub findings: Vec<FindingView>,
}

/// One finding, ready to show.
#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    /// Rule id.
    pub rule: &'static str,
    /// `ok`, `rounding`, `mismatch`, `missing`, `unverifiable`, `note`.
    pub status: &'static str,
    /// The message in Chinese.
    pub message: String,
    /// The labelled figures.
    pub values: Vec<Value>,
    /// Left minus right, as printed.
    pub difference: Option<String>,
    /// The rounding tolerance.
    pub tolerance: Option<String>,
    /// Where.
    pub locations: Vec<LocationView>,
}

/// A location resolved for display.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationView {
    /// The table number, for a numbered table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<u8>,
    /// `表7`, `第七部分`, `目录`, `第三部分`.
    pub label: String,
    /// The table key (`t7`, `p7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The cell id `t7:3:4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The row's label (`201 一般公共服务支出`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    /// The column's name (`基本支出`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The narrative part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<u8>,
    /// The phrase, for narrative locations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The line of the source file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// Resolves a report against its budget.
pub fn findings(budget: &Budget, report: &Report) -> FindingsView {
    FindingsView {
        summary: report.summary,
        findings: report.findings.iter().map(|f| finding(budget, f)).collect(),
    }
}

fn finding(budget: &Budget, f: &Finding) -> FindingView {
    FindingView {
        rule: f.rule,
        status: f.status.key(),
        message: f.message.clone(),
        values: f.values.clone(),
        difference: f.difference.map(|d| d.display()),
        tolerance: f.tolerance.map(|d| d.display()),
        locations: f.locations.iter().map(|l| location(budget, l)).collect(),
    }
}

/// Resolves one location.
pub fn location(budget: &Budget, at: &Location) -> LocationView {
    match at {
        Location::Cell { table, row, col } => {
            let t = budget.tables.iter().find(|t| t.key == *table);
            LocationView {
                table: t.and_then(|t| t.number),
                label: t.map_or_else(|| table.clone(), |t| t.label.clone()),
                key: Some(table.clone()),
                cell: Some(cell_id(table, *row, *col)),
                row: t.map(|t| row_name(t, *row)),
                column: t.and_then(|t| column_names(t).get(*col).cloned()),
                line: t.and_then(|t| t.rows.get(*row)).map(|r| r.line),
                ..LocationView::default()
            }
        }
        Location::Table { table } => {
            let t = budget.tables.iter().find(|t| t.key == *table);
            LocationView {
                table: t.and_then(|t| t.number),
                label: t.map_or_else(|| table.clone(), |t| t.label.clone()),
                key: Some(table.clone()),
                line: t.map(|t| t.line),
                ..LocationView::default()
            }
        }
        Location::Contents { line } => LocationView {
            label: "目录".to_string(),
            line: Some(*line),
            ..LocationView::default()
        },
        Location::Text { part, line, text } => LocationView {
            label: format!("第{}部分", crate::import::text::chinese_numeral(*part)),
            part: Some(*part),
            text: Some(text.clone()),
            line: Some(*line),
            ..LocationView::default()
        },
    }
}

/// The id of a cell: `<table key>:<row index>:<column index>`.
pub fn cell_id(table: &str, row: usize, col: usize) -> String {
    format!("{table}:{row}:{col}")
}

/// A row's name: its code and first text cell (`201 一般公共服务支出`), or its first text.
fn row_name(t: &Table, row: usize) -> String {
    let Some(r) = t.rows.get(row) else {
        return String::new();
    };
    let texts: Vec<&str> = r
        .cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .take(2)
        .collect();
    let first_line = |s: &str| {
        s.lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(30)
            .collect::<String>()
    };
    match texts.as_slice() {
        [code, name, ..] if code.chars().all(|c| c.is_ascii_digit()) => {
            format!("{code} {}", first_line(name))
        }
        [first, ..] => first_line(first),
        [] => String::new(),
    }
}
