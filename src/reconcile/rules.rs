//! The identities a 部门预算 implies, one method per family of checks.

use std::collections::BTreeMap;

use crate::amount::{is_amount, Amount};
use crate::english;
use crate::error::{Error, Message};
use crate::finding::{Finding, Value};
use crate::labels::{column_label, row_label, strip_marker};
use crate::model::{Budget, Figure, Level, Location, Project, Table};
use crate::numerals::{chinese_numeral, parse_chinese_numeral};
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
    for key in ["t1", "t6"] {
        c.balance(key)?;
        c.income_side(key)?;
        c.expenditure_side(key)?;
    }
    c.function_table()?;
    for key in ["t3", "t9", "t10"] {
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

    fn cell(&self, table: &Table, row: usize, col: usize) -> Option<Labelled> {
        let text = table.rows.get(row)?.cells.get(col)?;
        let amount = Amount::parse(text).ok()?;
        let figure = Figure {
            amount,
            at: Location::Cell {
                table: table.key.clone(),
                row,
                col,
            },
        };
        let (label, label_en) = self.label(&figure.at);
        Some(Labelled {
            label,
            label_en,
            figure,
        })
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

    fn find_row(&self, table: &Table, col: usize, name: &str) -> Option<usize> {
        table.rows.iter().position(|r| {
            r.cells
                .get(col)
                .is_some_and(|c| strip_spaces(c).contains(name))
        })
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

    // ----- the checks ---------------------------------------------------------------------

    /// Every table the contents list is published; an empty one carries a note.
    fn contents(&mut self) {
        let entries = self.budget.contents.clone();
        for entry in entries {
            let key = format!("t{}", entry.number);
            match self.table(&key) {
                Some(table) => {
                    let empty = table
                        .rows
                        .iter()
                        .flat_map(|r| r.cells.iter())
                        .filter(|c| is_amount(c))
                        .all(|c| Amount::parse(c).is_ok_and(Amount::is_zero));
                    let noted = table
                        .notes
                        .iter()
                        .any(|n| n.contains("无发生额") || n.contains("无"));
                    let title_en = english::quoted(&entry.title);
                    let message = if empty && noted {
                        let notes = table.notes.join(" ");
                        bi(
                            format!(
                                "表{} {}：已公开（空表，附注“{}”）",
                                entry.number, entry.title, notes
                            ),
                            format!(
                                "table {} {title_en}: published (an empty table, with the note “{notes}”)",
                                entry.number
                            ),
                        )
                    } else if empty {
                        bi(
                            format!(
                                "表{} {}：已公开，但全为 0 且没有说明",
                                entry.number, entry.title
                            ),
                            format!(
                                "table {} {title_en}: published, but all 0 and without a note saying why",
                                entry.number
                            ),
                        )
                    } else {
                        bi(
                            format!("表{} {}：已公开", entry.number, entry.title),
                            format!("table {} {title_en}: published", entry.number),
                        )
                    };
                    let status = if empty && !noted {
                        Status::Note
                    } else {
                        Status::Ok
                    };
                    let key = table.key.clone();
                    self.findings.push(Finding {
                        rule: "contents",
                        status,
                        message: message.zh.into_owned(),
                        message_en: message.en.into_owned(),
                        values: vec![Value {
                            label: "目录".to_string(),
                            value: format!("({}) {}", chinese_numeral(entry.number), entry.title),
                        }],
                        difference: None,
                        tolerance: None,
                        locations: vec![Location::Table { table: key }],
                    });
                }
                None => self.findings.push(Finding {
                    rule: "contents",
                    status: Status::Missing,
                    message: format!(
                        "目录列出表{}“{}”，正文中没有这张表（空表也应公开并注明）",
                        entry.number, entry.title
                    ),
                    message_en: format!(
                        "the contents list table {} “{}”, but the text does not hold it (an empty table should be published too, with a note)",
                        entry.number, entry.title
                    ),
                    values: vec![Value {
                        label: "目录".to_string(),
                        value: format!("({}) {}", chinese_numeral(entry.number), entry.title),
                    }],
                    difference: None,
                    tolerance: None,
                    locations: vec![Location::Contents { line: entry.line }],
                }),
            }
        }
    }

    /// Income = expenditure (收入总计 = 支出总计, 本年收入合计 = 本年支出合计).
    fn balance(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        for (income, spending) in [("本年收入合计", "本年支出合计"), ("收入总计", "支出总计")]
        {
            let a = self.find_row(t, 0, income).and_then(|r| self.cell(t, r, 1));
            let b = self
                .find_row(t, 2, spending)
                .and_then(|r| self.cell(t, r, 3));
            if let (Some(a), Some(b)) = (a, b) {
                self.same(
                    "balance",
                    &Message::fixed("收支平衡", "income = expenditure"),
                    &a,
                    &b,
                )?;
            }
        }
        Ok(())
    }

    /// The income side of 表1/表6: each group = Σ its items; 本年收入合计 = Σ groups;
    /// 收入总计 = 本年收入合计 + 上年结余、结转.
    fn income_side(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        let mut rows: Vec<(String, Labelled)> = Vec::new();
        let mut year_total = None;
        let mut carried = None;
        let mut grand_total = None;
        for r in 0..t.rows.len() {
            let name = t
                .rows
                .get(r)
                .and_then(|row| row.cells.first())
                .map(|c| strip_spaces(c))
                .unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let Some(fig) = self.cell(t, r, 1) else {
                continue;
            };
            if name.contains("本年收入合计") {
                year_total = Some(fig);
            } else if name.contains("收入总计") {
                grand_total = Some(fig);
            } else if name.contains("结余") || name.contains("结转") {
                carried = Some(fig);
            } else {
                rows.push((name, fig));
            }
        }
        let marked = rows.iter().any(|(n, _)| top_marker(n));
        let mut groups: Vec<(Labelled, Vec<Labelled>)> = Vec::new();
        for (i, (name, fig)) in rows.into_iter().enumerate() {
            let is_top = if marked { top_marker(&name) } else { i == 0 };
            match groups.last_mut() {
                Some((_, children)) if !is_top => children.push(fig),
                _ => groups.push((fig, Vec::new())),
            }
        }
        for (parent, children) in &groups {
            if !children.is_empty() {
                let terms: Vec<(i8, Labelled)> = children.iter().map(|c| (1, c.clone())).collect();
                self.sum(
                    "table.sum",
                    &bi(
                        format!("{} 收入分项", parent.label),
                        format!("{} = Σ its income items", parent.label_en),
                    ),
                    parent,
                    &terms,
                )?;
            }
        }
        if let Some(total) = &year_total {
            let terms: Vec<(i8, Labelled)> = groups.iter().map(|(p, _)| (1, p.clone())).collect();
            if !terms.is_empty() {
                self.sum(
                    "table.sum",
                    &bi(
                        format!("{} 本年收入合计", t.label),
                        format!(
                            "{} “本年收入合计” (income of the year) = Σ income groups",
                            english::label(&t.label)
                        ),
                    ),
                    total,
                    &terms,
                )?;
            }
            if let (Some(grand), Some(carried)) = (&grand_total, &carried) {
                self.sum(
                    "table.sum",
                    &bi(
                        format!("{} 收入总计", t.label),
                        format!(
                            "{} “收入总计” (total income) = income of the year + carried over",
                            english::label(&t.label)
                        ),
                    ),
                    grand,
                    &[(1, total.clone()), (1, carried.clone())],
                )?;
            }
        }
        Ok(())
    }

    /// The expenditure side of 表1/表6: aligned row by row with the codes of 表7, each
    /// 类 = Σ 款 = Σ 项, 本年支出合计 = Σ 类, 支出总计 = 本年支出合计 + 结转下年, and each row the
    /// same as 表7 (a different name for the same code is a note).
    fn expenditure_side(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        let mut rows: Vec<(usize, String)> = Vec::new();
        let mut year_total = None;
        let mut carried = None;
        let mut grand_total = None;
        for r in 0..t.rows.len() {
            let name = t
                .rows
                .get(r)
                .and_then(|row| row.cells.get(2))
                .cloned()
                .unwrap_or_default();
            if name.trim().is_empty() {
                continue;
            }
            let compact = strip_spaces(&name);
            let fig = self.cell(t, r, 3);
            if compact.contains("本年支出合计") {
                year_total = fig;
            } else if compact.contains("支出总计") {
                grand_total = fig;
            } else if compact.contains("结转") || compact.contains("结余") {
                carried = fig;
            } else {
                rows.push((r, name));
            }
        }
        let functions = &self.budget.figures.functions;
        if rows.len() != functions.len() {
            self.note(
                "same.function",
                Status::Unverifiable,
                bi(
                    format!(
                        "{} 支出有 {} 个功能科目，表7 有 {} 个，无法逐行对应科目编码",
                        t.label,
                        rows.len(),
                        functions.len()
                    ),
                    format!(
                        "{} lists {} functional classification rows of expenditure, table 7 has {}: the rows cannot be matched to the codes one by one",
                        english::label(&t.label),
                        rows.len(),
                        functions.len()
                    ),
                ),
                vec![Location::Cell {
                    table: key.to_string(),
                    row: 0,
                    col: 2,
                }],
            );
            return Ok(());
        }
        let mut coded: Vec<(String, Labelled)> = Vec::new();
        let mut checks = Vec::new();
        for ((r, name), function) in rows.iter().zip(functions.iter()) {
            let Some(fig) = self.cell(t, *r, 3) else {
                continue;
            };
            let bare = strip_marker(name);
            let fig = Labelled {
                label: format!("{} {} {}", t.label, function.code, bare),
                label_en: format!("{} “{} {}”", english::label(&t.label), function.code, bare),
                ..fig
            };
            if strip_spaces(&bare) != strip_spaces(&function.name) {
                self.note(
                    "names",
                    Status::Note,
                    bi(
                        format!(
                            "科目 {}：{} 写作“{}”，表7 写作“{}”（按行序对应，同一科目名称不同）",
                            function.code, t.label, bare, function.name
                        ),
                        format!(
                            "code {}: {} names it “{}”, table 7 “{}” (rows matched by order: the same code under different names)",
                            function.code,
                            english::label(&t.label),
                            bare,
                            function.name
                        ),
                    ),
                    vec![fig.figure.at.clone(), function.total.at.clone()],
                );
            }
            checks.push((fig.clone(), self.labelled(&function.total)));
            coded.push((function.code.clone(), fig));
        }
        for (a, b) in checks {
            self.same(
                "same.function",
                &Message::fixed("同一科目金额", "the same code's amount"),
                &a,
                &b,
            )?;
        }
        self.hierarchy(
            &coded,
            &bi(
                format!("{} 功能分类", t.label),
                format!("{} functional classification", english::label(&t.label)),
            ),
        )?;
        if let Some(total) = &year_total {
            let classes: Vec<(i8, Labelled)> = coded
                .iter()
                .filter(|(code, _)| Level::of(code) == Level::Class)
                .map(|(_, f)| (1, f.clone()))
                .collect();
            if !classes.is_empty() {
                self.sum(
                    "table.sum",
                    &bi(
                        format!("{} 本年支出合计 = Σ 类", t.label),
                        format!(
                            "{} “本年支出合计” (expenditure of the year) = Σ classes",
                            english::label(&t.label)
                        ),
                    ),
                    total,
                    &classes,
                )?;
            }
            if let (Some(grand), Some(carried)) = (&grand_total, &carried) {
                self.sum(
                    "table.sum",
                    &bi(
                        format!("{} 支出总计", t.label),
                        format!(
                            "{} “支出总计” (total expenditure) = expenditure of the year + carried forward",
                            english::label(&t.label)
                        ),
                    ),
                    grand,
                    &[(1, total.clone()), (1, carried.clone())],
                )?;
            }
        }
        Ok(())
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

    /// 表7: per column, the total row = Σ 类, 类 = Σ 款 = Σ 项; per row, total = basic + project.
    fn function_table(&mut self) -> Result<(), Error> {
        let functions = self.budget.figures.functions.clone();
        if functions.is_empty() {
            return Ok(());
        }
        let total_row = self.table("t7").and_then(|t| {
            t.rows.iter().position(|r| {
                r.cells.get(1).is_some_and(String::is_empty) && r.cells.iter().any(|c| is_amount(c))
            })
        });
        for (column, pick) in [("支出总计", 0usize), ("基本支出", 1), ("项目支出", 2)] {
            let coded: Vec<(String, Labelled)> = functions
                .iter()
                .map(|f| {
                    let fig = match pick {
                        0 => &f.total,
                        1 => &f.basic,
                        _ => &f.project,
                    };
                    (f.code.clone(), self.labelled(fig))
                })
                .collect();
            self.hierarchy(
                &coded,
                &bi(
                    format!("表7 {column}"),
                    format!("table 7 column “{column}”"),
                ),
            )?;
            if let (Some(t), Some(r)) = (self.table("t7"), total_row) {
                let col = 3 + pick;
                if let Some(total) = self.cell(t, r, col) {
                    let classes: Vec<(i8, Labelled)> = coded
                        .iter()
                        .filter(|(c, _)| Level::of(c) == Level::Class)
                        .map(|(_, f)| (1, f.clone()))
                        .collect();
                    self.sum(
                        "table.sum",
                        &bi(
                            format!("表7 合计 {column} = Σ 类"),
                            format!("table 7 total row, column “{column}” = Σ classes"),
                        ),
                        &total,
                        &classes,
                    )?;
                }
            }
        }
        for f in &functions {
            let total = self.labelled(&f.total);
            let basic = self.labelled(&f.basic);
            let project = self.labelled(&f.project);
            self.sum(
                "table.split",
                &bi(
                    format!("表7 {} {} 支出总计 = 基本 + 项目", f.code, f.name),
                    format!(
                        "table 7 “{} {}”, total = basic + project expenditure",
                        f.code, f.name
                    ),
                ),
                &total,
                &[(1, basic), (1, project)],
            )?;
        }
        if let (Some(t), Some(r)) = (self.table("t7"), total_row) {
            if let (Some(total), Some(basic), Some(project)) =
                (self.cell(t, r, 3), self.cell(t, r, 4), self.cell(t, r, 5))
            {
                self.sum(
                    "table.split",
                    &Message::fixed(
                        "表7 合计 支出总计 = 基本 + 项目",
                        "table 7 total row, total = basic + project expenditure",
                    ),
                    &total,
                    &[(1, basic), (1, project)],
                )?;
            }
        }
        Ok(())
    }

    /// 表3, 表9, 表10: 支出总计 = 基本支出 + 项目支出 on every row.
    fn split_table(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        let columns = t.column_names();
        let find = |name: &str| columns.iter().position(|c| c.contains(name));
        let (Some(total), Some(basic), Some(project)) =
            (find("支出总计"), find("基本支出"), find("项目支出"))
        else {
            return Ok(());
        };
        for r in 0..t.rows.len() {
            if let (Some(a), Some(b), Some(p)) = (
                self.cell(t, r, total),
                self.cell(t, r, basic),
                self.cell(t, r, project),
            ) {
                self.sum(
                    "table.split",
                    &bi(
                        format!("{} 支出总计 = 基本支出 + 项目支出", t.label),
                        format!(
                            "{}, total = basic + project expenditure",
                            english::label(&t.label)
                        ),
                    ),
                    &a,
                    &[(1, b), (1, p)],
                )?;
            }
        }
        Ok(())
    }

    /// 表8: 总计 = Σ parts, 车 = 购置 + 运行, for both years; the change row = 2022 − 2021.
    fn sanggong(&mut self) -> Result<(), Error> {
        let rows = self.budget.figures.sanggong.clone();
        for row in &rows {
            let l = |f: &Figure| self.labelled(f);
            let (total, abroad, reception, vehicles, purchase, operation) = (
                l(&row.total),
                l(&row.abroad),
                l(&row.reception),
                l(&row.vehicles),
                l(&row.vehicle_purchase),
                l(&row.vehicle_operation),
            );
            self.sum(
                "sanggong.sum",
                &bi(
                    format!("表8 {} 三公经费总计", row.label),
                    format!(
                        "table 8 “{}”, total of the “three public expenses” = travel abroad + reception + official vehicles",
                        row.label
                    ),
                ),
                &total,
                &[(1, abroad), (1, reception), (1, vehicles.clone())],
            )?;
            self.sum(
                "sanggong.sum",
                &bi(
                    format!("表8 {} 公务用车 小计 = 购置 + 运行维护", row.label),
                    format!(
                        "table 8 “{}”, official vehicles subtotal = purchase + operation and maintenance",
                        row.label
                    ),
                ),
                &vehicles,
                &[(1, purchase), (1, operation)],
            )?;
        }
        let year = |label: &str, y: u16| strip_spaces(label).starts_with(&y.to_string());
        let current = rows.iter().find(|r| year(&r.label, self.budget.year));
        let prior = rows.iter().find(|r| year(&r.label, self.budget.prior_year));
        let change = rows
            .iter()
            .find(|r| r.label.contains("增减") || r.label.contains("变化"));
        if let (Some(c), Some(p), Some(d)) = (current, prior, change) {
            let pairs = [
                ("总计", "total", &d.total, &c.total, &p.total),
                (
                    "因公出国(境)费",
                    "travel abroad",
                    &d.abroad,
                    &c.abroad,
                    &p.abroad,
                ),
                (
                    "公务接待费",
                    "official reception",
                    &d.reception,
                    &c.reception,
                    &p.reception,
                ),
                (
                    "公务用车小计",
                    "official vehicles subtotal",
                    &d.vehicles,
                    &c.vehicles,
                    &p.vehicles,
                ),
                (
                    "公务用车购置费",
                    "vehicle purchase",
                    &d.vehicle_purchase,
                    &c.vehicle_purchase,
                    &p.vehicle_purchase,
                ),
                (
                    "公务用车运行维护费",
                    "vehicle operation and maintenance",
                    &d.vehicle_operation,
                    &c.vehicle_operation,
                    &p.vehicle_operation,
                ),
            ];
            for (name, name_en, delta, now, before) in pairs {
                let (delta, now, before) = (
                    self.labelled(delta),
                    self.labelled(now),
                    self.labelled(before),
                );
                let (year, prior) = (self.budget.year, self.budget.prior_year);
                self.sum(
                    "sanggong.change",
                    &bi(
                        format!("表8 {name} 增减变化 = {year} − {prior}"),
                        format!("table 8 {name_en}, change = {year} − {prior}"),
                    ),
                    &delta,
                    &[(1, now), (-1, before)],
                )?;
            }
        }
        Ok(())
    }

    /// 表11: 金额合计 = Σ tasks (总额, 财政拨款, 其他资金); each task 总额 = 财政拨款 + 其他资金.
    fn tasks(&mut self) -> Result<(), Error> {
        let tasks = self.budget.figures.tasks.clone();
        let Some(t) = self.table("t11") else {
            return Ok(());
        };
        let total_row = t
            .rows
            .iter()
            .position(|r| r.cells.iter().any(|c| c.contains("金额合计")));
        for task in &tasks {
            let (total, fiscal, other) = (
                self.labelled(&task.total),
                self.labelled(&task.fiscal),
                self.labelled(&task.other),
            );
            self.sum(
                "table.split",
                &bi(
                    format!("表11 {} 总额 = 财政拨款 + 其他资金", task.name),
                    format!(
                        "table 11 task “{}”, total = fiscal appropriation + other funds",
                        task.name
                    ),
                ),
                &total,
                &[(1, fiscal), (1, other)],
            )?;
        }
        let Some(r) = total_row else {
            return Ok(());
        };
        let cols: Vec<usize> = t
            .rows
            .get(r)
            .map(|row| {
                row.cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| is_amount(c))
                    .map(|(j, _)| j)
                    .collect()
            })
            .unwrap_or_default();
        let [.., c_total, c_fiscal, c_other] = cols.as_slice() else {
            return Ok(());
        };
        for (name, name_en, col, pick) in [
            ("总额", "total", *c_total, 0),
            ("财政拨款", "fiscal appropriation", *c_fiscal, 1),
            ("其他资金", "other funds", *c_other, 2),
        ] {
            let Some(sum) = self.cell(t, r, col) else {
                continue;
            };
            let terms: Vec<(i8, Labelled)> = tasks
                .iter()
                .map(|task| {
                    let f = match pick {
                        0 => &task.total,
                        1 => &task.fiscal,
                        _ => &task.other,
                    };
                    (1, self.labelled(f))
                })
                .collect();
            self.sum(
                "table.sum",
                &bi(
                    format!("表11 金额合计 {name} = Σ 任务"),
                    format!("table 11 total row “金额合计”, {name_en} = Σ tasks"),
                ),
                &sum,
                &terms,
            )?;
        }
        Ok(())
    }

    /// The same quantity wherever it is printed: the total, income, basic and project
    /// expenditure in 表1, 3, 6, 7, 11 and the narrative.
    fn same_totals(&mut self) -> Result<(), Error> {
        let mut places: BTreeMap<&'static str, Vec<Labelled>> = BTreeMap::new();
        let mut add = |key: &'static str, fig: Option<Labelled>| {
            if let Some(f) = fig {
                places.entry(key).or_default().push(f);
            }
        };
        for key in ["t1", "t6"] {
            if let Some(t) = self.table(key) {
                add(
                    "expenditure",
                    self.find_row(t, 2, "本年支出合计")
                        .and_then(|r| self.cell(t, r, 3)),
                );
                add(
                    "income",
                    self.find_row(t, 0, "本年收入合计")
                        .and_then(|r| self.cell(t, r, 1)),
                );
            }
        }
        if let Some(t) = self.table("t3") {
            let columns = t.column_names();
            let col = |name: &str| columns.iter().position(|c| c.contains(name));
            for (key, name) in [
                ("expenditure", "支出总计"),
                ("basic", "基本支出"),
                ("project", "项目支出"),
            ] {
                add(key, col(name).and_then(|c| self.cell(t, 0, c)));
            }
        }
        if let Some(t) = self.table("t7") {
            if let Some(r) = t.rows.iter().position(|r| {
                r.cells.get(1).is_some_and(String::is_empty) && r.cells.iter().any(|c| is_amount(c))
            }) {
                add("expenditure", self.cell(t, r, 3));
                add("basic", self.cell(t, r, 4));
                add("project", self.cell(t, r, 5));
            }
        }
        if let Some(t) = self.table("t11") {
            if let Some(r) = t
                .rows
                .iter()
                .position(|r| r.cells.iter().any(|c| c.contains("金额合计")))
            {
                let cols: Vec<usize> = t
                    .rows
                    .get(r)
                    .map(|row| {
                        row.cells
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| is_amount(c))
                            .map(|(j, _)| j)
                            .collect()
                    })
                    .unwrap_or_default();
                if let [.., total, _, _] = cols.as_slice() {
                    add("expenditure", self.cell(t, r, *total));
                }
            }
        }
        for task in self.budget.figures.tasks.iter().filter(|t| t.basic) {
            add("basic", Some(self.labelled(&task.total)));
        }
        for named in &self.budget.figures.stated {
            let key = match named.key.as_str() {
                "part2.expenditure" | "part3.total" => "expenditure",
                "part2.income" => "income",
                "part3.project" | "part6.project" => "project",
                _ => continue,
            };
            add(key, Some(self.labelled(&named.value)));
        }
        for (key, title, title_en) in [
            ("expenditure", "支出总额", "total expenditure"),
            ("income", "收入总额", "total income"),
            ("basic", "基本支出", "basic expenditure"),
            ("project", "项目支出", "project expenditure"),
        ] {
            let Some(list) = places.get(key).cloned() else {
                continue;
            };
            let Some((first, rest)) = list.split_first() else {
                continue;
            };
            for other in rest {
                self.same(
                    "same.quantity",
                    &bi(
                        format!("同一数额（{title}）"),
                        format!("the same quantity ({title_en})"),
                    ),
                    first,
                    other,
                )?;
            }
        }
        // 基本支出 = 人员支出 + 公用支出 + 对个人和家庭的补助.
        let economic: Vec<(i8, Labelled)> = self
            .budget
            .figures
            .economic
            .iter()
            .map(|l| (1, self.labelled(&l.value)))
            .collect();
        if let (false, Some(basic)) = (
            economic.is_empty(),
            places.get("basic").and_then(|l| l.first()),
        ) {
            self.sum(
                "economic.sum",
                &Message::fixed(
                    "基本支出 = 人员支出 + 公用支出 + 对个人和家庭的补助",
                    "basic expenditure = personnel + public (operating) expenditure + subsidies to individuals and households",
                ),
                basic,
                &economic,
            )?;
        }
        Ok(())
    }

    /// Projects: Σ amounts = the project total; each project the same in 第三部分, the
    /// 第七部分 table and 表11; per code the same as 表7 (by the inferred mapping); the count of
    /// performance goals.
    fn projects(&mut self) -> Result<(), Error> {
        let projects: Vec<Project> = self.budget.figures.projects.clone();
        if projects.is_empty() {
            return Ok(());
        }
        let project_total = self
            .budget
            .figures
            .stated
            .iter()
            .find(|n| n.key == "part3.project")
            .map(|n| self.labelled(&n.value))
            .or_else(|| {
                let t = self.table("t3")?;
                let col = t
                    .column_names()
                    .iter()
                    .position(|c| c.contains("项目支出"))?;
                self.cell(t, 0, col)
            });
        if let Some(total) = &project_total {
            let terms: Vec<(i8, Labelled)> = projects
                .iter()
                .map(|p| (1, self.named(p, &p.amount)))
                .collect();
            self.sum(
                "projects.sum",
                &Message::fixed(
                    "项目支出 = Σ 第三部分各项目",
                    "project expenditure = Σ the projects of part 3",
                ),
                total,
                &terms,
            )?;
            if let Some(p7) = self.budget.tables.iter().find(|t| t.key.starts_with('p')) {
                let rows: Vec<(i8, Labelled)> = (0..p7.rows.len())
                    .filter_map(|r| self.cell(p7, r, 1))
                    .map(|f| (1, f))
                    .collect();
                if !rows.is_empty() {
                    self.sum(
                        "projects.sum",
                        &Message::fixed(
                            "项目支出 = Σ 第七部分项目表",
                            "project expenditure = Σ the project table of part 7",
                        ),
                        total,
                        &rows,
                    )?;
                }
                for (r, row) in p7.rows.iter().enumerate() {
                    let name = row.cells.first().map_or("", String::as_str);
                    if !name.is_empty() && !projects.iter().any(|p| p.name == name) {
                        self.note(
                            "projects.listed",
                            Status::Unverifiable,
                            bi(
                                format!("第七部分项目表的“{name}”在第三部分没有同名项目"),
                                format!(
                                    "“{name}” of the project table of part 7 has no project of the same name in part 3"
                                ),
                            ),
                            vec![Location::Cell {
                                table: p7.key.clone(),
                                row: r,
                                col: 0,
                            }],
                        );
                    }
                }
            }
            let task_terms: Vec<(i8, Labelled)> = self
                .budget
                .figures
                .tasks
                .iter()
                .filter(|t| !t.basic)
                .map(|t| (1, self.labelled(&t.total)))
                .collect();
            if !task_terms.is_empty() {
                self.sum(
                    "projects.sum",
                    &Message::fixed(
                        "项目支出 = Σ 表11 项目任务",
                        "project expenditure = Σ the project tasks of table 11",
                    ),
                    total,
                    &task_terms,
                )?;
            }
        }
        for p in &projects {
            let stated = self.named(p, &p.amount);
            if p.listed.as_ref().is_some_and(|l| l.at == p.amount.at) {
                // The text printed the amount too coarsely (`1.73 亿元`): the table's amount
                // stands for it, and the narrative's claims check the sentence.
                continue;
            }
            if let Some(listed) = &p.listed {
                let listed = self.labelled(listed);
                self.same(
                    "same.project",
                    &bi(
                        format!("项目“{}”第三部分与第七部分", p.name),
                        format!("project “{}”, part 3 and part 7", p.name),
                    ),
                    &stated,
                    &listed,
                )?;
            } else if self.budget.tables.iter().any(|t| t.key.starts_with('p')) {
                self.note(
                    "same.project",
                    Status::Unverifiable,
                    bi(
                        format!("项目“{}”未列入第七部分项目表", p.name),
                        format!(
                            "project “{}” is not listed in the project table of part 7",
                            p.name
                        ),
                    ),
                    vec![p.amount.at.clone()],
                );
            }
            let tasks: Vec<(i8, Labelled)> = self
                .budget
                .figures
                .tasks
                .iter()
                .filter(|t| t.project.as_deref() == Some(p.id.as_str()))
                .map(|t| {
                    let mut l = self.labelled(&t.total);
                    if t.link_inferred {
                        l.label.push_str("（推定对应）");
                        l.label_en.push_str(" (link inferred)");
                    }
                    (1, l)
                })
                .collect();
            if !tasks.is_empty() {
                self.sum(
                    "same.project",
                    &bi(
                        format!("项目“{}”第三部分与表11 任务", p.name),
                        format!("project “{}”, part 3 and the tasks of table 11", p.name),
                    ),
                    &stated,
                    &tasks,
                )?;
            } else if !self.budget.figures.tasks.is_empty() {
                self.note(
                    "same.project",
                    Status::Unverifiable,
                    bi(
                        format!("项目“{}”在表11 中找不到对应任务", p.name),
                        format!("project “{}” has no matching task in table 11", p.name),
                    ),
                    vec![p.amount.at.clone()],
                );
            }
        }
        for task in self
            .budget
            .figures
            .tasks
            .iter()
            .filter(|t| !t.basic && t.project.is_none())
        {
            self.findings.push(Finding {
                rule: "same.project",
                status: Status::Unverifiable,
                message: format!("表11 任务“{}”找不到对应项目", task.name),
                message_en: format!("task “{}” of table 11 has no matching project", task.name),
                values: Vec::new(),
                difference: None,
                tolerance: None,
                locations: vec![task.total.at.clone()],
            });
        }
        // Per code, by the inferred mapping.
        let functions = self.budget.figures.functions.clone();
        let mut by_code: BTreeMap<&str, Vec<&Project>> = BTreeMap::new();
        for p in &projects {
            if let Some(code) = p.code.as_deref() {
                by_code.entry(code).or_default().push(p);
            }
        }
        for f in functions.iter().filter(|f| f.level() == Level::Item) {
            let in_code = by_code.get(f.code.as_str()).cloned().unwrap_or_default();
            let mapped: Vec<(i8, Labelled)> = in_code
                .iter()
                .map(|p| (1, self.named(p, &p.amount)))
                .collect();
            if mapped.is_empty() && f.project.amount.is_zero() {
                continue;
            }
            let inferred = in_code.iter().any(|p| p.code_inferred);
            let lhs = self.labelled(&f.project);
            let title = bi(
                format!(
                    "表7 {} {} 项目支出 = Σ 该科目项目{}",
                    f.code,
                    f.name,
                    if inferred {
                        "（项目所属科目为推定，原文未列明）"
                    } else {
                        ""
                    }
                ),
                format!(
                    "table 7 “{} {}”, project expenditure = Σ the projects of this code{}",
                    f.code,
                    f.name,
                    if inferred {
                        " (the projects' codes are inferred; the publication does not list them)"
                    } else {
                        ""
                    }
                ),
            );
            self.sum("projects.by_code", &title, &lhs, &mapped)?;
        }
        if let Some(count) = self
            .budget
            .figures
            .stated
            .iter()
            .find(|n| n.key == "part6.goal_count")
        {
            let stated = self.labelled(&count.value);
            let n = Amount::from_int(i64::try_from(projects.len()).unwrap_or(i64::MAX));
            let status = if stated.figure.amount == n {
                Status::Ok
            } else {
                Status::Mismatch
            };
            self.findings.push(Finding {
                rule: "count.goals",
                status,
                message: format!(
                    "项目绩效目标个数：{} 个，第三部分列出 {} 个项目{}",
                    stated.figure.amount.display(),
                    n.display(),
                    if status == Status::Ok {
                        "，一致"
                    } else {
                        "，不一致"
                    }
                ),
                message_en: format!(
                    "project performance goals: {}, part 3 lists {} projects{}",
                    stated.figure.amount.display(),
                    n.display(),
                    if status == Status::Ok {
                        ", consistent"
                    } else {
                        ", inconsistent"
                    }
                ),
                values: vec![
                    value(&stated),
                    Value {
                        label: "第三部分项目数".to_string(),
                        value: n.display(),
                    },
                ],
                difference: stated.figure.amount.checked_sub(n).ok(),
                tolerance: Some(Amount::ZERO),
                locations: vec![stated.figure.at.clone()],
            });
        }
        Ok(())
    }

    fn named(&self, p: &Project, figure: &Figure) -> Labelled {
        Labelled {
            label: format!("第三部分 项目“{}”", p.name),
            label_en: format!("part 3 project “{}”", p.name),
            figure: figure.clone(),
        }
    }

    /// Procurement: 表3 小计 = 第四部分 共计 = 货物 + 工程 + 服务.
    fn procurement(&mut self) -> Result<(), Error> {
        let Some(p) = self.budget.figures.procurement.clone() else {
            return Ok(());
        };
        if let (Some(total), Some(stated)) = (&p.total, &p.stated_total) {
            let (a, b) = (self.labelled(total), self.labelled(stated));
            self.same(
                "procurement",
                &Message::fixed("政府采购预算", "government procurement budget"),
                &a,
                &b,
            )?;
        }
        let parts: Vec<(i8, Labelled)> = [&p.goods, &p.works, &p.services]
            .into_iter()
            .flatten()
            .map(|f| (1, self.labelled(f)))
            .collect();
        if let (Some(total), 3) = (p.stated_total.as_ref().or(p.total.as_ref()), parts.len()) {
            let total = self.labelled(total);
            self.sum(
                "procurement",
                &Message::fixed(
                    "政府采购 = 货物 + 工程 + 服务",
                    "government procurement = goods + works + services",
                ),
                &total,
                &parts,
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

/// `一、一般公共服务支出` starts a group.
fn top_marker(name: &str) -> bool {
    name.split_once('、')
        .is_some_and(|(n, _)| parse_chinese_numeral(n).is_some())
}
