//! A form's funding block (Shanghai's 项目支出绩效目标申报表): each sum that
//! [`catalogue::FORM_SUMS`] names = its parts, in the column it is printed in. A form printed
//! again (one per project) starts at its first total.

use super::{Ctx, Term};
use crate::catalogue::{self, FormSum};
use crate::error::Error;
use crate::model::{Table, TableFigures, TableLine};

/// Checks each form of a table whose lines are a form's (label, amount) pairs.
pub(super) fn check(c: &mut Ctx<'_>, table: &Table, f: &TableFigures) -> Result<(), Error> {
    let Some(first) = catalogue::FORM_SUMS.first() else {
        return Ok(());
    };
    let pairs: Vec<&TableLine> = f.lines.iter().filter(|l| l.amounts.len() == 1).collect();
    let mut forms: Vec<Vec<&TableLine>> = Vec::new();
    for line in pairs {
        if line.label == first.total || forms.is_empty() {
            forms.push(Vec::new());
        }
        if let Some(form) = forms.last_mut() {
            form.push(line);
        }
    }
    for form in &forms {
        for sum in catalogue::FORM_SUMS {
            one(c, table, f, form, sum)?;
        }
    }
    Ok(())
}

/// Whether `line` is the one labelled `word` in `sum`'s column: by its column where the line
/// was printed beside another, else by a label no other sum uses.
fn in_column(line: &TableLine, word: &str, sum: &FormSum) -> Option<bool> {
    if line.label != word {
        return Some(false);
    }
    if line.side != TableLine::UNKNOWN_SIDE {
        return Some(line.side == sum.column);
    }
    let shared = catalogue::FORM_SUMS
        .iter()
        .filter(|s| s.column != sum.column)
        .any(|s| s.total == word || s.parts.contains(&word));
    if shared {
        None
    } else {
        Some(true)
    }
}

fn one(
    c: &mut Ctx<'_>,
    table: &Table,
    f: &TableFigures,
    form: &[&TableLine],
    sum: &FormSum,
) -> Result<(), Error> {
    let totals: Vec<&&TableLine> = form.iter().filter(|l| l.label == sum.total).collect();
    let [total] = totals.as_slice() else {
        return Ok(());
    };
    let mut terms = Vec::new();
    for word in sum.parts {
        let mut found = Vec::new();
        for line in form {
            match in_column(line, word, sum) {
                Some(true) => found.push(*line),
                Some(false) => {}
                None => {
                    c.unverifiable(
                        table,
                        &format!("“{word}”单独成行，无法确定属于“{}”一栏，该栏加总无法核对", sum.total),
                        &format!(
                            "“{word}” stands on a line of its own, so whether it belongs to “{}” cannot be told and that sum cannot be checked",
                            sum.total
                        ),
                    );
                    return Ok(());
                }
            }
        }
        match found.as_slice() {
            [line] => {
                if let Some(p) = line.amounts.first() {
                    terms.push(Term::of(table, line, p, ""));
                }
            }
            _ => {
                c.unverifiable(
                    table,
                    &format!("“{}”一栏中“{word}”未印出或不止一处，该栏加总无法核对", sum.total),
                    &format!(
                        "“{word}” under “{}” is printed {} times, not once, so that sum cannot be checked",
                        sum.total,
                        found.len()
                    ),
                );
                return Ok(());
            }
        }
    }
    let Some(p) = total.amounts.first() else {
        return Ok(());
    };
    let lhs = Term::of(table, total, p, "");
    let zh = format!("{} {} = {}", table.label, sum.total, sum.parts.join(" + "));
    let en = format!(
        "{} “{}” = the sum of its parts",
        super::english_label(table),
        sum.total
    );
    c.sum("form.sum", (&zh, &en), &lhs, &terms, f.step)
}
