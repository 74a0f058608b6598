//! 表11, the tasks: 金额合计 = Σ tasks; each task 总额 = 财政拨款 + 其他资金.

use crate::amount::is_amount;
use crate::error::Error;

use super::{bi, Checker, Labelled};

impl Checker<'_> {
    /// 表11: 金额合计 = Σ tasks (总额, 财政拨款, 其他资金); each task 总额 = 财政拨款 + 其他资金.
    pub(super) fn tasks(&mut self) -> Result<(), Error> {
        let tasks = self.budget.figures.tasks.clone();
        let Some(t) = self.role_table("performance") else {
            return Ok(());
        };
        let (label, label_en) = self.tasks_label();
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
                    format!("{label} {} 总额 = 财政拨款 + 其他资金", task.name),
                    format!(
                        "{label_en} task “{}”, total = fiscal appropriation + other funds",
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
                    format!("{label} 金额合计 {name} = Σ 任务"),
                    format!("{label_en} total row “金额合计”, {name_en} = Σ tasks"),
                ),
                &sum,
                &terms,
            )?;
        }
        Ok(())
    }
}
