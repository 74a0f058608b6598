//! The identities every publication of the genre implies, checked on the tables read by role
//! ([`crate::model::TableFigures`]): no table number and no column index here, only roles.
//!
//! - [`coded`]: a classified table's 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, and each row's total =
//!   Σ its parts (基本 + 项目, 人员 + 公用, funding sources);
//! - [`sides`]: a two-sided summary's income = expenditure, each side's items = its subtotal,
//!   sub-items = their item, subtotal + carry-over = total;
//! - [`grouped`]: a list of sources under 小计 lines: 总计 = Σ 小计, 小计 = Σ its items;
//! - [`nested`]: rows nested by the column their name starts in (政府采购): 合计 = Σ 大类,
//!   each row = Σ the rows one deeper below it;
//! - [`across`]: the same figure in two tables (the budget's total, a 类/款/项 line, a class
//!   named on the summary) agrees;
//! - [`sanggong`]: 三公 = its items, 公务用车 = 购置 + 运行, 合计 = 三公 + 会议费 + 培训费, the
//!   change row = this year − the prior year;
//! - [`form`]: a form's funding block (绩效目标申报表): 项目资金总额 = 财政资金 + 其他资金,
//!   年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金;
//! - [`text`]: an amount the narrative gives for a named 类/款/项 = that table line.

mod across;
mod coded;
mod form;
mod grouped;
mod nested;
mod sanggong;
mod sides;
mod text;

use super::interval::{check_sum, Status};
use super::{Finding, Value};
use crate::amount::Amount;
use crate::catalogue;
use crate::error::Error;
use crate::model::{Budget, Location, Placed, Table, TableFigures, TableLine};

/// A sum's message shows at most this many terms.
const MAX_TERMS_SHOWN: usize = 16;

/// Runs every genre check.
pub(crate) fn run(budget: &Budget) -> Result<Vec<Finding>, Error> {
    let mut c = Ctx {
        budget,
        findings: Vec::new(),
    };
    for f in &budget.figures.tables {
        let Some(table) = budget.tables.iter().find(|t| t.key == f.table) else {
            continue;
        };
        let before = c.findings.len();
        let shape = f.role.as_deref().and_then(catalogue::role).map(|r| r.shape);
        if shape == Some(catalogue::Shape::TwoSided) {
            sides::check(&mut c, table, f)?;
        } else if f.role.as_deref() == Some("sanggong") {
            sanggong::check(&mut c, table, f)?;
        } else {
            coded::check(&mut c, table, f)?;
            grouped::check(&mut c, table, f)?;
            nested::check(&mut c, table, f)?;
            form::check(&mut c, table, f)?;
        }
        if c.findings.len() == before {
            c.unchecked(table, f);
        }
    }
    across::check(&mut c)?;
    text::check(&mut c)?;
    Ok(c.findings)
}

/// The checks' shared state.
pub(super) struct Ctx<'a> {
    pub(super) budget: &'a Budget,
    pub(super) findings: Vec<Finding>,
}

/// One figure of a check: its label, amount (in the table's unit) and place.
#[derive(Clone, Debug)]
pub(super) struct Term {
    pub(super) label: String,
    pub(super) amount: Amount,
    pub(super) at: Location,
}

impl Term {
    /// The figure at `placed` on `line` of `table`.
    pub(super) fn of(table: &Table, line: &TableLine, placed: &Placed, column: &str) -> Term {
        let name = match &line.code {
            Some(code) => format!("{code} {}", line.label),
            None => line.label.clone(),
        };
        let label = [table.label.as_str(), name.as_str(), column]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        Term {
            label,
            amount: placed.value,
            at: Location::Cell {
                table: table.key.clone(),
                row: line.row,
                col: placed.col,
            },
        }
    }
}

/// The line's one amount, for a table with one amount column (a line with more is not of it).
pub(super) fn only_amount(line: &TableLine) -> Option<&Placed> {
    match line.amounts.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The zh and en names of a column role, for labels.
pub(super) fn column_name(role: &str) -> (&'static str, &'static str) {
    match role {
        "basic" => ("基本支出", "basic"),
        "project" => ("项目支出", "project"),
        "personnel" => ("人员经费", "personnel"),
        "public" => ("公用经费", "public"),
        "prior" => ("上年", "prior year"),
        "change" => ("增减", "change"),
        _ => ("", ""),
    }
}

impl Ctx<'_> {
    /// Records `lhs = Σ terms` (signs all +), as checked with the rounding rule at `step`.
    pub(super) fn sum(
        &mut self,
        rule: &'static str,
        what: (&str, &str),
        lhs: &Term,
        terms: &[Term],
        step: Amount,
    ) -> Result<(), Error> {
        let signed: Vec<(i8, Amount)> = terms.iter().map(|t| (1, t.amount)).collect();
        let verdict = check_sum(lhs.amount, &signed, step)?;
        let total = Amount::checked_sum(terms.iter().map(|t| &t.amount))?;
        let shown: Vec<String> = terms
            .iter()
            .take(MAX_TERMS_SHOWN)
            .map(|t| t.amount.display_to(step))
            .collect();
        let mut rhs = shown.join(" + ");
        if terms.len() > MAX_TERMS_SHOWN {
            rhs.push_str(&format!(" + …（共 {} 项）", terms.len()));
        }
        let rhs_en = if terms.len() > MAX_TERMS_SHOWN {
            format!("{} + … ({} terms)", shown.join(" + "), terms.len())
        } else {
            shown.join(" + ")
        };
        let relation = if verdict.status == Status::Ok {
            "="
        } else {
            "≠"
        };
        let tail = if verdict.status == Status::Ok {
            (String::new(), String::new())
        } else {
            (
                format!(
                    "，差 {}，舍入容差 ±{}",
                    verdict.difference.display_to(step),
                    verdict.tolerance.display()
                ),
                format!(
                    ", difference {}, rounding tolerance ±{}",
                    verdict.difference.display_to(step),
                    verdict.tolerance.display()
                ),
            )
        };
        let sum_part = if terms.len() > 1 {
            format!(" = {}", total.display_to(step))
        } else {
            String::new()
        };
        let message = format!(
            "{}：{} {relation} {rhs}{sum_part}{}",
            what.0,
            lhs.amount.display_to(step),
            tail.0
        );
        let message_en = format!(
            "{}: {} {relation} {rhs_en}{sum_part}{}",
            what.1,
            lhs.amount.display_to(step),
            tail.1
        );
        let mut values = vec![Value {
            label: lhs.label.clone(),
            value: lhs.amount.display_to(step),
        }];
        values.extend(terms.iter().map(|t| Value {
            label: t.label.clone(),
            value: t.amount.display_to(step),
        }));
        let mut locations = vec![lhs.at.clone()];
        locations.extend(terms.iter().map(|t| t.at.clone()));
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

    /// A table (or part of one) that cannot be checked, and why.
    pub(super) fn unverifiable(&mut self, table: &Table, zh: &str, en: &str) {
        self.findings.push(Finding {
            rule: "table.unverifiable",
            status: Status::Unverifiable,
            message: format!("{}《{}》：{zh}", table.label, table.title),
            message_en: format!("{} “{}”: {en}", english_label(table), table.title),
            values: Vec::new(),
            difference: None,
            tolerance: None,
            locations: vec![Location::Table {
                table: table.key.clone(),
            }],
        });
    }

    /// A table with figures that no check could use: said, with the reason.
    fn unchecked(&mut self, table: &Table, f: &TableFigures) {
        let amounts = f.lines.iter().map(|l| l.amounts.len()).sum::<usize>();
        if amounts == 0 {
            return;
        }
        let aligned = f.lines.iter().any(|l| l.aligned && l.amounts.len() > 1);
        let (zh, en) = if f.columns.iter().all(Vec::is_empty) {
            (
                "表头中找不到可识别的金额列，无法核对其加总关系",
                "no amount column could be recognised in its header, so its sums cannot be checked",
            )
        } else if aligned {
            (
                "表中的数字之间没有本工具能核对的加总关系",
                "its figures hold no sum this tool can check",
            )
        } else {
            (
                "文本中空单元格已被省略，无法确定各数字所在的列",
                "the text dropped its empty cells, so which column each figure is in cannot be told",
            )
        };
        self.unverifiable(table, zh, en);
    }
}

/// How a table is named in English: its printed label, quoted.
pub(super) fn english_label(table: &Table) -> String {
    format!("table “{}”", table.label)
}
