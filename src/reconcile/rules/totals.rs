//! The same quantity wherever it is printed: the total, income, basic and project
//! expenditure in 表1, 3, 6, 7, 11 and the narrative.

use std::collections::BTreeMap;

use crate::amount::is_amount;
use crate::error::{Error, Message};

use super::{bi, Checker, Labelled};

impl Checker<'_> {
    /// The same quantity wherever it is printed: the total, income, basic and project
    /// expenditure in 表1, 3, 6, 7, 11 and the narrative.
    pub(super) fn same_totals(&mut self) -> Result<(), Error> {
        let mut places: BTreeMap<&'static str, Vec<Labelled>> = BTreeMap::new();
        let mut add = |key: &'static str, fig: Option<Labelled>| {
            if let Some(f) = fig {
                places.entry(key).or_default().push(f);
            }
        };
        for role in ["summary", "appropriation-summary"] {
            if let Some(t) = self.role_table(role) {
                add("expenditure", self.side_figure(t, 1, "本年支出合计"));
                add("income", self.side_figure(t, 0, "本年收入合计"));
            }
        }
        if let Some(t) = self.role_table("expenditure") {
            for (key, role) in [
                ("expenditure", "total"),
                ("basic", "basic"),
                ("project", "project"),
            ] {
                add(key, self.cell_in(t, 0, role));
            }
        }
        if let Some(t) = self.role_table("general-function") {
            if let Some(r) = t.total_row() {
                add("expenditure", self.cell_in(t, r, "total"));
                add("basic", self.cell_in(t, r, "basic"));
                add("project", self.cell_in(t, r, "project"));
            }
        }
        if let Some(t) = self.role_table("performance") {
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
}
