//! The structured figures read from the published tables and narrative.

use crate::amount::Amount;
use crate::error::{Error, Message, Place};
use crate::import::phrases::{self, Found};
use crate::import::text::{clip, Document};
use crate::model::{
    Change, Figure, Figures, Function, Line, Location, Named, Part, Procurement, Project,
    SanggongRow, Statement, Table, Task, Unit,
};

/// Reads every structured figure the checks and the scenario engine use.
///
/// Amounts the narrative prints in another unit than the tables' (`1.73 亿元` in a budget in
/// 万元) are converted to `unit`; one printed too coarsely to be checked at the tables'
/// precision is left to the checks of the narrative's claims (see [`in_unit`]).
pub fn read_figures(doc: &Document, file: &str, unit: &Unit) -> Result<Figures, Error> {
    let mut figures = Figures::default();
    if let Some(t1) = by_role(doc, "summary") {
        figures.income = income_lines(t1, file)?;
    }
    for role in ["summary", "appropriation-summary"] {
        if let Some(t) = by_role(doc, role) {
            both_sides_are_amounts(t, file)?;
        }
    }
    if let Some(t7) = by_role(doc, "general-function") {
        figures.functions = functions(t7, file)?;
    }
    if let Some(t8) = by_role(doc, "sanggong") {
        figures.sanggong = sanggong(t8, file)?;
    }
    if let Some(t11) = by_role(doc, "performance") {
        figures.tasks = tasks(t11, file)?;
    }
    // Projects whose amount the text prints too coarsely (`1.73 亿元`): the 第七部分 table's
    // amount stands for them when they are listed there.
    let mut coarse = Vec::new();
    for part in &doc.parts {
        // Parts by what their headings say they are about, whatever their number.
        match crate::catalogue::section_of_heading(&part.title) {
            Some("summary") => stated_totals(part, &mut figures, unit),
            Some("expenditure") => spending(part, &mut figures, unit, &mut coarse),
            Some("procurement") => figures.procurement = Some(procurement_stated(part, unit)),
            Some("performance") => performance_scope(part, &mut figures, unit),
            Some("operating" | "other") => {
                if let Some(found) = operating_funds(part, unit) {
                    figures.operating_funds = Some(found);
                }
            }
            _ => {}
        }
    }
    if let Some(t3) = by_role(doc, "expenditure") {
        spending_totals_are_amounts(t3, file)?;
        let total = procurement_total(t3, file)?;
        let procurement = figures.procurement.get_or_insert(Procurement {
            total: None,
            stated_total: None,
            goods: None,
            works: None,
            services: None,
        });
        procurement.total = total;
    }
    if let Some(p7) = doc.tables.iter().find(|t| t.key.starts_with('p')) {
        link_listed_projects(p7, &mut figures.projects, file)?;
    }
    for p in &mut figures.projects {
        if coarse.contains(&p.id) {
            if let Some(listed) = &p.listed {
                p.amount = listed.clone();
            }
        }
    }
    Ok(figures)
}

/// The table with this key.
pub fn table<'a>(doc: &'a Document, key: &str) -> Option<&'a Table> {
    doc.tables.iter().find(|t| t.key == key)
}

/// The first table with this catalogue role (`summary`, `general-function`…).
fn by_role<'a>(doc: &'a Document, role: &str) -> Option<&'a Table> {
    doc.tables.iter().find(|t| t.role.as_deref() == Some(role))
}

/// The column whose header contains `name` (the last such column when `last`).
fn column(table: &Table, name: &str, file: &str) -> Result<usize, Error> {
    table
        .column_names()
        .iter()
        .position(|c| c.contains(name))
        .ok_or_else(|| Error::Import {
            place: table_place(table, file, table.line),
            message: Message::new(
                format!("{} 缺少“{name}”列", table.label),
                format!(
                    "{} has no column “{name}”",
                    crate::error::within_english(&table.label)
                ),
            ),
        })
}

fn table_place(table: &Table, file: &str, line: usize) -> Place {
    Place {
        file: file.to_string(),
        line: Some(line),
        within: Some(format!("{} {}", table.label, table.title)),
    }
}

/// The amount in a cell, or an error naming the table, line and column.
pub fn cell_amount(table: &Table, row: usize, col: usize, file: &str) -> Result<Figure, Error> {
    let r = table.rows.get(row);
    let text = r.and_then(|r| r.cells.get(col)).map_or("", String::as_str);
    let line = r.map_or(table.line, |r| r.line);
    let column = table.column_names().get(col).cloned().unwrap_or_default();
    if text.is_empty() {
        return Err(Error::Import {
            place: table_place(table, file, line),
            message: Message::new(
                format!("“{column}”列缺少金额"),
                format!("column “{column}” has no amount"),
            ),
        });
    }
    let amount = Amount::parse(text).map_err(|e| Error::Import {
        place: table_place(table, file, line),
        message: Message::new(
            format!("“{column}”列：{e}"),
            format!("column “{column}”: {}", e.detail_english()),
        ),
    })?;
    Ok(Figure {
        amount,
        at: Location::Cell {
            table: table.key.clone(),
            row,
            col,
        },
    })
}

fn is_total_label(name: &str) -> bool {
    name.contains("合计") || name.contains("总计") || name.contains("结余") || name.contains("结转")
}

fn income_lines(t1: &Table, file: &str) -> Result<Vec<Line>, Error> {
    let mut lines = Vec::new();
    let Some(&(label, amount)) = t1.sides().first() else {
        return Ok(lines);
    };
    for (i, row) in t1.rows.iter().enumerate() {
        let name = row.cells.get(label).map_or("", String::as_str);
        if name.is_empty() || is_total_label(name) {
            continue;
        }
        lines.push(Line {
            name: name.to_string(),
            value: cell_amount(t1, i, amount, file)?,
        });
    }
    Ok(lines)
}

/// 表1 and 表6 print a name and an amount on each side: a named row needs its amount.
fn both_sides_are_amounts(t: &Table, file: &str) -> Result<(), Error> {
    let sides = t.sides();
    for (i, row) in t.rows.iter().enumerate() {
        for &(name_col, amount_col) in &sides {
            if row.cells.get(name_col).is_some_and(|c| !c.is_empty()) {
                cell_amount(t, i, amount_col, file)?;
            }
        }
    }
    Ok(())
}

fn functions(t7: &Table, file: &str) -> Result<Vec<Function>, Error> {
    let code_col = column(t7, "科目编码", file)?;
    let name_col = column(t7, "科目名称", file)?;
    let total_col = column(t7, "支出总计", file)?;
    let basic_col = column(t7, "基本支出", file)?;
    let project_col = column(t7, "项目支出", file)?;
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for (i, row) in t7.rows.iter().enumerate() {
        let code = row.cells.get(code_col).map_or("", String::as_str);
        if code.is_empty() {
            continue;
        }
        if !code.chars().all(|c| c.is_ascii_digit()) || !matches!(code.len(), 3 | 5 | 7) {
            return Err(Error::Import {
                place: table_place(t7, file, row.line),
                message: Message::new(
                    format!("科目编码“{}”不是 3、5 或 7 位数字", clip(code, 20)),
                    format!(
                        "the classification code “{}” is not 3, 5 or 7 digits",
                        clip(code, 20)
                    ),
                ),
            });
        }
        if let Some(line) = seen.insert(code, row.line) {
            return Err(Error::Import {
                place: table_place(t7, file, row.line),
                message: Message::new(
                    format!("科目编码“{code}”重复（第 {line} 行已有）"),
                    format!(
                        "the classification code “{code}” appears twice (already on line {line})"
                    ),
                ),
            });
        }
        out.push(Function {
            code: code.to_string(),
            name: row.cells.get(name_col).cloned().unwrap_or_default(),
            total: cell_amount(t7, i, total_col, file)?,
            basic: cell_amount(t7, i, basic_col, file)?,
            project: cell_amount(t7, i, project_col, file)?,
        });
    }
    Ok(out)
}

fn sanggong(t8: &Table, file: &str) -> Result<Vec<SanggongRow>, Error> {
    let year_col = column(t8, "年度", file)?;
    let total_col = column(t8, "总计", file)?;
    let abroad_col = column(t8, "出国", file)?;
    let reception_col = column(t8, "公务接待费", file)?;
    let vehicles_col = column(t8, "小计", file)?;
    let purchase_col = column(t8, "公务用车购置费", file)?;
    let operation_col = column(t8, "公务用车运行维护费", file)?;
    let mut out = Vec::new();
    for (i, row) in t8.rows.iter().enumerate() {
        let label = row.cells.get(year_col).map_or("", String::as_str);
        if label.is_empty() {
            continue;
        }
        out.push(SanggongRow {
            label: label.to_string(),
            total: cell_amount(t8, i, total_col, file)?,
            abroad: cell_amount(t8, i, abroad_col, file)?,
            reception: cell_amount(t8, i, reception_col, file)?,
            vehicles: cell_amount(t8, i, vehicles_col, file)?,
            vehicle_purchase: cell_amount(t8, i, purchase_col, file)?,
            vehicle_operation: cell_amount(t8, i, operation_col, file)?,
        });
    }
    Ok(out)
}

/// The task rows of 表11: from the first row to `金额合计`, each with its last three amounts
/// (总额, 财政拨款, 其他资金). The extraction shifts some rows by a column, so the name is the
/// first non-empty cell.
fn tasks(t11: &Table, file: &str) -> Result<Vec<Task>, Error> {
    let mut out = Vec::new();
    for (i, row) in t11.rows.iter().enumerate() {
        let name = row
            .cells
            .iter()
            .find(|c| !c.is_empty())
            .cloned()
            .unwrap_or_default();
        if name.contains("合计") {
            break;
        }
        let cols = t11.amount_cells(i);
        let [.., total, fiscal, other] = cols.as_slice() else {
            return Err(Error::Import {
                place: table_place(t11, file, row.line),
                message: Message::new(
                    format!(
                        "任务“{}”应有总额、财政拨款、其他资金三个金额",
                        clip(&name, 20)
                    ),
                    format!(
                        "the task “{}” should have three amounts: total, fiscal appropriation and other funds",
                        clip(&name, 20)
                    ),
                ),
            });
        };
        out.push(Task {
            basic: name == "基本支出",
            name,
            total: cell_amount(t11, i, *total, file)?,
            fiscal: cell_amount(t11, i, *fiscal, file)?,
            other: cell_amount(t11, i, *other, file)?,
            project: None,
            link_inferred: false,
        });
    }
    Ok(out)
}

/// 表3 prints each unit's 支出总计, 基本支出 and 项目支出: each must be an amount.
fn spending_totals_are_amounts(t3: &Table, file: &str) -> Result<(), Error> {
    for name in ["支出总计", "基本支出", "项目支出"] {
        let Ok(col) = column(t3, name, file) else {
            continue;
        };
        for i in 0..t3.rows.len() {
            cell_amount(t3, i, col, file)?;
        }
    }
    Ok(())
}

fn procurement_total(t3: &Table, file: &str) -> Result<Option<Figure>, Error> {
    let Ok(col) = column(t3, "小计", file) else {
        return Ok(None);
    };
    if t3.rows.is_empty() {
        return Ok(None);
    }
    cell_amount(t3, 0, col, file).map(Some)
}

/// `found` in the budget's unit, and whether it is exact there: printed at least as finely
/// as the tables' step. `None` for a unit that does not convert (a count, or 元 in a budget
/// in 万元: a slip the claims check reports, kept as printed).
pub(crate) fn in_unit(found: &Found, unit: &Unit) -> Option<(Found, bool)> {
    let factor: i64 = match (found.unit.as_str(), unit.name.as_str()) {
        ("亿元", "万元") | ("万元", "元") => 10_000,
        ("亿元", "元") => 100_000_000,
        _ => return Some((found.clone(), true)),
    };
    let factor = rust_decimal::Decimal::from(factor);
    let value = found.amount.decimal().checked_mul(factor)?;
    let printed_step =
        rust_decimal::Decimal::new(1, found.amount.decimal().scale()).checked_mul(factor)?;
    let exact = printed_step <= unit.step.decimal();
    let converted = Found {
        amount: Amount::from_decimal(value),
        unit: unit.name.clone(),
        ..found.clone()
    };
    Some((converted, exact))
}

/// A figure the text prints, in the budget's unit; `None` when it cannot be read at the
/// tables' precision (see [`in_unit`]).
fn text_figure(unit: &Unit, part: &Part, line: usize, text: &str, found: &Found) -> Option<Figure> {
    match in_unit(found, unit)? {
        (found, true) => Some(printed_figure(part, line, text, &found)),
        (_, false) => None,
    }
}

fn printed_figure(part: &Part, line: usize, text: &str, found: &Found) -> Figure {
    let before = text.get(..found.start).unwrap_or("");
    let start = before.chars().count();
    // The phrase starts after the last punctuation within 16 characters before the number.
    let window: Vec<char> = before.chars().rev().take(30).collect();
    let back = window
        .iter()
        .position(|c| "，。、；：,;:".contains(*c))
        .unwrap_or(window.len());
    let from = start - back;
    let found_chars = text
        .get(found.start..found.end)
        .map_or(0, |t| t.chars().count());
    let phrase: String = text
        .chars()
        .skip(from)
        .take(
            start - from
                + text
                    .get(found.start..found.end)
                    .map_or(0, |t| t.chars().count()),
        )
        .collect();
    Figure {
        amount: found.amount,
        at: Location::Text {
            part: part.number,
            line,
            text: phrase,
            span: Some([from, start + found_chars]),
        },
    }
}

fn change_of(part: &Part, line: usize, text: &str, after: usize) -> Option<Change> {
    let stated = phrases::change_after(text, after)?;
    Some(Change {
        amount: stated.amount,
        unit: stated.unit,
        percent: stated.percent,
        percent_decimals: stated.percent_decimals,
        new: stated.new,
        at: Location::Text {
            part: part.number,
            line,
            text: {
                let rest = text.get(after..).unwrap_or("");
                let anchor = ["较", "比"]
                    .iter()
                    .filter_map(|a| rest.find(a))
                    .min()
                    .unwrap_or(0);
                let clause = rest.get(anchor..).unwrap_or(rest);
                let end = clause.find('。').unwrap_or(clause.len());
                clip(clause.get(..end).unwrap_or(clause), 40)
            },
            span: None,
        },
    })
}

fn stated_totals(part: &Part, figures: &mut Figures, unit: &Unit) {
    for p in &part.paragraphs {
        for sentence in p.text.split_inclusive('。') {
            for (label, key) in [("预算收入", "income"), ("预算支出", "expenditure")] {
                if let Some(found) = phrases::labelled(sentence, label) {
                    if let Some(value) = text_figure(unit, part, p.line, sentence, &found) {
                        figures.stated.push(Named {
                            key: format!("part2.{key}"),
                            value,
                        });
                    }
                    if let Some(change) = change_of(part, p.line, sentence, found.end) {
                        figures.stated.push(Named {
                            key: format!("part2.{key}.change"),
                            value: Figure {
                                amount: change.amount,
                                at: change.at.clone(),
                            },
                        });
                        if let Some(pct) = change.percent {
                            figures.stated.push(Named {
                                key: format!("part2.{key}.percent"),
                                value: Figure {
                                    amount: pct,
                                    at: change.at,
                                },
                            });
                        }
                    }
                }
            }
        }
    }
}

fn spending(part: &Part, figures: &mut Figures, unit: &Unit, coarse: &mut Vec<String>) {
    for p in &part.paragraphs {
        if let Some(at) = p.text.find("包括人员支出") {
            let total = phrases::amount_after(&p.text, 0, at)
                .and_then(|total| text_figure(unit, part, p.line, &p.text, &total));
            if let Some(value) = total {
                figures.stated.push(Named {
                    key: "part3.total".to_string(),
                    value,
                });
            }
            let list_start = at + "包括".len();
            let list = p.text.get(list_start..).unwrap_or("");
            for (name, found) in phrases::listed_amounts(list) {
                let shifted = Found {
                    start: found.start + list_start,
                    end: found.end + list_start,
                    ..found
                };
                let Some(value) = text_figure(unit, part, p.line, &p.text, &shifted) else {
                    continue;
                };
                if name.starts_with("项目支出") {
                    figures.stated.push(Named {
                        key: "part3.project".to_string(),
                        value,
                    });
                } else {
                    figures.economic.push(Line { name, value });
                }
            }
            continue;
        }
        let index = figures.projects.len();
        if let Some((project, exact)) = project_item(unit, part, p.line, &p.text, index) {
            if !exact {
                coarse.push(project.id.clone());
            }
            figures.projects.push(project);
        }
    }
}

/// `3. 电力管理预算 1,838 万元，主要包括：…较 2021 年预算增加 1,505 万元，增加 452%…`
///
/// With whether its amount is exact in the budget's unit (see [`in_unit`]).
fn project_item(
    unit: &Unit,
    part: &Part,
    line: usize,
    text: &str,
    index: usize,
) -> Option<(Project, bool)> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = text.get(digits..)?;
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix('、'))?;
    let offset = text.len() - rest.len();
    let budget_at = rest.find("预算")?;
    let name = rest.get(..budget_at)?.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return None;
    }
    let found = phrases::amount_after(text, offset + budget_at + "预算".len(), 3)?;
    if found.unit != "万元" && found.unit != "元" && found.unit != "亿元" {
        return None;
    }
    let (amount, exact) = in_unit(&found, unit)?;
    let project = Project {
        id: format!("p{:02}", index + 1),
        name: name.to_string(),
        amount: printed_figure(part, line, text, &amount),
        change: change_of(part, line, text, found.end),
        code: None,
        code_inferred: false,
        listed: None,
    };
    Some((project, exact))
}

fn procurement_stated(part: &Part, unit: &Unit) -> Procurement {
    let mut procurement = Procurement {
        total: None,
        stated_total: None,
        goods: None,
        works: None,
        services: None,
    };
    for p in &part.paragraphs {
        let get = |label: &str| {
            phrases::labelled(&p.text, label)
                .and_then(|f| text_figure(unit, part, p.line, &p.text, &f))
        };
        procurement.stated_total = procurement.stated_total.take().or_else(|| get("共计"));
        procurement.goods = procurement.goods.take().or_else(|| get("货物采购"));
        procurement.works = procurement.works.take().or_else(|| get("工程采购"));
        procurement.services = procurement.services.take().or_else(|| get("服务采购"));
    }
    procurement
}

fn performance_scope(part: &Part, figures: &mut Figures, unit: &Unit) {
    for p in &part.paragraphs {
        let scope = phrases::labelled(&p.text, "涉及预算资金")
            .and_then(|found| text_figure(unit, part, p.line, &p.text, &found));
        if let Some(value) = scope {
            figures.stated.push(Named {
                key: "part6.project".to_string(),
                value,
            });
        }
        if let Some(found) = phrases::labelled(&p.text, "编报") {
            if found.unit == "个" {
                figures.stated.push(Named {
                    key: "part6.goal_count".to_string(),
                    value: printed_figure(part, p.line, &p.text, &found),
                });
            }
        }
    }
}

fn operating_funds(part: &Part, unit: &Unit) -> Option<Statement> {
    part.paragraphs.iter().find_map(|p| {
        let at = p.text.find("机关运行经费")?;
        let found = phrases::amount_after(&p.text, at, 20)?;
        Some(Statement {
            value: text_figure(unit, part, p.line, &p.text, &found)?,
            change: change_of(part, p.line, &p.text, found.end),
        })
    })
}

/// Links the rows of the 第七部分 project table to the projects of 第三部分 by name.
fn link_listed_projects(p7: &Table, projects: &mut [Project], file: &str) -> Result<(), Error> {
    for (i, row) in p7.rows.iter().enumerate() {
        let name = row.cells.first().map_or("", String::as_str);
        if name.is_empty() {
            continue;
        }
        let figure = cell_amount(p7, i, 1, file)?;
        if let Some(project) = projects.iter_mut().find(|p| p.name == name) {
            project.listed = Some(figure);
        }
    }
    Ok(())
}
