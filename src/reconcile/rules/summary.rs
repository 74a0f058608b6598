//! The summary tables 表1 and 表6: income = expenditure, the income side (groups and
//! their items) and the expenditure side (aligned with the codes of 表7).

use crate::english;
use crate::error::{Error, Message};
use crate::labels::strip_marker;
use crate::model::{Level, Location};
use crate::numerals::parse_chinese_numeral;
use crate::rounding::Status;

use super::{bi, strip_spaces, Checker, Labelled};

impl Checker<'_> {
    /// Income = expenditure (收入总计 = 支出总计, 本年收入合计 = 本年支出合计).
    pub(super) fn balance(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        for (income, spending) in [("本年收入合计", "本年支出合计"), ("收入总计", "支出总计")]
        {
            let a = self.side_figure(t, 0, income);
            let b = self.side_figure(t, 1, spending);
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
    pub(super) fn income_side(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        let Some(&(label, amount)) = t.sides().first() else {
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
                .and_then(|row| row.cells.get(label))
                .map(|c| strip_spaces(c))
                .unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let Some(fig) = self.cell(t, r, amount) else {
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
    pub(super) fn expenditure_side(&mut self, key: &str) -> Result<(), Error> {
        let Some(t) = self.table(key) else {
            return Ok(());
        };
        let Some(&(label, amount)) = t.sides().get(1) else {
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
                .and_then(|row| row.cells.get(label))
                .cloned()
                .unwrap_or_default();
            if name.trim().is_empty() {
                continue;
            }
            let compact = strip_spaces(&name);
            let fig = self.cell(t, r, amount);
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
        let (f_label, f_label_en) = self.function_label();
        if rows.len() != functions.len() {
            self.note(
                "same.function",
                Status::Unverifiable,
                bi(
                    format!(
                        "{} 支出有 {} 个功能科目，{f_label} 有 {} 个，无法逐行对应科目编码",
                        t.label,
                        rows.len(),
                        functions.len()
                    ),
                    format!(
                        "{} lists {} functional classification rows of expenditure, {f_label_en} has {}: the rows cannot be matched to the codes one by one",
                        english::label(&t.label),
                        rows.len(),
                        functions.len()
                    ),
                ),
                vec![Location::Cell {
                    table: key.to_string(),
                    row: 0,
                    col: label,
                }],
            );
            return Ok(());
        }
        let mut coded: Vec<(String, Labelled)> = Vec::new();
        let mut checks = Vec::new();
        for ((r, name), function) in rows.iter().zip(functions.iter()) {
            let Some(fig) = self.cell(t, *r, amount) else {
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
                            "科目 {}：{} 写作“{}”，{f_label} 写作“{}”（按行序对应，同一科目名称不同）",
                            function.code, t.label, bare, function.name
                        ),
                        format!(
                            "code {}: {} names it “{}”, {f_label_en} “{}” (rows matched by order: the same code under different names)",
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
}

/// `一、一般公共服务支出` starts a group.
fn top_marker(name: &str) -> bool {
    name.split_once('、')
        .is_some_and(|(n, _)| parse_chinese_numeral(n).is_some())
}
