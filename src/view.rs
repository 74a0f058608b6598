//! Plain views of a budget for the page: the overview, the tables with header spans and cell
//! kinds, the contents. Amounts are formatted as the publication prints them.

use serde::Serialize;

use crate::model::Budget;

/// The figures at the top of the page.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// The document title.
    pub title: String,
    /// The department.
    pub department: String,
    /// The budget year.
    pub year: u16,
    /// The prior year.
    pub prior_year: u16,
    /// `万元`.
    pub unit: String,
    /// 本年收入合计 of 表1.
    pub total_income: Option<String>,
    /// 本年支出合计 of 表1.
    pub total_expenditure: Option<String>,
    /// 基本支出 (表3).
    pub basic: Option<String>,
    /// 项目支出 (表3).
    pub project: Option<String>,
    /// How many projects 第三部分 lists.
    pub project_count: usize,
    /// The source file.
    pub source: String,
}

/// A table ready to render.
#[derive(Clone, Debug, Serialize)]
pub struct TableView {
    /// `t7`.
    pub key: String,
    /// 7.
    pub number: Option<u8>,
    /// `表7`.
    pub label: String,
    /// The title.
    pub title: String,
    /// The unit line.
    pub unit: Option<String>,
    /// The department line.
    pub department: Option<String>,
    /// The source line of the table's start.
    pub line: usize,
    /// Header rows with spans.
    pub header: Vec<Vec<HeaderCell>>,
    /// Number of columns.
    pub columns: usize,
    /// Body rows.
    pub rows: Vec<RowView>,
    /// Notes.
    pub notes: Vec<String>,
}

/// A header cell and the cells it spans.
#[derive(Clone, Debug, Serialize)]
pub struct HeaderCell {
    /// The text.
    pub text: String,
    /// The first column it covers.
    pub col: usize,
    /// Columns covered.
    pub colspan: usize,
    /// Header rows covered.
    pub rowspan: usize,
}

/// A body row.
#[derive(Clone, Debug, Serialize)]
pub struct RowView {
    /// Cell texts, as published.
    pub cells: Vec<String>,
    /// Which cells are amounts.
    pub numeric: Vec<bool>,
    /// The source line.
    pub line: usize,
    /// `data` or `total`.
    pub kind: &'static str,
}

/// A contents entry and whether the table is there.
#[derive(Clone, Debug, Serialize)]
pub struct ContentsView {
    /// The table number.
    pub number: u8,
    /// The title listed.
    pub title: String,
    /// True when the text holds the table.
    pub present: bool,
}

/// The overview.
pub fn overview(budget: &Budget) -> Overview {
    if budget.reader == crate::model::Reader::Genre {
        return genre_overview(budget);
    }
    let side = |side: usize, word: &str| {
        let figure = budget.table_by_role("summary")?.side_figure(side, word)?;
        Some(figure.amount.display())
    };
    let t3_col = |role: &str| {
        let figure = budget.table_by_role("expenditure")?.figure_in(0, role)?;
        Some(figure.amount.display())
    };
    Overview {
        title: budget.title.clone(),
        department: budget.department.clone(),
        year: budget.year,
        prior_year: budget.prior_year,
        unit: budget.unit.name.clone(),
        total_income: side(0, "本年收入合计"),
        total_expenditure: side(1, "本年支出合计"),
        basic: t3_col("basic"),
        project: t3_col("project"),
        project_count: budget.figures.projects.len(),
        source: budget.source.clone(),
    }
}

/// The overview of a budget read by role: totals from the summary (the year's subtotal where
/// it prints one), basic and project spending from the expenditure table or the summary.
fn genre_overview(budget: &Budget) -> Overview {
    use crate::model::{LineKind, TableFigures, TableLine};
    let by_role = |role: &str| {
        budget
            .figures
            .tables
            .iter()
            .find(|f| f.role.as_deref() == Some(role) && !f.lines.is_empty())
    };
    let shown = |f: &TableFigures, l: &TableLine| -> Option<String> {
        let a = l.amounts.first()?;
        let unit = if f.unit.is_empty() || f.unit == budget.unit.name {
            String::new()
        } else {
            f.unit.clone()
        };
        Some(format!("{}{unit}", a.value.display()))
    };
    let side_total = |income: bool| -> Option<String> {
        let f = by_role("summary")?;
        let on_side = |l: &&TableLine| l.on_side(income) && !l.amounts.is_empty();
        let pick = |kind: LineKind| {
            f.lines
                .iter()
                .rev()
                .filter(|l| l.kind == kind)
                .find(on_side)
        };
        let line = pick(LineKind::Subtotal).or_else(|| pick(LineKind::Total))?;
        shown(f, line)
    };
    let part = |role: &str, label: &str| -> Option<String> {
        if let Some(f) = by_role("expenditure") {
            let total = f
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Total && l.code.is_none())
                .or_else(|| (f.lines.len() == 1).then(|| f.lines.first()).flatten());
            if let Some(a) =
                total.and_then(|l| l.amounts.iter().find(|a| a.role.as_deref() == Some(role)))
            {
                return Some(a.value.display());
            }
        }
        let f = by_role("summary")?;
        let line = f
            .lines
            .iter()
            .find(|l| l.on_side(false) && strip(&l.label).ends_with(label))?;
        shown(f, line)
    };
    Overview {
        title: budget.title.clone(),
        department: budget.department.clone(),
        year: budget.year,
        prior_year: budget.prior_year,
        unit: budget.unit.name.clone(),
        total_income: side_total(true),
        total_expenditure: side_total(false),
        basic: part("basic", "基本支出"),
        project: part("project", "项目支出"),
        project_count: budget.figures.projects.len(),
        source: budget.source.clone(),
    }
}

fn strip(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every table with header spans.
pub fn tables(budget: &Budget) -> Vec<TableView> {
    budget
        .tables
        .iter()
        .map(|t| {
            let code_col = t.column("code");
            let columns = t
                .header
                .first()
                .map_or(0, Vec::len)
                .max(t.rows.first().map_or(0, |r| r.cells.len()));
            TableView {
                key: t.key.clone(),
                number: t.number,
                label: t.label.clone(),
                title: t.title.clone(),
                unit: t.unit.clone(),
                department: t.department.clone(),
                line: t.line,
                header: header_spans(&t.header),
                columns,
                rows: t
                    .rows
                    .iter()
                    .map(|r| RowView {
                        numeric: r
                            .cells
                            .iter()
                            .map(|c| crate::amount::is_amount(c))
                            .collect(),
                        // 合计/总计 rows, and in coded tables the uncoded row of amounts (the
                        // unit's own total row of 表7).
                        kind: if r.cells.iter().any(|c| {
                            let c = strip(c);
                            c.contains("合计") || c.contains("总计")
                        }) || code_col.is_some_and(|k| {
                            r.cells.get(k).is_some_and(String::is_empty)
                                && r.cells.iter().any(|c| crate::amount::is_amount(c))
                        }) {
                            "total"
                        } else {
                            "data"
                        },
                        cells: r.cells.clone(),
                        line: r.line,
                    })
                    .collect(),
                notes: t.notes.clone(),
            }
        })
        .collect()
}

/// Spans for one- and two-line headers: an empty cell after a filled one in the same row widens
/// it when a lower header row has text under the empty cell (`2022 年政府采购项目` over 小计 and
/// its 其中 columns); then a filled cell with empty, unclaimed cells below it covers those rows.
pub fn header_spans(header: &[Vec<String>]) -> Vec<Vec<HeaderCell>> {
    let rows = header.len();
    let width = header.first().map_or(0, Vec::len);
    let text = |r: usize, c: usize| {
        header
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    };
    // Pass 1: column spans, row by row.
    let mut colspans = vec![vec![1usize; width]; rows];
    let mut covered = vec![vec![false; width]; rows];
    for r in 0..rows {
        let mut c = 0;
        while c < width {
            let mut span = 1;
            if !text(r, c).is_empty() {
                while c + span < width
                    && text(r, c + span).is_empty()
                    && (r + 1..rows).any(|below| !text(below, c + span).is_empty())
                {
                    if let Some(slot) = covered.get_mut(r).and_then(|row| row.get_mut(c + span)) {
                        *slot = true;
                    }
                    span += 1;
                }
            }
            if let Some(slot) = colspans.get_mut(r).and_then(|row| row.get_mut(c)) {
                *slot = span;
            }
            c += span;
        }
    }
    // Pass 2: row spans into empty cells no column span claimed.
    let mut out = Vec::with_capacity(rows);
    for r in 0..rows {
        let mut cells = Vec::new();
        for c in 0..width {
            if covered
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            let colspan = colspans
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(1);
            let mut rowspan = 1;
            if !text(r, c).is_empty() && colspan == 1 {
                while r + rowspan < rows
                    && text(r + rowspan, c).is_empty()
                    && !covered
                        .get(r + rowspan)
                        .and_then(|row| row.get(c))
                        .copied()
                        .unwrap_or(false)
                {
                    rowspan += 1;
                }
            }
            for rr in r + 1..r + rowspan {
                if let Some(slot) = covered.get_mut(rr).and_then(|row| row.get_mut(c)) {
                    *slot = true;
                }
            }
            cells.push(HeaderCell {
                text: text(r, c).to_string(),
                col: c,
                colspan,
                rowspan,
            });
        }
        out.push(cells);
    }
    out
}

/// The contents and which tables are present.
pub fn contents(budget: &Budget) -> Vec<ContentsView> {
    budget
        .contents
        .iter()
        .map(|e| ContentsView {
            number: e.number,
            title: e.title.clone(),
            present: budget.tables.iter().any(|t| t.number == Some(e.number)),
        })
        .collect()
}

/// An amount a budget officer can edit.
#[derive(Clone, Debug, Serialize)]
pub struct Editable {
    /// The leaf key (`project:p01`).
    pub key: String,
    /// Its label.
    pub label: String,
    /// `project`, `function_basic`, `economic`, `sanggong`, `income`.
    pub kind: crate::scenario::Kind,
    /// The group heading (`项目支出`).
    pub group: &'static str,
    /// The scenario value, as printed.
    pub value: String,
    /// The published value.
    pub baseline: String,
    /// The value as typed back into an input (`1838`, no separators).
    pub plain: String,
}

/// Every editable amount, grouped.
pub fn editables(scenario: &crate::scenario::Scenario) -> Vec<Editable> {
    use crate::scenario::Kind;
    scenario
        .leaves()
        .map(|n| Editable {
            key: n.key.clone(),
            label: n.label.clone(),
            kind: n.kind,
            group: match n.kind {
                Kind::Project => "项目支出",
                Kind::Economic => "基本支出（按经济分类）",
                Kind::FunctionBasic => "基本支出（按功能分类，表7）",
                Kind::Sanggong => "“三公”经费",
                Kind::Function => "支出（按功能分类）",
                _ => "收入",
            },
            value: n.value.display(),
            baseline: n.baseline.display(),
            plain: n.value.decimal().normalize().to_string(),
        })
        .collect()
}

/// A project's sentence of 第三部分, as published and regenerated for the scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Sentence {
    /// The project id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The leaf key of its amount.
    pub key: String,
    /// The published wording (amount and change).
    pub original: String,
    /// The same sentence for the scenario's figures.
    pub regenerated: String,
}

/// The sentences of every project.
pub fn sentences(budget: &Budget, scenario: &crate::scenario::Scenario) -> Vec<Sentence> {
    budget
        .figures
        .projects
        .iter()
        .map(|p| {
            let change = p.change.as_ref().map_or(String::new(), |c| match &c.at {
                crate::model::Location::Text { text, .. } => {
                    // `较 2021 年预算增加 5 万元，增长 8%`: up to the second comma.
                    let mut commas = text.match_indices('，').map(|(i, _)| i);
                    let end = commas.nth(1).unwrap_or(text.len());
                    format!("，{}", text.get(..end).unwrap_or(text))
                }
                _ => String::new(),
            });
            Sentence {
                id: p.id.clone(),
                name: p.name.clone(),
                key: format!("project:{}", p.id),
                original: format!(
                    "{}预算 {} {}{}。",
                    p.name,
                    p.amount.amount.display(),
                    budget.unit.name,
                    change
                ),
                regenerated: scenario.sentence(budget, &p.id).unwrap_or_default(),
            }
        })
        .collect()
}

/// Every table as CSV (RFC 4180 quoting), one block per table with its label and title.
pub fn csv(budget: &Budget) -> String {
    let field = crate::export::csv_field;
    let mut out = String::new();
    for t in &budget.tables {
        out.push_str(&field(&format!(
            "{} {}（单位：{}）",
            t.label,
            t.title,
            t.unit.as_deref().unwrap_or(&budget.unit.name)
        )));
        out.push_str("\r\n");
        for row in t.header.iter().chain(t.rows.iter().map(|r| &r.cells)) {
            let line: Vec<String> = row.iter().map(|c| field(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
    }
    out
}

/// A narrative part with its claims marked.
#[derive(Clone, Debug, Serialize)]
pub struct PartView {
    /// 1–9.
    pub number: u8,
    /// `第三部分`.
    pub label: String,
    /// The title.
    pub title: String,
    /// Its paragraphs.
    pub paragraphs: Vec<ParagraphView>,
}

/// A paragraph and the claims in it.
#[derive(Clone, Debug, Serialize)]
pub struct ParagraphView {
    /// The source line.
    pub line: usize,
    /// The text.
    pub text: String,
    /// Claims, in order, with character spans into `text`.
    pub claims: Vec<ClaimView>,
}

/// A claim and its verdict, ready to show.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimView {
    /// Character offset of the claim in the paragraph.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The claim's words.
    pub text: String,
    /// `ok`, `rounding`, `mismatch`, `unverifiable`, `note`.
    pub status: &'static str,
    /// The rule (`claim.percent`).
    pub rule: &'static str,
    /// The computation, in Chinese.
    pub message: String,
    /// The computation in English (`messageEn`), with the same figures.
    #[serde(rename = "messageEn")]
    pub message_en: String,
    /// The table cells it rests on.
    pub cells: Vec<String>,
}

/// The narrative with every claim and its verdict.
pub fn narrative(budget: &Budget) -> Result<Vec<PartView>, crate::error::Error> {
    Ok(narrative_of(budget, &crate::claims::check(budget)?))
}

/// The narrative with the claims already checked (`reconcile_with_claims`).
pub fn narrative_of(budget: &Budget, checked: &[crate::claims::Checked]) -> Vec<PartView> {
    // The claims of each paragraph, in order: one pass, not one scan per paragraph. The
    // paragraph's first line is in the key, so a text that repeats a part number keeps each
    // copy's claims under that copy.
    type Key = (u8, usize, usize);
    let mut by_paragraph: std::collections::HashMap<Key, Vec<&crate::claims::Checked>> =
        std::collections::HashMap::new();
    for c in checked {
        by_paragraph
            .entry((c.claim.part, c.claim.line, c.claim.paragraph))
            .or_default()
            .push(c);
    }
    budget
        .parts
        .iter()
        .map(|part| PartView {
            number: part.number,
            label: format!("第{}部分", crate::numerals::chinese_numeral(part.number)),
            title: part.title.clone(),
            paragraphs: part
                .paragraphs
                .iter()
                .enumerate()
                .map(|(pi, p)| ParagraphView {
                    line: p.line,
                    text: p.text.clone(),
                    claims: by_paragraph
                        .get(&(part.number, p.line, pi))
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .map(|c| ClaimView {
                            start: c.claim.start,
                            end: c.claim.end,
                            text: c.claim.text.clone(),
                            status: c.finding.status.key(),
                            rule: c.finding.rule,
                            message: c.finding.message.clone(),
                            message_en: c.finding.message_en.clone(),
                            cells: c
                                .finding
                                .locations
                                .iter()
                                .filter_map(|l| match l {
                                    crate::model::Location::Cell { table, row, col } => {
                                        Some(crate::report::cell_id(table, *row, *col))
                                    }
                                    _ => None,
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}
