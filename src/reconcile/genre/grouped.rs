//! A list of sources grouped under subtotals, in one amount column (Jiangsu's 收入预算总表:
//! `收入总计`, then for each source a `小计` and its items, the source's name beside one of
//! them): the total = Σ the groups' 小计, each 小计 = Σ its items (a `其中` line is part of
//! the line above, not added). The 小计 heads its group where it follows the total, closes
//! it where the table ends on one; otherwise nothing is checked here.

use super::{only_amount, Ctx, Term};
use crate::catalogue;
use crate::error::Error;
use crate::model::{LineKind, Table, TableFigures, TableLine};

/// Checks one table, when it is such a list.
pub(super) fn check(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    if f.columns.iter().any(|g| g.len() > 1) || f.lines.iter().any(|l| l.code.is_some()) {
        return Ok(());
    }
    let lines: Vec<&TableLine> = f.lines.iter().filter(|l| l.side == 0).collect();
    let Some(total_at) = lines.iter().position(|l| l.kind == LineKind::Total) else {
        return Ok(());
    };
    let Some(total) = lines
        .get(total_at)
        .and_then(|l| only_amount(l).map(|a| (*l, a)))
    else {
        return Ok(());
    };
    let heads: Vec<usize> = (0..lines.len())
        .filter(|i| lines.get(*i).is_some_and(|l| is_subtotal(l)))
        .collect();
    if heads.len() < 2 {
        return Ok(());
    }
    // Where the total is first, each 小计 heads the lines after it; where it is last, each
    // closes the lines before it.
    let groups: Vec<(usize, Vec<usize>)> = if total_at == 0 && heads.first() == Some(&1) {
        heads
            .iter()
            .enumerate()
            .map(|(k, h)| {
                let end = heads.get(k + 1).copied().unwrap_or(lines.len());
                (*h, (h + 1..end).collect())
            })
            .collect()
    } else if total_at + 1 == lines.len() && heads.last() == Some(&(total_at.wrapping_sub(1))) {
        heads
            .iter()
            .enumerate()
            .map(|(k, h)| {
                let start = if k == 0 {
                    0
                } else {
                    heads.get(k - 1).map_or(0, |p| p + 1)
                };
                (*h, (start..*h).collect())
            })
            .collect()
    } else {
        return Ok(());
    };
    let mut subtotals = Vec::new();
    let mut doubtful = false;
    for (head, members) in &groups {
        let Some(line) = lines.get(*head) else {
            continue;
        };
        let items: Vec<Term> = members
            .iter()
            .filter_map(|i| lines.get(*i))
            .filter(|l| l.kind != LineKind::Total && !is_part_of(l))
            .filter_map(|l| only_amount(l).map(|a| Term::of(table, l, a, "")))
            .collect();
        let Some(placed) = only_amount(line) else {
            if !items.is_empty() {
                doubtful = true;
                c.unverifiable(
                    table,
                    &format!(
                        "第 {} 行的小计未印数字，而其下各项有数字，该小计与总计均无法核对",
                        line.row + 1
                    ),
                    &format!(
                        "the subtotal on row {} prints no figure while its items do, so neither it nor the total can be checked",
                        line.row + 1
                    ),
                );
            }
            continue;
        };
        let lhs = Term::of(table, line, placed, "");
        if !items.is_empty() {
            let zh = format!(
                "{} {}（第 {} 行）= 其下各项之和",
                table.label,
                line.label,
                line.row + 1
            );
            let en = format!(
                "{} “{}” (row {}) = the sum of its items",
                super::english_label(table),
                line.label,
                line.row + 1
            );
            c.sum("table.group", (&zh, &en), &lhs, &items, f.step)?;
        }
        subtotals.push(lhs);
    }
    if subtotals.is_empty() || doubtful {
        return Ok(());
    }
    let (line, placed) = total;
    let lhs = Term::of(table, line, placed, "");
    let zh = format!("{} {} = 各小计之和", table.label, line.label);
    let en = format!(
        "{} “{}” = the sum of the subtotals",
        super::english_label(table),
        line.label
    );
    c.sum("table.group", (&zh, &en), &lhs, &subtotals, f.step)
}

/// A group's subtotal: `小计`, alone or after the group's name.
fn is_subtotal(line: &TableLine) -> bool {
    let label: String = line.label.chars().filter(|c| !c.is_whitespace()).collect();
    line.kind == LineKind::Plain && label.ends_with(catalogue::GROUP_SUBTOTAL_WORD)
}

/// A line that is part of the line above (`其中：…`).
fn is_part_of(line: &TableLine) -> bool {
    let label = line.label.trim_start();
    catalogue::PART_OF_WORDS
        .iter()
        .any(|w| label.starts_with(w))
}
