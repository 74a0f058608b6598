//! Findings and tables as plain, JSON-ready views: amounts formatted as printed, locations
//! resolved to table labels, row and column names, cell ids and source lines. The CLI's
//! `--json` and the wasm API both return these.

use serde::Serialize;

use crate::finding::{Finding, Value};
use crate::labels::{column_label, row_label};
use crate::model::{Budget, Location};
use crate::reconcile::{Report, Summary};

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
    /// The same message in English (`messageEn`): the same figures; tables and parts as
    /// `table 7`, `part 3`; names the publication prints quoted in Chinese.
    #[serde(rename = "messageEn")]
    pub message_en: String,
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
    /// The character span of a narrative phrase in its paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

/// The checks re-run on a scenario, set against the published checks
/// (`Calculator.scenarioChecks()`). With no edit made, `summary` is the published summary,
/// count for count; after an edit, `broken` and `stale` are what the edit changed.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioChecksView {
    /// Counts per status over every check on the scenario, the same checks as the publication's.
    pub summary: Summary,
    /// The checks between tables that hold (or were not mismatches) in the publication and fail
    /// in the scenario: what the edit broke.
    pub broken: Vec<FindingView>,
    /// The mismatches the publication has too: not the edit's doing.
    #[serde(rename = "alreadyMismatched")]
    pub already_mismatched: usize,
    /// The narrative's statements that the scenario makes stale: a check of a phrase of the
    /// text against the tables that held in the publication and fails in the scenario (the
    /// text still prints the published figures).
    pub stale: usize,
}

/// What `now` (the checks on `scenario`) changes against `published` (the same checks on the
/// publication): a check is the same check when its rule and its locations are the same.
pub fn scenario_checks(scenario: &Budget, published: &Report, now: &Report) -> ScenarioChecksView {
    use crate::reconcile::Status;
    let identity = |f: &Finding| (f.rule, f.locations.clone());
    let mut before: std::collections::BTreeMap<(&str, Vec<Location>), Status> =
        std::collections::BTreeMap::new();
    for f in &published.findings {
        before.insert(identity(f), f.status);
    }
    let mut broken = Vec::new();
    let mut already_mismatched = 0;
    let mut stale = 0;
    for f in now.findings.iter().filter(|f| f.status == Status::Mismatch) {
        if before.get(&identity(f)) == Some(&Status::Mismatch) {
            already_mismatched += 1;
        } else if f
            .locations
            .iter()
            .any(|l| matches!(l, Location::Text { .. }))
        {
            stale += 1;
        } else {
            broken.push(finding(scenario, f));
        }
    }
    ScenarioChecksView {
        summary: now.summary,
        broken,
        already_mismatched,
        stale,
    }
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
        message_en: f.message_en.clone(),
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
                row: t.map(|t| row_label(t, *row, *col)),
                column: t.map(|t| column_label(t, *row, *col)),
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
        Location::Text {
            part,
            line,
            text,
            span,
        } => LocationView {
            span: *span,
            label: format!("第{}部分", crate::numerals::chinese_numeral(*part)),
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
