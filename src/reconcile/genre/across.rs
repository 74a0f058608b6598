//! The same figure in two tables: the budget's total in every table that totals the whole
//! budget (or the whole of one scope), a 类/款/项 or economic line in two classified tables
//! that total the same, and a class named on a summary against the classified table.

use super::{Ctx, Term};
use crate::amount::Amount;
use crate::catalogue::{self, Scope, Shape};
use crate::error::Error;
use crate::model::{LineKind, Table, TableFigures, TableLine};

/// Roles whose table totals its whole scope.
const WHOLE: &[&str] = &[
    "summary",
    "income",
    "expenditure",
    "appropriation-summary",
    "appropriation-function",
    "general-function",
];
/// Roles of tables classified by function.
const FUNCTION: &[&str] = &[
    "income",
    "expenditure",
    "appropriation-function",
    "general-function",
    "fund",
    "state-capital",
];
/// Roles of tables classified by economic class.
const ECONOMIC: &[&str] = &["general-basic", "appropriation-basic", "basic"];

struct Entry<'a> {
    table: &'a Table,
    f: &'a TableFigures,
    total: Term,
}

/// Runs the cross-table checks.
pub(super) fn check(c: &mut Ctx<'_>) -> Result<(), Error> {
    let budget = c.budget;
    let entries: Vec<Entry<'_>> = budget
        .figures
        .tables
        .iter()
        .filter_map(|f| {
            let table = budget.tables.iter().find(|t| t.key == f.table)?;
            let (_, total) = grand_total(table, f)?;
            Some(Entry { table, f, total })
        })
        .collect();
    totals(c, &entries)?;
    lines(c, &entries, FUNCTION)?;
    lines(c, &entries, ECONOMIC)?;
    classes(c, &entries)?;
    Ok(())
}

fn role_of<'a>(e: &'a Entry<'_>) -> &'a str {
    e.f.role.as_deref().unwrap_or("")
}

fn scope_of(e: &Entry<'_>) -> Option<Scope> {
    catalogue::role(role_of(e)).map(|r| r.scope)
}

/// The line that totals a table, and its figure.
pub(super) fn grand_total<'a>(table: &Table, f: &'a TableFigures) -> Option<(&'a TableLine, Term)> {
    let two_sided = f
        .role
        .as_deref()
        .and_then(catalogue::role)
        .is_some_and(|r| r.shape == Shape::TwoSided);
    let line = if two_sided {
        f.lines
            .iter()
            .rev()
            .find(|l| l.side == 0 && l.kind == LineKind::Total && !l.amounts.is_empty())?
    } else {
        let total = f
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Total && l.code.is_none() && !l.amounts.is_empty());
        match total {
            Some(t) => t,
            None => {
                let mut with_amounts = f.lines.iter().filter(|l| !l.amounts.is_empty());
                let only = with_amounts.next()?;
                if only.code.is_some() {
                    return None;
                }
                // One unclassified line above the classified ones (the unit's row of a table
                // by 预算单位: `深圳市龙岗区工业和信息化局本级 84,579 5,737 78,841`) totals it.
                if !with_amounts.all(|l| l.code.is_some()) {
                    return None;
                }
                only
            }
        }
    };
    let placed = if two_sided {
        line.amounts.first()?
    } else {
        f.amount_in(line, "total")
            .or_else(|| line.amounts.first())?
    };
    Some((line, Term::of(table, line, placed, "")))
}

fn step_of(a: &Entry<'_>, b: &Entry<'_>) -> Amount {
    if a.f.step.decimal() >= b.f.step.decimal() {
        a.f.step
    } else {
        b.f.step
    }
}

/// Every table that totals a whole scope agrees with that scope's summary (or, with no
/// summary, with the first such table): an income table with the income side, any other with
/// the expenditure side; with the year's subtotal unless the table lists carry-over itself.
fn totals(c: &mut Ctx<'_>, entries: &[Entry<'_>]) -> Result<(), Error> {
    for scope in [Scope::All, Scope::Appropriation, Scope::General] {
        let whole: Vec<&Entry<'_>> = entries
            .iter()
            .filter(|e| WHOLE.contains(&role_of(e)) && scope_of(e) == Some(scope))
            .collect();
        let summary = whole.iter().copied().find(|e| is_two_sided(e));
        let Some(reference) = summary.or_else(|| whole.first().copied()) else {
            continue;
        };
        for other in whole.iter().filter(|e| !std::ptr::eq(**e, reference)) {
            if other.f.unit != reference.f.unit || is_two_sided(other) {
                continue;
            }
            let Some(theirs) = reference_figure(reference, other) else {
                continue;
            };
            let zh = format!(
                "{}《{}》的总计与{}《{}》相同",
                other.table.label, other.table.title, reference.table.label, reference.table.title
            );
            let en = format!(
                "{} “{}” has the same total as {} “{}”",
                super::english_label(other.table),
                other.table.title,
                super::english_label(reference.table),
                reference.table.title
            );
            c.sum(
                "same.total",
                (&zh, &en),
                &other.total,
                std::slice::from_ref(&theirs),
                step_of(reference, other),
            )?;
        }
    }
    Ok(())
}

fn is_two_sided(e: &Entry<'_>) -> bool {
    catalogue::role(role_of(e)).is_some_and(|r| r.shape == Shape::TwoSided)
}

/// The figure of `reference` that `other`'s total should equal.
fn reference_figure(reference: &Entry<'_>, other: &Entry<'_>) -> Option<Term> {
    if !is_two_sided(reference) {
        return Some(reference.total.clone());
    }
    let income = role_of(other) == "income";
    let on_side = |l: &&TableLine| l.on_side(income) && !l.amounts.is_empty();
    let last = |kind: LineKind| {
        reference
            .f
            .lines
            .iter()
            .rev()
            .filter(|l| l.kind == kind)
            .find(on_side)
    };
    let total = last(LineKind::Total)?;
    let lists_carry = other.f.lines.iter().any(|l| l.kind == LineKind::Carry);
    let line = match last(LineKind::Subtotal) {
        Some(sub) if !lists_carry => sub,
        _ => total,
    };
    let placed = line.amounts.first()?;
    Some(Term::of(reference.table, line, placed, ""))
}

/// The same code's total in two classified tables of equal totals.
fn lines(c: &mut Ctx<'_>, entries: &[Entry<'_>], roles: &[&str]) -> Result<(), Error> {
    let coded: Vec<&Entry<'_>> = entries
        .iter()
        .filter(|e| roles.contains(&role_of(e)) && e.f.lines.iter().any(|l| l.code.is_some()))
        .collect();
    for (k, other) in coded.iter().enumerate() {
        // The first earlier table with the same total (and unit) is the reference.
        let Some(reference) = coded
            .iter()
            .take(k)
            .find(|r| r.f.unit == other.f.unit && r.total.amount == other.total.amount)
        else {
            continue;
        };
        for line in &other.f.lines {
            let Some(code) = line.code.as_deref() else {
                continue;
            };
            let Some(theirs) = reference
                .f
                .lines
                .iter()
                .find(|l| l.code.as_deref() == Some(code))
            else {
                continue;
            };
            let (Some(a), Some(b)) = (
                line_total(other.table, other.f, line),
                line_total(reference.table, reference.f, theirs),
            ) else {
                continue;
            };
            let zh = format!(
                "{code} {}：{}与{}相同",
                line.label, other.table.label, reference.table.label
            );
            let en = format!(
                "{code} “{}”: the same in {} and {}",
                line.label,
                super::english_label(other.table),
                super::english_label(reference.table)
            );
            c.sum("same.line", (&zh, &en), &a, &[b], step_of(reference, other))?;
        }
    }
    Ok(())
}

fn line_total(table: &Table, f: &TableFigures, line: &TableLine) -> Option<Term> {
    let placed = f.amount_in(line, "total")?;
    Some(Term::of(table, line, placed, ""))
}

/// A class named on a summary's expenditure side = the 类 line of a classified table that
/// totals the same.
fn classes(c: &mut Ctx<'_>, entries: &[Entry<'_>]) -> Result<(), Error> {
    for s in entries
        .iter()
        .filter(|e| catalogue::role(role_of(e)).is_some_and(|r| r.shape == Shape::TwoSided))
    {
        let Some(function) = entries.iter().find(|e| {
            FUNCTION.contains(&role_of(e))
                && e.f.unit == s.f.unit
                && e.total.amount == s.total.amount
                && e.f
                    .lines
                    .iter()
                    .any(|l| l.code.as_ref().is_some_and(|k| k.len() == 3))
        }) else {
            continue;
        };
        for item in
            s.f.lines
                .iter()
                .filter(|l| l.side > 0 && l.kind == LineKind::Item)
        {
            let name = crate::catalogue::strip_item_numbering(&item.label);
            let Some(class) = function
                .f
                .lines
                .iter()
                .find(|l| l.code.as_ref().is_some_and(|k| k.len() == 3) && l.label == name)
            else {
                continue;
            };
            let Some(b) = line_total(function.table, function.f, class) else {
                continue;
            };
            let a = match item.amounts.first() {
                Some(p) => Term::of(s.table, item, p, ""),
                None => continue,
            };
            let zh = format!("{}：{}与{}相同", name, s.table.label, function.table.label);
            let en = format!(
                "“{name}”: the same in {} and {}",
                super::english_label(s.table),
                super::english_label(function.table)
            );
            c.sum("same.class", (&zh, &en), &a, &[b], step_of(s, function))?;
        }
    }
    Ok(())
}
