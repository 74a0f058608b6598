//! A two-sided summary (收支总表, 财政拨款收支总表): income = expenditure; on each side the
//! numbered items add up to the year's subtotal, sub-items to their item, and the subtotal
//! plus carry-over to the total.

use super::{Ctx, Term};
use crate::amount::Amount;
use crate::catalogue::{self, ColumnKind};
use crate::error::Error;
use crate::model::{LineKind, Placed, Table, TableFigures, TableLine};

/// Checks one two-sided table.
pub(super) fn check(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    balance(c, table, f)?;
    let unknown = f
        .lines
        .iter()
        .any(|l| l.side == TableLine::UNKNOWN_SIDE && !l.amounts.is_empty());
    let confused = f
        .lines
        .iter()
        .any(|l| l.side == 0 && l.kind == LineKind::Item && l.label.contains("支出"));
    if unknown || confused {
        let (zh, en) = if unknown {
            (
                "有金额因项目名称换行而无法确定属于收入方还是支出方，两方各项之和无法核对",
                "some amounts were left on a line of their own by a wrapped label, so which side they belong to cannot be told and the sides' sums cannot be checked",
            )
        } else {
            (
                "文本中收入方与支出方的列无法分清，两方各项之和无法核对",
                "the text does not keep the income and expenditure columns apart, so the sides' sums cannot be checked",
            )
        };
        c.unverifiable(table, zh, en);
        return Ok(());
    }
    let groups = f.lines.iter().map(|l| l.side).max().unwrap_or(0);
    for g in 0..=groups {
        items(c, table, f, g)?;
        children(c, table, f, g)?;
    }
    for income in [true, false] {
        carry(c, table, f, income)?;
    }
    for g in 0..=groups {
        rows(c, table, f, g)?;
    }
    Ok(())
}

/// On a side whose columns are a total and its parts (`合计 | 一般公共预算 | 政府性基金预算 |
/// 国有资本经营预算`), each row that printed every column: the total = the sum of the parts.
fn rows(c: &mut Ctx<'_>, table: &Table, f: &TableFigures, group: u8) -> Result<(), Error> {
    let Some(cols) = f.columns.get(usize::from(group)) else {
        return Ok(());
    };
    let kinds: Vec<Option<ColumnKind>> = cols
        .iter()
        .map(|id| {
            catalogue::COLUMNS
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.kind)
        })
        .collect();
    let flat = kinds.len() >= 3
        && kinds.first() == Some(&Some(ColumnKind::Total))
        && kinds.iter().skip(1).all(|k| *k == Some(ColumnKind::Part));
    if !flat {
        return Ok(());
    }
    for line in f.lines.iter().filter(|l| l.side == group) {
        let placed = line.amounts.len() == cols.len()
            && line
                .amounts
                .iter()
                .zip(cols)
                .all(|(p, id)| p.role.as_deref() == Some(id.as_str()));
        if !placed {
            continue;
        }
        let Some((first, rest)) = line.amounts.split_first() else {
            continue;
        };
        let lhs = Term::of(table, line, first, "");
        let terms: Vec<Term> = rest.iter().map(|p| Term::of(table, line, p, "")).collect();
        let zh = format!("{} {}：合计 = 各列之和", table.label, line.label);
        let en = format!(
            "{} “{}”: the total = the sum of the other columns",
            super::english_label(table),
            line.label
        );
        c.sum("table.row", (&zh, &en), &lhs, &terms, f.step)?;
    }
    Ok(())
}

fn first(table: &Table, line: &TableLine) -> Option<Term> {
    line.amounts.first().map(|p| Term::of(table, line, p, ""))
}

fn zero(table: &Table, line: &TableLine) -> Term {
    Term::of(
        table,
        line,
        &Placed {
            col: 0,
            role: None,
            value: Amount::ZERO,
        },
        "",
    )
}

fn on_side(line: &TableLine, income: bool) -> bool {
    line.on_side(income)
}

fn last_of(f: &TableFigures, kind: LineKind, income: bool) -> Option<&TableLine> {
    f.lines
        .iter()
        .rev()
        .find(|l| l.kind == kind && on_side(l, income) && !l.amounts.is_empty())
}

/// 收入总计 = 支出总计.
fn balance(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    let (Some(i), Some(e)) = (
        last_of(f, LineKind::Total, true),
        last_of(f, LineKind::Total, false),
    ) else {
        return Ok(());
    };
    let (Some(lhs), Some(rhs)) = (first(table, i), first(table, e)) else {
        return Ok(());
    };
    let zh = format!("{} {} = {}", table.label, i.label, e.label);
    let en = format!(
        "{} “{}” = “{}”",
        super::english_label(table),
        i.label,
        e.label
    );
    c.sum("summary.balance", (&zh, &en), &lhs, &[rhs], f.step)
}

/// The first number 一、二、三… skips among items that are numbered so (`None` when they are
/// not numbered, or run on with none missing).
fn missing_number(items: &[&TableLine]) -> Option<u8> {
    let numbers: Vec<u8> = items
        .iter()
        .map(|l| {
            let head: String = l.label.trim().chars().take_while(|c| *c != '、').collect();
            crate::numerals::parse_chinese_numeral(&head)
        })
        .collect::<Option<Vec<u8>>>()?;
    let mut expected = 1u8;
    for n in numbers {
        if n > expected {
            return Some(expected);
        }
        expected = n.saturating_add(1);
    }
    None
}

/// The numbered items of one side or group = its subtotal (or total less carry-over).
fn items(c: &mut Ctx<'_>, table: &Table, f: &TableFigures, group: u8) -> Result<(), Error> {
    let income = group == 0;
    let items: Vec<&TableLine> = f
        .lines
        .iter()
        .filter(|l| l.side == group && l.kind == LineKind::Item)
        .collect();
    if !items.iter().any(|l| !l.amounts.is_empty()) {
        return Ok(());
    }
    // Numbered 一、二、三…: a number missing (a name clipped or lost in the text) means an
    // item whose amount the sum would leave out.
    if let Some(missing) = missing_number(&items) {
        let side = if income {
            ("收入", "income")
        } else {
            ("支出", "expenditure")
        };
        c.unverifiable(
            table,
            &format!(
                "{}方的编号不连续（缺少“{}、”），有一项未能读出，各项之和无法核对",
                side.0,
                crate::numerals::chinese_numeral(missing)
            ),
            &format!(
                "the {} side's numbering skips item {missing} (“{}、”): an item could not be read, so the sum of the items cannot be checked",
                side.1,
                crate::numerals::chinese_numeral(missing)
            ),
        );
        return Ok(());
    }
    let mut terms: Vec<Term> = items
        .iter()
        .map(|l| first(table, l).unwrap_or_else(|| zero(table, l)))
        .collect();
    let target = match last_of(f, LineKind::Subtotal, income) {
        Some(s) => s,
        None => {
            let Some(t) = last_of(f, LineKind::Total, income) else {
                return Ok(());
            };
            terms.extend(
                f.lines
                    .iter()
                    .filter(|l| l.kind == LineKind::Carry && on_side(l, income))
                    .filter_map(|l| first(table, l)),
            );
            t
        }
    };
    let Some(lhs) = first(table, target) else {
        return Ok(());
    };
    let side = if income {
        ("收入", "income")
    } else {
        ("支出", "expenditure")
    };
    let zh = format!("{} {} = {}方各项之和", table.label, target.label, side.0);
    let en = format!(
        "{} “{}” = the sum of the {} items",
        super::english_label(table),
        target.label,
        side.1
    );
    c.sum("summary.items", (&zh, &en), &lhs, &terms, f.step)
}

/// Sub-items (`1. 一般公共预算`) = their item (`一、财政拨款收入`).
fn children(c: &mut Ctx<'_>, table: &Table, f: &TableFigures, group: u8) -> Result<(), Error> {
    let side: Vec<&TableLine> = f.lines.iter().filter(|l| l.side == group).collect();
    let mut i = 0;
    while i < side.len() {
        let Some(item) = side.get(i).copied() else {
            break;
        };
        i += 1;
        if item.kind != LineKind::Item {
            continue;
        }
        let mut kids = Vec::new();
        while let Some(next) = side.get(i).copied() {
            if next.kind != LineKind::Child {
                break;
            }
            kids.push(next);
            i += 1;
        }
        if kids.is_empty() || !kids.iter().any(|k| !k.amounts.is_empty()) {
            continue;
        }
        let lhs = first(table, item).unwrap_or_else(|| zero(table, item));
        let terms: Vec<Term> = kids
            .iter()
            .map(|l| first(table, l).unwrap_or_else(|| zero(table, l)))
            .collect();
        let zh = format!("{} {} = 其下各项之和", table.label, item.label);
        let en = format!(
            "{} “{}” = the sum of its sub-items",
            super::english_label(table),
            item.label
        );
        c.sum("summary.children", (&zh, &en), &lhs, &terms, f.step)?;
    }
    Ok(())
}

/// Total = the year's subtotal + carry-over, on one side.
fn carry(c: &mut Ctx<'_>, table: &Table, f: &TableFigures, income: bool) -> Result<(), Error> {
    let (Some(sub), Some(total)) = (
        last_of(f, LineKind::Subtotal, income),
        last_of(f, LineKind::Total, income),
    ) else {
        return Ok(());
    };
    let Some(lhs) = first(table, total) else {
        return Ok(());
    };
    let mut terms: Vec<Term> = first(table, sub).into_iter().collect();
    terms.extend(
        f.lines
            .iter()
            .filter(|l| l.kind == LineKind::Carry && on_side(l, income))
            .map(|l| first(table, l).unwrap_or_else(|| zero(table, l))),
    );
    let zh = format!("{} {} = {} + 结转结余", table.label, total.label, sub.label);
    let en = format!(
        "{} “{}” = “{}” + carry-over",
        super::english_label(table),
        total.label,
        sub.label
    );
    c.sum("summary.carry", (&zh, &en), &lhs, &terms, f.step)
}
