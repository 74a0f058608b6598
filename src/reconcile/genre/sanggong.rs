//! A 三公 table (alone, with 会议费/培训费, or with 机关运行经费): 公务用车 = 购置 + 运行; 三公 =
//! 因公出国 + 公务用车 + 公务接待; 合计 = 三公 + 会议费 + 培训费 where it prints them; and a
//! change row = this year − the prior year, column by column.

use super::{Ctx, Term};
use crate::amount::Amount;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::{Location, Placed, Table, TableFigures, TableLine};
use crate::rounding::Status;

/// Checks one 三公 table.
pub(super) fn check(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    let leaves: Vec<&str> = f
        .columns
        .first()
        .map_or(Vec::new(), |g| g.iter().map(String::as_str).collect());
    let has = |role: &str| leaves.contains(&role);
    let placed: Vec<&TableLine> = f
        .lines
        .iter()
        .filter(|l| l.aligned && l.amounts.iter().any(|a| a.role.is_some()))
        .collect();
    for line in &placed {
        if line.order_from_sums {
            ordered_by_sums(c, table, line);
            continue;
        }
        let get = |role: &str| value(table, line, role);
        if has("vehicle") && (has("vehicle-purchase") || has("vehicle-operation")) {
            let terms: Vec<Term> = ["vehicle-purchase", "vehicle-operation"]
                .iter()
                .filter(|r| has(r))
                .map(|r| get(r))
                .collect();
            let what = what(
                table,
                line,
                "公务用车购置及运行费 = 购置 + 运行",
                "vehicles = purchase + running",
            );
            c.sum(
                "sanggong.vehicle",
                (&what.0, &what.1),
                &get("vehicle"),
                &terms,
                f.step,
            )?;
        }
        let whole = if has("sanggong") { "sanggong" } else { "total" };
        if has(whole) && has("abroad") && has("reception") {
            let mut terms = vec![get("abroad")];
            if has("vehicle") {
                terms.push(get("vehicle"));
            } else {
                terms.extend(
                    ["vehicle-purchase", "vehicle-operation"]
                        .iter()
                        .filter(|r| has(r))
                        .map(|r| get(r)),
                );
            }
            terms.push(get("reception"));
            let what = what(
                table,
                line,
                "“三公”经费 = 因公出国（境）+ 公务用车 + 公务接待",
                "the three public expenses = abroad + vehicles + reception",
            );
            c.sum(
                "sanggong.items",
                (&what.0, &what.1),
                &get(whole),
                &terms,
                f.step,
            )?;
        }
        if has("sanggong") && has("total") && (has("meeting") || has("training")) {
            let mut terms = vec![get("sanggong")];
            terms.extend(
                ["meeting", "training"]
                    .iter()
                    .filter(|r| has(r))
                    .map(|r| get(r)),
            );
            let what = what(
                table,
                line,
                "合计 = “三公”经费 + 会议费 + 培训费",
                "the total = the three public expenses + meetings + training",
            );
            c.sum(
                "sanggong.total",
                (&what.0, &what.1),
                &get("total"),
                &terms,
                f.step,
            )?;
        }
    }
    change_row(c, table, f, &placed, &leaves)
}

/// A row whose columns only its sums could order: said, and its sums not counted as checks.
fn ordered_by_sums(c: &mut Ctx<'_>, table: &Table, line: &TableLine) {
    let shown: Vec<String> = line
        .amounts
        .iter()
        .map(|a| {
            let (zh, _) = column(a.role.as_deref().unwrap_or(""));
            format!("{zh} {}", a.value.display())
        })
        .collect();
    let shown_en: Vec<String> = line
        .amounts
        .iter()
        .map(|a| {
            let (_, en) = column(a.role.as_deref().unwrap_or(""));
            format!("{en} {}", a.value.display())
        })
        .collect();
    c.findings.push(Finding {
        rule: "sanggong.order",
        status: Status::Note,
        message: format!(
            "{}《{}》：表头未标明各列的位置，{} 个数字按唯一能使“三公”各项加总成立的列序放置（{}），这些加总因此不另计为核对；说明中的各项数字仍与之核对",
            table.label,
            table.title,
            line.amounts.len(),
            shown.join("，")
        ),
        message_en: format!(
            "{} “{}”: the header does not place its columns, so the {} figures were put in the one column order that keeps the table's sums ({}); those sums are therefore not counted as checks, and the narrative's figures are still checked against them",
            super::english_label(table),
            table.title,
            line.amounts.len(),
            shown_en.join(", ")
        ),
        values: Vec::new(),
        difference: None,
        tolerance: None,
        locations: vec![Location::Table {
            table: table.key.clone(),
        }],
    });
}

/// `增减变化金额` = this year − the prior year, column by column: this year = prior + change.
fn change_row(
    c: &mut Ctx<'_>,
    table: &Table,
    f: &TableFigures,
    placed: &[&TableLine],
    leaves: &[&str],
) -> Result<(), Error> {
    let Some(k) = placed.iter().position(|l| l.label.contains("增减")) else {
        return Ok(());
    };
    let years: Vec<&&TableLine> = placed
        .iter()
        .take(k)
        .filter(|l| l.label.contains('年'))
        .collect();
    let (Some(prior), Some(current), Some(change)) = (years.first(), years.get(1), placed.get(k))
    else {
        return Ok(());
    };
    for role in leaves {
        let (zh_col, en_col) = column(role);
        let what = (
            format!("{} {}：本年 = 上年 + 增减", table.label, zh_col),
            format!(
                "{} “{}”: this year = the prior year + the change",
                super::english_label(table),
                en_col
            ),
        );
        let lhs = value(table, current, role);
        let terms = [value(table, prior, role), value(table, change, role)];
        c.sum("sanggong.change", (&what.0, &what.1), &lhs, &terms, f.step)?;
    }
    Ok(())
}

/// The line's amount in column `role`, zero where the (aligned) row printed nothing there.
fn value(table: &Table, line: &TableLine, role: &str) -> Term {
    let (zh, _) = column(role);
    match line
        .amounts
        .iter()
        .find(|a| a.role.as_deref() == Some(role))
    {
        Some(p) => Term::of(table, line, p, zh),
        None => Term::of(
            table,
            line,
            &Placed {
                col: 1,
                role: None,
                value: Amount::ZERO,
            },
            zh,
        ),
    }
}

fn what(table: &Table, line: &TableLine, zh: &str, en: &str) -> (String, String) {
    let row = if line.label.is_empty() {
        String::new()
    } else {
        format!(" {}", line.label)
    };
    (
        format!("{}{row}：{zh}", table.label),
        format!(
            "{}{}: {en}",
            super::english_label(table),
            if row.is_empty() {
                String::new()
            } else {
                format!(" “{}”", line.label)
            }
        ),
    )
}

fn column(role: &str) -> (&'static str, &'static str) {
    match role {
        "total" => ("合计", "total"),
        "sanggong" => ("“三公”经费小计", "three public expenses"),
        "abroad" => ("因公出国（境）费", "abroad"),
        "vehicle" => ("公务用车购置及运行费", "vehicles"),
        "vehicle-purchase" => ("公务用车购置费", "vehicle purchase"),
        "vehicle-operation" => ("公务用车运行维护费", "vehicle running"),
        "reception" => ("公务接待费", "reception"),
        "meeting" => ("会议费", "meetings"),
        "training" => ("培训费", "training"),
        "operating" => ("机关运行经费", "administrative running costs"),
        _ => ("", ""),
    }
}
