//! 表7, the functional table: per column the total = Σ 类 and the hierarchy; per row
//! total = basic + project.

use crate::error::Error;
use crate::model::Level;

use super::{bi, Checker, Labelled};

impl Checker<'_> {
    /// 表7: per column, the total row = Σ 类, 类 = Σ 款 = Σ 项; per row, total = basic + project.
    pub(super) fn function_table(&mut self) -> Result<(), Error> {
        let functions = self.budget.figures.functions.clone();
        if functions.is_empty() {
            return Ok(());
        }
        let (label, label_en) = self.function_label();
        let total_row = self
            .role_table("general-function")
            .and_then(|t| t.total_row());
        for (column, role) in [
            ("支出总计", "total"),
            ("基本支出", "basic"),
            ("项目支出", "project"),
        ] {
            let coded: Vec<(String, Labelled)> = functions
                .iter()
                .map(|f| {
                    let fig = match role {
                        "total" => &f.total,
                        "basic" => &f.basic,
                        _ => &f.project,
                    };
                    (f.code.clone(), self.labelled(fig))
                })
                .collect();
            self.hierarchy(
                &coded,
                &bi(
                    format!("{label} {column}"),
                    format!("{label_en} column “{column}”"),
                ),
            )?;
            if let (Some(t), Some(r)) = (self.role_table("general-function"), total_row) {
                if let Some(total) = self.cell_in(t, r, role) {
                    let classes: Vec<(i8, Labelled)> = coded
                        .iter()
                        .filter(|(c, _)| Level::of(c) == Level::Class)
                        .map(|(_, f)| (1, f.clone()))
                        .collect();
                    self.sum(
                        "table.sum",
                        &bi(
                            format!("{label} 合计 {column} = Σ 类"),
                            format!("{label_en} total row, column “{column}” = Σ classes"),
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
                    format!("{label} {} {} 支出总计 = 基本 + 项目", f.code, f.name),
                    format!(
                        "{label_en} “{} {}”, total = basic + project expenditure",
                        f.code, f.name
                    ),
                ),
                &total,
                &[(1, basic), (1, project)],
            )?;
        }
        if let (Some(t), Some(r)) = (self.role_table("general-function"), total_row) {
            if let (Some(total), Some(basic), Some(project)) = (
                self.cell_in(t, r, "total"),
                self.cell_in(t, r, "basic"),
                self.cell_in(t, r, "project"),
            ) {
                self.sum(
                    "table.split",
                    &bi(
                        format!("{label} 合计 支出总计 = 基本 + 项目"),
                        format!("{label_en} total row, total = basic + project expenditure"),
                    ),
                    &total,
                    &[(1, basic), (1, project)],
                )?;
            }
        }
        Ok(())
    }
}
