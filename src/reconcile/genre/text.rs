//! The narrative's amounts for a named 类/款/项 (`人大事务（款）行政运行（项）支出7448.2万元`,
//! `“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”261.47万元`)
//! against the classified table's line of that name, in whatever unit each prints.

use rust_decimal::Decimal;

use super::{Ctx, Term};
use crate::amount::Amount;
use crate::catalogue;
use crate::error::Error;
use crate::model::{Location, Table, TableFigures, TableLine};

/// Classified tables to look names up in, most specific first.
const LOOKUP: &[&str] = &[
    "general-function",
    "appropriation-function",
    "expenditure",
    "income",
    "summary",
    "appropriation-summary",
];

/// One named amount of the text.
struct Named {
    class: Option<String>,
    section: Option<String>,
    item: Option<String>,
    amount: Amount,
    decimals: u32,
    unit: &'static str,
    part: u8,
    line: usize,
    clause: String,
}

/// Checks every named 类/款/项 amount of the narrative.
pub(super) fn check(c: &mut Ctx<'_>) -> Result<(), Error> {
    let budget = c.budget;
    let tables: Vec<(&Table, &TableFigures)> = LOOKUP
        .iter()
        .flat_map(|role| {
            budget
                .figures
                .tables
                .iter()
                .filter(move |f| f.role.as_deref() == Some(*role))
        })
        .filter_map(|f| Some((budget.tables.iter().find(|t| t.key == f.table)?, f)))
        .collect();
    if tables.is_empty() {
        return Ok(());
    }
    for part in &budget.parts {
        for p in &part.paragraphs {
            for named in named_amounts(&p.text, part.number, p.line) {
                check_one(c, &tables, &named)?;
            }
            for (figures, named) in named_figures(&p.text, part.number, p.line) {
                check_figure(c, &figures, &named)?;
            }
        }
    }
    Ok(())
}

/// A figure the narrative names (`公务接待费预算支出384.75万元`) against the tables that print
/// it (the 三公 table's column, the 机关运行经费 or 政府采购 table's total, the 项目支出 of a
/// classified table's whole), judged once over all of them.
fn check_figure(
    c: &mut Ctx<'_>,
    figures: &[&catalogue::NarrativeFigure],
    n: &Named,
) -> Result<(), Error> {
    let Some(first) = figures.first() else {
        return Ok(());
    };
    let budget = c.budget;
    let mut compared = Vec::new();
    for (figure, f) in figures.iter().flat_map(|figure| {
        budget
            .figures
            .tables
            .iter()
            .filter(move |f| f.role.as_deref() == Some(figure.role))
            .map(move |f| (*figure, f))
    }) {
        let Some(table) = budget.tables.iter().find(|t| t.key == f.table) else {
            continue;
        };
        // The table's whole (its total line, or the unit's row above its classified lines),
        // or any line.
        let whole = figure
            .whole
            .then(|| super::across::grand_total(table, f).map(|(l, _)| l));
        let lines: Vec<&TableLine> = match whole {
            Some(Some(l)) => vec![l],
            Some(None) => Vec::new(),
            None => f.lines.iter().collect(),
        };
        for line in lines {
            let placed = if figure.column.is_empty() {
                let total = line.kind == crate::model::LineKind::Total && line.code.is_none();
                total.then(|| line.amounts.first()).flatten()
            } else {
                line.amounts
                    .iter()
                    .find(|a| a.role.as_deref() == Some(figure.column))
            };
            // A change row (增减) is not the figure.
            if line.label.contains("增减") {
                continue;
            }
            if let Some(placed) = placed {
                if let Some(x) = compare(table, f, line, placed, n) {
                    compared.push(x);
                }
            }
        }
    }
    judge(c, "text.figure", first.zh, n, &compared)
}

/// Whether the words before a figure's phrase, back to the list mark or colon before it, say
/// no more than where it stands or its scope (`其中：`, `包括`, `一般公共预算财政拨款`).
fn names_alone(before: &str) -> bool {
    let tail = before
        .rsplit(['、', '：', ':', '（', '(', ' '])
        .next()
        .unwrap_or(before);
    let mut rest = tail.trim().to_string();
    for w in [
        "一般公共预算",
        "财政拨款",
        "主要包括",
        "包括",
        "其中",
        "本年",
        "年度",
        "部门",
        "单位",
        "预算",
        "决算",
        "的",
    ] {
        rest = rest.replace(w, "");
    }
    // An item's numbering (`（四）`, `2.`) says where it stands too.
    rest.trim()
        .chars()
        .all(|c| "一二三四五六七八九十0123456789）).．".contains(c))
}

/// The table roles a clause's scope words leave for a figure printed in several scopes
/// (`一般公共预算财政拨款基本支出`: the general budget's table only; `财政拨款`: the
/// appropriations' table; no such words: any).
fn in_scope(clause: &str, role: &str) -> bool {
    if clause.contains("一般公共预算") {
        role == "general-function"
    } else if clause.contains("财政拨款") {
        role == "appropriation-function"
    } else {
        true
    }
}

/// The figures a paragraph names by the catalogue's phrases, each with the first amount after
/// its phrase in the same clause (not a change: no 增加/减少/比 in between).
fn named_figures(
    text: &str,
    part: u8,
    line: usize,
) -> Vec<(Vec<&'static catalogue::NarrativeFigure>, Named)> {
    let mut out = Vec::new();
    for clause in clauses(text) {
        let matched = |fig: &catalogue::NarrativeFigure| {
            let (start, hit) = fig
                .phrases
                .iter()
                .filter_map(|p| clause.find(p).map(|i| (i, i + p.len())))
                .min_by_key(|(_, end)| *end)?;
            let excluded = fig.unless.iter().any(|w| clause.contains(w));
            // A table's whole is named by itself (`其中：基本支出…`, `、项目支出…`, in a
            // scope), not as part of something else (`其中：信息化项目支出…`).
            let alone = !fig.whole || names_alone(clause.get(..start).unwrap_or(""));
            (!excluded && alone).then_some(hit)
        };
        let Some((first, at)) = catalogue::NARRATIVE_FIGURES
            .iter()
            .find_map(|fig| matched(fig).map(|at| (fig, at)))
        else {
            continue;
        };
        let tail = clause.get(at..).unwrap_or("");
        let before_amount = tail
            .split(|c: char| c.is_ascii_digit())
            .next()
            .unwrap_or("");
        if before_amount.chars().count() > 12
            || [
                "增加", "减少", "增长", "下降", "比", "较", "占", "其中", "（",
            ]
            .iter()
            .any(|w| before_amount.contains(w))
        {
            continue;
        }
        let Some((amount, decimals, unit)) = first_amount(tail) else {
            continue;
        };
        // The same figure may be printed by more than one table role (机关运行经费; 项目支出
        // in each scope, of which the clause's words may name one).
        let figures: Vec<&'static catalogue::NarrativeFigure> = catalogue::NARRATIVE_FIGURES
            .iter()
            .filter(|f| f.zh == first.zh && (!f.whole || in_scope(clause, f.role)))
            .collect();
        out.push((
            figures,
            Named {
                class: None,
                section: None,
                item: None,
                amount,
                decimals,
                unit,
                part,
                line,
                clause: clause.trim().chars().take(80).collect(),
            },
        ));
    }
    out
}

/// A paragraph's clauses: parted by `。`, `；`, `，` and a `,` that is no thousands separator
/// (`84,579万元` is one amount).
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let separator = matches!(c, '。' | '；' | ';' | '，')
            || (c == ','
                && !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())));
        if separator {
            out.push(text.get(start..i).unwrap_or(""));
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push(text.get(start..).unwrap_or(""));
    out
}

fn check_one(c: &mut Ctx<'_>, tables: &[(&Table, &TableFigures)], n: &Named) -> Result<(), Error> {
    // The most specific level the text names, looked up under the levels above it.
    let (name, len) = match (&n.item, &n.section, &n.class) {
        (Some(i), _, _) => (i, 7),
        (None, Some(s), _) => (s, 5),
        (None, None, Some(k)) => (k, 3),
        _ => return Ok(()),
    };
    // Every table that prints the named line (a 类 also on a summary's expenditure side).
    let mut found: Vec<(&Table, &TableFigures, &TableLine)> = Vec::new();
    for (t, f) in tables {
        let two_sided = f
            .role
            .as_deref()
            .and_then(catalogue::role)
            .is_some_and(|r| r.shape == catalogue::Shape::TwoSided);
        for l in &f.lines {
            let by_code = l.code.as_ref().is_some_and(|code| code.len() == len)
                && same_name(&l.label, name)
                && parent_matches(f, l, n);
            let by_summary = two_sided
                && len == 3
                && l.on_side(false)
                && same_name(&catalogue::strip_item_numbering(&l.label), name);
            if (by_code || by_summary) && !l.amounts.is_empty() {
                found.push((*t, *f, l));
            }
        }
    }
    let mut compared = Vec::new();
    for (table, f, line) in found {
        if let Some(placed) = line.amounts.first() {
            if let Some(c) = compare(table, f, line, placed, n) {
                compared.push(c);
            }
        }
    }
    judge(c, "text.function", name, n, &compared)
}

/// The verdict on a narrative figure against the table figures that print the same quantity:
/// the closest agreeing one; else a mismatch only if they all agree among themselves; else
/// unverifiable (they differ by scope or year, and the text does not say which it means).
fn judge(
    c: &mut Ctx<'_>,
    rule: &'static str,
    name: &str,
    n: &Named,
    compared: &[(&Table, Term, Amount, bool)],
) -> Result<(), Error> {
    // The text agrees with a table: that one. Else a mismatch only if every table that prints
    // the line gives the same figure (which scope the text speaks of does not matter then).
    let agreeing = compared
        .iter()
        .enumerate()
        .filter(|(_, (_, _, _, ok))| *ok)
        .min_by_key(|(_, (_, theirs, _, _))| {
            n.amount
                .decimal()
                .checked_sub(theirs.amount.decimal())
                .map_or(Decimal::MAX, |d| d.abs())
        })
        .map(|(i, _)| i);
    let all_same = compared
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.1.amount == b.1.amount));
    let chosen = match agreeing {
        Some(i) => compared.get(i),
        None if all_same => compared.first(),
        None => {
            if let Some((table, ..)) = compared.first() {
                let zh = format!(
                    "说明中“{}”{}{}与各表所列不同，而各表口径（全部资金、财政拨款、一般公共预算）所列也不同，无法判断说明所指的口径",
                    name,
                    n.amount.display(),
                    n.unit
                );
                let en = format!(
                    "the narrative's “{name}” {} {} differs from the tables, which differ among themselves by scope (all funds, appropriations, general budget); which the narrative means cannot be told",
                    n.amount.display(),
                    n.unit
                );
                c.unverifiable(table, &zh, &en);
            }
            return Ok(());
        }
    };
    let Some((_, theirs, step, _)) = chosen else {
        return Ok(());
    };
    let (theirs, step) = (theirs.clone(), *step);
    let ours = Term {
        label: format!("第{}部分「{}」", n.part, n.clause),
        amount: n.amount,
        at: Location::Text {
            part: n.part,
            line: n.line,
            text: n.clause.clone(),
            span: None,
        },
    };
    let label = theirs.label.clone();
    let zh = format!("说明中的“{name}”（{}）与{}相同", n.unit, label);
    let en = format!(
        "the narrative's “{name}” ({}) is the same as {}",
        n.unit,
        english_quoted(&label)
    );
    c.sum(rule, (&zh, &en), &ours, &[theirs], step)
}

fn english_quoted(label: &str) -> String {
    format!("“{label}”")
}

/// The table line's figure in the text's unit, the step to compare at, and whether the text
/// agrees with it within rounding.
fn compare<'t>(
    table: &'t Table,
    f: &TableFigures,
    line: &TableLine,
    placed: &crate::model::Placed,
    n: &Named,
) -> Option<(&'t Table, Term, Amount, bool)> {
    let text_per = yuan(n.unit)?;
    let table_per = yuan(if f.unit.is_empty() { n.unit } else { &f.unit })?;
    let converted = placed
        .value
        .decimal()
        .checked_mul(table_per)?
        .checked_div(text_per)?;
    let text_step = Decimal::new(1, n.decimals);
    let table_step = f
        .step
        .decimal()
        .checked_mul(table_per)
        .and_then(|v| v.checked_div(text_per))
        .unwrap_or(text_step);
    let step = text_step.max(table_step);
    let mut theirs = Term::of(table, line, placed, "");
    theirs.amount = Amount::from_decimal(converted.normalize());
    if !f.unit.is_empty() && f.unit != n.unit {
        theirs.label = format!("{}（{}{}）", theirs.label, placed.value.display(), f.unit);
    }
    let diff = n.amount.decimal().checked_sub(converted)?.abs();
    let ok = diff <= step;
    Some((table, theirs, Amount::from_decimal(step), ok))
}

/// The parent levels the text names agree with the line's.
fn parent_matches(f: &TableFigures, line: &TableLine, n: &Named) -> bool {
    let Some(code) = line.code.as_deref() else {
        return false;
    };
    let parent_ok = |len: usize, name: &Option<String>| {
        let Some(name) = name else {
            return true;
        };
        if code.len() <= len {
            return true;
        }
        let prefix = code.get(..len).unwrap_or("");
        f.lines
            .iter()
            .find(|l| l.code.as_deref() == Some(prefix))
            .is_none_or(|p| same_name(&p.label, name))
    };
    parent_ok(5, &n.section) && parent_ok(3, &n.class)
}

/// Names agree with 支出 or (类)-style words dropped (`一般公共服务` = `一般公共服务支出`).
fn same_name(table: &str, text: &str) -> bool {
    let norm = |s: &str| -> String {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !"“”\"".contains(*c))
            .collect();
        s.trim_end_matches("支出").to_string()
    };
    let (a, b) = (norm(table), norm(text));
    !a.is_empty() && a == b
}

fn yuan(unit: &str) -> Option<Decimal> {
    catalogue::UNITS
        .iter()
        .find(|(u, _)| *u == unit)
        .map(|(_, n)| Decimal::from(*n))
}

/// The named amounts of a paragraph: each `…（类）…（款）…（项）` phrase and the first amount
/// with a unit after it in the same clause.
fn named_amounts(text: &str, part: u8, line: usize) -> Vec<Named> {
    let mut out = Vec::new();
    let text = text
        .replace("(类)", "（类）")
        .replace("(款)", "（款）")
        .replace("(项)", "（项）");
    for clause in text.split(['。', '；', ';']) {
        let Some(last) = ["（项）", "（款）", "（类）"]
            .iter()
            .filter_map(|m| clause.rfind(m).map(|i| (i, *m)))
            .max()
        else {
            continue;
        };
        let head = clause.get(..last.0 + last.1.len()).unwrap_or("");
        let tail = clause.get(last.0 + last.1.len()..).unwrap_or("");
        let Some((amount, decimals, unit)) = first_amount(tail) else {
            continue;
        };
        // Only an amount said of the named line itself (`支出7448.2万元`), not a change.
        let before_amount = tail
            .split(|c: char| c.is_ascii_digit())
            .next()
            .unwrap_or("");
        if ["增加", "减少", "增长", "下降", "比", "较", "，"]
            .iter()
            .any(|w| before_amount.contains(w))
        {
            continue;
        }
        let (class, section, item) = levels(head);
        out.push(Named {
            class,
            section,
            item,
            amount,
            decimals,
            unit,
            part,
            line,
            clause: clause.trim().chars().take(80).collect(),
        });
    }
    out
}

/// The 类, 款 and 项 names of a phrase (`一般公共服务（类）人大事务（款）行政运行（项）`).
fn levels(head: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut rest = head;
    let mut found: [Option<String>; 3] = [None, None, None];
    for (k, marker) in ["（类）", "（款）", "（项）"].iter().enumerate() {
        if let Some(i) = rest.find(marker) {
            let name = rest.get(..i).unwrap_or("");
            // The name is what follows the last punctuation or numbering before it.
            let name = name
                .rsplit(['，', '、', '：', '“', '"', '）', '.', '．'])
                .next()
                .unwrap_or(name)
                .trim();
            if let Some(slot) = found.get_mut(k) {
                *slot = (!name.is_empty()).then(|| name.to_string());
            }
            rest = rest.get(i + marker.len()..).unwrap_or("");
        }
    }
    let [class, section, item] = found;
    (class, section, item)
}

/// The first printed amount with its unit in a text (`支出7448.2万元` → 7448.2, 1, 万元).
fn first_amount(text: &str) -> Option<(Amount, u32, &'static str)> {
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().position(|c| c.is_ascii_digit())?;
    let mut end = start;
    while chars
        .get(end)
        .is_some_and(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
    {
        end += 1;
    }
    let number: String = chars
        .get(start..end)?
        .iter()
        .filter(|c| **c != ',')
        .collect();
    let after: String = chars.get(end..)?.iter().take(3).collect();
    let unit = catalogue::UNITS
        .iter()
        .map(|(u, _)| *u)
        .find(|u| after.trim_start().starts_with(u))?;
    let amount = Amount::parse(&number).ok()?;
    let decimals = number
        .split_once('.')
        .map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0));
    Some((amount, decimals, unit))
}
