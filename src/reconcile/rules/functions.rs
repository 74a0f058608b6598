//! 表7, the functional table: per column the total = Σ 类 and the hierarchy; per row
//! total = basic + project.

use crate::amount::is_amount;
use crate::error::{Error, Message};
use crate::model::Level;

use super::{bi, Checker, Labelled};

impl Checker<'_> {
    /// 表7: per column, the total row = Σ 类, 类 = Σ 款 = Σ 项; per row, total = basic + project.
    pub(super) fn function_table(&mut self) -> Result<(), Error> {
        let functions = self.budget.figures.functions.clone();
        if functions.is_empty() {
            return Ok(());
        }
        let total_row = self.role_table("general-function").and_then(|t| {
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
            if let (Some(t), Some(r)) = (self.role_table("general-function"), total_row) {
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
        if let (Some(t), Some(r)) = (self.role_table("general-function"), total_row) {
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
}
