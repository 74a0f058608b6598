//! A table that nests its rows by the column their name starts in (Jiangsu's 政府采购预算表:
//! 品目大类 › 专项 › 物品, [`crate::catalogue::NESTING_COLUMNS`]): the total = Σ the
//! outermost rows (numbered `一、`), and each row = Σ the rows one deeper below it, up to the
//! next row as shallow. Depths come from the header's page, where the amounts line up; a row
//! whose rows below run past it, or skip a depth, is not checked.

use super::{only_amount, Ctx, Term};
use crate::error::Error;
use crate::model::{LineKind, Placed, Table, TableFigures, TableLine};

/// Checks one table, when it nests its rows.
pub(super) fn check(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    if f.columns.iter().any(|g| g.len() > 1) {
        return Ok(());
    }
    let rows: Vec<(&TableLine, &Placed)> = f
        .lines
        .iter()
        .filter_map(|l| only_amount(l).map(|a| (l, a)))
        .collect();
    let (totals, nested): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|(l, _)| l.kind == LineKind::Total);
    if !nested.iter().any(|(l, _)| l.depth.is_some()) {
        return Ok(());
    }
    for (i, (line, placed)) in nested.iter().enumerate() {
        let Some(d) = line.depth else {
            continue;
        };
        let mut children = Vec::new();
        // A row whose rows below run onto a page without depths, or skip a depth, is not
        // checked.
        let mut whole = true;
        for (l, a) in nested.iter().skip(i + 1) {
            match l.depth {
                None => {
                    whole = false;
                    break;
                }
                Some(below) if below <= d => break,
                Some(below) if below == d + 1 => children.push(Term::of(table, l, a, "")),
                Some(_) if children.is_empty() => {
                    whole = false;
                    break;
                }
                Some(_) => {}
            }
        }
        if children.is_empty() || !whole {
            continue;
        }
        let lhs = Term::of(table, line, placed, "");
        let zh = format!(
            "{} {}（第 {} 行）= 其下各行之和",
            table.label,
            line.label,
            line.row + 1
        );
        let en = format!(
            "{} “{}” (row {}) = the sum of the rows under it",
            super::english_label(table),
            line.label,
            line.row + 1
        );
        c.sum("table.nested", (&zh, &en), &lhs, &children, f.step)?;
    }
    // The outermost rows are numbered (`一、货物`, `三、服务`), on every page; a row placed
    // outermost without a number leaves the total unchecked.
    let outer: Vec<Term> = nested
        .iter()
        .filter(|(l, _)| l.kind == LineKind::Item)
        .map(|(l, a)| Term::of(table, l, a, ""))
        .collect();
    let unnumbered_outer = nested
        .iter()
        .any(|(l, _)| l.depth == Some(0) && l.kind != LineKind::Item);
    if let ([(line, placed)], false, false) =
        (totals.as_slice(), outer.is_empty(), unnumbered_outer)
    {
        let lhs = Term::of(table, line, placed, "");
        let zh = format!("{} {} = 各大类之和", table.label, line.label);
        let en = format!(
            "{} “{}” = the sum of the outermost rows",
            super::english_label(table),
            line.label
        );
        c.sum("table.nested", (&zh, &en), &lhs, &outer, f.step)?;
    }
    Ok(())
}
