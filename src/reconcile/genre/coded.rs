//! A classified table: each 类 is the sum of its 款, each 款 of its 项 (or 301 of 30101…), the
//! 合计 row of the 类, and each row's total of its parts (基本 + 项目, 人员 + 公用, sources).

use super::{column_name, Ctx, Term};
use crate::amount::Amount;
use crate::catalogue::{self, ColumnKind};
use crate::error::Error;
use crate::finding::{Finding, Value};
use crate::model::Location;
use crate::model::{LineKind, Placed, Table, TableFigures, TableLine};
use crate::rounding::Status;

/// Checks one table.
pub(super) fn check(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    let mut roles: Vec<&str> = vec!["total"];
    if let Some(cols) = f.columns.first() {
        for id in cols {
            let additive = matches!(
                id.as_str(),
                "basic" | "project" | "personnel" | "public" | "prior" | "change"
            );
            if additive && !roles.contains(&id.as_str()) {
                roles.push(id);
            }
        }
    }
    for role in &roles {
        hierarchy(c, table, f, role)?;
        total_row(c, table, f, role)?;
    }
    row_sums(c, table, f)?;
    changes(c, table, f)?;
    Ok(())
}

/// Where a table prints the prior year beside the year: 本年 = 上年 + 增减, and 增减% =
/// 增减 ÷ 上年, on every row whose cells are all in their columns.
fn changes(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    let Some(cols) = f.columns.first() else {
        return Ok(());
    };
    if !(cols.iter().any(|c| c == "prior") && cols.iter().any(|c| c == "change")) {
        return Ok(());
    }
    for line in f.lines.iter().filter(|l| l.aligned) {
        let find = |role: &str| {
            line.amounts
                .iter()
                .find(|a| a.role.as_deref() == Some(role))
        };
        let (Some(current), Some(prior), Some(change)) =
            (find("total"), find("prior"), find("change"))
        else {
            continue;
        };
        let name = match &line.code {
            Some(code) => format!("{code} {}", line.label),
            None => line.label.clone(),
        };
        let zh = format!("{} {name}：本年 = 上年 + 增减", table.label);
        let en = format!(
            "{} “{name}”: this year = the prior year + the change",
            super::english_label(table)
        );
        let lhs = Term::of(table, line, current, "本年");
        let terms = [
            Term::of(table, line, prior, "上年"),
            Term::of(table, line, change, "增减"),
        ];
        c.sum("table.change", (&zh, &en), &lhs, &terms, f.step)?;
        if let Some(percent) = find("percent") {
            let text = table
                .rows
                .get(line.row)
                .and_then(|r| r.cells.get(percent.col))
                .map_or(String::new(), Clone::clone);
            let decimals = text
                .trim_end_matches(['%', '％'])
                .split_once('.')
                .map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0));
            let verdict = crate::rounding::check_percent(
                current.value,
                change.value,
                percent.value,
                decimals,
                f.step,
            )?;
            let computed = verdict
                .computed
                .map_or_else(|| "—".to_string(), |d| format!("{}%", d.normalize()));
            let relation = if verdict.status == Status::Ok {
                "="
            } else {
                "≠"
            };
            let stated = percent.value.display();
            let at = |p: &crate::model::Placed| Location::Cell {
                table: table.key.clone(),
                row: line.row,
                col: p.col,
            };
            c.findings.push(Finding {
                rule: "table.percent",
                status: verdict.status,
                message: format!(
                    "{} {name}：增减% = 增减 ÷ 上年：{stated}% {relation} {} ÷ {} = {computed}",
                    table.label,
                    change.value.display_to(f.step),
                    prior.value.display_to(f.step)
                ),
                message_en: format!(
                    "{} “{name}”: change % = change ÷ prior year: {stated}% {relation} {} ÷ {} = {computed}",
                    super::english_label(table),
                    change.value.display_to(f.step),
                    prior.value.display_to(f.step)
                ),
                values: vec![
                    Value { label: "增减%".into(), value: format!("{stated}%") },
                    Value { label: "增减".into(), value: change.value.display_to(f.step) },
                    Value { label: "上年".into(), value: prior.value.display_to(f.step) },
                ],
                difference: None,
                tolerance: None,
                locations: vec![at(percent), at(change), at(prior)],
            });
        }
    }
    Ok(())
}

/// Where `line`'s amount in column `role` is: `Some(Some(i))` its index, `Some(None)` the row
/// printed nothing there (a zero), `None` it cannot be told (the row dropped empty cells).
fn slot(f: &TableFigures, line: &TableLine, role: &str) -> Option<Option<usize>> {
    if line.amounts.is_empty() {
        return Some(None);
    }
    if let Some(i) = line
        .amounts
        .iter()
        .position(|a| a.role.as_deref() == Some(role))
    {
        return Some(Some(i));
    }
    if line.aligned {
        return Some(None);
    }
    (role == "total" && f.amount_in(line, role).is_some()).then_some(Some(0))
}

fn term(table: &Table, f: &TableFigures, line: &TableLine, role: &str) -> Option<Term> {
    let (zh, _) = column_name(role);
    match slot(f, line, role)? {
        Some(i) => line.amounts.get(i).map(|p| Term::of(table, line, p, zh)),
        None => Some(Term::of(
            table,
            line,
            &Placed {
                col: 1,
                role: None,
                value: Amount::ZERO,
            },
            zh,
        )),
    }
}

fn level_name(len: usize, economic: bool) -> (&'static str, &'static str) {
    match (len, economic) {
        (5, false) => ("款", "款 lines"),
        (7, false) => ("项", "项 lines"),
        (5, true) => ("款", "款 lines"),
        _ => ("下级科目", "sub-lines"),
    }
}

/// 类 = Σ 款, 款 = Σ 项, for column `role`.
fn hierarchy(c: &mut Ctx<'_>, table: &Table, f: &TableFigures, role: &str) -> Result<(), Error> {
    let economic = f.lines.iter().any(|l| {
        l.code
            .as_deref()
            .is_some_and(|k| k.starts_with('3') && k.len() <= 5)
    }) && !f
        .lines
        .iter()
        .any(|l| l.code.as_deref().is_some_and(|k| k.len() == 7));
    for parent in &f.lines {
        let Some(code) = parent.code.as_deref() else {
            continue;
        };
        if !(code.len() == 3 || code.len() == 5) {
            continue;
        }
        let children: Vec<&TableLine> = f
            .lines
            .iter()
            .filter(|l| {
                l.code
                    .as_deref()
                    .is_some_and(|k| k.len() == code.len() + 2 && k.starts_with(code))
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let Some(Some(_)) = slot(f, parent, role) else {
            continue;
        };
        let Some(lhs) = term(table, f, parent, role) else {
            continue;
        };
        let terms: Option<Vec<Term>> = children.iter().map(|l| term(table, f, l, role)).collect();
        let Some(terms) = terms else {
            continue;
        };
        let (level, level_en) = level_name(code.len() + 2, economic);
        let (col, col_en) = column_name(role);
        let zh = format!(
            "{} {code} {}{} = 其下各{level}之和",
            table.label, parent.label, col
        );
        let en = format!(
            "{} {code} “{}”{} = the sum of its {level_en}",
            super::english_label(table),
            parent.label,
            if col_en.is_empty() {
                String::new()
            } else {
                format!(" ({col_en})")
            }
        );
        c.sum("table.hierarchy", (&zh, &en), &lhs, &terms, f.step)?;
    }
    Ok(())
}

/// 合计 = Σ 类, for column `role`.
fn total_row(c: &mut Ctx<'_>, table: &Table, f: &TableFigures, role: &str) -> Result<(), Error> {
    let mut totals = f
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Total && l.code.is_none());
    let (Some(total), None) = (totals.next(), totals.next()) else {
        // No total row, or several (人员经费合计 and 公用经费合计 over different classes).
        return Ok(());
    };
    let Some(top) = f
        .lines
        .iter()
        .filter_map(|l| l.code.as_ref().map(String::len))
        .min()
    else {
        return Ok(());
    };
    let classes: Vec<&TableLine> = f
        .lines
        .iter()
        .filter(|l| l.code.as_ref().is_some_and(|k| k.len() == top))
        .collect();
    let Some(Some(_)) = slot(f, total, role) else {
        return Ok(());
    };
    let Some(lhs) = term(table, f, total, role) else {
        return Ok(());
    };
    let terms: Option<Vec<Term>> = classes.iter().map(|l| term(table, f, l, role)).collect();
    let Some(terms) = terms else {
        return Ok(());
    };
    let (col, col_en) = column_name(role);
    let zh = format!("{} {}{} = 各类之和", table.label, total.label, col);
    let en = format!(
        "{} “{}”{} = the sum of its classes",
        super::english_label(table),
        total.label,
        if col_en.is_empty() {
            String::new()
        } else {
            format!(" ({col_en})")
        }
    );
    c.sum("table.total", (&zh, &en), &lhs, &terms, f.step)
}

/// Each row's total = Σ its parts, where the header says the columns are total + parts.
fn row_sums(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    let Some(cols) = f.columns.first() else {
        return Ok(());
    };
    let kinds: Vec<ColumnKind> = cols
        .iter()
        .filter_map(|id| {
            catalogue::COLUMNS
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.kind)
        })
        .collect();
    // Two parts at least: a total beside one part (`合计 | 基本支出`, the 项目支出 column on
    // another page) is no partition of it.
    // Figures beside the sum (政府采购 and its 其中) are no part of it: only rows placed in
    // their columns can then be summed, without them.
    let aside = kinds.contains(&ColumnKind::Aside);
    let summed: Vec<&ColumnKind> = kinds.iter().filter(|k| **k != ColumnKind::Aside).collect();
    let flat = summed.len() >= 3
        && summed.first() == Some(&&ColumnKind::Total)
        && summed.iter().skip(1).all(|k| **k == ColumnKind::Part);
    if !flat {
        return Ok(());
    }
    for line in &f.lines {
        // A row printing more amounts than the table has columns holds columns the header did
        // not name (`2022 年政府采购项目` split over two words): its sums cannot be told.
        if line.amounts.len() < 2 || line.amounts.len() > cols.len() || (aside && !line.aligned) {
            continue;
        }
        let amounts: Vec<&Placed> = line
            .amounts
            .iter()
            .filter(|p| !aside || p.role.as_deref() != Some("aside"))
            .collect();
        if amounts.len() < 2 {
            continue;
        }
        let Some((first, rest)) = amounts.split_first() else {
            continue;
        };
        let lhs = Term::of(table, line, first, "");
        let terms: Vec<Term> = rest
            .iter()
            .map(|p| {
                Term::of(
                    table,
                    line,
                    p,
                    p.role.as_deref().map_or("", |r| column_name(r).0),
                )
            })
            .collect();
        let name = match &line.code {
            Some(code) => format!("{code} {}", line.label),
            None => line.label.clone(),
        };
        let zh = format!("{} {name}：合计 = 各列之和", table.label);
        let en = format!(
            "{} “{name}”: the total = the sum of the other columns",
            super::english_label(table)
        );
        c.sum("table.row", (&zh, &en), &lhs, &terms, f.step)?;
    }
    Ok(())
}
