//! The identities a 部门预算 implies, one method per family of checks.
//!
//! Here: [`run`], the [`Checker`] with its access to tables and labels, the recording of
//! findings (`sum`, `same`, `overflow`, `note`), the 类/款/项 hierarchy and shared helpers. Each
//! family's `impl Checker` block has its own file: `contents`, `summary` (表1/表6: balance,
//! income and expenditure sides), `functions` (表7), `splits` (表3/9/10), `sanggong` (表8),
//! `tasks` (表11), `totals`, `projects`, `procurement`.

mod contents;
mod functions;
mod procurement;
mod projects;
mod sanggong;
mod splits;
mod summary;
mod tasks;
mod totals;

use crate::amount::Amount;
use crate::english;
use crate::error::{Error, Message};
use crate::finding::{Finding, Value};
use crate::labels::{column_label, row_label};
use crate::model::{Budget, Figure, Level, Location, Table};
use crate::numerals::chinese_numeral;
use crate::rounding::{check_sum, Status};

/// A sum's message shows at most this many terms.
const MAX_TERMS_SHOWN: usize = 24;
/// A finding lists at most this many figures and locations.
const MAX_TERMS_LISTED: usize = 200;

pub(super) fn run(budget: &Budget) -> Result<Vec<Finding>, Error> {
    let mut c = Checker {
        budget,
        step: budget.unit.step,
        findings: Vec::new(),
    };
    c.contents();
    for role in ["summary", "appropriation-summary"] {
        let Some(key) = budget.table_by_role(role).map(|t| t.key.as_str()) else {
            continue;
        };
        c.balance(key)?;
        c.income_side(key)?;
        c.expenditure_side(key)?;
    }
    c.function_table()?;
    for role in ["expenditure", "fund", "state-capital"] {
        let Some(key) = budget.table_by_role(role).map(|t| t.key.as_str()) else {
            continue;
        };
        c.split_table(key)?;
    }
    c.sanggong()?;
    c.tasks()?;
    c.same_totals()?;
    c.projects()?;
    c.procurement()?;
    Ok(c.findings)
}

struct Checker<'a> {
    budget: &'a Budget,
    step: Amount,
    findings: Vec<Finding>,
}

/// A figure with the label a reader knows it by, in Chinese and in English.
#[derive(Clone, Debug)]
struct Labelled {
    label: String,
    label_en: String,
    figure: Figure,
}

/// A message in both languages (`Message::new`, shorter).
fn bi(zh: impl Into<String>, en: impl Into<String>) -> Message {
    Message::new(zh, en)
}

impl<'a> Checker<'a> {
    // ----- access -------------------------------------------------------------------------

    fn table(&self, key: &str) -> Option<&'a Table> {
        self.budget.tables.iter().find(|t| t.key == key)
    }

    /// The table with this catalogue role.
    pub(super) fn role_table(&self, role: &str) -> Option<&'a Table> {
        self.budget.table_by_role(role)
    }

    /// The label of the table with this role as printed (`表7`), in Chinese and in English,
    /// for the messages that name it; `fallback` where the budget has no such table.
    fn role_label(&self, role: &str, fallback: &str) -> (String, String) {
        let label = self.role_table(role).map_or(fallback, |t| t.label.as_str());
        (label.to_string(), english::label(label))
    }

    /// The functional table's label (`表7`): [`Checker::role_label`].
    fn function_label(&self) -> (String, String) {
        self.role_label("general-function", "功能分类表")
    }

    /// The performance (tasks) table's label (`表11`): [`Checker::role_label`].
    fn tasks_label(&self) -> (String, String) {
        self.role_label("performance", "绩效目标表")
    }

    fn cell(&self, table: &Table, row: usize, col: usize) -> Option<Labelled> {
        Some(self.labelled(&table.figure(row, col)?))
    }

    /// `表7 201 一般公共服务支出 基本支出`, `第三部分「人员支出3,973万元」`; in English
    /// `table 7 “201 一般公共服务支出” column “基本支出”`, `part 3 “人员支出3,973万元”`.
    fn label(&self, at: &Location) -> (String, String) {
        match at {
            Location::Cell { table, row, col } => {
                let Some(t) = self.table(table) else {
                    return (table.clone(), english::quoted(table));
                };
                let row_label = row_label(t, *row, *col);
                let column = column_label(t, *row, *col);
                let column = if column.contains("预算数") {
                    ""
                } else {
                    column.as_str()
                };
                let zh = [t.label.as_str(), row_label.as_str(), column]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut en = english::label(&t.label);
                if !row_label.is_empty() {
                    en.push_str(&format!(" {}", english::quoted(&row_label)));
                }
                if !column.is_empty() {
                    en.push_str(&format!(" column {}", english::quoted(column)));
                }
                (zh, en)
            }
            Location::Text { part, text, .. } => (
                format!("第{}部分「{}」", chinese_numeral(*part), text),
                format!("part {part} {}", english::quoted(text)),
            ),
            Location::Table { table } => self.table(table).map_or_else(
                || (table.clone(), english::quoted(table)),
                |t| (t.label.clone(), english::label(&t.label)),
            ),
            Location::Contents { .. } => ("目录".to_string(), "the contents".to_string()),
        }
    }

    fn labelled(&self, figure: &Figure) -> Labelled {
        let (label, label_en) = self.label(&figure.at);
        Labelled {
            label,
            label_en,
            figure: figure.clone(),
        }
    }

    /// The amount on side `side` (0 income, 1 expenditure: [`Table::sides`]) of the row whose
    /// label on that side names `name`.
    fn side_figure(&self, table: &Table, side: usize, name: &str) -> Option<Labelled> {
        Some(self.labelled(&table.side_figure(side, name)?))
    }

    /// A cell of the column with this role ([`Table::column`]).
    fn cell_in(&self, table: &Table, row: usize, role: &str) -> Option<Labelled> {
        Some(self.labelled(&table.figure_in(row, role)?))
    }

    // ----- recording ----------------------------------------------------------------------

    /// Records `lhs = Σ sign·term`.
    fn sum(
        &mut self,
        rule: &'static str,
        title: &Message,
        lhs: &Labelled,
        terms: &[(i8, Labelled)],
    ) -> Result<(), Error> {
        let amounts: Vec<(i8, Amount)> = terms.iter().map(|(s, t)| (*s, t.figure.amount)).collect();
        let checked = check_sum(lhs.figure.amount, &amounts, self.step)
            .and_then(|v| Ok((v, lhs.figure.amount.checked_sub(v.difference)?)));
        let Ok((verdict, computed)) = checked else {
            let mut locations = vec![lhs.figure.at.clone()];
            locations.extend(terms.iter().map(|(_, t)| t.figure.at.clone()));
            self.overflow(rule, title, locations);
            return Ok(());
        };
        let relation = if verdict.status == Status::Ok {
            "="
        } else {
            "≠"
        };
        let mut expression = String::new();
        let mut expression_en = String::new();
        for (i, (sign, term)) in terms.iter().enumerate() {
            if i == MAX_TERMS_SHOWN && terms.len() > MAX_TERMS_SHOWN + 1 {
                expression.push_str(&format!(" + …（共 {} 项）", terms.len()));
                expression_en.push_str(&format!(" + … ({} terms in all)", terms.len()));
                break;
            }
            let op = if i > 0 {
                if *sign < 0 {
                    " − "
                } else {
                    " + "
                }
            } else if *sign < 0 {
                "−"
            } else {
                ""
            };
            let amount = term.figure.amount.display();
            expression.push_str(op);
            expression.push_str(&amount);
            expression_en.push_str(op);
            expression_en.push_str(&amount);
        }
        let (mut message, mut message_en) = if terms.len() == 1 {
            let (_, only) = &terms.first().map_or((1, lhs.clone()), Clone::clone);
            let (a, b) = (lhs.figure.amount.display(), only.figure.amount.display());
            (
                format!(
                    "{}：{} {a} {relation} {} {b}",
                    title.zh, lhs.label, only.label
                ),
                format!(
                    "{}: {} {a} {relation} {} {b}",
                    title.en, lhs.label_en, only.label_en
                ),
            )
        } else {
            let (a, c) = (lhs.figure.amount.display(), computed.display());
            (
                format!("{}：{a} {relation} {expression} = {c}", title.zh),
                format!("{}: {a} {relation} {expression_en} = {c}", title.en),
            )
        };
        if verdict.status != Status::Ok {
            let (d, t) = (verdict.difference.display(), verdict.tolerance.display());
            message.push_str(&format!("，差 {d}，舍入容差 ±{t}"));
            message_en.push_str(&format!(", difference {d}, rounding tolerance ±{t}"));
        }
        let mut values = vec![value(lhs)];
        values.extend(terms.iter().take(MAX_TERMS_LISTED).map(|(_, t)| value(t)));
        let mut locations = vec![lhs.figure.at.clone()];
        locations.extend(
            terms
                .iter()
                .take(MAX_TERMS_LISTED)
                .map(|(_, t)| t.figure.at.clone()),
        );
        self.findings.push(Finding {
            rule,
            status: verdict.status,
            message,
            message_en,
            values,
            difference: Some(verdict.difference),
            tolerance: Some(verdict.tolerance),
            locations,
        });
        Ok(())
    }

    /// Records that `a` and `b` are the same quantity.
    fn same(
        &mut self,
        rule: &'static str,
        title: &Message,
        a: &Labelled,
        b: &Labelled,
    ) -> Result<(), Error> {
        self.sum(rule, title, a, &[(1, b.clone())])
    }

    /// A check whose arithmetic leaves the range of exact decimals: unverifiable, not fatal.
    fn overflow(&mut self, rule: &'static str, title: &Message, locations: Vec<Location>) {
        self.note(
            rule,
            Status::Unverifiable,
            bi(
                format!("{}：数额过大，超出可精确计算的范围，无法核对", title.zh),
                format!(
                    "{}: the amounts are too large to compute exactly, so this cannot be checked",
                    title.en
                ),
            ),
            locations,
        );
    }

    fn note(
        &mut self,
        rule: &'static str,
        status: Status,
        message: Message,
        locations: Vec<Location>,
    ) {
        self.findings.push(Finding {
            rule,
            status,
            message: message.zh.into_owned(),
            message_en: message.en.into_owned(),
            values: Vec::new(),
            difference: None,
            tolerance: None,
            locations,
        });
    }

    /// 类 = Σ 款 and 款 = Σ 项 over coded figures.
    fn hierarchy(&mut self, coded: &[(String, Labelled)], title: &Message) -> Result<(), Error> {
        for (code, parent) in coded {
            let level = Level::of(code);
            if level == Level::Item {
                let _ = parent;
                continue;
            }
            let child_len = if level == Level::Class { 5 } else { 7 };
            let children: Vec<(i8, Labelled)> = coded
                .iter()
                .filter(|(c, _)| c.len() == child_len && c.starts_with(code.as_str()))
                .map(|(_, f)| (1, f.clone()))
                .collect();
            if children.is_empty() {
                continue;
            }
            let (what, what_en) = if level == Level::Class {
                ("类 = Σ 款", "class = Σ sections")
            } else {
                ("款 = Σ 项", "section = Σ items")
            };
            self.sum(
                "function.sum",
                &bi(
                    format!("{} {code} {what}", title.zh),
                    format!("{} {code} {what_en}", title.en),
                ),
                parent,
                &children,
            )?;
        }
        Ok(())
    }
}

fn value(l: &Labelled) -> Value {
    Value {
        label: l.label.clone(),
        value: l.figure.amount.display(),
    }
}

fn strip_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
